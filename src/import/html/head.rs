//! What a page says about itself: its title and its address. The title is never the site's
//! name or tagline, nor a byline; the address is an absolute web address or nothing.

use scraper::{ElementRef, Html, Node, Selector};
use url::Url;

use super::furniture::is_furniture;
use crate::import::page::{is_byline, squeeze, words};

/// The page's title: its `og:title`, else the main content's first level-1 heading (the post's
/// own, which needs no site name taken off), else its `<title>` without the site's name, else
/// the first level-1 heading outside the site's header. Whichever is the first that is not a
/// byline, nor the site's name or tagline.
pub fn title(html: &Html, main: ElementRef) -> Option<String> {
    let site = SiteNames::of(html, main);
    let h1 = Selector::parse("h1").expect("a valid selector");
    let text_of = |e: ElementRef| squeeze(&e.text().collect::<String>());
    let headings: Vec<String> = html
        .select(&h1)
        .take(20)
        .filter(|e| !in_furniture(*e))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .collect();
    // "Post title | Section | Site – motto": the post's own heading where the title starts with
    // it, else the title without the site's name.
    let trimmed = |title: String| {
        headings
            .iter()
            .find(|h| before_separator(&title, h))
            .cloned()
            .unwrap_or_else(|| site.removed_from(&title))
    };
    let candidates = [
        meta(html, "og:title").map(&trimmed),
        main.select(&h1).next().map(text_of),
        select_first(html, "title").map(|t| trimmed(text_of(t))),
        headings.first().cloned(),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty() && !is_byline(t) && !site.is_one(t))
}

/// Whether `title` is `heading` followed by a separator and more ("Heading – Site").
fn before_separator(title: &str, heading: &str) -> bool {
    title.len() > heading.len()
        && title.starts_with(heading)
        && [" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " : "]
            .iter()
            .any(|sep| title[heading.len()..].starts_with(sep))
}

/// Whether an element lies in the site's header, navigation or footer. Only the first few
/// headings of a page are asked, so the walk up stays short in total.
fn in_furniture(e: ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_furniture(&a))
}

/// The site's name and tagline, as the page gives them.
struct SiteNames(Vec<Vec<String>>);

impl SiteNames {
    fn of(html: &Html, main: ElementRef) -> SiteNames {
        let mut names: Vec<String> = ["og:site_name", "application-name"]
            .iter()
            .filter_map(|p| meta(html, p))
            .collect();
        let marked = Selector::parse(
            ".site-title, .site-name, .site-description, .tagline, .site-tagline, #site-title, \
             #site-description, #tagline",
        )
        .expect("a valid selector");
        names.extend(
            html.select(&marked)
                .take(10)
                .map(|e| squeeze(&e.text().collect::<String>())),
        );
        // The headings and lines of the site's header: its name and its motto. A post's own
        // `<header>` (WordPress's "entry-header") holds the post's title instead.
        let header = Selector::parse(r#"header, [role="banner"]"#).expect("a valid selector");
        let post = |e: &ElementRef| {
            e.id() == main.id()
                || matches!(e.value().name(), "article" | "main")
                || e.value().attr("role") == Some("main")
        };
        let site_header = html.select(&header).take(5).find(|h| {
            !h.ancestors().filter_map(ElementRef::wrap).any(|a| post(&a))
                && !h
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .any(|d| post(&d))
        });
        if let Some(header) = site_header {
            names.extend(
                header
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "p" | "strong"))
                    .take(10)
                    .map(|e| squeeze(&e.text().collect::<String>())),
            );
        }
        SiteNames(
            names
                .iter()
                .map(|n| words(n))
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    fn is_one(&self, text: &str) -> bool {
        let w = words(text);
        self.0.contains(&w)
    }

    /// "Kazakhstan - Christians Persecuted | Hope Ministries" without the site's name: after
    /// the last " | ", or before or after any usual separator when it is the site's name.
    fn removed_from(&self, title: &str) -> String {
        let title = squeeze(title);
        for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " » ", ": "] {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && !head.is_empty()
                && self.is_one(tail)
            {
                return head.to_string();
            }
            if let Some((head, tail)) = title.split_once(sep)
                && !tail.is_empty()
                && self.is_one(head)
            {
                return tail.to_string();
            }
        }
        match title.rsplit_once(" | ") {
            Some((head, _)) if !head.is_empty() => head.to_string(),
            _ => title,
        }
    }
}

/// The address a saved page names for itself: its canonical link, `og:url`, or the
/// "saved from url=(0042)https://..." comment browsers add when saving. Only absolute `http`
/// and `https` addresses count; a canonical link given as a path is read against the others.
pub fn address(html: &Html) -> Option<String> {
    let canonical = Selector::parse("link[rel][href]").ok().and_then(|s| {
        html.select(&s)
            .find(|l| {
                l.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(str::trim)
    });
    let og_url = meta(html, "og:url");
    let saved_from = saved_from(html);
    let base = Selector::parse("base[href]")
        .ok()
        .and_then(|s| html.select(&s).next())
        .and_then(|b| b.attr("href"))
        .map(str::to_string);
    let bases: Vec<Url> = [&og_url, &saved_from, &base]
        .into_iter()
        .flatten()
        .filter_map(|u| web(u))
        .collect();
    if let Some(canonical) = canonical {
        if web(canonical).is_some() {
            return Some(canonical.to_string());
        }
        if let Some(resolved) = bases
            .iter()
            .filter_map(|b| b.join(canonical).ok())
            .find(|u| matches!(u.scheme(), "http" | "https"))
        {
            return Some(resolved.to_string());
        }
    }
    [og_url, saved_from]
        .into_iter()
        .flatten()
        .find(|u| web(u).is_some())
}

/// An absolute web address, parsed.
fn web(address: &str) -> Option<Url> {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    Url::parse(address)
        .ok()
        .filter(|u| u.host_str().is_some_and(|h| !h.is_empty()))
}

/// The address in the "<!-- saved from url=(0042)https://... -->" comment.
fn saved_from(html: &Html) -> Option<String> {
    html.tree
        .root()
        .descendants()
        .find_map(|n| match n.value() {
            Node::Comment(c) => {
                let text: &str = c;
                let rest = text.trim().strip_prefix("saved from url=")?;
                let url = rest.split_once(')').map_or(rest, |(_, u)| u).trim();
                web(url).map(|_| url.to_string())
            }
            _ => None,
        })
}

pub fn select_first<'a>(html: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
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
