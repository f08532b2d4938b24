use serde::{Deserialize, Serialize};

/// What importing an uploaded list does, or would do in its dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub file_name: String,
    /// Why the whole file cannot be imported (unreadable, columns missing); then nothing else
    /// is filled in.
    pub refusal: Option<String>,
    pub rows: u64,
    /// Products added, or that the import would add.
    pub added: u64,
    pub already_present: u64,
    /// How many rows have an error, and the errors, a cell each.
    pub rejected_rows: u64,
    pub row_errors: Vec<ImportRowError>,
    /// Good rows read otherwise than written, a cell each (a commune not recognised is left
    /// empty).
    pub row_notes: Vec<ImportRowError>,
    pub ignored_columns: Vec<String>,
    /// The province the list's title names, taken for every row as no column gives one.
    #[serde(default)]
    pub province_from_title: Option<String>,
    /// The sheets read as lists, when the workbook holds several.
    #[serde(default)]
    pub sheets: Vec<String>,
    /// The first good rows, as the catalog will show them.
    pub first_rows: Vec<ImportedRow>,
    /// True once written; false in a preview, or when bad rows refused the import.
    pub written: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedRow {
    pub line: u64,
    pub product: String,
    pub producer: String,
    pub province: String,
    pub stars: u8,
}

/// The largest list accepted from the browser: about 50,000 rows of CSV.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// Why an upload was not kept, named in the address the upload returns to (`?loi=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
pub enum ImportUploadRefusal {
    #[strum(serialize = "chua-chon-tep")]
    NoFile,
    #[strum(serialize = "qua-lon")]
    TooLarge,
}

impl ImportUploadRefusal {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        code.parse().ok()
    }

    pub fn sentence(self) -> String {
        match self {
            ImportUploadRefusal::NoFile => {
                "Chưa chọn tệp, hoặc tệp trống: hãy chọn tệp danh sách (CSV hoặc XLSX).".into()
            }
            ImportUploadRefusal::TooLarge => format!(
                "Tệp lớn hơn {} MB: hãy chia danh sách thành nhiều tệp nhỏ hơn.",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        }
    }
}
