//! Posting from `run`: a thread beside the mail sender that wakes at each channel's hour, posts
//! what is owed through the same path as `post` (same journal, same lock), and sleeps again.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::service::Clock;
use crate::post::run::{Options, run};

/// How often the thread looks again when nothing falls due sooner: a deferred post is tried
/// again, and an edited schedule.toml is read.
const RESCAN: Duration = Duration::from_secs(60);

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

/// Posts on a thread of its own until `stop` is set, when schedule.toml names chats (`serve
/// --with-scheduler`, beside its mail sender); its errors go to standard error.
pub fn spawn(
    config: &Path,
    clock: Clock,
    stop: &'static AtomicBool,
) -> Option<std::thread::JoinHandle<()>> {
    let posts = Project::load(config).is_ok_and(|p| !p.schedule.posts.is_empty());
    let config = config.to_path_buf();
    posts.then(|| {
        std::thread::spawn(move || {
            if let Err(e) = serve(&config, clock, stop, &mut std::io::stderr()) {
                eprintln!("posts: stopped: {e}");
            }
        })
    })
}

/// Posts until `stop` is set. Errors of one round are logged and the next round tries again.
pub fn serve(
    config: &Path,
    clock: Clock,
    stop: &AtomicBool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut project = Project::load(config)?;
    let mut announced = String::new();
    while !stop.load(Ordering::Relaxed) {
        match Project::load(config) {
            Ok(p) => project = p,
            Err(e) => log(
                out,
                clock.now(),
                &format!("posts: keeping the previous settings: {e}"),
            ),
        }
        if !project.schedule.posts.is_empty() {
            let options = Options {
                now: Some(clock.now()),
                ..Options::default()
            };
            let mut notes = Vec::new();
            match run(&project, &options, stop, &mut |n| notes.push(n.to_string())) {
                Ok(report) => {
                    for n in notes {
                        log(out, clock.now(), &n);
                    }
                    let text = report.summary();
                    let text: String = text
                        .lines()
                        .filter(|l| !l.ends_with("posted before"))
                        .map(|l| format!("{l}\n"))
                        .collect();
                    if !text.is_empty() && text != announced {
                        log(out, clock.now(), text.trim_end());
                        announced = text;
                    }
                }
                // Another post holds the lock: it will do the work.
                Err(Error::Usage(e)) if e.starts_with("another `prayer-guide post`") => {}
                Err(e) => log(out, clock.now(), &format!("posts: error: {e}")),
            }
        }
        sleep_until(clock, next_wake(&project, clock.now()), stop);
    }
    Ok(())
}

/// The soonest channel hour after `now`.
fn next_wake(project: &Project, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    project
        .schedule
        .posts
        .iter()
        .filter_map(|c| {
            crate::post::due::next_hour(
                c,
                project.schedule.email.send_hour,
                project.schedule.timezone,
                now,
            )
        })
        .min()
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
