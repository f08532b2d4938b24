use leptos::prelude::*;

use crate::api::{current_account, COUNCIL_PEOPLE, RECORD_KEEPERS, REVIEWERS};
use crate::domain::Role;
use crate::language::use_language;

/// The back office's lists the caller's role may open (the same roles their server functions
/// accept, so no tab leads to a refusal), the current one marked for screen readers and the eye.
#[component]
pub fn StaffTabs(#[prop(into)] current: Signal<&'static str>) -> impl IntoView {
    let t = use_language();
    let tabs: [(&str, &str, &[Role]); 6] = [
        ("/can-bo", t.tr("Cần xử lý"), &REVIEWERS),
        ("/can-bo?tat_ca=1", t.tr("Tất cả"), &REVIEWERS),
        ("/can-bo/dot-danh-gia", t.tr("Đợt đánh giá"), &COUNCIL_PEOPLE),
        ("/can-bo/bao-cao", t.tr("Báo cáo"), &REVIEWERS),
        ("/can-bo/nhap", t.tr("Nhập danh sách"), &RECORD_KEEPERS),
        ("/can-bo/da-xoa", t.tr("Bản ghi đã xoá"), &RECORD_KEEPERS),
    ];
    let account = Resource::new(|| (), |_| current_account());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let role = account.await.ok().flatten().and_then(|account| account.staff_role);
                view! {
                    <nav class="tabs" aria-label=t.tr("Công việc của cán bộ")>
                        {tabs
                            .into_iter()
                            .filter(|(_, _, roles)| role.is_some_and(|role| roles.contains(&role)))
                            .map(|(href, label, _)| view! {
                                <a href=href aria-current=move || (current.get() == href).then_some("page")>{label}</a>
                            })
                            .collect_view()}
                    </nav>
                }
            })}
        </Suspense>
    }
}
