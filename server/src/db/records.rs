//! Records officers keep, in the database: a catalog product's public facts, saved only from
//! the version the form was read at, each save written to the history with what it changed.

use app::domain::{fold, FieldChange, ProductRecord, Role};
use app::model::{product_href, HistoryEntry, ProductRecordView};
use app::ports::{BackOfficeError, PhotoAdded, PhotoFile, PortError, Records, StaffCaller};
use async_trait::async_trait;
use sqlx::Row;

use super::dossiers::{json, now, time_of};
use super::products::search_text;
use super::{photos, port_error, Database};
use crate::files::FileStore;

const PRODUCT: &str = "product";

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

    /// The edits of a product after `version`, newest first.
    async fn history(&self, product_id: i64, after_version: i64) -> Result<Vec<HistoryEntry>, PortError> {
        let rows = sqlx::query(
            "SELECT h.version, h.at, a.display_name, h.changes FROM record_history h
             LEFT JOIN accounts a ON a.id = h.account_id
             WHERE h.record_kind = $1 AND h.record_id = $2 AND h.version > $3 ORDER BY h.version DESC",
        )
        .bind(PRODUCT)
        .bind(product_id)
        .bind(after_version)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        rows.iter()
            .map(|r| {
                Ok(HistoryEntry {
                    version: r.get(0),
                    at: time_of(r.get(1)),
                    by: r.get(2),
                    changes: json::<Vec<FieldChange>>(&r.get::<String, _>(3))?,
                })
            })
            .collect()
    }
}

/// Only the product's province (or the national level) keeps its record.
fn reaches(caller: &StaffCaller, province_code: &str) -> bool {
    match caller.post.role() {
        Role::NationalOfficer => true,
        Role::ProvinceOfficer => caller.post.province_code() == Some(province_code),
        _ => false,
    }
}

#[async_trait]
impl Records for SqlRecords {
    async fn product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
    ) -> Result<Option<ProductRecordView>, PortError> {
        let row = sqlx::query(
            "SELECT p.id, p.name, p.description, p.phone, p.website, p.version, pr.name, pv.name, p.certificate_number,
                    p.province_code, p.where_to_buy
             FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
             WHERE p.id = $1",
        )
        .bind(product_id)
        .fetch_optional(&self.db.pool)
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
            history: self.history(product_id, 0).await?,
            photos: photos::photos_of(&self.db, &[product_id]).await?.remove(&product_id).unwrap_or_default(),
        }))
    }

    async fn add_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        files: Vec<PhotoFile>,
    ) -> Result<PhotoAdded, PortError> {
        if !self.keeps(caller, product_id).await? {
            return Ok(PhotoAdded::NotFound);
        }
        photos::add(&self.db, &self.files, caller.account_id, product_id, files).await
    }

    async fn remove_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        photo_id: i64,
    ) -> Result<bool, PortError> {
        if !self.keeps(caller, product_id).await? {
            return Ok(false);
        }
        photos::remove(&self.db, &self.files, product_id, photo_id).await
    }

    async fn photo_file(&self, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError> {
        photos::file(&self.db, &self.files, photo_id, width).await
    }

    async fn save_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        record: &ProductRecord,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let Some(current) = self.product_record(caller, product_id).await? else {
            return Err(BackOfficeError::NotFound);
        };
        if current.version != version {
            return Err(BackOfficeError::StaleRecord(self.history(product_id, version).await?));
        }
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
        .fetch_one(&self.db.pool)
        .await
        .map_err(port_error)?;
        let search =
            search_text(&[&record.name, &places.0, &places.1, &places.2, &places.3, places.4.as_deref().unwrap_or("")]);
        let optional = |text: &str| Some(text.to_string()).filter(|t| !t.is_empty());
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        // The version in the WHERE clause makes the check and the write one step.
        let saved = sqlx::query(
            "UPDATE products SET name = $1, description = $2, phone = $3, website = $4, name_key = $5, search_text = $6,
                 where_to_buy = $7, version = version + 1
             WHERE id = $8 AND version = $9",
        )
        .bind(&record.name)
        .bind(optional(&record.description))
        .bind(optional(&record.phone))
        .bind(optional(&record.website))
        .bind(format!(" {} ", fold(&record.name)))
        .bind(search)
        .bind(optional(&record.where_to_buy))
        .bind(product_id)
        .bind(version)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        if saved.rows_affected() == 0 {
            drop(tx);
            return Err(BackOfficeError::StaleRecord(self.history(product_id, version).await?));
        }
        sqlx::query(
            "INSERT INTO record_history (record_kind, record_id, version, account_id, at, changes)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(PRODUCT)
        .bind(product_id)
        .bind(version + 1)
        .bind(caller.account_id)
        .bind(now())
        .bind(serde_json::to_string(&changes).map_err(|e| PortError::Internal(e.to_string()))?)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        Ok(version + 1)
    }
}
