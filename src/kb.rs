//! Curated knowledge: entities with names in French and English, aliases,
//! types and Wikidata ids, from `ontology/kb/entities.tsv` (see
//! `ontology/kb/SOURCES.md`). Gives identity to recognised names.

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Context, Result};

use crate::doc::{EntityType, Lang};
use crate::text::{fold, skeleton, starts_upper};

const ENTITIES_TSV: &str = include_str!("../ontology/kb/entities.tsv");
/// Lower-case words seen outside names in the training corpora (see `ontology/kb/SOURCES.md`).
const COMMON_WORDS: &str = include_str!("../ontology/kb/curated/common_words.txt");

#[derive(Clone, Debug)]
pub struct KbEntity {
    pub id: String,
    pub etype: EntityType,
    pub subtype: Option<String>,
    pub wikidata: Option<String>,
    pub name_en: String,
    pub name_fr: String,
    pub aliases: Vec<String>,
    pub part_of: Option<String>,
}

impl KbEntity {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr if !self.name_fr.is_empty() => &self.name_fr,
            _ => &self.name_en,
        }
    }

    /// Every name: both languages' names, then aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        [self.name_fr.as_str(), self.name_en.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|n| !n.is_empty())
    }

    pub fn is_country(&self) -> bool {
        self.subtype.as_deref() == Some("Country")
    }
}

/// One way of writing a curated name, with the case it needs in the text.
#[derive(Clone, Debug)]
struct NameForm {
    entity: usize,
    /// The name starts with a capital: the text must too.
    needs_capital: bool,
    /// An all-capitals acronym ("UN", "US"): the text must be all capitals.
    acronym: bool,
    /// A main name rather than an alias: preferred when names collide.
    primary: bool,
}

/// The curated entities and their name index.
#[derive(Debug)]
pub struct Knowledge {
    pub entities: Vec<KbEntity>,
    by_id: HashMap<String, usize>,
    /// Folded name → forms.
    by_name: HashMap<String, Vec<NameForm>>,
    /// First folded word of every name, to skip positions quickly.
    first_words: HashSet<String>,
    /// Transliteration skeleton of people's full names → entity.
    person_skeletons: HashMap<String, Vec<usize>>,
    pub max_name_words: usize,
    common_words: HashSet<&'static str>,
}

impl Knowledge {
    pub fn embedded() -> Result<Knowledge> {
        Knowledge::from_tsv(ENTITIES_TSV).context("ontology/kb/entities.tsv: cannot load")
    }

