use chrono::{Datelike, NaiveDate};

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
            "  2. Pray for Alphaland church point two.\n\nOUR CHURCH'S NOTES\n\
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

/// Today in the fixture's time zone, as the binary sees it (read before and after a run, so a
/// run across midnight can be told apart).
fn london_today() -> NaiveDate {
    let tz: chrono_tz::Tz = "Europe/London".parse().unwrap();
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

fn context_date(p: &Project, args: &[&str]) -> String {
    let json = p.run(&[&["build", "--context"], args].concat()).ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v.get("date")
        .or_else(|| v.get("start"))
        .and_then(|d| d.as_str())
        .unwrap()
        .to_string()
}

#[test]
fn relative_dates_for_printing_count_from_today_in_the_schedules_zone() {
    let p = Project::fixture("small");
    let before = london_today();
    type Expected = fn(NaiveDate) -> NaiveDate;
    let cases: Vec<(Vec<&str>, Expected)> = vec![
        (vec!["--date", "today"], |t| t),
        (vec!["--date", "tomorrow"], |t| t + chrono::Days::new(1)),
        (vec!["--date", "yesterday"], |t| t - chrono::Days::new(1)),
        (vec!["--date", "next-sunday"], |t| {
            t + chrono::Days::new(7 - u64::from(t.weekday().num_days_from_sunday()))
        }),
        (
            // The fixture's weeks start on Monday: the week's sheet is named by that day.
            vec!["--date", "next-week", "--week"],
            |t| t + chrono::Days::new(7 - u64::from(t.weekday().num_days_from_monday())),
        ),
    ];
    let got: Vec<String> = cases
        .iter()
        .map(|(args, _)| context_date(&p, args))
        .collect();
    let after = london_today();
    for ((args, expected), got) in cases.iter().zip(&got) {
        assert!(
            [expected(before).to_string(), expected(after).to_string()].contains(got),
            "{args:?} gave {got}"
        );
    }
    // The words work for ranges too, and in every command that takes a date.
    let out = p
        .run(&[
            "build", "--from", "today", "--to", "tomorrow", "--day", "--format", "txt",
        ])
        .ok();
    assert!(out.contains(&format!("days/{after}.txt")), "{out}");
    p.run(&["plan", "--from", "next-week", "--days", "3"]).ok();
}

#[test]
fn a_private_build_goes_to_its_own_folder_never_the_public_one() {
    let p = Project::fixture("small");
    let run = p.run(&[
        "build",
        "--date",
        "2026-11-25",
        "--private",
        "--format",
        "html,ics",
    ]);
    assert_eq!(
        run.stdout,
        "wrote private/days/2026-11-25.html\nwrote private/weeks/2026-11-23.html\n\
         wrote private/calendar.ics\n"
    );
    assert!(!p.path("public").exists());
    for file in files_under(&p.path("private")) {
        let text = std::fs::read_to_string(&file).unwrap().to_lowercase();
        assert!(
            text.contains("prayer-guide-private"),
            "{} has no private marker",
            file.display()
        );
    }
    let err = p
        .run(&[
            "build",
            "--date",
            "2026-11-25",
            "--private",
            "--out",
            "public/members",
        ])
        .fails();
    assert!(
        err.contains("--private would write into public/members, which is inside the public output folder public"),
        "{err}"
    );
    assert!(!p.path("public").exists());
}

#[test]
fn a_public_build_removes_private_files_it_finds_in_its_folder() {
    let p = Project::fixture("small");
    // A private build into a folder of its choosing, which a public build later uses.
    p.run(&[
        "build",
        "--date",
        "2026-11-25",
        "--private",
        "--out",
        "shared",
        "--format",
        "html,txt,json,ics,atom",
    ])
    .ok();
    assert!(p.read("shared/calendar.ics").contains("SECRET"));
    let run = p.run(&[
        "build",
        "--date",
        "2026-11-25",
        "--out",
        "shared",
        "--format",
        "html",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "note: removed shared/calendar.ics: a private file left by an earlier --private build"
        ),
        "{}",
        run.stderr
    );
    let left: Vec<_> = files_under(&p.path("shared"));
    for file in &left {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            !text.contains("SECRET"),
            "{} is still private",
            file.display()
        );
    }
    // What is left is exactly the public build's files.
    assert_eq!(
        left.iter()
            .map(|f| f
                .strip_prefix(p.path("shared"))
                .unwrap()
                .display()
                .to_string())
            .collect::<Vec<_>>(),
        ["days/2026-11-25.html", "weeks/2026-11-23.html"]
    );
}

