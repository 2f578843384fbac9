//! The pipeline: read → clean → segment → parse → recognise → resolve → positions →
//! extract events → relations, over one `Document`, with the language's
//! resources, the curated knowledge and the statistical tagger.

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::dates;
use crate::doc::{Article, Document, Lang};
use crate::kb::Knowledge;
use crate::lang::Resources;
use crate::ner::NerModel;
use crate::syntax::SyntaxModel;
use crate::{clean, events, facts, parse, recognise, resolve, segment};

/// The stage to stop after, for debugging (`--until`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Stage {
    Clean,
    Segment,
    Parse,
    Recognise,
    Resolve,
    Events,
    All,
}

/// Options an article does not carry itself.
#[derive(Clone, Debug, Default)]
pub struct ArticleDefaults {
    /// Language when the article does not say; else it is detected.
    pub lang: Option<Lang>,
    /// Publication date when the article does not say.
    pub date: Option<NaiveDate>,
}

pub struct Pipeline {
    pub kb: Knowledge,
    fr: Resources,
    en: Resources,
    fr_model: Option<NerModel>,
    en_model: Option<NerModel>,
    /// Syntax models replacing the embedded ones (`SyntaxModel::embedded`).
    fr_syntax: Option<SyntaxModel>,
    en_syntax: Option<SyntaxModel>,
}

/// The shipped tagger weights, embedded.
const FR_MODEL: &[u8] = include_bytes!("../ontology/models/ner-fr.bin");
const EN_MODEL: &[u8] = include_bytes!("../ontology/models/ner-en.bin");

/// An embedded model; an empty file (a build without trained weights) means none.
fn embedded_model(bytes: &'static [u8], name: &str) -> Result<Option<NerModel>> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let model = NerModel::from_bytes(bytes).with_context(|| format!("{name}: cannot load"))?;
    crate::memory::release_embedded(bytes);
    Ok(Some(model))
}

impl Pipeline {
    /// The pipeline with the embedded knowledge, resources and models.
    pub fn new() -> Result<Pipeline> {
        Ok(Pipeline {
            kb: Knowledge::embedded()?,
            fr: Resources::embedded(Lang::Fr)?,
            en: Resources::embedded(Lang::En)?,
            fr_model: embedded_model(FR_MODEL, "ontology/models/ner-fr.bin")?,
            en_model: embedded_model(EN_MODEL, "ontology/models/ner-en.bin")?,
            fr_syntax: None,
            en_syntax: None,
        })
    }

    /// Use this tagger for its language instead of the embedded one.
    pub fn with_model(mut self, model: NerModel) -> Pipeline {
        match model.lang() {
            "fr" => self.fr_model = Some(model),
            _ => self.en_model = Some(model),
        }
        self
    }

    /// Use this syntax model for its language instead of the embedded one.
    pub fn with_syntax_model(mut self, model: SyntaxModel) -> Pipeline {
        match model.lang() {
            "fr" => self.fr_syntax = Some(model),
            _ => self.en_syntax = Some(model),
        }
        self
    }

    /// The syntax model of a language: one given, else the embedded one (loaded once).
    pub fn syntax_model(&self, lang: Lang) -> Option<&SyntaxModel> {
        let given = match lang {
            Lang::Fr => self.fr_syntax.as_ref(),
            Lang::En => self.en_syntax.as_ref(),
        };
        given.or_else(|| SyntaxModel::embedded(lang.code()))
    }

    /// Without the statistical tagger: knowledge and rules only.
    pub fn without_models(mut self) -> Pipeline {
        self.fr_model = None;
        self.en_model = None;
        self
    }

    pub fn resources(&self, lang: Lang) -> &Resources {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    fn model(&self, lang: Lang) -> Option<&NerModel> {
        match lang {
            Lang::Fr => self.fr_model.as_ref(),
            Lang::En => self.en_model.as_ref(),
        }
    }

    /// Segment, parse and recognise a text as it is (no cleaning, so offsets are the
    /// text's own): the input of the event detector's training and evaluation.
    pub fn analyse_text(&self, text: &str, lang: Lang) -> Document {
        let res = self.resources(lang);
        let mut doc = Document::new(Article::default(), lang, text.to_string());
        segment::segment(&mut doc, res);
        parse::parse(&mut doc, self.syntax_model(lang));
        recognise::recognise(&mut doc, &self.kb, res, self.model(lang));
        doc
    }

    /// Run every stage on one article.
    pub fn process(&self, article: Article, defaults: &ArticleDefaults) -> Result<Document> {
        self.process_until(article, defaults, Stage::All)
    }

    pub fn process_until(
        &self,
        mut article: Article,
        defaults: &ArticleDefaults,
        until: Stage,
    ) -> Result<Document> {
        if article.published.is_none() {
            article.published = defaults.date;
        }
        // The declared language, else the detected one (furniture is too little text to mislead it).
        let lang = article
            .lang
            .or(defaults.lang)
            .or_else(|| clean::detect_language(&article.text))
            .unwrap_or(Lang::En);
        let res = self.resources(lang);
        let text = clean::clean(&article.text, res);
        if article.title.is_none() {
            article.title = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_string());
        }
        let mut doc = Document::new(article, lang, text);
        if until == Stage::Clean {
            return Ok(doc);
        }
        segment::segment(&mut doc, res);
        if until == Stage::Segment {
            return Ok(doc);
        }
        parse::parse(&mut doc, self.syntax_model(lang));
        if until == Stage::Parse {
            return Ok(doc);
        }
        recognise::recognise(&mut doc, &self.kb, res, self.model(lang));
        if until == Stage::Recognise {
            return Ok(doc);
        }
        resolve::resolve(&mut doc, &self.kb, res);
        facts::positions(&mut doc, &self.kb, res);
        if until == Stage::Resolve {
            return Ok(doc);
        }
        let anchor = dates::publication_anchor(&doc, res);
        if doc.article.published.is_none() {
            doc.article.published = anchor.and_then(|a| a.day);
        }
        events::extract(&mut doc, &self.kb, res, anchor);
        facts::relations(&mut doc, &self.kb, res);
        Ok(doc)
    }
}

/// Run the whole pipeline on a text, for the stages' tests.
#[cfg(test)]
pub(crate) fn analyse(text: &str, lang: Lang, published: &str) -> Document {
    use std::sync::OnceLock;
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new().expect("pipeline"));
    let article = Article {
        id: "test".into(),
        source_file: "test.txt".into(),
        lang: Some(lang),
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        text: text.into(),
        ..Article::default()
    };
    pipeline
        .process(article, &ArticleDefaults::default())
        .expect("process")
}

/// An event in a compact form for assertions: `TYPE mode actors>recipients @place date`.
#[cfg(test)]
pub(crate) fn describe_events(doc: &Document) -> Vec<String> {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&e| doc.entities[e].id.clone())
            .collect::<Vec<_>>()
            .join(",")
    };
    doc.events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}>{} @{} {}",
                e.plover,
                e.mode.map_or("-", |m| m.as_str()),
                ids(&e.actors),
                ids(&e.recipients),
                e.place.map(|p| doc.entities[p].id.as_str()).unwrap_or("-"),
                e.date.map(|(d, _)| d.lexical()).unwrap_or_default()
            )
        })
        .collect()
}
