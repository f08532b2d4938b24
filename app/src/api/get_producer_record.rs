use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerRecordView;

/// A producer's record with its edit history, for officers of its province.
#[server(endpoint = "get_producer_record")]
pub async fn get_producer_record(producer_id: i64) -> Result<ProducerRecordView, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        state.records.producer_record(&caller, producer_id).await?.ok_or(AppError::NotFound)
    })
    .await
}
