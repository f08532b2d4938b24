//! How a sheet's columns are read: where its header is, and what each column is read as (by
//! its name, as the officer chose in the mapping step, or as chosen before for a list of the
//! same layout), and which sheets of a workbook are read.

use std::collections::HashMap;

use app::model::{ImportColumn, ImportMapping, ImportSheet};

use super::{layout, ImportError, ImportOptions, Sheet};

/// A sheet's lines, each with its line in the file; the header is among them.
pub(super) type Lines = Vec<(u64, Vec<String>)>;

/// How one sheet is laid out.
pub(super) struct SheetLayout {
    /// Where the header is among the sheet's lines.
    pub header_at: usize,
    /// A header naming a list's columns was found (otherwise the row most like one is shown).
    pub holds_list: bool,
    /// The reading used: the officer's, one remembered for the layout, or none.
    pub mapping: ImportMapping,
    pub remembered: bool,
    /// The header's layout, under which the reading is remembered once a list is imported.
    pub signature: String,
}

impl SheetLayout {
    pub fn of(lines: &Lines, options: &ImportOptions) -> SheetLayout {
        let rows = || lines.iter().map(|(_, row)| row.as_slice());
        let remembered = if options.mapping.columns.is_empty() && !options.remembered.is_empty() {
            let signatures: Vec<String> = rows().take(layout::HEADER_WITHIN).map(layout::signature).collect();
            options.remembered.iter().find(|(signature, _)| signatures.contains(signature)).map(|(_, m)| m.clone())
        } else {
            None
        };
        let (mapping, remembered) = match remembered {
            Some(mapping) => (mapping, true),
            None => (ImportMapping { sheets: Vec::new(), ..options.mapping.clone() }, false),
        };
        let found = layout::header_row(rows(), |cell| read_as(&mapping, cell));
        let header_at = found.unwrap_or_else(|| layout::likely_header(rows()));
        let signature = lines.get(header_at).map(|(_, row)| layout::signature(row)).unwrap_or_default();
        SheetLayout { header_at, holds_list: found.is_some(), mapping, remembered, signature }
    }

    /// The header's cells that hold something, each with its reading.
    pub fn columns(&self, lines: &Lines) -> Vec<ImportColumn> {
        let header = lines.get(self.header_at).map(|(_, row)| row.as_slice()).unwrap_or_default();
        header
            .iter()
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .map(|cell| ImportColumn {
                written: cell.to_string(),
                field: read_as(&self.mapping, cell).map(str::to_string),
                chosen: self.mapping.reading(cell).is_some(),
            })
            .collect()
    }

    /// The field each column of the header is read as, by position (the first, when two are
    /// read as one field); the columns read as none; and every column read as a field an
    /// earlier one is, for the refusal to name them all.
    pub fn fields(&self, header: &[String]) -> HeaderFields {
        let mut fields = HeaderFields::default();
        for (i, written) in header.iter().enumerate() {
            match read_as(&self.mapping, written) {
                Some(column) => match fields.columns.get(column) {
                    Some(&first) => fields.doubled.push(Doubled {
                        column: column.into(),
                        first: header[first].trim().into(),
                        second: written.trim().into(),
                    }),
                    None => {
                        fields.columns.insert(column, i);
                    }
                },
                None if !written.trim().is_empty() => fields.ignored.push(written.trim().to_string()),
                None => {}
            }
        }
        fields.ignored.sort();
        fields
    }
}

/// What a header's columns are read as.
#[derive(Debug, Default)]
pub struct HeaderFields {
    pub columns: HashMap<&'static str, usize>,
    pub ignored: Vec<String>,
    pub doubled: Vec<Doubled>,
}

/// Two header cells read as the same field: which one is meant cannot be guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubled {
    pub column: String,
    pub first: String,
    pub second: String,
}

/// What a header cell is read as: the officer's choice for it, or else its name.
fn read_as(mapping: &ImportMapping, cell: &str) -> Option<&'static str> {
    mapping.reading(cell).unwrap_or_else(|| layout::column_named(cell))
}

/// A column's reading as the command line writes it, `"Tên SP=product_name"` (or `"Ghi chú="`
/// to leave it out), or the sentence saying what is wrong with it.
pub fn map_written(map: &str) -> Result<(&str, Option<&'static str>), String> {
    let Some((header, field)) = map.rsplit_once('=') else {
        return Err(format!(
            "--map \"{map}\": write the column's header, \"=\" and the field, as --map \"Tên SP=product_name\"."
        ));
    };
    let header = header.trim();
    if header.is_empty() {
        return Err(format!("--map \"{map}\": the column's header is missing before \"=\"."));
    }
    match field.trim() {
        "" | "-" => Ok((header, None)),
        code => match app::model::import_field(code) {
            Some(field) => Ok((header, Some(field))),
            None => Err(format!(
                "--map \"{map}\": \"{code}\" is not a field; the fields are {}.",
                app::model::IMPORT_FIELDS.iter().map(|(code, ..)| *code).collect::<Vec<_>>().join(", ")
            )),
        },
    }
}

