//! Reading a list's file: CSV text or an XLSX workbook, told apart by content, cell by cell and
//! within bounds, so that no file, however built, can take the process down.

use chrono::NaiveDate;

use super::{ImportError, WorkbookExcess, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES};

/// A merged region: its first (row, column) and its last.
type Merged = ((u32, u32), (u32, u32));

/// Merged regions beyond this many are no list's: refused before calamine reads them into a list.
const MAX_MERGED: u64 = 100_000;

/// A list as read from its file: the header (the first row holding anything), and each row
/// with its line in the file; the sheet's name when a workbook holds several.
pub struct Sheet {
    pub(super) name: Option<String>,
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<(u64, Vec<String>)>,
}

impl Sheet {
    /// Every line, the first holding anything too, each with its line in the file.
    pub(super) fn lines(self) -> Vec<(u64, Vec<String>)> {
        let first = self.rows.first().map_or(1, |(line, _)| line.saturating_sub(1)).max(1);
        std::iter::once((first, self.header)).chain(self.rows).collect()
    }

    /// Every sheet of an XLSX workbook, or CSV text, told apart by content, not by file name.
    pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
        if bytes.starts_with(b"PK\x03\x04") {
            return Sheet::from_xlsx(bytes);
        }
        // The signature of a compound document, in which Excel keeps an encrypted workbook.
        if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
            return Err(ImportError::Protected);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotAList)?;
        if text.contains('\0') {
            return Err(ImportError::NotAList);
        }
        Ok(vec![Sheet::from_csv(text)?])
    }

    pub fn from_csv(text: &str) -> Result<Sheet, ImportError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
        let unreadable = |err: csv::Error| ImportError::Unreadable(err.to_string());
        let header = reader.headers().map_err(unreadable)?.iter().map(str::to_string).collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(unreadable)?;
            let line = record.position().map_or(rows.len() as u64 + 2, |p| p.line());
            rows.push((line, record.iter().map(crate::plain_text::plain).collect()));
        }
        Ok(Sheet { name: None, header, rows })
    }

    /// Every sheet, cell by cell (a province may keep one per decision or per star level). Not through calamine's `Range`: it allocates the whole
    /// rectangle between the first and last used cells, so one value in A1 and one in
    /// XFD1048576 asked for hundreds of gigabytes and aborted the process.
    fn from_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
        use calamine::{Reader, Xlsx};
        check_unpacked_size(bytes, MAX_UNPACKED_BYTES)?;
        let unreadable = |err: calamine::XlsxError| ImportError::Unreadable(err.to_string());
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
        let any_merged = merged_regions(bytes)? > 0;
        let names = book.sheet_names();
        if names.is_empty() {
            return Err(ImportError::Unreadable("no sheet".into()));
        }
        let several = names.len() > 1;
        // The bound holds over the whole workbook: many sheets are no way around it.
        let mut rows_left = MAX_ROWS;
        let mut sheets = Vec::new();
        for name in names {
            let merged: Vec<Merged> = if any_merged {
                book.merge_cells_by_sheet_name(&name).map_err(unreadable)?.iter().map(|r| (r.start, r.end)).collect()
            } else {
                Vec::new()
            };
            let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
            let sheet = Sheet::cells(&mut cells, &mut rows_left, &merged).map_err(|err| match err {
                ImportError::TooLarge(WorkbookExcess::Cell(cell)) if several => {
                    ImportError::TooLarge(WorkbookExcess::Cell(format!("{name}!{cell}")))
                }
                other => other,
            })?;
            sheets.push(Sheet { name: several.then_some(name), ..sheet });
        }
        Ok(sheets)
    }

    /// One sheet's cells, counting its rows against `rows_left`; a cell merged down over several
    /// rows is read in each.
    fn cells<R: std::io::Read + std::io::Seek>(
        cells: &mut calamine::XlsxCellReader<'_, R>,
        rows_left: &mut u32,
        merged: &[Merged],
    ) -> Result<Sheet, ImportError> {
        use calamine::Data;
        let unreadable = |err: calamine::XlsxError| ImportError::Unreadable(err.to_string());
        // Rows by their number in the sheet; only cells holding something are kept.
        let mut rows: std::collections::BTreeMap<u32, Vec<String>> = std::collections::BTreeMap::new();
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            let text = crate::plain_text::plain(&cell_text(&Data::from(cell.get_value().clone())));
            if text.trim().is_empty() {
                continue;
            }
            if row >= MAX_ROWS || column >= MAX_COLUMNS || (*rows_left == 0 && !rows.contains_key(&row)) {
                return Err(ImportError::TooLarge(WorkbookExcess::Cell(cell_name(row, column))));
            }
            let values = rows.entry(row).or_insert_with(|| {
                *rows_left -= 1;
                Vec::new()
            });
            let column = column as usize;
            if values.len() <= column {
                values.resize(column + 1, String::new());
            }
            values[column] = text;
        }
        fill_merged_down(&mut rows, merged)?;
        // Lines as the spreadsheet numbers its rows; the first row holding anything is the header.
        let mut lines = rows.into_iter().map(|(row, values)| (u64::from(row) + 1, values));
        let header = lines.next().map(|(_, values)| values).unwrap_or_default();
        Ok(Sheet { name: None, header, rows: lines.collect() })
    }
}

