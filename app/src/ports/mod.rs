//! Ports: what the application needs from the outside world, one module per bounded context,
//! each with its own refusals and the sentences they are told in. The server implements them
//! with sqlx; server functions reach them through `AppState` in the Leptos context. Server
//! functions cannot be generic, so the ports travel as trait objects.

use std::sync::Arc;

use crate::clock::Clock;
use crate::domain::StaffPost;
use crate::error::AppError;
use crate::language::Said;

mod accounts;
mod catalog;
mod imports;
mod membership;
mod portal;
mod records;
mod review;

pub use accounts::{AccountError, Accounts, SessionStarted, SignInFrom};
pub use catalog::Catalog;
pub use imports::Imports;
pub use membership::{Membership, MembershipError};
pub use portal::{Portal, PortalError, ProducerCaller};
pub use records::{PhotoAdded, PhotoFile, ProductEdit, Records, RecordsError};
pub use review::{BackOffice, BackOfficeError, Council};

/// Why a port could not answer. Kept coarse on purpose: the details go to the server log.
#[derive(Debug, thiserror::Error)]
pub enum PortError {
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<PortError> for AppError {
    fn from(err: PortError) -> Self {
        tracing::error!(error = %err, "port error");
        match err {
            PortError::Unavailable(_) => AppError::Unavailable,
            PortError::Internal(_) => AppError::Internal,
        }
    }
}

/// A chosen commune outside the chosen province, said alike by the portal (a producer's
/// address) and the back office (a staff post).
fn commune_not_in_province() -> AppError {
    AppError::bad_input(
        "commune_code",
        Said::text("Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn. Vui lòng chọn lại."),
    )
}

/// A signed-in person holding an active staff post: every back-office query is scoped by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCaller {
    pub account_id: i64,
    pub post: StaffPost,
}

/// Which bytes of a document: as uploaded, or the small JPEG of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceCopy {
    Original,
    Thumbnail,
}

/// Everything server functions may use, provided to them as context.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn Catalog>,
    pub accounts: Arc<dyn Accounts>,
    pub portal: Arc<dyn Portal>,
    pub membership: Arc<dyn Membership>,
    pub back_office: Arc<dyn BackOffice>,
    pub council: Arc<dyn Council>,
    pub records: Arc<dyn Records>,
    pub imports: Arc<dyn Imports>,
    /// Where "today" comes from (decisions cannot be dated after it).
    pub clock: Clock,
    /// Whether the site is reached through its own proxy, which appends the client's address
    /// to X-Forwarded-For.
    pub behind_proxy: bool,
    /// Whether cookies get the `Secure` flag (the site is served over HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    /// The state from the Leptos context; missing state is a wiring bug, reported as internal.
    pub fn from_context() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or(AppError::Internal)
    }
}
