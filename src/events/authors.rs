//! The authors of acts told without them:
//! - an arrest, a sentence or a strike told in the passive with no agent is
//!   the work of whoever did the same act just before (or, in a lede that
//!   tells the act first, just after);
//! - a condemnation that names no one is aimed at the authors of the last
//!   deed the article reported ("Kaja Kallas a condamné «l'usage de la force
//!   contre des manifestants pacifiques»" after the police charge).
//!
//! Reads: the events found so far (in text order). Writes: the actors of
//! agentless acts, the recipients of condemnations that had none.

use super::context::{earlier_within, judged, sentence, LOOKBACK};
use super::participants::Participant;
use super::speakers;
use crate::doc::{Document, Event};
use crate::kb::Knowledge;
use crate::plover::{Mode, Plover};

/// Most sentences back that an act reported without its author looks for the
/// same act with one.
const AUTHOR_REACH: usize = 3;

/// Most sentences between a fight told without all its sides and the fight
/// that names them.
const FIGHT_REACH: usize = 3;

/// "La justice tunisienne a condamné … une quarantaine d'opposants … Parmi
/// les condamnés figurent …, détenus depuis février 2023", "Bernard-Henri
/// Lévy … a été condamné par contumace": an arrest, a sentence or a strike
/// told in the passive with no agent is the work of the authors of the same
/// act reported just before (within [`AUTHOR_REACH`] sentences; else just
/// after), unless they are the ones it befalls.
pub(super) fn of_the_same_act(events: &mut [Event]) {
    for i in 0..events.len() {
        let event = &events[i];
        if !event.actors.is_empty()
            || event.recipients.is_empty()
            || !matches!(
                event.plover,
                Plover::Coerce | Plover::Assault | Plover::Sanction
            )
        {
            continue;
        }
        let s = sentence(event);
        let same = |e: &&Event| e.plover == event.plover && !e.actors.is_empty();
        // A lede that tells the act before its authors ("la région a subi de
        // nouvelles frappes … ses villes pilonnées par les forces azéries")
        // takes them from the first report after it.
        let authors = earlier_within(events, i, AUTHOR_REACH)
            .find(same)
            .or_else(|| {
                events[i + 1..]
                    .iter()
                    .take(LOOKBACK)
                    .take_while(|e| sentence(e) <= s + AUTHOR_REACH)
                    .find(same)
            })
            .map(|e| e.actors.clone())
            .filter(|a| !a.iter().any(|x| event.recipients.contains(x)));
        if let Some(authors) = authors {
            events[i].actors = authors;
        }
    }
}

/// "A Bruxelles, Kaja Kallas a condamné lundi «l'usage de la force contre des
/// manifestants pacifiques»", «Volker Türk a dénoncé un procès «entaché de
/// violations»»: a disapproval whose sentence names no one it is aimed at is
/// aimed at the authors of the last deed (a strike, an arrest, a sanction, a
/// deployment) the article reported before it, unless they are the critic or
/// the critic's own state, or sides fighting each other.
pub(super) fn of_the_deed_condemned(doc: &Document, kb: &Knowledge, events: &mut [Event]) {
    for i in 0..events.len() {
        let event = &events[i];
        if event.plover != Plover::Accuse
            || event.mode != Some(Mode::Disapprove)
            || !event.recipients.is_empty()
            || event.actors.is_empty()
        {
            continue;
        }
        let mut own = speakers::own_states(doc, kb, &event.actors);
        own.extend(&event.actors);
        // Fighting between sides blames none of them ("Qualifiant
        // «d'inacceptable» la poursuite des affrontements").
        let mutual = |e: &Event| e.recipients.is_empty() && e.actors.len() > 1;
        let deed = earlier_within(events, i, usize::MAX)
            .find(|e| judged(Plover::Accuse, e.plover) && !e.actors.is_empty())
            .filter(|e| !mutual(e) && !e.actors.iter().any(|a| own.contains(a)))
            .map(|e| e.actors.clone());
        if let Some(authors) = deed {
            events[i].recipients = authors;
        }
    }
}

/// The sides a fight between several parties (and no recipient) names in
/// its sentence (among its `participants`), if it does not name them all:
/// the others came from the article ("les combats": the two sides it is
/// about).
pub(super) fn sides_left_unnamed(
    event: &Event,
    participants: &[Participant],
) -> Option<Vec<usize>> {
    let named: Vec<usize> = event
        .actors
        .iter()
        .copied()
        .filter(|&a| participants.iter().any(|p| p.entity == a))
        .collect();
    (event.plover == Plover::Assault
        && event.recipients.is_empty()
        && event.actors.len() >= 2
        && named.len() < event.actors.len())
    .then_some(named)
}

/// "Les séparatistes arméniens et les forces azerbaïdjanaises s'affrontent
/// dans le Haut-Karabakh. … Le bilan officiel des affrontements s'élève à
/// plus de 400 morts", «Le ministère de la Défense d'Azerbaïdjan a fait état
/// d'intenses combats»: a fight whose sentence does not name all its sides
/// (`unnamed`: index in `events`, which are in text order, and the sides it
/// names; see [`sides_left_unnamed`]) is between the two parties of the
/// nearest fight the article reports with both named, within
/// [`FIGHT_REACH`] sentences and [`LOOKBACK`] events (the earlier one on a
/// tie), if they include the sides it names; rather than between the two
/// states the article names most.
pub(super) fn sides_of_the_fight_nearby(events: &mut [Event], unnamed: &[(usize, Vec<usize>)]) {
    let mut implicit = vec![false; events.len()];
    for (i, _) in unnamed {
        implicit[*i] = true;
    }
    for (i, named) in unnamed {
        let s = sentence(&events[*i]);
        let window = i.saturating_sub(LOOKBACK)..(i + LOOKBACK + 1).min(events.len());
        let fight = events[window.clone()]
            .iter()
            .zip(window)
            .filter(|(e, j)| {
                !implicit[*j]
                    && e.plover == Plover::Assault
                    && sentence(e).abs_diff(s) <= FIGHT_REACH
            })
            .filter_map(|(e, _)| {
                let mut sides = e.actors.clone();
                sides.extend(
                    e.recipients
                        .iter()
                        .copied()
                        .filter(|r| !e.actors.contains(r)),
                );
                (sides.len() == 2 && named.iter().all(|n| sides.contains(n)))
                    .then(|| (sentence(e).abs_diff(s), sentence(e) > s, sides))
            })
            .min_by_key(|(distance, after, _)| (*distance, *after));
        if let Some((_, _, sides)) = fight {
            events[*i].actors = sides;
        }
    }
}
