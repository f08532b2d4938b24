use leptos::prelude::*;

use crate::error::AppError;

/// Saves a producer's public facts if nobody saved them since `version`; a stale save is refused
/// with what the other officer changed, and the form keeps what was typed.
#[server(endpoint = "save_producer_record")]
pub async fn save_producer_record(
    producer_id: i64,
    version: i64,
    name: String,
    address: String,
    phone: String,
    website: String,
) -> Result<i64, AppError> {
    use crate::domain::ProducerRecord;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[("name", &name), ("address", &address), ("phone", &phone), ("website", &website)])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(keep)?;
        let record = ProducerRecord::parse(&name, &address, &phone, &website)
            .map_err(|e| keep(AppError::bad_input(e.field, e.message_vi, e.message_en)))?;
        let version = state
            .records
            .save_producer_record(&caller, producer_id, &record, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/chu-the/{producer_id}?da_luu=1"));
        Ok(version)
    })
    .await
}
