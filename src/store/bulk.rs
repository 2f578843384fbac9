//! Articles new to the store, written through oxigraph's bulk loader: their
//! quads are sorted into files a part at a time (a batch of the writer, a
//! few tens of thousands of quads, so memory stays small), and the store
//! takes every file of the load in one atomic step when it is committed
//! (after a crash, every article of the load is there or none is). One load
//! spans many batches: each commit adds files RocksDB must then merge with
//! what it holds (compaction, the writer's largest cost with commits of
//! 25,000 quads), so fewer, larger commits cost less.
//!
//! What the load adds beside the articles' quads is worked out across the
//! whole load: quads of the shared graphs (entities, happenings) that the
//! store or an earlier part of the load holds are left out (what an earlier
//! load of the same run met is known without asking the store, see
//! [`Known`]); the preferred
//! labels of entities new to the store, the marks of entities whose
//! preferred label a new label displaces (see [`super::labels`]) and the
//! count change go in with the last part, at the commit.

use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use anyhow::{Context, Result};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad};
use oxigraph::store::BulkLoader;
use rustc_hash::FxHashSet;

use super::counts::{shared_graph, Counts};
use super::labels::{self, Lang};
use super::GraphStore;
use crate::rdf::vocab::ENTITIES_GRAPH;
use crate::rdf::write::fingerprint;

/// Quads sorted into files by one worker of the loader at a time: the
/// writer's batches are about this size, so each is one part.
const PART_QUADS: usize = 25_000;

/// A set of 128-bit keys that are hashes already.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

/// Whether a quad belongs to a graph several articles write to.
fn in_shared_graph(q: &Quad) -> bool {
    matches!(&q.graph_name, GraphName::NamedNode(g) if shared_graph(g.as_str()))
}

/// The shared-graph quads a run knows the store or its load holds, carried
/// from one load of the run to the next: entities and happenings come back
/// article after article, and each lookup in a store that has just taken a
/// load's files costs a seek in each of them (on 10,000 articles into a
/// store of 10,000, the second load's lookups took 13.9 s, 2.4 s with what
/// the first load met carried over).
#[derive(Default)]
pub struct Known {
    /// Fingerprints of shared-graph quads in the store or the load.
    quads: HashSet<u128, BuildHasherDefault<Identity>>,
}

impl Known {
    /// About how many bytes the fingerprints take.
    pub fn memory(&self) -> usize {
        self.quads.capacity() * 17
    }
}

/// Articles new to the store being added through one bulk load (see the
/// module's documentation). Dropped without [`NewArticles::commit`], the
/// load leaves the store as it was.
pub struct NewArticles<'a> {
    store: &'a GraphStore,
    loader: Option<BulkLoader<'a>>,
    /// The article graphs of the load.
    graphs: Vec<NamedNode>,
    graph_set: HashSet<NamedNode>,
    /// The shared-graph quads the load has met (written by an earlier part,
    /// or found in the store), and those an earlier load of the run knew.
    known: Known,
    /// The least new label of each entity per language, met in the load.
    labels: BTreeMap<NamedNode, BTreeMap<Lang, Literal>>,
    counts: Counts,
    /// Quads handed to the loader.
    quads: usize,
}

impl GraphStore {
    /// Start a bulk load of articles new to the store.
    pub fn new_articles(&self) -> NewArticles<'_> {
        self.new_articles_knowing(Known::default())
    }

    /// Start a bulk load that knows what an earlier one of the run left
    /// (see [`NewArticles::commit`]).
    pub fn new_articles_knowing(&self, known: Known) -> NewArticles<'_> {
        NewArticles {
            store: self,
            loader: None,
            graphs: Vec::new(),
            graph_set: HashSet::new(),
            known,
            labels: BTreeMap::new(),
            counts: Counts::default(),
            quads: 0,
        }
    }

    /// A bulk loader that sorts each part on one thread of its own.
    fn part_loader(&self) -> BulkLoader<'_> {
        self.store
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(PART_QUADS / 1000)
    }

    /// Add articles none of which is in the store yet through oxigraph's
    /// bulk loader, in one atomic step (see [`NewArticles`]).
    pub fn add_new_articles(&self, articles: Vec<(NamedNode, Vec<Quad>)>) -> Result<()> {
        let mut load = self.new_articles();
        load.add(articles)?;
        load.commit().map(drop)
    }
}

