//! `newsgraph score`: score a knowledge graph against gold readings of
//! articles — the Rust port of `../shared/eval/score.py`, with the same
//! matching rules and the same figures (entities untyped and typed,
//! positions, relations, typed and untyped events, role/place/date
//! accuracy, cross-document identity, layers), the same text tables and the
//! same JSON object. The gold format and the rules are those of
//! `../shared/eval/README.md`.
//!
//! [`gold`] reads and checks the gold JSON, [`names`] folds names, [`graph`] what the graph says
//! (RDF files or the newsgraph store, copied into an in-memory oxigraph
//! store and read with score.py's SPARQL), [`metrics`] matches and counts,
//! [`report`] renders.
//!
//! ```
//! use newsgraph::score::{validate_gold, Graph};
//! use oxigraph::io::RdfFormat;
//!
//! let gold = serde_json::json!({"doc": "a.txt",
//!     "entities": [{"id": "moscow", "name": "Moscou", "type": "Place", "aliases": ["Moscow"]}]});
//! let graph = Graph::new().unwrap();
//! graph.load_text(RdfFormat::TriG, r#"
//!     <urn:d> { <urn:d> <https://w3id.org/newsgraph/ontology#sourceFile> "a.txt" ;
//!                       <https://schema.org/mentions> <urn:m> . }
//!     <urn:m> a <https://schema.org/City> ; <http://www.w3.org/2000/01/rdf-schema#label> "Moscow" ."#).unwrap();
//! let report = graph.score(&[validate_gold(&gold, "a.json").unwrap()]).unwrap();
//! assert_eq!(report.overall.entities_typed.rates().f1, 1.0);
//! ```

pub mod gold;
pub mod graph;
pub mod metrics;
pub mod names;
pub mod report;

use std::path::Path;

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

pub use gold::{load_gold, validate_gold, GoldDoc, Layer};
pub use names::fold;
pub use report::{Accuracy, Corpus, Counts, Rates, Report, Scores};

use crate::store::GraphStore;

/// Bad input (gold or graph): one line for the user, exit status 2.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScoreError(pub String);

/// How `newsgraph score` prints its report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// score.py's tables.
    #[default]
    Table,
    /// score.py's `--json` object.
    Json,
}

/// The graph to score: RDF files and/or a newsgraph store, copied into one
/// in-memory store (files of triples land in its default graph, which is
/// read with the rest, e.g. an ontology's `rdfs:subClassOf`).
pub struct Graph {
    store: Store,
}

impl Graph {
    pub fn new() -> Result<Graph, ScoreError> {
        Ok(Graph {
            store: graph::new_store()?,
        })
    }

    /// Add an RDF file; the format comes from the extension (.nq .trig .ttl
    /// .nt .rdf .xml .owl .jsonld .n3).
    pub fn load_file(&self, path: &Path) -> Result<(), ScoreError> {
        graph::load_file(&self.store, path)
    }

    /// Add RDF text.
    pub fn load_text(&self, format: RdfFormat, text: &str) -> Result<(), ScoreError> {
        graph::load_text(&self.store, format, text)
    }

    /// Add everything a newsgraph store holds.
    pub fn load_store(&self, store: &GraphStore) -> Result<(), ScoreError> {
        graph::load_graph_store(&self.store, store)
    }

    /// Score every gold document.
    pub fn score(&self, golds: &[GoldDoc]) -> Result<Report, ScoreError> {
        let facts = graph::GraphFacts::new(&self.store)?;
        metrics::evaluate(&facts, golds)
    }
}

#[cfg(test)]
mod tests {
    //! score.py's own tests (`../shared/eval/tests/test_score.py`) as data: a
    //! hand-made gold corpus and TriG graph, then one change at a time.

    use super::*;
    use serde_json::{json, Value};

