//! `newsgraph score`: the seeds and the development set ingested and scored
//! against their gold readings (from the store and from an export, tables and
//! JSON, floors and bad input), and, when `NEWSGRAPH_SCORE_PY` names the
//! project's reference scorer `score.py` (`.ci/run` does where its evaluation
//! kit sits beside the repository), every figure compared with score.py's.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::*;

/// The seeds' gold readings.
fn seed_gold() -> PathBuf {
    repo().join("seeds/gold")
}

fn dev_gold() -> PathBuf {
    repo().join("tests/data/dev/gold")
}

/// Ingest `articles` into `dir/db` and export it to `dir/graph.nq`.
fn ingest_and_export(dir: &Path, articles: &Path) {
    ok(newsgraph(dir)
        .args(["ingest", "--store", "db"])
        .arg(articles));
    ok(newsgraph(dir).args([
        "export", "--store", "db", "--format", "nquads", "-o", "graph.nq",
    ]));
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Gold files of a folder.
fn gold_docs(gold: &Path) -> usize {
    std::fs::read_dir(gold)
        .expect("gold folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".json"))
        })
        .count()
}

/// Score a store and its export with every output; check they agree and look right.
fn check_set(articles: &Path, gold: &Path) {
    let dir = tempdir();
    let dir = dir.path();
    ingest_and_export(dir, articles);
    let n = gold_docs(gold);
    let from_store = ok(newsgraph(dir)
        .args(["score", "--store", "db", "--format", "json", "--gold"])
        .arg(gold));
    let from_file = ok(newsgraph(dir)
        .args(["score", "--graph", "graph.nq", "--format", "json", "--gold"])
        .arg(gold));
    assert_eq!(
        from_store, from_file,
        "the store and its export score alike"
    );
    let res = json(&from_store);
    assert_eq!(res["docs"].as_object().expect("docs").len(), n);
    assert_eq!(
        res["missing_docs"],
        Value::Array(vec![]),
        "every gold document was ingested"
    );
    for block in ["entities_typed", "events_typed", "positions", "relations"] {
        let f1 = res["overall"][block]["f1"].as_f64().expect("f1");
        assert!((0.0..=1.0).contains(&f1), "{block} {f1}");
    }
    assert!(
        res["overall"]["entities_typed"]["f1"].as_f64().expect("f1") > 0.8,
        "{from_store}"
    );
    assert!(res["corpus"]["shared_entities"].as_u64().is_some());

    let table = ok(newsgraph(dir)
        .args(["score", "--store", "db", "--per-doc", "--gold"])
        .arg(gold));
    assert!(
        table.starts_with(&format!("Overall ({n} gold documents, micro-averaged)\n")),
        "{table}"
    );
    for row in [
        "entities (typed)",
        "events (untyped)",
        "date accuracy",
        "unified to one node",
    ] {
        assert!(table.contains(row), "no {row} in {table}");
    }
    for name in res["docs"].as_object().expect("docs").keys() {
        assert!(
            table.contains(&format!("\n{name}\n")),
            "no table for {name}"
        );
    }
    // The typed entity F1 in the table is the JSON's, to three decimals.
    let f1 = res["overall"]["entities_typed"]["f1"].as_f64().expect("f1");
    let row = table
        .lines()
        .find(|l| l.trim_start().starts_with("entities (typed)"))
        .expect("row");
    assert!(row.ends_with(&format!("{f1:>8.3}")), "{row} vs {f1}");

    // Floors: exit 1 and say which; a floor met exits 0.
    let out = newsgraph(dir)
        .args([
            "score",
            "--store",
            "db",
            "--min-entity-f1",
            "1.01",
            "--min-event-f1",
            "0",
            "--gold",
        ])
        .arg(gold)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("newsgraph: entities (typed) F1 "),
        "{stderr}"
    );
    assert!(stderr.contains("is below --min-entity-f1 1.01"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("Overall"),
        "the report is printed first"
    );
}

#[cfg(feature = "rocksdb")]
#[test]
fn seeds_score_from_the_store_and_an_export() {
    check_set(&seeds(), &seed_gold());
}

