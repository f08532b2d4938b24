use leptos::prelude::*;

use crate::error::AppError;

/// Takes a product out of the public catalog (a duplicate, an entry made in error), with the
/// reason, if nobody saved it since `version`. The record stays, for restoring.
#[server(endpoint = "delete_product_record")]
pub async fn delete_product_record(product_id: i64, version: i64, reason: String) -> Result<i64, AppError> {
    use crate::domain::deletion_reason;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("reason", &reason)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(keep)?;
        let reason =
            deletion_reason(&reason).map_err(|e| keep(AppError::bad_input(e.field, e.message_vi, e.message_en)))?;
        let version = state
            .records
            .delete_product_record(&caller, product_id, &reason, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/san-pham/{product_id}?da_xoa=1"));
        Ok(version)
    })
    .await
}
