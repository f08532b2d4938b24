//! Re-rating reminders: told once when the window opens and once when two weeks are left, in
//! the app and by mail, never twice, and not at all once a re-rating dossier is open.

mod common;

use chrono::{Duration, NaiveDate};
use common::{app_with_sample, call, producer, sign_up};
use server::mail::LogMailer;
use server::reminders::send_due;

common::on_each_backend! {
    async fn a_producer_is_reminded_to_re_rate_once_per_step_and_not_after_opening_the_dossier(test) {
        let app = app_with_sample(&test).await;
        let lan = sign_up(&app, &test, "lan.nhac@example.vn").await;
        producer(&app, &lan, "0409999999").await;
        let form = [("name", "Mật ong Nhắc"), ("subgroup_code", "mat-ong-mat-khac-tpthuc-khac"), ("description", "")];
        let portal_product: i64 = call(&app, "register_product", &form, Some(&lan)).await.body.parse().unwrap();

        // As a decision would have left it: certified, in the catalog, valid through 1 June 2027.
        let expiry = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let catalog: i64 = sqlx::query_scalar("SELECT MIN(id) FROM products").fetch_one(&test.db.pool).await.unwrap();
        sqlx::query(
            "UPDATE products SET expires_on = $1, decision_date = '2024-06-01', revoked_on = NULL WHERE id = $2",
        )
        .bind(expiry.to_string())
        .bind(catalog)
        .execute(&test.db.pool)
        .await
        .unwrap();
        sqlx::query("UPDATE portal_products SET catalog_product_id = $1 WHERE id = $2")
            .bind(catalog)
            .bind(portal_product)
            .execute(&test.db.pool)
            .await
            .unwrap();

        let mailer = LogMailer { folder: Some(test.mail_dir()) };
        let on = |days_before: i64| expiry - Duration::days(days_before);
        let remind = |days_before: i64| send_due(&test.db, &mailer, "https://ocop.example.vn", on(days_before));
        assert_eq!(remind(181).await.unwrap(), 0, "{}: too early", test.name);
        assert_eq!(remind(180).await.unwrap(), 1, "{}: the window opens", test.name);
        assert_eq!(remind(170).await.unwrap(), 0, "{}: told once", test.name);
        // She reads the site in English from now on: the next mail is in English, while the
        // notification in the app is kept as stored, in Vietnamese.
        sqlx::query("UPDATE accounts SET language = 'en' WHERE sign_in_name = 'lan.nhac@example.vn'")
            .execute(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(remind(134).await.unwrap(), 1, "{}: two weeks left", test.name);
        assert_eq!(remind(130).await.unwrap(), 0);

        let notes: Vec<String> =
            sqlx::query_scalar("SELECT message FROM notifications ORDER BY id").fetch_all(&test.db.pool).await.unwrap();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].contains("có hiệu lực đến ngày 01/06/2027") && notes[0].contains("hết ngày 01/02/2027"),
            "{}",
            notes[0]
        );
        assert!(notes[1].starts_with("Còn hai tuần để nộp hồ sơ đánh giá lại sản phẩm"), "{}", notes[1]);
        let english: Vec<String> = sqlx::query_scalar("SELECT message_en FROM notifications ORDER BY id")
            .fetch_all(&test.db.pool)
            .await
            .unwrap();
        assert!(english[1].starts_with("Two weeks are left to submit a re-rating dossier"), "{}", english[1]);
        let listed = call(&app, "list_notifications", &[], Some(&lan)).await;
        assert!(
            listed.body.contains("Còn hai tuần để nộp hồ sơ đánh giá lại"),
            "the producer sees it: {}",
            listed.body
        );
        let mails: Vec<String> = test.messages().into_iter().filter(|m| !m.contains("/xac-nhan/")).collect();
        assert_eq!(mails.len(), 2);
        assert!(
            mails[0].contains("To: lan.nhac@example.vn")
                && mails[0].contains("https://ocop.example.vn/san-pham-cua-toi")
                && mails[0].contains("Subject: Nhắc đánh giá lại sản phẩm OCOP")
        );
        assert!(
            mails[1].contains("Subject: Reminder: the re-rating of the OCOP product")
                && mails[1].contains("Two weeks are left to submit a re-rating dossier")
                && mails[1].contains("valid until 01/06/2027")
                && mails[1].contains("Open the re-rating dossier: https://ocop.example.vn/san-pham-cua-toi"),
            "{}",
            mails[1]
        );

        // A re-rating dossier opened for the product ends the reminders.
        sqlx::query("DELETE FROM rerating_reminders").execute(&test.db.pool).await.unwrap();
        sqlx::query(
            "INSERT INTO dossiers (portal_product_id, kind, state, self_assessment, version, created_at, updated_at)
             VALUES ($1, 're_rating', 'draft', '{}', 1, $2, $2)",
        )
        .bind(portal_product)
        .bind(test.db.clock.timestamp())
        .execute(&test.db.pool)
        .await
        .unwrap();
        assert_eq!(remind(134).await.unwrap(), 0, "{}: the dossier is open", test.name);
        test.finish().await;
    }
}
