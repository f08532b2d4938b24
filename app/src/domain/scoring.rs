//! The scoring engine: the chosen options of a sheet → part totals, total, star band, and the
//! rating once the minimum requirements (`min_stars`) are applied.
//!
//! The browser runs it for live previews while a member fills a sheet, and the server runs it
//! for the authoritative result, so both always agree.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::criteria::{Criterion, ScoreSheet};
use crate::language::Language;

/// A star rating from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    /// One star, the lowest rating.
    pub const ONE: Stars = Stars(1);
    /// Two stars.
    pub const TWO: Stars = Stars(2);
    /// Three stars.
    pub const THREE: Stars = Stars(3);
    /// Four stars.
    pub const FOUR: Stars = Stars(4);
    /// Five stars, the highest rating.
    pub const FIVE: Stars = Stars(5);
    /// Every rating, lowest first.
    pub const ALL: [Stars; 5] = [Stars::ONE, Stars::TWO, Stars::THREE, Stars::FOUR, Stars::FIVE];
    /// The lowest rating that earns a certificate.
    pub const CERTIFIED_FROM: Stars = Stars::THREE;

    /// The rating with this many stars, if it is from 1 to 5.
    pub fn new(stars: u8) -> Option<Stars> {
        (1..=5).contains(&stars).then_some(Stars(stars))
    }

    /// The band of a total: 5★ from 90, 4★ from 70, 3★ from 50, 2★ from 30, else 1★.
    pub fn for_points(points: u32) -> Stars {
        Stars(match points {
            90.. => 5,
            70..=89 => 4,
            50..=69 => 3,
            30..=49 => 2,
            _ => 1,
        })
    }

    /// The least total that reaches this band (0 for 1★).
    pub fn min_points(self) -> u32 {
        match self.0 {
            5 => 90,
            4 => 70,
            3 => 50,
            2 => 30,
            _ => 0,
        }
    }

    /// The number of stars.
    pub fn get(self) -> u8 {
        self.0
    }

    /// The rating one star higher, if there is one.
    pub fn next(self) -> Option<Stars> {
        Stars::new(self.0 + 1)
    }

    /// Whether this rating earns a certificate (3 stars or more).
    pub fn is_certifiable(self) -> bool {
        self >= Stars::CERTIFIED_FROM
    }
}

impl fmt::Display for Stars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<u8> for Stars {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Stars::new(value).ok_or_else(|| format!("{value} is not a star rating from 1 to 5"))
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> u8 {
        stars.0
    }
}

/// The option chosen, by its position in the criterion's list, for each scored criterion code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Choices(BTreeMap<String, usize>);

impl Choices {
    /// No choice yet.
    pub fn new() -> Self {
        Choices::default()
    }

    /// Chooses option `option` (0-based) in criterion `criterion`, replacing an earlier choice.
    pub fn choose(&mut self, criterion: &str, option: usize) -> &mut Self {
        self.0.insert(criterion.to_owned(), option);
        self
    }

    /// Takes back the choice made in `criterion`, returning it.
    pub fn unchoose(&mut self, criterion: &str) -> Option<usize> {
        self.0.remove(criterion)
    }

    /// The option chosen in `criterion`.
    pub fn get(&self, criterion: &str) -> Option<usize> {
        self.0.get(criterion).copied()
    }

    /// Every (criterion code, option) in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.0.iter().map(|(code, &option)| (code.as_str(), option))
    }

    /// How many criteria have a choice.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no criterion has a choice.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<BTreeMap<String, usize>> for Choices {
    fn from(map: BTreeMap<String, usize>) -> Self {
        Choices(map)
    }
}

impl FromIterator<(String, usize)> for Choices {
    fn from_iter<I: IntoIterator<Item = (String, usize)>>(iter: I) -> Self {
        Choices(iter.into_iter().collect())
    }
}

/// A minimum requirement: a product rated `min_stars` or more must have, in this criterion, the
/// option `required_option_label` or one worth at least `required_points`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// The criterion that sets the requirement.
    pub criterion_code: String,
    /// The criterion as printed on the sheet.
    pub criterion_label: String,
    /// The lowest rating the requirement applies to (it applies to every rating above too).
    pub min_stars: Stars,
    /// The option the requirement names.
    pub required_option_label: String,
    /// The points of that option: any choice worth as many meets the requirement.
    pub required_points: u32,
}

