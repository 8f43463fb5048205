//! `build`: render days, weeks and the site, and write them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{BuildArgs, outln, print_out};
use crate::content::calendar::today;
use crate::content::locale::Language;
use crate::content::project::Project;
use crate::error::Error;
use crate::publish::assemble::Assembler;
use crate::publish::build::{self, Outcome, Plan, Request};
use crate::publish::ledger;
use crate::publish::render::Renderer;
use crate::rotation::frozen;
use crate::rotation::ledger::Ledger;

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
        preview: args.preview,
        paper: args.paper,
        large: args.large,
        private: args.private,
        site: args.site,
        language: None,
    };
    let today = match args.today.as_deref() {
        Some(day) => crate::content::calendar::parse_date(day)
            .map_err(|e| Error::Usage(format!("--today: {e}")))?,
        None => today(&project.schedule.timezone),
    };
    let plan = request.plan(&project, today)?;
    // A build that writes files gives them out: it holds the ledger's lock from reading it to
    // recording the days written, so that what is recorded is what was written. A preview
    // only reads the ledger.
    let outputs = ledger::outputs(&project, &plan);
    let publishes = !request.preview && matches!(plan, Plan::Files { .. } | Plan::Site { .. });
    let mut publishing = None;
    let read;
    let mut shows = None;
    let mut horizon = today;
    let ledger = if publishes {
        let mut p = ledger::Publishing::begin(&project, &outputs)?;
        let weeks = frozen::weeks(p.ledger(), &project.schedule);
        horizon = ledger::horizon(&project.schedule, &weeks, today);
        shows = ledger::through(&plan, &weeks);
        if let Some(shows) = shows {
            p.extend(shows.min(horizon), today)?;
        }
        publishing.insert(p).ledger()
    } else {
        read = ledger::load(&project, &outputs, false)?;
        &read
    };
    ledger::require_guides(&project, ledger)?;
    if request.private {
        eprintln!("note: --private includes restricted points; do not publish these files");
    }
    let mut wrote_any = false;
    let several = languages.len() > 1;
    // A language that fails (a PDF whose script no installed font has, a full disk) does not
    // stop the others: what was not written is gathered and said at the end.
    let mut unwritten: Vec<(PathBuf, String)> = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    let mut failed_languages: Vec<String> = Vec::new();
    let mut other_error = None;
    let mut outcomes = Vec::new();
    for language in languages {
        let request = Request {
            language: Some(language.clone()),
            ..request.clone()
        };
        match build_language(&project, ledger, &request, &language, today) {
            Ok(outcome) => {
                if let Outcome::Wrote {
                    written: w, failed, ..
                } = &outcome
                {
                    wrote_any |= !w.files.is_empty();
                    written.extend(w.files.iter().cloned());
                    unwritten.extend(failed.iter().cloned());
                }
                outcomes.push(outcome);
            }
            Err(Error::Unfinished { written: w, failed }) => {
                // Some files were written: they are given out, the rest is reported.
                wrote_any |= !w.is_empty();
                written.extend(w);
                unwritten.extend(failed);
            }
            Err(e) if several => {
                eprintln!("error: --language {language}: {e}");
                failed_languages.push(language.to_string());
            }
            Err(e) => other_error = Some(e),
        }
    }
    // Days count as published once their files are written: a build that wrote nothing (a
    // read-only folder, a kill before the first file) publishes nothing.
    if let (Some(publishing), Some(shows), true) = (&publishing, shows, wrote_any) {
        publishing.commit()?;
        if shows > horizon && !matches!(plan, Plan::Site { .. }) && announces_days(&plan, horizon) {
            eprintln!(
                "note: days after {horizon} are written as announced, not published: they may \
                 still change (`ahead_days` in schedule.toml's [publish] is {})",
                project.schedule.publish.ahead_days
            );
        }
    }
    // Said once the ledger has the days, so that a reader who stops early loses no record.
    let mut counts = Vec::new();
    for outcome in outcomes {
        counts.extend(report(outcome)?);
    }
    if let Some(e) = other_error {
        return Err(e);
    }
    if !unwritten.is_empty() {
        if !failed_languages.is_empty() {
            eprintln!(
                "error: not built at all (said above): {}",
                failed_languages.join(", ")
            );
        }
        return Err(Error::Unfinished {
            written,
            failed: unwritten,
        });
    }
    if !failed_languages.is_empty() {
        return Err(Error::Usage(format!(
            "{} not built (said above); the other languages were",
            failed_languages.join(", ")
        )));
    }
    Ok(counts)
}

/// Renders and writes one language's files of `request`.
fn build_language(
    project: &Project,
    ledger: &Ledger,
    request: &Request,
    language: &Language,
    today: chrono::NaiveDate,
) -> Result<Outcome, Error> {
    let plan = request.plan(project, today)?;
    let (labels, warnings) = crate::publish::labels::load(project, ledger, language)?;
    let locale = labels.current().clone();
    for warning in &warnings.0 {
        eprintln!("{warning}");
    }
    if *language != project.schedule.guides_language {
        let coverage = project.translations.coverage(language, &project.catalog);
        for warning in &coverage.warnings(&project.schedule.guides_language).0 {
            eprintln!("{warning}");
        }
    }
    let assembler = Assembler::new(
        &project.catalog,
        &project.schedule,
        ledger,
        request.audience(),
    )
    .with_locale(locale, &project.translations)
    .with_frozen_labels(labels.clone())
    .with_alerts(crate::content::alerts::load_usable(
        &project.root,
        &project.catalog,
    ));
    let mut renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
    renderer.add_frozen_labels(labels);
    if let Plan::Files { out, .. } | Plan::Site { out, .. } = &plan {
        remember(project, out);
    }
    for warning in build::print_warnings(&plan, &assembler)? {
        eprintln!("{warning}");
    }
    let waiting = |out: &Path, holder: &str| {
        eprintln!(
            "note: another build (process {holder}) is writing {}: waiting for it to finish",
            out.display()
        );
    };
    build::run(&plan, &assembler, &renderer, &waiting)
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

/// Whether `plan` writes a day page or a week sheet of a day after `horizon` (a calendar that
/// runs further ahead says so in its events, and needs no note).
fn announces_days(plan: &Plan, horizon: chrono::NaiveDate) -> bool {
    match plan {
        Plan::Files { selection, .. } => selection
            .days
            .iter()
            .chain(&selection.weeks)
            .any(|d| *d > horizon),
        _ => false,
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
            failed: _,
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
