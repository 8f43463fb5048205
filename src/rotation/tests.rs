use super::*;
use crate::content::guide::{Facts, Point};
use crate::content::schedule::Pin;
use crate::rotation::fixtures::{self, guide};
use crate::rotation::ledger::Ledger;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn catalog(guides: Vec<Guide>) -> Catalog {
    fixtures::catalog(&guides)
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
        ..Facts::default()
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
        languages: Default::default(),
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

// ---- The ledger: published days never change; the rotation continues from them. ----

/// The ledger with every day up to `through` recorded as the rotation shows it now.
fn publish(c: &Catalog, s: &Schedule, l: &Ledger, through: &str) -> Ledger {
    Rotation::new(c, s, l).record_through(d(through)).unwrap()
}

/// What a day shows: its code (or `theme` / `withdrawn CODE`), and its points' texts.
fn shows(c: &Catalog, s: &Schedule, l: &Ledger, date: NaiveDate) -> (String, Vec<String>) {
    let plan = Rotation::new(c, s, l).day(date, Audience::Public).unwrap();
    let code = match plan.subject {
        Subject::Country { guide, .. } => c.entries[guide].guide.code.clone(),
        Subject::Theme { title, .. } => format!("theme {title}"),
        Subject::Withdrawn { code } => format!("withdrawn {code}"),
    };
    (code, plan.points.into_iter().map(|p| p.text).collect())
}

/// Every published day of `l`, as `shows` gives it.
fn published(c: &Catalog, s: &Schedule, l: &Ledger) -> Vec<(String, Vec<String>)> {
    let r = Rotation::new(c, s, l);
    l.start
        .iter_days()
        .take(l.days.len())
        .map(|date| {
            let plan = r.day(date, Audience::Public).unwrap();
            assert!(plan.published);
            let code = match plan.subject {
                Subject::Country { guide, .. } => c.entries[guide].guide.code.clone(),
                Subject::Theme { title, .. } => format!("theme {title}"),
                Subject::Withdrawn { code } => format!("withdrawn {code}"),
            };
            (code, plan.points.into_iter().map(|p| p.text).collect())
        })
        .collect()
}

fn with_guides(c: &Catalog, edit: impl FnOnce(&mut Vec<Guide>)) -> Catalog {
    let mut guides: Vec<Guide> = c.guides().cloned().collect();
    edit(&mut guides);
    catalog(guides)
}

#[test]
fn recording_in_steps_equals_recording_at_once() {
    let c = five();
    let s = schedule("days_per_country = 2\n[[pin]]\ndate = 2026-01-09\ncountry = \"CC\"\n");
    let at_once = publish(&c, &s, &none(&s), "2026-03-01");
    let first = publish(&c, &s, &none(&s), "2026-01-08");
    let steps = publish(&c, &s, &first, "2026-03-01");
    assert_eq!(steps.days, at_once.days);
    assert_eq!(steps.cycles, at_once.cycles);
    assert_eq!(steps.texts, at_once.texts);
    // And the plan beyond is the same from either.
    assert_eq!(run_from(&c, &s, &steps), run_from(&c, &s, &at_once));
}

/// Forty days after the ledger's last one.
fn run_from(c: &Catalog, s: &Schedule, l: &Ledger) -> Vec<(String, Vec<String>)> {
    l.first_unpublished()
        .iter_days()
        .take(40)
        .map(|date| shows(c, s, l, date))
        .collect()
}

#[test]
fn an_added_point_takes_its_turn_without_moving_a_published_day() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-20");
    let before = published(&c, &s, &l);
    // The new point goes first in the file: before the ledger, this reshuffled every visit.
    let c2 = with_guides(&c, |g| {
        g[0].points.insert(
            0,
            Point {
                text: "AA new point".into(),
                restricted: false,
            },
        )
    });
    assert_eq!(published(&c2, &s, &l), before);
    // AA's next day (2026-01-25) shows the new point first, then the next in turn.
    let (code, points) = shows(&c2, &s, &l, d("2026-01-25"));
    assert_eq!(code, "AA");
    assert_eq!(points, ["AA new point", "AA point 5", "AA point 6"]);
}

