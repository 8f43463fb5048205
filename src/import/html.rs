//! Reading a saved HTML page: parsed by html5ever (through `scraper`), its main content found by
//! where the text is, and walked into blocks. Navigation, sharing, comments and footers are
//! left out by element and class, and the rest goes through the same line rules as text.
//!
//! Nothing here recurses over the tree: html5ever keeps its open elements in a vector and
//! `ego_tree` keeps the nodes in one (so dropping a tree is flat), every pass below keeps its own
//! stack, and parse.rs caps the nesting html5ever's tree builder sees, whose work per element
//! grows with it. A page costs time and memory in proportion to its size.

mod furniture;
mod head;
mod main_content;
mod parse;
mod walk;

use super::page::{Block, Ignored, Kind, Page, boilerplate, ends_content, snippet, squeeze};
use head::select_first;
use main_content::{Weights, main_content};

/// Reads a saved page.
pub fn read(source: &str) -> Page {
    let html = parse::document(source);
    let mut page = Page {
        url: head::address(&html),
        lang: html
            .root_element()
            .attr("lang")
            .map(|l| l.split('-').next().unwrap_or(l).to_lowercase()),
        ..Page::default()
    };
    let body = select_first(&html, "body").unwrap_or_else(|| html.root_element());
    let weights = Weights::of(body);
    let main = main_content(body, &weights);
    let inside = walk::walk(*main, None);
    page.ignored = inside.ignored;
    page.title = head::title(&html, main);
    // What lies outside the main content, for the report.
    let outside = walk::walk(*body, Some(main.id()));
    let mut outside_ignored: Vec<Ignored> = outside.ignored;
    let title = page.title.clone();
    outside_ignored.extend(
        outside
            .blocks
            .into_iter()
            .filter(|b| Some(squeeze(&b.text)) != title)
            .map(|b| Ignored {
                why: if ends_content(&b.text) {
                    "other posts, comments or the footer follow"
                } else {
                    boilerplate(&b.text).unwrap_or("outside the post's main content")
                },
                text: snippet(&b.text),
                line: None,
            }),
    );
    page.ignored.splice(0..0, outside_ignored);
    let mut blocks = inside.blocks;
    if let Some(title) = &page.title
        && let Some(at) = blocks
            .iter()
            .position(|b| b.kind == Kind::Heading && squeeze(&b.text) == *title)
    {
        blocks.remove(at);
    }
    // The same line rules as for text: counters, calls to action, and everything after
    // "Recent Posts".
    let mut kept = Vec::new();
    let mut rest = blocks.into_iter();
    for block in rest.by_ref() {
        if ends_content(&block.text) {
            page.ignored.push(Ignored {
                text: block.text.clone(),
                why: "the end of the post: what follows is other posts, comments or the footer",
                line: None,
            });
            break;
        }
        match boilerplate(&block.text) {
            Some(why) => page.ignored.push(Ignored {
                text: block.text,
                why,
                line: None,
            }),
            None => kept.push(block),
        }
    }
    let after: Vec<Block> = rest.collect();
    if !after.is_empty() {
        page.ignored.push(Ignored {
            text: format!("{} blocks, from “{}”", after.len(), snippet(&after[0].text)),
            why: "after the end of the post",
            line: None,
        });
    }
    page.blocks = kept;
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_among_navigation_and_footer() {
        let page = read(
            r#"<!-- saved from url=(0030)https://example.org/algeria -->
            <html lang="en"><head><title>Algeria | Hope Ministries</title></head><body>
            <nav><ul><li>Home</li><li>About us</li></ul></nav>
            <div class="content"><h1>Algeria</h1>
              <p>Believers in <b>Algeria</b> meet in homes.<br>Churches were closed.</p>
              <div class="share-buttons"><a>Facebook</a></div>
              <ul><li>Pray for the closed churches.</li></ul>
              <p>1 view0 comments</p></div>
            <footer>© 2026</footer></body></html>"#,
        );
        assert_eq!(page.title.as_deref(), Some("Algeria"));
        assert_eq!(page.url.as_deref(), Some("https://example.org/algeria"));
        assert_eq!(page.lang.as_deref(), Some("en"));
        let texts: Vec<_> = page
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    Kind::Paragraph,
                    "Believers in Algeria meet in homes.\nChurches were closed."
                ),
                (Kind::Item, "Pray for the closed churches."),
            ]
        );
        let why: Vec<_> = page.ignored.iter().map(|i| i.why).collect();
        assert!(why.contains(&"a counter"), "{why:?}");
    }

    #[test]
    fn a_long_paragraph_does_not_hide_its_headings() {
        let long = "Believers meet in homes. ".repeat(40);
        let page = read(&format!(
            "<html><body><div><h1>Algeria</h1><p>{long}</p><h2>Please pray</h2>\
             <ul><li>For the churches.</li></ul></div></body></html>"
        ));
        let kinds: Vec<_> = page.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [Kind::Paragraph, Kind::Heading, Kind::Item]);
    }

    #[test]
    fn the_title_element_loses_the_site_name() {
        let page = read("<title>Kazakhstan - Christians Persecuted | Hope</title><p>Text.</p>");
        assert_eq!(
            page.title.as_deref(),
            Some("Kazakhstan - Christians Persecuted")
        );
    }

    /// `depth` `<div>`s around an article, closed or left open as a careless page would.
    fn nested(depth: usize, closed: bool) -> String {
        format!(
            "<html><body>{}<article><h1>Algeria</h1><p>Believers in Algeria meet in homes.</p>\
             <h2>Please pray</h2><ul><li>For the churches.</li></ul></article>{}</body></html>",
            "<div>".repeat(depth),
            if closed {
                "</div>".repeat(depth)
            } else {
                String::new()
            }
        )
    }

    fn read_nested(depth: usize, closed: bool) {
        let start = std::time::Instant::now();
        let page = read(&nested(depth, closed));
        eprintln!("{depth} nested <div>s: {:?}", start.elapsed());
        assert_eq!(page.title.as_deref(), Some("Algeria"));
        let texts: Vec<_> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Believers in Algeria meet in homes.",
                "Please pray",
                "For the churches."
            ]
        );
    }

    #[test]
    fn thirty_thousand_nested_elements_still_give_the_article() {
        read_nested(30_000, true);
    }

    #[test]
    fn a_hundred_thousand_nested_elements_still_give_the_article() {
        read_nested(100_000, false);
    }

    #[test]
    fn deeply_nested_quotes_are_one_quote() {
        let depth = 50_000;
        let quotes = format!(
            "<h1>Algeria</h1>{}Pray.{}",
            "<blockquote>".repeat(depth),
            "</blockquote>".repeat(depth)
        );
        let page = read(&quotes);
        let blocks: Vec<_> = page
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(blocks, [(Kind::Quote, "Pray.")]);
    }

    #[test]
    fn deeply_nested_lists_keep_every_item() {
        let depth = 20_000;
        let lists = format!("<h1>Algeria</h1>{}Pray.", "<ul><li>a".repeat(depth));
        let page = read(&lists);
        assert_eq!(page.blocks.len(), depth);
        assert_eq!(page.blocks.last().map(|b| b.text.as_str()), Some("aPray."));
    }

    #[test]
    fn deeply_nested_inline_elements_keep_their_text() {
        let depth = 50_000;
        let inline = format!("<h1>Algeria</h1><p>{}Pray.</p>", "<span><b>".repeat(depth));
        let page = read(&inline);
        assert_eq!(page.blocks.last().map(|b| b.text.as_str()), Some("Pray."));
    }

    #[test]
    fn the_title_is_og_title_then_the_post_heading_then_the_title_element() {
        let og = read(
            r#"<head><meta property="og:title" content="Algeria: Churches Closed"><title>Algeria | Hope</title></head>
            <h1>Hope Ministries</h1><p>Text.</p>"#,
        );
        assert_eq!(og.title.as_deref(), Some("Algeria: Churches Closed"));
        let post = read(
            "<title>Home | Hope</title><header><h1>Hope Ministries</h1></header>\
             <article><h1>Pray for Algeria</h1><p>Text.</p></article>",
        );
        assert_eq!(post.title.as_deref(), Some("Pray for Algeria"));
        let h1 = read(
            "<header><h1>Hope</h1></header><div><h1>Pray for Algeria</h1></div><nav>Home</nav>",
        );
        assert_eq!(h1.title.as_deref(), Some("Pray for Algeria"));
    }

    #[test]
    fn the_title_is_never_a_byline_nor_the_sites_name() {
        let byline = read(
            r#"<meta property="og:title" content="By Staff Writer | 3 March 2026">
            <title>Algeria: Churches Closed | Hope Ministries</title>
            <article><h1>Posted by Anna on March 3, 2026</h1><p>Text.</p></article>"#,
        );
        assert_eq!(byline.title.as_deref(), Some("Algeria: Churches Closed"));
        let site = read(
            r#"<meta property="og:site_name" content="Hope Ministries">
            <meta property="og:title" content="Hope Ministries">
            <title>Hope Ministries – Algeria: Churches Closed</title><p>Text.</p>"#,
        );
        assert_eq!(site.title.as_deref(), Some("Algeria: Churches Closed"));
        let tagline = read(
            r#"<title>Praying for the persecuted church</title>
            <header class="site-header"><p class="site-title">Hope</p>
            <p class="site-description">Praying for the persecuted church</p></header>
            <div><h2>Algeria</h2><p>Text.</p></div>"#,
        );
        assert_eq!(tagline.title, None);
        let entry = read(
            r#"<header><p>Hope Ministries</p></header><article><header class="entry-header">
            <h1>Pray for Algeria</h1></header><p>Text.</p></article>"#,
        );
        assert_eq!(entry.title.as_deref(), Some("Pray for Algeria"));
    }

    #[test]
    fn the_address_is_canonical_then_og_url_then_saved_from() {
        let url = |page: &str| read(page).url;
        let all = r#"<!-- saved from url=(0025)https://saved.example/a -->
            <link rel="canonical" href="https://canonical.example/a">
            <meta property="og:url" content="https://og.example/a"><p>Text.</p>"#;
        assert_eq!(url(all).as_deref(), Some("https://canonical.example/a"));
        let relative = r#"<!-- saved from url=(0040)https://hope.example/blog/algeria?ref=x -->
            <link rel="Canonical" href="../post/algeria"><p>Text.</p>"#;
        assert_eq!(
            url(relative).as_deref(),
            Some("https://hope.example/post/algeria")
        );
        let og = r#"<link rel="canonical" href="/post/algeria">
            <meta property="og:url" content="https://og.example/x/y"><p>Text.</p>"#;
        assert_eq!(url(og).as_deref(), Some("https://og.example/post/algeria"));
        let alone = r#"<link rel="canonical" href="/post/algeria"><p>Text.</p>"#;
        assert_eq!(url(alone), None);
        let not_web = r#"<link rel="canonical" href="javascript:alert(1)">
            <meta property="og:url" content="file:///home/me/page.html">
            <!-- saved from url=(0022)https://saved.example/ --><p>Text.</p>"#;
        assert_eq!(url(not_web).as_deref(), Some("https://saved.example/"));
        assert_eq!(
            url("<meta property=og:url content=https:///><p>T</p>"),
            None
        );
    }
}
