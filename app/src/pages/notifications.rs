use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{list_notifications, MarkNotificationsRead};
use crate::components::{action_error, portal_refusal, PageTitle, SessionChanges};
use crate::language::use_language;
use crate::model::{vietnamese_time, Notification};

/// The signed-in person's notifications: each step taken on their dossiers, newest first. Opening
/// the page marks nothing read (a link from another site could otherwise do it for them); the
/// button does, up to the newest one shown.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark_read = ServerAction::<MarkNotificationsRead>::new();
    // The header's count of new notifications follows.
    SessionChanges::follow(mark_read.value());
    let notifications = Resource::new(move || mark_read.version().get(), |_| list_notifications());
    let refusal = action_error(mark_read.value());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Thông báo")/>
        <Meta name="robots" content="noindex"/>
        <section class="portal">
            <h1>{t.tr("Thông báo")}</h1>
            <Transition fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match notifications.await {
                        Ok(list) if list.is_empty() => view! { <p>{t.tr("Chưa có thông báo nào.")}</p> }.into_any(),
                        Ok(list) => view! {
                            {newest_unread(&list).map(|up_to| view! {
                                <ActionForm action=mark_read>
                                    <input type="hidden" name="up_to" value=up_to/>
                                    <button type="submit" class="secondary">{t.tr("Đánh dấu tất cả là đã đọc")}</button>
                                    {move || refusal.get().map(|err| view! {
                                        <p class="error" role="alert">{err.message(t)}</p>
                                    })}
                                </ActionForm>
                            })}
                            <ul class="notifications">
                                {list.into_iter().map(|n| view! {
                                    <li class:unread=!n.read>
                                        <time datetime=n.at.clone()>{vietnamese_time(&n.at)}</time>
                                        {(!n.read).then(|| view! { " " <strong class="badge badge-new">{t.tr("Mới")}</strong> })}
                                        <p>{n.said(t).to_string()}</p>
                                        {n.dossier_id.map(|id| view! {
                                            <a href=format!("/ho-so-danh-gia/{id}")>{t.tr("Xem hồ sơ")}</a>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(err) => portal_refusal(err, "/thong-bao"),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The newest notification shown, when any shown is unread: marking stops there, so one that
/// arrives while the page is open stays new.
fn newest_unread(list: &[Notification]) -> Option<i64> {
    list.iter().any(|n| !n.read).then(|| list.iter().map(|n| n.id).max()).flatten()
}
