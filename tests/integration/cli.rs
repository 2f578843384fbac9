//! The command line on the seed articles: ingest, query, stats, extract, errors.

use std::fs;

use crate::util::*;

#[test]
fn ingest_seeds_reports_a_summary_and_fills_the_store() {
    let dir = tempdir();
    let stderr = ingest_seeds(dir.path());
    assert!(stderr.contains("5 articles ingested"), "{stderr}");
    assert_eq!(count(dir.path(), "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }"), 5);
    let stats = ok(newsgraph(dir.path()).args(["stats", "--store", "db"]));
    assert!(stats.contains("NewsArticle"), "{stats}");
    assert!(stats.contains("Consult"), "{stats}");
}

/// The summary's "the store holds E entities, V events, Q quads".
fn summary_totals(stderr: &str) -> [u64; 3] {
    let held = stderr
        .rsplit("the store holds ")
        .next()
        .unwrap_or_else(|| panic!("no totals in {stderr}"));
    let numbers: Vec<u64> = held
        .split([' ', ','])
        .filter_map(|w| w.parse().ok())
        .collect();
    numbers[..3]
        .try_into()
        .unwrap_or_else(|_| panic!("{stderr}"))
}

/// The same figures from `stats --format json`: Person, Organization and
/// Place summed; the PLOVER event classes summed; quads.
fn stats_totals(dir: &std::path::Path) -> [u64; 3] {
    let json: serde_json::Value = serde_json::from_str(&ok(
        newsgraph(dir).args(["stats", "--store", "db", "--format", "json"])
    ))
    .unwrap();
    let n = |key: &str| json[key].as_u64().unwrap_or(0);
    let entities = ["Person", "Organization", "Place"].map(n).iter().sum();
    let events = newsgraph::plover::Plover::ALL
        .iter()
        .map(|&p| {
            let class = newsgraph::rdf::vocab::event_class(p);
            n(class.rsplit('#').next().unwrap())
        })
        .sum();
    [entities, events, n("quads")]
}

#[test]
fn the_ingest_summary_gives_the_figures_of_stats() {
    let dir = tempdir();
    let first = ingest_seeds(dir.path());
    let totals = stats_totals(dir.path());
    assert!(totals.iter().all(|&n| n > 0), "{totals:?}");
    assert_eq!(summary_totals(&first), totals, "{first}");
    // Another article added: the summary still speaks of the whole store.
    let later = &article_files()[article_files().len() - 1];
    let second = ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--store", "db"])
            .arg(later),
    );
    assert!(second.contains("1 articles ingested"), "{second}");
    let grown = stats_totals(dir.path());
    assert!(grown[2] > totals[2]);
    assert_eq!(summary_totals(&second), grown, "{second}");
    // --quiet: nothing on stderr when all goes well, the error line otherwise.
    let quiet = ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--quiet", "--force", "--store", "db"])
            .arg(seeds()),
    );
    assert!(quiet.is_empty(), "{quiet}");
    let out =
        fails(newsgraph(dir.path()).args(["--quiet", "ingest", "--store", "db", "nowhere.txt"]));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn reingest_replaces_without_doubling_or_losing() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let all = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = count(dir.path(), all);
    // Unchanged articles are skipped...
    let stderr = ingest_seeds(dir.path());
    assert!(stderr.contains("5 unchanged"), "{stderr}");
    // ...and forced ones replaced, quad for quad.
    ok(newsgraph(dir.path())
        .args(["ingest", "--force", "--store", "db"])
        .arg(seeds()));
    assert_eq!(count(dir.path(), all), before);
    // An edited article replaces its graph: the old sentence's facts are gone.
    let one = dir.path().join("one.txt");
    fs::write(&one, "Le président russe Vladimir Poutine a reçu à Moscou le président turc Recep Tayyip Erdogan.").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "one.txt"]));
    let events = "SELECT (COUNT(?v) AS ?n) WHERE { GRAPH <https://w3id.org/newsgraph/article/one.txt> { ?v a ?t . ?v <https://w3id.org/newsgraph/ontology#plover> ?p } }";
    assert_eq!(count(dir.path(), events), 1);
    fs::write(&one, "Le président russe Vladimir Poutine a parlé.").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "one.txt"]));
    assert_eq!(count(dir.path(), events), 0);
    assert_eq!(count(dir.path(), "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }"), 6);
}

