//! What the graph says, for `newsgraph score`: RDF files (or the newsgraph
//! store) loaded into one in-memory oxigraph store, and the facts score.py
//! reads from it with the same SPARQL over the union of all graphs: names,
//! Wikidata ids, classes and superclasses of nodes, the article documents by
//! source file name, and solutions of a pattern inside an article's graph.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use super::names::{fold, qid_of};
use super::ScoreError;
use crate::doc::EntityType;
use crate::events::PLOVER_TYPES;
use crate::rdf::vocab::{NG, OWL, RDFS, SCHEMA, SKOS};
use crate::store::GraphStore;

/// `http://schema.org/` is accepted beside newsgraph's `https://schema.org/`.
pub const SCHEMA_HTTP: &str = "http://schema.org/";
/// Both schema.org namespaces, in score.py's order.
pub const SCHEMAS: [&str; 2] = [SCHEMA, SCHEMA_HTTP];

/// Extensions score.py knows, and their formats.
const EXTENSIONS: [&str; 9] = [
    ".nq", ".trig", ".ttl", ".nt", ".rdf", ".xml", ".owl", ".jsonld", ".n3",
];

fn format_of(extension: &str) -> Option<RdfFormat> {
    Some(match extension {
        ".nq" => RdfFormat::NQuads,
        ".trig" => RdfFormat::TriG,
        ".ttl" => RdfFormat::Turtle,
        ".nt" => RdfFormat::NTriples,
        ".rdf" | ".xml" | ".owl" => RdfFormat::RdfXml,
        ".jsonld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        ".n3" => RdfFormat::N3,
        _ => return None,
    })
}

/// A fresh in-memory store.
pub fn new_store() -> Result<Store, ScoreError> {
    Store::new().map_err(|e| ScoreError(format!("cannot create an in-memory store: {e}")))
}

/// Parse an RDF file into the store; the format comes from the extension.
/// Triples go to the default graph, which the scorer reads with the rest.
pub fn load_file(store: &Store, path: &Path) -> Result<(), ScoreError> {
    let shown = path.display();
    if !path.is_file() {
        return Err(ScoreError(format!("{shown}: no such file")));
    }
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
        .unwrap_or_default();
    let Some(format) = format_of(&extension) else {
        return Err(ScoreError(format!(
            "{shown}: unknown RDF extension (known: {})",
            EXTENSIONS.join(" ")
        )));
    };
    let file = std::fs::File::open(path).map_err(|e| ScoreError(format!("{shown}: {e}")))?;
    store
        .load_from_reader(
            RdfParser::from_format(format),
            std::io::BufReader::new(file),
        )
        .map_err(|e| ScoreError(format!("{shown}: cannot parse as {}: {e}", format.name())))
}

/// Parse RDF text into the store (for tests and callers holding text).
pub fn load_text(store: &Store, format: RdfFormat, text: &str) -> Result<(), ScoreError> {
    store
        .load_from_slice(RdfParser::from_format(format), text.as_bytes())
        .map_err(|e| ScoreError(format!("cannot parse as {}: {e}", format.name())))
}

/// Copy everything a newsgraph store holds into the in-memory store.
pub fn load_graph_store(store: &Store, graph: &GraphStore) -> Result<(), ScoreError> {
    let mut nquads = Vec::new();
    graph
        .dump(RdfFormat::NQuads, None, &mut nquads)
        .map_err(|e| ScoreError(format!("cannot read the store: {e:#}")))?;
    store
        .load_from_slice(RdfParser::from_format(RdfFormat::NQuads), &nquads)
        .map_err(|e| ScoreError(format!("cannot copy the store: {e}")))
}

/// The text of a term: an IRI, a blank node's id, a literal's lexical form.
pub fn value(term: &Term) -> &str {
    match term {
        Term::NamedNode(n) => n.as_str(),
        Term::BlankNode(b) => b.as_str(),
        Term::Literal(l) => l.value(),
    }
}

