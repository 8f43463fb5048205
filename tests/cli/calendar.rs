//! The `ics` format, read back with an iCalendar parser (the `ical` crate, independent of the
//! `icalendar` crate that writes it) and checked line by line against RFC 5545.

use std::collections::HashSet;

use ical::parser::ical::component::IcalEvent;

use crate::{Project, files_under};

fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "more than one calendar");
    calendar
}

fn property<'a>(event: &'a IcalEvent, name: &str) -> &'a str {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// RFC 5545 section 3.3.11, read back.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a lone backslash ends {text:?}"),
            }
        } else {
            assert!(
                !matches!(c, ';' | ','),
                "unescaped {c:?} in the TEXT value {text:?}"
            );
            out.push(c);
        }
    }
    out
}

/// Content lines: CRLF endings, at most 75 octets, continuation lines start with a space.
fn assert_lines_follow_rfc_5545(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn a_calendar_for_the_next_twelve_months_by_default() {
    let p = Project::fixture("small");
    let out = p
        .run(&[
            "build",
            "--date",
            "2026-11-01",
            "--format",
            "ics",
            "--today",
            "2026-11-01",
        ])
        .ok();
    assert_eq!(out, "wrote public/calendar.ics\n");
    let text = p.read("public/calendar.ics");
    assert_lines_follow_rfc_5545(&text);
    let calendar = parse(&text);
    let name = |n: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(name("VERSION").as_deref(), Some("2.0"));
    assert_eq!(name("X-WR-CALNAME").as_deref(), Some("Test Prayer Guide"));
    assert_eq!(name("METHOD").as_deref(), Some("PUBLISH"));

    // 1 November 2026 to 31 October 2027: 365 days, one all-day event each.
    let events = &calendar.events;
    assert_eq!(events.len(), 365);
    assert_eq!(property(&events[364], "DTSTART"), "20271031");
    let uids: HashSet<&str> = events.iter().map(|e| property(e, "UID")).collect();
    assert_eq!(uids.len(), 365, "UIDs repeat");
    for e in events {
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(
            start.params,
            Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
        );
        // Published through the end of next week (Sunday 8 November): DTSTAMP is the day
        // itself, never the clock. The days after are announced.
        if property(e, "DTSTART") <= "20261108" {
            assert_eq!(property(e, "STATUS"), "CONFIRMED");
            assert_eq!(
                property(e, "DTSTAMP"),
                format!("{}T000000Z", property(e, "DTSTART"))
            );
            assert!(!property(e, "DESCRIPTION").contains("Announced"));
        } else {
            assert_eq!(property(e, "STATUS"), "TENTATIVE");
            assert_eq!(property(e, "DTSTAMP"), "20261109T000000Z");
            assert_eq!(property(e, "LAST-MODIFIED"), "20261109T000000Z");
            assert!(
                unescape(property(e, "DESCRIPTION"))
                    .ends_with("\n\nAnnounced: this day may still change before it is published."),
                "{}",
                property(e, "DESCRIPTION")
            );
        }
        assert_eq!(property(e, "TRANSP"), "TRANSPARENT");
        assert!(!property(e, "DESCRIPTION").contains("SECRET"));
    }
    // The first Sunday of November is a pinned theme, on All Saints' Day in 2026; the next
    // day is a country.
    let theme = &events[0];
    assert_eq!(property(theme, "DTSTART"), "20261101");
    assert_eq!(property(theme, "DTEND"), "20261102");
    assert_eq!(
        property(theme, "SUMMARY"),
        "Day of Prayer · All Saints’ Day"
    );
    assert_eq!(
        unescape(property(theme, "DESCRIPTION")),
        "A day for everyone.\n\n1. Pray for all who suffer.\n2. Pray for our church."
    );
    let country = &events[1];
    assert_eq!(property(country, "SUMMARY"), "Pray for Alphaland");
    assert_eq!(
        unescape(property(country, "DESCRIPTION")),
        "Alphaland has a small church.\n\n\
         1. Pray for Alphaland believers, point four.\n2. Pray for Alphaland church point one.\n\n\
         Read: Hebrews 13:3"
    );
}

#[test]
fn uids_are_stable_across_builds_and_ranges() {
    let p = Project::fixture("small");
    p.run(&["build", "--date", "2026-11-01", "--format", "ics"])
        .ok();
    let year = p.read("public/calendar.ics");
    let out = p
        .run(&[
            "build",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
            "--format",
            "ics",
            "--out",
            "december",
        ])
        .ok();
    assert_eq!(out, "wrote december/calendar.ics\n");
    let december = p.read("december/calendar.ics");
    let uids = |text: &str| -> Vec<(String, String)> {
        parse(text)
            .events
            .iter()
            .map(|e| (property(e, "DTSTART").into(), property(e, "UID").into()))
            .collect()
    };
    let in_year = uids(&year);
    let in_december = uids(&december);
    assert_eq!(in_december.len(), 31);
    for pair in &in_december {
        assert!(
            in_year.contains(pair),
            "{pair:?} differs between the builds"
        );
    }
    // Byte for byte the same when built again: nothing is taken from the clock.
    p.run(&["build", "--date", "2026-11-01", "--format", "ics"])
        .ok();
    assert_eq!(p.read("public/calendar.ics"), year);
    // Another guide's title makes other UIDs, for the days not published: a published day
    // keeps the title, and so the UID, it was published with.
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title = \"Another Guide\"",
    );
    p.run(&["build", "--date", "2026-11-01", "--format", "ics"])
        .ok();
    let published = p.read("published.txt");
    let other = uids(&p.read("public/calendar.ics"));
    assert_eq!(other.len(), in_year.len());
    for pair in &other {
        let date = format!("\n{}-{}-{} ", &pair.0[..4], &pair.0[4..6], &pair.0[6..8]);
        assert_eq!(
            in_year.contains(pair),
            published.contains(&date),
            "{pair:?}"
        );
    }
    assert!(other.iter().any(|pair| in_year.contains(pair)));
    assert!(other.iter().any(|pair| !in_year.contains(pair)));
}

