//! `post`: the day's guide to the group chats of schedule.toml, each once.

use std::path::Path;
use std::process::ExitCode;

use super::{AlertArgs, PostArgs, outln, resolve_date, write_out};
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
        alerts_only: false,
        alert: None,
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

/// `alert`: an urgent request written to alerts/ and posted to every chat now.
pub fn alert(config: &Path, args: AlertArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let today = now.with_timezone(&project.schedule.timezone).date_naive();
    let until = args
        .until
        .as_deref()
        .map(|d| {
            crate::content::calendar::resolve_date(d, today, project.schedule.week_starts)
                .map_err(Error::Usage)
        })
        .transpose()?;
    let text = match (&args.text, &args.file) {
        (Some(text), None) => text.clone(),
        (None, Some(file)) => crate::content::source::read_text(file)?,
        _ => {
            return Err(Error::Usage(
                "give the alert's text, or --file with it: prayer-guide alert \"Pray for ...\" \
                 --title \"Pastor arrested\""
                    .into(),
            ));
        }
    };
    let path = crate::content::alerts::write_new(
        &project.root,
        today,
        until,
        args.country.as_deref(),
        &args.title,
        text.trim(),
    )?;
    let file = crate::content::source::SourceFile::read(&path)?;
    let mut problems = crate::error::Diagnostics::default();
    let Some(alert) = crate::content::alerts::read_one(&file, &project.catalog, &mut problems)
    else {
        // Nothing half-made stays behind: the editor runs the command again, corrected.
        let _ = std::fs::remove_file(&path);
        return Err(Error::Invalid(problems));
    };
    let shown = path.strip_prefix(&project.root).unwrap_or(&path);
    outln!(
        "wrote {}: on the day pages and weekly sheets from {} through {} (build to show it)",
        shown.display(),
        alert.date,
        alert.until
    );
    if args.no_post {
        return Ok(ExitCode::SUCCESS);
    }
    let stop = crate::mail::signals::stop_flag()?;
    let mut failed = false;
    if project.schedule.posts.is_empty() {
        outln!("no [[post]] chats in schedule.toml: posted nowhere");
    } else {
        let options = crate::post::run::Options {
            now: Some(now),
            alerts_only: true,
            alert: Some(alert.id.clone()),
            pause: args.pause_ms.map(std::time::Duration::from_millis),
            ..crate::post::run::Options::default()
        };
        let report = crate::post::run::run(&project, &options, stop, &mut |note| {
            eprintln!("{note}");
        })?;
        write_out(&report.summary())?;
        failed |= report.failed();
    }
    failed |= mail_alert(&project, &alert.id, now, stop)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The alert by email to the subscribers who chose urgent requests, now; true if some of it
/// failed or waits for the next `send` or `run`.
fn mail_alert(
    project: &Project,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
    stop: &'static std::sync::atomic::AtomicBool,
) -> Result<bool, Error> {
    if project.schedule.email.from.is_none() {
        return Ok(false);
    }
    let options = crate::mail::send::Options {
        date: None,
        now: Some(now),
        cadence: None,
        dry_run: false,
        only: None,
        retry_failed: false,
        kind: crate::mail::store::ALERT_RUN,
        without_unsubscribe: false,
    };
    let mut progress = crate::mail::progress::for_stderr();
    match crate::mail::send::run_alerts(project, &options, Some(id), progress.as_mut(), stop) {
        Ok(reports) if reports.is_empty() => {
            outln!("no subscriber chose urgent requests: mailed no one");
            Ok(false)
        }
        Ok(reports) => {
            for report in &reports {
                write_out(&crate::mail::progress::summary(report, false))?;
            }
            Ok(reports.iter().any(|r| r.failed() || r.stopped))
        }
        // Posted (or written) already: say why the mail did not go, and how it will.
        Err(e) => {
            eprintln!(
                "error: the alert was not emailed: {e}\n  help: `prayer-guide send` (or a running \
                 `run`) mails it once this is fixed, to each subscriber who chose urgent requests once"
            );
            Ok(true)
        }
    }
}
