//! A wire story's dateline ("DOHA, Aug 16 –", "PUTRAJAYA, Malaysia, July 28
//! –", "PARIS (AFP) –"): where the reporter files from, no party of the
//! lede's events (see [`super::participants`]). Not taken as the place of
//! the lede's events either: on `tests/data/dev` that placed a prisoner
//! exchange and its mediation in Kyiv (KYIV, Feb 5 – …) as often as it
//! rightly placed talks in Muscat, and place accuracy fell (0.736 → 0.721).
//!
//! Reads: `sentences`, `mentions`, `entities`, the tokens' text.

use std::ops::Range;

use crate::doc::{Document, EntityType};

/// Sentences from the start of the text in which a dateline is looked for
/// (the headline, a byline, a date line come first).
const DATELINE_REACH: usize = 6;

/// Where a dateline is: its sentence (the lede), its names' tokens (the
/// city, and a region or state after it).
pub(super) struct Dateline {
    pub sentence: usize,
    pub tokens: Range<usize>,
}

/// The text's dateline when sentence `s` holds it (see [`dateline`]); none
/// looked for past the first [`DATELINE_REACH`] sentences.
pub(super) fn dateline_in(doc: &Document, s: usize) -> Option<Dateline> {
    if s >= DATELINE_REACH {
        return None;
    }
    dateline(doc).filter(|d| d.sentence == s)
}

/// The text's dateline: a sentence among the first [`DATELINE_REACH`] that
/// opens with a city's name in capitals followed by a comma or a bracket,
/// maybe a state or region and a comma after it.
fn dateline(doc: &Document) -> Option<Dateline> {
    for (s, sentence) in doc.sentences.iter().enumerate().take(DATELINE_REACH) {
        let start = sentence.tokens.start;
        let Some(m) = doc.mention_at(start).filter(|m| m.tokens.start == start) else {
            continue;
        };
        let city = m.entity.is_some_and(|e| {
            let e = &doc.entities[e];
            e.etype == EntityType::Place && e.subtype.as_deref() == Some("City")
        });
        if !city {
            continue;
        }
        let capitals = m.tokens.clone().all(|k| {
            let text = doc.token_text(k);
            !text.chars().any(char::is_lowercase)
        }) && m
            .tokens
            .clone()
            .map(|k| {
                doc.token_text(k)
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
            })
            .sum::<usize>()
            >= 3;
        let mut end = m.tokens.end;
        if !capitals || end >= sentence.tokens.end || !matches!(doc.token_text(end), "," | "(") {
            continue;
        }
        // "PUTRAJAYA, Malaysia, July 28 –": the state after the city.
        if doc.token_text(end) == "," {
            if let Some(next) = doc.mention_at(end + 1).filter(|n| {
                n.tokens.start == end + 1
                    && n.etype == EntityType::Place
                    && n.tokens.end < sentence.tokens.end
                    && doc.token_text(n.tokens.end) == ","
            }) {
                end = next.tokens.end;
            }
        }
        return Some(Dateline {
            sentence: s,
            tokens: start..end,
        });
    }
    None
}
