use leptos::prelude::*;

use crate::error::AppError;

/// Asks the holder of an e-mail address or phone number to act for the caller's producer. The
/// answer is the same whether or not anyone has an account with it.
#[server(endpoint = "invite_member")]
pub async fn invite_member(sign_in_name: String) -> Result<(), AppError> {
    use crate::domain::SignInName;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_confirmed_producer(&state).await.map_err(keep)?;
        let name = SignInName::parse(&sign_in_name).map_err(|e| keep(AppError::invalid("sign_in_name", &e)))?;
        state.membership.invite(&caller, &name).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/ho-so?da_moi=1");
        Ok(())
    })
    .await
}
