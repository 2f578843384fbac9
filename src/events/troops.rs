//! Troops named again: «ces soldats», "these troops", "the 400 officers" are
//! the troops of the state that qualified the troops named last before
//! («Le sort des troupes de l'Érythrée … Les autorités tigréennes accusent
//! ces soldats de massacres»; "Hundreds of Kenyan police officers arrived
//! … The 400 officers … were welcomed by Prime Minister Garry Conille").
//!
//! Reads: `tokens`, `mentions`, the language's demonyms and the cue kinds
//! `anaphor_troops` (the nouns), `demonstrative_plural` and `definite`.
//! Adds a participant (and the state's entity if the article
//! names it only by its demonym).

use super::participants::{PairClass, Participant};
use super::triggers;
use crate::cue::Cue;
use crate::doc::Document;
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::matching::demonym_at;
use crate::resolve::entity_for_id;
use crate::syntax::Upos;

/// Most sentences back that the troops named before are looked for.
const TROOPS_REACH: usize = 3;

/// Most words between a troops noun and the state that qualifies it
/// («les troupes de l'Érythrée»: three; "Eritrea sent troops": two).
const QUALIFIER_REACH: usize = 3;

/// Add, for every troops noun of sentence `s` named again (after «ces»,
/// "these", "those", or after a definite article and a number), the state
/// of the troops named last before it.
pub(super) fn troops_named_again(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    out: &mut Vec<Participant>,
) {
    let range = doc.sentences[s].tokens.clone();
    for t in range.clone().skip(1) {
        if !res.is_cue(Cue::AnaphorTroops, &doc.folded[t]) {
            continue;
        }
        let d = t - 1;
        let counted = d > range.start
            && triggers::upos(doc, d) == Some(Upos::Num)
            && res.is_cue(Cue::Definite, &doc.folded[d - 1]);
        if !counted && !res.is_cue(Cue::DemonstrativePlural, &doc.folded[d]) {
            continue;
        }
        let start = if counted { d - 1 } else { d };
        let Some(entity) = state_of_troops_before(doc, kb, res, s, start) else {
            continue;
        };
        let prev = super::preceding(doc, res, range.start, start)
            .unwrap_or_default()
            .to_string();
        out.push(Participant::after(res, &prev, start..t + 1, entity));
    }
}

/// The state that qualifies the last troops noun before token `before`, in
/// sentence `s` or the [`TROOPS_REACH`] before it: a demonym or a state's
/// name a few words from it.
fn state_of_troops_before(
    doc: &mut Document,
    kb: &Knowledge,
    res: &Resources,
    s: usize,
    before: usize,
) -> Option<usize> {
    let floor = doc.sentences[s.saturating_sub(TROOPS_REACH)].tokens.start;
    let k = (floor..before)
        .rev()
        .find(|&k| res.is_cue(Cue::AnaphorTroops, &doc.folded[k]))?;
    let sentence = doc.sentences.partition_point(|x| x.tokens.end <= k);
    let within = doc.sentences[sentence].tokens.clone();
    let from = k.saturating_sub(QUALIFIER_REACH).max(within.start);
    let to = (k + QUALIFIER_REACH + 1).min(within.end);
    // The nearest qualifier, after the noun first on a tie.
    let mut near: Vec<usize> = (from..to).filter(|&j| j != k).collect();
    near.sort_by_key(|&j| (j.abs_diff(k), j < k));
    for j in near {
        if let Some(m) = doc.mention_at(j) {
            match m.entity {
                Some(e) if PairClass::States.fits(doc, e) => return Some(e),
                _ => continue,
            }
        }
        if let Some(id) = demonym_at(doc, res, j) {
            return entity_for_id(doc, kb, res, &id);
        }
    }
    None
}
