//! The browser view (`/`, `/entity`, `/event`) rendered by headless Chromium:
//! the DOM after the page's scripts ran is checked against the same queries
//! run by `newsgraph query`. Chromium is installed by `.ci/setup`; outside CI
//! (env CI unset) a machine without it skips these tests with a message.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::serve::{curl, Server};
use crate::util::*;

const NG: &str = "https://w3id.org/newsgraph/ontology#";
const RUSSIA: &str = "https://w3id.org/newsgraph/entity/russia";
const PROBE: &str = "https://w3id.org/newsgraph/entity/markup-probe";
const PROBE_EVENT: &str = "https://w3id.org/newsgraph/article/markup-probe.txt/event/1";

/// Literals that are markup: shown as text, they never become elements.
const PROBE_TRIG: &str = r#"
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/newsgraph/graph/entities> {
  <https://w3id.org/newsgraph/entity/markup-probe> a schema:Person ;
    rdfs:label "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"@en ;
    skos:altLabel "<script>document.body.setAttribute('data-pwned','2')</script>" .
}
<https://w3id.org/newsgraph/article/markup-probe.txt> {
  <https://w3id.org/newsgraph/article/markup-probe.txt> a schema:NewsArticle ;
    ng:sourceFile "markup-probe.txt" ;
    schema:headline "<b onmouseover=alert(1)>headline</b>" ;
    schema:articleBody "Intro <u>x</u>.\n\nThey met <iframe src=javascript:alert(1)></iframe> in Moscow." ;
    schema:mentions <https://w3id.org/newsgraph/entity/markup-probe> .
  <https://w3id.org/newsgraph/article/markup-probe.txt/event/1> a ng:Consult ; ng:plover "CONSULT" ;
    ng:actor <https://w3id.org/newsgraph/entity/markup-probe> ;
    ng:recipient <https://w3id.org/newsgraph/entity/russia> ;
    schema:startDate "2020-10-09"^^<http://www.w3.org/2001/XMLSchema#date> ;
    prov:wasDerivedFrom <https://w3id.org/newsgraph/article/markup-probe.txt> ;
    ng:mention <https://w3id.org/newsgraph/article/markup-probe.txt/event/1/mention/1> .
  <https://w3id.org/newsgraph/article/markup-probe.txt/event/1/mention/1> a ng:EventMention ;
    ng:evidence "They met <iframe src=javascript:alert(1)></iframe> in Moscow." ;
    ng:evidenceStart 17 ; ng:evidenceEnd 78 ; ng:trigger "met" .
}
"#;

/// The Chromium binary, or None (a skip) outside CI when there is none.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium (run .ci/setup)"
        );
        eprintln!("skipped: no chromium on PATH");
    }
    found
}

/// The DOM of `url` once its scripts ran (10 s of virtual time at most).
fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempdir();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).ok();
        dom
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().ok();
            panic!("chromium did not finish with {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let dom = reader.join().unwrap();
    assert!(dom.contains("</html>"), "no DOM for {url}: {dom}");
    dom
}

fn page(server: &Server, path: &str, iri: &str) -> String {
    let mut url = String::new();
    for b in iri.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    format!("{}{path}?iri={url}", server.base())
}

/// The text between `start` (searched from `after`) and the next `end`.
fn between<'a>(dom: &'a str, after: &str, start: &str, end: &str) -> &'a str {
    let at = dom
        .find(after)
        .unwrap_or_else(|| panic!("no {after} in {dom}"));
    let rest = &dom[at..];
    let s = rest.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let e = rest[s..].find(end).unwrap_or_else(|| panic!("no {end}")) + s;
    &rest[s..e]
}

/// Rows of the table that follows `after`.
fn table_rows(dom: &str, after: &str) -> usize {
    between(dom, after, "<tbody>", "</tbody>")
        .matches("<tr>")
        .count()
}

