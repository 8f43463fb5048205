use super::*;
use crate::content::guide::{Entry, Facts, Point, Source};
use crate::content::schedule::Pin;
use crate::content::source::SourceFile;
use crate::rotation::ledger::Ledger;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn guide(code: &str, points: usize) -> Guide {
    Guide {
        name: format!("Country {code}"),
        code: code.into(),
        region: "Region".into(),
        reviewed: Some(d("2026-11-01")),
        since: None,
        retired: None,
        summary: "S.".into(),
        points: (0..points)
            .map(|i| Point {
                text: format!("{code} point {i}"),
                restricted: false,
            })
            .collect(),
        praise: vec![],
        scripture: None,
        facts: None,
        story: None,
        sources: vec![Source {
            title: "t".into(),
            url: "https://example.org".into(),
            accessed: None,
        }],
    }
}

fn catalog(guides: Vec<Guide>) -> Catalog {
    Catalog {
        entries: guides
            .into_iter()
            .map(|guide| Entry {
                file: SourceFile {
                    path: format!("guides/{}.toml", guide.code).into(),
                    text: String::new(),
                },
                guide,
            })
            .collect(),
        drafts: Vec::new(),
    }
}

fn schedule(extra: &str) -> Schedule {
    toml::from_str(&format!("title = \"T\"\nstart = 2026-01-05\n{extra}")).unwrap()
}

fn codes(c: &Catalog) -> Vec<String> {
    c.guides().map(|g| g.code.clone()).collect()
}

/// The country code shown on each of `days` days from `from`.
fn run(c: &Catalog, s: &Schedule, from: &str, days: u64) -> Vec<String> {
    let l = none(s);
    let r = Rotation::new(c, s, &l);
    (0..days)
        .map(|i| {
            let plan = r
                .day(d(from) + chrono::Days::new(i), Audience::Public)
                .unwrap();
            match plan.subject {
                Subject::Country { guide, .. } => c.entries[guide].guide.code.clone(),
                Subject::Theme { pin, .. } => format!("pin{}", pin.unwrap()),
                Subject::Withdrawn { code } => format!("withdrawn {code}"),
            }
        })
        .collect()
}

/// The indices of a day's points in guide `code`'s list ("CODE point I").
fn idx(p: &DayPlan) -> Vec<usize> {
    p.points
        .iter()
        .map(|p| p.text.rsplit(' ').next().unwrap().parse().unwrap())
        .collect()
}

/// Nothing published yet.
fn none(s: &Schedule) -> Ledger {
    Ledger::new(s.start)
}

fn five() -> Catalog {
    catalog(["AA", "BB", "CC", "DD", "EE"].map(|c| guide(c, 7)).to_vec())
}

#[test]
fn starts_with_the_first_country_and_cycles() {
    let c = five();
    let s = schedule("");
    assert_eq!(
        run(&c, &s, "2026-01-05", 7),
        vec!["AA", "BB", "CC", "DD", "EE", "AA", "BB"]
    );
}

#[test]
fn every_window_of_a_cycle_shows_each_country_once() {
    let c = five();
    let s = schedule("");
    let days = run(&c, &s, "2026-01-05", 400);
    for window in days.windows(5) {
        let mut w = window.to_vec();
        w.sort();
        assert_eq!(w, codes(&c));
    }
}

#[test]
fn multi_day_blocks_keep_a_country_and_stay_fair() {
    let c = five();
    let s = schedule("days_per_country = 3");
    let days = run(&c, &s, "2026-01-05", 30);
    assert_eq!(&days[..7], &["AA", "AA", "AA", "BB", "BB", "BB", "CC"]);
    for window in days.chunks(15) {
        for code in codes(&c) {
            assert_eq!(window.iter().filter(|x| **x == code).count(), 3);
        }
    }
}

#[test]
fn each_visit_shows_the_next_points_cycling() {
    let c = five();
    let s = schedule("");
    let l = none(&s);
    let r = Rotation::new(&c, &s, &l);
    // AA is shown every 5 days; 7 points, 3 a day: 0 1 2 | 3 4 5 | 6 0 1 | 2 3 4 ...
    let visits: Vec<Vec<usize>> = (0..4)
        .map(|v| {
            r.day(d("2026-01-05") + chrono::Days::new(5 * v), Audience::Public)
                .unwrap()
                .points
                .iter()
                .map(|p| p.text.rsplit(' ').next().unwrap().parse().unwrap())
                .collect::<Vec<usize>>()
        })
        .collect();
    assert_eq!(
        visits,
        vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 0, 1], vec![2, 3, 4]]
    );
}

