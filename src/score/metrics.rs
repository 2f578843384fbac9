//! The scoring rules of score.py: graph nodes matched to gold entities by
//! folded name or Wikidata id ([`Matcher`]), then per document entities
//! (untyped and typed), positions `(person, org)` with role accuracy,
//! relations `(s, p, o)` (alliedWith symmetric), events as actor × recipient
//! tuples (typed, unordered for CONSULT; untyped, unordered) with place and
//! date accuracy; layers a gold document does not list count nothing; and
//! corpus-wide identity (gold entities unified to one node, over-merged nodes).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::Term;

use super::gold::{relation_name, GoldDoc, Layer};
use super::graph::{iris, schema_both, value, GraphFacts};
use super::names::{fold, py_strip};
use super::report::{Accuracy, Corpus, Counts, Report, Scores};
use super::ScoreError;
use crate::doc::RelationKind;
use crate::rdf::vocab::NG;

/// What a graph node is in one gold document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// The gold entity at this index.
    Gold(usize),
    /// A name of the document's `ignore` list (byline, credit).
    Ignored,
    Unmatched,
}

/// Maps graph nodes to the gold entities of one document.
pub struct Matcher<'a> {
    facts: &'a GraphFacts<'a>,
    ids: Vec<&'a str>,
    by_name: HashMap<String, BTreeSet<usize>>,
    by_qid: HashMap<&'a str, BTreeSet<usize>>,
    canonical: Vec<String>,
    ignore: HashSet<String>,
    ambiguous: RefCell<HashSet<Term>>,
}

