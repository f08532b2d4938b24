//! A list as provinces lay it out: title rows above the header, Vietnamese column names and
//! their variants, a numbering row under the header, group and total rows between products,
//! and values written as people write them ("4 sao", "71,00", "15-11-2022").

use app::domain::{fold, ProducerKind};
use chrono::NaiveDate;

/// The columns we read, each with the folded names lists give it (ours first).
const COLUMNS: &[(&str, &[&str])] = &[
    ("product_name", &["product name", "ten san pham", "san pham", "ten sp", "ten san pham ocop", "san pham ocop"]),
    (
        "producer_name",
        &[
            "producer name",
            "chu the",
            "ten chu the",
            "chu the san xuat",
            "ten chu the san xuat",
            "don vi",
            "ten don vi",
            "co so san xuat",
            "chu the ocop",
        ],
    ),
    ("address", &["address", "dia chi", "dia chi chu the"]),
    ("province", &["province", "tinh", "tinh thanh pho", "tinh tp", "tinh thanh"]),
    ("commune", &["commune", "xa", "phuong", "xa phuong", "phuong xa", "xa phuong thi tran"]),
    ("score", &["score", "diem", "tong diem", "diem danh gia", "so diem"]),
    ("stars", &["stars", "hang sao", "so sao", "xep hang", "hang", "xep hang sao", "phan hang"]),
    ("recognized_year", &["recognized year", "nam", "nam cong nhan", "nam danh gia"]),
    ("decision", &["decision", "so quyet dinh", "quyet dinh", "so qd", "quyet dinh cong nhan"]),
    ("decision_date", &["decision date", "ngay quyet dinh", "ngay qd", "ngay cong nhan"]),
    ("certificate_number", &["certificate number", "so giay chung nhan", "so chung nhan", "giay chung nhan"]),
    ("expiry", &["expiry", "ngay het han", "thoi han", "han giay chung nhan", "het han"]),
    ("producer_kind", &["producer kind", "loai hinh chu the", "loai hinh"]),
    ("subgroup", &["subgroup", "nhom", "phan nhom", "bo san pham", "nhom san pham"]),
    ("phone", &["phone", "so dien thoai", "dien thoai", "sdt"]),
    ("website", &["website", "trang web"]),
    ("description", &["description", "mo ta", "gioi thieu"]),
];

/// The column a header cell names, if we read it.
pub fn column_named(header: &str) -> Option<&'static str> {
    let key = fold(header);
    COLUMNS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(column, _)| *column)
}

/// How far down a header may sit under title rows.
pub(super) const HEADER_WITHIN: usize = 20;

/// Which of the first rows is the header, each cell read by `named` (its name, or the reading an
/// officer chose): the first naming the product and either its producer or its stars. `None`
/// when no row does.
pub(super) fn header_row<'a>(
    rows: impl Iterator<Item = &'a [String]>,
    named: impl Fn(&str) -> Option<&'static str>,
) -> Option<usize> {
    rows.take(HEADER_WITHIN).position(|row| {
        let named: Vec<&str> = row.iter().filter_map(|cell| named(cell)).collect();
        named.contains(&"product_name") && (named.contains(&"producer_name") || named.contains(&"stars"))
    })
}

/// The row most like a header when no row names a list's columns: the first of the first rows
/// with three different texts (a title, even merged across the columns, has one), so that the
/// officer is shown its columns to read them; the first row when none has.
pub(super) fn likely_header<'a>(rows: impl Iterator<Item = &'a [String]>) -> usize {
    rows.take(HEADER_WITHIN)
        .position(|row| {
            let texts: std::collections::BTreeSet<&str> =
                row.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).collect();
            texts.len() >= 3 && !numbers_columns(row)
        })
        .unwrap_or(0)
}

