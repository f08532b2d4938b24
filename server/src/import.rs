//! Import of existing product lists (CSV), in the format of `data/sample-products.csv` plus
//! optional columns. Every row is checked first; a file with bad rows changes nothing unless
//! the good rows alone are asked for, and a re-import of the same rows adds nothing.

use std::collections::HashMap;

use app::domain::{expires_on, fold, Stars};
use chrono::{Datelike, NaiveDate};

use crate::db::places::PlaceIndex;
use crate::db::products::{insert_products, NewProducer, NewProduct};
use crate::db::{today, Database};

const REQUIRED: [&str; 6] = ["product_name", "producer_name", "address", "province", "stars", "recognized_year"];
const OPTIONAL: [&str; 11] = [
    "decision",
    "score",
    "subgroup",
    "decision_date",
    "certificate_number",
    "expiry",
    "description",
    "phone",
    "website",
    "producer_kind",
    "commune",
];
/// OCOP ratings began in 2018.
const FIRST_YEAR: i32 = 2018;

pub use app::language::Language;

/// What is wrong with one cell, with the sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub column: String,
    pub message_vi: String,
    pub message_en: String,
}

impl RowError {
    pub fn message(&self, language: Language) -> String {
        match language {
            Language::Vi => format!("Dòng {}, cột {}: {}", self.line, self.column, self.message_vi),
            Language::En => format!("Line {}, column {}: {}", self.line, self.column, self.message_en),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub imported: u64,
    pub already_present: u64,
    pub rejected: Vec<RowError>,
    /// Columns we do not know, which were ignored.
    pub ignored_columns: Vec<String>,
    /// False when nothing was written (bad rows without `good_rows_only`, or a dry run).
    pub written: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    pub good_rows_only: bool,
    pub dry_run: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("The file is not readable CSV ({0}): save it as CSV in UTF-8 with a header row.")]
    Unreadable(String),
    #[error("The header lacks the column(s) {}: the first line must name product_name, producer_name, address, province, stars and recognized_year.", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("The import could not be written ({0}); nothing was changed.")]
    Database(#[from] sqlx::Error),
}

impl ImportError {
    pub fn message(&self, language: Language) -> String {
        match (language, self) {
            (Language::En, _) => self.to_string(),
            (Language::Vi, ImportError::Unreadable(cause)) => {
                format!("Tệp không đọc được dưới dạng CSV ({cause}): hãy lưu tệp ở dạng CSV UTF-8 có dòng tiêu đề.")
            }
            (Language::Vi, ImportError::MissingColumns(columns)) => format!(
                "Dòng tiêu đề thiếu cột {}: dòng đầu tiên phải có product_name, producer_name, address, province, stars và recognized_year.",
                columns.join(", ")
            ),
            (Language::Vi, ImportError::Database(cause)) => format!("Không ghi được dữ liệu nhập ({cause}); chưa có gì thay đổi."),
        }
    }
}

impl ImportReport {
    /// The summary a person reads after an import.
    pub fn summary(&self, language: Language) -> String {
        let rejected = self.rejected.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len();
        match (language, self.written) {
            (Language::En, true) => format!(
                "{} products imported, {} already present, {} rows rejected.",
                self.imported, self.already_present, rejected
            ),
            (Language::En, false) => format!(
                "Nothing was imported: {rejected} of {} rows have errors. Correct them, or import the good rows only with --good-rows-only.",
                self.rows
            ),
            (Language::Vi, true) => format!(
                "Đã nhập {} sản phẩm, {} sản phẩm đã có từ trước, {} dòng bị từ chối.",
                self.imported, self.already_present, rejected
            ),
            (Language::Vi, false) => format!(
                "Chưa nhập gì: {rejected}/{} dòng có lỗi. Hãy sửa các dòng này, hoặc chỉ nhập các dòng hợp lệ bằng --good-rows-only.",
                self.rows
            ),
        }
    }
}

/// Reads, checks and (unless refused) writes a CSV product list in one transaction.
pub async fn import_csv(db: &Database, csv_text: &str, options: ImportOptions) -> Result<ImportReport, ImportError> {
    let places = PlaceIndex::load(db).await?;
    let subgroups: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM score_sheets").fetch_all(&db.pool).await?;
    let parsed = parse(csv_text, &places, &subgroups, today())?;
    let mut report = parsed.report;
    if options.dry_run || (!report.rejected.is_empty() && !options.good_rows_only) {
        return Ok(report);
    }
    let mut tx = db.begin_write().await?;
    report.imported = insert_products(&mut tx, &parsed.products).await?;
    db.commit_catalog_change(tx).await?;
    report.already_present = parsed.products.len() as u64 - report.imported;
    report.written = true;
    Ok(report)
}

struct Parsed {
    products: Vec<NewProduct>,
    report: ImportReport,
}

fn parse(
    csv_text: &str,
    places: &PlaceIndex,
    subgroups: &[(String, String)],
    today: NaiveDate,
) -> Result<Parsed, ImportError> {
    let csv_text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(csv_text.as_bytes());
    let headers = reader.headers().map_err(|err| ImportError::Unreadable(err.to_string()))?.clone();
    let columns: HashMap<String, usize> =
        headers.iter().enumerate().map(|(i, name)| (name.trim().to_lowercase(), i)).collect();
    let missing: Vec<String> =
        REQUIRED.iter().filter(|name| !columns.contains_key(**name)).map(|name| name.to_string()).collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let mut report = ImportReport {
        ignored_columns: columns
            .keys()
            .filter(|name| !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()))
            .cloned()
            .collect(),
        ..ImportReport::default()
    };
    report.ignored_columns.sort();
    let mut products = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| ImportError::Unreadable(err.to_string()))?;
        report.rows += 1;
        let line = record.position().map_or(report.rows as u64 + 1, |p| p.line());
        let cell = |name: &str| columns.get(name).and_then(|&i| record.get(i)).map(str::trim).filter(|v| !v.is_empty());
        let row = RowReader { line, cell: &cell, errors: Vec::new() };
        match read_row(row, places, subgroups, today) {
            Ok(product) => products.push(product),
            Err(errors) => report.rejected.extend(errors),
        }
    }
    Ok(Parsed { products, report })
}

