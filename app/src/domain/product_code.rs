//! The OCOP product code: province, commune, number and year, as `48-20194-0001-2026`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProductCode {
    province: String,
    commune: String,
    number: u32,
    year: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductCodeError {
    Shape(String),
    Province(String),
    Commune(String),
    Number(String),
    Year(String),
}

impl fmt::Display for ProductCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProductCodeError::Shape(code) => {
                write!(f, "\"{code}\" is not a product code: it has four parts, like 48-20194-0001-2026.")
            }
            ProductCodeError::Province(part) => write!(f, "The province part \"{part}\" must be 2 digits."),
            ProductCodeError::Commune(part) => write!(f, "The commune part \"{part}\" must be 5 digits."),
            ProductCodeError::Number(part) => write!(f, "The number part \"{part}\" must be from 0001 to 9999."),
            ProductCodeError::Year(part) => write!(f, "The year part \"{part}\" must be a year from 2000 to 2100."),
        }
    }
}

impl ProductCodeError {
    pub fn message_vi(&self) -> String {
        match self {
            ProductCodeError::Shape(code) => {
                format!("\"{code}\" không phải mã sản phẩm: mã gồm bốn phần, ví dụ 48-20194-0001-2026.")
            }
            ProductCodeError::Province(part) => format!("Phần mã tỉnh \"{part}\" phải gồm 2 chữ số."),
            ProductCodeError::Commune(part) => format!("Phần mã xã \"{part}\" phải gồm 5 chữ số."),
            ProductCodeError::Number(part) => format!("Phần số thứ tự \"{part}\" phải từ 0001 đến 9999."),
            ProductCodeError::Year(part) => format!("Phần năm \"{part}\" phải là năm từ 2000 đến 2100."),
        }
    }
}

impl std::error::Error for ProductCodeError {}

fn digits(part: &str, len: usize) -> bool {
    part.len() == len && part.bytes().all(|b| b.is_ascii_digit())
}

impl ProductCode {
    pub fn new(province: &str, commune: &str, number: u32, year: u16) -> Result<Self, ProductCodeError> {
        if !digits(province, 2) {
            return Err(ProductCodeError::Province(province.to_string()));
        }
        if !digits(commune, 5) {
            return Err(ProductCodeError::Commune(commune.to_string()));
        }
        if !(1..=9999).contains(&number) {
            return Err(ProductCodeError::Number(number.to_string()));
        }
        if !(2000..=2100).contains(&year) {
            return Err(ProductCodeError::Year(year.to_string()));
        }
        Ok(ProductCode { province: province.to_string(), commune: commune.to_string(), number, year })
    }

    pub fn province(&self) -> &str {
        &self.province
    }
    pub fn commune(&self) -> &str {
        &self.commune
    }
    pub fn number(&self) -> u32 {
        self.number
    }
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

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let [province, commune, number, year] = parts.as_slice() else {
            return Err(ProductCodeError::Shape(text.to_string()));
        };
        let number_value = (digits(number, 4)).then(|| number.parse::<u32>().ok()).flatten();
        let year_value = (digits(year, 4)).then(|| year.parse::<u16>().ok()).flatten();
        let number_value = number_value.ok_or_else(|| ProductCodeError::Number(number.to_string()))?;
        let year_value = year_value.ok_or_else(|| ProductCodeError::Year(year.to_string()))?;
        ProductCode::new(province, commune, number_value, year_value).map_err(|err| match err {
            ProductCodeError::Number(_) => ProductCodeError::Number(number.to_string()),
            other => other,
        })
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
    fn parses_and_prints() {
        let good = [("48-20194-0001-2026", "48-20194-0001-2026"), (" 01-00004-9999-2000 ", "01-00004-9999-2000")];
        for (text, printed) in good {
            let code: ProductCode = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(code.to_string(), printed);
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{printed}\""));
            assert_eq!(serde_json::from_str::<ProductCode>(&format!("\"{printed}\"")).unwrap(), code);
        }
        assert_eq!(ProductCode::new("48", "20194", 7, 2026).unwrap().to_string(), "48-20194-0007-2026");
    }

    #[test]
    fn refuses_malformed_codes() {
        let bad = [
            ("", ProductCodeError::Shape(String::new())),
            ("48-20194-0001", ProductCodeError::Shape("48-20194-0001".into())),
            ("48-20194-0001-2026-1", ProductCodeError::Shape("48-20194-0001-2026-1".into())),
            ("4-20194-0001-2026", ProductCodeError::Province("4".into())),
            ("4a-20194-0001-2026", ProductCodeError::Province("4a".into())),
            ("48-2019-0001-2026", ProductCodeError::Commune("2019".into())),
            ("48-20194-0000-2026", ProductCodeError::Number("0000".into())),
            ("48-20194-1-2026", ProductCodeError::Number("1".into())),
            ("48-20194-0001-1999", ProductCodeError::Year("1999".into())),
            ("48-20194-0001-20x6", ProductCodeError::Year("20x6".into())),
        ];
        for (text, expected) in bad {
            assert_eq!(text.parse::<ProductCode>(), Err(expected), "{text:?}");
        }
        assert!(serde_json::from_str::<ProductCode>("\"x\"").is_err());
        assert_eq!(
            ProductCodeError::Year("1999".into()).message_vi(),
            "Phần năm \"1999\" phải là năm từ 2000 đến 2100."
        );
    }
}
