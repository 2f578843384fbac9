//! What each fuzz target does with its bytes, shared by the targets
//! (`fuzz_targets/*.rs`) and by the stable regression test that replays the
//! inputs kept in `tests/data/fuzz/<target>/`
//! (`tests/integration/fuzz_regressions.rs`).

#![allow(dead_code)] // Each target uses one function.

use std::path::Path;
use std::sync::OnceLock;

use newsgraph::doc::{Article, Document, Lang};
use newsgraph::lang::Resources;
use newsgraph::pipeline::{ArticleDefaults, Pipeline};
use newsgraph::read::{html_depth, read_bytes, Format, MAX_HTML_DEPTH};
use newsgraph::segment::MAX_SENTENCE_TOKENS;
use newsgraph::serve::protocol::{form_pairs, negotiate_rdf, negotiate_results};

/// What a target does with its bytes.
pub type Target = fn(&[u8]);

/// The targets, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("read_txt", read_txt),
    ("read_html", read_html),
    ("read_jsonl", read_jsonl),
    ("clean_segment", clean_segment),
    ("extract", extract),
    ("sparql_request", sparql_request),
];

/// Any bytes as a `.txt` input: an article or a one-line error.
pub fn read_txt(data: &[u8]) {
    let _ = read_bytes(Path::new("fuzz.txt"), data, Format::Text);
}

/// Any bytes as an HTML page; and the reader's nesting estimate, which
/// guards the parser, bounds the nesting the parser builds within a factor:
/// each counted element may bring uncounted ones (a table its body, row and
/// cell; a paragraph, an image), and the page its `html` and `body`.
pub fn read_html(data: &[u8]) {
    let _ = read_bytes(Path::new("fuzz.html"), data, Format::Html);
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let estimate = html_depth(raw);
    if estimate > MAX_HTML_DEPTH {
        return;
    }
    let html = scraper::Html::parse_document(raw);
    let mut deepest = 0;
    let mut stack = vec![(html.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children() {
            let deeper = depth + usize::from(child.value().is_element());
            stack.push((child, deeper));
        }
    }
    assert!(
        deepest <= 8 * (estimate + 1),
        "the parser nests {deepest} elements deep, estimated {estimate}"
    );
}

/// Any bytes as a JSONL file: articles, and a problem per bad line.
pub fn read_jsonl(data: &[u8]) {
    let _ = read_bytes(Path::new("fuzz.jsonl"), data, Format::Jsonl);
}

/// The first byte, and the rest as text (`None` when it is no UTF-8).
fn split(data: &[u8]) -> Option<(u8, &str)> {
    let (&first, rest) = data.split_first()?;
    Some((first, std::str::from_utf8(rest).ok()?))
}

/// Clean and segment a text in French (first byte even) or English: no
/// sentence over the token cap.
pub fn clean_segment(data: &[u8]) {
    static RESOURCES: OnceLock<(Resources, Resources)> = OnceLock::new();
    let Some((first, text)) = split(data) else {
        return;
    };
    let (fr, en) = RESOURCES.get_or_init(|| {
        (
            Resources::embedded(Lang::Fr).expect("French resources"),
            Resources::embedded(Lang::En).expect("English resources"),
        )
    });
    let (lang, res) = if first % 2 == 0 {
        (Lang::Fr, fr)
    } else {
        (Lang::En, en)
    };
    let cleaned = newsgraph::clean::clean(text, res);
    let mut doc = Document::new(Article::default(), lang, cleaned);
    newsgraph::segment::segment(&mut doc, res);
    for s in &doc.sentences {
        assert!(
            !s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS,
            "a sentence of {} tokens",
            s.tokens.len()
        );
    }
}

/// The whole pipeline and the RDF mapping on an article; the first byte
/// declares French, English or nothing (detected).
pub fn extract(data: &[u8]) {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    let Some((first, text)) = split(data) else {
        return;
    };
    let pipeline = PIPELINE.get_or_init(|| Pipeline::new().expect("pipeline"));
    let article = Article {
        id: "fuzz".into(),
        source_file: "fuzz.txt".into(),
        lang: match first % 3 {
            0 => Some(Lang::Fr),
            1 => Some(Lang::En),
            _ => None,
        },
        text: text.into(),
        ..Article::default()
    };
    let doc = pipeline
        .process(article, &ArticleDefaults::default())
        .expect("an article is always processed");
    let mut quads = 0usize;
    newsgraph::rdf::each_quad(&doc, &pipeline.kb, &mut |_| quads += 1);
    assert!(quads > 0);
}

/// The endpoint's request side: form decoding of a query string or body,
/// and content negotiation from `Accept` and `format=`; errors are answers
/// (400, 406).
pub fn sparql_request(data: &[u8]) {
    let params = form_pairs(data);
    let text = String::from_utf8_lossy(data);
    let _ = negotiate_results(Some(&text), None);
    let _ = negotiate_results(None, Some(&text));
    for datasets_only in [false, true] {
        let _ = negotiate_rdf(Some(&text), None, datasets_only);
        let _ = negotiate_rdf(None, Some(&text), datasets_only);
    }
    if let Ok(params) = params {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let _ = negotiate_results(get("accept"), get("format"));
        let _ = negotiate_rdf(get("accept"), get("format"), false);
    }
}
