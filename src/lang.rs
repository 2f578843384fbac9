//! Language resources: the per-language data files under `ontology/lang/<code>/`,
//! embedded in the binary so that tests check exactly what ships. Each parser
//! works on `&str` and names the file and line of a bad entry.

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Context, Result};
use regex::Regex;

use crate::cue::Cue;
use crate::doc::{Lang, Role};
use crate::learn::hash::BuildFast;
use crate::plover::{Mode, Plover};
use crate::syntax::Upos;
use crate::text::fold;

macro_rules! lang_files {
    ($code:literal) => {
        [
            (
                "abbreviations.txt",
                include_str!(concat!("../ontology/lang/", $code, "/abbreviations.txt")),
            ),
            (
                "furniture.txt",
                include_str!(concat!("../ontology/lang/", $code, "/furniture.txt")),
            ),
            (
                "roles.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/roles.tsv")),
            ),
            (
                "demonyms.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/demonyms.tsv")),
            ),
            (
                "institutions.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/institutions.tsv")),
            ),
            (
                "events.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/events.tsv")),
            ),
            (
                "dates.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/dates.tsv")),
            ),
            (
                "cues.tsv",
                include_str!(concat!("../ontology/lang/", $code, "/cues.tsv")),
            ),
        ]
    };
}

/// How the argument slots of an event trigger are filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Subject is the actor, objects after the trigger are recipients.
    SubjectObject,
    /// Passive: subject is the recipient, the agent after "par"/"by" the actor.
    Passive,
    /// Every participant is an actor (fighting, agreeing, meeting each other).
    Symmetric,
    /// Subject only; no recipient.
    Subject,
    /// The object is the target and no actor is named ("a été bombardée").
    Object,
    /// Only the noun's complement is the actor ("la médiation de la Russie").
    Genitive,
}

impl Frame {
    fn parse(s: &str) -> Option<Frame> {
        Some(match s {
            "svo" => Frame::SubjectObject,
            "passive" => Frame::Passive,
            "sym" => Frame::Symmetric,
            "subj" => Frame::Subject,
            "obj" => Frame::Object,
            "gen" => Frame::Genitive,
            _ => return None,
        })
    }
}

/// One line of `events.tsv`: trigger words → PLOVER type, mode, frame.
#[derive(Clone, Debug)]
pub struct EventTrigger {
    /// Folded word patterns, each with `|` alternatives; a pattern ending in
    /// `*` matches by prefix.
    pub words: Vec<Vec<String>>,
    pub plover: Plover,
    pub mode: Option<Mode>,
    pub frame: Frame,
    /// Folded word patterns of which one must occur in the sentence.
    pub cues: Vec<String>,
    /// Folded word patterns that block the trigger when present in the sentence.
    pub blockers: Vec<String>,
    /// Parts of speech the first word may have (the parse's UPOS); empty: any.
    pub pos: Vec<Upos>,
    /// Where the row comes from.
    pub origin: TriggerOrigin,
    /// A sentence in which the row is the trigger (the lexicon test runs it).
    pub example: Option<String>,
    /// Line of the row in its file, for messages.
    pub line: usize,
}

/// Where a lexicon row comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TriggerOrigin {
    /// Written for newsgraph.
    Curated,
    /// Drawn from PETRARCH2's CAMEO verb dictionary through the PLOVER manual's
    /// CAMEO→PLOVER table; the CAMEO codes.
    Cameo(Vec<String>),
}

impl TriggerOrigin {
    fn parse(s: &str) -> Option<TriggerOrigin> {
        match s {
            "" | "-" | "curated" => Some(TriggerOrigin::Curated),
            _ => {
                let codes = s.strip_prefix("cameo:")?;
                let codes: Vec<String> = codes.split(',').map(|c| c.trim().to_string()).collect();
                codes
                    .iter()
                    .all(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
                    .then_some(TriggerOrigin::Cameo(codes))
            }
        }
    }
}

/// The event rows indexed by the patterns of their first word, so that a
/// token is compared with the rows that can start there, not with every row.
#[derive(Clone, Debug, Default)]
pub struct TriggerIndex {
    exact: HashMap<String, Vec<usize>>,
    /// `(pattern, row)` for patterns with a `*`.
    patterns: Vec<(String, usize)>,
}

impl TriggerIndex {
    fn build(rows: &[EventTrigger]) -> TriggerIndex {
        let mut index = TriggerIndex::default();
        for (i, row) in rows.iter().enumerate() {
            for p in row.words.first().into_iter().flatten() {
                if p.contains('*') {
                    index.patterns.push((p.clone(), i));
                } else {
                    index.exact.entry(p.clone()).or_default().push(i);
                }
            }
        }
        index
    }

