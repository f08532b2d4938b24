//! The catalog port on SQL: filtered, faceted, paged search and the public pages' lookups.

use app::domain::{
    certificate_status_on, fold, fold_words, one_slip_away, points_of_sale, status_from_year, ProducerKind,
    RevocationGround, SLIP_TOLERANT_LENGTH,
};
use app::model::{
    producer_href, product_href, CatalogFilters, CatalogStatistics, Correction, FacetCount, Facets, ProducerDetail,
    ProductDetail, ProductPage, ProductSummary, SortOrder, StampCheck, StatusFilter, PAGE_SIZE,
};
use app::ports::{Catalog, PortError};
use async_trait::async_trait;
use chrono::{Datelike, Duration, NaiveDate};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::bulk::{arguments, Cell};
use super::photos::photos_of;
use super::{in_force_id, port_error, today, Backend, Database, LISTED};

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
        let today = today();
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

/// Catalog pages answered recently. Citizens ask the same few things (the first page, a
/// province, "mat ong") far more often than the catalog changes, and counting the facets of
/// 100,000 products for each of them costs a database scan every time. A page is reused while
/// the catalog's edition is the one it was counted under (`Database::catalog_edition`, shared
/// by every server through the database): after a change, the next request counts again, and
/// requests for the same page meanwhile wait for that one count instead of each starting their
/// own. A page older than `PAGE_CACHE_TTL` is counted again by one request while the others
/// still get it as it was.
#[derive(Default)]
struct PageCache {
    pages: Mutex<HashMap<String, CachedPage>>,
    /// One lock per page being counted, so that only one request counts it.
    counting: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// The bound on how long a change made outside the platform (SQL typed by hand) takes to show;
/// everything the platform changes bumps the edition instead.
const PAGE_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(300);
/// About 10 kB a page: the cache stays within a few tens of megabytes.
const PAGE_CACHE_SIZE: usize = 4096;

struct CachedPage {
    edition: u64,
    stored: Instant,
    /// Since when one request has been counting it again, if one is.
    recounting: Option<Instant>,
    page: ProductPage,
}

/// What the cache holds for a page.
enum Cached {
    /// Current: answer with it.
    Page(ProductPage),
    /// Old: this request counts it again; answer with this if counting fails.
    Recount(ProductPage),
    /// Nothing current: count it (once for all who ask now).
    Missing,
}

impl PageCache {
    fn lookup(&self, key: &str, edition: u64) -> Cached {
        let mut pages = self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match pages.get_mut(key) {
            Some(cached) if cached.edition == edition => {
                let someone_recounting = cached.recounting.is_some_and(|since| since.elapsed() < PAGE_CACHE_TTL);
                if cached.stored.elapsed() < PAGE_CACHE_TTL || someone_recounting {
                    Cached::Page(cached.page.clone())
                } else {
                    cached.recounting = Some(Instant::now());
                    Cached::Recount(cached.page.clone())
                }
            }
            _ => Cached::Missing,
        }
    }

    fn put(&self, key: String, edition: u64, page: &ProductPage) {
        let mut pages = self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if pages.len() >= PAGE_CACHE_SIZE {
            pages.retain(|_, cached| cached.edition == edition && cached.stored.elapsed() < PAGE_CACHE_TTL);
            if pages.len() >= PAGE_CACHE_SIZE {
                pages.clear();
            }
        }
        pages.insert(key, CachedPage { edition, stored: Instant::now(), recounting: None, page: page.clone() });
    }

    /// The lock held while `key` is counted.
    fn counting_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut counting = self.counting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if counting.len() >= PAGE_CACHE_SIZE {
            counting.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        counting.entry(key.to_string()).or_default().clone()
    }
}

/// Bound values collected while a statement is written, numbered as they are used.
#[derive(Default)]
pub(super) struct Params {
    cells: Vec<Cell>,
}

impl Params {
    /// Runs `sql` with the values bound so far.
    pub(super) async fn fetch_all(self, pool: &sqlx::AnyPool, sql: String) -> Result<Vec<AnyRow>, PortError> {
        sqlx::query_with(AssertSqlSafe(sql), arguments(self.cells)).fetch_all(pool).await.map_err(port_error)
    }

