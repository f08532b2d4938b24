//! Text people type reaches HTML only as text: a name holding markup is shown as written, in
//! the page, its title, its meta tags and its JSON-LD, and never becomes an element.

mod common;

use axum::http::StatusCode;
use common::{app_with_sample, call, page, sign_in, PASSWORD};

/// A name that, written into HTML unescaped, would send every visitor to another site.
const HOSTILE: &str =
    r#"Mật ong</title><meta http-equiv="refresh" content="0;url=https://ke-gian.example/"></script><!--"#;

/// The part of a page before `</head>`, where a title or a meta tag would act.
fn head(html: &str) -> &str {
    &html[..html.find("</head>").expect("a head")]
}

/// `html` holds no element made from the hostile name, and (when `titled`, the page being
/// about the named thing) its title shows the name as text.
fn holds_only_text(html: &str, titled: bool, what: &str) {
    assert!(!html.contains("<meta http-equiv"), "{what}: the name became a meta element");
    assert!(!html.contains("https://ke-gian.example/\">"), "{what}: the name left its attribute");
    assert!(!html.contains(r#"ke-gian.example/"></script>"#), "{what}: the name ended a script");
    assert_eq!(head(html).matches("</title>").count(), 1, "{what}: one title, closed once");
    assert!(
        !titled || head(html).contains("Mật ong&lt;/title&gt;&lt;meta"),
        "{what}: the title shows the name as text"
    );
}

common::on_each_backend! {
    async fn names_holding_markup_stay_text_on_every_page(test) {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        // A list as a province might send it, or a record an officer corrected, holding markup.
        sqlx::query("UPDATE products SET name = $1, description = $1 WHERE id = $2")
            .bind(HOSTILE)
            .bind(product)
            .execute(&test.db.pool)
            .await
            .unwrap();
        let (producer, code): (i64, String) =
            sqlx::query_as("SELECT producer_id, stamp_code FROM products WHERE id = $1")
                .bind(product)
                .fetch_one(&test.db.pool)
                .await
                .unwrap();
        sqlx::query("UPDATE producers SET name = $1 WHERE id = $2")
            .bind(HOSTILE)
            .bind(producer)
            .execute(&test.db.pool)
            .await
            .unwrap();

        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        for (uri, session, titled) in [
            (format!("/san-pham/{product}"), None, true),
            (format!("/chu-the/{producer}"), None, true),
            (format!("/xac-thuc/{code}"), None, false),
            (format!("/can-bo/san-pham/{product}"), Some(province.as_str()), true),
            (format!("/can-bo/chu-the/{producer}"), Some(province.as_str()), true),
        ] {
            let reply = page(&app, &uri, session).await;
            assert_eq!(reply.status, StatusCode::OK, "{}: {uri}", test.name);
            holds_only_text(&reply.body, titled, &format!("{}: {uri}", test.name));
            assert!(reply.body.contains("Mật ong&lt;/title&gt;"), "{}: {uri} shows the name as written", test.name);
        }

        // A producer names itself so in the portal; the commune officer opens its dossier.
        let (dossier, _) = hostile_dossier(&app, &test).await;
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let reply = page(&app, &format!("/can-bo/ho-so/{dossier}"), Some(&commune)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}: the dossier", test.name);
        holds_only_text(&reply.body, true, &format!("{}: the dossier", test.name));
        test.finish().await;
    }
}

/// A dossier submitted by a producer whose name and product name hold markup.
async fn hostile_dossier(app: &axum::Router, test: &common::TestDb) -> (i64, String) {
    let lan = common::sign_up_lan(app, test).await;
    common::producer_named(app, &lan, "0401111111", HOSTILE).await;
    (common::submitted_dossier_named(app, &lan, HOSTILE).await, lan)
}

/// The screens' sources, file by file.
fn app_sources() -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the app's sources") {
            let path = entry.expect("a source entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                // Comments may name the elements; only code counts.
                let code: Vec<&str> = text.lines().filter(|line| !line.trim_start().starts_with("//")).collect();
                files.push((path, code.join("\n")));
            }
        }
    }
    files
}

