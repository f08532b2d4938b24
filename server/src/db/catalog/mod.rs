//! The catalog port on SQL: filtered, faceted, paged search and the public pages' lookups.

use std::sync::Arc;

use app::domain::{points_of_sale, status_from_year, RevocationGround, Score, ValidUntil};
use app::model::{
    producer_href, product_href, CatalogFilters, CatalogStatistics, ProducerDetail, ProductDetail, ProductPage,
    ProductSummary, StampCheck, Suggestions,
};
use app::ports::{Catalog, PortError};
use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::FromRow;

use super::photos::photos_of;
use super::sql::{Params, Today};
use super::{in_force_id, Database, LISTED};
use index::SharedIndex;
use page_cache::{Cached, PageCache};

mod index;
mod page_cache;
mod results;
mod search;
mod statistics;

pub struct SqlCatalog {
    db: Database,
    pages: PageCache,
    index: SharedIndex,
}

impl SqlCatalog {
    pub fn new(db: Database) -> Self {
        SqlCatalog { db, pages: PageCache::default(), index: SharedIndex::default() }
    }

    /// Reads the search index now, so that the first search does not wait for it.
    pub async fn read_search_index(&self) -> Result<(), PortError> {
        self.index.current(&self.db).await.map(drop)
    }

    /// Runs `sql`, reading each row by its columns' names.
    pub(super) async fn fetch_all<T>(&self, sql: String, params: Params) -> Result<Vec<T>, PortError>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        params.fetch_all(&self.db.pool, sql).await
    }

    async fn fetch_summaries(&self, sql: String, params: Params) -> Result<Vec<ProductSummary>, PortError> {
        let today = self.db.clock.today();
        let rows: Vec<SummaryRow> = self.fetch_all(sql, params).await?;
        let mut summaries: Vec<ProductSummary> = rows.into_iter().map(|row| row.summary(today)).collect();
        // One query for the page's photos, not a subquery per product: sorting 100,000 rows
        // would evaluate it for every one of them.
        let ids: Vec<i64> = summaries.iter().map(|s| s.id).collect();
        let mut photos = photos_of(&self.db, &ids).await?;
        for summary in &mut summaries {
            summary.photo = photos.remove(&summary.id).and_then(|list| list.into_iter().next());
        }
        Ok(summaries)
    }

    /// The first row, if any.
    async fn fetch_first<T>(&self, sql: String, params: Params) -> Result<Option<T>, PortError>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        Ok(self.fetch_all(sql, params).await?.into_iter().next())
    }
}

const SUMMARY_COLUMNS: &str =
    "p.id, p.name, pr.name AS producer_name, pv.name AS province_name, p.address_as_written, \
     p.stars, p.score_hundredths, s.name AS subgroup_name, p.subgroup_code, p.recognized_year, p.criteria_set, p.expires_on, p.revoked_on, \
     p.pending_rerating_until";
const SUMMARY_JOINS: &str = "JOIN producers pr ON pr.id = p.producer_id \
     JOIN provinces pv ON pv.code = p.province_code \
     LEFT JOIN score_sheets s ON s.code = p.subgroup_code";

#[async_trait]
impl Catalog for SqlCatalog {
    async fn search(&self, filters: &CatalogFilters) -> Result<Arc<ProductPage>, PortError> {
        // Read before the queries: a change committed while they run makes this page stale.
        let edition = self.db.catalog_edition().await;
        let today = Today { today: self.db.clock.today() };
        let key = format!("{}{}", today.today, filters.to_query());
        match self.pages.lookup(&key, edition) {
            Cached::Page(page) => Ok(page),
            Cached::Recount(old) => {
                let page = self.search_uncached(filters, today).await.map(Arc::new).unwrap_or(old);
                self.pages.put(key, edition, &page);
                Ok(page)
            }
            Cached::Missing => {
                let lock = self.pages.counting_lock(&key);
                let _counting = lock.lock().await;
                // Whoever held the lock before may have just counted this very page.
                if let Cached::Page(page) = self.pages.lookup(&key, edition) {
                    return Ok(page);
                }
                let page = Arc::new(self.search_uncached(filters, today).await?);
                self.pages.put(key, edition, &page);
                Ok(page)
            }
        }
    }

