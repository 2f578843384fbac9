//! Resident memory of `extract` (both languages' models loaded).

use std::fs;

use crate::util::*;

/// Both languages' models (tagger, parser, entity tagger, event detector)
/// once took `extract` to 147 MiB, then 126 MiB; decoded compactly and without
/// a second copy they fit in 100 MB. (Release builds: a debug binary is larger.)
#[cfg(target_os = "linux")]
#[test]
fn both_languages_fit_in_a_hundred_megabytes() {
    if cfg!(debug_assertions) {
        return;
    }
    let dir = tempdir();
    let article = |lang: &str, text: &str| {
        serde_json::json!({ "id": lang, "lang": lang, "text": text }).to_string()
    };
    let lines = [
        article("fr", "Sergueï Lavrov a reçu Djeyhoun Baïramov à Moscou vendredi. Les deux ministres ont signé un accord."),
        article("en", "Antony Blinken met Jeyhun Bayramov in Washington on Monday. The two ministers signed an agreement."),
    ];
    fs::write(dir.path().join("both.jsonl"), lines.join("\n")).unwrap();
    let peak = extract_peak_kib(dir.path(), "both.jsonl");
    eprintln!("peak RSS with both languages: {} MiB", peak >> 10);
    assert!(peak * 1024 < 100_000_000, "{peak} KiB");
}
