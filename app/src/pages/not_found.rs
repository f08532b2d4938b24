use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::set_not_found_status;

/// The page for any unknown address, answered with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    view! {
        <Title text="Không tìm thấy trang"/>
        <section class="not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ này không có trên hệ thống. Hãy kiểm tra lại đường dẫn hoặc quay về trang chủ."</p>
            <p><a href="/">"Về trang chủ"</a></p>
        </section>
    }
}
