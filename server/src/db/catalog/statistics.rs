//! Counts for the public statistics page, all computed by the database.

use app::model::{CatalogStatistics, Count, StatusFilter};
use app::ports::PortError;
use chrono::Months;
use sqlx::Row;

use super::SqlCatalog;
use crate::db::sql::{Params, Today};
use crate::db::{port_error, LISTED};

/// Runs `sql` and reads rows of (key, label, count).
async fn counts(catalog: &SqlCatalog, sql: String, params: Params) -> Result<Vec<Count>, PortError> {
    catalog
        .fetch_all(sql, params)
        .await?
        .iter()
        .map(|row| Ok(Count { key: row.try_get(0)?, label: row.try_get(1)?, count: row.try_get::<i64, _>(2)? as u64 }))
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(port_error)
}

pub(super) async fn statistics(catalog: &SqlCatalog, today: Today) -> Result<CatalogStatistics, PortError> {
    // Each query gets its own numbered parameters.
    let in_force = |params: &mut Params| match today.condition(StatusFilter::Current, params) {
        Some(condition) => format!("{LISTED} AND {condition}"),
        None => LISTED.to_string(),
    };

    let mut params = Params::default();
    let sql = format!(
        "SELECT CAST(p.stars AS TEXT), CAST(p.stars AS TEXT), COUNT(*) FROM products p WHERE {} GROUP BY p.stars ORDER BY p.stars DESC",
        in_force(&mut params)
    );
    let mut by_stars = counts(catalog, sql, params).await?;
    for row in &mut by_stars {
        row.label = format!("{} sao", row.key);
    }

    let mut params = Params::default();
    let sql = format!(
        "SELECT COALESCE(i.code, '-'), COALESCE(i.name, 'Chưa phân nhóm'), COUNT(*) FROM products p \
         LEFT JOIN score_sheets s ON s.code = p.subgroup_code \
         LEFT JOIN product_groups g ON g.code = s.group_code \
         LEFT JOIN industries i ON i.code = g.industry_code \
         WHERE {} GROUP BY i.code, i.name, i.position ORDER BY COALESCE(i.position, 99)",
        in_force(&mut params)
    );
    let by_industry = counts(catalog, sql, params).await?;

    let mut params = Params::default();
    let sql = format!(
        "SELECT pv.code, pv.name, COUNT(p.id) FROM provinces pv LEFT JOIN products p ON p.province_code = pv.code AND {} \
         GROUP BY pv.code, pv.name ORDER BY COUNT(p.id) DESC, pv.code",
        in_force(&mut params)
    );
    let by_province = counts(catalog, sql, params).await?;

    let sql = format!(
        "SELECT CAST(recognized_year AS TEXT), CAST(recognized_year AS TEXT), COUNT(*) FROM products p \
         WHERE {LISTED} GROUP BY recognized_year ORDER BY recognized_year"
    );
    let by_year = counts(catalog, sql, Params::default()).await?;

    let mut params = Params::default();
    let t = today.today.to_string();
    let six_months = today.today.checked_add_months(Months::new(6)).unwrap_or(today.today).to_string();
    let sql = format!(
        "SELECT 'expiring', 'expiring', COUNT(*) FROM products p WHERE {LISTED} AND (p.revoked_on IS NULL OR p.revoked_on > {}) \
         AND p.expires_on > {} AND p.expires_on <= {}",
        params.bind(t.as_str()),
        params.bind(t.as_str()),
        params.bind(six_months)
    );
    let expiring_within_6_months = counts(catalog, sql, params).await?.first().map_or(0, |c| c.count);

    Ok(CatalogStatistics {
        as_of: today.today.to_string(),
        in_force: by_stars.iter().map(|c| c.count).sum(),
        by_stars,
        by_industry,
        by_province,
        expiring_within_6_months,
        by_year,
    })
}
