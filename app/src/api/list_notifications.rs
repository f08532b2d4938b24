use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Notification;

/// The signed-in person's notifications, newest first (reading them marks nothing read).
#[server(endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<Notification>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        Ok(state.accounts.notifications(account.id).await?)
    })
    .await
}
