//! Passwords and one-time links: argon2id hashes, random tokens kept only as SHA-256 hashes,
//! and accounts invited to set their first password. Shared by the accounts and the staff
//! appointments of the review.

use std::sync::OnceLock;

use app::domain::{NewPassword, SignInName};
use app::ports::PortError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{port_error, Database};
use crate::core_slots::CoreSlots;

/// Creates an account nobody can sign in to until its holder sets a password through a link
/// made by [`password_link`].
pub(crate) async fn create_invited(db: &Database, name: &SignInName, display_name: &str) -> Result<i64, PortError> {
    // A hash of a random secret that is never kept: no password matches it.
    let hash = hash_password(&new_token()).await?;
    sqlx::query_scalar(
        "INSERT INTO accounts (sign_in_name, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name.as_str())
    .bind(display_name)
    .bind(hash)
    .bind(db.clock.timestamp())
    .fetch_one(&db.pool)
    .await
    .map_err(port_error)
}

/// Takes an account from whoever holds it: its password stops working, its sessions and
/// unused reset and confirmation links end. Only a link sent to its address (`password_link`) opens it again.
pub(crate) async fn take_back(db: &Database, account_id: i64) -> Result<(), PortError> {
    let hash = hash_password(&new_token()).await?;
    let mut tx = db.begin_write().await.map_err(port_error)?;
    for (sql, value) in [
        ("UPDATE accounts SET password_hash = $1 WHERE id = $2", Some(hash)),
        ("DELETE FROM sessions WHERE account_id = $1", None),
        ("DELETE FROM password_resets WHERE account_id = $1", None),
        ("DELETE FROM address_confirmations WHERE account_id = $1", None),
    ] {
        let query = sqlx::query(sql);
        let query = match value {
            Some(hash) => query.bind(hash).bind(account_id),
            None => query.bind(account_id),
        };
        query.execute(&mut *tx).await.map_err(port_error)?;
    }
    tx.commit().await.map_err(port_error)
}

/// Sets an account's password directly (demo accounts and the command line only): the operator
/// vouches for the address.
pub(crate) async fn set_password(db: &Database, account_id: i64, password: &NewPassword) -> Result<(), PortError> {
    let hash = hash_password(password.expose()).await?;
    sqlx::query("UPDATE accounts SET password_hash = $1, confirmed_at = COALESCE(confirmed_at, $3) WHERE id = $2")
        .bind(hash)
        .bind(account_id)
        .bind(db.clock.timestamp())
        .execute(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(())
}

/// A one-time link to set the account's password, valid for `seconds`.
pub(crate) async fn password_link(
    db: &Database,
    public_url: &str,
    account_id: i64,
    seconds: i64,
) -> Result<String, PortError> {
    let token = new_token();
    sqlx::query("INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash(&token))
        .bind(account_id)
        .bind(db.clock.timestamp() + seconds)
        .execute(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(format!("{}/dat-lai-mat-khau/{token}", public_url.trim_end_matches('/')))
}

/// 256 random bits, URL-safe.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Argon2id with its default cost (19 MiB, 2 passes), off the async threads.
pub(crate) async fn hash_password(password: &str) -> Result<String, PortError> {
    let password = password.to_string();
    with_hashing_slot(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| PortError::Internal(e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| PortError::Internal(e.to_string()))
    })
    .await?
}

/// Checks the password against the stored hash, or against a decoy when there is none.
pub(crate) async fn verify_password(password: &str, stored: Option<String>) -> Result<bool, PortError> {
    let password = password.to_string();
    with_hashing_slot(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| decoy_hash().to_string());
        let parsed = PasswordHash::new(&stored).map_err(|e| PortError::Internal(e.to_string()))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known)
    })
    .await?
}

/// Runs a password hash on a blocking thread, one per core at a time. Each takes 19 MiB, and
/// without the bound a burst of sign-ins (or an attack) held that on every blocking thread: the
/// soak's server grew to 890 MB. Beyond the bound sign-ins queue for a few milliseconds.
async fn with_hashing_slot<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, PortError> {
    static HASHING: CoreSlots = CoreSlots::new();
    HASHING.run(work).await.map_err(PortError::Internal)
}

/// A hash of a password nobody has, checked against when the name is unknown.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"ocop-decoy-salt!").expect("a 16-byte salt encodes");
        Argon2::default().hash_password(b"no account has this password", &salt).expect("hashing works").to_string()
    })
}
