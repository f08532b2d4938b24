//! Who is calling: the session cookie of the request, and setting or clearing it on the
//! response. Server-side only; the cookie is HttpOnly, so scripts in the page never see it.

use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use leptos::prelude::use_context;

use crate::domain::SESSION_IDLE_SECONDS;
use crate::error::AppError;
use crate::model::Account;
use crate::ports::{AppState, SessionStarted};

pub const SESSION_COOKIE: &str = "ocop_session";

/// The session token sent with this request, if any.
pub fn session_token() -> Option<String> {
    token_in(&use_context::<http::request::Parts>()?.headers)
}

/// The session token among these request headers (for handlers outside Leptos too).
pub fn token_in(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// The signed-in account, or `None` for an anonymous caller or an ended session.
pub async fn current_account(state: &AppState) -> Result<Option<Account>, AppError> {
    match session_token() {
        Some(token) => Ok(state.accounts.session(&token).await?),
        None => Ok(None),
    }
}

/// The signed-in account, or the error that asks the person to sign in.
pub async fn require_account(state: &AppState) -> Result<Account, AppError> {
    current_account(state).await?.ok_or(AppError::SignInRequired)
}

/// The signed-in person and the producer they act for; a person without a producer profile
/// is asked to file one first.
pub async fn require_producer(state: &AppState) -> Result<crate::ports::ProducerCaller, AppError> {
    let account = require_account(state).await?;
    match state.portal.producer_of(account.id).await? {
        Some(producer) => Ok(crate::ports::ProducerCaller { account_id: account.id, producer_id: producer.id }),
        None => Err(AppError::bad_input(
            "producer",
            "Hãy khai hồ sơ chủ thể sản xuất trước khi đăng ký sản phẩm.",
            "Please file the producer profile before registering products.",
        )),
    }
}

/// The signed-in person's active staff post, when it is one of `roles`; anyone else is
/// refused, whatever the page showed them.
pub async fn require_staff(
    state: &AppState,
    roles: &[crate::domain::Role],
) -> Result<crate::ports::StaffCaller, AppError> {
    let account = require_account(state).await?;
    match state.back_office.staff_post(account.id).await? {
        Some(post) if roles.contains(&post.role()) => Ok(crate::ports::StaffCaller { account_id: account.id, post }),
        _ => Err(AppError::Forbidden),
    }
}

/// Hands the new session to the browser and returns the account it belongs to.
pub fn start(state: &AppState, session: SessionStarted) -> Account {
    set_cookie(state, &session.token, SESSION_IDLE_SECONDS);
    session.account
}

/// Tells the browser to forget its session cookie.
pub fn clear(state: &AppState) {
    set_cookie(state, "", 0);
}

fn set_cookie(state: &AppState, token: &str, max_age: i64) {
    // Lax keeps the cookie off cross-site form posts (no CSRF through server functions) while
    // links from other sites still arrive signed in.
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    if let (Some(response), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
    {
        response.append_header(SET_COOKIE, value);
    }
}

/// Where to go after signing in: the page the person came from when it is one of ours, else
/// their account.
pub fn after_sign_in(next: Option<&str>) -> String {
    local_path(next).unwrap_or("/tai-khoan").to_string()
}

/// `next` when it is a path on this site, never another site's address (an open redirect).
pub fn local_path(next: Option<&str>) -> Option<&str> {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn after_sign_in_stays_on_this_site() {
        let cases: &[(Option<&str>, &str)] = &[
            (None, "/tai-khoan"),
            (Some("/ho-so"), "/ho-so"),
            (Some("/san-pham/1-mat-ong?x=1"), "/san-pham/1-mat-ong?x=1"),
            (Some("https://evil.example/"), "/tai-khoan"),
            (Some("//evil.example/"), "/tai-khoan"),
            (Some("/\\evil.example/"), "/tai-khoan"),
            (Some(""), "/tai-khoan"),
        ];
        for (next, expected) in cases {
            assert_eq!(super::after_sign_in(*next), *expected, "{next:?}");
        }
    }
}