/// A cell merged down over rows (the producer written once beside each of its products, a
/// decision beside every row it certified) holds its value in its first row only: each row it
/// spans that holds anything else reads it too. Merged across columns only (a title, a group's
/// heading), it stays in its first cell, so a group row still fills one column. The work is
/// bounded, whatever regions a file declares.
fn fill_merged_down(
    rows: &mut std::collections::BTreeMap<u32, Vec<String>>,
    merged: &[Merged],
) -> Result<(), ImportError> {
    const MAX_FILLED: usize = MAX_ROWS as usize * 8;
    let mut filled = 0;
    for &((top, column), (bottom, _)) in merged {
        // Merged across one row only, or declared upside down: nothing to read further down.
        if bottom <= top {
            continue;
        }
        let at = column as usize;
        let Some(value) = rows.get(&top).and_then(|values| values.get(at)).filter(|value| !value.is_empty()).cloned()
        else {
            continue;
        };
        for (_, values) in rows.range_mut(top.saturating_add(1)..=bottom) {
            filled += 1;
            if filled > MAX_FILLED {
                return Err(ImportError::TooLarge(WorkbookExcess::Cell(cell_name(top, column))));
            }
            if values.len() <= at {
                values.resize(at + 1, String::new());
            }
            if values[at].is_empty() {
                values[at].clone_from(&value);
            }
        }
    }
    Ok(())
}

/// How many merged regions the workbook's sheets declare, counted in their XML as it unpacks
/// (nothing kept); refused beyond `MAX_MERGED`.
fn merged_regions(bytes: &[u8]) -> Result<u64, ImportError> {
    use std::io::Read;
    let unreadable = |err: zip::result::ZipError| ImportError::Unreadable(err.to_string());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    // With or without a namespace prefix (`<mergeCell ` or `<x:mergeCell `).
    let finder = memchr::memmem::Finder::new(b"mergeCell ");
    let mut count = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(unreadable)?;
        let name = part.name().map_err(unreadable)?;
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        // The last bytes of a chunk are kept before the next, so a name cut in two is found.
        let keep = finder.needle().len() - 1;
        let mut kept = 0;
        loop {
            let read = part.read(&mut buffer[kept..]).map_err(|err| ImportError::Unreadable(err.to_string()))?;
            if read == 0 {
                break;
            }
            let end = kept + read;
            count += finder.find_iter(&buffer[..end]).count() as u64;
            if count > MAX_MERGED {
                return Err(ImportError::TooLarge(WorkbookExcess::Merged));
            }
            kept = keep.min(end);
            buffer.copy_within(end - kept..end, 0);
        }
    }
    Ok(count)
}

/// Refuses a workbook whose parts would unpack to more than `MAX_UNPACKED_BYTES` (a few
/// kilobytes of zip can unpack to gigabytes of XML, which calamine reads whole for the shared
/// strings). The sizes are those the zip declares; the reader's own check of each part's
/// length and checksum refuses a part that lies about its size.
fn check_unpacked_size(bytes: &[u8], limit: u64) -> Result<(), ImportError> {
    let unreadable = |err: zip::result::ZipError| ImportError::Unreadable(err.to_string());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).map_err(unreadable)?.size());
    }
    if total > limit {
        return Err(ImportError::TooLarge(WorkbookExcess::Unpacked));
    }
    Ok(())
}

