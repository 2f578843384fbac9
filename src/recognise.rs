//! Recognise stage: find the names of people, organisations and places.
//!
//! Four recognisers propose candidate spans; an explicit overlap policy keeps
//! one: longer spans win, and at equal length curated knowledge beats
//! institution patterns, title rules and the statistical tagger, in that order.
//! - knowledge: names and aliases of `ontology/kb/entities.tsv`;
//! - institutions: "ministère russe de la Défense", "Azerbaijani army" (head noun + country);
//! - titles: a name right after a role title ("le ministre russe des Affaires étrangères Sergueï Lavrov");
//! - the tagger (`ner`), or capitalised sequences when no model is loaded.

use std::ops::Range;

use crate::cue::Cue;
use crate::doc::{Document, EntityType, Mention, MentionSource};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::{complement_place, demonym_at, match_title, match_with_demonym, surface};
use crate::ner::{EntityKind, NerModel, TaggedSpan};
use crate::syntax::Upos;
use crate::text::{fold_prefixes, starts_upper};

#[derive(Clone, Debug)]
struct Candidate {
    tokens: Range<usize>,
    sentence: usize,
    etype: EntityType,
    source: MentionSource,
    known_id: Option<String>,
    subtype: Option<String>,
    /// Lower wins among spans of equal length.
    rank: u8,
}

/// Reads: `tokens`, `folded`, `sentences`. Writes: `mentions`.
pub fn recognise(doc: &mut Document, kb: &Knowledge, res: &Resources, model: Option<&NerModel>) {
    let mut candidates = Vec::new();
    // The tagger sees the whole document, for consistent labels across sentences.
    let tagged = model.map(|model| {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.clone().map(|t| doc.token_text(t)).collect())
            .collect();
        model.predict_document(&sentences)
    });
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        knowledge_candidates(doc, kb, s, range.clone(), &mut candidates);
        institution_candidates(doc, kb, res, s, range.clone(), &mut candidates);
        title_candidates(doc, kb, res, s, range.clone(), &mut candidates);
        match &tagged {
            Some(tagged) => model_candidates(doc, kb, res, &tagged[s], s, range, &mut candidates),
            None => capitalised_candidates(doc, res, s, range, &mut candidates),
        }
    }
    // A tagger span that swallows two curated names ("Lavrov hosts
    // Bayramov") is two names; a person's name has no lower-case word but
    // its particles.
    let curated: Vec<Range<usize>> = candidates
        .iter()
        .filter(|c| c.source == MentionSource::Knowledge && c.rank == 0)
        .map(|c| c.tokens.clone())
        .collect();
    candidates.retain(|c| {
        if c.source != MentionSource::Model {
            return true;
        }
        let inside = curated
            .iter()
            .filter(|k| {
                k.start >= c.tokens.start && k.end <= c.tokens.end && k.len() < c.tokens.len()
            })
            .count();
        let lower_word = c.tokens.clone().any(|t| {
            doc.is_word(t)
                && !starts_upper(doc.token_text(t))
                && !res.is_cue(Cue::Particle, &doc.folded[t])
        });
        inside < 2 && !(c.etype == EntityType::Person && lower_word)
    });
    joined_place_names(doc, res, &mut candidates);
    // Longest first, then by source rank, then left to right.
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.tokens.len()), c.rank, c.tokens.start));
    let mut taken = vec![false; doc.tokens.len()];
    let mut mentions = Vec::new();
    for c in candidates {
        if c.tokens.clone().any(|t| taken[t]) {
            continue;
        }
        for t in c.tokens.clone() {
            taken[t] = true;
        }
        let span = doc.tokens[c.tokens.start].span.start..doc.tokens[c.tokens.end - 1].span.end;
        mentions.push(Mention {
            span,
            tokens: c.tokens,
            sentence: c.sentence,
            etype: c.etype,
            source: c.source,
            known_id: c.known_id,
            subtype: c.subtype,
            entity: None,
        });
    }
    mentions.sort_by_key(|m| m.span.start);
    doc.mentions = mentions;
}