    /// The rows whose first word matches one of these folded keys (a form, a
    /// lemma), in lexicon order, each once.
    pub fn rows(&self, keys: &[&str]) -> Vec<usize> {
        let mut rows: Vec<usize> = Vec::new();
        for key in keys.iter().filter(|k| !k.is_empty()) {
            rows.extend(self.exact.get(*key).into_iter().flatten());
            rows.extend(
                self.patterns
                    .iter()
                    .filter(|(p, _)| pattern_matches(p, key))
                    .map(|(_, i)| *i),
            );
        }
        rows.sort_unstable();
        rows.dedup();
        rows
    }
}

/// One line of `roles.tsv`.
#[derive(Clone, Debug)]
pub struct RoleTitle {
    pub words: Vec<String>,
    pub role: Role,
    /// The organisation the title implies on its own ("pape" → the Vatican).
    pub default_org: Option<String>,
}

/// One line of `institutions.tsv`: "ministère de la Défense" + a country.
#[derive(Clone, Debug)]
pub struct Institution {
    pub words: Vec<String>,
    pub key: String,
    pub subtype: String,
    /// English label with `{}` for the country's name.
    pub label_en: String,
}

/// Date vocabulary of `dates.tsv`.
#[derive(Clone, Debug, Default)]
pub struct DateWords {
    pub weekdays: HashMap<String, u32>,
    pub months: HashMap<String, u32>,
    /// Words for days relative to publication ("hier" = -1).
    pub relative: HashMap<String, i64>,
    /// "ce", "this": the current week/day.
    pub this: HashSet<String>,
    pub last: HashSet<String>,
    pub next: HashSet<String>,
    /// "depuis", "since": the date is the start of an ongoing event.
    pub since: HashSet<String>,
    /// "en", "in", "fin": a month name after one of these is a date ("in
    /// May"), one alone may be another word ("may", "march").
    pub month_lead: HashSet<String>,
    /// "nuit", "night": in "la nuit de mardi à mercredi" the day is the second.
    pub night: HashSet<String>,
    /// "à", "to": between the two days of a night.
    pub night_to: HashSet<String>,
    /// Units of time with their length in days ("week" = 7; "heures" = 0:
    /// the same day), for "a week after", «deux semaines après».
    pub units: HashMap<String, i64>,
    /// Counts of units ("a", "two", «deux»); digits count as themselves.
    pub counts: HashMap<String, i64>,
    /// "after", «après»: what follows an amount of time before it happened
    /// that long before the clause it ends.
    pub after: HashSet<String>,
    /// "later", «alors»: an adverb that dates its clause to the events told
    /// just before, however far back.
    pub then: HashSet<String>,
}

impl DateWords {
    /// The set of words of a `dates.tsv` kind that has no value column.
    fn words_of(&mut self, kind: &str) -> Option<&mut HashSet<String>> {
        Some(match kind {
            "this" => &mut self.this,
            "last" => &mut self.last,
            "next" => &mut self.next,
            "since" => &mut self.since,
            "month_lead" => &mut self.month_lead,
            "night" => &mut self.night,
            "night_to" => &mut self.night_to,
            "after" => &mut self.after,
            "then" => &mut self.then,
            _ => return None,
        })
    }

