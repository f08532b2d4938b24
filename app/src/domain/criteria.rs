//! Criteria sets as data: the 26 score sheets of Decision 26/2026/QĐ-TTg (one per product
//! subgroup), the classification of products into industries and groups, and summaries of the
//! earlier sets. The types mirror `server/data/ocop-criteria-2026.json` field for field, so a
//! sheet stored as JSON in the database reads back into the same value.
//!
//! The data was typed in from a published decision, so it is checked before use: a sheet whose
//! points do not add up would make the scoring engine rate products wrongly without anyone
//! noticing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::certificate::VALIDITY_MONTHS;
use super::scoring::Stars;
use crate::language::Language;

/// The points of a whole sheet: parts A, B and C always add up to this.
pub const SHEET_MAX_POINTS: u32 = 100;

/// A whole criteria set document (`ocop-criteria-2026.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSetDoc {
    /// The decision that issued the set, e.g. "26/2026/QĐ-TTg".
    pub criteria_set: String,
    /// The full title of the set, in Vietnamese.
    pub title: String,
    /// ISO date, kept as text because it is only displayed and stored.
    pub effective_from: String,
    /// The three parts every sheet has, with their maxima.
    pub parts: Vec<PartSummary>,
    /// The least total for each rating; must match [`Stars::min_points`].
    pub star_bands: Vec<StarBand>,
    /// The lowest rating that earns a certificate; must be 3.
    pub certified_from_stars: Stars,
    /// How long a certificate is valid; must be 36.
    pub certificate_validity_months: u32,
    /// The minimum-requirement rule in words, for people reading the file.
    #[serde(default)]
    pub min_stars_rule: String,
    /// Industries → groups → sheet codes.
    pub classification: Vec<Industry>,
    /// One score sheet per product subgroup.
    pub sheets: Vec<ScoreSheet>,
    /// The sets this one replaced.
    #[serde(default)]
    pub earlier_criteria_sets: Vec<EarlierCriteriaSet>,
    /// Where the data comes from and what was corrected.
    #[serde(default)]
    pub provenance: String,
}

/// A part of the criteria set (A, B or C) as the set declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartSummary {
    /// "A", "B" or "C".
    pub code: String,
    /// The part's name in Vietnamese.
    pub name: String,
    /// The most points the part gives.
    pub max_points: u32,
}

/// The least total that earns a number of stars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarBand {
    /// The rating.
    pub stars: Stars,
    /// The least total that earns it.
    pub min_points: u32,
}

/// Ngành: an industry of the classification, with its groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Industry {
    /// Roman numeral, "I" to "VI".
    pub code: String,
    /// The industry's name in Vietnamese.
    pub name: String,
    /// The industry's product groups.
    #[serde(default)]
    pub groups: Vec<ProductGroup>,
}

/// Nhóm: a product group; each of its subgroups is scored on its own sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductGroup {
    /// The group's name in Vietnamese (groups have no official code).
    pub name: String,
    /// Codes of the group's score sheets.
    #[serde(default)]
    pub sheets: Vec<String>,
}

/// A set that came before, kept so that historical ratings can name their set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierCriteriaSet {
    /// The decision that issued the set, e.g. "148/2023/QĐ-TTg".
    pub criteria_set: String,
    /// ISO date the set took effect.
    pub effective_from: String,
    /// Part code → maximum points of that part under this set.
    pub parts: BTreeMap<String, u32>,
    /// What differed, in words.
    #[serde(default)]
    pub note: String,
}

/// Phiếu đánh giá: the score sheet of one product subgroup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreSheet {
    /// Stable slug, e.g. "mat-ong-mat-khac-tpthuc-khac".
    pub code: String,
    /// The subgroup's name in Vietnamese.
    pub name: String,
    /// Code of the industry in the classification.
    pub industry: String,
    /// Name of the group in the classification.
    pub group: String,
    /// The ministry in charge of the subgroup.
    pub managing_agency: String,
    /// Whether a sample of the product must accompany the dossier.
    pub requires_sample_product: bool,
    /// Conditions under which a dossier is rejected outright, whatever its points.
    #[serde(default)]
    pub disqualifiers: Vec<String>,
    /// Parts A, B and C.
    pub parts: Vec<SheetPart>,
}

