//! `plan`: the rotation for a run of days, as a readable table or as JSON.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::calendar::weekday_name;
use crate::content::guide::Catalog;
use crate::content::schedule::{Order, Schedule};
use crate::error::Error;
use crate::rotation::{Audience, Rotation, Subject};

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
}

/// The plan for `days` days from `from`, public points only.
pub fn rows(
    catalog: &Catalog,
    schedule: &Schedule,
    from: NaiveDate,
    days: u32,
) -> Result<Vec<Row>, Error> {
    let rotation = Rotation::new(catalog, schedule);
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
                    pin,
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
                        pinned: pin.is_some(),
                        points: plan.points.iter().map(|i| i + 1).collect(),
                        of_points: g.points.len(),
                    }
                }
                Subject::Theme { pin } => {
                    let p = &schedule.pins[pin];
                    Row {
                        date: date.to_string(),
                        weekday,
                        kind: "theme",
                        code: None,
                        name: p.title.clone().unwrap_or_default(),
                        day: 1,
                        days: 1,
                        pinned: true,
                        points: plan.points.iter().map(|i| i + 1).collect(),
                        of_points: p.points.len(),
                    }
                }
            })
        })
        .collect()
}

/// The rows as an aligned table, with a closing line on the cycle.
pub fn table(rows: &[Row], catalog: &Catalog, schedule: &Schedule) -> String {
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
        let rotation = Rotation::new(catalog, schedule);
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
