//! Lists of certified products imported from the browser.

use async_trait::async_trait;

use super::{PortError, StaffCaller};
use crate::model::{ImportMapping, ImportOutcome};

/// Lists of certified products imported from the browser: an upload is kept, previewed with a
/// dry run, then imported (within the importer's reach) and forgotten.
#[async_trait]
pub trait Imports: Send + Sync {
    /// Keeps an uploaded list for the caller; returns the token that names it.
    async fn keep_upload(&self, caller: &StaffCaller, file_name: &str, bytes: &[u8]) -> Result<String, PortError>;
    /// Keeps the caller's reading of their upload's columns and choice of sheets, for its dry
    /// run and its import; `false` for no such upload of theirs waiting to be imported.
    async fn choose_reading(
        &self,
        caller: &StaffCaller,
        token: &str,
        mapping: ImportMapping,
    ) -> Result<bool, PortError>;
    /// What importing the caller's upload would do, with nothing changed; `None` for no such
    /// upload of theirs (another officer's, or one already imported).
    async fn preview(&self, caller: &StaffCaller, token: &str) -> Result<Option<ImportOutcome>, PortError>;
    /// Imports it: refused whole if a row has an error, unless `good_rows_only`. The upload is
    /// forgotten once written.
    async fn import(
        &self,
        caller: &StaffCaller,
        token: &str,
        good_rows_only: bool,
    ) -> Result<Option<ImportOutcome>, PortError>;
    /// The list of a province's products laid out as provinces publish theirs (XLSX), which
    /// imports back adding nothing: the caller's own province, or `province_code` for a
    /// national officer. `None` for a province outside the caller's reach or unknown.
    async fn provincial_list(&self, caller: &StaffCaller, province_code: &str) -> Result<Option<Vec<u8>>, PortError>;
}
