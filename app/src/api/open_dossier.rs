use leptos::prelude::*;

use crate::error::AppError;

/// Opens a dossier of the given kind for one of the caller's products, then goes to it.
#[server(endpoint = "open_dossier")]
pub async fn open_dossier(product_id: i64, kind: String) -> Result<i64, AppError> {
    use crate::domain::DossierKind;
    use crate::language::Said;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        let kind = DossierKind::ALL
            .into_iter()
            .find(|k| k.code() == kind)
            .ok_or_else(|| AppError::bad_input("kind", Said::text("Loại hồ sơ không hợp lệ.")))?;
        let id = state.portal.open_dossier(&caller, product_id, kind).await?;
        leptos_axum::redirect(&format!("/ho-so-danh-gia/{id}"));
        Ok(id)
    })
    .await
}
