//! CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it
//! holds a comma, a quote or a line break, quotes doubled), and the event
//! table: one row per article event with its article, date, PLOVER type, mode,
//! actors and recipients (labels, `;`-joined), place, evidence sentence(s) and
//! IRI.

use std::io::Write;

use anyhow::Result;

use super::records::Records;

/// The columns of the event table.
pub const EVENT_COLUMNS: &[&str] = &[
    "article",
    "date",
    "type",
    "mode",
    "actors",
    "recipients",
    "place",
    "evidence",
    "event",
];

/// One CSV field, quoted when it must be.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV record, CRLF-terminated.
pub fn write_row<S: AsRef<str>>(out: &mut dyn Write, fields: &[S]) -> Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f.as_ref())).collect();
    write!(out, "{}\r\n", line.join(","))?;
    Ok(())
}

/// The event table; labels in `lang`, else in each event's article's language.
pub fn write_events(records: &Records, lang: Option<&str>, out: &mut dyn Write) -> Result<()> {
    write_row(out, EVENT_COLUMNS)?;
    for ev in &records.events {
        let lang = records.event_lang(ev, lang);
        let labels = |iris: &[String]| {
            iris.iter()
                .map(|i| records.label(i, lang))
                .collect::<Vec<_>>()
                .join(";")
        };
        write_row(
            out,
            &[
                records.article_id(ev).to_string(),
                ev.dates.join(";"),
                ev.plover.clone(),
                ev.modes.join(";"),
                labels(&ev.actors),
                labels(&ev.recipients),
                labels(&ev.places),
                ev.evidence.join(" | "),
                ev.iri.clone(),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("Moscou"), "Moscou");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("il a dit \"non\""), "\"il a dit \"\"non\"\"\"");
        assert_eq!(field("deux\nlignes"), "\"deux\nlignes\"");
        let mut out = Vec::new();
        write_row(&mut out, &["x", "y,z"]).unwrap();
        assert_eq!(out, b"x,\"y,z\"\r\n");
    }
}