    pub(super) fn bind(&mut self, cell: impl Into<Cell>) -> String {
        self.cells.push(cell.into());
        format!("${}", self.cells.len())
    }
}

/// The dates that decide certificate status today.
#[derive(Clone, Copy)]
pub(super) struct Today {
    pub(super) today: NaiveDate,
}

impl Today {
    /// SQL deciding whether `p` has `status` today (`None` for no condition).
    pub(super) fn condition(self, status: StatusFilter, params: &mut Params) -> Option<String> {
        let t = self.today.to_string();
        let not_revoked =
            |params: &mut Params| format!("(p.revoked_on IS NULL OR p.revoked_on > {})", params.bind(t.as_str()));
        let year = || i64::from(self.today.year() - 3);
        let soon = || (self.today + Duration::days(app::domain::certificate::EXPIRING_WITHIN_DAYS)).to_string();
        Some(match status {
            StatusFilter::All => return None,
            StatusFilter::Revoked => {
                format!("(p.revoked_on IS NOT NULL AND p.revoked_on <= {})", params.bind(t.as_str()))
            }
            StatusFilter::Valid => format!("({} AND p.expires_on > {})", not_revoked(params), params.bind(soon())),
            StatusFilter::Expiring => format!(
                "({} AND p.expires_on > {} AND p.expires_on <= {})",
                not_revoked(params),
                params.bind(t.as_str()),
                params.bind(soon())
            ),
            StatusFilter::Expired => format!(
                "({} AND (p.expires_on <= {} OR (p.expires_on IS NULL AND p.recognized_year < {})))",
                not_revoked(params),
                params.bind(t.as_str()),
                params.bind(year())
            ),
            StatusFilter::Unknown => {
                format!(
                    "({} AND p.expires_on IS NULL AND p.recognized_year >= {})",
                    not_revoked(params),
                    params.bind(year())
                )
            }
            StatusFilter::Current => format!(
                "({} AND (p.expires_on > {} OR (p.expires_on IS NULL AND p.recognized_year >= {})))",
                not_revoked(params),
                params.bind(t.as_str()),
                params.bind(year())
            ),
        })
    }

