//! Averaged structured perceptron with first-order Viterbi decoding over IOB2 tags,
//! training with dev-set early stopping, and the compact model file format.

use super::conll::{self, Sentence};
use super::eval::EvalReport;
use super::features::{
    Extractor, FeatBuf, FeatureConfig, HashIndex, LexIndex, Lexicon, LexiconBuilder, W_COMMON,
    W_FIRSTNAME,
};
use super::{EntityKind, NerError, TaggedSpan};
use crate::learn::hash::KeyIndex;
use crate::learn::SplitMix;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Number of tags: O, B-PER, B-ORG, B-LOC, B-MISC, I-PER, I-ORG, I-LOC, I-MISC.
pub const NT: usize = 9;
pub const TAG_NAMES: [&str; NT] = [
    "O", "B-PER", "B-ORG", "B-LOC", "B-MISC", "I-PER", "I-ORG", "I-LOC", "I-MISC",
];

const MAGIC: &[u8; 8] = b"NGNERMDL";
const FORMAT_VERSION: u32 = 1;

fn tag_index(t: &str) -> usize {
    TAG_NAMES.iter().position(|x| *x == t).unwrap_or(0)
}

/// Whether tag `cur` may follow tag `prev` (None = sentence start) in IOB2.
#[inline]
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur < 5 {
        return true;
    }
    let k = cur - 5;
    matches!(prev, Some(p) if p == 1 + k || p == 5 + k)
}

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Maximum number of epochs.
    pub epochs: usize,
    /// Stop after this many epochs without dev improvement (when dev files are given).
    pub patience: usize,
    /// Seed of the shuffling PRNG (splitmix64).
    pub seed: u64,
    /// Use the curated lexicon (KB names, demonyms, title/organisation words, first names).
    pub use_lexicon: bool,
    pub features: FeatureConfig,
    /// Features seen fewer times than this in the training data are ignored.
    pub min_feature_count: u32,
    /// Features whose largest |averaged weight| is below this are pruned from the model.
    pub prune_below: f32,
    /// Per-corpus update weights: a training file whose name contains the string gets the
    /// weight (e.g. `("europeana", 0.5)` to down-weight OCR text). Default 1.
    pub corpus_weights: Vec<(String, f32)>,
    /// Map MISC to O in the training data.
    pub drop_misc: bool,
    /// Use at most this many sentences of each training file (tests, experiments).
    pub max_sentences_per_file: Option<usize>,
    /// A first name (from PER entities of the training data) must occur this many times.
    pub first_name_min_count: usize,
    /// Dev score used for early stopping: micro F1 over these kinds.
    pub select_kinds: Vec<EntityKind>,
    /// Number of training runs with seeds `seed`, `seed+1`, ...; the model is the mean
    /// of their averaged weights (reduces the variance due to the shuffling order).
    pub seeds: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            patience: 3,
            seed: 42,
            use_lexicon: true,
            features: FeatureConfig::default(),
            min_feature_count: 1,
            prune_below: 0.02,
            corpus_weights: Vec::new(),
            drop_misc: false,
            max_sentences_per_file: None,
            first_name_min_count: 2,
            select_kinds: vec![EntityKind::Per, EntityKind::Org, EntityKind::Loc],
            seeds: 1,
        }
    }
}

impl TrainConfig {
    /// The settings the shipped models were trained with (`ontology/models/ner-<lang>.md`):
    /// 4 averaged runs (seeds 42..45), features seen at least twice, and per-corpus
    /// weights. French: up to 30 epochs with early stopping on the dev file (patience 3),
    /// Sequoia weighted 3, Europeana (OCR) 0.5. English: 6 epochs (the dev files are only
    /// used for reporting), CrossNER ai/literature/music weighted 0.5. Other languages get
    /// the defaults with 4 runs.
    pub fn preset(lang: &str) -> TrainConfig {
        let base = TrainConfig {
            seeds: 4,
            min_feature_count: 2,
            ..Default::default()
        };
        match lang {
            "fr" => TrainConfig {
                epochs: 30,
                corpus_weights: vec![("sequoia".into(), 3.0), ("europeana".into(), 0.5)],
                ..base
            },
            "en" => TrainConfig {
                epochs: 6,
                patience: 6,
                corpus_weights: vec![
                    ("crossner_ai".into(), 0.5),
                    ("crossner_literature".into(), 0.5),
                    ("crossner_music".into(), 0.5),
                ],
                ..base
            },
            _ => base,
        }
    }
}