    async fn suggest(&self, q: &str) -> Result<Suggestions, PortError> {
        let index = self.index.current(&self.db).await?;
        Ok(index.suggest(&search::search_words(&index, q), self.db.clock.today()))
    }

    async fn export(&self, filters: &CatalogFilters, limit: u32) -> Result<Vec<ProductSummary>, PortError> {
        self.list(filters, Today { today: self.db.clock.today() }, limit as usize).await
    }

    async fn statistics(&self) -> Result<CatalogStatistics, PortError> {
        statistics::statistics(self, Today { today: self.db.clock.today() }).await
    }

    async fn product(&self, id: i64) -> Result<Option<ProductDetail>, PortError> {
        let mut params = Params::default();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, p.producer_id, pr.kind AS producer_kind, g.name AS group_name, \
                    i.name AS industry_name, c.name AS commune_name, p.province_as_written, p.decision_number, \
                    p.decision_date, p.certificate_number, p.revocation_ground, p.description, p.phone, p.website, p.stamp_code, p.where_to_buy \
             FROM products p {SUMMARY_JOINS} \
             LEFT JOIN product_groups g ON g.code = s.group_code \
             LEFT JOIN industries i ON i.code = g.industry_code \
             LEFT JOIN communes c ON c.code = p.commune_code \
             WHERE p.id = {} AND {LISTED}",
            // An older rating's page shows the certificate now in force.
            in_force_id("id", &params.bind(id))
        );
        let product = self.fetch_first::<ProductRow>(sql, params).await?.map(|row| row.detail(self.db.clock.today()));
        let Some(mut product) = product else { return Ok(None) };
        product.photos = photos_of(&self.db, &[id]).await?.remove(&id).unwrap_or_default();
        product.summary.photo = product.photos.first().cloned();
        Ok(Some(product))
    }

    async fn producer(&self, id: i64) -> Result<Option<ProducerDetail>, PortError> {
        let mut params = Params::default();
        let sql = format!(
            "SELECT pr.id, pr.name, pr.kind, pv.name AS province_name, pr.address_as_written, pr.phone, pr.website \
             FROM producers pr JOIN provinces pv ON pv.code = pr.province_code WHERE pr.id = {}",
            params.bind(id)
        );
        let producer = self.fetch_first::<ProducerRow>(sql, params).await?.map(ProducerDetail::from);
        let Some(mut producer) = producer else { return Ok(None) };
        let mut params = Params::default();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM products p {SUMMARY_JOINS} WHERE p.producer_id = {} AND {LISTED} \
             ORDER BY p.stars DESC, p.recognized_year DESC, p.name_key LIMIT 500",
            params.bind(id)
        );
        producer.products = self.fetch_summaries(sql, params).await?;
        Ok(Some(producer))
    }

    async fn stamp(&self, code: &str) -> Result<Option<StampCheck>, PortError> {
        let mut params = Params::default();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, p.certificate_number, p.revocation_ground, p.stamp_code \
             FROM products p {SUMMARY_JOINS} WHERE {LISTED} AND p.id = {}",
            in_force_id("stamp_code", &params.bind(code))
        );
        // A stamp printed under an older rating still verifies, with the certificate now in force.
        let row = self.fetch_first::<StampRow>(sql, params).await?;
        Ok(row.map(|row| StampCheck {
            code: code.to_string(),
            certificate_number: row.certificate_number,
            revoked_on: row.summary.revoked_on.clone(),
            revocation_ground: ground_label(row.revocation_ground.clone()),
            revocation_ground_code: row.revocation_ground,
            product: row.summary.summary(self.db.clock.today()),
        }))
    }
}

/// A product as a catalog card shows it: the columns of `SUMMARY_COLUMNS`.
#[derive(Clone, sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    producer_name: String,
    province_name: String,
    address_as_written: String,
    stars: i64,
    score_hundredths: Option<i64>,
    subgroup_name: Option<String>,
    subgroup_code: Option<String>,
    recognized_year: i64,
    criteria_set: String,
    expires_on: Option<String>,
    revoked_on: Option<String>,
    /// The last day a re-rating filed in time keeps the certificate in force (Art. 12.3).
    pending_rerating_until: Option<String>,
}

