//! Running a query or a graph read: on a bounded pool of blocking workers,
//! under a deadline and a cancellation token, the answer buffered up to
//! [`CHUNK`] bytes (so a small answer or an early error gets a proper status)
//! and streamed beyond it through a bounded channel (so memory stays bounded
//! whatever the answer's size). The store is reopened when `ingest` changed it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError};
use oxigraph::store::Store;
use tokio::sync::{mpsc, Semaphore};

use super::cache::{self, Cache};
use super::protocol::HttpError;

/// Bytes buffered before the headers go out; beyond, the answer streams.
pub const CHUNK: usize = 64 * 1024;

/// Why a running job was cancelled.
pub const TIMEOUT: u8 = 1;
pub const MEMORY: u8 = 2;

/// The store, reopened (read-only) when its files changed, so answers follow
/// `newsgraph ingest` without a restart.
pub struct StoreHolder {
    dir: PathBuf,
    state: Mutex<(Version, Store, Instant)>,
}

/// Which version of the store is open: its files' fingerprint (the same
/// files give the same one across restarts) and a count of the reopenings
/// (it only grows while the server runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    pub fingerprint: u64,
    pub generation: u64,
}

/// How often at most the store's files are compared with the open version.
const RECHECK: Duration = Duration::from_millis(200);

impl StoreHolder {
    pub fn open(dir: &Path) -> anyhow::Result<StoreHolder> {
        let fingerprint = crate::store::version::fingerprint(dir);
        let store = open_store(dir)?;
        let version = Version {
            fingerprint,
            generation: 0,
        };
        Ok(StoreHolder {
            dir: dir.to_path_buf(),
            state: Mutex::new((version, store, Instant::now())),
        })
    }

    /// The current version of the store.
    pub fn current(&self) -> Store {
        self.versioned().1
    }

    /// The current version of the store and which it is. The fingerprint is
    /// taken before the store is opened, so the store holds at least what it
    /// names: an answer is never newer under a version than it can be.
    pub fn versioned(&self) -> (Version, Store) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.2.elapsed() >= RECHECK {
            state.2 = Instant::now();
            let now = crate::store::version::fingerprint(&self.dir);
            if now != state.0.fingerprint {
                let started = Instant::now();
                match open_store(&self.dir) {
                    Ok(store) => {
                        state.0 = Version {
                            fingerprint: now,
                            generation: state.0.generation + 1,
                        };
                        state.1 = store;
                        eprintln!(
                            "newsgraph: the store changed; reopened in {} ms",
                            started.elapsed().as_millis()
                        );
                    }
                    Err(e) => eprintln!("newsgraph: the store changed but cannot be reopened yet ({e:#}); answering from the previous version"),
                }
            }
        }
        (state.0, state.1.clone())
    }
}

/// Open the store read-only as every reader does: waiting for a store another
/// process is creating, with the same one-line errors.
fn open_store(dir: &Path) -> anyhow::Result<Store> {
    crate::store::GraphStore::open_read_only(dir).map(crate::store::GraphStore::into_store)
}

struct Job {
    id: u64,
    started: Instant,
    token: CancellationToken,
    reason: Arc<AtomicU8>,
}

/// What runs now, for the memory watchdog; a job leaves it when its guard drops.
#[derive(Default)]
pub struct Running {
    jobs: Mutex<Vec<Job>>,
    next: AtomicU64,
}

pub struct JobGuard {
    running: Arc<Running>,
    id: u64,
}

impl Drop for JobGuard {
    fn drop(&mut self) {
        let mut jobs = self.running.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.retain(|j| j.id != self.id);
    }
}

impl Running {
    fn register(self: &Arc<Self>, token: CancellationToken, reason: Arc<AtomicU8>) -> JobGuard {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.push(Job {
            id,
            started: Instant::now(),
            token,
            reason,
        });
        JobGuard {
            running: self.clone(),
            id,
        }
    }

    /// Cancel the oldest job running for a second or more; false if there is none.
    fn cancel_oldest(&self) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let oldest = jobs
            .iter()
            .filter(|j| {
                j.reason.load(Ordering::Relaxed) == 0
                    && j.started.elapsed() >= Duration::from_secs(1)
            })
            .min_by_key(|j| j.started);
        if let Some(job) = oldest {
            job.reason.store(MEMORY, Ordering::Relaxed);
            job.token.cancel();
            true
        } else {
            false
        }
    }
}

/// Resident memory of this process in bytes (Linux; None elsewhere).
pub fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * page_size())
}

#[cfg(unix)]
fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).unwrap_or(4096)
}

#[cfg(not(unix))]
fn page_size() -> u64 {
    4096
}

/// Give freed memory back to the system (glibc keeps it otherwise), so
/// the watchdog measures what is in use; false: memory may have dropped.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() -> bool {
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe { libc::malloc_trim(0) };
    false
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() -> bool {
    true
}

