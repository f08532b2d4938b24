//! Files no record refers to. A file is stored before the row that names it is written, so a
//! process killed in between (or a write the database refused while busy) leaves bytes nobody
//! will ever read. They are swept once an hour, once old enough that no upload in progress can
//! still be about to name them.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::db::Database;
use crate::files::FileStore;

/// How old an unreferenced file must be before it goes: far longer than an upload takes
/// between storing its bytes and writing its row.
pub const GRACE: chrono::TimeDelta = chrono::TimeDelta::hours(1);

const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Sweeps every hour for as long as the server runs.
pub fn run_in_background(db: Database, files: FileStore) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(SWEEP_EVERY).await;
            // The files' own times are the store's, written by the real clock: so is this one.
            match sweep(&db, &files, Utc::now()).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "files no record refers to were removed"),
                Err(err) => tracing::warn!(error = %err, "the sweep of unreferenced files did not run"),
            }
        }
    });
}

/// Removes the stored files that no record names and that were written more than [`GRACE`]
/// before `now`; returns how many went.
pub async fn sweep(db: &Database, files: &FileStore, now: DateTime<Utc>) -> Result<usize, String> {
    // Listed first, then the names read: a file stored and named in between is named.
    let listed = files.listed().await.map_err(|err| err.to_string())?;
    let named: HashSet<String> = sqlx::query_scalar(
        "SELECT storage_key FROM evidence_files
         UNION SELECT thumbnail_key FROM evidence_files WHERE thumbnail_key IS NOT NULL
         UNION SELECT storage_key FROM product_photo_files",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(|err| err.to_string())?
    .into_iter()
    .collect();
    let orphans: Vec<String> = listed
        .into_iter()
        .filter(|(key, written)| !named.contains(key) && now - *written > GRACE)
        .map(|(key, _)| key)
        .collect();
    files.discard(&orphans).await;
    Ok(orphans.len())
}
