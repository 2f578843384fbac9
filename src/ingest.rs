//! Ingest: articles from files into the store, one transaction per article,
//! with progress on stderr and a summary at the end.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::doc::content_hash;
use crate::pipeline::{ArticleDefaults, Pipeline};
use crate::rdf::{article_iri, to_quads};
use crate::read;
use crate::store::GraphStore;

#[derive(Debug, Default, Clone)]
pub struct IngestSummary {
    pub articles: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub entities: usize,
    pub events: usize,
    pub triples: usize,
    pub seconds: f64,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} articles ingested ({} unchanged, {} failed), {} entities, {} events, {} triples in {:.2} s",
            self.articles, self.unchanged, self.failed, self.entities, self.events, self.triples, self.seconds
        )
    }
}

pub struct IngestOptions {
    pub defaults: ArticleDefaults,
    /// Re-process articles whose content hash is already in the store.
    pub force: bool,
    pub progress: bool,
}

/// Ingest every article of the inputs. A bad file, a bad JSONL line or an
/// unreadable folder is reported and skipped; the summary counts each as failed.
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
    let mut index = store.entity_index()?;
    let bar = if options.progress && files.len() > 1 {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    for file in &files {
        bar.set_message(file.display().to_string());
        let articles = match read::read_input(file) {
            Ok(read) => {
                for problem in &read.problems {
                    bar.suspend(|| eprintln!("newsgraph: {problem}"));
                    summary.failed += 1;
                }
                read.articles
            }
            Err(e) => {
                bar.suspend(|| {
                    eprintln!(
                        "newsgraph: {} (skipped)",
                        crate::text::printable(&format!("{e:#}"))
                    )
                });
                summary.failed += 1;
                bar.inc(1);
                continue;
            }
        };
        for article in articles {
            let graph = article_iri(&article.id);
            let id = article.id.clone();
            let result = (|| -> Result<()> {
                if !options.force
                    && store.content_hash(&graph)? == Some(content_hash(&article.text))
                {
                    summary.unchanged += 1;
                    return Ok(());
                }
                let doc = pipeline.process(article, &options.defaults, &index)?;
                let quads = to_quads(&doc, &pipeline.kb);
                store.replace_article(&graph, &quads)?;
                index.add_document(&doc);
                summary.articles += 1;
                summary.entities += doc.entities.len();
                summary.events += doc.events.len();
                summary.triples += quads.len();
                Ok(())
            })();
            if let Err(e) = result.with_context(|| {
                format!(
                    "{}: article {}",
                    read::printable_path(file),
                    crate::text::printable(&id)
                )
            }) {
                bar.suspend(|| {
                    eprintln!(
                        "newsgraph: {} (skipped)",
                        crate::text::printable(&format!("{e:#}"))
                    )
                });
                summary.failed += 1;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
