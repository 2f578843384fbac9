//! NER tagging throughput: `cargo bench --bench ner`.
//!
//! Loads `ontology/models/ner-{fr,en}.bin`, tags the token streams of
//! `tests/data/ner/fr/sequoia.dev.conll` and `en/crossner_politics.dev.conll` (sentence by
//! sentence, repeated to ~300k tokens per run) and prints the median tokens/second of
//! 5 runs on one core, plus the model load time.

use newsgraph::ner::{conll, NerModel};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (lang, dev) in [
        ("fr", "fr/sequoia.dev.conll"),
        ("en", "en/crossner_politics.dev.conll"),
    ] {
        let model_path = root.join(format!("ontology/models/ner-{lang}.bin"));
        let data_path = root.join("tests/data/ner").join(dev);
        let Ok(bytes) = std::fs::read(&model_path) else {
            println!("{lang}: no model at {}, skipped", model_path.display());
            continue;
        };
        let Ok(sents) = conll::read_file(&data_path) else {
            println!("{lang}: no data at {}, skipped", data_path.display());
            continue;
        };
        let mut loads = Vec::new();
        let mut model = None;
        for _ in 0..5 {
            let t = Instant::now();
            let m = NerModel::from_bytes(&bytes).expect("model loads");
            loads.push(t.elapsed().as_secs_f64() * 1000.0);
            model = Some(m);
        }
        let model = model.unwrap();
        loads.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let toks: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
            .collect();
        let per_pass: usize = toks.iter().map(|t| t.len()).sum();
        let reps = (300_000 / per_pass).max(1);
        // warm-up
        let mut sink = 0usize;
        for t in &toks {
            sink += model.predict(t).len();
        }
        let mut rates = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            for _ in 0..reps {
                for t in &toks {
                    sink += model.predict(t).len();
                }
            }
            let secs = start.elapsed().as_secs_f64();
            rates.push((reps * per_pass) as f64 / secs);
        }
        rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "ner-{lang}: {:.0} tokens/s (median of 5 runs of {} tokens; min {:.0}, max {:.0}); model {:.2} MB, load {:.1} ms (median of 5); [{sink}]",
            rates[2],
            reps * per_pass,
            rates[0],
            rates[4],
            bytes.len() as f64 / 1e6,
            loads[2]
        );
    }
}
