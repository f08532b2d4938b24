use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SubgroupChoice;

/// The 26 subgroups of the criteria set in force, for choosers; public reference data.
#[server(endpoint = "list_subgroups")]
pub async fn list_subgroups() -> Result<Vec<SubgroupChoice>, AppError> {
    use crate::error::with_status;

    let state = crate::ports::AppState::from_context().map_err(with_status)?;
    state.portal.subgroups().await.map_err(|e| with_status(e.into()))
}
