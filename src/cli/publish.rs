//! `publish`: record days in the ledger without building them.

use std::path::Path;
use std::process::ExitCode;

use super::{PublishArgs, outln};
use crate::content::calendar::{self, parse_date};
use crate::content::project::Project;
use crate::error::Error;
use crate::publish::build::within_ten_years;
use crate::publish::ledger;

pub fn run(config: &Path, args: PublishArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let schedule = &project.schedule;
    let today = match args.today.as_deref() {
        Some(day) => parse_date(day).map_err(|e| Error::Usage(format!("--today: {e}")))?,
        None => calendar::today(&schedule.timezone),
    };
    let through = match args.through.as_deref() {
        None => today,
        Some(text) => {
            let date = calendar::resolve_date(text, today, schedule.week_starts)
                .map_err(|e| Error::Usage(format!("--through: {e}")))?;
            within_ten_years("through", date, today)?
        }
    };
    let outputs = [project.path(&schedule.output.dir)];
    let before = ledger::load(&project, &outputs, args.adopt)?;
    ledger::require_guides(&project, &before)?;
    let weeks = crate::rotation::frozen::weeks(&before, schedule);
    let horizon = ledger::horizon(schedule, &weeks, today);
    if through > horizon && !args.yes {
        let first = before
            .first_unpublished()
            .max(horizon + chrono::Days::new(1));
        let days = (through - first).num_days() + 1;
        return Err(Error::Usage(format!(
            "--through {through} is {} days ahead of today ({today}): it would fix {days} days \
             after {horizon}, the furthest a build publishes (`ahead_days` = {} in schedule.toml's \
             [publish]), so that no edit, new guide or new point could reach them.\n  help: add \
             --yes if that is what you want; to look at those days without fixing them, use \
             `prayer-guide plan` or `build --preview`",
            (through - today).num_days(),
            schedule.publish.ahead_days,
        )));
    }
    // Publishing up to a past day publishes every day up to today too.
    let today = today.min(through);
    let ledger = ledger::publish_through(&project, through, today, &outputs, args.adopt)?;
    let file = ledger::path(&project);
    match ledger.last() {
        Some(last) => outln!(
            "{}: days {} to {last} are published ({} new)",
            file.display(),
            ledger.start,
            ledger.days.len() - before.days.len()
        ),
        None => outln!("{}: no day is published yet", file.display()),
    }
    Ok(ExitCode::SUCCESS)
}
