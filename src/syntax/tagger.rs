//! UPOS tagger: greedy left-to-right averaged perceptron over the word, its lower
//! case, prefixes and suffixes, shape, the words two to the left and right and the
//! two previous predicted tags.
//!
//! Reads: word forms. Writes: one [`Upos`] per word.

use super::Upos;
use crate::learn::hash::{feat1, feat2, feat3, hash_str};
use crate::learn::{argmax, SplitMix, Trainer, Weights};
use serde::{Deserialize, Serialize};

/// Lexical hashes of one word, computed once and shared by the tagger, the
/// lemmatiser and the parser.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    pub form: u64,
    pub lower: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 5],
    pub shape: u64,
    /// Short shape class: 0 lower, 1 capitalised, 2 all caps, 3 digits, 4 punct, 5 other.
    pub class: u8,
}

const NULL: u64 = 0x6e75_6c6c;

impl Lex {
    pub fn of(form: &str) -> Lex {
        let lower: String = form.chars().flat_map(char::to_lowercase).collect();
        let lower = lower.replace('\u{2019}', "'");
        let cs: Vec<(usize, char)> = lower.char_indices().collect();
        let n = cs.len();
        let at = |k: usize| cs.get(k).map(|x| x.0).unwrap_or(lower.len());
        let mut pre = [NULL; 3];
        let mut suf = [NULL; 5];
        for k in 1..=3 {
            pre[k - 1] = if n >= k {
                hash_str(&lower[..at(k)])
            } else {
                NULL
            };
        }
        for k in 1..=5 {
            suf[k - 1] = if n >= k {
                hash_str(&lower[at(n - k)..])
            } else {
                NULL
            };
        }
        let mut shape = 0xcbf2_9ce4u64;
        let mut last = '\0';
        let mut run = 0;
        let (mut up, mut low, mut dig, mut oth) = (0, 0, 0, 0);
        for c in form.chars() {
            let k = if c.is_uppercase() {
                up += 1;
                'X'
            } else if c.is_lowercase() {
                low += 1;
                'x'
            } else if c.is_numeric() {
                dig += 1;
                'd'
            } else {
                oth += 1;
                c
            };
            if k == last {
                run += 1;
                if run >= 2 {
                    continue;
                }
            } else {
                run = 0;
            }
            last = k;
            shape = crate::learn::hash::mix(shape, k as u64);
        }
        let first_up = form.chars().next().is_some_and(char::is_uppercase);
        let class = if up + low + dig == 0 {
            4
        } else if dig > 0 && up + low == 0 {
            3
        } else if up > 0 && low == 0 && oth == 0 {
            2
        } else if first_up {
            1
        } else if up == 0 && dig == 0 {
            0
        } else {
            5
        };
        Lex {
            form: hash_str(form),
            lower: hash_str(&lower),
            pre,
            suf,
            shape,
            class,
        }
    }

    pub fn all(forms: &[&str]) -> Vec<Lex> {
        forms.iter().map(|f| Lex::of(f)).collect()
    }
}

/// A trained tagger.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Tagger {
    pub(crate) weights: Weights,
}

const NT: usize = Upos::COUNT;
/// Previous-tag value before the sentence start.
const START: u64 = 99;

fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &lex[i];
    let get = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let i = i as isize;
    let lw = |j: isize| get(j).map_or(NULL, |l| l.lower);
    out.push(feat1(0, 0));
    out.push(feat1(1, w.lower));
    out.push(feat1(2, w.form));
    for (k, s) in w.suf.iter().enumerate() {
        out.push(feat2(3, k as u64, *s));
    }
    for (k, p) in w.pre.iter().enumerate() {
        out.push(feat2(4, k as u64, *p));
    }
    out.push(feat1(5, w.shape));
    out.push(feat2(6, w.class as u64, (i == 0) as u64));
    out.push(feat1(7, lw(i - 1)));
    out.push(feat1(8, lw(i + 1)));
    out.push(feat1(9, lw(i - 2)));
    // (Template 10 repeats 8: the shipped models were trained with it.)
    out.push(feat1(10, lw(i + 1)));
    out.push(feat1(11, lw(i + 2)));
    out.push(feat1(12, p1));
    out.push(feat2(13, p1, p2));
    out.push(feat2(14, p1, w.lower));
    out.push(feat2(15, lw(i + 1), get(i + 1).map_or(NULL, |l| l.suf[2])));
    out.push(feat1(16, get(i + 1).map_or(NULL, |l| l.suf[2])));
    out.push(feat1(17, get(i - 1).map_or(NULL, |l| l.suf[2])));
    out.push(feat2(18, w.lower, lw(i + 1)));
    out.push(feat2(19, lw(i - 1), w.lower));
    out.push(feat3(
        20,
        p1,
        w.suf[2],
        get(i + 1).map_or(NULL, |l| l.class as u64),
    ));
    out.push(feat1(21, get(i + 1).map_or(NULL, |l| l.shape)));
    out.push(feat2(22, p1, w.suf[1]));
    out.push(feat1(23, p2));
}

