//! Print one document as RDF (`extract`): each quad is written as it is made
//! and kept only as a 16-byte digest to leave out repeats, so a run-on
//! article that makes a million quads needs no more memory than its document.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use sha2::{Digest, Sha256};

use crate::doc::Document;
use crate::kb::Knowledge;
use crate::rdf::map::each_quad;
use crate::rdf::vocab::PREFIXES;

/// Write the quads of `doc` in `format` (triples of every graph for a format
/// without graphs), each once, in the order they are made.
pub fn write_document(
    doc: &Document,
    kb: &Knowledge,
    format: RdfFormat,
    out: impl Write,
) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .context("bad prefix")?;
    }
    let mut writer = serializer.for_writer(out);
    let datasets = format.supports_datasets();
    // 128 bits of SHA-256: two different quads never share them in practice.
    let mut seen: HashSet<[u8; 16]> = HashSet::new();
    let mut result = Ok(());
    each_quad(doc, kb, &mut |quad| {
        if result.is_err() {
            return;
        }
        let key = if datasets {
            quad.to_string()
        } else {
            oxigraph::model::TripleRef::from(quad.as_ref()).to_string()
        };
        let digest = Sha256::digest(key.as_bytes());
        let mut short = [0u8; 16];
        short.copy_from_slice(&digest[..16]);
        if !seen.insert(short) {
            return;
        }
        result = if datasets {
            writer.serialize_quad(&quad)
        } else {
            writer.serialize_triple(quad.as_ref())
        };
    });
    result.context("cannot write the output")?;
    writer.finish().context("cannot finish the output")?;
    Ok(())
}
