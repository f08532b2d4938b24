use serde::{Deserialize, Serialize};

use crate::domain::{Choices, DocumentKind, DossierKind, DossierState, ScoreSheet};

/// A product registered in the portal, with its dossiers, as the producer's list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalProduct {
    pub id: i64,
    pub name: String,
    pub subgroup_code: String,
    pub subgroup_name: String,
    pub description: Option<String>,
    pub dossiers: Vec<DossierSummary>,
    /// The certificate in the catalog, once a decision has issued one.
    pub certificate: Option<PortalCertificate>,
}

/// A portal product's certificate as its producer follows it: validity, the re-rating window
/// and the stamps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalCertificate {
    pub catalog_product_id: i64,
    pub stars: u8,
    pub certificate_number: String,
    /// The last day it is valid.
    pub valid_until: crate::domain::ValidUntil,
    pub status: crate::domain::CertificateStatus,
    /// The re-rating window, `YYYY-MM-DD`: dossiers are filed 180 to 120 days before expiry.
    pub rerating_opens_on: String,
    pub rerating_closes_on: String,
    pub rerating_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierSummary {
    pub id: i64,
    pub kind: DossierKind,
    pub state: DossierState,
    /// When it was opened, as `YYYY-MM-DD`.
    pub opened_on: String,
    /// Scored criteria of its self-assessment not answered yet.
    #[serde(default)]
    pub unanswered: u32,
    /// Documents attached.
    #[serde(default)]
    pub documents: u32,
}

/// A subgroup to register a product under, grouped for the chooser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubgroupChoice {
    pub code: String,
    pub name: String,
    pub industry: String,
}

/// One dossier with everything its self-assessment form needs: the product's score sheet and
/// the choices saved so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierDetail {
    pub id: i64,
    pub product_name: String,
    pub kind: DossierKind,
    pub state: DossierState,
    pub sheet: ScoreSheet,
    pub choices: Choices,
    /// The version the choices were read at; a save names it, and a newer one refuses the save.
    pub version: i64,
    /// Every step so far, oldest first.
    pub timeline: Vec<TimelineStep>,
    /// The documents attached, oldest first.
    pub evidence: Vec<EvidenceItem>,
    /// The council's result, once scoring has closed.
    pub council_result: Option<crate::domain::CouncilResult>,
    /// The certificate the decision issued, if it did.
    pub certificate: Option<super::IssuedCertificate>,
}

/// One document attached to a dossier; its bytes are served only to the producer's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: i64,
    pub kind: DocumentKind,
    /// The name it had on the producer's device, for display only.
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub uploaded_at: String,
    /// An image with a small copy at `/tai-lieu/{id}/anh-nho`.
    pub thumbnail: bool,
    /// Codes of the criteria it supports, in the order of the sheet's codes.
    pub criteria: Vec<String>,
}

/// One step of a dossier's path: the state it entered, when, by whom, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub state: DossierState,
    /// Vietnam time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub by: Option<String>,
    pub comment: Option<String>,
}

/// How a self-assessment travels in a form: one radio group per criterion, named
/// `choices[c1.2]`. The `c` keeps the key from reading as a list index ("1.2" would).
pub type ChoiceFields = std::collections::BTreeMap<String, usize>;

/// The form key of a criterion.
pub fn choice_field(criterion_code: &str) -> String {
    format!("c{criterion_code}")
}

pub fn choices_to_fields(choices: &Choices) -> ChoiceFields {
    choices.iter().map(|(code, option)| (choice_field(code), option)).collect()
}

/// Keys without the prefix are kept as they are, so the engine names them as unknown criteria.
pub fn choices_from_fields(fields: ChoiceFields) -> Choices {
    unprefixed(fields).collect()
}

/// Form keys back to criterion codes.
fn unprefixed<V>(fields: std::collections::BTreeMap<String, V>) -> impl Iterator<Item = (String, V)> {
    fields.into_iter().map(|(key, value)| (key.strip_prefix('c').map(str::to_string).unwrap_or(key), value))
}

/// Notes beside criteria travel like choices, as `notes[c1.2]`.
pub fn notes_from_fields(
    fields: std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    unprefixed(fields).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_form_keys() {
        let mut choices = Choices::new();
        choices.choose("1", 0).choose("1.2", 2).choose("3.1.4", 1);
        let fields = choices_to_fields(&choices);
        assert_eq!(fields.keys().cloned().collect::<Vec<_>>(), vec!["c1", "c1.2", "c3.1.4"]);
        assert_eq!(choices_from_fields(fields), choices);
    }
}

/// What a sheet of stamps prints for a certified product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StampSheet {
    pub product_name: String,
    pub producer_name: String,
    pub stars: u8,
    pub certificate_number: String,
    /// The last day it is valid.
    pub valid_until: crate::domain::ValidUntil,
    pub stamp_code: String,
    pub status: crate::domain::CertificateStatus,
    /// What the printable certificate adds to the stamps.
    pub product_code: Option<String>,
    pub subgroup_name: Option<String>,
    pub address_as_written: String,
    pub province_name: String,
    pub decision_number: Option<String>,
    /// ISO date.
    pub decision_date: String,
}
