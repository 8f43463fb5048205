use crate::{Project, files_under};

#[test]
fn build_writes_the_day_and_its_week_by_default() {
    let p = Project::fixture("small");
    let out = p.run(&["build", "--date", "2026-11-25"]).ok();
    assert_eq!(
        out,
        "wrote public/days/2026-11-25.html\nwrote public/days/2026-11-25.txt\n\
         wrote public/weeks/2026-11-23.html\nwrote public/weeks/2026-11-23.txt\n"
    );
    assert!(
        p.read("public/weeks/2026-11-23.html")
            .contains("size: letter")
    );
}

#[test]
fn day_as_text() {
    let p = Project::fixture("small");
    insta::assert_snapshot!(p.run(&["build", "--date", "2026-11-02", "--stdout"]).ok());
}

#[test]
fn day_as_html_escapes_content() {
    let p = Project::fixture("small");
    let html = p
        .run(&[
            "build",
            "--date",
            "2026-11-02",
            "--stdout",
            "--format",
            "html",
        ])
        .ok();
    assert!(
        html.contains("Believers &lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt;")
            || html.contains("Believers &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"));
    insta::assert_snapshot!(html);
}

#[test]
fn week_as_text_and_html() {
    let p = Project::fixture("small");
    insta::assert_snapshot!(
        "week_txt",
        p.run(&["build", "--date", "2026-11-04", "--week", "--stdout"])
            .ok()
    );
    insta::assert_snapshot!(
        "week_html",
        p.run(&[
            "build",
            "--date",
            "2026-11-04",
            "--week",
            "--stdout",
            "--format",
            "html",
            "--paper",
            "a4"
        ])
        .ok()
    );
}

#[test]
fn plain_text_lines_fit_72_columns() {
    let p = Project::fixture("small");
    p.run(&[
        "build",
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-30",
        "--format",
        "txt",
    ])
    .ok();
    for file in files_under(&p.path("public")) {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            assert!(line.chars().count() <= 72, "{}: {line:?}", file.display());
        }
    }
}

#[test]
fn context_prints_the_template_json() {
    let p = Project::fixture("small");
    let json = p.run(&["build", "--date", "2026-11-01", "--context"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["kind"], "theme");
    assert_eq!(v["heading"], "Day of Prayer");
    assert_eq!(v["schema"], 1);
    let week = p
        .run(&["build", "--date", "2026-11-01", "--week", "--context"])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&week).unwrap();
    assert_eq!(v["start"], "2026-10-26");
    assert_eq!(v["days"].as_array().unwrap().len(), 7);
}

