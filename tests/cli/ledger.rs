//! The ledger through the real binary: what `build` and `send` publish never changes, whatever
//! is edited next; `plan` and `check` say what an edit does; a lost, damaged or foreign ledger
//! is an error that says what to do.

use crate::Project;
use crate::email::{add, project_with_email};

/// The small fixture with the week of 2027-03-01 (Monday to Sunday) built.
fn built() -> Project {
    let p = Project::fixture("small");
    p.run(&["build", "--date", "2027-03-01", "--today", "2027-03-01"])
        .ok();
    p
}

/// A day's text guide, as the build wrote it.
fn day(p: &Project, date: &str) -> String {
    p.run(&["build", "--date", date, "--day", "--stdout"]).ok()
}

#[test]
fn a_build_publishes_its_days_and_the_ledger_is_committable_text() {
    let p = built();
    let ledger = p.read("published.txt");
    assert!(ledger.contains("\nledger 2 start 2026-01-05\n"), "{ledger}");
    // Every day up to the end of the week built: the day, its week, and every day before.
    assert!(ledger.contains("\n2027-03-07 "), "{ledger}");
    assert!(!ledger.contains("\n2027-03-08 "), "{ledger}");
    assert!(ledger.contains("\ntext AL "), "{ledger}");
    // Restricted points never go into the committed file.
    assert!(!ledger.contains("SECRET"), "{ledger}");
    // A second build of the same days changes nothing.
    let again = p
        .run(&["build", "--date", "2027-03-01", "--today", "2027-03-01"])
        .ok();
    assert!(again.contains("wrote"));
    assert_eq!(p.read("published.txt"), ledger);
}

#[test]
fn edits_leave_published_days_alone_and_apply_to_the_next() {
    let p = built();
    let published: Vec<String> = ["2027-03-01", "2027-03-04", "2027-03-07"]
        .iter()
        .map(|d| day(&p, d))
        .collect();
    let sheet = p.read("public/weeks/2027-03-01.html");
    // An added point (first in the file), a reworded one, a new guide without `since`, more
    // points a day, another order: each of these reshuffled past days before the ledger.
    p.replace(
        "guides/alpha.toml",
        "points = [\n",
        "points = [\n  \"Pray for Alphaland new point.\",\n",
    );
    p.replace(
        "guides/beta.toml",
        "Pray for Betastan church one.",
        "Pray for the Betastan church, one.",
    );
    p.write(
        "guides/aardvark.toml",
        "name = \"Aardvarkia\"\ncode = \"AA\"\nregion = \"North\"\nreviewed = 2026-10-01\n\
         summary = \"Aardvarkia church summary.\"\n\
         points = [\"Pray for the Aardvarkia church one.\", \"Pray for the Aardvarkia church two.\"]\n\
         [[sources]]\ntitle = \"A\"\nurl = \"https://example.org/a\"\n",
    );
    p.replace("schedule.toml", "points_per_day = 2", "points_per_day = 3");
    for (date, before) in ["2027-03-01", "2027-03-04", "2027-03-07"]
        .iter()
        .zip(&published)
    {
        assert_eq!(&day(&p, date), before, "{date} changed");
    }
    p.run(&["build", "--date", "2027-03-01", "--today", "2027-03-01"])
        .ok();
    assert_eq!(p.read("public/weeks/2027-03-01.html"), sheet);
    // The unpublished days show three points (Aardvarkia, which has two, joins first).
    let next = p
        .run(&[
            "plan",
            "--from",
            "2027-03-08",
            "--days",
            "4",
            "--format",
            "json",
        ])
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&next).unwrap();
    assert_eq!(rows[0]["code"], "AA", "{rows}");
    for row in rows.as_array().unwrap() {
        assert_eq!(row["published"], false);
        let points = row["points"].as_array().unwrap().len();
        let expected = if row["code"] == "AL" || row["code"] == "BE" {
            3
        } else {
            2
        };
        assert_eq!(points, expected, "{row}");
    }
}

