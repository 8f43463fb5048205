//! `plan`: the rotation for a run of days, as a readable table or as JSON.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::calendar::weekday_name;
use crate::content::schedule::Order;
use crate::error::Error;
use crate::rotation::ledger::PointId;
use crate::rotation::{Audience, PlannedPoint, Rotation, Subject};

/// One row of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub date: String,
    pub weekday: &'static str,
    /// `country` or `theme`.
    pub kind: &'static str,
    /// The country code, for a country day.
    pub code: Option<String>,
    /// The country's name or the theme's title.
    pub name: String,
    /// For multi-day visits: day `day` of `days`.
    pub day: usize,
    pub days: usize,
    pub pinned: bool,
    /// 1-based numbers of the day's points in the guide (public points only).
    pub points: Vec<usize>,
    /// How many points the guide has in all.
    pub of_points: usize,
    /// Whether the day is in the ledger, and so fixed.
    pub published: bool,
}

/// The plan for `days` days from `from`, public points only.
pub fn rows(rotation: &Rotation, from: NaiveDate, days: u32) -> Result<Vec<Row>, Error> {
    let (catalog, schedule) = (rotation.catalog, rotation.schedule);
    from.iter_days()
        .take(days as usize)
        .map(|date| {
            let plan = rotation.day(date, Audience::Public)?;
            let weekday = weekday_name(chrono::Datelike::weekday(&date));
            Ok(match plan.subject {
                Subject::Country {
                    guide,
                    day,
                    of,
                    pinned,
                } => {
                    let g = &catalog.entries[guide].guide;
                    Row {
                        date: date.to_string(),
                        weekday,
                        kind: "country",
                        code: Some(g.code.clone()),
                        name: g.name.clone(),
                        day,
                        days: of,
                        pinned,
                        published: plan.published,
                        points: numbers(
                            &g.points.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
                            &plan.points,
                        ),
                        of_points: g.points.len(),
                    }
                }
                Subject::Theme { pin, title } => {
                    let texts: Vec<&str> = pin
                        .map(|p| schedule.pins[p].points.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    Row {
                        date: date.to_string(),
                        weekday,
                        kind: "theme",
                        code: None,
                        name: title,
                        day: 1,
                        days: 1,
                        pinned: true,
                        published: plan.published,
                        points: numbers(&texts, &plan.points),
                        of_points: texts.len(),
                    }
                }
                Subject::Withdrawn { code } => Row {
                    date: date.to_string(),
                    weekday,
                    kind: "withdrawn",
                    code: Some(code),
                    name: "(withdrawn)".into(),
                    day: 1,
                    days: 1,
                    pinned: false,
                    published: plan.published,
                    points: Vec::new(),
                    of_points: 0,
                },
            })
        })
        .collect()
}

/// 1-based numbers of `points` among `texts` (the guide as it is now); a published point whose
/// text has changed since has no number.
fn numbers(texts: &[&str], points: &[PlannedPoint]) -> Vec<usize> {
    points
        .iter()
        .filter_map(|p| {
            texts
                .iter()
                .position(|t| PointId::of(t) == p.id)
                .map(|i| i + 1)
        })
        .collect()
}

/// The rows as an aligned table, with a closing line on the cycle.
pub fn table(rows: &[Row], rotation: &Rotation) -> String {
    let schedule = rotation.schedule;
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10}  {:<3}  {:<4}  {:<width$}  Points",
        "Date", "Day", "Code", "Country"
    );
    for r in rows {
        let mut note = String::new();
        if r.days > 1 {
            let _ = write!(note, "  (day {} of {})", r.day, r.days);
        }
        if r.pinned {
            note.push_str("  (pinned)");
        }
        if r.published {
            // In published.txt: this row is fixed, whatever is edited now.
            note.push_str("  (published)");
        }
        let points: Vec<String> = r.points.iter().map(usize::to_string).collect();
        let _ = writeln!(
            out,
            "{:<10}  {:<3}  {:<4}  {:<width$}  {} of {}{note}",
            r.date,
            &r.weekday[..3],
            r.code.as_deref().unwrap_or("-"),
            r.name,
            points.join(", "),
            r.of_points,
        );
    }
    if let Some(first) = rows.first().and_then(|r| r.date.parse::<NaiveDate>().ok()) {
        let visits = rotation.visits_per_cycle(first);
        let _ = write!(
            out,
            "\nA full cycle is {} days (pinned days come on top): ",
            rotation.cycle_days(first)
        );
        if schedule.rotation.order == Order::Weighted {
            let mut counts: Vec<u32> = visits.iter().map(|&(_, w)| w).collect();
            counts.sort_unstable();
            counts.dedup();
            let groups: Vec<String> = counts
                .iter()
                .rev()
                .map(|&w| {
                    let n = visits.iter().filter(|&&(_, x)| x == w).count();
                    format!("{n} countr{} {w}×", if n == 1 { "y" } else { "ies" })
                })
                .collect();
            let _ = writeln!(out, "{} per cycle.", groups.join(", "));
        } else {
            let _ = writeln!(out, "each of {} countries once.", visits.len());
        }
    }
    out
}