    /// Whether a folded word names a day or a month ("lundi", "May",
    /// "yesterday").
    pub fn names_a_day(&self, folded_word: &str) -> bool {
        self.weekdays.contains_key(folded_word)
            || self.months.contains_key(folded_word)
            || self.relative.contains_key(folded_word)
    }
}

/// Everything one language needs.
#[derive(Debug)]
pub struct Resources {
    pub lang: Lang,
    abbreviations: HashSet<String>,
    pub furniture_lines: Vec<Regex>,
    pub furniture_stops: Vec<Regex>,
    pub furniture_strips: Vec<Regex>,
    /// Folded role-title word sequences, longest first.
    pub roles: Vec<RoleTitle>,
    /// Surface form (as written) → entity id.
    pub demonyms: HashMap<String, String>,
    pub institutions: Vec<Institution>,
    pub events: Vec<EventTrigger>,
    /// `events` indexed by their first word.
    pub event_index: TriggerIndex,
    pub dates: DateWords,
    /// Cue words of each kind, indexed by [`Cue`] (locative, agent, coord,
    /// future, negation, particle, not_name, ...).
    cues: Vec<Cues>,
}

/// The cue words of one kind.
#[derive(Debug, Default)]
struct Cues {
    words: HashSet<String, BuildFast>,
    /// Those that are patterns (a leading or trailing `*`): the only ones a
    /// word not in `words` can match.
    patterns: Vec<String>,
}

impl Resources {
    /// The resources compiled into the binary.
    pub fn embedded(lang: Lang) -> Result<Resources> {
        let files: [(&str, &str); 8] = match lang {
            Lang::Fr => lang_files!("fr"),
            Lang::En => lang_files!("en"),
        };
        let mut res = Resources {
            lang,
            abbreviations: HashSet::new(),
            furniture_lines: Vec::new(),
            furniture_stops: Vec::new(),
            furniture_strips: Vec::new(),
            roles: Vec::new(),
            demonyms: HashMap::new(),
            institutions: Vec::new(),
            events: Vec::new(),
            event_index: TriggerIndex::default(),
            dates: DateWords::default(),
            cues: (0..Cue::COUNT).map(|_| Cues::default()).collect(),
        };
        for (name, content) in files {
            let origin = format!("ontology/lang/{}/{name}", lang.code());
            res.load(name, content)
                .with_context(|| format!("{origin}: cannot load"))?;
        }
        res.roles.sort_by_key(|r| std::cmp::Reverse(r.words.len()));
        // Longest triggers first; among equals, rows with cue words first, so
        // "phone" rows win over the plain row of the same trigger.
        res.events
            .sort_by_key(|t| (std::cmp::Reverse(t.words.len()), t.cues.is_empty()));
        res.event_index = TriggerIndex::build(&res.events);
        for cues in &mut res.cues {
            let patterns = cues
                .words
                .iter()
                .filter(|p| p.starts_with('*') || p.ends_with('*'));
            cues.patterns = patterns.cloned().collect();
        }
        res.institutions
            .sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        Ok(res)
    }

    fn load(&mut self, name: &str, content: &str) -> Result<()> {
        for (n, line) in content.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            self.load_line(name, line, n + 1)
                .with_context(|| format!("line {}: {line:?}", n + 1))?;
        }
        Ok(())
    }