    fn gold_a() -> Value {
        json!({
            "doc": "001_a.txt",
            "entities": [
                {"id": "sergey-lavrov", "name": "Sergueï Lavrov", "type": "Person",
                 "aliases": ["Lavrov", "Sergey Lavrov"], "wikidata": "Q187383"},
                {"id": "ceyhun-bayramov", "name": "Ceyhun Bayramov", "type": "Person",
                 "aliases": ["Djeyhoun Baïramov", "Bayramov"]},
                {"id": "zohrab-mnatsakanyan", "name": "Zohrab Mnatsakanyan", "type": "Person",
                 "aliases": ["Mnatsakanian"]},
                {"id": "ilham-aliyev", "name": "Ilham Aliev", "type": "Person", "aliases": ["Aliev"]},
                {"id": "russia", "name": "Russie", "type": "Place", "subtype": "Country", "aliases": ["Russia"]},
                {"id": "armenia", "name": "Arménie", "type": "Place", "subtype": "Country"},
                {"id": "azerbaijan", "name": "Azerbaïdjan", "type": "Place", "subtype": "Country"},
                {"id": "moscow", "name": "Moscou", "type": "Place", "subtype": "City", "aliases": ["Moscow"]},
                {"id": "nagorno-karabakh", "name": "Haut-Karabakh", "type": "Place", "subtype": "Region"},
                {"id": "stepanakert", "name": "Stepanakert", "type": "Place", "subtype": "City"},
                {"id": "osce-minsk-group", "name": "Groupe de Minsk de l'OSCE", "type": "Organization",
                 "aliases": ["Groupe de Minsk"]}
            ],
            "ignore": ["AFP", "euronews"],
            "positions": [
                {"person": "sergey-lavrov", "role": "ForeignMinister", "org": "russia"},
                {"person": "ceyhun-bayramov", "role": "ForeignMinister", "org": "azerbaijan"}
            ],
            "relations": [
                {"s": "russia", "p": "memberOf", "o": "osce-minsk-group"},
                {"s": "stepanakert", "p": "containedInPlace", "o": "nagorno-karabakh"},
                {"s": "russia", "p": "alliedWith", "o": "armenia"}
            ],
            "events": [
                {"type": "CONSULT", "mode": "host", "actors": ["sergey-lavrov"],
                 "recipients": ["ceyhun-bayramov", "zohrab-mnatsakanyan"], "place": "moscow", "date": "2020-10-09"},
                {"type": "ACCUSE", "actors": ["armenia"], "recipients": ["azerbaijan"], "date": "2020-10"},
                {"type": "ASSAULT", "mode": "aerial", "actors": ["azerbaijan"], "recipients": ["stepanakert"],
                 "place": "nagorno-karabakh", "date": "2020-10-08"}
            ]
        })
    }

    fn gold_b() -> Value {
        json!({
            "doc": "002_b.txt",
            "entities": [
                {"id": "sergey-lavrov", "name": "Sergueï Lavrov", "type": "Person", "aliases": ["Lavrov"]},
                {"id": "heydar-aliyev", "name": "Heydar Aliev", "type": "Person", "aliases": ["Aliev"]},
                {"id": "russia", "name": "Russie", "type": "Place"},
                {"id": "armenia", "name": "Arménie", "type": "Place"},
                {"id": "azerbaijan", "name": "Azerbaïdjan", "type": "Place"}
            ],
            "events": [
                {"type": "AGREE", "mode": "ceasefire", "actors": ["armenia", "azerbaijan"], "recipients": [],
                 "date": "2020-10-10"},
                {"type": "SUPPORT", "actors": ["russia"], "recipients": ["armenia"]}
            ]
        })
    }

    fn gold_c() -> Value {
        json!({
            "doc": "003_c.txt",
            "entities": [
                {"id": "russia", "name": "Russie", "type": "Place"},
                {"id": "vladimir-putin", "name": "Vladimir Poutine", "type": "Person"}
            ],
            "events": [{"type": "MOBILIZE", "actors": ["vladimir-putin"]}]
        })
    }

