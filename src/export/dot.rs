//! GraphViz output: entities as nodes shaped and coloured by type, events as
//! labelled edges from actor to recipient ("CONSULT host · Moscou ·
//! 2020-10-09 · 3 articles"), or as nodes of their own; positions as dashed
//! edges. One edge (or node) per happening: the article events linked to one
//! canonical happening (`ng:happening`) are drawn once, with the union of
//! their participants, modes, places and dates.
//! The graph is built with petgraph from SPARQL results, then written as DOT.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::plover::Plover;
use crate::rdf::vocab::{ENTITIES_GRAPH, EVENTS_GRAPH, NG, RDFS, RDF_TYPE, SCHEMA};
use crate::store::GraphStore;

#[derive(Clone, Debug)]
pub enum DotNode {
    Entity { label: String, kind: String },
    Event { label: String },
}

#[derive(Clone, Debug)]
pub struct DotEdge {
    pub label: String,
    pub style: EdgeStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeStyle {
    Event,
    Symmetric,
    Role,
    Position,
}

/// One happening: the union of what the article events that report it say.
#[derive(Default)]
struct EventRow {
    plover: String,
    modes: BTreeSet<String>,
    dates: BTreeSet<String>,
    places: BTreeSet<String>,
    actors: BTreeSet<String>,
    recipients: BTreeSet<String>,
    /// The article events that report it, each with its actors and recipients.
    reports: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
    /// The articles (graphs) that report it.
    articles: BTreeSet<String>,
}

impl EventRow {
    /// One edge per pair of parties, whatever the number of reports: actor →
    /// recipient (unordered for CONSULT, whose reports often name host and
    /// guest the other way round), an undirected edge between parties that
    /// fight or agree together, a loop on a lone party.
    fn edges(&self) -> BTreeMap<(String, String), EdgeStyle> {
        let mut edges = BTreeMap::new();
        let unordered = self.plover.parse() == Ok(Plover::Consult);
        for (actors, recipients) in self.reports.values() {
            let actors: Vec<&String> = actors.iter().collect();
            let mut add = |a: &String, b: &String, style: EdgeStyle| {
                let key = (a.clone(), b.clone());
                let reverse = (b.clone(), a.clone());
                let symmetric = unordered || style == EdgeStyle::Symmetric;
                if !(symmetric && edges.contains_key(&reverse)) {
                    edges.entry(key).or_insert(style);
                }
            };
            if recipients.is_empty() {
                match actors.len() {
                    0 => {}
                    1 => add(actors[0], actors[0], EdgeStyle::Event),
                    _ => {
                        for w in actors.windows(2) {
                            add(w[0], w[1], EdgeStyle::Symmetric);
                        }
                    }
                }
            }
            for r in recipients {
                if actors.is_empty() {
                    add(r, r, EdgeStyle::Event);
                }
                for a in actors.iter().filter(|a| **a != r) {
                    add(a, r, EdgeStyle::Event);
                }
            }
        }
        edges
    }
}

fn value(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        Term::BlankNode(b) => Some(b.to_string()),
    }
}

fn rows(store: &GraphStore, query: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    match store.run(query)? {
        QueryResults::Solutions(s) => s.map(|r| r.context("cannot read results")).collect(),
        _ => bail!("internal: expected solutions"),
    }
}

