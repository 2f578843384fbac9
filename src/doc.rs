//! The document that flows through the pipeline. Every stage reads and writes
//! one `Document`; spans are byte ranges into `Document::text`, converted to
//! Unicode character offsets only when written to the graph.

use std::ops::Range;

use chrono::NaiveDate;

/// Languages with resources under `ontology/lang/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Coarse entity types of the RDF contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Organization,
    Place,
}

impl EntityType {
    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "Person" | "PER" => Some(EntityType::Person),
            "Organization" | "ORG" => Some(EntityType::Organization),
            "Place" | "LOC" => Some(EntityType::Place),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
        }
    }
}

/// An article as read from disk, before any processing.
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// Stable identity: JSONL `id`, else URL, else the file's base name.
    pub id: String,
    /// Base name of the file the article came from.
    pub source_file: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub lang: Option<Lang>,
    /// Raw text (HTML already reduced to text with line breaks per block).
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub span: Range<usize>,
}

/// A syntactic word (Universal Dependencies) from the parse stage. A surface token
/// is one word, or several when it is a contraction (French `du` = `de` + `le`): the
/// words then share the token, which keeps the offsets (`Document::tokens[token].span`).
#[derive(Clone, Debug)]
pub struct Word {
    /// Index into `Document::tokens` of the surface token the word belongs to.
    pub token: usize,
    /// Index into `Document::sentences`.
    pub sentence: usize,
    /// The word's form (`le` for the second word of `du`).
    pub form: String,
    pub upos: crate::syntax::Upos,
    pub lemma: String,
    /// Index into `Document::words` of the head; None for the sentence's root.
    pub head: Option<usize>,
    /// UD relation to the head (`nsubj`, `obl:mod`, `root`).
    pub deprel: String,
}

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Range<usize>,
    /// Index range into `Document::tokens`.
    pub tokens: Range<usize>,
}

/// How a mention was found; kept as provenance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionSource {
    /// A name or alias of the curated knowledge base.
    Knowledge,
    /// A title/apposition or institution pattern of the language resources.
    Rule,
    /// The statistical tagger.
    Model,
}

#[derive(Clone, Debug)]
pub struct Mention {
    pub span: Range<usize>,
    /// Index range into `Document::tokens`.
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub etype: EntityType,
    pub source: MentionSource,
    /// Curated or composed entity id when recognition already knows it.
    pub known_id: Option<String>,
    /// A finer class recognition found ("Building" for "la cathédrale Saint-Sauveur").
    pub subtype: Option<String>,
    /// Index into `Document::entities`, set by the resolve stage.
    pub entity: Option<usize>,
}

/// Why a surface form was attached to an entity; written as `ng:mergeReason`.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeReason {
    Alias,
    Surname,
    Fuzzy(f32),
}

impl MergeReason {
    pub fn label(&self) -> String {
        match self {
            MergeReason::Alias => "alias".into(),
            MergeReason::Surname => "surname".into(),
            MergeReason::Fuzzy(score) => format!("fuzzy:{score:.2}"),
        }
    }
}

/// The subtype of a body of states (the UN, NATO, the African Union).
pub const INTERGOVERNMENTAL: &str = "IntergovernmentalOrganization";

/// A real-world entity mentioned in the document.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Stable id: curated id, or one minted from type and folded name.
    pub id: String,
    pub etype: EntityType,
    /// Finer class: Country, City, Region, Building, GovernmentOrganization, ...
    pub subtype: Option<String>,
    pub name: String,
    /// Every surface form seen in this document.
    pub surface_forms: Vec<String>,
    pub wikidata: Option<String>,
    pub from_knowledge: bool,
    pub merge_reasons: Vec<MergeReason>,
}

/// `ng:` role names of the RDF contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    President,
    PrimeMinister,
    ForeignMinister,
    DefenceMinister,
    Minister,
    Ambassador,
    Spokesperson,
    Pope,
    Leader,
    Other,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "President" => Role::President,
            "PrimeMinister" => Role::PrimeMinister,
            "ForeignMinister" => Role::ForeignMinister,
            "DefenceMinister" => Role::DefenceMinister,
            "Minister" => Role::Minister,
            "Ambassador" => Role::Ambassador,
            "Spokesperson" => Role::Spokesperson,
            "Pope" => Role::Pope,
            "Leader" => Role::Leader,
            "Other" => Role::Other,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::President => "President",
            Role::PrimeMinister => "PrimeMinister",
            Role::ForeignMinister => "ForeignMinister",
            Role::DefenceMinister => "DefenceMinister",
            Role::Minister => "Minister",
            Role::Ambassador => "Ambassador",
            Role::Spokesperson => "Spokesperson",
            Role::Pope => "Pope",
            Role::Leader => "Leader",
            Role::Other => "Other",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Position {
    pub person: usize,
    pub role: Role,
    pub organization: usize,
    pub sentence: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationKind {
    MemberOf,
    ContainedInPlace,
    AlliedWith,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Relation {
    pub subject: usize,
    pub kind: RelationKind,
    pub object: usize,
}

/// A date as precise as the text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventDate {
    Day(NaiveDate),
    Month(i32, u32),
}

impl EventDate {
    pub fn lexical(&self) -> String {
        match self {
            EventDate::Day(d) => d.format("%Y-%m-%d").to_string(),
            EventDate::Month(y, m) => format!("{y:04}-{m:02}"),
        }
    }
}

/// Where a date came from: the sentence itself, or the publication date as a fallback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBasis {
    Text,
    Publication,
}