/// Provenance stored in the model file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ModelMeta {
    pub train_files: Vec<String>,
    pub dev_files: Vec<String>,
    pub train_sentences: usize,
    pub train_tokens: usize,
    pub epochs_run: usize,
    /// Mean best epoch over the runs (seeds).
    pub best_epoch: usize,
    pub dev_f1_per_org_loc: f64,
    pub train_seconds: f64,
    pub n_features: usize,
    pub config: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct ModelData {
    lang: String,
    features: FeatureConfig,
    lexicon: Lexicon,
    /// Feature hashes, sorted.
    keys: Vec<u64>,
    /// NT quantised weights per key.
    weights: Vec<i16>,
    scale: f32,
    trans: Vec<f32>, // NT*NT, [prev*NT + cur]
    start: Vec<f32>, // NT
    meta: ModelMeta,
}

/// A trained tagger.
pub struct NerModel {
    data: ModelData,
    table: KeyIndex,
    lex: LexIndex,
}

thread_local! {
    static BUF: RefCell<FeatBuf> = RefCell::new(FeatBuf::default());
}

impl std::fmt::Debug for NerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerModel")
            .field("lang", &self.data.lang)
            .field("features", &self.data.keys.len())
            .finish()
    }
}

impl NerModel {
    fn from_data(data: ModelData) -> Result<NerModel, NerError> {
        if data.weights.len() != data.keys.len() * NT
            || data.trans.len() != NT * NT
            || data.start.len() != NT
        {
            return Err(NerError::BadModel("inconsistent array sizes".into()));
        }
        let table = KeyIndex::build(&data.keys);
        let lex = data.lexicon.index();
        Ok(NerModel { data, table, lex })
    }

    /// Load a model from bytes (the content of a `.bin` file).
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, NerError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(NerError::BadModel(
                "not a newsgraph NER model (bad magic header)".into(),
            ));
        }
        let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if v != FORMAT_VERSION {
            return Err(NerError::BadModel(format!(
                "model format version {v}, this build reads version {FORMAT_VERSION}"
            )));
        }
        let data: ModelData = bincode::deserialize(&bytes[12..])
            .map_err(|e| NerError::BadModel(format!("corrupt model: {e}")))?;
        Self::from_data(data)
    }

    /// Load a model from a reader.
    pub fn from_reader(mut r: impl std::io::Read) -> Result<NerModel, NerError> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|e| NerError::Io {
            path: "<model reader>".into(),
            source: e,
        })?;
        Self::from_bytes(&bytes)
    }

    /// Write the model (magic header, format version, bincode payload).
    pub fn save(&self, mut w: impl std::io::Write) -> Result<(), NerError> {
        let io = |e: std::io::Error| NerError::Io {
            path: "<model writer>".into(),
            source: e,
        };
        w.write_all(MAGIC).map_err(io)?;
        w.write_all(&FORMAT_VERSION.to_le_bytes()).map_err(io)?;
        let payload =
            bincode::serialize(&self.data).map_err(|e| NerError::Serialize(e.to_string()))?;
        w.write_all(&payload).map_err(io)?;
        w.flush().map_err(io)
    }

    /// `"fr"` or `"en"`.
    pub fn lang(&self) -> &str {
        &self.data.lang
    }

    /// Provenance and training statistics.
    pub fn meta(&self) -> &ModelMeta {
        &self.data.meta
    }

    /// Descriptions of the lexicon sources the model was trained with.
    pub fn lexicon_sources(&self) -> &[String] {
        &self.data.lexicon.sources
    }

    /// Number of (non-pruned) features.
    pub fn n_features(&self) -> usize {
        self.data.keys.len()
    }

    fn emissions(&self, tokens: &[&str], em: &mut Vec<[f32; NT]>) {
        BUF.with(|b| {
            let mut buf = b.borrow_mut();
            let ex = Extractor {
                cfg: &self.data.features,
                lex: &self.lex,
            };
            ex.extract(tokens, &mut buf);
            em.clear();
            let w = &self.data.weights;
            for i in 0..tokens.len() {
                let mut acc = [0i32; NT];
                for &f in buf.token_feats(i) {
                    if let Some(ix) = self.table.get(&self.data.keys, f) {
                        let row = &w[ix as usize * NT..ix as usize * NT + NT];
                        for t in 0..NT {
                            acc[t] += row[t] as i32;
                        }
                    }
                }
                let mut e = [0f32; NT];
                for t in 0..NT {
                    e[t] = acc[t] as f32 * self.data.scale;
                }
                em.push(e);
            }
        });
    }

    fn decode(&self, tokens: &[&str]) -> (Vec<usize>, Vec<[f32; NT]>) {
        let mut em = Vec::with_capacity(tokens.len());
        self.emissions(tokens, &mut em);
        let tags = viterbi(&em, &self.data.trans, &self.data.start);
        (tags, em)
    }

    /// IOB2 tags of one sentence's tokens (always a valid IOB2 sequence).
    pub fn predict_tags(&self, tokens: &[&str]) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let (tags, _) = self.decode(tokens);
        tags.into_iter().map(|t| TAG_NAMES[t].to_string()).collect()
    }

    /// Entities of one sentence's tokens.
    pub fn predict(&self, tokens: &[&str]) -> Vec<TaggedSpan> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let (tags, em) = self.decode(tokens);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tags.len() {
            let t = tags[i];
            if (1..5).contains(&t) {
                let k = t - 1;
                let mut j = i + 1;
                while j < tags.len() && tags[j] == 5 + k {
                    j += 1;
                }
                let mut m = 0f32;
                for p in i..j {
                    let chosen = em[p][tags[p]];
                    let best_other = (0..NT)
                        .filter(|&x| x != tags[p])
                        .map(|x| em[p][x])
                        .fold(f32::NEG_INFINITY, f32::max);
                    m += chosen - best_other;
                }
                m /= (j - i) as f32;
                out.push(TaggedSpan {
                    start: i,
                    end: j,
                    kind: EntityKind::from_index(k),
                    score: 1.0 / (1.0 + (-m).exp()),
                });
                i = j;
            } else {
                i += 1;
            }
        }
        out
    }
}

