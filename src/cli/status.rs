//! `status`: next deliveries, the last run, and what waits for a retry.

use std::path::Path;
use std::process::ExitCode;

use super::outln;
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let database = project.path(&project.schedule.email.database);
    let store = crate::mail::store::Store::open(&database)?;
    let zone = project.schedule.timezone;
    let when = |t: chrono::DateTime<chrono::Utc>| {
        format!(
            "{} ({} {})",
            t.format("%Y-%m-%d %H:%M UTC"),
            t.with_timezone(&zone).format("%H:%M"),
            zone.name()
        )
    };
    match crate::mail::service::RunLock::holder(&database) {
        Some(pid) => outln!("service: running (process {pid})"),
        None => outln!("service: not running"),
    }
    let subscribers = store.all_active()?;
    let done = store.finished_around(now)?;
    let rules = crate::mail::send::rules(&project);
    let (due, _) = crate::mail::due::due_now(&subscribers, &done, now, None, &rules);
    if !due.is_empty() {
        outln!(
            "due now: {} message{}",
            due.len(),
            if due.len() == 1 { "" } else { "s" }
        );
    }
    outln!("next deliveries:");
    let upcoming = crate::mail::due::upcoming(&subscribers, &done, now, &rules, 5);
    if upcoming.is_empty() {
        outln!("  none (no active subscribers)");
    }
    for (at, editions) in upcoming {
        let what: Vec<String> = editions
            .iter()
            .map(|(e, n)| format!("{e} to {n}"))
            .collect();
        outln!("  {}: {}", when(at), what.join(", "));
    }
    match store.last_run()? {
        Some(run) => {
            let end = run.finished.map_or(
                "did not finish (stopped or still running)".to_string(),
                |f| format!("finished {f}"),
            );
            outln!("last run: {}, started {}, {end}", run.kind, run.started);
            for line in run.summary.lines() {
                outln!("  {line}");
            }
        }
        None => outln!("last run: none yet"),
    }
    let waiting = store.awaiting_retry()?;
    outln!("awaiting another attempt: {}", waiting.len());
    for (edition, email, state, detail) in &waiting {
        let why = if state == "sending" {
            "in flight when a run stopped".to_string()
        } else {
            detail.clone()
        };
        outln!("  {edition} {email}: {why}");
    }
    print!(
        "{}",
        bounce_lines(
            &store.bounce_summary()?,
            project.schedule.email.bounce_limit
        )
    );
    Ok(if waiting.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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
