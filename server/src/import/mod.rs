//! Import of existing product lists, as CSV or as an Excel workbook (XLSX): in the columns of
//! `data/sample-products.csv`, or laid out as provinces publish them (`layout`: title rows,
//! Vietnamese headers, group rows, "4 sao", "71,00"). Every row is checked first; a file with
//! bad rows changes nothing unless the good rows alone are asked for, and a re-import of the
//! same rows adds nothing. A dry run counts by reading what the import would add, without a
//! write lock.

use app::domain::{fold, Score, ValidUntil};
use app::model::ImportMapping;
use chrono::{Datelike, NaiveDate};

use crate::db::places::{PlaceIndex, Province};
use crate::db::products::{count_new, publish_in_batches, NewProducer, NewProduct};
use crate::db::Database;

mod columns;
mod layout;
mod provincial;
mod sheet;

pub use columns::{layout_found, map_written, Doubled, LayoutFound};
use columns::{HeaderFields, Lines, SheetLayout};
pub use layout::column_named;
pub use provincial::{provincial_list, ExportError};
pub use sheet::Sheet;

/// The columns every list needs; the province too unless the officer's own is meant, and the
/// year of recognition unless the decision's date gives it.
const REQUIRED: [&str; 3] = ["product_name", "producer_name", "stars"];
/// OCOP ratings began in 2018.
const FIRST_YEAR: i32 = 2018;

pub use app::language::{Language, Said};

/// What is wrong with one cell, said in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub column: String,
    pub message: Said,
}

impl RowError {
    pub fn message(&self, language: Language) -> String {
        let (line, column, said) = (self.line, &self.column, self.message.in_language(language));
        language.tr_with("Dòng {line}, cột {column}: {said}", &[("line", &line), ("column", column), ("said", &said)])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub rows: usize,
    /// Products added (or, in a dry run, that the import would add).
    pub imported: u64,
    pub already_present: u64,
    pub rejected: Vec<RowError>,
    /// Good rows read otherwise than written (a commune not recognised is left empty).
    pub notes: Vec<RowError>,
    /// Columns we do not know, which were ignored.
    pub ignored_columns: Vec<String>,
    /// The province the title names, taken for every row as no column gives one.
    pub province_from_title: Option<String>,
    /// The sheets of a workbook of several that were read as lists, in order.
    pub sheets: Vec<String>,
    /// How the columns were read, and the sheets, for the officer to correct.
    pub layout: LayoutFound,
    /// False when nothing was written (bad rows without `good_rows_only`, or a dry run).
    pub written: bool,
    pub dry_run: bool,
    /// The first good rows, for a person to see the file was read as they meant.
    pub first_rows: Vec<ReadRow>,
}

/// A good row as read: what the catalog will show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRow {
    pub line: u64,
    pub product: String,
    pub producer: String,
    pub province: String,
    pub stars: u8,
}

/// How many good rows a report shows.
const FIRST_ROWS: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub good_rows_only: bool,
    pub dry_run: bool,
    /// Only rows of this province are accepted (the reach of a province officer).
    pub province_code: Option<String>,
    /// The officer's reading of the columns, and choice of sheets.
    pub mapping: ImportMapping,
    /// Readings chosen before for the layouts of the office's lists, by the layout's signature:
    /// a list of one of them is read so when no reading is given.
    pub remembered: Vec<(String, ImportMapping)>,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Language::En))]