/// One part (A, B or C) of a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetPart {
    /// "A", "B" or "C".
    pub code: String,
    /// The part's title as printed on the sheet.
    pub label: String,
    /// The most points the part gives; its top-level criteria sum to it.
    pub max_points: u32,
    /// The part's top-level criteria.
    pub criteria: Vec<Criterion>,
}

/// A criterion either offers options (it is scored) or groups sub-criteria, never both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Hierarchical code unique within the sheet: "1", "1.2", "2.1.3".
    pub code: String,
    /// The criterion as printed on the sheet.
    pub label: String,
    /// The most points the criterion gives.
    pub max_points: u32,
    /// Guidance printed with the criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sub-criteria (for a grouping criterion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
    /// The levels it can be given (for a scored criterion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ScoreOption>,
}

/// One level a scored criterion can be given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreOption {
    /// The level as printed on the sheet.
    pub label: String,
    /// The points it gives.
    pub points: u32,
    /// A product rated this many stars (or more) must have this option or one worth at least as
    /// many points in this criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_stars: Option<Stars>,
}

impl Criterion {
    /// Whether the criterion is scored directly (it offers options).
    pub fn is_scorable(&self) -> bool {
        !self.options.is_empty()
    }

    /// The most points any option gives (0 for a criterion without options).
    pub fn best_points(&self) -> u32 {
        self.options.iter().map(|option| option.points).max().unwrap_or(0)
    }
}

/// Why a sheet or a criteria set was refused at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The part maxima of a sheet do not total 100.
    PartsTotal { sheet: String, total: u32 },
    /// Two parts of a sheet share a code.
    DuplicatePart { sheet: String, part: String },
    /// A sheet's parts are not the parts the criteria set declares.
    PartsDiffer { sheet: String, expected: String, found: String },
    /// The top-level criteria of a part do not sum to the part's maximum.
    PartSum { sheet: String, part: String, sum: u32, max: u32 },
    /// The sub-criteria of a criterion do not sum to its maximum.
    ChildrenSum { sheet: String, criterion: String, sum: u32, max: u32 },
    /// The best option of a scored criterion is not worth its maximum.
    OptionMax { sheet: String, criterion: String, best: u32, max: u32 },
    /// A criterion has both options and sub-criteria.
    OptionsAndChildren { sheet: String, criterion: String },
    /// A criterion has neither options nor sub-criteria.
    EmptyCriterion { sheet: String, criterion: String },
    /// Two criteria of a sheet share a code.
    DuplicateCode { sheet: String, criterion: String },
    /// Two sheets of a criteria set share a code.
    DuplicateSheet { sheet: String },
    /// The classification names a sheet that the set does not contain.
    UnknownSheet { sheet: String },
    /// A sheet is listed in the classification zero times or more than once.
    Classification { sheet: String, times: usize },
    /// The set states a rule (bands, certification threshold, validity) that differs from the
    /// one this code applies.
    RulesMismatch { field: &'static str, found: String, expected: String },
}