    const TRIG: &str = r#"@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:lavrov a schema:Person ; rdfs:label "Sergueï Lavrov" ; skos:altLabel "Lavrov" ;
    owl:sameAs <http://www.wikidata.org/entity/Q187383> .
ex:bayramov a schema:Person ; rdfs:label "Ceyhun Bayramov" .
ex:mnatsakanyan a schema:Person ; rdfs:label "Zohrab Mnatsakanyan" .
ex:ilham a schema:Person ; rdfs:label "Ilham Aliev" ; skos:altLabel "Aliev" .
ex:heydar a schema:Person ; rdfs:label "Heydar Aliev" .
ex:russia a schema:Country ; rdfs:label "Russie" .
ex:armenia a schema:Country ; rdfs:label "Arménie" .
ex:azerbaijan a schema:Country ; rdfs:label "Azerbaïdjan" .
ex:moscow a schema:City ; rdfs:label "Moscou" .
ex:karabakh a schema:AdministrativeArea ; rdfs:label "Haut-Karabakh" .
ex:stepanakert a schema:City ; rdfs:label "Stepanakert" .
ex:minsk-group a schema:GovernmentOrganization ; rdfs:label "Groupe de Minsk de l'OSCE" .

ex:doc1 {
  ex:doc1 a schema:NewsArticle ; ng:sourceFile "001_a.txt" ;
    schema:mentions ex:lavrov, ex:bayramov, ex:mnatsakanyan, ex:ilham, ex:russia, ex:armenia,
      ex:azerbaijan, ex:moscow, ex:karabakh, ex:stepanakert, ex:minsk-group .
  ex:lavrov ng:holdsPosition ex:pos1 . ex:pos1 ng:role ng:ForeignMinister ; ng:organization ex:russia .
  ex:bayramov ng:holdsPosition ex:pos2 . ex:pos2 ng:role ng:ForeignMinister ; ng:organization ex:azerbaijan .
  ex:russia schema:memberOf ex:minsk-group .
  ex:stepanakert schema:containedInPlace ex:karabakh .
  ex:armenia ng:alliedWith ex:russia .
  ex:ev1 a ng:Consult ; ng:mode "host" ; ng:actor ex:lavrov ; ng:recipient ex:bayramov, ex:mnatsakanyan ;
    schema:location ex:moscow ; schema:startDate "2020-10-09"^^xsd:date .
  ex:ev2 a ng:Accuse ; ng:actor ex:armenia ; ng:recipient ex:azerbaijan ;
    schema:startDate "2020-10-07"^^xsd:date .
  ex:ev3 a ng:Assault ; ng:mode "aerial" ; ng:actor ex:azerbaijan ; ng:recipient ex:stepanakert ;
    schema:location ex:karabakh ; schema:startDate "2020-10-08"^^xsd:date .
}

ex:doc2 {
  ex:doc2 a schema:NewsArticle ; ng:sourceFile "002_b.txt" ;
    schema:mentions ex:lavrov, ex:heydar, ex:russia, ex:armenia, ex:azerbaijan .
  ex:ev4 a ng:Agree ; ng:mode "ceasefire" ; ng:actor ex:armenia, ex:azerbaijan ;
    schema:startDate "2020-10-10"^^xsd:date .
  ex:ev5 a ng:Support ; ng:actor ex:russia ; ng:recipient ex:armenia .
}
"#;

    /// Score TRIG with text replacements and extra TriG (and an ontology).
    fn score_with(
        replace: &[(&str, &str)],
        extra: &str,
        golds: &[Value],
        ontology: &str,
    ) -> Report {
        let mut trig = TRIG.to_string();
        for (old, new) in replace {
            assert!(trig.contains(old), "{old}");
            trig = trig.replace(old, new);
        }
        trig.push_str(extra);
        let graph = Graph::new().expect("graph");
        graph.load_text(RdfFormat::TriG, &trig).expect("TriG");
        if !ontology.is_empty() {
            graph
                .load_text(RdfFormat::Turtle, ontology)
                .expect("Turtle");
        }
        let golds: Vec<GoldDoc> = golds
            .iter()
            .map(|g| validate_gold(g, "g.json").expect("valid gold"))
            .collect();
        graph.score(&golds).expect("scored")
    }

    fn score(replace: &[(&str, &str)], extra: &str) -> Report {
        score_with(replace, extra, &[gold_a(), gold_b()], "")
    }

    fn c(counts: &Counts) -> (usize, usize, usize) {
        (counts.tp, counts.fp, counts.fn_)
    }

