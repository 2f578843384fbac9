//! GraphViz output: entities as nodes shaped and coloured by type, events as
//! labelled edges from actor to recipient ("CONSULT host · Moscou ·
//! 2020-10-09"), or as nodes of their own; positions as dashed edges.
//! The graph is built with petgraph from SPARQL results, then written as DOT.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::rdf::vocab::{ENTITIES_GRAPH, NG, RDFS, RDF_TYPE, SCHEMA};
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

#[derive(Default)]
struct EventRow {
    plover: String,
    mode: Option<String>,
    date: Option<String>,
    place: Option<String>,
    actors: BTreeSet<String>,
    recipients: BTreeSet<String>,
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
    let event_query = format!(
        "SELECT ?v ?plover ?mode ?date ?place ?actor ?recipient WHERE {{ {scope} GRAPH ?g {{
           ?v <{NG}plover> ?plover .
           OPTIONAL {{ ?v <{NG}actor> ?actor }} OPTIONAL {{ ?v <{NG}recipient> ?recipient }}
           OPTIONAL {{ ?v <{NG}mode> ?mode }} OPTIONAL {{ ?v <{SCHEMA}startDate> ?date }}
           OPTIONAL {{ ?v <{SCHEMA}location> ?place }} }} }}"
    );
    let mut events: BTreeMap<String, EventRow> = BTreeMap::new();
    for row in rows(store, &event_query)? {
        let Some(v) = value(row.get("v")) else {
            continue;
        };
        let ev = events.entry(v).or_default();
        ev.plover = value(row.get("plover")).unwrap_or_default();
        ev.mode = value(row.get("mode"));
        ev.date = value(row.get("date"));
        ev.place = value(row.get("place"));
        ev.actors.extend(value(row.get("actor")));
        ev.recipients.extend(value(row.get("recipient")));
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
        let place = ev.place.as_ref().map(|p| {
            labels
                .get(p)
                .map(|l| l.0.clone())
                .unwrap_or_else(|| p.rsplit('/').next().unwrap_or(p).to_string())
        });
        let label = [
            Some(format!(
                "{}{}",
                ev.plover,
                ev.mode
                    .as_ref()
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default()
            )),
            place,
            ev.date.clone(),
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
        let actors: Vec<&String> = ev.actors.iter().collect();
        if ev.recipients.is_empty() {
            // Parties that fight or agree together: undirected edges between them.
            match actors.len() {
                0 => {}
                1 => {
                    let a = node(&mut g, actors[0]);
                    g.add_edge(
                        a,
                        a,
                        DotEdge {
                            label: label.clone(),
                            style: EdgeStyle::Event,
                        },
                    );
                }
                _ => {
                    for w in actors.windows(2) {
                        let (a, b) = (node(&mut g, w[0]), node(&mut g, w[1]));
                        g.add_edge(
                            a,
                            b,
                            DotEdge {
                                label: label.clone(),
                                style: EdgeStyle::Symmetric,
                            },
                        );
                    }
                }
            }
        }
        for r in &ev.recipients {
            let rn = node(&mut g, r);
            if actors.is_empty() {
                g.add_edge(
                    rn,
                    rn,
                    DotEdge {
                        label: label.clone(),
                        style: EdgeStyle::Event,
                    },
                );
            }
            for a in &actors {
                let an = node(&mut g, a);
                g.add_edge(
                    an,
                    rn,
                    DotEdge {
                        label: label.clone(),
                        style: EdgeStyle::Event,
                    },
                );
            }
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
