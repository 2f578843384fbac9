//! Participants from the dependency tree, for the events the trained detector
//! ([`super::detector`]) finds where no lexicon row matched, and the
//! recipients of lexicon events whose word order names none.
//!
//! The trigger's `nsubj` is the actor (`nsubj:pass` the recipient, an `obl`
//! agent after "by"/"par" the actor); `obj`, `iobj` and an `obl` after a
//! co-participant or target preposition ("with", "avec", "to", "à", "against",
//! "contre": cue kinds `with`, `target`) are recipients; a noun's `nmod` after
//! "of"/"de" or a possessive is its actor, after "with"/"between" its
//! recipients. Coordinated words (`conj`) join their group; a verb under
//! `xcomp` or `conj`, and a noun that is the object of a light verb ("held
//! talks with"), take the head's subject (and obliques). Each argument word
//! maps to a participant of the sentence ([`super::participants`]: mentions,
//! demonyms, capitals standing for their state) covering its token or a
//! modifier of it ("Russian forces", "the bloc's offer", "Turkish calls").

use std::ops::Range;

use super::detector::Decision;
use super::participants::{town_or_region, Participant};
use crate::cue::Cue;
use crate::dates::Anchor;
use crate::doc::{Document, EntityType, Event};
use crate::lang::Resources;
use crate::plover::Plover;
use crate::syntax::Upos;

/// How many heads up an oblique request looks for the subject it is made to.
const SUBJECT_REACH: usize = 3;

/// How deep under a trigger "against"/"contre" names what the act is against.
const OPPOSED_DEPTH: usize = 4;

/// One sentence's parse, read for the parties of a trigger word.
struct Tree<'a> {
    doc: &'a Document,
    res: &'a Resources,
    words: Range<usize>,
    participants: &'a [Participant],
}

