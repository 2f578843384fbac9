//! Helpers: the binary, the repository's seeds and queries, a fresh folder per test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    repo().join("seeds")
}

/// The seed and development articles (`.txt`), sorted by folder and name.
pub fn article_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in [seeds(), repo().join("tests/data/dev/articles")] {
        let mut paths: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        files.extend(paths);
    }
    files
}

/// A `newsgraph` command running in `dir`; the answers `query` keeps go to
/// a folder of the build, not the user's cache.
pub fn newsgraph(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.current_dir(dir);
    cmd.env(
        "NEWSGRAPH_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("answers"),
    );
    cmd
}

/// Run (newsgraph or any other command) and insist on success.
pub fn succeed(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run the command");
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Run and insist on success, returning stdout.
pub fn ok(cmd: &mut Command) -> String {
    String::from_utf8(succeed(cmd).stdout).expect("UTF-8 output")
}

/// Run and insist on success, returning stderr (progress, the summary line).
pub fn ok_stderr(cmd: &mut Command) -> String {
    String::from_utf8_lossy(&succeed(cmd).stderr).into_owned()
}

/// Run and insist on failure with one clear line on stderr and no panic.
pub fn fails(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run newsgraph");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{cmd:?} should fail");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert!(
        stderr.starts_with("newsgraph: ") || stderr.starts_with("error:"),
        "unclear error: {stderr}"
    );
    out
}

/// Ingest the seeds into `dir/db`.
pub fn ingest_seeds(dir: &Path) -> String {
    ok_stderr(
        newsgraph(dir)
            .args(["ingest", "--store", "db"])
            .arg(seeds()),
    )
}

/// The result rows of a query on `dir/db`, as `--format tsv` lines (header excluded).
pub fn tsv_rows(dir: &Path, sparql: &str) -> Vec<String> {
    let out = ok(newsgraph(dir).args(["query", "--store", "db", "--format", "tsv", "-e", sparql]));
    out.lines().skip(1).map(str::to_string).collect()
}

/// The number of result rows of a `--format tsv` query (header excluded).
pub fn count_rows(dir: &Path, sparql: &str) -> usize {
    tsv_rows(dir, sparql).len()
}

/// A single integer from a `SELECT (COUNT(*) AS ?n)` query.
pub fn count(dir: &Path, sparql: &str) -> u64 {
    let out = ok(newsgraph(dir).args(["query", "--store", "db", "--format", "csv", "-e", sparql]));
    out.lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count in {out}"))
}

/// Every quad of the store `dir/store`, sorted, as N-Quads lines.
pub fn sorted_quads(dir: &Path, store: &str) -> Vec<String> {
    let out = ok(newsgraph(dir).args(["export", "--store", store, "--format", "nquads"]));
    let mut quads: Vec<String> = out.lines().map(str::to_string).collect();
    quads.sort();
    quads
}

/// Whether an N-Quads line is one the store adds across articles (a
/// preferred label, or its counts), which `extract` does not print.
pub fn store_addition(quad: &str) -> bool {
    quad.contains("<http://www.w3.org/2004/02/skos/core#prefLabel>")
        || quad.ends_with(&format!("<{STATS_GRAPH}> ."))
}

/// The graph of the store's counts.
pub const STATS_GRAPH: &str = "https://w3id.org/newsgraph/graph/stats";

/// The distinct triples of the named graphs, the store's counts aside: what
/// a triple-format export writes.
pub const DISTINCT_DATA_TRIPLES: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <https://w3id.org/newsgraph/graph/stats>) } }";

/// A Python that can import `modules`: the evaluation venv's (`.venv-eval`,
/// made by `.ci/setup`), or the system's `python3` when `venv` is false.
/// None (a skip, said on stderr) outside CI; a failure in CI.
pub fn python_with(modules: &str, venv: bool) -> Option<PathBuf> {
    let python = if venv {
        repo().join(".venv-eval/bin/python")
    } else {
        "python3".into()
    };
    let usable = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if usable {
        return Some(python);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI needs Python's {modules} (run .ci/setup)"
    );
    eprintln!("skipped: no Python {modules}");
    None
}

/// Run a Python script in `dir`; its stdout.
pub fn run_python(python: &Path, dir: &Path, script: &str) -> String {
    let out = Command::new(python)
        .args(["-c", script])
        .current_dir(dir)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `key=value` lines of a script's output.
pub fn figure(report: &str, key: &str) -> u64 {
    report
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in {report}"))
        .trim()
        .parse()
        .unwrap()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The peak resident memory (VmHWM, KiB) of `newsgraph extract` on a file,
/// read from /proc while it runs.
#[cfg(target_os = "linux")]
pub fn extract_peak_kib(dir: &Path, file: &str) -> u64 {
    let mut child = newsgraph(dir)
        .args(["extract", "--lang", "fr", "--format", "nquads", file])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        // Read before asking whether it ended: the last reading is at its end.
        let hwm = std::fs::read_to_string(&status)
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        peak = peak.max(hwm.unwrap_or(0));
        if let Some(exit) = child.try_wait().unwrap() {
            assert!(exit.success(), "extract {file} failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(peak > 0, "no VmHWM read for {file}");
    peak
}
