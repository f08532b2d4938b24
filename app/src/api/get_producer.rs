use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerDetail;

/// A producer's public page: anyone may read it.
#[server(endpoint = "get_producer")]
pub async fn get_producer(id: i64) -> Result<ProducerDetail, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        state.catalog.producer(id).await?.ok_or(AppError::NotFound)
    })
    .await
}
