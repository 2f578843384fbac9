//! The result cache: the exact bytes of complete, successful `/sparql`
//! answers, keyed by the store's version, the query text, the dataset
//! parameters and the negotiated format; least recently used first out,
//! within a byte budget (`--cache-mb`). A new version of the store (an
//! `ingest`) empties it. Also the answers' validators: an `ETag` from the
//! store's fingerprint and the request key, and `If-None-Match` matching.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use sha2::{Digest, Sha256};

/// An answer larger than the budget divided by this is not kept.
pub const ENTRY_FRACTION: usize = 8;

/// Bytes counted for an entry besides its body and key (maps, headers).
const OVERHEAD: usize = 256;

/// What a request asked for, besides the store's version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The query as sent.
    pub text: String,
    /// default-graph-uri, named-graph-uri, union-default-graph, canonical.
    pub dataset: String,
    /// The negotiated media type of the answer.
    pub format: &'static str,
}

/// A kept answer: its bytes, media type and extra headers.
pub struct Answer {
    pub body: Bytes,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
}

struct Entry {
    answer: Arc<Answer>,
    tick: u64,
    size: usize,
}

#[derive(Default)]
struct Inner {
    /// The store's generation the entries belong to (it only grows).
    generation: u64,
    map: HashMap<Key, Entry>,
    /// Entries by last use, oldest first.
    order: BTreeMap<u64, Key>,
    used: usize,
    tick: u64,
}

impl Inner {
    /// Move to `generation` if it is newer (dropping every entry); false
    /// if it is older than the entries held.
    fn follow(&mut self, generation: u64) -> bool {
        if generation > self.generation {
            self.map.clear();
            self.order.clear();
            self.used = 0;
            self.generation = generation;
        }
        generation == self.generation
    }
}

