use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerProfile;

/// The producer the signed-in person acts for; `None` until they file a profile.
#[server(endpoint = "get_my_producer")]
pub async fn get_my_producer() -> Result<Option<ProducerProfile>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let account = crate::session::require_account(&state).await.map_err(with_status)?;
    state.portal.producer_of(account.id).await.map_err(|e| with_status(e.into()))
}
