//! Advisory file locks, released by the OS when the process ends (even by kill -9), so a lock
//! can never be left behind.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A held lock; dropping it releases the lock.
pub struct FileLock {
    _file: std::fs::File,
}

fn open(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| Error::io("open the lock file", path, e))
}

impl FileLock {
    /// Takes the lock at `path`, writing this process's id into it; `Err(pid)` of the holder when
    /// another process has it.
    pub fn try_acquire(path: &Path) -> Result<Result<FileLock, String>, Error> {
        let file = open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Ok(FileLock::held(file))),
            Err(std::fs::TryLockError::WouldBlock) => Ok(Err(holder_pid(path))),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io("lock", path, e)),
        }
    }

    /// Takes the lock at `path`, waiting for another process to let it go, and writes this
    /// process's id into it.
    pub fn acquire(path: &Path) -> Result<FileLock, Error> {
        let file = open(path)?;
        file.lock().map_err(|e| Error::io("lock", path, e))?;
        Ok(FileLock::held(file))
    }

    /// Takes the lock at `path`; when another process holds it, first calls `waiting` with that
    /// process's id (to say so), then waits for it.
    pub fn acquire_or_wait(path: &Path, waiting: impl FnOnce(&str)) -> Result<FileLock, Error> {
        match FileLock::try_acquire(path)? {
            Ok(lock) => Ok(lock),
            Err(holder) => {
                waiting(&holder);
                FileLock::acquire(path)
            }
        }
    }

    /// A lock just taken on `file`: the holder's id goes into it, for [`holder`](Self::holder).
    fn held(file: std::fs::File) -> FileLock {
        let mut f = &file;
        let _ = f.set_len(0);
        let _ = writeln!(f, "{}", std::process::id());
        FileLock { _file: file }
    }

    /// The process id holding the lock at `path`, if one does.
    pub fn holder(path: &Path) -> Option<String> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .ok()?;
        match file.try_lock() {
            Ok(()) => None,
            Err(_) => Some(holder_pid(path)),
        }
    }
}

fn holder_pid(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The lock file of `kind` (`lock`, `run.lock`) beside the database.
pub fn beside(database: &Path, kind: &str) -> PathBuf {
    database.with_extension(kind)
}
