//! Event coreference within one article: reports of the same happening
//! become one [`Event`] that keeps every report as an [`EventMention`].
//!
//! Reads the events found sentence by sentence (each with one mention);
//! writes the merged list, in the order of each happening's first report.
//! Two reports are of the same happening when they have
//! - the same PLOVER type, and modes equal or one absent;
//! - compatible participants: each role of one is a subset of the same role
//!   of the other (for CONSULT, which the evaluation compares unordered,
//!   also: the unordered pairs of one are a subset of the other's), so the
//!   merged event, which keeps the larger side, loses no actor × recipient
//!   pair of either (only the `(actor, -)` pair of a report that names no
//!   recipient when the other names one);
//! - places equal or one absent, and dates equal, one absent, one resting
//!   on the publication date only, or a month and a day within it.
//!
//! In one sentence, the same type with the same parties is one happening
//! whatever the place and date ("a headline that says it twice").

use std::collections::BTreeSet;

use crate::doc::{DateBasis, Event, EventDate, EventMention};
use crate::plover::Plover;

/// How many of the latest events a report is compared with: all of them in any
/// real article, and a bound on the work in a pathological one.
const MERGE_WINDOW: usize = 256;

/// Merge reports of the same happening, first report first.
pub fn merge(reports: Vec<Event>) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for report in reports {
        let from = events.len().saturating_sub(MERGE_WINDOW);
        match events[from..]
            .iter_mut()
            .find(|e| same_happening(e, &report))
        {
            Some(event) => absorb(event, report),
            None => events.push(report),
        }
    }
    events
}

/// Whether two reports (or merged events) are of the same happening.
pub fn same_happening(a: &Event, b: &Event) -> bool {
    if a.plover != b.plover || !compatible(&a.mode, &b.mode) {
        return false;
    }
    // Mentions are kept sorted by sentence.
    let same_sentence = b.mentions.iter().any(|n| {
        a.mentions
            .binary_search_by_key(&n.sentence, |m| m.sentence)
            .is_ok()
    });
    if same_sentence && a.actors == b.actors && a.recipients == b.recipients {
        return true;
    }
    dominance(a, b).is_some() && compatible(&a.place, &b.place) && dates_compatible(a, b)
}

/// Which of two events has the larger participant sets: `Some(true)` when
/// `a` covers `b`, `Some(false)` when `b` covers `a`, `None` when neither.
fn dominance(a: &Event, b: &Event) -> Option<bool> {
    let set = |v: &[usize]| v.iter().copied().collect::<BTreeSet<usize>>();
    let covers = |x: &Event, y: &Event| {
        let by_role = set(&y.actors).is_subset(&set(&x.actors))
            && set(&y.recipients).is_subset(&set(&x.recipients));
        by_role || (x.plover == Plover::Consult && pairs(y).is_subset(&pairs(x)))
    };
    if covers(a, b) {
        Some(true)
    } else if covers(b, a) {
        Some(false)
    } else {
        None
    }
}

/// The unordered actor × recipient pairs of an event (none without a recipient).
fn pairs(e: &Event) -> BTreeSet<(usize, usize)> {
    e.actors
        .iter()
        .flat_map(|&a| e.recipients.iter().map(move |&r| (a.min(r), a.max(r))))
        .collect()
}

fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn dates_compatible(a: &Event, b: &Event) -> bool {
    match (a.date, b.date) {
        (Some((x, DateBasis::Text)), Some((y, DateBasis::Text))) => {
            x == y || within(x, y) || within(y, x)
        }
        _ => true,
    }
}

/// Whether day `d` falls within month `m`.
fn within(d: EventDate, m: EventDate) -> bool {
    use chrono::Datelike;
    match (d, m) {
        (EventDate::Day(d), EventDate::Month(y, mo)) => d.year() == y && d.month() == mo,
        _ => false,
    }
}

/// Fold `report` into `event`: the larger participant sets, the known mode,
/// place and the most precise text date, every mention, the best confidence.
fn absorb(event: &mut Event, report: Event) {
    if dominance(event, &report) == Some(false) {
        event.actors = report.actors.clone();
        event.recipients = report.recipients.clone();
    }
    event.mode = event.mode.or(report.mode);
    event.place = event.place.or(report.place);
    event.date = match (event.date, report.date) {
        (None, d) | (d, None) => d,
        (Some(x), Some(y)) => Some(better_date(x, y)),
    };
    add_reports(event, report.mentions, report.confidence);
}

