//! Tests of [`super`]: what one act is (its parts, its conditions) and what
//! praise is aimed at, whole sentences through the pipeline.

use crate::doc::Lang;
use crate::events::tests::events;

/// "pounded the city …, killing two civilians": the killing is the
/// shelling's outcome, one assault, not two with their own parties.
#[test]
fn an_act_s_outcome_is_part_of_it() {
    let got = events(
        "Russian forces, meanwhile, pounded the eastern Ukrainian city of Pokrovsk with glide bombs, killing two civilians, according to Vadym Filashkin, the governor of the Donetsk region.",
        Lang::En,
        "2024-08-16",
    );
    let assaults: Vec<&String> = got.iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert!(
        assaults.iter().any(|e| e.contains("russia>ukraine")),
        "{got:?}"
    );
    // Not the governor's region as a second target of Russia's.
    assert!(
        !assaults.iter().any(|e| e.contains("russia>donetsk-oblast")),
        "{got:?}"
    );
}

/// An act with a subject of its own is no part of the act it depends on:
/// "while Ukrainian forces shelled Belgorod" is Ukraine's own assault.
#[test]
fn a_clause_with_its_own_subject_is_its_own_act() {
    let got = events(
        "Russian drones attacked Kyiv overnight while Ukrainian forces shelled Belgorod.",
        Lang::En,
        "2024-05-15",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT drone russia>ukraine")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT heavy-weapons ukraine>russia")),
        "{got:?}"
    );
}

/// «Si le Hezbollah viole l'accord, nous frapperons»: the strike is what
/// the threat holds out, under a condition; no strike happened.
#[test]
fn the_consequence_of_a_condition_is_no_fact() {
    let got = events(
        "«Si le Hezbollah viole l'accord et tente de se réarmer, nous frapperons», a averti mardi le Premier ministre israélien, Benyamin Netanyahou.",
        Lang::Fr,
        "2024-11-27",
    );
    assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
    assert!(
        got.iter()
            .any(|e| e.starts_with("THREATEN violence benjamin-netanyahu")),
        "{got:?}"
    );
    let got = events(
        "If Hamas attacks again, Israel will strike Gaza, the minister said.",
        Lang::En,
        "2024-11-27",
    );
    assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
}

/// "Tehran had rejected Trump's demand": a pluperfect with no date of its
/// own tells how things stood, not the day's news.
#[test]
fn a_pluperfect_without_a_date_has_no_day() {
    let got = events(
        "Tehran had rejected Trump's demand for direct negotiations. On Saturday, Iran and the United States held talks in Muscat.",
        Lang::En,
        "2025-04-13",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REJECT") && e.ends_with(' ')),
        "{got:?}"
    );
}

/// "Saudi Arabia welcomed the talks": praise of talks or of an agreement
/// backs the process, not one of its parties.
#[test]
fn praise_of_talks_has_no_target() {
    let got = events(
        "Iran and the United States held talks in Muscat on Saturday. Saudi Arabia welcomed the talks on Sunday.",
        Lang::En,
        "2025-04-13",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("SUPPORT - saudi-arabia> ")),
        "{got:?}"
    );
    let got = events(
        "Le Tchad a accusé le Soudan de bombarder sa frontière. Le Tchad a salué l'accord.",
        Lang::Fr,
        "2025-01-30",
    );
    assert!(
        !got.iter()
            .any(|e| e.starts_with("SUPPORT") && e.contains(">sudan")),
        "{got:?}"
    );
}

/// "Les négociateurs doivent se retrouver … avec les commandants des deux
/// camps": a meeting whose convener is unnamed is one of the parties it
/// names, with each other.
#[test]
fn parties_with_no_convener_meet_each_other() {
    let got = events(
        "Le gouvernement éthiopien et le TPLF ont signé un accord. Les négociateurs doivent se retrouver la semaine prochaine à Nairobi pour discuter des modalités du désarmement avec les commandants militaires des deux camps.",
        Lang::Fr,
        "2022-11-02",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT - ethiopia>tplf @nairobi")),
        "{got:?}"
    );
}

/// "it was delivering food": a progressive, not a passive (whatever the
/// parse says of "was"): the subject gives, and food and water are
/// humanitarian aid.
#[test]
fn a_progressive_is_no_passive() {
    let got = events(
        "The International Committee of the Red Cross said it was delivering food and water.",
        Lang::En,
        "2025-01-21",
    );
    assert!(
        got.iter().any(|e| e.starts_with("AID humanitarian icrc> ")),
        "{got:?}"
    );
}

