//! Compact JSON-LD: an `@context` of the project's prefixes, IRIs written as
//! compact IRIs (`entity:armenia`, `ng:actor`), one indented node object per
//! subject, each article's graph as `{"@id": …, "@graph": [...]}`.
//! oxigraph's own serializer writes prefixes into `@context` but expanded
//! IRIs on one line; this one is streamed graph by graph, subject by subject.

use std::io::Write;

use anyhow::{bail, Result};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value};

use crate::rdf::vocab::{PREFIXES, RDF_TYPE, XSD};
use crate::store::GraphStore;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The prefixes of the `@context`.
fn prefixes() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&str, &str)> = PREFIXES.to_vec();
    all.push(("rdf", RDF));
    all
}

/// An IRI as a compact IRI where a prefix matches (the longest), else whole.
/// An IRI whose scheme is a prefix name (`ng:x`) would read back wrong: refused.
fn compact(iri: &str) -> Result<String> {
    let prefixes = prefixes();
    let best = prefixes
        .iter()
        .filter(|(_, base)| iri.starts_with(base))
        .filter(|(_, base)| !iri[base.len()..].starts_with("//"))
        .max_by_key(|(_, base)| base.len());
    if let Some((name, base)) = best {
        return Ok(format!("{name}:{}", &iri[base.len()..]));
    }
    let scheme = iri.split(':').next().unwrap_or("");
    if prefixes.iter().any(|(name, _)| *name == scheme) {
        bail!("<{iri}>: its scheme is a JSON-LD prefix of the export; export as nquads instead");
    }
    Ok(iri.to_string())
}

fn id(node: &str) -> Result<Value> {
    Ok(Value::from(Map::from_iter([(
        "@id".to_string(),
        Value::from(compact(node)?),
    )])))
}

fn subject_id(s: &NamedOrBlankNode) -> Result<String> {
    match s {
        NamedOrBlankNode::NamedNode(n) => compact(n.as_str()),
        NamedOrBlankNode::BlankNode(b) => Ok(b.to_string()),
    }
}

/// A literal as a JSON-LD value: a plain string, a native number or boolean
/// where that reads back as the same literal, else a value object.
fn literal(l: &Literal) -> Result<Value> {
    let datatype = l.datatype().as_str();
    let v = l.value();
    if let Some(lang) = l.language() {
        return Ok(serde_json::json!({ "@value": v, "@language": lang }));
    }
    if datatype == format!("{XSD}string") {
        return Ok(Value::from(v));
    }
    if datatype == format!("{XSD}integer") {
        if let Ok(n) = v.parse::<i64>() {
            if n.to_string() == v {
                return Ok(Value::from(n));
            }
        }
    }
    if datatype == format!("{XSD}boolean") && (v == "true" || v == "false") {
        return Ok(Value::from(v == "true"));
    }
    Ok(serde_json::json!({ "@value": v, "@type": compact(datatype)? }))
}

/// The node object of one subject's quads.
fn node(quads: &[Quad]) -> Result<Value> {
    let mut map = Map::new();
    let Some(first) = quads.first() else {
        return Ok(Value::Null);
    };
    map.insert("@id".into(), Value::from(subject_id(&first.subject)?));
    let mut add =
        |key: String, v: Value| match map.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(values) => values.push(v),
            other => *other = Value::Array(vec![other.take(), v]),
        };
    for q in quads {
        let p = q.predicate.as_str();
        match (&q.object, p == RDF_TYPE) {
            (Term::NamedNode(t), true) => add("@type".into(), Value::from(compact(t.as_str())?)),
            (Term::NamedNode(n), false) => add(compact(p)?, id(n.as_str())?),
            (Term::BlankNode(b), _) => add(compact(p)?, id(&b.to_string())?),
            (Term::Literal(l), _) => add(compact(p)?, literal(l)?),
        }
    }
    // One value: written alone.
    for v in map.values_mut() {
        if let Value::Array(values) = v {
            if values.len() == 1 {
                *v = values.pop().unwrap_or(Value::Null);
            }
        }
    }
    Ok(Value::Object(map))
}

/// Writes node objects as array items, `indent` deep, commas between.
struct Items<'a> {
    out: &'a mut dyn Write,
    indent: usize,
    first: bool,
}

