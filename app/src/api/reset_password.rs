use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// Sets a new password from a one-time link; every other session of the account ends, and the
/// person is signed in here.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, password_again: String) -> Result<Account, AppError> {
    use crate::domain::NewPassword;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let password = NewPassword::parse(&password, &password_again).map_err(|e| AppError::invalid("password", &e))?;
        let session = state.accounts.reset_password(&token, &password).await?;
        let account = crate::session::start(&state, session);
        leptos_axum::redirect("/tai-khoan");
        Ok(account)
    })
    .await
}
