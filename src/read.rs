//! Read stage: files, folders, JSONL and stdin into `Article`s.
//!
//! `.txt` is taken as is; `.html`/`.htm` is reduced to its article text, one
//! line per block; `.jsonl` holds one article per line (`text`, optional `id`,
//! `title`, `date`, `url`, `lang`). A sidecar `NAME.meta.json` next to a text or
//! HTML file supplies the same optional fields.

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;

mod decode;
mod depth;

pub use decode::{decode, UTF8_BOM};
pub use depth::html_depth;

use crate::doc::{Article, Lang};
use crate::text::printable;

/// Extensions the reader knows.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl"];

/// Largest article the reader takes by default: a text or HTML file, one
/// JSONL line, or standard input. Bigger inputs are reported and skipped,
/// never read whole. `--max-article-bytes` changes it
/// ([`set_max_article_bytes`]).
pub const MAX_ARTICLE_BYTES: u64 = 10 << 20;

static MAX_ARTICLE: AtomicU64 = AtomicU64::new(MAX_ARTICLE_BYTES);

/// Set the largest article the reader takes, for the whole process (at least
/// one byte).
pub fn set_max_article_bytes(bytes: u64) {
    MAX_ARTICLE.store(bytes.max(1), Ordering::Relaxed);
}

/// The largest article the reader takes now.
pub fn max_article_bytes() -> u64 {
    MAX_ARTICLE.load(Ordering::Relaxed)
}

/// The article limit as a person reads it: "10 MiB", "4096 bytes".
fn limit() -> String {
    let n = max_article_bytes();
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// The article files of the command-line paths, and what could not be walked.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Files in sorted order per folder, so runs are reproducible; `-` (stdin) as given.
    pub files: Vec<PathBuf>,
    /// One line per entry that was skipped (an unreadable folder, a symbolic
    /// link back into a folder already walked).
    pub problems: Vec<String>,
}

/// Expand command-line paths into article files, folders recursively. Every
/// folder is walked once, whatever links lead to it again (device + inode),
/// so a link loop ends; an unreadable folder is reported and skipped. A path
/// that does not exist is an error.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    let mut visited = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.files.push(path.clone());
        } else if path.is_dir() {
            walk(path, &mut visited, &mut inputs);
        } else if path.is_file() {
            inputs.files.push(path.clone());
        } else {
            bail!("{}: no such file or directory", printable_path(path));
        }
    }
    Ok(inputs)
}

/// Walk one folder with an explicit stack (no recursion, whatever the depth).
fn walk(root: &Path, visited: &mut HashSet<(u64, u64)>, inputs: &mut Inputs) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match fs::metadata(&dir) {
            Ok(meta) if !visited.insert(dir_key(&meta)) => {
                inputs.problems.push(format!(
                    "{}: folder already walked (a link loop?), skipped",
                    printable_path(&dir)
                ));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                inputs
                    .problems
                    .push(format!("{}: cannot open folder: {e}", printable_path(&dir)));
                continue;
            }
        }
        let listing = match fs::read_dir(&dir) {
            Ok(listing) => listing,
            Err(e) => {
                inputs
                    .problems
                    .push(format!("{}: cannot list folder: {e}", printable_path(&dir)));
                continue;
            }
        };
        let mut entries: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        let mut subdirs = Vec::new();
        for path in entries {
            if path.is_dir() {
                subdirs.push(path);
            } else if has_article_extension(&path) {
                inputs.files.push(path);
            }
        }
        // Reversed onto the stack so folders are visited in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
}

