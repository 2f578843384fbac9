//! Span-level evaluation (exact match of start, end and type), CoNLL-style.

use super::EntityKind;
use std::fmt;

/// Extract spans `(start, end, kind)` from IOB2 tags. An `I-X` that does not continue
/// an X entity opens a new one (as conlleval does); unknown tags count as `O`.
pub fn spans_of(tags: &[impl AsRef<str>]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (bio, kind) = match t.split_once('-') {
            Some((b, k)) => match EntityKind::from_label(k) {
                Some(k) => (b, Some(k)),
                None => ("O", None),
            },
            None => ("O", None),
        };
        let continues = bio == "I" && matches!(cur, Some((_, k)) if Some(k) == kind);
        if !continues {
            if let Some((s, k)) = cur.take() {
                out.push((s, i, k));
            }
            if let Some(k) = kind {
                cur = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = cur {
        out.push((s, tags.len(), k));
    }
    out
}

/// Counts per entity type: true positives, predicted spans, gold spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    /// Indexed by `EntityKind as usize`.
    pub tp: [usize; 4],
    pub pred: [usize; 4],
    pub gold: [usize; 4],
    pub tokens: usize,
    pub sentences: usize,
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl EvalReport {
    /// Add one sentence (gold tags, predicted tags).
    pub fn add(&mut self, gold: &[impl AsRef<str>], pred: &[impl AsRef<str>]) {
        let g = spans_of(gold);
        let p = spans_of(pred);
        for s in &g {
            self.gold[s.2.index()] += 1;
        }
        for s in &p {
            self.pred[s.2.index()] += 1;
            if g.contains(s) {
                self.tp[s.2.index()] += 1;
            }
        }
        self.tokens += gold.len();
        self.sentences += 1;
    }

    /// Merge another report into this one.
    pub fn merge(&mut self, o: &EvalReport) {
        for i in 0..4 {
            self.tp[i] += o.tp[i];
            self.pred[i] += o.pred[i];
            self.gold[i] += o.gold[i];
        }
        self.tokens += o.tokens;
        self.sentences += o.sentences;
    }

    /// (precision, recall, F1) of one type.
    pub fn prf(&self, kind: EntityKind) -> (f64, f64, f64) {
        let i = kind.index();
        prf(self.tp[i], self.pred[i], self.gold[i])
    }

    /// Micro (precision, recall, F1) over the given kinds.
    pub fn typed_prf(&self, kinds: &[EntityKind]) -> (f64, f64, f64) {
        let (mut tp, mut p, mut g) = (0, 0, 0);
        for k in kinds {
            tp += self.tp[k.index()];
            p += self.pred[k.index()];
            g += self.gold[k.index()];
        }
        prf(tp, p, g)
    }

    /// Micro F1 over the given kinds (we report PER/ORG/LOC).
    pub fn typed_f1(&self, kinds: &[EntityKind]) -> f64 {
        self.typed_prf(kinds).2
    }

    /// Micro (precision, recall, F1) over all four types.
    pub fn overall(&self) -> (f64, f64, f64) {
        self.typed_prf(&EntityKind::ALL)
    }

    /// Micro F1 over PER, ORG and LOC (the project's headline score).
    pub fn f1_per_org_loc(&self) -> f64 {
        self.typed_f1(&[EntityKind::Per, EntityKind::Org, EntityKind::Loc])
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} sentences, {} tokens", self.sentences, self.tokens)?;
        writeln!(
            f,
            "{:<12} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "type", "gold", "pred", "tp", "prec", "rec", "F1"
        )?;
        let mut row = |name: &str, tp: usize, p: usize, g: usize| {
            let (pr, rc, f1) = prf(tp, p, g);
            writeln!(
                f,
                "{:<12} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
                name, g, p, tp, pr, rc, f1
            )
        };
        for k in EntityKind::ALL {
            let i = k.index();
            row(k.as_str(), self.tp[i], self.pred[i], self.gold[i])?;
        }
        let sum = |a: &[usize; 4], idx: &[usize]| idx.iter().map(|&i| a[i]).sum::<usize>();
        let pol = [0, 1, 2];
        row(
            "PER+ORG+LOC",
            sum(&self.tp, &pol),
            sum(&self.pred, &pol),
            sum(&self.gold, &pol),
        )?;
        let all = [0, 1, 2, 3];
        row(
            "all",
            sum(&self.tp, &all),
            sum(&self.pred, &all),
            sum(&self.gold, &all),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_scoring() {
        let gold = ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"];
        let pred = ["B-PER", "I-PER", "O", "B-ORG", "B-ORG", "O"];
        let mut r = EvalReport::default();
        r.add(&gold, &pred);
        assert_eq!(r.tp, [1, 0, 0, 0]);
        assert_eq!(r.pred, [1, 2, 0, 0]);
        assert_eq!(r.gold, [1, 1, 1, 0]);
        assert!((r.typed_f1(&[EntityKind::Per]) - 1.0).abs() < 1e-9);
        assert!((r.f1_per_org_loc() - 2.0 * (1.0 / 3.0) * (1.0 / 3.0) / (2.0 / 3.0)).abs() < 1e-9);
        assert_eq!(
            spans_of(&["I-LOC", "I-LOC", "I-PER"]),
            vec![(0, 2, EntityKind::Loc), (2, 3, EntityKind::Per)]
        );
        let s = r.to_string();
        assert!(s.contains("PER+ORG+LOC"));
    }
}
