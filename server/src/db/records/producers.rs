//! A producer's record from a provincial list: its public facts, kept by the officers.

use app::domain::ProducerRecord;
use app::model::ProducerRecordView;
use app::ports::{PortError, Records, RecordsError, StaffCaller};

use super::history::Edit;
use super::*;
use crate::db::bulk::Cell;
use crate::db::port_error;

/// A producer's record, with its province and how many people act for it in the portal.
#[derive(sqlx::FromRow)]
struct ProducerRecordRow {
    id: i64,
    name: String,
    address_as_written: String,
    phone: Option<String>,
    website: Option<String>,
    version: i64,
    province_name: String,
    province_code: String,
    portal_members: i64,
}

pub(super) async fn producer_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    producer_id: i64,
) -> Result<Option<ProducerRecordView>, PortError> {
    let row: Option<ProducerRecordRow> = sqlx::query_as(
        "SELECT pr.id, pr.name, pr.address_as_written, pr.phone, pr.website, pr.version, pv.name AS province_name,
                pr.province_code,
                (SELECT COUNT(*) FROM producer_members m WHERE m.producer_id = pr.id) AS portal_members
         FROM producers pr JOIN provinces pv ON pv.code = pr.province_code WHERE pr.id = $1",
    )
    .bind(producer_id)
    .fetch_optional(&records.db.pool)
    .await
    .map_err(port_error)?;
    let Some(row) = row.filter(|r| reaches(caller, &r.province_code)) else { return Ok(None) };
    let products: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM products WHERE producer_id = $1 ORDER BY recognized_year DESC, id LIMIT 500",
    )
    .bind(producer_id)
    .fetch_all(&records.db.pool)
    .await
    .map_err(port_error)?;
    Ok(Some(ProducerRecordView {
        id: row.id,
        record: ProducerRecord {
            name: row.name,
            address: row.address_as_written,
            phone: row.phone.unwrap_or_default(),
            website: row.website.unwrap_or_default(),
        },
        version: row.version,
        province_name: row.province_name,
        files_in_portal: row.portal_members > 0,
        products,
        history: records.history(PRODUCER, producer_id, 0).await?,
    }))
}

pub(super) async fn save_producer_record(
    records: &SqlRecords,
    caller: &StaffCaller,
    producer_id: i64,
    record: &ProducerRecord,
    version: i64,
) -> Result<i64, RecordsError> {
    let Some(current) = records.producer_record(caller, producer_id).await? else {
        return Err(RecordsError::NotFound);
    };
    if current.version != version {
        return Err(RecordsError::StaleRecord(records.history(PRODUCER, producer_id, version).await?));
    }
    if current.files_in_portal {
        return Err(RecordsError::KeptByProducer);
    }
    let changes = current.record.changes_to(record);
    if changes.is_empty() {
        return Ok(version);
    }
    let set = "name = $1, address_as_written = $2, phone = $3, website = $4";
    let values = vec![
        Cell::from(record.name.as_str()),
        Cell::from(record.address.as_str()),
        optional_text(&record.phone),
        optional_text(&record.website),
    ];
    let mut tx = records.db.begin_write().await.map_err(port_error)?;
    let edit = Edit { kind: PRODUCER, id: producer_id, version, set, values, changes: &changes };
    if !edit.apply(&mut tx, caller, records.db.clock.timestamp()).await? {
        drop(tx);
        return Err(RecordsError::StaleRecord(records.history(PRODUCER, producer_id, version).await?));
    }
    // The catalog shows and finds a product by its producer's name: a change of it is one of
    // the catalog's (the search index reads it again).
    records.db.commit_catalog_change(tx).await.map_err(port_error)?;
    Ok(version + 1)
}
