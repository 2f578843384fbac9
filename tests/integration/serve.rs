//! The SPARQL endpoint, driven by real clients: curl, raw sockets, and
//! rdflib / SPARQLWrapper from `.venv-eval` when it is there.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

pub(crate) const CONSULT_COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v a <https://w3id.org/newsgraph/ontology#Consult> } }";
const ENTITIES: &str = "https://w3id.org/newsgraph/graph/entities";
/// Every pair of quads, each hashed: far more work than a short timeout allows.
pub(crate) const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?a ?b ?c } FILTER(SHA512(CONCAT(STR(?o), STR(?c))) = \"x\") }";
/// Three patterns with no variable in common: refused before it runs.
const CROSS3: &str = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?a ?b ?c } GRAPH ?i { ?d ?e ?f } } ORDER BY ?o";

/// A running `newsgraph serve` on a free port, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) url: String,
    port: u16,
    /// What the server wrote on stderr after its first line.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    pub(crate) fn start(dir: &Path, extra: &[&str]) -> Server {
        let mut cmd = newsgraph(dir);
        cmd.args(["serve", "--store", "db", "--bind", "127.0.0.1:0"])
            .args(extra);
        Server::spawn(cmd)
    }

    fn spawn(mut cmd: Command) -> Server {
        let mut child = cmd.stderr(Stdio::piped()).spawn().expect("start serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        // Keep reading stderr so the server never blocks on a full pipe.
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .trim_end_matches("/sparql")
            .parse()
            .unwrap();
        Server {
            child,
            url,
            port,
            log,
        }
    }

    /// Wait up to `limit` for a line of the server's stderr holding `text`.
    pub(crate) fn wait_for_log(&self, text: &str, limit: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if self.log.lock().unwrap().iter().any(|l| l.contains(text)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    pub(crate) fn base(&self) -> String {
        self.url.trim_end_matches("/sparql").to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// `curl -s -i` with the given arguments: status code, headers and body as text.
pub(crate) fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-s", "-i", "-m", "30"])
        .args(args)
        .output()
        .expect("curl");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .map(|(h, b)| (h.to_string(), b.to_string()))
        .unwrap_or((text.clone(), String::new()));
    // An interim 100 Continue comes before the real answer.
    let (head, body) = if head.starts_with("HTTP/1.1 100") {
        body.split_once("\r\n\r\n")
            .map(|(h, b)| (h.to_string(), b.to_string()))
            .unwrap_or_default()
    } else {
        (head, body)
    };
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body)
}

/// GET the endpoint with `query` (URL-encoded by curl) and an Accept header.
pub(crate) fn get(
    server: &Server,
    query: &str,
    accept: &str,
    extra: &[&str],
) -> (u16, String, String) {
    let q = format!("query={query}");
    let a = format!("Accept: {accept}");
    let mut args = vec!["-G", "--data-urlencode", &q, "-H", &a];
    args.extend_from_slice(extra);
    args.push(&server.url);
    curl(&args)
}

pub(crate) fn csv_number(body: &str) -> u64 {
    body.lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no number in {body}"))
}

#[test]
fn endpoint_answers_select_in_json_and_csv() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let (status, head, json) = get(
        &server,
        CONSULT_COUNT,
        "application/sparql-results+json",
        &[],
    );
    assert_eq!(status, 200, "{head}{json}");
    assert!(head.contains("content-type: application/sparql-results+json"));
    assert!(json.contains("\"bindings\""), "{json}");
    let (_, _, csv) = get(&server, CONSULT_COUNT, "text/csv", &[]);
    assert!(csv_number(&csv) > 0, "{csv}");
    // POST as application/sparql-query and as a form give the same answer.
    let (status, _, posted) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/csv",
        "--data-binary",
        CONSULT_COUNT,
        &server.url,
    ]);
    assert_eq!((status, posted.clone()), (200, csv.clone()));
    let form = format!("query={CONSULT_COUNT}");
    let (_, _, form_answer) = curl(&[
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &form,
        &server.url,
    ]);
    assert_eq!(form_answer, csv);
    // Predeclared prefixes.
    let (status, _, body) = get(&server, "ASK { GRAPH ?g { ?v a ng:Consult } }", "*/*", &[]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("true"), "{body}");
}

