//! A published day is frozen whole: every file of it, in every format and language, the site's
//! pages of it, its calendar event and feed entry, rebuild byte for byte whatever is edited
//! later in guides/, schedule.toml or locales/. Templates are presentation, and the days not
//! yet published take every edit.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{Project, files_under};

/// The small fixture with a Spanish translation, the project's own English and Spanish
/// labels, and a Sunday-named church year.
fn project() -> Project {
    let p = Project::fixture("small");
    crate::copy_dir(
        &crate::fixtures().join("translations/es"),
        &p.path("guides/es"),
    );
    p.write("locales/en.ftl", "please-pray = Let us pray\n");
    p.write("locales/es.ftl", "give-thanks = Demos gracias\n");
    p
}

/// Today, for every build: two weeks are published, 2 to 15 November 2026 (a week ahead, to
/// the end of that week). The International Day of Prayer falls on 1 November, a pinned theme.
const TODAY: &str = "2026-11-08";

/// Builds the two published weeks in every format and two languages, and the site.
fn build(p: &Project) {
    p.run(&[
        "build",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-15",
        "--format",
        "html,txt,json,bulletin,ics,atom,pdf",
        "--language",
        "en,es",
        "--today",
        TODAY,
    ])
    .ok();
    p.run(&[
        "build",
        "--site",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-15",
        "--out",
        "site",
        "--today",
        TODAY,
    ])
    .ok();
}

/// Every file built, by path. A country page of the site shows the guide as it is now, not a
/// day, so it is left out.
fn files(p: &Project) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for folder in ["public", "site"] {
        let root = p.path(folder);
        for file in files_under(&root) {
            let name = file
                .strip_prefix(p.dir.path())
                .unwrap_or(Path::new(""))
                .to_string_lossy()
                .replace('\\', "/");
            // A month's calendar shows the announced days of its month too: it is frozen once
            // the whole month is published (not November 2026 here).
            if name.contains("/countries/") || name.ends_with("months/2026-11.pdf") {
                continue;
            }
            out.insert(name, std::fs::read(&file).unwrap());
        }
    }
    out
}

fn assert_same(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>, edit: &str) {
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(before), names(after), "after {edit}: other files");
    for (name, bytes) in before {
        assert!(
            after[name] == *bytes,
            "after {edit}: {name} changed:\n{}",
            String::from_utf8_lossy(&after[name])
                .chars()
                .take(3000)
                .collect::<String>()
        );
    }
}

/// An edit an editor makes, by name.
type Edit<'a> = (&'a str, &'a dyn Fn(&Project));

