//! Document → quads, following the RDF contract of `../shared/eval/README.md`
//! and `ontology/newsgraph.ttl`. Reads a processed [`Document`]; writes the
//! article's named graph (article, mentions, positions, relations, events and
//! their `ng:EventMention`s), the entity descriptions of the shared entities
//! graph and the canonical `ng:Happening`s of the shared events graph.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::vocab::*;
use crate::doc::{DateBasis, Document, Entity, EntityType, EventDate, RelationKind};
use crate::events::happening;
use crate::kb::Knowledge;
use crate::text::slug;

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// The IRI of an entity id (`armenia`, `person-john-smith`).
pub fn entity_iri(id: &str) -> NamedNode {
    iri(&format!("{ENTITY_BASE}{}", path_segment(id)))
}

/// `text` as one IRI path segment. Ids may come back from the store, where
/// anyone could have loaded anything: every byte outside the unreserved IRI
/// characters is percent-encoded, so no id can break out of its IRI
/// (`evil> <http://attacker/x>`). An escape already in the text (`%3E`, read
/// back from such an IRI) is kept, so identity is stable.
fn path_segment(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut safe = String::with_capacity(text.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape || b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            safe.push(b as char);
        } else {
            safe.push_str(&format!("%{b:02X}"));
        }
    }
    safe
}

/// The IRI of an article from its identity: kept as is when it is already a
/// safe path segment, else a slug plus a short hash so distinct ids stay distinct.
pub fn article_iri(id: &str) -> NamedNode {
    let safe = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if safe {
        return iri(&format!("{ARTICLE_BASE}{id}"));
    }
    use sha2::{Digest, Sha256};
    let hash = format!("{:x}", Sha256::digest(id.as_bytes()));
    let mut s = slug(id);
    s.truncate(80);
    iri(&format!("{ARTICLE_BASE}{s}-{}", &hash[..10]))
}

/// Hands each quad to the sink as it is made.
struct Writer<'a> {
    sink: &'a mut dyn FnMut(Quad),
}

impl Writer<'_> {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>, g: &GraphName) {
        (self.sink)(Quad::new(s.clone(), iri(p), o, g.clone()));
    }
}

fn typed(value: impl Into<String>, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, iri(datatype))
}

