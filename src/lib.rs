//! newsgraph: news articles (French, English; text or HTML) → an
//! event-centric RDF knowledge graph in oxigraph.
//!
//! The library is a pipeline of stages over one [`doc::Document`]:
//! [`read`] → [`clean`] → [`segment`] → [`parse`] (UPOS, lemmas and
//! dependencies from the [`syntax`] models) → [`recognise`] (curated knowledge,
//! rules and the [`ner`] tagger) → [`resolve`] → [`facts`] (positions,
//! relations) → [`events`] (PLOVER) → [`rdf`] (quads) → [`store`] →
//! [`query`] / [`export`] / [`serve`]. [`pipeline::Pipeline`] runs the
//! stages; [`ingest`] drives it over files into the store. The statistical
//! models ([`ner`], [`syntax`]) are tasks on one learner, [`learn`]. Matching
//! that several stages share (titles, demonyms, complements) is one lower
//! layer, [`matching`]; the vocabularies are enums ([`plover`], [`cue`]).
//! Language resources are data files under `ontology/lang/<code>/`, curated
//! entities under `ontology/kb/`.
//!
//! ```
//! use newsgraph::pipeline::{ArticleDefaults, Pipeline};
//! use newsgraph::doc::{Article, Lang};
//!
//! let pipeline = Pipeline::new().unwrap();
//! let article = Article {
//!     id: "example".into(),
//!     source_file: "example.txt".into(),
//!     lang: Some(Lang::En),
//!     text: "Lavrov hosts Bayramov and Mnatsakanian in Moscow.".into(),
//!     ..Article::default()
//! };
//! let doc = pipeline.process(article, &ArticleDefaults::default()).unwrap();
//! assert_eq!(doc.events[0].plover, newsgraph::plover::Plover::Consult);
//! ```

pub mod clean;
pub mod cue;
pub mod dates;
pub mod doc;
pub mod events;
pub mod export;
pub mod facts;
pub mod ingest;
pub mod kb;
pub mod lang;
pub mod learn;
pub mod matching;
pub mod memory;
pub mod ner;
pub mod parse;
pub mod pipeline;
pub mod plover;
pub mod push;
pub mod query;
pub mod rdf;
pub mod read;
pub mod recognise;
pub mod resolve;
pub mod score;
pub mod segment;
pub mod serve;
pub mod store;
pub mod syntax;
pub mod text;
