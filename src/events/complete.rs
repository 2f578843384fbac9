//! The circumstances of an event whose parties are known: its place, date,
//! mode and confidence. Shared by lexicon triggers ([`super::fill`]) and the
//! detector's events ([`super::arguments`]).
//!
//! Reads: `tokens`, `words`, `entities`, the sentence's participants and the
//! dates it writes. Writes nothing: returns the [`Event`].

use std::ops::Range;

use super::clauses::{in_a_relative_clause_apart, inside_relative_clause};
use super::participants::Participant;
use super::triggers;
use crate::cue::Cue;
use crate::dates::{self, Anchor};
use crate::doc::{DateBasis, Document, EntityType, Event, EventMention};
use crate::lang::Resources;
use crate::plover::{Mode, Plover};
use crate::syntax::Upos;

/// An event of `plover` whose parties are known: its place (a place after a
/// locative preposition, a city before a region or state), date, mode and
/// confidence. Shared by lexicon triggers and the detector's ([`arguments`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn complete_event(
    doc: &Document,
    res: &Resources,
    s: usize,
    trigger_tokens: Range<usize>,
    (plover, mode): (Plover, Option<Mode>),
    actors: Vec<usize>,
    recipients: Vec<usize>,
    participants: &[Participant],
    anchor: Option<Anchor>,
) -> Event {
    let (t, te) = (trigger_tokens.start, trigger_tokens.end);
    let sentence = doc.sentences[s].tokens.clone();
    // The place: a place after a locative preposition, a city before a region or state.
    // A statement's place is where it was made, not a place it speaks of
    // ("accused the RSF of ethnic cleansing in West Darfur"): for an accusation,
    // a denial, a request, a threat or praise, only a place the parse attaches
    // to the trigger itself, to the gathering it speaks from ("at the end of
    // two days of talks in the Qatari capital", «lors d'une conférence de
    // presse à Chisinau»: dev place accuracy 0.773 → 0.798) or, fronted, to
    // the verb it is coordinated with («À Minsk, Loukachenko a dénoncé … et
    // prévenu»: 0.798 → 0.801), and not the one it is addressed to («impute
    // à l'Algérie»).
    let statement = plover.speaks_of_others() && !matches!(plover, Plover::Agree | Plover::Protest);
    let place = participants
        .iter()
        .filter(|p| p.locative && doc.entities[p.entity].etype == EntityType::Place)
        .filter(|p| {
            !statement
                || (!recipients.contains(&p.entity)
                    && (doc.words.is_empty()
                        || triggers::attached(doc, p.tokens.clone(), t)
                        || triggers::at_a_gathering_of(doc, res, p.tokens.clone(), t)
                        || triggers::attached_before_coordination(doc, p.tokens.clone(), t)))
        })
        // "le rappel de leurs ambassadeurs en Algérie": a sanction is not
        // where its target is.
        .filter(|p| plover != Plover::Sanction || !recipients.contains(&p.entity))
        .min_by_key(|p| {
            let city = doc.entities[p.entity].subtype.as_deref() == Some("City");
            (!city, p.tokens.start.abs_diff(te))
        })
        .map(|p| p.entity);
    // "weeks of Red Sea attacks": a sea, a region or a town right before a
    // noun trigger is where it happens (a state there is a party: "Russian
    // strikes").
    let noun = triggers::upos(doc, t) == Some(Upos::Noun);
    let compound_place = participants.iter().find(|p| {
        let e = &doc.entities[p.entity];
        noun && p.tokens.end == t
            && e.etype == EntityType::Place
            && e.subtype.as_deref() != Some("Country")
    });
    let place = compound_place.map(|p| p.entity).or(place);
    // A verb's own tense comes before or right after it, not in the clause
    // it introduces ("warning that Washington would not conclude trade
    // deals": the warning is no future act); a noun's may follow it ("la
    // visite qui aura lieu").
    let end = (te + 3).min(sentence.end);
    let after = (te..end)
        .filter(|_| !noun)
        .find(|&k| res.is_cue(Cue::Clause, &doc.folded[k]))
        .unwrap_or(end);
    let window = te.saturating_sub(6).max(sentence.start)..after;
    let future = dates::is_future(doc, res, window);
    // With an anchor its year serves; without one there is no year to guess.
    let found = dates::expressions(
        doc,
        res,
        sentence.clone(),
        anchor.map(|a| (a, future)),
        None,
    );
    // "Saudi Arabia, which has observed a truce since April 2022, called for
    // restraint": a date in a relative clause before the trigger is not its.
    let date = found
        .iter()
        .filter(|f| !inside_relative_clause(doc, res, sentence.start, f.token..f.token + 1, t))
        .filter(|f| !in_a_relative_clause_apart(doc, f.token, t))
        .min_by_key(|f| f.token.abs_diff(t))
        .map(|f| (f.event_date(), DateBasis::Text))
        .or_else(|| {
            // "Kinshasa has long accused Kigali": no day to give.
            if triggers::states_how_things_stand(doc, res, t) {
                return None;
            }
            anchor
                .and_then(|a| a.as_event_date())
                .map(|d| (d, DateBasis::Publication))
        });
    let mode = mode.or_else(|| consult_mode(doc, plover, &actors, &recipients, place));
    // "The last French troops left Niger", "les militaires français stationnés
    // au Tchad ont quitté la base": a withdrawal is from the state it leaves.
    let recipients = if plover == Plover::Retreat && mode == Some(Mode::Withdraw) {
        left_state(doc, recipients, &actors, participants)
    } else {
        recipients
    };
    let filled = [
        !actors.is_empty(),
        !recipients.is_empty(),
        place.is_some(),
        date.is_some(),
    ];
    let confidence = 0.5 + 0.1 * filled.iter().filter(|f| **f).count() as f32;
    Event {
        plover,
        mode,
        actors,
        recipients,
        place,
        date,
        mentions: vec![EventMention {
            sentence: s,
            trigger: doc.tokens[t].span.start..doc.tokens[te - 1].span.end,
        }],
        confidence: confidence.min(0.9),
    }
}

