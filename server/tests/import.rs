mod common;

use axum::http::StatusCode;
use common::call;
use server::import::{import_csv, import_file, ImportError, ImportOptions, Language};

const SAMPLE: &str = include_str!("../data/sample-products.csv");
const HEADER: &str =
    "product_name,producer_name,address,province,stars,recognized_year,decision,score,subgroup,decision_date";

common::on_each_backend! {
    async fn the_sample_list_imports_once(test) {
        let first = import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("first import");
        assert_eq!((first.rows, first.imported, first.already_present), (28, 28, 0), "{}", test.name);
        assert!(first.written && first.rejected.is_empty());
        assert_eq!(first.summary(Language::En), "28 products imported, 0 already present, 0 rows rejected.");

        let second = import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("second import");
        assert_eq!((second.imported, second.already_present), (0, 28), "{}", test.name);
        assert_eq!(test.count("products").await, 28);

        // The address stays as written; the province is the 2025 one; the set is the one in force.
        let (address, province, set): (String, String, String) = sqlx::query_as(
            "SELECT p.address_as_written, v.name, p.criteria_set FROM products p JOIN provinces v ON v.code = p.province_code \
             WHERE p.name = 'Nước mắm Nam Ô - Hiệp Hải'",
        )
        .fetch_one(&test.db.pool)
        .await
        .expect("Nam Ô fish sauce");
        assert_eq!(address, "Phường Hòa Hiệp Nam, quận Liên Chiểu");
        assert_eq!(province, "Đà Nẵng");
        assert_eq!(set, "148/2023/QĐ-TTg");
        // Bắc Đẩu makes three of the products and is one producer.
        let bac_dau: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM producers WHERE name = 'Công ty TNHH Bắc Đẩu'")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(bac_dau, 1);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn provinces_are_recognised_old_or_new_with_or_without_diacritics(test) {
        let rows = [
            ("Quảng Nam", "Đà Nẵng"),
            ("quang nam", "Đà Nẵng"),
            ("Thừa Thiên Huế", "Huế"),
            ("Khánh Hòa", "Khánh Hoà"),
            ("Khanh Hoa", "Khánh Hoà"),
            ("Thanh Hóa", "Thanh Hoá"),
            ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
            ("Tỉnh Bình Dương", "Hồ Chí Minh"),
            ("HÀ NỘI", "Hà Nội"),
        ];
        let mut csv = String::from(HEADER);
        for (i, (written, _)) in rows.iter().enumerate() {
            csv.push_str(&format!("\nSản phẩm {i},Cơ sở {i},Thôn {i},{written},3,2024,,,,"));
        }
        let report = import_csv(&test.db, &csv, ImportOptions::default()).await.expect("import");
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        for (i, (written, expected)) in rows.iter().enumerate() {
            let (province, as_written): (String, String) = sqlx::query_as(
                "SELECT v.name, p.province_as_written FROM products p JOIN provinces v ON v.code = p.province_code WHERE p.name = $1",
            )
            .bind(format!("Sản phẩm {i}"))
            .fetch_one(&test.db.pool)
            .await
            .expect("imported row");
            assert_eq!((province.as_str(), as_written.as_str()), (*expected, *written), "{} on {}", written, test.name);
        }
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_file_with_bad_rows_changes_nothing_unless_asked(test) {
        let csv = format!(
            "{HEADER}\n\
             Mật ong rừng,HTX Ong Xanh,Xã A,Đà Nẵng,4,2024,12/QĐ-UBND,75,mat-ong-mat-khac-tpthuc-khac,2024-03-05\n\
             Chè búp,HTX Chè,Xã B,Atlantis,3,2024,,,,\n\
             Rượu nếp,Cơ sở Rượu,Xã C,Huế,7,2024,,,,\n\
             Cá khô,Cơ sở Cá,Xã D,Huế,4,2024,,61,,\n\
             ,Cơ sở Trống,Xã E,Huế,3,1999,,,Không có nhóm,31/02/2024\n"
        );
        let refused = import_csv(&test.db, &csv, ImportOptions::default()).await.expect("checked");
        assert!(!refused.written);
        assert_eq!(test.count("products").await, 0, "nothing written on {}", test.name);
        assert_eq!(test.count("producers").await, 0);
        let problems: Vec<(u64, &str)> = refused.rejected.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            problems,
            vec![
                (3, "province"),
                (4, "stars"),
                (5, "score"),
                (6, "product_name"),
                (6, "recognized_year"),
                (6, "subgroup"),
                (6, "decision_date"),
            ],
            "{:#?}",
            refused.rejected
        );
        let atlantis = &refused.rejected[0];
        assert!(atlantis
            .message(Language::En)
            .starts_with("Line 3, column province: \"Atlantis\" is not a province we know"));
        assert!(atlantis.message(Language::Vi).contains("không nhận ra tỉnh/thành phố \"Atlantis\""));
        assert!(refused.rejected[2].message.in_language(Language::En).contains("A score of 61 only reaches 3 stars"));
        assert_eq!(
            refused.summary(Language::En),
            "Nothing was imported: 4 of 5 rows have errors. Correct them, or import the good rows only with --good-rows-only."
        );

        let good_only = import_csv(&test.db, &csv, ImportOptions { good_rows_only: true, ..ImportOptions::default() })
            .await
            .expect("good rows");
        assert_eq!((good_only.imported, good_only.written), (1, true));
        let (subgroup, expires): (String, String) =
            sqlx::query_as("SELECT subgroup_code, expires_on FROM products WHERE name = 'Mật ong rừng'")
                .fetch_one(&test.db.pool)
                .await
                .unwrap();
        assert_eq!((subgroup.as_str(), expires.as_str()), ("mat-ong-mat-khac-tpthuc-khac", "2027-03-05"));
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn malformed_files_are_refused_whole(test) {
        let missing = import_csv(&test.db, "name,province\nA,Huế\n", ImportOptions::default())
            .await
            .expect_err("missing columns");
        assert!(
            matches!(missing, ImportError::MissingColumns(ref columns) if columns.contains(&"product_name".to_string()))
        );
        let ragged = format!("{HEADER}\nA,B,C,Huế,3,2024,,,,\nD,E\n");
        let err = import_csv(&test.db, &ragged, ImportOptions::default()).await.expect_err("ragged row");
        assert!(err.to_string().starts_with("The file cannot be read"), "{err}");
        // A workbook saved with a password is a compound document, not a zip: said so.
        let mut protected = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
        protected.resize(4096, 0);
        let err = import_file(&test.db, &protected, ImportOptions::default()).await.expect_err("protected");
        assert!(err.message(Language::Vi).starts_with("Tệp là sổ tính Excel có mật khẩu"), "{err}");
        assert_eq!(test.count("products").await, 0);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_dry_run_tells_exactly_what_the_import_will_do_and_writes_nothing(test) {
        let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
        let preview = import_csv(&test.db, SAMPLE, dry.clone()).await.expect("dry run");
        assert_eq!((preview.imported, preview.already_present, preview.written), (28, 0, false), "{}", test.name);
        assert_eq!(preview.first_rows.len(), 10);
        assert_eq!(preview.first_rows[0].line, 2, "the first row after the header");
        assert!(preview.summary(Language::Vi).starts_with("Chạy thử, chưa ghi gì: sẽ nhập 28 sản phẩm"));
        assert_eq!(test.count("products").await, 0);
        assert_eq!(test.count("producers").await, 0, "the rollback took the producers too");

        // Half the list already in: the dry run counts them as present.
        let half: String = SAMPLE.lines().take(15).collect::<Vec<_>>().join("\n");
        import_csv(&test.db, &half, ImportOptions::default()).await.expect("half");
        // It only reads: it runs while another officer's save holds the database's write lock
        // (it used to wait for the lock and then fail).
        let mut saving = test.db.begin_write().await.unwrap();
        sqlx::query("UPDATE catalog_edition SET edition = edition WHERE id = 1").execute(&mut *saving).await.unwrap();
        let preview = import_csv(&test.db, SAMPLE, dry).await.expect("dry run again, beside a writer");
        saving.rollback().await.unwrap();
        assert_eq!((preview.imported, preview.already_present), (14, 14));
        let real = import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("import");
        assert_eq!((real.imported, real.already_present), (14, 14), "the dry run said so");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn an_excel_workbook_imports_like_csv(test) {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let header = [
            "product_name",
            "producer_name",
            "address",
            "province",
            "stars",
            "recognized_year",
            "decision_date",
            "phone",
            "ghi chú",
        ];
        for (column, title) in header.iter().enumerate() {
            sheet.write_string(0, column as u16, *title).unwrap();
        }
        let date = Format::new().set_num_format("dd/mm/yyyy");
        // Numbers as numbers, a date as a date cell, a phone kept as text.
        sheet.write_string(1, 0, "Trà hoa vàng Ba Chẽ").unwrap();
        sheet.write_string(1, 1, "HTX Trà hoa vàng").unwrap();
        sheet.write_string(1, 2, "Xã Ba Chẽ").unwrap();
        sheet.write_string(1, 3, "Quảng Ninh").unwrap();
        sheet.write_number(1, 4, 4.0).unwrap();
        sheet.write_number(1, 5, 2025.0).unwrap();
        sheet.write_datetime_with_format(1, 6, ExcelDateTime::from_ymd(2025, 3, 14).unwrap(), &date).unwrap();
        sheet.write_string(1, 7, "0912345678").unwrap();
        // A blank line between rows is skipped; the bad row is named by its spreadsheet line.
        sheet.write_string(3, 0, "Nấm linh chi").unwrap();
        sheet.write_string(3, 1, "Cơ sở Nấm").unwrap();
        sheet.write_string(3, 3, "Atlantis").unwrap();
        sheet.write_number(3, 4, 7.0).unwrap();
        sheet.write_number(3, 5, 2025.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let refused = import_file(&test.db, &bytes, ImportOptions::default()).await.expect("read");
        let lines: Vec<(u64, &str)> = refused.rejected.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(lines, [(4, "province"), (4, "stars")], "{:?}", refused.rejected);
        assert_eq!(refused.ignored_columns, ["ghi chú"]);
        let good = ImportOptions { good_rows_only: true, ..ImportOptions::default() };
        let report = import_file(&test.db, &bytes, good).await.expect("imported");
        assert_eq!((report.rows, report.imported), (2, 1));
        let (stars, decided, phone): (i64, String, String) =
            sqlx::query_as("SELECT stars, decision_date, phone FROM products WHERE name = 'Trà hoa vàng Ba Chẽ'")
                .fetch_one(&test.db.pool)
                .await
                .unwrap();
        assert_eq!((stars, decided.as_str(), phone.as_str()), (4, "2025-03-14", "0912345678"), "{}", test.name);

        // Neither a workbook nor text: refused whole, in words.
        let err =
            import_file(&test.db, &[0xff, 0xd8, 0xff, 0xe0, 0, 1], ImportOptions::default()).await.expect_err("jpeg");
        assert!(err.message(Language::Vi).contains("không phải sổ tính Excel"), "{err}");
        let err = import_file(&test.db, b"PK\x03\x04 cut short", ImportOptions::default()).await.expect_err("broken");
        assert!(err.message(Language::Vi).starts_with("Không đọc được tệp"), "{err}");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn a_province_officer_imports_only_their_own_province(test) {
        let csv = format!("{HEADER}\nBánh tráng,Cơ sở A,Xã A,Huế,3,2024,,,,\nMắm cá,Cơ sở B,Xã B,Quảng Nam,3,2024,,,,");
        let reach = ImportOptions { province_code: Some("46".into()), ..ImportOptions::default() };
        let report = import_csv(&test.db, &csv, reach).await.expect("read");
        assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
        assert_eq!((report.rejected[0].line, report.rejected[0].column.as_str()), (3, "province"));
        assert!(report.rejected[0].message.in_language(Language::Vi).starts_with("Đà Nẵng nằm ngoài tỉnh"), "{:?}", report.rejected);
        assert_eq!(test.count("products").await, 0);
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn an_officer_imports_a_list_from_the_browser_after_its_dry_run(test) {
        use axum::http::StatusCode;
        use common::{call, post_file, sign_in, PASSWORD};
        // A new product, one already in the catalog, one of another province and a bad star count.
        let list = format!(
            "{HEADER}\nChả bò Đà Thành,Cơ sở Chả bò,Phường Hải Châu,Đà Nẵng,4,2025,,,,\n{}\nNem chua,Cơ sở Nem,Xã A,Thanh Hóa,3,2025,,,,\nBánh khô mè,Cơ sở Bánh,Xã B,Quảng Nam,6,2025,,,,",
            "Nước mắm Nam Ô - Hiệp Hải,Hộ kinh doanh Phạm Thị Hải Nguyệt,\"Phường Hòa Hiệp Nam\",Đà Nẵng,3,2023,,,,"
        );
        let app = common::app_with_sample(&test).await;
        common::demo_staff_and_product(&test, PASSWORD).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let member = sign_in(&app, "thanhvien1@ocop.demo", PASSWORD).await;
        let producer = common::sign_up_lan(&app, &test).await;
        let before = test.count("products").await;

        // Only those who keep the catalog may upload; nobody else's session gets a file kept.
        for who in [&member, &producer] {
            let refused = post_file(&app, "/can-bo/nhap", who, &[], ("tep", "ds.csv", list.as_bytes())).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", test.name);
        }
        let empty = post_file(&app, "/can-bo/nhap", &province, &[], ("tep", "ds.csv", b"")).await;
        assert_eq!(empty.location(), "/can-bo/nhap?loi=chua-chon-tep");
        assert_eq!(test.count("pending_imports").await, 0);

        let kept = post_file(&app, "/can-bo/nhap", &province, &[], ("tep", "danh-sach.csv", list.as_bytes())).await;
        assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
        let token = kept.location().strip_prefix("/can-bo/nhap?tep=").expect("the preview's address").to_string();

        // The dry run: exact counts, each bad cell with its line, and nothing written.
        let preview = call(&app, "preview_import", &[("token", &token)], Some(&province)).await;
        let outcome: app::model::ImportOutcome = serde_json::from_str(&common::ok(preview, "preview").await).unwrap();
        assert_eq!((outcome.rows, outcome.added, outcome.already_present, outcome.rejected_rows), (4, 1, 1, 2));
        let cells: Vec<(u64, &str)> = outcome.row_errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(cells, [(4, "province"), (5, "stars")], "{:?}", outcome.row_errors);
        assert!(outcome.row_errors[0].message.to_string().starts_with("Thanh Hoá nằm ngoài tỉnh"), "{:?}", outcome.row_errors);
        assert_eq!(outcome.first_rows[0].product, "Chả bò Đà Thành");
        assert!(!outcome.written);
        assert_eq!(test.count("products").await, before);
        let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&province)).await;
        assert!(page.body.contains("sẽ thêm 1 sản phẩm, 1 sản phẩm đã có từ trước, 2 dòng có lỗi"), "{}", page.body);
        assert!(page.body.contains("Bỏ qua 2 dòng lỗi"), "{}", page.body);

        // Another officer cannot use the upload, and others cannot call the functions at all.
        let theirs = call(&app, "preview_import", &[("token", &token)], Some(&national)).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.body);
        for who in [Some(&member), Some(&producer), None] {
            let refused =
                call(&app, "run_import", &[("token", &token), ("good_rows_only", "1")], who.map(|s| s.as_str())).await;
            assert!(matches!(refused.status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED), "{}", refused.body);
        }

        // Bad rows refuse the whole list unless the good rows alone are asked for.
        let refused = call(&app, "run_import", &[("token", &token)], Some(&province)).await;
        let refused: app::model::ImportOutcome = serde_json::from_str(&common::ok(refused, "refused").await).unwrap();
        assert!(!refused.written);
        assert_eq!(test.count("products").await, before);
        let imported = call(&app, "run_import", &[("token", &token), ("good_rows_only", "1")], Some(&province)).await;
        let imported: app::model::ImportOutcome = serde_json::from_str(&common::ok(imported, "import").await).unwrap();
        assert_eq!((imported.written, imported.added, imported.already_present), (true, 1, 1));
        assert_eq!(test.count("products").await, before + 1);
        // A second click shows the same outcome and adds nothing.
        let again = call(&app, "run_import", &[("token", &token), ("good_rows_only", "1")], Some(&province)).await;
        let again: app::model::ImportOutcome = serde_json::from_str(&common::ok(again, "again").await).unwrap();
        assert_eq!(again, imported);
        assert_eq!(test.count("products").await, before + 1);
        let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&province)).await;
        assert!(page.body.contains("Đã nhập tệp “danh-sach.csv”: thêm 1 sản phẩm"), "{}", page.body);
        let catalog = common::page(&app, "/?q=cha%20bo%20da%20thanh", None).await;
        assert!(catalog.body.contains("Chả bò Đà Thành"), "at once in the public catalog");

        // A file that is not a list is refused whole, in words, on the preview.
        let junk =
            post_file(&app, "/can-bo/nhap", &national, &[], ("tep", "anh.jpg", &[0xff, 0xd8, 0xff, 0xe0, 0, 7])).await;
        let junk_token = junk.location().strip_prefix("/can-bo/nhap?tep=").unwrap().to_string();
        let preview = call(&app, "preview_import", &[("token", &junk_token)], Some(&national)).await;
        let outcome: app::model::ImportOutcome = serde_json::from_str(&common::ok(preview, "junk").await).unwrap();
        assert!(outcome.refusal.map(|said| said.to_string()).unwrap_or_default().contains("không phải sổ tính Excel"));

        // A workbook of a few kilobytes whose two cells, A1 and XFD1048576, span the whole grid:
        // refused in words on the preview and each time its page is opened again, and the
        // server goes on serving.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "product_name").unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let bomb = book.save_to_buffer().unwrap();
        let kept = post_file(&app, "/can-bo/nhap", &national, &[], ("tep", "ds.xlsx", &bomb)).await;
        let token = kept.location().strip_prefix("/can-bo/nhap?tep=").expect("kept for its preview").to_string();
        for _ in 0..2 {
            let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&national)).await;
            assert_eq!(page.status, axum::http::StatusCode::OK);
            assert!(page.body.contains("Sổ tính quá lớn") && page.body.contains("ô XFD1048576"), "{}", page.body);
        }
        let catalog = common::page(&app, "/?status=all", None).await;
        assert_eq!(catalog.status, axum::http::StatusCode::OK, "still serving");
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A list as a province publishes it: title rows (one merged across the columns), a header
    /// in Vietnamese, a row numbering the columns, group and total rows, "4 sao", scores to the
    /// hundredth with a comma or a dot ("65,10", "72.1", "71.00 điểm"), dd-mm-yyyy dates and no
    /// year column. Each row's values are read field by field.
    async fn a_list_laid_out_as_a_province_publishes_it_imports(test) {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let title = Format::new().set_bold();
        sheet.merge_range(0, 0, 0, 8, "ỦY BAN NHÂN DÂN TỈNH AN GIANG", &title).unwrap();
        sheet.write_string(1, 0, "DANH SÁCH SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP NĂM 2022").unwrap();
        sheet.write_string(2, 0, "(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15/11/2022)").unwrap();
        let header = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Tỉnh", "Điểm", "Hạng sao", "Số quyết định", "Ngày quyết định"];
        let rows: [[&str; 9]; 8] = [
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
            ["I", "SẢN PHẨM ĐẠT 4 SAO", "", "", "", "", "", "", ""],
            ["1", "Mắm cá linh", "Cơ sở Bà Giáo Khỏe", "Châu Đốc", "An Giang", "71.00 điểm", "4 sao", "2497/QĐ-UBND", "15-11-2022"],
            ["2", "Khô cá lóc", "HTX Nông nghiệp Vĩnh Hòa", "Tân Châu", "An Giang", "72.1", "★★★★", "2497/QĐ-UBND", "15/11/2022"],
            ["II", "SẢN PHẨM ĐẠT 3 SAO", "", "", "", "", "", "", ""],
            ["3", "Bánh bò thốt nốt", "Hộ kinh doanh Tư Lành", "Tri Tôn", "An Giang", "65,10", "3 sao", "2497/QĐ-UBND", "15/11/2022"],
            ["4", "Bánh phồng tôm", "Cơ sở Bảy Hiền", "Tri Tôn", "An Giang", "72,1,0", "4 sao", "2497/QĐ-UBND", "15/11/2022"],
            ["", "Tổng cộng: 3 sản phẩm", "", "", "", "", "", "", ""],
        ];
        for (column, text) in header.iter().enumerate() {
            sheet.write_string(4, column as u16, *text).unwrap();
        }
        for (i, row) in rows.iter().enumerate() {
            for (column, text) in row.iter().enumerate().filter(|(_, text)| !text.is_empty()) {
                sheet.write_string(5 + i as u32, column as u16, *text).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();

        // "72,1,0" is no score: refused with its line and its column as written.
        let checked = import_file(&test.db, &bytes, ImportOptions::default()).await.expect("read");
        assert_eq!(checked.rows, 4, "group, numbering and total rows are layout, not products");
        let refused: Vec<(u64, &str)> = checked.rejected.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(refused, [(12, "Điểm")], "{:?}", checked.rejected);
        assert_eq!(
            checked.rejected[0].message(Language::Vi),
            "Dòng 12, cột Điểm: \"72,1,0\" không hợp lệ: cần một số điểm từ 0 đến 100, như 72, 72,1 hoặc 72,10."
        );
        assert_eq!(checked.ignored_columns, ["STT"]);

        let good = ImportOptions { good_rows_only: true, ..ImportOptions::default() };
        let report = import_file(&test.db, &bytes, good).await.expect("imported");
        assert_eq!(report.imported, 3);
        /// A product as the list put it in the catalog.
        #[derive(Debug, PartialEq, sqlx::FromRow)]
        struct Imported {
            name: String,
            producer_name: String,
            province_code: String,
            stars: i64,
            score_hundredths: Option<i64>,
            recognized_year: i64,
            decision_number: String,
            decision_date: String,
        }
        let read: Vec<Imported> = sqlx::query_as(
            "SELECT p.name, pr.name AS producer_name, p.province_code, p.stars, p.score_hundredths, p.recognized_year,
                    p.decision_number, p.decision_date
             FROM products p JOIN producers pr ON pr.id = p.producer_id ORDER BY p.name",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        let expected = |name: &str, producer: &str, stars, hundredths| Imported {
            name: name.into(),
            producer_name: producer.into(),
            province_code: "91".into(),
            stars,
            score_hundredths: Some(hundredths),
            recognized_year: 2022,
            decision_number: "2497/QĐ-UBND".into(),
            decision_date: "2022-11-15".into(),
        };
        assert_eq!(
            read,
            vec![
                expected("Bánh bò thốt nốt", "Hộ kinh doanh Tư Lành", 3, 6510),
                expected("Khô cá lóc", "HTX Nông nghiệp Vĩnh Hòa", 4, 7210),
                expected("Mắm cá linh", "Cơ sở Bà Giáo Khỏe", 4, 7100),
            ]
        );
        let again = import_file(&test.db, &bytes, ImportOptions { good_rows_only: true, ..ImportOptions::default() }).await.unwrap();
        assert_eq!((again.imported, again.already_present), (0, 3), "a second import adds nothing");
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A long list is written in short turns and published at once: meanwhile others' writes
    /// (here, sign-ins, which record the device) wait their turn and all succeed, and the
    /// catalog shows none of the list until all of it.
    async fn others_write_while_a_long_list_is_imported(test) {
        let app = common::app_with_sample(&test).await;
        let before = test.count("products").await;
        let lan = common::sign_up_lan(&app, &test).await;
        let mut list = String::from("product_name,producer_name,address,province,stars,recognized_year,decision\n");
        for n in 0..40_000 {
            list.push_str(&format!("Sản phẩm dài {n},HTX dài {},\"Xã thử, Hà Nội\",Hà Nội,{},2024,{}/QĐ-UBND\n", n / 5, 3 + n % 3, 100 + n % 900));
        }
        let db = test.db.clone();
        let import = tokio::spawn(async move { server::import::import_csv(&db, &list, ImportOptions::default()).await });
        let mut answered = Vec::new();
        while !import.is_finished() {
            let started = std::time::Instant::now();
            let reply = call(&app, "sign_in", &[("sign_in_name", "0912345678"), ("password", "mật khẩu của Lan")], None).await;
            answered.push((reply.status, started.elapsed()));
            let shown = test.count("products").await;
            assert!(shown == before || shown == before + 40_000, "{}: {shown} products: a part of the list showed", test.name);
        }
        let report = import.await.unwrap().expect("the import");
        assert_eq!(report.imported, 40_000);
        assert_eq!(test.count("products").await, before + 40_000);
        assert_eq!(test.count("staged_products").await, 0, "the staging is cleared");
        let failed: Vec<_> = answered.iter().filter(|(status, _)| *status != StatusCode::OK).collect();
        assert!(failed.is_empty(), "{}: {failed:?} of {} sign-ins failed during the import", test.name, answered.len());
        eprintln!(
            "{}: {} sign-ins during the import, the slowest in {:?}",
            test.name,
            answered.len(),
            answered.iter().map(|(_, took)| *took).max().unwrap_or_default()
        );
        drop(lan);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// The commune column, or the commune in the address, is matched to the 2025 commune of the
    /// row's province however it is written; one not recognised is left empty with a note, and
    /// the row is imported, its address kept as written.
    async fn communes_are_matched_as_written_or_noted(test) {
        let list = "Tên sản phẩm,Tên chủ thể,Địa chỉ,\"Xã, phường\",Tỉnh,Hạng sao,Năm công nhận\n\
            Trà Hải Vân,HTX Trà,Thôn Tà Lang,Hải Vân,Đà Nẵng,4,2024\n\
            Mật ong Liên Chiểu,HTX Ong,Tổ 5,phuong lien chieu,Đà Nẵng,3,2024\n\
            Nấm rơm,HTX Nấm,Thôn 2,Xã Không Có,Đà Nẵng,3,2024\n\
            Bánh khô mè,Cơ sở Bánh,\"Thôn 1, Phường Hải Vân, Đà Nẵng\",,Đà Nẵng,3,2024\n\
            Nước mắm,Cơ sở Mắm,\"Xóm Hải Vân, Đà Nẵng\",,Đà Nẵng,3,2024\n";
        let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
        let report = import_csv(&test.db, list, dry).await.expect("read");
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        let notes: Vec<String> = report.notes.iter().map(|n| n.message(Language::Vi)).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("Dòng 4, cột Xã, phường: không nhận ra xã, phường \"Xã Không Có\""), "{}", notes[0]);
        import_csv(&test.db, list, ImportOptions::default()).await.expect("import");
        for (name, commune, address) in [
            ("Trà Hải Vân", Some("20194"), "Thôn Tà Lang"),
            ("Mật ong Liên Chiểu", Some("20197"), "Tổ 5"),
            ("Nấm rơm", None, "Thôn 2"),
            ("Bánh khô mè", Some("20194"), "Thôn 1, Phường Hải Vân, Đà Nẵng"),
            // A village named like a commune is not taken for it.
            ("Nước mắm", None, "Xóm Hải Vân, Đà Nẵng"),
        ] {
            let row: (Option<String>, String) =
                sqlx::query_as("SELECT commune_code, address_as_written FROM products WHERE name = $1")
                    .bind(name)
                    .fetch_one(&test.db.pool)
                    .await
                    .unwrap();
            assert_eq!((row.0.as_deref(), row.1.as_str()), (commune, address), "{}: {name}", test.name);
        }
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A workbook as a province keeps it, one sheet per star level, with the province only in
    /// its title: every sheet with a list is read, a sheet of notes is passed over, the province
    /// is taken from the title, and an error names its sheet.
    async fn every_sheet_of_a_workbook_is_read_with_the_province_of_its_title(test) {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        let header = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Điểm", "Hạng sao", "Số quyết định", "Ngày quyết định"];
        let sheets: [(&str, &[[&str; 8]]); 2] = [
            ("4 sao", &[["1", "Mắm cá linh", "Cơ sở Bà Giáo Khỏe", "Châu Đốc", "71,00", "4 sao", "2497/QĐ-UBND", "15/11/2022"]]),
            (
                "3 sao",
                &[
                    ["1", "Bánh bò thốt nốt", "Hộ kinh doanh Tư Lành", "Tri Tôn", "65,10", "3 sao", "2497/QĐ-UBND", "15/11/2022"],
                    ["2", "Bánh phồng tôm", "Cơ sở Bảy Hiền", "Tri Tôn", "60", "6 sao", "2497/QĐ-UBND", "15/11/2022"],
                ],
            ),
        ];
        for (name, rows) in sheets {
            let sheet = book.add_worksheet().set_name(name).unwrap();
            sheet.write_string(0, 0, "ỦY BAN NHÂN DÂN TỈNH AN GIANG").unwrap();
            sheet.write_string(1, 0, format!("DANH SÁCH SẢN PHẨM OCOP ĐẠT {}", name.to_uppercase())).unwrap();
            for (column, text) in header.iter().enumerate() {
                sheet.write_string(3, column as u16, *text).unwrap();
            }
            for (i, row) in rows.iter().enumerate() {
                for (column, text) in row.iter().enumerate() {
                    sheet.write_string(4 + i as u32, column as u16, *text).unwrap();
                }
            }
        }
        book.add_worksheet().set_name("Ghi chú").unwrap().write_string(0, 0, "Danh sách do Sở NN&MT lập").unwrap();
        let bytes = book.save_to_buffer().unwrap();

        let checked = import_file(&test.db, &bytes, ImportOptions::default()).await.expect("read");
        assert_eq!(checked.sheets, ["4 sao", "3 sao"]);
        assert_eq!(checked.province_from_title.as_deref(), Some("An Giang"));
        assert_eq!(checked.rows, 3);
        let refused: Vec<(u64, &str)> = checked.rejected.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(refused, [(6, "3 sao › Hạng sao")], "{:?}", checked.rejected);

        let good = ImportOptions { good_rows_only: true, ..ImportOptions::default() };
        let report = import_file(&test.db, &bytes, good).await.expect("imported");
        assert_eq!(report.imported, 2);
        let read: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT name, province_code, stars, score_hundredths FROM products WHERE province_code = '91' ORDER BY name",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        assert_eq!(
            read,
            [("Bánh bò thốt nốt".to_string(), "91".to_string(), 3, Some(6510)), ("Mắm cá linh".to_string(), "91".to_string(), 4, Some(7100))]
        );

        // An officer of another province: every row is refused as outside their province.
        let elsewhere = ImportOptions { province_code: Some("48".into()), dry_run: true, ..ImportOptions::default() };
        let theirs = import_file(&test.db, &bytes, elsewhere).await.expect("read");
        assert_eq!(theirs.rejected.iter().filter(|e| e.column.ends_with("Tỉnh") || e.message(Language::Vi).contains("nằm ngoài")).count(), 3, "{:?}", theirs.rejected);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// The province's list downloaded as provinces publish theirs (title naming the People's
    /// Committee, Vietnamese headers over a numbering row, groups by stars, scores with a
    /// decimal comma, dd/mm/yyyy dates) reads back exactly, and importing it adds nothing.
    async fn the_provincial_list_reimports_adding_nothing(test) {
        let app = common::app_with_sample(&test).await;
        server::seed::seed_demo_staff(&test.db, common::PASSWORD).await.unwrap();
        // A score to the hundredth and a commune on one of them, as the catalog may hold.
        sqlx::query("UPDATE products SET score_hundredths = 8967, commune_code = '20194' WHERE name = 'Nước mắm Nam Ô - Hiệp Hải'")
            .execute(&test.db.pool)
            .await
            .unwrap();
        let listed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE province_code = '48'")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        let province = common::sign_in(&app, "canbo.tinh@ocop.demo", common::PASSWORD).await;
        let sheet = common::spreadsheet(&app, "/can-bo/nhap/danh-sach.xlsx", Some(&province)).await.expect("the list");
        assert_eq!(sheet[0][0], "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG");
        let header = sheet.iter().position(|row| row.first().map(String::as_str) == Some("STT")).expect("a header");
        assert_eq!(sheet[header][1..4], ["Tên sản phẩm", "Tên chủ thể", "Địa chỉ"]);
        assert_eq!(sheet[header + 1][..3], ["(1)", "(2)", "(3)"]);
        assert!(sheet.iter().any(|row| row.get(1).is_some_and(|cell| cell.starts_with("SẢN PHẨM ĐẠT"))), "{sheet:?}");
        let nam_o = sheet.iter().find(|row| row.get(1).map(String::as_str) == Some("Nước mắm Nam Ô - Hiệp Hải")).unwrap();
        assert_eq!((nam_o[4].as_str(), nam_o[6].as_str()), ("Hải Vân", "89,67"));

        let (status, bytes) = common::download(&app, "/can-bo/nhap/danh-sach.xlsx", Some(&province)).await;
        assert_eq!(status, StatusCode::OK);
        let again = import_file(&test.db, &bytes, ImportOptions::default()).await.expect("read back");
        assert!(again.rejected.is_empty(), "{:?}", again.rejected);
        assert_eq!(again.province_from_title.as_deref(), Some("Đà Nẵng"));
        assert_eq!((again.rows as i64, again.imported, again.already_present as i64), (listed, 0, listed));
        assert_eq!(test.count("products").await, listed, "nothing added");

        // Not for a commune officer; a national officer names the province.
        let commune = common::sign_in(&app, "canbo.xa@ocop.demo", common::PASSWORD).await;
        assert_eq!(common::page(&app, "/can-bo/nhap/danh-sach.xlsx", Some(&commune)).await.status, StatusCode::FORBIDDEN);
        let national = common::sign_in(&app, "trunguong@ocop.demo", common::PASSWORD).await;
        assert_eq!(common::page(&app, "/can-bo/nhap/danh-sach.xlsx?tinh=99", Some(&national)).await.status, StatusCode::NOT_FOUND);
        let theirs = common::spreadsheet(&app, "/can-bo/nhap/danh-sach.xlsx?tinh=48", Some(&national)).await.expect("48");
        assert_eq!(theirs[0][0], "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG");
        test.finish().await;
    }
}

common::on_each_backend! {
    /// A list whose title cites its decision, with neither a decision nor a year column: every
    /// row takes the decision's number and date (and so its year); producers' kinds are read
    /// from how their names begin when no column gives them.
    async fn a_title_citing_its_decision_dates_every_row(test) {
        let csv = "ỦY BAN NHÂN DÂN TỈNH AN GIANG,,,\n\
                   \"(Kèm theo Quyết định số 2497/QĐ-UBND ngày 15 tháng 11 năm 2022 của UBND tỉnh)\",,,\n\
                   STT,Tên sản phẩm,Tên chủ thể,Hạng sao\n\
                   1,Khô cá lóc,HTX Nông nghiệp Vĩnh Hòa,4 sao\n\
                   2,Bánh bò thốt nốt,Hộ kinh doanh Tư Lành,3 sao\n\
                   3,Mắm cá linh,Cơ sở Bà Giáo Khỏe,4 sao\n";
        let report = import_csv(&test.db, csv, ImportOptions::default()).await.expect("imported");
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
        assert_eq!(report.imported, 3);
        let read: Vec<(String, String, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT p.name, p.decision_number, p.decision_date, p.recognized_year, pr.kind
             FROM products p JOIN producers pr ON pr.id = p.producer_id ORDER BY p.name",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        let row = |name: &str, kind: Option<&str>| {
            (name.to_string(), "2497/QĐ-UBND".to_string(), "2022-11-15".to_string(), 2022, kind.map(String::from))
        };
        assert_eq!(
            read,
            [
                row("Bánh bò thốt nốt", Some("household")),
                row("Khô cá lóc", Some("cooperative")),
                row("Mắm cá linh", None),
            ]
        );
        test.finish().await;
    }
}

/// A sheet as the tests write it: its name, its title, its header and its rows.
type SheetOf<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a [&'a str]]);

/// A workbook of sheets, each a title row, a header and rows, every cell written as a string.
fn workbook_of(sheets: &[SheetOf]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, title, header, rows) in sheets {
        let sheet = book.add_worksheet().set_name(*name).unwrap();
        sheet.write_string(0, 0, *title).unwrap();
        for (i, row) in std::iter::once(*header).chain(rows.iter().copied()).enumerate() {
            for (column, text) in row.iter().enumerate().filter(|(_, text)| !text.is_empty()) {
                sheet.write_string(2 + i as u32, column as u16, *text).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// A plain form posted as a browser posts it, by a signed-in person.
async fn post_form(app: &axum::Router, uri: &str, session: &str, form: &[(&str, &str)]) -> common::Reply {
    use axum::body::Body;
    use axum::http::{header, Request};
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("ocop_session={session}"))
        .body(Body::from(common::encode(form)))
        .unwrap();
    common::request(app, request).await
}

async fn preview(app: &axum::Router, token: &str, session: &str) -> app::model::ImportOutcome {
    let reply = call(app, "preview_import", &[("token", token)], Some(session)).await;
    serde_json::from_str(&common::ok(reply, "preview").await).unwrap()
}

async fn uploaded(app: &axum::Router, session: &str, name: &str, bytes: &[u8]) -> String {
    let kept = common::post_file(app, "/can-bo/nhap", session, &[], ("tep", name, bytes)).await;
    kept.location().strip_prefix("/can-bo/nhap?tep=").expect("kept for its preview").to_string()
}

common::on_each_backend! {
    /// The mapping step: a list whose headers name no column we know ("Tên hàng", "Sao") is
    /// refused with its columns shown; the officer reads them (leaving one out) and ticks one
    /// sheet of three; the dry run and the import follow; the next list of the same layout is
    /// read so at once. Forms built by hand, or for another's upload, change nothing.
    async fn an_officer_reads_the_columns_of_a_list_laid_out_their_own_way(test) {
        use common::{sign_in, PASSWORD};
        let app = common::app_with_sample(&test).await;
        common::demo_staff_and_product(&test, PASSWORD).await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let national = sign_in(&app, "trunguong@ocop.demo", PASSWORD).await;
        let producer = common::sign_up_lan(&app, &test).await;
        let header: &[&str] = &["TT", "Tên hàng", "Cơ sở", "Sao", "Năm", "Ghi chú"];
        let bytes = workbook_of(&[
            ("4 sao", "DANH SÁCH SẢN PHẨM ĐẠT 4 SAO", header, &[
                &["1", "Trà sâm Ngọc Linh Trà My", "HTX Sâm Trà My", "4", "2025", "mới"],
                &["2", "Mật ong rừng Hòa Bắc", "Cơ sở Ong Hòa Bắc", "4", "2024", ""],
            ]),
            ("3 sao", "DANH SÁCH SẢN PHẨM ĐẠT 3 SAO", header, &[&["1", "Bánh tráng Túy Loan", "Hộ kinh doanh Túy Loan", "3", "2025", ""]]),
            ("Ghi chú", "Danh sách do Sở lập", &["Người lập", "Ngày"], &[]),
        ]);
        let before = test.count("products").await;
        // A sheet chosen by a name the workbook does not have is named back with those it has.
        let mapping = app::model::ImportMapping { sheets: vec!["5 sao".into()], ..Default::default() };
        match import_file(&test.db, &bytes, ImportOptions { mapping, dry_run: true, ..ImportOptions::default() }).await {
            Err(refusal @ ImportError::NoSuchSheet { .. }) => assert_eq!(
                refusal.message(Language::Vi),
                "Sổ tính không có trang tính 5 sao: các trang tính của nó là 4 sao, 3 sao, Ghi chú."
            ),
            other => panic!("{other:?}"),
        }
        let token = uploaded(&app, &province, "tu-lap.xlsx", &bytes).await;

        // Nothing names the product: refused, with the header's columns to read.
        let refused = preview(&app, &token, &province).await;
        assert!(refused.refusal.as_ref().map(|said| said.to_string()).unwrap_or_default().starts_with("Dòng tiêu đề thiếu cột product_name"), "{:?}", refused.refusal);
        let columns: Vec<(&str, Option<&str>)> = refused.columns.iter().map(|c| (c.written.as_str(), c.field.as_deref())).collect();
        assert_eq!(columns, [("TT", None), ("Tên hàng", None), ("Cơ sở", None), ("Sao", None), ("Năm", Some("recognized_year")), ("Ghi chú", None)]);
        let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&province)).await;
        assert!(page.body.contains("<label for=\"cot-1\">Tên hàng</label>"), "{}", page.body);

        // Forms built by hand: a field that does not exist, a token not of this form, no sheet.
        let reading = |field_of_sao: &'static str, sheets: &[&'static str]| {
            let mut form = vec![("tep", token.as_str())];
            for (header, field) in [("TT", ""), ("Tên hàng", "product_name"), ("Cơ sở", "producer_name"), ("Sao", field_of_sao), ("Năm", "recognized_year"), ("Ghi chú", "")] {
                form.extend([("ten", header), ("cot", field)]);
            }
            form.push(("trang_hoi", "1"));
            form.extend(sheets.iter().map(|sheet| ("trang", *sheet)));
            form
        };
        let wrong = post_form(&app, "/can-bo/nhap/cot", &province, &reading("password_hash", &["4 sao"])).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.body.contains("hãy chọn trong danh sách"), "{}", wrong.body);
        let mut strange = reading("stars", &["4 sao"]);
        strange[0] = ("tep", "../../etc");
        assert_eq!(post_form(&app, "/can-bo/nhap/cot", &province, &strange).await.status, StatusCode::BAD_REQUEST);
        let none = post_form(&app, "/can-bo/nhap/cot", &province, &reading("stars", &[])).await;
        assert_eq!(none.location(), format!("/can-bo/nhap?tep={token}&loi=chua-chon-trang"));
        let page = common::page(&app, none.location(), Some(&province)).await;
        assert!(page.body.contains("Chưa chọn trang tính nào"), "{}", page.body);
        assert_eq!(post_form(&app, "/can-bo/nhap/cot", &producer, &reading("stars", &["4 sao"])).await.status, StatusCode::FORBIDDEN);
        // Another officer's form for this upload changes nothing of it.
        let theirs = post_form(&app, "/can-bo/nhap/cot", &national, &reading("product_name", &["3 sao"])).await;
        assert_eq!(theirs.status, StatusCode::SEE_OTHER);
        assert!(preview(&app, &token, &province).await.refusal.is_some(), "still unread");

        // Two columns read as the product's name cannot be told apart: said, columns still shown.
        let twice = post_form(&app, "/can-bo/nhap/cot", &province, &reading("product_name", &["4 sao"])).await;
        assert_eq!(twice.location(), format!("/can-bo/nhap?tep={token}"));
        let outcome = preview(&app, &token, &province).await;
        // Said all at once: the doubled reading and the column it leaves missing, in both languages.
        let refusal = outcome.refusal.as_ref().map(|said| said.to_string()).unwrap_or_default();
        assert!(refusal.contains("đều được đọc là product_name") && refusal.contains("còn thiếu cột stars"), "{refusal}");
        let refusal_en = outcome.refusal.as_ref().map(|said| said.in_language(Language::En)).unwrap_or_default();
        assert!(refusal_en.contains("both read as product_name") && refusal_en.contains("also lacks the column(s) stars"), "{refusal_en}");
        assert_eq!(outcome.columns.len(), 6);

        // Read as the officer says, first sheet only: the dry run, then the import.
        post_form(&app, "/can-bo/nhap/cot", &province, &reading("stars", &["4 sao"])).await;
        let outcome = preview(&app, &token, &province).await;
        assert_eq!(outcome.refusal, None);
        assert_eq!((outcome.rows, outcome.added, outcome.rejected_rows), (2, 2, 0));
        let chosen: Vec<(&str, Option<&str>, bool)> =
            outcome.columns.iter().map(|c| (c.written.as_str(), c.field.as_deref(), c.chosen)).collect();
        assert_eq!(
            chosen,
            [("TT", None, false), ("Tên hàng", Some("product_name"), true), ("Cơ sở", Some("producer_name"), true), ("Sao", Some("stars"), true), ("Năm", Some("recognized_year"), false), ("Ghi chú", None, false)]
        );
        let sheets: Vec<(&str, bool, bool)> = outcome.sheet_choices.iter().map(|s| (s.name.as_str(), s.holds_list, s.read)).collect();
        assert_eq!(sheets, [("4 sao", true, true), ("3 sao", true, false), ("Ghi chú", false, false)]);
        let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&province)).await;
        assert!(page.body.contains("sẽ thêm 2 sản phẩm"), "{}", page.body);
        let imported = call(&app, "run_import", &[("token", &token)], Some(&province)).await;
        let imported: app::model::ImportOutcome = serde_json::from_str(&common::ok(imported, "import").await).unwrap();
        assert_eq!((imported.written, imported.added), (true, 2));
        assert_eq!(test.count("products").await, before + 2);
        let found: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT p.name, pr.name, p.stars, p.recognized_year FROM products p JOIN producers pr ON pr.id = p.producer_id
             WHERE pr.name IN ('HTX Sâm Trà My', 'Cơ sở Ong Hòa Bắc', 'Hộ kinh doanh Túy Loan') ORDER BY p.name",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        assert_eq!(
            found,
            [
                ("Mật ong rừng Hòa Bắc".to_string(), "Cơ sở Ong Hòa Bắc".to_string(), 4, 2024),
                ("Trà sâm Ngọc Linh Trà My".to_string(), "HTX Sâm Trà My".to_string(), 4, 2025),
            ]
        );
        // The reading chosen for this layout is remembered, and no longer changes once imported.
        assert_eq!(test.count("import_layouts").await, 1);

        // The next list of the same layout, another title and other rows: read so at once.
        let next = workbook_of(&[(
            "Đợt 2",
            "DANH SÁCH SẢN PHẨM OCOP ĐỢT 2 NĂM 2025",
            header,
            &[&["1", "Nước mắm Nam Ô Hải Vân", "HTX Nước mắm Nam Ô", "4", "2025", ""]],
        )]);
        let token = uploaded(&app, &province, "dot-2.xlsx", &next).await;
        let outcome = preview(&app, &token, &province).await;
        assert_eq!(outcome.refusal, None, "{:?}", outcome.columns);
        assert!(outcome.layout_remembered);
        assert_eq!((outcome.rows, outcome.added), (1, 1));
        let page = common::page(&app, &format!("/can-bo/nhap?tep={token}"), Some(&province)).await;
        assert!(page.body.contains("theo cách đã chọn lần trước"), "{}", page.body);
        // Another office's officer is not given it.
        let theirs = uploaded(&app, &national, "dot-2.xlsx", &next).await;
        assert!(!preview(&app, &theirs, &national).await.layout_remembered);
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Merged cells as provinces merge them: a title across the columns, a producer written
    /// once beside its two products, one decision and its date beside every row, a group row
    /// across the columns; a column read otherwise than its name as on the command line's
    /// `--map`. Each row's values compared field by field.
    async fn merged_cells_are_read_in_every_row_they_span(test) {
        use rust_xlsxwriter::{Format, Workbook};
        let plain = Format::new();
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.merge_range(0, 0, 0, 6, "ỦY BAN NHÂN DÂN TỈNH AN GIANG", &plain).unwrap();
        for (column, text) in ["STT", "Tên SP", "Đơn vị sản xuất", "Hạng sao", "Số quyết định", "Ngày quyết định", "Ghi chú"].iter().enumerate() {
            sheet.write_string(2, column as u16, *text).unwrap();
        }
        sheet.merge_range(3, 0, 3, 6, "SẢN PHẨM ĐẠT 4 SAO", &plain).unwrap();
        let products = [("1", "Mắm cá linh", "4 sao"), ("2", "Mắm cá sặc", "4 sao"), ("3", "Khô cá lóc", "3 sao")];
        for (i, (number, name, stars)) in products.iter().enumerate() {
            let row = 4 + i as u32;
            sheet.write_string(row, 0, *number).unwrap();
            sheet.write_string(row, 1, *name).unwrap();
            sheet.write_string(row, 3, *stars).unwrap();
            sheet.write_string(row, 6, "ghi chú").unwrap();
        }
        sheet.merge_range(4, 2, 5, 2, "Cơ sở Bà Giáo Khỏe", &plain).unwrap();
        sheet.write_string(6, 2, "HTX Nông nghiệp Vĩnh Hòa").unwrap();
        sheet.merge_range(4, 4, 6, 4, "2497/QĐ-UBND", &plain).unwrap();
        sheet.merge_range(4, 5, 6, 5, "15/11/2022", &plain).unwrap();
        let bytes = book.save_to_buffer().unwrap();

        // "Đơn vị sản xuất" is no name we read, and "Ghi chú" is left out, as `--map` says.
        let mut mapping = app::model::ImportMapping::default();
        for map in ["Đơn vị sản xuất=producer_name", "Ghi chú="] {
            let (header, field) = server::import::map_written(map).unwrap();
            mapping.read_as(header, field);
        }
        let without = import_file(&test.db, &bytes, ImportOptions { dry_run: true, ..ImportOptions::default() }).await;
        assert!(matches!(without, Err(ImportError::MissingColumns(ref missing)) if missing == &["producer_name"]), "{without:?}");
        let report = import_file(&test.db, &bytes, ImportOptions { mapping, ..ImportOptions::default() }).await.expect("imported");
        assert_eq!((report.rows, report.imported, report.rejected.len()), (3, 3, 0), "{:?}", report.rejected);
        let read: Vec<(String, String, String, i64, String, String)> = sqlx::query_as(
            "SELECT p.name, pr.name, p.province_code, p.stars, p.decision_number, p.decision_date
             FROM products p JOIN producers pr ON pr.id = p.producer_id WHERE p.source = 'import' ORDER BY p.name",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        let row = |name: &str, producer: &str, stars| {
            (name.to_string(), producer.to_string(), "91".to_string(), stars, "2497/QĐ-UBND".to_string(), "2022-11-15".to_string())
        };
        assert_eq!(
            read,
            [
                row("Khô cá lóc", "HTX Nông nghiệp Vĩnh Hòa", 3),
                row("Mắm cá linh", "Cơ sở Bà Giáo Khỏe", 4),
                row("Mắm cá sặc", "Cơ sở Bà Giáo Khỏe", 4),
            ]
        );
        test.finish().await;
    }
}
