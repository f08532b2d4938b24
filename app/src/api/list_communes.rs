use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Place;

/// The communes of one province, for choosers; public reference data.
#[server(endpoint = "list_communes")]
pub async fn list_communes(province_code: String) -> Result<Vec<Place>, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    state.portal.communes(&province_code).await.map_err(|e| with_status(e.into()))
}
