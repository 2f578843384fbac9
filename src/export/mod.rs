//! Export: every standard RDF format through oxigraph's serializers, and
//! GraphViz (DOT, SVG) built with petgraph.

pub mod dot;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};

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
    /// CoNLL-U: the parse of each sentence (`extract` only).
    Conllu,
}

impl ExportFormat {
    /// The RDF format, or None for the GraphViz ones.
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
            ExportFormat::Dot | ExportFormat::Svg | ExportFormat::Conllu => return None,
        })
    }

    /// The format a file name's extension implies.
    pub fn from_extension(path: &std::path::Path) -> Option<ExportFormat> {
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
            "conllu" => ExportFormat::Conllu,
            _ => return None,
        })
    }
}
