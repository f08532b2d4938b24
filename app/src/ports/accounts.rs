//! Accounts and sessions, with the sentences their refusals are told in.

use async_trait::async_trait;

use super::PortError;
use crate::domain::{NewPassword, SignInName};
use crate::error::AppError;
use crate::language::{Language, Said};
use crate::model::{Account, Notification};

/// Why an account step was refused; the server function turns it into a sentence.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Unknown name or wrong password: deliberately not told apart.
    #[error("wrong sign-in name or password")]
    WrongCredentials,
    /// Too many failed sign-ins on this name or from this address; try again in this many seconds.
    #[error("too many failed sign-ins: wait {seconds_left} s")]
    TooManyFailures { seconds_left: i64 },
    #[error("the password reset link is unknown, used or expired")]
    ResetLinkInvalid,
    #[error("the confirmation link is unknown, used or expired")]
    ConfirmationLinkInvalid,
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<AccountError> for AppError {
    fn from(err: AccountError) -> Self {
        match err {
            AccountError::WrongCredentials => {
                AppError::bad_input("password", Said::text("Sai tên đăng nhập hoặc mật khẩu."))
            }
            AccountError::TooManyFailures { seconds_left } => AppError::bad_input(
                "sign_in_name",
                Said::new(|language| {
                    // Under a minute in seconds, else in whole minutes rounded up.
                    let wait = match seconds_left {
                        ..=59 => language.tr_count("{count} giây", seconds_left as u64, &[("count", &seconds_left)]),
                        _ => {
                            let minutes = (seconds_left + 59) / 60;
                            language.tr_count("{count} phút", minutes as u64, &[("count", &minutes)])
                        }
                    };
                    language.tr_with(
                        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {wait}, hoặc đặt lại mật khẩu. Trên thiết bị \
                         bạn vẫn thường đăng nhập, bạn không phải chờ.",
                        &[("wait", &wait)],
                    )
                }),
            ),
            AccountError::ResetLinkInvalid => AppError::bad_input("token", Said::text("Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.")),
            AccountError::ConfirmationLinkInvalid => AppError::bad_input("token", Said::text("Liên kết xác nhận không đúng, đã dùng hoặc đã hết hạn. Hãy đăng nhập rồi yêu cầu gửi lại liên kết.")),
            AccountError::Port(err) => err.into(),
        }
    }
}

/// A session just opened. The tokens go into cookies and nowhere else: they are not
/// `Serialize`, so they can never be sent as data to the browser.
pub struct SessionStarted {
    pub token: String,
    pub account: Account,
    /// This device's token: it lets its holder sign in to this account without waiting for
    /// failures made elsewhere.
    pub device: String,
}

/// Where a sign-in comes from: the client's address, the device token its browser holds, and
/// the language its reader chose on the switch, if they did (kept for the account's mails; a
/// browser that never chose, such as a mail app's, changes nothing).
#[derive(Debug, Clone, Default)]
pub struct SignInFrom {
    pub address: String,
    pub device: Option<String>,
    pub language: Option<Language>,
}

/// Accounts and sessions. Password hashing and token generation happen behind this port, on
/// the server; the clock is the adapter's.
#[async_trait]
pub trait Accounts: Send + Sync {
    /// Opens an account that keeps drafts only, and sends a link to the address to prove it;
    /// when the name already has an account, its holder gets a message instead. The answer and
    /// the work are the same either way, so sign-up tells nobody who has an account. `next` is
    /// where the link leads after confirming (a path on this site, already checked); `language`
    /// is the one the form was read in, kept for the account's mails.
    async fn sign_up(
        &self,
        name: &SignInName,
        display_name: &str,
        password: &NewPassword,
        next: Option<&str>,
        language: Language,
    ) -> Result<(), AccountError>;
    /// Proves the address behind a link from [`Accounts::sign_up`]: the password chosen at
    /// sign-up must come with it, so that the holder of the address cannot be led to confirm
    /// an account someone else opened with it. Opens a session.
    async fn confirm_address(
        &self,
        token: &str,
        password: &str,
        from: &SignInFrom,
    ) -> Result<SessionStarted, AccountError>;
    /// Sends the account's address a new confirmation link, unless it is confirmed or a few
    /// live links already wait there.
    async fn resend_confirmation(&self, account_id: i64) -> Result<(), PortError>;
    async fn sign_in(
        &self,
        name: &SignInName,
        password: &str,
        from: &SignInFrom,
    ) -> Result<SessionStarted, AccountError>;
    /// The account behind a session token, if the session is still open.
    async fn session(&self, token: &str) -> Result<Option<Account>, PortError>;
    async fn sign_out(&self, token: &str) -> Result<(), PortError>;
    /// Ends every session of the account, on every device.
    async fn sign_out_everywhere(&self, account_id: i64) -> Result<(), PortError>;
    /// Sends a one-time reset link if an account has this name; says nothing either way.
    async fn start_password_reset(&self, name: &SignInName) -> Result<(), PortError>;
    /// Sets a new password from a reset link, ends every other session and opens a new one. The
    /// link came to the address, so the address is proven too.
    async fn reset_password(&self, token: &str, password: &NewPassword) -> Result<SessionStarted, AccountError>;
    /// The account's notifications, newest first. Reading changes nothing: a page opened by a
    /// link from another site must not mark them read for the person.
    async fn notifications(&self, account_id: i64) -> Result<Vec<Notification>, PortError>;
    /// Marks read the account's notifications up to `up_to` (the newest the person was shown),
    /// leaving any that arrived since unread.
    async fn mark_notifications_read(&self, account_id: i64, up_to: i64) -> Result<(), PortError>;
    /// Keeps the language the holder chose on the switch, for the mails sent to them.
    async fn set_language(&self, account_id: i64, language: Language) -> Result<(), PortError>;
}