#[test]
fn range_builds_a_tree_named_by_date() {
    let p = Project::fixture("small");
    let out = p
        .run(&[
            "build",
            "--from",
            "2026-12-28",
            "--to",
            "2027-01-10",
            "--date",
            "2027-01-01",
            "--format",
            "json",
            "--out",
            "site",
        ])
        .ok();
    assert_eq!(out, "wrote 18 files to site\n");
    let names: Vec<String> = files_under(&p.path("site"))
        .iter()
        .map(|f| {
            f.strip_prefix(p.path("site"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(names.len(), 18);
    assert_eq!(names[0], "days/2026-12-28.json");
    assert_eq!(names[13], "days/2027-01-10.json");
    // 2026 has 53 ISO weeks: its last week is simply the one starting 28 December.
    assert_eq!(
        &names[14..],
        [
            "this-week.json",
            "today.json",
            "weeks/2026-12-28.json",
            "weeks/2027-01-04.json"
        ]
    );
    // With a range, --date is the day treated as today.
    assert_eq!(
        p.read("site/today.json"),
        p.read("site/days/2027-01-01.json")
    );
    assert_eq!(
        p.read("site/this-week.json"),
        p.read("site/weeks/2026-12-28.json")
    );
}

/// Every public output of a whole rotation, in every format, leaves restricted points out;
/// only --private brings them in.
#[test]
fn restricted_points_never_reach_a_public_output() {
    let p = Project::fixture("small");
    let args = [
        "build",
        "--from",
        "2026-01-05",
        "--to",
        "2026-03-31",
        "--date",
        "2026-03-31",
        "--format",
        "html,txt,json,bulletin,ics,atom",
    ];
    p.run(&args).ok();
    let files = files_under(&p.path("public"));
    // Days in three formats, weeks in four, today.json and this-week.json, calendar and feed.
    assert_eq!(files.len(), 86 * 3 + 13 * 4 + 2 + 2);
    for file in &files {
        assert!(
            !std::fs::read_to_string(file).unwrap().contains("SECRET"),
            "{}",
            file.display()
        );
    }
    let mut private = args.to_vec();
    private.extend(["--private", "--out", "private"]);
    let run = p.run(&private);
    assert!(run.stderr.contains("do not publish"));
    let leaked = files_under(&p.path("private"))
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("SECRET"))
        .count();
    assert!(leaked > 0);
}

#[test]
fn templates_are_overridden_by_name() {
    let p = Project::fixture("small");
    p.write(
        "templates/day.txt",
        "{{ heading }} on {{ date }}: {{ points | length }} points\n",
    );
    assert_eq!(
        p.run(&["build", "--date", "2026-11-02", "--stdout"]).ok(),
        "Alphaland on 2026-11-02: 2 points\n"
    );
    // The other templates are still the built-in ones.
    assert!(
        p.run(&[
            "build",
            "--date",
            "2026-11-02",
            "--stdout",
            "--format",
            "html"
        ])
        .ok()
        .contains("<h1>Alphaland</h1>")
    );
}

#[test]
fn stdout_takes_one_format() {
    let p = Project::fixture("small");
    let err = p
        .run(&[
            "build",
            "--date",
            "2026-11-02",
            "--stdout",
            "--format",
            "html,txt",
        ])
        .fails();
    assert_eq!(
        err,
        "error: --stdout prints one format: pick one with --format\n"
    );
}

#[test]
fn notes_join_the_weekly_text_too() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes = \"\"\"\nPrayer meeting on Wednesday at seven in the church hall, \
         with tea and cake afterwards for everyone who comes.\n\nAll welcome.\"\"\"",
    );
    let text = p
        .run(&["build", "--date", "2026-11-04", "--week", "--stdout"])
        .ok();
    assert!(
        text.ends_with(
            "  2. Pray for Alphaland point two.\n\nOUR CHURCH'S NOTES\n\
             Prayer meeting on Wednesday at seven in the church hall, with tea and\n\
             cake afterwards for everyone who comes.\n\nAll welcome.\n"
        ),
        "{text}"
    );
}

#[test]
fn json_writes_today_and_this_week_for_widgets() {
    let p = Project::fixture("small");
    let out = p
        .run(&["build", "--date", "2026-11-04", "--format", "json"])
        .ok();
    assert_eq!(
        out,
        "wrote public/days/2026-11-04.json\nwrote public/weeks/2026-11-02.json\n\
         wrote public/today.json\nwrote public/this-week.json\n"
    );
    assert_eq!(
        p.read("public/today.json"),
        p.read("public/days/2026-11-04.json")
    );
    let week: serde_json::Value = serde_json::from_str(&p.read("public/this-week.json")).unwrap();
    assert_eq!(week["schema"], 1);
    assert_eq!(week["start"], "2026-11-02");
    assert_eq!(week["notes"], serde_json::json!([]));
    assert_eq!(week["base_url"], serde_json::Value::Null);
}

#[test]
fn calendar_and_feed_print_to_stdout() {
    let p = Project::fixture("small");
    let ics = p
        .run(&[
            "build",
            "--date",
            "2026-11-04",
            "--stdout",
            "--format",
            "ics",
        ])
        .ok();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 365);
    let feed = p
        .run(&[
            "build",
            "--date",
            "2026-11-04",
            "--stdout",
            "--format",
            "atom",
        ])
        .ok();
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert!(!p.path("public").exists());
}
