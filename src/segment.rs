//! Segment stage: sentences and tokens with byte offsets into the cleaned text.
//!
//! Token conventions follow the training corpora (`../shared/data/README.md`,
//! "Rule-based tokenizer"): French elisions split after the apostrophe
//! (`l'`, `d'`, `qu'`), English clitics split PTB-style (`Germany 's`), dotted
//! acronyms and known abbreviations kept whole.
//!
//! A sentence holds at most [`MAX_SENTENCE_TOKENS`] tokens: longer run-on text
//! (a scraped page without full stops, a list of names) is cut into pieces of
//! at most that many tokens, so that the later stages, some of which compare
//! the words of a sentence pairwise, stay linear in the length of the article.

use std::sync::LazyLock;

use regex::Regex;

use crate::cue::Cue;
use crate::doc::{Document, Lang, Sentence, Token};
use crate::lang::Resources;

static TOKEN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        https?://\S+[\w/]                       # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+            # e-mails
      | (?:\p{Lu}\.){2,}                        # dotted acronyms: U.S.
      | \d+(?:[.,:/h]\d+)*                      # numbers: 1.500 12:30 09/10/2020
      | [\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*['’]? # words, hyphens and apostrophes inside
      | \S                                      # any other character
    ",
    )
    .expect("token regex")
});

/// Most tokens in one sentence. Longer sentences are split (see
/// [`cap_sentence`]): in news text 99.9% of sentences have fewer than 110
/// tokens, so the limit only changes run-on text.
pub const MAX_SENTENCE_TOKENS: usize = 100;

/// Split the document's text into sentences and tokens.
/// Reads: `text`. Writes: `tokens`, `folded`, `sentences`.
pub fn segment(doc: &mut Document, res: &Resources) {
    doc.tokens = tokenize(&doc.text, doc.lang, res);
    doc.folded = doc
        .tokens
        .iter()
        .map(|t| {
            // Punctuation folds to nothing; keep it as written so cue lists can name it.
            let raw = &doc.text[t.span.clone()];
            let folded = crate::text::fold(raw);
            if folded.is_empty() {
                raw.to_string()
            } else {
                folded
            }
        })
        .collect();
    doc.sentences = split_sentences(&doc.text, &doc.tokens, res)
        .into_iter()
        .flat_map(|s| cap_sentence(s, &doc.tokens, &doc.folded, res, MAX_SENTENCE_TOKENS))
        .collect();
}

/// Cut a sentence of more than `max` tokens into pieces of at most `max`,
/// deterministically: each piece ends at the last comma or semicolon of its
/// window (kept in the piece), else just before the last coordinator (a
/// `coord` cue word of the language: "et", "and"), else at the limit.
fn cap_sentence(
    sentence: Sentence,
    tokens: &[Token],
    folded: &[String],
    res: &Resources,
    max: usize,
) -> Vec<Sentence> {
    let max = max.max(2);
    if sentence.tokens.len() <= max {
        return vec![sentence];
    }
    let mut pieces = Vec::new();
    let mut first = sentence.tokens.start;
    let end = sentence.tokens.end;
    while end - first > max {
        let window = first + 1..first + max;
        let cut = window
            .clone()
            .rev()
            .find(|&i| matches!(folded[i].as_str(), "," | ";"))
            .map(|i| i + 1)
            .or_else(|| {
                window
                    .rev()
                    .find(|&i| folded[i] != "," && res.is_cue(Cue::Coord, &folded[i]))
            })
            .unwrap_or(first + max);
        pieces.push(Sentence {
            span: tokens[first].span.start..tokens[cut - 1].span.end,
            tokens: first..cut,
        });
        first = cut;
    }
    pieces.push(Sentence {
        span: tokens[first].span.start..sentence.span.end,
        tokens: first..end,
    });
    pieces
}

/// Tokens of a text, with the language's elision and abbreviation rules.
pub fn tokenize(text: &str, lang: Lang, res: &Resources) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut matches = TOKEN_RE.find_iter(text).peekable();
    while let Some(m) = matches.next() {
        let (start, mut end) = (m.start(), m.end());
        let word = m.as_str();
        // An abbreviation keeps its period: "M." "Gen." "Sept."
        if text[end..].starts_with('.') && res.is_abbreviation(word) {
            end += 1;
            if matches.peek().is_some_and(|n| n.start() < end) {
                matches.next();
            }
        }
        split_word(text, start, end, lang, res, &mut tokens);
    }
    tokens
}

