//! Heavy work on blocking threads, at most one job a core for each kind: password hashing
//! (19 MiB each) and spreadsheets built from the whole catalog (hundreds of MB for 100,000
//! products). A burst then queues for its turn instead of taking every thread and its memory,
//! and the async threads keep answering pages meanwhile.

use std::sync::OnceLock;

use tokio::sync::{Semaphore, SemaphorePermit};

pub struct CoreSlots(OnceLock<Semaphore>);

impl CoreSlots {
    pub const fn new() -> Self {
        CoreSlots(OnceLock::new())
    }

    /// Runs `work` on a blocking thread once a slot is free.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
        let _slot = self.hold().await?;
        tokio::task::spawn_blocking(work).await.map_err(|e| e.to_string())
    }

    /// Waits for a slot and keeps it until the returned permit is dropped, for work that
    /// awaits in between (a query, then a file built from its rows).
    pub async fn hold(&self) -> Result<SemaphorePermit<'_>, String> {
        let slots = self.0.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));
        slots.acquire().await.map_err(|e| e.to_string())
    }
}

impl Default for CoreSlots {
    fn default() -> Self {
        Self::new()
    }
}
