//! `plan`: the rotation as a table or JSON, what the edits since the ledger was last written
//! do, and refusal of pins that contradict each other.

use std::path::Path;
use std::process::ExitCode;

use super::{PlanArgs, PlanFormat, resolve_date};
use super::{outln, write_out};
use crate::content::project::Project;
use crate::error::Error;
use crate::publish::render::context_json;
use crate::rotation::Rotation;

pub fn run(config: &Path, args: PlanArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let outputs = [project.path(&project.schedule.output.dir)];
    let ledger = crate::publish::ledger::load(&project, &outputs, false)?;
    crate::publish::ledger::require_guides(&project, &ledger)?;
    let rotation = Rotation::new(&project.catalog, &project.schedule, &ledger);
    let found = crate::publish::ledger::diagnostics(&project, &rotation.contradictions()?).sorted();
    if found.has_errors() {
        return Err(Error::Invalid(found));
    }
    for warning in found.warnings() {
        eprintln!("{warning}");
    }
    let from = resolve_date(args.from.as_deref(), &project)?;
    let rows = crate::rotation::plan::rows(&rotation, from, args.days)?;
    let notes = rotation.notes()?;
    match args.format {
        PlanFormat::Table => {
            write_out(&crate::rotation::plan::table(&rows, &rotation))?;
            for note in notes {
                outln!("note: {note}");
            }
        }
        PlanFormat::Json => {
            outln!("{}", context_json(&rows));
            for note in notes {
                eprintln!("note: {note}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
