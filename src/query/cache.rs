//! The answer cache of `newsgraph query`: the exact output of a query
//! (its bytes, in the format asked for) kept on disk, keyed by the store's
//! folder, the store's version ([`crate::store::version::fingerprint`]), the
//! query text, the format and this program's version. Asked again on the
//! same store, with nothing written since, the query is answered from the
//! file without opening the store: a scripted or repeated question costs
//! milliseconds instead of the seconds a large store takes to compute it.
//! Any write to the store (an `ingest`, a `load`) changes its version, so a
//! kept answer is never served for a store it was not computed on.
//!
//! The files live in `$NEWSGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/newsgraph/
//! answers`, else `~/.cache/newsgraph/answers`; an answer is written beside
//! its final name and renamed into place once complete, so a crash or an
//! interrupted query never leaves half an answer; the least recently used
//! answers go first once the folder holds more than its budget. A folder
//! that cannot be written only means no answer is kept.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// An answer larger than the budget divided by this is not kept.
const ENTRY_FRACTION: u64 = 8;

/// The folder of kept answers and its byte budget.
pub struct AnswerCache {
    dir: PathBuf,
    budget: u64,
}

impl AnswerCache {
    /// The cache in its default folder (see the module's doc), holding at
    /// most `budget_mb` MiB; None when the budget is 0 or no folder is known.
    pub fn default_location(budget_mb: u64) -> Option<AnswerCache> {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dir = var("NEWSGRAPH_CACHE_DIR")
            .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("newsgraph/answers")))
            .or_else(|| var("HOME").map(|d| d.join(".cache/newsgraph/answers")))?;
        AnswerCache::at(dir, budget_mb)
    }

    /// The cache in `dir`, holding at most `budget_mb` MiB; None for 0.
    pub fn at(dir: PathBuf, budget_mb: u64) -> Option<AnswerCache> {
        (budget_mb > 0).then_some(AnswerCache {
            dir,
            budget: budget_mb.saturating_mul(1 << 20),
        })
    }

    /// The name of an answer: the store's folder (as given and made
    /// absolute), its version, the query, the format, this program's version.
    pub fn key(store: &Path, fingerprint: u64, query: &str, format: &str) -> String {
        let store = std::path::absolute(store).unwrap_or_else(|_| store.to_path_buf());
        let mut h = Sha256::new();
        for part in [
            env!("CARGO_PKG_VERSION").as_bytes(),
            store.as_os_str().as_encoded_bytes(),
            &fingerprint.to_le_bytes(),
            query.as_bytes(),
            format.as_bytes(),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        format!("{:x}", h.finalize())
    }

    /// The kept answer of `key`, if any (and marks it used now).
    pub fn get(&self, key: &str) -> Option<File> {
        let file = File::open(self.dir.join(key)).ok()?;
        // A hit counts as a use: the least recently used go first (the
        // owner may set the time through a handle opened for reading).
        let _ = file.set_modified(SystemTime::now());
        Some(file)
    }

    /// Where to write the answer of `key` while it is computed; None if the
    /// folder cannot be written (then nothing is kept).
    pub fn pending(&self, key: &str) -> Option<Pending> {
        fs::create_dir_all(&self.dir).ok()?;
        let tmp = self
            .dir
            .join(format!(".{key}.{}.partial", std::process::id()));
        let file = File::create(&tmp).ok()?;
        Some(Pending {
            file: Some(BufWriter::new(file)),
            tmp,
            done: self.dir.join(key),
            written: 0,
            limit: self.budget / ENTRY_FRACTION,
        })
    }

    /// Remove the least recently used answers until the folder holds at
    /// most the budget (answers being written by others are left alone).
    fn evict(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(SystemTime, u64, PathBuf)> = entries
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                Some((meta.modified().ok()?, meta.len(), e.path()))
            })
            .collect();
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        files.sort();
        for (_, len, path) in files {
            if total <= self.budget {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }
}

