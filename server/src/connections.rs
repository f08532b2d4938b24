//! The connections the server holds, bounded in the binary itself (not only in a proxy in
//! front): at most so many at once, at most so many from one client address, and none left
//! idle for long. Thousands of idle connections from one client could otherwise take every
//! file descriptor, and `/livez` with them.
//! Written by hand over axum's `Listener`: tower's limits count requests, not connections, and
//! hyper's own timeouts are not reachable through `axum::serve`.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::serve::Listener;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, Instant, Sleep};

/// The bounds on connections.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Open connections in all.
    pub total: usize,
    /// Open connections from one client address (none behind the site's own proxy, whose
    /// address every connection has).
    pub per_client: Option<usize>,
    /// How long a connection may pass without a byte read or written before it is closed.
    pub idle: Duration,
}

/// Open connections, in all and by client address.
#[derive(Default)]
struct Counts {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// A TCP listener that admits connections within `Bounds`.
pub struct BoundedListener {
    inner: TcpListener,
    bounds: Bounds,
    counts: Arc<Mutex<Counts>>,
}

impl BoundedListener {
    pub fn new(inner: TcpListener, bounds: Bounds) -> Self {
        BoundedListener { inner, bounds, counts: Arc::default() }
    }

    /// A place for a connection from `client`, or none when a bound is reached.
    fn admit(&self, client: IpAddr) -> Option<Admitted> {
        let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let from_client = counts.by_client.get(&client).copied().unwrap_or(0);
        if counts.total >= self.bounds.total || self.bounds.per_client.is_some_and(|most| from_client >= most) {
            return None;
        }
        counts.total += 1;
        *counts.by_client.entry(client).or_default() += 1;
        Some(Admitted { client, counts: self.counts.clone() })
    }
}

/// A connection's place, given back when it closes.
struct Admitted {
    client: IpAddr,
    counts: Arc<Mutex<Counts>>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        counts.total -= 1;
        if let Some(open) = counts.by_client.get_mut(&self.client) {
            *open -= 1;
            if *open == 0 {
                counts.by_client.remove(&self.client);
            }
        }
    }
}

impl Listener for BoundedListener {
    type Io = BoundedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (BoundedStream, SocketAddr) {
        loop {
            let (stream, addr) = Listener::accept(&mut self.inner).await;
            match self.admit(addr.ip()) {
                Some(admitted) => {
                    let idle = self.bounds.idle;
                    let deadline = Box::pin(sleep(idle));
                    let stream =
                        BoundedStream { stream, idle, last_moved: Instant::now(), deadline, _admitted: admitted };
                    return (stream, addr);
                }
                // Closed at once: the client may try again once its other connections end.
                None => {
                    // Not a warning each: a flood would flood the log too.
                    tracing::debug!(client = %addr.ip(), "refused a connection beyond the bounds");
                    drop(stream);
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// A connection that ends when it has been idle for too long.
pub struct BoundedStream {
    stream: TcpStream,
    idle: Duration,
    /// When a byte last moved. The timer is not reset on each read or write (that takes the
    /// timer wheel's lock every time: the search API measured about 10% slower with it); when
    /// it fires early, it is set again from here.
    last_moved: Instant,
    deadline: Pin<Box<Sleep>>,
    _admitted: Admitted,
}

impl BoundedStream {
    /// Progress was made: the connection has `idle` again from now.
    fn moved(&mut self) {
        self.last_moved = Instant::now();
    }

    /// Nothing to do now: an error once the connection has been idle too long.
    fn waiting<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        loop {
            match self.deadline.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let due = self.last_moved + self.idle;
                    if due <= Instant::now() {
                        return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "idle connection closed")));
                    }
                    // Something moved since the timer was set: wait the rest from then.
                    self.deadline.as_mut().reset(due);
                }
            }
        }
    }
}

impl AsyncRead for BoundedStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Pending => self.waiting(cx),
            ready => {
                self.moved();
                ready
            }
        }
    }
}

impl AsyncWrite for BoundedStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write(cx, buf) {
            Poll::Pending => self.waiting(cx),
            ready => {
                self.moved();
                ready
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.stream).poll_flush(cx) {
            Poll::Pending => self.waiting(cx),
            ready => ready,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets the requests in flight finish.
/// By hand over hyper rather than through `axum::serve`: only hyper's own builder takes a timer,
/// and without one it puts no deadline on a request's head, so a client sending its headers a
/// byte at a time held its connection for as long as it liked.
pub async fn serve(
    mut listener: BoundedListener,
    app: axum::Router,
    head_within: Duration,
    shutdown: impl Future<Output = ()>,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use tower::Service;

    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(head_within);
    let in_flight = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            () = &mut shutdown => break,
        };
        let app = app.clone();
        // The peer's address, which the limits per client and the sign-in throttle read.
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(axum::extract::ConnectInfo(client));
            app.clone().call(request.map(axum::body::Body::new))
        });
        let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).into_owned();
        let connection = in_flight.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::trace!(error = %err, "a connection ended in error");
            }
        });
    }
    // Requests in flight get a while to finish; then the process goes anyway.
    if tokio::time::timeout(Duration::from_secs(30), in_flight.shutdown()).await.is_err() {
        tracing::warn!("requests still in flight after 30 s of shutting down");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn connections_are_admitted_within_the_bounds_and_their_places_come_back() {
        let inner = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let bounds = Bounds { total: 3, per_client: Some(2), idle: Duration::from_secs(60) };
        let listener = BoundedListener::new(inner, bounds);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let first = listener.admit(a).expect("first");
        let second = listener.admit(a).expect("second from the same client");
        assert!(listener.admit(a).is_none(), "a third from one client");
        let other = listener.admit(b).expect("another client");
        assert!(listener.admit(b).is_none(), "beyond the total");
        drop(first);
        assert!(listener.admit(b).is_some(), "a place came back");
        drop((second, other));
        let counts = listener.counts.lock().unwrap();
        assert_eq!(counts.by_client.get(&a), None, "a client with none open is forgotten");
    }
}
