use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DossierDetail;

/// One of the caller's dossiers with its score sheet; another producer's is "not found".
#[server(endpoint = "get_dossier")]
pub async fn get_dossier(id: i64) -> Result<DossierDetail, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_producer(&state).await.map_err(with_status)?;
    let dossier = state.portal.dossier(&caller, id).await.map_err(AppError::from);
    dossier.and_then(|found| found.ok_or(AppError::NotFound)).map_err(with_status)
}
