//! The `newsgraph` command: a thin layer over the library. Parses flags,
//! runs one command, prints errors as one line and exits non-zero.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod docs;
mod events;
mod extract;
mod ner;
mod parse;
mod push;

use anyhow::{bail, Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand};

use newsgraph::doc::Lang;
use newsgraph::export::{self, ExportFormat, ExportOptions};
use newsgraph::ingest::{ingest, IngestOptions};
use newsgraph::pipeline::{ArticleDefaults, Pipeline, Stage};
use newsgraph::query::{self, QueryFormat};
use newsgraph::rdf::article_iri;
use newsgraph::rdf::vocab::ARTICLE_BASE;
use newsgraph::store::GraphStore;

/// Turn news articles (French, English) into an event-centric RDF knowledge graph.
///
/// Text, HTML or JSONL articles become a graph of people, organisations and
/// places (one node per real-world entity), the positions they hold, and
/// PLOVER political events with place, date and the sentence that says so.
/// The graph lives in an embedded oxigraph store, one named graph per article.
#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    after_help = "Examples:
  newsgraph ingest --store news.db seeds/
  newsgraph query --store news.db queries/who-met-whom.rq
  newsgraph serve --store news.db
  newsgraph push --store news.db --to http://localhost:7879/store
  newsgraph completions bash > ~/.local/share/bash-completion/completions/newsgraph"
)]
struct Cli {
    /// No progress bar and no summary line (ingest, load, push); errors are
    /// still printed.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct StoreArg {
    /// The store folder (oxigraph, on disk).
    #[arg(long, default_value = "newsgraph.db", value_name = "DIR")]
    store: PathBuf,
}

