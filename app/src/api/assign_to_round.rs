use leptos::prelude::*;

use crate::error::AppError;

/// Puts a dossier the province is reviewing into one of its open rounds (province officers).
#[server(endpoint = "assign_to_round")]
pub async fn assign_to_round(round_id: i64, dossier_id: i64) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::ROUND_OFFICERS).await?;
        state.council.assign(&caller, round_id, dossier_id).await?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}"));
        Ok(())
    })
    .await
}
