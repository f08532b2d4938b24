//! Ports: what the application needs from the outside world. The server implements them with
//! sqlx; server functions reach them through `AppState` in the Leptos context. Server functions
//! cannot be generic, so the ports travel as trait objects.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AppError;
use crate::model::ProductPage;

/// Why a port could not answer. Kept coarse on purpose: the details go to the server log.
#[derive(Debug, thiserror::Error)]
pub enum PortError {
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<PortError> for AppError {
    fn from(err: PortError) -> Self {
        tracing::error!(error = %err, "port error");
        match err {
            PortError::Unavailable(_) => AppError::Unavailable,
            PortError::Internal(_) => AppError::Internal,
        }
    }
}

/// A catalog search already folded and bounded by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogQuery {
    /// Folded words (see `domain::fold_words`); every word must match.
    pub words: Vec<String>,
    pub limit: u32,
}

#[async_trait]
pub trait Catalog: Send + Sync {
    /// Certified products matching every word, best rated first.
    async fn search(&self, query: &CatalogQuery) -> Result<ProductPage, PortError>;
}

/// Everything server functions may use, provided to them as context.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn Catalog>,
}

impl AppState {
    /// The state from the Leptos context; missing state is a wiring bug, reported as internal.
    pub fn from_context() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or(AppError::Internal)
    }
}
