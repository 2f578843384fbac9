//! Lemmatiser: the perceptron chooses an edit script (case, how many final
//! characters to cut, what to append: `mangeait` → `L|3|er`) from the word's form
//! and UPOS; forms of the training data whose script the classifier gets wrong are
//! kept in an exception table (`est`/AUX → `être`).
//!
//! Reads: word forms and UPOS. Writes: one lemma per word.

use super::tagger::Lex;
use super::Upos;
use crate::learn::hash::{feat1, feat2, feat3, hash_str, HashIndex};
use crate::learn::{argmax, SplitMix, Trainer, Weights};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

/// An edit script: lower-case the form or not, cut `cut` final characters, append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Script {
    pub lower: bool,
    pub cut: u8,
    pub add: String,
}

impl Script {
    /// The shortest script that turns `form` into `lemma`.
    pub fn between(form: &str, lemma: &str) -> Script {
        let mut best: Option<(usize, Script)> = None;
        for lower in [false, true] {
            let base: String = if lower {
                form.chars().flat_map(char::to_lowercase).collect()
            } else {
                form.to_string()
            };
            let lcp = base
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let cut = base.chars().count() - lcp;
            let add: String = lemma.chars().skip(lcp).collect();
            let cost = cut + add.chars().count() + lower as usize;
            if cut <= 255 && best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((
                    cost,
                    Script {
                        lower,
                        cut: cut as u8,
                        add,
                    },
                ));
            }
        }
        best.map(|b| b.1).unwrap_or(Script {
            lower: false,
            cut: 0,
            add: String::new(),
        })
    }

    /// Apply to a form; None when the form is too short for the cut.
    pub fn apply(&self, form: &str) -> Option<String> {
        let base: String = if self.lower {
            form.chars().flat_map(char::to_lowercase).collect()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if (self.cut as usize) > n || (self.cut as usize == n && self.add.is_empty()) {
            return None;
        }
        let mut out: String = base.chars().take(n - self.cut as usize).collect();
        out.push_str(&self.add);
        Some(out)
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Lemmatiser {
    scripts: Vec<Script>,
    pub(crate) weights: Weights,
    exc_keys: Vec<u64>,
    exc_lemmas: Vec<String>,
    #[serde(skip)]
    exc: HashIndex<u32>,
    #[serde(skip)]
    memo: Memo,
}

/// Lemmas the classifier chose, by (form's hash, UPOS, sentence-initial): a lemma
/// depends on nothing else, and news repeats its words, so most words are
/// looked up rather than scored. Cleared when it holds [`Memo::CAP`] forms
/// (bounded memory); a thread that finds it busy scores without it.
#[derive(Default)]
struct Memo(Mutex<HashMap<(u64, Upos, bool), String>>);

impl Memo {
    const CAP: usize = 20_000;
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

fn exc_key(form: &str, upos: Upos) -> u64 {
    feat2(900, hash_str(form), upos.index() as u64)
}

fn features(lex: &Lex, upos: Upos, first: bool, out: &mut Vec<u64>) {
    out.clear();
    let u = upos.index() as u64;
    out.push(feat1(0, u));
    out.push(feat2(1, lex.lower, u));
    for (k, s) in lex.suf.iter().enumerate() {
        out.push(feat3(2, k as u64, *s, u));
    }
    for (k, s) in lex.suf.iter().take(3).enumerate() {
        out.push(feat2(3, k as u64, *s));
    }
    out.push(feat2(4, lex.pre[1], u));
    out.push(feat3(5, lex.shape, u, first as u64));
    out.push(feat3(6, lex.class as u64, u, first as u64));
}

impl Lemmatiser {
    pub fn prepare(&mut self) {
        self.memo = Memo::default();
        self.weights.prepare();
        self.exc = HashIndex::build(
            self.exc_keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32)),
        );
    }

    pub fn is_consistent(&self) -> bool {
        self.weights.is_consistent()
            && self.exc_keys.len() == self.exc_lemmas.len()
            && self.weights.nclass as usize == self.scripts.len()
    }

    pub fn n_exceptions(&self) -> usize {
        self.exc_keys.len()
    }

    /// The lemma of one word.
    pub fn lemma(&self, form: &str, lex: &Lex, upos: Upos, first: bool) -> String {
        if let Some(i) = self.exc.get(exc_key(form, upos)) {
            return self.exc_lemmas[i as usize].clone();
        }
        if form.chars().any(char::is_uppercase) {
            if let Some(i) = self.exc.get(exc_key(&form.to_lowercase(), upos)) {
                return self.exc_lemmas[i as usize].clone();
            }
        }
        if self.scripts.is_empty() {
            return form.to_string();
        }
        let key = (hash_str(form), upos, first);
        if let Ok(memo) = self.memo.0.try_lock() {
            if let Some(l) = memo.get(&key) {
                return l.clone();
            }
        }
        let lemma = self.scored(form, lex, upos, first);
        if let Ok(mut memo) = self.memo.0.try_lock() {
            if memo.len() >= Memo::CAP {
                memo.clear();
            }
            memo.insert(key, lemma.clone());
        }
        lemma
    }

    /// The lemma the classifier's best applicable script gives.
    fn scored(&self, form: &str, lex: &Lex, upos: Upos, first: bool) -> String {
        let mut feats = Vec::with_capacity(16);
        features(lex, upos, first, &mut feats);
        let mut scores = vec![0f32; self.scripts.len()];
        self.weights.score(&feats, &mut scores);
        // The best script that applies (a form too short for a cut: the next best).
        for _ in 0..5 {
            let c = argmax(&scores);
            if let Some(l) = self.scripts[c].apply(form) {
                return l;
            }
            scores[c] = f32::NEG_INFINITY;
        }
        form.to_string()
    }

    /// Train on (form, UPOS, lemma, sentence-initial) examples.
    pub fn train(
        data: &[(String, Upos, String, bool)],
        epochs: usize,
        seed: u64,
        progress: &mut dyn FnMut(&str),
    ) -> Lemmatiser {
        // Script classes seen at least twice; rarer forms go to the exception table.
        let mut counts: HashMap<Script, usize> = HashMap::new();
        let scripts_of: Vec<Script> = data
            .iter()
            .map(|(f, _, l, _)| Script::between(f, l))
            .collect();
        for s in &scripts_of {
            *counts.entry(s.clone()).or_insert(0) += 1;
        }
        let mut scripts: Vec<Script> = counts
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(s, _)| s.clone())
            .collect();
        scripts.sort_by(|a, b| {
            counts[b]
                .cmp(&counts[a])
                .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
        });
        let ids: HashMap<&Script, usize> =
            scripts.iter().enumerate().map(|(i, s)| (s, i)).collect();
        let lex: Vec<Lex> = data.iter().map(|(f, ..)| Lex::of(f)).collect();
        let nc = scripts.len().max(1);
        let mut t = Trainer::new(nc);
        let mut rng = SplitMix(seed);
        let mut order: Vec<usize> = (0..data.len())
            .filter(|&i| ids.contains_key(&scripts_of[i]))
            .collect();
        let mut feats = Vec::new();
        let mut scores = vec![0f32; nc];
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let mut err = 0;
            for &i in &order {
                let (_, upos, _, first) = &data[i];
                features(&lex[i], *upos, *first, &mut feats);
                t.score(&feats, &mut scores);
                let p = argmax(&scores);
                let g = ids[&scripts_of[i]];
                if p != g {
                    t.update(&feats, g, p, 1.0);
                    err += 1;
                }
                t.tick();
            }
            progress(&format!(
                "lemmatiser epoch {epoch}: train errors {:.4}",
                err as f64 / order.len().max(1) as f64
            ));
        }
        let mut m = Lemmatiser {
            scripts,
            weights: t.average(1e-3),
            ..Default::default()
        };
        m.prepare();
        // Exceptions: the most frequent lemma of each (form, UPOS) the classifier misses.
        let mut freq: HashMap<(&str, Upos), HashMap<&str, usize>> = HashMap::new();
        for (f, u, l, _) in data {
            *freq
                .entry((f.as_str(), *u))
                .or_default()
                .entry(l.as_str())
                .or_insert(0) += 1;
        }
        let mut keys: Vec<_> = freq.keys().copied().collect();
        keys.sort();
        let mut exc: Vec<(u64, String)> = Vec::new();
        for (f, u) in keys {
            let lemmas = &freq[&(f, u)];
            let best = lemmas
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|x| *x.0)
                .unwrap_or(f);
            if m.lemma(f, &Lex::of(f), u, false) != best {
                exc.push((exc_key(f, u), best.to_string()));
            }
        }
        m.exc_keys = exc.iter().map(|e| e.0).collect();
        m.exc_lemmas = exc.into_iter().map(|e| e.1).collect();
        m.prepare();
        progress(&format!(
            "lemmatiser: {} scripts, {} exceptions",
            m.scripts.len(),
            m.exc_keys.len()
        ));
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_round_trip() {
        for (f, l) in [
            ("mangeait", "manger"),
            ("Le", "le"),
            ("est", "être"),
            ("Paris", "Paris"),
            ("chevaux", "cheval"),
            ("", ""),
        ] {
            let s = Script::between(f, l);
            assert_eq!(s.apply(f).unwrap_or_default(), l, "{f} {s:?}");
        }
        assert_eq!(Script::between("mangeait", "manger").cut, 3);
    }

    #[test]
    fn learns_and_keeps_exceptions() {
        let mut data = Vec::new();
        for v in ["parl", "mang", "chant", "aim", "jou", "regard"] {
            data.push((format!("{v}ait"), Upos::Verb, format!("{v}er"), false));
            data.push((format!("{v}ons"), Upos::Verb, format!("{v}er"), false));
        }
        data.push(("est".into(), Upos::Aux, "être".into(), false));
        let m = Lemmatiser::train(&data, 5, 1, &mut |_| {});
        assert_eq!(
            m.lemma("dansait", &Lex::of("dansait"), Upos::Verb, false),
            "danser"
        );
        assert_eq!(m.lemma("est", &Lex::of("est"), Upos::Aux, false), "être");
        assert_eq!(m.lemma("Est", &Lex::of("Est"), Upos::Aux, true), "être");
    }
}
