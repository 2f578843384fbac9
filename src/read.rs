//! Read stage: files, folders, JSONL and stdin into `Article`s.
//!
//! `.txt` is taken as is; `.html`/`.htm` is reduced to its article text, one
//! line per block; `.jsonl` holds one article per line (`text`, optional `id`,
//! `title`, `date`, `url`, `lang`). A sidecar `NAME.meta.json` next to a text or
//! HTML file supplies the same optional fields.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;

use crate::doc::{Article, Lang};

/// Extensions the reader knows.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl"];

/// Expand command-line paths into article files, folders recursively and in
/// sorted order so runs are reproducible. `-` stays as is (stdin).
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(path.clone());
        } else if path.is_dir() {
            walk(path, &mut out)?;
        } else if path.is_file() {
            out.push(path.clone());
        } else {
            bail!("{}: no such file or directory", path.display());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if has_article_extension(&path) {
            out.push(path);
        }
    }
    Ok(())
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

/// Read every article of one input (a JSONL file gives several).
pub fn read_input(path: &Path) -> Result<Vec<Article>> {
    if path.as_os_str() == "-" {
        let mut raw = String::new();
        std::io::stdin()
            .read_to_string(&mut raw)
            .context("stdin: cannot read (is it UTF-8?)")?;
        let looks_html = raw.trim_start().starts_with('<');
        let mut article = article_from_text("stdin", &raw, looks_html);
        // Articles piped one after another must not replace each other: the id comes from the content.
        article.id = format!("stdin-{}", &crate::doc::content_hash(&raw)[..16]);
        return Ok(vec![article]);
    }
    let bytes = fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let raw =
        String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8 text", path.display()))?;
    let base = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article")
        .to_string();
    match extension(path).as_deref() {
        Some("jsonl") => read_jsonl(path, &base, &raw),
        ext => {
            let is_html = matches!(ext, Some("html") | Some("htm"));
            let mut article = article_from_text(&base, &raw, is_html);
            if let Some(meta) = read_sidecar(path)? {
                apply_metadata(&mut article, meta, path, 0)?;
            }
            Ok(vec![article])
        }
    }
}

fn read_sidecar(path: &Path) -> Result<Option<Metadata>> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let sidecar = path.with_file_name(format!("{stem}.meta.json"));
    if !sidecar.is_file() {
        return Ok(None);
    }
    let raw = fs::read_to_string(&sidecar)
        .with_context(|| format!("{}: cannot read", sidecar.display()))?;
    let meta = serde_json::from_str(&raw)
        .with_context(|| format!("{}: invalid metadata JSON", sidecar.display()))?;
    Ok(Some(meta))
}

fn read_jsonl(path: &Path, base: &str, raw: &str) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let meta: Metadata = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), n + 1))?;
        let Some(text) = meta.text.clone() else {
            bail!("{}:{}: no \"text\" field", path.display(), n + 1);
        };
        let mut article = article_from_text(base, &text, text.trim_start().starts_with('<'));
        // Without an id, the line number keeps articles of one file apart.
        article.id = format!("{base}#{}", n + 1);
        apply_metadata(&mut article, meta, path, n + 1)?;
        out.push(article);
    }
    Ok(out)
}

fn apply_metadata(article: &mut Article, meta: Metadata, path: &Path, line: usize) -> Result<()> {
    let at = || {
        if line > 0 {
            format!("{}:{line}", path.display())
        } else {
            path.display().to_string()
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
        article.published = Some(
            parse_date(&date)
                .with_context(|| format!("{}: date {date:?} is not YYYY-MM-DD", at()))?,
        );
    }
    if let Some(lang) = meta.lang {
        match Lang::from_code(&lang) {
            Some(l) => article.lang = Some(l),
            None => bail!("{}: language {lang:?} is not supported (fr, en)", at()),
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

fn article_from_text(base: &str, raw: &str, is_html: bool) -> Article {
    let mut article = Article {
        id: base.to_string(),
        source_file: base.to_string(),
        ..Article::default()
    };
    if is_html {
        let page = html_to_text(raw);
        article.title = page.title;
        article.published = page.published;
        article.url = page.url;
        article.lang = page.lang;
        article.text = page.text;
    } else {
        article.text = raw.replace("\r\n", "\n").replace('\r', "\n");
    }
    article
}

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

fn collect_text(element: ElementRef, out: &mut String) {
    for child in element.children() {
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
                if let Some(child_ref) = ElementRef::wrap(child) {
                    collect_text(child_ref, out);
                }
                if block && !out.ends_with('\n') {
                    out.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_article_drops_navigation() {
        let page = html_to_text(
            r#"<html lang="en"><head><title>T</title>
            <meta property="article:published_time" content="2020-10-09T10:00:00Z"></head>
            <body><nav>Home | World</nav><article><h1>Lavrov hosts talks</h1>
            <p>Russian Foreign Minister <b>Sergei Lavrov</b> hosted talks in Moscow.</p>
            <script>var x = 1;</script><footer>Share this</footer></article></body></html>"#,
        );
        assert_eq!(page.lang, Some(Lang::En));
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2020, 10, 9));
        assert!(page
            .text
            .contains("Russian Foreign Minister Sergei Lavrov hosted talks in Moscow."));
        assert!(!page.text.contains("Home"));
        assert!(!page.text.contains("var x"));
        assert!(!page.text.contains("Share this"));
    }

    #[test]
    fn jsonl_gives_one_article_per_line_and_names_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        fs::write(
            &path,
            "{\"id\": \"x1\", \"text\": \"Bonjour.\", \"date\": \"2020-10-09\", \"lang\": \"fr\"}\n\n{\"text\": \"Hello.\"}\n",
        )
        .unwrap();
        let articles = read_input(&path).unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].id, "x1");
        assert_eq!(articles[0].lang, Some(Lang::Fr));
        assert_eq!(articles[1].id, "a.jsonl#3");
        fs::write(&path, "{\"text\": 3}\n").unwrap();
        let err = read_input(&path).unwrap_err();
        assert!(format!("{err:#}").contains("a.jsonl:1"), "{err:#}");
    }
}
