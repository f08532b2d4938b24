use leptos::prelude::*;

use crate::error::AppError;

/// Saves the self-assessment (Mẫu 02) of one of the caller's dossiers, if nobody saved it
/// since `version`; returns the new version. Called as the producer goes, and by the plain form.
#[server(endpoint = "save_self_assessment")]
pub async fn save_self_assessment(
    dossier_id: i64,
    version: i64,
    choices: Option<crate::model::ChoiceFields>,
) -> Result<i64, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        let choices = crate::model::choices_from_fields(choices.unwrap_or_default());
        Ok(state.portal.save_self_assessment(&caller, dossier_id, &choices, version).await?)
    })
    .await
}
