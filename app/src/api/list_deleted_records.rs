use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DeletedRecord;

/// The products deleted from the catalog within the caller's reach, newest first.
#[server(endpoint = "list_deleted_records")]
pub async fn list_deleted_records() -> Result<Vec<DeletedRecord>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(with_status)?;
    state.records.deleted_product_records(&caller).await.map_err(|e| with_status(e.into()))
}
