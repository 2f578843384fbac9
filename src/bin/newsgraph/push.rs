//! `newsgraph push`: the store's graphs to another triple store (SPARQL 1.1
//! Graph Store Protocol), one PUT per graph.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use newsgraph::push::{parse_since, parse_user, push, Auth, PushOptions};

/// Send the store's graphs to another triple store (SPARQL 1.1 Graph Store Protocol).
///
/// Every named graph (each article, the entities, the happenings) goes in
/// one `PUT URL?graph=IRI`, as N-Triples, so pushing again replaces each
/// graph instead of doubling it. The local store is only read. A graph the
/// store refuses or cannot be sent is one line on stderr (the HTTP status and
/// the first line of the answer); the exit status is then 2.
///
/// Examples:
///   newsgraph push --store news.db --to http://localhost:7878/store
///   newsgraph push --store news.db --to http://localhost:3030/ds/data --user admin:pw
///   newsgraph push --store news.db --to http://localhost:8890/sparql-graph-crud-auth --user dba:dba
///   newsgraph push --store news.db --to https://kg.example.org/store --token "$TOKEN" --since 2024-05-01
#[derive(Args)]
#[command(verbatim_doc_comment)]
pub struct PushArgs {
    /// The store folder (oxigraph, on disk).
    #[arg(long, default_value = "newsgraph.db", value_name = "DIR")]
    store: PathBuf,
    /// The Graph Store Protocol endpoint (oxigraph: /store, Fuseki:
    /// /DATASET/data, Virtuoso: /sparql-graph-crud).
    #[arg(long, value_name = "URL")]
    to: String,
    /// HTTP basic authentication, or Digest when the store asks for it (Virtuoso).
    #[arg(long, value_name = "USER:PASS", value_parser = parse_user, conflicts_with = "token")]
    user: Option<Auth>,
    /// A bearer token (Authorization: Bearer T).
    #[arg(long, value_name = "T")]
    token: Option<String>,
    /// Only the articles ingested or changed at or after this date
    /// (YYYY-MM-DD, midnight UTC) or time (2024-05-01T12:00:00Z); the
    /// entities and happenings graphs are always sent.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    since: Option<chrono::DateTime<chrono::Utc>>,
    /// Graphs sent at the same time (one connection each).
    #[arg(long, short = 'j', default_value_t = 4, value_name = "N")]
    jobs: usize,
    /// Give up on a graph after this many seconds.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    timeout: f64,
}

pub fn run(args: PushArgs, quiet: bool) -> Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout < 1e9) {
        bail!(
            "--timeout {}: give a positive number of seconds",
            args.timeout
        );
    }
    let store = newsgraph::store::GraphStore::open_read_only(&args.store)?;
    let options = PushOptions {
        to: args.to,
        auth: args.user.or(args.token.map(Auth::Bearer)),
        since: args.since,
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        jobs: args.jobs.max(1),
        progress: !quiet,
    };
    let summary = push(&store, &options, &|line| eprintln!("newsgraph: {line}"))?;
    if !quiet {
        eprintln!("newsgraph: {summary}");
    }
    if summary.failed > 0 {
        bail!(
            "{} of {} graphs not pushed; see the messages above",
            summary.failed,
            summary.failed + summary.graphs
        );
    }
    Ok(())
}
