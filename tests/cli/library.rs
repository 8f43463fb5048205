//! The repository's own content: the starter library a church gets on day one.
//!
//! The World Watch List 2026 places are checked against the table the project keeps beside
//! itself, `../shared/data/wwl-2026.csv` (read-only, for developers and for CI): each row's rank,
//! country, level and score, with the kind of source that confirmed it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use prayer_guide::content::guide::{Guide, Persecution, mentions_church};
use prayer_guide::content::project::Project;

use crate::{repo, run_in};

/// The list every guide's `watch_list` names, and the year of its places.
const LIST: &str = "World Watch List";
const YEAR: i32 = 2026;
/// The list ranks this many countries; a guide for any other says `outside_top = 50`.
const TOP: u32 = 50;
/// In 2026 the extreme band is exactly the first 15 places; every other place of the top 50 is
/// very high.
const EXTREME_PLACES_2026: u32 = 15;

/// The table's country names, by the code of the guide that covers each.
const CODES: &[(&str, &str)] = &[
    ("North Korea", "KP"),
    ("Somalia", "SO"),
    ("Yemen", "YE"),
    ("Sudan", "SD"),
    ("Eritrea", "ER"),
    ("Syria", "SY"),
    ("Nigeria", "NG"),
    ("Pakistan", "PK"),
    ("Libya", "LY"),
    ("Iran", "IR"),
    ("Afghanistan", "AF"),
    ("India", "IN"),
    ("Saudi Arabia", "SA"),
    ("Myanmar", "MM"),
    ("Mali", "ML"),
    ("Burkina Faso", "BF"),
    ("China", "CN"),
    ("Iraq", "IQ"),
    ("Maldives", "MV"),
    ("Algeria", "DZ"),
    ("Mauritania", "MR"),
    ("Central African Republic", "CF"),
    ("Morocco", "MA"),
    ("Cuba", "CU"),
    ("Uzbekistan", "UZ"),
    ("Niger", "NE"),
    ("Tajikistan", "TJ"),
    ("Laos", "LA"),
    ("Democratic Republic of the Congo", "CD"),
    ("Mexico", "MX"),
    ("Tunisia", "TN"),
    ("Nicaragua", "NI"),
    ("Bangladesh", "BD"),
    ("Bhutan", "BT"),
    ("Turkmenistan", "TM"),
    ("Ethiopia", "ET"),
    ("Cameroon", "CM"),
    ("Oman", "OM"),
    ("Mozambique", "MZ"),
    ("Kyrgyzstan", "KG"),
    ("Turkey", "TR"),
    ("Egypt", "EG"),
    ("Comoros", "KM"),
    ("Qatar", "QA"),
    ("Kazakhstan", "KZ"),
    ("Nepal", "NP"),
    ("Colombia", "CO"),
    ("Chad", "TD"),
    ("Jordan", "JO"),
    ("Brunei", "BN"),
];

/// One row of the shared World Watch List 2026 table.
#[derive(Debug)]
struct Place {
    rank: u32,
    country: String,
    code: &'static str,
    /// `extreme` or `very high`, as the row gives it.
    level: String,
    /// The score, where the row gives one.
    score: Option<u32>,
    /// What confirmed the row: "primary (Open Doors Philippines)", "secondary transcription".
    source_kind: String,
}

impl Place {
    /// The row as a failure names it.
    fn describe(&self) -> String {
        format!(
            "No. {} {} ({}) in ../shared/data/wwl-2026.csv, from {}",
            self.rank, self.country, self.code, self.source_kind
        )
    }
}

/// The shared table, beside the project's root.
fn wwl_2026() -> Vec<Place> {
    let path: PathBuf = repo().join("../shared/data/wwl-2026.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): the World Watch List 2026 table sits at ../shared from the \
             project's root, for developers and for CI; check out the shared folder beside the \
             project",
            path.display()
        )
    });
    let headers = reader.headers().expect("the table has a header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column `{name}`", path.display()))
    };
    let (rank, country, level_or_score, source_kind) = (
        column("rank"),
        column("country"),
        column("level_or_score"),
        column("source_kind"),
    );
    reader
        .records()
        .map(|row| {
            let row = row.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let country = row[country].to_string();
            let code = CODES
                .iter()
                .find(|(name, _)| *name == country)
                .unwrap_or_else(|| {
                    panic!("{country}: add its code to CODES in tests/cli/library.rs")
                })
                .1;
            // "extreme; 97 (transcription)": the level, then the score where there is one.
            let (level, score) = row[level_or_score]
                .split_once(';')
                .unwrap_or((&row[level_or_score], ""));
            let score = score
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| !w.is_empty())
                .map(|w| w.parse().expect("a score is a whole number"));
            Place {
                rank: row[rank].parse().expect("a rank is a whole number"),
                country,
                code,
                level: level.trim().to_lowercase(),
                score,
                source_kind: row[source_kind].to_string(),
            }
        })
        .collect()
}

