//! What the graph-tool exports (GraphML, Neo4j, the event table) read from
//! the store, by SPARQL: the articles, the entities they mention (labels by
//! language, type, Wikidata id, from the shared entities graph), the events of
//! the article graphs (one per article that reports a happening), and the
//! positions and relations between entities.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use oxigraph::model::NamedNode;

use super::{iri_tail, rows, scope, value};
use crate::rdf::vocab::{ENTITIES_GRAPH, EVENTS_GRAPH, NG, OWL, RDFS, RDF_TYPE, SCHEMA, WIKIDATA};
use crate::store::GraphStore;

/// An entity node.
#[derive(Clone, Debug, Default)]
pub struct Entity {
    pub iri: String,
    /// (language tag, label), sorted.
    pub labels: Vec<(String, String)>,
    /// Person, Organization, Place, or Thing for an entity with no description.
    pub kind: String,
    /// The finest class: Country, City, GovernmentOrganization … (else `kind`).
    pub class: String,
    /// The Wikidata id (`Q399`), when known.
    pub wikidata: Option<String>,
}

impl Entity {
    /// The label in `lang`, else French, else English, else any, else the IRI's end.
    pub fn label(&self, lang: Option<&str>) -> String {
        let find = |l: &str| self.labels.iter().find(|(t, _)| t == l);
        lang.and_then(find)
            .or_else(|| find("fr"))
            .or_else(|| find("en"))
            .or_else(|| self.labels.first())
            .map(|(_, label)| label.clone())
            .unwrap_or_else(|| iri_tail(&self.iri).to_string())
    }
}

/// An article (named graph).
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub iri: String,
    /// `ng:articleId` (a file name, a JSONL id), else the IRI's end.
    pub id: String,
    pub lang: Option<String>,
    pub headline: Option<String>,
    pub published: Option<String>,
}

/// An article event.
#[derive(Clone, Debug, Default)]
pub struct Event {
    pub iri: String,
    /// The article graph that reports it.
    pub article: String,
    /// PLOVER type (`CONSULT`).
    pub plover: String,
    pub modes: Vec<String>,
    pub dates: Vec<String>,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub places: Vec<String>,
    /// Evidence sentences in text order.
    pub evidence: Vec<String>,
    pub happening: Option<String>,
    pub confidence: Option<f64>,
}

impl Event {
    /// The actor → recipient pairs of distinct entities: the edges an event
    /// draws between entities. Empty when it has no recipient (or no actor,
    /// or only itself as both): then it is drawn as a node of its own.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs = Vec::new();
        for a in &self.actors {
            for r in self.recipients.iter().filter(|r| *r != a) {
                pairs.push((a.as_str(), r.as_str()));
            }
        }
        pairs
    }
}

/// A position (`P ng:holdsPosition X . X ng:role R ; ng:organization O`) or a
/// relation (`schema:memberOf`, `schema:containedInPlace`, `ng:alliedWith`)
/// between two entities, with the articles that state it.
#[derive(Clone, Debug, Default)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// `position` or `relation`.
    pub kind: &'static str,
    /// The role (`ForeignMinister`) or the relation (`memberOf`).
    pub label: String,
    pub articles: Vec<String>,
}

/// Everything the graph-tool exports draw.
#[derive(Clone, Debug, Default)]
pub struct Records {
    pub articles: BTreeMap<String, Article>,
    /// Every entity an article mentions or an event, position or relation names.
    pub entities: BTreeMap<String, Entity>,
    /// (article, entity) for each `schema:mentions`.
    pub mentions: Vec<(String, String)>,
    /// By article, then by the event's number in it.
    pub events: Vec<Event>,
    pub links: Vec<Link>,
}

impl Records {
    /// An entity's label (see [`Entity::label`]).
    pub fn label(&self, iri: &str, lang: Option<&str>) -> String {
        match self.entities.get(iri) {
            Some(e) => e.label(lang),
            None => iri_tail(iri).to_string(),
        }
    }

    /// The language labels of an event take: `lang`, else its article's.
    pub fn event_lang<'a>(&'a self, event: &Event, lang: Option<&'a str>) -> Option<&'a str> {
        lang.or_else(|| self.articles.get(&event.article)?.lang.as_deref())
    }

    /// The id of the article of an event.
    pub fn article_id<'a>(&'a self, event: &'a Event) -> &'a str {
        self.articles
            .get(&event.article)
            .map(|a| a.id.as_str())
            .unwrap_or(&event.article)
    }
}

/// `…/event/12` sorts after `…/event/9`.
fn natural_key(iri: &str) -> (String, u64, String) {
    let digits = iri.len() - iri.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, n) = iri.split_at(iri.len() - digits);
    (stem.to_string(), n.parse().unwrap_or(0), iri.to_string())
}

