use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session, or with `everywhere` every session of the account on every device.
#[server(endpoint = "sign_out")]
pub async fn sign_out(everywhere: Option<String>) -> Result<(), AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let result = async {
        if everywhere.is_some() {
            let account = crate::session::require_account(&state).await?;
            state.accounts.sign_out_everywhere(account.id).await?;
        } else if let Some(token) = crate::session::session_token() {
            state.accounts.sign_out(&token).await?;
        }
        Ok(())
    }
    .await;
    // The cookie goes in any case: a person who asked to sign out is signed out here.
    crate::session::clear(&state);
    result.map_err(with_status)?;
    leptos_axum::redirect("/dang-nhap?da_dang_xuat=1");
    Ok(())
}
