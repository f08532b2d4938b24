//! Backups a restore can be trusted with: the database as one consistent snapshot taken while the
//! platform serves (`VACUUM INTO` on SQLite, `pg_dump` on PostgreSQL), every uploaded file, and a
//! manifest of how many rows each table held. A restore goes only into an empty database and an
//! empty files folder, and ends by counting again: a backup that does not come back whole says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::db::{Backend, Database};

const SQLITE_FILE: &str = "ocop.db";
const POSTGRES_FILE: &str = "ocop.pgdump";
const FILES: &str = "files";
const MANIFEST: &str = "manifest.json";

/// What a backup holds, written beside it and checked by the restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub backend: String,
    /// Rows in each table.
    pub tables: BTreeMap<String, i64>,
    /// Uploaded files (evidence, photos and their smaller copies).
    pub files: usize,
    /// UTC, RFC 3339.
    pub taken_at: String,
}

/// Backs up the database behind `db` (at `url`) and the files under `files_dir` into `to`, a new
/// or empty folder.
pub async fn backup(db: &Database, url: &str, files_dir: &Path, to: &Path) -> Result<Manifest, String> {
    empty_folder(to)?;
    match db.backend {
        Backend::Sqlite => {
            let target = to.join(SQLITE_FILE);
            let quoted = target.display().to_string().replace('\'', "''");
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{quoted}'")))
                .execute(&db.pool)
                .await
                .map_err(|err| format!("The SQLite snapshot could not be written to {}: {err}", target.display()))?;
        }
        Backend::Postgres => {
            let target = to.join(POSTGRES_FILE);
            let target_arg = target.display().to_string();
            run_tool("pg_dump", &["--format=custom", "--no-owner", "--file", &target_arg], url).await?;
        }
    }
    let files = copy_tree(files_dir, &to.join(FILES))?;
    let manifest = Manifest {
        backend: backend_name(db.backend).into(),
        tables: row_counts(db).await?,
        files,
        taken_at: chrono::Utc::now().to_rfc3339(),
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|err| err.to_string())?;
    std::fs::write(to.join(MANIFEST), text)
        .map_err(|err| format!("Cannot write the manifest in {}: {err}", to.display()))?;
    Ok(manifest)
}

/// Restores the backup in `from` into the empty database at `url` and the empty `files_dir`,
/// then checks every table holds the rows the manifest counted.
pub async fn restore(from: &Path, url: &str, files_dir: &Path) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(from.join(MANIFEST)).map_err(|err| {
        format!("{} holds no backup manifest ({err}): is it the folder `server backup` wrote?", from.display())
    })?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|err| format!("The backup manifest is damaged: {err}"))?;
    let backend = crate::db::backend_of(url).map_err(|err| err.to_string())?;
    if manifest.backend != backend_name(backend) {
        return Err(format!(
            "This backup is of a {} database; restore it into one of the same kind.",
            manifest.backend
        ));
    }
    empty_folder(files_dir)?;
    match backend {
        Backend::Sqlite => {
            let target = PathBuf::from(crate::db::sqlite_path(url));
            if target.metadata().is_ok_and(|m| m.len() > 0) {
                return Err(format!("{} already holds a database: restore into a new file.", target.display()));
            }
            std::fs::copy(from.join(SQLITE_FILE), &target)
                .map_err(|err| format!("Cannot write {}: {err}", target.display()))?;
        }
        Backend::Postgres => {
            let db = Database::connect(url, 2).await.map_err(|err| err.to_string())?;
            let tables: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
                    .fetch_one(&db.pool)
                    .await
                    .map_err(|err| err.to_string())?;
            db.pool.close().await;
            if tables > 0 {
                return Err("The PostgreSQL database already holds tables: restore into a new, empty database.".into());
            }
            let dump = from.join(POSTGRES_FILE).display().to_string();
            run_tool("pg_restore", &["--no-owner", "--exit-on-error", &dump], url).await?;
        }
    }
    copy_tree(&from.join(FILES), files_dir)?;
    let db = Database::connect(url, 2).await.map_err(|err| err.to_string())?;
    let restored = row_counts(&db).await?;
    db.pool.close().await;
    let files = count_files(files_dir);
    if restored != manifest.tables || files != manifest.files {
        return Err(format!(
            "The restore is not whole: the backup counted {:?} rows and {} files, the restored copy holds {:?} and {}.",
            manifest.tables, manifest.files, restored, files
        ));
    }
    Ok(manifest)
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Rows in every table of the platform's schema.
async fn row_counts(db: &Database) -> Result<BTreeMap<String, i64>, String> {
    let list = match db.backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        }
        Backend::Postgres => "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    };
    let names: Vec<String> = sqlx::query(list)
        .fetch_all(&db.pool)
        .await
        .map_err(|err| err.to_string())?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut counts = BTreeMap::new();
    for name in names {
        // Names come from the database's own catalog; quoted all the same.
        let count: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\""))))
                .fetch_one(&db.pool)
                .await
                .map_err(|err| format!("Cannot count {name}: {err}"))?;
        counts.insert(name, count);
    }
    Ok(counts)
}