#[test]
fn every_file_of_a_published_day_survives_every_kind_of_edit() {
    let p = project();
    build(&p);
    let before = files(&p);
    assert!(before.len() > 80, "{} files", before.len());
    assert!(before.keys().any(|n| n.ends_with(".pdf")));
    assert!(before.keys().any(|n| n.starts_with("public/es/")));
    let ledger = p.read("published.txt");
    assert!(ledger.contains("\n2026-11-15 "), "{ledger}");
    assert!(!ledger.contains("\n2026-11-16 "), "{ledger}");
    assert!(!ledger.contains("SECRET"), "restricted text in the ledger");

    let edits: [Edit; 12] = [
        ("the guide's summary, name and region", &|p| {
            p.replace(
                "guides/alpha.toml",
                "Alphaland has a small church.",
                "Alphaland's church is small but growing.",
            );
            p.replace(
                "guides/alpha.toml",
                "name = \"Alphaland\"",
                "name = \"Alpha Republic\"",
            );
            p.replace(
                "guides/alpha.toml",
                "region = \"North\"",
                "region = \"Far North\"",
            );
        }),
        ("the guide's story, praise, scripture and facts", &|p| {
            p.replace(
                "guides/alpha.toml",
                "pseudonym = \"Ana\"",
                "pseudonym = \"Miriam\"",
            );
            p.replace("guides/alpha.toml", "We keep going.", "We will not stop.");
            p.replace(
                "guides/alpha.toml",
                "Thanks for Alphaland.",
                "Thanks for new believers in Alphaland.",
            );
            p.replace(
                "guides/alpha.toml",
                "scripture = \"Hebrews 13:3\"",
                "scripture = \"Romans 8:35\"",
            );
            p.replace(
                "guides/alpha.toml",
                "population = 1_234_567",
                "population = 2_345_678",
            );
        }),
        ("the guide's sources and review date", &|p| {
            p.replace(
                "guides/alpha.toml",
                "title = \"Alpha source\"",
                "title = \"Alpha source, revised\"",
            );
            p.replace(
                "guides/alpha.toml",
                "reviewed = 2026-10-01",
                "reviewed = 2026-10-20",
            );
        }),
        ("a point's wording", &|p| {
            p.replace(
                "guides/alpha.toml",
                "Pray for Alphaland believers, point four.",
                "Pray for the believers of Alphaland, point four, reworded.",
            );
        }),
        ("the translation", &|p| {
            p.replace(
                "guides/es/alpha.toml",
                "Alfalandia tiene una iglesia pequeña.",
                "La iglesia de Alfalandia crece.",
            );
            p.replace(
                "guides/es/alpha.toml",
                "name = \"Alfalandia\"",
                "name = \"República Alfa\"",
            );
        }),
        ("the schedule's title", &|p| {
            p.replace(
                "schedule.toml",
                "title = \"Test Prayer Guide\"",
                "title = \"Our Prayer Guide\"",
            );
        }),
        ("the church year", &|p| {
            p.replace(
                "schedule.toml",
                "points_per_day = 2",
                "points_per_day = 2\nchurch_year = \"off\"",
            );
        }),
        ("the time zone", &|p| {
            p.replace(
                "schedule.toml",
                "timezone = \"Europe/London\"",
                "timezone = \"America/Chicago\"",
            );
        }),
        ("the first day of the week", &|p| {
            p.replace(
                "schedule.toml",
                "week_starts = \"monday\"",
                "week_starts = \"sunday\"",
            );
        }),
        ("the pinned theme's text", &|p| {
            p.replace(
                "schedule.toml",
                "text = \"A day for everyone.\"",
                "text = \"A day for the whole church.\"\nscripture = \"Psalm 46:1\"",
            );
        }),
        ("the project's English labels", &|p| {
            p.write(
                "locales/en.ftl",
                "please-pray = Pray with us\ngive-thanks = Praise God\n",
            );
        }),
        ("the project's Spanish labels and a new French file", &|p| {
            std::fs::remove_file(p.path("locales/es.ftl")).unwrap();
            p.write("locales/fr.ftl", "please-pray = Prions\n");
        }),
    ];
    for (edit, apply) in edits {
        apply(&p);
        p.run(&["check", "--today", TODAY]).ok();
        build(&p);
        assert_same(&before, &files(&p), edit);
    }
    // Nothing the edits did reached the ledger's published days, and they rebuilt as they were.
    let after = p.read("published.txt");
    assert_eq!(
        after
            .lines()
            .filter(|l| l.starts_with("2026-"))
            .collect::<Vec<_>>(),
        ledger
            .lines()
            .filter(|l| l.starts_with("2026-"))
            .collect::<Vec<_>>()
    );
    // The days not published take every edit.
    let next = p
        .run(&[
            "build",
            "--preview",
            "--date",
            "2026-11-30",
            "--stdout",
            "--today",
            TODAY,
        ])
        .ok();
    let (country, guide) = ("Alpha Republic", "Alphaland's church is small but growing.");
    let later = (16..=30)
        .map(|d| {
            p.run(&[
                "build",
                "--date",
                &format!("2026-11-{d}"),
                "--stdout",
                "--today",
                TODAY,
            ])
            .ok()
        })
        .find(|t| t.contains(&country.to_uppercase()))
        .expect("Alphaland comes round in the second half of November");
    assert!(later.contains(guide), "{later}");
    assert!(later.contains("Pray with us"), "{later}");
    assert!(later.contains("Our Prayer Guide"), "{later}");
    assert!(next.starts_with("Our Prayer Guide\n"), "{next}");
    // The new first day of the week applies from the first unpublished week: Monday 16
    // November begins a short week to Saturday 21, then weeks start on Sundays.
    let week = p
        .run(&[
            "build",
            "--date",
            "2026-11-17",
            "--week",
            "--format",
            "json",
            "--stdout",
            "--today",
            TODAY,
        ])
        .ok();
    let week: serde_json::Value = serde_json::from_str(&week).unwrap();
    assert_eq!(
        (week["start"].as_str(), week["end"].as_str()),
        (Some("2026-11-16"), Some("2026-11-21"))
    );
    let week = p
        .run(&[
            "build",
            "--date",
            "2026-11-25",
            "--week",
            "--format",
            "json",
            "--stdout",
            "--today",
            TODAY,
        ])
        .ok();
    let week: serde_json::Value = serde_json::from_str(&week).unwrap();
    assert_eq!(
        (week["start"].as_str(), week["end"].as_str()),
        (Some("2026-11-22"), Some("2026-11-28"))
    );
}