    fn acc(a: &Accuracy) -> (usize, usize) {
        (a.correct, a.total)
    }

    fn all_prf(s: &Scores) -> [&Counts; 6] {
        [
            &s.entities,
            &s.entities_typed,
            &s.positions,
            &s.relations,
            &s.events_typed,
            &s.events_untyped,
        ]
    }

    #[test]
    fn perfect_graph_scores_one() {
        let res = score(&[], "");
        for (_, s) in res
            .docs
            .iter()
            .chain([(String::new(), res.overall.clone())].iter())
        {
            for block in all_prf(s) {
                assert_eq!(block.rates().f1, 1.0);
            }
        }
        let o = &res.overall;
        assert_eq!(
            [o.role, o.place, o.date].map(|a| a.accuracy()),
            [Some(1.0); 3]
        );
        assert_eq!(res.doc("002_b.txt").expect("doc").role.accuracy(), None);
        assert_eq!(c(&o.entities), (16, 0, 0));
        assert_eq!(c(&o.events_typed), (7, 0, 0));
        assert_eq!(c(&o.events_untyped), (7, 0, 0));
        assert_eq!((o.duplicates, o.ambiguous, o.ignored), (0, 0, 0));
        assert!(res.missing_docs.is_empty());
        let k = &res.corpus;
        assert_eq!((k.unified, k.shared_entities, k.over_merged), (4, 4, 0));
    }

    #[test]
    fn an_nquads_dump_scores_the_same() {
        let graph = Graph::new().expect("graph");
        graph.load_text(RdfFormat::TriG, TRIG).expect("TriG");
        let mut nquads = Vec::new();
        graph
            .store
            .dump_to_writer(RdfFormat::NQuads, &mut nquads)
            .expect("dump");
        let again = Graph::new().expect("graph");
        again
            .load_text(
                RdfFormat::NQuads,
                std::str::from_utf8(&nquads).expect("utf-8"),
            )
            .expect("nq");
        let golds = [
            validate_gold(&gold_a(), "a").expect("a"),
            validate_gold(&gold_b(), "b").expect("b"),
        ];
        assert_eq!(
            again.score(&golds).expect("score"),
            graph.score(&golds).expect("score")
        );
    }

    #[test]
    fn entities_missing_extra_wrongly_typed_or_ignored() {
        let o = score(&[("ex:karabakh, ex:stepanakert,", "ex:karabakh,")], "").overall;
        assert_eq!(c(&o.entities), (15, 0, 1));
        assert_eq!(c(&o.relations), (3, 0, 0)); // still named in the relation
        let o = score(
            &[("ex:moscow a schema:City", "ex:moscow a schema:Person")],
            "",
        )
        .overall;
        assert_eq!(c(&o.entities), (16, 0, 0));
        assert_eq!(c(&o.entities_typed), (15, 1, 1)); // a typed FP and a typed FN
        let extra = "ex:macron a schema:Person ; rdfs:label \"Emmanuel Macron\" .\nex:doc1 { ex:doc1 schema:mentions ex:macron . }\n";
        let o = score(&[], extra).overall;
        assert_eq!(c(&o.entities), (16, 1, 0));
        assert_eq!(o.entities.rates().p, 0.9412);
        let extra = "ex:afp a schema:NewsMediaOrganization ; rdfs:label \"AFP\" .\nex:doc1 { ex:doc1 schema:mentions ex:afp . }\n";
        let o = score(&[], extra).overall;
        assert_eq!((c(&o.entities), o.ignored), ((16, 0, 0), 1));
    }