/// IRIs written for a SPARQL VALUES list.
pub fn iris(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("<{v}>"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One predicate in both schema.org namespaces.
pub fn schema_both(local: &str) -> Vec<String> {
    SCHEMAS.iter().map(|s| format!("{s}{local}")).collect()
}

/// Names, Wikidata ids and classes of nodes, read once from every graph of the store.
pub struct GraphFacts<'a> {
    store: &'a Store,
    names: HashMap<Term, HashSet<String>>,
    qids: HashMap<Term, HashSet<String>>,
    types: HashMap<Term, HashSet<String>>,
    supers: HashMap<String, HashSet<String>>,
    coarse: HashMap<String, EntityType>,
}

/// Subclasses of schema:Person, schema:Organization and schema:Place that count as them.
const COARSE: [(&str, EntityType); 18] = [
    ("Person", EntityType::Person),
    ("Organization", EntityType::Organization),
    ("GovernmentOrganization", EntityType::Organization),
    ("NGO", EntityType::Organization),
    ("Corporation", EntityType::Organization),
    ("NewsMediaOrganization", EntityType::Organization),
    ("MilitaryOrganization", EntityType::Organization),
    ("PoliticalParty", EntityType::Organization),
    ("EducationalOrganization", EntityType::Organization),
    ("Place", EntityType::Place),
    ("Country", EntityType::Place),
    ("City", EntityType::Place),
    ("State", EntityType::Place),
    ("AdministrativeArea", EntityType::Place),
    ("Continent", EntityType::Place),
    ("CivicStructure", EntityType::Place),
    ("LandmarksOrHistoricalBuildings", EntityType::Place),
    ("GovernmentBuilding", EntityType::Place),
];

static NOTHING: LazyLock<HashSet<String>> = LazyLock::new(HashSet::new);

impl<'a> GraphFacts<'a> {
    pub fn new(store: &'a Store) -> Result<GraphFacts<'a>, ScoreError> {
        let mut facts = GraphFacts {
            store,
            names: HashMap::new(),
            qids: HashMap::new(),
            types: HashMap::new(),
            supers: HashMap::new(),
            coarse: HashMap::new(),
        };
        let name_predicates: Vec<String> = [
            format!("{RDFS}label"),
            format!("{SKOS}prefLabel"),
            format!("{SKOS}altLabel"),
        ]
        .into_iter()
        .chain(schema_both("name"))
        .collect();
        let query = format!(
            "SELECT ?e ?n {{ VALUES ?p {{ {} }} ?e ?p ?n }}",
            iris(&name_predicates)
        );
        for row in facts.rows(&query, &["e", "n"], None)? {
            if let [Some(node), Some(Term::Literal(name))] = &row[..] {
                let folded = fold(name.value());
                if !folded.is_empty() {
                    facts.names.entry(node.clone()).or_default().insert(folded);
                }
            }
        }
        let same_as: Vec<String> = std::iter::once(format!("{OWL}sameAs"))
            .chain(schema_both("sameAs"))
            .collect();
        let query = format!(
            "SELECT ?e ?x {{ VALUES ?p {{ {} }} ?e ?p ?x }}",
            iris(&same_as)
        );
        for row in facts.rows(&query, &["e", "x"], None)? {
            if let [Some(node), Some(other)] = &row[..] {
                let other = value(other);
                if let Some(qid) = qid_of(other).filter(|_| other.contains("wikidata.org/")) {
                    facts.qids.entry(node.clone()).or_default().insert(qid);
                }
            }
        }
        for row in facts.rows("SELECT ?e ?t { ?e a ?t }", &["e", "t"], None)? {
            if let [Some(node), Some(class)] = &row[..] {
                let class = value(class).to_string();
                facts.types.entry(node.clone()).or_default().insert(class);
            }
        }
        let query = format!("SELECT ?c ?s {{ ?c <{RDFS}subClassOf>+ ?s }}");
        for row in facts.rows(&query, &["c", "s"], None)? {
            if let [Some(class), Some(sup)] = &row[..] {
                let sup = value(sup).to_string();
                facts
                    .supers
                    .entry(value(class).to_string())
                    .or_default()
                    .insert(sup);
            }
        }
        for schema in SCHEMAS {
            for (name, coarse) in COARSE {
                facts.coarse.insert(format!("{schema}{name}"), coarse);
            }
        }
        Ok(facts)
    }

    /// Run a SELECT over the union of all graphs, `?d` bound to a term; the
    /// values of `vars` per solution.
    fn rows(
        &self,
        query: &str,
        vars: &[&str],
        doc: Option<&Term>,
    ) -> Result<Vec<Vec<Option<Term>>>, ScoreError> {
        let fail = |e: &dyn std::fmt::Display| ScoreError(format!("query failed: {e}"));
        let mut prepared = SparqlEvaluator::new()
            .parse_query(query)
            .map_err(|e| fail(&e))?;
        prepared.dataset_mut().set_default_graph_as_union();
        if let Some(doc) = doc {
            prepared = prepared.substitute_variable(Variable::new_unchecked("d"), doc.clone());
        }
        let QueryResults::Solutions(solutions) = prepared
            .on_store(self.store)
            .execute()
            .map_err(|e| fail(&e))?
        else {
            return Err(ScoreError("query failed: not a SELECT".to_string()));
        };
        let mut out = Vec::new();
        for solution in solutions {
            let solution = solution.map_err(|e| fail(&e))?;
            out.push(vars.iter().map(|v| solution.get(*v).cloned()).collect());
        }
        Ok(out)
    }

    /// The folded names a node carries.
    pub fn names(&self, node: &Term) -> &HashSet<String> {
        self.names.get(node).unwrap_or(&NOTHING)
    }

    /// The Wikidata ids a node is the same as.
    pub fn qids(&self, node: &Term) -> &HashSet<String> {
        self.qids.get(node).unwrap_or(&NOTHING)
    }

    /// Every class of a node, its classes' superclasses included.
    pub fn classes(&self, node: &Term) -> HashSet<&str> {
        let mut out = HashSet::new();
        for t in self.types.get(node).into_iter().flatten() {
            out.insert(t.as_str());
            out.extend(self.supers.get(t).into_iter().flatten().map(String::as_str));
        }
        out
    }

    /// Coarse types (Person, Organization, Place) of a node.
    pub fn coarse_types(&self, node: &Term) -> HashSet<EntityType> {
        self.classes(node)
            .into_iter()
            .filter_map(|c| self.coarse.get(c).copied())
            .collect()
    }

    /// PLOVER types of an event node: ng:Consult … ng:Assault, or their subclasses.
    pub fn event_types(&self, node: &Term) -> Vec<&'static str> {
        let names: HashSet<String> = self
            .classes(node)
            .into_iter()
            .filter_map(|c| c.strip_prefix(NG))
            .map(str::to_uppercase)
            .collect();
        PLOVER_TYPES
            .iter()
            .copied()
            .filter(|t| names.contains(*t))
            .collect()
    }

    /// Source file base name → the document nodes carrying it.
    pub fn documents(&self) -> Result<HashMap<String, Vec<Term>>, ScoreError> {
        let query = format!("SELECT DISTINCT ?d ?f {{ ?d <{NG}sourceFile> ?f }}");
        let mut docs: HashMap<String, Vec<Term>> = HashMap::new();
        for row in self.rows(&query, &["d", "f"], None)? {
            if let [Some(doc), Some(source)] = &row[..] {
                let source = value(source);
                let base = source.rsplit('/').next().unwrap_or(source);
                docs.entry(base.to_string()).or_default().push(doc.clone());
            }
        }
        Ok(docs)
    }

    /// Distinct solutions of a pattern inside the named graphs of the
    /// documents (bound to `?d`): the values of `vars`, unbound as None.
    pub fn in_doc(
        &self,
        docs: &[Term],
        pattern: &str,
        vars: &[&str],
    ) -> Result<Vec<Vec<Option<Term>>>, ScoreError> {
        let projection: String = vars.iter().map(|v| format!(" ?{v}")).collect();
        let query = format!("SELECT DISTINCT ?d{projection} {{ GRAPH ?d {{ {pattern} }} }}");
        let mut out = Vec::new();
        for doc in docs {
            out.extend(self.rows(&query, vars, Some(doc))?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: &str = r#"
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
ex:lavrov a schema:Person ; rdfs:label "Sergueï Lavrov", "  " ;
  owl:sameAs <http://www.wikidata.org/entity/Q187383>, <http://example.org/Q1> .
ex:moscow a ex:Town ; <http://schema.org/name> "Moscou" .
ex:Town rdfs:subClassOf ex:Settlement . ex:Settlement rdfs:subClassOf <http://schema.org/Place> .
ex:ev a <https://w3id.org/newsgraph/ontology#Consult>, ex:Meeting .
"#;

    fn term(iri: &str) -> Term {
        oxigraph::model::NamedNode::new_unchecked(iri).into()
    }

    #[test]
    fn facts_of_a_default_graph() {
        let store = new_store().expect("store");
        load_text(&store, RdfFormat::Turtle, TTL).expect("turtle");
        let facts = GraphFacts::new(&store).expect("facts");
        let lavrov = term("http://example.org/lavrov");
        assert_eq!(
            facts.names(&lavrov).iter().collect::<Vec<_>>(),
            ["serguei lavrov"]
        );
        assert_eq!(facts.qids(&lavrov).iter().collect::<Vec<_>>(), ["Q187383"]);
        let moscow = term("http://example.org/moscow");
        assert!(facts.coarse_types(&moscow).contains(&EntityType::Place));
        assert_eq!(
            facts.event_types(&term("http://example.org/ev")),
            ["CONSULT"]
        );
        assert!(facts.documents().expect("docs").is_empty());
    }

    #[test]
    fn files_by_extension() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = new_store().expect("store");
        let ttl = dir.path().join("g.TTL");
        std::fs::write(&ttl, TTL).expect("write");
        load_file(&store, &ttl).expect("turtle by extension");
        let odd = dir.path().join("g.txt");
        std::fs::write(&odd, TTL).expect("write");
        let e = load_file(&store, &odd).expect_err("unknown");
        assert!(
            e.0.contains("unknown RDF extension (known: .nq .trig"),
            "{e}"
        );
        let e = load_file(&store, &dir.path().join("nope.nq")).expect_err("missing");
        assert!(e.0.ends_with("nope.nq: no such file"), "{e}");
        let broken = dir.path().join("broken.trig");
        std::fs::write(&broken, "<a> <b> {").expect("write");
        let e = load_file(&store, &broken).expect_err("broken");
        assert!(e.0.contains("cannot parse as TriG"), "{e}");
    }
}