#[test]
fn plan_and_check_say_when_a_guide_joins_and_what_an_edit_moves() {
    let p = built();
    p.write(
        "guides/delta.toml",
        "name = \"Deltaland\"\ncode = \"DE\"\nregion = \"North\"\nreviewed = 2026-10-01\n\
         since = 2027-03-10\nsummary = \"Deltaland church summary.\"\n\
         points = [\"Pray for the Deltaland church one.\", \"Pray for the Deltaland church two.\"]\n\
         [[sources]]\ntitle = \"D\"\nurl = \"https://example.org/d\"\n",
    );
    let plan = p.run(&["plan", "--from", "2027-03-08", "--days", "7"]).ok();
    assert!(
        plan.contains("note: days up to 2027-03-07 are published (published.txt)"),
        "{plan}"
    );
    // Across the boundary, the table marks each published row and no other.
    let across = p.run(&["plan", "--from", "2027-03-06", "--days", "4"]).ok();
    let marked: Vec<&str> = across
        .lines()
        .filter(|l| l.ends_with("(published)"))
        .map(|l| &l[..10])
        .collect();
    assert_eq!(marked, ["2027-03-06", "2027-03-07"], "{across}");
    let joins = plan
        .lines()
        .find(|l| l.starts_with("note: Deltaland joins on "))
        .unwrap_or_else(|| panic!("{plan}"));
    let date = &joins["note: Deltaland joins on ".len()..][..10];
    // It shows on that day and not before.
    let rows = p
        .run(&[
            "plan",
            "--from",
            "2027-03-08",
            "--days",
            "30",
            "--format",
            "json",
        ])
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&rows).unwrap();
    let first = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "DE")
        .unwrap();
    assert_eq!(first["date"], date);
    assert!(plan.contains("note: this change moves "), "{plan}");
    let check = p.run(&["check", "--today", "2027-03-01"]).ok();
    assert!(check.contains("note: Deltaland joins on "), "{check}");
}

#[test]
fn clashing_pins_are_refused_by_check_plan_and_build() {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{}\n[[pin]]\ndate = 2027-12-25\ncountry = \"AL\"\n\n[[pin]]\nrule = \"december 25\"\ncountry = \"BE\"\n\n\
             [[pin]]\nrule = \"fifth monday of february\"\ncountry = \"GR\"\n\n{}",
            &schedule[..schedule.find("[output]").unwrap()],
            &schedule[schedule.find("[output]").unwrap()..]
        ),
    );
    let check = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .contains("pins 2 and 3 both fall on 2027-12-25"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("pin 4: `fifth monday of february` does not fall on any day"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("schedule.toml:"), "{}", check.stderr);
    let plan = p.run(&["plan", "--from", "2027-01-01"]).fails();
    assert!(plan.contains("both fall on 2027-12-25"), "{plan}");
    let build = p.run(&["build", "--date", "2027-01-01"]).fails();
    assert!(build.contains("both fall on 2027-12-25"), "{build}");
    assert!(
        !p.path("published.txt").exists(),
        "a refused build published days"
    );
}

#[test]
fn a_lost_ledger_is_an_error_that_says_what_to_do() {
    let p = built();
    std::fs::remove_file(p.path("published.txt")).unwrap();
    let err = p.run(&["build", "--date", "2027-03-08"]).fails();
    assert!(
        err.starts_with("error: published.txt is missing, but public holds guides built before"),
        "{err}"
    );
    assert!(err.contains("git checkout -- published.txt"), "{err}");
    assert!(err.contains("prayer-guide publish --adopt"), "{err}");
    let plan = p.run(&["plan"]).fails();
    assert!(plan.contains("published.txt is missing"), "{plan}");
    let out = p.run(&["publish", "--adopt"]).ok();
    assert!(
        out.starts_with("published.txt: days 2026-01-05 to "),
        "{out}"
    );
    p.run(&["build", "--date", "2027-03-08"]).ok();
}

#[test]
fn a_damaged_ledger_names_the_line_and_the_fix() {
    let p = built();
    let text = p.read("published.txt");
    let broken = text.replacen("\n2026-02-10 ", "\n2026-02-11 ", 1);
    p.write("published.txt", &broken);
    let line = broken
        .lines()
        .position(|l| l.starts_with("2026-02-11 "))
        .unwrap()
        + 1;
    let err = p.run(&["build", "--date", "2027-03-01"]).fails();
    assert!(
        err.starts_with(&format!(
            "error: published.txt:{line}:1: 2026-02-11 where the ledger's next day is 2026-02-10"
        )),
        "{err}"
    );
    assert!(err.contains("git checkout -- published.txt"), "{err}");
    // A merge that left conflict markers says how to resolve it.
    p.write("published.txt", &format!("{text}<<<<<<< HEAD\n"));
    let err = p.run(&["plan"]).fails();
    assert!(err.contains("conflict markers"), "{err}");
}

#[test]
fn a_ledger_from_another_project_is_refused() {
    let p = built();
    p.replace("schedule.toml", "start = 2026-01-05", "start = 2026-02-02");
    let err = p.run(&["build", "--date", "2027-03-01"]).fails();
    assert!(
        err.contains("this ledger is for a rotation that starts on 2026-01-05, but schedule.toml's `start` is 2026-02-02"),
        "{err}"
    );
    assert!(err.contains("belongs to another project"), "{err}");
    p.write("published.txt", "title = \"Not a ledger\"\n");
    p.replace("schedule.toml", "start = 2026-02-02", "start = 2026-01-05");
    let err = p.run(&["plan"]).fails();
    assert!(err.contains("not a prayer-guide ledger"), "{err}");
}