#[test]
fn a_template_is_presentation_and_changes_published_days_too() {
    let p = project();
    build(&p);
    let before = p.read("public/days/2026-11-09.txt");
    p.write(
        "templates/day.txt",
        &format!(
            "Printed by St Mark's\n{}",
            prayer_guide::publish::render::builtin("day.txt").unwrap()
        ),
    );
    build(&p);
    let after = p.read("public/days/2026-11-09.txt");
    assert_eq!(after, format!("Printed by St Mark's\n{before}"));
}

#[test]
fn previews_publish_nothing() {
    let p = Project::fixture("small");
    for args in [
        &["build", "--date", "2027-03-01", "--stdout"][..],
        &["build", "--date", "2027-03-01", "--week", "--context"],
        &[
            "build",
            "--date",
            "2027-03-01",
            "--format",
            "ics",
            "--stdout",
        ],
        &[
            "build",
            "--preview",
            "--from",
            "2027-03-01",
            "--to",
            "2027-03-31",
        ],
        &["plan", "--from", "2027-03-01", "--days", "30"],
    ] {
        p.run(args).ok();
        assert!(!p.path("published.txt").exists(), "{args:?} published");
    }
    assert!(p.path("preview/days/2027-03-31.html").is_file());
    assert!(!p.path("public").exists());
    // A preview is never written where public output is served.
    let err = p
        .run(&[
            "build",
            "--preview",
            "--date",
            "2027-03-01",
            "--out",
            "public/look",
        ])
        .fails();
    assert!(err.contains("inside the public output folder"), "{err}");
}

#[test]
fn a_build_publishes_a_week_ahead_and_announces_the_rest() {
    let p = Project::fixture("small");
    // Wednesday 4 November: a week ahead is Wednesday 11, to the end of that week, Sunday 15.
    let run = p.run(&[
        "build",
        "--from",
        "2026-11-02",
        "--to",
        "2026-12-31",
        "--format",
        "txt",
        "--today",
        "2026-11-04",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "note: days after 2026-11-15 are written as announced, not published: they may still change"
        ),
        "{}",
        run.stderr
    );
    let ledger = p.read("published.txt");
    assert!(ledger.contains("\n2026-11-15 "));
    assert!(!ledger.contains("\n2026-11-16 "));
    // `ahead_days` moves the horizon; 0 publishes to the end of this week.
    p.replace(
        "schedule.toml",
        "[output]",
        "[publish]\nahead_days = 0\n\n[output]",
    );
    let fresh = Project::fixture("small");
    fresh.replace(
        "schedule.toml",
        "[output]",
        "[publish]\nahead_days = 0\n\n[output]",
    );
    fresh
        .run(&["build", "--date", "2026-12-31", "--today", "2026-11-04"])
        .ok();
    let ledger = fresh.read("published.txt");
    assert!(ledger.contains("\n2026-11-08 "), "{ledger}");
    assert!(!ledger.contains("\n2026-11-09 "));
}

