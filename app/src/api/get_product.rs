use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProductDetail;

/// A product's public page: anyone may read it.
#[server(endpoint = "get_product")]
pub async fn get_product(id: i64) -> Result<ProductDetail, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    let product = state.catalog.product(id).await.map_err(AppError::from);
    product.and_then(|found| found.ok_or(AppError::NotFound)).map_err(with_status)
}
