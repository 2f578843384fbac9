//! Exports for graph tools on a store built from the seeds: GraphML read back
//! by networkx, Neo4j import CSV and the event table read by Python's `csv`,
//! compact JSON-LD read back by rdflib, triple formats without duplicates.
//! Every count is checked against a SPARQL count on the same store.

use std::path::Path;
use std::process::Command;

use crate::util::*;

const PREFIXES: &str = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";
const NOT_HAPPENINGS: &str = "FILTER (?g != <https://w3id.org/newsgraph/graph/events>)";

fn sparql_count(dir: &Path, body: &str) -> u64 {
    count(dir, &format!("{PREFIXES} {body}"))
}

/// Article events: one per article that reports a happening.
fn events(dir: &Path) -> u64 {
    sparql_count(
        dir,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v WHERE {{ GRAPH ?g {{ ?v ng:plover ?t }} {NOT_HAPPENINGS} }} }}"),
    )
}

#[test]
fn graphml_reads_back_in_networkx_with_the_store_counts() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    ok(newsgraph(d).args(["export", "--store", "db", "-o", "g.graphml"]));
    let xml = std::fs::read_to_string(d.join("g.graphml")).unwrap();
    // Every attribute used is declared with its type.
    for line in xml.lines().filter(|l| l.contains("<data key=")) {
        let key = line.split('"').nth(1).unwrap();
        assert!(
            xml.contains(&format!("<key id=\"{key}\" ")) && xml.contains("attr.type="),
            "{key} undeclared"
        );
    }
    let entities = sparql_count(
        d,
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { { ?d schema:mentions ?e } UNION
           { ?v ng:plover ?t ; ng:actor|ng:recipient|schema:location ?e } } FILTER (isIRI(?e)) }",
    );
    let lone = &format!(
        "GRAPH ?g {{ ?v ng:plover ?t FILTER NOT EXISTS {{ ?v ng:actor ?a ; ng:recipient ?r FILTER (?a != ?r) }} }} {NOT_HAPPENINGS}"
    );
    let event_nodes = sparql_count(
        d,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v WHERE {{ {lone} }} }}"),
    );
    let event_edges = sparql_count(
        d,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v ?a ?r WHERE {{
           GRAPH ?g {{ ?v ng:plover ?t ; ng:actor ?a ; ng:recipient ?r FILTER (?a != ?r) }} {NOT_HAPPENINGS} }} }}"),
    );
    let role_edges = sparql_count(
        d,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v ?role ?e WHERE {{ {lone}
           GRAPH ?g {{ ?v ?role ?e VALUES ?role {{ ng:actor ng:recipient }} }} }} }}"
        ),
    );
    let links = sparql_count(
        d,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?l ?o WHERE { GRAPH ?g {
           { ?s ng:holdsPosition ?x . ?x ng:role ?l ; ng:organization ?o }
           UNION { ?s ?l ?o VALUES ?l { schema:memberOf schema:containedInPlace ng:alliedWith } } } } }",
    );
    assert!(event_edges > 5 && event_nodes > 0 && entities > 20);
    let Some(python) = python_with("networkx", true) else {
        return;
    };
    let report = run_python(
        &python,
        d,
        "import networkx as nx, collections\n\
         g = nx.read_graphml('g.graphml')\n\
         kinds = collections.Counter(k for _, k in g.nodes(data='kind'))\n\
         edges = collections.Counter(k for *_, k in g.edges(data='kind'))\n\
         print('nodes=%d' % g.number_of_nodes())\n\
         print('edges=%d' % g.number_of_edges())\n\
         print('loops=%d' % nx.number_of_selfloops(g))\n\
         print('entity=%d' % kinds['entity'])\n\
         print('event=%d' % kinds['event'])\n\
         print('event_edges=%d' % edges['event'])\n\
         print('role_edges=%d' % (edges['actor'] + edges['recipient']))\n\
         print('links=%d' % (edges['position'] + edges['relation']))\n\
         lavrov = [n for n, l in g.nodes(data='label') if l == 'Sergueï Lavrov']\n\
         print('lavrov=%d' % len(lavrov))\n\
         print('lavrov_edges=%d' % g.degree(lavrov[0]))\n",
    );
    assert_eq!(figure(&report, "loops"), 0, "{report}");
    assert_eq!(figure(&report, "entity"), entities, "{report}");
    assert_eq!(figure(&report, "event"), event_nodes, "{report}");
    assert_eq!(figure(&report, "nodes"), entities + event_nodes, "{report}");
    assert_eq!(figure(&report, "event_edges"), event_edges, "{report}");
    assert_eq!(figure(&report, "role_edges"), role_edges, "{report}");
    assert_eq!(figure(&report, "links"), links, "{report}");
    assert_eq!(
        figure(&report, "edges"),
        event_edges + role_edges + links,
        "{report}"
    );
    assert_eq!(figure(&report, "lavrov"), 1, "one node per entity");
    assert!(figure(&report, "lavrov_edges") > 0, "{report}");
}

