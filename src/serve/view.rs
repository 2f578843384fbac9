//! The browser view: static pages (HTML, CSS, JavaScript) embedded in the
//! binary that query the endpoint's own `/sparql` from the browser.
//!
//! - `/`: a query editor, the canned queries of `queries/` as one-click
//!   examples, results as a table whose IRIs link to the pages below
//!   (`?example=NAME` or `?query=TEXT` runs one on load, so a URL shares a query).
//! - `/entity?iri=`: labels, aliases, Wikidata link, positions, relations,
//!   an event timeline, the articles mentioning it and its neighbourhood graph
//!   (Cytoscape.js, vendored in `assets/vendor/`).
//! - `/event?iri=` (an article's event or a canonical happening) and
//!   `/article?iri=`: type, mode, participants, place, date, and the article's
//!   sentences the graph holds with the evidence highlighted.
//! - `/assets/NAME`: the files, with their media type, an ETag and
//!   `Cache-Control`; `/assets/queries.json` lists the canned queries.
//!
//! Nothing here reads the store: the pages only call `/sparql`. Their links
//! are relative, so a proxy may serve the view under a sub-path.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::protocol::HttpError;

/// The canned queries, embedded at build time: a file of `queries/` missing
/// here (or listed here and gone) fails the build or the test below.
pub(super) const QUERIES: &[(&str, &str)] = &[
    (
        "who-met-whom",
        include_str!("../../queries/who-met-whom.rq"),
    ),
    (
        "events-by-type",
        include_str!("../../queries/events-by-type.rq"),
    ),
    ("timeline", include_str!("../../queries/timeline.rq")),
    ("positions", include_str!("../../queries/positions.rq")),
    (
        "entities-across-articles",
        include_str!("../../queries/entities-across-articles.rq"),
    ),
    (
        "event-evidence",
        include_str!("../../queries/event-evidence.rq"),
    ),
    (
        "articles-mentioning",
        include_str!("../../queries/articles-mentioning.rq"),
    ),
    (
        "conflict-actors",
        include_str!("../../queries/conflict-actors.rq"),
    ),
    (
        "ceasefire-calls",
        include_str!("../../queries/ceasefire-calls.rq"),
    ),
    (
        "merged-entities",
        include_str!("../../queries/merged-entities.rq"),
    ),
    ("relations", include_str!("../../queries/relations.rq")),
    (
        "article-overview",
        include_str!("../../queries/article-overview.rq"),
    ),
    (
        "low-confidence-events",
        include_str!("../../queries/low-confidence-events.rq"),
    ),
    (
        "construct-event-summary",
        include_str!("../../queries/construct-event-summary.rq"),
    ),
    (
        "construct-sem",
        include_str!("../../queries/construct-sem.rq"),
    ),
];

/// One line per query (`- \`NAME.rq\` — what it gives`): the examples' titles.
const QUERIES_README: &str = include_str!("../../queries/README.md");

const CYTOSCAPE: &str = "vendor/cytoscape-3.35.0.min.js";

/// The files under `/assets/`.
const ASSETS: &[(&str, &[u8])] = &[
    ("view.css", include_bytes!("assets/view.css")),
    ("common.js", include_bytes!("assets/common.js")),
    ("query.js", include_bytes!("assets/query.js")),
    ("entity.js", include_bytes!("assets/entity.js")),
    ("event.js", include_bytes!("assets/event.js")),
    (
        CYTOSCAPE,
        include_bytes!("assets/vendor/cytoscape-3.35.0.min.js"),
    ),
    (
        "vendor/cytoscape.LICENSE",
        include_bytes!("assets/vendor/cytoscape.LICENSE"),
    ),
];

/// The pages, by path.
const PAGES: &[(&str, &[u8])] = &[
    ("/", include_bytes!("assets/index.html")),
    ("/entity", include_bytes!("assets/entity.html")),
    ("/event", include_bytes!("assets/event.html")),
    ("/article", include_bytes!("assets/event.html")),
];

