use leptos::prelude::*;

use crate::error::AppError;

/// Deactivates a staff account (signing it out everywhere) or reactivates it; administrators
/// only, and never their own.
#[server(endpoint = "set_staff_active")]
pub async fn set_staff_active(account_id: i64, active: bool) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_staff(&state, &[Role::Administrator]).await.map_err(with_status)?;
    state.back_office.set_active(&caller, account_id, active).await.map_err(|e| with_status(e.into()))?;
    leptos_axum::redirect("/can-bo/nhan-su");
    Ok(())
}
