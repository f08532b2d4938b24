use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Place;

/// The 34 provinces of 2025, for choosers; public reference data.
#[server(endpoint = "list_provinces")]
pub async fn list_provinces() -> Result<Vec<Place>, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        Ok(state.portal.provinces().await?)
    })
    .await
}
