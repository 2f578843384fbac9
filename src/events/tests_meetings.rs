//! Tests of [`super`]: meetings with hosts, mediators and several parties,
//! whole sentences through the pipeline.

use crate::doc::Lang;
use crate::events::tests::events;

#[test]
fn a_negation_does_not_reach_past_but() {
    let got = events(
        "Hamas did not attend but was briefed by Qatari officials, the group said.",
        Lang::En,
        "2024-08-16",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("qatar") && e.contains("hamas")),
        "{got:?}"
    );
    // The negation still denies what it governs.
    assert!(!got.iter().any(|e| e.contains("multilateral")), "{got:?}");
}

#[test]
fn a_subject_mediates_between_the_parties_or_the_article_s_two_sides() {
    let got = events(
        "Qatar has been mediating between Israel and Hamas.",
        Lang::En,
        "2024-08-16",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT third-party qatar>israel,hamas")),
        "{got:?}"
    );
    let got = events(
        "Le gouvernement éthiopien et le TPLF ont signé un accord à Pretoria. L'ancien président nigérian Olusegun Obasanjo, haut représentant de l'UA, a mené la médiation aux côtés de l'ex-président kényan Uhuru Kenyatta.",
        Lang::Fr,
        "2022-11-02",
    );
    assert!(
        got.iter().any(|e| e.starts_with(
            "CONSULT third-party person-olusegun-obasanjo,uhuru-kenyatta>ethiopia,tplf"
        )),
        "{got:?}"
    );
}

#[test]
fn a_body_in_charge_of_a_mediation_mediates_no_meeting() {
    let got = events(
        "L'Arménie et l'Azerbaïdjan s'affrontent. Le ministre azerbaïdjanais Ceyhun Bayramov était à Genève pour rencontrer le Groupe de Minsk de l'OSCE (Russie, France, États-Unis), chargé de la médiation internationale.",
        Lang::Fr,
        "2020-10-09",
    );
    assert!(
        !got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("france") && !e.contains("bayramov")),
        "{got:?}"
    );
}

#[test]
fn those_who_join_the_mediators_mediate_too() {
    let got = events(
        "Sudan's army and the Rapid Support Forces resumed talks in Jeddah. \
         Negotiators from both sides have been meeting in the Saudi port city since Oct. 26 \
         under the auspices of Saudi Arabia and the United States, joined by the African Union.",
        Lang::En,
        "2023-11-08",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT")
                && e.contains("saudi-arabia,united-states,african-union>")),
        "{got:?}"
    );
}

#[test]
fn meetings_beside_a_hosted_one_are_that_meeting() {
    let got = events(
        "Anwar Ibrahim hosted Cambodian Prime Minister Hun Manet and Thailand's acting premier, Phumtham Wechayachai, at his official residence, in talks also attended by the ambassadors of the United States and China.",
        Lang::En,
        "2025-07-28",
    );
    let consult: Vec<&String> = got.iter().filter(|e| e.starts_with("CONSULT")).collect();
    assert_eq!(consult.len(), 1, "{got:?}");
    for guest in [
        "hun-manet",
        "phumtham-wechayachai",
        "united-states",
        "china",
    ] {
        assert!(consult[0].contains(guest), "{got:?}");
    }
    assert!(
        consult[0].starts_with("CONSULT host anwar-ibrahim>"),
        "{got:?}"
    );
}

#[test]
fn a_host_named_by_title_meets_the_guests_another_verb_names() {
    let got = events(
        "The talks were hosted by Qatar's Prime Minister and Foreign Minister, Sheikh Mohammed bin Abdulrahman Al Thani, and brought together CIA Director William Burns, Egypt's intelligence chief Abbas Kamel and an Israeli delegation led by Mossad head David Barnea.",
        Lang::En,
        "2024-08-16",
    );
    let consult: Vec<&String> = got.iter().filter(|e| e.starts_with("CONSULT")).collect();
    assert_eq!(consult.len(), 1, "{got:?}");
    assert!(
        consult[0].starts_with("CONSULT host mohammed-bin-abdulrahman-al-thani>"),
        "{got:?}"
    );
    for guest in ["william-burns", "abbas-kamel", "david-barnea"] {
        assert!(consult[0].contains(guest), "{got:?}");
    }
    // A host with no guests is no meeting.
    let got = events(
        "The talks were hosted by Antony Blinken on Friday.",
        Lang::En,
        "2024-08-16",
    );
    assert!(!got.iter().any(|e| e.starts_with("CONSULT")), "{got:?}");
}

