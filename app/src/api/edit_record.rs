//! What the record keepers' edit forms share when sent.

use std::future::Future;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::FieldError;
use crate::error::AppError;
use crate::ports::{AppState, Records, RecordsError, StaffCaller};

/// Sends a record keeper's edit: refused to anyone but a record keeper; the form read into the
/// record by `read` (given today's date); written by `write` from the version the form was
/// loaded at, which returns the new version; then the browser sent on to `done`. A refusal
/// keeps what was `typed`.
pub(super) async fn edit_record<R, Refusal: Refused, Written>(
    typed: &[(&str, &str)],
    read: impl FnOnce(NaiveDate) -> Result<R, Refusal>,
    write: impl FnOnce(Arc<dyn Records>, StaffCaller, R) -> Written,
    done: &str,
) -> Result<i64, AppError>
where
    Written: Future<Output = Result<i64, RecordsError>>,
{
    let keep = |err: AppError| err.keeping(typed);
    let state = AppState::from_context()?;
    let caller = crate::session::require_staff(&state, &super::RECORD_KEEPERS).await.map_err(keep)?;
    // Every refused field at once.
    let record = read(state.clock.today()).map_err(|refused| keep(AppError::refused(refused.fields())))?;
    let version = write(state.records.clone(), caller, record).await.map_err(|e| keep(e.into()))?;
    leptos_axum::redirect(done);
    Ok(version)
}

/// What reading a form refused: one field, or (a form that says all at once) several.
pub(super) trait Refused {
    fn fields(self) -> Vec<FieldError>;
}

impl Refused for FieldError {
    fn fields(self) -> Vec<FieldError> {
        vec![self]
    }
}

impl Refused for Vec<FieldError> {
    fn fields(self) -> Vec<FieldError> {
        self
    }
}
