//! The endpoint's routes: the browser view (`/`, `/entity`, `/event`,
//! `/article`, `/assets/…`: see [`super::view`]), `/sparql` (queries),
//! `/store` (graph reads), `/update` (refused), CORS when asked for.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::StreamExt;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use spargebra::SparqlParser;

use super::cache;
use super::exec::{self, Sink};
use super::protocol::{self, negotiate, negotiate_rdf, negotiate_results, rdf_formats, HttpError};
use super::view;
use super::App;
use crate::rdf::vocab::PREFIXES;

pub fn router(app: Arc<App>) -> Router {
    Router::new().fallback(handle).with_state(app)
}

async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let preflight = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned();
    let mut response = match route(&app, request).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    };
    let allow = if path == "/sparql" || path == "/query" {
        "GET, HEAD, POST, OPTIONS"
    } else {
        "GET, HEAD, OPTIONS"
    };
    if matches!(
        response.status(),
        StatusCode::METHOD_NOT_ALLOWED | StatusCode::NO_CONTENT
    ) {
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
    }
    if app.options.cors {
        let headers = response.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(allow),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            preflight.unwrap_or(HeaderValue::from_static("Accept, Content-Type")),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("3600"),
        );
    }
    response
}

pub(super) async fn route(app: &Arc<App>, request: Request) -> Result<Response, HttpError> {
    if request.method() == Method::OPTIONS {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    match request.uri().path() {
        path if view::handles(path) => view::respond(request.method(), path, request.headers()),
        "/sparql" | "/query" => sparql(app, request).await,
        "/store" => graph_store(app, request).await,
        "/update" => Err(read_only()),
        other => Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!(
                "{}: not found; queries go to /sparql, graph reads to /store",
                other.chars().take(200).collect::<String>()
            ),
        )),
    }
}

fn not_allowed() -> HttpError {
    HttpError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed here; this endpoint is read-only",
    )
}

fn read_only() -> HttpError {
    HttpError::new(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: SPARQL Update is not accepted (write with `newsgraph ingest` or `newsgraph load`)",
    )
}

fn header_str(request: &Request, name: header::HeaderName) -> Result<Option<String>, HttpError> {
    request
        .headers()
        .get(&name)
        .map(|v| {
            v.to_str()
                .map(str::to_string)
                .map_err(|_| HttpError::bad_request(format!("the {name} header is not ASCII")))
        })
        .transpose()
}

/// The body, at most `--max-body` bytes (413 beyond), within the idle timeout.
async fn read_body(app: &App, request: Request) -> Result<Vec<u8>, HttpError> {
    let limit = app.options.max_body;
    let too_large = || {
        HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over the limit of {limit} bytes (--max-body)"),
        )
    };
    let declared = header_str(&request, header::CONTENT_LENGTH)?;
    if let Some(declared) = declared {
        let n: u64 = declared
            .trim()
            .parse()
            .map_err(|_| HttpError::bad_request("malformed Content-Length"))?;
        if n > limit as u64 {
            return Err(too_large());
        }
    }
    let mut stream = request.into_body().into_data_stream();
    let mut body = Vec::new();
    let read = async {
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| {
                HttpError::bad_request(format!("cannot read the request body: {e}"))
            })?;
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(())
    };
    match tokio::time::timeout(app.options.idle_timeout, read).await {
        Ok(result) => result.map(|()| body),
        Err(_) => Err(HttpError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s",
                app.options.idle_timeout.as_secs()
            ),
        )),
    }
}

/// The media type without parameters, lower case.
fn content_type(request: &Request) -> Result<Option<String>, HttpError> {
    Ok(header_str(request, header::CONTENT_TYPE)?.map(|v| {
        v.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }))
}

/// What a query asked for besides its text.
struct Dataset {
    default: Vec<GraphName>,
    named: Vec<NamedOrBlankNode>,
    union: bool,
}

impl Dataset {
    /// The parameters as one text, for the cache's key.
    fn key(&self) -> String {
        let mut key = format!("union={}", self.union);
        for g in &self.default {
            key.push_str(&format!(" default={g}"));
        }
        for g in &self.named {
            key.push_str(&format!(" named={g}"));
        }
        key
    }
}

fn iri(value: &str, param: &str) -> Result<NamedNode, HttpError> {
    NamedNode::new(value)
        .map_err(|e| HttpError::bad_request(format!("{param}: `{value}` is not an IRI: {e}")))
}

