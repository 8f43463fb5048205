//! The output folders a project has built into, listed in `output-folders.txt` in its `state/`
//! folder (beside the database, never committed), so that `withdraw` can name every copy of a
//! withdrawn guide and rebuild it. A folder inside the project is listed relative to it, any
//! other by its absolute path; one a line, sorted. Copies made elsewhere (a folder uploaded to
//! a server) cannot be known here.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::content::project::Project;
use crate::error::Error;
use crate::lock::FileLock;
use crate::publish::output::{self, Document};

/// The list's name inside the state folder.
pub const FILE: &str = "output-folders.txt";
const HEADER: &str =
    "# The output folders prayer-guide has built into, for `withdraw`; one a line.\n";

/// The project's state folder: where the database lives (`state/` unless moved).
pub fn state_dir(project: &Project) -> PathBuf {
    let database = project.path(&project.schedule.email.database);
    database.parent().unwrap_or(&project.root).to_path_buf()
}

/// Where the list is.
pub fn path(project: &Project) -> PathBuf {
    state_dir(project).join(FILE)
}

/// `path` made absolute (from the current folder) with `.` and `..` taken away; the path need
/// not exist.
pub fn normalized(path: &Path) -> PathBuf {
    let absolute = if path.as_os_str().is_empty() {
        std::env::current_dir().unwrap_or_default()
    } else {
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// An output folder the project knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// As the list writes it: `public`, `/srv/www/prayer`.
    pub entry: String,
    /// The folder, as a path from the current folder.
    pub path: PathBuf,
}

/// How `out` is listed: relative to the project when inside it.
fn entry(project: &Project, out: &Path) -> String {
    let out = normalized(out);
    let root = normalized(&project.root);
    match out.strip_prefix(&root) {
        Ok(inside) if inside.as_os_str().is_empty() => ".".into(),
        Ok(inside) => inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => out.to_string_lossy().into_owned(),
    }
}

fn read(project: &Project) -> Result<BTreeSet<String>, Error> {
    let file = path(project);
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(Error::io("read", &file, e)),
    }
}

fn write(project: &Project, entries: &BTreeSet<String>) -> Result<(), Error> {
    let mut text = HEADER.to_string();
    for e in entries {
        text.push_str(e);
        text.push('\n');
    }
    output::write(&state_dir(project), &[Document::text(FILE, text)]).map(|_| ())
}

fn lock(project: &Project) -> Result<FileLock, Error> {
    let dir = state_dir(project);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    FileLock::acquire(&dir.join("output-folders.lock"))
}

/// Adds `out` to the list, if it is not there yet.
pub fn remember(project: &Project, out: &Path) -> Result<(), Error> {
    let entry = entry(project, out);
    if read(project)?.contains(&entry) {
        return Ok(());
    }
    let _lock = lock(project)?;
    let mut entries = read(project)?;
    if entries.insert(entry) {
        write(project, &entries)?;
    }
    Ok(())
}

/// The folders on the list.
pub fn known(project: &Project) -> Result<Vec<Known>, Error> {
    Ok(read(project)?
        .into_iter()
        .map(|entry| {
            let path = if Path::new(&entry).is_absolute() {
                PathBuf::from(&entry)
            } else {
                project.path(Path::new(&entry))
            };
            Known { entry, path }
        })
        .collect())
}

/// Takes folders off the list.
pub fn forget(project: &Project, gone: &[Known]) -> Result<(), Error> {
    if gone.is_empty() {
        return Ok(());
    }
    let _lock = lock(project)?;
    let mut entries = read(project)?;
    for known in gone {
        entries.remove(&known.entry);
    }
    write(project, &entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_takes_away_dots() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(normalized(Path::new("")), here);
        assert_eq!(normalized(Path::new("./a/../b")), here.join("b"));
        assert_eq!(normalized(Path::new("/x/./y/../z")), PathBuf::from("/x/z"));
    }
}
