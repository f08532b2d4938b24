//! Who is calling a plain HTTP route (uploads, downloads), from the session cookie: the same
//! accounts and posts the server functions see through `session.rs`.

use app::domain::Role;
use app::ports::{AppState, StaffCaller};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The signed-in account, from the session cookie: `None` when nobody is signed in.
pub(crate) async fn signed_in_account(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<app::model::Account>, StatusCode> {
    let Some(token) = app::session::token_in(headers) else { return Ok(None) };
    state.accounts.session(&token).await.map_err(|_| StatusCode::SERVICE_UNAVAILABLE)
}

/// The signed-in officer calling, from the session cookie: `None` when nobody is signed in or
/// the account holds no active staff post.
pub(crate) async fn staff_caller(state: &AppState, headers: &HeaderMap) -> Result<Option<StaffCaller>, StatusCode> {
    let Some(account) = signed_in_account(state, headers).await? else { return Ok(None) };
    let post = state.back_office.staff_post(account.id).await.map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    Ok(post.map(|post| StaffCaller { account_id: account.id, post }))
}

/// The officer calling, if their role is one of `roles`; otherwise the answer to send: the
/// sign-in page, coming back to `page`, or 403 with `refusal` for an account without the role.
pub(crate) async fn staff_in_role(
    state: &AppState,
    headers: &HeaderMap,
    roles: &[Role],
    page: &str,
    refusal: &'static str,
) -> Result<StaffCaller, Response> {
    match staff_caller(state, headers).await {
        Ok(Some(caller)) if roles.contains(&caller.post.role()) => Ok(caller),
        Ok(Some(_)) => Err((StatusCode::FORBIDDEN, refusal).into_response()),
        // Signed in, but holding no staff post.
        Ok(None) if matches!(signed_in_account(state, headers).await, Ok(Some(_))) => {
            Err((StatusCode::FORBIDDEN, refusal).into_response())
        }
        Ok(None) => Err(Redirect::to(&format!("/dang-nhap?tiep={page}")).into_response()),
        Err(status) => Err(status.into_response()),
    }
}
