//! Extract-events stage: PLOVER events from trigger words in context.
//!
//! Triggers, modes and argument frames come from `ontology/lang/<code>/events.tsv`,
//! rows keyed by lemma and part of speech ([`triggers`]); the content of an
//! accusation, a request or a threat ("accused NATO of threatening Russia") and
//! a trigger after a negation or a modal ("may attack") report no event.
//! For each trigger the sentence's participants (named entities, demonyms
//! standing for their country, capitals standing for their state) fill the
//! frame: the subject group before the trigger, the object group after it, the
//! agent of a passive, places after a locative preposition, and the nearest
//! date expression resolved against the publication date. The trained
//! [`detector`] adds the events of words no row lists (their parties from the
//! parse, [`arguments`]), and the parse fills frames the word order leaves
//! incomplete. Participants come from context too ([`participants`]: "the two
//! sides", "the group", a person named with the body they speak for; a state's
//! own force named without its state, [`organs`]: "Police opened fire"), and so do
//! recipients, dates and places ([`context`]: "rejected the accusation", the
//! day of the events just before, the place of the article's conflict), the
//! authors of acts told without them ([`authors`]: "ont été condamnés", a
//! condemnation that names no one), and from who speaks ([`speakers`]: "«…»,
//! a accusé Maia Sandu"). Reports
//! of one happening are then merged into one event ([`coref`]); [`happening`]
//! keys the canonical happening each event reports, across articles.
//!
//! Reads: `sentences`, `tokens`, `mentions`, `entities`, `positions` (and
//! adds the entity of a state a capital or demonym stands for). Writes: `events`.

mod arguments;
mod authors;
mod city_anaphors;
mod clauses;
mod communities;
mod complete;
mod context;
pub mod coref;
mod dateline;
pub mod detector;
mod features;
pub mod happening;
mod meetings;
mod offsets;
mod organs;
mod pair_class;
mod participants;
mod parts;
mod reciprocal;
mod region_groups;
mod slots;
mod speakers;
mod third_parties;
mod triggers;
mod troops;

use std::ops::Range;

use clauses::clause_break;
use participants::{participants, Participant};
use slots::{distance, group, modifier, preceding, slots};

use crate::cue::Cue;
use crate::dates::Anchor;
use crate::doc::{Document, EntityType, Event, INTERGOVERNMENTAL};
use crate::kb::Knowledge;
use crate::lang::{EventTrigger, Frame, Resources};
use crate::plover::{Mode, Plover};

pub use crate::plover::PLOVER_TYPES;