pub enum ImportError {
    Unreadable(String),
    NotAList,
    /// A compound document: a workbook saved with a password (Excel encrypts it inside one), or
    /// in the old .xls format; neither can be read without Excel.
    Protected,
    MissingColumns(Vec<String>),
    /// Header cells read as the same field (which one is meant cannot be guessed), and the
    /// required columns missing besides, all said at once.
    TwoColumns {
        doubled: Vec<Doubled>,
        missing: Vec<String>,
    },
    /// Sheets chosen by name that the workbook does not have.
    NoSuchSheet {
        chosen: Vec<String>,
        sheets: Vec<String>,
    },
    /// A workbook beyond what a list of products needs: read no further, so that a file made
    /// to exhaust memory is refused before it can.
    TooLarge(WorkbookExcess),
    Database(#[from] sqlx::Error),
}

/// What made a workbook too large, in the person's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookExcess {
    /// A value in a cell beyond the rows or columns a list may use (A1 notation).
    Cell(String),
    /// More than `MAX_UNPACKED_BYTES` once unpacked.
    Unpacked,
    /// More merged regions than a list has rows.
    Merged,
}

impl WorkbookExcess {
    fn message(&self, language: Language) -> String {
        match self {
            WorkbookExcess::Cell(cell) => language.tr_with("có dữ liệu ở ô {cell}", &[("cell", cell)]),
            WorkbookExcess::Unpacked => {
                language.tr_with("giải nén ra hơn {size} MB", &[("size", &(MAX_UNPACKED_BYTES >> 20))])
            }
            WorkbookExcess::Merged => language.tr("có nhiều ô gộp hơn số dòng của một danh sách").to_string(),
        }
    }
}

/// Bounds on a workbook read for import, checked before anything is allocated for it: well
/// above any list (the whole country holds about 18,000 certificates, a list about 15 columns),
/// far below what would exhaust the server's memory.
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 64;
const MAX_UNPACKED_BYTES: u64 = 200 << 20;

impl ImportError {
    pub fn message(&self, language: Language) -> String {
        match self {
            ImportError::Unreadable(cause) => language.tr_with(
                "Không đọc được tệp ({cause}): hãy lưu tệp ở dạng CSV UTF-8 hoặc sổ tính Excel (.xlsx), có dòng tiêu \
                 đề.",
                &[("cause", cause)],
            ),
            ImportError::Protected => language
                .tr("Tệp là sổ tính Excel có mật khẩu, hoặc ở dạng .xls cũ: hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ \
                     sổ làm việc) và lưu thành .xlsx rồi nhập lại.")
                .to_string(),
            ImportError::NotAList => language
                .tr("Tệp không phải sổ tính Excel (.xlsx) cũng không phải văn bản UTF-8: hãy lưu ở dạng \"CSV UTF-8\" \
                     hoặc .xlsx rồi nhập lại.")
                .to_string(),
            ImportError::MissingColumns(columns) => language.tr_with(
                "Dòng tiêu đề thiếu cột {columns}: dòng tiêu đề (dưới các dòng tên văn bản, nếu có) phải ghi tên sản \
                 phẩm, chủ thể, hạng sao, tỉnh và năm công nhận (hoặc ngày quyết định), bằng tiếng Việt (\"Tên sản \
                 phẩm\", \"Tên chủ thể\", \"Hạng sao\", \"Tỉnh\", \"Năm công nhận\") hoặc product_name, \
                 producer_name, stars, province, recognized_year.",
                &[("columns", &columns.join(", "))],
            ),
            ImportError::TwoColumns { doubled, missing } => {
                let each = doubled.iter().map(|Doubled { column, first, second }| {
                    language.tr_with(
                        "Hai cột \"{first}\" và \"{second}\" đều được đọc là {column}: hãy giữ một cột hoặc đổi tên cột \
                         kia rồi nhập lại.",
                        &[("first", first), ("second", second), ("column", column)],
                    )
                });
                let besides = (!missing.is_empty()).then(|| {
                    language.tr_with("Dòng tiêu đề còn thiếu cột {columns}.", &[("columns", &missing.join(", "))])
                });
                each.chain(besides).collect::<Vec<_>>().join(" ")
            }
            ImportError::NoSuchSheet { chosen, sheets } => language.tr_with(
                "Sổ tính không có trang tính {chosen}: các trang tính của nó là {sheets}.",
                &[("chosen", &chosen.join(", ")), ("sheets", &sheets.join(", "))],
            ),
            ImportError::TooLarge(excess) => language.tr_with(
                "Sổ tính quá lớn để là một danh sách sản phẩm ({what}): hãy giữ một trang tính với tối đa {rows} dòng \
                 và {columns} cột (A đến BL) rồi nhập lại.",
                &[("what", &excess.message(language)), ("rows", &MAX_ROWS), ("columns", &MAX_COLUMNS)],
            ),
            ImportError::Database(cause) => {
                language.tr_with("Không ghi được dữ liệu nhập ({cause}); chưa có gì thay đổi.", &[("cause", cause)])
            }
        }
    }
}

