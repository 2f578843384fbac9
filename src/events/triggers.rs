//! Triggers: which rows of the event lexicon (`ontology/lang/<code>/events.tsv`)
//! start at a token.
//!
//! A row's first word is compared with the parser's lemma of the token (so
//! "rencontre", "rencontrés" and "rencontreront" all find the row `rencontrer`)
//! and with the token's folded form (rows may list forms the lemmatiser gets
//! wrong, and a document parsed without a model still matches them); the row's
//! parts of speech, when it lists some, must include the token's. Later words
//! of a multi-word trigger ("lay down", "donner … accord") match a lemma or a
//! form at most [`TRIGGER_GAP`] words further on. Rows are looked up through
//! the lexicon's index of first words, so the work per token does not grow with
//! the lexicon.
//!
//! Reads: `tokens`, `folded`, `words`. Writes nothing.

use crate::cue::Cue;
use crate::doc::Document;
use crate::lang::{pattern_matches, EventTrigger, Resources};
use crate::plover::Plover;
use crate::syntax::Upos;
use crate::text::fold;

/// Most words that may sit between the words of a multi-word trigger.
pub const TRIGGER_GAP: usize = 3;

/// The folded lemma of token `t`'s first word ("" before the parse stage).
pub fn lemma(doc: &Document, t: usize) -> String {
    doc.words_of_token(t)
        .next()
        .map(|w| {
            let lemma = &doc.words[w].lemma;
            // Most lemmas are already folded; skip the decomposition for them.
            if lemma
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                lemma.clone()
            } else {
                fold(lemma)
            }
        })
        .unwrap_or_default()
}

/// The part of speech of token `t`'s first word (None before the parse stage).
pub fn upos(doc: &Document, t: usize) -> Option<Upos> {
    doc.words_of_token(t).next().map(|w| doc.words[w].upos)
}

/// Whether token `k` is `pattern`, by its form or its lemma.
fn word_matches(doc: &Document, k: usize, lemma: &str, pattern: &str) -> bool {
    pattern_matches(pattern, &doc.folded[k])
        || (!lemma.is_empty() && pattern_matches(pattern, lemma))
}

/// The rows whose first word and part of speech match token `t`, in lexicon order.
pub fn rows_at(doc: &Document, res: &Resources, t: usize) -> Vec<usize> {
    let lemma = lemma(doc, t);
    let upos = upos(doc, t);
    let mut rows = res
        .event_index
        .rows(&[doc.folded[t].as_str(), lemma.as_str()]);
    rows.retain(|&i| pos_allows(&res.events[i], upos));
    rows
}

/// The first row that applies at token `t` of sentence `s` and where its words
/// end: its words follow, one of its cues and none of its blockers is in the
/// sentence. A blocker that says on whose request or invitation the act
/// happens ("doit se réunir vendredi à la demande de Varsovie", "met at
/// Warsaw's request") blocks nothing: the act happens.
pub fn first_row(doc: &Document, res: &Resources, s: usize, t: usize) -> Option<(usize, usize)> {
    let range = doc.sentences[s].tokens.clone();
    let matching =
        |patterns: &[String], k: usize| patterns.iter().any(|p| pattern_matches(p, &doc.folded[k]));
    rows_at(doc, res, t).into_iter().find_map(|row| {
        let trigger = &res.events[row];
        let end = match_words(doc, t, range.end, &trigger.words)?;
        let cued = trigger.cues.is_empty() || range.clone().any(|k| matching(&trigger.cues, k));
        let blocked = range
            .clone()
            .any(|k| matching(&trigger.blockers, k) && !occasion(doc, res, range.start, k));
        (cued && !blocked).then_some((row, end))
    })
}

/// Most tokens between an occasion's preposition and its noun ("at Warsaw's request").
const OCCASION_REACH: usize = 3;