/// Add reports of the same happening to `event`, and the confidence they
/// carry. Mentions are kept sorted by (sentence, trigger); reports come in
/// text order, so the insertion is nearly always at the end.
pub(super) fn add_reports(event: &mut Event, mentions: Vec<EventMention>, confidence: f32) {
    for m in mentions {
        let key = |m: &EventMention| (m.sentence, m.trigger.start, m.trigger.end);
        if let Err(i) = event.mentions.binary_search_by_key(&key(&m), key) {
            event.mentions.insert(i, m);
        }
    }
    event.confidence = event.confidence.max(confidence);
}

/// A date from the text over the publication date, a day over a month.
fn better_date(x: (EventDate, DateBasis), y: (EventDate, DateBasis)) -> (EventDate, DateBasis) {
    let rank =
        |d: &(EventDate, DateBasis)| (d.1 == DateBasis::Text, matches!(d.0, EventDate::Day(_)));
    if rank(&y) > rank(&x) {
        y
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::EventMention;
    use crate::plover::Mode;
    use chrono::NaiveDate;

    fn day(d: u32) -> Option<(EventDate, DateBasis)> {
        Some((
            EventDate::Day(NaiveDate::from_ymd_opt(2020, 10, d).unwrap()),
            DateBasis::Text,
        ))
    }

    fn event(plover: Plover, actors: &[usize], recipients: &[usize], sentence: usize) -> Event {
        Event {
            plover,
            mode: None,
            actors: actors.to_vec(),
            recipients: recipients.to_vec(),
            place: Some(10),
            date: day(9),
            mentions: vec![EventMention {
                sentence,
                trigger: sentence * 100..sentence * 100 + 5,
            }],
            confidence: 0.7,
        }
    }

    #[test]
    fn reports_of_one_happening_become_one_event() {
        let mut a = event(Plover::Consult, &[1], &[2, 3], 0);
        a.mode = Some(Mode::Host);
        let b = event(Plover::Consult, &[1], &[2, 3], 4);
        let merged = merge(vec![a, b]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].mode, Some(Mode::Host));
        let sentences: Vec<usize> = merged[0].mentions.iter().map(|m| m.sentence).collect();
        assert_eq!(sentences, [0, 4]);
    }

    #[test]
    fn subset_participants_merge_into_the_larger_event() {
        let a = event(Plover::Consult, &[1], &[2], 0);
        let mut b = event(Plover::Consult, &[1], &[2, 3], 2);
        b.place = None;
        let merged = merge(vec![a, b]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].actors, [1]);
        assert_eq!(merged[0].recipients, [2, 3]);
        assert_eq!(merged[0].place, Some(10));
        // CONSULT is unordered: "2 met 1" is a pair of "1 hosts 2 and 3".
        let c = event(Plover::Consult, &[2], &[1], 5);
        assert_eq!(merge(vec![merged[0].clone(), c]).len(), 1);
        // Other types keep their direction.
        let d = event(Plover::Accuse, &[1], &[2], 0);
        let e = event(Plover::Accuse, &[2], &[1], 3);
        assert_eq!(merge(vec![d, e]).len(), 2);
    }

    #[test]
    fn different_types_places_dates_or_parties_stay_apart() {
        let a = event(Plover::Consult, &[1], &[2], 0);
        let b = event(Plover::Accuse, &[1], &[2], 1);
        assert_eq!(merge(vec![a.clone(), b]).len(), 2);
        let mut c = event(Plover::Consult, &[1], &[2], 1);
        c.place = Some(11);
        assert_eq!(merge(vec![a.clone(), c]).len(), 2);
        let mut d = event(Plover::Consult, &[1], &[2], 1);
        d.date = day(12);
        assert_eq!(merge(vec![a.clone(), d]).len(), 2);
        let e = event(Plover::Consult, &[1], &[4], 1);
        assert_eq!(merge(vec![a.clone(), e]).len(), 2);
        let mut f = event(Plover::Consult, &[1], &[2], 1);
        f.mode = Some(Mode::Phone);
        let mut g = a.clone();
        g.mode = Some(Mode::Visit);
        assert_eq!(merge(vec![g, f]).len(), 2);
    }

    #[test]
    fn a_text_date_wins_over_the_publication_date() {
        let a = event(Plover::Assault, &[1], &[2], 0);
        let mut b = event(Plover::Assault, &[1], &[2], 3);
        b.date = Some((a.date.unwrap().0, DateBasis::Publication));
        let mut a2 = a.clone();
        a2.date = day(7);
        let merged = merge(vec![b, a2]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].date, day(7));
    }
}
