//! Bad input: every case asserts the exit code, an empty stdout and the full stderr.

use crate::Project;

fn check_fails(p: &Project) -> String {
    p.run(&["check"]).fails()
}

#[test]
fn malformed_toml() {
    let p = Project::fixture("small");
    p.replace("guides/beta.toml", "Second sentence.\"", "Second sentence.");
    assert_eq!(
        check_fails(&p),
        "error: guides/beta.toml:5:53: `summary`: the text has no closing quote\n  \
         help: end it with a quote on the same line; for several lines, write it between \"\"\" \
         and \"\"\"\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn unknown_key_names_the_field_and_the_right_ones() {
    let p = Project::fixture("small");
    p.replace("guides/beta.toml", "reviewed =", "reveiwed =");
    assert_eq!(
        check_fails(&p),
        "error: guides/beta.toml:4:1: `reveiwed`: unknown field `reveiwed`, expected one of `name`, \
         `code`, `region`, `reviewed`, `since`, `retired`, `summary`, `points`, `praise`, `scripture`, \
         `facts`, `story`, `sources`\n  \
         help: did you mean `reviewed`? the fields are listed in guides/README.md\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn unknown_key_in_a_table() {
    let p = Project::fixture("small");
    p.replace(
        "guides/alpha.toml",
        "as_of = 2025",
        "as_of = 2025\npopulaton = 5",
    );
    let err = check_fails(&p);
    assert!(
        err.starts_with(
            "error: guides/alpha.toml:23:1: `facts.populaton`: unknown field `populaton`"
        ),
        "{err}"
    );
}

#[test]
fn missing_field() {
    let p = Project::fixture("small");
    p.replace("guides/beta.toml", "code = \"BE\"\n", "");
    assert_eq!(
        check_fails(&p),
        "error: guides/beta.toml:1:1: `code`: is missing; a guide needs it\n  \
         help: add it, like `code = \"NG\"`\n1 error, 0 warnings\n"
    );
}

#[test]
fn duplicate_country_codes() {
    let p = Project::fixture("small");
    p.replace("guides/gamma.toml", "code = \"GR\"", "code = \"BE\"");
    assert_eq!(
        check_fails(&p),
        "error: guides/gamma.toml:2:1: `code`: `BE` is already used by guides/beta.toml\n  \
         help: each country has one guide: merge the two files or fix the code\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn impossible_date() {
    let p = Project::fixture("small");
    p.replace(
        "guides/beta.toml",
        "reviewed = 2026-10-01",
        "reviewed = 2026-02-30",
    );
    assert_eq!(
        check_fails(&p),
        "error: guides/beta.toml:4:12: `reviewed`: is not a date of the calendar (day between 01 \
         and 28)\n  help: write it as year-month-day, like `reviewed = 2026-11-20`\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let p = Project::fixture("small");
    p.replace("guides/alpha.toml", "code = \"AL\"", "code = \"al\"");
    p.replace(
        "guides/alpha.toml",
        "https://example.org/alpha",
        "example.org",
    );
    p.replace("guides/beta.toml", "reviewed =", "reveiwed =");
    p.replace("schedule.toml", "points_per_day = 2", "points_per_day = 0");
    let err = check_fails(&p);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        lines,
        [
            "error: guides/alpha.toml:2:1: `code`: `al` is not an ISO 3166-1 alpha-2 code",
            "error: guides/alpha.toml:32:1: `sources.url`: `example.org` is not a web address",
            "error: guides/beta.toml:4:1: `reveiwed`: unknown field `reveiwed`, expected one of `name`, \
             `code`, `region`, `reviewed`, `since`, `retired`, `summary`, `points`, `praise`, \
             `scripture`, `facts`, `story`, `sources`",
            "error: schedule.toml:5:1: `points_per_day`: 0 points a day",
        ]
    );
    assert!(err.ends_with("4 errors, 0 warnings\n"), "{err}");
}

#[test]
fn schedule_unknown_key_and_bad_time_zone() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "timezone = \"Europe/London\"",
        "timezone = \"Europe/Londn\"",
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:3:12: `timezone`: unknown time zone `Europe/Londn`: use an IANA name \
         such as `Europe/London`, `America/Chicago` or `UTC`\n1 error, 0 warnings\n"
    );
    p.replace(
        "schedule.toml",
        "timezone = \"Europe/Londn\"",
        "colour = \"red\"",
    );
    let err = check_fails(&p);
    assert!(
        err.starts_with("error: schedule.toml:3:1: `colour`: unknown field `colour`"),
        "{err}"
    );
}

#[test]
fn pin_with_an_unknown_country() {
    let p = Project::fixture("small");
    p.write(
        "schedule.toml",
        &(p.read("schedule.toml") + "\n[[pin]]\ndate = 2026-12-25\ncountry = \"ZZ\"\n"),
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:19:1: `pin.country`: pin 2: no guide has the code `ZZ`\n  \
         help: use the `code` of a file in the guides folder\n1 error, 0 warnings\n"
    );
}

#[test]
fn template_using_an_unknown_variable() {
    let p = Project::fixture("small");
    p.write("templates/day.txt", "Hello {{ nope }}\n");
    let expected = "error: templates/day.txt:1:10: Variable `nope` is not defined. Available variables: \
         audience, church_point, church_points, country, date, date_long, day, days, dir, feast, heading, kind, \
         lang, lang_of, pinned, points, schema, scripture, sunday, theme, title, weekday\n  \
         help: `prayer-guide build --context` prints every variable a template receives\n";
    assert_eq!(check_fails(&p), format!("{expected}1 error, 0 warnings\n"));
    let build = p.run(&["build", "--date", "2026-11-02"]).fails();
    assert_eq!(build, format!("{expected}1 error found\n"));
    assert!(!p.path("public").exists(), "a failed build wrote files");
}

#[test]
fn template_syntax_error() {
    let p = Project::fixture("small");
    p.write("templates/week.html", "{% if %}\n");
    assert_eq!(
        check_fails(&p),
        "error: templates/week.html:1:7: Found `%}` but expected one of: integer, float, string, bool, \
         ident, `-`, `not`, `<`, `{`, `[` or `(`\n1 error, 0 warnings\n"
    );
}

#[test]
fn warnings_do_not_fail_check() {
    let p = Project::fixture("small");
    let run = p.run(&["check", "--today", "2027-11-01"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: guides/alpha.toml:4:1: `reviewed`: last reviewed 2026-10-01, over a year ago\n  \
         help: check the facts and links against current sources, then update `reviewed`\n\
         warning: guides/beta.toml:4:1: `reviewed`: last reviewed 2026-10-01, over a year ago\n  \
         help: check the facts and links against current sources, then update `reviewed`\n\
         warning: guides/gamma.toml:4:1: `reviewed`: last reviewed 2026-10-01, over a year ago\n  \
         help: check the facts and links against current sources, then update `reviewed`\n"
    );
    assert_eq!(
        run.stdout,
        "checked 3 guides, schedule.toml and 0 template overrides: no errors, 3 warnings\n"
    );
}

#[test]
fn too_few_points_for_a_day_is_a_warning() {
    let p = Project::fixture("small");
    p.replace("schedule.toml", "points_per_day = 2", "points_per_day = 3");
    let run = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: guides/gamma.toml:6:1: `points`: 2 public points, fewer than a day shows (3)\n  \
         help: add points, or lower points_per_day in schedule.toml; days will show fewer points\n"
    );
}

#[test]
fn no_schedule_here() {
    let p = Project::empty();
    assert_eq!(
        p.run(&["build"]).fails(),
        "error: no schedule.toml in this folder: run prayer-guide in a project folder, pass \
         --config PATH, or create a project with `prayer-guide init DIR`\n"
    );
}

#[test]
fn bad_dates_on_the_command_line() {
    let p = Project::fixture("small");
    assert_eq!(
        p.run(&["build", "--date", "2026-13-01"]).fails(),
        "error: --date: `2026-13-01` is not a date: there is no month 13 (months are 01 to 12)\n"
    );
    assert_eq!(
        p.run(&["build", "--date", "2027-02-29"]).fails(),
        "error: --date: `2027-02-29` is not a date: 2027 is not a leap year: February has 28 days\n"
    );
    assert_eq!(
        p.run(&["build", "--from", "2026-11-01", "--to", "2026-11-31"])
            .fails(),
        "error: --to: `2026-11-31` is not a date: November 2026 has 30 days\n"
    );
    assert_eq!(
        p.run(&["plan", "--from", "tomorow"]).fails(),
        "error: `tomorow` is not a date: write it as YYYY-MM-DD (e.g. 2026-11-01) or as one of \
         today, tomorrow, yesterday, next-week (its first day), next-sunday (or another weekday)\n"
    );
    assert_eq!(
        p.run(&["build", "--date", "2025-12-31"]).fails(),
        "error: 2025-12-31 is before the rotation starts (2026-01-05, `start` in schedule.toml)\n"
    );
    assert_eq!(
        p.run(&["build", "--from", "2026-03-01", "--to", "2026-02-01"])
            .fails(),
        "error: --to 2026-02-01 is before --from 2026-03-01\n"
    );
}

#[test]
fn files_that_are_not_utf8_or_not_readable_are_named() {
    let p = Project::fixture("small");
    std::fs::write(p.path("guides/broken.toml"), [0xff, 0xfe, 0x00]).unwrap();
    let err = p.run(&["check"]).fails();
    assert_eq!(
        err,
        "error: guides/broken.toml:1:1: the file is not UTF-8 text: byte 0xFF here (`ÿ` in \
         Latin-1 or Windows-1252, which this file seems to use) is not UTF-8\n  \
         help: save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn notes_too_long_for_the_sheet() {
    let p = Project::fixture("small");
    let notes = "word ".repeat(110);
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        &format!("paper = \"letter\"\nnotes = \"{notes}\""),
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:16:1: `output.notes`: the notes are 549 characters; the weekly \
         sheet has room for 500\n  \
         help: shorten the notes; longer news belongs in a notice of its own\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn notes_file_that_is_missing_or_too_long() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes_file = \"notes.md\"",
    );
    let err = check_fails(&p);
    assert!(
        err.starts_with(
            "error: schedule.toml:16:1: `output.notes_file`: cannot read notes.md: No such file"
        ),
        "{err}"
    );
    assert!(
        err.ends_with(
            "help: the path is relative to schedule.toml; or write the text in `notes = \"...\"`\n\
             1 error, 0 warnings\n"
        ),
        "{err}"
    );
    p.write("notes.md", &"word ".repeat(120));
    assert_eq!(
        check_fails(&p),
        "error: notes.md: the notes are 599 characters; the weekly sheet has room for 500\n  \
         help: shorten the notes; longer news belongs in a notice of its own\n\
         1 error, 0 warnings\n"
    );
    p.write("notes.md", "Prayer meeting on Wednesday.\n\nAll welcome.\n");
    let sheet = p
        .run(&[
            "build",
            "--date",
            "2026-11-04",
            "--week",
            "--stdout",
            "--format",
            "html",
        ])
        .ok();
    assert!(
        sheet.contains(
            "<h2>Our church’s notes</h2><div class=\"text\"><p>Prayer meeting on Wednesday.</p>\
             <p>All welcome.</p></div>"
        ),
        "{sheet}"
    );
}

#[test]
fn notes_and_notes_file_together() {
    let p = Project::fixture("small");
    p.write("notes.md", "Hello.");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes = \"Hi.\"\nnotes_file = \"notes.md\"",
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:17:1: `output.notes_file`: both `notes` and `notes_file` are set\n  \
         help: keep one: the text in `notes`, or a file named by `notes_file`\n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn bad_base_url_and_feed_days() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nbase_url = \"example.org/prayer\"\nfeed_days = 0",
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:16:1: `output.base_url`: `example.org/prayer` is not an http(s) \
         address\n  \
         help: the address the output folder is served from, e.g. \"https://example.org/prayer/\"\n\
         error: schedule.toml:17:1: `output.feed_days`: 0 days in the feed\n  \
         help: use 1 to 366 (14 is usual)\n\
         2 errors, 0 warnings\n"
    );
}

