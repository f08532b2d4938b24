use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundSummary;

/// The evaluation rounds of the caller's council: their province's, or the central council's.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<Vec<RoundSummary>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &COUNCIL_PEOPLE).await?;
        Ok(state.council.rounds(&caller).await?)
    })
    .await
}

/// The people who see a council's rounds: its officer (the province's, or the national one for
/// the central council), its chair, members and advisers.
pub const COUNCIL_PEOPLE: [crate::domain::Role; 5] = {
    use crate::domain::Role::*;
    [ProvinceOfficer, NationalOfficer, AdvisoryMember, CouncilMember, CouncilChair]
};

/// The officers who plan a council's rounds, seat them and give them dossiers.
pub const ROUND_OFFICERS: [crate::domain::Role; 2] =
    [crate::domain::Role::ProvinceOfficer, crate::domain::Role::NationalOfficer];
