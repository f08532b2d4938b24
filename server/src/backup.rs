//! Backups a restore can be trusted with: the database as one consistent snapshot taken while the
//! platform serves (`VACUUM INTO` on SQLite, `pg_dump` on PostgreSQL), every uploaded file the
//! records refer to (from a folder or a bucket alike), and a manifest of how many rows each table
//! held. A restore goes only into an empty database and a store that holds none of the files, and
//! ends by counting again: a backup that does not come back whole says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::db::{Backend, Database};
use crate::files::{object_name, FileStore};

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
    /// Files the records refer to that the store no longer held when the backup was taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_files: Vec<String>,
    /// UTC, RFC 3339.
    pub taken_at: String,
}

/// Backs up the database behind `db` (at `url`) and the files in `store` into `to`, a new or empty
/// folder.
pub async fn backup(db: &Database, url: &str, store: &FileStore, to: &Path) -> Result<Manifest, String> {
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
    // Keys are read after the snapshot: a file uploaded in between is copied too, harmlessly.
    let (mut files, mut missing_files) = (0, Vec::new());
    for key in stored_keys(db).await? {
        let bytes = match store.get(&key).await {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                missing_files.push(key);
                continue;
            }
            Err(err) => return Err(format!("Cannot read file {key} from the store: {err}")),
        };
        let target = to.join(FILES).join(object_name(&key));
        std::fs::create_dir_all(target.parent().unwrap_or(to))
            .map_err(|err| format!("Cannot create {}: {err}", to.display()))?;
        std::fs::write(&target, bytes).map_err(|err| format!("Cannot write {}: {err}", target.display()))?;
        files += 1;
    }
    let manifest = Manifest {
        backend: backend_name(db.backend).into(),
        tables: row_counts(db).await?,
        files,
        missing_files,
        taken_at: db.clock.now().to_rfc3339(),
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|err| err.to_string())?;
    std::fs::write(to.join(MANIFEST), text)
        .map_err(|err| format!("Cannot write the manifest in {}: {err}", to.display()))?;
    Ok(manifest)
}

/// Restores the backup in `from` into the empty database at `url` and `store` (an empty folder, or
/// a bucket holding none of the files), then checks every table holds the rows the manifest
/// counted and every file the records refer to is there.
pub async fn restore(from: &Path, url: &str, store: &FileStore) -> Result<Manifest, String> {
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
    if let Some(folder) = store.folder() {
        empty_folder(folder)?;
    }
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
    for file in files_under(&from.join(FILES)) {
        let key = file.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        if store.exists(&key).await.map_err(|err| err.to_string())? {
            return Err(format!("The file store already holds file {key}: restore into an empty one."));
        }
        let bytes = std::fs::read(&file).map_err(|err| format!("Cannot read {}: {err}", file.display()))?;
        store.put_at(&key, &bytes).await.map_err(|err| format!("Cannot store file {key}: {err}"))?;
    }
    let db = Database::connect(url, 2).await.map_err(|err| err.to_string())?;
    let restored = row_counts(&db).await?;
    let mut files = 0;
    for key in stored_keys(&db).await? {
        files += usize::from(store.exists(&key).await.map_err(|err| err.to_string())?);
    }
    db.pool.close().await;
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

/// Every file under `folder`, however deep.
fn files_under(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    entries
        .flatten()
        .flat_map(|entry| if entry.path().is_dir() { files_under(&entry.path()) } else { vec![entry.path()] })
        .collect()
}

/// The key of every file the records refer to: evidence, its thumbnails, photos in each size.
async fn stored_keys(db: &Database) -> Result<Vec<String>, String> {
    sqlx::query_scalar(
        "SELECT storage_key FROM evidence_files
         UNION SELECT thumbnail_key FROM evidence_files WHERE thumbnail_key IS NOT NULL
         UNION SELECT storage_key FROM product_photo_files",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(|err| format!("Cannot list the stored files: {err}"))
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
