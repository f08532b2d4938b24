// One argument per form field, so the plain HTML form posts to it without JavaScript.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProducerProfile;

/// Files or updates the profile of the producer the signed-in person acts for. Only its members
/// reach it: the producer is found from the session, never from an id the browser sends.
#[server(endpoint = "save_producer_profile")]
pub async fn save_producer_profile(
    kind: String,
    name: String,
    tax_code: String,
    legal_representative: String,
    province_code: String,
    commune_code: String,
    address: String,
    phone: String,
    email: String,
    website: String,
) -> Result<ProducerProfile, AppError> {
    use crate::domain::{Profile, ProfileForm};
    use crate::ports::AppState;

    crate::error::answered(async move {
        let form = ProfileForm {
            kind,
            name,
            tax_code,
            legal_representative,
            province_code,
            commune_code,
            address,
            phone,
            email,
            website,
        };
        let keep = |err: AppError| err.keeping(&form.fields());
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await.map_err(keep)?;
        let profile = Profile::parse(&form).map_err(|refused| keep(AppError::refused(refused)))?;
        let saved = state.portal.save_profile(account.id, &profile).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/ho-so?da_luu=1");
        Ok(saved)
    })
    .await
}
