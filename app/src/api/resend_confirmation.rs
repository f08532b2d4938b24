use leptos::prelude::*;

use crate::error::AppError;

/// Sends the signed-in person's address a new confirmation link.
#[server(endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let account = crate::session::require_account(&state).await?;
        state.accounts.resend_confirmation(account.id).await?;
        leptos_axum::redirect("/tai-khoan?da_gui=1");
        Ok(())
    })
    .await
}
