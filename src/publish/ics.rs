//! The `ics` format: the rotation as one iCalendar file (RFC 5545) with an all-day event a day,
//! for churches and members to subscribe to in their calendar apps.
//!
//! The output is a pure function of the days and the ledger: UIDs come from the title and date
//! ([`ids`]), and DTSTAMP is the day itself rather than the clock, so a rebuild is byte for byte
//! the same and a calendar app that fetches again updates its events instead of duplicating
//! them. A published day's event is CONFIRMED and never changes. A day the calendar shows
//! beyond what is published is announced: TENTATIVE, with a line saying it may still change,
//! and SEQUENCE and LAST-MODIFIED taken from how far the ledger has got, so a subscribed
//! calendar takes the new version when an edit changes it (and the published version, whose
//! SEQUENCE is its day's number in the rotation, is never older than an announced one).

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::content::locale::Locale;
use crate::publish::assemble::{Assembler, DayGuide};
use crate::publish::ids;
use crate::rotation::Audience;

/// Where the calendar goes in the output folder.
pub const FILE: &str = "calendar.ics";

/// The calendar of `days` for the guide called `title`. With `base_url`, each event links to
/// its day's page under `days/`. Each day is labelled as `assembler` shows it; days it has not
/// published are announced.
pub fn calendar(
    title: &str,
    base_url: Option<&str>,
    days: &[DayGuide],
    assembler: &Assembler,
) -> String {
    let locale = &assembler.locale;
    let mut calendar = Calendar::empty();
    let private = days.iter().any(|d| d.audience == Audience::Private);
    let name = if private {
        format!("{title} {}", locale.label("feed-private", &[]))
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
    let ledger = Ledger {
        start: assembler.schedule.start,
        first_unpublished: assembler.first_unpublished(),
    };
    for day in days {
        let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").expect("dates are ISO");
        calendar.push(event(base_url, day, &assembler.locale_on(date), ledger));
    }
    refold(&calendar.to_string())
}

/// The most octets a content line may have, CRLF not counted (RFC 5545 section 3.1).
pub const MAX_LINE: usize = 75;

/// Folds every content line to at most [`MAX_LINE`] octets, never inside a UTF-8 character.
/// The icalendar crate folds too, but leaves a line of 76 octets when the last piece is exactly
/// 75 bytes long, so its folding is undone and done again here.
pub fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in unfolded.split_terminator("\r\n") {
        fold_line(line, &mut out);
    }
    out
}

/// Writes `line` as a first piece of at most 75 octets and continuation lines of a space and
/// at most 74, each ending in CRLF.
fn fold_line(mut line: &str, out: &mut String) {
    let mut room = MAX_LINE;
    loop {
        if line.len() <= room {
            out.push_str(line);
            out.push_str("\r\n");
            return;
        }
        // Some readers (the `ical` crate among them) drop all the whitespace that starts a
        // continuation line, not just the one space of the fold: never cut next to a space.
        let boundary = |cut: usize| line.is_char_boundary(cut);
        let spaced = |cut: usize| {
            line[..cut].ends_with(char::is_whitespace)
                || line[cut..].starts_with(char::is_whitespace)
        };
        let cut = (room / 2..=room)
            .rev()
            .find(|&cut| boundary(cut) && !spaced(cut))
            .or_else(|| (1..=room).rev().find(|&cut| boundary(cut)))
            .unwrap_or(room);
        out.push_str(&line[..cut]);
        out.push_str("\r\n ");
        line = &line[cut..];
        room = MAX_LINE - 1;
    }
}

/// How far the ledger has got, for the events' status and version.
#[derive(Clone, Copy)]
struct Ledger {
    start: NaiveDate,
    first_unpublished: NaiveDate,
}

