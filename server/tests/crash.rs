//! Fault drills with a real process and a real `kill -9`: the server binary is killed while a
//! council member saves a score sheet, and while a CSV import runs; after a restart no
//! acknowledged save is lost, no import is half-written, and SQLite's file is intact.

mod common;

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Duration;

use app::model::CouncilSheetView;
use common::process::{call_over_http, Server};
use common::{app_with_sample, call, in_council_scoring, ok, TestDb};

/// One save of the sheet: the note says which, the reply is the new version.
async fn save(
    client: &reqwest::Client,
    base: &str,
    session: &str,
    id: &str,
    version: &str,
    n: usize,
) -> Option<String> {
    let note = format!("lưu lần {n}");
    let form = [("dossier_id", id), ("version", version), ("choices[c1.1]", "0"), ("notes[c1.1]", &note)];
    let (status, body) = call_over_http(client, base, "save_council_sheet", session, &form).await?;
    status.is_success().then_some(body)
}

common::on_each_backend! {
    async fn a_server_killed_while_scores_are_saved_loses_no_acknowledged_save(test) {
        let app = app_with_sample(&test).await;
        let (id, member) = in_council_scoring(&app, &test).await;
        let sheet = ok(call(&app, "get_council_sheet", &[("dossier_id", &id)], Some(&member)).await, "sheet").await;
        let mut version = serde_json::from_str::<CouncilSheetView>(&sheet).unwrap().version.to_string();

        let server = Server::start(&test).await;
        let client = reqwest::Client::new();
        // Saves one after another, as the form does while a member scores; the kill lands
        // while one is on its way.
        let (acknowledged_tx, mut acknowledged) = tokio::sync::watch::channel(0usize);
        let saver = {
            let (client, base, member, id) = (client.clone(), server.base.clone(), member.clone(), id.clone());
            tokio::spawn(async move {
                for n in 1.. {
                    match save(&client, &base, &member, &id, &version, n).await {
                        Some(next) => {
                            version = next;
                            acknowledged_tx.send_replace(n);
                        }
                        None => return,
                    }
                }
            })
        };
        acknowledged.wait_for(|n| *n >= 25).await.unwrap();
        server.kill();
        saver.await.unwrap();
        let last = *acknowledged.borrow();

        // Restarted, the sheet holds the last acknowledged save, or the one in flight when
        // the process died (committed, but never acknowledged).
        let server = Server::start(&test).await;
        let form = [("dossier_id", id.as_str())];
        let (_, body) = call_over_http(&client, &server.base, "get_council_sheet", &member, &form).await.unwrap();
        let sheet: CouncilSheetView = serde_json::from_str(&body).unwrap();
        let kept = sheet.notes.get("1.1").cloned().unwrap_or_default();
        eprintln!(
            "{}: {last} saves acknowledged before the kill; after the restart the sheet says \"{kept}\"",
            test.name
        );
        assert!(
            kept == format!("lưu lần {last}") || kept == format!("lưu lần {}", last + 1),
            "{}: {last} saves acknowledged, the sheet says \"{kept}\"",
            test.name
        );
        server.kill();
        assert_intact(&test).await;
        test.finish().await;
    }
}

common::on_each_backend! {
    async fn an_import_killed_midway_leaves_nothing_half_written(test) {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("danh-sach.csv");
        std::fs::write(&file, large_list(30_000)).unwrap();
        let (products, producers) = (test.count("products").await, test.count("producers").await);
        let import = |log: &str| {
            Command::new(env!("CARGO_BIN_EXE_server"))
                .args(["--database-url", &test.url, "import"])
                .arg(&file)
                .env("RUST_LOG", log)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the import starts")
        };
        // Killed the moment it reports rows written in its open transaction. The kill counts
        // only if it landed before the commit (its log never said "import committed"); a few
        // tries make sure one did.
        let mut landed_mid_write = false;
        for _ in 0..5 {
            let mut child = import("warn,server::db::bulk=debug,server::import=info");
            let lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
            let (tell, heard) = std::sync::mpsc::channel();
            let reader = std::thread::spawn(move || {
                for line in lines.map_while(Result::ok) {
                    if tell.send(line).is_err() {
                        break;
                    }
                }
            });
            let writing = heard.recv_timeout(Duration::from_secs(120)).into_iter().chain(heard.iter()).find(|l| {
                l.contains("rows written, not yet committed") || l.contains("import committed")
            });
            child.kill().ok();
            child.wait().unwrap();
            reader.join().unwrap();
            let said: Vec<String> = writing.into_iter().chain(heard.try_iter()).collect();
            let committed = said.iter().any(|line| line.contains("import committed"));
            let now = (test.count("products").await, test.count("producers").await);
            if committed {
                assert_eq!(now.0, products + 30_000, "{}: all of it, once", test.name);
                sqlx::query("DELETE FROM products WHERE name LIKE 'Sản phẩm thử %'").execute(&test.db.pool).await.unwrap();
                sqlx::query("DELETE FROM producers WHERE name LIKE 'Hợp tác xã thử %'").execute(&test.db.pool).await.unwrap();
                continue;
            }
            assert!(said.iter().any(|l| l.contains("rows written")), "{}: killed while writing: {said:?}", test.name);
            // What it staged in its short batches is never seen: the list is published at once.
            assert_eq!(now, (products, producers), "{}: killed mid-write, nothing of it shows", test.name);
            eprintln!("{}: killed with rows written in its open transaction; none remain", test.name);
            landed_mid_write = true;
            break;
        }
        assert!(landed_mid_write, "{}: no kill landed before the commit in five tries", test.name);
        // Run to the end, it is all there once.
        let status = import("warn").wait().unwrap();
        assert!(status.success(), "{}: the import ran to its end", test.name);
        assert_eq!(test.count("products").await, products + 30_000, "{}", test.name);
        assert_intact(&test).await;
        test.finish().await;
    }
}

