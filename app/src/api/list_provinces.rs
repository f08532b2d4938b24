use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Place;

/// The 34 provinces of 2025, for choosers; public reference data.
#[server(endpoint = "list_provinces")]
pub async fn list_provinces() -> Result<Vec<Place>, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    state.portal.provinces().await.map_err(|e| with_status(e.into()))
}
