//! `plan`: the rotation as a table or JSON.

use std::path::Path;
use std::process::ExitCode;

use super::{PlanArgs, PlanFormat, resolve_date};
use super::{outln, write_out};
use crate::content::project::Project;
use crate::error::Error;
use crate::publish::render::context_json;

pub fn run(config: &Path, args: PlanArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let from = resolve_date(args.from.as_deref(), &project)?;
    let rows = crate::rotation::plan::rows(&project.catalog, &project.schedule, from, args.days)?;
    match args.format {
        PlanFormat::Table => write_out(&crate::rotation::plan::table(
            &rows,
            &project.catalog,
            &project.schedule,
        ))?,
        PlanFormat::Json => outln!("{}", context_json(&rows)),
    }
    Ok(ExitCode::SUCCESS)
}
