use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StaffDossier;

/// One dossier within the caller's reach, with what their role may do to it now; a dossier
/// outside it answers "not found", as a missing one does.
#[server(endpoint = "get_staff_dossier")]
pub async fn get_staff_dossier(dossier_id: i64) -> Result<StaffDossier, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::REVIEWERS).await?;
        state.back_office.dossier(&caller, dossier_id).await?.ok_or(AppError::NotFound)
    })
    .await
}
