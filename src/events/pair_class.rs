//! What an anaphor or "the two …" may stand for: the classes of entities
//! ([`PairClass`]) that `participants` resolves "the two leaders", "the
//! group", «ce pays» against, and the antecedents of each: the entity of a
//! class named last, the most salient ones (named most often, by name or
//! demonym), the pair named together.

use std::collections::HashMap;
use std::ops::Range;

use super::{clauses, modifier};
use crate::cue::Cue;
use crate::doc::{Document, EntityType, Mention};
use crate::lang::Resources;

/// What "the two …" or an anaphor refers to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PairClass {
    /// "the two leaders": people.
    People,
    /// "les deux pays": states.
    States,
    /// "both sides": states, armed or political groups.
    Sides,
    /// "the bloc", "l'organisation": any body.
    Groups,
    /// "the group", "les rebelles": armed or political groups, no body of
    /// states («Depuis le départ de la mission de l'ONU, l'armée malienne
    /// mène des frappes contre les rebelles»: not the UN).
    ArmedGroups,
    /// "cette région", "the enclave": regions (no state, no city).
    Regions,
}

impl PairClass {
    /// Whether entity `e` is of this class.
    pub(super) fn fits(self, doc: &Document, e: usize) -> bool {
        let e = &doc.entities[e];
        let state = e.etype == EntityType::Place && e.subtype.as_deref() == Some("Country");
        // A body of states mediates or watches; it is no side, nor a group.
        let group = e.etype == EntityType::Organization
            && e.subtype.as_deref() != Some(crate::doc::INTERGOVERNMENTAL);
        match self {
            PairClass::People => e.etype == EntityType::Person,
            PairClass::States => state,
            PairClass::Sides => state || group,
            PairClass::Groups => e.etype == EntityType::Organization,
            PairClass::ArmedGroups => group,
            PairClass::Regions => {
                e.etype == EntityType::Place && e.subtype.as_deref() == Some("Region")
            }
        }
    }
}

/// The entity of `class` named last before the sentence of token `t` (in
/// its own sentence it would be the subject: "Azerbaijan asked this country"),
/// among the last [`MENTION_WINDOW`] mentions.
pub(super) fn named_last(doc: &Document, t: usize, class: PairClass) -> Option<usize> {
    let s = doc.sentences.partition_point(|x| x.tokens.end <= t);
    let from = doc.sentences.get(s).map_or(t, |x| x.tokens.start);
    let upto = doc.mentions.partition_point(|m| m.tokens.end <= from);
    doc.mentions[upto.saturating_sub(MENTION_WINDOW)..upto]
        .iter()
        .rev()
        .filter_map(|m| m.entity)
        .find(|&e| class.fits(doc, e))
}

/// The two parties "the two …" at token `t` refers to: for people, the two
/// people named last before it; for states and sides, the two named most
/// often in the article up to it (ties: the one named first). None unless two
/// are found.
pub(super) fn pair_antecedents(
    doc: &Document,
    res: &Resources,
    t: usize,
    class: PairClass,
) -> Option<[usize; 2]> {
    let mut chosen: Vec<usize> = Vec::new();
    if class == PairClass::People {
        if let Some(pair) = coordinated_people(doc, res, t) {
            return Some(pair);
        }
        // People named in earlier sentences first: the subject of this one
        // ("Trump had spoken with both leaders") is not one of the pair.
        let sentence = doc.sentences.partition_point(|x| x.tokens.end <= t);
        let upto = doc.mentions.partition_point(|m| m.tokens.end <= t);
        let people: Vec<(usize, usize)> = doc.mentions[upto.saturating_sub(MENTION_WINDOW)..upto]
            .iter()
            .filter_map(|m| m.entity.map(|e| (m.sentence, e)))
            .filter(|&(_, e)| class.fits(doc, e))
            .collect();
        let earlier = people.iter().rev().filter(|p| p.0 != sentence);
        let here = people.iter().rev().filter(|p| p.0 == sentence);
        for &(_, e) in earlier.chain(here) {
            if !chosen.contains(&e) {
                chosen.push(e);
            }
            if chosen.len() == 2 {
                break;
            }
        }
    } else {
        chosen = salient(doc, res, t, class, 2);
    }
    match chosen[..] {
        [a, b] => Some([a, b]),
        _ => None,
    }
}

/// Most sentences back that "the two men" looks for two people named together.
const PAIR_SENTENCES: usize = 8;

