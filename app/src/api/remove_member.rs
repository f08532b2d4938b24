use leptos::prelude::*;

use crate::error::AppError;

/// The owner of a producer's profile ends another member's acting for it.
#[server(endpoint = "remove_member")]
pub async fn remove_member(account_id: i64) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        state.membership.remove(&caller, account_id).await?;
        leptos_axum::redirect("/ho-so?da_bot=1");
        Ok(())
    })
    .await
}
