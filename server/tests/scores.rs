//! One score, to the hundredth, everywhere: a council whose members give 90, 90 and 89 averages
//! 89.67, which is four stars; the product page, the API and the downloads all say 89,67
//! (Vietnamese) or 89.67 (English, JSON, files), never 90.

mod common;

use app::language::Language;

use app::domain::{ScoreSheet, Stars};
use app::model::CouncilSheetView;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{act, call, get, in_council_scoring, ok, sign_in, staff_dossier, PASSWORD};

/// The choices of `sheet` that total `total`: the best option everywhere, then lower options
/// taken from the first criteria on, never below what a four-star product must have.
fn choices_totalling(sheet: &ScoreSheet, total: u32) -> Vec<(String, String)> {
    let mut short = 100 - total;
    sheet
        .scorable()
        .map(|(_, criterion)| {
            let best = criterion.options.iter().map(|o| o.points).max().unwrap_or(0);
            let floor = criterion
                .options
                .iter()
                .filter(|o| o.min_stars.is_some_and(|stars| stars <= Stars::FOUR))
                .map(|o| o.points)
                .max()
                .unwrap_or(0);
            let (index, option) = criterion
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.points >= floor && best - o.points <= short)
                .min_by_key(|(_, o)| o.points)
                .expect("the best option at least");
            short -= best - option.points;
            (format!("choices[c{}]", criterion.code), index.to_string())
        })
        .collect()
}

/// Saves and submits `who`'s sheet totalling `total`.
async fn score(app: &axum::Router, id: &str, who: &str, total: u32) {
    let reply = call(app, "get_council_sheet", &[("dossier_id", id)], Some(who)).await;
    let sheet: CouncilSheetView = serde_json::from_str(&ok(reply, "sheet").await).unwrap();
    let fields = choices_totalling(&sheet.sheet, total);
    let version = sheet.version.to_string();
    let mut form: Vec<(&str, &str)> = vec![("dossier_id", id), ("version", &version)];
    form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let saved = ok(call(app, "save_council_sheet", &form, Some(who)).await, "save sheet").await;
    ok(call(app, "submit_council_sheet", &[("dossier_id", id), ("version", &saved)], Some(who)).await, "submit").await;
}

