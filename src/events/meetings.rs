//! Meetings with several parties: who hosts or mediates them, who attends
//! them, and the parties a mediator brings together.
//!
//! Reads: the sentence's participants and the events found in it. Writes: the
//! parties of those events (and the events a meeting implies).

use crate::doc::Document;
use crate::lang::Resources;

/// Where the reach of a negation or a modal before token `t` starts: after
/// the last conjunction that opens a clause of its own ("did not attend but
/// was briefed"), or at `from`, the sentence's first token.
pub(super) fn scope_start(doc: &Document, res: &Resources, from: usize, t: usize) -> usize {
    (from..t)
        .rev()
        .find(|&k| res.is_cue("contrast", &doc.folded[k]))
        .map_or(from, |k| k + 1)
}