/// The recipients of a withdrawal: those named, or else the first state of
/// the sentence that is none of its actors and does not speak of it.
fn left_state(
    doc: &Document,
    recipients: Vec<usize>,
    actors: &[usize],
    participants: &[Participant],
) -> Vec<usize> {
    if !recipients.is_empty() {
        return recipients;
    }
    participants
        .iter()
        .filter(|p| !p.source && !p.speaker && !actors.contains(&p.entity))
        .find(|p| doc.entities[p.entity].subtype.as_deref() == Some("Country"))
        .map(|p| vec![p.entity])
        .unwrap_or_default()
}

/// The mode of a meeting the trigger does not name: with an international
/// body, `multilateral`; in a state none of the parties belongs to, `third-party`.
fn consult_mode(
    doc: &Document,
    plover: Plover,
    actors: &[usize],
    recipients: &[usize],
    place: Option<usize>,
) -> Option<Mode> {
    if plover != Plover::Consult {
        return None;
    }
    let parties: Vec<&crate::doc::Entity> = actors
        .iter()
        .chain(recipients)
        .map(|&e| &doc.entities[e])
        .collect();
    if actors
        .iter()
        .chain(recipients)
        .any(|&e| super::intergovernmental(doc, e))
    {
        return Some(Mode::Multilateral);
    }
    let place = &doc.entities[place?];
    let states: Vec<&str> = parties
        .iter()
        .filter(|e| e.subtype.as_deref() == Some("Country"))
        .map(|e| e.id.as_str())
        .collect();
    if states.len() >= 2 && !states.contains(&place.id.as_str()) && !place.id.is_empty() {
        // The place's own state is known only for curated places; a city of a party is no third party.
        return (!doc
            .entities
            .iter()
            .any(|e| states.contains(&e.id.as_str()) && e.id == place.id))
        .then_some(Mode::ThirdParty);
    }
    None
}
