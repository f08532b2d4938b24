//! A page of results: matched, counted by facet and ranked by the search index, its cards
//! read from the database.

use std::collections::HashMap;

use app::model::{CatalogFilters, ProductPage, ProductSummary, PAGE_SIZE};
use app::ports::PortError;

use super::search::{corrections, search_words};
use super::{SqlCatalog, SUMMARY_COLUMNS, SUMMARY_JOINS};
use crate::db::sql::{Params, Today};
use crate::db::LISTED;

impl SqlCatalog {
    /// One page of results, matched, counted and ranked by the search index; the database
    /// gives only the page's cards.
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
            items: self.summaries_of(&found.ids).await?,
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
        let found = index.search(&words, filters, today.today, limit, 0);
        let mut summaries = Vec::with_capacity(found.ids.len());
        for ids in found.ids.chunks(CARDS_AT_ONCE) {
            summaries.extend(self.summaries_of(ids).await?);
        }
        Ok(summaries)
    }

    /// The cards of products `ids`, in that order (one deleted meanwhile is left out).
    async fn summaries_of(&self, ids: &[i64]) -> Result<Vec<ProductSummary>, PortError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut params = Params::default();
        let list: Vec<String> = ids.iter().map(|id| params.bind(*id)).collect();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM products p {SUMMARY_JOINS} WHERE {LISTED} AND p.id IN ({})",
            list.join(", ")
        );
        let mut summaries = self.fetch_summaries(sql, params).await?;
        let place: HashMap<i64, usize> = ids.iter().enumerate().map(|(at, id)| (*id, at)).collect();
        summaries.sort_by_key(|summary| place.get(&summary.id).copied().unwrap_or(usize::MAX));
        Ok(summaries)
    }
}

/// Cards read in one query for a long list: well under every database's bound on parameters.
const CARDS_AT_ONCE: usize = 1_000;