impl ImportReport {
    /// The summary a person reads after an import.
    pub fn summary(&self, language: Language) -> String {
        let rejected = self.rejected.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len();
        let counts: &[(&str, &dyn std::fmt::Display)] = &[
            ("imported", &self.imported),
            ("present", &self.already_present),
            ("rejected", &rejected),
            ("rows", &self.rows),
        ];
        match self.written {
            false if self.dry_run => language.tr_with(
                "Chạy thử, chưa ghi gì: sẽ nhập {imported} sản phẩm, {present} sản phẩm đã có từ trước, {rejected} \
                 dòng bị từ chối.",
                counts,
            ),
            true => language.tr_with(
                "Đã nhập {imported} sản phẩm, {present} sản phẩm đã có từ trước, {rejected} dòng bị từ chối.",
                counts,
            ),
            false => language.tr_with(
                "Chưa nhập gì: {rejected}/{rows} dòng có lỗi. Hãy sửa các dòng này, hoặc chỉ nhập các dòng hợp lệ \
                 bằng --good-rows-only.",
                counts,
            ),
        }
    }
}

/// Reads, checks and (unless refused) writes a CSV product list in one transaction.
pub async fn import_csv(db: &Database, csv_text: &str, options: ImportOptions) -> Result<ImportReport, ImportError> {
    let text = csv_text.to_owned();
    import_sheets(db, move || Ok(vec![Sheet::from_csv(&text)?]), options).await
}

/// The same for a file as uploaded or read from disk: an XLSX workbook or CSV text.
pub async fn import_file(db: &Database, bytes: &[u8], options: ImportOptions) -> Result<ImportReport, ImportError> {
    let bytes = bytes.to_vec();
    import_sheets(db, move || Sheet::read(&bytes), options).await
}

/// Reads every sheet that holds a list (a workbook may keep one per decision or per star
/// level; a sheet of notes without a header is passed over), checks, and writes the lot.
async fn import_sheets(
    db: &Database,
    read: impl FnOnce() -> Result<Vec<Sheet>, ImportError> + Send + 'static,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let places = PlaceIndex::load(db).await?;
    let subgroups: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM score_sheets").fetch_all(&db.pool).await?;
    let today = db.clock.today();
    let reading = options.clone();
    // Unpacking a workbook and checking 200,000 rows takes seconds of CPU: on a thread of its
    // own, so that the requests served meanwhile by the same runtime are not held up.
    let parsed = tokio::task::spawn_blocking(move || read_lists(read()?, &reading, &places, &subgroups, today))
        .await
        .map_err(|failed| ImportError::Unreadable(failed.to_string()))??;
    let mut report = parsed.report;
    report.dry_run = options.dry_run;
    let refused = !report.rejected.is_empty() && !options.good_rows_only;
    if refused && !options.dry_run {
        return Ok(report);
    }
    if options.dry_run {
        // Counted by reading, as the import would count them: no write lock is held meanwhile.
        let mut conn = db.pool.acquire().await?;
        report.imported = count_new(&mut conn, &parsed.products).await?;
        report.already_present = parsed.products.len() as u64 - report.imported;
    } else {
        // Staged in short batches, published at once: others' writes wait a moment, never fail.
        report.imported = publish_in_batches(db, &parsed.products).await?;
        report.already_present = parsed.products.len() as u64 - report.imported;
        report.written = true;
        tracing::info!(imported = report.imported, "import committed");
    }
    Ok(report)
}

