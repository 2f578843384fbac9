//! The syntax model of one language (contraction splitter, tagger, lemmatiser,
//! parser) in one file, its training from CoNLL-U treebanks and its use on words
//! or surface tokens.
//!
//! File format: `NGSYNMDL`, a little-endian u32 format version, then the bincode of
//! the model data. Weights are f32, pruned of near-zero values.

use super::conllu::{self, Sentence};
use super::lemma::Lemmatiser;
use super::mwt::{self, Contractions, Expanded, Splitter};
use super::parser::{ParseExample, Parser};
use super::tagger::{Lex, Tagger};
use super::{SyntaxError, Upos};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"NGSYNMDL";
const FORMAT_VERSION: u32 = 1;

/// Provenance stored in the model file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ModelMeta {
    pub train_files: Vec<String>,
    pub dev_files: Vec<String>,
    pub train_sentences: usize,
    pub train_words: usize,
    pub dev_upos: f64,
    pub dev_uas: f64,
    pub dev_las: f64,
    pub train_seconds: f64,
    pub config: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct ModelData {
    lang: String,
    splitter: Option<Splitter>,
    tagger: Tagger,
    lemmatiser: Lemmatiser,
    parser: Parser,
    meta: ModelMeta,
}

/// Tagger + lemmatiser + parser for one language.
#[derive(Clone, Debug)]
pub struct SyntaxModel {
    data: ModelData,
    contractions: &'static Contractions,
    /// The file an embedded model was read from: its weights keep no feature hashes
    /// (less memory), so [`SyntaxModel::to_bytes`] returns these bytes.
    source: Option<&'static [u8]>,
}

/// The analysis of a sentence's words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub upos: Vec<Upos>,
    pub lemmas: Vec<String>,
    /// 0 = root, else the 1-based index of the head word.
    pub heads: Vec<usize>,
    pub deprels: Vec<String>,
}

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub tagger_epochs: usize,
    pub lemma_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed UPOS in the parser's training data (1 = gold tags).
    pub folds: usize,
    pub seed: u64,
    /// Use at most this many sentences of each training file (tests, experiments).
    pub max_sentences_per_file: Option<usize>,
    /// Parser weights with |w| below this (in averaged perceptron updates) are dropped:
    /// 1.0 halves the French model (20.6 → 10.3 MB) for LAS 0.8467 → 0.8464 on Sequoia dev.
    pub prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 12,
            lemma_epochs: 8,
            parser_epochs: 15,
            folds: 4,
            seed: 42,
            max_sentences_per_file: None,
            prune: 1.0,
        }
    }
}

static EMBEDDED_FR: &[u8] = include_bytes!("../../ontology/models/parse-fr.bin");
static EMBEDDED_EN: &[u8] = include_bytes!("../../ontology/models/parse-en.bin");

