//! A catalog product's record: its public facts, certificate, photos, deletion and restoring.

use app::domain::{
    fold, revoked_by, CertificateRecord, FieldChange, ProductRecord, Revocation, RevocationFinding, RevocationGround,
    Score,
};
use app::model::{product_href, DeletedRecord, ProductRecordView};
use app::ports::{PhotoAdded, PhotoFile, PortError, ProductEdit, RecordsError, StaffCaller};

use super::*;
use crate::db::bulk::Cell;
use crate::db::codes::time_of;
use crate::db::notify::{notify, Said};
use crate::db::reach::{keeps, Keeps};
use crate::db::{photos, port_error};

/// A catalog product's record: its public facts and certificate, as an officer edits them.
#[derive(sqlx::FromRow)]
struct ProductRecordRow {
    id: i64,
    name: String,
    description: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    where_to_buy: Option<String>,
    version: i64,
    producer_id: i64,
    producer_name: String,
    province_code: String,
    province_name: String,
    stars: i64,
    score_hundredths: Option<i64>,
    certificate_number: Option<String>,
    decision_number: Option<String>,
    decision_date: Option<String>,
    expires_on: Option<String>,
    source: String,
    deletion_reason: Option<String>,
    superseded_by: Option<i64>,
    revoked_on: Option<String>,
    revocation_ground: Option<String>,
    revocation_decision: Option<String>,
    finding_on: Option<String>,
    finding_ground: Option<String>,
}

pub(super) async fn product_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
) -> Result<Option<ProductRecordView>, PortError> {
    let row: Option<ProductRecordRow> = sqlx::query_as(
        "SELECT p.id, p.name, p.description, p.phone, p.website, p.version, pr.name AS producer_name,
                pv.name AS province_name, p.certificate_number, p.province_code, p.where_to_buy, p.deletion_reason,
                p.stars, p.score_hundredths, p.decision_number, p.decision_date, p.expires_on, p.source, p.producer_id, p.superseded_by,
                p.revoked_on, p.revocation_ground, p.revocation_decision, p.finding_on, p.finding_ground
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         WHERE p.id = $1",
    )
    .bind(product_id)
    .fetch_optional(&records.db.pool)
    .await
    .map_err(port_error)?;
    let Some(row) = row.filter(|r| reaches(caller, &r.province_code)) else { return Ok(None) };
    let revocation = row.revoked_on.as_deref().map(|on| {
        let decision = row.revocation_decision.as_deref().unwrap_or_default();
        FieldChange::revocation(on, row.revocation_ground.as_deref().unwrap_or_default(), decision)
    });
    let caller_revokes = revocation.is_none() && revoked_by(row.stars as u8) == caller.post.role();
    // A finding awaits its decision until the certificate is revoked.
    let finding = row
        .finding_on
        .as_deref()
        .and_then(|on| on.parse().ok())
        .zip(row.finding_ground.as_deref().and_then(RevocationGround::from_code))
        .map(|(found_on, ground)| RevocationFinding { ground, found_on })
        .filter(|_| revocation.is_none());
    let today = records.db.clock.today();
    Ok(Some(ProductRecordView {
        finding,
        finding_overdue: finding.is_some_and(|finding| finding.overdue_on(today)),
        revocation,
        caller_revokes,
        id: row.id,
        public_href: product_href(row.id, &row.name),
        record: ProductRecord {
            name: row.name,
            description: row.description.unwrap_or_default(),
            phone: row.phone.unwrap_or_default(),
            website: row.website.unwrap_or_default(),
            where_to_buy: row.where_to_buy.unwrap_or_default(),
        },
        version: row.version,
        producer_name: row.producer_name,
        province_name: row.province_name,
        certificate_number: row.certificate_number.clone(),
        history: records.history(PRODUCT, product_id, 0).await?,
        photos: photos::photos_of(&records.db, &[product_id]).await?.remove(&product_id).unwrap_or_default(),
        deletion_reason: row.deletion_reason,
        certificate: CertificateRecord {
            stars: row.stars as u8,
            score: row.score_hundredths.and_then(|h| Score::try_from(h).ok()),
            decision_number: row.decision_number.unwrap_or_default(),
            decision_date: row.decision_date.unwrap_or_default(),
            certificate_number: row.certificate_number.unwrap_or_default(),
            expires_on: row.expires_on.unwrap_or_default(),
        },
        issued_here: row.source == "portal",
        producer_id: row.producer_id,
        superseded_by: row.superseded_by,
    }))
}

