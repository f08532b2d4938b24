use leptos::prelude::*;

use crate::error::AppError;

/// Takes a step of the process on a dossier within reach: return it for completion (with the
/// reasons), forward it, and the later steps as their roles allow.
#[server(endpoint = "act_on_dossier")]
pub async fn act_on_dossier(dossier_id: i64, version: i64, action: String, comment: String) -> Result<(), AppError> {
    use crate::domain::DossierAction;
    use crate::language::Said;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("comment", &comment), ("action", &action)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::REVIEWERS).await.map_err(keep)?;
        let step = DossierAction::from_code(&action).ok_or_else(|| {
            keep(AppError::bad_input("action", Said::text("Thao tác không hợp lệ; hãy tải lại trang.")))
        })?;
        state.back_office.act(&caller, dossier_id, step, Some(&comment), version).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?da_xu_ly={action}"));
        Ok(())
    })
    .await
}
