use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::language::use_language;

/// What a portal screen shows when its data is refused: the sign-in page (coming back `here`
/// after), the producer profile when none is filed yet, or the sentence.
pub fn portal_refusal(err: AppError, here: &str) -> AnyView {
    match err {
        AppError::SignInRequired => view! { <Redirect path=format!("/dang-nhap?tiep={here}")/> }.into_any(),
        AppError::BadInput { field, .. } if field == "producer" => view! { <Redirect path="/ho-so"/> }.into_any(),
        err => view! { <Refusal err/> }.into_any(),
    }
}

/// The refusal's sentence, in the reader's language.
#[component]
fn Refusal(err: AppError) -> impl IntoView {
    let t = use_language();
    view! { <p class="error" role="alert">{err.message(t)}</p> }
}