/// A list of `rows` products of real provinces, each a new one.
fn large_list(rows: usize) -> String {
    let provinces = ["Đà Nẵng", "Hà Nội", "Lào Cai", "An Giang", "Thanh Hóa", "Đắk Lắk"];
    let mut out = String::from("product_name,producer_name,address,province,stars,recognized_year,decision\n");
    for n in 0..rows {
        let province = provinces[n % provinces.len()];
        out.push_str(&format!(
            "Sản phẩm thử {n},Hợp tác xã thử {},\"Xã thử, {province}\",{province},{},2024,{}/QĐ-UBND\n",
            n / 7,
            3 + n % 3,
            100 + n % 900
        ));
    }
    out
}

/// SQLite's own check of the file after the kill.
async fn assert_intact(test: &TestDb) {
    if test.name == "sqlite" {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&test.db.pool).await.unwrap();
        assert_eq!(check, "ok");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_writing_one_sqlite_file_at_once_show_nobody_an_error() {
    let test = common::sqlite().await;
    let app = app_with_sample(&test).await;
    server::generate::generate(&test.db, 400, 7).await.unwrap();
    server::seed::seed_demo_staff(&test.db, common::PASSWORD).await.unwrap();
    let officer = common::sign_in(&app, "canbo.tinh@ocop.demo", common::PASSWORD).await;
    let products: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM products WHERE province_code = '48' ORDER BY id LIMIT 12")
            .fetch_all(&test.db.pool)
            .await
            .unwrap();
    assert!(products.len() >= 8, "enough products in province 48: {}", products.len());
    let servers = [Server::start(&test).await, Server::start(&test).await];
    let client = reqwest::Client::new();

    // Each officer's tab keeps saving its own record, through one server or the other, while
    // citizens read the catalog through both: every save is a write transaction that also
    // moves the catalog's edition, so they all contend for the one file.
    const SAVES: usize = 15;
    let mut tasks = Vec::new();
    for (n, (product, name)) in products.iter().cloned().enumerate() {
        let (client, officer) = (client.clone(), officer.clone());
        let base = servers[n % 2].base.clone();
        tasks.push(tokio::spawn(async move {
            let mut version = "1".to_string();
            let mut refused = Vec::new();
            for i in 0..SAVES {
                let description = format!("Mô tả lần {i}");
                let product = product.to_string();
                let form = [
                    ("product_id", product.as_str()),
                    ("version", &version),
                    ("name", &name),
                    ("description", &description),
                    ("phone", ""),
                    ("website", ""),
                ];
                let reply = call_over_http(&client, &base, "save_product_record", &officer, &form).await;
                let (status, body) = reply.expect("the server answers");
                if status.is_success() {
                    version = body;
                } else {
                    refused.push(format!("{status} {body}"));
                }
            }
            refused
        }));
    }
    for n in 0..8 {
        let (client, base) = (client.clone(), servers[n % 2].base.clone());
        tasks.push(tokio::spawn(async move {
            let mut refused = Vec::new();
            for q in ["mat+ong", "tra", "nuoc+mam", "gao"].iter().cycle().take(30) {
                let reply = client.get(format!("{base}/?q={q}")).send().await.unwrap();
                if !reply.status().is_success() {
                    refused.push(format!("{} on /?q={q}", reply.status()));
                }
            }
            refused
        }));
    }
    let mut refused = Vec::new();
    for task in tasks {
        refused.extend(task.await.unwrap());
    }
    assert!(refused.is_empty(), "{} requests failed, first: {:?}", refused.len(), refused.first());
    let saved: i64 =
        sqlx::query_scalar("SELECT COALESCE(SUM(version - 1), 0) FROM products WHERE province_code = '48'")
            .fetch_one(&test.db.pool)
            .await
            .unwrap();
    assert_eq!(saved as usize, products.len() * SAVES, "every save is in");
    for server in servers {
        server.kill();
    }
    assert_intact(&test).await;
    test.finish().await;
}
