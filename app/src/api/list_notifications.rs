use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Notification;

/// The signed-in person's notifications, newest first; reading marks them read.
#[server(endpoint = "list_notifications")]
pub async fn list_notifications() -> Result<Vec<Notification>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let account = crate::session::require_account(&state).await.map_err(with_status)?;
    state.accounts.read_notifications(account.id).await.map_err(|e| with_status(e.into()))
}