#[test]
fn negotiation_follows_q_values_and_the_parsed_query_form() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let (status, head, body) = get(
        &server,
        CONSULT_COUNT,
        "application/sparql-results+xml;q=0.9, text/csv;q=0.1",
        &[],
    );
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/sparql-results+xml"),
        "{head}"
    );
    assert!(body.contains("<sparql"), "{body}");
    // Jena's default Accept for SELECT.
    let (_, head, _) = get(
        &server,
        CONSULT_COUNT,
        "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1",
        &[],
    );
    assert!(head.contains("application/sparql-results+json"), "{head}");
    // The form comes from the parse, not from words in the text.
    let (status, head, body) = get(
        &server,
        "SELECT ?x WHERE { BIND(\"describe\" AS ?x) }",
        "text/turtle;q=0.5, application/sparql-results+json",
        &[],
    );
    assert_eq!(status, 200);
    assert!(head.contains("application/sparql-results+json"), "{head}");
    assert!(body.contains("\"describe\""), "{body}");
    // format= overrides Accept; an unknown type is 406; HEAD has no body.
    let (_, head, _) = get(
        &server,
        CONSULT_COUNT,
        "text/csv",
        &["--data-urlencode", "format=tsv"],
    );
    assert!(head.contains("text/tab-separated-values"), "{head}");
    let (status, _, body) = get(&server, CONSULT_COUNT, "image/png", &[]);
    assert_eq!(status, 406, "{body}");
    let (status, head, body) = get(&server, CONSULT_COUNT, "text/csv", &["-I"]);
    assert_eq!(status, 200);
    assert!(head.contains("text/csv") && body.is_empty(), "{head}{body}");
    // CONSTRUCT as N-Triples.
    let construct =
        format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }} LIMIT 5");
    let (status, head, body) = get(&server, &construct, "application/n-triples", &[]);
    assert_eq!(status, 200);
    assert!(head.contains("application/n-triples"), "{head}");
    assert_eq!(body.lines().count(), 5, "{body}");
    // No CORS unless asked for.
    assert!(!head.contains("access-control-allow-origin"));
}

#[test]
fn describe_datasets_service_description_and_graph_store() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &["--cors"]);
    let entity = "<https://w3id.org/newsgraph/entity/baku>";
    let describe = format!("DESCRIBE {entity}");
    // The store's own default graph is empty: DESCRIBE needs a dataset.
    let dgu = format!("default-graph-uri={ENTITIES}");
    let (status, head, body) = get(
        &server,
        &describe,
        "text/turtle",
        &["--data-urlencode", &dgu],
    );
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    assert!(body.contains("Bakou") || body.contains("Baku"), "{body}");
    let (_, _, body) = get(
        &server,
        &describe,
        "text/turtle",
        &["--data-urlencode", "union-default-graph"],
    );
    assert!(body.contains("rdfs:label"), "{body}");
    // default-graph-uri decides what an unqualified pattern sees.
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let (_, _, none) = get(&server, count, "text/csv", &[]);
    let (_, _, some) = get(&server, count, "text/csv", &["--data-urlencode", &dgu]);
    assert_eq!(csv_number(&none), 0);
    assert!(csv_number(&some) > 100, "{some}");
    // Service description, Turtle by default.
    let (status, head, body) = curl(&["-H", "Accept: text/turtle", &server.url]);
    assert_eq!(status, 200);
    assert!(head.contains("text/turtle"));
    assert!(
        body.contains("sd:Service") && body.contains("sd:endpoint"),
        "{body}"
    );
    // Graph Store Protocol reads.
    let graph = format!(
        "{}/store?graph={}",
        server.base(),
        ENTITIES.replace(':', "%3A")
    );
    let (status, head, body) = curl(&["-H", "Accept: application/n-triples", &graph]);
    assert_eq!(status, 200);
    assert!(head.contains("application/n-triples"));
    assert_eq!(body.lines().count() as u64, csv_number(&some));
    let (status, _, _) = curl(&[&format!(
        "{}/store?graph=http%3A%2F%2Fno.where%2Fg",
        server.base()
    )]);
    assert_eq!(status, 404);
    let (status, _, body) = curl(&[
        "-H",
        "Accept: application/n-quads",
        &format!("{}/store", server.base()),
    ]);
    assert_eq!(status, 200);
    assert!(body.lines().count() > 1000);
    let (status, _, _) = curl(&[
        "-H",
        "Accept: text/turtle",
        &format!("{}/store", server.base()),
    ]);
    assert_eq!(status, 406);
    let (status, _, _) = curl(&["-X", "PUT", "--data-binary", "<a:b> <a:c> <a:d> .", &graph]);
    assert_eq!(status, 405);
    let (status, head, _) = curl(&[
        "-X",
        "OPTIONS",
        "-H",
        "Origin: http://example.org",
        &server.url,
    ]);
    assert!(
        status == 204 && head.contains("access-control-allow-methods"),
        "{head}"
    );
}