/// The result of scoring one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// (part code, points, maximum) for each part, in sheet order.
    pub part_totals: Vec<(String, u32, u32)>,
    /// The sum of the part totals, 0 to 100.
    pub total: u32,
    /// The band of the total alone.
    pub band: Stars,
    /// The highest level whose minimum requirements the choices all meet, whatever the points:
    /// the rating this sheet would get if its total were 100.
    pub minimums_allow: Stars,
    /// The rating: the band lowered to what the minimum requirements allow.
    pub stars: Stars,
    /// Scored criteria with no choice yet, in sheet order; they count 0 and meet no requirement.
    pub unanswered: Vec<String>,
    /// The unmet requirements of the level just above `stars` (empty at 5 stars): what must
    /// change, besides points, to earn one more star.
    pub blocking_next: Vec<Requirement>,
    /// Every unmet requirement of a level up to the band, in sheet order.
    pub unmet: Vec<Requirement>,
    /// The unmet requirements of the level just above `minimums_allow`: what caps this sheet
    /// whatever its points (empty when every minimum is met).
    #[serde(default)]
    pub capping: Vec<Requirement>,
    /// Points missing to reach the next certifiable band (three stars and up: a producer aims
    /// at a certificate, not at two stars), if the band is below 5.
    pub points_to_next: Option<u32>,
}

impl Assessment {
    /// Whether the rating earns a certificate (3 stars or more).
    pub fn certifiable(&self) -> bool {
        self.stars.is_certifiable()
    }
}

/// Why a set of choices cannot be scored on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoringError {
    /// No criterion of the sheet has this code.
    UnknownCriterion { sheet: String, criterion: String },
    /// The criterion groups sub-criteria and is not scored itself.
    NotScorable { sheet: String, criterion: String },
    /// The option index is past the end of the criterion's options.
    OptionOutOfRange { sheet: String, criterion: String, option: usize, options: usize },
}

impl ScoringError {
    /// The refusal in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            ScoringError::UnknownCriterion { sheet, criterion } => language
                .tr_with("Phiếu {sheet} không có tiêu chí {criterion}.", &[("sheet", sheet), ("criterion", criterion)]),
            ScoringError::NotScorable { sheet, criterion } => language.tr_with(
                "Tiêu chí {criterion} của phiếu {sheet} gồm các tiêu chí con nên không chấm điểm trực tiếp.",
                &[("sheet", sheet), ("criterion", criterion)],
            ),
            // Options are numbered from 1 for people; the index is 0-based.
            ScoringError::OptionOutOfRange { sheet, criterion, option, options } => language.tr_count(
                "Tiêu chí {criterion} của phiếu {sheet} chỉ có {options} mức, không thể chọn mức {option}.",
                *options as u64,
                &[("sheet", sheet), ("criterion", criterion), ("options", options), ("option", &(option + 1))],
            ),
        }
    }
}

/// In English, for the portal's and the back office's errors that wrap it.
impl fmt::Display for ScoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for ScoringError {}

/// The requirements a criterion's options set, each with whether the chosen option meets it.
fn requirements_of<'a>(
    criterion: &'a Criterion,
    chosen_points: Option<u32>,
) -> impl Iterator<Item = (Requirement, bool)> + 'a {
    criterion.options.iter().filter_map(move |option| {
        let level = option.min_stars?;
        // "That option or one worth at least as many points": an unanswered criterion meets nothing.
        let met = chosen_points.is_some_and(|points| points >= option.points);
        let requirement = Requirement {
            criterion_code: criterion.code.clone(),
            criterion_label: criterion.label.clone(),
            min_stars: level,
            required_option_label: option.label.clone(),
            required_points: option.points,
        };
        Some((requirement, met))
    })
}

