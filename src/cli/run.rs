//! `run`: the service that sends each digest as it falls due, posts to the chats of
//! `[[post]]` at their hours, and sends the Web Push reminders of `[push]` at each browser's
//! hour (each on a thread of its own, so a slow chat or push service never delays mail).

use std::path::Path;
use std::process::ExitCode;

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::service::{Clock, serve};

pub fn run(
    config: &Path,
    now: Option<chrono::DateTime<chrono::Utc>>,
    without_unsubscribe: bool,
) -> Result<ExitCode, Error> {
    let clock = now.map_or(Clock::system(), Clock::starting_at);
    let stop = crate::mail::signals::stop_flag()?;
    let project = Project::load(config)?;
    let posts = !project.schedule.posts.is_empty();
    let reminders = project.schedule.push.is_some();
    let mails = project.schedule.email.from.is_some() || !(posts || reminders);
    if !mails {
        // A church that posts to chats or reminds browsers and mails nobody.
        let only = match (posts, reminders) {
            (true, true) => "posting to the chats and sending the reminders only",
            (true, false) => "posting to the chats only",
            _ => "sending the reminders only",
        };
        eprintln!("no `from` under [email]: no digests are sent; {only}");
    }
    std::thread::scope(|scope| {
        if reminders {
            scope.spawn(|| {
                if let Err(e) =
                    crate::push::service::serve(config, clock, stop, &mut std::io::stderr())
                {
                    eprintln!("push: stopped: {e}");
                }
            });
        }
        if posts {
            scope.spawn(|| {
                if let Err(e) =
                    crate::post::service::serve(config, clock, stop, &mut std::io::stderr())
                {
                    eprintln!("posts: stopped: {e}");
                }
            });
        }
        if !mails {
            return Ok(());
        }
        let mailed = serve(
            config,
            clock,
            stop,
            without_unsubscribe,
            &mut std::io::stderr(),
        );
        if mailed.is_err() {
            // The other threads stop with the service.
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        mailed
    })?;
    Ok(ExitCode::SUCCESS)
}
