//! Query: SPARQL over the store, results as a readable table, CSV, TSV,
//! SPARQL JSON/XML, or RDF for CONSTRUCT and DESCRIBE; answers kept on disk
//! for the same question on the same version of the store ([`cache`]).

pub mod cache;

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use crate::rdf::vocab::PREFIXES;
use crate::store::{version, GraphStore};
use cache::{AnswerCache, Tee};

/// Answer a query on the store in `dir`: from `cache` when the same query
/// was answered in the same format on this version of the store (the store
/// is then not even opened), else computed, written to `out` and kept.
/// Returns whether the answer came from the cache.
pub fn answer(
    dir: &Path,
    query: &str,
    format: QueryFormat,
    cache: Option<&AnswerCache>,
    mut out: impl Write,
) -> Result<bool> {
    let cache = cache.filter(|_| {
        version::deterministic(query)
            && matches!(
                crate::store::store_state(dir),
                crate::store::StoreState::Store
            )
    });
    // Taken before the store is opened: should a writer commit in between,
    // the answer is kept under the older version, which no later reader sees.
    let key = AnswerCache::key(
        dir,
        version::fingerprint(dir),
        query,
        &format!("{format:?}"),
    );
    if let Some(mut kept) = cache.and_then(|c| c.get(&key)) {
        std::io::copy(&mut kept, &mut out).context("cannot write the answer")?;
        out.flush()?;
        return Ok(true);
    }
    let store = GraphStore::open_read_only(dir)?;
    let mut pending = cache.and_then(|c| c.pending(&key));
    run(
        &store,
        query,
        format,
        Tee {
            out: &mut out,
            copy: pending.as_mut(),
        },
    )?;
    out.flush()?;
    if let (Some(cache), Some(pending)) = (cache, pending) {
        pending.keep(cache);
    }
    Ok(false)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
}

/// Run a query and print its results.
pub fn run(
    store: &GraphStore,
    query: &str,
    format: QueryFormat,
    mut out: impl Write,
) -> Result<()> {
    match store.run(query)? {
        QueryResults::Boolean(b) => match results_format(format) {
            Some(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut out, b)?;
            }
            None => writeln!(out, "{}", if b { "yes" } else { "no" })?,
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match results_format(format) {
                Some(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut out, variables)?;
                    for s in solutions {
                        w.serialize(&s.context("query failed")?)?;
                    }
                    w.finish()?;
                }
                None => {
                    let mut table = vec![variables
                        .iter()
                        .map(|v| v.as_str().to_string())
                        .collect::<Vec<_>>()];
                    for s in solutions {
                        let s = s.context("query failed")?;
                        table.push(
                            variables
                                .iter()
                                .map(|v| s.get(v).map(short).unwrap_or_default())
                                .collect(),
                        );
                    }
                    write_table(&table, &mut out)?;
                    writeln!(
                        out,
                        "{} row{}",
                        table.len() - 1,
                        if table.len() == 2 { "" } else { "s" }
                    )?;
                }
            }
        }
        QueryResults::Graph(triples) => {
            let format = match format {
                QueryFormat::Ntriples => RdfFormat::NTriples,
                QueryFormat::Turtle | QueryFormat::Table => RdfFormat::Turtle,
                other => bail!(
                    "--format {other:?} is for SELECT and ASK; CONSTRUCT gives turtle or ntriples"
                ),
            };
            let mut w = crate::rdf::write::serializer(format)?.for_writer(&mut out);
            for t in triples {
                w.serialize_triple(&t.context("query failed")?)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

fn results_format(format: QueryFormat) -> Option<QueryResultsFormat> {
    match format {
        QueryFormat::Csv => Some(QueryResultsFormat::Csv),
        QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
        QueryFormat::Json => Some(QueryResultsFormat::Json),
        QueryFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    }
}

/// A term for people: prefixed IRIs, bare literal values.
pub fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            for (p, iri) in PREFIXES {
                if let Some(rest) = n.as_str().strip_prefix(iri) {
                    return format!("{p}:{rest}");
                }
            }
            format!("<{}>", n.as_str())
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn write_table(rows: &[Vec<String>], out: &mut impl Write) -> Result<()> {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let s = s.replace('\n', " ");
        if s.chars().count() > MAX {
            format!("{}…", s.chars().take(MAX - 1).collect::<String>())
        } else {
            s
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..cells[0].len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, row) in cells.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", line.join(" │ ").trim_end())?;
        if n == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            writeln!(out, "{}", rule.join("─┼─"))?;
        }
    }
    Ok(())
}
