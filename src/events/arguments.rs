//! Participants from the dependency tree, for the events the trained detector
//! ([`super::detector`]) finds where no lexicon row matched.
//!
//! The trigger's `nsubj` is the actor (`nsubj:pass` the recipient, an `obl`
//! agent after "by"/"par" the actor); `obj`, `iobj` and an `obl` after a
//! co-participant or target preposition ("with", "avec", "to", "à", "against",
//! "contre": cue kinds `with`, `target`) are recipients; a noun's `nmod` after
//! "of"/"de" or a possessive is its actor, after "with"/"between" its
//! recipients. Coordinated words (`conj`) join their group; a verb under
//! `xcomp` or `conj`, and a noun that is the object of a light verb ("held
//! talks with"), take the head's subject (and obliques). Each argument word
//! maps to a participant of the sentence ([`super::participants`]: mentions,
//! demonyms, capitals standing for their state) covering its token or a
//! modifier of it ("Russian forces").

use super::detector::Decision;
use super::participants::Participant;
use crate::dates::Anchor;
use crate::doc::{Document, EntityType, Event};
use crate::lang::Resources;
use crate::plover::Plover;
use crate::syntax::Upos;

/// The event a detector decision reports, when its core arguments are found.
pub(super) fn event(
    doc: &Document,
    res: &Resources,
    s: usize,
    d: &Decision,
    participants: &[Participant],
    anchor: Option<Anchor>,
) -> Option<Event> {
    let words = doc.sentence_words(s);
    let children = |w: usize| words.clone().filter(move |&c| doc.words[c].head == Some(w));
    let case = |w: usize| -> Option<String> {
        children(w)
            .find(|&c| matches!(doc.words[c].deprel.as_str(), "case" | "mark"))
            .map(|c| doc.folded[doc.words[c].token].clone())
    };
    let entity = |w: usize| -> Option<usize> {
        let covering = |w: usize| {
            let t = doc.words[w].token;
            participants
                .iter()
                .find(|p| p.tokens.contains(&t))
                .map(|p| p.entity)
        };
        covering(w).or_else(|| {
            children(w)
                .filter(|&c| {
                    matches!(
                        doc.words[c].deprel.split(':').next(),
                        Some("amod" | "compound" | "flat" | "appos" | "nmod")
                    )
                })
                .find_map(covering)
        })
    };
    // A word and the words coordinated with it.
    let group = |w: usize| -> Vec<usize> {
        let mut out: Vec<usize> = entity(w).into_iter().collect();
        out.extend(
            children(w)
                .filter(|&c| doc.words[c].deprel == "conj")
                .filter_map(entity),
        );
        out
    };
    let place_word =
        |w: usize| entity(w).is_some_and(|e| doc.entities[e].etype == EntityType::Place);
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    let mut passive = false;
    // The roles a word's children fill; `noun` for a nominal trigger.
    let mut roles = |w: usize, noun: bool, actors: &mut Vec<usize>, recipients: &mut Vec<usize>| {
        for c in children(w) {
            let rel = doc.words[c].deprel.as_str();
            let prep = case(c);
            let is = |kind: &str| prep.as_deref().is_some_and(|p| res.is_cue(kind, p));
            match rel.split(':').next().unwrap_or("") {
                "nsubj" if rel == "nsubj:pass" => {
                    passive = true;
                    recipients.extend(group(c));
                }
                "nsubj" => actors.extend(group(c)),
                "obj" | "iobj" => recipients.extend(group(c)),
                "obl" if rel == "obl:agent" || is("agent") => actors.extend(group(c)),
                "obl" if is("with") => recipients.extend(group(c)),
                "obl" if is("target") && !place_word(c) => recipients.extend(group(c)),
                "nmod" if noun && (rel == "nmod:poss" || is("genitive") || is("agent")) => {
                    actors.extend(group(c))
                }
                "nmod" if noun && is("with") => recipients.extend(group(c)),
                "nmod" if noun && is("target") && !place_word(c) => recipients.extend(group(c)),
                _ => {}
            }
        }
    };
    let w = d.word;
    let word = &doc.words[w];
    let noun = word.upos == Upos::Noun;
    roles(w, noun, &mut actors, &mut recipients);
    // "agreed to meet", "and attacked": the head's subject; "held talks with X":
    // the light verb's subject and obliques.
    if actors.is_empty() {
        if let Some(h) = word.head {
            let inherit = matches!(word.deprel.as_str(), "xcomp" | "conj")
                || (noun && word.deprel == "obj" && doc.words[h].upos == Upos::Verb);
            if inherit {
                let (mut ha, mut hr) = (Vec::new(), Vec::new());
                roles(h, false, &mut ha, &mut hr);
                actors = ha;
                if noun && recipients.is_empty() {
                    recipients = hr;
                    recipients.retain(|r| !actors.contains(r));
                }
            }
        }
    }
    dedup(&mut actors);
    dedup(&mut recipients);
    recipients.retain(|r| !actors.contains(r));
    if d.plover == Plover::Consult && actors.is_empty() && recipients.len() > 1 {
        actors.push(recipients.remove(0));
    }
    if d.plover == Plover::Consult && recipients.is_empty() && actors.len() > 1 {
        recipients = actors.split_off(1);
    }
    let complete = if d.plover == Plover::Consult {
        !actors.is_empty() && !recipients.is_empty()
    } else {
        !actors.is_empty() || (passive && !recipients.is_empty())
    };
    if !complete {
        return None;
    }
    let t = word.token;
    Some(super::complete_event(
        doc,
        res,
        s,
        t..t + 1,
        (d.plover, d.mode),
        actors,
        recipients,
        participants,
        anchor,
    ))
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
}
