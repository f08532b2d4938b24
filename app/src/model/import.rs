use serde::{Deserialize, Serialize};

use crate::language::Said;

/// What importing an uploaded list does, or would do in its dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub file_name: String,
    /// Why the whole file cannot be imported (unreadable, columns missing); then nothing else
    /// is filled in.
    pub refusal: Option<Said>,
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
    /// The header's columns as written and what each was read as, for the officer to correct.
    #[serde(default)]
    pub columns: Vec<ImportColumn>,
    /// Every sheet of a workbook of several, whether it holds a list and whether it was read.
    #[serde(default)]
    pub sheet_choices: Vec<ImportSheet>,
    /// True when the columns were read as an officer of the same office chose for this layout.
    #[serde(default)]
    pub layout_remembered: bool,
    /// The first good rows, as the catalog will show them.
    pub first_rows: Vec<ImportedRow>,
    /// True once written; false in a preview, or when bad rows refused the import.
    pub written: bool,
}

/// A column of the list's header: as written, the field it is read as (`None`: left out), and
/// whether the officer chose that reading rather than the header's name giving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub written: String,
    pub field: Option<String>,
    pub chosen: bool,
}

/// A sheet of a workbook of several: whether a list's header was found on it, and whether it
/// was read (every sheet holding a list is, unless the officer ticked others).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSheet {
    pub name: String,
    pub holds_list: bool,
    pub read: bool,
}

/// The fields a list's column can be read as, with the names the mapping step shows (in
/// Vietnamese; other languages from the catalogue, `tr_in("import field", …)`).
pub const IMPORT_FIELDS: [(&str, &str); 17] = [
    ("product_name", "Tên sản phẩm"),
    ("producer_name", "Tên chủ thể"),
    ("address", "Địa chỉ"),
    ("province", "Tỉnh, thành phố"),
    ("commune", "Xã, phường"),
    ("score", "Điểm"),
    ("stars", "Hạng sao"),
    ("recognized_year", "Năm công nhận"),
    ("decision", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("certificate_number", "Số giấy chứng nhận"),
    ("expiry", "Ngày hết hạn"),
    ("producer_kind", "Loại hình chủ thể"),
    ("subgroup", "Bộ sản phẩm"),
    ("phone", "Số điện thoại"),
    ("website", "Trang web"),
    ("description", "Mô tả"),
];

/// The field a code names, as the list of fields spells it.
pub fn import_field(code: &str) -> Option<&'static str> {
    IMPORT_FIELDS.iter().map(|(field, ..)| *field).find(|field| *field == code)
}

/// How an officer reads a list's columns and which of its sheets: chosen in the mapping step
/// (or with the command line's `--map` and `--sheet`), or remembered for the list's layout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportMapping {
    /// Columns by their header as written, folded: the field each is read as, or `None` to
    /// leave it out. A header not named here is read by its name.
    pub columns: Vec<(String, Option<String>)>,
    /// The sheets to read, by name; empty for every sheet holding a list.
    pub sheets: Vec<String>,
}

impl ImportMapping {
    /// What the mapping says of a header: `Some(Some(field))`, `Some(None)` to leave it out, or
    /// `None` when it says nothing of it.
    pub fn reading(&self, header: &str) -> Option<Option<&'static str>> {
        let key = crate::domain::fold(header);
        self.columns
            .iter()
            .find(|(written, _)| *written == key)
            .map(|(_, field)| field.as_deref().and_then(import_field))
    }

    /// Adds the reading of a header as written (`field` a code of `IMPORT_FIELDS`, or `None`).
    pub fn read_as(&mut self, header: &str, field: Option<&'static str>) {
        let key = crate::domain::fold(header);
        self.columns.retain(|(written, _)| *written != key);
        self.columns.push((key, field.map(str::to_string)));
    }

    /// Whether a sheet is to be read: every one unless some were chosen.
    pub fn reads_sheet(&self, name: &str) -> bool {
        self.sheets.is_empty() || self.sheets.iter().any(|chosen| chosen == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowError {
    pub line: u64,
    pub column: String,
    pub message: Said,
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
    /// The mapping step sent with no sheet ticked.
    #[strum(serialize = "chua-chon-trang")]
    NoSheet,
}

impl ImportUploadRefusal {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        code.parse().ok()
    }

    pub fn sentence(self, language: crate::language::Language) -> String {
        let megabytes = MAX_IMPORT_BYTES / (1024 * 1024);
        match self {
            ImportUploadRefusal::NoFile => {
                language.tr("Chưa chọn tệp, hoặc tệp trống: hãy chọn tệp danh sách (CSV hoặc XLSX).").into()
            }
            ImportUploadRefusal::NoSheet => {
                language.tr("Chưa chọn trang tính nào: hãy đánh dấu ít nhất một trang tính có danh sách.").into()
            }
            ImportUploadRefusal::TooLarge => language.tr_with(
                "Tệp lớn hơn {megabytes} MB: hãy chia danh sách thành nhiều tệp nhỏ hơn.",
                &[("megabytes", &megabytes)],
            ),
        }
    }
}
