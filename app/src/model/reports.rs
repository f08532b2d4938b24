//! The back office's reports: what is certified within an officer's reach, where the dossiers
//! stand, and which certificates end soon.

use serde::{Deserialize, Serialize};

use super::Count;
use crate::domain::DossierState;

/// The longest look ahead for ending certificates: a whole validity (36 months) and a margin.
pub const MAX_EXPIRING_DAYS: u32 = 1200;
/// What the reports page looks ahead by default: the re-rating window opens 180 days before.
pub const DEFAULT_EXPIRING_DAYS: u32 = 180;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reports {
    /// The day the figures are for (ISO).
    pub as_of: String,
    /// Products in force or of unknown validity, counted four ways.
    pub by_stars: Vec<Count>,
    pub by_subgroup: Vec<Count>,
    pub by_commune: Vec<Count>,
    pub by_year: Vec<Count>,
    /// Submitted dossiers by the step they are at, with how many are past its deadline.
    pub steps: Vec<StepCount>,
    pub expiring_days: u32,
    /// Certificates ending within `expiring_days`, soonest first.
    pub expiring: Vec<EndingCertificate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    pub state: DossierState,
    pub dossiers: u64,
    /// Past the step's legal deadline (only the commune's review has one: 15 working days).
    pub overdue: u64,
    /// Certified, but the certificate has been revoked since: not certified today.
    #[serde(default)]
    pub revoked: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingCertificate {
    pub product_id: i64,
    /// The product's page in the public catalog.
    pub href: String,
    pub product_name: String,
    pub producer_name: String,
    pub commune_name: Option<String>,
    pub stars: u8,
    pub certificate_number: Option<String>,
    /// The last day it is valid.
    pub valid_until: crate::domain::ValidUntil,
}