    #[test]
    fn names_match_folded_or_by_wikidata_id() {
        let change = [
            (
                "rdfs:label \"Ceyhun Bayramov\"",
                "rdfs:label \"DJEYHOUN BAIRAMOV\"",
            ),
            ("Groupe de Minsk de l'OSCE", "GROUPE  DE MINSK DE L’OSCE"),
        ];
        let o = score(&change, "").overall;
        assert!(all_prf(&o).iter().all(|b| b.rates().f1 == 1.0));
        let res = score(
            &[(
                "rdfs:label \"Sergueï Lavrov\" ; skos:altLabel \"Lavrov\"",
                "rdfs:label \"С. Лавров\"",
            )],
            "",
        );
        let a = res.doc("001_a.txt").expect("a");
        assert_eq!((c(&a.entities), c(&a.positions)), ((11, 0, 0), (2, 0, 0)));
        // 002_b.txt has no wikidata id for Lavrov: a miss plus a false positive.
        assert_eq!(c(&res.doc("002_b.txt").expect("b").entities), (4, 1, 1));
        let change = [(
            "rdfs:label \"Sergueï Lavrov\" ; skos:altLabel \"Lavrov\" ;\n    owl:sameAs <http://",
            "rdfs:label \"S. L.\" ;\n    schema:sameAs <https://",
        )];
        assert_eq!(
            c(&score(&change, "").doc("001_a.txt").expect("a").entities),
            (11, 0, 0)
        );
    }

    #[test]
    fn event_types_orders_places_and_dates() {
        let o = score(&[("ex:ev2 a ng:Accuse", "ex:ev2 a ng:Reject")], "").overall;
        assert_eq!(
            (c(&o.events_typed), c(&o.events_untyped)),
            ((6, 1, 1), (7, 0, 0))
        );
        let swapped = [(
            "ng:actor ex:lavrov ; ng:recipient ex:bayramov, ex:mnatsakanyan",
            "ng:actor ex:bayramov, ex:mnatsakanyan ; ng:recipient ex:lavrov",
        )];
        let o = score(&swapped, "").overall;
        assert_eq!(
            (c(&o.events_typed), o.place.accuracy()),
            ((7, 0, 0), Some(1.0))
        );
        let swapped = [(
            "ng:actor ex:armenia ; ng:recipient ex:azerbaijan",
            "ng:actor ex:azerbaijan ; ng:recipient ex:armenia",
        )];
        let o = score(&swapped, "").overall;
        assert_eq!(
            (c(&o.events_typed), c(&o.events_untyped)),
            ((6, 1, 1), (7, 0, 0))
        );
        let o = score(
            &[("\"2020-10-09\"^^xsd:date", "\"2020-10-10\"^^xsd:date")],
            "",
        )
        .overall;
        assert_eq!((acc(&o.date), o.place.correct), ((5, 7), 7)); // two CONSULT tuples
        let o = score(
            &[("\"2020-10-08\"^^xsd:date", "\"2020-10\"^^xsd:gYearMonth")],
            "",
        )
        .overall;
        assert_eq!(acc(&o.date), (6, 7));
        let o = score(
            &[("schema:location ex:moscow", "schema:location ex:russia")],
            "",
        )
        .overall;
        assert_eq!(acc(&o.place), (5, 7));
    }

    #[test]
    fn an_event_without_actor() {
        let mut gold = gold_a();
        gold["events"].as_array_mut().expect("events").push(
            json!({"type": "ASSAULT", "actors": [], "recipients": ["stepanakert"], "date": "2020-10-08"}),
        );
        let golds = [gold, gold_b()];
        assert_eq!(
            c(&score_with(&[], "", &golds, "").overall.events_typed),
            (7, 0, 1)
        );
        let extra = "ex:doc1 { ex:ev9 a ng:Assault ; ng:recipient ex:stepanakert ; schema:startDate \"2020-10-08\"^^xsd:date . }\n";
        let o = score_with(&[], extra, &golds, "").overall;
        assert_eq!((c(&o.events_typed), o.date.correct), ((8, 0, 0), 8));
    }

    #[test]
    fn roles_and_relations() {
        let o = score(
            &[(
                "ex:pos1 ng:role ng:ForeignMinister",
                "ex:pos1 ng:role ng:President",
            )],
            "",
        )
        .overall;
        assert_eq!((c(&o.positions), acc(&o.role)), ((2, 0, 0), (1, 2)));
        let extra = "ex:nato a schema:Organization ; rdfs:label \"OTAN\" .\nex:doc1 { ex:russia schema:memberOf ex:nato . }\n";
        let o = score(&[], extra).overall;
        assert_eq!(c(&o.relations), (3, 1, 0));
        assert_eq!(c(&o.entities), (16, 0, 0)); // not mentioned: no entity FP
    }

