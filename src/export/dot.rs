//! GraphViz output: entities as nodes shaped and coloured by type, events as
//! labelled edges from actor to recipient ("CONSULT host · Moscou ·
//! 2020-10-09 · 3 articles"), or as nodes of their own (always for an event
//! without a recipient distinct from its actor: never a loop); positions as
//! dashed edges; a legend of shapes and colours. One edge (or node) per
//! happening: the article events linked to one canonical happening
//! (`ng:happening`) are drawn once, with the union of their participants,
//! modes, places and dates. Labels are in `--label-lang`, else in the
//! language most articles drawn are written in. [`Filter`] narrows the
//! drawing to an entity, a PLOVER type, a period, the N most connected
//! entities. The graph is built with petgraph from SPARQL results, then
//! written as DOT.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{iri_tail, rows, scope, value, ExportOptions};
use crate::plover::Plover;
use crate::rdf::entity_iri;
use crate::rdf::vocab::{ENTITIES_GRAPH, EVENTS_GRAPH, NG, RDFS, RDF_TYPE, SCHEMA};
use crate::store::GraphStore;

/// What GraphViz output draws (the RDF and table formats ignore it).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Filter {
    /// GraphViz: only the events (and positions) of this entity (an id such
    /// as `armenia`, or its IRI).
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,
    /// GraphViz: only events of this PLOVER type (CONSULT, ACCUSE …).
    #[arg(long = "type", value_name = "PLOVER", value_parser = parse_plover)]
    pub plover: Option<Plover>,
    /// GraphViz: only events dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// GraphViz: only events dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<NaiveDate>,
    /// GraphViz: only the N entities in most events and positions, and what links them.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// GraphViz: only the entities in at least N events and positions (after
    /// the other filters), and what links them.
    #[arg(long, value_name = "N")]
    pub min_degree: Option<usize>,
}

impl Filter {
    /// Whether it draws everything.
    pub fn is_empty(&self) -> bool {
        self.entity.is_none()
            && self.plover.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.max_nodes.is_none()
            && self.min_degree.is_none()
    }
}

fn parse_plover(s: &str) -> Result<Plover, String> {
    s.to_ascii_uppercase()
        .parse()
        .map_err(|e| format!("{e} (one of {})", crate::plover::PLOVER_TYPES.join(", ")))
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Whether an event date (`2020-10-09`, or a month `2020-10`) meets the period.
fn in_period(date: &str, since: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    let (first, last) = if let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        (d, d)
    } else if let Ok(d) = NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d") {
        let next = d
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.pred_opt())
            .unwrap_or(d);
        (d, next)
    } else {
        return false;
    };
    since.is_none_or(|s| last >= s) && until.is_none_or(|u| first <= u)
}

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
    /// Actor → recipient.
    Event,
    /// Between an event node and a party.
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
    /// One edge per pair of distinct parties, whatever the number of reports:
    /// actor → recipient (unordered for CONSULT, whose reports often name host
    /// and guest the other way round). Empty when no report names a recipient
    /// other than its actor: the happening is then drawn as a node.
    fn edges(&self) -> BTreeSet<(String, String)> {
        let mut edges = BTreeSet::new();
        let unordered = self.plover.parse() == Ok(Plover::Consult);
        for (actors, recipients) in self.reports.values() {
            for r in recipients {
                for a in actors.iter().filter(|a| *a != r) {
                    let reverse = (r.clone(), a.clone());
                    if !(unordered && edges.contains(&reverse)) {
                        edges.insert((a.clone(), r.clone()));
                    }
                }
            }
        }
        edges
    }

    fn parties(&self) -> impl Iterator<Item = &String> {
        self.actors.iter().chain(&self.recipients)
    }

    /// Whether the filter keeps it.
    fn kept(&self, filter: &Filter, entity: Option<&str>) -> bool {
        let period = filter.since.is_some() || filter.until.is_some();
        filter.plover.is_none_or(|p| self.plover == p.as_str())
            && entity.is_none_or(|e| self.parties().any(|p| p == e))
            && (!period
                || self
                    .dates
                    .iter()
                    .any(|d| in_period(d, filter.since, filter.until)))
    }
}

/// A label per entity: in `lang` if it has one, else French, English, any.
fn pick_label(labels: &[(String, String)], lang: &str) -> Option<String> {
    let find = |l: &str| labels.iter().find(|(t, _)| t == l);
    find(lang)
        .or_else(|| find("fr"))
        .or_else(|| find("en"))
        .or_else(|| labels.first())
        .map(|(_, label)| label.clone())
}

