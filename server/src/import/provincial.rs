//! A province's list laid out as provinces publish theirs: the People's Committee and the title
//! above, Vietnamese headers over a numbering row, the products grouped by stars under Roman
//! numerals, scores with a decimal comma and dates as dd/mm/yyyy, a total at the foot. It is
//! the shape `layout` reads, so importing the file back adds nothing.

use app::domain::{ProducerKind, Score};
use app::model::vietnamese_date;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::db::{Database, LISTED};

/// The columns, as provinces head them.
const HEADER: [&str; 14] = [
    "STT",
    "Tên sản phẩm",
    "Tên chủ thể",
    "Địa chỉ",
    "Xã, phường",
    "Phân nhóm",
    "Điểm",
    "Hạng sao",
    "Năm công nhận",
    "Số quyết định",
    "Ngày quyết định",
    "Số giấy chứng nhận",
    "Ngày hết hạn",
    "Loại hình chủ thể",
];

/// A product of the list, read by its columns' names.
#[derive(sqlx::FromRow)]
struct ListedRow {
    name: String,
    producer_name: String,
    producer_kind: Option<String>,
    address_as_written: String,
    commune_name: Option<String>,
    subgroup_name: Option<String>,
    score_hundredths: Option<i64>,
    stars: i64,
    recognized_year: i64,
    decision_number: Option<String>,
    decision_date: Option<String>,
    certificate_number: Option<String>,
    expires_on: Option<String>,
}

impl ListedRow {
    /// The row's cells after its number, as the list writes them.
    fn cells(self) -> [String; 13] {
        let day = |iso: Option<String>| iso.as_deref().map(vietnamese_date).unwrap_or_default();
        let score = self.score_hundredths.and_then(|h| u32::try_from(h).ok()).and_then(Score::from_hundredths);
        [
            self.name,
            self.producer_name,
            self.address_as_written,
            self.commune_name.unwrap_or_default(),
            self.subgroup_name.unwrap_or_default(),
            score.map(Score::text_vi).unwrap_or_default(),
            format!("{} sao", self.stars),
            self.recognized_year.to_string(),
            self.decision_number.unwrap_or_default(),
            day(self.decision_date),
            self.certificate_number.unwrap_or_default(),
            day(self.expires_on),
            // A kind's code as its Vietnamese name; a kind a list wrote in words, as written.
            self.producer_kind
                .map(|kind| ProducerKind::from_code(&kind).map_or(kind.clone(), |known| known.name_vi().to_string()))
                .unwrap_or_default(),
        ]
    }
}

/// Roman numerals for the star groups (five at most).
const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];

/// The list of products in the catalog of province `code`, best rated first, as an XLSX
/// workbook; `None` when there is no such province. Rows are written as they are read (the
/// workbook in constant memory), so a province of 100,000 products fits.
pub async fn provincial_list(db: &Database, code: &str, today: NaiveDate) -> Result<Option<Vec<u8>>, ExportError> {
    let province: Option<String> = sqlx::query_scalar("SELECT full_name FROM provinces WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    let Some(province) = province else { return Ok(None) };
    let rows: Vec<ListedRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT p.name, pr.name AS producer_name, pr.kind AS producer_kind, p.address_as_written,
                c.name AS commune_name, s.name AS subgroup_name, p.score_hundredths, p.stars, p.recognized_year,
                p.decision_number, p.decision_date, p.certificate_number, p.expires_on
         FROM products p JOIN producers pr ON pr.id = p.producer_id
         LEFT JOIN communes c ON c.code = p.commune_code LEFT JOIN score_sheets s ON s.code = p.subgroup_code
         WHERE {LISTED} AND p.province_code = $1 ORDER BY p.stars DESC, p.name_key, p.id"
    )))
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("Danh sách OCOP")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, format!("ỦY BAN NHÂN DÂN {}", province.to_uppercase()), &bold)?;
    sheet.write_string_with_format(1, 0, "DANH SÁCH SẢN PHẨM OCOP", &bold)?;
    sheet.write_string(2, 0, format!("(Trích từ nền tảng OCOP ngày {})", today.format("%d/%m/%Y")))?;
    // Row by row: a workbook in constant memory takes no row it has left.
    for (column, title) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(4, column as u16, *title, &bold)?;
    }
    for column in 0..HEADER.len() {
        sheet.write_string(5, column as u16, format!("({})", column + 1))?;
    }
    let mut line = 6;
    let (mut group, mut groups, mut number, total) = (None, 0, 0, rows.len());
    for row in rows {
        if group != Some(row.stars) {
            sheet.write_string_with_format(line, 0, ROMAN[groups.min(ROMAN.len() - 1)], &bold)?;
            sheet.write_string_with_format(line, 1, format!("SẢN PHẨM ĐẠT {} SAO", row.stars), &bold)?;
            line += 1;
            groups += 1;
            group = Some(row.stars);
        }
        number += 1;
        sheet.write_number(line, 0, f64::from(number))?;
        for (column, cell) in row.cells().into_iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(line, column as u16 + 1, cell)?;
            }
        }
        line += 1;
    }
    sheet.write_string_with_format(line, 1, format!("Tổng cộng: {total} sản phẩm"), &bold)?;
    Ok(Some(book.save_to_buffer()?))
}

/// Why the list could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the catalog could not be read: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the workbook could not be written: {0}")]
    Workbook(#[from] XlsxError),
}
