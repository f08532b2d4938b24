use leptos::prelude::*;

use crate::error::AppError;
use crate::model::RoundSummary;

/// The evaluation rounds of the caller's province.
#[server(endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<Vec<RoundSummary>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &PROVINCE_COUNCIL).await.map_err(with_status)?;
    state.council.rounds(&caller).await.map_err(|e| with_status(e.into()))
}

/// The province's people who see its rounds.
pub const PROVINCE_COUNCIL: [crate::domain::Role; 4] = {
    use crate::domain::Role::*;
    [ProvinceOfficer, AdvisoryMember, CouncilMember, CouncilChair]
};
