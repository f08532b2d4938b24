//! Ports: what the application needs from the outside world. The server implements them with
//! sqlx; server functions reach them through `AppState` in the Leptos context. Server functions
//! cannot be generic, so the ports travel as trait objects.

use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AppError;
use crate::model::{
    CatalogFilters, CatalogStatistics, ProducerDetail, ProductDetail, ProductPage, ProductSummary, StampCheck,
};

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

/// The public catalog: search, product and producer pages, stamp checks.
#[async_trait]
pub trait Catalog: Send + Sync {
    /// One page of products for these (already validated) filters, with facet counts.
    async fn search(&self, filters: &CatalogFilters) -> Result<ProductPage, PortError>;
    /// Up to `limit` products for these filters in their order, for downloads.
    async fn export(&self, filters: &CatalogFilters, limit: u32) -> Result<Vec<ProductSummary>, PortError>;
    async fn product(&self, id: i64) -> Result<Option<ProductDetail>, PortError>;
    async fn producer(&self, id: i64) -> Result<Option<ProducerDetail>, PortError>;
    /// Counts for the public statistics page.
    async fn statistics(&self) -> Result<CatalogStatistics, PortError>;
    /// The product a stamp code belongs to, if any.
    async fn stamp(&self, code: &str) -> Result<Option<StampCheck>, PortError>;
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
