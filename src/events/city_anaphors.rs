//! A city named by its state's demonym and a noun ("in the Qatari capital",
//! "in the Saudi port city", «dans la capitale qatarie»): the city of that
//! state the article names (before, else after); a city noun whose
//! complement names it ("in the Ukrainian city of Kharkiv"): as participants
//! of their sentence (see [`super::participants`]).
//!
//! Reads: `mentions`, `entities`, the knowledge base's `part_of`.

use std::ops::Range;

use super::participants::{named_part_of, Participant};
use super::{modifier, preceding, triggers};
use crate::cue::Cue;
use crate::doc::{Document, EntityType};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::demonym_at;
use crate::syntax::Upos;

/// Most words from an English demonym to its noun ("the Saudi port city").
const NOUN_REACH: usize = 2;

/// "the Qatari capital", "the Saudi port city", «la capitale qatarie»: a
/// definite noun phrase of a demonym and a city noun (cue kind `city_noun`)
/// after a locative preposition is the city of that state the article names
/// last before it, else first after it (the headline counts). Not "the
/// Ukrainian city of Kharkiv" (the name follows: its mention is the place),
/// not "a Saudi city" (no antecedent is meant), not a city acting ("the
/// Qatari capital said": the state, as the demonym alone gives).
pub(super) fn demonym_cities(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
) -> Vec<Participant> {
    let range = doc.sentences[s].tokens.clone();
    let mut out = Vec::new();
    for t in range.clone() {
        // The demonym, or a state's short name read as its mention ("the
        // Saudi port city").
        let state = match doc.mention_at(t) {
            Some(m) if m.tokens == (t..t + 1) => m
                .entity
                .map(|e| &doc.entities[e])
                .filter(|e| e.etype == EntityType::Place && e.subtype.as_deref() == Some("Country"))
                .map(|e| e.id.clone()),
            Some(_) => None,
            None => demonym_at(doc, res, t),
        };
        let Some(state) = state else {
            continue;
        };
        let Some((np, after)) = noun_phrase(doc, res, range.clone(), t) else {
            continue;
        };
        // "the Ukrainian city of Kharkiv": the name that follows (below).
        if after < range.end && res.is_cue(Cue::Genitive, &doc.folded[after]) {
            continue;
        }
        let prev = preceding(doc, res, range.start, np.start).unwrap_or("");
        if !res.is_cue(Cue::Locative, prev) {
            continue;
        }
        let Some(city) = city_of(doc, kb, &state, t) else {
            continue;
        };
        let mut p = Participant::after(res, prev, np, city);
        p.locative = true;
        p.state = named_part_of(doc, kb, city);
        out.push(p);
    }
    out.extend(named_after(doc, kb, res, range));
    out
}

/// "in the Ukrainian city of Kharkiv", "in the town of Bucha", «dans la
/// ville de Kharkiv»: after a locative preposition, a city noun whose
/// complement names a place is that place (the preposition before the
/// name is the complement's, not a locative).
fn named_after(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    range: Range<usize>,
) -> Vec<Participant> {
    let mut out = Vec::new();
    for t in range.clone() {
        if !res.is_cue(Cue::CityNoun, &doc.folded[t])
            || t + 2 >= range.end
            || !res.is_cue(Cue::Genitive, &doc.folded[t + 1])
        {
            continue;
        }
        let Some(m) = doc
            .mention_at(t + 2)
            .filter(|m| m.tokens.start == t + 2 && m.etype == EntityType::Place)
        else {
            continue;
        };
        let Some(place) = m.entity else {
            continue;
        };
        // The noun phrase's start: past its article, demonyms, adjectives.
        let mut k = t;
        while k > range.start
            && (modifier(doc, res, k - 1)
                || triggers::upos(doc, k - 1) == Some(Upos::Adj)
                || res.is_cue(Cue::CityNoun, &doc.folded[k - 1]))
        {
            k -= 1;
        }
        let prev = if k > range.start {
            doc.folded[k - 1].as_str()
        } else {
            ""
        };
        if k == t || !res.is_cue(Cue::Locative, prev) {
            continue;
        }
        let mut p = Participant::after(res, prev, k..m.tokens.end, place);
        p.locative = true;
        p.state = named_part_of(doc, kb, place);
        out.push(p);
    }
    out
}

/// The noun phrase around a demonym at `t` that names a city by a noun:
/// "the Saudi port city" (English: the noun within [`NOUN_REACH`] words
/// after), «la capitale qatarie» (French: the noun right before); its tokens
/// from the article on, and the token after it.
fn noun_phrase(
    doc: &Document,
    res: &Resources,
    range: Range<usize>,
    t: usize,
) -> Option<(Range<usize>, usize)> {
    let definite = |k: usize| {
        res.is_cue(Cue::Definite, &doc.folded[k]) || res.is_cue(Cue::Demonstrative, &doc.folded[k])
    };
    if t > range.start && definite(t - 1) {
        let noun = (t + 1..(t + 1 + NOUN_REACH).min(range.end))
            .find(|&k| res.is_cue(Cue::CityNoun, &doc.folded[k]))?;
        return Some((t - 1..noun + 1, noun + 1));
    }
    if t >= range.start + 2 && res.is_cue(Cue::CityNoun, &doc.folded[t - 1]) && definite(t - 2) {
        return Some((t - 2..t + 1, t + 1));
    }
    None
}

/// The city of the state `state` (an entity id) the article names last
/// before token `t`, else first after it.
fn city_of(doc: &Document, kb: &Knowledge, state: &str, t: usize) -> Option<usize> {
    let fits = |e: usize| {
        let x = &doc.entities[e];
        x.etype == EntityType::Place
            && x.subtype.as_deref() == Some("City")
            && kb
                .get(&x.id)
                .and_then(|k| k.part_of.as_deref())
                .is_some_and(|p| p == state)
    };
    let upto = doc.mentions.partition_point(|m| m.tokens.end <= t);
    let before = doc.mentions[..upto].iter().rev().filter_map(|m| m.entity);
    let after = doc.mentions[upto..].iter().filter_map(|m| m.entity);
    before.chain(after).find(|&e| fits(e))
}
