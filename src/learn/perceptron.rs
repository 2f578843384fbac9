//! A multiclass averaged perceptron over hashed features, the learner of every task
//! (UPOS tagger, lemmatiser, parser transitions, contraction splitter).
//!
//! Training ([`Trainer`]) keeps one dense row of class weights per feature hash,
//! allocated the first time the feature is updated, with the running-sum trick for
//! averaging (`avg = w - u / c`, Daumé 2006). [`Trainer::average`] turns it into the
//! compact [`Weights`] stored in model files: weights below a threshold are dropped,
//! the rest quantised to 16 bits and kept sparse (class, weight) per feature.

use super::hash::BuildIdentity;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The weights being learnt.
pub struct Trainer {
    nclass: usize,
    rows: HashMap<u64, u32, BuildIdentity>,
    w: Vec<f32>,
    u: Vec<f32>,
    /// Number of instances seen + 1.
    c: f32,
}

impl Trainer {
    pub fn new(nclass: usize) -> Trainer {
        Trainer {
            nclass,
            rows: HashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        }
    }

    pub fn nclass(&self) -> usize {
        self.nclass
    }

    /// Current (not averaged) scores of every class, written into `out` (len `nclass`).
    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        let n = self.nclass;
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.w[r as usize * n..r as usize * n + n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    fn row(&mut self, f: u64) -> usize {
        let n = self.nclass;
        let next = self.rows.len() as u32;
        let r = *self.rows.entry(f).or_insert(next);
        if r == next {
            self.w.resize(self.w.len() + n, 0.0);
            self.u.resize(self.u.len() + n, 0.0);
        }
        r as usize * n
    }

    /// Reward `good`, penalise `bad` on every feature, by `d`.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize, d: f32) {
        if good == bad {
            return;
        }
        let c = self.c;
        for &f in feats {
            let b = self.row(f);
            self.w[b + good] += d;
            self.u[b + good] += c * d;
            self.w[b + bad] -= d;
            self.u[b + bad] -= c * d;
        }
    }

    /// One instance seen (advance the averaging clock).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights: weights with |w| < `prune` dropped, the rest quantised
    /// to 16 bits (rows left empty are dropped).
    pub fn average(&self, prune: f32) -> Weights {
        let n = self.nclass;
        let c = self.c;
        let mut pairs: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        pairs.sort_unstable();
        let avg = |b: usize, j: usize| self.w[b + j] - self.u[b + j] / c;
        let mut max = 0f32;
        for &(_, r) in &pairs {
            for j in 0..n {
                let a = avg(r as usize * n, j);
                if a.is_finite() {
                    max = max.max(a.abs());
                }
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = WeightsFile {
            nclass: n as u32,
            scale,
            keys: Vec::new(),
            starts: vec![0],
            entries: Vec::new(),
        };
        for (k, r) in pairs {
            let b = r as usize * n;
            let before = out.entries.len();
            for j in 0..n {
                let a = avg(b, j);
                if !a.is_finite() || a.abs() < prune {
                    continue;
                }
                let q = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    out.entries.push(((j as u32) << 16) | (q as u16 as u32));
                }
            }
            if out.entries.len() > before {
                out.keys.push(k);
                out.starts.push(out.entries.len() as u32);
            }
        }
        Weights::from(out)
    }
}

/// One slot of the lookup table: the high half of a feature hash (never 0) and
/// where its row starts in `Weights::rows`.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u32,
    start: u32,
}

/// Averaged, pruned, sparse, 16-bit weights as a model file stores them: per feature
/// (sorted hashes), its entries `class << 16 | weight as i16`; a weight is `weight * scale`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct WeightsFile {
    nclass: u32,
    keys: Vec<u64>,
    /// `starts[i]..starts[i+1]` are feature `keys[i]`'s entries.
    starts: Vec<u32>,
    entries: Vec<u32>,
    scale: f32,
}

