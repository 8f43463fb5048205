//! The `atom` format, read back with a feed parser (`feed-rs`).

use std::collections::HashSet;

use feed_rs::model::FeedType;

use crate::Project;

fn parse(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).expect("the feed parses")
}

#[test]
fn the_feed_holds_the_last_fourteen_days_newest_first() {
    let p = Project::fixture("small");
    let out = p
        .run(&["build", "--date", "2026-11-20", "--format", "atom"])
        .ok();
    assert_eq!(out, "wrote public/feed.xml\n");
    let xml = p.read("public/feed.xml");
    let feed = parse(&xml);
    assert_eq!(feed.feed_type, FeedType::Atom);
    assert_eq!(feed.title.unwrap().content, "Test Prayer Guide");
    assert!(feed.id.starts_with("urn:uuid:"), "{}", feed.id);
    assert_eq!(feed.entries.len(), 14);
    let first = &feed.entries[0];
    assert_eq!(
        first.title.as_ref().unwrap().content,
        "Friday 20 November 2026: Alphaland"
    );
    assert_eq!(
        first.updated.unwrap().to_rfc3339(),
        "2026-11-20T00:00:00+00:00"
    );
    assert_eq!(first.published, first.updated);
    let last = &feed.entries[13];
    assert!(
        last.title
            .as_ref()
            .unwrap()
            .content
            .starts_with("Saturday 7 November 2026")
    );
    let ids: HashSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 14);
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")));
    for e in &feed.entries {
        let content = e.content.as_ref().unwrap();
        assert_eq!(content.content_type.to_string(), "text/html");
        let html = content.body.as_deref().unwrap();
        assert!(html.contains("<h2>Please pray</h2>"), "{html}");
        assert!(!html.contains("SECRET"));
        assert!(!html.contains("<script>"), "{html}");
    }
    // RFC 3339 dates in the schedule's zone, as written.
    assert!(xml.contains("<updated>2026-11-20T00:00:00+00:00</updated>"));
    // The same feed when built again: nothing comes from the clock.
    p.run(&["build", "--date", "2026-11-20", "--format", "atom"])
        .ok();
    assert_eq!(p.read("public/feed.xml"), xml);
}

#[test]
fn feed_length_and_links_come_from_the_schedule() {
    let p = Project::fixture("small");
    p.write(
        "schedule.toml",
        &(p.read("schedule.toml") + "feed_days = 3\nbase_url = \"https://example.org/prayer\"\n"),
    );
    p.run(&["build", "--date", "2026-07-01", "--format", "atom"])
        .ok();
    let feed = parse(&p.read("public/feed.xml"));
    assert_eq!(feed.entries.len(), 3);
    let links: Vec<(Option<&str>, &str)> = feed
        .links
        .iter()
        .map(|l| (l.rel.as_deref(), l.href.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (Some("alternate"), "https://example.org/prayer/"),
            (Some("self"), "https://example.org/prayer/feed.xml")
        ]
    );
    let entry = &feed.entries[0];
    assert_eq!(
        entry.links[0].href,
        "https://example.org/prayer/days/2026-07-01.html"
    );
    // Summer time in Europe/London.
    assert!(
        p.read("public/feed.xml")
            .contains("<updated>2026-07-01T00:00:00+01:00</updated>")
    );
}

#[test]
fn the_feed_starts_no_earlier_than_the_rotation() {
    let p = Project::fixture("small");
    p.run(&["build", "--date", "2026-01-06", "--format", "atom"])
        .ok();
    assert_eq!(parse(&p.read("public/feed.xml")).entries.len(), 2);
}
