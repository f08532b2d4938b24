use leptos::prelude::*;

use crate::error::AppError;

/// Records the decision recognising a product (the province for 3★ and 4★, the national
/// officer after a referral): the certificate is issued and the product joins the catalog.
#[server(endpoint = "certify_dossier")]
pub async fn certify_dossier(
    dossier_id: i64,
    version: i64,
    decision_number: String,
    decision_date: String,
) -> Result<(), AppError> {
    use crate::domain::{Decision, FieldError, Role};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep =
            |err: AppError| err.keeping(&[("decision_number", &decision_number), ("decision_date", &decision_date)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::ProvinceOfficer, Role::NationalOfficer])
            .await
            .map_err(keep)?;
        let decision = Decision::parse(&decision_number, &decision_date, state.clock.today())
            .map_err(|refused| keep(AppError::refused(refused.into_iter().map(FieldError::from).collect())))?;
        state.back_office.certify(&caller, dossier_id, &decision, version).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?cong_nhan=1"));
        Ok(())
    })
    .await
}