#[cfg(unix)]
fn dir_key(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_key(meta: &fs::Metadata) -> (u64, u64) {
    // Without inodes: creation time and size tell folders apart well enough to end loops.
    let t = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (t, meta.len())
}

/// A path for a one-line message: control characters escaped; `-` is "stdin".
pub fn printable_path(path: &Path) -> String {
    if is_stdin(path) {
        return "stdin".to_string();
    }
    crate::text::printable(&path.display().to_string())
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn has_article_extension(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with(".meta.json") {
        return false;
    }
    extension(path).is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Optional article metadata, from a JSONL line or a `.meta.json` sidecar.
#[derive(Debug, Default, Deserialize)]
struct Metadata {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// What one input gives: its articles, and the parts that were skipped.
#[derive(Debug, Default)]
pub struct Articles {
    pub articles: Vec<Article>,
    /// One line per skipped part (a JSONL line that is no article), with its line number.
    pub problems: Vec<String>,
}

/// Read every article of one input (a JSONL file gives several). A file that
/// cannot be read, is no UTF-8 text or is over [`max_article_bytes()`] is an
/// error; a bad line of a JSONL file only skips that line.
pub fn read_input(path: &Path) -> Result<Articles> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(max_article_bytes() + 1)
            .read_to_end(&mut bytes)
            .context("stdin: cannot read")?;
        if bytes.len() as u64 > max_article_bytes() {
            bail!("stdin: more than {}, over the article limit", limit());
        }
        let raw = decode(&bytes).map_err(|e| anyhow::anyhow!("stdin: {e}"))?;
        let looks_html = raw.trim_start().starts_with('<');
        let mut article = article_from_text("stdin", &raw, looks_html).context("stdin")?;
        // Articles piped one after another must not replace each other: the id comes from the content.
        article.id = format!("stdin-{}", &crate::doc::content_hash(&raw)[..16]);
        return Ok(Articles {
            articles: vec![article],
            problems: Vec::new(),
        });
    }
    let shown = printable_path(path);
    if is_jsonl(path) {
        return collect(|each| for_each_article(path, each));
    }
    // Checked before reading, so that a huge file is never read whole.
    let size = fs::metadata(path)
        .with_context(|| format!("{shown}: cannot read"))?
        .len();
    if size > max_article_bytes() {
        bail!(
            "{shown}: {:.1} MiB, over the {} article limit",
            size as f64 / 1048576.0,
            limit()
        );
    }
    let bytes = fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
    let format = match extension(path).as_deref() {
        Some("jsonl") => Format::Jsonl,
        Some("html") | Some("htm") => Format::Html,
        _ => Format::Text,
    };
    let mut read = read_bytes(path, &bytes, format)?;
    if format != Format::Jsonl {
        if let Some(meta) = read_sidecar(path)? {
            apply_metadata(&mut read.articles[0], meta, path, 0)?;
        }
    }
    Ok(read)
}

/// How the bytes of an input are taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    /// One article per line.
    Jsonl,
}

/// The articles of an input's bytes, read as `format`; `path` names the
/// input in messages and gives the article ids (no sidecar is looked for).
/// Bytes that are no text ([`decode`]), or a text or HTML article over
/// [`max_article_bytes()`], are an error; a bad JSONL line only skips that line.
pub fn read_bytes(path: &Path, bytes: &[u8], format: Format) -> Result<Articles> {
    if format == Format::Jsonl {
        return collect(|each| each_jsonl_line(path, std::io::Cursor::new(bytes), each));
    }
    let shown = printable_path(path);
    if bytes.len() as u64 > max_article_bytes() {
        bail!(
            "{shown}: {:.1} MiB, over the {} article limit",
            bytes.len() as f64 / 1048576.0,
            limit()
        );
    }
    let raw = decode(bytes).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let base = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article")
        .to_string();
    let article =
        article_from_text(&base, &raw, format == Format::Html).with_context(|| shown.clone())?;
    Ok(Articles {
        articles: vec![article],
        problems: Vec::new(),
    })
}

fn read_sidecar(path: &Path) -> Result<Option<Metadata>> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let sidecar = path.with_file_name(format!("{stem}.meta.json"));
    if !sidecar.is_file() {
        return Ok(None);
    }
    let raw = fs::read_to_string(&sidecar)
        .with_context(|| format!("{}: cannot read", printable_path(&sidecar)))?;
    let meta = serde_json::from_str(&raw)
        .with_context(|| format!("{}: invalid metadata JSON", printable_path(&sidecar)))?;
    Ok(Some(meta))
}

/// What [`for_each_article`] or [`each_jsonl_line`] hand on, gathered.
fn collect(
    read: impl FnOnce(&mut dyn FnMut(std::result::Result<Article, String>) -> bool) -> Result<()>,
) -> Result<Articles> {
    let mut out = Articles::default();
    read(&mut |item| {
        match item {
            Ok(article) => out.articles.push(article),
            Err(problem) => out.problems.push(problem),
        }
        true
    })?;
    Ok(out)
}

fn is_jsonl(path: &Path) -> bool {
    path.as_os_str() != "-" && extension(path).as_deref() == Some("jsonl")
}

