use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;

/// Saves the commune's review (Mẫu 03) of a dossier it is checking: a finding and a note per
/// point (`finding[product_origin]=meets`), and whether the documents are complete.
#[server(endpoint = "save_commune_review")]
pub async fn save_commune_review(
    dossier_id: i64,
    version: i64,
    finding: Option<BTreeMap<String, String>>,
    note: Option<BTreeMap<String, String>>,
    documents_complete: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::{CommuneReview, Role};
    use crate::ports::{AppState, BackOfficeError};

    crate::error::answered(async move {
        let (finding, note) = (finding.unwrap_or_default(), note.unwrap_or_default());
        let kept: Vec<(String, String)> = finding
            .iter()
            .map(|(k, v)| (format!("finding_{k}"), v.clone()))
            .chain(note.iter().map(|(k, v)| (format!("note_{k}"), v.clone())))
            .chain(documents_complete.iter().map(|v| ("documents_complete".to_string(), v.clone())))
            .collect();
        let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let keep = |err: AppError| err.keeping(&kept);
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::CommuneOfficer]).await.map_err(keep)?;
        let review = CommuneReview::parse(&finding, &note, documents_complete.is_some())
            .map_err(|e| keep(BackOfficeError::Review(e).into()))?;
        let version = state
            .back_office
            .save_commune_review(&caller, dossier_id, &review, version)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect(&format!("/can-bo/ho-so/{dossier_id}?da_luu=1#mau-03"));
        Ok(version)
    })
    .await
}
