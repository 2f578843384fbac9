//! Dates: the publication date (given, or read off the article), and the date
//! expressions of a sentence resolved against it ("ce vendredi", "jeudi soir",
//! "le 9 octobre", "depuis le 27 septembre", "on Friday", "last week").

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use crate::cue::Cue;
use crate::doc::{Document, EventDate};
use crate::lang::Resources;
use crate::syntax::Upos;

/// What is known of the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<NaiveDate>,
}

impl Anchor {
    pub fn from_day(day: NaiveDate) -> Anchor {
        Anchor {
            year: day.year(),
            month: Some(day.month()),
            day: Some(day),
        }
    }

    /// The anchor as an event date, as precise as it is.
    pub fn as_event_date(&self) -> Option<EventDate> {
        match (self.day, self.month) {
            (Some(d), _) => Some(EventDate::Day(d)),
            (None, Some(m)) => Some(EventDate::Month(self.year, m)),
            _ => None,
        }
    }
}

static NUMERIC_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4})$").expect("regex"));
static ISO_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("regex"));
static ISO_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:date|published|publié le)?\s*:?\s*(\d{4})-(\d{2})\b").expect("regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("regex"));

/// The publication date: the article's own, else one the text states as
/// "today" ("ce vendredi 09/10/2020", "Ce 21 octobre"), else an ISO date or
/// month in the first lines.
pub fn publication_anchor(doc: &Document, res: &Resources) -> Option<Anchor> {
    if let Some(day) = doc.article.published {
        return Some(Anchor::from_day(day));
    }
    let year_hint = YEAR
        .captures_iter(&doc.text)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .max();
    // "ce vendredi 9 octobre", "ce 21 octobre", "this Friday, October 9"
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        for t in range.clone() {
            if !res.dates.this.contains(&doc.folded[t]) {
                continue;
            }
            let window_end = (t + 6).min(range.end);
            for found in expressions(doc, res, t + 1..window_end, None, year_hint) {
                if let Expr::Day { day, .. } = found.expr {
                    return Some(Anchor::from_day(day));
                }
            }
        }
    }
    let head: String = doc
        .article
        .text
        .lines()
        .take(5)
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(c) = ISO_DAY.captures(&head) {
        if let Some(d) = ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?) {
            return Some(Anchor::from_day(d));
        }
    }
    if let Some(c) = ISO_MONTH.captures(&doc.article.text) {
        let (y, m): (i32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if (1..=12).contains(&m) {
            return Some(Anchor {
                year: y,
                month: Some(m),
                day: None,
            });
        }
    }
    None
}

/// A four-digit year at token `k`, if there is one before `end`.
fn year_at(doc: &Document, k: usize, end: usize) -> Option<i32> {
    (k < end)
        .then(|| doc.folded[k].parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..2100).contains(y))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date expression found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expr {
    Day { day: NaiveDate, since: bool },
    Month { year: i32, month: u32 },
}

#[derive(Clone, Copy, Debug)]
pub struct Found {
    /// First token of the expression.
    pub token: usize,
    pub expr: Expr,
}

impl Found {
    pub fn event_date(&self) -> EventDate {
        match self.expr {
            Expr::Day { day, .. } => EventDate::Day(day),
            Expr::Month { year, month } => EventDate::Month(year, month),
        }
    }
}

