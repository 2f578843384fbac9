//! Events told as the time before another: "The exchange came a week after
//! the Commerce Department added 22 Chinese firms to its entity list" — the
//! listing was a week before the exchange, whatever day the exchange is
//! given. Runs after every event has its date from its sentence or its
//! context (`context::dates_from_earlier_events`).

use chrono::Duration;

use super::clauses::in_a_relative_clause_apart;
use super::context::trigger_word;
use crate::dates::{self, Anchor};
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
    for event in events.iter_mut() {
        let Some(w) = trigger_word(doc, event) else {
            continue;
        };
        let Some((EventDate::Day(day), _)) = event.date else {
            continue;
        };
        let t = doc.words[w].token;
        let tokens = doc.sentences[doc.words[w].sentence].tokens.clone();
        let Some(phrase) = dates::time_before(doc, res, tokens)
            .into_iter()
            .find(|p| p.after < t && t < p.end)
        else {
            continue;
        };
        let own_date = dates::expressions(
            doc,
            res,
            phrase.after + 1..phrase.end,
            anchor.map(|a| (a, false)),
            None,
        )
        .iter()
        .any(|f| !in_a_relative_clause_apart(doc, f.token, t));
        if own_date {
            continue;
        }
        event.date = Some((
            EventDate::Day(day - Duration::days(phrase.days)),
            DateBasis::Text,
        ));
    }
}
