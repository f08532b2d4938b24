use leptos::prelude::*;

use crate::error::AppError;

/// Puts a deleted product back in the public catalog as it was, if nobody changed it since
/// `version`.
#[server(endpoint = "restore_product_record")]
pub async fn restore_product_record(product_id: i64, version: i64) -> Result<i64, AppError> {
    use crate::ports::{AppState, ProductEdit};

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await?;
        let version = state.records.edit_product(&caller, product_id, ProductEdit::Restore, version).await?;
        leptos_axum::redirect(&format!("/can-bo/san-pham/{product_id}?khoi_phuc=1"));
        Ok(version)
    })
    .await
}
