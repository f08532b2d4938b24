use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::list_notifications;
use crate::components::{portal_refusal, PageTitle};

/// The signed-in person's notifications: each step taken on their dossiers, newest first.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let notifications = Resource::new(|| (), |_| list_notifications());
    view! {
        <PageTitle text="Thông báo"/>
        <Meta name="robots" content="noindex"/>
        <section class="portal">
            <h1>"Thông báo"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match notifications.await {
                        Ok(list) if list.is_empty() => view! { <p>"Chưa có thông báo nào."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="notifications">
                                {list.into_iter().map(|n| view! {
                                    <li class:unread=!n.read>
                                        <time>{n.at}</time>
                                        {(!n.read).then(|| view! { " " <strong class="badge badge-new">"Mới"</strong> })}
                                        <p>{n.message}</p>
                                        {n.dossier_id.map(|id| view! {
                                            <a href=format!("/ho-so-danh-gia/{id}")>"Xem hồ sơ"</a>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(err) => portal_refusal(err, "/thong-bao"),
                    }
                })}
            </Suspense>
        </section>
    }
}
