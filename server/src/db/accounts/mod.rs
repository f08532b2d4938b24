//! Accounts and sessions in the database. Passwords are argon2id hashes; session and reset
//! tokens are random and only their SHA-256 hashes are stored.

use std::sync::Arc;

use app::domain::{
    NewPassword, SignInName, SignInThrottle, FREE_FAILURES_BY_NAME, FREE_FAILURES_BY_SOURCE, SESSION_IDLE_SECONDS,
};
use app::language::{Language, Said};
use app::model::{Account, Notification};
use app::ports::{AccountError, Accounts, PortError, SessionStarted, SignInFrom};
use async_trait::async_trait;

use super::codes::{date_of, from_code, time_of};
use super::credentials::{hash_password, new_token, token_hash, verify_password};
use super::{port_error, Database};
use throttle::CountedBy;

mod links;
mod mails;
mod throttle;
use crate::mail::Mailer;

/// How long a request for a reset link takes at least: more than the work and the mail of a
/// name with an account usually take.
const RESET_ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(600);

pub struct SqlAccounts {
    db: Database,
    mailer: Arc<dyn Mailer>,
    public_url: String,
}

impl SqlAccounts {
    pub fn new(db: Database, mailer: Arc<dyn Mailer>, public_url: &str) -> Self {
        SqlAccounts { db, mailer, public_url: public_url.trim_end_matches('/').to_string() }
    }

    /// Opens a session for `account` on the device presenting `device` (a new device gets a
    /// token of its own).
    async fn open_session(&self, account: Account, device: Option<&str>) -> Result<SessionStarted, PortError> {
        let token = new_token();
        let now = self.db.clock.timestamp();
        sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash(&token))
            .bind(account.id)
            .bind(now)
            .bind(now + SESSION_IDLE_SECONDS)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        let device = throttle::remember_device(&self.db, account.id, device).await?;
        Ok(SessionStarted { token, account, device })
    }
}

#[async_trait]
impl Accounts for SqlAccounts {
    async fn sign_up(
        &self,
        name: &SignInName,
        display_name: &str,
        password: &NewPassword,
        next: Option<&str>,
        language: Language,
    ) -> Result<(), AccountError> {
        // Hashed whether or not the name is free: the same work either way.
        let hash = hash_password(password.expose()).await?;
        let inserted = sqlx::query_scalar(
            "INSERT INTO accounts (sign_in_name, display_name, password_hash, created_at, language)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sign_in_name) DO NOTHING RETURNING id",
        )
        .bind(name.as_str())
        .bind(display_name)
        .bind(hash)
        .bind(self.db.clock.timestamp())
        .bind(language.code())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let message = match inserted {
            Some(id) => {
                let link = self.confirmation_link(id, next).await?;
                mails::confirm_address(language, name.as_str(), display_name, &link)
            }
            // In the holder's language, not the form's: the holder may not be who typed it.
            None => match self.reset_link_for(name).await? {
                Some(holder) => mails::address_taken(holder.language, name.as_str(), &holder.link),
                None => return Ok(()),
            },
        };
        self.send(message).await?;
        Ok(())
    }

