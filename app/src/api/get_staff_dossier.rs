use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StaffDossier;

/// One dossier within the caller's reach, with what their role may do to it now; a dossier
/// outside it answers "not found", as a missing one does.
#[server(endpoint = "get_staff_dossier")]
pub async fn get_staff_dossier(dossier_id: i64) -> Result<StaffDossier, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &super::REVIEWERS).await.map_err(with_status)?;
    state
        .back_office
        .dossier(&caller, dossier_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}