async fn sparql(app: &Arc<App>, request: Request) -> Result<Response, HttpError> {
    let method = request.method().clone();
    let accept = header_str(&request, header::ACCEPT)?;
    let host = header_str(&request, header::HOST)?;
    let if_none_match = header_str(&request, header::IF_NONE_MATCH)?;
    let mut params = protocol::form_pairs(request.uri().query().unwrap_or("").as_bytes())?;
    let mut direct = None;
    match method {
        Method::GET | Method::HEAD => {}
        Method::POST => match content_type(&request)?.as_deref() {
            Some("application/sparql-query") => {
                let body = read_body(app, request).await?;
                direct = Some(
                    String::from_utf8(body)
                        .map_err(|_| HttpError::bad_request("the query is not UTF-8"))?,
                );
            }
            Some("application/x-www-form-urlencoded") => {
                let body = read_body(app, request).await?;
                params.extend(protocol::form_pairs(&body)?);
            }
            Some("application/sparql-update") => return Err(read_only()),
            Some(other) => {
                return Err(HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("Content-Type {other}: send the query as application/sparql-query or application/x-www-form-urlencoded"),
                ))
            }
            None => {
                return Err(HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "no Content-Type: send the query as application/sparql-query or application/x-www-form-urlencoded",
                ))
            }
        },
        _ => return Err(not_allowed()),
    }
    let mut texts = Vec::new();
    let mut format = None;
    let mut dataset = Dataset {
        default: Vec::new(),
        named: Vec::new(),
        union: false,
    };
    for (k, v) in params {
        match k.as_str() {
            "query" => texts.push(v),
            "update" => return Err(read_only()),
            "format" | "output" => format = Some(v),
            "default-graph-uri" => dataset.default.push(iri(&v, &k)?.into()),
            "named-graph-uri" => dataset.named.push(iri(&v, &k)?.into()),
            "union-default-graph" => dataset.union = true,
            _ => {}
        }
    }
    texts.extend(direct);
    if texts.len() > 1 {
        return Err(HttpError::bad_request("more than one query in the request"));
    }
    let Some(text) = texts.pop() else {
        if method == Method::POST {
            return Err(HttpError::bad_request("missing `query` parameter"));
        }
        return describe_service(app, host, accept.as_deref(), format.as_deref());
    };
    if dataset.union && !(dataset.default.is_empty() && dataset.named.is_empty()) {
        return Err(HttpError::bad_request(
            "union-default-graph and default-graph-uri/named-graph-uri exclude each other",
        ));
    }
    let query = parser().parse_query(&text).map_err(|e| {
        if parser().parse_update(&text).is_ok() {
            read_only()
        } else {
            HttpError::bad_request(format!("SPARQL syntax error: {e}"))
        }
    })?;
    super::guard::check(&query).map_err(HttpError::bad_request)?;
    // The answer's kind comes from the parsed query's form.
    let answer = match &query {
        spargebra::Query::Select { .. } | spargebra::Query::Ask { .. } => {
            Answer::Results(negotiate_results(accept.as_deref(), format.as_deref())?)
        }
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => {
            Answer::Rdf(negotiate_rdf(accept.as_deref(), format.as_deref(), false)?)
        }
    };
    if method == Method::HEAD {
        return Ok(([(header::CONTENT_TYPE, answer.media_type())], ()).into_response());
    }
    let holder = app.clone();
    let (version, store) = tokio::task::spawn_blocking(move || holder.store.versioned())
        .await
        .map_err(|_| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot open the store"))?;
    // The same request on the same version of the store gets the same answer,
    // unless the query asks for the time or random values.
    let cacheable = crate::store::version::deterministic(&query.to_string());
    let key = cache::Key {
        text,
        dataset: dataset.key(),
        format: answer.media_type(),
    };
    let tag = cacheable.then(|| cache::etag(version.fingerprint, &key, &app.salt));
    if let (Some(tag), Some(given)) = (&tag, &if_none_match) {
        if cache::none_match(given, tag) {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            validators(&mut response, tag);
            return Ok(response);
        }
    }
    let hit = cacheable
        .then(|| app.cache.get(version.generation, &key))
        .flatten();
    let mut response = match hit {
        Some(hit) => {
            let mut response = Response::new(Body::from(hit.body.clone()));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(hit.content_type),
            );
            for (name, value) in &hit.headers {
                if let Ok(value) = HeaderValue::from_str(value) {
                    headers.insert(*name, value);
                }
            }
            headers.insert(X_CACHE, HeaderValue::from_static("hit"));
            response
        }
        None => {
            let fill = cacheable.then(|| exec::Fill {
                cache: app.cache.clone(),
                generation: version.generation,
                key,
            });
            let job_app = app.clone();
            let mut response = exec::run(&app.pool, answer.media_type(), fill, move |sink| {
                run_query(&job_app, store, query, dataset, answer, sink)
            })
            .await;
            response
                .headers_mut()
                .insert(X_CACHE, HeaderValue::from_static("miss"));
            response
        }
    };
    if let (Some(tag), StatusCode::OK) = (&tag, response.status()) {
        validators(&mut response, tag);
    }
    Ok(response)
}