    async fn confirm_address(
        &self,
        token: &str,
        password: &str,
        from: &SignInFrom,
    ) -> Result<SessionStarted, AccountError> {
        let name: Option<String> = sqlx::query_scalar(
            "SELECT a.sign_in_name FROM address_confirmations c JOIN accounts a ON a.id = c.account_id
             WHERE c.token_hash = $1 AND c.expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(self.db.clock.timestamp())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(name) = name else { return Err(AccountError::ConfirmationLinkInvalid) };
        let name = SignInName::parse(&name).map_err(|err| PortError::Internal(format!("stored name: {err:?}")))?;
        // The sign-in's own checks: its waits after failures, and no word on which part was wrong.
        let mut session = self.sign_in(&name, password, from).await?;
        let now = self.db.clock.timestamp();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        sqlx::query("UPDATE accounts SET confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2")
            .bind(now)
            .bind(session.account.id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        sqlx::query("DELETE FROM address_confirmations WHERE account_id = $1")
            .bind(session.account.id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        tx.commit().await.map_err(port_error)?;
        session.account.confirmed = true;
        Ok(session)
    }

    async fn resend_confirmation(&self, account_id: i64) -> Result<(), PortError> {
        self.resend_confirmation_link(account_id).await
    }

    async fn sign_in(
        &self,
        name: &SignInName,
        password: &str,
        from: &SignInFrom,
    ) -> Result<SessionStarted, AccountError> {
        let now = self.db.clock.timestamp();
        // A device its holder signed in from before does not wait for failures made elsewhere:
        // nobody can keep a person out by failing on their name.
        let known = throttle::known_device(&self.db, from.device.as_deref(), name).await?;
        let by_name = throttle::read(&self.db, CountedBy::Name, name.as_str()).await?;
        let by_source = throttle::read(&self.db, CountedBy::Source, &from.address).await?;
        let wait = |name: SignInThrottle, source: SignInThrottle, now: i64| {
            let until = name.waiting_at(now).into_iter().chain(source.waiting_at(now)).max()?;
            (!known).then_some(AccountError::TooManyFailures { seconds_left: until - now })
        };
        if let Some(refusal) = wait(by_name, by_source, now) {
            return Err(refusal);
        }
        let row: Option<AccountRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{ACCOUNT_SELECT} WHERE a.sign_in_name = $1")))
                .bind(name.as_str())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        // An unknown name costs the same hashing time as a known one, so timing tells nothing.
        let matches = verify_password(password, row.as_ref().map(|r| r.password_hash.clone())).await?;
        match row {
            Some(row) if matches => {
                throttle::forget(&self.db, name).await?;
                if let Some(language) = from.language {
                    // The sign-in stands whatever happens to this: only the mails' language is at stake.
                    if let Err(err) = self.set_language(row.id, language).await {
                        tracing::warn!(error = %err, "the account's language was not kept at sign-in");
                    }
                }
                Ok(self.open_session(row.into(), from.device.as_deref()).await?)
            }
            _ => {
                let name_after =
                    throttle::record_failure(&self.db, CountedBy::Name, name.as_str(), by_name, FREE_FAILURES_BY_NAME)
                        .await?;
                let source_after = throttle::record_failure(
                    &self.db,
                    CountedBy::Source,
                    &from.address,
                    by_source,
                    FREE_FAILURES_BY_SOURCE,
                )
                .await?;
                // From when the failure was counted: the password check took a while.
                let counted = name_after.last_failure_at;
                Err(wait(name_after, source_after, counted).unwrap_or(AccountError::WrongCredentials))
            }
        }
    }

    async fn session(&self, token: &str) -> Result<Option<Account>, PortError> {
        let now = self.db.clock.timestamp();
        let row: Option<AccountRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ACCOUNT_SELECT} JOIN sessions s ON s.account_id = a.id WHERE s.token_hash = $1 AND s.expires_at > $2"
        )))
        .bind(token_hash(token))
        .bind(now)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(row) = row else { return Ok(None) };
        // Sliding expiry, written at most once a day per session rather than on every request.
        let expires_at: i64 = sqlx::query_scalar("SELECT expires_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .fetch_one(&self.db.pool)
            .await
            .map_err(port_error)?;
        if expires_at - now < SESSION_IDLE_SECONDS - 24 * 3600 {
            sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
                .bind(now + SESSION_IDLE_SECONDS)
                .bind(token_hash(token))
                .execute(&self.db.pool)
                .await
                .map_err(port_error)?;
        }
        Ok(Some(row.into()))
    }