impl<'a> Matcher<'a> {
    pub fn new(gold: &'a GoldDoc, facts: &'a GraphFacts<'a>) -> Matcher<'a> {
        let mut by_name: HashMap<String, BTreeSet<usize>> = HashMap::new();
        let mut by_qid: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for (i, ent) in gold.entities.iter().enumerate() {
            for name in std::iter::once(&ent.name).chain(&ent.aliases) {
                by_name.entry(fold(name)).or_default().insert(i);
            }
            if let Some(qid) = &ent.qid {
                by_qid.entry(qid).or_default().insert(i);
            }
        }
        by_name.remove("");
        let mut ignore: HashSet<String> = gold.ignore.iter().map(|n| fold(n)).collect();
        ignore.remove("");
        Matcher {
            facts,
            ids: gold.entities.iter().map(|e| e.id.as_str()).collect(),
            by_name,
            by_qid,
            canonical: gold.entities.iter().map(|e| fold(&e.name)).collect(),
            ignore,
            ambiguous: RefCell::new(HashSet::new()),
        }
    }

    /// The gold entity of a node. Several candidates: the one with the same
    /// Wikidata id, else one whose canonical name the node carries, else the
    /// first in file order.
    pub fn match_node(&self, node: &Term) -> Found {
        let names = self.facts.names(node);
        let by_qid: BTreeSet<usize> = self
            .facts
            .qids(node)
            .iter()
            .filter_map(|q| self.by_qid.get(q.as_str()))
            .flatten()
            .copied()
            .collect();
        let mut found = by_qid.clone();
        found.extend(names.iter().filter_map(|n| self.by_name.get(n)).flatten());
        if found.is_empty() {
            return if names.iter().any(|n| self.ignore.contains(n)) {
                Found::Ignored
            } else {
                Found::Unmatched
            };
        }
        if found.len() > 1 {
            self.ambiguous.borrow_mut().insert(node.clone());
        }
        let canonical: BTreeSet<usize> = found
            .iter()
            .copied()
            .filter(|g| names.contains(&self.canonical[*g]))
            .collect();
        let preferred = [by_qid, canonical, found]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        preferred
            .first()
            .map_or(Found::Unmatched, |g| Found::Gold(*g))
    }

    /// A node in a tuple: its gold id, the node itself (N-Triples) when
    /// unmatched, `-` when absent, None when ignored.
    pub fn key(&self, node: Option<&Term>) -> Option<String> {
        let Some(node) = node else {
            return Some("-".to_string());
        };
        match self.match_node(node) {
            Found::Gold(g) => Some(self.ids[g].to_string()),
            Found::Ignored => None,
            Found::Unmatched => Some(node.to_string()),
        }
    }

    /// Nodes matched to several gold entities so far.
    pub fn ambiguous(&self) -> usize {
        self.ambiguous.borrow().len()
    }
}

fn counts<T: Eq + std::hash::Hash>(gold: &HashSet<T>, graph: &HashSet<T>) -> Counts {
    Counts {
        tp: gold.intersection(graph).count(),
        fp: graph.difference(gold).count(),
        fn_: gold.difference(graph).count(),
    }
}

/// A graph date is right when it equals the gold date or refines it
/// (2020-10 → 2020-10-09); both absent agree too.
pub fn date_ok(gold: Option<&str>, graph: Option<&str>) -> bool {
    match (gold, graph) {
        (Some(g), Some(h)) => {
            h == g
                || (h.starts_with(g)
                    && h[g.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| "-T+Z".contains(c)))
        }
        (g, h) => g.is_none() && h.is_none(),
    }
}

/// Gold entity id → the graph nodes matched to it in one document.
pub type Matched = HashMap<String, Vec<Term>>;

/// Entity counts, untyped and typed, the duplicate and ignored tallies, and what matched.
fn score_entities(
    gold: &GoldDoc,
    facts: &GraphFacts<'_>,
    matcher: &Matcher<'_>,
    mentions: &[Term],
    result: &mut Scores,
) -> Matched {
    let mut matched: BTreeMap<usize, Vec<Term>> = BTreeMap::new();
    let (mut fp, mut ignored) = (0, 0);
    for node in mentions {
        match matcher.match_node(node) {
            Found::Ignored => ignored += 1,
            Found::Unmatched => fp += 1,
            Found::Gold(g) => matched.entry(g).or_default().push(node.clone()),
        }
    }
    let (tp, n) = (matched.len(), gold.entities.len());
    let typed = matched
        .iter()
        .filter(|(g, nodes)| {
            let etype = gold.entities[**g].etype;
            nodes.iter().any(|v| facts.coarse_types(v).contains(&etype))
        })
        .count();
    result.entities = Counts {
        tp,
        fp,
        fn_: n - tp,
    };
    result.entities_typed = Counts {
        tp: typed,
        fp: fp + tp - typed,
        fn_: n - typed,
    };
    result.duplicates = matched.values().map(|nodes| nodes.len() - 1).sum();
    result.ignored = ignored;
    matched
        .into_iter()
        .map(|(g, nodes)| (gold.entities[g].id.clone(), nodes))
        .collect()
}

/// `(person, org)` counts, and role accuracy over the matched pairs.
fn score_positions(
    gold: &GoldDoc,
    facts: &GraphFacts<'_>,
    matcher: &Matcher<'_>,
    docs: &[Term],
    result: &mut Scores,
) -> Result<(), ScoreError> {
    type Roles = HashMap<(String, String), HashSet<Option<String>>>;
    let (mut want, mut have): (Roles, Roles) = Default::default();
    for pos in &gold.positions {
        let pair = (pos.person.clone(), pos.org.clone());
        want.entry(pair)
            .or_default()
            .insert(Some(pos.role.name().to_string()));
    }
    let pattern = format!(
        "?p <{NG}holdsPosition> ?x OPTIONAL {{ ?x <{NG}role> ?r }} OPTIONAL {{ ?x <{NG}organization> ?o }}"
    );
    for row in facts.in_doc(docs, &pattern, &["p", "r", "o"])? {
        let (person, org) = (matcher.key(row[0].as_ref()), matcher.key(row[2].as_ref()));
        if let (Some(person), Some(org)) = (person, org) {
            let role = row[1].as_ref().map(local_name);
            have.entry((person, org)).or_default().insert(role);
        }
    }
    let both: Vec<_> = want.keys().filter(|k| have.contains_key(*k)).collect();
    let right = both
        .iter()
        .filter(|pair| !want[**pair].is_disjoint(&have[**pair]))
        .count();
    let keys = |m: &Roles| m.keys().cloned().collect::<HashSet<_>>();
    result.positions = counts(&keys(&want), &keys(&have));
    result.role = Accuracy {
        correct: right,
        total: both.len(),
    };
    Ok(())
}

/// The part of an IRI after `#` or the last `/`, or a literal's text.
fn local_name(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n
            .as_str()
            .rsplit(['#', '/'])
            .next()
            .unwrap_or_default()
            .to_string(),
        other => value(other).to_string(),
    }
}

/// An `(s, p, o)` tuple; alliedWith is symmetric.
fn relation(s: String, p: &'static str, o: String) -> (String, &'static str, String) {
    if p == relation_name(RelationKind::AlliedWith) && o < s {
        (o, p, s)
    } else {
        (s, p, o)
    }
}

/// The predicates of relations and their names.
fn relation_predicates() -> Vec<(String, &'static str)> {
    let mut out = vec![(
        format!("{NG}alliedWith"),
        relation_name(RelationKind::AlliedWith),
    )];
    for kind in [RelationKind::MemberOf, RelationKind::ContainedInPlace] {
        let name = relation_name(kind);
        out.extend(schema_both(name).into_iter().map(|iri| (iri, name)));
    }
    out
}

