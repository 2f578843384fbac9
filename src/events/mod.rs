//! Extract-events stage: PLOVER events from trigger words in context.
//!
//! Triggers, modes and argument frames come from `ontology/lang/<code>/events.tsv`.
//! For each trigger the sentence's participants (named entities, demonyms
//! standing for their country, capitals standing for their state) fill the
//! frame: the subject group before the trigger, the object group after it, the
//! agent of a passive, places after a locative preposition, and the nearest
//! date expression resolved against the publication date. The trained
//! [`detector`] adds the events of words no row lists (their parties from the
//! parse, [`arguments`]), and the parse fills frames the word order leaves
//! incomplete. Reports of one
//! happening are then merged into one event ([`coref`]); [`happening`] keys
//! the canonical happening each event reports, across articles.
//!
//! Reads: `sentences`, `tokens`, `mentions`, `entities`, `positions` (and
//! adds the entity of a state a capital or demonym stands for). Writes: `events`.

mod arguments;
pub mod coref;
pub mod detector;
mod features;
pub mod happening;
mod participants;

use std::ops::Range;

use participants::{participants, Participant};

use crate::dates::{self, Anchor};
use crate::doc::{DateBasis, Document, EntityType, Event, EventMention};
use crate::kb::Knowledge;
use crate::lang::{pattern_matches, EventTrigger, Frame, Resources};
use crate::plover::{Mode, Plover};
use crate::recognise::demonym_at;

pub use crate::plover::PLOVER_TYPES;

/// Most words that may sit between the words of a multi-word trigger.
const TRIGGER_GAP: usize = 3;

/// Reads: `sentences`, `mentions`, `entities`, `positions`. Writes: `events`.
pub fn extract(doc: &mut Document, kb: &Knowledge, res: &Resources, anchor: Option<Anchor>) {
    let mut events = Vec::new();
    let detector = (!doc.words.is_empty())
        .then(|| detector::Detector::embedded(doc.lang))
        .flatten();
    for s in 0..doc.sentences.len() {
        let participants = participants(doc, kb, res, s);
        let decisions = detector.map_or_else(Vec::new, |d| d.sentence(doc, res, s));
        let margin_at = |tokens: Range<usize>| {
            decisions
                .iter()
                .filter(|d| tokens.contains(&doc.words[d.word].token))
                .map(|d| d.margin)
                .reduce(f32::max)
        };
        let range = doc.sentences[s].tokens.clone();
        let mut covered = Vec::new();
        let mut t = range.start;
        while t < range.end {
            let Some((trigger, end)) = match_trigger(doc, res, s, t) else {
                t += 1;
                continue;
            };
            covered.push(t..end);
            // The detector vetoes a row it confidently rejects here.
            if margin_at(t..end).is_none_or(|m| m >= -VETO_MARGIN) {
                let found = fill(doc, res, s, t..end, trigger, &participants, anchor);
                // A frame the word order does not fill may be filled by the parse.
                let from_tree = || {
                    if !TREE_FALLBACK {
                        return None;
                    }
                    let d = decisions
                        .iter()
                        .find(|d| (t..end).contains(&doc.words[d.word].token))?;
                    let d = detector::Decision {
                        plover: trigger.plover,
                        mode: trigger.mode,
                        ..*d
                    };
                    arguments::event(doc, res, s, &d, &participants, anchor)
                };
                events.extend(found.or_else(from_tree));
            }
            t = end;
        }
        // The detector's own events, where no row matched.
        for d in decisions.iter().filter(|d| d.margin > ADD_MARGIN) {
            let tok = doc.words[d.word].token;
            // As for lexicon rows: no trigger in a name, none denied or hypothetical
            // ("dément avoir tiré": a negation cue at or up to four words before).
            let negated = (tok.saturating_sub(4).max(range.start)..=tok)
                .any(|k| res.is_cue("negation", &doc.folded[k]));
            if negated
                || covered.iter().any(|c| c.contains(&tok))
                || doc.mentions.iter().any(|m| m.tokens.contains(&tok))
            {
                continue;
            }
            events.extend(arguments::event(doc, res, s, d, &participants, anchor));
        }
    }
    // One event per happening: the headline and the lede often report the same one.
    doc.events = coref::merge(events);
}

