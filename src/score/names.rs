//! The name helpers of score.py both sides of the matching use: [`fold`]
//! (to the code point, Python's Unicode rules included), [`qid_of`] and
//! Python's `str.strip`.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Fold a name exactly as score.py does: typographic apostrophes to `'`, NFKD,
/// characters of non-zero combining class dropped, lower case (with Python's
/// final-sigma rule), each run of characters that are not Python-alphanumeric
/// to one space, trimmed.
///
/// The pipeline's [`crate::text::fold`] gives the same on Latin and Cyrillic
/// names, but drops every mark where Python keeps the marks of combining class
/// 0 (Indic vowel signs) as separators, and lower-cases a final Σ to σ where
/// Python writes ς; the scorer needs score.py's, to the code point.
pub fn fold(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{00b4}' | '`' => '\'',
            c => c,
        })
        .collect();
    let bare: String = straight
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let mut out = String::with_capacity(bare.len());
    let mut pending_space = false;
    for c in bare.to_lowercase().chars() {
        if is_python_alnum(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Python's `str.isalnum` for one character (letters L*, numbers): Rust's
/// alphanumeric without marks and the alphabetic symbols (circled letters).
fn is_python_alnum(c: char) -> bool {
    c.is_alphanumeric()
        && !is_combining_mark(c)
        && !matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F189)
}

/// Python's `str.strip()`: its whitespace is Unicode's plus U+001C..U+001F.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

static QID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|wikidata\.org/(?:entity|wiki)/)(Q\d+)$").expect("qid pattern")
});

/// "Q123" from "Q123" or a Wikidata entity IRI, else None.
pub fn qid_of(text: &str) -> Option<String> {
    QID.captures(py_strip(text)).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_is_score_py_fold() {
        assert_eq!(fold("Djeyhoun Baïramov"), "djeyhoun bairamov");
        assert_eq!(fold("l’Élysée"), fold("L'Elysée"));
        assert_eq!(fold("  Haut--Karabakh ! "), "haut karabakh");
        assert_eq!(
            fold("GROUPE  DE MINSK DE L’OSCE"),
            "groupe de minsk de l osce"
        );
        assert_eq!(fold("snake_case"), "snake case");
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), "οδυσσευς"); // final sigma, as Python lower()
        assert_eq!(fold("मोदी"), "म द"); // spacing vowel signs separate, as Python's \W
        assert_eq!(fold("½"), "1 2");
        // The pipeline's fold agrees on the names news articles hold.
        for name in [
            "Sergueï Lavrov",
            "États-Unis",
            "Nikol Pachinian",
            "Зохраб",
            "U.S.",
            "Şuşa",
        ] {
            assert_eq!(fold(name), crate::text::fold(name), "{name}");
        }
    }

    #[test]
    fn qids_from_ids_and_iris() {
        assert_eq!(qid_of(" Q42 ").as_deref(), Some("Q42"));
        assert_eq!(
            qid_of("https://www.wikidata.org/wiki/Q42").as_deref(),
            Some("Q42")
        );
        assert_eq!(
            qid_of("http://www.wikidata.org/entity/Q42").as_deref(),
            Some("Q42")
        );
        assert_eq!(qid_of("http://example.org/Q42"), None);
        assert_eq!(qid_of("Q42x"), None);
    }
}
