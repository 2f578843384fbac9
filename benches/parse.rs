//! Tagging + parsing throughput: `cargo bench --bench parse`.
//!
//! Loads `ontology/models/parse-{fr,en}.bin` and analyses the words of a development
//! file (`../shared/data/ud/<lang>/…-dev.conllu` when present, else the slice under
//! `tests/data/ud/`), sentence by sentence, repeated to ~200k words per run; prints
//! the median words/second of 5 runs on one core for tagging + parsing, and for the
//! whole analysis (contractions, tagging, lemmas, parsing). Skips a language whose
//! model or data is missing; never fails.

use newsgraph::syntax::{conllu, SyntaxModel};
use std::path::PathBuf;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (lang, shared, slice) in [
        (
            "fr",
            "fr/fr_sequoia-dev.conllu",
            "fr_sequoia-dev.100.conllu",
        ),
        ("en", "en/en_ewt-dev.conllu", "en_ewt-dev.100.conllu"),
    ] {
        let model_path = root.join(format!("ontology/models/parse-{lang}.bin"));
        let bytes = match std::fs::read(&model_path) {
            Ok(b) if !b.is_empty() => b,
            _ => {
                println!(
                    "parse-{lang}: no model at {}, skipped",
                    model_path.display()
                );
                continue;
            }
        };
        let shared = root.join("../shared/data/ud").join(shared);
        let data = if shared.exists() {
            shared
        } else {
            root.join("tests/data/ud").join(slice)
        };
        let Ok(sents) = conllu::read_file(&data) else {
            println!("parse-{lang}: no data at {}, skipped", data.display());
            continue;
        };
        let t = Instant::now();
        let model = SyntaxModel::from_bytes(&bytes).expect("model loads");
        let load_ms = t.elapsed().as_secs_f64() * 1000.0;
        let (tf, pf, pw, exc) = model.sizes();
        println!(
            "parse-{lang}: tagger {tf} features, parser {pf} features / {pw} weights, {exc} lemma exceptions"
        );
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let per_pass: usize = words.iter().map(Vec::len).sum();
        let reps = (200_000 / per_pass.max(1)).max(1);
        let mut sink = 0usize;
        for w in &words {
            sink += model.tag_and_parse(w).0.len();
        }
        let mut rates = Vec::new();
        let mut full = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            for _ in 0..reps {
                for w in &words {
                    sink += model.tag_and_parse(w).1.len();
                }
            }
            rates.push((reps * per_pass) as f64 / start.elapsed().as_secs_f64());
            let start = Instant::now();
            for _ in 0..reps {
                for w in &words {
                    sink += model.analyse_tokens(w).1.heads.len();
                }
            }
            full.push((reps * per_pass) as f64 / start.elapsed().as_secs_f64());
        }
        println!(
            "parse-{lang}: tagging + parsing {:.0} words/s, whole analysis {:.0} words/s \
             (median of 5 runs of {} words of {}); model {:.1} MB, load {load_ms:.0} ms [{sink}]",
            median(rates),
            median(full),
            reps * per_pass,
            data.display(),
            bytes.len() as f64 / 1e6,
        );
    }
}