impl Items<'_> {
    /// Before an item: a comma after the one before, then a new line.
    fn separate(&mut self) -> Result<()> {
        if !self.first {
            write!(self.out, ",")?;
        }
        writeln!(self.out)?;
        self.first = false;
        Ok(())
    }

    fn item(&mut self, text: &str) -> Result<()> {
        self.separate()?;
        let pad = " ".repeat(self.indent);
        let indented: Vec<String> = text.lines().map(|l| format!("{pad}{l}")).collect();
        write!(self.out, "{}", indented.join("\n"))?;
        Ok(())
    }

    /// The node objects of a stream of quads (a subject's quads together).
    fn nodes(&mut self, quads: impl Iterator<Item = Result<Quad>>) -> Result<()> {
        let mut group: Vec<Quad> = Vec::new();
        for q in quads {
            let q = q?;
            if group.first().is_some_and(|g| g.subject != q.subject) {
                self.item(&serde_json::to_string_pretty(&node(&group)?)?)?;
                group.clear();
            }
            group.push(q);
        }
        if !group.is_empty() {
            self.item(&serde_json::to_string_pretty(&node(&group)?)?)?;
        }
        Ok(())
    }

    /// Close the array opened `indent - 2` deep.
    fn close(self) -> Result<()> {
        if !self.first {
            writeln!(self.out)?;
            write!(self.out, "{}", " ".repeat(self.indent - 2))?;
        }
        write!(self.out, "]")?;
        Ok(())
    }
}

/// Write the store (or one named graph) as compact JSON-LD.
pub fn write(store: &GraphStore, graph: Option<&NamedNode>, out: &mut dyn Write) -> Result<()> {
    let context: Map<String, Value> = prefixes()
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::from(v)))
        .collect();
    let context = serde_json::to_string_pretty(&Value::Object(context))?;
    let context: Vec<String> = context.lines().map(|l| format!("  {l}")).collect();
    writeln!(out, "{{")?;
    writeln!(out, "  \"@context\": {},", context.join("\n").trim_start())?;
    write!(out, "  \"@graph\": [")?;
    let mut top = Items {
        out: &mut *out,
        indent: 4,
        first: true,
    };
    let graphs: Vec<NamedOrBlankNode> = match graph {
        Some(g) => vec![g.clone().into()],
        None => {
            top.nodes(store.quads(Some(GraphNameRef::DefaultGraph)))?;
            store.graph_names()?
        }
    };
    for g in graphs {
        top.separate()?;
        writeln!(top.out, "    {{")?;
        writeln!(
            top.out,
            "      \"@id\": {},",
            serde_json::to_string(&subject_id(&g)?)?
        )?;
        write!(top.out, "      \"@graph\": [")?;
        let name: GraphNameRef<'_> = match &g {
            NamedOrBlankNode::NamedNode(n) => n.as_ref().into(),
            NamedOrBlankNode::BlankNode(b) => b.as_ref().into(),
        };
        let mut inner = Items {
            out: &mut *top.out,
            indent: 8,
            first: true,
        };
        inner.nodes(store.quads(Some(name)))?;
        inner.close()?;
        writeln!(top.out)?;
        write!(top.out, "    }}")?;
    }
    top.close()?;
    writeln!(out)?;
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_are_compacted_by_the_longest_prefix() {
        assert_eq!(
            compact("https://w3id.org/newsgraph/entity/armenia").unwrap(),
            "entity:armenia"
        );
        assert_eq!(
            compact("https://w3id.org/newsgraph/ontology#actor").unwrap(),
            "ng:actor"
        );
        assert_eq!(
            compact("http://example.org/x").unwrap(),
            "http://example.org/x"
        );
        assert!(compact("ng:oops").is_err());
        let n = literal(&Literal::from(12)).unwrap();
        assert_eq!(n, Value::from(12));
        let d =
            Literal::new_typed_literal("0.90", NamedNode::new_unchecked(format!("{XSD}decimal")));
        assert_eq!(
            literal(&d).unwrap(),
            serde_json::json!({"@value": "0.90", "@type": "xsd:decimal"})
        );
    }
}
