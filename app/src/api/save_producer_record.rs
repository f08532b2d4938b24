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

    let typed = [("name", name.as_str()), ("address", &address), ("phone", &phone), ("website", &website)];
    crate::error::answered(super::edit_record::edit_record(
        &typed,
        |_| ProducerRecord::parse(&name, &address, &phone, &website),
        |records, caller, record| async move {
            records.save_producer_record(&caller, producer_id, &record, version).await
        },
        &format!("/can-bo/chu-the/{producer_id}?da_luu=1"),
    ))
    .await
}
