//! Printing in a real browser: the weekly sheet and the bulletin insert print on exactly one
//! page of A4 and of Letter for the longest week of the repository's library, with the longest
//! notes schedule.toml allows; with four points a day and notes of twelve short lines (LF, and
//! CRLF as Windows saves them); and the estimate `build` fits them with (`publish::fit`) is
//! checked against where Chromium's text really ends. An Arabic week (labels, notes and every
//! guide's text in Arabic script) prints on one page of each paper too, mirrored right to left.
//! Needs Debian's `chromium` and poppler's `pdfinfo` and `pdftotext` (`.ci/run` installs them),
//! so it is ignored by a plain `cargo test` (which lists it as ignored) and run by `.ci/run` with
//! `--include-ignored`; run without those programs, it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use prayer_guide::content::schedule::{MAX_NOTES_CHARS, Paper};
use prayer_guide::publish::assemble::{Assembler, DayGuide, WeekGuide};
use prayer_guide::publish::fit::{self, Layout, SAFETY};
use prayer_guide::rotation::Audience;

use crate::{Project, copy_dir, repo};

/// The weeks (by their first day) whose sheet and whose bulletin hold the most text, over a
/// year of weeks, with the sheet's length.
fn longest_weeks(schedule: &Path) -> (NaiveDate, usize, NaiveDate) {
    let project = prayer_guide::content::project::Project::load(schedule).unwrap();
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

/// What the bulletin shows of a day: heading and its point about the church.
fn bulletin_text(d: &DayGuide) -> usize {
    d.heading.len() + d.church_line().map_or(0, str::len)
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

/// Chromium, pdfinfo and pdftotext, in that order; a clear failure if one is missing.
fn tools() -> Vec<PathBuf> {
    ["chromium", "pdfinfo", "pdftotext"]
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
        .collect()
}

/// Prints `html` to `pdf` in headless Chromium, with a profile folder of its own.
fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new(chromium)
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
        .status()
        .unwrap();
    assert!(status.success(), "chromium failed on {html:?}");
}

/// Twelve short notices, as a church writes them, the last ending in a word to find (the PDF
/// tests use them too).
pub const TWELVE_LINES: [&str; 12] = [
    "Sunday 10am: morning worship",
    "Sunday 6pm: evening prayer",
    "Monday: food bank, 2 to 4pm",
    "Tuesday: parents and toddlers",
    "Wednesday 7pm: prayer meeting",
    "Thursday: Bible study at the Smiths",
    "Friday: youth club at 7pm",
    "Saturday: men's breakfast at 8am",
    "Letters to prisoners: see Anna",
    "Gift Aid forms at the back",
    "Church lunch on the 14th",
    "Cards at the welcome desk. Maranatha.",
];

/// One way a church fills in its sheet.
struct Case {
    name: &'static str,
    points_per_day: usize,
    notes: String,
    /// Paragraphs the notes must come out as.
    paragraphs: usize,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "longest-notes",
            points_per_day: 3,
            notes: longest_notes(),
            paragraphs: 2,
        },
        Case {
            name: "four-points-twelve-lines",
            points_per_day: 4,
            notes: TWELVE_LINES.join("\n\n") + "\n",
            paragraphs: 12,
        },
        Case {
            name: "four-points-twelve-lines-crlf",
            points_per_day: 4,
            notes: TWELVE_LINES.join("\r\n\r\n") + "\r\n",
            paragraphs: 12,
        },
        Case {
            name: "four-points-twelve-lines-one-paragraph",
            points_per_day: 4,
            notes: TWELVE_LINES.join("\n") + "\n",
            paragraphs: 1,
        },
    ]
}

/// One printed file: which case, week, layout and paper.
struct Printed {
    case: &'static str,
    schedule: PathBuf,
    week: NaiveDate,
    layout: Layout,
    paper: Paper,
    html: PathBuf,
}