#[test]
fn a_meeting_on_someones_request_is_held_and_a_meeting_requested_is_not() {
    for (text, lang) in [
        (
            "Le Conseil de sécurité de l'ONU doit se réunir vendredi à la demande de Varsovie.",
            Lang::Fr,
        ),
        (
            "The UN Security Council met on Friday at the request of Poland.",
            Lang::En,
        ),
    ] {
        let got = events(text, lang, "2025-09-10");
        assert!(
            got.iter()
                .any(|e| e.starts_with("CONSULT multilateral un-security-council>")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|e| e.starts_with("REQUEST") && e.contains(" poland>un-security-council ")),
            "{got:?}"
        );
    }
    // "La Pologne a demandé": the auxiliary folds like "à", but asks only.
    let got = events(
        "La Pologne a demandé une réunion du Conseil de sécurité.",
        Lang::Fr,
        "2025-09-10",
    );
    assert!(!got.iter().any(|e| e.starts_with("CONSULT")), "{got:?}");
}

#[test]
fn the_two_men_are_the_two_named_together_before() {
    for (text, lang) in [
        ("Iranian Foreign Minister Abbas Araghchi and Steve Witkoff, Trump's special envoy, exchanged messages through Oman's Foreign Minister, Badr Albusaidi, on Saturday. The two men then spoke directly for several minutes.", Lang::En),
        ("Abbas Araghchi et Steve Witkoff, l'émissaire de Donald Trump, ont échangé samedi des messages par l'intermédiaire du ministre omanais Badr Albusaidi. Les deux hommes se sont ensuite parlé directement.", Lang::Fr),
    ] {
        let got = events(text, lang, "2025-04-13");
        assert!(
            got.iter().any(|e| e.starts_with("CONSULT - ")
                && e.contains("abbas-araghchi")
                && e.contains("steve-witkoff")
                && !e.contains("albusaidi")
                && !e.contains("trump")),
            "{got:?}"
        );
    }
}

#[test]
fn the_qatari_capital_is_the_city_of_qatar_the_article_names() {
    for (text, lang) in [
        ("Gaza talks move to Cairo after two days in Doha. Negotiators have been meeting in the Qatari capital since Thursday with Egypt and the United States.", Lang::En),
        ("Les pourparlers ont repris à Doha. Le chef du Mossad a rencontré mardi dans la capitale qatarie le Premier ministre du Qatar.", Lang::Fr),
    ] {
        let got = events(text, lang, "2024-08-16");
        assert!(
            got.iter().any(|e| e.starts_with("CONSULT") && e.contains(" @doha ")),
            "{got:?}"
        );
        assert!(!got.iter().any(|e| e.contains("@qatar")), "{got:?}");
    }
    // The name follows: "the Ukrainian city of Kharkiv" is Kharkiv's mention.
    let got = events(
        "Zelensky met Scholz in the Ukrainian city of Kharkiv on Monday.",
        Lang::En,
        "2024-05-15",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains(" @kharkiv ")),
        "{got:?}"
    );
}

#[test]
fn a_dateline_is_no_party() {
    let got = events(
        "DOHA, Aug 16 – Mediators from Qatar and Egypt said on Friday they had presented Israel and Hamas with a proposal.",
        Lang::En,
        "2024-08-16",
    );
    assert!(got.iter().any(|e| e.contains("qatar")), "{got:?}");
    assert!(!got.iter().any(|e| e.contains("doha")), "{got:?}");
    let got = events(
        "SEOUL, July 13 – North Korean leader Kim Jong Un personally oversaw the launch of a new ICBM, warning the United States.",
        Lang::En,
        "2023-07-13",
    );
    assert!(!got.iter().any(|e| e.contains("south-korea")), "{got:?}");
}

#[test]
fn the_two_ministers_are_the_pair_named_with_their_titles() {
    let got = events(
        "The deal was signed at the State Department by Congolese Foreign Minister Thérèse Kayikwamba Wagner and Rwandan Foreign Minister Olivier Nduhungirehe, in the presence of Secretary of State Marco Rubio. \"This is an important moment,\" Rubio said. The two ministers were later received at the White House by President Donald Trump.",
        Lang::En,
        "2025-06-28",
    );
    assert!(
        got.iter().any(|e| e.starts_with("CONSULT")
            && e.contains("donald-trump")
            && e.contains("kayikwamba")
            && e.contains("nduhungirehe")
            && !e.contains("rubio")),
        "{got:?}"
    );
}

