//! The database: one pool for the whole process, SQLite (embedded default) or PostgreSQL, both
//! reached through sqlx's Any driver so every query is written once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::clock::Clock;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};

pub mod accounts;
pub mod bulk;
pub mod catalog;
pub mod codes;
pub mod credentials;
pub mod dossier_read;
pub mod imports;
pub mod membership;
pub mod notify;
pub mod photos;
pub mod places;
pub mod portal;
pub mod products;
pub mod reach;
pub mod records;
pub mod reference;
pub mod review;
pub mod sql;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why the database could not be opened, as sentences for the person starting the server.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got \"{0}\").")]
    UnknownScheme(String),
    #[error("The folder {0} for the SQLite database does not exist: create it, or point DATABASE_URL at a file in an existing folder.")]
    MissingFolder(PathBuf),
    #[error("The SQLite database {path} cannot be opened ({cause}): check that it is a database file this user may read and write, or point DATABASE_URL at a new file.")]
    SqliteUnusable { path: PathBuf, cause: String },
    #[error(
        "PostgreSQL at {target} does not answer ({cause}): check that it is running and that DATABASE_URL is right."
    )]
    PostgresUnreachable { target: String, cause: String },
    #[error("PostgreSQL at {target} refused the connection ({cause}): check the user, password and database name in DATABASE_URL.")]
    PostgresRefused { target: String, cause: String },
    #[error("The database schema could not be brought up to date ({0}); nothing was changed by the failed step.")]
    Migration(String),
}

/// The pool, which database is behind it, the catalog edition last seen in it, and the clock
/// every query's "today" and "now" are read from.
#[derive(Clone, Debug)]
pub struct Database {
    pub pool: AnyPool,
    pub backend: Backend,
    pub clock: Clock,
    catalog_edition: Arc<EditionWatch>,
}

/// The catalog edition as this process last knew it, and when it last asked the database.
#[derive(Debug)]
struct EditionWatch {
    known: AtomicU64,
    checked: Mutex<Instant>,
}

impl Default for EditionWatch {
    fn default() -> Self {
        EditionWatch { known: AtomicU64::new(0), checked: Mutex::new(Instant::now() - EDITION_CHECK_EVERY) }
    }
}

/// How often a server asks the database for the catalog edition: the bound on how long a change
/// made through another server (or an import on the command line) takes to reach its pages.
/// The condition on `products p` of a record in the catalog: one an officer deleted stays in
/// the database, for restoring, but is never shown, verified or counted; one a newer decision
/// replaced answers (its page, its stamp) with the newer one and is not listed or counted.
pub const LISTED: &str = "p.deleted_at IS NULL AND p.superseded_by IS NULL";

/// The id of the record in force for the product whose `column` is `placeholder` (its id, its
/// stamp code): itself, or the newer rating that replaced it.
pub fn in_force_id(column: &str, placeholder: &str) -> String {
    format!("(SELECT COALESCE(o.superseded_by, o.id) FROM products o WHERE o.{column} = {placeholder} AND o.deleted_at IS NULL)")
}

/// How often a server asks the database whether another has changed the catalog: a change
/// must show in search everywhere within a second, the index taking it in meanwhile.
const EDITION_CHECK_EVERY: Duration = Duration::from_millis(400);

/// How many editions of the catalog's change log are kept: a server whose search index is
/// older than that reads the catalog whole.
const CHANGES_KEPT: i64 = 1_000;

