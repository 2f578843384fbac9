//! Reciprocal acts: "Both sides accused each other", "Each side has blamed
//! the other", «Les deux pays s'accusent mutuellement». An act that has a
//! target (an accusation, a threat, a refusal, a sanction, a demand …)
//! done by several parties to one another is one act per party and
//! direction, as the annotation rules count them.
//!
//! Reads: the events' triggers and sentences, the tokens' folded text.

use super::context::{directed, trigger_token};
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
    (t + 1..(t + 1 + RECIPROCAL_REACH).min(end)).any(|k| res.is_cue("reciprocal", &doc.folded[k]))
}
