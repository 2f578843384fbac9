//! The reading stage's tests.
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
    let articles = read_input(&path).unwrap().articles;
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].id, "x1");
    assert_eq!(articles[0].lang, Some(Lang::Fr));
    assert_eq!(articles[1].id, "a.jsonl#3");
    // A bad line is reported with its number and skips that line only.
    fs::write(
        &path,
        "{\"text\": 3}\n{\"text\": \"Bonjour.\"}\nnot json\n{\"text\": \"x\", \"date\": \"9 Oct\\u0007\"}\n",
    )
    .unwrap();
    let read = read_input(&path).unwrap();
    assert_eq!(read.articles.len(), 1);
    assert_eq!(read.articles[0].id, "a.jsonl#2");
    assert_eq!(read.problems.len(), 3, "{:?}", read.problems);
    assert!(
        read.problems[0].contains("a.jsonl:1"),
        "{:?}",
        read.problems
    );
    assert!(
        read.problems[1].contains("a.jsonl:3"),
        "{:?}",
        read.problems
    );
    // Control characters from the file never reach the terminal raw.
    assert!(read.problems[2].contains("\\u{7}"), "{:?}", read.problems);
    assert!(!read.problems.iter().any(|p| p.contains('\u{7}')));
}

#[test]
fn deeply_nested_html_is_refused_quickly_and_moderate_nesting_is_read() {
    let nested = |depth: usize, closed: bool| {
        let mut page = String::from("<html><body><article>");
        page.push_str(&"<div>".repeat(depth));
        page.push_str("<p>Lavrov a reçu Bayramov à Moscou.</p>");
        if closed {
            page.push_str(&"</div>".repeat(depth));
            page.push_str("</article></body></html>");
        }
        page
    };
    let dir = tempfile::tempdir().unwrap();
    for closed in [true, false] {
        let path = dir.path().join("deep.html");
        fs::write(&path, nested(100_000, closed)).unwrap();
        let started = std::time::Instant::now();
        let err = format!("{:#}", read_input(&path).unwrap_err());
        assert!(err.contains("deep.html") && err.contains("nested"), "{err}");
        assert!(started.elapsed().as_secs() < 5);
        // Just under the limit, the text is found, without recursion.
        fs::write(&path, nested(MAX_HTML_DEPTH - 10, closed)).unwrap();
        let read = read_input(&path).unwrap();
        assert!(
            read.articles[0]
                .text
                .contains("Lavrov a reçu Bayramov à Moscou."),
            "{}",
            read.articles[0].text
        );
    }
    // Paragraphs and list items close themselves: a long flat page is not deep.
    assert!(html_depth(&"<p>x<li>y<br>".repeat(10_000)) < 5);
    assert_eq!(html_depth("<!-- <div><div> --><br/><div></div>"), 1);
    // Outside SVG, `/>` closes nothing; quoted `>` and comments in scripts hide no tag.
    assert_eq!(html_depth("<div/><div/>"), 2);
    assert_eq!(html_depth("<svg><g/><g/></svg>"), 1);
    assert_eq!(html_depth("<i title=\"><!--\"><div><div>-->"), 3);
    assert_eq!(html_depth("<script><!--</script><div><div>-->"), 2);
    // An end tag closes its element and those inside it; a stray one closes nothing.
    assert_eq!(html_depth("<div><span><b>x</div><div></div>"), 3);
    assert_eq!(html_depth(&"<div></b>".repeat(5)), 5);
    assert_eq!(html_depth(&"<b><div></b>".repeat(5)), 10);
    assert_eq!(html_depth(&"<p><b>x</b><a>y</a>".repeat(5)), 1);
    // So stray or misplaced end tags do not hide a deep page (the parser took minutes on it).
    let started = std::time::Instant::now();
    for unit in ["<div></b>", "<b><div></b>", "<form><div></form>"] {
        let stray = format!("<html><body>{}<p>x</p>", unit.repeat(100_000));
        let err = format!(
            "{:#}",
            read_bytes(Path::new("stray.html"), stray.as_bytes(), Format::Html).unwrap_err()
        );
        assert!(
            err.contains("stray.html") && err.contains("nested"),
            "{err}"
        );
    }
    assert!(started.elapsed().as_secs() < 5);
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("a/b");
    fs::create_dir_all(&inner).unwrap();
    fs::write(inner.join("x.txt"), "Bonjour.").unwrap();
    fs::write(dir.path().join("a/y.txt"), "Salut.").unwrap();
    // b/loop -> a (an ancestor): walking would never end.
    std::os::unix::fs::symlink(dir.path().join("a"), inner.join("loop")).unwrap();
    let inputs = collect_inputs(&[dir.path().to_path_buf()]).unwrap();
    let names: Vec<String> = inputs
        .files
        .iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["a/y.txt", "a/b/x.txt"]);
    assert_eq!(inputs.problems.len(), 1, "{:?}", inputs.problems);
    assert!(inputs.problems[0].contains("loop"), "{:?}", inputs.problems);
}

#[test]
fn an_oversized_article_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let f = fs::File::create(&path).unwrap();
    f.set_len(MAX_ARTICLE_BYTES + 1).unwrap();
    let err = format!("{:#}", read_input(&path).unwrap_err());
    assert!(err.contains("article limit"), "{err}");
}
