use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundDetail;

/// One round of the caller's province with its council and dossiers.
#[server(endpoint = "get_round")]
pub async fn get_round(round_id: i64) -> Result<RoundDetail, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::COUNCIL_PEOPLE).await?;
        state.council.round(&caller, round_id).await?.ok_or(AppError::NotFound)
    })
    .await
}
