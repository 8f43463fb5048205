//! Reading a saved HTML page: parsed by html5ever (through `scraper`), its main content found by
//! where the text is, and walked into blocks. Navigation, sharing, comments and footers are
//! left out by element and class, and the rest goes through the same line rules as text.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::page::{Block, Ignored, Kind, Page, boilerplate, ends_content, snippet, squeeze};

/// Elements that never hold the page's content.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "svg", "iframe", "select", "input", "textarea", "label", "img", "video", "audio",
    "canvas", "object", "head", "title", "meta", "link", "dialog",
];

/// Words in a class or id that mark site furniture.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "cookie",
    "consent",
    "comment",
    "related",
    "recent",
    "sidebar",
    "widget",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "menu",
    "navbar",
    "navigation",
    "footer",
    "header",
    "banner",
    "popup",
    "modal",
    "advert",
    "promo",
    "counter",
    "likes",
    "pagination",
];

/// Reads a saved page.
pub fn read(source: &str) -> Page {
    let html = Html::parse_document(source);
    let mut page = Page {
        url: address(&html),
        lang: html
            .root_element()
            .attr("lang")
            .map(|l| l.split('-').next().unwrap_or(l).to_lowercase()),
        ..Page::default()
    };
    let body = select_first(&html, "body").unwrap_or_else(|| html.root_element());
    let main = main_content(body);
    let mut walker = Walker::default();
    walker.walk(*main);
    walker.flush();
    page.ignored = walker.ignored;
    // The title: the main content's first heading of level 1, else the page's.
    let h1 = Selector::parse("h1").ok();
    let text_of =
        |e: ElementRef| Some(squeeze(&e.text().collect::<String>())).filter(|t| !t.is_empty());
    let heading = h1
        .as_ref()
        .and_then(|s| main.select(s).next())
        .and_then(text_of);
    let heading_anywhere = h1
        .as_ref()
        .and_then(|s| html.select(s).next())
        .and_then(text_of);
    // A level-1 heading outside the post is often the site's name: the page's own title
    // comes first then.
    page.title = heading
        .filter(|_| h1.as_ref().is_some_and(|s| main.select(s).next().is_some()))
        .or_else(|| meta(&html, "og:title"))
        .or(heading_anywhere)
        .or_else(|| {
            select_first(&html, "title").map(|t| site_suffix_removed(&t.text().collect::<String>()))
        });
    // What lies outside the main content, for the report.
    let mut outside = Walker {
        skip: Some(main.id()),
        ..Walker::default()
    };
    outside.walk(*body);
    outside.flush();
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
    let mut blocks = walker.blocks;
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

fn select_first<'a>(html: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let s = Selector::parse(selector).ok()?;
    html.select(&s).next()
}

fn meta(html: &Html, property: &str) -> Option<String> {
    let s = Selector::parse(&format!(
        r#"meta[property="{property}"], meta[name="{property}"]"#
    ))
    .ok()?;
    html.select(&s)
        .find_map(|m| m.attr("content"))
        .map(squeeze)
        .filter(|t| !t.is_empty())
}

/// "Kazakhstan - Christians Persecuted | Hope Ministries" without the site's name.
fn site_suffix_removed(title: &str) -> String {
    let title = squeeze(title);
    match title.rsplit_once(" | ") {
        Some((head, _)) if !head.is_empty() => head.to_string(),
        _ => title,
    }
}

/// The address a saved page names for itself: its canonical link, `og:url`, or the
/// "saved from url=(0042)https://..." comment browsers add when saving.
fn address(html: &Html) -> Option<String> {
    let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    if let Some(link) = select_first(html, r#"link[rel="canonical"]"#)
        .and_then(|l| l.attr("href"))
        .filter(|u| web(u))
    {
        return Some(link.to_string());
    }
    if let Some(url) = meta(html, "og:url").filter(|u| web(u)) {
        return Some(url);
    }
    html.tree
        .root()
        .descendants()
        .find_map(|n| match n.value() {
            Node::Comment(c) => {
                let text: &str = c;
                let rest = text.trim().strip_prefix("saved from url=")?;
                let url = rest.split_once(')').map_or(rest, |(_, u)| u).trim();
                web(url).then(|| url.to_string())
            }
            _ => None,
        })
}

/// Whether an element is furniture by its name, its class or id, or being hidden.
fn is_furniture(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIPPED.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("role")
            .is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary"))
        || v.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
    {
        return true;
    }
    let marks = [v.attr("class").unwrap_or(""), v.id().unwrap_or("")]
        .join(" ")
        .to_lowercase();
    marks
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| {
            FURNITURE
                .iter()
                .any(|f| part == *f || part.starts_with(f) && part.len() <= f.len() + 3)
        })
}