/// A header row's layout, to know a list of the same layout again: its cells folded, in order.
pub(super) fn signature(row: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let cells: Vec<String> = row.iter().map(|cell| fold(cell)).filter(|cell| !cell.is_empty()).collect();
    Sha256::digest(cells.join("|").as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The place a title row names after "tỉnh" or "thành phố" ("ỦY BAN NHÂN DÂN TỈNH AN GIANG",
/// "DANH SÁCH SẢN PHẨM OCOP THÀNH PHỐ ĐÀ NẴNG NĂM 2023"): the longest run of the words that
/// follow which `known` recognises.
pub(super) fn place_in_title<T>(title: &str, known: impl Fn(&str) -> Option<T>) -> Option<T> {
    let words: Vec<String> = fold(title).split(' ').map(str::to_string).collect();
    let after = |i: usize| match (words[i].as_str(), words.get(i + 1).map(String::as_str)) {
        ("tinh", _) => Some(i + 1),
        ("thanh", Some("pho")) => Some(i + 2),
        _ => None,
    };
    (0..words.len()).filter_map(after).find_map(|start| {
        // Province names run to four words ("Bà Rịa - Vũng Tàu" folds to four).
        (1..=4.min(words.len().saturating_sub(start))).rev().find_map(|n| known(&words[start..start + n].join(" ")))
    })
}

/// The decision a title row cites, "(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022)":
/// its number, and its date when written there (15/11/2022, or "ngày 15 tháng 11 năm 2022").
pub(super) fn decision_in_title(title: &str) -> Option<(String, Option<NaiveDate>)> {
    let tokens: Vec<&str> =
        title.split_whitespace().map(|token| token.trim_matches(|c: char| "(),;:.".contains(c))).collect();
    // A decision's number has its kind after a slash: 2497/QĐ-UBND, 15/QĐ-BNNMT.
    let at = tokens.iter().position(|token| {
        let folded = fold(token);
        token.contains('/') && (folded.contains(" qd") || folded.split(' ').nth(1).is_some_and(|kind| kind == "qd"))
    })?;
    let number = tokens[at].to_string();
    let rest = &tokens[at + 1..];
    let written = rest.iter().find_map(|token| date_written(token));
    // "ngày 15 tháng 11 năm 2022"
    let spelled = || {
        let words: Vec<String> = rest.iter().map(|token| fold(token)).collect();
        let i = words.iter().position(|word| word == "ngay")?;
        match &words[i + 1..] {
            [day, month_word, month, year_word, year, ..] if month_word == "thang" && year_word == "nam" => {
                NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
            }
            _ => None,
        }
    };
    Some((number, written.or_else(spelled)))
}

/// A producer's kind as a code: from the kind column as written ("Hợp tác xã", or a code),
/// else from how the producer's name begins ("Công ty TNHH…", "HTX…", "Tổ hợp tác…", "Hộ kinh
/// doanh…"); `None` when neither says (a "Cơ sở…" may be any).
pub(super) fn producer_kind(written: &str, name: &str) -> Option<&'static str> {
    const BY_WORDS: &[(&str, &str)] = &[
        ("cong ty", "enterprise"),
        ("doanh nghiep", "enterprise"),
        ("hop tac xa", "cooperative"),
        ("htx", "cooperative"),
        ("to hop tac", "cooperative_group"),
        ("tht", "cooperative_group"),
        ("ho kinh doanh", "household"),
        ("ho san xuat", "household"),
    ];
    let starts = |text: &str| {
        let key = fold(text);
        BY_WORDS.iter().find(|(words, _)| key == *words || key.starts_with(&format!("{words} "))).map(|(_, kind)| *kind)
    };
    ProducerKind::from_code(written.trim()).map(ProducerKind::code).or_else(|| starts(written)).or_else(|| starts(name))
}

/// The row under a header that only numbers its columns: "(1) (2) (3)…" or "1 2 3…".
pub(super) fn numbers_columns(row: &[String]) -> bool {
    let filled: Vec<&str> = row.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|cell| {
            let inner = cell.strip_prefix('(').and_then(|c| c.strip_suffix(')')).unwrap_or(cell);
            !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
        })
}

/// The stars of a rating as lists write them: "4", "4 sao", "4*", "★★★★", "bốn sao". `None`
/// for anything else (then a row error says what is expected).
pub(super) fn stars_written(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.chars().all(|c| c == '★' || c == '⭐') {
        return Some(text.chars().count() as i64);
    }
    let key = fold(text);
    let key = key.strip_suffix(" sao").unwrap_or(&key);
    let key = key.strip_suffix('*').unwrap_or(key).trim();
    match key {
        "ba" => Some(3),
        "bon" | "tu" => Some(4),
        "nam" => Some(5),
        digits => digits.parse().ok(),
    }
}

/// A date as lists write it: 15/11/2022, 15-11-2022, 15.11.2022 or 2022-11-15 (an Excel date
/// cell arrives as the last).
pub(super) fn date_written(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_cites_its_decision() {
        let day = |text: &str| text.parse::<NaiveDate>().ok();
        let cases = [
            (
                "(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022 của UBND tỉnh)",
                Some(("2497/QĐ-UBND", day("2022-11-15"))),
            ),
            (
                "Kèm theo Quyết định số 1234/QĐ-UBND ngày 05 tháng 12 năm 2026",
                Some(("1234/QĐ-UBND", day("2026-12-05"))),
            ),
            ("Quyết định số 15/QĐ-BNNMT", Some(("15/QĐ-BNNMT", None))),
            ("DANH SÁCH SẢN PHẨM OCOP NĂM 2022", None),
            ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", None),
        ];
        for (title, expected) in cases {
            let got = decision_in_title(title);
            assert_eq!(got.as_ref().map(|(n, d)| (n.as_str(), *d)), expected, "{title}");
        }
    }

    #[test]
    fn a_producer_kind_is_read_from_its_words_or_its_name() {
        let cases = [
            ("Hợp tác xã", "", Some("cooperative")),
            ("Doanh nghiệp", "", Some("enterprise")),
            ("", "Công ty TNHH Bắc Đẩu", Some("enterprise")),
            ("", "CÔNG TY CỔ PHẦN Thực phẩm Sông Hàn", Some("enterprise")),
            ("", "HTX Nông nghiệp Vĩnh Hòa", Some("cooperative")),
            ("", "Hợp tác xã Mắm Nam Ô", Some("cooperative")),
            ("", "Tổ hợp tác chăn nuôi Hòa Phú", Some("cooperative_group")),
            ("", "Hộ kinh doanh Tư Lành", Some("household")),
            ("", "Cơ sở Bà Giáo Khỏe", None),
            ("cooperative", "Cơ sở Bảy Hiền", Some("cooperative")),
        ];
        for (written, name, expected) in cases {
            assert_eq!(producer_kind(written, name), expected, "{written:?} {name:?}");
        }
    }

    #[test]
    fn a_title_names_its_province() {
        let known = |name: &str| ["an giang", "da nang", "ho chi minh"].contains(&name).then(|| name.to_string());
        let cases = [
            ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", Some("an giang")),
            ("DANH SÁCH SẢN PHẨM OCOP THÀNH PHỐ ĐÀ NẴNG NĂM 2023", Some("da nang")),
            ("UBND Thành phố Hồ Chí Minh", Some("ho chi minh")),
            ("Tỉnh Lâm Đồng", None),
            ("(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022)", None),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
        ];
        for (title, expected) in cases {
            assert_eq!(place_in_title(title, known).as_deref(), expected, "{title}");
        }
    }

    #[test]
    fn every_field_the_mapping_step_offers_is_read_and_no_other() {
        let offered: Vec<&str> = app::model::IMPORT_FIELDS.iter().map(|(code, ..)| *code).collect();
        let read: Vec<&str> = COLUMNS.iter().map(|(code, _)| *code).collect();
        assert_eq!(offered, read);
    }

    #[test]
    fn columns_are_read_by_the_names_lists_give_them() {
        let cases = [
            ("product_name", Some("product_name")),
            ("Tên sản phẩm", Some("product_name")),
            ("TÊN SẢN PHẨM OCOP", Some("product_name")),
            ("Tên SP", Some("product_name")),
            ("Tên chủ thể", Some("producer_name")),
            ("Cơ sở sản xuất", Some("producer_name")),
            ("Địa chỉ", Some("address")),
            ("Tỉnh, thành phố", Some("province")),
            ("Xã/Phường", Some("commune")),
            ("Tổng điểm", Some("score")),
            ("Hạng sao", Some("stars")),
            ("Số sao", Some("stars")),
            ("Năm công nhận", Some("recognized_year")),
            ("Số quyết định", Some("decision")),
            ("Ngày quyết định", Some("decision_date")),
            ("Thời hạn", Some("expiry")),
            ("Loại hình chủ thể", Some("producer_kind")),
            ("STT", None),
            ("Ghi chú", None),
        ];
        for (header, expected) in cases {
            assert_eq!(column_named(header), expected, "{header}");
        }
    }

    #[test]
    fn the_header_is_found_under_title_rows_and_the_numbering_row_is_told_apart() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = [
            row(&["ỦY BAN NHÂN DÂN TỈNH AN GIANG"]),
            row(&["DANH SÁCH SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP"]),
            row(&["(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022)"]),
            row(&[]),
            row(&["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Điểm", "Hạng sao"]),
            row(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]),
            row(&["1", "Mắm cá linh", "Cơ sở Bà Giáo Khỏe", "Châu Đốc", "71,00", "4 sao"]),
        ];
        assert_eq!(header_row(rows.iter().map(Vec::as_slice), column_named), Some(4));
        assert_eq!(likely_header(rows.iter().map(Vec::as_slice)), 4);
        assert!(numbers_columns(&rows[5]));
        assert!(numbers_columns(&row(&["1", "2", "3", "4"])));
        assert!(!numbers_columns(&rows[6]), "a product row");
        assert!(!numbers_columns(&row(&["I"])), "a group row is not numbering");
        assert_eq!(header_row([row(&["Tên", "Giá"])].iter().map(Vec::as_slice), column_named), None);
        // A header of names nobody gave these columns: found by what the officer chose.
        let own = [row(&["DANH SÁCH"]), row(&["TT", "Tên hàng", "Cơ sở", "Sao"])];
        assert_eq!(header_row(own.iter().map(Vec::as_slice), column_named), None);
        let chosen = |cell: &str| match cell {
            "Tên hàng" => Some("product_name"),
            "Sao" => Some("stars"),
            other => column_named(other),
        };
        assert_eq!(header_row(own.iter().map(Vec::as_slice), chosen), Some(1));
        // A title merged across the columns repeats one text: not a header.
        let merged = [row(&["UBND TỈNH AN GIANG"; 6]), row(&["TT", "Tên hàng", "Cơ sở", "Sao"])];
        assert_eq!(likely_header(merged.iter().map(Vec::as_slice)), 1);
    }

    #[test]
    fn values_are_read_as_people_write_them() {
        let stars = [
            ("4", Some(4)),
            ("4 sao", Some(4)),
            ("4*", Some(4)),
            ("★★★★", Some(4)),
            ("Bốn sao", Some(4)),
            ("năm sao", Some(5)),
            ("3 Sao", Some(3)),
            ("nhiều", None),
            ("", None),
        ];
        for (text, expected) in stars {
            assert_eq!(stars_written(text), expected, "{text}");
        }
        let day = NaiveDate::from_ymd_opt(2022, 11, 15);
        for text in ["15/11/2022", "15-11-2022", "15.11.2022", "2022-11-15"] {
            assert_eq!(date_written(text), day, "{text}");
        }
        assert_eq!(date_written("32/11/2022"), None);
    }
}