impl Tagger {
    /// Tags of a sentence's words (greedy, left to right).
    pub fn tag(&self, lex: &[Lex]) -> Vec<Upos> {
        let mut out = Vec::with_capacity(lex.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = [0f32; NT];
        let (mut p1, mut p2) = (START, START);
        for i in 0..lex.len() {
            features(lex, i, p1, p2, &mut feats);
            self.weights.score(&feats, &mut scores);
            let t = argmax(&scores);
            out.push(Upos::from_index(t));
            p2 = p1;
            p1 = t as u64;
        }
        out
    }

    /// Train on (words, gold tags); `dev` selects the best epoch when not empty.
    pub fn train(
        train: &[(Vec<Lex>, Vec<Upos>)],
        dev: &[(Vec<Lex>, Vec<Upos>)],
        epochs: usize,
        seed: u64,
        progress: &mut dyn FnMut(&str),
    ) -> Tagger {
        let mut t = Trainer::new(NT);
        let mut rng = SplitMix(seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut feats = Vec::with_capacity(40);
        let mut scores = [0f32; NT];
        let mut best: Option<(f64, Tagger)> = None;
        let mut since_best = 0;
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let (mut err, mut n) = (0usize, 0usize);
            for &si in &order {
                let (lex, gold) = &train[si];
                let (mut p1, mut p2) = (START, START);
                for (i, g) in gold.iter().enumerate() {
                    features(lex, i, p1, p2, &mut feats);
                    t.score(&feats, &mut scores);
                    let p = argmax(&scores);
                    let g = g.index();
                    if p != g {
                        t.update(&feats, g, p, 1.0);
                        err += 1;
                    }
                    t.tick();
                    n += 1;
                    p2 = p1;
                    p1 = p as u64;
                }
            }
            let model = Tagger {
                weights: t.average(1e-3),
            };
            let acc = if dev.is_empty() {
                1.0 - err as f64 / n.max(1) as f64
            } else {
                model.accuracy(dev)
            };
            progress(&format!(
                "tagger epoch {epoch}: train errors {:.4}, {} {acc:.4}",
                err as f64 / n.max(1) as f64,
                if dev.is_empty() {
                    "train acc"
                } else {
                    "dev UPOS"
                }
            ));
            if best.as_ref().is_none_or(|b| acc > b.0) {
                best = Some((acc, model));
                since_best = 0;
            } else {
                since_best += 1;
                if !dev.is_empty() && since_best >= 3 {
                    break;
                }
            }
        }
        best.map(|b| b.1).unwrap_or_default()
    }

    /// Share of words tagged right.
    pub fn accuracy(&self, data: &[(Vec<Lex>, Vec<Upos>)]) -> f64 {
        let (mut ok, mut n) = (0usize, 0usize);
        for (lex, gold) in data {
            let pred = self.tag(lex);
            ok += pred.iter().zip(gold).filter(|(a, b)| a == b).count();
            n += gold.len();
        }
        ok as f64 / n.max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_toy_tags() {
        let s = |ws: &[&str], ts: &[Upos]| (Lex::all(ws), ts.to_vec());
        use Upos::*;
        let data = vec![
            s(&["le", "chat", "dort"], &[Det, Noun, Verb]),
            s(&["le", "chien", "mange"], &[Det, Noun, Verb]),
            s(&["la", "souris", "dort", "."], &[Det, Noun, Verb, Punct]),
        ];
        let m = Tagger::train(&data, &[], 5, 1, &mut |_| {});
        assert_eq!(
            m.tag(&Lex::all(&["le", "chat", "mange", "."])),
            [Det, Noun, Verb, Punct]
        );
        assert!(m.tag(&[]).is_empty());
    }

    #[test]
    fn lex_of_odd_strings() {
        for w in ["", "é", "'", "L’", "123", "ÉTATS-UNIS", "\u{0301}"] {
            let _ = Lex::of(w);
        }
        assert_eq!(Lex::of("Paris").class, 1);
        assert_eq!(Lex::of("UN").class, 2);
        assert_eq!(Lex::of(",").class, 4);
    }
}