/// Scripts and styles from this server only; no inline script runs, so a
/// literal that slipped into the page as markup still could not execute. The
/// one inline style allowed is the rule Cytoscape.js adds
/// (`.__________cytoscape_container { position: relative; }`), by its hash.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Whether `path` is one of the view's.
pub fn handles(path: &str) -> bool {
    path.starts_with("/assets/") || PAGES.iter().any(|(p, _)| *p == path)
}

/// The index page, also `/sparql` without a query for a browser.
pub fn index(headers: &HeaderMap) -> Response {
    page_response("/", headers)
}

/// Answer a GET or HEAD for one of the view's paths.
pub fn respond(method: &Method, path: &str, headers: &HeaderMap) -> Result<Response, HttpError> {
    if method != Method::GET && method != Method::HEAD {
        return Err(HttpError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed here; this endpoint is read-only",
        ));
    }
    if let Some(name) = path.strip_prefix("/assets/") {
        return asset(name, headers).ok_or_else(|| {
            HttpError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "/assets/{}: no such asset",
                    name.chars().take(200).collect::<String>()
                ),
            )
        });
    }
    Ok(page_response(path, headers))
}

fn page_response(path: &str, headers: &HeaderMap) -> Response {
    let body = PAGES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(PAGES[0].1, |(_, b)| b);
    let mut response = cached(body, "text/html; charset=utf-8", "no-cache", headers);
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn asset(name: &str, headers: &HeaderMap) -> Option<Response> {
    if name == "queries.json" {
        return Some(cached(
            queries_json(),
            "application/json",
            "no-cache",
            headers,
        ));
    }
    let (_, body) = ASSETS.iter().find(|(n, _)| *n == name)?;
    // The vendored library's name holds its version: it never changes.
    let cache = if name == CYTOSCAPE {
        "public, max-age=604800, immutable"
    } else {
        "no-cache"
    };
    Some(cached(body, media_type(name), cache, headers))
}

fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        _ => "text/plain; charset=utf-8",
    }
}

/// The body with its ETag, or 304 when the browser already has it.
fn cached(
    body: &'static [u8],
    media: &'static str,
    cache: &'static str,
    headers: &HeaderMap,
) -> Response {
    let digest = Sha256::digest(body);
    let etag = format!(
        "\"{}\"",
        digest[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(media))],
            Body::from(body),
        )
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `[{name, title, query}]`, the title from `queries/README.md`.
fn queries_json() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| {
        let list: Vec<serde_json::Value> = QUERIES
            .iter()
            .map(|(name, query)| {
                serde_json::json!({
                    "name": name,
                    "title": title(name).unwrap_or(name),
                    "query": query,
                })
            })
            .collect();
        serde_json::to_vec(&list).unwrap_or_default()
    })
}

/// What `queries/README.md` says a query gives.
fn title(name: &str) -> Option<&'static str> {
    let item = format!("- `{name}.rq` —");
    QUERIES_README
        .lines()
        .find_map(|l| l.strip_prefix(item.as_str()))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_canned_query_is_an_example_with_a_title() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".rq").map(str::to_string)
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = QUERIES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "QUERIES must list every queries/*.rq");
        for (name, text) in QUERIES {
            assert!(
                text.contains("SELECT") || text.contains("CONSTRUCT"),
                "{name}"
            );
            assert!(
                title(name).is_some(),
                "{name}: no line in queries/README.md"
            );
        }
        let json: serde_json::Value = serde_json::from_slice(queries_json()).unwrap();
        assert_eq!(json.as_array().unwrap().len(), QUERIES.len());
    }

    #[test]
    fn pages_name_only_assets_that_exist() {
        for (path, body) in PAGES {
            let html = std::str::from_utf8(body).unwrap();
            for part in html.split("\"assets/").skip(1) {
                let name = &part[..part.find('"').unwrap()];
                assert!(
                    ASSETS.iter().any(|(n, _)| *n == name),
                    "{path} names assets/{name}"
                );
            }
        }
    }
}
