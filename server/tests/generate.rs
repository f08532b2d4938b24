mod common;

common::on_each_backend! {
    async fn generates_a_realistic_catalog_once_per_seed(test) {
        let written = server::generate::generate(&test.db, 600, 7).await.expect("generate");
        assert_eq!(written, 600, "{}", test.name);
        assert_eq!(server::generate::generate(&test.db, 600, 7).await.expect("again"), 0, "same seed adds nothing");
        let stars: Vec<(i64, i64)> =
            sqlx::query_as("SELECT stars, COUNT(*) FROM products GROUP BY stars ORDER BY stars")
                .fetch_all(&test.db.pool)
                .await
                .unwrap();
        assert_eq!(stars.iter().map(|(s, _)| *s).collect::<Vec<_>>(), vec![3, 4, 5], "all certified star levels");
        let provinces: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT province_code) FROM products")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert!(provinces >= 30, "spread over provinces: {provinces}");
        let subgroups: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT subgroup_code) FROM products")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(subgroups, 26);
        // Scores agree with stars.
        let off: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM products WHERE NOT ((stars = 3 AND score_hundredths BETWEEN 5000 AND 6999) OR (stars = 4 AND score_hundredths BETWEEN 7000 AND 8999) OR (stars = 5 AND score_hundredths >= 9000))",
        )
        .fetch_one(&test.db.pool)
        .await
        .unwrap();
        assert_eq!(off, 0);
        test.finish().await;
    }
}
