//! The inputs on which a fuzz target (`fuzz/`, run by `benches/fuzz.sh`)
//! crashed, hung or ran out of memory, kept in `tests/data/fuzz/<target>/`
//! and replayed on stable through the very functions the targets call
//! (`fuzz/harness.rs`): no panic, and each within a time bound.

use std::fs;
use std::time::Instant;

use crate::util::*;

#[path = "../../fuzz/harness.rs"]
mod harness;

/// Seconds one kept input may take (the fuzzer's own timeout is 10).
const BOUND_SECS: f64 = 10.0;

#[test]
fn every_kept_fuzz_input_runs_without_a_panic_and_in_time() {
    let root = repo().join("tests/data/fuzz");
    // Every folder is a target's: a misspelt one would be skipped silently.
    for entry in fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "README.md" || harness::TARGETS.iter().any(|(t, _)| *t == name),
            "tests/data/fuzz/{name} is no fuzz target"
        );
    }
    let mut replayed = 0;
    for (target, run) in harness::TARGETS {
        let Ok(entries) = fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        // Load what the target keeps loaded (the pipeline) before timing.
        run(b"\0");
        for file in files {
            let data = fs::read(&file).unwrap();
            let started = Instant::now();
            run(&data);
            let secs = started.elapsed().as_secs_f64();
            assert!(
                secs < BOUND_SECS,
                "{target}/{}: {secs:.1} s",
                file.file_name().unwrap().to_string_lossy()
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no input under {}", root.display());
}
