//! `newsgraph extract`: articles to quads (or a stage's findings) on stdout,
//! no store touched. Each article is written and flushed as soon as it is
//! processed, so `newsgraph extract -` fed JSONL on stdin is a streaming
//! filter: a Spark `RDD.pipe` or Hadoop-streaming step.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use newsgraph::doc::Article;
use newsgraph::export::{self, ExportFormat, ExportOptions};
use newsgraph::pipeline::{ArticleDefaults, Pipeline, Stage};
use newsgraph::rdf::{article_iri, to_quads};
use newsgraph::read::{for_each_article, printable_path};
use newsgraph::store::GraphStore;
use newsgraph::text::printable;

/// Process every article of `file` (`-`: stdin, JSONL when it starts with
/// `{`) and print each as soon as it is done. A bad JSONL line, or an
/// article the pipeline fails on, is one line on stderr and is skipped: one
/// bad record does not fail a cluster task. An unreadable input, output that
/// cannot be written, or an input none of whose articles could be extracted
/// is an error.
pub fn run(
    pipeline: &Pipeline,
    defaults: &ArticleDefaults,
    format: ExportFormat,
    until: Option<Stage>,
    file: &Path,
) -> Result<()> {
    let staged = until.is_some_and(|u| u != Stage::All);
    // Checked before anything is read.
    let rdf = match format {
        ExportFormat::Conllu => None,
        _ if staged => None,
        ExportFormat::Dot | ExportFormat::Svg => None,
        _ => format.rdf(),
    };
    if format != ExportFormat::Conllu && !staged && rdf.is_none() {
        anyhow::bail!("extract prints RDF: nquads, trig, turtle, ntriples, rdfxml or jsonld");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failure: Option<anyhow::Error> = None;
    let mut write_one = |article: Article| -> Result<()> {
        let doc = pipeline.process_until(article, defaults, until.unwrap_or(Stage::All))?;
        if format == ExportFormat::Conllu {
            crate::parse::write_conllu(&doc, &mut out)?;
        } else if staged {
            print_stage(&doc, &mut out)?;
        } else if format == ExportFormat::Jsonld {
            // Compact JSON-LD groups the quads by subject: through a store.
            let quads = to_quads(&doc, &pipeline.kb);
            let store = GraphStore::in_memory()?;
            store.replace_article(&article_iri(&doc.article.id), &quads)?;
            export::write_stream(&store, format, &ExportOptions::default(), &mut out)?;
        } else if let Some(rdf) = rdf {
            // Each quad printed as it is made: memory does not grow with the output.
            newsgraph::rdf::write_document(&doc, &pipeline.kb, rdf, &mut out)?;
        }
        // The next step of a pipe sees each article as soon as it is done.
        out.flush().context("stdout")?;
        Ok(())
    };
    let shown = printable_path(file);
    let (mut written, mut skipped) = (0, 0);
    for_each_article(file, |item| match item {
        Ok(article) => {
            let id = printable(&article.id);
            match write_one(article) {
                Ok(()) => {
                    written += 1;
                    true
                }
                // Output that cannot be written ends the run.
                Err(e)
                    if e.chain()
                        .any(|c| c.downcast_ref::<std::io::Error>().is_some()) =>
                {
                    failure = Some(e);
                    false
                }
                Err(e) => {
                    eprintln!("newsgraph: {shown}: article {id}: {e:#} (skipped)");
                    skipped += 1;
                    true
                }
            }
        }
        Err(problem) => {
            eprintln!("newsgraph: {problem}");
            skipped += 1;
            true
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if written == 0 && skipped > 0 {
        anyhow::bail!("{shown}: no article could be extracted");
    }
    Ok(())
}

fn print_stage(doc: &newsgraph::doc::Document, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "# {} ({}), {} sentences, {} tokens",
        doc.article.id,
        doc.lang.code(),
        doc.sentences.len(),
        doc.tokens.len()
    )?;
    if doc.sentences.is_empty() {
        writeln!(out, "{}", doc.text)?;
    }
    for m in &doc.mentions {
        let entity = m.entity.map(|e| doc.entities[e].id.as_str()).unwrap_or("-");
        writeln!(
            out,
            "mention\t{}\t{:?}\t{:?}\t{}",
            doc.span_text(&m.span),
            m.etype,
            m.source,
            entity
        )?;
    }
    for p in &doc.positions {
        writeln!(
            out,
            "position\t{}\t{}\t{}",
            doc.entities[p.person].id,
            p.role.name(),
            doc.entities[p.organization].id
        )?;
    }
    for e in &doc.events {
        let names = |v: &[usize]| {
            v.iter()
                .map(|&i| doc.entities[i].id.clone())
                .collect::<Vec<_>>()
                .join(",")
        };
        writeln!(
            out,
            "event\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            e.plover,
            e.mode.map_or("-", |m| m.as_str()),
            names(&e.actors),
            names(&e.recipients),
            doc.span_text(&e.mentions[0].trigger),
            e.place.map_or("-", |p| doc.entities[p].id.as_str()),
            e.date.map_or_else(|| "-".to_string(), |(d, _)| d.lexical()),
        )?;
    }
    Ok(())
}