#[derive(Args, Clone)]
struct ArticleArgs {
    /// Language of articles that do not say (else detected): fr or en.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Publication date of articles that do not say, YYYY-MM-DD; relative dates
    /// ("ce vendredi", "on Monday") are resolved against it.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Use knowledge and rules only, without the statistical tagger.
    #[arg(long)]
    no_model: bool,
    /// Use this tagger model (from `newsgraph ner train`) instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    model: Vec<PathBuf>,
    /// Use this syntax model (from `newsgraph parse train`) instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    parse_model: Vec<PathBuf>,
    /// Largest article taken (a file, a JSONL line, standard input), in bytes;
    /// a bigger one is reported and skipped, never read whole.
    #[arg(long, value_name = "BYTES", default_value_t = newsgraph::read::MAX_ARTICLE_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_article_bytes: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and write their graphs into the store.
    ///
    /// PATH is a file (.txt, .html, .htm, .jsonl), a folder (read recursively) or
    /// `-` for stdin (JSONL when it starts with `{`, else one article). JSONL
    /// holds one article per line: `text`, and optionally
    /// `id`, `title`, `date`, `url`, `lang`; a `NAME.meta.json` beside a text or
    /// HTML file gives the same fields. Each article goes into its own named
    /// graph, whole or not at all (articles are written in batches, each in
    /// one atomic step); ingesting it again replaces it.
    ///
    /// Examples: `newsgraph ingest --store news.db seeds/`,
    /// `newsgraph ingest --store news.db --jobs 4 feed.jsonl`.
    Ingest {
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        article: ArticleArgs,
        /// Process articles again even when unchanged since the last ingest.
        #[arg(long)]
        force: bool,
        /// Articles extracted at once (threads); 0 = one per core. The graph
        /// is the same whatever the number.
        #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
        jobs: usize,
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Run a SPARQL query (a file, or -e TEXT) on the store.
    ///
    /// SELECT and ASK print a table by default; CONSTRUCT and DESCRIBE print RDF.
    /// Article content lives in named graphs: use `GRAPH ?article { … }`. Ready
    /// queries are in `queries/`; the prefixes ng:, schema:, rdfs: … are
    /// declared already.
    ///
    /// Examples:
    ///   newsgraph query --store news.db queries/who-met-whom.rq
    ///   newsgraph query --store news.db --format csv -e 'SELECT ?v ?date WHERE { GRAPH ?g { ?v a ng:Consult ; schema:startDate ?date } }'
    #[command(verbatim_doc_comment)]
    Query {
        #[command(flatten)]
        store: StoreArg,
        /// The query file (.rq), or - for stdin.
        #[arg(
            value_name = "FILE.rq",
            required_unless_present = "execute",
            conflicts_with = "execute"
        )]
        file: Option<PathBuf>,
        /// The query text.
        #[arg(short = 'e', long = "execute", value_name = "SPARQL")]
        execute: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: QueryFormat,
        /// Keep answers on disk, at most this many MiB in all (0: keep
        /// none). The same query in the same format on a store nothing was
        /// written to since is answered from there without opening the
        /// store; any ingest makes a new version of the store, whose answers
        /// are computed afresh. Folder: $NEWSGRAPH_CACHE_DIR, else
        /// $XDG_CACHE_HOME/newsgraph/answers, else ~/.cache/newsgraph/answers.
        #[arg(long, value_name = "MIB", default_value_t = 256)]
        cache_mb: u64,
    },
    /// Export the store, or one article's graph, as RDF, GraphViz, or tables
    /// for graph tools.
    ///
    /// RDF: nquads, trig (named graphs); turtle, ntriples, rdfxml (the union
    /// of all graphs, each triple once); jsonld (compact, with an @context of
    /// the project's prefixes). GraphViz: dot draws entities as nodes and
    /// events as labelled edges; svg runs GraphViz's `dot` on it. Graph tools:
    /// graphml (Gephi, yEd, Cytoscape, networkx), neo4j (nodes.csv and
    /// relationships.csv in the folder -o DIR, for `neo4j-admin database
    /// import`), events-csv (one row per event). The format defaults to the -o
    /// extension (.ttl .nt .nq .trig .rdf .jsonld .dot .svg .graphml .csv),
    /// else nquads.
    ///
    /// Examples:
    ///   newsgraph export --store news.db -o news.graphml
    ///   newsgraph export --store news.db --format neo4j -o neo4j-import
    ///   newsgraph export --store news.db --format events-csv --label-lang en -o events.csv
    ///   newsgraph export --store news.db --graph 003_7a19df6852953d25.txt -o one.svg
    ///   newsgraph export --store news.db --entity armenia --type consult --since 2020-10-01 -o a.svg
    ///   newsgraph export --store news.db --min-degree 3 --max-nodes 40 -o busy.svg
    #[command(verbatim_doc_comment)]
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Output format (default: from the -o extension, else nquads).
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Only this named graph (an article IRI, or an article id such as a file name).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Write to this file (a folder for neo4j) instead of stdout; written
        /// whole or not at all.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// GraphViz: draw each event as a node of its own.
        #[arg(long)]
        events_as_nodes: bool,
        /// Entity labels in this language (fr, en); default: the article's
        /// language for what an article says (GraphViz: the language of most
        /// articles drawn), else French, English, any.
        #[arg(long, value_parser = parse_lang, value_name = "LANG")]
        label_lang: Option<Lang>,
        #[command(flatten)]
        filter: export::dot::Filter,
    },
    /// Print the quads of articles without touching any store.
    ///
    /// FILE is an article (.txt, .html), a .jsonl file, or - for stdin: JSONL
    /// (one article per line) when its first non-blank byte is `{`, else one
    /// article. Each article is written and flushed as soon as it is
    /// processed, so it works as a streaming step (Spark RDD.pipe, Hadoop
    /// streaming); a bad JSONL line is reported with its line number and
    /// skipped.
    ///
    /// Examples:
    ///   newsgraph extract seeds/003_7a19df6852953d25.txt
    ///   cat corpus.jsonl | newsgraph extract - | newsgraph load --store news.db --format nquads -
    ///   newsgraph extract --until recognise article.txt
    #[command(verbatim_doc_comment)]
    Extract {
        #[command(flatten)]
        article: ArticleArgs,
        /// Output format: nquads, trig or turtle; conllu prints the parse (with --until parse
        /// it stops there: newsgraph extract --until parse --format conllu article.txt).
        #[arg(long, value_enum, default_value = "nquads")]
        format: ExportFormat,
        /// Stop after this stage and print what it found (for debugging).
        #[arg(long, value_enum)]
        until: Option<Stage>,
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Counts by type: articles, entities, events by PLOVER type, positions.
    ///
    /// Example: newsgraph stats --store news.db --format json
    Stats {
        #[command(flatten)]
        store: StoreArg,
        /// table (aligned counts) or json (one object, name → count).
        #[arg(long, value_enum, default_value = "table")]
        format: StatsFormat,
    },
    /// Serve the store as a read-only SPARQL 1.1 endpoint: queries at
    /// /sparql (GET ?query=, POST as application/sparql-query or a form; the
    /// format by Accept or format=), graph reads at /store?graph=IRI, the
    /// service description at /sparql without a query, and a browser view at
    /// / (query editor with the canned queries, entity pages with a graph,
    /// event pages with the evidence). New ingests are seen without a
    /// restart; updates are refused.
    ///
    /// Example: newsgraph serve --store news.db --bind 127.0.0.1:7878 --timeout 10 --cors
    ///
    /// then: curl -H 'Accept: text/csv' --data-urlencode 'query=ASK { ?s ?p ?o }' \
    ///         http://127.0.0.1:7878/sparql
    ///   or: open http://127.0.0.1:7878/?example=who-met-whom in a browser
    #[command(verbatim_doc_comment)]
    Serve {
        #[command(flatten)]
        store: StoreArg,
        /// Address to listen on (port 0: any free port, printed at start).
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
        bind: String,
        /// Stop a query after this many seconds (answer included) with 503.
        #[arg(long, default_value_t = 30.0, value_name = "SECS")]
        timeout: f64,
        /// Queries evaluated at the same time; more wait for a free worker.
        #[arg(long, default_value_t = 8, value_name = "N")]
        workers: usize,
        /// Largest request body in bytes (a POSTed query); beyond, 413.
        #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
        max_body: usize,
        /// Open connections at most; beyond, new ones get 503.
        #[arg(long, default_value_t = 1024, value_name = "N")]
        max_connections: usize,
        /// Close a connection that sends no request for this many seconds.
        #[arg(long, default_value_t = 15.0, value_name = "SECS")]
        idle_timeout: f64,
        /// Cut SELECT and CONSTRUCT answers after this many rows (still a
        /// valid document; logged, and marked by the header
        /// x-newsgraph-truncated when the answer is under 64 KiB); no limit
        /// by default.
        #[arg(long, value_name = "N")]
        max_rows: Option<u64>,
        /// Stop the oldest running query (503) when the server's resident
        /// memory passes this many MiB; 0: no limit.
        #[arg(long, default_value_t = 2048, value_name = "MIB")]
        max_memory: u64,
        /// Allow cross-origin requests (Access-Control-Allow-Origin: *).
        #[arg(long)]
        cors: bool,
        /// Make the default graph the union of all graphs (else it is the
        /// store's own default graph, empty after `ingest`; a request may
        /// still pass default-graph-uri or union-default-graph).
        #[arg(long)]
        union_default_graph: bool,
        /// Keep complete answers to /sparql queries in memory, up to this
        /// many MiB in all (least recently used out first; an answer over an
        /// eighth of it is not kept; at most half of --max-memory); 0: no
        /// cache. A change of the store (an ingest) empties it. Answers carry
        /// an ETag and Cache-Control: no-cache, so a client may revalidate
        /// with If-None-Match (304 while the store is unchanged); the header
        /// x-cache tells a hit from a miss.
        #[arg(long, default_value_t = 256, value_name = "MIB")]
        cache_mb: usize,
        /// Compute the canned queries (queries/, embedded) into the cache in
        /// the background at start and after each change of the store, as
        /// plain clients and the browser view ask for them.
        #[arg(long)]
        warm: bool,
    },
    /// Load RDF (any standard format, by extension) into the store.
    ///
    /// Each file is loaded in one transaction. `-` reads standard input, in
    /// the format given by --format. Examples: `newsgraph load --store
    /// news.db more.nq`, `newsgraph extract a.txt | newsgraph load --store
    /// news.db --format nquads -`.
    Load {
        #[command(flatten)]
        store: StoreArg,
        /// The format of `-` (or of every file, whatever its extension):
        /// nquads, trig, turtle, ntriples, rdfxml or jsonld.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<ExportFormat>,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    Push(push::PushArgs),
    /// Score the graph against gold readings: precision, recall and F1 of
    /// entities, positions, relations and PLOVER events.
    ///
    /// A gold reading is a JSON file per article (examples: `seeds/gold`):
    /// `doc` (the article's file name), `entities` [{id, name, type: Person,
    /// Organization or Place, aliases, wikidata}], `positions` [{person, role,
    /// org}], `relations` [{s, p, o}], `events` [{type, actors, recipients,
    /// place, date}], and optionally `ignore` (names only in bylines) and
    /// `layers` (which of entities, positions, relations, events it annotates).
    /// Graph nodes match gold entities by folded name or Wikidata id; the rest
    /// is compared as tuples of matched ids. Rules and figures are those of
    /// the project's reference scorer (tests/data/README.md). The graph is the store, or RDF files given
    /// with --graph (format by extension: .nq .trig .ttl .nt .rdf .jsonld).
    /// Exit status: 0 scored, 1 below a --min-* floor, 2 bad input.
    #[command(after_long_help = "Examples:
  newsgraph ingest seeds && newsgraph score --gold seeds/gold --per-doc
  newsgraph score --graph dump.nq --gold seeds/gold --format json --min-entity-f1 0.95")]
    Score(ScoreArgs),
    /// Train and evaluate the entity tagger (`newsgraph ner eval --help`: examples).
    #[command(subcommand)]
    Ner(ner::NerCommand),
    /// Train and evaluate the UPOS tagger, lemmatiser and dependency parser
    /// (`newsgraph parse train --help`: examples).
    #[command(subcommand)]
    Parse(parse::ParseCommand),
    /// Train and evaluate the event detector (`newsgraph events eval --help`: examples).
    #[command(subcommand)]
    Events(events::EventsCommand),
    Completions(docs::CompletionsArgs),
    Man(docs::ManArgs),
}

#[derive(Args)]
struct ScoreArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Score these RDF files instead of the store.
    #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with = "store")]
    graph: Vec<PathBuf>,
    /// The gold readings: a folder of *.json, or one file.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// More RDF read with the graph, e.g. rdfs:subClassOf declarations.
    #[arg(long, value_name = "FILE")]
    ontology: Vec<PathBuf>,
    /// Also print a table per gold document.
    #[arg(long)]
    per_doc: bool,
    /// Print tables, or one JSON object with every figure.
    #[arg(long, value_enum, default_value = "table")]
    format: newsgraph::score::ScoreFormat,
    /// Exit 1 when the overall typed entity F1 is below X.
    #[arg(long, value_name = "X")]
    min_entity_f1: Option<f64>,
    /// Exit 1 when the overall typed event F1 is below X.
    #[arg(long, value_name = "X")]
    min_event_f1: Option<f64>,
}

