//! Push: the store's named graphs to another triple store, through the SPARQL
//! 1.1 Graph Store HTTP Protocol, with basic, Digest ([`digest`]) or bearer
//! authentication. Reads the store (opened read-only by the
//! caller); writes only to the remote store: one `PUT URL?graph=IRI` per named
//! graph with the graph's triples as N-Triples, so that pushing again
//! replaces each graph instead of doubling it. Triples in the default graph
//! (after `load` of a triple format) go with `PUT URL?default`.
//!
//! A graph the remote store refuses (an HTTP status other than 2xx) or cannot
//! be reached for is reported in one line and the push goes on with the
//! next; the summary counts it as failed. After [`GIVE_UP_AFTER`] graphs in
//! a row that could not be sent at all (no connection, a timeout), the rest
//! are counted as failed without trying. `jobs` graphs are sent at the same
//! time, each on a connection of its own (a remote store's latency, not
//! newsgraph, is what a push waits on).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode};

use crate::store::GraphStore;
use crate::text::printable;

mod digest;

use digest::Challenge;

/// Graphs in a row that could not be sent (no answer at all) before the
/// push stops trying.
pub const GIVE_UP_AFTER: usize = 5;

/// How the remote store knows who pushes.
#[derive(Clone, Debug)]
pub enum Auth {
    /// HTTP basic authentication (`--user USER:PASS`), or Digest when the
    /// store asks for it.
    Basic { user: String, password: String },
    /// A bearer token (`--token T`).
    Bearer(String),
}

impl Auth {
    fn header(&self) -> String {
        match self {
            Auth::Basic { user, password } => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
            Auth::Bearer(token) => format!("Bearer {token}"),
        }
    }
}

pub struct PushOptions {
    /// The Graph Store Protocol endpoint, e.g. `http://localhost:7878/store`.
    pub to: String,
    pub auth: Option<Auth>,
    /// Only the article graphs written at or after this time (and the shared
    /// entities, events and counts graphs, which every ingest may change; the
    /// default graph, which the change log does not follow, is left out).
    pub since: Option<DateTime<Utc>>,
    /// Per request, connection and answer included.
    pub timeout: Duration,
    /// Graphs sent at the same time (connections).
    pub jobs: usize,
    pub progress: bool,
}

#[derive(Debug, Default, Clone)]
pub struct PushSummary {
    /// Graphs sent and accepted.
    pub graphs: usize,
    /// Their triples.
    pub quads: usize,
    /// Graphs refused or not sent.
    pub failed: usize,
    /// Article graphs left out by `since`.
    pub unchanged: usize,
    pub seconds: f64,
}

impl std::fmt::Display for PushSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} graphs pushed ({} quads, {} failed, {} unchanged) in {:.2} s",
            self.graphs, self.quads, self.failed, self.unchanged, self.seconds
        )
    }
}

/// Which graph a request replaces.
enum Target {
    Named(NamedNode),
    Default,
}

impl Target {
    fn shown(&self) -> String {
        match self {
            Target::Named(g) => g.to_string(),
            Target::Default => "the default graph".to_string(),
        }
    }
}

/// The graphs to send: the shared graphs first, then the article graphs
/// written since `since` (those of unknown time included); how many were
/// left out.
fn targets(store: &GraphStore, since: Option<DateTime<Utc>>) -> Result<(Vec<Target>, usize)> {
    let times = match since {
        Some(_) => store.change_times()?,
        None => Default::default(),
    };
    let mut shared = Vec::new();
    let mut articles = Vec::new();
    let mut unchanged = 0;
    for g in store.graph_names()? {
        let NamedOrBlankNode::NamedNode(g) = g else {
            bail!("{g}: a blank node names a graph; the Graph Store Protocol cannot address it");
        };
        if crate::store::shared_graph(g.as_str()) {
            shared.push(Target::Named(g));
        } else if since.is_some_and(|s| times.get(g.as_str()).is_some_and(|&t| t < s)) {
            unchanged += 1;
        } else {
            articles.push(Target::Named(g));
        }
    }
    shared.sort_by_key(Target::shown);
    articles.sort_by_key(Target::shown);
    let mut all = shared;
    if since.is_none()
        && store
            .quads(Some(GraphNameRef::DefaultGraph))
            .next()
            .is_some()
    {
        all.push(Target::Default);
    }
    all.extend(articles);
    Ok((all, unchanged))
}

