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
    use crate::ports::ProductEdit;

    let typed = [
        ("name", name.as_str()),
        ("description", &description),
        ("phone", &phone),
        ("website", &website),
        ("where_to_buy", &where_to_buy),
    ];
    crate::error::answered(super::edit_record::edit_record(
        &typed,
        |_| ProductRecord::parse(&name, &description, &phone, &website, &where_to_buy),
        |records, caller, record| async move {
            records.edit_product(&caller, product_id, ProductEdit::Facts(&record), version).await
        },
        &format!("/can-bo/san-pham/{product_id}?da_luu=1"),
    ))
    .await
}