/// "Mocímboa da Praia", "Vila Nova de Gaia": a place the tagger found, a
/// lower-case particle right after it and a curated place right after that
/// (Praia, the capital of Cape Verde) are one place name, the tagger's place
/// extended over the other two.
fn joined_place_names(doc: &Document, res: &Resources, candidates: &mut [Candidate]) {
    let curated: Vec<Range<usize>> = candidates
        .iter()
        .filter(|c| c.source == MentionSource::Knowledge && c.etype == EntityType::Place)
        .map(|c| c.tokens.clone())
        .collect();
    for c in candidates.iter_mut() {
        if c.source != MentionSource::Model || c.etype != EntityType::Place {
            continue;
        }
        let p = c.tokens.end;
        let same_sentence = doc.sentences[c.sentence].tokens.contains(&(p + 1));
        if !same_sentence
            || starts_upper(doc.token_text(p))
            || !res.is_cue(Cue::Particle, &doc.folded[p])
        {
            continue;
        }
        if let Some(k) = curated.iter().find(|k| k.start == p + 1) {
            c.tokens.end = k.end;
        }
    }
}

fn knowledge_candidates(
    doc: &Document,
    kb: &Knowledge,
    s: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    for i in range.clone() {
        if !kb.could_start_name(&doc.folded[i]) {
            continue;
        }
        let longest = kb.max_name_words.min(range.end - i);
        // The folds of the spans of 1 to `longest` tokens, in one pass.
        let start = doc.tokens[i].span.start;
        let (folded, lens) = fold_prefixes(
            &doc.text[start..],
            (i..i + longest).map(|k| doc.tokens[k].span.end - start),
        );
        for len in (1..=longest).rev() {
            let tokens = i..i + len;
            // A name never ends on a particle or punctuation ("de", "l'").
            if !doc.is_word(i + len - 1) {
                continue;
            }
            let name = surface(doc, tokens.clone());
            if let Some(e) = kb.lookup_folded(name, &folded[..lens[len - 1]]) {
                out.push(Candidate {
                    tokens,
                    sentence: s,
                    etype: e.etype,
                    source: MentionSource::Knowledge,
                    known_id: Some(e.id.clone()),
                    subtype: None,
                    rank: 0,
                });
                break;
            }
        }
    }
}

fn institution_candidates(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    for i in range.clone() {
        // English puts the demonym first: "Russian Defence Ministry".
        let before = (i > range.start)
            .then(|| demonym_at(doc, res, i - 1))
            .flatten();
        for inst in &res.institutions {
            let Some((mut end, mut country)) =
                match_with_demonym(doc, res, i, range.end, &inst.words)
            else {
                continue;
            };
            let mut start = i;
            if country.is_none() {
                if let Some(b) = before.clone() {
                    country = Some(b);
                    start = i - 1;
                }
            }
            // "Sudan's army": a curated place and a possessive before the head.
            if country.is_none()
                && i >= range.start + 2
                && doc.folded[i - 1] == "s"
                && doc.token_text(i - 1).starts_with('\'')
            {
                let owner = (range.start..i - 1)
                    .rev()
                    .take(kb.max_name_words)
                    .find_map(|from| {
                        kb.lookup(surface(doc, from..i - 1))
                            .filter(|e| e.etype == EntityType::Place)
                            .map(|e| (from, e.id.clone()))
                    });
                if let Some((from, id)) = owner {
                    country = Some(id);
                    start = from;
                }
            }
            if country.is_none() {
                // "de l'Arménie", "du Haut-Karabakh", "of Azerbaijan"
                if let Some((place, place_end)) = complement_place(doc, kb, res, end, range.end) {
                    country = Some(place);
                    end = place_end;
                }
            }
            let Some(country) = country else { continue };
            let Some(mut place) = kb.get(&country) else {
                continue;
            };
            if place.etype != EntityType::Place {
                continue;
            }
            // "Seoul's defence ministry" is South Korea's.
            if place.subtype.as_deref() == Some("City") {
                if let Some(state) = place.part_of.as_deref().and_then(|p| kb.get(p)) {
                    place = state;
                }
            }
            out.push(Candidate {
                tokens: start..end,
                sentence: s,
                etype: EntityType::Organization,
                source: MentionSource::Rule,
                known_id: Some(kb.institution_id(&inst.key, &inst.label_en, place)),
                subtype: None,
                rank: 1,
            });
            break;
        }
    }
}

