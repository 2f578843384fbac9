//! Store stage: the oxigraph store, on disk by default. Each article is
//! written in one transaction that replaces its named graph, so re-ingesting
//! an article neither doubles nor loses anything.
//!
//! A new on-disk store is created in a hidden sibling folder
//! (`.NAME.creating-PID`) and renamed into place once initialised, so a reader
//! never sees a half-created store: it sees no store, a store being created
//! (it waits up to [`CREATION_WAIT`] for it), or a whole one. A folder that is
//! neither empty nor a store is refused: nothing is written among the user's
//! files.
//!
//! Beside RocksDB's files, the on-disk store keeps a change log
//! ([`CHANGES_FILE`]): one line per named graph written, with the time, so
//! that `push --since` can send only what changed. It lives outside the RDF so
//! that an article's graph stays the same whenever and however it is made.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::rdf::vocab::{NG, SCHEMA};

mod bulk;
mod changes;
mod counts;
mod labels;
pub mod version;
mod write;
mod xml;

pub use bulk::{Known, NewArticles};
pub use changes::CHANGES_FILE;
pub use counts::{is_stats_graph, shared_graph, Counts};

/// Longest literal `load` accepts (an article's text is at most 10 MiB).
pub const MAX_LITERAL_BYTES: usize = 10 << 20;
/// How much of an RDF/XML file `load` reads ahead for its entity declarations.
const XML_HEAD_BYTES: u64 = 1 << 20;

/// How long a reader tries again to open a store whose files a writer is
/// replacing (a compaction deletes a table file the reader's view lists).
#[cfg(feature = "rocksdb")]
const REOPEN_WAIT: Duration = Duration::from_secs(2);

/// How long a reader waits for a store another process is creating.
pub const CREATION_WAIT: Duration = Duration::from_secs(10);

/// Quads written between two flushes of RocksDB's memory tables to disk. The
/// tables are otherwise flushed only when they reach hundreds of megabytes,
/// so a flush every so many quads bounds the memory of a long ingest, and the
/// write-ahead log that every later open must replay stays short.
pub const FLUSH_EVERY_QUADS: usize = 25_000;

pub struct GraphStore {
    store: Store,
    /// The on-disk store's folder (None: in memory).
    dir: Option<PathBuf>,
    /// Quads written since the last flush.
    unflushed: AtomicUsize,
}

/// What a `--store` folder holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreState {
    /// An on-disk store (RocksDB's `CURRENT` file is there).
    Store,
    /// Nothing yet (no folder, or an empty one).
    Missing,
    /// Another process is creating the store (its hidden sibling exists).
    Creating,
    /// A file, or a non-empty folder that is no store.
    NotAStore,
}

/// The hidden sibling folders in which stores named like `dir` are created,
/// with the id of the process creating each.
fn creation_folders(dir: &Path) -> Vec<(PathBuf, u32)> {
    let (Some(parent), Some(name)) = (store_parent(dir), dir.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.creating-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| {
            let e = e.ok()?;
            let pid = e
                .file_name()
                .to_str()?
                .strip_prefix(&prefix)?
                .parse()
                .ok()?;
            Some((e.path(), pid))
        })
        .collect()
}

/// The folder a store folder sits in (`.` for a bare name).
fn store_parent(dir: &Path) -> Option<PathBuf> {
    dir.file_name()?;
    Some(match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    })
}

/// Whether a process is alive (where it cannot be known: assume so).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// What `dir` holds now.
pub fn store_state(dir: &Path) -> StoreState {
    if dir.join("CURRENT").is_file() {
        return StoreState::Store;
    }
    let empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) if dir.exists() => false,
        Err(_) => true,
    };
    if !empty {
        StoreState::NotAStore
    } else if creation_folders(dir)
        .iter()
        .any(|(_, pid)| process_alive(*pid))
    {
        StoreState::Creating
    } else {
        StoreState::Missing
    }
}

