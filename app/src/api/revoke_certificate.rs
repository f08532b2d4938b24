use leptos::prelude::*;

use crate::error::AppError;

/// Revokes the certificate a dossier's decision issued, on one of the six grounds (province
/// officers of the product's province); the catalog and the stamp say so at once.
#[server(endpoint = "revoke_certificate")]
pub async fn revoke_certificate(
    dossier_id: i64,
    ground: String,
    decision_number: String,
    decision_date: String,
) -> Result<(), AppError> {
    use crate::domain::{FieldError, Revocation, Role};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[
                ("ground", &ground),
                ("decision_number", &decision_number),
                ("decision_date", &decision_date),
            ])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::ProvinceOfficer]).await.map_err(keep)?;
        let revocation = Revocation::parse(&ground, &decision_number, &decision_date, state.clock.today())
            .map_err(|refused| keep(AppError::refused(refused.into_iter().map(FieldError::from).collect())))?;
        state.back_office.revoke(&caller, dossier_id, &revocation).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?thu_hoi=1"));
        Ok(())
    })
    .await
}