/// Watch the process's memory; over `limit` bytes, empty the result cache
/// first, then cancel the oldest running job (one per second at most, so the
/// memory it held can go back).
pub fn watch_memory(running: Arc<Running>, cache: Arc<Cache>, limit: u64) {
    if resident_bytes().is_none() {
        eprintln!(
            "newsgraph: cannot read this process's memory here; --max-memory is not enforced"
        );
        return;
    }
    let over = move |limit: u64| resident_bytes().is_some_and(|rss| rss > limit);
    std::thread::Builder::new()
        .name("memory watchdog".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_millis(100));
            if over(limit) && cache.used() > 0 {
                let freed = cache.clear();
                trim();
                eprintln!(
                    "newsgraph: memory over {} MiB: the result cache was emptied ({} KiB)",
                    limit >> 20,
                    freed >> 10
                );
            }
            if over(limit.saturating_mul(2)) {
                // A query between two cancellation checks can still allocate
                // (a cross product of three patterns); rather than let the
                // system kill the machine's other work, stop here clearly.
                eprintln!(
                    "newsgraph: memory over twice --max-memory ({} MiB) even after stopping queries; exiting so a supervisor can restart the endpoint",
                    limit >> 20
                );
                std::process::exit(3);
            }
            if over(limit) && (trim() || over(limit)) && running.cancel_oldest() {
                eprintln!(
                    "newsgraph: memory over {} MiB: the oldest running query was stopped",
                    limit >> 20
                );
                std::thread::sleep(Duration::from_secs(1));
            }
        })
        .map(|_| ())
        .unwrap_or_else(|e| eprintln!("newsgraph: no memory watchdog: {e}"));
}

/// What a job sends to the answer: bytes as they come, then the end or an error.
enum Event {
    Chunk(Bytes),
    /// The last bytes, the headers, and whether the job ran to its end
    /// uncancelled (only such an answer is kept in the cache).
    Done(Bytes, Vec<(&'static str, String)>, bool),
    Fail(HttpError),
}

/// Where a complete answer goes besides the client: the result cache, under
/// the request's key and the store's generation it was computed on.
pub struct Fill {
    pub cache: Arc<Cache>,
    pub generation: u64,
    pub key: cache::Key,
}

/// The bytes of an answer gathered while it streams, for [`Fill`]; given up
/// (None) once over the largest answer the cache keeps.
struct Gather {
    fill: Fill,
    parts: Option<Vec<Bytes>>,
    len: usize,
}

impl Gather {
    fn new(fill: Option<Fill>) -> Option<Gather> {
        fill.filter(|f| f.cache.enabled()).map(|fill| Gather {
            fill,
            parts: Some(Vec::new()),
            len: 0,
        })
    }

    fn push(&mut self, bytes: &Bytes) {
        self.len += bytes.len();
        if self.len > self.fill.cache.max_entry() {
            self.parts = None;
        }
        if let Some(parts) = &mut self.parts {
            parts.push(bytes.clone());
        }
    }

    /// The answer ended well: keep it.
    fn finish(self, content_type: &'static str, headers: Vec<(&'static str, String)>) {
        let Some(parts) = self.parts else { return };
        let body = if parts.len() == 1 {
            parts.into_iter().next().unwrap_or_default()
        } else {
            Bytes::from(parts.concat())
        };
        let answer = cache::Answer {
            body,
            content_type,
            headers,
        };
        self.fill
            .cache
            .put(self.fill.generation, self.fill.key, answer);
    }
}

/// Where a job writes its answer: buffered, sent in chunks of [`CHUNK`].
pub struct Sink {
    buf: Vec<u8>,
    tx: mpsc::Sender<Event>,
    pub token: CancellationToken,
    reason: Arc<AtomicU8>,
    /// Extra headers for the answer, if it is still buffered when it ends.
    pub headers: Vec<(&'static str, String)>,
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx
                .blocking_send(Event::Chunk(chunk))
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    /// What maps this job's errors to statuses, to use while the sink is borrowed.
    pub fn errors(&self, timeout: Duration) -> Errors {
        Errors {
            token: self.token.clone(),
            reason: self.reason.clone(),
            timeout,
        }
    }
}

/// Maps a job's errors to statuses: cancelled by the deadline or the memory
/// watchdog, a store failure, a query failure, the client leaving.
pub struct Errors {
    token: CancellationToken,
    reason: Arc<AtomicU8>,
    timeout: Duration,
}

impl Errors {
    pub fn cancelled(&self) -> HttpError {
        if self.reason.load(Ordering::Relaxed) == MEMORY {
            HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "query stopped: the server's memory went over its limit (--max-memory); narrow the query",
            )
        } else {
            timed_out(self.timeout)
        }
    }

    pub fn eval(&self, e: QueryEvaluationError) -> HttpError {
        match e {
            QueryEvaluationError::Cancelled => self.cancelled(),
            QueryEvaluationError::Dataset(e) => HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read the store: {e}"),
            ),
            e => HttpError::bad_request(format!("query failed: {e}")),
        }
    }

