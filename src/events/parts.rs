//! Parts of one act: a trigger that depends in the parse on a trigger of
//! the same type in its sentence reports the same act, not another one.
//! "Russian forces pounded the city of Pokrovsk with glide bombs, killing
//! two civilians" is one assault (the bombs are its means, the killing its
//! outcome); «ont signé un accord» one agreement. Coordinated triggers
//! ("attacked X and shelled Y") stay apart: each has its own target.
//!
//! Reads: the events' triggers, the parse (`words`). Writes: the events,
//! each dependent report folded into the act it depends on.

use std::collections::{HashMap, HashSet};

use super::context::trigger_word;
use super::coref::{add_reports, same_happening};
use super::triggers;
use crate::doc::{Document, Event};
use crate::lang::Resources;

/// Fold every event whose trigger depends (not by coordination) on the
/// trigger of an event of the same type in the same sentence into that
/// event: the act keeps its own parties and takes the part's mode, and its
/// target when it names none; the part's trigger is kept as one more report.
pub(super) fn fold_parts(doc: &Document, res: &Resources, events: Vec<Event>) -> Vec<Event> {
    let words: Vec<Option<usize>> = events.iter().map(|e| trigger_word(doc, e)).collect();
    let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if let Some(w) = w {
            at.entry(*w).or_default().push(i);
        }
    }
    // The words a subject depends on: the heads of clauses of their own.
    let with_subject: HashSet<usize> = doc
        .words
        .iter()
        .filter(|w| w.deprel.starts_with("nsubj"))
        .filter_map(|w| w.head)
        .collect();
    let whole: Vec<Option<usize>> = (0..events.len())
        .map(|i| part_of(doc, &events, &words, (&at, &with_subject), i))
        .collect();
    // Whether a lexicon row (not only the detector) lists a trigger word.
    let listed = |w: Option<usize>| {
        w.is_some_and(|w| !triggers::rows_at(doc, res, doc.words[w].token).is_empty())
    };
    let mut out: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    for i in 0..out.len() {
        // The act itself may be a part of another: follow to the top.
        let mut j = i;
        let mut steps = 0;
        while let Some(k) = whole[j].filter(|_| steps < out.len()) {
            j = k;
            steps += 1;
        }
        if j == i {
            continue;
        }
        let Some(part) = out[i].take() else { continue };
        // Reports coreference merges anyway (the same parties, or one's a
        // subset of the other's) are left to it: it keeps the larger side.
        let Some(act) = out[j].as_mut().filter(|act| !same_happening(act, &part)) else {
            out[i] = Some(part);
            continue;
        };
        // The lexicon's reading over the detector's: "a porté plainte" is
        // the row of "plainte" (ACCUSE sue), "porté" the detector's guess.
        act.mode = if listed(words[i]) && !listed(words[j]) {
            part.mode.or(act.mode)
        } else {
            act.mode.or(part.mode)
        };
        if act.recipients.is_empty() {
            let actors = &act.actors;
            act.recipients = part
                .recipients
                .into_iter()
                .filter(|r| !actors.contains(r))
                .collect();
        }
        act.place = act.place.or(part.place);
        act.date = act.date.or(part.date);
        add_reports(act, part.mentions, part.confidence);
    }
    out.into_iter().flatten().collect()
}

/// The event (index) whose trigger event `i`'s trigger is a part of.
fn part_of(
    doc: &Document,
    events: &[Event],
    words: &[Option<usize>],
    (at, with_subject): (&HashMap<usize, Vec<usize>>, &HashSet<usize>),
    i: usize,
) -> Option<usize> {
    let w = words[i]?;
    // A clause with a subject of its own is an act of its own ("Russian
    // drones attacked Kyiv while Ukrainian forces shelled Belgorod").
    if with_subject.contains(&w) {
        return None;
    }
    // Coordinated acts and relative clauses ("Yoon, who was attending
    // the summit, met Kishida") are acts of their own; and only a trigger's
    // own dependent is its part (two heads up, the parse of a headline
    // links clauses it should not: «Vance accuse le Danemark de ne pas
    // protéger l'île, Copenhague dénonce le ton américain»; measured: dev
    // typed events 0.580 with two heads up, 0.583 with one).
    let rel = doc.words[w].deprel.as_str();
    if ["conj", "parataxis", "acl", "appos", "list"]
        .iter()
        .any(|r| rel.starts_with(r))
    {
        return None;
    }
    let head = doc.words[w].head?;
    let same_type = at.get(&head).into_iter().flatten();
    same_type
        .copied()
        .find(|&j| j != i && events[j].plover == events[i].plover)
}
