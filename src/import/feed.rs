//! A ministry's feed (RSS, Atom or JSON Feed) as the letters it links to: each entry's page
//! address, title and date, and its full HTML when the feed carries it. Entries that cannot be
//! imported are listed with the reason, not dropped in silence.

use std::fmt;

use chrono::NaiveDate;
use feed_rs::parser::{ParseErrorKind, ParseFeedError};
use url::Url;

/// How many entries `plan` takes when the command line does not say.
pub const DEFAULT_LIMIT: usize = 20;

/// A feed, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    /// In the feed's order.
    pub entries: Vec<Entry>,
    /// One line per entry left out, saying which and why.
    pub skipped: Vec<String>,
}

/// One letter in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The letter's page (the entry's alternate link), absolute, http or https.
    pub url: String,
    pub title: Option<String>,
    /// The day it was published (or else updated), in UTC.
    pub published: Option<NaiveDate>,
    /// The full letter as HTML (`content:encoded`, Atom `<content>`, JSON Feed `content_html`),
    /// or `None` when the feed has only a summary and the page must be fetched.
    pub html: Option<String>,
}

/// A feed that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    pub feed_url: String,
    pub message: String,
    pub help: String,
}

impl FeedError {
    /// As the `(message, help)` pair the import report prints.
    pub fn into_problem(self) -> (String, String) {
        (self.message, self.help)
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  help: {}", self.message, self.help)
    }
}

impl std::error::Error for FeedError {}

/// Reads a feed's bytes. `feed_url` is where it came from: relative links are resolved against it.
pub fn entries(bytes: &[u8], feed_url: &str) -> Result<Feed, FeedError> {
    let base = Url::parse(feed_url).ok();
    let parsed = feed_rs::parser::Builder::new()
        // feed-rs resolves Atom links and xml:base against this; RSS links we resolve below.
        .base_uri(base.as_ref().map(Url::as_str))
        .build()
        .parse(bytes)
        .map_err(|e| not_a_feed(bytes, feed_url, &e))?;
    let mut feed = Feed {
        title: parsed
            .title
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty()),
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (n, entry) in parsed.entries.into_iter().enumerate() {
        let title = entry
            .title
            .as_ref()
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty());
        match page_url(&entry, base.as_ref()) {
            Ok(url) => feed.entries.push(Entry {
                url,
                published: entry.published.or(entry.updated).map(|d| d.date_naive()),
                html: full_html(&entry),
                title,
            }),
            Err(why) => {
                let which = match &title {
                    Some(t) => format!("entry {} (\"{t}\")", n + 1),
                    None => format!("entry {}", n + 1),
                };
                feed.skipped.push(format!("{which}: {why}"));
            }
        }
    }
    Ok(feed)
}

/// The entries to import: newest first (undated ones last, in the feed's order), each page
/// once, at most `limit`. With `since`, only entries published on or after that day; an
/// undated entry cannot show it is new, so it is left out.
pub fn plan(feed: &Feed, since: Option<NaiveDate>, limit: usize) -> Vec<&Entry> {
    let mut chosen: Vec<&Entry> = feed
        .entries
        .iter()
        .filter(|e| since.is_none_or(|day| e.published.is_some_and(|p| p >= day)))
        .collect();
    // Stable, so entries of the same day keep the feed's order.
    chosen.sort_by_key(|e| std::cmp::Reverse(e.published));
    let mut seen = std::collections::HashSet::new();
    chosen.retain(|e| seen.insert(e.url.as_str()));
    chosen.truncate(limit);
    chosen
}

/// The entry's page: its alternate link, else a permalink id (an RSS `<guid>` that is a URL).
fn page_url(entry: &feed_rs::model::Entry, base: Option<&Url>) -> Result<String, String> {
    let alternate = entry.links.iter().find(|l| {
        matches!(l.rel.as_deref(), None | Some("alternate"))
            && is_page_type(l.media_type.as_deref())
    });
    let href = match alternate {
        Some(link) => link.href.trim(),
        None if entry.id.starts_with("http://") || entry.id.starts_with("https://") => {
            entry.id.trim()
        }
        None => return Err("no link to its page".to_string()),
    };
    let url = match (Url::parse(href), base) {
        (Ok(url), _) => url,
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => base
            .join(href)
            .map_err(|e| format!("its link `{href}` is not a valid address ({e})"))?,
        (Err(url::ParseError::RelativeUrlWithoutBase), None) => {
            return Err(format!(
                "its link `{href}` is relative and the feed's own address is not known"
            ));
        }
        (Err(e), _) => return Err(format!("its link `{href}` is not a valid address ({e})")),
    };
    match url.scheme() {
        "http" | "https" => Ok(url.into()),
        other => Err(format!(
            "its link `{href}` is a {other}: address, not a web page"
        )),
    }
}

