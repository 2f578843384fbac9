//! Reliability: time on adversarial text against a normal article of the same
//! size, readers during the first ingest, `--store` on a folder that is no
//! store, `--force` idempotence, and `kill -9` at random moments of an ingest.

use std::collections::BTreeMap;
use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use newsgraph::doc::{Article, Lang};
use newsgraph::pipeline::{ArticleDefaults, Pipeline};

use crate::util::*;

/// A normal French article of about `bytes` bytes: the French seed and
/// development articles, each cleaned (page furniture such as "Lire aussi"
/// would make the cleaner drop the rest), one after another, again as needed
/// with each line of a copy numbered (the cleaner drops repeated lines).
fn normal_text(pipeline: &Pipeline, bytes: usize) -> String {
    let res = pipeline.resources(Lang::Fr);
    let mut articles = Vec::new();
    for folder in [seeds(), repo().join("tests/data/dev/articles")] {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::read_to_string(path.with_extension("meta.json")).unwrap_or_default();
            if path.extension().is_some_and(|e| e == "txt") && !meta.contains("\"en\"") {
                articles.push(newsgraph::clean::clean(
                    &fs::read_to_string(path).unwrap(),
                    res,
                ));
            }
        }
    }
    articles.sort();
    let mut text = String::new();
    'copies: for copy in 0.. {
        for line in articles.iter().flat_map(|a| a.lines()) {
            if text.len() >= bytes {
                break 'copies;
            }
            text.push_str(line);
            if copy > 0 && !line.trim().is_empty() {
                text.push_str(&format!(" ({copy})"));
            }
            text.push('\n');
        }
    }
    // The pipeline reads all of it.
    assert!(newsgraph::clean::clean(&text, res).len() * 10 >= text.len() * 9);
    text
}

/// `unit` repeated to about `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// Capitalised made-up words, deterministic (splitmix64), `count` of them.
fn capitalised_words(count: usize) -> String {
    let mut state = 7u64;
    let mut words = Vec::new();
    for _ in 0..count {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let mut w = String::from((b'A' + (z % 26) as u8) as char);
        for k in 0..5 {
            w.push((b'a' + ((z >> (8 + 5 * k)) % 26) as u8) as char);
        }
        words.push(w);
    }
    words.join(" ")
}

/// CPU time of this thread so far, so that other processes on the machine
/// do not skew the comparison (wall time where there is no such clock).
fn cpu_seconds(wall: Instant) -> f64 {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid, writable timespec.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return t.tv_sec as f64 + t.tv_nsec as f64 / 1e9;
        }
    }
    wall.elapsed().as_secs_f64()
}

/// Seconds the whole pipeline takes on a text (best of three runs).
fn seconds(pipeline: &Pipeline, text: &str) -> f64 {
    let mut best = f64::MAX;
    let wall = Instant::now();
    for _ in 0..3 {
        let article = Article {
            id: "t".into(),
            source_file: "t.txt".into(),
            lang: Some(Lang::Fr),
            text: text.into(),
            ..Article::default()
        };
        let started = cpu_seconds(wall);
        let doc = pipeline
            .process(article, &ArticleDefaults::default())
            .expect("process");
        let quads = newsgraph::rdf::to_quads(&doc, &pipeline.kb);
        assert!(!quads.is_empty());
        best = best.min(cpu_seconds(wall) - started);
    }
    best
}

/// The worst ratio of the time each text takes to the time a normal article
/// of the same size takes, measured in the same run, with a report.
fn worst_ratio(pipeline: &Pipeline, texts: &[(&str, String)]) -> (f64, String) {
    let mut report = Vec::new();
    let mut worst = 0.0f64;
    for (name, text) in texts {
        let normal = normal_text(pipeline, text.len());
        let base = seconds(pipeline, &normal);
        let secs = seconds(pipeline, text);
        report.push(format!(
            "{name} ({} bytes): {secs:.3} s, normal article ({} bytes): {base:.3} s, {:.1}×",
            text.len(),
            normal.len(),
            secs / base
        ));
        worst = worst.max(secs / base);
    }
    let report = report.join("; ");
    eprintln!("{report}");
    (worst, report)
}

#[test]
fn adversarial_text_takes_no_longer_than_a_normal_article_of_the_same_size() {
    let pipeline = Pipeline::new().unwrap();
    let size = 72_000;
    let nesting = 3_000;
    let texts = [
        (
            "a long run without punctuation",
            repeat_to("Lavrov a reçu Bayramov à Moscou ", size),
        ),
        ("5,000 repeated names", "Sergueï Lavrov ".repeat(5_000)),
        (
            "deep parentheses and quotes",
            format!(
                "{}{}{}",
                "(« ".repeat(nesting),
                repeat_to("Lavrov a reçu Bayramov. ", size),
                " »)".repeat(nesting)
            ),
        ),
        (
            "one comma-separated list",
            repeat_to("Lavrov, Bayramov et Mirzoyan, ", size),
        ),
    ];
    let (worst, report) = worst_ratio(&pipeline, &texts);
    assert!(worst < 10.0, "{worst:.1}× a normal article: {report}");
}