/// The value of attribute `name` on the element whose tag holds `marker`.
fn attribute(dom: &str, marker: &str, name: &str) -> String {
    let at = dom.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let open = dom[..at].rfind('<').unwrap();
    let close = at + dom[at..].find('>').unwrap();
    let tag = &dom[open..close];
    let key = format!(" {name}=\"");
    let from = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    tag[from..from + tag[from..].find('"').unwrap()].to_string()
}

/// The text inside the `<mark>`s after `after`, tags left out.
fn marked_text(dom: &str, after: &str) -> String {
    let rest = &dom[dom.find(after).unwrap_or_else(|| panic!("no {after}"))..];
    let mut text = String::new();
    for part in rest.split("<mark>").skip(1) {
        let inside = &part[..part.find("</mark>").unwrap_or(part.len())];
        let mut in_tag = false;
        for c in inside.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
    }
    text
}

/// A store of the seeds plus the markup probe, served.
fn serve_seeds(dir: &Path) -> Server {
    ingest_seeds(dir);
    std::fs::write(dir.join("probe.trig"), PROBE_TRIG).unwrap();
    ok_stderr(newsgraph(dir).args(["load", "--store", "db", "probe.trig"]));
    Server::start(dir, &[])
}

/// The value of header `name` (lower case) in `head`.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::trim)
}

#[test]
fn pages_and_assets_come_with_media_type_and_caching() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let server = Server::start(dir.path(), &[]);
    let base = server.base();
    for (path, media) in [
        ("/", "text/html; charset=utf-8"),
        ("/entity?iri=x", "text/html; charset=utf-8"),
        ("/event?iri=x", "text/html; charset=utf-8"),
        ("/article?iri=x", "text/html; charset=utf-8"),
        ("/assets/view.css", "text/css; charset=utf-8"),
        ("/assets/query.js", "text/javascript; charset=utf-8"),
        ("/assets/queries.json", "application/json"),
        (
            "/assets/vendor/cytoscape-3.35.0.min.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let (status, head, body) = curl(&[&format!("{base}{path}")]);
        assert_eq!(status, 200, "{path}: {head}");
        assert_eq!(header(&head, "content-type"), Some(media), "{path}");
        assert!(!body.is_empty(), "{path}");
        let cache = header(&head, "cache-control").unwrap_or_else(|| panic!("{path}: {head}"));
        let etag = header(&head, "etag").unwrap_or_else(|| panic!("{path}: {head}"));
        if path.contains("/vendor/") {
            assert!(cache.contains("immutable"), "{cache}");
        } else {
            assert_eq!(cache, "no-cache", "{path}");
        }
        // Revalidation: the same ETag gives 304 and no body.
        let (status, _, body) = curl(&[
            "-H",
            &format!("If-None-Match: {etag}"),
            &format!("{base}{path}"),
        ]);
        assert_eq!((status, body.as_str()), (304, ""), "{path}");
        if media.starts_with("text/html") {
            let csp = header(&head, "content-security-policy").unwrap();
            assert!(csp.contains("script-src 'self';"), "{csp}");
        }
    }
    // The browser's /sparql without a query is the view's query page.
    let (status, head, body) = curl(&["-H", "Accept: text/html", &format!("{base}/sparql")]);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(body.contains("\"assets/query.js\""));
    // queries.json holds every canned query, verbatim.
    let (_, _, json) = curl(&[&format!("{base}/assets/queries.json")]);
    let listed: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut files = 0;
    for rq in std::fs::read_dir(repo().join("queries")).unwrap() {
        let path = rq.unwrap().path();
        let Some(name) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| path.extension().is_some_and(|e| e == "rq"))
        else {
            continue;
        };
        files += 1;
        let entry = listed
            .iter()
            .find(|q| q["name"] == name)
            .unwrap_or_else(|| panic!("{name} not listed"));
        assert_eq!(
            entry["query"],
            std::fs::read_to_string(&path).unwrap(),
            "{name}"
        );
    }
    assert_eq!(listed.len(), files);
    for (path, status) in [("/assets/nope.js", 404), ("/assets/../Cargo.toml", 404)] {
        assert_eq!(
            curl(&["--path-as-is", &format!("{base}{path}")]).0,
            status,
            "{path}"
        );
    }
    assert_eq!(curl(&["-X", "POST", &format!("{base}/")]).0, 405);
}

