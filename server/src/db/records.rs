//! Records officers keep, in the database: a catalog product's public facts, saved only from
//! the version the form was read at, each save written to the history with what it changed;
//! deleting a record takes it out of the catalog and restoring puts it back, both in the
//! history too, as are its photos coming and going.

use app::domain::{
    fold, CertificateRecord, FieldChange, ProducerRecord, ProductRecord, Role, DELETION_FIELD, PHOTOS_FIELD,
};
use app::model::{product_href, DeletedRecord, HistoryEntry, ProducerRecordView, ProductRecordView};
use app::ports::{BackOfficeError, PhotoAdded, PhotoFile, PortError, Records, StaffCaller};
use async_trait::async_trait;
use sqlx::Row;

use super::bulk::{arguments, Cell};
use super::dossiers::{json, now, time_of};
use super::products::search_text;
use super::{photos, port_error, Database};
use crate::files::FileStore;
use sqlx::{AnyConnection, AssertSqlSafe};

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
        let rows = sqlx::query(
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

/// Writes one edit of a record to its history: `version` is the one the edit produced (a
/// photo, which changes no field of the form, is written at the version it left).
async fn write_history(
    conn: &mut AnyConnection,
    kind: &str,
    caller: &StaffCaller,
    product_id: i64,
    version: i64,
    changes: &[FieldChange],
) -> Result<(), PortError> {
    sqlx::query(
        "INSERT INTO record_history (record_kind, record_id, version, account_id, at, changes)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(kind)
    .bind(product_id)
    .bind(version)
    .bind(caller.account_id)
    .bind(now())
    .bind(serde_json::to_string(changes).map_err(|e| PortError::Internal(e.to_string()))?)
    .execute(conn)
    .await
    .map_err(port_error)?;
    Ok(())
}

/// An edit of one record made from the version its form was read at.
struct Edit<'a> {
    /// The record's kind in record_history, `product` or `producer`; its table is the plural.
    kind: &'static str,
    id: i64,
    version: i64,
    /// The `SET` clause, with `values` as $1….
    set: &'a str,
    values: Vec<Cell>,
    changes: &'a [FieldChange],
}

impl Edit<'_> {
    /// Writes the edit and its history entry in `conn`'s transaction. The version in the WHERE
    /// clause makes the check and the write one step: `false` when someone saved first.
    async fn apply(self, conn: &mut AnyConnection, caller: &StaffCaller) -> Result<bool, PortError> {
        let sql = format!(
            "UPDATE {}s SET {}, version = version + 1 WHERE id = ${} AND version = ${}",
            self.kind,
            self.set,
            self.values.len() + 1,
            self.values.len() + 2
        );
        let mut values = self.values;
        values.extend([Cell::from(self.id), Cell::from(self.version)]);
        let saved =
            sqlx::query_with(AssertSqlSafe(sql), arguments(values)).execute(&mut *conn).await.map_err(port_error)?;
        if saved.rows_affected() == 0 {
            return Ok(false);
        }
        write_history(conn, self.kind, caller, self.id, self.version + 1, self.changes).await?;
        Ok(true)
    }
}

fn change(field: &str, before: impl Into<String>, after: impl Into<String>) -> FieldChange {
    FieldChange { field: field.to_string(), before: before.into(), after: after.into() }
}

/// Whose catalog records the caller keeps: every province's (national officers), their own
/// province's (province officers), or none (`None`).
pub(crate) enum Keeps<'a> {
    Everywhere,
    Province(&'a str),
}

