use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StaffMember;

/// Every staff account, for administrators only.
#[server(endpoint = "list_staff")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    use crate::domain::Role;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        crate::session::require_staff(&state, &[Role::Administrator]).await?;
        Ok(state.back_office.staff().await?)
    })
    .await
}