/// Averaged, pruned, sparse, 16-bit weights, laid out for scoring: an open-addressing
/// table of feature hashes pointing into the rows (serialised as a `WeightsFile`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "WeightsFile", into = "WeightsFile")]
pub struct Weights {
    pub nclass: u32,
    /// Feature hashes, sorted (kept to write the file back).
    keys: Vec<u64>,
    scale: f32,
    table: Vec<Slot>,
    /// Sparse rows as the table points to them: the number of entries, then the
    /// entries. (A slot whose start has the `DENSE` bit points to a dense row;
    /// one with the `INLINE` bit holds its only entry.)
    rows: Vec<u32>,
    /// Rows with many classes, expanded to `nclass` values each: adding them vectorises.
    dense: Vec<i16>,
    n_weights: usize,
    /// Number of features, kept when `keys` is released.
    n_features: usize,
    consistent: bool,
}

/// `Slot::start` flag of a dense row (the rest is its index in `Weights::dense`).
const DENSE: u32 = 1 << 31;
/// `Slot::start` flag of a row of one entry, kept in the slot itself (the rest
/// is the entry: a lookup then reads no row, and the row costs no memory).
const INLINE: u32 = 1 << 30;

#[inline(always)]
fn slot_of(f: u64, mask: usize) -> (usize, u32) {
    (
        ((f.wrapping_mul(K) >> 32) as usize) & mask,
        (f >> 32) as u32 | 1,
    )
}

const K: u64 = 0x517c_c1b7_2722_0a95;

impl From<WeightsFile> for Weights {
    fn from(f: WeightsFile) -> Weights {
        let consistent = f.starts.len() == f.keys.len() + 1
            && f.starts.windows(2).all(|w| w[0] <= w[1])
            && f.starts
                .last()
                .is_some_and(|&e| e as usize == f.entries.len())
            && f.entries.iter().all(|&e| (e >> 16) < f.nclass)
            && f.scale.is_finite()
            && f.entries.len() + f.keys.len() < INLINE as usize;
        // Load factor at most 3/4: small tables stay in cache.
        let cap = ((f.keys.len() * 4 / 3 + 1).max(8)).next_power_of_two();
        let mut table = vec![Slot::default(); cap];
        let mask = cap - 1;
        let n = f.nclass as usize;
        let mut dense = Vec::new();
        let n_weights = f.entries.len();
        let WeightsFile {
            keys,
            mut starts,
            entries,
            ..
        } = f;
        let mut rows = Vec::new();
        if consistent {
            // The rows are laid out in the file's own array (no second copy of
            // the weights while loading): each feature's entries are moved up to
            // leave room for its count, back to front, then the dense rows are
            // taken out front to back.
            rows = entries;
            rows.resize(n_weights + keys.len(), 0);
            let mut end = rows.len();
            let mut next = n_weights;
            for i in (0..keys.len()).rev() {
                let a = starts[i] as usize;
                let len = next - a;
                rows.copy_within(a..next, end - len);
                end -= len + 1;
                rows[end] = len as u32;
                starts[i] = end as u32;
                next = a;
            }
            let mut to = 0;
            for (i, &k) in keys.iter().enumerate() {
                let (mut h, key) = slot_of(k, mask);
                while table[h].key != 0 && table[h].key != key {
                    h = (h + 1) & mask;
                }
                let from = starts[i] as usize;
                let len = rows[from] as usize;
                if n >= 8 && len * 4 >= n {
                    let at = dense.len();
                    table[h] = Slot {
                        key,
                        start: DENSE | (at / n) as u32,
                    };
                    dense.resize(at + n, 0i16);
                    for &e in &rows[from + 1..from + 1 + len] {
                        dense[at + (e >> 16) as usize] = e as u16 as i16;
                    }
                } else if len == 1 && n <= 1 << 14 {
                    table[h] = Slot {
                        key,
                        start: INLINE | rows[from + 1],
                    };
                } else {
                    table[h] = Slot {
                        key,
                        start: to as u32,
                    };
                    rows.copy_within(from..from + 1 + len, to);
                    to += 1 + len;
                }
            }
            rows.truncate(to);
            rows.shrink_to_fit();
        }
        drop(starts);
        let n_features = keys.len();
        Weights {
            nclass: n as u32,
            keys,
            scale: f.scale,
            table,
            rows,
            dense,
            n_weights,
            n_features,
            consistent,
        }
    }
}

