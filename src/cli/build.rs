//! `build`: render days, weeks and the site, and write them.

use std::path::Path;
use std::process::ExitCode;

use super::{BuildArgs, outln, print_out};
use crate::content::calendar::today;
use crate::content::project::Project;
use crate::error::Error;
use crate::publish::assemble::Assembler;
use crate::publish::build::{self, Outcome, Request};
use crate::publish::render::Renderer;

pub fn run(config: &Path, args: BuildArgs) -> Result<ExitCode, Error> {
    run_counted(config, args)?;
    Ok(ExitCode::SUCCESS)
}

/// What a build changed in one folder.
#[derive(Debug, Clone, Default)]
pub(super) struct Counts {
    /// Files written that were not already up to date.
    pub changed: usize,
    /// Files removed: stale ones, and private ones in a public folder.
    pub removed: usize,
    /// Stale files left because they were edited by hand.
    pub edited: usize,
}

/// Builds as `args` ask, reports, and returns what changed in each folder written.
pub(super) fn run_counted(config: &Path, args: BuildArgs) -> Result<Vec<Counts>, Error> {
    let project = Project::load(config)?;
    let languages = match args.language.as_slice() {
        [] => vec![project.schedule.language.clone()],
        list => list.to_vec(),
    };
    if languages.len() > 1 && (args.stdout || args.context) {
        return Err(Error::Usage(
            "--stdout and --context print one guide: give one --language".into(),
        ));
    }
    let request = Request {
        date: args.date,
        from: args.from,
        to: args.to,
        week: args.week,
        day: args.day,
        formats: args.format,
        out: args.out,
        stdout: args.stdout,
        context: args.context,
        paper: args.paper,
        large: args.large,
        private: args.private,
        site: args.site,
        language: None,
    };
    let today = today(&project.schedule.timezone);
    let plan = request.plan(&project, today)?;
    // Every day a build shows is published: recorded in the ledger, never to change. The days
    // are the same in every language, so the first plan decides.
    let outputs = crate::publish::ledger::outputs(&project, &plan);
    let ledger = match crate::publish::ledger::through(&plan, &project.schedule) {
        Some(through) => {
            crate::publish::ledger::publish_through(&project, through, today, &outputs, false)?
        }
        None => crate::publish::ledger::load(&project, &outputs, false)?,
    };
    let mut counts = Vec::new();
    if request.private {
        eprintln!("note: --private includes restricted points; do not publish these files");
    }
    for language in languages {
        let request = Request {
            language: Some(language.clone()),
            ..request.clone()
        };
        let plan = request.plan(&project, today)?;
        let (locale, warnings) = project.locale(&language)?;
        for warning in &warnings.0 {
            eprintln!("{warning}");
        }
        if language != project.schedule.guides_language {
            let coverage = project.translations.coverage(&language, &project.catalog);
            for warning in &coverage.warnings(&project.schedule.guides_language).0 {
                eprintln!("{warning}");
            }
        }
        let assembler = Assembler::new(
            &project.catalog,
            &project.schedule,
            &ledger,
            request.audience(),
        )
        .with_locale(locale.clone(), &project.translations);
        let mut renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
        renderer.add_locale(locale);
        if let build::Plan::Files { out, .. } | build::Plan::Site { out, .. } = &plan {
            remember(&project, out);
        }
        for warning in build::print_warnings(&plan, &assembler)? {
            eprintln!("{warning}");
        }
        counts.extend(report(build::run(&plan, &assembler, &renderer)?)?);
    }
    Ok(counts)
}

/// Adds `out` to the folders `withdraw` rebuilds. Failing to is worth a warning, not the build.
fn remember(project: &Project, out: &Path) {
    if let Err(e) = crate::publish::folders::remember(project, out) {
        eprintln!(
            "warning: could not add {} to {}: {e}\n  help: `withdraw` will not list this folder; \
             rebuild it yourself after a withdrawal",
            out.display(),
            crate::publish::folders::path(project).display()
        );
    }
}

fn report(outcome: Outcome) -> Result<Option<Counts>, Error> {
    match outcome {
        Outcome::Printed(text) => {
            print_out(text)?;
            Ok(None)
        }
        Outcome::Wrote {
            out,
            written,
            removed,
            cleanup,
            notices,
        } => {
            for warning in &cleanup.warnings {
                eprintln!("{warning}");
            }
            for file in &cleanup.removed {
                eprintln!(
                    "note: removed {}: an earlier build wrote it, and this one no longer does",
                    file.display()
                );
            }
            for file in &cleanup.edited {
                eprintln!(
                    "warning: {}: an earlier build wrote it and this one no longer does, but it \
                     was changed since, so it is left in place\n  help: delete it if it should \
                     go; builds leave it alone from now on",
                    file.display()
                );
            }
            for notice in &notices {
                eprintln!("{notice}");
            }
            for file in &removed {
                eprintln!(
                    "note: removed {}: a private file left by an earlier --private build",
                    file.display()
                );
            }
            let files = &written.files;
            if files.len() <= 12 {
                for f in files {
                    outln!("wrote {}", f.display());
                }
            } else {
                let unchanged = match written.unchanged {
                    0 => String::new(),
                    n => format!(" ({n} already up to date)"),
                };
                outln!(
                    "wrote {} files to {}{unchanged}",
                    files.len(),
                    out.display()
                );
            }
            Ok(Some(Counts {
                changed: files.len() - written.unchanged,
                removed: removed.len() + cleanup.removed.len(),
                edited: cleanup.edited.len(),
            }))
        }
    }
}