#[test]
fn site_template_using_an_unknown_variable() {
    let p = Project::fixture("small");
    p.write(
        "templates/site-day.html",
        "{% extends \"site.html\" %}{% block content %}{{ nope }}{% endblock content %}",
    );
    let err = check_fails(&p);
    assert!(
        err.starts_with("error: templates/site-day.html:1:48: Variable `nope` is not defined."),
        "{err}"
    );
    assert!(err.ends_with("1 error, 0 warnings\n"), "{err}");
}

#[test]
fn bulletin_is_a_weekly_layout() {
    let p = Project::fixture("small");
    let err = p
        .run(&[
            "build",
            "--date",
            "2026-11-04",
            "--stdout",
            "--format",
            "bulletin",
        ])
        .fails();
    assert_eq!(err, "error: the bulletin is a weekly layout: add --week\n");
}

#[test]
fn a_config_path_that_does_not_exist_is_named() {
    let p = Project::fixture("small");
    assert_eq!(
        p.run(&["--config", "missing.toml", "build"]).fails(),
        "error: missing.toml does not exist: check the path given to --config (relative to the \
         current folder), or create a project with `prayer-guide init DIR`\n"
    );
    assert_eq!(
        p.run(&["--config", "guides", "check"]).fails(),
        "error: guides is a folder: pass the project's schedule file, --config guides/schedule.toml\n"
    );
    // The file itself, given by its path, still works.
    let copy = p.path("elsewhere/my-schedule.toml");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(p.path("schedule.toml"), &copy).unwrap();
    crate::copy_dir(&p.path("guides"), &p.path("elsewhere/guides"));
    p.run(&[
        "--config",
        "elsewhere/my-schedule.toml",
        "plan",
        "--days",
        "1",
    ])
    .ok();
}

