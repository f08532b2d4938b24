//! Failed sign-ins counted by the name typed and by the source address, and the devices people
//! signed in from, which do not wait for failures made elsewhere.

use app::domain::{SignInName, SignInThrottle};
use app::ports::PortError;
use sqlx::AssertSqlSafe;

use crate::db::credentials::{new_token, token_hash};
use crate::db::{port_error, Database};

/// What failures are counted by.
#[derive(Debug, Clone, Copy)]
pub(super) enum CountedBy {
    Name,
    Source,
}

impl CountedBy {
    fn table_and_key(self) -> (&'static str, &'static str) {
        match self {
            CountedBy::Name => ("sign_in_throttle", "sign_in_name"),
            CountedBy::Source => ("sign_in_sources", "address"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct ThrottleRow {
    failures: i64,
    last_failure_at: i64,
    waiting_until: Option<i64>,
}

/// The failures counted for `key`.
pub(super) async fn read(db: &Database, by: CountedBy, key: &str) -> Result<SignInThrottle, PortError> {
    let (table, column) = by.table_and_key();
    let sql = format!("SELECT failures, last_failure_at, waiting_until FROM {table} WHERE {column} = $1");
    let row: Option<ThrottleRow> =
        sqlx::query_as(AssertSqlSafe(sql)).bind(key).fetch_optional(&db.pool).await.map_err(port_error)?;
    Ok(row
        .map(|r| SignInThrottle {
            failures: u32::try_from(r.failures).unwrap_or(u32::MAX),
            last_failure_at: r.last_failure_at,
            waiting_until: r.waiting_until,
        })
        .unwrap_or_default())
}

/// Counts one more failure for `key`; returns the record after it.
pub(super) async fn record_failure(
    db: &Database,
    by: CountedBy,
    key: &str,
    before: SignInThrottle,
    free: u32,
) -> Result<SignInThrottle, PortError> {
    let after = before.after_failure(db.clock.timestamp(), free);
    let (table, column) = by.table_and_key();
    let sql = format!(
        "INSERT INTO {table} ({column}, failures, last_failure_at, waiting_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT ({column}) DO UPDATE SET failures = excluded.failures,
             last_failure_at = excluded.last_failure_at, waiting_until = excluded.waiting_until"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(key)
        .bind(i64::from(after.failures))
        .bind(after.last_failure_at)
        .bind(after.waiting_until)
        .execute(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(after)
}

/// Forgets the failures on a name once its holder got in.
pub(super) async fn forget(db: &Database, name: &SignInName) -> Result<(), PortError> {
    sqlx::query("DELETE FROM sign_in_throttle WHERE sign_in_name = $1")
        .bind(name.as_str())
        .execute(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(())
}

/// Whether `device` is a token this name's account was signed in with before.
pub(super) async fn known_device(db: &Database, device: Option<&str>, name: &SignInName) -> Result<bool, PortError> {
    let Some(device) = device else { return Ok(false) };
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT d.account_id FROM sign_in_devices d JOIN accounts a ON a.id = d.account_id
         WHERE d.token_hash = $1 AND a.sign_in_name = $2",
    )
    .bind(token_hash(device))
    .bind(name.as_str())
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(found.is_some())
}

/// The device token for a session just opened on `account_id`: the one presented, if it is the
/// account's already, or a new one.
pub(super) async fn remember_device(
    db: &Database,
    account_id: i64,
    presented: Option<&str>,
) -> Result<String, PortError> {
    let now = db.clock.timestamp();
    if let Some(token) = presented {
        let kept =
            sqlx::query("UPDATE sign_in_devices SET last_used_at = $1 WHERE token_hash = $2 AND account_id = $3")
                .bind(now)
                .bind(token_hash(token))
                .bind(account_id)
                .execute(&db.pool)
                .await
                .map_err(port_error)?;
        if kept.rows_affected() == 1 {
            return Ok(token.to_string());
        }
    }
    let token = new_token();
    sqlx::query("INSERT INTO sign_in_devices (token_hash, account_id, last_used_at) VALUES ($1, $2, $3)")
        .bind(token_hash(&token))
        .bind(account_id)
        .bind(now)
        .execute(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(token)
}