/// `(s, p, o)` counts.
fn score_relations(
    gold: &GoldDoc,
    facts: &GraphFacts<'_>,
    matcher: &Matcher<'_>,
    docs: &[Term],
    result: &mut Scores,
) -> Result<(), ScoreError> {
    let want: HashSet<_> = gold
        .relations
        .iter()
        .map(|r| relation(r.s.clone(), relation_name(r.p), r.o.clone()))
        .collect();
    let predicates = relation_predicates();
    let iri_list: Vec<String> = predicates.iter().map(|(iri, _)| iri.clone()).collect();
    let pattern = format!("VALUES ?p {{ {} }} ?s ?p ?o", iris(&iri_list));
    let mut have = HashSet::new();
    for row in facts.in_doc(docs, &pattern, &["s", "p", "o"])? {
        // score.py's `if s and o`: an empty gold id is false too.
        let key = |node: Option<&Term>| matcher.key(node).filter(|k| !k.is_empty());
        let (s, o) = (key(row[0].as_ref()), key(row[2].as_ref()));
        let p = row[1].as_ref().map(value).unwrap_or_default();
        let name = predicates.iter().find(|(iri, _)| iri == p).map(|(_, n)| *n);
        if let (Some(s), Some(name), Some(o)) = (s, name, o) {
            have.insert(relation(s, name, o));
        }
    }
    result.relations = counts(&want, &have);
    Ok(())
}

