//! Gold readings for `newsgraph score`: load a directory of `*.json` (or one
//! file), check each document's shape, vocabulary and entity ids exactly as
//! `../shared/eval/score.py` does (same checks in the same order, same
//! messages), and return typed documents.

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::names::qid_of;
use super::ScoreError;
use crate::doc::{EntityType, RelationKind, Role};
use crate::events::PLOVER_TYPES;

/// The layers a gold document may annotate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Entities,
    Positions,
    Relations,
    Events,
}

impl Layer {
    /// All four, in score.py's order.
    pub const ALL: [Layer; 4] = [
        Layer::Entities,
        Layer::Positions,
        Layer::Relations,
        Layer::Events,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Entities => "entities",
            Layer::Positions => "positions",
            Layer::Relations => "relations",
            Layer::Events => "events",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == s)
    }
}

/// The coarse types a gold entity may have, in score.py's order.
pub const ENTITY_TYPES: [EntityType; 3] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Place,
];

/// The roles of positions, in score.py's order.
pub const ROLES: [Role; 10] = [
    Role::President,
    Role::PrimeMinister,
    Role::ForeignMinister,
    Role::DefenceMinister,
    Role::Minister,
    Role::Ambassador,
    Role::Spokesperson,
    Role::Pope,
    Role::Leader,
    Role::Other,
];

/// The relation kinds, sorted by name as score.py lists them.
pub const RELATION_KINDS: [RelationKind; 3] = [
    RelationKind::AlliedWith,
    RelationKind::ContainedInPlace,
    RelationKind::MemberOf,
];

/// A relation's name in the gold and as the local name of its predicate.
pub fn relation_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::MemberOf => "memberOf",
        RelationKind::ContainedInPlace => "containedInPlace",
        RelationKind::AlliedWith => "alliedWith",
    }
}

#[derive(Clone, Debug)]
pub struct GoldEntity {
    pub id: String,
    pub name: String,
    pub etype: EntityType,
    pub aliases: Vec<String>,
    /// From `wikidata` (else `qid`): "Q123" or a Wikidata IRI.
    pub qid: Option<String>,
}

#[derive(Clone, Debug)]
pub struct GoldPosition {
    pub person: String,
    pub role: Role,
    pub org: String,
}

#[derive(Clone, Debug)]
pub struct GoldRelation {
    pub s: String,
    pub p: RelationKind,
    pub o: String,
}

#[derive(Clone, Debug)]
pub struct GoldEvent {
    /// The PLOVER type, upper case.
    pub plover: &'static str,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub place: Option<String>,
    pub date: Option<String>,
}

/// One gold document, validated, with defaults filled in.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// The source file's base name.
    pub doc: String,
    /// The gold file it came from.
    pub file: String,
    pub layers: Vec<Layer>,
    pub entities: Vec<GoldEntity>,
    pub ignore: Vec<String>,
    pub positions: Vec<GoldPosition>,
    pub relations: Vec<GoldRelation>,
    pub events: Vec<GoldEvent>,
}

impl GoldDoc {
    pub fn annotates(&self, layer: Layer) -> bool {
        self.layers.contains(&layer)
    }
}

/// Load and validate the gold documents of a directory of `*.json`, or of one
/// file (which may hold one document or a list), in file order.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>, ScoreError> {
    let shown = path.display();
    let files = if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| ScoreError(format!("{shown}: cannot read: {e}")))?;
        let mut files: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .map(|e| path.join(e.file_name()).to_string_lossy().into_owned())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(ScoreError(format!("{shown}: no *.json gold files")));
        }
        files
    } else if path.is_file() {
        vec![path.to_string_lossy().into_owned()]
    } else {
        return Err(ScoreError(format!("{shown}: no such file or directory")));
    };
    let mut docs: Vec<GoldDoc> = Vec::new();
    for file in files {
        let data: Value = std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
            .map_err(|e| ScoreError(format!("{file}: invalid gold JSON: {e}")))?;
        let raws = match data {
            Value::Array(list) => list,
            other => vec![other],
        };
        for raw in &raws {
            let doc = validate_gold(raw, &file)?;
            need(docs.iter().all(|d| d.doc != doc.doc), &file, || {
                format!("document {} has gold twice", py_str_repr(&doc.doc))
            })?;
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// A ScoreError naming the gold file unless `ok`.
fn need(ok: bool, file: &str, reason: impl FnOnce() -> String) -> Result<(), ScoreError> {
    if ok {
        Ok(())
    } else {
        Err(ScoreError(format!("{file}: invalid gold: {}", reason())))
    }
}

/// Python's truth value of a JSON value (`x or []` keeps only true ones).
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `raw.get(key) or []`.
fn or_empty<'a>(obj: &'a serde_json::Map<String, Value>, key: &str) -> &'a Value {
    static EMPTY: Value = Value::Array(Vec::new());
    obj.get(key).filter(|v| truthy(v)).unwrap_or(&EMPTY)
}

