//! Meetings with several parties: who hosts or mediates them, who attends
//! them, and the parties a mediator brings together.
//!
//! Reads: the sentence's participants and the events found in it. Writes: the
//! parties of those events (and the events a meeting implies).

use std::ops::Range;

use super::participants::{pair_antecedents, PairClass, Participant};
use crate::cue::Cue;
use crate::doc::{Document, Event};
use crate::lang::Resources;
use crate::plover::{Mode, Plover};
use crate::syntax::Upos;

/// Where the reach of a negation or a modal before token `t` starts: after
/// the last conjunction that opens a clause of its own ("did not attend but
/// was briefed"), or at `from`, the sentence's first token.
pub(super) fn scope_start(doc: &Document, res: &Resources, from: usize, t: usize) -> usize {
    (from..t)
        .rev()
        .find(|&k| res.is_cue(Cue::Contrast, &doc.folded[k]))
        .map_or(from, |k| k + 1)
}

/// The mediator and the parties of a mediation noun: its genitive or its
/// agent mediates between the parties its clause names as subject ("Israel
/// and Hamas negotiated under the auspices of Egypt", "an exchange mediated
/// by the UAE"); with neither, its subject (and those who join it: "aux
/// côtés de …") mediates between the parties after "between"/"entre"
/// ("Qatar acted as mediator between Israel and Hamas"), or, when its
/// sentence names no one else, between the two sides the article is about
/// ("Obasanjo a mené la médiation"). A subject with no parties to mediate
/// between is no mediator ("the Minsk Group, in charge of the mediation").
pub(super) fn mediation(
    doc: &Document,
    res: &Resources,
    trigger: Range<usize>,
    participants: &[Participant],
    (genitive, agent, subject): (Vec<usize>, Vec<usize>, Vec<usize>),
) -> (Vec<usize>, Vec<usize>) {
    let (t, te) = (trigger.start, trigger.end);
    // "under the auspices of Saudi Arabia and the United States, joined by
    // the African Union": those who join the mediators mediate too.
    let joined = |mut mediators: Vec<usize>| {
        mediators.extend(alongside(doc, res, participants));
        mediators.retain(|m| !subject.contains(m));
        mediators
    };
    if !genitive.is_empty() {
        return (joined(genitive), subject);
    }
    if !agent.is_empty() {
        return (joined(agent), subject);
    }
    // Only the subject of the verb the noun belongs to ("Obasanjo a mené la
    // médiation", "Qatar acted as mediator"), or the antecedent of its
    // relative clause, mediates: not a body named near a standing role ("le
    // Groupe de Minsk (Russie, France, États-Unis), chargé de la médiation").
    let mut mediator = subject;
    if mediator.is_empty() || !subject_of_verb(doc, t, &mediator, participants) {
        return (Vec::new(), Vec::new());
    }
    mediator.extend(alongside(doc, res, participants));
    let between = participants.iter().position(|p| {
        p.tokens.start >= te
            && !p.locative
            && (p.tokens.start.saturating_sub(3).max(te)..p.tokens.start)
                .any(|k| res.is_cue(Cue::With, &doc.folded[k]))
    });
    let mut parties = between.map_or_else(Vec::new, |i| chain(doc, res, participants, i));
    let others = participants.iter().any(|p| {
        p.tokens.start >= te
            && !p.locative
            && !p.oblique
            && !p.source
            && !p.speaker
            && !mediator.contains(&p.entity)
    });
    if parties.is_empty() && !others {
        if let Some(pair) = pair_antecedents(doc, res, t, PairClass::Sides) {
            parties = pair.into_iter().filter(|e| !mediator.contains(e)).collect();
        }
    }
    if parties.is_empty() {
        return (Vec::new(), Vec::new());
    }
    (mediator, parties)
}

/// Whether one of `parties` is the subject of the verb token `t` is (or is
/// the object or complement of) in the parse, or the antecedent of that
/// verb's relative clause. True when the document has no parse.
fn subject_of_verb(
    doc: &Document,
    t: usize,
    parties: &[usize],
    participants: &[Participant],
) -> bool {
    let Some(w) = doc.words_of_token(t).next() else {
        return true;
    };
    let verb = if doc.words[w].upos == Upos::Verb {
        Some(w)
    } else {
        doc.words[w].head
    };
    let Some(verb) = verb else {
        return false;
    };
    let relative_of = (doc.words[verb].deprel == "acl:relcl")
        .then_some(doc.words[verb].head)
        .flatten()
        .map(|h| doc.words[h].token);
    participants
        .iter()
        .filter(|p| parties.contains(&p.entity))
        .any(|p| {
            relative_of.is_some_and(|h| p.tokens.contains(&h))
                || p.tokens.clone().any(|k| {
                    doc.words_of_token(k).any(|x| {
                        // Up through the name's noun phrase ("l'ancien
                        // président nigérian Olusegun Obasanjo").
                        let mut x = x;
                        for _ in 0..NP_DEPTH {
                            let word = &doc.words[x];
                            if word.head == Some(verb) && word.deprel.starts_with("nsubj") {
                                return true;
                            }
                            match word.head {
                                Some(h) if in_name_phrase(&word.deprel) => x = h,
                                _ => return false,
                            }
                        }
                        false
                    })
                })
        })
}