    async fn sign_out(&self, token: &str) -> Result<(), PortError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn sign_out_everywhere(&self, account_id: i64) -> Result<(), PortError> {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn start_password_reset(&self, name: &SignInName) -> Result<(), PortError> {
        // A name with an account costs a link and a message, one without costs nothing: the
        // answer waits for a fixed time either way, so its timing tells nobody which it was.
        let answer_at = tokio::time::Instant::now() + RESET_ANSWER_FLOOR;
        let sent = self.send_reset_link(name).await;
        tokio::time::sleep_until(answer_at).await;
        if let Err(err) = sent {
            // Said to nobody but the log: a failure only a real account can meet would tell.
            tracing::error!(error = %err, "a password reset link could not be sent");
        }
        Ok(())
    }

    async fn reset_password(&self, token: &str, password: &NewPassword) -> Result<SessionStarted, AccountError> {
        let hash = hash_password(password.expose()).await?;
        let now = self.db.clock.timestamp();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        // Marking the link used in the same statement that checks it: two clicks, one reset.
        let used: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
             RETURNING account_id",
        )
        .bind(now)
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await
        .map_err(port_error)?;
        let Some(account_id) = used else { return Err(AccountError::ResetLinkInvalid) };
        // The link came to the address: setting a password through it proves the address too.
        sqlx::query("UPDATE accounts SET password_hash = $1, confirmed_at = COALESCE(confirmed_at, $3) WHERE id = $2")
            .bind(hash)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        // Each statement gets exactly its own parameters: PostgreSQL caches a prepared statement
        // with the parameter count of its first use, and the same text is used elsewhere.
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        sqlx::query("UPDATE password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL")
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        let row: AccountRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{ACCOUNT_SELECT} WHERE a.id = $1")))
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
        let account = Account::from(row);
        sqlx::query("DELETE FROM sign_in_throttle WHERE sign_in_name = $1")
            .bind(&account.sign_in_name)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        tx.commit().await.map_err(port_error)?;
        Ok(self.open_session(account, None).await?)
    }

    async fn notifications(&self, account_id: i64) -> Result<Vec<Notification>, PortError> {
        let rows: Vec<NotificationRow> = sqlx::query_as(
            "SELECT id, dossier_id, message, message_en, created_at, read_at FROM notifications WHERE account_id = $1
             ORDER BY id DESC LIMIT 200",
        )
        .bind(account_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(rows.into_iter().map(Notification::from).collect())
    }

    async fn mark_notifications_read(&self, account_id: i64, up_to: i64) -> Result<(), PortError> {
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND id <= $3 AND read_at IS NULL")
            .bind(self.db.clock.timestamp())
            .bind(account_id)
            .bind(up_to)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn set_language(&self, account_id: i64, language: Language) -> Result<(), PortError> {
        // Written only when it changes: a sign-in in the same language writes nothing.
        sqlx::query("UPDATE accounts SET language = $1 WHERE id = $2 AND language <> $1")
            .bind(language.code())
            .bind(account_id)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }
}

/// An account with its active staff role and unread notifications.
const ACCOUNT_SELECT: &str =
    "SELECT a.id, a.display_name, a.sign_in_name, a.password_hash, a.created_at, a.confirmed_at, sp.role,
        (SELECT COUNT(*) FROM notifications n WHERE n.account_id = a.id AND n.read_at IS NULL) AS unread_notifications
    FROM accounts a LEFT JOIN staff_posts sp ON sp.account_id = a.id AND sp.deactivated_at IS NULL";

/// An account as `ACCOUNT_SELECT` reads it; the hash is for sign-in only and never leaves here.
#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    display_name: String,
    sign_in_name: String,
    password_hash: String,
    created_at: i64,
    confirmed_at: Option<i64>,
    role: Option<String>,
    unread_notifications: i64,
}

impl From<AccountRow> for Account {
    fn from(row: AccountRow) -> Self {
        Account {
            id: row.id,
            display_name: row.display_name,
            sign_in_name: row.sign_in_name,
            created_on: date_of(row.created_at),
            staff_role: row.role.and_then(|role| from_code(role).ok()),
            unread_notifications: row.unread_notifications,
            confirmed: row.confirmed_at.is_some(),
        }
    }
}

/// A notification; read once `read_at` is set.
#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    dossier_id: Option<i64>,
    message: String,
    message_en: Option<String>,
    created_at: i64,
    read_at: Option<i64>,
}

impl From<NotificationRow> for Notification {
    fn from(row: NotificationRow) -> Self {
        Notification {
            id: row.id,
            dossier_id: row.dossier_id,
            // Written before notifications were said in English too, a row has none.
            message: Said::kept(
                std::iter::once((Language::Vi, row.message))
                    .chain(row.message_en.map(|english| (Language::En, english))),
            ),
            at: time_of(row.created_at),
            read: row.read_at.is_some(),
        }
    }
}
