//! The councils' calendar (Art. 5 of Decision 26/2026/QĐ-TTg): province rounds close by 30/6
//! and 30/12 for the dossiers the communes forwarded by 30/4 and 30/10; central rounds close by
//! 30/9 and 30/3 for the dossiers referred by 30/7 and 30/1.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::round::CouncilOf;

/// One half-year of a council: the dossiers that reach it by `arrived_by` are scored in a
/// round that closes by `closes_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundTerm {
    pub arrived_by: NaiveDate,
    pub closes_by: NaiveDate,
}

/// Whose calendar: a province council's or the central council's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouncilLevel {
    Province,
    Central,
}

impl CouncilOf<'_> {
    pub fn level(self) -> CouncilLevel {
        match self {
            CouncilOf::Province(_) => CouncilLevel::Province,
            CouncilOf::Central => CouncilLevel::Central,
        }
    }
}

impl CouncilLevel {
    /// The two terms of a year as ((month, day) dossiers arrive by, (month, day) the round
    /// closes by), in calendar order.
    const fn cutoffs(self) -> [((u32, u32), (u32, u32)); 2] {
        match self {
            CouncilLevel::Province => [((4, 30), (6, 30)), ((10, 30), (12, 30))],
            CouncilLevel::Central => [((1, 30), (3, 30)), ((7, 30), (9, 30))],
        }
    }

    /// The terms of `year` and the year after, in calendar order.
    fn terms_from(self, year: i32) -> impl Iterator<Item = RoundTerm> {
        let day = |year: i32, (month, day): (u32, u32)| NaiveDate::from_ymd_opt(year, month, day);
        let cutoffs = self.cutoffs();
        [year, year + 1].into_iter().flat_map(move |year| {
            cutoffs.into_iter().filter_map(move |(arrived_by, closes_by)| {
                Some(RoundTerm { arrived_by: day(year, arrived_by)?, closes_by: day(year, closes_by)? })
            })
        })
    }

    /// The term of a dossier that reached this council's level (forwarded by the commune,
    /// referred by the province) on `arrived`: the first whose arrivals it makes.
    pub fn term_for_arrival(self, arrived: NaiveDate) -> Option<RoundTerm> {
        self.terms_from(arrived.year()).find(|term| arrived <= term.arrived_by)
    }

    /// The term a round starting on `starts_on` serves: the first that closes on or after it.
    pub fn term_for_round(self, starts_on: NaiveDate) -> Option<RoundTerm> {
        self.terms_from(starts_on.year()).find(|term| starts_on <= term.closes_by)
    }

    /// The dates the round form proposes on `today`: the term being filled now, from today
    /// (or the day after its arrivals close, when that is later) to its closing day.
    pub fn proposed_round(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let term = self.term_for_round(today)?;
        Some((today.max(term.arrived_by + Duration::days(1)), term.closes_by))
    }

    /// The term a round from `starts_on` to `ends_on` breaks, if any: ending after the day its
    /// term must close by. A warning, not a refusal: a council may have to sit late, and the
    /// officer decides.
    pub fn late_round(self, starts_on: NaiveDate, ends_on: NaiveDate) -> Option<RoundTerm> {
        self.term_for_round(starts_on).filter(|term| ends_on > term.closes_by)
    }