/// Every sheet's list, checked, as one: the sheets the officer ticked, or else every one
/// holding a list.
fn read_lists(
    sheets: Vec<Sheet>,
    options: &ImportOptions,
    places: &PlaceIndex,
    subgroups: &[(String, String)],
    today: NaiveDate,
) -> Result<Parsed, ImportError> {
    let several = sheets.len() > 1;
    let names: Vec<&str> = sheets.iter().filter_map(|sheet| sheet.name.as_deref()).collect();
    let unknown: Vec<String> =
        options.mapping.sheets.iter().filter(|chosen| !names.contains(&chosen.as_str())).cloned().collect();
    if !names.is_empty() && !unknown.is_empty() {
        return Err(ImportError::NoSuchSheet {
            chosen: unknown,
            sheets: names.iter().map(|n| n.to_string()).collect(),
        });
    }
    let mut lists = Vec::new();
    let mut first_missing = None;
    let mut found = LayoutFound::default();
    for sheet in sheets {
        let name = sheet.name.clone();
        let lines = sheet.lines();
        let layout = SheetLayout::of(&lines, options);
        if !name.as_deref().is_none_or(|name| options.mapping.reads_sheet(name)) {
            found.add(name.as_deref(), &lines, &layout, false);
            continue;
        }
        match parse(name.clone(), &lines, &layout, places, subgroups, today, options.province_code.as_deref()) {
            Ok(parsed) => {
                found.add(name.as_deref(), &lines, &layout, true);
                lists.push(parsed);
            }
            // A sheet without a list's header, beside sheets with one, is not a list.
            Err(missing @ ImportError::MissingColumns(_)) if several => {
                found.add(name.as_deref(), &lines, &layout, false);
                first_missing.get_or_insert(missing);
            }
            Err(refusal) => return Err(refusal),
        }
    }
    let mut lists = lists.into_iter();
    let Some(mut parsed) = lists.next() else {
        // No sheet holds a list: say what the first one lacks.
        return Err(first_missing.unwrap_or(ImportError::MissingColumns(Vec::new())));
    };
    for more in lists {
        parsed.absorb(more);
    }
    parsed.report.layout = found;
    Ok(parsed)
}

struct Parsed {
    products: Vec<NewProduct>,
    report: ImportReport,
}

impl Parsed {
    /// Adds another sheet's list to this one.
    fn absorb(&mut self, other: Parsed) {
        self.products.extend(other.products);
        let (report, more) = (&mut self.report, other.report);
        report.rows += more.rows;
        report.rejected.extend(more.rejected);
        report.notes.extend(more.notes);
        for column in more.ignored_columns {
            if !report.ignored_columns.contains(&column) {
                report.ignored_columns.push(column);
            }
        }
        report.province_from_title = report.province_from_title.take().or(more.province_from_title);
        let room = FIRST_ROWS.saturating_sub(report.first_rows.len());
        report.first_rows.extend(more.first_rows.into_iter().take(room));
        report.sheets.extend(more.sheets);
    }
}

