//! `withdraw`: a guide or a point out of the rotation and off every rebuilt page.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{WithdrawArgs, outln};
use crate::content::project::{Project, SCHEDULE_FILE};
use crate::error::Error;
use crate::rotation::ledger::{PointId, Withdrawal};

pub fn run(config: &Path, args: WithdrawArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let code = args.code.trim().to_uppercase();
    let outputs = [project.path(&project.schedule.output.dir)];
    let ledger = crate::publish::ledger::load(&project, &outputs, false)?;
    let guide = project
        .catalog
        .by_code(&code)
        .map(|g| &project.catalog.entries[g]);
    let in_ledger = ledger.texts.keys().any(|(c, _)| *c == code);
    if guide.is_none() && !in_ledger {
        return Err(Error::Usage(format!(
            "no guide has the code `{code}`, and published.txt shows none: give the `code` of a \
             file in the guides folder"
        )));
    }
    let name = guide.map_or(code.clone(), |g| format!("{} ({code})", g.guide.name));
    let (what, said) = match args.point.as_deref() {
        None => (Withdrawal::Guide(code.clone()), name.clone()),
        Some(point) => {
            let by_number = point
                .parse::<usize>()
                .ok()
                .filter(|n| point.len() < 8 && *n > 0);
            let id = match (by_number, guide) {
                (Some(n), Some(g)) => {
                    let p = g.guide.points.get(n - 1).ok_or_else(|| {
                        Error::Usage(format!(
                            "{name} has {} points: --point takes 1 to {}",
                            g.guide.points.len(),
                            g.guide.points.len()
                        ))
                    })?;
                    PointId::of(&p.text)
                }
                _ => {
                    let id = u32::from_str_radix(point, 16)
                        .ok()
                        .filter(|_| point.len() == 8)
                        .map(PointId)
                        .ok_or_else(|| {
                            Error::Usage(format!(
                                "`{point}` is neither a point's number in {name} nor an id of \
                                 eight hex digits from published.txt"
                            ))
                        })?;
                    let known = ledger.texts.contains_key(&(code.clone(), id))
                        || guide.is_some_and(|g| {
                            g.guide.points.iter().any(|p| PointId::of(&p.text) == id)
                        });
                    if !known {
                        return Err(Error::Usage(format!(
                            "{name} has no point {id}, now or in published.txt"
                        )));
                    }
                    id
                }
            };
            (
                Withdrawal::Point(code.clone(), id),
                format!("point {id} of {name}"),
            )
        }
    };
    let new = crate::publish::ledger::withdraw(&project, what)?;
    if new {
        outln!(
            "withdrew {said}: it leaves every unpublished day now, and every page rebuilt no \
             longer shows it, published days included."
        );
    } else {
        outln!("{said} was withdrawn already.");
    }
    let folders = rebuilds(config, &project)?;
    if folders.is_empty() {
        outln!(
            "No output folder is recorded in {} (builds record the folders they write to). \
             Rebuild what you have published so the files change too, e.g. `prayer-guide build \
             --site --from {} --to {}`.",
            crate::publish::folders::path(&project).display(),
            project.schedule.start,
            ledger.last().unwrap_or(project.schedule.start)
        );
    } else if args.rebuild {
        return rebuild(config, &folders);
    } else {
        outln!(
            "The files already built still show it. Rebuild every folder built into (or run this \
             again with --rebuild):"
        );
        for (folder, commands) in &folders {
            outln!("  {}:", folder.display());
            for command in commands {
                outln!("    {}", shell_line(command));
            }
        }
    }
    outln!("{ELSEWHERE}");
    Ok(ExitCode::SUCCESS)
}

/// What no folder list can reach.
const ELSEWHERE: &str = "Copies made elsewhere (a folder uploaded to a web server, files sent \
                         on) are not known here: upload or send them again once rebuilt.";

/// An output folder, and the commands that rebuild it (arguments after the program's name).
type Folder = (PathBuf, Vec<Vec<String>>);

