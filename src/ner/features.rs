//! Feature extraction: every feature is a 64-bit hash of (template, values), computed
//! without allocating a string per feature. Also the curated lexicon (gazetteer of
//! names, title words, organisation head words, demonyms, first names), which is stored
//! inside the model as hashes of lower-cased token sequences.

use super::NerError;
use serde::{Deserialize, Serialize};
use std::path::Path;

// ---------------------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------------------

// The hashing is the shared learner's (`crate::learn::hash`); re-exported here so the
// entity tagger's feature code reads as before. Values must never change: the shipped
// models' keys are these hashes.
pub use crate::learn::hash::{finish, hash_bytes, mix, HashIndex};

/// Hash of a string lower-cased (char-wise `to_lowercase`), written into `buf`.
pub fn lower_into(s: &str, buf: &mut String) {
    buf.clear();
    for c in s.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    // Typographic apostrophe ≡ ASCII apostrophe.
    if buf.contains('\u{2019}') {
        *buf = buf.replace('\u{2019}', "'");
    }
}

fn lower_hash(s: &str) -> u64 {
    let mut b = String::new();
    lower_into(s, &mut b);
    hash_bytes(b.as_bytes())
}

/// Hash of a lower-cased token sequence, as used for lexicon phrases.
pub fn phrase_hash(lower_token_hashes: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    for t in lower_token_hashes {
        h = mix(h, t);
    }
    finish(h)
}

// ---------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------

pub const LEX_PER: u8 = 1;
pub const LEX_ORG: u8 = 2;
pub const LEX_LOC: u8 = 4;
pub const LEX_MISC: u8 = 8;

// word-class bits
pub const W_TITLE: u8 = 1;
pub const W_ORGHEAD: u8 = 2;
pub const W_DEMONYM: u8 = 4;
pub const W_FIRSTNAME: u8 = 8;
/// A common lower-case word (capitalised occurrences are likely sentence-initial/headline).
pub const W_COMMON: u8 = 16;
/// Last word of a multi-word person name of the knowledge base.
pub const W_SURNAME: u8 = 32;

/// Curated lexicon as stored in a model: hashes only.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Lexicon {
    /// (phrase hash, type bits LEX_*)
    pub phrases: Vec<(u64, u8)>,
    pub max_len: usize,
    /// (lower-cased single-word hash, class bits W_*)
    pub words: Vec<(u64, u8)>,
    /// Human-readable description of what went in.
    pub sources: Vec<String>,
}

/// Lexicon ready for lookups.
#[derive(Clone, Debug, Default)]
pub struct LexIndex {
    pub phrases: HashIndex<u8>,
    pub max_len: usize,
    pub words: HashIndex<u8>,
    pub empty: bool,
}

impl Lexicon {
    pub fn index(&self) -> LexIndex {
        LexIndex {
            phrases: HashIndex::build(self.phrases.iter().copied()),
            max_len: self.max_len,
            words: HashIndex::build(self.words.iter().copied()),
            empty: self.phrases.is_empty() && self.words.is_empty(),
        }
    }
}

/// Builds a [`Lexicon`] from names and word lists.
#[derive(Default)]
pub struct LexiconBuilder {
    lang: String,
    phrases: std::collections::HashMap<u64, u8>,
    max_len: usize,
    words: std::collections::HashMap<u64, u8>,
    pub sources: Vec<String>,
}

const FR_ELISIONS: &[&str] = &[
    "l'", "d'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "n'", "s'", "c'", "j'", "m'",
    "t'",
];

