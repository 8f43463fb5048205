//! `templates`: the built-in templates, listed, printed, or copied into the project to change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{TemplatesArgs, outln, write_out};
use crate::content::schedule::Schedule;
use crate::content::source::SourceFile;
use crate::error::{Diagnostics, Error, did_you_mean};
use crate::publish::render::{BUILTIN, builtin};

pub fn run(config: &Path, args: TemplatesArgs) -> Result<ExitCode, Error> {
    let dir = templates_dir(config);
    let Some(name) = args.name else {
        let width = BUILTIN.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        for (name, _) in BUILTIN {
            match dir.as_ref().map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => outln!("{name:width$}  replaced by {}", path.display()),
                None => outln!("{name}"),
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let Some(text) = builtin(&name) else {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        let hint = match did_you_mean(&name, &names) {
            Some(right) => format!("did you mean {right}? "),
            None => String::new(),
        };
        return Err(Error::Usage(format!(
            "no built-in template is called {name}: {hint}`prayer-guide templates` lists them"
        )));
    };
    if !args.copy {
        write_out(text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(dir) = dir else {
        return Err(Error::Usage(format!(
            "no {} here to copy the template into: run it in a project folder, or pass --config PATH",
            config.display()
        )));
    };
    let path = dir.join(&name);
    if path.exists() {
        return Err(Error::Usage(format!(
            "{} already exists: nothing was changed",
            path.display()
        )));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
    outln!(
        "created {}: it now replaces the built-in {name}; `prayer-guide check` renders it",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The project's templates folder (`templates` in schedule.toml), when there is a project.
fn templates_dir(config: &Path) -> Option<PathBuf> {
    let file = SourceFile::read(config).ok()?;
    let root = config.parent().unwrap_or(Path::new(""));
    // A schedule with mistakes still names its folder; `check` reports the mistakes.
    let folder = Schedule::parse(&file, &mut Diagnostics::default())
        .map_or_else(|| PathBuf::from("templates"), |s| s.templates);
    Some(root.join(folder))
}