/// The output of `stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum StatsFormat {
    Table,
    Json,
}

/// A `--lang` value: `fr` or `en`.
pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("unsupported language {s:?} (fr, en)"))
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Write a trained model file; its size in MB, for the closing message.
fn write_model(path: &Path, bytes: &[u8]) -> Result<f64> {
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(bytes.len() as f64 / 1e6)
}

fn main() -> ExitCode {
    newsgraph::memory::keep_large_blocks_mapped();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed pipe (`| head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn pipeline(args: &ArticleArgs) -> Result<Pipeline> {
    newsgraph::read::set_max_article_bytes(args.max_article_bytes);
    let mut p = Pipeline::new()?;
    if args.no_model {
        p = p.without_models();
    }
    for path in &args.model {
        let bytes =
            std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let model = newsgraph::ner::NerModel::from_bytes(&bytes)
            .with_context(|| format!("{}: not a tagger model", path.display()))?;
        p = p.with_model(model);
    }
    for path in &args.parse_model {
        p = p.with_syntax_model(parse::load_model(path)?);
    }
    Ok(p)
}

/// An existing store, read-only (several readers may share it); one being
/// created by another process is waited for a moment.
fn open_existing(store: &StoreArg) -> Result<GraphStore> {
    GraphStore::open_read_only(&store.store)
}

fn output(path: &Option<PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn run(cli: Cli) -> Result<()> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Ingest {
            store,
            article,
            force,
            jobs,
            paths,
        } => {
            let pipeline = pipeline(&article)?;
            let graph = GraphStore::open(&store.store)?;
            let options = IngestOptions {
                defaults: ArticleDefaults {
                    lang: article.lang,
                    date: article.date,
                },
                force,
                progress: !quiet,
                jobs,
            };
            let mut summary = ingest(&pipeline, &graph, &paths, &options)?;
            if !quiet {
                summary.store = graph.totals()?;
                eprintln!("newsgraph: {summary}");
            }
            if summary.failed > 0 {
                bail!("{} input(s) failed; see the messages above", summary.failed);
            }
        }
        Command::Query {
            store,
            file,
            execute,
            format,
            cache_mb,
        } => {
            let text = match (execute, file) {
                (Some(q), _) => q,
                (None, Some(p)) if p.as_os_str() == "-" => {
                    let mut s = String::new();
                    io::stdin()
                        .read_to_string(&mut s)
                        .context("stdin: cannot read")?;
                    s
                }
                (None, Some(p)) => std::fs::read_to_string(&p)
                    .with_context(|| format!("{}: cannot read", p.display()))?,
                (None, None) => bail!("give a query file or -e 'SPARQL'"),
            };
            let cache = query::cache::AnswerCache::default_location(cache_mb);
            query::answer(&store.store, &text, format, cache.as_ref(), output(&None)?)?;
        }
        Command::Export {
            store,
            format,
            graph,
            output: path,
            events_as_nodes,
            label_lang,
            filter,
        } => {
            let format = format
                .or_else(|| path.as_deref().and_then(ExportFormat::from_extension))
                .unwrap_or(ExportFormat::Nquads);
            let store = open_existing(&store)?;
            let graph = match graph {
                Some(g) if g.contains("://") => Some(
                    oxigraph::model::NamedNode::new(&g)
                        .with_context(|| format!("{g}: not an IRI"))?,
                ),
                Some(g) => Some(article_iri(&g)),
                None => None,
            };
            if let Some(g) = &graph {
                if !store.has_graph(g.as_ref())? {
                    let wanted = g.as_str().strip_prefix(ARTICLE_BASE).unwrap_or(g.as_str());
                    let close = store.close_article_ids(wanted, 5)?;
                    if close.is_empty() {
                        bail!("{g}: no such article graph in the store");
                    }
                    bail!(
                        "{g}: no such article graph in the store; close: {}",
                        close.join(", ")
                    );
                }
            }
            let options = ExportOptions {
                graph,
                events_as_nodes,
                label_lang: label_lang.map(|l| l.code().to_string()),
                filter,
            };
            export::export(&store, format, &options, path.as_deref())?;
        }
        Command::Extract {
            article,
            format,
            until,
            file,
        } => {
            let pipeline = pipeline(&article)?;
            let defaults = ArticleDefaults {
                lang: article.lang,
                date: article.date,
            };
            extract::run(&pipeline, &defaults, format, until, &file)?;
        }
        Command::Stats { store, format } => {
            let store = open_existing(&store)?;
            let stats = store.stats()?;
            let mut out = output(&None)?;
            match format {
                StatsFormat::Table => {
                    for (name, n) in stats {
                        writeln!(out, "{n:>8}  {name}")?;
                    }
                }
                StatsFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &stats)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
        }
        Command::Serve {
            store,
            bind,
            timeout,
            workers,
            max_body,
            max_connections,
            idle_timeout,
            max_rows,
            max_memory,
            cors,
            union_default_graph,
            cache_mb,
            warm,
        } => {
            drop(open_existing(&store)?);
            let seconds = |s: f64, flag: &str| {
                if s.is_finite() && s > 0.0 && s < 1e9 {
                    Ok(std::time::Duration::from_secs_f64(s))
                } else {
                    Err(anyhow::anyhow!(
                        "--{flag} {s}: give a positive number of seconds"
                    ))
                }
            };
            let options = newsgraph::serve::ServeOptions {
                bind,
                timeout: seconds(timeout, "timeout")?,
                workers,
                max_body,
                max_connections,
                idle_timeout: seconds(idle_timeout, "idle-timeout")?,
                max_rows,
                max_memory: (max_memory > 0).then(|| max_memory.saturating_mul(1 << 20)),
                cors,
                union_default_graph,
                cache_bytes: cache_mb.saturating_mul(1 << 20),
                warm,
            };
            newsgraph::serve::serve(&store.store, options)?;
        }
        Command::Load {
            store,
            format,
            files,
        } => {
            let given = match format {
                Some(f) => Some(f.rdf().with_context(|| {
                    "--format: load reads RDF: nquads, trig, turtle, ntriples, rdfxml or jsonld"
                })?),
                None => None,
            };
            let graph = GraphStore::open(&store.store)?;
            for f in files {
                let shown = newsgraph::read::printable_path(&f);
                let stdin = f.as_os_str() == "-";
                let format = match given {
                    Some(format) => format,
                    None if stdin => bail!("-: give the format of standard input with --format"),
                    None => oxigraph::io::RdfFormat::from_extension(
                        f.extension().and_then(|e| e.to_str()).unwrap_or(""),
                    )
                    .with_context(|| format!("{shown}: unknown RDF extension; give --format"))?,
                };
                let input: Box<dyn Read> = if stdin {
                    Box::new(io::stdin().lock())
                } else {
                    Box::new(File::open(&f).with_context(|| format!("{shown}: cannot open"))?)
                };
                graph
                    .load(format, io::BufReader::new(input))
                    .with_context(|| shown.clone())?;
            }
            graph.finish()?;
            if !quiet {
                eprintln!("newsgraph: the store holds {} quads", graph.quad_count()?);
            }
        }
        Command::Push(args) => push::run(args, quiet)?,
        Command::Score(args) => score(args)?,
        Command::Ner(cmd) => ner::run(cmd)?,
        Command::Parse(cmd) => parse::run(cmd)?,
        Command::Events(cmd) => events::run(cmd)?,
        Command::Completions(args) => docs::completions(args, Cli::command())?,
        Command::Man(args) => docs::man(args, Cli::command())?,
    }
    Ok(())
}

/// `newsgraph score`: the report on stdout; below a floor, say which and exit 1.
fn score(args: ScoreArgs) -> Result<()> {
    use newsgraph::score::{load_gold, Graph, ScoreFormat};
    let golds = load_gold(&args.gold)?;
    let graph = Graph::new()?;
    if args.graph.is_empty() {
        graph.load_store(&open_existing(&args.store)?)?;
    }
    for path in args.graph.iter().chain(&args.ontology) {
        graph.load_file(path)?;
    }
    let report = graph.score(&golds)?;
    let mut out = output(&None)?;
    match args.format {
        ScoreFormat::Table => writeln!(out, "{}", report.to_text(args.per_doc))?,
        ScoreFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    out.flush()?;
    drop(out);
    let failures = report.floor_failures(args.min_entity_f1, args.min_event_f1);
    for failure in &failures {
        eprintln!("newsgraph: {failure}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}