fn parse(
    sheet_name: Option<String>,
    lines: &Lines,
    sheet_layout: &SheetLayout,
    places: &PlaceIndex,
    subgroups: &[(String, String)],
    today: NaiveDate,
    reach: Option<&str>,
) -> Result<Parsed, ImportError> {
    // The header may sit under title rows; a row numbering the columns may follow it.
    let (title, rest) = lines.split_at(sheet_layout.header_at.min(lines.len()));
    let Some(((_, header), rows)) = rest.split_first() else {
        return Err(ImportError::MissingColumns(REQUIRED.iter().map(|c| c.to_string()).collect()));
    };
    // What is above the header is the title: it may name the province ("UBND TỈNH AN GIANG"),
    // which then stands for every row when no column gives it.
    let titled = title
        .iter()
        .flat_map(|(_, row)| row)
        .find_map(|cell| layout::place_in_title(cell, |name| places.province(name)));
    // It may cite the decision ("Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022"), which
    // then stands for every row when no column gives it.
    let cited = title.iter().flat_map(|(_, row)| row).find_map(|cell| layout::decision_in_title(cell));
    let cited_number = cited.as_ref().map(|(number, _)| number.clone());
    let cited_date = cited.and_then(|(_, date)| date).map(|date| date.to_string());
    let rows = match rows.split_first() {
        Some((numbering, rest)) if layout::numbers_columns(&numbering.1) => rest,
        _ => rows,
    };
    let HeaderFields { columns, ignored: ignored_columns, doubled } = sheet_layout.fields(header);
    let mut required = REQUIRED.to_vec();
    if reach.is_none() && titled.is_none() {
        required.push("province");
    }
    if !columns.contains_key("decision_date") && cited_date.is_none() {
        required.push("recognized_year");
    }
    let missing: Vec<String> =
        required.iter().filter(|name| !columns.contains_key(**name)).map(|name| name.to_string()).collect();
    if !doubled.is_empty() {
        return Err(ImportError::TwoColumns { doubled, missing });
    }
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let province_from_title = titled.filter(|_| !columns.contains_key("province"));
    let mut report = ImportReport {
        ignored_columns,
        province_from_title: province_from_title.map(|province| province.name.clone()),
        sheets: sheet_name.iter().cloned().collect(),
        ..ImportReport::default()
    };
    // The province the title names, or else the officer's own, looked up once for every row
    // that names none (a title naming another province than the officer's is refused row by
    // row, as a column naming it would be).
    let own_province = province_from_title.or_else(|| reach.and_then(|code| places.province_by_code(code)));
    let mut products = Vec::new();
    for (line, record) in rows {
        let cell = |name: &str| match columns.get(name) {
            Some(&i) => record.get(i).map(|v| v.trim()).filter(|v| !v.is_empty()),
            None if name == "decision" => cited_number.as_deref(),
            None if name == "decision_date" => cited_date.as_deref(),
            None => None,
        };
        // A group heading ("I", "SẢN PHẨM ĐẠT 4 SAO") or a total ("Tổng cộng: 3 sản phẩm") fills
        // one column at most, besides the numbering: part of the layout, not a product.
        if columns.keys().filter(|column| cell(column).is_some()).count() <= 1 {
            continue;
        }
        report.rows += 1;
        let row = RowReader { line: *line, cell: &cell, errors: Vec::new(), notes: Vec::new() };
        let named = |mut said: Vec<RowError>| {
            // Left to right as the row reads, each named by its header as the file writes it.
            said.sort_by_key(|error| columns.get(error.column.as_str()).copied().unwrap_or(usize::MAX));
            for error in &mut said {
                if let Some(&i) = columns.get(error.column.as_str()) {
                    error.column = match &sheet_name {
                        // Lines repeat from sheet to sheet: the sheet tells them apart.
                        Some(sheet) => format!("{sheet} › {}", header[i].trim()),
                        None => header[i].trim().to_string(),
                    };
                }
            }
            said
        };
        match read_row(row, places, subgroups, today, reach, own_province) {
            Ok((product, notes)) => {
                report.notes.extend(named(notes));
                if report.first_rows.len() < FIRST_ROWS {
                    report.first_rows.push(ReadRow {
                        line: *line,
                        product: product.name.clone(),
                        producer: product.producer.name.clone(),
                        province: product.province_name.clone(),
                        stars: product.stars,
                    });
                }
                products.push(product);
            }
            Err(errors) => report.rejected.extend(named(errors)),
        }
    }
    Ok(Parsed { products, report })
}

struct RowReader<'a> {
    line: u64,
    cell: &'a dyn Fn(&str) -> Option<&'a str>,
    errors: Vec<RowError>,
    /// What was read otherwise than written, without refusing the row.
    notes: Vec<RowError>,
}

