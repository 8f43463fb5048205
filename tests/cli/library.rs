//! The repository's own content: the starter library a church gets on day one.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use prayer_guide::content::guide::{Persecution, mentions_church};
use prayer_guide::content::project::Project;

use crate::{repo, run_in};

/// The World Watch List 2026 (Open Doors, published 14 January 2026): every place that a stored
/// public report of the list confirms, with that report. The other 27 places of the top 50 could
/// not be confirmed from the stored sources; add them here, with their source, as they are
/// checked, and never from memory or an older list.
const WWL_2026: &[(&str, u32, &str)] = &[
    (
        "KP",
        1,
        "opendoors.ph, The top 10 most dangerous places for Christians",
    ),
    (
        "SO",
        2,
        "GlobeNewswire via MENAFN: second for the fourth consecutive year",
    ),
    (
        "YE",
        3,
        "PRO Medienmagazin: the first ten of the Weltverfolgungsindex 2026",
    ),
    (
        "SD",
        4,
        "PRO Medienmagazin; Open Doors Hong Kong, WWL 2026 overview",
    ),
    ("ER", 5, "PRO Medienmagazin; CBS NoCut News"),
    (
        "SY",
        6,
        "The Catholic Register; Christian Daily International",
    ),
    ("NG", 7, "The Catholic Register; PRO Medienmagazin"),
    ("PK", 8, "IBC English; IANS"),
    (
        "LY",
        9,
        "opendoors.ph, 5 things you need to know (Libya from 4 to 9)",
    ),
    ("IR", 10, "PRO Medienmagazin; Christian Today India"),
    ("AF", 11, "Christian Today India"),
    ("IN", 12, "Christian Today India"),
    ("SA", 13, "Christian Today India"),
    ("MM", 14, "Christian Today India"),
    (
        "ML",
        15,
        "Christian Today India; Open Doors Hong Kong overview",
    ),
    ("CN", 17, "The Washington Times, 13 February 2026"),
    (
        "IQ",
        18,
        "Forsething (after Veja): Os 10 países mais perigosos para cristãos",
    ),
    ("CU", 24, "O Crente: Latin America on the LMP 2026"),
    ("MX", 30, "O Crente: Latin America on the LMP 2026"),
    ("NI", 32, "Catholic News Agency, January 2026"),
    (
        "KG",
        40,
        "Open Doors Canada (up seven places from 47 in 2025)",
    ),
    (
        "NP",
        46,
        "Open Doors Germany, Weltverfolgungsindex 2026: Syrien im Fokus",
    ),
    ("CO", 47, "Migalhas: Colombia na LMP 2026"),
];

/// In 2026 the extreme band is exactly the first 15 places (CPAD News: 15 countries, the 13 of
/// 2025 plus Syria and Mali), and every other place of the top 50 is very high (Open Doors South
/// Africa, World Watch List 2026 trends: the top 50 face very high or extreme levels).
const EXTREME_PLACES_2026: u32 = 15;

#[test]
fn the_repository_checks_clean_even_strictly() {
    let out = run_in(&repo(), &["check", "--strict", "--today", "2026-11-26"]);
    assert_eq!(out.stderr, "", "check printed problems");
    assert!(out.ok().contains("no errors, 0 warnings"));
}

