//! Multiword tokens: French `du` = `de le`, `au` = `à le`, `aux` = `à les`,
//! `des` = `de les` (when it is the contraction, not the article), `auquel` =
//! `à lequel`…, split as Universal Dependencies does.
//!
//! The contraction table is language data, `ontology/lang/<lang>/contractions.tsv`
//! (form, words, `always`/`context`, example sentence). For `context` forms a
//! perceptron learnt from the treebanks' `1-2` ranges decides from the neighbouring
//! words. Reads: surface tokens. Writes: syntactic words, each pointing back to its
//! surface token (which keeps the offsets).

use super::tagger::Lex;
use super::SyntaxError;
use crate::learn::hash::{feat1, feat2};
use crate::learn::{argmax, SplitMix, Trainer, Weights};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One row of the contraction table.
#[derive(Clone, Debug, PartialEq)]
pub struct Contraction {
    pub form: String,
    pub words: Vec<String>,
    /// Always a contraction (`au`), or only in some contexts (`des`).
    pub always: bool,
    pub example: String,
}

#[derive(Clone, Debug, Default)]
pub struct Contractions {
    rows: Vec<Contraction>,
    by_form: HashMap<String, usize>,
}

static FR: LazyLock<Contractions> = LazyLock::new(|| {
    Contractions::parse(
        include_str!("../../ontology/lang/fr/contractions.tsv"),
        "ontology/lang/fr/contractions.tsv",
    )
    .expect("embedded French contractions")
});
static EN: LazyLock<Contractions> = LazyLock::new(|| {
    Contractions::parse(
        include_str!("../../ontology/lang/en/contractions.tsv"),
        "ontology/lang/en/contractions.tsv",
    )
    .expect("embedded English contractions")
});

impl Contractions {
    /// The embedded table of a language (`fr`, `en`); empty for others.
    pub fn embedded(lang: &str) -> &'static Contractions {
        static EMPTY: LazyLock<Contractions> = LazyLock::new(Contractions::default);
        match lang {
            "fr" => &FR,
            "en" => &EN,
            _ => &EMPTY,
        }
    }

    /// Parse the TSV table; errors name the file and line.
    pub fn parse(src: &str, name: &str) -> Result<Contractions, SyntaxError> {
        let mut out = Contractions::default();
        for (i, line) in src.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |msg: &str| SyntaxError::Format {
                path: name.into(),
                line: i + 1,
                msg: msg.into(),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(err(
                    "expected 4 tab-separated columns: form, words, when, example",
                ));
            }
            let words: Vec<String> = cols[1].split_whitespace().map(str::to_string).collect();
            if words.len() < 2 {
                return Err(err("a contraction expands to at least two words"));
            }
            let always = match cols[2] {
                "always" => true,
                "context" => false,
                _ => return Err(err("'when' must be 'always' or 'context'")),
            };
            let form = cols[0].to_lowercase();
            out.by_form.insert(form.clone(), out.rows.len());
            out.rows.push(Contraction {
                form,
                words,
                always,
                example: cols[3].to_string(),
            });
        }
        Ok(out)
    }

    pub fn rows(&self) -> &[Contraction] {
        &self.rows
    }

    pub fn get(&self, form: &str) -> Option<&Contraction> {
        if self.by_form.is_empty() {
            return None;
        }
        self.by_form
            .get(&form.to_lowercase().replace('\u{2019}', "'"))
            .map(|&i| &self.rows[i])
    }
}

/// The learnt decision for `context` forms: split (1) or keep (0).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Splitter {
    weights: Weights,
}

fn features(lower: &[u64], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = |j: isize| {
        if j < 0 {
            1
        } else {
            lower.get(j as usize).copied().unwrap_or(2)
        }
    };
    let i = i as isize;
    out.push(feat1(0, at(i)));
    out.push(feat2(1, at(i), at(i - 1)));
    out.push(feat2(2, at(i), at(i + 1)));
    out.push(feat2(3, at(i), at(i - 2)));
    out.push(feat2(4, at(i), at(i + 2)));
    out.push(feat2(5, at(i - 1), at(i + 1)));
}

impl Splitter {
    pub fn prepare(&mut self) {
        self.weights.prepare();
    }

    pub fn is_consistent(&self) -> bool {
        self.weights.is_consistent()
    }

    /// Train on sentences of (surface tokens, was-split flags) restricted to `context` forms.
    pub fn train(
        table: &Contractions,
        data: &[(Vec<String>, Vec<bool>)],
        epochs: usize,
        seed: u64,
    ) -> Splitter {
        let mut t = Trainer::new(2);
        let mut items = Vec::new();
        for (si, (toks, split)) in data.iter().enumerate() {
            for (i, tok) in toks.iter().enumerate() {
                if table.get(tok).is_some_and(|c| !c.always) {
                    items.push((si, i, split[i]));
                }
            }
        }
        let lowers: Vec<Vec<u64>> = data
            .iter()
            .map(|(t, _)| t.iter().map(|w| Lex::of(w).lower).collect())
            .collect();
        let mut rng = SplitMix(seed);
        let mut feats = Vec::new();
        let mut scores = [0f32; 2];
        for _ in 0..epochs.max(1) {
            rng.shuffle(&mut items);
            for &(si, i, g) in &items {
                features(&lowers[si], i, &mut feats);
                t.score(&feats, &mut scores);
                let p = argmax(&scores);
                t.update(&feats, g as usize, p, 1.0);
                t.tick();
            }
        }
        Splitter {
            weights: t.average(1e-3),
        }
    }