pub(crate) fn keeps(caller: &StaffCaller) -> Option<Keeps<'_>> {
    match caller.post.role() {
        Role::NationalOfficer => Some(Keeps::Everywhere),
        Role::ProvinceOfficer => caller.post.province_code().map(Keeps::Province),
        _ => None,
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
        let row = sqlx::query(
            "SELECT p.id, p.name, p.description, p.phone, p.website, p.version, pr.name, pv.name, p.certificate_number,
                    p.province_code, p.where_to_buy, p.deletion_reason, p.stars, p.decision_number, p.decision_date,
                    p.expires_on, p.source, p.producer_id, p.superseded_by
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
            history: self.history(PRODUCT, product_id, 0).await?,
            photos: photos::photos_of(&self.db, &[product_id]).await?.remove(&product_id).unwrap_or_default(),
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

    async fn add_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        files: Vec<PhotoFile>,
    ) -> Result<PhotoAdded, PortError> {
        if !self.keeps(caller, product_id).await? {
            return Ok(PhotoAdded::NotFound);
        }
        let added = photos::add(&self.db, &self.files, caller.account_id, product_id, files).await?;
        if let PhotoAdded::Added(photo_id) = added {
            self.photo_history(caller, product_id, change(PHOTOS_FIELD, "", photo_name(photo_id))).await?;
        }
        Ok(added)
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
        let removed = photos::remove(&self.db, &self.files, product_id, photo_id).await?;
        if removed {
            self.photo_history(caller, product_id, change(PHOTOS_FIELD, photo_name(photo_id), "")).await?;
        }
        Ok(removed)
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
        let current = self.editable(caller, product_id, version).await?;
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
        self.write_edit(caller, product_id, version, set, values, &changes).await
    }

    async fn save_certificate_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        record: &CertificateRecord,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let current = self.editable(caller, product_id, version).await?;
        let record = if current.issued_here {
            record.clone().as_issued(&current.certificate).map_err(BackOfficeError::Invalid)?
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
        self.write_edit(caller, product_id, version, set, values, &changes).await
    }

    async fn producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
    ) -> Result<Option<ProducerRecordView>, PortError> {
        let row = sqlx::query(
            "SELECT pr.id, pr.name, pr.address_as_written, pr.phone, pr.website, pr.version, pv.name, pr.province_code,
                    (SELECT COUNT(*) FROM producer_members m WHERE m.producer_id = pr.id)
             FROM producers pr JOIN provinces pv ON pv.code = pr.province_code WHERE pr.id = $1",
        )
        .bind(producer_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(row) = row.filter(|r| reaches(caller, &r.get::<String, _>(7))) else { return Ok(None) };
        let text = |i: usize| row.get::<Option<String>, _>(i).unwrap_or_default();
        let products: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, name FROM products WHERE producer_id = $1 ORDER BY recognized_year DESC, id LIMIT 500",
        )
        .bind(producer_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(Some(ProducerRecordView {
            id: row.get(0),
            record: ProducerRecord { name: row.get(1), address: row.get(2), phone: text(3), website: text(4) },
            version: row.get(5),
            province_name: row.get(6),
            files_in_portal: row.get::<i64, _>(8) > 0,
            products,
            history: self.history(PRODUCER, producer_id, 0).await?,
        }))
    }

    async fn save_producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
        record: &ProducerRecord,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let Some(current) = self.producer_record(caller, producer_id).await? else {
            return Err(BackOfficeError::NotFound);
        };
        if current.version != version {
            return Err(BackOfficeError::StaleRecord(self.history(PRODUCER, producer_id, version).await?));
        }
        if current.files_in_portal {
            return Err(BackOfficeError::KeptByProducer);
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
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let edit = Edit { kind: PRODUCER, id: producer_id, version, set, values, changes: &changes };
        if !edit.apply(&mut tx, caller).await? {
            drop(tx);
            return Err(BackOfficeError::StaleRecord(self.history(PRODUCER, producer_id, version).await?));
        }
        if record.name != current.record.name {
            // The catalog finds a product by its producer's name too.
            let rows = sqlx::query(
                "SELECT p.id, p.name, pv.name, p.province_as_written, p.address_as_written, s.name FROM products p
                 JOIN provinces pv ON pv.code = p.province_code LEFT JOIN score_sheets s ON s.code = p.subgroup_code
                 WHERE p.producer_id = $1",
            )
            .bind(producer_id)
            .fetch_all(&mut *tx)
            .await
            .map_err(port_error)?;
            for row in rows {
                let words: [String; 4] = [row.get(1), row.get(2), row.get(3), row.get(4)];
                let subgroup: Option<String> = row.get(5);
                let search = search_text(&[
                    &words[0],
                    &record.name,
                    &words[1],
                    &words[2],
                    &words[3],
                    subgroup.as_deref().unwrap_or(""),
                ]);
                sqlx::query("UPDATE products SET search_text = $1 WHERE id = $2")
                    .bind(search)
                    .bind(row.get::<i64, _>(0))
                    .execute(&mut *tx)
                    .await
                    .map_err(port_error)?;
            }
        }
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        Ok(version + 1)
    }

    async fn delete_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        reason: &str,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        self.set_deleted(caller, product_id, Some(reason), version).await
    }

    async fn restore_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        self.set_deleted(caller, product_id, None, version).await
    }

    async fn deleted_product_records(&self, caller: &StaffCaller) -> Result<Vec<DeletedRecord>, PortError> {
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
        .fetch_all(&self.db.pool)
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
}