#[test]
fn a_pseudonym_used_twice_is_a_warning_and_fails_a_strict_check() {
    let p = Project::fixture("small");
    p.replace(
        "guides/beta.toml",
        "\n[[sources]]",
        "\n[story]\npseudonym = \"ana\"\nquote = \"We pray.\"\ncontext = \"A nurse.\"\n\n[[sources]]",
    );
    let run = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(run.code, 0);
    let warning = "warning: guides/beta.toml:9:1: `story.pseudonym`: \"ana\" is also the pseudonym \
                   in guides/alpha.toml\n  \
                   help: give every testimony its own pseudonym, unique across the library\n";
    assert_eq!(run.stderr, warning);
    assert_eq!(
        p.run(&["check", "--strict", "--today", "2026-11-25"])
            .fails(),
        format!("{warning}0 errors, 1 warning (--strict: warnings count as errors)\n")
    );
}

#[test]
fn a_lead_or_a_point_without_the_church_is_a_warning() {
    let p = Project::fixture("small");
    p.replace(
        "guides/gamma.toml",
        "Gamma church summary.",
        "Gamma summary.",
    );
    p.replace(
        "guides/gamma.toml",
        "Pray for Gamma church one.",
        "Pray for Gamma one.",
    );
    // A restricted point is left to the closed circle's editor.
    p.replace(
        "guides/gamma.toml",
        "SECRET Gamma contact.",
        "SECRET Gamma contact, no word of the church.",
    );
    let run = p.run(&["check", "--strict", "--today", "2026-11-25"]);
    assert_eq!(
        run.fails(),
        "warning: guides/gamma.toml:5:1: `summary`: the first sentence does not mention the \
         church: \"Gamma summary.\"\n  \
         help: the sheet, the bulletin and the digest show only this sentence: begin with the \
         believers, e.g. \"Gamma Republic's Christians are ...\" (the words that count are listed \
         in guides/README.md)\n\
         warning: guides/gamma.toml:6:11: `points[0]`: point 1 does not mention the church: \
         \"Pray for Gamma one.\"\n  \
         help: name the believers or the church, e.g. \"Pray for the Christians of Gamma \
         Republic ...\"; a prayer for leaders asks that they protect the church (the words that \
         count are listed in guides/README.md)\n\
         0 errors, 2 warnings (--strict: warnings count as errors)\n"
    );
}