/// Whether an answer came from the result cache (`hit`) or was computed.
const X_CACHE: &str = "x-cache";

/// The headers that let a client keep an answer and revalidate it: its
/// ETag, `no-cache` (ask each time; a 304 when the store has not changed)
/// and `Vary: Accept` (the format follows it).
fn validators(response: &mut Response, tag: &str) {
    let headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("Accept"));
}

fn parser() -> SparqlParser {
    PREFIXES
        .iter()
        .fold(SparqlParser::new(), |p, (prefix, iri)| {
            p.with_prefix(*prefix, *iri)
                .unwrap_or_else(|_| SparqlParser::new())
        })
}

#[derive(Clone, Copy)]
enum Answer {
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

impl Answer {
    fn media_type(self) -> &'static str {
        match self {
            Answer::Results(f) => f.media_type(),
            Answer::Rdf(f) => f.media_type(),
        }
    }
}

/// A triple RDF/XML can hold: characters XML 1.0 cannot hold, in a literal,
/// become U+FFFD there (as in `export`); other formats take it as it is.
fn xml_safe(format: RdfFormat, triple: oxigraph::model::Triple) -> oxigraph::model::Triple {
    if format == RdfFormat::RdfXml {
        crate::rdf::write::for_xml(triple.as_ref()).unwrap_or(triple)
    } else {
        triple
    }
}

fn rdf_serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in PREFIXES {
            serializer = match serializer.clone().with_prefix(*prefix, *iri) {
                Ok(s) => s,
                Err(_) => serializer,
            };
        }
    }
    serializer
}

