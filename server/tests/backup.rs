//! Backups: a snapshot of a running platform restores into a fresh instance with every record
//! and every file; a restore never overwrites anything.

mod common;

use common::app_with_sample;
use server::backup::{backup, restore};
use server::files::FileStore;

common::on_each_backend! {
    async fn a_backup_restores_into_a_fresh_instance_with_every_record_and_file(test) {
        let _with_sample = app_with_sample(&test).await;
        // An uploaded file and the rows that point at it, as a photo upload leaves them.
        let files = test.files.clone();
        let key = files.put(b"\xFF\xD8\xFF a photo's bytes").await.unwrap();
        let product: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products").fetch_one(&test.db.pool).await.unwrap();
        let photo: i64 = sqlx::query_scalar(
            "INSERT INTO product_photos (product_id, width, height, added_at) VALUES ($1, 320, 240, 0) RETURNING id",
        )
        .bind(product)
        .fetch_one(&test.db.pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO product_photo_files (photo_id, width, storage_key) VALUES ($1, 320, $2)")
            .bind(photo)
            .bind(&key)
            .execute(&test.db.pool)
            .await
            .unwrap();

        let folder = tempfile::tempdir().unwrap();
        let taken = backup(&test.db, &test.url, &files, folder.path()).await.unwrap();
        assert_eq!(taken.files, 1, "{}", test.name);
        assert!(taken.tables["products"] >= 28 && taken.tables["product_photo_files"] == 1, "{:?}", taken.tables);
        let again = backup(&test.db, &test.url, &files, folder.path()).await.unwrap_err();
        assert!(again.contains("is not empty"), "{again}");

        // A fresh instance: an empty database and an empty files folder.
        let fresh = tempfile::tempdir().unwrap();
        let (url, cleanup) = empty_database_like(&test, fresh.path()).await;
        let fresh_files = fresh.path().join("files");
        let restored = restore(folder.path(), &url, &FileStore::new(&fresh_files).unwrap()).await.unwrap();
        assert_eq!(restored.tables, taken.tables, "{}", test.name);
        let db = server::open_database(&url, 2, common::clock()).await.unwrap();
        let back: String =
            sqlx::query_scalar("SELECT storage_key FROM product_photo_files").fetch_one(&db.pool).await.unwrap();
        assert_eq!(FileStore::new(&fresh_files).unwrap().get(&back).await.unwrap(), b"\xFF\xD8\xFF a photo's bytes");
        db.pool.close().await;

        let onto_data =
            restore(folder.path(), &url, &FileStore::new(fresh.path().join("other-files")).unwrap()).await.unwrap_err();
        assert!(onto_data.contains("already holds"), "{}: {onto_data}", test.name);
        cleanup.await;
        test.finish().await;
    }
}

/// An empty database of the same kind as `test`'s, and what removes it.
async fn empty_database_like(
    test: &common::TestDb,
    folder: &std::path::Path,
) -> (String, std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>) {
    if test.name == "sqlite" {
        return (format!("sqlite://{}", folder.join("restored.db").display()), Box::pin(async {}));
    }
    use sqlx::Connection;
    let name = format!("ocop_restore_{}", std::process::id());
    let base = std::env::var("OCOP_TEST_POSTGRES_URL").unwrap();
    let mut admin = sqlx::AnyConnection::connect(&base).await.unwrap();
    for statement in [format!("DROP DATABASE IF EXISTS {name}"), format!("CREATE DATABASE {name}")] {
        sqlx::query(sqlx::AssertSqlSafe(statement)).execute(&mut admin).await.unwrap();
    }
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    let drop = async move {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
            .execute(&mut admin)
            .await;
    };
    (url, Box::pin(drop))
}
