//! The store's writes: articles (replaced in a transaction, or added through
//! the bulk loader), RDF loaded as it is, and what every write keeps up to
//! date in the same atomic step: the counts ([`super::counts`]) and the
//! preferred labels ([`super::labels`]).

use std::collections::BTreeSet;
use std::io::Read;

use anyhow::{bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::Transaction;

use super::counts::{is_stats_graph, shared_graph, Counts};
use super::labels;
use super::{xml, GraphStore, MAX_LITERAL_BYTES, XML_HEAD_BYTES};
use crate::rdf::vocab::{ENTITIES_GRAPH, EVENTS_GRAPH, NG, SCHEMA, STATS_GRAPH};

fn stats_graph() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(STATS_GRAPH)
}

fn entities_graph() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ENTITIES_GRAPH))
}

/// The literal objects among `quads` (read from a store or a transaction).
fn literals(
    quads: impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>>,
) -> Result<Vec<Literal>> {
    let mut out = Vec::new();
    for q in quads {
        if let Term::Literal(l) = q.context("cannot read the store")?.object {
            out.push(l);
        }
    }
    Ok(out)
}

/// The literals of `subject`'s `predicate` in the entities graph, read in a
/// transaction.
fn literals_in(
    tx: &Transaction<'_>,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Result<Vec<Literal>> {
    literals(tx.quads_for_pattern(
        Some(subject.into()),
        Some(predicate),
        None,
        Some(entities_graph()),
    ))
}

/// In a transaction: make the preferred labels of `entities` the least of
/// their labels, counting what changes.
fn repair_labels(
    tx: &mut Transaction<'_>,
    entities: &BTreeSet<NamedNode>,
    counts: &mut Counts,
) -> Result<()> {
    for entity in entities {
        let (remove, add) = {
            let view: &Transaction<'_> = tx;
            labels::repair(entity, &|s, p| literals_in(view, s, p))?
        };
        for q in &remove {
            tx.remove(q);
            counts.removed(q.as_ref());
        }
        for q in &add {
            tx.insert(q);
            counts.added(q.as_ref());
        }
    }
    Ok(())
}

impl GraphStore {
    /// Replace an article's named graph and add its entity and happening
    /// descriptions, in one transaction (see [`GraphStore::replace_articles`]).
    pub fn replace_article(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.replace_articles(&[(graph.clone(), quads.to_vec())])
    }

    /// Replace several articles' named graphs and add their entity and
    /// happening descriptions, all in one transaction: after a crash every
    /// article of the batch is there whole or not at all. A happening
    /// (`ng:Happening` in the shared events graph) that no article links to
    /// anymore is removed, and so is the description of an entity (in the
    /// shared entities graph) that no article mentions anymore, so re-ingesting
    /// leaves no orphans behind. The counts and preferred labels change in
    /// the same transaction.
    pub fn replace_articles(&self, articles: &[(NamedNode, Vec<Quad>)]) -> Result<()> {
        let mut tx = self
            .store
            .start_transaction()
            .context("cannot start a transaction")?;
        let link = NamedNode::new_unchecked(format!("{NG}happening"));
        let mentions = NamedNode::new_unchecked(format!("{SCHEMA}mentions"));
        let entities = NamedNode::new_unchecked(ENTITIES_GRAPH);
        let events = NamedNode::new_unchecked(EVENTS_GRAPH);
        let mut counts = Counts::default();
        let mut labelled = BTreeSet::new();
        let mut written = 0;
        for (graph, quads) in articles {
            let g = GraphNameRef::NamedNode(graph.as_ref());
            let read = || format!("{graph}: cannot read the store");
            let old: Vec<Quad> = tx
                .quads_for_pattern(None, None, None, Some(g))
                .collect::<Result<_, _>>()
                .with_context(read)?;
            // The happenings and entities the old version linked to, to drop
            // those no article links to anymore.
            let old_objects = |p: &NamedNode| -> Vec<Term> {
                old.iter()
                    .filter(|q| q.predicate == *p)
                    .map(|q| q.object.clone())
                    .collect()
            };
            let linked = old_objects(&link);
            let mentioned = old_objects(&mentions);
            if !old.is_empty() {
                counts.articles -= 1;
            }
            for q in &old {
                counts.removed(q.as_ref());
            }
            tx.remove_named_graph(graph.as_ref())
                .with_context(|| format!("{graph}: cannot remove the old graph"))?;
            for q in quads {
                if !tx.contains(q).with_context(read)? {
                    tx.insert(q.as_ref());
                    counts.added(q.as_ref());
                }
            }
            counts.articles += 1;
            labelled.extend(
                quads
                    .iter()
                    .filter_map(|q| labels::entity_label(q))
                    .map(|(e, _)| e.clone()),
            );
            remove_orphans(
                &mut tx,
                graph,
                &mentioned,
                &mentions,
                &entities,
                &mut counts,
            )?;
            remove_orphans(&mut tx, graph, &linked, &link, &events, &mut counts)?;
            written += quads.len();
        }
        repair_labels(&mut tx, &labelled, &mut counts)?;
        for q in counts.change_quads() {
            tx.insert(q.as_ref());
        }
        tx.commit().with_context(|| match articles {
            [(graph, _)] => format!("{graph}: cannot commit the article"),
            _ => format!("cannot commit {} articles", articles.len()),
        })?;
        self.wrote(written)
    }

