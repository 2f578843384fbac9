//! A region's forces, rebels or authorities named by the region ("les
//! rebelles du Tigré", «les autorités tigréennes», "Tigrayan forces"): the
//! group the article names whose name holds the region's ("Tigray People's
//! Liberation Front"), when there is one; the region itself acts otherwise.
//!
//! Separatists named by a demonym ("les séparatistes arméniens", "ethnic
//! Armenian separatists") are not that state: they are the region the
//! article names most, when it names one.
//!
//! An area "Houthi-controlled" or "Russian-held" is held by the party its
//! first half names: that party is where the strikes on it go.
//!
//! Reads: `mentions`, `entities`, the knowledge base's names.

use super::participants::{state_region, Participant};
use crate::cue::Cue;
use crate::doc::{Document, EntityType};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::demonym_at;
use crate::text::fold;

/// Most words between a collective noun and the region that says whose it
/// is ("les forces armées tigréennes", "the rebels of Tigray").
const GROUP_REACH: usize = 3;

/// Give each participant that is a region named as a body's owner (after a
/// collective noun of cue kind `collective` and a genitive, or as a demonym
/// after one) the group of that region the article names.
pub(super) fn regions_as_groups(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    out: &mut [Participant],
) {
    let (start, end) = (doc.sentences[s].tokens.start, doc.sentences[s].tokens.end);
    for p in out.iter_mut() {
        let t = p.tokens.start;
        // "les séparatistes arméniens", "Armenian separatists": the region,
        // not Armenia.
        let separatists = p.tokens.len() == 1
            && demonym_at(doc, res, t).is_some()
            && [
                t.checked_sub(1).filter(|&k| k >= start),
                Some(t + 1).filter(|&k| k < end),
            ]
            .into_iter()
            .flatten()
            .any(|k| res.is_cue(Cue::Separatist, &doc.folded[k]));
        if separatists {
            if let Some(region) = main_region(doc, kb) {
                p.entity = region;
                continue;
            }
        }
        let e = &doc.entities[p.entity];
        if p.locative || e.etype != EntityType::Place || e.subtype.as_deref() != Some("Region") {
            continue;
        }
        let demonym = p.tokens.len() == 1 && demonym_at(doc, res, t).is_some();
        // "les rebelles du Tigré": the genitive right before the name.
        let genitive = t > start && res.is_cue(Cue::Genitive, &doc.folded[t - 1]);
        let first = if genitive { t - 1 } else { t };
        let owned = (demonym || genitive)
            && (first.saturating_sub(GROUP_REACH).max(start)..first)
                .any(|k| res.is_cue(Cue::Collective, &doc.folded[k]));
        if !owned {
            continue;
        }
        if let Some(group) = group_of(doc, kb, p.entity) {
            p.entity = group;
        }
    }
}

/// The organisation of the article whose name (or alias) holds the name of
/// region `region` as whole words.
fn group_of(doc: &Document, kb: &Knowledge, region: usize) -> Option<usize> {
    let names = |id: &str| -> Vec<String> {
        kb.get(id)
            .map(|k| {
                [&k.name_en, &k.name_fr]
                    .into_iter()
                    .chain(&k.aliases)
                    .map(|n| fold(n))
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let region_names = names(&doc.entities[region].id);
    if region_names.is_empty() {
        return None;
    }
    doc.entities.iter().position(|e| {
        e.etype == EntityType::Organization
            && names(&e.id).iter().any(|n| {
                let padded = format!(" {n} ");
                region_names
                    .iter()
                    .any(|r| padded.contains(&format!(" {r} ")))
            })
    })
}

/// The region of a state the article names most often (ties: the first named).
fn main_region(doc: &Document, kb: &Knowledge) -> Option<usize> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, count, first)
    for (i, m) in doc.mentions.iter().enumerate() {
        let Some(e) = m.entity.filter(|&e| state_region(doc, kb, e)) else {
            continue;
        };
        match counts.iter_mut().find(|c| c.0 == e) {
            Some(c) => c.1 += 1,
            None => counts.push((e, 1, i)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n, first)| (n, std::cmp::Reverse(first)))
        .map(|(e, _, _)| e)
}

/// "struck more than 60 targets in Houthi-controlled areas of Yemen": a
/// word whose first half names (or is the demonym of) a party the article
/// names and whose second half says it holds the place (cue kind `held_by`:
/// "controlled", "held") stands for that party, as the target of what is done
/// there (no place).
pub(super) fn holders_of_areas(
    doc: &Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    out: &mut Vec<Participant>,
) {
    for t in doc.sentences[s].tokens.clone() {
        if doc.mention_at(t).is_some() {
            continue;
        }
        let Some((name, held)) = doc.token_text(t).rsplit_once('-') else {
            continue;
        };
        if name.is_empty() || !res.is_cue(Cue::HeldBy, &fold(held)) {
            continue;
        }
        // By name ("Houthi-controlled") or demonym ("Russian-held").
        let id = kb
            .lookup(name)
            .map(|k| k.id.as_str())
            .or_else(|| res.demonym(name));
        let holder = id.and_then(|id| doc.entities.iter().position(|e| e.id == id));
        if let Some(entity) = holder {
            out.push(Participant::after(res, "", t..t + 1, entity));
        }
    }
}
