use leptos::prelude::*;
use leptos_meta::Title;

/// The page for any unknown address, answered with a real 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <Title text="Không tìm thấy trang"/>
        <section class="not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ này không có trên hệ thống. Hãy kiểm tra lại đường dẫn hoặc quay về trang chủ."</p>
            <p><a href="/">"Về trang chủ"</a></p>
        </section>
    }
}
