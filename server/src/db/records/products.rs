//! A catalog product's record: its public facts, certificate, photos, deletion and restoring.

use app::domain::{fold, CertificateRecord, ProductRecord, PHOTOS_FIELD};
use app::model::{product_href, DeletedRecord, ProductRecordView};
use app::ports::{PhotoAdded, PhotoFile, PortError, RecordsError, StaffCaller};
use sqlx::Row;

use super::history::change;
use super::*;
use crate::db::bulk::Cell;
use crate::db::codes::time_of;
use crate::db::products::search_text;
use crate::db::reach::{keeps, Keeps};
use crate::db::{photos, port_error};

pub(super) async fn product_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
) -> Result<Option<ProductRecordView>, PortError> {
    let row = sqlx::query(
        "SELECT p.id, p.name, p.description, p.phone, p.website, p.version, pr.name, pv.name, p.certificate_number,
                p.province_code, p.where_to_buy, p.deletion_reason, p.stars, p.decision_number, p.decision_date,
                p.expires_on, p.source, p.producer_id, p.superseded_by
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         WHERE p.id = $1",
    )
    .bind(product_id)
    .fetch_optional(&records.db.pool)
    .await
    .map_err(port_error)?;
    let Some(row) = row.filter(|r| reaches(caller, &r.get::<String, _>(9))) else { return Ok(None) };
    let text = |i: usize| row.get::<Option<String>, _>(i).unwrap_or_default();
    Ok(Some(ProductRecordView {
        id: row.get(0),
        public_href: product_href(row.get(0), &row.get::<String, _>(1)),
        record: ProductRecord {
            name: row.get(1),
            description: text(2),
            phone: text(3),
            website: text(4),
            where_to_buy: text(10),
        },
        version: row.get(5),
        producer_name: row.get(6),
        province_name: row.get(7),
        certificate_number: row.get(8),
        history: records.history(PRODUCT, product_id, 0).await?,
        photos: photos::photos_of(&records.db, &[product_id]).await?.remove(&product_id).unwrap_or_default(),
        deletion_reason: row.get(11),
        certificate: CertificateRecord {
            stars: row.get::<i64, _>(12) as u8,
            decision_number: text(13),
            decision_date: text(14),
            certificate_number: text(8),
            expires_on: text(15),
        },
        issued_here: row.get::<String, _>(16) == "portal",
        producer_id: row.get(17),
        superseded_by: row.get(18),
    }))
}

pub(super) async fn save_product_record(
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
    let places: (String, String, String, String, Option<String>) = sqlx::query_as(
        "SELECT pr.name, pv.name, p.province_as_written, p.address_as_written, s.name FROM products p
         JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         LEFT JOIN score_sheets s ON s.code = p.subgroup_code WHERE p.id = $1",
    )
    .bind(product_id)
    .fetch_one(&records.db.pool)
    .await
    .map_err(port_error)?;
    let search =
        search_text(&[&record.name, &places.0, &places.1, &places.2, &places.3, places.4.as_deref().unwrap_or("")]);
    let set =
        "name = $1, description = $2, phone = $3, website = $4, name_key = $5, search_text = $6, where_to_buy = $7";
    let values = vec![
        Cell::from(record.name.as_str()),
        optional_text(&record.description),
        optional_text(&record.phone),
        optional_text(&record.website),
        Cell::from(format!(" {} ", fold(&record.name))),
        Cell::from(search),
        optional_text(&record.where_to_buy),
    ];
    records.write_edit(caller, product_id, version, set, values, &changes).await
}

pub(super) async fn save_certificate_record(
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
    let set = "stars = $1, decision_number = $2, decision_date = $3, certificate_number = $4, expires_on = $5";
    let values = vec![
        Cell::from(i64::from(record.stars)),
        optional_text(&record.decision_number),
        optional_text(&record.decision_date),
        optional_text(&record.certificate_number),
        optional_text(&record.expires_on),
    ];
    records.write_edit(caller, product_id, version, set, values, &changes).await
}

pub(super) async fn delete_product_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    reason: &str,
    version: i64,
) -> Result<i64, RecordsError> {
    records.set_deleted(caller, product_id, Some(reason), version).await
}

pub(super) async fn restore_product_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    product_id: i64,
    version: i64,
) -> Result<i64, RecordsError> {
    records.set_deleted(caller, product_id, None, version).await
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
    let rows = sqlx::query(
        "SELECT p.id, p.name, pr.name, pv.name, p.deletion_reason, p.deleted_at, a.display_name
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         LEFT JOIN accounts a ON a.id = p.deleted_by
         WHERE p.deleted_at IS NOT NULL AND ($1 IS NULL OR p.province_code = $1)
         ORDER BY p.deleted_at DESC, p.id DESC LIMIT 1000",
    )
    .bind(province)
    .fetch_all(&records.db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows
        .iter()
        .map(|r| DeletedRecord {
            id: r.get(0),
            name: r.get(1),
            producer_name: r.get(2),
            province_name: r.get(3),
            reason: r.get::<Option<String>, _>(4).unwrap_or_default(),
            deleted_at: time_of(r.get(5)),
            deleted_by: r.get(6),
        })
        .collect())
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
        records.photo_history(caller, product_id, change(PHOTOS_FIELD, "", photo_name(photo_id))).await?;
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
        records.photo_history(caller, product_id, change(PHOTOS_FIELD, photo_name(photo_id), "")).await?;
    }
    Ok(removed)
}

pub(super) async fn photo_file(records: &SqlRecords, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError> {
    photos::file(&records.db, &records.files, photo_id, width).await
}
