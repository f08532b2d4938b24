use leptos::prelude::*;

use crate::error::AppError;

/// Whether the caller may import lists: those who keep the catalog's records (province and
/// national officers); refused, with the sentence for their account, otherwise. The import
/// page asks before it offers the upload, so that no one meets a form they cannot send.
#[server(endpoint = "may_import_lists")]
pub async fn may_import_lists() -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        Ok(())
    })
    .await
}
