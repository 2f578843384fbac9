//! Serve: a read-only SPARQL 1.1 Protocol endpoint over the store
//! (`GET /sparql?query=…`, `POST /sparql` with `application/sparql-query` or a
//! form), answering JSON, XML, CSV or TSV results by the Accept header, and
//! Turtle or N-Triples for CONSTRUCT.

use anyhow::{Context, Result};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::query::{self, QueryFormat};
use crate::store::GraphStore;

const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>newsgraph SPARQL</title></head>
<body><h1>newsgraph SPARQL endpoint</h1><form action="/sparql" method="get">
<textarea name="query" rows="12" cols="90">SELECT ?type (COUNT(?v) AS ?n) WHERE { GRAPH ?g { ?v a ?type } } GROUP BY ?type</textarea><br>
<select name="format"><option>table</option><option>json</option><option>csv</option></select> <button>Run</button></form></body></html>"#;

/// Serve until the process is stopped.
pub fn serve(store: &GraphStore, address: &str) -> Result<()> {
    let server =
        Server::http(address).map_err(|e| anyhow::anyhow!("{address}: cannot listen: {e}"))?;
    eprintln!("newsgraph: SPARQL endpoint on http://{address}/sparql");
    for request in server.incoming_requests() {
        if let Err(e) = handle(store, request) {
            eprintln!("newsgraph: request failed: {e:#}");
        }
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn param(query_string: &str, name: &str) -> Option<String> {
    url_decode_pairs(query_string)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn url_decode_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn handle(store: &GraphStore, mut request: Request) -> Result<()> {
    let url = request.url().to_string();
    let (path, query_string) = url.split_once('?').unwrap_or((url.as_str(), ""));
    if path == "/" {
        let response = Response::from_string(PAGE)
            .with_header(header("Content-Type", "text/html; charset=utf-8"));
        return Ok(request.respond(response)?);
    }
    if path != "/sparql" {
        return Ok(request
            .respond(Response::from_string("not found; use /sparql").with_status_code(404))?);
    }
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    let mut sparql = param(query_string, "query");
    let mut format_param = param(query_string, "format");
    if *request.method() == Method::Post {
        let mut body = String::new();
        request
            .as_reader()
            .read_to_string(&mut body)
            .context("cannot read the request body")?;
        if content_type.starts_with("application/sparql-query") {
            sparql = Some(body);
        } else {
            sparql = param(&body, "query").or(sparql);
            format_param = param(&body, "format").or(format_param);
        }
    }
    let Some(sparql) = sparql else {
        return Ok(request
            .respond(Response::from_string("missing `query` parameter").with_status_code(400))?);
    };
    let accept = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default();
    let (format, mime) = match format_param.as_deref().unwrap_or(&accept) {
        f if f.contains("table") => (QueryFormat::Table, "text/plain; charset=utf-8"),
        f if f.contains("csv") => (QueryFormat::Csv, "text/csv; charset=utf-8"),
        f if f.contains("tab-separated") || f == "tsv" => {
            (QueryFormat::Tsv, "text/tab-separated-values; charset=utf-8")
        }
        f if f.contains("sparql-results+xml") || f == "xml" => {
            (QueryFormat::Xml, "application/sparql-results+xml")
        }
        f if f.contains("n-triples") => (QueryFormat::Ntriples, "application/n-triples"),
        f if f.contains("turtle") => (QueryFormat::Turtle, "text/turtle"),
        _ => (QueryFormat::Json, "application/sparql-results+json"),
    };
    let mut body = Vec::new();
    let format = if sparql.to_ascii_uppercase().contains("CONSTRUCT")
        || sparql.to_ascii_uppercase().contains("DESCRIBE")
    {
        match format {
            QueryFormat::Ntriples => QueryFormat::Ntriples,
            _ => QueryFormat::Turtle,
        }
    } else {
        format
    };
    let mime = match format {
        QueryFormat::Turtle => "text/turtle",
        QueryFormat::Ntriples => "application/n-triples",
        _ => mime,
    };
    match query::run(store, &sparql, format, &mut body) {
        Ok(()) => {
            Ok(request
                .respond(Response::from_data(body).with_header(header("Content-Type", mime)))?)
        }
        Err(e) => {
            Ok(request.respond(Response::from_string(format!("{e:#}")).with_status_code(400))?)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn form_values_decode() {
        assert_eq!(
            super::param("query=SELECT+%3Fs&x=1", "query").as_deref(),
            Some("SELECT ?s")
        );
        assert_eq!(super::decode("%zz"), None);
        assert_eq!(super::decode("100%"), Some("100%".into()));
    }
}