/// Build the petgraph graph of the whole store or of one article graph.
pub fn build(store: &GraphStore, options: &ExportOptions) -> Result<DiGraph<DotNode, DotEdge>> {
    let graph = options.graph.as_ref();
    let filter = &options.filter;
    let scope = scope(graph);
    let entity_filter = filter.entity.as_ref().map(|e| {
        if e.contains("://") {
            e.clone()
        } else {
            entity_iri(e).as_str().to_string()
        }
    });
    let entity_filter = entity_filter.as_deref();
    // The label language: asked, else that of most articles drawn.
    let lang = match &options.label_lang {
        Some(l) => l.clone(),
        None => {
            let query = format!(
                "SELECT ?lang (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {scope} GRAPH ?g {{ ?g <{SCHEMA}inLanguage> ?lang }} }}
                 GROUP BY ?lang ORDER BY DESC(?n) ?lang LIMIT 1"
            );
            rows(store, &query)?
                .first()
                .and_then(|r| value(r.get("lang")))
                .unwrap_or_else(|| "fr".into())
        }
    };
    // Labels and types of mentioned entities.
    let mut names: HashMap<String, (Vec<(String, String)>, String)> = HashMap::new();
    let label_query = format!(
        "SELECT DISTINCT ?e ?label ?type WHERE {{ {scope} GRAPH ?g {{ ?d <{SCHEMA}mentions> ?e }}
           GRAPH <{ENTITIES_GRAPH}> {{ ?e <{RDF_TYPE}> ?type OPTIONAL {{ ?e <{RDFS}label> ?label }} }} }}"
    );
    for row in rows(store, &label_query)? {
        let (Some(e), Some(t)) = (value(row.get("e")), value(row.get("type"))) else {
            continue;
        };
        let kind = iri_tail(&t).to_string();
        let slot = names.entry(e).or_insert((Vec::new(), kind.clone()));
        // Keep the finest class: Country over Place.
        if !matches!(kind.as_str(), "Person" | "Organization" | "Place") {
            slot.1 = kind;
        }
        if let Some(oxigraph::model::Term::Literal(l)) = row.get("label") {
            let label = (
                l.language().unwrap_or("").to_string(),
                l.value().to_string(),
            );
            if !slot.0.contains(&label) {
                slot.0.push(label);
            }
        }
    }
    let labels: HashMap<String, (String, String)> = names
        .into_iter()
        .map(|(e, (mut ls, kind))| {
            ls.sort();
            let label = pick_label(&ls, &lang).unwrap_or_else(|| iri_tail(&e).to_string());
            (e, (label, kind))
        })
        .collect();
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
    events.retain(|_, ev| ev.kept(filter, entity_filter));
    // Positions: only without a type or period filter (they have neither).
    let positions = if filter.plover.is_some() || filter.since.is_some() || filter.until.is_some() {
        Vec::new()
    } else {
        let query = format!(
            "SELECT DISTINCT ?p ?role ?o WHERE {{ {scope} GRAPH ?g {{ ?p <{NG}holdsPosition> ?x . ?x <{NG}role> ?role ; <{NG}organization> ?o }} }}"
        );
        rows(store, &query)?
            .into_iter()
            .filter_map(|row| {
                Some((
                    value(row.get("p"))?,
                    value(row.get("role"))?,
                    value(row.get("o"))?,
                ))
            })
            .filter(|(p, _, o)| entity_filter.is_none_or(|e| e == p || e == o))
            .collect()
    };
    // The N entities in most events and positions, those in at least
    // min_degree of them.
    let limited = filter.max_nodes.is_some() || filter.min_degree.is_some();
    let kept: Option<BTreeSet<String>> = limited.then(|| {
        let mut degree: HashMap<&String, usize> = HashMap::new();
        for ev in events.values() {
            for p in ev.parties().collect::<BTreeSet<_>>() {
                *degree.entry(p).or_default() += 1;
            }
        }
        for (p, _, o) in &positions {
            *degree.entry(p).or_default() += 1;
            *degree.entry(o).or_default() += 1;
        }
        let mut ranked: Vec<(&String, usize)> = degree.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked
            .into_iter()
            .filter(|&(_, d)| d >= filter.min_degree.unwrap_or(0))
            .take(filter.max_nodes.unwrap_or(usize::MAX))
            .map(|(e, _)| e.clone())
            .collect()
    });
    let keep = |e: &String| kept.as_ref().is_none_or(|k| k.contains(e));

    let mut g: DiGraph<DotNode, DotEdge> = DiGraph::new();
    let mut nodes: HashMap<String, NodeIndex> = HashMap::new();
    let mut node = |g: &mut DiGraph<DotNode, DotEdge>, iri: &str| -> NodeIndex {
        *nodes.entry(iri.to_string()).or_insert_with(|| {
            let (label, kind) = labels
                .get(iri)
                .cloned()
                .unwrap_or_else(|| (iri_tail(iri).to_string(), "Thing".into()));
            g.add_node(DotNode::Entity { label, kind })
        })
    };
    let edge = |label: &str, style: EdgeStyle| DotEdge {
        label: label.to_string(),
        style,
    };
    for ev in events.values() {
        let places: Vec<String> = ev
            .places
            .iter()
            .map(|p| {
                labels
                    .get(p)
                    .map(|l| l.0.clone())
                    .unwrap_or_else(|| iri_tail(p).to_string())
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
        let pairs: Vec<(String, String)> = ev
            .edges()
            .into_iter()
            .filter(|(a, r)| keep(a) && keep(r))
            .collect();
        if !options.events_as_nodes && !pairs.is_empty() {
            for (from, to) in pairs {
                let (a, b) = (node(&mut g, &from), node(&mut g, &to));
                g.add_edge(a, b, edge(&label, EdgeStyle::Event));
            }
            continue;
        }
        let actors: Vec<&String> = ev.actors.iter().filter(|a| keep(a)).collect();
        let recipients: Vec<&String> = ev.recipients.iter().filter(|r| keep(r)).collect();
        // With --max-nodes or --min-degree, an event node must link two of the entities kept.
        let parties: BTreeSet<&&String> = actors.iter().chain(&recipients).collect();
        if parties.is_empty() || (kept.is_some() && parties.len() < 2) {
            continue;
        }
        let v = g.add_node(DotNode::Event { label });
        for a in actors {
            let n = node(&mut g, a);
            g.add_edge(n, v, edge("actor", EdgeStyle::Role));
        }
        for r in recipients {
            let n = node(&mut g, r);
            g.add_edge(v, n, edge("recipient", EdgeStyle::Role));
        }
    }
    for (p, role, o) in positions.iter().filter(|(p, _, o)| keep(p) && keep(o)) {
        let (pn, on) = (node(&mut g, p), node(&mut g, o));
        g.add_edge(pn, on, edge(iri_tail(role), EdgeStyle::Position));
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
    write_legend(&mut out)?;
    writeln!(out, "}}")?;
    Ok(())
}

/// A cluster that shows what shapes and colours mean.
fn write_legend(out: &mut impl Write) -> Result<()> {
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; fontsize=12; style=rounded; color=\"#999999\";"
    )?;
    let kinds = [
        ("Person", "Person"),
        ("Organization", "Organization"),
        ("Country", "Country"),
        ("City", "City"),
        ("Place", "Place"),
    ];
    for (i, (kind, label)) in kinds.iter().enumerate() {
        let (shape, color) = node_style(kind);
        writeln!(
            out,
            "    legend_n{i} [label=\"{label}\", shape={shape}, fillcolor=\"{color}\"];"
        )?;
    }
    writeln!(
        out,
        "    legend_event [label=\"event (no recipient)\", shape=diamond, fillcolor=\"#f8d7da\"];"
    )?;
    let edges = [
        (
            "actor → recipient (PLOVER type · place · date)",
            "color=\"#b02a37\"",
        ),
        ("party of an event node", "color=\"#666666\""),
        ("position (role)", "color=\"#0d6efd\", style=dashed"),
    ];
    for (i, (label, style)) in edges.iter().enumerate() {
        writeln!(
            out,
            "    legend_a{i} [label=\"\", shape=point, width=0.05]; legend_b{i} [label=\"\", shape=point, width=0.05];"
        )?;
        writeln!(
            out,
            "    legend_a{i} -> legend_b{i} [label=\"{label}\", {style}];"
        )?;
    }
    writeln!(out, "  }}")?;
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
        // Without a distinct recipient: no edge (a node), never a loop.
        ev.reports.clear();
        ev.reports.insert("d/event/1".into(), report(&["arm"], &[]));
        ev.reports
            .insert("e/event/1".into(), report(&["arm"], &["arm"]));
        assert!(ev.edges().is_empty());
    }

    #[test]
    fn periods_take_days_and_months() {
        let day = |s| parse_day(s).ok();
        assert!(in_period(
            "2020-10-09",
            day("2020-10-01"),
            day("2020-10-31")
        ));
        assert!(!in_period("2020-10-09", day("2020-10-10"), None));
        assert!(
            in_period("2020-10", day("2020-10-20"), None),
            "a month overlaps"
        );
        assert!(!in_period("2020-10", None, day("2020-09-30")));
        assert!(!in_period("soon", None, None));
        assert_eq!(parse_plover("consult"), Ok(Plover::Consult));
        assert!(parse_plover("meeting").is_err());
    }
}
