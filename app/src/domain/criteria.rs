//! Criteria sets as data: the score sheets of Decision 26/2026 (one per product subgroup), the
//! classification, and summaries of earlier sets. Mirrors `server/data/ocop-criteria-2026.json`.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

/// A whole criteria set document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSetDoc {
    pub criteria_set: String,
    pub title: String,
    pub effective_from: String,
    pub parts: Vec<PartSummary>,
    pub star_bands: Vec<StarBand>,
    pub certified_from_stars: u8,
    pub certificate_validity_months: u32,
    #[serde(default)]
    pub min_stars_rule: String,
    pub classification: Vec<Industry>,
    pub sheets: Vec<ScoreSheet>,
    #[serde(default)]
    pub earlier_criteria_sets: Vec<EarlierCriteriaSet>,
    #[serde(default)]
    pub provenance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartSummary {
    pub code: String,
    pub name: String,
    pub max_points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarBand {
    pub stars: u8,
    pub min_points: u32,
}

/// Ngành: an industry of the classification, with its groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Industry {
    pub code: String,
    pub name: String,
    pub groups: Vec<ProductGroup>,
}

/// Nhóm: a product group; each of its subgroups has one score sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductGroup {
    pub name: String,
    pub sheets: Vec<String>,
}

/// A set that came before, kept so historical ratings can name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierCriteriaSet {
    pub criteria_set: String,
    pub effective_from: String,
    pub parts: BTreeMap<String, u32>,
    #[serde(default)]
    pub note: String,
}

/// Phiếu đánh giá: the score sheet of one product subgroup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreSheet {
    pub code: String,
    pub name: String,
    pub industry: String,
    pub group: String,
    pub managing_agency: String,
    pub requires_sample_product: bool,
    #[serde(default)]
    pub disqualifiers: Vec<String>,
    pub parts: Vec<SheetPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetPart {
    pub code: String,
    pub label: String,
    pub max_points: u32,
    pub criteria: Vec<Criterion>,
}

/// A criterion either offers options (it is scored) or groups sub-criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub code: String,
    pub label: String,
    pub max_points: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ScoreOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreOption {
    pub label: String,
    pub points: u32,
    /// This option (or a better one) is required for a rating of this many stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_stars: Option<u8>,
}

/// Why a sheet was refused at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    PartsTotal { sheet: String, total: u32 },
    PartSum { sheet: String, part: String, sum: u32, max: u32 },
    ChildrenSum { sheet: String, criterion: String, sum: u32, max: u32 },
    OptionMax { sheet: String, criterion: String, best: u32, max: u32 },
    NotScorable { sheet: String, criterion: String },
    DuplicateCode { sheet: String, criterion: String },
    UnknownSheet { sheet: String },
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::PartsTotal { sheet, total } => write!(f, "Sheet {sheet}: its parts total {total} points instead of 100."),
            SheetError::PartSum { sheet, part, sum, max } => {
                write!(f, "Sheet {sheet}: the criteria of part {part} sum to {sum} points but the part declares a maximum of {max}.")
            }
            SheetError::ChildrenSum { sheet, criterion, sum, max } => write!(
                f,
                "Sheet {sheet}: the sub-criteria of criterion {criterion} sum to {sum} points but it declares a maximum of {max}."
            ),
            SheetError::OptionMax { sheet, criterion, best, max } => {
                write!(f, "Sheet {sheet}: criterion {criterion} offers at most {best} points but declares a maximum of {max}.")
            }
            SheetError::NotScorable { sheet, criterion } => {
                write!(f, "Sheet {sheet}: criterion {criterion} must have either options or sub-criteria, not both or neither.")
            }
            SheetError::DuplicateCode { sheet, criterion } => write!(f, "Sheet {sheet}: the criterion code {criterion} appears twice."),
            SheetError::UnknownSheet { sheet } => write!(f, "The classification names a sheet {sheet} that the criteria set does not contain."),
        }
    }
}

