//! `run`: the service that sends each digest as it falls due, and posts to the chats of
//! `[[post]]` at their hours (a thread of its own, so a slow chat never delays mail).

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
    if posts && project.schedule.email.from.is_none() {
        // A church that posts to chats and mails nobody: the chats alone.
        eprintln!("no `from` under [email]: no digests are sent; posting to the chats only");
        crate::post::service::serve(config, clock, stop, &mut std::io::stderr())?;
        return Ok(ExitCode::SUCCESS);
    }
    std::thread::scope(|scope| {
        if posts {
            scope.spawn(|| {
                if let Err(e) =
                    crate::post::service::serve(config, clock, stop, &mut std::io::stderr())
                {
                    eprintln!("posts: stopped: {e}");
                }
            });
        }
        let mailed = serve(
            config,
            clock,
            stop,
            without_unsubscribe,
            &mut std::io::stderr(),
        );
        if mailed.is_err() {
            // The posting thread stops with the service.
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        mailed
    })?;
    Ok(ExitCode::SUCCESS)
}