impl SummaryRow {
    /// The card, with its certificate's status on `today`.
    fn summary(self, today: NaiveDate) -> ProductSummary {
        let date = |text: Option<String>| text.and_then(|t| t.parse::<NaiveDate>().ok());
        // The stored `expires_on` is the last valid day.
        let valid_until = self.expires_on.as_deref().and_then(ValidUntil::parse);
        let revoked = date(self.revoked_on);
        let recognized_year = self.recognized_year as i32;
        let pending = self.pending_rerating_until.as_deref().and_then(ValidUntil::parse);
        let status = match valid_until {
            Some(until) => Some(until.status_pending_rerating(pending, revoked, today)),
            None => status_from_year(recognized_year, revoked, today),
        };
        ProductSummary {
            id: self.id,
            href: product_href(self.id, &self.name),
            name: self.name,
            producer_name: self.producer_name,
            province_name: self.province_name,
            address_as_written: self.address_as_written,
            stars: self.stars.clamp(1, 5) as u8,
            score: self.score_hundredths.and_then(|h| Score::try_from(h).ok()),
            subgroup_name: self.subgroup_name,
            subgroup_code: self.subgroup_code,
            recognized_year,
            criteria_set: self.criteria_set,
            status,
            valid_until,
            pending_rerating_until: valid_until.and_then(|until| until.pending_rerating_on(pending, today)),
            photo: None,
        }
    }
}

/// A product's page: its card and the rest of its public record.
#[derive(sqlx::FromRow)]
struct ProductRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    producer_id: i64,
    producer_kind: Option<String>,
    group_name: Option<String>,
    industry_name: Option<String>,
    commune_name: Option<String>,
    province_as_written: String,
    decision_number: Option<String>,
    decision_date: Option<String>,
    certificate_number: Option<String>,
    revocation_ground: Option<String>,
    description: Option<String>,
    where_to_buy: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    stamp_code: String,
}

impl ProductRow {
    /// The page, with the certificate's status on `today`; its photos are read apart.
    fn detail(self, today: NaiveDate) -> ProductDetail {
        let revoked_on = self.summary.revoked_on.clone();
        let summary = self.summary.summary(today);
        ProductDetail {
            producer_href: producer_href(self.producer_id, &summary.producer_name),
            producer_id: self.producer_id,
            producer_kind: self.producer_kind,
            score: summary.score,
            group_name: self.group_name,
            industry_name: self.industry_name,
            commune_name: self.commune_name,
            province_as_written: self.province_as_written,
            decision_number: self.decision_number,
            decision_date: self.decision_date,
            certificate_number: self.certificate_number,
            revoked_on,
            revocation_ground: ground_label(self.revocation_ground.clone()),
            revocation_ground_code: self.revocation_ground,
            description: self.description,
            points_of_sale: points_of_sale(&self.where_to_buy.unwrap_or_default()),
            phone: self.phone,
            website: self.website,
            stamp_code: self.stamp_code,
            photos: Vec::new(),
            summary,
        }
    }
}

/// A producer's page, without its products.
#[derive(sqlx::FromRow)]
struct ProducerRow {
    id: i64,
    name: String,
    kind: Option<String>,
    province_name: String,
    address_as_written: String,
    phone: Option<String>,
    website: Option<String>,
}

impl From<ProducerRow> for ProducerDetail {
    fn from(row: ProducerRow) -> Self {
        ProducerDetail {
            id: row.id,
            href: producer_href(row.id, &row.name),
            name: row.name,
            kind: row.kind,
            province_name: row.province_name,
            address_as_written: row.address_as_written,
            phone: row.phone,
            website: row.website,
            products: Vec::new(),
        }
    }
}

/// What a stamp check shows: the card of the product in force and its certificate.
#[derive(sqlx::FromRow)]
struct StampRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    certificate_number: Option<String>,
    revocation_ground: Option<String>,
}

fn ground_label(code: Option<String>) -> Option<String> {
    code.map(|code| RevocationGround::from_code(&code).map_or(code, |ground| ground.label_vi().to_string()))
}
