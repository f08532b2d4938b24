use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProductRecordView;

/// A catalog product's record with its edit history, for officers of its province.
#[server(endpoint = "get_product_record")]
pub async fn get_product_record(product_id: i64) -> Result<ProductRecordView, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &RECORD_KEEPERS).await.map_err(with_status)?;
    state
        .records
        .product_record(&caller, product_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// Who keeps the catalog's records.
pub const RECORD_KEEPERS: [crate::domain::Role; 2] =
    [crate::domain::Role::ProvinceOfficer, crate::domain::Role::NationalOfficer];
