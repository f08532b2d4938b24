//! Test databases: every test runs against a fresh SQLite file and a fresh PostgreSQL database.
//! PostgreSQL comes from OCOP_TEST_POSTGRES_URL; when OCOP_REQUIRE_POSTGRES=1 (the test command
//! and CI) a missing or unreachable PostgreSQL fails the run instead of being skipped.
//! Uploads go to a folder with SQLite and, with PostgreSQL, to the S3-compatible bucket at
//! OCOP_TEST_S3_ENDPOINT (the test command runs one; OCOP_REQUIRE_S3=1 makes it mandatory), so
//! every upload test meets both stores.

#![allow(dead_code)]

pub mod process;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use app::clock::Clock;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::db::{Backend, Database};
use server::files::{Bucket, BucketConfig, FileStore};
use server::http::Site;
use server::import::{import_csv, ImportOptions};
use server::mail::LogMailer;
use sqlx::any::install_default_drivers;
use sqlx::{AnyConnection, AssertSqlSafe, Connection};
use tower::ServiceExt;

pub struct TestDb {
    pub db: Database,
    pub name: String,
    /// Where it is, for a second server on the same database.
    pub url: String,
    cleanup: Cleanup,
    /// Where the application writes the messages it sends.
    mail: tempfile::TempDir,
    /// Where the application keeps uploads.
    pub files: FileStore,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, database: String },
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The tests' clock: today, or the day `OCOP_TODAY` names (the test command runs once on a day
/// years ahead, so that nothing passes only because of when it ran).
pub fn clock() -> Clock {
    Clock::from_env().unwrap_or_else(|sentence| panic!("OCOP_TODAY: {sentence}"))
}

