use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundDetail;

/// One round of the caller's province with its council and dossiers.
#[server(endpoint = "get_round")]
pub async fn get_round(round_id: i64) -> Result<RoundDetail, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::PROVINCE_COUNCIL).await.map_err(with_status)?;
    state
        .council
        .round(&caller, round_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}