#[test]
fn bad_requests_get_clear_statuses() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &["--max-body", "100000"]);
    let (status, _, body) = get(&server, "SELEKT", "*/*", &[]);
    assert_eq!(status, 400);
    assert_eq!(body.lines().count(), 1, "{body}");
    assert_eq!(curl(&[&format!("{}?query=%zz", server.url)]).0, 400);
    let (status, _, _) = get(&server, "ASK {}", "text/csv;q=high", &[]);
    assert_eq!(status, 400);
    let big = dir.path().join("big.rq");
    std::fs::write(&big, format!("ASK {{}} #{}", "x".repeat(200_000))).unwrap();
    let at = format!("@{}", big.display());
    let (status, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &at,
        &server.url,
    ]);
    assert_eq!(status, 413, "{body}");
    let latin1 = dir.path().join("latin1.rq");
    std::fs::write(&latin1, b"ASK { ?s ?p \"caf\xe9\" }").unwrap();
    let at = format!("@{}", latin1.display());
    let (status, _, _) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &at,
        &server.url,
    ]);
    assert_eq!(status, 400);
    // A chunked body is read like any other.
    let (status, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Transfer-Encoding: chunked",
        "--data-binary",
        "ASK {}",
        &server.url,
    ]);
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = curl(&[
        "-H",
        "Content-Type: text/plain",
        "--data-binary",
        "ASK {}",
        &server.url,
    ]);
    assert_eq!(status, 415);
    let (status, _, body) = get(&server, CROSS3, "*/*", &[]);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("cross product"), "{body}");
    // Read-only: updates are refused, whichever way they come.
    let update = "INSERT DATA { <a:b> <a:c> <a:d> }";
    let (status, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        update,
        &server.url,
    ]);
    assert_eq!(status, 403, "{body}");
    assert_eq!(get(&server, update, "*/*", &[]).0, 403);
    // Garbage on a raw socket: 400, and the server keeps serving.
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"\x00\xff GARBAGE\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
        "{answer}"
    );
    assert_eq!(get(&server, "ASK {}", "*/*", &[]).0, 200);
}

#[test]
fn slow_queries_time_out_without_blocking_others() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &["--timeout", "3"]);
    let url = server.url.clone();
    let slow = std::thread::spawn(move || {
        let started = Instant::now();
        let q = format!("query={SLOW}");
        let out = Command::new("curl")
            .args([
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-G",
                "--data-urlencode",
                &q,
                &url,
            ])
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            started.elapsed(),
        )
    });
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let (status, _, body) = get(&server, "ASK {}", "*/*", &[]);
    let ask = started.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(
        ask < Duration::from_secs(1),
        "ASK took {ask:?} behind a slow query"
    );
    let (code, took) = slow.join().unwrap();
    assert_eq!(code, "503");
    assert!(took < Duration::from_secs(6), "the timeout took {took:?}");
    eprintln!("ASK beside a slow query: {ask:?}; the slow one answered 503 after {took:?}");
    // The server is still there for the next client.
    assert_eq!(get(&server, "ASK {}", "*/*", &[]).0, 200);
}

#[test]
fn idle_connections_do_not_stop_other_clients() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let mut idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    // Half of them start a request and never finish it.
    for s in idle.iter_mut().take(150) {
        s.write_all(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
    }
    let started = Instant::now();
    let (status, _, body) = get(&server, CONSULT_COUNT, "text/csv", &[]);
    let took = started.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    eprintln!("a query beside 300 idle connections: {took:?}");
    drop(idle);
}

#[test]
fn running_out_of_descriptors_is_survived() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    // 128 descriptors at most, soft and hard: a few hundred connections exhaust them.
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .args(["-c", "ulimit -n 128 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["serve", "--store", "db", "--bind", "127.0.0.1:0"]);
    let server = Server::spawn(cmd);
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], server.port));
    let mut held = Vec::new();
    while held.len() < 400 {
        match TcpStream::connect_timeout(&address, Duration::from_millis(500)) {
            Ok(s) => held.push(s),
            Err(_) => break,
        }
    }
    assert!(held.len() > 100, "only {} connections", held.len());
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, body) = get(&server, "ASK {}", "*/*", &[]);
    assert_eq!(status, 200, "the server stopped accepting: {body}");
}