#[test]
fn every_confirmed_2026_rank_is_in_the_library_with_its_band() {
    let project = Project::load(&repo().join("schedule.toml")).unwrap();
    for (code, rank, source) in WWL_2026 {
        let i = project
            .catalog
            .by_code(code)
            .unwrap_or_else(|| panic!("no guide for {code} (No. {rank}, {source})"));
        let g = &project.catalog.entries[i].guide;
        let w = g
            .facts
            .as_ref()
            .and_then(|f| f.watch_list.as_ref())
            .unwrap_or_else(|| panic!("{code}: no watch list rank (No. {rank}, {source})"));
        assert_eq!(
            (w.name.as_str(), w.year, w.rank),
            ("World Watch List", 2026, *rank),
            "{code} ({source})"
        );
        let band = if *rank <= EXTREME_PLACES_2026 {
            Persecution::Extreme
        } else {
            Persecution::VeryHigh
        };
        let level = g.facts.as_ref().and_then(|f| f.persecution);
        assert_eq!(level, Some(band), "{code}: the level shown with No. {rank}");
    }
    let ranks: HashSet<u32> = WWL_2026.iter().map(|r| r.1).collect();
    assert_eq!(ranks.len(), WWL_2026.len(), "two countries share a rank");
    assert!(
        ranks.iter().all(|r| (1..=50).contains(r)),
        "a rank outside the top 50"
    );
}

#[test]
fn no_guide_shows_a_2026_rank_that_no_source_confirmed() {
    let project = Project::load(&repo().join("schedule.toml")).unwrap();
    let confirmed: HashMap<&str, u32> = WWL_2026.iter().map(|(c, r, _)| (*c, *r)).collect();
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        let Some(w) = g.facts.as_ref().and_then(|f| f.watch_list.as_ref()) else {
            continue;
        };
        assert_eq!(
            confirmed.get(g.code.as_str()),
            Some(&w.rank),
            "{}: No. {} on the {} list is not in the confirmed table",
            entry.file.path.display(),
            w.rank,
            w.year
        );
    }
}

#[test]
fn every_fact_was_read_and_every_day_names_the_church() {
    let project = Project::load(&repo().join("schedule.toml")).unwrap();
    let per_day = project.schedule.points_per_day;
    let mut pseudonyms: HashMap<String, String> = HashMap::new();
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        let file = entry.file.path.display().to_string();
        assert!(!g.sources.is_empty(), "{file}: no sources");
        let read: Vec<NaiveDate> = g.sources.iter().filter_map(|s| s.accessed).collect();
        assert_eq!(
            read.len(),
            g.sources.len(),
            "{file}: a source without `accessed`"
        );
        let latest = read.iter().max().unwrap();
        assert!(
            g.reviewed.is_some_and(|r| r <= *latest),
            "{file}: reviewed after the sources were read"
        );
        assert!(mentions_church(&g.lead()), "{file}: lead {:?}", g.lead());
        let church = g
            .points
            .iter()
            .filter(|p| !p.restricted && mentions_church(&p.text));
        assert!(
            church.count() >= per_day,
            "{file}: fewer than {per_day} church points"
        );
        assert!(g.points.len() >= 7, "{file}: {} points", g.points.len());
        if let Some(w) = g.facts.as_ref().and_then(|f| f.watch_list.as_ref()) {
            assert_eq!(w.year, 2026, "{file}: a watch list rank from {}", w.year);
        }
        if let Some(s) = &g.story {
            let key = s.pseudonym.to_lowercase();
            if let Some(other) = pseudonyms.insert(key, file.clone()) {
                panic!("{file} and {other} share the pseudonym {}", s.pseudonym);
            }
        }
    }
    assert!(
        project.catalog.len() >= 60,
        "{} guides",
        project.catalog.len()
    );
}

#[test]
fn the_library_keeps_its_invariants() {
    let project = Project::load(&repo().join("schedule.toml")).unwrap();
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
fn a_year_shows_every_country_every_cycle_never_two_days_running() {
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
    let project = Project::load(&repo().join("schedule.toml")).unwrap();
    assert_eq!(
        counts.len(),
        project.catalog.len(),
        "some country never came round"
    );
    // One cycle visits every guide once, so a year holds at least this many whole cycles.
    let cycles = rows.len() / project.catalog.len();
    for (code, n) in &counts {
        assert!(*n >= cycles, "{code} only {n} times in {cycles} cycles");
    }
    for pair in codes.windows(2) {
        if let [Some(a), Some(b)] = pair {
            assert_ne!(a, b, "{a} two days running");
        }
    }
}
