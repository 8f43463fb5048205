//! `publish`: record days in the ledger without building them.

use std::path::Path;
use std::process::ExitCode;

use super::{PublishArgs, outln, resolve_date};
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, args: PublishArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let through = resolve_date(args.through.as_deref(), &project)?;
    let today = crate::content::calendar::today(&project.schedule.timezone).min(through);
    let outputs = [project.path(&project.schedule.output.dir)];
    let before = crate::publish::ledger::load(&project, &outputs, args.adopt)?
        .days
        .len();
    let ledger =
        crate::publish::ledger::publish_through(&project, through, today, &outputs, args.adopt)?;
    let file = crate::publish::ledger::path(&project);
    match ledger.last() {
        Some(last) => outln!(
            "{}: days {} to {last} are published ({} new)",
            file.display(),
            ledger.start,
            ledger.days.len() - before
        ),
        None => outln!("{}: no day is published yet", file.display()),
    }
    Ok(ExitCode::SUCCESS)
}
