//! Disqualification: a dossier failing one of its score sheet's grounds is excluded before any
//! scoring ("Hồ sơ bị loại khi…", printed at the head of each sheet of criteria set 26/2026).

use std::fmt;

use super::coded::coded_enum;
use super::criteria::ScoreSheet;
use super::staff::MAX_REVIEW_TEXT;
use crate::language::Language;

coded_enum! {
    /// The grounds on which the score sheets exclude a dossier.
    pub enum Disqualifier {
        /// Forged documents.
        ForgedDocuments,
        /// The conditions the product's trade requires are not met: the food-safety facility
        /// certificate, GMP, the production licence, the product declaration, as the sheet says.
        ProductionConditions,
        /// The registration documents are not as the rules require.
        Registration,
    }
}

/// Words by which a sheet's text names conditions of production (folded to lower case).
const PRODUCTION_CONDITION_WORDS: [&str; 5] =
    ["an toàn thực phẩm", "gmp", "giấy phép sản xuất", "điều kiện bắt buộc", "bản công bố"];

/// The shortest reason that tells the producer what failed.
pub const MIN_DISQUALIFICATION_REASON: usize = 10;

impl Disqualifier {
    pub fn label_vi(self) -> &'static str {
        match self {
            Disqualifier::ForgedDocuments => "Giả mạo hồ sơ",
            Disqualifier::ProductionConditions => {
                "Không đáp ứng điều kiện sản xuất theo quy định (an toàn thực phẩm, GMP, giấy phép, bản công bố)"
            }
            Disqualifier::Registration => "Không đáp ứng về hồ sơ đăng ký theo quy định",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("Disqualifier", self.label_vi())
    }

    /// The grounds on which a dossier scored on `sheet` may be excluded. Forged documents and
    /// the registration are grounds for every dossier (every sheet that lists grounds names
    /// them; the two that list none, cosmetics from medicinal plants and community tourism, are
    /// held to the programme's general rule); conditions of production only where the sheet
    /// names them.
    pub fn listed_by(sheet: &ScoreSheet) -> Vec<Disqualifier> {
        let text = sheet.disqualifiers.join(" ").to_lowercase();
        let production = PRODUCTION_CONDITION_WORDS.iter().any(|words| text.contains(words));
        Disqualifier::ALL
            .into_iter()
            .filter(|ground| *ground != Disqualifier::ProductionConditions || production)
            .collect()
    }
}

/// A dossier excluded: the ground and, in the officer's words, what failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disqualification {
    pub ground: Disqualifier,
    pub reason: String,
}

/// Why a disqualification was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisqualificationError {
    /// No ground chosen, or one that is not a ground.
    GroundMissing,
    /// A ground the dossier's sheet does not list.
    GroundNotOnSheet(Disqualifier),
    ReasonMissing,
    ReasonTooLong,
}

impl Disqualification {
    /// A disqualification from the form's fields, for a dossier scored on `sheet`.
    pub fn parse(ground: &str, reason: &str, sheet: &ScoreSheet) -> Result<Self, DisqualificationError> {
        let ground = Disqualifier::from_code(ground.trim()).ok_or(DisqualificationError::GroundMissing)?;
        if !Disqualifier::listed_by(sheet).contains(&ground) {
            return Err(DisqualificationError::GroundNotOnSheet(ground));
        }
        let reason = reason.trim();
        match reason.chars().count() {
            n if n < MIN_DISQUALIFICATION_REASON => Err(DisqualificationError::ReasonMissing),
            n if n > MAX_REVIEW_TEXT => Err(DisqualificationError::ReasonTooLong),
            _ => Ok(Disqualification { ground, reason: reason.to_string() }),
        }
    }

    /// What the timeline keeps and the producer is told (the reason as the officer wrote it).
    pub fn comment(&self, language: Language) -> String {
        language.tr_with(
            "Hồ sơ bị loại, không chấm điểm: {ground}. Lý do: {reason}",
            &[("ground", &self.ground.label(language)), ("reason", &self.reason)],
        )
    }
}

