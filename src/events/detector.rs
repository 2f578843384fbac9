//! The trained event detector: for each candidate trigger word of a parsed
//! sentence (a verb, noun or adjective), whether it reports an event, of which
//! PLOVER type and in which mode.
//!
//! Two averaged perceptrons of the shared learner ([`crate::learn`]): one over
//! 17 classes (no event + the 16 PLOVER types), one over the modes (trained on
//! the events only, its choice restricted to the modes the type allows). The
//! features ([`super::features`]) come from the parse (lemma, form, UPOS,
//! relation, head, children and their prepositions, negation and modal
//! auxiliaries), the recognised entities of the subject and objects, and the
//! lexicon's own suggestion for the word (`ontology/lang/<lang>/events.tsv`).
//!
//! Trained on the annotated sentences of `tests/data/events/` (`newsgraph
//! events train`); the shipped models are `ontology/models/events-{fr,en}.bin`,
//! embedded and loaded once, on first use ([`Detector::embedded`]).
//!
//! Reads: `words`, `mentions`, `tokens`, `folded`. Writes nothing: the events
//! stage ([`super::extract`]) turns its decisions into events.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::features::{candidate, features, SentenceView};
use crate::doc::{Document, Lang};
use crate::lang::Resources;
use crate::learn::hash::{finish, mix};
use crate::learn::{argmax, argmax_where, SplitMix, Trainer, Weights};
use crate::plover::{Mode, Plover};

/// Number of type classes: no event + the 16 PLOVER types.
const NT: usize = 17;

fn type_class(p: Plover) -> usize {
    1 + Plover::ALL.iter().position(|&x| x == p).unwrap_or(0)
}

fn class_type(c: usize) -> Option<Plover> {
    c.checked_sub(1).and_then(|i| Plover::ALL.get(i).copied())
}

fn mode_class(m: Option<Mode>) -> usize {
    m.and_then(|m| Mode::ALL.iter().position(|&x| x == m))
        .map_or(0, |i| i + 1)
}

fn class_mode(c: usize) -> Option<Mode> {
    c.checked_sub(1).and_then(|i| Mode::ALL.get(i).copied())
}

/// The features of the mode classifier: every type feature, conjoined with the type.
fn mode_features(feats: &[u64], class: usize, out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        feats
            .iter()
            .map(|&f| finish(mix(f, 0x6d6f_6465 + class as u64))),
    );
}

/// What the detector says about one candidate word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decision {
    /// Index into `Document::words`.
    pub word: usize,
    /// The best event type (even when `margin` says no event).
    pub plover: Plover,
    pub mode: Option<Mode>,
    /// Score of the best event type minus the score of "no event": positive when
    /// the detector calls it an event.
    pub margin: f32,
}

impl Decision {
    pub fn is_event(&self) -> bool {
        self.margin > 0.0
    }
}

/// Settings of [`Detector::train`]; the defaults made the shipped models.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Most epochs (the best on the dev set is kept).
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Averaged weights below this magnitude are dropped.
    pub prune: f32,
    /// Weight of an update on a missed event (events are rare among candidates).
    pub positive_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            seed: 42,
            prune: 0.05,
            positive_weight: 4.0,
        }
    }
}

/// A trained detector.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Detector {
    lang: String,
    types: Weights,
    modes: Weights,
}

/// Errors of reading a corpus or a model: the learner's data and model errors.
pub type DetectorError = crate::learn::DataError;

const MAGIC: &[u8] = b"NGEVTMDL";
/// Bumped when the features or the file layout change.
const VERSION: u32 = 1;

static EMBEDDED_FR: &[u8] = include_bytes!("../../ontology/models/events-fr.bin");
static EMBEDDED_EN: &[u8] = include_bytes!("../../ontology/models/events-en.bin");