/// Every known output folder with the commands that rebuild it. Folders that no longer exist
/// are said and taken off the list.
fn rebuilds(config: &Path, project: &Project) -> Result<Vec<Folder>, Error> {
    use crate::publish::{folders, manifest};
    let today = crate::content::calendar::today(&project.schedule.timezone);
    let mut gone = Vec::new();
    let mut found = Vec::new();
    for known in folders::known(project)? {
        if !known.path.is_dir() {
            eprintln!(
                "note: {} no longer exists: taken off the list of output folders",
                known.path.display()
            );
            gone.push(known);
            continue;
        }
        let (record, warning) = manifest::read(&known.path);
        if let Some(warning) = warning {
            eprintln!("{warning}");
        }
        if record.builds.is_empty() {
            eprintln!(
                "warning: {} has no record of how it was built ({}): rebuild it yourself",
                known.path.display(),
                manifest::FILE
            );
            continue;
        }
        let out = known.path.to_string_lossy();
        let mut commands = Vec::new();
        for build in &record.builds {
            for args in build.commands(&out, project.schedule.language.as_str(), today) {
                let mut command = Vec::new();
                if config != Path::new(SCHEDULE_FILE) {
                    command.extend(["--config".to_string(), config.to_string_lossy().into()]);
                }
                command.extend(args);
                commands.push(command);
            }
        }
        found.push((known.path, commands));
    }
    folders::forget(project, &gone)?;
    Ok(found)
}

/// Runs the rebuilds, folder by folder, through the same code as `build`; a folder that fails
/// does not stop the others.
fn rebuild(config: &Path, folders: &[Folder]) -> Result<ExitCode, Error> {
    let mut summary = Vec::new();
    let mut failed = 0;
    for (folder, commands) in folders {
        let mut counts = super::build::Counts::default();
        let mut ok = true;
        for command in commands {
            outln!("rebuilding {}: {}", folder.display(), shell_line(command));
            let argv = std::iter::once("prayer-guide".to_string()).chain(command.iter().cloned());
            let result = match <super::Cli as clap::Parser>::try_parse_from(argv) {
                Ok(super::Cli {
                    command: super::Command::Build(args),
                    ..
                }) => super::build::run_counted(config, args),
                Ok(_) => unreachable!("a rebuild is a build"),
                Err(e) => Err(Error::Usage(format!("the rebuild's command is wrong: {e}"))),
            };
            match result {
                Ok(done) => {
                    for c in done {
                        counts.changed += c.changed;
                        counts.removed += c.removed;
                        counts.edited += c.edited;
                    }
                }
                Err(e) => {
                    eprintln!("error: rebuilding {}: {e}", folder.display());
                    ok = false;
                }
            }
        }
        if ok {
            let edited = match counts.edited {
                0 => String::new(),
                n => format!(", {n} edited by hand left in place"),
            };
            summary.push(format!(
                "{}: {} changed, {} removed{edited}",
                folder.display(),
                files(counts.changed),
                counts.removed
            ));
        } else {
            failed += 1;
            summary.push(format!("{}: failed (see above)", folder.display()));
        }
    }
    outln!(
        "rebuilt {} of {}: {}",
        folders.len() - failed,
        match folders.len() {
            1 => "1 folder".to_string(),
            n => format!("{n} folders"),
        },
        summary.join("; ")
    );
    outln!("{ELSEWHERE}");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn files(n: usize) -> String {
    match n {
        1 => "1 file".into(),
        n => format!("{n} files"),
    }
}

/// A command as it is typed: `prayer-guide` and the arguments, quoted for a POSIX shell where
/// they need it.
fn shell_line(args: &[String]) -> String {
    let quote = |a: &String| {
        if !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-,:=@+".contains(c))
        {
            a.clone()
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        }
    };
    std::iter::once("prayer-guide".to_string())
        .chain(args.iter().map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}