/// A graph's triples as N-Triples, and how many.
fn ntriples(store: &GraphStore, target: &Target) -> Result<(Vec<u8>, usize)> {
    let graph = match target {
        Target::Named(g) => GraphName::NamedNode(g.clone()),
        Target::Default => GraphName::DefaultGraph,
    };
    let mut writer =
        oxigraph::io::RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut n = 0;
    for quad in store.quads(Some(graph.as_ref())) {
        writer.serialize_triple(quad?.as_ref())?;
        n += 1;
    }
    Ok((writer.finish()?, n))
}

/// What became of one request.
enum Sent {
    Ok,
    /// The store answered with an error status: the line to print.
    Refused(String),
    /// No answer: the line to print.
    Unreachable(String),
}

/// What is percent-encoded in a query value: all but RFC 3986's unreserved characters.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The request URL for a graph: `TO?graph=IRI` (`&` when TO has a query).
fn target_url(to: &str, target: &Target) -> String {
    let sep = if to.contains('?') { '&' } else { '?' };
    match target {
        Target::Named(g) => format!(
            "{to}{sep}graph={}",
            percent_encoding::utf8_percent_encode(g.as_str(), QUERY_VALUE)
        ),
        Target::Default => format!("{to}{sep}default"),
    }
}

/// The request target of a URL (its path and query), as Digest signs it.
fn request_target(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find(['/', '?']) {
        Some(i) if after_scheme[i..].starts_with('/') => after_scheme[i..].to_string(),
        Some(i) => format!("/{}", &after_scheme[i..]),
        None => "/".to_string(),
    }
}

/// The `Authorization` header of the next request: basic, bearer, or Digest
/// once the store has asked for it.
fn authorization(
    options: &PushOptions,
    digest: &Mutex<Option<Challenge>>,
    url: &str,
) -> Option<String> {
    let mut digest = digest.lock().unwrap_or_else(|e| e.into_inner());
    match (&options.auth, digest.as_mut()) {
        (Some(Auth::Basic { user, password }), Some(challenge)) => {
            Some(challenge.authorization(user, password, "PUT", &request_target(url)))
        }
        (auth, _) => auth.as_ref().map(Auth::header),
    }
}

fn send(
    agent: &ureq::Agent,
    options: &PushOptions,
    digest: &Mutex<Option<Challenge>>,
    target: &Target,
    body: &[u8],
) -> Sent {
    let url = target_url(&options.to, target);
    let put = |authorization: Option<String>| {
        let mut request = agent
            .put(&url)
            .header("Content-Type", "application/n-triples");
        if let Some(a) = authorization {
            request = request.header("Authorization", a);
        }
        request.send(body)
    };
    let mut answer = put(authorization(options, digest, &url));
    // A store that asks for Digest (Virtuoso): answer its challenge, once.
    if let (Ok(response), Some(Auth::Basic { .. })) = (&answer, &options.auth) {
        if response.status() == 401 {
            let challenge = Challenge::parse(
                response
                    .headers()
                    .get_all("www-authenticate")
                    .iter()
                    .filter_map(|v| v.to_str().ok()),
            );
            if let Some(challenge) = challenge {
                *digest.lock().unwrap_or_else(|e| e.into_inner()) = Some(challenge);
                answer = put(authorization(options, digest, &url));
            }
        }
    }
    match answer {
        Ok(mut response) if !response.status().is_success() => {
            let status = response.status();
            let text = response
                .body_mut()
                .with_config()
                .limit(64 << 10)
                .read_to_string()
                .unwrap_or_default();
            let first = text.lines().map(str::trim).find(|l| !l.is_empty());
            Sent::Refused(match first {
                Some(line) => format!("HTTP {status}: {}", printable(line)),
                None => format!("HTTP {status}"),
            })
        }
        Ok(_) => Sent::Ok,
        Err(e) => Sent::Unreachable(printable(&e.to_string())),
    }
}

/// What the jobs of a push share: the summary so far, the next graph to
/// send, the graphs in a row with no answer, the first error reading the store.
struct Progress {
    summary: PushSummary,
    next: usize,
    unreachable_in_a_row: usize,
    error: Option<anyhow::Error>,
}

