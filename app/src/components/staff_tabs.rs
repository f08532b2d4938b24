use leptos::prelude::*;

/// The back office's lists, the current one marked for screen readers and the eye.
#[component]
pub fn StaffTabs(#[prop(into)] current: Signal<&'static str>) -> impl IntoView {
    const TABS: [(&str, &str); 6] = [
        ("/can-bo", "Cần xử lý"),
        ("/can-bo?tat_ca=1", "Tất cả"),
        ("/can-bo/dot-danh-gia", "Đợt đánh giá"),
        ("/can-bo/bao-cao", "Báo cáo"),
        ("/can-bo/nhap", "Nhập danh sách"),
        ("/can-bo/da-xoa", "Bản ghi đã xoá"),
    ];
    view! {
        <nav class="tabs" aria-label="Công việc của cán bộ">
            {TABS
                .into_iter()
                .map(|(href, label)| view! {
                    <a href=href aria-current=move || (current.get() == href).then_some("page")>{label}</a>
                })
                .collect_view()}
        </nav>
    }
}
