//! The platform's own binary as a separate process, for drills that kill it and for the soak.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::TestDb;

/// The platform's own binary, serving the test's database on a free port.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// The drills send many requests from one address to see what breaks under load; the
    /// limit per client is tested on its own (`tests/http.rs`), so it is off here.
    pub async fn start(test: &TestDb) -> Server {
        Server::start_binary(test, env!("CARGO_BIN_EXE_server"), &["--page-rate-limit", "0"]).await
    }

    /// `binary` (the release build, for the soak) with `extra` arguments to `serve`.
    pub async fn start_binary(test: &TestDb, binary: &str, extra: &[&str]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let files = test.mail_dir().join("files");
        let child = Command::new(binary)
            .args(["--database-url", &test.url, "serve", "--addr", &format!("127.0.0.1:{port}")])
            .args(extra)
            .arg("--files-dir")
            .arg(files)
            .env("LEPTOS_OUTPUT_NAME", "ocop")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        for _ in 0..300 {
            if reqwest::get(format!("{}/readyz", server.base)).await.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not become ready on port {port}");
    }

    /// `kill -9`: no shutdown, no flushing, nothing the process can do about it.
    pub fn kill(self) {}

    /// The resident memory of the process, in MB.
    pub fn rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kb = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
        kb.unwrap_or(0.0) / 1024.0
    }
}

impl Drop for Server {
    // Also when a test fails: a server left running would outlive its deleted database.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server function called over HTTP as the signed-in `session`: the status and the body, or
/// `None` when the server is gone.
pub async fn call_over_http(
    client: &reqwest::Client,
    base: &str,
    function: &str,
    session: &str,
    form: &[(&str, &str)],
) -> Option<(reqwest::StatusCode, String)> {
    let reply = client
        .post(format!("{base}/api/{function}"))
        .header("cookie", format!("ocop_session={session}"))
        .form(form)
        .send()
        .await
        .ok()?;
    let status = reply.status();
    Some((status, reply.text().await.ok()?))
}
