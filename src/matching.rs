//! Matching shared by the stages that read titles, demonyms and the
//! complements after them (recognise, facts, events), below all of them so
//! that no stage imports another's helpers: a role title with its demonym
//! («le ministre russe des Affaires étrangères»), a demonym's entity
//! («arménien» → armenia), a curated place or body after «de», "of", and the
//! one national of a country an article names.
//!
//! Reads the `Document` (tokens, folded words, entities); writes nothing.

use crate::cue::Cue;
use crate::doc::{Document, EntityType, Role};
use crate::kb::Knowledge;
use crate::lang::Resources;

/// The text from the first to the last of `tokens`, as written.
pub fn surface(doc: &Document, tokens: std::ops::Range<usize>) -> &str {
    &doc.text[doc.tokens[tokens.start].span.start..doc.tokens[tokens.end - 1].span.end]
}

/// Match folded pattern words at token `i`, allowing one demonym between
/// words or right after them ("ministère russe de la Défense", "armée
/// azerbaïdjanaise"). Returns the end token and the demonym's entity id.
pub fn match_with_demonym(
    doc: &Document,
    res: &Resources,
    i: usize,
    end: usize,
    words: &[String],
) -> Option<(usize, Option<String>)> {
    let mut t = i;
    let mut demonym = None;
    for (k, w) in words.iter().enumerate() {
        if t >= end {
            return None;
        }
        if doc.folded[t] != *w {
            if k > 0 && demonym.is_none() {
                if let Some(id) = demonym_at(doc, res, t) {
                    demonym = Some(id);
                    t += 1;
                    if t < end && doc.folded[t] == *w {
                        t += 1;
                        continue;
                    }
                }
            }
            return None;
        }
        t += 1;
    }
    if demonym.is_none() && t < end {
        if let Some(id) = demonym_at(doc, res, t) {
            return Some((t + 1, Some(id)));
        }
    }
    Some((t, demonym))
}

/// The entity a demonym token stands for ("arménien" → armenia).
pub fn demonym_at(doc: &Document, res: &Resources, t: usize) -> Option<String> {
    res.demonym(doc.token_text(t)).map(str::to_string)
}

/// A place named after "de", "d'", "du", "de la", "of (the)" at token `t`.
pub fn complement_place(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    t: usize,
    end: usize,
) -> Option<(String, usize)> {
    complement(doc, kb, res, t, end, &[EntityType::Place])
}

/// A curated entity of one of `types` after "de", "of" ("secrétaire général de l'ONU").
pub fn complement(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    t: usize,
    end: usize,
    types: &[EntityType],
) -> Option<(String, usize)> {
    let mut k = t;
    let first = doc.folded.get(k)?;
    if !res.is_cue(Cue::ComplementOf, first) {
        return None;
    }
    k += 1;
    while k < end && res.is_cue(Cue::Definite, &doc.folded[k]) {
        k += 1;
    }
    for len in (1..=kb.max_name_words.min(end.saturating_sub(k))).rev() {
        if let Some(e) = kb.lookup(surface(doc, k..k + len)) {
            if types.contains(&e.etype) {
                return Some((e.id.clone(), k + len));
            }
            return None;
        }
    }
    None
}

/// Role title matched at `i`: (end token, role index).
pub fn match_title(
    doc: &Document,
    res: &Resources,
    i: usize,
    end: usize,
) -> Option<(usize, usize, Option<String>)> {
    res.roles.iter().enumerate().find_map(|(r, title)| {
        match_with_demonym(doc, res, i, end, &title.words).map(|(e, d)| (e, r, d))
    })
}

/// The one person of a country the article names, if there is exactly one:
/// who "le président français" is when the article names Macron and no
/// other French person.
pub fn sole_national(doc: &Document, kb: &Knowledge, country: &str) -> Option<usize> {
    let nationals: Vec<usize> = (0..doc.entities.len())
        .filter(|&e| doc.entities[e].etype == EntityType::Person)
        .filter(|&e| {
            kb.get(&doc.entities[e].id)
                .and_then(|k| k.part_of.as_deref())
                == Some(country)
        })
        .collect();
    (nationals.len() == 1).then(|| nationals[0])
}

/// Whether the title at token `k` names one head of state, government or
/// church ("le président", not "les ministres"): only then can the one
/// national the article names be taken for its holder.
pub fn names_one_leader(doc: &Document, k: usize, role: Role) -> bool {
    let head = doc.folded[k].as_str();
    let plural = head.ends_with('s') || head.ends_with('x');
    !plural
        && matches!(
            role,
            Role::President | Role::PrimeMinister | Role::Leader | Role::Pope
        )
}
