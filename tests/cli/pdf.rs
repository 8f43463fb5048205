//! `build --format pdf`: the weekly sheet, the bulletin insert, the large-print sheet and the
//! monthly calendar as PDF, read back with an independent PDF reader (lopdf): page counts for
//! the library's longest week, the pinned week, the longest notes, one to six points a day, on
//! every paper; every point of the week in the text; hostile text printed literally; scripts
//! without a font failing with the font to install; the same bytes from two builds.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use prayer_guide::content::guide::mentions_church;
use prayer_guide::content::schedule::{MAX_NOTES_CHARS, Paper};
use prayer_guide::publish::assemble::{Assembler, WeekGuide};
use prayer_guide::rotation::Audience;

use crate::{Project, Run, copy_dir, files_under, repo};

/// Pages of the PDF at `path`.
fn pages(path: &Path) -> usize {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.get_pages().len()
}

/// The text of every page of the PDF at `path`, with all white space taken out (a line may
/// break anywhere a space was).
pub(crate) fn text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc
        .extract_text(&numbers)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    squash(&text)
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The names of the fonts embedded in the PDF at `path`.
fn fonts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut names = Vec::new();
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && let Ok(name) = dict.get(b"BaseFont").and_then(|n| n.as_name())
        {
            names.push(String::from_utf8_lossy(name).into_owned());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The repository's guides with the repository's schedule, changed by `edit`, in a folder of
/// their own.
fn library(edit: impl FnOnce(String) -> String) -> Project {
    let p = Project::empty();
    copy_dir(&repo().join("guides"), &p.path("guides"));
    let schedule = std::fs::read_to_string(repo().join("schedule.toml")).unwrap();
    p.write("schedule.toml", &edit(schedule));
    p
}

fn with_points(schedule: String, n: usize) -> String {
    assert!(schedule.contains("\npoints_per_day = 3"));
    schedule.replacen(
        "\npoints_per_day = 3",
        &format!("\npoints_per_day = {n}"),
        1,
    )
}

/// The week (its Monday) of 2027 whose sheet holds the most text.
fn longest_week(p: &Project) -> NaiveDate {
    let project = prayer_guide::content::project::Project::load(&p.path("schedule.toml")).unwrap();
    let ledger = prayer_guide::publish::ledger::load(&project, &[], false).unwrap();
    let assembler = Assembler::new(
        &project.catalog,
        &project.schedule,
        &ledger,
        Audience::Public,
    );
    let first = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    (0..52)
        .map(|i| first + chrono::Days::new(7 * i))
        .max_by_key(|&monday| {
            let week: WeekGuide = assembler.week(monday, Paper::A4).unwrap();
            week.days
                .iter()
                .map(|d| {
                    let lead = d.country.as_ref().map_or(0, |c| c.lead.len());
                    d.heading.len() + lead + d.points.iter().map(String::len).sum::<usize>()
                })
                .sum::<usize>()
        })
        .unwrap()
}

/// Builds the week of `date` as PDF (with the large print) on `paper` into `out`; returns
/// stderr.
fn build_pdf(p: &Project, date: &str, paper: &str, out: &str) -> String {
    let run = p.run(&[
        "build", "--date", date, "--week", "--format", "pdf", "--large", "--paper", paper, "--out",
        out,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

/// The sheet, bulletin, large-print sheet and calendar of the week starting on `monday`.
fn files(p: &Project, out: &str, monday: NaiveDate) -> [PathBuf; 4] {
    let weeks = p.path(out).join("weeks");
    [
        weeks.join(format!("{monday}.pdf")),
        weeks.join(format!("{monday}.bulletin.pdf")),
        weeks.join(format!("{monday}.large.pdf")),
        p.path(out)
            .join(format!("months/{}.pdf", monday.format("%Y-%m"))),
    ]
}

/// Asserts the page counts the layouts promise: one page, the large print two. A week with more
/// at 16 pt than two pages hold keeps everything, so its large print runs on, but then `build`
/// (whose `stderr` this is) must have said so.
fn assert_fits(p: &Project, out: &str, monday: NaiveDate, stderr: &str, what: &str) {
    let [sheet, bulletin, large, calendar] = files(p, out, monday);
    assert_eq!(pages(&sheet), 1, "{what}: the sheet");
    assert_eq!(pages(&bulletin), 1, "{what}: the bulletin");
    assert_eq!(pages(&calendar), 1, "{what}: the calendar");
    let large = pages(&large);
    let said = format!("note: weeks/{monday}.large.pdf: large print takes {large} pages at ");
    assert!(
        (1..=2).contains(&large) || stderr.contains(&said),
        "{what}: large print on {large} pages, and build did not say so: {stderr}"
    );
}

#[test]
fn the_longest_and_the_pinned_week_fit_on_every_paper() {
    let p = library(|s| s);
    let longest = longest_week(&p);
    // The first Sunday of November 2027 is pinned to a theme with four points of its own.
    let pinned = NaiveDate::from_ymd_opt(2027, 11, 1).unwrap();
    for paper in ["a4", "letter"] {
        for (name, monday) in [("longest", longest), ("pinned", pinned)] {
            let out = format!("{name}-{paper}");
            let stderr = build_pdf(&p, &monday.to_string(), paper, &out);
            assert_fits(
                &p,
                &out,
                monday,
                &stderr,
                &format!("{name} week on {paper}"),
            );
        }
    }
    // The pinned day is on the sheet with its theme, and marked on the calendar.
    let [sheet, _, _, calendar] = files(&p, "pinned-a4", pinned);
    assert!(text(&sheet).contains(&squash("International Day of Prayer")));
    assert!(text(&calendar).contains(&squash("★ a day set aside for this country or theme")));
    // Letter is a different page size from A4.
    let size = |path: &Path| {
        let doc = lopdf::Document::load(path).unwrap();
        let page = doc.get_pages()[&1];
        let dict = doc.get_dictionary(page).unwrap();
        format!("{:?}", dict.get(b"MediaBox").unwrap())
    };
    let (a4, letter) = (
        files(&p, "pinned-a4", pinned)[0].clone(),
        files(&p, "pinned-letter", pinned)[0].clone(),
    );
    assert!(size(&a4).contains("595.2"), "{}", size(&a4));
    assert!(size(&letter).contains("612"), "{}", size(&letter));
}

#[test]
fn one_to_six_points_a_day_fit_and_every_point_is_printed() {
    for n in 1..=6 {
        let p = library(|s| with_points(s, n));
        let monday = longest_week(&p);
        for paper in ["a4", "letter"] {
            let out = format!("out-{paper}");
            let stderr = build_pdf(&p, &monday.to_string(), paper, &out);
            let what = format!("{n} points a day on {paper}");
            assert_fits(&p, &out, monday, &stderr, &what);
            // Up to the usual three points, large print at 16 pt or more keeps to two pages,
            // or a third where the longest week needs it.
            if n <= 3 {
                let large = pages(&files(&p, &out, monday)[2]);
                assert!(large <= 3, "{what}: large print on {large} pages");
            }
        }
        // Every point of every day is in the sheet and the large print; each day's point about
        // the church in the bulletin.
        let week = p
            .run(&[
                "build",
                "--date",
                &monday.to_string(),
                "--week",
                "--context",
            ])
            .ok();
        let week: serde_json::Value = serde_json::from_str(&week).unwrap();
        let [sheet, bulletin, large, _] = files(&p, "out-a4", monday);
        let (sheet, bulletin, large) = (text(&sheet), text(&bulletin), text(&large));
        let (mut count, mut expected) = (0, 0);
        for day in week["days"].as_array().unwrap() {
            let points = day["points"].as_array().unwrap();
            // A pinned day (the International Day of Prayer) has its own points.
            if day["kind"] != serde_json::json!("theme") {
                assert_eq!(points.len(), n);
            }
            expected += points.len();
            for (i, point) in points.iter().enumerate() {
                let point = squash(point.as_str().unwrap());
                assert!(sheet.contains(&point), "{n} a day: the sheet lacks {point}");
                assert!(
                    large.contains(&point),
                    "{n} a day: large print lacks {point}"
                );
                if i as u64 == day["church_point"].as_u64().unwrap() {
                    assert!(bulletin.contains(&point), "the bulletin lacks {point}");
                }
                count += 1;
            }
            let date = day["date_long"].as_str().unwrap().to_uppercase();
            assert!(
                sheet.contains(&squash(&date)),
                "the sheet lacks the date {date}"
            );
        }
        assert_eq!(count, expected);
        assert!(count >= 6 * n, "{count} points in a week of {n} a day");
    }
}

#[test]
fn the_longest_notes_fit_as_one_paragraph_and_as_twelve_lines() {
    let paragraph: String = "Our prayer meeting is on Wednesday at seven in the church hall. "
        .repeat(10)
        .chars()
        .take(MAX_NOTES_CHARS)
        .collect();
    let paragraph = paragraph.trim().to_string();
    let lines = crate::print::TWELVE_LINES.join("\n\n");
    for (name, notes) in [("paragraph", paragraph), ("lines", lines)] {
        for points in [3, 4, 6] {
            let p = library(|s| with_points(s, points));
            p.write("notes.md", &notes);
            p.replace(
                "schedule.toml",
                "[output]\n",
                "[output]\nnotes_file = \"notes.md\"\nchurch = \"St Mark's, Easton\"\n\
                 base_url = \"https://example.org/prayer/\"\n",
            );
            let monday = longest_week(&p);
            for paper in ["a4", "letter"] {
                let stderr = build_pdf(&p, &monday.to_string(), paper, paper);
                let what = format!("{name} notes, {points} points, {paper}");
                assert_fits(&p, paper, monday, &stderr, &what);
                // The notes are printed whole unless build says what it left out.
                let sheet = text(&files(&p, paper, monday)[0]);
                let last = squash(notes.split("\n\n").last().unwrap());
                let sheet_notice = format!("weeks/{monday}.pdf: set at");
                if stderr.contains(&sheet_notice) {
                    assert!(
                        stderr.contains("left out the days' lead sentences"),
                        "{what}: {stderr}"
                    );
                } else {
                    assert!(sheet.contains(&last), "{what}: the notes' end is missing");
                }
                assert!(sheet.contains(&squash("St Mark's, Easton")), "{what}");
            }
        }
    }
}

#[test]
fn hostile_text_prints_literally() {
    let p = Project::fixture("small");
    // About the church, so that the bulletin and the calendar show it too.
    let hostile = r#"Pray for the church #set page(height: 1cm) $x^2$ *bold* _it_ @ref \\ <script>alert(1)</script> #{panic("x")} ]"#;
    p.replace(
        "guides/alpha.toml",
        "\"Pray for Alphaland church point one.\"",
        &format!("{hostile:?}"),
    );
    p.replace(
        "schedule.toml",
        "[output]\n",
        "[output]\nchurch = \"#strong[St] $Mark$ <b>\"\nnotes = \"#pagebreak() \\\\ @x\"\n",
    );
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title = \"Test #1 *Guide*\"",
    );
    // Alphaland's first visit with its first point: the week of 2026-01-05.
    let stderr = build_pdf(&p, "2026-01-05", "a4", "out");
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let [sheet, bulletin, large, calendar] = files(&p, "out", monday);
    for file in [&sheet, &bulletin, &large] {
        let text = text(file);
        for literal in [hostile, "#strong[St] $Mark$ <b>", "Test #1 *Guide*"] {
            assert!(
                text.contains(&squash(literal)),
                "{}: no {literal}",
                file.display()
            );
        }
    }
    assert!(text(&sheet).contains(&squash("#pagebreak() \\ @x")));
    assert!(text(&calendar).contains(&squash(hostile)));
    // Nothing ran: no page break, no page one centimetre high.
    assert_fits(&p, "out", monday, &stderr, "hostile text");
    assert_eq!(stderr, "");
}

#[test]
fn two_builds_write_the_same_bytes() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "[output]\n",
        "[output]\nbase_url = \"https://example.org/prayer/\"\n",
    );
    build_pdf(&p, "2026-11-25", "letter", "one");
    build_pdf(&p, "2026-11-25", "letter", "two");
    let one = files_under(&p.path("one"));
    assert_eq!(one.len(), 4, "{one:?}");
    for file in one {
        let relative = file.strip_prefix(p.path("one")).unwrap();
        let again = p.path("two").join(relative);
        assert!(
            std::fs::read(&file).unwrap() == std::fs::read(&again).unwrap(),
            "{} differs between two builds",
            relative.display()
        );
    }
}

#[test]
fn a_private_pdf_is_marked_and_swept_from_the_public_folder() {
    let p = Project::fixture("small");
    let run = p.run(&[
        "build",
        "--date",
        "2026-01-05",
        "--week",
        "--format",
        "pdf",
        "--private",
        "--out",
        "closed",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = p.path("closed/weeks/2026-01-05.pdf");
    assert!(text(&sheet).contains(&squash("SECRET Alphaland training.")));
    assert!(text(&sheet).contains(&squash("Private: includes points not for public posting")));
    // A private PDF copied into the public folder is taken out by the next public build.
    std::fs::create_dir_all(p.path("public/weeks")).unwrap();
    std::fs::copy(&sheet, p.path("public/weeks/stray.pdf")).unwrap();
    let run = p.run(&["build", "--date", "2026-01-05", "--week", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("note: removed"), "{}", run.stderr);
    assert!(!p.path("public/weeks/stray.pdf").exists());
    let public = text(&p.path("public/weeks/2026-01-05.pdf"));
    assert!(!public.contains("SECRET"));
}

#[test]
fn a_pdf_is_not_printed_to_standard_output() {
    let p = Project::fixture("small");
    let err = p
        .run(&["build", "--week", "--format", "pdf", "--stdout"])
        .fails();
    assert_eq!(
        err,
        "error: a PDF is written to a file, not printed: drop --stdout (the PDFs go to the \
         output folder's weeks/ and months/)\n"
    );
}

/// Whether an installed font has `c`, as the build judges it.
fn font_has(c: char) -> bool {
    prayer_guide::publish::pdf::Shared::get()
        .fonts()
        .iter()
        .any(|f| f.coverage.contains(c as u32))
}

#[test]
fn arabic_renders_with_a_font_that_has_it_or_names_the_font_to_install() {
    let p = Project::fixture("small");
    copy_dir(&crate::fixtures().join("translations"), &p.path("guides"));
    let run = p.run(&[
        "build",
        "--date",
        "2026-01-05",
        "--week",
        "--format",
        "pdf",
        "--language",
        "ar",
    ]);
    if font_has('ص') {
        assert_eq!(run.code, 0, "{}", run.stderr);
        let sheet = p.path("public/ar/weeks/2026-01-05.pdf");
        let fonts = fonts(&sheet);
        // Libertinus for the Latin, and a font with Arabic for the rest.
        let arabic = fonts
            .iter()
            .filter(|f| !f.contains("Libertinus"))
            .collect::<Vec<_>>();
        assert!(!arabic.is_empty(), "no font besides Libertinus: {fonts:?}");
        assert_eq!(pages(&sheet), 1);
    } else {
        assert!(
            run.stderr.contains("install Noto Naskh Arabic")
                && run.stderr.contains("fonts-noto-core"),
            "{}",
            run.stderr
        );
    }
}

#[test]
#[ignore = "needs poppler's pdftotext (.ci/run installs poppler-utils)"]
fn an_arabic_weeks_pdf_reads_in_logical_order_with_its_address_whole() {
    if !font_has('ص') {
        return;
    }
    let p = Project::fixture("small");
    copy_dir(&crate::fixtures().join("translations"), &p.path("guides"));
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nbase_url = \"https://example.org/prayer/\"",
    );
    p.run(&[
        "build",
        "--date",
        "2026-11-29",
        "--week",
        "--format",
        "pdf",
        "--format",
        "bulletin",
        "--language",
        "ar",
    ])
    .ok();
    let text = |file: &str| {
        let out = std::process::Command::new("pdftotext")
            .arg(p.path(file))
            .arg("-")
            .output()
            .expect("pdftotext runs");
        String::from_utf8(out.stdout).unwrap()
    };
    let bulletin = text("public/ar/weeks/2026-11-23.bulletin.pdf");
    assert!(
        bulletin.contains("https://example.org/prayer/"),
        "{bulletin}"
    );
    assert!(!bulletin.contains("/https://"), "{bulletin}");
    let sheet = text("public/ar/weeks/2026-11-23.pdf");
    // English points on the Arabic sheet are paragraphs of their own direction: each ends
    // with its full stop, and the Arabic reads in logical order.
    for line in [
        "Pray for Betastan church one.",
        "Pray for Alphaland believers, point four.",
    ] {
        assert!(sheet.lines().any(|l| l.trim() == line), "{line}\n{sheet}");
    }
    assert!(sheet.contains("نوفمبر"), "{sheet}");
    assert!(sheet.contains("صغيرة"), "{sheet}");
}

#[test]
fn chinese_renders_with_a_font_that_has_it_or_names_the_font_to_install() {
    let p = Project::fixture("small");
    p.replace(
        "guides/alpha.toml",
        "name = \"Alphaland\"",
        "name = \"中国\"",
    );
    p.replace(
        "guides/alpha.toml",
        "\"Pray for Alphaland church point one.\"",
        "\"为中国的家庭教会祷告。\"",
    );
    let run = p.run(&["build", "--date", "2026-01-05", "--week", "--format", "pdf"]);
    if font_has('为') {
        assert_eq!(run.code, 0, "{}", run.stderr);
        let sheet = p.path("public/weeks/2026-01-05.pdf");
        assert!(text(&sheet).contains("为中国的家庭教会祷告。"));
        assert!(fonts(&sheet).iter().any(|f| !f.contains("Libertinus")));
    } else {
        let err = run.fails();
        assert!(
            err.contains("no installed font has the Chinese script (")
                && err.contains("help: install Noto Serif CJK SC (Debian and Ubuntu: `apt install fonts-noto-cjk`)"),
            "{err}"
        );
    }
}

#[test]
fn check_says_what_the_pdfs_leave_out_as_build_does() {
    let p = library(|s| with_points(s, 6));
    p.write("notes.md", &crate::print::TWELVE_LINES.join("\n\n"));
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\", \"pdf\"]",
        "formats = [\"pdf\"]\nnotes_file = \"notes.md\"",
    );
    let monday = longest_week(&p).to_string();
    let run = p.run(&["build", "--date", &monday, "--week"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let said: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: weeks/") || l.starts_with("note: months/"))
        .collect();
    assert!(
        said.iter().any(|l| l.contains(&format!(
            "weeks/{monday}.pdf: set at 9 pt and left out the days' lead sentences"
        ))),
        "{}",
        run.stderr
    );
    let checked = p.run(&["check", "--today", &monday]).ok();
    for line in said {
        assert!(
            checked.contains(line),
            "check does not say {line}:\n{checked}"
        );
    }
}

#[test]
fn check_names_the_font_a_guide_needs() {
    let p = Project::fixture("small");
    p.replace(
        "guides/alpha.toml",
        "name = \"Alphaland\"",
        "name = \"中国\"",
    );
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\"]",
        "formats = [\"pdf\"]",
    );
    let run = p.run(&["check", "--today", "2026-01-05"]);
    // A warning, not an error: the fonts are the machine's, and the build writes the rest.
    assert_eq!(run.code, 0, "{}", run.stderr);
    if !font_has('中') {
        assert!(
            run.stderr.contains("weeks/2026-01-05.pdf, weeks/2026-01-05.bulletin.pdf, months/2026-01.pdf: cannot be typeset, and the build will leave them out: no installed font has the Chinese script (中 U+4E2D, in “中国”)"),
            "{}", run.stderr
        );
    }
}

/// Runs the binary in `p` with only the fonts in `fonts` besides the program's own (Libertinus
/// Serif): fontconfig's `FONTCONFIG_FILE`, which the font search reads, names that folder
/// alone, so what a machine has installed does not change the outcome.
fn run_with_fonts(p: &Project, fonts: &[&Path], args: &[&str]) -> Run {
    let dir = p.path("fonts");
    std::fs::create_dir_all(&dir).unwrap();
    for font in fonts {
        std::fs::copy(font, dir.join(font.file_name().unwrap())).unwrap();
    }
    let conf = format!(
        "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
        dir.display()
    );
    p.write("fonts.conf", &conf);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(args)
        .current_dir(p.path(""))
        .env("NO_COLOR", "1")
        .env("FONTCONFIG_FILE", p.path("fonts.conf"))
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn an_emoji_no_font_has_is_left_out_of_the_pdf_alone_and_said_where() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes = \"Prayer breakfast 🙏 on Saturday.\"",
    );
    let run = run_with_fonts(
        &p,
        &[],
        &["build", "--date", "2026-01-07", "--format", "html,txt,pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The day page, the week's HTML and text keep the emoji; the PDFs are written without it.
    assert!(p.path("public/days/2026-01-07.html").exists());
    assert!(p.read("public/weeks/2026-01-05.html").contains("🙏"));
    assert!(p.read("public/weeks/2026-01-05.txt").contains("🙏"));
    for pdf in ["weeks/2026-01-05.pdf", "weeks/2026-01-05.bulletin.pdf"] {
        let text = text(&p.path(&format!("public/{pdf}")));
        assert!(text.contains("Prayerbreakfaston"), "{pdf}: {text}");
        assert!(!text.contains('🙏'), "{pdf}");
        assert!(
            run.stderr.contains(&format!(
                "warning: {pdf}: no installed font has 🙏 (U+1F64F, in the notes: “Prayer \
                 breakfast 🙏 on Saturday.”), so it is left out of this PDF; the HTML and text \
                 keep it\n  help: install a font that has it (for emoji, Debian and Ubuntu: \
                 `apt install fonts-noto-color-emoji`), then build again"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(p.path("public/months/2026-01.pdf").exists());
}

#[test]
fn an_emoji_a_font_has_is_set_in_that_font() {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if !dejavu.exists() {
        eprintln!("skipped: no {} (fonts-dejavu-core)", dejavu.display());
        return;
    }
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nnotes = \"Smile 😀 today.\"",
    );
    let run = run_with_fonts(
        &p,
        &[dejavu],
        &["build", "--date", "2026-01-05", "--week", "--format", "pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let sheet = p.path("public/weeks/2026-01-05.pdf");
    assert!(text(&sheet).contains("Smile😀today."), "{}", text(&sheet));
    assert!(
        fonts(&sheet).iter().any(|f| f.contains("DejaVuSans")),
        "{:?}",
        fonts(&sheet)
    );
}

#[test]
fn a_language_without_a_font_leaves_out_its_pdfs_only_and_names_the_font() {
    let p = Project::fixture("small");
    copy_dir(&crate::fixtures().join("translations"), &p.path("guides"));
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\"]",
        "formats = [\"html\", \"txt\", \"pdf\"]",
    );
    let run = run_with_fonts(
        &p,
        &[],
        &[
            "build",
            "--date",
            "2026-01-05",
            "--week",
            "--language",
            "es,ko,ar",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Every language's HTML and text, and the PDFs of the one with a font.
    for lang in ["es", "ko", "ar"] {
        for ext in ["html", "txt"] {
            let file = format!("public/{lang}/weeks/2026-01-05.{ext}");
            assert!(p.path(&file).exists(), "no {file}: {}", run.stderr);
        }
    }
    for pdf in [
        "weeks/2026-01-05.pdf",
        "weeks/2026-01-05.bulletin.pdf",
        "months/2026-01.pdf",
    ] {
        assert!(p.path(&format!("public/es/{pdf}")).exists(), "{pdf}");
        for lang in ["ko", "ar"] {
            let file = p.path(&format!("public/{lang}/{pdf}"));
            assert!(!file.exists(), "{}", file.display());
        }
    }
    let err = &run.stderr;
    assert!(
        err.contains("error: the build did not write every file: 6 of ")
            && err.contains(
                "  public/ko/weeks/2026-01-05.pdf: cannot typeset the weekly sheet of 2026-01-05 \
                 as PDF: no installed font has the Korean script ("
            )
            && err.contains(
                "help: install Noto Serif CJK KR (Debian and Ubuntu: `apt install fonts-noto-cjk`)"
            )
            && err
                .contains("  public/ar/months/2026-01.pdf: cannot typeset the calendar of 2026-01")
            && err.contains(
                "help: install Noto Naskh Arabic (Debian and Ubuntu: `apt install fonts-noto-core`)"
            ),
        "{err}"
    );
    // What was written is said, on standard output as a build that succeeds says it.
    assert!(
        run.stdout.contains("wrote public/es/weeks/2026-01-05.pdf")
            && run.stdout.contains("wrote public/ar/weeks/2026-01-05.html"),
        "{}",
        run.stdout
    );
    // check says so first, in each language the guides are translated into, as a warning:
    // the fonts are the machine's, not the content's.
    let check = run_with_fonts(&p, &[], &["check", "--today", "2026-01-05"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "ar/weeks/2026-01-05.pdf, ar/weeks/2026-01-05.bulletin.pdf, ar/months/2026-01.pdf: \
             cannot be typeset, and the build will leave them out: no installed font has the \
             Arabic script ("
        ) && !check.stderr.contains("es/weeks/"),
        "{}",
        check.stderr
    );
}

#[test]
fn large_print_needs_the_pdf_format() {
    let p = Project::fixture("small");
    let err = p.run(&["build", "--week", "--large"]).fails();
    assert_eq!(
        err,
        "error: --large is an edition of the PDF sheet: add --format pdf (or \"pdf\" to \
         `formats` in schedule.toml)\n"
    );
}

/// The text a one-line listing must show for a day's `points`: the first about the church (by
/// the words `check` uses), else the first.
fn church_line(points: &[String]) -> &str {
    points
        .iter()
        .find(|p| mentions_church(p))
        .or(points.first())
        .map_or("", String::as_str)
}

fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// guides/README.md promises no sheet line without the persecuted church: over a year of the
/// library, the bulletin (HTML and PDF) and the monthly calendar show each day's first point
/// about the church, not simply its first point.
#[test]
fn every_one_line_listing_names_the_church_over_a_year_of_the_library() {
    let p = Project::repository();
    let run = p.run(&[
        "build",
        "--from",
        "2027-01-01",
        "--to",
        "2027-12-31",
        "--format",
        "json,bulletin,pdf",
        "--out",
        "year",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A calendar short of room shows each day's shortest point instead: not in this year.
    assert!(!run.stderr.contains("shortest"), "{}", run.stderr);
    let year = p.path("year");
    let mut days: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for file in files_under(&year.join("days")) {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let date = NaiveDate::parse_from_str(json["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let points = json["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        days.push((date, points));
    }
    assert_eq!(days.len(), 365);
    // Every point of the library names the church (`check --strict` warns about one that does
    // not), so no day here has a first point off the church: the choice of the first point
    // about the church over the first point is tested in src/publish/assemble.rs.
    for (_, points) in &days {
        assert!(
            points.iter().all(|p| !mentions_church(p)) || mentions_church(church_line(points)),
            "{points:?}"
        );
    }

    for (date, points) in &days {
        let line = church_line(points);
        let month = year.join(format!("months/{}.pdf", date.format("%Y-%m")));
        assert!(
            text(&month).contains(&squash(line)),
            "{date}: the calendar lacks {line:?}"
        );
    }
    let mut weeks = 0;
    for file in files_under(&year.join("weeks")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let Some(start) = name.strip_suffix(".bulletin.html") else {
            continue;
        };
        let start = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        let expected: Vec<&str> = days
            .iter()
            .filter(|(d, _)| (start..start + chrono::Days::new(7)).contains(d))
            .map(|(_, points)| church_line(points))
            .collect();
        // A week reaching into 2026 or 2028 has days this test did not read.
        if expected.len() < 7 {
            continue;
        }
        let html = std::fs::read_to_string(&file).unwrap();
        // Each day's block: its heading, then the one point.
        let shown: Vec<String> = html
            .split("<div class=\"day\">")
            .skip(1)
            .filter_map(|block| {
                let p = block.split("<p>").nth(1)?;
                Some(unescape(p.split("</p>").next()?))
            })
            .collect();
        weeks += 1;
        let both_copies: Vec<&str> = expected.iter().chain(&expected).copied().collect();
        assert_eq!(shown, both_copies, "{name}");
        let pdf = text(&file.with_file_name(format!("{start}.bulletin.pdf")));
        for line in &expected {
            assert!(
                pdf.contains(&squash(line)),
                "{start}: the PDF bulletin lacks {line:?}"
            );
        }
    }
    assert_eq!(weeks, 51, "bulletins of the whole weeks of 2027");
    // Every sheet of the year on its one page of A4, with its locator maps (tests/cli/maps.rs
    // does Letter).
    crate::maps::assert_sheets_keep_their_maps(&year, &run.stderr, "a4");
}

/// The QR codes on the first page of the PDF at `path`, read from poppler's 254 dpi raster
/// (10 pixels a millimetre): each code's width in mm without its quiet zone, its width in
/// modules (from its corner's finder pattern, 7 modules wide), and whether the 4 modules round
/// it are blank.
fn qr_codes(path: &Path) -> Vec<(f64, usize, bool)> {
    let prefix = path.with_extension("raster");
    let status = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "254", "-f", "1", "-l", "1", "-singlefile"])
        .arg(path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(status.success());
    let pgm = std::fs::read(format!("{}.pgm", prefix.display())).unwrap();
    // P5 <width> <height> <max>, then a byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &pgm[at + 1..];
    let dark = |x: usize, y: usize| pixels[y * w + x] < 128;
    // Dark pixels closer than 8 pixels (0.8 mm, more than a module) belong together.
    const R: usize = 4;
    let mut near = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            if dark(x, y) {
                for yy in y.saturating_sub(R)..(y + R + 1).min(h) {
                    for xx in x.saturating_sub(R)..(x + R + 1).min(w) {
                        near[yy * w + xx] = true;
                    }
                }
            }
        }
    }
    let mut seen = vec![false; w * h];
    let mut codes = Vec::new();
    for start in 0..w * h {
        if !near[start] || seen[start] {
            continue;
        }
        // The extent of the dark pixels of this group.
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            if dark(x, y) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            let mut push = |j: usize| {
                if near[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                push(i - 1);
            }
            if x + 1 < w {
                push(i + 1);
            }
            if y > 0 {
                push(i - w);
            }
            if y + 1 < h {
                push(i + w);
            }
        }
        let (cw, ch) = (x1.saturating_sub(x0) + 1, y1.saturating_sub(y0) + 1);
        // A square of at least 8 mm whose corner opens with a dark run: a finder pattern.
        if x1 < x0 || cw < 80 || cw.abs_diff(ch) > cw / 20 {
            continue;
        }
        let run = (x0..=x1).take_while(|&x| dark(x, y0 + 1)).count();
        let module = run as f64 / 7.0;
        let modules = (cw as f64 / module).round() as usize;
        let zone = (4.0 * module).floor() as usize;
        let clear = (y0.saturating_sub(zone)..(y1 + zone + 1).min(h)).all(|y| {
            (x0.saturating_sub(zone)..(x1 + zone + 1).min(w))
                .all(|x| (x0..=x1).contains(&x) && (y0..=y1).contains(&y) || !dark(x, y))
        });
        codes.push((cw as f64 / 10.0, modules, clear));
    }
    codes
}

#[test]
#[ignore = "needs pdftoppm (poppler-utils): .ci/run installs it"]
fn qr_codes_are_at_least_15_mm_with_their_quiet_zone() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\"]",
        "formats = [\"pdf\"]\nbase_url = \"https://example.org/prayer/\"",
    );
    let run = p.run(&["build", "--date", "2026-01-05", "--week", "--large"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (pdf, codes) in [
        ("weeks/2026-01-05.pdf", 4),
        ("weeks/2026-01-05.bulletin.pdf", 2),
        ("weeks/2026-01-05.large.pdf", 1),
        ("months/2026-01.pdf", 1),
    ] {
        let found = qr_codes(&p.path(&format!("public/{pdf}")));
        eprintln!("{pdf}: {found:?}");
        assert!(found.len() >= codes, "{pdf}: {found:?}");
        for (mm, modules, clear) in found {
            assert!(mm >= 15.0, "{pdf}: a code of {mm} mm");
            assert!((21..=57).contains(&modules), "{pdf}: {modules} modules");
            assert!(clear, "{pdf}: something within 4 modules of a code");
        }
    }
}

/// Every font size the PDF at `path` sets text in (its `Tf` operators), and its pages.
fn text_sizes(path: &Path) -> (Vec<f32>, usize) {
    let doc = lopdf::Document::load(path).unwrap();
    let mut sizes = Vec::new();
    for id in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*id).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "Tf") {
            sizes.push(op.operands[1].as_float().unwrap());
        }
    }
    (sizes, doc.get_pages().len())
}

/// Whether an installed font is of `family`.
fn font_has_family(family: &str) -> bool {
    prayer_guide::publish::pdf::Shared::get()
        .fonts()
        .iter()
        .any(|f| f.family == family)
}

#[test]
fn large_print_is_16_pt_or_more_in_a_sans_serif_without_italics_and_keeps_the_notes() {
    let p = library(|s| s);
    let notes = &crate::print::TWELVE_LINES[..4];
    p.write("notes.md", &notes.join("\n\n"));
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\", \"pdf\"]",
        "formats = [\"pdf\"]\nnotes_file = \"notes.md\"",
    );
    let monday = "2027-03-01";
    let run = p.run(&["build", "--date", monday, "--week", "--large"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let large = p.path(&format!("public/weeks/{monday}.large.pdf"));
    let (sizes, pages) = text_sizes(&large);
    let least = sizes.iter().copied().fold(f32::MAX, f32::min);
    let most = sizes.iter().copied().fold(0.0, f32::max);
    eprintln!("large print: {pages} pages, text from {least} pt to {most} pt");
    assert!(least >= 16.0, "text at {least} pt");
    // Two pages where the week allows, else a third, said once, with every page used.
    assert!(
        pages == 2 && !run.stderr.contains(".large.pdf")
            || pages == 3
                && run.stderr.contains(&format!(
                    "note: weeks/{monday}.large.pdf: large print takes 3 pages at "
                )),
        "{pages} pages: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let doc = lopdf::Document::load(&large).unwrap();
    let last = *doc.get_pages().keys().max().unwrap();
    let on_last = doc.extract_text(&[last]).unwrap();
    assert!(on_last.len() > 600, "the last page holds only {on_last:?}");
    let fonts = fonts(&large);
    if font_has_family("DejaVu Sans") {
        assert!(
            fonts
                .iter()
                .all(|f| f.contains("Sans") && !f.contains("Oblique") && !f.contains("Italic")),
            "{fonts:?}"
        );
    }
    let text = text(&large);
    for note in notes {
        assert!(
            text.contains(&squash(note)),
            "left out: {note}\n{}",
            run.stderr
        );
    }
}

/// The words of page 1 of the PDF at `path` with their boxes (x0, y0, x1, y1, in points), by
/// `pdftotext -bbox`, and the page's width.
fn word_boxes(path: &Path) -> (Vec<(String, [f64; 4])>, f64) {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let page = html.split("<page ").nth(1).unwrap();
    let width = attr(page, "width");
    let words = html
        .split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let word = rest.split("</word>").next().unwrap().to_string();
            let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(tag, n));
            (word, b)
        })
        .collect();
    (words, width)
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): .ci/run installs it"]
fn a_church_name_of_any_length_fits_the_header_without_overlap() {
    let church = "The Evangelical Lutheran Church of Saint Bartholomew the Apostle and All Saints, \
                  Upper Wickham";
    assert!(church.chars().count() > 80);
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\"]",
        &format!("formats = [\"pdf\"]\nchurch = \"{church}\""),
    );
    let run = p.run(&["build", "--date", "2026-01-05", "--week", "--large"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for pdf in [
        "weeks/2026-01-05.pdf",
        "weeks/2026-01-05.bulletin.pdf",
        "weeks/2026-01-05.large.pdf",
        "months/2026-01.pdf",
    ] {
        let (words, width) = word_boxes(&p.path(&format!("public/{pdf}")));
        let text: String = words.iter().map(|(w, _)| w.as_str()).collect();
        assert!(text.contains(&squash(church)), "{pdf}: {text}");
        for (i, (a, x)) in words.iter().enumerate() {
            assert!(x[0] >= 0.0 && x[2] <= width, "{pdf}: {a} off the page");
            for (b, y) in &words[i + 1..] {
                let w = (x[2].min(y[2]) - x[0].max(y[0])).max(0.0);
                let h = (x[3].min(y[3]) - x[1].max(y[1])).max(0.0);
                let least = ((x[2] - x[0]) * (x[3] - x[1])).min((y[2] - y[0]) * (y[3] - y[1]));
                // Lines' boxes may overlap a little (ascenders and descenders); words over
                // words overlap much more.
                assert!(w * h <= 0.25 * least, "{pdf}: “{a}” overlaps “{b}”");
            }
        }
    }
    let check = p.run(&["check", "--today", "2026-01-05"]);
    assert!(
        check.stderr.contains(
            "`output.church`: the church's name is 94 characters; beside the printed sheet's \
             title there is room for about 60"
        ),
        "{}",
        check.stderr
    );
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): .ci/run installs it"]
fn the_lead_sentence_does_not_touch_the_first_point() {
    let p = Project::fixture("small");
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\"]",
        "formats = [\"pdf\"]",
    );
    let run = p.run(&["build", "--date", "2026-01-05", "--week", "--large"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for pdf in ["weeks/2026-01-05.pdf", "weeks/2026-01-05.large.pdf"] {
        let (words, _) = word_boxes(&p.path(&format!("public/{pdf}")));
        // The lead "Alphaland has a small church." and the point under it: the boxes of the
        // words (the font's full height, descenders and ascenders) do not meet.
        let at = |word: &str, after: usize| {
            words[after..]
                .iter()
                .position(|(w, _)| w == word)
                .map(|i| i + after)
                .unwrap_or_else(|| panic!("{pdf}: no {word}"))
        };
        let lead = at("small", 0) + 1;
        assert_eq!(words[lead].0, "church.", "{pdf}");
        let point = at("Pray", lead);
        let (lead_bottom, point_top) = (words[lead].1[3], words[point].1[1]);
        eprintln!(
            "{pdf}: {:.2} pt between the lead and the first point",
            point_top - lead_bottom
        );
        assert!(
            point_top >= lead_bottom,
            "{pdf}: the lead's box ends at {lead_bottom}, the point's begins at {point_top}"
        );
    }
}

#[test]
fn the_longest_week_with_an_alert_still_prints_on_one_sheet_with_the_alert_whole() {
    let p = library(|s| s);
    let monday = longest_week(&p);
    // An alert as long as `check` allows (1,500 characters with its title), issued on the
    // week's Monday.
    let sentence = "Pray for the believers of the church in Kaduna whose homes were burned, \
                    for the injured in hospital, and for the pastor taken on Sunday. ";
    let alert: String = sentence.repeat(9);
    std::fs::create_dir_all(p.path("alerts")).unwrap();
    p.write(
        &format!("alerts/{monday}-ng.toml"),
        &format!(
            "date = {monday}\ncountry = \"NG\"\ntitle = \"Church attacked in Kaduna\"\ntext = \"\"\"\n{}\n\"\"\"\n",
            alert.trim()
        ),
    );
    p.run(&["check"]).ok();
    for paper in ["a4", "letter"] {
        let out = format!("out-{paper}");
        let stderr = build_pdf(&p, &monday.to_string(), paper, &out);
        let [sheet, bulletin, large, _] = files(&p, &out, monday);
        assert_eq!(pages(&sheet), 1, "{paper}: the sheet\n{stderr}");
        assert_eq!(pages(&bulletin), 1, "{paper}: the bulletin");
        let printed = text(&sheet);
        assert!(
            printed.contains("URGENTPRAYERREQUEST")
                && printed.contains("Nigeria:ChurchattackedinKaduna"),
            "{paper}: {printed}"
        );
        assert!(
            printed.contains(&squash(alert.trim())),
            "{paper}: the alert is cut"
        );
        assert!(text(&large).contains("Nigeria:ChurchattackedinKaduna"));
    }
}
