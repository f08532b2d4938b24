use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProductDetail;

/// A product's public page: anyone may read it.
#[server(endpoint = "get_product")]
pub async fn get_product(id: i64) -> Result<ProductDetail, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        state.catalog.product(id).await?.ok_or(AppError::NotFound)
    })
    .await
}