impl Database {
    /// Opens (creating an SQLite file if needed) and checks the database answers.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbSetupError> {
        install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_file(url)?,
            Backend::Postgres => url.to_string(),
        };
        let fail = |err: sqlx::Error| match backend {
            Backend::Sqlite => DbSetupError::SqliteUnusable { path: sqlite_path(&url).into(), cause: err.to_string() },
            // The server answered, so it runs: the credentials or the database name are wrong.
            Backend::Postgres if err.as_database_error().is_some() => {
                DbSetupError::PostgresRefused { target: redact(&url), cause: err.to_string() }
            }
            Backend::Postgres => DbSetupError::PostgresUnreachable { target: redact(&url), cause: err.to_string() },
        };
        // One plain connection first: a pool would retry until its timeout and then only say
        // "timed out", hiding "connection refused" or "password authentication failed".
        let probe = tokio::time::timeout(Duration::from_secs(5), AnyConnection::connect(&url))
            .await
            .map_err(|_| fail(sqlx::Error::PoolTimedOut))?
            .map_err(fail)?;
        probe.close().await.map_err(fail)?;
        // Queries take milliseconds, so a request still without a connection after 2 s is
        // facing an outage, not a queue: it gets the 503 page then rather than later
        // (bench/fault_postgres_down.sh).
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(2))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    // Write-ahead logging: readers never wait for the writer nor it for them,
                    // and several servers (or the importer) can share the file.
                    if backend == Backend::Sqlite {
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *connection).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(fail)?;
        // A file that is not a database only fails on the first real read.
        sqlx::query("SELECT 1").execute(&pool).await.map_err(fail)?;
        if backend == Backend::Sqlite {
            sqlx::query("SELECT count(*) FROM sqlite_master").execute(&pool).await.map_err(fail)?;
        }
        Ok(Database { pool, backend, clock: Clock::system(), catalog_edition: Arc::default() })
    }

    /// The same database, read on `clock` (tests and demonstrations set another day).
    pub fn with_clock(self, clock: Clock) -> Self {
        Database { clock, ..self }
    }

    /// A transaction that will write. SQLite takes the write lock at its start (`BEGIN
    /// IMMEDIATE`), so a second writer waits its turn (the busy timeout, 5 s) instead of failing
    /// with "database is locked" when its read turns into a write (`server/tests/crash.rs`).
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Applies the migrations of this backend; each runs in its own transaction.
    pub async fn migrate(&self) -> Result<(), DbSetupError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&self.pool).await.map_err(|err| DbSetupError::Migration(err.to_string()))
    }

    /// Commits `tx`, which changed what the public catalog shows, with a new catalog edition, so
    /// that catalog pages counted before it are not served after it, by this server at once and
    /// by the others within `EDITION_CHECK_EVERY` (see `catalog::PageCache`).
    pub async fn commit_catalog_change(&self, mut tx: Transaction<'_, Any>) -> Result<(), sqlx::Error> {
        let edition: i64 =
            sqlx::query_scalar("UPDATE catalog_edition SET edition = edition + 1 WHERE id = 1 RETURNING edition")
                .fetch_one(&mut *tx)
                .await?;
        // The products this transaction changed (noted by triggers) are this edition's. The
        // edition's row stays locked until the commit, so editions commit in their order and a
        // search index reading the log up to an edition misses none below it.
        sqlx::query("UPDATE catalog_changes SET edition = $1 WHERE edition IS NULL")
            .bind(edition)
            .execute(&mut *tx)
            .await?;
        if edition % 100 == 0 {
            let kept_after = edition - CHANGES_KEPT;
            sqlx::query("DELETE FROM catalog_changes WHERE edition <= $1").bind(kept_after).execute(&mut *tx).await?;
            sqlx::query("UPDATE catalog_edition SET changes_after = $1 WHERE id = 1 AND changes_after < $1")
                .bind(kept_after)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.catalog_edition.known.fetch_max(edition as u64, Ordering::AcqRel);
        Ok(())
    }

    /// The catalog's edition: known at once for changes made here, read from the database at
    /// most once every `EDITION_CHECK_EVERY` for the others. If the database cannot say, the
    /// edition last known stands (a page counted then fails on its own).
    pub async fn catalog_edition(&self) -> u64 {
        let due = {
            let mut checked = self.catalog_edition.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let due = checked.elapsed() >= EDITION_CHECK_EVERY;
            if due {
                *checked = Instant::now();
            }
            due
        };
        if due {
            let read = sqlx::query_scalar::<_, i64>("SELECT edition FROM catalog_edition WHERE id = 1");
            if let Ok(edition) = read.fetch_one(&self.pool).await {
                // Never backwards: a read that began before a change here committed is older.
                self.catalog_edition.known.fetch_max(edition as u64, Ordering::AcqRel);
            }
        }
        self.catalog_edition.known.load(Ordering::Acquire)
    }

    /// Makes the next `catalog_edition` ask the database, as it does once `EDITION_CHECK_EVERY`
    /// has passed: tests take the next check at once instead of waiting for it.
    pub fn make_edition_check_due(&self) {
        let mut checked = self.catalog_edition.checked.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *checked = Instant::now() - EDITION_CHECK_EVERY;
    }

    /// Whether the database answers now (for readiness checks).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

pub(crate) fn backend_of(url: &str) -> Result<Backend, DbSetupError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(DbSetupError::UnknownScheme(url.to_string()))
    }
}

pub(crate) fn sqlite_path(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest)
}

/// Adds `mode=rwc` so a missing file is created, after checking its folder exists (SQLite's
/// own message for a missing folder is only "unable to open database file").
fn sqlite_url_creating_file(url: &str) -> Result<String, DbSetupError> {
    let path = sqlite_path(url);
    if path != ":memory:" {
        let folder = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return Err(DbSetupError::MissingFolder(folder.to_path_buf()));
        }
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            let user = credentials.split(':').next().unwrap_or("");
            format!("{}{}@{}", &url[..scheme_end + 3], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Pool timeouts, dropped connections and an SQLite file still busy after its timeout mean "try
/// later"; anything else is a bug to log.
pub fn port_error(err: sqlx::Error) -> app::ports::PortError {
    let busy = err.as_database_error().and_then(|e| e.code()).is_some_and(|code| code == "5" || code == "6");
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed | sqlx::Error::Tls(_) => {
            app::ports::PortError::Unavailable(err.to_string())
        }
        _ if busy => app::ports::PortError::Unavailable(err.to_string()),
        other => app::ports::PortError::Internal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sqlite_paths_and_redacts_passwords() {
        let paths = [
            ("sqlite://ocop.db", "ocop.db"),
            ("sqlite:data/x.db?mode=ro", "data/x.db"),
            ("sqlite::memory:", ":memory:"),
        ];
        for (url, path) in paths {
            assert_eq!(sqlite_path(url), path, "{url}");
        }
        let redactions = [
            ("postgres://ocop:secret@127.0.0.1:5432/ocop", "postgres://ocop@127.0.0.1:5432/ocop"),
            ("postgres://localhost/ocop", "postgres://localhost/ocop"),
        ];
        for (url, shown) in redactions {
            assert_eq!(redact(url), shown);
        }
    }
}
