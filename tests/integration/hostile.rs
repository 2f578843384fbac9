//! Hostile inputs in one folder: each bad part is reported on one line and
//! skipped, the good articles are stored, and nothing hangs or panics.

use std::fs;
use std::time::Instant;

use crate::util::*;

#[test]
fn a_folder_of_hostile_files_stores_the_good_articles_and_reports_each_bad_one() {
    let dir = tempdir();
    let input = dir.path().join("in");
    let sub = input.join("sub");
    fs::create_dir_all(&sub).unwrap();
    let lede = "Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu à Moscou son homologue arménien.";
    fs::write(input.join("good.txt"), lede).unwrap();
    // One bad line among good ones skips that line only.
    fs::write(
        input.join("feed.jsonl"),
        format!(
            "{}\n{{not json\n{}\n",
            serde_json::json!({"id": "f1", "lang": "fr", "text": lede}),
            serde_json::json!({"id": "f2", "lang": "en", "text": "Antony Blinken met Wang Yi in Beijing."})
        ),
    )
    .unwrap();
    // 100,000 nested elements, closed and unclosed.
    let deep = "<div>".repeat(100_000);
    fs::write(
        input.join("deep.html"),
        format!("<html><body>{deep}<p>x</p>"),
    )
    .unwrap();
    // A file name that would drive the terminal, and control characters inside.
    fs::write(sub.join("evil\u{1b}[31m.txt"), format!("{lede}\u{0}\u{7}")).unwrap();
    fs::write(sub.join("latin1.txt"), b"Le pr\xe9sident a parl\xe9.").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, sub.join("loop")).unwrap();

    let started = Instant::now();
    let out = newsgraph(dir.path())
        .args(["ingest", "--store", "db", "--lang", "fr", "in"])
        .output()
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(secs < 60.0, "took {secs:.1} s");
    assert!(!out.status.success(), "bad parts make the status non-zero");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "raw control characters: {stderr:?}"
    );
    for needle in ["feed.jsonl:2", "deep.html", "latin1.txt"] {
        assert!(stderr.contains(needle), "no message for {needle}: {stderr}");
    }
    #[cfg(unix)]
    assert!(
        stderr.contains("loop"),
        "no message for the link loop: {stderr}"
    );
    // good.txt, two JSONL lines and the file with the hostile name.
    let articles = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }";
    assert_eq!(count(dir.path(), articles), 4, "{stderr}");
    // What was stored exports as RDF that parses back.
    ok(newsgraph(dir.path()).args([
        "export", "--store", "db", "--format", "nquads", "-o", "all.nq",
    ]));
    ok(newsgraph(dir.path()).args(["load", "--store", "db2", "all.nq"]));
}