impl<'a> RowReader<'a> {
    fn note(&mut self, column: &str, message: Said) {
        self.notes.push(RowError { line: self.line, column: column.to_string(), message });
    }

    fn refuse(&mut self, column: &str, message: Said) {
        self.errors.push(RowError { line: self.line, column: column.to_string(), message });
    }

    fn required(&mut self, column: &str) -> Option<&'a str> {
        let value = (self.cell)(column);
        if value.is_none() {
            self.refuse(column, Said::text("ô này không được để trống."));
        }
        value
    }

    fn optional(&self, column: &str) -> Option<String> {
        (self.cell)(column).map(str::to_string)
    }

    /// A whole number in `range`, as `read` makes it of what is written ("4 sao", "71,00").
    fn number(
        &mut self,
        column: &str,
        range: std::ops::RangeInclusive<i64>,
        required: bool,
        read: fn(&str) -> Option<i64>,
    ) -> Option<i64> {
        let value = if required { self.required(column)? } else { (self.cell)(column)? };
        match read(value) {
            Some(number) if range.contains(&number) => Some(number),
            _ => {
                let (low, high) = (range.start(), range.end());
                self.refuse(
                    column,
                    Said::with(
                        "\"{value}\" không hợp lệ: cần một số nguyên từ {low} đến {high}.",
                        &[("value", &value), ("low", low), ("high", high)],
                    ),
                );
                None
            }
        }
    }

    /// A score to the hundredth as lists write it ("72,10", "72.1", "71.00 điểm").
    fn score(&mut self, column: &str) -> Option<Score> {
        let value = (self.cell)(column)?;
        Score::parse(value)
            .map_err(|refusal| {
                let said = Said::new(|language| {
                    language.tr_with(
                        "\"{value}\" không hợp lệ: {why}",
                        &[("value", &value), ("why", &refusal.message(language))],
                    )
                });
                self.refuse(column, said)
            })
            .ok()
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let value = (self.cell)(column)?;
        let parsed = layout::date_written(value);
        if parsed.is_none() {
            self.refuse(
                column,
                Said::with(
                    "\"{value}\" không phải là ngày: hãy viết dạng 31/12/2024 hoặc 2024-12-31.",
                    &[("value", &value)],
                ),
            );
        }
        parsed
    }
}

