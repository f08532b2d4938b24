use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SubgroupChoice;

/// The 26 subgroups of the criteria set in force, for choosers; public reference data.
#[server(endpoint = "list_subgroups")]
pub async fn list_subgroups() -> Result<Vec<SubgroupChoice>, AppError> {
    crate::error::answered(async move {
        let state = crate::ports::AppState::from_context()?;
        Ok(state.portal.subgroups().await?)
    })
    .await
}