/// Cut a word at an apostrophe: after a French elided word (cue kind
/// `elision`: «l'», «qu'»), before an English clitic (cue kind `clitic`:
/// "'s", "n't"), before a trailing apostrophe.
fn split_word(
    text: &str,
    start: usize,
    end: usize,
    lang: Lang,
    res: &Resources,
    out: &mut Vec<Token>,
) {
    let word = &text[start..end];
    let apostrophe = word.char_indices().find(|(_, c)| *c == '\'' || *c == '’');
    if let Some((at, c)) = apostrophe {
        let head = &word[..at];
        let after = at + c.len_utf8();
        match lang {
            Lang::Fr => {
                if res.is_cue(Cue::Elision, &head.to_lowercase()) && after < word.len() {
                    out.push(Token {
                        span: start..start + after,
                    });
                    return split_word(text, start + after, end, lang, res, out);
                }
            }
            Lang::En => {
                let tail = word[after..].to_lowercase();
                if res.is_cue(Cue::Clitic, &tail) && at > 0 {
                    // "don't" → "do" "n't"; "Germany's" → "Germany" "'s"
                    let cut = if tail == "t" && head.to_lowercase().ends_with('n') {
                        at - 1
                    } else {
                        at
                    };
                    out.push(Token {
                        span: start..start + cut,
                    });
                    out.push(Token {
                        span: start + cut..end,
                    });
                    return;
                }
            }
        }
        // A trailing apostrophe is punctuation: "Etats'" → "Etats" "'"
        if after == word.len() && at > 0 {
            out.push(Token {
                span: start..start + at,
            });
            out.push(Token {
                span: start + at..end,
            });
            return;
        }
    }
    out.push(Token { span: start..end });
}

/// Sentences end at a line break, or after `.` `!` `?` `…` (and closing quotes)
/// followed by a capitalised word or an opening quote, unless the period
/// belongs to an abbreviation or an initial.
fn split_sentences(text: &str, tokens: &[Token], res: &Resources) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    for i in 0..tokens.len() {
        let tok = &text[tokens[i].span.clone()];
        let next = tokens.get(i + 1);
        let boundary = match next {
            None => true,
            Some(n) => {
                let gap = &text[tokens[i].span.end..n.span.start];
                if gap.contains('\n') {
                    true
                } else if is_terminal(tok)
                    || (is_closing_quote(tok)
                        && i > first
                        && is_terminal(&text[tokens[i - 1].span.clone()]))
                {
                    let next_text = &text[n.span.clone()];
                    let starts = next_text.chars().next().unwrap_or(' ');
                    // `vendredi."C'est`: a quote glued to the period still opens a sentence.
                    let quote_then_capital = is_opening_quote(next_text)
                        && tokens.get(i + 2).is_some_and(|t2| {
                            text[t2.span.clone()].starts_with(char::is_uppercase)
                        });
                    (starts.is_uppercase()
                        || starts.is_numeric()
                        || is_opening_quote(next_text)
                        || next_text == "-"
                        || next_text == "—")
                        && (!gap.is_empty() || quote_then_capital)
                        && !(i > first
                            && tok == "."
                            && is_initial(&text[tokens[i - 1].span.clone()], res))
                } else {
                    false
                }
            }
        };
        if boundary {
            if i >= first {
                sentences.push(Sentence {
                    span: tokens[first].span.start..tokens[i].span.end,
                    tokens: first..i + 1,
                });
            }
            first = i + 1;
        }
    }
    sentences
}

fn is_terminal(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "…")
}

fn is_closing_quote(tok: &str) -> bool {
    matches!(tok, "»" | "\"" | "”" | "’" | ")")
}

fn is_opening_quote(tok: &str) -> bool {
    matches!(tok, "«" | "\"" | "“" | "‘" | "(")
}

