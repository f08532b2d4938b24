use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StampSheet;

/// A certified product's stamps, for the people of its producer and the officers who keep its
/// record; anyone else finds nothing.
#[server(endpoint = "get_stamp_sheet")]
pub async fn get_stamp_sheet(product_id: i64) -> Result<StampSheet, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let account = crate::session::require_account(&state).await.map_err(with_status)?;
    state
        .portal
        .stamp_sheet(account.id, product_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}
