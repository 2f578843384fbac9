//! The hostile-file corpus, generated here (one entry per kind of hostile
//! input), ingested kind by kind, each into a store of its own (the exit
//! status, exactly one message per refused file, naming it with control
//! characters escaped, no panic, a time bound), then all together in one
//! folder (the good articles stored, and the graph exported in every RDF
//! format and parsed back by `load` and by rdflib). `benches/hostile.sh`
//! times and measures the same corpus (`hostile_figures`).
//!
//! Accepted (status 0, no message): NUL bytes and other control characters
//! (kept out of every export by the RDF writers), byte-order marks (UTF-8
//! dropped, UTF-16 decoded), CRLF, right-to-left text with direction
//! overrides, emoji, empty and whitespace-only files (an article without
//! entities), hostile file names. Refused (non-zero status, one message, the
//! rest of the run goes on): bytes that are no UTF-8 (Latin-1 included: it
//! cannot be told from other encodings), unreadable files and folders,
//! dangling links, link loops, HTML nested over 2,000 deep, articles over
//! 10 MiB, and in a JSONL file each line over 10 MiB or that is no article
//! (the other lines are stored).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

use crate::util::*;

/// A good article: four entities and one event.
pub const LEDE: &str = "Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu à Moscou son homologue arménien.";

/// What is written at a path of the corpus.
pub enum Entry {
    File(Vec<u8>),
    /// A symbolic link to this target (relative to the link's folder).
    Link(&'static str),
}

/// One kind of hostile input.
pub struct Hostile {
    pub kind: &'static str,
    /// Paths (relative to the kind's folder) and what they hold.
    pub entries: Vec<(String, Entry)>,
    /// An entry made unreadable (mode 000) once written.
    pub lock: Option<&'static str>,
    /// Articles stored when the kind is ingested alone.
    pub articles: u64,
    /// A refused kind: what its one message names (escaped as printed) and a
    /// word of the reason. None: accepted, status 0, no message.
    pub refused: Option<(String, &'static str)>,
}

fn file(name: &str, bytes: impl Into<Vec<u8>>) -> Vec<(String, Entry)> {
    vec![(name.to_string(), Entry::File(bytes.into()))]
}

fn lede_with(insert: &str) -> Vec<u8> {
    format!("{LEDE} {insert} {LEDE}").into_bytes()
}

fn utf16(bom: [u8; 2], big_endian: bool) -> Vec<u8> {
    let mut bytes = bom.to_vec();
    for unit in LEDE.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn jsonl(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

fn article_line(text: &str) -> String {
    serde_json::json!({ "lang": "fr", "text": text }).to_string()
}

/// The corpus: every kind, with what ingesting it alone must give.
pub fn corpus() -> Vec<Hostile> {
    let accepted = |kind, entries| Hostile {
        kind,
        entries,
        lock: None,
        articles: 1,
        refused: None,
    };
    let refused = |kind, entries, articles, name: &str, word| Hostile {
        kind,
        entries,
        lock: None,
        articles,
        refused: Some((name.to_string(), word)),
    };
    let mut latin1 = b"Le pr\xe9sident de la R\xe9publique a re\xe7u ".to_vec();
    latin1.extend_from_slice(b"son homologue \xe0 l'\xc9lys\xe9e.");
    let mut invalid = b"\xc3\x28 \xff\xfe\xfd ".to_vec();
    invalid.extend_from_slice(LEDE.as_bytes());
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend_from_slice(LEDE.as_bytes());
    // One byte over the limit would do; a real article repeated is what a
    // reader that does not check first would spend minutes on.
    let big = LEDE.repeat((MAX_ARTICLE_BYTES as usize) / LEDE.len() + 2);
    let long_line = article_line(&big);
    let deep = "<div>".repeat(100_000);
    let long_name = format!("{}.txt", "x".repeat(251));
    vec![
        refused(
            "invalid-utf8",
            file("invalid.txt", invalid),
            0,
            "invalid.txt",
            "not UTF-8",
        ),
        refused(
            "latin1",
            file("latin1.txt", latin1),
            0,
            "latin1.txt",
            "not UTF-8",
        ),
        accepted("nul-bytes", file("nul.txt", lede_with("a\0b\0\0c"))),
        accepted("bom-utf8", file("bom8.txt", bom8)),
        accepted(
            "bom-utf16le",
            file("bom16le.txt", utf16([0xFF, 0xFE], false)),
        ),
        accepted(
            "bom-utf16be",
            file("bom16be.txt", utf16([0xFE, 0xFF], true)),
        ),
        accepted(
            "crlf",
            file("crlf.txt", format!("{LEDE}\r\n\r\n{LEDE}\r\n")),
        ),
        accepted(
            "rtl-overrides",
            file(
                "rtl.txt",
                lede_with(
                    "\u{202E}وزير الخارجية\u{202C} \u{202D}שר החוץ\u{202C} \u{2067}Лавров\u{2069}",
                ),
            ),
        ),
        accepted(
            "control-chars",
            file(
                "control.txt",
                lede_with("\u{1}\u{8}\u{1b}[31m\u{7}\u{7f}\u{85}\u{c}"),
            ),
        ),
        accepted(
            "emoji",
            file("emoji.txt", lede_with("🇫🇷🤝🇦🇲 👩‍👩‍👧 😀\u{fe0f}")),
        ),
        accepted("empty", file("empty.txt", "")),
        accepted(
            "whitespace-only",
            file("blank.txt", " \n\t\r\n\u{a0}\u{3000} \n"),
        ),
        Hostile {
            lock: Some("locked.txt"),
            ..refused(
                "unreadable-file",
                file("locked.txt", LEDE),
                0,
                "locked.txt",
                "cannot read",
            )
        },
        Hostile {
            lock: Some("locked"),
            ..refused(
                "unreadable-folder",
                file("locked/inside.txt", LEDE),
                0,
                "locked",
                "cannot list",
            )
        },
        refused(
            "dangling-link",
            vec![("dangling.txt".into(), Entry::Link("nowhere.txt"))],
            0,
            "dangling.txt",
            "cannot read",
        ),
        refused(
            "link-loop",
            vec![
                ("loop/looped.txt".into(), Entry::File(LEDE.into())),
                ("loop/up".into(), Entry::Link("..")),
            ],
            1,
            "up",
            "already walked",
        ),
        accepted("name-newline", file("new\nline.txt", LEDE)),
        accepted(
            "name-escapes",
            file("\u{1b}]0;title\u{7}\u{1b}[2J.txt", LEDE),
        ),
        accepted("name-bidi", file("invoice\u{202E}lmth.txt", LEDE)),
        accepted("name-dash", file("-rf --force.txt", LEDE)),
        accepted("name-long", file(&long_name, LEDE)),
        refused(
            "name-hostile-refused",
            file("\u{1b}[31mred\n\u{202E}evil.txt", b"pr\xe9sident".to_vec()),
            0,
            "\\u{1b}[31mred\\u{a}\\u{202e}evil.txt",
            "not UTF-8",
        ),
        refused(
            "html-deep",
            file(
                "deep.html",
                format!(
                    "<html><body>{deep}<p>{LEDE}</p>{}",
                    "</div>".repeat(100_000)
                ),
            ),
            0,
            "deep.html",
            "nested",
        ),
        refused(
            "html-deep-unclosed",
            file(
                "unclosed.html",
                format!("<html><body>{}<p>x", "<b><i>".repeat(50_000)),
            ),
            0,
            "unclosed.html",
            "nested",
        ),
        refused(
            "article-over-limit",
            file("big.txt", big),
            0,
            "big.txt",
            "article limit",
        ),
        refused(
            "jsonl-line-over-limit",
            file(
                "long.jsonl",
                jsonl(&[article_line(LEDE), long_line, article_line(LEDE)]),
            ),
            2,
            "long.jsonl:2",
            "article limit",
        ),
        refused(
            "jsonl-bad-line",
            file(
                "bad.jsonl",
                jsonl(&[
                    article_line(LEDE),
                    "{\"text\": \"unclosed".into(),
                    article_line(LEDE),
                ]),
            ),
            2,
            "bad.jsonl:2",
            "invalid JSON",
        ),
    ]
}

const MAX_ARTICLE_BYTES: u64 = newsgraph::read::MAX_ARTICLE_BYTES;

/// Write a kind's entries under `dir`.
pub fn write(hostile: &Hostile, dir: &Path) {
    for (name, entry) in &hostile.entries {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        match entry {
            Entry::File(bytes) => fs::write(&path, bytes).unwrap(),
            Entry::Link(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
        }
    }
    if let Some(lock) = hostile.lock {
        set_mode(&dir.join(lock), 0o000);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Give locked entries back their mode, so that the folder can be removed.
fn unlock(hostile: &Hostile, dir: &Path) {
    if let Some(lock) = hostile.lock {
        set_mode(&dir.join(lock), 0o755);
    }
}

/// Root reads every file whatever its mode: unreadable entries cannot be
/// made, and the kinds that need them are left out when tests run as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The kinds this user can make.
pub fn makeable() -> Vec<Hostile> {
    let root = is_root();
    corpus()
        .into_iter()
        .filter(|h| !(root && h.lock.is_some()))
        .collect()
}

/// The lines of an ingest's stderr about one input (not the summary lines).
pub fn messages(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.contains(" articles ingested (") && !l.contains("input(s) failed;"))
        .collect()
}

pub const ARTICLES: &str = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } }";

fn ingest(dir: &Path) -> (Output, f64) {
    let started = Instant::now();
    let out = newsgraph(dir)
        .args(["ingest", "--store", "db", "--lang", "fr", "in"])
        .output()
        .unwrap();
    (out, started.elapsed().as_secs_f64())
}

/// No panic, no raw control or direction character on the terminal.
fn assert_clean(kind: &str, stderr: &str) {
    assert!(!stderr.contains("panicked"), "{kind}: {stderr}");
    let raw = stderr
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || newsgraph::text::is_bidi_control(c));
    assert!(raw.is_none(), "{kind}: raw {raw:?} in {stderr:?}");
}

#[test]
fn each_hostile_kind_alone_is_stored_or_refused_with_one_escaped_message() {
    if is_root() {
        eprintln!("running as root: the unreadable file and folder are left out");
    }
    let dir = tempdir();
    for (i, hostile) in makeable().iter().enumerate() {
        let kind = hostile.kind;
        let here = dir.path().join(format!("{i:02}-{kind}"));
        write(hostile, &here.join("in"));
        let (out, secs) = ingest(&here);
        unlock(hostile, &here.join("in"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(secs < 30.0, "{kind}: took {secs:.1} s");
        assert_clean(kind, &stderr);
        let messages = messages(&stderr);
        match &hostile.refused {
            None => {
                assert!(out.status.success(), "{kind}: {stderr}");
                assert!(messages.is_empty(), "{kind}: {messages:?}");
            }
            Some((name, word)) => {
                assert_eq!(out.status.code(), Some(2), "{kind}: {stderr}");
                assert_eq!(messages.len(), 1, "{kind}: one message: {messages:?}");
                let line = messages[0];
                assert!(line.starts_with("newsgraph: "), "{kind}: {line}");
                assert!(
                    line.contains(name.as_str()),
                    "{kind}: {name} not named: {line}"
                );
                assert!(line.contains(word), "{kind}: no {word:?} in {line}");
            }
        }
        assert_eq!(count(&here, ARTICLES), hostile.articles, "{kind}: {stderr}");
    }
}

#[test]
fn all_hostile_kinds_together_store_the_good_articles_and_export_in_every_rdf_format() {
    let dir = tempdir();
    let d = dir.path();
    let corpus = makeable();
    for hostile in &corpus {
        write(hostile, &d.join("in").join(hostile.kind));
    }
    let (out, secs) = ingest(d);
    for hostile in &corpus {
        unlock(hostile, &d.join("in").join(hostile.kind));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(secs < 60.0, "took {secs:.1} s");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_clean("all", &stderr);
    let refused: Vec<_> = corpus.iter().filter_map(|h| h.refused.as_ref()).collect();
    let messages = messages(&stderr);
    assert_eq!(
        messages.len(),
        refused.len(),
        "one message per bad file: {messages:?}"
    );
    for (name, word) in refused {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(name.as_str()) && m.contains(word)),
            "no message for {name}: {messages:?}"
        );
    }
    let stored: u64 = corpus.iter().map(|h| h.articles).sum();
    assert_eq!(count(d, ARTICLES), stored, "{stderr}");
    // No stored text keeps a byte-order mark or a carriage return.
    let marks = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER (isLiteral(?o) && REGEX(STR(?o), \"[\\uFEFF\\r]\")) } }";
    assert_eq!(count(d, marks), 0);
    crate::hostile_rdf::every_rdf_format_parses_back(d);
}

/// Per kind, alone: wall time, peak RSS (`/usr/bin/time -v`), exit status,
/// the first message; the table of the README (`bash benches/hostile.sh`).
#[test]
#[ignore]
fn hostile_figures() {
    if is_root() {
        println!("(running as root: the unreadable file and folder are left out)");
    }
    let time = Path::new("/usr/bin/time");
    assert!(time.exists(), "needs GNU time (apt-get install time)");
    println!("| kind | wall s | peak RSS MiB | exit | message (first line) |");
    println!("|---|---:|---:|---:|---|");
    let dir = tempdir();
    for (i, hostile) in makeable().iter().enumerate() {
        let here = dir.path().join(format!("{i:02}"));
        write(hostile, &here.join("in"));
        let out = Command::new(time)
            .arg("-v")
            .arg(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["ingest", "--store", "db", "--lang", "fr", "in"])
            .current_dir(&here)
            .output()
            .unwrap();
        unlock(hostile, &here.join("in"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let field = |key: &str| {
            stderr
                .lines()
                .find_map(|l| l.trim().strip_prefix(key))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
        let secs: f64 = wall.split(':').fold(0.0, |acc, part| {
            acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
        });
        let kib: f64 = field("Maximum resident set size (kbytes):")
            .parse()
            .unwrap_or(0.0);
        let message = messages(&stderr)
            .into_iter()
            .find(|l| l.starts_with("newsgraph: "))
            .map(|l| l.trim_start_matches("newsgraph: ").replace('|', "\\|"))
            .unwrap_or_else(|| "—".into());
        let message: String = message.chars().take(110).collect();
        println!(
            "| {} | {secs:.2} | {:.0} | {} | {message} |",
            hostile.kind,
            kib / 1024.0,
            out.status.code().unwrap_or(-1)
        );
    }
}
