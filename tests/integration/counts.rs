//! What the writer keeps beside the articles: the counts `stats` reads (a
//! VoID description) equal what a scan of the store counts, after new
//! articles (bulk loader), replaced ones (transaction, orphans removed) and
//! a load; each entity's preferred label per language is the least of its
//! labels there, which is what the canned queries computed over every
//! entity before.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::util::*;

/// `stats --format json` of `dir/db`.
fn stats(dir: &Path) -> BTreeMap<String, u64> {
    serde_json::from_str(&ok(
        newsgraph(dir).args(["stats", "--store", "db", "--format", "json"])
    ))
    .unwrap()
}

/// The same figures, counted by SPARQL over the whole store.
fn scanned(dir: &Path) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let rows = tsv_rows(
        dir,
        &format!(
            "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?t }} FILTER (?g != <{STATS_GRAPH}>) }} GROUP BY ?t"
        ),
    );
    for line in &rows {
        let (t, n) = line.split_once('\t').unwrap();
        let name = t.trim_end_matches('>').rsplit(['#', '/']).next().unwrap();
        let n: String = n.chars().take_while(char::is_ascii_digit).collect();
        out.insert(name.to_string(), n.parse().unwrap());
    }
    out.insert(
        "quads".into(),
        count(
            dir,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{STATS_GRAPH}>) }} }}"
            ),
        ),
    );
    out.insert(
        "graphs (articles)".into(),
        count(
            dir,
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }",
        ),
    );
    out
}

/// Entities whose preferred name (`@fr`, else `@en`) is not the least of
/// their labels in that order, as the canned queries used to compute it.
fn wrong_preferred_labels(dir: &Path) -> usize {
    count_rows(
        dir,
        r#"SELECT ?e ?old ?new WHERE {
          { SELECT ?e (SUBSTR(MIN(CONCAT(IF(LANGMATCHES(LANG(?l), "fr"), "1",
                       IF(LANGMATCHES(LANG(?l), "en"), "2", "3")), STR(?l))), 2) AS ?old)
            WHERE { GRAPH <https://w3id.org/newsgraph/graph/entities> { ?e rdfs:label ?l } } GROUP BY ?e }
          OPTIONAL { GRAPH <https://w3id.org/newsgraph/graph/entities> { ?e skos:prefLabel ?fr FILTER (LANG(?fr) = "fr") } }
          OPTIONAL { GRAPH <https://w3id.org/newsgraph/graph/entities> { ?e skos:prefLabel ?en FILTER (LANG(?en) = "en") } }
          BIND(COALESCE(STR(?fr), STR(?en)) AS ?new)
          FILTER (!BOUND(?new) || ?new != ?old)
        }"#,
    ) + count_rows(
        dir,
        r#"SELECT ?e ?lang WHERE { GRAPH <https://w3id.org/newsgraph/graph/entities> { ?e skos:prefLabel ?p } BIND(LANG(?p) AS ?lang) }
           GROUP BY ?e ?lang HAVING (COUNT(*) > 1)"#,
    )
}

#[test]
fn stats_count_what_the_store_holds_and_preferred_labels_stay_the_least() {
    let dir = tempdir();
    // New articles: the bulk loader.
    ingest_seeds(dir.path());
    let first = stats(dir.path());
    assert!(first["Person"] >= 5 && first["Consult"] > 0, "{first:?}");
    assert_eq!(first, scanned(dir.path()));
    assert_eq!(wrong_preferred_labels(dir.path()), 0);

    // Replaced articles: one seed article rewritten (most of its entities
    // go, some of them orphans now), the others forced through again.
    let seed = article_files()
        .into_iter()
        .find(|p| p.starts_with(seeds()))
        .unwrap();
    let copy = dir.path().join("again");
    fs::create_dir(&copy).unwrap();
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    fs::write(
        copy.join(seed.file_name().unwrap()),
        "Jean-Yves Le Drian a rencontré Antony Blinken à Paris le 3 mars 2021.\n",
    )
    .unwrap();
    ok_stderr(newsgraph(dir.path()).args(["ingest", "--store", "db", "--force", "again"]));
    let replaced = stats(dir.path());
    assert_eq!(replaced, scanned(dir.path()));
    assert!(replaced["quads"] < first["quads"], "{replaced:?}");
    assert_eq!(wrong_preferred_labels(dir.path()), 0);

    // Loaded RDF: the store's own export (counts graph included) into a new
    // store gives the same figures and labels.
    let dump = ok(newsgraph(dir.path()).args(["export", "--store", "db", "--format", "nquads"]));
    assert!(
        dump.contains(STATS_GRAPH),
        "the export carries the VoID counts"
    );
    fs::write(dir.path().join("dump.nq"), &dump).unwrap();
    fs::rename(dir.path().join("db"), dir.path().join("first")).unwrap();
    ok_stderr(newsgraph(dir.path()).args(["load", "--store", "db", "dump.nq"]));
    assert_eq!(stats(dir.path()), replaced);
    assert_eq!(
        sorted_quads(dir.path(), "db"),
        sorted_quads(dir.path(), "first")
    );
}