fn read_row(
    mut row: RowReader<'_>,
    places: &PlaceIndex,
    subgroups: &[(String, String)],
    today: NaiveDate,
    reach: Option<&str>,
    own_province: Option<&Province>,
) -> Result<(NewProduct, Vec<RowError>), Vec<RowError>> {
    let name = row.required("product_name");
    let producer_name = row.required("producer_name");
    let address = row.optional("address").unwrap_or_default();
    // Without a province in the row: the title's, or the officer's own.
    let own = own_province.filter(|_| (row.cell)("province").is_none());
    let province_written = if own.is_some() { None } else { row.required("province") };
    let province = own.cloned().or_else(|| {
        province_written.and_then(|written| {
            let found = places.province(written).cloned();
            if found.is_none() {
                row.refuse(
                    "province",
                    Said::with(
                        "không nhận ra tỉnh/thành phố \"{written}\": hãy ghi tên một trong 34 tỉnh, thành phố hiện nay \
                         hoặc 63 tỉnh, thành phố trước năm 2025.",
                        &[("written", &written)],
                    ),
                );
            }
            found
        })
    });
    let province = province.filter(|province| match reach {
        Some(reach) if province.code != reach => {
            row.refuse(
                "province",
                Said::with(
                    "{province} nằm ngoài tỉnh, thành phố bạn phụ trách: chỉ nhập được sản phẩm của tỉnh mình.",
                    &[("province", &province.name)],
                ),
            );
            false
        }
        _ => true,
    });
    let stars = row.number("stars", 3..=5, true, layout::stars_written);
    let decision_date = row.date("decision_date");
    // A list without a year column dates each rating by its decision.
    let year = match decision_date.filter(|_| (row.cell)("recognized_year").is_none()) {
        Some(decided) => Some(i64::from(decided.year())),
        None => {
            row.number("recognized_year", i64::from(FIRST_YEAR)..=i64::from(today.year()), true, |v| v.parse().ok())
        }
    };
    let score = row.score("score");
    if let (Some(score), Some(stars)) = (score, stars) {
        let band = score.band();
        if i64::from(band.get()) < stars {
            let said = Said::new(|language| {
                language.tr_with(
                    "{score} điểm chỉ đạt hạng {band} sao, không thể xếp {stars} sao.",
                    &[("score", &score.text(language)), ("band", &band.get()), ("stars", &stars)],
                )
            });
            row.refuse("score", said);
        }
    }
    let subgroup = row.optional("subgroup").and_then(|written| {
        let key = fold(&written);
        let found = subgroups.iter().find(|(code, name)| code == &written || fold(name) == key).cloned();
        if found.is_none() {
            row.refuse(
                "subgroup",
                Said::with("không có bộ sản phẩm \"{written}\" trong Bộ tiêu chí 26/2026.", &[("written", &written)]),
            );
        }
        found
    });
    if decision_date.is_some_and(|date| date > today) {
        row.refuse("decision_date", Said::text("ngày quyết định nằm trong tương lai."));
    }
    let expiry = row.date("expiry");
    if let (Some(decided), Some(expiry)) = (decision_date, expiry) {
        if expiry <= decided {
            row.refuse("expiry", Said::text("ngày hết hạn phải sau ngày quyết định."));
        }
    }
    let website = row.optional("website");
    if let Some(site) = &website {
        if !(site.starts_with("http://") || site.starts_with("https://")) {
            row.refuse(
                "website",
                Said::with("\"{site}\" không phải địa chỉ web: hãy bắt đầu bằng https://.", &[("site", site)]),
            );
        }
    }
    let (Some(name), Some(producer_name), Some(province), Some(stars), Some(year), true) =
        (name, producer_name, province, stars, year, row.errors.is_empty())
    else {
        return Err(row.errors);
    };
    // The commune as the 2025 reform named it, from its column or from the address; one not
    // recognised leaves the commune empty and says so, the address staying as written.
    let commune_code = match row.optional("commune") {
        Some(written) => {
            let found = places.commune(&province.code, &written);
            if found.is_none() {
                row.note(
                    "commune",
                    Said::with(
                        "không nhận ra xã, phường \"{written}\" trong {province}: để trống xã, giữ nguyên địa chỉ.",
                        &[("written", &written), ("province", &province.name)],
                    ),
                );
            }
            found
        }
        None => places.commune_in_address(&province.code, &address),
    }
    .map(str::to_string);
    let phone = row.optional("phone");
    // The list's "ngày hết hạn"/"thời hạn đến" is the last valid day as people read it, which
    // is what `expires_on` keeps; without it, the legal one from the decision.
    let expires_on = expiry.map(ValidUntil::new).or_else(|| decision_date.map(ValidUntil::for_decision));
    let product = NewProduct {
        producer: NewProducer {
            name: producer_name.to_string(),
            kind: layout::producer_kind(row.optional("producer_kind").as_deref().unwrap_or_default(), producer_name)
                .map(str::to_string)
                .or_else(|| row.optional("producer_kind")),
            province_code: province.code.clone(),
            address_as_written: address.clone(),
            phone: phone.clone(),
            website: website.clone(),
        },
        name: name.to_string(),
        subgroup_code: subgroup.as_ref().map(|(code, _)| code.clone()),
        subgroup_name: subgroup.map(|(_, name)| name),
        province_code: province.code,
        commune_code,
        address_as_written: address,
        province_as_written: province_written.map_or_else(|| province.name.clone(), str::to_string),
        province_name: province.name,
        stars: stars as u8,
        score,
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
    };
    Ok((product, row.notes))
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
