//! Labelled dependency parser: transition-based arc-eager (Nivre 2003), greedy,
//! averaged perceptron over the feature templates of Zhang & Nivre (2011), trained
//! with the dynamic oracle of Goldberg & Nivre (2012) (exploration after the first
//! epoch). Classes are the transitions SHIFT, REDUCE, LEFT-ARC(label), RIGHT-ARC(label).
//!
//! Reads: word forms (lexical hashes) and UPOS. Writes: a head (0 = root) and a
//! deprel per word.
//!
//! Output is always a tree: the transitions give each word at most one head and
//! never a cycle; only one word may hang from the root; words left without a head
//! at the end hang from the root word (`punct` for punctuation, `dep` otherwise).
//! Sentences longer than [`MAX_PARSE_LEN`] words are parsed in pieces of that size,
//! each piece's root attached to the first piece's root (`parataxis`), which keeps
//! time and memory linear in the length of any input.

use super::tagger::Lex;
use super::Upos;
use crate::learn::hash::{feat1, feat2, feat3};
use crate::learn::{SplitMix, Trainer, Weights};
use serde::{Deserialize, Serialize};

/// Longest piece parsed as one sentence.
pub const MAX_PARSE_LEN: usize = 200;

const NONE: u32 = u32::MAX;
const NULLW: u64 = 0x004e_554c_4c57;
const ROOTW: u64 = 0x0052_4f4f_5457;
const ROOTP: u64 = 40;
const NULLP: u64 = 41;
const NULLL: u64 = 999;

const SH: usize = 0;
const RE: usize = 1;

// LEFT-ARC(l) = 2 + 2l, RIGHT-ARC(l) = 3 + 2l.

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Parser {
    pub(crate) labels: Vec<String>,
    pub(crate) weights: Weights,
}

/// A training sentence: lexical hashes, (predicted) UPOS, gold heads and label ids.
pub struct ParseExample {
    pub lex: Vec<Lex>,
    pub upos: Vec<Upos>,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
}

struct State {
    n: usize,
    stack: Vec<u32>,
    on_stack: Vec<bool>,
    b: usize,
    head: Vec<u32>,
    label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    root_child: bool,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        let mut on_stack = vec![false; m];
        on_stack[0] = true;
        State {
            n,
            stack: vec![0],
            on_stack,
            b: 1,
            head: vec![NONE; m],
            label: vec![0; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            root_child: false,
        }
    }

