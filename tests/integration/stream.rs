//! The streaming mode for cluster engines: `newsgraph extract -` reading JSONL
//! on stdin, written article by article; its output loaded with `load` is
//! the graph `ingest` makes of the same articles. Also the PySpark example
//! (`examples/spark_extract.py`, `RDD.pipe`), with `.venv-eval`'s pyspark.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::*;

/// The seed articles as JSONL: one line each, `id` (the file name), `text`
/// and the fields of the `.meta.json` beside it.
fn seeds_jsonl(dir: &Path) -> std::path::PathBuf {
    let mut names: Vec<_> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut out = String::new();
    for path in names {
        let mut line = serde_json::Map::new();
        let meta = path.with_extension("meta.json");
        if meta.is_file() {
            let meta: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(meta).unwrap()).unwrap();
            line.extend(meta.as_object().unwrap().clone());
        }
        let name = path.file_name().unwrap().to_str().unwrap();
        line.insert("id".into(), name.into());
        line.insert(
            "text".into(),
            std::fs::read_to_string(&path).unwrap().into(),
        );
        out.push_str(&serde_json::Value::Object(line).to_string());
        out.push('\n');
    }
    let file = dir.join("seeds.jsonl");
    std::fs::write(&file, out).unwrap();
    file
}

/// `ingest -` of the JSONL into `dir/db`: the expected graph.
fn ingest_jsonl(dir: &Path, jsonl: &Path) -> Vec<String> {
    ok_stderr(
        newsgraph(dir)
            .args(["ingest", "--store", "db", "-"])
            .stdin(std::fs::File::open(jsonl).unwrap()),
    );
    sorted_quads(dir, "db")
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsgraph")
}

#[test]
fn extract_stdin_jsonl_then_load_equals_ingest() {
    let dir = tempdir();
    let jsonl = seeds_jsonl(dir.path());
    let expected = ingest_jsonl(dir.path(), &jsonl);
    assert!(expected.len() > 1000, "the seeds make a graph");
    // As a user types it: a shell pipe.
    succeed(
        Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "cat seeds.jsonl | '{0}' extract - | '{0}' load --store piped --format nquads -",
                bin()
            )),
    );
    assert!(
        sorted_quads(dir.path(), "piped") == expected,
        "extract - | load differs from ingest"
    );
    // A bad line is one message with its line number, and only it is skipped.
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"text\": \"unterminated");
    lines.insert(4, "{\"title\": \"no text\"}");
    let mut child = newsgraph(dir.path())
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = lines.join("\n");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stdin:3: invalid JSON") && stderr.contains("stdin:5: no \"text\" field"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let mut quads: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    quads.sort();
    quads.dedup();
    // What the store adds across articles (preferred labels, counts) aside.
    let extracted: Vec<&String> = expected.iter().filter(|q| !store_addition(q)).collect();
    assert!(
        quads.iter().collect::<Vec<_>>() == extracted,
        "the good lines give the whole graph"
    );
}

#[test]
fn extract_writes_each_article_as_soon_as_it_is_processed() {
    let dir = tempdir();
    let jsonl = std::fs::read_to_string(seeds_jsonl(dir.path())).unwrap();
    let mut lines = jsonl.lines();
    let mut child = newsgraph(dir.path())
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    // The first article's quads arrive while stdin is still open.
    writeln!(stdin, "{}", lines.next().unwrap()).unwrap();
    stdin.flush().unwrap();
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the first article's quads before the end of the input");
    assert!(
        first.contains("/article/000_3c57f9c0ec23426f.txt>"),
        "{first}"
    );
    for line in lines {
        writeln!(stdin, "{line}").unwrap();
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    let rest: Vec<String> = rx.iter().collect();
    assert!(rest
        .iter()
        .any(|q| q.contains("/article/004_b5b1b516b33340d6.txt>")));
}

#[test]
fn spark_pipe_example_gives_the_graph_of_ingest() {
    let Some(python) = python_with("pyspark", true) else {
        return;
    };
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs Java for pyspark (run .ci/setup)"
        );
        eprintln!("skipped: no Java for pyspark");
        return;
    }
    let dir = tempdir();
    let jsonl = seeds_jsonl(dir.path());
    let expected = ingest_jsonl(dir.path(), &jsonl);
    succeed(
        Command::new(python)
            .current_dir(dir.path())
            .arg(repo().join("examples/spark_extract.py"))
            .args([
                "--newsgraph",
                bin(),
                "--partitions",
                "2",
                "seeds.jsonl",
                "out-nq",
            ]),
    );
    let mut parts: Vec<_> = std::fs::read_dir(dir.path().join("out-nq"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 2, "one part per partition: {parts:?}");
    ok_stderr(
        newsgraph(dir.path())
            .args(["load", "--store", "spark", "--format", "nquads"])
            .args(&parts),
    );
    assert!(
        sorted_quads(dir.path(), "spark") == expected,
        "Spark's extract differs from ingest"
    );
}
