//! Reminders from `run` and `serve --with-scheduler`: a thread that wakes at each subscribed
//! hour (and every minute, for deferred reminders and new subscriptions), sends a round, and
//! sleeps again.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::service::Clock;
use crate::push::store::PushStore;

/// How often the thread looks again when no hour falls sooner.
const RESCAN: Duration = Duration::from_secs(60);

fn log(out: &mut dyn Write, now: DateTime<Utc>, message: &str) {
    let _ = writeln!(
        out,
        "{} {message}",
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let _ = out.flush();
}

/// Sends reminders until `stop` is set. A round's error is logged and the next round tries
/// again; the schedule is read again every round, so edits take effect.
pub fn serve(
    config: &Path,
    clock: Clock,
    stop: &AtomicBool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut project = Project::load(config)?;
    while !stop.load(Ordering::Relaxed) {
        match Project::load(config) {
            Ok(p) => project = p,
            Err(e) => log(
                out,
                clock.now(),
                &format!("push: keeping the previous settings: {e}"),
            ),
        }
        let mut wake = None;
        if project.schedule.push.is_some() {
            let mut notes = Vec::new();
            match crate::push::send::run(&project, clock.now(), stop, &mut |n| {
                notes.push(n.to_string())
            }) {
                Ok(report) => {
                    for n in notes {
                        log(out, clock.now(), &n);
                    }
                    let line = report.summary();
                    if !line.is_empty() {
                        log(out, clock.now(), &line);
                    }
                }
                // Another round holds the lock: it does the work.
                Err(Error::Usage(e)) if e.starts_with("another round of reminders") => {}
                Err(e) => log(out, clock.now(), &format!("push: error: {e}")),
            }
            wake = next_wake(&project, clock.now());
        }
        sleep_until(clock, wake, stop);
    }
    Ok(())
}

/// The soonest subscribed hour after `now`.
fn next_wake(project: &Project, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let database = crate::push::send::database(project);
    let store = PushStore::open(&database).ok()?;
    let mut hours: Vec<u8> = store
        .subscribers()
        .ok()?
        .into_iter()
        .map(|s| s.hour)
        .collect();
    hours.sort_unstable();
    hours.dedup();
    crate::push::due::next(hours, project.schedule.timezone, now)
}

fn sleep_until(clock: Clock, at: Option<DateTime<Utc>>, stop: &AtomicBool) {
    let started = std::time::Instant::now();
    while !stop.load(Ordering::Relaxed) && started.elapsed() < RESCAN {
        if at.is_some_and(|t| clock.now() >= t) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