/// An answer being written: kept by [`Pending::keep`] once complete,
/// dropped (its file removed) otherwise or when larger than an entry may be.
pub struct Pending {
    file: Option<BufWriter<File>>,
    tmp: PathBuf,
    done: PathBuf,
    written: u64,
    limit: u64,
}

impl Pending {
    /// Keep the answer written (the whole output of a successful query).
    pub fn keep(mut self, cache: &AnswerCache) {
        let Some(file) = self.file.take() else {
            return;
        };
        let kept = file
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&self.tmp, &self.done));
        if kept.is_ok() {
            cache.evict();
        }
    }

    fn write(&mut self, buf: &[u8]) {
        self.written += buf.len() as u64;
        let over = self.written > self.limit;
        if let Some(file) = &mut self.file {
            if over || file.write_all(buf).is_err() {
                self.file = None;
                let _ = fs::remove_file(&self.tmp);
            }
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Kept: renamed already, nothing to remove; else the partial file goes.
        let _ = fs::remove_file(&self.tmp);
    }
}

/// Writes to the output and copies what it writes into the pending answer.
pub struct Tee<'a, W: Write> {
    pub out: W,
    pub copy: Option<&'a mut Pending>,
}

impl<W: Write> Write for Tee<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        if let Some(copy) = &mut self.copy {
            copy.write(&buf[..n]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn read(mut f: File) -> String {
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn an_answer_is_kept_whole_and_found_under_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AnswerCache::at(dir.path().join("answers"), 1).unwrap();
        let key = AnswerCache::key(Path::new("news.db"), 7, "ASK {}", "table");
        assert!(cache.get(&key).is_none());
        let mut pending = cache.pending(&key).unwrap();
        let mut out = Vec::new();
        {
            let mut tee = Tee {
                out: &mut out,
                copy: Some(&mut pending),
            };
            tee.write_all(b"yes\n").unwrap();
        }
        // Not complete yet: nothing to find.
        assert!(cache.get(&key).is_none());
        pending.keep(&cache);
        assert_eq!(out, b"yes\n");
        assert_eq!(read(cache.get(&key).unwrap()), "yes\n");
        for other in [
            AnswerCache::key(Path::new("news.db"), 8, "ASK {}", "table"),
            AnswerCache::key(Path::new("other.db"), 7, "ASK {}", "table"),
            AnswerCache::key(Path::new("news.db"), 7, "ASK { }", "table"),
            AnswerCache::key(Path::new("news.db"), 7, "ASK {}", "csv"),
        ] {
            assert_ne!(other, key);
            assert!(cache.get(&other).is_none());
        }
    }

    #[test]
    fn a_failed_or_oversized_answer_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AnswerCache::at(dir.path().to_path_buf(), 1).unwrap();
        // Dropped before `keep` (the query failed half way).
        let mut pending = cache.pending("a").unwrap();
        pending.write(b"half");
        drop(pending);
        assert!(cache.get("a").is_none());
        // Over an eighth of the budget.
        let mut pending = cache.pending("b").unwrap();
        pending.write(&vec![b'x'; (1 << 20) / 8 + 1]);
        pending.keep(&cache);
        assert!(cache.get("b").is_none());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no file left behind"
        );
    }

    #[test]
    fn the_least_recently_used_answers_go_first() {
        let dir = tempfile::tempdir().unwrap();
        let cache = AnswerCache::at(dir.path().to_path_buf(), 1).unwrap();
        let entry = vec![b'x'; 100_000];
        for i in 0..12 {
            let mut pending = cache.pending(&format!("k{i}")).unwrap();
            pending.write(&entry);
            pending.keep(&cache);
            std::thread::sleep(std::time::Duration::from_millis(20));
            if i == 9 {
                // Ten answers, within the budget; k0 is read again: now
                // among the most recent.
                assert!(cache.get("k0").is_some());
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        let total: u64 = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(total <= 1 << 20, "{total}");
        assert!(cache.get("k0").is_some(), "used recently");
        assert!(cache.get("k1").is_none(), "the oldest unused went first");
        assert!(cache.get("k11").is_some());
    }
}
