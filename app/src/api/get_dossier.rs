use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DossierDetail;

/// One of the caller's dossiers with its score sheet; another producer's is "not found".
#[server(endpoint = "get_dossier")]
pub async fn get_dossier(id: i64) -> Result<DossierDetail, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        state.portal.dossier(&caller, id).await?.ok_or(AppError::NotFound)
    })
    .await
}
