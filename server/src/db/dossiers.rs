//! Portal products and their dossiers: registration, opening a dossier, the self-assessment.
//! Every query is scoped by the producer, so another producer's ids find nothing.

use app::domain::{
    assess, check_file, may_open, next_state, Choices, DocumentKind, DossierAction, DossierKind, DossierState,
    EvidenceRefusal, FileType, PhotoRefusal, RevocationGround, Role, ScoreSheet, Stars, WindowState,
};
use app::domain::{certificate_status, expires_on, rerating_window, rerating_window_state};
use app::model::{
    product_href, DossierDetail, DossierSummary, EvidenceItem, IssuedCertificate, PortalCertificate, PortalProduct,
    StampSheet, SubgroupChoice, TimelineStep,
};
use app::ports::{EvidenceCopy, PortError, PortalError, ProducerCaller};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::Row;

use super::{port_error, Database};
use crate::files::FileStore;

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
            certificate: portal_certificate(r),
        })
        .collect();
    for row in &dossiers {
        let product_id: i64 = row.get(1);
        if let Some(product) = products.iter_mut().find(|p| p.id == product_id) {
            product.dossiers.push(DossierSummary {
                id: row.get(0),
                kind: from_code(row.get(2))?,
                state: from_code(row.get(3))?,
                opened_on: super::accounts::date_of(row.get(4)),
            });
        }
    }
    Ok(products)
}

/// The certificate columns of a portal product's row (5 to 9), as its producer follows them.
fn portal_certificate(row: &sqlx::any::AnyRow) -> Option<PortalCertificate> {
    let id: i64 = row.get::<Option<i64>, _>(5)?;
    let decided = date(row.get::<Option<String>, _>(8)?)?;
    let revoked = row.get::<Option<String>, _>(9).and_then(date);
    let today = super::today();
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

fn date(text: String) -> Option<chrono::NaiveDate> {
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
    .bind(now())
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
    let certificate = portal_certificate(&product);
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
        decided.map(|d| rerating_window_state(d, super::today())),
    )
    .map_err(PortalError::OpenRefused)?;
    let now = now();
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

/// A document as the producer sends it: its kind, the name it had, its bytes, and the codes of
/// the criteria it supports.
pub struct Upload<'a> {
    pub kind: DocumentKind,
    pub file_name: &'a str,
    pub bytes: Vec<u8>,
    pub criteria: &'a [String],
}

/// Attaches a file to an editable dossier of the caller's producer. The bytes are stored
/// before the row, so a row never points at a missing file.
pub async fn add_evidence(
    db: &Database,
    files: &FileStore,
    caller: &ProducerCaller,
    dossier_id: i64,
    Upload { kind, file_name, bytes, criteria }: Upload<'_>,
) -> Result<i64, PortalError> {
    let Some(current) = dossier(db, caller.producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    if !current.state.is_editable_by_producer() {
        return Err(PortalError::Evidence(EvidenceRefusal::NotEditable));
    }
    if criteria.iter().any(|code| current.sheet.criterion(code).is_none()) {
        return Err(PortalError::Evidence(EvidenceRefusal::UnknownCriterion));
    }
    let held: i64 = current.evidence.iter().map(|e| e.byte_size).sum();
    let file_type =
        check_file(&bytes[..bytes.len().min(16)], bytes.len() as u64, held as u64).map_err(PortalError::Evidence)?;
    // An image is decoded for its thumbnail, which also refuses one that is damaged.
    let thumbnail = if file_type.is_image() {
        let image = bytes.clone();
        let made = tokio::task::spawn_blocking(move || crate::photos::thumbnail(&image))
            .await
            .map_err(|e| PortError::Internal(format!("thumbnail: {e}")))?;
        Some(made.map_err(|refusal| {
            PortalError::Evidence(match refusal {
                PhotoRefusal::TooLarge => EvidenceRefusal::TooLarge,
                _ => EvidenceRefusal::Unreadable,
            })
        })?)
    } else {
        None
    };
    let stored: Vec<&[u8]> = std::iter::once(bytes.as_slice()).chain(thumbnail.as_deref()).collect();
    let keys = match files.put_all(&stored).await {
        Ok(keys) => keys,
        Err(err) if crate::files::is_full(&err) => return Err(PortalError::Evidence(EvidenceRefusal::StoreFull)),
        Err(err) => return Err(PortError::Unavailable(format!("file store: {err}")).into()),
    };
    let file = StoredFile { kind, file_name, file_type, size: bytes.len(), key: &keys[0], thumbnail_key: keys.get(1) };
    let written = write_evidence(db, caller, dossier_id, file, criteria).await;
    if written.is_err() {
        files.discard(&keys).await;
    }
    Ok(written?)
}

/// A document whose bytes are in the store, about to be recorded.
struct StoredFile<'a> {
    kind: DocumentKind,
    file_name: &'a str,
    file_type: FileType,
    size: usize,
    key: &'a String,
    thumbnail_key: Option<&'a String>,
}

