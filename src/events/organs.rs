//! A state's own forces named without their state ("Police opened fire",
//! "la police anti-émeutes a dispersé", "The army responded"): which state
//! they are, as participants of their sentence (see [`super::participants`]).
//!
//! Reads: `mentions`, `entities`, `positions`, the parse's parts of speech.
//! Adds an entity for a state the article does not name (a city's state).

use std::ops::Range;

use super::participants::{institution_state, PairClass, Participant};
use super::{preceding, triggers};
use crate::cue::Cue;
use crate::doc::{Document, EntityType};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::demonym_at;
use crate::resolve::entity_for_id;
use crate::syntax::Upos;

/// Most tokens between a state's force and a name or demonym that says whose
/// it is ("Sudan's army", "la police anti-émeutes géorgienne").
const ORGAN_REACH: usize = 3;

/// "Police opened fire", "la police anti-émeutes a dispersé les
/// manifestants", "army warplanes bombed RSF bases": a state's own force (cue
/// kind `state_organ`) that no name or demonym beside it assigns is the state
/// whose force of that name the article named before ("Sudan's army … The
/// army responded"), else the first state its sentence or the one before
/// names: a state, a city's state (added when the article does not name it:
/// "In Nairobi, … Police opened fire"), the state of a person who holds a
/// position there. Not the state the article names most (in an article on
/// Kenyan police in Haiti, Nairobi's police are not Haiti's), not a word that
/// qualifies a title or a named person ("Military spokesman Yahya Saree"),
/// not an adjective ("military ties").
pub(super) fn state_organs(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    found: &[Participant],
) -> Vec<Participant> {
    let range = doc.sentences[s].tokens.clone();
    // (the force's word, the word before it, the state's id)
    let mut organs: Vec<(usize, String, String)> = Vec::new();
    {
        let doc = &*doc;
        let country = |e: usize| PairClass::States.fits(doc, e);
        let country_id = |id: &str| {
            kb.get(id).is_some_and(|k| {
                k.etype == EntityType::Place && k.subtype.as_deref() == Some("Country")
            })
        };
        // The first state a sentence names: a state, a city's state, the
        // state a person named there serves ("President William Ruto …
        // ordered the army to deploy").
        let in_sentence = |s: usize| {
            doc.sentence_mentions(s)
                .iter()
                .filter_map(|m| m.entity)
                .find_map(|e| match doc.entities[e].etype {
                    EntityType::Place if country(e) => Some(doc.entities[e].id.clone()),
                    EntityType::Place => kb
                        .get(&doc.entities[e].id)
                        .and_then(|k| k.part_of.clone())
                        .filter(|p| country_id(p)),
                    EntityType::Person => doc
                        .positions
                        .iter()
                        .find(|p| p.person == e && country(p.organization))
                        .map(|p| doc.entities[p.organization].id.clone()),
                    _ => None,
                })
        };
        for t in range.clone() {
            // A noun: "the military", not "military ties".
            if !res.is_cue(Cue::StateOrgan, &doc.folded[t])
                || !matches!(triggers::upos(doc, t), Some(Upos::Noun | Upos::Propn))
                || doc.mention_at(t).is_some()
                || demonym_at(doc, res, t).is_some()
                || found.iter().any(|p| p.tokens.contains(&t))
            {
                continue;
            }
            let title_next = (t + 1..(t + 3).min(range.end)).any(|k| {
                res.is_cue(Cue::TitleWord, &doc.folded[k])
                    || doc
                        .mention_at(k)
                        .is_some_and(|m| m.etype == EntityType::Person)
            });
            if title_next || owner_word(doc, res, t, range.clone()).is_some() {
                continue;
            }
            let state = earlier_owner(doc, kb, res, t, s)
                .map(|e| doc.entities[e].id.clone())
                .or_else(|| in_sentence(s))
                .or_else(|| s.checked_sub(1).and_then(in_sentence));
            if let Some(state) = state {
                let prev = preceding(doc, res, range.start, t)
                    .unwrap_or_default()
                    .to_string();
                organs.push((t, prev, state));
            }
        }
    }
    organs
        .into_iter()
        .filter_map(|(t, prev, id)| {
            let state = entity_for_id(doc, kb, res, &id)?;
            PairClass::States
                .fits(doc, state)
                .then(|| Participant::after(res, &prev, t..t + 1, state))
        })
        .collect()
}

/// The word that says whose a force's word at `t` is: a name or demonym
/// before it ("Sudan's army", "Kenyan police"), an adjective after it
/// ("l'armée malienne", "forces de sécurité maliennes"), or a name after a
/// genitive ("l'armée du Soudan", "the military governments of Mali").
fn owner_word(doc: &Document, res: &Resources, t: usize, range: Range<usize>) -> Option<usize> {
    let named = |k: usize| doc.mention_at(k).is_some() || demonym_at(doc, res, k).is_some();
    let before = t.saturating_sub(ORGAN_REACH).max(range.start)..t;
    let after = t + 1..(t + 1 + ORGAN_REACH).min(range.end);
    let genitive = after
        .clone()
        .position(|k| res.is_cue(Cue::Genitive, &doc.folded[k]));
    before
        .rev()
        .find(|&k| named(k))
        .or_else(|| after.clone().find(|&k| demonym_at(doc, res, k).is_some()))
        .or_else(|| {
            let g = after.start + genitive?;
            (g + 1..(after.end + 1).min(range.end)).find(|&k| doc.mention_at(k).is_some())
        })
}

/// The state [`owner_word`] names, or whose force the word is part of the
/// name of ("Sudan's army" read as the army of Sudan), when the article has
/// it as an entity.
fn owner(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    t: usize,
    range: Range<usize>,
) -> Option<usize> {
    let id = match doc.mention_at(t).and_then(|m| m.entity) {
        Some(e) => institution_state(doc, kb, res, e)?,
        None => {
            let k = owner_word(doc, res, t, range)?;
            match doc.mention_at(k) {
                Some(m) => {
                    let e = m.entity?;
                    institution_state(doc, kb, res, e).unwrap_or_else(|| doc.entities[e].id.clone())
                }
                None => demonym_at(doc, res, k)?,
            }
        }
    };
    let e = doc.entities.iter().position(|e| e.id == id)?;
    PairClass::States.fits(doc, e).then_some(e)
}

/// Most sentences back that "the army" looks for the army the article named.
const ORGAN_SENTENCES: usize = 12;

/// The state whose force of the same word (folded) the article named in the
/// sentences before `s`, the nearest first.
fn earlier_owner(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    t: usize,
    s: usize,
) -> Option<usize> {
    let from = s.saturating_sub(ORGAN_SENTENCES);
    (from..=s).rev().find_map(|before| {
        let range = doc.sentences[before].tokens.clone();
        range
            .clone()
            .rev()
            .filter(|&k| k < t && doc.folded[k] == doc.folded[t])
            .find_map(|k| owner(doc, kb, res, k, range.clone()))
    })
}
