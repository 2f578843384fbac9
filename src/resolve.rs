//! Resolve stage: one entity per real-world referent.
//!
//! A mention is attached, in order, to: the curated entity recognition found;
//! a full name of the same article whose surname it is; a curated person, or
//! a person of the same article, with the same transliteration skeleton; else
//! a new entity with an id minted from its type and folded name. Every merge
//! records its reason.
//!
//! Identity depends on the article and the curated knowledge only, never on
//! what the store already holds: the same name gets the same id in every
//! article, so the same articles give the same graph whatever their order,
//! the number of threads, or whether they were extracted elsewhere and
//! loaded. (A surname alone, in an article that never gives the full name,
//! stays its own node: linking it to a full name seen elsewhere would depend
//! on which article came first.)

use std::collections::HashMap;

use crate::cue::Cue;
use crate::doc::{Document, Entity, EntityType, MergeReason};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::text::{fold, skeleton, slug};

/// Reads: `mentions`. Writes: `entities`, `Mention::entity`.
pub fn resolve(doc: &mut Document, kb: &Knowledge, res: &Resources) {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut seen = Seen::of(doc);
    // Full names first, so that a surname alone finds its full name.
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    order.sort_by_key(|&m| (std::cmp::Reverse(doc.mentions[m].tokens.len()), m));
    for m in order {
        let mention = doc.mentions[m].clone();
        let surface = doc.span_text(&mention.span).to_string();
        let (id, reason) = identify(doc, kb, &seen, &mention.known_id, mention.etype, &surface);
        let e = match by_id.get(&id) {
            Some(&e) => e,
            None => {
                let entity = new_entity(
                    doc,
                    kb,
                    res,
                    &id,
                    mention.etype,
                    mention.subtype.as_deref(),
                    &surface,
                );
                let e = doc.entities.len();
                for name in &entity.surface_forms {
                    seen.add(e, entity.etype, name);
                }
                doc.entities.push(entity);
                by_id.insert(id.clone(), e);
                e
            }
        };
        let entity = &mut doc.entities[e];
        if !entity.surface_forms.contains(&surface) {
            seen.add(e, entity.etype, &surface);
            entity.surface_forms.push(surface);
        }
        if let Some(reason) = reason {
            if !entity.merge_reasons.contains(&reason) {
                entity.merge_reasons.push(reason);
            }
        }
        doc.mentions[m].entity = Some(e);
    }
    institutions_of_the_context(doc, kb, res);
    nested_entities(doc, kb, res);
}

/// Most sentences back that a bare institution looks for its country.
const INSTITUTION_REACH: usize = 2;

/// An institution named without its country ("Alger a riposté lundi. Le
/// ministère des Affaires étrangères…", "manifesté devant le Parlement à
/// Tbilissi") is the institution of the country the text named last before
/// its first mention, in its sentence or the [`INSTITUTION_REACH`] before (a
/// country, a city of one, or a demonym): `ministry-of-foreign-affairs-of-algeria`,
/// not one node for every country's ministry. Left as it is when no country
/// precedes it or the article already names that institution otherwise.
fn institutions_of_the_context(doc: &mut Document, kb: &Knowledge, res: &Resources) {
    // Each entity's first mention, in one pass.
    let mut firsts: Vec<Option<usize>> = vec![None; doc.entities.len()];
    for (i, m) in doc.mentions.iter().enumerate() {
        if let Some(first) = m.entity.and_then(|e| firsts.get_mut(e)) {
            first.get_or_insert(i);
        }
    }
    for (e, first) in firsts.into_iter().enumerate() {
        let entity = &doc.entities[e];
        if entity.from_knowledge || entity.etype != EntityType::Organization {
            continue;
        }
        let Some(first) = first.map(|i| &doc.mentions[i]) else {
            continue;
        };
        let mut words = first.tokens.clone();
        while words.start < words.end && res.is_cue(Cue::Determiner, &doc.folded[words.start]) {
            words.start += 1;
        }
        let Some(inst) = res
            .institutions
            .iter()
            .find(|inst| doc.folded[words.clone()] == inst.words[..])
        else {
            continue;
        };
        let Some(country) = country_before(doc, kb, res, first.sentence, first.tokens.start) else {
            continue;
        };
        let Some(country) = kb.get(&country) else {
            continue;
        };
        let id = kb.institution_id(&inst.key, &inst.label_en, country);
        if doc.entities.iter().any(|x| x.id == id) {
            continue;
        }
        let name = doc.entities[e].name.clone();
        let mut named = new_entity(doc, kb, res, &id, EntityType::Organization, None, &name);
        let old = std::mem::take(&mut doc.entities[e].surface_forms);
        for form in old {
            if !named.surface_forms.contains(&form) {
                named.surface_forms.push(form);
            }
        }
        doc.entities[e] = named;
    }
}

