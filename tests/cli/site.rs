//! `build --site` over the repository's own library: a whole year, public, with every internal
//! link pointing at a file that exists.

use std::collections::HashSet;
use std::path::Path;

use crate::{Project, files_under, repo};

/// A long piece of each restricted point that no escaping or folding touches, so a search of
/// any file finds it: the longest run of letters, digits, spaces and hyphens.
fn restricted_fragments() -> Vec<String> {
    let project =
        prayer_guide::content::project::Project::load(&repo().join("schedule.toml")).unwrap();
    let mut fragments = Vec::new();
    for entry in &project.catalog.entries {
        for point in entry.guide.points.iter().filter(|p| p.restricted) {
            let longest = point
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-'))
                .map(str::trim)
                .max_by_key(|s| s.len())
                .unwrap();
            assert!(
                longest.len() >= 30,
                "{longest:?} is too short to search for"
            );
            fragments.push(longest.to_string());
        }
    }
    fragments
}

/// A file's text with calendar lines unfolded, so that a folded line is searched whole; an
/// image (the app's icons) is searched as its bytes.
fn searchable(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap();
    if file.extension().is_some_and(|x| x == "png") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let text = String::from_utf8(bytes).unwrap();
    if file.extension().is_some_and(|x| x == "ics") {
        text.replace("\r\n ", "")
    } else {
        text
    }
}

fn build_site(out: &Path, extra: &[&str]) -> String {
    let out = out.to_str().unwrap();
    let args = [
        "build",
        "--site",
        "--from",
        "2027-01-01",
        "--to",
        "2027-12-31",
        "--date",
        "2027-03-03",
        "--out",
        out,
    ];
    Project::repository().run(&[&args[..], extra].concat()).ok()
}

#[test]
fn a_year_of_site_is_public_and_its_links_resolve() {
    let fragments = restricted_fragments();
    assert!(
        fragments.len() >= 3,
        "the library has restricted points in three guides"
    );
    let p = Project::empty();
    let out = build_site(&p.path("site"), &[]);
    let site = p.path("site");
    let files = files_under(&site);
    assert_eq!(
        out,
        format!("wrote {} files to {}\n", files.len(), site.display())
    );
    let names: HashSet<String> = files
        .iter()
        .map(|f| f.strip_prefix(&site).unwrap().display().to_string())
        .collect();
    for name in [
        "index.html",
        "calendar.ics",
        "feed.xml",
        "today.json",
        "this-week.json",
        "days/2027-01-01.html",
        "days/2027-12-31.json",
        "weeks/2026-12-28.html",
        "weeks/2027-12-27.json",
        "print/2027-03-01.html",
        "print/2027-03-01.bulletin.html",
        "countries/ng.html",
        "countries/cn.html",
    ] {
        assert!(names.contains(name), "no {name}");
    }
    let days = names.iter().filter(|n| n.starts_with("days/")).count();
    assert_eq!(days, 365 * 2, "a page and a JSON file a day");
    let countries = names.iter().filter(|n| n.starts_with("countries/")).count();
    let guides = prayer_guide::content::project::Project::load(&repo().join("schedule.toml"))
        .unwrap()
        .catalog
        .len();
    assert_eq!(countries, guides, "every country comes round in a year");

    for file in &files {
        let text = searchable(file);
        for fragment in &fragments {
            assert!(
                !text.contains(fragment.as_str()),
                "{} holds the restricted point {fragment:?}",
                file.display()
            );
        }
    }

    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "html"))
    {
        let text = std::fs::read_to_string(file).unwrap();
        for href in text
            .split("href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            let href = href.replace("&amp;", "&");
            if href.contains("://") {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = file.parent().unwrap().join(path);
            assert!(
                target.is_file(),
                "{} links to {href}, which does not exist",
                file.display()
            );
            if !fragment.is_empty() {
                let id = format!("id=\"{fragment}\"");
                assert!(
                    std::fs::read_to_string(&target).unwrap().contains(&id),
                    "{} links to {href}, which has no {id}",
                    file.display()
                );
            }
        }
    }

    // The home page is today's (3 March 2027): the country the plan gives that day.
    let plan = crate::run_in(
        &crate::repo(),
        &[
            "plan",
            "--from",
            "2027-03-03",
            "--days",
            "1",
            "--format",
            "json",
        ],
    )
    .ok();
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let country = plan[0]["name"].as_str().unwrap().to_string();
    let index = p.read("site/index.html");
    assert!(
        index.contains(&format!("<h1>{country}</h1>")),
        "today is 3 March 2027, {country}'s day"
    );
    assert!(index.contains("This week · 1–7 March 2027"));
    assert_eq!(
        p.read("site/today.json"),
        p.read("site/days/2027-03-03.json")
    );
}

/// The search above finds restricted points where they are: a private site has them.
#[test]
fn a_private_site_has_the_restricted_points_and_says_so() {
    let fragments = restricted_fragments();
    let p = Project::empty();
    build_site(&p.path("site"), &["--private"]);
    let mut found = HashSet::new();
    for file in files_under(&p.path("site")) {
        let text = searchable(&file);
        for fragment in &fragments {
            if text.contains(fragment.as_str()) {
                found.insert(fragment.clone());
            }
        }
    }
    assert_eq!(found.len(), fragments.len(), "the search missed some");
    assert!(
        p.read("site/index.html")
            .contains("Private: this site includes points")
    );
}

#[test]
fn the_site_needs_a_range_and_today_within_it() {
    let p = Project::fixture("small");
    let err = p
        .run(&[
            "build",
            "--site",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--date",
            "2026-12-01",
        ])
        .fails();
    assert_eq!(
        err,
        "error: --date 2026-12-01 is outside --from 2026-11-01 --to 2026-11-30: with a range, \
         --date is the day treated as today\n"
    );
    // Clap's own usage errors exit with 2.
    let run = p.run(&["build", "--site"]);
    assert_eq!(run.code, 2);
    let err = run.stderr;
    assert!(
        err.starts_with("error: the following required arguments were not provided:"),
        "{err}"
    );
    let run = p.run(&[
        "build",
        "--site",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "txt",
    ]);
    assert_eq!(run.code, 2);
    let err = run.stderr;
    assert!(
        err.starts_with("error: the argument '--site' cannot be used with '--format <FORMATS>'"),
        "{err}"
    );
}

#[test]
fn a_small_site_from_the_fixture() {
    let p = Project::fixture("small");
    let out = p
        .run(&[
            "build",
            "--site",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-03",
            "--date",
            "2026-11-02",
            "--out",
            "site",
        ])
        .ok();
    // 21 pages, calendar, feed and JSON; today.html, app.js, the manifest, the worker, 3 icons.
    assert_eq!(out, "wrote 28 files to site\n");
    // Pages of days outside the range are not linked, though their week shows them.
    let week = p.read("site/weeks/2026-11-02.html");
    assert!(
        week.contains("<a href=\"../days/2026-11-03.html\">Tuesday · Betastan</a>"),
        "{week}"
    );
    assert!(week.contains("Wednesday · Gamma Republic<span"), "{week}");
    insta::assert_snapshot!("site_day", p.read("site/days/2026-11-02.html"));
}
