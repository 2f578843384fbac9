//! The participants of a sentence: who can take part in its events.
//!
//! Reads: `sentences`, `mentions`, `entities`, `positions` (and adds an entity
//! for a state that a capital, an institution or a demonym stands for).
//! Writes nothing else; [`super::extract`] fills event frames from the list.

use std::collections::HashSet;
use std::ops::Range;

use super::pair_class::{named_last, salient};
pub(super) use super::pair_class::{pair_antecedents, PairClass};
use super::{clause_break, triggers};
use crate::cue::Cue;
use crate::doc::{Document, EntityType, Role};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::{demonym_at, match_title};
use crate::matching::{names_one_leader, sole_national};
use crate::resolve::entity_for_id;
use crate::syntax::Upos;

/// Someone or something that can take part in an event.
#[derive(Clone, Debug)]
pub struct Participant {
    pub tokens: Range<usize>,
    pub entity: usize,
    /// After "à", "en", "in": a place where something happens.
    pub locative: bool,
    /// After "par", "by": the agent of a passive.
    pub agent: bool,
    /// After "pour", "sur", "parmi": a topic or beneficiary, never a party.
    pub oblique: bool,
    /// After "selon", "according to": who says so.
    pub source: bool,
    /// Right before "said", or right after "said"/"a déclaré": who reports
    /// the sentence ("…, Malaysian Prime Minister Anwar Ibrahim said"). A
    /// speaker after a trigger is no party of its event.
    pub speaker: bool,
    /// For a city after a locative preposition, the state it stands for when
    /// it is the addressee ("a demandé à Washington", "recalled its ambassador to Athens").
    pub state: Option<usize>,
}

impl Participant {
    /// A party that no name stands for ("the two sides", "the group", a
    /// demonym), its role told by the word before it (`prev`, folded): after
    /// "par"/"by" an agent, after "pour" an oblique, after "selon" a source.
    pub(super) fn after(
        res: &Resources,
        prev: &str,
        tokens: Range<usize>,
        entity: usize,
    ) -> Participant {
        Participant {
            tokens,
            entity,
            locative: false,
            agent: res.is_cue(Cue::Agent, prev),
            oblique: res.is_cue(Cue::Oblique, prev),
            source: res.is_cue(Cue::Source, prev),
            speaker: res.is_cue(Cue::Reporting, prev),
            state: None,
        }
    }
}

/// Whether the token at `end` marks the party before it as a possessor
/// ("Hamas's attacks", "the group's attacks": cue kind `possessor_mark`).
fn possessor(doc: &Document, res: &Resources, end: usize) -> bool {
    doc.folded
        .get(end)
        .is_some_and(|w| res.is_cue(Cue::PossessorMark, w))
}

/// For a subject pronoun at token `t` whose clause is the complement of
/// another verb, the entities that verb's subject names, in text order.
fn reporters(doc: &Document, t: usize) -> Vec<usize> {
    let Some(pronoun) = doc.words_of_token(t).next() else {
        return Vec::new();
    };
    let word = &doc.words[pronoun];
    let reported = word
        .deprel
        .starts_with("nsubj")
        .then_some(word.head)
        .flatten()
        .filter(|&v| doc.words[v].deprel.starts_with("ccomp"));
    let Some(reporting) = reported.and_then(|v| doc.words[v].head) else {
        return Vec::new();
    };
    let words = doc.sentence_words(word.sentence);
    let near = reporting.saturating_sub(SUBJECT_REACH).max(words.start)
        ..(reporting + SUBJECT_REACH).min(words.end);
    let Some(subject) = near.into_iter().find(|&c| {
        doc.words[c].head == Some(reporting) && doc.words[c].deprel.starts_with("nsubj")
    }) else {
        return Vec::new();
    };
    // The subject's words: those whose chain of heads reaches it.
    let under = |mut w: usize| {
        for _ in 0..SUBTREE_DEPTH {
            if w == subject {
                return true;
            }
            match doc.words[w].head {
                Some(h) => w = h,
                None => return false,
            }
        }
        false
    };
    // Its words are contiguous around it (a projective parse): grown from
    // it, so the cost is the subject's length, not the sentence's.
    let (mut a, mut b) = (subject, subject);
    while a > words.start && under(a - 1) {
        a -= 1;
    }
    while b + 1 < words.end && under(b + 1) {
        b += 1;
    }
    let (first, last) = (doc.words[a].token, doc.words[b].token + 1);
    let mut found = Vec::new();
    for m in &doc.mentions[doc.mentions.partition_point(|m| m.tokens.start < first)..] {
        if m.tokens.end > last {
            break;
        }
        if let Some(e) = m.entity.filter(|e| !found.contains(e)) {
            found.push(e);
        }
    }
    found
}

