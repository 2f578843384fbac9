//! Counts kept with the data, so that `stats` and the ingest summary read a
//! few quads instead of scanning the store (`stats` on a 100,000-article
//! store: seconds by scanning, milliseconds this way).
//!
//! Every write adds, in the same atomic step as its data (transaction or bulk
//! load), a *count change* to [`STATS_GRAPH`]: a blank node
//! `ng:CountChange` giving how many quads (`void:triples`) and articles
//! (`void:documents`) the write added or removed, and per class the change of
//! its `rdf:type` statements in the named graphs (`void:classPartition [
//! void:class C ; void:entities N ]`). The counts are the sums over the
//! graph. When a run ends, the writer folds the changes into one description,
//! `<DATASET> a void:Dataset`, whose nodes are named: the store is then the
//! same whatever batches, jobs and order wrote it. A run killed midway leaves
//! its committed changes, which stay right, for the next run to fold.
//!
//! What is counted: every quad but those of [`STATS_GRAPH`]; as articles, the
//! named graphs other than the shared ones; per class, the `rdf:type`
//! statements in named graphs (one per node in newsgraph's own data, where a
//! node is typed in one graph only).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad,
    QuadRef, Term,
};

use crate::rdf::vocab::{
    DATASET, ENTITIES_GRAPH, EVENTS_GRAPH, NG, PREFIXES, RDF_TYPE, STATS_GRAPH, VOID, XSD,
};

/// How many quads, articles and typed nodes a write added (or, negative,
/// removed); or, summed, what the store holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub quads: i64,
    pub articles: i64,
    /// By class IRI.
    pub classes: BTreeMap<String, i64>,
}

/// Whether a named graph is one of the shared graphs (entities, happenings,
/// counts) rather than an article's.
pub fn shared_graph(graph: &str) -> bool {
    graph == ENTITIES_GRAPH || graph == EVENTS_GRAPH || graph == STATS_GRAPH
}

/// Whether `graph` is the graph of counts (never counted, never loaded).
pub fn is_stats_graph(graph: GraphNameRef<'_>) -> bool {
    matches!(graph, GraphNameRef::NamedNode(g) if g.as_str() == STATS_GRAPH)
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn integer(n: i64) -> Literal {
    Literal::new_typed_literal(n.to_string(), iri(&format!("{XSD}integer")))
}

impl Counts {
    /// Count a quad the write added (it was not in the store).
    pub fn added(&mut self, quad: QuadRef<'_>) {
        self.change(quad, 1);
    }

    /// Count a quad the write removed (it was in the store).
    pub fn removed(&mut self, quad: QuadRef<'_>) {
        self.change(quad, -1);
    }

    fn change(&mut self, quad: QuadRef<'_>, by: i64) {
        if is_stats_graph(quad.graph_name) {
            return;
        }
        self.quads += by;
        if quad.graph_name.is_default_graph() || quad.predicate.as_str() != RDF_TYPE {
            return;
        }
        if let oxigraph::model::TermRef::NamedNode(class) = quad.object {
            *self.classes.entry(class.as_str().to_string()).or_default() += by;
        }
    }

    /// Add another change (or total) to this one.
    pub fn add(&mut self, other: &Counts) {
        self.quads += other.quads;
        self.articles += other.articles;
        for (class, n) in &other.classes {
            *self.classes.entry(class.clone()).or_default() += n;
        }
        self.classes.retain(|_, n| *n != 0);
    }

    pub fn is_zero(&self) -> bool {
        self.quads == 0 && self.articles == 0 && self.classes.values().all(|n| *n == 0)
    }

    /// The quads that record this change: a blank `ng:CountChange` node.
    pub fn change_quads(&self) -> Vec<Quad> {
        let mut out = Vec::new();
        if self.is_zero() {
            return out;
        }
        let node = BlankNode::default();
        self.describe(
            node.clone().into(),
            iri(&format!("{NG}CountChange")),
            |_| BlankNode::default().into(),
            &mut out,
        );
        out
    }

    /// The quads of these counts as the store's folded description:
    /// `<DATASET> a void:Dataset`, a named node per class partition.
    pub fn total_quads(&self) -> Vec<Quad> {
        let mut out = Vec::new();
        self.describe(
            iri(DATASET).into(),
            iri(&format!("{VOID}Dataset")),
            |class| iri(&format!("{DATASET}/class/{}", short_name(class))).into(),
            &mut out,
        );
        out
    }

    fn describe(
        &self,
        node: NamedOrBlankNode,
        class: NamedNode,
        partition: impl Fn(&str) -> NamedOrBlankNode,
        out: &mut Vec<Quad>,
    ) {
        let g = GraphName::NamedNode(iri(STATS_GRAPH));
        let quad =
            |s: &NamedOrBlankNode, p: &str, o: Term| Quad::new(s.clone(), iri(p), o, g.clone());
        out.push(quad(&node, RDF_TYPE, class.into()));
        out.push(quad(
            &node,
            &format!("{VOID}triples"),
            integer(self.quads).into(),
        ));
        out.push(quad(
            &node,
            &format!("{VOID}documents"),
            integer(self.articles).into(),
        ));
        for (class, n) in &self.classes {
            if *n == 0 {
                continue;
            }
            let part = partition(class);
            out.push(quad(
                &node,
                &format!("{VOID}classPartition"),
                Term::from(part.clone()),
            ));
            out.push(quad(&part, &format!("{VOID}class"), iri(class).into()));
            out.push(quad(&part, &format!("{VOID}entities"), integer(*n).into()));
        }
    }

    /// The sum of the counts recorded in the quads of [`STATS_GRAPH`].
    pub fn read(quads: impl Iterator<Item = Result<Quad>>) -> Result<Counts> {
        let mut total = Counts::default();
        let mut partitions: HashMap<NamedOrBlankNode, (Option<String>, i64)> = HashMap::new();
        let number = |t: &Term| -> Result<i64> {
            match t {
                Term::Literal(l) => l
                    .value()
                    .parse()
                    .with_context(|| format!("the store's counts: {l} is no integer")),
                _ => anyhow::bail!("the store's counts: {t} is no integer"),
            }
        };
        for q in quads {
            let q = q?;
            match q.predicate.as_str().strip_prefix(VOID) {
                Some("triples") => total.quads += number(&q.object)?,
                Some("documents") => total.articles += number(&q.object)?,
                Some("class") => {
                    if let Term::NamedNode(c) = &q.object {
                        partitions.entry(q.subject).or_default().0 = Some(c.as_str().into());
                    }
                }
                Some("entities") => {
                    partitions.entry(q.subject).or_default().1 += number(&q.object)?
                }
                _ => {}
            }
        }
        for (class, n) in partitions.into_values() {
            if let Some(class) = class {
                *total.classes.entry(class).or_default() += n;
            }
        }
        total.classes.retain(|_, n| *n != 0);
        Ok(total)
    }

    /// Whether the quads of [`STATS_GRAPH`] are already the folded
    /// description (no count change, no mark of a label to repair).
    pub fn folded(quads: &[Quad]) -> bool {
        quads
            .iter()
            .all(|q| matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(DATASET)))
    }
}