#[test]
fn new_ingests_are_seen_without_restart() {
    let dir = tempdir();
    let seeds = seeds();
    let first = std::fs::read_dir(&seeds)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--store", "db"])
            .arg(&first),
    );
    let server = Server::start(dir.path(), &[]);
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }";
    let before = csv_number(&get(&server, graphs, "text/csv", &[]).2);
    ingest_seeds(dir.path());
    std::thread::sleep(Duration::from_millis(300));
    let after = csv_number(&get(&server, graphs, "text/csv", &[]).2);
    assert_eq!(before, 1);
    assert!(after > before, "{before} → {after}");
}

#[test]
fn python_clients_rdflib_and_sparqlwrapper() {
    let python = repo().join(".venv-eval/bin/python");
    if !python.exists() {
        eprintln!("note: no .venv-eval (run .ci/setup): the rdflib/SPARQLWrapper part is skipped");
        return;
    }
    let has = |module: &str| {
        Command::new(&python)
            .args(["-c", &format!("import {module}")])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has("rdflib") || !has("SPARQLWrapper") {
        eprintln!("note: .venv-eval lacks rdflib or SPARQLWrapper (run .ci/setup): skipped");
        return;
    }
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let script = r#"
import sys
from rdflib import Graph, URIRef, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, TURTLE
url, entities = sys.argv[1], sys.argv[2]
store = SPARQLStore(url)
g = Graph(store=store, identifier=URIRef(entities))
assert len(g) > 100, len(g)
rows = list(store.query("SELECT ?e ?l WHERE { GRAPH <%s> { ?e rdfs:label ?l } } LIMIT 5" % entities))
assert isinstance(rows[0][0], URIRef) and isinstance(rows[0][1], Literal) and rows[0][1].language, rows
w = SPARQLWrapper(url)
w.setQuery("SELECT ?e WHERE { GRAPH ?g { ?e a schema:Person } } LIMIT 3")
w.setReturnFormat(JSON)
b = w.query().convert()["results"]["bindings"]
assert len(b) == 3 and b[0]["e"]["type"] == "uri", b
# The same query again: answered from the server's cache, the same rows.
assert w.query().convert()["results"]["bindings"] == b
w.setReturnFormat(XML)
assert w.query().convert().documentElement.tagName == "sparql"
w.setReturnFormat(CSV)
assert w.query().convert().decode().startswith("e")
w.setQuery("ASK { GRAPH ?g { ?e a schema:Person } }")
w.setReturnFormat(JSON)
assert w.query().convert()["boolean"] is True
w.setQuery("DESCRIBE <https://w3id.org/newsgraph/entity/baku>")
w.addParameter("default-graph-uri", entities)
w.setReturnFormat(TURTLE)
t = Graph().parse(data=w.query().convert(), format="turtle")
assert len(t) > 3, len(t)
print("ok", len(g))
"#;
    let out = Command::new(&python)
        .args(["-c", script, &server.url, ENTITIES])
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A literal with characters XML 1.0 cannot hold still gives well-formed
/// RDF/XML through the endpoint (graph reads and CONSTRUCT), parsed by rdflib.
#[test]
fn rdfxml_answers_stay_well_formed_with_control_characters() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("ctl.txt"),
        "Sergueï Lavrov a reçu\u{1} Djeyhoun Baïramov à Moscou.\u{7}\n",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "ctl.txt"]));
    let server = Server::start(dir.path(), &[]);
    let graph = "https://w3id.org/newsgraph/article/ctl.txt";
    let url = format!("{}/store?graph={graph}", server.base());
    let (status, _, body) = curl(&["-H", "Accept: application/rdf+xml", &url]);
    assert_eq!(status, 200, "{body}");
    let construct = format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let (status, _, answer) = get(&server, &construct, "application/rdf+xml", &[]);
    assert_eq!(status, 200, "{answer}");
    for (name, xml) in [("graph.rdf", &body), ("construct.rdf", &answer)] {
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{7}'), "{name}");
        std::fs::write(dir.path().join(name), xml).unwrap();
    }
    let Some(python) = python_with("rdflib", true) else {
        return;
    };
    let report = run_python(
        &python,
        dir.path(),
        "import rdflib\nfor f in ['graph.rdf', 'construct.rdf']:\n    g = rdflib.Graph(); g.parse(f, format='xml'); print(f.split('.')[0] + '=' + str(len(g)))",
    );
    assert!(figure(&report, "graph") > 10, "{report}");
    assert_eq!(
        figure(&report, "graph"),
        figure(&report, "construct"),
        "{report}"
    );
}
