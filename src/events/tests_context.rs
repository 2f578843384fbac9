//! Tests of [`super`]: who a sentence's parties are in their context —
//! parties named only as the setting of an act (an embassy, a mediator, a
//! region, names in brackets), anaphors («ces soldats», «ce dernier»), acts
//! answering a similar one, fights named again — and weapons that are no act
//! by themselves; whole sentences through the pipeline.

use crate::doc::Lang;
use crate::events::tests::events;

/// A protest at a state's embassy or consulate is aimed at that state,
/// whichever side of the noun names it.
#[test]
fn a_protest_at_an_embassy_is_aimed_at_its_state() {
    let got = events(
        "Le 15 mars, plusieurs centaines de Groenlandais avaient manifesté à Nuuk devant le consulat des États-Unis aux cris de «Le Groenland n'est pas à vendre».",
        Lang::Fr,
        "2025-03-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("PROTEST demo greenland>united-states")),
        "{got:?}"
    );
    let got = events(
        "Des centaines de Géorgiens ont manifesté devant l'ambassade russe à Tbilissi.",
        Lang::Fr,
        "2024-12-02",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("PROTEST demo georgia>russia")),
        "{got:?}"
    );
    for (text, want) in [
        (
            "Hundreds of Iranians protested outside the British embassy in Tehran on Sunday.",
            "PROTEST demo iran>united-kingdom",
        ),
        (
            "Hundreds of Armenians protested in front of France's embassy in Yerevan.",
            "PROTEST demo armenia>france",
        ),
    ] {
        let got = events(text, Lang::En, "2024-12-02");
        assert!(got.iter().any(|e| e.starts_with(want)), "{text}: {got:?}");
    }
    // Not a protest in a city that merely has embassies.
    let got = events(
        "Thousands of Serbs protested in Belgrade on Sunday.",
        Lang::En,
        "2024-12-02",
    );
    assert!(
        got.iter().any(|e| e.starts_with("PROTEST demo serbia> ")),
        "{got:?}"
    );
}

/// A mediator helps the sides; it is no recipient of what they do.
#[test]
fn a_mediator_is_no_recipient_of_the_act_it_helped() {
    let got = events(
        "Les autorités du Haut-Karabakh ont annoncé ce mercredi qu'ils déposeront les armes dans le cadre d'un cessez-le-feu, après une médiation des forces russes de maintien de la paix.",
        Lang::Fr,
        "2023-09-20",
    );
    let concede: Vec<&String> = got.iter().filter(|e| e.starts_with("CONCEDE")).collect();
    assert!(!concede.is_empty(), "{got:?}");
    assert!(!concede.iter().any(|e| e.contains(">russia")), "{got:?}");
    // The recipient named by the act's own words stays; the mediator mediates.
    let got = events(
        "L'Arménie a rendu des prisonniers à la Russie après une médiation de la France.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("RETREAT release armenia>russia ")),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.contains(">france")), "{got:?}");
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT third-party france>")),
        "{got:?}"
    );
}

/// «ces soldats», "these troops", "the 400 officers": the troops of the state
/// that qualified the troops named last.
#[test]
fn these_troops_are_the_troops_of_the_state_named_last() {
    let got = events(
        "Hundreds of Kenyan police officers arrived in Haiti's capital on Tuesday. The 400 officers, who landed at Toussaint Louverture International Airport, were welcomed by Prime Minister Garry Conille.",
        Lang::En,
        "2024-06-26",
    );
    assert!(
        got.iter().any(|e| e.contains("garry-conille>kenya")),
        "{got:?}"
    );
    let got = events(
        "Le sort des troupes de l'Érythrée voisine, qui combattent aux côtés de l'armée fédérale au Tigré, reste l'une des grandes inconnues. Les autorités tigréennes accusent ces soldats de massacres de civils.",
        Lang::Fr,
        "2022-11-03",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains(">eritrea")),
        "{got:?}"
    );
    let got = events(
        "Eritrea sent troops into Tigray last year. Tigrayan authorities accuse these soldiers of massacres.",
        Lang::En,
        "2022-11-03",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains(">eritrea")),
        "{got:?}"
    );
}