/// Whether the noun at `k` follows a preposition of occasion (cue kind
/// `occasion`, a preposition in the parse: "à la demande de", "at the
/// request of", "at Warsaw's request") with only determiners, names and a
/// possessive between.
fn occasion(doc: &Document, res: &Resources, floor: usize, k: usize) -> bool {
    // A preposition, not the auxiliary "a" that folds the same as "à".
    let preposition =
        |j: usize| res.is_cue(Cue::Occasion, &doc.folded[j]) && upos(doc, j) == Some(Upos::Adp);
    (k.saturating_sub(OCCASION_REACH).max(floor)..k)
        .rev()
        .take_while(|&j| {
            preposition(j)
                || res.is_cue(Cue::Determiner, &doc.folded[j])
                || doc.folded[j] == "s"
                || doc.mention_at(j).is_some()
        })
        .any(preposition)
}

/// Whether a row's parts of speech allow this one (any, when either is unknown).
fn pos_allows(row: &EventTrigger, upos: Option<Upos>) -> bool {
    match upos {
        Some(u) => row.pos.is_empty() || row.pos.contains(&u),
        None => true,
    }
}

/// Where a trigger's words, the first at token `t`, end (exclusive); None when
/// they do not all follow within `end`.
pub fn match_words(doc: &Document, t: usize, end: usize, words: &[Vec<String>]) -> Option<usize> {
    let mut k = t;
    for (n, alternatives) in words.iter().enumerate() {
        let limit = if n == 0 {
            k + 1
        } else {
            (k + TRIGGER_GAP + 1).min(end)
        };
        let found = (k..limit.min(end)).find(|&j| {
            let lemma = lemma(doc, j);
            alternatives.iter().any(|p| word_matches(doc, j, &lemma, p))
        });
        k = found? + 1;
    }
    Some(k)
}

/// Whether the parse puts token `t`'s word in the passive voice (an `aux:pass`
/// dependent, or an `nsubj:pass` one with a passive auxiliary: "was hosted
/// by", "a été reçu par"; not "had spoken by phone").
pub fn passive(doc: &Document, res: &Resources, t: usize) -> bool {
    let Some(w) = doc.words_of_token(t).next() else {
        return false;
    };
    // "it was delivering food": a progressive the parse may take for a passive.
    if res.is_cue(Cue::ActiveParticiple, &doc.folded[t]) {
        return false;
    }
    let s = doc.sentence_words(doc.words[w].sentence);
    let children = || s.clone().filter(move |&c| doc.words[c].head == Some(w));
    let deprel = |c: usize| doc.words[c].deprel.as_str();
    // "s'est rendu", "se sont accordées": a reflexive verb is active.
    let reflexive = children().any(|c| deprel(c).starts_with("expl"));
    let passive_subject = children().any(|c| deprel(c) == "nsubj:pass")
        && children().any(|c| {
            deprel(c) == "aux" && res.is_cue(Cue::PassiveAux, &doc.folded[doc.words[c].token])
        });
    !reflexive && (children().any(|c| deprel(c) == "aux:pass") || passive_subject)
}

/// Whether the word at token `t` is a participle modifying a noun (`acl`:
/// "Barrot, reçu par Tebboune", "talks hosted by Qatar").
pub fn participle(doc: &Document, t: usize) -> bool {
    doc.words_of_token(t)
        .next()
        .is_some_and(|w| doc.words[w].upos == Upos::Verb && doc.words[w].deprel.starts_with("acl"))
}

/// Whether the word at token `t` is a past participle in apposition, right
/// after the comma that follows its noun, with or without its agent ("la CCAT,
/// accusée d'avoir orchestré les violences"): the noun is its target, not its
/// author. A present participle ("the bloc, accusing them of …") is active.
pub fn past_participle(doc: &Document, t: usize) -> bool {
    (t > 0 && doc.token_text(t - 1) == "," && participle(doc, t) && !present_participle(doc, t))
        || doc
            .words_of_token(t)
            .next()
            .is_some_and(|w| apposed_participle(doc, w).is_some())
}