/// Text kept as NULL when empty, as the import writes it.
fn optional_text(text: &str) -> Cell {
    Cell::from(Some(text.to_string()).filter(|t| !t.is_empty()))
}

/// How the history names a photo.
fn photo_name(photo_id: i64) -> String {
    format!("ảnh số {photo_id}")
}

impl SqlRecords {
    /// The record within reach as read at `version`, if it may be edited: not changed since,
    /// and not deleted.
    async fn editable(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
    ) -> Result<ProductRecordView, BackOfficeError> {
        let Some(current) = self.product_record(caller, product_id).await? else {
            return Err(BackOfficeError::NotFound);
        };
        if current.version != version {
            return Err(BackOfficeError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        if current.deletion_reason.is_some() {
            return Err(BackOfficeError::RecordDeleted);
        }
        Ok(current)
    }

    /// Writes an edit of a product made from `version`, with its history entry, and tells the
    /// catalog's caches.
    async fn write_edit(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
        set: &str,
        values: Vec<Cell>,
        changes: &[FieldChange],
    ) -> Result<i64, BackOfficeError> {
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let edit = Edit { kind: PRODUCT, id: product_id, version, set, values, changes };
        if !edit.apply(&mut tx, caller).await? {
            drop(tx);
            return Err(BackOfficeError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        Ok(version + 1)
    }

    async fn photo_history(&self, caller: &StaffCaller, product_id: i64, change: FieldChange) -> Result<(), PortError> {
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1")
            .bind(product_id)
            .fetch_one(&self.db.pool)
            .await
            .map_err(port_error)?;
        let mut conn = self.db.pool.acquire().await.map_err(port_error)?;
        write_history(&mut conn, PRODUCT, caller, product_id, version, &[change]).await
    }

    /// Deletes the product with `reason`, or restores it with `None`, from `version`. Doing what
    /// is already done changes nothing.
    async fn set_deleted(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        reason: Option<&str>,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let Some(current) = self.product_record(caller, product_id).await? else {
            return Err(BackOfficeError::NotFound);
        };
        if current.deletion_reason.is_some() == reason.is_some() {
            return Ok(current.version);
        }
        if current.version != version {
            return Err(BackOfficeError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        let values = match reason {
            Some(reason) => vec![Cell::from(now()), Cell::from(caller.account_id), Cell::from(reason)],
            None => vec![Cell::NullInt, Cell::NullInt, Cell::NullText],
        };
        let previous = current.deletion_reason.unwrap_or_default();
        let entry = change(DELETION_FIELD, previous, reason.unwrap_or_default());
        let set = "deleted_at = $1, deleted_by = $2, deletion_reason = $3";
        self.write_edit(caller, product_id, version, set, values, &[entry]).await
    }
}