fn weekday(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Date expressions in a token range, resolved against the anchor.
/// `future` says the sentence speaks of what is ahead ("devraient", "will").
pub fn expressions(
    doc: &Document,
    res: &Resources,
    range: std::ops::Range<usize>,
    anchor: Option<(Anchor, bool)>,
    year_hint: Option<i32>,
) -> Vec<Found> {
    let words = &res.dates;
    let mut out = Vec::new();
    let year_of = |month: u32, day: u32| -> Option<i32> {
        match anchor {
            Some((a, future)) => {
                let mut y = a.year;
                // A date far after publication in a past-tense sentence is last year's.
                if let (Some(pub_day), false) = (a.day, future) {
                    if ymd(y, month, day).is_some_and(|d| d > pub_day + Duration::days(31)) {
                        y -= 1;
                    }
                }
                Some(y)
            }
            None => year_hint,
        }
    };
    let mut t = range.start;
    while t < range.end {
        let w = doc.folded[t].as_str();
        let raw = doc.token_text(t);
        let since = t > range.start && words.since.contains(&doc.folded[t - 1])
            || t > range.start + 1 && words.since.contains(&doc.folded[t - 2]);
        // 09/10/2020
        if let Some(c) = NUMERIC_DAY.captures(raw) {
            if let (Ok(d), Ok(m), Ok(y)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
                if let Some(day) = ymd(y, m, d) {
                    out.push(Found {
                        token: t,
                        expr: Expr::Day { day, since },
                    });
                }
            }
            t += 1;
            continue;
        }
        // 9 octobre [2020] / 1er octobre
        let number = w.strip_suffix("er").unwrap_or(w).parse::<u32>().ok();
        if let Some(d) = number.filter(|d| (1..=31).contains(d)) {
            if let Some(&m) = doc
                .folded
                .get(t + 1)
                .filter(|_| t + 1 < range.end)
                .and_then(|m| words.months.get(m))
            {
                let explicit_year = year_at(doc, t + 2, range.end);
                if let Some(y) = explicit_year.or_else(|| year_of(m, d)) {
                    if let Some(day) = ymd(y, m, d) {
                        out.push(Found {
                            token: t,
                            expr: Expr::Day { day, since },
                        });
                    }
                }
                t += if explicit_year.is_some() { 3 } else { 2 };
                continue;
            }
        }
        if let Some(&m) = words.months.get(w) {
            // October 9[, 2020]
            let next = doc.folded.get(t + 1).filter(|_| t + 1 < range.end);
            if let Some(d) = next
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d))
            {
                let mut k = t + 2;
                if k < range.end && doc.token_text(k) == "," {
                    k += 1;
                }
                let explicit_year = year_at(doc, k, range.end);
                if let Some(y) = explicit_year.or_else(|| year_of(m, d)) {
                    if let Some(day) = ymd(y, m, d) {
                        out.push(Found {
                            token: t,
                            expr: Expr::Day { day, since },
                        });
                    }
                }
                t = if explicit_year.is_some() {
                    k + 1
                } else {
                    t + 2
                };
                continue;
            }
            // en octobre [2020], in October, fin octobre: a month name after
            // a lead word or before a year; "may", "march" tagged as verbs
            // are none.
            let explicit_year = next
                .and_then(|n| n.parse::<i32>().ok())
                .filter(|y| (1900..2100).contains(y));
            let preceded = t > range.start && words.month_lead.contains(&doc.folded[t - 1]);
            let verb = doc
                .words_of_token(t)
                .next()
                .is_some_and(|w| matches!(doc.words[w].upos, Upos::Verb | Upos::Aux));
            if explicit_year.is_some() || (preceded && !verb) {
                if let Some(y) = explicit_year.or_else(|| year_of(m, 1)) {
                    out.push(Found {
                        token: t,
                        expr: Expr::Month { year: y, month: m },
                    });
                }
            }
            t += 1;
            continue;
        }
        let Some((a, future)) = anchor else {
            t += 1;
            continue;
        };
        if let (Some(&n), Some(pub_day)) = (words.weekdays.get(w), a.day) {
            // «dans la nuit de mardi à mercredi», "overnight Tuesday to
            // Wednesday": the night's day is the second.
            let night_from = doc
                .folded
                .get(t + 1)
                .is_some_and(|x| words.night_to.contains(x))
                && doc
                    .folded
                    .get(t + 2)
                    .is_some_and(|x| words.weekdays.contains_key(x))
                && (t.saturating_sub(2).max(range.start)..t)
                    .any(|k| words.night.contains(&doc.folded[k]));
            if night_from {
                t += 1;
                continue;
            }
            let target = weekday(n);
            let this = t > range.start && words.this.contains(&doc.folded[t - 1]);
            let next = doc
                .folded
                .get(t + 1)
                .is_some_and(|n| words.next.contains(n))
                || (t > range.start && words.next.contains(&doc.folded[t - 1]));
            let last = doc
                .folded
                .get(t + 1)
                .is_some_and(|n| words.last.contains(n))
                || (t > range.start && words.last.contains(&doc.folded[t - 1]));
            let delta = (target.num_days_from_monday() as i64)
                - (pub_day.weekday().num_days_from_monday() as i64);
            let day = if this {
                pub_day + Duration::days(delta)
            } else if next || (future && !last) {
                pub_day + Duration::days(if delta < 0 { delta + 7 } else { delta })
            } else {
                pub_day + Duration::days(if delta > 0 { delta - 7 } else { delta })
            };
            out.push(Found {
                token: t,
                expr: Expr::Day { day, since },
            });
        } else if let (Some(&offset), Some(pub_day), false) = (
            words.relative.get(w),
            a.day,
            // «à la veille des manœuvres», "on the eve of the summit": the
            // day before something else, not before publication.
            doc.folded
                .get(t + 1)
                .is_some_and(|x| t + 1 < range.end && res.is_cue(Cue::Genitive, x)),
        ) {
            out.push(Found {
                token: t,
                expr: Expr::Day {
                    day: pub_day + Duration::days(offset),
                    since,
                },
            });
        }
        t += 1;
    }
    out
}