impl<'a> Tree<'a> {
    /// The parse of sentence `s`, its parties among `participants`.
    fn new(
        doc: &'a Document,
        res: &'a Resources,
        s: usize,
        participants: &'a [Participant],
    ) -> Tree<'a> {
        Tree {
            doc,
            res,
            words: doc.sentence_words(s),
            participants,
        }
    }

    fn children(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .clone()
            .filter(move |&c| self.doc.words[c].head == Some(w))
    }

    /// The preposition or subordinator of a word, folded.
    fn case(&self, w: usize) -> Option<&str> {
        self.children(w)
            .find(|&c| matches!(self.doc.words[c].deprel.as_str(), "case" | "mark"))
            .map(|c| self.doc.folded[self.doc.words[c].token].as_str())
    }

    fn is(&self, w: usize, kind: Cue) -> bool {
        self.case(w).is_some_and(|p| self.res.is_cue(kind, p))
    }

    /// The participant covering a word's token.
    fn covering(&self, w: usize) -> Option<usize> {
        let t = self.doc.words[w].token;
        self.participants
            .iter()
            .find(|p| p.tokens.contains(&t))
            .map(|p| p.entity)
    }

    /// The participant a word stands for: its own, or a modifier's ("Russian
    /// forces", "the bloc's offer", "l'offre de la Cédéao"), or a modifier's
    /// modifier ("concerns about China's support").
    fn entity(&self, w: usize) -> Option<usize> {
        self.covering(w)
            .or_else(|| self.modifiers(w).find_map(|c| self.covering(c)))
            .or_else(|| {
                self.modifiers(w)
                    .filter(|&c| self.doc.words[c].deprel.starts_with("nmod"))
                    .find_map(|c| self.modifiers(c).find_map(|g| self.covering(g)))
            })
    }

    fn modifiers(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(w).filter(|&c| {
            matches!(
                self.doc.words[c].deprel.split(':').next(),
                Some("amod" | "compound" | "flat" | "appos" | "nmod")
            )
        })
    }

    /// A word and the words coordinated with it;
    /// "either country", "both sides" stand for two parties over the same
    /// words: a word covered by one of them stands for all of them.
    fn group(&self, w: usize) -> Vec<usize> {
        let t = self.doc.words[w].token;
        let mut out: Vec<usize> = match self.participants.iter().find(|p| p.tokens.contains(&t)) {
            Some(first) => self
                .participants
                .iter()
                .filter(|p| p.tokens == first.tokens)
                .map(|p| p.entity)
                .collect(),
            None => self.entity(w).into_iter().collect(),
        };
        out.extend(
            self.children(w)
                .filter(|&c| self.doc.words[c].deprel == "conj")
                .filter_map(|c| self.entity(c)),
        );
        out
    }

    /// The parties of the (active) subject of the first of `reach` heads
    /// above `w` that has one.
    fn subject_above(&self, w: usize, reach: usize) -> Vec<usize> {
        let mut h = self.doc.words[w].head;
        for _ in 0..reach {
            let Some(head) = h else { break };
            let subject: Vec<usize> = self
                .children(head)
                .filter(|&c| self.doc.words[c].deprel == "nsubj")
                .flat_map(|c| self.group(c))
                .collect();
            if !subject.is_empty() {
                return subject;
            }
            h = self.doc.words[head].head;
        }
        Vec::new()
    }

    fn place_word(&self, w: usize) -> bool {
        self.entity(w)
            .is_some_and(|e| self.doc.entities[e].etype == EntityType::Place)
    }

    /// The roles a word's children fill; `noun` for a nominal trigger.
    /// Returns whether a passive subject was seen.
    fn roles(
        &self,
        w: usize,
        noun: bool,
        actors: &mut Vec<usize>,
        recipients: &mut Vec<usize>,
    ) -> bool {
        let mut passive = false;
        for c in self.children(w) {
            let rel = self.doc.words[c].deprel.as_str();
            match rel.split(':').next().unwrap_or("") {
                "nsubj" if rel == "nsubj:pass" => {
                    passive = true;
                    recipients.extend(self.group(c));
                }
                "nsubj" => actors.extend(self.group(c)),
                "obj" | "iobj" => recipients.extend(self.group(c)),
                "obl" if rel == "obl:agent" || self.is(c, Cue::Agent) => {
                    actors.extend(self.group(c))
                }
                "obl" if self.is(c, Cue::With) => recipients.extend(self.group(c)),
                "obl" if self.is(c, Cue::Target) && !self.place_word(c) => {
                    recipients.extend(self.group(c))
                }
                "nmod"
                    if noun
                        && (rel == "nmod:poss"
                            || self.is(c, Cue::Genitive)
                            || self.is(c, Cue::Agent)) =>
                {
                    actors.extend(self.group(c))
                }
                "nmod" if noun && self.is(c, Cue::With) => recipients.extend(self.group(c)),
                "nmod" if noun && self.is(c, Cue::Target) && !self.place_word(c) => {
                    recipients.extend(self.group(c))
                }
                _ => {}
            }
        }
        passive
    }
}

