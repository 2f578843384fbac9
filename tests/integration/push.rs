//! `newsgraph push` to a real Graph Store Protocol endpoint: oxigraph's own
//! server (the `oxigraph` command of the PyPI package `oxigraph`, installed in
//! `.venv-eval` by `.ci/setup`), started on a free loopback port. Also a small
//! refusing server on a raw socket, for authentication and HTTP errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad};

use crate::util::*;

/// The `oxigraph` server command: `.venv-eval`'s, else one on PATH. None (a
/// skip, said on stderr) outside CI; a failure in CI.
fn oxigraph_command() -> Option<PathBuf> {
    let venv = repo().join(".venv-eval/bin/oxigraph");
    for candidate in [venv, PathBuf::from("oxigraph")] {
        let runs = Command::new(&candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if runs {
            return Some(candidate);
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs the oxigraph server (pip install oxigraph; run .ci/setup)"
    );
    eprintln!("skipped: no oxigraph server command (pip install oxigraph)");
    None
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// oxigraph's server on a temporary location, stopped when dropped.
struct Oxigraph {
    child: Child,
    base: String,
}

impl Oxigraph {
    fn start(command: &Path, dir: &Path) -> Oxigraph {
        let port = free_port();
        let child = Command::new(command)
            .args(["serve", "--location"])
            .arg(dir.join("remote"))
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start oxigraph");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "oxigraph did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Oxigraph {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// One graph, read back through the Graph Store Protocol, as sorted N-Quads lines.
    fn graph(&self, graph: &str) -> Vec<String> {
        let mut response = ureq::get(format!("{}/store", self.base))
            .query("graph", graph)
            .header("Accept", "application/n-triples")
            .call()
            .expect("GET the graph");
        let body = response.body_mut().read_to_vec().unwrap();
        let g = NamedNode::new(graph).unwrap();
        RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(&body)
            .map(|q| {
                let q = q.unwrap();
                Quad::new(q.subject, q.predicate, q.object, g.clone()).to_string() + " ."
            })
            .collect()
    }

    /// How many quads the named graphs hold.
    fn count(&self) -> u64 {
        let mut response = ureq::get(format!("{}/query", self.base))
            .query(
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            )
            .header("Accept", "text/csv")
            .call()
            .expect("count");
        let body = response.body_mut().read_to_string().unwrap();
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// The local store's quads, as oxigraph writes them (one N-Quads line each).
fn local_quads(dir: &Path) -> Vec<String> {
    let mut quads: Vec<String> = sorted_quads(dir, "db")
        .iter()
        .map(|l| {
            let q = RdfParser::from_format(RdfFormat::NQuads)
                .for_slice(l.as_bytes())
                .next()
                .unwrap()
                .unwrap();
            q.to_string() + " ."
        })
        .collect();
    quads.sort();
    quads
}

/// The named graphs of the local store.
fn local_graphs(dir: &Path) -> Vec<String> {
    tsv_rows(dir, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        .iter()
        .map(|l| l.trim_matches(['<', '>']).to_string())
        .collect()
}

fn push(dir: &Path, to: &str, extra: &[&str]) -> Command {
    let mut cmd = newsgraph(dir);
    cmd.args(["push", "--store", "db", "--to", to]).args(extra);
    cmd
}

/// The change log and every quad: what must not move when a push fails.
fn local_state(dir: &Path) -> (Vec<String>, String) {
    (
        local_quads(dir),
        std::fs::read_to_string(dir.join("db/newsgraph-changes.tsv")).unwrap(),
    )
}

#[test]
fn push_to_oxigraph_then_fetch_back_every_graph() {
    let Some(command) = oxigraph_command() else {
        return;
    };
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Oxigraph::start(&command, dir.path());
    let to = format!("{}/store", server.base);
    let summary = ok_stderr(&mut push(dir.path(), &to, &[]));
    let local = local_quads(dir.path());
    let graphs = local_graphs(dir.path());
    assert!(graphs.len() > 2, "articles and shared graphs: {graphs:?}");
    assert!(
        summary.contains(&format!(
            "{} graphs pushed ({} quads, 0 failed",
            graphs.len(),
            local.len()
        )),
        "{summary}"
    );
    let mut remote: Vec<String> = graphs.iter().flat_map(|g| server.graph(g)).collect();
    remote.sort();
    assert_eq!(remote, local, "the remote store holds the local quads");
    // Pushing again replaces each graph: nothing doubles.
    let before = local_state(dir.path());
    ok_stderr(&mut push(dir.path(), &to, &["--quiet"]));
    assert_eq!(server.count(), local.len() as u64);
    assert_eq!(
        local_state(dir.path()),
        before,
        "push changes nothing local"
    );
    // Triples loaded into the default graph go with `?default`.
    std::fs::write(
        dir.path().join("extra.ttl"),
        "<https://example.org/a> <https://example.org/says> \"bonjour\"@fr .\n",
    )
    .unwrap();
    ok_stderr(newsgraph(dir.path()).args(["load", "--store", "db", "extra.ttl"]));
    let summary = ok_stderr(&mut push(dir.path(), &to, &[]));
    assert!(
        summary.contains(&format!("{} graphs pushed", graphs.len() + 1)),
        "{summary}"
    );
    let mut response = ureq::get(format!("{}/store?default", server.base))
        .header("Accept", "application/n-triples")
        .call()
        .unwrap();
    assert_eq!(
        response.body_mut().read_to_string().unwrap().trim(),
        "<https://example.org/a> <https://example.org/says> \"bonjour\"@fr ."
    );
}

#[test]
fn push_since_sends_only_what_changed() {
    let Some(command) = oxigraph_command() else {
        return;
    };
    let dir = tempdir();
    ingest_seeds(dir.path());
    // All but the shared graphs: entities, happenings, counts.
    let articles = local_graphs(dir.path()).len() - 3;
    // Change times are kept to the second.
    std::thread::sleep(Duration::from_millis(1100));
    let since = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let later = &article_files()[article_files().len() - 1];
    ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--store", "db"])
            .arg(later),
    );
    let server = Oxigraph::start(&command, dir.path());
    let to = format!("{}/store", server.base);
    let summary = ok_stderr(&mut push(dir.path(), &to, &["--since", &since]));
    // The entities, happenings and counts graphs, and the one new article.
    assert!(
        summary.contains("4 graphs pushed") && summary.contains(&format!("{articles} unchanged")),
        "{summary}"
    );
    let summary = ok_stderr(&mut push(dir.path(), &to, &["--since", "2999-01-01"]));
    assert!(summary.contains("3 graphs pushed"), "{summary}");
}

/// A store that answers every request with 401 and a two-line body, and
/// keeps the head of each request it received.
fn refusing_server() -> (String, std::sync::mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/store", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).ok();
            let answer = "Login required\nsecond line";
            let _ = write!(
                stream,
                "HTTP/1.1 401 Unauthorized\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            if tx.send(head).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

#[test]
fn refused_and_unreachable_stores_are_one_line_per_graph() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let graphs = local_graphs(dir.path()).len();
    let before = local_state(dir.path());
    let (url, heads) = refusing_server();
    let out = fails(&mut push(dir.path(), &url, &["--user", "dba:dba"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let refused: Vec<&str> = stderr
        .lines()
        .filter(|l| l.ends_with(": HTTP 401 Unauthorized: Login required"))
        .collect();
    assert_eq!(refused.len(), graphs, "{stderr}");
    assert!(
        stderr.lines().all(|l| l.starts_with("newsgraph: ")),
        "{stderr}"
    );
    let head = heads.recv().unwrap();
    assert!(
        head.starts_with("PUT /store?graph=https%3A%2F%2Fw3id.org%2Fnewsgraph%2F"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\nauthorization: basic zgjhomriyq==\r\n"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/n-triples"),
        "{head}"
    );
    // A bearer token instead.
    fails(&mut push(
        dir.path(),
        &url,
        &["--token", "s3cret", "--quiet"],
    ));
    // The first request of this push: the first push left graphs - 1 unread.
    let head = heads.iter().nth(graphs - 1).unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("authorization: bearer s3cret"),
        "{head}"
    );
    // A closed port: one line per graph tried, then it gives up; exit non-zero.
    let closed = format!("http://127.0.0.1:{}/store", free_port());
    let out = fails(&mut push(dir.path(), &closed, &[]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .filter(|l| l.contains(": not sent: "))
            .count()
            >= 1,
        "{stderr}"
    );
    assert!(
        stderr.lines().all(|l| l.starts_with("newsgraph: ")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{graphs} of {graphs} graphs not pushed")),
        "{stderr}"
    );
    assert_eq!(local_state(dir.path()), before, "nothing local changed");
}

/// A store that asks for HTTP Digest (as Virtuoso's /sparql-graph-crud-auth
/// does) with user dba, password dba, and checks each answer to its
/// challenge; what it saw of each request: (answered with Digest, accepted).
fn digest_server() -> (String, std::sync::mpsc::Receiver<(bool, bool)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/sparql-graph-crud-auth",
        listener.local_addr().unwrap()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let md5 = |t: &str| {
        <md5::Md5 as md5::Digest>::digest(t.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let param = regex::Regex::new(r#"(\w+)=(?:"([^"]*)"|([^,\s]+))"#).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut target, mut digest, mut length) = (String::new(), None, 0);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if target.is_empty() {
                    target = line.split(' ').nth(1).unwrap_or("").to_string();
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("authorization: digest ") {
                    digest = Some(line["authorization: digest ".len()..].trim().to_string());
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).ok();
            let accepted = digest.as_ref().is_some_and(|d| {
                let get = |name: &str| {
                    param
                        .captures_iter(d)
                        .find(|c| &c[1] == name)
                        .and_then(|c| c.get(2).or(c.get(3)))
                        .map_or(String::new(), |m| m.as_str().to_string())
                };
                let ha1 = md5("dba:SPARQL:dba");
                let ha2 = md5(&format!("PUT:{}", get("uri")));
                let expected = md5(&format!(
                    "{ha1}:n0nce:{}:{}:auth:{ha2}",
                    get("nc"),
                    get("cnonce")
                ));
                get("uri") == target && get("response") == expected && get("opaque") == "op"
            });
            let _ = if accepted {
                write!(
                    stream,
                    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            } else {
                write!(
                    stream,
                    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"SPARQL\", nonce=\"n0nce\", qop=\"auth\", opaque=\"op\", algorithm=\"MD5\"\r\nContent-Length: 12\r\nConnection: close\r\n\r\nUnauthorized"
                )
            };
            if tx.send((digest.is_some(), accepted)).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

#[test]
fn a_store_that_asks_for_digest_gets_it() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let graphs = local_graphs(dir.path()).len();
    let (url, seen) = digest_server();
    // One job: the order of requests is then known.
    let summary = ok_stderr(&mut push(
        dir.path(),
        &url,
        &["--user", "dba:dba", "--jobs", "1"],
    ));
    assert!(
        summary.contains(&format!("{graphs} graphs pushed")),
        "{summary}"
    );
    let requests: Vec<(bool, bool)> = seen.iter().take(graphs + 1).collect();
    // Asked once; every graph then sent once, answered.
    assert_eq!(requests[0], (false, false));
    assert!(
        requests[1..].iter().all(|&r| r == (true, true)),
        "{requests:?}"
    );
    // A wrong password: refused, one line per graph.
    let out = fails(&mut push(dir.path(), &url, &["--user", "dba:nope"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("HTTP 401 Unauthorized"))
            .count(),
        graphs,
        "{stderr}"
    );
}