/// The noun a participle set off after it by a comma acts on, when verb
/// `w` is such a participle with no auxiliary ("Jawhar Ben Mbarek, Issam
/// Chebbi et Ghazi Chaouachi, détenus depuis février 2023"): the noun it
/// modifies, or its subject when the parse makes it the sentence's root
/// with the names as subject (a subject of names alone is never parted from
/// its verb by a comma). Not after a clause, an apposition or an adverb the
/// subject owns ("Yoon, who was attending the summit, met Kishida"), nor a
/// present participle ("accusing").
pub fn apposed_participle(doc: &Document, w: usize) -> Option<usize> {
    // Only the words near the participle are read: linear in the sentence
    // whatever its length.
    let sentence = doc.sentence_words(doc.words[w].sentence);
    let words =
        w.saturating_sub(PHRASE_REACH).max(sentence.start)..(w + PHRASE_REACH).min(sentence.end);
    let children = |h: usize| words.clone().filter(move |&c| doc.words[c].head == Some(h));
    let t = doc.words[w].token;
    if doc.words[w].upos != Upos::Verb
        || t == 0
        || doc.token_text(t - 1) != ","
        || present_participle(doc, t)
        || children(w).any(|c| {
            let rel = doc.words[c].deprel.as_str();
            rel.starts_with("aux") || rel == "cop"
        })
    {
        return None;
    }
    let subject = if doc.words[w].deprel == "acl" {
        doc.words[w].head.filter(|&h| doc.words[h].token < t)?
    } else {
        children(w).find(|&c| doc.words[c].deprel == "nsubj")?
    };
    // Every word from the subject to the comma hangs below the subject (at
    // most PHRASE_DEPTH heads up), and none is a verb or a clause of its own.
    let start = doc.words[subject].token;
    let below = |c: usize| {
        doc.word_and_heads(c)
            .take(PHRASE_DEPTH)
            .take_while(|&h| h != w)
            .any(|h| h == subject)
    };
    // …and the phrase ends in a name ("Russian forces, meanwhile, pounded":
    // an adverb the parse may take for a conjunct).
    let bare = start + 1 < t
        && doc.mention_at(t - 2).is_some()
        && words
            .clone()
            .filter(|&c| (start..t - 1).contains(&doc.words[c].token))
            .all(|c| {
                below(c)
                    && !matches!(doc.words[c].upos, Upos::Verb | Upos::Aux)
                    && !doc.words[c].deprel.starts_with("acl")
                    // Commas only between coordinated names: an apposition
                    // ("Le chef de la diplomatie, Sergueï Lavrov, accuse")
                    // or an adverb ("Russian forces, meanwhile, pounded")
                    // may part a subject from its verb.
                    && (doc.words[c].upos != Upos::Punct
                        || doc.words.get(c + 1).is_some_and(|n| n.deprel == "conj"))
            });
    bare.then_some(subject)
}

/// How many heads up a word of a subject may hang below it.
const PHRASE_DEPTH: usize = 8;

/// Most words from a participle to its noun, its subject or its auxiliary.
const PHRASE_REACH: usize = 40;

/// Whether the word at token `t` has the form of a present participle
/// ("accusing", "accusant").
pub fn present_participle(doc: &Document, t: usize) -> bool {
    let w = doc.folded[t].as_str();
    w.ends_with("ing") || w.ends_with("ant")
}

