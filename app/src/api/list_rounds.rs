use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundsView;

/// The evaluation rounds of the caller's council (their province's, or the central council's),
/// with the law's calendar and the dates of the term being filled now (Art. 5).
#[server(endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<RoundsView, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &COUNCIL_PEOPLE).await?;
        let rounds = state.council.rounds(&caller).await?;
        let level = caller.post.council().map(|of| of.level());
        let proposed = level.and_then(|level| level.proposed_round(state.clock.today()));
        Ok(RoundsView {
            rounds,
            calendar: level.map(|level| level.calendar_vi().to_string()),
            proposed_starts_on: proposed.map(|(starts_on, _)| starts_on.to_string()),
            proposed_ends_on: proposed.map(|(_, ends_on)| ends_on.to_string()),
        })
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