#[test]
fn four_mistakes_in_one_guide_are_four_errors_in_one_run() {
    let p = Project::fixture("small");
    p.replace("guides/beta.toml", "region =", "regoin =");
    p.replace(
        "guides/beta.toml",
        "reviewed = 2026-10-01",
        "reviewed = 2026-13-01",
    );
    p.replace("guides/beta.toml", "code = \"BE\"\n", "");
    p.replace(
        "guides/beta.toml",
        "[[sources]]",
        "[facts]\npopulation = \"about two million\"\n\n[[sources]]",
    );
    insta::assert_snapshot!(check_fails(&p));
}

#[test]
fn parser_jargon_becomes_plain_words() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "points_per_day = 2",
        "points_per_day = \"three\"",
    );
    p.replace(
        "schedule.toml",
        "start = 2026-01-05",
        "start = \"2026-01-05\"",
    );
    p.replace(
        "guides/alpha.toml",
        "persecution = \"extreme\"",
        "persecution = \"severe\"",
    );
    p.replace(
        "guides/alpha.toml",
        "population = 1_234_567",
        "population = -5",
    );
    p.replace(
        "guides/alpha.toml",
        "composite = true",
        "composite = \"yes\"",
    );
    p.replace(
        "guides/beta.toml",
        "points = [\"Pray",
        "points = [3, \"Pray",
    );
    p.replace(
        "guides/gamma.toml",
        "reviewed = 2026-10-01",
        "reviewed = 2026-10-01T09:00:00",
    );
    insta::assert_snapshot!(check_fails(&p));
}

