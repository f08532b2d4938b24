//! A certified product's score out of 100, kept to the hundredth as councils average it and
//! provinces publish it ("89,67", "65,10"): never rounded to whole points, so the score beside
//! the stars is the one the rating was given for.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::folding::fold;
use super::scoring::Stars;
use crate::language::Language;

/// Hundredths in a whole score of 100.
const FULL_MARKS: u32 = 10_000;

/// A score from 0 to 100 to the hundredth, held as hundredths (8967 is 89.67 points).
///
/// Written with two decimals when it has a fraction and as a whole number otherwise, in
/// every place it is shown: `89,67` and `71,10` in Vietnamese, `89.67` and `71.10` in English
/// and files, `90` in both. In JSON it is a number (`89.67`, `90`); stored as the hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "ssr",
    derive(utoipa::ToSchema),
    schema(value_type = f64, minimum = 0, maximum = 100, multiple_of = 0.01, example = 89.67)
)]
pub struct Score(u16);

impl Score {
    /// The score of `hundredths` (8967 is 89.67), if it is from 0 to 10000.
    pub fn from_hundredths(hundredths: u32) -> Option<Score> {
        (hundredths <= FULL_MARKS).then_some(Score(hundredths as u16))
    }

    /// The score ×100, as stored.
    pub fn hundredths(self) -> u32 {
        u32::from(self.0)
    }

    /// The band this score reaches, compared exactly: 69,99 is 3★, 70 is 4★.
    pub fn band(self) -> Stars {
        Stars::ALL.into_iter().rev().find(|stars| self.hundredths() >= stars.min_points() * 100).unwrap_or(Stars::ONE)
    }

    /// A score as people and lists write it: `72`, `72.1`, `72,10`, `71.00 điểm`. One decimal
    /// separator (dot or comma) and at most two decimals: a third is refused, never rounded.
    pub fn parse(text: &str) -> Result<Score, ScoreError> {
        let text = text.trim();
        // "71.00 điểm": the unit may follow the number.
        let number = match text.rsplit_once(char::is_whitespace) {
            Some((number, unit)) if fold(unit) == "diem" => number.trim_end(),
            _ => text,
        };
        let (whole, fraction) = number.split_once(['.', ',']).unwrap_or((number, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        let has_separator = whole.len() < number.len();
        if whole.is_empty() || !digits(whole) || !digits(fraction) || (has_separator && fraction.is_empty()) {
            return Err(ScoreError::NotAScore);
        }
        if fraction.len() > 2 {
            return Err(ScoreError::TooManyDecimals);
        }
        let fraction: u32 = format!("{fraction:0<2}").parse().map_err(|_| ScoreError::NotAScore)?;
        let whole: u32 = whole.parse().map_err(|_| ScoreError::OutOfRange)?;
        whole.checked_mul(100).and_then(|h| Score::from_hundredths(h + fraction)).ok_or(ScoreError::OutOfRange)
    }

    /// The score written with `separator` before its decimals, if it has any.
    fn written(self, separator: char) -> String {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        if fraction == 0 {
            whole.to_string()
        } else {
            format!("{whole}{separator}{fraction:02}")
        }
    }

    /// As Vietnamese write it: `89,67`, `90`.
    pub fn text_vi(self) -> String {
        self.written(',')
    }

    /// As English writes it, and files: `89.67`, `90` (also its `Display`).
    pub fn text_en(self) -> String {
        self.written('.')
    }

    /// As `language` writes it, with the decimal separator its catalogue gives.
    pub fn text(self, language: Language) -> String {
        self.written(decimal_separator(language))
    }
}

/// The decimal separator of `language`: a comma in Vietnamese, as the catalogue says for others.
pub fn decimal_separator(language: Language) -> char {
    language.tr_in("decimal separator", ",").chars().next().unwrap_or(',')
}

/// A stored score: the column holds the hundredths.
impl TryFrom<i64> for Score {
    type Error = ScoreError;

    fn try_from(hundredths: i64) -> Result<Self, ScoreError> {
        u32::try_from(hundredths).ok().and_then(Score::from_hundredths).ok_or(ScoreError::OutOfRange)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text_en())
    }
}

/// A JSON number: whole scores as integers (`90`), others to two decimals (`89.67`).
impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(100) {
            serializer.serialize_u32(u32::from(self.0 / 100))
        } else {
            // Division is correctly rounded, so this is the double nearest 89.67 and prints so.
            serializer.serialize_f64(f64::from(self.0) / 100.0)
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let points = f64::deserialize(deserializer)?;
        let hundredths = (points * 100.0).round();
        // Anything further than float noise from a hundredth had more decimals than a score has.
        if !(0.0..=f64::from(FULL_MARKS)).contains(&hundredths) || (points * 100.0 - hundredths).abs() > 1e-6 {
            return Err(serde::de::Error::custom(ScoreError::TooManyDecimals.message(Language::En)));
        }
        Ok(Score(hundredths as u16))
    }
}

