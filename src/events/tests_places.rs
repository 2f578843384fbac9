//! Tests of [`super`]: where and when events happen when their sentence
//! names no place or date, whole sentences through the pipeline.

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

/// Separatists named by a demonym are the region of the article, not the
/// state of the demonym; and the region they fight in stays their party.
#[test]
fn separatists_named_by_a_demonym_are_the_region() {
    for (text, lang) in [
        (
            "Le Haut-Karabakh est disputé. Depuis le 27 septembre, les séparatistes arméniens et les forces azerbaïdjanaises s'affrontent dans le Haut-Karabakh.",
            Lang::Fr,
        ),
        (
            "Nagorno-Karabakh is disputed. Since September 27, ethnic Armenian separatists and Azerbaijani forces have been fighting in Nagorno-Karabakh.",
            Lang::En,
        ),
    ] {
        let got = events(text, lang, "2020-10-09");
        assert!(
            got.iter().any(|e| e.starts_with("ASSAULT")
                && e.contains("nagorno-karabakh")
                && e.contains("azerbaijan")
                && e.contains("@nagorno-karabakh")),
            "{text}: {got:?}"
        );
        assert!(!got.iter().any(|e| e.contains("armenia")), "{text}: {got:?}");
    }
}

/// A sea where ships are attacked is no party to the attacks (it is not a
/// region of a state).
#[test]
fn a_sea_is_no_party_to_a_fight_there() {
    let got = events(
        "The United States and Britain struck Houthi targets in Yemen after weeks of Red Sea attacks.",
        Lang::En,
        "2024-01-12",
    );
    assert!(got.iter().any(|e| e.starts_with("ASSAULT")), "{got:?}");
    assert!(
        !got.iter()
            .any(|e| e.split('>').next().is_some_and(|a| a.contains("red-sea"))),
        "{got:?}"
    );
}

/// "Depuis le 27 septembre" opens a period: the fighting began then, but the
/// talks reported next are not dated by it (they take the report's day).
#[test]
fn a_since_date_is_not_passed_on() {
    let got = events(
        "Depuis le 27 septembre, séparatistes arméniens du Nagorny Karabakh et forces azerbaïdjanaises s'affrontent de nouveau dans cette région montagneuse. Pendant que l'Arménie et l'Azerbaïdjan négocient, les combats se poursuivent.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.ends_with("2020-09-27")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.ends_with("2020-10-09")),
        "{got:?}"
    );
}

/// "L'attaque du Haut-Karabakh": a region an attack noun owns is what was
/// attacked, not the attacker; a group it owns is the attacker.
#[test]
fn a_region_an_attack_noun_owns_is_its_target() {
    let got = events(
        "L'attaque du Haut-Karabakh a fait 200 morts.",
        Lang::Fr,
        "2023-09-20",
    );
    assert!(
        !got.iter().any(|e| e
            .split('>')
            .next()
            .is_some_and(|a| a.contains("nagorno-karabakh"))),
        "{got:?}"
    );
    let got = events(
        "L'attaque du Hamas contre Israël a fait 1200 morts.",
        Lang::Fr,
        "2023-10-08",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ASSAULT") && e.contains("hamas>israel")),
        "{got:?}"
    );
}

