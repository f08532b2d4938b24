use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CatalogStatistics;

/// The public statistics: anyone may read them.
#[server(endpoint = "get_statistics")]
pub async fn get_statistics() -> Result<CatalogStatistics, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    state.catalog.statistics().await.map_err(|err| with_status(err.into()))
}