    pub fn from_tsv(tsv: &str) -> Result<Knowledge> {
        let mut entities = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if n == 0 || line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                bail!("line {}: expected 8 columns, found {}", n + 1, cols.len());
            }
            let col = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
            let opt = |i: usize| Some(col(i).to_string()).filter(|s| !s.is_empty());
            let etype = EntityType::parse(col(1))
                .with_context(|| format!("line {}: unknown type {:?}", n + 1, col(1)))?;
            entities.push(KbEntity {
                id: col(0).to_string(),
                etype,
                subtype: opt(2),
                wikidata: opt(3),
                name_en: col(4).to_string(),
                name_fr: col(5).to_string(),
                aliases: col(6)
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                part_of: opt(7),
            });
        }
        let mut kb = Knowledge {
            entities,
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            first_words: HashSet::new(),
            person_skeletons: HashMap::new(),
            max_name_words: 1,
            common_words: COMMON_WORDS
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::trim)
                .collect(),
        };
        for i in 0..kb.entities.len() {
            let e = &kb.entities[i];
            if kb.by_id.insert(e.id.clone(), i).is_some() {
                bail!("entity id {:?} appears twice", e.id);
            }
            let primary: HashSet<&str> = [e.name_en.as_str(), e.name_fr.as_str()].into();
            let mut forms = Vec::new();
            for name in e.all_names() {
                let name = without_article(name);
                let folded = fold(name);
                if folded.len() < 2 {
                    continue;
                }
                let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase());
                forms.push((
                    folded,
                    NameForm {
                        entity: i,
                        needs_capital: starts_upper(name),
                        acronym,
                        primary: primary.contains(name),
                    },
                ));
            }
            if e.etype == EntityType::Person {
                for name in e.all_names().filter(|n| n.contains(' ')) {
                    kb.person_skeletons
                        .entry(skeleton(name))
                        .or_default()
                        .push(i);
                }
            }
            for (folded, form) in forms {
                let words = folded.split(' ').count();
                kb.max_name_words = kb.max_name_words.max(words);
                kb.first_words
                    .insert(folded.split(' ').next().unwrap_or("").to_string());
                let slot = kb.by_name.entry(folded).or_default();
                // Two names of one entity that fold alike ("OTAN", "Otan"):
                // the text may take either shape.
                match slot.iter_mut().find(|f| f.entity == form.entity) {
                    Some(f) => {
                        f.needs_capital &= form.needs_capital;
                        f.acronym &= form.acronym;
                        f.primary |= form.primary;
                    }
                    None => slot.push(form),
                }
            }
        }
        for e in &kb.entities {
            if let Some(parent) = &e.part_of {
                if !kb.by_id.contains_key(parent) {
                    bail!("{}: part_of {parent:?} is no entity", e.id);
                }
            }
        }
        Ok(kb)
    }

    /// Whether a lower-cased word is an ordinary word ("alliance", "conseil").
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.common_words.contains(lower)
    }

    pub fn get(&self, id: &str) -> Option<&KbEntity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    pub fn could_start_name(&self, folded_word: &str) -> bool {
        self.first_words.contains(folded_word)
    }

    /// The entity a surface form names, if the knowledge base knows it and the
    /// text's capitalisation agrees; collisions prefer main names, then
    /// countries, organisations, other places, people.
    pub fn lookup(&self, surface: &str) -> Option<&KbEntity> {
        self.lookup_folded(surface, &fold(surface))
    }

    /// [`Knowledge::lookup`] when the caller has `fold(surface)` already.
    pub fn lookup_folded(&self, surface: &str, folded: &str) -> Option<&KbEntity> {
        let forms = self.by_name.get(folded)?;
        // French lower-cases the head of many names ("le groupe de Minsk de
        // l'OSCE"): a name of several words needs a capital somewhere.
        let upper = starts_upper(surface)
            || (surface.contains(' ') && surface.split(' ').skip(1).any(starts_upper));
        let all_caps = surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        forms
            .iter()
            .filter(|f| (!f.needs_capital || upper) && (!f.acronym || all_caps))
            .min_by_key(|f| {
                let e = &self.entities[f.entity];
                let rank = match (e.etype, e.subtype.as_deref()) {
                    (EntityType::Place, Some("Country")) => 0,
                    (EntityType::Organization, _) => 1,
                    (EntityType::Place, _) => 2,
                    (EntityType::Person, _) => 3,
                };
                (!f.primary, rank)
            })
            .map(|f| &self.entities[f.entity])
    }

    /// A person whose full name has the same transliteration skeleton.
    /// The id of a country's institution: the curated body whose name is the
    /// institution's English label for that country ("Ministry of Foreign
    /// Affairs of Algeria" is `algeria-foreign-ministry`) or whose id is
    /// `COUNTRY-KEY` (`sudan-armed-forces`), else `KEY-of-COUNTRY`.
    pub fn institution_id(&self, key: &str, label_en: &str, country: &KbEntity) -> String {
        let body = |k: &&KbEntity| {
            k.etype == EntityType::Organization && k.part_of.as_deref() == Some(country.id.as_str())
        };
        self.lookup(&label_en.replace("{}", &country.name_en))
            .filter(|k| k.etype == EntityType::Organization)
            .or_else(|| self.get(&format!("{}-{key}", country.id)).filter(body))
            .map_or_else(|| format!("{key}-of-{}", country.id), |k| k.id.clone())
    }

    pub fn lookup_person_skeleton(&self, name: &str) -> Option<&KbEntity> {
        let found = self.person_skeletons.get(&skeleton(name))?;
        (found.len() == 1).then(|| &self.entities[found[0]])
    }
}

/// "le pape François" is indexed as "pape François": the article is the
/// sentence's, not the name's ("Le Caire" keeps its article).
fn without_article(name: &str) -> &str {
    for article in ["le ", "la ", "les ", "l'", "l’", "the "] {
        if let Some(rest) = name
            .get(article.len()..)
            .filter(|_| name.to_lowercase().starts_with(article))
        {
            if rest.starts_with(|c: char| c.is_lowercase()) {
                return rest;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_knowledge_loads_and_resolves_spellings() {
        let kb = Knowledge::embedded().unwrap();
        assert!(kb.entities.len() > 1000);
        let id = |s: &str| kb.lookup(s).map(|e| e.id.clone());
        assert_eq!(id("Arménie"), id("Armenia"));
        assert_eq!(id("Haut-Karabagh"), id("Nagorno-Karabakh"));
        assert_eq!(id("Moscou"), id("Moscow"));
        assert_eq!(id("États-Unis"), id("Etats-Unis"));
        // "Gaza" alone is the Strip in the news of either language; the city
        // is named as such ("Gaza City", «Gaza-ville», «la ville de Gaza»).
        assert_eq!(id("Gaza").as_deref(), Some("gaza-strip"));
        assert_eq!(id("Gaza City").as_deref(), Some("gaza-city"));
        assert_eq!(id("Gaza-ville").as_deref(), Some("gaza-city"));
        // An acronym also written as a word ("OTAN", «l'Otan»): both shapes.
        assert_eq!(id("Otan").as_deref(), Some("nato"));
        assert_eq!(id("OTAN").as_deref(), Some("nato"));
        assert!(
            kb.lookup("moscou").is_none(),
            "a lower-case word is no name"
        );
        assert!(kb.lookup("us").is_none(), "a pronoun is no acronym");
    }

    #[test]
    fn bad_rows_are_reported() {
        let err = Knowledge::from_tsv("h\nx\tAnimal\t\t\tX\tX\t\t\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
