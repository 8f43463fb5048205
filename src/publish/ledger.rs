//! `published.txt` on disk: read it, make sure it belongs to this project, and add the days a
//! build or a send publishes, under a lock and by atomic replace, so two processes at once can
//! never lose a day or leave half a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::calendar::week_start;
use crate::content::project::Project;
use crate::content::schedule::Schedule;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::lock::FileLock;
use crate::publish::build::Plan;
use crate::rotation::Rotation;
use crate::rotation::effects::Contradiction;
use crate::rotation::ledger::{FILE, Ledger, Withdrawal};

/// Where the project's ledger is: next to schedule.toml.
pub fn path(project: &Project) -> PathBuf {
    project.path(Path::new(FILE))
}

/// The last day a build shows anywhere, which it publishes with every day before it; `None`
/// for `--context`, which shows the model and publishes nothing.
pub fn through(plan: &Plan, schedule: &Schedule) -> Option<NaiveDate> {
    let week_end = |d: NaiveDate| week_start(d, schedule.week_starts) + chrono::Days::new(6);
    match plan {
        Plan::Context { .. } => None,
        Plan::Print { date, week, .. } => Some(if *week { week_end(*date) } else { *date }),
        Plan::PrintFile(selection) | Plan::Files { selection, .. } => {
            Some(selection.last_date(schedule.week_starts))
        }
        Plan::Site { to, .. } => Some(week_end(*to)),
    }
}

/// The folders whose guides show that days were published before: the public output folder
/// and the one this build writes to.
pub fn outputs(project: &Project, plan: &Plan) -> Vec<PathBuf> {
    let mut dirs = vec![project.path(&project.schedule.output.dir)];
    if let Plan::Files { out, .. } | Plan::Site { out, .. } = plan {
        dirs.push(out.clone());
    }
    dirs
}

/// Whether `dir` holds guides built before: the trace a lost ledger leaves.
fn holds_outputs(dir: &Path) -> bool {
    ["days", "weeks"].iter().any(|name| dir.join(name).is_dir())
        || ["calendar.ics", "feed.xml", "index.html"]
            .iter()
            .any(|name| dir.join(name).is_file())
}

/// Reads the project's ledger. A missing file is an empty ledger, unless one of `outputs` holds
/// guides built before (then days were published and their record is lost: an error, never a
/// silent reshuffle). `adopt` accepts that and starts a new ledger.
pub fn load(project: &Project, outputs: &[PathBuf], adopt: bool) -> Result<Ledger, Error> {
    let file = path(project);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !adopt && let Some(dir) = outputs.iter().find(|d| holds_outputs(d)) {
                return Err(Error::Usage(format!(
                    "{} is missing, but {} holds guides built before: the record of what was \
                     published is gone, and building now could change days people have already \
                     prayed with.\n  help: if it was committed, restore it (`git checkout -- {FILE}`); \
                     if this project never had one (it is older than the ledger), run \
                     `prayer-guide publish --adopt` to record every day up to today as the guides \
                     show it now",
                    file.display(),
                    dir.display()
                )));
            }
            return Ok(Ledger::new(project.schedule.start));
        }
        Err(e) => return Err(Error::io("read", &file, e)),
    };
    let ledger = Ledger::parse(&text, &file)?;
    if ledger.start != project.schedule.start {
        return Err(Error::Invalid(Diagnostics(vec![
            Diagnostic::error(
                &file,
                format!(
                    "this ledger is for a rotation that starts on {}, but schedule.toml's `start` is {}",
                    ledger.start, project.schedule.start
                ),
            )
            .help(format!(
                "the ledger belongs to another project, or `start` was changed: put back \
                 `start = {}` (changing it would move every published day), or move {FILE} away \
                 if it came from another project",
                ledger.start
            )),
        ])));
    }
    Ok(ledger)
}

/// The lock beside the project's state (the `state/` folder, never committed).
fn lock(project: &Project) -> Result<FileLock, Error> {
    let database = project.path(&project.schedule.email.database);
    let dir = database.parent().unwrap_or(&project.root).to_path_buf();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    FileLock::acquire(&dir.join("ledger.lock"))
}

/// The schedule's contradictions as diagnostics in schedule.toml.
pub fn diagnostics(project: &Project, found: &[Contradiction]) -> Diagnostics {
    let file = &project.schedule_file;
    Diagnostics(
        found
            .iter()
            .map(|c| {
                let d = file.error_in_item("pin", c.pin, c.key, c.message.clone());
                let d = if c.error {
                    d
                } else {
                    Diagnostic {
                        severity: crate::error::Severity::Warning,
                        ..d
                    }
                };
                d.help(c.help.clone())
            })
            .collect(),
    )
}

/// Records every day up to `through` (and up to `today`, which is published whether built or
/// not) as the rotation shows it now, and returns the ledger. Refuses a schedule whose pins
/// contradict each other. The file is only rewritten when something changed.
pub fn publish_through(
    project: &Project,
    through: NaiveDate,
    today: NaiveDate,
    outputs: &[PathBuf],
    adopt: bool,
) -> Result<Ledger, Error> {
    let _lock = lock(project)?;
    // Read again under the lock: another build may have published days since.
    let ledger = load(project, outputs, adopt)?;
    let rotation = Rotation::new(&project.catalog, &project.schedule, &ledger);
    let found = rotation.contradictions()?;
    if found.iter().any(|c| c.error) {
        let d = diagnostics(project, &found);
        return Err(Error::Invalid(Diagnostics(
            d.0.into_iter().filter(Diagnostic::is_error).collect(),
        )));
    }
    let through = through.max(today);
    if through < project.schedule.start {
        return Ok(ledger);
    }
    let updated = rotation.record_through(through)?;
    drop(rotation);
    if updated != ledger {
        write(&path(project), &updated.to_text())?;
    }
    Ok(updated)
}

/// Takes a guide or a point out of the rotation and off every page rebuilt, and its texts out
/// of the ledger. Returns false when it was withdrawn already.
pub fn withdraw(project: &Project, what: Withdrawal) -> Result<bool, Error> {
    let _lock = lock(project)?;
    let mut ledger = load(project, &[], true)?;
    let new = ledger.withdraw(what);
    write(&path(project), &ledger.to_text())?;
    Ok(new)
}

/// Replaces `path` with `text` atomically: a temporary file beside it, synced, then renamed.
fn write(path: &Path, text: &str) -> Result<(), Error> {
    use std::io::Write as _;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io("write", &tmp, e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("write", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io("write", path, e))
}
