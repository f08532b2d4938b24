use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerDetail;

/// A producer's public page: anyone may read it.
#[server(endpoint = "get_producer")]
pub async fn get_producer(id: i64) -> Result<ProducerDetail, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    let producer = state.catalog.producer(id).await.map_err(AppError::from);
    producer.and_then(|found| found.ok_or(AppError::NotFound)).map_err(with_status)
}