/// A cell's name as the spreadsheet shows it: column letters then the row's number (0, 0 is A1).
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A workbook cell as the text the checks read: whole numbers without ".0", dates as ISO
/// dates (a spreadsheet keeps them as day counts from 30 December 1899).
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{}", *number as i64),
        Data::DateTime(date) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            epoch
                .checked_add_signed(chrono::Duration::days(date.as_f64() as i64))
                .map(|d| d.to_string())
                .unwrap_or_default()
        }
        Data::Empty | Data::Error(_) => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Language;

    /// A workbook with `cells` (row, column, text) on its first sheet.
    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for &(row, column, text) in cells {
            sheet.write_string(row, column, text).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn names_cells_as_the_spreadsheet_does() {
        let cases =
            [((0, 0), "A1"), ((1, 25), "Z2"), ((9, 26), "AA10"), ((0, 63), "BL1"), ((1_048_575, 16_383), "XFD1048576")];
        for ((row, column), name) in cases {
            assert_eq!(cell_name(row, column), name);
        }
    }

    #[test]
    fn a_workbook_spanning_the_whole_grid_is_refused_with_the_cell_before_anything_is_allocated() {
        // 1.6 KB that a dense reader would turn into a grid of 17 billion cells.
        let bomb = workbook(&[(0, 0, "product_name"), (1_048_575, 16_383, "x")]);
        assert!(bomb.len() < 10_000, "{} bytes", bomb.len());
        let refusal = Sheet::read(&bomb).err().expect("refused");
        assert!(matches!(&refusal, ImportError::TooLarge(WorkbookExcess::Cell(cell)) if cell == "XFD1048576"));
        assert!(refusal.message(Language::Vi).contains("ô XFD1048576"), "{}", refusal.message(Language::Vi));
        assert!(refusal.to_string().contains("cell XFD1048576"));
        for (row, column, cell) in [(MAX_ROWS, 0, format!("A{}", MAX_ROWS + 1)), (0, MAX_COLUMNS as u16, "BM1".into())]
        {
            let wide = workbook(&[(0, 0, "product_name"), (row, column, "x")]);
            let refusal = Sheet::read(&wide).err();
            assert!(matches!(&refusal, Some(ImportError::TooLarge(WorkbookExcess::Cell(c))) if *c == cell), "{cell}");
        }
        // Empty cells far away are formatting, not data: the list is read.
        let edges = workbook(&[(0, 0, "product_name"), (2, 1, "Mật ong"), (1_048_575, 16_383, "  ")]);
        let sheet = Sheet::read(&edges).expect("read").remove(0);
        assert_eq!(sheet.header, vec!["product_name"]);
        assert_eq!(sheet.rows, vec![(3, vec![String::new(), "Mật ong".to_string()])]);
    }

    #[test]
    fn a_cell_merged_down_is_read_in_every_row_it_spans() {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let plain = Format::new();
        sheet.merge_range(0, 0, 0, 3, "ỦY BAN NHÂN DÂN TỈNH AN GIANG", &plain).unwrap();
        for (column, text) in ["Tên sản phẩm", "Tên chủ thể", "Hạng sao", "Số quyết định"].iter().enumerate()
        {
            sheet.write_string(1, column as u16, *text).unwrap();
        }
        sheet.merge_range(2, 0, 2, 3, "SẢN PHẨM ĐẠT 4 SAO", &plain).unwrap();
        for (row, product) in ["Mắm cá linh", "Mắm cá sặc", "Khô cá lóc"].iter().enumerate() {
            sheet.write_string(3 + row as u32, 0, *product).unwrap();
            sheet.write_string(3 + row as u32, 2, "4 sao").unwrap();
        }
        // One producer for the first two products, one decision for all three.
        sheet.merge_range(3, 1, 4, 1, "Cơ sở Bà Giáo Khỏe", &plain).unwrap();
        sheet.write_string(5, 1, "HTX Vĩnh Hòa").unwrap();
        sheet.merge_range(3, 3, 5, 3, "2497/QĐ-UBND", &plain).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(merged_regions(&bytes).unwrap(), 4);
        let lines = Sheet::read(&bytes).unwrap().remove(0).lines();
        let row = |line: u64| lines.iter().find(|(l, _)| *l == line).map(|(_, values)| values.clone()).unwrap();
        assert_eq!(row(1)[0], "ỦY BAN NHÂN DÂN TỈNH AN GIANG");
        assert!(row(1)[1..].iter().all(String::is_empty), "a title merged across stays in its first cell");
        assert_eq!(row(3).iter().filter(|cell| !cell.is_empty()).count(), 1, "a group row still fills one cell");
        assert_eq!(row(4), ["Mắm cá linh", "Cơ sở Bà Giáo Khỏe", "4 sao", "2497/QĐ-UBND"]);
        assert_eq!(row(5), ["Mắm cá sặc", "Cơ sở Bà Giáo Khỏe", "4 sao", "2497/QĐ-UBND"]);
        assert_eq!(row(6), ["Khô cá lóc", "HTX Vĩnh Hòa", "4 sao", "2497/QĐ-UBND"]);
    }

    #[test]
    fn merged_regions_beyond_the_bound_are_refused_before_they_are_loaded() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let plain = rust_xlsxwriter::Format::new();
        sheet.write_string(0, 0, "product_name").unwrap();
        for row in 0..(MAX_MERGED as u32 + 1) {
            sheet.merge_range(2 * row + 1, 0, 2 * row + 2, 0, "", &plain).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        assert!(matches!(Sheet::read(&bytes).err(), Some(ImportError::TooLarge(WorkbookExcess::Merged))));
        // Rows overlapping many times over are bounded by the rows filled, not the regions.
        let mut rows: std::collections::BTreeMap<u32, Vec<String>> =
            (0..MAX_ROWS).map(|row| (row, vec!["x".to_string()])).collect();
        let overlapping = vec![((0, 0), (MAX_ROWS - 1, 0)); 10];
        assert!(matches!(fill_merged_down(&mut rows, &overlapping), Err(ImportError::TooLarge(_))));
    }

    #[test]
    fn a_workbook_unpacking_beyond_the_bound_is_refused() {
        let book = workbook(&[(0, 0, "product_name")]);
        assert!(matches!(check_unpacked_size(&book, 1_000), Err(ImportError::TooLarge(WorkbookExcess::Unpacked))));
        assert!(check_unpacked_size(&book, MAX_UNPACKED_BYTES).is_ok());
    }
}
