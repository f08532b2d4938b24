use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// The signed-in account, or `None`: anyone may ask who they are.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    crate::session::current_account(&state).await.map_err(with_status)
}
