//! Learned named-entity tagger (PER / ORG / LOC / MISC, IOB2) for French and English.
//!
//! An averaged structured perceptron over rich, hashed token features (word form, shape,
//! affixes, context window, curated-lexicon membership) with first-order Viterbi decoding
//! that forbids invalid IOB2 transitions. Models are self-contained binary files
//! (`ontology/models/ner-<lang>.bin`): the lexicon used in training is stored inside.
//!
//! Training: [`train`] with [`TrainConfig::preset`] (the settings of the shipped models);
//! evaluation: [`evaluate`] (sentence by sentence) and [`evaluate_documents`] (with
//! [`NerModel::predict_document`], which makes labels consistent within an article).
//!
//! ```no_run
//! use newsgraph::ner::{NerModel, EntityKind};
//! let model = NerModel::from_bytes(&std::fs::read("ontology/models/ner-fr.bin").unwrap()).unwrap();
//! let spans = model.predict(&["Emmanuel", "Macron", "est", "à", "Paris", "."]);
//! ```

pub mod conll;
pub mod eval;
pub mod features;
pub mod perceptron;

pub use eval::EvalReport;
pub use perceptron::{train, NerModel, TrainConfig};

use std::path::PathBuf;

/// Entity types of the tagger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Per,
        EntityKind::Org,
        EntityKind::Loc,
        EntityKind::Misc,
    ];

    /// `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    pub fn from_label(s: &str) -> Option<EntityKind> {
        match s {
            "PER" => Some(EntityKind::Per),
            "ORG" => Some(EntityKind::Org),
            "LOC" => Some(EntityKind::Loc),
            "MISC" => Some(EntityKind::Misc),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn from_index(i: usize) -> EntityKind {
        EntityKind::ALL[i]
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A recognised entity over token indices `[start, end)`.
///
/// `score` is an uncalibrated confidence in (0, 1): a logistic function of the mean
/// per-token margin between the chosen tag and the best other tag.
#[derive(Clone, Debug, PartialEq)]
pub struct TaggedSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub score: f32,
}

/// Errors of the NER module: the learner's data and model errors.
pub type NerError = crate::learn::DataError;

/// Evaluate a model on CoNLL files (exact span match, CoNLL-style).
pub fn evaluate(model: &NerModel, files: &[PathBuf]) -> Result<EvalReport, NerError> {
    let mut report = EvalReport::default();
    for f in files {
        let sents = conll::read_file(f)?;
        for s in &sents {
            let toks: Vec<&str> = s.tokens.iter().map(|t| t.as_str()).collect();
            let pred = model.predict_tags(&toks);
            report.add(&s.tags, &pred);
        }
    }
    Ok(report)
}

/// Evaluate with document-level consistency ([`NerModel::predict_document`]): sentences
/// are grouped by `-DOCSTART-`; a file without document marks is tagged sentence by
/// sentence (as [`evaluate`] does).
pub fn evaluate_documents(model: &NerModel, files: &[PathBuf]) -> Result<EvalReport, NerError> {
    let mut report = EvalReport::default();
    for f in files {
        let sents = conll::read_file(f)?;
        let has_docs = sents.iter().any(|s| s.doc_start);
        let mut i = 0;
        while i < sents.len() {
            let mut j = i + 1;
            if has_docs {
                while j < sents.len() && !sents[j].doc_start {
                    j += 1;
                }
            }
            let doc: Vec<Vec<&str>> = sents[i..j]
                .iter()
                .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
                .collect();
            let pred = model.predict_document(&doc);
            for (s, p) in sents[i..j].iter().zip(&pred) {
                report.add(&s.tags, &perceptron::spans_to_tags(s.tokens.len(), p));
            }
            i = j;
        }
    }
    Ok(report)
}