struct RowReader<'a> {
    line: u64,
    cell: &'a dyn Fn(&str) -> Option<&'a str>,
    errors: Vec<RowError>,
}

impl<'a> RowReader<'a> {
    fn refuse(&mut self, column: &str, message_vi: String, message_en: String) {
        self.errors.push(RowError { line: self.line, column: column.to_string(), message_vi, message_en });
    }

    fn required(&mut self, column: &str) -> Option<&'a str> {
        let value = (self.cell)(column);
        if value.is_none() {
            self.refuse(column, "ô này không được để trống.".into(), "this cell must not be empty.".into());
        }
        value
    }

    fn optional(&self, column: &str) -> Option<String> {
        (self.cell)(column).map(str::to_string)
    }

    fn number(&mut self, column: &str, range: std::ops::RangeInclusive<i64>, required: bool) -> Option<i64> {
        let value = if required { self.required(column)? } else { (self.cell)(column)? };
        match value.parse::<i64>() {
            Ok(number) if range.contains(&number) => Some(number),
            _ => {
                let (low, high) = (range.start(), range.end());
                self.refuse(
                    column,
                    format!("\"{value}\" không hợp lệ: cần một số nguyên từ {low} đến {high}."),
                    format!("\"{value}\" is not valid: expected a whole number from {low} to {high}."),
                );
                None
            }
        }
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let value = (self.cell)(column)?;
        let parsed =
            NaiveDate::parse_from_str(value, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(value, "%d/%m/%Y"));
        if parsed.is_err() {
            self.refuse(
                column,
                format!("\"{value}\" không phải là ngày: hãy viết dạng 31/12/2024 hoặc 2024-12-31."),
                format!("\"{value}\" is not a date: write it as 31/12/2024 or 2024-12-31."),
            );
        }
        parsed.ok()
    }
}