/// Build the petgraph graph of the whole store or of one article graph.
pub fn build(
    store: &GraphStore,
    graph: Option<&NamedNode>,
    events_as_nodes: bool,
) -> Result<DiGraph<DotNode, DotEdge>> {
    let scope = graph
        .map(|g| format!("VALUES ?g {{ <{}> }}", g.as_str()))
        .unwrap_or_default();
    // Labels and types of mentioned entities, one label per entity (French first).
    let mut labels: HashMap<String, (String, String)> = HashMap::new();
    let label_query = format!(
        "SELECT ?e ?label ?type WHERE {{ {scope} GRAPH ?g {{ ?d <{SCHEMA}mentions> ?e }}
           GRAPH <{ENTITIES_GRAPH}> {{ ?e <{RDF_TYPE}> ?type OPTIONAL {{ ?e <{RDFS}label> ?label }} }} }}
         ORDER BY ?e DESC(LANG(?label) = \"fr\") ?label"
    );
    for row in rows(store, &label_query)? {
        let (Some(e), Some(t)) = (value(row.get("e")), value(row.get("type"))) else {
            continue;
        };
        let label = value(row.get("label"))
            .unwrap_or_else(|| e.rsplit('/').next().unwrap_or(&e).to_string());
        let kind = t.rsplit(['/', '#']).next().unwrap_or("").to_string();
        let slot = labels.entry(e).or_insert((label, kind.clone()));
        // Keep the finest class: Country over Place.
        if !matches!(kind.as_str(), "Person" | "Organization" | "Place") {
            slot.1 = kind;
        }
    }
    // Article events grouped by the canonical happening they report (an
    // event without one, as loaded from elsewhere, is its own happening).
    let event_query = format!(
        "SELECT ?g ?v ?h ?plover ?mode ?date ?place ?actor ?recipient WHERE {{ {scope} GRAPH ?g {{
           ?v <{NG}plover> ?plover .
           OPTIONAL {{ ?v <{NG}happening> ?h }}
           OPTIONAL {{ ?v <{NG}actor> ?actor }} OPTIONAL {{ ?v <{NG}recipient> ?recipient }}
           OPTIONAL {{ ?v <{NG}mode> ?mode }} OPTIONAL {{ ?v <{SCHEMA}startDate> ?date }}
           OPTIONAL {{ ?v <{SCHEMA}location> ?place }} }}
           FILTER (?g != <{EVENTS_GRAPH}>) }}"
    );
    let mut events: BTreeMap<String, EventRow> = BTreeMap::new();
    for row in rows(store, &event_query)? {
        let Some(v) = value(row.get("v")) else {
            continue;
        };
        let ev = events
            .entry(value(row.get("h")).unwrap_or_else(|| v.clone()))
            .or_default();
        ev.plover = value(row.get("plover")).unwrap_or_default();
        ev.modes.extend(value(row.get("mode")));
        ev.dates.extend(value(row.get("date")));
        ev.places.extend(value(row.get("place")));
        ev.actors.extend(value(row.get("actor")));
        ev.recipients.extend(value(row.get("recipient")));
        ev.articles.extend(value(row.get("g")));
        let report = ev.reports.entry(v).or_default();
        report.0.extend(value(row.get("actor")));
        report.1.extend(value(row.get("recipient")));
    }
    let position_query = format!(
        "SELECT DISTINCT ?p ?role ?o WHERE {{ {scope} GRAPH ?g {{ ?p <{NG}holdsPosition> ?x . ?x <{NG}role> ?role ; <{NG}organization> ?o }} }}"
    );
    let positions = rows(store, &position_query)?;

    let mut g: DiGraph<DotNode, DotEdge> = DiGraph::new();
    let mut nodes: HashMap<String, NodeIndex> = HashMap::new();
    let mut node = |g: &mut DiGraph<DotNode, DotEdge>, iri: &str| -> NodeIndex {
        *nodes.entry(iri.to_string()).or_insert_with(|| {
            let (label, kind) = labels.get(iri).cloned().unwrap_or_else(|| {
                (
                    iri.rsplit('/').next().unwrap_or(iri).to_string(),
                    "Thing".into(),
                )
            });
            g.add_node(DotNode::Entity { label, kind })
        })
    };
    for ev in events.values() {
        let places: Vec<String> = ev
            .places
            .iter()
            .map(|p| {
                labels
                    .get(p)
                    .map(|l| l.0.clone())
                    .unwrap_or_else(|| p.rsplit('/').next().unwrap_or(p).to_string())
            })
            .collect();
        let join = |v: Vec<String>| Some(v.join(", ")).filter(|s| !s.is_empty());
        let modes: Vec<String> = ev.modes.iter().cloned().collect();
        let sources = ev.articles.len();
        let label = [
            Some(
                [ev.plover.clone()]
                    .into_iter()
                    .chain(join(modes))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            join(places),
            join(ev.dates.iter().cloned().collect()),
            (sources > 1).then(|| format!("{sources} articles")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        if events_as_nodes {
            let v = g.add_node(DotNode::Event { label });
            for a in &ev.actors {
                let n = node(&mut g, a);
                g.add_edge(
                    n,
                    v,
                    DotEdge {
                        label: "actor".into(),
                        style: EdgeStyle::Role,
                    },
                );
            }
            for r in &ev.recipients {
                let n = node(&mut g, r);
                g.add_edge(
                    v,
                    n,
                    DotEdge {
                        label: "recipient".into(),
                        style: EdgeStyle::Role,
                    },
                );
            }
            continue;
        }
        for ((from, to), style) in ev.edges() {
            let (a, b) = (node(&mut g, &from), node(&mut g, &to));
            g.add_edge(
                a,
                b,
                DotEdge {
                    label: label.clone(),
                    style,
                },
            );
        }
    }
    for row in positions {
        let (Some(p), Some(role), Some(o)) = (
            value(row.get("p")),
            value(row.get("role")),
            value(row.get("o")),
        ) else {
            continue;
        };
        let (pn, on) = (node(&mut g, &p), node(&mut g, &o));
        let role = role.rsplit('#').next().unwrap_or(&role).to_string();
        g.add_edge(
            pn,
            on,
            DotEdge {
                label: role,
                style: EdgeStyle::Position,
            },
        );
    }
    Ok(g)
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

fn node_style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "Person" => ("ellipse", "#cfe2ff"),
        "Organization"
        | "GovernmentOrganization"
        | "NewsMediaOrganization"
        | "PoliticalParty"
        | "NGO"
        | "IntergovernmentalOrganization"
        | "MilitaryOrganization"
        | "ArmedGroup" => ("box", "#ffe5b4"),
        "Country" => ("hexagon", "#d4edda"),
        "City" => ("house", "#e2f0d9"),
        "Place" | "AdministrativeArea" | "Continent" | "LandmarksOrHistoricalBuildings" => {
            ("octagon", "#e8f5e9")
        }
        _ => ("ellipse", "#eeeeee"),
    }
}

/// Write the graph as DOT.
pub fn write_dot(g: &DiGraph<DotNode, DotEdge>, mut out: impl Write) -> Result<()> {
    writeln!(out, "digraph newsgraph {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];"
    )?;
    writeln!(
        out,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    for i in g.node_indices() {
        match &g[i] {
            DotNode::Entity { label, kind } => {
                let (shape, color) = node_style(kind);
                writeln!(
                    out,
                    "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];",
                    i.index(),
                    escape(label),
                    escape(kind)
                )?;
            }
            DotNode::Event { label } => {
                writeln!(
                    out,
                    "  n{} [label=\"{}\", shape=diamond, fillcolor=\"#f8d7da\"];",
                    i.index(),
                    escape(label)
                )?;
            }
        }
    }
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).context("edge without ends")?;
        let edge = &g[e];
        let style = match edge.style {
            EdgeStyle::Event => "color=\"#b02a37\"",
            EdgeStyle::Symmetric => "color=\"#b02a37\", dir=none",
            EdgeStyle::Role => "color=\"#666666\"",
            EdgeStyle::Position => "color=\"#0d6efd\", style=dashed",
        };
        writeln!(
            out,
            "  n{} -> n{} [label=\"{}\", {style}];",
            a.index(),
            b.index(),
            escape(&edge.label)
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// Render DOT to SVG with GraphViz's `dot`.
pub fn render_svg(dot: &[u8]) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow::anyhow!("GraphViz `dot` is not installed (Debian: apt-get install graphviz); use --format dot"),
            _ => anyhow::anyhow!("cannot run GraphViz `dot`: {e}"),
        })?;
    child
        .stdin
        .take()
        .context("dot: no stdin")?
        .write_all(dot)?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "GraphViz `dot` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(actors: &[&str], recipients: &[&str]) -> (BTreeSet<String>, BTreeSet<String>) {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        (set(actors), set(recipients))
    }

    #[test]
    fn a_happening_is_one_edge_per_pair_however_many_reports() {
        let mut ev = EventRow {
            plover: Plover::Consult.to_string(),
            ..EventRow::default()
        };
        ev.reports
            .insert("a/event/1".into(), report(&["arm"], &["aze"]));
        ev.reports
            .insert("b/event/1".into(), report(&["aze"], &["arm"]));
        ev.reports
            .insert("c/event/2".into(), report(&["aze"], &["arm", "rus"]));
        let edges = ev.edges();
        assert_eq!(edges.len(), 2, "{edges:?}");
        // Other types keep their direction.
        ev.plover = Plover::Accuse.to_string();
        assert_eq!(ev.edges().len(), 3);
    }
}