#[test]
fn neo4j_csv_relationships_join_nodes_and_counts_match() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    let err = fails(newsgraph(d).args(["export", "--store", "db", "--format", "neo4j"]));
    assert!(String::from_utf8_lossy(&err.stderr).contains("-o DIR"));
    ok(newsgraph(d).args(["export", "--store", "db", "--format", "neo4j", "-o", "neo"]));
    let names: Vec<String> = std::fs::read_dir(d.join("neo"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only the two files: {names:?}");
    let Some(python) = python_with("csv", false) else {
        return;
    };
    let report = run_python(
        &python,
        &d.join("neo"),
        "import csv, collections\n\
         nodes = list(csv.DictReader(open('nodes.csv', newline='', encoding='utf-8')))\n\
         rels = list(csv.DictReader(open('relationships.csv', newline='', encoding='utf-8')))\n\
         assert list(nodes[0])[:3] == ['id:ID', ':LABEL', 'name'], list(nodes[0])\n\
         assert list(rels[0])[:3] == [':START_ID', ':END_ID', ':TYPE'], list(rels[0])\n\
         ids = {n['id:ID'] for n in nodes}\n\
         assert len(ids) == len(nodes), 'ids are unique'\n\
         dangling = [r for r in rels if r[':START_ID'] not in ids or r[':END_ID'] not in ids]\n\
         assert not dangling, dangling[:3]\n\
         labels = collections.Counter(l for n in nodes for l in n[':LABEL'].split(';'))\n\
         types = collections.Counter(r[':TYPE'] for r in rels)\n\
         print('nodes=%d' % len(nodes))\n\
         for k in ['Article', 'Entity', 'Event', 'Consult', 'Person']: print('%s=%d' % (k, labels[k]))\n\
         for k in ['ACTOR', 'RECIPIENT', 'MENTIONS', 'REPORTED_IN']: print('%s=%d' % (k, types[k]))\n",
    );
    let articles = sparql_count(
        d,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }",
    );
    assert_eq!(figure(&report, "Article"), articles);
    let events = events(d);
    assert_eq!(figure(&report, "Event"), events);
    assert_eq!(figure(&report, "REPORTED_IN"), events);
    assert_eq!(
        figure(&report, "Consult"),
        sparql_count(
            d,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v WHERE {{ GRAPH ?g {{ ?v a ng:Consult }} {NOT_HAPPENINGS} }} }}")
        )
    );
    let entities = figure(&report, "Entity");
    assert_eq!(figure(&report, "nodes"), articles + entities + events);
    assert!(figure(&report, "Person") > 0 && figure(&report, "Person") < entities);
    for (rel, role) in [("ACTOR", "actor"), ("RECIPIENT", "recipient")] {
        assert_eq!(
            figure(&report, rel),
            sparql_count(
                d,
                &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?v ?e WHERE {{ GRAPH ?g {{ ?v ng:plover ?t ; ng:{role} ?e }} {NOT_HAPPENINGS} }} }}")
            ),
            "{rel}"
        );
    }
    assert_eq!(
        figure(&report, "MENTIONS"),
        sparql_count(
            d,
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?d ?e WHERE { GRAPH ?g { ?d schema:mentions ?e } } }"
        )
    );
}

