//! The roles of the participants around one lexicon trigger, in word order:
//! the subject group before it, the object group after it, the agent of a
//! passive, a genitive's owner, the source of a statement ("selon X"), and
//! the groups participants form ("de l'Arménie et de l'Azerbaïdjan").
//!
//! Reads: `tokens`, `folded`, the sentence's participants and, for relative
//! clauses and quotations, the parse ([`super::clauses`]). Writes nothing.

use std::ops::Range;

use super::clauses::{
    antecedent_of_subject_relative, clause_break, inside_prepositional_aside,
    inside_relative_clause, object_pronoun, quoted_apart, relative_closes_before,
};
use super::participants::Participant;
use super::triggers;
use crate::cue::Cue;
use crate::doc::{Document, EntityType};
use crate::lang::{EventTrigger, Frame, Resources};
use crate::matching::demonym_at;
use crate::plover::{Mode, Plover};
use crate::syntax::Upos;

/// Most words between a trigger and its object ("appelle les parties en
/// conflit à …" names no object within reach).
const OBJECT_REACH: usize = 8;

/// Most words between a sanction and the envoy it recalls or expels ("le
/// rappel pour consultations de leurs ambassadeurs en Algérie").
const ENVOY_REACH: usize = 4;

/// Words that qualify a participant and may stand between it and its
/// preposition: articles, possessives, titles, demonyms, collective nouns
/// ("par son homologue russe, Sergueï Lavrov", "les forces séparatistes").
pub(super) fn modifier(doc: &Document, res: &Resources, k: usize) -> bool {
    let w = doc.folded[k].as_str();
    res.is_cue(Cue::Determiner, w)
        || res.is_cue(Cue::TitleWord, w)
        || res.is_cue(Cue::Collective, w)
        || demonym_at(doc, res, k).is_some()
        || matches!(w, "," | "'s")
        // "par le dirigeant séparatiste, Vadim Krasnoselski"
        || (triggers::upos(doc, k) == Some(Upos::Adj)
            && k > 0
            && res.is_cue(Cue::TitleWord, &doc.folded[k - 1]))
}

/// Most words from a noun's agent to the noun trigger that complements it
/// ("par l'Azerbaïdjan d'une opération").
const NOUN_AGENT_GAP: usize = 3;

/// The folded word before token `start` of a sentence opening at `floor`,
/// past the modifiers between: the preposition governing a participant
/// ("par son homologue russe, Sergueï Lavrov": "par").
pub(super) fn preceding<'d>(
    doc: &'d Document,
    res: &Resources,
    floor: usize,
    start: usize,
) -> Option<&'d str> {
    (floor..start)
        .rev()
        .find(|&k| !modifier(doc, res, k))
        .map(|k| doc.folded[k].as_str())
}

/// Words that may also stand between two members of a group: modifiers,
/// dates and brackets ("Pachinian jeudi soir et le président … Aliev").
pub(super) fn filler(doc: &Document, res: &Resources, k: usize) -> bool {
    let w = doc.folded[k].as_str();
    modifier(doc, res, k)
        || possessor_of_title(doc, res, k)
        || res.is_cue(Cue::PartOfDay, w)
        || res.dates.weekdays.contains_key(w)
        || matches!(w, "(" | ")")
}

/// A name in the possessive before a title, or its "'s" ("and Thailand's
/// acting premier Phumtham"): part of the title of the person who follows.
fn possessor_of_title(doc: &Document, res: &Resources, k: usize) -> bool {
    // The "'s" itself belongs with the name before it.
    let k = if doc.folded[k] == "s" && k > 0 {
        k - 1
    } else {
        k
    };
    let m = doc.mentions.partition_point(|m| m.tokens.end <= k);
    doc.mentions.get(m).is_some_and(|m| {
        m.tokens.contains(&k)
            && doc.folded.get(m.tokens.end).is_some_and(|s| s == "s")
            && (m.tokens.end + 1..m.tokens.end + 3).any(|j| {
                doc.folded
                    .get(j)
                    .is_some_and(|w| res.is_cue(Cue::TitleWord, w))
            })
    })
}

