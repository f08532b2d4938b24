use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Place;

/// The communes of one province, for choosers; public reference data.
#[server(endpoint = "list_communes")]
pub async fn list_communes(province_code: String) -> Result<Vec<Place>, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        Ok(state.portal.communes(&province_code).await?)
    })
    .await
}