impl Detector {
    /// The shipped detector of a language, loaded on first use; None when the build
    /// has no trained weights for it.
    pub fn embedded(lang: Lang) -> Option<&'static Detector> {
        static FR: OnceLock<Option<Detector>> = OnceLock::new();
        static EN: OnceLock<Option<Detector>> = OnceLock::new();
        let (cell, bytes) = match lang {
            Lang::Fr => (&FR, EMBEDDED_FR),
            Lang::En => (&EN, EMBEDDED_EN),
        };
        cell.get_or_init(|| {
            let detector = (!bytes.is_empty())
                .then(|| Detector::from_bytes(bytes).expect("embedded event detector"));
            crate::memory::release_embedded(bytes);
            detector
        })
        .as_ref()
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The model file: magic `NGEVTMDL`, u32 format version, bincode payload.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend(bincode::serialize(self).expect("serialise detector"));
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Detector, DetectorError> {
        let payload = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| DetectorError::BadModel("not an event detector model".into()))?;
        let version = payload
            .get(..4)
            .map(|v| u32::from_le_bytes([v[0], v[1], v[2], v[3]]));
        if version != Some(VERSION) {
            return Err(DetectorError::BadModel(format!(
                "format version {version:?}, expected {VERSION}"
            )));
        }
        let d: Detector = bincode::deserialize(&payload[4..])
            .map_err(|e| DetectorError::BadModel(e.to_string()))?;
        let ok = d.types.is_consistent()
            && d.modes.is_consistent()
            && d.types.nclass as usize == NT
            && d.modes.nclass as usize == Mode::ALL.len() + 1;
        if !ok {
            return Err(DetectorError::BadModel("inconsistent weights".into()));
        }
        Ok(d)
    }

    /// Number of non-zero weights (types + modes).
    pub fn n_weights(&self) -> usize {
        self.types.n_weights() + self.modes.n_weights()
    }

    /// The decision on every candidate word of sentence `s`, in text order.
    pub fn sentence(&self, doc: &Document, res: &Resources, s: usize) -> Vec<Decision> {
        let view = SentenceView::new(doc, res, s);
        let mut out = Vec::new();
        let mut feats = Vec::with_capacity(96);
        let mut mfeats = Vec::with_capacity(96);
        for w in view.words.clone() {
            if !candidate(doc, w) {
                continue;
            }
            features(doc, res, &view, w, &mut feats);
            out.push(self.decide(w, &feats, &mut mfeats));
        }
        out
    }

    fn decide(&self, word: usize, feats: &[u64], mfeats: &mut Vec<u64>) -> Decision {
        let mut scores = [0f32; NT];
        self.types.score(feats, &mut scores);
        let best = argmax_where(&scores, |c| c > 0).unwrap_or(1);
        let plover = class_type(best).unwrap_or(Plover::Assault);
        mode_features(feats, best, mfeats);
        let mut ms = vec![0f32; Mode::ALL.len() + 1];
        self.modes.score(mfeats, &mut ms);
        let allowed = plover.modes();
        let mode = argmax_where(&ms, |c| {
            c == 0 || class_mode(c).is_some_and(|m| allowed.contains(&m))
        })
        .and_then(class_mode);
        Decision {
            word,
            plover,
            mode,
            margin: scores[best] - scores[0],
        }
    }

    /// Train on annotated sentences; `dev` (when not empty) selects the best epoch by
    /// typed micro F1.
    pub fn train(
        lang: Lang,
        train: &[Instance],
        dev: &[Instance],
        opts: &TrainOptions,
        progress: &mut dyn FnMut(&str),
    ) -> Detector {
        let TrainOptions {
            epochs,
            seed,
            prune,
            positive_weight,
        } = *opts;
        let mut types = Trainer::new(NT);
        let mut modes = Trainer::new(Mode::ALL.len() + 1);
        let mut rng = SplitMix(seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut scores = [0f32; NT];
        let mut ms = vec![0f32; Mode::ALL.len() + 1];
        let mut mfeats = Vec::new();
        let mut best: Option<(f64, Detector)> = None;
        let mut since_best = 0;
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let mut err = 0usize;
            for &i in &order {
                let x = &train[i];
                types.score(&x.feats, &mut scores);
                let p = argmax(&scores);
                if p != x.class {
                    // Events are rare among candidates: a missed one costs more.
                    let d = if x.class > 0 { positive_weight } else { 1.0 };
                    types.update(&x.feats, x.class, p, d);
                    err += 1;
                }
                types.tick();
                if x.class > 0 {
                    mode_features(&x.feats, x.class, &mut mfeats);
                    modes.score(&mfeats, &mut ms);
                    let pm = argmax(&ms);
                    modes.update(&mfeats, x.mode, pm, 1.0);
                    modes.tick();
                }
            }
            let model = Detector {
                lang: lang.code().to_string(),
                types: types.average(prune),
                modes: modes.average(prune),
            };
            let score = if dev.is_empty() {
                1.0 - err as f64 / train.len().max(1) as f64
            } else {
                model.evaluate(dev).micro().f1()
            };
            progress(&format!(
                "events epoch {epoch}: train errors {:.4}, {} {score:.4}",
                err as f64 / train.len().max(1) as f64,
                if dev.is_empty() {
                    "train accuracy"
                } else {
                    "dev typed F1"
                }
            ));
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, model));
                since_best = 0;
            } else {
                since_best += 1;
                if !dev.is_empty() && since_best >= 4 {
                    break;
                }
            }
        }
        best.map(|b| b.1).unwrap_or_default()
    }

    /// Per-type precision, recall and F1 of trigger detection on instances.
    pub fn evaluate(&self, data: &[Instance]) -> Report {
        self.evaluate_at(data, 0.0)
    }

    /// The same, calling an event every word whose margin exceeds `threshold`.
    pub fn evaluate_at(&self, data: &[Instance], threshold: f32) -> Report {
        let mut r = Report::default();
        let mut mfeats = Vec::new();
        for x in data {
            let gold = class_type(x.class);
            let pred = if x.feats.is_empty() {
                None
            } else {
                let d = self.decide(0, &x.feats, &mut mfeats);
                (d.margin > threshold).then_some(d.plover)
            };
            r.add(gold, pred);
        }
        r
    }
}