/// How many heads up a name's noun phrase is followed to its head.
const NP_DEPTH: usize = 4;

/// Whether a relation keeps a word inside the noun phrase of its head (a
/// name in apposition to its title, a part of a name).
fn in_name_phrase(deprel: &str) -> bool {
    ["flat", "appos", "compound", "nmod"]
        .iter()
        .any(|r| deprel.split(':').next() == Some(*r))
}

/// The entities of participant `i` and of those joined to it after it by
/// "and", commas and modifiers ("between the FLNKS and the loyalists").
fn chain(doc: &Document, res: &Resources, participants: &[Participant], i: usize) -> Vec<usize> {
    let mut out = vec![participants[i].entity];
    let mut last = &participants[i];
    for p in &participants[i + 1..] {
        let gap = last.tokens.end..p.tokens.start;
        let joined = gap.len() <= CHAIN_GAP
            && gap.clone().any(|k| res.is_cue(Cue::Coord, &doc.folded[k]))
            && !super::clause_break(doc, res, gap.start, gap.end)
            && gap.clone().all(|k| {
                doc.words_of_token(k)
                    .all(|w| !matches!(doc.words[w].upos, Upos::Verb | Upos::Aux))
            });
        if !joined {
            break;
        }
        out.push(p.entity);
        last = p;
    }
    out
}

/// Most tokens between two members of a group ("et de l'ancienne
/// vice-présidente sud-africaine Phumzile Mlambo-Ngcuka").
const CHAIN_GAP: usize = 12;

/// The participants that join a party named before them ("alongside Uhuru
/// Kenyatta", "aux côtés de l'ex-président kényan", "joined by the African
/// Union"): those a cue of kind `alongside` introduces, and those joined to them.
pub(super) fn alongside(
    doc: &Document,
    res: &Resources,
    participants: &[Participant],
) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, p) in participants.iter().enumerate() {
        let cue = (p.tokens.start.saturating_sub(ALONGSIDE_REACH)..p.tokens.start)
            .rev()
            .take_while(|&k| !participants.iter().any(|q| q.tokens.contains(&k)))
            .any(|k| res.is_cue(Cue::Alongside, &doc.folded[k]));
        if cue && !out.contains(&p.entity) {
            out.extend(chain(doc, res, participants, i));
        }
    }
    out
}

/// Most tokens between an `alongside` cue and the party it introduces
/// ("aux côtés de l'ex-président kényan Uhuru Kenyatta").
const ALONGSIDE_REACH: usize = 6;

/// "Anwar hosted Hun Manet and Phumtham Wechayachai at his residence, in talks
/// also attended by the ambassadors of the United States and China": the
/// meetings a sentence reports beside one its actor hosts are that meeting.
/// Their parties are the host's guests, and they are no meetings of their own
/// (the guests do not meet each other apart from the host).
pub(super) fn one_meeting_per_host(events: &mut Vec<Event>) {
    let sentence = |e: &Event| e.mentions.first().map(|m| m.sentence);
    let mut absorbed = vec![false; events.len()];
    for h in 0..events.len() {
        let host = &events[h];
        if host.plover != Plover::Consult || host.mode != Some(Mode::Host) || absorbed[h] {
            continue;
        }
        let (s, hosts) = (sentence(host), host.actors.clone());
        let mut guests = host.recipients.clone();
        for (o, other) in events.iter().enumerate() {
            if o == h || other.plover != Plover::Consult || sentence(other) != s {
                continue;
            }
            if other.mode == Some(Mode::Host) && other.actors != hosts {
                continue;
            }
            absorbed[o] = true;
            for &p in other.actors.iter().chain(&other.recipients) {
                if !hosts.contains(&p) && !guests.contains(&p) {
                    guests.push(p);
                }
            }
        }
        events[h].recipients = guests;
    }
    // A host with no guests is no meeting.
    let mut keep = absorbed.into_iter().map(|a| !a);
    events.retain(|e| {
        keep.next().unwrap_or(true)
            && !(e.plover == Plover::Consult
                && e.mode == Some(Mode::Host)
                && e.actors.len() + e.recipients.len() < 2)
    });
}

/// "Les négociateurs doivent se retrouver … avec les commandants militaires
/// des deux camps": a meeting whose convener the text does not name is one
/// of the parties it names, with each other (the first named as the actor;
/// the evaluation compares meetings unordered). One party alone, with no
/// one to meet, is no meeting.
pub(super) fn parties_meet_each_other(events: &mut Vec<Event>) {
    for e in events.iter_mut() {
        if e.plover == Plover::Consult && e.actors.is_empty() && e.recipients.len() >= 2 {
            e.actors = vec![e.recipients.remove(0)];
        }
    }
    events.retain(|e| !(e.plover == Plover::Consult && e.actors.is_empty()));
}

#[cfg(test)]
#[path = "tests_meetings.rs"]
mod tests;
