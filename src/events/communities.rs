//! Demonyms that name a community within another people, not a second
//! state: «Chypriotes grecs et turcs», «les dirigeants chypriotes grec et
//! turc», "Greek and Turkish Cypriot leaders" are Cyprus's two communities,
//! not Greece and Turkey.
//!
//! Reads: `tokens` and the language's demonyms. Which side of the demonym it
//! qualifies a qualifier stands on is data (cue kind `demonym_qualifier`:
//! `after` in French, `before` in English).

use std::ops::Range;

use crate::cue::Cue;
use crate::doc::Document;
use crate::lang::Resources;
use crate::matching::demonym_at;

/// Whether the demonym at token `t` qualifies another demonym beside it
/// (directly, or through the coordinated demonyms of one run: «grec et
/// turc» after «chypriotes»), so that it names no state of its own.
pub(super) fn qualifies_a_demonym(
    doc: &Document,
    res: &Resources,
    range: &Range<usize>,
    t: usize,
) -> bool {
    let demonym = |k: usize| range.contains(&k) && demonym_at(doc, res, k).is_some();
    let coord = |k: usize| range.contains(&k) && res.is_cue(Cue::Coord, &doc.folded[k]);
    // Step from `t` towards the qualified word over coordinated demonyms
    // ("turc" ← "et" ← "grec" ← "chypriotes").
    let walk = |step: fn(usize) -> Option<usize>| {
        let mut k = t;
        let mut coordinated = false;
        loop {
            let Some(next) = step(k).filter(|&n| range.contains(&n)) else {
                return false;
            };
            if demonym(next) {
                // Only the first step may be a plain neighbour: a run whose
                // words are all coordinated is several peoples ("Arméniens
                // et Azerbaïdjanais").
                if !coordinated || step(next).is_some_and(demonym) {
                    return true;
                }
                k = next;
                coordinated = false;
                continue;
            }
            if coord(next) && !coordinated {
                coordinated = true;
                k = next;
                continue;
            }
            return false;
        }
    };
    let after = res.is_cue(Cue::DemonymQualifier, "after");
    let before = res.is_cue(Cue::DemonymQualifier, "before");
    (after && walk(|k| k.checked_sub(1))) || (before && walk(|k| Some(k + 1)))
}
