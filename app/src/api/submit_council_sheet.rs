use leptos::prelude::*;

use crate::error::AppError;

/// Submits the caller's complete council sheet; it is read-only after, unless the chair
/// reopens it.
#[server(endpoint = "submit_council_sheet")]
pub async fn submit_council_sheet(dossier_id: i64, version: i64) -> Result<(), AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::SCORERS).await.map_err(with_status)?;
    state.council.submit_sheet(&caller, dossier_id, version).await.map_err(|e| with_status(e.into()))?;
    leptos_axum::redirect(&format!("/can-bo/cham-diem/{dossier_id}?da_nop=1"));
    Ok(())
}