/// Margin (see [`detector::Decision::margin`]) above which a word no lexicon row
/// matches is an event. Measured on the seeds and `tests/data/dev` (event F1,
/// typed/untyped; with `TREE_FALLBACK`): no additions 0.569/0.768 and 0.253/0.381;
/// margin > 0 gives dev 0.248/0.380, > 15 0.253/0.382, > 50 0.254/0.381, > 80
/// 0.255/0.383 (the seeds unchanged throughout).
const ADD_MARGIN: f32 = 80.0;

/// Whether a lexicon match whose frame the word order leaves incomplete takes its
/// parties from the parse ([`arguments`]). Measured (no detector additions):
/// seeds typed 0.562 → 0.569 (untyped 0.775 → 0.768, one more false event), dev
/// typed 0.249 → 0.253, untyped 0.379 → 0.381.
const TREE_FALLBACK: bool = true;

/// Margin below minus which the detector drops a lexicon match. Measured: any
/// finite value costs more true events than it removes false ones (a veto at 20
/// takes the seeds to 0.509 and dev to 0.232 typed), so none is vetoed.
const VETO_MARGIN: f32 = f32::INFINITY;

/// The first trigger row that matches at token `t` and whose cues and blockers allow it.
fn match_trigger<'r>(
    doc: &Document,
    res: &'r Resources,
    s: usize,
    t: usize,
) -> Option<(&'r EventTrigger, usize)> {
    let range = doc.sentences[s].tokens.clone();
    if doc.mentions.iter().any(|m| m.tokens.contains(&t)) {
        return None;
    }
    let in_sentence = |patterns: &[String]| {
        range
            .clone()
            .any(|k| patterns.iter().any(|p| pattern_matches(p, &doc.folded[k])))
    };
    for trigger in &res.events {
        let Some(end) = match_words(doc, t, range.end, &trigger.words) else {
            continue;
        };
        if !trigger.cues.is_empty() && !in_sentence(&trigger.cues) {
            continue;
        }
        if in_sentence(&trigger.blockers) {
            continue;
        }
        // "touchée par des tirs": the agent noun of a passive is the same event.
        if (t.saturating_sub(2).max(range.start)..t).any(|k| res.is_cue("agent", &doc.folded[k])) {
            return None;
        }
        // Denied or hypothetical: "dément avoir tiré", "si les affrontements".
        let negated = (t.saturating_sub(4).max(range.start)..t)
            .any(|k| res.is_cue("negation", &doc.folded[k]));
        if negated {
            return None;
        }
        return Some((trigger, end));
    }
    None
}

pub(super) fn match_words(
    doc: &Document,
    t: usize,
    end: usize,
    words: &[Vec<String>],
) -> Option<usize> {
    let mut k = t;
    for (n, alternatives) in words.iter().enumerate() {
        let limit = if n == 0 {
            k + 1
        } else {
            (k + TRIGGER_GAP + 1).min(end)
        };
        let mut found = None;
        for j in k..limit.min(end) {
            if alternatives
                .iter()
                .any(|p| pattern_matches(p, &doc.folded[j]))
            {
                found = Some(j);
                break;
            }
        }
        k = found? + 1;
    }
    Some(k)
}

/// Most words between a trigger and its object ("appelle les parties en
/// conflit à …" names no object within reach).
const OBJECT_REACH: usize = 8;

/// Words that qualify a participant and may stand between it and its
/// preposition: articles, possessives, titles, demonyms, collective nouns
/// ("par son homologue russe, Sergueï Lavrov", "les forces séparatistes").
pub(super) fn modifier(doc: &Document, res: &Resources, k: usize) -> bool {
    let w = doc.folded[k].as_str();
    res.is_cue("determiner", w)
        || res.is_cue("title_word", w)
        || res.is_cue("collective", w)
        || demonym_at(doc, res, k).is_some()
        || matches!(w, "," | "'s")
}

/// Words that may also stand between two members of a group: modifiers,
/// dates and brackets ("Pachinian jeudi soir et le président … Aliev").
fn filler(doc: &Document, res: &Resources, k: usize) -> bool {
    let w = doc.folded[k].as_str();
    modifier(doc, res, k)
        || res.is_cue("part_of_day", w)
        || res.dates.weekdays.contains_key(w)
        || matches!(w, "(" | ")")
}

