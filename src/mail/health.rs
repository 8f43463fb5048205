//! Whether mail goes out as it should: what `status` shows, and the verdict a monitor acts on.
//!
//! Unhealthy (a non-zero exit) means someone should look: digests overdue while nothing is
//! sending, or messages waiting for another attempt. A send in progress is healthy: the
//! messages it has in hand are live, not left over. A deferred message that has fallen out of
//! the catch-up window can no longer be sent: the next run marks it expired and says so once,
//! and it never turns the check red.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::due::Due;
use crate::mail::store::{RunRecord, Store};

/// How long a message may stay due before it counts as overdue. A cron line runs `send` every
/// hour, so a message waits less than that when all is well.
pub const OVERDUE_AFTER: chrono::Duration = chrono::Duration::hours(1);

/// A message waiting for another attempt, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub edition: String,
    pub email: String,
    pub why: String,
}

/// Journal rows that are not finished, sorted by what they mean now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unfinished {
    /// Deferred within the catch-up window, or claimed by a run that stopped: the next run
    /// sends them.
    pub waiting: Vec<Waiting>,
    /// Claimed by the send that is running now.
    pub live: usize,
    /// Deferred past the catch-up window: they will not be sent (the next run marks them).
    pub expired: Vec<(String, String)>,
}

/// Everything `status` reports.
#[derive(Debug, Clone)]
pub struct Health {
    /// The `run` service's process, if it runs.
    pub service: Option<String>,
    /// The process delivering right now (`send`, or `run` at work), if any.
    pub sending: Option<String>,
    /// Messages due now.
    pub due_now: usize,
    /// Editions due for longer than [`OVERDUE_AFTER`]: how many messages, due since when.
    pub overdue: BTreeMap<String, (usize, DateTime<Utc>)>,
    /// The next few instants something falls due, with editions and counts.
    pub upcoming: BTreeMap<DateTime<Utc>, BTreeMap<String, usize>>,
    pub last_run: Option<RunRecord>,
    pub unfinished: Unfinished,
    /// Marked expired by earlier runs (already reported there).
    pub expired_before: u64,
    /// Messages that may have gone twice, not yet named by a finished run.
    pub doubtful: Vec<(String, String)>,
    /// Bounces over the list, and the limit after which an address gets no more mail.
    pub bounces: Option<(crate::mail::store::BounceSummary, u32)>,
}

/// The date in an edition id such as `daily-2026-11-25`.
pub fn edition_date(edition: &str) -> Option<NaiveDate> {
    edition.split_once('-')?.1.parse().ok()
}

/// Sorts unfinished journal rows (edition, address, state, detail): `live` says a send holds
/// its lock now; editions dated before `cutoff` can no longer be sent.
pub fn sort_unfinished(
    rows: Vec<(String, String, String, String)>,
    live: bool,
    cutoff: NaiveDate,
) -> Unfinished {
    let mut out = Unfinished::default();
    for (edition, email, state, detail) in rows {
        if state == "sending" && live {
            out.live += 1;
        } else if edition_date(&edition).is_some_and(|d| d < cutoff) {
            out.expired.push((edition, email));
        } else {
            let why = if state == "sending" {
                "in flight when a run stopped; the next run sends it again".to_string()
            } else {
                detail
            };
            out.waiting.push(Waiting {
                edition,
                email,
                why,
            });
        }
    }
    out
}

/// Editions with messages due for longer than [`OVERDUE_AFTER`] at `now`.
pub fn overdue(due: &[Due], now: DateTime<Utc>) -> BTreeMap<String, (usize, DateTime<Utc>)> {
    let mut out: BTreeMap<String, (usize, DateTime<Utc>)> = BTreeMap::new();
    for m in due.iter().filter(|m| now - m.at > OVERDUE_AFTER) {
        let entry = out.entry(m.edition.clone()).or_insert((0, m.at));
        entry.0 += 1;
        entry.1 = entry.1.min(m.at);
    }
    out
}