impl SyntaxModel {
    /// The shipped model of a language (`fr`, `en`), loaded on first use; None when the
    /// build has no trained weights for it.
    pub fn embedded(lang: &str) -> Option<&'static SyntaxModel> {
        static FR: OnceLock<Option<SyntaxModel>> = OnceLock::new();
        static EN: OnceLock<Option<SyntaxModel>> = OnceLock::new();
        let (cell, bytes) = match lang {
            "fr" => (&FR, EMBEDDED_FR),
            "en" => (&EN, EMBEDDED_EN),
            _ => return None,
        };
        cell.get_or_init(|| {
            if bytes.is_empty() {
                None
            } else {
                let mut m = SyntaxModel::from_embedded(bytes).expect("embedded syntax model");
                m.data.tagger.weights.release_keys();
                m.data.parser.weights.release_keys();
                m.source = Some(bytes);
                crate::memory::release_embedded(bytes);
                crate::memory::trim_heap();
                Some(m)
            }
        })
        .as_ref()
    }

    fn from_data(mut data: ModelData) -> Result<SyntaxModel, SyntaxError> {
        data.tagger.weights.prepare();
        data.lemmatiser.prepare();
        data.parser.weights.prepare();
        if let Some(s) = data.splitter.as_mut() {
            s.prepare();
        }
        let ok = data.tagger.weights.is_consistent()
            && data.tagger.weights.nclass as usize == Upos::COUNT
            && data.lemmatiser.is_consistent()
            && data.parser.weights.is_consistent()
            && data.parser.weights.nclass as usize == 2 + 2 * data.parser.labels.len()
            && data.splitter.as_ref().is_none_or(|s| s.is_consistent());
        if !ok {
            return Err(SyntaxError::BadModel("inconsistent array sizes".into()));
        }
        let contractions = Contractions::embedded(&data.lang);
        Ok(SyntaxModel {
            data,
            contractions,
            source: None,
        })
    }

    /// Load an embedded model, giving back the file's pages as they are read.
    fn from_embedded(bytes: &'static [u8]) -> Result<SyntaxModel, SyntaxError> {
        Self::check_header(bytes)?;
        let reader = crate::memory::ReleasingReader::new(&bytes[12..]);
        let data: ModelData =
            bincode::deserialize_from(reader).map_err(|e| SyntaxError::BadModel(e.to_string()))?;
        SyntaxModel::from_data(data)
    }

    fn check_header(bytes: &[u8]) -> Result<(), SyntaxError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(SyntaxError::BadModel(
                "not a newsgraph syntax model (bad magic header)".into(),
            ));
        }
        let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if v != FORMAT_VERSION {
            return Err(SyntaxError::BadModel(format!(
                "model format version {v}, this build reads version {FORMAT_VERSION}"
            )));
        }
        Ok(())
    }

    /// Load a model from the bytes of a `.bin` file.
    pub fn from_bytes(bytes: &[u8]) -> Result<SyntaxModel, SyntaxError> {
        Self::check_header(bytes)?;
        let data: ModelData =
            bincode::deserialize(&bytes[12..]).map_err(|e| SyntaxError::BadModel(e.to_string()))?;
        SyntaxModel::from_data(data)
    }

    /// Serialise the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        if let Some(src) = self.source {
            return src.to_vec();
        }
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend(bincode::serialize(&self.data).expect("serialisable model"));
        out
    }

    pub fn lang(&self) -> &str {
        &self.data.lang
    }

    pub fn meta(&self) -> &ModelMeta {
        &self.data.meta
    }

    /// Drop parser weights with |w| < `threshold` (experiments on model size).
    pub fn prune_parser(&mut self, threshold: f32) {
        if !self.data.parser.weights.can_save() {
            return; // an embedded model without its feature hashes
        }
        self.data.parser.weights.prune(threshold);
    }

    /// Sizes for model cards: (tagger features, parser features, parser weights, lemma exceptions).
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.data.tagger.weights.n_features(),
            self.data.parser.weights.n_features(),
            self.data.parser.weights.n_weights(),
            self.data.lemmatiser.n_exceptions(),
        )
    }

    /// Tag, lemmatise and parse a sentence given as syntactic words.
    pub fn analyse_words(&self, forms: &[&str]) -> Analysis {
        let lex = Lex::all(forms);
        let upos = self.data.tagger.tag(&lex);
        let lemmas = forms
            .iter()
            .enumerate()
            .map(|(i, f)| self.data.lemmatiser.lemma(f, &lex[i], upos[i], i == 0))
            .collect();
        let (heads, labels) = self.data.parser.parse(&lex, &upos);
        let names = &self.data.parser.labels;
        let deprels = labels
            .iter()
            .map(|&l| {
                names
                    .get(l as usize)
                    .cloned()
                    .unwrap_or_else(|| "dep".into())
            })
            .collect();
        Analysis {
            upos,
            lemmas,
            heads,
            deprels,
        }
    }

    /// UPOS and (heads, label ids) of a sentence's words, without lemmas (benchmarks).
    pub fn tag_and_parse(&self, forms: &[&str]) -> (Vec<Upos>, Vec<usize>) {
        let lex = Lex::all(forms);
        let upos = self.data.tagger.tag(&lex);
        let (heads, _) = self.data.parser.parse(&lex, &upos);
        (upos, heads)
    }

    /// Split a sentence's surface tokens into words (contractions) and analyse them.
    pub fn analyse_tokens(&self, tokens: &[&str]) -> (Vec<Expanded>, Analysis) {
        let words = self.expand(tokens);
        let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
        let a = self.analyse_words(&forms);
        (words, a)
    }

    /// Split surface tokens into syntactic words.
    pub fn expand(&self, tokens: &[&str]) -> Vec<Expanded> {
        mwt::expand(tokens, self.contractions, self.data.splitter.as_ref())
    }
}

fn read_all(files: &[PathBuf], max: Option<usize>) -> Result<Vec<Sentence>, SyntaxError> {
    let mut out = Vec::new();
    for f in files {
        let mut s = conllu::read_file(f)?;
        if let Some(m) = max {
            s.truncate(m);
        }
        out.extend(s);
    }
    Ok(out)
}

fn tag_examples(sents: &[Sentence]) -> Vec<(Vec<Lex>, Vec<Upos>)> {
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = s
                .words
                .iter()
                .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
                .collect();
            (Lex::all(&forms), tags)
        })
        .collect()
}