/// A group of participants joined by "et", ",", "de": "de l'Arménie et de
/// l'Azerbaïdjan", "avec le Premier ministre arménien Nikol Pachinian jeudi
/// soir et le président azerbaïdjanais Ilham Aliev". People group with
/// people, states with states: "le ministre de l'Azerbaïdjan, Ceyhun
/// Bayramov" is one person.
fn group(
    doc: &Document,
    res: &Resources,
    ps: &[&Participant],
    first: usize,
    forward: bool,
) -> Vec<usize> {
    let is_person = |p: &Participant| doc.entities[p.entity].etype == EntityType::Person;
    let joined = |a: &Participant, b: &Participant| {
        let gap = a.tokens.end..b.tokens.start;
        if gap.len() > 12 || is_person(a) != is_person(b) {
            return false;
        }
        // "the Rapid Support Forces (RSF)": the same party named again.
        if a.entity == b.entity && gap.clone().all(|k| filler(doc, res, k)) {
            return true;
        }
        let coordinated = gap.clone().any(|k| res.is_cue("coord", &doc.folded[k]));
        let fillers = gap.clone().all(|k| {
            res.is_cue("coord", &doc.folded[k])
                || res.is_cue("with", &doc.folded[k])
                || filler(doc, res, k)
        });
        let only_articles = gap
            .clone()
            .all(|k| res.is_cue("determiner", &doc.folded[k]));
        fillers && (coordinated || only_articles)
    };
    let mut chosen = vec![first];
    let mut i = first;
    // Members are returned in text order.
    if forward {
        while i + 1 < ps.len() && joined(ps[i], ps[i + 1]) {
            i += 1;
            chosen.push(i);
        }
    } else {
        while i > 0 && joined(ps[i - 1], ps[i]) {
            i -= 1;
            chosen.insert(0, i);
        }
    }
    chosen
}

/// Whether a clause break lies between two tokens.
pub(super) fn clause_break(doc: &Document, res: &Resources, from: usize, to: usize) -> bool {
    (from..to).any(|k| res.is_cue("clause", &doc.folded[k]) && !in_relative_clause(doc, res, k, to))
}

/// A relative clause set off by commas ("Burhan, who heads the Council,
/// accused …") does not end the clause around it.
fn in_relative_clause(doc: &Document, res: &Resources, k: usize, to: usize) -> bool {
    k > 0
        && doc.token_text(k - 1) == ","
        && res.is_cue("relative", &doc.folded[k])
        && (k..to).any(|j| doc.token_text(j) == ",")
}

/// Whether a party sits in a relative clause set off by commas before the
/// trigger ("Burhan, who heads Sudan's ruling Sovereign Council, accused").
fn inside_relative_clause(
    doc: &Document,
    res: &Resources,
    floor: usize,
    party: Range<usize>,
    t: usize,
) -> bool {
    let opens = (floor + 1..party.start)
        .any(|k| doc.token_text(k - 1) == "," && res.is_cue("relative", &doc.folded[k]));
    let closes = (party.end..t).any(|k| doc.token_text(k) == ",");
    opens && closes
}

/// The roles of the participants around one trigger.
struct Slots {
    subject: Vec<usize>,
    object: Vec<usize>,
    agent: Vec<usize>,
    genitive: Vec<usize>,
    /// Participants after "avec"/"with" that follow the genitive.
    with_genitive: Vec<usize>,
    sources: Vec<usize>,
}

/// How far apart two tokens are in words, not counting fillers and participants.
fn distance(
    doc: &Document,
    res: &Resources,
    from: usize,
    to: usize,
    participants: &[Participant],
) -> usize {
    (from..to)
        .filter(|&k| {
            doc.is_word(k)
                && !filler(doc, res, k)
                && !participants.iter().any(|p| p.tokens.contains(&k))
        })
        .count()
}

