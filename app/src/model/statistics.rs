use serde::{Deserialize, Serialize};

use crate::language::Language;

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
pub const STATISTICS_TABLES: [&str; 4] = ["stars", "industry", "province", "year"];

/// What table `name` of `STATISTICS_TABLES` counts by, in `t`.
pub fn statistics_table_by(name: &str, t: Language) -> &'static str {
    match name {
        "stars" => t.tr("Hạng sao"),
        "industry" => t.tr("Ngành"),
        "province" => t.tr("Tỉnh, thành phố"),
        _ => t.tr("Năm công nhận"),
    }
}

impl Count {
    /// The catalog filtered to what this row of table `table` counts (in force, as the
    /// statistics count), where the catalog has such a filter.
    pub fn catalog_href(&self, table: &str) -> Option<String> {
        let filter = match table {
            "stars" if matches!(self.key.as_str(), "3" | "4" | "5") => "stars",
            "industry" if self.key != "-" => "industry",
            "province" => "province",
            _ => return None,
        };
        Some(format!("/{}", super::query_string(&[(filter, &self.key)])))
    }
}

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

#[cfg(test)]
mod tests {
    use super::Count;

    #[test]
    fn a_row_links_to_the_catalog_filtered_to_it_where_the_catalog_can() {
        let cases = [
            ("stars", "4", Some("/?stars=4")),
            ("stars", "2", None),
            ("industry", "I", Some("/?industry=I")),
            ("industry", "-", None),
            ("province", "01", Some("/?province=01")),
            ("year", "2024", None),
        ];
        for (table, key, expected) in cases {
            let row = Count { key: key.into(), label: key.into(), count: 1 };
            assert_eq!(row.catalog_href(table).as_deref(), expected, "{table} {key}");
        }
    }
}
