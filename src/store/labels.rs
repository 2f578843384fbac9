//! Preferred labels, kept by the writer: for each entity of the entities
//! graph and each language of its `rdfs:label`s, one `skos:prefLabel`, the
//! least of its labels in that language (in code-point order). A label of
//! an entity is never removed while an article mentions it, so the preferred
//! label depends on which articles were written, not on their order. Queries
//! read a label per entity (`@fr`, else `@en`) by one scan of the preferred
//! labels instead of grouping every label of the store.

use std::collections::BTreeMap;

use anyhow::Result;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::rdf::vocab::{ENTITIES_GRAPH, NG, RDFS, SKOS, STATS_GRAPH};

/// A label's language tag ("" for none).
pub type Lang = String;

pub fn label_predicate() -> NamedNode {
    NamedNode::new_unchecked(format!("{RDFS}label"))
}

pub fn pref_predicate() -> NamedNode {
    NamedNode::new_unchecked(format!("{SKOS}prefLabel"))
}

/// The entity and label a quad gives in the entities graph (`rdfs:label`):
/// the quads that may change an entity's preferred labels.
pub fn entity_label(quad: &Quad) -> Option<(&NamedNode, &Literal)> {
    let in_entities =
        matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == ENTITIES_GRAPH);
    match (&quad.subject, &quad.object) {
        (NamedOrBlankNode::NamedNode(e), Term::Literal(l))
            if in_entities && quad.predicate.as_str().strip_prefix(RDFS) == Some("label") =>
        {
            Some((e, l))
        }
        _ => None,
    }
}

/// The preferred-label quad of `entity`.
fn pref_quad(entity: &NamedNode, label: Literal) -> Quad {
    Quad::new(
        entity.clone(),
        pref_predicate(),
        Term::Literal(label),
        GraphName::NamedNode(NamedNode::new_unchecked(ENTITIES_GRAPH)),
    )
}

/// The least label per language.
pub fn preferred<'a>(labels: impl IntoIterator<Item = &'a Literal>) -> BTreeMap<Lang, Literal> {
    let mut best: BTreeMap<Lang, Literal> = BTreeMap::new();
    for l in labels {
        let lang = l.language().unwrap_or("").to_string();
        match best.get(&lang) {
            Some(b) if b.value() <= l.value() => {}
            _ => {
                best.insert(lang, l.clone());
            }
        }
    }
    best
}

/// The literal objects of `entity`'s `predicate` quads in the entities graph,
/// read through `read` (a store or a transaction).
pub type Reader<'r> = dyn Fn(NamedNodeRef<'_>, NamedNodeRef<'_>) -> Result<Vec<Literal>> + 'r;

/// What to change so that `entity`'s preferred labels are the least of its
/// labels: the quads to remove and those to add.
pub fn repair(entity: &NamedNode, read: &Reader<'_>) -> Result<(Vec<Quad>, Vec<Quad>)> {
    let labels = read(entity.as_ref(), label_predicate().as_ref())?;
    let wanted = preferred(&labels);
    let have = read(entity.as_ref(), pref_predicate().as_ref())?;
    let quad = |l: &Literal| pref_quad(entity, l.clone());
    let remove = have
        .iter()
        .filter(|l| !wanted.values().any(|w| w == *l))
        .map(quad)
        .collect();
    let add = wanted
        .values()
        .filter(|w| !have.contains(w))
        .map(quad)
        .collect();
    Ok((remove, add))
}

/// What the bulk loader adds with articles new to the store.
#[derive(Debug, Default)]
pub struct ForNew {
    /// Preferred labels of entities (or languages) the store has none for.
    pub add: Vec<Quad>,
    /// Entities a label of the batch would give a new preferred label: the
    /// bulk loader cannot remove the old one, so they are marked
    /// ([`pending_quad`]) and repaired when the run finishes.
    pub pending: Vec<NamedNode>,
}

/// Keep in `least` the least of `entity`'s labels per language, with `label`.
pub fn keep_least(
    least: &mut BTreeMap<NamedNode, BTreeMap<Lang, Literal>>,
    entity: &NamedNode,
    label: &Literal,
) {
    let lang = label.language().unwrap_or("");
    match least.get_mut(entity) {
        None => {
            least.insert(
                entity.clone(),
                BTreeMap::from([(lang.to_string(), label.clone())]),
            );
        }
        Some(best) => match best.get_mut(lang) {
            Some(b) if b.value() <= label.value() => {}
            Some(b) => *b = label.clone(),
            None => {
                best.insert(lang.to_string(), label.clone());
            }
        },
    }
}