/// Whether the word at token `t` is the content of another trigger that only
/// speaks of it: the object or complement of an accusation, a denial, a
/// request, a threat, a promise or praise ("accused NATO of *threatening*
/// Russia", "condemned the *strikes*", "urged Belgrade to *pull back*", "vowed
/// to *hit back*"), unless it is of the same type ("agreed a *pause*").
/// Such content is no fact, unlike an act that describes the
/// trigger's circumstances ("signed in a ceremony *hosted* by Rubio"). Walks up the parse at most
/// [`CONTENT_DEPTH`] heads through argument relations, never through
/// coordination ("accused … and attacked": two facts).
pub fn is_content(doc: &Document, res: &Resources, t: usize, plover: Plover) -> bool {
    let Some(mut w) = doc.words_of_token(t).next() else {
        return false;
    };
    // "rejected Zelensky's call for a swap": a noun whose author the text
    // names in a possessive reports a happening, whatever speaks of it.
    if owned_by_a_party(doc, w) {
        return false;
    }
    for _ in 0..CONTENT_DEPTH {
        let word = &doc.words[w];
        // "accused X of threatening" (an adverbial clause with its marker), not
        // ", accusing Moscow of …" (a second act beside the first).
        let marked = || {
            doc.sentence_words(word.sentence).any(|c| {
                doc.words[c].head == Some(w)
                    && matches!(doc.words[c].deprel.as_str(), "mark" | "case")
            })
        };
        let via_argument = match word.deprel.split(':').next() {
            Some("obj" | "iobj" | "obl" | "nmod" | "xcomp" | "ccomp" | "csubj") => true,
            Some("advcl") => marked(),
            _ => word.deprel == "nsubj:pass",
        };
        let Some(head) = word.head.filter(|_| via_argument) else {
            return false;
        };
        // "agreed a humanitarian pause": the content names the agreement
        // itself; "agreed to meet", "invited to Moscow to hold consultations":
        // a meeting agreed on or invited to is reported as the meeting. One
        // only asked for ("urged them to hold talks") is the request's
        // content: seeds typed event F1 0.607 → 0.617, dev unchanged.
        let s = doc.words[head].sentence;
        let head_token = doc.words[head].token;
        let speaks = first_row(doc, res, s, head_token).is_some_and(|(r, _)| {
            let p = res.events[r].plover;
            let invitation = p == Plover::Request
                && (res.is_cue(Cue::Invitation, &doc.folded[head_token])
                    || res.is_cue(Cue::Invitation, &lemma(doc, head_token)));
            let planned_meeting = plover == Plover::Consult && (p == Plover::Agree || invitation);
            // "suspended talks with the ELN", "froze its cooperation": what a
            // sanction stops is not happening.
            let stopped = p == Plover::Sanction
                && matches!(
                    plover,
                    Plover::Consult | Plover::Cooperate | Plover::Aid | Plover::Agree
                );
            stopped || (p.speaks_of_others() && p != plover && !planned_meeting)
        });
        if speaks {
            return true;
        }
        w = head;
    }
    false
}

/// How many nouns up from a noun trigger a "since" may govern it ("since
/// the start of the full-scale invasion": the invasion, then the start).
const SINCE_DEPTH: usize = 2;

/// Whether the noun trigger at token `t` is what a "since" measures time
/// from ("since the start of the full-scale invasion", «depuis le début de
/// la guerre»): the background of the story, not an event it reports.
pub fn time_reference(doc: &Document, res: &Resources, t: usize) -> bool {
    let Some(mut w) = doc.words_of_token(t).next() else {
        return false;
    };
    if doc.words[w].upos != Upos::Noun {
        return false;
    }
    for _ in 0..SINCE_DEPTH {
        let since = doc.sentence_words(doc.words[w].sentence).any(|c| {
            doc.words[c].head == Some(w)
                && doc.words[c].deprel == "case"
                && res.dates.since.contains(&doc.folded[doc.words[c].token])
        });
        if since {
            return true;
        }
        match doc.words[w].head {
            Some(h)
                if doc.words[w].deprel.starts_with("nmod") && doc.words[h].upos == Upos::Noun =>
            {
                w = h
            }
            _ => return false,
        }
    }
    false
}

/// Whether the word `w` is a noun with a possessive dependent that is a named
/// party ("Zelensky's call", "the government's demand").
pub fn owned_by_a_party(doc: &Document, w: usize) -> bool {
    // The possessor comes before its noun, a few words at most.
    let words = doc.sentence_words(doc.words[w].sentence);
    doc.words[w].upos == Upos::Noun
        && (w.saturating_sub(POSSESSOR_REACH).max(words.start)..w).any(|c| {
            doc.words[c].head == Some(w)
                && doc.words[c].deprel == "nmod:poss"
                && doc.mention_at(doc.words[c].token).is_some()
        })
}

