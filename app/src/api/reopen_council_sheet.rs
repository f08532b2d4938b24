use leptos::prelude::*;

use crate::error::AppError;

/// The chair sends a member's submitted sheet back for re-scoring.
#[server(endpoint = "reopen_council_sheet")]
pub async fn reopen_council_sheet(dossier_id: i64, account_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::CouncilChair]).await?;
        state.council.reopen_sheet(&caller, dossier_id, account_id).await?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?mo_lai=1#hoi-dong"));
        Ok(())
    })
    .await
}
