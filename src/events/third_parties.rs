//! Third parties named in an event's sentence. A protest held at a state's
//! embassy or consulate is aimed at that state: «plusieurs centaines de
//! Groenlandais avaient manifesté à Nuuk devant le consulat des États-Unis»,
//! "protesters gathered outside the Russian embassy", "outside France's
//! embassy". A mediator is no recipient of the act it helped: «ils
//! déposeront les armes … après une médiation des forces russes».
//!
//! Reads: `tokens`, the sentence's participants and the cue kinds
//! `diplomatic_mission` (the nouns), `genitive` and `definite` (the words
//! between the noun and the state named after it), `possessor_mark` and
//! `mediation`.

use std::ops::Range;

use super::clause_break;
use super::participants::{PairClass, Participant};
use crate::cue::Cue;
use crate::doc::{Document, Event};
use crate::lang::Resources;
use crate::plover::Plover;

/// Settle the recipients of event `e`, found with the trigger ending at
/// `trigger_end` in sentence `range`, by the third parties its sentence
/// names: a protest at an embassy is aimed at the embassy's state; a
/// mediator is no recipient (except of the mediation itself).
pub(super) fn recipients(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    trigger_end: usize,
    participants: &[Participant],
    e: &mut Event,
) {
    if e.plover == Plover::Protest && e.recipients.is_empty() {
        e.recipients
            .extend(state_of_mission(doc, res, range, trigger_end, participants));
    }
    if e.plover != Plover::Consult {
        e.recipients
            .retain(|&r| !only_mediator(doc, res, range, r, participants));
    }
}

/// How far after the trigger the mission may be named (words).
const MISSION_REACH: usize = 12;

/// The state whose embassy or consulate the clause of the trigger ending at
/// `trigger_end` names (in sentence `range`), if one of `participants` names it.
fn state_of_mission(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    trigger_end: usize,
    participants: &[Participant],
) -> Option<usize> {
    let end = range.end.min(trigger_end + MISSION_REACH);
    let mission = (trigger_end..end)
        .take_while(|&k| !clause_break(doc, res, trigger_end, k + 1))
        .find(|&k| res.is_cue(Cue::DiplomaticMission, &doc.folded[k]))?;
    let state = |p: &&Participant| PairClass::States.fits(doc, p.entity);
    // Before the noun: "the US embassy", "the Russian embassy", "France's
    // embassy" (at most a possessive mark between them).
    let before = participants.iter().filter(state).find(|p| {
        p.tokens.end <= mission
            && (p.tokens.end..mission).all(|k| res.is_cue(Cue::PossessorMark, &doc.folded[k]))
            && p.tokens.end + 1 >= mission
    });
    // After it: «l'ambassade russe», «le consulat des États-Unis», "the
    // embassy of Japan" (an article may follow the «de»).
    let after = participants.iter().filter(state).find(|p| {
        p.tokens.start > mission
            && p.tokens.start <= mission + 3
            && (mission + 1..p.tokens.start).all(|k| {
                res.is_cue(Cue::Genitive, &doc.folded[k])
                    || res.is_cue(Cue::Definite, &doc.folded[k])
            })
    });
    before.or(after).map(|p| p.entity)
}

/// Most words between a mediation word and its mediator ("après une médiation
/// des forces russes": three).
const MEDIATION_REACH: usize = 4;

/// Whether `entity` is named in the sentence only as a mediator, a few words
/// after a mediation word («après une médiation des forces russes», "an
/// exchange mediated by the United Arab Emirates", "under mediation by
/// Qatar"; cue kind `mediation`): no recipient of the act it helped.
fn only_mediator(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    entity: usize,
    participants: &[Participant],
) -> bool {
    let mediator = |p: &Participant| {
        let from = p
            .tokens
            .start
            .saturating_sub(MEDIATION_REACH)
            .max(range.start);
        (from..p.tokens.start)
            .rev()
            .take_while(|&k| doc.is_word(k))
            .any(|k| res.is_cue(Cue::Mediation, &doc.folded[k]))
    };
    let mut named = participants
        .iter()
        .filter(|p| p.entity == entity)
        .peekable();
    named.peek().is_some() && named.all(mediator)
}