#[test]
fn a_build_that_writes_nothing_publishes_nothing() {
    let p = Project::fixture("small");
    // A file where the output folder should be: no folder can be made there, whoever runs it.
    p.write("public", "not a folder\n");
    let run = p.run(&["build", "--date", "2026-11-04", "--today", "2026-11-04"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!p.path("published.txt").exists(), "{}", run.stderr);
    // A build killed before it is done records nothing either: the ledger is written last.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args([
            "build",
            "--from",
            "2027-01-01",
            "--to",
            "2036-12-31",
            "--format",
            "html,txt",
            "--out",
            "years",
            "--today",
            "2036-12-31",
        ])
        .current_dir(p.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if !finished {
        assert!(
            !p.path("published.txt").exists(),
            "a killed build published"
        );
    }
    // The same build, left to finish, publishes its days.
    p.run(&[
        "build",
        "--from",
        "2027-01-01",
        "--to",
        "2027-01-31",
        "--format",
        "txt",
        "--out",
        "years",
        "--today",
        "2027-01-31",
    ])
    .ok();
    assert!(p.read("published.txt").contains("\n2027-01-31 "));
}

#[test]
fn dates_beyond_ten_years_are_refused_and_publishing_far_ahead_asks_first() {
    let p = Project::fixture("small");
    let err = p
        .run(&["build", "--date", "9999-12-31", "--stdout"])
        .fails();
    assert!(err.contains("more than ten years from today"), "{err}");
    let err = p.run(&["publish", "--through", "3000-01-01"]).fails();
    assert!(
        err.contains("--through 3000-01-01 is more than ten years"),
        "{err}"
    );
    let err = p
        .run(&[
            "publish",
            "--through",
            "2027-06-30",
            "--today",
            "2026-11-04",
        ])
        .fails();
    assert!(err.contains("would fix "), "{err}");
    assert!(err.contains("add --yes"), "{err}");
    assert!(!p.path("published.txt").exists());
    let out = p
        .run(&[
            "publish",
            "--through",
            "2027-06-30",
            "--today",
            "2026-11-04",
            "--yes",
        ])
        .ok();
    assert!(
        out.contains("days 2026-01-05 to 2027-06-30 are published"),
        "{out}"
    );
}

#[test]
fn a_deleted_guide_stops_every_command_that_reads_the_project_and_names_its_file() {
    let p = crate::email::project_with_email(25, "");
    p.run(&["build", "--date", "2026-11-04", "--today", "2026-11-04"])
        .ok();
    std::fs::remove_file(p.path("guides/beta.toml")).unwrap();
    for args in [
        &["build", "--today", "2026-11-05"][..],
        &["build", "--date", "2026-11-05", "--stdout"],
        &["plan"],
        &["send", "--dry-run", "--date", "2026-11-05"],
    ] {
        let err = p.run(args).fails();
        assert!(
            err.contains("BE was published on ")
                && err.contains("from guides/beta.toml, which is gone"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("git checkout -- guides/beta.toml"),
            "{args:?}: {err}"
        );
    }
    // A link to nothing, and a changed code, each say so.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/nonexistent/beta.toml", p.path("guides/beta.toml")).unwrap();
        let err = p.run(&["plan"]).fails();
        assert!(
            err.contains("from guides/beta.toml, which is a link to /nonexistent/beta.toml, which does not exist"),
            "{err}"
        );
        std::fs::remove_file(p.path("guides/beta.toml")).unwrap();
    }
    std::fs::copy(
        crate::fixtures().join("small/guides/beta.toml"),
        p.path("guides/beta.toml"),
    )
    .unwrap();
    p.run(&["plan"]).ok();
    p.replace("guides/beta.toml", "code = \"BE\"", "code = \"BX\"");
    let err = p.run(&["plan"]).fails();
    assert!(
        err.contains("from guides/beta.toml, which no longer has `code = \"BE\"`"),
        "{err}"
    );
    assert!(
        err.contains("put back `code = \"BE\"` in guides/beta.toml"),
        "{err}"
    );
    p.replace("guides/beta.toml", "code = \"BX\"", "code = \"BE\"");
    // Withdrawn, it may go.
    std::fs::remove_file(p.path("guides/beta.toml")).unwrap();
    p.run(&["withdraw", "BE"]).ok();
    p.run(&["plan"]).ok();
}
