//! What an anaphor or "the two …" may stand for: the classes of entities
//! ([`PairClass`]) that `participants` resolves "the two leaders", "the
//! group", «ce pays» against.

use crate::doc::{Document, EntityType};

/// What "the two …" or an anaphor refers to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PairClass {
    /// "the two leaders": people.
    People,
    /// "les deux pays": states.
    States,
    /// "both sides": states, armed or political groups.
    Sides,
    /// "the bloc", "l'organisation": any body.
    Groups,
    /// "the group", "les rebelles": armed or political groups, no body of
    /// states («Depuis le départ de la mission de l'ONU, l'armée malienne
    /// mène des frappes contre les rebelles»: not the UN).
    ArmedGroups,
    /// "cette région", "the enclave": regions (no state, no city).
    Regions,
}

impl PairClass {
    /// Whether entity `e` is of this class.
    pub(super) fn fits(self, doc: &Document, e: usize) -> bool {
        let e = &doc.entities[e];
        let state = e.etype == EntityType::Place && e.subtype.as_deref() == Some("Country");
        // A body of states mediates or watches; it is no side, nor a group.
        let group = e.etype == EntityType::Organization
            && e.subtype.as_deref() != Some(crate::doc::INTERGOVERNMENTAL);
        match self {
            PairClass::People => e.etype == EntityType::Person,
            PairClass::States => state,
            PairClass::Sides => state || group,
            PairClass::Groups => e.etype == EntityType::Organization,
            PairClass::ArmedGroups => group,
            PairClass::Regions => {
                e.etype == EntityType::Place && e.subtype.as_deref() == Some("Region")
            }
        }
    }
}
