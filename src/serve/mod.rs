//! Serve: a read-only SPARQL 1.1 endpoint over the store, on axum (hyper,
//! tokio), HTTP/1.1.
//!
//! - `/sparql` (also `/query`): the SPARQL 1.1 Protocol — `GET ?query=`,
//!   `POST` as `application/sparql-query` or a form; `default-graph-uri`,
//!   `named-graph-uri`; the answer's format negotiated from `Accept`
//!   (q-values) or `format=`, for the query form of the parsed query; `HEAD`;
//!   without a query, the service description (Turtle by default).
//! - `/store`: Graph Store Protocol reads (`?graph=IRI`, `?default`, or the
//!   whole dataset).
//! - `/`, `/entity`, `/event`, `/article`, `/assets/…`: the browser view
//!   (see [`view`]), pages that query `/sparql` themselves.
//! - Limits: a bounded pool of query workers, a deadline per query that
//!   cancels its evaluation, a memory watchdog, a request body limit, a
//!   connection limit and an idle timeout; updates are refused.
//! - A result cache of complete answers, keyed by the store's version and
//!   the request, with ETags and `If-None-Match` (see [`cache`]); `--warm`
//!   fills it with the canned queries (see [`warm`]).
//!
//! See [`exec`] for how answers are produced and [`protocol`] for requests.

mod cache;
mod exec;
mod guard;
pub mod protocol;
mod routes;
mod view;
mod warm;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How the endpoint runs; `newsgraph serve --help` documents each.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub bind: String,
    /// Deadline of one query, answer included.
    pub timeout: Duration,
    /// Queries evaluated at the same time; more wait for a free worker.
    pub workers: usize,
    /// Largest request body (a POSTed query), in bytes.
    pub max_body: usize,
    /// Open connections at most; beyond, new ones get 503 and are closed.
    pub max_connections: usize,
    /// A connection that sends nothing for this long is closed.
    pub idle_timeout: Duration,
    /// Result rows at most (SELECT); None: no limit.
    pub max_rows: Option<u64>,
    /// Resident memory at most, in bytes, before the oldest query is stopped.
    pub max_memory: Option<u64>,
    /// Answer cross-origin requests (browsers on other sites).
    pub cors: bool,
    /// The default graph is the union of all graphs.
    pub union_default_graph: bool,
    /// Bytes of answers the result cache keeps at most; 0: no cache.
    pub cache_bytes: usize,
    /// Compute the canned queries into the cache at start and after each
    /// change of the store.
    pub warm: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: "127.0.0.1:7878".into(),
            timeout: Duration::from_secs(30),
            workers: 8,
            max_body: 1 << 20,
            max_connections: 1024,
            idle_timeout: Duration::from_secs(15),
            max_rows: None,
            max_memory: Some(2 << 30),
            cors: false,
            union_default_graph: false,
            cache_bytes: 256 << 20,
            warm: false,
        }
    }
}

/// Everything a request handler needs.
pub struct App {
    store: exec::StoreHolder,
    pool: exec::Pool,
    cache: Arc<cache::Cache>,
    /// What shapes every answer besides the request and the store, for ETags.
    salt: String,
    options: ServeOptions,
}

/// Serve the store in `dir` until the process is stopped.
pub fn serve(dir: &Path, options: ServeOptions) -> Result<()> {
    raise_descriptor_limit();
    let store = exec::StoreHolder::open(dir)?;
    let workers = options.workers.max(1);
    let running = Arc::new(exec::Running::default());
    let mut budget = options.cache_bytes;
    if let Some(limit) = options.max_memory {
        let half = usize::try_from(limit / 2).unwrap_or(usize::MAX);
        if budget > half {
            eprintln!(
                "newsgraph: --cache-mb {} is over half of --max-memory; the cache keeps {} MiB",
                budget >> 20,
                half >> 20
            );
            budget = half;
        }
    }
    let cache = Arc::new(cache::Cache::new(budget));
    if let Some(limit) = options.max_memory {
        exec::watch_memory(running.clone(), cache.clone(), limit);
    }
    let salt = format!(
        "newsgraph {} union={} max-rows={:?}",
        env!("CARGO_PKG_VERSION"),
        options.union_default_graph,
        options.max_rows
    );
    let app = Arc::new(App {
        store,
        pool: exec::Pool {
            workers: Arc::new(Semaphore::new(workers)),
            running,
            timeout: options.timeout,
        },
        cache,
        salt,
        options,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(workers + 2)
        .thread_name("newsgraph-serve")
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(accept_loop(app))
}

async fn accept_loop(app: Arc<App>) -> Result<()> {
    let bind = app.options.bind.clone();
    let listener = TcpListener::bind(&bind)
        .await
        .with_context(|| format!("{bind}: cannot listen"))?;
    let address: SocketAddr = listener.local_addr().context("no local address")?;
    eprintln!(
        "newsgraph: SPARQL endpoint on http://{address}/sparql (browser view: http://{address}/)"
    );
    let connections = Arc::new(Semaphore::new(app.options.max_connections.max(1)));
    let router = routes::router(app.clone());
    if app.options.warm && app.cache.enabled() {
        tokio::spawn(warm::warm(app.clone()));
    } else if app.options.warm {
        eprintln!("newsgraph: --warm does nothing with --cache-mb 0");
    }
    let mut last_error: Option<std::time::Instant> = None;
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of descriptors (or another transient failure): say so at
                // most once a second, wait a little, keep accepting.
                if last_error.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                    eprintln!("newsgraph: cannot accept a connection ({e}); retrying");
                    last_error = Some(std::time::Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let idle = app.options.idle_timeout;
        tokio::spawn(async move {
            let _permit = permit;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .max_buf_size(256 * 1024)
                .serve_connection(TokioIo::new(stream), service);
            // Client errors (resets, garbage, timeouts) end that connection only.
            let _ = connection.await;
        });
    }
}

/// Over the connection limit: a short 503 and close.
async fn refuse(mut stream: tokio::net::TcpStream) {
    let body = "too many connections; try again later\n";
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.write_all(answer.as_bytes())).await;
}

/// Let the process open as many descriptors as its hard limit allows (at
/// most 65,536), so hundreds of connections and the store's files fit.
#[cfg(unix)]
fn raise_descriptor_limit() {
    // SAFETY: getrlimit/setrlimit only read and write the struct given.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            let wanted = limit.rlim_max.min(65_536);
            if wanted > limit.rlim_cur {
                limit.rlim_cur = wanted;
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            }
        }
    }
}

#[cfg(not(unix))]
fn raise_descriptor_limit() {}
