use leptos::prelude::*;

use crate::error::AppError;

/// Revokes a catalog product's certificate from its record, whoever issued it (an imported
/// list, a decision made here, the ministry), by the authority that did: the province's
/// officer for three and four stars, the national officer for five.
#[server(endpoint = "revoke_product_certificate")]
pub async fn revoke_product_certificate(
    product_id: i64,
    version: i64,
    revocation_ground: String,
    revocation_number: String,
    revocation_date: String,
) -> Result<i64, AppError> {
    use crate::domain::{DecisionError, FieldError, Revocation};
    use crate::ports::ProductEdit;

    let typed = [
        ("revocation_ground", revocation_ground.as_str()),
        ("revocation_number", &revocation_number),
        ("revocation_date", &revocation_date),
    ];
    crate::error::answered(super::edit_record::edit_record(
        &typed,
        |today| {
            Revocation::parse(&revocation_ground, &revocation_number, &revocation_date, today).map_err(|refused| {
                // Named as this form names its fields (the record's page has a decision of its own).
                let said = |e: DecisionError| FieldError {
                    field: match e.field() {
                        "decision_number" => "revocation_number",
                        "decision_date" => "revocation_date",
                        _ => "revocation_ground",
                    },
                    ..FieldError::from(e)
                };
                refused.into_iter().map(said).collect::<Vec<_>>()
            })
        },
        |records, caller, revocation| async move {
            records.edit_product(&caller, product_id, ProductEdit::Revoke(&revocation), version).await
        },
        &format!("/can-bo/san-pham/{product_id}?thu_hoi=1"),
    ))
    .await
}
