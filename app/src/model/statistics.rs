use serde::{Deserialize, Serialize};

/// One row of a statistics table: what is counted and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: u64,
}

/// The public statistics of the catalog, as of `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CatalogStatistics {
    pub as_of: String,
    /// Products whose rating may still hold (valid, expiring or of unknown validity).
    pub in_force: u64,
    pub by_stars: Vec<Count>,
    pub by_industry: Vec<Count>,
    pub by_province: Vec<Count>,
    /// Certificates that end within the next 6 months.
    pub expiring_within_6_months: u64,
    /// Ratings by year of recognition, all of them, in force or not.
    pub by_year: Vec<Count>,
}

/// The tables a person can download, by the name used in their URL.
/// (name, what a table counts by in Vietnamese, in English)
pub const STATISTICS_TABLES: [(&str, &str, &str); 4] = [
    ("stars", "Hạng sao", "Stars"),
    ("industry", "Ngành", "Industry"),
    ("province", "Tỉnh, thành phố", "Province"),
    ("year", "Năm công nhận", "Year certified"),
];

impl CatalogStatistics {
    pub fn table(&self, name: &str) -> Option<&[Count]> {
        match name {
            "stars" => Some(&self.by_stars),
            "industry" => Some(&self.by_industry),
            "province" => Some(&self.by_province),
            "year" => Some(&self.by_year),
            _ => None,
        }
    }
}
