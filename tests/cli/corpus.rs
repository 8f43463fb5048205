//! The import corpus (tests/fixtures/import/corpus/): pages in many ministries' layouts,
//! languages and encodings, written without looking at the importer, each with what an editor
//! would take from it. Every page is imported by the real binary into a fresh project, and
//! every difference from the expectation is listed, all pages at once.

use std::path::{Path, PathBuf};

use crate::{Project, fixtures};

fn corpus() -> PathBuf {
    fixtures().join("import/corpus")
}

/// The expectation files, in order.
fn expectations() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.toml"))
        .collect();
    found.sort();
    found
}

/// The page an expectation file describes.
fn page_of(expect: &Path) -> PathBuf {
    let stem = expect
        .file_name()
        .unwrap()
        .to_string_lossy()
        .trim_end_matches(".expect.toml")
        .to_string();
    ["html", "txt"]
        .iter()
        .map(|x| corpus().join(format!("{stem}.{x}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no page for {}", expect.display()))
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn list(g: &toml::Table, key: &str) -> Vec<String> {
    g.get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| {
                    v.as_str()
                        .map(String::from)
                        .or_else(|| v.get("text").and_then(|t| t.as_str()).map(String::from))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What differs between one page's import and its expectation, one line each.
fn differences(expect_file: &Path) -> Vec<String> {
    let expect: toml::Table = std::fs::read_to_string(expect_file)
        .unwrap()
        .parse()
        .unwrap();
    let page = page_of(expect_file);
    let name = page.file_name().unwrap().to_string_lossy().to_string();
    let p = Project::fixture("small");
    std::fs::create_dir_all(p.path("pages")).unwrap();
    std::fs::copy(&page, p.path(&format!("pages/{name}"))).unwrap();
    let page_arg = format!("pages/{name}");
    let mut args = vec!["import", "--today", "2026-12-07", page_arg.as_str()];
    if let Some(url) = expect.get("source_url_arg").and_then(|v| v.as_str()) {
        args.extend(["--source-url", url]);
    }
    if let Some(c) = expect.get("country_arg").and_then(|v| v.as_str()) {
        args.extend(["--country", c]);
    }
    let run = p.run(&args);
    let mut out = Vec::new();
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            out.push(format!("control characters printed on {stream}"));
        }
    }
    if let Some(error) = expect.get("error") {
        if run.code == 0 {
            out.push("imported, but should be refused".into());
        }
        let said = format!("{}{}", run.stdout, run.stderr).to_lowercase();
        for c in strings(error.get("contains")) {
            if !said.contains(&c.to_lowercase()) {
                out.push(format!(
                    "the refusal does not say “{c}”: {}",
                    run.stderr.trim()
                ));
            }
        }
        if p.path("guides/drafts").exists() {
            out.push("refused, yet something was staged".into());
        }
        return out;
    }
    if run.code != 0 {
        out.push(format!("exit {}: {}", run.code, run.stderr.trim()));
    }
    let staged = p.path("guides/drafts");
    let found = if staged.exists() {
        crate::files_under(&staged)
    } else {
        Vec::new()
    };
    let drafts: Vec<toml::Table> = found
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "toml"))
        .map(|f| std::fs::read_to_string(f).unwrap().parse().unwrap())
        .collect();
    let expected = expect
        .get("draft")
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    let codes = |t: &[toml::Table]| -> Vec<String> {
        t.iter()
            .filter_map(|g| g.get("code").and_then(|c| c.as_str()).map(String::from))
            .collect()
    };
    let want: Vec<String> = expected
        .iter()
        .filter_map(|d| d.get("country").and_then(|c| c.as_str()).map(String::from))
        .collect();
    let mut got = codes(&drafts);
    got.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    if got != want_sorted {
        out.push(format!("drafts for {got:?}, expected {want:?}"));
    }
    for d in &expected {
        let code = d.get("country").and_then(|c| c.as_str()).unwrap_or("");
        let Some(g) = drafts
            .iter()
            .find(|g| g.get("code").and_then(|c| c.as_str()) == Some(code))
        else {
            continue;
        };
        let mut say = |s: String| out.push(format!("{code}: {s}"));
        if let Some(lang) = d.get("language").and_then(|l| l.as_str())
            && !run.stdout.contains(&format!("  language: {lang}"))
        {
            let found = run
                .stdout
                .lines()
                .find(|l| l.starts_with("  language: "))
                .unwrap_or("no language line")
                .trim()
                .to_string();
            say(format!("language {lang} expected, report says “{found}”"));
        }
        let points = list(g, "points");
        let lower: Vec<String> = points.iter().map(|p| p.to_lowercase()).collect();
        if let Some(n) = d.get("points").and_then(|n| n.as_integer())
            && points.len() as i64 != n
        {
            say(format!("{} points, expected {n}: {points:?}", points.len()));
        }
        for c in strings(d.get("point_contains")) {
            if !lower.iter().any(|p| p.contains(&c.to_lowercase())) {
                say(format!("no point has “{c}”"));
            }
        }
        for c in strings(d.get("not_in_points")) {
            if lower.iter().any(|p| p.contains(&c.to_lowercase())) {
                say(format!("a point has “{c}”, which is not a prayer point"));
            }
        }
        let praise = list(g, "praise");
        if let Some(n) = d.get("praise").and_then(|n| n.as_integer())
            && praise.len() as i64 != n
        {
            say(format!(
                "{} praise items, expected {n}: {praise:?}",
                praise.len()
            ));
        }
        let story = g.get("story").and_then(|s| s.as_table());
        match (d.get("story").and_then(|s| s.as_str()), story) {
            (Some(name), Some(s)) => {
                let pseudonym = s.get("pseudonym").and_then(|p| p.as_str()).unwrap_or("");
                if pseudonym != name {
                    say(format!("story of “{pseudonym}”, expected “{name}”"));
                }
                let marked = !s.contains_key("pseudonym_unconfirmed");
                if let Some(m) = d.get("name_marked").and_then(|m| m.as_bool())
                    && m != marked
                {
                    say(format!(
                        "name marked as a pseudonym: {marked}, expected {m}"
                    ));
                }
            }
            (Some(name), None) => say(format!("no story, expected “{name}”")),
            (None, Some(s)) => say(format!(
                "a story of “{}”, none expected",
                s.get("pseudonym").and_then(|p| p.as_str()).unwrap_or("")
            )),
            (None, None) => {}
        }
        let source = g
            .get("sources")
            .and_then(|s| s.as_array())
            .and_then(|a| a.first());
        let field = |k: &str| {
            source
                .and_then(|s| s.get(k))
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        for key in ["source_url", "source_title"] {
            if let Some(want) = d.get(key).and_then(|v| v.as_str()) {
                let got = field(key.trim_start_matches("source_"));
                if got != want {
                    say(format!("{key} “{got}”, expected “{want}”"));
                }
            }
        }
        let summary = g
            .get("summary")
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_lowercase();
        for c in strings(d.get("summary_contains")) {
            if !summary.contains(&c.to_lowercase()) {
                say(format!("the summary lacks “{c}”"));
            }
        }
    }
    out
}

#[test]
fn every_page_of_the_corpus_gives_what_an_editor_would_take_from_it() {
    let files = expectations();
    assert!(files.len() >= 20, "the corpus has {} pages", files.len());
    let mut report = String::new();
    let mut good = 0;
    for file in &files {
        let diffs = differences(file);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if diffs.is_empty() {
            good += 1;
        } else {
            report.push_str(&format!("{name}\n"));
            for d in diffs {
                report.push_str(&format!("  {d}\n"));
            }
        }
    }
    eprintln!("{good} of {} corpus pages as expected", files.len());
    assert!(
        report.is_empty(),
        "{good} of {} as expected:\n{report}",
        files.len()
    );
}