/// A single capital letter before a period is an initial ("J. Biden").
fn is_initial(tok: &str, res: &Resources) -> bool {
    let mut chars = tok.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        || res.is_abbreviation(tok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Resources;

    fn words(text: &str, lang: Lang) -> Vec<String> {
        let res = Resources::embedded(lang).unwrap();
        tokenize(text, lang, &res)
            .iter()
            .map(|t| text[t.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn french_elisions_split_after_the_apostrophe() {
        assert_eq!(
            words("l'Azerbaïdjan et d’Arménie aujourd'hui", Lang::Fr),
            ["l'", "Azerbaïdjan", "et", "d’", "Arménie", "aujourd'hui"]
        );
        assert_eq!(
            words("le Groupe de Minsk de l'OSCE.", Lang::Fr),
            ["le", "Groupe", "de", "Minsk", "de", "l'", "OSCE", "."]
        );
    }

    #[test]
    fn english_clitics_split_ptb_style() {
        assert_eq!(
            words("Armenia's minister didn't go to the U.S. today.", Lang::En),
            ["Armenia", "'s", "minister", "did", "n't", "go", "to", "the", "U.S.", "today", "."]
        );
    }

    #[test]
    fn sentences_and_tokens_keep_offsets() {
        let lang = Lang::Fr;
        let res = Resources::embedded(lang).unwrap();
        let text = "M. Macron a parlé. Le 9 octobre, à Moscou ! «Bien.» Fin\nTitre";
        let tokens = tokenize(text, lang, &res);
        let sentences = split_sentences(text, &tokens, &res);
        let got: Vec<&str> = sentences.iter().map(|s| &text[s.span.clone()]).collect();
        assert_eq!(
            got,
            [
                "M. Macron a parlé.",
                "Le 9 octobre, à Moscou !",
                "«Bien.»",
                "Fin",
                "Titre"
            ]
        );
        for t in &tokens {
            assert!(!text[t.span.clone()].trim().is_empty());
        }
    }

    fn pieces(text: &str, lang: Lang, max: usize) -> Vec<String> {
        let res = Resources::embedded(lang).unwrap();
        let mut doc = Document::new(Default::default(), lang, text.to_string());
        segment(&mut doc, &res);
        doc.sentences
            .iter()
            .flat_map(|s| cap_sentence(s.clone(), &doc.tokens, &doc.folded, &res, max))
            .map(|s| {
                assert_eq!(s.span.start, doc.tokens[s.tokens.start].span.start);
                assert_eq!(s.span.end, doc.tokens[s.tokens.end - 1].span.end);
                text[s.span.clone()].to_string()
            })
            .collect()
    }

    #[test]
    fn run_on_sentences_are_cut_at_a_comma_a_coordinator_or_the_limit() {
        // At the last comma of the window, kept with the piece before it.
        assert_eq!(
            pieces("a b, c d; e f g h i", Lang::Fr, 6),
            ["a b, c d;", "e f g h i"]
        );
        // Else before the last coordinator.
        assert_eq!(
            pieces("Lavrov et Bayramov et Pashinyan à Moscou", Lang::Fr, 5),
            ["Lavrov et Bayramov", "et Pashinyan à Moscou"]
        );
        // Else at the limit.
        assert_eq!(
            pieces("a b c d e f g", Lang::En, 3),
            ["a b c", "d e f", "g"]
        );
        // Every piece within the limit, every token in exactly one piece.
        let text = "Lavrov a reçu Bayramov à Moscou ".repeat(2000);
        let res = Resources::embedded(Lang::Fr).unwrap();
        let mut doc = Document::new(Default::default(), Lang::Fr, text);
        segment(&mut doc, &res);
        assert!(doc.sentences.len() > 1);
        let mut next = 0;
        for s in &doc.sentences {
            assert_eq!(s.tokens.start, next);
            assert!(!s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS);
            next = s.tokens.end;
        }
        assert_eq!(next, doc.tokens.len());
    }

    #[test]
    fn any_input_tokenizes_without_panic() {
        let res = Resources::embedded(Lang::En).unwrap();
        for text in ["", "'", "''", "’s", "a'", "…", "\n\n", "é'é", "x.y.z."] {
            let tokens = tokenize(text, Lang::En, &res);
            let _ = split_sentences(text, &tokens, &res);
            let res_fr = Resources::embedded(Lang::Fr).unwrap();
            let _ = tokenize(text, Lang::Fr, &res_fr);
        }
    }
}
