//! The OCOP product code printed on stamps and certificates: province, commune, number and year
//! of recognition, as `48-20194-0001-2026`.
//!
//! The fields are private so that every `ProductCode` in the program is a valid one: it can
//! only be made by [`ProductCode::new`] or by parsing, and both check every part.

use std::fmt;
use std::str::FromStr;

use crate::language::Language;
use serde::{Deserialize, Serialize};

/// A valid product code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductCode {
    province: String,
    commune: String,
    number: u32,
    year: u16,
}

/// The four parts of a product code, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePart {
    /// Two digits: the province's code.
    Province,
    /// Five digits: the commune's code.
    Commune,
    /// Four digits: the product's number.
    Number,
    /// Four digits: the year of recognition.
    Year,
}

impl CodePart {
    /// Every part, in the code's order.
    pub const ALL: [CodePart; 4] = [Self::Province, Self::Commune, Self::Number, Self::Year];
    /// How many digits the part has.
    pub fn digits(self) -> usize {
        match self {
            CodePart::Province => 2,
            CodePart::Commune => 5,
            CodePart::Number | CodePart::Year => 4,
        }
    }

    /// The part's name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            CodePart::Province => "mã tỉnh",
            CodePart::Commune => "mã xã",
            CodePart::Number => "số thứ tự sản phẩm",
            CodePart::Year => "năm",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("CodePart", self.label_vi())
    }
}

/// The earliest year a code may carry.
pub const MIN_YEAR: u16 = 2000;
/// The latest year a code may carry.
pub const MAX_YEAR: u16 = 2100;
/// The highest product number (four digits).
pub const MAX_NUMBER: u32 = 9999;

/// Why a text or a set of parts is not a product code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductCodeError {
    /// Not four parts separated by dashes.
    Shape { text: String },
    /// A part contains something other than the digits 0–9.
    NotDigits { part: CodePart, text: String },
    /// A part has the wrong number of digits.
    Length { part: CodePart, text: String },
    /// The number is 0 or above 9999.
    NumberOutOfRange { number: u32 },
    /// The year is before 2000 or after 2100.
    YearOutOfRange { year: u16 },
}

impl ProductCodeError {
    /// The refusal in `language`, a part named in it too.
    pub fn message(&self, language: Language) -> String {
        match self {
            ProductCodeError::Shape { text } => language.tr_with(
                "\"{text}\" không phải mã sản phẩm; mã gồm bốn phần cách nhau bởi dấu gạch ngang, \
                 ví dụ 48-20194-0001-2026.",
                &[("text", text)],
            ),
            ProductCodeError::NotDigits { part, text } => language.tr_with(
                "Phần {part} \"{text}\" chỉ được gồm các chữ số từ 0 đến 9.",
                &[("part", &part.label(language)), ("text", text)],
            ),
            ProductCodeError::Length { part, text } => language.tr_with(
                "Phần {part} \"{text}\" phải gồm đúng {digits} chữ số.",
                &[("part", &part.label(language)), ("text", text), ("digits", &part.digits())],
            ),
            ProductCodeError::NumberOutOfRange { number } => language.tr_with(
                "Số thứ tự sản phẩm phải từ 1 đến {max}, không thể là {number}.",
                &[("max", &MAX_NUMBER), ("number", number)],
            ),
            ProductCodeError::YearOutOfRange { year } => language.tr_with(
                "Năm phải từ {min} đến {max}, không thể là {year}.",
                &[("min", &MIN_YEAR), ("max", &MAX_YEAR), ("year", year)],
            ),
        }
    }
}

/// In English, for serde's refusal of a code read from JSON and for `Error`.
impl fmt::Display for ProductCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for ProductCodeError {}

/// Checks that `text` is exactly the part's number of ASCII digits. Non-digits are reported
/// before the length, as "4a" is better explained by the letter than by the count.
fn check_digits(part: CodePart, text: &str) -> Result<(), ProductCodeError> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProductCodeError::NotDigits { part, text: text.to_owned() });
    }
    if text.len() != part.digits() {
        return Err(ProductCodeError::Length { part, text: text.to_owned() });
    }
    Ok(())
}

/// The value of a string of ASCII digits already checked by [`check_digits`] (at most 5).
fn digits_value(text: &str) -> u32 {
    text.bytes().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
}