#[test]
fn a_fixed_typo_keeps_the_published_text_and_shows_the_correction_next() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-05");
    let c2 = with_guides(&c, |g| {
        g[0].points[1].text = "AA point one, corrected".into()
    });
    // The archive shows the point as it was sent.
    assert_eq!(
        shows(&c2, &s, &l, d("2026-01-05")).1,
        ["AA point 0", "AA point 1", "AA point 2"]
    );
    // The corrected point is a new point: it comes round at AA's next visit.
    assert_eq!(
        shows(&c2, &s, &l, d("2026-01-10")).1[0],
        "AA point one, corrected"
    );
}

#[test]
fn a_new_guide_without_since_joins_at_the_next_unpublished_cycle() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-07");
    let before = published(&c, &s, &l);
    let c2 = with_guides(&c, |g| g.push(guide("AB", 4)));
    assert_eq!(published(&c2, &s, &l), before);
    // The cycle under way finishes as planned; the next one has AB after AA.
    assert_eq!(
        run_ledger(&c2, &s, &l, "2026-01-08", 8),
        ["DD", "EE", "AA", "AB", "BB", "CC", "DD", "EE"]
    );
    let joining = Rotation::new(&c2, &s, &l).joining(30).unwrap();
    assert_eq!(joining.len(), 1);
    assert_eq!(joining[0].date, Some(d("2026-01-11")));
}

/// The code shown on each of `days` days from `from`, continuing ledger `l`.
fn run_ledger(c: &Catalog, s: &Schedule, l: &Ledger, from: &str, days: u64) -> Vec<String> {
    (0..days)
        .map(|i| shows(c, s, l, d(from) + chrono::Days::new(i)).0)
        .collect()
}

#[test]
fn a_since_in_the_past_and_a_pin_in_the_past_change_no_published_day() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-20");
    let before = published(&c, &s, &l);
    let c2 = with_guides(&c, |g| {
        let mut late = guide("AB", 4);
        late.since = Some(d("2026-01-06"));
        g.push(late);
    });
    let s2 =
        schedule("[[pin]]\ndate = 2026-01-19\ntitle = \"T\"\ntext = \"x\"\npoints = [\"p\"]\n");
    assert_eq!(published(&c2, &s2, &l), before);
    let found = Rotation::new(&c2, &s2, &l).contradictions().unwrap();
    assert_eq!(found.len(), 1);
    assert!(!found[0].error);
    assert!(found[0].message.contains("which is published"), "{found:?}");
}

#[test]
fn a_deleted_guide_file_is_an_error_on_its_published_days() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-20");
    let c2 = with_guides(&c, |g| {
        g.remove(2);
    });
    let err = Rotation::new(&c2, &s, &l)
        .day(d("2026-01-07"), Audience::Public)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("showed `CC`, but no guide has that code"),
        "{err}"
    );
    assert!(err.to_string().contains("set `retired`"), "{err}");
    // The unpublished days simply go on without it.
    assert!(!run_ledger(&c2, &s, &l, "2026-01-21", 20).contains(&"CC".to_string()));
}

#[test]
fn changed_settings_apply_from_the_first_unpublished_day() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-07");
    let before = published(&c, &s, &l);
    let changes = [
        "points_per_day = 1",
        "days_per_country = 2",
        "[rotation]\norder = \"listed\"\ncountries = [\"EE\", \"DD\", \"CC\", \"BB\", \"AA\"]",
    ];
    for change in changes {
        let s2 = schedule(change);
        assert_eq!(published(&c, &s2, &l), before, "{change}");
    }
    assert_eq!(
        shows(&c, &schedule("points_per_day = 1"), &l, d("2026-01-08"))
            .1
            .len(),
        1
    );
    let listed = schedule(changes[2]);
    // The rest of the cycle (DD, EE) in the new order, then whole cycles in it.
    assert_eq!(
        run_ledger(&c, &listed, &l, "2026-01-08", 7),
        ["EE", "DD", "EE", "DD", "CC", "BB", "AA"]
    );
    let two = schedule(changes[1]);
    assert_eq!(
        run_ledger(&c, &two, &l, "2026-01-08", 4),
        ["DD", "DD", "EE", "EE"]
    );
}