#[test]
fn every_ready_query_runs() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let mut queries: Vec<_> = fs::read_dir(repo().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 8, "at least eight ready queries");
    for q in queries {
        let text = fs::read_to_string(&q).unwrap();
        assert!(
            text.trim_start().starts_with('#'),
            "{}: starts with a comment saying what it answers",
            q.display()
        );
        ok(newsgraph(dir.path())
            .args(["query", "--store", "db"])
            .arg(&q));
    }
    let met = ok(newsgraph(dir.path())
        .args(["query", "--store", "db"])
        .arg(repo().join("queries/who-met-whom.rq")));
    assert!(met.contains("Lavrov"), "{met}");
}

#[test]
fn extract_prints_quads_without_a_store() {
    let dir = tempdir();
    let out = ok(newsgraph(dir.path())
        .arg("extract")
        .arg(seeds().join("001_b617dd899654c503.txt")));
    assert!(out.lines().count() > 50);
    assert!(out
        .contains("<https://w3id.org/newsgraph/ontology#sourceFile> \"001_b617dd899654c503.txt\""));
    assert!(!dir.path().join("newsgraph.db").exists());
}

#[test]
fn bad_input_gives_one_clear_line_and_a_non_zero_exit() {
    let dir = tempdir();
    let out = fails(newsgraph(dir.path()).args(["ingest", "--store", "db", "missing.txt"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    let out = fails(newsgraph(dir.path()).args(["query", "--store", "nowhere", "-e", "ASK {}"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store"));
    fs::write(
        dir.path().join("bad.jsonl"),
        "{\"text\": \"ok\"}\nnot json\n",
    )
    .unwrap();
    let out = fails(newsgraph(dir.path()).args(["ingest", "--store", "db", "bad.jsonl"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:2"));
    ingest_seeds(dir.path());
    let out = fails(newsgraph(dir.path()).args(["query", "--store", "db", "-e", "SELEKT ?x"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SPARQL"));
    fails(newsgraph(dir.path()).args(["export", "--store", "db", "--graph", "nope.txt"]));
    fails(newsgraph(dir.path()).args(["ingest", "--store", "db", "--date", "9 octobre", "x.txt"]));
}

#[test]
fn jsonl_and_html_inputs_are_read() {
    let dir = tempdir();
    fs::write(
        dir.path().join("a.jsonl"),
        "{\"id\": \"a1\", \"lang\": \"en\", \"date\": \"2020-10-09\", \"text\": \"Russian Foreign Minister Sergei Lavrov met Armenian Foreign Minister Zohrab Mnatsakanyan in Moscow on Friday.\"}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.html"),
        "<html lang=\"fr\"><head><title>T</title><meta property=\"article:published_time\" content=\"2020-10-09\"></head><body><nav>Accueil</nav><article><h1>Rencontre à Moscou</h1><p>Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu vendredi à Moscou son homologue arménien Zohrab Mnatsakanian.</p></article><footer>Partager cet article</footer></body></html>",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "a.jsonl", "b.html"]));
    let rows = count_rows(
        dir.path(),
        "SELECT DISTINCT ?d WHERE { GRAPH ?d { ?v a <https://w3id.org/newsgraph/ontology#Consult> ; <https://w3id.org/newsgraph/ontology#actor> <https://w3id.org/newsgraph/entity/sergey-lavrov> } }",
    );
    assert_eq!(
        rows, 2,
        "one CONSULT by Lavrov in each article, one node for both spellings"
    );
}

#[test]
fn stdin_articles_keep_apart() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempdir();
    for text in [
        "Vladimir Poutine a reçu Recep Tayyip Erdogan à Moscou.",
        "Xi Jinping a rencontré Joe Biden à Pékin.",
    ] {
        let mut child = newsgraph(dir.path())
            .args(["ingest", "--store", "db", "--lang", "fr", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        assert!(child.wait_with_output().unwrap().status.success());
    }
    let consults = "SELECT (COUNT(?v) AS ?n) WHERE { GRAPH ?g { ?v a <https://w3id.org/newsgraph/ontology#Consult> } }";
    assert_eq!(count(dir.path(), consults), 2);
}

#[test]
fn an_unknown_article_id_names_the_close_ones() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    for wanted in ["000_3c57", "000_3c57f9c0ec23426f0", "000_3C57F9C0EC23426F"] {
        let out = fails(newsgraph(dir.path()).args([
            "export", "--store", "db", "--graph", wanted, "--format", "nquads",
        ]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("no such article graph")
                && stderr.contains("close: 000_3c57f9c0ec23426f"),
            "{wanted}: {stderr}"
        );
    }
    let out = fails(newsgraph(dir.path()).args(["export", "--store", "db", "--graph", "zzz"]));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("close:"));
}

#[test]
fn queries_may_use_the_project_prefixes_without_declaring_them() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let full = count(
        dir.path(),
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v a <https://w3id.org/newsgraph/ontology#Consult> ; <https://schema.org/startDate> ?d } }",
    );
    assert!(full > 0);
    let short = count(
        dir.path(),
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v a ng:Consult ; schema:startDate ?d } }",
    );
    assert_eq!(short, full);
    // A query's own PREFIX still wins.
    let own = count(
        dir.path(),
        "PREFIX ng: <http://example.org/> SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?v a ng:Consult } }",
    );
    assert_eq!(own, 0);
}

/// `--max-article-bytes` lowers the article limit: a bigger file is refused
/// on one line, a bigger JSONL line is skipped and the others are stored.
#[test]
fn max_article_bytes_limits_files_and_jsonl_lines() {
    let dir = tempdir();
    let short = "Sergueï Lavrov a reçu Djeyhoun Baïramov à Moscou.";
    let long = short.repeat(10);
    std::fs::write(dir.path().join("long.txt"), &long).unwrap();
    let out =
        fails(newsgraph(dir.path()).args(["extract", "--max-article-bytes", "200", "long.txt"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("over the 200 bytes article limit"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    // Under the default limit the same file is an article.
    ok(newsgraph(dir.path()).args(["extract", "long.txt"]));
    let feed = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "short", "lang": "fr", "text": short}),
        serde_json::json!({"id": "long", "lang": "fr", "text": long})
    );
    std::fs::write(dir.path().join("feed.jsonl"), feed).unwrap();
    let out = newsgraph(dir.path())
        .args([
            "ingest",
            "--store",
            "db",
            "--max-article-bytes",
            "200",
            "feed.jsonl",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl:2: line over the 200 bytes article limit"),
        "{stderr}"
    );
    let articles = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }";
    assert_eq!(count(dir.path(), articles), 1, "{stderr}");
}

/// `query` keeps its answers on disk: asked again on the same store it is
/// answered from there (a kept answer altered by hand shows, which proves
/// the store was not read), never after a write to the store, never with
/// `--cache-mb 0`, never for a query with `RAND()`.
#[test]
fn query_answers_are_kept_until_the_store_changes() {
    let dir = tempdir();
    let answers = dir.path().join("answers");
    let query = |extra: &[&str], sparql: &str| {
        ok(newsgraph(dir.path())
            .env("NEWSGRAPH_CACHE_DIR", &answers)
            .args(["query", "--store", "db", "--format", "csv"])
            .args(extra)
            .args(["-e", sparql]))
    };
    let articles =
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a schema:NewsArticle } }";
    let kept = || -> Vec<std::path::PathBuf> {
        fs::read_dir(&answers)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    };
    ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--store", "db"])
            .arg(seeds().join("000_3c57f9c0ec23426f.txt")),
    );
    assert_eq!(query(&[], articles), "n\r\n1\r\n");
    let files = kept();
    assert_eq!(files.len(), 1, "one answer kept: {files:?}");
    fs::write(&files[0], "n\r\n41\r\n").unwrap();
    assert_eq!(
        query(&[], articles),
        "n\r\n41\r\n",
        "answered from the kept file"
    );
    assert_eq!(query(&["--cache-mb", "0"], articles), "n\r\n1\r\n");
    let random = "SELECT (RAND() < 2 AS ?r) WHERE {}";
    query(&[], random);
    assert_eq!(kept().len(), 1, "a RAND() answer is not kept");
    // A write makes a new version of the store: computed again, and kept.
    ok_stderr(
        newsgraph(dir.path())
            .args(["ingest", "--store", "db"])
            .arg(seeds().join("001_b617dd899654c503.txt")),
    );
    assert_eq!(query(&[], articles), "n\r\n2\r\n");
    assert_eq!(query(&[], articles), "n\r\n2\r\n");
    assert_eq!(kept().len(), 2);
}
