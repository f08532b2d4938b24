use leptos::prelude::*;

use crate::error::AppError;

/// Accepts (`accept` set) or declines an invitation to act for a producer; accepting needs a
/// proven address, as the invitation went to it.
#[server(endpoint = "answer_invitation")]
pub async fn answer_invitation(invitation: i64, accept: Option<String>) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        if !account.confirmed {
            return Err(crate::session::address_unproven());
        }
        if accept.is_some() {
            state.membership.accept(account.id, invitation).await?;
            leptos_axum::redirect("/ho-so?da_nhan=1");
        } else {
            state.membership.decline(account.id, invitation).await?;
            leptos_axum::redirect("/ho-so?da_tu_choi=1");
        }
        Ok(())
    })
    .await
}
