mod common;

use server::import::{import_csv, ImportError, ImportOptions, Language};

const SAMPLE: &str = include_str!("../data/sample-products.csv");
const HEADER: &str =
    "product_name,producer_name,address,province,stars,recognized_year,decision,score,subgroup,decision_date";

#[tokio::test]
async fn the_sample_list_imports_once() {
    for test in common::databases().await {
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

#[tokio::test]
async fn provinces_are_recognised_old_or_new_with_or_without_diacritics() {
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
    for test in common::databases().await {
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

#[tokio::test]
async fn a_file_with_bad_rows_changes_nothing_unless_asked() {
    let csv = format!(
        "{HEADER}\n\
         Mật ong rừng,HTX Ong Xanh,Xã A,Đà Nẵng,4,2024,12/QĐ-UBND,75,mat-ong-mat-khac-tpthuc-khac,2024-03-05\n\
         Chè búp,HTX Chè,Xã B,Atlantis,3,2024,,,,\n\
         Rượu nếp,Cơ sở Rượu,Xã C,Huế,7,2024,,,,\n\
         Cá khô,Cơ sở Cá,Xã D,Huế,4,2024,,61,,\n\
         ,Cơ sở Trống,Xã E,Huế,3,1999,,,Không có nhóm,31/02/2024\n"
    );
    for test in common::databases().await {
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
        assert!(refused.rejected[2].message_en.contains("a score of 61 only reaches 3 stars"));
        assert_eq!(
            refused.summary(Language::En),
            "Nothing was imported: 4 of 5 rows have errors. Correct them, or import the good rows only with --good-rows-only."
        );

        let good_only = import_csv(&test.db, &csv, ImportOptions { good_rows_only: true, dry_run: false })
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

#[tokio::test]
async fn malformed_files_are_refused_whole() {
    for test in common::databases().await {
        let missing = import_csv(&test.db, "name,province\nA,Huế\n", ImportOptions::default())
            .await
            .expect_err("missing columns");
        assert!(
            matches!(missing, ImportError::MissingColumns(ref columns) if columns.contains(&"product_name".to_string()))
        );
        let ragged = format!("{HEADER}\nA,B,C,Huế,3,2024,,,,\nD,E\n");
        let err = import_csv(&test.db, &ragged, ImportOptions::default()).await.expect_err("ragged row");
        assert!(err.to_string().starts_with("The file is not readable CSV"), "{err}");
        assert_eq!(test.count("products").await, 0);
        test.finish().await;
    }
}
