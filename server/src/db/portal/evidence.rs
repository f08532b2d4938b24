//! Evidence documents of a dossier: checked by content, kept in the file store, listed and
//! read back by the producer's people.

use app::domain::{check_file, DocumentKind, EvidenceRefusal, FileType, PhotoRefusal};
use app::model::EvidenceItem;
use app::ports::{EvidenceCopy, PortError, PortalError, ProducerCaller};
use sha2::Digest;

use crate::db::dossier_read::{dossier, stored_evidence, EvidenceKeys};
use crate::db::{port_error, Database};
use crate::files::FileStore;

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
    let producer_holds: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(e.byte_size), 0) AS BIGINT) FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
         JOIN portal_products p ON p.id = d.portal_product_id WHERE p.producer_id = $1",
    )
    .bind(caller.producer_id)
    .fetch_one(&db.pool)
    .await
    .map_err(port_error)?;
    let (size, head) = (bytes.len() as u64, &bytes[..bytes.len().min(16)]);
    let file_type = check_file(head, size, held as u64, producer_holds as u64).map_err(PortalError::Evidence)?;
    // The same bytes twice in one dossier are one document uploaded twice (a second tap, or the
    // same scan chosen again).
    let digest: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let again: Option<i64> =
        sqlx::query_scalar("SELECT id FROM evidence_files WHERE dossier_id = $1 AND content_sha256 = $2 LIMIT 1")
            .bind(dossier_id)
            .bind(&digest)
            .fetch_optional(&db.pool)
            .await
            .map_err(port_error)?;
    if again.is_some() {
        return Err(PortalError::Evidence(EvidenceRefusal::SameFileTwice));
    }
    // An image is decoded for its thumbnail, which also refuses one that is damaged.
    let thumbnail = if file_type.is_image() {
        let image = bytes.clone();
        let made = crate::photos::in_turn(move || crate::photos::thumbnail(&image))
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
    let file = StoredFile {
        kind,
        file_name,
        file_type,
        size: bytes.len(),
        digest: &digest,
        key: &keys[0],
        thumbnail_key: keys.get(1),
    };
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
    digest: &'a str,
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
                                     uploaded_at, thumbnail_key, content_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(dossier_id)
    .bind(file.kind.code())
    .bind(if name.trim().is_empty() { "tep".to_string() } else { name })
    .bind(file.file_type.content_type())
    .bind(file.size as i64)
    .bind(file.key)
    .bind(caller.account_id)
    .bind(db.clock.timestamp())
    .bind(file.thumbnail_key)
    .bind(file.digest)
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

/// Takes a document out of an editable dossier of the caller's producer: its rows, then its
/// files (a file left behind is unreferenced bytes, which the orphan sweep finds).
pub async fn remove_evidence(
    db: &Database,
    files: &FileStore,
    caller: &ProducerCaller,
    dossier_id: i64,
    evidence_id: i64,
) -> Result<(), PortalError> {
    let Some(current) = dossier(db, caller.producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    if !current.state.is_editable_by_producer() {
        return Err(PortalError::Evidence(EvidenceRefusal::NotEditable));
    }
    let keys: Option<EvidenceKeys> =
        sqlx::query_as("SELECT storage_key, thumbnail_key FROM evidence_files WHERE id = $1 AND dossier_id = $2")
            .bind(evidence_id)
            .bind(dossier_id)
            .fetch_optional(&db.pool)
            .await
            .map_err(port_error)?;
    let Some(keys) = keys else { return Err(PortalError::NotFound) };
    let mut tx = db.begin_write().await.map_err(port_error)?;
    for sql in ["DELETE FROM evidence_criteria WHERE evidence_id = $1", "DELETE FROM evidence_files WHERE id = $1"] {
        sqlx::query(sql).bind(evidence_id).execute(&mut *tx).await.map_err(port_error)?;
    }
    tx.commit().await.map_err(port_error)?;
    for key in std::iter::once(keys.storage_key).chain(keys.thumbnail_key) {
        if let Err(err) = files.remove(&key).await {
            tracing::warn!(error = %err, "a removed document's file stays in the store");
        }
    }
    Ok(())
}

/// A document and its bytes, if it belongs to a dossier of the caller's producer.
pub async fn evidence_file(
    db: &Database,
    files: &FileStore,
    caller: &ProducerCaller,
    evidence_id: i64,
    copy: EvidenceCopy,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let keys: Option<EvidenceKeys> = sqlx::query_as(
        "SELECT e.storage_key, e.thumbnail_key FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
         JOIN portal_products p ON p.id = d.portal_product_id WHERE e.id = $1 AND p.producer_id = $2",
    )
    .bind(evidence_id)
    .bind(caller.producer_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    match keys {
        Some(keys) => stored_evidence(db, files, evidence_id, copy, keys).await,
        None => Ok(None),
    }
}