/// A test run on each database as a test of its own, `NAME::sqlite` and `NAME::postgres`, so
/// that a failure on one never hides the other. The body gets a fresh, migrated database with
/// its reference data as `test`.
#[allow(unused_macros)]
macro_rules! on_each_backend {
    ($(#[$meta:meta])* async fn $name:ident($test:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(#[allow(unused_mut)] mut $test: common::TestDb) $body

            #[tokio::test]
            async fn sqlite() {
                run(common::sqlite().await).await
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(test) = common::postgres_if_configured().await {
                    run(test).await
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use on_each_backend;

/// A fresh SQLite database, migrated, with its reference data.
pub async fn sqlite() -> TestDb {
    logs_beside_failures();
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/test.db", dir.path().display());
    let db = server::open_database(&url, 4, clock()).await.expect("SQLite test database");
    let mail = tempfile::tempdir().expect("mail folder");
    let files = FileStore::new(mail.path().join("files")).unwrap();
    TestDb { db, name: "sqlite".into(), url, cleanup: Cleanup::Sqlite(dir), mail, files }
}

/// Server logs (port errors among them) show beside a failing test's output; OCOP_TEST_LOG
/// takes a filter for more (`debug` lists every query).
fn logs_beside_failures() {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(std::env::var("OCOP_TEST_LOG").unwrap_or_else(|_| "warn".into()))
        .try_init();
}

/// A fresh PostgreSQL database at OCOP_TEST_POSTGRES_URL's server, or none when it is not set
/// (a failure instead when OCOP_REQUIRE_POSTGRES=1, as in the test command and CI).
pub async fn postgres_if_configured() -> Option<TestDb> {
    match std::env::var("OCOP_TEST_POSTGRES_URL") {
        Ok(url) => Some(postgres(&url).await),
        Err(_) if std::env::var("OCOP_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("OCOP_REQUIRE_POSTGRES=1 but OCOP_TEST_POSTGRES_URL is not set: run the README's test command.")
        }
        Err(_) => {
            eprintln!("note: OCOP_TEST_POSTGRES_URL is not set, so this test ran on SQLite only");
            None
        }
    }
}

pub async fn postgres(base_url: &str) -> TestDb {
    logs_beside_failures();
    install_default_drivers();
    let database = format!("ocop_t_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
    let mut admin = AnyConnection::connect(base_url).await.unwrap_or_else(|err| {
        panic!("PostgreSQL test server at {} does not answer: {err}", server::db::redact(base_url))
    });
    sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database}")))
        .execute(&mut admin)
        .await
        .expect("drop old test database");
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .execute(&mut admin)
        .await
        .expect("create test database");
    admin.close().await.ok();
    let url = replace_database(base_url, &database);
    let db = server::open_database(&url, 4, clock()).await.expect("PostgreSQL test database");
    assert_eq!(db.backend, Backend::Postgres);
    let mail = tempfile::tempdir().expect("mail folder");
    let files =
        test_bucket().map(FileStore::in_bucket).unwrap_or_else(|| FileStore::new(mail.path().join("files")).unwrap());
    TestDb {
        db,
        name: "postgres".into(),
        url,
        cleanup: Cleanup::Postgres { admin_url: base_url.to_string(), database },
        mail,
        files,
    }
}

/// The test bucket `ocop-test` at OCOP_TEST_S3_ENDPOINT, reached with the access key in
/// OCOP_TEST_S3_ACCESS_KEY and OCOP_TEST_S3_SECRET_KEY, if one is configured. Keys are random,
/// so tests share it safely.
pub fn test_bucket() -> Option<Bucket> {
    let Ok(endpoint) = std::env::var("OCOP_TEST_S3_ENDPOINT") else {
        if std::env::var("OCOP_REQUIRE_S3").as_deref() == Ok("1") {
            panic!("OCOP_REQUIRE_S3=1 but OCOP_TEST_S3_ENDPOINT is not set: run the README's test command.");
        }
        return None;
    };
    // The store checks signatures: the key is the one the test command had it make.
    let key = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} goes with OCOP_TEST_S3_ENDPOINT"));
    let config = BucketConfig {
        endpoint,
        bucket: "ocop-test".into(),
        region: "us-east-1".into(),
        access_key: key("OCOP_TEST_S3_ACCESS_KEY"),
        secret_key: key("OCOP_TEST_S3_SECRET_KEY"),
    };
    Some(Bucket::new(config).expect("test bucket settings"))
}

fn replace_database(url: &str, database: &str) -> String {
    let (head, _) = url.rsplit_once('/').expect("database URL with a database name");
    format!("{head}/{database}")
}

impl TestDb {
    /// The same database read on a clock set to `day` (YYYY-MM-DD): for tests whose expectation
    /// depends on the date, such as which sample certificates are still in force.
    pub fn on(&mut self, day: &str) {
        self.db = self.db.clone().with_clock(Clock::parse(day).expect("a test day"));
    }

    pub fn mail_dir(&self) -> std::path::PathBuf {
        self.mail.path().to_path_buf()
    }

    /// The messages sent so far, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.mail.path())
            .map(|dir| dir.filter_map(|entry| entry.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .filter(|file| file.is_file())
            .map(|file| std::fs::read_to_string(file).expect("message file"))
            .collect()
    }

    /// The token of the newest link to a path starting `path` (`/xac-nhan/`) mailed to `to`.
    pub fn link_token(&self, to: &str, path: &str) -> String {
        let message = self
            .messages()
            .into_iter()
            .rev()
            .find(|m| m.starts_with(&format!("To: {to}\n")) && m.contains(path))
            .unwrap_or_else(|| panic!("no message to {to} with a link to {path}"));
        let after = message.split(path).nth(1).expect("the link");
        after.split(|c: char| c.is_whitespace() || c == '?').next().expect("a token").to_string()
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&self.db.pool)
            .await
            .expect("count")
    }

    /// Closes the pool; the database goes when the test's value is dropped.
    pub async fn finish(self) {
        self.db.pool.close().await;
    }
}

/// A PostgreSQL test database is dropped whenever its test ends, passed or panicked (SQLite's
/// folder goes with its `TempDir`). Drop cannot wait on the test's runtime, which may be the one
/// unwinding, so a thread of its own drops it, ending the connections still open.
impl Drop for TestDb {
    fn drop(&mut self) {
        let Cleanup::Postgres { admin_url, database } = &self.cleanup else { return };
        let (admin_url, name) = (admin_url.clone(), database.clone());
        let dropped = std::thread::spawn(move || {
            let database = name;
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            runtime.block_on(async {
                let mut admin = AnyConnection::connect(&admin_url).await.ok()?;
                let drop = format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                sqlx::query(AssertSqlSafe(drop)).execute(&mut admin).await.ok()
            })
        });
        if !matches!(dropped.join(), Ok(Some(_))) {
            eprintln!("note: the PostgreSQL test database {database} could not be dropped");
        }
    }
}

/// The token test routers accept for `/metrics`.
pub const METRICS_TOKEN: &str = "token of the test scraper";

/// The whole application over a database holding the 28 sample products.
const SAMPLE: &str = include_str!("../../data/sample-products.csv");

pub async fn app_with_sample(test: &TestDb) -> axum::Router {
    app_limited(test, None).await
}

/// The same, with the open-data API limited per client as `limit` says.
pub async fn app_limited(test: &TestDb, limit: Option<Arc<server::rate_limit::RateLimit>>) -> axum::Router {
    import_csv(&test.db, SAMPLE, ImportOptions::default()).await.expect("sample");
    router(test, limit)
}

/// The whole application over the test database as it stands.
pub fn router(test: &TestDb, limit: Option<Arc<server::rate_limit::RateLimit>>) -> axum::Router {
    router_for(test, Site { api_rate_limit: limit, ..site(test) })
}

/// The test site's settings: no limits per client.
pub fn site(test: &TestDb) -> Site {
    Site {
        public_url: "https://ocop.example.vn".into(),
        mailer: Arc::new(LogMailer { folder: Some(test.mail_dir()) }),
        files: test.files.clone(),
        metrics_token: Some(METRICS_TOKEN.into()),
        api_rate_limit: None,
        page_rate_limit: None,
        behind_proxy: false,
        read_search_index_at_start: false,
    }
}

/// The whole application over the test database, with these settings.
pub fn router_for(test: &TestDb, site: Site) -> axum::Router {
    let options = LeptosOptions::builder().output_name("ocop").site_root("target/site").site_pkg_dir("pkg").build();
    server::http::router(test.db.clone(), options, site)
}

pub async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let asked = format!("{} {}", request.method(), request.uri());
    let answer = async {
        let response = app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let body = response.into_body().collect().await.expect("body").to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned())
    };
    // A bound on a hang, far above any real answer: a request that never answers fails its
    // test with its address instead of stopping the run.
    match tokio::time::timeout(std::time::Duration::from_secs(120), answer).await {
        Ok(answer) => answer,
        Err(_) => panic!("{asked} did not answer within 120 s"),
    }
}

pub async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// An XLSX download's first sheet as rows of text (whole numbers as digits), or the status
/// and sentence of a refusal.
/// A download's status and bytes, as `session` (if any) gets it.
pub async fn download(app: &axum::Router, uri: &str, session: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut builder = Request::get(uri);
    if let Some(token) = session {
        builder = builder.header(header::COOKIE, format!("ocop_session={token}"));
    }
    let response = app.clone().oneshot(builder.body(Body::empty()).unwrap()).await.expect("response");
    let status = response.status();
    (status, response.into_body().collect().await.expect("body").to_bytes().to_vec())
}

pub async fn spreadsheet(app: &axum::Router, uri: &str, session: Option<&str>) -> Result<Vec<Vec<String>>, String> {
    use calamine::{Data, Reader, Xlsx};
    let (status, bytes) = download(app, uri, session).await;
    if status != StatusCode::OK {
        return Err(format!("{status}: {}", String::from_utf8_lossy(&bytes)));
    }
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    Ok(sheet
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(number) => format!("{number}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect())
}

// Requests as a browser or the hydrated app sends them.

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The session token the reply set, if it set one.
    pub fn session(&self) -> Option<String> {
        self.cookie("ocop_session")
    }

    /// The value of the cookie `name` the reply set, if it set one.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix(name)?.strip_prefix('='))
            .map(|rest| rest.split(';').next().unwrap_or("").to_string())
    }

    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

pub async fn request(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let body = String::from_utf8_lossy(&body.collect().await.expect("body").to_bytes()).into_owned();
    Reply { status: parts.status, headers: parts.headers, body }
}

/// A server function called as the hydrated app calls it.
pub async fn call(app: &axum::Router, function: &str, form: &[(&str, &str)], session: Option<&str>) -> Reply {
    call_with_cookies(app, function, form, session.map(|token| format!("theme=dark; ocop_session={token}"))).await
}

/// The same, with these cookies (`name=value; …`).
pub async fn call_with_cookies(
    app: &axum::Router,
    function: &str,
    form: &[(&str, &str)],
    cookies: Option<String>,
) -> Reply {
    let mut builder =
        Request::post(format!("/api/{function}")).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookies) = cookies {
        builder = builder.header(header::COOKIE, cookies);
    }
    request(app, builder.body(Body::from(encode(form))).unwrap()).await
}

pub async fn page(app: &axum::Router, uri: &str, session: Option<&str>) -> Reply {
    let mut builder = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(token) = session {
        builder = builder.header(header::COOKIE, format!("ocop_session={token}"));
    }
    request(app, builder.body(Body::empty()).unwrap()).await
}

pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| {
            let v: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                    b' ' => "+".into(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub const LAN: &[(&str, &str)] = &[
    ("display_name", "  Nguyễn  Thị Lan "),
    ("sign_in_name", "+84 912 345 678"),
    ("password", "mật khẩu của Lan"),
    ("password_again", "mật khẩu của Lan"),
];

/// Signs Lan up and confirms her address through the link sent to it; returns her session.
pub async fn sign_up_lan(app: &axum::Router, test: &TestDb) -> String {
    signed_up(app, test, LAN).await
}

/// Signs up with `form`, opens the confirmation link mailed to its address with the password
/// and returns the session that opens.
pub async fn signed_up(app: &axum::Router, test: &TestDb, form: &[(&str, &str)]) -> String {
    let reply = call(app, "sign_up", form, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.session().is_none(), "signing up opens no session before the address is proven");
    let field = |name: &str| form.iter().find(|(key, _)| *key == name).map(|(_, value)| *value).unwrap();
    let to = app::domain::SignInName::parse(field("sign_in_name")).expect("a sign-in name").to_string();
    let token = test.link_token(&to, "/xac-nhan/");
    let confirmed = call(app, "confirm_address", &[("token", &token), ("password", field("password"))], None).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    confirmed.session().expect("a session cookie")
}

pub async fn who(app: &axum::Router, session: &str) -> Option<app::model::Account> {
    let reply = call(app, "current_account", &[], Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON account")
}

pub const HONEY: &str = "mat-ong-mat-khac-tpthuc-khac";

/// Files the producer profile of the account behind `session`, in commune 20194 (Đà Nẵng).
pub async fn producer(app: &axum::Router, session: &str, tax_code: &str) {
    producer_named(app, session, tax_code, "Hộ kinh doanh Mật ong").await
}

/// The same, under this name.
pub async fn producer_named(app: &axum::Router, session: &str, tax_code: &str, name: &str) {
    let form = [
        ("kind", "household"),
        ("name", name),
        ("tax_code", tax_code),
        ("legal_representative", "Người đại diện"),
        ("province_code", "48"),
        ("commune_code", "20194"),
        ("address", "Thôn 1"),
        ("phone", "0905123456"),
        ("email", ""),
        ("website", ""),
    ];
    let reply = call(app, "save_producer_profile", &form, Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

/// Signs up Nam at `email`, confirmed; returns his session.
pub async fn sign_up(app: &axum::Router, test: &TestDb, email: &str) -> String {
    let form = [
        ("display_name", "Trần Văn Nam"),
        ("sign_in_name", email),
        ("password", "12345678"),
        ("password_again", "12345678"),
    ];
    signed_up(app, test, &form).await
}

/// The owner behind `owner` invites `name`, and the person behind `member` (who holds that
/// address) accepts: they act for the owner's producer from then on.
pub async fn join(app: &axum::Router, owner: &str, member: &str, name: &str) {
    let invited = call(app, "invite_member", &[("sign_in_name", name)], Some(owner)).await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    let reply = call(app, "list_invitations", &[], Some(member)).await;
    let waiting: Vec<app::model::Invitation> = serde_json::from_str(&reply.body).expect("invitations");
    let id = waiting.last().expect("an invitation").id.to_string();
    let accepted = call(app, "answer_invitation", &[("invitation", &id), ("accept", "1")], Some(member)).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
}

pub async fn sign_in(app: &axum::Router, name: &str, password: &str) -> String {
    let reply = call(app, "sign_in", &[("sign_in_name", name), ("password", password)], None).await;
    assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.body);
    reply.session().expect("a session cookie")
}

/// Registers a honey product for the producer behind `session`, answers every criterion with
/// its best option and submits the dossier to the commune; returns the dossier's id.
pub async fn submitted_dossier(app: &axum::Router, session: &str) -> i64 {
    submitted_dossier_named(app, session, "Mật ong").await
}

/// The same, for a product of this name.
pub async fn submitted_dossier_named(app: &axum::Router, session: &str, name: &str) -> i64 {
    let id = assessed_dossier(app, session, name).await.to_string();
    let submitted = call(app, "submit_dossier", &[("dossier_id", &id), ("version", "2")], Some(session)).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    id.parse().expect("dossier id")
}

/// A honey product registered for the producer behind `session`, its dossier opened and every
/// criterion answered with its best option, not submitted (at version 2); returns its id.
pub async fn assessed_dossier(app: &axum::Router, session: &str, name: &str) -> i64 {
    let product =
        call(app, "register_product", &[("name", name), ("subgroup_code", HONEY), ("description", "")], Some(session))
            .await;
    let opened =
        call(app, "open_dossier", &[("product_id", &product.body), ("kind", "first_rating")], Some(session)).await;
    let id = opened.body.clone();
    let dossier: app::model::DossierDetail =
        serde_json::from_str(&call(app, "get_dossier", &[("id", &id)], Some(session)).await.body).expect("dossier");
    let best = best_choices(&dossier.sheet);
    let mut form: Vec<(&str, &str)> = vec![("dossier_id", &id), ("version", "1")];
    form.extend(best.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(call(app, "save_self_assessment", &form, Some(session)).await.body, "2");
    id.parse().expect("dossier id")
}

/// The form fields choosing, in every criterion of `sheet`, the option worth the most points.
pub fn best_choices(sheet: &app::domain::ScoreSheet) -> Vec<(String, String)> {
    sheet
        .scorable()
        .map(|(_, c)| {
            let best = c.options.iter().enumerate().max_by_key(|(_, o)| o.points).map(|(i, _)| i).unwrap();
            (format!("choices[c{}]", c.code), best.to_string())
        })
        .collect()
}

/// Posts a multipart form, as a browser sends a file upload: `fields`, then `file` as
/// (field name, file name, bytes).
pub async fn post_file(
    app: &axum::Router,
    uri: &str,
    session: &str,
    fields: &[(&str, &str)],
    (field, file_name, bytes): (&str, &str, &[u8]),
) -> Reply {
    let boundary = "----ocop-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::COOKIE, format!("ocop_session={session}"))
        .body(Body::from(body))
        .unwrap();
    self::request(app, request).await
}

/// The demo staff (with `password`) and the first sample product of province 48, whose record
/// the province officer `canbo.tinh@ocop.demo` keeps.
pub async fn demo_staff_and_product(test: &TestDb, password: &str) -> i64 {
    server::seed::seed_demo_staff(&test.db, password).await.unwrap();
    sqlx::query_scalar("SELECT MIN(id) FROM products WHERE province_code = '48'")
        .fetch_one(&test.db.pool)
        .await
        .unwrap()
}

// The back office's way through a dossier.

/// The demo staff's password in tests.
pub const PASSWORD: &str = "mật khẩu cán bộ demo";

/// A catalog product's record as the officer `who` reads it; the read must succeed.
pub async fn product_record(app: &axum::Router, product_id: &str, who: &str) -> app::model::ProductRecordView {
    let reply = call(app, "get_product_record", &[("product_id", product_id)], Some(who)).await;
    serde_json::from_str(&ok(reply, "the product record").await).expect("a product record")
}

/// Saves product `product_id`'s certificate as `who` from the record at `version`: `fields`
/// over a 4★ decision of 14/03/2025 with no score.
pub async fn save_certificate(
    app: &axum::Router,
    product_id: i64,
    who: &str,
    version: i64,
    fields: &[(&str, &str)],
) -> Reply {
    let (id, version) = (product_id.to_string(), version.to_string());
    let mut form = vec![
        ("product_id", id.as_str()),
        ("version", &version),
        ("stars", "4"),
        ("score", ""),
        ("decision_number", "1234/QĐ-UBND"),
        ("decision_date", "2025-03-14"),
        ("certificate_number", "GCN-2025-17"),
        ("expires_on", ""),
    ];
    for (name, value) in fields {
        if let Some(field) = form.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        }
    }
    call(app, "save_certificate_record", &form, Some(who)).await
}

/// The body of a reply that must have succeeded.
pub async fn ok(reply: Reply, what: &str) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.body);
    reply.body
}

pub async fn staff_dossier(app: &axum::Router, id: &str, who: &str) -> app::model::StaffDossier {
    let body = ok(call(app, "get_staff_dossier", &[("dossier_id", id)], Some(who)).await, "dossier").await;
    serde_json::from_str(&body).unwrap()
}

pub async fn act(app: &axum::Router, id: &str, who: &str, action: &str) -> Reply {
    let version = staff_dossier(app, id, who).await.detail.version.to_string();
    call(
        app,
        "act_on_dossier",
        &[("dossier_id", id), ("version", &version), ("action", action), ("comment", "")],
        Some(who),
    )
    .await
}

/// A dossier of Lan's that the commune has reviewed and forwarded to province 48.
pub async fn forwarded(app: &axum::Router, test: &TestDb) -> (String, String) {
    let lan = sign_up_lan(app, test).await;
    producer(app, &lan, "0401111111").await;
    let id = submitted_dossier(app, &lan).await.to_string();
    commune_forwards(app, &id).await;
    (id, lan)
}

/// The commune officer of the demo commune finds every point met and forwards dossier `id`.
pub async fn commune_forwards(app: &axum::Router, id: &str) {
    let commune = sign_in(app, "canbo.xa@ocop.demo", PASSWORD).await;
    let version = staff_dossier(app, id, &commune).await.detail.version.to_string();
    let mut review: Vec<(String, String)> = vec![("dossier_id".into(), id.to_string()), ("version".into(), version)];
    for point in app::domain::CommunePoint::ALL {
        review.push((format!("finding[{}]", point.code()), "meets".into()));
    }
    review.push(("documents_complete".into(), "on".into()));
    let review: Vec<(&str, &str)> = review.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ok(call(app, "save_commune_review", &review, Some(&commune)).await, "review").await;
    ok(act(app, id, &commune, "forward_to_province").await, "forward").await;
}

/// Forwarded, placed in a round with a chair and two members, and sent to its council: the
/// dossier and the first member's session.
pub async fn in_council_scoring(app: &axum::Router, test: &TestDb) -> (String, String) {
    server::seed::seed_demo_staff(&test.db, PASSWORD).await.expect("demo staff");
    let (id, _) = forwarded(app, test).await;
    let province = sign_in(app, "canbo.tinh@ocop.demo", PASSWORD).await;
    before_council(app, &province, &PROVINCE_COUNCIL, &id).await;
    (id, sign_in(app, "thanhvien1@ocop.demo", PASSWORD).await)
}

/// The demo province council and the central one: (sign-in name, name, seat).
pub const PROVINCE_COUNCIL: [(&str, &str, &str); 3] = [
    ("chutich.hoidong@ocop.demo", "Chủ tịch Hội đồng Demo", "chair"),
    ("thanhvien1@ocop.demo", "Thành viên Một Demo", "member"),
    ("thanhvien2@ocop.demo", "Thành viên Hai Demo", "member"),
];
pub const CENTRAL_COUNCIL: [(&str, &str, &str); 3] = [
    ("chutich.trunguong@ocop.demo", "Chủ tịch Hội đồng Trung ương Demo", "chair"),
    ("thanhvien1.trunguong@ocop.demo", "Thành viên Trung ương Một Demo", "member"),
    ("thanhvien2.trunguong@ocop.demo", "Thành viên Trung ương Hai Demo", "member"),
];

/// Puts dossier `id` before a council: its officer (signed in as `officer`) opens a round,
/// seats `council`, puts the dossier in it and sends it to the council. Returns the round.
pub async fn before_council(app: &axum::Router, officer: &str, council: &[(&str, &str, &str)], id: &str) -> String {
    before_council_held(app, officer, council, id, "sitting").await
}

/// The same, the round held in `mode` (`sitting`, or `written_opinions` for a re-rating).
pub async fn before_council_held(
    app: &axum::Router,
    officer: &str,
    council: &[(&str, &str, &str)],
    id: &str,
    mode: &str,
) -> String {
    let dates = [("name", "Đợt 1"), ("starts_on", "2026-12-01"), ("ends_on", "2026-12-05"), ("mode", mode)];
    let round = ok(call(app, "create_round", &dates, Some(officer)).await, "round").await;
    let detail: app::model::RoundDetail =
        serde_json::from_str(&ok(call(app, "get_round", &[("round_id", &round)], Some(officer)).await, "get").await)
            .expect("round");
    for (_, name, seat) in council {
        let account = detail.candidates.iter().find(|c| c.display_name == *name).expect(name).account_id.to_string();
        let form = [("round_id", round.as_str()), ("account_id", &account), ("seat", seat)];
        ok(call(app, "seat_in_round", &form, Some(officer)).await, name).await;
    }
    ok(call(app, "assign_to_round", &[("round_id", &round), ("dossier_id", id)], Some(officer)).await, "assign").await;
    ok(act(app, id, officer, "send_to_council").await, "send").await;
    round
}

/// Each member of `council` submits a sheet worth `total` points (every minimum requirement
/// met where the points allow), then its chair closes the scoring.
pub async fn council_scores(app: &axum::Router, council: &[(&str, &str, &str)], id: &str, total: u32) {
    council_sheets(app, council, id, total).await;
    let chair = sign_in(app, council[0].0, PASSWORD).await;
    ok(act(app, id, &chair, "close_scoring").await, "close").await;
}

/// Each member of `council` submits a sheet worth `total` points; nobody closes the scoring.
pub async fn council_sheets(app: &axum::Router, council: &[(&str, &str, &str)], id: &str, total: u32) {
    for (sign_in_name, name, _) in council {
        let who = sign_in(app, sign_in_name, PASSWORD).await;
        let sheet: app::model::CouncilSheetView = serde_json::from_str(
            &ok(call(app, "get_council_sheet", &[("dossier_id", id)], Some(&who)).await, "sheet").await,
        )
        .unwrap();
        let version = sheet.version.to_string();
        let fields = choices_worth(&sheet.sheet, total);
        let mut form: Vec<(&str, &str)> = vec![("dossier_id", id), ("version", &version)];
        form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let saved = ok(call(app, "save_council_sheet", &form, Some(&who)).await, name).await;
        ok(call(app, "submit_council_sheet", &[("dossier_id", id), ("version", &saved)], Some(&who)).await, name).await;
    }
}

/// A sheet's choices worth exactly `total` points: the best option everywhere, then criteria
/// lowered one at a time, in sheet order, keeping every minimum the best answers meet.
pub fn choices_worth(sheet: &app::domain::ScoreSheet, total: u32) -> Vec<(String, String)> {
    use app::domain::{assess, Choices};
    let best = |c: &app::domain::Criterion| c.options.iter().enumerate().max_by_key(|(_, o)| o.points).unwrap().0;
    let mut choices = Choices::new();
    for (_, criterion) in sheet.scorable() {
        choices.choose(&criterion.code, best(criterion));
    }
    let allowed = assess(sheet, &choices).unwrap().minimums_allow;
    for (_, criterion) in sheet.scorable() {
        let kept = best(criterion);
        let mut lowest_first: Vec<usize> = (0..criterion.options.len()).collect();
        lowest_first.sort_by_key(|&i| criterion.options[i].points);
        for index in lowest_first {
            choices.choose(&criterion.code, index);
            let assessment = assess(sheet, &choices).unwrap();
            if assessment.total >= total && assessment.minimums_allow == allowed {
                break;
            }
            choices.choose(&criterion.code, kept);
        }
    }
    assert_eq!(assess(sheet, &choices).unwrap().total, total, "{} can be scored {total}", sheet.code);
    sheet
        .scorable()
        .map(|(_, c)| (format!("choices[c{}]", c.code), choices.get(&c.code).unwrap().to_string()))
        .collect()
}
