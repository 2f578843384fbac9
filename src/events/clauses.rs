//! Clause boundaries in word order, for the events stage's frames: where a
//! trigger's clause ends, and the relative clauses that do not end it ("Burhan,
//! who heads the Council, accused", "China and Russia, which vetoed"), and
//! names the parse coordinates across their titles' appositions.
//!
//! Reads: `tokens`, `folded`, and the parse's subject of a relative pronoun,
//! appositions and conjuncts.

use std::ops::Range;

use super::triggers;
use crate::cue::Cue;
use crate::doc::Document;
use crate::lang::Resources;
use crate::syntax::Upos;

/// Whether a clause break lies between two tokens.
pub(super) fn clause_break(doc: &Document, res: &Resources, from: usize, to: usize) -> bool {
    (from..to)
        .any(|k| res.is_cue(Cue::Clause, &doc.folded[k]) && !in_relative_clause(doc, res, k, to))
}

/// A relative clause set off by commas ("Burhan, who heads the Council,
/// accused …") does not end the clause around it.
fn in_relative_clause(doc: &Document, res: &Resources, k: usize, to: usize) -> bool {
    k > 0
        && doc.token_text(k - 1) == ","
        && res.is_cue(Cue::Relative, &doc.folded[k])
        && (k..to).any(|j| doc.token_text(j) == ",")
}

/// Whether a party ending at `end` is the antecedent of the subject relative
/// pronoun of the trigger's own clause ("China and Russia, which vetoed a
/// resolution", "l'armée, qui a bombardé"): the pronoun right after the
/// party and a comma, the parse's subject of the trigger word, with no other
/// clause break up to the trigger.
pub(super) fn antecedent_of_subject_relative(
    doc: &Document,
    res: &Resources,
    end: usize,
    t: usize,
) -> bool {
    let k = end + 1;
    if k >= t || doc.token_text(end) != "," || !res.is_cue(Cue::Relative, &doc.folded[k]) {
        return false;
    }
    let subject_of_trigger = doc.words_of_token(k).any(|w| {
        let word = &doc.words[w];
        word.deprel.starts_with("nsubj") && word.head.is_some_and(|h| doc.words[h].token == t)
    });
    subject_of_trigger && !clause_break(doc, res, k + 1, t)
}

/// Whether the token `x` lies in the parse in a relative clause that the
/// trigger at token `t` is not in ("a resolution demanding that the Houthis
/// … release a car carrier they hijacked on Nov. 19": the nineteenth of
/// November is the hijacking's, not the demand's).
pub(super) fn in_a_relative_clause_apart(doc: &Document, x: usize, t: usize) -> bool {
    let (Some(xw), Some(tw)) = (doc.words_of_token(x).next(), doc.words_of_token(t).next()) else {
        return false;
    };
    doc.word_and_heads(xw)
        .take_while(|&h| h != tw)
        .any(|h| doc.words[h].deprel == "acl:relcl" && !doc.word_and_heads(tw).any(|a| a == h))
}

/// Whether a party sits in an aside that opens with a preposition, set off
/// by commas (or opening the sentence) before the trigger («L'armée malienne
/// mène, avec l'appui des paramilitaires russes, des frappes», "The army
/// launched, with Russian support, strikes"): the aside's parties are no
/// subject of what follows.
pub(super) fn inside_prepositional_aside(
    doc: &Document,
    floor: usize,
    party: Range<usize>,
    t: usize,
) -> bool {
    // The aside opens after a comma, or at the sentence's start («Depuis le
    // départ de la mission de l'ONU, l'armée malienne mène …»).
    let open = (floor..party.start)
        .rev()
        .find(|&k| doc.token_text(k) == ",")
        .map_or(floor, |k| k + 1);
    let preposition = doc
        .words_of_token(open)
        .next()
        .is_some_and(|w| doc.words[w].upos == Upos::Adp);
    preposition && (party.end..t).any(|k| doc.token_text(k) == ",")
}

/// Whether a party sits in a relative clause set off by commas before the
/// trigger ("Burhan, who heads Sudan's ruling Sovereign Council, accused").
pub(super) fn inside_relative_clause(
    doc: &Document,
    res: &Resources,
    floor: usize,
    party: Range<usize>,
    t: usize,
) -> bool {
    let opens = (floor + 1..party.start)
        .any(|k| doc.token_text(k - 1) == "," && res.is_cue(Cue::Relative, &doc.folded[k]));
    let closes = (party.end..t).any(|k| doc.token_text(k) == ",");
    opens && closes
}