/// Typed event tuples `(first, TYPE, second)` → (places, dates).
type Typed =
    HashMap<(String, &'static str, String), (HashSet<Option<String>>, HashSet<Option<String>>)>;

/// Add an event's actor × recipient tuples: typed (unordered for CONSULT)
/// with its places and dates; untyped, unordered.
fn add_event(
    typed: &mut Typed,
    untyped: &mut HashSet<(String, String)>,
    etype: &'static str,
    actors: &[String],
    recipients: &[String],
    places: &HashSet<Option<String>>,
    dates: &HashSet<Option<String>>,
) {
    let dash = ["-".to_string()];
    let actors = if actors.is_empty() { &dash[..] } else { actors };
    let recipients = if recipients.is_empty() {
        &dash[..]
    } else {
        recipients
    };
    for actor in actors {
        for recipient in recipients {
            let pair = if recipient == "-" || actor <= recipient {
                (actor.clone(), recipient.clone())
            } else {
                (recipient.clone(), actor.clone())
            };
            let (first, second) = if etype == "CONSULT" {
                pair.clone()
            } else {
                (actor.clone(), recipient.clone())
            };
            let slot = typed.entry((first, etype, second)).or_default();
            slot.0.extend(places.iter().cloned());
            slot.1.extend(dates.iter().cloned());
            untyped.insert(pair);
        }
    }
}

/// The values of an event node's slots.
#[derive(Default)]
struct Slots {
    actors: Vec<Term>,
    recipients: Vec<Term>,
    places: Vec<Term>,
    dates: Vec<Term>,
}

/// Typed and untyped event tuple counts; place and date accuracy over matched typed tuples.
fn score_events(
    gold: &GoldDoc,
    facts: &GraphFacts<'_>,
    matcher: &Matcher<'_>,
    docs: &[Term],
    result: &mut Scores,
) -> Result<(), ScoreError> {
    let (mut want, mut want_untyped) = (Typed::new(), HashSet::new());
    for ev in &gold.events {
        let places = HashSet::from([ev.place.clone()]);
        let dates = HashSet::from([ev.date.clone()]);
        add_event(
            &mut want,
            &mut want_untyped,
            ev.plover,
            &ev.actors,
            &ev.recipients,
            &places,
            &dates,
        );
    }
    let mut slots: HashMap<Term, Slots> = HashMap::new();
    let mut predicates = vec![(format!("{NG}actor"), 0), (format!("{NG}recipient"), 1)];
    predicates.extend(schema_both("location").into_iter().map(|p| (p, 2)));
    predicates.extend(schema_both("startDate").into_iter().map(|p| (p, 3)));
    for (predicate, slot) in predicates {
        for row in facts.in_doc(docs, &format!("?v <{predicate}> ?x"), &["v", "x"])? {
            if let [Some(event), Some(x)] = &row[..] {
                let slots = slots.entry(event.clone()).or_default();
                let list = match slot {
                    0 => &mut slots.actors,
                    1 => &mut slots.recipients,
                    2 => &mut slots.places,
                    _ => &mut slots.dates,
                };
                list.push(x.clone());
            }
        }
    }
    let (mut have, mut have_untyped) = (Typed::new(), HashSet::new());
    let none = Slots::default();
    for row in facts.in_doc(docs, "?v a ?t", &["v"])? {
        let Some(event) = &row[0] else { continue };
        let slot = slots.get(event).unwrap_or(&none);
        let keys = |nodes: &[Term]| -> Vec<String> {
            let keys = nodes.iter().filter_map(|n| matcher.key(Some(n)));
            keys.filter(|k| !k.is_empty()).collect()
        };
        let actors = keys(&slot.actors);
        let recipients = keys(&slot.recipients);
        let mut places: HashSet<Option<String>> = slot
            .places
            .iter()
            .map(|p| {
                let key = matcher.key(Some(p)).filter(|k| !k.is_empty());
                Some(key.unwrap_or_else(|| p.to_string()))
            })
            .collect();
        if places.is_empty() {
            places.insert(None);
        }
        let mut dates: HashSet<Option<String>> = slot
            .dates
            .iter()
            .map(|d| Some(py_strip(value(d)).to_string()))
            .collect();
        if dates.is_empty() {
            dates.insert(None);
        }
        for etype in facts.event_types(event) {
            add_event(
                &mut have,
                &mut have_untyped,
                etype,
                &actors,
                &recipients,
                &places,
                &dates,
            );
        }
    }
    let both: Vec<_> = want.keys().filter(|k| have.contains_key(*k)).collect();
    let place = both
        .iter()
        .filter(|t| !want[**t].0.is_disjoint(&have[**t].0))
        .count();
    let date = both
        .iter()
        .filter(|t| {
            want[**t].1.iter().any(|g| {
                have[**t]
                    .1
                    .iter()
                    .any(|h| date_ok(g.as_deref(), h.as_deref()))
            })
        })
        .count();
    let keys = |m: &Typed| m.keys().cloned().collect::<HashSet<_>>();
    result.events_typed = counts(&keys(&want), &keys(&have));
    result.events_untyped = counts(&want_untyped, &have_untyped);
    result.place = Accuracy {
        correct: place,
        total: both.len(),
    };
    result.date = Accuracy {
        correct: date,
        total: both.len(),
    };
    Ok(())
}

/// All counts for one gold document against its graph documents (maybe none).
/// Layers the gold document does not list count nothing; its entities still
/// map graph nodes.
pub fn score_doc(
    gold: &GoldDoc,
    facts: &GraphFacts<'_>,
    docs: &[Term],
) -> Result<(Scores, Matched), ScoreError> {
    let matcher = Matcher::new(gold, facts);
    let pattern = format!(
        "VALUES ?m {{ {} }} ?d ?m ?e",
        iris(&schema_both("mentions"))
    );
    let mut seen = HashSet::new();
    let mentions: Vec<Term> = facts
        .in_doc(docs, &pattern, &["e"])?
        .into_iter()
        .filter_map(|row| row.into_iter().next().flatten())
        .filter(|node| seen.insert(node.clone()))
        .collect();
    let mut result = Scores::default();
    let matched = score_entities(gold, facts, &matcher, &mentions, &mut result);
    if !gold.annotates(Layer::Entities) {
        result.entities = Counts::default();
        result.entities_typed = Counts::default();
    }
    if gold.annotates(Layer::Positions) {
        score_positions(gold, facts, &matcher, docs, &mut result)?;
    }
    if gold.annotates(Layer::Relations) {
        score_relations(gold, facts, &matcher, docs, &mut result)?;
    }
    if gold.annotates(Layer::Events) {
        score_events(gold, facts, &matcher, docs, &mut result)?;
    }
    result.ambiguous = matcher.ambiguous();
    result.layers = gold.layers.clone();
    Ok((result, matched))
}

/// Cross-document identity: gold entities unified to one node, graph nodes
/// merging gold entities.
pub fn corpus(golds: &[GoldDoc], matches: &[Matched]) -> Corpus {
    let mut in_docs: HashMap<&str, usize> = HashMap::new();
    for gold in golds {
        for ent in &gold.entities {
            *in_docs.entry(&ent.id).or_default() += 1;
        }
    }
    let mut found_in: HashMap<&str, usize> = HashMap::new();
    let mut nodes: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut ids_of: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for matched in matches {
        for (gid, found) in matched {
            *found_in.entry(gid).or_default() += 1;
            for node in found {
                nodes.entry(gid).or_default().insert(node.to_string());
                ids_of.entry(node.to_string()).or_default().insert(gid);
            }
        }
    }
    let mut shared: Vec<&str> = in_docs
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|(g, _)| *g)
        .collect();
    shared.sort_unstable();
    let is_unified = |g: &&str| {
        nodes.get(g).is_some_and(|n| n.len() == 1) && found_in.get(g).copied().unwrap_or(0) >= 2
    };
    let unified = shared.iter().filter(|g| is_unified(g)).count();
    let over_merged_nodes: BTreeMap<String, Vec<String>> = ids_of
        .into_iter()
        .filter(|(_, ids)| ids.len() >= 2)
        .map(|(node, ids)| (node, ids.into_iter().map(str::to_string).collect()))
        .collect();
    Corpus {
        shared_entities: shared.len(),
        unified,
        not_unified: shared
            .iter()
            .filter(|g| !is_unified(g))
            .map(|g| g.to_string())
            .collect(),
        over_merged: over_merged_nodes.len(),
        over_merged_nodes,
    }
}

