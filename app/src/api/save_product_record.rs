use leptos::prelude::*;

use crate::error::AppError;

/// Saves a catalog product's public facts if nobody saved them since `version`; a stale save is
/// refused with what the other officer changed, and the form keeps what was typed.
#[server(endpoint = "save_product_record")]
pub async fn save_product_record(
    product_id: i64,
    version: i64,
    name: String,
    description: String,
    phone: String,
    website: String,
    /// Absent from a form of an older page: nothing listed.
    #[server(default)]
    where_to_buy: String,
) -> Result<i64, AppError> {
    use crate::domain::ProductRecord;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[
                ("name", &name),
                ("description", &description),
                ("phone", &phone),
                ("website", &website),
                ("where_to_buy", &where_to_buy),
            ])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(keep)?;
        let record = ProductRecord::parse(&name, &description, &phone, &website, &where_to_buy)
            .map_err(|e| keep(AppError::bad_input(e.field, e.message_vi, e.message_en)))?;
        let version = state
            .records
            .save_product_record(&caller, product_id, &record, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/san-pham/{product_id}?da_luu=1"));
        Ok(version)
    })
    .await
}
