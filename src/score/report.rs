//! The result of `newsgraph score` and its two renderings: the text tables of
//! score.py (same rows, same precision) and its `--json` object (same keys in
//! the same order, rates rounded to four decimals as Python's `round`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::gold::Layer;

/// True positives, false positives and false negatives of one kind of item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

/// Precision, recall and F1, each rounded to four decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rates {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

impl Counts {
    /// P, R and F1; all 1.0 when there was nothing to find and nothing was found.
    pub fn rates(&self) -> Rates {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        if self.tp + self.fp + self.fn_ == 0 {
            return Rates {
                p: 1.0,
                r: 1.0,
                f1: 1.0,
            };
        }
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Rates {
            p: round4(p),
            r: round4(r),
            f1: round4(f1),
        }
    }

    fn add(&mut self, other: &Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// Python's `round(x, 4)`: the decimal nearest to the binary value, ties to even.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// How many judged items were right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    /// Rounded to four decimals; None when nothing was judged.
    pub fn accuracy(&self) -> Option<f64> {
        (self.total > 0).then(|| round4(self.correct as f64 / self.total as f64))
    }
}

/// All counts of one document, or of all of them added up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub entities: Counts,
    pub entities_typed: Counts,
    pub positions: Counts,
    pub relations: Counts,
    pub events_typed: Counts,
    pub events_untyped: Counts,
    pub role: Accuracy,
    pub place: Accuracy,
    pub date: Accuracy,
    /// Graph nodes beyond the first matched to one gold entity.
    pub duplicates: usize,
    /// Graph nodes whose names fit several gold entities.
    pub ambiguous: usize,
    /// Mentioned nodes named only as a byline or credit.
    pub ignored: usize,
    /// The layers scored.
    pub layers: Vec<Layer>,
}

impl Scores {
    /// Micro-average: the counts of every document added up.
    pub fn total<'a>(results: impl IntoIterator<Item = &'a Scores>) -> Scores {
        let mut out = Scores::default();
        let mut layers = Vec::new();
        for res in results {
            for (sum, c) in out.counts_mut().into_iter().zip(res.counts()) {
                sum.add(c);
            }
            for (sum, a) in out.accuracies_mut().into_iter().zip(res.accuracies()) {
                sum.correct += a.correct;
                sum.total += a.total;
            }
            out.duplicates += res.duplicates;
            out.ambiguous += res.ambiguous;
            out.ignored += res.ignored;
            layers.extend(res.layers.iter().copied());
        }
        out.layers = Layer::ALL
            .into_iter()
            .filter(|l| layers.contains(l))
            .collect();
        out
    }

    fn counts(&self) -> [&Counts; 6] {
        [
            &self.entities,
            &self.entities_typed,
            &self.positions,
            &self.relations,
            &self.events_typed,
            &self.events_untyped,
        ]
    }

    fn counts_mut(&mut self) -> [&mut Counts; 6] {
        [
            &mut self.entities,
            &mut self.entities_typed,
            &mut self.positions,
            &mut self.relations,
            &mut self.events_typed,
            &mut self.events_untyped,
        ]
    }

    fn accuracies(&self) -> [&Accuracy; 3] {
        [&self.role, &self.place, &self.date]
    }

    fn accuracies_mut(&mut self) -> [&mut Accuracy; 3] {
        [&mut self.role, &mut self.place, &mut self.date]
    }
}

/// The count blocks: JSON key, table label, layer.
const PRF: [(&str, &str, Layer); 6] = [
    ("entities", "entities", Layer::Entities),
    ("entities_typed", "entities (typed)", Layer::Entities),
    ("positions", "positions", Layer::Positions),
    ("relations", "relations", Layer::Relations),
    ("events_typed", "events (typed)", Layer::Events),
    ("events_untyped", "events (untyped)", Layer::Events),
];

/// The accuracy blocks: JSON key, layer.
const ACCURACY: [(&str, Layer); 3] = [
    ("role", Layer::Positions),
    ("place", Layer::Events),
    ("date", Layer::Events),
];

