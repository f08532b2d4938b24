//! Records officers keep, in the database: a catalog product's public facts, saved only from
//! the version the form was read at, each save written to the history with what it changed;
//! deleting a record takes it out of the catalog and restoring puts it back, both in the
//! history too, as are its photos coming and going.

use app::domain::{FieldChange, ProducerRecord};
use app::model::{DeletedRecord, HistoryEntry, ProducerRecordView, ProductRecordView};
use app::ports::{PhotoAdded, PhotoFile, PortError, ProductEdit, Records, RecordsError, StaffCaller};
use async_trait::async_trait;

use super::bulk::Cell;
use super::codes::{json, time_of};
use super::reach::{keeps, Keeps};
use super::{port_error, Database};
use crate::files::FileStore;

mod history;
mod producers;
mod products;

const PRODUCT: &str = "product";
const PRODUCER: &str = "producer";

pub struct SqlRecords {
    db: Database,
    files: FileStore,
}

impl SqlRecords {
    pub fn new(db: Database, files: FileStore) -> Self {
        SqlRecords { db, files }
    }

    /// Whether the product exists within the caller's reach.
    async fn keeps(&self, caller: &StaffCaller, product_id: i64) -> Result<bool, PortError> {
        let province: Option<String> = sqlx::query_scalar("SELECT province_code FROM products WHERE id = $1")
            .bind(product_id)
            .fetch_optional(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(province.is_some_and(|province| reaches(caller, &province)))
    }

    /// The edits of a record after `version`, newest first.
    async fn history(&self, kind: &str, id: i64, after_version: i64) -> Result<Vec<HistoryEntry>, PortError> {
        let rows: Vec<HistoryRow> = sqlx::query_as(
            "SELECT h.version, h.at, a.display_name, h.changes FROM record_history h
             LEFT JOIN accounts a ON a.id = h.account_id
             WHERE h.record_kind = $1 AND h.record_id = $2 AND h.version > $3 ORDER BY h.version DESC, h.id DESC",
        )
        .bind(kind)
        .bind(id)
        .bind(after_version)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        rows.into_iter().map(HistoryEntry::try_from).collect()
    }
}

/// An edit in a record's history, with the name of whoever made it.
#[derive(sqlx::FromRow)]
struct HistoryRow {
    version: i64,
    at: i64,
    display_name: Option<String>,
    changes: String,
}

impl TryFrom<HistoryRow> for HistoryEntry {
    type Error = PortError;

    fn try_from(row: HistoryRow) -> Result<Self, PortError> {
        Ok(HistoryEntry {
            version: row.version,
            at: time_of(row.at),
            by: row.display_name,
            changes: json::<Vec<FieldChange>>(&row.changes)?,
        })
    }
}

/// Only the product's province (or the national level) keeps its record.
fn reaches(caller: &StaffCaller, province_code: &str) -> bool {
    match keeps(caller) {
        Some(Keeps::Everywhere) => true,
        Some(Keeps::Province(own)) => own == province_code,
        None => false,
    }
}

#[async_trait]
impl Records for SqlRecords {
    async fn product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
    ) -> Result<Option<ProductRecordView>, PortError> {
        products::product_record(self, caller, product_id).await
    }

    async fn edit_product(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        edit: ProductEdit<'_>,
        version: i64,
    ) -> Result<i64, RecordsError> {
        products::edit_product(self, caller, product_id, edit, version).await
    }

    async fn add_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        files: Vec<PhotoFile>,
    ) -> Result<PhotoAdded, PortError> {
        products::add_product_photo(self, caller, product_id, files).await
    }

    async fn remove_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        photo_id: i64,
    ) -> Result<bool, PortError> {
        products::remove_product_photo(self, caller, product_id, photo_id).await
    }

    async fn photo_file(&self, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError> {
        products::photo_file(self, photo_id, width).await
    }

    async fn producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
    ) -> Result<Option<ProducerRecordView>, PortError> {
        producers::producer_record(self, caller, producer_id).await
    }

    async fn save_producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
        record: &ProducerRecord,
        version: i64,
    ) -> Result<i64, RecordsError> {
        producers::save_producer_record(self, caller, producer_id, record, version).await
    }

    async fn deleted_product_records(&self, caller: &StaffCaller) -> Result<Vec<DeletedRecord>, PortError> {
        products::deleted_product_records(self, caller).await
    }
}

/// Text kept as NULL when empty, as the import writes it.
fn optional_text(text: &str) -> Cell {
    Cell::from(Some(text.to_string()).filter(|t| !t.is_empty()))
}
