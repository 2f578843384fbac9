//! The SPARQL 1.1 Protocol's request side: errors as HTTP statuses, strict
//! form decoding, content negotiation (`Accept` q-values, `format=`), and the
//! service description.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

/// An answer that is not a success: a status and a one-line message.
#[derive(Debug)]
pub struct HttpError {
    pub status: StatusCode,
    pub message: String,
}

impl HttpError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> HttpError {
        // One line, no control characters: the message may echo client input.
        let message = message
            .into()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        HttpError { status, message }
    }

    pub fn bad_request(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut response = (self.status, format!("{}\n", self.message)).into_response();
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

/// Decode `application/x-www-form-urlencoded` pairs (a URL's query string or
/// a form body). A bad percent escape or bytes that are not UTF-8 are an
/// error, never silently dropped.
pub fn form_pairs(input: &[u8]) -> Result<Vec<(String, String)>, HttpError> {
    input
        .split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let at = pair.iter().position(|b| *b == b'=');
            let (k, v) = match at {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &[u8]) -> Result<String, HttpError> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        HttpError::bad_request("malformed percent-encoding in the request")
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map_err(|_| HttpError::bad_request("the request parameters are not UTF-8"))
}

/// One media range of an `Accept` header.
struct Range {
    media: String,
    main: String,
    sub: String,
    q: f32,
}

fn parse_accept(header: &str) -> Result<Vec<Range>, HttpError> {
    let mut ranges = Vec::new();
    for item in header.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if media.is_empty() {
            continue;
        }
        let Some((main, sub)) = media.split_once('/') else {
            return Err(HttpError::bad_request(format!(
                "malformed Accept header: `{media}` is not a media type"
            )));
        };
        let mut q = 1.0;
        for param in parts {
            if let Some((name, value)) = param.split_once('=') {
                if name.trim().eq_ignore_ascii_case("q") {
                    q = value
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .ok_or_else(|| {
                            HttpError::bad_request(format!(
                                "malformed Accept header: q={} is not between 0 and 1",
                                value.trim()
                            ))
                        })?;
                }
            }
        }
        ranges.push(Range {
            main: main.trim().to_string(),
            sub: sub.trim().to_string(),
            media: media.clone(),
            q,
        });
    }
    Ok(ranges)
}

/// Pick what to answer with: each candidate gets the q-value of the most
/// specific media range that matches it (exact, then `type/*`, then `*/*`);
/// the highest q wins, ties go to the earlier candidate (the server's
/// preference). `alias` maps a media type to a candidate for the names that
/// are not a candidate's main media type (e.g. `application/json`). No
/// `Accept` (or an empty one) means the first candidate.
pub fn negotiate<T: Copy + PartialEq>(
    accept: Option<&str>,
    candidates: &[(T, &str)],
    alias: impl Fn(&str) -> Option<T>,
) -> Result<T, HttpError> {
    let ranges = match accept {
        Some(a) => parse_accept(a)?,
        None => Vec::new(),
    };
    if ranges.is_empty() {
        return Ok(candidates[0].0);
    }
    let mut best: Option<(T, f32)> = None;
    for (candidate, media) in candidates {
        let media = media.split(';').next().unwrap_or("").trim();
        let (main, _) = media.split_once('/').unwrap_or((media, ""));
        let mut matched: Option<(u8, f32)> = None;
        for r in &ranges {
            let specificity = if r.main == "*" && r.sub == "*" {
                0
            } else if r.sub == "*" && r.main.eq_ignore_ascii_case(main) {
                1
            } else if r.main != "*"
                && r.sub != "*"
                && (r.media.eq_ignore_ascii_case(media) || alias(&r.media) == Some(*candidate))
            {
                2
            } else {
                continue;
            };
            if matched.is_none_or(|(s, q)| specificity > s || (specificity == s && r.q > q)) {
                matched = Some((specificity, r.q));
            }
        }
        if let Some((_, q)) = matched {
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((*candidate, q));
            }
        }
    }
    best.map(|(c, _)| c).ok_or_else(|| {
        let offered: Vec<&str> = candidates
            .iter()
            .map(|(_, m)| m.split(';').next().unwrap_or(m))
            .collect();
        HttpError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the Accept media types can be served here; this answer comes as {}",
                offered.join(", ")
            ),
        )
    })
}

