//! `send`: the digests that are due, each exactly once.

use std::path::Path;
use std::process::ExitCode;

use super::{CadenceArg, SendArgs, outln, resolve_date, write_out};
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
    let cadence = match args.cadence {
        CadenceArg::Daily => Some(Cadence::Daily),
        CadenceArg::Weekly => Some(Cadence::Weekly),
        CadenceArg::All => None,
    };
    if let Some(dir) = &args.to_dir {
        return test_send(
            &project,
            date,
            cadence,
            args.only.as_deref(),
            dir,
            args.without_unsubscribe,
        );
    }
    let options = crate::mail::send::Options {
        date,
        now: args.now,
        cadence,
        dry_run: args.dry_run,
        only: args.only,
        retry_failed: args.retry_failed,
        kind: "send",
        without_unsubscribe: args.without_unsubscribe,
    };
    if args.without_unsubscribe && !project.schedule.email.has_unsubscribe() && !args.dry_run {
        eprintln!(
            "warning: sending without a way to unsubscribe (--without-unsubscribe): mailbox \
             providers may file these digests as spam, and readers can only reply to leave"
        );
    }
    let mut progress = crate::mail::progress::for_stderr();
    let stop = crate::mail::signals::stop_flag()?;
    let report = crate::mail::send::run(&project, &options, progress.as_mut(), stop)?;
    let mut text = crate::mail::progress::summary(&report, args.dry_run);
    let mut failed = report.failed();
    // What is due now includes the alerts showing today that someone who chose urgent
    // requests has not had (one a kill interrupted, or a subscriber who chose them since).
    if options.date.is_none() && options.cadence.is_none() {
        let alerts =
            crate::mail::send::run_alerts(&project, &options, None, progress.as_mut(), stop)?;
        // An alert everyone has had is not news on every hourly run.
        for alert in alerts.into_iter().filter(|r| {
            !r.notes.is_empty()
                || r.editions
                    .iter()
                    .any(|e| e.owed > 0 || !e.in_flight_before.is_empty())
        }) {
            text.push_str(&crate::mail::progress::summary(&alert, args.dry_run));
            failed |= alert.failed();
        }
    }
    let code = if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    // The work is done: a reader that stopped early does not change how it went.
    match write_out(&text) {
        Ok(()) | Err(Error::OutputClosed) => Ok(code),
        Err(e) => Err(e),
    }
}

/// `--to-dir`: `.eml` files, and the journal left alone.
fn test_send(
    project: &Project,
    date: Option<chrono::NaiveDate>,
    cadence: Option<Cadence>,
    only: Option<&str>,
    dir: &Path,
    without_unsubscribe: bool,
) -> Result<ExitCode, Error> {
    let date = date.map_or_else(|| resolve_date(None, project), Ok)?;
    let written =
        crate::mail::outbox::write(project, date, cadence, only, dir, without_unsubscribe)?;
    for note in &written.notes {
        outln!("{note}");
    }
    if written.files.len() <= 12 {
        for f in &written.files {
            outln!("wrote {}", f.display());
        }
    } else {
        outln!(
            "wrote {} messages to {}",
            written.files.len(),
            dir.display()
        );
    }
    outln!("a test: nothing was recorded, so `send` still delivers these editions to everyone");
    Ok(ExitCode::SUCCESS)
}