/// Capitalised name tokens from `t`: capitalised words, with particles inside.
pub fn name_run(doc: &Document, res: &Resources, t: usize, end: usize) -> usize {
    let mut k = t;
    let mut last_cap = t;
    while k < end {
        let tok = doc.token_text(k);
        if starts_upper(tok) && doc.is_word(k) && !res.is_cue(Cue::NotName, &doc.folded[k]) {
            k += 1;
            last_cap = k;
        } else if k > t && res.is_cue(Cue::Particle, &doc.folded[k]) {
            k += 1;
        } else {
            break;
        }
    }
    last_cap
}

fn title_candidates(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    for i in range.clone() {
        let Some((mut t, _, _)) = match_title(doc, res, i, range.end) else {
            continue;
        };
        // "de l'Azerbaïdjan, Ceyhun Bayramov": skip a complement and a comma.
        if let Some((_, after)) = complement_place(doc, kb, res, t, range.end) {
            t = after;
        }
        if t < range.end && doc.token_text(t) == "," {
            t += 1;
        }
        let name_end = name_run(doc, res, t, range.end);
        let t = without_honorifics(doc, res, t..name_end).start;
        if name_end == t {
            continue;
        }
        let name = surface(doc, t..name_end);
        // A place or organisation after a title is its complement, not a name.
        if kb
            .lookup(name)
            .is_some_and(|e| e.etype != EntityType::Person)
        {
            continue;
        }
        out.push(Candidate {
            tokens: t..name_end,
            sentence: s,
            etype: EntityType::Person,
            source: MentionSource::Rule,
            known_id: None,
            subtype: None,
            rank: 2,
        });
    }
}

fn model_candidates(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    spans: &[TaggedSpan],
    s: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    for span in spans {
        let etype = match span.kind {
            EntityKind::Per => EntityType::Person,
            EntityKind::Org => EntityType::Organization,
            EntityKind::Loc => EntityType::Place,
            EntityKind::Misc => continue,
        };
        let mut tokens = range.start + span.start..range.start + span.end;
        if etype == EntityType::Person {
            tokens = without_honorifics(doc, res, tokens);
        }
        let mut etype = etype;
        let mut subtype = None;
        // "la cathédrale Saint-Sauveur": a building named after a saint is no person.
        if tokens.start > range.start && res.is_cue(Cue::Building, &doc.folded[tokens.start - 1]) {
            tokens.start -= 1;
            etype = EntityType::Place;
            subtype = Some("Building".to_string());
        }
        let text = surface(doc, tokens.clone());
        // Demonyms and lower-case words are never names of their own.
        if tokens.len() == 1
            && (demonym_at(doc, res, tokens.start).is_some() || !starts_upper(text))
        {
            continue;
        }
        if tokens
            .clone()
            .all(|t| res.is_cue(Cue::NotName, &doc.folded[t]))
        {
            continue;
        }
        // One capitalised ordinary word ("Alliance" opening a sentence) is no name.
        // …nor one the parser reads as a common noun of an ordinary lemma
        // ("Talks hosted in Brussels …": talk).
        if tokens.len() == 1
            && (kb.is_common_word(&text.to_lowercase()) || common_noun(doc, kb, tokens.start))
            && kb.lookup(text).is_none()
        {
            continue;
        }
        let known = kb.lookup(text);
        out.push(Candidate {
            tokens,
            sentence: s,
            etype: known.map_or(etype, |e| e.etype),
            source: if known.is_some() {
                MentionSource::Knowledge
            } else {
                MentionSource::Model
            },
            known_id: known.map(|e| e.id.clone()),
            subtype,
            rank: 3,
        });
    }
}

/// Whether the parser reads token `t` as a common noun whose lemma is an
/// ordinary word ("Talks" → talk).
fn common_noun(doc: &Document, kb: &Knowledge, t: usize) -> bool {
    doc.words_of_token(t).next().is_some_and(|w| {
        let word = &doc.words[w];
        word.upos == Upos::Noun && kb.is_common_word(&word.lemma.to_lowercase())
    })
}

/// Without a model: capitalised sequences not at the start of a sentence,
/// typed by their context (a place after "à/en/in", else a person when two
/// words or more).
fn capitalised_candidates(
    doc: &Document,
    res: &Resources,
    s: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    let mut i = range.start + 1;
    while i < range.end {
        let end = name_run(doc, res, i, range.end);
        if end == i {
            i += 1;
            continue;
        }
        let after_locative = res.is_cue(Cue::Locative, &doc.folded[i - 1]);
        let etype = if after_locative {
            Some(EntityType::Place)
        } else if end - i >= 2 {
            Some(EntityType::Person)
        } else {
            None
        };
        if let Some(etype) = etype {
            out.push(Candidate {
                tokens: i..end,
                sentence: s,
                etype,
                source: MentionSource::Rule,
                known_id: None,
                subtype: None,
                rank: 4,
            });
        }
        i = end;
    }
}