#[test]
#[ignore = "needs chromium, pdfinfo, pdftotext: .ci/run installs them"]
fn sheet_and_bulletin_print_on_one_page_of_a4_and_letter() {
    let tools = tools();
    let p = Project::empty();
    copy_dir(&repo().join("guides"), &p.path("guides"));
    let base = std::fs::read_to_string(repo().join("schedule.toml")).unwrap();
    assert!(base.contains("\npoints_per_day = 3"));
    let mut files = Vec::new();
    for case in cases() {
        let dir = case.name;
        p.write(&format!("{dir}/notes.md"), &case.notes);
        let schedule = base
            .replacen(
                "\npoints_per_day = 3",
                &format!("\npoints_per_day = {}", case.points_per_day),
                1,
            )
            .replacen("\nstart = ", "\nguides = \"../guides\"\nstart = ", 1);
        p.write(
            &format!("{dir}/schedule.toml"),
            &format!(
                "{schedule}notes_file = \"notes.md\"\nbase_url = \"https://example.org/prayer/\"\n"
            ),
        );
        let config = p.path(&format!("{dir}/schedule.toml"));
        let (sheet_week, sheet_len, bulletin_week) = longest_weeks(&config);
        assert!(
            sheet_len > 3000,
            "the longest week is only {sheet_len} characters"
        );
        // The notes keep their paragraphs, whatever the line endings.
        let config_arg = config.to_str().unwrap();
        let json = p
            .run(&[
                "--config",
                config_arg,
                "build",
                "--week",
                "--context",
                "--date",
                "2027-01-04",
            ])
            .ok();
        let week: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            week["notes"].as_array().unwrap().len(),
            case.paragraphs,
            "{}: {}",
            case.name,
            week["notes"]
        );
        for (paper, paper_arg) in [(Paper::A4, "a4"), (Paper::Letter, "letter")] {
            for (week, layout, format) in [
                (sheet_week, Layout::Sheet, "html"),
                (bulletin_week, Layout::Bulletin, "bulletin"),
            ] {
                let out = p.path(&format!("{dir}/print-{paper_arg}"));
                let date = week.to_string();
                let run = p.run(&[
                    "--config",
                    config_arg,
                    "build",
                    "--date",
                    &date,
                    "--week",
                    "--format",
                    format,
                    "--paper",
                    paper_arg,
                    "--out",
                    out.to_str().unwrap(),
                ]);
                assert_eq!(run.code, 0, "{}", run.stderr);
                assert!(!run.stderr.contains("two pages"), "{}", run.stderr);
                let ext = if format == "html" {
                    "html"
                } else {
                    "bulletin.html"
                };
                files.push(Printed {
                    case: case.name,
                    schedule: config.clone(),
                    week,
                    layout,
                    paper,
                    html: out.join(format!("weeks/{date}.{ext}")),
                });
            }
        }
    }

    // Four Chromiums at a time, each with a profile folder of its own.
    let mut report = Vec::new();
    for (batch, part) in files.chunks(4).enumerate() {
        let printing: Vec<_> = part
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let pdf = f.html.with_extension("pdf");
                let profile = p.path(&format!("chromium-profile-{batch}-{i}"));
                let child = Command::new(&tools[0])
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!("--user-data-dir={}", profile.display()))
                    .arg(format!("--print-to-pdf={}", pdf.display()))
                    .arg(format!("file://{}", f.html.display()))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap();
                (child, pdf)
            })
            .collect();
        for ((mut child, pdf), f) in printing.into_iter().zip(part) {
            assert!(
                child.wait().unwrap().success(),
                "chromium failed on {:?}",
                f.html
            );
            report.push(check_pdf(&tools, &pdf, f));
        }
    }
    eprintln!("estimated and printed heights (mm), and the type size chosen:");
    for line in &report {
        eprintln!("  {line}");
    }
}

