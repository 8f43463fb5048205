//! `check`: every problem of a project, then a one-line verdict.

use std::path::Path;
use std::process::ExitCode;

use super::CheckArgs;
use super::outln;
use crate::content::calendar::parse_date;
use crate::error::Error;

pub fn run(config: &Path, args: CheckArgs) -> Result<ExitCode, Error> {
    let as_of = args
        .today
        .as_deref()
        .map(parse_date)
        .transpose()
        .map_err(Error::Usage)?;
    let outcome = crate::check::check(config, as_of)?;
    let d = &outcome.diagnostics;
    if !d.0.is_empty() {
        eprintln!("{d}");
    }
    let errors = d.error_count();
    let warnings = d.warnings().count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors > 0 || (args.strict && warnings > 0) {
        let strict = if errors == 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        };
        eprintln!(
            "{}, {}{strict}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        return Ok(ExitCode::FAILURE);
    }
    for note in &outcome.notes {
        outln!("note: {note}");
    }
    outln!(
        "checked {}, {} and {}: no errors, {}",
        plural(outcome.guides, "guide"),
        config.display(),
        plural(outcome.templates, "template override"),
        plural(warnings, "warning"),
    );
    Ok(ExitCode::SUCCESS)
}
