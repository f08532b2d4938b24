use leptos::prelude::*;

use crate::error::AppError;

/// Opens an account and sends a link to the address to prove it. Anyone may call it; the values
/// are parsed here because a request need not come from our form. The answer is the same
/// whether or not the address already has an account.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    display_name: String,
    sign_in_name: String,
    password: String,
    password_again: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{self, FieldError, NewPassword, Refusals, SignInName};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("display_name", &display_name), ("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        // Every refusal at once, in the form's order.
        let mut refusals = Refusals::default();
        let name =
            refusals.check(domain::display_name(&display_name).map_err(|e| FieldError::from_input("display_name", e)));
        let sign_in =
            refusals.check(SignInName::parse(&sign_in_name).map_err(|e| FieldError::from_input("sign_in_name", e)));
        let password = refusals
            .check(NewPassword::parse(&password, &password_again).map_err(|e| FieldError::from_input("password", e)));
        let all = || Some((name?, sign_in?, password?));
        let (name, sign_in, password) = refusals.outcome(all()).map_err(|refused| keep(AppError::refused(refused)))?;
        let next = crate::session::local_path(next.as_deref());
        state
            .accounts
            .sign_up(&sign_in, &name, &password, next, crate::language::Language::current())
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/dang-ky?da_gui=1");
        Ok(())
    })
    .await
}
