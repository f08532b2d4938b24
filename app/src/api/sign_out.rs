use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session, or with `everywhere` every session of the account on every device.
#[server(endpoint = "sign_out")]
pub async fn sign_out(everywhere: Option<String>) -> Result<(), AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let result = async {
            if everywhere.is_some() {
                let account = crate::session::require_account(&state).await?;
                state.accounts.sign_out_everywhere(account.id).await?;
            } else if let Some(token) = crate::session::session_token() {
                state.accounts.sign_out(&token).await?;
            }
            Ok::<_, AppError>(())
        }
        .await;
        // The cookie goes in any case: a person who asked to sign out is signed out here.
        crate::session::clear(&state);
        result?;
        leptos_axum::redirect("/dang-nhap?da_dang_xuat=1");
        Ok(())
    })
    .await
}
