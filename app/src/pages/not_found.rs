use leptos::prelude::*;

use crate::components::{set_not_found_status, PageTitle};
use crate::language::use_language;

/// The page for any unknown address, answered with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    let t = use_language();
    let title = t.tr("Không tìm thấy trang");
    view! {
        <PageTitle text=title/>
        <section class="not-found">
            <h1>{title}</h1>
            <p>
                {t.tr("Địa chỉ này không có trên hệ thống. Hãy kiểm tra lại đường dẫn hoặc quay về trang chủ.")}
            </p>
            <p><a href="/">{t.tr("Về trang chủ")}</a></p>
        </section>
    }
}