/// The country the text names last before token `t`: a mention of a country
/// or of a city of one, or a demonym, from [`INSTITUTION_REACH`] sentences
/// before sentence `s` up to `t`.
fn country_before(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    t: usize,
) -> Option<String> {
    let floor = doc.sentences[s.saturating_sub(INSTITUTION_REACH)]
        .tokens
        .start;
    let country = |id: &str| {
        let k = kb.get(id)?;
        match (k.etype, k.subtype.as_deref()) {
            (EntityType::Place, Some("Country")) => Some(k.id.clone()),
            (EntityType::Place, Some("City")) => k.part_of.clone(),
            _ => None,
        }
    };
    let named = doc
        .mentions
        .iter()
        .filter(|m| m.tokens.start >= floor && m.tokens.end <= t)
        .filter_map(|m| {
            let id = &doc.entities[m.entity?].id;
            Some((m.tokens.end, country(id)?))
        })
        .next_back();
    let demonym = (floor..t)
        .rev()
        .find_map(|k| Some((k + 1, country(res.demonym(doc.token_text(k))?)?)));
    match (named, demonym) {
        (Some(n), Some(d)) => Some(if d.0 > n.0 { d.1 } else { n.1 }),
        (n, d) => n.or(d).map(|(_, c)| c),
    }
}

/// Entities named inside a longer name are mentioned too: "le Groupe de
/// Minsk de l'OSCE" mentions the OSCE.
fn nested_entities(doc: &mut Document, kb: &Knowledge, res: &Resources) {
    let mut nested = Vec::new();
    for m in &doc.mentions {
        let Some(outer) = m.entity.map(|e| doc.entities[e].id.clone()) else {
            continue;
        };
        for k in m.tokens.start + 1..m.tokens.end.saturating_sub(1) {
            if !res.is_cue(Cue::Genitive, &doc.folded[k]) {
                continue;
            }
            let mut from = k + 1;
            while from < m.tokens.end && res.is_cue(Cue::Determiner, &doc.folded[from]) {
                from += 1;
            }
            if from >= m.tokens.end {
                continue;
            }
            let inner =
                &doc.text[doc.tokens[from].span.start..doc.tokens[m.tokens.end - 1].span.end];
            if let Some(e) = kb
                .lookup(inner)
                .filter(|e| e.id != outer && e.etype != EntityType::Person)
            {
                nested.push(e.id.clone());
                break;
            }
        }
    }
    for id in nested {
        entity_for_id(doc, kb, res, &id);
    }
}

/// The id of the entity a mention names, and why it was merged, if it was.
/// The names of the article's entities so far, for lookups in constant time:
/// a person's surname (the last word of a full name) and every name's
/// transliteration skeleton, each to the first entity (lowest index) that
/// bears it. Kept up to date as names are added, so that resolving an
/// article stays linear in its mentions.
#[derive(Default)]
struct Seen {
    surnames: HashMap<String, usize>,
    skeletons: HashMap<(EntityType, String), usize>,
}

impl Seen {
    fn of(doc: &Document) -> Seen {
        let mut seen = Seen::default();
        for (i, e) in doc.entities.iter().enumerate() {
            for name in &e.surface_forms {
                seen.add(i, e.etype, name);
            }
        }
        seen
    }

    fn add(&mut self, e: usize, etype: EntityType, name: &str) {
        let first = |slot: &mut usize| *slot = (*slot).min(e);
        if etype == EntityType::Person && name.contains(' ') {
            if let Some(last) = fold(name).rsplit(' ').next() {
                first(self.surnames.entry(last.to_string()).or_insert(e));
            }
        }
        first(self.skeletons.entry((etype, skeleton(name))).or_insert(e));
    }
}

fn identify(
    doc: &Document,
    kb: &Knowledge,
    seen: &Seen,
    known_id: &Option<String>,
    etype: EntityType,
    surface: &str,
) -> (String, Option<MergeReason>) {
    if let Some(id) = known_id {
        return (id.clone(), Some(MergeReason::Alias));
    }
    if etype == EntityType::Person && !surface.contains(' ') {
        let full = seen.surnames.get(&fold(surface)).map(|&e| &doc.entities[e]);
        if let Some(full) = full {
            return (full.id.clone(), Some(MergeReason::Surname));
        }
    }
    if etype == EntityType::Person && surface.contains(' ') {
        if let Some(e) = kb.lookup_person_skeleton(surface) {
            return (e.id.clone(), Some(MergeReason::Fuzzy(0.9)));
        }
        if let Some(e) = seen
            .skeletons
            .get(&(etype, skeleton(surface)))
            .map(|&e| &doc.entities[e])
        {
            return (e.id.clone(), Some(MergeReason::Fuzzy(0.9)));
        }
    }
    (mint_id(etype, surface), None)
}