impl SheetError {
    /// The fault in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            SheetError::PartsTotal { sheet, total } => language.tr_with(
                "Phiếu {sheet}: tổng điểm tối đa của các phần là {total} thay vì {max}.",
                &[("sheet", sheet), ("total", total), ("max", &SHEET_MAX_POINTS)],
            ),
            SheetError::DuplicatePart { sheet, part } => {
                language.tr_with("Phiếu {sheet}: phần {part} xuất hiện hai lần.", &[("sheet", sheet), ("part", part)])
            }
            SheetError::PartsDiffer { sheet, expected, found } => language.tr_with(
                "Phiếu {sheet}: các phần là {found} nhưng bộ tiêu chí quy định {expected}.",
                &[("sheet", sheet), ("found", found), ("expected", expected)],
            ),
            SheetError::PartSum { sheet, part, sum, max } => language.tr_with(
                "Phiếu {sheet}: các tiêu chí của phần {part} cộng lại được {sum} điểm nhưng phần này ghi tối đa \
                 {max} điểm.",
                &[("sheet", sheet), ("part", part), ("sum", sum), ("max", max)],
            ),
            SheetError::ChildrenSum { sheet, criterion, sum, max } => language.tr_with(
                "Phiếu {sheet}: các tiêu chí con của tiêu chí {criterion} cộng lại được {sum} điểm nhưng tiêu chí \
                 ghi tối đa {max} điểm.",
                &[("sheet", sheet), ("criterion", criterion), ("sum", sum), ("max", max)],
            ),
            SheetError::OptionMax { sheet, criterion, best, max } => language.tr_with(
                "Phiếu {sheet}: tiêu chí {criterion} cho nhiều nhất {best} điểm nhưng ghi tối đa {max} điểm.",
                &[("sheet", sheet), ("criterion", criterion), ("best", best), ("max", max)],
            ),
            SheetError::OptionsAndChildren { sheet, criterion } => language.tr_with(
                "Phiếu {sheet}: tiêu chí {criterion} vừa có các mức chấm vừa có tiêu chí con.",
                &[("sheet", sheet), ("criterion", criterion)],
            ),
            SheetError::EmptyCriterion { sheet, criterion } => language.tr_with(
                "Phiếu {sheet}: tiêu chí {criterion} không có mức chấm cũng không có tiêu chí con.",
                &[("sheet", sheet), ("criterion", criterion)],
            ),
            SheetError::DuplicateCode { sheet, criterion } => language.tr_with(
                "Phiếu {sheet}: mã tiêu chí {criterion} được dùng nhiều lần.",
                &[("sheet", sheet), ("criterion", criterion)],
            ),
            SheetError::DuplicateSheet { sheet } => {
                language.tr_with("Bộ tiêu chí có phiếu {sheet} nhiều lần.", &[("sheet", sheet)])
            }
            SheetError::UnknownSheet { sheet } => language
                .tr_with("Bảng phân nhóm nêu phiếu {sheet} nhưng bộ tiêu chí không có phiếu này.", &[("sheet", sheet)]),
            SheetError::Classification { sheet, times: 0 } => {
                language.tr_with("Phiếu {sheet} không thuộc nhóm nào trong bảng phân nhóm.", &[("sheet", sheet)])
            }
            // Listed once is right: a refusal counts two times or more.
            SheetError::Classification { sheet, times } => language.tr_with(
                "Phiếu {sheet} xuất hiện {times} lần trong bảng phân nhóm thay vì một lần.",
                &[("sheet", sheet), ("times", times)],
            ),
            SheetError::RulesMismatch { field, found, expected } => language.tr_with(
                "Bộ tiêu chí ghi {field} là {found} nhưng phiên bản này của hệ thống áp dụng {expected}.",
                &[("field", field), ("found", found), ("expected", expected)],
            ),
        }
    }
}

/// In English, for the server's log when the criteria set does not load.
impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for SheetError {}

/// "A 40, B 25, C 35": how parts are named in error messages.
fn describe_parts<'a>(parts: impl Iterator<Item = (&'a str, u32)>) -> String {
    parts.map(|(code, max)| format!("{code} {max}")).collect::<Vec<_>>().join(", ")
}

impl CriteriaSetDoc {
    /// Checks the whole set: the rules it states match the ones this code applies, every sheet
    /// adds up and has the set's parts, sheet codes are unique, and the classification lists
    /// every sheet exactly once and no other.
    pub fn check(&self) -> Result<(), SheetError> {
        self.check_rules()?;
        let expected_parts = describe_parts(self.parts.iter().map(|p| (p.code.as_str(), p.max_points)));
        let mut codes = HashSet::new();
        for sheet in &self.sheets {
            if !codes.insert(sheet.code.as_str()) {
                return Err(SheetError::DuplicateSheet { sheet: sheet.code.clone() });
            }
            sheet.check()?;
            let found = describe_parts(sheet.parts.iter().map(|p| (p.code.as_str(), p.max_points)));
            if found != expected_parts {
                return Err(SheetError::PartsDiffer { sheet: sheet.code.clone(), expected: expected_parts, found });
            }
        }
        // A sheet missing from the classification could never be chosen for a product, and one
        // listed twice would belong to two groups: both are data errors, not choices.
        let mut listed: HashMap<&str, usize> = HashMap::new();
        for code in self.classification.iter().flat_map(|industry| &industry.groups).flat_map(|group| &group.sheets) {
            if !codes.contains(code.as_str()) {
                return Err(SheetError::UnknownSheet { sheet: code.clone() });
            }
            *listed.entry(code.as_str()).or_default() += 1;
        }
        for sheet in &self.sheets {
            let times = listed.get(sheet.code.as_str()).copied().unwrap_or(0);
            if times != 1 {
                return Err(SheetError::Classification { sheet: sheet.code.clone(), times });
            }
        }
        Ok(())
    }