#[test]
fn canned_queries_render_as_tables_of_the_cli_row_count() {
    let Some(chromium) = chromium() else { return };
    let dir = tempdir();
    let server = serve_seeds(dir.path());
    for name in ["timeline", "who-met-whom"] {
        let text = std::fs::read_to_string(repo().join(format!("queries/{name}.rq"))).unwrap();
        let expected = count_rows(dir.path(), &text);
        assert!(expected > 0, "{name}: no rows to compare");
        let dom = dump_dom(&chromium, &format!("{}/?example={name}", server.base()));
        assert!(dom.contains("<body data-state=\"done\">"), "{name}: {dom}");
        assert_eq!(table_rows(&dom, "id=\"result-table\""), expected, "{name}");
        assert_eq!(
            attribute(&dom, "id=\"result-table\"", "data-rows"),
            expected.to_string()
        );
        // Entity and event IRIs are links to their pages.
        assert!(dom.contains("href=\"event?iri=https%3A%2F%2Fw3id.org%2Fnewsgraph%2F"));
        // Every canned query is offered as an example.
        for rq in std::fs::read_dir(repo().join("queries")).unwrap() {
            let file = rq.unwrap().file_name().into_string().unwrap();
            if let Some(example) = file.strip_suffix(".rq") {
                assert!(
                    dom.contains(&format!("data-name=\"{example}\"")),
                    "{example}"
                );
            }
        }
    }
    // A CONSTRUCT comes back as N-Triples, one table row per triple.
    let text = std::fs::read_to_string(repo().join("queries/construct-event-summary.rq")).unwrap();
    let triples = ok(newsgraph(dir.path()).args([
        "query", "--store", "db", "--format", "ntriples", "-e", &text,
    ]));
    let expected = triples.lines().filter(|l| !l.trim().is_empty()).count();
    let dom = dump_dom(
        &chromium,
        &format!("{}/?example=construct-event-summary", server.base()),
    );
    assert!(expected > 0);
    assert_eq!(table_rows(&dom, "id=\"result-table\""), expected);
}

#[test]
fn entity_page_lists_events_and_draws_the_neighbourhood() {
    let Some(chromium) = chromium() else { return };
    let dir = tempdir();
    let server = serve_seeds(dir.path());
    let dom = dump_dom(&chromium, &page(&server, "/entity", RUSSIA));
    assert!(dom.contains("<body data-state=\"done\">"), "{dom}");
    let involved = format!(
        "{{ GRAPH ?g {{ ?v <{NG}actor>|<{NG}recipient>|<https://schema.org/location> <{RUSSIA}> ; a ?c FILTER(STRSTARTS(STR(?c), \"{NG}\")) OPTIONAL {{ ?v <{NG}happening> ?h }} }} }}"
    );
    let events = count(
        dir.path(),
        &format!("SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE {involved}"),
    );
    let nodes_at_least = 1 + count(
        dir.path(),
        &format!("SELECT (COUNT(DISTINCT COALESCE(?h, ?v)) AS ?n) WHERE {involved}"),
    );
    let articles = count(
        dir.path(),
        &format!("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g <https://schema.org/mentions> <{RUSSIA}> }} }}"),
    );
    assert!(events > 1);
    assert_eq!(table_rows(&dom, "id=\"timeline\""), events as usize);
    assert_eq!(table_rows(&dom, "id=\"articles\""), articles as usize);
    assert!(
        dom.contains(">Russie</h1>"),
        "the French label is the title"
    );
    assert!(dom.contains("href=\"https://www.wikidata.org/wiki/Q159\""));
    // Cytoscape laid the graph out: one node per happening and per entity.
    let nodes: u64 = attribute(&dom, "id=\"graph\"", "data-nodes")
        .parse()
        .unwrap();
    assert!(
        nodes > nodes_at_least,
        "{nodes} nodes, {nodes_at_least} happenings + 1"
    );
    assert!(dom.contains("<canvas"), "Cytoscape draws on canvases");
}

