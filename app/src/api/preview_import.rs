use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ImportOutcome;

/// What importing the caller's uploaded list would do (a dry run: nothing is written).
#[server(endpoint = "preview_import")]
pub async fn preview_import(token: String) -> Result<ImportOutcome, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(with_status)?;
    state
        .imports
        .preview(&caller, &token)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}
