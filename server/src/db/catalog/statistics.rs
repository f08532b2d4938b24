//! Counts for the public statistics page, all computed by the database.

use app::model::{CatalogStatistics, Count, StatusFilter};
use app::ports::PortError;
use chrono::Months;

use super::SqlCatalog;
use crate::db::sql::{CountRow, Params, Today};
use crate::db::LISTED;

/// Runs `sql`, which names its columns `key`, `label` and `count`.
async fn counts(catalog: &SqlCatalog, sql: String, params: Params) -> Result<Vec<Count>, PortError> {
    let rows: Vec<CountRow> = catalog.fetch_all(sql, params).await?;
    Ok(rows.into_iter().map(Count::from).collect())
}

pub(super) async fn statistics(catalog: &SqlCatalog, today: Today) -> Result<CatalogStatistics, PortError> {
    // Each query gets its own numbered parameters.
    let in_force = |params: &mut Params| match today.condition(StatusFilter::Current, params) {
        Some(condition) => format!("{LISTED} AND {condition}"),
        None => LISTED.to_string(),
    };

    let mut params = Params::default();
    let sql = format!(
        "SELECT CAST(p.stars AS TEXT) AS key, CAST(p.stars AS TEXT) AS label, COUNT(*) AS count FROM products p \
         WHERE {} GROUP BY p.stars ORDER BY p.stars DESC",
        in_force(&mut params)
    );
    let mut by_stars = counts(catalog, sql, params).await?;
    for row in &mut by_stars {
        row.label = format!("{} sao", row.key);
    }

    let mut params = Params::default();
    let sql = format!(
        "SELECT COALESCE(i.code, '-') AS key, COALESCE(i.name, 'Chưa phân nhóm') AS label, COUNT(*) AS count \
         FROM products p \
         LEFT JOIN score_sheets s ON s.code = p.subgroup_code \
         LEFT JOIN product_groups g ON g.code = s.group_code \
         LEFT JOIN industries i ON i.code = g.industry_code \
         WHERE {} GROUP BY i.code, i.name, i.position ORDER BY COALESCE(i.position, 99)",
        in_force(&mut params)
    );
    let by_industry = counts(catalog, sql, params).await?;

    let mut params = Params::default();
    let sql = format!(
        "SELECT pv.code AS key, pv.name AS label, COUNT(p.id) AS count \
         FROM provinces pv LEFT JOIN products p ON p.province_code = pv.code AND {} \
         GROUP BY pv.code, pv.name ORDER BY COUNT(p.id) DESC, pv.code",
        in_force(&mut params)
    );
    let by_province = counts(catalog, sql, params).await?;

    let sql = format!(
        "SELECT CAST(recognized_year AS TEXT) AS key, CAST(recognized_year AS TEXT) AS label, COUNT(*) AS count \
         FROM products p \
         WHERE {LISTED} GROUP BY recognized_year ORDER BY recognized_year"
    );
    let by_year = counts(catalog, sql, Params::default()).await?;

    let mut params = Params::default();
    let t = today.today.to_string();
    let six_months = today.today.checked_add_months(Months::new(6)).unwrap_or(today.today).to_string();
    // In force today (`expires_on` is the last valid day: in force on it) and ending within six
    // months.
    let sql = format!(
        "SELECT 'expiring' AS key, 'expiring' AS label, COUNT(*) AS count FROM products p \
         WHERE {LISTED} AND (p.revoked_on IS NULL OR p.revoked_on > {}) \
         AND p.expires_on >= {} AND p.expires_on <= {}",
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
