use leptos::prelude::*;

use crate::error::AppError;

/// Excludes a dossier the commune or the province is reviewing, on one of its score sheet's
/// grounds with what failed: it is not scored, and the producer is told why.
#[server(endpoint = "disqualify_dossier")]
pub async fn disqualify_dossier(dossier_id: i64, version: i64, ground: String, reason: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("ground", &ground), ("reason", &reason)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::CommuneOfficer, Role::ProvinceOfficer])
            .await
            .map_err(keep)?;
        state
            .back_office
            .disqualify(&caller, dossier_id, &ground, &reason, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?da_xu_ly=disqualify"));
        Ok(())
    })
    .await
}
