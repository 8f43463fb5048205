//! The church year: Sunday names on the outputs, and pins on movable feasts.

use crate::Project;

const GOOD_FRIDAY: &str = "\n[[pin]]\nrule = \"easter - 2\"\ntitle = \"Good Friday\"\n\
    text = \"The cross.\"\npoints = [\"Pray for those who suffer for the cross.\"]\n";

#[test]
fn a_pin_on_good_friday_follows_easter_each_year() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "\n[output]",
        &format!("{GOOD_FRIDAY}\n[output]"),
    );
    // Western Easter: 28 March 2027 and 16 April 2028.
    for date in ["2027-03-26", "2028-04-14"] {
        let day = p.run(&["build", "--date", date, "--stdout"]).ok();
        assert!(day.contains("GOOD FRIDAY"), "{date}:\n{day}");
        assert!(day.contains("those who suffer for the cross"), "{date}");
    }
    let thursday = p.run(&["build", "--date", "2027-03-25", "--stdout"]).ok();
    assert!(!thursday.contains("GOOD FRIDAY"), "{thursday}");
}

#[test]
fn orthodox_reckoning_moves_pins_and_sunday_names() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "points_per_day = 2\n",
        "points_per_day = 2\nchurch_year = \"orthodox\"\n",
    );
    p.replace(
        "schedule.toml",
        "\n[output]",
        &format!("{GOOD_FRIDAY}\n[output]"),
    );
    // Orthodox Easter 2027 is 2 May: Good Friday 30 April.
    let friday = p.run(&["build", "--date", "2027-04-30", "--stdout"]).ok();
    assert!(friday.contains("GOOD FRIDAY"), "{friday}");
    assert!(
        friday.contains("Friday 30 April 2027 · Great and Holy Friday"),
        "{friday}"
    );
    let sunday = p.run(&["build", "--date", "2027-05-02", "--stdout"]).ok();
    assert!(sunday.contains("Sunday 2 May 2027 · Pascha"), "{sunday}");
}

fn orthodox(p: &Project) {
    p.replace(
        "schedule.toml",
        "points_per_day = 2\n",
        "points_per_day = 2\nchurch_year = \"orthodox\"\n",
    );
}

#[test]
fn the_orthodox_year_has_its_own_names_on_the_sheet() {
    let p = Project::fixture("small");
    orthodox(&p);
    let names = [
        ("2026-11-29", "26th Sunday after Pentecost (Nativity Fast)"),
        ("2026-12-13", "Sunday of the Forefathers"),
        ("2027-01-06", "Theophany"),
        ("2027-02-21", "Sunday of the Publican and the Pharisee"),
        ("2027-03-14", "Forgiveness Sunday (Cheesefare)"),
        ("2027-03-21", "Sunday of Orthodoxy"),
        ("2027-04-25", "Palm Sunday"),
        ("2027-05-09", "Thomas Sunday"),
        ("2027-06-20", "Pentecost"),
        ("2027-06-27", "Sunday of All Saints"),
    ];
    for (date, name) in names {
        let day = p.run(&["build", "--date", date, "--stdout"]).ok();
        assert!(day.contains(&format!(" · {name}\n")), "{date}:\n{day}");
        assert!(!day.contains("Advent") && !day.contains("Lent "), "{date}");
    }
    // Holy Week: Pascha names the week, the Thursday and Friday their days.
    let week = p
        .run(&["build", "--date", "2027-04-28", "--week", "--stdout"])
        .ok();
    assert!(
        week.contains("Week of 26 April – 2 May 2027 · Pascha"),
        "{week}"
    );
    assert!(
        week.contains("THURSDAY (Great and Holy Thursday): "),
        "{week}"
    );
    assert!(week.contains("FRIDAY (Great and Holy Friday): "), "{week}");
    assert!(
        !week.contains("Maundy") && !week.contains("Easter"),
        "{week}"
    );
}

#[test]
fn each_language_names_pascha() {
    let p = Project::fixture("small");
    orthodox(&p);
    let names = [
        ("en", "Pascha"),
        ("es", "Santa Pascua"),
        ("fr", "Sainte Pâque"),
        ("de", "Pascha"),
        ("pt", "Santa Páscoa"),
        ("ko", "파스카"),
        ("ar", "الفصح المجيد"),
    ];
    for (tag, name) in names {
        let json = p
            .run(&[
                "build",
                "--date",
                "2027-05-02",
                "--stdout",
                "--format",
                "json",
                "--language",
                tag,
            ])
            .ok();
        assert!(
            json.contains(&format!("\"sunday\": \"{name}\"")),
            "{tag}: {json}"
        );
    }
}

