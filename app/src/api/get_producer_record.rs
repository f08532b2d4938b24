use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerRecordView;

/// A producer's record with its edit history, for officers of its province.
#[server(endpoint = "get_producer_record")]
pub async fn get_producer_record(producer_id: i64) -> Result<ProducerRecordView, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(with_status)?;
    state
        .records
        .producer_record(&caller, producer_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}