/// Hand the articles of one input to `each` one at a time, with the one-line
/// problem of each part skipped; `each` returns whether to go on. A JSONL
/// file is read line by line, so memory does not grow with the file: a line
/// over [`max_article_bytes()`] is skipped unread, and a line that is no
/// article (bad JSON, no text, not UTF-8) skips that line only. Standard
/// input (`-`) is JSONL when its first non-blank byte is `{`, read and handed
/// on line by line as it arrives (a pipe step of a cluster job); else it is
/// one text or HTML article. Other inputs are one article each
/// ([`read_input`]). An input that cannot be read at all is an error.
pub fn for_each_article(
    path: &Path,
    mut each: impl FnMut(std::result::Result<Article, String>) -> bool,
) -> Result<()> {
    if is_stdin(path) {
        let mut stdin = std::io::stdin().lock();
        // Looked at, not taken: the one-article reading below still sees it.
        let head = stdin.fill_buf().context("stdin: cannot read")?;
        if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            return each_jsonl_line(path, stdin, each);
        }
    }
    if !is_jsonl(path) {
        let read = read_input(path)?;
        let items = read.problems.into_iter().map(Err);
        for item in items.chain(read.articles.into_iter().map(Ok)) {
            if !each(item) {
                break;
            }
        }
        return Ok(());
    }
    let file =
        fs::File::open(path).with_context(|| format!("{}: cannot read", printable_path(path)))?;
    each_jsonl_line(path, BufReader::new(file), each)
}

/// The articles of a JSONL input, line by line (see [`for_each_article`]).
fn each_jsonl_line(
    path: &Path,
    mut reader: impl BufRead,
    mut each: impl FnMut(std::result::Result<Article, String>) -> bool,
) -> Result<()> {
    let shown = printable_path(path);
    let base = match path.file_name().and_then(|n| n.to_str()) {
        _ if is_stdin(path) => "stdin".to_string(),
        Some(name) => name.to_string(),
        None => "article".to_string(),
    };
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let got = (&mut reader)
            .take(max_article_bytes() + 1)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("{shown}:{n}: cannot read"))?;
        if got == 0 {
            break;
        }
        let complete = line.last() == Some(&b'\n');
        let item = if (line.len() - usize::from(complete)) as u64 > max_article_bytes() {
            if !complete {
                reader
                    .skip_until(b'\n')
                    .with_context(|| format!("{shown}:{n}: cannot read"))?;
            }
            Err(format!(
                "{shown}:{n}: line over the {} article limit (line skipped)",
                limit()
            ))
        } else {
            // A byte-order mark before the first line is no part of the JSON.
            let bytes = match n {
                1 => line.strip_prefix(UTF8_BOM).unwrap_or(&line),
                _ => &line,
            };
            match std::str::from_utf8(bytes) {
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => jsonl_article(path, &base, text.trim_end_matches(['\n', '\r']), n)
                    .map_err(|e| format!("{e:#} (line skipped)")),
                Err(_) => Err(format!("{shown}:{n}: not UTF-8 text (line skipped)")),
            }
        };
        if !each(item) {
            break;
        }
    }
    Ok(())
}