    fn load_line(&mut self, name: &str, line: &str, number: usize) -> Result<()> {
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
        match name {
            "abbreviations.txt" => {
                self.abbreviations
                    .insert(line.trim().trim_end_matches('.').to_string());
            }
            "furniture.txt" => {
                let (kind, pattern) = line.split_once(':').context("expected KIND:REGEX")?;
                let re = Regex::new(&format!("(?i){}", pattern.trim()))?;
                match kind {
                    "line" => self.furniture_lines.push(re),
                    "stop" => self.furniture_stops.push(re),
                    "strip" => self.furniture_strips.push(re),
                    _ => bail!("unknown kind {kind:?} (line, stop, strip)"),
                }
            }
            "roles.tsv" => {
                if col(0) == "title" {
                    return Ok(());
                }
                let role =
                    Role::parse(col(1)).with_context(|| format!("unknown role {:?}", col(1)))?;
                self.roles.push(RoleTitle {
                    words: words(col(0)),
                    role,
                    default_org: Some(col(2).to_string()).filter(|s| !s.is_empty()),
                });
            }
            "demonyms.tsv" => {
                if col(0) == "form" {
                    return Ok(());
                }
                if col(1).is_empty() {
                    bail!("expected FORM<TAB>ENTITY");
                }
                self.demonyms.insert(col(0).to_string(), col(1).to_string());
            }
            "institutions.tsv" => {
                if col(0) == "words" {
                    return Ok(());
                }
                if !col(3).contains("{}") {
                    bail!("the English label needs {{}} for the country");
                }
                self.institutions.push(Institution {
                    words: words(col(0)),
                    key: col(1).to_string(),
                    subtype: col(2).to_string(),
                    label_en: col(3).to_string(),
                });
            }
            "events.tsv" => {
                if col(0) == "trigger" {
                    return Ok(());
                }
                if cols.len() > 9 {
                    bail!("{} columns, at most 9: trigger, type, mode, frame, cues, blockers, pos, origin, example", cols.len());
                }
                let frame =
                    Frame::parse(col(3)).with_context(|| format!("unknown frame {:?}", col(3)))?;
                let (plover, mode) = Plover::with_mode(&col(1).to_ascii_uppercase(), col(2))?;
                let list = |s: &str| -> Vec<String> {
                    s.split('|')
                        .filter(|w| !w.trim().is_empty())
                        .map(fold_pattern)
                        .collect()
                };
                self.events.push(EventTrigger {
                    words: col(0)
                        .split_whitespace()
                        .map(|alternatives| alternatives.split('|').map(fold_pattern).collect())
                        .collect(),
                    plover,
                    mode,
                    frame,
                    cues: list(col(4)),
                    blockers: list(col(5)),
                    pos: match col(6) {
                        "" | "-" => Vec::new(),
                        pos => pos
                            .split(',')
                            .map(|p| {
                                Upos::parse(p.trim())
                                    .with_context(|| format!("unknown part of speech {p:?}"))
                            })
                            .collect::<Result<_>>()?,
                    },
                    origin: TriggerOrigin::parse(col(7)).with_context(|| {
                        format!("unknown origin {:?} (curated or cameo:CODE)", col(7))
                    })?,
                    example: Some(col(8).trim())
                        .filter(|e| !e.is_empty())
                        .map(str::to_string),
                    line: number,
                });
            }
            "dates.tsv" => {
                if col(0) == "word" {
                    return Ok(());
                }
                let word = fold(col(0));
                let value = col(2);
                match col(1) {
                    "weekday" => {
                        self.dates.weekdays.insert(word, value.parse()?);
                    }
                    "month" => {
                        self.dates.months.insert(word, value.parse()?);
                    }
                    "relative" => {
                        self.dates.relative.insert(word, value.parse()?);
                    }
                    "unit" => {
                        self.dates.units.insert(word, value.parse()?);
                    }
                    "count" => {
                        self.dates.counts.insert(word, value.parse()?);
                    }
                    kind => match self.dates.words_of(kind) {
                        Some(set) => {
                            set.insert(word);
                        }
                        None => bail!("unknown date word kind {kind:?}"),
                    },
                }
            }
            "cues.tsv" => {
                if col(0) == "kind" {
                    return Ok(());
                }
                if col(1).is_empty() {
                    bail!("expected KIND<TAB>WORD");
                }
                let kind: Cue = col(0).parse()?;
                self.cues[kind as usize].words.insert(fold_pattern(col(1)));
            }
            _ => bail!("unknown resource file"),
        }
        Ok(())
    }

    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// The entity id a demonym stands for ("arménien" → armenia), as written or
    /// in lower case.
    pub fn demonym(&self, text: &str) -> Option<&str> {
        self.demonyms
            .get(text)
            .or_else(|| self.demonyms.get(&text.to_lowercase()))
            .map(String::as_str)
    }

    /// Whether a folded word is a cue of this kind (patterns ending in `*` match by prefix).
    pub fn is_cue(&self, kind: Cue, folded_word: &str) -> bool {
        let c = &self.cues[kind as usize];
        c.words.contains(folded_word) || c.patterns.iter().any(|p| pattern_matches(p, folded_word))
    }
}

/// Fold a pattern word, keeping a trailing `*`.
fn fold_pattern(word: &str) -> String {
    let word = word.trim();
    if fold(word).is_empty() {
        // Punctuation is matched as written.
        return word.to_string();
    }
    if let Some(tail) = word.strip_prefix('*') {
        return format!("*{}", fold(tail));
    }
    match word.strip_suffix('*') {
        Some(stem) => format!("{}*", fold(stem)),
        None => fold(word),
    }
}

