use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// Opens an account and signs the person in. Anyone may call it; the values are parsed here
/// because a request need not come from our form.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    display_name: String,
    sign_in_name: String,
    password: String,
    password_again: String,
    next: Option<String>,
) -> Result<Account, AppError> {
    use crate::domain::{self, NewPassword, SignInName};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("display_name", &display_name), ("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        let name = domain::display_name(&display_name).map_err(|e| keep(AppError::invalid("display_name", &e)))?;
        let sign_in = SignInName::parse(&sign_in_name).map_err(|e| keep(AppError::invalid("sign_in_name", &e)))?;
        let password =
            NewPassword::parse(&password, &password_again).map_err(|e| keep(AppError::invalid("password", &e)))?;
        let session = state.accounts.sign_up(&sign_in, &name, &password).await.map_err(|e| keep(e.into()))?;
        let account = crate::session::start(&state, session);
        leptos_axum::redirect(&crate::session::after_sign_in(next.as_deref()));
        Ok(account)
    })
    .await
}