/// A PLOVER event: one happening the article reports, with every sentence that reports it.
#[derive(Clone, Debug)]
pub struct Event {
    pub plover: crate::plover::Plover,
    pub mode: Option<crate::plover::Mode>,
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub place: Option<usize>,
    pub date: Option<(EventDate, DateBasis)>,
    /// The sentences that report it, in text order; never empty.
    pub mentions: Vec<EventMention>,
    pub confidence: f32,
}

/// One report of an event: its sentence and the trigger words' byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventMention {
    pub sentence: usize,
    pub trigger: Range<usize>,
}

/// SHA-256 of an article's raw text and the program version, to skip
/// articles that are unchanged and were processed by this same version.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\n");
    hasher.update(text.as_bytes());
    format!("{:x}", hasher.finalize())
}

/// The article with every layer the stages add.
#[derive(Clone, Debug)]
pub struct Document {
    pub article: Article,
    pub lang: Lang,
    /// Cleaned text: the article without page furniture.
    pub text: String,
    pub content_hash: String,
    pub tokens: Vec<Token>,
    /// Each token folded (`text::fold`), for matching word lists.
    pub folded: Vec<String>,
    pub sentences: Vec<Sentence>,
    /// Syntactic words in text order (parse stage; empty before it): every token has
    /// one or more, see [`Word`], [`Document::words_of_token`], [`Document::sentence_words`].
    pub words: Vec<Word>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub positions: Vec<Position>,
    pub relations: Vec<Relation>,
    pub events: Vec<Event>,
}

impl Document {
    pub fn new(article: Article, lang: Lang, text: String) -> Document {
        let content_hash = content_hash(&article.text);
        Document {
            article,
            lang,
            text,
            content_hash,
            tokens: Vec::new(),
            folded: Vec::new(),
            sentences: Vec::new(),
            words: Vec::new(),
            mentions: Vec::new(),
            entities: Vec::new(),
            positions: Vec::new(),
            relations: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Whether token `i` holds a letter or digit (not punctuation).
    pub fn is_word(&self, i: usize) -> bool {
        self.folded[i].chars().any(char::is_alphanumeric)
    }

    pub fn token_text(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.clone()]
    }

    pub fn span_text(&self, span: &Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    pub fn sentence_text(&self, s: usize) -> &str {
        &self.text[self.sentences[s].span.clone()]
    }

    /// The words of token `i` (several for a contraction; empty before the parse stage).
    pub fn words_of_token(&self, i: usize) -> Range<usize> {
        let a = self.words.partition_point(|w| w.token < i);
        let b = self.words.partition_point(|w| w.token <= i);
        a..b
    }

    /// The mentions of sentence `s` (mentions are kept in text order).
    pub fn sentence_mentions(&self, s: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.sentence < s);
        let b = self.mentions.partition_point(|m| m.sentence <= s);
        &self.mentions[a..b]
    }

    /// The mention covering token `t`, if any.
    pub fn mention_at(&self, t: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.tokens.end <= t);
        self.mentions.get(i).filter(|m| m.tokens.contains(&t))
    }

    /// The words of sentence `s` (empty before the parse stage).
    pub fn sentence_words(&self, s: usize) -> Range<usize> {
        let a = self.words.partition_point(|w| w.sentence < s);
        let b = self.words.partition_point(|w| w.sentence <= s);
        a..b
    }

    /// The head word of the phrase over `tokens`: its first word whose head
    /// lies outside them (none before the parse stage).
    pub fn phrase_head(&self, tokens: &Range<usize>) -> Option<usize> {
        tokens
            .clone()
            .flat_map(|t| self.words_of_token(t))
            .find(|&w| {
                self.words[w]
                    .head
                    .is_none_or(|h| !tokens.contains(&self.words[h].token))
            })
    }

    /// The word `w` and the words above it in the parse, nearest first.
    pub fn word_and_heads(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(w), |&h| self.words[h].head).take(self.words.len())
    }

    /// Unicode character offset of a byte offset (as NIF and Web Annotation count).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.text[..byte].chars().count()
    }
}
