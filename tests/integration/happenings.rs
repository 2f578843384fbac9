//! One node per happening: the seeds' 9 October 2020 Moscow meeting is one
//! row of `who-met-whom` with its several sources, canonical happenings do not
//! depend on ingest order, and re-ingesting leaves no happening behind.

use std::fs;
use std::path::Path;

use crate::util::*;

/// The seed articles, in name order.
fn seed_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn who_met_whom_lists_the_moscow_meeting_once_with_its_sources() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let out = ok(newsgraph(dir.path())
        .args(["query", "--store", "db", "--format", "tsv"])
        .arg(repo().join("queries/who-met-whom.rq")));
    let header = out.lines().next().unwrap_or_default().to_string();
    let column = |name: &str| {
        header
            .split('\t')
            .position(|c| c.trim_start_matches('?') == name)
            .unwrap_or_else(|| panic!("no {name} column in {header}"))
    };
    let (participants, sources) = (column("participants"), column("sources"));
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .filter(|r: &Vec<&str>| {
            r.join(" ").contains("2020-10-09")
                && r.join(" ").contains("Moscou")
                // The two ministers, or the states they stand for as the
                // extractor reads them today ("les chefs de la diplomatie
                // arménienne et azerbaïdjanaise").
                && [["Mnatsakanian", "Arménie"], ["Baïramov", "Azerbaïdjan"]]
                    .iter()
                    .all(|names| names.iter().any(|n| r[participants].contains(n)))
        })
        .collect();
    assert_eq!(rows.len(), 1, "one row for the Moscow meeting:\n{out}");
    let n: u32 = rows[0][sources]
        .trim_matches('"')
        .split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap_or_else(|_| panic!("a number of sources: {:?}", rows[0][sources]));
    assert!(n >= 3, "three seed articles report it:\n{out}");
}

fn ingest_one_by_one(dir: &Path, files: &[std::path::PathBuf]) -> String {
    for f in files {
        ok(newsgraph(dir).args(["ingest", "--store", "db"]).arg(f));
    }
    let out = ok(newsgraph(dir).args(["export", "--store", "db", "--format", "nquads"]));
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

#[test]
fn ingest_order_does_not_change_the_graph() {
    let files = seed_files();
    let reversed: Vec<_> = files.iter().rev().cloned().collect();
    let (a, b) = (tempdir(), tempdir());
    let forward = ingest_one_by_one(a.path(), &files);
    let backward = ingest_one_by_one(b.path(), &reversed);
    let only = |x: &str, y: &str| {
        let y: std::collections::HashSet<&str> = y.lines().collect();
        x.lines()
            .filter(|l| !y.contains(l))
            .take(10)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        forward == backward,
        "only in forward order:\n{}\nonly in backward order:\n{}",
        only(&forward, &backward),
        only(&backward, &forward)
    );
    assert!(forward.contains("<https://w3id.org/newsgraph/graph/events>"));
}

#[test]
fn reingesting_an_article_leaves_no_stale_happening() {
    let dir = tempdir();
    let one = dir.path().join("one.txt");
    let happenings = "SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/graph/events> { ?h a <https://w3id.org/newsgraph/ontology#Happening> } }";
    fs::write(
        &one,
        "Le président russe Vladimir Poutine a reçu jeudi 8 octobre 2020 à Moscou le président turc Recep Tayyip Erdogan.",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "one.txt"]));
    assert_eq!(count(dir.path(), happenings), 1);
    fs::write(
        &one,
        "Le président russe Vladimir Poutine a reçu vendredi 9 octobre 2020 à Moscou le président turc Recep Tayyip Erdogan.",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "one.txt"]));
    assert_eq!(
        count(dir.path(), happenings),
        1,
        "the 8 October one is gone"
    );
    fs::write(&one, "Le président russe Vladimir Poutine a parlé.").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "one.txt"]));
    assert_eq!(count(dir.path(), happenings), 0);
}