/// An `xsd:decimal` to two places in its canonical form (`0.8`, `1`), as the
/// store would give it back: `extract` prints what `export` prints.
fn decimal(x: f32) -> String {
    let fixed = format!("{x:.2}");
    // Always a point in `fixed`: trimming stops there at the latest.
    fixed
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

fn lang_literal(value: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal(value, lang)
        .unwrap_or_else(|_| Literal::new_simple_literal(value))
}

/// Every quad of one processed document.
pub fn to_quads(doc: &Document, kb: &Knowledge) -> Vec<Quad> {
    let mut quads = Vec::new();
    each_quad(doc, kb, &mut |q| quads.push(q));
    quads
}

/// Every quad of one processed document, handed to `sink` one at a time in
/// the order they are made (a quad may come more than once), so that a
/// caller printing them holds none: an article of a megabyte makes a million.
pub fn each_quad(doc: &Document, kb: &Knowledge, sink: &mut dyn FnMut(Quad)) {
    let d = article_iri(&doc.article.id);
    let g = GraphName::NamedNode(d.clone());
    let shared = GraphName::NamedNode(iri(ENTITIES_GRAPH));
    let lang = doc.lang.code();
    let mut w = Writer { sink };

    // The article.
    w.add(&d, RDF_TYPE, iri(&format!("{SCHEMA}NewsArticle")), &g);
    w.add(
        &d,
        &format!("{NG}sourceFile"),
        Literal::new_simple_literal(&doc.article.source_file),
        &g,
    );
    w.add(
        &d,
        &format!("{NG}articleId"),
        Literal::new_simple_literal(&doc.article.id),
        &g,
    );
    if let Some(title) = &doc.article.title {
        w.add(
            &d,
            &format!("{SCHEMA}headline"),
            lang_literal(title, lang),
            &g,
        );
    }
    if let Some(date) = doc.article.published {
        w.add(
            &d,
            &format!("{SCHEMA}datePublished"),
            typed(date.format("%Y-%m-%d").to_string(), &format!("{XSD}date")),
            &g,
        );
    }
    w.add(
        &d,
        &format!("{SCHEMA}inLanguage"),
        Literal::new_simple_literal(lang),
        &g,
    );
    if let Some(url) = &doc.article.url {
        // Only a valid IRI is a URL; the raw value stays in ng:articleId.
        if let Ok(u) = NamedNode::new(url) {
            w.add(&d, &format!("{SCHEMA}url"), u, &g);
        }
    }
    w.add(
        &d,
        &format!("{NG}contentHash"),
        Literal::new_simple_literal(&doc.content_hash),
        &g,
    );
    w.add(&d, &format!("{PROV}wasAttributedTo"), iri(AGENT), &g);

    // Entities: mentioned here, described in the shared graph.
    for e in &doc.entities {
        let node = entity_iri(&e.id);
        w.add(&d, &format!("{SCHEMA}mentions"), node.clone(), &g);
        describe_entity(&mut w, &node, e, kb, lang, &shared);
    }
    for (n, m) in doc.mentions.iter().enumerate() {
        let Some(e) = m.entity else { continue };
        let node = iri(&format!("{}/mention/{}", d.as_str(), n + 1));
        w.add(&node, RDF_TYPE, iri(&format!("{NG}Mention")), &g);
        w.add(
            &node,
            &format!("{NG}text"),
            Literal::new_simple_literal(doc.span_text(&m.span)),
            &g,
        );
        w.add(
            &node,
            &format!("{NG}start"),
            Literal::from(doc.char_offset(m.span.start) as i64),
            &g,
        );
        w.add(
            &node,
            &format!("{NG}end"),
            Literal::from(doc.char_offset(m.span.end) as i64),
            &g,
        );
        w.add(
            &node,
            &format!("{NG}refersTo"),
            entity_iri(&doc.entities[e].id),
            &g,
        );
        w.add(&node, &format!("{NG}inArticle"), d.clone(), &g);
        let source = match m.source {
            crate::doc::MentionSource::Knowledge => "knowledge",
            crate::doc::MentionSource::Rule => "rule",
            crate::doc::MentionSource::Model => "model",
        };
        w.add(
            &node,
            &format!("{NG}recognisedBy"),
            Literal::new_simple_literal(source),
            &g,
        );
    }

    // Positions.
    for (n, p) in doc.positions.iter().enumerate() {
        let x = iri(&format!("{}/position/{}", d.as_str(), n + 1));
        let person = entity_iri(&doc.entities[p.person].id);
        w.add(&person, &format!("{NG}holdsPosition"), x.clone(), &g);
        w.add(&x, RDF_TYPE, iri(&format!("{NG}Position")), &g);
        w.add(
            &x,
            &format!("{NG}role"),
            iri(&format!("{NG}{}", p.role.name())),
            &g,
        );
        w.add(
            &x,
            &format!("{NG}organization"),
            entity_iri(&doc.entities[p.organization].id),
            &g,
        );
        w.add(
            &x,
            &format!("{NG}evidence"),
            Literal::new_simple_literal(doc.sentence_text(p.sentence)),
            &g,
        );
    }

    // Relations.
    for r in &doc.relations {
        let p = match r.kind {
            RelationKind::MemberOf => format!("{SCHEMA}memberOf"),
            RelationKind::ContainedInPlace => format!("{SCHEMA}containedInPlace"),
            RelationKind::AlliedWith => format!("{NG}alliedWith"),
        };
        w.add(
            &entity_iri(&doc.entities[r.subject].id),
            &p,
            entity_iri(&doc.entities[r.object].id),
            &g,
        );
    }

    // Events: one node per happening the article reports, one ng:EventMention
    // per sentence that reports it, and a link to the canonical happening.
    let extractor = format!("rules-{lang}/{}", env!("CARGO_PKG_VERSION"));
    let happenings = GraphName::NamedNode(iri(EVENTS_GRAPH));
    for (n, ev) in doc.events.iter().enumerate() {
        let v = iri(&format!("{}/event/{}", d.as_str(), n + 1));
        w.add(&v, RDF_TYPE, iri(&event_class(ev.plover)), &g);
        w.add(
            &v,
            &format!("{NG}plover"),
            Literal::new_simple_literal(ev.plover.as_str()),
            &g,
        );
        for &a in &ev.actors {
            w.add(
                &v,
                &format!("{NG}actor"),
                entity_iri(&doc.entities[a].id),
                &g,
            );
        }
        for &r in &ev.recipients {
            w.add(
                &v,
                &format!("{NG}recipient"),
                entity_iri(&doc.entities[r].id),
                &g,
            );
        }
        if let Some(mode) = ev.mode {
            w.add(
                &v,
                &format!("{NG}mode"),
                Literal::new_simple_literal(mode.as_str()),
                &g,
            );
        }
        if let Some(place) = ev.place {
            w.add(
                &v,
                &format!("{SCHEMA}location"),
                entity_iri(&doc.entities[place].id),
                &g,
            );
        }
        if let Some((date, basis)) = &ev.date {
            let datatype = match date {
                EventDate::Day(_) => format!("{XSD}date"),
                EventDate::Month(..) => format!("{XSD}gYearMonth"),
            };
            w.add(
                &v,
                &format!("{SCHEMA}startDate"),
                typed(date.lexical(), &datatype),
                &g,
            );
            let basis = match basis {
                DateBasis::Text => "text",
                DateBasis::Publication => "publication",
            };
            w.add(
                &v,
                &format!("{NG}dateBasis"),
                Literal::new_simple_literal(basis),
                &g,
            );
        }
        for (k, mention) in ev.mentions.iter().enumerate() {
            let sentence = &doc.sentences[mention.sentence].span;
            let evidence = Literal::new_simple_literal(doc.span_text(sentence));
            // The contract's ng:evidence: one per sentence, on the event itself.
            w.add(&v, &format!("{NG}evidence"), evidence.clone(), &g);
            let m = iri(&format!("{}/mention/{}", v.as_str(), k + 1));
            w.add(&v, &format!("{NG}mention"), m.clone(), &g);
            w.add(&m, RDF_TYPE, iri(&format!("{NG}EventMention")), &g);
            w.add(&m, &format!("{NG}evidence"), evidence, &g);
            w.add(
                &m,
                &format!("{NG}evidenceStart"),
                Literal::from(doc.char_offset(sentence.start) as i64),
                &g,
            );
            w.add(
                &m,
                &format!("{NG}evidenceEnd"),
                Literal::from(doc.char_offset(sentence.end) as i64),
                &g,
            );
            w.add(
                &m,
                &format!("{NG}trigger"),
                Literal::new_simple_literal(doc.span_text(&mention.trigger)),
                &g,
            );
            w.add(&m, &format!("{NG}inArticle"), d.clone(), &g);
        }
        w.add(
            &v,
            &format!("{NG}extractor"),
            Literal::new_simple_literal(&extractor),
            &g,
        );
        w.add(
            &v,
            &format!("{NG}confidence"),
            typed(decimal(ev.confidence), &format!("{XSD}decimal")),
            &g,
        );
        w.add(&v, &format!("{PROV}wasDerivedFrom"), d.clone(), &g);
        // The canonical happening: identity from the event alone (see
        // events::happening), described in the shared graph by what its key
        // says, never by participants that a re-ingest could make stale.
        let key = happening::key(doc, ev);
        let h = iri(&format!("{HAPPENING_BASE}{}", path_segment(&key.slug)));
        w.add(&v, &format!("{NG}happening"), h.clone(), &g);
        w.add(&h, RDF_TYPE, iri(&format!("{NG}Happening")), &happenings);
        w.add(
            &h,
            &format!("{NG}plover"),
            Literal::new_simple_literal(ev.plover.as_str()),
            &happenings,
        );
        w.add(
            &h,
            &format!("{NG}happeningKey"),
            Literal::new_simple_literal(&key.key),
            &happenings,
        );
        w.add(
            &h,
            &format!("{NG}mergeReason"),
            Literal::new_simple_literal(key.reason),
            &happenings,
        );
    }
}

fn describe_entity(
    w: &mut Writer<'_>,
    node: &NamedNode,
    e: &Entity,
    kb: &Knowledge,
    lang: &str,
    g: &GraphName,
) {
    let coarse = match e.etype {
        EntityType::Person => "Person",
        EntityType::Organization => "Organization",
        EntityType::Place => "Place",
    };
    w.add(node, RDF_TYPE, iri(&format!("{SCHEMA}{coarse}")), g);
    if let Some(class) = e.subtype.as_deref().and_then(subtype_class) {
        w.add(node, RDF_TYPE, iri(&class), g);
    }
    w.add(
        node,
        &format!("{NG}entityId"),
        Literal::new_simple_literal(&e.id),
        g,
    );
    match kb.get(&e.id) {
        Some(k) => {
            w.add(
                node,
                &format!("{NG}source"),
                Literal::new_simple_literal("kb"),
                g,
            );
            if !k.name_fr.is_empty() {
                w.add(
                    node,
                    &format!("{RDFS}label"),
                    lang_literal(&k.name_fr, "fr"),
                    g,
                );
            }
            if !k.name_en.is_empty() {
                w.add(
                    node,
                    &format!("{RDFS}label"),
                    lang_literal(&k.name_en, "en"),
                    g,
                );
            }
            for alias in &k.aliases {
                w.add(
                    node,
                    &format!("{SKOS}altLabel"),
                    Literal::new_simple_literal(alias),
                    g,
                );
            }
        }
        None => {
            w.add(
                node,
                &format!("{NG}source"),
                Literal::new_simple_literal("extracted"),
                g,
            );
            w.add(
                node,
                &format!("{RDFS}label"),
                lang_literal(&e.name, lang),
                g,
            );
        }
    }
    for form in &e.surface_forms {
        if *form != e.name {
            w.add(
                node,
                &format!("{SKOS}altLabel"),
                Literal::new_simple_literal(form),
                g,
            );
        }
    }
    if let Some(q) = &e.wikidata {
        w.add(
            node,
            &format!("{OWL}sameAs"),
            iri(&format!("{WIKIDATA}{q}")),
            g,
        );
    }
    for reason in &e.merge_reasons {
        w.add(
            node,
            &format!("{NG}mergeReason"),
            Literal::new_simple_literal(reason.label()),
            g,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_cannot_break_out_of_their_iri() {
        assert_eq!(
            entity_iri("armenia").as_str(),
            "https://w3id.org/newsgraph/entity/armenia"
        );
        let evil = entity_iri("evil> <http://attacker/x> \"x\u{0}");
        // A valid IRI, parsed by the checking constructor.
        assert!(NamedNode::new(evil.as_str()).is_ok(), "{evil}");
        assert_eq!(
            evil.as_str(),
            "https://w3id.org/newsgraph/entity/evil%3E%20%3Chttp%3A%2F%2Fattacker%2Fx%3E%20%22x%00"
        );
        // The id read back from that IRI gives the same IRI again.
        let back = evil.as_str().strip_prefix(ENTITY_BASE).unwrap();
        assert_eq!(entity_iri(back), evil);
    }
}