/// The document's row and the criteria it supports, in one transaction.
async fn write_evidence(
    db: &Database,
    caller: &ProducerCaller,
    dossier_id: i64,
    file: StoredFile<'_>,
    criteria: &[String],
) -> Result<i64, PortError> {
    let name: String = file.file_name.chars().filter(|c| !c.is_control()).take(200).collect();
    let mut tx = db.begin_write().await.map_err(port_error)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evidence_files (dossier_id, document_kind, file_name, content_type, byte_size, storage_key, uploaded_by,
                                     uploaded_at, thumbnail_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(dossier_id)
    .bind(file.kind.code())
    .bind(if name.trim().is_empty() { "tep".to_string() } else { name })
    .bind(file.file_type.content_type())
    .bind(file.size as i64)
    .bind(file.key)
    .bind(caller.account_id)
    .bind(now())
    .bind(file.thumbnail_key)
    .fetch_one(&mut *tx)
    .await
    .map_err(port_error)?;
    let mut marked: Vec<&String> = criteria.iter().collect();
    marked.sort();
    marked.dedup();
    for code in marked {
        sqlx::query("INSERT INTO evidence_criteria (evidence_id, criterion_code) VALUES ($1, $2)")
            .bind(id)
            .bind(code)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
    }
    tx.commit().await.map_err(port_error)?;
    Ok(id)
}

/// A document and its bytes, if it belongs to a dossier of the caller's producer.
pub async fn evidence_file(
    db: &Database,
    files: &FileStore,
    caller: &ProducerCaller,
    evidence_id: i64,
    copy: EvidenceCopy,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let row = sqlx::query(
        "SELECT e.storage_key, e.thumbnail_key FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
         JOIN portal_products p ON p.id = d.portal_product_id WHERE e.id = $1 AND p.producer_id = $2",
    )
    .bind(evidence_id)
    .bind(caller.producer_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    match row {
        Some(row) => stored_evidence(db, files, evidence_id, copy, row.get(0), row.get(1)).await,
        None => Ok(None),
    }
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

pub async fn save_self_assessment(
    db: &Database,
    producer_id: i64,
    dossier_id: i64,
    choices: &Choices,
    version: i64,
) -> Result<i64, PortalError> {
    let Some(current) = dossier(db, producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    if !current.state.is_editable_by_producer() {
        return Err(PortalError::NotEditable(current.state));
    }
    // The engine refuses a criterion or option the sheet does not have.
    assess(&current.sheet, choices).map_err(PortalError::InvalidChoice)?;
    let stored = serde_json::to_string(choices).map_err(|e| PortError::Internal(e.to_string()))?;
    // The version in the WHERE clause makes check-and-write one step: of two saves made from
    // the same version, exactly one lands.
    let updated = sqlx::query(
        "UPDATE dossiers SET self_assessment = $1, version = version + 1, updated_at = $2
         WHERE id = $3 AND version = $4 AND state = $5",
    )
    .bind(stored)
    .bind(now())
    .bind(dossier_id)
    .bind(version)
    .bind(code(current.state))
    .execute(&db.pool)
    .await
    .map_err(port_error)?;
    if updated.rows_affected() == 0 {
        return Err(PortalError::Stale);
    }
    Ok(version + 1)
}

/// Sends the dossier to the commune when the self-assessment is complete; the state and the
/// version are checked in the same statement that moves it, so a double click submits once.
pub async fn submit(db: &Database, caller: &ProducerCaller, dossier_id: i64, version: i64) -> Result<(), PortalError> {
    let Some(current) = dossier(db, caller.producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    let next = next_state(current.kind, current.state, DossierAction::Submit, Role::Producer)
        .map_err(PortalError::Transition)?;
    if current.version != version {
        return Err(PortalError::Stale);
    }
    let assessment = assess(&current.sheet, &current.choices).map_err(PortalError::InvalidChoice)?;
    if !assessment.unanswered.is_empty() {
        return Err(PortalError::Incomplete(assessment.unanswered));
    }
    let now = now();
    let mut tx = db.begin_write().await.map_err(port_error)?;
    // The commune of filing and the receipt date are fixed now: the commune's deadline runs
    // from them, and a resubmission after a return starts it again.
    let moved = sqlx::query(
        "UPDATE dossiers SET state = $1, version = version + 1, updated_at = $2, submitted_at = $2,
             commune_code = (SELECT commune_code FROM producers WHERE id = $6)
         WHERE id = $3 AND version = $4 AND state = $5",
    )
    .bind(code(next))
    .bind(now)
    .bind(dossier_id)
    .bind(version)
    .bind(code(current.state))
    .bind(caller.producer_id)
    .execute(&mut *tx)
    .await
    .map_err(port_error)?;
    if moved.rows_affected() == 0 {
        return Err(PortalError::Stale);
    }
    sqlx::query("INSERT INTO dossier_events (dossier_id, state, account_id, at) VALUES ($1, $2, $3, $4)")
        .bind(dossier_id)
        .bind(code(next))
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    tx.commit().await.map_err(port_error)?;
    Ok(())
}

/// Vietnam time (UTC+7) of a Unix time, to the minute.
pub(crate) fn time_of(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds + 7 * 3600, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A domain enum as the text stored for it (its serde name).
pub(crate) fn code<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub(crate) fn from_code<T: DeserializeOwned>(text: String) -> Result<T, PortError> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|_| PortError::Internal(format!("unknown stored code {text:?}")))
}

pub(crate) fn json<T: DeserializeOwned>(text: &str) -> Result<T, PortError> {
    serde_json::from_str(text).map_err(|e| PortError::Internal(format!("stored JSON: {e}")))
}

/// A product's stamps, if the account acts for its producer or keeps its record.
pub async fn stamp_sheet(db: &Database, account_id: i64, product_id: i64) -> Result<Option<StampSheet>, PortError> {
    let row = sqlx::query(
        "SELECT p.name, pr.name, p.stars, p.certificate_number, p.decision_date, p.revoked_on, p.stamp_code,
                p.product_code, s.name, p.address_as_written, pv.name, p.decision_number
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         LEFT JOIN score_sheets s ON s.code = p.subgroup_code
         WHERE p.id = $1 AND (
             EXISTS (SELECT 1 FROM producer_members m WHERE m.producer_id = p.producer_id AND m.account_id = $2)
             OR EXISTS (SELECT 1 FROM staff_posts s WHERE s.account_id = $2 AND s.deactivated_at IS NULL
                 AND (s.role = $3 OR (s.role = $4 AND s.province_code = p.province_code))))",
    )
    .bind(product_id)
    .bind(account_id)
    .bind(code(Role::NationalOfficer))
    .bind(code(Role::ProvinceOfficer))
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    let Some(r) = row else { return Ok(None) };
    let Some(decided) = r.get::<Option<String>, _>(4).and_then(date) else { return Ok(None) };
    let revoked = r.get::<Option<String>, _>(5).and_then(date);
    Ok(Some(StampSheet {
        product_name: r.get(0),
        producer_name: r.get(1),
        stars: u8::try_from(r.get::<i64, _>(2)).unwrap_or_default(),
        certificate_number: r.get::<Option<String>, _>(3).unwrap_or_default(),
        expires_on: expires_on(decided).to_string(),
        stamp_code: r.get(6),
        status: certificate_status(decided, revoked, super::today()),
        product_code: r.get(7),
        subgroup_name: r.get(8),
        address_as_written: r.get(9),
        province_name: r.get(10),
        decision_number: r.get(11),
        decision_date: decided.to_string(),
    }))
}