    /// SQL naming the status of `p` today, for counting.
    fn status_case(self, params: &mut Params) -> String {
        let t = self.today.to_string();
        format!(
            "CASE WHEN p.revoked_on IS NOT NULL AND p.revoked_on <= {t1} THEN 'revoked' \
                  WHEN p.expires_on > {soon} THEN 'valid' \
                  WHEN p.expires_on > {t2} THEN 'expiring' \
                  WHEN p.expires_on IS NOT NULL OR p.recognized_year < {year} THEN 'expired' \
                  ELSE 'unknown' END",
            t1 = params.bind(t.as_str()),
            soon =
                params.bind((self.today + Duration::days(app::domain::certificate::EXPIRING_WITHIN_DAYS)).to_string()),
            t2 = params.bind(t.as_str()),
            year = params.bind(i64::from(self.today.year() - 3)),
        )
    }
}

/// The folded words of a query, and the database that will look for them.
struct Search {
    words: Vec<SearchWord>,
    backend: Backend,
}

/// A word as typed, and what it matches as a word prefix: itself, or the catalog's words one
/// slip away from it when it begins none as typed.
struct SearchWord {
    typed: String,
    matches: Vec<String>,
}

impl Search {
    /// The words searched for something other than as typed.
    fn corrections(&self) -> Vec<Correction> {
        self.words
            .iter()
            .filter(|word| word.matches != [word.typed.as_str()])
            .map(|word| Correction { typed: word.typed.clone(), read_as: word.matches.clone() })
            .collect()
    }
}

impl SearchWord {
    /// A condition matching the word as a word prefix of `column` (padded with spaces).
    fn condition(&self, column: &str, params: &mut Params) -> String {
        let likes: Vec<String> =
            self.matches.iter().map(|word| format!("{column} LIKE {}", params.bind(format!("% {word}%")))).collect();
        format!("({})", likes.join(" OR "))
    }
}

/// The WHERE clause for `filters`.
fn where_clause(filters: &CatalogFilters, search: &Search, today: Today, params: &mut Params) -> String {
    let mut conditions = vec![LISTED.to_string()];
    if let (Backend::Sqlite, false) = (search.backend, search.words.is_empty()) {
        // The FTS index narrows the rows; the LIKE below keeps the exact rule on what is left.
        let query: Vec<String> = search
            .words
            .iter()
            .map(|word| {
                let any: Vec<String> = word.matches.iter().map(|word| format!("\"{word}\"*")).collect();
                format!("({})", any.join(" OR "))
            })
            .collect();
        conditions.push(format!(
            "p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH {})",
            params.bind(query.join(" AND "))
        ));
    }
    conditions.extend(search.words.iter().map(|word| word.condition("p.search_text", params)));
    if let Some(province) = &filters.province {
        conditions.push(format!("p.province_code = {}", params.bind(province.as_str())));
    }
    if let Some(stars) = filters.stars {
        conditions.push(format!("p.stars = {}", params.bind(i64::from(stars))));
    }
    if let Some(commune) = &filters.commune {
        conditions.push(format!("p.commune_code = {}", params.bind(commune.as_str())));
    }
    if let Some(industry) = &filters.industry {
        conditions.push(format!(
            "p.subgroup_code IN (SELECT s2.code FROM score_sheets s2 JOIN product_groups g2 ON g2.code = s2.group_code \
             WHERE g2.industry_code = {})",
            params.bind(industry.as_str())
        ));
    }
    if let Some(group) = &filters.group {
        conditions.push(format!(
            "p.subgroup_code IN (SELECT code FROM score_sheets WHERE group_code = {})",
            params.bind(group.as_str())
        ));
    }
    if let Some(subgroup) = &filters.subgroup {
        conditions.push(format!("p.subgroup_code = {}", params.bind(subgroup.as_str())));
    }
    if let Some(kind) = &filters.kind {
        conditions
            .push(format!("p.producer_id IN (SELECT id FROM producers WHERE kind = {})", params.bind(kind.as_str())));
    }
    conditions.extend(today.condition(filters.status, params));
    format!("WHERE {}", conditions.join(" AND "))
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
        let today = Today { today: today() };
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
        let today = Today { today: today() };
        let search = self.search_for(&filters.q).await?;
        self.list(filters, &search, today, u64::from(limit), 0).await
    }