pub(super) async fn edit_product(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    edit: ProductEdit<'_>,
    version: i64,
) -> Result<i64, RecordsError> {
    match edit {
        ProductEdit::Facts(record) => save_facts(records, caller, product_id, record, version).await,
        ProductEdit::Certificate(record) => save_certificate(records, caller, product_id, record, version).await,
        ProductEdit::Finding(finding) => record_finding(records, caller, product_id, finding, version).await,
        ProductEdit::Revoke(revocation) => revoke(records, caller, product_id, revocation, version).await,
        ProductEdit::Delete { reason } => records.set_deleted(caller, product_id, Some(reason), version).await,
        ProductEdit::Restore => records.set_deleted(caller, product_id, None, version).await,
    }
}

async fn save_facts(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    record: &ProductRecord,
    version: i64,
) -> Result<i64, RecordsError> {
    let current = records.editable(caller, product_id, version).await?;
    let changes = current.record.changes_to(record);
    if changes.is_empty() {
        return Ok(version);
    }
    let set = "name = $1, description = $2, phone = $3, website = $4, name_key = $5, where_to_buy = $6";
    let values = vec![
        Cell::from(record.name.as_str()),
        optional_text(&record.description),
        optional_text(&record.phone),
        optional_text(&record.website),
        Cell::from(format!(" {} ", fold(&record.name))),
        optional_text(&record.where_to_buy),
    ];
    records.write_edit(caller, product_id, version, set, values, &changes).await
}

async fn save_certificate(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    record: &CertificateRecord,
    version: i64,
) -> Result<i64, RecordsError> {
    let current = records.editable(caller, product_id, version).await?;
    let record = if current.issued_here {
        record.clone().as_issued(&current.certificate).map_err(RecordsError::Invalid)?
    } else {
        record.clone()
    };
    let changes = current.certificate.changes_to(&record);
    if changes.is_empty() {
        return Ok(version);
    }
    let set = "stars = $1, decision_number = $2, decision_date = $3, certificate_number = $4, expires_on = $5, \
               score_hundredths = $6";
    let values = vec![
        Cell::from(i64::from(record.stars)),
        optional_text(&record.decision_number),
        optional_text(&record.decision_date),
        optional_text(&record.certificate_number),
        optional_text(&record.expires_on),
        Cell::from(record.score.map(|score| i64::from(score.hundredths()))),
    ];
    records.write_edit(caller, product_id, version, set, values, &changes).await
}

async fn revoke(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    revocation: &Revocation,
    version: i64,
) -> Result<i64, RecordsError> {
    let current = records.editable(caller, product_id, version).await?;
    may_revoke(&current, caller)?;
    let on = revocation.decision.date.to_string();
    let revoked = FieldChange::revocation(&on, revocation.ground.code(), &revocation.decision.number);
    let set = "revoked_on = $1, revocation_ground = $2, revocation_decision = $3";
    let values = vec![
        Cell::from(on.as_str()),
        Cell::from(revocation.ground.code()),
        Cell::from(revocation.decision.number.as_str()),
    ];
    let version = records.write_edit(caller, product_id, version, set, values, std::slice::from_ref(&revoked)).await?;
    // The producer's people, when it files in the portal, are told.
    let members: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT a.id, a.sign_in_name FROM portal_products pp JOIN producer_members m ON m.producer_id = pp.producer_id
         JOIN accounts a ON a.id = m.account_id WHERE pp.catalog_product_id = $1",
    )
    .bind(product_id)
    .fetch_all(&records.db.pool)
    .await
    .map_err(port_error)?;
    if !members.is_empty() {
        let name = &current.record.name;
        let told = Said::new(|language| {
            language.tr_with("Sản phẩm {name}: {revoked}", &[("name", name), ("revoked", &revoked.describe(language))])
        });
        let mut tx = records.db.begin_write().await.map_err(port_error)?;
        notify(&mut tx, &members, None, &told, records.db.clock.timestamp()).await?;
        tx.commit().await.map_err(port_error)?;
    }
    Ok(version)
}

