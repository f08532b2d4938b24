use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StaffMember;

/// Every staff account, for administrators only.
#[server(endpoint = "list_staff")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    use crate::domain::Role;
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    crate::session::require_staff(&state, &[Role::Administrator]).await.map_err(with_status)?;
    state.back_office.staff().await.map_err(|e| with_status(e.into()))
}