/// Most words between a reporting verb and its subject's head word.
const SUBJECT_REACH: usize = 40;

/// Most heads walked up from a word to find the subject it belongs to.
const SUBTREE_DEPTH: usize = 12;

/// Most words between a speaker's name and "said" ("Seoul's defence ministry said").
const SPEAKER_GAP: usize = 3;

/// The participants of sentence `s`, in text order.
pub(super) fn participants(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    holders: &Holders,
    s: usize,
) -> Vec<Participant> {
    let range = doc.sentences[s].tokens.clone();
    let mut out = Vec::new();
    // The preposition governing a participant, past articles, titles and
    // demonyms: "par son homologue russe, Sergueï Lavrov" is an agent.
    let preceding = |doc: &Document, start: usize| -> Option<String> {
        super::preceding(doc, res, range.start, start).map(str::to_string)
    };
    let mentions: Vec<(Range<usize>, usize)> = doc
        .sentence_mentions(s)
        .iter()
        .filter_map(|m| m.entity.map(|e| (m.tokens.clone(), e)))
        .collect();
    // The preposition before a state whose title's holder follows ("by
    // Qatar's Prime Minister, Sheikh Mohammed"): the holder's.
    let mut title_prev: Option<String> = None;
    // "DOHA, Aug 16 –": where the reporter files from, no party (below).
    let dateline = super::dateline::dateline_in(doc, s);
    for (tokens, mut entity) in mentions {
        let own_prev = preceding(doc, tokens.start).unwrap_or_default();
        let prev = match title_prev.take() {
            Some(p)
                if doc.entities[entity].etype == EntityType::Person
                    && ![
                        Cue::Agent,
                        Cue::Locative,
                        Cue::Oblique,
                        Cue::Source,
                        Cue::Reporting,
                    ]
                    .into_iter()
                    .any(|kind| res.is_cue(kind, &own_prev)) =>
            {
                p
            }
            _ => own_prev,
        };
        // «à la Transnistrie», «à l'Ukraine»: a state or a region after «à»
        // and an article is who is given or asked (a place would be «en
        // Ukraine»), not where (cue kinds `dative`, `dative_article`); not
        // «dans l'Arctique».
        let dative = tokens.start > range.start
            && res.is_cue(Cue::Dative, &prev)
            && res.is_cue(Cue::DativeArticle, &doc.folded[tokens.start - 1])
            && doc.entities[entity].etype == EntityType::Place
            && matches!(
                doc.entities[entity].subtype.as_deref(),
                Some("Country" | "Region")
            );
        // "for Hamas's attacks": a possessor owns the noun after it, whatever
        // governs the phrase.
        let owner = possessor(doc, res, tokens.end);
        let locative = res.is_cue(Cue::Locative, &prev) && !dative && !owner;
        let agent = res.is_cue(Cue::Agent, &prev) && !owner;
        let oblique = res.is_cue(Cue::Oblique, &prev) && !owner;
        let source = res.is_cue(Cue::Source, &prev) && !owner;
        let speaker = res.is_cue(Cue::Reporting, &prev)
            || (tokens.end..(tokens.end + SPEAKER_GAP + 1).min(range.end))
                .take_while(|&k| {
                    doc.token_text(k) != "," && !res.is_cue(Cue::Coord, &doc.folded[k])
                })
                .any(|k| res.is_cue(Cue::Reporting, &doc.folded[k]));
        let e = &doc.entities[entity];
        // "the Emir of Qatar, Sheikh Tamim": the state in a title is no party when the holder is named.
        // So is "Qatar's Prime Minister, Sheikh Mohammed": the state before a title and its holder.
        let holder_within = |from: usize, reach: usize| {
            doc.sentence_mentions(s).iter().any(|m| {
                m.etype == EntityType::Person
                    && m.tokens.start >= from
                    && m.tokens.start <= from + reach
            })
        };
        let titled_holder_follows = e.etype == EntityType::Place
            && ((tokens.start >= range.start + 2
                && res.is_cue(Cue::Genitive, &doc.folded[tokens.start - 1])
                && res.is_cue(Cue::TitleWord, &doc.folded[tokens.start - 2])
                && holder_within(tokens.end, 3))
                || (tokens.end + 1 < range.end
                    && doc.folded[tokens.end] == "s"
                    && (tokens.end + 1..(tokens.end + 3).min(range.end))
                        .any(|k| res.is_cue(Cue::TitleWord, &doc.folded[k]))
                    && holder_within(tokens.end, 10)));
        if titled_holder_follows {
            title_prev = Some(prev);
            continue;
        }
        if holder_named_beside(doc, holders, s, entity, tokens.clone())
            || titled_person_beside(doc, res, s, &e.etype, tokens.clone())
        {
            continue;
        }
        // A place no list knows is where things happen, never who acts.
        if e.etype == EntityType::Place
            && !locative
            && kb.get(&e.id).is_none()
            && e.subtype.as_deref() != Some("Building")
        {
            continue;
        }
        // A capital acting stands for its state: "Bakou se dit déterminée";
        // so do a state's ministries, presidency and armed forces.
        if e.etype == EntityType::Place && e.subtype.as_deref() == Some("City") && !locative {
            let parent = kb.get(&e.id).and_then(|k| k.part_of.clone());
            match parent.and_then(|p| entity_for_id(doc, kb, res, &p)) {
                Some(country) => entity = country,
                None => continue,
            }
        } else if let Some(state) = state_of_institution(doc, kb, res, entity) {
            entity = state;
        }
        let e = &doc.entities[entity];
        // Only a state the article already names (no entity is added for it).
        let state = match (locative, e.etype, e.subtype.as_deref()) {
            (true, EntityType::Place, Some("Country")) => Some(entity),
            (true, EntityType::Place, Some("City")) => named_part_of(doc, kb, entity),
            _ => None,
        };
        out.push(Participant {
            tokens,
            entity,
            locative,
            agent,
            oblique,
            source,
            speaker,
            state,
        });
    }
    // "he", "il", "elle": the person named last before, in this sentence or
    // the two before. "Britain announced that it would deploy …": "it" as a
    // subject is the state or body named last before (a state's ministry or
    // army standing for the state, as when named).
    for t in range.clone() {
        let w = doc.folded[t].as_str();
        let person = res.is_cue(Cue::Pronoun, w);
        let body = res.is_cue(Cue::PronounBody, w)
            && doc
                .words_of_token(t)
                .next()
                .is_some_and(|w| doc.words[w].deprel.starts_with("nsubj"));
        if !person && !body {
            continue;
        }
        let floor = doc.sentences[s.saturating_sub(2)].tokens.start;
        let upto = doc.mentions.partition_point(|m| m.tokens.end <= t);
        let antecedent = doc.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.tokens.start >= floor)
            .filter_map(|m| m.entity)
            .find(|&e| {
                let e = &doc.entities[e];
                match e.etype {
                    EntityType::Person => person,
                    EntityType::Organization => body,
                    EntityType::Place => body && e.subtype.as_deref() == Some("Country"),
                }
            });
        let antecedent = if body {
            antecedent.map(|e| state_of_institution(doc, kb, res, e).unwrap_or(e))
        } else {
            antecedent
        };
        if let Some(entity) = antecedent {
            out.push(Participant::after(res, "", t..t + 1, entity));
        }
    }
    // "Mali, Burkina Faso and Niger announced that they are leaving ECOWAS":
    // a plural subject pronoun of a reported clause is the reporting verb's
    // subject, every party it names.
    for t in range.clone() {
        if !res.is_cue(Cue::PronounGroup, &doc.folded[t]) {
            continue;
        }
        for entity in reporters(doc, t) {
            let entity = state_of_institution(doc, kb, res, entity).unwrap_or(entity);
            out.push(Participant::after(res, "", t..t + 1, entity));
        }
    }
    // "the two sides", "les deux dirigeants": the pair the article has named.
    for t in range.clone() {
        if !res.is_cue(Cue::Pair, &doc.folded[t]) || t + 1 >= range.end {
            continue;
        }
        let noun = &doc.folded[t + 1];
        let class = if res.is_cue(Cue::PairPeople, noun) {
            PairClass::People
        } else if res.is_cue(Cue::PairStates, noun) {
            PairClass::States
        } else if res.is_cue(Cue::PairSides, noun) {
            PairClass::Sides
        } else {
            continue;
        };
        let prev = preceding(doc, t).unwrap_or_default();
        for entity in pair_antecedents(doc, res, t, class).into_iter().flatten() {
            out.push(Participant::after(res, &prev, t..t + 2, entity));
        }
    }
    // "the group", "le pays", "la région": the body, state or region the
    // article names most; "ce pays", "this country", "cette région": the one
    // named last.
    for t in range.clone() {
        if t == range.start {
            continue;
        }
        // "the bloc", or with one adjective between: "the regional bloc".
        let adjective = t - 1 > range.start && triggers::upos(doc, t - 1) == Some(Upos::Adj);
        let d = if adjective { t - 2 } else { t - 1 };
        let demonstrative = res.is_cue(Cue::Demonstrative, &doc.folded[d]);
        if !demonstrative && !res.is_cue(Cue::Definite, &doc.folded[d]) {
            continue;
        }
        let class = if res.is_cue(Cue::AnaphorGroup, &doc.folded[t]) {
            PairClass::Groups
        } else if res.is_cue(Cue::AnaphorArmedGroup, &doc.folded[t]) {
            PairClass::ArmedGroups
        } else if res.is_cue(Cue::AnaphorState, &doc.folded[t]) {
            PairClass::States
        } else if res.is_cue(Cue::AnaphorRegion, &doc.folded[t]) {
            PairClass::Regions
        } else {
            continue;
        };
        let prev = preceding(doc, d).unwrap_or_default();
        // "dans cette région": where, which the article's place rules give;
        // a region is a party only as one ("reconquérir cette région").
        if class == PairClass::Regions && res.is_cue(Cue::Locative, &prev) {
            continue;
        }
        let antecedent = if demonstrative {
            named_last(doc, t, class)
        } else {
            salient(doc, res, t, class, 1).first().copied()
        };
        if let Some(entity) = antecedent {
            // "in the country": where something happens; "for the group's
            // attacks": the attacks' author.
            let owner = possessor(doc, res, t + 1);
            let prev = if owner { String::new() } else { prev };
            let mut p = Participant::after(res, &prev, d..t + 1, entity);
            p.locative = res.is_cue(Cue::Locative, &prev);
            // "a demandé à ce pays": the state addressed.
            if p.locative && class == PairClass::States {
                p.state = Some(entity);
            }
            out.push(p);
        }
    }
    // "in the Qatari capital": a city the article names.
    let cities = super::city_anaphors::demonym_cities(doc, kb, res, s);
    let city_starts: Vec<usize> = cities.iter().map(|c| c.tokens.start).collect();
    out.retain(|p| {
        !cities
            .iter()
            .any(|c| c.tokens.start <= p.tokens.start && p.tokens.end <= c.tokens.end)
    });
    out.extend(cities);
    // Demonyms stand for their country, unless they qualify a named person
    // ("son homologue russe Sergueï Lavrov") or a named place ("arméniens du Haut-Karabakh").
    for t in range.clone() {
        if out.iter().any(|p| p.tokens.contains(&t)) || doc.mention_at(t).is_some() {
            continue;
        }
        let Some(id) = demonym_at(doc, res, t) else {
            continue;
        };
        // …or another demonym («Chypriotes grecs»: no Greece);
        if super::communities::qualifies_a_demonym(doc, res, &range, t) {
            continue;
        }
        // …or a title whose holder is named a few words on ("le conseiller
        // indien à la sécurité nationale, Ajit Doval").
        let near_person = doc.sentence_mentions(s).iter().any(|m| {
            m.sentence == s
                && m.etype == EntityType::Person
                && (m.tokens.start.abs_diff(t + 1) <= 2
                    || m.tokens.end.abs_diff(t) <= 1
                    || (m.tokens.start > t
                        && m.tokens.start <= t + 8
                        && m.entity.is_some_and(|e| holders.people.contains(&e))
                        && !clause_break(doc, res, t, m.tokens.start)))
        });
        let before_place = doc.sentence_mentions(s).iter().any(|m| {
            m.sentence == s
                && m.etype == EntityType::Place
                && m.tokens.start > t
                && m.tokens.start <= t + 3
                && res.is_cue(Cue::ComplementOf, &doc.folded[t + 1])
        });
        if near_person || before_place {
            continue;
        }
        // "le président russe" stands for the person who holds that title here.
        let titled = title_holder(doc, kb, res, range.clone(), t, &id);
        let entity = match titled {
            Some(person) => Some(person),
            None => entity_for_id(doc, kb, res, &id),
        };
        if let Some(entity) = entity {
            let prev = preceding(doc, t).unwrap_or_default();
            out.push(Participant::after(res, &prev, t..t + 1, entity));
        }
    }
    let organs = super::organs::state_organs(doc, kb, res, s, &out);
    out.extend(organs);
    // The dateline's city stands for no one its sentence names otherwise
    // ("DOHA, Aug 16 – Mediators … said they had presented": not "they").
    if let Some(line) = &dateline {
        let named_outside = |e: usize| {
            doc.sentence_mentions(s)
                .iter()
                .any(|m| m.entity == Some(e) && !line.tokens.contains(&m.tokens.start))
        };
        let only_there: Vec<usize> = doc
            .sentence_mentions(s)
            .iter()
            .filter(|m| line.tokens.contains(&m.tokens.start))
            .filter_map(|m| m.entity)
            .filter(|&e| !named_outside(e))
            .collect();
        // "… talks in the Qatari capital": the city named again is no longer
        // only the dateline's.
        out.retain(|p| {
            !line.tokens.contains(&p.tokens.start)
                && (!only_there.contains(&p.entity) || city_starts.contains(&p.tokens.start))
        });
    }
    // "les rebelles du Tigré": the Tigray People's Liberation Front.
    super::region_groups::regions_as_groups(doc, kb, res, s, &mut out);
    super::region_groups::holders_of_areas(doc, kb, res, s, &mut out);
    super::troops::troops_named_again(doc, kb, res, s, &mut out);
    // «ce dernier», "the latter": the party named last before it in the
    // sentence («La porte-parole du ministre arménien a indiqué que ce
    // dernier rencontrerait …»: the minister); not «ce dernier round».
    for t in range.clone().skip(1) {
        let d = &doc.folded[t - 1];
        if !res.is_cue(Cue::Latter, &doc.folded[t])
            || !(res.is_cue(Cue::Demonstrative, d) || res.is_cue(Cue::Definite, d))
            || (t + 1 < range.end && triggers::upos(doc, t + 1) == Some(Upos::Noun))
        {
            continue;
        }
        let last = out
            .iter()
            .filter(|p| p.tokens.end < t)
            .max_by_key(|p| p.tokens.end)
            .map(|p| p.entity);
        if let Some(entity) = last {
            let prev = preceding(doc, t - 1).unwrap_or_default();
            out.push(Participant::after(res, &prev, t - 1..t + 1, entity));
        }
    }
    // "le Groupe de Minsk de l'OSCE (Russie, France, États-Unis)": names in
    // brackets right after a name gloss it; they are no parties of their own.
    let glosses = glossed_spans(doc, range.clone());
    out.retain(|p| !glosses.iter().any(|g| g.contains(&p.tokens.start)));
    out.sort_by_key(|p| p.tokens.start);
    out
}

