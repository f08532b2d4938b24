use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ImportOutcome;

/// What importing the caller's uploaded list would do (a dry run: nothing is written).
#[server(endpoint = "preview_import")]
pub async fn preview_import(token: String) -> Result<ImportOutcome, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        state.imports.preview(&caller, &token).await?.ok_or(AppError::NotFound)
    })
    .await
}
