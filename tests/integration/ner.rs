//! `newsgraph ner train` and `ner eval` on the corpus slices in `tests/data/ner`.

use crate::util::*;

fn corpus(path: &str) -> std::path::PathBuf {
    repo().join("tests/data/ner").join(path)
}

#[test]
fn train_then_eval_then_use_a_model() {
    let dir = tempdir();
    ok(newsgraph(dir.path())
        .args([
            "ner",
            "train",
            "--lang",
            "en",
            "--epochs",
            "2",
            "-o",
            "small.bin",
            "--lexicon",
        ])
        .arg(repo().join("ontology"))
        .arg("--train")
        .arg(corpus("en/wikigold.all.conll")));
    let report = ok(newsgraph(dir.path())
        .args(["ner", "eval", "--model", "small.bin"])
        .arg(corpus("en/crossner_politics.dev.conll")));
    let f1: f64 = report
        .lines()
        .find_map(|l| l.strip_prefix("PER+ORG+LOC micro F1: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no F1 in {report}"));
    assert!(f1 > 0.35, "a small model still learns: {f1}\n{report}");
    // The trained model replaces the shipped one for its language.
    std::fs::write(
        dir.path().join("a.txt"),
        "Angela Merkel met Emmanuel Macron in Berlin.",
    )
    .unwrap();
    let quads = ok(newsgraph(dir.path()).args([
        "extract",
        "--lang",
        "en",
        "--model",
        "small.bin",
        "a.txt",
    ]));
    assert!(quads.contains("emmanuel-macron"), "{quads}");
    // A file that is no model is refused with one clear line.
    std::fs::write(dir.path().join("bad.bin"), "not a model").unwrap();
    let out = fails(
        newsgraph(dir.path())
            .args(["ner", "eval", "--model", "bad.bin"])
            .arg(corpus("en/crossner_politics.dev.conll")),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.bin"));
}
