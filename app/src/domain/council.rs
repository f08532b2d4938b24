//! The evaluation council's result: the average of the members' totals, the members who must
//! discuss and re-score, the quorum, and referral to the national council.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::scoring::Stars;

/// Totals further apart than this must be discussed and re-scored.
pub const MAX_SPREAD: u32 = 10;
/// A sitting needs at least this share of the members (percent), the chair among them.
pub const QUORUM_PERCENT: usize = 75;
/// An average at or above this goes to the national council.
pub const NATIONAL_REFERRAL_POINTS: u32 = 90;

/// One member's submitted sheet, reduced to what the council result needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberScore {
    pub member_id: String,
    pub is_chair: bool,
    pub total: u32,
    /// The highest level this member's choices meet all minimum requirements for.
    pub minimums_allow: Stars,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FarApart {
    pub first: String,
    pub second: String,
    pub difference: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilResult {
    pub members_present: usize,
    pub quorum_met: bool,
    /// The exact average ×100, rounded half up (8967 is 89.67 points).
    pub average_hundredths: u32,
    /// The band of the exact average.
    pub band: Stars,
    /// The band lowered to the minimums every member's sheet meets.
    pub stars: Stars,
    pub far_apart: Vec<FarApart>,
    pub referred_to_national: bool,
    pub certifiable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouncilError {
    NoScores,
    MoreScoresThanSeats { seats: usize, scores: usize },
    DuplicateMember(String),
}

impl fmt::Display for CouncilError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CouncilError::NoScores => write!(f, "No member has submitted a score sheet yet."),
            CouncilError::MoreScoresThanSeats { seats, scores } => {
                write!(f, "The council has {seats} members but {scores} score sheets were submitted.")
            }
            CouncilError::DuplicateMember(id) => write!(f, "Member {id} submitted more than one score sheet."),
        }
    }
}

impl CouncilError {
    pub fn message_vi(&self) -> String {
        match self {
            CouncilError::NoScores => "Chưa có thành viên nào nộp phiếu chấm.".into(),
            CouncilError::MoreScoresThanSeats { seats, scores } => {
                format!("Hội đồng có {seats} thành viên nhưng có {scores} phiếu chấm được nộp.")
            }
            CouncilError::DuplicateMember(id) => format!("Thành viên {id} đã nộp nhiều hơn một phiếu chấm."),
        }
    }
}

impl std::error::Error for CouncilError {}

