//! A dossier as its producer and the staff within reach both read it: its self-assessment,
//! timeline, council result, certificate and evidence. Shared by the portal and the review.

use app::domain::{Choices, RevocationGround, ScoreSheet, ValidUntil};
use app::model::{product_href, DossierDetail, EvidenceItem, IssuedCertificate, TimelineStep};
use app::ports::{EvidenceCopy, PortError};

use crate::db::codes::{from_code, json, time_of};
use crate::db::{port_error, Database};
use crate::files::FileStore;

/// A dossier with its product's name and score sheet.
#[derive(sqlx::FromRow)]
struct DossierRow {
    id: i64,
    product_name: String,
    kind: String,
    state: String,
    sheet_json: String,
    self_assessment: String,
    version: i64,
    council_result: Option<String>,
    certified_product_id: Option<i64>,
}

/// A step of a dossier's timeline, with the name of whoever took it.
#[derive(sqlx::FromRow)]
struct StepRow {
    state: String,
    at: i64,
    display_name: Option<String>,
    comment: Option<String>,
}

impl TryFrom<StepRow> for TimelineStep {
    type Error = PortError;

    fn try_from(row: StepRow) -> Result<Self, PortError> {
        Ok(TimelineStep {
            state: from_code(row.state)?,
            at: time_of(row.at),
            by: row.display_name,
            comment: row.comment,
        })
    }
}