common::on_each_backend! {
    async fn a_council_average_of_89_67_reads_89_67_everywhere(test) {
        let app = common::app_with_sample(&test).await;
        let (id, first) = in_council_scoring(&app, &test).await;
        let chair = sign_in(&app, "chutich.hoidong@ocop.demo", PASSWORD).await;
        let second = sign_in(&app, "thanhvien2@ocop.demo", PASSWORD).await;
        score(&app, &id, &chair, 90).await;
        score(&app, &id, &first, 90).await;
        score(&app, &id, &second, 89).await;
        ok(act(&app, &id, &chair, "close_scoring").await, "close").await;
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let decided = staff_dossier(&app, &id, &province).await;
        let result = decided.council.unwrap().result.unwrap();
        assert_eq!((result.average_hundredths, result.stars.get()), (8967, 4), "{result:?}");

        let today = test.db.clock.today().to_string();
        let version = decided.detail.version.to_string();
        let form = [
            ("dossier_id", id.as_str()),
            ("version", &version),
            ("decision_number", "77/QĐ-UBND"),
            ("decision_date", &today),
        ];
        ok(call(&app, "certify_dossier", &form, Some(&province)).await, "certify").await;
        let (product, stored): (i64, Option<i64>) =
            sqlx::query_as("SELECT id, score_hundredths FROM products WHERE source = 'portal'")
                .fetch_one(&test.db.pool)
                .await
                .unwrap();
        assert_eq!(stored, Some(8967), "the exact average is kept, not 90");

        // Its record keeps the council's score through a correction of the decision's number
        // (the form sends it back as it shows it), and refuses another.
        let record = common::product_record(&app, &product.to_string(), &province).await;
        assert_eq!(record.certificate.get("score"), "89,67");
        let certificate = record.certificate.clone();
        let correct = |version: i64, score: &'static str| {
            let fields = [
                ("score", score),
                ("decision_number", "77/QĐ-UBND ngày"),
                ("decision_date", certificate.decision_date.as_str()),
                ("certificate_number", certificate.certificate_number.as_str()),
            ];
            let (app, province) = (app.clone(), province.clone());
            async move { common::save_certificate(&app, product, &province, version, &fields).await }
        };
        let changed = correct(record.version, "90").await;
        assert!(changed.body.contains("không sửa ở đây"), "{}", changed.body);
        ok(correct(record.version, "89,67").await, "the decision's number corrected").await;

        // The product page, in Vietnamese and in English.
        let page = common::page(&app, &format!("/san-pham/{product}"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("89,67/100 điểm") && page.body.contains("aria-label=\"4 sao\""), "{}", page.body);
        assert!(!page.body.contains("90/100"), "{}", page.body);
        let english = Request::get(format!("/san-pham/{product}"))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, "ocop_lang=en")
            .body(Body::empty())
            .unwrap();
        let page = common::request(&app, english).await;
        assert!(page.body.contains("89.67/100 points") && page.body.contains("aria-label=\"4 stars\""), "{}", page.body);

        // The API: a number with its hundredths, on the product and on its card in lists.
        let (status, body) = get(&app, &format!("/api/v1/products/{product}")).await;
        assert_eq!(status, StatusCode::OK);
        let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!((&detail["score"], &detail["summary"]["score"]), (&serde_json::json!(89.67), &serde_json::json!(89.67)));
        assert!(body.contains("\"score\":89.67"), "{body}");
        assert_eq!(detail["summary"]["stars"], 4);
        let (_, producer) = get(&app, &format!("/api/v1/producers/{}", detail["producer_id"])).await;
        assert!(producer.contains("\"score\":89.67"), "{producer}");
        let (_, description) = get(&app, "/api/v1/openapi.json").await;
        let description: serde_json::Value = serde_json::from_str(&description).unwrap();
        let schema = &description["components"]["schemas"]["Score"];
        assert_eq!((&schema["type"], &schema["multipleOf"]), (&serde_json::json!("number"), &serde_json::json!(0.01)), "{schema}");

        // The downloads: 89.67 in the CSV, a number in the workbook, beside four stars.
        let (status, csv) = get(&app, "/api/v1/products.csv?status=all").await;
        assert_eq!(status, StatusCode::OK);
        let header: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().next().unwrap().split(',').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
        let row = csv.lines().find(|line| line.starts_with(&format!("{product},"))).expect("the product in the CSV");
        assert!(row.contains(",4,89.67,"), "CSV: {row}");
        let sheet = common::spreadsheet(&app, "/api/v1/products.xlsx?status=all", None).await.expect("XLSX");
        let row = sheet.iter().find(|row| row[0] == product.to_string()).expect("the product in the XLSX");
        assert_eq!((row[column("stars")].as_str(), row[column("score")].as_str()), ("4", "89.67"), "XLSX: {row:?}");
        // A product recorded without a score leaves the cell empty.
        let unscored = sheet.iter().find(|row| row[0] != product.to_string() && row[0] != "id").expect("a sample product");
        assert_eq!(unscored[column("score")], "", "{unscored:?}");
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn an_officer_corrects_a_score_from_the_paper_decision(test) {
        let app = common::app_with_sample(&test).await;
        let product = common::demo_staff_and_product(&test, PASSWORD).await;
        let id = product.to_string();
        let province = sign_in(&app, "canbo.tinh@ocop.demo", PASSWORD).await;
        let save = |version: i64, stars: &'static str, score: &'static str| {
            let (app, province) = (app.clone(), province.clone());
            async move { common::save_certificate(&app, product, &province, version, &[("stars", stars), ("score", score)]).await }
        };
        let before = common::product_record(&app, &id, &province).await;
        assert_eq!(before.certificate.score, None, "the sample list gives no scores");

        // Below the band of the stars, or a third decimal: refused beside the field, kept as typed.
        let low = save(before.version, "4", "69,99").await;
        assert!(low.body.contains("69,99 điểm chỉ đạt hạng 3 sao, không thể xếp 4 sao."), "{}", low.body);
        assert!(low.body.contains("\"score\",\"69,99\""), "{}", low.body);
        let rounded = save(before.version, "4", "71,105").await;
        assert!(rounded.body.contains("điểm chỉ lấy đến hai chữ số thập phân"), "{}", rounded.body);

        ok(save(before.version, "4", "71,1").await, "saved").await;
        let after = common::product_record(&app, &id, &province).await;
        assert_eq!(after.certificate.score.map(|s| s.hundredths()), Some(7110));
        let lines: Vec<String> = after.history.iter().flat_map(|h| h.changes.iter().map(|c| c.describe(Language::Vi))).collect();
        assert!(lines.iter().any(|line| line.contains("Điểm") && line.contains("71,10")), "{lines:?}");
        let page = common::page(&app, &format!("/san-pham/{id}"), None).await;
        assert!(page.body.contains("71,10/100 điểm"), "{}", page.body);
        let (_, body) = get(&app, &format!("/api/v1/products/{id}")).await;
        assert!(body.contains("\"score\":71.1"), "{body}");

        // Left empty, the score is cleared.
        ok(save(after.version, "4", "").await, "cleared").await;
        assert_eq!(common::product_record(&app, &id, &province).await.certificate.score, None);
        test.finish().await;
    }
}