/// A person's name without the honorifics and ranks before it ("Sheikh Tamim
/// bin Hamad Al Thani", "Colonel Abdoulaye Maiga"): they are no part of it.
fn without_honorifics(doc: &Document, res: &Resources, mut tokens: Range<usize>) -> Range<usize> {
    while tokens.len() > 1 && res.is_cue(Cue::Honorific, &doc.folded[tokens.start]) {
        tokens.start += 1;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use crate::doc::{EntityType, Lang};
    use crate::pipeline::analyse;

    fn mentions(text: &str, lang: Lang) -> Vec<String> {
        let doc = analyse(text, lang, "2024-01-10");
        doc.mentions
            .iter()
            .map(|m| {
                format!(
                    "{}={:?}:{}",
                    doc.span_text(&m.span),
                    m.etype,
                    doc.entities[m.entity.unwrap()].id
                )
            })
            .collect()
    }

    #[test]
    fn names_after_titles_are_people_even_when_unknown() {
        let got = mentions(
            "Le ministre malien des Affaires étrangères Abdoulaye Diop est arrivé à Bamako.",
            Lang::Fr,
        );
        assert!(
            got.contains(&"Abdoulaye Diop=Person:abdoulaye-diop".to_string())
                || got.iter().any(|m| m.starts_with("Abdoulaye Diop=Person")),
            "{got:?}"
        );
        assert!(got.iter().any(|m| m.starts_with("Bamako=Place")), "{got:?}");
    }

    #[test]
    fn institutions_of_a_country_are_organisations() {
        let got = mentions(
            "Le ministère russe de la Défense et l'armée ukrainienne ont publié un bilan.",
            Lang::Fr,
        );
        assert!(
            got.contains(
                &"ministère russe de la Défense=Organization:ministry-of-defence-of-russia"
                    .to_string()
            ) || got
                .iter()
                .any(|m| m.starts_with("ministère russe de la Défense=Organization")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|m| m.starts_with("armée ukrainienne=Organization")),
            "{got:?}"
        );
    }

    #[test]
    fn the_tagger_finds_names_no_list_knows() {
        let doc = analyse(
            "Residents of Zlatograd told Mirela Dontcheva that the Gorna Banya dam had burst.",
            Lang::En,
            "2024-01-10",
        );
        let people: Vec<&str> = doc
            .mentions
            .iter()
            .filter(|m| m.etype == EntityType::Person)
            .map(|m| doc.span_text(&m.span))
            .collect();
        assert!(people.contains(&"Mirela Dontcheva"), "{people:?}");
    }

    /// A plural common noun opening a sentence is no name, though capitalised
    /// and missing from the list of ordinary words ("Talks" → talk); the
    /// people of the sentence still are.
    #[test]
    fn a_common_noun_opening_a_sentence_is_no_name() {
        let text = "Talks hosted in Brussels on Sept. 14 by the bloc's foreign policy chief, \
                    Josep Borrell, collapsed after Kurti refused to discuss the plan.";
        let got = mentions(text, Lang::En);
        assert!(!got.iter().any(|m| m.starts_with("Talks=")), "{got:?}");
        assert!(
            got.iter().any(|m| m.starts_with("Josep Borrell=Person")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|m| m.starts_with("Brussels=Place")),
            "{got:?}"
        );
    }

    /// A place the tagger finds, a particle and a curated place after it are
    /// one name: "Mocímboa da Praia" is no mention of Praia, the capital of
    /// Cape Verde.
    #[test]
    fn a_place_with_a_particle_and_a_known_city_is_one_name() {
        let got = mentions(
            "Les forces rwandaises et mozambicaines ont repris dimanche le contrôle de Mocímboa da Praia, port stratégique de la province de Cabo Delgado.",
            Lang::Fr,
        );
        assert!(
            got.iter().any(|m| m.starts_with("Mocímboa da Praia=Place")),
            "{got:?}"
        );
        assert!(!got.iter().any(|m| m.starts_with("Praia=")), "{got:?}");
    }
}