/// Cross-document identity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// Gold entities of two or more documents.
    pub shared_entities: usize,
    /// Of those, found in two or more documents and always as the same node.
    pub unified: usize,
    pub not_unified: Vec<String>,
    /// Graph nodes matched to two or more gold entities.
    pub over_merged: usize,
    pub over_merged_nodes: BTreeMap<String, Vec<String>>,
}

/// Everything `newsgraph score` found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub overall: Scores,
    /// Per gold document, in gold order.
    pub docs: Vec<(String, Scores)>,
    pub corpus: Corpus,
    pub missing_docs: Vec<String>,
    pub graph_docs_without_gold: Vec<String>,
}

impl Report {
    /// The scores of one document.
    pub fn doc(&self, name: &str) -> Option<&Scores> {
        self.docs.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }

    /// score.py's `--json` object, indented by two.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serialises")
    }

    /// score.py's text report; with `per_doc`, a table per document too.
    pub fn to_text(&self, per_doc: bool) -> String {
        let c = &self.corpus;
        let mut out = vec![
            format!(
                "Overall ({} gold documents, micro-averaged)",
                self.docs.len()
            ),
            table(&self.overall),
            format!(
                "  entities in >=2 documents unified to one node: {}/{}; over-merged graph nodes: {}",
                c.unified, c.shared_entities, c.over_merged
            ),
        ];
        for (node, ids) in &c.over_merged_nodes {
            out.push(format!("    over-merge: {node} = {}", ids.join(", ")));
        }
        if !self.missing_docs.is_empty() {
            out.push(format!(
                "Gold documents missing from the graph (all misses): {}",
                self.missing_docs.join(", ")
            ));
        }
        if !self.graph_docs_without_gold.is_empty() {
            out.push(format!(
                "Note: graph documents without gold, not scored: {}",
                self.graph_docs_without_gold.join(", ")
            ));
        }
        if per_doc {
            for (name, doc) in &self.docs {
                let missing = if self.missing_docs.contains(name) {
                    "  (missing from the graph)"
                } else {
                    ""
                };
                out.push(String::new());
                out.push(format!("{name}{missing}"));
                out.push(table(doc));
            }
        }
        out.join("\n")
    }

    /// The floors the overall typed F1s fall below, as messages; empty when none.
    pub fn floor_failures(
        &self,
        min_entity_f1: Option<f64>,
        min_event_f1: Option<f64>,
    ) -> Vec<String> {
        let checks = [
            (
                "--min-entity-f1",
                min_entity_f1,
                "entities (typed)",
                &self.overall.entities_typed,
            ),
            (
                "--min-event-f1",
                min_event_f1,
                "events (typed)",
                &self.overall.events_typed,
            ),
        ];
        let mut out = Vec::new();
        for (flag, floor, label, counts) in checks {
            let f1 = counts.rates().f1;
            if let Some(floor) = floor.filter(|floor| f1 < *floor) {
                out.push(format!("{label} F1 {f1:.3} is below {flag} {floor:?}"));
            }
        }
        out
    }
}

