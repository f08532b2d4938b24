use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// The signed-in account, or `None`: anyone may ask who they are.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        crate::session::current_account(&state).await
    })
    .await
}
