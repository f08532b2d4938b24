use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ImportOutcome;

/// Imports the caller's uploaded list: all of it, or with `good_rows_only` the rows without
/// errors. A list with bad rows is refused whole otherwise, and the outcome says why.
#[server(endpoint = "run_import")]
pub async fn run_import(
    token: String,
    /// A checkbox: present when ticked.
    #[server(default)]
    good_rows_only: Option<String>,
) -> Result<ImportOutcome, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        state.imports.import(&caller, &token, good_rows_only.is_some()).await?.ok_or(AppError::NotFound)
    })
    .await
}
