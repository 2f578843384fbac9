//! The PLOVER vocabulary as Rust types: the 16 event types ([`Plover`]) and
//! their modes ([`Mode`]), with the modes each type allows.
//!
//! Reads and writes nothing: a leaf module that the lexicon loader
//! ([`crate::lang`]), the event stage ([`crate::events`]), the RDF mapping
//! ([`crate::rdf`]) and the exports use without importing each other. The
//! names and the per-type mode lists are those of `ontology/newsgraph.ttl`
//! (`ng:Modes`) and `ontology/shapes.ttl`: the PLOVER manual's tables
//! (`../shared/data/events/CAMEO2PLOVER-2021.txt`) plus the project's
//! extensions (CONSULT `host` and `multilateral`, AGREE `ceasefire`,
//! ASSAULT `aerial` and `drone`).

use std::fmt;

/// A name that is not in the vocabulary: `"MEETING" is not a PLOVER event type`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    pub(crate) what: &'static str,
    pub(crate) name: String,
    /// For a mode: the type that does not allow it.
    pub(crate) of: Option<Plover>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.of {
            Some(plover) => write!(f, "{:?} is not a mode of {plover}", self.name),
            None => write!(f, "{:?} is not a {}", self.name, self.what),
        }
    }
}

impl std::error::Error for UnknownName {}