/// Text table of one result block; rows of layers it does not score say so.
fn table(s: &Scores) -> String {
    let mut out = format!(
        "  {:18}{:>5}{:>5}{:>5}{:>8}{:>8}{:>8}",
        "", "TP", "FP", "FN", "P", "R", "F1"
    );
    for ((_, label, layer), c) in PRF.iter().zip(s.counts()) {
        if !s.layers.contains(layer) {
            let _ = write!(out, "\n  {label:18}  not annotated");
            continue;
        }
        let r = c.rates();
        let _ = write!(
            out,
            "\n  {label:18}{:>5}{:>5}{:>5}{:>8.3}{:>8.3}{:>8.3}",
            c.tp, c.fp, c.fn_, r.p, r.r, r.f1
        );
    }
    for ((name, layer), a) in ACCURACY.iter().zip(s.accuracies()) {
        let label = format!("{name} accuracy");
        if !s.layers.contains(layer) {
            let _ = write!(out, "\n  {label:18}  not annotated");
            continue;
        }
        let value = a
            .accuracy()
            .map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"));
        let _ = write!(
            out,
            "\n  {label:18}{:>5} / {:<5}  {value}",
            a.correct, a.total
        );
    }
    let _ = write!(
        out,
        "\n  duplicate nodes in doc: {}, ambiguous matches: {}, ignored (byline/credit): {}",
        s.duplicates, s.ambiguous, s.ignored
    );
    out
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.rates();
        let mut m = serializer.serialize_map(Some(6))?;
        m.serialize_entry("tp", &self.tp)?;
        m.serialize_entry("fp", &self.fp)?;
        m.serialize_entry("fn", &self.fn_)?;
        m.serialize_entry("p", &r.p)?;
        m.serialize_entry("r", &r.r)?;
        m.serialize_entry("f1", &r.f1)?;
        m.end()
    }
}

impl Serialize for Accuracy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("correct", &self.correct)?;
        m.serialize_entry("total", &self.total)?;
        m.serialize_entry("accuracy", &self.accuracy())?;
        m.end()
    }
}

/// A Scores block in the key order score.py gives it: `Overall` as its
/// micro-average builds it, a document as its scoring fills it.
struct Ordered<'a> {
    scores: &'a Scores,
    overall: bool,
}

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.scores;
        let layers: Vec<&str> = s.layers.iter().map(|l| l.name()).collect();
        let mut m = serializer.serialize_map(Some(13))?;
        if self.overall {
            for ((key, _, _), c) in PRF.iter().zip(s.counts()) {
                m.serialize_entry(key, c)?;
            }
            for ((key, _), a) in ACCURACY.iter().zip(s.accuracies()) {
                m.serialize_entry(key, a)?;
            }
            m.serialize_entry("duplicates", &s.duplicates)?;
            m.serialize_entry("ambiguous", &s.ambiguous)?;
            m.serialize_entry("ignored", &s.ignored)?;
        } else {
            m.serialize_entry("entities", &s.entities)?;
            m.serialize_entry("entities_typed", &s.entities_typed)?;
            m.serialize_entry("duplicates", &s.duplicates)?;
            m.serialize_entry("ignored", &s.ignored)?;
            m.serialize_entry("positions", &s.positions)?;
            m.serialize_entry("role", &s.role)?;
            m.serialize_entry("relations", &s.relations)?;
            m.serialize_entry("events_typed", &s.events_typed)?;
            m.serialize_entry("events_untyped", &s.events_untyped)?;
            m.serialize_entry("place", &s.place)?;
            m.serialize_entry("date", &s.date)?;
            m.serialize_entry("ambiguous", &s.ambiguous)?;
        }
        m.serialize_entry("layers", &layers)?;
        m.end()
    }
}

/// Documents by name, in gold order.
struct Docs<'a>(&'a [(String, Scores)]);

impl Serialize for Docs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(self.0.len()))?;
        for (name, scores) in self.0 {
            let doc = Ordered {
                scores,
                overall: false,
            };
            m.serialize_entry(name, &doc)?;
        }
        m.end()
    }
}

