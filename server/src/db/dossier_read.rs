//! A dossier as its producer and the staff within reach both read it: its self-assessment,
//! timeline, council result, certificate and evidence. Shared by the portal and the review.

use app::domain::{Choices, RevocationGround, ScoreSheet};
use app::model::{product_href, DossierDetail, EvidenceItem, IssuedCertificate, TimelineStep};
use app::ports::{EvidenceCopy, PortError};
use sqlx::Row;

use crate::db::codes::{from_code, json, time_of};
use crate::db::{port_error, Database};
use crate::files::FileStore;

pub async fn dossier(db: &Database, producer_id: i64, dossier_id: i64) -> Result<Option<DossierDetail>, PortError> {
    let row = sqlx::query(
        "SELECT d.id, p.name, d.kind, d.state, s.sheet_json, d.self_assessment, d.version, d.council_result,
                d.certified_product_id
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
    let steps = sqlx::query(
        "SELECT e.state, e.at, a.display_name, e.comment FROM dossier_events e
         LEFT JOIN accounts a ON a.id = e.account_id WHERE e.dossier_id = $1 ORDER BY e.at, e.id",
    )
    .bind(dossier_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let timeline = steps
        .iter()
        .map(|r| {
            Ok(TimelineStep { state: from_code(r.get(0))?, at: time_of(r.get(1)), by: r.get(2), comment: r.get(3) })
        })
        .collect::<Result<_, PortError>>()?;
    let evidence = evidence_of(db, "WHERE dossier_id = $1", dossier_id).await?;
    Ok(Some(DossierDetail {
        id: row.get(0),
        product_name: row.get(1),
        kind: from_code(row.get(2))?,
        state: from_code(row.get(3))?,
        sheet: json::<ScoreSheet>(&row.get::<String, _>(4))?,
        choices: json::<Choices>(&row.get::<String, _>(5))?,
        version: row.get(6),
        timeline,
        evidence,
        council_result: row.get::<Option<String>, _>(7).map(|text| json(&text)).transpose()?,
        certificate: match row.get::<Option<i64>, _>(8) {
            Some(product_id) => certificate(db, product_id).await?,
            None => None,
        },
    }))
}

/// The certificate recorded on a catalog product.
async fn certificate(db: &Database, product_id: i64) -> Result<Option<IssuedCertificate>, PortError> {
    let row = sqlx::query(
        "SELECT id, certificate_number, product_code, stamp_code, stars, decision_number, decision_date, expires_on,
                revoked_on, revocation_ground, name
         FROM products WHERE id = $1",
    )
    .bind(product_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(row.map(|r| IssuedCertificate {
        catalog_product_id: r.get(0),
        catalog_href: product_href(r.get(0), &r.get::<String, _>(10)),
        certificate_number: r.get::<Option<String>, _>(1).unwrap_or_default(),
        product_code: r.get::<Option<String>, _>(2).unwrap_or_default(),
        stamp_code: r.get(3),
        stars: u8::try_from(r.get::<i64, _>(4)).unwrap_or_default(),
        decision_number: r.get::<Option<String>, _>(5).unwrap_or_default(),
        decision_date: r.get::<Option<String>, _>(6).unwrap_or_default(),
        expires_on: r.get::<Option<String>, _>(7).unwrap_or_default(),
        revoked_on: r.get(8),
        revocation_ground: r.get::<Option<String>, _>(9).and_then(|g| RevocationGround::from_code(&g)),
    }))
}

const EVIDENCE_COLUMNS: &str =
    "id, document_kind, file_name, content_type, byte_size, uploaded_at, storage_key, thumbnail_key";

pub(crate) async fn evidence_of(db: &Database, filter: &str, id: i64) -> Result<Vec<EvidenceItem>, PortError> {
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {EVIDENCE_COLUMNS} FROM evidence_files {filter} ORDER BY id")))
            .bind(id)
            .fetch_all(&db.pool)
            .await
            .map_err(port_error)?;
    let mut items = rows
        .iter()
        .map(|r| {
            Ok(EvidenceItem {
                id: r.get(0),
                kind: from_code(r.get(1))?,
                file_name: r.get(2),
                content_type: r.get(3),
                byte_size: r.get(4),
                uploaded_at: time_of(r.get(5)),
                thumbnail: r.get::<Option<String>, _>(7).is_some(),
                criteria: Vec::new(),
            })
        })
        .collect::<Result<Vec<EvidenceItem>, PortError>>()?;
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

/// A document's row and the bytes of `copy`, once the caller's right to it has been checked
/// (`None` for the thumbnail of a document that has none).
pub(crate) async fn stored_evidence(
    db: &Database,
    files: &FileStore,
    evidence_id: i64,
    copy: EvidenceCopy,
    original: String,
    thumbnail: Option<String>,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let key = match copy {
        EvidenceCopy::Original => original,
        EvidenceCopy::Thumbnail => match thumbnail {
            Some(key) => key,
            None => return Ok(None),
        },
    };
    let item = evidence_of(db, "WHERE id = $1", evidence_id).await?.pop();
    let bytes = files.get(&key).await.map_err(|e| PortError::Internal(format!("file {key}: {e}")))?;
    Ok(item.map(|item| (item, bytes)))
}