/// "a resolution demanding that the Houthis halt attacks", «a exigé que la
/// Russie retire ses troupes»: a demand is made to the subject of what it
/// demands.
#[test]
fn a_demand_is_made_to_the_subject_of_its_content() {
    let got = events(
        "The U.N. Security Council adopted a resolution demanding that the Houthis immediately halt attacks on merchant ships.",
        Lang::En,
        "2024-01-12",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REQUEST yield un-security-council>houthis")),
        "{got:?}"
    );
    let got = events(
        "La France a exigé que la Russie retire ses troupes.",
        Lang::Fr,
        "2024-05-06",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REQUEST") && e.contains("france>russia")),
        "{got:?}"
    );
}

/// "since the start of the full-scale invasion", «depuis le début de la
/// guerre»: what time is counted from is the story's background, not an
/// event it reports.
#[test]
fn what_a_since_counts_from_is_no_event() {
    for (text, lang) in [
        ("Abu Dhabi has maintained close ties with both Moscow and Kyiv since the start of the full-scale invasion.", Lang::En),
        ("Les Émirats ont gardé des liens avec Moscou et Kiev depuis le début de l'invasion russe.", Lang::Fr),
    ] {
        let got = events(text, lang, "2024-08-16");
        assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{text}: {got:?}");
    }
}

/// «L'armée malienne a mené, avec l'appui des paramilitaires russes, des
/// frappes»: who acts is the subject before the aside, not a party in it nor
/// one in a phrase that opens the sentence; "the rebels" are no body of
/// states named before.
#[test]
fn an_aside_names_no_subject_and_rebels_are_no_body_of_states() {
    let got = events(
        "Depuis le départ de la mission de l'ONU, l'armée malienne a mené, avec l'appui des paramilitaires russes, des frappes contre les rebelles touareg.",
        Lang::Fr,
        "2025-04-07",
    );
    let assaults: Vec<&String> = got.iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert_eq!(assaults.len(), 1, "{got:?}");
    assert!(assaults[0].starts_with("ASSAULT - mali> "), "{got:?}");
    let got = events(
        "Since the departure of the UN mission, the Malian army has carried out, with the support of Russian paramilitaries, drone strikes against the rebels.",
        Lang::En,
        "2025-04-07",
    );
    let assaults: Vec<&String> = got.iter().filter(|e| e.starts_with("ASSAULT")).collect();
    assert_eq!(assaults.len(), 1, "{got:?}");
    assert!(assaults[0].starts_with("ASSAULT drone mali> "), "{got:?}");
}

/// "burned their weapons at a ceremony … praised the ceremony": praise of
/// the word a deed was told with is aimed at that deed's authors, not at
/// those of the last deed told.
#[test]
fn praise_of_what_a_deed_was_told_with_is_aimed_at_its_authors() {
    let got = events(
        "Fighters of the PKK burned their weapons at a ceremony in northern Iraq on Friday. The ceremony was watched by Iraqi Kurdish officials. The Turkish army carried out regular air strikes against PKK bases until this spring. Tom Barrack, the U.S. ambassador to Turkey, praised the ceremony as a historic step.",
        Lang::En,
        "2025-07-12",
    );
    let praise: Vec<&String> = got.iter().filter(|e| e.starts_with("SUPPORT")).collect();
    assert_eq!(praise.len(), 1, "{got:?}");
    assert!(praise[0].contains("tom-barrack>pkk "), "{got:?}");
}

/// «Maria Kolesnikova et Maxime Znak, emprisonnés depuis septembre 2020»: a
/// participle set off after the names by a comma is done to them (the parse
/// may make it the sentence's root with the names as its subject); a sentence
/// or an arrest told with no agent is the work of whoever sentenced just
/// before, not of the people it befalls.
#[test]
fn an_apposed_participle_befalls_its_noun_and_takes_the_authors_of_the_act_before() {
    for participle in ["emprisonnés", "incarcérés"] {
        let got = events(
            &format!(
                "La justice biélorusse a condamné vendredi une vingtaine d'opposants à de lourdes peines de prison. Parmi les condamnés figurent plusieurs figures de l'opposition, dont Maria Kolesnikova et Maxime Znak, {participle} depuis septembre 2020."
            ),
            Lang::Fr,
            "2021-09-06",
        );
        assert!(
            got.iter().any(|e| e.starts_with("COERCE arrest belarus>")
                && e.contains("maria-kolesnikova")
                && e.contains("maxime-znak")),
            "{got:?}"
        );
        let actors = |e: &String| e.split('>').next().unwrap_or_default().to_string();
        assert!(
            !got.iter().any(|e| actors(e).contains("kolesnikova")),
            "{got:?}"
        );
    }
    // No act of that kind before: the act keeps no author (and the names
    // stay the authors of what they do themselves).
    let got = events(
        "Maria Kolesnikova et Maxime Znak, emprisonnés depuis septembre 2020, ont entamé une grève de la faim.",
        Lang::Fr,
        "2021-09-06",
    );
    assert!(
        !got.iter().any(|e| e.starts_with("COERCE")
            && e.split('>')
                .next()
                .is_some_and(|a| a.contains("kolesnikova"))),
        "{got:?}"
    );
}