fn library() -> Project {
    Project::load(&repo().join("schedule.toml")).unwrap()
}

#[test]
fn the_repository_checks_clean_even_strictly() {
    let out = run_in(&repo(), &["check", "--strict", "--today", "2026-11-26"]);
    assert_eq!(out.stderr, "", "check printed problems");
    assert!(out.ok().contains("no errors, 0 warnings"));
}

#[test]
fn the_shared_table_is_the_top_50_once_each() {
    let table = wwl_2026();
    let ranks: Vec<u32> = table.iter().map(|p| p.rank).collect();
    assert_eq!(ranks, (1..=TOP).collect::<Vec<_>>(), "the table's ranks");
    let codes: HashSet<&str> = table.iter().map(|p| p.code).collect();
    assert_eq!(codes.len(), table.len(), "two rows for one country");
    for place in &table {
        let band = if place.rank <= EXTREME_PLACES_2026 {
            "extreme"
        } else {
            "very high"
        };
        assert_eq!(place.level, band, "{}", place.describe());
    }
}

#[test]
fn every_top_50_place_is_in_the_library_with_its_score_and_level() {
    let project = library();
    for place in wwl_2026() {
        let row = place.describe();
        let i = project
            .catalog
            .by_code(place.code)
            .unwrap_or_else(|| panic!("no guide for {row}"));
        let entry = &project.catalog.entries[i];
        let file = entry.file.path.display();
        let g = &entry.guide;
        let facts = g
            .facts
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no [facts], for {row}"));
        let w = facts
            .watch_list
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no watch_list, for {row}"));
        assert_eq!(
            (w.name.as_str(), w.year, w.rank, w.outside_top),
            (LIST, YEAR, Some(place.rank), None),
            "{file}: the watch list place, for {row}"
        );
        if place.score.is_some() {
            assert_eq!(w.score, place.score, "{file}: the score, for {row}");
        }
        let band = if place.rank <= EXTREME_PLACES_2026 {
            Persecution::Extreme
        } else {
            Persecution::VeryHigh
        };
        assert_eq!(
            facts.persecution,
            Some(band),
            "{file}: the level shown with {row}"
        );
    }
}

#[test]
fn every_other_guide_is_outside_the_2026_top_50() {
    let project = library();
    let ranked: HashMap<&str, Place> = wwl_2026().into_iter().map(|p| (p.code, p)).collect();
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        let file = entry.file.path.display();
        let w = g
            .facts
            .as_ref()
            .and_then(|f| f.watch_list.as_ref())
            .unwrap_or_else(|| panic!("{file}: no watch_list"));
        assert_eq!((w.name.as_str(), w.year), (LIST, YEAR), "{file}: the list");
        match ranked.get(g.code.as_str()) {
            Some(place) => assert_eq!(
                w.rank,
                Some(place.rank),
                "{file}: the rank, for {}",
                place.describe()
            ),
            None => assert_eq!(
                (w.rank, w.outside_top, w.score),
                (None, Some(TOP), None),
                "{file}: {} is not in the table's top {TOP}, so `outside_top = {TOP}` and no rank \
                 or score",
                g.name
            ),
        }
    }
}