/// One candidate word of the corpus (or a gold trigger no candidate covers, with
/// no features: a miss for recall).
#[derive(Clone, Debug)]
pub struct Instance {
    pub feats: Vec<u64>,
    /// 0 no event, else 1 + the PLOVER type's index.
    pub class: usize,
    /// 0 no mode, else 1 + the mode's index.
    pub mode: usize,
}

/// Counts per type.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Trigger detection scores: per type, and untyped ("is an event").
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub per_type: BTreeMap<Plover, Counts>,
    pub untyped: Counts,
}

impl Report {
    fn add(&mut self, gold: Option<Plover>, pred: Option<Plover>) {
        match (gold, pred) {
            (Some(g), Some(p)) => {
                self.untyped.tp += 1;
                if g == p {
                    self.per_type.entry(g).or_default().tp += 1;
                } else {
                    self.per_type.entry(g).or_default().fn_ += 1;
                    self.per_type.entry(p).or_default().fp += 1;
                }
            }
            (Some(g), None) => {
                self.untyped.fn_ += 1;
                self.per_type.entry(g).or_default().fn_ += 1;
            }
            (None, Some(p)) => {
                self.untyped.fp += 1;
                self.per_type.entry(p).or_default().fp += 1;
            }
            (None, None) => {}
        }
    }

    /// Micro-averaged over types.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.per_type.values() {
            c.tp += v.tp;
            c.fp += v.fp;
            c.fn_ += v.fn_;
        }
        c
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}",
            "type", "P", "R", "F1", "tp", "fp", "fn"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{name:<10} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )
        };
        for (t, c) in &self.per_type {
            row(f, t.as_str(), c)?;
        }
        row(f, "micro", &self.micro())?;
        row(f, "untyped", &self.untyped)
    }
}

/// One gold event of a corpus line.
#[derive(Deserialize)]
struct GoldEvent {
    #[serde(rename = "type")]
    plover: String,
    mode: Option<String>,
    trigger: String,
    trigger_start: usize,
    #[serde(default)]
    negated: bool,
    #[serde(default)]
    hypothetical: bool,
}

