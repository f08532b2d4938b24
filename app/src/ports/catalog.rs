//! The public catalog: what citizens search, open and verify.

use async_trait::async_trait;

use super::PortError;
use crate::model::{
    CatalogFilters, CatalogStatistics, ProducerDetail, ProductDetail, ProductPage, ProductSummary, StampCheck,
    Suggestions,
};

/// The public catalog: search, product and producer pages, stamp checks.
#[async_trait]
pub trait Catalog: Send + Sync {
    /// One page of products for these (already validated) filters, with facet counts.
    /// Shared, not copied: the same counted page answers many requests.
    async fn search(&self, filters: &CatalogFilters) -> Result<std::sync::Arc<ProductPage>, PortError>;
    /// What to offer someone typing `q` (at most `SUGGESTIONS_EACH` of each kind).
    async fn suggest(&self, q: &str) -> Result<Suggestions, PortError>;
    /// Up to `limit` products for these filters in their order, for downloads.
    async fn export(&self, filters: &CatalogFilters, limit: u32) -> Result<Vec<ProductSummary>, PortError>;
    async fn product(&self, id: i64) -> Result<Option<ProductDetail>, PortError>;
    async fn producer(&self, id: i64) -> Result<Option<ProducerDetail>, PortError>;
    /// Counts for the public statistics page.
    async fn statistics(&self) -> Result<CatalogStatistics, PortError>;
    /// The product a stamp code belongs to, if any.
    async fn stamp(&self, code: &str) -> Result<Option<StampCheck>, PortError>;
}
