//! Reciprocal acts: "Both sides accused each other", "Each side has blamed
//! the other", «Les deux pays s'accusent mutuellement». An act that has a
//! target (an accusation, a threat, a refusal, a sanction, a demand …)
//! done by several parties to one another is one act per party and
//! direction, as the annotation rules count them.
//!
//! An act answering a similar one ("recalled its ambassador in response to a
//! similar decision by Greece") tells that act too, the other way round.
//!
//! Reads: the events' triggers and sentences, the tokens' folded text.

use std::ops::Range;

use super::context::{directed, trigger_token};
use super::participants::Participant;
use crate::cue::Cue;
use crate::doc::{Document, Event};
use crate::lang::Resources;

/// Most tokens after the trigger in which "each other", «mutuellement» is
/// looked for ("accused each other of firing first").
const RECIPROCAL_REACH: usize = 8;

/// Split every directed act of several actors and no recipient whose
/// trigger a reciprocal word follows (cue kind `reciprocal`) into one act
/// per ordered pair of its actors.
pub(super) fn split_reciprocal(doc: &Document, res: &Resources, events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        if !(directed(event.plover)
            && event.actors.len() >= 2
            && event.recipients.is_empty()
            && reciprocal(doc, res, &event))
        {
            out.push(event);
            continue;
        }
        for &a in &event.actors {
            for &b in &event.actors {
                if a != b {
                    let mut one = event.clone();
                    one.actors = vec![a];
                    one.recipients = vec![b];
                    out.push(one);
                }
            }
        }
    }
    out
}

/// Whether a reciprocal word follows the event's trigger in its sentence.
fn reciprocal(doc: &Document, res: &Resources, event: &Event) -> bool {
    let Some(mention) = event.mentions.first() else {
        return false;
    };
    let t = trigger_token(doc, mention);
    let end = doc.sentences[mention.sentence].tokens.end;
    (t + 1..(t + 1 + RECIPROCAL_REACH).min(end))
        .any(|k| res.is_cue(Cue::Reciprocal, &doc.folded[k]))
}

/// Most words between the trigger and the act it answers ("a rappelé son
/// ambassadeur à Athènes en réponse à une décision similaire de la Grèce").
const IN_KIND_REACH: usize = 12;

/// Most words between "similar" and the party named after it («une
/// décision similaire de la Grèce», "a similar move by Moscow").
const IN_KIND_PARTY_REACH: usize = 3;

/// For a directed act of one actor to a recipient, answering "a similar
/// decision" of another party (cue kind `in_kind`: «en réponse à une
/// décision similaire de la Grèce», "in response to a similar move by
/// Moscow"): that party's own act of the same kind, aimed at the actor.
pub(super) fn answered_in_kind(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    trigger_end: usize,
    participants: &[Participant],
    event: &Event,
) -> Option<Event> {
    let [actor] = event.actors[..] else {
        return None;
    };
    if !directed(event.plover) || event.recipients.is_empty() {
        return None;
    }
    let end = range.end.min(trigger_end + IN_KIND_REACH);
    let similar = (trigger_end..end).find(|&k| res.is_cue(Cue::InKind, &doc.folded[k]))?;
    let party = participants
        .iter()
        .filter(|p| p.tokens.start > similar && p.tokens.start <= similar + IN_KIND_PARTY_REACH)
        .filter(|p| (similar + 1..p.tokens.start).all(|k| doc.is_word(k)))
        .min_by_key(|p| p.tokens.start)?;
    (party.entity != actor).then(|| Event {
        actors: vec![party.entity],
        recipients: vec![actor],
        place: None,
        date: None,
        ..event.clone()
    })
}