#[derive(Deserialize)]
struct Record {
    text: String,
    events: Vec<GoldEvent>,
}

/// A gold trigger: byte span in the text, type (None: a negated or hypothetical
/// entry, a negative), mode.
pub type GoldTrigger = (std::ops::Range<usize>, Option<Plover>, Option<Mode>);

/// Read an event corpus (`tests/data/events/*.jsonl`): each line's text and gold triggers.
pub fn read_corpus(path: &Path) -> Result<Vec<(String, Vec<GoldTrigger>)>, DetectorError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| DetectorError::Io {
        path: name.clone(),
        source,
    })?;
    parse_corpus(&name, &text)
}

/// Parse an event corpus's text (`name` for the messages).
pub fn parse_corpus(
    name: &str,
    text: &str,
) -> Result<Vec<(String, Vec<GoldTrigger>)>, DetectorError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |msg: String| DetectorError::Format {
            path: name.to_string(),
            line: i + 1,
            msg,
        };
        let r: Record = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let mut triggers = Vec::new();
        for e in &r.events {
            let (plover, mode) = Plover::with_mode(&e.plover, e.mode.as_deref().unwrap_or(""))
                .or_else(|_| Plover::with_mode(&e.plover, ""))
                .map_err(|err| bad(err.to_string()))?;
            let start = r
                .text
                .char_indices()
                .nth(e.trigger_start)
                .map(|(b, _)| b)
                .ok_or_else(|| bad(format!("trigger_start {} beyond the text", e.trigger_start)))?;
            let end = start + e.trigger.len();
            if r.text.get(start..end) != Some(e.trigger.as_str()) {
                return Err(bad(format!(
                    "trigger {:?} not at character {}",
                    e.trigger, e.trigger_start
                )));
            }
            let flagged = e.negated || e.hypothetical;
            triggers.push((start..end, (!flagged).then_some(plover), mode));
        }
        out.push((r.text, triggers));
    }
    Ok(out)
}

/// The instances of one analysed sentence text: every candidate word, labelled by
/// the gold trigger whose head it is; gold triggers without a candidate head become
/// feature-less instances (misses).
pub fn instances(doc: &Document, res: &Resources, gold: &[GoldTrigger], out: &mut Vec<Instance>) {
    let mut label: Vec<Option<(usize, usize)>> = vec![None; doc.words.len()];
    for (span, plover, mode) in gold {
        let head = trigger_head(doc, span);
        match head {
            Some(w) => {
                if label[w].is_none() || plover.is_some() {
                    label[w] = Some((plover.map_or(0, type_class), mode_class(*mode)));
                }
            }
            None => {
                if let Some(p) = plover {
                    out.push(Instance {
                        feats: Vec::new(),
                        class: type_class(*p),
                        mode: mode_class(*mode),
                    });
                }
            }
        }
    }
    let mut feats = Vec::new();
    for s in 0..doc.sentences.len() {
        let view = SentenceView::new(doc, res, s);
        for w in view.words.clone() {
            if !candidate(doc, w) {
                continue;
            }
            features(doc, res, &view, w, &mut feats);
            let (class, mode) = label[w].unwrap_or((0, 0));
            out.push(Instance {
                feats: feats.clone(),
                class,
                mode,
            });
        }
    }
}

/// The instances of corpus files, each sentence analysed by `analyse` (segment,
/// parse and recognise, as the pipeline does).
pub fn load_instances(
    paths: &[impl AsRef<Path>],
    res: &Resources,
    analyse: &dyn Fn(&str) -> Document,
) -> Result<Vec<Instance>, DetectorError> {
    let mut out = Vec::new();
    for p in paths {
        for (text, gold) in read_corpus(p.as_ref())? {
            let doc = analyse(&text);
            instances(&doc, res, &gold, &mut out);
        }
    }
    Ok(out)
}

