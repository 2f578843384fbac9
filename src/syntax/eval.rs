//! Scoring a syntax model on CoNLL-U files: on gold tokens (UPOS, lemma, UAS, LAS
//! over all words, labels compared in full, subtypes included), and on raw text:
//! each sentence's `# text` is tokenised by the pipeline's own segmenter
//! ([`crate::segment::tokenize`]), split into words by the model, and the words are
//! aligned to the gold words by character offsets as the CoNLL 2018 shared task
//! scorer does (multiword tokens aligned by the longest common subsequence of their
//! lower-cased words), so tokenisation errors count: scores are F1 over words.

use super::conllu::{self, Sentence};
use super::{SyntaxError, SyntaxModel};
use crate::doc::Lang;
use crate::lang::Resources;
use std::path::PathBuf;

/// Counts of one evaluation.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub gold_words: usize,
    pub system_words: usize,
    /// Aligned word pairs (= gold words on gold tokens).
    pub aligned: usize,
    pub upos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
}

impl Scores {
    fn f1(&self, correct: usize) -> f64 {
        let p = correct as f64 / self.system_words.max(1) as f64;
        let r = correct as f64 / self.gold_words.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn words_f1(&self) -> f64 {
        self.f1(self.aligned)
    }
    pub fn upos_f1(&self) -> f64 {
        self.f1(self.upos)
    }
    pub fn lemma_f1(&self) -> f64 {
        self.f1(self.lemma)
    }
    pub fn uas_f1(&self) -> f64 {
        self.f1(self.uas)
    }
    pub fn las_f1(&self) -> f64 {
        self.f1(self.las)
    }
}

/// Scores on gold tokens and on raw text.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub sentences: usize,
    pub gold_tokens: Scores,
    pub raw_text: Scores,
    /// Sentences without a `# text` comment (left out of the raw-text scores).
    pub without_text: usize,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} sentences, {} words ({:.0} words/s)",
            self.sentences,
            self.gold_tokens.gold_words,
            self.gold_tokens.gold_words as f64 / self.seconds.max(1e-9)
        )?;
        writeln!(
            f,
            "{:<12} {:>7} {:>7} {:>7} {:>7} {:>7}",
            "", "words", "UPOS", "lemma", "UAS", "LAS"
        )?;
        let g = &self.gold_tokens;
        writeln!(
            f,
            "{:<12} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4}",
            "gold tokens",
            1.0,
            g.upos_f1(),
            g.lemma_f1(),
            g.uas_f1(),
            g.las_f1()
        )?;
        let r = &self.raw_text;
        write!(
            f,
            "{:<12} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4}",
            "raw text",
            r.words_f1(),
            r.upos_f1(),
            r.lemma_f1(),
            r.uas_f1(),
            r.las_f1()
        )?;
        if self.without_text > 0 {
            write!(
                f,
                "\n({} sentences without '# text' left out of the raw-text row)",
                self.without_text
            )?;
        }
        Ok(())
    }
}

/// A word with its character span, analysis and (for aligning) head.
struct SpanWord {
    start: usize,
    end: usize,
    /// Whether the word is part of a multiword token.
    multi: bool,
    form: String,
    upos: String,
    lemma: String,
    head: usize,
    deprel: String,
}

/// Evaluate a model on CoNLL-U files.
pub fn evaluate(model: &SyntaxModel, files: &[PathBuf]) -> Result<Report, SyntaxError> {
    let lang = Lang::from_code(model.lang()).unwrap_or(Lang::En);
    let res = Resources::embedded(lang).map_err(|e| SyntaxError::Config(e.to_string()))?;
    let t0 = std::time::Instant::now();
    let mut rep = Report::default();
    for f in files {
        for s in conllu::read_file(f)? {
            rep.sentences += 1;
            score_gold_tokens(model, &s, &mut rep.gold_tokens);
            match s.text() {
                Some(text) => score_raw(model, &s, text, lang, &res, &mut rep.raw_text),
                None => rep.without_text += 1,
            }
        }
    }
    rep.seconds = t0.elapsed().as_secs_f64();
    Ok(rep)
}

fn score_gold_tokens(model: &SyntaxModel, s: &Sentence, sc: &mut Scores) {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let a = model.analyse_words(&forms);
    for (i, w) in s.words.iter().enumerate() {
        sc.gold_words += 1;
        sc.system_words += 1;
        sc.aligned += 1;
        sc.upos += (a.upos[i].as_str() == w.upos) as usize;
        sc.lemma += (a.lemmas[i] == w.lemma) as usize;
        if a.heads[i] == w.head {
            sc.uas += 1;
            sc.las += (a.deprels[i] == w.deprel) as usize;
        }
    }
}

/// Character spans of the gold surface tokens in `text`, searched left to right.
fn gold_words(s: &Sentence, text: &str) -> Vec<SpanWord> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let mut out = Vec::new();
    for (form, first, last) in s.surface_tokens() {
        let fc: Vec<char> = form.chars().collect();
        let mut start = pos;
        while start < chars.len() && chars[start].is_whitespace() {
            start += 1;
        }
        let found = chars.len() >= start + fc.len() && chars[start..start + fc.len()] == fc[..];
        let (st, en) = if found {
            (start, start + fc.len())
        } else {
            // Text and tokens disagree (rare): search ahead.
            let text_from: String = chars[pos.min(chars.len())..].iter().collect();
            match text_from.find(form) {
                Some(b) => {
                    let st = pos + text_from[..b].chars().count();
                    (st, st + fc.len())
                }
                None => (pos, pos),
            }
        };
        pos = en.max(pos);
        for k in first..=last {
            let w = &s.words[k - 1];
            out.push(SpanWord {
                start: st,
                end: en,
                multi: last > first,
                form: w.form.to_lowercase(),
                upos: w.upos.clone(),
                lemma: w.lemma.clone(),
                head: w.head,
                deprel: w.deprel.clone(),
            });
        }
    }
    out
}

