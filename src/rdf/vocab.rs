//! IRIs of the vocabularies newsgraph writes.

use crate::plover::Plover;

pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
pub const SCHEMA: &str = "https://schema.org/";
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
pub const VOID: &str = "http://rdfs.org/ns/void#";

/// Where newsgraph's own resources live.
pub const ENTITY_BASE: &str = "https://w3id.org/newsgraph/entity/";
pub const ARTICLE_BASE: &str = "https://w3id.org/newsgraph/article/";
/// The shared graph of canonical entity nodes.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/newsgraph/graph/entities";
/// The shared graph of canonical happenings (`ng:Happening`).
pub const EVENTS_GRAPH: &str = "https://w3id.org/newsgraph/graph/events";
/// The graph of the store's counts (a VoID description, `ng:CountChange`s
/// while a write runs): kept by the writer, never written by an article.
pub const STATS_GRAPH: &str = "https://w3id.org/newsgraph/graph/stats";
/// The store's data as a whole (`void:Dataset`, in [`STATS_GRAPH`]).
pub const DATASET: &str = "https://w3id.org/newsgraph/dataset";
/// Where canonical happenings live: `{HAPPENING_BASE}consult-2020-10-09-moscow`.
pub const HAPPENING_BASE: &str = "https://w3id.org/newsgraph/happening/";
pub const AGENT: &str = concat!(
    "https://w3id.org/newsgraph/agent/newsgraph/",
    env!("CARGO_PKG_VERSION")
);

/// Prefixes for Turtle and TriG output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG),
    ("schema", SCHEMA),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("owl", OWL),
    ("xsd", XSD),
    ("prov", PROV),
    ("wd", WIKIDATA),
    ("void", VOID),
    ("entity", ENTITY_BASE),
    ("article", ARTICLE_BASE),
    ("happening", HAPPENING_BASE),
];

/// `ng:Consult` for `CONSULT`.
pub fn event_class(plover: Plover) -> String {
    format!("{NG}{}", plover.class_name())
}

/// The schema.org (or ng:) class of a subtype.
pub fn subtype_class(subtype: &str) -> Option<String> {
    Some(match subtype {
        "Country" => format!("{SCHEMA}Country"),
        "City" => format!("{SCHEMA}City"),
        "Region" => format!("{SCHEMA}AdministrativeArea"),
        "Continent" => format!("{SCHEMA}Continent"),
        "Building" => format!("{SCHEMA}LandmarksOrHistoricalBuildings"),
        "GovernmentOrganization" => format!("{SCHEMA}GovernmentOrganization"),
        "NewsAgency" => format!("{SCHEMA}NewsMediaOrganization"),
        "PoliticalParty" => format!("{SCHEMA}PoliticalParty"),
        "NGO" => format!("{SCHEMA}NGO"),
        "IntergovernmentalOrganization" => format!("{NG}IntergovernmentalOrganization"),
        "MilitaryOrganization" => format!("{NG}MilitaryOrganization"),
        "ArmedGroup" => format!("{NG}ArmedGroup"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn event_classes_are_camel_case() {
        assert_eq!(
            super::event_class(crate::plover::Plover::Consult),
            "https://w3id.org/newsgraph/ontology#Consult"
        );
    }
}
