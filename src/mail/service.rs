//! `run`: the long-running sender. It wakes when the next delivery falls due, sends it through
//! the same path as `send` (same journal, same lock, same retries), and sleeps again. After
//! downtime it catches up within `catch_up_days` and reports what it skipped.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::progress::Quiet;
use crate::mail::send::{self, Options};
use crate::mail::store::{State, Store};
use crate::mail::subscribers::Cadence;

/// The service's sense of time: the system clock, or one started at a given instant that then
/// runs at the normal pace (for tests and rehearsals).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    offset: chrono::Duration,
}

impl Clock {
    pub fn system() -> Clock {
        Clock {
            offset: chrono::Duration::zero(),
        }
    }

    /// A clock that reads `start` now and advances in real time.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        Clock {
            offset: start - Utc::now(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// How often the service looks again even when nothing is due: subscribers may have been
/// added, or a zone changed.
const RESCAN: Duration = Duration::from_secs(60);

/// Held for the life of `run`: a second instance refuses to start.
pub struct RunLock {
    _lock: crate::lock::FileLock,
}

impl RunLock {
    pub fn acquire(database: &Path) -> Result<RunLock, Error> {
        let path = crate::lock::beside(database, "run.lock");
        match crate::lock::FileLock::try_acquire(&path)? {
            Ok(lock) => Ok(RunLock { _lock: lock }),
            Err(pid) => Err(Error::Usage(format!(
                "prayer-guide run is already running (process {pid}, lock {}): one instance is enough",
                path.display()
            ))),
        }
    }

    /// Whether a `run` holds the lock now, and its process id.
    pub fn holder(database: &Path) -> Option<String> {
        crate::lock::FileLock::holder(&crate::lock::beside(database, "run.lock"))
    }
}

/// One log line: an RFC 3339 timestamp, then the message. Reads well in a file and in journald.
fn log(out: &mut dyn Write, now: DateTime<Utc>, message: &str) {
    for line in message.lines() {
        let _ = writeln!(
            out,
            "{} {line}",
            now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
    }
    let _ = out.flush();
}

/// Runs until `stop` is set. Returns Ok after a clean stop.
pub fn serve(
    config: &Path,
    clock: Clock,
    stop: &AtomicBool,
    without_unsubscribe: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut project = Project::load(config)?;
    let database = project.path(&project.schedule.email.database);
    let _lock = RunLock::acquire(&database)?;
    project
        .schedule
        .email
        .require_for_sending(without_unsubscribe)
        .map_err(Error::Usage)?;
    if !project.schedule.email.has_unsubscribe() {
        log(
            out,
            clock.now(),
            "warning: digests go out without a way to unsubscribe (--without-unsubscribe); \
             mailbox providers may file them as spam",
        );
    }
    log(
        out,
        clock.now(),
        &format!(
            "started (process {}); database {}",
            std::process::id(),
            database.display()
        ),
    );
    while !stop.load(Ordering::Relaxed) {
        // Pick up edited guides and settings; keep the last good ones if an edit broke them.
        match Project::load(config) {
            Ok(p) => project = p,
            Err(e) => log(
                out,
                clock.now(),
                &format!("keeping the previous content and settings: {e}"),
            ),
        }
        let now = clock.now();
        let options = Options {
            date: None,
            now: Some(now),
            cadence: None,
            dry_run: false,
            only: None,
            retry_failed: false,
            kind: "run",
            without_unsubscribe,
        };
        match send::run(&project, &options, &mut Quiet, stop) {
            Ok(report) => {
                let text = crate::mail::progress::summary(&report, false);
                if !text.is_empty() {
                    log(out, clock.now(), text.trim_end());
                }
            }
            Err(e) => log(out, clock.now(), &format!("error: {e}")),
        }
        // Alerts showing today, to whoever chose urgent requests and has not had them (issued
        // with `alert` while this runs, added by hand, or cut short by a stop).
        match send::run_alerts(&project, &options, None, &mut Quiet, stop) {
            Ok(reports) => {
                for report in reports {
                    let text = crate::mail::progress::summary(&report, false);
                    if report.editions.iter().any(|e| e.owed > 0) || !report.notes.is_empty() {
                        log(out, clock.now(), text.trim_end());
                    }
                }
            }
            Err(e) => log(out, clock.now(), &format!("error: alerts: {e}")),
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let next = next_wake(&project, clock.now())?;
        if let Some(at) = next {
            log(
                out,
                clock.now(),
                &format!(
                    "next delivery due {}",
                    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                ),
            );
        }
        sleep_until(clock, next, stop);
    }
    log(out, clock.now(), "stopped cleanly");
    Ok(())
}

/// When the next message falls due, from the database as it is now, reading the subscribers a
/// page at a time (the service's memory does not grow with the list).
fn next_wake(project: &Project, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, Error> {
    let store = Store::open(&project.path(&project.schedule.email.database))?;
    let rules = send::rules(project);
    // Only editions that can still fall due after `now`: from yesterday (zones behind UTC) on.
    let today = now.date_naive();
    let window: Vec<String> = (0..=crate::mail::due::LOOK_AHEAD_DAYS + 1)
        .filter_map(|k| (today - chrono::Days::new(1)).checked_add_days(chrono::Days::new(k)))
        .flat_map(|d| [Cadence::Daily, Cadence::Weekly].map(|c| crate::mail::due::edition_id(c, d)))
        .collect();
    let mut next: Option<DateTime<Utc>> = None;
    let mut after = 0;
    loop {
        let page = store.active_page(after, 512, None, None)?;
        let (Some(first), Some(last)) = (page.first(), page.last()) else {
            break;
        };
        after = last.id;
        let done = store
            .journal_for(&window, first.id, last.id)?
            .into_iter()
            .filter(|(_, _, state, _)| {
                matches!(state, State::Sent | State::Failed | State::Expired)
            })
            .map(|(edition, subscriber, _, _)| (edition, subscriber))
            .collect();
        if let Some(at) = crate::mail::due::next_due(&page, &done, now, &rules) {
            next = Some(next.map_or(at, |n| n.min(at)));
        }
    }
    Ok(next)
}

/// Sleeps until `at` by `clock` (at most [`RESCAN`]), waking at once when asked to stop.
fn sleep_until(clock: Clock, at: Option<DateTime<Utc>>, stop: &AtomicBool) {
    let started = std::time::Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) || started.elapsed() >= RESCAN {
            return;
        }
        if at.is_some_and(|t| clock.now() >= t) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
