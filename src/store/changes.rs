//! The store's change log: when each named graph was last written (by
//! `ingest` or `load`), for `push --since`. One line per graph written,
//! `TIME<TAB>IRI`, TIME in RFC 3339 (UTC, seconds), appended after the
//! write is committed; the last line of a graph wins. A graph the log does not
//! name (written by an older newsgraph, or the log lost) counts as changed at
//! an unknown time, so `push --since` sends it rather than miss it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
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
        let mut append = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .read(true)
                .append(true)
                .open(&path)?;
            // A line cut short by a crash must not swallow the first new one.
            let len = f.metadata()?.len();
            if len > 0 {
                let mut last = [0u8];
                f.seek(SeekFrom::Start(len - 1))?;
                f.read_exact(&mut last)?;
                if last[0] != b'\n' {
                    lines.insert(0, '\n');
                }
            }
            f.write_all(lines.as_bytes())
        };
        append().with_context(|| format!("{}: cannot record the change times", path.display()))
    }

    /// Rewrite the log with one line per graph when most of its lines are
    /// outdated (graphs written again), so that it does not grow with every
    /// re-ingest. Only a writer calls it (it holds the store's lock); the
    /// new log replaces the old one in one rename, so a reader sees either.
    #[cfg(feature = "rocksdb")]
    pub(super) fn compact_changes(&self) -> Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let path = dir.join(CHANGES_FILE);
        let lines = match std::fs::File::open(&path) {
            Ok(f) => BufReader::new(f).lines().count(),
            Err(_) => return Ok(()),
        };
        let times = self.change_times()?;
        if lines <= 2 * times.len() + 1000 {
            return Ok(());
        }
        let mut latest: Vec<(&String, &DateTime<Utc>)> = times.iter().collect();
        latest.sort();
        let mut text = String::new();
        for (iri, time) in latest {
            text.push_str(&time.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            text.push('\t');
            text.push_str(iri);
            text.push('\n');
        }
        let tmp = dir.join(format!("{CHANGES_FILE}.tmp"));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .with_context(|| format!("{}: cannot rewrite", path.display()))
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

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_latest_time_and_is_compacted() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let store = GraphStore::open(&db).unwrap();
        let a = NamedNode::new_unchecked("https://w3id.org/newsgraph/article/a");
        let b = NamedNode::new_unchecked("https://w3id.org/newsgraph/article/b");
        for _ in 0..1500 {
            store.record_changed([&a, &b]).unwrap();
        }
        // A line cut short by a crash is ignored.
        std::fs::OpenOptions::new()
            .append(true)
            .open(db.join(CHANGES_FILE))
            .unwrap()
            .write_all(b"2031-01-0")
            .unwrap();
        let times = store.change_times().unwrap();
        assert_eq!(times.len(), 2);
        // The next write starts on a line of its own.
        let c = NamedNode::new_unchecked("https://w3id.org/newsgraph/article/c");
        store.record_changed([&c]).unwrap();
        let times = store.change_times().unwrap();
        assert_eq!(times.len(), 3);
        drop(store);
        // A writer opening the store rewrites it: one line per graph, same times.
        let store = GraphStore::open(&db).unwrap();
        let log = std::fs::read_to_string(db.join(CHANGES_FILE)).unwrap();
        assert_eq!(log.lines().count(), 3, "{log}");
        assert_eq!(store.change_times().unwrap(), times);
        // An in-memory store keeps no log.
        let memory = GraphStore::in_memory().unwrap();
        memory.record_changed([&a]).unwrap();
        assert!(memory.change_times().unwrap().is_empty());
    }
}
