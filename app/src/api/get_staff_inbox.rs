use leptos::prelude::*;

use crate::error::AppError;
use crate::model::InboxRow;

/// The dossiers within the caller's reach: those awaiting their role, or `all` of them.
#[server(endpoint = "get_staff_inbox")]
pub async fn get_staff_inbox(all: bool) -> Result<Vec<InboxRow>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &REVIEWERS).await?;
        Ok(state.back_office.inbox(&caller, all).await?)
    })
    .await
}

/// The roles that work on dossiers (the administrator manages people, not dossiers).
pub const REVIEWERS: [crate::domain::Role; 6] = {
    use crate::domain::Role::*;
    [CommuneOfficer, ProvinceOfficer, AdvisoryMember, CouncilMember, CouncilChair, NationalOfficer]
};