/// Most words in brackets that gloss the name before them.
const GLOSS_REACH: usize = 30;

/// The bracketed spans of sentence `range` that open right after a name.
fn glossed_spans(doc: &Document, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for k in range.clone().skip(1) {
        if doc.token_text(k) != "(" || doc.mention_at(k - 1).is_none() {
            continue;
        }
        let end = (k + 1 + GLOSS_REACH).min(range.end);
        if let Some(close) = (k + 1..end).find(|&j| doc.token_text(j) == ")") {
            out.push(k + 1..close);
        }
    }
    out
}

/// Whether a person who holds a position in this organisation or state (the
/// facts stage found it in this sentence) is named in the same noun phrase, so
/// that the person, not the body, is the party: "Hamas official Sami Abu
/// Zuhri", "le secrétaire général de l'ONU, Antonio Guterres", "Rafael Grossi,
/// the head of the IAEA". The same noun phrase: at most [`HOLDER_REACH`] tokens
/// apart with no verb or auxiliary of the parse between them.
fn holder_named_beside(
    doc: &Document,
    holders: &Holders,
    s: usize,
    entity: usize,
    tokens: Range<usize>,
) -> bool {
    let no_verb = |gap: Range<usize>| {
        gap.len() <= HOLDER_REACH
            && gap.into_iter().all(|k| {
                doc.words_of_token(k)
                    .all(|w| !matches!(doc.words[w].upos, Upos::Verb | Upos::Aux))
            })
    };
    doc.sentence_mentions(s).iter().any(|m| {
        m.entity
            .is_some_and(|p| p != entity && holders.pairs.contains(&(p, entity, s)))
            && if m.tokens.start >= tokens.end {
                no_verb(tokens.end..m.tokens.start)
            } else {
                m.tokens.end <= tokens.start && no_verb(m.tokens.end..tokens.start)
            }
    })
}

