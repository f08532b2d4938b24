//! A certificate's facts as the catalog record keeps them (stars, score, decision, certificate
//! number, last valid day), corrected by an officer from the paper decision. A certificate the
//! platform issued from a council's result keeps the council's stars, its score and the number it
//! was given, and its
//! last valid day always follows the decision date (36 months, [`ValidUntil::for_decision`]).

use crate::language::{Language, Said};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::certificate::ValidUntil;
use super::producer::{FieldError, Refusals};
use super::record::{changed_fields, FieldChange};
use super::score::Score;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRecord {
    pub stars: u8,
    /// The score the decision states, when known; it must reach the stars.
    #[serde(default)]
    pub score: Option<Score>,
    pub decision_number: String,
    /// ISO date, or empty when the decision is not known.
    pub decision_date: String,
    pub certificate_number: String,
    /// The last day it is valid (ISO), or empty when not known: a [`ValidUntil`], kept as typed
    /// for the form. The field keeps the stored column's name.
    pub expires_on: String,
}

/// The longest decision or certificate number kept, in characters.
const MAX_NUMBER: usize = 100;

/// A date as a date input sends it (2024-12-31) or as typed where there is none (31/12/2024).
fn date(text: &str, field: &'static str) -> Result<Option<NaiveDate>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map(Some)
        .map_err(|_| {
            let said = Said::with(
                "“{text}” không phải là ngày: hãy chọn ngày, hoặc viết dạng 31/12/2024.",
                &[("text", &text)],
            );
            FieldError::new(field, said)
        })
}

fn number(text: &str, field: &'static str) -> Result<String, FieldError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_NUMBER {
        return Err(FieldError::new(field, Said::with("Dài quá {max} ký tự.", &[("max", &MAX_NUMBER)])));
    }
    Ok(text)
}

impl CertificateRecord {
    /// The fields, with their Vietnamese labels, in form order.
    pub const FIELDS: [(&'static str, &'static str); 6] = [
        ("stars", "Hạng sao"),
        ("score", "Điểm"),
        ("decision_number", "Số quyết định"),
        ("decision_date", "Ngày quyết định"),
        ("certificate_number", "Số giấy chứng nhận"),
        ("expires_on", "Hiệu lực đến ngày"),
    ];

