use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DeletedRecord;

/// The products deleted from the catalog within the caller's reach, newest first.
#[server(endpoint = "list_deleted_records")]
pub async fn list_deleted_records() -> Result<Vec<DeletedRecord>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        Ok(state.records.deleted_product_records(&caller).await?)
    })
    .await
}