#[cfg(feature = "rocksdb")]
#[test]
fn dev_set_scores_from_the_store_and_an_export() {
    check_set(&repo().join("tests/data/dev/articles"), &dev_gold());
}

/// A small graph and its gold: every figure known.
const TRIG: &str = r#"@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:lavrov> a schema:Person ; rdfs:label "Sergueï Lavrov" .
<urn:moscow> a schema:Person ; rdfs:label "Moscou" .
<urn:d> { <urn:d> ng:sourceFile "a.txt" ; schema:mentions <urn:lavrov>, <urn:moscow> .
  <urn:v> a ng:Consult ; ng:actor <urn:lavrov> ; schema:location <urn:moscow> . }
"#;

const GOLD: &str = r#"{"doc": "a.txt", "entities": [
  {"id": "lavrov", "name": "Sergueï Lavrov", "type": "Person"},
  {"id": "moscow", "name": "Moscou", "type": "Place"}],
 "events": [{"type": "CONSULT", "actors": ["lavrov"], "place": "moscow"}]}"#;

#[test]
fn figures_of_a_small_graph() {
    let dir = tempdir();
    let dir = dir.path();
    std::fs::write(dir.join("g.trig"), TRIG).expect("write");
    std::fs::create_dir(dir.join("gold")).expect("mkdir");
    std::fs::write(dir.join("gold/a.json"), GOLD).expect("write");
    let out = ok(newsgraph(dir).args([
        "score", "--graph", "g.trig", "--gold", "gold", "--format", "json",
    ]));
    let o = &json(&out)["overall"];
    assert_eq!(o["entities"]["tp"], 2);
    assert_eq!(
        (
            o["entities_typed"]["tp"].clone(),
            o["entities_typed"]["fp"].clone()
        ),
        (1.into(), 1.into())
    );
    assert_eq!(o["entities_typed"]["f1"], 0.5); // Moscow typed wrong: a typed FP and FN
    assert_eq!(o["events_typed"]["f1"], 1.0);
    assert_eq!(o["place"]["accuracy"], 1.0);
    assert_eq!(o["relations"]["f1"], 1.0); // nothing to find, nothing found
    assert_eq!(o["role"]["accuracy"], Value::Null);
    let table = ok(newsgraph(dir).args(["score", "--graph", "g.trig", "--gold", "gold"]));
    assert!(
        table.contains("\n  entities (typed)      1    1    1   0.500   0.500   0.500\n"),
        "{table}"
    );
    assert!(
        table.contains("\n  role accuracy         0 / 0      n/a\n"),
        "{table}"
    );
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let dir = tempdir();
    let dir = dir.path();
    std::fs::write(dir.join("g.trig"), TRIG).expect("write");
    std::fs::create_dir(dir.join("gold")).expect("mkdir");
    std::fs::write(
        dir.join("gold/a.json"),
        "{\"doc\": \"a.txt\", \"entities\": [",
    )
    .expect("write");
    let cases: [(&[&str], &str); 4] = [
        (
            &["--graph", "g.trig", "--gold", "gold"],
            "gold/a.json: invalid gold JSON: ",
        ),
        (
            &["--graph", "g.trig", "--gold", "nowhere"],
            "nowhere: no such file or directory",
        ),
        (
            &["--graph", "nope.nq", "--gold", "gold/a.json"],
            "invalid gold JSON",
        ),
        (
            &["--graph", "g.txt", "--gold", "g.trig"],
            "invalid gold JSON",
        ),
    ];
    for (args, message) in cases {
        let out = fails(newsgraph(dir).arg("score").args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    std::fs::write(dir.join("gold/a.json"), GOLD).expect("write");
    std::fs::write(dir.join("broken.trig"), "<urn:a> <urn:b> {").expect("write");
    let no_store = if cfg!(feature = "rocksdb") {
        "nodb: no store here"
    } else {
        "nodb: this build has no on-disk store"
    };
    let cases: [(&[&str], &str); 4] = [
        (&["--graph", "nope.nq"], "nope.nq: no such file"),
        (
            &["--graph", "broken.trig"],
            "broken.trig: cannot parse as TriG",
        ),
        (&["--graph", "gold/a.json"], "unknown RDF extension"),
        (&["--store", "nodb"], no_store),
    ];
    for (graph, message) in cases {
        let out = fails(newsgraph(dir).args(["score", "--gold", "gold"]).args(graph));
        assert_eq!(out.status.code(), Some(2), "{graph:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("newsgraph: ") && stderr.contains(message),
            "{stderr}"
        );
    }
}

/// The reference scorer named by `NEWSGRAPH_SCORE_PY` and the venv's Python
/// (with pyoxigraph) to run it; None when the variable is not set. Set but
/// unusable is a failure, so a comparison that was asked for cannot be skipped.
fn score_py() -> Option<(PathBuf, PathBuf)> {
    let script = PathBuf::from(std::env::var_os("NEWSGRAPH_SCORE_PY")?);
    let python = repo().join(".venv-eval/bin/python");
    let usable = script.is_file()
        && Command::new(&python)
            .args(["-c", "import pyoxigraph"])
            .output()
            .is_ok_and(|o| o.status.success());
    assert!(
        usable,
        "NEWSGRAPH_SCORE_PY={} needs that file and pyoxigraph in .venv-eval (.ci/setup)",
        script.display()
    );
    Some((python, script))
}

/// Every figure of two result objects equal: same keys in the same order,
/// counts and strings exactly, rates to 1e-9.
fn same_figures(py: &Value, rust: &Value, path: &str) {
    match (py, rust) {
        (Value::Object(a), Value::Object(b)) => {
            let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
            assert_eq!(ka, kb, "keys of {path}");
            for (k, v) in a {
                same_figures(v, &b[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: {py} vs {rust}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_figures(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) if a.is_f64() || b.is_f64() => {
            let (x, y) = (a.as_f64().expect("f64"), b.as_f64().expect("f64"));
            assert!((x - y).abs() < 1e-9, "{path}: score.py {x}, newsgraph {y}");
        }
        _ => assert_eq!(py, rust, "{path}"),
    }
}

#[cfg(feature = "rocksdb")]
#[test]
fn score_py_gives_the_same_figures() {
    let Some((python, script)) = score_py() else {
        eprintln!("skipped: NEWSGRAPH_SCORE_PY does not name the reference score.py");
        return;
    };
    let sets = [
        (seeds(), seed_gold()),
        (repo().join("tests/data/dev/articles"), dev_gold()),
    ];
    for (articles, gold) in sets {
        let dir = tempdir();
        let dir = dir.path();
        ingest_and_export(dir, &articles);
        let py = Command::new(&python)
            .arg(&script)
            .args(["--json", "--per-doc", "--graph", "graph.nq", "--gold"])
            .arg(&gold)
            .current_dir(dir)
            .output()
            .expect("run score.py");
        assert!(
            py.status.success(),
            "{}",
            String::from_utf8_lossy(&py.stderr)
        );
        let py = String::from_utf8(py.stdout).expect("UTF-8");
        let rust = ok(newsgraph(dir)
            .args([
                "score",
                "--format",
                "json",
                "--per-doc",
                "--graph",
                "graph.nq",
                "--gold",
            ])
            .arg(&gold));
        same_figures(&json(&py), &json(&rust), &gold.display().to_string());
        let table = |cmd: &mut Command| {
            String::from_utf8(cmd.output().expect("run").stdout).expect("UTF-8")
        };
        let py_table = table(
            Command::new(&python)
                .arg(&script)
                .args(["--per-doc", "--graph", "graph.nq", "--gold"])
                .arg(&gold)
                .current_dir(dir),
        );
        let rust_table = table(
            newsgraph(dir)
                .args(["score", "--per-doc", "--graph", "graph.nq", "--gold"])
                .arg(&gold),
        );
        assert_eq!(py_table, rust_table, "the tables of {}", gold.display());
    }
}
