//! The catalog port on SQL: filtered, faceted, paged search and the public pages' lookups.

use app::domain::{certificate_status_on, points_of_sale, status_from_year, RevocationGround};
use app::model::{
    producer_href, product_href, CatalogFilters, CatalogStatistics, ProducerDetail, ProductDetail, ProductPage,
    ProductSummary, StampCheck,
};
use app::ports::{Catalog, PortError};
use async_trait::async_trait;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::photos::photos_of;
use super::sql::{Params, Today};
use super::{in_force_id, port_error, Database, LISTED};
use page_cache::{Cached, PageCache};

mod facets;
mod page_cache;
mod search;
mod statistics;

pub struct SqlCatalog {
    db: Database,
    pages: PageCache,
}

impl SqlCatalog {
    pub fn new(db: Database) -> Self {
        SqlCatalog { db, pages: PageCache::default() }
    }

    pub(super) async fn fetch_all(&self, sql: String, params: Params) -> Result<Vec<AnyRow>, PortError> {
        params.fetch_all(&self.db.pool, sql).await
    }

    async fn fetch_summaries(&self, sql: String, params: Params) -> Result<Vec<ProductSummary>, PortError> {
        let today = self.db.clock.today();
        let rows = self.fetch_all(sql, params).await?;
        let mut summaries: Vec<ProductSummary> =
            rows.iter().map(|row| summary(row, today)).collect::<Result<_, _>>().map_err(port_error)?;
        // One query for the page's photos, not a subquery per product: sorting 100,000 rows
        // would evaluate it for every one of them.
        let ids: Vec<i64> = summaries.iter().map(|s| s.id).collect();
        let mut photos = photos_of(&self.db, &ids).await?;
        for summary in &mut summaries {
            summary.photo = photos.remove(&summary.id).and_then(|list| list.into_iter().next());
        }
        Ok(summaries)
    }

    /// The first row, if any, read by `read`.
    async fn fetch_one_as<T>(
        &self,
        sql: String,
        params: Params,
        read: impl FnOnce(&AnyRow) -> Result<T, sqlx::Error>,
    ) -> Result<Option<T>, PortError> {
        let rows = self.fetch_all(sql, params).await?;
        rows.first().map(read).transpose().map_err(port_error)
    }
}

const SUMMARY_COLUMNS: &str =
    "p.id, p.name, pr.name AS producer_name, pv.name AS province_name, p.address_as_written, \
     p.stars, s.name AS subgroup_name, p.recognized_year, p.criteria_set, p.expires_on, p.revoked_on";
const SUMMARY_JOINS: &str = "JOIN producers pr ON pr.id = p.producer_id \
     JOIN provinces pv ON pv.code = p.province_code \
     LEFT JOIN score_sheets s ON s.code = p.subgroup_code";

#[async_trait]
impl Catalog for SqlCatalog {
    async fn search(&self, filters: &CatalogFilters) -> Result<ProductPage, PortError> {
        // Read before the queries: a change committed while they run makes this page stale.
        let edition = self.db.catalog_edition().await;
        let today = Today { today: self.db.clock.today() };
        let key = format!("{}{}", today.today, filters.to_query());
        match self.pages.lookup(&key, edition) {
            Cached::Page(page) => Ok(page),
            Cached::Recount(old) => {
                let page = self.search_uncached(filters, today).await.unwrap_or(old);
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
                let page = self.search_uncached(filters, today).await?;
                self.pages.put(key, edition, &page);
                Ok(page)
            }
        }
    }

    async fn export(&self, filters: &CatalogFilters, limit: u32) -> Result<Vec<ProductSummary>, PortError> {
        let today = Today { today: self.db.clock.today() };
        let search = self.search_for(&filters.q).await?;
        self.list(filters, &search, today, u64::from(limit), 0).await
    }

    async fn statistics(&self) -> Result<CatalogStatistics, PortError> {
        statistics::statistics(self, Today { today: self.db.clock.today() }).await
    }