/// Checks one printed PDF: one page of the right paper, the end of the notes on it (once per
/// copy), and the text ending where the estimate said it would, give or take the calibration.
fn check_pdf(tools: &[PathBuf], pdf: &Path, f: &Printed) -> String {
    let name = format!(
        "{}: {} on {:?}",
        f.case,
        f.html.file_name().unwrap().to_string_lossy(),
        f.paper
    );
    let info = output(&tools[1], pdf, &[]);
    assert!(
        info.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Pages:", "1"]),
        "{name} is not one page:\n{info}"
    );
    let size = if f.paper == Paper::A4 {
        "(A4)"
    } else {
        "(letter)"
    };
    assert!(info.contains(size), "{name} is not on its paper:\n{info}");
    let text = output(&tools[2], pdf, &[]).replace('\n', " ");
    assert_eq!(
        text.matches("Maranatha.").count(),
        if f.layout == Layout::Bulletin { 2 } else { 1 },
        "{name}: the end of the notes, once for each copy:\n{text}"
    );

    // Where the text ends: the lowest word on the page, less the top margin.
    let boxes = output(&tools[2], pdf, &["-bbox"]);
    let bottom_pt = boxes
        .split("yMax=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
        .fold(0.0, f64::max);
    let top_mm = if f.layout == Layout::Sheet { 11.0 } else { 9.0 };
    let printed = bottom_pt * 25.4 / 72.0 - top_mm;
    let project = prayer_guide::content::project::Project::load(&f.schedule).unwrap();
    let ledger = prayer_guide::publish::ledger::load(&project, &[], false).unwrap();
    let assembler = Assembler::new(
        &project.catalog,
        &project.schedule,
        &ledger,
        Audience::Public,
    );
    let week = assembler.week(f.week, f.paper).unwrap();
    let pt = match f.layout {
        Layout::Sheet => week.print.sheet_pt,
        Layout::Bulletin => week.print.bulletin_pt,
    };
    let view = week.print_view(&assembler.locale);
    let estimate = fit::height_mm(&view, f.layout, pt);
    // The estimate may err by the share of the page kept spare, and is never far above.
    assert!(
        printed <= estimate / SAFETY && printed >= estimate * 0.9,
        "{name}: the text ends {printed:.1} mm down, the estimate said {estimate:.1} mm"
    );
    format!("{name}: estimate {estimate:.1}, printed {printed:.1}, at {pt} pt")
}

/// A tool's standard output for `pdf` (`pdftotext` writes to `-`).
fn output(tool: &Path, pdf: &Path, args: &[&str]) -> String {
    let mut command = Command::new(tool);
    command.args(args).arg(pdf);
    if tool.ends_with("pdftotext") {
        command.arg("-");
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{tool:?} failed on {pdf:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Arabic prose to stand in for a translation: real words, cut to the length of the English
/// they replace, so that the page holds as much Arabic as the guide holds English.
const ARABIC: &str = "نصلي من أجل المؤمنين في هذا البلد لكي يثبتوا في الإيمان ويجدوا تعزية ورجاء \
                      وسط الضيق، ولكي تكون الكنيسة نورا لجيرانها وتخدم المحتاجين بمحبة وصبر. ";

/// `ARABIC` repeated and cut at a word to about `chars` characters (at least one word).
fn arabic_like(english: &str) -> String {
    let chars = english.chars().count();
    let mut out = String::new();
    for word in ARABIC.split_whitespace().cycle() {
        if !out.is_empty() && out.chars().count() + word.chars().count() >= chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A `guides/ar/<file>` for every guide but the one with code `untranslated`: summary, points,
/// praise and story in Arabic, each as long as the English, so the week is set in Arabic
/// script from heading to notes, but for one day still in English, as a church has it while
/// its translations are under way.
fn write_arabic_translations(p: &Project, schedule: &Path, untranslated: &str) {
    let project = prayer_guide::content::project::Project::load(schedule).unwrap();
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        if g.code == untranslated {
            continue;
        }
        let mut t = toml::Table::new();
        t.insert("summary".into(), arabic_like(&g.summary).into());
        let points: Vec<toml::Value> = g
            .points
            .iter()
            .map(|pt| arabic_like(&pt.text).into())
            .collect();
        t.insert("points".into(), points.into());
        if !g.praise.is_empty() {
            let praise: Vec<toml::Value> = g.praise.iter().map(|x| arabic_like(x).into()).collect();
            t.insert("praise".into(), praise.into());
        }
        if let Some(story) = &g.story {
            let mut st = toml::Table::new();
            st.insert("quote".into(), arabic_like(&story.quote).into());
            st.insert("context".into(), arabic_like(&story.context).into());
            t.insert("story".into(), st.into());
        }
        let file = entry
            .file
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        p.write(&format!("guides/ar/{file}"), &toml::to_string(&t).unwrap());
    }
}

/// The words of the schedule's title in `pdftotext -bbox` output: (leftmost x, rightmost x).
fn title_span(boxes: &str, title: &str) -> (f64, f64) {
    let attr = |word: &str, name: &str| -> f64 {
        word.split(&format!("{name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let words: Vec<&str> = title.split_whitespace().collect();
    let found: Vec<&str> = boxes
        .lines()
        .filter(|l| l.contains("<word "))
        .filter(|l| words.iter().any(|w| l.contains(&format!(">{w}</word>"))))
        .take(words.len())
        .collect();
    assert_eq!(found.len(), words.len(), "the title's words in:\n{boxes}");
    let left = found
        .iter()
        .map(|w| attr(w, "xMin"))
        .fold(f64::MAX, f64::min);
    let right = found.iter().map(|w| attr(w, "xMax")).fold(0.0, f64::max);
    (left, right)
}

#[test]
#[ignore = "needs chromium, pdfinfo, pdftotext: .ci/run installs them"]
fn an_arabic_week_prints_on_one_page_right_to_left() {
    let tools = tools();
    let p = Project::empty();
    copy_dir(&repo().join("guides"), &p.path("guides"));
    let repository = std::fs::read_to_string(repo().join("schedule.toml")).unwrap();
    // The repository's English title, as the one title of both projects: the Arabic sheet
    // carries it untranslated, as a church's may.
    let title = repository
        .lines()
        .find_map(|l| l.strip_prefix("title.en = \""))
        .and_then(|t| t.split('"').next())
        .unwrap()
        .to_string();
    let base = format!("title = \"{title}\"\n")
        + &repository
            .lines()
            .filter(|l| !l.starts_with("title."))
            .map(|l| format!("{l}\n"))
            .collect::<String>();
    let notes = "مواعيد الصلاة: الأحد الساعة العاشرة صباحا، والأربعاء الساعة السابعة مساء.\n\n\
                 نلتقي للصلاة من أجل الكنيسة المضطهدة في أول أحد من كل شهر. مرحبا بالجميع.\n";
    for language in ["en", "ar"] {
        let dir = language;
        let notes = if language == "ar" {
            notes.to_string()
        } else {
            TWELVE_LINES[..2].join("\n\n") + "\n"
        };
        p.write(&format!("{dir}/notes.md"), &notes);
        let schedule = base.replacen(
            "\nstart = ",
            &format!("\nlanguage = \"{language}\"\nguides = \"../guides\"\nstart = "),
            1,
        );
        p.write(
            &format!("{dir}/schedule.toml"),
            &format!("{schedule}notes_file = \"notes.md\"\n"),
        );
    }
    let config = |language: &str| p.path(&format!("{language}/schedule.toml"));
    // The weeks with the most text for the sheet and for the bulletin (the same in both
    // languages: the rotation does not depend on the language).
    let (sheet_week, _, bulletin_week) = longest_weeks(&config("en"));
    let context = p
        .run(&[
            "--config",
            config("en").to_str().unwrap(),
            "build",
            "--week",
            "--context",
            "--date",
            &sheet_week.to_string(),
        ])
        .ok();
    let context: serde_json::Value = serde_json::from_str(&context).unwrap();
    let monday = context["days"][0]["country"]["code"]
        .as_str()
        .unwrap()
        .to_string();
    write_arabic_translations(&p, &config("ar"), &monday);

    let mut spans = std::collections::HashMap::new();
    for language in ["en", "ar"] {
        for (paper, paper_arg) in [(Paper::A4, "a4"), (Paper::Letter, "letter")] {
            for (week, format, ext) in [
                (sheet_week, "html", "html"),
                (bulletin_week, "bulletin", "bulletin.html"),
            ] {
                let out = p.path(&format!("{language}/print-{paper_arg}"));
                let date = week.to_string();
                let config = config(language);
                let run = p.run(&[
                    "--config",
                    config.to_str().unwrap(),
                    "build",
                    "--date",
                    &date,
                    "--week",
                    "--format",
                    format,
                    "--paper",
                    paper_arg,
                    "--out",
                    out.to_str().unwrap(),
                ]);
                assert_eq!(run.code, 0, "{}", run.stderr);
                assert!(!run.stderr.contains("two pages"), "{}", run.stderr);
                let html = out.join(format!("weeks/{date}.{ext}"));
                let page = std::fs::read_to_string(&html).unwrap();
                let name = format!("{language} {format} on {paper_arg}");
                if language == "ar" {
                    assert!(page.contains(r#"<html lang="ar" dir="rtl">"#), "{name}");
                }
                let pdf = html.with_extension("pdf");
                let profile = p.path(&format!("chromium-{language}-{format}-{paper_arg}"));
                print_to_pdf(&tools[0], &html, &pdf, &profile);

                let info = output(&tools[1], &pdf, &[]);
                assert!(
                    info.lines()
                        .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Pages:", "1"]),
                    "{name} is not one page:\n{info}"
                );
                let size = if paper == Paper::A4 {
                    "(A4)"
                } else {
                    "(letter)"
                };
                assert!(info.contains(size), "{name} is not on its paper:\n{info}");
                let width: f64 = info
                    .lines()
                    .find_map(|l| l.strip_prefix("Page size:"))
                    .and_then(|l| l.split_whitespace().next())
                    .and_then(|w| w.parse().ok())
                    .unwrap();
                let text = output(&tools[2], &pdf, &[]);
                let arabic = text
                    .chars()
                    .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
                    .count();
                if language == "ar" {
                    // The guides' text, the labels and the notes, as Arabic letters; weekday
                    // names as words (ones without a lam-alef, which pdftotext takes apart).
                    assert!(
                        arabic > 1500,
                        "{name}: only {arabic} Arabic letters:\n{text}"
                    );
                    for word in ["الجمعة", "الخميس", "مرحبا"] {
                        assert!(text.contains(word), "{name}: no {word} in:\n{text}");
                    }
                    // The untranslated English keeps its own direction: its full stops stay at
                    // the end of its sentences (in a right-to-left paragraph they would jump
                    // to the start of the line: ".Islam").
                    let jumped: Vec<&str> = text
                        .lines()
                        .map(|l| l.trim_start_matches(['\u{202B}', '\u{202A}', ' ']))
                        .filter(|l| {
                            l.strip_prefix('.')
                                .and_then(|rest| rest.chars().next())
                                .is_some_and(|c| c.is_ascii_alphabetic())
                        })
                        .collect();
                    assert!(jumped.is_empty(), "{name}: {jumped:?} in:\n{text}");
                } else {
                    assert_eq!(arabic, 0, "{name}: Arabic letters in:\n{text}");
                }
                let (left, right) = title_span(&output(&tools[2], &pdf, &["-bbox"]), &title);
                spans.insert(name.clone(), (left / width, right / width));
            }
        }
    }
    // Right to left: the heading that starts at the left edge in English ends at the right
    // edge in Arabic.
    for (name, (left, right)) in &spans {
        if name.starts_with("ar") {
            assert!(
                *right > 0.9 && *left > 0.3,
                "{name}: the title spans {left:.2}–{right:.2} of the width"
            );
        } else {
            assert!(
                *left < 0.1,
                "{name}: the title spans {left:.2}–{right:.2} of the width"
            );
        }
    }
}
