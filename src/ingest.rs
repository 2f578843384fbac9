//! Ingest: articles from files into the store, with progress on stderr and a
//! summary at the end.
//!
//! Four kinds of threads: one reads the inputs (a JSONL file line by line),
//! `jobs` extract articles, the calling thread takes the articles back in
//! input order and gathers them into batches of at most [`BATCH_ARTICLES`]
//! articles or [`BATCH_QUADS`] quads, and one committer writes the batches
//! while the next one fills. Batches of articles new to the store go into
//! one bulk load (oxigraph's bulk loader sorts each into files on a thread of
//! its own) that the store takes in one atomic step every [`LOAD_QUADS`]
//! quads and at the end; a batch that replaces articles is written in one
//! transaction. After a crash every article is in the store whole or not at
//! all. At most [`WINDOW_PER_JOB`] articles per job are read ahead, and
//! three batches are in memory at most (one filling, one checked by the
//! committer, one being sorted), so memory stays flat whatever the corpus
//! size. Extraction does not read the store (entity identity depends on the
//! article alone), so the graph is the same whatever the number of jobs or
//! the order of the articles.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{NamedNode, Quad};

use crate::doc::{content_hash, Article};
use crate::pipeline::{ArticleDefaults, Pipeline};
use crate::rdf::{article_iri, to_quads};
use crate::read;
use crate::store::{GraphStore, Known, NewArticles, Totals};
use crate::text::printable;

/// Articles handed to the committer together (fewer at the end of the input).
pub const BATCH_ARTICLES: usize = 1_000;
/// A batch is handed over early once it holds this many quads (about 115
/// articles of news). A quad waiting costs about 400 bytes, and the bulk
/// loader makes its own sorted copy: on the bench corpus (2,231 articles,
/// 962,000 quads, 2 jobs) peak RSS of `ingest` was 221 MiB with 50,000,
/// 196 MiB with 25,000, 190 MiB with 10,000, when each batch was committed
/// on its own (now 144 MiB with 25,000, see [`LOAD_QUADS`]).
pub const BATCH_QUADS: usize = 25_000;
/// Quads of new articles the store takes in one atomic step. Each commit of
/// a bulk load adds files that RocksDB then merges with what it holds
/// (compaction, which rewrites the level they land on): committed every
/// batch, that merging was the writer's largest cost and grew with the
/// store. The batches are sorted into files one by one (memory stays that
/// of a batch) and the files of this many quads (about 5,000 articles) are
/// taken in together, or fewer when the load's memory reaches
/// [`LOAD_MEMORY`]. A crash loses at most these (whole articles, which the
/// next run writes again); readers see new articles this often, and at the
/// end of a run. With 4,000,000 a 10,000-article run into a 40,000-article
/// store peaked at 205 MiB (RocksDB holding the 640 files of one commit),
/// with 1,000,000 at 187 MiB, for 14 % more CPU time.
pub const LOAD_QUADS: usize = 1_000_000;
/// Bytes a bulk load may keep besides its batch (its article graphs, the
/// fingerprints of the shared quads it met, the least new labels): a
/// corpus of ever new entities commits sooner, memory stays bounded.
pub const LOAD_MEMORY: usize = 32 << 20;
/// Articles in flight per extraction job (read, being extracted, or waiting
/// for the writer): the bound on memory.
pub const WINDOW_PER_JOB: usize = 8;

#[derive(Debug, Default, Clone)]
pub struct IngestSummary {
    pub articles: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// Quads the writer wrote, counting a shared entity's description once
    /// per article that writes it (more than the store gains).
    pub written: usize,
    /// What the store holds at the end: the figures `stats` gives, filled by
    /// a caller that prints them ([`GraphStore::totals`], read from the
    /// counts the writer keeps).
    pub store: Totals,
    pub seconds: f64,
    /// Of which writing to the store (the writer's commits and the last flush).
    pub write_seconds: f64,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} articles ingested ({} unchanged, {} failed) in {:.2} s (store writes {:.2} s); the store holds {} entities, {} events, {} quads",
            self.articles,
            self.unchanged,
            self.failed,
            self.seconds,
            self.write_seconds,
            self.store.entities,
            self.store.events,
            self.store.quads,
        )
    }
}

impl IngestSummary {
    /// Add what another part of the run wrote (its articles, quads and time
    /// writing).
    fn add_written(&mut self, other: &IngestSummary) {
        self.articles += other.articles;
        self.written += other.written;
        self.write_seconds += other.write_seconds;
    }
}

pub struct IngestOptions {
    pub defaults: ArticleDefaults,
    /// Re-process articles whose content hash is already in the store.
    pub force: bool,
    pub progress: bool,
    /// Extraction threads; 0 means one per core.
    pub jobs: usize,
}

/// What the reader hands on: an article, or the message of a part skipped.
enum Item {
    Article { article: Article, file: usize },
    Problem(String),
}