#[test]
fn christ_the_king_and_weekday_feasts_in_the_western_year() {
    let p = Project::fixture("small");
    let day = p.run(&["build", "--date", "2027-11-21", "--stdout"]).ok();
    assert!(
        day.contains("Sunday 21 November 2027 · Christ the King"),
        "{day}"
    );
    // Holy Week 2027: Maundy Thursday and Good Friday on the sheet of their week.
    let week = p
        .run(&["build", "--date", "2027-03-24", "--week", "--stdout"])
        .ok();
    assert!(week.contains("THURSDAY (Maundy Thursday): "), "{week}");
    assert!(week.contains("FRIDAY (Good Friday): "), "{week}");
    // The printed sheet names them beside their dates too.
    p.run(&[
        "build",
        "--date",
        "2027-03-24",
        "--week",
        "--format",
        "pdf",
        "--out",
        "print",
    ])
    .ok();
    let sheet = crate::pdf::text(&p.path("print/weeks/2027-03-22.pdf"));
    let squashed: String = sheet.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squashed.contains("·GoodFriday"), "{sheet}");
    assert!(squashed.contains("·MaundyThursday"), "{sheet}");
    assert!(!week.contains("WEDNESDAY ("), "{week}");
    let html = p
        .run(&[
            "build",
            "--date",
            "2027-03-24",
            "--week",
            "--stdout",
            "--format",
            "html",
        ])
        .ok();
    assert!(html.contains(" · Good Friday · "), "{html}");
    let feasts = [
        ("2027-01-06", "Epiphany"),
        ("2027-02-10", "Ash Wednesday"),
        ("2027-05-06", "Ascension Day"),
        ("2027-08-06", "The Transfiguration"),
        ("2027-11-01", "All Saints’ Day"),
    ];
    for (date, name) in feasts {
        let day = p.run(&["build", "--date", date, "--stdout"]).ok();
        assert!(day.contains(&format!("2027 · {name}\n")), "{date}:\n{day}");
    }
    let json = p
        .run(&[
            "build",
            "--date",
            "2027-03-26",
            "--stdout",
            "--format",
            "json",
        ])
        .ok();
    assert!(json.contains("\"feast\": \"Good Friday\""), "{json}");
}

#[test]
fn the_calendar_names_sundays_and_feasts() {
    let p = Project::fixture("small");
    p.run(&[
        "build",
        "--date",
        "2027-03-22",
        "--format",
        "ics",
        "--today",
        "2027-03-22",
    ])
    .ok();
    let ics = p.read("public/calendar.ics").replace("\r\n ", "");
    let summary = |date: &str| {
        let at = ics
            .find(&format!("DTSTART;VALUE=DATE:{date}"))
            .unwrap_or_else(|| panic!("no event on {date}"));
        let event = &ics[ics[..at].rfind("BEGIN:VEVENT").unwrap()..];
        let event = &event[..event.find("END:VEVENT").unwrap()];
        let line = event.lines().find(|l| l.starts_with("SUMMARY:")).unwrap();
        line["SUMMARY:".len()..].to_string()
    };
    assert!(
        summary("20270326").ends_with(" · Good Friday"),
        "{}",
        summary("20270326")
    );
    assert!(
        summary("20270328").ends_with(" · Easter Day"),
        "{}",
        summary("20270328")
    );
    assert!(
        summary("20271121").ends_with(" · Christ the King"),
        "{}",
        summary("20271121")
    );
    assert!(
        !summary("20270324").contains(" · "),
        "{}",
        summary("20270324")
    );
}

#[test]
fn sundays_are_named_on_the_day_and_the_week() {
    let p = Project::fixture("small");
    let day = p.run(&["build", "--date", "2026-11-29", "--stdout"]).ok();
    assert!(day.contains("Sunday 29 November 2026 · Advent 1"), "{day}");
    let week = p
        .run(&["build", "--date", "2027-03-24", "--week", "--stdout"])
        .ok();
    assert!(
        week.contains("Week of 22–28 March 2027 · Easter Day"),
        "{week}"
    );
    let json = p
        .run(&[
            "build",
            "--date",
            "2027-03-28",
            "--stdout",
            "--format",
            "json",
        ])
        .ok();
    assert!(json.contains("\"sunday\": \"Easter Day\""), "{json}");
    let monday = p
        .run(&[
            "build",
            "--date",
            "2027-03-29",
            "--stdout",
            "--format",
            "json",
        ])
        .ok();
    assert!(monday.contains("\"sunday\": null"), "{monday}");
}

#[test]
fn church_year_off_names_no_sunday() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "points_per_day = 2\n",
        "points_per_day = 2\nchurch_year = \"off\"\n",
    );
    let day = p.run(&["build", "--date", "2026-11-29", "--stdout"]).ok();
    assert!(!day.contains("Advent"), "{day}");
}

#[test]
fn a_bad_movable_rule_is_a_clear_error() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "\n[output]",
        "\n[[pin]]\nrule = \"easter - two\"\ncountry = \"AA\"\n\n[output]",
    );
    let err = p.run(&["check"]).fails();
    assert!(
        err.contains("`easter - two`: write the days from the feast as a whole number"),
        "{err}"
    );
    assert!(err.contains("schedule.toml:"), "{err}");
}

#[test]
fn a_rule_that_is_no_rule_lists_every_feast_a_pin_can_follow() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "\n[output]",
        "\n[[pin]]\nrule = \"whit monday\"\ncountry = \"AA\"\n\n[output]",
    );
    let err = p.run(&["check"]).fails();
    for feast in [
        "`ash wednesday`",
        "`palm sunday`",
        "`good friday`",
        "`ascension`",
        "`trinity sunday`",
        "`christ the king`",
        "`pascha`",
    ] {
        assert!(err.contains(feast), "{feast}: {err}");
    }
}
