use leptos::prelude::*;

use crate::error::AppError;

/// Puts a dossier the province is reviewing into one of its open rounds (province officers).
#[server(endpoint = "assign_to_round")]
pub async fn assign_to_round(round_id: i64, dossier_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &[Role::ProvinceOfficer]).await.map_err(with_status)?;
    state.council.assign(&caller, round_id, dossier_id).await.map_err(|e| with_status(e.into()))?;
    leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}"));
    Ok(())
}