fn event(
    base_url: Option<&str>,
    day: &DayGuide,
    locale: &Locale,
    ledger: Ledger,
) -> icalendar::Event {
    let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d").expect("dates are ISO");
    let published = date < ledger.first_unpublished;
    // A published day: its own number in the rotation and its own midnight, for ever. An
    // announced one: the ledger's progress, which only grows, and never reaches the number
    // the day will have once published.
    let (sequence, stamp) = if published {
        ((date - ledger.start).num_days() + 1, date)
    } else {
        (
            (ledger.first_unpublished - ledger.start).num_days(),
            ledger.first_unpublished,
        )
    };
    let stamp = stamp.and_time(NaiveTime::MIN).and_utc();
    let mut description = description(day, base_url, locale);
    if !published {
        description.push_str("\n\n");
        description.push_str(&locale.label("calendar-announced", &[]));
    }
    let mut event = icalendar::Event::new();
    // The day's own title: a published day keeps the one it was published with.
    event
        .uid(&ids::day(&ids::in_language(&day.id_title, locale), date).to_string())
        .timestamp(stamp)
        .last_modified(stamp)
        .sequence(sequence.max(0) as u32)
        .status(if published {
            icalendar::EventStatus::Confirmed
        } else {
            icalendar::EventStatus::Tentative
        })
        .starts(date)
        .ends(date.succ_opt().unwrap_or(date))
        .summary(&summary(day, locale))
        .description(&description)
        // A day of prayer does not make anyone busy.
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(base) = base_url {
        event.url(&format!("{base}days/{}.html", day.date));
    }
    event.done()
}

/// "Pray for Nigeria", or a pinned theme's title; with the day's name in the church year after
/// it on a Sunday or a feast: "Pray for Nigeria · Good Friday".
pub fn summary(day: &DayGuide, locale: &Locale) -> String {
    let summary = match &day.country {
        Some(c) => locale.label("calendar-pray-for", &[("country", &c.name)]),
        None => day.heading.clone(),
    };
    match day.sunday.as_ref().or(day.feast.as_ref()) {
        Some(name) => format!("{summary} · {name}"),
        None => summary,
    }
}

/// The day as plain text: its first sentence or paragraph, then the numbered points.
pub fn description(day: &DayGuide, base_url: Option<&str>, locale: &Locale) -> String {
    let mut text = String::new();
    if day.audience == Audience::Private {
        text.push_str(&locale.label("calendar-private", &[]));
        text.push_str("\n\n");
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
        text.push('\n');
        text.push_str(&locale.label("read", &[("scripture", s)]));
        text.push('\n');
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
    fn folds_at_75_octets_even_when_the_last_piece_is_exactly_75() {
        // 150 octets: a first line of 75, then exactly 75 left, where the crate wrote a
        // continuation line of 76 (its space and the 75).
        let line = format!("DESCRIPTION:{}", "x".repeat(150 - 12));
        let folded = refold(&format!("BEGIN:VCALENDAR\r\n{line}\r\nEND:VCALENDAR\r\n"));
        let lines: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 5, "{folded:?}");
        assert_eq!(lines[1].len(), 75);
        assert_eq!(lines[2].len(), 75);
        assert_eq!(lines[3], " x");
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VCALENDAR\r\n{line}\r\nEND:VCALENDAR\r\n")
        );
        assert_eq!(refold(&folded), folded, "folding twice changes nothing");
    }

    #[test]
    fn never_folds_inside_a_character() {
        let text = format!("SUMMARY:{}\r\n", "老虎Ä".repeat(40));
        let folded = refold(&text);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE, "{} octets: {line}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), text);
    }

    #[test]
    fn never_folds_next_to_a_space() {
        let text = format!("DESCRIPTION:{}end\r\n", "ab ".repeat(60));
        let folded = refold(&text);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE);
            assert!(!line.ends_with(' '), "{line:?}");
            assert!(!line.starts_with("  "), "{line:?}");
        }
        assert_eq!(folded.replace("\r\n ", ""), text);
    }

    #[test]
    fn the_crate_alone_writes_a_76_octet_line() {
        // The case refold exists for: if this starts failing, the crate was fixed upstream.
        let mut calendar = Calendar::empty();
        calendar.append_property(("X-TEST", "y".repeat(150 - 7).as_str()));
        let longest = calendar
            .to_string()
            .split("\r\n")
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert_eq!(longest, 76);
    }

    #[test]
    fn escapes_the_calendar_name() {
        assert_eq!(escape_text("A, B; C\\D\nE"), "A\\, B\\; C\\\\D\\nE");
    }
}