/// The head word of a trigger span: a candidate word of the span whose head lies
/// outside it, else the first candidate in it.
fn trigger_head(doc: &Document, span: &std::ops::Range<usize>) -> Option<usize> {
    let inside = |w: usize| {
        let t = &doc.tokens[doc.words[w].token].span;
        t.start < span.end && span.start < t.end
    };
    let words: Vec<usize> = (0..doc.words.len()).filter(|&w| inside(w)).collect();
    words
        .iter()
        .copied()
        .find(|&w| candidate(doc, w) && doc.words[w].head.is_none_or(|h| !inside(h)))
        .or_else(|| words.iter().copied().find(|&w| candidate(doc, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_indices_round_trip() {
        for &p in Plover::ALL {
            assert_eq!(class_type(type_class(p)), Some(p));
        }
        assert_eq!(class_type(0), None);
        for &m in Mode::ALL {
            assert_eq!(class_mode(mode_class(Some(m))), Some(m));
        }
        assert_eq!(mode_class(None), 0);
    }

    use crate::doc::Lang;
    use crate::pipeline::Pipeline;
    use std::sync::OnceLock;

    fn pipeline() -> &'static Pipeline {
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(|| Pipeline::new().expect("pipeline"))
    }

    fn corpus(name: &str, lines: usize) -> Vec<Instance> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/events")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let text: String = text.lines().take(lines).map(|l| format!("{l}\n")).collect();
        let p = pipeline();
        let res = p.resources(Lang::En);
        let mut out = Vec::new();
        for (t, gold) in parse_corpus(name, &text).unwrap() {
            instances(&p.analyse_text(&t, Lang::En), res, &gold, &mut out);
        }
        out
    }

    #[test]
    fn a_small_training_run_learns_and_survives_saving() {
        let train = corpus("en.train.jsonl", 500);
        let dev = corpus("en.dev.jsonl", 240);
        let opts = TrainOptions {
            epochs: 6,
            seed: 7,
            ..TrainOptions::default()
        };
        let d = Detector::train(Lang::En, &train, &[], &opts, &mut |_| {});
        let r = d.evaluate(&dev);
        // Floor well below the shipped model's dev score (untyped F1 0.43).
        assert!(r.untyped.f1() > 0.15, "{r}");
        let back = Detector::from_bytes(&d.to_bytes()).unwrap();
        assert_eq!(back.evaluate(&dev).to_string(), r.to_string());
        let p = pipeline();
        let doc = p.analyse_text(
            "Lavrov hosts Bayramov and Mnatsakanian in Moscow.",
            Lang::En,
        );
        let res = p.resources(Lang::En);
        assert_eq!(d.sentence(&doc, res, 0), back.sentence(&doc, res, 0));
        assert!(Detector::from_bytes(b"not a model").is_err());
    }

    #[test]
    fn a_malformed_corpus_line_names_file_and_line() {
        let good = r#"{"text": "Troops attacked the town.", "events": [{"type": "ASSAULT", "mode": null, "trigger": "attacked", "trigger_start": 7}]}"#;
        let gold = parse_corpus("x.jsonl", good).unwrap();
        assert_eq!(gold[0].1[0].0, 7..15);
        let text = format!("{good}\n{{\"text\": \"oops\"\n");
        let e = parse_corpus("x.jsonl", &text).unwrap_err().to_string();
        assert!(e.starts_with("x.jsonl:2: "), "{e}");
        assert!(!e.contains('\n'));
        let shifted = good.replace("\"trigger_start\": 7", "\"trigger_start\": 8");
        let e = parse_corpus("y.jsonl", &shifted).unwrap_err().to_string();
        assert!(e.starts_with("y.jsonl:1: "), "{e}");
    }

    #[test]
    fn report_counts() {
        let mut r = Report::default();
        r.add(Some(Plover::Consult), Some(Plover::Consult));
        r.add(Some(Plover::Assault), Some(Plover::Consult));
        r.add(None, Some(Plover::Accuse));
        r.add(Some(Plover::Agree), None);
        assert_eq!(r.untyped.tp, 2);
        assert_eq!(r.micro().tp, 1);
        assert_eq!(r.micro().fp, 2);
        assert_eq!(r.micro().fn_, 2);
        assert!(r.to_string().contains("CONSULT"));
    }
}