/// What a job makes of an item.
enum Outcome {
    Extracted { graph: NamedNode, quads: Vec<Quad> },
    Unchanged,
    Failed(String),
}

/// Ingest every article of the inputs. A bad file, a bad JSONL line or an
/// unreadable folder is reported and skipped; the summary counts each as
/// failed. An error writing the store ends the run (the articles committed
/// before it stay).
pub fn ingest(
    pipeline: &Pipeline,
    store: &GraphStore,
    inputs: &[PathBuf],
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let inputs = read::collect_inputs(inputs)?;
    let files = inputs.files;
    let mut summary = IngestSummary::default();
    for problem in &inputs.problems {
        eprintln!("newsgraph: {problem}");
        summary.failed += 1;
    }
    let total: u64 = files.iter().map(|f| read::count_articles(f)).sum();
    // How many articles stdin holds is known only at its end: a counter.
    let from_stdin = files.iter().any(|f| f.as_os_str() == "-");
    let bar = if options.progress && (total > 1 || from_stdin) {
        let (bar, template) = if from_stdin {
            (
                ProgressBar::no_length(),
                "{spinner} {pos} articles {elapsed_precise} ({per_sec}) {wide_msg}",
            )
        } else {
            (
                ProgressBar::new(total),
                "{bar:40} {pos}/{len} articles {elapsed_precise} (eta {eta}) {wide_msg}",
            )
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let window = jobs * WINDOW_PER_JOB;
    let (item_tx, item_rx) = mpsc::sync_channel::<(usize, Item)>(window);
    let (outcome_tx, outcome_rx) = mpsc::sync_channel::<(usize, Outcome)>(window);
    // One token per article in flight: the reader takes one before reading on,
    // the writer gives it back once the article is out of its hands.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let item_rx = Mutex::new(item_rx);
    let (files, bar_ref, items) = (&files, &bar, &item_rx);
    std::thread::scope(|scope| {
        scope.spawn(move || read_all(files, item_tx, token_rx, bar_ref));
        for _ in 0..jobs {
            let outcome_tx = outcome_tx.clone();
            scope.spawn(move || extract_all(pipeline, store, items, outcome_tx, files, options));
        }
        drop(outcome_tx);
        // Batch N is committed while batch N + 1 fills; the writer hands a
        // full batch over only when the committer takes it (no third batch
        // waits in between).
        let (batch_tx, batch_rx) = mpsc::sync_channel::<Batch>(0);
        let committer = scope.spawn(move || commit_all(store, batch_rx));
        write_all(outcome_rx, token_tx, batch_tx, bar_ref, &mut summary);
        // The writer stopped early: take what the reader still sends, so it ends.
        while let Ok(Ok(_)) = item_rx.lock().map(|items| items.recv()) {}
        let written = committer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))??;
        summary.add_written(&written);
        anyhow::Ok(())
    })?;
    let flushing = Instant::now();
    store.finish()?;
    summary.write_seconds += flushing.elapsed().as_secs_f64();
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The reader: every article of every file, numbered in input order.
fn read_all(
    files: &[PathBuf],
    items: SyncSender<(usize, Item)>,
    tokens: Receiver<()>,
    bar: &ProgressBar,
) {
    let mut seq = 0;
    let mut send = |item: Item| {
        // No token or no one to take it: the writer has stopped.
        if tokens.recv().is_err() || items.send((seq, item)).is_err() {
            return false;
        }
        seq += 1;
        true
    };
    for (file, path) in files.iter().enumerate() {
        bar.set_message(read::printable_path(path));
        let read = read::for_each_article(path, |item| {
            send(match item {
                Ok(article) => Item::Article { article, file },
                Err(problem) => Item::Problem(problem),
            })
        });
        if let Err(e) = read {
            if !send(Item::Problem(format!(
                "{} (skipped)",
                printable(&format!("{e:#}"))
            ))) {
                return;
            }
        }
    }
}

/// A job: extract the articles it is handed, until there are none left.
fn extract_all(
    pipeline: &Pipeline,
    store: &GraphStore,
    items: &Mutex<Receiver<(usize, Item)>>,
    outcomes: SyncSender<(usize, Outcome)>,
    files: &[PathBuf],
    options: &IngestOptions,
) {
    loop {
        let next = match items.lock() {
            Ok(items) => items.recv(),
            Err(_) => return,
        };
        let Ok((seq, item)) = next else {
            return;
        };
        let outcome = match item {
            Item::Problem(problem) => Outcome::Failed(problem),
            Item::Article { article, file } => {
                let id = printable(&article.id);
                extract(pipeline, store, article, options).unwrap_or_else(|e| {
                    Outcome::Failed(format!(
                        "{}: article {id}: {} (skipped)",
                        read::printable_path(&files[file]),
                        printable(&format!("{e:#}"))
                    ))
                })
            }
        };
        if outcomes.send((seq, outcome)).is_err() {
            return;
        }
    }
}

fn extract(
    pipeline: &Pipeline,
    store: &GraphStore,
    article: Article,
    options: &IngestOptions,
) -> Result<Outcome> {
    let graph = article_iri(&article.id);
    if !options.force && store.content_hash(&graph)? == Some(content_hash(&article.text)) {
        return Ok(Outcome::Unchanged);
    }
    let doc = pipeline.process(article, &options.defaults)?;
    let quads = to_quads(&doc, &pipeline.kb);
    Ok(Outcome::Extracted { graph, quads })
}

/// The writer: outcomes back in input order, handed to the committer in
/// batches; it stops when the committer does (an error writing the store).
fn write_all(
    outcomes: Receiver<(usize, Outcome)>,
    tokens: SyncSender<()>,
    batches: SyncSender<Batch>,
    bar: &ProgressBar,
    summary: &mut IngestSummary,
) {
    let mut pending = BTreeMap::new();
    let mut next = 0;
    let mut batch = Batch::default();
    for (seq, outcome) in outcomes {
        pending.insert(seq, outcome);
        while let Some(outcome) = pending.remove(&next) {
            next += 1;
            match outcome {
                Outcome::Extracted { graph, quads } => {
                    batch.quads += quads.len();
                    batch.articles.push((graph, quads));
                    batch.summary.articles += 1;
                }
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Failed(message) => {
                    bar.suspend(|| eprintln!("newsgraph: {message}"));
                    summary.failed += 1;
                }
            }
            bar.inc(1);
            if (batch.articles.len() >= BATCH_ARTICLES || batch.quads >= BATCH_QUADS)
                && batches.send(std::mem::take(&mut batch)).is_err()
            {
                return;
            }
            let _ = tokens.send(());
        }
    }
    if !batch.articles.is_empty() {
        let _ = batches.send(batch);
    }
}

/// The committer: the batches in order, those of articles new to the store
/// added to one bulk load committed every [`LOAD_QUADS`] quads (and at the
/// end; each load knows the shared quads the one before met, see
/// [`Known`]), a batch that replaces articles in one transaction (after the
/// load is committed); what was written.
fn commit_all(store: &GraphStore, batches: Receiver<Batch>) -> Result<IngestSummary> {
    let mut written = IngestSummary::default();
    let mut load: Option<NewArticles<'_>> = None;
    let mut known = Known::default();
    for mut batch in batches {
        let started = Instant::now();
        // Articles new to the store, the load and the batch go through the bulk loader.
        let mut new = true;
        {
            let mut seen = std::collections::HashSet::new();
            for (graph, _) in &batch.articles {
                new = new
                    && seen.insert(graph)
                    && !load.as_ref().is_some_and(|l| l.holds(graph))
                    && !store.has_graph(graph.as_ref())?;
            }
        }
        if new {
            let open = load.get_or_insert_with(|| {
                let known = std::mem::take(&mut known);
                // What the run knows of the shared graphs may fill a quarter
                // of the load's memory; beyond, the store is asked again.
                store.new_articles_knowing(if known.memory() <= LOAD_MEMORY / 4 {
                    known
                } else {
                    Known::default()
                })
            });
            open.add(std::mem::take(&mut batch.articles))?;
            if open.quads() >= LOAD_QUADS || open.memory() >= LOAD_MEMORY {
                known = commit_load(store, load.take())?;
            }
        } else {
            commit_load(store, load.take())?;
            // A replaced article may take entities and happenings away.
            known = Known::default();
            let graphs: Vec<NamedNode> = batch.articles.iter().map(|(g, _)| g.clone()).collect();
            store.replace_articles(&batch.articles)?;
            store.record_changed(&graphs)?;
        }
        drop(batch.articles);
        // The batch's quads and the loader's buffers are freed: give them back.
        crate::memory::trim_heap();
        batch.summary.written = batch.quads;
        batch.summary.write_seconds = started.elapsed().as_secs_f64();
        written.add_written(&batch.summary);
    }
    let started = Instant::now();
    commit_load(store, load)?;
    written.write_seconds += started.elapsed().as_secs_f64();
    Ok(written)
}

/// Commit a bulk load of new articles (if any), then log its graphs as
/// changed; what it knew of the shared graphs.
fn commit_load(store: &GraphStore, load: Option<NewArticles<'_>>) -> Result<Known> {
    let Some(load) = load else {
        return Ok(Known::default());
    };
    let (graphs, known) = load.commit()?;
    store.record_changed(&graphs)?;
    Ok(known)
}

/// Articles waiting to be committed together.
#[derive(Default)]
struct Batch {
    articles: Vec<(NamedNode, Vec<Quad>)>,
    quads: usize,
    summary: IngestSummary,
}