/// How much readable text an element holds outside furniture: the measure for finding the
/// main content.
fn weight(node: NodeRef<Node>) -> usize {
    match node.value() {
        Node::Text(t) => t.trim().chars().count(),
        Node::Element(_) => {
            let e = ElementRef::wrap(node).expect("an element node");
            if is_furniture(&e) {
                0
            } else {
                node.children().map(weight).sum()
            }
        }
        _ => 0,
    }
}

/// The element holding the post: `article` or `main` when one holds most of the text, else
/// the smallest element that still holds four fifths of the text below `body`.
fn main_content(body: ElementRef) -> ElementRef {
    let total = weight(*body).max(1);
    let marked = Selector::parse(r#"article, main, [role="main"], [itemprop="articleBody"]"#)
        .ok()
        .and_then(|s| {
            body.select(&s)
                .filter(|e| !is_furniture(e))
                .map(|e| (weight(*e), e))
                .max_by_key(|(w, _)| *w)
        });
    let mut current = match marked {
        Some((w, e)) if w * 2 >= total => e,
        _ => body,
    };
    loop {
        let here = weight(*current);
        // Only into containers: a paragraph or a list holding most of the text is part of the
        // post, whose headings stand beside it.
        let heaviest = current
            .child_elements()
            .filter(|e| !is_furniture(e))
            .filter(|e| {
                matches!(
                    e.value().name(),
                    "div" | "section" | "article" | "main" | "center"
                )
            })
            .map(|e| (weight(*e), e))
            .max_by_key(|(w, _)| *w);
        match heaviest {
            Some((w, e)) if w * 5 >= here * 4 && w > 0 => current = e,
            _ => return current,
        }
    }
}

/// Walks the main content into blocks.
#[derive(Default)]
struct Walker {
    /// An element not to enter (the main content, when listing what lies outside it).
    skip: Option<ego_tree::NodeId>,
    blocks: Vec<Block>,
    ignored: Vec<Ignored>,
    /// Inline text not yet closed into a paragraph.
    inline: String,
}

impl Walker {
    fn walk(&mut self, node: NodeRef<Node>) {
        for child in node.children() {
            if Some(child.id()) == self.skip {
                self.flush();
                continue;
            }
            match child.value() {
                Node::Text(t) => self.inline.push_str(t),
                Node::Element(el) => {
                    let e = ElementRef::wrap(child).expect("an element node");
                    if is_furniture(&e) {
                        let text = squeeze(&e.text().collect::<Vec<_>>().join(" "));
                        if !text.is_empty()
                            && !matches!(
                                el.name(),
                                "script" | "style" | "head" | "noscript" | "template"
                            )
                        {
                            self.flush();
                            self.ignored.push(Ignored {
                                text: snippet(&text),
                                why: "site navigation, sharing or comments (by its markup)",
                                line: None,
                            });
                        }
                        continue;
                    }
                    match el.name() {
                        "br" => self.inline.push('\n'),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            self.flush();
                            self.push(Kind::Heading, inline_text(child));
                        }
                        "p" | "pre" | "dt" | "dd" | "figcaption" => {
                            self.flush();
                            self.push(Kind::Paragraph, inline_text(child));
                        }
                        "li" => {
                            self.flush();
                            self.push(Kind::Item, inline_text(child));
                            // A nested list's items are items of their own.
                            for nested in child.children() {
                                if let Some(n) = ElementRef::wrap(nested)
                                    && matches!(n.value().name(), "ul" | "ol")
                                {
                                    self.walk(nested);
                                }
                            }
                        }
                        "blockquote" => {
                            self.flush();
                            let mut inner = Walker {
                                skip: self.skip,
                                ..Walker::default()
                            };
                            inner.walk(child);
                            inner.flush();
                            let text = inner
                                .blocks
                                .iter()
                                .map(|b| b.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" ");
                            self.push(Kind::Quote, text);
                        }
                        name if is_inline(name) => self.walk(child),
                        _ => {
                            self.flush();
                            self.walk(child);
                            self.flush();
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        self.push(Kind::Paragraph, tidy_lines(&text));
    }

    fn push(&mut self, kind: Kind, text: String) {
        if !text.trim().is_empty() {
            self.blocks.push(Block {
                kind,
                text,
                line: None,
            });
        }
    }
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// The text of an element, with `<br>` as a line break and nested lists left out.
fn inline_text(node: NodeRef<Node>) -> String {
    fn collect(node: NodeRef<Node>, out: &mut String) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(el) => match el.name() {
                    "br" => out.push('\n'),
                    "ul" | "ol" | "script" | "style" => {}
                    "p" | "div" | "li" => {
                        out.push('\n');
                        collect(child, out);
                        out.push('\n');
                    }
                    _ => {
                        let e = ElementRef::wrap(child).expect("an element node");
                        if !is_furniture(&e) {
                            collect(child, out);
                        }
                    }
                },
                _ => {}
            }
        }
    }
    let mut out = String::new();
    collect(node, &mut out);
    tidy_lines(&out)
}

/// Each line squeezed, empty lines dropped.
fn tidy_lines(text: &str) -> String {
    text.lines()
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
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
}