/// An amount of time before an `after` word ("a week after the Commerce
/// Department added 22 Chinese firms", «deux semaines après un attentat»):
/// what the tokens `after + 1..end` tell happened `days` before the clause
/// the phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeBefore {
    pub after: usize,
    pub end: usize,
    pub days: i64,
}

/// The [`TimeBefore`] phrases of a sentence's tokens. A phrase that opens the
/// sentence ("Two weeks after the attack, India struck") ends at its first
/// comma; one that follows its clause runs to the sentence's end. Between the
/// unit and the `after` word one adverb may stand («quelques jours seulement
/// après»).
pub fn time_before(
    doc: &Document,
    res: &Resources,
    range: std::ops::Range<usize>,
) -> Vec<TimeBefore> {
    let words = &res.dates;
    let adverb = |t: usize| {
        doc.words_of_token(t)
            .next()
            .is_some_and(|w| doc.words[w].upos == Upos::Adv)
    };
    let mut out = Vec::new();
    for k in range.clone() {
        if !words.after.contains(&doc.folded[k]) {
            continue;
        }
        let unit_at = [k.checked_sub(1), k.checked_sub(2).filter(|_| adverb(k - 1))]
            .into_iter()
            .flatten()
            .find(|&u| u >= range.start && words.units.contains_key(&doc.folded[u]));
        let Some(u) = unit_at.filter(|&u| u > range.start) else {
            continue;
        };
        let count = doc.folded[u - 1]
            .parse::<i64>()
            .ok()
            .or_else(|| words.counts.get(&doc.folded[u - 1]).copied());
        let Some(count) = count else {
            continue;
        };
        let end = if u - 1 == range.start {
            (k + 1..range.end)
                .find(|&c| doc.token_text(c) == ",")
                .unwrap_or(range.end)
        } else {
            range.end
        };
        out.push(TimeBefore {
            after: k,
            end,
            days: count * words.units[&doc.folded[u]],
        });
    }
    out
}

