//! Edits of a record from the version its form was read at, and the history every edit
//! leaves: who changed which field, from what to what, and when.

use app::domain::{FieldChange, DELETION_FIELD};
use app::model::ProductRecordView;
use app::ports::{PortError, Records, RecordsError, StaffCaller};

use super::*;
use crate::db::bulk::{arguments, Cell};
use crate::db::port_error;
use sqlx::{AnyConnection, AssertSqlSafe};

impl SqlRecords {
    /// The record within reach as read at `version`, if it may be edited: not changed since,
    /// and not deleted.
    pub(super) async fn editable(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
    ) -> Result<ProductRecordView, RecordsError> {
        let Some(current) = self.product_record(caller, product_id).await? else {
            return Err(RecordsError::NotFound);
        };
        if current.version != version {
            return Err(RecordsError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        if current.deletion_reason.is_some() {
            return Err(RecordsError::RecordDeleted);
        }
        Ok(current)
    }

    /// Writes an edit of a product made from `version`, with its history entry, and tells the
    /// catalog's caches.
    pub(super) async fn write_edit(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
        set: &str,
        values: Vec<Cell>,
        changes: &[FieldChange],
    ) -> Result<i64, RecordsError> {
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let edit = Edit { kind: PRODUCT, id: product_id, version, set, values, changes };
        if !edit.apply(&mut tx, caller, self.db.clock.timestamp()).await? {
            drop(tx);
            return Err(RecordsError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        Ok(version + 1)
    }

    pub(super) async fn photo_history(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        change: FieldChange,
    ) -> Result<(), PortError> {
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1")
            .bind(product_id)
            .fetch_one(&self.db.pool)
            .await
            .map_err(port_error)?;
        let mut conn = self.db.pool.acquire().await.map_err(port_error)?;
        write_history(&mut conn, PRODUCT, caller, product_id, version, &[change], self.db.clock.timestamp()).await
    }

    /// Deletes the product with `reason`, or restores it with `None`, from `version`. Doing what
    /// is already done changes nothing.
    pub(super) async fn set_deleted(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        reason: Option<&str>,
        version: i64,
    ) -> Result<i64, RecordsError> {
        let Some(current) = self.product_record(caller, product_id).await? else {
            return Err(RecordsError::NotFound);
        };
        if current.deletion_reason.is_some() == reason.is_some() {
            return Ok(current.version);
        }
        if current.version != version {
            return Err(RecordsError::StaleRecord(self.history(PRODUCT, product_id, version).await?));
        }
        let values = match reason {
            Some(reason) => {
                vec![Cell::from(self.db.clock.timestamp()), Cell::from(caller.account_id), Cell::from(reason)]
            }
            None => vec![Cell::NullInt, Cell::NullInt, Cell::NullText],
        };
        let previous = current.deletion_reason.unwrap_or_default();
        let entry = change(DELETION_FIELD, previous, reason.unwrap_or_default());
        let set = "deleted_at = $1, deleted_by = $2, deletion_reason = $3";
        self.write_edit(caller, product_id, version, set, values, &[entry]).await
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
    at: i64,
) -> Result<(), PortError> {
    sqlx::query(
        "INSERT INTO record_history (record_kind, record_id, version, account_id, at, changes)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(kind)
    .bind(product_id)
    .bind(version)
    .bind(caller.account_id)
    .bind(at)
    .bind(serde_json::to_string(changes).map_err(|e| PortError::Internal(e.to_string()))?)
    .execute(conn)
    .await
    .map_err(port_error)?;
    Ok(())
}

/// An edit of one record made from the version its form was read at.
pub(super) struct Edit<'a> {
    /// The record's kind in record_history, `product` or `producer`; its table is the plural.
    pub kind: &'static str,
    pub id: i64,
    pub version: i64,
    /// The `SET` clause, with `values` as $1….
    pub set: &'a str,
    pub values: Vec<Cell>,
    pub changes: &'a [FieldChange],
}

impl Edit<'_> {
    /// Writes the edit and its history entry in `conn`'s transaction. The version in the WHERE
    /// clause makes the check and the write one step: `false` when someone saved first.
    pub(super) async fn apply(
        self,
        conn: &mut AnyConnection,
        caller: &StaffCaller,
        at: i64,
    ) -> Result<bool, PortError> {
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
        write_history(conn, self.kind, caller, self.id, self.version + 1, self.changes, at).await?;
        Ok(true)
    }
}

pub(super) fn change(field: &str, before: impl Into<String>, after: impl Into<String>) -> FieldChange {
    FieldChange { field: field.to_string(), before: before.into(), after: after.into() }
}
