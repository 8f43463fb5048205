//! `init`: a new project, and what to do next.

use std::path::Path;
use std::process::ExitCode;

use super::outln;
use crate::content::calendar::today;
use crate::error::Error;

pub fn run(dir: &Path) -> Result<ExitCode, Error> {
    let files = crate::init::init(dir, today(&chrono_tz::UTC))?;
    for f in &files {
        outln!("created {}", f.display());
    }
    outln!(
        "\nNext: cd {} && prayer-guide check && prayer-guide build",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
