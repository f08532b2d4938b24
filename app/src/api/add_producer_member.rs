use leptos::prelude::*;

use crate::error::AppError;

/// Lets another person (who has an account) act for the caller's producer.
#[server(endpoint = "add_producer_member")]
pub async fn add_producer_member(sign_in_name: String) -> Result<(), AppError> {
    use crate::domain::SignInName;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await.map_err(keep)?;
        let name = SignInName::parse(&sign_in_name).map_err(|e| keep(AppError::invalid("sign_in_name", &e)))?;
        state.portal.add_member(&caller, &name).await.map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/ho-so?da_them=1");
        Ok(())
    })
    .await
}
