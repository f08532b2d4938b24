use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundSummary;

/// The evaluation rounds of the caller's province.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<Vec<RoundSummary>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &PROVINCE_COUNCIL).await?;
        Ok(state.council.rounds(&caller).await?)
    })
    .await
}

/// The province's people who see its rounds.
pub const PROVINCE_COUNCIL: [crate::domain::Role; 4] = {
    use crate::domain::Role::*;
    [ProvinceOfficer, AdvisoryMember, CouncilMember, CouncilChair]
};
