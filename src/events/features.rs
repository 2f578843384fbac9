//! Features of the event detector ([`super::detector`]) for one candidate word:
//! its lemma, form, suffixes, part of speech and relation; its head; its
//! children (relation, lemma, the preposition of an oblique, the entity type of
//! a named argument), which carries negation ("not", "ne … pas") and modality
//! ("may", "pourrait" as head or auxiliary); the neighbouring words; and the
//! lexicon rows (`events.tsv`) that match at its token.

use std::ops::Range;

use crate::doc::{Document, EntityType};
use crate::lang::Resources;
use crate::learn::hash::{feat1, feat2, feat3, hash_str};
use crate::syntax::Upos;

const NULL: u64 = 0x6e75_6c6c;

/// Whether word `w` may be a trigger: a verb, noun or adjective.
pub fn candidate(doc: &Document, w: usize) -> bool {
    matches!(doc.words[w].upos, Upos::Verb | Upos::Noun | Upos::Adj)
}

/// Hashes of one sentence's words, computed once.
pub struct SentenceView {
    pub words: Range<usize>,
    lemma: Vec<u64>,
    lower: Vec<u64>,
    suffix: Vec<[u64; 2]>,
    deprel: Vec<u64>,
    /// Children of each word (indices into `Document::words`).
    children: Vec<Vec<usize>>,
    /// Entity type of the mention covering each word's token.
    etype: Vec<Option<EntityType>>,
    sentence: usize,
}

impl SentenceView {
    pub fn new(doc: &Document, _res: &Resources, s: usize) -> SentenceView {
        let words = doc.sentence_words(s);
        let n = words.len();
        let mut v = SentenceView {
            words: words.clone(),
            lemma: Vec::with_capacity(n),
            lower: Vec::with_capacity(n),
            suffix: Vec::with_capacity(n),
            deprel: Vec::with_capacity(n),
            children: vec![Vec::new(); n],
            etype: vec![None; n],
            sentence: s,
        };
        let mentions: Vec<&crate::doc::Mention> = doc.sentence_mentions(s).iter().collect();
        for w in words.clone() {
            let word = &doc.words[w];
            let lemma = word.lemma.to_lowercase();
            let lower = word.form.to_lowercase();
            v.lemma.push(hash_str(&lemma));
            v.lower.push(hash_str(&lower));
            let cs: Vec<usize> = lower.char_indices().map(|(b, _)| b).collect();
            let suf = |k: usize| {
                if cs.len() > k {
                    hash_str(&lower[cs[cs.len() - k]..])
                } else {
                    NULL
                }
            };
            v.suffix.push([suf(3), suf(4)]);
            v.deprel.push(hash_str(&word.deprel));
            if let Some(h) = word.head {
                if words.contains(&h) {
                    v.children[h - words.start].push(w);
                }
            }
            v.etype[w - words.start] = mentions
                .iter()
                .find(|m| m.tokens.contains(&word.token))
                .map(|m| m.etype);
        }
        v
    }

    fn at(&self, w: usize) -> usize {
        w - self.words.start
    }

    /// The lemma of the `case` or `mark` child of word `w` (the preposition of an oblique).
    fn case_of(&self, doc: &Document, w: usize) -> u64 {
        self.children[self.at(w)]
            .iter()
            .find(|&&c| matches!(doc.words[c].deprel.as_str(), "case" | "mark"))
            .map_or(NULL, |&c| self.lemma[self.at(c)])
    }
}

fn etype_code(e: Option<EntityType>) -> u64 {
    e.map_or(0, |e| e as u64 + 1)
}

/// The features of candidate word `w`, written into `out`.
pub fn features(
    doc: &Document,
    res: &Resources,
    view: &SentenceView,
    w: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let i = view.at(w);
    let word = &doc.words[w];
    let (lemma, lower, deprel) = (view.lemma[i], view.lower[i], view.deprel[i]);
    let upos = word.upos as u64;
    out.push(feat1(0, 0));
    out.push(feat1(1, lemma));
    out.push(feat1(2, lower));
    out.push(feat1(3, upos));
    out.push(feat1(4, deprel));
    out.push(feat2(5, lemma, upos));
    out.push(feat2(6, view.suffix[i][0], upos));
    out.push(feat2(7, view.suffix[i][1], upos));
    out.push(feat2(8, lemma, deprel));
    out.push(feat1(9, etype_code(view.etype[i])));
    // The head: "refused to meet", "pourrait attaquer", "held talks".
    match word.head.filter(|h| view.words.contains(h)) {
        Some(h) => {
            let hi = view.at(h);
            out.push(feat1(10, view.lemma[hi]));
            out.push(feat3(11, deprel, view.lemma[hi], upos));
            out.push(feat2(12, doc.words[h].upos as u64, deprel));
            for &c in &view.children[hi] {
                let cr = doc.words[c].deprel.as_str();
                if c != w && matches!(cr, "aux" | "advmod" | "mark" | "nsubj" | "nsubj:pass") {
                    let ci = view.at(c);
                    out.push(feat2(13, view.deprel[ci], view.lemma[ci]));
                    out.push(feat2(14, view.deprel[ci], etype_code(view.etype[ci])));
                }
            }
        }
        None => out.push(feat1(10, NULL)),
    }
    // The children: arguments, prepositions, negation, auxiliaries.
    for &c in &view.children[i] {
        let ci = view.at(c);
        let cd = view.deprel[ci];
        out.push(feat1(20, cd));
        out.push(feat2(21, cd, view.lemma[ci]));
        out.push(feat2(22, cd, lemma));
        let et = etype_code(view.etype[ci]);
        out.push(feat2(23, cd, et));
        out.push(feat3(24, cd, et, lemma));
        if matches!(
            doc.words[c].deprel.split(':').next(),
            Some("obl" | "nmod" | "advcl" | "xcomp" | "ccomp")
        ) {
            let case = view.case_of(doc, c);
            out.push(feat2(25, cd, case));
            out.push(feat3(26, cd, case, lemma));
            out.push(feat3(27, cd, case, et));
        }
    }
    // The neighbours.
    let prev = if i > 0 { view.lower[i - 1] } else { NULL };
    let next = view.lower.get(i + 1).copied().unwrap_or(NULL);
    out.push(feat1(30, prev));
    out.push(feat1(31, next));
    out.push(feat2(32, prev, lemma));
    // The lexicon: the rows whose first word matches here, and those matching whole.
    let t = word.token;
    let end = doc.sentences[view.sentence].tokens.end;
    for i in super::triggers::rows_at(doc, res, t) {
        let row = &res.events[i];
        let ty = row.plover as u64;
        out.push(feat1(40, ty));
        out.push(feat2(41, ty, upos));
        if super::triggers::match_words(doc, t, end, &row.words).is_some() {
            out.push(feat2(42, ty, row.mode.map_or(NULL, |m| m as u64)));
            out.push(feat2(43, ty, row.words.len() as u64));
        }
    }
}
