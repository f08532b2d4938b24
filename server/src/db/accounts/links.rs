//! The one-time links an account's address is sent: to prove it, and to set a new password.
//! A few at most live at once per account, whichever form asks.

use app::domain::{SignInName, RESET_LINK_SECONDS};
use app::ports::PortError;

use super::{mails, SqlAccounts};
use crate::db::credentials::{new_token, password_link, token_hash};
use crate::db::port_error;
use crate::mail::Message;
use app::language::Language;

/// Reset or confirmation links one account may have unused and unexpired at once: asking
/// again must not become a way to flood someone's mailbox.
const MAX_LIVE_LINKS: i64 = 3;

const LIVE_RESET_LINKS: &str =
    "SELECT COUNT(*) FROM password_resets WHERE account_id = $1 AND expires_at > $2 AND used_at IS NULL";
const LIVE_CONFIRMATION_LINKS: &str =
    "SELECT COUNT(*) FROM address_confirmations WHERE account_id = $1 AND expires_at > $2";

/// How long a confirmation link sent at sign-up stays valid.
const CONFIRMATION_SECONDS: i64 = 24 * 3600;

impl SqlAccounts {
    /// A one-time link proving the account's address, leading to `next` once used.
    pub(super) async fn confirmation_link(&self, account_id: i64, next: Option<&str>) -> Result<String, PortError> {
        let token = new_token();
        sqlx::query("INSERT INTO address_confirmations (token_hash, account_id, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash(&token))
            .bind(account_id)
            .bind(self.db.clock.timestamp() + CONFIRMATION_SECONDS)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        let next: String = next
            .map(|path| format!("?tiep={}", form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()))
            .unwrap_or_default();
        Ok(format!("{}/xac-nhan/{token}{next}", self.public_url))
    }

    /// A reset link for the account named `name`, with its holder's name and language; `None`
    /// when there is no such account or it already has a few live links.
    pub(super) async fn reset_link_for(&self, name: &SignInName) -> Result<Option<ResetLink>, PortError> {
        let holder: Option<AccountHolder> =
            sqlx::query_as("SELECT id, display_name, sign_in_name, language FROM accounts WHERE sign_in_name = $1")
                .bind(name.as_str())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        let Some(holder) = holder else {
            tracing::info!("a link asked for a name without an account");
            return Ok(None);
        };
        if self.live_links(LIVE_RESET_LINKS, holder.id).await? >= MAX_LIVE_LINKS {
            tracing::info!("a reset link asked again while enough links are live; none sent");
            return Ok(None);
        }
        let link = password_link(&self.db, &self.public_url, holder.id, RESET_LINK_SECONDS).await?;
        Ok(Some(ResetLink { display_name: holder.display_name, language: Language::stored(&holder.language), link }))
    }

    /// Mails a reset link when the name has an account and not too many links are live.
    pub(super) async fn send_reset_link(&self, name: &SignInName) -> Result<(), PortError> {
        let Some(holder) = self.reset_link_for(name).await? else { return Ok(()) };
        self.send(mails::reset_password(holder.language, name.as_str(), &holder.display_name, &holder.link)).await
    }

    /// How many links the account has that `count` counts (by account, $1, live at $2).
    pub(super) async fn live_links(&self, count: &'static str, account_id: i64) -> Result<i64, PortError> {
        sqlx::query_scalar(count)
            .bind(account_id)
            .bind(self.db.clock.timestamp())
            .fetch_one(&self.db.pool)
            .await
            .map_err(port_error)
    }

    pub(super) async fn send(&self, message: Message) -> Result<(), PortError> {
        self.mailer.send(message).await.map_err(|err| PortError::Unavailable(format!("sending mail: {err}")))
    }

    /// A new confirmation link for an account not yet confirmed, unless a few are live already.
    pub(super) async fn resend_confirmation_link(&self, account_id: i64) -> Result<(), PortError> {
        let holder: Option<AccountHolder> = sqlx::query_as(
            "SELECT id, display_name, sign_in_name, language FROM accounts WHERE id = $1 AND confirmed_at IS NULL",
        )
        .bind(account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(holder) = holder else { return Ok(()) };
        if self.live_links(LIVE_CONFIRMATION_LINKS, holder.id).await? >= MAX_LIVE_LINKS {
            tracing::info!("confirmation asked again while enough links are live; none sent");
            return Ok(());
        }
        let link = self.confirmation_link(holder.id, None).await?;
        let language = Language::stored(&holder.language);
        self.send(mails::confirm_address_again(language, &holder.sign_in_name, &holder.display_name, &link)).await
    }
}

/// Whose account a link is sent for.
#[derive(sqlx::FromRow)]
struct AccountHolder {
    id: i64,
    display_name: String,
    sign_in_name: String,
    language: String,
}

/// A reset link made for an account, with what its mail says.
pub(super) struct ResetLink {
    pub display_name: String,
    pub language: Language,
    pub link: String,
}