/// Most words between a possessor and its noun ("the Sahel juntas' repeated calls").
const POSSESSOR_REACH: usize = 8;

/// Whether the trigger at token `t` states how things stand rather than an
/// act of a given day: a perfect tense ("Kinshasa has long accused Kigali",
/// "Serbia has reduced its presence", «Bakou avait demandé»: the verb's own
/// auxiliary in the parse is a `perfect` cue), or a habit («les autorités ont
/// toujours démenti», «qualifie régulièrement ses opposants de traîtres»: an
/// adverb of the trigger is a `habitual` cue).
pub fn states_how_things_stand(doc: &Document, res: &Resources, t: usize) -> bool {
    let Some(w) = doc.words_of_token(t).next() else {
        return false;
    };
    let perfect = doc.words[w].upos == Upos::Verb
        && doc.sentence_words(doc.words[w].sentence).any(|c| {
            doc.words[c].head == Some(w)
                && matches!(doc.words[c].deprel.as_str(), "aux" | "aux:tense")
                && res.is_cue(Cue::Perfect, &doc.folded[doc.words[c].token])
        });
    perfect || has_adverb(doc, w, |a| res.is_cue(Cue::Habitual, a))
}

/// Whether the word `w` has an adverb (`advmod`) whose folded form `is`.
pub fn has_adverb(doc: &Document, w: usize, is: impl Fn(&str) -> bool) -> bool {
    doc.sentence_words(doc.words[w].sentence).any(|c| {
        doc.words[c].head == Some(w)
            && doc.words[c].deprel == "advmod"
            && is(&doc.folded[doc.words[c].token])
    })
}

/// The words of the tokens `tokens`.
fn phrase_words(doc: &Document, tokens: std::ops::Range<usize>) -> std::ops::Range<usize> {
    doc.words_of_token(tokens.start).start..doc.words_of_token(tokens.end - 1).end
}

/// Whether the phrase at `tokens` depends directly on the word at token `t`
/// in the parse (its head word, the one whose head lies outside the phrase,
/// has `t`'s word as head).
pub fn attached(doc: &Document, tokens: std::ops::Range<usize>, t: usize) -> bool {
    let Some(trigger) = doc.words_of_token(t).next() else {
        return false;
    };
    let words = phrase_words(doc, tokens);
    words.clone().any(|w| {
        doc.words[w]
            .head
            .is_some_and(|h| !words.contains(&h) && h == trigger)
    })
}

/// Whether the phrase at `tokens`, before the verb the trigger at `t` is
/// coordinated with, depends on that verb: a fronted place both verbs share
/// («À Minsk, Loukachenko a dénoncé … et prévenu que …»).
pub fn attached_before_coordination(
    doc: &Document,
    tokens: std::ops::Range<usize>,
    t: usize,
) -> bool {
    let Some(trigger) = doc.words_of_token(t).next() else {
        return false;
    };
    let Some(first) = doc.words[trigger]
        .head
        .filter(|_| doc.words[trigger].deprel == "conj")
    else {
        return false;
    };
    tokens.end <= doc.words[first].token && attached(doc, tokens, doc.words[first].token)
}

/// Most heads from a gathering noun up to a statement's trigger
/// ([`at_a_gathering_of`]).
const GATHERING_DEPTH: usize = 2;

