//! Text people type reaches HTML only as text: a name holding markup is shown as written, in
//! the page, its title, its meta tags and its JSON-LD, and never becomes an element.

mod common;

use axum::http::StatusCode;
use common::{app_with_sample, page, sign_in, PASSWORD};

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