/// Score every gold document against the graph.
pub fn evaluate(facts: &GraphFacts<'_>, golds: &[GoldDoc]) -> Result<Report, ScoreError> {
    let graph_docs = facts.documents()?;
    let mut docs = Vec::new();
    let mut matches = Vec::new();
    for gold in golds {
        let found = graph_docs.get(&gold.doc).map(Vec::as_slice).unwrap_or(&[]);
        let (scores, matched) = score_doc(gold, facts, found)?;
        docs.push((gold.doc.clone(), scores));
        matches.push(matched);
    }
    let mut missing_docs: Vec<String> = golds
        .iter()
        .filter(|g| !graph_docs.contains_key(&g.doc))
        .map(|g| g.doc.clone())
        .collect();
    missing_docs.sort();
    let mut without_gold: Vec<String> = graph_docs
        .keys()
        .filter(|name| golds.iter().all(|g| &g.doc != *name))
        .cloned()
        .collect();
    without_gold.sort();
    Ok(Report {
        overall: Scores::total(docs.iter().map(|(_, s)| s)),
        corpus: corpus(golds, &matches),
        docs,
        missing_docs,
        graph_docs_without_gold: without_gold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_refine_but_do_not_coarsen() {
        assert!(date_ok(Some("2020-10"), Some("2020-10-09")));
        assert!(date_ok(Some("2020-10-09"), Some("2020-10-09T10:00:00Z")));
        assert!(!date_ok(Some("2020-10-09"), Some("2020-10")));
        assert!(!date_ok(Some("2020-10"), Some("2020-11-01")));
        assert!(!date_ok(Some("2020-1"), Some("2020-10")));
        assert!(date_ok(None, None));
        assert!(!date_ok(Some("2020-10"), None));
        assert!(!date_ok(None, Some("2020-10")));
    }

    #[test]
    fn allied_with_is_symmetric() {
        let a = relation("russia".into(), "alliedWith", "armenia".into());
        let b = relation("armenia".into(), "alliedWith", "russia".into());
        assert_eq!(a, b);
        let c = relation("russia".into(), "memberOf", "armenia".into());
        assert_eq!(c.0, "russia");
    }

    #[test]
    fn event_tuples() {
        let (mut typed, mut untyped) = (Typed::new(), HashSet::new());
        let none = HashSet::from([None]);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        add_event(
            &mut typed,
            &mut untyped,
            "CONSULT",
            &ids(&["lavrov"]),
            &ids(&["bayramov", "armenia"]),
            &none,
            &none,
        );
        add_event(
            &mut typed,
            &mut untyped,
            "ACCUSE",
            &ids(&["russia"]),
            &ids(&["armenia"]),
            &none,
            &none,
        );
        add_event(
            &mut typed,
            &mut untyped,
            "AGREE",
            &ids(&["b", "a"]),
            &[],
            &none,
            &none,
        );
        add_event(
            &mut typed,
            &mut untyped,
            "ASSAULT",
            &[],
            &ids(&["x"]),
            &none,
            &none,
        );
        let mut keys: Vec<_> = typed
            .keys()
            .map(|(a, t, b)| format!("{a} {t} {b}"))
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "- ASSAULT x",
                "a AGREE -",
                "armenia CONSULT lavrov",
                "b AGREE -",
                "bayramov CONSULT lavrov",
                "russia ACCUSE armenia"
            ]
        );
        assert!(untyped.contains(&("armenia".to_string(), "russia".to_string())));
        assert!(untyped.contains(&("b".to_string(), "-".to_string())));
        assert!(untyped.contains(&("-".to_string(), "x".to_string())));
    }
}
