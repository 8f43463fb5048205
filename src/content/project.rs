//! A project: `schedule.toml` and the guides it names, loaded and checked together.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::guide::Catalog;
use crate::content::locale::{Language, Locale};
use crate::content::schedule::{Order, Schedule, notes_problem};
use crate::content::source::SourceFile;
use crate::content::translation::Translations;
use crate::error::{Diagnostic, Diagnostics, Error};

/// The file name the CLI looks for in the current directory.
pub const SCHEDULE_FILE: &str = "schedule.toml";

/// Everything a build needs, validated.
#[derive(Debug, Clone)]
pub struct Project {
    /// The directory holding schedule.toml; relative paths in it are taken from here.
    pub root: PathBuf,
    pub schedule_file: SourceFile,
    pub schedule: Schedule,
    pub catalog: Catalog,
    /// The guides' translations, `guides/<tag>/*.toml`.
    pub translations: Translations,
}

impl Project {
    /// Loads schedule.toml at `path` and every guide. All errors of all files come back together.
    pub fn load(path: &Path) -> Result<Project, Error> {
        if path.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a folder: pass the project's schedule file, --config {}",
                path.display(),
                path.join(SCHEDULE_FILE).display()
            )));
        }
        let mut diagnostics = Diagnostics::default();
        let schedule_file = match read_schedule(path) {
            Ok(file) => Some(file),
            // A schedule that is not UTF-8 does not stop the check of the guides.
            Err(Error::Invalid(d)) => {
                diagnostics.extend(d);
                None
            }
            Err(e) => return Err(e),
        };
        Self::load_with(path, schedule_file, diagnostics)
    }

    fn load_with(
        path: &Path,
        schedule_file: Option<SourceFile>,
        mut diagnostics: Diagnostics,
    ) -> Result<Project, Error> {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut schedule = schedule_file
            .as_ref()
            .and_then(|file| Schedule::parse(file, &mut diagnostics));
        if let (Some(schedule), Some(file)) = (&mut schedule, &schedule_file) {
            read_notes(schedule, file, &root, &mut diagnostics);
        }
        let guides_dir = root.join(schedule.as_ref().map_or(Path::new("guides"), |s| &s.guides));
        let catalog = Catalog::load(&guides_dir, &mut diagnostics)?;
        let translations = Translations::load(&guides_dir, &catalog, &mut diagnostics)?;
        if let (Some(schedule), Some(file)) = (&schedule, &schedule_file) {
            cross_check(schedule, file, &catalog, &mut diagnostics);
            crate::content::multilingual::language_checks(
                schedule,
                file,
                &root.join(&schedule.locales),
                &mut diagnostics,
            );
            if let Some(problem) = private_files_in(
                &root.join(&schedule.output.dir),
                &root,
                path,
                schedule,
                false,
            ) {
                diagnostics.push(
                    file.error_at(Some("output"), "dir", problem).help(
                        "publish into a folder of its own that holds nothing else, e.g. dir = \"public\"",
                    ),
                );
            }
        }
        match (schedule, schedule_file) {
            (Some(schedule), Some(schedule_file)) if !diagnostics.has_errors() => Ok(Project {
                root,
                schedule_file,
                schedule,
                catalog,
                translations,
            }),
            _ => Err(Error::Invalid(diagnostics.sorted())),
        }
    }

    /// The labels, dates and numbers of `language`, with the project's `locales/` files over
    /// the built-in ones. Warnings say what falls back to English; a malformed file is an error.
    pub fn locale(&self, language: &Language) -> Result<(Arc<Locale>, Diagnostics), Error> {
        let (locale, warnings) = Locale::load(language, Some(&self.path(&self.schedule.locales)))?;
        Ok((Arc::new(locale), warnings))
    }

    /// A path from schedule.toml, taken relative to the project.
    pub fn path(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }

    /// Why `out` must not be an output folder, if it must not: it is, or holds, a private file
    /// of the project. See [`private_files_in`]; a private build (`private`) belongs in
    /// `private_dir`, so that one is allowed to it.
    pub fn unsafe_output(&self, out: &Path, private: bool) -> Option<String> {
        private_files_in(
            out,
            &self.root,
            &self.schedule_file.path,
            &self.schedule,
            private,
        )
    }
}