fn slots(
    doc: &Document,
    res: &Resources,
    sentence: Range<usize>,
    trigger: &EventTrigger,
    t: usize,
    te: usize,
    participants: &[Participant],
) -> Slots {
    let parties: Vec<&Participant> = participants
        .iter()
        .filter(|p| !p.locative && !p.oblique && !p.source)
        .collect();
    let entities =
        |ids: Vec<usize>| -> Vec<usize> { ids.into_iter().map(|i| parties[i].entity).collect() };
    // The subject stays in the trigger's clause: "L'Arménie a affirmé qu'au moins 32 personnes avaient été tuées".
    let before: Vec<usize> = (0..parties.len())
        .filter(|&i| {
            parties[i].tokens.end <= t
                && !parties[i].agent
                && !clause_break(doc, res, parties[i].tokens.end, t)
                && !inside_relative_clause(doc, res, sentence.start, parties[i].tokens.clone(), t)
        })
        .collect();
    let after: Vec<usize> = (0..parties.len())
        .filter(|&i| {
            parties[i].tokens.start >= te && !clause_break(doc, res, te, parties[i].tokens.start)
        })
        .collect();
    // A noun after its determiner ("les combats", "the talks") takes no subject
    // from the clause around it: its parties are its complements.
    let nominal = matches!(trigger.plover, Plover::Assault | Plover::Agree)
        && trigger.frame == Frame::Symmetric
        && t > sentence.start
        && res.is_cue("determiner", &doc.folded[t - 1]);
    // The subject is the last party before the trigger, unless that party is
    // an apposition set off by commas ("The RSF, led by General Dagalo, shelled").
    let subject_index = before.last().map(|&last| {
        let set_off = |i: usize| (parties[i].tokens.end..t).any(|k| doc.token_text(k) == ",");
        match before.iter().rev().nth(1) {
            // …but not a title's complement: "le ministre de l'Azerbaïdjan, Ceyhun Bayramov, était".
            Some(&earlier)
                if set_off(last)
                    && set_off(earlier)
                    && doc.token_text(parties[earlier].tokens.end) == ","
                    && !(parties[earlier].tokens.start > sentence.start
                        && res.is_cue(
                            "genitive",
                            &doc.folded[parties[earlier].tokens.start - 1],
                        )) =>
            {
                earlier
            }
            _ => last,
        }
    });
    // ", accusing Moscow of …", ", en accusant …": a participle set off by a
    // comma takes the subject of the sentence.
    let participle = t > sentence.start
        && doc.token_text(t - 1) == ","
        && (doc.folded[t].ends_with("ing") || doc.folded[t].ends_with("ant"));
    // "… told Reuters … and accused Netanyahu": a coordinated verb shares the first verb's subject.
    let coordinated_verb = t > sentence.start
        && matches!(doc.folded[t - 1].as_str(), "and" | "et")
        && trigger.frame != Frame::Symmetric
        && !before.is_empty()
        && before.len() > 1;
    let participle = participle || coordinated_verb;
    let subject_index = if participle {
        (0..parties.len()).find(|&i| parties[i].tokens.end <= t && !parties[i].agent)
    } else {
        subject_index
    };
    let subject = if nominal {
        Vec::new()
    } else {
        subject_index
            .map(|i| entities(group(doc, res, &parties, i, false)))
            .unwrap_or_default()
    };
    // The object, unless it is the subject's own ("rappelle son ambassadeur
    // Stéphane Romatet", "recalled its ambassador").
    let owned = |i: usize| {
        let start = parties[i].tokens.start;
        (start.saturating_sub(3).max(te)..start).any(|k| {
            res.is_cue("possessive", &doc.folded[k])
                && doc
                    .folded
                    .get(k + 1)
                    .is_some_and(|n| res.is_cue("envoy", n))
        })
    };
    // "a demandé à Washington", "recalled its ambassador to Athens": after a
    // request or a sanction, the state named right after is the addressee,
    // before any object further on.
    // A visit's host is the state visited: "Blinken will travel to Israel".
    let visit = trigger.plover == Plover::Consult && trigger.mode == Some(Mode::Visit);
    let addressee = (visit
        || matches!(
            trigger.plover,
            Plover::Request | Plover::Sanction | Plover::Threaten | Plover::Support | Plover::Aid
        ))
    .then(|| {
        participants
            .iter()
            .filter(|p| {
                p.locative
                    && p.tokens.start >= te
                    && distance(doc, res, te, p.tokens.start, participants) <= 2
                    && !parties
                        .iter()
                        .any(|q| q.tokens.start >= te && q.tokens.end <= p.tokens.start)
            })
            .find_map(|p| p.state)
    })
    .flatten();
    let object = addressee.map(|a| vec![a]).unwrap_or_else(|| {
        after
            .iter()
            .find(|&&i| {
                !parties[i].agent
                    && !owned(i)
                    && distance(doc, res, te, parties[i].tokens.start, participants) <= OBJECT_REACH
            })
            .map(|&i| entities(group(doc, res, &parties, i, true)))
            .unwrap_or_default()
    });
    let agent = after
        .iter()
        .find(|&&i| parties[i].agent)
        .map(|&i| entities(group(doc, res, &parties, i, true)))
        .unwrap_or_default();
    // "échanges téléphoniques du président Emmanuel Macron avec …"
    let genitive_first = after.first().copied().filter(|&i| {
        let p = parties[i];
        distance(doc, res, te, p.tokens.start, participants) <= 2
            && (te..p.tokens.start).any(|k| res.is_cue("genitive", &doc.folded[k]))
    });
    let (genitive, with_genitive) = match genitive_first {
        Some(g) => {
            let members = group(doc, res, &parties, g, true);
            let end = members
                .iter()
                .map(|&i| parties[i].tokens.end)
                .max()
                .unwrap_or(te);
            let with = after
                .iter()
                .copied()
                .filter(|&i| parties[i].tokens.start >= end)
                .find(|&i| {
                    (end..parties[i].tokens.start).any(|k| res.is_cue("with", &doc.folded[k]))
                })
                .map(|i| entities(group(doc, res, &parties, i, true)))
                .unwrap_or_default();
            (entities(members), with)
        }
        None => (Vec::new(), Vec::new()),
    };
    let sources = participants
        .iter()
        .filter(|p| p.source)
        .map(|p| p.entity)
        .collect();
    Slots {
        subject,
        object,
        agent,
        genitive,
        with_genitive,
        sources,
    }
}