/// Two people the sentences just before token `t` name together, joined by
/// a conjunction and maybe the second's title ("Abbas Araghchi and Steve
/// Witkoff … The two men then spoke directly"), the nearest first: the pair
/// "the two …" takes up, rather than the two people named last (a mediator,
/// a president named in an apposition).
fn coordinated_people(doc: &Document, res: &Resources, t: usize) -> Option<[usize; 2]> {
    /// Most tokens from the first person's name to the second's.
    const PAIR_GAP: usize = 6;
    let sentence = doc.sentences.partition_point(|x| x.tokens.end <= t);
    (sentence.saturating_sub(PAIR_SENTENCES)..sentence)
        .rev()
        .find_map(|s| {
            let people: Vec<(Range<usize>, usize)> = doc
                .sentence_mentions(s)
                .iter()
                .filter_map(|m| Some((m.tokens.clone(), m.entity?)))
                .filter(|(_, e)| PairClass::People.fits(doc, *e))
                .collect();
            people.windows(2).find_map(|w| {
                let ((a, x), (b, y)) = (&w[0], &w[1]);
                // "Thérèse Kayikwamba Wagner and Rwandan Foreign Minister
                // Olivier Nduhungirehe": the conjunction, then the second's
                // title and demonym.
                let joined = b.start > a.end
                    && b.start - a.end <= PAIR_GAP
                    && doc.folded[a.end] != ","
                    && res.is_cue(Cue::Coord, &doc.folded[a.end])
                    && (a.end + 1..b.start).all(|k| modifier(doc, res, k));
                (x != y && (joined || clauses::coordinated_in_parse(doc, a, b))).then_some([*x, *y])
            })
        })
}

/// The `n` entities of a class the article names most often before token
/// `t` (ties: the one named first).
pub(super) fn salient(
    doc: &Document,
    res: &Resources,
    t: usize,
    class: PairClass,
    n: usize,
) -> Vec<usize> {
    // entity → (count, first mention order), over the last MENTION_WINDOW mentions.
    let upto = doc.mentions.partition_point(|m| m.tokens.end <= t);
    let from = upto.saturating_sub(MENTION_WINDOW);
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
    // Where things happen is no side: "à Moscou (Russie)", "en Russie".
    let located = |m: &Mention| {
        (m.tokens.start.saturating_sub(LOCATIVE_REACH)..m.tokens.start)
            .any(|k| res.is_cue(Cue::Locative, &doc.folded[k]))
    };
    let before = doc.mentions[from..upto]
        .iter()
        .filter(|m| matches!(class, PairClass::People | PairClass::Regions) || !located(m))
        .filter_map(|m| Some((m.tokens.start, m.entity?)))
        .filter(|&(_, e)| class.fits(doc, e));
    for (order, e) in before {
        counts.entry(e).or_insert((0, order)).0 += 1;
    }
    // "les chefs de la diplomatie arménienne et azerbaïdjanaise": a state
    // the article names by its demonym (and by name somewhere) is named.
    if matches!(class, PairClass::States | PairClass::Sides) {
        let mut ids: HashMap<&str, (usize, usize)> = HashMap::new();
        for k in t.saturating_sub(DEMONYM_REACH)..t {
            if doc.mention_at(k).is_some() {
                continue;
            }
            let Some(id) = res.demonym(doc.token_text(k)) else {
                continue;
            };
            let sentence = doc.sentences.partition_point(|x| x.tokens.end <= k);
            let range = doc
                .sentences
                .get(sentence)
                .map_or(k..k + 1, |x| x.tokens.clone());
            // …not one that qualifies a name («le géant russe Gazprom», «son
            // homologue russe Sergueï Lavrov») or another demonym.
            let names_beside = (k + 1..(k + 3).min(range.end)).any(|j| doc.mention_at(j).is_some())
                || (k > range.start && doc.mention_at(k - 1).is_some());
            if names_beside || super::communities::qualifies_a_demonym(doc, res, &range, k) {
                continue;
            }
            ids.entry(id).or_insert((0, k)).0 += 1;
        }
        if !ids.is_empty() {
            for (e, entity) in doc.entities.iter().enumerate() {
                if let Some(&(n, first)) = ids.get(entity.id.as_str()) {
                    if class.fits(doc, e) {
                        let c = counts.entry(e).or_insert((0, first));
                        c.0 += n;
                        c.1 = c.1.min(first);
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(usize, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_by_key(|&(_, (n, order))| (std::cmp::Reverse(n), order));
    ranked.into_iter().take(n).map(|(e, _)| e).collect()
}

/// Most tokens between a locative preposition and the place it introduces
/// ("à Moscou (Russie)").
const LOCATIVE_REACH: usize = 3;

/// How many mentions back [`salient`] and [`pair_antecedents`] look, so that
/// the work per "the two sides" stays bounded whatever the article's length.
const MENTION_WINDOW: usize = 2000;

/// How many tokens back [`salient`] counts the demonyms of states.
const DEMONYM_REACH: usize = 1500;
