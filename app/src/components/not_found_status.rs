/// Answers the current server render with 404, so an unknown product, producer or stamp is a
/// real "not found" for browsers, crawlers and scripts. Does nothing in the browser.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
}