    pub fn io(&self, e: io::Error) -> HttpError {
        if self.token.is_cancelled() {
            return self.cancelled();
        }
        HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the answer: {e}"),
        )
    }
}

pub fn timed_out(timeout: Duration) -> HttpError {
    HttpError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "query timeout: stopped after {} s (--timeout); narrow the query or ask the operator for a longer limit",
            timeout.as_secs_f32()
        ),
    )
}

/// The shared parts a job needs.
pub struct Pool {
    pub workers: Arc<Semaphore>,
    pub running: Arc<Running>,
    pub timeout: Duration,
}

/// Aborts the deadline timer when the answer is over (or dropped).
struct TimerGuard(tokio::task::AbortHandle);

impl Drop for TimerGuard {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Run `job` on a worker under the deadline and answer with what it writes,
/// as `content_type`; a complete answer also goes to `fill`'s cache.
pub async fn run<F>(pool: &Pool, content_type: &'static str, fill: Option<Fill>, job: F) -> Response
where
    F: FnOnce(&mut Sink) -> Result<(), HttpError> + Send + 'static,
{
    let timeout = pool.timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let permit = match tokio::time::timeout_at(deadline, pool.workers.clone().acquire_owned()).await
    {
        Ok(Ok(permit)) => permit,
        _ => {
            return HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "server busy: every worker stayed taken for {} s; try again later",
                    timeout.as_secs_f32()
                ),
            )
            .into_response()
        }
    };
    let (tx, mut rx) = mpsc::channel(4);
    let token = CancellationToken::new();
    let reason = Arc::new(AtomicU8::new(0));
    let guard = pool.running.register(token.clone(), reason.clone());
    let timer = {
        let (token, reason) = (token.clone(), reason.clone());
        tokio::spawn(async move {
            tokio::time::sleep_until(deadline).await;
            let _ = reason.compare_exchange(0, TIMEOUT, Ordering::Relaxed, Ordering::Relaxed);
            token.cancel();
        })
    };
    let timer = TimerGuard(timer.abort_handle());
    let mut sink = Sink {
        buf: Vec::new(),
        tx: tx.clone(),
        token,
        reason,
        headers: Vec::new(),
    };
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let _guard = guard;
        let event = match job(&mut sink) {
            Ok(()) => Event::Done(
                Bytes::from(std::mem::take(&mut sink.buf)),
                sink.headers,
                !sink.token.is_cancelled(),
            ),
            Err(e) => Event::Fail(e),
        };
        let _ = tx.blocking_send(event);
    });
    // A little grace beyond the deadline for the job to notice its cancellation.
    let first = tokio::time::timeout_at(deadline + Duration::from_millis(500), rx.recv()).await;
    let first = match first {
        Err(_) => return timed_out(timeout).into_response(),
        Ok(None) => {
            return HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "the query worker failed")
                .into_response()
        }
        Ok(Some(event)) => event,
    };
    let mut response = match first {
        Event::Fail(e) => return e.into_response(),
        Event::Done(bytes, headers, complete) => {
            if let (Some(mut gather), true) = (Gather::new(fill), complete) {
                gather.push(&bytes);
                gather.finish(content_type, headers.clone());
            }
            let mut response = Response::new(Body::from(bytes));
            for (name, value) in headers {
                if let Ok(value) = HeaderValue::from_str(&value) {
                    response.headers_mut().insert(name, value);
                }
            }
            response
        }
        Event::Chunk(bytes) => {
            let mut gather = Gather::new(fill);
            if let Some(g) = &mut gather {
                g.push(&bytes);
            }
            let state = (Some(bytes), Some(rx), timer, gather);
            let stream = futures_util::stream::unfold(
                state,
                move |(first, rx, timer, mut gather)| async move {
                    if let Some(b) = first {
                        return Some((Ok(b), (None, rx, timer, gather)));
                    }
                    let mut rx = rx?;
                    tokio::select! {
                        event = rx.recv() => match event? {
                            Event::Chunk(b) => {
                                if let Some(g) = &mut gather {
                                    g.push(&b);
                                }
                                Some((Ok(b), (None, Some(rx), timer, gather)))
                            }
                            Event::Done(b, headers, complete) => {
                                if let (Some(mut g), true) = (gather.take(), complete) {
                                    g.push(&b);
                                    g.finish(content_type, headers);
                                }
                                Some((Ok(b), (None, Some(rx), timer, None)))
                            }
                            Event::Fail(e) => {
                                eprintln!("newsgraph: answer cut short: {}", e.message);
                                Some((Err(io::Error::other(e.message)), (None, None, timer, None)))
                            }
                        },
                        _ = tokio::time::sleep_until(deadline) => {
                            eprintln!("newsgraph: answer cut short: the --timeout passed while streaming");
                            Some((Err(io::Error::other("timeout")), (None, None, timer, None)))
                        }
                    }
                },
            );
            Response::new(Body::from_stream(stream))
        }
    };
    *response.status_mut() = StatusCode::OK;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