fn list_of_objects(v: &Value) -> bool {
    v.as_array().is_some_and(|a| a.iter().all(Value::is_object))
}

fn list_of_strings(v: &Value) -> bool {
    v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}(-\d{2}(-\d{2})?)?\n?$").expect("date pattern"));

/// Check one gold document's shape, vocabulary and ids; return it typed.
pub fn validate_gold(raw: &Value, file: &str) -> Result<GoldDoc, ScoreError> {
    let Some(obj) = raw.as_object() else {
        return Err(ScoreError(format!(
            "{file}: invalid gold: a document must be a JSON object"
        )));
    };
    let name = match obj.get("doc") {
        Some(Value::String(s)) if !s.is_empty() => s,
        _ => {
            return Err(ScoreError(format!(
                "{file}: invalid gold: missing 'doc' (the source file name)"
            )))
        }
    };
    let layers = check_layers(obj, file)?;
    for key in ["entities", "positions", "relations", "events"] {
        need(list_of_objects(or_empty(obj, key)), file, || {
            format!("'{key}' must be a list of objects")
        })?;
    }
    need(list_of_strings(or_empty(obj, "ignore")), file, || {
        "'ignore' must be a list of names".to_string()
    })?;
    let items = |key: &str| or_empty(obj, key).as_array().cloned().unwrap_or_default();
    let mut events = items("events");
    for (i, ev) in events.iter_mut().enumerate() {
        let ev = ev.as_object_mut().expect("checked above");
        for key in ["actors", "recipients"] {
            let value = or_empty(ev, key).clone();
            ev.insert(key.to_string(), value);
        }
        need(
            ev["actors"].is_array() && ev["recipients"].is_array(),
            file,
            || {
                format!("events[{i}]: 'actors' and 'recipients' must be lists (an empty one counts as '-')")
            },
        )?;
        let date = ev.get("date").unwrap_or(&Value::Null);
        need(
            date.is_null() || date.as_str().is_some_and(|d| DATE.is_match(d)),
            file,
            || {
                format!(
                    "events[{i}].date: {} is not YYYY-MM-DD or YYYY-MM",
                    py_repr(date)
                )
            },
        )?;
    }
    let entities = check_entities(&items("entities"), file)?;
    let ids: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let positions = items("positions");
    let relations = items("relations");
    check_references(
        "positions",
        &positions,
        "role",
        &role_names(),
        &["person", "org"],
        &ids,
        file,
    )?;
    let relation_names: Vec<&str> = RELATION_KINDS.iter().map(|k| relation_name(*k)).collect();
    check_references(
        "relations",
        &relations,
        "p",
        &relation_names,
        &["s", "o"],
        &ids,
        file,
    )?;
    check_references(
        "events",
        &events,
        "type",
        PLOVER_TYPES,
        &["actors", "recipients", "place"],
        &ids,
        file,
    )?;
    // Past the checks score.py makes, a list where one id belongs would crash it;
    // here it is bad input too.
    let one =
        |key: &str, i: usize, item: &Value, field: &str| -> Result<Option<String>, ScoreError> {
            match item.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ScoreError(format!(
                    "{file}: invalid gold: {key}[{i}].{field}: one entity id, not a list"
                ))),
            }
        };
    let mut doc = GoldDoc {
        doc: name.rsplit('/').next().unwrap_or(name).to_string(),
        file: file.to_string(),
        layers,
        entities,
        ignore: strings(or_empty(obj, "ignore")),
        positions: Vec::new(),
        relations: Vec::new(),
        events: Vec::new(),
    };
    for (i, item) in positions.iter().enumerate() {
        doc.positions.push(GoldPosition {
            person: one("positions", i, item, "person")?.unwrap_or_default(),
            role: Role::parse(item["role"].as_str().unwrap_or_default()).expect("checked"),
            org: one("positions", i, item, "org")?.unwrap_or_default(),
        });
    }
    for (i, item) in relations.iter().enumerate() {
        let p = item["p"].as_str().unwrap_or_default();
        doc.relations.push(GoldRelation {
            s: one("relations", i, item, "s")?.unwrap_or_default(),
            p: *RELATION_KINDS
                .iter()
                .find(|k| relation_name(**k) == p)
                .expect("checked"),
            o: one("relations", i, item, "o")?.unwrap_or_default(),
        });
    }
    for (i, item) in events.iter().enumerate() {
        let plover = item["type"].as_str().unwrap_or_default();
        doc.events.push(GoldEvent {
            plover: PLOVER_TYPES
                .iter()
                .copied()
                .find(|t| *t == plover)
                .expect("checked"),
            actors: strings(&item["actors"]),
            recipients: strings(&item["recipients"]),
            place: one("events", i, item, "place")?,
            date: item.get("date").and_then(Value::as_str).map(str::to_string),
        });
    }
    Ok(doc)
}

