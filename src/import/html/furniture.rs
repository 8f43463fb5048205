//! Site furniture by its markup: elements that never hold the post, and classes, ids and roles
//! that mark navigation, sharing, comments and the like.

use scraper::ElementRef;

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

/// Whether an element is furniture by its name, its class or id, or being hidden. It looks at
/// the element alone, never below it.
pub fn is_furniture(e: &ElementRef) -> bool {
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
    let parts: Vec<&str> = marks
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let furniture: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| {
            FURNITURE
                .iter()
                .any(|f| *part == *f || part.starts_with(f) && part.len() <= f.len() + 3)
        })
        .collect();
    if furniture.is_empty() {
        return false;
    }
    // Page builders wrap everything in "widgets": Elementor's columns are
    // "elementor-widget-wrap", its post an "elementor-widget-theme-post-content", Blogger's post a
    // "widget Blog". A widget is furniture when a class of its own starts with "widget", and not
    // when it says it holds the post.
    let weak = furniture.iter().all(|f| f.starts_with("widget"));
    if !weak {
        return true;
    }
    let own = marks
        .split_whitespace()
        .any(|token| token.starts_with("widget"));
    own && !parts.iter().any(|p| CONTENT.contains(p))
}

/// Words in a class or id that mark the post itself.
const CONTENT: &[&str] = &[
    "content", "post", "entry", "article", "blog", "body", "story",
];
