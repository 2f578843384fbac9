//! The store's change log: when each named graph was last written (by
//! `ingest` or `load`), for `push --since`. One line per graph written,
//! `TIME<TAB>IRI`, TIME in RFC 3339 (UTC, seconds), appended after the
//! write is committed; the last line of a graph wins. A graph the log does not
//! name (written by an older newsgraph, or the log lost) counts as changed at
//! an unknown time, so `push --since` sends it rather than miss it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use oxigraph::model::NamedNode;

use super::GraphStore;

/// The change log's file name, in the store folder beside RocksDB's files
/// (RocksDB leaves files it does not know alone).
pub const CHANGES_FILE: &str = "newsgraph-changes.tsv";

/// Now, to the second.
fn now() -> DateTime<Utc> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0).unwrap_or_default()
}

impl GraphStore {
    /// Note that `graphs` were just written (committed). An in-memory store
    /// keeps no log. A failure is an error: an older line would otherwise
    /// make a changed graph look unchanged.
    pub fn record_changed<'a>(
        &self,
        graphs: impl IntoIterator<Item = &'a NamedNode>,
    ) -> Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let time = now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut lines = String::new();
        for g in graphs {
            lines.push_str(&time);
            lines.push('\t');
            lines.push_str(g.as_str());
            lines.push('\n');
        }
        if lines.is_empty() {
            return Ok(());
        }
        let path = dir.join(CHANGES_FILE);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(lines.as_bytes()))
            .with_context(|| format!("{}: cannot record the change times", path.display()))
    }

    /// When each graph the log names was last written. Malformed lines (a
    /// write cut short) are ignored: their graphs count as of unknown time.
    pub fn change_times(&self) -> Result<HashMap<String, DateTime<Utc>>> {
        let mut times = HashMap::new();
        let Some(dir) = &self.dir else {
            return Ok(times);
        };
        let path = dir.join(CHANGES_FILE);
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(times),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
        };
        for line in BufReader::new(file).lines() {
            let line = line.with_context(|| format!("{}: cannot read", path.display()))?;
            let Some((time, iri)) = line.split_once('\t') else {
                continue;
            };
            let Ok(time) = DateTime::parse_from_rfc3339(time) else {
                continue;
            };
            let time = time.with_timezone(&Utc);
            let t = times.entry(iri.to_string()).or_insert(time);
            *t = (*t).max(time);
        }
        Ok(times)
    }
}
