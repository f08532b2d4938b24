//! Types that cross the wire between server functions and screens. They carry only what a
//! screen shows: no internal keys, no secrets.

use serde::{Deserialize, Serialize};

use crate::domain::CertificateStatus;

/// One product as a catalog card shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSummary {
    pub id: i64,
    pub name: String,
    pub producer_name: String,
    pub province_name: String,
    /// The address exactly as the source wrote it (often with pre-2025 district names).
    pub address_as_written: String,
    pub stars: u8,
    pub subgroup_name: Option<String>,
    pub recognized_year: i32,
    pub criteria_set: String,
    /// `None` when the source gave no decision date or expiry, so validity cannot be known.
    pub status: Option<CertificateStatus>,
    /// The last day the certificate is valid (ISO date).
    pub valid_until: Option<String>,
}

/// One page of catalog results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPage {
    pub total: u64,
    pub items: Vec<ProductSummary>,
    /// A sentence about how the query was read (for example, shortened), if anything changed.
    pub note_vi: Option<String>,
}
