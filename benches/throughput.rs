//! Ingest throughput in words per second: the whole pipeline into an
//! in-memory store, beside a reference measured in the same run (reading the
//! corpus and counting its words). The median of `BENCH_RUNS` runs (default
//! 3); `BENCH_LIMIT=N` uses the first N articles.
//!
//! The corpus is `BENCH_CORPUS` if set (any JSONL with a `text` field per
//! line, as `newsgraph ingest` reads), else the project's benchmark corpus
//! `../shared/bench/corpus.jsonl` when it sits beside the repository (2,231
//! articles, ~700k words), else one built from the repository's own articles
//! (`seeds/` and `tests/data/dev/articles/`, each repeated under fresh ids to
//! about 200,000 words): smaller and less varied, but always there.

use std::path::PathBuf;
use std::time::Instant;

use newsgraph::ingest::{ingest, IngestOptions};
use newsgraph::pipeline::{ArticleDefaults, Pipeline};
use newsgraph::store::GraphStore;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// The corpus to measure on (see the module comment).
fn corpus() -> PathBuf {
    if let Some(path) = std::env::var_os("BENCH_CORPUS") {
        return PathBuf::from(path);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/bench/corpus.jsonl");
    if shared.exists() {
        return shared;
    }
    eprintln!(
        "no BENCH_CORPUS and no {}: building a corpus from the repository's own articles",
        shared.display()
    );
    let mut articles = Vec::new();
    for dir in ["seeds", "tests/data/dev/articles"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("read article folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("read article");
            let lang = std::fs::read_to_string(f.with_extension("meta.json"))
                .ok()
                .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
                .and_then(|m| m["lang"].as_str().map(str::to_string))
                .unwrap_or_else(|| "fr".to_string());
            articles.push((text, lang));
        }
    }
    let words_per_round: usize = articles
        .iter()
        .map(|(t, _)| t.split_whitespace().count())
        .sum();
    let rounds = (200_000 / words_per_round.max(1)).max(1);
    let mut out = String::new();
    for round in 0..rounds {
        for (i, (text, lang)) in articles.iter().enumerate() {
            let line =
                serde_json::json!({"id": format!("bench-{round}-{i}"), "lang": lang, "text": text});
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    let path = std::env::temp_dir().join("newsgraph-bench-built.jsonl");
    std::fs::write(&path, out).expect("write built corpus");
    path
}

fn main() {
    let corpus = corpus();
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let limit: Option<usize> = std::env::var("BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok());
    let input = match limit {
        Some(n) => {
            let text = std::fs::read_to_string(&corpus).expect("read corpus");
            let head: String = text.lines().take(n).map(|l| format!("{l}\n")).collect();
            let path = std::env::temp_dir().join("newsgraph-bench.jsonl");
            std::fs::write(&path, head).expect("write sample");
            path
        }
        None => corpus,
    };
    let text = std::fs::read_to_string(&input).expect("read corpus");
    let words: usize = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["text"].as_str().unwrap_or("").split_whitespace().count())
        .sum();
    let pipeline = Pipeline::new().expect("pipeline");
    let mut reference = Vec::new();
    let mut full = Vec::new();
    for run in 0..runs {
        let t = Instant::now();
        let raw = std::fs::read_to_string(&input).expect("read");
        let n: usize = raw
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| v["text"].as_str().unwrap_or("").split_whitespace().count())
            .sum();
        assert_eq!(n, words);
        reference.push(words as f64 / t.elapsed().as_secs_f64());

        let store = GraphStore::in_memory().expect("store");
        let options = IngestOptions {
            defaults: ArticleDefaults::default(),
            force: true,
            progress: false,
            jobs: 0,
        };
        let t = Instant::now();
        let summary =
            ingest(&pipeline, &store, std::slice::from_ref(&input), &options).expect("ingest");
        let secs = t.elapsed().as_secs_f64();
        full.push(words as f64 / secs);
        eprintln!("run {}: {summary}", run + 1);
    }
    println!("corpus: {} ({words} words)", input.display());
    println!(
        "reference (read JSONL + count words): {:>12.0} words/s",
        median(reference)
    );
    println!(
        "newsgraph ingest (in-memory store):   {:>12.0} words/s (median of {runs})",
        median(full)
    );
}
