//! Tables for spreadsheets, as CSV or XLSX: every list and report downloads in both.
//!
//! CSV starts with a byte-order mark so Excel reads the Vietnamese right, and cells a
//! spreadsheet would run as formulas are defused with a leading apostrophe. XLSX holds whole
//! numbers as numbers, and decimals in the columns said to hold them (a score, 89.67); everything
//! else as text, which a spreadsheet never runs.
//!
//! A file of the whole catalog takes a core for seconds (100,000 products, with the query:
//! 1.5 s as CSV, 2.0 s as XLSX, 310 MB at the peak either way), so files are built one a core
//! at a time, off the async threads.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format as CellFormat, Workbook};

use crate::core_slots::CoreSlots;

/// The two kinds of file a table downloads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// Splits a requested file name (`sao.csv`, `sao.xlsx`) into its stem and format.
    pub fn of_file(file: &str) -> Option<(&str, Format)> {
        if let Some(stem) = file.strip_suffix(".csv") {
            Some((stem, Format::Csv))
        } else {
            file.strip_suffix(".xlsx").map(|stem| (stem, Format::Xlsx))
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A header row and the rows under it, all as text.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Columns whose decimals ("89.67") are numbers: elsewhere "4.5" may be a code.
    decimal_columns: Vec<usize>,
}

impl Table {
    pub fn new<R: IntoIterator<Item = String>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Self {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: rows.into_iter().map(|row| row.into_iter().collect()).collect(),
            decimal_columns: Vec::new(),
        }
    }

    /// Says the column titled `title` holds decimal numbers, written with a dot (`89.67`).
    pub fn with_decimals(mut self, title: &str) -> Self {
        self.decimal_columns.extend(self.header.iter().position(|h| h == title));
        self
    }

    pub fn csv(&self) -> Vec<u8> {
        let mut out = "\u{feff}".as_bytes().to_vec();
        let mut writer = csv::Writer::from_writer(&mut out);
        let _ = writer.write_record(&self.header);
        for row in &self.rows {
            let _ = writer.write_record(row.iter().map(|cell| defuse(cell)));
        }
        drop(writer);
        out
    }

    /// One worksheet named `sheet`, the header bold and frozen, columns as wide as their text
    /// (up to a limit). Rows go to a temporary file as they are written, so a workbook of the
    /// whole catalog is not held in memory twice.
    pub fn xlsx(&self, sheet: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut workbook = Workbook::new();
        let worksheet = workbook.add_worksheet_with_constant_memory()?;
        // Excel limits sheet names to 31 characters and forbids a few.
        let name: String = sheet.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
        worksheet.set_name(if name.is_empty() { "Bang" } else { &name })?;
        for (column, width) in self.column_widths().into_iter().enumerate() {
            worksheet.set_column_width(column as u16, width)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        let bold = CellFormat::new().set_bold();
        for (column, title) in self.header.iter().enumerate() {
            worksheet.write_string_with_format(0, column as u16, title, &bold)?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            let line = index as u32 + 1;
            for (column, cell) in row.iter().enumerate() {
                let decimal = || self.decimal_columns.contains(&column).then(|| decimal_number(cell)).flatten();
                match whole_number(cell).map(|n| n as f64).or_else(decimal) {
                    Some(number) => worksheet.write_number(line, column as u16, number)?,
                    None => worksheet.write_string(line, column as u16, cell)?,
                };
            }
        }
        workbook.save_to_buffer()
    }

    /// Each column's width in characters: its longest text, between 6 and 60.
    fn column_widths(&self) -> Vec<f64> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (column, cell) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(column) {
                    *width = (*width).max(cell.chars().count());
                }
            }
        }
        widths.into_iter().map(|w| w.clamp(6, 60) as f64 + 1.0).collect()
    }

    /// The table as a download named `{stem}.csv` or `{stem}.xlsx`.
    pub async fn download(self, format: Format, stem: &str) -> Response {
        static BUILDING: CoreSlots = CoreSlots::new();
        let sheet = stem.to_string();
        let built = BUILDING
            .run(move || match format {
                Format::Csv => Ok(self.csv()),
                Format::Xlsx => self.xlsx(&sheet).map_err(|err| err.to_string()),
            })
            .await
            .and_then(|built| built);
        let bytes = match built {
            Ok(bytes) => bytes,
            Err(err) => {
                tracing::error!(error = %err, "building a spreadsheet failed");
                let sentence = "Không tạo được tệp lúc này; hãy thử lại sau.";
                return (StatusCode::INTERNAL_SERVER_ERROR, sentence).into_response();
            }
        };
        let disposition = format!("attachment; filename=\"{stem}.{}\"", format.extension());
        ([(header::CONTENT_TYPE, format.content_type().to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
            .into_response()
    }
}

fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A cell that is a whole number as a spreadsheet would keep it; a leading zero (a phone
/// number, a commune code) or more than 15 digits stays text, so nothing is lost.
fn whole_number(cell: &str) -> Option<i64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if plain {
        cell.parse().ok()
    } else {
        None
    }
}

/// A decimal written with a dot and digits on both sides ("89.67"), as a spreadsheet number.
fn decimal_number(cell: &str) -> Option<f64> {
    let (whole, fraction) = cell.split_once('.')?;
    let digits = |part: &str| !part.is_empty() && part.len() <= 15 && part.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction)).then(|| cell.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_formula_cells() {
        let cases =
            [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+84 905", "'+84 905"), ("Mật ong", "Mật ong"), ("", "")];
        for (cell, expected) in cases {
            assert_eq!(defuse(cell), expected);
        }
    }

    #[test]
    fn keeps_only_plain_whole_numbers_as_numbers() {
        let cases = [
            ("42", Some(42)),
            ("0", Some(0)),
            ("-7", Some(-7)),
            ("2026", Some(2026)),
            ("0905123456", None),
            ("01", None),
            ("4.5", None),
            ("1234567890123456", None),
            ("-", None),
            ("", None),
            ("12a", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(whole_number(cell), expected, "{cell}");
        }
    }

    #[test]
    fn names_the_format_of_a_file() {
        let cases = [
            ("sao.csv", Some(("sao", Format::Csv))),
            ("sao.xlsx", Some(("sao", Format::Xlsx))),
            ("sao.xls", None),
            ("sao", None),
        ];
        for (file, expected) in cases {
            assert_eq!(Format::of_file(file), expected, "{file}");
        }
    }

    #[test]
    fn writes_a_workbook_calamine_reads_back() {
        use calamine::{Data, Reader, Xlsx};
        let table = Table::new(
            &["Sản phẩm", "Sao", "Điện thoại", "Điểm"],
            [
                ["Mật ong bạc hà".to_string(), "4".to_string(), "0905123456".to_string(), "89.67".to_string()],
                ["=1+1".to_string(), "3".to_string(), String::new(), "1.2.3".to_string()],
            ],
        )
        .with_decimals("Điểm");
        let bytes = table.xlsx("bao-cao-sao").expect("written");
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opened");
        let range = book.worksheet_range("bao-cao-sao").expect("sheet");
        let cells: Vec<Vec<Data>> = range.rows().map(|row| row.to_vec()).collect();
        assert_eq!(cells[0][0], Data::String("Sản phẩm".into()));
        assert_eq!(cells[1][1], Data::Float(4.0));
        assert_eq!(cells[1][2], Data::String("0905123456".into()));
        assert_eq!(cells[2][0], Data::String("=1+1".into()));
        assert_eq!(cells[1][3], Data::Float(89.67), "a score is a number");
        assert_eq!(cells[2][3], Data::String("1.2.3".into()));
    }
}
