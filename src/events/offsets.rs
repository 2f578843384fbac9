//! Events told as the time before another: "The exchange came a week after
//! the Commerce Department added 22 Chinese firms to its entity list" — the
//! listing was a week before the exchange, whatever day the exchange is
//! given. Runs after every event has its date from its sentence or its
//! context (`context::dates_from_earlier_events`).

use std::collections::HashMap;

use chrono::Duration;

use super::clauses::in_a_relative_clause_apart;
use super::context::trigger_word;
use crate::dates::{self, Anchor, TimeBefore};
use crate::doc::{DateBasis, Document, Event, EventDate};
use crate::lang::Resources;

/// Moves back the day of an event reported inside a [`dates::TimeBefore`]
/// phrase by the phrase's amount of time, unless the phrase writes a date of
/// its own ("a week after the attack of 12 May", "… of Monday"; not one of a
/// relative clause the trigger is not in).
pub(super) fn dates_before_a_clause(
    doc: &Document,
    res: &Resources,
    anchor: Option<Anchor>,
    events: &mut [Event],
) {
    // Each sentence's phrases, and the date expressions inside each phrase,
    // are found once however many events the sentence reports.
    let mut phrases: HashMap<usize, Vec<(TimeBefore, Vec<usize>)>> = HashMap::new();
    for event in events.iter_mut() {
        let Some(w) = trigger_word(doc, event) else {
            continue;
        };
        let Some((EventDate::Day(day), _)) = event.date else {
            continue;
        };
        let t = doc.words[w].token;
        let s = doc.words[w].sentence;
        let found = phrases.entry(s).or_insert_with(|| {
            dates::time_before(doc, res, doc.sentences[s].tokens.clone())
                .into_iter()
                .map(|p| {
                    let written = dates::expressions(
                        doc,
                        res,
                        p.after + 1..p.end,
                        anchor.map(|a| (a, false)),
                        None,
                    )
                    .iter()
                    .map(|f| f.token)
                    .collect();
                    (p, written)
                })
                .collect()
        });
        let Some((phrase, written)) = found.iter().find(|(p, _)| p.after < t && t < p.end) else {
            continue;
        };
        if written
            .iter()
            .any(|&x| !in_a_relative_clause_apart(doc, x, t))
        {
            continue;
        }
        event.date = Some((
            EventDate::Day(day - Duration::days(phrase.days)),
            DateBasis::Text,
        ));
    }
}
