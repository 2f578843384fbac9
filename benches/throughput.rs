//! Ingest throughput on `../shared/bench/corpus.jsonl` (2,231 articles, ~700k
//! words), in words per second: the whole pipeline into an in-memory store,
//! beside a reference measured in the same run (reading the corpus and
//! counting its words), as `../shared/bench/README.md` asks. The median of
//! `BENCH_RUNS` runs (default 3). `BENCH_LIMIT=N` uses the first N articles.

use std::path::PathBuf;
use std::time::Instant;

use newsgraph::ingest::{ingest, IngestOptions};
use newsgraph::pipeline::{ArticleDefaults, Pipeline};
use newsgraph::store::GraphStore;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let corpus = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/bench/corpus.jsonl"
    ));
    if !corpus.exists() {
        eprintln!(
            "{}: not found; the benchmark needs ../shared/bench",
            corpus.display()
        );
        return;
    }
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
