//! Triple formats (Turtle, N-Triples, RDF/XML) of the whole store: the union
//! of all graphs, each triple written once however many graphs hold it. The
//! quads are streamed; what has been written is remembered as a 128-bit hash
//! per triple (SHA-256, cut), never the triple itself: 17 bytes a slot in the
//! set, about 70 MB for 3 million triples (110 MB while the set grows).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use sha2::{Digest, Sha256};

use crate::rdf::vocab::PREFIXES;
use crate::store::GraphStore;

/// A triple's identity: the hash of its N-Triples form.
fn triple_hash(q: &Quad, buf: &mut String) -> u128 {
    buf.clear();
    // Terms print in N-Triples syntax, so distinct triples print differently.
    let _ = write!(buf, "{} {} {}", q.subject, q.predicate, q.object);
    let digest = Sha256::digest(buf.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_le_bytes(first)
}

/// Write the triples of `graph`, or of every graph once each, in `format`.
pub fn write(
    store: &GraphStore,
    format: RdfFormat,
    graph: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .context("bad prefix")?;
    }
    let mut writer = serializer.for_writer(out);
    let mut seen: HashSet<u128> = HashSet::new();
    let mut buf = String::new();
    let scope = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
    for quad in store.quads(scope) {
        let quad = quad?;
        // One graph holds each triple once: no need to remember.
        if graph.is_none() && !seen.insert(triple_hash(&quad, &mut buf)) {
            continue;
        }
        writer.serialize_triple(quad.as_ref())?;
    }
    writer.finish().context("cannot finish the output")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    #[test]
    fn a_triple_in_two_graphs_is_written_once() {
        let store = GraphStore::in_memory().unwrap();
        let iri = |s: &str| NamedNode::new_unchecked(format!("http://example.org/{s}"));
        let mut nt = String::new();
        for g in ["g1", "g2"] {
            let q = Quad::new(
                iri("s"),
                iri("p"),
                Literal::from(1),
                GraphName::from(iri(g)),
            );
            nt.push_str(&format!("{q} .\n"));
        }
        nt.push_str(&format!(
            "{} {} \"1\" <http://example.org/g2> .\n",
            iri("t"),
            iri("p")
        ));
        store.load(RdfFormat::NQuads, nt.as_bytes()).unwrap();
        assert_eq!(store.quad_count().unwrap(), 3);
        let mut out = Vec::new();
        write(&store, RdfFormat::NTriples, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
    }
}