    /// The law's calendar for this council, in Vietnamese.
    pub fn calendar_vi(self) -> &'static str {
        match self {
            CouncilLevel::Province => {
                "Theo Điều 5 Quyết định 26/2026/QĐ-TTg, đợt đánh giá cấp tỉnh kết thúc trước 30/6 cho hồ sơ cấp xã chuyển đến hết 30/4, và trước 30/12 cho hồ sơ chuyển đến hết 30/10."
            }
            CouncilLevel::Central => {
                "Theo Điều 5 Quyết định 26/2026/QĐ-TTg, đợt đánh giá cấp Trung ương kết thúc trước 30/9 cho hồ sơ cấp tỉnh đề nghị đến hết 30/7, và trước 30/3 cho hồ sơ đề nghị đến hết 30/1."
            }
        }
    }

    /// The warning for a round of this council that breaks `term`, in Vietnamese.
    pub fn late_round_vi(self, term: RoundTerm) -> String {
        let (level, arrive) = match self {
            CouncilLevel::Province => ("cấp tỉnh", "cấp xã chuyển đến"),
            CouncilLevel::Central => ("cấp Trung ương", "cấp tỉnh đề nghị"),
        };
        format!(
            "Đợt kết thúc sau ngày {}: theo Điều 5 Quyết định 26/2026/QĐ-TTg, đợt đánh giá {level} cho các hồ sơ {arrive} \
             đến hết ngày {} phải kết thúc trước ngày này. Bạn vẫn có thể tạo đợt.",
            term.closes_by.format("%d/%m/%Y"),
            term.arrived_by.format("%d/%m/%Y"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    use CouncilLevel::{Central, Province};

    #[test]
    fn a_dossier_is_scored_in_the_term_of_its_arrival() {
        // (council, arrived, arrivals of its term close, its round closes by)
        let cases = [
            (Province, "2027-01-02", "2027-04-30", "2027-06-30"),
            (Province, "2027-04-30", "2027-04-30", "2027-06-30"),
            (Province, "2027-05-01", "2027-10-30", "2027-12-30"),
            (Province, "2027-10-30", "2027-10-30", "2027-12-30"),
            (Province, "2027-10-31", "2028-04-30", "2028-06-30"),
            (Province, "2027-12-31", "2028-04-30", "2028-06-30"),
            (Central, "2027-01-30", "2027-01-30", "2027-03-30"),
            (Central, "2027-01-31", "2027-07-30", "2027-09-30"),
            (Central, "2027-07-31", "2028-01-30", "2028-03-30"),
            (Central, "2027-12-31", "2028-01-30", "2028-03-30"),
        ];
        for (council, arrived, by, closes) in cases {
            let term = council.term_for_arrival(day(arrived)).unwrap();
            assert_eq!((term.arrived_by, term.closes_by), (day(by), day(closes)), "{council:?} {arrived}");
        }
    }

    #[test]
    fn the_form_proposes_the_term_being_filled_and_warns_of_a_late_round() {
        // (council, today, proposed start, proposed end)
        let cases = [
            (Province, "2026-12-05", "2026-12-05", "2026-12-30"),
            (Province, "2026-12-31", "2027-05-01", "2027-06-30"),
            (Province, "2027-05-10", "2027-05-10", "2027-06-30"),
            (Province, "2027-07-01", "2027-10-31", "2027-12-30"),
            (Central, "2026-12-05", "2027-01-31", "2027-03-30"),
            (Central, "2027-08-15", "2027-08-15", "2027-09-30"),
        ];
        for (council, today, starts, ends) in cases {
            assert_eq!(council.proposed_round(day(today)), Some((day(starts), day(ends))), "{council:?} {today}");
        }
        // (council, starts, ends, the closing day broken)
        let cases = [
            (Province, "2027-06-01", "2027-06-30", None),
            (Province, "2027-06-01", "2027-07-01", Some("2027-06-30")),
            (Province, "2027-12-20", "2028-01-05", Some("2027-12-30")),
            (Central, "2027-09-01", "2027-09-30", None),
            (Central, "2027-03-20", "2027-04-02", Some("2027-03-30")),
        ];
        for (council, starts, ends, broken) in cases {
            let late = council.late_round(day(starts), day(ends));
            assert_eq!(late.map(|term| term.closes_by), broken.map(day), "{council:?} {starts}–{ends}");
            if let Some(term) = late {
                assert!(council.late_round_vi(term).contains(&term.closes_by.format("%d/%m/%Y").to_string()));
            }
        }
    }
}
