// One argument per form field, so the plain HTML form posts to it without JavaScript.
#![allow(clippy::too_many_arguments)]
use leptos::prelude::*;

use crate::error::AppError;

/// Saves a catalog product's certificate facts as corrected from the paper decision, if nobody
/// saved the record since `version`; the form keeps what was typed when refused.
#[server(endpoint = "save_certificate_record")]
pub async fn save_certificate_record(
    product_id: i64,
    version: i64,
    stars: String,
    // Absent from forms made before scores were kept: no score.
    #[server(default)] score: String,
    decision_number: String,
    decision_date: String,
    certificate_number: String,
    expires_on: String,
) -> Result<i64, AppError> {
    use crate::domain::CertificateRecord;
    use crate::ports::ProductEdit;

    let typed = [
        ("stars", stars.as_str()),
        ("score", &score),
        ("decision_number", &decision_number),
        ("decision_date", &decision_date),
        ("certificate_number", &certificate_number),
        ("expires_on", &expires_on),
    ];
    crate::error::answered(super::edit_record::edit_record(
        &typed,
        |today| {
            CertificateRecord::parse(
                &stars,
                &score,
                &decision_number,
                &decision_date,
                &certificate_number,
                &expires_on,
                today,
            )
        },
        |records, caller, record| async move {
            records.edit_product(&caller, product_id, ProductEdit::Certificate(&record), version).await
        },
        &format!("/can-bo/san-pham/{product_id}?da_luu_gcn=1#giay-chung-nhan"),
    ))
    .await
}