#[test]
fn a_build_that_fails_half_way_says_what_it_wrote_and_leaves_no_half_file() {
    let p = Project::fixture("small");
    // A file where the weeks folder should be: the day files can be written, the week's cannot
    // (a read-only folder would do the same, but does not stop root, who runs CI).
    p.write("public/weeks", "not a folder");
    let run = p.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "error: the build did not write every file: 2 of 4 files not written:"
    );
    assert!(
        lines[1].starts_with(
            "  public/weeks/2026-11-23.html: could not create the folder public/weeks: "
        ),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].starts_with(
            "  public/weeks/2026-11-23.txt: could not create the folder public/weeks: "
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        &lines[3..],
        [
            "2 of 4 files written, each complete",
            "  public/days/2026-11-25.html",
            "  public/days/2026-11-25.txt",
            "  help: the files not written were left as they were; fix the cause and build again",
        ]
    );
    assert!(p.read("public/days/2026-11-25.txt").ends_with('\n'));
    // A file that cannot be replaced (a folder in its place) fails alone, and leaves no
    // temporary file behind.
    std::fs::remove_file(p.path("public/weeks")).unwrap();
    std::fs::create_dir_all(p.path("public/weeks/2026-11-23.txt")).unwrap();
    let run = p.run(&["build", "--date", "2026-11-25"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error: the build did not write every file: 1 of 4 files not written:\n  public/weeks/2026-11-23.txt: "), "{}", run.stderr);
    let names: Vec<String> = files_under(&p.path("public"))
        .iter()
        .map(|f| {
            f.strip_prefix(p.path("public"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "days/2026-11-25.html",
            "days/2026-11-25.txt",
            "weeks/2026-11-23.html"
        ]
    );
}

#[test]
fn notes_files_with_crlf_line_endings_keep_their_paragraphs() {
    let p = Project::fixture("small");
    p.write(
        "notes.md",
        "Prayer meeting\r\non Wednesday.\r\n\r\nYouth club on Friday.\r\n\r\nAll welcome.\r\n",
    );
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes_file = \"notes.md\"",
    );
    let json = p
        .run(&["build", "--date", "2026-11-04", "--week", "--context"])
        .ok();
    let week: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        week["notes"],
        serde_json::json!([
            "Prayer meeting on Wednesday.",
            "Youth club on Friday.",
            "All welcome."
        ])
    );
}

#[test]
fn a_week_too_full_for_one_page_is_named_with_the_reason() {
    let p = Project::empty();
    crate::copy_dir(&crate::repo().join("guides"), &p.path("guides"));
    let schedule = std::fs::read_to_string(crate::repo().join("schedule.toml")).unwrap();
    p.write(
        "schedule.toml",
        &schedule.replacen("\npoints_per_day = 3", "\npoints_per_day = 12", 1),
    );
    let run = p.run(&[
        "build",
        "--date",
        "2027-11-01",
        "--week",
        "--format",
        "html,bulletin",
        "--paper",
        "letter",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(
            "warning: weeks/2027-11-01.html: will print on two pages: the weekly sheet needs about "
        ) && first.contains("% of a page of Letter even at 7 pt: 7 days with "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: shorten the notes or the week's longest points, or lower points_per_day"
        )
    );
    // The bulletin shows one point a day, so it still fits; and with fewer points, so does the sheet.
    assert!(!run.stderr.contains("bulletin.html"), "{}", run.stderr);
    // A fresh copy: the first build published that week, with twelve points a day.
    let p = Project::empty();
    crate::copy_dir(&crate::repo().join("guides"), &p.path("guides"));
    p.write("schedule.toml", &schedule);
    let run = p.run(&[
        "build",
        "--date",
        "2027-11-01",
        "--week",
        "--format",
        "html,bulletin",
        "--paper",
        "letter",
        "--today",
        "2027-11-01",
    ]);
    assert_eq!(run.stderr, "");
    let html = p.read("public/weeks/2027-11-01.html");
    assert!(html.contains("pt/1.3 Georgia"), "the type size is set");
}

/// The binary building `args` in `p`'s folder, started now, its output piped.
fn spawn_build(p: &Project, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(args)
        .current_dir(p.path(""))
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The relative name and content of every output file under `dir`.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let name = f.strip_prefix(dir).unwrap().display().to_string();
            (name, std::fs::read(&f).unwrap())
        })
        .collect()
}

/// The names starting with a dot under `dir`: the program's own files.
fn hidden_under(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            found.push(name);
        } else if entry.file_type().unwrap().is_dir() {
            found.extend(hidden_under(&entry.path()));
        }
    }
    found.sort();
    found
}