/// Tokenise a name roughly as the project's rule-based tokenizer does: words are runs of
/// letters/digits joined by hyphens or apostrophes; French elisions are split after the
/// apostrophe, English `'s` split off; dotted acronyms (`U.S.`) kept; other characters
/// are one-character tokens.
pub fn tokenize_name(lang: &str, s: &str) -> Vec<String> {
    let s = s.replace('\u{2019}', "'");
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let st = i;
            // dotted acronym: X.Y. (single letters separated by dots)
            let mut j = i;
            while j + 1 < chars.len()
                && chars[j].is_alphabetic()
                && chars[j + 1] == '.'
                && (j + 2 >= chars.len()
                    || !chars[j + 2].is_alphanumeric()
                    || (j + 3 < chars.len() && chars[j + 3] == '.'))
            {
                j += 2;
                if j >= chars.len() || !chars[j].is_alphabetic() {
                    break;
                }
            }
            if j - st >= 4 {
                out.push(chars[st..j].iter().collect());
                i = j;
                continue;
            }
            let mut j = i;
            while j < chars.len() {
                let joiner = (chars[j] == '-' || chars[j] == '\'')
                    && j + 1 < chars.len()
                    && chars[j + 1].is_alphanumeric();
                if chars[j].is_alphanumeric() || joiner {
                    j += 1;
                } else {
                    break;
                }
            }
            let word: String = chars[st..j].iter().collect();
            i = j;
            // split elisions / clitics
            let mut rest = word.as_str();
            if lang == "fr" {
                loop {
                    let low = rest.to_lowercase();
                    if let Some(e) = FR_ELISIONS
                        .iter()
                        .find(|e| low.starts_with(*e) && low.len() > e.len())
                    {
                        let n = e.len();
                        out.push(rest[..n].to_string());
                        rest = &rest[n..];
                    } else {
                        break;
                    }
                }
                out.push(rest.to_string());
            } else if let Some(p) = rest.strip_suffix("'s").or_else(|| rest.strip_suffix("'S")) {
                out.push(p.to_string());
                out.push(rest[p.len()..].to_string());
            } else {
                out.push(rest.to_string());
            }
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

impl LexiconBuilder {
    pub fn new(lang: &str) -> Self {
        LexiconBuilder {
            lang: lang.to_string(),
            ..Default::default()
        }
    }

    /// Add a name with type bits; names are tokenised, lower-cased and hashed.
    pub fn add_name(&mut self, name: &str, bits: u8) -> bool {
        let name = name.trim();
        if name.is_empty() || !name.chars().any(|c| c.is_alphabetic()) {
            return false;
        }
        let toks = tokenize_name(&self.lang, name);
        if toks.is_empty() || toks.len() > 8 {
            return false;
        }
        let h = phrase_hash(toks.iter().map(|t| lower_hash(t)));
        *self.phrases.entry(h).or_insert(0) |= bits;
        self.max_len = self.max_len.max(toks.len());
        true
    }

    /// Add a single word of a class (W_*); multi-word entries use their first word.
    pub fn add_word(&mut self, w: &str, bits: u8) {
        let toks = tokenize_name(&self.lang, w.trim());
        if let Some(t) = toks.first() {
            *self.words.entry(finish(lower_hash(t))).or_insert(0) |= bits;
        }
    }

    pub fn n_phrases(&self) -> usize {
        self.phrases.len()
    }

    pub fn build(self) -> Lexicon {
        let mut phrases: Vec<(u64, u8)> = self.phrases.into_iter().collect();
        phrases.sort_unstable();
        let mut words: Vec<(u64, u8)> = self.words.into_iter().collect();
        words.sort_unstable();
        Lexicon {
            phrases,
            max_len: self.max_len,
            words,
            sources: self.sources,
        }
    }

    /// Load the curated lexicon files under `dir` (an `ontology` directory):
    /// `kb/entities.tsv`, `lang/<lang>/demonyms.tsv`, `models/lexicon-<lang>/*`.
    /// Missing files are skipped (and reported in `sources`).
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), NerError> {
        let lang = self.lang.clone();
        // Knowledge base.
        let kb = dir.join("kb/entities.tsv");
        if kb.exists() {
            let text = read_text(&kb)?;
            let mut header: Vec<String> = Vec::new();
            let mut n = 0;
            for (ln, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                if header.is_empty()
                    && cols
                        .first()
                        .map(|c| c.eq_ignore_ascii_case("id"))
                        .unwrap_or(false)
                {
                    header = cols.iter().map(|c| c.to_ascii_lowercase()).collect();
                    continue;
                }
                if header.is_empty() {
                    header = [
                        "id", "type", "subtype", "wikidata", "name_en", "name_fr", "aliases",
                        "part_of",
                    ]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                }
                let col = |name: &str| {
                    header
                        .iter()
                        .position(|h| h == name)
                        .and_then(|i| cols.get(i))
                        .copied()
                        .unwrap_or("")
                };
                let Some(bits) = kb_type_bits(col("type"), col("subtype")) else {
                    continue;
                };
                let _ = ln;
                let mut names = vec![col("name_en"), col("name_fr")];
                names.extend(col("aliases").split('|'));
                for nm in names {
                    if self.add_name(nm, bits) {
                        n += 1;
                        if bits == LEX_PER {
                            let toks = tokenize_name(&lang, nm);
                            if toks.len() >= 2 {
                                self.add_word(toks.last().unwrap(), W_SURNAME);
                            }
                        }
                    }
                }
            }
            self.sources.push(format!("kb/entities.tsv: {n} names"));
        } else {
            self.sources.push("kb/entities.tsv: absent".into());
        }
        // Common lower-case words.
        let cw = dir.join("kb/curated/common_words.txt");
        if cw.exists() {
            let mut n = 0;
            for line in read_text(&cw)?.lines() {
                let l = line.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                self.add_word(l, W_COMMON);
                n += 1;
            }
            self.sources
                .push(format!("kb/curated/common_words.txt: {n} words"));
        }
        // Demonyms.
        let dem = dir.join(format!("lang/{lang}/demonyms.tsv"));
        if dem.exists() {
            let text = read_text(&dem)?;
            let mut n = 0;
            for line in text.lines() {
                let form = line.split('\t').next().unwrap_or("").trim();
                if form.is_empty() || form.starts_with('#') || form == "form" {
                    continue;
                }
                self.add_word(form, W_DEMONYM);
                n += 1;
            }
            self.sources
                .push(format!("lang/{lang}/demonyms.tsv: {n} forms"));
        } else {
            self.sources
                .push(format!("lang/{lang}/demonyms.tsv: absent"));
        }
        // Our own lists.
        let own = dir.join(format!("models/lexicon-{lang}"));
        for (file, bits) in [
            ("titles.txt", W_TITLE),
            ("org_heads.txt", W_ORGHEAD),
            ("demonyms.txt", W_DEMONYM),
        ] {
            let p = own.join(file);
            if p.exists() {
                let mut n = 0;
                for line in read_text(&p)?.lines() {
                    let l = line.trim();
                    if l.is_empty() || l.starts_with('#') {
                        continue;
                    }
                    self.add_word(l, bits);
                    n += 1;
                }
                self.sources
                    .push(format!("models/lexicon-{lang}/{file}: {n} words"));
            }
        }
        let gaz = own.join("gazetteer.tsv");
        if gaz.exists() {
            let mut n = 0;
            for (ln, line) in read_text(&gaz)?.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let Some((ty, name)) = line.split_once('\t') else {
                    return Err(NerError::Format {
                        path: gaz.display().to_string(),
                        line: ln + 1,
                        msg: "expected TYPE<TAB>NAME".into(),
                    });
                };
                let bits = match ty {
                    "PER" => LEX_PER,
                    "ORG" => LEX_ORG,
                    "LOC" => LEX_LOC,
                    "MISC" => LEX_MISC,
                    _ => {
                        return Err(NerError::Format {
                            path: gaz.display().to_string(),
                            line: ln + 1,
                            msg: format!("unknown type {ty:?}"),
                        })
                    }
                };
                if self.add_name(name, bits) {
                    n += 1;
                }
            }
            self.sources
                .push(format!("models/lexicon-{lang}/gazetteer.tsv: {n} names"));
        }
        Ok(())
    }
}

