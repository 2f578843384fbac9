//! `newsgraph events train` then `events eval` on the annotated sentences of
//! `tests/data/events` (never `../shared`).

use crate::util::*;

fn corpus(name: &str) -> std::path::PathBuf {
    repo().join("tests/data/events").join(name)
}

#[test]
fn train_then_eval_a_detector() {
    let dir = tempdir();
    let out = ok(newsgraph(dir.path())
        .args([
            "events",
            "train",
            "--lang",
            "en",
            "--epochs",
            "3",
            "-o",
            "small.bin",
        ])
        .arg("--train")
        .arg(corpus("en.train.jsonl"))
        .arg("--dev")
        .arg(corpus("en.dev.jsonl")));
    assert!(out.contains("micro"), "{out}");
    assert!(dir.path().join("small.bin").exists());
    let report = ok(newsgraph(dir.path())
        .args(["events", "eval", "--model", "small.bin"])
        .arg(corpus("en.dev.jsonl")));
    let untyped: Vec<f64> = report
        .lines()
        .find_map(|l| l.strip_prefix("untyped"))
        .expect("an untyped row")
        .split_whitespace()
        .take(3)
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(untyped[2] > 0.1, "{report}");
    // The shipped model answers too, and a bad file is one clear line.
    ok(newsgraph(dir.path())
        .args(["events", "eval", "--lang", "fr"])
        .arg(corpus("fr.dev.jsonl")));
    std::fs::write(dir.path().join("bad.jsonl"), "{\"text\": 3}\n").unwrap();
    let out = fails(newsgraph(dir.path()).args(["events", "eval", "--lang", "en", "bad.jsonl"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl:1:"), "{stderr}");
}

/// `extract --until events` prints each event with its type, mode, actors,
/// recipients, trigger, place and date, tab-separated.
#[test]
fn extract_until_events_prints_place_and_date() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("en.txt"),
        "Lavrov hosts Bayramov and Mnatsakanian in Moscow.\n",
    )
    .unwrap();
    let out = ok(newsgraph(dir.path()).args([
        "extract",
        "--lang",
        "en",
        "--date",
        "2020-10-09",
        "--until",
        "events",
        "en.txt",
    ]));
    let line = out
        .lines()
        .find(|l| l.starts_with("event\t"))
        .unwrap_or_else(|| panic!("{out}"));
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        cols,
        [
            "event",
            "CONSULT",
            "host",
            "sergey-lavrov",
            "jeyhun-bayramov,zohrab-mnatsakanyan",
            "hosts",
            "moscow",
            "2020-10-09"
        ],
        "{out}"
    );
}
