//! Reading and writing `TOKEN<TAB>TAG` (IOB2) files: one token per line, a blank line
//! after every sentence, `-DOCSTART-` lines marking documents.

use super::NerError;
use std::io::{BufRead, Write};
use std::path::Path;

/// One sentence with its gold tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
    /// True for the first sentence after a `-DOCSTART-` line.
    pub doc_start: bool,
}

/// Whether `tag` is `O` or `B-X`/`I-X` with X in PER, ORG, LOC, MISC.
pub fn is_valid_tag(tag: &str) -> bool {
    if tag == "O" {
        return true;
    }
    match tag.split_once('-') {
        Some(("B" | "I", t)) => matches!(t, "PER" | "ORG" | "LOC" | "MISC"),
        _ => false,
    }
}

/// Whether a tag sequence is valid IOB2 (every `I-X` continues a `B-X`/`I-X`).
pub fn is_valid_iob2(tags: &[impl AsRef<str>]) -> bool {
    let mut prev: Option<&str> = None; // entity type of the previous tag
    for t in tags {
        let t = t.as_ref();
        if !is_valid_tag(t) {
            return false;
        }
        if let Some(ty) = t.strip_prefix("I-") {
            if prev != Some(ty) {
                return false;
            }
        }
        prev = t.split_once('-').map(|(_, ty)| ty);
    }
    true
}

/// Read a CoNLL file. Errors name the file and the line.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, NerError> {
    let f = std::fs::File::open(path).map_err(|e| NerError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    read(std::io::BufReader::new(f), &path.display().to_string())
}

/// Read CoNLL text from `r`; `name` is used in error messages.
pub fn read(r: impl BufRead, name: &str) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut pending_doc = false;
    let fmt_err = |line: usize, msg: String| NerError::Format {
        path: name.to_string(),
        line,
        msg,
    };
    for (i, line) in r.lines().enumerate() {
        let lineno = i + 1;
        let line = line.map_err(|e| NerError::Io {
            path: format!("{name}:{lineno}"),
            source: e,
        })?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            pending_doc = true;
            continue;
        }
        let Some((tok, tag)) = line.split_once('\t') else {
            return Err(fmt_err(
                lineno,
                format!("expected TOKEN<TAB>TAG, found {:?}", truncate(line)),
            ));
        };
        if tag.contains('\t') {
            return Err(fmt_err(
                lineno,
                format!("more than two tab-separated columns: {:?}", truncate(line)),
            ));
        }
        if tok.is_empty() {
            return Err(fmt_err(lineno, "empty token".to_string()));
        }
        if !is_valid_tag(tag) {
            return Err(fmt_err(
                lineno,
                format!(
                    "invalid tag {tag:?} (expected O, B-X or I-X with X in PER, ORG, LOC, MISC)"
                ),
            ));
        }
        if cur.tokens.is_empty() {
            cur.doc_start = pending_doc;
            pending_doc = false;
        }
        // Repair IOB1-style I-X that starts an entity (conlleval does the same).
        let tag = match tag.strip_prefix("I-") {
            Some(ty)
                if cur
                    .tags
                    .last()
                    .and_then(|p: &String| p.split_once('-'))
                    .map(|(_, t)| t)
                    != Some(ty) =>
            {
                format!("B-{ty}")
            }
            _ => tag.to_string(),
        };
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Write sentences as CoNLL (`-DOCSTART-` before sentences with `doc_start`).
pub fn write(mut w: impl Write, sents: &[Sentence]) -> std::io::Result<()> {
    for s in sents {
        if s.doc_start {
            writeln!(w, "-DOCSTART-\n")?;
        }
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            writeln!(w, "{t}\t{g}")?;
        }
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_line_names_file_and_line() {
        let text = "-DOCSTART-\n\nLe\tO\nPape\tO\nFrançois\tB-PER\n\nà Rome\n";
        let err = read(std::io::Cursor::new(text), "x.conll").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.conll:7:"), "{msg}");
        let text = "Paris\tB-CITY\n";
        let msg = read(std::io::Cursor::new(text), "y.conll")
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("y.conll:1:") && msg.contains("B-CITY"),
            "{msg}"
        );
        // A real file path in the message.
        let dir = std::env::temp_dir().join(format!("ner-conll-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("bad.conll");
        std::fs::write(&p, "a\tO\nb\tO\tX\n").unwrap();
        let msg = read_file(&p).unwrap_err().to_string();
        assert!(msg.contains("bad.conll:2:"), "{msg}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reads_real_file_and_roundtrips() {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ner/fr/sequoia.dev.conll"
        );
        let s = read_file(Path::new(p)).unwrap();
        assert_eq!(s.len(), 402);
        assert_eq!(s.iter().map(|x| x.tokens.len()).sum::<usize>(), 9428);
        assert!(s.iter().all(|x| is_valid_iob2(&x.tags)));
        let mut buf = Vec::new();
        write(&mut buf, &s).unwrap();
        let back = read(std::io::Cursor::new(buf), "mem").unwrap();
        assert_eq!(back, s);
        let d = read_file(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ner/en/wikigold.all.conll"
        )))
        .unwrap();
        assert!(d[0].doc_start);
        assert!(is_valid_iob2(&["B-PER", "I-PER", "O", "B-LOC"]));
        assert!(!is_valid_iob2(&["O", "I-PER"]));
        assert!(!is_valid_iob2(&["B-ORG", "I-PER"]));
    }
}
