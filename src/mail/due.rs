//! When each subscriber's next edition is due: a pure function of (subscribers, journal, now).
//!
//! A subscriber gets the edition for *their* local date at *their* local hour (the schedule's
//! zone and `send_hour` unless they chose others); weekly subscribers get the week's edition at
//! that hour on their local week start. Every (subscriber, edition) has exactly one due instant,
//! even across daylight-saving changes: a local hour that does not exist (clocks spring forward)
//! falls to the first instant after the gap, and a local hour that happens twice (clocks fall
//! back) counts once, at its first occurrence.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::content::calendar::Weeks;
use crate::mail::subscribers::{Cadence, Subscriber};

/// How far back anything is decided: the largest catch-up window (31 days) and the span over
/// which skipped editions are reported. The journal needs reading this far back, and
/// [`LOOK_AHEAD_DAYS`] ahead, for the decisions to be right.
pub const LOOK_BACK_DAYS: u64 = 32;

/// How far ahead [`upcoming`] looks for a subscriber's next edition (a week and a bit).
pub const LOOK_AHEAD_DAYS: u64 = 9;

/// What deciding needs besides the subscribers: defaults and the catch-up window.
#[derive(Debug, Clone)]
pub struct Rules {
    pub zone: Tz,
    pub hour: u8,
    /// Which days make a week: a weekly edition goes out on a week's first day.
    pub weeks: Weeks,
    /// How many days back a missed edition is still sent: 0 means today's only.
    pub catch_up_days: u32,
    /// No edition before the rotation starts.
    pub first_date: NaiveDate,
}

/// One message that is due.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Due {
    pub edition: String,
    pub cadence: Cadence,
    pub date: NaiveDate,
    pub subscriber: i64,
    pub at: DateTime<Utc>,
}

/// Edition key of a cadence and date, as the journal stores it.
pub fn edition_id(cadence: Cadence, date: NaiveDate) -> String {
    format!("{}-{date}", cadence.as_str())
}

/// The instant local `hour` happens on `date` in `zone`, once and only once.
pub fn local_instant(date: NaiveDate, hour: u8, zone: Tz) -> DateTime<Utc> {
    let mut local =
        date.and_time(NaiveTime::from_hms_opt(u32::from(hour.min(23)), 0, 0).unwrap_or_default());
    // A gap is never longer than a few hours; step through it a quarter-hour at a time.
    for _ in 0..(4 * 24) {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => local += chrono::Duration::minutes(15),
        }
    }
    Utc.from_utc_datetime(&local)
}

fn zone_and_hour(s: &Subscriber, rules: &Rules) -> (Tz, u8) {
    (
        s.timezone.unwrap_or(rules.zone),
        s.hour.unwrap_or(rules.hour),
    )
}

fn is_edition_date(cadence: Cadence, date: NaiveDate, rules: &Rules) -> bool {
    date >= rules.first_date && (cadence == Cadence::Daily || rules.weeks.start(date) == date)
}

/// Every message due at `now`: editions whose instant has come, within the catch-up window,
/// not yet `done` (sent, or refused for good) for that subscriber. Also the editions skipped
/// because they fell out of the window since `since` (the last time anyone looked).
pub fn due_now(
    subscribers: &[Subscriber],
    done: &HashSet<(String, i64)>,
    now: DateTime<Utc>,
    since: Option<DateTime<Utc>>,
    rules: &Rules,
) -> (Vec<Due>, Vec<Due>) {
    let mut due = Vec::new();
    let mut skipped = Vec::new();
    for s in subscribers.iter().filter(|s| s.active) {
        let (zone, hour) = zone_and_hour(s, rules);
        let today = now.with_timezone(&zone).date_naive();
        // Look back over the window, and past it as far as the last look, for the report.
        let since_days = since.map_or(0, |t| (now - t).num_days().max(0) as u64 + 1);
        let back = u64::from(rules.catch_up_days).max(since_days.min(LOOK_BACK_DAYS));
        for k in 0..=back {
            let Some(date) = today.checked_sub_days(Days::new(k)) else {
                break;
            };
            if !is_edition_date(s.cadence, date, rules) {
                continue;
            }
            let at = local_instant(date, hour, zone);
            let edition = edition_id(s.cadence, date);
            if at > now || done.contains(&(edition.clone(), s.id)) {
                continue;
            }
            let item = Due {
                edition,
                cadence: s.cadence,
                date,
                subscriber: s.id,
                at,
            };
            if k <= u64::from(rules.catch_up_days) {
                due.push(item);
            } else if since.is_some_and(|t| at > t) {
                skipped.push(item);
            }
        }
    }
    due.sort();
    skipped.sort();
    (due, skipped)
}

/// The next instant after `now` at which some subscriber's edition falls due.
pub fn next_due(
    subscribers: &[Subscriber],
    done: &HashSet<(String, i64)>,
    now: DateTime<Utc>,
    rules: &Rules,
) -> Option<DateTime<Utc>> {
    upcoming(subscribers, done, now, rules, 1)
        .into_keys()
        .next()
}

/// The next `limit` due instants after `now`, each with the editions and how many messages.
pub fn upcoming(
    subscribers: &[Subscriber],
    done: &HashSet<(String, i64)>,
    now: DateTime<Utc>,
    rules: &Rules,
    limit: usize,
) -> BTreeMap<DateTime<Utc>, BTreeMap<String, usize>> {
    let mut out: BTreeMap<DateTime<Utc>, BTreeMap<String, usize>> = BTreeMap::new();
    for s in subscribers.iter().filter(|s| s.active) {
        let (zone, hour) = zone_and_hour(s, rules);
        let today = now.with_timezone(&zone).date_naive();
        for k in 0..LOOK_AHEAD_DAYS {
            let Some(date) = today.checked_add_days(Days::new(k)) else {
                break;
            };
            if !is_edition_date(s.cadence, date, rules) {
                continue;
            }
            let at = local_instant(date, hour, zone);
            let edition = edition_id(s.cadence, date);
            if at > now && !done.contains(&(edition.clone(), s.id)) {
                *out.entry(at).or_default().entry(edition).or_default() += 1;
                break;
            }
        }
    }
    while out.len() > limit {
        let last = *out.keys().next_back().expect("non-empty");
        out.remove(&last);
    }
    out
}

#[cfg(test)]
mod tests;
