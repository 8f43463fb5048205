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
    let sunday = p.run(&["build", "--date", "2027-05-02", "--stdout"]).ok();
    assert!(
        sunday.contains("Sunday 2 May 2027 · Easter Day"),
        "{sunday}"
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
