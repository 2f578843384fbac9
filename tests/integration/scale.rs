//! Scale: the graph does not depend on the order of the articles, on the
//! number of extraction jobs, nor on how the input is split across runs; a
//! JSONL corpus is read line by line.

use std::fs;
use std::path::Path;

use crate::util::*;

/// The seed and development articles as JSONL lines (id, date, lang, text).
fn corpus_lines() -> Vec<String> {
    let lines: Vec<String> = article_files()
        .into_iter()
        .map(|path| {
            let meta = fs::read_to_string(path.with_extension("meta.json")).unwrap_or_default();
            let mut line: serde_json::Value = if meta.is_empty() {
                serde_json::json!({})
            } else {
                serde_json::from_str(&meta).unwrap()
            };
            line["id"] = path.file_stem().unwrap().to_string_lossy().into();
            line["text"] = fs::read_to_string(&path).unwrap().into();
            line.to_string()
        })
        .collect();
    assert!(lines.len() >= 30, "{} articles", lines.len());
    lines
}

/// Write `lines` as `dir/sub/corpus.jsonl` (one file name, since the name
/// is part of the graph) and give its path relative to `dir`.
fn write_jsonl(dir: &Path, sub: &str, lines: &[String]) -> String {
    fs::create_dir_all(dir.join(sub)).unwrap();
    fs::write(dir.join(sub).join("corpus.jsonl"), lines.join("\n") + "\n").unwrap();
    format!("{sub}/corpus.jsonl")
}

#[test]
fn the_graph_is_the_same_whatever_the_order_the_jobs_and_the_runs() {
    let dir = tempdir();
    let lines = corpus_lines();
    let in_order = write_jsonl(dir.path(), "in-order", &lines);
    // One job, input order.
    let summary = ok_stderr(
        newsgraph(dir.path()).args(["ingest", "--store", "one", "--jobs", "1", &in_order]),
    );
    assert!(
        summary.contains(&format!("{} articles ingested", lines.len())),
        "{summary}"
    );
    let expected = sorted_quads(dir.path(), "one");
    assert!(expected.len() > 5_000, "{} quads", expected.len());

    // Three jobs, the articles shuffled (a fixed permutation).
    let mut shuffled = lines.clone();
    shuffled.reverse();
    shuffled.rotate_left(lines.len() / 3);
    let shuffled = write_jsonl(dir.path(), "shuffled", &shuffled);
    ok_stderr(newsgraph(dir.path()).args(["ingest", "--store", "three", "--jobs", "3", &shuffled]));
    assert!(
        sorted_quads(dir.path(), "three") == expected,
        "three jobs on shuffled articles give another graph"
    );

    // Two runs, the second half first, then the first half.
    let (first, second) = lines.split_at(lines.len() / 2);
    let first = write_jsonl(dir.path(), "first", first);
    let second = write_jsonl(dir.path(), "second", second);
    for part in [second, first] {
        ok_stderr(newsgraph(dir.path()).args(["ingest", "--store", "runs", "-j", "2", &part]));
    }
    assert!(
        sorted_quads(dir.path(), "runs") == expected,
        "two runs in the other order give another graph"
    );
}

#[test]
fn a_bad_jsonl_line_skips_that_line_only_and_long_lines_are_not_read_whole() {
    let dir = tempdir();
    let mut lines = corpus_lines();
    lines.truncate(4);
    lines.insert(1, "{not json".to_string());
    lines.insert(3, "{\"id\": \"no-text\"}".to_string());
    let mut bytes = (lines.join("\n") + "\n").into_bytes();
    // A line of Latin-1 (not UTF-8), then a line over the article limit (10 MiB).
    bytes.extend_from_slice(b"{\"text\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(b"{\"text\": \"");
    bytes.extend(std::iter::repeat_n(b'a', 11 << 20));
    bytes.extend_from_slice(b"\"}\n");
    fs::write(dir.path().join("mixed.jsonl"), bytes).unwrap();
    let out = newsgraph(dir.path())
        .args(["ingest", "--store", "db", "mixed.jsonl"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "bad lines are reported: {stderr}");
    assert!(stderr.contains("4 articles ingested"), "{stderr}");
    assert!(stderr.contains("4 failed"), "{stderr}");
    for (line, why) in [
        (2, "invalid JSON"),
        (4, "no \"text\" field"),
        (7, "not UTF-8"),
        (8, "line over the 10 MiB article limit"),
    ] {
        assert!(
            stderr.contains(&format!("mixed.jsonl:{line}: {why}")),
            "line {line}: {stderr}"
        );
    }
    assert_eq!(
        count(
            dir.path(),
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a <https://schema.org/NewsArticle> } }"
        ),
        4
    );
}

#[test]
fn articles_extracted_elsewhere_and_loaded_give_the_graph_of_ingest() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let expected = sorted_quads(dir.path(), "db");
    let mut articles: Vec<_> = fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    // Loaded in another order than ingest's.
    articles.sort();
    articles.reverse();
    for article in &articles {
        let quads = ok(newsgraph(dir.path()).arg("extract").arg(article));
        let mut load = newsgraph(dir.path())
            .args(["load", "--store", "loaded", "--format", "nquads", "-"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        load.stdin
            .take()
            .unwrap()
            .write_all(quads.as_bytes())
            .unwrap();
        assert!(load.wait().unwrap().success());
    }
    assert!(
        sorted_quads(dir.path(), "loaded") == expected,
        "extract | load differs from ingest"
    );
    // Standard input needs a format; stats speaks JSON with the same counts.
    let out = fails(newsgraph(dir.path()).args(["load", "--store", "loaded", "-"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let json: serde_json::Value = serde_json::from_str(&ok(
        newsgraph(dir.path()).args(["stats", "--store", "loaded", "--format", "json"])
    ))
    .unwrap();
    let data = expected
        .iter()
        .filter(|q| !q.ends_with(&format!("<{STATS_GRAPH}> .")))
        .count();
    assert_eq!(json["quads"], data, "the counts graph aside");
    assert_eq!(json["graphs (articles)"], articles.len());
}
