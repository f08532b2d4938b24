use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerMembers;

/// Who acts for the caller's producer, and whom it has invited.
#[server(endpoint = "get_producer_members")]
pub async fn get_producer_members() -> Result<ProducerMembers, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        Ok(state.membership.members(&caller).await?)
    })
    .await
}
