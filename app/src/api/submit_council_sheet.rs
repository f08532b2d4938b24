use leptos::prelude::*;

use crate::error::AppError;

/// Submits the caller's complete council sheet; it is read-only after, unless the chair
/// reopens it.
#[server(endpoint = "submit_council_sheet")]
pub async fn submit_council_sheet(dossier_id: i64, version: i64) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::SCORERS).await?;
        state.council.submit_sheet(&caller, dossier_id, version).await?;
        leptos_axum::redirect(&format!("/can-bo/cham-diem/{dossier_id}?da_nop=1"));
        Ok(())
    })
    .await
}
