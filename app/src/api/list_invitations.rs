use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Invitation;

/// The invitations waiting for the signed-in person; none until their address is proven.
#[server(endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<Invitation>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        if !account.confirmed {
            return Ok(Vec::new());
        }
        Ok(state.membership.invitations_for(account.id).await?)
    })
    .await
}
