//! Parse stage: UPOS, lemma, head and relation for every word of every sentence,
//! with the language's [`SyntaxModel`] (`ontology/models/parse-<lang>.bin`).
//!
//! Reads: `tokens`, `sentences`. Writes: `words` — French contractions become several
//! words of one token (`du` → `de` `le`), each word points back to its token, which
//! keeps the offsets. Sentences longer than [`crate::syntax::parser::MAX_PARSE_LEN`]
//! words are parsed in pieces (see the parser). Without a model for the language,
//! every token is one word tagged `X`, lemma = form, attached to the first word.

use crate::doc::{Document, Word};
use crate::syntax::{SyntaxModel, Upos};

/// Run the parse stage.
pub fn parse(doc: &mut Document, model: Option<&SyntaxModel>) {
    let mut words = Vec::with_capacity(doc.tokens.len() + doc.tokens.len() / 20);
    let mut forms: Vec<&str> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        forms.clear();
        forms.extend(
            s.tokens
                .clone()
                .map(|t| &doc.text[doc.tokens[t].span.clone()]),
        );
        let base = words.len();
        match model {
            Some(m) => {
                let (exp, a) = m.analyse_tokens(&forms);
                let mut lemmas = a.lemmas.into_iter();
                let mut deprels = a.deprels.into_iter();
                for (i, e) in exp.into_iter().enumerate() {
                    let head = a.heads[i];
                    words.push(Word {
                        token: s.tokens.start + e.token,
                        sentence: si,
                        form: e.form,
                        upos: a.upos[i],
                        lemma: lemmas.next().unwrap_or_default(),
                        head: (head > 0).then(|| base + head - 1),
                        deprel: deprels.next().unwrap_or_default(),
                    });
                }
            }
            None => {
                for (k, f) in forms.iter().enumerate() {
                    words.push(Word {
                        token: s.tokens.start + k,
                        sentence: si,
                        form: f.to_string(),
                        upos: Upos::X,
                        lemma: f.to_string(),
                        head: (k > 0).then_some(base),
                        deprel: if k == 0 { "root".into() } else { "dep".into() },
                    });
                }
            }
        }
    }
    doc.words = words;
}

#[cfg(test)]
mod tests {
    use crate::doc::{Article, Document, Lang};
    use crate::lang::Resources;

    fn doc(text: &str, lang: Lang) -> Document {
        let mut d = Document::new(Article::default(), lang, text.to_string());
        crate::segment::segment(&mut d, &Resources::embedded(lang).unwrap());
        d
    }

    fn check_trees(d: &Document) {
        for s in 0..d.sentences.len() {
            let r = d.sentence_words(s);
            let heads: Vec<usize> = d.words[r.clone()]
                .iter()
                .map(|w| w.head.map_or(0, |h| h - r.start + 1))
                .collect();
            assert!(crate::syntax::parser::is_tree(&heads), "{heads:?}");
        }
        // every token has at least one word
        for t in 0..d.tokens.len() {
            assert!(!d.words_of_token(t).is_empty());
        }
    }

    #[test]
    fn without_model_every_token_is_a_word() {
        let mut d = doc("Il va au marché. Puis il rentre.", Lang::Fr);
        super::parse(&mut d, None);
        assert_eq!(d.words.len(), d.tokens.len());
        check_trees(&d);
    }

    #[test]
    fn french_contractions_keep_offsets() {
        let Some(m) = crate::syntax::SyntaxModel::embedded("fr") else {
            return;
        };
        let mut d = doc(
            "Le ministre est revenu du sommet et parle aux journalistes.",
            Lang::Fr,
        );
        super::parse(&mut d, Some(m));
        check_trees(&d);
        let du = d
            .tokens
            .iter()
            .position(|t| &d.text[t.span.clone()] == "du")
            .unwrap();
        let ws = d.words_of_token(du);
        let forms: Vec<&str> = d.words[ws].iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["de", "le"]);
        assert_eq!(&d.text[d.tokens[du].span.clone()], "du");
        let aux = d
            .tokens
            .iter()
            .position(|t| &d.text[t.span.clone()] == "aux")
            .unwrap();
        assert_eq!(d.words_of_token(aux).len(), 2);
    }
}