fn role_names() -> Vec<&'static str> {
    ROLES.iter().map(|r| r.name()).collect()
}

/// The layers a gold document annotates (all four when it has no `layers`);
/// items of the others are an error.
fn check_layers(
    obj: &serde_json::Map<String, Value>,
    file: &str,
) -> Result<Vec<Layer>, ScoreError> {
    let names = Layer::ALL.map(Layer::name).join(", ");
    let raw = match obj.get("layers") {
        None | Some(Value::Null) => return Ok(Layer::ALL.to_vec()),
        Some(raw) => raw,
    };
    let list = raw
        .as_array()
        .filter(|a| !a.is_empty() && a.iter().all(Value::is_string));
    let Some(list) = list else {
        return Err(ScoreError(format!(
            "{file}: invalid gold: 'layers' must be a non-empty list of names among {names}"
        )));
    };
    let mut layers = Vec::new();
    for name in list {
        let name = name.as_str().unwrap_or_default();
        let layer = Layer::parse(name);
        need(layer.is_some(), file, || {
            format!("layers: {} is not one of {names}", py_str_repr(name))
        })?;
        layers.extend(layer);
    }
    let distinct: HashSet<Layer> = layers.iter().copied().collect();
    need(distinct.len() == layers.len(), file, || {
        "layers: a layer is named twice".to_string()
    })?;
    for layer in [Layer::Positions, Layer::Relations, Layer::Events] {
        let key = layer.name();
        need(
            layers.contains(&layer) || !obj.get(key).is_some_and(truthy),
            file,
            || {
                format!("'{key}' has items but 'layers' does not list '{key}' (a layer not listed is not annotated)")
            },
        )?;
    }
    Ok(layers)
}

/// Check the gold entities; return them typed.
fn check_entities(entities: &[Value], file: &str) -> Result<Vec<GoldEntity>, ScoreError> {
    let mut out: Vec<GoldEntity> = Vec::new();
    let type_names = ENTITY_TYPES.map(EntityType::name).join(", ");
    for (i, ent) in entities.iter().enumerate() {
        let id = ent.get("id").and_then(Value::as_str);
        need(
            id.is_some_and(|id| out.iter().all(|e| e.id != id)),
            file,
            || {
                format!(
                    "entities[{i}]: missing or duplicate 'id' {}",
                    py_repr(ent.get("id").unwrap_or(&Value::Null))
                )
            },
        )?;
        let name = ent.get("name").and_then(Value::as_str);
        need(name.is_some(), file, || {
            format!("entities[{i}]: missing 'name'")
        })?;
        let etype = ent
            .get("type")
            .and_then(Value::as_str)
            .and_then(|t| ENTITY_TYPES.into_iter().find(|e| e.name() == t));
        need(etype.is_some(), file, || {
            format!("entities[{i}]: 'type' must be one of {type_names}")
        })?;
        let obj = ent.as_object().expect("checked: a list of objects");
        let aliases = or_empty(obj, "aliases");
        need(list_of_strings(aliases), file, || {
            format!("entities[{i}]: 'aliases' must be a list of names")
        })?;
        // `str(ent.get("wikidata") or ent.get("qid") or "")`: only a string can name a Q-id.
        let qid = [obj.get("wikidata"), obj.get("qid")]
            .into_iter()
            .flatten()
            .find(|v| truthy(v))
            .and_then(Value::as_str)
            .and_then(qid_of);
        out.push(GoldEntity {
            id: id.unwrap_or_default().to_string(),
            name: name.unwrap_or_default().to_string(),
            etype: etype.expect("checked"),
            aliases: strings(aliases),
            qid,
        });
    }
    Ok(out)
}

