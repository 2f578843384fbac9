//! Who speaks, and for whom: a quotation reported after it ("«…», a accusé
//! Maia Sandu": the speaker follows the verb, the quotation names the target),
//! the person a state speaks through («par la voix de son porte-parole») and
//! the states a speaker belongs to (never the target of their own threat).
//!
//! Reads: `tokens`, `folded`, `words`, `entities`, `positions`. Writes nothing.

use std::ops::Range;

use super::participants::{named_part_of, Participant};
use super::{distance, group};
use crate::cue::Cue;
use crate::doc::{Document, EntityType, Event};
use crate::kb::Knowledge;
use crate::lang::Resources;

/// Most words between the comma after a quotation and the verb that reports
/// it ("», a accusé", "», a ensuite averti").
const INVERSION_GAP: usize = 2;

/// For a trigger right after a quotation that opens its sentence, and its
/// comma ("«…», a accusé la présidente, Maia Sandu", "\"…,\" warned
/// Netanyahu"): the speaker named after the trigger (with those joined to
/// them) and the first party named in the quotation.
pub(super) fn quotation_before(
    doc: &Document,
    res: &Resources,
    sentence: Range<usize>,
    t: usize,
    te: usize,
    participants: &[Participant],
) -> Option<(Vec<usize>, Option<usize>)> {
    // Back over the verb's auxiliaries and adverbs to the punctuation before them.
    let mut j = t;
    while j > sentence.start && doc.is_word(j - 1) {
        j -= 1;
        if t - j > INVERSION_GAP {
            return None;
        }
    }
    // The comma and the closing mark, in either order: "»," or ",\"".
    let closes = |k: usize| res.is_cue(Cue::QuoteClose, doc.token_text(k));
    let close = match j.checked_sub(sentence.start + 2).map(|_| (j - 2, j - 1)) {
        Some((a, b)) if closes(a) && doc.token_text(b) == "," => a,
        Some((a, b)) if doc.token_text(a) == "," && closes(b) => b,
        _ => return None,
    };
    // The quotation is the sentence's first clause: not a phrase quoted
    // inside one ("condemned the attack as \"heinous\", has called on").
    let open = sentence.start;
    if !res.is_cue(Cue::QuoteOpen, doc.token_text(open)) {
        return None;
    }
    let parties: Vec<&Participant> = participants
        .iter()
        .filter(|p| !p.locative && !p.oblique && !p.source)
        .collect();
    let speaker = parties.iter().position(|p| {
        p.tokens.start >= te && distance(doc, res, te, p.tokens.start, participants) <= 2
    })?;
    let speaker = group(doc, res, &parties, speaker, true)
        .into_iter()
        .map(|i| parties[i].entity)
        .collect();
    let quoted = parties
        .iter()
        .find(|p| p.tokens.start > open && p.tokens.end <= close)
        .map(|p| p.entity);
    Some((speaker, quoted))
}

/// The states of the people among `actors`: the country the knowledge base
/// gives them, and the bodies the article names them a position in.
pub(super) fn own_states(doc: &Document, kb: &Knowledge, actors: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &a in actors {
        if doc.entities[a].etype != EntityType::Person {
            continue;
        }
        out.extend(named_part_of(doc, kb, a));
        out.extend(
            doc.positions
                .iter()
                .filter(|p| p.person == a)
                .map(|p| p.organization),
        );
    }
    out
}

/// Most words between «par la voix» and the person who speaks («par la voix
/// du porte-parole du Quai d'Orsay, Christophe Lemoine»: seven).
const VOICE_REACH: usize = 10;

/// A statement (see [`crate::plover::Plover::speaks_of_others`]) made by states or bodies
/// through a person of sentence `range` («La France a exprimé sa
/// préoccupation …, par la voix du porte-parole du Quai d'Orsay, Christophe
/// Lemoine»; cue kind `voice`) is that person's: the first person named
/// within [`VOICE_REACH`] words after the cue.
pub(super) fn speaking_through(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    participants: &[Participant],
    event: &mut Event,
) {
    let person = |e: usize| doc.entities[e].etype == EntityType::Person;
    if !event.plover.speaks_of_others()
        || event.actors.is_empty()
        || event.actors.iter().any(|&a| person(a))
    {
        return;
    }
    let Some(cue) = range
        .clone()
        .find(|&k| res.is_cue(Cue::Voice, &doc.folded[k]))
    else {
        return;
    };
    let voice = participants
        .iter()
        .filter(|p| p.tokens.start > cue && p.tokens.start <= cue + VOICE_REACH)
        .find(|p| person(p.entity));
    if let Some(p) = voice {
        event.actors = vec![p.entity];
    }
}