    fn done(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> usize {
        *self.stack.last().unwrap() as usize
    }

    fn valid(&self, c: usize, root: usize) -> bool {
        let has_b = self.b <= self.n;
        let s0 = self.s0();
        match c {
            SH => has_b,
            RE => self.stack.len() > 1 && self.head[s0] != NONE,
            _ => {
                let l = (c - 2) / 2;
                if c.is_multiple_of(2) {
                    has_b && s0 != 0 && self.head[s0] == NONE && l != root
                } else if s0 == 0 {
                    has_b && l == root && !self.root_child
                } else {
                    has_b && l != root
                }
            }
        }
    }

    fn arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h as u32;
        self.label[d] = l as u16;
        let bit = 1u64 << (l % 64);
        let d32 = d as u32;
        if d < h {
            if self.lc1[h] == NONE || d32 < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d32;
            } else if self.lc2[h] == NONE || d32 < self.lc2[h] {
                self.lc2[h] = d32;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if self.rc1[h] == NONE || d32 > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d32;
            } else if self.rc2[h] == NONE || d32 > self.rc2[h] {
                self.rc2[h] = d32;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    fn apply(&mut self, c: usize) {
        let s0 = self.s0();
        match c {
            SH => {
                self.stack.push(self.b as u32);
                self.on_stack[self.b] = true;
                self.b += 1;
            }
            RE => {
                self.stack.pop();
                self.on_stack[s0] = false;
            }
            _ => {
                let l = (c - 2) / 2;
                if c.is_multiple_of(2) {
                    self.stack.pop();
                    self.on_stack[s0] = false;
                    self.arc(self.b, s0, l);
                } else {
                    self.arc(s0, self.b, l);
                    if s0 == 0 {
                        self.root_child = true;
                    }
                    self.stack.push(self.b as u32);
                    self.on_stack[self.b] = true;
                    self.b += 1;
                }
            }
        }
    }
}

/// Word-level inputs of the feature templates (index 0 = the root).
struct Inputs {
    w: Vec<u64>,
    p: Vec<u64>,
}

impl Inputs {
    fn new(lex: &[Lex], upos: &[Upos]) -> Inputs {
        let mut w = Vec::with_capacity(lex.len() + 1);
        let mut p = Vec::with_capacity(lex.len() + 1);
        w.push(ROOTW);
        p.push(ROOTP);
        for (l, u) in lex.iter().zip(upos) {
            w.push(l.lower);
            p.push(u.index() as u64);
        }
        Inputs { w, p }
    }
}

fn features(st: &State, x: &Inputs, out: &mut Vec<u64>) {
    out.clear();
    let w = |i: u32| if i == NONE { NULLW } else { x.w[i as usize] };
    let p = |i: u32| if i == NONE { NULLP } else { x.p[i as usize] };
    let lab = |i: u32| {
        if i == NONE || st.head[i as usize] == NONE {
            NULLL
        } else {
            st.label[i as usize] as u64
        }
    };
    let at = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let nb = |k: usize| {
        if st.b + k <= st.n {
            (st.b + k) as u32
        } else {
            NONE
        }
    };
    let s0 = st.s0() as u32;
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let (n0, n1, n2) = (nb(0), nb(1), nb(2));
    let s0h = at(&st.head, s0);
    let s0h2 = at(&st.head, s0h);
    let (s0l, s0l2, s0r, s0r2) = (
        at(&st.lc1, s0),
        at(&st.lc2, s0),
        at(&st.rc1, s0),
        at(&st.rc2, s0),
    );
    let (n0l, n0l2) = (at(&st.lc1, n0), at(&st.lc2, n0));
    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let d = if n0 == NONE {
        0
    } else {
        let bucket = match n0 - s0 {
            x @ 1..=4 => x as u64,
            5..=6 => 5,
            7..=10 => 6,
            _ => 7,
        };
        bucket + if s0 == 0 { 10 } else { 0 }
    };
    let val = |v: &Vec<u8>, i: u32| {
        if i == NONE {
            99
        } else {
            v[i as usize].min(5) as u64
        }
    };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 } else { v[i as usize] };
    let (s0vl, s0vr, n0vl) = (val(&st.nl, s0), val(&st.nr, s0), val(&st.nl, n0));
    let f1 = |t: u64, a: u64| feat1(t, a);
    let f2 = |t: u64, a: u64, b: u64| feat2(t, a, b);
    let f3 = |t: u64, a: u64, b: u64, c: u64| feat3(t, a, b, c);
    out.extend_from_slice(&[
        f1(0, 0),
        // single words
        f2(1, s0w, s0p),
        f1(2, s0w),
        f1(3, s0p),
        f2(4, n0w, n0p),
        f1(5, n0w),
        f1(6, n0p),
        f2(7, n1w, n1p),
        f1(8, n1w),
        f1(9, n1p),
        f2(10, n2w, n2p),
        f1(11, n2w),
        f1(12, n2p),
        // word pairs
        f3(13, s0w, s0p, crate::learn::hash::mix(n0w, n0p)),
        f3(14, s0w, s0p, n0w),
        f3(15, s0w, n0w, n0p),
        f3(16, s0w, s0p, n0p),
        f3(17, s0p, n0w, n0p),
        f2(18, s0w, n0w),
        f2(19, s0p, n0p),
        f2(20, n0p, n1p),
        // three words
        f3(21, n0p, n1p, n2p),
        f3(22, s0p, n0p, n1p),
        f3(23, p(s0h), s0p, n0p),
        f3(24, s0p, p(s0l), n0p),
        f3(25, s0p, p(s0r), n0p),
        f3(26, s0p, n0p, p(n0l)),
        // distance
        f2(27, s0w, d),
        f2(28, s0p, d),
        f2(29, n0w, d),
        f2(30, n0p, d),
        f3(31, s0w, n0w, d),
        f3(32, s0p, n0p, d),
        // valency
        f2(33, s0w, s0vr),
        f2(34, s0p, s0vr),
        f2(35, s0w, s0vl),
        f2(36, s0p, s0vl),
        f2(37, n0w, n0vl),
        f2(38, n0p, n0vl),
        // unigrams of heads and children
        f1(39, w(s0h)),
        f1(40, p(s0h)),
        f1(41, lab(s0)),
        f1(42, w(s0l)),
        f1(43, p(s0l)),
        f1(44, lab(s0l)),
        f1(45, w(s0r)),
        f1(46, p(s0r)),
        f1(47, lab(s0r)),
        f1(48, w(n0l)),
        f1(49, p(n0l)),
        f1(50, lab(n0l)),
        // third order
        f1(51, w(s0h2)),
        f1(52, p(s0h2)),
        f1(53, lab(s0h)),
        f1(54, w(s0l2)),
        f1(55, p(s0l2)),
        f1(56, lab(s0l2)),
        f1(57, w(s0r2)),
        f1(58, p(s0r2)),
        f1(59, lab(s0r2)),
        f1(60, w(n0l2)),
        f1(61, p(n0l2)),
        f1(62, lab(n0l2)),
        f3(63, s0p, p(s0l), p(s0l2)),
        f3(64, s0p, p(s0r), p(s0r2)),
        f3(65, s0p, p(s0h), p(s0h2)),
        f3(66, n0p, p(n0l), p(n0l2)),
        // label sets
        f2(67, s0w, set(&st.rset, s0)),
        f2(68, s0p, set(&st.rset, s0)),
        f2(69, s0w, set(&st.lset, s0)),
        f2(70, s0p, set(&st.lset, s0)),
        f2(71, n0w, set(&st.lset, n0)),
        f2(72, n0p, set(&st.lset, n0)),
        // stack second, arc-eager state
        f3(73, p(s1), s0p, n0p),
        f1(74, w(s1)),
        f1(75, p(s1)),
        f3(76, (st.head[s0 as usize] != NONE) as u64, s0p, n0p),
        f3(77, (st.head[s0 as usize] != NONE) as u64, lab(s0), n0p),
        f3(78, st.root_child as u64, s0p, n0p),
        f3(79, p(s1), lab(s1), s0p),
    ]);
}

/// Whether a gold tree (heads 1-based, 0 = root) is projective.
pub fn is_projective(heads: &[usize]) -> bool {
    let n = heads.len();
    for d in 1..=n {
        let h = heads[d - 1];
        let (a, b) = if h < d { (h, d) } else { (d, h) };
        for k in a + 1..b {
            // every word strictly between must descend from h
            let mut x = k;
            let mut steps = 0;
            while x != 0 && x != h && steps <= n {
                x = heads[x - 1];
                steps += 1;
            }
            if x != h {
                return false;
            }
        }
    }
    true
}

struct Gold<'a> {
    heads: Vec<usize>,
    labels: &'a [u16],
    deps: Vec<Vec<u32>>,
}