/// «Chypriotes grecs et turcs», "Greek and Turkish Cypriot leaders": a
/// demonym that qualifies another names a community of that people, not a
/// second state; coordinated peoples («les ministres arménien et
/// azerbaïdjanais») stay two.
#[test]
fn a_demonym_qualifying_another_names_no_state() {
    let got = events(
        "Chypre : à Genève, Chypriotes grecs et turcs s'accordent sur des mesures de confiance.",
        Lang::Fr,
        "2025-03-18",
    );
    assert!(
        got.iter().any(|e| e.starts_with("AGREE - cyprus")),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|e| e.contains("greece") || e.contains("turkey")),
        "{got:?}"
    );
    let got = events(
        "Les ministres arménien et azerbaïdjanais se sont rencontrés à Moscou.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("armenia") && e.contains("azerbaijan")),
        "{got:?}"
    );
}

/// "warning that Washington would not conclude trade deals with either
/// country": a threat aimed at "either country" is aimed at both sides the
/// article names, and the "would" of what it threatens makes the warning no
/// future act (Saturday is the one before publication).
#[test]
fn a_threat_to_either_country_is_aimed_at_both_and_is_not_future() {
    let got = events(
        "Cambodia and Thailand have traded artillery fire since Thursday. U.S. President Donald Trump had spoken by phone with both leaders on Saturday, warning that Washington would not conclude trade deals with either country if the fighting continued.",
        Lang::En,
        "2025-07-28",
    );
    assert!(
        got.iter().any(|e| e.starts_with("THREATEN")
            && e.contains("donald-trump>")
            && e.contains("cambodia")
            && e.contains("thailand")
            && e.ends_with("2025-07-26")),
        "{got:?}"
    );
}

/// «a accusé l'opposition de vouloir organiser une révolution»: the
/// opposition is a party, not a deed reported before, so the accusation is
/// not aimed at the authors of the police charge told just before.
#[test]
fn an_accusation_of_the_opposition_judges_no_earlier_deed() {
    let got = events(
        "La police géorgienne a dispersé les manifestants à Tbilissi. Le Premier ministre, Irakli Kobakhidze, a accusé dimanche l'opposition de vouloir organiser une révolution.",
        Lang::Fr,
        "2024-12-02",
    );
    assert!(
        got.iter().any(|e| e.starts_with("ACCUSE")
            && e.contains("irakli-kobakhidze>")
            && !e.contains(">georgia")),
        "{got:?}"
    );
}

/// «La région de Kharkiv a subi de nouvelles frappes» names no author; the
/// report just after does («pilonnées … par les forces russes»): one strike
/// by Russia on the region.
#[test]
fn an_act_told_before_its_authors_takes_them_from_the_report_after() {
    let got = events(
        "La région de Kharkiv a subi de nouvelles frappes mardi. Selon le gouverneur, ses villes ont été pilonnées toute la nuit par les forces russes.",
        Lang::Fr,
        "2024-05-15",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains("russia>kharkiv-oblast")),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|e| e.contains(" >kharkiv-oblast")),
        "{got:?}"
    );
}

/// «au lendemain du lancement par l'Azerbaïdjan d'une opération militaire
/// dans cette enclave»: the agent of the noun the trigger complements is its
/// author (not the clause's subject, the Russian peacekeepers), and a
/// one-sided operation on no one named strikes the region it is in.
#[test]
fn a_noun_s_agent_is_its_author_and_a_one_sided_operation_strikes_its_region() {
    let got = events(
        "Le contingent de la paix russe présent au Haut-Karabakh a évacué plus de 2000 civils, au lendemain du lancement par l'Azerbaïdjan d'une opération militaire dans cette enclave.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT - azerbaijan>nagorno-karabakh")),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|e| e.starts_with("ASSAULT - russia")),
        "{got:?}"
    );
    // Two sides fighting there are its actors, with no target.
    let got = events(
        "Les séparatistes arméniens et les forces azerbaïdjanaises s'affrontent dans le Haut-Karabakh.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        !got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains(">nagorno-karabakh")),
        "{got:?}"
    );
}

