//! GraphML (Gephi, yEd, Cytoscape, networkx) from [`Records`]: entities as
//! nodes (id = entity IRI; label, type, class, Wikidata id); each event as
//! edges actor → recipient (PLOVER type, mode, date, place, article, evidence
//! sentence, event IRI), or, when it has no recipient distinct from its actor,
//! as an event node with `actor` and `recipient` edges (never a loop);
//! positions and relations as edges too. Every attribute is declared as a
//! `<key>` with its `attr.type`.

use std::io::Write;

use anyhow::Result;

use super::records::{Event, Records};

/// (id, for, attr.name, attr.type) of every attribute written.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_type", "node", "type", "string"),
    ("n_class", "node", "class", "string"),
    ("n_wikidata", "node", "wikidata", "string"),
    ("n_mode", "node", "mode", "string"),
    ("n_date", "node", "date", "string"),
    ("n_place", "node", "place", "string"),
    ("n_article", "node", "article", "string"),
    ("n_evidence", "node", "evidence", "string"),
    ("n_confidence", "node", "confidence", "double"),
    ("e_kind", "edge", "kind", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_mode", "edge", "mode", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_place", "edge", "place", "string"),
    ("e_article", "edge", "article", "string"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_event", "edge", "event", "string"),
    ("e_confidence", "edge", "confidence", "double"),
];

/// Text as XML character data or attribute value: markup escaped, and the
/// characters XML 1.0 cannot hold replaced by U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One element's `<data>` lines, empty values left out.
fn data(out: &mut dyn Write, values: &[(&str, String)]) -> Result<()> {
    for (key, v) in values.iter().filter(|(_, v)| !v.is_empty()) {
        writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(v))?;
    }
    Ok(())
}

/// What an event says, as attribute values (the prefix is `n` or `e`).
fn event_data(
    records: &Records,
    ev: &Event,
    lang: Option<&str>,
    prefix: &str,
) -> Vec<(String, String)> {
    let lang = records.event_lang(ev, lang);
    let places: Vec<String> = ev.places.iter().map(|p| records.label(p, lang)).collect();
    vec![
        (format!("{prefix}_mode"), ev.modes.join(";")),
        (format!("{prefix}_date"), ev.dates.join(";")),
        (format!("{prefix}_place"), places.join(";")),
        (
            format!("{prefix}_article"),
            records.article_id(ev).to_string(),
        ),
        (format!("{prefix}_evidence"), ev.evidence.join(" | ")),
        (
            format!("{prefix}_confidence"),
            ev.confidence.map(|c| c.to_string()).unwrap_or_default(),
        ),
    ]
}

fn borrowed(v: &[(String, String)]) -> Vec<(&str, String)> {
    v.iter().map(|(k, s)| (k.as_str(), s.clone())).collect()
}

/// Write the records as GraphML; labels in `lang` (else each event's article's
/// language for event attributes, French first for entity nodes).
pub fn write(records: &Records, lang: Option<&str>, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    for (id, domain, name, kind) in KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
        )?;
    }
    writeln!(out, "  <graph id=\"newsgraph\" edgedefault=\"directed\">")?;
    for e in records.entities.values() {
        writeln!(out, "    <node id=\"{}\">", xml_escape(&e.iri))?;
        data(
            out,
            &[
                ("n_kind", "entity".into()),
                ("n_label", e.label(lang)),
                ("n_type", e.kind.clone()),
                ("n_class", e.class.clone()),
                ("n_wikidata", e.wikidata.clone().unwrap_or_default()),
            ],
        )?;
        writeln!(out, "    </node>")?;
    }
    let mut edge_id = 0usize;
    let mut edge =
        |out: &mut dyn Write, from: &str, to: &str, values: &[(&str, String)]| -> Result<()> {
            edge_id += 1;
            writeln!(
                out,
                "    <edge id=\"e{edge_id}\" source=\"{}\" target=\"{}\">",
                xml_escape(from),
                xml_escape(to)
            )?;
            data(out, values)?;
            writeln!(out, "    </edge>")?;
            Ok(())
        };
    for ev in &records.events {
        let pairs = ev.pairs();
        if pairs.is_empty() {
            // An event node, linked to its parties.
            writeln!(out, "    <node id=\"{}\">", xml_escape(&ev.iri))?;
            let mut values = vec![
                ("n_kind", "event".to_string()),
                ("n_label", ev.plover.clone()),
                ("n_type", ev.plover.clone()),
            ];
            let attrs = event_data(records, ev, lang, "n");
            values.extend(borrowed(&attrs));
            data(out, &values)?;
            writeln!(out, "    </node>")?;
            let role = |kind: &str| {
                vec![
                    ("e_kind", kind.to_string()),
                    ("e_label", kind.to_string()),
                    ("e_type", ev.plover.clone()),
                    ("e_event", ev.iri.clone()),
                ]
            };
            for a in &ev.actors {
                edge(out, a, &ev.iri, &role("actor"))?;
            }
            for r in &ev.recipients {
                edge(out, &ev.iri, r, &role("recipient"))?;
            }
            continue;
        }
        let attrs = event_data(records, ev, lang, "e");
        for (a, r) in pairs {
            let mut values = vec![
                ("e_kind", "event".to_string()),
                ("e_label", ev.plover.clone()),
                ("e_type", ev.plover.clone()),
                ("e_event", ev.iri.clone()),
            ];
            values.extend(borrowed(&attrs));
            edge(out, a, r, &values)?;
        }
    }
    for link in &records.links {
        let articles: Vec<&str> = link
            .articles
            .iter()
            .map(|a| records.articles.get(a).map(|a| a.id.as_str()).unwrap_or(a))
            .collect();
        edge(
            out,
            &link.from,
            &link.to,
            &[
                ("e_kind", link.kind.to_string()),
                ("e_label", link.label.clone()),
                ("e_type", link.label.clone()),
                ("e_article", articles.join(";")),
            ],
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_is_escaped_and_kept_valid() {
        assert_eq!(
            super::xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