#[test]
fn an_announced_day_is_tentative_until_published_and_its_sequence_only_grows() {
    let p = Project::fixture("small");
    let build = |today: &str| {
        p.run(&[
            "build", "--date", today, "--format", "ics", "--today", today,
        ])
        .ok();
        parse(&p.read("public/calendar.ics"))
    };
    let event = |calendar: &ical::parser::ical::component::IcalCalendar, date: &str| {
        let e = calendar
            .events
            .iter()
            .find(|e| property(e, "DTSTART") == date)
            .unwrap_or_else(|| panic!("no event on {date}"))
            .clone();
        let get = |name: &str| property(&e, name).to_string();
        (
            get("STATUS"),
            get("SEQUENCE").parse::<u32>().unwrap(),
            get("LAST-MODIFIED"),
            get("UID"),
            get("DESCRIPTION"),
        )
    };
    let early = build("2026-11-02");
    let later = build("2026-11-23");
    let last = build("2026-12-14");
    let (s1, q1, m1, u1, _) = event(&early, "20261220");
    let (s2, q2, m2, u2, _) = event(&later, "20261220");
    let (s3, q3, m3, u3, d3) = event(&last, "20261220");
    assert_eq!((s1.as_str(), s2.as_str()), ("TENTATIVE", "TENTATIVE"));
    assert_eq!(s3, "CONFIRMED");
    assert!(q1 < q2 && q2 < q3, "{q1} {q2} {q3}");
    assert!(m1 < m2 && m2 < m3, "{m1} {m2} {m3}");
    assert_eq!((u1.as_str(), u2.as_str()), (u3.as_str(), u3.as_str()));
    assert!(!d3.contains("Announced"), "{d3}");
    // Once published, the event no longer changes.
    p.run(&[
        "build",
        "--date",
        "2026-12-14",
        "--format",
        "ics",
        "--today",
        "2027-03-01",
    ])
    .ok();
    let again = parse(&p.read("public/calendar.ics"));
    assert_eq!(event(&again, "20261220"), event(&last, "20261220"));
}

