use serde::{Deserialize, Serialize};

use crate::domain::{CommuneReview, DossierAction, DossierKind, DossierState, Role};

use super::DossierDetail;

/// A staff account as the administrator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account_id: i64,
    pub display_name: String,
    pub sign_in_name: String,
    pub role: Role,
    /// The province and commune names, when the post has them.
    pub place: Option<String>,
    pub active: bool,
}

/// One dossier in a staff inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub dossier_id: i64,
    pub product_name: String,
    pub producer_name: String,
    pub commune_name: String,
    pub kind: DossierKind,
    pub state: DossierState,
    /// When it was (last) submitted, `YYYY-MM-DD`.
    pub submitted_on: Option<String>,
    /// The commune's deadline while it checks the dossier, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub overdue: bool,
    /// Whether the caller's role has a step to take on it now.
    pub awaits_caller: bool,
}

/// The producer behind a dossier, as staff need to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierProducer {
    pub name: String,
    pub kind: String,
    pub tax_code: Option<String>,
    pub legal_representative: Option<String>,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A dossier as staff review it: what the producer filed, where, by when, and what the caller
/// may do with it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffDossier {
    pub detail: DossierDetail,
    pub producer: DossierProducer,
    pub commune_name: String,
    pub province_name: String,
    pub submitted_on: Option<String>,
    pub deadline: Option<String>,
    pub overdue: bool,
    pub commune_review: CommuneReview,
    /// The steps the caller's role may take now.
    pub actions: Vec<DossierAction>,
    /// The caller's role, so the screen shows the forms that role fills.
    pub caller_role: Role,
}