fn read_text(p: &Path) -> Result<String, NerError> {
    std::fs::read_to_string(p).map_err(|e| NerError::Io {
        path: p.display().to_string(),
        source: e,
    })
}

/// Map a KB type/subtype to lexicon bits (None: not a name type we use).
fn kb_type_bits(ty: &str, sub: &str) -> Option<u8> {
    let t = format!("{} {}", ty.to_ascii_lowercase(), sub.to_ascii_lowercase());
    let has = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    if has(&["person", "per ", "people", "human"]) || ty.eq_ignore_ascii_case("PER") {
        Some(LEX_PER)
    } else if has(&[
        "org",
        "party",
        "company",
        "agency",
        "institution",
        "government",
        "army",
        "union",
        "ministry",
    ]) {
        Some(LEX_ORG)
    } else if has(&[
        "loc",
        "place",
        "country",
        "city",
        "region",
        "gpe",
        "state",
        "territory",
        "province",
        "continent",
        "sea",
        "river",
        "mountain",
    ]) {
        Some(LEX_LOC)
    } else if has(&["event", "work", "misc", "product", "law", "treaty"]) {
        Some(LEX_MISC)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Feature configuration and extraction
// ---------------------------------------------------------------------------------------

/// Which feature templates are on (stored in the model).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeatureConfig {
    /// Context window for neighbouring words (1 or 2).
    pub window: usize,
    /// Longest prefix/suffix (characters).
    pub affix_len: usize,
    pub bigrams: bool,
    pub lexicon: bool,
    /// Capitalised word whose lower-case form occurs (lower-case) elsewhere in the sentence.
    pub lower_elsewhere: bool,
    /// Position in the maximal run of capitalised tokens, and whether a lexicon match
    /// covers the whole run.
    #[serde(default)]
    pub cap_runs: bool,
    /// Lexicon type conjoined with the previous/next word.
    #[serde(default)]
    pub gaz_context: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            window: 2,
            affix_len: 4,
            bigrams: true,
            lexicon: true,
            lower_elsewhere: true,
            cap_runs: true,
            gaz_context: false,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Tok {
    form: u64,
    lower: u64,
    shape: u64,
    sshape: u64,
    flags: u32,
    gaz: u8,     // bits of the longest gazetteer match covering the token
    gaz_pos: u8, // 0 none, 1 B (first token), 2 I
    gaz_len: u8,
    single: u8,  // bits of the token alone as a name
    words: u8,   // W_* bits
    run_len: u8, // length of the run of capitalised tokens holding the token (0: not capitalised)
    run_pos: u8, // 1 first, 2 inside, 3 last, 4 single
    gaz_start: u16,
}

const F_INITCAP: u32 = 1;
const F_ALLCAPS: u32 = 2;
const F_HASDIGIT: u32 = 4;
const F_HYPHEN: u32 = 8;
const F_APOS: u32 = 16;
const F_PUNCT: u32 = 32;
const F_ALLDIGIT: u32 = 64;
const F_LOWER: u32 = 128;
const F_ENDDOT: u32 = 256;
const F_LOWERELSE: u32 = 512;
const F_MIXED: u32 = 1024;

/// Reusable buffers for feature extraction of one sentence.
#[derive(Default)]
pub struct FeatBuf {
    /// Feature hashes of all tokens, token i's at `feats[starts[i]..starts[i+1]]`.
    pub feats: Vec<u64>,
    pub starts: Vec<usize>,
    toks: Vec<Tok>,
    lower: Vec<String>,
    bounds: Vec<usize>,
}

impl FeatBuf {
    pub fn token_feats(&self, i: usize) -> &[u64] {
        &self.feats[self.starts[i]..self.starts[i + 1]]
    }
}

// template ids
const T_BIAS: u64 = 1;
const T_FORM: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SSHAPE: u64 = 5;
const T_PREF: u64 = 6;
const T_SUFF: u64 = 7;
const T_FLAG: u64 = 8;
const T_FIRST: u64 = 9;
const T_WIN: u64 = 10;
const T_WINSHAPE: u64 = 11;
const T_BI_L: u64 = 12;
const T_BI_R: u64 = 13;
const T_SBI_L: u64 = 14;
const T_SBI_R: u64 = 15;
const T_GAZ: u64 = 17;
const T_GAZ1: u64 = 18;
const T_WORD: u64 = 19;
const T_WORDCTX: u64 = 20;
const T_GAZCTX: u64 = 21;
const T_PREVW_SHAPE: u64 = 22;
const T_FLAGS_ALL: u64 = 23;
const T_LAST: u64 = 24;
const T_CAPRUN: u64 = 25;

use crate::learn::hash::{feat1 as f1, feat2 as f2, feat3 as f3};

const PAD_L: u64 = 0x1111_2222_3333_4444;
const PAD_R: u64 = 0x5555_6666_7777_8888;

fn shape_of(s: &str) -> (u64, u64, u32) {
    let mut h = 0x84222325cbf29ce4u64;
    let mut sh = h;
    let mut last = '\0';
    let mut n = 0;
    let mut flags = 0u32;
    let (mut up, mut low, mut dig, mut other) = (0, 0, 0, 0);
    for (k, c) in s.chars().enumerate() {
        let m = if c.is_uppercase() {
            up += 1;
            'X'
        } else if c.is_lowercase() {
            low += 1;
            'x'
        } else if c.is_numeric() {
            dig += 1;
            'd'
        } else if c.is_alphabetic() {
            low += 1;
            'x'
        } else {
            other += 1;
            if c == '-' {
                flags |= F_HYPHEN;
            }
            if c == '\'' || c == '\u{2019}' {
                flags |= F_APOS;
            }
            c
        };
        if k == 0 && m == 'X' {
            flags |= F_INITCAP;
        }
        if n < 12 {
            h = mix(h, m as u64);
            n += 1;
        }
        if m != last {
            sh = mix(sh, m as u64);
            last = m;
        }
    }
    if up > 0 && low == 0 && dig == 0 {
        flags |= F_ALLCAPS;
    }
    if dig > 0 {
        flags |= F_HASDIGIT;
    }
    if dig > 0 && up == 0 && low == 0 {
        flags |= F_ALLDIGIT;
    }
    if up == 0 && low == 0 && dig == 0 && other > 0 {
        flags |= F_PUNCT;
    }
    if up == 0 && low > 0 {
        flags |= F_LOWER;
    }
    if up > 0 && low > 0 && flags & F_INITCAP == 0 {
        flags |= F_MIXED;
    }
    if s.len() > 1 && s.ends_with('.') {
        flags |= F_ENDDOT;
    }
    (h, sh, flags)
}

/// Feature extractor: a feature configuration plus the lexicon.
pub struct Extractor<'a> {
    pub cfg: &'a FeatureConfig,
    pub lex: &'a LexIndex,
}

impl<'a> Extractor<'a> {
    /// Extract features of all tokens of a sentence into `buf`.
    pub fn extract(&self, tokens: &[&str], buf: &mut FeatBuf) {
        let n = tokens.len();
        let cfg = self.cfg;
        buf.feats.clear();
        buf.starts.clear();
        buf.toks.clear();
        if buf.lower.len() < n {
            buf.lower.resize(n, String::new());
        }
        // Per-token precomputation.
        for (i, t) in tokens.iter().enumerate() {
            lower_into(t, &mut buf.lower[i]);
            let (shape, sshape, flags) = shape_of(t);
            buf.toks.push(Tok {
                form: hash_bytes(t.as_bytes()),
                lower: hash_bytes(buf.lower[i].as_bytes()),
                shape,
                sshape,
                flags,
                ..Default::default()
            });
        }
        if cfg.lower_elsewhere && n > 1 {
            for i in 0..n {
                if buf.toks[i].flags & F_INITCAP != 0 {
                    let l = buf.toks[i].lower;
                    if buf
                        .toks
                        .iter()
                        .any(|o| o.lower == l && o.flags & F_LOWER != 0)
                    {
                        buf.toks[i].flags |= F_LOWERELSE;
                    }
                }
            }
        }
        if cfg.lexicon && !self.lex.empty {
            let lex = self.lex;
            for i in 0..n {
                let t = &mut buf.toks[i];
                t.words = lex.words.get(finish(t.lower)).unwrap_or(0);
                t.single = lex.phrases.get(phrase_hash([t.lower])).unwrap_or(0);
            }
            // Greedy longest match, left to right, starting at a capitalised word.
            let mut i = 0;
            while i < n {
                if buf.toks[i].flags & (F_INITCAP | F_ALLCAPS | F_MIXED) == 0 {
                    i += 1;
                    continue;
                }
                let mut h = 0x9e37_79b9_7f4a_7c15u64;
                let mut best = (0usize, 0u8);
                for len in 1..=lex.max_len.min(n - i) {
                    h = mix(h, buf.toks[i + len - 1].lower);
                    if let Some(b) = lex.phrases.get(finish(h)) {
                        best = (len, b);
                    }
                }
                if best.0 > 0 {
                    for k in 0..best.0 {
                        let t = &mut buf.toks[i + k];
                        t.gaz = best.1;
                        t.gaz_pos = if k == 0 { 1 } else { 2 };
                        t.gaz_len = best.0.min(4) as u8;
                        t.gaz_start = i as u16;
                    }
                    i += best.0;
                } else {
                    i += 1;
                }
            }
        }
        if cfg.cap_runs {
            let capf = |t: &Tok| t.flags & (F_INITCAP | F_ALLCAPS | F_MIXED) != 0;
            let mut i = 0;
            while i < n {
                if !capf(&buf.toks[i]) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < n && capf(&buf.toks[j]) {
                    j += 1;
                }
                let len = j - i;
                for k in i..j {
                    let t = &mut buf.toks[k];
                    t.run_len = len.min(5) as u8;
                    t.run_pos = if len == 1 {
                        4
                    } else if k == i {
                        1
                    } else if k + 1 == j {
                        3
                    } else {
                        2
                    };
                }
                i = j;
            }
        }
        let toks = &buf.toks;
        let lowers = &buf.lower;
        let w = cfg.window as isize;
        let lower_at = |j: isize| -> u64 {
            if j < 0 {
                PAD_L
            } else if j as usize >= n {
                PAD_R
            } else {
                toks[j as usize].lower
            }
        };
        let sshape_at = |j: isize| -> u64 {
            if j < 0 {
                PAD_L
            } else if j as usize >= n {
                PAD_R
            } else {
                toks[j as usize].sshape
            }
        };
        for i in 0..n {
            buf.starts.push(buf.feats.len());
            let f = &mut buf.feats;
            let t = toks[i];
            let ii = i as isize;
            f.push(f1(T_BIAS, 0));
            f.push(f1(T_FORM, t.form));
            f.push(f1(T_LOWER, t.lower));
            f.push(f1(T_SHAPE, t.shape));
            f.push(f1(T_SSHAPE, t.sshape));
            // affixes over chars of the lower-cased form
            let lw = &lowers[i];
            buf.bounds.clear();
            buf.bounds.extend(lw.char_indices().map(|(p, _)| p));
            let nc = buf.bounds.len();
            if nc > 1 {
                for k in 1..=cfg.affix_len.min(nc - 1) {
                    let end = buf.bounds[k];
                    f.push(f2(T_PREF, k as u64, hash_bytes(&lw.as_bytes()[..end])));
                    let st = buf.bounds[nc - k];
                    f.push(f2(T_SUFF, k as u64, hash_bytes(&lw.as_bytes()[st..])));
                }
            }
            let mut fl = t.flags;
            let mut bit = 1u32;
            while fl != 0 {
                if fl & 1 != 0 {
                    f.push(f1(T_FLAG, bit as u64));
                }
                fl >>= 1;
                bit <<= 1;
            }
            f.push(f1(
                T_FLAGS_ALL,
                (t.flags & (F_INITCAP | F_ALLCAPS | F_HASDIGIT | F_PUNCT | F_LOWER | F_LOWERELSE))
                    as u64,
            ));
            if i == 0 {
                f.push(f2(
                    T_FIRST,
                    (t.flags & (F_INITCAP | F_ALLCAPS)) as u64,
                    t.lower,
                ));
                f.push(f1(
                    T_FIRST,
                    99 + (t.flags & (F_INITCAP | F_ALLCAPS | F_LOWERELSE)) as u64,
                ));
            }
            if i + 1 == n {
                f.push(f1(T_LAST, t.sshape));
            }
            for d in -w..=w {
                if d == 0 {
                    continue;
                }
                f.push(f2(T_WIN, d as u64, lower_at(ii + d)));
                f.push(f2(T_WINSHAPE, d as u64, sshape_at(ii + d)));
            }
            if cfg.bigrams {
                f.push(f2(T_BI_L, lower_at(ii - 1), t.lower));
                f.push(f2(T_BI_R, t.lower, lower_at(ii + 1)));
                f.push(f2(T_SBI_L, sshape_at(ii - 1), t.sshape));
                f.push(f2(T_SBI_R, t.sshape, sshape_at(ii + 1)));
                f.push(f2(T_PREVW_SHAPE, lower_at(ii - 1), t.sshape));
                f.push(f3(T_PREVW_SHAPE, 7, t.sshape, lower_at(ii + 1)));
            }
            if cfg.cap_runs && t.run_len > 0 {
                f.push(f2(T_CAPRUN, t.run_len as u64, t.run_pos as u64));
                f.push(f3(T_CAPRUN, 9, t.run_pos as u64, (i == 0) as u64));
                if cfg.lexicon && t.gaz_pos != 0 {
                    // does the lexicon match cover the whole capitalised run?
                    let run_start = i + 1
                        - match t.run_pos {
                            1 | 4 => 1,
                            _ => (1..=i + 1)
                                .find(|&d| toks[i + 1 - d].run_pos == 1)
                                .unwrap_or(1),
                        };
                    let full = run_start == t.gaz_start as usize && t.gaz_len >= t.run_len.min(4);
                    f.push(f3(
                        T_CAPRUN,
                        10 + full as u64,
                        t.gaz as u64,
                        t.gaz_pos as u64,
                    ));
                }
            }
            if cfg.lexicon && !self.lex.empty {
                let cap = (t.flags & (F_INITCAP | F_ALLCAPS)) as u64;
                if t.gaz_pos != 0 {
                    f.push(f2(T_GAZ, t.gaz_pos as u64, t.gaz as u64));
                    f.push(f3(
                        T_GAZ,
                        t.gaz_pos as u64,
                        t.gaz as u64,
                        100 + t.gaz_len as u64,
                    ));
                    for b in 0..4 {
                        if t.gaz & (1 << b) != 0 {
                            f.push(f2(T_GAZ, 10 + t.gaz_pos as u64, b));
                        }
                    }
                }
                if t.single != 0 {
                    f.push(f2(T_GAZ1, t.single as u64, cap));
                }
                if cfg.gaz_context && (t.gaz_pos != 0 || t.single != 0) {
                    // lexicon type in context: "in <LOC>", "<LOC> 's", "<ORG> said"
                    let g = (t.gaz as u64) << 8 | t.single as u64;
                    f.push(f3(T_GAZ1, 77, g, lower_at(ii - 1)));
                    f.push(f3(T_GAZ1, 78, g, lower_at(ii + 1)));
                }
                if t.words != 0 {
                    if t.words & W_COMMON != 0 {
                        f.push(f3(T_WORD, 40, cap, (i == 0) as u64));
                    }
                    for b in 0..6 {
                        if t.words & (1 << b) != 0 {
                            f.push(f2(T_WORD, b, cap));
                        }
                    }
                }
                for d in [-2isize, -1, 1] {
                    let j = ii + d;
                    if j >= 0 && (j as usize) < n {
                        let o = toks[j as usize];
                        if o.words != 0 {
                            for b in 0..6 {
                                if o.words & (1 << b) != 0 {
                                    f.push(f3(T_WORDCTX, d as u64, b, cap));
                                }
                            }
                        }
                        if o.gaz_pos != 0 && d.abs() == 1 {
                            f.push(f3(T_GAZCTX, d as u64, o.gaz as u64, o.gaz_pos as u64));
                        }
                    }
                }
                // organisation head word within the 3 preceding tokens ("ministère de l' Intérieur")
                for d in 1..=3isize {
                    let j = ii - d;
                    if j >= 0 && toks[j as usize].words & W_ORGHEAD != 0 {
                        f.push(f2(T_WORDCTX, 50 + d as u64, cap));
                        break;
                    }
                }
            }
        }
        buf.starts.push(buf.feats.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_conventions() {
        assert_eq!(
            tokenize_name("fr", "Côte d'Ivoire"),
            vec!["Côte", "d'", "Ivoire"]
        );
        assert_eq!(tokenize_name("fr", "Saint-Étienne"), vec!["Saint-Étienne"]);
        assert_eq!(
            tokenize_name("en", "People's Republic of China"),
            vec!["People", "'s", "Republic", "of", "China"]
        );
        assert_eq!(tokenize_name("en", "U.S. Army"), vec!["U.S.", "Army"]);
        assert_eq!(
            tokenize_name("fr", "Ministère de l’Intérieur"),
            vec!["Ministère", "de", "l'", "Intérieur"]
        );
    }

    #[test]
    fn lexicon_match_features() {
        let mut b = LexiconBuilder::new("fr");
        b.add_name("Côte d'Ivoire", LEX_LOC);
        b.add_word("président", W_TITLE);
        let lex = b.build().index();
        let cfg = FeatureConfig::default();
        let ex = Extractor {
            cfg: &cfg,
            lex: &lex,
        };
        let mut buf = FeatBuf::default();
        ex.extract(
            &["le", "président", "de", "la", "Côte", "d'", "Ivoire"],
            &mut buf,
        );
        assert_eq!(buf.toks[4].gaz_pos, 1);
        assert_eq!(buf.toks[6].gaz_pos, 2);
        assert_eq!(buf.toks[4].gaz, LEX_LOC);
        assert_eq!(buf.toks[1].words, W_TITLE);
        assert_eq!(buf.starts.len(), 8);
        // deterministic
        let a = buf.feats.clone();
        ex.extract(
            &["le", "président", "de", "la", "Côte", "d'", "Ivoire"],
            &mut buf,
        );
        assert_eq!(a, buf.feats);
    }
}
