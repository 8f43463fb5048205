//! `send`: the digests that are due, each exactly once.

use std::path::Path;
use std::process::ExitCode;

use super::{CadenceArg, SendArgs, resolve_date, write_out};
use crate::content::project::Project;
use crate::error::Error;
use crate::mail::subscribers::Cadence;

pub fn run(config: &Path, args: SendArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let date = args
        .date
        .as_deref()
        .map(|d| resolve_date(Some(d), &project))
        .transpose()?;
    let options = crate::mail::send::Options {
        date,
        now: args.now,
        cadence: match args.cadence {
            CadenceArg::Daily => Some(Cadence::Daily),
            CadenceArg::Weekly => Some(Cadence::Weekly),
            CadenceArg::All => None,
        },
        dry_run: args.dry_run,
        to_dir: args.to_dir,
        only: args.only,
        retry_failed: args.retry_failed,
        kind: "send",
    };
    let mut progress = crate::mail::progress::for_stderr();
    let stop = crate::mail::signals::stop_flag()?;
    let report = crate::mail::send::run(&project, &options, progress.as_mut(), stop)?;
    let code = if report.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    // The work is done: a reader that stopped early does not change how it went.
    match write_out(&crate::mail::progress::summary(&report, args.dry_run)) {
        Ok(()) | Err(Error::OutputClosed) => Ok(code),
        Err(e) => Err(e),
    }
}
