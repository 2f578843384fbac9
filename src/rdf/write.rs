//! Print RDF: one document as it is made (`extract`): each quad is written
//! as it is made and kept only as a 16-byte hash to leave out repeats, so a
//! run-on article that makes a million quads needs no more memory than its
//! document. Also the serializer with the project's prefixes and the set of
//! quads written, shared with the exports.

use std::collections::HashSet;
use std::hash::Hash;
use std::io::Write;

use anyhow::{Context, Result};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, QuadRef, Term, Triple, TripleRef};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::doc::Document;
use crate::kb::Knowledge;
use crate::rdf::map::each_quad;
use crate::rdf::vocab::PREFIXES;

/// A serializer for `format` that declares the project's prefixes.
pub fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .context("bad prefix")?;
    }
    Ok(serializer)
}

/// `triple` as RDF/XML can hold it, when it differs: XML 1.0 has no way to
/// write most control characters (U+0000 to U+001F but tab and line breaks,
/// U+FFFE, U+FFFF; not even as `&#1;`), which articles and loaded data may
/// hold, so each is replaced in a literal by U+FFFD REPLACEMENT CHARACTER.
/// (IRIs hold none; the other formats escape them.)
pub fn for_xml(triple: TripleRef<'_>) -> Option<Triple> {
    let Term::Literal(literal) = triple.object.into_owned() else {
        return None;
    };
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !literal.value().contains(forbidden) {
        return None;
    }
    let value = literal.value().replace(forbidden, "\u{fffd}");
    let object = if let Some(lang) = literal.language() {
        Literal::new_language_tagged_literal_unchecked(value, lang)
    } else {
        Literal::new_typed_literal(value, literal.datatype())
    };
    Some(Triple::new(
        triple.subject.into_owned(),
        triple.predicate.into_owned(),
        object,
    ))
}

/// The quads (or triples) written so far, as 128 bits of SipHash-1-3 of
/// their terms each (hashing the terms costs far less than printing them):
/// two different ones never share them in practice, and a million take about
/// 30 MB.
#[derive(Default)]
pub struct Written {
    seen: HashSet<u128>,
}

impl Written {
    /// Whether `quad` (its triple alone unless `with_graph`) is new; it is
    /// remembered.
    pub fn first_time(&mut self, quad: QuadRef<'_>, with_graph: bool) -> bool {
        self.seen.insert(if with_graph {
            fingerprint(&quad)
        } else {
            fingerprint(&TripleRef::from(quad))
        })
    }
}

/// A quad's (or a triple's) 128-bit fingerprint: SipHash-1-3 with fixed keys
/// over its terms. Two different ones share one with odds of about 10^-27
/// among a million, far below a disk's error rate.
pub fn fingerprint(value: &impl Hash) -> u128 {
    let mut h = SipHasher13::new();
    value.hash(&mut h);
    h.finish128().as_u128()
}

/// Write the quads of `doc` in `format` (triples of every graph for a format
/// without graphs), each once, in the order they are made.
pub fn write_document(
    doc: &Document,
    kb: &Knowledge,
    format: RdfFormat,
    out: impl Write,
) -> Result<()> {
    let mut writer = serializer(format)?.for_writer(out);
    let datasets = format.supports_datasets();
    let xml = format == RdfFormat::RdfXml;
    let mut written = Written::default();
    let mut result = Ok(());
    each_quad(doc, kb, &mut |quad| {
        if result.is_err() || !written.first_time(quad.as_ref(), datasets) {
            return;
        }
        result = if datasets {
            writer.serialize_quad(&quad)
        } else if let Some(safe) = xml.then(|| for_xml(quad.as_ref().into())).flatten() {
            writer.serialize_triple(&safe)
        } else {
            writer.serialize_triple(quad.as_ref())
        };
    });
    result.context("cannot write the output")?;
    writer.finish().context("cannot finish the output")?;
    Ok(())
}