    /// The engine hard-codes the bands, the certification threshold and the validity (they are
    /// law, and the browser must not need the document to compute a rating); a document stating
    /// other values belongs to a newer rule set that this code does not implement.
    fn check_rules(&self) -> Result<(), SheetError> {
        let mut bands: Vec<(u8, u32)> = self.star_bands.iter().map(|b| (b.stars.get(), b.min_points)).collect();
        bands.sort_unstable();
        let expected: Vec<(u8, u32)> = Stars::ALL.iter().map(|s| (s.get(), s.min_points())).collect();
        // Written in signs, which read the same in every language the refusal is said in.
        let show = |bands: &[(u8, u32)]| {
            bands.iter().map(|(stars, points)| format!("{stars}★ ≥ {points}")).collect::<Vec<_>>().join(", ")
        };
        if bands != expected {
            return Err(SheetError::RulesMismatch {
                field: "star_bands",
                found: show(&bands),
                expected: show(&expected),
            });
        }
        if self.certified_from_stars != Stars::CERTIFIED_FROM {
            return Err(SheetError::RulesMismatch {
                field: "certified_from_stars",
                found: self.certified_from_stars.to_string(),
                expected: Stars::CERTIFIED_FROM.to_string(),
            });
        }
        if self.certificate_validity_months != VALIDITY_MONTHS {
            return Err(SheetError::RulesMismatch {
                field: "certificate_validity_months",
                found: self.certificate_validity_months.to_string(),
                expected: VALIDITY_MONTHS.to_string(),
            });
        }
        let total: u32 = self.parts.iter().map(|part| part.max_points).sum();
        if total != SHEET_MAX_POINTS {
            return Err(SheetError::RulesMismatch {
                field: "parts",
                found: format!("∑ {total}"),
                expected: format!("∑ {SHEET_MAX_POINTS}"),
            });
        }
        Ok(())
    }

    /// The sheet with this code.
    pub fn sheet(&self, code: &str) -> Option<&ScoreSheet> {
        self.sheets.iter().find(|sheet| sheet.code == code)
    }
}