#[test]
fn a_top_level_key_under_a_table_belongs_above_it() {
    let p = Project::fixture("small");
    p.replace("guides/alpha.toml", "scripture = \"Hebrews 13:3\"\n", "");
    p.replace(
        "guides/alpha.toml",
        "as_of = 2025",
        "as_of = 2025\nscripture = \"Hebrews 13:3\"",
    );
    p.replace(
        "guides/beta.toml",
        "url = ",
        "persecution = \"high\"\nurl = ",
    );
    assert_eq!(
        check_fails(&p),
        "error: guides/alpha.toml:22:1: `scripture`: belongs above [facts]: in TOML a key after a \
         table header belongs to that table; move it up\n  \
         help: the order of the fields is shown in guides/README.md\n\
         error: guides/beta.toml:10:1: `sources.persecution`: unknown field `persecution`, expected \
         one of `title`, `url`, `accessed`\n  \
         help: `persecution` belongs in [facts]: write it below the line [facts]; the fields are \
         listed in guides/README.md\n\
         2 errors, 0 warnings\n"
    );
}

#[test]
fn schedule_errors_point_at_the_readme() {
    let p = Project::fixture("small");
    p.replace("schedule.toml", "week_starts =", "week_start =");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nfeed_days = \"14\"",
    );
    assert_eq!(
        check_fails(&p),
        "error: schedule.toml:4:1: `week_start`: unknown field `week_start`, expected one of \
         `title`, `start`, `timezone`, `week_starts`, `church_year`, `language`, `guides_language`, \
         `points_per_day`, `days_per_country`, `guides`, `templates`, `locales`, `rotation`, `pin`, `output`, `publish`, `email`, `serve`, `post`, `push`\n  \
         help: did you mean `week_starts`? the fields are listed in the manual, \
         docs/src/schedule.md and docs/src/email.md\n\
         error: schedule.toml:16:13: `output.feed_days`: must be a whole number from 1 to 366, \
         like `feed_days = 14`\n  \
         help: remove the quotes: `feed_days = 14`\n\
         2 errors, 0 warnings\n"
    );
}

