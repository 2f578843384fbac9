//! Store stage: the oxigraph store, on disk by default. Each article is
//! written in one transaction that replaces its named graph, so re-ingesting
//! an article neither doubles nor loses anything.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::doc::EntityType;
use crate::rdf::vocab::{ENTITIES_GRAPH, EVENTS_GRAPH, NG, PREFIXES, RDFS, RDF_TYPE, SCHEMA, SKOS};
use crate::resolve::EntityIndex;

pub struct GraphStore {
    store: Store,
}

impl GraphStore {
    /// Open (or create) the on-disk store in `dir`.
    #[cfg(feature = "rocksdb")]
    pub fn open(dir: &Path) -> Result<GraphStore> {
        let store = Store::open(dir)
            .with_context(|| format!("{}: cannot open the store", dir.display()))?;
        Ok(GraphStore { store })
    }

    /// Open an existing on-disk store for reading; other readers may share it.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(dir: &Path) -> Result<GraphStore> {
        let store = Store::open_read_only(dir)
            .with_context(|| format!("{}: cannot open the store", dir.display()))?;
        Ok(GraphStore { store })
    }

    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(dir: &Path) -> Result<GraphStore> {
        GraphStore::open(dir)
    }

    #[cfg(not(feature = "rocksdb"))]
    pub fn open(dir: &Path) -> Result<GraphStore> {
        bail!(
            "{}: this build has no on-disk store (built without the `rocksdb` feature)",
            dir.display()
        )
    }

    /// A store that lives in memory only.
    pub fn in_memory() -> Result<GraphStore> {
        Ok(GraphStore {
            store: Store::new().context("cannot create an in-memory store")?,
        })
    }

    /// Replace an article's named graph and add its entity and happening
    /// descriptions, in one transaction; a happening (`ng:Happening` in the
    /// shared events graph) that no article links to anymore is removed.
    pub fn replace_article(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut tx = self
            .store
            .start_transaction()
            .context("cannot start a transaction")?;
        // The happenings the old version linked to, to drop those no article links to anymore.
        let link = NamedNode::new_unchecked(format!("{NG}happening"));
        let g = GraphNameRef::NamedNode(graph.as_ref());
        let linked: Vec<Term> = tx
            .quads_for_pattern(None, Some(link.as_ref()), None, Some(g))
            .map(|q| q.map(|q| q.object))
            .collect::<Result<_, _>>()
            .with_context(|| format!("{graph}: cannot read the old graph"))?;
        tx.remove_named_graph(graph.as_ref())
            .with_context(|| format!("{graph}: cannot remove the old graph"))?;
        for q in quads {
            tx.insert(q.as_ref());
        }
        let events = NamedNode::new_unchecked(EVENTS_GRAPH);
        for h in linked {
            let Term::NamedNode(h) = h else { continue };
            let still_linked = tx
                .quads_for_pattern(None, Some(link.as_ref()), Some(h.as_ref().into()), None)
                .next()
                .transpose()
                .with_context(|| format!("{graph}: cannot read the store"))?
                .is_some();
            if still_linked {
                continue;
            }
            let orphan: Vec<Quad> = tx
                .quads_for_pattern(
                    Some(h.as_ref().into()),
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(events.as_ref())),
                )
                .collect::<Result<_, _>>()
                .with_context(|| format!("{graph}: cannot read the store"))?;
            for q in &orphan {
                tx.remove(q.as_ref());
            }
        }
        tx.commit()
            .with_context(|| format!("{graph}: cannot commit the article"))?;
        Ok(())
    }

    /// The content hash stored for an article, to skip unchanged ones.
    pub fn content_hash(&self, graph: &NamedNode) -> Result<Option<String>> {
        let p = NamedNode::new_unchecked(format!("{NG}contentHash"));
        let g = GraphNameRef::NamedNode(graph.as_ref());
        for q in self.store.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(p.as_ref()),
            None,
            Some(g),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_string()));
            }
        }
        Ok(None)
    }

    /// Names and types of every entity in the shared graph, for resolution.
    pub fn entity_index(&self) -> Result<EntityIndex> {
        let mut index = EntityIndex::default();
        let query = format!(
            "SELECT ?id ?type ?name WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{
               ?e <{NG}entityId> ?id ; <{RDF_TYPE}> ?type .
               VALUES ?type {{ <{SCHEMA}Person> <{SCHEMA}Organization> <{SCHEMA}Place> }}
               VALUES ?p {{ <{RDFS}label> <{SKOS}altLabel> }}
               ?e ?p ?name }} }}"
        );
        if let QueryResults::Solutions(rows) = self.run(&query)? {
            for row in rows {
                let row = row.context("cannot read the entity index")?;
                let (Some(Term::Literal(id)), Some(Term::NamedNode(t)), Some(Term::Literal(name))) =
                    (row.get("id"), row.get("type"), row.get("name"))
                else {
                    continue;
                };
                let etype = match t.as_str().strip_prefix(SCHEMA) {
                    Some("Person") => EntityType::Person,
                    Some("Organization") => EntityType::Organization,
                    _ => EntityType::Place,
                };
                index.add_label(id.value(), etype, name.value());
            }
        }
        Ok(index)
    }

    /// Evaluate a SPARQL query.
    pub fn run(&self, query: &str) -> Result<QueryResults<'static>> {
        let prepared = SparqlEvaluator::new()
            .parse_query(query)
            .map_err(|e| anyhow::anyhow!("SPARQL syntax error: {e}"))?;
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| anyhow::anyhow!("query failed: {e}"))
    }

    /// Write the whole store, or one graph, in an RDF format. Formats without
    /// graphs (Turtle, N-Triples, RDF/XML) get the union of all graphs.
    pub fn dump(
        &self,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        out: impl Write,
    ) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .context("bad prefix")?;
        }
        let mut writer = serializer.for_writer(out);
        let graph_ref = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        if let Some(g) = graph {
            if !self.store.contains_named_graph(g.as_ref())? {
                bail!("{g}: no such graph in the store");
            }
        }
        for quad in self.store.quads_for_pattern(None, None, None, graph_ref) {
            let quad = quad.context("cannot read the store")?;
            if format.supports_datasets() {
                writer.serialize_quad(&quad)?;
            } else {
                writer.serialize_triple(quad.as_ref())?;
            }
        }
        writer.finish().context("cannot finish the output")?;
        Ok(())
    }

    /// Load RDF into the store (into the default graph for triple formats).
    pub fn load(&self, format: RdfFormat, input: impl Read) -> Result<()> {
        self.store
            .load_from_reader(RdfParser::from_format(format), input)
            .context("cannot load RDF")?;
        Ok(())
    }

    /// How many quads the store holds.
    pub fn quad_count(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    /// Counts by type: articles, entities by coarse type, events by PLOVER type
    /// (one per article that reports a happening), `Happening` (one per
    /// canonical happening, across articles), positions.
    pub fn stats(&self) -> Result<BTreeMap<String, u64>> {
        let mut out = BTreeMap::new();
        out.insert("quads".to_string(), self.store.len()? as u64);
        let query = format!(
            "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{RDF_TYPE}> ?t }} }} GROUP BY ?t"
        );
        if let QueryResults::Solutions(rows) = self.run(&query)? {
            for row in rows {
                let row = row?;
                let (Some(Term::NamedNode(t)), Some(Term::Literal(n))) =
                    (row.get("t"), row.get("n"))
                else {
                    continue;
                };
                let name = t
                    .as_str()
                    .rsplit(['#', '/'])
                    .next()
                    .unwrap_or(t.as_str())
                    .to_string();
                out.insert(name, n.value().parse().unwrap_or(0));
            }
        }
        let graphs = self
            .store
            .named_graphs()
            .filter(
                |g| matches!(g, Ok(NamedOrBlankNode::NamedNode(n)) if n.as_str() != ENTITIES_GRAPH && n.as_str() != EVENTS_GRAPH),
            )
            .count();
        out.insert("graphs (articles)".to_string(), graphs as u64);
        Ok(out)
    }

    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        Ok(self.store.contains_named_graph(graph)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal};

    fn node(s: &str) -> NamedNode {
        NamedNode::new_unchecked(s)
    }

    /// An article graph whose one event reports happening `h` (if any).
    fn article(name: &str, h: Option<&str>) -> (NamedNode, Vec<Quad>) {
        let d = node(&format!("https://w3id.org/newsgraph/article/{name}"));
        let g = GraphName::NamedNode(d.clone());
        let events = GraphName::NamedNode(node(EVENTS_GRAPH));
        let v = node(&format!("{}/event/1", d.as_str()));
        let mut quads = vec![Quad::new(
            d.clone(),
            node(RDF_TYPE),
            node(&format!("{SCHEMA}NewsArticle")),
            g.clone(),
        )];
        if let Some(h) = h {
            let h = node(&format!("https://w3id.org/newsgraph/happening/{h}"));
            quads.push(Quad::new(v, node(&format!("{NG}happening")), h.clone(), g));
            quads.push(Quad::new(
                h.clone(),
                node(RDF_TYPE),
                node(&format!("{NG}Happening")),
                events.clone(),
            ));
            quads.push(Quad::new(
                h,
                node(&format!("{NG}plover")),
                Literal::new_simple_literal("CONSULT"),
                events,
            ));
        }
        (d, quads)
    }

    fn happenings(store: &GraphStore) -> usize {
        store
            .store
            .quads_for_pattern(
                None,
                Some(node(RDF_TYPE).as_ref()),
                None,
                Some(GraphNameRef::NamedNode(node(EVENTS_GRAPH).as_ref())),
            )
            .count()
    }

    #[test]
    fn happenings_no_article_reports_anymore_are_removed() {
        let store = GraphStore::in_memory().unwrap();
        let (a, quads) = article("a", Some("consult-2020-10-09-moscow"));
        store.replace_article(&a, &quads).unwrap();
        let (b, quads) = article("b", Some("consult-2020-10-09-moscow"));
        store.replace_article(&b, &quads).unwrap();
        assert_eq!(happenings(&store), 1);
        // Article a changes its mind: b still reports the happening.
        let (a, quads) = article("a", Some("consult-2020-10-10-moscow"));
        store.replace_article(&a, &quads).unwrap();
        assert_eq!(happenings(&store), 2);
        // Now no article reports the first one: it goes, with all its quads.
        let (b, quads) = article("b", None);
        store.replace_article(&b, &quads).unwrap();
        assert_eq!(happenings(&store), 1);
        let before = store.quad_count().unwrap();
        let (a, quads) = article("a", None);
        store.replace_article(&a, &quads).unwrap();
        assert_eq!(happenings(&store), 0);
        assert_eq!(store.quad_count().unwrap(), before - 3);
    }
}
