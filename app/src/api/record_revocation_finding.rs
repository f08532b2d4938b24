use leptos::prelude::*;

use crate::error::AppError;

/// Records, on a catalog product's record, what was found that grounds revoking its
/// certificate, by the authority that would revoke it: the 15 days the law gives for the
/// decision (Art. 8) run from the day found, and the record shows them until it is recorded.
#[server(endpoint = "record_revocation_finding")]
pub async fn record_revocation_finding(
    product_id: i64,
    version: i64,
    finding_ground: String,
    found_on: String,
) -> Result<i64, AppError> {
    use crate::domain::{DecisionError, FieldError, RevocationFinding};
    use crate::language::Said;
    use crate::ports::ProductEdit;

    let typed = [("finding_ground", finding_ground.as_str()), ("found_on", &found_on)];
    crate::error::answered(super::edit_record::edit_record(
        &typed,
        |today| {
            RevocationFinding::parse(&finding_ground, &found_on, today).map_err(|refused| {
                let said = |e: DecisionError| {
                    let field = if e.field() == "ground" { "finding_ground" } else { "found_on" };
                    let message = match e {
                        DecisionError::BadDate => Said::text("Ngày phát hiện chưa đúng; hãy chọn ngày trong lịch."),
                        DecisionError::InFuture => Said::text("Ngày phát hiện không thể sau hôm nay."),
                        _ => Said::new(|language| e.message(language).to_string()),
                    };
                    FieldError::new(field, message)
                };
                refused.into_iter().map(said).collect::<Vec<_>>()
            })
        },
        |records, caller, finding| async move {
            records.edit_product(&caller, product_id, ProductEdit::Finding(&finding), version).await
        },
        &format!("/can-bo/san-pham/{product_id}?phat_hien=1"),
    ))
    .await
}
