//! Neo4j bulk-import CSV from [`Records`]: `nodes.csv` and
//! `relationships.csv` in `neo4j-admin database import` header format.
//! A property graph holds n-ary events best as nodes: articles (`:Article`),
//! entities (`:Entity:Person` …, with the finest class as a further label) and
//! events (`:Event:Consult` …) are nodes; `ACTOR` (entity → event),
//! `RECIPIENT` (event → entity), `LOCATION` (event → place), `REPORTED_IN`
//! (event → article), `MENTIONS` (article → entity), `HOLDS_POSITION` (person →
//! organisation, with its role) and `MEMBER_OF`, `CONTAINED_IN_PLACE`,
//! `ALLIED_WITH` are relationships. Import with
//! [`IMPORT_COMMAND`].

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::csv::write_row;
use super::records::Records;
use super::{partial_name, write_output};
use crate::plover::Plover;

/// How to load the two files into an empty Neo4j 5 database.
pub const IMPORT_COMMAND: &str = "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --multiline-fields=true neo4j";

pub const NODE_HEADER: &[&str] = &[
    "id:ID",
    ":LABEL",
    "name",
    "type",
    "wikidata",
    "plover",
    "mode",
    "date",
    "evidence",
    "confidence:float",
    "language",
];

pub const RELATIONSHIP_HEADER: &[&str] = &[":START_ID", ":END_ID", ":TYPE", "role", "article"];

/// `memberOf` → `MEMBER_OF`.
fn rel_type(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// A Neo4j label: letters and digits only.
fn neo_label(s: &str) -> Option<String> {
    let label: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
    (!label.is_empty()).then_some(label)
}

fn write_nodes(records: &Records, lang: Option<&str>, out: &mut dyn Write) -> Result<()> {
    write_row(out, NODE_HEADER)?;
    let blank = String::new;
    for a in records.articles.values() {
        write_row(
            out,
            &[
                a.iri.clone(),
                "Article".into(),
                a.headline.clone().unwrap_or_else(|| a.id.clone()),
                blank(),
                blank(),
                blank(),
                blank(),
                a.published.clone().unwrap_or_default(),
                blank(),
                blank(),
                a.lang.clone().unwrap_or_default(),
            ],
        )?;
    }
    for e in records.entities.values() {
        let mut labels: BTreeSet<String> = BTreeSet::from(["Entity".to_string()]);
        labels.extend(neo_label(&e.kind));
        labels.extend(neo_label(&e.class));
        write_row(
            out,
            &[
                e.iri.clone(),
                labels.into_iter().collect::<Vec<_>>().join(";"),
                e.label(lang),
                e.kind.clone(),
                e.wikidata.clone().unwrap_or_default(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
                blank(),
            ],
        )?;
    }
    for ev in &records.events {
        let class = ev
            .plover
            .parse::<Plover>()
            .ok()
            .map(|p| p.class_name().to_string());
        let labels: Vec<String> = ["Event".to_string()].into_iter().chain(class).collect();
        write_row(
            out,
            &[
                ev.iri.clone(),
                labels.join(";"),
                ev.plover.clone(),
                blank(),
                blank(),
                ev.plover.clone(),
                ev.modes.join(";"),
                ev.dates.join(";"),
                ev.evidence.join(" | "),
                ev.confidence.map(|c| c.to_string()).unwrap_or_default(),
                blank(),
            ],
        )?;
    }
    Ok(())
}

fn write_relationships(records: &Records, out: &mut dyn Write) -> Result<()> {
    write_row(out, RELATIONSHIP_HEADER)?;
    let rel = |out: &mut dyn Write, from: &str, to: &str, kind: &str, role: &str, article: &str| {
        write_row(out, &[from, to, kind, role, article])
    };
    for (d, e) in &records.mentions {
        if records.articles.contains_key(d) {
            rel(out, d, e, "MENTIONS", "", "")?;
        }
    }
    for ev in &records.events {
        for a in &ev.actors {
            rel(out, a, &ev.iri, "ACTOR", "", "")?;
        }
        for r in &ev.recipients {
            rel(out, &ev.iri, r, "RECIPIENT", "", "")?;
        }
        for p in &ev.places {
            rel(out, &ev.iri, p, "LOCATION", "", "")?;
        }
        if records.articles.contains_key(&ev.article) {
            rel(out, &ev.iri, &ev.article, "REPORTED_IN", "", "")?;
        }
    }
    for link in &records.links {
        let articles = link.articles.join(";");
        if link.kind == "position" {
            rel(
                out,
                &link.from,
                &link.to,
                "HOLDS_POSITION",
                &link.label,
                &articles,
            )?;
        } else {
            rel(
                out,
                &link.from,
                &link.to,
                &rel_type(&link.label),
                "",
                &articles,
            )?;
        }
    }
    Ok(())
}

/// Write `nodes.csv` and `relationships.csv` into `dir` (created if needed):
/// both are written under hidden names, then renamed into place.
pub fn write(records: &Records, lang: Option<&str>, dir: &Path) -> Result<()> {
    if dir.is_file() {
        anyhow::bail!(
            "{}: a file; neo4j writes nodes.csv and relationships.csv into a folder",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    // Both files whole under hidden names first, then both renamed.
    let (nodes, relationships) = (dir.join("nodes.csv"), dir.join("relationships.csv"));
    let (tmp_nodes, tmp_rels) = (partial_name(&nodes), partial_name(&relationships));
    let written = write_output(Some(tmp_nodes.as_path()), |out| {
        write_nodes(records, lang, out)
    })
    .and_then(|_| {
        write_output(Some(tmp_rels.as_path()), |out| {
            write_relationships(records, out)
        })
    })
    .and_then(|_| {
        std::fs::rename(&tmp_nodes, &nodes)
            .and_then(|_| std::fs::rename(&tmp_rels, &relationships))
            .with_context(|| format!("{}: cannot write", dir.display()))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp_nodes);
        let _ = std::fs::remove_file(&tmp_rels);
    }
    written
}

#[cfg(test)]
mod tests {
    #[test]
    fn relation_names_become_relationship_types() {
        assert_eq!(super::rel_type("memberOf"), "MEMBER_OF");
        assert_eq!(super::rel_type("containedInPlace"), "CONTAINED_IN_PLACE");
        assert_eq!(super::neo_label("Person"), Some("Person".into()));
    }
}
