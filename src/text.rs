//! Text normalisation shared by every stage: the folding the scorer uses, and a
//! transliteration skeleton for matching names across spellings.

use unicode_normalization::UnicodeNormalization;

/// Fold a name as `../shared/eval/score.py` does: typographic apostrophes to `'`,
/// accents dropped, lower case, each run of non-alphanumerics to one space.
pub fn fold(text: &str) -> String {
    let mut folder = Folder::default();
    folder.feed(text);
    folder.out
}

/// The folds of the prefixes of `text` that end at `ends` (ascending byte
/// offsets): one string, and for each end the length of its prefix that is
/// the fold of `text[..end]` (folding reads left to right, and a separator is
/// written only before the next alphanumeric, so each prefix's fold is a
/// prefix of the whole's). Folding a name's candidate spans of 1 to n tokens
/// this way reads the text once instead of n times.
pub fn fold_prefixes(text: &str, ends: impl IntoIterator<Item = usize>) -> (String, Vec<usize>) {
    let mut folder = Folder::default();
    let mut at = 0;
    let lens = ends
        .into_iter()
        .map(|end| {
            folder.feed(&text[at..end]);
            at = end;
            folder.out.len()
        })
        .collect();
    (folder.out, lens)
}

/// Folding as a stream: [`fold`] of a text is the output after feeding it in
/// any pieces.
#[derive(Default)]
struct Folder {
    out: String,
    pending_space: bool,
}

impl Folder {
    fn push(&mut self, c: char) {
        if c.is_alphanumeric() {
            if self.pending_space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.extend(c.to_lowercase());
        } else {
            self.pending_space = true;
        }
    }

    fn feed(&mut self, text: &str) {
        self.out.reserve(text.len());
        // ASCII is its own NFKD and has no combining marks, and the decomposition
        // of a text is that of its pieces when each piece starts with an ASCII
        // character (a starter: marks are never reordered across it); only the
        // runs of other characters go through NFKD. Marks are dropped, so a
        // piece that ends inside a run of other characters folds as the run does.
        let mut rest = text;
        while !rest.is_empty() {
            let ascii = rest.bytes().take_while(u8::is_ascii).count();
            for b in rest[..ascii].bytes() {
                self.push(b as char);
            }
            rest = &rest[ascii..];
            let other = rest.bytes().take_while(|b| !b.is_ascii()).count();
            for c in rest[..other].nfkd() {
                if !unicode_normalization::char::is_combining_mark(c) {
                    self.push(c);
                }
            }
            rest = &rest[other..];
        }
    }
}