#[test]
fn special_characters_are_escaped_and_long_lines_folded() {
    let p = Project::fixture("small");
    let point = "Pray; for Betastan, its \\\\ backslash and “quotes” — \
                 Ünïcödé words repeated: ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ ÄÖÜ 老虎老虎老虎.";
    p.replace(
        "guides/beta.toml",
        "\"Pray for Betastan church one.\"",
        &format!("\"{point}\""),
    );
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title = \"Pray, Watch; Give\"",
    );
    p.write(
        "schedule.toml",
        &(p.read("schedule.toml") + "base_url = \"https://example.org/prayer\"\n"),
    );
    p.run(&[
        "build",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-10",
        "--format",
        "ics",
    ])
    .ok();
    let text = p.read("public/calendar.ics");
    assert_lines_follow_rfc_5545(&text);
    assert!(text.contains("\r\n "), "nothing was folded");
    let calendar = parse(&text);
    let name = |n: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    assert_eq!(unescape(&name("NAME")), "Pray, Watch; Give");
    assert_eq!(unescape(&name("X-WR-CALNAME")), "Pray, Watch; Give");
    let beta = calendar
        .events
        .iter()
        .find(|e| property(e, "SUMMARY") == "Pray for Betastan")
        .unwrap();
    let description = unescape(property(beta, "DESCRIPTION"));
    let expected_point = point.replace("\\\\", "\\");
    assert!(
        description.contains(&format!(". {expected_point}\n")),
        "{description}"
    );
    let date = property(beta, "DTSTART");
    let day = format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]);
    assert_eq!(
        property(beta, "URL"),
        format!("https://example.org/prayer/days/{day}.html")
    );
    assert!(description.ends_with(&format!("https://example.org/prayer/days/{day}.html")));
    assert_eq!(files_under(&p.path("public")).len(), 1);
}

/// The repository's own library over a year: every content line of at most 75 octets, each
/// one whole UTF-8 (never split inside a character), and read back by an independent parser
/// to exactly the text of each day.
#[test]
fn a_year_of_the_library_folds_every_line_within_75_octets() {
    use chrono::NaiveDate;
    use prayer_guide::content::project::Project as Library;
    use prayer_guide::publish::{assemble::Assembler, ics};
    use prayer_guide::rotation::Audience;

    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let args = [
        "build",
        "--from",
        "2027-01-01",
        "--to",
        "2027-12-31",
        "--format",
        "ics",
        "--out",
        dir,
    ];
    // In a copy: a build publishes its days into the project's ledger.
    let copy = crate::Project::repository();
    copy.run(&args).ok();
    let bytes = std::fs::read(out.path().join("calendar.ics")).unwrap();
    let mut lines = 0;
    let mut folded = 0;
    let (last, all) = bytes
        .split(|&b| b == b'\n')
        .collect::<Vec<_>>()
        .split_last()
        .map(|(l, a)| (l.to_vec(), a.to_vec()))
        .unwrap();
    assert!(last.is_empty(), "the file ends in CRLF");
    for line in all {
        let line = line.strip_suffix(b"\r").expect("every line ends in CRLF");
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "split inside a character: {line:?}"
        );
        lines += 1;
        folded += usize::from(line.starts_with(b" "));
    }
    assert!(folded > 1000, "only {folded} of {lines} lines are folded");
    let text = String::from_utf8(bytes).unwrap();
    assert_lines_follow_rfc_5545(&text);

    let library = Library::load(&copy.path("schedule.toml")).unwrap();
    let ledger = prayer_guide::publish::ledger::load(&library, &[], false).unwrap();
    let assembler = Assembler::new(
        &library.catalog,
        &library.schedule,
        &ledger,
        Audience::Public,
    );
    let base_url = library.schedule.output.base_url.as_deref();
    let calendar = parse(&text);
    assert_eq!(calendar.events.len(), 365);
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    for (event, date) in calendar.events.iter().zip(first.iter_days()) {
        let day = assembler.day(date).unwrap();
        assert_eq!(
            property(event, "DTSTART"),
            date.format("%Y%m%d").to_string()
        );
        assert_eq!(
            unescape(property(event, "SUMMARY")),
            ics::summary(&day, &prayer_guide::content::locale::Locale::english())
        );
        let mut description = ics::description(
            &day,
            base_url,
            &prayer_guide::content::locale::Locale::english(),
        );
        if date >= ledger.first_unpublished() {
            description
                .push_str("\n\nAnnounced: this day may still change before it is published.");
        }
        assert_eq!(
            unescape(property(event, "DESCRIPTION")),
            description,
            "{date}"
        );
    }
}
