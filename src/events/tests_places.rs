//! Tests of [`super`]: where events happen when their sentence names no
//! place, whole sentences through the pipeline.

use crate::doc::Lang;
use crate::events::tests::events;

/// A fight between a region's separatists and a state's forces, with no
/// other place named, is fought in that region; a fight whose sentence names
/// a place is fought there.
#[test]
fn a_fight_a_region_takes_part_in_is_fought_there() {
    let got = events(
        "Les combats entre séparatistes arméniens du Haut-Karabakh et forces azerbaïdjanaises font chaque jour plus de victimes.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains("@nagorno-karabakh")),
        "{got:?}"
    );
    let got = events(
        "Les combats entre séparatistes du Haut-Karabakh et forces azerbaïdjanaises ont repris à Chouchi.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        got.iter().any(|e| e.starts_with("ASSAULT")
            && !e.contains("@nagorno-karabakh")
            && !e.contains("@-")),
        "{got:?}"
    );
}