#[test]
fn withdraw_takes_a_point_off_published_pages_and_out_of_the_ledger() {
    let p = built();
    // A published day of Alphaland, and its first point.
    let (date, text) = (1..=7)
        .map(|d| format!("2027-03-0{d}"))
        .map(|d| (d.clone(), day(&p, &d)))
        .find(|(_, text)| text.contains("ALPHALAND"))
        .unwrap();
    let points = [
        ("Pray for Alphaland church point one.", "1"),
        ("Pray for Alphaland church point two.", "2"),
        ("Pray for Alphaland believers, point four.", "4"),
    ];
    let (point, number) = points
        .iter()
        .find(|(point, _)| text.contains(point))
        .unwrap();
    let point = point.to_string();
    let out = p.run(&["withdraw", "AL", "--point", number]).ok();
    assert!(out.starts_with("withdrew point "), "{out}");
    assert!(!day(&p, &date).contains(&point));
    assert!(!p.read("published.txt").contains(&point));
    p.run(&["build", "--date", "2027-03-01", "--today", "2027-03-01"])
        .ok();
    for file in crate::files_under(&p.path("public")) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains(&point), "{}", file.display());
    }
    // The whole guide: its published days say it was withdrawn, and it leaves the rotation.
    p.run(&["withdraw", "AL"]).ok();
    let plan = p
        .run(&[
            "plan",
            "--from",
            "2027-02-20",
            "--days",
            "40",
            "--format",
            "json",
        ])
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&plan).unwrap();
    for row in rows.as_array().unwrap() {
        if row["code"] == "AL" {
            assert_eq!(row["kind"], "withdrawn", "{row}");
            assert_eq!(row["published"], true, "{row}");
        }
    }
    assert!(day(&p, &date).contains("WITHDRAWN"), "{}", day(&p, &date));
    let again = p.run(&["withdraw", "AL"]).ok();
    assert!(again.contains("was withdrawn already"), "{again}");
    let unknown = p.run(&["withdraw", "ZZ"]).fails();
    assert!(unknown.contains("no guide has the code `ZZ`"), "{unknown}");
}

#[test]
fn send_publishes_the_days_it_mails() {
    let smtp = crate::smtp::Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &["--cadence", "weekly"]);
    // A test send (`--to-dir`) records nothing; a real one publishes what it mails.
    p.run(&["send", "--date", "2027-03-01", "--to-dir", "out"])
        .ok();
    assert!(!p.path("published.txt").exists());
    p.run(&["send", "--date", "2027-03-01"]).ok();
    let ledger = p.read("published.txt");
    // The weekly edition shows the whole week.
    assert!(ledger.contains("\n2027-03-07 "), "{ledger}");
    // A dry run publishes nothing more.
    p.run(&["send", "--date", "2027-03-08", "--dry-run"]).ok();
    assert_eq!(p.read("published.txt"), ledger);
    // The journal shows digests were sent: without the ledger, sending again is refused.
    std::fs::remove_file(p.path("published.txt")).unwrap();
    let err = p.run(&["send", "--date", "2027-03-08"]).fails();
    assert!(
        err.contains(
            "published.txt is missing, but the delivery journal shows digests sent before"
        ),
        "{err}"
    );
}

#[test]
fn two_builds_at_once_both_publish_and_the_ledger_stays_whole() {
    let p = Project::fixture("small");
    let bin = env!("CARGO_BIN_EXE_prayer-guide");
    let spawn = |from: &str, to: &str, out: &str| {
        std::process::Command::new(bin)
            .args([
                "build", "--from", from, "--to", to, "--format", "txt", "--out", out, "--today", to,
            ])
            .current_dir(p.dir.path())
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| spawn("2027-01-01", "2027-06-30", "a"));
        let b = s.spawn(|| spawn("2027-07-01", "2027-12-31", "b"));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success() && b.status.success());
    let ledger = p.read("published.txt");
    assert!(
        ledger.contains("\n2028-01-02 "),
        "the later build's days are there"
    );
    // Whichever finished last, the days the other built are the same as its files show.
    let plan = p.run(&["plan", "--from", "2027-03-01", "--days", "1"]).ok();
    assert!(plan.contains("2027-03-01"), "{plan}");
    let built = p.read("a/days/2027-03-01.txt");
    assert_eq!(day(&p, "2027-03-01"), built);
}

#[test]
fn a_send_the_mail_server_never_answers_publishes_nothing() {
    // A port nobody listens on: the server is down.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let p = project_with_email(port, "");
    add(&p, "anna@example.org", &["--cadence", "weekly"]);
    let run = p.run(&["send", "--date", "2027-03-01"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!p.path("published.txt").exists(), "{}", run.stderr);
    // Once the server answers, the days of what it accepts are published.
    let smtp = crate::smtp::Smtp::start();
    p.replace(
        "schedule.toml",
        &format!("port = {port}"),
        &format!("port = {}", smtp.port),
    );
    p.run(&["send", "--date", "2027-03-01"]).ok();
    assert!(p.read("published.txt").contains("\n2027-03-07 "));
}