impl ScoreSheet {
    /// Refuses a sheet whose points do not add up, whose criteria are neither scored nor
    /// grouping, or whose criterion codes repeat (choices are keyed by code). Errors name the
    /// first problem in the order of the sheet.
    pub fn check(&self) -> Result<(), SheetError> {
        let sheet = || self.code.clone();
        let total: u32 = self.parts.iter().map(|part| part.max_points).sum();
        if total != SHEET_MAX_POINTS {
            return Err(SheetError::PartsTotal { sheet: sheet(), total });
        }
        let mut part_codes = HashSet::new();
        for part in &self.parts {
            if !part_codes.insert(part.code.as_str()) {
                return Err(SheetError::DuplicatePart { sheet: sheet(), part: part.code.clone() });
            }
        }
        let mut codes = HashSet::new();
        for part in &self.parts {
            let sum = part.criteria.iter().map(|criterion| criterion.max_points).sum();
            if sum != part.max_points {
                return Err(SheetError::PartSum { sheet: sheet(), part: part.code.clone(), sum, max: part.max_points });
            }
            for criterion in part.all_criteria() {
                let code = || criterion.code.clone();
                if !codes.insert(criterion.code.as_str()) {
                    return Err(SheetError::DuplicateCode { sheet: sheet(), criterion: code() });
                }
                match (criterion.options.is_empty(), criterion.children.is_empty()) {
                    (false, false) => return Err(SheetError::OptionsAndChildren { sheet: sheet(), criterion: code() }),
                    (true, true) => return Err(SheetError::EmptyCriterion { sheet: sheet(), criterion: code() }),
                    (false, true) => {
                        let best = criterion.best_points();
                        if best != criterion.max_points {
                            return Err(SheetError::OptionMax {
                                sheet: sheet(),
                                criterion: code(),
                                best,
                                max: criterion.max_points,
                            });
                        }
                    }
                    (true, false) => {
                        let sum = criterion.children.iter().map(|child| child.max_points).sum();
                        if sum != criterion.max_points {
                            return Err(SheetError::ChildrenSum {
                                sheet: sheet(),
                                criterion: code(),
                                sum,
                                max: criterion.max_points,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Every criterion, grouping or scored, with the code of its part, in the order of the sheet
    /// (a group comes before its sub-criteria).
    pub fn criteria(&self) -> impl Iterator<Item = (&str, &Criterion)> + '_ {
        self.parts.iter().flat_map(|part| part.all_criteria().map(move |criterion| (part.code.as_str(), criterion)))
    }

    /// Every scored criterion with the code of its part, in the order of the sheet.
    pub fn scorable(&self) -> impl Iterator<Item = (&str, &Criterion)> + '_ {
        self.criteria().filter(|(_, criterion)| criterion.is_scorable())
    }

    /// The criterion (grouping or scored) with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, criterion)| criterion).find(|criterion| criterion.code == code)
    }

    /// The part with this code.
    pub fn part(&self, code: &str) -> Option<&SheetPart> {
        self.parts.iter().find(|part| part.code == code)
    }
}

impl SheetPart {
    /// Every criterion of the part at any depth, a group before its sub-criteria.
    pub fn all_criteria(&self) -> AllCriteria<'_> {
        AllCriteria { stack: vec![self.criteria.iter()] }
    }

    /// Every scored criterion of the part, in order.
    pub fn scorable(&self) -> impl Iterator<Item = &Criterion> + '_ {
        self.all_criteria().filter(|criterion| criterion.is_scorable())
    }
}

/// Depth-first, pre-order walk over a tree of criteria (see [`SheetPart::all_criteria`]).
#[derive(Debug, Clone)]
pub struct AllCriteria<'a> {
    // One iterator per level being walked; an explicit stack keeps the walk lazy and in order.
    stack: Vec<std::slice::Iter<'a, Criterion>>,
}

impl<'a> Iterator for AllCriteria<'a> {
    type Item = &'a Criterion;

    fn next(&mut self) -> Option<&'a Criterion> {
        loop {
            let level = self.stack.last_mut()?;
            match level.next() {
                Some(criterion) => {
                    if !criterion.children.is_empty() {
                        self.stack.push(criterion.children.iter());
                    }
                    return Some(criterion);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The real criteria set, parsed once for all tests (it is 700 kB of JSON).
    pub(crate) fn criteria_2026() -> &'static CriteriaSetDoc {
        static DOC: OnceLock<CriteriaSetDoc> = OnceLock::new();
        DOC.get_or_init(|| {
            serde_json::from_str(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../server/data/ocop-criteria-2026.json"
            )))
            .expect("the 26/2026 criteria set parses")
        })
    }

    /// A sheet of the real set by code.
    pub(crate) fn sheet(code: &str) -> &'static ScoreSheet {
        criteria_2026().sheet(code).unwrap_or_else(|| panic!("sheet {code} exists"))
    }

    #[test]
    fn every_real_sheet_adds_up() {
        let doc = criteria_2026();
        assert_eq!(doc.criteria_set, "26/2026/QĐ-TTg");
        assert_eq!(doc.sheets.len(), 26);
        for sheet in &doc.sheets {
            assert_eq!(sheet.check(), Ok(()), "sheet {}", sheet.code);
        }
        assert_eq!(doc.check(), Ok(()));
        let scorable: usize = doc.sheets.iter().map(|sheet| sheet.scorable().count()).sum();
        let options: usize =
            doc.sheets.iter().flat_map(|sheet| sheet.scorable()).map(|(_, criterion)| criterion.options.len()).sum();
        assert_eq!((scorable, options), (787, 2579));
        let groups: usize = doc.classification.iter().map(|industry| industry.groups.len()).sum();
        assert_eq!((doc.classification.len(), groups), (6, 17));
        assert_eq!(doc.earlier_criteria_sets.len(), 2);
        assert_eq!(doc.earlier_criteria_sets[1].parts.get("C"), Some(&40));
    }

    #[test]
    fn walks_criteria_in_sheet_order() {
        let honey = sheet("mat-ong-mat-khac-tpthuc-khac");
        let codes: Vec<&str> = honey.criteria().map(|(_, criterion)| criterion.code.as_str()).take(10).collect();
        assert_eq!(codes, ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2", "2.1"]);
        let scorable: Vec<(&str, &str)> =
            honey.scorable().map(|(part, criterion)| (part, criterion.code.as_str())).collect();
        assert_eq!(scorable.first(), Some(&("A", "1.1")));
        assert!(scorable.contains(&("B", "4.1")));
        assert_eq!(scorable.last(), Some(&("C", "12")));
        assert!(scorable.iter().all(|(_, code)| !["1", "2", "3", "4", "5", "6"].contains(code)));
        // `criterion` finds groups as well as scored criteria; `scorable` skips groups.
        assert_eq!(honey.criterion("1").map(|c| c.max_points), Some(18));
        assert_eq!(honey.criterion("1.2").map(|c| c.max_points), Some(2));
        assert_eq!(honey.criterion("12").map(|c| c.max_points), Some(3));
        assert_eq!(honey.criterion("13"), None);
        assert_eq!(honey.part("B").map(|part| part.max_points), Some(25));
    }

    #[test]
    fn broken_sheets_are_refused() {
        type Break = fn(&mut ScoreSheet);
        type Expect = fn(&SheetError) -> bool;
        const HONEY: &str = "mat-ong-mat-khac-tpthuc-khac";
        // Criterion 1 of the honey sheet groups 1.1 (3 points: 1, 2, 3) and 1.2 (2 points: 0, 1, 2).
        let cases: &[(&str, Break, Expect)] = &[
            (
                "part maxima total 101",
                |s| s.parts[0].max_points = 41,
                |e| matches!(e, SheetError::PartsTotal { total: 101, .. }),
            ),
            (
                "part B declares 24, its criteria give 25",
                |s| {
                    s.parts[1].max_points = 24;
                    s.parts[2].max_points = 36;
                },
                |e| matches!(e, SheetError::PartSum { part, sum: 25, max: 24, .. } if part == "B"),
            ),
            (
                "an option above the maximum",
                |s| s.parts[0].criteria[0].children[1].options[2].points = 3,
                |e| matches!(e, SheetError::OptionMax { criterion, best: 3, max: 2, .. } if criterion == "1.2"),
            ),
            (
                "no option reaches the maximum",
                |s| {
                    s.parts[0].criteria[0].children[0].options.pop();
                },
                |e| matches!(e, SheetError::OptionMax { criterion, best: 2, max: 3, .. } if criterion == "1.1"),
            ),
            (
                "sub-criteria below the group's maximum, part still balanced",
                |s| {
                    s.parts[0].criteria[0].children[0].max_points = 2;
                    s.parts[0].criteria[0].children[0].options[2].points = 2;
                },
                |e| matches!(e, SheetError::ChildrenSum { criterion, sum: 17, max: 18, .. } if criterion == "1"),
            ),
            (
                "a duplicate criterion code",
                |s| s.parts[0].criteria[0].children[1].code = "1.1".into(),
                |e| matches!(e, SheetError::DuplicateCode { criterion, .. } if criterion == "1.1"),
            ),
            (
                "a duplicate code across parts",
                |s| s.parts[2].criteria[1].code = "1.1".into(),
                |e| matches!(e, SheetError::DuplicateCode { criterion, .. } if criterion == "1.1"),
            ),
            (
                "a criterion with neither options nor children",
                |s| s.parts[0].criteria[0].children[0].options.clear(),
                |e| matches!(e, SheetError::EmptyCriterion { criterion, .. } if criterion == "1.1"),
            ),
            (
                "a criterion with both options and children",
                |s| {
                    let option = s.parts[0].criteria[0].children[0].options[0].clone();
                    s.parts[0].criteria[0].options.push(option);
                },
                |e| matches!(e, SheetError::OptionsAndChildren { criterion, .. } if criterion == "1"),
            ),
            (
                "a duplicate part code",
                |s| s.parts[1].code = "A".into(),
                |e| matches!(e, SheetError::DuplicatePart { part, .. } if part == "A"),
            ),
        ];
        for (what, break_it, expected) in cases {
            let mut broken = sheet(HONEY).clone();
            break_it(&mut broken);
            let err = broken.check().expect_err(what);
            assert!(expected(&err), "{what}: got {err:?}");
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.starts_with(&format!("Sheet {HONEY}: ")), "{what}: {english}");
            assert!(english.ends_with('.'), "{what}: {english}");
            assert!(vietnamese.starts_with(&format!("Phiếu {HONEY}: ")), "{what}: {vietnamese}");
        }
    }

    #[test]
    fn error_sentences() {
        let err = SheetError::OptionMax { sheet: "mat-ong".into(), criterion: "1.2".into(), best: 3, max: 2 };
        assert_eq!(
            err.message(Language::En),
            "Sheet mat-ong: criterion 1.2 offers at most 3 points but declares a maximum of 2."
        );
        assert_eq!(err.to_string(), err.message(Language::En));
        assert_eq!(
            err.message(Language::Vi),
            "Phiếu mat-ong: tiêu chí 1.2 cho nhiều nhất 3 điểm nhưng ghi tối đa 2 điểm."
        );
        let err = SheetError::Classification { sheet: "hoa".into(), times: 0 };
        assert_eq!(err.message(Language::En), "Sheet hoa is not listed under any group of the classification.");
    }

    #[test]
    fn broken_sets_are_refused() {
        type Break = fn(&mut CriteriaSetDoc);
        type Expect = fn(&SheetError) -> bool;
        let cases: &[(&str, Break, Expect)] = &[
            (
                "unknown sheet in the classification",
                |d| d.classification[0].groups[0].sheets.push("tra-sua".into()),
                |e| matches!(e, SheetError::UnknownSheet { sheet } if sheet == "tra-sua"),
            ),
            (
                "sheet missing from the classification",
                |d| d.classification[5].groups.clear(),
                |e| matches!(e, SheetError::Classification { times: 0, .. }),
            ),
            (
                "sheet listed twice",
                |d| {
                    let code = d.classification[0].groups[0].sheets[0].clone();
                    d.classification[1].groups[0].sheets.push(code);
                },
                |e| matches!(e, SheetError::Classification { sheet, times: 2 } if sheet == "rau-cu-qua-hat-tuoi"),
            ),
            (
                "duplicate sheet",
                |d| {
                    let copy = d.sheets[3].clone();
                    d.sheets.push(copy);
                },
                |e| matches!(e, SheetError::DuplicateSheet { sheet } if sheet == "mat-ong-mat-khac-tpthuc-khac"),
            ),
            (
                "a broken sheet",
                |d| d.sheets[7].parts[2].max_points = 30,
                |e| matches!(e, SheetError::PartsTotal { .. }),
            ),
            (
                "the set declares other part maxima",
                |d| {
                    d.parts[0].max_points = 41;
                    d.parts[1].max_points = 24;
                },
                |e| {
                    matches!(e, SheetError::PartsDiffer { expected, found, .. }
                    if expected == "A 41, B 24, C 35" && found == "A 40, B 25, C 35")
                },
            ),
            (
                "other star bands",
                |d| d.star_bands[1].min_points = 75,
                |e| matches!(e, SheetError::RulesMismatch { field: "star_bands", .. }),
            ),
            (
                "another certification threshold",
                |d| d.certified_from_stars = Stars::FOUR,
                |e| matches!(e, SheetError::RulesMismatch { field: "certified_from_stars", .. }),
            ),
            (
                "another validity",
                |d| d.certificate_validity_months = 24,
                |e| matches!(e, SheetError::RulesMismatch { field: "certificate_validity_months", .. }),
            ),
        ];
        for (what, break_it, expected) in cases {
            let mut broken = criteria_2026().clone();
            break_it(&mut broken);
            let err = broken.check().expect_err(what);
            assert!(expected(&err), "{what}: got {err:?}");
        }
    }

    #[test]
    fn sheets_survive_a_json_round_trip() {
        // The server stores each sheet as JSON and reads it back for scoring.
        for sheet in &criteria_2026().sheets {
            let json = serde_json::to_string(sheet).expect("serializes");
            let back: ScoreSheet = serde_json::from_str(&json).expect("parses");
            assert_eq!(&back, sheet, "{}", sheet.code);
        }
        let bad_stars = r#"{"label": "x", "points": 1, "min_stars": 6}"#;
        assert!(serde_json::from_str::<ScoreOption>(bad_stars).is_err(), "min_stars must be a star rating");
    }
}
