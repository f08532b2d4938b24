use leptos::prelude::*;

use crate::error::AppError;

/// Deactivates a staff account (signing it out everywhere) or reactivates it; administrators
/// only, and never their own.
#[server(endpoint = "set_staff_active")]
pub async fn set_staff_active(account_id: i64, active: bool) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &[Role::Administrator]).await?;
        state.back_office.set_active(&caller, account_id, active).await?;
        leptos_axum::redirect("/can-bo/nhan-su");
        Ok(())
    })
    .await
}