fn is_page_type(media_type: Option<&str>) -> bool {
    media_type.is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml")
    })
}

/// The full letter, when the feed carries it as HTML; a summary does not count.
fn full_html(entry: &feed_rs::model::Entry) -> Option<String> {
    let content = entry.content.as_ref()?;
    let media_type = content.content_type.to_string().to_ascii_lowercase();
    let html = media_type.starts_with("text/html") || media_type.contains("xhtml");
    content
        .body
        .as_ref()
        .filter(|b| html && !b.trim().is_empty())
        .cloned()
}

fn not_a_feed(bytes: &[u8], feed_url: &str, error: &ParseFeedError) -> FeedError {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let (message, help) = if head.starts_with("<!doctype html") || head.starts_with("<html") {
        (
            format!("{feed_url} is a web page, not a feed"),
            "give the feed's address instead: the page names it in a \
             <link rel=\"alternate\" type=\"application/rss+xml\"> (often /feed, /rss or \
             /atom.xml); or import the page itself"
                .to_string(),
        )
    } else if head.is_empty() {
        (
            format!("{feed_url} is empty"),
            "check the address; the server sent no feed".to_string(),
        )
    } else {
        let why = match error {
            ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
                "it is not RSS, Atom or JSON Feed".to_string()
            }
            other => other.to_string(),
        };
        (
            format!("{feed_url} could not be read as a feed: {why}"),
            "the feed is broken or not a feed; open it in a browser to check, or save the \
             letters' pages and import the files"
                .to_string(),
        )
    };
    FeedError {
        feed_url: feed_url.to_string(),
        message,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/import/feeds/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_wordpress_rss_with_full_content() {
        let feed = entries(
            &fixture("wordpress.rss"),
            "https://prayerpartners.example.org/category/prayer-letters/feed/",
        )
        .unwrap();
        assert_eq!(
            feed.title.as_deref(),
            Some("Open Doors Prayer Partners – Prayer Letters")
        );
        assert!(feed.skipped.is_empty(), "{:?}", feed.skipped);
        assert_eq!(feed.entries.len(), 3);
        let first = &feed.entries[0];
        assert_eq!(
            first.url,
            "https://prayerpartners.example.org/2026/11/pray-for-kazakhstan/"
        );
        assert_eq!(
            first.title.as_deref(),
            Some("Pray for Kazakhstan: house churches under pressure")
        );
        assert_eq!(first.published, Some(day(2026, 11, 3)));
        let html = first.html.as_deref().unwrap();
        assert!(html.contains("<h2>Pray for</h2>"), "{html}");
        assert!(
            !html.contains("Continue reading"),
            "the summary, not the content: {html}"
        );
    }

    #[test]
    fn reads_blogger_atom_alternate_links_and_skips_entries_without_a_page() {
        let feed = entries(
            &fixture("blogger.atom"),
            "https://silkroadletters.blogspot.com/feeds/posts/default",
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("Letters from the Silk Road"));
        assert_eq!(feed.entries.len(), 1);
        let entry = &feed.entries[0];
        assert_eq!(
            entry.url,
            "https://silkroadletters.blogspot.com/2026/11/november-letter-uzbekistan.html"
        );
        // 18:01 in California is 02:01 the next day in UTC.
        assert_eq!(entry.published, Some(day(2026, 11, 21)));
        assert_eq!(
            entry.html.as_deref(),
            Some(
                "<p>Our friends in <b>Uzbekistan</b> thank you for your prayers.</p>\
                 <p>Please pray for the registration of the church in Nukus.</p>"
            )
        );
        assert_eq!(
            feed.skipped,
            ["entry 2 (\"Draft without a page\"): no link to its page"]
        );
    }

    #[test]
    fn summaries_only_leave_the_page_to_fetch() {
        let feed = entries(
            &fixture("squarespace.rss"),
            "https://www.hopeforthehorn.example/prayer-updates?format=rss",
        )
        .unwrap();
        let urls: Vec<_> = feed.entries.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://www.hopeforthehorn.example/prayer-updates/somalia-mogadishu",
                "https://www.hopeforthehorn.example/prayer-updates/eritrea-prisoners"
            ]
        );
        assert!(
            feed.entries.iter().all(|e| e.html.is_none()),
            "{:?}",
            feed.entries
        );
        assert_eq!(feed.entries[1].published, Some(day(2026, 11, 10)));
    }

    #[test]
    fn resolves_relative_links_against_the_feed_and_says_what_it_skipped() {
        let feed = entries(
            &fixture("relative.rss"),
            "https://mission.example/letters/feed.xml",
        )
        .unwrap();
        let got: Vec<_> = feed
            .entries
            .iter()
            .map(|e| (e.url.as_str(), e.title.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "https://mission.example/letters/yemen-winter.html",
                    Some("Yemen, winter letter")
                ),
                (
                    "https://mission.example/letters/libya-autumn.html",
                    Some("Libya, autumn letter")
                ),
                ("https://mission.example/letters/undated.html", None),
            ]
        );
        assert_eq!(
            feed.skipped,
            [
                "entry 3 (\"A letter with no link\"): no link to its page",
                "entry 4 (\"Write to us\"): its link `mailto:letters@mission.example` is a mailto: \
                 address, not a web page",
            ]
        );
    }

    #[test]
    fn relative_links_without_the_feeds_address_are_skipped_with_the_reason() {
        let feed = entries(&fixture("relative.rss"), "letters/feed.xml").unwrap();
        assert_eq!(
            feed.entries.len(),
            1,
            "only the absolute link: {:?}",
            feed.entries
        );
        assert!(
            feed.skipped[0].contains(
                "`/letters/yemen-winter.html` is relative and the feed's own address is not known"
            ),
            "{:?}",
            feed.skipped
        );
    }

    #[test]
    fn reads_json_feed() {
        let feed = entries(
            &fixture("letters.json"),
            "https://frontier.example/feed.json",
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("Frontier Prayer"));
        assert_eq!(
            feed.entries[0].url,
            "https://frontier.example/letters/afghanistan"
        );
        assert_eq!(
            feed.entries[0].html.as_deref(),
            Some("<p>Pray for the secret believers in Afghanistan.</p>")
        );
        assert_eq!(feed.entries[0].published, Some(day(2026, 11, 2)));
        assert_eq!(
            feed.entries[1].url,
            "https://frontier.example/letters/north-korea"
        );
        assert_eq!(
            feed.entries[1].html, None,
            "plain text is not the letter's HTML"
        );
    }

    #[test]
    fn broken_feed_is_an_error_naming_the_feed() {
        let err = entries(&fixture("broken.rss"), "https://cutoff.example/feed").unwrap_err();
        assert!(
            err.message
                .starts_with("https://cutoff.example/feed could not be read as a feed: "),
            "{err}"
        );
        assert!(err.help.contains("import the files"), "{err}");
    }

    #[test]
    fn a_web_page_is_not_a_feed() {
        let page = b"<!DOCTYPE html>\n<html><head><title>Home</title></head><body></body></html>";
        let err = entries(page, "https://mission.example/").unwrap_err();
        assert_eq!(
            err.message,
            "https://mission.example/ is a web page, not a feed"
        );
        assert!(err.help.contains("rel=\"alternate\""), "{err}");
        let err = entries(b"", "https://mission.example/feed").unwrap_err();
        assert_eq!(err.message, "https://mission.example/feed is empty");
        let err = entries(b"just words", "https://mission.example/feed").unwrap_err();
        assert_eq!(
            err.message,
            "https://mission.example/feed could not be read as a feed: \
             it is not RSS, Atom or JSON Feed"
        );
    }

    #[test]
    fn plan_takes_the_newest_first_up_to_the_limit() {
        let feed = entries(
            &fixture("wordpress.rss"),
            "https://prayerpartners.example.org/feed/",
        )
        .unwrap();
        let titles = |entries: Vec<&Entry>| -> Vec<String> {
            entries.iter().map(|e| e.title.clone().unwrap()).collect()
        };
        assert_eq!(
            titles(plan(&feed, None, DEFAULT_LIMIT)),
            [
                "Laos: a village baptism",
                "Pray for Kazakhstan: house churches under pressure",
                "Algeria: churches closed, faith open"
            ]
        );
        assert_eq!(titles(plan(&feed, None, 1)), ["Laos: a village baptism"]);
        assert_eq!(
            titles(plan(&feed, Some(day(2026, 11, 3)), DEFAULT_LIMIT)),
            [
                "Laos: a village baptism",
                "Pray for Kazakhstan: house churches under pressure"
            ]
        );
    }

    #[test]
    fn plan_puts_undated_entries_last_leaves_them_out_with_since_and_takes_each_page_once() {
        let mut feed = entries(
            &fixture("relative.rss"),
            "https://mission.example/letters/feed.xml",
        )
        .unwrap();
        feed.entries.push(feed.entries[0].clone());
        let urls = |entries: Vec<&Entry>| -> Vec<String> {
            entries.iter().map(|e| e.url.clone()).collect()
        };
        assert_eq!(
            urls(plan(&feed, None, DEFAULT_LIMIT)),
            [
                "https://mission.example/letters/yemen-winter.html",
                "https://mission.example/letters/libya-autumn.html",
                "https://mission.example/letters/undated.html",
            ]
        );
        assert_eq!(
            urls(plan(&feed, Some(day(2026, 1, 1)), DEFAULT_LIMIT)),
            [
                "https://mission.example/letters/yemen-winter.html",
                "https://mission.example/letters/libya-autumn.html",
            ]
        );
        assert!(plan(&feed, None, 0).is_empty());
    }
}