/// The recipients the parse gives a trigger of `plover` spanning `tokens` of
/// sentence `s`: when its frame takes `objects`, a verb's objects (or their
/// possessors and complements: "rejected the bloc's offer", "a rejeté les
/// accusations de la junte") and target obliques; the subject of the clause
/// an oblique request is made in ("met at the request of Japan"); what the
/// act is against ("chanted slogans against France"). None of `actors`.
pub(super) fn recipients(
    doc: &Document,
    res: &Resources,
    s: usize,
    (tokens, plover, objects): (Range<usize>, Plover, bool),
    participants: &[Participant],
    actors: &[usize],
) -> Vec<usize> {
    let tree = Tree::new(doc, res, s, participants);
    // The trigger's head word: the one whose head lies outside its tokens.
    let Some(w) = doc.phrase_head(&tokens) else {
        return Vec::new();
    };
    let (mut a, mut r) = (Vec::new(), Vec::new());
    match doc.words[w].upos {
        // A passive's subject is its target, already in place.
        Upos::Verb if objects && tree.roles(w, false, &mut a, &mut r) => return Vec::new(),
        Upos::Verb => {}
        // "The Council will meet at the request of Japan", "se réunit à la
        // demande de Varsovie": a request in an oblique of a clause is made to
        // that clause's subject.
        Upos::Noun
            if plover == Plover::Request
                && matches!(doc.words[w].deprel.split(':').next(), Some("obl" | "nmod")) =>
        {
            // Up from the request ("at the request of" → "meeting" → "hold")
            // to the first word with a subject.
            r = tree.subject_above(w, SUBJECT_REACH);
        }
        _ => {}
    }
    // The search starts at the trigger, then at its head ("Thousands of
    // Venezuelans marched …, chanting slogans against X").
    for top in [Some(w), doc.words[w].head] {
        let Some(top) = top.filter(|_| r.is_empty()) else {
            break;
        };
        let mut level = vec![top];
        for _ in 0..OPPOSED_DEPTH {
            level = level.iter().flat_map(|&x| tree.children(x)).collect();
            r.extend(
                level
                    .iter()
                    .filter(|&&c| tree.is(c, Cue::Opposed))
                    .flat_map(|&c| tree.group(c)),
            );
        }
    }
    // "warned that his fighters will treat the Kenyans as invaders", "warned
    // that the process would be halted if the PKK resorted to violence": a
    // threat is aimed at the first party its content clause names.
    if plover == Plover::Threaten && doc.words[w].upos == Upos::Verb {
        r.retain(|e| !actors.contains(e));
        if r.is_empty() {
            r = threatened(&tree, w, actors);
        }
    }
    // "demanded that the Houthis halt attacks", «a exigé que la Russie
    // retire ses troupes»: a demand is made to the subject of the clause
    // that says what is demanded.
    if plover == Plover::Request && doc.words[w].upos == Upos::Verb && r.is_empty() {
        r = tree
            .children(w)
            .filter(|&c| doc.words[c].deprel == "ccomp")
            .flat_map(|v| tree.children(v))
            .filter(|&c| doc.words[c].deprel.starts_with("nsubj"))
            .flat_map(|c| tree.group(c))
            .filter(|e| !actors.contains(e))
            .collect();
    }
    dedup(&mut r);
    r.retain(|e| !actors.contains(e));
    r
}

/// How deep under a threat's verb its content clause is searched for the
/// party threatened.
const CONTENT_DEPTH: usize = 3;

/// The first party (in text order) that a subject or object of the clause a
/// threat's verb `w` introduces (`ccomp`, and the clauses under it) names, or
/// an oblique it is against or with, other than the threat's actors.
fn threatened(tree: &Tree<'_>, w: usize, actors: &[usize]) -> Vec<usize> {
    let doc = tree.doc;
    let mut level: Vec<usize> = tree
        .children(w)
        .filter(|&c| doc.words[c].deprel == "ccomp")
        .collect();
    let mut clause = level.clone();
    for _ in 1..CONTENT_DEPTH {
        level = level
            .iter()
            .flat_map(|&x| tree.children(x))
            .filter(|&c| {
                matches!(
                    doc.words[c].deprel.split(':').next(),
                    Some("advcl" | "ccomp" | "xcomp" | "conj")
                )
            })
            .collect();
        clause.extend(&level);
    }
    let mut arguments: Vec<usize> = clause
        .iter()
        .flat_map(|&v| tree.children(v))
        .filter(|&c| match doc.words[c].deprel.split(':').next() {
            Some("nsubj" | "obj" | "iobj") => true,
            // "would respond against Greece", not "sent troops to the islands".
            Some("obl") => tree.is(c, Cue::Opposed) || tree.is(c, Cue::With),
            _ => false,
        })
        .collect();
    arguments.sort_unstable();
    arguments
        .into_iter()
        .map(|c| tree.group(c))
        .map(|g| {
            g.into_iter()
                .filter(|e| !actors.contains(e))
                .collect::<Vec<_>>()
        })
        .find(|g| !g.is_empty())
        .unwrap_or_default()
}