/// A group of participants joined by "et", ",", "de": "de l'Arménie et de
/// l'Azerbaïdjan", "avec le Premier ministre arménien Nikol Pachinian jeudi
/// soir et le président azerbaïdjanais Ilham Aliev". People group with
/// people, states with states: "le ministre de l'Azerbaïdjan, Ceyhun
/// Bayramov" is one person.
pub(super) fn group(
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
        let coordinated = gap.clone().any(|k| res.is_cue(Cue::Coord, &doc.folded[k]));
        // "à l'Égypte et à Israël", "to Egypt and to Israel": the preposition
        // before the first, said again.
        let repeated = |k: usize| {
            triggers::upos(doc, k) == Some(Upos::Adp)
                && (a.tokens.start.saturating_sub(3)..a.tokens.start)
                    .any(|j| doc.folded[j] == doc.folded[k])
        };
        let fillers = gap.clone().all(|k| {
            res.is_cue(Cue::Coord, &doc.folded[k])
                || res.is_cue(Cue::With, &doc.folded[k])
                || filler(doc, res, k)
                || repeated(k)
        });
        let only_articles = gap
            .clone()
            .all(|k| res.is_cue(Cue::Determiner, &doc.folded[k]));
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

/// Whether the words before `start` are a genitive preposition and at most
/// one determiner: "le ministre de l'Azerbaïdjan", "le président de la
/// Commission de l'Union africaine".
fn after_genitive(doc: &Document, res: &Resources, floor: usize, start: usize) -> bool {
    let mut k = start;
    if k > floor && res.is_cue(Cue::Determiner, &doc.folded[k - 1]) {
        k -= 1;
    }
    k > floor && res.is_cue(Cue::Genitive, &doc.folded[k - 1])
}

/// The roles of the participants around one trigger.
pub(super) struct Slots {
    pub(super) subject: Vec<usize>,
    pub(super) object: Vec<usize>,
    pub(super) agent: Vec<usize>,
    pub(super) genitive: Vec<usize>,
    /// Participants after "avec"/"with" that follow the genitive.
    pub(super) with_genitive: Vec<usize>,
    pub(super) sources: Vec<usize>,
    /// Whether the object comes after "with"/"avec" ("met with Ukraine"),
    /// rather than as a topic ("discussed Sudan").
    pub(super) object_with: bool,
}

/// How far apart two tokens are in words, not counting fillers and participants.
pub(super) fn distance(
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

pub(super) fn slots(
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
    let own_subject = doc.words_of_token(t).next().is_some_and(|w| {
        doc.sentence_words(doc.words[w].sentence)
            .into_iter()
            .any(|c| doc.words[c].head == Some(w) && doc.words[c].deprel.starts_with("nsubj"))
    });
    // The subject stays in the trigger's clause: "L'Arménie a affirmé qu'au moins 32 personnes avaient été tuées".
    let before: Vec<usize> = (0..parties.len())
        .filter(|&i| {
            let relative = || antecedent_of_subject_relative(doc, res, parties[i].tokens.end, t);
            parties[i].tokens.end <= t
                // "rejetée par Vadim Krasnoselski, qui réclame": an agent
                // is the subject of the relative clause after it.
                && (!parties[i].agent || relative())
                && (!clause_break(doc, res, parties[i].tokens.end, t) || relative())
                && !inside_relative_clause(doc, res, sentence.start, parties[i].tokens.clone(), t)
                && !inside_prepositional_aside(doc, sentence.start, parties[i].tokens.clone(), t)
                // "Yahya Saree said five fighters had been killed": who
                // reports a deed with a subject of its own is no party of it
                // (but announces what a noun names: "a annoncé la
                // suspension", "avait déclaré «persona non grata»"; and
                // judges for himself: "said the strike is unacceptable").
                && !(parties[i].speaker
                    && own_subject
                    && !trigger.plover.speaks_of_others()
                    && (parties[i].tokens.end..t).any(|k| res.is_cue(Cue::Reporting, &doc.folded[k])))
                && !quoted_apart(doc, res, sentence.start, parties[i].tokens.end, t)
        })
        .collect();
    let after: Vec<usize> = (0..parties.len())
        .filter(|&i| {
            parties[i].tokens.start >= te
                && !parties[i].speaker
                && !clause_break(doc, res, te, parties[i].tokens.start)
                && !relative_closes_before(doc, res, sentence.start, t..te, parties[i].tokens.start)
        })
        .collect();
    // A noun after its determiner ("les combats", "the talks") takes no subject
    // from the clause around it: its parties are its complements.
    let nominal = matches!(trigger.plover, Plover::Assault | Plover::Agree)
        && trigger.frame == Frame::Symmetric
        && t > sentence.start
        && res.is_cue(Cue::Determiner, &doc.folded[t - 1]);
    // The subject is the last party before the trigger, unless that party is
    // an apposition set off by commas ("The RSF, led by General Dagalo, shelled").
    let subject_index = before.last().map(|&last| {
        let set_off = |i: usize| (parties[i].tokens.end..t).any(|k| doc.token_text(k) == ",");
        // "la Confédération des États du Sahel (AES)": one party named twice
        // is one apposition.
        let mut own = before.len() - 1;
        while own > 0 && parties[before[own - 1]].entity == parties[last].entity {
            own -= 1;
        }
        match before[..own].last() {
            // …but not a title's complement: "le ministre de l'Azerbaïdjan, Ceyhun Bayramov, était".
            Some(&earlier)
                if set_off(last)
                    && set_off(earlier)
                    && doc.token_text(parties[earlier].tokens.end) == ","
                    && !after_genitive(doc, res, sentence.start, parties[earlier].tokens.start) =>
            {
                earlier
            }
            _ => last,
        }
    });
    // ", accusing Moscow of …", ", en accusant …": a participle set off by a
    // comma takes the subject of the sentence.
    // A pronoun object may come between (", les exhortant à …").
    let set_off = |k: usize| k > sentence.start && doc.token_text(k - 1) == ",";
    let participle = triggers::present_participle(doc, t)
        && (set_off(t)
            || (t > sentence.start && set_off(t - 1) && object_pronoun(doc, res, t - 1)));
    // "… told Reuters … and accused Netanyahu", "a accusé … l'opposition …
    // et a exclu tout scrutin": a coordinated verb (past its auxiliary)
    // shares the first verb's subject.
    let conjunction = |k: usize| {
        k > sentence.start && doc.folded[k - 1] != "," && res.is_cue(Cue::Coord, &doc.folded[k - 1])
    };
    let after_auxiliary = t > sentence.start + 1 && triggers::upos(doc, t - 1) == Some(Upos::Aux);
    let coordinated_verb = t > sentence.start
        && (conjunction(t) || (after_auxiliary && conjunction(t - 1)))
        && trigger.frame != Frame::Symmetric
        && !before.is_empty()
        && before.len() > 1;
    let participle = participle || coordinated_verb;
    let subject_index = if participle {
        (0..parties.len()).find(|&i| {
            parties[i].tokens.end <= t
                && !parties[i].agent
                && !quoted_apart(doc, res, sentence.start, parties[i].tokens.end, t)
        })
    } else {
        subject_index
    };
    // The sentence's subject found from its start groups forward ("Mali,
    // Burkina Faso and Niger …, accusing"); the last party before the
    // trigger groups backward.
    // "au lendemain du lancement par l'Azerbaïdjan d'une opération
    // militaire", "the launch by Russia of an offensive": the agent of the
    // noun a noun trigger complements is its author, whatever the clause's
    // subject.
    let noun_agent = (triggers::upos(doc, t) == Some(Upos::Noun))
        .then(|| {
            (0..parties.len()).rfind(|&i| {
                let p = parties[i];
                p.agent
                    && p.tokens.end <= t
                    && t - p.tokens.end <= NOUN_AGENT_GAP
                    && (p.tokens.end..t).any(|k| res.is_cue(Cue::Genitive, &doc.folded[k]))
                    && (p.tokens.end..t)
                        .all(|k| res.is_cue(Cue::Genitive, &doc.folded[k]) || modifier(doc, res, k))
            })
        })
        .flatten();
    let subject = if let Some(i) = noun_agent {
        entities(group(doc, res, &parties, i, true))
    } else if nominal {
        Vec::new()
    } else {
        subject_index
            .map(|i| {
                let mut members = group(doc, res, &parties, i, participle);
                members.retain(|&m| {
                    m == i
                        || !inside_prepositional_aside(
                            doc,
                            sentence.start,
                            parties[m].tokens.clone(),
                            t,
                        )
                });
                entities(members)
            })
            .unwrap_or_default()
    };
    // The object, unless it is the subject's own ("rappelle son ambassadeur
    // Stéphane Romatet", "recalled its ambassador").
    let owned = |i: usize| {
        let start = parties[i].tokens.start;
        (start.saturating_sub(3).max(te)..start).any(|k| {
            res.is_cue(Cue::Possessive, &doc.folded[k])
                && doc
                    .folded
                    .get(k + 1)
                    .is_some_and(|n| res.is_cue(Cue::Envoy, n))
        })
    };
    // "a demandé à Washington", "recalled its ambassador to Athens", "impute
    // à l'Algérie": after a request, a sanction or an accusation, the state
    // named right after is the addressee, before any object further on.
    // A visit's host is the state visited: "Blinken will travel to Israel".
    let visit = trigger.plover == Plover::Consult && trigger.mode == Some(Mode::Visit);
    let addressee = (visit
        || matches!(
            trigger.plover,
            Plover::Request
                | Plover::Sanction
                | Plover::Threaten
                | Plover::Support
                | Plover::Aid
                | Plover::Accuse
        ))
    .then(|| {
        // "recalled its ambassadors to Senegal", "le rappel pour consultations
        // de leurs ambassadeurs en Algérie": the state where the envoy serves.
        let after_envoy = |p: &Participant| {
            (te..p.tokens.start)
                .rev()
                .find(|&k| res.is_cue(Cue::Envoy, &doc.folded[k]))
                .is_some_and(|k| {
                    distance(doc, res, te, k, participants) <= ENVOY_REACH
                        && distance(doc, res, k + 1, p.tokens.start, participants) <= 1
                })
        };
        participants
            .iter()
            .filter(|p| {
                p.locative
                    && p.tokens.start >= te
                    && (distance(doc, res, te, p.tokens.start, participants) <= 2
                        || (trigger.plover == Plover::Sanction && after_envoy(p)))
                    && !parties
                        .iter()
                        .any(|q| q.tokens.start >= te && q.tokens.end <= p.tokens.start)
            })
            .find_map(|p| p.state)
    })
    .flatten();
    // "a salué «une étape importante» et appelé au retrait des forces
    // érythréennes": a verb coordinated with the trigger has its own object.
    let own_verb_between = |start: usize| {
        (te..start).any(|k| {
            doc.words_of_token(k)
                .next()
                .is_some_and(|w| doc.words[w].upos == Upos::Verb && doc.words[w].deprel == "conj")
        })
    };
    let with_before = |i: usize| {
        let start = parties[i].tokens.start;
        (start.saturating_sub(3).max(te)..start).any(|k| res.is_cue(Cue::With, &doc.folded[k]))
    };
    let candidates = || {
        after.iter().copied().filter(|&i| {
            !parties[i].agent
                && !owned(i)
                && !own_verb_between(parties[i].tokens.start)
                && distance(doc, res, te, parties[i].tokens.start, participants) <= OBJECT_REACH
        })
    };
    // "la solidarité de l'Union européenne avec la Pologne": a noun's
    // partner after "with" comes before its genitive.
    let noun_trigger = triggers::upos(doc, t) == Some(Upos::Noun)
        && trigger.frame == Frame::SubjectObject
        && matches!(
            trigger.plover,
            Plover::Support | Plover::Cooperate | Plover::Aid
        );
    let object_index = noun_trigger
        .then(|| candidates().find(|&i| with_before(i)))
        .flatten()
        .or_else(|| candidates().next());
    let object_with = object_index.is_some_and(with_before);
    let object = addressee.map(|a| vec![a]).unwrap_or_else(|| {
        object_index
            .map(|i| entities(group(doc, res, &parties, i, true)))
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
            && (te..p.tokens.start).any(|k| res.is_cue(Cue::Genitive, &doc.folded[k]))
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
                    (end..parties[i].tokens.start).any(|k| res.is_cue(Cue::With, &doc.folded[k]))
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
        object_with,
    }
}
