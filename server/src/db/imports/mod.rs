//! Lists imported from the browser: the upload is kept in `pending_imports` between its
//! preview and its import, for the officer who uploaded it only. Once written, the file is
//! dropped and the outcome kept for the page to show, so a second click imports nothing.

use std::collections::BTreeSet;

use app::model::{ImportOutcome, ImportRowError, ImportedRow};
use app::ports::{Imports, PortError, StaffCaller};
use async_trait::async_trait;
use rand::RngCore;

use super::reach::{keeps, Keeps};
use super::{port_error, Database};
use crate::import::{import_file, ImportError, ImportOptions, ImportReport, Language, RowError};

/// An upload, and an import's outcome, is forgotten a day later (at the next upload).
const KEPT_SECONDS: i64 = 24 * 3600;

/// The file's name, its bytes, and the outcome once imported.
type Upload = (String, Vec<u8>, Option<String>);

pub struct SqlImports {
    db: Database,
}

impl SqlImports {
    pub fn new(db: Database) -> Self {
        SqlImports { db }
    }

    async fn upload(&self, caller: &StaffCaller, token: &str) -> Result<Option<Upload>, PortError> {
        sqlx::query_as("SELECT file_name, content, outcome FROM pending_imports WHERE token = $1 AND account_id = $2")
            .bind(token)
            .bind(caller.account_id)
            .fetch_optional(&self.db.pool)
            .await
            .map_err(port_error)
    }

    async fn run(
        &self,
        caller: &StaffCaller,
        token: &str,
        options: ImportOptions,
    ) -> Result<Option<ImportOutcome>, PortError> {
        // Only those who keep the catalog's records import into it, each within their reach.
        let province_code = match keeps(caller) {
            Some(Keeps::Everywhere) => None,
            Some(Keeps::Province(own)) => Some(own.to_string()),
            None => return Ok(None),
        };
        let Some((file_name, bytes, done)) = self.upload(caller, token).await? else { return Ok(None) };
        if let Some(done) = done {
            return serde_json::from_str(&done).map(Some).map_err(|e| PortError::Internal(e.to_string()));
        }
        let outcome = match import_file(&self.db, &bytes, ImportOptions { province_code, ..options }).await {
            Ok(report) => outcome(file_name, report),
            Err(ImportError::Database(err)) => return Err(port_error(err)),
            Err(refusal) => ImportOutcome { refusal: Some(refusal.message(Language::Vi)), ..outcome_of(file_name) },
        };
        if outcome.written {
            let done = serde_json::to_string(&outcome).map_err(|e| PortError::Internal(e.to_string()))?;
            sqlx::query("UPDATE pending_imports SET outcome = $1, content = $2 WHERE token = $3")
                .bind(done)
                .bind(Vec::<u8>::new())
                .bind(token)
                .execute(&self.db.pool)
                .await
                .map_err(port_error)?;
        }
        Ok(Some(outcome))
    }
}

fn outcome_of(file_name: String) -> ImportOutcome {
    ImportOutcome {
        file_name,
        refusal: None,
        rows: 0,
        added: 0,
        already_present: 0,
        rejected_rows: 0,
        row_errors: Vec::new(),
        row_notes: Vec::new(),
        ignored_columns: Vec::new(),
        province_from_title: None,
        sheets: Vec::new(),
        first_rows: Vec::new(),
        written: false,
    }
}

/// What was said of cells, as the officer's page lists them.
fn cells(said: Vec<RowError>) -> Vec<ImportRowError> {
    said.into_iter().map(|e| ImportRowError { line: e.line, column: e.column, message: e.message_vi }).collect()
}

fn outcome(file_name: String, report: ImportReport) -> ImportOutcome {
    ImportOutcome {
        rows: report.rows as u64,
        added: report.imported,
        already_present: report.already_present,
        rejected_rows: report.rejected.iter().map(|e| e.line).collect::<BTreeSet<_>>().len() as u64,
        row_errors: cells(report.rejected),
        row_notes: cells(report.notes),
        ignored_columns: report.ignored_columns,
        province_from_title: report.province_from_title,
        sheets: report.sheets,
        first_rows: report
            .first_rows
            .into_iter()
            .map(|r| ImportedRow {
                line: r.line,
                product: r.product,
                producer: r.producer,
                province: r.province,
                stars: r.stars,
            })
            .collect(),
        written: report.written,
        ..outcome_of(file_name)
    }
}

#[async_trait]
impl Imports for SqlImports {
    async fn provincial_list(&self, caller: &StaffCaller, province_code: &str) -> Result<Option<Vec<u8>>, PortError> {
        // A province officer's reach is their province; the national officer's, every one.
        let code = caller.post.province_code().unwrap_or(province_code);
        crate::import::provincial_list(&self.db, code, self.db.clock.today())
            .await
            .map_err(|err| PortError::Internal(err.to_string()))
    }

    async fn keep_upload(&self, caller: &StaffCaller, file_name: &str, bytes: &[u8]) -> Result<String, PortError> {
        let mut random = [0u8; 16];
        rand::rng().fill_bytes(&mut random);
        let token: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let at = self.db.clock.timestamp();
        // A name is shown back on the page: plain text, and not a whole essay.
        let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        sqlx::query("DELETE FROM pending_imports WHERE uploaded_at < $1")
            .bind(at - KEPT_SECONDS)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        sqlx::query(
            "INSERT INTO pending_imports (token, account_id, file_name, content, uploaded_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token)
        .bind(caller.account_id)
        .bind(file_name)
        .bind(bytes.to_vec())
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        tx.commit().await.map_err(port_error)?;
        Ok(token)
    }

    async fn preview(&self, caller: &StaffCaller, token: &str) -> Result<Option<ImportOutcome>, PortError> {
        self.run(caller, token, ImportOptions { dry_run: true, good_rows_only: true, ..ImportOptions::default() }).await
    }

    async fn import(
        &self,
        caller: &StaffCaller,
        token: &str,
        good_rows_only: bool,
    ) -> Result<Option<ImportOutcome>, PortError> {
        self.run(caller, token, ImportOptions { good_rows_only, ..ImportOptions::default() }).await
    }
}