#[test]
fn event_page_highlights_the_evidence_in_the_article() {
    let Some(chromium) = chromium() else { return };
    let dir = tempdir();
    let server = serve_seeds(dir.path());
    // An ASSAULT with a place, from the seeds.
    let out = ok(newsgraph(dir.path()).args([
        "query", "--store", "db", "--format", "tsv", "-e",
        &format!("SELECT ?v ?e WHERE {{ GRAPH ?g {{ ?v a <{NG}Assault> ; <https://schema.org/location> ?p ; <{NG}evidence> ?e }} }} ORDER BY ?v LIMIT 1"),
    ]));
    let row = out.lines().nth(1).expect("an ASSAULT with a place");
    let (event, evidence) = row.split_once('\t').unwrap();
    let event = event.trim_matches(['<', '>']);
    let evidence = evidence.trim_matches('"');
    let dom = dump_dom(&chromium, &page(&server, "/event", event));
    assert!(dom.contains("<body data-state=\"done\">"), "{dom}");
    assert!(dom.contains("<h1 id=\"title\">ASSAULT"), "{dom}");
    let marked = marked_text(&dom, "id=\"article-text\"");
    let first_words: String = evidence.chars().take(30).collect();
    assert!(
        marked.starts_with(&first_words),
        "{first_words} not in {marked}"
    );
    assert!(
        dom.contains("class=\"mention\""),
        "entity mentions are links"
    );
    // The store keeps no article body for ingested articles: the page shows
    // every sentence the graph has for the article, in order, not only this
    // event's evidence.
    let text = &dom[dom.find("id=\"article-text\"").unwrap()..];
    let text = &text[..text.find("</div>").unwrap()];
    let sentences = text.matches("<p>").count();
    assert!(sentences > 1, "other sentences of the article: {text}");
    assert!(dom.contains("The store keeps the sentences"), "{dom}");
}

#[test]
fn literals_that_are_markup_show_as_text() {
    let Some(chromium) = chromium() else { return };
    let dir = tempdir();
    let server = serve_seeds(dir.path());
    let label_query = format!(
        "SELECT ?l WHERE {{ GRAPH <https://w3id.org/newsgraph/graph/entities> {{ <{PROBE}> rdfs:label|skos:altLabel ?l }} }}"
    );
    let urls = [
        page(&server, "/entity", PROBE),
        page(&server, "/event", PROBE_EVENT),
        page(&server, "/entity", RUSSIA),
        format!(
            "{}/?query={}",
            server.base(),
            label_query
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect::<String>()
        ),
    ];
    let doms: Vec<String> = urls.iter().map(|u| dump_dom(&chromium, u)).collect();
    for (url, dom) in urls.iter().zip(&doms) {
        assert!(dom.contains("<body data-state=\"done\">"), "{url}: {dom}");
        assert!(
            !dom.contains("data-pwned=\""),
            "{url}: a literal ran as script"
        );
        for tag in ["<img", "<iframe", "<b ", "<u>", "<script>document"] {
            assert!(!dom.contains(tag), "{url}: {tag} became an element");
        }
    }
    let entity = &doms[0];
    assert!(entity.contains("&lt;img src=x onerror="), "{entity}");
    assert!(entity.contains("&lt;script&gt;document.body"), "{entity}");
    let event = &doms[1];
    assert!(
        event.contains("&lt;b onmouseover=alert(1)&gt;headline"),
        "{event}"
    );
    // A schema:articleBody is shown whole, the evidence marked at its offsets.
    assert!(
        event.contains("<p>Intro &lt;u&gt;x&lt;/u&gt;.</p>"),
        "{event}"
    );
    assert_eq!(
        marked_text(event, "id=\"article-text\""),
        "They met &lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt; in Moscow."
    );
    assert!(
        event.contains("<strong class=\"trigger\">met</strong>"),
        "{event}"
    );
    let query = &doms[3];
    assert_eq!(
        table_rows(query, "id=\"result-table\""),
        2,
        "label and alias"
    );
}
