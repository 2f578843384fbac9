//! The hostile-file corpus of the reliability suite, generated (one entry
//! per kind of hostile input), with what ingesting each kind alone must give.
//! Used by `hostile.rs` (each kind alone, all together, `benches/hostile.sh`).
//!
//! Accepted (status 0, no message): NUL bytes and other control characters
//! (escaped in every RDF export; RDF/XML, which cannot hold them, has U+FFFD
//! in their place), byte-order marks (UTF-8
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
use std::process::Command;

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
    // One byte over the limit would do; 2 MiB over, a real article repeated,
    // is what a reader that does not check first would spend minutes on.
    let big = LEDE.repeat((MAX_ARTICLE_BYTES as usize + (2 << 20)) / LEDE.len());
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
pub fn unlock(hostile: &Hostile, dir: &Path) {
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
