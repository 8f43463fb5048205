//! Withdrawal reaches every copy: each build records what it wrote in a manifest inside its
//! folder and removes what it wrote before and no longer produces (never a file it did not
//! write); `withdraw` lists every folder built into with the command that rebuilds it, and
//! `--rebuild` runs them.

use std::path::Path;

use crate::{Project, files_under};

/// Two weeks of the small fixture, in which Alphaland comes round.
const FROM: &str = "2027-03-01";
const TO: &str = "2027-03-14";

/// Whether any file under `dir` still holds something of Alphaland (its name, summary, points,
/// story or source), PDFs read by their text; the files that do.
fn alphaland_in(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter(|file| {
            let text = if file.extension().is_some_and(|x| x == "pdf") {
                crate::pdf::text(file)
            } else {
                std::fs::read_to_string(file)
                    .unwrap_or_default()
                    .replace("\r\n ", "")
            };
            let text = text.to_lowercase();
            ["alphaland", "alpha source", "we keep going"]
                .iter()
                .any(|t| text.contains(t))
        })
        .map(|f| f.display().to_string())
        .collect()
}

/// The commands `withdraw` printed, as argument lists (the folders in these tests need no
/// quoting).
fn printed_commands(stdout: &str) -> Vec<Vec<String>> {
    stdout
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("prayer-guide "))
        .map(|l| l.split(' ').map(String::from).collect())
        .collect()
}

fn run_printed(p: &Project, command: &[String]) -> crate::Run {
    let args: Vec<&str> = command.iter().map(String::as_str).collect();
    p.run(&args)
}

#[test]
fn a_site_rebuild_removes_a_withdrawn_guides_pages_and_nothing_it_did_not_write() {
    let p = Project::fixture("small");
    p.run(&["build", "--site", "--from", FROM, "--to", TO]).ok();
    assert!(p.path("public/countries/al.html").is_file());
    assert!(p.path("public/.prayer-guide-manifest.json").is_file());
    // The church's own files beside the site.
    p.write(
        "public/about.html",
        "<p>About Alphaland, our partner.</p>\n",
    );
    p.write("public/countries/logo.html", "<p>logo</p>\n");
    std::fs::write(p.path("public/logo.png"), [0x89, b'P', b'N', b'G']).unwrap();

    p.run(&["withdraw", "AL"]).ok();
    let run = p.run(&["build", "--site", "--from", FROM, "--to", TO]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "note: removed {}: an earlier build wrote it, and this one no longer does",
            Path::new("public/countries/al.html").display()
        )),
        "{}",
        run.stderr
    );
    assert!(!p.path("public/countries/al.html").exists());
    // Only the church's page still names Alphaland.
    let left = alphaland_in(&p.path("public"));
    assert_eq!(
        left,
        [p.path("public/about.html").display().to_string()],
        "withdrawn text left behind"
    );
    assert!(p.path("public/countries/logo.html").is_file());
    assert!(p.path("public/logo.png").is_file());
    // The manifest is no output, and names only files that are there.
    let manifest: serde_json::Value =
        serde_json::from_str(&p.read("public/.prayer-guide-manifest.json")).unwrap();
    let files = manifest["files"].as_object().unwrap();
    assert!(!files.contains_key("countries/al.html"));
    assert!(!files.contains_key("about.html"));
    for name in files.keys() {
        assert!(p.path("public").join(name).is_file(), "{name}");
    }
}

