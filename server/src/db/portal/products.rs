//! The producer's products as the portal shows them, with their certificates and the
//! dossiers they may open.

use app::domain::{certificate_status, expires_on, rerating_window, rerating_window_state};
use app::domain::{may_open, DossierKind, DossierState, Stars, WindowState};
use app::model::{DossierSummary, PortalCertificate, PortalProduct, SubgroupChoice};
use app::ports::{PortError, PortalError};
use sqlx::Row;

use crate::db::codes::{code, date_of, from_code};
use crate::db::{port_error, Database};

pub async fn subgroups(db: &Database) -> Result<Vec<SubgroupChoice>, PortError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT s.code, s.name, i.name FROM score_sheets s
         JOIN product_groups g ON g.code = s.group_code JOIN industries i ON i.code = g.industry_code
         ORDER BY i.position, g.position, s.position",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows.into_iter().map(|(code, name, industry)| SubgroupChoice { code, name, industry }).collect())
}

pub async fn products_of(db: &Database, producer_id: i64) -> Result<Vec<PortalProduct>, PortError> {
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.subgroup_code, s.name, p.description, c.id, c.stars, c.certificate_number,
                c.decision_date, c.revoked_on
         FROM portal_products p JOIN score_sheets s ON s.code = p.subgroup_code
         LEFT JOIN products c ON c.id = p.catalog_product_id
         WHERE p.producer_id = $1 ORDER BY p.id DESC",
    )
    .bind(producer_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let dossiers = sqlx::query(
        "SELECT d.id, d.portal_product_id, d.kind, d.state, d.created_at FROM dossiers d
         JOIN portal_products p ON p.id = d.portal_product_id WHERE p.producer_id = $1 ORDER BY d.id DESC",
    )
    .bind(producer_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let mut products: Vec<PortalProduct> = rows
        .iter()
        .map(|r| PortalProduct {
            id: r.get(0),
            name: r.get(1),
            subgroup_code: r.get(2),
            subgroup_name: r.get(3),
            description: r.get(4),
            dossiers: Vec::new(),
            certificate: portal_certificate(r, db.clock.today()),
        })
        .collect();
    for row in &dossiers {
        let product_id: i64 = row.get(1);
        if let Some(product) = products.iter_mut().find(|p| p.id == product_id) {
            product.dossiers.push(DossierSummary {
                id: row.get(0),
                kind: from_code(row.get(2))?,
                state: from_code(row.get(3))?,
                opened_on: date_of(row.get(4)),
            });
        }
    }
    Ok(products)
}

/// The certificate columns of a portal product's row (5 to 9), as its producer follows them.
fn portal_certificate(row: &sqlx::any::AnyRow, today: chrono::NaiveDate) -> Option<PortalCertificate> {
    let id: i64 = row.get::<Option<i64>, _>(5)?;
    let decided = date(row.get::<Option<String>, _>(8)?)?;
    let revoked = row.get::<Option<String>, _>(9).and_then(date);
    let (opens, closes) = rerating_window(decided);
    Some(PortalCertificate {
        catalog_product_id: id,
        stars: u8::try_from(row.get::<i64, _>(6)).unwrap_or_default(),
        certificate_number: row.get::<Option<String>, _>(7).unwrap_or_default(),
        expires_on: expires_on(decided).to_string(),
        status: certificate_status(decided, revoked, today),
        rerating_opens_on: opens.to_string(),
        rerating_closes_on: closes.to_string(),
        rerating_open: matches!(rerating_window_state(decided, today), WindowState::Open { .. }),
    })
}

pub(super) fn date(text: String) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

pub async fn register_product(
    db: &Database,
    producer_id: i64,
    name: &str,
    subgroup_code: &str,
    description: Option<&str>,
) -> Result<i64, PortalError> {
    let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM score_sheets WHERE code = $1")
        .bind(subgroup_code)
        .fetch_one(&db.pool)
        .await
        .map_err(port_error)?;
    if known == 0 {
        return Err(PortalError::UnknownSubgroup);
    }
    let row = sqlx::query(
        "INSERT INTO portal_products (producer_id, name, subgroup_code, description, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(producer_id)
    .bind(name)
    .bind(subgroup_code)
    .bind(description)
    .bind(db.clock.timestamp())
    .fetch_one(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(row.get(0))
}

pub async fn open_dossier(
    db: &Database,
    account_id: i64,
    producer_id: i64,
    product_id: i64,
    kind: DossierKind,
) -> Result<i64, PortalError> {
    let mut tx = db.begin_write().await.map_err(port_error)?;
    let product = sqlx::query(
        "SELECT p.id, p.name, p.subgroup_code, s.name, p.description, c.id, c.stars, c.certificate_number,
                c.decision_date, c.revoked_on
         FROM portal_products p JOIN score_sheets s ON s.code = p.subgroup_code
         LEFT JOIN products c ON c.id = p.catalog_product_id WHERE p.id = $1 AND p.producer_id = $2",
    )
    .bind(product_id)
    .bind(producer_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(port_error)?;
    let Some(product) = product else { return Err(PortalError::NotFound) };
    let certificate = portal_certificate(&product, db.clock.today());
    let states: Vec<String> = sqlx::query_scalar("SELECT state FROM dossiers WHERE portal_product_id = $1")
        .bind(product_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(port_error)?;
    for state in states {
        if !from_code::<DossierState>(state)?.is_final() {
            return Err(PortalError::AlreadyOpen);
        }
    }
    // What may be opened follows the certificate the product holds, if any.
    let decided = certificate.as_ref().and_then(|_| product.get::<Option<String>, _>(8)).and_then(date);
    may_open(
        kind,
        certificate.as_ref().and_then(|c| Stars::new(c.stars)),
        certificate.as_ref().map(|c| c.status),
        decided.map(|d| rerating_window_state(d, db.clock.today())),
    )
    .map_err(PortalError::OpenRefused)?;
    let now = db.clock.timestamp();
    let row = sqlx::query(
        "INSERT INTO dossiers (portal_product_id, kind, state, self_assessment, version, created_at, updated_at)
         VALUES ($1, $2, $3, '{}', 1, $4, $4) RETURNING id",
    )
    .bind(product_id)
    .bind(code(kind))
    .bind(code(DossierState::Draft))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(port_error)?;
    let id: i64 = row.get(0);
    sqlx::query("INSERT INTO dossier_events (dossier_id, state, account_id, at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(code(DossierState::Draft))
        .bind(account_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    tx.commit().await.map_err(port_error)?;
    Ok(id)
}
