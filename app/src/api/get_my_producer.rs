use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerProfile;

/// The producer the signed-in person acts for; `None` until they file a profile.
#[server(endpoint = "get_my_producer")]
pub async fn get_my_producer() -> Result<Option<ProducerProfile>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        Ok(state.portal.producer_of(account.id).await?)
    })
    .await
}
