//! `newsgraph parse train`, `parse eval` and `extract --until parse --format conllu`
//! on the treebank slices in `tests/data/ud` (never `../shared`).

use std::process::Command;

use crate::util::*;

fn ud(name: &str) -> std::path::PathBuf {
    repo().join("tests/data/ud").join(name)
}

/// The row `name` of a `parse eval` report: words, UPOS, lemma, UAS, LAS.
fn row(report: &str, name: &str) -> Vec<f64> {
    report
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .unwrap_or_else(|| panic!("no {name} row in {report}"))
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect()
}

#[test]
fn train_then_eval_then_use_a_model() {
    let dir = tempdir();
    let progress = ok_stderr(
        newsgraph(dir.path())
            .args([
                "parse",
                "train",
                "--lang",
                "fr",
                "--epochs",
                "4",
                "--tagger-epochs",
                "4",
            ])
            .args(["--folds", "2", "-o", "small.bin", "--train"])
            .arg(ud("fr_sequoia-train.300.conllu")),
    );
    assert!(progress.contains("parser epoch 4"), "{progress}");
    let report = ok(newsgraph(dir.path())
        .args(["parse", "eval", "--model", "small.bin"])
        .arg(ud("fr_sequoia-dev.100.conllu")));
    let gold = row(&report, "gold tokens");
    let raw = row(&report, "raw text");
    assert!(
        gold[1] > 0.85 && gold[4] > 0.5,
        "a small model still learns:\n{report}"
    );
    assert!(raw[0] > 0.9 && raw[4] > 0.4, "{report}");
    // The trained model parses articles in the pipeline.
    std::fs::write(
        dir.path().join("a.txt"),
        "Le ministre est revenu du sommet. Il a parlé aux journalistes.",
    )
    .unwrap();
    let conllu = ok(newsgraph(dir.path()).args([
        "extract",
        "--lang",
        "fr",
        "--parse-model",
        "small.bin",
        "--until",
        "parse",
        "--format",
        "conllu",
        "a.txt",
    ]));
    assert!(
        conllu.contains("# text = Le ministre est revenu du sommet."),
        "{conllu}"
    );
    assert!(
        conllu.contains("\tdu\t_\t"),
        "du is a multiword token:\n{conllu}"
    );
    assert!(conllu.contains("\tde\t"), "{conllu}");
    // A file that is no model, and a malformed treebank, are one clear line each.
    std::fs::write(dir.path().join("bad.bin"), "not a model").unwrap();
    let out = fails(
        newsgraph(dir.path())
            .args(["parse", "eval", "--model", "bad.bin"])
            .arg(ud("fr_sequoia-dev.100.conllu")),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.bin"));
    std::fs::write(dir.path().join("bad.conllu"), "# text = x\n1\tx\tx\n").unwrap();
    let out =
        fails(newsgraph(dir.path()).args(["parse", "eval", "--model", "small.bin", "bad.conllu"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conllu:2:"), "{err}");
}

#[test]
fn help_has_an_example() {
    let dir = tempdir();
    let help = ok(newsgraph(dir.path()).args(["parse", "train", "--help"]));
    assert!(help.contains("newsgraph parse train --lang fr"), "{help}");
    let help = ok(newsgraph(dir.path()).args(["parse", "eval", "--help"]));
    assert!(help.contains("newsgraph parse eval --lang fr"), "{help}");
}

/// `extract --until parse --format conllu` output is valid CoNLL-U for the Python
/// `conllu` package (in `.venv-eval`; skipped outside CI when missing).
#[test]
fn extract_conllu_reads_with_the_conllu_package() {
    let dir = tempdir();
    let mut all = String::new();
    for f in std::fs::read_dir(seeds()).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "txt") {
            all.push_str(&ok(newsgraph(dir.path())
                .args(["extract", "--until", "parse", "--format", "conllu"])
                .arg(&f)));
        }
    }
    std::fs::write(
        dir.path().join("en.txt"),
        "The talks between Armenia and Azerbaijan didn't start.\n\n\"\" ... !!",
    )
    .unwrap();
    all.push_str(&ok(newsgraph(dir.path()).args([
        "extract", "--lang", "en", "--until", "parse", "--format", "conllu", "en.txt",
    ])));
    assert!(all.contains("# sent_id = "));
    // Every sentence: ids 1..n, one root, heads in range (checked here without Python).
    for block in all.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let words: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| !c[0].contains('-'))
            .collect();
        assert!(words.iter().all(|c| c.len() == 10), "{block}");
        let roots = words.iter().filter(|c| c[6] == "0").count();
        assert_eq!(roots, 1, "{block}");
    }
    std::fs::write(dir.path().join("out.conllu"), &all).unwrap();
    let python = repo().join(".venv-eval/bin/python");
    let usable = python.exists()
        && Command::new(&python)
            .args(["-c", "import conllu"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !usable {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs conllu in .venv-eval (run .ci/setup)"
        );
        eprintln!("skipped: no conllu in .venv-eval");
        return;
    }
    let script = "import conllu, sys\n\
        sents = conllu.parse(open(sys.argv[1], encoding='utf-8').read())\n\
        assert sents, 'no sentence'\n\
        for s in sents:\n    t = s.to_tree()\n    assert 'text' in s.metadata and 'sent_id' in s.metadata\n\
        print(len(sents))\n";
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(dir.path().join("out.conllu"))
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "conllu rejects the output: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