pub async fn dossier(db: &Database, producer_id: i64, dossier_id: i64) -> Result<Option<DossierDetail>, PortError> {
    let row: Option<DossierRow> = sqlx::query_as(
        "SELECT d.id, p.name AS product_name, d.kind, d.state, s.sheet_json, d.self_assessment, d.version,
                d.council_result, d.certified_product_id
         FROM dossiers d JOIN portal_products p ON p.id = d.portal_product_id
         JOIN score_sheets s ON s.code = p.subgroup_code
         WHERE d.id = $1 AND p.producer_id = $2",
    )
    .bind(dossier_id)
    .bind(producer_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    let Some(row) = row else { return Ok(None) };
    let steps: Vec<StepRow> = sqlx::query_as(
        "SELECT e.state, e.at, a.display_name, e.comment FROM dossier_events e
         LEFT JOIN accounts a ON a.id = e.account_id WHERE e.dossier_id = $1 ORDER BY e.at, e.id",
    )
    .bind(dossier_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let timeline = steps.into_iter().map(TimelineStep::try_from).collect::<Result<_, PortError>>()?;
    let evidence = evidence_of(db, "WHERE dossier_id = $1", dossier_id).await?;
    Ok(Some(DossierDetail {
        id: row.id,
        product_name: row.product_name,
        kind: from_code(row.kind)?,
        state: from_code(row.state)?,
        sheet: json::<ScoreSheet>(&row.sheet_json)?,
        choices: json::<Choices>(&row.self_assessment)?,
        version: row.version,
        timeline,
        evidence,
        council_result: row.council_result.map(|text| json(&text)).transpose()?,
        certificate: match row.certified_product_id {
            Some(product_id) => certificate(db, product_id).await?,
            None => None,
        },
    }))
}

/// The certificate columns of a catalog product.
#[derive(sqlx::FromRow)]
struct CertificateRow {
    id: i64,
    name: String,
    certificate_number: Option<String>,
    product_code: Option<String>,
    stamp_code: String,
    stars: i64,
    decision_number: Option<String>,
    decision_date: Option<String>,
    /// The last valid day.
    expires_on: Option<String>,
    revoked_on: Option<String>,
    revocation_ground: Option<String>,
}

impl From<CertificateRow> for IssuedCertificate {
    fn from(row: CertificateRow) -> Self {
        IssuedCertificate {
            catalog_product_id: row.id,
            catalog_href: product_href(row.id, &row.name),
            certificate_number: row.certificate_number.unwrap_or_default(),
            product_code: row.product_code.unwrap_or_default(),
            stamp_code: row.stamp_code,
            stars: u8::try_from(row.stars).unwrap_or_default(),
            decision_number: row.decision_number.unwrap_or_default(),
            decision_date: row.decision_date.unwrap_or_default(),
            valid_until: row.expires_on.as_deref().and_then(ValidUntil::parse),
            revoked_on: row.revoked_on,
            revocation_ground: row.revocation_ground.and_then(|ground| RevocationGround::from_code(&ground)),
        }
    }
}

/// The certificate recorded on a catalog product.
async fn certificate(db: &Database, product_id: i64) -> Result<Option<IssuedCertificate>, PortError> {
    let row: Option<CertificateRow> = sqlx::query_as(
        "SELECT id, certificate_number, product_code, stamp_code, stars, decision_number, decision_date, expires_on,
                revoked_on, revocation_ground, name
         FROM products WHERE id = $1",
    )
    .bind(product_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(row.map(IssuedCertificate::from))
}

const EVIDENCE_COLUMNS: &str =
    "id, document_kind, file_name, content_type, byte_size, uploaded_at, storage_key, thumbnail_key";

/// A document's row, without the criteria it supports.
#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: i64,
    document_kind: String,
    file_name: String,
    content_type: String,
    byte_size: i64,
    uploaded_at: i64,
    thumbnail_key: Option<String>,
}

impl TryFrom<EvidenceRow> for EvidenceItem {
    type Error = PortError;

    fn try_from(row: EvidenceRow) -> Result<Self, PortError> {
        Ok(EvidenceItem {
            id: row.id,
            kind: from_code(row.document_kind)?,
            file_name: row.file_name,
            content_type: row.content_type,
            byte_size: row.byte_size,
            uploaded_at: time_of(row.uploaded_at),
            thumbnail: row.thumbnail_key.is_some(),
            criteria: Vec::new(),
        })
    }
}

pub(crate) async fn evidence_of(db: &Database, filter: &str, id: i64) -> Result<Vec<EvidenceItem>, PortError> {
    let rows: Vec<EvidenceRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence_files {filter} ORDER BY id"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let mut items = rows.into_iter().map(EvidenceItem::try_from).collect::<Result<Vec<_>, PortError>>()?;
    if items.is_empty() {
        return Ok(items);
    }
    // Ids the database gave, so writing them into the statement is safe.
    let ids = items.iter().map(|item| item.id.to_string()).collect::<Vec<_>>().join(",");
    let marked: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT evidence_id, criterion_code FROM evidence_criteria WHERE evidence_id IN ({ids}) ORDER BY criterion_code"
    )))
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    for (evidence_id, code) in marked {
        if let Some(item) = items.iter_mut().find(|item| item.id == evidence_id) {
            item.criteria.push(code);
        }
    }
    Ok(items)
}

/// Where a document's bytes are kept: the original, and its thumbnail if it has one. The
/// portal and the review each read them with their own check of the caller's right.
#[derive(sqlx::FromRow)]
pub(crate) struct EvidenceKeys {
    pub(crate) storage_key: String,
    pub(crate) thumbnail_key: Option<String>,
}

/// A document's row and the bytes of `copy`, once the caller's right to it has been checked
/// (`None` for the thumbnail of a document that has none).
pub(crate) async fn stored_evidence(
    db: &Database,
    files: &FileStore,
    evidence_id: i64,
    copy: EvidenceCopy,
    keys: EvidenceKeys,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let key = match copy {
        EvidenceCopy::Original => keys.storage_key,
        EvidenceCopy::Thumbnail => match keys.thumbnail_key {
            Some(key) => key,
            None => return Ok(None),
        },
    };
    let item = evidence_of(db, "WHERE id = $1", evidence_id).await?.pop();
    let bytes = files.get(&key).await.map_err(|e| PortError::Internal(format!("file {key}: {e}")))?;
    Ok(item.map(|item| (item, bytes)))
}
