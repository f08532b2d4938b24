//! Lists imported from the browser: the upload is kept in `pending_imports` between its
//! preview and its import, for the officer who uploaded it only. Once written, the file is
//! dropped and the outcome kept for the page to show, so a second click imports nothing.

use std::collections::BTreeSet;

use app::model::{ImportMapping, ImportOutcome, ImportRowError, ImportedRow};
use app::ports::{Imports, PortError, StaffCaller};
use async_trait::async_trait;
use rand::RngCore;

use super::reach::{keeps, Keeps};
use super::{port_error, Database};
use crate::import::{import_file, layout_found, ImportError, ImportOptions, ImportReport, RowError, Said};

/// An upload, and an import's outcome, is forgotten a day later (at the next upload).
const KEPT_SECONDS: i64 = 24 * 3600;

/// Readings remembered per office, the latest first; older ones go.
const LAYOUTS_KEPT: i64 = 50;

/// An upload as kept, read by name.
#[derive(sqlx::FromRow)]
struct Upload {
    file_name: String,
    content: Vec<u8>,
    /// The ImportOutcome as JSON, once imported.
    outcome: Option<String>,
    /// The officer's ImportMapping as JSON, once chosen.
    mapping: Option<String>,
}

pub struct SqlImports {
    db: Database,
}

impl SqlImports {
    pub fn new(db: Database) -> Self {
        SqlImports { db }
    }

    async fn upload(&self, caller: &StaffCaller, token: &str) -> Result<Option<Upload>, PortError> {
        sqlx::query_as(
            "SELECT file_name, content, outcome, mapping FROM pending_imports WHERE token = $1 AND account_id = $2",
        )
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
        let Some(upload) = self.upload(caller, token).await? else { return Ok(None) };
        if let Some(done) = upload.outcome {
            return serde_json::from_str(&done).map(Some).map_err(internal);
        }
        let mapping: ImportMapping = match upload.mapping {
            Some(chosen) => serde_json::from_str(&chosen).map_err(internal)?,
            None => ImportMapping::default(),
        };
        let scope = province_code.clone().unwrap_or_else(|| NATIONWIDE.into());
        let remembered = self.remembered(&scope).await?;
        let options = ImportOptions { province_code, mapping, remembered, ..options };
        let (file_name, bytes) = (upload.file_name, upload.content);
        let outcome = match import_file(&self.db, &bytes, options.clone()).await {
            Ok(report) => {
                if report.written {
                    self.remember(&scope, &report, &options.mapping).await?;
                }
                outcome(file_name, report)
            }
            Err(ImportError::Database(err)) => return Err(port_error(err)),
            Err(refusal) => {
                // Columns that cannot be read as a list's are shown, for the officer to read them.
                let found = match refusal {
                    ImportError::MissingColumns(_)
                    | ImportError::TwoColumns { .. }
                    | ImportError::NoSuchSheet { .. } => {
                        tokio::task::spawn_blocking(move || layout_found(&bytes, &options).ok())
                            .await
                            .map_err(internal)?
                            .unwrap_or_default()
                    }
                    _ => Default::default(),
                };
                ImportOutcome {
                    refusal: Some(Said::new(|language| refusal.message(language))),
                    columns: found.columns,
                    sheet_choices: found.sheets,
                    layout_remembered: found.remembered,
                    ..outcome_of(file_name)
                }
            }
        };
        if outcome.written {
            let done = serde_json::to_string(&outcome).map_err(internal)?;
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

    /// The readings remembered for an office's layouts, the latest first.
    async fn remembered(&self, scope: &str) -> Result<Vec<(String, ImportMapping)>, PortError> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT signature, mapping FROM import_layouts WHERE scope = $1 ORDER BY saved_at DESC")
                .bind(scope)
                .fetch_all(&self.db.pool)
                .await
                .map_err(port_error)?;
        // A reading that no longer parses (an older shape) is passed over, not an error.
        Ok(rows
            .into_iter()
            .filter_map(|(signature, json)| Some((signature, serde_json::from_str(&json).ok()?)))
            .collect())
    }

    /// Remembers the officer's reading of the columns under the layout of the list it imported.
    async fn remember(&self, scope: &str, report: &ImportReport, mapping: &ImportMapping) -> Result<(), PortError> {
        let Some(signature) = report.layout.signature.as_deref().filter(|_| !mapping.columns.is_empty()) else {
            return Ok(());
        };
        // Sheets are named anew in every file: only the columns' reading is kept.
        let kept = ImportMapping { columns: mapping.columns.clone(), sheets: Vec::new() };
        let json = serde_json::to_string(&kept).map_err(internal)?;
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        sqlx::query(
            "INSERT INTO import_layouts (scope, signature, mapping, saved_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (scope, signature) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at",
        )
        .bind(scope)
        .bind(signature)
        .bind(json)
        .bind(self.db.clock.timestamp())
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        sqlx::query(
            "DELETE FROM import_layouts WHERE scope = $1 AND signature NOT IN
               (SELECT signature FROM import_layouts WHERE scope = $1 ORDER BY saved_at DESC, signature LIMIT $2)",
        )
        .bind(scope)
        .bind(LAYOUTS_KEPT)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        tx.commit().await.map_err(port_error)
    }
}

/// The office of the national officers, for the readings they remember.
const NATIONWIDE: &str = "*";

fn internal(err: impl std::fmt::Display) -> PortError {
    PortError::Internal(err.to_string())
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
        columns: Vec::new(),
        sheet_choices: Vec::new(),
        layout_remembered: false,
        first_rows: Vec::new(),
        written: false,
    }
}

/// What was said of cells, as the officer's page lists them.
fn cells(said: Vec<RowError>) -> Vec<ImportRowError> {
    said.into_iter().map(|e| ImportRowError { line: e.line, column: e.column, message: e.message }).collect()
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
        columns: report.layout.columns,
        sheet_choices: report.layout.sheets,
        layout_remembered: report.layout.remembered,
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

    async fn choose_reading(
        &self,
        caller: &StaffCaller,
        token: &str,
        mapping: ImportMapping,
    ) -> Result<bool, PortError> {
        if keeps(caller).is_none() {
            return Ok(false);
        }
        let json = serde_json::to_string(&mapping).map_err(internal)?;
        let chosen = sqlx::query(
            "UPDATE pending_imports SET mapping = $1 WHERE token = $2 AND account_id = $3 AND outcome IS NULL",
        )
        .bind(json)
        .bind(token)
        .bind(caller.account_id)
        .execute(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(chosen.rows_affected() == 1)
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
