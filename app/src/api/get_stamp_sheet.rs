use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StampSheet;

/// A certified product's stamps, for the people of its producer and the officers who keep its
/// record; anyone else finds nothing.
#[server(endpoint = "get_stamp_sheet")]
pub async fn get_stamp_sheet(product_id: i64) -> Result<StampSheet, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        state.portal.stamp_sheet(account.id, product_id).await?.ok_or(AppError::NotFound)
    })
    .await
}
