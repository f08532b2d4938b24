use leptos::prelude::*;

use crate::error::AppError;

/// Takes a product out of the public catalog (a duplicate, an entry made in error), with the
/// reason, if nobody saved it since `version`. The record stays, for restoring.
#[server(endpoint = "delete_product_record")]
pub async fn delete_product_record(product_id: i64, version: i64, reason: String) -> Result<i64, AppError> {
    use crate::domain::deletion_reason;
    use crate::ports::ProductEdit;

    crate::error::answered(super::edit_record::edit_record(
        &[("reason", &reason)],
        |_| deletion_reason(&reason),
        |records, caller, reason| async move {
            records.edit_product(&caller, product_id, ProductEdit::Delete { reason: &reason }, version).await
        },
        &format!("/can-bo/san-pham/{product_id}?da_xoa=1"),
    ))
    .await
}
