//! The endpoint's result cache: repeated queries answered from memory, ETags
//! and 304, a new ingest seen at once, failures never kept, the byte budget,
//! `--cache-mb 0`, `--warm`.

use std::time::{Duration, Instant};

use crate::serve::{csv_number, curl, get, Server, CONSULT_COUNT, SLOW};
use crate::util::*;

/// A header's value in a lower-cased head from [`curl`].
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        (n.trim() == name).then(|| v.trim().to_string())
    })
}

fn x_cache(head: &str) -> String {
    header(head, "x-cache").unwrap_or_else(|| panic!("no x-cache in {head}"))
}

/// Every quad of the store's graphs, as N-Triples: well over the 64 KiB that
/// are buffered, so the answer streams.
const ALL: &str = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";

#[test]
fn repeated_queries_are_answered_from_the_cache_with_etags() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let (status, head, first) = get(&server, CONSULT_COUNT, "text/csv", &[]);
    assert_eq!(status, 200, "{head}{first}");
    assert_eq!(x_cache(&head), "miss");
    let tag = header(&head, "etag").expect("an etag");
    assert_eq!(header(&head, "cache-control").as_deref(), Some("no-cache"));
    let (status, head, second) = get(&server, CONSULT_COUNT, "text/csv", &[]);
    assert_eq!((status, x_cache(&head)), (200, "hit".to_string()));
    assert_eq!(second, first);
    assert_eq!(header(&head, "etag"), Some(tag.clone()));
    assert!(head.contains("content-type: text/csv"), "{head}");
    // POST (a query body, a form) is the same request: a hit.
    let (status, head, posted) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/csv",
        "--data-binary",
        CONSULT_COUNT,
        &server.url,
    ]);
    assert_eq!((status, x_cache(&head)), (200, "hit".into()));
    assert_eq!(posted, first);
    // Another format or another dataset is another answer.
    let (_, head, json) = get(&server, CONSULT_COUNT, "application/json", &[]);
    assert_eq!(x_cache(&head), "miss");
    assert!(json.contains("\"bindings\""), "{json}");
    assert_ne!(header(&head, "etag"), Some(tag.clone()));
    let (_, head, _) = get(
        &server,
        CONSULT_COUNT,
        "text/csv",
        &["--data-urlencode", "default-graph-uri=urn:x:none"],
    );
    assert_eq!(x_cache(&head), "miss");
    // If-None-Match with the tag: 304, no body; with another tag: the answer.
    let inm = format!("If-None-Match: {tag}");
    let (status, head, body) = get(&server, CONSULT_COUNT, "text/csv", &["-H", &inm]);
    assert_eq!((status, body.as_str()), (304, ""), "{head}");
    assert_eq!(header(&head, "etag"), Some(tag.clone()));
    let (status, _, body) = get(
        &server,
        CONSULT_COUNT,
        "text/csv",
        &["-H", "If-None-Match: \"other\""],
    );
    assert_eq!((status, csv_number(&body)), (200, csv_number(&first)));
    // HEAD as before: the media type, no body.
    let q = format!("query={CONSULT_COUNT}");
    let (status, head, _) = curl(&[
        "-I",
        "-G",
        "--data-urlencode",
        &q,
        "-H",
        "Accept: text/csv",
        &server.url,
    ]);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/csv"), "{head}");
    // A streamed answer is kept whole.
    let (status, head, all) = get(&server, ALL, "application/n-triples", &[]);
    assert_eq!((status, x_cache(&head)), (200, "miss".to_string()));
    assert!(all.len() > 200_000, "{}", all.len());
    let (_, head, again) = get(&server, ALL, "application/n-triples", &[]);
    assert_eq!(x_cache(&head), "hit");
    assert!(again == all, "the cached answer differs");
    // The time or random values: computed each time, no tag.
    for _ in 0..2 {
        let (status, head, _) = get(&server, "SELECT (NOW() AS ?t) {}", "text/csv", &[]);
        assert_eq!((status, x_cache(&head)), (200, "miss".to_string()));
        assert_eq!(header(&head, "etag"), None);
    }
}

#[test]
fn an_ingest_between_two_queries_gives_the_new_answer() {
    let dir = tempdir();
    let article = "https://w3id.org/newsgraph/article/news.txt";
    let file = dir.path().join("news.txt");
    std::fs::write(&file, "Sergueï Lavrov a reçu Djeyhoun Baïramov à Moscou.\n").unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "news.txt"]));
    let server = Server::start(dir.path(), &[]);
    let quads = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}");
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }";
    let ask = |q: &str| {
        let (status, head, body) = get(&server, q, "text/csv", &[]);
        assert_eq!(status, 200, "{head}{body}");
        (
            csv_number(&body),
            x_cache(&head),
            header(&head, "etag").unwrap(),
        )
    };
    let (before, _, tag) = ask(&quads);
    let (again, cached, _) = ask(&quads);
    assert_eq!((again, cached.as_str()), (before, "hit"));
    assert_eq!(ask(graphs).0, 1);
    // The same article, replaced by a longer text.
    std::fs::write(
        &file,
        "Sergueï Lavrov a reçu Djeyhoun Baïramov à Moscou. Le président Ilham Aliev a appelé à un cessez-le-feu au Haut-Karabakh.\n",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--lang", "fr", "news.txt"]));
    std::thread::sleep(Duration::from_millis(300));
    let (after, cached, new_tag) = ask(&quads);
    assert_eq!(cached, "miss");
    assert!(after > before, "{before} → {after}");
    assert_ne!(new_tag, tag);
    // The old tag no longer validates.
    let inm = format!("If-None-Match: {tag}");
    assert_eq!(get(&server, &quads, "text/csv", &["-H", &inm]).0, 200);
    // New articles (the count of graphs was kept for the new version).
    assert_eq!(ask(graphs).1, "miss");
    assert_eq!(ask(graphs).1, "hit");
    ingest_seeds(dir.path());
    std::thread::sleep(Duration::from_millis(300));
    let (n, cached, _) = ask(graphs);
    assert!(n > 1 && cached == "miss", "{n} {cached}");
}