/// «s'engager à» is a pledge; «des F-35 des Pays-Bas engagés dans la mission
/// de police du ciel de l'Otan» (deployed in it) is none, whatever «à» the
/// sentence has elsewhere.
#[test]
fn engaged_in_a_mission_is_no_pledge() {
    let got = events(
        "Plusieurs drones ont été abattus par des avions de chasse polonais et par des F-35 des Pays-Bas engagés dans la mission de police du ciel de l'Otan à l'est du pays.",
        Lang::Fr,
        "2025-09-10",
    );
    assert!(!got.iter().any(|e| e.starts_with("AGREE")), "{got:?}");
    let got = events(
        "L'Allemagne s'est engagée mardi à livrer des chars à l'Ukraine.",
        Lang::Fr,
        "2025-09-10",
    );
    assert!(
        got.iter().any(|e| e.starts_with("AGREE - germany>")),
        "{got:?}"
    );
}

/// "it was not yet an \"armed attack\" by China": a negation the parse hangs
/// on the trigger denies it, however many words and quotes come between.
#[test]
fn a_negation_the_parse_hangs_on_the_trigger_denies_it() {
    let got = events(
        "The coastguard rammed the boats on Monday. Teodoro called the incident \"an aggressive and illegal use of force\", but stressed it was not yet an \"armed attack\" by China.",
        Lang::En,
        "2024-06-19",
    );
    assert!(!got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
}

/// «Kaja Kallas a condamné «l'usage de la force contre des manifestants
/// pacifiques»» names no one: it is aimed at the authors of the last deed the
/// article reported, however many sentences before (the Georgian police).
#[test]
fn a_condemnation_that_names_no_one_is_aimed_at_the_last_deed_s_authors() {
    let got = events(
        "La police géorgienne a dispersé les manifestants à Tbilissi dimanche. L'opposition réclame de nouvelles élections. Le Premier ministre exclut tout nouveau scrutin. A Bruxelles, la cheffe de la diplomatie européenne, Kaja Kallas, a condamné lundi «l'usage de la force contre des manifestants pacifiques».",
        Lang::Fr,
        "2024-12-02",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE disapprove kaja-kallas>georgia")),
        "{got:?}"
    );
}

/// "the first direct retaliation for the group's attacks": after "for" a
/// party is a beneficiary, but one marked as a possessor owns the noun after
/// it: the attacks are the Houthis', not the strikers'.
#[test]
fn a_possessor_after_for_is_the_author_of_its_noun() {
    let got = events(
        "US and UK strike Houthi targets in Yemen after weeks of Red Sea attacks\n\nU.S. and British warplanes and warships struck more than 60 targets in Yemen overnight, the first direct retaliation for the group's attacks on commercial shipping in the Red Sea since November.",
        Lang::En,
        "2024-01-12",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains(" houthis> @red-sea")),
        "{got:?}"
    );
}

/// "struck more than 60 targets in Houthi-controlled areas of Yemen": the
/// targets are the Houthis', who hold the areas, not Yemen's.
#[test]
fn strikes_on_areas_a_party_holds_are_aimed_at_that_party() {
    let got = events(
        "US and UK strike Houthi targets in Yemen after weeks of Red Sea attacks\n\nU.S. and British warplanes and warships struck more than 60 targets in Houthi-controlled areas of Yemen overnight.",
        Lang::En,
        "2024-01-12",
    );
    assert!(got.iter().all(|e| !e.contains(">yemen")), "{got:?}");
    assert!(
        got.iter()
            .filter(|e| e.starts_with("ASSAULT"))
            .all(|e| e.contains("united-states,united-kingdom>houthis")),
        "{got:?}"
    );
    // By demonym: "Russian-held territory".
    let got = events(
        "Russia has occupied parts of Donetsk since 2014. Ukraine said on Monday that it had struck an ammunition depot in Russian-held territory near Donetsk.",
        Lang::En,
        "2024-05-15",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT - ukraine>russia")),
        "{got:?}"
    );
}
