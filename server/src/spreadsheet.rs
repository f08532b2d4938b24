//! CSV files for spreadsheets: a byte-order mark so Excel reads the Vietnamese right, and cells
//! a spreadsheet would run as formulas defused with a leading apostrophe.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The file: `header`, then every row.
pub fn csv_file<R: IntoIterator<Item = String>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::Writer::from_writer(&mut out);
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.into_iter().map(|cell| defuse(&cell)));
    }
    drop(writer);
    out
}

/// The file as a download named `file_name`.
pub fn csv_download(bytes: Vec<u8>, file_name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn defuses_formula_cells() {
        let cases =
            [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+84 905", "'+84 905"), ("Mật ong", "Mật ong"), ("", "")];
        for (cell, expected) in cases {
            assert_eq!(super::defuse(cell), expected);
        }
    }
}
