use serde::{Deserialize, Serialize};

#[cfg(not(feature = "hydrate"))]
use crate::domain::slug;
use crate::domain::{CertificateStatus, PointOfSale, ProductPhoto, Score, ValidUntil};
use crate::language::Language;

/// One product as a catalog card shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProductSummary {
    pub id: i64,
    pub name: String,
    /// Its page on this site, e.g. `/san-pham/12-mat-ong-bana-bee` (from `product_href`).
    pub href: String,
    pub producer_name: String,
    pub province_name: String,
    /// The address exactly as the source wrote it (often with pre-2025 district names).
    pub address_as_written: String,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub stars: u8,
    /// The council's score to the hundredth (`89.67`, `90`), when the rating recorded one.
    #[serde(default)]
    pub score: Option<Score>,
    pub subgroup_name: Option<String>,
    /// Its subgroup's code (its score sheet's), which picks the card's drawing when it has no photo.
    #[serde(default)]
    pub subgroup_code: Option<String>,
    pub recognized_year: i32,
    pub criteria_set: String,
    /// `None` when the source gave no dates, so validity cannot be known.
    pub status: Option<CertificateStatus>,
    /// The last day the certificate is valid (an ISO date in JSON); `None` when not known.
    pub valid_until: Option<ValidUntil>,
    /// Past `valid_until`, the last day the certificate stays in force because its holder filed
    /// re-rating in time and the decision is pending (Art. 12.3 of Decision 26/2026): "valid
    /// pending re-rating until". `None` otherwise.
    #[serde(default)]
    pub pending_rerating_until: Option<ValidUntil>,
    /// Its first photo, for the card.
    pub photo: Option<ProductPhoto>,
}

/// `/san-pham/12-mat-ong-bana-bee`: the id finds the product, the words are for people.
///
/// Links are made on the server and sent with what they point at: folding a name takes the
/// Unicode tables, which a phone need not download for a catalog.
#[cfg(not(feature = "hydrate"))]
pub fn product_href(id: i64, name: &str) -> String {
    format!("/san-pham/{id}-{}", slug(name))
}

#[cfg(not(feature = "hydrate"))]
pub fn producer_href(id: i64, name: &str) -> String {
    format!("/chu-the/{id}-{}", slug(name))
}

pub fn stamp_href(code: &str) -> String {
    format!("/xac-thuc/{code}")
}

/// The id at the start of a `12-some-words` path segment.
pub fn id_from_segment(segment: &str) -> Option<i64> {
    let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|id| *id > 0)
}

/// Everything the product page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    pub summary: ProductSummary,
    pub producer_id: i64,
    /// The producer's page on this site (from `producer_href`).
    pub producer_href: String,
    pub producer_kind: Option<String>,
    /// The same as `summary.score`; kept here, where readers of a product found it first.
    pub score: Option<Score>,
    pub group_name: Option<String>,
    pub industry_name: Option<String>,
    pub commune_name: Option<String>,
    pub province_as_written: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub certificate_number: Option<String>,
    pub revoked_on: Option<String>,
    /// The ground of a revocation, in Vietnamese, and its code (see `RevocationGround`).
    pub revocation_ground: Option<String>,
    #[serde(default)]
    pub revocation_ground_code: Option<String>,
    pub description: Option<String>,
    /// Where to buy it, in the order its record lists them.
    pub points_of_sale: Vec<PointOfSale>,
    /// Oldest first.
    pub photos: Vec<ProductPhoto>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub stamp_code: String,
}

/// A producer and its products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProducerDetail {
    pub id: i64,
    pub name: String,
    /// Its page on this site (from `producer_href`).
    pub href: String,
    pub kind: Option<String>,
    pub province_name: String,
    pub address_as_written: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub products: Vec<ProductSummary>,
}

/// The answer of the public stamp check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StampCheck {
    pub code: String,
    pub product: ProductSummary,
    pub certificate_number: Option<String>,
    pub revoked_on: Option<String>,
    pub revocation_ground: Option<String>,
    #[serde(default)]
    pub revocation_ground_code: Option<String>,
}

/// A revocation's ground for a reader of `language`: from its code when known, else as recorded.
pub fn revocation_ground_text(code: Option<&str>, recorded: Option<&str>, language: Language) -> Option<String> {
    match code.and_then(crate::domain::RevocationGround::from_code) {
        Some(ground) => Some(ground.label(language).to_string()),
        None => recorded.map(str::to_owned),
    }
}

/// A producer kind's name in `language`, from its code.
pub fn producer_kind_name(kind: &str, language: Language) -> &'static str {
    match crate::domain::ProducerKind::from_code(kind) {
        Some(kind) => kind.name(language),
        None => language.tr("Chủ thể khác"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RevocationGround;

    #[test]
    fn revocation_grounds_read_in_either_language() {
        // (code, ground as recorded, reader's language, what the reader sees)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Language, Option<&'a str>);
        let cases: &[Case] = &[
            (Some("misuse_of_mark"), Some("Sử dụng sai nhãn"), Language::En, Some("Misuse of the OCOP mark")),
            (Some("misuse_of_mark"), None, Language::Vi, Some(RevocationGround::MisuseOfMark.label_vi())),
            (Some("an_old_code"), Some("as recorded"), Language::En, Some("as recorded")),
            (None, None, Language::En, None),
        ];
        for (code, recorded, language, expected) in cases {
            assert_eq!(revocation_ground_text(*code, *recorded, *language).as_deref(), *expected, "{code:?}");
        }
    }

    #[test]
    fn paths_carry_ids_and_words() {
        assert_eq!(product_href(12, "Mật ong Bana Bee"), "/san-pham/12-mat-ong-bana-bee");
        let segments = [
            ("12-mat-ong", Some(12)),
            ("7", Some(7)),
            ("0-x", None),
            ("abc", None),
            ("", None),
            ("99999999999999999999", None),
        ];
        for (segment, id) in segments {
            assert_eq!(id_from_segment(segment), id, "{segment}");
        }
    }
}
