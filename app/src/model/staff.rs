use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::domain::{
    CertificateRecord, Choices, CommuneReview, CouncilResult, DossierAction, DossierKind, DossierState, FieldChange,
    NoteKind, ProducerRecord, ProductPhoto, ProductRecord, RevocationFinding, RevocationGround, Role, RoundMode,
    ScoreSheet, Seat,
};

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
    /// Whether the caller holds a scoring seat of the council scoring it now: their inbox leads
    /// straight to their score sheet.
    #[serde(default)]
    pub scores_it: bool,
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
    /// The council's state once the dossier is in a round.
    pub council: Option<CouncilPanel>,
    /// Open rounds of the province the dossier may be put in (for the province officer while
    /// it reviews the dossier).
    pub open_rounds: Vec<RoundSummary>,
    /// Advisory opinions, site visits and lab-test requests, oldest first.
    pub notes: Vec<DossierNote>,
    /// Whether the caller may add one now.
    pub may_note: bool,
}

/// A note the province's people recorded on a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierNote {
    pub kind: NoteKind,
    pub body: String,
    pub by: Option<String>,
    /// Vietnam time, `YYYY-MM-DD HH:MM`.
    pub at: String,
}

/// An evaluation round as the province's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: i64,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub closed: bool,
    pub dossiers: i64,
    pub seats: i64,
    pub mode: RoundMode,
}

/// Someone seated in a round, or who could be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatHolder {
    pub account_id: i64,
    pub display_name: String,
    pub role: Role,
    /// The seat taken; `None` for a candidate not seated yet.
    pub seat: Option<Seat>,
}

/// A round with its council, its dossiers, and what may still be added to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDetail {
    pub round: RoundSummary,
    pub seated: Vec<SeatHolder>,
    /// Council staff of the province not seated yet.
    pub candidates: Vec<SeatHolder>,
    pub dossiers: Vec<InboxRow>,
    /// Dossiers the province is reviewing that are in no round yet.
    pub unassigned: Vec<InboxRow>,
    /// Whether the caller may change the round (the province officer, while it is open).
    pub editable: bool,
    /// Whether the caller may close it (its chair or the province officer, while open).
    pub closable: bool,
    /// Every seat given or taken back, oldest first.
    pub seat_changes: Vec<SeatChange>,
    /// When the round ends after the day its term must close by (Art. 5), the warning.
    #[serde(default)]
    pub calendar_warning: Option<String>,
}

/// A council's rounds, and what the form for a new one proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundsView {
    pub rounds: Vec<RoundSummary>,
    /// The law's calendar for the caller's council, in words.
    pub calendar: Option<String>,
    /// The dates of the term being filled now, `YYYY-MM-DD`: proposed for a new round.
    pub proposed_starts_on: Option<String>,
    pub proposed_ends_on: Option<String>,
}

/// A seat given (`seat`) or taken back (`None`) in a round, by whom and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatChange {
    pub display_name: String,
    pub seat: Option<Seat>,
    pub by: String,
    /// Vietnam time, `YYYY-MM-DD HH:MM`.
    pub at: String,
}

/// A council member's own sheet for one dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilSheetView {
    pub dossier_id: i64,
    pub product_name: String,
    pub round_name: String,
    pub seat: Seat,
    pub sheet: ScoreSheet,
    pub choices: Choices,
    /// Notes beside criteria, by criterion code.
    pub notes: BTreeMap<String, String>,
    pub version: i64,
    pub submitted: bool,
    /// Scoring is over for this dossier (closed, or the round is): the sheet is read-only.
    pub closed: bool,
}

/// One member's sheet as the council panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSheet {
    pub account_id: i64,
    pub display_name: String,
    pub seat: Seat,
    pub submitted: bool,
    /// The total, shown once the sheet is submitted.
    pub total: Option<u32>,
    /// More than 10 points from another submitted sheet.
    pub far_apart: bool,
}

/// The council's state on a dossier: who has scored, the totals, the result so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilPanel {
    pub round_id: i64,
    pub round_name: String,
    /// Seats that score (chair and members).
    pub scoring_seats: usize,
    pub sheets: Vec<MemberSheet>,
    /// The result over the submitted sheets, once any is.
    pub result: Option<CouncilResult>,
    /// The caller's own seat in the round, if any.
    pub caller_seat: Option<Seat>,
    /// Whether the caller sees the other members' totals (the chair and the province officer
    /// always; a member once their own sheet is submitted).
    pub sees_totals: bool,
    /// Every seat given or taken back in the round, oldest first.
    pub seat_changes: Vec<SeatChange>,
}

/// The certificate a dossier's decision issued, as its catalog product records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    pub catalog_product_id: i64,
    /// The product's page in the public catalog.
    pub catalog_href: String,
    pub certificate_number: String,
    pub product_code: String,
    /// The code printed as a QR code on the stamps.
    pub stamp_code: String,
    pub stars: u8,
    pub decision_number: String,
    /// `YYYY-MM-DD`.
    pub decision_date: String,
    /// The last day it is valid, when known.
    pub valid_until: Option<crate::domain::ValidUntil>,
    pub revoked_on: Option<String>,
    pub revocation_ground: Option<RevocationGround>,
}

/// One edit of a record: the version it made, when, by whom, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub version: i64,
    /// Vietnam time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub by: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// A catalog product as an officer edits it, with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRecordView {
    pub id: i64,
    /// The product's page in the public catalog.
    pub public_href: String,
    pub record: ProductRecord,
    pub version: i64,
    pub producer_name: String,
    pub province_name: String,
    pub certificate_number: Option<String>,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
    /// Oldest first, as the product page shows them.
    pub photos: Vec<ProductPhoto>,
    /// Why it was deleted, when an officer took it out of the catalog.
    pub deletion_reason: Option<String>,
    pub certificate: CertificateRecord,
    pub producer_id: i64,
    /// The record of the newer rating that replaced this one, if any.
    pub superseded_by: Option<i64>,
    /// The platform issued the certificate from a council's result (rather than a list
    /// imported from paper decisions): its stars and number are fixed.
    pub issued_here: bool,
    /// Its certificate's revocation, once revoked: the history's entry for it, which says it in
    /// the reader's language.
    pub revocation: Option<FieldChange>,
    /// Whether the caller may revoke its certificate: the authority that issued it.
    pub caller_revokes: bool,
    /// A finding awaiting its revocation decision, with the day the law gives for it (Art. 8).
    #[serde(default)]
    pub finding: Option<RevocationFinding>,
    /// Whether that day has passed.
    #[serde(default)]
    pub finding_overdue: bool,
}

/// A producer as an officer corrects it, with its history and its products in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerRecordView {
    pub id: i64,
    pub record: ProducerRecord,
    pub version: i64,
    pub province_name: String,
    /// The producer files in the portal and keeps its own profile there: not edited here.
    pub files_in_portal: bool,
    /// Its products in the catalog: the record's id and the name.
    pub products: Vec<(i64, String)>,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
}

/// A product an officer deleted, as the list of deleted records shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedRecord {
    pub id: i64,
    pub name: String,
    pub producer_name: String,
    pub province_name: String,
    pub reason: String,
    pub deleted_at: String,
    pub deleted_by: Option<String>,
}