/// One job: take the next graph and send it, until none is left, the store
/// cannot be read, or [`GIVE_UP_AFTER`] graphs in a row got no answer.
#[allow(clippy::too_many_arguments)]
fn push_some(
    store: &GraphStore,
    options: &PushOptions,
    agent: &ureq::Agent,
    digest: &Mutex<Option<Challenge>>,
    targets: &[Target],
    state: &Mutex<Progress>,
    bar: &ProgressBar,
    report: &(dyn Fn(&str) + Sync),
) {
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let target = {
            let mut s = lock();
            if s.error.is_some() || s.next >= targets.len() {
                return;
            }
            if s.unreachable_in_a_row >= GIVE_UP_AFTER {
                let left = targets.len() - s.next;
                s.next = targets.len();
                s.summary.failed += left;
                bar.suspend(|| {
                    report(&format!(
                        "{}: {GIVE_UP_AFTER} graphs in a row not sent; the other {left} not tried",
                        options.to
                    ))
                });
                return;
            }
            s.next += 1;
            &targets[s.next - 1]
        };
        let (body, n) = match ntriples(store, target).with_context(|| target.shown()) {
            Ok(read) => read,
            Err(e) => {
                lock().error.get_or_insert(e);
                return;
            }
        };
        bar.set_message(target.shown());
        let sent = send(agent, options, digest, target, &body);
        let mut s = lock();
        match sent {
            Sent::Ok => {
                s.unreachable_in_a_row = 0;
                s.summary.graphs += 1;
                s.summary.quads += n;
            }
            Sent::Refused(line) => {
                s.unreachable_in_a_row = 0;
                s.summary.failed += 1;
                bar.suspend(|| report(&format!("{}: {line}", target.shown())));
            }
            Sent::Unreachable(line) => {
                s.unreachable_in_a_row += 1;
                s.summary.failed += 1;
                bar.suspend(|| report(&format!("{}: not sent: {line}", target.shown())));
            }
        }
        bar.inc(1);
    }
}

/// Send the store's graphs to `options.to`; each problem is handed to
/// `report` as one line. An error is returned only when the store cannot be
/// read or the options are wrong; refused graphs are counted in the summary.
pub fn push(
    store: &GraphStore,
    options: &PushOptions,
    report: &(dyn Fn(&str) + Sync),
) -> Result<PushSummary> {
    let started = Instant::now();
    if !(options.to.starts_with("http://") || options.to.starts_with("https://")) {
        bail!("--to {}: give an http:// or https:// URL", options.to);
    }
    let (targets, unchanged) = targets(store, options.since)?;
    let summary = PushSummary {
        unchanged,
        ..PushSummary::default()
    };
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(options.timeout))
        .user_agent(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let bar = if options.progress && targets.len() > 1 {
        let bar = ProgressBar::new(targets.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} graphs {elapsed_precise} (eta {eta}) {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let state = Mutex::new(Progress {
        summary,
        next: 0,
        unreachable_in_a_row: 0,
        error: None,
    });
    let digest = Mutex::new(None);
    let jobs = options.jobs.clamp(1, targets.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                push_some(
                    store, options, &agent, &digest, &targets, &state, &bar, report,
                )
            });
        }
    });
    let state = state.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = state.error {
        return Err(e);
    }
    let mut summary = state.summary;
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// A `--since` value: `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time.
pub fn parse_since(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| format!("{s:?}: give a date YYYY-MM-DD or a time 2024-05-01T12:00:00Z"))
}

/// A `--user` value: `USER:PASS`.
pub fn parse_user(s: &str) -> Result<Auth, String> {
    match s.split_once(':') {
        Some((user, password)) if !user.is_empty() => Ok(Auth::Basic {
            user: user.to_string(),
            password: password.to_string(),
        }),
        _ => Err("give USER:PASS".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_are_addressed_in_the_query() {
        let g = Target::Named(NamedNode::new_unchecked("https://w3id.org/a b#c?d=é"));
        let url = target_url("http://h:7878/store", &g);
        assert_eq!(
            url,
            "http://h:7878/store?graph=https%3A%2F%2Fw3id.org%2Fa%20b%23c%3Fd%3D%C3%A9"
        );
        assert_eq!(
            target_url("http://h/x?user=1", &Target::Default),
            "http://h/x?user=1&default"
        );
        assert_eq!(
            request_target(&url),
            "/store?graph=https%3A%2F%2Fw3id.org%2Fa%20b%23c%3Fd%3D%C3%A9"
        );
        assert_eq!(request_target("http://h:1?graph=a"), "/?graph=a");
    }

    #[test]
    fn since_takes_dates_and_times() {
        assert_eq!(
            parse_since("2024-05-01").unwrap().to_rfc3339(),
            "2024-05-01T00:00:00+00:00"
        );
        assert_eq!(
            parse_since("2024-05-01T14:00:00+02:00")
                .unwrap()
                .to_rfc3339(),
            "2024-05-01T12:00:00+00:00"
        );
        assert!(parse_since("yesterday").is_err());
        assert!(parse_user("nobody").is_err());
        // The password may hold colons.
        assert_eq!(
            parse_user("dba:dba:x").unwrap().header(),
            "Basic ZGJhOmRiYTp4"
        );
        assert_eq!(Auth::Bearer("t0k".into()).header(), "Bearer t0k");
    }
}