impl ProductCode {
    /// A code from its parts: `province` 2 digits, `commune` 5 digits, `number` 1 to 9999,
    /// `year` 2000 to 2100.
    pub fn new(province: &str, commune: &str, number: u32, year: u16) -> Result<Self, ProductCodeError> {
        check_digits(CodePart::Province, province)?;
        check_digits(CodePart::Commune, commune)?;
        if !(1..=MAX_NUMBER).contains(&number) {
            return Err(ProductCodeError::NumberOutOfRange { number });
        }
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(ProductCodeError::YearOutOfRange { year });
        }
        Ok(ProductCode { province: province.to_owned(), commune: commune.to_owned(), number, year })
    }

    /// The 2-digit province code.
    pub fn province(&self) -> &str {
        &self.province
    }

    /// The 5-digit commune code.
    pub fn commune(&self) -> &str {
        &self.commune
    }

    /// The product's number within its commune and year, 1 to 9999.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The year of recognition.
    pub fn year(&self) -> u16 {
        self.year
    }
}

impl fmt::Display for ProductCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:04}-{}", self.province, self.commune, self.number, self.year)
    }
}

impl FromStr for ProductCode {
    type Err = ProductCodeError;

    /// Parses the printed form; spaces around the code (from copying) are ignored, nothing else.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let &[province, commune, number, year] = parts.as_slice() else {
            return Err(ProductCodeError::Shape { text: text.to_owned() });
        };
        check_digits(CodePart::Province, province)?;
        check_digits(CodePart::Commune, commune)?;
        check_digits(CodePart::Number, number)?;
        check_digits(CodePart::Year, year)?;
        // Both are four checked digits, so at most 9999: the ranges are left to `new`.
        let year = u16::try_from(digits_value(year)).unwrap_or(u16::MAX);
        ProductCode::new(province, commune, digits_value(number), year)
    }
}

