//! The index each server searches, kept in step with the catalog's edition.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use app::ports::PortError;

use super::SearchIndex;
use crate::db::Database;

/// How long a search waits for the index of a newer edition before answering from the one it
/// has: taking in a change takes milliseconds, but reading the catalog whole (at start, after
/// a large import) about a second per 100,000 products, and search must not stop meanwhile.
const WAIT_FOR_NEWER: Duration = Duration::from_secs(3);

/// The index this server searches, read again when the catalog's edition has moved past it.
#[derive(Default)]
pub(in crate::db::catalog) struct SharedIndex {
    inner: Arc<Held>,
}

#[derive(Default)]
struct Held {
    current: RwLock<Option<Arc<SearchIndex>>>,
    /// Held by the one task reading the index; the others wait for what it reads.
    reading: tokio::sync::Mutex<()>,
    /// The edition of `current`, for waiting on the next.
    editions: tokio::sync::watch::Sender<u64>,
}

impl SharedIndex {
    /// The index at the catalog's current edition. A change made through this server is seen
    /// by its next search, one made elsewhere after `EDITION_CHECK_EVERY`, each once taken in
    /// (a search waits up to `WAIT_FOR_NEWER` for it, then answers from the older index).
    pub(in crate::db::catalog) async fn current(&self, db: &Database) -> Result<Arc<SearchIndex>, PortError> {
        let edition = db.catalog_edition().await;
        if let Some(index) = self.inner.held(edition) {
            return Ok(index);
        }
        let Some(older) = self.inner.held(0) else {
            // Nothing to answer from yet: read it now.
            return self.inner.read(db, edition).await;
        };
        let mut read = self.inner.editions.subscribe();
        // One reading at a time: the others wait for it rather than start their own, and it
        // reads again if the catalog moved on meanwhile.
        if self.inner.reading.try_lock().is_ok() {
            let (held, db) = (self.inner.clone(), db.clone());
            tokio::spawn(async move {
                let mut edition = edition;
                loop {
                    if let Err(err) = held.read(&db, edition).await {
                        tracing::warn!(%err, "the search index could not be read again; searching the older one");
                        break;
                    }
                    let now = db.catalog_edition().await;
                    if now <= edition {
                        break;
                    }
                    edition = now;
                }
            });
        }
        let waited = tokio::time::timeout(WAIT_FOR_NEWER, read.wait_for(|read| *read >= edition)).await;
        let newer = waited.is_ok_and(|seen| seen.is_ok());
        Ok(if newer { self.inner.held(edition).unwrap_or(older) } else { older })
    }
}

impl Held {
    /// Makes the index at `edition` current (unless a reading just did): the one held with the
    /// products changed since taken in, or, when the change log cannot say, the catalog read whole.
    async fn read(&self, db: &Database, edition: u64) -> Result<Arc<SearchIndex>, PortError> {
        let _reading = self.reading.lock().await;
        if let Some(index) = self.held(edition) {
            return Ok(index);
        }
        let started = std::time::Instant::now();
        let older = self.held(0);
        let changed = match &older {
            Some(older) => older.changed_since(db, edition).await?,
            None => None,
        };
        let (index, how) = match (older, changed) {
            (Some(older), Some(changed)) => (older.patched(db, edition, changed).await?, "updated"),
            _ => (SearchIndex::load(db, edition).await?, "read"),
        };
        let index = Arc::new(index);
        let (terms, hits) = index.words.size();
        let products = index.listed.len();
        tracing::info!(edition, products, terms, hits, how, took = ?started.elapsed(), "search index");
        *self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(index.clone());
        self.editions.send_replace(edition);
        Ok(index)
    }

    /// The index if it is at `edition` or later.
    fn held(&self, edition: u64) -> Option<Arc<SearchIndex>> {
        let current = self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        current.as_ref().filter(|index| index.edition >= edition).cloned()
    }
}
