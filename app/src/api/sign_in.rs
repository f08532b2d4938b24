use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Account;

/// Signs in with an e-mail address or phone number and a password. Repeated failures on a name
/// or from an address make the next attempts wait, longer each time, except from a device its
/// holder signed in from before (the adapter counts them in the database, across servers).
#[server(endpoint = "sign_in")]
pub async fn sign_in(sign_in_name: String, password: String, next: Option<String>) -> Result<Account, AppError> {
    use crate::domain::SignInName;
    use crate::language::Said;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| err.keeping(&[("sign_in_name", &sign_in_name)]);
        let state = AppState::from_context()?;
        let name = SignInName::parse(&sign_in_name).map_err(|e| keep(AppError::invalid("sign_in_name", &e)))?;
        if password.is_empty() {
            return Err(keep(AppError::bad_input("password", Said::text("Vui lòng nhập mật khẩu."))));
        }
        let from = crate::session::sign_in_from(&state);
        let session = state.accounts.sign_in(&name, &password, &from).await.map_err(|e| keep(e.into()))?;
        let account = crate::session::start(&state, session);
        leptos_axum::redirect(&crate::session::after_sign_in(next.as_deref(), account.staff_role));
        Ok(account)
    })
    .await
}
