//! The repository's own content: the starter library a church gets on day one.

use std::collections::{HashMap, HashSet};

use crate::{repo, run_in};

#[test]
fn the_repository_checks_clean() {
    let out = run_in(&repo(), &["check", "--today", "2026-11-25"]);
    assert_eq!(out.stderr, "", "check printed problems");
    assert!(out.ok().contains("no errors, 0 warnings"));
}

#[test]
fn the_library_keeps_its_invariants() {
    let project =
        prayer_guide::content::project::Project::load(&repo().join("schedule.toml")).unwrap();
    let catalog = &project.catalog;
    assert!(catalog.len() >= 50, "{} guides", catalog.len());
    let mut codes = HashSet::new();
    let mut sentences: HashMap<String, String> = HashMap::new();
    for entry in &catalog.entries {
        let g = &entry.guide;
        let file = entry.file.path.display().to_string();
        assert!(
            codes.insert(g.code.clone()),
            "{file}: code {} twice",
            g.code
        );
        assert!(g.points.len() >= 5, "{file}: {} points", g.points.len());
        assert!(!g.sources.is_empty(), "{file}: no sources");
        assert!(
            g.sources.iter().all(|s| s.url.starts_with("https://")),
            "{file}"
        );
        let mut text: Vec<String> = g.paragraphs();
        text.extend(g.points.iter().map(|p| p.text.clone()));
        text.extend(g.praise.iter().cloned());
        if let Some(s) = &g.story {
            text.push(s.quote.clone());
            text.push(s.context.clone());
        }
        for sentence in text.iter().flat_map(|t| t.split_inclusive(['.', '!', '?'])) {
            let sentence = sentence.trim().to_lowercase();
            if sentence.split_whitespace().count() < 5 {
                continue;
            }
            if let Some(other) = sentences.insert(sentence.clone(), file.clone()) {
                assert_eq!(
                    other, file,
                    "{file} and {other} share the sentence {sentence:?}"
                );
            }
        }
    }
}

#[test]
fn a_year_shows_every_country_at_least_seven_times_never_two_days_running() {
    let out = run_in(
        &repo(),
        &[
            "plan",
            "--from",
            "2027-01-01",
            "--days",
            "365",
            "--format",
            "json",
        ],
    );
    let rows: serde_json::Value = serde_json::from_str(&out.ok()).unwrap();
    let rows = rows.as_array().unwrap();
    let codes: Vec<Option<&str>> = rows.iter().map(|r| r["code"].as_str()).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for code in codes.iter().flatten() {
        *counts.entry(code).or_default() += 1;
    }
    let project =
        prayer_guide::content::project::Project::load(&repo().join("schedule.toml")).unwrap();
    assert_eq!(
        counts.len(),
        project.catalog.len(),
        "some country never came round"
    );
    for (code, n) in &counts {
        assert!(*n >= 7, "{code} only {n} times");
    }
    for pair in codes.windows(2) {
        if let [Some(a), Some(b)] = pair {
            assert_ne!(a, b, "{a} two days running");
        }
    }
}