fn fill(
    doc: &Document,
    res: &Resources,
    s: usize,
    trigger_tokens: Range<usize>,
    trigger: &EventTrigger,
    participants: &[Participant],
    anchor: Option<Anchor>,
) -> Option<Event> {
    let (t, te) = (trigger_tokens.start, trigger_tokens.end);
    let sentence = doc.sentences[s].tokens.clone();
    let slots = slots(doc, res, sentence.clone(), trigger, t, te, participants);
    // "a été touchée par des tirs": a participle after an auxiliary is
    // passive, unless the verb is reflexive ("s'est entretenu").
    let passive_voice = trigger.frame == Frame::SubjectObject
        && (t.saturating_sub(2).max(sentence.start)..t).any(|k| {
            res.is_cue("passive_aux", &doc.folded[k])
                && !(k > sentence.start && res.is_cue("reflexive", &doc.folded[k - 1]))
        });
    let frame = if passive_voice {
        Frame::Passive
    } else {
        trigger.frame
    };
    // Only a noun has a genitive actor ("l'invitation de Moscou", "d'échanges
    // téléphoniques du président"), not a verb ("réclame une réunion du Conseil").
    let noun = t > sentence.start && res.is_cue("determiner", &doc.folded[t - 1]);
    let genitive_actor = noun
        && matches!(trigger.plover, Plover::Consult | Plover::Request)
        && !slots.genitive.is_empty();
    let (mut actors, mut recipients) = match frame {
        Frame::SubjectObject if genitive_actor => (slots.genitive, slots.with_genitive),
        Frame::SubjectObject => (slots.subject, slots.object),
        Frame::Passive => (slots.agent, slots.subject),
        Frame::Genitive => (slots.genitive, Vec::new()),
        // "des allégations insultantes, selon les Grecs": the source speaks.
        Frame::Subject if !slots.sources.is_empty() => (slots.sources, Vec::new()),
        Frame::Subject => (slots.subject, Vec::new()),
        Frame::Object => (Vec::new(), slots.object),
        Frame::Symmetric => {
            let mut all = slots.subject;
            all.extend(slots.object);
            // Parties that meet: the first is the actor, the others recipients;
            // parties that fight or agree are all actors.
            if trigger.plover == Plover::Consult && all.len() > 1 {
                let first = all.remove(0);
                (vec![first], all)
            } else {
                (all, Vec::new())
            }
        }
    };
    dedup(&mut actors);
    dedup(&mut recipients);
    recipients.retain(|r| !actors.contains(r));
    // Parties that meet: the first named is the actor, the others recipients.
    if trigger.plover == Plover::Consult && recipients.is_empty() && actors.len() > 1 {
        recipients = actors.split_off(1);
    }
    // An event needs its core arguments: a meeting two parties, a fight or an
    // agreement between parties two of them, an act its actor (a passive may
    // name only its target: "la cathédrale a été touchée").
    let complete = match frame {
        _ if trigger.plover == Plover::Consult => actors.len() + recipients.len() >= 2,
        Frame::Symmetric => actors.len() >= 2,
        Frame::Passive | Frame::Object => !actors.is_empty() || !recipients.is_empty(),
        _ => !actors.is_empty(),
    };
    if !complete {
        return None;
    }
    Some(complete_event(
        doc,
        res,
        s,
        t..te,
        (trigger.plover, trigger.mode),
        actors,
        recipients,
        participants,
        anchor,
    ))
}