/// Whether the words around a trigger speak of the future. A noun tells no
/// tense, whatever it ends with ("appelé au retrait": not the conditional's
/// "-rait").
pub fn is_future(doc: &Document, res: &Resources, range: std::ops::Range<usize>) -> bool {
    let noun = |t: usize| {
        doc.words_of_token(t)
            .next()
            .is_some_and(|w| matches!(doc.words[w].upos, Upos::Noun | Upos::Propn))
    };
    range
        .into_iter()
        .any(|t| res.is_cue(Cue::Future, &doc.folded[t]) && !noun(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Article, Lang};
    use crate::lang::Resources;

    fn doc(text: &str, lang: Lang, published: Option<NaiveDate>) -> (Document, Resources) {
        let res = Resources::embedded(lang).unwrap();
        let article = Article {
            text: text.to_string(),
            published,
            ..Article::default()
        };
        let mut d = Document::new(article, lang, text.to_string());
        crate::segment::segment(&mut d, &res);
        (d, res)
    }

    fn resolved(text: &str, lang: Lang, published: NaiveDate, future: bool) -> Vec<String> {
        let (d, res) = doc(text, lang, Some(published));
        let anchor = publication_anchor(&d, &res).unwrap();
        expressions(&d, &res, 0..d.tokens.len(), Some((anchor, future)), None)
            .iter()
            .map(|f| f.event_date().lexical())
            .collect()
    }

    #[test]
    fn french_relative_dates_resolve_against_publication() {
        let friday = NaiveDate::from_ymd_opt(2020, 10, 9).unwrap();
        assert_eq!(
            resolved(
                "bombardées jeudi soir et vendredi matin",
                Lang::Fr,
                friday,
                false
            ),
            ["2020-10-08", "2020-10-09"]
        );
        assert_eq!(
            resolved(
                "se retrouvent ce vendredi à Moscou",
                Lang::Fr,
                friday,
                false
            ),
            ["2020-10-09"]
        );
        assert_eq!(
            resolved("devait être reçu lundi", Lang::Fr, friday, true),
            ["2020-10-12"]
        );
        assert_eq!(
            resolved("depuis le 27 septembre", Lang::Fr, friday, false),
            ["2020-09-27"]
        );
        assert_eq!(
            resolved("hier et demain", Lang::Fr, friday, false),
            ["2020-10-08", "2020-10-10"]
        );
    }

    #[test]
    fn english_dates_resolve() {
        let wednesday = NaiveDate::from_ymd_opt(2020, 10, 21).unwrap();
        assert_eq!(
            resolved("Lavrov said on Monday", Lang::En, wednesday, false),
            ["2020-10-19"]
        );
        assert_eq!(
            resolved(
                "talks on October 23 in Washington",
                Lang::En,
                wednesday,
                true
            ),
            ["2020-10-23"]
        );
        assert_eq!(
            resolved("since September 27", Lang::En, wednesday, false),
            ["2020-09-27"]
        );
    }

    #[test]
    fn publication_date_is_read_off_the_text() {
        let (d, res) = doc("Titre\n\nCe 21 octobre, les ministres sont à Moscou. Le 9 octobre 2020, ils s'étaient vus.", Lang::Fr, None);
        assert_eq!(
            publication_anchor(&d, &res).unwrap().day,
            NaiveDate::from_ymd_opt(2020, 10, 21)
        );
        let (d, res) = doc("Photo, ce vendredi 09/10/2020, à Moscou", Lang::Fr, None);
        assert_eq!(
            publication_anchor(&d, &res).unwrap().day,
            NaiveDate::from_ymd_opt(2020, 10, 9)
        );
    }

    /// A month name after a lead word is a date, May as well ("in May");
    /// the night from one day to the next is the second day; "the eve of"
    /// something is not the day before publication.
    #[test]
    fn months_nights_and_eves() {
        let saturday = NaiveDate::from_ymd_opt(2025, 7, 12).unwrap();
        assert_eq!(
            resolved(
                "The group announced its dissolution in May.",
                Lang::En,
                saturday,
                false
            ),
            ["2025-05"]
        );
        assert_eq!(
            resolved("Elle a été dissoute fin mai.", Lang::Fr, saturday, false),
            ["2025-05"]
        );
        let friday = NaiveDate::from_ymd_opt(2025, 9, 12).unwrap();
        assert_eq!(
            resolved(
                "La Pologne a fermé dans la nuit de jeudi à vendredi sa frontière.",
                Lang::Fr,
                friday,
                false
            ),
            ["2025-09-12"]
        );
        assert_eq!(
            resolved(
                "Strikes hit the port overnight Thursday to Friday.",
                Lang::En,
                friday,
                false
            ),
            ["2025-09-12"]
        );
        assert!(resolved(
            "Varsovie ferme sa frontière à la veille des manœuvres.",
            Lang::Fr,
            friday,
            false
        )
        .is_empty());
        assert_eq!(
            resolved("Il était arrivé la veille.", Lang::Fr, friday, false),
            ["2025-09-11"]
        );
    }

    /// "a week after", «deux semaines seulement après»: how long before the
    /// clause what follows happened, and where the phrase ends.
    #[test]
    fn time_before_a_clause() {
        let (d, res) = doc(
            "The exchange came a week after the department added 22 firms to its list.",
            Lang::En,
            None,
        );
        let found = time_before(&d, &res, 0..d.tokens.len());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].days, found[0].end), (7, d.tokens.len()));
        assert_eq!(d.token_text(found[0].after), "after");
        let (d, res) = doc(
            "Deux semaines après l'attentat, l'Inde a frappé le Pakistan.",
            Lang::Fr,
            None,
        );
        let found = time_before(&d, &res, 0..d.tokens.len());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].days, 14);
        // A phrase that opens the sentence ends at its comma.
        assert_eq!(d.token_text(found[0].end), ",");
        let (d, res) = doc("Ils se sont vus après l'attentat.", Lang::Fr, None);
        assert!(time_before(&d, &res, 0..d.tokens.len()).is_empty());
    }
}
