mod common;

use app::clock::Clock;
use server::db::reference;

common::on_each_backend! {
    async fn reference_data_is_complete_on_every_backend(test) {
        let expected = [
            ("provinces", 34),
            ("communes", 3321),
            ("legacy_provinces", 63),
            ("industries", 6),
            ("product_groups", 17),
            ("score_sheets", 26),
            ("criteria_sets", 3),
        ];
        for (table, count) in expected {
            assert_eq!(test.count(table).await, count, "{table} on {}", test.name);
        }
        // Loading again finds the same fingerprint and writes nothing.
        let again = reference::load(&test.db).await.expect("second load");
        assert!(!again.written, "reloaded unchanged data on {}", test.name);
        let sheet_json: String =
            sqlx::query_scalar("SELECT sheet_json FROM score_sheets WHERE code = 'mat-ong-mat-khac-tpthuc-khac'")
                .fetch_one(&test.db.pool)
                .await
                .expect("honey sheet");
        let sheet: app::domain::ScoreSheet = serde_json::from_str(&sheet_json).expect("stored sheet parses");
        sheet.check().expect("stored sheet still sums to its maxima");
        let legacy: String = sqlx::query_scalar("SELECT province_code FROM legacy_provinces WHERE name = 'Quảng Nam'")
            .fetch_one(&test.db.pool)
            .await
            .expect("Quảng Nam");
        let da_nang: String = sqlx::query_scalar("SELECT code FROM provinces WHERE name = 'Đà Nẵng'")
            .fetch_one(&test.db.pool)
            .await
            .expect("Đà Nẵng");
        assert_eq!(legacy, da_nang, "Quảng Nam became part of Đà Nẵng");
        test.finish().await;
    }
}

#[tokio::test]
async fn a_missing_folder_or_a_file_that_is_no_database_gets_a_sentence() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let missing = format!("sqlite://{}/no/such/folder/ocop.db", dir.path().display());
    let err = server::open_database(&missing, 1, Clock::system()).await.expect_err("missing folder");
    assert!(err.contains("does not exist"), "{err}");

    let not_a_database = dir.path().join("notes.db");
    std::fs::write(&not_a_database, "this is a text file, not a database, and it is long enough to have a header")
        .unwrap();
    let err = server::open_database(&format!("sqlite://{}", not_a_database.display()), 1, Clock::system())
        .await
        .expect_err("not a database");
    assert!(err.contains("cannot be opened"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&not_a_database).unwrap(),
        "this is a text file, not a database, and it is long enough to have a header",
        "the file was left as it was"
    );

    let err = server::open_database("postgres://nobody:secret@127.0.0.1:9/ocop", 1, Clock::system())
        .await
        .expect_err("closed port");
    assert!(err.contains("does not answer") && !err.contains("secret"), "{err}");

    let err = server::open_database("mysql://localhost/ocop", 1, Clock::system()).await.expect_err("unknown scheme");
    assert!(err.contains("must start with sqlite: or postgres://"), "{err}");
}
