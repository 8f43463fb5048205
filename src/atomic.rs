//! Replacing a file atomically, the one way the program does it: the content goes to a
//! temporary file beside the target, which is renamed into place once complete, so a reader sees
//! the old file or the new one, never half of one. The temporary file's name is unique to the
//! process and the call (`.NAME.PID-N.part`), so two builds writing the same folder at once, or
//! two threads of one, never write into each other's; it is removed if anything fails.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;

/// How sure the new content must be to survive a power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Renamed into place; the kernel writes it to disk in its own time. For output that can be
    /// built again.
    Renamed,
    /// Written to disk before the rename: for a record that cannot be rebuilt (the ledger).
    Synced,
}

/// Tells the temporary files of one process apart.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces (or creates) `path` with `content`. The folder must exist.
pub fn write(path: &Path, content: &[u8], durability: Durability) -> Result<(), Error> {
    let tmp = temporary_path(path);
    let result = write_new(&tmp, content, durability)
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::io("write", path, e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_new(tmp: &Path, content: &[u8], durability: Durability) -> Result<(), Error> {
    // `create_new`: a name in use, however unlikely, is an error rather than a shared file.
    let mut file = std::fs::File::create_new(tmp).map_err(|e| Error::io("write", tmp, e))?;
    file.write_all(content)
        .and_then(|()| match durability {
            Durability::Synced => file.sync_all(),
            Durability::Renamed => Ok(()),
        })
        .map_err(|e| Error::io("write", tmp, e))
}

/// `.NAME.PID-N.part` beside `path`: hidden, and named for the process that writes it.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{n}.part", std::process::id()))
}

/// Whether `name` is one of [`write`]'s temporary files (of this or any other process).
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".part")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, b"one", Durability::Renamed).unwrap();
        write(&path, b"two", Durability::Synced).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
    }

    #[test]
    fn temporary_names_differ_for_every_write() {
        let path = Path::new("out/days/2027-01-01.html");
        let (a, b) = (temporary_path(path), temporary_path(path));
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with(".2027-01-01.html.") && is_temporary(name),
            "{name}"
        );
        assert!(name.contains(&std::process::id().to_string()), "{name}");
        assert!(!is_temporary("2027-01-01.html"));
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "").unwrap();
        let err = write(&path, b"text", Durability::Renamed).unwrap_err();
        assert!(err.to_string().contains("taken"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["taken"]);
    }
}