/// Aid given in a region of a state, to no one named, goes to that region.
#[test]
fn aid_to_no_one_named_goes_to_the_region_it_is_given_in() {
    let got = events(
        "Le contingent de la paix russe présent au Haut-Karabakh a évacué plus de 2000 civils des zones les plus dangereuses de la région séparatiste.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("AID") && e.contains("russia>nagorno-karabakh")),
        "{got:?}"
    );
}

/// A drone or artillery is a weapon, no attack, unless an act's word goes
/// with it.
#[test]
fn a_drone_is_no_attack_by_itself() {
    let got = events(
        "Serbia had massed tanks, artillery and troops along the boundary.",
        Lang::En,
        "2023-09-29",
    );
    assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
    let got = events(
        "Russian artillery fire hit Kharkiv on Sunday.",
        Lang::En,
        "2024-01-10",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT heavy-weapons russia>ukraine")),
        "{got:?}"
    );
    let got = events(
        "Copenhague a débloqué en janvier 14,6 milliards de couronnes pour renforcer sa présence militaire dans l'Arctique, avec de nouveaux navires et des drones de longue portée.",
        Lang::Fr,
        "2025-03-28",
    );
    assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
    let got = events(
        "L'Ukraine a attaqué Moscou avec des drones dimanche.",
        Lang::Fr,
        "2025-03-28",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains("ukraine>russia")),
        "{got:?}"
    );
}

/// "in response to a similar move by Moscow": the other side's act of the
/// same kind, aimed at the actor, is told too.
#[test]
fn an_act_answering_a_similar_one_tells_that_one_too() {
    let got = events(
        "Dans ce contexte, l'Azerbaïdjan a rappelé son ambassadeur à Athènes en réponse à une décision similaire de la Grèce.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("SANCTION withdraw azerbaijan>greece")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("SANCTION withdraw greece>azerbaijan")),
        "{got:?}"
    );
    let got = events(
        "Poland expelled two Russian diplomats on Monday in response to a similar move by Moscow.",
        Lang::En,
        "2024-08-12",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("SANCTION expel russia>poland")),
        "{got:?}"
    );
    // No similar act named: one act only.
    let got = events(
        "Poland expelled two Russian diplomats on Monday.",
        Lang::En,
        "2024-08-12",
    );
    assert!(!got.iter().any(|e| e.contains("russia>poland")), "{got:?}");
}

/// «a reconquis» is a reconquest done (an assault); «veut reconquérir» an aim.
#[test]
fn a_reconquest_done_is_an_assault_and_one_wanted_a_threat() {
    let got = events(
        "L'Azerbaïdjan indique avoir reconquis des territoires lors des derniers combats.",
        Lang::Fr,
        "2020-10-21",
    );
    assert!(got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("THREATEN")), "{got:?}");
    let got = events(
        "L'Azerbaïdjan veut reconquérir le Haut-Karabakh, a déclaré Ilham Aliev.",
        Lang::Fr,
        "2020-10-21",
    );
    assert!(
        got.iter().any(|e| e.starts_with("THREATEN territory")),
        "{got:?}"
    );
}

/// Fighting whose sentence names no side, or only one, is the fight reported
/// nearby, not a fight between the two states the article names most.
#[test]
fn fighting_named_again_is_between_the_sides_of_the_fight_before() {
    let got = events(
        "L'Arménie et l'Azerbaïdjan s'accusent mutuellement. Depuis le 27 septembre, les séparatistes arméniens et les forces azerbaïdjanaises s'affrontent dans le Haut-Karabakh. Le ministère de la Défense d'Azerbaïdjan a fait état d'intenses combats sur le front vendredi matin.",
        Lang::Fr,
        "2020-10-09",
    );
    let fights: Vec<&String> = got.iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert!(fights.len() >= 2, "{got:?}");
    assert!(
        fights
            .iter()
            .all(|e| e.contains("nagorno-karabakh,azerbaijan") && !e.contains("armenia")),
        "{got:?}"
    );
    let got = events(
        "L'Arménie et l'Azerbaïdjan s'accusent mutuellement. Depuis le 27 septembre, les séparatistes arméniens et les forces azerbaïdjanaises s'affrontent dans le Haut-Karabakh. Le bilan officiel des affrontements s'élève à plus de 400 morts.",
        Lang::Fr,
        "2020-10-09",
    );
    let fights: Vec<&String> = got.iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert!(!fights.is_empty(), "{got:?}");
    assert!(
        fights
            .iter()
            .all(|e| e.contains("nagorno-karabakh") && !e.contains("armenia")),
        "{got:?}"
    );
}