fn system_words(model: &SyntaxModel, text: &str, lang: Lang, res: &Resources) -> Vec<SpanWord> {
    let tokens = crate::segment::tokenize(text, lang, res);
    let forms: Vec<&str> = tokens.iter().map(|t| &text[t.span.clone()]).collect();
    let (words, a) = model.analyse_tokens(&forms);
    // Character offset of every byte offset (linear, whatever the sentence length).
    let mut chars_before = vec![0usize; text.len() + 1];
    let mut k = 0;
    for (b, slot) in chars_before.iter_mut().enumerate() {
        *slot = k;
        if b < text.len() && text.is_char_boundary(b) {
            k += 1;
        }
    }
    let char_at = |b: usize| chars_before[b];
    let mut per_token = vec![0usize; tokens.len()];
    for w in &words {
        per_token[w.token] += 1;
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let sp = &tokens[w.token].span;
            let multi = per_token[w.token] > 1;
            SpanWord {
                start: char_at(sp.start),
                end: char_at(sp.end),
                multi,
                form: w.form.to_lowercase(),
                upos: a.upos[i].as_str().to_string(),
                lemma: a.lemmas[i].clone(),
                head: a.heads[i],
                deprel: a.deprels[i].clone(),
            }
        })
        .collect()
}

/// Align words: equal spans one to one; overlapping regions with multiword tokens by
/// the LCS of lower-cased forms. Returns pairs (gold index, system index).
fn align(g: &[SpanWord], s: &[SpanWord]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < g.len() && j < s.len() {
        let (a, b) = (&g[i], &s[j]);
        if !a.multi && !b.multi && a.start == b.start && a.end == b.end {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if a.start < b.end && b.start < a.end || (a.multi || b.multi) && a.start == b.start {
            // An overlapping region: extend until both sides end at the same offset.
            let (mut gi, mut sj) = (i, j);
            let mut end = a.end.max(b.end);
            loop {
                let mut grew = false;
                while gi < g.len() && g[gi].start < end {
                    end = end.max(g[gi].end);
                    gi += 1;
                    grew = true;
                }
                while sj < s.len() && s[sj].start < end {
                    end = end.max(s[sj].end);
                    sj += 1;
                    grew = true;
                }
                if !grew {
                    break;
                }
            }
            pairs.extend(
                lcs(&g[i..gi], &s[j..sj])
                    .into_iter()
                    .map(|(x, y)| (i + x, j + y)),
            );
            i = gi.max(i + 1);
            j = sj.max(j + 1);
        } else if a.start < b.start {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn lcs(g: &[SpanWord], s: &[SpanWord]) -> Vec<(usize, usize)> {
    let (n, m) = (g.len(), s.len());
    if n * m > 10_000 {
        return Vec::new();
    }
    let mut t = vec![vec![0u16; m + 1]; n + 1];
    for x in (0..n).rev() {
        for y in (0..m).rev() {
            t[x][y] = if g[x].form == s[y].form {
                t[x + 1][y + 1] + 1
            } else {
                t[x + 1][y].max(t[x][y + 1])
            };
        }
    }
    let (mut x, mut y, mut out) = (0, 0, Vec::new());
    while x < n && y < m {
        if g[x].form == s[y].form {
            out.push((x, y));
            x += 1;
            y += 1;
        } else if t[x + 1][y] >= t[x][y + 1] {
            x += 1;
        } else {
            y += 1;
        }
    }
    out
}

fn score_raw(
    model: &SyntaxModel,
    s: &Sentence,
    text: &str,
    lang: Lang,
    res: &Resources,
    sc: &mut Scores,
) {
    let g = gold_words(s, text);
    let sys = system_words(model, text, lang, res);
    let pairs = align(&g, &sys);
    let mut g2s = vec![usize::MAX; g.len()];
    for &(x, y) in &pairs {
        g2s[x] = y;
    }
    sc.gold_words += g.len();
    sc.system_words += sys.len();
    sc.aligned += pairs.len();
    for &(x, y) in &pairs {
        let (a, b) = (&g[x], &sys[y]);
        sc.upos += (a.upos == b.upos) as usize;
        sc.lemma += (a.lemma == b.lemma) as usize;
        let head_ok = if a.head == 0 {
            b.head == 0
        } else {
            b.head != 0 && g2s[a.head - 1] == b.head - 1
        };
        if head_ok {
            sc.uas += 1;
            sc.las += (a.deprel == b.deprel) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize, multi: bool, form: &str) -> SpanWord {
        SpanWord {
            start,
            end,
            multi,
            form: form.into(),
            upos: String::new(),
            lemma: String::new(),
            head: 0,
            deprel: String::new(),
        }
    }

    #[test]
    fn alignment_by_offsets_and_lcs() {
        // gold: "do n't" as a multiword token over 0..5, then "go" 6..8
        let g = [
            w(0, 5, true, "do"),
            w(0, 5, true, "n't"),
            w(6, 8, false, "go"),
        ];
        // system: "do" 0..2, "n't" 2..5, "go" 6..8
        let s = [
            w(0, 2, false, "do"),
            w(2, 5, false, "n't"),
            w(6, 8, false, "go"),
        ];
        assert_eq!(align(&g, &s), [(0, 0), (1, 1), (2, 2)]);
        // a tokenisation error: system "New York" as one word vs gold two
        let g = [w(0, 3, false, "new"), w(4, 8, false, "york")];
        let s = [w(0, 8, false, "new york")];
        assert!(align(&g, &s).is_empty());
    }
}
