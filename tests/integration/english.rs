//! English through the whole pipeline, and the design card's sentence.

use std::fs;

use crate::util::*;

const NG: &str = "https://w3id.org/newsgraph/ontology#";

#[test]
fn design_card_sentence_gives_one_consult_host_event() {
    let dir = tempdir();
    fs::write(
        dir.path().join("card.txt"),
        "Lavrov hosts Bayramov and Mnatsakanian in Moscow.\n",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args([
        "ingest",
        "--store",
        "db",
        "--lang",
        "en",
        "--date",
        "2020-10-09",
        "card.txt",
    ]));
    let q = format!(
        "SELECT ?v ?mode ?actor ?place ?r WHERE {{ GRAPH ?g {{
           ?v a <{NG}Consult> ; <{NG}mode> ?mode ; <{NG}actor> ?actor ; <{NG}recipient> ?r ; <https://schema.org/location> ?place }} }}
         ORDER BY ?r"
    );
    let out =
        ok(newsgraph(dir.path()).args(["query", "--store", "db", "--format", "tsv", "-e", &q]));
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "one event, two recipients: {out}");
    assert_eq!(rows[0][0], rows[1][0], "one event node: {out}");
    let e = |id: &str| format!("<https://w3id.org/newsgraph/entity/{id}>");
    for row in &rows {
        assert_eq!(row[1], "\"host\"", "{out}");
        assert_eq!(row[2], e("sergey-lavrov"), "{out}");
        assert_eq!(row[3], e("moscow"), "{out}");
    }
    assert_eq!(rows[0][4], e("jeyhun-bayramov"), "{out}");
    assert_eq!(rows[1][4], e("zohrab-mnatsakanyan"), "{out}");
}

#[test]
fn english_article_end_to_end() {
    let dir = tempdir();
    let text = "Armenia and Azerbaijan agree to ceasefire talks in Moscow\n\n\
        By Jane Doe\n\n\
        Russian President Vladimir Putin on Thursday called on Armenia and Azerbaijan to halt the fighting in Nagorno-Karabakh.\n\
        Armenia's Foreign Minister Zohrab Mnatsakanyan and his Azerbaijani counterpart Jeyhun Bayramov will meet Russian Foreign Minister Sergei Lavrov in Moscow on Friday.\n\
        Azerbaijani forces shelled Stepanakert with artillery, the Armenian Defence Ministry said.\n\
        Share this article\n";
    fs::write(dir.path().join("en.txt"), text).unwrap();
    ok(newsgraph(dir.path()).args(["ingest", "--store", "db", "--date", "2020-10-08", "en.txt"]));
    let lang = ok(newsgraph(dir.path()).args([
        "query",
        "--store",
        "db",
        "--format",
        "csv",
        "-e",
        "SELECT ?l WHERE { GRAPH ?g { ?d <https://schema.org/inLanguage> ?l } }",
    ]));
    assert!(lang.contains("en"), "language detected: {lang}");
    let positions = ok(newsgraph(dir.path()).args(["query", "--store", "db", "--format", "csv", "-e",
        &format!("SELECT ?p ?r ?o WHERE {{ GRAPH ?g {{ ?p <{NG}holdsPosition> ?x . ?x <{NG}role> ?r ; <{NG}organization> ?o }} }}")]));
    for expected in [
        "entity/vladimir-putin,https://w3id.org/newsgraph/ontology#President,https://w3id.org/newsgraph/entity/russia",
        "entity/zohrab-mnatsakanyan,https://w3id.org/newsgraph/ontology#ForeignMinister,https://w3id.org/newsgraph/entity/armenia",
        "entity/sergey-lavrov,https://w3id.org/newsgraph/ontology#ForeignMinister,https://w3id.org/newsgraph/entity/russia",
    ] {
        assert!(positions.contains(expected), "missing {expected} in\n{positions}");
    }
    let events = ok(newsgraph(dir.path()).args(["query", "--store", "db", "--format", "csv", "-e",
        &format!("SELECT ?t ?date WHERE {{ GRAPH ?g {{ ?v <{NG}plover> ?t . OPTIONAL {{ ?v <https://schema.org/startDate> ?date }} }} }}")]));
    assert!(
        events.contains("REQUEST,2020-10-08"),
        "Putin's call, dated Thursday: {events}"
    );
    assert!(
        events.contains("CONSULT,2020-10-09"),
        "the meeting, dated Friday: {events}"
    );
    assert!(events.contains("ASSAULT"), "the shelling: {events}");
    let names = ok(newsgraph(dir.path()).args([
        "query",
        "--store",
        "db",
        "--format",
        "csv",
        "-e",
        "SELECT ?n WHERE { GRAPH ?g { ?m <https://w3id.org/newsgraph/ontology#text> ?n } }",
    ]));
    assert!(
        !names.contains("Jane Doe"),
        "bylines are furniture: {names}"
    );
}
