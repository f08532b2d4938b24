use leptos::prelude::*;

use crate::error::AppError;

/// Closes an evaluation round once none of its dossiers awaits scoring (its chair or the
/// province officer).
#[server(endpoint = "close_round")]
pub async fn close_round(round_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &[Role::ProvinceOfficer, Role::CouncilChair])
        .await
        .map_err(with_status)?;
    state.council.close_round(&caller, round_id).await.map_err(|e| with_status(e.into()))?;
    leptos_axum::redirect(&format!("/can-bo/dot-danh-gia/{round_id}"));
    Ok(())
}