#[test]
fn a_stale_file_edited_by_hand_is_left_with_a_warning() {
    let p = Project::fixture("small");
    p.run(&["build", "--site", "--from", FROM, "--to", TO]).ok();
    let page = p.read("public/countries/al.html");
    p.write(
        "public/countries/al.html",
        &page.replace("</body>", "<p>Our link with Alphaland.</p></body>"),
    );
    p.run(&["withdraw", "AL"]).ok();
    let run = p.run(&["build", "--site", "--from", FROM, "--to", TO]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = Path::new("public/countries/al.html").display().to_string();
    assert!(
        run.stderr.contains(&format!(
            "warning: {file}: an earlier build wrote it and this one no longer does, but it was \
             changed since, so it is left in place"
        )),
        "{}",
        run.stderr
    );
    assert!(p.read("public/countries/al.html").contains("Our link"));
    // Said once: from then on the file is the church's own.
    let again = p.run(&["build", "--site", "--from", FROM, "--to", TO]);
    assert!(!again.stderr.contains("al.html"), "{}", again.stderr);
    assert!(p.path("public/countries/al.html").is_file());
}

#[test]
fn a_daily_build_keeps_the_days_before() {
    let p = Project::fixture("small");
    p.run(&["build", "--date", "2027-03-01"]).ok();
    p.run(&["build", "--date", "2027-03-02"]).ok();
    p.run(&["build", "--date", "2027-03-08"]).ok();
    for file in [
        "days/2027-03-01.html",
        "days/2027-03-01.txt",
        "days/2027-03-02.txt",
        "days/2027-03-08.html",
        "weeks/2027-03-01.html",
        "weeks/2027-03-08.txt",
    ] {
        assert!(p.path("public").join(file).is_file(), "{file}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&p.read("public/.prayer-guide-manifest.json")).unwrap();
    assert!(
        manifest["files"]["days/2027-03-01.html"].is_string(),
        "{manifest}"
    );
    // The three builds are one kind of build, over the days they covered.
    let builds = manifest["builds"].as_array().unwrap();
    assert_eq!(builds.len(), 1, "{manifest}");
    assert_eq!(builds[0]["from"], "2027-03-01");
    assert_eq!(builds[0]["to"], "2027-03-08");
    // Deterministic: the same build again writes the same manifest.
    let before = p.read("public/.prayer-guide-manifest.json");
    p.run(&["build", "--date", "2027-03-08"]).ok();
    assert_eq!(p.read("public/.prayer-guide-manifest.json"), before);
}

/// The small fixture built into two folders: public/ (html, txt and PDFs, day by day, then a
/// range) and a site in archive/, with Alphaland then withdrawn.
fn two_folders() -> (Project, String) {
    let p = Project::fixture("small");
    p.run(&["build", "--date", FROM, "--format", "html,txt,pdf"])
        .ok();
    p.run(&[
        "build",
        "--from",
        "2027-03-02",
        "--to",
        TO,
        "--format",
        "html,txt,pdf",
    ])
    .ok();
    p.run(&[
        "build", "--site", "--from", FROM, "--to", TO, "--out", "archive",
    ])
    .ok();
    assert!(!alphaland_in(&p.path("public")).is_empty());
    assert!(!alphaland_in(&p.path("archive")).is_empty());
    let out = p.run(&["withdraw", "AL"]).ok();
    (p, out)
}

#[test]
fn withdraw_lists_every_folder_with_commands_that_rebuild_it() {
    let (p, out) = two_folders();
    assert!(out.contains("  archive:\n"), "{out}");
    assert!(out.contains("  public:\n"), "{out}");
    assert!(
        out.contains(&format!(
            "prayer-guide build --site --from {FROM} --to {TO} --paper letter --out archive\n"
        )),
        "{out}"
    );
    assert!(
        out.contains("Copies made elsewhere (a folder uploaded to a web server"),
        "{out}"
    );
    let commands = printed_commands(&out);
    assert_eq!(commands.len(), 3, "{out}");
    for command in &commands {
        let run = run_printed(&p, command);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
    }
    assert_eq!(alphaland_in(&p.path("public")), Vec::<String>::new());
    assert_eq!(alphaland_in(&p.path("archive")), Vec::<String>::new());
    // The rebuilds wrote no file the folders did not hold.
    let manifest: serde_json::Value =
        serde_json::from_str(&p.read("archive/.prayer-guide-manifest.json")).unwrap();
    assert_eq!(manifest["builds"].as_array().unwrap().len(), 1);
}

#[test]
fn withdraw_rebuild_does_it_in_one_command() {
    let (p, _) = two_folders();
    // Already withdrawn: --rebuild still rebuilds.
    let run = p.run(&["withdraw", "AL", "--rebuild"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Alphaland (AL) was withdrawn already."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("rebuilding archive: prayer-guide build --site"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("rebuilt 2 of 2 folders: archive: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(" changed, 1 removed; public: "),
        "{}",
        run.stdout
    );
    assert_eq!(alphaland_in(&p.path("public")), Vec::<String>::new());
    assert_eq!(alphaland_in(&p.path("archive")), Vec::<String>::new());
}

#[test]
fn a_folder_that_is_gone_is_said_and_forgotten() {
    let p = Project::fixture("small");
    p.run(&["build", "--date", FROM, "--out", "old"]).ok();
    p.run(&["build", "--date", FROM]).ok();
    assert_eq!(
        p.read("state/output-folders.txt"),
        "# The output folders prayer-guide has built into, for `withdraw`; one a line.\nold\npublic\n"
    );
    std::fs::remove_dir_all(p.path("old")).unwrap();
    let run = p.run(&["withdraw", "AL"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: old no longer exists: taken off the list of output folders"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("  old:"), "{}", run.stdout);
    assert!(
        !p.read("state/output-folders.txt")
            .lines()
            .any(|l| l == "old")
    );
    // A folder outside the project is listed by its absolute path.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("www");
    p.run(&["build", "--date", FROM, "--out", outside.to_str().unwrap()])
        .ok();
    assert!(
        p.read("state/output-folders.txt")
            .contains(&format!("\n{}\n", outside.display())),
        "{}",
        p.read("state/output-folders.txt")
    );
}

#[test]
fn a_withdrawn_day_says_so_without_an_empty_list() {
    let p = Project::fixture("small");
    // Published: built with today at the end of the range.
    p.run(&[
        "build", "--from", FROM, "--to", TO, "--format", "html,txt", "--today", TO,
    ])
    .ok();
    let alpha_day = (1..=14)
        .map(|d| format!("2027-03-{d:02}"))
        .find(|d| {
            p.read(&format!("public/days/{d}.txt"))
                .contains("ALPHALAND")
        })
        .unwrap();
    p.run(&["withdraw", "AL"]).ok();
    for format in ["txt", "html"] {
        let day = p
            .run(&[
                "build", "--date", &alpha_day, "--day", "--format", format, "--stdout",
            ])
            .ok();
        assert!(
            day.contains("WITHDRAWN") || day.contains("Withdrawn"),
            "{day}"
        );
        assert!(day.contains("has been withdrawn"), "{day}");
        assert!(!day.contains("Please pray"), "{day}");
        assert!(!day.contains("<ol>"), "{day}");
    }
    p.run(&["build", "--from", FROM, "--to", TO, "--format", "html,txt"])
        .ok();
    let week = files_under(&p.path("public/weeks"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "html"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .find(|t| t.contains("has been withdrawn"))
        .unwrap();
    assert!(!week.contains("<ol></ol>"), "{week}");
}