impl TryFrom<String> for ProductCode {
    type Error = ProductCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<ProductCode> for String {
    fn from(code: ProductCode) -> String {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_codepart_is_in_all() {
        // No wildcard: a new variant fails to compile here until ALL lists it too.
        let listed = |value: CodePart| match value {
            CodePart::Province | CodePart::Commune | CodePart::Number | CodePart::Year => {
                CodePart::ALL.contains(&value)
            }
        };
        assert!(CodePart::ALL.into_iter().all(listed));
        assert_eq!(CodePart::ALL.len(), 4);
    }

    #[test]
    fn parses_and_prints() {
        // (text, printed, province, commune, number, year)
        const CASES: &[(&str, &str, &str, &str, u32, u16)] = &[
            ("48-20194-0001-2026", "48-20194-0001-2026", "48", "20194", 1, 2026),
            ("01-00004-9999-2000", "01-00004-9999-2000", "01", "00004", 9999, 2000),
            ("96-32248-0420-2100", "96-32248-0420-2100", "96", "32248", 420, 2100),
            (" 79-26734-0012-2025\n", "79-26734-0012-2025", "79", "26734", 12, 2025),
        ];
        for &(text, printed, province, commune, number, year) in CASES {
            let code: ProductCode = text.parse().unwrap_or_else(|err| panic!("{text:?}: {err}"));
            assert_eq!(
                (code.province(), code.commune(), code.number(), code.year()),
                (province, commune, number, year),
                "{text:?}"
            );
            assert_eq!(code.to_string(), printed);
            assert_eq!(printed.parse::<ProductCode>().as_ref(), Ok(&code), "printing then parsing gives it back");
            assert_eq!(ProductCode::new(province, commune, number, year).as_ref(), Ok(&code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{printed}\""));
            assert_eq!(serde_json::from_str::<ProductCode>(&json).unwrap(), code);
        }
        assert_eq!(ProductCode::new("48", "20194", 7, 2026).unwrap().to_string(), "48-20194-0007-2026");
    }

    #[test]
    fn refuses_malformed_codes() {
        use CodePart::*;
        let text = |s: &str| s.to_owned();
        let cases: Vec<(&str, ProductCodeError)> = vec![
            ("", ProductCodeError::Shape { text: text("") }),
            ("48201940001 2026", ProductCodeError::Shape { text: text("48201940001 2026") }),
            ("48-20194-0001", ProductCodeError::Shape { text: text("48-20194-0001") }),
            ("48-20194-0001-2026-1", ProductCodeError::Shape { text: text("48-20194-0001-2026-1") }),
            ("48–20194–0001–2026", ProductCodeError::Shape { text: text("48–20194–0001–2026") }),
            ("4-20194-0001-2026", ProductCodeError::Length { part: Province, text: text("4") }),
            ("048-20194-0001-2026", ProductCodeError::Length { part: Province, text: text("048") }),
            ("4a-20194-0001-2026", ProductCodeError::NotDigits { part: Province, text: text("4a") }),
            ("48-2019-0001-2026", ProductCodeError::Length { part: Commune, text: text("2019") }),
            ("48--0001-2026", ProductCodeError::Length { part: Commune, text: text("") }),
            ("48-2O194-0001-2026", ProductCodeError::NotDigits { part: Commune, text: text("2O194") }),
            ("48-20194-1-2026", ProductCodeError::Length { part: Number, text: text("1") }),
            ("48-20194-00001-2026", ProductCodeError::Length { part: Number, text: text("00001") }),
            ("48-20194-+001-2026", ProductCodeError::NotDigits { part: Number, text: text("+001") }),
            ("48-20194-٠٠٠١-2026", ProductCodeError::NotDigits { part: Number, text: text("٠٠٠١") }),
            ("48-20194-0000-2026", ProductCodeError::NumberOutOfRange { number: 0 }),
            ("48-20194-0001-1999", ProductCodeError::YearOutOfRange { year: 1999 }),
            ("48-20194-0001-2101", ProductCodeError::YearOutOfRange { year: 2101 }),
            ("48-20194-0001-0000", ProductCodeError::YearOutOfRange { year: 0 }),
            ("48-20194-0001-20x6", ProductCodeError::NotDigits { part: Year, text: text("20x6") }),
            ("48-20194-0001-26", ProductCodeError::Length { part: Year, text: text("26") }),
        ];
        for (input, expected) in cases {
            let err = input.parse::<ProductCode>().expect_err(input);
            assert_eq!(err, expected, "{input:?}");
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && vietnamese.ends_with('.') && english != vietnamese, "{err}");
            assert!(serde_json::from_str::<ProductCode>(&format!("{input:?}")).is_err(), "serde refuses {input:?}");
        }
    }

    #[test]
    fn refuses_bad_parts() {
        use CodePart::*;
        let cases: &[(&str, &str, u32, u16, ProductCodeError)] = &[
            ("4", "20194", 1, 2026, ProductCodeError::Length { part: Province, text: "4".into() }),
            ("48", "2019a", 1, 2026, ProductCodeError::NotDigits { part: Commune, text: "2019a".into() }),
            ("48", "20194", 0, 2026, ProductCodeError::NumberOutOfRange { number: 0 }),
            ("48", "20194", 10000, 2026, ProductCodeError::NumberOutOfRange { number: 10000 }),
            ("48", "20194", 1, 1999, ProductCodeError::YearOutOfRange { year: 1999 }),
        ];
        for (province, commune, number, year, expected) in cases {
            assert_eq!(ProductCode::new(province, commune, *number, *year).as_ref(), Err(expected));
        }
    }

    #[test]
    fn error_sentences() {
        const CASES: &[(&str, &str, &str)] = &[
            (
                "48-20194-0001",
                "\"48-20194-0001\" is not a product code, which has four parts separated by dashes, like 48-20194-0001-2026.",
                "\"48-20194-0001\" không phải mã sản phẩm; mã gồm bốn phần cách nhau bởi dấu gạch ngang, ví dụ 48-20194-0001-2026.",
            ),
            (
                "4a-20194-0001-2026",
                "The province code \"4a\" may contain only the digits 0 to 9.",
                "Phần mã tỉnh \"4a\" chỉ được gồm các chữ số từ 0 đến 9.",
            ),
            (
                "48-2019-0001-2026",
                "The commune code \"2019\" must have exactly 5 digits.",
                "Phần mã xã \"2019\" phải gồm đúng 5 chữ số.",
            ),
            (
                "48-20194-0000-2026",
                "The product number must be from 1 to 9999, not 0.",
                "Số thứ tự sản phẩm phải từ 1 đến 9999, không thể là 0.",
            ),
            (
                "48-20194-0001-1999",
                "The year must be from 2000 to 2100, not 1999.",
                "Năm phải từ 2000 đến 2100, không thể là 1999.",
            ),
        ];
        for &(input, english, vietnamese) in CASES {
            let err = input.parse::<ProductCode>().expect_err(input);
            assert_eq!(err.message(Language::En), english);
            assert_eq!(err.to_string(), english);
            assert_eq!(err.message(Language::Vi), vietnamese);
        }
    }
}
