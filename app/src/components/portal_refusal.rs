use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::AppError;

/// What a portal screen shows when its data is refused: the sign-in page (coming back `here`
/// after), the producer profile when none is filed yet, or the sentence.
pub fn portal_refusal(err: AppError, here: &str) -> AnyView {
    match err {
        AppError::SignInRequired => view! { <Redirect path=format!("/dang-nhap?tiep={here}")/> }.into_any(),
        AppError::BadInput { field, .. } if field == "producer" => view! { <Redirect path="/ho-so"/> }.into_any(),
        err => view! { <p class="error" role="alert">{err.message_vi()}</p> }.into_any(),
    }
}
