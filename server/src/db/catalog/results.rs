//! A page of results, and the list a download gives: matched, counted by facet and ranked by
//! the search index, which holds the cards too, so that searching reads nothing from the
//! database.

use app::model::{CatalogFilters, ProductPage, ProductSummary, PAGE_SIZE};
use app::ports::PortError;

use super::search::{corrections, search_words};
use super::SqlCatalog;
use crate::db::sql::Today;

impl SqlCatalog {
    /// One page of results, with its facets.
    pub(super) async fn search_uncached(
        &self,
        filters: &CatalogFilters,
        today: Today,
    ) -> Result<ProductPage, PortError> {
        let index = self.index.current(&self.db).await?;
        let words = search_words(&index, &filters.q);
        let offset = filters.page.saturating_sub(1) as usize * PAGE_SIZE as usize;
        let found = index.search(&words, filters, today.today, PAGE_SIZE as usize, offset);
        Ok(ProductPage {
            total: found.total,
            items: found.cards,
            page: filters.page,
            page_count: found.total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32,
            facets: found.facets,
            corrections: corrections(&words),
        })
    }

    /// The products matching `filters` in their order, at most `limit`.
    pub(super) async fn list(
        &self,
        filters: &CatalogFilters,
        today: Today,
        limit: usize,
    ) -> Result<Vec<ProductSummary>, PortError> {
        let index = self.index.current(&self.db).await?;
        let words = search_words(&index, &filters.q);
        Ok(index.search(&words, filters, today.today, limit, 0).cards)
    }
}
