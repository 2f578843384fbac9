//! Feature hashing shared by every learned task (entity tagger, UPOS tagger,
//! lemmatiser, parser): stable 64-bit hashes of strings and (template, value)
//! tuples, computed without allocating, and a read-only open-addressing map keyed
//! by those hashes.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// FxHash-style combination step.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche (murmur3 fmix64); never returns 0 (0 marks an empty table slot).
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h | 1
}

/// Hash a byte string (stable across platforms and versions of Rust).
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    let rem = chunks.remainder();
    if !rem.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rem.len()].copy_from_slice(rem);
        h = mix(h, u64::from_le_bytes(buf));
    }
    mix(h, b.len() as u64)
}

/// Hash of a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

const SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// A feature from a template id and one value.
#[inline(always)]
pub fn feat1(t: u64, a: u64) -> u64 {
    finish(mix(mix(SEED, t), a))
}

/// A feature from a template id and two values.
#[inline(always)]
pub fn feat2(t: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(mix(SEED, t), a), b))
}

/// A feature from a template id and three values.
#[inline(always)]
pub fn feat3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(mix(mix(mix(mix(SEED, t), a), b), c))
}

/// Read-only map keyed by u64 hashes (keys must be non-zero; [`finish`] guarantees it).
#[derive(Clone, Debug, Default)]
pub struct HashIndex<V: Copy + Default> {
    keys: Vec<u64>,
    vals: Vec<V>,
    mask: usize,
}

impl<V: Copy + Default> HashIndex<V> {
    pub fn build(pairs: impl ExactSizeIterator<Item = (u64, V)>) -> Self {
        let cap = ((pairs.len() * 2).max(8)).next_power_of_two();
        let mut keys = vec![0u64; cap];
        let mut vals = vec![V::default(); cap];
        let mask = cap - 1;
        for (k, v) in pairs {
            debug_assert!(k != 0);
            let mut i = (k.wrapping_mul(K) >> 32) as usize & mask;
            while keys[i] != 0 && keys[i] != k {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            vals[i] = v;
        }
        HashIndex { keys, vals, mask }
    }

    #[inline(always)]
    pub fn get(&self, k: u64) -> Option<V> {
        if self.keys.is_empty() {
            return None;
        }
        let mut i = (k.wrapping_mul(K) >> 32) as usize & self.mask;
        loop {
            let kk = self.keys[i];
            if kk == k {
                return Some(self.vals[i]);
            }
            if kk == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The positions of distinct keys held in an array of their own (a model's
/// feature hashes): 8 bytes a slot at a load of at most 3/4, against 12 at
/// most 1/2 for a [`HashIndex`] of the same keys. A slot holds part of the key
/// and its position; the key itself is compared in the array, so a lookup is
/// exact.
#[derive(Clone, Debug, Default)]
pub struct KeyIndex {
    /// (key bits, position), key bits never 0 in a used slot.
    slots: Vec<(u32, u32)>,
    mask: usize,
}

impl KeyIndex {
    #[inline(always)]
    fn slot(k: u64, mask: usize) -> (usize, u32) {
        (((k.wrapping_mul(K) >> 32) as usize) & mask, (k as u32) | 1)
    }

    /// The index of `keys` (distinct, fewer than 2^32).
    pub fn build(keys: &[u64]) -> KeyIndex {
        let cap = ((keys.len() * 4 / 3 + 1).max(8)).next_power_of_two();
        let mut slots = vec![(0u32, 0u32); cap];
        let mask = cap - 1;
        for (i, &k) in keys.iter().enumerate() {
            let (mut h, tag) = Self::slot(k, mask);
            while slots[h].0 != 0 {
                h = (h + 1) & mask;
            }
            slots[h] = (tag, i as u32);
        }
        KeyIndex { slots, mask }
    }

    /// The position of `k` in `keys` (the array the index was built from).
    #[inline(always)]
    pub fn get(&self, keys: &[u64], k: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let (mut h, tag) = Self::slot(k, self.mask);
        loop {
            let (t, i) = self.slots[h];
            if t == 0 {
                return None;
            }
            if t == tag && keys.get(i as usize) == Some(&k) {
                return Some(i);
            }
            h = (h + 1) & self.mask;
        }
    }
}

/// A `BuildHasher` for maps whose keys are already good hashes (feature hashes).
#[derive(Clone, Copy, Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

pub type BuildIdentity = std::hash::BuildHasherDefault<IdentityHasher>;

/// A fast hasher for short strings looked up often (FxHash: a word at a
/// time, rotate, xor, multiply). Not keyed: for maps whose contents come from
/// the shipped data, never from input.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub type BuildFast = std::hash::BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_hashes() {
        // The NER models' feature keys depend on these values: they must never change.
        assert_eq!(hash_bytes(b""), mix(0xcbf2_9ce4_8422_2325, 0));
        assert_ne!(hash_str("de"), hash_str("le"));
        assert_ne!(finish(0), 0);
    }

    #[test]
    fn index_finds_keys() {
        let idx = HashIndex::build((1..1000u32).map(|k| (finish(k as u64), k)));
        for k in 1..1000u64 {
            assert_eq!(idx.get(finish(k)), Some(k as u32));
        }
        assert_eq!(idx.get(finish(5000)), None);
        assert_eq!(HashIndex::<u32>::default().get(7), None);
        let keys: Vec<u64> = (1..1000u64).map(finish).collect();
        let ki = KeyIndex::build(&keys);
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(ki.get(&keys, k), Some(i as u32));
        }
        assert_eq!(ki.get(&keys, finish(5000)), None);
        // Same low bits, another key: found only by the exact comparison.
        assert_eq!(ki.get(&keys, keys[7] ^ (1 << 40)), None);
        assert_eq!(KeyIndex::default().get(&[], 7), None);
    }
}