/// Folded words as the segmenter cuts them: a hyphenated word stays one
/// ("porte-parole", "Secretary-General"), an elision is cut after its
/// apostrophe ("chef de l'état").
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .flat_map(|chunk| match chunk.find(['\'', '’']) {
            Some(at) if at > 0 && at + 1 < chunk.len() => {
                let cut = at + chunk[at..].chars().next().map_or(1, char::len_utf8);
                vec![&chunk[..cut], &chunk[cut..]]
            }
            _ => vec![chunk],
        })
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A folded pattern word against a folded token: exact, by prefix with a
/// trailing `*`, by suffix with a leading `*`.
pub fn pattern_matches(pattern: &str, word: &str) -> bool {
    if let Some(tail) = pattern.strip_prefix('*') {
        return word.len() > tail.len() + 2 && word.ends_with(tail);
    }
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => pattern == word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_resource_loads() {
        for lang in [Lang::Fr, Lang::En] {
            let res = Resources::embedded(lang).unwrap();
            assert!(!res.roles.is_empty());
            assert!(!res.events.is_empty());
            assert!(res.demonyms.len() > 100, "{lang:?} demonyms");
            assert_eq!(res.dates.weekdays.len(), 7);
            assert_eq!(res.dates.months.values().collect::<HashSet<_>>().len(), 12);
        }
    }

    #[test]
    fn title_words_are_cut_like_tokens() {
        assert_eq!(words("porte-parole"), ["porte parole"]);
        assert_eq!(words("chef de l'état"), ["chef", "de", "l", "etat"]);
        assert_eq!(words("Secretary-General"), ["secretary general"]);
    }

    #[test]
    fn bad_lines_are_named() {
        let mut res = Resources::embedded(Lang::Fr).unwrap();
        let err = res
            .load("events.tsv", "rencontrer\tMEETING\t-\tsvo")
            .unwrap_err();
        assert!(format!("{err:#}").contains("line 1"), "{err:#}");
        let err = res
            .load("cues.tsv", "negation\tpas\nnegatoin\tjamais")
            .unwrap_err();
        assert!(
            format!("{err:#}")
                .contains("line 2: \"negatoin\\tjamais\": \"negatoin\" is not a cue kind"),
            "{err:#}"
        );
        assert!(res.is_cue(Cue::Negation, "pas"));
        let err = res
            .load("events.tsv", "rencontrer\tCONSULT\taerial\tsvo")
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("\"aerial\" is not a mode of CONSULT"),
            "{err:#}"
        );
        for (row, says) in [
            (
                "rencontrer\tCONSULT\t-\tsvo\t\t\tVERBE",
                "unknown part of speech",
            ),
            (
                "rencontrer\tCONSULT\t-\tsvo\t\t\tVERB\tpetrarch",
                "unknown origin",
            ),
            ("rencontrer\tCONSULT\t-\tsvo\t\t\t-\t-\tx\ty", "at most 9"),
        ] {
            let err = res.load("events.tsv", row).unwrap_err();
            assert!(format!("{err:#}").contains(says), "{err:#}");
        }
    }

    #[test]
    fn event_rows_are_found_by_their_first_word() {
        let mut res = Resources::embedded(Lang::En).unwrap();
        res.events.clear();
        res.load(
            "events.tsv",
            "meet\tCONSULT\t-\tsvo\t\t\tVERB\tcameo:040\tBlinken met Wang Yi.\nlay down\tCONCEDE\t-\tsubj\nnegotiat*\tCONSULT\t-\tsym",
        )
        .unwrap();
        res.event_index = TriggerIndex::build(&res.events);
        assert_eq!(res.event_index.rows(&["met", "meet"]), [0]);
        assert_eq!(res.event_index.rows(&["lay", "lay"]), [1]);
        assert_eq!(res.event_index.rows(&["negotiations"]), [2]);
        assert!(res.event_index.rows(&["said", "say"]).is_empty());
        assert_eq!(res.events[0].pos, [Upos::Verb]);
        assert_eq!(
            res.events[0].origin,
            TriggerOrigin::Cameo(vec!["040".into()])
        );
        assert_eq!(
            res.events[0].example.as_deref(),
            Some("Blinken met Wang Yi.")
        );
        assert_eq!(res.events[1].origin, TriggerOrigin::Curated);
    }
}