/// The id of a new entity: its type and folded name.
fn mint_id(etype: EntityType, surface: &str) -> String {
    let prefix = match etype {
        EntityType::Person => "person",
        EntityType::Organization => "org",
        EntityType::Place => "place",
    };
    format!("{prefix}-{}", slug(surface))
}

/// A new entity: from the knowledge base, an institution pattern, or the text.
pub fn new_entity(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    id: &str,
    etype: EntityType,
    subtype: Option<&str>,
    surface: &str,
) -> Entity {
    if let Some(k) = kb.get(id) {
        return Entity {
            id: k.id.clone(),
            etype: k.etype,
            subtype: k.subtype.clone(),
            name: k.name(doc.lang).to_string(),
            surface_forms: Vec::new(),
            wikidata: k.wikidata.clone(),
            from_knowledge: true,
            merge_reasons: Vec::new(),
        };
    }
    // An institution of a country: "ministry-of-defence-of-russia".
    if let Some((inst, place)) = res.institutions.iter().find_map(|inst| {
        let rest = id.strip_prefix(&inst.key)?.strip_prefix("-of-")?;
        kb.get(rest).map(|p| (inst, p))
    }) {
        return Entity {
            id: id.to_string(),
            etype: EntityType::Organization,
            subtype: Some(inst.subtype.clone()),
            name: surface.to_string(),
            surface_forms: vec![inst.label_en.replace("{}", &place.name_en)],
            wikidata: None,
            from_knowledge: false,
            merge_reasons: Vec::new(),
        };
    }
    Entity {
        id: id.to_string(),
        etype,
        subtype: subtype.map(str::to_string),
        name: surface.to_string(),
        surface_forms: Vec::new(),
        wikidata: None,
        from_knowledge: false,
        merge_reasons: Vec::new(),
    }
}

/// The document's entity for a curated id, added (without a mention) when a
/// demonym or title is the only evidence for it.
pub fn entity_for_id(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    id: &str,
) -> Option<usize> {
    if let Some(i) = doc.entities.iter().position(|e| e.id == id) {
        return Some(i);
    }
    let k = kb.get(id)?;
    let entity = new_entity(doc, kb, res, id, k.etype, None, k.name(doc.lang));
    doc.entities.push(entity);
    Some(doc.entities.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Lang;
    use crate::pipeline::analyse;

    fn ids(doc: &Document) -> Vec<&str> {
        doc.mentions
            .iter()
            .map(|m| doc.entities[m.entity.unwrap()].id.as_str())
            .collect()
    }

    #[test]
    fn spellings_and_surnames_reach_one_node() {
        let doc = analyse(
            "Djeyhoun Baïramov a rencontré Ceyhun Bayramov. Bayramov et Baïramov sont à Bakou.",
            Lang::Fr,
            "2020-10-09",
        );
        let people: Vec<&str> = ids(&doc).into_iter().filter(|id| *id != "baku").collect();
        assert!(people.iter().all(|id| *id == people[0]), "{people:?}");
    }

    #[test]
    fn unknown_names_merge_by_surname_and_get_one_id_in_every_article() {
        let doc = analyse(
            "Olena Kovalchuk, a local official, spoke. Kovalchuk said the city was calm.",
            Lang::En,
            "2024-01-10",
        );
        let people: Vec<&Entity> = doc
            .entities
            .iter()
            .filter(|e| e.etype == EntityType::Person)
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].id, "person-olena-kovalchuk");
        assert!(people[0].merge_reasons.contains(&MergeReason::Surname));
        // Another article, read alone: the same name is the same node.
        let later = analyse(
            "Residents met Olena Kovalchuk on Monday in Kharkiv.",
            Lang::En,
            "2024-02-01",
        );
        assert!(
            later
                .entities
                .iter()
                .any(|e| e.id == "person-olena-kovalchuk"),
            "{:?}",
            later.entities
        );
    }

    #[test]
    fn a_bare_institution_is_that_of_the_country_named_before() {
        let doc = analyse(
            "Alger a riposté lundi. Le ministère des Affaires étrangères, dirigé par Ahmed Attaf, a «rejeté catégoriquement» les accusations de la junte.",
            Lang::Fr,
            "2025-04-07",
        );
        assert!(
            ids(&doc).contains(&"algeria-foreign-ministry"),
            "{:?}",
            ids(&doc)
        );
        // With no country before it, it stays the bare name it is.
        let doc = analyse("Le Parlement a voté la loi mardi.", Lang::Fr, "2025-04-07");
        assert_eq!(ids(&doc), ["org-parlement"]);
        // A city's institution is its country's: "Seoul's defence ministry".
        let doc = analyse(
            "Seoul's defence ministry said the missile flew 1,000 km.",
            Lang::En,
            "2023-07-13",
        );
        assert!(
            ids(&doc).contains(&"south-korea-defence-ministry"),
            "{:?}",
            ids(&doc)
        );
    }
}
