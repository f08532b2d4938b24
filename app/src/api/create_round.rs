use leptos::prelude::*;

use crate::error::AppError;

/// Opens an evaluation round in the caller's province (province officers only).
#[server(endpoint = "create_round")]
pub async fn create_round(
    name: String,
    starts_on: String,
    ends_on: String,
    /// Absent from a form of an older page: a sitting.
    #[server(default)]
    mode: String,
) -> Result<i64, AppError> {
    use crate::domain::{FieldError, RoundPlan};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[("name", &name), ("starts_on", &starts_on), ("ends_on", &ends_on), ("mode", &mode)])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::ROUND_OFFICERS).await.map_err(keep)?;
        let plan = RoundPlan::parse(&name, &starts_on, &ends_on, &mode)
            .map_err(|refused| keep(AppError::refused(refused.into_iter().map(FieldError::from).collect())))?;
        let id = state.council.create_round(&caller, &plan).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/dot-danh-gia/{id}"));
        Ok(id)
    })
    .await
}