/// Who holds a position in what in the article (the facts stage's
/// positions), gathered once per document.
pub(super) struct Holders {
    /// (person, organisation or state, sentence that states it)
    pairs: HashSet<(usize, usize, usize)>,
    people: HashSet<usize>,
}

impl Holders {
    pub(super) fn new(doc: &Document) -> Holders {
        Holders {
            pairs: doc
                .positions
                .iter()
                .map(|p| (p.person, p.organization, p.sentence))
                .collect(),
            people: doc.positions.iter().map(|p| p.person).collect(),
        }
    }
}

/// Whether a body or state is the complement of a title whose holder is named
/// in the same noun phrase, though no position was stated: "Hamas official Sami
/// Abu Zuhri", "Rafael Grossi, the head of the UN nuclear watchdog": a title
/// word between the two, no verb, at most [`HOLDER_REACH`] tokens.
fn titled_person_beside(
    doc: &Document,
    res: &Resources,
    s: usize,
    etype: &EntityType,
    tokens: Range<usize>,
) -> bool {
    if *etype == EntityType::Person {
        return false;
    }
    // Not "L'Algérie rappelle son ambassadeur Salim Haddad": a possessive or
    // an event word between them makes the body a party of its own.
    let same_phrase = |gap: Range<usize>| {
        gap.len() <= HOLDER_REACH
            && gap
                .clone()
                .any(|k| res.is_cue(Cue::TitleWord, &doc.folded[k]))
            && !gap.clone().any(|k| {
                res.is_cue(Cue::Possessive, &doc.folded[k])
                    || !super::triggers::rows_at(doc, res, k).is_empty()
            })
            && gap.into_iter().all(|k| {
                doc.words_of_token(k)
                    .all(|w| !matches!(doc.words[w].upos, Upos::Verb | Upos::Aux))
            })
    };
    doc.sentence_mentions(s).iter().any(|m| {
        m.etype == EntityType::Person
            && if m.tokens.start >= tokens.end {
                m.tokens.start - tokens.end <= 3 && same_phrase(tokens.end..m.tokens.start)
            } else {
                m.tokens.end <= tokens.start && same_phrase(m.tokens.end..tokens.start)
            }
    })
}

