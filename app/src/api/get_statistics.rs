use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CatalogStatistics;

/// The public statistics: anyone may read them.
#[server(endpoint = "get_statistics")]
pub async fn get_statistics() -> Result<CatalogStatistics, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        Ok(state.catalog.statistics().await?)
    })
    .await
}
