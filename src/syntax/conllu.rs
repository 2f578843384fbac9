//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! Reads: ten tab-separated columns per word, `#` comments (`# sent_id`, `# text`),
//! multiword-token ranges (`1-2 du`), empty nodes (`8.1`, skipped: enhanced graphs
//! are not used). A malformed line is an error naming the file and the line, never a
//! panic. Writes the same format back.

use super::SyntaxError;
use std::fmt::Write as _;
use std::path::Path;

/// One syntactic word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = root; 1-based index of the head word otherwise.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A multiword token: surface `form` over words `first..=last` (1-based).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one space.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub mwts: Vec<MultiwordToken>,
}

impl Sentence {
    fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// The `# text =` comment.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// The `# sent_id =` comment.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// The multiword token starting at word `i` (1-based), if any.
    pub fn mwt_at(&self, i: usize) -> Option<&MultiwordToken> {
        self.mwts.iter().find(|m| m.first == i)
    }

    /// Surface tokens: (form, first word, last word), words 1-based.
    pub fn surface_tokens(&self) -> Vec<(&str, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 1;
        while i <= self.words.len() {
            if let Some(m) = self.mwt_at(i) {
                out.push((m.form.as_str(), m.first, m.last));
                i = m.last + 1;
            } else {
                out.push((self.words[i - 1].form.as_str(), i, i));
                i += 1;
            }
        }
        out
    }
}

/// Read a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, SyntaxError> {
    let src = std::fs::read_to_string(path).map_err(|source| SyntaxError::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_str(&src, &path.display().to_string())
}

/// Read CoNLL-U text; `name` is used in error messages.
pub fn read_str(src: &str, name: &str) -> Result<Vec<Sentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, msg: String| SyntaxError::Format {
        path: name.to_string(),
        line,
        msg,
    };
    let mut first_line = 0;
    for (ln, raw) in src.lines().enumerate() {
        let ln = ln + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                finish(&mut cur, name, first_line)?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if cur.words.is_empty() && cur.comments.is_empty() && cur.mwts.is_empty() {
            first_line = ln;
        }
        if let Some(c) = line.strip_prefix('#') {
            if !cur.words.is_empty() {
                return Err(err(ln, "comment line inside a sentence".into()));
            }
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                ln,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a >= 1 && b > a => (a, b),
                _ => return Err(err(ln, format!("bad multiword token range {id:?}"))),
            };
            if first != cur.words.len() + 1 {
                return Err(err(
                    ln,
                    format!("range {id} does not start at word {}", cur.words.len() + 1),
                ));
            }
            cur.mwts.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| err(ln, format!("bad word id {id:?}")))?;
        if n != cur.words.len() + 1 {
            return Err(err(
                ln,
                format!("word id {n}, expected {}", cur.words.len() + 1),
            ));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| err(ln, format!("bad head {h:?}")))?,
        };
        if head == n {
            return Err(err(ln, format!("word {n} is its own head")));
        }
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() || !cur.comments.is_empty() {
        finish(&mut cur, name, first_line)?;
        out.push(cur);
    }
    Ok(out)
}

/// Check what can only be checked once the sentence is complete.
fn finish(s: &mut Sentence, name: &str, line: usize) -> Result<(), SyntaxError> {
    let n = s.words.len();
    let err = |msg: String| SyntaxError::Format {
        path: name.to_string(),
        line,
        msg,
    };
    if let Some(w) = s.words.iter().find(|w| w.head > n) {
        return Err(err(format!(
            "sentence starting here: head {} of {:?} is beyond its {n} words",
            w.head, w.form
        )));
    }
    if let Some(m) = s.mwts.iter().find(|m| m.last > n) {
        return Err(err(format!(
            "sentence starting here: range {}-{} is beyond its {n} words",
            m.first, m.last
        )));
    }
    Ok(())
}

/// One sentence as CoNLL-U (comments, words, multiword ranges, then a blank line).
pub fn write_sentence(s: &Sentence, out: &mut String) {
    let clean = |x: &str| -> String {
        if x.is_empty() {
            "_".into()
        } else {
            x.replace(['\t', '\n', '\r'], " ")
        }
    };
    for c in &s.comments {
        out.push_str("# ");
        out.push_str(&c.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    for (i, w) in s.words.iter().enumerate() {
        let id = i + 1;
        if let Some(m) = s.mwt_at(id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first,
                m.last,
                clean(&m.form),
                clean(&m.misc)
            );
        }
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&w.form),
            clean(&w.lemma),
            clean(&w.upos),
            clean(&w.xpos),
            clean(&w.feats),
            w.head,
            clean(&w.deprel),
            clean(&w.deps),
            clean(&w.misc)
        );
    }
    out.push('\n');
}

/// Sentences as CoNLL-U text.
pub fn write_str(sents: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sents {
        write_sentence(s, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a1\n# text = Il va au marché.\n\
1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_\n\
2\tva\taller\tVERB\t_\t_\t0\troot\t_\t_\n\
3-4\tau\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tà\tà\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n\
5\tmarché\tmarché\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No\n\
5.1\tx\tx\tX\t_\t_\t_\t_\t2:foo\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_and_writes_back() {
        let s = read_str(SAMPLE, "sample.conllu").unwrap();
        assert_eq!(s.len(), 1);
        let s0 = &s[0];
        assert_eq!(s0.text(), Some("Il va au marché."));
        assert_eq!(s0.sent_id(), Some("a1"));
        assert_eq!(s0.words.len(), 6);
        assert_eq!(s0.mwts.len(), 1);
        assert_eq!(s0.words[2].head, 5);
        let toks: Vec<&str> = s0.surface_tokens().iter().map(|t| t.0).collect();
        assert_eq!(toks, ["Il", "va", "au", "marché", "."]);
        let again = read_str(&write_str(&s), "again").unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = "# text = x\n1\tx\tx\tX\t_\t_\t0\troot\t_\n";
        let e = read_str(bad, "bad.conllu").unwrap_err().to_string();
        assert!(e.starts_with("bad.conllu:2:"), "{e}");
        let bad = "1\tx\tx\tX\t_\t_\t0\troot\t_\t_\n3\ty\ty\tX\t_\t_\t1\tdep\t_\t_\n";
        let e = read_str(bad, "gap.conllu").unwrap_err().to_string();
        assert!(e.starts_with("gap.conllu:2:"), "{e}");
        let bad = "1\tx\tx\tX\t_\t_\tzero\troot\t_\t_\n";
        assert!(read_str(bad, "h")
            .unwrap_err()
            .to_string()
            .starts_with("h:1:"));
        let bad = "1\tx\tx\tX\t_\t_\t9\troot\t_\t_\n\n";
        assert!(read_str(bad, "h")
            .unwrap_err()
            .to_string()
            .starts_with("h:1:"));
        let bad = "1-1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n";
        assert!(read_str(bad, "r")
            .unwrap_err()
            .to_string()
            .starts_with("r:1:"));
        // Missing file
        let e = read_file(Path::new("/nonexistent/x.conllu")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/x.conllu"));
    }
}