/// Looks at the project's database as it is at `now`.
pub fn check(project: &Project, now: DateTime<Utc>) -> Result<Health, Error> {
    let database = project.path(&project.schedule.email.database);
    let store = Store::open(&database)?;
    let rules = crate::mail::send::rules(project);
    let sending = crate::lock::FileLock::holder(&crate::lock::beside(&database, "lock"));
    let subscribers = store.all_active()?;
    let done = store.finished_around(now)?;
    let (due, _) = crate::mail::due::due_now(&subscribers, &done, now, None, &rules);
    let cutoff = now.date_naive() - chrono::Days::new(u64::from(rules.catch_up_days) + 1);
    Ok(Health {
        service: crate::mail::service::RunLock::holder(&database),
        due_now: due.len(),
        overdue: overdue(&due, now),
        upcoming: crate::mail::due::upcoming(&subscribers, &done, now, &rules, 5),
        last_run: store.last_run()?,
        unfinished: sort_unfinished(store.awaiting_retry()?, sending.is_some(), cutoff),
        expired_before: store.count_state("expired")?,
        doubtful: store.doubtful()?,
        bounces: Some((store.bounce_summary()?, project.schedule.email.bounce_limit)),
        sending,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Health {
    /// Why a monitor should raise the alarm; empty when all is well.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.sending.is_none() && !self.overdue.is_empty() {
            let n: usize = self.overdue.values().map(|(n, _)| n).sum();
            let since = self.overdue.values().map(|(_, t)| *t).min();
            out.push(format!(
                "{n} message{} overdue (due since {}) and nothing is sending: is the cron line or \
                 `prayer-guide run` in place?",
                plural(n),
                since.map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            ));
        }
        let waiting = self.unfinished.waiting.len();
        if waiting > 0 {
            out.push(format!(
                "{waiting} message{} waiting for another attempt",
                plural(waiting)
            ));
        }
        out
    }

    pub fn healthy(&self) -> bool {
        self.problems().is_empty()
    }

    /// The report `status` prints; times also in `zone`.
    pub fn render(&self, zone: chrono_tz::Tz) -> String {
        let when = |t: DateTime<Utc>| {
            format!(
                "{} ({} {})",
                t.format("%Y-%m-%d %H:%M UTC"),
                t.with_timezone(&zone).format("%H:%M"),
                zone.name()
            )
        };
        let mut out = String::new();
        let _ = match &self.service {
            Some(pid) => writeln!(out, "service: running (process {pid})"),
            None => writeln!(out, "service: not running"),
        };
        if let Some(pid) = &self.sending {
            let _ = writeln!(
                out,
                "sending now (process {pid}): {} message{} in the server's hands or about to be",
                self.unfinished.live,
                plural(self.unfinished.live)
            );
        }
        if self.due_now > 0 {
            let _ = writeln!(
                out,
                "due now: {} message{}",
                self.due_now,
                plural(self.due_now)
            );
        }
        for (edition, (n, since)) in &self.overdue {
            let _ = writeln!(out, "overdue: {edition} to {n}, due since {}", when(*since));
        }
        let _ = writeln!(out, "next deliveries:");
        if self.upcoming.is_empty() {
            let _ = writeln!(out, "  none (no active subscribers)");
        }
        for (at, editions) in &self.upcoming {
            let what: Vec<String> = editions
                .iter()
                .map(|(e, n)| format!("{e} to {n}"))
                .collect();
            let _ = writeln!(out, "  {}: {}", when(*at), what.join(", "));
        }
        match &self.last_run {
            Some(run) => {
                let end = run.finished.as_ref().map_or(
                    "did not finish (stopped or still running)".to_string(),
                    |f| format!("finished {f}"),
                );
                let _ = writeln!(
                    out,
                    "last run: {}, started {}, {end}",
                    run.kind, run.started
                );
                for line in run.summary.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
            None => {
                let _ = writeln!(out, "last run: none yet");
            }
        }
        let waiting = &self.unfinished.waiting;
        let _ = writeln!(out, "awaiting another attempt: {}", waiting.len());
        for w in waiting {
            let _ = writeln!(out, "  {} {}: {}", w.edition, w.email, w.why);
        }
        let expired = &self.unfinished.expired;
        if !expired.is_empty() {
            let _ = writeln!(
                out,
                "past the catch-up window, no longer sent (the next run marks them expired): {}",
                expired.len()
            );
            for (edition, email) in expired {
                let _ = writeln!(out, "  {edition} {email}");
            }
        }
        if self.expired_before > 0 {
            let _ = writeln!(
                out,
                "expired earlier (reported by the run that found them): {}",
                self.expired_before
            );
        }
        if !self.doubtful.is_empty() {
            let names: Vec<String> = self
                .doubtful
                .iter()
                .map(|(e, to)| format!("{e} {to}"))
                .collect();
            let _ = writeln!(
                out,
                "may have been delivered twice (in flight when a run stopped; the next run names them): {}",
                names.join(", ")
            );
        }
        if let Some((bounces, limit)) = &self.bounces {
            out.push_str(&bounce_lines(bounces, *limit));
        }
        for problem in self.problems() {
            let _ = writeln!(out, "problem: {problem}");
        }
        out
    }
}

/// Bounce counts: over the list, then each address still mailed that has bounced.
fn bounce_lines(b: &crate::mail::store::BounceSummary, limit: u32) -> String {
    if b.hard == 0 && b.soft == 0 && b.bounced == 0 {
        return "bounces: none\n".into();
    }
    let mut out = format!(
        "bounces: {} hard, {} soft; {} address{} stopped (bounce_limit = {limit})\n",
        b.hard,
        b.soft,
        b.bounced,
        if b.bounced == 1 { "" } else { "es" }
    );
    for (email, hard, soft) in &b.still_mailed {
        out.push_str(&format!(
            "  {email}: {hard} of {limit} hard, {soft} soft (still mailed)\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::subscribers::Cadence;

    fn row(edition: &str, email: &str, state: &str) -> (String, String, String, String) {
        (
            edition.into(),
            email.into(),
            state.into(),
            "451 try later".into(),
        )
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn health(unfinished: Unfinished, sending: bool, overdue_n: usize) -> Health {
        let at: DateTime<Utc> = "2026-11-25T06:00:00Z".parse().unwrap();
        Health {
            service: None,
            sending: sending.then(|| "42".to_string()),
            due_now: overdue_n,
            overdue: if overdue_n > 0 {
                [("daily-2026-11-25".to_string(), (overdue_n, at))].into()
            } else {
                BTreeMap::new()
            },
            upcoming: BTreeMap::new(),
            last_run: None,
            unfinished,
            expired_before: 0,
            doubtful: Vec::new(),
            bounces: None,
        }
    }

    #[test]
    fn messages_of_a_live_send_are_not_left_over() {
        let rows = vec![
            row("daily-2026-11-25", "a@example.org", "sending"),
            row("daily-2026-11-25", "b@example.org", "sending"),
        ];
        let live = sort_unfinished(rows.clone(), true, date("2026-11-24"));
        assert_eq!(live.live, 2);
        assert!(live.waiting.is_empty());
        assert!(health(live, true, 0).healthy());

        let stopped = sort_unfinished(rows, false, date("2026-11-24"));
        assert_eq!(stopped.waiting.len(), 2);
        assert!(
            stopped.waiting[0]
                .why
                .starts_with("in flight when a run stopped")
        );
        assert!(!health(stopped, false, 0).healthy());
    }

    #[test]
    fn a_deferred_message_past_the_window_is_expired_not_waiting() {
        let rows = vec![
            row("daily-2026-11-20", "old@example.org", "deferred"),
            row("daily-2026-11-25", "new@example.org", "deferred"),
        ];
        let sorted = sort_unfinished(rows, false, date("2026-11-24"));
        assert_eq!(
            sorted.expired,
            [(
                "daily-2026-11-20".to_string(),
                "old@example.org".to_string()
            )]
        );
        assert_eq!(sorted.waiting.len(), 1);
        assert_eq!(sorted.waiting[0].why, "451 try later");

        let only_old = sort_unfinished(
            vec![row("daily-2026-11-20", "old@example.org", "deferred")],
            false,
            date("2026-11-24"),
        );
        let h = health(only_old, false, 0);
        assert!(h.healthy(), "{:?}", h.problems());
        assert!(h.render(chrono_tz::UTC).contains("no longer sent"));
    }

    #[test]
    fn overdue_with_nothing_sending_is_a_problem_but_not_while_sending() {
        let at: DateTime<Utc> = "2026-11-25T06:00:00Z".parse().unwrap();
        let due = vec![Due {
            edition: "daily-2026-11-25".into(),
            cadence: Cadence::Daily,
            date: date("2026-11-25"),
            subscriber: 1,
            at,
        }];
        assert!(overdue(&due, at + chrono::Duration::minutes(30)).is_empty());
        let late = overdue(&due, at + chrono::Duration::minutes(90));
        assert_eq!(late["daily-2026-11-25"], (1, at));

        let idle = health(Unfinished::default(), false, 1);
        let problems = idle.problems();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("overdue"), "{problems:?}");
        assert!(health(Unfinished::default(), true, 1).healthy());
    }

    #[test]
    fn reads_edition_dates() {
        assert_eq!(edition_date("weekly-2026-11-23"), Some(date("2026-11-23")));
        assert_eq!(edition_date("nonsense"), None);
    }
}