#[test]
fn a_file_in_latin_1_is_located_and_the_others_still_checked() {
    let p = Project::fixture("small");
    // "Côte" as an editor saving in Windows-1252 writes it.
    let text = p.read("guides/beta.toml");
    assert!(text.contains("Betastan church summary."));
    let text = text.replace("Betastan church summary.", "C\u{f4}te church summary.");
    let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    std::fs::write(p.path("guides/beta.toml"), latin1).unwrap();
    p.replace("guides/gamma.toml", "code = \"GR\"", "code = \"gr\"");
    assert_eq!(
        check_fails(&p),
        "error: guides/beta.toml:5:13: the file is not UTF-8 text: byte 0xF4 here (`ô` in Latin-1 \
         or Windows-1252, which this file seems to use) is not UTF-8\n  \
         help: save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)\n\
         error: guides/gamma.toml:2:1: `code`: `gr` is not an ISO 3166-1 alpha-2 code\n  \
         help: use two upper-case letters, e.g. \"NG\" for Nigeria\n\
         2 errors, 0 warnings\n"
    );
}

#[test]
fn byte_order_marks_and_windows_line_endings_are_accepted() {
    let p = Project::fixture("small");
    let args = [
        "build",
        "--date",
        "2026-01-05",
        "--stdout",
        "--format",
        "txt",
    ];
    let unix = p.run(&args).ok();
    for file in ["schedule.toml", "guides/alpha.toml", "guides/beta.toml"] {
        let windows = format!("\u{feff}{}", p.read(file).replace('\n', "\r\n"));
        p.write(file, &windows);
    }
    assert!(p.run(&["check"]).ok().contains("no errors"));
    assert_eq!(
        p.run(&args).ok(),
        unix,
        "the summary keeps its two paragraphs"
    );
}

#[test]
fn a_misnamed_template_is_a_warning_and_no_override() {
    let p = Project::fixture("small");
    p.write("templates/dayy.txt", "{{ heading }}\n");
    // A file of one's own that an override includes is in use, and no warning.
    p.write("templates/week.txt", "{% include \"parts.txt\" %}\n");
    p.write("templates/parts.txt", "{{ range }}\n");
    let run = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: templates/dayy.txt: dayy.txt replaces no built-in template and no template \
         includes it, so it is not used\n  \
         help: did you mean day.txt? Rename the file to replace the built-in day.txt\n"
    );
    assert_eq!(
        run.stdout,
        "checked 3 guides, schedule.toml and 1 template override: no errors, 1 warning\n"
    );
}

#[test]
fn guides_that_would_not_be_read_are_warnings() {
    let p = Project::fixture("small");
    let beta = p.read("guides/beta.toml");
    p.write("guides/asia/delta.toml", &beta.replace("\"BE\"", "\"DE\""));
    p.write("guides/epsilon.TOML", &beta.replace("\"BE\"", "\"EP\""));
    p.write("guides/zeta.toml.txt", &beta.replace("\"BE\"", "\"ZE\""));
    // A folder named by a language tag holds translations, and no warning.
    p.write("guides/es/beta.toml", "name = \"Betastán\"\n");
    let run = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: guides/asia: holds guides that are not read: guides in subfolders are left out\n  \
         help: move the guides into the guides folder itself (only a folder named by a language \
         tag, such as es, is read: as translations)\n\
         warning: guides/epsilon.TOML: is not read: only files whose names end in `.toml` are \
         guides\n  \
         help: rename it epsilon.toml to include it (some systems hide a second ending such as \
         .txt)\n\
         warning: guides/es: 2 of 3 guides have no `es` translation and are shown in `en`: \
         alpha, gamma\n  \
         help: add a file of the same name in this folder; guides/README.md shows how\n\
         warning: guides/es/beta.toml: not translated, shown in `en`: summary, points[1], \
         points[2], points[3]\n  \
         help: translate these fields; points and praise follow the guide's order\n\
         warning: guides/zeta.toml.txt: is not read: only files whose names end in `.toml` are \
         guides\n  \
         help: rename it zeta.toml to include it (some systems hide a second ending such as .txt)\n"
    );
}