#[test]
fn cancelled_and_cut_answers_are_not_cached() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(
        dir.path(),
        &[
            "--timeout",
            "2",
            "--cache-mb",
            "1024",
            "--max-memory",
            "4096",
        ],
    );
    for _ in 0..2 {
        let started = Instant::now();
        let (status, head, _) = get(&server, SLOW, "text/csv", &[]);
        assert_eq!(status, 503, "{head}");
        assert!(started.elapsed() >= Duration::from_secs(1));
    }
    // A cross product streams (1 pair in 16 kept) until the timeout cuts it.
    let cut = "CONSTRUCT { ?s ?p ?c } WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?a ?b ?c } FILTER(STRSTARTS(SHA512(CONCAT(STR(?o), STR(?c))), \"0\")) }";
    for _ in 0..2 {
        let (status, head, body) = get(&server, cut, "application/n-triples", &[]);
        assert_eq!((status, x_cache(&head)), (200, "miss".to_string()));
        assert!(body.len() > 64 * 1024, "{}", body.len());
    }
}

#[test]
fn a_zero_budget_disables_the_cache() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &["--cache-mb", "0"]);
    let mut tags = Vec::new();
    for _ in 0..3 {
        let (status, head, _) = get(&server, CONSULT_COUNT, "text/csv", &[]);
        assert_eq!((status, x_cache(&head)), (200, "miss".to_string()));
        tags.push(header(&head, "etag").unwrap());
    }
    // The tags still validate: they come from the store, not the cache.
    assert!(tags.windows(2).all(|w| w[0] == w[1]));
    let inm = format!("If-None-Match: {}", tags[0]);
    assert_eq!(
        get(&server, CONSULT_COUNT, "text/csv", &["-H", &inm]).0,
        304
    );
}

#[test]
fn the_cache_keeps_to_its_budget_least_recently_used_out() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    // 1 MiB: answers up to 128 KiB kept.
    let server = Server::start(dir.path(), &["--cache-mb", "1"]);
    let query = |n: usize| {
        format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {n}")
    };
    let fetch = |n: usize| {
        let (status, head, body) = get(&server, &query(n), "application/n-triples", &[]);
        assert_eq!(status, 200, "{head}");
        (x_cache(&head), body.len())
    };
    // About 80 KiB each: twenty of them are 1.6 MiB, over the budget.
    let (_, size) = fetch(600);
    assert!((40_000..128_000).contains(&size), "{size}");
    let rows: Vec<usize> = (0..20).map(|i| 600 + i).collect();
    for n in &rows[1..] {
        assert_eq!(fetch(*n).0, "miss");
    }
    assert_eq!(fetch(rows[19]).0, "hit");
    assert_eq!(fetch(rows[0]).0, "miss", "the oldest should have gone");
    // What is kept fits: at most 1 MiB / the smallest answer of the run.
    let kept = rows.iter().rev().filter(|n| fetch(**n).0 == "hit").count();
    assert!(
        kept * size <= (1 << 20) + size,
        "{kept} answers of {size} bytes"
    );
    // An answer over an eighth of the budget is never kept.
    let (_, big) = fetch(3000);
    assert!(big > 128 * 1024, "{big}");
    assert_eq!(fetch(3000).0, "miss");
}

#[test]
fn warm_computes_the_canned_queries_at_start() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &["--warm"]);
    assert!(
        server.wait_for_log("canned queries computed", Duration::from_secs(60)),
        "no warm-up line"
    );
    let view = "application/sparql-results+json, application/n-triples;q=0.9";
    for name in ["who-met-whom", "timeline", "construct-sem"] {
        let text = std::fs::read_to_string(repo().join(format!("queries/{name}.rq"))).unwrap();
        for accept in ["*/*", view] {
            let (status, head, _) = curl(&[
                "-H",
                "Content-Type: application/sparql-query",
                "-H",
                &format!("Accept: {accept}"),
                "--data-binary",
                &text,
                &server.url,
            ]);
            assert_eq!(
                (status, x_cache(&head)),
                (200, "hit".to_string()),
                "{name} {accept}"
            );
        }
    }
}