/// The layout the officer's page shows: the columns of the first sheet read (or of the first
/// sheet, when none holds a list), and each sheet of a workbook of several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayoutFound {
    pub columns: Vec<ImportColumn>,
    pub sheets: Vec<ImportSheet>,
    /// The columns were read as chosen before for this layout.
    pub remembered: bool,
    /// The layout of the first sheet read, under which a chosen reading is remembered.
    pub signature: Option<String>,
}

impl LayoutFound {
    /// Notes a sheet's layout, in the order of the workbook.
    pub(super) fn add(&mut self, name: Option<&str>, lines: &Lines, layout: &SheetLayout, read: bool) {
        if let Some(name) = name {
            self.sheets.push(ImportSheet { name: name.to_string(), holds_list: layout.holds_list, read });
        }
        let first_read = read && self.signature.is_none();
        if first_read || self.columns.is_empty() {
            self.columns = layout.columns(lines);
            self.remembered = layout.remembered;
        }
        if first_read {
            self.signature = Some(layout.signature.clone());
        }
    }
}

/// The layout of a file's sheets as the options read them, without checking a row: what the
/// officer is shown to correct when the file's columns cannot be read as a list's.
pub fn layout_found(bytes: &[u8], options: &ImportOptions) -> Result<LayoutFound, ImportError> {
    let mut found = LayoutFound::default();
    for sheet in Sheet::read(bytes)? {
        let name = sheet.name.clone();
        let lines = sheet.lines();
        let layout = SheetLayout::of(&lines, options);
        let read = layout.holds_list && name.as_deref().is_none_or(|name| options.mapping.reads_sheet(name));
        found.add(name.as_deref(), &lines, &layout, read);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &[&[&str]]) -> Lines {
        rows.iter().enumerate().map(|(i, row)| (i as u64 + 1, row.iter().map(|c| c.to_string()).collect())).collect()
    }

    #[test]
    fn the_command_line_writes_a_reading_as_header_equals_field() {
        assert_eq!(map_written("Tên SP=product_name"), Ok(("Tên SP", Some("product_name"))));
        assert_eq!(map_written(" Ghi chú = "), Ok(("Ghi chú", None)));
        assert_eq!(map_written("A=B=stars"), Ok(("A=B", Some("stars"))));
        for wrong in ["Tên SP", "=stars", "Tên SP=name"] {
            assert!(map_written(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn columns_are_read_by_name_by_choice_or_as_remembered_for_the_layout() {
        let list = lines(&[
            &["DANH SÁCH SẢN PHẨM"],
            &["TT", "Tên hàng", "Cơ sở sản xuất", "Sao", "Ghi chú"],
            &["1", "Mắm cá linh", "Cơ sở Bà Giáo Khỏe", "4", "mới"],
        ]);
        let field = |layout: &SheetLayout| -> Vec<(String, Option<String>, bool)> {
            layout.columns(&list).into_iter().map(|c| (c.written, c.field, c.chosen)).collect()
        };
        let by_name = SheetLayout::of(&list, &ImportOptions::default());
        assert!(!by_name.holds_list, "no column is named as a product's");
        assert_eq!(by_name.header_at, 1, "the row most like a header is shown");
        assert_eq!(field(&by_name)[1], ("Tên hàng".into(), None, false));
        assert_eq!(field(&by_name)[2], ("Cơ sở sản xuất".into(), Some("producer_name".into()), false));

        let mut mapping = ImportMapping::default();
        mapping.read_as("TÊN HÀNG", Some("product_name"));
        mapping.read_as("Sao", Some("stars"));
        mapping.read_as("Cơ sở sản xuất", None);
        let chosen = ImportOptions { mapping: mapping.clone(), ..ImportOptions::default() };
        let layout = SheetLayout::of(&list, &chosen);
        assert!(layout.holds_list && !layout.remembered);
        assert_eq!(
            field(&layout),
            [
                ("TT".into(), None, false),
                ("Tên hàng".into(), Some("product_name".into()), true),
                ("Cơ sở sản xuất".into(), None, true),
                ("Sao".into(), Some("stars".into()), true),
                ("Ghi chú".into(), None, false),
            ]
        );

        // Another file of the same layout (title and rows differ) is read as chosen before; a
        // file of another layout is not.
        let again = lines(&[&["DANH SÁCH NĂM 2024"], &[], &["TT", "Tên hàng", "Cơ sở sản xuất", "Sao", "Ghi chú"]]);
        let remembered =
            ImportOptions { remembered: vec![(layout.signature.clone(), mapping)], ..ImportOptions::default() };
        let reread = SheetLayout::of(&again, &remembered);
        assert!(reread.holds_list && reread.remembered);
        assert_eq!(reread.header_at, 2);
        let other = lines(&[&["STT", "Tên hàng", "Đơn vị", "Sao"]]);
        assert!(!SheetLayout::of(&other, &remembered).remembered);

        // Two columns read as one field cannot be told apart.
        let mut twice = ImportMapping::default();
        twice.read_as("Tên hàng", Some("product_name"));
        twice.read_as("Ghi chú", Some("product_name"));
        let layout = SheetLayout::of(&list, &ImportOptions { mapping: twice, ..ImportOptions::default() });
        let doubled = layout.fields(&list[1].1).doubled;
        assert_eq!(
            doubled.iter().map(|d| (d.first.as_str(), d.second.as_str())).collect::<Vec<_>>(),
            [("Tên hàng", "Ghi chú")]
        );
    }
}