impl<'a> NewArticles<'a> {
    /// Whether the load holds this article graph already.
    pub fn holds(&self, graph: &NamedNode) -> bool {
        self.graph_set.contains(graph)
    }

    /// Quads handed to the loader so far.
    pub fn quads(&self) -> usize {
        self.quads
    }

    /// About how many bytes the load keeps in memory besides its current
    /// part: the article graphs, the fingerprints of the shared quads, the
    /// least new labels (a label and an entity IRI, about 300 bytes).
    pub fn memory(&self) -> usize {
        self.graphs.len() * 200 + self.known.memory() + self.labels.len() * 300
    }

    fn loader(&mut self) -> &mut BulkLoader<'a> {
        let store = self.store;
        self.loader.get_or_insert_with(|| store.part_loader())
    }

    /// Add a part: articles new to the store and to the load (a caller
    /// checks with [`GraphStore::has_graph`] and [`NewArticles::holds`]).
    /// Their quads are moved into the loader, which sorts them into files
    /// while the caller goes on.
    pub fn add(&mut self, articles: Vec<(NamedNode, Vec<Quad>)>) -> Result<()> {
        let mut keep = Vec::new();
        {
            let mut seen: FxHashSet<&Quad> = FxHashSet::default();
            for (graph, quads) in &articles {
                if self.graph_set.insert(graph.clone()) {
                    self.graphs.push(graph.clone());
                }
                self.counts.articles += 1;
                seen.reserve(quads.len());
                for q in quads {
                    let new = seen.insert(q) && self.new_shared(q)?;
                    if new {
                        self.counts.added(q.as_ref());
                        if let Some((e, l)) = labels::entity_label(q) {
                            labels::keep_least(&mut self.labels, e, l);
                        }
                    }
                    keep.push(new);
                }
            }
        }
        let kept = keep.iter().filter(|k| **k).count();
        self.quads += kept;
        let all = articles
            .into_iter()
            .flat_map(|(_, q)| q)
            .zip(keep)
            .filter_map(|(q, keep)| keep.then_some(q));
        let count = self.graphs.len();
        self.loader()
            .load_quads(all)
            .with_context(|| format!("cannot write {count} articles"))
    }

    /// Whether a quad is new to the load and the store: an article graph's
    /// quad always is (the graph is new); a shared graph's is unless the
    /// load or an earlier load of the run met it or the store holds it.
    fn new_shared(&mut self, q: &Quad) -> Result<bool> {
        if !in_shared_graph(q) {
            return Ok(true);
        }
        if !self.known.quads.insert(fingerprint(q)) {
            return Ok(false);
        }
        Ok(!self
            .store
            .store
            .contains(q)
            .context("cannot read the store")?)
    }

    /// Add the preferred labels, marks and count change the load brings,
    /// and let the store take the whole load in one atomic step. Returns the
    /// article graphs written, and what the load knows of the shared graphs
    /// for the run's next load.
    pub fn commit(mut self) -> Result<(Vec<NamedNode>, Known)> {
        if self.loader.is_none() && self.counts.is_zero() {
            return Ok((self.graphs, self.known));
        }
        let read = |s: NamedNodeRef<'_>, p: NamedNodeRef<'_>| {
            let mut out = Vec::new();
            for q in self.store.store.quads_for_pattern(
                Some(s.into()),
                Some(p),
                None,
                Some(NamedNodeRef::new_unchecked(ENTITIES_GRAPH).into()),
            ) {
                if let oxigraph::model::Term::Literal(l) =
                    q.context("cannot read the store")?.object
                {
                    out.push(l);
                }
            }
            Ok(out)
        };
        let new = labels::for_new_least(&self.labels, &read)?;
        let mut extra = new.add;
        for q in &extra {
            self.counts.added(q.as_ref());
        }
        extra.extend(new.pending.iter().map(labels::pending_quad));
        extra.extend(self.counts.change_quads());
        let count = self.graphs.len();
        let store = self.store;
        let mut loader = self.loader.take().unwrap_or_else(|| store.part_loader());
        loader
            .load_quads(extra)
            .and_then(|()| loader.commit())
            .with_context(|| format!("cannot write {count} articles"))?;
        let known = std::mem::take(&mut self.known);
        Ok((self.graphs, known))
    }
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;
    use crate::rdf::vocab::{RDFS, RDF_TYPE, SCHEMA};

    fn node(s: &str) -> NamedNode {
        NamedNode::new_unchecked(s)
    }

    /// An article mentioning Lavrov under `label`, with his description.
    fn article(id: &str, label: &str) -> (NamedNode, Vec<Quad>) {
        let d = node(&format!("https://w3id.org/newsgraph/article/{id}"));
        let g = GraphName::NamedNode(d.clone());
        let shared = GraphName::NamedNode(node(ENTITIES_GRAPH));
        let e = node("https://w3id.org/newsgraph/entity/lavrov");
        let quads = vec![
            Quad::new(
                d.clone(),
                node(RDF_TYPE),
                node(&format!("{SCHEMA}NewsArticle")),
                g.clone(),
            ),
            Quad::new(d.clone(), node(&format!("{SCHEMA}mentions")), e.clone(), g),
            Quad::new(
                e.clone(),
                node(RDF_TYPE),
                node(&format!("{SCHEMA}Person")),
                shared.clone(),
            ),
            Quad::new(
                e,
                node(&format!("{RDFS}label")),
                Literal::new_language_tagged_literal(label, "fr").unwrap(),
                shared,
            ),
        ];
        (d, quads)
    }

    fn sorted(store: &GraphStore) -> Vec<String> {
        let mut quads: Vec<String> = store
            .quads(None)
            .map(|q| q.unwrap().to_string())
            .filter(|q| !q.contains("/graph/stats>"))
            .collect();
        quads.sort();
        quads
    }

    /// One load in several parts gives the store what one part per load
    /// gives, and what a transaction per article gives: each shared quad
    /// once, the counts of a scan, one preferred label, the least.
    #[test]
    fn a_load_in_parts_writes_what_separate_loads_write() {
        let dir = tempfile::tempdir().unwrap();
        let parts = [
            vec![
                article("a", "Sergueï Lavrov"),
                article("b", "Sergueï Lavrov"),
            ],
            vec![article("c", "Lavrov")],
            vec![article("d", "Sergueï Lavrov")],
        ];
        let one = GraphStore::open(&dir.path().join("one")).unwrap();
        let mut load = one.new_articles();
        for part in parts.clone() {
            assert!(!part.iter().any(|(g, _)| load.holds(g)));
            load.add(part).unwrap();
        }
        // The shared quads go once: 4 article graphs of 2 quads, 3 shared
        // quads (type, two labels), none written twice.
        assert_eq!(load.quads(), 4 * 2 + 3);
        assert_eq!(load.commit().unwrap().0.len(), 4);
        one.finish().unwrap();
        // Loads one after the other, each knowing what the one before met.
        let chained = GraphStore::open(&dir.path().join("chained")).unwrap();
        let mut known = Known::default();
        for part in parts.clone() {
            let mut load = chained.new_articles_knowing(known);
            load.add(part).unwrap();
            known = load.commit().unwrap().1;
        }
        assert!(known.memory() > 0);
        chained.finish().unwrap();
        let separate = GraphStore::open(&dir.path().join("separate")).unwrap();
        for part in parts.clone() {
            separate.add_new_articles(part).unwrap();
        }
        separate.finish().unwrap();
        let replaced = GraphStore::open(&dir.path().join("replaced")).unwrap();
        for (g, quads) in parts.into_iter().flatten() {
            replaced.replace_article(&g, &quads).unwrap();
        }
        replaced.finish().unwrap();
        let expected = sorted(&replaced);
        assert_eq!(sorted(&one), expected);
        assert_eq!(sorted(&separate), expected);
        assert_eq!(sorted(&chained), expected);
        let prefs: Vec<&String> = expected
            .iter()
            .filter(|q| q.contains("prefLabel"))
            .collect();
        assert_eq!(prefs.len(), 1);
        assert!(prefs[0].contains("\"Lavrov\"@fr"), "{prefs:?}");
        for store in [&one, &separate, &chained, &replaced] {
            assert_eq!(store.counts().unwrap(), store.count_by_scan().unwrap());
        }
    }

    /// The store runs on the vendored oxigraph (vendor/oxigraph): RocksDB
    /// compacts every column family universal-style, and a load's files are
    /// moved into the store, none left beside it. Fails if the build falls
    /// back to the registry's oxigraph (level-style compaction).
    #[test]
    fn the_store_compacts_universal_style_and_keeps_no_load_files() {
        let (_dir, path, store) =
            store_with(vec![article("a", "Lavrov"), article("b", "Sergueï Lavrov")]);
        assert_eq!(store.counts().unwrap(), store.count_by_scan().unwrap());
        let files: Vec<String> = std::fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!files.iter().any(|f| f.starts_with("bulk-")), "{files:?}");
        let text = rocksdb_options(&path);
        let styles = option_values(&text, "compaction_style");
        assert!(styles.len() > 1, "{styles:?}");
        assert!(
            styles.iter().all(|s| *s == "kCompactionStyleUniversal"),
            "{styles:?}"
        );
    }

    /// A new store (in a folder dropped with the first value) that took
    /// these articles through one bulk load.
    fn store_with(
        articles: Vec<(NamedNode, Vec<Quad>)>,
    ) -> (tempfile::TempDir, std::path::PathBuf, GraphStore) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = GraphStore::open(&path).unwrap();
        store.add_new_articles(articles).unwrap();
        store.finish().unwrap();
        (dir, path, store)
    }

    /// The options RocksDB last wrote into a store folder.
    fn rocksdb_options(path: &std::path::Path) -> String {
        let options = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.starts_with("OPTIONS-"))
            .max()
            .expect("RocksDB writes its options");
        std::fs::read_to_string(path.join(options)).unwrap()
    }

    /// The values of one option, a value per column family.
    fn option_values<'t>(text: &'t str, key: &str) -> Vec<&'t str> {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix(key)?.strip_prefix('='))
            .collect()
    }

    /// Memory that does not grow with the store: every column family's
    /// table files get partitioned indexes that go through the block cache
    /// (RocksDB's default keeps each file's whole index in memory, about
    /// 25 MiB at 100,000 articles), files of an earlier build keep their
    /// whole index pinned, and the one column family read by point lookups
    /// (the strings) has a partitioned Bloom filter in that cache too, not
    /// a cache of its own. Fails if the vendored oxigraph loses this.
    #[test]
    fn the_store_keeps_indexes_and_filters_in_its_block_cache() {
        let (_dir, path, _store) = store_with(vec![article("a", "Lavrov")]);
        let text = rocksdb_options(&path);
        let families = option_values(&text, "compaction_style").len();
        assert!(families > 1, "{text}");
        for (key, value) in [
            ("index_type", "kTwoLevelIndexSearch"),
            ("cache_index_and_filter_blocks", "true"),
            ("pin_top_level_index_and_filter", "true"),
            ("no_block_cache", "false"),
        ] {
            assert_eq!(option_values(&text, key), vec![value; families], "{key}");
        }
        let pinning = option_values(&text, "metadata_cache_options");
        assert_eq!(pinning.len(), families);
        assert!(
            pinning
                .iter()
                .all(|p| p.contains("unpartitioned_pinning=kAll")),
            "{pinning:?}"
        );
        let filters = option_values(&text, "filter_policy");
        let partitioned = option_values(&text, "partition_filters");
        let with_filter: Vec<usize> = (0..families).filter(|i| filters[*i] != "nullptr").collect();
        assert_eq!(with_filter.len(), 1, "{filters:?}");
        assert_eq!(partitioned[with_filter[0]], "true", "{partitioned:?}");
    }
}