/// Reads: `sentences`, `mentions`, `entities`, `positions`. Writes: `events`.
pub fn extract(doc: &mut Document, kb: &Knowledge, res: &Resources, anchor: Option<Anchor>) {
    let mut events = Vec::new();
    let detector = (!doc.words.is_empty())
        .then(|| detector::Detector::embedded(doc.lang))
        .flatten();
    let holders = participants::Holders::new(doc);
    // Fights whose sentence does not name all their sides: (index in
    // `events`, the sides it names).
    let mut unnamed_sides: Vec<(usize, Vec<usize>)> = Vec::new();
    for s in 0..doc.sentences.len() {
        let participants = participants(doc, kb, res, &holders, s);
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
            // The detector vetoes a row it confidently rejects here; the
            // content of an accusation, a request or a threat is no fact, nor
            // what a "since" counts from ("since the start of the invasion").
            if margin_at(t..end).is_none_or(|m| m >= -VETO_MARGIN)
                && !triggers::is_content(doc, res, t, trigger.plover)
                && !triggers::time_reference(doc, res, t)
            {
                let found = fill(doc, res, s, t..end, trigger, &participants, anchor);
                // A frame the word order does not fill may be filled by the parse.
                // Not protesters: the parse gives them the subject of the
                // clause that acts on them (see `fill`).
                let from_tree = || {
                    if !TREE_FALLBACK || protesters(doc, res, trigger.plover, t) {
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
                let mut found = found.or_else(from_tree);
                // An act the word order gives no target may have one in the
                // parse: "rejected the bloc's offer", "slogans against France".
                if let Some(e) = found.as_mut().filter(|e| {
                    TREE_RECIPIENTS
                        && e.recipients.is_empty()
                        && matches!(trigger.frame, Frame::SubjectObject | Frame::Subject)
                        && e.plover != Plover::Consult
                }) {
                    // A threat is not aimed at its author's own state
                    // ("Poutine a prévenu que … Moscou remplirait ses obligations").
                    let mut sides = e.actors.clone();
                    if e.plover == Plover::Threaten {
                        sides.extend(speakers::own_states(doc, kb, &e.actors));
                    }
                    e.recipients = arguments::recipients(
                        doc,
                        res,
                        s,
                        (t..end, e.plover, trigger.frame == Frame::SubjectObject),
                        &participants,
                        &sides,
                    );
                }
                if let Some(e) = found.as_mut() {
                    third_parties::recipients(doc, res, &range, end, &participants, e);
                    speakers::speaking_through(doc, res, &range, &participants, e);
                }
                let answered = found.as_ref().and_then(|e| {
                    reciprocal::answered_in_kind(doc, res, &range, end, &participants, e)
                });
                events.extend(answered);
                if let Some(e) = found.as_ref().filter(|_| trigger.frame == Frame::Symmetric) {
                    if let Some(named) = authors::sides_left_unnamed(e, &participants) {
                        unnamed_sides.push((events.len(), named));
                    }
                }
                events.extend(found);
            }
            t = end;
        }
        // The detector's own events, where no row matched.
        for d in decisions.iter().filter(|d| d.margin > ADD_MARGIN) {
            let tok = doc.words[d.word].token;
            // As for lexicon rows: no trigger in a name, none denied or hypothetical
            // ("dément avoir tiré": a negation cue at or up to four words before).
            let negated = denied_or_possible(doc, res, range.start, tok)
                || res.is_cue(Cue::Negation, &doc.folded[tok]);
            // A word the lexicon lists but whose rows did not apply here ("called
            // the meeting 'very good'": no "for", no "on") is no event either.
            let listed = LEXICON_VETO && !triggers::rows_at(doc, res, tok).is_empty();
            if negated
                || listed
                || triggers::hyphen_modifier(doc, tok)
                || triggers::time_reference(doc, res, tok)
                || covered.iter().any(|c| c.contains(&tok))
                || doc.mention_at(tok).is_some()
            {
                continue;
            }
            events.extend(arguments::event(doc, res, s, d, &participants, anchor));
        }
    }
    // A state's ministry, presidency or army, however found (the sides of a
    // fight, "the group", the detector's parse), stands for the state; and no
    // one's act is aimed at their own state ("Abiy Ahmed a salué un accord" is
    // no support for Ethiopia, "Fidan a réaffirmé le soutien d'Ankara" none
    // for Turkey).
    for e in &mut events {
        for party in e.actors.iter_mut().chain(e.recipients.iter_mut()) {
            *party = participants::state_of_institution(doc, kb, res, *party).unwrap_or(*party);
        }
        dedup(&mut e.actors);
        dedup(&mut e.recipients);
        let own = speakers::own_states(doc, kb, &e.actors);
        let actors = &e.actors;
        e.recipients
            .retain(|r| !actors.contains(r) && !own.contains(r));
        // "offert un dîner … au palais Huis ten Bosch": where it happened is
        // no party to it (a state may be both: "Blinken in China", and a
        // region whose forces fight there: "les séparatistes arméniens et les
        // forces azerbaïdjanaises s'affrontent dans le Haut-Karabakh", or
        // whose people are helped there).
        let acted_on_there = |p: usize| {
            matches!(e.plover, Plover::Assault | Plover::Aid)
                && participants::state_region(doc, kb, p)
        };
        if let Some(place) = e.place.filter(|&p| {
            !matches!(doc.entities[p].subtype.as_deref(), Some("Country")) && !acted_on_there(p)
        }) {
            e.actors.retain(|&a| a != place);
            e.recipients.retain(|&r| r != place);
        }
        // "une opération militaire dans cette enclave": one side's attack
        // on no one named strikes the region of a state it is in (two sides
        // that fight there are its actors, with no target); aid to no one
        // named goes to it («a évacué plus de 2000 civils des zones les plus
        // dangereuses de la région séparatiste»).
        if let Some(place) = e.place.filter(|&p| {
            acted_on_there(p) && e.recipients.is_empty() && e.actors.len() == 1 && e.actors[0] != p
        }) {
            e.recipients.push(place);
        }
    }
    authors::sides_of_the_fight_nearby(&mut events, &unnamed_sides);
    events.retain(|e| !e.actors.is_empty() || !e.recipients.is_empty());
    let mut events = parts::fold_parts(doc, res, events);
    meetings::one_meeting_per_host(&mut events);
    meetings::parties_meet_each_other(&mut events);
    context::agreements_named_again(doc, res, &mut events);
    context::recipients_from_earlier_events(doc, res, &mut events);
    authors::of_the_same_act(&mut events);
    context::denials_answer_accusations(&mut events);
    context::answered_demands(doc, res, &mut events);
    context::coordinated_acts_share_parties(doc, &mut events);
    context::participles_address_the_parties_before(doc, res, &mut events);
    context::aid_to_the_operation_before(&mut events);
    let mut events = reciprocal::split_reciprocal(doc, res, events);
    context::dates_from_earlier_events(doc, res, anchor, &mut events);
    offsets::dates_before_a_clause(doc, res, anchor, &mut events);
    authors::of_the_deed_condemned(doc, kb, &mut events);
    context::places_from_the_meeting(doc, &mut events);
    context::places_from_the_article(doc, &mut events);
    // One event per happening: the headline and the lede often report the same one.
    doc.events = coref::merge(events);
}

/// Whether the trigger at `t` names people who protest ("les manifestants",
/// "protesters": cue kind `protester`), not the act ("protests").
fn protesters(doc: &Document, res: &Resources, plover: Plover, t: usize) -> bool {
    plover == Plover::Protest && res.is_cue(Cue::Protester, &doc.folded[t])
}

/// Margin (see [`detector::Decision::margin`]) above which a word no lexicon row
/// matches is an event. Measured on the seeds and `tests/data/dev` (typed event
/// F1, with `TREE_FALLBACK`), with the lemma lexicons and the detectors trained on
/// them: margin > 10 gives seeds 0.582 and dev 0.320, > 40 0.587 and 0.319, > 80
/// 0.591 and 0.321. Earlier, with the form lexicons: no additions 0.569 and
/// 0.253, > 0 dev 0.248, > 80 dev 0.255.
const ADD_MARGIN: f32 = 80.0;

/// Whether a lexicon match whose frame the word order leaves incomplete takes its
/// parties from the parse ([`arguments`]). Trying the parse first and the word
/// order second is worse (dev typed 0.296 → 0.258, seeds 0.585 → 0.508, measured
/// with the lemma lexicon's first rows). Measured (no detector additions):
/// seeds typed 0.562 → 0.569 (untyped 0.775 → 0.768, one more false event), dev
/// typed 0.249 → 0.253, untyped 0.379 → 0.381.
const TREE_FALLBACK: bool = true;

/// Whether the detector's own events skip words the lexicon lists (whose
/// rows' words, cues or blockers did not allow an event there).
const LEXICON_VETO: bool = true;

/// Whether a lexicon event whose word order names no recipient takes the
/// recipients the parse gives its trigger ([`arguments::recipients`]).
const TREE_RECIPIENTS: bool = true;

/// Whether a fight or a truce with fewer than two parties in its sentence takes
/// the article's two main sides ([`participants::pair_antecedents`]).
const IMPLICIT_SIDES: bool = true;

/// Most words between a modal auxiliary and the trigger it makes possible
/// rather than real ("could soon attack").
const MODAL_REACH: usize = 3;

/// Most words between a negation and the trigger it denies ("dément avoir tiré").
const NEGATION_REACH: usize = 4;

/// Whether the trigger at token `t` is denied or hypothetical: a negation cue
/// at most [`NEGATION_REACH`] words before it ("dément avoir tiré", "si les
/// affrontements"), or a modal at most [`MODAL_REACH`] ("may attack",
/// "pourrait attaquer"); `from` is the sentence's first token.
fn denied_or_possible(doc: &Document, res: &Resources, from: usize, t: usize) -> bool {
    // Only the words a cue may reach are scanned for "but": linear whatever
    // the sentence's length.
    let reach = NEGATION_REACH.max(MODAL_REACH);
    let from = meetings::scope_start(doc, res, t.saturating_sub(reach).max(from), t);
    let before = |reach: usize, kind: Cue| {
        (t.saturating_sub(reach).max(from)..t).any(|k| res.is_cue(kind, &doc.folded[k]))
    };
    before(NEGATION_REACH, Cue::Negation)
        || before(MODAL_REACH, Cue::Modal)
        || conditional(doc, res, t)
        || negated_in_parse(doc, res, t)
}

/// Whether the parse hangs a negation on the trigger at token `t` from up to
/// [`PARSE_NEGATION_REACH`] words before it, whatever words come between
/// ("it was not yet an \"armed attack\"").
fn negated_in_parse(doc: &Document, res: &Resources, t: usize) -> bool {
    doc.words_of_token(t).next().is_some_and(|w| {
        let first = doc.sentence_words(doc.words[w].sentence).start;
        (w.saturating_sub(PARSE_NEGATION_REACH).max(first)..w).any(|c| {
            doc.words[c].head == Some(w)
                && doc.words[c].deprel.starts_with("advmod")
                && res.is_cue(Cue::Negation, &doc.folded[doc.words[c].token])
        })
    })
}

/// Most words before a trigger that a negation the parse hangs on it may stand.
const PARSE_NEGATION_REACH: usize = 10;

/// Whether the trigger at token `t` heads a clause opened by a `condition`
/// cue in the parse ("il n'était pas clair *si* les deux ministres avaient
/// *accepté*", "whether they had accepted"): an open question, no fact; or
/// a clause that such a clause, put before it, makes hypothetical: «*Si* le
/// Hezbollah viole l'accord, nous *frapperons*», "if they attack, we will
/// respond".
fn conditional(doc: &Document, res: &Resources, t: usize) -> bool {
    let Some(w) = doc.words_of_token(t).next() else {
        return false;
    };
    let opened_by_condition = |v: usize| {
        doc.sentence_words(doc.words[v].sentence).any(|c| {
            doc.words[c].head == Some(v)
                && doc.words[c].deprel == "mark"
                && res.is_cue(Cue::Condition, &doc.folded[doc.words[c].token])
        })
    };
    opened_by_condition(w)
        || doc.sentence_words(doc.words[w].sentence).any(|c| {
            c < w
                && doc.words[c].head == Some(w)
                && doc.words[c].deprel.starts_with("advcl")
                && opened_by_condition(c)
        })
}

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
    if doc.mention_at(t).is_some() {
        return None;
    }
    if let Some((row, end)) = triggers::first_row(doc, res, s, t) {
        let trigger = &res.events[row];
        // "touchée par des tirs": the agent noun of a passive is the same event.
        if (t.saturating_sub(2).max(range.start)..t).any(|k| res.is_cue(Cue::Agent, &doc.folded[k]))
        {
            return None;
        }
        if denied_or_possible(doc, res, range.start, t) || triggers::hyphen_modifier(doc, t) {
            return None;
        }
        return Some((trigger, end));
    }
    None
}