impl Gold<'_> {
    fn costs(&self, st: &State, nclass: usize, valid: &[bool], out: &mut [u32]) {
        let s = st.s0();
        let b = st.b;
        let reach = |h: usize| st.on_stack[h] && !(h == 0 && st.root_child);
        let deps_in_buffer =
            |x: usize| self.deps[x].iter().filter(|&&d| d as usize >= b).count() as u32;
        let deps_on_stack = |x: usize| {
            self.deps[x]
                .iter()
                .filter(|&&d| st.on_stack[d as usize] && st.head[d as usize] == NONE)
                .count() as u32
        };
        let gh = |x: usize| if x == 0 { usize::MAX } else { self.heads[x] };
        for c in 0..nclass {
            if !valid[c] {
                out[c] = u32::MAX;
                continue;
            }
            out[c] = match c {
                SH => (gh(b) != usize::MAX && reach(gh(b))) as u32 + deps_on_stack(b),
                RE => deps_in_buffer(s),
                _ => {
                    let l = (c - 2) / 2;
                    if c.is_multiple_of(2) {
                        let h = gh(s);
                        (h != usize::MAX && h > b) as u32
                            + deps_in_buffer(s)
                            + (h == b && self.labels[s] as usize != l) as u32
                    } else {
                        let h = gh(b);
                        let lost_head = h != s && (reach(h) || h > b);
                        lost_head as u32
                            + deps_on_stack(b)
                            + (h == s && self.labels[b] as usize != l) as u32
                    }
                }
            };
        }
    }
}