impl SheetError {
    pub fn message_vi(&self) -> String {
        match self {
            SheetError::PartsTotal { sheet, total } => {
                format!("Phiếu {sheet}: tổng điểm các phần là {total} thay vì 100.")
            }
            SheetError::PartSum { sheet, part, sum, max } => {
                format!(
                    "Phiếu {sheet}: các tiêu chí của phần {part} cộng lại {sum} điểm nhưng phần này tối đa {max} điểm."
                )
            }
            SheetError::ChildrenSum { sheet, criterion, sum, max } => {
                format!("Phiếu {sheet}: các tiêu chí con của tiêu chí {criterion} cộng lại {sum} điểm nhưng tiêu chí tối đa {max} điểm.")
            }
            SheetError::OptionMax { sheet, criterion, best, max } => {
                format!("Phiếu {sheet}: tiêu chí {criterion} có mức cao nhất {best} điểm nhưng ghi tối đa {max} điểm.")
            }
            SheetError::NotScorable { sheet, criterion } => {
                format!("Phiếu {sheet}: tiêu chí {criterion} phải có các mức chấm hoặc các tiêu chí con (chỉ một trong hai).")
            }
            SheetError::DuplicateCode { sheet, criterion } => {
                format!("Phiếu {sheet}: mã tiêu chí {criterion} bị trùng.")
            }
            SheetError::UnknownSheet { sheet } => {
                format!("Phân nhóm sản phẩm nêu phiếu {sheet} nhưng bộ tiêu chí không có phiếu này.")
            }
        }
    }
}

impl std::error::Error for SheetError {}

impl CriteriaSetDoc {
    /// Every sheet sums to its maxima and the classification names only known sheets.
    pub fn check(&self) -> Result<(), SheetError> {
        for sheet in &self.sheets {
            sheet.check()?;
        }
        let known: HashSet<&str> = self.sheets.iter().map(|sheet| sheet.code.as_str()).collect();
        for code in self.classification.iter().flat_map(|industry| &industry.groups).flat_map(|group| &group.sheets) {
            if !known.contains(code.as_str()) {
                return Err(SheetError::UnknownSheet { sheet: code.clone() });
            }
        }
        Ok(())
    }

    pub fn sheet(&self, code: &str) -> Option<&ScoreSheet> {
        self.sheets.iter().find(|sheet| sheet.code == code)
    }
}

impl ScoreSheet {
    /// Refuses a sheet whose points do not add up: a scoring engine on such a sheet would rate
    /// products wrongly without anyone noticing.
    pub fn check(&self) -> Result<(), SheetError> {
        let sheet = || self.code.clone();
        let mut codes = HashSet::new();
        let total: u32 = self.parts.iter().map(|part| part.max_points).sum();
        if total != 100 {
            return Err(SheetError::PartsTotal { sheet: sheet(), total });
        }
        for part in &self.parts {
            let sum = part.criteria.iter().map(|c| c.max_points).sum();
            if sum != part.max_points {
                return Err(SheetError::PartSum { sheet: sheet(), part: part.code.clone(), sum, max: part.max_points });
            }
            let mut stack: Vec<&Criterion> = part.criteria.iter().collect();
            while let Some(criterion) = stack.pop() {
                if !codes.insert(criterion.code.as_str()) {
                    return Err(SheetError::DuplicateCode { sheet: sheet(), criterion: criterion.code.clone() });
                }
                match (criterion.options.is_empty(), criterion.children.is_empty()) {
                    (false, true) => {
                        let best = criterion.options.iter().map(|o| o.points).max().unwrap_or(0);
                        if best != criterion.max_points {
                            return Err(SheetError::OptionMax {
                                sheet: sheet(),
                                criterion: criterion.code.clone(),
                                best,
                                max: criterion.max_points,
                            });
                        }
                    }
                    (true, false) => {
                        let sum = criterion.children.iter().map(|c| c.max_points).sum();
                        if sum != criterion.max_points {
                            return Err(SheetError::ChildrenSum {
                                sheet: sheet(),
                                criterion: criterion.code.clone(),
                                sum,
                                max: criterion.max_points,
                            });
                        }
                        stack.extend(&criterion.children);
                    }
                    _ => return Err(SheetError::NotScorable { sheet: sheet(), criterion: criterion.code.clone() }),
                }
            }
        }
        Ok(())
    }

