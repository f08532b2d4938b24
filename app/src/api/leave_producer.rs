use leptos::prelude::*;

use crate::error::AppError;

/// Ends the signed-in person's acting for their producer; the owner cannot leave.
#[server(endpoint = "leave_producer")]
pub async fn leave_producer() -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        state.membership.leave(&caller).await?;
        leptos_axum::redirect("/ho-so?da_roi=1");
        Ok(())
    })
    .await
}