fn push_new(v: &mut Vec<String>, s: Option<String>) {
    if let Some(s) = s {
        if !v.contains(&s) {
            v.push(s);
        }
    }
}

/// Read the records of the whole store, or of one article graph.
pub fn read(store: &GraphStore, graph: Option<&NamedNode>) -> Result<Records> {
    let scope = scope(graph);
    let mut records = Records::default();

    let query = format!(
        "SELECT ?g ?id ?lang ?title ?date WHERE {{ {scope} GRAPH ?g {{ ?g <{RDF_TYPE}> <{SCHEMA}NewsArticle>
           OPTIONAL {{ ?g <{NG}articleId> ?id }} OPTIONAL {{ ?g <{SCHEMA}inLanguage> ?lang }}
           OPTIONAL {{ ?g <{SCHEMA}headline> ?title }} OPTIONAL {{ ?g <{SCHEMA}datePublished> ?date }} }} }}"
    );
    for row in rows(store, &query)? {
        let Some(g) = value(row.get("g")) else {
            continue;
        };
        let id = value(row.get("id")).unwrap_or_else(|| iri_tail(&g).to_string());
        records.articles.entry(g.clone()).or_insert(Article {
            iri: g,
            id,
            lang: value(row.get("lang")),
            headline: value(row.get("title")),
            published: value(row.get("date")),
        });
    }

    let query = format!(
        "SELECT DISTINCT ?d ?e WHERE {{ {scope} GRAPH ?g {{ ?d <{SCHEMA}mentions> ?e }} FILTER (isIRI(?e)) }} ORDER BY ?d ?e"
    );
    for row in rows(store, &query)? {
        if let (Some(d), Some(e)) = (value(row.get("d")), value(row.get("e"))) {
            records.mentions.push((d, e));
        }
    }

    // Events: every value of the properties drawn, one row each.
    let query = format!(
        "SELECT ?g ?v ?p ?o WHERE {{ {scope} GRAPH ?g {{ ?v <{NG}plover> ?type . ?v ?p ?o .
           VALUES ?p {{ <{NG}plover> <{NG}actor> <{NG}recipient> <{NG}mode> <{SCHEMA}startDate>
                        <{SCHEMA}location> <{NG}happening> <{NG}confidence> }} }}
           FILTER (?g != <{EVENTS_GRAPH}>) }}"
    );
    let mut events: BTreeMap<(String, String), Event> = BTreeMap::new();
    for row in rows(store, &query)? {
        let (Some(g), Some(v), Some(p)) = (
            value(row.get("g")),
            value(row.get("v")),
            value(row.get("p")),
        ) else {
            continue;
        };
        let o = value(row.get("o"));
        let ev = events.entry((g.clone(), v.clone())).or_insert(Event {
            iri: v,
            article: g,
            ..Event::default()
        });
        match p.strip_prefix(NG).or_else(|| p.strip_prefix(SCHEMA)) {
            Some("plover") => ev.plover = o.unwrap_or_default(),
            Some("actor") => push_new(&mut ev.actors, o),
            Some("recipient") => push_new(&mut ev.recipients, o),
            Some("mode") => push_new(&mut ev.modes, o),
            Some("startDate") => push_new(&mut ev.dates, o),
            Some("location") => push_new(&mut ev.places, o),
            Some("happening") => ev.happening = o,
            Some("confidence") => ev.confidence = o.and_then(|c| c.parse().ok()),
            _ => {}
        }
    }
    // Evidence sentences, in text order where their offsets are known.
    let query = format!(
        "SELECT ?g ?v ?text (MIN(?start) AS ?at) WHERE {{ {scope} GRAPH ?g {{ ?v <{NG}plover> ?type ; <{NG}evidence> ?text .
           OPTIONAL {{ ?v <{NG}mention> ?m . ?m <{NG}evidence> ?text ; <{NG}evidenceStart> ?start }} }} }}
         GROUP BY ?g ?v ?text ORDER BY ?g ?v ?at ?text"
    );
    for row in rows(store, &query)? {
        let (Some(g), Some(v)) = (value(row.get("g")), value(row.get("v"))) else {
            continue;
        };
        if let Some(ev) = events.get_mut(&(g, v)) {
            push_new(&mut ev.evidence, value(row.get("text")));
        }
    }
    for ev in events.values_mut() {
        ev.actors.sort();
        ev.recipients.sort();
        ev.modes.sort();
        ev.dates.sort();
        ev.places.sort();
    }
    records.events = events.into_values().collect();
    records
        .events
        .sort_by_cached_key(|e| (e.article.clone(), natural_key(&e.iri)));

    // Positions and relations, one link per (from, label, to).
    let mut links: BTreeMap<(String, String, String), Link> = BTreeMap::new();
    let query = format!(
        "SELECT DISTINCT ?g ?s ?label ?o ?kind WHERE {{ {scope} GRAPH ?g {{
           {{ ?s <{NG}holdsPosition> ?x . ?x <{NG}role> ?label ; <{NG}organization> ?o . BIND(\"position\" AS ?kind) }}
           UNION {{ ?s ?label ?o . VALUES ?label {{ <{SCHEMA}memberOf> <{SCHEMA}containedInPlace> <{NG}alliedWith> }}
                    BIND(\"relation\" AS ?kind) }} }} FILTER (isIRI(?o)) }} ORDER BY ?g"
    );
    for row in rows(store, &query)? {
        let (Some(g), Some(s), Some(label), Some(o), Some(kind)) = (
            value(row.get("g")),
            value(row.get("s")),
            value(row.get("label")),
            value(row.get("o")),
            value(row.get("kind")),
        ) else {
            continue;
        };
        let label = iri_tail(&label).to_string();
        let link = links
            .entry((s.clone(), label.clone(), o.clone()))
            .or_insert(Link {
                from: s,
                to: o,
                kind: if kind == "position" {
                    "position"
                } else {
                    "relation"
                },
                label,
                articles: Vec::new(),
            });
        push_new(&mut link.articles, Some(g));
    }
    records.links = links.into_values().collect();

    // The entities all of these name, described from the shared graph.
    let mut wanted: BTreeSet<String> = records.mentions.iter().map(|m| m.1.clone()).collect();
    for ev in &records.events {
        wanted.extend(
            ev.actors
                .iter()
                .chain(&ev.recipients)
                .chain(&ev.places)
                .cloned(),
        );
    }
    for l in &records.links {
        wanted.insert(l.from.clone());
        wanted.insert(l.to.clone());
    }
    let query = format!(
        "SELECT ?e ?p ?o WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o
           VALUES ?p {{ <{RDF_TYPE}> <{RDFS}label> <{OWL}sameAs> }} }} }}"
    );
    let coarse = ["Person", "Organization", "Place"];
    for row in rows(store, &query)? {
        let (Some(e), Some(p)) = (value(row.get("e")), value(row.get("p"))) else {
            continue;
        };
        if !wanted.contains(&e) {
            continue;
        }
        let entity = records.entities.entry(e.clone()).or_insert(Entity {
            iri: e,
            ..Entity::default()
        });
        let o = row.get("o");
        if p == RDF_TYPE {
            let class = iri_tail(&value(o).unwrap_or_default()).to_string();
            if coarse.contains(&class.as_str()) {
                entity.kind = class;
            } else {
                entity.class = class;
            }
        } else if p == format!("{RDFS}label") {
            if let Some(oxigraph::model::Term::Literal(l)) = o {
                let lang = l.language().unwrap_or("").to_string();
                entity.labels.push((lang, l.value().to_string()));
            }
        } else if let Some(q) = value(o).as_deref().and_then(|w| w.strip_prefix(WIKIDATA)) {
            entity.wikidata = Some(q.to_string());
        }
    }
    for iri in wanted {
        let entity = records.entities.entry(iri.clone()).or_insert(Entity {
            iri,
            ..Entity::default()
        });
        if entity.kind.is_empty() {
            entity.kind = "Thing".into();
        }
        if entity.class.is_empty() {
            entity.class = entity.kind.clone();
        }
        entity.labels.sort();
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_without_a_distinct_recipient_draw_no_pair() {
        let ev = |actors: &[&str], recipients: &[&str]| Event {
            actors: actors.iter().map(|s| s.to_string()).collect(),
            recipients: recipients.iter().map(|s| s.to_string()).collect(),
            ..Event::default()
        };
        assert_eq!(ev(&["a"], &["b", "c"]).pairs(), [("a", "b"), ("a", "c")]);
        assert!(ev(&["a"], &[]).pairs().is_empty());
        assert!(ev(&[], &["b"]).pairs().is_empty());
        assert!(ev(&["a"], &["a"]).pairs().is_empty(), "never a loop");
        assert_eq!(ev(&["a", "b"], &["a"]).pairs(), [("b", "a")]);
    }

    #[test]
    fn labels_prefer_the_asked_language() {
        let e = Entity {
            iri: "https://w3id.org/newsgraph/entity/armenia".into(),
            labels: vec![
                ("en".into(), "Armenia".into()),
                ("fr".into(), "Arménie".into()),
            ],
            ..Entity::default()
        };
        assert_eq!(e.label(Some("en")), "Armenia");
        assert_eq!(e.label(None), "Arménie");
        assert_eq!(e.label(Some("de")), "Arménie");
        assert_eq!(
            Entity {
                labels: vec![],
                ..e
            }
            .label(None),
            "armenia"
        );
        assert!(natural_key("x/event/12") > natural_key("x/event/9"));
    }
}
