//! The quality gates: the seeds and the development set scored by `newsgraph
//! score` against their gold readings (`seeds/gold`, `tests/data/dev/gold`)
//! must stay above the floors; and the export satisfies the SHACL shapes
//! (pySHACL, in `.venv-eval`: the one interoperability check that needs
//! Python; `.ci/setup` makes the venv, and without it the test fails in CI
//! and is skipped elsewhere).

use std::process::Command;

use crate::util::*;

/// The seeds ingested and exported as N-Quads to `dir/seeds.nq`.
fn export_seeds(dir: &std::path::Path) {
    ingest_seeds(dir);
    ok(newsgraph(dir).args([
        "export", "--store", "db", "--format", "nquads", "-o", "seeds.nq",
    ]));
}

/// Floors: typed entity F1 and typed event F1 over the five seed articles
/// (measured 2026-12-04, stop 28: 0.988 and 0.803); the event floor is the
/// issue's goal for the seeds.
const ENTITY_F1_FLOOR: f64 = 0.95;
const EVENT_F1_FLOOR: f64 = 0.80;

#[test]
fn seed_scores_stay_above_the_floors() {
    let dir = tempdir();
    ingest_seeds(dir.path());
    let Scores {
        entities, events, ..
    } = score(dir.path(), &repo().join("seeds/gold"));
    eprintln!("seed scores: typed entity F1 {entities:.3}, typed event F1 {events:.3}");
    assert!(
        entities >= ENTITY_F1_FLOOR,
        "typed entity F1 {entities:.3} < {ENTITY_F1_FLOOR}"
    );
    assert!(
        events >= EVENT_F1_FLOOR,
        "typed event F1 {events:.3} < {EVENT_F1_FLOOR}"
    );
}

/// Floors on the development set (`tests/data/dev`: 30 French and English
/// articles, each on another conflict, written for this project), so that a
/// change tuned on the seeds cannot silently break what generalises.
/// Measured 2026-12-04 (stop 28): typed entity F1 0.911, typed event F1
/// 0.643, untyped event F1 0.719, date accuracy 0.806; the event and date
/// floors are the goals for the development set.
const DEV_ENTITY_F1_FLOOR: f64 = 0.88;
const DEV_EVENT_F1_FLOOR: f64 = 0.60;
const DEV_UNTYPED_EVENT_F1_FLOOR: f64 = 0.70;
const DEV_DATE_ACCURACY_FLOOR: f64 = 0.80;

#[test]
fn dev_set_scores_stay_above_the_floors() {
    let dir = tempdir();
    ok(newsgraph(dir.path())
        .args(["ingest", "--store", "db"])
        .arg(repo().join("tests/data/dev/articles")));
    let Scores {
        entities,
        events,
        untyped,
        dates,
    } = score(dir.path(), &repo().join("tests/data/dev/gold"));
    eprintln!(
        "dev scores: typed entity F1 {entities:.3}, typed event F1 {events:.3}, untyped event F1 {untyped:.3}, date accuracy {dates:.3}"
    );
    assert!(
        entities >= DEV_ENTITY_F1_FLOOR,
        "typed entity F1 {entities:.3} < {DEV_ENTITY_F1_FLOOR}"
    );
    assert!(
        events >= DEV_EVENT_F1_FLOOR,
        "typed event F1 {events:.3} < {DEV_EVENT_F1_FLOOR}"
    );
    assert!(
        untyped >= DEV_UNTYPED_EVENT_F1_FLOOR,
        "untyped event F1 {untyped:.3} < {DEV_UNTYPED_EVENT_F1_FLOOR}"
    );
    assert!(
        dates >= DEV_DATE_ACCURACY_FLOOR,
        "date accuracy {dates:.3} < {DEV_DATE_ACCURACY_FLOOR}"
    );
}

/// What the quality gates read of a `newsgraph score` report.
struct Scores {
    entities: f64,
    events: f64,
    untyped: f64,
    dates: f64,
}

/// Typed entity F1, typed and untyped event F1 and event date accuracy of
/// the store `dir/db` against gold readings, by `newsgraph score --format
/// json`.
fn score(dir: &std::path::Path, gold: &std::path::Path) -> Scores {
    let out = ok(newsgraph(dir)
        .args(["score", "--store", "db", "--format", "json", "--gold"])
        .arg(gold));
    let json: serde_json::Value = serde_json::from_str(&out).expect("score --format json");
    let f1 = |block: &str| -> f64 {
        json["overall"][block]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {block} f1 in {json}"))
    };
    let dates = json["overall"]["date"]["accuracy"]
        .as_f64()
        .unwrap_or_else(|| panic!("no date accuracy in {json}"));
    Scores {
        entities: f1("entities_typed"),
        events: f1("events_typed"),
        untyped: f1("events_untyped"),
        dates,
    }
}

/// The export satisfies `ontology/shapes.ttl` (pySHACL, in `.venv-eval`).
#[test]
fn seed_export_satisfies_the_shapes() {
    let Some(python) = python_with("pyshacl, rdflib", true) else {
        return;
    };
    let dir = tempdir();
    export_seeds(dir.path());
    let out = Command::new(&python)
        .arg(repo().join("tests/validate_shapes.py"))
        .arg(dir.path().join("seeds.nq"))
        .output()
        .expect("run validate_shapes.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("conforms: True"), "{stdout}");
}