/// Whether the caller may revoke the certificate of `current`: not revoked yet, and theirs to
/// revoke (the authority that issued it).
fn may_revoke(current: &ProductRecordView, caller: &StaffCaller) -> Result<(), RecordsError> {
    if current.revocation.is_some() {
        return Err(RecordsError::AlreadyRevoked);
    }
    let stars = current.certificate.stars;
    if revoked_by(stars) != caller.post.role() {
        return Err(RecordsError::NotTheIssuer(stars));
    }
    Ok(())
}

/// Records a finding that grounds a revocation, by the authority that would revoke: the 15
/// days for the decision run from it, shown on the record until the decision is recorded.
async fn record_finding(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    finding: &RevocationFinding,
    version: i64,
) -> Result<i64, RecordsError> {
    let current = records.editable(caller, product_id, version).await?;
    may_revoke(&current, caller)?;
    let set = "finding_on = $1, finding_ground = $2";
    let values = vec![Cell::from(finding.found_on.to_string()), Cell::from(finding.ground.code())];
    let found = FieldChange::finding(finding.found_on, finding.ground);
    records.write_edit(caller, product_id, version, set, values, &[found]).await
}

/// A deleted product, with the name of the officer who deleted it.
#[derive(sqlx::FromRow)]
struct DeletedRow {
    id: i64,
    name: String,
    producer_name: String,
    province_name: String,
    deletion_reason: Option<String>,
    deleted_at: i64,
    display_name: Option<String>,
}

impl From<DeletedRow> for DeletedRecord {
    fn from(row: DeletedRow) -> Self {
        DeletedRecord {
            id: row.id,
            name: row.name,
            producer_name: row.producer_name,
            province_name: row.province_name,
            reason: row.deletion_reason.unwrap_or_default(),
            deleted_at: time_of(row.deleted_at),
            deleted_by: row.display_name,
        }
    }
}

pub(super) async fn deleted_product_records(
    records: &SqlRecords,
    caller: &StaffCaller,
) -> Result<Vec<DeletedRecord>, PortError> {
    let province = match keeps(caller) {
        Some(Keeps::Everywhere) => None,
        Some(Keeps::Province(own)) => Some(own),
        None => return Ok(Vec::new()),
    };
    let rows: Vec<DeletedRow> = sqlx::query_as(
        "SELECT p.id, p.name, pr.name AS producer_name, pv.name AS province_name, p.deletion_reason, p.deleted_at,
                a.display_name
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         LEFT JOIN accounts a ON a.id = p.deleted_by
         WHERE p.deleted_at IS NOT NULL AND ($1 IS NULL OR p.province_code = $1)
         ORDER BY p.deleted_at DESC, p.id DESC LIMIT 1000",
    )
    .bind(province)
    .fetch_all(&records.db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows.into_iter().map(DeletedRecord::from).collect())
}

pub(super) async fn add_product_photo(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    files: Vec<PhotoFile>,
) -> Result<PhotoAdded, PortError> {
    if !records.keeps(caller, product_id).await? {
        return Ok(PhotoAdded::NotFound);
    }
    let added = photos::add(&records.db, &records.files, caller.account_id, product_id, files).await?;
    if let PhotoAdded::Added(photo_id) = added {
        records.photo_history(caller, product_id, FieldChange::photo(photo_id, true)).await?;
    }
    Ok(added)
}

pub(super) async fn remove_product_photo(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    photo_id: i64,
) -> Result<bool, PortError> {
    if !records.keeps(caller, product_id).await? {
        return Ok(false);
    }
    let removed = photos::remove(&records.db, &records.files, product_id, photo_id).await?;
    if removed {
        records.photo_history(caller, product_id, FieldChange::photo(photo_id, false)).await?;
    }
    Ok(removed)
}

pub(super) async fn photo_file(records: &SqlRecords, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError> {
    photos::file(&records.db, &records.files, photo_id, width).await
}