#[test]
fn days_of_a_block_advance_through_the_points() {
    let c = five();
    let s = schedule("days_per_country = 2\npoints_per_day = 2");
    let l = none(&s);
    let r = Rotation::new(&c, &s, &l);
    let day = |n: u64| {
        r.day(d("2026-01-05") + chrono::Days::new(n), Audience::Public)
            .unwrap()
    };
    assert_eq!(idx(&day(0)), vec![0, 1]);
    assert_eq!(idx(&day(1)), vec![2, 3]);
    assert_eq!(idx(&day(10)), vec![4, 5]);
    assert!(matches!(
        day(1).subject,
        Subject::Country { day: 2, of: 2, .. }
    ));
}

#[test]
fn is_deterministic() {
    let c = five();
    let s = schedule("[rotation]\norder = \"weighted\"");
    assert_eq!(
        run(&c, &s, "2027-03-01", 100),
        run(&c, &s, "2027-03-01", 100)
    );
    // Any day computed alone equals the same day in a run.
    let all = run(&c, &s, "2026-01-05", 900);
    assert_eq!(
        run(&c, &s, "2028-06-22", 1)[0],
        all[(d("2028-06-22") - d("2026-01-05")).num_days() as usize]
    );
}

#[test]
fn adding_a_guide_does_not_change_the_past() {
    let before = five();
    let s = schedule("");
    let mut late = guide("AB", 4);
    late.since = Some(d("2026-06-01"));
    let mut guides: Vec<Guide> = before.guides().cloned().collect();
    guides.push(late);
    let after = catalog(guides);
    let days_before = (d("2026-06-01") - d("2026-01-05")).num_days() as u64;
    let l = none(&s);
    let r1 = Rotation::new(&before, &s, &l);
    let r2 = Rotation::new(&after, &s, &l);
    for i in 0..days_before {
        let date = d("2026-01-05") + chrono::Days::new(i);
        let (p1, p2) = (
            r1.day(date, Audience::Public).unwrap(),
            r2.day(date, Audience::Public).unwrap(),
        );
        let code = |c: &Catalog, p: &DayPlan| match p.subject {
            Subject::Country { guide, .. } => c.entries[guide].guide.code.clone(),
            _ => unreachable!(),
        };
        assert_eq!(code(&before, &p1), code(&after, &p2), "{date}");
        assert_eq!(p1.points, p2.points, "{date}");
    }
    // The new guide joins at the first cycle starting on or after its `since` date, in name order.
    let later = run(&after, &s, "2026-06-01", 12);
    assert!(later.contains(&"AB".to_string()), "{later:?}");
    let pos = later.iter().position(|x| x == "AB").unwrap();
    assert_eq!(later[pos - 1], "AA");
}

#[test]
fn retired_guides_leave_at_the_next_cycle() {
    let mut guides: Vec<Guide> = five().guides().cloned().collect();
    guides[2].retired = Some(d("2026-02-01"));
    let c = catalog(guides);
    let s = schedule("");
    let days = run(&c, &s, "2026-03-01", 40);
    assert!(!days.contains(&"CC".to_string()));
    for window in days.windows(4) {
        let mut w = window.to_vec();
        w.sort();
        w.dedup();
        assert_eq!(w.len(), 4);
    }
}

#[test]
fn weighted_order_visits_extreme_countries_twice_a_cycle() {
    let mut guides: Vec<Guide> = five().guides().cloned().collect();
    guides[1].facts = Some(Facts {
        persecution: Some(Persecution::Extreme),
        population: None,
        christians_percent: None,
        as_of: None,
        watch_list: None,
    });
    let c = catalog(guides);
    let s = schedule("[rotation]\norder = \"weighted\"");
    let l = none(&s);
    let r = Rotation::new(&c, &s, &l);
    assert_eq!(r.cycle_days(d("2026-01-05")), 6);
    let days = run(&c, &s, "2026-01-05", 600);
    // The guarantee: in every window of one cycle, BB twice and every other country once.
    for window in days.windows(6) {
        assert_eq!(
            window.iter().filter(|x| *x == "BB").count(),
            2,
            "{window:?}"
        );
        for code in ["AA", "CC", "DD", "EE"] {
            assert_eq!(
                window.iter().filter(|x| *x == code).count(),
                1,
                "{window:?}"
            );
        }
    }
    for pair in days.windows(2) {
        assert_ne!(pair[0], pair[1]);
    }
}

