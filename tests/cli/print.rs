//! Printing in a real browser: the weekly sheet and the bulletin insert print on exactly one
//! page of A4 and of Letter for the longest week of the repository's library, with the longest
//! notes schedule.toml allows. Needs Debian's `chromium` and poppler's `pdfinfo` and `pdftotext`
//! (`.ci/run` installs them), so it is ignored by a plain `cargo test` (which lists it as
//! ignored) and run by `.ci/run` with `--include-ignored`; run without those programs, it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use prayer_guide::content::schedule::{MAX_NOTES_CHARS, Paper};
use prayer_guide::publish::assemble::{Assembler, DayGuide, WeekGuide};
use prayer_guide::rotation::Audience;

use crate::{Project, copy_dir, repo};

/// The weeks (by their first day) whose sheet and whose bulletin hold the most text, over a
/// year of weeks, with the sheet's length.
fn longest_weeks() -> (NaiveDate, usize, NaiveDate) {
    let project =
        prayer_guide::content::project::Project::load(&repo().join("schedule.toml")).unwrap();
    let ledger = prayer_guide::publish::ledger::load(&project, &[], false).unwrap();
    let assembler = Assembler::new(
        &project.catalog,
        &project.schedule,
        &ledger,
        Audience::Public,
    );
    let first = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let weeks: Vec<(NaiveDate, WeekGuide)> = (0..52)
        .map(|i| first + chrono::Days::new(7 * i))
        .map(|monday| (monday, assembler.week(monday, Paper::A4).unwrap()))
        .collect();
    let longest = |length: fn(&DayGuide) -> usize| {
        weeks
            .iter()
            .map(|(monday, week)| (*monday, week.days.iter().map(length).sum::<usize>()))
            .max_by_key(|&(_, n)| n)
            .unwrap()
    };
    let (sheet, sheet_len) = longest(sheet_text);
    (sheet, sheet_len, longest(bulletin_text).0)
}

/// What the sheet shows of a day: heading, first sentence (or theme paragraph), every point.
fn sheet_text(d: &DayGuide) -> usize {
    let lead = match (&d.country, &d.theme) {
        (Some(c), _) => c.lead.len(),
        (None, Some(t)) => t.text.first().map_or(0, String::len),
        _ => 0,
    };
    d.heading.len() + lead + d.points.iter().map(String::len).sum::<usize>()
}

/// What the bulletin shows of a day: heading and first point.
fn bulletin_text(d: &DayGuide) -> usize {
    d.heading.len() + d.points.first().map_or(0, String::len)
}

/// Notes of (nearly) the longest length allowed, in two paragraphs, ending in a word to find.
fn longest_notes() -> String {
    let words = "Our prayer meeting is on Wednesday at seven in the church hall and everyone is \
                 welcome. Cards for prisoners of faith are at the welcome desk after the service. \
                 Thank you for every gift to the persecuted church fund this year."
        .split(' ')
        .cycle();
    let mut notes = String::new();
    for (i, word) in words.enumerate() {
        let sep = if i == 0 {
            ""
        } else if i == 30 {
            "\n\n"
        } else {
            " "
        };
        if notes.len() + sep.len() + word.len() + " Maranatha.".len() > MAX_NOTES_CHARS {
            break;
        }
        notes.push_str(sep);
        notes.push_str(word);
    }
    notes.push_str(" Maranatha.");
    assert!(notes.len() > MAX_NOTES_CHARS - 20, "{}", notes.len());
    notes
}

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

#[test]
#[ignore = "needs chromium, pdfinfo, pdftotext: .ci/run installs them"]
fn sheet_and_bulletin_print_on_one_page_of_a4_and_letter() {
    let tools: Vec<PathBuf> = ["chromium", "pdfinfo", "pdftotext"]
        .iter()
        .map(|t| {
            find_program(t).unwrap_or_else(|| {
                panic!(
                    "{t} is missing, so the printed sheets cannot be checked. Install it with \
                     `apt-get install --no-install-recommends chromium poppler-utils \
                     fonts-dejavu-core` (as .ci/run does)"
                )
            })
        })
        .collect();
    let (sheet_week, sheet_len, bulletin_week) = longest_weeks();
    assert!(
        sheet_len > 3000,
        "the longest week is only {sheet_len} characters"
    );

    let p = Project::empty();
    copy_dir(&repo().join("guides"), &p.path("guides"));
    let notes = longest_notes();
    p.write("notes.md", &notes);
    let schedule = std::fs::read_to_string(repo().join("schedule.toml")).unwrap();
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}notes_file = \"notes.md\"\nbase_url = \"https://example.org/prayer/\"\n"
        ),
    );
    let mut files = Vec::new();
    for paper in ["a4", "letter"] {
        for (week, format) in [(sheet_week, "html"), (bulletin_week, "bulletin")] {
            let out = format!("print-{paper}");
            let date = week.to_string();
            let args = ["build", "--date", &date, "--week", "--format", format];
            p.run(&[&args[..], &["--paper", paper, "--out", &out]].concat())
                .ok();
            let ext = if format == "html" {
                "html"
            } else {
                "bulletin.html"
            };
            files.push((p.path(&format!("{out}/weeks/{date}.{ext}")), paper));
        }
    }

    // All four at once: each Chromium needs a profile folder of its own.
    let printing: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, (html, _))| {
            let pdf = html.with_extension("pdf");
            let profile = p.path(&format!("chromium-profile-{i}"));
            let child = Command::new(&tools[0])
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                ])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(format!("file://{}", html.display()))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            (child, pdf)
        })
        .collect();
    for ((mut child, pdf), (html, paper)) in printing.into_iter().zip(&files) {
        assert!(
            child.wait().unwrap().success(),
            "chromium failed on {html:?}"
        );
        let info = output(&tools[1], &pdf);
        let name = html.file_name().unwrap().to_string_lossy();
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Pages:", "1"]),
            "{name} on {paper} is not one page:\n{info}"
        );
        let size = if *paper == "a4" { "(A4)" } else { "(letter)" };
        assert!(info.contains(size), "{name} is not on {paper}:\n{info}");
        // Everything is on the page: the end of the notes, and the last day's last words.
        let text = output(&tools[2], &pdf).replace('\n', " ");
        assert!(
            text.contains("Maranatha."),
            "{name}: the notes are cut:\n{text}"
        );
        assert_eq!(
            text.matches("Maranatha.").count(),
            if name.contains("bulletin") { 2 } else { 1 },
            "{name}: one copy of the notes for each copy of the insert"
        );
    }
}

/// A tool's standard output for `pdf` (`pdftotext` writes to `-`).
fn output(tool: &Path, pdf: &Path) -> String {
    let mut command = Command::new(tool);
    command.arg(pdf);
    if tool.ends_with("pdftotext") {
        command.arg("-");
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{tool:?} failed on {pdf:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