/// The figures no source we could read states for a stated year, so the guide leaves them out
/// rather than estimate (issue 24): the code, the figure, and what the sources give instead.
const GAPS: &[(&str, &str, &str)] = &[
    (
        "DZ",
        "population",
        "Open Doors gives \"just over 45 million\" or an undated 46.9 million",
    ),
    (
        "KE",
        "population",
        "no 2021 figure beside the 2021 Christians figure",
    ),
    (
        "UA",
        "population",
        "the 2022 sources give the shares, not the population",
    ),
    (
        "AM",
        "christians",
        "only the Armenian Apostolic Church's share, or no year",
    ),
    (
        "BH",
        "christians",
        "186,000, 13.2% or 10–15%, each without a year or as a range",
    ),
    (
        "TD",
        "christians",
        "Catholic and Protestant shares given apart; an undated total",
    ),
    ("MV", "christians", "\"a few thousand\", \"less than 1%\""),
    ("SO", "christians", "\"a few hundreds\", \"less than 1%\""),
    ("SD", "christians", "Open Doors figures without a year"),
    (
        "TZ",
        "christians",
        "two Open Doors figures, neither with a year",
    ),
    ("YE", "christians", "\"very few\", \"a few thousand\""),
    (
        "KG",
        "pressure",
        "no profile we could read names its persecution engines",
    ),
    ("AM", "pressure", "not profiled by Open Doors"),
    ("BY", "pressure", "not profiled by Open Doors"),
    ("LB", "pressure", "not profiled by Open Doors"),
    ("SS", "pressure", "not profiled by Open Doors"),
    ("UA", "pressure", "not profiled by Open Doors"),
];

#[test]
fn every_guide_has_its_figures_sources_and_praise() {
    let project = library();
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        let file = entry.file.path.display().to_string();
        let f = g
            .facts
            .as_ref()
            .unwrap_or_else(|| panic!("{file}: no [facts]"));
        let gap = |field: &str| {
            GAPS.iter()
                .any(|(code, f, _)| *code == g.code && *f == field)
        };
        assert!(
            f.population.is_some() || gap("population"),
            "{file}: no population"
        );
        assert!(
            f.christians.is_some() || f.christians_percent.is_some() || gap("christians"),
            "{file}: neither christians nor christians_percent"
        );
        assert!(f.as_of.is_some(), "{file}: figures without `as_of`");
        assert!(
            f.main_religion
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty()),
            "{file}: no main_religion"
        );
        // Open Doors names the sources of pressure ("persecution engines") of the places it
        // profiles; a country it does not profile has none to cite.
        assert!(
            (1..=3).contains(&f.pressure.len()) || gap("pressure") && f.pressure.is_empty(),
            "{file}: {} sources of pressure (1 to 3)",
            f.pressure.len()
        );
        for (field, present) in [
            ("population", f.population.is_some()),
            (
                "christians",
                f.christians.is_some() || f.christians_percent.is_some(),
            ),
            ("pressure", !f.pressure.is_empty()),
        ] {
            assert!(
                !(present && gap(field)),
                "{file}: {field} is filled now: take it off the list of gaps"
            );
        }
        assert!(
            g.sources.len() >= 2,
            "{file}: {} sources, fewer than 2",
            g.sources.len()
        );
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
        assert!(!g.praise.is_empty(), "{file}: no praise");
    }
    assert!(
        project.catalog.len() >= 70,
        "{} guides, fewer than 70",
        project.catalog.len()
    );
}

#[test]
fn every_point_and_lead_names_the_church_and_pseudonyms_are_unique() {
    let project = library();
    let mut pseudonyms: HashMap<String, String> = HashMap::new();
    let mut bare: Vec<String> = Vec::new();
    for entry in &project.catalog.entries {
        let g: &Guide = &entry.guide;
        let file = entry.file.path.display().to_string();
        assert!(mentions_church(&g.lead()), "{file}: lead {:?}", g.lead());
        bare.extend(
            g.points
                .iter()
                .enumerate()
                .filter(|(_, p)| !mentions_church(&p.text))
                .map(|(i, p)| format!("{file}: points[{i}] {:?}", p.text)),
        );
        assert!(g.points.len() >= 7, "{file}: {} points", g.points.len());
        if let Some(s) = &g.story {
            let key = s.pseudonym.to_lowercase();
            if let Some(other) = pseudonyms.insert(key, file.clone()) {
                panic!("{file} and {other} share the pseudonym {}", s.pseudonym);
            }
        }
    }
    assert!(
        bare.is_empty(),
        "{} points do not mention the church:\n{}",
        bare.len(),
        bare.join("\n")
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
