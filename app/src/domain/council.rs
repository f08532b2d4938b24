//! The evaluation council's result from its members' score sheets: the average total, the
//! members whose totals are too far apart, the quorum, and referral to the national council.
//!
//! Only integer arithmetic is used: an average of 89.67 must never round into five stars, and
//! the browser and the server must agree to the last digit.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::criteria::SHEET_MAX_POINTS;
use super::score::decimal_separator;
use super::scoring::Stars;
use crate::language::Language;

/// Two members whose totals differ by more than this must discuss and score again.
pub const MAX_SPREAD: u32 = 10;
/// A sitting is valid with at least this share (percent) of the appointed members, the chair
/// among them.
pub const QUORUM_PERCENT: usize = 75;

/// One member's submitted sheet, reduced to what the council result needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberScore {
    /// Identifies the member; unique within a council.
    pub member_id: String,
    /// Whether this member chairs the council.
    pub is_chair: bool,
    /// The member's total, 0 to 100.
    pub total: u32,
    /// The highest level whose minimum requirements this member's choices all meet
    /// ([`crate::domain::Assessment::minimums_allow`]), not the member's rating.
    pub max_stars_allowed: Stars,
    /// (part code, points, maximum) of each part of the member's sheet, in sheet order.
    #[serde(default)]
    pub parts: Vec<(String, u32, u32)>,
    /// The criteria whose minimum this member found unmet at the level just above
    /// `max_stars_allowed` ([`crate::domain::Assessment::capping`]).
    #[serde(default)]
    pub capped_by: Vec<String>,
}

/// The council's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilResult {
    /// How many members submitted a sheet.
    pub members_present: usize,
    /// At least 75% of the appointed members submitted, the chair among them.
    pub quorum_met: bool,
    /// The exact average ×100, rounded half up: 8967 is 89.67 points.
    pub average_hundredths: u32,
    /// The band of the exact (unrounded) average.
    pub band: Stars,
    /// The band lowered to the lowest level any member's sheet allows.
    pub stars: Stars,
    /// (member, member, difference) for every pair more than 10 points apart, in the order the
    /// sheets were given.
    pub far_apart: Vec<(String, String, u32)>,
    /// When the rating is below the band: the criteria whose minimum for the next star a member
    /// who set the cap found unmet, in code order.
    #[serde(default)]
    pub capped_by: Vec<String>,
    /// When some sheets are too far apart: the members whose totals stand farthest from the
    /// median, those the council hears first (every one of them at equal distance).
    #[serde(default)]
    pub outliers: Vec<String>,
    /// Rated five stars after the caps (90 points or more, every 5★ minimum met): the central
    /// council rates the product.
    pub referred_to_national: bool,
    /// The rating earns a certificate (3 stars or more).
    pub certifiable: bool,
    /// (part code, average ×100 rounded half up, maximum) of each part, in sheet order: what
    /// the producer is shown beside the total. Results recorded before parts were kept have
    /// none.
    #[serde(default)]
    pub part_averages: Vec<(String, u32, u32)>,
}

impl CouncilResult {
    /// Whether the result may be recorded as it is: the quorum is met and no two members are
    /// more than 10 points apart (otherwise the council discusses and scores again).
    pub fn stands(&self) -> bool {
        self.quorum_met && self.far_apart.is_empty()
    }
}

/// Why no result can be computed from the submitted sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouncilError {
    /// No sheet was submitted.
    NoScores,
    /// More sheets than appointed members.
    MoreScoresThanSeats { seats: usize, scores: usize },
    /// A member submitted twice.
    DuplicateMember { member_id: String },
    /// More than one sheet claims to be the chair's.
    SeveralChairs,
    /// A total above 100 cannot come from a score sheet.
    TotalOutOfRange { member_id: String, total: u32 },
}

