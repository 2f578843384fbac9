//! How deep an HTML page nests, estimated before it is parsed: the HTML
//! parser's work grows with depth × elements, so a page nested 100,000 deep
//! would take it minutes (see `MAX_HTML_DEPTH`).

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that never hold others (void) or close themselves when a sibling
/// opens, so that they do not count as nesting.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// Elements whose misplaced end tag leaves the elements opened inside them
/// open, nested further (the parser's adoption agency for formatting
/// elements, and `</form>`): `<b><div></b>` repeated nests.
const REARRANGED_ELEMENTS: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
    "u", "form",
];

/// Elements whose content is SVG or MathML, where `/>` closes an element and
/// `<![CDATA[` opens text.
const FOREIGN_ELEMENTS: &[&str] = &["svg", "math"];

/// An upper estimate of the element nesting of an HTML page, in one linear
/// pass of the HTML tokenizer (so comments, attribute values, scripts and
/// other raw text are told apart as the parser tells them). An end tag closes
/// the innermost open element of its name and those inside it, as the parser
/// does; an end tag with no open element of its name closes nothing (the
/// parser ignores it, so `<div></b>` repeated nests), nor does one of
/// [`REARRANGED_ELEMENTS`] that is not the innermost. `<div/>` opens a div
/// (HTML ignores `/>` outside SVG and MathML).
pub fn html_depth(raw: &str) -> usize {
    let sink = Depth::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(raw));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let deepest = tokenizer.sink.state.borrow().deepest;
    deepest
}

#[derive(Default)]
struct Depth {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The open elements, and how many of each name: a stray end tag is told
    /// without a search, so the pass stays linear whatever the depth.
    open: Vec<String>,
    counts: HashMap<String, usize>,
    deepest: usize,
}

impl State {
    fn foreign(&self) -> bool {
        FOREIGN_ELEMENTS
            .iter()
            .any(|f| self.counts.get(*f).is_some_and(|&n| n > 0))
    }

    fn open(&mut self, name: &str) {
        *self.counts.entry(name.to_string()).or_default() += 1;
        self.open.push(name.to_string());
        self.deepest = self.deepest.max(self.open.len());
    }

    fn close(&mut self, name: &str) {
        let kept_inside =
            REARRANGED_ELEMENTS.contains(&name) && self.open.last().is_some_and(|top| top != name);
        if kept_inside || self.counts.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some(top) = self.open.pop() {
            if let Some(n) = self.counts.get_mut(&top) {
                *n -= 1;
            }
            if top == name {
                break;
            }
        }
    }
}

impl TokenSink for Depth {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let mut state = self.state.borrow_mut();
        let name: &str = &tag.name;
        if tag.kind == TagKind::EndTag {
            state.close(name);
            return TokenSinkResult::Continue;
        }
        let foreign = state.foreign();
        if FLAT_ELEMENTS.contains(&name) || (foreign && tag.self_closing) {
            return TokenSinkResult::Continue;
        }
        state.open(name);
        if foreign {
            return TokenSinkResult::Continue;
        }
        // What follows these is text up to their end tag, as the parser reads it.
        match name {
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.state.borrow().foreign()
    }
}
