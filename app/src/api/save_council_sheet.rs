use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;

/// Saves the caller's council sheet (choices and notes beside criteria) if nobody saved it
/// since `version`; returns the new version. Called as the member goes, and by the plain form.
#[server(endpoint = "save_council_sheet")]
pub async fn save_council_sheet(
    dossier_id: i64,
    version: i64,
    choices: Option<crate::model::ChoiceFields>,
    notes: Option<BTreeMap<String, String>>,
) -> Result<i64, AppError> {
    use crate::domain::criterion_notes;
    use crate::ports::{AppState, BackOfficeError};

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::SCORERS).await?;
        let choices = crate::model::choices_from_fields(choices.unwrap_or_default());
        let notes = crate::model::notes_from_fields(notes.unwrap_or_default());
        let notes = criterion_notes(notes).map_err(BackOfficeError::Round)?;
        Ok(state.council.save_sheet(&caller, dossier_id, &choices, &notes, version).await?)
    })
    .await
}