impl CouncilError {
    /// Why no result stands, in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            CouncilError::NoScores => language.tr("Chưa có thành viên hội đồng nào nộp phiếu chấm.").to_string(),
            // More sheets than seats: the sheets are two or more whenever the seats are one.
            CouncilError::MoreScoresThanSeats { seats, scores } => language.tr_count(
                "Hội đồng có {seats} thành viên nhưng có {scores} phiếu chấm được nộp.",
                *seats as u64,
                &[("seats", seats), ("scores", scores)],
            ),
            CouncilError::DuplicateMember { member_id } => {
                language.tr_with("Thành viên {member_id} đã nộp nhiều hơn một phiếu chấm.", &[("member_id", member_id)])
            }
            CouncilError::SeveralChairs => {
                language.tr("Có nhiều hơn một phiếu chấm được ghi là của chủ tịch hội đồng.").to_string()
            }
            CouncilError::TotalOutOfRange { member_id, total } => language.tr_with(
                "Thành viên {member_id} có tổng điểm {total}, vượt quá mức tối đa {max} điểm.",
                &[("member_id", member_id), ("total", total), ("max", &SHEET_MAX_POINTS)],
            ),
        }
    }
}

/// In English, as `Error` wants it.
impl fmt::Display for CouncilError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for CouncilError {}

/// The result of a council of `size` appointed members (chair included) from the sheets
/// submitted so far.
pub fn council_result(size: usize, scores: &[MemberScore]) -> Result<CouncilResult, CouncilError> {
    if scores.is_empty() {
        return Err(CouncilError::NoScores);
    }
    if scores.len() > size {
        return Err(CouncilError::MoreScoresThanSeats { seats: size, scores: scores.len() });
    }
    let mut seen = HashSet::new();
    for score in scores {
        if !seen.insert(score.member_id.as_str()) {
            return Err(CouncilError::DuplicateMember { member_id: score.member_id.clone() });
        }
        if score.total > SHEET_MAX_POINTS {
            return Err(CouncilError::TotalOutOfRange { member_id: score.member_id.clone(), total: score.total });
        }
    }
    let chairs = scores.iter().filter(|score| score.is_chair).count();
    if chairs > 1 {
        return Err(CouncilError::SeveralChairs);
    }

    // u64: the sum and its ×200 cannot overflow whatever the council size.
    let count = scores.len() as u64;
    let sum: u64 = scores.iter().map(|score| u64::from(score.total)).sum();
    let average_hundredths = hundredths_of_average(sum, count);
    let part_averages = scores[0]
        .parts
        .iter()
        .map(|(code, _, max)| {
            let points: Vec<u64> = scores
                .iter()
                .filter_map(|score| score.parts.iter().find(|(c, ..)| c == code))
                .map(|(_, points, _)| u64::from(*points))
                .collect();
            (code.clone(), hundredths_of_average(points.iter().sum(), points.len() as u64), *max)
        })
        .collect();
    // The band compares the exact average with each threshold (sum ≥ threshold·n): the rounded
    // figure is for display only.
    let reaches = |points: u32| sum >= u64::from(points) * count;
    let band = Stars::ALL.into_iter().rev().find(|stars| reaches(stars.min_points())).unwrap_or(Stars::ONE);
    // Conservative on purpose: a minimum requirement is a condition of the rating, not a matter
    // of majority, so it counts as met only if every member found it met. A single member who
    // saw no quality certificate caps the rating until the council settles the question.
    let allowed = scores.iter().map(|score| score.max_stars_allowed).min().unwrap_or(Stars::ONE);
    let stars = band.min(allowed);
    let mut capped_by: Vec<String> = if stars < band {
        scores
            .iter()
            .filter(|score| score.max_stars_allowed == stars)
            .flat_map(|score| score.capped_by.clone())
            .collect()
    } else {
        Vec::new()
    };
    capped_by.sort_by_key(|code| criterion_order(code));
    capped_by.dedup();

    let mut far_apart = Vec::new();
    for (i, first) in scores.iter().enumerate() {
        for second in &scores[i + 1..] {
            let difference = first.total.abs_diff(second.total);
            if difference > MAX_SPREAD {
                far_apart.push((first.member_id.clone(), second.member_id.clone(), difference));
            }
        }
    }
    let outliers = if far_apart.is_empty() { Vec::new() } else { farthest_from_median(scores) };
    Ok(CouncilResult {
        members_present: scores.len(),
        quorum_met: chairs == 1 && scores.len() * 100 >= size * QUORUM_PERCENT,
        average_hundredths,
        band,
        stars,
        far_apart,
        capped_by,
        outliers,
        // Only a rating of five stars after the caps goes to the central council: 90 points
        // with a 5★ minimum unmet is a 4★ rating, the province's to decide.
        referred_to_national: stars == Stars::FIVE,
        certifiable: stars.is_certifiable(),
        part_averages,
    })
}

