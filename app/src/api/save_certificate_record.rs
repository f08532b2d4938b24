use leptos::prelude::*;

use crate::error::AppError;

/// Saves a catalog product's certificate facts as corrected from the paper decision, if nobody
/// saved the record since `version`; the form keeps what was typed when refused.
#[server(endpoint = "save_certificate_record")]
pub async fn save_certificate_record(
    product_id: i64,
    version: i64,
    stars: String,
    decision_number: String,
    decision_date: String,
    certificate_number: String,
    expires_on: String,
) -> Result<i64, AppError> {
    use crate::domain::CertificateRecord;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[
                ("stars", &stars),
                ("decision_number", &decision_number),
                ("decision_date", &decision_date),
                ("certificate_number", &certificate_number),
                ("expires_on", &expires_on),
            ])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(keep)?;
        let record = CertificateRecord::parse(
            &stars,
            &decision_number,
            &decision_date,
            &certificate_number,
            &expires_on,
            state.clock.today(),
        )
        .map_err(|e| keep(AppError::bad_input(e.field, e.message_vi, e.message_en)))?;
        let version = state
            .records
            .save_certificate_record(&caller, product_id, &record, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/san-pham/{product_id}?da_luu_gcn=1#giay-chung-nhan"));
        Ok(version)
    })
    .await
}