/// The event a detector decision reports, when its core arguments are found.
pub(super) fn event(
    doc: &Document,
    res: &Resources,
    s: usize,
    d: &Decision,
    participants: &[Participant],
    anchor: Option<Anchor>,
) -> Option<Event> {
    let tree = Tree::new(doc, res, s, participants);
    let mut actors = Vec::new();
    let mut recipients = Vec::new();
    let w = d.word;
    let word = &doc.words[w];
    let noun = word.upos == Upos::Noun;
    let mut passive = tree.roles(w, noun, &mut actors, &mut recipients);
    if let Some(noun) = super::triggers::apposed_participle(doc, w) {
        let befallen = tree.group(noun);
        actors.retain(|a| !befallen.contains(a));
        recipients.extend(befallen);
        passive = true;
    }
    // "le bombardement de Kharkiv", "the shelling of Kharkiv", "l'attaque du
    // Haut-Karabakh": a town or region an attack noun owns is what it struck
    // (a group or a state is its author: "l'attaque du Hamas").
    if noun && d.plover == Plover::Assault {
        for c in tree.children(w) {
            if !(doc.words[c].deprel.starts_with("nmod") && tree.is(c, Cue::Genitive)) {
                continue;
            }
            for e in tree
                .group(c)
                .into_iter()
                .filter(|&e| town_or_region(doc, e))
            {
                actors.retain(|&a| a != e);
                recipients.push(e);
            }
        }
    }
    // "agreed to meet", "and attacked": the head's subject; "held talks with X":
    // the light verb's subject and obliques.
    if actors.is_empty() {
        if let Some(h) = word.head {
            let inherit = matches!(word.deprel.as_str(), "xcomp" | "conj")
                || (noun && word.deprel == "obj" && doc.words[h].upos == Upos::Verb);
            if inherit {
                let (mut ha, mut hr) = (Vec::new(), Vec::new());
                tree.roles(h, false, &mut ha, &mut hr);
                actors = ha;
                if noun && recipients.is_empty() {
                    recipients = hr;
                    recipients.retain(|r| !actors.contains(r));
                }
            }
        }
    }
    dedup(&mut actors);
    dedup(&mut recipients);
    recipients.retain(|r| !actors.contains(r));
    if d.plover == Plover::Consult && actors.is_empty() && recipients.len() > 1 {
        actors.push(recipients.remove(0));
    }
    if d.plover == Plover::Consult && recipients.is_empty() && actors.len() > 1 {
        recipients = actors.split_off(1);
    }
    let complete = if d.plover == Plover::Consult {
        !actors.is_empty() && !recipients.is_empty()
    } else {
        !actors.is_empty() || (passive && !recipients.is_empty())
    };
    if !complete {
        return None;
    }
    let t = word.token;
    Some(super::complete::complete_event(
        doc,
        res,
        s,
        t..t + 1,
        (d.plover, d.mode),
        actors,
        recipients,
        participants,
        anchor,
    ))
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
}

/// How many heads up an evaluative adjective looks for its judge ("réclame …
/// pour prendre acte d'une offensive «injustifiable»": four).
const JUDGE_REACH: usize = 5;

/// The judge and the judged of an evaluative adjective at token `t` that is
/// not itself a predicate ("La France réclame une réunion pour prendre acte
/// d'une offensive «illégale» menée par Bakou"): the subject of the first
/// clause above it with one, and the agents of the participles beside it or
/// the possessors of the noun it qualifies. None for a predicate ("la frappe
/// est inacceptable", whose judge is its source) or when no subject is found.
pub(super) fn judgement(
    doc: &Document,
    res: &Resources,
    s: usize,
    t: usize,
    participants: &[Participant],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let tree = Tree::new(doc, res, s, participants);
    let w = doc.words_of_token(t).next()?;
    let word = &doc.words[w];
    if word.upos != Upos::Adj
        || tree
            .children(w)
            .any(|c| doc.words[c].deprel.starts_with("nsubj"))
    {
        return None;
    }
    let mut actors = tree.subject_above(w, JUDGE_REACH);
    if actors.is_empty() {
        return None;
    }
    let mut judged = Vec::new();
    if let Some(n) = word.head {
        let noun = doc.words[n].upos == Upos::Noun;
        let mut ignored = Vec::new();
        if noun {
            tree.roles(n, true, &mut judged, &mut ignored);
        }
        for c in tree
            .children(n)
            .filter(|&c| doc.words[c].deprel.starts_with("acl"))
        {
            tree.roles(c, false, &mut judged, &mut ignored);
        }
    }
    dedup(&mut actors);
    dedup(&mut judged);
    judged.retain(|e| !actors.contains(e));
    Some((actors, judged))
}