#[test]
fn check_renders_every_branch_of_every_template() {
    let p = Project::fixture("small");
    // Each mistake sits in a branch that the project's first day does not take: a theme day,
    // a private page, A4 paper (the fixture prints on Letter), a subscriber without an unsubscribe link.
    let day = crate::repo().join("templates/day.txt");
    let day = std::fs::read_to_string(day).unwrap();
    p.write(
        "templates/day.txt",
        &day.replace("{% if theme %}", "{% if theme %}{{ theme.titel }}"),
    );
    p.write(
        "templates/week.html",
        "{% if audience == \"private\" %}{{ privat }}{% endif %}{{ range }}\n",
    );
    p.write(
        "templates/bulletin.html",
        "{% if paper == \"a4\" %}{{ afour }}{% endif %}\n",
    );
    p.write(
        "templates/email-footer.txt",
        "{% if unsubscribe_url %}{{ unsubscribe_url }}{% else %}{{ mailto }}{% endif %}\n",
    );
    insta::assert_snapshot!(check_fails(&p));
}

#[test]
fn a_schedule_in_windows_1252_does_not_stop_the_check_of_the_guides() {
    let p = Project::fixture("small");
    let text = p
        .read("schedule.toml")
        .replace("Test Prayer Guide", "Test \u{2019}Prayer\u{2019} Guide");
    // Windows-1252 writes ’ as 0x92.
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| if c == '\u{2019}' { 0x92 } else { c as u8 })
        .collect();
    std::fs::write(p.path("schedule.toml"), bytes).unwrap();
    p.replace("guides/gamma.toml", "code = \"GR\"", "code = \"gr\"");
    assert_eq!(
        check_fails(&p),
        "error: guides/gamma.toml:2:1: `code`: `gr` is not an ISO 3166-1 alpha-2 code\n  \
         help: use two upper-case letters, e.g. \"NG\" for Nigeria\n\
         error: schedule.toml:1:15: the file is not UTF-8 text: byte 0x92 here (`’` in Latin-1 \
         or Windows-1252, which this file seems to use) is not UTF-8\n  \
         help: save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)\n\
         2 errors, 0 warnings\n"
    );
}

/// A point pasted twice (here with other capitals and spacing) would print twice on a day: an
/// error for `check` and, as content errors stop every command, for `build` too.
#[test]
fn a_point_written_twice() {
    let p = Project::fixture("small");
    p.replace(
        "guides/alpha.toml",
        "  \"Pray for Alphaland believers, point four.\",\n",
        "  \"Pray for Alphaland believers, point four.\",\n  \"Pray for  alphaland church point TWO.\",\n",
    );
    let error = "error: guides/alpha.toml:15:3: `points`: points 2 and 5 are the same text \
                 apart from capitals or spacing: \"Pray for alphaland church point TWO.\"\n  \
                 help: delete one of them (point 2 is on line 12, point 5 is on line 15): the \
                 same point twice prints twice on a day\n";
    assert_eq!(check_fails(&p), format!("{error}1 error, 0 warnings\n"));
    let err = p.run(&["build", "--date", "2026-11-25"]).fails();
    assert_eq!(err, format!("{error}1 error found\n"));
    assert!(!p.path("public").exists());
}
