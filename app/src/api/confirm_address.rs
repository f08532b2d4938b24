use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// Proves the address behind a confirmation link, with the password chosen at sign-up, and
/// signs the person in.
#[server(endpoint = "confirm_address")]
pub async fn confirm_address(token: String, password: String, next: Option<String>) -> Result<Account, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let from = crate::session::sign_in_from(&state);
        let session = state.accounts.confirm_address(&token, &password, &from).await?;
        let account = crate::session::start(&state, session);
        leptos_axum::redirect(&crate::session::after_sign_in(next.as_deref(), account.staff_role));
        Ok(account)
    })
    .await
}