/// An event of `plover` whose parties are known: its place (a place after a
/// locative preposition, a city before a region or state), date, mode and
/// confidence. Shared by lexicon triggers and the detector's ([`arguments`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn complete_event(
    doc: &Document,
    res: &Resources,
    s: usize,
    trigger_tokens: Range<usize>,
    (plover, mode): (Plover, Option<Mode>),
    actors: Vec<usize>,
    recipients: Vec<usize>,
    participants: &[Participant],
    anchor: Option<Anchor>,
) -> Event {
    let (t, te) = (trigger_tokens.start, trigger_tokens.end);
    let sentence = doc.sentences[s].tokens.clone();
    // The place: a place after a locative preposition, a city before a region or state.
    let place = participants
        .iter()
        .filter(|p| p.locative && doc.entities[p.entity].etype == EntityType::Place)
        .min_by_key(|p| {
            let city = doc.entities[p.entity].subtype.as_deref() == Some("City");
            (!city, p.tokens.start.abs_diff(te))
        })
        .map(|p| p.entity);
    let window = te.saturating_sub(6).max(sentence.start)..(te + 3).min(sentence.end);
    let future = dates::is_future(doc, res, window);
    // With an anchor its year serves; without one there is no year to guess.
    let found = dates::expressions(doc, res, sentence, anchor.map(|a| (a, future)), None);
    let date = found
        .iter()
        .min_by_key(|f| f.token.abs_diff(t))
        .map(|f| (f.event_date(), DateBasis::Text))
        .or_else(|| {
            anchor
                .and_then(|a| a.as_event_date())
                .map(|d| (d, DateBasis::Publication))
        });
    let mode = mode.or_else(|| consult_mode(doc, plover, &actors, &recipients, place));
    let filled = [
        !actors.is_empty(),
        !recipients.is_empty(),
        place.is_some(),
        date.is_some(),
    ];
    let confidence = 0.5 + 0.1 * filled.iter().filter(|f| **f).count() as f32;
    Event {
        plover,
        mode,
        actors,
        recipients,
        place,
        date,
        mentions: vec![EventMention {
            sentence: s,
            trigger: doc.tokens[t].span.start..doc.tokens[te - 1].span.end,
        }],
        confidence: confidence.min(0.9),
    }
}

/// The mode of a meeting the trigger does not name: with an international
/// body, `multilateral`; in a state none of the parties belongs to, `third-party`.
fn consult_mode(
    doc: &Document,
    plover: Plover,
    actors: &[usize],
    recipients: &[usize],
    place: Option<usize>,
) -> Option<Mode> {
    if plover != Plover::Consult {
        return None;
    }
    let parties: Vec<&crate::doc::Entity> = actors
        .iter()
        .chain(recipients)
        .map(|&e| &doc.entities[e])
        .collect();
    if parties
        .iter()
        .any(|e| e.subtype.as_deref() == Some("IntergovernmentalOrganization"))
    {
        return Some(Mode::Multilateral);
    }
    let place = &doc.entities[place?];
    let states: Vec<&str> = parties
        .iter()
        .filter(|e| e.subtype.as_deref() == Some("Country"))
        .map(|e| e.id.as_str())
        .collect();
    if states.len() >= 2 && !states.contains(&place.id.as_str()) && !place.id.is_empty() {
        // The place's own state is known only for curated places; a city of a party is no third party.
        return (!doc
            .entities
            .iter()
            .any(|e| states.contains(&e.id.as_str()) && e.id == place.id))
        .then_some(Mode::ThirdParty);
    }
    None
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
}