/// `text` for a one-line message on a terminal: control characters (and the
/// line breaks a file name or a JSON value may hold) and the bidirectional
/// formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE …, which make a name
/// read backwards) written as `\u{..}` escapes, so that no input can move the
/// cursor, forge a line or disguise itself.
pub fn printable(text: &str) -> String {
    let hostile = |c: char| c.is_control() || is_bidi_control(c);
    if !text.chars().any(hostile) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hostile(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The invisible characters that change the direction of the text around
/// them: marks (LRM, RLM, ALM), embeddings and overrides, isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A coarse phonetic key for names written in several transliterations
/// ("Djeyhoun Baïramov" / "Ceyhun Bayramov", "Pachinian" / "Pashinyan",
/// "Sergueï" / "Sergey"). Applied to both sides, so it only merges names
/// that differ in the usual French/English/Turkic transliteration choices.
pub fn skeleton(text: &str) -> String {
    let folded = fold(text);
    let mut words = Vec::new();
    for word in folded.split(' ') {
        let mut w = word.to_string();
        for (from, to) in [
            ("dzh", "j"),
            ("dj", "j"),
            ("zh", "j"),
            ("sch", "ch"),
            ("sh", "ch"),
            ("tch", "ch"),
            ("kh", "h"),
            ("gu", "g"),
            ("ph", "f"),
            ("ck", "k"),
            ("ou", "u"),
            ("w", "v"),
            ("y", "i"),
            ("c", "j"),
            ("q", "k"),
            ("x", "ks"),
        ] {
            w = w.replace(from, to);
        }
        // Collapse doubled letters ("Aliiev" → "Aliev") and drop a final mute e.
        let mut collapsed = String::with_capacity(w.len());
        for c in w.chars() {
            if !collapsed.ends_with(c) {
                collapsed.push(c);
            }
        }
        if collapsed.len() > 3 && collapsed.ends_with('e') {
            collapsed.pop();
        }
        words.push(collapsed);
    }
    words.join(" ")
}

/// A slug for IRIs: folded, words joined by hyphens, ASCII only.
pub fn slug(text: &str) -> String {
    let folded = fold(text);
    let s: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut out = String::new();
    for part in s.split('-').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

/// True when the first alphabetic character is upper case.
pub fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_the_scorer() {
        assert_eq!(
            fold("Groupe de Minsk de l’OSCE"),
            "groupe de minsk de l osce"
        );
        assert_eq!(fold("  Djeyhoun Baïramov "), "djeyhoun bairamov");
        assert_eq!(fold("États-Unis"), "etats unis");
    }

    /// `fold` in one NFKD pass over the whole text, as it was written first.
    fn fold_whole(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfkd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else {
                pending_space = true;
            }
        }
        out
    }

    #[test]
    fn fold_by_pieces_is_fold_of_the_whole() {
        let mut texts = vec![
            "e\u{301}te\u{301} A\u{30a}\u{323}x",
            "ﬁnance ① Ǆ 한국 İstanbul ΣΊΣΥΦΟΣ",
            "\u{301}a\u{327}\u{301}b q\u{307}\u{323}",
        ];
        let seeds: Vec<String> = std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.extend(seeds.iter().flat_map(|t| t.lines()));
        texts.extend(seeds.iter().flat_map(|t| t.split_whitespace()));
        for t in texts {
            assert_eq!(fold(t), fold_whole(t), "{t}");
        }
    }

    #[test]
    fn the_fold_of_each_prefix_is_a_prefix_of_the_fold() {
        let mut texts = vec![
            "e\u{301}te\u{301} A\u{30a}\u{323}x".to_string(),
            "ﬁnance ① Ǆ 한국 İstanbul ΣΊΣΥΦΟΣ, l’OSCE".to_string(),
            "\u{301}a\u{327}\u{301}b q\u{307}\u{323}  «Nagorny-Karabakh» 20ème".to_string(),
        ];
        for e in std::fs::read_dir("seeds").unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let t = std::fs::read_to_string(p).unwrap();
                texts.extend(t.lines().take(12).map(str::to_string));
            }
        }
        for t in &texts {
            let ends: Vec<usize> = (1..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            let (folded, lens) = fold_prefixes(t, ends.iter().copied());
            assert_eq!(folded, fold(t), "{t}");
            for (&end, &len) in ends.iter().zip(&lens) {
                assert_eq!(&folded[..len], fold(&t[..end]), "{t} up to {end}");
            }
        }
    }

    #[test]
    fn skeleton_merges_transliterations() {
        assert_eq!(skeleton("Djeyhoun Baïramov"), skeleton("Ceyhun Bayramov"));
        assert_eq!(skeleton("Jeyhun Bayramov"), skeleton("Ceyhun Bayramov"));
        assert_eq!(skeleton("Nikol Pachinian"), skeleton("Nikol Pashinyan"));
        assert_eq!(
            skeleton("Zohrab Mnatsakanian"),
            skeleton("Zohrab Mnatsakanyan")
        );
        assert_eq!(skeleton("Sergueï Lavrov"), skeleton("Sergey Lavrov"));
        assert_eq!(skeleton("Ilham Aliev"), skeleton("Ilham Aliyev"));
        assert_eq!(skeleton("Poutine"), skeleton("Putin"));
        assert_ne!(skeleton("Macron"), skeleton("Micron"));
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("Sergueï Lavrov"), "serguei-lavrov");
        assert_eq!(slug("!!"), "x");
    }

    #[test]
    fn printable_escapes_controls_and_direction_overrides() {
        assert_eq!(printable("a.txt"), "a.txt");
        assert_eq!(printable("مرحبا שלום 👩‍👩‍👧"), "مرحبا שלום 👩‍👩‍👧");
        assert_eq!(printable("a\nb\u{1b}[31m"), "a\\u{a}b\\u{1b}[31m");
        assert_eq!(printable("evil\u{202E}lmth.txt"), "evil\\u{202e}lmth.txt");
        assert_eq!(printable("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }
}
