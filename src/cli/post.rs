//! `post`: the day's guide to the group chats of schedule.toml, each once.

use std::path::Path;
use std::process::ExitCode;

use super::{PostArgs, resolve_date, write_out};
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, args: PostArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let date = args
        .date
        .as_deref()
        .map(|d| resolve_date(Some(d), &project))
        .transpose()?;
    let options = crate::post::run::Options {
        date,
        now: args.now,
        channel: args.channel,
        dry_run: args.dry_run,
        retry_failed: args.retry_failed,
        pause: args.pause_ms.map(std::time::Duration::from_millis),
    };
    let stop = crate::mail::signals::stop_flag()?;
    let report = crate::post::run::run(&project, &options, stop, &mut |note| {
        eprintln!("{note}");
    })?;
    let mut text = report.summary();
    if text.is_empty() {
        text = "nothing is due yet: each channel posts from its hour (`hour`, or [email] \
                send_hour), weekly ones on the week's first day; --date posts a day's now\n"
            .into();
    }
    let code = if report.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    match write_out(&text) {
        Ok(()) | Err(Error::OutputClosed) => Ok(code),
        Err(e) => Err(e),
    }
}