impl NerModel {
    /// Entities of the sentences of one document. Tags each sentence like [`predict`],
    /// then makes the labelling consistent within the document: a capitalised token left
    /// untagged that equals the last word of a multi-word PER entity elsewhere in the
    /// document becomes PER (Jacinda Ardern ... Ardern); an untagged occurrence of the
    /// exact text of a predicted entity gets that entity's type; and repeated entity
    /// texts get their majority type.
    ///
    /// [`predict`]: NerModel::predict
    pub fn predict_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TaggedSpan>> {
        let mut out: Vec<Vec<TaggedSpan>> = sentences.iter().map(|s| self.predict(s)).collect();
        // Document statistics.
        let mut by_text: HashMap<String, [f32; 4]> = HashMap::new();
        let mut surnames: HashMap<&str, usize> = HashMap::new();
        for (s, spans) in sentences.iter().zip(&out) {
            for sp in spans {
                let text = s[sp.start..sp.end].join(" ");
                by_text.entry(text).or_insert([0.0; 4])[sp.kind.index()] += 1.0;
                if sp.kind == EntityKind::Per && sp.end - sp.start >= 2 {
                    let last = s[sp.end - 1];
                    if is_cap_word(last) {
                        *surnames.entry(last).or_insert(0) += 1;
                    }
                }
            }
        }
        let majority = |c: &[f32; 4]| -> (EntityKind, f32) {
            let mut best = 0;
            for k in 1..4 {
                if c[k] > c[best] {
                    best = k;
                }
            }
            (EntityKind::from_index(best), c[best])
        };
        let max_len = by_text
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0)
            .min(6);
        for (s, spans) in sentences.iter().zip(out.iter_mut()) {
            // Majority type of repeated entity texts; surnames override single-token spans.
            for sp in spans.iter_mut() {
                let text = s[sp.start..sp.end].join(" ");
                if sp.end - sp.start == 1
                    && sp.kind != EntityKind::Per
                    && surnames.contains_key(s[sp.start])
                    && by_text.get(&text).is_none_or(|c| {
                        c[EntityKind::Per.index()] + surnames[s[sp.start]] as f32
                            > c[sp.kind.index()]
                    })
                {
                    sp.kind = EntityKind::Per;
                    continue;
                }
                if let Some(c) = by_text.get(&text) {
                    let (k, n) = majority(c);
                    if k != sp.kind && n > c[sp.kind.index()] {
                        sp.kind = k;
                    }
                }
            }
            // Untagged tokens.
            let mut covered = vec![false; s.len()];
            for sp in spans.iter() {
                for c in &mut covered[sp.start..sp.end] {
                    *c = true;
                }
            }
            let mut added = Vec::new();
            let mut i = 0;
            while i < s.len() {
                if covered[i] || !is_cap_word(s[i]) {
                    i += 1;
                    continue;
                }
                // longest exact match of an entity text of the document
                let mut found = None;
                let mut text = String::new();
                for len in 1..=max_len.min(s.len() - i) {
                    if covered[i + len - 1] {
                        break;
                    }
                    if len > 1 {
                        text.push(' ');
                    }
                    text.push_str(s[i + len - 1]);
                    if let Some(c) = by_text.get(&text) {
                        found = Some((len, majority(c).0));
                    }
                }
                if found.is_none() && surnames.contains_key(s[i]) {
                    found = Some((1, EntityKind::Per));
                }
                if let Some((len, kind)) = found {
                    // Not when the match is only part of a longer capitalised sequence.
                    let extends = i + len < s.len() && is_cap_word(s[i + len]) && !covered[i + len];
                    if !extends && (i == 0 || !is_cap_word(s[i - 1]) || covered[i - 1]) {
                        added.push(TaggedSpan {
                            start: i,
                            end: i + len,
                            kind,
                            score: 0.5,
                        });
                        i += len;
                        continue;
                    }
                }
                i += 1;
            }
            if !added.is_empty() {
                spans.extend(added);
                spans.sort_by_key(|sp| sp.start);
            }
        }
        out
    }
}