/// Results formats for SELECT and ASK, in the server's order of preference.
pub const RESULTS: [QueryResultsFormat; 4] = [
    QueryResultsFormat::Json,
    QueryResultsFormat::Xml,
    QueryResultsFormat::Csv,
    QueryResultsFormat::Tsv,
];

/// RDF formats for CONSTRUCT, DESCRIBE and graph reads.
pub fn rdf_formats(datasets_only: bool) -> Vec<RdfFormat> {
    let all = [
        RdfFormat::Turtle,
        RdfFormat::NTriples,
        RdfFormat::RdfXml,
        RdfFormat::NQuads,
        RdfFormat::TriG,
        RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    ];
    all.into_iter()
        .filter(|f| !datasets_only || f.supports_datasets())
        .collect()
}

pub fn negotiate_results(
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<QueryResultsFormat, HttpError> {
    let candidates: Vec<_> = RESULTS.iter().map(|f| (*f, f.media_type())).collect();
    match format {
        Some(name) => {
            let by_name = match name.to_ascii_lowercase().as_str() {
                "json" | "srj" => Some(QueryResultsFormat::Json),
                "xml" | "srx" => Some(QueryResultsFormat::Xml),
                "csv" => Some(QueryResultsFormat::Csv),
                "tsv" => Some(QueryResultsFormat::Tsv),
                _ => None,
            };
            by_name
                .or_else(|| QueryResultsFormat::from_media_type(without_parameters(name)))
                .ok_or_else(|| {
                    HttpError::new(
                        StatusCode::NOT_ACCEPTABLE,
                        format!("format={name}: SELECT and ASK answer json, xml, csv or tsv"),
                    )
                })
        }
        None => negotiate(accept, &candidates, QueryResultsFormat::from_media_type),
    }
}

/// A media type without its parameters (`;profile=...`): oxrdfio's parser
/// of parameters panics on some (`profile="`, a client's `format=` value), and
/// none changes the answer here.
fn without_parameters(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or("").trim()
}

pub fn negotiate_rdf(
    accept: Option<&str>,
    format: Option<&str>,
    datasets_only: bool,
) -> Result<RdfFormat, HttpError> {
    let formats = rdf_formats(datasets_only);
    let fits = |f: RdfFormat| formats.iter().any(|c| c.media_type() == f.media_type());
    let alias = |m: &str| RdfFormat::from_media_type(m).filter(|f| fits(*f));
    match format {
        Some(name) => {
            let by_name = match name.to_ascii_lowercase().as_str() {
                "turtle" | "ttl" => Some(RdfFormat::Turtle),
                "ntriples" | "nt" => Some(RdfFormat::NTriples),
                "nquads" | "nq" => Some(RdfFormat::NQuads),
                "trig" => Some(RdfFormat::TriG),
                "rdfxml" | "xml" | "rdf" => Some(RdfFormat::RdfXml),
                "jsonld" | "json" => Some(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
                _ => None,
            };
            by_name
                .or_else(|| RdfFormat::from_media_type(without_parameters(name)))
                .filter(|f| fits(*f))
                .ok_or_else(|| {
                    let names = if datasets_only {
                        "nquads, trig or jsonld"
                    } else {
                        "turtle, ntriples, rdfxml, nquads, trig or jsonld"
                    };
                    HttpError::new(
                        StatusCode::NOT_ACCEPTABLE,
                        format!("format={name}: this answer is RDF: {names}"),
                    )
                })
        }
        None => {
            let candidates: Vec<_> = formats.iter().map(|f| (*f, f.media_type())).collect();
            negotiate(accept, &candidates, alias)
        }
    }
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The SPARQL 1.1 Service Description of the endpoint at `endpoint`.
pub fn service_description(
    endpoint: &str,
    union_default_graph: bool,
    format: RdfFormat,
) -> Result<Vec<u8>, HttpError> {
    let internal = |e: &dyn std::fmt::Display| {
        HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("service description: {e}"),
        )
    };
    let iri = |s: &str| NamedNode::new_unchecked(s);
    let endpoint = NamedNode::new(endpoint).unwrap_or_else(|_| iri("http://localhost/sparql"));
    let service = iri(&format!("{}#service", endpoint.as_str()));
    let rdf_type = iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let sd = |local: &str| iri(&format!("{SD}{local}"));
    let mut triples = vec![
        Triple::new(service.clone(), rdf_type.clone(), sd("Service")),
        Triple::new(service.clone(), sd("endpoint"), endpoint.clone()),
        Triple::new(service.clone(), sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple::new(
            service.clone(),
            iri("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal::new_simple_literal(
                "newsgraph: a read-only SPARQL endpoint over an event-centric news knowledge graph, one named graph per article",
            ),
        ),
    ];
    if union_default_graph {
        triples.push(Triple::new(
            service.clone(),
            sd("feature"),
            sd("UnionDefaultGraph"),
        ));
    }
    for name in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "N-Quads",
        "TriG",
        "JSON-LD",
    ] {
        triples.push(Triple::new(
            service.clone(),
            sd("resultFormat"),
            iri(&format!("{FORMATS}{name}")),
        ));
    }
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, ns) in [("sd", SD), ("formats", FORMATS)] {
        serializer = serializer
            .with_prefix(prefix, ns)
            .map_err(|e| internal(&e))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for t in &triples {
        writer.serialize_triple(t).map_err(|e| internal(&e))?;
    }
    writer.finish().map_err(|e| internal(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_decode_strictly() {
        let pairs = form_pairs(b"query=SELECT+%3Fs&x=1&flag").unwrap();
        assert_eq!(pairs[0], ("query".into(), "SELECT ?s".into()));
        assert_eq!(pairs[2], ("flag".into(), String::new()));
        assert!(form_pairs(b"query=%zz").is_err());
        assert!(form_pairs(b"query=100%").is_err());
        assert!(form_pairs(b"query=%ff%fe").is_err());
    }

    #[test]
    fn accept_q_values_decide() {
        let f = |a: &str| negotiate_results(Some(a), None).map_err(|e| e.status);
        assert_eq!(
            f("application/sparql-results+xml;q=0.9, text/csv;q=0.1"),
            Ok(QueryResultsFormat::Xml)
        );
        assert_eq!(f("text/csv;q=0.5, */*;q=0.1"), Ok(QueryResultsFormat::Csv));
        assert_eq!(f("*/*"), Ok(QueryResultsFormat::Json));
        assert_eq!(f("application/json"), Ok(QueryResultsFormat::Json));
        assert_eq!(
            f("text/*;q=0.2, text/tab-separated-values"),
            Ok(QueryResultsFormat::Tsv)
        );
        // An exact range with q=0 excludes a format a wildcard would allow.
        assert_eq!(
            f("application/sparql-results+json;q=0, */*;q=0.5"),
            Ok(QueryResultsFormat::Xml)
        );
        assert_eq!(f("image/png"), Err(StatusCode::NOT_ACCEPTABLE));
        assert_eq!(f("text/csv;q=abc"), Err(StatusCode::BAD_REQUEST));
        assert_eq!(f("nonsense"), Err(StatusCode::BAD_REQUEST));
        assert_eq!(
            negotiate_results(Some("text/csv"), Some("xml")).unwrap(),
            QueryResultsFormat::Xml
        );
    }

    /// Random bytes through the request parsers: errors, never a panic.
    #[test]
    fn parsers_survive_random_input() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let alphabet = b"%&=+;,/*q.0123456789abcdefxyz \xff\xc3\xa9\x00\t\r\n";
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let _ = form_pairs(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            let _ = negotiate_results(Some(&text), None);
            let _ = negotiate_rdf(Some(&text), None, next() % 2 == 0);
            let _ = negotiate_rdf(None, Some(&text), false);
        }
    }

    #[test]
    fn rdf_negotiation() {
        let f = |a: &str| negotiate_rdf(Some(a), None, false).map_err(|e| e.status);
        assert_eq!(f("application/n-triples"), Ok(RdfFormat::NTriples));
        assert_eq!(f("text/*"), Ok(RdfFormat::Turtle));
        assert_eq!(
            f("application/rdf+xml;q=0.8, text/turtle;q=0.9"),
            Ok(RdfFormat::Turtle)
        );
        assert_eq!(
            negotiate_rdf(Some("text/turtle"), None, true).map_err(|e| e.status),
            Err(StatusCode::NOT_ACCEPTABLE)
        );
        assert!(service_description("http://h/sparql", true, RdfFormat::Turtle).is_ok());
        // A parameter oxrdfio cannot parse (it panicked on `profile="`) is left out.
        for name in ["application/ld+json;profile=\"", "text/turtle; charset=\""] {
            assert!(negotiate_rdf(None, Some(name), false).is_ok(), "{name}");
            assert!(negotiate_rdf(Some(name), None, false).is_ok(), "{name}");
        }
    }
}
