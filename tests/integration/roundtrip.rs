//! Export → re-import keeps every quad; GraphViz accepts the DOT output.

use std::process::Command;

use crate::util::*;

const ALL_QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

#[test]
fn dataset_formats_round_trip_every_quad() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let before = count(dir.path(), ALL_QUADS);
    assert!(before > 1000);
    for (format, file) in [
        ("nquads", "dump.nq"),
        ("trig", "dump.trig"),
        ("jsonld", "dump.jsonld"),
    ] {
        ok(newsgraph(dir.path()).args(["export", "--store", "db", "--format", format, "-o", file]));
        let target = format!("db-{format}");
        ok(newsgraph(dir.path()).args(["load", "--store", &target, file]));
        let after = ok(newsgraph(dir.path()).args([
            "query", "--store", &target, "--format", "csv", "-e", ALL_QUADS,
        ]));
        assert_eq!(
            after.lines().nth(1).unwrap().trim().parse::<u64>().unwrap(),
            before,
            "{format}"
        );
    }
}

#[test]
fn triple_formats_keep_every_distinct_triple() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    // The union of the data graphs (triple formats leave the store's counts out).
    let distinct = count(dir.path(), DISTINCT_DATA_TRIPLES);
    for (format, file) in [
        ("turtle", "dump.ttl"),
        ("ntriples", "dump.nt"),
        ("rdfxml", "dump.rdf"),
    ] {
        ok(newsgraph(dir.path()).args(["export", "--store", "db", "--format", format, "-o", file]));
        let target = format!("db-{format}");
        ok(newsgraph(dir.path()).args(["load", "--store", &target, file]));
        let n = ok(newsgraph(dir.path()).args([
            "query",
            "--store",
            &target,
            "--format",
            "csv",
            "-e",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        ]));
        assert_eq!(
            n.lines().nth(1).unwrap().trim().parse::<u64>().unwrap(),
            distinct,
            "{format}"
        );
    }
}

#[test]
fn one_article_exports_alone() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let out = ok(newsgraph(dir.path()).args([
        "export",
        "--store",
        "db",
        "--format",
        "nquads",
        "--graph",
        "003_7a19df6852953d25.txt",
    ]));
    assert!(out.lines().count() > 50);
    assert!(out
        .lines()
        .all(|l| l.ends_with("<https://w3id.org/newsgraph/article/003_7a19df6852953d25.txt> .")));
}

fn graphviz() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn dot_output_draws_events_and_graphviz_accepts_it() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    for extra in [&[][..], &["--events-as-nodes"][..]] {
        let dot = ok(newsgraph(dir.path())
            .args(["export", "--store", "db", "--format", "dot"])
            .args(extra));
        assert!(dot.starts_with("digraph newsgraph {"));
        assert!(dot.contains("CONSULT"), "events are labelled");
        assert!(dot.contains("Lavrov"), "nodes carry names");
        std::fs::write(dir.path().join("g.dot"), &dot).unwrap();
        if graphviz() {
            let out = Command::new("dot")
                .args(["-Tsvg", "g.dot"])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        } else if std::env::var_os("CI").is_some() {
            panic!("GraphViz `dot` must be installed in CI (.ci/run installs it)");
        }
    }
    if graphviz() {
        ok(newsgraph(dir.path()).args(["export", "--store", "db", "-o", "g.svg"]));
        assert!(std::fs::read_to_string(dir.path().join("g.svg"))
            .unwrap()
            .contains("<svg"));
    }
}