#[cfg(test)]
mod tests {
    use crate::doc::Lang;
    use crate::pipeline::{analyse, describe_events};

    fn events(text: &str, lang: Lang, date: &str) -> Vec<String> {
        describe_events(&analyse(text, lang, date))
    }

    #[test]
    fn hosting_meets_in_both_languages() {
        assert_eq!(
            events(
                "Lavrov hosts Bayramov and Mnatsakanian in Moscow.",
                Lang::En,
                "2020-10-09"
            ),
            ["CONSULT host sergey-lavrov>jeyhun-bayramov,zohrab-mnatsakanyan @moscow 2020-10-09"]
        );
        assert_eq!(
            events("Le chef de la diplomatie arménienne devait être reçu lundi à Moscou par son homologue russe, Sergueï Lavrov.", Lang::Fr, "2020-10-09"),
            ["CONSULT host sergey-lavrov>armenia @moscow 2020-10-12"]
        );
    }

    #[test]
    fn calls_for_a_ceasefire_are_requests_to_yield() {
        let got = events(
            "Le pape François a appelé ce mercredi à «faire taire les armes» au Karabakh.",
            Lang::Fr,
            "2023-09-20",
        );
        assert_eq!(
            got,
            ["REQUEST yield pope-francis> @nagorno-karabakh 2023-09-20"]
        );
        let got = events("On Thursday, Turkish President Recep Tayyip Erdogan urged Russia and Ukraine to agree a ceasefire.", Lang::En, "2024-03-08");
        assert!(
            got.iter().any(
                |e| e.starts_with("REQUEST yield recep-tayyip-erdogan>russia,ukraine")
                    && e.ends_with("2024-03-07")
            ),
            "{got:?}"
        );
    }

    #[test]
    fn passive_voice_puts_the_target_in_recipients() {
        let got = events(
            "Kharkiv was shelled by Russian forces on Monday.",
            Lang::En,
            "2024-05-15",
        );
        assert!(
            got.iter()
                .any(|e| e.starts_with("ASSAULT heavy-weapons russia>ukraine")
                    || e.starts_with("ASSAULT heavy-weapons russia>kharkiv")),
            "{got:?}"
        );
    }

    #[test]
    fn denied_and_hypothetical_events_are_not_recorded() {
        assert!(events(
            "L'armée azerbaïdjanaise dément avoir tiré sur l'édifice.",
            Lang::Fr,
            "2020-10-09"
        )
        .is_empty());
        assert!(events(
            "Israel denied that it had attacked Lebanon.",
            Lang::En,
            "2024-05-15"
        )
        .is_empty());
    }

    #[test]
    fn fighting_parties_are_all_actors() {
        let got = events(
            "Depuis le 27 septembre, les forces arméniennes et azerbaïdjanaises s'affrontent.",
            Lang::Fr,
            "2020-10-09",
        );
        assert_eq!(got, ["ASSAULT - armenia,azerbaijan> @- 2020-09-27"]);
    }

    #[test]
    fn the_subject_s_own_envoy_is_no_recipient() {
        let got = events(
            "L'Algérie rappelle son ambassadeur Salim Haddad et expulse douze agents français.",
            Lang::Fr,
            "2025-04-15",
        );
        assert!(got.iter().all(|e| !e.contains("salim")), "{got:?}");
        assert!(
            got.iter()
                .any(|e| e.starts_with("SANCTION withdraw algeria>")),
            "{got:?}"
        );
    }

    #[test]
    fn recalled_ambassadors_are_sanctions() {
        let got = events(
            "Poland recalled its ambassador to Moscow on Friday.",
            Lang::En,
            "2024-05-17",
        );
        assert!(
            got.iter()
                .any(|e| e.starts_with("SANCTION withdraw poland>")),
            "{got:?}"
        );
    }
}