/// Most words between a verb of undergoing and the hostile act its subject
/// suffers ("a subi de nouvelles frappes", "fait l'objet d'un blocus").
const UNDERGO_REACH: usize = 3;

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
    // passive, unless the verb is reflexive ("s'est entretenu") or the form
    // is a present participle ("are leaving ECOWAS").
    let passive_voice = trigger.frame == Frame::SubjectObject
        && (((t.saturating_sub(2).max(sentence.start)..t).any(|k| {
            res.is_cue(Cue::PassiveAux, &doc.folded[k])
                && !(k > sentence.start && res.is_cue(Cue::Reflexive, &doc.folded[k - 1]))
        }) && !triggers::present_participle(doc, t))
            || triggers::passive(doc, res, t)
            // "Jean-Noël Barrot, reçu par le président Tebboune": a participle
            // with its agent and no auxiliary.
            || (!slots.agent.is_empty() && triggers::participle(doc, t))
            || triggers::past_participle(doc, t));
    let frame = if passive_voice {
        Frame::Passive
    } else {
        trigger.frame
    };
    // Only a noun has a genitive actor ("l'invitation de Moscou", "d'échanges
    // téléphoniques du président"), not a verb ("réclame une réunion du Conseil").
    let noun = t > sentence.start && res.is_cue(Cue::Determiner, &doc.folded[t - 1]);
    let genitive_actor = noun
        && matches!(trigger.plover, Plover::Consult | Plover::Request)
        && !slots.genitive.is_empty();
    // A body of states that meets ("the Security Council will discuss Sudan")
    // meets its members; what follows is its topic unless it meets *with* it.
    let body_subject = trigger.plover == Plover::Consult
        && slots.subject.len() == 1
        && intergovernmental(doc, slots.subject[0]);
    let object = if body_subject && !slots.object_with {
        Vec::new()
    } else {
        slots.object
    };
    // "la région a subi de nouvelles frappes", "faisait l'objet d'un blocus",
    // "came under fire", «a vu ses villes pilonnées par les forces azéries»:
    // the subject suffers the act, whose author is its agent.
    // A party between the two is the act's author: "came under Russian shelling".
    let undergo_cue = (matches!(frame, Frame::SubjectObject | Frame::Passive)
        && matches!(trigger.plover, Plover::Assault | Plover::Coerce))
    .then(|| {
        (t.saturating_sub(UNDERGO_REACH).max(sentence.start)..t)
            .find(|&k| res.is_cue(Cue::Undergo, &doc.folded[k]))
    })
    .flatten();
    let undergoes = undergo_cue.is_some();
    let (mut actors, mut recipients) = match frame {
        Frame::SubjectObject | Frame::Passive if undergoes => {
            let cue = undergo_cue.unwrap_or(t);
            let mut authors = slots.agent;
            authors.extend(
                participants
                    .iter()
                    .filter(|p| !p.locative && p.tokens.start > cue && p.tokens.end <= te)
                    .map(|p| p.entity),
            );
            // The parse's subject of the cue, else the last party before it.
            let subject = clauses::subject_token(doc, cue).filter(|&k| k < cue);
            let sufferers = participants
                .iter()
                .filter(|p| !p.locative && p.tokens.end <= cue)
                .find(|p| subject.is_some_and(|k| p.tokens.contains(&k)))
                .or_else(|| {
                    participants
                        .iter()
                        .filter(|p| !p.locative && p.tokens.end <= cue)
                        .rfind(|p| !clause_break(doc, res, p.tokens.end, cue))
                })
                .map(|p| vec![p.entity])
                .unwrap_or_default();
            (authors, sufferers)
        }
        Frame::SubjectObject if genitive_actor => (slots.genitive, slots.with_genitive),
        // "the invasion of Cyprus by the Turkish army", "l'arrestation de
        // l'opposant par la police": a noun's agent acts on its complement.
        Frame::SubjectObject
            if slots.subject.is_empty()
                && !slots.agent.is_empty()
                && !slots.genitive.is_empty()
                && triggers::upos(doc, t) == Some(crate::syntax::Upos::Noun) =>
        {
            let object = slots
                .genitive
                .into_iter()
                .filter(|o| !slots.agent.contains(o))
                .collect();
            (slots.agent, object)
        }
        Frame::SubjectObject => (slots.subject, object),
        Frame::Passive => (slots.agent, slots.subject),
        // "an exchange mediated by the UAE", "sous l'égide de l'Égypte": the
        // mediator meets the parties the clause names.
        Frame::Genitive if trigger.plover == Plover::Consult => meetings::mediation(
            doc,
            res,
            t..te,
            participants,
            (slots.genitive, slots.agent, slots.subject),
        ),
        Frame::Genitive => (slots.genitive, Vec::new()),
        // "des allégations insultantes, selon les Grecs": the source speaks.
        Frame::Subject if !slots.sources.is_empty() => (slots.sources, Vec::new()),
        // Protesters are who their own noun phrase names ("Georgian
        // protesters", "des manifestants de l'opposition"), not the subject
        // of a clause that acts on them ("Police dispersed the protesters").
        Frame::Subject if protesters(doc, res, trigger.plover, t) => {
            let mut own: Vec<usize> = participants
                .iter()
                .filter(|p| p.tokens.end == t || p.tokens.end + 1 == t || p.tokens.start == te)
                .map(|p| p.entity)
                .collect();
            own.extend(slots.genitive);
            (own, Vec::new())
        }
        // "pour prendre acte d'une offensive «illégale» menée par Bakou": an
        // adjective's judge is the subject of the clause above it.
        Frame::Subject => arguments::judgement(doc, res, s, t, participants)
            .unwrap_or((slots.subject, Vec::new())),
        Frame::Object => (Vec::new(), object),
        Frame::Symmetric => {
            // "Congo and Rwanda signed a peace agreement …, where M23 rebels":
            // when the subject names both sides, only "with" adds one.
            let both_named = slots.subject.len() >= 2 && !slots.object_with;
            let mut all = slots.subject;
            if !both_named {
                all.extend(object);
            }
            // "an agreement reached by Yoon and Biden": the agent of a
            // participle of the same kind of act is its parties (not that of
            // another act: "a truce brokered by Qatar").
            if all.len() < 2 && agent_of_same_act(doc, res, te, trigger.plover, participants) {
                all.extend(slots.agent);
            }
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
    // «Le Kremlin utilise l'énergie comme une arme», a accusé Maia Sandu: a
    // quotation before its verb; the speaker follows the verb and the party
    // the quotation names first is the one aimed at.
    if matches!(frame, Frame::SubjectObject | Frame::Subject) {
        if let Some((speaker, quoted)) =
            speakers::quotation_before(doc, res, sentence.clone(), t, te, participants)
        {
            actors = speaker;
            recipients = quoted.into_iter().collect();
        }
    }
    dedup(&mut actors);
    dedup(&mut recipients);
    recipients.retain(|r| !actors.contains(r));
    // Those who fight each other are states and armed groups, not the people
    // who speak of the fighting ("after five days of fighting, Anwar said").
    if trigger.plover == Plover::Assault && frame == Frame::Symmetric {
        actors.retain(|&a| doc.entities[a].etype != EntityType::Person);
    }
    // Parties that meet: the first named is the actor, the others recipients.
    if trigger.plover == Plover::Consult && recipients.is_empty() && actors.len() > 1 {
        recipients = actors.split_off(1);
    }
    // "Leur dernière entrevue", "their last meeting": a noun trigger owned by
    // several names its parties, the two the text named just before.
    if actors.len() + recipients.len() < 2
        && matches!(frame, Frame::Symmetric | Frame::SubjectObject)
        && matches!(
            trigger.plover,
            Plover::Consult | Plover::Agree | Plover::Assault | Plover::Cooperate
        )
        && owned_by_several(doc, res, sentence.start, t)
    {
        let class = if trigger.plover == Plover::Consult {
            participants::PairClass::People
        } else {
            participants::PairClass::Sides
        };
        let pair = participants::pair_antecedents(doc, res, t, class).or_else(|| {
            participants::pair_antecedents(doc, res, t, participants::PairClass::Sides)
        });
        if let Some([a, b]) = pair {
            // Parties that meet: the first named is the actor.
            (actors, recipients) = if trigger.plover == Plover::Consult {
                (vec![a], vec![b])
            } else {
                (vec![a, b], Vec::new())
            };
        }
    }
    // A fight, a truce or talks whose sentence names at most one side is
    // between the two sides the article is about ("Un deuxième cessez-le-feu a
    // échoué", "les combats qui ont lieu depuis").
    if IMPLICIT_SIDES
        && frame == Frame::Symmetric
        && actors.len() + recipients.len() < 2
        && matches!(trigger.plover, Plover::Assault | Plover::Agree)
    {
        if let Some(pair) =
            participants::pair_antecedents(doc, res, t, participants::PairClass::Sides)
        {
            let known = actors.first().copied();
            if known.is_none_or(|k| pair.contains(&k)) {
                actors = pair.to_vec();
            }
        }
    }
    // A body that meets as one ("the Security Council will hold an emergency
    // meeting", "l'Otan se réunit") is a meeting of its members: its one actor.
    let body_meets = trigger.plover == Plover::Consult
        && recipients.is_empty()
        && actors.len() == 1
        && intergovernmental(doc, actors[0]);
    // An event needs its core arguments: a meeting two parties, a fight or an
    // agreement between parties two of them, an act its actor (a passive may
    // name only its target: "la cathédrale a été touchée").
    let complete = match frame {
        _ if body_meets => true,
        // "The talks were hosted by Al Thani, and brought together …": a host
        // named as the agent, whose guests another trigger names, waits for
        // [`meetings::one_meeting_per_host`].
        _ if trigger.plover == Plover::Consult => {
            actors.len() + recipients.len() >= 2
                || (trigger.mode == Some(Mode::Host)
                    && frame == Frame::Passive
                    && !actors.is_empty())
        }
        Frame::Symmetric => actors.len() >= 2,
        Frame::Passive | Frame::Object => !actors.is_empty() || !recipients.is_empty(),
        _ if undergoes => !actors.is_empty() || !recipients.is_empty(),
        _ => !actors.is_empty(),
    };
    if !complete {
        return None;
    }
    Some(complete::complete_event(
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

/// Most adjectives between a plural possessive and the noun trigger it owns
/// ("leur toute dernière entrevue").
const OWNER_REACH: usize = 2;

/// Whether the noun trigger at token `t` has a plural possessive before it,
/// past at most [`OWNER_REACH`] adjectives ("leur dernière entrevue").
fn owned_by_several(doc: &Document, res: &Resources, floor: usize, t: usize) -> bool {
    if triggers::upos(doc, t) != Some(crate::syntax::Upos::Noun) {
        return false;
    }
    (t.saturating_sub(OWNER_REACH + 1).max(floor)..t)
        .rev()
        .find(|&k| triggers::upos(doc, k) != Some(crate::syntax::Upos::Adj))
        .is_some_and(|k| res.is_cue(Cue::PossessivePlural, &doc.folded[k]))
}

/// Most words between a noun trigger and the participle whose agent may be
/// its parties ("an agreement finally reached by").
const AGENT_PARTICIPLE_REACH: usize = 3;

/// Whether the first agent after the trigger ("by Yoon and Biden") is that of
/// a participle right after it that is itself a trigger of type `plover`.
fn agent_of_same_act(
    doc: &Document,
    res: &Resources,
    te: usize,
    plover: Plover,
    participants: &[Participant],
) -> bool {
    let Some(agent) = participants
        .iter()
        .find(|p| p.agent && p.tokens.start >= te)
    else {
        return false;
    };
    let between = te..agent.tokens.start;
    between.len() <= AGENT_PARTICIPLE_REACH + 1
        && between.clone().any(|k| {
            triggers::participle(doc, k)
                && !triggers::present_participle(doc, k)
                && triggers::rows_at(doc, res, k)
                    .iter()
                    .any(|&r| res.events[r].plover == plover)
        })
}

/// Whether entity `e` is a body of states (the UN, NATO, the African Union).
pub(super) fn intergovernmental(doc: &Document, e: usize) -> bool {
    doc.entities[e].subtype.as_deref() == Some(INTERGOVERNMENTAL)
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
}

#[cfg(test)]
mod party_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_acts;
#[cfg(test)]
mod tests_context;
#[cfg(test)]
mod tests_places;