/// 10,000 distinct names: resolution once compared each new name with every
/// entity of the article so far (about 50 times a normal article of the same
/// size); it now looks names up in maps kept as entities are added.
#[test]
fn many_distinct_names_take_no_longer_than_a_normal_article_of_the_same_size() {
    let pipeline = Pipeline::new().unwrap();
    let texts = [("10,000 capitalised words", capitalised_words(10_000))];
    let (worst, report) = worst_ratio(&pipeline, &texts);
    assert!(worst < 10.0, "{worst:.1}× a normal article: {report}");
}

#[test]
fn a_non_empty_folder_that_is_no_store_is_refused_and_left_alone() {
    let dir = tempdir();
    let mine = dir.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mes notes").unwrap();
    for args in [
        &["ingest", "--store", "mine"][..],
        &["load", "--store", "mine"][..],
    ] {
        let out = fails(
            newsgraph(dir.path())
                .args(args)
                .arg(seeds().join("000_3c57f9c0ec23426f.txt")),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("not a newsgraph store"), "{stderr}");
    }
    let out = fails(newsgraph(dir.path()).args(["stats", "--store", "mine"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a newsgraph store"));
    let left: Vec<_> = fs::read_dir(&mine)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["notes.txt"], "nothing written into the folder");
    // Nor beside it.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // An empty folder becomes a store.
    fs::create_dir(dir.path().join("empty")).unwrap();
    ok(newsgraph(dir.path())
        .args(["ingest", "--store", "empty"])
        .arg(seeds()));
    ok(newsgraph(dir.path()).args(["stats", "--store", "empty"]));
}

#[test]
fn readers_during_the_first_ingest_see_no_store_or_a_whole_one() {
    let dir = tempdir();
    let mut writer = newsgraph(dir.path())
        .args(["ingest", "--store", "db"])
        .arg(seeds())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut outcomes = Vec::new();
    loop {
        let done = writer.try_wait().unwrap().is_some();
        let out = newsgraph(dir.path())
            .args(["stats", "--store", "db"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() {
            outcomes.push("read".to_string());
        } else {
            assert!(
                stderr.contains("no store here") || stderr.contains("being created"),
                "a reader saw a half-created store: {stderr}"
            );
            outcomes.push(stderr);
        }
        if done {
            break;
        }
    }
    assert!(writer.wait().unwrap().success());
    assert_eq!(outcomes.last().map(String::as_str), Some("read"));
}

#[test]
fn forced_reingest_gives_exactly_the_same_quads() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let first = sorted_quads(dir.path(), "db");
    ok(newsgraph(dir.path())
        .args(["ingest", "--force", "--store", "db"])
        .arg(seeds()));
    assert_eq!(sorted_quads(dir.path(), "db"), first);
    // An article edited so that it no longer mentions an entity leaves no
    // description of it behind: the store equals one that only saw the new text.
    let one = dir.path().join("one.txt");
    fs::write(&one, "Le président russe Vladimir Poutine a reçu à Moscou le président turc Recep Tayyip Erdogan.").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db2", "--lang", "fr", "one.txt"]));
    fs::write(&one, "Le président russe Vladimir Poutine a parlé.").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db2", "--lang", "fr", "one.txt"]));
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db3", "--lang", "fr", "one.txt"]));
    let edited = sorted_quads(dir.path(), "db2");
    assert!(
        !edited.iter().any(|q| q.contains("erdogan")),
        "orphan entity left"
    );
    assert_eq!(edited, sorted_quads(dir.path(), "db3"));
}

/// `count` articles in JSONL, each a seed or development article under a fresh id.
fn articles_jsonl(count: usize) -> String {
    let texts: Vec<String> = article_files()
        .into_iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    (0..count)
        .map(|i| {
            let text = &texts[i % texts.len()];
            let line =
                serde_json::json!({"id": format!("k{i:04}"), "date": "2024-05-01", "text": text});
            format!("{line}\n")
        })
        .collect()
}

/// Each article graph of a dump: its IRI and its quads.
fn article_graphs(quads: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut graphs = BTreeMap::new();
    for q in quads {
        // The graph is the last term of an N-Quads line.
        let graph = q
            .trim_end()
            .trim_end_matches('.')
            .trim_end()
            .rsplit(' ')
            .next();
        if let Some(g) = graph.filter(|g| g.starts_with("<https://w3id.org/newsgraph/article/")) {
            graphs
                .entry(g.to_string())
                .or_insert_with(Vec::new)
                .push(q.clone());
        }
    }
    graphs
}

/// Ingest `articles` articles `runs` times, each run killed with SIGKILL
/// after a delay drawn from a fixed seed (up to the time of a whole run)
/// unless it ends first. After a kill, every article graph in the store is
/// the one of an uninterrupted run, or absent; a run that ends, resuming what
/// killed runs left, gives exactly the quads of an uninterrupted run (and the
/// next run starts on a fresh store). Returns the number of kills.
pub fn kill_loop(articles: usize, runs: usize, seed: u64) -> usize {
    let dir = tempdir();
    fs::write(dir.path().join("in.jsonl"), articles_jsonl(articles)).unwrap();
    let ingest = |store: &str| {
        let mut cmd = newsgraph(dir.path());
        cmd.args(["ingest", "--lang", "fr", "--store", store, "in.jsonl"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };
    let started = Instant::now();
    assert!(ingest("whole").status().unwrap().success());
    let uninterrupted = started.elapsed();
    let whole = sorted_quads(dir.path(), "whole");
    let whole_graphs = article_graphs(&whole);
    assert_eq!(whole_graphs.len(), articles);
    let mut state = seed;
    let (mut killed, mut converged) = (0, 0);
    for _ in 0..runs {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let z = (state ^ (state >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let delay = Duration::from_millis(z % (uninterrupted.as_millis() as u64 + 1));
        let mut child = ingest("db").spawn().unwrap();
        let spawned = Instant::now();
        while spawned.elapsed() < delay && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let was_killed = child.try_wait().unwrap().is_none();
        if was_killed {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        let status = child.wait().unwrap();
        if !was_killed {
            assert!(status.success());
            assert!(
                sorted_quads(dir.path(), "db") == whole,
                "a resumed run did not converge"
            );
            converged += 1;
            fs::remove_dir_all(dir.path().join("db")).unwrap();
            continue;
        }
        if !dir.path().join("db").exists() {
            continue;
        }
        let partial = sorted_quads(dir.path(), "db");
        for (graph, quads) in article_graphs(&partial) {
            assert!(
                whole_graphs.get(&graph) == Some(&quads),
                "{graph} is incomplete after a kill"
            );
        }
    }
    assert!(ingest("db").status().unwrap().success());
    assert!(
        sorted_quads(dir.path(), "db") == whole,
        "the final run did not converge"
    );
    eprintln!(
        "kill loop: {articles} articles, {killed} kills in {runs} runs, {} convergences checked, uninterrupted run {:.2} s",
        converged + 1,
        uninterrupted.as_secs_f64()
    );
    killed
}

#[test]
fn killed_ingests_leave_every_article_whole_or_absent_and_converge() {
    assert!(kill_loop(60, 4, 20_261_202) > 0, "no run was killed");
}

/// The long run (`benches/kill-loop.sh`): `NEWSGRAPH_KILLS` runs (default 30),
/// killed at random moments, of an ingest of 200 articles.
#[test]
#[ignore]
fn kill_loop_long() {
    let kills = std::env::var("NEWSGRAPH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(30);
    let seed = std::env::var("NEWSGRAPH_SEED")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(1);
    kill_loop(200, kills, seed);
}

/// A megabyte of run-on text (one line, no full stop) once peaked at 3.6
/// times the memory of a megabyte of normal prose (963 MB): `extract` held
/// every quad twice, in a list and an in-memory store. It now prints each
/// quad as it is made.
#[cfg(target_os = "linux")]
#[test]
fn a_megabyte_run_on_article_needs_no_more_memory_than_normal_prose() {
    let dir = tempdir();
    let pipeline = Pipeline::new().unwrap();
    let size = 1 << 20;
    fs::write(dir.path().join("normal.txt"), normal_text(&pipeline, size)).unwrap();
    fs::write(
        dir.path().join("run-on.txt"),
        repeat_to("Lavrov a reçu Bayramov à Moscou ", size),
    )
    .unwrap();
    drop(pipeline);
    let normal = extract_peak_kib(dir.path(), "normal.txt");
    let run_on = extract_peak_kib(dir.path(), "run-on.txt");
    let ratio = run_on as f64 / normal as f64;
    eprintln!(
        "peak RSS: run-on {} MiB, normal prose {} MiB, {ratio:.2}×",
        run_on >> 10,
        normal >> 10
    );
    assert!(ratio < 2.0, "run-on article: {ratio:.2}× the memory of normal prose ({run_on} KiB against {normal} KiB)");
}

/// `extract` prints exactly the quads that `ingest` stores for an article.
#[test]
fn extract_prints_what_ingest_stores() {
    let dir = tempdir();
    let seed = seeds().join("000_3c57f9c0ec23426f.txt");
    let mut printed: Vec<String> = ok(newsgraph(dir.path())
        .args(["extract", "--format", "nquads"])
        .arg(&seed))
    .lines()
    .map(str::to_string)
    .collect();
    printed.sort();
    ok(newsgraph(dir.path())
        .args(["ingest", "--store", "db"])
        .arg(&seed));
    // The store adds what spans articles: preferred labels and its counts.
    let (added, stored): (Vec<String>, Vec<String>) = sorted_quads(dir.path(), "db")
        .into_iter()
        .partition(|q| store_addition(q));
    assert!(printed.len() > 50);
    assert_eq!(printed, stored);
    assert!(added.len() > 10, "{added:?}");
}