/// A criterion's code as numbers, for their order ("2.10" after "2.9").
fn criterion_order(code: &str) -> Vec<u32> {
    code.split('.').map(|part| part.parse().unwrap_or(u32::MAX)).collect()
}

impl CouncilResult {
    /// The stars said with their reason, in `language`: the band of the average, and what
    /// lowered it ("73,00 điểm → 4 sao theo điểm; còn 3 sao vì tiêu chí 2.3, 9.1 chưa đạt mức
    /// tối thiểu của 4 sao").
    pub fn explained(&self, language: Language) -> String {
        let average = format!(
            "{}{}{:02}",
            self.average_hundredths / 100,
            decimal_separator(language),
            self.average_hundredths % 100
        );
        let (band, stars) = (self.band.get(), self.stars.get());
        let mut said =
            language.tr_with("{average} điểm → {band} sao theo điểm", &[("average", &average), ("band", &band)]);
        if self.stars < self.band {
            let next = stars + 1;
            let why = match self.capped_by.as_slice() {
                [] => language.tr_with("chưa đạt mức tối thiểu của {next} sao", &[("next", &next)]),
                [one] => language.tr_with(
                    "tiêu chí {criterion} chưa đạt mức tối thiểu của {next} sao",
                    &[("criterion", one), ("next", &next)],
                ),
                many => language.tr_with(
                    "các tiêu chí {criteria} chưa đạt mức tối thiểu của {next} sao",
                    &[("criteria", &many.join(", ")), ("next", &next)],
                ),
            };
            said.push_str(&language.tr_with("; còn {stars} sao vì {why}", &[("stars", &stars), ("why", &why)]));
        }
        if !self.certifiable {
            said.push_str(language.tr(": chưa đủ 3 sao để được công nhận"));
        }
        said.push('.');
        said
    }
}

/// The members whose totals are farthest from the median total, in the order given. Doubled,
/// so that the median of an even count (halfway between the middle two) stays an integer.
fn farthest_from_median(scores: &[MemberScore]) -> Vec<String> {
    let mut totals: Vec<u32> = scores.iter().map(|score| score.total * 2).collect();
    totals.sort_unstable();
    let middle = totals.len() / 2;
    let median = if totals.len() % 2 == 1 { totals[middle] } else { (totals[middle - 1] + totals[middle]) / 2 };
    let distance = |score: &MemberScore| (score.total * 2).abs_diff(median);
    let farthest = scores.iter().map(distance).max().unwrap_or(0);
    scores.iter().filter(|score| distance(score) == farthest).map(|score| score.member_id.clone()).collect()
}