/// One enum with its `ALL` list, its names and `FromStr`/`Display`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal, $( $variant:ident = $text:literal ),+ $(,)?) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $variant ),+ }

        impl $name {
            /// Every value, in the manual's order.
            pub const ALL: &'static [$name] = &[$( $name::$variant ),+];

            /// Every name, in the same order as [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$( $text ),+];

            /// The name as written in the lexicons, the gold files and the graph.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::plover::UnknownName;
            fn from_str(s: &str) -> Result<$name, $crate::plover::UnknownName> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err($crate::plover::UnknownName { what: $what, name: s.to_string(), of: None }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// A PLOVER event type.
    Plover, "PLOVER event type",
    Agree = "AGREE",
    Consult = "CONSULT",
    Support = "SUPPORT",
    Concede = "CONCEDE",
    Cooperate = "COOPERATE",
    Aid = "AID",
    Retreat = "RETREAT",
    Request = "REQUEST",
    Accuse = "ACCUSE",
    Reject = "REJECT",
    Threaten = "THREATEN",
    Protest = "PROTEST",
    Sanction = "SANCTION",
    Mobilize = "MOBILIZE",
    Coerce = "COERCE",
    Assault = "ASSAULT",
}

vocabulary! {
    /// A PLOVER mode: how an event was carried out. The same word may be a
    /// mode of several types (`withdraw`: RETREAT and SANCTION).
    Mode, "PLOVER mode",
    Ceasefire = "ceasefire",
    Visit = "visit",
    Host = "host",
    ThirdParty = "third-party",
    Multilateral = "multilateral",
    Phone = "phone",
    Economic = "economic",
    Military = "military",
    Humanitarian = "humanitarian",
    Asylum = "asylum",
    Withdraw = "withdraw",
    Release = "release",
    Return = "return",
    Disarm = "disarm",
    Access = "access",
    Resign = "resign",
    Assist = "assist",
    Change = "change",
    Yield = "yield",
    Meet = "meet",
    Disapprove = "disapprove",
    Allege = "allege",
    Sue = "sue",
    Investigate = "investigate",
    Restrict = "restrict",
    Ban = "ban",
    Arrest = "arrest",
    Relations = "relations",
    Expel = "expel",
    Territory = "territory",
    Violence = "violence",
    Demo = "demo",
    Riot = "riot",
    StrikeGen = "strike-gen",
    StrikeLim = "strike-lim",
    StrikeHun = "strike-hun",
    Boycott = "boycott",
    Obstruct = "obstruct",
    Convict = "convict",
    Cancel = "cancel",
    Sever = "sever",
    Troops = "troops",
    Weapons = "weapons",
    Police = "police",
    Confiscate = "confiscate",
    Censor = "censor",
    Curfew = "curfew",
    MartialLaw = "martial-law",
    Deport = "deport",
    Withhold = "withhold",
    Abduct = "abduct",
    Beat = "beat",
    Torture = "torture",
    Execute = "execute",
    Sexual = "sexual",
    Assassinate = "assassinate",
    Destroy = "destroy",
    Primitive = "primitive",
    Firearms = "firearms",
    Explosives = "explosives",
    SuicideAttack = "suicide-attack",
    HeavyWeapons = "heavy-weapons",
    Aerial = "aerial",
    Drone = "drone",
}

/// The 16 type names in upper case, in the manual's order.
pub const PLOVER_TYPES: &[&str] = Plover::NAMES;

impl Plover {
    /// Whether an event of this type speaks of another act without it
    /// happening: an accusation, a denial, a request, a threat, a promise or
    /// praise has the act it names as content ("accused NATO of threatening
    /// Russia" reports no THREATEN).
    pub fn speaks_of_others(self) -> bool {
        use Plover::*;
        matches!(
            self,
            Accuse | Reject | Request | Threaten | Agree | Support | Protest
        )
    }

    /// The local name of the `ng:` class: `Consult` for CONSULT.
    pub fn class_name(self) -> &'static str {
        use Plover::*;
        match self {
            Agree => "Agree",
            Consult => "Consult",
            Support => "Support",
            Concede => "Concede",
            Cooperate => "Cooperate",
            Aid => "Aid",
            Retreat => "Retreat",
            Request => "Request",
            Accuse => "Accuse",
            Reject => "Reject",
            Threaten => "Threaten",
            Protest => "Protest",
            Sanction => "Sanction",
            Mobilize => "Mobilize",
            Coerce => "Coerce",
            Assault => "Assault",
        }
    }

    /// The type whose `ng:` class has this local name (`Consult`).
    pub fn from_class_name(name: &str) -> Option<Plover> {
        Plover::ALL.iter().copied().find(|p| p.class_name() == name)
    }

    /// The modes this type allows (`ng:modeOf` in the ontology).
    pub fn modes(self) -> &'static [Mode] {
        use Mode::*;
        match self {
            Plover::Agree => &[Ceasefire],
            Plover::Consult => &[Visit, Host, ThirdParty, Multilateral, Phone],
            Plover::Support | Plover::Concede | Plover::Cooperate => &[],
            Plover::Aid => &[Economic, Military, Humanitarian, Asylum],
            Plover::Retreat => &[Withdraw, Release, Return, Disarm, Ceasefire, Access, Resign],
            Plover::Request | Plover::Reject => &[Assist, Change, Yield, Meet],
            Plover::Accuse => &[Disapprove, Allege, Sue, Investigate],
            Plover::Threaten => &[Restrict, Ban, Arrest, Relations, Expel, Territory, Violence],
            Plover::Protest => &[
                Demo, Riot, StrikeGen, StrikeLim, StrikeHun, Boycott, Obstruct,
            ],
            Plover::Sanction => &[Convict, Cancel, Expel, Withdraw, Sever],
            Plover::Mobilize => &[Troops, Weapons, Police],
            Plover::Coerce => &[
                Confiscate, Restrict, Ban, Censor, Curfew, MartialLaw, Arrest, Deport, Withhold,
            ],
            Plover::Assault => &[
                Abduct,
                Beat,
                Torture,
                Execute,
                Sexual,
                Assassinate,
                Destroy,
                Primitive,
                Firearms,
                Explosives,
                SuicideAttack,
                HeavyWeapons,
                Aerial,
                Drone,
            ],
        }
    }

    /// Parse a `TYPE` and an optional mode (`-` or empty for none) as a lexicon
    /// row writes them, checking that the type allows the mode.
    pub fn with_mode(plover: &str, mode: &str) -> Result<(Plover, Option<Mode>), UnknownName> {
        let plover: Plover = plover.parse()?;
        if mode.is_empty() || mode == "-" {
            return Ok((plover, None));
        }
        let m: Mode = mode.parse()?;
        if !plover.modes().contains(&m) {
            return Err(UnknownName {
                what: "PLOVER mode",
                name: mode.to_string(),
                of: Some(plover),
            });
        }
        Ok((plover, Some(m)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Plover::ALL.len(), 16);
        for (p, name) in Plover::ALL.iter().zip(PLOVER_TYPES.iter().copied()) {
            assert_eq!(p.as_str(), name);
            assert_eq!(name.parse::<Plover>(), Ok(*p));
            assert_eq!(p.class_name().to_ascii_uppercase(), name);
            assert_eq!(Plover::from_class_name(p.class_name()), Some(*p));
        }
        for m in Mode::ALL {
            assert_eq!(m.as_str().parse::<Mode>(), Ok(*m));
        }
        assert_eq!(Plover::Consult.to_string(), "CONSULT");
        assert_eq!(Mode::HeavyWeapons.to_string(), "heavy-weapons");
    }

    #[test]
    fn every_mode_belongs_to_a_type() {
        for m in Mode::ALL {
            assert!(Plover::ALL.iter().any(|p| p.modes().contains(m)), "{m}");
        }
    }

    #[test]
    fn unknown_types_and_modes_are_named() {
        let err = "MEETING".parse::<Plover>().unwrap_err();
        assert_eq!(err.to_string(), "\"MEETING\" is not a PLOVER event type");
        assert_eq!(
            Plover::with_mode("CONSULT", "host"),
            Ok((Plover::Consult, Some(Mode::Host)))
        );
        assert_eq!(Plover::with_mode("AGREE", "-"), Ok((Plover::Agree, None)));
        let err = Plover::with_mode("CONSULT", "aerial").unwrap_err();
        assert_eq!(err.to_string(), "\"aerial\" is not a mode of CONSULT");
        let err = Plover::with_mode("CONSULT", "teatime").unwrap_err();
        assert_eq!(err.to_string(), "\"teatime\" is not a PLOVER mode");
    }
}
