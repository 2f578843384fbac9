//! Map to RDF: a processed `Document` becomes quads in its own named graph,
//! plus the canonical entity nodes in the shared entities graph.

pub mod map;
pub mod vocab;
pub mod write;

pub use map::{article_iri, each_quad, entity_iri, to_quads};
pub use write::write_document;