/// What private `out` is or holds, if anything: the project folder, schedule.toml, the state
/// folder, the database, `private_dir`. Everything in an output folder is given out (`serve`
/// answers for it, a copy uploads it), so none of these may be in one. Judged on the paths with
/// symbolic links resolved, so a link to the project is seen through.
pub fn private_files_in(
    out: &Path,
    root: &Path,
    schedule: &Path,
    s: &Schedule,
    private_build: bool,
) -> Option<String> {
    let database = root.join(&s.email.database);
    let state = database.parent().unwrap_or(root).to_path_buf();
    let written = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let private = [
        ("the project folder".to_string(), root.to_path_buf()),
        (format!("`{}`", written(schedule)), schedule.to_path_buf()),
        (
            format!("the state folder `{}`", written(&state)),
            state.clone(),
        ),
        (
            format!("the database `{}`", written(&database)),
            database.clone(),
        ),
        (
            format!("`private_dir` `{}`", s.output.private_dir.display()),
            root.join(&s.output.private_dir),
        ),
    ];
    let folder = resolved(out);
    let checked = if private_build {
        &private[..4]
    } else {
        &private[..]
    };
    let held: Vec<&str> = checked
        .iter()
        .filter(|(_, path)| resolved(path).starts_with(&folder))
        .map(|(what, _)| what.as_str())
        .collect();
    let list = match held.as_slice() {
        [] => return None,
        [one] => one.to_string(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    };
    Some(format!(
        "the output folder `{}` holds {list}; everything in an output folder is given out \
         (`serve` answers for any file in it)",
        out.strip_prefix(root).unwrap_or(out).display()
    ))
}

/// `path` absolute, with symbolic links resolved as far as it exists: the path need not exist
/// yet (`.` and `..` in the part that does not are taken away as written).
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = if path.as_os_str().is_empty() {
        std::env::current_dir().unwrap_or_default()
    } else {
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let mut existing = clean.as_path();
    let mut missing = Vec::new();
    let mut out = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    out.extend(missing.iter().rev());
    out
}

/// Reads schedule.toml; a missing file is a usage error that says what to do.
fn read_schedule(path: &Path) -> Result<SourceFile, Error> {
    SourceFile::read(path).map_err(|e| match e {
        // Only the default path is "this folder's" file; a path someone typed is named.
        Error::Io { source, .. }
            if source.kind() == std::io::ErrorKind::NotFound
                && path == Path::new(SCHEDULE_FILE) =>
        {
            Error::Usage(format!(
                "no {SCHEDULE_FILE} in this folder: run prayer-guide in a project folder, pass \
                     --config PATH, or create a project with `prayer-guide init DIR`"
            ))
        }
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            Error::Usage(format!(
                "{} does not exist: check the path given to --config (relative to the \
                     current folder), or create a project with `prayer-guide init DIR`",
                path.display()
            ))
        }
        other => other,
    })
}

/// Reads `notes_file` into `notes`, so that everything downstream sees one text.
fn read_notes(schedule: &mut Schedule, file: &SourceFile, root: &Path, out: &mut Diagnostics) {
    let Some(name) = &schedule.output.notes_file else {
        return;
    };
    let path = root.join(name);
    match crate::content::source::read_text(&path) {
        Ok(text) => {
            if let Some(problem) = notes_problem(&text) {
                out.push(
                    Diagnostic::error(&path, problem)
                        .help("shorten the notes; longer news belongs in a notice of its own"),
                );
            }
            schedule.output.notes = Some(text);
        }
        Err(Error::Io { source: e, .. }) => out.push(
            file.error_at(
                Some("output"),
                "notes_file",
                format!("cannot read {}: {e}", path.display()),
            )
            .help("the path is relative to schedule.toml; or write the text in `notes = \"...\"`"),
        ),
        Err(Error::Invalid(d)) => out.extend(d),
        Err(e) => out.push(Diagnostic::error(&path, e.to_string())),
    }
}

/// Checks the schedule's references to guides: every code and region it names must exist.
fn cross_check(schedule: &Schedule, file: &SourceFile, catalog: &Catalog, out: &mut Diagnostics) {
    let known = |code: &str| catalog.by_code(code).is_some();
    let mut seen = HashSet::new();
    for code in &schedule.rotation.countries {
        if !known(code) {
            let draft = catalog.drafts.iter().any(|d| d.guide.code == *code);
            let (message, help) = if draft {
                (
                    format!("the guide with the code `{code}` is a draft"),
                    "set `reviewed` in it once an editor has checked it, or leave it out of the list",
                )
            } else {
                (
                    format!("no guide has the code `{code}`"),
                    "use the `code` of a file in the guides folder, e.g. \"NG\"",
                )
            };
            out.push(
                file.error_at(Some("rotation"), "countries", message)
                    .help(help),
            );
        }
        if !seen.insert(code) {
            out.push(
                file.error_at(
                    Some("rotation"),
                    "countries",
                    format!("`{code}` is listed twice"),
                )
                .help("list each country once; use days_per_country for longer visits"),
            );
        }
    }
    if schedule.rotation.order == Order::ByRegion {
        let regions: HashSet<&str> = catalog.guides().map(|g| g.region.as_str()).collect();
        for region in &schedule.rotation.regions {
            if !regions.contains(region.as_str()) {
                let mut known: Vec<_> = regions.iter().copied().collect();
                known.sort();
                out.push(
                    file.error_at(
                        Some("rotation"),
                        "regions",
                        format!("no guide is in the region `{region}`"),
                    )
                    .help(format!("regions in the guides: {}", known.join(", "))),
                );
            }
        }
    }
    for (i, pin) in schedule.pins.iter().enumerate() {
        if let Some(code) = &pin.country
            && !known(code)
        {
            out.push(
                file.error_in_item(
                    "pin",
                    i,
                    "country",
                    format!("pin {}: no guide has the code `{code}`", i + 1),
                )
                .help("use the `code` of a file in the guides folder"),
            );
        }
    }
    if !catalog.is_empty() && !catalog.guides().any(|g| g.active_on(schedule.start)) {
        out.push(
            file.error_at(
                None,
                "start",
                "no guide is in the rotation on the start date".to_string(),
            )
            .help("move `start` to or after the earliest `since` date of a guide"),
        );
    }
}