    /// Checks the fields as typed. A last valid day left empty after a known decision date is
    /// the legal one, 36 months on.
    pub fn parse(
        stars: &str,
        score: &str,
        decision_number: &str,
        decision_date: &str,
        certificate_number: &str,
        expiry: &str,
        today: NaiveDate,
    ) -> Result<Self, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let stars = refusals.check(match stars.trim().parse::<u8>() {
            Ok(stars @ 3..=5) => Ok(stars),
            _ => Err(FieldError::new("stars", Said::text("Hạng sao phải là 3, 4 hoặc 5."))),
        });
        let score = match score.trim() {
            "" => Ok(None),
            written => Score::parse(written).map(Some).map_err(|refusal| {
                let said = |language: Language| {
                    language.tr_with(
                        "“{written}” không hợp lệ: {why}",
                        &[("written", &written), ("why", &refusal.message(language))],
                    )
                };
                FieldError::new("score", Said::new(said))
            }),
        };
        let score = refusals.check(score.and_then(|score| match (score, stars) {
            (Some(score), Some(stars)) if score.band().get() < stars => {
                let band = score.band().get();
                let said = |language: Language| {
                    language.tr_with(
                        "{score} điểm chỉ đạt hạng {band} sao, không thể xếp {stars} sao.",
                        &[("score", &score.text(language)), ("band", &band), ("stars", &stars)],
                    )
                };
                Err(FieldError::new("score", Said::new(said)))
            }
            _ => Ok(score),
        }));
        let decision_number = refusals.check(number(decision_number, "decision_number"));
        let decided = refusals.check(date(decision_date, "decision_date").and_then(|decided| match decided {
            Some(day) if day > today => {
                Err(FieldError::new("decision_date", Said::text("Ngày quyết định không thể sau hôm nay.")))
            }
            _ => Ok(decided),
        }));
        let certificate_number = refusals.check(number(certificate_number, "certificate_number"));
        let expiry = refusals.check(date(expiry, "expires_on").and_then(|expiry| match (expiry, decided.flatten()) {
            (Some(expiry), Some(decided)) if expiry <= decided => {
                Err(FieldError::new("expires_on", Said::text("Ngày hiệu lực đến phải sau ngày quyết định.")))
            }
            (None, Some(decided)) => Ok(Some(ValidUntil::for_decision(decided).last_valid_day())),
            (expiry, _) => Ok(expiry),
        }));
        let made = (|| {
            Some(CertificateRecord {
                stars: stars?,
                score: score?,
                decision_number: decision_number?,
                decision_date: decided?.map(|d| d.to_string()).unwrap_or_default(),
                certificate_number: certificate_number?,
                expires_on: expiry?.map(|d| d.to_string()).unwrap_or_default(),
            })
        })();
        refusals.outcome(made)
    }

    /// For a certificate the platform issued: the council's stars and the issued number stay,
    /// the decision date stays known, and the expiry follows it.
    pub fn as_issued(mut self, issued: &CertificateRecord) -> Result<Self, FieldError> {
        if self.stars != issued.stars
            || self.score != issued.score
            || self.certificate_number != issued.certificate_number
        {
            return Err(FieldError::new(
                "stars",
                Said::text(
                    "Hạng sao, điểm và số giấy chứng nhận do Hội đồng và hệ thống cấp theo quyết định, không sửa ở \
                     đây; hãy đánh giá lại hoặc thu hồi nếu cần.",
                ),
            ));
        }
        let Ok(decided) = NaiveDate::parse_from_str(&self.decision_date, "%Y-%m-%d") else {
            return Err(FieldError::new(
                "decision_date",
                Said::text("Giấy chứng nhận do hệ thống cấp phải có ngày quyết định."),
            ));
        };
        self.expires_on = ValidUntil::for_decision(decided).to_string();
        Ok(self)
    }

    pub fn get(&self, field: &str) -> String {
        match field {
            "stars" => self.stars.to_string(),
            "score" => self.score.map(Score::text_vi).unwrap_or_default(),
            "decision_number" => self.decision_number.clone(),
            "decision_date" => self.decision_date.clone(),
            "certificate_number" => self.certificate_number.clone(),
            "expires_on" => self.expires_on.clone(),
            _ => String::new(),
        }
    }

    /// The fields that differ in `after`, in form order.
    pub fn changes_to(&self, after: &CertificateRecord) -> Vec<FieldChange> {
        changed_fields(&Self::FIELDS, |f| self.get(f), |f| after.get(f))
    }

    /// The Vietnamese label of a field, or `None` for a field of another record.
    pub fn label(field: &str) -> Option<&'static str> {
        Self::FIELDS.iter().find(|(f, _)| *f == field).map(|(_, label)| *label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn a_certificate_is_checked_field_by_field() {
        let ok = CertificateRecord::parse("4", "", " 123/QĐ-UBND ", "14/03/2025", "GCN-48-001", "", today()).unwrap();
        assert_eq!(
            ok,
            CertificateRecord {
                stars: 4,
                score: None,
                decision_number: "123/QĐ-UBND".into(),
                decision_date: "2025-03-14".into(),
                certificate_number: "GCN-48-001".into(),
                expires_on: "2028-03-14".into(),
            },
            "the legal expiry when none is written"
        );
        let kept = CertificateRecord::parse("3", "", "", "2025-03-14", "", "2027-12-31", today()).unwrap();
        assert_eq!(kept.expires_on, "2027-12-31", "an expiry written on the paper is kept");
        assert_eq!(CertificateRecord::parse("5", "", "", "", "", "", today()).unwrap().expires_on, "");
        let long = "x".repeat(MAX_NUMBER + 1);
        let cases = [
            ("2", "", "", "", "", "stars"),
            ("năm", "", "", "", "", "stars"),
            ("4", &long as &str, "", "", "", "decision_number"),
            ("4", "", "31/02/2025", "", "", "decision_date"),
            ("4", "", "2026-11-30", "", "", "decision_date"),
            ("4", "", "", &long as &str, "", "certificate_number"),
            ("4", "", "2025-03-14", "", "2025-03-14", "expires_on"),
            ("4", "", "", "", "mai", "expires_on"),
        ];
        for (stars, decision, decided, number, expiry, field) in cases {
            let refused = CertificateRecord::parse(stars, "", decision, decided, number, expiry, today()).unwrap_err();
            let fields: Vec<_> = refused.iter().map(|r| r.field).collect();
            assert_eq!(fields, [field], "{stars} {decision} {decided} {number} {expiry}");
        }
        // Every refused field at once, in the form's order.
        let refused = CertificateRecord::parse("2", "abc", &long, "2026-11-30", &long, "mai", today()).unwrap_err();
        let fields: Vec<_> = refused.iter().map(|r| r.field).collect();
        assert_eq!(fields, ["stars", "score", "decision_number", "decision_date", "certificate_number", "expires_on"]);
    }

    #[test]
    fn a_score_is_kept_to_the_hundredth_and_must_reach_the_stars() {
        // (stars, score as typed, hundredths kept or the field refused)
        let cases = [
            ("4", "", Ok(None)),
            ("4", "89,67", Ok(Some(8967))),
            ("4", "72.1", Ok(Some(7210))),
            ("5", "90", Ok(Some(9000))),
            ("4", "69,99", Err("score")),
            ("5", "89,99", Err("score")),
            ("4", "72,1,0", Err("score")),
            ("4", "72,123", Err("score")),
        ];
        for (stars, score, expected) in cases {
            let parsed = CertificateRecord::parse(stars, score, "", "", "", "", today());
            let parsed = parsed.map(|record| record.score.map(Score::hundredths)).map_err(|refused| refused[0].field);
            assert_eq!(parsed, expected, "{stars} {score}");
        }
        let refused = CertificateRecord::parse("4", "69,99", "", "", "", "", today()).unwrap_err();
        let said = &refused[0].message;
        assert_eq!(said.in_language(Language::Vi), "69,99 điểm chỉ đạt hạng 3 sao, không thể xếp 4 sao.");
        // The score as the reader writes it.
        assert!(said.in_language(Language::En).contains("69.99 only reaches 3 stars"), "{said:?}");
        let refused = CertificateRecord::parse("4", "72,123", "", "", "", "", today()).unwrap_err();
        let said = &refused[0].message;
        assert!(said.in_language(Language::Vi).starts_with("“72,123” không hợp lệ: "), "{said}");
        assert!(said.in_language(Language::En).starts_with("“72,123” is not valid: "), "{said}");
    }

    #[test]
    fn an_issued_certificate_keeps_the_councils_stars_and_its_number() {
        let issued = CertificateRecord::parse("4", "", "12/QĐ", "2025-03-14", "GCN-1", "", today()).unwrap();
        let corrected = CertificateRecord { decision_number: "12/QĐ-UBND".into(), ..issued.clone() };
        assert_eq!(corrected.clone().as_issued(&issued).unwrap(), corrected);
        let moved =
            CertificateRecord { decision_date: "2025-04-01".into(), expires_on: "2030-01-01".into(), ..issued.clone() };
        assert_eq!(moved.as_issued(&issued).unwrap().expires_on, "2028-04-01", "the expiry follows the decision");
        for changed in [
            CertificateRecord { stars: 5, ..issued.clone() },
            CertificateRecord { certificate_number: "GCN-2".into(), ..issued.clone() },
            CertificateRecord { score: Score::from_hundredths(7500), ..issued.clone() },
        ] {
            assert_eq!(changed.as_issued(&issued).unwrap_err().field, "stars");
        }
        let undated = CertificateRecord { decision_date: String::new(), ..issued.clone() };
        assert_eq!(undated.as_issued(&issued).unwrap_err().field, "decision_date");
    }

    #[test]
    fn changes_name_each_field_that_differs() {
        let before = CertificateRecord::parse("3", "", "", "", "", "", today()).unwrap();
        let after = CertificateRecord::parse("4", "71,1", "9/QĐ", "", "", "", today()).unwrap();
        let changes: Vec<(String, String, String)> =
            before.changes_to(&after).into_iter().map(|c| (c.field, c.before, c.after)).collect();
        assert_eq!(
            changes,
            [
                ("stars".into(), "3".into(), "4".into()),
                ("score".into(), String::new(), "71,10".into()),
                ("decision_number".into(), String::new(), "9/QĐ".into())
            ]
        );
    }
}