    /// Load RDF into the store (into the default graph for triple formats),
    /// in one transaction. Quads of the counts graph are left out: the store
    /// keeps its own counts, and preferred labels, for what is loaded.
    pub fn load(&self, format: RdfFormat, mut input: impl Read) -> Result<()> {
        // RDF/XML declares its entities before the root element: look at the head.
        let mut head = Vec::new();
        (&mut input)
            .take(XML_HEAD_BYTES)
            .read_to_end(&mut head)
            .context("cannot read")?;
        if format == RdfFormat::RdfXml {
            xml::check_entities(&String::from_utf8_lossy(&head), MAX_LITERAL_BYTES)?;
        }
        let reader = std::io::Cursor::new(head).chain(input);
        let mut transaction = self.store.start_transaction()?;
        let mut graphs = BTreeSet::new();
        let mut counts = Counts::default();
        let mut labelled = BTreeSet::new();
        for quad in RdfParser::from_format(format)
            .rename_blank_nodes()
            .for_reader(reader)
        {
            let quad = quad.context("cannot load RDF")?;
            if let Term::Literal(l) = &quad.object {
                if l.value().len() > MAX_LITERAL_BYTES {
                    bail!(
                        "a literal of {} bytes, over the limit of {MAX_LITERAL_BYTES}: nothing loaded",
                        l.value().len()
                    );
                }
            }
            if is_stats_graph(quad.graph_name.as_ref()) {
                continue;
            }
            if let GraphName::NamedNode(g) = &quad.graph_name {
                if !graphs.contains(g) {
                    if !shared_graph(g.as_str()) && !transaction.contains_named_graph(g)? {
                        counts.articles += 1;
                    }
                    graphs.insert(g.clone());
                }
            }
            if !transaction.contains(&quad)? {
                transaction.insert(&quad);
                counts.added(quad.as_ref());
                if let Some((e, _)) = labels::entity_label(&quad) {
                    labelled.insert(e.clone());
                }
            }
        }
        repair_labels(&mut transaction, &labelled, &mut counts)?;
        for q in counts.change_quads() {
            transaction.insert(q.as_ref());
        }
        transaction.commit()?;
        self.record_changed(graphs.iter())
    }

    /// What the store holds, from the counts kept with the data; for a store
    /// that has none (written by an older newsgraph, opened read-only), by
    /// scanning it.
    pub fn counts(&self) -> Result<Counts> {
        if self.store.contains_named_graph(stats_graph())? {
            Counts::read(self.quads(Some(GraphNameRef::NamedNode(stats_graph()))))
        } else if self.store.is_empty()? {
            Ok(Counts::default())
        } else {
            self.count_by_scan()
        }
    }

    /// The counts, by reading every quad.
    pub fn count_by_scan(&self) -> Result<Counts> {
        let mut counts = Counts::default();
        for q in self.quads(None) {
            counts.added(q?.as_ref());
        }
        for g in self.graph_names()? {
            if matches!(&g, NamedOrBlankNode::NamedNode(n) if !shared_graph(n.as_str())) {
                counts.articles += 1;
            }
        }
        Ok(counts)
    }

    /// What a writer calls when done: repair the preferred labels the bulk
    /// loader left marked, fold the count changes into the store's one
    /// description (one transaction), then flush. Marks and changes a run
    /// killed midway left are taken in too.
    pub fn finish(&self) -> Result<()> {
        let stats = GraphNameRef::NamedNode(stats_graph());
        let stored: Vec<Quad> = self.quads(Some(stats)).collect::<Result<_>>()?;
        if !Counts::folded(&stored) {
            let pending = labels::pending_predicate();
            let marked: BTreeSet<NamedNode> = stored
                .iter()
                .filter(|q| q.predicate == pending)
                .filter_map(|q| match &q.subject {
                    NamedOrBlankNode::NamedNode(e) => Some(e.clone()),
                    _ => None,
                })
                .collect();
            let mut total = Counts::read(stored.iter().cloned().map(Ok))?;
            let mut tx = self.store.start_transaction()?;
            repair_labels(&mut tx, &marked, &mut total)?;
            for q in &stored {
                tx.remove(q);
            }
            for q in total.total_quads() {
                tx.insert(q.as_ref());
            }
            tx.commit().context("cannot write the store's counts")?;
        }
        self.flush()
    }