impl From<Weights> for WeightsFile {
    fn from(w: Weights) -> WeightsFile {
        w.to_file()
    }
}

impl Weights {
    /// The file form: every feature's entries, recovered from the table (empty once
    /// the keys are released: see [`Weights::release_keys`]).
    fn to_file(&self) -> WeightsFile {
        let mut f = WeightsFile {
            nclass: self.nclass,
            keys: Vec::with_capacity(self.keys.len()),
            starts: vec![0],
            entries: Vec::with_capacity(self.n_weights),
            scale: self.scale,
        };
        if self.table.is_empty() {
            return f;
        }
        let mask = self.table.len() - 1;
        let n = self.nclass as usize;
        for &k in &self.keys {
            let Some(start) = self.find(k, mask) else {
                continue;
            };
            if start & DENSE != 0 {
                let at = (start & !DENSE) as usize * n;
                for (j, &w) in self.dense[at..at + n].iter().enumerate() {
                    if w != 0 {
                        f.entries.push(((j as u32) << 16) | (w as u16 as u32));
                    }
                }
            } else if start & INLINE != 0 {
                f.entries.push(start & !INLINE);
            } else {
                let head = self.rows[start as usize];
                let a = start as usize + 1;
                f.entries
                    .extend_from_slice(&self.rows[a..a + head as usize]);
            }
            f.keys.push(k);
            f.starts.push(f.entries.len() as u32);
        }
        f
    }

    #[inline(always)]
    fn find(&self, f: u64, mask: usize) -> Option<u32> {
        let (mut h, key) = slot_of(f, mask);
        loop {
            let s = self.table[h];
            if s.key == key {
                return Some(s.start);
            }
            if s.key == 0 {
                return None;
            }
            h = (h + 1) & mask;
        }
    }

    /// Kept for callers of the earlier layout: the table is built on loading.
    pub fn prepare(&mut self) {}

    /// Drop weights with |w| < `threshold` (and features left empty).
    pub fn prune(&mut self, threshold: f32) {
        if !self.can_save() {
            return; // the feature hashes were released: nothing to rebuild from
        }
        let f = self.to_file();
        let mut out = WeightsFile {
            keys: Vec::with_capacity(f.keys.len()),
            starts: vec![0],
            entries: Vec::with_capacity(f.entries.len()),
            ..f.clone()
        };
        for (i, &k) in f.keys.iter().enumerate() {
            let before = out.entries.len();
            for &e in &f.entries[f.starts[i] as usize..f.starts[i + 1] as usize] {
                if ((e as u16 as i16) as f32 * f.scale).abs() >= threshold {
                    out.entries.push(e);
                }
            }
            if out.entries.len() > before {
                out.keys.push(k);
                out.starts.push(out.entries.len() as u32);
            }
        }
        *self = Weights::from(out);
    }

    /// Whether the file's arrays agreed with each other (a loaded file may be corrupt).
    pub fn is_consistent(&self) -> bool {
        self.consistent || (self.n_features == 0 && self.table.is_empty())
    }

    /// Number of features kept.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Free the full feature hashes, needed only to write the weights back (a
    /// read-only model saves memory; [`Weights::can_save`] is false afterwards).
    pub fn release_keys(&mut self) {
        self.keys = Vec::new();
    }

    /// Whether the weights can be written back (their feature hashes are kept).
    pub fn can_save(&self) -> bool {
        self.keys.len() == self.n_features
    }