#[test]
fn event_table_has_one_row_per_event() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    ok(newsgraph(d).args(["export", "--store", "db", "-o", "events.csv"]));
    let text = std::fs::read_to_string(d.join("events.csv")).unwrap();
    assert!(text.starts_with("article,date,type,mode,actors,recipients,place,evidence,event\r\n"));
    let Some(python) = python_with("csv", false) else {
        return;
    };
    let script = "import csv, json\n\
        rows = list(csv.DictReader(open('events.csv', newline='', encoding='utf-8')))\n\
        print('rows=%d' % len(rows))\n\
        print('commas=%d' % sum(',' in r['evidence'] for r in rows))\n\
        print(json.dumps(rows, ensure_ascii=False))\n";
    let report = run_python(&python, d, script);
    assert_eq!(figure(&report, "rows"), events(d));
    assert!(figure(&report, "commas") > 0, "quoted fields survive");
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(report.lines().last().unwrap()).unwrap();
    // A seed event: Lavrov is to receive Armenia's foreign minister in Moscow.
    let meeting = rows.iter().find(|r| {
        r["type"] == "CONSULT"
            && r["mode"] == "host"
            && r["actors"] == "Sergueï Lavrov"
            && r["recipients"].as_str().unwrap().contains("Arménie")
            && r["place"] == "Moscou"
    });
    let meeting = meeting.unwrap_or_else(|| panic!("no Moscow meeting in {rows:#?}"));
    assert_eq!(meeting["article"], "002_e96b2c943274fa63.txt");
    assert!(meeting["evidence"]
        .as_str()
        .unwrap()
        .contains("reçu lundi à Moscou par son homologue russe, Sergueï Lavrov."));
    assert!(meeting["event"]
        .as_str()
        .unwrap()
        .starts_with("https://w3id.org/newsgraph/article/002_e96b2c943274fa63.txt/event/"));
    // Labels in another language on demand.
    let en = ok(newsgraph(d).args([
        "export",
        "--store",
        "db",
        "--format",
        "events-csv",
        "--label-lang",
        "en",
    ]));
    assert!(en.contains(",Moscow,") && !en.contains(",Moscou,"), "{en}");
}

#[test]
fn compact_jsonld_reads_back_as_the_same_quads() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    ok(newsgraph(d).args(["export", "--store", "db", "-o", "all.jsonld"]));
    ok(newsgraph(d).args(["export", "--store", "db", "-o", "all.nq"]));
    let json = std::fs::read_to_string(d.join("all.jsonld")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        doc["@context"]["ng"],
        "https://w3id.org/newsgraph/ontology#"
    );
    assert!(json.contains("\"ng:actor\": {\n") && json.contains("\"@id\": \"entity:"));
    assert!(json.lines().count() > 1000, "indented, not one line");
    let Some(python) = python_with("rdflib", true) else {
        return;
    };
    let report = run_python(
        &python,
        d,
        "import rdflib\n\
         def quads(path, fmt):\n\
         \x20   ds = rdflib.Dataset()\n\
         \x20   ds.parse(path, format=fmt)\n\
         \x20   return {(s, p, o, getattr(g, 'identifier', g)) for s, p, o, g in ds.quads((None, None, None, None))}\n\
         a, b = quads('all.jsonld', 'json-ld'), quads('all.nq', 'nquads')\n\
         print('jsonld=%d' % len(a))\n\
         print('nquads=%d' % len(b))\n\
         print('differ=%d' % len(a ^ b))\n\
         print(sorted(a ^ b)[:5])\n",
    );
    assert_eq!(figure(&report, "differ"), 0, "{report}");
    assert_eq!(
        figure(&report, "nquads"),
        count(d, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    );
}

#[test]
fn triple_formats_write_a_triple_in_two_graphs_once() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    // The same triple in a second graph.
    std::fs::write(
        d.join("extra.nq"),
        "<https://w3id.org/newsgraph/entity/armenia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Place> <http://example.org/other> .\n",
    )
    .unwrap();
    ok(newsgraph(d).args(["load", "--store", "db", "extra.nq"]));
    let in_graphs = count(
        d,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/newsgraph/entity/armenia> a <https://schema.org/Place> } }",
    );
    assert_eq!(in_graphs, 2);
    let distinct = count(d, DISTINCT_DATA_TRIPLES);
    // The union of the data graphs: the store's counts are left out.
    let nt = ok(newsgraph(d).args(["export", "--store", "db", "--format", "ntriples"]));
    let lines: Vec<&str> = nt.lines().collect();
    let unique: std::collections::HashSet<&str> = lines.iter().copied().collect();
    assert_eq!(lines.len(), unique.len(), "no triple twice");
    assert_eq!(lines.len() as u64, distinct);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("<https://w3id.org/newsgraph/entity/armenia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Place>"))
            .count(),
        1
    );
}

#[test]
fn a_failed_export_leaves_no_file() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    fails(newsgraph(d).args([
        "export",
        "--store",
        "db",
        "--graph",
        "nope.txt",
        "-o",
        "x.graphml",
    ]));
    std::fs::create_dir(d.join("taken.graphml")).unwrap();
    fails(newsgraph(d).args(["export", "--store", "db", "-o", "taken.graphml"]));
    let left: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "db" && n != "taken.graphml")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The entity nodes (`nN [label=…, shape=…]`, legend left out) and the edges of a DOT text.