    #[test]
    fn documents_missing_or_without_gold() {
        let res = score_with(&[], "", &[gold_a(), gold_b(), gold_c()], "");
        assert_eq!(res.missing_docs, ["003_c.txt"]);
        assert_eq!(c(&res.doc("003_c.txt").expect("c").entities), (0, 0, 2));
        assert_eq!(c(&res.overall.entities), (16, 0, 2));
        assert_eq!(c(&res.overall.events_typed), (7, 0, 1));
        let extra = "ex:doc9 { ex:doc9 a schema:NewsArticle ; ng:sourceFile \"009_z.txt\" ; schema:mentions ex:lavrov . }\n";
        let res = score(&[], extra);
        assert_eq!(res.graph_docs_without_gold, ["009_z.txt"]);
        assert_eq!(c(&res.overall.entities), (16, 0, 0));
    }

    #[test]
    fn duplicates_and_ambiguous_nodes() {
        let extra = "ex:lavrov2 a schema:Person ; rdfs:label \"Lavrov\" .\nex:doc1 { ex:doc1 schema:mentions ex:lavrov2 . }\n";
        let o = score(&[], extra).overall;
        assert_eq!((c(&o.entities), o.duplicates), ((16, 0, 0), 1));
        let o = score(
            &[(
                "rdfs:label \"Ceyhun Bayramov\"",
                "rdfs:label \"Ceyhun Bayramov\", \"Lavrov\"",
            )],
            "",
        )
        .overall;
        assert_eq!(
            (o.ambiguous, c(&o.entities), c(&o.positions)),
            (1, (16, 0, 0), (2, 0, 0))
        );
    }

    #[test]
    fn types_from_an_ontology_and_the_http_namespace() {
        let change = [("ex:moscow a schema:City", "ex:moscow a ex:Town")];
        assert_eq!(score(&change, "").overall.entities_typed.tp, 15);
        let onto = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<http://example.org/Town> rdfs:subClassOf <http://example.org/Settlement> .\n<http://example.org/Settlement> rdfs:subClassOf <https://schema.org/Place> .\n";
        let golds = [gold_a(), gold_b()];
        assert_eq!(
            score_with(&change, "", &golds, onto)
                .overall
                .entities_typed
                .tp,
            16
        );
        let change = [(
            "ex:moscow a schema:City",
            "ex:moscow a <http://schema.org/City>",
        )];
        assert_eq!(score(&change, "").overall.entities_typed.tp, 16);
    }

    #[test]
    fn unification_across_documents() {
        let extra = "ex:lavrov-b a schema:Person ; rdfs:label \"Lavrov\" .\n";
        let split = [(
            "schema:mentions ex:lavrov, ex:heydar",
            "schema:mentions ex:lavrov-b, ex:heydar",
        )];
        let k = score(&split, extra).corpus;
        assert_eq!(
            (k.unified, k.shared_entities, k.not_unified),
            (3, 4, vec!["sergey-lavrov".to_string()])
        );
        let res = score(&[("ex:lavrov, ex:heydar,", "ex:lavrov, ex:ilham,")], "");
        assert_eq!(res.corpus.over_merged, 1);
        assert_eq!(
            res.corpus
                .over_merged_nodes
                .get("<http://example.org/ilham>"),
            Some(&vec![
                "heydar-aliyev".to_string(),
                "ilham-aliyev".to_string()
            ])
        );
        assert_eq!(c(&res.overall.entities), (16, 0, 0));
    }

    /// A copy of a gold document that annotates only some layers.
    fn only(gold: Value, layers: &[&str]) -> Value {
        let mut doc = gold;
        doc["layers"] = json!(layers);
        for key in ["positions", "relations", "events"] {
            if !layers.contains(&key) {
                doc.as_object_mut().expect("object").remove(key);
            }
        }
        doc
    }