/// The average of `count` values summing to `sum`, ×100 and rounded half up:
/// (100·sum / n) rounded = floor((200·sum + n) / 2n); at most 10000 for scores, so it fits.
fn hundredths_of_average(sum: u64, count: u64) -> u32 {
    if count == 0 {
        return 0;
    }
    u32::try_from((sum * 200 + count) / (count * 2)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 8] = ["chair", "an", "binh", "chi", "dung", "giang", "hanh", "khoa"];

    /// Members named from `IDS` (the first is the chair) with these totals, no minimum unmet.
    fn council(totals: &[u32]) -> Vec<MemberScore> {
        totals
            .iter()
            .zip(IDS)
            .map(|(&total, id)| MemberScore {
                member_id: id.to_owned(),
                is_chair: id == "chair",
                total,
                max_stars_allowed: Stars::FIVE,
                parts: vec![],
                capped_by: vec![],
            })
            .collect()
    }

    #[test]
    fn the_stars_are_explained_with_what_capped_them() {
        let member = |id: &str, total: u32, allowed: u8, capped_by: &[&str]| MemberScore {
            member_id: id.to_owned(),
            is_chair: id == "chair",
            total,
            max_stars_allowed: Stars::new(allowed).unwrap(),
            parts: vec![],
            capped_by: capped_by.iter().map(|c| c.to_string()).collect(),
        };
        // (sheets) → the sentence
        let cases: Vec<(Vec<MemberScore>, &str)> = vec![
            (vec![member("chair", 73, 5, &[]), member("an", 73, 5, &[])], "73,00 điểm → 4 sao theo điểm."),
            (
                vec![member("chair", 73, 3, &["9.1", "2.3"]), member("an", 73, 3, &["2.3"]), member("binh", 73, 5, &[])],
                "73,00 điểm → 4 sao theo điểm; còn 3 sao vì các tiêu chí 2.3, 9.1 chưa đạt mức tối thiểu của 4 sao.",
            ),
            (
                vec![member("chair", 95, 4, &["2.10"]), member("an", 94, 3, &["2.9"])],
                "94,50 điểm → 5 sao theo điểm; còn 3 sao vì tiêu chí 2.9 chưa đạt mức tối thiểu của 4 sao.",
            ),
            (vec![member("chair", 60, 2, &[])], "60,00 điểm → 3 sao theo điểm; còn 2 sao vì chưa đạt mức tối thiểu của 3 sao: chưa đủ 3 sao để được công nhận."),
            (vec![member("chair", 40, 5, &[])], "40,00 điểm → 2 sao theo điểm: chưa đủ 3 sao để được công nhận."),
        ];
        for (sheets, said) in cases {
            assert_eq!(council_result(3, &sheets).unwrap().explained(Language::Vi), said);
        }
        let capped =
            vec![member("chair", 73, 3, &["9.1", "2.3"]), member("an", 73, 3, &["2.3"]), member("binh", 73, 5, &[])];
        assert_eq!(
            council_result(3, &capped).unwrap().explained(Language::En),
            "73.00 points → 4 stars by band; 3 stars because criteria 2.3, 9.1 are below the 4-star minimum."
        );
        assert_eq!(
            council_result(3, &[member("chair", 40, 5, &[])]).unwrap().explained(Language::En),
            "40.00 points → 2 stars by band: fewer than 3 stars, so it cannot be certified."
        );
    }

    #[test]
    fn the_members_farthest_from_the_median_are_named_when_sheets_are_too_far_apart() {
        // (totals of chair, an, binh, …) → the members named
        let cases: &[(&[u32], &[&str])] = &[
            (&[80, 82, 60], &["binh"]),
            (&[80, 82, 81], &[]),
            (&[60, 90], &["chair", "an"]),
            (&[70, 72, 71, 95, 69], &["chi"]),
            (&[70, 71, 85, 86], &["chair", "chi"]),
            (&[100, 100, 0, 100], &["binh"]),
            (&[75, 75, 86], &["binh"]),
        ];
        for (totals, named) in cases {
            let result = council_result(IDS.len(), &council(totals)).unwrap();
            assert_eq!(result.outliers, *named, "{totals:?}");
            assert_eq!(result.outliers.is_empty(), result.far_apart.is_empty(), "{totals:?}");
        }
    }

    #[test]
    fn parts_are_averaged_like_the_total() {
        // (each member's A, B, C points) → each part's average ×100
        let cases: &[(&[[u32; 3]], [u32; 3])] = &[
            (&[[30, 20, 25], [32, 21, 26], [31, 22, 27]], [3100, 2100, 2600]),
            (&[[30, 20, 25], [31, 20, 25]], [3050, 2000, 2500]),
            (&[[30, 20, 25], [31, 21, 25], [31, 21, 26]], [3067, 2067, 2533]),
            (&[[40, 25, 35]], [4000, 2500, 3500]),
        ];
        for (sheets, expected) in cases {
            let scores: Vec<MemberScore> = sheets
                .iter()
                .zip(IDS)
                .map(|(parts, id)| MemberScore {
                    member_id: id.to_owned(),
                    is_chair: id == "chair",
                    total: parts.iter().sum(),
                    max_stars_allowed: Stars::FIVE,
                    parts: ["A", "B", "C"]
                        .iter()
                        .zip(parts)
                        .zip([40, 25, 35])
                        .map(|((c, p), m)| (c.to_string(), *p, m))
                        .collect(),
                    capped_by: vec![],
                })
                .collect();
            let result = council_result(sheets.len(), &scores).unwrap();
            let averages: Vec<u32> = result.part_averages.iter().map(|(_, average, _)| *average).collect();
            assert_eq!(averages, expected, "{sheets:?}");
            assert_eq!(result.part_averages[1].0, "B");
            assert_eq!(result.part_averages[2].2, 35);
        }
    }

    #[test]
    fn averages_bands_and_referral() {
        // (totals, average ×100, band, referred). The band and the referral use the exact
        // average, never the rounded one.
        const CASES: &[(&[u32], u32, u8, bool)] = &[
            (&[90, 90, 89], 8967, 4, false),
            (&[90, 90, 90], 9000, 5, true),
            (&[89, 90], 8950, 4, false),
            (&[90, 91], 9050, 5, true),
            (&[89, 89, 89, 89, 89, 89, 89, 96], 8988, 4, false),
            (&[89, 89, 89, 89, 89, 89, 89, 97], 9000, 5, true),
            (&[70, 69], 6950, 3, false),
            (&[70, 70, 69], 6967, 3, false),
            (&[50, 50, 49], 4967, 2, false),
            (&[50, 49, 51], 5000, 3, false),
            (&[30, 29, 29], 2933, 1, false),
            (&[100], 10000, 5, true),
            (&[0, 0, 1], 33, 1, false),
            (&[0, 1, 1], 67, 1, false),
            (&[71, 70, 70], 7033, 4, false),
            (&[66, 67, 67], 6667, 3, false),
            // Half up: 100·(1+0+0+0+0+0+0+0)/8 = 12.5 → 13; 100·(85+86)/2 exactly.
            (&[1, 0, 0, 0, 0, 0, 0, 0], 13, 1, false),
            (&[85, 86], 8550, 4, false),
        ];
        for &(totals, average, band, referred) in CASES {
            let result = council_result(IDS.len(), &council(totals)).expect("a result");
            assert_eq!(
                (result.average_hundredths, result.band.get(), result.referred_to_national),
                (average, band, referred),
                "totals {totals:?}"
            );
            assert_eq!(result.members_present, totals.len());
            assert_eq!(result.certifiable, result.stars >= Stars::THREE, "totals {totals:?}");
        }
    }

    #[test]
    fn flags_members_more_than_ten_points_apart() {
        type Pairs = &'static [(&'static str, &'static str, u32)];
        const CASES: &[(&[u32], Pairs)] = &[
            (&[80, 70, 75], &[]),
            (&[81, 70, 75], &[("chair", "an", 11)]),
            (&[60, 70, 80], &[("chair", "binh", 20)]),
            (&[60, 72, 84], &[("chair", "an", 12), ("chair", "binh", 24), ("an", "binh", 12)]),
            (&[100, 90], &[]),
            (&[0, 100], &[("chair", "an", 100)]),
        ];
        for &(totals, expected) in CASES {
            let result = council_result(totals.len(), &council(totals)).expect("a result");
            let expected: Vec<(String, String, u32)> =
                expected.iter().map(|&(a, b, d)| (a.to_owned(), b.to_owned(), d)).collect();
            assert_eq!(result.far_apart, expected, "totals {totals:?}");
            assert_eq!(result.stands(), expected.is_empty(), "totals {totals:?}");
        }
    }

    #[test]
    fn quorum_needs_three_quarters_and_the_chair() {
        // (appointed, present, chair among them, quorum met)
        const CASES: &[(usize, usize, bool, bool)] = &[
            (4, 3, true, true),
            (4, 3, false, false),
            (4, 4, true, true),
            (3, 2, true, false),
            (3, 3, true, true),
            (7, 5, true, false),
            (7, 6, true, true),
            (8, 6, true, true),
            (8, 6, false, false),
            (8, 5, true, false),
            (5, 4, true, true),
            (5, 3, true, false),
            (1, 1, true, true),
        ];
        for &(size, present, with_chair, met) in CASES {
            let mut scores = council(&[75; 8]);
            if !with_chair {
                scores.remove(0);
            }
            scores.truncate(present);
            assert_eq!(scores.iter().any(|s| s.is_chair), with_chair);
            let result = council_result(size, &scores).expect("a result");
            assert_eq!(result.quorum_met, met, "{present} of {size}, chair present: {with_chair}");
        }
    }

    #[test]
    fn the_strictest_member_caps_the_rating() {
        // (totals, max stars allowed per member, band, stars)
        const CASES: &[(&[u32], &[u8], u8, u8)] = &[
            (&[94, 92], &[5, 4], 5, 4),
            (&[94, 92, 95], &[5, 5, 5], 5, 5),
            (&[80, 78, 75], &[5, 3, 4], 4, 3),
            (&[80, 78, 75], &[2, 5, 5], 4, 2),
            (&[60, 62], &[5, 4], 3, 3),
        ];
        for &(totals, allowed, band, stars) in CASES {
            let mut scores = council(totals);
            for (score, &level) in scores.iter_mut().zip(allowed) {
                score.max_stars_allowed = Stars::new(level).expect("1 to 5");
            }
            let result = council_result(totals.len(), &scores).expect("a result");
            assert_eq!((result.band.get(), result.stars.get()), (band, stars), "{totals:?} allowed {allowed:?}");
            assert_eq!(result.certifiable, stars >= 3);
            // Only a rating of 5★ after the caps is referred: 93 points capped at 4★ is the
            // province's to decide.
            assert_eq!(result.referred_to_national, stars == 5, "{totals:?} allowed {allowed:?}: referral");
        }
    }

    #[test]
    fn refuses_impossible_inputs() {
        let mut two_chairs = council(&[80, 80]);
        two_chairs[1].is_chair = true;
        let mut twice = council(&[80, 70]);
        twice[1].member_id = "chair".into();
        twice[1].is_chair = false;
        let cases: Vec<(usize, Vec<MemberScore>, CouncilError)> = vec![
            (3, vec![], CouncilError::NoScores),
            (1, council(&[80, 80]), CouncilError::MoreScoresThanSeats { seats: 1, scores: 2 }),
            (0, council(&[80]), CouncilError::MoreScoresThanSeats { seats: 0, scores: 1 }),
            (3, twice, CouncilError::DuplicateMember { member_id: "chair".into() }),
            (3, two_chairs, CouncilError::SeveralChairs),
            (3, council(&[80, 101]), CouncilError::TotalOutOfRange { member_id: "an".into(), total: 101 }),
        ];
        for (size, scores, expected) in cases {
            let err = council_result(size, &scores).expect_err("refused");
            assert_eq!(err, expected, "{size} seats, {} sheets", scores.len());
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && vietnamese.ends_with('.') && english != vietnamese, "{err}");
        }
        assert_eq!(
            CouncilError::MoreScoresThanSeats { seats: 5, scores: 6 }.message(Language::En),
            "The council has 5 members but 6 score sheets were submitted."
        );
        assert_eq!(
            CouncilError::MoreScoresThanSeats { seats: 1, scores: 2 }.message(Language::En),
            "The council has 1 member but 2 score sheets were submitted."
        );
        assert_eq!(
            CouncilError::MoreScoresThanSeats { seats: 5, scores: 6 }.message(Language::Vi),
            "Hội đồng có 5 thành viên nhưng có 6 phiếu chấm được nộp."
        );
    }
}