fn is_cap_word(t: &str) -> bool {
    let mut cs = t.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && t.chars().count() >= 2
        && t.chars().any(|c| c.is_lowercase())
}

/// Convert spans back to IOB2 tags for a sentence of `n` tokens.
pub fn spans_to_tags(n: usize, spans: &[TaggedSpan]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for sp in spans {
        for (i, t) in tags
            .iter_mut()
            .enumerate()
            .take(sp.end.min(n))
            .skip(sp.start)
        {
            *t = format!(
                "{}-{}",
                if i == sp.start { "B" } else { "I" },
                sp.kind.as_str()
            );
        }
    }
    tags
}

/// First-order Viterbi with IOB2 constraints. Never returns an invalid sequence.
#[allow(clippy::needless_range_loop)]
pub fn viterbi(em: &[[f32; NT]], trans: &[f32], start: &[f32]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = [NEG; NT];
    let mut back: Vec<[u8; NT]> = vec![[0u8; NT]; n];
    for t in 0..NT {
        if allowed(None, t) {
            score[t] = start[t] + sanitize(em[0][t]);
        }
    }
    for i in 1..n {
        let mut ns = [NEG; NT];
        for c in 0..NT {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..NT {
                if score[p] == NEG || !allowed(Some(p), c) {
                    continue;
                }
                let s = score[p] + trans[p * NT + c];
                if s > best || arg == 0 && best == NEG {
                    best = s;
                    arg = p as u8;
                }
            }
            if best != NEG {
                ns[c] = best + sanitize(em[i][c]);
            }
            back[i][c] = arg;
        }
        score = ns;
    }
    let mut last = 0;
    let mut best = NEG;
    for t in 0..NT {
        if score[t] > best {
            best = score[t];
            last = t;
        }
    }
    let mut tags = vec![0usize; n];
    tags[n - 1] = last;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i]] as usize;
    }
    debug_assert!(tags
        .iter()
        .enumerate()
        .all(|(i, &t)| allowed(if i == 0 { None } else { Some(tags[i - 1]) }, t)));
    tags
}

#[inline]
fn sanitize(x: f32) -> f32 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------
// Training (the shuffling RNG is the shared learner's `SplitMix`)
// ---------------------------------------------------------------------------------------

/// A sentence as feature-row indices.
struct Encoded {
    feats: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
    weight: f32,
}

/// The lexicon directory used when none is given: `$NEWSGRAPH_ONTOLOGY`, else `./ontology`.
pub fn default_lexicon_dir() -> PathBuf {
    std::env::var_os("NEWSGRAPH_ONTOLOGY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("ontology"))
}

fn build_lexicon(
    lang: &str,
    dir: Option<&Path>,
    train: &[Sentence],
    cfg: &TrainConfig,
) -> Result<Lexicon, NerError> {
    let mut b = LexiconBuilder::new(lang);
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(default_lexicon_dir);
    if dir.exists() {
        b.load_dir(&dir)?;
    } else {
        b.sources.push(format!("{}: absent", dir.display()));
    }
    // First names: first token of multi-token PER entities of the training data.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in train {
        for (st, en, k) in super::eval::spans_of(&s.tags) {
            if k == EntityKind::Per && en - st >= 2 {
                let t = &s.tokens[st];
                let mut cs = t.chars();
                if t.chars().count() >= 2
                    && cs.next().is_some_and(|c| c.is_uppercase())
                    && cs.all(|c| c.is_lowercase() || c == '-')
                {
                    *counts.entry(t.clone()).or_insert(0) += 1;
                }
            }
        }
    }
    let mut n = 0;
    let mut names: Vec<_> = counts
        .into_iter()
        .filter(|(_, c)| *c >= cfg.first_name_min_count)
        .collect();
    names.sort();
    for (nm, _) in names {
        b.add_word(&nm, W_FIRSTNAME);
        n += 1;
    }
    b.sources.push(format!(
        "first names from PER entities of the training data (>= {} occurrences): {n}",
        cfg.first_name_min_count
    ));
    // Common words: lower-case alphabetic tokens tagged O, not sentence-initial, >= 3 times.
    let mut common: HashMap<&str, usize> = HashMap::new();
    for s in train {
        for (i, (t, g)) in s.tokens.iter().zip(&s.tags).enumerate() {
            if i > 0
                && g == "O"
                && t.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'')
                && t.chars().any(|c| c.is_alphabetic())
            {
                *common.entry(t.as_str()).or_insert(0) += 1;
            }
        }
    }
    let mut cw: Vec<&str> = common
        .into_iter()
        .filter(|(_, c)| *c >= 3)
        .map(|(w, _)| w)
        .collect();
    cw.sort_unstable();
    for w in &cw {
        b.add_word(w, W_COMMON);
    }
    b.sources.push(format!(
        "common lower-case words of the training data (>= 3 occurrences): {}",
        cw.len()
    ));
    Ok(b.build())
}