/// The quads to add with articles new to the store, given the least new
/// label of each entity per language and the store's preferred labels (read
/// through `read`).
pub fn for_new_least(
    least: &BTreeMap<NamedNode, BTreeMap<Lang, Literal>>,
    read: &Reader<'_>,
) -> Result<ForNew> {
    let mut out = ForNew::default();
    for (entity, labels) in least {
        let have = preferred(&read(entity.as_ref(), pref_predicate().as_ref())?);
        let mut displaced = false;
        for (lang, best) in labels {
            match have.get(lang) {
                Some(h) if h.value() <= best.value() => {}
                Some(_) => displaced = true,
                None => out.add.push(pref_quad(entity, best.clone())),
            }
        }
        if displaced {
            out.pending.push(entity.clone());
        }
    }
    Ok(out)
}

/// The predicate of the marks of entities whose preferred labels wait for a
/// repair (in the counts graph: `ENTITY ng:labelsPending true`).
pub fn pending_predicate() -> NamedNode {
    NamedNode::new_unchecked(format!("{NG}labelsPending"))
}

/// The mark of an entity whose preferred labels wait for a repair.
pub fn pending_quad(entity: &NamedNode) -> Quad {
    Quad::new(
        entity.clone(),
        pending_predicate(),
        Literal::from(true),
        GraphName::NamedNode(NamedNode::new_unchecked(STATS_GRAPH)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> Literal {
        Literal::new_language_tagged_literal(s, "fr").unwrap()
    }

    #[test]
    fn the_least_label_per_language_is_preferred() {
        let labels = [
            fr("Sergueï Lavrov"),
            fr("Lavrov"),
            Literal::new_language_tagged_literal("Sergey Lavrov", "en").unwrap(),
            Literal::new_simple_literal("S. Lavrov"),
        ];
        let best = preferred(&labels);
        assert_eq!(best["fr"].value(), "Lavrov");
        assert_eq!(best["en"].value(), "Sergey Lavrov");
        assert_eq!(best[""].value(), "S. Lavrov");
    }

    #[test]
    fn a_better_label_for_a_known_entity_waits_for_a_repair() {
        let e = NamedNode::new_unchecked("https://w3id.org/newsgraph/entity/lavrov");
        let label = Quad::new(
            e.clone(),
            label_predicate(),
            fr("Lavrov"),
            GraphName::NamedNode(NamedNode::new_unchecked(ENTITIES_GRAPH)),
        );
        let stored_pref = |pref: &'static str| {
            move |_: NamedNodeRef<'_>, p: NamedNodeRef<'_>| -> Result<Vec<Literal>> {
                Ok(if p == pref_predicate().as_ref() && !pref.is_empty() {
                    vec![fr(pref)]
                } else {
                    vec![]
                })
            }
        };
        let for_new = |quads: &[&Quad], read: &Reader<'_>| {
            let mut least = BTreeMap::new();
            for (e, l) in quads.iter().filter_map(|q| entity_label(q)) {
                keep_least(&mut least, e, l);
            }
            for_new_least(&least, read)
        };
        // New entity: its preferred label goes with the batch.
        let new = for_new(&[&label], &stored_pref("")).unwrap();
        assert_eq!(new.add.len(), 1);
        assert_eq!(new.add[0].object, Term::Literal(fr("Lavrov")));
        assert!(new.pending.is_empty());
        // Already preferred something smaller: nothing to add.
        let known = for_new(&[&label], &stored_pref("Ivanov")).unwrap();
        assert!(known.add.is_empty() && known.pending.is_empty());
        // The new label is smaller than the stored one: the entity waits for
        // a transaction to replace it.
        let displaced = for_new(&[&label], &stored_pref("Sergueï Lavrov")).unwrap();
        assert!(displaced.add.is_empty());
        assert_eq!(displaced.pending, std::slice::from_ref(&e));
        let (remove, add) = repair(&e, &|_, p| {
            Ok(if p == label_predicate().as_ref() {
                vec![fr("Sergueï Lavrov"), fr("Lavrov")]
            } else {
                vec![fr("Sergueï Lavrov")]
            })
        })
        .unwrap();
        assert_eq!(remove[0].object, Term::Literal(fr("Sergueï Lavrov")));
        assert_eq!(add[0].object, Term::Literal(fr("Lavrov")));
    }
}