    /// Give a store written before counts and preferred labels were kept
    /// both, in one transaction: what a writer does first when it opens such
    /// a store (a store with data and no counts graph).
    #[cfg(feature = "rocksdb")]
    pub(super) fn upgrade(&self) -> Result<()> {
        if self.store.contains_named_graph(stats_graph())? || self.store.is_empty()? {
            return Ok(());
        }
        if let Some(dir) = &self.dir {
            eprintln!(
                "newsgraph: {}: counting what the store holds and choosing preferred labels (once, for a store written by an older newsgraph)",
                dir.display()
            );
        }
        let mut counts = self.count_by_scan()?;
        let label = labels::label_predicate();
        let mut entities = BTreeSet::new();
        for q in
            self.store
                .quads_for_pattern(None, Some(label.as_ref()), None, Some(entities_graph()))
        {
            if let NamedOrBlankNode::NamedNode(e) = q.context("cannot read the store")?.subject {
                entities.insert(e);
            }
        }
        let mut tx = self.store.start_transaction()?;
        repair_labels(&mut tx, &entities, &mut counts)?;
        for q in counts.total_quads() {
            tx.insert(q.as_ref());
        }
        tx.commit()
            .context("cannot write the store's counts and preferred labels")
    }
}

/// In a transaction replacing `graph`: remove from the shared graph `shared`
/// the description of each node (entity, happening) that no article links to
/// anymore through `link` (`schema:mentions`, `ng:happening`).
fn remove_orphans(
    tx: &mut Transaction<'_>,
    graph: &NamedNode,
    nodes: &[Term],
    link: &NamedNode,
    shared: &NamedNode,
    counts: &mut Counts,
) -> Result<()> {
    for node in nodes {
        let Term::NamedNode(node) = node else {
            continue;
        };
        let still_linked = tx
            .quads_for_pattern(None, Some(link.as_ref()), Some(node.as_ref().into()), None)
            .next()
            .transpose()
            .with_context(|| format!("{graph}: cannot read the store"))?
            .is_some();
        if still_linked {
            continue;
        }
        let orphan: Vec<Quad> = tx
            .quads_for_pattern(
                Some(node.as_ref().into()),
                None,
                None,
                Some(GraphNameRef::NamedNode(shared.as_ref())),
            )
            .collect::<Result<_, _>>()
            .with_context(|| format!("{graph}: cannot read the store"))?;
        for q in &orphan {
            tx.remove(q.as_ref());
            counts.removed(q.as_ref());
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;
    use crate::rdf::vocab::{RDFS, RDF_TYPE};

    /// A store written before counts and preferred labels were kept gets
    /// both the first time a writer opens it.
    #[test]
    fn an_older_store_is_counted_and_labelled_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let node = |s: &str| NamedNode::new_unchecked(s);
        let entity = node("https://w3id.org/newsgraph/entity/lavrov");
        let entities = GraphName::NamedNode(node(ENTITIES_GRAPH));
        let article = node("https://w3id.org/newsgraph/article/a");
        let old = [
            Quad::new(
                entity.clone(),
                node(RDF_TYPE),
                node(&format!("{SCHEMA}Person")),
                entities.clone(),
            ),
            Quad::new(
                entity.clone(),
                node(&format!("{RDFS}label")),
                Literal::new_language_tagged_literal("Sergueï Lavrov", "fr").unwrap(),
                entities.clone(),
            ),
            Quad::new(
                entity.clone(),
                node(&format!("{RDFS}label")),
                Literal::new_language_tagged_literal("Lavrov", "fr").unwrap(),
                entities,
            ),
            Quad::new(
                article.clone(),
                node(&format!("{SCHEMA}mentions")),
                entity.clone(),
                GraphName::NamedNode(article),
            ),
        ];
        {
            // Written as an older newsgraph did: the quads alone.
            let store = GraphStore::open(&db).unwrap();
            for q in &old {
                store.store.insert(q).unwrap();
            }
            assert!(!store.store.contains_named_graph(stats_graph()).unwrap());
        }
        let store = GraphStore::open(&db).unwrap();
        let counts = store.counts().unwrap();
        // The four quads and the one preferred label the upgrade added.
        assert_eq!(counts.quads, 5);
        assert_eq!(counts.articles, 1);
        assert_eq!(counts.classes.get(&format!("{SCHEMA}Person")), Some(&1));
        assert_eq!(counts, store.count_by_scan().unwrap());
        let prefs: Vec<Quad> = store
            .store
            .quads_for_pattern(
                Some(entity.as_ref().into()),
                Some(labels::pref_predicate().as_ref()),
                None,
                None,
            )
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(prefs.len(), 1);
        assert_eq!(
            prefs[0].object,
            Term::Literal(Literal::new_language_tagged_literal("Lavrov", "fr").unwrap())
        );
    }
}
