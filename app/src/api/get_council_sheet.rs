use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CouncilSheetView;

/// The caller's own score sheet for a dossier their round's council is scoring.
#[server(endpoint = "get_council_sheet")]
pub async fn get_council_sheet(dossier_id: i64) -> Result<CouncilSheetView, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &SCORERS).await.map_err(with_status)?;
    state
        .council
        .sheet(&caller, dossier_id)
        .await
        .map_err(|e| with_status(e.into()))?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// The roles that sit and score in a council.
pub const SCORERS: [crate::domain::Role; 2] = [crate::domain::Role::CouncilChair, crate::domain::Role::CouncilMember];