/// The server writes the text of a title and of a textarea unescaped (leptos_meta and tachys),
/// so every one goes through `server_escaped`: a new screen cannot forget it.
#[test]
fn every_title_and_textarea_text_is_escaped_on_the_server() {
    let sources = app_sources();
    assert!(sources.len() > 50, "the app's sources were found");
    for (path, text) in &sources {
        let name = path.display();
        if !path.ends_with("components/page_title.rs") {
            assert!(!text.contains("<Title"), "{name}: a title set without PageTitle");
        }
        for (at, _) in text.match_indices("<textarea") {
            let end = text[at..].find("</textarea>").map(|i| at + i).expect("a closed textarea");
            let opening_end = text[at..end].find('>').map(|i| at + i).unwrap_or(end);
            let children = &text[opening_end..end];
            assert!(children.contains("server_escaped("), "{name}: a textarea's text not escaped: {children}");
        }
    }
}

/// The injection corpus: markup, attribute breaks, a title and a script ended early, a meta
/// refresh, a `javascript:` address, control characters and right-to-left marks.
const CORPUS: &[&str] = &[
    "<b>đậm</b><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)\" x=\"",
    "'><svg onload=alert(1)>",
    "</title><meta http-equiv=\"refresh\" content=\"0;url=https://ke-gian.example/\">",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "A\u{0}B\u{7}C\u{1b}[31mD",
    "\u{202E}gnp.exe\u{200F}",
];

/// The corpus in one piece, cut to `max` characters (a field's own bound).
fn corpus(max: usize) -> String {
    CORPUS.join(" ").chars().take(max).collect()
}

/// No part of the corpus acts in `html`: no element or attribute made from it, no script, no
/// `javascript:` link, no control character; `what` names the page.
fn corpus_stays_text(html: &str, what: &str) {
    for active in
        ["<img src=x", "<svg onload", "<script>alert(1)", "<meta http-equiv", "<b>đậm</b>", "href=\"javascript:"]
    {
        assert!(!html.contains(active), "{what}: {active:?} became markup");
    }
    // An attribute break is text in a text node but never inside a tag.
    for (at, _) in html.match_indices("\" onmouseover=\"alert(1)\"") {
        let (open, close) = (html[..at].rfind('<'), html[..at].rfind('>'));
        assert!(close >= open, "{what}: an attribute broke out of its value");
    }
    for control in ['\u{0}', '\u{7}', '\u{1b}'] {
        assert!(!html.contains(control), "{what}: a control character reached the page");
    }
    assert_eq!(head(html).matches("</title>").count(), 1, "{what}: one title, closed once");
}

/// Calls `function` as `who` with `form`, and with each text field replaced by 10,000
/// characters: never a failure of the server, always an answer or a sentence.
async fn survives_long_text(app: &axum::Router, function: &str, form: &[(String, String)], who: &str) {
    let long = "Ê".repeat(10_000);
    for (field, _) in form.iter().filter(|(_, value)| value.contains("đậm") || value.contains("onmouseover")) {
        let changed: Vec<(&str, &str)> =
            form.iter().map(|(k, v)| (k.as_str(), if k == field { long.as_str() } else { v.as_str() })).collect();
        let reply = call(app, function, &changed, Some(who)).await;
        assert!(
            reply.status.as_u16() < 500,
            "{function}: 10,000 characters in {field}: {} {}",
            reply.status,
            reply.body
        );
    }
}

/// Calls `function` as `who`; it must be taken.
async fn taken(app: &axum::Router, function: &str, form: &[(&str, String)], who: &str) -> String {
    let form: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    survives_long_text(app, function, &form, who).await;
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = call(app, function, &pairs, Some(who)).await;
    assert_eq!(reply.status, StatusCode::OK, "{function}: {}", reply.body);
    reply.body
}