    #[test]
    fn layers_not_listed_are_not_scored() {
        let extra = "ex:doc1 { ex:ev8 a ng:Assault ; ng:actor ex:russia ; ng:recipient ex:moscow .\n  ex:russia schema:memberOf ex:armenia . }\n";
        let change = [("ex:karabakh, ex:stepanakert,", "ex:karabakh,")];
        let res = score_with(
            &change,
            extra,
            &[only(gold_a(), &["entities"]), gold_b()],
            "",
        );
        let d = res.doc("001_a.txt").expect("a");
        assert_eq!(d.layers, [Layer::Entities]);
        assert_eq!(c(&d.entities), (10, 0, 1)); // the entity layer is still scored
        for block in [
            &d.positions,
            &d.relations,
            &d.events_typed,
            &d.events_untyped,
        ] {
            assert_eq!(c(block), (0, 0, 0));
        }
        for a in [d.role, d.place, d.date] {
            assert_eq!((a.total, a.accuracy()), (0, None));
        }
        let o = &res.overall; // only 002_b.txt's events and (no) positions are left
        assert_eq!(
            (c(&o.events_typed), c(&o.positions), c(&o.entities)),
            ((3, 0, 0), (0, 0, 0), (15, 0, 1))
        );
        assert_eq!(o.layers, Layer::ALL);
        assert_eq!(res.doc("002_b.txt").expect("b").layers, Layer::ALL);
        let text = res.to_text(true);
        assert!(
            text.contains("\n  events (typed)      not annotated\n"),
            "{text}"
        );

        let change = [
            ("ex:ev2 a ng:Accuse", "ex:ev2 a ng:Reject"),
            ("\"2020-10-09\"^^xsd:date", "\"2020-10-10\"^^xsd:date"),
            (
                "ex:pos1 ng:role ng:ForeignMinister ; ng:organization ex:russia",
                "ex:pos1 ng:role ng:President ; ng:organization ex:armenia",
            ),
        ];
        let res = score_with(
            &change,
            "",
            &[only(gold_a(), &["entities", "events"]), gold_b()],
            "",
        );
        let d = res.doc("001_a.txt").expect("a");
        assert_eq!(
            (c(&d.entities), c(&d.events_typed), c(&d.events_untyped)),
            ((11, 0, 0), (3, 1, 1), (4, 0, 0))
        );
        assert_eq!((acc(&d.date), acc(&d.place)), ((1, 3), (3, 3)));
        assert_eq!(
            (c(&d.positions), d.role.total, c(&d.relations)),
            ((0, 0, 0), 0, (0, 0, 0))
        );

        let extra = "ex:macron a schema:Person ; rdfs:label \"Emmanuel Macron\" .\nex:doc1 { ex:doc1 schema:mentions ex:macron . }\n";
        let change = [("ex:karabakh, ex:stepanakert,", "ex:karabakh,")];
        let res = score_with(&change, extra, &[only(gold_a(), &["events"]), gold_b()], "");
        let d = res.doc("001_a.txt").expect("a");
        assert_eq!(
            (c(&d.entities), c(&d.entities_typed), c(&d.events_typed)),
            ((0, 0, 0), (0, 0, 0), (4, 0, 0))
        );
        assert_eq!(c(&res.overall.entities), (5, 0, 0)); // 002_b.txt's alone
    }

    #[test]
    fn the_json_object_has_score_py_keys() {
        let json: Value = serde_json::from_str(&score(&[], "").to_json()).expect("json");
        let keys = |v: &Value| {
            v.as_object()
                .expect("object")
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            keys(&json),
            "corpus docs graph_docs_without_gold missing_docs overall"
        );
        assert_eq!(
            keys(&json["overall"]),
            "ambiguous date duplicates entities entities_typed events_typed events_untyped ignored layers place positions relations role"
        );
        assert_eq!(keys(&json["docs"]["001_a.txt"]), keys(&json["overall"]));
        assert_eq!(keys(&json["overall"]["relations"]), "f1 fn fp p r tp");
        assert_eq!(keys(&json["overall"]["date"]), "accuracy correct total");
        assert_eq!(
            keys(&json["corpus"]),
            "not_unified over_merged over_merged_nodes shared_entities unified"
        );
        assert_eq!(json["overall"]["events_typed"]["f1"], 1.0);
    }
}
