//! The producer's products as the portal shows them, with their certificates and the
//! dossiers they may open.

use app::domain::{may_open, Choices, DossierKind, DossierState, ScoreSheet, Stars, ValidUntil, WindowState};
use app::model::{DossierSummary, PortalCertificate, PortalProduct, SubgroupChoice};
use app::ports::{PortError, PortalError};
use chrono::NaiveDate;

use crate::db::codes::{code, date_of, from_code, json};
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

/// The columns of a portal product with its certificate, if a decision issued one: both
/// `products_of` and `open_dossier` read this shape.
const PRODUCT_COLUMNS: &str = "p.id, p.name, p.subgroup_code, s.name AS subgroup_name, p.description,
    c.id AS catalog_product_id, c.stars, c.certificate_number, c.decision_date, c.expires_on, c.revoked_on";

/// A portal product, with the catalog product holding its certificate if there is one.
#[derive(sqlx::FromRow)]
struct PortalProductRow {
    id: i64,
    name: String,
    subgroup_code: String,
    subgroup_name: String,
    description: Option<String>,
    catalog_product_id: Option<i64>,
    stars: Option<i64>,
    certificate_number: Option<String>,
    decision_date: Option<String>,
    /// The last valid day.
    expires_on: Option<String>,
    revoked_on: Option<String>,
}

impl PortalProductRow {
    /// The certificate, as its producer follows it on `today`.
    fn certificate(&self, today: NaiveDate) -> Option<PortalCertificate> {
        let id = self.catalog_product_id?;
        let decided = self.decision_date.clone().and_then(date)?;
        let revoked = self.revoked_on.clone().and_then(date);
        let valid_until = stored_valid_until(self.expires_on.as_deref(), decided);
        let (opens, closes) = valid_until.rerating_window();
        Some(PortalCertificate {
            catalog_product_id: id,
            stars: u8::try_from(self.stars.unwrap_or_default()).unwrap_or_default(),
            certificate_number: self.certificate_number.clone().unwrap_or_default(),
            valid_until,
            status: valid_until.status_on(revoked, today),
            rerating_opens_on: opens.to_string(),
            rerating_closes_on: closes.to_string(),
            rerating_open: matches!(valid_until.rerating_window_state(today), WindowState::Open { .. }),
        })
    }

    /// The product as the producer's list shows it, before its dossiers are added.
    fn product(self, today: NaiveDate) -> PortalProduct {
        PortalProduct {
            certificate: self.certificate(today),
            id: self.id,
            name: self.name,
            subgroup_code: self.subgroup_code,
            subgroup_name: self.subgroup_name,
            description: self.description,
            dossiers: Vec::new(),
        }
    }
}

/// A dossier of one of the producer's products.
#[derive(sqlx::FromRow)]
struct DossierRow {
    id: i64,
    portal_product_id: i64,
    kind: String,
    state: String,
    created_at: i64,
    sheet_json: String,
    self_assessment: String,
    documents: i64,
}

impl TryFrom<DossierRow> for DossierSummary {
    type Error = PortError;

    fn try_from(row: DossierRow) -> Result<Self, PortError> {
        let sheet = json::<ScoreSheet>(&row.sheet_json)?;
        let choices = json::<Choices>(&row.self_assessment)?;
        let unanswered = sheet.scorable().filter(|(_, criterion)| choices.get(&criterion.code).is_none()).count();
        Ok(DossierSummary {
            id: row.id,
            kind: from_code(row.kind)?,
            state: from_code(row.state)?,
            opened_on: date_of(row.created_at),
            unanswered: unanswered as u32,
            documents: u32::try_from(row.documents).unwrap_or_default(),
        })
    }
}

pub async fn products_of(db: &Database, producer_id: i64) -> Result<Vec<PortalProduct>, PortError> {
    let rows: Vec<PortalProductRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PRODUCT_COLUMNS}
         FROM portal_products p JOIN score_sheets s ON s.code = p.subgroup_code
         LEFT JOIN products c ON c.id = p.catalog_product_id
         WHERE p.producer_id = $1 ORDER BY p.id DESC"
    )))
    .bind(producer_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let dossiers: Vec<DossierRow> = sqlx::query_as(
        "SELECT d.id, d.portal_product_id, d.kind, d.state, d.created_at, s.sheet_json, d.self_assessment,
                (SELECT COUNT(*) FROM evidence_files e WHERE e.dossier_id = d.id) AS documents
         FROM dossiers d JOIN portal_products p ON p.id = d.portal_product_id
         JOIN score_sheets s ON s.code = p.subgroup_code WHERE p.producer_id = $1 ORDER BY d.id DESC",
    )
    .bind(producer_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let today = db.clock.today();
    let mut products: Vec<PortalProduct> = rows.into_iter().map(|row| row.product(today)).collect();
    for row in dossiers {
        if let Some(product) = products.iter_mut().find(|p| p.id == row.portal_product_id) {
            product.dossiers.push(row.try_into()?);
        }
    }
    Ok(products)
}

pub(super) fn date(text: String) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

/// The last valid day the catalog record keeps (`products.expires_on`), or the legal one of a
/// certificate signed on `decided` when the record has none.
pub(super) fn stored_valid_until(expires_on: Option<&str>, decided: NaiveDate) -> ValidUntil {
    expires_on.and_then(ValidUntil::parse).unwrap_or_else(|| ValidUntil::for_decision(decided))
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
    let id = sqlx::query_scalar(
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
    Ok(id)
}

pub async fn open_dossier(
    db: &Database,
    account_id: i64,
    producer_id: i64,
    product_id: i64,
    kind: DossierKind,
) -> Result<i64, PortalError> {
    let mut tx = db.begin_write().await.map_err(port_error)?;
    let product: Option<PortalProductRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PRODUCT_COLUMNS}
         FROM portal_products p JOIN score_sheets s ON s.code = p.subgroup_code
         LEFT JOIN products c ON c.id = p.catalog_product_id WHERE p.id = $1 AND p.producer_id = $2"
    )))
    .bind(product_id)
    .bind(producer_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(port_error)?;
    let Some(product) = product else { return Err(PortalError::NotFound) };
    let certificate = product.certificate(db.clock.today());
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
    may_open(
        kind,
        certificate.as_ref().and_then(|c| Stars::new(c.stars)),
        certificate.as_ref().map(|c| c.status),
        certificate.as_ref().map(|c| c.valid_until.rerating_window_state(db.clock.today())),
    )
    .map_err(PortalError::OpenRefused)?;
    let now = db.clock.timestamp();
    let id: i64 = sqlx::query_scalar(
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