/// `schema-Person` for `https://schema.org/Person`: the name of a class's
/// partition node (the full IRI, escaped, for a class outside the project's
/// prefixes).
fn short_name(class: &str) -> String {
    for (prefix, base) in PREFIXES {
        if let Some(local) = class.strip_prefix(base) {
            if !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return format!("{prefix}-{local}");
            }
        }
    }
    class
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A count as a figure to show (a sum of changes is never negative once a
/// run's writes are all in).
pub fn natural(n: i64) -> u64 {
    n.max(0) as u64
}

/// The class IRI's last segment (`Person`), as `stats` names it.
pub fn local_name(class: NamedNodeRef<'_>) -> &str {
    class
        .as_str()
        .rsplit(['#', '/'])
        .next()
        .unwrap_or(class.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str, class: &str, g: &str) -> Quad {
        Quad::new(
            iri(s),
            iri(RDF_TYPE),
            iri(class),
            GraphName::NamedNode(iri(g)),
        )
    }

    #[test]
    fn changes_sum_and_fold_to_the_same_counts() {
        let person = "https://schema.org/Person";
        let mut a = Counts::default();
        a.added(typed("http://x/1", person, ENTITIES_GRAPH).as_ref());
        a.added(typed("http://x/2", person, ENTITIES_GRAPH).as_ref());
        a.articles += 1;
        let mut b = Counts::default();
        b.removed(typed("http://x/1", person, ENTITIES_GRAPH).as_ref());
        // Neither the default graph's types nor the counts' own quads are classes.
        b.added(
            Quad::new(
                iri("http://x/3"),
                iri(RDF_TYPE),
                iri(person),
                GraphName::DefaultGraph,
            )
            .as_ref(),
        );
        b.added(typed("http://x/4", person, STATS_GRAPH).as_ref());
        let stored: Vec<Quad> = a
            .change_quads()
            .into_iter()
            .chain(b.change_quads())
            .collect();
        assert!(!Counts::folded(&stored));
        let sum = Counts::read(stored.into_iter().map(Ok)).unwrap();
        assert_eq!(sum.quads, 2);
        assert_eq!(sum.articles, 1);
        assert_eq!(sum.classes.get(person), Some(&1));
        let folded = sum.total_quads();
        assert!(Counts::folded(&folded));
        assert!(folded
            .iter()
            .any(|q| q.subject.to_string() == format!("<{DATASET}/class/schema-Person>")));
        assert_eq!(Counts::read(folded.into_iter().map(Ok)).unwrap(), sum);
        assert!(Counts::default().change_quads().is_empty());
    }

    #[test]
    fn partition_names_are_short_where_a_prefix_fits() {
        assert_eq!(short_name("https://schema.org/Person"), "schema-Person");
        assert_eq!(
            short_name("http://example.org/a b"),
            "http%3A%2F%2Fexample.org%2Fa%20b"
        );
    }
}