impl Parser {
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    fn nclass(&self) -> usize {
        2 + 2 * self.labels.len()
    }

    fn label_id(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == name)
    }

    /// Parse one sentence: (heads, label ids), heads 0 = root, else 1-based.
    pub fn parse(&self, lex: &[Lex], upos: &[Upos]) -> (Vec<usize>, Vec<u16>) {
        let n = lex.len();
        if n <= MAX_PARSE_LEN {
            return self.parse_piece(lex, upos);
        }
        let link = self
            .label_id("parataxis")
            .or_else(|| self.label_id("dep"))
            .unwrap_or(0) as u16;
        let mut heads = Vec::with_capacity(n);
        let mut labels = Vec::with_capacity(n);
        let mut first_root = 0;
        let mut start = 0;
        while start < n {
            let end = (start + MAX_PARSE_LEN).min(n);
            let (h, l) = self.parse_piece(&lex[start..end], &upos[start..end]);
            for (k, (&hh, &ll)) in h.iter().zip(&l).enumerate() {
                if hh == 0 {
                    if start == 0 {
                        first_root = start + k + 1;
                        heads.push(0);
                        labels.push(ll);
                    } else {
                        heads.push(first_root);
                        labels.push(link);
                    }
                } else {
                    heads.push(hh + start);
                    labels.push(ll);
                }
            }
            start = end;
        }
        (heads, labels)
    }

    fn parse_piece(&self, lex: &[Lex], upos: &[Upos]) -> (Vec<usize>, Vec<u16>) {
        let n = lex.len();
        if n == 0 || self.labels.is_empty() {
            return (vec![0; n], vec![0; n]);
        }
        let root = self.label_id("root").unwrap_or(0);
        let x = Inputs::new(lex, upos);
        let mut st = State::new(n);
        let nc = self.nclass();
        let mut scores = vec![0f32; nc];
        let mut feats = Vec::with_capacity(96);
        while !st.done() {
            features(&st, &x, &mut feats);
            self.weights.score(&feats, &mut scores);
            let mut best = SH;
            let mut bs = f32::NEG_INFINITY;
            for (c, &s) in scores.iter().enumerate() {
                if s > bs && st.valid(c, root) {
                    best = c;
                    bs = s;
                }
            }
            st.apply(best);
        }
        self.finish(&st, upos, root)
    }

    fn finish(&self, st: &State, upos: &[Upos], root: usize) -> (Vec<usize>, Vec<u16>) {
        let n = st.n;
        let mut heads: Vec<usize> = (1..=n)
            .map(|i| {
                if st.head[i] == NONE {
                    usize::MAX
                } else {
                    st.head[i] as usize
                }
            })
            .collect();
        let mut labels: Vec<u16> = (1..=n).map(|i| st.label[i]).collect();
        let root_word = heads
            .iter()
            .position(|&h| h == 0)
            .or_else(|| heads.iter().position(|&h| h == usize::MAX))
            .unwrap_or(0);
        heads[root_word] = 0;
        labels[root_word] = root as u16;
        let punct = self.label_id("punct").unwrap_or(root) as u16;
        let dep = self.label_id("dep").unwrap_or(root) as u16;
        for i in 0..n {
            if heads[i] == usize::MAX || (heads[i] == 0 && i != root_word) {
                heads[i] = root_word + 1;
                labels[i] = if upos[i] == Upos::Punct { punct } else { dep };
            }
        }
        (heads, labels)
    }

    /// Train; `dev` (gold trees with predicted UPOS) selects the best epoch.
    pub fn train(
        labels: Vec<String>,
        train: &[ParseExample],
        dev: &[ParseExample],
        epochs: usize,
        seed: u64,
        prune: f32,
        progress: &mut dyn FnMut(&str),
    ) -> Parser {
        let mut model = Parser {
            labels,
            weights: Weights::default(),
        };
        let root = model.label_id("root").unwrap_or(0);
        let nc = model.nclass();
        let mut t = Trainer::new(nc);
        let mut rng = SplitMix(seed);
        let usable: Vec<usize> = (0..train.len())
            .filter(|&i| is_projective(&train[i].heads) && !train[i].heads.is_empty())
            .collect();
        progress(&format!(
            "parser: {} of {} training sentences are projective and used",
            usable.len(),
            train.len()
        ));
        let mut order = usable;
        let mut scores = vec![0f32; nc];
        let mut valid = vec![false; nc];
        let mut costs = vec![0u32; nc];
        let mut feats = Vec::with_capacity(96);
        let mut best: Option<(f64, Weights)> = None;
        let mut since_best = 0;
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let (mut err, mut steps) = (0usize, 0usize);
            for &si in &order {
                let ex = &train[si];
                let n = ex.lex.len();
                let mut heads = vec![usize::MAX];
                heads.extend_from_slice(&ex.heads);
                let mut glabels = vec![0u16];
                glabels.extend_from_slice(&ex.labels);
                let mut deps = vec![Vec::new(); n + 1];
                for d in 1..=n {
                    deps[heads[d]].push(d as u32);
                }
                let gold = Gold {
                    heads,
                    labels: &glabels,
                    deps,
                };
                let x = Inputs::new(&ex.lex, &ex.upos);
                let mut st = State::new(n);
                while !st.done() {
                    features(&st, &x, &mut feats);
                    t.score(&feats, &mut scores);
                    for (c, v) in valid.iter_mut().enumerate() {
                        *v = st.valid(c, root);
                    }
                    gold.costs(&st, nc, &valid, &mut costs);
                    let min = *costs.iter().min().unwrap();
                    let mut pred = SH;
                    let mut ps = f32::NEG_INFINITY;
                    let mut zbest = SH;
                    let mut zs = f32::NEG_INFINITY;
                    for c in 0..nc {
                        if !valid[c] {
                            continue;
                        }
                        if scores[c] > ps {
                            ps = scores[c];
                            pred = c;
                        }
                        if costs[c] == min && scores[c] > zs {
                            zs = scores[c];
                            zbest = c;
                        }
                    }
                    steps += 1;
                    let next = if costs[pred] == min {
                        pred
                    } else {
                        err += 1;
                        t.update(&feats, zbest, pred, 1.0);
                        if epoch > 1 && rng.unit() < 0.9 {
                            pred
                        } else {
                            zbest
                        }
                    };
                    t.tick();
                    st.apply(next);
                }
            }
            model.weights = t.average(prune);
            let score = if dev.is_empty() {
                1.0 - err as f64 / steps.max(1) as f64
            } else {
                model.attachment(dev).1
            };
            progress(&format!(
                "parser epoch {epoch}: transition errors {:.4}, {} {score:.4}",
                err as f64 / steps.max(1) as f64,
                if dev.is_empty() {
                    "train acc"
                } else {
                    "dev LAS"
                }
            ));
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, model.weights.clone()));
                since_best = 0;
            } else {
                since_best += 1;
                if !dev.is_empty() && since_best >= 3 {
                    break;
                }
            }
        }
        if let Some((_, w)) = best {
            model.weights = w;
        }
        model
    }

    /// (UAS, LAS) on examples.
    pub fn attachment(&self, data: &[ParseExample]) -> (f64, f64) {
        let (mut u, mut l, mut n) = (0usize, 0usize, 0usize);
        for ex in data {
            let (h, lb) = self.parse(&ex.lex, &ex.upos);
            for i in 0..h.len() {
                if h[i] == ex.heads[i] {
                    u += 1;
                    if lb[i] == ex.labels[i] {
                        l += 1;
                    }
                }
            }
            n += h.len();
        }
        (u as f64 / n.max(1) as f64, l as f64 / n.max(1) as f64)
    }
}

