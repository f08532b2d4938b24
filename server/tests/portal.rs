//! The producer portal: profiles, the province → commune chooser, and who may see what.

mod common;

use axum::http::StatusCode;
use common::{app_with_sample, call, page, sign_up_lan, Reply};

const PROFILE: &[(&str, &str)] = &[
    ("kind", "cooperative"),
    ("name", "Hợp tác xã Mật ong Hải Vân"),
    ("tax_code", "0401234567"),
    ("legal_representative", "Nguyễn Thị Lan"),
    ("province_code", "48"),
    ("commune_code", "20194"),
    ("address", "Thôn Tà Lang"),
    ("phone", "+84 905 123 456"),
    ("email", ""),
    ("website", "matonghaivan.vn"),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    PROFILE.iter().map(|(k, v)| (*k, changes.iter().find(|(c, _)| c == k).map_or(*v, |(_, n)| *n))).collect()
}

fn profile(reply: &Reply) -> Option<app::model::ProducerProfile> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON profile")
}

common::on_each_backend! {
    async fn a_producer_files_and_updates_its_profile(test) {
        let app = app_with_sample(&test).await;
        let producers_before = test.count("producers").await;
        assert_eq!(call(&app, "get_my_producer", &[], None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(call(&app, "save_producer_profile", PROFILE, None).await.status, StatusCode::UNAUTHORIZED);
        let anonymous = page(&app, "/ho-so", None).await;
        assert!(anonymous.location().starts_with("/dang-nhap?tiep=/ho-so"), "{}", anonymous.location());
        // A page of one's own record comes back to that record after signing in.
        let dossier = page(&app, "/ho-so-danh-gia/7", None).await;
        assert_eq!(dossier.location(), "/dang-nhap?tiep=/ho-so-danh-gia/7");

        let lan = sign_up_lan(&app, &test).await;
        assert_eq!(profile(&call(&app, "get_my_producer", &[], Some(&lan)).await), None);

        for (changes, field) in [
            (&[("tax_code", "040123456")][..], "tax_code"),
            (&[("kind", "company")][..], "kind"),
            (&[("commune_code", "00004")][..], "commune_code"),
            (&[("commune_code", "99999")][..], "commune_code"),
            (&[("phone", "12345")][..], "phone"),
            (&[("website", "javascript:alert(1)")][..], "website"),
        ] {
            let reply = call(&app, "save_producer_profile", &with(changes), Some(&lan)).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{changes:?}");
            assert!(reply.body.contains(&format!("\"field\":\"{field}\"")), "{changes:?}: {}", reply.body);
            assert!(reply.body.contains("Hợp tác xã Mật ong Hải Vân"), "what was typed comes back");
        }
        assert_eq!(test.count("producers").await, producers_before, "nothing written by a refusal");

        let saved = profile(&call(&app, "save_producer_profile", PROFILE, Some(&lan)).await).unwrap();
        assert_eq!(saved.form.phone, "0905123456");
        assert_eq!(saved.form.website, "https://matonghaivan.vn");
        let address: String = sqlx::query_scalar("SELECT address_as_written FROM producers WHERE id = $1")
            .bind(saved.id)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!(address, "Thôn Tà Lang, Phường Hải Vân, Thành phố Đà Nẵng");

        let renamed = with(&[("name", "HTX Mật ong Hải Vân"), ("commune_code", "20197")]);
        let updated = profile(&call(&app, "save_producer_profile", &renamed, Some(&lan)).await).unwrap();
        assert_eq!((updated.id, updated.form.name.as_str()), (saved.id, "HTX Mật ong Hải Vân"));
        assert_eq!(test.count("producers").await, producers_before + 1);
        let form = page(&app, "/ho-so", Some(&lan)).await;
        assert!(form.body.contains("value=\"HTX Mật ong Hải Vân\""), "the saved profile fills the form");
        assert!(form.body.contains("Phường Liên Chiểu"), "the province's communes are listed");

        // Another person cannot take the same registration number, nor see the first profile.
        let second = common::sign_up(&app, &test, "nam@example.vn").await;
        assert_eq!(profile(&call(&app, "get_my_producer", &[], Some(&second)).await), None);
        let taken = call(&app, "save_producer_profile", PROFILE, Some(&second)).await;
        assert_eq!(taken.status, StatusCode::BAD_REQUEST);
        assert!(
            taken.body.contains("\"field\":\"tax_code\"") && taken.body.contains("đã được một chủ thể khác"),
            "{}",
            taken.body
        );

        test.finish().await;
    }
}

common::on_each_backend! {
    async fn the_place_choosers_list_the_2025_units(test) {
        let app = app_with_sample(&test).await;
        let provinces: Vec<app::model::Place> =
            serde_json::from_str(&call(&app, "list_provinces", &[], None).await.body).unwrap();
        assert_eq!(provinces.len(), 34);
        let communes: Vec<app::model::Place> =
            serde_json::from_str(&call(&app, "list_communes", &[("province_code", "48")], None).await.body).unwrap();
        assert!(communes.iter().any(|c| c.code == "20194" && c.name == "Phường Hải Vân"));
        assert!(communes.iter().all(|c| c.code.len() == 5));
        let none: Vec<app::model::Place> =
            serde_json::from_str(&call(&app, "list_communes", &[("province_code", "' OR 1=1 --")], None).await.body)
                .unwrap();
        assert!(none.is_empty());
        test.finish().await;
    }
}
