//! The catalog port on SQL.

use app::domain::{certificate_status_on, CertificateStatus};
use app::model::{ProductPage, ProductSummary};
use app::ports::{Catalog, CatalogQuery, PortError};
use async_trait::async_trait;
use chrono::NaiveDate;

use super::{today, Database};

pub struct SqlCatalog {
    db: Database,
}

impl SqlCatalog {
    pub fn new(db: Database) -> Self {
        SqlCatalog { db }
    }
}

type ProductRow = (i64, String, String, String, String, i64, Option<String>, i64, String, Option<String>, Option<String>);

#[async_trait]
impl Catalog for SqlCatalog {
    async fn search(&self, query: &CatalogQuery) -> Result<ProductPage, PortError> {
        // Words are folded to [a-z0-9 ], so they carry no LIKE wildcards.
        let conditions: Vec<String> = (1..=query.words.len()).map(|i| format!("p.search_text LIKE ${i}")).collect();
        let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let patterns: Vec<String> = query.words.iter().map(|word| format!("% {word}%")).collect();

        let count_sql = format!("SELECT COUNT(*) FROM products p {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
        for pattern in &patterns {
            count = count.bind(pattern.clone());
        }
        let total = count.fetch_one(&self.db.pool).await.map_err(port_error)?;

        let list_sql = format!(
            "SELECT p.id, p.name, pr.name, pv.name, p.address_as_written, p.stars, s.name, p.recognized_year, \
                    p.criteria_set, p.expires_on, p.revoked_on \
             FROM products p \
             JOIN producers pr ON pr.id = p.producer_id \
             JOIN provinces pv ON pv.code = p.province_code \
             LEFT JOIN score_sheets s ON s.code = p.subgroup_code \
             {filter} \
             ORDER BY p.stars DESC, p.recognized_year DESC, p.name, p.id \
             LIMIT {}",
            query.limit
        );
        let mut list = sqlx::query_as::<_, ProductRow>(sqlx::AssertSqlSafe(list_sql));
        for pattern in &patterns {
            list = list.bind(pattern.clone());
        }
        let rows = list.fetch_all(&self.db.pool).await.map_err(port_error)?;
        let today = today();
        let items = rows.into_iter().map(|row| summary(row, today)).collect();
        Ok(ProductPage { total: total as u64, items, note_vi: None })
    }
}

fn summary(row: ProductRow, today: NaiveDate) -> ProductSummary {
    let (id, name, producer_name, province_name, address_as_written, stars, subgroup_name, recognized_year, criteria_set, expires_on, revoked_on) = row;
    let date = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
    let expires = date(&expires_on);
    let status: Option<CertificateStatus> = expires.map(|expires| certificate_status_on(expires, date(&revoked_on), today));
    ProductSummary {
        id,
        name,
        producer_name,
        province_name,
        address_as_written,
        stars: stars.clamp(1, 5) as u8,
        subgroup_name,
        recognized_year: recognized_year as i32,
        criteria_set,
        status,
        valid_until: expires.and_then(|e| e.pred_opt()).map(|d| d.to_string()),
    }
}

/// Pool timeouts and dropped connections mean "try later"; anything else is a bug to log.
pub fn port_error(err: sqlx::Error) -> PortError {
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed | sqlx::Error::Tls(_) => {
            PortError::Unavailable(err.to_string())
        }
        other => PortError::Internal(other.to_string()),
    }
}