fn read_row(
    mut row: RowReader<'_>,
    places: &PlaceIndex,
    subgroups: &[(String, String)],
    today: NaiveDate,
) -> Result<NewProduct, Vec<RowError>> {
    let name = row.required("product_name");
    let producer_name = row.required("producer_name");
    let address = row.optional("address").unwrap_or_default();
    let province_written = row.required("province");
    let province = province_written.and_then(|written| {
        let found = places.province(written).cloned();
        if found.is_none() {
            row.refuse(
                "province",
                format!("không nhận ra tỉnh/thành phố \"{written}\": hãy ghi tên một trong 34 tỉnh, thành phố hiện nay hoặc 63 tỉnh, thành phố trước năm 2025."),
                format!("\"{written}\" is not a province we know: write one of the 34 current provinces or the 63 before 2025."),
            );
        }
        found
    });
    let stars = row.number("stars", 3..=5, true);
    let year = row.number("recognized_year", i64::from(FIRST_YEAR)..=i64::from(today.year()), true);
    let score = row.number("score", 0..=100, false);
    if let (Some(score), Some(stars)) = (score, stars) {
        let band = Stars::for_points(score as u32);
        if i64::from(band.get()) < stars {
            row.refuse(
                "score",
                format!("{score} điểm chỉ đạt hạng {} sao, không thể xếp {stars} sao.", band.get()),
                format!(
                    "a score of {score} only reaches {} stars, so the product cannot be rated {stars} stars.",
                    band.get()
                ),
            );
        }
    }
    let subgroup = row.optional("subgroup").and_then(|written| {
        let key = fold(&written);
        let found = subgroups.iter().find(|(code, name)| code == &written || fold(name) == key).cloned();
        if found.is_none() {
            row.refuse(
                "subgroup",
                format!("không có bộ sản phẩm \"{written}\" trong Bộ tiêu chí 26/2026."),
                format!("\"{written}\" is not a subgroup of criteria set 26/2026."),
            );
        }
        found
    });
    let decision_date = row.date("decision_date");
    if decision_date.is_some_and(|date| date > today) {
        row.refuse(
            "decision_date",
            "ngày quyết định nằm trong tương lai.".into(),
            "the decision date is in the future.".into(),
        );
    }
    let expiry = row.date("expiry");
    if let (Some(decided), Some(expiry)) = (decision_date, expiry) {
        if expiry <= decided {
            row.refuse(
                "expiry",
                "ngày hết hạn phải sau ngày quyết định.".into(),
                "the expiry must come after the decision date.".into(),
            );
        }
    }
    let website = row.optional("website");
    if let Some(site) = &website {
        if !(site.starts_with("http://") || site.starts_with("https://")) {
            row.refuse(
                "website",
                format!("\"{site}\" không phải địa chỉ web: hãy bắt đầu bằng https://."),
                format!("\"{site}\" is not a web address: start it with https://."),
            );
        }
    }
    let (Some(name), Some(producer_name), Some(province), Some(stars), Some(year), true) =
        (name, producer_name, province, stars, year, row.errors.is_empty())
    else {
        return Err(row.errors);
    };
    let phone = row.optional("phone");
    let expires_on = expiry.or_else(|| decision_date.map(expires_on));
    Ok(NewProduct {
        producer: NewProducer {
            name: producer_name.to_string(),
            kind: row.optional("producer_kind"),
            province_code: province.code.clone(),
            address_as_written: address.clone(),
            phone: phone.clone(),
            website: website.clone(),
        },
        name: name.to_string(),
        subgroup_code: subgroup.as_ref().map(|(code, _)| code.clone()),
        subgroup_name: subgroup.map(|(_, name)| name),
        province_code: province.code,
        province_name: province.name,
        commune_code: None,
        address_as_written: address,
        province_as_written: province_written.unwrap_or_default().to_string(),
        stars: stars as u8,
        score: score.map(|s| s as u32),
        criteria_set: criteria_set_in_force(decision_date, year as i32).to_string(),
        recognized_year: year as i32,
        decision_number: row.optional("decision"),
        decision_date: decision_date.map(|d| d.to_string()),
        certificate_number: row.optional("certificate_number"),
        expires_on: expires_on.map(|d| d.to_string()),
        description: row.optional("description"),
        phone,
        website,
        source: "import",
    })
}

/// The criteria set a rating was given under: by the decision date when known, otherwise by
/// the set in force on 1 July of the year of recognition.
pub fn criteria_set_in_force(decision_date: Option<NaiveDate>, year: i32) -> &'static str {
    let date = decision_date.or_else(|| NaiveDate::from_ymd_opt(year, 7, 1)).unwrap_or_default();
    let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    if date >= on(2026, 5, 22) {
        "26/2026/QĐ-TTg"
    } else if date >= on(2023, 2, 24) {
        "148/2023/QĐ-TTg"
    } else {
        "1048/2019/QĐ-TTg"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_criteria_set_in_force() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases = [
            (None, 2021, "1048/2019/QĐ-TTg"),
            (None, 2023, "148/2023/QĐ-TTg"),
            (None, 2026, "26/2026/QĐ-TTg"),
            (date(2023, 2, 23), 2023, "1048/2019/QĐ-TTg"),
            (date(2023, 2, 24), 2023, "148/2023/QĐ-TTg"),
            (date(2026, 5, 21), 2026, "148/2023/QĐ-TTg"),
            (date(2026, 5, 22), 2026, "26/2026/QĐ-TTg"),
        ];
        for (decided, year, expected) in cases {
            assert_eq!(criteria_set_in_force(decided, year), expected, "{decided:?} {year}");
        }
    }
}