/// The council's result from the submitted sheets of a council of `seats` members.
pub fn council_result(seats: usize, scores: &[MemberScore]) -> Result<CouncilResult, CouncilError> {
    if scores.is_empty() {
        return Err(CouncilError::NoScores);
    }
    if scores.len() > seats {
        return Err(CouncilError::MoreScoresThanSeats { seats, scores: scores.len() });
    }
    let mut seen = HashSet::new();
    if let Some(twice) = scores.iter().find(|s| !seen.insert(s.member_id.as_str())) {
        return Err(CouncilError::DuplicateMember(twice.member_id.clone()));
    }

    let count = scores.len() as u32;
    let sum: u32 = scores.iter().map(|s| s.total).sum();
    // Integer arithmetic only: an average of 89.999… must never round into 5 stars.
    let average_hundredths = (sum * 100 * 2 + count) / (count * 2);
    let band = [5u8, 4, 3, 2]
        .into_iter()
        .filter_map(Stars::new)
        .find(|stars| sum >= stars.min_points() * count)
        .unwrap_or(Stars::ONE);
    // Conservative on purpose: a minimum requirement is met only if every member found it met;
    // the law makes the requirement a condition of the rating, not a matter of majority.
    let allowed = scores.iter().map(|s| s.minimums_allow).min().unwrap_or(Stars::ONE);
    let stars = band.min(allowed);

    let mut far_apart = Vec::new();
    for (i, first) in scores.iter().enumerate() {
        for second in &scores[i + 1..] {
            let difference = first.total.abs_diff(second.total);
            if difference > MAX_SPREAD {
                far_apart.push(FarApart {
                    first: first.member_id.clone(),
                    second: second.member_id.clone(),
                    difference,
                });
            }
        }
    }
    let chair_present = scores.iter().any(|s| s.is_chair);
    Ok(CouncilResult {
        members_present: scores.len(),
        quorum_met: chair_present && scores.len() * 100 >= seats * QUORUM_PERCENT,
        average_hundredths,
        band,
        stars,
        far_apart,
        referred_to_national: sum >= NATIONAL_REFERRAL_POINTS * count,
        certifiable: stars.is_certifiable(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, total: u32) -> MemberScore {
        MemberScore { member_id: id.into(), is_chair: id == "chair", total, minimums_allow: Stars::FIVE }
    }

    #[test]
    fn averages_bands_and_referral() {
        // (totals, seats, average ×100, band, referred)
        let cases: [(&[u32], usize, u32, u8, bool); 8] = [
            (&[90, 90, 89], 3, 8967, 4, false),
            (&[90, 90, 90], 3, 9000, 5, true),
            (&[89, 90], 2, 8950, 4, false),
            (&[70, 69], 2, 6950, 3, false),
            (&[50, 50, 49], 3, 4967, 2, false),
            (&[100], 1, 10000, 5, true),
            (&[71, 70, 70], 3, 7033, 4, false),
            (&[66, 67, 67], 3, 6667, 3, false),
        ];
        for (totals, seats, average, band, referred) in cases {
            let scores: Vec<MemberScore> = totals
                .iter()
                .enumerate()
                .map(|(i, &t)| member(if i == 0 { "chair" } else { ["a", "b", "c"][i - 1] }, t))
                .collect();
            let result = council_result(seats, &scores).expect("result");
            assert_eq!(
                (result.average_hundredths, result.band.get(), result.referred_to_national),
                (average, band, referred),
                "{totals:?}"
            );
        }
    }

    #[test]
    fn flags_members_more_than_ten_points_apart() {
        let ten = council_result(3, &[member("chair", 80), member("a", 70), member("b", 75)]).unwrap();
        assert!(ten.far_apart.is_empty(), "exactly 10 apart is allowed");
        let eleven = council_result(3, &[member("chair", 81), member("a", 70), member("b", 75)]).unwrap();
        assert_eq!(eleven.far_apart, vec![FarApart { first: "chair".into(), second: "a".into(), difference: 11 }]);
    }

    #[test]
    fn quorum_needs_three_quarters_and_the_chair() {
        let ids = ["chair", "a", "b", "c", "d", "e", "f", "g"];
        let with_chair = |n: usize| ids[..n].iter().map(|id| member(id, 75)).collect::<Vec<_>>();
        let without_chair = |n: usize| ids[1..=n].iter().map(|id| member(id, 75)).collect::<Vec<_>>();
        let cases = [
            (4, with_chair(3), true),
            (4, without_chair(3), false),
            (3, with_chair(2), false),
            (7, with_chair(5), false),
            (8, with_chair(6), true),
            (4, with_chair(4), true),
        ];
        for (seats, scores, met) in cases {
            assert_eq!(council_result(seats, &scores).unwrap().quorum_met, met, "{} of {seats}", scores.len());
        }
    }

    #[test]
    fn minimums_cap_the_council_rating() {
        let mut doubtful = member("a", 92);
        doubtful.minimums_allow = Stars::new(4).unwrap();
        let result = council_result(2, &[member("chair", 94), doubtful]).unwrap();
        assert_eq!((result.band.get(), result.stars.get(), result.referred_to_national), (5, 4, true));
    }

    #[test]
    fn refuses_impossible_inputs() {
        assert_eq!(council_result(3, &[]), Err(CouncilError::NoScores));
        assert_eq!(
            council_result(1, &[member("chair", 80), member("a", 80)]),
            Err(CouncilError::MoreScoresThanSeats { seats: 1, scores: 2 })
        );
        assert_eq!(
            council_result(3, &[member("a", 80), member("a", 70)]),
            Err(CouncilError::DuplicateMember("a".into()))
        );
    }
}