/// Two builds of a year into one folder at once (a cron job and an editor, say): both succeed,
/// one after the other, and the folder holds exactly what one build writes, with no temporary
/// file left over.
#[test]
fn two_builds_into_one_folder_at_once_both_succeed() {
    let p = Project::fixture("small");
    let args = |out: &'static str| {
        [
            "build",
            "--from",
            "2027-01-01",
            "--to",
            "2027-12-31",
            "--format",
            "html,txt,json,ics,atom",
            "--out",
            out,
            "--today",
            "2027-12-31",
        ]
    };
    let builds = [
        spawn_build(&p, &args("shared")),
        spawn_build(&p, &args("shared")),
    ];
    for build in builds {
        let out = build.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{stderr}");
        for line in stderr.lines() {
            assert!(
                line.starts_with("note: another build (process ")
                    && line.ends_with(") is writing shared: waiting for it to finish"),
                "{stderr}"
            );
        }
    }
    p.run(&args("alone")).ok();
    let shared = tree(&p.path("shared"));
    assert!(shared.len() > 700, "{} files", shared.len());
    assert!(shared == tree(&p.path("alone")), "the folders differ");
    assert_eq!(
        hidden_under(&p.path("shared")),
        [".prayer-guide-build.lock", ".prayer-guide-manifest.json"]
    );
}

/// A build into a folder another build is writing waits for it, and says so.
#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    let p = Project::fixture("small");
    std::fs::create_dir(p.path("public")).unwrap();
    // The test holds the folder's lock as a first build would.
    let held = prayer_guide::lock::FileLock::acquire(
        &p.path("public")
            .join(prayer_guide::publish::build::LOCK_FILE),
    )
    .unwrap();
    let mut build = spawn_build(&p, &["build", "--date", "2026-11-25"]);
    let mut stderr = build.stderr.take().unwrap();
    let mut said = Vec::new();
    let waiting = format!(
        "note: another build (process {}) is writing public: waiting for it to finish\n",
        std::process::id()
    );
    while !String::from_utf8_lossy(&said).contains(&waiting) {
        let mut buf = [0u8; 256];
        let n = std::io::Read::read(&mut stderr, &mut buf).unwrap();
        assert!(
            n > 0,
            "the build ended without waiting: {}",
            String::from_utf8_lossy(&said)
        );
        said.extend(&buf[..n]);
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(build.try_wait().unwrap(), None, "the build did not wait");
    assert!(
        files_under(&p.path("public")).is_empty(),
        "it wrote while waiting"
    );
    drop(held);
    let out = build.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "wrote public/days/2026-11-25.html\nwrote public/days/2026-11-25.txt\n\
         wrote public/weeks/2026-11-23.html\nwrote public/weeks/2026-11-23.txt\n"
    );
    assert_eq!(String::from_utf8_lossy(&said), waiting);
}

/// Every file of a private build carries the private marker, whatever its format, so a later
/// public build into the same folder removes it and says so: for each format on its own, as
/// written by `--out`, and as printed by `--stdout` and saved into the folder by hand.
#[test]
fn every_private_file_is_marked_and_swept_whatever_its_format() {
    let p = Project::fixture("small");
    for (format, extension) in [
        ("html", "html"),
        ("txt", "txt"),
        ("json", "json"),
        ("bulletin", "bulletin.html"),
        ("ics", "ics"),
        ("atom", "xml"),
        ("pdf", "pdf"),
    ] {
        let out = format!("shared-{format}");
        let run = p.run(&[
            "build",
            "--date",
            "2026-11-25",
            "--private",
            "--format",
            format,
            "--out",
            &out,
        ]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let mut private: Vec<String> = files_under(&p.path(&out))
            .iter()
            .map(|f| f.strip_prefix(p.path("")).unwrap().display().to_string())
            .collect();
        assert!(!private.is_empty(), "{format}: nothing written");
        // What `--stdout` prints, saved into the folder as a reader might.
        if format != "pdf" {
            let week = if format == "bulletin" {
                vec!["--week"]
            } else {
                vec![]
            };
            let mut args = vec![
                "build",
                "--date",
                "2026-11-25",
                "--private",
                "--format",
                format,
                "--stdout",
            ];
            args.extend(week);
            let printed = p.run(&args).ok();
            let saved = format!("{out}/printed.{extension}");
            p.write(&saved, &printed);
            private.push(saved);
            private.sort();
        }
        // A public build of another format, so it overwrites none of them.
        let public = if format == "txt" { "html" } else { "txt" };
        let run = p.run(&[
            "build",
            "--date",
            "2026-11-25",
            "--format",
            public,
            "--out",
            &out,
        ]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let removed: Vec<&str> = run
            .stderr
            .lines()
            .map(|l| {
                l.strip_prefix("note: removed ")
                    .and_then(|l| {
                        l.strip_suffix(": a private file left by an earlier --private build")
                    })
                    .unwrap_or_else(|| panic!("{format}: {l}"))
            })
            .collect();
        assert_eq!(removed, private, "{format}");
        for file in &private {
            assert!(!p.path(file).exists(), "{format}: {file} is still there");
        }
    }
}
