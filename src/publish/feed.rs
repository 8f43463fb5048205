//! The `atom` format: an Atom feed (RFC 4287) of the most recent days, each entry the day's
//! guide in HTML, for feed readers, church websites and RSS-to-email services.
//!
//! Ids come from the title and date ([`ids`]) and every date is the day's midnight in the
//! schedule's time zone, so the feed is a pure function of its days, byte for byte. A published
//! day's entry keeps the title, labels and time zone it was published with.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use chrono::{NaiveDate, NaiveTime, TimeZone};

use crate::content::locale::Locale;
use crate::publish::assemble::{Assembler, DayGuide};
use crate::publish::ids;
use crate::rotation::Audience;

/// Where the feed goes in the output folder.
pub const FILE: &str = "feed.xml";

/// One day of the feed: the day and its guide as an HTML fragment.
pub struct FeedDay<'a> {
    pub day: &'a DayGuide,
    pub html: String,
}

/// The feed of `days` (in any order; entries come newest first) for the guide called `title`
/// (`id_title` in the schedule's own language, which its id derives from). With `base_url`, the
/// feed and each entry link to their pages.
pub fn feed(
    title: &str,
    id_title: &str,
    base_url: Option<&str>,
    days: Vec<FeedDay>,
    assembler: &Assembler,
) -> String {
    let locale = &assembler.locale;
    let timezone = assembler.schedule.timezone;
    let private = days.iter().any(|d| d.day.audience == Audience::Private);
    let mut entries: Vec<Entry> = days
        .into_iter()
        .map(|d| {
            let date = NaiveDate::parse_from_str(&d.day.date, "%Y-%m-%d").expect("dates are ISO");
            let locale = assembler.locale_on(date);
            entry(base_url, assembler.timezone_on(date), d, &locale)
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    let mut links = Vec::new();
    if let Some(base) = base_url {
        links.push(link(base, "alternate", "text/html"));
        links.push(link(
            &format!("{base}{FILE}"),
            "self",
            "application/atom+xml",
        ));
    }
    let feed = Feed {
        title: Text::plain(if private {
            format!("{title} {}", locale.label("feed-private", &[]))
        } else {
            title.to_string()
        }),
        id: format!(
            "urn:uuid:{}",
            ids::project(&ids::in_language(id_title, locale))
        ),
        // An empty feed (all its days before the rotation starts) is dated at the epoch.
        updated: entries
            .first()
            .map_or_else(|| midnight(NaiveDate::default(), timezone), |e| e.updated),
        authors: vec![Person {
            name: title.to_string(),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "prayer-guide".into(),
            ..Generator::default()
        }),
        links,
        entries,
        lang: Some(locale.written_in().to_string()),
        ..Feed::default()
    };
    let mut text = feed.to_string();
    text.push('\n');
    text
}

fn entry(base_url: Option<&str>, timezone: chrono_tz::Tz, d: FeedDay, locale: &Locale) -> Entry {
    let day = d.day;
    let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").expect("dates are ISO");
    let when = midnight(date, timezone);
    let private = if day.audience == Audience::Private {
        format!("{} ", locale.label("feed-private", &[]))
    } else {
        String::new()
    };
    let summary = match (&day.country, &day.theme) {
        (Some(c), _) => Some(c.lead.clone()),
        (None, Some(t)) => t.text.first().cloned(),
        _ => None,
    };
    Entry {
        title: Text::plain(format!("{private}{}: {}", day.date_long, day.heading)),
        // The day's own title: a published day keeps the one it was published with.
        id: format!(
            "urn:uuid:{}",
            ids::day(&ids::in_language(&day.id_title, locale), date)
        ),
        updated: when,
        published: Some(when),
        links: base_url
            .map(|base| {
                vec![link(
                    &format!("{base}days/{}.html", day.date),
                    "alternate",
                    "text/html",
                )]
            })
            .unwrap_or_default(),
        summary: summary.filter(|s| !s.is_empty()).map(Text::plain),
        content: Some(Content {
            value: Some(d.html),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: href.into(),
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

/// The start of `date` in `timezone`; where a clock change skips midnight, midnight UTC.
fn midnight(date: NaiveDate, timezone: chrono_tz::Tz) -> FixedDateTime {
    let local = date.and_time(NaiveTime::MIN);
    match timezone.from_local_datetime(&local).earliest() {
        Some(t) => t.fixed_offset(),
        None => local.and_utc().fixed_offset(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_local_midnight() {
        let date = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(
            midnight(date, chrono_tz::Europe::London).to_rfc3339(),
            "2026-07-01T00:00:00+01:00"
        );
        // Santiago skips from 00:00 to 01:00 on 6 September 2026.
        let skipped = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        assert_eq!(
            midnight(skipped, chrono_tz::America::Santiago).to_rfc3339(),
            "2026-09-06T00:00:00+00:00"
        );
    }
}