    async fn product(&self, id: i64) -> Result<Option<ProductDetail>, PortError> {
        let mut params = Params::default();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, p.producer_id, pr.kind AS producer_kind, p.score, g.name AS group_name, \
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
        let product = self
            .fetch_one_as(sql, params, |row| {
                Ok(ProductDetail {
                    summary: summary(row, self.db.clock.today())?,
                    producer_id: row.try_get("producer_id")?,
                    producer_href: producer_href(
                        row.try_get("producer_id")?,
                        &row.try_get::<String, _>("producer_name")?,
                    ),
                    producer_kind: row.try_get("producer_kind")?,
                    score: row.try_get::<Option<i64>, _>("score")?.map(|s| s as u32),
                    group_name: row.try_get("group_name")?,
                    industry_name: row.try_get("industry_name")?,
                    commune_name: row.try_get("commune_name")?,
                    province_as_written: row.try_get("province_as_written")?,
                    decision_number: row.try_get("decision_number")?,
                    decision_date: row.try_get("decision_date")?,
                    certificate_number: row.try_get("certificate_number")?,
                    revoked_on: row.try_get("revoked_on")?,
                    revocation_ground: ground_label(row.try_get("revocation_ground")?),
                    revocation_ground_code: row.try_get("revocation_ground")?,
                    description: row.try_get("description")?,
                    points_of_sale: points_of_sale(
                        &row.try_get::<Option<String>, _>("where_to_buy")?.unwrap_or_default(),
                    ),
                    phone: row.try_get("phone")?,
                    website: row.try_get("website")?,
                    stamp_code: row.try_get("stamp_code")?,
                    photos: Vec::new(),
                })
            })
            .await?;
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
        let producer = self
            .fetch_one_as(sql, params, |row| {
                let id = row.try_get("id")?;
                let name: String = row.try_get("name")?;
                Ok(ProducerDetail {
                    id,
                    href: producer_href(id, &name),
                    name,
                    kind: row.try_get("kind")?,
                    province_name: row.try_get("province_name")?,
                    address_as_written: row.try_get("address_as_written")?,
                    phone: row.try_get("phone")?,
                    website: row.try_get("website")?,
                    products: Vec::new(),
                })
            })
            .await?;
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
        self.fetch_one_as(sql, params, |row| {
            Ok(StampCheck {
                product: summary(row, self.db.clock.today())?,
                code: code.to_string(),
                certificate_number: row.try_get("certificate_number")?,
                revoked_on: row.try_get("revoked_on")?,
                revocation_ground: ground_label(row.try_get("revocation_ground")?),
                revocation_ground_code: row.try_get("revocation_ground")?,
            })
        })
        .await
    }
}

fn summary(row: &AnyRow, today: NaiveDate) -> Result<ProductSummary, sqlx::Error> {
    let date = |text: Option<String>| text.and_then(|t| t.parse::<NaiveDate>().ok());
    let expires = date(row.try_get("expires_on")?);
    let revoked = date(row.try_get("revoked_on")?);
    let recognized_year = row.try_get::<i64, _>("recognized_year")? as i32;
    let status = match expires {
        Some(expires) => Some(certificate_status_on(expires, revoked, today)),
        None => status_from_year(recognized_year, revoked, today),
    };
    let id = row.try_get("id")?;
    let name: String = row.try_get("name")?;
    Ok(ProductSummary {
        id,
        href: product_href(id, &name),
        name,
        producer_name: row.try_get("producer_name")?,
        province_name: row.try_get("province_name")?,
        address_as_written: row.try_get("address_as_written")?,
        stars: row.try_get::<i64, _>("stars")?.clamp(1, 5) as u8,
        subgroup_name: row.try_get("subgroup_name")?,
        recognized_year,
        criteria_set: row.try_get("criteria_set")?,
        status,
        valid_until: expires.and_then(|e| e.pred_opt()).map(|d| d.to_string()),
        photo: None,
    })
}

fn ground_label(code: Option<String>) -> Option<String> {
    code.map(|code| RevocationGround::from_code(&code).map_or(code, |ground| ground.label_vi().to_string()))
}
