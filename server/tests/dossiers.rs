//! Products and dossiers in the producer portal, and that one producer can never reach
//! another's, whatever ids it sends.

mod common;

use app::model::{DossierDetail, PortalProduct};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app_with_sample, call, page, post_file, producer, sign_up, sign_up_lan, HONEY};

common::on_each_backend! {
    async fn a_producer_registers_a_product_opens_a_dossier_and_self_assesses(test) {
        let app = app_with_sample(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        let nam = sign_up(&app, &test, "nam@example.vn").await;
        let no_profile = sign_up(&app, &test, "chua-co-ho-so@example.vn").await;
        producer(&app, &lan, "0401111111").await;
        producer(&app, &nam, "0402222222").await;

        let subgroups: Vec<app::model::SubgroupChoice> =
            serde_json::from_str(&call(&app, "list_subgroups", &[], None).await.body).unwrap();
        assert_eq!(subgroups.len(), 26);

        let product = [("name", " Mật ong  Hải Vân "), ("subgroup_code", HONEY), ("description", "")];
        let refused = call(&app, "register_product", &product, Some(&no_profile)).await;
        assert!(
            refused.status == StatusCode::BAD_REQUEST && refused.body.contains("khai hồ sơ chủ thể"),
            "{}",
            refused.body
        );
        let unknown =
            call(&app, "register_product", &[product[0], ("subgroup_code", "khong-co"), product[2]], Some(&lan)).await;
        assert!(unknown.body.contains("\"field\":\"subgroup_code\""), "{}", unknown.body);
        let reply = call(&app, "register_product", &product, Some(&lan)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let product_id: i64 = reply.body.parse().unwrap();
        let product_id_text = product_id.to_string();

        let upgrade =
            call(&app, "open_dossier", &[("product_id", &product_id_text), ("kind", "upgrade")], Some(&lan)).await;
        assert!(upgrade.body.contains("Chỉ sản phẩm có giấy chứng nhận còn hiệu lực"), "{}", upgrade.body);
        let opened =
            call(&app, "open_dossier", &[("product_id", &product_id_text), ("kind", "first_rating")], Some(&lan)).await;
        assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
        let dossier_id: i64 = opened.body.parse().unwrap();
        let twice =
            call(&app, "open_dossier", &[("product_id", &product_id_text), ("kind", "first_rating")], Some(&lan)).await;
        assert!(twice.body.contains("đang có một hồ sơ chưa xử lý xong"), "{}", twice.body);

        let dossier: DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &dossier_id.to_string())], Some(&lan)).await.body)
                .unwrap();
        assert_eq!((dossier.sheet.code.as_str(), dossier.version, dossier.choices.len()), (HONEY, 1, 0));
        let first = dossier.sheet.scorable().next().expect("a scored criterion").1.code.clone();
        let id = dossier_id.to_string();
        let key = format!("choices[c{first}]");
        let save = |version: &'static str, option: &'static str| {
            let (app, lan, id, key) = (app.clone(), lan.clone(), id.clone(), key.clone());
            async move {
                call(
                    &app,
                    "save_self_assessment",
                    &[("dossier_id", &id), ("version", version), (&key, option)],
                    Some(&lan),
                )
                .await
            }
        };
        let saved = save("1", "1").await;
        assert_eq!((saved.status, saved.body.as_str()), (StatusCode::OK, "2"), "{}", saved.body);
        let stale = save("1", "0").await;
        assert!(
            stale.status == StatusCode::BAD_REQUEST && stale.body.contains("vừa được lưu từ một nơi khác"),
            "{}",
            stale.body
        );
        let out_of_range = save("2", "99").await;
        assert!(out_of_range.body.contains("\"field\":\"choices\""), "{}", out_of_range.body);
        let reread: DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &id)], Some(&lan)).await.body).unwrap();
        assert_eq!((reread.choices.get(&first), reread.version), (Some(1), 2));

        let sheet_page = page(&app, &format!("/ho-so-danh-gia/{id}"), Some(&lan)).await;
        assert_eq!(sheet_page.status, StatusCode::OK);
        assert!(sheet_page.body.contains("Tự đánh giá: Mật ong Hải Vân") && sheet_page.body.contains("Tổng điểm: "));
        assert!(
            sheet_page.body.contains(&format!("name=\"choices[c{first}]\" value=\"1\" checked")),
            "the saved choice is checked"
        );

        // Another producer finds nothing, whatever id it sends.
        for (function, form) in [
            ("get_dossier", vec![("id", id.as_str())]),
            ("save_self_assessment", vec![("dossier_id", id.as_str()), ("version", "2")]),
            ("open_dossier", vec![("product_id", product_id_text.as_str()), ("kind", "first_rating")]),
        ] {
            let reply = call(&app, function, &form, Some(&nam)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{function}: {}", reply.body);
        }
        assert_eq!(page(&app, &format!("/ho-so-danh-gia/{id}"), Some(&nam)).await.status, StatusCode::NOT_FOUND);
        let theirs: Vec<PortalProduct> =
            serde_json::from_str(&call(&app, "list_my_products", &[], Some(&nam)).await.body).unwrap();
        assert!(theirs.is_empty());
        let mine: Vec<PortalProduct> =
            serde_json::from_str(&call(&app, "list_my_products", &[], Some(&lan)).await.body).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!((mine[0].name.as_str(), mine[0].dossiers.len()), ("Mật ong Hải Vân", 1));

        // Submission: refused while criteria are unanswered, then once, then never again.
        let submit = |version: &str| {
            let (app, lan, id, version) = (app.clone(), lan.clone(), id.clone(), version.to_string());
            async move { call(&app, "submit_dossier", &[("dossier_id", &id), ("version", &version)], Some(&lan)).await }
        };
        let incomplete = submit("2").await;
        assert!(
            incomplete.status == StatusCode::BAD_REQUEST && incomplete.body.contains("tiêu chí chưa tự đánh giá"),
            "{}",
            incomplete.body
        );
        let best = common::best_choices(&dossier.sheet);
        let mut form: Vec<(&str, &str)> = vec![("dossier_id", &id), ("version", "2")];
        form.extend(best.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let saved = call(&app, "save_self_assessment", &form, Some(&lan)).await;
        assert_eq!(saved.body, "3");
        assert!(submit("2").await.body.contains("vừa được lưu từ một nơi khác"), "a stale form does not submit");
        let submitted = submit("3").await;
        assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
        let again = submit("4").await;
        assert!(
            again.status == StatusCode::BAD_REQUEST && again.body.contains("Không thể thực hiện"),
            "{}",
            again.body
        );
        let locked = call(&app, "save_self_assessment", &form, Some(&lan)).await;
        assert!(locked.body.contains("không sửa được nữa"), "{}", locked.body);
        let after: DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &id)], Some(&lan)).await.body).unwrap();
        assert_eq!(after.state, app::domain::DossierState::CommuneReview);
        let steps: Vec<_> = after.timeline.iter().map(|s| (s.state, s.by.clone())).collect();
        assert_eq!(
            steps,
            vec![
                (app::domain::DossierState::Draft, Some("Nguyễn Thị Lan".to_string())),
                (app::domain::DossierState::CommuneReview, Some("Nguyễn Thị Lan".to_string())),
            ]
        );
        assert_eq!(app::domain::assess(&after.sheet, &after.choices).unwrap().total, 100);
        test.finish().await;
    }
}