    async fn statistics(&self) -> Result<CatalogStatistics, PortError> {
        super::statistics::statistics(self, Today { today: today() }).await
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
                    summary: summary(row, today())?,
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
                product: summary(row, today())?,
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

impl SqlCatalog {
    /// One page of results, counted and read from the database.
    async fn search_uncached(&self, filters: &CatalogFilters, today: Today) -> Result<ProductPage, PortError> {
        let search = self.search_for(&filters.q).await?;
        let cube = self.facet_cube(filters, &search, today).await?;
        let (total, mut facets) = facets_from_cube(&cube, filters);
        self.keep_chosen(&mut facets.provinces, filters.province.as_ref(), "provinces").await?;

        if filters.province.is_some() {
            facets.communes = self.commune_facet(filters, &search, today).await?;
        }

        let offset = u64::from(filters.page.saturating_sub(1)) * u64::from(PAGE_SIZE);
        let items = self.list(filters, &search, today, u64::from(PAGE_SIZE), offset).await?;
        Ok(ProductPage {
            total,
            items,
            page: filters.page,
            page_count: total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32,
            facets,
            corrections: search.corrections(),
        })
    }

    /// The words of query `q`. A longer word that begins none of the catalog's words is taken as
    /// a slip and stands for the catalog's words one slip away from it, when there are any.
    async fn search_for(&self, q: &str) -> Result<Search, PortError> {
        let mut words = Vec::new();
        for word in fold_words(q) {
            let mut matches = vec![word.clone()];
            if word.chars().count() >= SLIP_TOLERANT_LENGTH && !self.begins_a_catalog_word(&word).await? {
                let mut params = Params::default();
                let variants = one_slip_away(&word);
                let list: Vec<String> = variants.into_iter().map(|variant| params.bind(variant)).collect();
                let sql = format!("SELECT term FROM search_words WHERE term IN ({}) ORDER BY term", list.join(", "));
                let known: Vec<String> = self
                    .fetch_all(sql, params)
                    .await?
                    .iter()
                    .map(|row| row.try_get(0))
                    .collect::<Result<_, _>>()
                    .map_err(port_error)?;
                if !known.is_empty() {
                    matches = known;
                }
            }
            words.push(SearchWord { typed: word, matches });
        }
        Ok(Search { words, backend: self.db.backend })
    }

    /// Whether some word the catalog holds begins with `word` (as a search word would match it).
    async fn begins_a_catalog_word(&self, word: &str) -> Result<bool, PortError> {
        // Folded words are ASCII letters and digits, and '{' sorts after all of them.
        let found: Option<String> =
            sqlx::query_scalar("SELECT term FROM search_words WHERE term >= $1 AND term < $2 LIMIT 1")
                .bind(word.to_owned())
                .bind(format!("{word}{{"))
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        Ok(found.is_some())
    }

    /// The products matching `filters` in their sort order, `limit` from `offset`.
    async fn list(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<ProductSummary>, PortError> {
        let mut params = Params::default();
        let filter = where_clause(filters, search, today, &mut params);
        let order = order_by(filters.sort, &search.words, today, &mut params);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM products p {SUMMARY_JOINS} {filter} ORDER BY {order} LIMIT {} OFFSET {}",
            params.bind(limit as i64),
            params.bind(offset as i64)
        );
        self.fetch_summaries(sql, params).await
    }

    /// Adds the chosen place to its facet, counted 0, when nothing matches there: the select
    /// still shows what the person chose. `table` (`provinces` or `communes`) names the place.
    async fn keep_chosen(
        &self,
        values: &mut Vec<FacetCount>,
        chosen: Option<&String>,
        table: &'static str,
    ) -> Result<(), PortError> {
        let Some(chosen) = chosen.filter(|chosen| !values.iter().any(|facet| &facet.value == *chosen)) else {
            return Ok(());
        };
        let name: Option<String> =
            sqlx::query_scalar(AssertSqlSafe(format!("SELECT name FROM {table} WHERE code = $1")))
                .bind(chosen.clone())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        values.push(FacetCount { value: chosen.clone(), label: name.unwrap_or_else(|| chosen.clone()), count: 0 });
        Ok(())
    }

    /// The communes of the chosen province that hold matching products, with how many (every
    /// other filter applied), in alphabetical order; a chosen commune with none stays listed.
    async fn commune_facet(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
    ) -> Result<Vec<FacetCount>, PortError> {
        let mut params = Params::default();
        let filter = where_clause(&CatalogFilters { commune: None, ..filters.clone() }, search, today, &mut params);
        let sql = format!(
            "SELECT p.commune_code, c.name, COUNT(*) FROM products p JOIN communes c ON c.code = p.commune_code \
             {filter} GROUP BY p.commune_code, c.name"
        );
        let mut communes: Vec<FacetCount> = self
            .fetch_all(sql, params)
            .await?
            .iter()
            .map(|row| {
                Ok(FacetCount {
                    value: row.try_get(0)?,
                    label: row.try_get(1)?,
                    count: row.try_get::<i64, _>(2)? as u64,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(port_error)?;
        self.keep_chosen(&mut communes, filters.commune.as_ref(), "communes").await?;
        communes.sort_by_key(|facet| fold(&facet.label));
        Ok(communes)
    }

    /// Counts of the products matching the words, by province, stars and status: one scan
    /// from which the total and every facet are summed (see `facets_from_cube`).
    async fn facet_cube(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
    ) -> Result<Vec<CubeCell>, PortError> {
        // Every filter counted in the cube is left out here; the words and the commune stay.
        let words_only = CatalogFilters {
            province: None,
            stars: None,
            industry: None,
            group: None,
            subgroup: None,
            kind: None,
            status: StatusFilter::All,
            ..filters.clone()
        };
        let mut params = Params::default();
        let filter = where_clause(&words_only, search, today, &mut params);
        let status = today.status_case(&mut params);
        let sql = format!(
            "SELECT p.province_code, pv.name, p.stars, {status} AS status, p.subgroup_code, s.name, \
                    g.code, g.name, i.code, i.name, pr.kind, COUNT(*) \
             FROM products p JOIN provinces pv ON pv.code = p.province_code \
             JOIN producers pr ON pr.id = p.producer_id \
             LEFT JOIN score_sheets s ON s.code = p.subgroup_code \
             LEFT JOIN product_groups g ON g.code = s.group_code \
             LEFT JOIN industries i ON i.code = g.industry_code {filter} \
             GROUP BY p.province_code, pv.name, p.stars, status, p.subgroup_code, s.name, g.code, g.name, i.code, i.name, pr.kind"
        );
        self.fetch_all(sql, params)
            .await?
            .iter()
            .map(|row| {
                Ok(CubeCell {
                    province: row.try_get(0)?,
                    province_name: row.try_get(1)?,
                    stars: row.try_get::<i64, _>(2)?.clamp(0, 5) as u8,
                    status: row.try_get(3)?,
                    subgroup: labelled(row.try_get(4)?, row.try_get(5)?),
                    group: labelled(row.try_get(6)?, row.try_get(7)?),
                    industry: labelled(row.try_get(8)?, row.try_get(9)?),
                    kind: row.try_get(10)?,
                    count: row.try_get::<i64, _>(11)? as u64,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(port_error)
    }
}

/// How many matching products share a province, a star level and a status today.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CubeCell {
    province: String,
    province_name: String,
    stars: u8,
    status: String,
    /// (code, name) of the product's place in the classification, when it has a subgroup.
    industry: Option<(String, String)>,
    group: Option<(String, String)>,
    subgroup: Option<(String, String)>,
    kind: Option<String>,
    count: u64,
}

fn labelled(code: Option<String>, name: Option<String>) -> Option<(String, String)> {
    code.zip(name)
}

/// The filters the facet cube counts by; each facet counts with all the others applied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Province,
    Stars,
    Status,
    Industry,
    Group,
    Subgroup,
    Kind,
}

impl Facet {
    const ALL: [Facet; 7] =
        [Facet::Province, Facet::Stars, Facet::Status, Facet::Industry, Facet::Group, Facet::Subgroup, Facet::Kind];

    /// Whether `cell` passes this facet's filter.
    fn passes(self, cell: &CubeCell, filters: &CatalogFilters) -> bool {
        let code_is = |chosen: &Option<String>, code: &Option<(String, String)>| {
            chosen.as_ref().is_none_or(|chosen| code.as_ref().is_some_and(|(c, _)| c == chosen))
        };
        match self {
            Facet::Province => filters.province.as_ref().is_none_or(|p| &cell.province == p),
            Facet::Stars => filters.stars.is_none_or(|s| cell.stars == s),
            Facet::Status => statuses_of(filters.status).contains(&cell.status.as_str()),
            Facet::Industry => code_is(&filters.industry, &cell.industry),
            Facet::Group => code_is(&filters.group, &cell.group),
            Facet::Subgroup => code_is(&filters.subgroup, &cell.subgroup),
            Facet::Kind => filters.kind.is_none() || cell.kind == filters.kind,
        }
    }
}

/// The statuses (as `Today::status_case` names them) a status filter lets through.
fn statuses_of(filter: StatusFilter) -> &'static [&'static str] {
    match filter {
        StatusFilter::Current => &["valid", "expiring", "unknown"],
        StatusFilter::Valid => &["valid"],
        StatusFilter::Expiring => &["expiring"],
        StatusFilter::Expired => &["expired"],
        StatusFilter::Revoked => &["revoked"],
        StatusFilter::Unknown => &["unknown"],
        StatusFilter::All => &["valid", "expiring", "unknown", "expired", "revoked"],
    }
}

/// The total for the filters, and each facet counted with the other filters but not its own,
/// so every value shows how many products choosing it would give.
fn facets_from_cube(cells: &[CubeCell], filters: &CatalogFilters) -> (u64, Facets) {
    // The cells a facet counts: those passing every filter but its own.
    let counted = |facet: Facet| {
        cells.iter().filter(move |c| Facet::ALL.iter().all(|other| *other == facet || other.passes(c, filters)))
    };
    // Sums the counted cells by the value `key` gives them, labelled, in the order first seen.
    let by = |facet: Facet, key: &dyn Fn(&CubeCell) -> Option<(String, String)>| {
        let mut values: Vec<FacetCount> = Vec::new();
        for cell in counted(facet) {
            let Some((value, label)) = key(cell) else { continue };
            match values.iter_mut().find(|f| f.value == value) {
                Some(found) => found.count += cell.count,
                None => values.push(FacetCount { value, label, count: cell.count }),
            }
        }
        values
    };
    // Alphabetical the Vietnamese way: "Đà Nẵng" sits with the D's, not after Z.
    let alphabetical = |mut values: Vec<FacetCount>| {
        values.sort_by_key(|facet| fold(&facet.label));
        values
    };
    let in_code_order = |mut values: Vec<FacetCount>| {
        values.sort_by(|a, b| (a.value.len(), &a.value).cmp(&(b.value.len(), &b.value)));
        values
    };

    let total = cells.iter().filter(|c| Facet::ALL.iter().all(|f| f.passes(c, filters))).map(|c| c.count).sum();
    let provinces = alphabetical(by(Facet::Province, &|c| Some((c.province.clone(), c.province_name.clone()))));
    let stars = (3..=5u8)
        .rev()
        .map(|level| FacetCount {
            value: level.to_string(),
            label: format!("{level} sao"),
            count: counted(Facet::Stars).filter(|c| c.stars == level).map(|c| c.count).sum(),
        })
        .collect();
    let statuses = StatusFilter::ALL
        .into_iter()
        .map(|status| FacetCount {
            value: status.code().to_string(),
            label: status.label_vi().to_string(),
            count: counted(Facet::Status)
                .filter(|c| statuses_of(status).contains(&c.status.as_str()))
                .map(|c| c.count)
                .sum(),
        })
        .collect();
    let industries = in_code_order(by(Facet::Industry, &|c| c.industry.clone()));
    let groups = in_code_order(by(Facet::Group, &|c| c.group.clone()));
    let subgroups = alphabetical(by(Facet::Subgroup, &|c| c.subgroup.clone()));
    let mut kinds = by(Facet::Kind, &|c| {
        let kind = ProducerKind::from_code(c.kind.as_deref()?)?;
        Some((kind.code().to_string(), kind.name_vi().to_string()))
    });
    kinds.sort_by_key(|facet| ProducerKind::ALL.iter().position(|k| k.code() == facet.value));
    let facets = Facets { provinces, communes: vec![], stars, industries, groups, subgroups, kinds, statuses };
    (total, facets)
}

/// Name matches first, then certificates in force, then stars, for relevance.
fn order_by(sort: SortOrder, words: &[SearchWord], today: Today, params: &mut Params) -> String {
    match sort {
        SortOrder::Relevance => {
            let name_hits: Vec<String> = words
                .iter()
                .map(|word| format!("CASE WHEN {} THEN 1 ELSE 0 END", word.condition("p.name_key", params)))
                .collect();
            let in_force = today.condition(StatusFilter::Current, params).unwrap_or_else(|| "1 = 1".into());
            // A bare number in ORDER BY would mean a column position, so no words, no term.
            let name_rank =
                if name_hits.is_empty() { String::new() } else { format!("{} DESC, ", name_hits.join(" + ")) };
            format!(
                "{name_rank}CASE WHEN {in_force} THEN 1 ELSE 0 END DESC, p.stars DESC, p.recognized_year DESC, p.name_key, p.id"
            )
        }
        SortOrder::Stars => "p.stars DESC, p.name_key, p.id".into(),
        SortOrder::Newest => "p.recognized_year DESC, COALESCE(p.decision_date, '') DESC, p.id DESC".into(),
        SortOrder::Name => "p.name_key, p.id".into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_page_serves_until_the_catalog_changes_and_one_request_recounts_an_old_one() {
        let cache = PageCache::default();
        let page = ProductPage {
            total: 1,
            items: vec![],
            page: 1,
            page_count: 1,
            facets: Facets::default(),
            corrections: vec![],
        };
        assert!(matches!(cache.lookup("/", 0), Cached::Missing));
        cache.put("/".into(), 0, &page);
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
        assert!(matches!(cache.lookup("/?stars=4", 0), Cached::Missing), "another page");
        assert!(matches!(cache.lookup("/", 1), Cached::Missing), "the catalog changed since");

        // Past its age: the first request recounts, the others meanwhile get it as it was.
        let old = Instant::now().checked_sub(PAGE_CACHE_TTL * 2).expect("the clock has run that long");
        cache.pages.lock().unwrap().get_mut("/").unwrap().stored = old;
        assert!(matches!(cache.lookup("/", 0), Cached::Recount(_)));
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
        cache.put("/".into(), 0, &page);
        assert!(matches!(cache.lookup("/", 0), Cached::Page(_)));
    }

    fn cell(province: &str, stars: u8, status: &str, count: u64) -> CubeCell {
        CubeCell {
            province: province.into(),
            province_name: format!("Tỉnh {province}"),
            stars,
            status: status.into(),
            industry: Some(("V".into(), "Sinh vật cảnh".into())),
            group: Some(("V.1".into(), "Hoa".into())),
            subgroup: Some(("hoa".into(), "Hoa".into())),
            kind: Some(if province == "48" { "cooperative" } else { "household" }.into()),
            count,
        }
    }

    #[test]
    fn facets_count_the_other_filters_only() {
        let cube = [
            cell("48", 3, "valid", 5),
            cell("48", 4, "expired", 2),
            cell("01", 4, "valid", 3),
            cell("01", 5, "revoked", 1),
            cell("01", 3, "unknown", 4),
        ];
        let filters = CatalogFilters { province: Some("01".into()), stars: Some(4), ..CatalogFilters::default() };
        let (total, facets) = facets_from_cube(&cube, &filters);
        assert_eq!(total, 3, "01, 4 stars, in force");
        let counts = |list: &[FacetCount]| list.iter().map(|f| (f.value.clone(), f.count)).collect::<Vec<_>>();
        assert_eq!(counts(&facets.provinces), vec![("01".into(), 3)], "4 stars in force, any province");
        assert_eq!(
            counts(&facets.stars),
            vec![("5".into(), 0), ("4".into(), 3), ("3".into(), 4)],
            "01 in force, any stars"
        );
        let statuses = counts(&facets.statuses);
        assert_eq!(statuses[0], ("current".into(), 3));
        assert_eq!(statuses.last(), Some(&("all".into(), 3)), "01 with 4 stars, any status");

        let (all, _) =
            facets_from_cube(&cube, &CatalogFilters { status: StatusFilter::All, ..CatalogFilters::default() });
        assert_eq!(all, 15);
        assert_eq!(counts(&facets.subgroups), vec![("hoa".into(), 3)], "01, 4 stars, in force, any subgroup");
        let other = CatalogFilters {
            subgroup: Some("cay-canh".into()),
            status: StatusFilter::All,
            ..CatalogFilters::default()
        };
        assert_eq!(facets_from_cube(&cube, &other).0, 0);

        // The classification and the producer kind count the same way.
        assert_eq!(counts(&facets.industries), vec![("V".into(), 3)]);
        assert_eq!(counts(&facets.groups), vec![("V.1".into(), 3)]);
        assert_eq!(counts(&facets.kinds), vec![("household".into(), 3)], "01, 4 stars, in force, any kind");
        let cooperatives =
            CatalogFilters { kind: Some("cooperative".into()), status: StatusFilter::All, ..CatalogFilters::default() };
        let (total, facets) = facets_from_cube(&cube, &cooperatives);
        assert_eq!(total, 7, "the two cells of 48");
        assert_eq!(counts(&facets.kinds), vec![("cooperative".into(), 7), ("household".into(), 8)]);
        assert_eq!(counts(&facets.provinces), vec![("48".into(), 7)]);
    }
}
