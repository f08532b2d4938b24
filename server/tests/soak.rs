//! The soak: ten minutes of mixed traffic from 50 clients at once (searches, catalog, product and
//! stamp pages, sign-ins, council members saving their sheets) against the server binary. Zero
//! errors, and the server's memory at the end within 10% of its memory after the warm-up.
//! Ignored by the test command: `bench/soak.sh` runs it with the release build and prints a line
//! a minute. OCOP_SOAK_MINUTES (10), OCOP_SOAK_SERVER (the binary), OCOP_SOAK_POSTGRES=1.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::model::CouncilSheetView;
use common::process::{call_over_http, Server};
use common::{app_with_sample, call, in_council_scoring, ok, sign_in, PASSWORD};

const CLIENTS: usize = 50;
const QUERIES: [&str; 8] = ["mat+ong", "tra", "nuoc+mam", "gao+st25", "ca+phe", "banh", "ruou", "xyzzy"];

#[derive(Default)]
struct Tally {
    requests: AtomicU64,
    errors: AtomicU64,
    first_errors: Mutex<Vec<String>>,
}

impl Tally {
    fn record(&self, what: &str, outcome: Result<reqwest::StatusCode, String>) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let failure = match outcome {
            Ok(status) if status.is_success() => return,
            Ok(status) => format!("{what}: {status}"),
            Err(err) => format!("{what}: {err}"),
        };
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_errors.lock().unwrap();
        if first.len() < 5 {
            first.push(failure);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "ten minutes long: bench/soak.sh runs it"]
async fn fifty_clients_for_ten_minutes_meet_no_error_and_memory_stays_flat() {
    let minutes: u64 = std::env::var("OCOP_SOAK_MINUTES").ok().and_then(|m| m.parse().ok()).unwrap_or(10);
    let test = match std::env::var("OCOP_SOAK_POSTGRES").as_deref() {
        Ok("1") => common::postgres(&std::env::var("OCOP_TEST_POSTGRES_URL").expect("OCOP_TEST_POSTGRES_URL")).await,
        _ => common::sqlite().await,
    };
    let app = app_with_sample(&test).await;
    server::generate::generate(&test.db, 5_000, 3).await.unwrap();
    // Three council sheets, each saved by its own client with the version it got back.
    let (dossier, first) = in_council_scoring(&app, &test).await;
    let mut scorers = vec![first];
    for name in ["chutich.hoidong@ocop.demo", "thanhvien2@ocop.demo"] {
        scorers.push(sign_in(&app, name, PASSWORD).await);
    }
    let mut sheets = Vec::new();
    for session in &scorers {
        let body = ok(call(&app, "get_council_sheet", &[("dossier_id", &dossier)], Some(session)).await, "sheet").await;
        let view: CouncilSheetView = serde_json::from_str(&body).unwrap();
        sheets.push((session.clone(), view.version.to_string()));
    }
    let products: Vec<(i64, String)> = sqlx::query_as("SELECT id, stamp_code FROM products ORDER BY id LIMIT 500")
        .fetch_all(&test.db.pool)
        .await
        .unwrap();

    let binary = std::env::var("OCOP_SOAK_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_string());
    let server = Server::start_binary(&test, &binary, &["--api-rate-limit", "0", "--page-rate-limit", "0"]).await;
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap();
    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for (n, (session, version)) in sheets.into_iter().enumerate() {
        let (client, base, tally, stop, dossier) =
            (client.clone(), server.base.clone(), tally.clone(), stop.clone(), dossier.clone());
        clients.push(tokio::spawn(async move {
            let mut version = version;
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let note = format!("lưu lần {i}");
                let choice = (i % 2).to_string();
                let form = [
                    ("dossier_id", dossier.as_str()),
                    ("version", &version),
                    ("choices[c1.1]", &choice),
                    ("notes[c1.1]", &note),
                ];
                match call_over_http(&client, &base, "save_council_sheet", &session, &form).await {
                    Some((status, body)) => {
                        if status.is_success() {
                            version = body;
                        }
                        tally.record(&format!("score save {n}"), Ok(status));
                    }
                    None => tally.record("score save", Err("no answer".into())),
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }));
    }
    let products = Arc::new(products);
    for n in 0..CLIENTS - clients.len() {
        let (client, base, tally, stop, products) =
            (client.clone(), server.base.clone(), tally.clone(), stop.clone(), products.clone());
        clients.push(tokio::spawn(async move {
            let mut i = n;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let (id, stamp) = &products[i % products.len()];
                let q = QUERIES[i % QUERIES.len()];
                let (what, request) = match i % 50 {
                    0 => {
                        let form = [("sign_in_name", "canbo.tinh@ocop.demo"), ("password", PASSWORD)];
                        ("sign-in", client.post(format!("{base}/api/sign_in")).form(&form))
                    }
                    1..=24 => ("search API", client.get(format!("{base}/api/v1/products?q={q}"))),
                    25..=37 => ("catalog page", client.get(format!("{base}/?q={q}&page={}", 1 + i % 3))),
                    38..=45 => ("product page", client.get(format!("{base}/san-pham/{id}"))),
                    _ => ("stamp check", client.get(format!("{base}/xac-thuc/{stamp}"))),
                };
                let outcome = match request.send().await {
                    Ok(reply) => {
                        let status = reply.status();
                        // Read to the end, as a browser does.
                        reply.bytes().await.map(|_| status).map_err(|err| err.to_string())
                    }
                    Err(err) => Err(err.to_string()),
                };
                tally.record(what, outcome);
            }
        }));
    }

    let started = Instant::now();
    let mut warm_rss = 0.0;
    let mut last = 0;
    println!("{:>6} {:>10} {:>8} {:>7} {:>7}", "minute", "requests", "req/s", "errors", "RSS MB");
    for minute in 1..=minutes {
        tokio::time::sleep_until((started + Duration::from_secs(60 * minute)).into()).await;
        let requests = tally.requests.load(Ordering::Relaxed);
        let rss = server.rss_mb();
        if minute == 1 {
            warm_rss = rss;
        }
        println!(
            "{minute:>6} {requests:>10} {:>8.0} {:>7} {rss:>7.1}",
            (requests - last) as f64 / 60.0,
            tally.errors.load(Ordering::Relaxed)
        );
        last = requests;
    }
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.await.unwrap();
    }
    let end_rss = server.rss_mb();
    let errors = tally.errors.load(Ordering::Relaxed);
    println!(
        "{} requests from {CLIENTS} clients on {}; errors: {errors}; memory after the first minute {warm_rss:.1} MB, at the end {end_rss:.1} MB ({:+.1}%)",
        tally.requests.load(Ordering::Relaxed),
        test.name,
        (end_rss / warm_rss - 1.0) * 100.0
    );
    assert_eq!(errors, 0, "first errors: {:?}", tally.first_errors.lock().unwrap());
    assert!(end_rss <= warm_rss * 1.10, "memory grew from {warm_rss:.1} MB to {end_rss:.1} MB");
    server.kill();
    test.finish().await;
}