/// A PostgreSQL tool, given the database and, out of the process list, its password.
async fn run_tool(tool: &str, args: &[&str], url: &str) -> Result<(), String> {
    let (without_password, password) = split_password(url);
    let mut command = std::process::Command::new(tool);
    command.args(args).arg(format!("--dbname={without_password}"));
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output =
        tokio::task::spawn_blocking(move || command.output()).await.map_err(|err| err.to_string())?.map_err(|err| {
            format!("Cannot run {tool} ({err}): install the PostgreSQL client tools of the server's version.")
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{tool} failed: {}", String::from_utf8_lossy(&output.stderr).trim()))
    }
}

/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `secret`).
fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else { return (url.to_string(), None) };
    let Some((user_info, host)) = rest.split_once('@') else { return (url.to_string(), None) };
    match user_info.split_once(':') {
        Some((user, password)) => (format!("{scheme}://{user}@{host}"), Some(password.to_string())),
        None => (url.to_string(), None),
    }
}

fn empty_folder(path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(path).map_err(|err| format!("Cannot create {}: {err}", path.display()))?;
    let has_entries = std::fs::read_dir(path).map_err(|err| err.to_string())?.next().is_some();
    if has_entries {
        return Err(format!("{} is not empty: choose a new folder, so that nothing is overwritten.", path.display()));
    }
    Ok(())
}

/// Copies every file under `from` to the same place under `to`; returns how many.
fn copy_tree(from: &Path, to: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(to).map_err(|err| format!("Cannot create {}: {err}", to.display()))?;
    let Ok(entries) = std::fs::read_dir(from) else { return Ok(0) };
    let mut copied = 0;
    for entry in entries.flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copied += copy_tree(&source, &target)?;
        } else if source.extension().is_none_or(|ext| ext != "partial") {
            std::fs::copy(&source, &target).map_err(|err| format!("Cannot copy {}: {err}", source.display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

fn count_files(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else { return 0 };
    entries.flatten().map(|entry| if entry.path().is_dir() { count_files(&entry.path()) } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::split_password;

    #[test]
    fn the_password_leaves_the_address_given_to_tools() {
        let cases = [
            ("postgres://ocop:s3cret@127.0.0.1:5432/ocop", "postgres://ocop@127.0.0.1:5432/ocop", Some("s3cret")),
            ("postgres://ocop@db/ocop", "postgres://ocop@db/ocop", None),
            ("postgres://db/ocop", "postgres://db/ocop", None),
        ];
        for (url, without, password) in cases {
            assert_eq!(split_password(url), (without.to_string(), password.map(str::to_string)), "{url}");
        }
    }
}