/// Why a written score was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreError {
    /// Not a number with at most one decimal separator ("72,1,0", "abc", "-1").
    NotAScore,
    /// More than two decimals ("72.123"): a score is kept to the hundredth.
    TooManyDecimals,
    /// Above 100.
    OutOfRange,
}

impl ScoreError {
    /// Every refusal, for the catalogue's test.
    pub const ALL: [ScoreError; 3] = [Self::NotAScore, Self::TooManyDecimals, Self::OutOfRange];
    pub fn message_vi(self) -> &'static str {
        match self {
            ScoreError::NotAScore => "cần một số điểm từ 0 đến 100, như 72, 72,1 hoặc 72,10.",
            ScoreError::TooManyDecimals => "điểm chỉ lấy đến hai chữ số thập phân, như 72,13.",
            ScoreError::OutOfRange => "điểm phải từ 0 đến 100.",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn message(self, language: Language) -> &'static str {
        language.tr_in("ScoreError", self.message_vi())
    }
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Language::En))
    }
}

impl std::error::Error for ScoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scoreerror_is_in_all() {
        // No wildcard: a new variant fails to compile here until ALL lists it too.
        let listed = |value: ScoreError| match value {
            ScoreError::NotAScore | ScoreError::TooManyDecimals | ScoreError::OutOfRange => {
                ScoreError::ALL.contains(&value)
            }
        };
        assert!(ScoreError::ALL.into_iter().all(listed));
        assert_eq!(ScoreError::ALL.len(), 3);
    }

    #[test]
    fn reads_scores_as_they_are_written() {
        // (as written, hundredths)
        let cases = [
            ("72", 7200),
            ("72.1", 7210),
            ("72,1", 7210),
            ("72,10", 7210),
            ("72.10", 7210),
            ("71,00", 7100),
            ("71.00 điểm", 7100),
            ("  89,67 Điểm ", 8967),
            ("0", 0),
            ("100", 10000),
            ("100,00", 10000),
        ];
        for (text, expected) in cases {
            assert_eq!(Score::parse(text).map(Score::hundredths), Ok(expected), "{text:?}");
        }
        let refusals: [(ScoreError, &[&str]); 3] = [
            (ScoreError::NotAScore, &["72,1,0", "1.234,5", "-1", "abc", "", "72.", ",5", "7 2", "điểm"]),
            (ScoreError::TooManyDecimals, &["72.123", "72,100"]),
            (ScoreError::OutOfRange, &["100,01", "101", "99999999999"]),
        ];
        for (refusal, texts) in refusals {
            for text in texts {
                assert_eq!(Score::parse(text).map(Score::hundredths), Err(refusal), "{text:?}");
            }
        }
    }

    #[test]
    fn writes_decimals_only_when_there_is_a_fraction() {
        // (hundredths, Vietnamese, English, JSON)
        let cases = [
            (8967, "89,67", "89.67", "89.67"),
            (7110, "71,10", "71.10", "71.1"),
            (6501, "65,01", "65.01", "65.01"),
            (9000, "90", "90", "90"),
            (0, "0", "0", "0"),
            (10000, "100", "100", "100"),
        ];
        for (hundredths, vi, en, json) in cases {
            let score = Score::from_hundredths(hundredths).expect("in range");
            assert_eq!((score.text_vi().as_str(), score.text_en().as_str()), (vi, en), "{hundredths}");
            assert_eq!((score.text(Language::Vi), score.text(Language::En)), (score.text_vi(), score.text_en()));
            assert_eq!(serde_json::to_string(&score).unwrap(), json, "{hundredths}");
            assert_eq!(serde_json::from_str::<Score>(json).unwrap(), score, "{json} reads back");
        }
        assert_eq!(Score::from_hundredths(10001), None);
    }

    #[test]
    fn json_refuses_what_a_score_cannot_be() {
        for json in ["89.671", "-1", "100.01", "\"89.67\""] {
            assert!(serde_json::from_str::<Score>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn bands_compare_the_exact_score() {
        // (hundredths, stars)
        let cases = [(9000, 5), (8999, 4), (8967, 4), (7000, 4), (6999, 3), (5000, 3), (4999, 2), (2999, 1), (0, 1)];
        for (hundredths, stars) in cases {
            assert_eq!(Score::from_hundredths(hundredths).unwrap().band().get(), stars, "{hundredths}");
        }
    }
}