    /// Every scored criterion with the code of its part, in the order of the sheet.
    pub fn scorable(&self) -> Vec<(&str, &Criterion)> {
        fn walk<'a>(part: &'a str, criterion: &'a Criterion, out: &mut Vec<(&'a str, &'a Criterion)>) {
            if criterion.children.is_empty() {
                out.push((part, criterion));
            }
            for child in &criterion.children {
                walk(part, child, out);
            }
        }
        let mut out = Vec::new();
        for part in &self.parts {
            for criterion in &part.criteria {
                walk(&part.code, criterion, &mut out);
            }
        }
        out
    }

    /// The scored criterion with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.scorable().into_iter().map(|(_, c)| c).find(|c| c.code == code)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn criteria_2026() -> CriteriaSetDoc {
        serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../server/data/ocop-criteria-2026.json"
        )))
        .expect("criteria set parses")
    }

    #[test]
    fn every_real_sheet_adds_up() {
        let doc = criteria_2026();
        assert_eq!(doc.sheets.len(), 26);
        doc.check().expect("the 26/2026 set is consistent");
        let scorable: usize = doc.sheets.iter().map(|s| s.scorable().len()).sum();
        let options: usize = doc.sheets.iter().flat_map(|s| s.scorable()).map(|(_, c)| c.options.len()).sum();
        assert_eq!((scorable, options), (787, 2579));
        let groups: usize = doc.classification.iter().map(|i| i.groups.len()).sum();
        assert_eq!((doc.classification.len(), groups), (6, 17));
    }

    #[test]
    fn broken_sheets_are_refused() {
        let doc = criteria_2026();
        let honey = || doc.sheet("mat-ong-mat-khac-tpthuc-khac").expect("honey sheet").clone();
        type Break = fn(&mut ScoreSheet);
        type Expect = fn(&SheetError) -> bool;
        let cases: [(Break, Expect); 6] = [
            (|s| s.parts[0].max_points = 41, |e| matches!(e, SheetError::PartsTotal { total: 101, .. })),
            (
                |s| {
                    s.parts[1].max_points = 24;
                    s.parts[2].max_points = 36;
                },
                |e| matches!(e, SheetError::PartSum { part, .. } if part == "B"),
            ),
            (
                |s| s.parts[0].criteria[0].children[0].options[0].points = 99,
                |e| matches!(e, SheetError::OptionMax { best: 99, .. }),
            ),
            (
                |s| s.parts[0].criteria[0].children[0].max_points += 1,
                |e| matches!(e, SheetError::ChildrenSum { .. } | SheetError::OptionMax { .. }),
            ),
            (
                |s| {
                    let code = s.parts[0].criteria[0].children[0].code.clone();
                    s.parts[0].criteria[0].children[1].code = code;
                },
                |e| matches!(e, SheetError::DuplicateCode { .. }),
            ),
            (|s| s.parts[0].criteria[0].children[0].options.clear(), |e| matches!(e, SheetError::NotScorable { .. })),
        ];
        for (i, (break_it, expected)) in cases.iter().enumerate() {
            let mut sheet = honey();
            break_it(&mut sheet);
            let err = sheet.check().expect_err("broken sheet refused");
            assert!(expected(&err), "case {i}: {err}");
            assert!(err.to_string().starts_with("Sheet mat-ong-mat-khac-tpthuc-khac"), "{err}");
            assert!(err.message_vi().starts_with("Phiếu mat-ong"), "{}", err.message_vi());
        }
    }
}