/// Names in brackets right after a name gloss it (an abbreviation, the
/// members of a group): no parties of their own. «le dirigeant de la
/// République turque de Chypre du Nord (RTCN), Ersin Tatar»: the leader
/// agrees, not his state a second time.
#[test]
fn names_in_brackets_after_a_name_are_no_parties() {
    let got = events(
        "Le président de la République de Chypre, Nikos Christodoulides, et le dirigeant de la République turque de Chypre du Nord (RTCN), Ersin Tatar, ont notamment convenu de coopérer au déminage de la zone tampon surveillée par les Casques bleus.",
        Lang::Fr,
        "2025-07-18",
    );
    let agree: Vec<&String> = got.iter().filter(|e| e.starts_with("AGREE")).collect();
    assert!(
        agree.iter().any(|e| e.contains("nikos-christodoulides")),
        "{got:?}"
    );
    assert!(
        !agree.iter().any(|e| e.contains("northern-cyprus")),
        "{got:?}"
    );
}

/// «Cette enclave, peuplée de …, a vu ses villes pilonnées par les forces
/// azéries»: the subject of "saw" suffers the act, whatever apposition
/// names other peoples before the verb.
#[test]
fn who_saw_its_towns_shelled_suffered_the_shelling() {
    let got = events(
        "Le Haut-Karabakh est une région séparatiste. Cette enclave, peuplée de 120.000 Arméniens et située en territoire azerbaïdjanais, a vu ses villes pilonnées depuis mardi matin par les forces azéries.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains("azerbaijan>nagorno-karabakh")),
        "{got:?}"
    );
}

/// «ce dernier», "the latter": the party named last before it.
#[test]
fn the_latter_is_the_party_named_last() {
    let got = events(
        "Ce 21 octobre, le ministre arménien des Affaires étrangères Zohrab Mnatsakanian est à Moscou. La porte-parole du ministre arménien a indiqué que ce dernier rencontrerait son homologue russe Sergueï Lavrov lundi.",
        Lang::Fr,
        "2020-10-19",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("zohrab-mnatsakanyan>sergey-lavrov")),
        "{got:?}"
    );
    let got = events(
        "Erdogan's spokesman said the latter would meet Putin in Sochi on Friday.",
        Lang::En,
        "2021-09-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("recep-tayyip-erdogan>vladimir-putin")),
        "{got:?}"
    );
    // An adjective before a noun is no anaphor: no party, no meeting.
    let got = events(
        "Ce dernier round de négociations a échoué.",
        Lang::Fr,
        "2020-10-19",
    );
    assert!(got.is_empty(), "{got:?}");
}

/// «par la voix de son porte-parole Dmitri Peskov»: the person a state
/// speaks through is the author of what it says.
#[test]
fn a_state_speaking_through_a_person_is_that_person() {
    let got = events(
        "Le Kremlin a dénoncé mercredi, par la voix de son porte-parole Dmitri Peskov, une «militarisation effrénée» de l'Europe.",
        Lang::Fr,
        "2025-06-25",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains("dmitry-peskov>europe")),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.contains("russia>")), "{got:?}");
    // Without the cue, the state stays the actor.
    let got = events(
        "Le Kremlin a dénoncé mercredi une «militarisation effrénée» de l'Europe.",
        Lang::Fr,
        "2025-06-25",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains("russia>europe")),
        "{got:?}"
    );
}