fn run_query(
    app: &App,
    store: oxigraph::store::Store,
    query: spargebra::Query,
    dataset: Dataset,
    answer: Answer,
    sink: &mut Sink,
) -> Result<(), HttpError> {
    let errors = sink.errors(app.options.timeout);
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(sink.token.clone())
        .for_query(query);
    if dataset.union {
        prepared.dataset_mut().set_default_graph_as_union();
    } else if !dataset.default.is_empty() || !dataset.named.is_empty() {
        prepared.dataset_mut().set_default_graph(dataset.default);
        prepared
            .dataset_mut()
            .set_available_named_graphs(dataset.named);
    } else if app.options.union_default_graph {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = prepared
        .on_store(&store)
        .execute()
        .map_err(|e| errors.eval(e))?;
    let max = app.options.max_rows.unwrap_or(u64::MAX);
    let mut rows = 0u64;
    let truncated = match (results, answer) {
        (QueryResults::Boolean(b), Answer::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut *sink, b)
                .map_err(|e| errors.io(e))?;
            false
        }
        (QueryResults::Solutions(solutions), Answer::Results(f)) => {
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *sink, solutions.variables().to_vec())
                .map_err(|e| errors.io(e))?;
            let mut truncated = false;
            for s in solutions {
                if rows == max {
                    truncated = true;
                    break;
                }
                w.serialize(&s.map_err(|e| errors.eval(e))?)
                    .map_err(|e| errors.io(e))?;
                rows += 1;
            }
            w.finish().map_err(|e| errors.io(e))?;
            truncated
        }
        (QueryResults::Graph(triples), Answer::Rdf(f)) => {
            let mut w = rdf_serializer(f).for_writer(&mut *sink);
            let mut truncated = false;
            for t in triples {
                if rows == max {
                    truncated = true;
                    break;
                }
                w.serialize_triple(&xml_safe(f, t.map_err(|e| errors.eval(e))?))
                    .map_err(|e| errors.io(e))?;
                rows += 1;
            }
            w.finish().map_err(|e| errors.io(e))?;
            truncated
        }
        _ => {
            return Err(HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query's answer does not match its form",
            ))
        }
    };
    if truncated {
        eprintln!("newsgraph: an answer was cut at {max} rows (--max-rows)");
        sink.headers
            .push(("x-newsgraph-truncated", format!("max-rows={max}")));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Description {
    Rdf(RdfFormat),
    Html,
}

/// `GET /sparql` without a query: the service description, or the view's
/// query page for a browser that prefers HTML.
fn describe_service(
    app: &App,
    host: Option<String>,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Response, HttpError> {
    let choice = match format {
        Some(f) => Description::Rdf(negotiate_rdf(None, Some(f), false)?),
        None => {
            let mut candidates: Vec<(Description, &str)> = rdf_formats(false)
                .into_iter()
                .map(|f| (Description::Rdf(f), f.media_type()))
                .collect();
            candidates.push((Description::Html, "text/html"));
            negotiate(accept, &candidates, |m| {
                RdfFormat::from_media_type(m).map(Description::Rdf)
            })?
        }
    };
    match choice {
        Description::Html => Ok(view::index(&axum::http::HeaderMap::new())),
        Description::Rdf(format) => {
            let host = host.unwrap_or_else(|| app.options.bind.clone());
            let endpoint = format!("http://{host}/sparql");
            let body =
                protocol::service_description(&endpoint, app.options.union_default_graph, format)?;
            Ok((
                [(header::CONTENT_TYPE, format.media_type())],
                Body::from(body),
            )
                .into_response())
        }
    }
}

/// Graph Store Protocol reads: `?graph=IRI`, `?default`, or the whole dataset.
async fn graph_store(app: &Arc<App>, request: Request) -> Result<Response, HttpError> {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        return Err(not_allowed());
    }
    let accept = header_str(&request, header::ACCEPT)?;
    let params = protocol::form_pairs(request.uri().query().unwrap_or("").as_bytes())?;
    let mut graph = None;
    let mut default = false;
    let mut format = None;
    for (k, v) in params {
        match k.as_str() {
            "graph" => graph = Some(iri(&v, "graph")?),
            "default" => default = true,
            "format" => format = Some(v),
            _ => {}
        }
    }
    let target = match (graph, default) {
        (Some(_), true) => {
            return Err(HttpError::bad_request(
                "give either ?graph=IRI or ?default, not both",
            ))
        }
        (Some(g), false) => Some(GraphName::NamedNode(g)),
        (None, true) => Some(GraphName::DefaultGraph),
        (None, false) => None,
    };
    let format = negotiate_rdf(accept.as_deref(), format.as_deref(), target.is_none())?;
    let head = method == Method::HEAD;
    let job_app = app.clone();
    let mut response = exec::run(&app.pool, format.media_type(), None, move |sink| {
        dump(&job_app, target, format, head, sink)
    })
    .await;
    if head {
        *response.body_mut() = Body::empty();
    }
    Ok(response)
}

fn dump(
    app: &App,
    target: Option<GraphName>,
    format: RdfFormat,
    head: bool,
    sink: &mut Sink,
) -> Result<(), HttpError> {
    let errors = sink.errors(app.options.timeout);
    let store = app.store.current();
    let storage = |e: oxigraph::store::StorageError| {
        HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the store: {e}"),
        )
    };
    if let Some(GraphName::NamedNode(g)) = &target {
        if !store.contains_named_graph(g).map_err(storage)? {
            return Err(HttpError::new(
                StatusCode::NOT_FOUND,
                format!("{g}: no such graph in the store"),
            ));
        }
    }
    if head {
        return Ok(());
    }
    let token = sink.token.clone();
    let mut w = rdf_serializer(format).for_writer(&mut *sink);
    let graph = target.as_ref().map(GraphName::as_ref);
    for (i, quad) in store.quads_for_pattern(None, None, None, graph).enumerate() {
        if i % 1024 == 0 && token.is_cancelled() {
            return Err(errors.cancelled());
        }
        let quad = quad.map_err(storage)?;
        if target.is_some() {
            w.serialize_triple(&xml_safe(format, quad.into()))
        } else {
            w.serialize_quad(&quad)
        }
        .map_err(|e| errors.io(e))?;
    }
    w.finish().map_err(|e| errors.io(e))?;
    Ok(())
}
