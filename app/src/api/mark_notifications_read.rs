use leptos::prelude::*;

use crate::error::AppError;

/// Marks the signed-in person's notifications read, up to the newest one their page showed.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(up_to: i64) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        Ok(state.accounts.mark_notifications_read(account.id, up_to).await?)
    })
    .await
}