impl DisqualificationError {
    /// The form field the problem belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Self::GroundMissing | Self::GroundNotOnSheet(_) => "ground",
            Self::ReasonMissing | Self::ReasonTooLong => "reason",
        }
    }

    /// The refusal in `language`, the ground named in it too.
    pub fn message(&self, language: Language) -> String {
        match self {
            Self::GroundMissing => language.tr("Hãy chọn căn cứ loại hồ sơ.").to_string(),
            Self::GroundNotOnSheet(ground) => language.tr_with(
                "Phiếu chấm của sản phẩm này không có căn cứ \"{ground}\"; hãy chọn căn cứ khác.",
                &[("ground", &ground.label(language))],
            ),
            Self::ReasonMissing => language.tr_with(
                "Hãy ghi rõ điều không đáp ứng (ít nhất {min} ký tự) để chủ thể biết vì sao.",
                &[("min", &MIN_DISQUALIFICATION_REASON)],
            ),
            Self::ReasonTooLong => {
                language.tr_with("Nội dung dài quá {max} ký tự; hãy rút gọn.", &[("max", &MAX_REVIEW_TEXT)])
            }
        }
    }
}

/// In English, for the back office's errors that wrap it.
impl fmt::Display for DisqualificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for DisqualificationError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::tests::sheet;

    /// Each sheet's grounds, read from its own words.
    #[test]
    fn each_sheet_lists_its_grounds() {
        use Disqualifier::*;
        const CASES: &[(&str, &[Disqualifier])] = &[
            ("mat-ong-mat-khac-tpthuc-khac", &[ForgedDocuments, ProductionConditions, Registration]),
            ("dv-du-lich-cong-dong-sinh-thai", &[ForgedDocuments, Registration]),
            ("my-pham-tu-duoc-lieu", &[ForgedDocuments, Registration]),
        ];
        for &(code, grounds) in CASES {
            assert_eq!(Disqualifier::listed_by(sheet(code)), grounds, "{code}");
        }
    }

    #[test]
    fn a_disqualification_needs_a_listed_ground_and_a_reason() {
        use DisqualificationError::*;
        let honey = sheet("mat-ong-mat-khac-tpthuc-khac");
        let tourism = sheet("dv-du-lich-cong-dong-sinh-thai");
        let reason = "Giấy chứng nhận ATTP đã hết hạn từ 2025";
        let cases: &[(&ScoreSheet, &str, &str, Result<Disqualifier, DisqualificationError>)] = &[
            (honey, "production_conditions", reason, Ok(Disqualifier::ProductionConditions)),
            (honey, " forged_documents ", reason, Ok(Disqualifier::ForgedDocuments)),
            (tourism, "production_conditions", reason, Err(GroundNotOnSheet(Disqualifier::ProductionConditions))),
            (honey, "", reason, Err(GroundMissing)),
            (honey, "<script>", reason, Err(GroundMissing)),
            (honey, "registration", "  thiếu   ", Err(ReasonMissing)),
            (honey, "registration", &"x".repeat(MAX_REVIEW_TEXT + 1), Err(ReasonTooLong)),
        ];
        for (sheet, ground, reason, expected) in cases {
            let got = Disqualification::parse(ground, reason, sheet).map(|d| d.ground);
            assert_eq!(&got, expected, "{ground:?} on {}", sheet.code);
        }
        let done = Disqualification::parse("production_conditions", reason, honey).unwrap();
        let (vietnamese, english) = (done.comment(Language::Vi), done.comment(Language::En));
        assert!(vietnamese.contains(reason) && vietnamese.contains("an toàn thực phẩm"), "{vietnamese}");
        assert!(english.contains(reason) && english.starts_with("The dossier is disqualified"), "{english}");
    }

    #[test]
    fn each_refusal_is_said_in_english_too() {
        use DisqualificationError::*;
        let ground = GroundNotOnSheet(Disqualifier::ProductionConditions);
        for err in [GroundMissing, ground, ReasonMissing, ReasonTooLong] {
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && english != vietnamese, "{err:?}: {english}");
        }
        assert_eq!(
            ground.message(Language::En),
            format!(
                "This product's score sheet has no ground \"{}\"; choose another.",
                Disqualifier::ProductionConditions.label(Language::En)
            )
        );
    }
}