/// How many articles an input holds, cheaply (a JSONL file's non-blank
/// lines, counted without parsing them): the length of a progress bar.
pub fn count_articles(path: &Path) -> u64 {
    if !is_jsonl(path) {
        return 1;
    }
    let Ok(file) = fs::File::open(path) else {
        return 1;
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let (mut lines, mut blank) = (0, true);
    while let Ok(chunk) = reader.fill_buf() {
        if chunk.is_empty() {
            break;
        }
        for &b in chunk {
            if b == b'\n' {
                lines += u64::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
        let n = chunk.len();
        reader.consume(n);
    }
    lines + u64::from(!blank)
}

/// The article of JSONL line `n` (1-based).
fn jsonl_article(path: &Path, base: &str, line: &str, n: usize) -> Result<Article> {
    let at = || format!("{}:{n}", printable_path(path));
    if line.len() as u64 > max_article_bytes() {
        bail!(
            "{}: {:.1} MiB line, over the {} article limit",
            at(),
            line.len() as f64 / 1048576.0,
            limit()
        );
    }
    let meta: Metadata =
        serde_json::from_str(line).with_context(|| format!("{}: invalid JSON", at()))?;
    let Some(text) = meta.text.clone() else {
        bail!("{}: no \"text\" field", at());
    };
    let mut article =
        article_from_text(base, &text, text.trim_start().starts_with('<')).with_context(at)?;
    // Without an id, the line number keeps articles of one file apart; on
    // stdin the content does (several pipes of one job number lines alike).
    article.id = if is_stdin(path) {
        format!("stdin-{}", &crate::doc::content_hash(&text)[..16])
    } else {
        format!("{base}#{n}")
    };
    apply_metadata(&mut article, meta, path, n)?;
    Ok(article)
}

fn apply_metadata(article: &mut Article, meta: Metadata, path: &Path, line: usize) -> Result<()> {
    let at = || {
        if line > 0 {
            format!("{}:{line}", printable_path(path))
        } else {
            printable_path(path)
        }
    };
    if let Some(url) = meta.url {
        article.id = url.clone();
        article.url = Some(url);
    }
    if let Some(id) = meta.id {
        article.id = match id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
    }
    if let Some(title) = meta.title {
        article.title = Some(title);
    }
    if let Some(date) = meta.date {
        article.published =
            Some(parse_date(&date).with_context(|| {
                format!("{}: date {} is not YYYY-MM-DD", at(), printable(&date))
            })?);
    }
    if let Some(lang) = meta.lang {
        match Lang::from_code(&lang) {
            Some(l) => article.lang = Some(l),
            None => bail!(
                "{}: language {} is not supported (fr, en)",
                at(),
                printable(&lang)
            ),
        }
    }
    Ok(())
}

/// Parse `YYYY-MM-DD`, also accepting a full timestamp.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    Ok(NaiveDate::parse_from_str(day, "%Y-%m-%d")?)
}

fn article_from_text(base: &str, raw: &str, is_html: bool) -> Result<Article> {
    let mut article = Article {
        id: base.to_string(),
        source_file: base.to_string(),
        ..Article::default()
    };
    if is_html {
        let depth = html_depth(raw);
        if depth > MAX_HTML_DEPTH {
            bail!("HTML nested {depth} elements deep, over the limit of {MAX_HTML_DEPTH}: not an article page");
        }
        let page = html_to_text(raw);
        article.title = page.title;
        article.published = page.published;
        article.url = page.url;
        article.lang = page.lang;
        article.text = page.text;
    } else {
        article.text = raw.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(article)
}

/// Deepest element nesting an HTML page may have. Real pages stay under a few
/// hundred; the HTML parser's work grows with depth × elements, so a page
/// nested 100,000 deep would take minutes.
pub const MAX_HTML_DEPTH: usize = 2_000;

/// What an HTML page gives: its article text and metadata.
#[derive(Debug, Default)]
pub struct HtmlPage {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub lang: Option<Lang>,
    pub text: String,
}

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg",
    "button", "select", "template", "menu",
];
/// Elements that end a line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "br",
    "tr",
    "section",
    "article",
    "title",
];

/// Reduce HTML to text: the `<article>` (or `<main>`, else `<body>`), without
/// navigation, scripts and forms, one line per block element.
pub fn html_to_text(raw: &str) -> HtmlPage {
    let html = Html::parse_document(raw);
    let select = |s: &str| Selector::parse(s).expect("static selector");
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let sel = select(&format!(
                "meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]"
            ));
            html.select(&sel)
                .find_map(|e| e.value().attr("content").map(str::to_string))
        })
    };
    let title = meta(&["og:title"]).or_else(|| {
        html.select(&select("h1, title"))
            .next()
            .map(|e| e.text().collect::<String>().trim().to_string())
    });
    let published = meta(&["article:published_time", "datePublished", "date", "pubdate"])
        .and_then(|d| parse_date(&d).ok());
    let url = meta(&["og:url"]).or_else(|| {
        html.select(&select("link[rel=\"canonical\"]"))
            .find_map(|e| e.value().attr("href").map(str::to_string))
    });
    let lang = html
        .select(&select("html"))
        .next()
        .and_then(|e| e.value().attr("lang"))
        .and_then(|l| Lang::from_code(l.split(['-', '_']).next().unwrap_or("")));
    let root = ["article", "main", "body"]
        .iter()
        .find_map(|s| html.select(&select(s)).next())
        .unwrap_or_else(|| html.root_element());
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    collect_text(root, &mut text);
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() && lines.last().is_some_and(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    HtmlPage {
        title,
        published,
        url,
        lang,
        text: lines.join("\n").trim().to_string(),
    }
}

/// The text of `element`, walked with an explicit stack: a page nested
/// 100,000 elements deep is no deeper for the program than a flat one.
fn collect_text(element: ElementRef, out: &mut String) {
    /// A node to visit, or the end of a block element to close.
    enum Step<'a> {
        Visit(ego_tree::NodeRef<'a, Node>),
        CloseBlock,
    }
    let mut stack: Vec<Step> = element.children().rev().map(Step::Visit).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::Visit(child) => child,
            Step::CloseBlock => {
                if !out.ends_with('\n') {
                    out.push_str("\n\n");
                }
                continue;
            }
        };
        match child.value() {
            Node::Text(t) => {
                let collapsed: Vec<&str> = t.split_whitespace().collect();
                if !collapsed.is_empty() {
                    if t.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                        out.push(' ');
                    }
                    out.push_str(&collapsed.join(" "));
                    if t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED_ELEMENTS.contains(&name) {
                    continue;
                }
                let block = BLOCK_ELEMENTS.contains(&name);
                if block && !out.ends_with('\n') && !out.is_empty() {
                    out.push_str("\n\n");
                }
                if block {
                    stack.push(Step::CloseBlock);
                }
                stack.extend(child.children().rev().map(Step::Visit));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