/// "Suspended talks with the ELN": the talks a sanction stops are no
/// meeting; "accusing the group of war crimes" is aimed at the group, not at
/// the authors of the last deed reported before (Venezuela's closure).
#[test]
fn talks_a_sanction_stops_are_no_meeting_and_the_group_accused_is_the_group() {
    let got = events(
        "Venezuela closed its border with Colombia on Thursday. Colombian President Gustavo Petro suspended talks with the ELN on Friday, accusing the group of war crimes.",
        Lang::En,
        "2025-01-20",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("SANCTION") && e.contains("gustavo-petro>eln")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("ACCUSE") && e.contains("gustavo-petro>eln")),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.starts_with("CONSULT")), "{got:?}");
    assert!(
        !got.iter().any(|e| e.contains("gustavo-petro>venezuela")),
        "{got:?}"
    );
    let got = events(
        "L'Union européenne a suspendu les négociations avec la Géorgie.",
        Lang::Fr,
        "2024-12-02",
    );
    assert!(got.iter().any(|e| e.starts_with("SANCTION")), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("CONSULT")), "{got:?}");
}

/// "Whether the ministers had accepted the invitation" is an open question:
/// no agreement, in either language, however far the conjunction is from
/// the verb; the same acceptance stated is one.
#[test]
fn an_acceptance_in_question_is_no_agreement() {
    for (text, lang) in [
        (
            "Il n'était pas clair si les deux chefs de la diplomatie des deux pays avaient accepté l'invitation de Moscou.",
            Lang::Fr,
        ),
        (
            "It was not clear whether the foreign ministers of Armenia and Azerbaijan had accepted the invitation from Moscow.",
            Lang::En,
        ),
    ] {
        let got = events(text, lang, "2020-10-09");
        assert!(!got.iter().any(|e| e.starts_with("AGREE")), "{text}: {got:?}");
    }
    let got = events(
        "The foreign ministers of Armenia and Azerbaijan accepted the invitation from Moscow.",
        Lang::En,
        "2020-10-09",
    );
    assert!(got.iter().any(|e| e.starts_with("AGREE")), "{got:?}");
}

/// "Leur dernière entrevue", "their last meeting": a meeting owned by a
/// plural possessive is between the two people the text named just before.
#[test]
fn a_meeting_owned_by_several_is_between_the_pair_named_before() {
    for (text, lang, pair) in [
        (
            "Pour l'heure, aucune rencontre entre Zohrab Mnatsakanian et Djeyhoun Baïramov n'a été annoncée. Leur dernière entrevue, le 9 octobre, avait débouché sur un accord de trêve humanitaire.",
            Lang::Fr,
            "zohrab-mnatsakanyan>jeyhun-bayramov @- 2020-10-09",
        ),
        (
            "No meeting between Antony Blinken and Sergey Lavrov has been announced. Their last meeting, in Geneva in January, ended without a deal.",
            Lang::En,
            "antony-blinken>sergey-lavrov @geneva 2020-01",
        ),
    ] {
        let got = events(text, lang, "2020-10-21");
        assert!(
            got.iter().any(|e| e.starts_with("CONSULT") && e.ends_with(pair)),
            "{text}: {got:?}"
        );
    }
}

/// "Les deux dirigeants" several sentences after the two were named together,
/// each in apposition to a title («Le président serbe, Aleksandar Vucic, et
/// le Premier ministre du Kosovo, Albin Kurti»), are that pair, not the two
/// people named last (a mediator, then one of them); «ont convenu de
/// reprendre le dialogue» is an agreement.
#[test]
fn the_two_leaders_named_together_with_their_titles_are_the_pair() {
    let got = events(
        "Le président serbe, Aleksandar Vucic, et le Premier ministre du Kosovo, Albin Kurti, ont convenu mardi de reprendre le dialogue. Les discussions ont duré deux jours. Josep Borrell a salué un pas dans la bonne direction. M. Kurti a pour sa part rejeté toute concession sur le nord. Les deux dirigeants doivent se retrouver en juillet à Bruxelles.",
        Lang::Fr,
        "2025-03-18",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("AGREE - aleksandar-vucic,albin-kurti>")),
        "{got:?}"
    );
    let meeting = got
        .iter()
        .find(|e| e.starts_with("CONSULT") && e.contains("@brussels"));
    assert!(
        meeting.is_some_and(|e| e.contains("aleksandar-vucic") && e.contains("albin-kurti")),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|e| e.starts_with("CONSULT") && e.contains("borrell")),
        "{got:?}"
    );
}

/// «les chefs de la diplomatie arménienne et azerbaïdjanaise … Un deuxième
/// cessez-le-feu a échoué»: states the article names by their demonyms
/// count among the sides a truce with no named parties is between (not the
/// host the article names by name).
#[test]
fn states_named_by_their_demonyms_are_the_article_s_sides() {
    let got = events(
        "Les chefs de la diplomatie arménienne et azerbaïdjanaise sont à Moscou pour des consultations avec la Russie. Un deuxième cessez-le-feu a échoué une semaine plus tard. L'Azerbaïdjan et l'Arménie s'accusent mutuellement de violer la trêve.",
        Lang::Fr,
        "2020-10-21",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("AGREE ceasefire armenia,azerbaijan>")),
        "{got:?}"
    );
}