/// Create an empty store in `dir` (absent or an empty folder): initialised in
/// a hidden sibling folder, then renamed into place. Another process creating
/// the same store at the same time is no error: its store is used.
#[cfg(feature = "rocksdb")]
fn create(dir: &Path) -> Result<()> {
    let shown = dir.display();
    let (Some(parent), Some(name)) = (store_parent(dir), dir.file_name()) else {
        bail!("{shown}: not a folder name for a store");
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
    // Left over by a creator that was killed.
    for (stale, pid) in creation_folders(dir) {
        if pid == std::process::id() || !process_alive(pid) {
            let _ = std::fs::remove_dir_all(stale);
        }
    }
    let tmp = parent.join(format!(
        ".{}.creating-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let created = Store::open(&tmp).map(drop);
    if let Err(e) = created {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e).with_context(|| format!("{shown}: cannot create the store"));
    }
    // Renaming over an empty folder replaces it.
    if let Err(e) = std::fs::rename(&tmp, dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        match store_state(dir) {
            // Someone else's store won the race.
            StoreState::Store => {}
            // A folder that cannot be replaced (a mount point, the working folder):
            // create in place.
            StoreState::Missing if dir.is_dir() => {
                Store::open(dir)
                    .map(drop)
                    .with_context(|| format!("{shown}: cannot create the store"))?;
            }
            _ => return Err(e).with_context(|| format!("{shown}: cannot create the store")),
        }
    }
    Ok(())
}

/// Remove the sorted files a bulk load killed before its end left in the
/// store folder (`bulk-*.sst`; the store never took them in). Only the
/// writer, which holds the store's lock, calls this.
#[cfg(feature = "rocksdb")]
fn remove_unfinished_bulk_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl GraphStore {
    /// Open the on-disk store in `dir`, creating it when `dir` is absent or an
    /// empty folder (see [`create`]); any other folder is refused.
    #[cfg(feature = "rocksdb")]
    pub fn open(dir: &Path) -> Result<GraphStore> {
        match store_state(dir) {
            StoreState::Store => {}
            StoreState::NotAStore => bail!(
                "{}: not a newsgraph store, and not an empty folder: give --store a new or empty folder",
                dir.display()
            ),
            StoreState::Missing | StoreState::Creating => create(dir)?,
        }
        let store = Store::open(dir)
            .with_context(|| format!("{}: cannot open the store", dir.display()))?;
        remove_unfinished_bulk_files(dir);
        let store = GraphStore::wrap(store, Some(dir));
        store.compact_changes()?;
        store.upgrade()?;
        Ok(store)
    }

    /// Open an existing on-disk store for reading; other readers may share it.
    /// A store another process is creating is waited for, at most [`CREATION_WAIT`].
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(dir: &Path) -> Result<GraphStore> {
        let started = std::time::Instant::now();
        loop {
            match store_state(dir) {
                StoreState::Store => break,
                StoreState::Missing => bail!(
                    "{}: no store here; run `newsgraph ingest --store {} ARTICLES` first",
                    dir.display(),
                    dir.display()
                ),
                StoreState::NotAStore => bail!("{}: not a newsgraph store", dir.display()),
                StoreState::Creating if started.elapsed() < CREATION_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                StoreState::Creating => bail!(
                    "{}: the store is being created by another process; try again in a moment",
                    dir.display()
                ),
            }
        }
        // A writer compacting at this moment may delete a table file the
        // reader's view lists ("Corruption: … .sst"): open again, on a
        // newer view, for at most [`REOPEN_WAIT`].
        let started = std::time::Instant::now();
        loop {
            let opened = Store::open_read_only(dir)
                .map_err(anyhow::Error::from)
                .and_then(|store| {
                    // Touch the table files once: a file gone shows here, not mid-query.
                    store
                        .quads_for_pattern(None, None, None, None)
                        .next()
                        .transpose()?;
                    Ok(store)
                });
            match opened {
                Ok(store) => return Ok(GraphStore::wrap(store, Some(dir))),
                Err(_) if started.elapsed() < REOPEN_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => {
                    return Err(e.context(format!("{}: cannot open the store", dir.display())))
                }
            }
        }
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

    fn wrap(store: Store, dir: Option<&Path>) -> GraphStore {
        GraphStore {
            store,
            dir: dir.map(Path::to_path_buf),
            unflushed: AtomicUsize::new(0),
        }
    }

    /// Write what is still in memory to disk, so that the next open, read-only
    /// included, starts at once instead of replaying the write-ahead log.
    /// Writers call it when done; it also runs every [`FLUSH_EVERY_QUADS`].
    pub fn flush(&self) -> Result<()> {
        self.unflushed.store(0, Ordering::Relaxed);
        #[cfg(feature = "rocksdb")]
        self.store
            .flush()
            .context("cannot flush the store to disk")?;
        Ok(())
    }

    /// Count quads written, flushing every [`FLUSH_EVERY_QUADS`].
    fn wrote(&self, quads: usize) -> Result<()> {
        if self.unflushed.fetch_add(quads, Ordering::Relaxed) + quads >= FLUSH_EVERY_QUADS {
            self.flush()?;
        }
        Ok(())
    }

    /// The oxigraph store itself (the endpoint queries it directly).
    pub fn into_store(self) -> Store {
        self.store
    }

    /// A store that lives in memory only.
    pub fn in_memory() -> Result<GraphStore> {
        Ok(GraphStore::wrap(
            Store::new().context("cannot create an in-memory store")?,
            None,
        ))
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

    /// Evaluate a SPARQL query; the project's prefixes (`ng:`, `schema:`,
    /// `rdfs:` …) are declared already, as at the endpoint.
    pub fn run(&self, query: &str) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in crate::rdf::vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .context("internal: a bad prefix IRI")?;
        }
        let prepared = evaluator
            .parse_query(query)
            .map_err(|e| anyhow::anyhow!("SPARQL syntax error: {e}"))?;
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| anyhow::anyhow!("query failed: {e}"))
    }

    /// Write the whole store, or one graph, in an RDF dataset format (N-Quads,
    /// TriG, JSON-LD). The triple formats, which hold the union of all graphs
    /// with each triple once, are written by `export::triples`.
    pub fn dump(
        &self,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        out: impl Write,
    ) -> Result<()> {
        if !format.supports_datasets() {
            bail!("internal: {format} holds no graphs; use export::triples");
        }
        let mut writer = crate::rdf::write::serializer(format)?.for_writer(out);
        let graph_ref = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        if let Some(g) = graph {
            if !self.store.contains_named_graph(g.as_ref())? {
                bail!("{g}: no such graph in the store");
            }
        }
        for quad in self.store.quads_for_pattern(None, None, None, graph_ref) {
            let quad = quad.context("cannot read the store")?;
            writer.serialize_quad(&quad)?;
        }
        writer.finish().context("cannot finish the output")?;
        Ok(())
    }

    /// The quads of one graph (`Some`) or of every graph (`None`), in the
    /// store's order: a graph's quads together, a subject's quads together.
    pub fn quads(
        &self,
        graph: Option<GraphNameRef<'_>>,
    ) -> impl Iterator<Item = Result<Quad>> + 'static {
        self.store
            .quads_for_pattern(None, None, None, graph)
            .map(|q| q.context("cannot read the store"))
    }

    /// The names of the named graphs.
    pub fn graph_names(&self) -> Result<Vec<NamedOrBlankNode>> {
        self.store
            .named_graphs()
            .map(|g| g.context("cannot read the store"))
            .collect()
    }

    /// Up to `most` article ids in the store that look like `wanted` (one
    /// contains the other, case aside, or they share their first 8
    /// characters), closest in length first: for "no such article" messages.
    pub fn close_article_ids(&self, wanted: &str, most: usize) -> Result<Vec<String>> {
        let wanted = wanted.to_lowercase();
        let prefix: String = wanted.chars().take(8).collect();
        let mut close = Vec::new();
        for graph in self.store.named_graphs() {
            let graph = graph.context("cannot read the store")?;
            let NamedOrBlankNode::NamedNode(graph) = graph else {
                continue;
            };
            let Some(id) = graph.as_str().strip_prefix(crate::rdf::vocab::ARTICLE_BASE) else {
                continue;
            };
            let lower = id.to_lowercase();
            if lower.contains(&wanted)
                || wanted.contains(&lower)
                || (prefix.chars().count() == 8 && lower.starts_with(&prefix))
            {
                close.push((id.len().abs_diff(wanted.len()), id.to_string()));
            }
        }
        close.sort();
        Ok(close.into_iter().take(most).map(|(_, id)| id).collect())
    }

    /// How many quads the store holds (its counts graph aside).
    pub fn quad_count(&self) -> Result<usize> {
        Ok(counts::natural(self.counts()?.quads) as usize)
    }

    /// Counts by type: articles, entities by coarse type, events by PLOVER type
    /// (one per article that reports a happening), `Happening` (one per
    /// canonical happening, across articles), positions; read from the counts
    /// kept with the data (see [`counts`]).
    pub fn stats(&self) -> Result<BTreeMap<String, u64>> {
        let counts = self.counts()?;
        let mut out = BTreeMap::new();
        out.insert("quads".to_string(), counts::natural(counts.quads));
        for (class, n) in &counts.classes {
            let name = counts::local_name(NamedNodeRef::new_unchecked(class));
            out.insert(name.to_string(), counts::natural(*n));
        }
        out.insert(
            "graphs (articles)".to_string(),
            counts::natural(counts.articles),
        );
        Ok(out)
    }

    /// The figures of [`GraphStore::stats`] that the ingest summary gives:
    /// entities (`Person`, `Organization` and `Place` rows summed), article
    /// events (the PLOVER class rows summed) and quads.
    pub fn totals(&self) -> Result<Totals> {
        let counts = self.counts()?;
        let class = |iri: &str| counts::natural(counts.classes.get(iri).copied().unwrap_or(0));
        let mut totals = Totals {
            quads: counts::natural(counts.quads),
            ..Totals::default()
        };
        for coarse in ["Person", "Organization", "Place"] {
            totals.entities += class(&format!("{SCHEMA}{coarse}"));
        }
        for &plover in crate::plover::Plover::ALL {
            totals.events += class(&crate::rdf::vocab::event_class(plover));
        }
        Ok(totals)
    }

    pub fn has_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool> {
        Ok(self.store.contains_named_graph(graph)?)
    }
}

/// What the store holds, as `stats` counts it (see [`GraphStore::totals`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub entities: u64,
    pub events: u64,
    pub quads: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::vocab::{EVENTS_GRAPH, RDF_TYPE};
    use oxigraph::model::{GraphName, Literal};

    // Linux: a dead creator is recognised through /proc.
    #[cfg(all(feature = "rocksdb", target_os = "linux"))]
    #[test]
    fn stores_are_created_whole_and_other_folders_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        assert_eq!(store_state(&db), StoreState::Missing);
        // A creator killed mid-way (no such process) leaves a folder the next one removes.
        let stale = dir.path().join(".db.creating-4000000000");
        std::fs::create_dir(&stale).unwrap();
        assert_eq!(store_state(&db), StoreState::Missing);
        drop(GraphStore::open(&db).unwrap());
        assert_eq!(store_state(&db), StoreState::Store);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["db"], "only the store is left");
        drop(GraphStore::open_read_only(&db).unwrap());
        // A folder of the user's own files is no store, and stays as it was.
        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "x").unwrap();
        assert_eq!(store_state(&mine), StoreState::NotAStore);
        assert!(GraphStore::open(&mine).is_err());
        assert!(GraphStore::open_read_only(&mine).is_err());
        assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);
    }

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
