use leptos::prelude::*;

use crate::components::{set_not_found_status, PageTitle};
use crate::language::use_language;

/// The page for any unknown address, answered with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    let language = use_language();
    let title = language.pick("Không tìm thấy trang", "Page not found");
    view! {
        <PageTitle text=title/>
        <section class="not-found">
            <h1>{title}</h1>
            <p>
                {language.pick(
                    "Địa chỉ này không có trên hệ thống. Hãy kiểm tra lại đường dẫn hoặc quay về trang chủ.",
                    "There is no page at this address. Check the link, or go back to the home page.",
                )}
            </p>
            <p><a href="/">{language.pick("Về trang chủ", "Home page")}</a></p>
        </section>
    }
}