#[test]
fn a_pinned_day_delays_the_rotation_without_skipping_a_country() {
    let c = five();
    let mut s = schedule("");
    s.pins.push(Pin {
        date: Some(d("2026-01-07")),
        rule: None,
        country: None,
        title: Some("A theme".into()),
        text: Some("Text".into()),
        points: vec!["p".into()],
        scripture: None,
    });
    assert_eq!(
        run(&c, &s, "2026-01-05", 7),
        vec!["AA", "BB", "pin0", "CC", "DD", "EE", "AA"]
    );
}

#[test]
fn a_yearly_pin_to_a_country_counts_as_its_visit() {
    let c = five();
    let s: Schedule = schedule("[[pin]]\nrule = \"first sunday of november\"\ncountry = \"DD\"\n");
    let l = none(&s);
    let r = Rotation::new(&c, &s, &l);
    // 2026-11-01 is the first Sunday of November.
    let plan = r.day(d("2026-11-01"), Audience::Public).unwrap();
    assert!(matches!(
        plan.subject,
        Subject::Country {
            guide: 3,
            pinned: true,
            ..
        }
    ));
    // The next DD day shows the points after those of the pinned day.
    let next_dd = (1..6)
        .map(|i| {
            r.day(d("2026-11-01") + chrono::Days::new(i), Audience::Public)
                .unwrap()
        })
        .find(|p| matches!(p.subject, Subject::Country { guide: 3, .. }))
        .unwrap();
    let k = 3;
    assert_eq!(idx(&next_dd)[0], (idx(&plan)[0] + k) % 7);
    // The pin returns the next year on its own date.
    let plan = r.day(d("2027-11-07"), Audience::Public).unwrap();
    assert!(matches!(
        plan.subject,
        Subject::Country {
            guide: 3,
            pinned: true,
            ..
        }
    ));
}

#[test]
fn counts_days_through_a_53_week_year_and_february_29() {
    let c = five();
    let s = schedule("");
    // 2026 has 53 ISO weeks; the rotation only counts days, so it simply continues.
    let across_new_year = run(&c, &s, "2026-12-26", 12);
    let across_leap_day = run(&c, &s, "2028-02-26", 8);
    for days in [across_new_year, across_leap_day] {
        for pair in days.windows(2) {
            let next = |code: &str| {
                let all = codes(&c);
                let i = all.iter().position(|x| x == code).unwrap();
                all[(i + 1) % all.len()].clone()
            };
            assert_eq!(pair[1], next(&pair[0]));
        }
    }
}

#[test]
fn restricted_points_exist_only_for_the_private_audience() {
    let mut g = guide("AA", 4);
    g.points[1].restricted = true;
    let c = catalog(vec![g]);
    let s = schedule("points_per_day = 2");
    let l = none(&s);
    let r = Rotation::new(&c, &s, &l);
    for i in 0..10 {
        let date = d("2026-01-05") + chrono::Days::new(i);
        assert!(!idx(&r.day(date, Audience::Public).unwrap()).contains(&1));
    }
    // A private day shows the day's public points, then the guide's restricted ones, so the
    // public rotation (the one the ledger records) is the same for both.
    let private: Vec<Vec<usize>> = (0..2)
        .map(|i| {
            idx(&r
                .day(d("2026-01-05") + chrono::Days::new(i), Audience::Private)
                .unwrap())
        })
        .collect();
    assert_eq!(private, vec![vec![0, 2, 1], vec![3, 0, 1]]);
}

#[test]
fn errors_before_the_start() {
    let c = five();
    let s = schedule("");
    let l = none(&s);
    let err = Rotation::new(&c, &s, &l)
        .day(d("2026-01-04"), Audience::Public)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("before the rotation starts (2026-01-05"),
        "{err}"
    );
}