/// Whether heads (0 = root, 1-based) form a tree: one root, no cycle.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if n == 0 {
        return true;
    }
    if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h > n) {
        return false;
    }
    // 0 unknown, 1 on the current path, 2 reaches the root: linear time.
    let mut mark = vec![0u8; n + 1];
    mark[0] = 2;
    let mut path = Vec::new();
    for start in 1..=n {
        let mut x = start;
        while mark[x] == 0 {
            mark[x] = 1;
            path.push(x);
            x = heads[x - 1];
        }
        if mark[x] == 1 {
            return false;
        }
        for &p in &path {
            mark[p] = 2;
        }
        path.clear();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn untrained() -> Parser {
        Parser {
            labels: ["root", "punct", "dep", "nsubj"].map(String::from).to_vec(),
            weights: Weights::default(),
        }
    }

    #[test]
    fn projectivity_and_trees() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&[3, 4, 0, 3]));
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[0, 0]));
        assert!(!is_tree(&[2, 1]));
        assert!(is_tree(&[]));
    }

    #[test]
    fn untrained_parser_still_gives_trees() {
        let p = untrained();
        for n in [
            0,
            1,
            2,
            7,
            MAX_PARSE_LEN,
            MAX_PARSE_LEN + 1,
            3 * MAX_PARSE_LEN + 5,
        ] {
            let forms: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
            let lex = Lex::all(&forms);
            let upos = vec![Upos::Noun; n];
            let (h, l) = p.parse(&lex, &upos);
            assert_eq!(h.len(), n);
            assert_eq!(l.len(), n);
            assert!(is_tree(&h), "n={n}");
        }
    }

    #[test]
    fn oracle_reaches_the_gold_tree() {
        // Training on one projective sentence until it is learnt: the dynamic oracle's
        // zero-cost transitions must be able to build the gold tree exactly.
        let forms = ["the", "cat", "sat", "on", "the", "mat", "."];
        let heads = vec![2, 3, 0, 6, 6, 3, 3];
        let labels = vec![4u16, 5, 0, 6, 4, 7, 1];
        let names = ["root", "punct", "dep", "x", "det", "nsubj", "case", "obl"];
        let upos = vec![
            Upos::Det,
            Upos::Noun,
            Upos::Verb,
            Upos::Adp,
            Upos::Det,
            Upos::Noun,
            Upos::Punct,
        ];
        let ex = ParseExample {
            lex: Lex::all(&forms),
            upos: upos.clone(),
            heads: heads.clone(),
            labels: labels.clone(),
        };
        let ex2 = ParseExample {
            lex: ex.lex.clone(),
            upos: ex.upos.clone(),
            heads: heads.clone(),
            labels: labels.clone(),
        };
        let p = Parser::train(
            names.map(String::from).to_vec(),
            &[ex],
            &[ex2],
            10,
            1,
            0.0,
            &mut |_| {},
        );
        let (h, l) = p.parse(&Lex::all(&forms), &upos);
        assert_eq!(h, heads);
        assert_eq!(l, labels);
    }
}
