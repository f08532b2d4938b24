//! Who is calling: the session cookie of the request, and setting or clearing it on the
//! response. Server-side only; the cookie is HttpOnly, so scripts in the page never see it.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use http::header::SET_COOKIE;
use http::HeaderValue;
use leptos::prelude::use_context;

use crate::domain::SESSION_IDLE_SECONDS;
use crate::error::AppError;
use crate::language::Said;
use crate::model::Account;
use crate::ports::{AppState, SessionStarted};

pub const SESSION_COOKIE: &str = "ocop_session";
/// Names the browser as one its holder signed in from before (`crate::ports::SignInFrom`).
pub const DEVICE_COOKIE: &str = "ocop_device";
const DEVICE_COOKIE_SECONDS: i64 = 365 * 24 * 3600;

/// The session token sent with this request, if any.
pub fn session_token() -> Option<String> {
    token_in(&use_context::<http::request::Parts>()?.headers)
}

/// The session token among these request headers (for handlers outside Leptos too).
pub fn token_in(headers: &http::HeaderMap) -> Option<String> {
    cookie_in(headers, SESSION_COOKIE)
}

/// The cookie `name` among these request headers, unless empty (a cleared one).
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    jar.get(name).map(|cookie| cookie.value().to_string()).filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value for the whole site: `HttpOnly` unless the page's scripts may read it,
/// `Secure` when the site is served over https.
pub fn cookie_header(name: &str, value: &str, max_age_seconds: i64, http_only: bool, secure: bool) -> String {
    Cookie::build((name, value))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .http_only(http_only)
        // Lax keeps the cookie off cross-site form posts (no CSRF through server functions)
        // while links from other sites still arrive signed in.
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .to_string()
}

/// Where this sign-in comes from: the client's address (the last one the site's own proxy
/// appended, when it is behind one), the device cookie its browser holds and its language.
pub fn sign_in_from(state: &AppState) -> crate::ports::SignInFrom {
    let Some(parts) = use_context::<http::request::Parts>() else { return crate::ports::SignInFrom::default() };
    let forwarded = || {
        let list = parts.headers.get("x-forwarded-for")?.to_str().ok()?;
        Some(list.rsplit(',').next()?.trim().to_string())
    };
    let peer = || {
        let info = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?;
        Some(info.0.ip().to_string())
    };
    let address = if state.behind_proxy { forwarded() } else { None }.or_else(peer).unwrap_or_default();
    crate::ports::SignInFrom {
        address,
        device: cookie_in(&parts.headers, DEVICE_COOKIE),
        language: crate::language::Language::chosen_in(&parts.headers),
    }
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
        Some(producer) => Ok(crate::ports::ProducerCaller {
            account_id: account.id,
            producer_id: producer.id,
            confirmed: account.confirmed,
        }),
        None => Err(AppError::bad_input(
            "producer",
            Said::text("Hãy khai hồ sơ chủ thể sản xuất trước khi đăng ký sản phẩm."),
        )),
    }
}

/// The same, when the person has proved their address: what goes beyond the portal's own
/// drafts (submitting, inviting, acting for another producer) waits for that proof.
pub async fn require_confirmed_producer(state: &AppState) -> Result<crate::ports::ProducerCaller, AppError> {
    let caller = require_producer(state).await?;
    if caller.confirmed {
        Ok(caller)
    } else {
        Err(address_unproven())
    }
}

/// The refusal of a step that needs a proven address.
pub fn address_unproven() -> AppError {
    AppError::bad_input("account", Said::text("Hãy xác nhận email hoặc số điện thoại của bạn trước (mở liên kết chúng tôi đã gửi). Trang Tài khoản gửi lại liên kết nếu cần."))
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

/// Hands the new session and the device's token to the browser and returns the account.
pub fn start(state: &AppState, session: SessionStarted) -> Account {
    set_cookie(state, SESSION_COOKIE, &session.token, SESSION_IDLE_SECONDS);
    set_cookie(state, DEVICE_COOKIE, &session.device, DEVICE_COOKIE_SECONDS);
    session.account
}

/// Tells the browser to forget its session cookie (it stays a device its holder signed in from).
pub fn clear(state: &AppState) {
    set_cookie(state, SESSION_COOKIE, "", 0);
}

fn set_cookie(state: &AppState, name: &str, token: &str, max_age: i64) {
    let cookie = cookie_header(name, token, max_age, true, state.secure_cookies);
    if let (Some(response), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie))
    {
        response.append_header(SET_COOKIE, value);
    }
}

/// Where to go after signing in: the page the person came from when it is one of ours; else
/// where their work is: staff to their inbox (the administrator to the staff list), everyone
/// else to their account.
pub fn after_sign_in(next: Option<&str>, staff_role: Option<crate::domain::Role>) -> String {
    use crate::domain::Role;
    let home = match staff_role {
        Some(Role::Administrator) => "/can-bo/nhan-su",
        Some(Role::Producer) | None => "/tai-khoan",
        Some(_) => "/can-bo",
    };
    local_path(next).unwrap_or(home).to_string()
}

/// `next` when it is a path on this site, never another site's address (an open redirect).
pub fn local_path(next: Option<&str>) -> Option<&str> {
    let path = next?;
    // Browsers drop tabs and line breaks from an address and read a backslash as a slash, so
    // "/\t/ke-gian.example" would leave the site: such characters are refused, not cleaned.
    if !path.starts_with('/') || path.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return None;
    }
    // Then read as a browser reads it, against this site: it must stay here.
    let here = url::Url::parse("https://ocop.invalid/").ok()?;
    let there = here.join(path).ok()?;
    (there.origin() == here.origin()).then_some(path)
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
            (Some("/\t/evil.example/"), "/tai-khoan"),
            (Some("/\n/evil.example/"), "/tai-khoan"),
            (Some("/\r\n//evil.example/"), "/tai-khoan"),
            (Some("/ /evil.example/"), "/tai-khoan"),
            (Some("/\u{3000}/evil.example/"), "/tai-khoan"),
            (Some("/./\u{0}/evil.example"), "/tai-khoan"),
            (Some("ho-so"), "/tai-khoan"),
            (Some("/ho-so/../tai-khoan"), "/ho-so/../tai-khoan"),
            (Some("/%2F%2Fevil.example/"), "/%2F%2Fevil.example/"),
        ];
        for (next, expected) in cases {
            assert_eq!(super::after_sign_in(*next, None), *expected, "{next:?}");
        }
    }

    #[test]
    fn staff_land_where_their_work_is() {
        use crate::domain::Role;
        let cases: &[(Option<&str>, Option<Role>, &str)] = &[
            (None, Some(Role::CommuneOfficer), "/can-bo"),
            (None, Some(Role::CouncilMember), "/can-bo"),
            (None, Some(Role::NationalOfficer), "/can-bo"),
            (None, Some(Role::Administrator), "/can-bo/nhan-su"),
            (None, None, "/tai-khoan"),
            // The page they came from still comes first.
            (Some("/can-bo/ho-so/7"), Some(Role::ProvinceOfficer), "/can-bo/ho-so/7"),
            (Some("//evil.example/"), Some(Role::ProvinceOfficer), "/can-bo"),
        ];
        for (next, role, expected) in cases {
            assert_eq!(super::after_sign_in(*next, *role), *expected, "{next:?} {role:?}");
        }
    }
}