/// Train a model on CoNLL-U files; `dev` files select the best epochs. `progress`
/// gets one line per stage and epoch.
pub fn train(
    lang: &str,
    train_files: &[PathBuf],
    dev_files: &[PathBuf],
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<SyntaxModel, SyntaxError> {
    let t0 = std::time::Instant::now();
    if train_files.is_empty() {
        return Err(SyntaxError::Config("no training files".into()));
    }
    let train = read_all(train_files, cfg.max_sentences_per_file)?;
    let dev = read_all(dev_files, None)?;
    let words: usize = train.iter().map(|s| s.words.len()).sum();
    progress(&format!(
        "{} training sentences ({words} words), {} dev sentences",
        train.len(),
        dev.len()
    ));
    if train.is_empty() {
        return Err(SyntaxError::Config(
            "the training files hold no sentence".into(),
        ));
    }
    // Contractions.
    let table = Contractions::embedded(lang);
    let split_data: Vec<(Vec<String>, Vec<bool>)> = train
        .iter()
        .map(|s| {
            let toks = s.surface_tokens();
            (
                toks.iter().map(|t| t.0.to_string()).collect(),
                toks.iter().map(|t| t.2 > t.1).collect(),
            )
        })
        .collect();
    let splitter =
        (!table.rows().is_empty()).then(|| Splitter::train(table, &split_data, 5, cfg.seed));
    // Tagger.
    let tag_train = tag_examples(&train);
    let tag_dev = tag_examples(&dev);
    let tagger = Tagger::train(&tag_train, &tag_dev, cfg.tagger_epochs, cfg.seed, progress);
    // Jackknifed tags for the parser's training data.
    let mut pred_tags: Vec<Vec<Upos>> = tag_train.iter().map(|x| x.1.clone()).collect();
    if cfg.folds > 1 {
        for k in 0..cfg.folds {
            let part: Vec<_> = tag_train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds != k)
                .map(|(_, x)| x.clone())
                .collect();
            let t = Tagger::train(
                &part,
                &tag_dev,
                cfg.tagger_epochs,
                cfg.seed + 1 + k as u64,
                &mut |_| {},
            );
            let mut acc = (0usize, 0usize);
            for (i, x) in tag_train.iter().enumerate() {
                if i % cfg.folds == k {
                    pred_tags[i] = t.tag(&x.0);
                    acc.0 += pred_tags[i]
                        .iter()
                        .zip(&x.1)
                        .filter(|(a, b)| a == b)
                        .count();
                    acc.1 += x.1.len();
                }
            }
            progress(&format!(
                "jackknife fold {}/{}: held-out UPOS {:.4}",
                k + 1,
                cfg.folds,
                acc.0 as f64 / acc.1.max(1) as f64
            ));
        }
    }
    // Lemmatiser.
    let lemma_data: Vec<(String, Upos, String, bool)> = train
        .iter()
        .flat_map(|s| {
            s.words.iter().enumerate().map(|(i, w)| {
                (
                    w.form.clone(),
                    Upos::parse(&w.upos).unwrap_or(Upos::X),
                    if w.lemma == "_" && w.form != "_" {
                        w.form.clone()
                    } else {
                        w.lemma.clone()
                    },
                    i == 0,
                )
            })
        })
        .collect();
    let lemmatiser = Lemmatiser::train(&lemma_data, cfg.lemma_epochs, cfg.seed, progress);
    // Parser.
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for s in &train {
        for w in &s.words {
            *freq.entry(w.deprel.as_str()).or_insert(0) += 1;
        }
    }
    for l in ["root", "punct", "dep", "parataxis"] {
        freq.entry(l).or_insert(0);
    }
    let mut labels: Vec<(&str, usize)> = freq.into_iter().collect();
    labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let labels: Vec<String> = labels.into_iter().map(|x| x.0.to_string()).collect();
    let label_id: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let examples = |sents: &[Sentence], tags: &[Vec<Upos>]| -> Vec<ParseExample> {
        sents
            .iter()
            .zip(tags)
            .map(|(s, t)| {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                ParseExample {
                    lex: Lex::all(&forms),
                    upos: t.clone(),
                    heads: s.words.iter().map(|w| w.head).collect(),
                    labels: s
                        .words
                        .iter()
                        .map(|w| {
                            label_id
                                .get(w.deprel.as_str())
                                .copied()
                                .unwrap_or(label_id["dep"])
                        })
                        .collect(),
                }
            })
            .collect()
    };
    let parse_train = examples(&train, &pred_tags);
    let dev_tags: Vec<Vec<Upos>> = tag_dev.iter().map(|x| tagger.tag(&x.0)).collect();
    let parse_dev = examples(&dev, &dev_tags);
    let parser = Parser::train(
        labels,
        &parse_train,
        &parse_dev,
        cfg.parser_epochs,
        cfg.seed,
        0.0,
        progress,
    );
    let mut parser = parser;
    if cfg.prune > 0.0 {
        parser.weights.prune(cfg.prune);
        progress(&format!(
            "parser: {} features, {} weights after pruning |w| < {}",
            parser.weights.n_features(),
            parser.weights.n_weights(),
            cfg.prune
        ));
    }
    let (dev_uas, dev_las) = if parse_dev.is_empty() {
        (0.0, 0.0)
    } else {
        parser.attachment(&parse_dev)
    };
    let dev_upos = if tag_dev.is_empty() {
        0.0
    } else {
        tagger.accuracy(&tag_dev)
    };
    let meta = ModelMeta {
        train_files: train_files
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        dev_files: dev_files.iter().map(|p| p.display().to_string()).collect(),
        train_sentences: train.len(),
        train_words: words,
        dev_upos,
        dev_uas,
        dev_las,
        train_seconds: t0.elapsed().as_secs_f64(),
        config: format!("{cfg:?}"),
    };
    SyntaxModel::from_data(ModelData {
        lang: lang.to_string(),
        splitter,
        tagger,
        lemmatiser,
        parser,
        meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::is_tree;
    use std::sync::OnceLock;

    /// The weight table (rows in the slot, sparse, dense) scores as the file's
    /// entries added one by one do, on the shipped models' own features.
    #[test]
    fn the_weight_table_scores_as_the_file_says() {
        for bytes in [EMBEDDED_FR, EMBEDDED_EN] {
            let Ok(m) = SyntaxModel::from_bytes(bytes) else {
                continue; // a build without trained weights
            };
            let d = &m.data;
            // A quarter of the parser's rows have one entry (kept in the slot).
            let (_, starts, ..) = d.parser.weights.file_form();
            let single = starts.windows(2).filter(|s| s[1] - s[0] == 1).count();
            assert!(single > 0 && single < starts.len() - 1);
            for w in [&d.tagger.weights, &d.lemmatiser.weights, &d.parser.weights] {
                let (keys, starts, entries, scale) = w.file_form();
                let n = w.nclass as usize;
                let mut got = vec![0f32; n];
                let mut want = vec![0f32; n];
                // 80 features at a time (a parser step), with absent ones among them.
                for (c, chunk) in keys.chunks(40).enumerate() {
                    let mut feats: Vec<u64> =
                        chunk.iter().flat_map(|&k| [k, k ^ 1 << 63]).collect();
                    feats.push(keys[(c * 7919) % keys.len()]);
                    want.iter_mut().for_each(|x| *x = 0.0);
                    for f in &feats {
                        if let Ok(i) = keys.binary_search(f) {
                            for &e in &entries[starts[i] as usize..starts[i + 1] as usize] {
                                want[(e >> 16) as usize] += (e as u16 as i16) as f32;
                            }
                        }
                    }
                    want.iter_mut().for_each(|x| *x *= scale);
                    w.score(&feats, &mut got);
                    assert_eq!(got, want);
                }
            }
        }
    }

    fn data(name: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ud/")).join(name)
    }

    /// A small French model: 300 sentences of Sequoia train, few epochs.
    fn small_model() -> &'static SyntaxModel {
        static M: OnceLock<SyntaxModel> = OnceLock::new();
        M.get_or_init(|| {
            let cfg = TrainConfig {
                tagger_epochs: 5,
                lemma_epochs: 4,
                parser_epochs: 5,
                folds: 2,
                ..Default::default()
            };
            train(
                "fr",
                &[data("fr_sequoia-train.300.conllu")],
                &[],
                &cfg,
                &mut |_| {},
            )
            .expect("training on the slice")
        })
    }

    /// Model size against accuracy: `NG_PRUNE_MODEL=m.bin NG_PRUNE_DEV=dev.conllu
    /// cargo test --release --lib prune_curve -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn prune_curve() {
        let (Some(m), Some(d)) = (
            std::env::var_os("NG_PRUNE_MODEL"),
            std::env::var_os("NG_PRUNE_DEV"),
        ) else {
            return;
        };
        let bytes = std::fs::read(m).unwrap();
        for t in [0.0, 0.5, 1.0, 1.5, 2.0] {
            let mut model = SyntaxModel::from_bytes(&bytes).unwrap();
            model.prune_parser(t);
            let rep = crate::syntax::eval::evaluate(&model, &[PathBuf::from(&d)]).unwrap();
            println!(
                "prune {t}: {:.1} MB, LAS {:.4}",
                model.to_bytes().len() as f64 / 1e6,
                rep.gold_tokens.las_f1()
            );
        }
    }

    #[test]
    fn small_training_slice_learns() {
        let m = small_model();
        let rep = crate::syntax::eval::evaluate(m, &[data("fr_sequoia-dev.100.conllu")]).unwrap();
        let g = &rep.gold_tokens;
        assert!(g.upos_f1() > 0.85, "{rep}");
        assert!(g.lemma_f1() > 0.85, "{rep}");
        assert!(g.las_f1() > 0.55, "{rep}");
        assert!(rep.raw_text.words_f1() > 0.9, "{rep}");
    }

    #[test]
    fn small_english_slice_learns() {
        let cfg = TrainConfig {
            tagger_epochs: 4,
            lemma_epochs: 3,
            parser_epochs: 4,
            folds: 1,
            ..Default::default()
        };
        let m = train(
            "en",
            &[data("en_ewt-train.300.conllu")],
            &[],
            &cfg,
            &mut |_| {},
        )
        .unwrap();
        let rep = crate::syntax::eval::evaluate(&m, &[data("en_ewt-dev.100.conllu")]).unwrap();
        let g = &rep.gold_tokens;
        assert!(g.upos_f1() > 0.75, "{rep}");
        assert!(g.lemma_f1() > 0.8, "{rep}");
        assert!(g.las_f1() > 0.4, "{rep}");
        // `cannot` is a multiword token of the English table.
        let (words, _) = m.analyse_tokens(&["They", "cannot", "agree"]);
        assert_eq!(words.len(), 4);
    }

    #[test]
    fn save_load_gives_identical_parses() {
        let m = small_model();
        let back = SyntaxModel::from_bytes(&m.to_bytes()).unwrap();
        for s in conllu::read_file(&data("fr_sequoia-dev.100.conllu")).unwrap() {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            assert_eq!(m.analyse_words(&forms), back.analyse_words(&forms));
        }
        assert!(SyntaxModel::from_bytes(b"NGSYNMDL\x01\0\0\0garbage").is_err());
        assert!(SyntaxModel::from_bytes(b"").is_err());
    }

    #[test]
    fn every_output_is_a_tree() {
        let m = small_model();
        let mut rng = crate::learn::SplitMix(7);
        let alphabet: Vec<char> = "aé Z.,;!?-'’«»()0123456789du au des\t\u{301}漢"
            .chars()
            .collect();
        let mut inputs: Vec<Vec<String>> = vec![
            vec![],
            vec![".".into()],
            [".", ",", "!", "?", "...", "«", "»"]
                .map(String::from)
                .to_vec(),
            (0..10_000)
                .map(|i| ["le", "chat", "du", "voisin", ",", "et"][i % 6].to_string())
                .collect(),
            (0..10_000).map(|_| ".".to_string()).collect(),
        ];
        for _ in 0..200 {
            let n = (rng.next() % 40) as usize;
            inputs.push(
                (0..n)
                    .map(|_| {
                        let k = 1 + (rng.next() % 6) as usize;
                        (0..k)
                            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                            .collect()
                    })
                    .collect(),
            );
        }
        for toks in &inputs {
            let toks: Vec<&str> = toks.iter().map(String::as_str).collect();
            let (words, a) = m.analyse_tokens(&toks);
            assert_eq!(words.len(), a.heads.len());
            assert_eq!(a.upos.len(), a.heads.len());
            assert_eq!(a.lemmas.len(), a.heads.len());
            assert!(is_tree(&a.heads), "{toks:?}");
            assert_eq!(
                a.heads.iter().filter(|&&h| h == 0).count(),
                usize::from(!toks.is_empty())
            );
            for (i, d) in a.deprels.iter().enumerate() {
                assert_eq!(d == "root", a.heads[i] == 0);
            }
        }
    }

    #[test]
    fn long_input_parses_in_linear_time() {
        let m = small_model();
        let make = |n: usize| -> Vec<String> {
            (0..n)
                .map(|i| ["la", "guerre", "des", "mots", "continue", ","][i % 6].to_string())
                .collect()
        };
        let time = |n: usize| {
            let toks = make(n);
            let toks: Vec<&str> = toks.iter().map(String::as_str).collect();
            let t = std::time::Instant::now();
            let (_, a) = m.analyse_tokens(&toks);
            assert!(is_tree(&a.heads));
            t.elapsed().as_secs_f64()
        };
        let small = time(10_000).max(1e-4);
        let big = time(100_000);
        assert!(big < small * 30.0, "10k: {small}s, 100k: {big}s");
    }
}
