//! Clean stage: drop page furniture (share buttons, cookie and newsletter
//! banners, bylines, photo credits, "related articles" lists) with the
//! language's `furniture.txt`, and repeated headline lines.

use std::collections::HashSet;

use crate::doc::Lang;
use crate::lang::Resources;

/// The article text without furniture, one kept line per source line.
pub fn clean(raw: &str, res: &Resources) -> String {
    let mut kept: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for line in raw.lines() {
        let mut line = line.replace('\u{a0}', " ").trim().to_string();
        if res.furniture_stops.iter().any(|re| re.is_match(&line)) {
            break;
        }
        for re in &res.furniture_strips {
            line = re.replace(&line, "").trim().to_string();
        }
        if res.furniture_lines.iter().any(|re| re.is_match(&line)) {
            continue;
        }
        // Headlines are often repeated by the page layout; keep their first occurrence.
        if line.chars().count() > 20 && !seen.insert(line.clone()) {
            continue;
        }
        if line.is_empty() && kept.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        kept.push(line);
    }
    while kept.last().is_some_and(|l| l.is_empty()) {
        kept.pop();
    }
    kept.join("\n")
}

/// The language of a text when the article does not say.
pub fn detect_language(text: &str) -> Option<Lang> {
    match whatlang::detect_lang(text)? {
        whatlang::Lang::Fra => Some(Lang::Fr),
        whatlang::Lang::Eng => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_furniture_is_dropped() {
        let res = Resources::embedded(Lang::Fr).unwrap();
        let raw = "Haut-Karabakh : Arméniens et Azerbaïdjanais à Moscou\n\nHaut-Karabakh : Arméniens et Azerbaïdjanais à Moscou\nLes chefs de la diplomatie, à Moscou Tous droits réservés AP/Press Service\nPar euronews avec AFP\nPartager cet articleDiscussion\n\nLe texte.\n\nPUBLICITÉ\n\nÀ découvrir également\n\nGuerre à Gaza : titre lié";
        let cleaned = clean(raw, &res);
        assert_eq!(cleaned, "Haut-Karabakh : Arméniens et Azerbaïdjanais à Moscou\n\nLes chefs de la diplomatie, à Moscou\n\nLe texte.");
        // A news site's byline and time stamps; not a sentence of the text.
        let raw = "Titre\nPublié le : 03/11/2022 - 08:12\nPar : RFI\nÉcouter - 02:47\nPublié aujourd'hui à 19h52, modifié à 21h10\nPartager : Facebook Twitter\nPublié le mois dernier, le rapport a fait date.";
        assert_eq!(
            clean(raw, &res),
            "Titre\nPublié le mois dernier, le rapport a fait date."
        );
    }

    #[test]
    fn a_date_stamp_is_dropped_but_not_the_lede_after_it() {
        let res = Resources::embedded(Lang::Fr).unwrap();
        assert_eq!(
            clean(
                "Titre\n date 2020-10 Temps de lecture estimé : 2 minutes\nLe texte.",
                &res
            ),
            "Titre\n\nLe texte."
        );
        assert_eq!(
            clean(
                " date 2024-05-03 Le président Macron a reçu le roi du Maroc à Paris.\nSuite.",
                &res
            ),
            "Le président Macron a reçu le roi du Maroc à Paris.\nSuite."
        );
    }

    #[test]
    fn english_furniture_is_dropped() {
        let res = Resources::embedded(Lang::En).unwrap();
        let raw = "Lavrov hosts talks\nBy John Smith\nShare this article\nThe ministers met in Moscow.\nGet a quick look at the stories shaping Latin America. Sign up here.\nRelated articles\nOther story";
        assert_eq!(
            clean(raw, &res),
            "Lavrov hosts talks\nThe ministers met in Moscow."
        );
        let raw = "Title\nPublished On 19 Jun 2024\nSave articles to read later and create your own reading list.\nPublished in 2019, the report was cited.";
        assert_eq!(
            clean(raw, &res),
            "Title\nPublished in 2019, the report was cited."
        );
    }

    #[test]
    fn languages_are_detected() {
        assert_eq!(detect_language("Les ministres des Affaires étrangères se sont retrouvés à Moscou pour des négociations."), Some(Lang::Fr));
        assert_eq!(
            detect_language("The foreign ministers met in Moscow for talks on the ceasefire."),
            Some(Lang::En)
        );
    }
}
