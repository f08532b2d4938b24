use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CouncilSheetView;

/// The caller's own score sheet for a dossier their round's council is scoring.
#[server(endpoint = "get_council_sheet")]
pub async fn get_council_sheet(dossier_id: i64) -> Result<CouncilSheetView, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &SCORERS).await?;
        state.council.sheet(&caller, dossier_id).await?.ok_or(AppError::NotFound)
    })
    .await
}

/// The roles that sit and score in a council.
pub const SCORERS: [crate::domain::Role; 2] = [crate::domain::Role::CouncilChair, crate::domain::Role::CouncilMember];