/// A meeting right after one held in a city, whose sentence names no place
/// of its own, is held there too, on the day the main clause before gave
/// (not the day of a relative clause: "where M23 rebels seized Goma in
/// January"); a call is held nowhere.
#[test]
fn a_meeting_after_one_in_a_city_is_held_there() {
    let text = "The Democratic Republic of Congo and Rwanda signed a peace agreement in Washington on Friday aimed at ending the fighting in eastern Congo, where M23 rebels seized Goma in January. The deal was signed at the State Department by Congolese Foreign Minister Thérèse Kayikwamba Wagner and her Rwandan counterpart, Olivier Nduhungirehe, in a ceremony hosted by Secretary of State Marco Rubio. President Donald Trump spoke by phone with Paul Kagame on Friday.";
    let got = events(text, Lang::En, "2025-06-28");
    let hosted = got
        .iter()
        .find(|e| e.starts_with("CONSULT host") && e.contains("marco-rubio"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert!(hosted.ends_with("@washington 2025-06-27"), "{got:?}");
    let call = got
        .iter()
        .find(|e| e.starts_with("CONSULT phone"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert!(call.contains("@-"), "{got:?}");
}

/// A statement with no date of its own, in a story of Monday on what
/// happened on Sunday, is dated Sunday, the day of the news; in a story
/// written days later, the day of the report.
#[test]
fn an_undated_statement_is_made_on_the_day_of_the_news() {
    let text = "Mali, Burkina Faso and Niger left ECOWAS on Sunday, the juntas said in a joint statement. Mali accused ECOWAS of failing to help it fight jihadists.";
    for (published, said) in [("2024-01-29", "2024-01-28"), ("2024-02-02", "2024-02-02")] {
        let got = events(text, Lang::En, published);
        assert!(
            got.iter()
                .any(|e| e.starts_with("ACCUSE allege mali>ecowas") && e.ends_with(said)),
            "{published}: {got:?}"
        );
    }
}

/// What is said at the end of talks held in a city is said there, even when
/// the city is named by its state's demonym and otherwise only in the
/// dateline.
#[test]
fn a_statement_at_the_end_of_talks_is_made_where_they_were_held() {
    let got = events(
        "DOHA, Aug 16 – Mediators from Qatar, Egypt and the United States said on Friday they had presented Israel and Hamas with a \"bridging proposal\" for a ceasefire in Gaza at the end of two days of talks in the Qatari capital.",
        Lang::En,
        "2024-08-16",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REQUEST") && e.contains("israel,hamas @doha")),
        "{got:?}"
    );
}

/// An accusation made at a press conference in a city is made there; a
/// warning coordinated with a denunciation shares the place fronted before
/// both.
#[test]
fn a_statement_at_a_press_conference_or_after_a_fronted_place_is_made_there() {
    let got = events(
        "«Moscou veut déstabiliser la Moldavie», a accusé lundi Maia Sandu lors d'une conférence de presse à Chisinau.",
        Lang::Fr,
        "2025-01-10",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains(">russia @chisinau")),
        "{got:?}"
    );
    let got = events(
        "À Minsk, le président biélorusse, Alexandre Loukachenko, a dénoncé une «hystérie» polonaise et prévenu que toute «provocation» à la frontière polonaise recevrait «une réponse immédiate».",
        Lang::Fr,
        "2025-09-12",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("THREATEN") && e.contains("@minsk")),
        "{got:?}"
    );
}

/// What a story of Monday reports before any date, when it later says the
/// news came on Sunday, happened on Sunday.
#[test]
fn what_the_lede_reports_before_any_date_is_the_news_of_its_day() {
    let text = "The military governments of Mali, Burkina Faso and Niger have announced that they are leaving ECOWAS with immediate effect. On Sunday, Mali accused ECOWAS of failing to help it fight jihadists.";
    let got = events(text, Lang::En, "2024-01-29");
    assert!(
        got.iter()
            .any(|e| e.starts_with("SANCTION withdraw") && e.ends_with("2024-01-28")),
        "{got:?}"
    );
}

/// "a appelé mercredi au retrait des forces": a noun says no tense ("retrait"
/// ends like the conditional's "-rait"), so Wednesday is the one before.
#[test]
fn a_noun_tells_no_tense() {
    let got = events(
        "Antony Blinken a appelé mercredi au retrait des forces érythréennes.",
        Lang::Fr,
        "2022-11-03",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REQUEST") && e.ends_with("2022-11-02")),
        "{got:?}"
    );
}

/// "The exchange came a week after the Commerce Department added 22 Chinese
/// firms …": what the phrase tells is a week before the exchange's day.
#[test]
fn a_time_before_a_clause_dates_what_it_tells_back() {
    let got = events(
        "Biden and Xi spoke by telephone on Tuesday. The exchange came a week after the Commerce Department added 22 Chinese firms to its entity list, accusing them of supplying drone components to Moscow.",
        Lang::En,
        "2024-04-02",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT phone") && e.ends_with(" 2024-04-02")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.ends_with(" 2024-03-26")),
        "{got:?}"
    );
    let got = events(
        "L'armée indienne a frappé mercredi neuf sites au Pakistan. Les frappes sont intervenues trois jours après que le Pakistan a accusé l'Inde de préparer une attaque.",
        Lang::Fr,
        "2025-05-07",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.ends_with(" 2025-05-04")),
        "{got:?}"
    );
}

/// "were later received": later is after the events told before, however
/// many sentences back; without "later" the undated meeting is the day of
/// the report.
#[test]
fn later_is_the_day_of_the_events_told_before() {
    let text = |later: &str| {
        format!("Rwanda and Congo signed a peace agreement in Washington on Friday. Rubio hosted the ceremony at the State Department. \"This is an important moment,\" Rubio said. The fighting went on in Kivu. Foreign ministers Olivier Nduhungirehe and Therese Kayikwamba Wagner were {later}received at the White House by President Donald Trump.")
    };
    let meeting = |got: &[String]| {
        got.iter()
            .find(|e| e.starts_with("CONSULT host donald-trump"))
            .cloned()
            .unwrap_or_default()
    };
    let got = events(&text("later "), Lang::En, "2025-06-28");
    assert!(meeting(&got).ends_with(" 2025-06-27"), "{got:?}");
    let got = events(&text(""), Lang::En, "2025-06-28");
    assert!(meeting(&got).ends_with(" 2025-06-28"), "{got:?}");
}

/// A habit («ont toujours démenti») or a French pluperfect («avait
/// demandé») with no date of its own has no day; nor does a demand get the
/// date of a relative clause it governs ("a car carrier they hijacked on
/// Nov. 19").
#[test]
fn habits_pluperfects_and_other_clauses_dates_give_no_day() {
    let got = events(
        "Les autorités tchadiennes ont toujours démenti ces accusations. Bakou avait demandé à la Grèce d'enquêter.",
        Lang::Fr,
        "2025-01-30",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REJECT - chad>") && e.ends_with("@- ")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|e| e.starts_with("REQUEST")
            && e.contains("azerbaijan>greece")
            && e.ends_with("@- ")),
        "{got:?}"
    );
    let got = events(
        "The strikes came after the U.N. Security Council adopted a resolution demanding that the Houthis release a car carrier they hijacked on Nov. 19.",
        Lang::En,
        "2024-01-12",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("REQUEST") && e.ends_with(" 2024-01-12")),
        "{got:?}"
    );
}
