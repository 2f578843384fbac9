//! Happening identity across articles and languages: the key of the
//! canonical happening an article's event reports.
//!
//! Reads one [`Event`] of a processed [`Document`] (its type, date, place
//! and participants' canonical entity ids); writes nothing. The key depends
//! on the event alone, never on the store or on other articles, so the
//! same happening gets the same IRI whatever order articles are ingested in:
//! - **type, day and place** when the text gives the day (not only the
//!   publication date) and the event has a place: every CONSULT in Moscow on
//!   2020-10-09 is one happening, whoever each article names in it;
//! - else **type, date and participants**: the date as known (from the text
//!   or the publication date, a day or a month; `undated` without one) and
//!   the sorted canonical ids of every actor and recipient.
//!
//! Limits: two different meetings of one type in one place on one day are
//! one happening; a happening reported with a place by one article and
//! without one (or with other participants, or undated) by another gets two
//! keys; so does one that articles date differently ("yesterday" read
//! against two publication dates).

use crate::doc::{DateBasis, Document, Event, EventDate};

/// The identity of a canonical happening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HappeningKey {
    /// Readable and unique: `CONSULT 2020-10-09 @moscow`,
    /// `ASSAULT 2020-10 armenia,azerbaijan`.
    pub key: String,
    /// IRI path segment: `consult-2020-10-09-moscow`, or for a participant
    /// key `assault-2020-10-` and a hash of the key.
    pub slug: String,
    /// Why reports sharing the key are one happening (`ng:mergeReason`).
    pub reason: &'static str,
}

/// `ng:mergeReason` of a happening keyed by type, day and place.
pub const BY_PLACE: &str = "type+day+place";
/// `ng:mergeReason` of a happening keyed by type, date and participants.
pub const BY_PARTICIPANTS: &str = "type+date+participants";

/// The key of the happening that `event` reports.
pub fn key(doc: &Document, event: &Event) -> HappeningKey {
    let plover = event.plover.as_str();
    let lower = plover.to_ascii_lowercase();
    if let (Some((EventDate::Day(day), DateBasis::Text)), Some(place)) = (event.date, event.place) {
        let day = day.format("%Y-%m-%d");
        let place = &doc.entities[place].id;
        return HappeningKey {
            key: format!("{plover} {day} @{place}"),
            slug: format!("{lower}-{day}-{place}"),
            reason: BY_PLACE,
        };
    }
    let date = event
        .date
        .map(|(d, _)| d.lexical())
        .unwrap_or_else(|| "undated".to_string());
    let mut ids: Vec<&str> = event
        .actors
        .iter()
        .chain(&event.recipients)
        .map(|&e| doc.entities[e].id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let key = format!("{plover} {date} {}", ids.join(","));
    use sha2::{Digest, Sha256};
    let hash = format!("{:x}", Sha256::digest(key.as_bytes()));
    HappeningKey {
        slug: format!("{lower}-{date}-{}", &hash[..12]),
        key,
        reason: BY_PARTICIPANTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Article, Entity, EntityType, EventMention, Lang};
    use crate::plover::Plover;
    use chrono::NaiveDate;

    fn doc(ids: &[&str]) -> Document {
        let mut doc = Document::new(Article::default(), Lang::En, String::new());
        for id in ids {
            doc.entities.push(Entity {
                id: id.to_string(),
                name: id.to_string(),
                etype: EntityType::Place,
                subtype: None,
                surface_forms: Vec::new(),
                wikidata: None,
                from_knowledge: false,
                merge_reasons: Vec::new(),
            });
        }
        doc
    }

    fn event(actors: &[usize], recipients: &[usize], place: Option<usize>) -> Event {
        Event {
            plover: Plover::Consult,
            mode: None,
            actors: actors.to_vec(),
            recipients: recipients.to_vec(),
            place,
            date: Some((
                EventDate::Day(NaiveDate::from_ymd_opt(2020, 10, 9).unwrap()),
                DateBasis::Text,
            )),
            mentions: vec![EventMention {
                sentence: 0,
                trigger: 0..1,
            }],
            confidence: 0.9,
        }
    }

    #[test]
    fn a_dated_placed_happening_is_keyed_by_type_day_and_place() {
        let d = doc(&["sergey-lavrov", "armenia", "moscow", "azerbaijan"]);
        let a = key(&d, &event(&[0], &[1], Some(2)));
        let b = key(&d, &event(&[3], &[0, 1], Some(2)));
        assert_eq!(a, b);
        assert_eq!(a.slug, "consult-2020-10-09-moscow");
        assert_eq!(a.reason, BY_PLACE);
    }

    #[test]
    fn otherwise_participants_decide_in_any_order() {
        let d = doc(&["armenia", "azerbaijan", "russia"]);
        let a = key(&d, &event(&[0], &[1], None));
        let b = key(&d, &event(&[1], &[0], None));
        let c = key(&d, &event(&[1], &[2], None));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.reason, BY_PARTICIPANTS);
        assert_eq!(a.key, "CONSULT 2020-10-09 armenia,azerbaijan");
        let mut undated = event(&[0], &[1], Some(2));
        undated.date = None;
        assert!(key(&d, &undated).slug.starts_with("consult-undated-"));
    }
}
