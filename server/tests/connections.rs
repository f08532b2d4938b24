//! A flood of idle connections from one client: the server keeps its bound for that client,
//! closes the idle ones, and goes on answering everyone else.

mod common;

use std::time::{Duration, Instant};

use common::process::Server;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpSocket, TcpStream};

/// A connection from `source` (another loopback address than the test's own requests).
async fn connect_from(source: &str, server: &str) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(format!("{source}:0").parse().unwrap())?;
    socket.connect(server.parse().unwrap()).await
}

/// Whether the server has closed `stream` (waiting at most `within`).
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(tokio::time::timeout(within, stream.read(&mut byte)).await, Ok(Ok(0)) | Ok(Err(_)))
}

#[tokio::test]
async fn idle_connections_from_one_client_are_bounded_and_closed() {
    let test = common::sqlite().await;
    let args = ["--idle-timeout", "2", "--max-connections-per-client", "50"];
    let server = Server::start_binary(&test, env!("CARGO_BIN_EXE_server"), &args).await;
    let address = server.base.trim_start_matches("http://").to_string();

    let mut flood = Vec::new();
    for _ in 0..300 {
        flood.push(connect_from("127.0.0.2", &address).await.expect("the kernel accepts the connection"));
    }
    // Beyond 50, the server closes them at once.
    let mut refused = 0;
    for stream in flood.iter_mut().skip(50) {
        if closed_by_server(stream, Duration::from_millis(500)).await {
            refused += 1;
        }
    }
    assert!(refused >= 245, "{refused} of the 250 beyond the bound were closed");

    // Everyone else is answered at once, the flood notwithstanding.
    let client = reqwest::Client::new();
    for _ in 0..10 {
        let started = Instant::now();
        let live = client.get(format!("{}/livez", server.base)).send().await.expect("/livez answers");
        assert!(live.status().is_success());
        // A bound on a hang, not a speed target (the bench script measures that).
        assert!(started.elapsed() < Duration::from_secs(5), "answered in {:?}", started.elapsed());
    }

    // The 50 admitted, left idle, are closed after the idle timeout; the client may connect again.
    let mut closed = 0;
    for stream in flood.iter_mut().take(50) {
        if closed_by_server(stream, Duration::from_secs(5)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, 50, "every idle connection was closed");
    let again = connect_from("127.0.0.2", &address).await.expect("connects again");
    drop(again);
    server.kill();
    test.finish().await;
}

/// A client sending its request's head a byte at a time (each byte well within the idle
/// timeout) is cut off once the head's deadline passes.
#[tokio::test]
async fn a_head_sent_a_byte_at_a_time_is_cut_off() {
    use tokio::io::AsyncWriteExt;

    let test = common::sqlite().await;
    let server = Server::start_binary(&test, env!("CARGO_BIN_EXE_server"), &["--header-timeout", "2"]).await;
    let address = server.base.trim_start_matches("http://").to_string();
    let mut slow = connect_from("127.0.0.3", &address).await.expect("connects");
    let started = Instant::now();
    slow.write_all(b"GET /livez HTTP/1.1\r\nHost: ocop\r\nX-Slow: ").await.expect("the start of a head");
    let mut cut_off = None;
    // A byte every half second for up to 15 s: the idle timeout (60 s) never fires.
    for _ in 0..30 {
        let wrote = slow.write_all(b"a").await;
        let mut answer = [0u8; 64];
        match tokio::time::timeout(Duration::from_millis(500), slow.read(&mut answer)).await {
            Ok(Ok(_)) | Ok(Err(_)) => {
                cut_off = Some(started.elapsed());
                break;
            }
            Err(_) if wrote.is_err() => {
                cut_off = Some(started.elapsed());
                break;
            }
            Err(_) => {}
        }
    }
    let cut_off = cut_off.expect("the server cut the slow head off");
    assert!(cut_off >= Duration::from_millis(1500), "cut off by the deadline, not at once: {cut_off:?}");
    // Everyone else meanwhile, and after, is answered.
    let live = reqwest::get(format!("{}/livez", server.base)).await.expect("/livez answers");
    assert!(live.status().is_success());
    server.kill();
    test.finish().await;
}