/// Scores `choices` on `sheet` (which should have passed [`ScoreSheet::check`]).
///
/// A choice for an unknown or grouping criterion, or for an option that does not exist, is an
/// error rather than ignored: a council member's sheet must mean exactly what it says.
pub fn assess(sheet: &ScoreSheet, choices: &Choices) -> Result<Assessment, ScoringError> {
    for (code, _) in choices.iter() {
        match sheet.criterion(code) {
            None => {
                return Err(ScoringError::UnknownCriterion { sheet: sheet.code.clone(), criterion: code.to_owned() })
            }
            Some(criterion) if !criterion.is_scorable() => {
                return Err(ScoringError::NotScorable { sheet: sheet.code.clone(), criterion: code.to_owned() })
            }
            Some(_) => {}
        }
    }

    let mut part_totals = Vec::with_capacity(sheet.parts.len());
    let mut unanswered = Vec::new();
    let mut requirements: Vec<(Requirement, bool)> = Vec::new();
    for part in &sheet.parts {
        let mut points = 0;
        for criterion in part.scorable() {
            // The index is checked here, on the criterion itself, rather than up front, so that
            // even an unchecked sheet repeating a code cannot make this panic.
            let chosen_points = match choices.get(&criterion.code) {
                None => None,
                Some(index) => match criterion.options.get(index) {
                    Some(option) => Some(option.points),
                    None => {
                        return Err(ScoringError::OptionOutOfRange {
                            sheet: sheet.code.clone(),
                            criterion: criterion.code.clone(),
                            option: index,
                            options: criterion.options.len(),
                        })
                    }
                },
            };
            match chosen_points {
                Some(chosen) => points += chosen,
                None => unanswered.push(criterion.code.clone()),
            }
            requirements.extend(requirements_of(criterion, chosen_points));
        }
        part_totals.push((part.code.clone(), points, part.max_points));
    }

    let total: u32 = part_totals.iter().map(|(_, points, _)| points).sum();
    let band = Stars::for_points(total);
    // A requirement of level N applies to every rating from N up, so the highest level allowed
    // is just below the lowest unmet level. 1★ needs nothing: it is where a rating bottoms out.
    let lowest_unmet = requirements.iter().filter(|(_, met)| !met).map(|(r, _)| r.min_stars).min();
    let minimums_allow = match lowest_unmet {
        None => Stars::FIVE,
        Some(level) => Stars::new(level.get() - 1).unwrap_or(Stars::ONE),
    };
    let stars = band.min(minimums_allow);
    let unmet_where = |keep: &dyn Fn(Stars) -> bool| -> Vec<Requirement> {
        requirements.iter().filter(|(r, met)| !met && keep(r.min_stars)).map(|(r, _)| r.clone()).collect()
    };
    // Every requirement at or below `stars` is met (that is how `stars` was chosen), so what
    // stands between the rating and the next star is exactly the unmet ones of that level.
    let blocking_next = stars.next().map_or_else(Vec::new, |next| unmet_where(&|level| level == next));
    let unmet = unmet_where(&|level| level <= band);
    let capping = lowest_unmet.map_or_else(Vec::new, |lowest| unmet_where(&|level| level == lowest));
    Ok(Assessment {
        points_to_next: band.next().map(|next| next.max(Stars::THREE).min_points() - total),
        part_totals,
        total,
        band,
        minimums_allow,
        stars,
        unanswered,
        blocking_next,
        unmet,
        capping,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::tests::{criteria_2026, sheet};
    use proptest::prelude::*;

    #[test]
    fn bands_follow_the_decision() {
        const CASES: &[(u32, u8)] =
            &[(0, 1), (29, 1), (30, 2), (49, 2), (50, 3), (69, 3), (70, 4), (89, 4), (90, 5), (99, 5), (100, 5)];
        for &(points, stars) in CASES {
            assert_eq!(Stars::for_points(points).get(), stars, "{points} points");
        }
        for stars in Stars::ALL {
            assert_eq!(Stars::for_points(stars.min_points()), stars, "{stars}★ starts at its minimum");
        }
        // The document states the same bands as the code.
        for band in &criteria_2026().star_bands {
            assert_eq!(band.stars.min_points(), band.min_points, "{}★", band.stars);
        }
    }

    #[test]
    fn stars_are_one_to_five() {
        const CASES: &[(u8, bool)] = &[(0, false), (1, true), (3, true), (5, true), (6, false), (255, false)];
        for &(value, valid) in CASES {
            assert_eq!(Stars::new(value).is_some(), valid, "Stars::new({value})");
            assert_eq!(serde_json::from_str::<Stars>(&value.to_string()).is_ok(), valid, "parse {value}");
        }
        assert_eq!(serde_json::to_string(&Stars::FOUR).unwrap(), "4");
        assert_eq!(Stars::FIVE.next(), None);
        assert_eq!(Stars::TWO.next(), Some(Stars::THREE));
        assert!(!Stars::TWO.is_certifiable() && Stars::THREE.is_certifiable());
    }

    /// In every criterion, the option worth the most (best) or the least (worst) points.
    fn extreme_choices(sheet: &ScoreSheet, best: bool) -> Choices {
        let mut choices = Choices::new();
        for (_, criterion) in sheet.scorable() {
            let points = criterion.options.iter().map(|option| option.points);
            let target = if best { points.clone().max() } else { points.clone().min() };
            let index = points.clone().position(|p| Some(p) == target).expect("a scored criterion has options");
            choices.choose(&criterion.code, index);
        }
        choices
    }

    #[test]
    fn best_options_give_100_and_five_stars_on_every_sheet() {
        for sheet in &criteria_2026().sheets {
            let result = assess(sheet, &extreme_choices(sheet, true)).expect("valid choices");
            assert_eq!((result.total, result.band, result.stars), (100, Stars::FIVE, Stars::FIVE), "{}", sheet.code);
            assert!(result.part_totals.iter().all(|(_, points, max)| points == max), "{}", sheet.code);
            assert!(result.unmet.is_empty() && result.blocking_next.is_empty(), "{}", sheet.code);
            assert!(result.unanswered.is_empty() && result.points_to_next.is_none(), "{}", sheet.code);
            assert!(result.certifiable());
        }
    }

    #[test]
    fn worst_options_score_the_least_on_every_sheet() {
        // Worst totals of the three sheets worked through by hand below (the tourism sheet has no
        // option below 1 point in part B, hence its higher floor).
        const KNOWN: &[(&str, [u32; 3], u32, u8)] = &[
            ("mat-ong-mat-khac-tpthuc-khac", [9, 1, 5], 15, 1),
            ("ruou-trang", [9, 1, 4], 14, 1),
            ("dv-du-lich-cong-dong-sinh-thai", [11, 8, 12], 31, 2),
        ];
        for sheet in &criteria_2026().sheets {
            let worst = assess(sheet, &extreme_choices(sheet, false)).expect("valid choices");
            let least: u32 = sheet.scorable().map(|(_, c)| c.options.iter().map(|o| o.points).min().unwrap_or(0)).sum();
            assert_eq!(worst.total, least, "{}", sheet.code);
            assert_eq!(worst.band, Stars::for_points(least), "{}", sheet.code);
            assert!(!worst.certifiable(), "{}: the worst options are never certifiable", sheet.code);
            if let Some(&(_, parts, total, stars)) = KNOWN.iter().find(|(code, ..)| *code == sheet.code) {
                let points: Vec<u32> = worst.part_totals.iter().map(|(_, points, _)| *points).collect();
                assert_eq!(
                    (points.as_slice(), worst.total, worst.stars.get()),
                    (&parts[..], total, stars),
                    "{}",
                    sheet.code
                );
            }
        }
    }

    /// The index of the first option worth `points` in criterion `code`.
    fn option_worth(sheet: &ScoreSheet, code: &str, points: u32) -> usize {
        let criterion = sheet.criterion(code).unwrap_or_else(|| panic!("{} has criterion {code}", sheet.code));
        criterion
            .options
            .iter()
            .position(|option| option.points == points)
            .unwrap_or_else(|| panic!("{} criterion {code} has an option worth {points}", sheet.code))
    }

    #[test]
    fn hand_computed_cases_on_real_sheets() {
        let cases = include_str!("scoring_cases.txt").lines().filter(|line| !line.is_empty() && !line.starts_with('#'));
        let levels = |column: &str| -> Vec<(String, u8)> {
            column
                .split_whitespace()
                .map(|pair| pair.split_once(':').expect("criterion:level"))
                .map(|(code, level)| (code.to_owned(), level.parse().expect("a level")))
                .collect()
        };
        let mut checked = 0;
        for case in cases {
            checked += 1;
            let [sheet_code, start, set, parts, total, band, stars, blocking, unmet, _why] =
                <[&str; 10]>::try_from(case.split('|').map(str::trim).collect::<Vec<_>>()).expect("ten columns");
            let sheet = sheet(sheet_code);
            let mut choices = extreme_choices(sheet, start == "best");
            let mut unanswered = Vec::new();
            for (code, points) in set.split_whitespace().map(|set| set.split_once('=').expect("criterion=points")) {
                match points {
                    "-" => {
                        choices.unchoose(code).expect("the start answers everything");
                        unanswered.push(code);
                    }
                    points => {
                        choices.choose(code, option_worth(sheet, code, points.parse().expect("points")));
                    }
                }
            }
            let result = assess(sheet, &choices).unwrap_or_else(|err| panic!("{case}: {err}"));
            let parts_got: Vec<String> = result.part_totals.iter().map(|(_, points, _)| points.to_string()).collect();
            assert_eq!(parts_got.join(" "), parts, "{case}: part totals");
            let got = (result.total.to_string(), result.band.get().to_string(), result.stars.get().to_string());
            assert_eq!(got, (total.to_owned(), band.to_owned(), stars.to_owned()), "{case}: total, band, stars");
            let listed = |requirements: &[Requirement]| -> Vec<(String, u8)> {
                requirements.iter().map(|r| (r.criterion_code.clone(), r.min_stars.get())).collect()
            };
            assert_eq!(listed(&result.blocking_next), levels(blocking), "{case}: blocking_next");
            assert_eq!(listed(&result.unmet), levels(unmet), "{case}: unmet");
            assert_eq!(result.unanswered, unanswered, "{case}: unanswered");
            assert_eq!(result.certifiable(), stars >= "3", "{case}: certifiable");
        }
        assert!(checked >= 16, "the table holds {checked} cases");
    }

    #[test]
    fn requirements_carry_the_option_they_ask_for() {
        let honey = sheet("mat-ong-mat-khac-tpthuc-khac");
        let mut choices = extreme_choices(honey, true);
        choices.choose("1.5", option_worth(honey, "1.5", 2));
        let result = assess(honey, &choices).unwrap();
        let requirement = &result.blocking_next[0];
        assert_eq!(requirement.criterion_label, "Liên kết chuỗi trong sản xuất");
        assert_eq!((requirement.min_stars, requirement.required_points), (Stars::FIVE, 3));
        assert!(requirement.required_option_label.starts_with("Có hợp đồng liên kết trên 75%"));
        assert_eq!(result.minimums_allow, Stars::FOUR);
    }

    #[test]
    fn refuses_unknown_criteria_and_options() {
        let spirit = sheet("ruou-trang");
        let cases: &[(&str, usize, ScoringError)] = &[
            ("9.9", 0, ScoringError::UnknownCriterion { sheet: "ruou-trang".into(), criterion: "9.9".into() }),
            ("", 0, ScoringError::UnknownCriterion { sheet: "ruou-trang".into(), criterion: String::new() }),
            ("1", 0, ScoringError::NotScorable { sheet: "ruou-trang".into(), criterion: "1".into() }),
            (
                "1.1",
                3,
                ScoringError::OptionOutOfRange {
                    sheet: "ruou-trang".into(),
                    criterion: "1.1".into(),
                    option: 3,
                    options: 3,
                },
            ),
            (
                "10",
                17,
                ScoringError::OptionOutOfRange {
                    sheet: "ruou-trang".into(),
                    criterion: "10".into(),
                    option: 17,
                    options: 3,
                },
            ),
        ];
        for (code, option, expected) in cases {
            let mut choices = extreme_choices(spirit, true);
            choices.choose(code, *option);
            assert_eq!(assess(spirit, &choices).as_ref(), Err(expected), "{code} option {option}");
        }
        // A sheet that failed its check (1.7, with 2 options, renamed to 1.1, which has 3) is
        // refused rather than indexed out of bounds.
        let mut broken = sheet("mat-ong-mat-khac-tpthuc-khac").clone();
        broken.parts[0].criteria[0].children[6].code = "1.1".into();
        let mut choices = Choices::new();
        choices.choose("1.1", 2);
        assert!(matches!(assess(&broken, &choices), Err(ScoringError::OptionOutOfRange { option: 2, options: 2, .. })));
        let err = ScoringError::OptionOutOfRange {
            sheet: "ruou-trang".into(),
            criterion: "10".into(),
            option: 17,
            options: 3,
        };
        assert_eq!(
            err.message(Language::En),
            "Criterion 10 of sheet ruou-trang has 3 options, so option 18 cannot be chosen."
        );
        assert_eq!(err.to_string(), err.message(Language::En));
        assert_eq!(err.message(Language::Vi), "Tiêu chí 10 của phiếu ruou-trang chỉ có 3 mức, không thể chọn mức 18.");
    }

    #[test]
    fn an_empty_sheet_counts_zero_and_asks_for_everything() {
        let honey = sheet("mat-ong-mat-khac-tpthuc-khac");
        let result = assess(honey, &Choices::new()).expect("empty choices are valid");
        assert_eq!(
            (result.total, result.band, result.stars, result.minimums_allow),
            (0, Stars::ONE, Stars::ONE, Stars::TWO)
        );
        assert_eq!(result.unanswered.len(), honey.scorable().count());
        assert_eq!(result.points_to_next, Some(50), "to three stars, the first certified level");
        assert!(result.unmet.is_empty() && result.blocking_next.is_empty(), "no 2★ minimums exist");
    }

    #[test]
    fn choices_serialize_as_a_map() {
        let mut choices = Choices::new();
        choices.choose("1.2", 0).choose("1.10", 3);
        let json = serde_json::to_string(&choices).unwrap();
        assert_eq!(json, r#"{"1.10":3,"1.2":0}"#);
        assert_eq!(serde_json::from_str::<Choices>(&json).unwrap(), choices);
    }

    /// A sheet index and, per scored criterion, an option seed or `None` (unanswered).
    fn sheet_and_picks() -> impl Strategy<Value = (usize, Vec<Option<usize>>)> {
        (0..26usize, proptest::collection::vec(proptest::option::weighted(0.9, 0..64usize), 64))
    }

    fn choices_from(sheet: &ScoreSheet, picks: &[Option<usize>]) -> Choices {
        sheet
            .scorable()
            .zip(picks.iter().cycle())
            .filter_map(|((_, criterion), pick)| {
                pick.map(|seed| (criterion.code.clone(), seed % criterion.options.len()))
            })
            .collect()
    }

    proptest! {
        #[test]
        fn totals_never_exceed_maxima((index, picks) in sheet_and_picks()) {
            let sheet = &criteria_2026().sheets[index];
            let result = assess(sheet, &choices_from(sheet, &picks)).unwrap();
            for (part, points, max) in &result.part_totals {
                prop_assert!(points <= max, "{} part {}: {} > {}", sheet.code, part, points, max);
            }
            prop_assert_eq!(result.total, result.part_totals.iter().map(|(_, points, _)| points).sum::<u32>());
            prop_assert!(result.total <= 100);
            prop_assert_eq!(result.band, Stars::for_points(result.total));
            prop_assert!(result.stars <= result.band);
            prop_assert!(result.stars <= result.minimums_allow);
            prop_assert!(result.stars == result.band || result.stars == result.minimums_allow);
            prop_assert!(result.blocking_next.iter().all(|r| Some(r.min_stars) == result.stars.next()));
            prop_assert!(result.unmet.iter().all(|r| r.min_stars <= result.band));
        }

        #[test]
        fn a_better_option_never_lowers_the_result((index, picks) in sheet_and_picks(), which in 0..64usize) {
            let sheet = &criteria_2026().sheets[index];
            let choices = choices_from(sheet, &picks);
            let before = assess(sheet, &choices).unwrap();
            let scorable: Vec<&Criterion> = sheet.scorable().map(|(_, criterion)| criterion).collect();
            let criterion = scorable[which % scorable.len()];
            // Unanswered counts as 0 points and meets nothing, so any option is at least as good.
            let current = choices.get(&criterion.code).map(|i| criterion.options[i].points);
            for (i, option) in criterion.options.iter().enumerate() {
                if current.is_some_and(|points| option.points <= points) {
                    continue;
                }
                let mut better = choices.clone();
                better.choose(&criterion.code, i);
                let after = assess(sheet, &better).unwrap();
                // Exactly the difference in points: nothing else on the sheet moves.
                let gained = option.points - current.unwrap_or(0);
                prop_assert_eq!(after.total, before.total + gained, "{} {}: {}", sheet.code, criterion.code, option.label);
                prop_assert!(after.stars >= before.stars, "{} {}: {}", sheet.code, criterion.code, option.label);
                prop_assert!(after.minimums_allow >= before.minimums_allow);
            }
        }
    }
}