    /// Number of non-zero weights kept.
    pub fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Scores of every class, written into `out` (len `nclass`).
    #[inline]
    pub fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        if self.table.is_empty() {
            return;
        }
        let mask = self.table.len() - 1;
        let n = out.len();
        // Three passes so the cache misses of independent lookups overlap: prefetch
        // every slot, find the rows, add them.
        let mut pos = [(0usize, 0u32); 128];
        let mut found = [0u32; 128];
        for chunk in feats.chunks(128) {
            for (p, &f) in pos.iter_mut().zip(chunk) {
                *p = slot_of(f, mask);
                prefetch(&self.table[p.0]);
            }
            let mut nf = 0;
            for &(mut h, key) in &pos[..chunk.len()] {
                loop {
                    let s = self.table[h];
                    if s.key == key {
                        found[nf] = s.start;
                        nf += 1;
                        if s.start & DENSE != 0 {
                            let at = (s.start & !DENSE) as usize * n;
                            for k in (0..n).step_by(32) {
                                prefetch(&self.dense[at + k]);
                            }
                        } else if s.start & INLINE == 0 {
                            prefetch(&self.rows[s.start as usize]);
                        }
                        break;
                    }
                    if s.key == 0 {
                        break;
                    }
                    h = (h + 1) & mask;
                }
            }
            for &start in &found[..nf] {
                if start & DENSE != 0 {
                    let at = (start & !DENSE) as usize * n;
                    let row = &self.dense[at..at + n];
                    for (o, &w) in out.iter_mut().zip(row) {
                        *o += w as f32;
                    }
                    continue;
                }
                if start & INLINE != 0 {
                    let e = start & !INLINE;
                    if let Some(o) = out.get_mut((e >> 16) as usize) {
                        *o += (e as u16 as i16) as f32;
                    }
                    continue;
                }
                let head = self.rows[start as usize];
                let a = start as usize + 1;
                for &e in &self.rows[a..a + head as usize] {
                    if let Some(o) = out.get_mut((e >> 16) as usize) {
                        *o += (e as u16 as i16) as f32;
                    }
                }
            }
        }
        let scale = self.scale;
        out.iter_mut().for_each(|x| *x *= scale);
    }
}

#[cfg(test)]
impl Weights {
    /// The file form: (feature hashes, where each one's entries start, the
    /// entries, the scale), to check [`Weights::score`] against.
    pub(crate) fn file_form(&self) -> (Vec<u64>, Vec<u32>, Vec<u32>, f32) {
        let f = self.to_file();
        (f.keys, f.starts, f.entries, f.scale)
    }
}

/// Ask the CPU to fetch the cache line of `x` (a hint; no effect on results).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults, and `x` is a valid reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            x as *const T as *const i8,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// The best class among those `allowed` (ties: the lowest index); None if none is.
#[inline]
pub fn argmax_where(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// The best class (ties: the lowest index).
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    argmax_where(scores, |_| true).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem() {
        // Class = which of features 1, 2, 3 is present (features are hashes).
        use crate::learn::hash::finish;
        let mut t = Trainer::new(3);
        let f = |x: u64| finish(x);
        let data = [
            (vec![f(1), f(10)], 0usize),
            (vec![f(2), f(10)], 1),
            (vec![f(3), f(10)], 2),
        ];
        let mut s = [0f32; 3];
        for _ in 0..5 {
            for (f, g) in &data {
                t.score(f, &mut s);
                let p = argmax(&s);
                t.update(f, *g, p, 1.0);
                t.tick();
            }
        }
        let w = t.average(0.0);
        assert!(w.is_consistent());
        for (f, g) in &data {
            w.score(f, &mut s);
            assert_eq!(argmax(&s), *g);
        }
        let bytes = bincode::serialize(&w).unwrap();
        let mut back: Weights = bincode::deserialize(&bytes).unwrap();
        back.prepare();
        let mut s2 = [0f32; 3];
        back.score(&[f(1), f(10)], &mut s2);
        w.score(&[f(1), f(10)], &mut s);
        assert_eq!(s, s2);
    }
}