common::on_each_backend! {
    /// The corpus, written into every free-text field a producer or an officer sets, renders as
    /// text on every page that shows it; 10,000 characters in any of them is a sentence or kept.
    async fn the_injection_corpus_stays_text_wherever_it_is_written(test) {
        let app = app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let s = |text: &str| text.to_string();

        // A producer: the account's name, the profile, a product and its dossier.
        let name = corpus(100);
        let signup = [("display_name", name.as_str()), ("sign_in_name", "tin@example.vn"), ("password", "12345678"), ("password_again", "12345678")];
        let lan = common::signed_up(&app, &test, &signup).await;
        let profile = [
            ("kind", s("household")),
            ("name", corpus(200)),
            ("tax_code", s("0405555555")),
            ("legal_representative", corpus(100)),
            ("province_code", s("48")),
            ("commune_code", s("20194")),
            ("address", corpus(200)),
            ("phone", s("0905123456")),
            ("email", s("")),
            ("website", s("")),
        ];
        taken(&app, "save_producer_profile", &profile, &lan).await;
        let registered = [("name", corpus(200)), ("subgroup_code", s(common::HONEY)), ("description", corpus(2000))];
        let registered: Vec<(String, String)> = registered.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        survives_long_text(&app, "register_product", &registered, &lan).await;
        let dossier = common::submitted_dossier_named(&app, &lan, &corpus(200)).await.to_string();

        // The commune returns it with reasons in every note.
        let commune = sign_in(&app, "canbo.xa@ocop.demo", PASSWORD).await;
        let version = common::staff_dossier(&app, &dossier, &commune).await.detail.version.to_string();
        let fields: Vec<(String, String)> = app::domain::CommunePoint::ALL
            .iter()
            .flat_map(|point| [(format!("finding[{}]", point.code()), s("does_not_meet")), (format!("note[{}]", point.code()), corpus(500))])
            .collect();
        let mut review = vec![("dossier_id", dossier.clone()), ("version", version)];
        review.extend(fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
        taken(&app, "save_commune_review", &review, &commune).await;
        let version = common::staff_dossier(&app, &dossier, &commune).await.detail.version.to_string();
        let back = [("dossier_id", dossier.clone()), ("version", version), ("action", s("return_for_completion")), ("comment", corpus(500))];
        taken(&app, "act_on_dossier", &back, &commune).await;

        // The province names a round; an officer keeps a catalog product's and producer's records.
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let round = [("name", corpus(200)), ("starts_on", s("2026-12-01")), ("ends_on", s("2026-12-05"))];
        let round = taken(&app, "create_round", &round, &province).await;
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1").bind(product).fetch_one(&test.db.pool).await.unwrap();
        let record = [
            ("product_id", product.to_string()),
            ("version", version.to_string()),
            ("name", corpus(200)),
            ("description", corpus(2000)),
            ("phone", s("")),
            ("website", s("")),
            ("where_to_buy", corpus(200)),
        ];
        taken(&app, "save_product_record", &record, &province).await;
        let producer: i64 = sqlx::query_scalar("SELECT producer_id FROM products WHERE id = $1").bind(product).fetch_one(&test.db.pool).await.unwrap();
        let version: i64 = sqlx::query_scalar("SELECT version FROM producers WHERE id = $1").bind(producer).fetch_one(&test.db.pool).await.unwrap();
        let producer_record = [
            ("producer_id", producer.to_string()),
            ("version", version.to_string()),
            ("name", corpus(200)),
            ("address", corpus(300)),
            ("phone", s("")),
            ("website", s("")),
        ];
        taken(&app, "save_producer_record", &producer_record, &province).await;
        // Another product is deleted with the corpus as its reason.
        let other: i64 = sqlx::query_scalar("SELECT MAX(id) FROM products WHERE province_code = '48'").fetch_one(&test.db.pool).await.unwrap();
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1").bind(other).fetch_one(&test.db.pool).await.unwrap();
        let deletion = [("product_id", other.to_string()), ("version", version.to_string()), ("reason", corpus(500))];
        taken(&app, "delete_product_record", &deletion, &province).await;
        // The certificate's decision and certificate numbers, as corrected from the paper.
        let version: i64 = sqlx::query_scalar("SELECT version FROM products WHERE id = $1").bind(product).fetch_one(&test.db.pool).await.unwrap();
        let numbers = [("decision_number", corpus(100)), ("certificate_number", corpus(100))];
        for (field, _) in &numbers {
            let long = "Ê".repeat(10_000);
            let reply = common::save_certificate(&app, product, &province, version, &[(field, long.as_str())]).await;
            assert!(reply.status.as_u16() < 500, "{field}: 10,000 characters: {}", reply.body);
        }
        let fields: Vec<(&str, &str)> = numbers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = common::save_certificate(&app, product, &province, version, &fields).await;
        assert_eq!(saved.status, StatusCode::OK, "the certificate's numbers: {}", saved.body);

        // A council member's notes and the province's notes on a dossier in council scoring.
        let (scored, member) = common::in_council_scoring(&app, &test).await;
        let sheet: app::model::CouncilSheetView = serde_json::from_str(
            &call(&app, "get_council_sheet", &[("dossier_id", &scored)], Some(&member)).await.body,
        )
        .unwrap();
        let criterion = sheet.sheet.scorable().next().unwrap().1.code.clone();
        let note_field = format!("notes[c{criterion}]");
        let notes = [("dossier_id", scored.clone()), ("version", sheet.version.to_string()), (note_field.as_str(), corpus(500))];
        taken(&app, "save_council_sheet", &notes, &member).await;
        let note = [("dossier_id", scored.clone()), ("kind", s("site_visit")), ("body", corpus(2000))];
        taken(&app, "add_dossier_note", &note, &province).await;

        // The administrator appoints someone under the corpus's name.
        let admin = sign_in(&app, "quantri@ocop.demo", PASSWORD).await;
        let post = [
            ("sign_in_name", s("moi@example.vn")),
            ("display_name", corpus(100)),
            ("role", s("council_member")),
            ("province_code", s("48")),
            ("commune_code", s("")),
        ];
        taken(&app, "appoint_staff", &post, &admin).await;

        // Every page that shows them.
        let code: String = sqlx::query_scalar("SELECT stamp_code FROM products WHERE id = $1").bind(product).fetch_one(&test.db.pool).await.unwrap();
        let pages: Vec<(String, Option<&str>)> = vec![
            (format!("/san-pham/{product}"), None),
            (format!("/chu-the/{producer}"), None),
            (format!("/xac-thuc/{code}"), None),

            ("/tai-khoan".into(), Some(&lan)),
            ("/ho-so".into(), Some(&lan)),
            ("/san-pham-cua-toi".into(), Some(&lan)),
            (format!("/ho-so-danh-gia/{dossier}"), Some(&lan)),
            ("/thong-bao".into(), Some(&lan)),
            (format!("/can-bo/ho-so/{dossier}"), Some(&commune)),
            ("/can-bo?tat_ca=1".into(), Some(&commune)),
            ("/can-bo/dot-danh-gia".into(), Some(&province)),
            (format!("/can-bo/dot-danh-gia/{round}"), Some(&province)),
            (format!("/can-bo/san-pham/{product}"), Some(&province)),
            (format!("/can-bo/chu-the/{producer}"), Some(&province)),
            ("/can-bo/da-xoa".into(), Some(&province)),
            ("/can-bo/nhan-su".into(), Some(&admin)),
            (format!("/can-bo/cham-diem/{scored}"), Some(&member)),
            (format!("/can-bo/ho-so/{scored}"), Some(&province)),
        ];
        // The corpus typed into the search box: echoed in the box and the page, as text.
        let typed: String = form_urlencoded::byte_serialize(corpus(200).as_bytes()).collect();
        let reply = page(&app, &format!("/?q={typed}"), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}: the search", test.name);
        corpus_stays_text(&reply.body, &format!("{}: the search", test.name));
        for (uri, session) in pages {
            let reply = page(&app, &uri, session).await;
            assert_eq!(reply.status, StatusCode::OK, "{}: {uri}", test.name);
            corpus_stays_text(&reply.body, &format!("{}: {uri}", test.name));
            assert!(reply.body.contains("&lt;b&gt;đậm&lt;/b&gt;"), "{}: {uri} shows the text as written", test.name);
        }
        test.finish().await;
    }
}