struct Weights {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>, // transitions NT*NT then start NT
    c: f32,
}

impl Weights {
    fn new(nf: usize) -> Self {
        Weights {
            w: vec![0.0; nf * NT],
            u: vec![0.0; nf * NT],
            tw: vec![0.0; NT * NT + NT],
            tu: vec![0.0; NT * NT + NT],
            c: 1.0,
        }
    }
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.c;
        let w = self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect();
        let t = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(w, u)| w - u / c)
            .collect();
        (w, t)
    }
}

fn emissions_f(s: &Encoded, w: &[f32], em: &mut Vec<[f32; NT]>) {
    em.clear();
    for i in 0..s.gold.len() {
        let mut e = [0f32; NT];
        for &f in &s.feats[s.starts[i] as usize..s.starts[i + 1] as usize] {
            let row = &w[f as usize * NT..f as usize * NT + NT];
            for t in 0..NT {
                e[t] += row[t];
            }
        }
        em.push(e);
    }
}

fn eval_encoded(dev: &[Encoded], w: &[f32], t: &[f32]) -> EvalReport {
    let mut r = EvalReport::default();
    let mut em = Vec::new();
    for s in dev {
        emissions_f(s, w, &mut em);
        let pred = viterbi(&em, &t[..NT * NT], &t[NT * NT..]);
        let g: Vec<&str> = s.gold.iter().map(|&x| TAG_NAMES[x as usize]).collect();
        let p: Vec<&str> = pred.iter().map(|&x| TAG_NAMES[x]).collect();
        r.add(&g, &p);
    }
    r
}

/// One training run (one shuffling seed): returns (dev F1, best epoch, epochs run,
/// averaged weights, averaged transitions).
fn train_run(
    seed: u64,
    nkeys: usize,
    train_enc: &[Encoded],
    dev_enc: &[Encoded],
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> (f64, usize, usize, Vec<f32>, Vec<f32>) {
    let mut wts = Weights::new(nkeys);
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..train_enc.len()).collect();
    let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
    let mut em = Vec::new();
    let mut epochs_run = 0;
    for epoch in 1..=cfg.epochs.max(1) {
        epochs_run = epoch;
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        for &si in &order {
            let s = &train_enc[si];
            emissions_f(s, &wts.w, &mut em);
            let pred = viterbi(&em, &wts.tw[..NT * NT], &wts.tw[NT * NT..]);
            let c = wts.c;
            let d = s.weight;
            for i in 0..s.gold.len() {
                let g = s.gold[i] as usize;
                let p = pred[i];
                let pg = if i == 0 {
                    None
                } else {
                    Some(s.gold[i - 1] as usize)
                };
                let pp = if i == 0 { None } else { Some(pred[i - 1]) };
                if g != p {
                    errors += 1;
                    for &f in &s.feats[s.starts[i] as usize..s.starts[i + 1] as usize] {
                        let b = f as usize * NT;
                        wts.w[b + g] += d;
                        wts.u[b + g] += c * d;
                        wts.w[b + p] -= d;
                        wts.u[b + p] -= c * d;
                    }
                }
                if g != p || pg != pp {
                    let gi = match pg {
                        None => NT * NT + g,
                        Some(q) => q * NT + g,
                    };
                    let pi = match pp {
                        None => NT * NT + p,
                        Some(q) => q * NT + p,
                    };
                    wts.tw[gi] += d;
                    wts.tu[gi] += c * d;
                    wts.tw[pi] -= d;
                    wts.tu[pi] -= c * d;
                }
            }
            wts.c += 1.0;
        }
        let (aw, at) = wts.averaged();
        if dev_enc.is_empty() {
            progress(&format!("epoch {epoch}: {errors} token errors"));
            best = Some((0.0, epoch, aw, at));
        } else {
            let r = eval_encoded(dev_enc, &aw, &at);
            let f = r.typed_f1(&cfg.select_kinds);
            progress(&format!(
                "epoch {epoch}: {errors} token errors, dev F1 {f:.4} (all types {:.4})",
                r.overall().2
            ));
            let better = best.as_ref().is_none_or(|b| f > b.0);
            if better {
                best = Some((f, epoch, aw, at));
            } else if epoch - best.as_ref().unwrap().1 >= cfg.patience {
                break;
            }
        }
    }
    let (dev_f1, best_epoch, aw, at) = best.unwrap();
    (dev_f1, best_epoch, epochs_run, aw, at)
}

