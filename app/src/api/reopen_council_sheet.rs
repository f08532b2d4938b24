use leptos::prelude::*;

use crate::error::AppError;

/// The chair sends a member's submitted sheet back for re-scoring.
#[server(endpoint = "reopen_council_sheet")]
pub async fn reopen_council_sheet(dossier_id: i64, account_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &[Role::CouncilChair]).await.map_err(with_status)?;
    state.council.reopen_sheet(&caller, dossier_id, account_id).await.map_err(|e| with_status(e.into()))?;
    leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?mo_lai=1#hoi-dong"));
    Ok(())
}