impl Serialize for Corpus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(5))?;
        m.serialize_entry("shared_entities", &self.shared_entities)?;
        m.serialize_entry("unified", &self.unified)?;
        m.serialize_entry("not_unified", &self.not_unified)?;
        m.serialize_entry("over_merged", &self.over_merged)?;
        m.serialize_entry("over_merged_nodes", &self.over_merged_nodes)?;
        m.end()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(5))?;
        let overall = Ordered {
            scores: &self.overall,
            overall: true,
        };
        m.serialize_entry("overall", &overall)?;
        m.serialize_entry("docs", &Docs(&self.docs))?;
        m.serialize_entry("corpus", &self.corpus)?;
        m.serialize_entry("missing_docs", &self.missing_docs)?;
        m.serialize_entry("graph_docs_without_gold", &self.graph_docs_without_gold)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts { tp, fp, fn_ }
    }

    #[test]
    fn nothing_to_find_and_nothing_found_is_perfect() {
        let r = counts(0, 0, 0).rates();
        assert_eq!((r.p, r.r, r.f1), (1.0, 1.0, 1.0));
        let r = counts(0, 2, 0).rates();
        assert_eq!((r.p, r.r, r.f1), (0.0, 0.0, 0.0));
        let r = counts(16, 1, 0).rates();
        assert_eq!((r.p, r.r, r.f1), (0.9412, 1.0, 0.9697));
        assert_eq!(Accuracy::default().accuracy(), None);
        assert_eq!(
            Accuracy {
                correct: 2,
                total: 3
            }
            .accuracy(),
            Some(0.6667)
        );
    }

    #[test]
    fn rounding_is_pythons() {
        assert_eq!(round4(0.03125), 0.0312); // an exact tie goes to even
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.98765), 0.9877);
        assert_eq!(format!("{:.3}", 0.0625), "0.062");
    }

    fn scores(layers: &[Layer]) -> Scores {
        Scores {
            entities: counts(10, 0, 1),
            entities_typed: counts(9, 1, 2),
            events_typed: counts(1, 1, 1),
            place: Accuracy {
                correct: 1,
                total: 1,
            },
            layers: layers.to_vec(),
            ..Scores::default()
        }
    }

    #[test]
    fn totals_add_up_and_list_the_layers_scored() {
        let a = scores(&[Layer::Entities]);
        let b = scores(&[Layer::Events, Layer::Entities]);
        let t = Scores::total([&a, &b]);
        assert_eq!(t.entities, counts(20, 0, 2));
        assert_eq!(
            t.place,
            Accuracy {
                correct: 2,
                total: 2
            }
        );
        assert_eq!(t.layers, vec![Layer::Entities, Layer::Events]);
    }

    #[test]
    fn table_and_json_as_score_py_prints_them() {
        let report = Report {
            overall: scores(&[Layer::Entities]),
            docs: vec![("a.txt".into(), scores(&[Layer::Entities]))],
            missing_docs: vec!["a.txt".into()],
            ..Report::default()
        };
        let text = report.to_text(true);
        assert!(
            text.contains("\n  entities (typed)      9    1    2   0.900   0.818   0.857\n"),
            "{text}"
        );
        assert!(
            text.contains("\n  events (typed)      not annotated\n"),
            "{text}"
        );
        assert!(
            text.contains("\n  place accuracy      not annotated\n"),
            "{text}"
        );
        assert!(
            text.contains("\na.txt  (missing from the graph)\n"),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("json");
        assert_eq!(json["overall"]["entities_typed"]["f1"], 0.8571);
        assert_eq!(json["overall"]["role"]["accuracy"], serde_json::Value::Null);
        assert_eq!(
            json["docs"]["a.txt"]["layers"],
            serde_json::json!(["entities"])
        );
        let text = report.to_json();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  \""))
            .map(str::trim)
            .collect();
        assert_eq!(
            keys,
            [
                "\"overall\": {",
                "\"docs\": {",
                "\"corpus\": {",
                "\"missing_docs\": [",
                "\"graph_docs_without_gold\": []"
            ]
        );
    }

    #[test]
    fn floors_name_the_flag() {
        let report = Report {
            overall: scores(&Layer::ALL),
            ..Report::default()
        };
        assert!(report.floor_failures(Some(0.8), None).is_empty());
        assert_eq!(
            report.floor_failures(Some(0.9), Some(0.5)),
            ["entities (typed) F1 0.857 is below --min-entity-f1 0.9"]
        );
        assert_eq!(
            report.floor_failures(None, Some(0.6)),
            ["events (typed) F1 0.500 is below --min-event-f1 0.6"]
        );
    }
}