/// Train a model on CoNLL files. See [`TrainConfig`] for options. `progress` receives
/// one line per stage/epoch.
pub fn train(
    lang: &str,
    train_files: &[PathBuf],
    dev_files: &[PathBuf],
    lexicon_dir: Option<&Path>,
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<NerModel, NerError> {
    let t0 = std::time::Instant::now();
    if lang.is_empty() {
        return Err(NerError::Config("language code is empty".into()));
    }
    if train_files.is_empty() {
        return Err(NerError::Config("no training files".into()));
    }
    let mut train_sents: Vec<(Sentence, f32)> = Vec::new();
    for f in train_files {
        let mut s = conll::read_file(f)?;
        if let Some(m) = cfg.max_sentences_per_file {
            s.truncate(m);
        }
        let name = f
            .file_name()
            .map(|x| x.to_string_lossy().to_string())
            .unwrap_or_default();
        let weight = cfg
            .corpus_weights
            .iter()
            .find(|(k, _)| name.contains(k.as_str()))
            .map(|x| x.1)
            .unwrap_or(1.0);
        progress(&format!(
            "read {}: {} sentences (weight {weight})",
            f.display(),
            s.len()
        ));
        train_sents.extend(s.into_iter().map(|x| (x, weight)));
    }
    if cfg.drop_misc {
        for (s, _) in &mut train_sents {
            for t in &mut s.tags {
                if t.ends_with("MISC") {
                    *t = "O".into();
                }
            }
        }
    }
    let mut dev_sents = Vec::new();
    for f in dev_files {
        dev_sents.extend(conll::read_file(f)?);
    }
    let plain: Vec<Sentence> = train_sents.iter().map(|x| x.0.clone()).collect();
    let lexicon = if cfg.use_lexicon {
        build_lexicon(lang, lexicon_dir, &plain, cfg)?
    } else {
        Lexicon::default()
    };
    drop(plain);
    for s in &lexicon.sources {
        progress(&format!("lexicon: {s}"));
    }
    let lex = lexicon.index();
    let mut fcfg = cfg.features.clone();
    fcfg.lexicon = cfg.use_lexicon && fcfg.lexicon;
    let ex = Extractor {
        cfg: &fcfg,
        lex: &lex,
    };

    // Feature index over the training data.
    let mut buf = FeatBuf::default();
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for (s, _) in &train_sents {
        let toks: Vec<&str> = s.tokens.iter().map(|x| x.as_str()).collect();
        ex.extract(&toks, &mut buf);
        for &f in &buf.feats {
            *counts.entry(f).or_insert(0) += 1;
        }
    }
    let mut keys: Vec<u64> = counts
        .into_iter()
        .filter(|(_, c)| *c >= cfg.min_feature_count)
        .map(|(k, _)| k)
        .collect();
    keys.sort_unstable();
    let index: HashIndex<u32> =
        HashIndex::build(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
    progress(&format!(
        "{} features ({} training sentences)",
        keys.len(),
        train_sents.len()
    ));
    let encode = |s: &Sentence, weight: f32, buf: &mut FeatBuf| -> Encoded {
        let toks: Vec<&str> = s.tokens.iter().map(|x| x.as_str()).collect();
        ex.extract(&toks, buf);
        let mut feats = Vec::with_capacity(buf.feats.len());
        let mut starts = Vec::with_capacity(toks.len() + 1);
        for i in 0..toks.len() {
            starts.push(feats.len() as u32);
            feats.extend(buf.token_feats(i).iter().filter_map(|&f| index.get(f)));
        }
        starts.push(feats.len() as u32);
        Encoded {
            feats,
            starts,
            gold: s.tags.iter().map(|t| tag_index(t) as u8).collect(),
            weight,
        }
    };
    let train_enc: Vec<Encoded> = train_sents
        .iter()
        .map(|(s, w)| encode(s, *w, &mut buf))
        .collect();
    let dev_enc: Vec<Encoded> = dev_sents.iter().map(|s| encode(s, 1.0, &mut buf)).collect();
    let n_tokens: usize = train_enc.iter().map(|s| s.gold.len()).sum();

    let runs = cfg.seeds.max(1);
    let mut aw = vec![0f32; keys.len() * NT];
    let mut at = vec![0f32; NT * NT + NT];
    let mut epochs_run = 0;
    let mut best_epochs = Vec::new();
    for r in 0..runs {
        let seed = cfg.seed.wrapping_add(r as u64);
        if runs > 1 {
            progress(&format!("run {} of {runs} (seed {seed})", r + 1));
        }
        let (_f, be, er, w, t) = train_run(seed, keys.len(), &train_enc, &dev_enc, cfg, progress);
        epochs_run += er;
        best_epochs.push(be);
        for (a, b) in aw.iter_mut().zip(&w) {
            *a += b / runs as f32;
        }
        for (a, b) in at.iter_mut().zip(&t) {
            *a += b / runs as f32;
        }
    }
    let best_epoch = best_epochs.iter().sum::<usize>() / best_epochs.len();
    let dev_f1 = if dev_enc.is_empty() {
        0.0
    } else {
        eval_encoded(&dev_enc, &aw, &at).typed_f1(&cfg.select_kinds)
    };
    if runs > 1 && !dev_enc.is_empty() {
        progress(&format!(
            "average of {runs} runs (best epochs {best_epochs:?}): dev F1 {dev_f1:.4}"
        ));
    }
    // Prune and quantise.
    let mut kept_keys = Vec::new();
    let mut kept_rows: Vec<f32> = Vec::new();
    let mut maxabs = 0f32;
    for (i, &k) in keys.iter().enumerate() {
        let row = &aw[i * NT..i * NT + NT];
        let m = row.iter().fold(0f32, |a, &x| a.max(x.abs()));
        if m >= cfg.prune_below && m > 0.0 {
            kept_keys.push(k);
            kept_rows.extend_from_slice(row);
            maxabs = maxabs.max(m);
        }
    }
    let scale = if maxabs > 0.0 { maxabs / 32767.0 } else { 1.0 };
    let weights: Vec<i16> = kept_rows
        .iter()
        .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    let meta = ModelMeta {
        train_files: train_files
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|x| x.to_string_lossy().to_string())
                    .unwrap_or_default()
            })
            .collect(),
        dev_files: dev_files
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|x| x.to_string_lossy().to_string())
                    .unwrap_or_default()
            })
            .collect(),
        train_sentences: train_enc.len(),
        train_tokens: n_tokens,
        epochs_run,
        best_epoch,
        dev_f1_per_org_loc: dev_f1,
        train_seconds: t0.elapsed().as_secs_f64(),
        n_features: kept_keys.len(),
        config: format!("{cfg:?}"),
    };
    progress(&format!(
        "best epoch {best_epoch} (dev F1 {dev_f1:.4}); {} of {} features kept; {:.1}s",
        kept_keys.len(),
        keys.len(),
        meta.train_seconds
    ));
    let data = ModelData {
        lang: lang.to_string(),
        features: fcfg,
        lexicon,
        keys: kept_keys,
        weights,
        scale,
        trans: at[..NT * NT].to_vec(),
        start: at[NT * NT..].to_vec(),
        meta,
    };
    NerModel::from_data(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    #[test]
    fn the_compact_index_finds_what_a_full_one_does_in_the_shipped_models() {
        for bytes in [
            &include_bytes!("../../ontology/models/ner-fr.bin")[..],
            &include_bytes!("../../ontology/models/ner-en.bin")[..],
        ] {
            let Ok(m) = NerModel::from_bytes(bytes) else {
                continue; // a build without trained weights
            };
            let keys = &m.data.keys;
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "distinct sorted keys");
            let full = HashIndex::build(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)));
            // Every key, and as many absent ones sharing its low bits.
            for &k in keys {
                assert_eq!(m.table.get(keys, k), full.get(k));
                let absent = k ^ (1 << 63);
                assert_eq!(m.table.get(keys, absent), full.get(absent));
            }
        }
    }

    fn data(rel: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ner/")).join(rel)
    }

    /// A small model: first 1500 sentences of wikigold (CC BY 4.0), 3 epochs, no lexicon.
    fn small_model() -> &'static NerModel {
        static M: OnceLock<NerModel> = OnceLock::new();
        M.get_or_init(|| {
            let cfg = TrainConfig {
                epochs: 3,
                use_lexicon: false,
                max_sentences_per_file: Some(1500),
                ..Default::default()
            };
            train(
                "en",
                &[data("en/wikigold.all.conll")],
                &[],
                None,
                &cfg,
                &mut |_| {},
            )
            .unwrap()
        })
    }

    #[test]
    fn small_training_reaches_floor() {
        let m = small_model();
        let r = super::super::evaluate(m, &[data("en/crossner_politics.dev.conll")]).unwrap();
        let f = r.f1_per_org_loc();
        eprintln!("small model dev F1 {f:.4}");
        // Measured 0.583 (PER+ORG+LOC micro F1 on crossner_politics.dev); floor ~0.1 below.
        assert!(f > 0.48, "dev F1 {f}\n{r}");
        assert_eq!(m.lang(), "en");
    }

    #[test]
    fn save_load_identical_predictions() {
        let m = small_model();
        let mut bytes = Vec::new();
        m.save(&mut bytes).unwrap();
        let m2 = NerModel::from_bytes(&bytes).unwrap();
        let m3 = NerModel::from_reader(std::io::Cursor::new(&bytes)).unwrap();
        let sents = conll::read_file(&data("en/crossner_politics.dev.conll")).unwrap();
        for s in &sents {
            let toks: Vec<&str> = s.tokens.iter().map(|x| x.as_str()).collect();
            let a = m.predict_tags(&toks);
            assert_eq!(a, m2.predict_tags(&toks));
            assert_eq!(a, m3.predict_tags(&toks));
            assert_eq!(m.predict(&toks), m2.predict(&toks));
        }
        // Wrong files give a clear error.
        let e = NerModel::from_bytes(b"hello world, not a model")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad magic"), "{e}");
        let mut bad = bytes.clone();
        bad[8] = 99;
        assert!(NerModel::from_bytes(&bad)
            .unwrap_err()
            .to_string()
            .contains("version"));
        let trunc = &bytes[..bytes.len() / 2];
        assert!(NerModel::from_bytes(trunc)
            .unwrap_err()
            .to_string()
            .contains("corrupt"));
    }

    #[test]
    fn viterbi_always_valid() {
        let m = small_model();
        assert!(m.predict_tags(&[]).is_empty());
        assert!(m.predict(&[]).is_empty());
        let one = m.predict_tags(&["Obama"]);
        assert_eq!(one.len(), 1);
        assert!(conll::is_valid_iob2(&one));
        let punct = [
            "!", "?", ".", ",", "«", "»", "-", "(", ")", "...", "\u{2019}", "\"", ":",
        ];
        let t = m.predict_tags(&punct);
        assert!(conll::is_valid_iob2(&t) && t.len() == punct.len());
        // Random garbage, capitalised words, long sentences.
        let vocab = [
            "New",
            "York",
            "of",
            "the",
            "United",
            "Nations",
            "I-PER",
            "B-LOC",
            "Xx",
            "ÉTAT",
            "l'",
            "d'",
            "1 500",
            "U.S.",
            "Mr.",
            "'s",
            "\u{0}",
            "😀",
            "zzzz",
            "Paris",
            "--",
            "Jean-Pierre",
            "McDonald",
            "ABC123",
            " ",
            "ß",
            "İ",
            "\u{200b}",
        ];
        let mut rng = SplitMix(7);
        for len in [1usize, 2, 3, 5, 17, 80, 300] {
            for _ in 0..40 {
                let toks: Vec<&str> = (0..len)
                    .map(|_| vocab[(rng.next() % vocab.len() as u64) as usize])
                    .collect();
                let tags = m.predict_tags(&toks);
                assert_eq!(tags.len(), len);
                assert!(conll::is_valid_iob2(&tags), "{toks:?} -> {tags:?}");
                for sp in m.predict(&toks) {
                    assert!(
                        sp.start < sp.end
                            && sp.end <= len
                            && sp.score > 0.0
                            && sp.score < 1.0 + 1e-6
                    );
                }
            }
        }
        // Viterbi itself with adversarial scores (I- tags favoured everywhere).
        let mut em = vec![[0f32; NT]; 6];
        for e in &mut em {
            for score in e.iter_mut().skip(5) {
                *score = 100.0;
            }
        }
        let tags = viterbi(&em, &[0.0; NT * NT], &[0.0; NT]);
        let names: Vec<&str> = tags.iter().map(|&t| TAG_NAMES[t]).collect();
        assert!(conll::is_valid_iob2(&names), "{names:?}");
        let nan = vec![[f32::NAN; NT]; 3];
        let tags = viterbi(&nan, &[0.0; NT * NT], &[0.0; NT]);
        assert!(conll::is_valid_iob2(
            &tags.iter().map(|&t| TAG_NAMES[t]).collect::<Vec<_>>()
        ));
    }

    #[test]
    fn model_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<NerModel>();
    }

    #[test]
    fn document_consistency() {
        let m = small_model();
        let doc: Vec<Vec<&str>> = vec![
            vec!["Jacinda", "Ardern", "visited", "Berlin", "."],
            vec!["Ardern", "said", "so", "."],
        ];
        let out = m.predict_document(&doc);
        assert_eq!(out.len(), 2);
        for (s, spans) in doc.iter().zip(&out) {
            assert!(conll::is_valid_iob2(&spans_to_tags(s.len(), spans)));
        }
    }
}
