use leptos::prelude::*;

use crate::error::AppError;

/// Sends a one-time reset link to the account's e-mail address or phone. The answer is the
/// same whether or not an account has the name, so the form cannot be used to find accounts.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(sign_in_name: String) -> Result<(), AppError> {
    use crate::domain::SignInName;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        let name = SignInName::parse(&sign_in_name).map_err(|e| keep(AppError::invalid("sign_in_name", &e)))?;
        state.accounts.start_password_reset(&name).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/quen-mat-khau?da_gui=1");
        Ok(())
    })
    .await
}
