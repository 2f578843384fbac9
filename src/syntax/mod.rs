//! Syntax: UPOS tagging, lemmatisation and labelled dependency parsing (Universal
//! Dependencies) for French and English, learnt from UD treebanks with the shared
//! learner of [`crate::learn`].
//!
//! One [`SyntaxModel`] per language holds the contraction splitter ([`mwt`]), the
//! [`tagger`], the [`lemma`]tiser and the [`parser`]; [`conllu`] reads and writes
//! treebanks; [`eval`] scores a model on gold tokens and on raw text. The shipped
//! models are `ontology/models/parse-{fr,en}.bin`, embedded in the binary and loaded
//! once, on first use ([`SyntaxModel::embedded`]).
//!
//! ```no_run
//! use newsgraph::syntax::SyntaxModel;
//! let model = SyntaxModel::embedded("fr").unwrap();
//! let (words, analysis) = model.analyse_tokens(&["Il", "revient", "du", "marché", "."]);
//! assert_eq!(words.len(), 6); // du = de le
//! ```

pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod model;
pub mod mwt;
pub mod parser;
pub mod tagger;

pub use model::{Analysis, SyntaxModel, TrainConfig};

/// Universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const COUNT: usize = 17;
    pub const ALL: [Upos; Upos::COUNT] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Upos {
        Upos::ALL.get(i).copied().unwrap_or(Upos::X)
    }

    /// The UD name (`NOUN`).
    pub fn as_str(self) -> &'static str {
        [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ][self.index()]
    }

    /// Parse a UD name; unknown names are None.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors of the syntax module: the learner's data and model errors.
pub type SyntaxError = crate::learn::DataError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_names_round_trip() {
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
            assert_eq!(Upos::from_index(u.index()), u);
        }
        assert_eq!(Upos::parse("_"), None);
    }
}