    fn split(&self, lower: &[u64], i: usize) -> bool {
        let mut feats = Vec::with_capacity(8);
        features(lower, i, &mut feats);
        let mut scores = [0f32; 2];
        self.weights.score(&feats, &mut scores);
        scores[1] > scores[0]
    }
}

/// A syntactic word from a surface token.
#[derive(Clone, Debug, PartialEq)]
pub struct Expanded {
    /// Index of the surface token.
    pub token: usize,
    pub form: String,
}

/// Give the first word the surface token's capitalisation (`Du` → `De le`, `AU` → `À LE`).
fn recase(surface: &str, words: &[String]) -> Vec<String> {
    let upper = surface.chars().filter(|c| c.is_alphabetic()).count() > 1
        && surface.chars().all(|c| !c.is_lowercase());
    let cap = surface.chars().next().is_some_and(char::is_uppercase);
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if upper {
                w.to_uppercase()
            } else if cap && k == 0 {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| c.to_uppercase().chain(cs).collect())
                    .unwrap_or_default()
            } else {
                w.clone()
            }
        })
        .collect()
}

/// Split the surface tokens of one sentence into syntactic words.
pub fn expand(tokens: &[&str], table: &Contractions, splitter: Option<&Splitter>) -> Vec<Expanded> {
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut lower: Option<Vec<u64>> = None;
    for (i, tok) in tokens.iter().enumerate() {
        match table.get(tok) {
            Some(c) => {
                let split = c.always
                    || splitter.is_some_and(|s| {
                        let l = lower.get_or_insert_with(|| {
                            tokens.iter().map(|w| Lex::of(w).lower).collect()
                        });
                        s.split(l, i)
                    });
                if split {
                    for w in recase(tok, &c.words) {
                        out.push(Expanded { token: i, form: w });
                    }
                    continue;
                }
                out.push(Expanded {
                    token: i,
                    form: tok.to_string(),
                });
            }
            None => out.push(Expanded {
                token: i,
                form: tok.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_with_examples() {
        let t = Contractions::embedded("fr");
        assert!(t.rows().len() >= 10);
        for r in t.rows() {
            assert!(
                r.example.to_lowercase().contains(&r.form),
                "example of {} lacks it",
                r.form
            );
        }
        assert_eq!(t.get("Au").unwrap().words, ["à", "le"]);
        assert!(Contractions::embedded("en").get("du").is_none());
    }

    #[test]
    fn always_forms_split_and_keep_token() {
        let t = Contractions::embedded("fr");
        let e = expand(&["Il", "va", "au", "marché", ",", "Aux", "armes"], t, None);
        let forms: Vec<&str> = e.iter().map(|x| x.form.as_str()).collect();
        assert_eq!(
            forms,
            ["Il", "va", "à", "le", "marché", ",", "À", "les", "armes"]
        );
        assert_eq!(e[2].token, 2);
        assert_eq!(e[3].token, 2);
        assert_eq!(e[6].token, 5);
        // Without a learnt splitter, context forms stay whole.
        assert_eq!(expand(&["des", "chats"], t, None).len(), 2);
    }

    #[test]
    fn bad_rows_are_errors_naming_the_line() {
        let e = Contractions::parse("# c\ndu\tde le\tmaybe\tx du\n", "c.tsv").unwrap_err();
        assert!(e.to_string().starts_with("c.tsv:2:"), "{e}");
        let e = Contractions::parse("du\tde\talways\tdu\n", "c.tsv").unwrap_err();
        assert!(e.to_string().starts_with("c.tsv:1:"), "{e}");
    }

    #[test]
    fn splitter_learns_des() {
        let t = Contractions::embedded("fr");
        let s = |w: &[&str], f: &[bool]| {
            (
                w.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                f.to_vec(),
            )
        };
        let data = vec![
            s(
                &["la", "fin", "des", "combats"],
                &[false, false, true, false],
            ),
            s(&["il", "a", "des", "amis"], &[false, false, false, false]),
            s(
                &["le", "chef", "des", "armées"],
                &[false, false, true, false],
            ),
            s(
                &["elle", "voit", "des", "soldats"],
                &[false, false, false, false],
            ),
        ];
        let sp = Splitter::train(t, &data, 5, 1);
        assert_eq!(
            expand(&["la", "fin", "des", "combats"], t, Some(&sp)).len(),
            5
        );
        assert_eq!(
            expand(&["il", "a", "des", "soldats"], t, Some(&sp)).len(),
            4
        );
    }
}
