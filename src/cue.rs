//! The kinds of cue word as Rust values: each row of
//! `ontology/lang/<lang>/cues.tsv` is a word of one [`Cue`] kind (a
//! negation, a locative preposition, a title word …), which the stages ask
//! about with [`crate::lang::Resources::is_cue`].
//!
//! Reads and writes nothing: a leaf module like [`crate::plover`]. A row of a
//! kind not listed here is an error when the lexicons load, naming the file
//! and the line.

use crate::plover::vocabulary;

vocabulary! {
    /// A kind of cue word (the first column of `cues.tsv`).
    Cue, "cue kind",
    ActiveParticiple = "active_participle",
    Agent = "agent",
    Alliance = "alliance",
    Alongside = "alongside",
    AnaphorArmedGroup = "anaphor_armed_group",
    AnaphorGroup = "anaphor_group",
    AnaphorRegion = "anaphor_region",
    AnaphorState = "anaphor_state",
    AnaphorTroops = "anaphor_troops",
    Building = "building",
    CityNoun = "city_noun",
    Clause = "clause",
    Clitic = "clitic",
    Collective = "collective",
    ComplementOf = "complement_of",
    Condition = "condition",
    Contrast = "contrast",
    Coord = "coord",
    Dative = "dative",
    DativeArticle = "dative_article",
    Definite = "definite",
    Demonstrative = "demonstrative",
    DemonstrativePlural = "demonstrative_plural",
    DemonymQualifier = "demonym_qualifier",
    Determiner = "determiner",
    DiplomaticMission = "diplomatic_mission",
    Elision = "elision",
    Envoy = "envoy",
    Future = "future",
    Gathering = "gathering",
    Genitive = "genitive",
    Habitual = "habitual",
    HeldBy = "held_by",
    Honorific = "honorific",
    InKind = "in_kind",
    Invitation = "invitation",
    Latter = "latter",
    Locative = "locative",
    Mediation = "mediation",
    Membership = "membership",
    Modal = "modal",
    Negation = "negation",
    NotName = "not_name",
    ObjectPronoun = "object_pronoun",
    ObjectRelative = "object_relative",
    Oblique = "oblique",
    Occasion = "occasion",
    Opposed = "opposed",
    Pair = "pair",
    PairPeople = "pair_people",
    PairSides = "pair_sides",
    PairStates = "pair_states",
    PartOfDay = "part_of_day",
    Particle = "particle",
    PartyNoun = "party_noun",
    PassiveAux = "passive_aux",
    Perfect = "perfect",
    Possessive = "possessive",
    PossessivePlural = "possessive_plural",
    PossessorMark = "possessor_mark",
    Pronoun = "pronoun",
    PronounBody = "pronoun_body",
    PronounGroup = "pronoun_group",
    Protester = "protester",
    QuoteClose = "quote_close",
    QuoteOpen = "quote_open",
    Reciprocal = "reciprocal",
    Reflexive = "reflexive",
    Relative = "relative",
    Reporting = "reporting",
    Separatist = "separatist",
    Source = "source",
    StateOrgan = "state_organ",
    Target = "target",
    TitleWord = "title_word",
    Undergo = "undergo",
    Voice = "voice",
    With = "with",
}

impl Cue {
    /// The number of kinds (an index for each in `0..COUNT`).
    pub const COUNT: usize = Cue::ALL.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for (&cue, &name) in Cue::ALL.iter().zip(Cue::NAMES) {
            assert_eq!(name.parse::<Cue>(), Ok(cue));
            assert_eq!(cue.as_str(), name);
            assert_eq!(Cue::ALL[cue as usize], cue);
        }
        assert_eq!(
            "negatoin".parse::<Cue>().unwrap_err().to_string(),
            "\"negatoin\" is not a cue kind"
        );
    }
}
