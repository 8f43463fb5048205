//! The `ics` format: the rotation as one iCalendar file (RFC 5545) with an all-day event a day,
//! for churches and members to subscribe to in their calendar apps.
//!
//! The output is a pure function of the days: UIDs come from the title and date ([`ids`]), and
//! DTSTAMP is the day itself rather than the clock, so a rebuild is byte for byte the same and a
//! calendar app that fetches again updates its events instead of duplicating them.

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::publish::assemble::DayGuide;
use crate::publish::ids;
use crate::rotation::Audience;

/// Where the calendar goes in the output folder.
pub const FILE: &str = "calendar.ics";

/// The calendar of `days` for the guide called `title`. With `base_url`, each event links to
/// its day's page under `days/`.
pub fn calendar(title: &str, base_url: Option<&str>, days: &[DayGuide]) -> String {
    let mut calendar = Calendar::empty();
    let private = days.iter().any(|d| d.audience == Audience::Private);
    let name = if private {
        format!("{title} (private)")
    } else {
        title.to_string()
    };
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//prayer-guide//prayer-guide//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        // The crate escapes the TEXT of properties it knows; NAME (RFC 7986) is not one of them.
        .append_property(Property::new("NAME", escape_text(&name)))
        .append_property(("X-WR-CALNAME", name.as_str()))
        .append_property(
            Property::new("REFRESH-INTERVAL", "P1D")
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(("X-PUBLISHED-TTL", "P1D"));
    for day in days {
        calendar.push(event(title, base_url, day));
    }
    calendar.to_string()
}

fn event(title: &str, base_url: Option<&str>, day: &DayGuide) -> icalendar::Event {
    let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").expect("dates are ISO");
    let mut event = icalendar::Event::new();
    event
        .uid(&ids::day(title, date).to_string())
        .timestamp(date.and_time(NaiveTime::MIN).and_utc())
        .starts(date)
        .ends(date.succ_opt().unwrap_or(date))
        .summary(&summary(day))
        .description(&description(day, base_url))
        // A day of prayer does not make anyone busy.
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(base) = base_url {
        event.url(&format!("{base}days/{}.html", day.date));
    }
    event.done()
}

/// "Pray for Nigeria", or a pinned theme's title.
pub fn summary(day: &DayGuide) -> String {
    match &day.country {
        Some(c) => format!("Pray for {}", c.name),
        None => day.heading.clone(),
    }
}

/// The day as plain text: its first sentence or paragraph, then the numbered points.
fn description(day: &DayGuide, base_url: Option<&str>) -> String {
    let mut text = String::new();
    if day.audience == Audience::Private {
        text.push_str("Private: includes points not for public posting.\n\n");
    }
    let intro = match (&day.country, &day.theme) {
        (Some(c), _) => Some(c.lead.as_str()),
        (None, Some(t)) => t.text.first().map(String::as_str),
        _ => None,
    };
    if let Some(intro) = intro.filter(|i| !i.is_empty()) {
        text.push_str(intro);
        text.push_str("\n\n");
    }
    for (i, point) in day.points.iter().enumerate() {
        text.push_str(&format!("{}. {point}\n", i + 1));
    }
    if let Some(s) = &day.scripture {
        text.push_str(&format!("\nRead: {s}\n"));
    }
    if let Some(base) = base_url {
        text.push_str(&format!("\n{base}days/{}.html\n", day.date));
    }
    // Carriage returns would end the content line early; the rest is escaped by the crate.
    text.trim_end().replace('\r', "")
}

/// RFC 5545 TEXT escaping (section 3.3.11), for the property the crate does not escape.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\r', "")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_calendar_name() {
        assert_eq!(escape_text("A, B; C\\D\nE"), "A\\, B\\; C\\\\D\\nE");
    }
}