/// What `entity` is part of by the knowledge base (a city's or a person's
/// country), when the article names it (no entity is added for it).
pub(super) fn named_part_of(doc: &Document, kb: &Knowledge, entity: usize) -> Option<usize> {
    kb.get(&doc.entities[entity].id)
        .and_then(|k| k.part_of.as_deref())
        .and_then(|p| doc.entities.iter().position(|x| x.id == p))
}

/// Most tokens between a person and the body they hold a position in for the
/// two to be one noun phrase ("Rafael Grossi, the head of the UN nuclear watchdog, the IAEA").
const HOLDER_REACH: usize = 12;

/// The state a government or military body belongs to: a curated body with
/// a country (`part_of`), or an institution pattern's `KEY-of-PLACE` id.
pub(super) fn state_of_institution(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    entity: usize,
) -> Option<usize> {
    let place = institution_state(doc, kb, res, entity)?;
    entity_for_id(doc, kb, res, &place)
}

/// The id of the state a government or military body belongs to (see
/// [`state_of_institution`]), whether or not the article names it.
pub(super) fn institution_state(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    entity: usize,
) -> Option<String> {
    let e = &doc.entities[entity];
    if e.etype != EntityType::Organization {
        return None;
    }
    if !matches!(
        e.subtype.as_deref(),
        Some("GovernmentOrganization" | "MilitaryOrganization")
    ) {
        return None;
    }
    match kb.get(&e.id) {
        Some(k) => k.part_of.clone(),
        None => res.institutions.iter().find_map(|inst| {
            e.id.strip_prefix(&inst.key)?
                .strip_prefix("-of-")
                .map(str::to_string)
        }),
    }
}

