use leptos::prelude::*;

use crate::error::AppError;

/// Records an advisory opinion, a site visit or a lab-test request on a dossier the province
/// holds (province officers and the advisory team); a lab-test request reaches the producer.
#[server(endpoint = "add_dossier_note")]
pub async fn add_dossier_note(dossier_id: i64, kind: String, body: String) -> Result<(), AppError> {
    use crate::domain::{note_text, NoteKind, Role};
    use crate::language::Said;
    use crate::ports::{AppState, BackOfficeError};

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("kind", &kind), ("body", &body)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::ProvinceOfficer, Role::AdvisoryMember])
            .await
            .map_err(keep)?;
        let note_kind = NoteKind::from_code(&kind)
            .ok_or_else(|| keep(AppError::bad_input("kind", Said::text("Hãy chọn loại ghi nhận."))))?;
        let text = note_text(&body).map_err(|e| keep(BackOfficeError::Review(e).into()))?;
        state.back_office.add_note(&caller, dossier_id, note_kind, &text).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}#tham-dinh"));
        Ok(())
    })
    .await
}
