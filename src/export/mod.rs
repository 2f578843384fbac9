//! Export: the standard RDF formats (oxigraph's serializers; triple formats
//! de-duplicated in [`triples`], compact JSON-LD in [`jsonld`]), GraphViz
//! (DOT, SVG; [`dot`]), and tables for graph tools read from the store
//! ([`records`]): GraphML ([`graphml`]), Neo4j import CSV ([`neo4j`]) and a
//! table of events ([`csv`]).
//!
//! Every file is written beside its final name and renamed into place once
//! whole, so a failed export leaves no half-written file.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod jsonld;
pub mod neo4j;
pub mod records;
pub mod triples;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution};

use crate::store::GraphStore;

/// Output formats of `newsgraph export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    Jsonld,
    Dot,
    Svg,
    /// GraphML for Gephi, yEd, Cytoscape, networkx.
    Graphml,
    /// `nodes.csv` and `relationships.csv` for `neo4j-admin database import` (-o DIR).
    Neo4j,
    /// One row per event (CSV).
    EventsCsv,
    /// CoNLL-U: the parse of each sentence (`extract` only).
    Conllu,
}

impl ExportFormat {
    /// The RDF format, or None for the others.
    pub fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            _ => return None,
        })
    }

    /// The format a file name's extension implies.
    pub fn from_extension(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ttl" => ExportFormat::Turtle,
            "nt" => ExportFormat::Ntriples,
            "nq" => ExportFormat::Nquads,
            "trig" => ExportFormat::Trig,
            "rdf" | "xml" | "owl" => ExportFormat::Rdfxml,
            "jsonld" => ExportFormat::Jsonld,
            "dot" | "gv" => ExportFormat::Dot,
            "svg" => ExportFormat::Svg,
            "graphml" => ExportFormat::Graphml,
            "csv" => ExportFormat::EventsCsv,
            "conllu" => ExportFormat::Conllu,
            _ => return None,
        })
    }
}

/// What to export and how.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Only this article graph.
    pub graph: Option<NamedNode>,
    /// GraphViz: every event as a node of its own.
    pub events_as_nodes: bool,
    /// Labels in this language (else the article's, else French, English, any).
    pub label_lang: Option<String>,
    /// What GraphViz output draws.
    pub filter: dot::Filter,
}

/// Write the store (or one graph) in `format` to `output` (stdout when None;
/// a folder for `neo4j`).
pub fn export(
    store: &GraphStore,
    format: ExportFormat,
    options: &ExportOptions,
    output: Option<&Path>,
) -> Result<()> {
    let graph = options.graph.as_ref();
    if !options.filter.is_empty() && !matches!(format, ExportFormat::Dot | ExportFormat::Svg) {
        bail!("--entity, --type, --since, --until, --max-nodes and --min-degree draw GraphViz only: add --format svg (or dot)");
    }
    match format {
        ExportFormat::Neo4j => {
            let dir = output.context(
                "neo4j writes two files: give a folder with -o DIR (newsgraph export --format neo4j -o neo4j-import)",
            )?;
            let records = records::read(store, graph)?;
            neo4j::write(&records, options.label_lang.as_deref(), dir)
        }
        ExportFormat::Conllu => bail!(
            "conllu is an extract format: newsgraph extract --until parse --format conllu FILE"
        ),
        _ => write_output(output, |out| write_stream(store, format, options, out)),
    }
}

/// Write a one-stream format (all but neo4j) to `out`.
pub fn write_stream(
    store: &GraphStore,
    format: ExportFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let graph = options.graph.as_ref();
    let lang = options.label_lang.as_deref();
    match format {
        ExportFormat::Jsonld => jsonld::write(store, graph, out),
        ExportFormat::Turtle | ExportFormat::Ntriples | ExportFormat::Rdfxml => {
            let rdf = format.rdf().context("internal: not RDF")?;
            triples::write(store, rdf, graph, out)
        }
        ExportFormat::Nquads | ExportFormat::Trig => {
            let rdf = format.rdf().context("internal: not RDF")?;
            store.dump(rdf, graph, out)
        }
        ExportFormat::Graphml => graphml::write(&records::read(store, graph)?, lang, out),
        ExportFormat::EventsCsv => csv::write_events(&records::read(store, graph)?, lang, out),
        ExportFormat::Dot | ExportFormat::Svg => {
            let g = dot::build(store, options)?;
            let mut text = Vec::new();
            dot::write_dot(&g, &mut text)?;
            if format == ExportFormat::Svg {
                text = dot::render_svg(&text)?;
            }
            out.write_all(&text)?;
            Ok(())
        }
        ExportFormat::Neo4j | ExportFormat::Conllu => bail!("internal: not a one-stream format"),
    }
}

/// Run `fill` on stdout, or on a file written beside `path` and renamed into
/// place once whole (nothing is left behind on an error).
pub fn write_output(
    path: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        let mut out = BufWriter::new(std::io::stdout().lock());
        fill(&mut out)?;
        out.flush().context("cannot write to stdout")?;
        return Ok(());
    };
    let tmp = partial_name(path);
    let result = (|| {
        let file =
            File::create(&tmp).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        out.flush()
            .with_context(|| format!("{}: cannot write", path.display()))?;
        drop(out);
        std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The hidden name a file is written under before it is renamed to `path`.
pub(crate) fn partial_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// The string form of a term: an IRI, a literal's value, a blank node's `_:id`.
pub(crate) fn value(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        Term::BlankNode(b) => Some(b.to_string()),
    }
}

/// The solutions of a SELECT query.
pub(crate) fn rows(store: &GraphStore, query: &str) -> Result<Vec<QuerySolution>> {
    match store.run(query)? {
        QueryResults::Solutions(s) => s.map(|r| r.context("cannot read results")).collect(),
        _ => bail!("internal: expected solutions"),
    }
}

/// `VALUES ?g { <graph> }` for one graph, nothing for all.
pub(crate) fn scope(graph: Option<&NamedNode>) -> String {
    graph
        .map(|g| format!("VALUES ?g {{ <{}> }}", g.as_str()))
        .unwrap_or_default()
}

/// The last segment of an IRI, to name what has no label.
pub(crate) fn iri_tail(iri: &str) -> &str {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
}