#[test]
fn retired_takes_a_guide_out_at_once_and_keeps_its_published_days() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-07");
    let before = published(&c, &s, &l);
    let c2 = with_guides(&c, |g| g[3].retired = Some(d("2026-01-08")));
    assert_eq!(published(&c2, &s, &l), before);
    assert_eq!(
        run_ledger(&c2, &s, &l, "2026-01-08", 5),
        ["EE", "AA", "BB", "CC", "EE"]
    );
}

#[test]
fn withdrawing_takes_a_guide_off_published_days_and_out_of_the_rotation() {
    let c = five();
    let s = schedule("");
    let mut l = publish(&c, &s, &none(&s), "2026-01-07");
    assert!(l.withdraw(ledger::Withdrawal::Guide("CC".into())));
    assert_eq!(
        shows(&c, &s, &l, d("2026-01-07")),
        ("withdrawn CC".into(), vec![])
    );
    assert!(!l.to_text().contains("CC point"));
    assert_eq!(shows(&c, &s, &l, d("2026-01-06")).0, "BB");
    assert!(!run_ledger(&c, &s, &l, "2026-01-08", 30).contains(&"CC".to_string()));
}

#[test]
fn withdrawing_a_point_takes_it_off_every_day() {
    let c = five();
    let s = schedule("");
    let mut l = publish(&c, &s, &none(&s), "2026-01-07");
    let id = ledger::PointId::of("AA point 1");
    l.withdraw(ledger::Withdrawal::Point("AA".into(), id));
    assert_eq!(
        shows(&c, &s, &l, d("2026-01-05")).1,
        ["AA point 0", "AA point 2"]
    );
    for i in 0..60 {
        let date = d("2026-01-08") + chrono::Days::new(i);
        assert!(
            !shows(&c, &s, &l, date)
                .1
                .contains(&"AA point 1".to_string())
        );
    }
    let private = Rotation::new(&c, &s, &l)
        .day(d("2026-01-05"), Audience::Private)
        .unwrap();
    assert_eq!(private.points.len(), 2);
}

#[test]
fn a_point_restricted_after_publication_leaves_public_rebuilds() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-07");
    let c2 = with_guides(&c, |g| g[0].points[1].restricted = true);
    assert_eq!(
        shows(&c2, &s, &l, d("2026-01-05")).1,
        ["AA point 0", "AA point 2"]
    );
    let private = Rotation::new(&c2, &s, &l)
        .day(d("2026-01-05"), Audience::Private)
        .unwrap();
    assert_eq!(private.points.len(), 3);
}

#[test]
fn a_new_guide_with_since_is_announced_with_the_day_it_joins() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-12");
    let c2 = with_guides(&c, |g| {
        let mut lk = guide("LK", 5);
        lk.name = "Sri Lanka".into();
        lk.since = Some(d("2026-01-13"));
        g.push(lk);
    });
    let r = Rotation::new(&c2, &s, &l);
    // The cycle under way ends on 2026-01-14; the next starts the 15th, AA first.
    assert_eq!(r.joining(40).unwrap()[0].date, Some(d("2026-01-20")));
    let notes = r.notes().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("Sri Lanka joins on 2026-01-20")),
        "{notes:?}"
    );
}

#[test]
fn a_change_says_how_many_planned_days_it_moves() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-07");
    let c2 = with_guides(&c, |g| g.push(guide("AB", 4)));
    let moved = Rotation::new(&c2, &s, &l).moved().unwrap().unwrap();
    assert_eq!(moved.of, ledger::PLANNED_DAYS);
    assert!(moved.days > 0);
    assert_eq!(
        moved.first,
        Some((d("2026-01-11"), "BB".into(), "AB".into()))
    );
    assert_eq!(Rotation::new(&c, &s, &l).moved().unwrap().unwrap().days, 0);
}

#[test]
fn two_pins_on_one_date_are_refused() {
    let c = five();
    let s = schedule(
        "[[pin]]\ndate = 2027-12-25\ncountry = \"AA\"\n[[pin]]\nrule = \"december 25\"\ncountry = \"BB\"\n",
    );
    let found = Rotation::new(&c, &s, &none(&s)).contradictions().unwrap();
    assert!(
        found.iter().any(|f| f.error
            && f.pin == 1
            && f.message
                .starts_with("pins 1 and 2 both fall on 2027-12-25")),
        "{found:?}"
    );
}