fn dot_parts(dot: &str) -> (Vec<&str>, Vec<(&str, &str, &str)>) {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for line in dot.lines().map(str::trim) {
        // Graph nodes are `n0`, `n1` …: not `node [...]`, not the legend.
        if !(line.starts_with('n') && line[1..].starts_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        if let Some((from, rest)) = line.split_once(" -> ") {
            let (to, attrs) = rest.split_once(' ').unwrap();
            edges.push((from, to, attrs));
        } else if !line.contains("shape=diamond") {
            nodes.push(line);
        }
    }
    (nodes, edges)
}

#[test]
fn graphviz_has_a_legend_no_loops_and_filters() {
    let dir = tempdir();
    let d = dir.path();
    ingest_seeds(d);
    let export = |extra: &[&str]| {
        ok(newsgraph(d)
            .args(["export", "--store", "db", "--format", "dot"])
            .args(extra))
    };
    let all = export(&[]);
    assert!(all.contains("subgraph cluster_legend") && all.contains("label=\"Legend\""));
    let (nodes, edges) = dot_parts(&all);
    assert!(edges.len() > 10, "{all}");
    assert!(edges.iter().all(|(a, b, _)| a != b), "no loop");
    assert!(
        all.lines()
            .any(|l| l.trim().starts_with('n') && l.contains("shape=diamond")),
        "events without recipient are nodes"
    );
    assert!(
        all.contains("Moscou") && !all.contains("\"Moscow"),
        "French seeds, French labels"
    );
    let en = export(&["--label-lang", "en"]);
    assert!(en.contains("Moscow"));

    let consult = export(&["--type", "consult"]);
    let (_, consult_edges) = dot_parts(&consult);
    let events: Vec<&str> = consult_edges
        .iter()
        .filter(|(.., attrs)| attrs.contains("#b02a37"))
        .map(|(.., attrs)| *attrs)
        .collect();
    assert!(!events.is_empty());
    assert!(
        events.iter().all(|a| a.starts_with("[label=\"CONSULT")),
        "{events:?}"
    );
    assert!(!consult.contains("ACCUSE"));
    assert!(
        consult_edges.iter().all(|(.., a)| !a.contains("#0d6efd")),
        "no positions"
    );

    let armenia = export(&["--entity", "armenia"]);
    let (armenia_nodes, _) = dot_parts(&armenia);
    assert!(armenia.contains("Arménie"));
    assert!(armenia_nodes.len() < nodes.len() && armenia_nodes.len() > 1);

    let top = export(&["--max-nodes", "5"]);
    let (top_nodes, top_edges) = dot_parts(&top);
    assert!(top_nodes.len() <= 5 && !top_edges.is_empty(), "{top}");

    // --min-degree 3: only entities in 3 events or positions or more; each
    // has at least 3 edges in the full drawing (one per event or position).
    let label = |node: &str| node.split('"').nth(1).unwrap().to_string();
    let edges_of = |name: &str| {
        let id = nodes
            .iter()
            .find(|n| label(n) == name)
            .and_then(|n| n.split_whitespace().next())
            .unwrap();
        edges
            .iter()
            .filter(|(a, b, _)| *a == id || *b == id)
            .count()
    };
    let busy = export(&["--min-degree", "3"]);
    let (busy_nodes, busy_edges) = dot_parts(&busy);
    assert!(
        !busy_edges.is_empty() && busy_nodes.len() < nodes.len(),
        "{busy}"
    );
    for n in &busy_nodes {
        assert!(edges_of(&label(n)) >= 3, "{n} is in fewer than 3 events");
    }
    let two = export(&["--min-degree", "3", "--max-nodes", "2"]);
    let (both, _) = dot_parts(&two);
    assert!(both.len() <= 2 && !both.is_empty());

    let late = export(&["--since", "2023-01-01"]);
    let (_, late_edges) = dot_parts(&late);
    assert!(late_edges
        .iter()
        .filter(|(.., attrs)| attrs.contains("#b02a37"))
        .all(|(.., attrs)| attrs.contains("2023")));
    assert!(!late.contains("2020-10-09"), "{late}");
    let none = export(&["--until", "1999-12-31"]);
    assert!(dot_parts(&none).1.is_empty(), "nothing that old");
    fails(newsgraph(d).args([
        "export", "--store", "db", "--format", "dot", "--type", "meeting",
    ]));
    let err = fails(newsgraph(d).args([
        "export",
        "--store",
        "db",
        "-o",
        "x.graphml",
        "--type",
        "consult",
    ]));
    assert!(String::from_utf8_lossy(&err.stderr).contains("GraphViz only"));

    if Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        for (name, text) in [("all", &all), ("consult", &consult), ("top", &top)] {
            let file = d.join(format!("{name}.dot"));
            std::fs::write(&file, text).unwrap();
            succeed(Command::new("dot").arg("-Tsvg").arg(&file));
        }
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs GraphViz (.ci/setup)"
        );
    }
}