/// Whether the trigger `t..te` sits in a relative clause set off by a comma
/// (no comma between its pronoun and the trigger) that a comma closes before
/// `to`: what follows belongs to the clause around it ("Ruto, who called the
/// unrest \"treasonous\", ordered the army to deploy": the army is not
/// what he called treasonous).
pub(super) fn relative_closes_before(
    doc: &Document,
    res: &Resources,
    floor: usize,
    trigger: Range<usize>,
    to: usize,
) -> bool {
    let opened = (floor + 1..trigger.start)
        .rev()
        .take_while(|&k| doc.token_text(k) != ",")
        .any(|k| doc.token_text(k - 1) == "," && res.is_cue(Cue::Relative, &doc.folded[k]));
    opened && (trigger.end..to).any(|k| doc.token_text(k) == ",")
}

/// Whether a quotation closes between a party ending at `end` and the
/// trigger at `t`, the party inside it («Les autorités algériennes ont choisi
/// l'escalade», a déclaré l'Elysée, jugeant …): a party quoted is no subject
/// of what follows the quotation. A straight quote mark opens or closes by
/// turns.
pub(super) fn quoted_apart(
    doc: &Document,
    res: &Resources,
    from: usize,
    end: usize,
    t: usize,
) -> bool {
    // (opens, closes) of token k.
    let mark = |k: usize| {
        let w = doc.folded[k].as_str();
        (
            res.is_cue(Cue::QuoteOpen, w),
            res.is_cue(Cue::QuoteClose, w),
        )
    };
    let step = |k: usize, depth: usize| match mark(k) {
        (true, true) if depth > 0 => depth - 1,
        (true, _) => depth + 1,
        (_, true) => depth.saturating_sub(1),
        _ => depth,
    };
    // Only a quote mark between the party and the trigger can close a
    // quotation around the party: the scan from the sentence's start is paid
    // only then.
    if !(end..t).any(|k| mark(k) != (false, false)) {
        return false;
    }
    let mut depth = (from..end).fold(0, |d, k| step(k, d));
    if depth == 0 {
        return false;
    }
    for k in end..t {
        depth = step(k, depth);
        if depth == 0 {
            return true;
        }
    }
    false
}

/// Whether token `k` is an object pronoun ("les", "lui", "them"): "les" only
/// before a verb or a participle, not before a noun ("les combats se
/// poursuivent").
pub(super) fn object_pronoun(doc: &Document, res: &Resources, k: usize) -> bool {
    doc.folded
        .get(k)
        .is_some_and(|w| res.is_cue(Cue::ObjectPronoun, w))
        && (triggers::upos(doc, k) == Some(Upos::Pron)
            || triggers::present_participle(doc, k + 1)
            || !matches!(
                triggers::upos(doc, k + 1),
                Some(Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
            ))
}

/// Whether the names at `a` and `b` are coordinated in the parse, each
/// maybe in apposition to its title ("Le président de la République de
/// Chypre, Nikos Christodoulides, et le dirigeant de la RTCN, Ersin Tatar"):
/// climbing appositions and conjuncts from both names reaches one word.
pub(super) fn coordinated_in_parse(doc: &Document, a: &Range<usize>, b: &Range<usize>) -> bool {
    let top = |span: &Range<usize>| {
        let mut w = doc.phrase_head(span)?;
        for _ in 0..PAIR_CLIMB {
            let rel = doc.words[w].deprel.split(':').next().unwrap_or("");
            match doc.words[w].head {
                Some(h) if matches!(rel, "appos" | "conj") => w = h,
                _ => break,
            }
        }
        Some(w)
    };
    top(a).is_some_and(|w| top(b) == Some(w))
}

/// Most appositions and conjuncts climbed from a name to its coordination.
const PAIR_CLIMB: usize = 4;

/// The token of the parse's subject of the word at token `t`, or of its
/// head ("faisait l'objet": the subject of «faisait»): «Cette enclave,
/// peuplée de 120.000 Arméniens …, a vu ses villes pilonnées» gives
/// «enclave», whatever the apposition between.
pub(super) fn subject_token(doc: &Document, t: usize) -> Option<usize> {
    let w = doc.words_of_token(t).next()?;
    let words = doc.sentence_words(doc.words[w].sentence);
    doc.word_and_heads(w).take(2).find_map(|h| {
        words
            .clone()
            .find(|&c| doc.words[c].head == Some(h) && doc.words[c].deprel.starts_with("nsubj"))
            .map(|c| doc.words[c].token)
    })
}