#[test]
fn a_rule_that_never_falls_in_ten_years_is_refused() {
    let c = five();
    // February has five Mondays only in a leap year that starts it on a Monday: next in 2044.
    let s = schedule("[[pin]]\nrule = \"fifth monday of february\"\ncountry = \"AA\"\n");
    let found = Rotation::new(&c, &s, &none(&s)).contradictions().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].error && found[0].key == "rule");
    assert!(
        found[0].message.contains("does not fall on any day"),
        "{found:?}"
    );
}

#[test]
fn a_country_is_not_given_the_day_before_or_after_its_pin_when_another_can_take_it() {
    let c = five();
    // CC's turn would be 2026-01-07, the day before its pin.
    let s = schedule("[[pin]]\ndate = 2026-01-08\ncountry = \"CC\"\n");
    let days = run(&c, &s, "2026-01-05", 12);
    assert_eq!(&days[..7], ["AA", "BB", "DD", "CC", "EE", "CC", "AA"]);
    for pair in days.windows(2) {
        assert_ne!(pair[0], pair[1], "{days:?}");
    }
    assert!(
        Rotation::new(&c, &s, &none(&s))
            .contradictions()
            .unwrap()
            .is_empty()
    );
    // DD pinned on the 9th: its turn is the cycle's last, so only moving the pin avoids
    // DD two days running, and check says so.
    let s = schedule("[[pin]]\ndate = 2026-01-09\ncountry = \"DD\"\n");
    assert_eq!(
        &run(&c, &s, "2026-01-05", 7)[..6],
        ["AA", "BB", "CC", "EE", "DD", "DD"]
    );
    let found = Rotation::new(&c, &s, &none(&s)).contradictions().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].error);
    assert!(
        found[0].message.contains("the day after (2026-01-10)"),
        "{found:?}"
    );
    assert!(found[0].help.contains("move the pin"), "{found:?}");
}

#[test]
fn a_pin_next_to_a_published_day_of_its_country_is_refused() {
    let c = five();
    let s = schedule("");
    let l = publish(&c, &s, &none(&s), "2026-01-08");
    let s2 = schedule("[[pin]]\ndate = 2026-01-09\ncountry = \"DD\"\n");
    let found = Rotation::new(&c, &s2, &l).contradictions().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].error);
    assert!(
        found[0]
            .message
            .contains("whose own day is the day before (2026-01-08)"),
        "{found:?}"
    );
    assert!(found[0].help.contains("is published"), "{found:?}");
}

#[test]
fn country_of_the_week_starts_every_week_on_week_starts_pins_included() {
    let c = five();
    for (week_starts, weekday) in [
        ("monday", chrono::Weekday::Mon),
        ("sunday", chrono::Weekday::Sun),
    ] {
        let s = schedule(&format!(
            "days_per_country = 7\nweek_starts = \"{week_starts}\"\n\
             [[pin]]\nrule = \"first sunday of november\"\ntitle = \"T\"\ntext = \"x\"\npoints = [\"p\"]\n\
             [[pin]]\ndate = 2026-03-04\ncountry = \"EE\"\n[[pin]]\nrule = \"december 25\"\ncountry = \"BB\"\n"
        ));
        let l = none(&s);
        let r = Rotation::new(&c, &s, &l);
        let mut week: Option<(NaiveDate, usize)> = None;
        let mut previous: Option<usize> = None;
        for date in d("2026-01-05").iter_days().take(3 * 366) {
            let plan = r.day(date, Audience::Public).unwrap();
            let Subject::Country {
                guide,
                pinned: false,
                ..
            } = plan.subject
            else {
                continue;
            };
            let first = crate::content::calendar::week_start(date, s.week_starts);
            assert_eq!(first.weekday(), weekday);
            match week {
                Some((w, g)) if w == first => {
                    assert_eq!(g, guide, "{date}: two countries in a week")
                }
                _ => {
                    if let Some(p) = previous {
                        assert_ne!(p, guide, "{date}: the same country two weeks running");
                    }
                    week = Some((first, guide));
                }
            }
            previous = Some(guide);
        }
    }
}
