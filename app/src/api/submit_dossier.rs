use leptos::prelude::*;

use crate::error::AppError;

/// Submits one of the caller's dossiers to the commune. Refused, with the list of what is
/// missing, while the self-assessment is incomplete; refused too when already submitted.
#[server(endpoint = "submit_dossier")]
pub async fn submit_dossier(dossier_id: i64, version: i64) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_confirmed_producer(&state).await?;
        state.portal.submit_dossier(&caller, dossier_id, version).await?;
        leptos_axum::redirect(&format!("/ho-so-danh-gia/{dossier_id}?da_nop=1"));
        Ok(())
    })
    .await
}
