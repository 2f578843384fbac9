//! The hostile-file corpus (`hostile_corpus.rs`) ingested kind by kind, each
//! into a store of its own (the exit status, exactly one message per refused
//! file, naming it with control characters escaped, no panic, a time bound),
//! then all together in one folder (the good articles stored, and the graph
//! exported in every RDF format and parsed back by `load` and by rdflib).
//! `benches/hostile.sh` times and measures the same corpus (`hostile_figures`).

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

use crate::hostile_corpus::*;
use crate::util::*;

/// The lines of an ingest's stderr about one input (not the summary lines).
pub fn messages(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.contains(" articles ingested (") && !l.contains("input(s) failed;"))
        .collect()
}

pub const ARTICLES: &str = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }";

fn ingest(dir: &Path) -> (Output, f64) {
    let started = Instant::now();
    let out = newsgraph(dir)
        .args(["ingest", "--store", "db", "--lang", "fr", "in"])
        .output()
        .unwrap();
    (out, started.elapsed().as_secs_f64())
}

/// No panic, no raw control or direction character on the terminal.
fn assert_clean(kind: &str, stderr: &str) {
    assert!(!stderr.contains("panicked"), "{kind}: {stderr}");
    let raw = stderr
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || newsgraph::text::is_bidi_control(c));
    assert!(raw.is_none(), "{kind}: raw {raw:?} in {stderr:?}");
}

#[test]
fn each_hostile_kind_alone_is_stored_or_refused_with_one_escaped_message() {
    if is_root() {
        eprintln!("running as root: the unreadable file and folder are left out");
    }
    let dir = tempdir();
    for (i, hostile) in makeable().iter().enumerate() {
        let kind = hostile.kind;
        let here = dir.path().join(format!("{i:02}-{kind}"));
        write(hostile, &here.join("in"));
        let (out, secs) = ingest(&here);
        unlock(hostile, &here.join("in"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(secs < 30.0, "{kind}: took {secs:.1} s");
        assert_clean(kind, &stderr);
        let messages = messages(&stderr);
        match &hostile.refused {
            None => {
                assert!(out.status.success(), "{kind}: {stderr}");
                assert!(messages.is_empty(), "{kind}: {messages:?}");
            }
            Some((name, word)) => {
                assert_eq!(out.status.code(), Some(2), "{kind}: {stderr}");
                assert_eq!(messages.len(), 1, "{kind}: one message: {messages:?}");
                let line = messages[0];
                assert!(line.starts_with("newsgraph: "), "{kind}: {line}");
                assert!(
                    line.contains(name.as_str()),
                    "{kind}: {name} not named: {line}"
                );
                assert!(line.contains(word), "{kind}: no {word:?} in {line}");
            }
        }
        assert_eq!(count(&here, ARTICLES), hostile.articles, "{kind}: {stderr}");
    }
}

#[test]
fn all_hostile_kinds_together_store_the_good_articles_and_export_in_every_rdf_format() {
    let dir = tempdir();
    let d = dir.path();
    let corpus = makeable();
    for hostile in &corpus {
        write(hostile, &d.join("in").join(hostile.kind));
    }
    let (out, secs) = ingest(d);
    for hostile in &corpus {
        unlock(hostile, &d.join("in").join(hostile.kind));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(secs < 60.0, "took {secs:.1} s");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_clean("all", &stderr);
    let refused: Vec<_> = corpus.iter().filter_map(|h| h.refused.as_ref()).collect();
    let messages = messages(&stderr);
    assert_eq!(
        messages.len(),
        refused.len(),
        "one message per bad file: {messages:?}"
    );
    for (name, word) in refused {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(name.as_str()) && m.contains(word)),
            "no message for {name}: {messages:?}"
        );
    }
    let stored: u64 = corpus.iter().map(|h| h.articles).sum();
    assert_eq!(count(d, ARTICLES), stored, "{stderr}");
    // No stored text keeps a byte-order mark or a carriage return.
    let marks = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER (isLiteral(?o) && REGEX(STR(?o), \"[\\uFEFF\\r]\")) } }";
    assert_eq!(count(d, marks), 0);
    crate::hostile_rdf::every_rdf_format_parses_back(d);
}

/// Per kind, alone: wall time, peak RSS (`/usr/bin/time -v`), exit status,
/// the first message; the table of the README (`bash benches/hostile.sh`).
#[test]
#[ignore]
fn hostile_figures() {
    println!();
    let time = Path::new("/usr/bin/time");
    assert!(time.exists(), "needs GNU time (apt-get install time)");
    println!("| kind | wall s | peak RSS MiB | exit | message (first line) |");
    println!("|---|---:|---:|---:|---|");
    let dir = tempdir();
    for (i, hostile) in makeable().iter().enumerate() {
        let here = dir.path().join(format!("{i:02}"));
        write(hostile, &here.join("in"));
        let out = Command::new(time)
            .arg("-v")
            .arg(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["ingest", "--store", "db", "--lang", "fr", "in"])
            .current_dir(&here)
            .output()
            .unwrap();
        unlock(hostile, &here.join("in"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let field = |key: &str| {
            stderr
                .lines()
                .find_map(|l| l.trim().strip_prefix(key))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
        let secs: f64 = wall.split(':').fold(0.0, |acc, part| {
            acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
        });
        let kib: f64 = field("Maximum resident set size (kbytes):")
            .parse()
            .unwrap_or(0.0);
        let message = messages(&stderr)
            .into_iter()
            .find(|l| l.starts_with("newsgraph: "))
            .map(|l| l.trim_start_matches("newsgraph: ").replace('|', "\\|"))
            .unwrap_or_else(|| "—".into());
        let message: String = message.chars().take(140).collect();
        println!(
            "| {} | {secs:.2} | {:.0} | {} | {message} |",
            hostile.kind,
            kib / 1024.0,
            out.status.code().unwrap_or(-1)
        );
    }
    if is_root() {
        println!("(run as root: the unreadable file and folder are left out)");
    }
}