pub struct Cache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl Cache {
    /// A cache of at most `budget` bytes; 0 keeps nothing.
    pub fn new(budget: usize) -> Cache {
        Cache {
            budget,
            inner: Mutex::default(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The largest answer kept, in bytes.
    pub fn max_entry(&self) -> usize {
        self.budget / ENTRY_FRACTION
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer kept for `key` at the store's `generation`.
    pub fn get(&self, generation: u64, key: &Key) -> Option<Arc<Answer>> {
        if !self.enabled() {
            return None;
        }
        let mut inner = self.lock();
        if !inner.follow(generation) {
            return None;
        }
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.map.get_mut(key)?;
        let old = std::mem::replace(&mut entry.tick, tick);
        let answer = entry.answer.clone();
        if let Some(k) = inner.order.remove(&old) {
            inner.order.insert(tick, k);
        }
        Some(answer)
    }

    /// Keep `answer` for `key` at `generation`, evicting the least recently
    /// used entries to stay within the budget. An answer too large, or of an
    /// older generation than the entries held, is not kept.
    pub fn put(&self, generation: u64, key: Key, answer: Answer) {
        let size = answer.body.len()
            + key.text.len()
            + key.dataset.len()
            + answer
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len())
                .sum::<usize>()
            + OVERHEAD;
        if !self.enabled() || size > self.max_entry() {
            return;
        }
        let mut inner = self.lock();
        if !inner.follow(generation) {
            return;
        }
        if let Some(old) = inner.map.remove(&key) {
            inner.order.remove(&old.tick);
            inner.used -= old.size;
        }
        while inner.used + size > self.budget {
            let Some((_, oldest)) = inner.order.pop_first() else {
                break;
            };
            if let Some(e) = inner.map.remove(&oldest) {
                inner.used -= e.size;
            }
        }
        inner.tick += 1;
        let tick = inner.tick;
        inner.order.insert(tick, key.clone());
        inner.map.insert(
            key,
            Entry {
                answer: Arc::new(answer),
                tick,
                size,
            },
        );
        inner.used += size;
    }

    /// Drop every entry; the bytes they counted.
    pub fn clear(&self) -> usize {
        let mut inner = self.lock();
        let used = inner.used;
        inner.map.clear();
        inner.order.clear();
        inner.used = 0;
        used
    }

    /// Bytes held now.
    pub fn used(&self) -> usize {
        self.lock().used
    }
}

/// The answer's entity tag: the store's fingerprint, the request key and
/// `salt` (what else shapes answers: server options, this program's version).
pub fn etag(fingerprint: u64, key: &Key, salt: &str) -> String {
    let mut h = Sha256::new();
    h.update(fingerprint.to_le_bytes());
    for part in [salt, &key.text, &key.dataset, key.format] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"ng-{hex}\"")
}

/// Whether an `If-None-Match` header names `tag` (weak comparison, as for GET).
pub fn none_match(header: &str, tag: &str) -> bool {
    let tag = tag.trim_start_matches("W/");
    header
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: usize) -> Key {
        Key {
            text: format!("SELECT * WHERE {{ ?s ?p {i} }}"),
            dataset: String::new(),
            format: "text/csv",
        }
    }

    fn answer(len: usize) -> Answer {
        Answer {
            body: Bytes::from(vec![b'x'; len]),
            content_type: "text/csv",
            headers: Vec::new(),
        }
    }

    #[test]
    fn stays_within_budget_and_evicts_least_recently_used() {
        let cache = Cache::new(64 * 1024);
        for i in 0..100 {
            cache.put(1, key(i), answer(3000 + i * 37));
            assert!(cache.used() <= 64 * 1024, "{} after {i}", cache.used());
        }
        // The latest are there, the first went out.
        assert!(cache.get(1, &key(99)).is_some());
        assert!(cache.get(1, &key(0)).is_none());
        // A use keeps an entry: 80 is used, then new entries push out 81, not 80.
        let kept: Vec<usize> = (0..100)
            .filter(|i| cache.get(1, &key(*i)).is_some())
            .collect();
        let first = kept[0];
        assert!(cache.get(1, &key(first)).is_some());
        cache.put(1, key(1000), answer(4000));
        cache.put(1, key(1001), answer(4000));
        assert!(cache.get(1, &key(first)).is_some(), "{first} was just used");
        assert!(cache.get(1, &key(first + 1)).is_none());
        assert!(cache.used() <= 64 * 1024);
    }

    #[test]
    fn large_answers_older_generations_and_a_zero_budget_are_not_kept() {
        let cache = Cache::new(80_000);
        cache.put(1, key(0), answer(80_000 / ENTRY_FRACTION + 1));
        assert!(cache.get(1, &key(0)).is_none());
        cache.put(2, key(1), answer(100));
        assert!(cache.get(2, &key(1)).is_some());
        // An answer of the older version, finished late, is dropped.
        cache.put(1, key(2), answer(100));
        assert!(cache.get(1, &key(2)).is_none() && cache.get(2, &key(2)).is_none());
        // A newer version empties the cache.
        assert!(cache.get(3, &key(1)).is_none());
        assert_eq!(cache.used(), 0);
        cache.put(3, key(1), answer(100));
        assert!(cache.used() > 0);
        assert!(cache.clear() > 0 && cache.used() == 0);
        let off = Cache::new(0);
        off.put(1, key(0), answer(1));
        assert!(off.get(1, &key(0)).is_none());
    }

    #[test]
    fn tags_follow_store_and_request_and_match_if_none_match() {
        let a = etag(1, &key(0), "s");
        assert_eq!(a, etag(1, &key(0), "s"));
        assert_ne!(a, etag(2, &key(0), "s"));
        assert_ne!(a, etag(1, &key(1), "s"));
        assert_ne!(a, etag(1, &key(0), "t"));
        let json = Key {
            format: "application/sparql-results+json",
            ..key(0)
        };
        assert_ne!(a, etag(1, &json, "s"));
        assert!(none_match(&a, &a));
        assert!(none_match(&format!("\"x\", W/{a}"), &a));
        assert!(!none_match("\"x\"", &a));
        assert!(!none_match("*", &a));
    }
}
