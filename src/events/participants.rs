//! The participants of a sentence: who can take part in its events.
//!
//! Reads: `sentences`, `mentions`, `entities`, `positions` (and adds an entity
//! for a state that a capital, an institution or a demonym stands for).
//! Writes nothing else; [`super::extract`] fills event frames from the list.

use std::ops::Range;

use super::{clause_break, modifier};
use crate::doc::{Document, EntityType, Role};
use crate::facts::{names_one_leader, sole_national};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::recognise::{demonym_at, match_title};
use crate::resolve::entity_for_id;

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
    /// For a city after a locative preposition, the state it stands for when
    /// it is the addressee ("a demandé à Washington", "recalled its ambassador to Athens").
    pub state: Option<usize>,
}

/// The participants of sentence `s`, in text order.
pub(super) fn participants(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
) -> Vec<Participant> {
    let range = doc.sentences[s].tokens.clone();
    let mut out = Vec::new();
    // The preposition governing a participant, past articles, titles and
    // demonyms: "par son homologue russe, Sergueï Lavrov" is an agent.
    let preceding = |doc: &Document, start: usize| -> Option<String> {
        let mut k = start;
        while k > range.start {
            k -= 1;
            if modifier(doc, res, k) {
                continue;
            }
            return Some(doc.folded[k].clone());
        }
        None
    };
    let mentions: Vec<(Range<usize>, usize)> = doc
        .mentions
        .iter()
        .filter(|m| m.sentence == s)
        .filter_map(|m| m.entity.map(|e| (m.tokens.clone(), e)))
        .collect();
    for (tokens, mut entity) in mentions {
        let prev = preceding(doc, tokens.start).unwrap_or_default();
        let locative = res.is_cue("locative", &prev);
        let agent = res.is_cue("agent", &prev);
        let oblique = res.is_cue("oblique", &prev);
        let source = res.is_cue("source", &prev);
        let e = &doc.entities[entity];
        // "the Emir of Qatar, Sheikh Tamim": the state in a title is no party when the holder is named.
        // So is "Qatar's Prime Minister, Sheikh Mohammed": the state before a title and its holder.
        let holder_within = |from: usize, reach: usize| {
            doc.mentions.iter().any(|m| {
                m.etype == EntityType::Person
                    && m.tokens.start >= from
                    && m.tokens.start <= from + reach
            })
        };
        let titled_holder_follows = e.etype == EntityType::Place
            && ((tokens.start >= range.start + 2
                && res.is_cue("genitive", &doc.folded[tokens.start - 1])
                && res.is_cue("title_word", &doc.folded[tokens.start - 2])
                && holder_within(tokens.end, 3))
                || (tokens.end + 1 < range.end
                    && doc.folded[tokens.end] == "s"
                    && res.is_cue("title_word", &doc.folded[tokens.end + 1])
                    && holder_within(tokens.end, 10)));
        if titled_holder_follows {
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
            (true, EntityType::Place, Some("City")) => kb
                .get(&e.id)
                .and_then(|k| k.part_of.as_deref())
                .and_then(|p| doc.entities.iter().position(|x| x.id == p)),
            _ => None,
        };
        out.push(Participant {
            tokens,
            entity,
            locative,
            agent,
            oblique,
            source,
            state,
        });
    }
    // "he", "il", "elle": the person named last before, in this sentence or the two before.
    for t in range.clone() {
        if !res.is_cue("pronoun", &doc.folded[t]) {
            continue;
        }
        let floor = doc.sentences[s.saturating_sub(2)].tokens.start;
        let antecedent = doc
            .mentions
            .iter()
            .rev()
            .find(|m| m.etype == EntityType::Person && m.tokens.end <= t && m.tokens.start >= floor)
            .and_then(|m| m.entity);
        if let Some(entity) = antecedent {
            out.push(Participant {
                tokens: t..t + 1,
                entity,
                locative: false,
                agent: false,
                oblique: false,
                source: false,
                state: None,
            });
        }
    }
    // Demonyms stand for their country, unless they qualify a named person
    // ("son homologue russe Sergueï Lavrov") or a named place ("arméniens du Haut-Karabakh").
    for t in range.clone() {
        if out.iter().any(|p| p.tokens.contains(&t))
            || doc.mentions.iter().any(|m| m.tokens.contains(&t))
        {
            continue;
        }
        let Some(id) = demonym_at(doc, res, t) else {
            continue;
        };
        // …or a title whose holder is named a few words on ("le conseiller
        // indien à la sécurité nationale, Ajit Doval").
        let holders: Vec<usize> = doc.positions.iter().map(|p| p.person).collect();
        let near_person = doc.mentions.iter().any(|m| {
            m.sentence == s
                && m.etype == EntityType::Person
                && (m.tokens.start.abs_diff(t + 1) <= 2
                    || m.tokens.end.abs_diff(t) <= 1
                    || (m.tokens.start > t
                        && m.tokens.start <= t + 8
                        && m.entity.is_some_and(|e| holders.contains(&e))
                        && !clause_break(doc, res, t, m.tokens.start)))
        });
        let before_place = doc.mentions.iter().any(|m| {
            m.sentence == s
                && m.etype == EntityType::Place
                && m.tokens.start > t
                && m.tokens.start <= t + 3
                && matches!(doc.folded[t + 1].as_str(), "du" | "de" | "d" | "des" | "of")
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
            out.push(Participant {
                tokens: t..t + 1,
                entity,
                locative: false,
                agent: res.is_cue("agent", &prev),
                oblique: res.is_cue("oblique", &prev),
                source: res.is_cue("source", &prev),
                state: None,
            });
        }
    }
    out.sort_by_key(|p| p.tokens.start);
    out
}

/// The state a government or military body belongs to: a curated body with
/// a country (`part_of`), or an institution pattern's `KEY-of-PLACE` id.
fn state_of_institution(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    entity: usize,
) -> Option<usize> {
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
    let id = e.id.clone();
    let place = match kb.get(&id) {
        Some(k) => k.part_of.clone()?,
        None => res.institutions.iter().find_map(|inst| {
            id.strip_prefix(&inst.key)?
                .strip_prefix("-of-")
                .map(str::to_string)
        })?,
    };
    entity_for_id(doc, kb, res, &place)
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