/// The person of this article who holds the role whose title precedes a demonym.
fn title_holder(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    range: Range<usize>,
    t: usize,
    country: &str,
) -> Option<usize> {
    let start = t.saturating_sub(5).max(range.start);
    let (k, role) = (start..t).find_map(|k| {
        match_title(doc, res, k, range.end)
            .filter(|(end, _, _)| *end >= t && *end <= t + 1)
            .map(|(_, r, _)| (k, res.roles[r].role))
    })?;
    // "le ministre arménien" is the article's Armenian foreign or defence minister.
    let compatible = |held: Role| {
        held == role
            || (role == Role::Minister
                && matches!(held, Role::ForeignMinister | Role::DefenceMinister))
    };
    let stated = doc
        .positions
        .iter()
        .find(|p| compatible(p.role) && doc.entities[p.organization].id == country)
        .map(|p| p.person);
    stated.or_else(|| {
        names_one_leader(doc, k, role)
            .then(|| sole_national(doc, kb, country))
            .flatten()
    })
}

/// Whether entity `e` is a place other than a state: a town, a region, a
/// building ("Kharkiv", "Nagorno-Karabakh").
pub(super) fn town_or_region(doc: &Document, e: usize) -> bool {
    let entity = &doc.entities[e];
    entity.etype == EntityType::Place && entity.subtype.as_deref() != Some("Country")
}

/// Whether entity `e` is a region of a state ("Nagorno-Karabakh", "Tigray"),
/// as the knowledge base says; not a sea or a continent.
pub(super) fn state_region(doc: &Document, kb: &Knowledge, e: usize) -> bool {
    let entity = &doc.entities[e];
    entity.etype == EntityType::Place
        && entity.subtype.as_deref() == Some("Region")
        && kb.get(&entity.id).is_some_and(|k| k.part_of.is_some())
}