/// A first-rating dossier for a new honey product of the producer `session` acts for.
async fn honey_dossier(app: &axum::Router, session: &str) -> i64 {
    let form = [("name", "Mật ong"), ("subgroup_code", HONEY), ("description", "")];
    let product = call(app, "register_product", &form, Some(session)).await;
    let opened =
        call(app, "open_dossier", &[("product_id", &product.body), ("kind", "first_rating")], Some(session)).await;
    opened.body.parse().unwrap()
}

async fn upload(
    app: &axum::Router,
    dossier: i64,
    session: &str,
    kind: Option<&str>,
    name: &str,
    bytes: &[u8],
) -> common::Reply {
    let fields: Vec<(&str, &str)> = kind.map(|kind| ("kind", kind)).into_iter().collect();
    common::post_file(app, &format!("/ho-so-danh-gia/{dossier}/tai-lieu"), session, &fields, ("file", name, bytes))
        .await
}

common::on_each_backend! {
    async fn evidence_is_judged_by_content_limited_in_size_and_served_only_to_its_producer(test) {
        let app = app_with_sample(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        let nam = sign_up(&app, &test, "nam@example.vn").await;
        producer(&app, &lan, "0401111111").await;
        producer(&app, &nam, "0402222222").await;
        let dossier = honey_dossier(&app, &lan).await;

        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
        let ok = upload(&app, dossier, &lan, Some("business_registration"), "giấy phép.pdf", pdf).await;
        assert_eq!(
            (ok.status, ok.location()),
            (StatusCode::SEE_OTHER, format!("/ho-so-danh-gia/{dossier}?da_tai_len=1#tai-lieu").as_str())
        );
        // Each refusal names its reason and sends back the kind chosen, for the form to keep.
        for (kind, name, bytes, query) in [
            (
                Some("business_registration"),
                "giay-phep.pdf",
                &b"MZ\x90\x00\x03\x00 a program"[..],
                "tai_lieu=sai-dinh-dang&loai=business_registration",
            ),
            (None, "anh.pdf", &pdf[..], "tai_lieu=loai-tai-lieu"),
            (Some("no_such_kind"), "anh.pdf", &pdf[..], "tai_lieu=loai-tai-lieu"),
            (Some("photos"), "rong.png", &b""[..], "tai_lieu=khong-co-tep&loai=photos"),
        ] {
            let refused = upload(&app, dossier, &lan, kind, name, bytes).await;
            assert_eq!(refused.location(), format!("/ho-so-danh-gia/{dossier}?{query}#tai-lieu"), "{name}");
        }
        let mut huge = b"%PDF-1.4\n".to_vec();
        huge.resize(20 * 1024 * 1024 + 1, b' ');
        let too_big = upload(&app, dossier, &lan, Some("lab_results"), "kiem-nghiem.pdf", &huge).await;
        assert!(too_big.location().contains("tai_lieu=qua-lon&loai=lab_results"), "{}", too_big.location());
        // The same file again, under another name: one document uploaded twice.
        let twice = upload(&app, dossier, &lan, Some("business_registration"), "giay phep (1).pdf", pdf).await;
        assert!(twice.location().contains("tai_lieu=da-co&loai=business_registration"), "{}", twice.location());
        assert_eq!(test.count("evidence_files").await, 1, "only the good file was kept");

        // An image is decoded on upload: a damaged one is refused, a good one gets a thumbnail.
        let mut png = Vec::new();
        image::RgbImage::from_pixel(640, 480, image::Rgb([20, 140, 60]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let damaged = upload(&app, dossier, &lan, Some("photos"), "vuon.png", &png[..png.len() / 2]).await;
        assert!(damaged.location().contains("tai_lieu=hong"), "{}", damaged.location());
        let photo = upload(&app, dossier, &lan, Some("photos"), "vuon.png", &png).await;
        assert!(photo.location().contains("da_tai_len=1"), "{}", photo.location());
        let photo_id: i64 =
            sqlx::query_scalar("SELECT MAX(id) FROM evidence_files").fetch_one(&test.db.pool).await.unwrap();
        let small = page(&app, &format!("/tai-lieu/{photo_id}/anh-nho"), Some(&lan)).await;
        assert_eq!(
            (small.status, small.headers.get("content-type").unwrap().to_str().unwrap()),
            (StatusCode::OK, "image/jpeg")
        );
        // Shown in a sandbox of its own, never as the site with the reader's session.
        let policy = small.headers.get("content-security-policy").map(|v| v.to_str().unwrap().to_string());
        assert!(policy.as_deref().is_some_and(|p| p.starts_with("sandbox")), "{policy:?}");
        assert_eq!(
            page(&app, &format!("/tai-lieu/{photo_id}/anh-nho"), Some(&nam)).await.status,
            StatusCode::NOT_FOUND
        );
        let (pdf_id, thumbnails): (i64, i64) =
            sqlx::query_as("SELECT MIN(id), COUNT(thumbnail_key) FROM evidence_files")
                .fetch_one(&test.db.pool)
                .await
                .unwrap();
        assert_eq!(thumbnails, 1, "only the image has one");
        assert_eq!(page(&app, &format!("/tai-lieu/{pdf_id}/anh-nho"), Some(&lan)).await.status, StatusCode::NOT_FOUND);

        let detail: DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &dossier.to_string())], Some(&lan)).await.body)
                .unwrap();
        let item = &detail.evidence[0];
        assert_eq!((item.file_name.as_str(), item.content_type.as_str()), ("giấy phép.pdf", "application/pdf"));
        assert_eq!(detail.evidence.iter().map(|e| e.thumbnail).collect::<Vec<_>>(), [false, true]);

        let file = format!("/tai-lieu/{}", item.id);
        let mine = page(&app, &file, Some(&lan)).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert_eq!(mine.body.as_bytes(), pdf);
        assert_eq!(mine.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(page(&app, &file, Some(&nam)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(page(&app, &file, None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(upload(&app, dossier, &nam, Some("photos"), "x.pdf", pdf).await.status, StatusCode::NOT_FOUND);
        let anonymous = upload(&app, dossier, "forged", Some("photos"), "x.pdf", pdf).await;
        assert!(anonymous.location().starts_with("/dang-nhap"), "{}", anonymous.location());

        // A document marked with the criteria it supports; a criterion not on the sheet is refused.
        let criterion = detail.sheet.scorable().next().unwrap().1.code.clone();
        let uri = format!("/ho-so-danh-gia/{dossier}/tai-lieu");
        let lab = b"%PDF-1.4\n% phieu kiem nghiem\n%%EOF\n";
        let file = ("file", "kiem-nghiem.pdf", &lab[..]);
        let unknown = post_file(&app, &uri, &lan, &[("kind", "lab_results"), ("criteria", "9.9.9")], file).await;
        assert!(
            unknown.location().contains("tai_lieu=tieu-chi&loai=lab_results&tieu_chi=9.9.9"),
            "{}",
            unknown.location()
        );
        // The form comes back with the kind chosen and the criteria ticked; only the file is lost.
        let refused_with_file_too_big =
            format!("/ho-so-danh-gia/{dossier}?tai_lieu=qua-lon&loai=lab_results&tieu_chi={criterion},%3Cscript%3E");
        let form = page(&app, &refused_with_file_too_big, Some(&lan)).await.body;
        assert!(form.contains(r#"<option value="lab_results" selected"#), "kind kept");
        assert!(form.contains(&format!(r#"value="{criterion}" checked"#)), "criterion kept");
        assert!(form.contains(r#"<details open class="evidence-criteria">"#), "the ticked criteria show");
        let fields = [("kind", "lab_results"), ("criteria", criterion.as_str()), ("criteria", criterion.as_str())];
        let marked = post_file(&app, &uri, &lan, &fields, file).await;
        assert!(marked.location().contains("da_tai_len=1"), "{}", marked.location());
        let after: DossierDetail =
            serde_json::from_str(&call(&app, "get_dossier", &[("id", &dossier.to_string())], Some(&lan)).await.body)
                .unwrap();
        let criteria: Vec<Vec<String>> = after.evidence.iter().map(|e| e.criteria.clone()).collect();
        assert_eq!(criteria, [vec![], vec![], vec![criterion]], "marked once, on that document only");

        // A document taken out while the dossier is a draft: its rows go, with the criteria it
        // was marked with; no one else's form reaches it.
        let remove = |dossier: i64, evidence: i64, session: &str| {
            let request = Request::post(format!("/ho-so-danh-gia/{dossier}/tai-lieu/{evidence}/xoa"))
                .header(header::COOKIE, format!("ocop_session={session}"))
                .body(Body::empty())
                .unwrap();
            common::request(&app, request)
        };
        let marked_id = after.evidence[2].id;
        assert_eq!(remove(dossier, marked_id, &nam).await.status, StatusCode::NOT_FOUND, "another producer's");
        let elsewhere = honey_dossier(&app, &lan).await;
        assert_eq!(remove(elsewhere, marked_id, &lan).await.status, StatusCode::NOT_FOUND, "not of that dossier");
        assert!(remove(dossier, marked_id, "forged").await.location().starts_with("/dang-nhap"));
        let removed = remove(dossier, marked_id, &lan).await;
        assert_eq!(removed.location(), format!("/ho-so-danh-gia/{dossier}?da_xoa=1#tai-lieu"));
        assert!(page(&app, removed.location(), Some(&lan)).await.body.contains("Đã xoá tài liệu."));
        assert_eq!(page(&app, &format!("/tai-lieu/{marked_id}"), Some(&lan)).await.status, StatusCode::NOT_FOUND);
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence_criteria WHERE evidence_id = $1")
            .bind(marked_id)
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
        assert_eq!((left, test.count("evidence_files").await), (0, 2), "its rows are gone, the others kept");
        assert_eq!(remove(dossier, marked_id, &lan).await.status, StatusCode::NOT_FOUND, "once");
        // The same file may then be uploaded again.
        let again = post_file(&app, &uri, &lan, &[("kind", "lab_results")], file).await;
        assert!(again.location().contains("da_tai_len=1"), "{}", again.location());
        // A dossier sent to the commune keeps its documents.
        sqlx::query("UPDATE dossiers SET state = 'commune_review' WHERE id = $1").bind(dossier).execute(&test.db.pool).await.unwrap();
        let kept = remove(dossier, pdf_id, &lan).await;
        assert_eq!(kept.location(), format!("/ho-so-danh-gia/{dossier}?tai_lieu={}#tai-lieu", app::domain::EvidenceRefusal::NotEditable.code()));
        assert_eq!(test.count("evidence_files").await, 3);
        sqlx::query("UPDATE dossiers SET state = 'draft' WHERE id = $1").bind(dossier).execute(&test.db.pool).await.unwrap();

        // All of a producer's dossiers hold 1 GB at most: with another dossier of Lan's nearly
        // full (its size written as stored, not uploaded), the next document is refused.
        let other = honey_dossier(&app, &lan).await;
        sqlx::query(
            "INSERT INTO evidence_files (dossier_id, document_kind, file_name, content_type, byte_size, storage_key, uploaded_at)
             VALUES ($1, 'photos', 'lon.pdf', 'application/pdf', $2, 'quota-test', 0)",
        )
        .bind(other)
        .bind((app::domain::MAX_PRODUCER_BYTES - 10) as i64)
        .execute(&test.db.pool)
        .await
        .unwrap();
        let full = upload(&app, dossier, &lan, Some("photos"), "them.pdf", pdf).await;
        assert!(full.location().contains("tai_lieu=het-dung-luong"), "{}", full.location());
        let told = page(&app, full.location(), Some(&lan)).await;
        assert!(told.body.contains("đã dùng hết 1 GB"), "the sentence is on the page");
        // Another producer is not held by Lan's.
        let nams = honey_dossier(&app, &nam).await;
        let kept = upload(&app, nams, &nam, Some("photos"), "x.pdf", pdf).await;
        assert!(kept.location().contains("da_tai_len=1"), "{}", kept.location());
        test.finish().await;
    }
}

common::on_each_backend! {
    /// Upload fuzzing: random bytes, real files cut short, names that climb folders or carry control
    /// characters, unknown kinds. Every one gets the form back with a refusal or the document kept,
    /// never an error page; a refused one leaves nothing stored, and a kept name is plain text.
    async fn fuzzed_uploads_are_refused_cleanly_or_kept_safely(test) {
        use rand::{Rng, RngCore, SeedableRng};
        let app = app_with_sample(&test).await;
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        let dossier = honey_dossier(&app, &lan).await;
        let mut png = Vec::new();
        image::RgbImage::from_pixel(400, 300, image::Rgb([200, 120, 30]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let names = [
            "../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "/tmp/x.pdf",
            "tệp\u{0}ẩn\u{7}.pdf",
            "giấy phép.pdf",
            "",
            "%2e%2e%2fetc.pdf",
        ];
        let kinds = ["business_registration", "photos", "lab_results", "no_such_kind", ""];
        let mut rng = rand::rngs::SmallRng::seed_from_u64(26);
        let mut kept = 0;
        for case in 0..60 {
            let bytes: Vec<u8> = match case % 5 {
                // Random bytes, sometimes behind a real signature.
                0 | 1 => {
                    let mut bytes = vec![0u8; rng.random_range(0..40_000)];
                    rng.fill_bytes(&mut bytes);
                    if case % 5 == 1 {
                        let signature: &[u8] =
                            [&b"%PDF-1.7\n"[..], b"\xFF\xD8\xFF\xE0", b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBPVP8 "]
                                [rng.random_range(0..4)];
                        bytes.splice(0..0, signature.iter().copied());
                    }
                    bytes
                }
                // A real image cut short anywhere.
                2 => png[..rng.random_range(1..png.len())].to_vec(),
                // A real image, whole.
                3 => png.clone(),
                _ => b"MZ\x90\x00\x03 a program".to_vec(),
            };
            let name = names[case % names.len()];
            let long_name = "a".repeat(500) + ".pdf";
            let name = if case % 11 == 0 { long_name.as_str() } else { name };
            let kind = kinds[case % kinds.len()];
            let fields: Vec<(&str, &str)> = vec![("kind", kind)];
            let uri = format!("/ho-so-danh-gia/{dossier}/tai-lieu");
            let before = test.count("evidence_files").await;
            let reply = post_file(&app, &uri, &lan, &fields, ("file", name, &bytes)).await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}: case {case}: {}", test.name, reply.body);
            let location = reply.location().to_string();
            let accepted = location.contains("da_tai_len=1");
            assert!(accepted || location.contains("tai_lieu="), "case {case}: {location}");
            assert_eq!(test.count("evidence_files").await, before + i64::from(accepted), "case {case}");
            kept += usize::from(accepted);
        }
        assert!(kept > 0 && kept < 60, "some kept, most refused: {kept}");
        let names: Vec<String> =
            sqlx::query_scalar("SELECT file_name FROM evidence_files").fetch_all(&test.db.pool).await.unwrap();
        for name in &names {
            assert!(name.chars().count() <= 200 && !name.chars().any(char::is_control), "{name:?}");
        }
        // The store holds exactly the files the records refer to: nothing left by a refusal.
        let keys: Vec<String> = sqlx::query_scalar(
            "SELECT storage_key FROM evidence_files UNION SELECT thumbnail_key FROM evidence_files WHERE thumbnail_key IS NOT NULL",
        )
        .fetch_all(&test.db.pool)
        .await
        .unwrap();
        for key in &keys {
            assert!(test.files.exists(key).await.unwrap(), "{key}");
        }
        if let Some(folder) = test.files.folder() {
            let on_disk = walk(folder);
            assert_eq!(on_disk, keys.len(), "{}: files on disk", test.name);
        }
        test.finish().await;
    }
}

fn walk(folder: &std::path::Path) -> usize {
    std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

common::on_each_backend! {
    /// A file whose record was never written (the process killed between the two) is swept once
    /// older than the grace an upload in progress needs; files records name stay.
    async fn files_no_record_names_are_swept_once_old_enough(test) {
        // The sample catalog in the database; the router is made below over this test's own files.
        let _sample = app_with_sample(&test).await;
        // A folder of this test's own: the test bucket is shared by tests running at once.
        let folder = tempfile::tempdir().unwrap();
        let files = server::files::FileStore::new(folder.path()).unwrap();
        let app = common::router_for(&test, server::http::Site { files: files.clone(), ..common::site(&test) });
        let lan = sign_up_lan(&app, &test).await;
        producer(&app, &lan, "0401111111").await;
        let dossier = honey_dossier(&app, &lan).await;
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
        let kept = upload(&app, dossier, &lan, Some("business_registration"), "giay-phep.pdf", pdf).await;
        assert!(kept.location().contains("da_tai_len=1"), "{}", kept.location());
        let named: String = sqlx::query_scalar("SELECT storage_key FROM evidence_files").fetch_one(&test.db.pool).await.unwrap();
        let orphan = files.put(b"%PDF-1.4 nobody names me").await.unwrap();

        let now = chrono::Utc::now();
        assert_eq!(server::orphans::sweep(&test.db, &files, now).await.unwrap(), 0, "too young to go");
        assert!(files.exists(&orphan).await.unwrap());
        let later = now + server::orphans::GRACE + chrono::TimeDelta::minutes(1);
        assert_eq!(server::orphans::sweep(&test.db, &files, later).await.unwrap(), 1, "{}", test.name);
        assert!(!files.exists(&orphan).await.unwrap(), "the orphan went");
        assert!(files.exists(&named).await.unwrap(), "the named file stays");
        assert_eq!(page(&app, &format!("/tai-lieu/{}", 1), Some(&lan)).await.status, StatusCode::OK);
        test.finish().await;
    }
}
