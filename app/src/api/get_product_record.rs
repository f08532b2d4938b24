use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProductRecordView;

/// A catalog product's record with its edit history, for officers of its province.
#[server(endpoint = "get_product_record")]
pub async fn get_product_record(product_id: i64) -> Result<ProductRecordView, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &RECORD_KEEPERS).await?;
        state.records.product_record(&caller, product_id).await?.ok_or(AppError::NotFound)
    })
    .await
}

/// Who keeps the catalog's records.
pub const RECORD_KEEPERS: [crate::domain::Role; 2] =
    [crate::domain::Role::ProvinceOfficer, crate::domain::Role::NationalOfficer];