/// Check the vocabulary field and the entity ids of one list of items.
fn check_references(
    key: &str,
    items: &[Value],
    field: &str,
    vocabulary: &[&str],
    refs: &[&str],
    ids: &HashSet<&str>,
    file: &str,
) -> Result<(), ScoreError> {
    for (i, item) in items.iter().enumerate() {
        let value = item.get(field).unwrap_or(&Value::Null);
        need(
            value.as_str().is_some_and(|v| vocabulary.contains(&v)),
            file,
            || {
                format!(
                    "{key}[{i}].{field}: {} is not one of {}",
                    py_repr(value),
                    vocabulary.join(", ")
                )
            },
        )?;
        for r in refs {
            let value = item.get(*r).unwrap_or(&Value::Null);
            let listed = match value {
                Value::Array(list) => list.iter().collect(),
                other => vec![other],
            };
            for gid in listed {
                need(
                    gid.as_str().is_some_and(|g| ids.contains(g))
                        || (gid.is_null() && *r == "place"),
                    file,
                    || format!("{key}[{i}].{r}: undefined entity id {}", py_repr(gid)),
                )?;
            }
        }
    }
    Ok(())
}

/// Python's `repr` of a JSON value, for messages.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) if n.is_f64() => format!("{:?}", n.as_f64().unwrap_or_default()),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr` of a string: single quotes unless it holds `'` and no `"`.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '\u{a0}' || c == '\u{ad}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold_a() -> Value {
        json!({
            "doc": "dir/001_a.txt",
            "entities": [
                {"id": "lavrov", "name": "Sergueï Lavrov", "type": "Person",
                 "aliases": ["Lavrov"], "wikidata": "http://www.wikidata.org/entity/Q187383"},
                {"id": "russia", "name": "Russie", "type": "Place", "qid": "Q159"},
                {"id": "armenia", "name": "Arménie", "type": "Place", "wikidata": null, "qid": "Q399"},
                {"id": "minsk", "name": "Groupe de Minsk", "type": "Organization"}
            ],
            "ignore": ["AFP"],
            "positions": [{"person": "lavrov", "role": "ForeignMinister", "org": "russia"}],
            "relations": [{"s": "russia", "p": "memberOf", "o": "minsk"}],
            "events": [{"type": "CONSULT", "actors": ["lavrov"], "recipients": null,
                        "place": null, "date": "2020-10"}]
        })
    }

    fn error(raw: Value) -> String {
        validate_gold(&raw, "g.json").expect_err("invalid").0
    }

    fn with(mut raw: Value, path: &[&str], value: Value) -> Value {
        let (last, parents) = path.split_last().expect("a path");
        let mut at = &mut raw;
        for p in parents {
            at = match p.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*p],
            };
        }
        at[*last] = value;
        raw
    }

    #[test]
    fn a_valid_document_is_typed() {
        let doc = validate_gold(&gold_a(), "g.json").expect("valid");
        assert_eq!(doc.doc, "001_a.txt");
        assert_eq!(doc.layers, Layer::ALL.to_vec());
        assert_eq!(doc.entities[0].qid.as_deref(), Some("Q187383"));
        assert_eq!(doc.entities[1].qid.as_deref(), Some("Q159"));
        assert_eq!(doc.entities[2].qid.as_deref(), Some("Q399"));
        assert_eq!(doc.entities[3].qid, None);
        assert_eq!(doc.positions[0].role, Role::ForeignMinister);
        assert_eq!(doc.relations[0].p, RelationKind::MemberOf);
        let ev = &doc.events[0];
        assert_eq!(
            (ev.plover, ev.recipients.len(), ev.place.as_deref()),
            ("CONSULT", 0, None)
        );
        assert_eq!(ev.date.as_deref(), Some("2020-10"));
    }

    #[test]
    fn bad_documents_say_what_is_wrong() {
        let cases = [
            (json!([]), "a document must be a JSON object"),
            (json!({"entities": []}), "missing 'doc'"),
            (
                with(gold_a(), &["entities", "0", "type"], json!("City")),
                "'type' must be one of Person, Organization, Place",
            ),
            (
                with(gold_a(), &["entities", "1", "id"], json!("lavrov")),
                "entities[1]: missing or duplicate 'id' 'lavrov'",
            ),
            (
                with(gold_a(), &["entities", "1", "name"], json!(3)),
                "entities[1]: missing 'name'",
            ),
            (
                with(gold_a(), &["entities", "1", "aliases"], json!("Russia")),
                "'aliases' must be a list of names",
            ),
            (
                with(gold_a(), &["events", "0", "recipients"], json!(["nobody"])),
                "events[0].recipients: undefined entity id 'nobody'",
            ),
            (
                with(gold_a(), &["events", "0", "type"], json!("MEET")),
                "events[0].type: 'MEET' is not one of AGREE, CONSULT",
            ),
            (
                with(gold_a(), &["events", "0", "date"], json!("9 Oct")),
                "events[0].date: '9 Oct' is not YYYY-MM-DD",
            ),
            (
                with(gold_a(), &["events", "0", "actors"], json!("lavrov")),
                "'actors' and 'recipients' must be lists",
            ),
            (
                with(gold_a(), &["positions", "0", "role"], json!("King")),
                "positions[0].role: 'King' is not one of President,",
            ),
            (
                with(gold_a(), &["relations", "0", "p"], json!(null)),
                "relations[0].p: None is not one of alliedWith, containedInPlace, memberOf",
            ),
            (
                with(gold_a(), &["relations", "0", "o"], json!("osce")),
                "relations[0].o: undefined entity id 'osce'",
            ),
            (
                with(gold_a(), &["ignore"], json!([1])),
                "'ignore' must be a list of names",
            ),
            (
                with(gold_a(), &["positions"], json!([1])),
                "'positions' must be a list of objects",
            ),
            (
                with(gold_a(), &["positions", "0", "person"], json!(["lavrov"])),
                "one entity id, not a list",
            ),
        ];
        for (raw, message) in cases {
            let e = error(raw);
            assert!(e.starts_with("g.json: invalid gold: "), "{e}");
            assert!(e.contains(message), "{e} lacks {message}");
        }
    }

    #[test]
    fn layers_are_checked() {
        let only = |layers: Value| {
            let mut raw = gold_a();
            raw["layers"] = layers;
            for key in ["positions", "relations", "events"] {
                raw.as_object_mut().expect("object").remove(key);
            }
            raw
        };
        let cases = [
            (
                only(json!(["entities", "mentions"])),
                "'mentions' is not one of",
            ),
            (only(json!(["events", "events"])), "named twice"),
            (only(json!([])), "non-empty list"),
            (only(json!("entities")), "non-empty list"),
            (
                with(
                    only(json!(["entities"])),
                    &["events"],
                    gold_a()["events"].clone(),
                ),
                "'events' has items",
            ),
        ];
        for (raw, message) in cases {
            let e = error(raw);
            assert!(e.contains(message), "{e} lacks {message}");
        }
        // An empty list of a layer not listed is fine.
        let doc = validate_gold(
            &with(only(json!(["entities"])), &["events"], json!([])),
            "g.json",
        );
        assert_eq!(doc.expect("valid").layers, vec![Layer::Entities]);
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_repr(&json!("it's")), "\"it's\"");
        assert_eq!(py_repr(&json!("a'\"")), "'a\\'\"'");
        assert_eq!(py_repr(&json!([1, null, true])), "[1, None, True]");
    }
}