/// Whether the phrase at `tokens` is where a gathering the trigger at `t`
/// speaks from took place: it depends on a gathering noun (cue kind
/// `gathering`) that depends, at most [`GATHERING_DEPTH`] heads up, on the
/// trigger ("presented a proposal at the end of two days of *talks in the
/// Qatari capital*", «a accusé … lors d'une *conférence de presse à
/// Chisinau*»).
pub fn at_a_gathering_of(
    doc: &Document,
    res: &Resources,
    tokens: std::ops::Range<usize>,
    t: usize,
) -> bool {
    let Some(trigger) = doc.words_of_token(t).next() else {
        return false;
    };
    let words = phrase_words(doc, tokens);
    let Some(head) = words
        .clone()
        .find_map(|w| doc.words[w].head.filter(|h| !words.contains(h)))
    else {
        return false;
    };
    // The gathering noun: the phrase's head, or the head's head ("in the
    // Qatari capital", whose name the demonym gives).
    let gathering_noun = |w: usize| {
        let t = doc.words[w].token;
        doc.words[w].upos == Upos::Noun
            && (res.is_cue(Cue::Gathering, &doc.folded[t])
                || res.is_cue(Cue::Gathering, &lemma(doc, t)))
    };
    let Some(gathering) = std::iter::successors(Some(head), |&w| doc.words[w].head)
        .take(2)
        .find(|&w| gathering_noun(w))
    else {
        return false;
    };
    std::iter::successors(doc.words[gathering].head, |&w| doc.words[w].head)
        .take(GATHERING_DEPTH)
        .any(|w| w == trigger)
}

/// Whether the trigger at token `t` is the participle of a hyphenated
/// modifier ("a U.N.-backed mission", "the Iran-backed Houthis", "the
/// EU-mediated dialogue", "Malaysia-brokered talks"): it qualifies the noun
/// after it and reports no act of its own.
pub fn hyphen_modifier(doc: &Document, t: usize) -> bool {
    let Some(w) = doc.words_of_token(t).next() else {
        return false;
    };
    let joined = doc.token_text(t).contains('-')
        || (t > 0
            && doc.token_text(t - 1) == "-"
            && doc.tokens[t - 1].span.end == doc.tokens[t].span.start);
    joined && doc.words[w].deprel == "amod"
}

/// How many heads [`is_content`] walks up.
const CONTENT_DEPTH: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Lang;
    use crate::pipeline::{analyse, describe_events};

    /// Every row of both lexicons has an example, and the whole extraction finds
    /// an event of the row's type (and mode) in it.
    #[test]
    fn lexicon_examples() {
        let mut failures = Vec::new();
        for lang in [Lang::Fr, Lang::En] {
            let res = Resources::embedded(lang).unwrap();
            let file = format!("ontology/lang/{}/events.tsv", lang.code());
            for row in &res.events {
                let Some(example) = &row.example else {
                    failures.push(format!("{file}:{}: no example", row.line));
                    continue;
                };
                let doc = analyse(example, lang, "2024-05-06");
                let found = doc
                    .events
                    .iter()
                    .any(|e| e.plover == row.plover && (row.mode.is_none() || e.mode == row.mode));
                if !found {
                    failures.push(format!(
                        "{file}:{}: no {} {} in {example:?}, found {:?}",
                        row.line,
                        row.plover,
                        row.mode.map_or("-", |m| m.as_str()),
                        describe_events(&doc)
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Both lexicons cover the 16 PLOVER types.
    #[test]
    fn lexicons_cover_every_type() {
        for lang in [Lang::Fr, Lang::En] {
            let res = Resources::embedded(lang).unwrap();
            let missing: Vec<&Plover> = Plover::ALL
                .iter()
                .filter(|p| !res.events.iter().any(|r| r.plover == **p))
                .collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn inflected_forms_find_the_row_of_their_lemma() {
        let doc = analyse(
            "Les ministres se sont rencontrés à Genève et rencontreront leurs homologues.",
            Lang::Fr,
            "2024-05-06",
        );
        let res = Resources::embedded(Lang::Fr).unwrap();
        let hits: Vec<String> = (0..doc.tokens.len())
            .filter(|&t| !rows_at(&doc, &res, t).is_empty())
            .map(|t| doc.token_text(t).to_string())
            .collect();
        assert!(hits.contains(&"rencontrés".to_string()), "{hits:?}");
        assert!(hits.contains(&"rencontreront".to_string()), "{hits:?}");
    }
}
