//! Consistent copies of the database, taken while `send`, `run` and `serve` keep working, and
//! putting one back.
//!
//! A copy is made with SQLite's online backup API in a single step: it reads one snapshot of
//! the database (in WAL mode writers go on meanwhile), so the copy is exactly the database as it
//! stood at one instant, never half of a transaction. The copy is written beside its final name,
//! checked (`PRAGMA integrity_check`), made durable and only then renamed into place, so a copy
//! that exists is whole. A restore never deletes anything: the database it replaces is moved
//! aside first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::error::Error;

/// Backups made into a folder are named `prayer-guide-<UTC time>.sqlite`; only files of that
/// shape are ever pruned by `--keep`.
const PREFIX: &str = "prayer-guide-";
const SUFFIX: &str = ".sqlite";

/// What a backup or a restore found in the database it copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub path: PathBuf,
    pub bytes: u64,
    pub subscribers: u64,
    pub deliveries: u64,
}

impl Summary {
    pub fn describe(&self) -> String {
        format!(
            "{} ({}; {} subscriber{}, {} deliveries in the journal; integrity ok)",
            self.path.display(),
            size(self.bytes),
            self.subscribers,
            if self.subscribers == 1 { "" } else { "s" },
            self.deliveries,
        )
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Usage(format!("database {}: {e}", path.display()))
}

/// Where a backup asked for as `target` goes: the file itself, or a new dated file when
/// `target` is a folder (or ends in `/`).
pub fn destination(target: &Path, now: DateTime<Utc>) -> PathBuf {
    let is_folder = target.is_dir() || target.as_os_str().to_string_lossy().ends_with('/');
    if is_folder {
        target.join(format!(
            "{PREFIX}{}{SUFFIX}",
            now.format("%Y-%m-%dT%H%M%SZ")
        ))
    } else {
        target.to_path_buf()
    }
}

/// Copies the live database at `database` to `target` (a file, or a folder for a dated file).
pub fn backup(database: &Path, target: &Path, now: DateTime<Utc>) -> Result<Summary, Error> {
    if !database.is_file() {
        return Err(Error::Usage(format!(
            "there is no database at {} yet: nothing to back up (it is made by the first \
             `subscribers add`, sign-up or send; [email] database in schedule.toml names it)",
            database.display()
        )));
    }
    let dest = destination(target, now);
    if same_file(database, &dest) {
        return Err(Error::Usage(format!(
            "{} is the live database itself: name another file or a folder for the backup",
            dest.display()
        )));
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    let partial = partial_name(&dest);
    let result = copy_to(database, &partial).and_then(|()| {
        let summary = verify(&partial)?;
        durable_rename(&partial, &dest)?;
        Ok(Summary {
            path: dest.clone(),
            ..summary
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// `x.sqlite` → `.x.sqlite.partial` in the same folder, so the rename is atomic and a folder of
/// backups never lists an unfinished one under a backup's name.
fn partial_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dest.with_file_name(format!(".{name}.partial"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// One step of the online backup API over the whole database: a single read snapshot.
fn copy_to(database: &Path, partial: &Path) -> Result<(), Error> {
    let _ = std::fs::remove_file(partial);
    let source = Connection::open_with_flags(
        database,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| db_error(database, e))?;
    source
        .busy_timeout(std::time::Duration::from_secs(30))
        .map_err(|e| db_error(database, e))?;
    let mut copy = Connection::open(partial).map_err(|e| db_error(partial, e))?;
    {
        let backup =
            rusqlite::backup::Backup::new(&source, &mut copy).map_err(|e| db_error(partial, e))?;
        // -1: every page in one step, under one read transaction on the source.
        match backup.step(-1).map_err(|e| db_error(database, e))? {
            rusqlite::backup::StepResult::Done => {}
            other => {
                return Err(Error::Usage(format!(
                    "database {}: the copy did not finish in one step ({other:?}); try again",
                    database.display()
                )));
            }
        }
    }
    // A backup is one self-contained file: no -wal or -shm beside it.
    copy.pragma_update(None, "journal_mode", "DELETE")
        .map_err(|e| db_error(partial, e))?;
    copy.close().map_err(|(_, e)| db_error(partial, e))
}

/// Opens a copy read-only, runs SQLite's integrity check, and counts what it holds.
pub fn verify(path: &Path) -> Result<Summary, Error> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| db_error(path, e))?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| db_error(path, e))?;
    if problems != ["ok"] {
        return Err(Error::Usage(format!(
            "database {} fails SQLite's integrity check: {}",
            path.display(),
            problems.join("; ")
        )));
    }
    let count = |table: &str| -> Result<u64, Error> {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| db_error(path, e))?;
        if exists == 0 {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n as u64)
        .map_err(|e| db_error(path, e))
    };
    let subscribers = count("subscribers")?;
    if subscribers == 0 && count("deliveries")? == 0 && !has_table(&conn, path, "subscribers")? {
        return Err(Error::Usage(format!(
            "{} is an SQLite database but not prayer-guide's (it has no subscribers table)",
            path.display()
        )));
    }
    Ok(Summary {
        path: path.to_path_buf(),
        bytes: std::fs::metadata(path)
            .map_err(|e| Error::io("read", path, e))?
            .len(),
        subscribers,
        deliveries: count("deliveries")?,
    })
}

fn has_table(conn: &Connection, path: &Path, table: &str) -> Result<bool, Error> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(|e| db_error(path, e))
}

/// fsync the file, rename it into place, fsync the folder: after a crash the backup is either
/// there whole or not there.
fn durable_rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::File::open(from)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io("sync", from, e))?;
    std::fs::rename(from, to).map_err(|e| Error::io("rename", to, e))?;
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Directories cannot be opened for syncing everywhere (Windows); losing only the
        // folder's sync there is the platform's ordinary behaviour.
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// Deletes all but the newest `keep` dated backups in `folder` (only files this program names,
/// `prayer-guide-<time>.sqlite`); returns the ones removed.
pub fn prune(folder: &Path, keep: usize) -> Result<Vec<PathBuf>, Error> {
    let mut dated: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| Error::io("read", folder, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_dated_backup)
        })
        .collect();
    // The names hold the UTC time in a fixed width: their order is their age.
    dated.sort();
    let excess = dated.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = dated.into_iter().take(excess).collect();
    for path in &removed {
        std::fs::remove_file(path).map_err(|e| Error::io("remove", path, e))?;
    }
    Ok(removed)
}

fn is_dated_backup(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
    else {
        return false;
    };
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H%M%SZ").is_ok()
}

/// Puts the backup at `from` in place of the database at `database`. The caller makes sure
/// nothing else has the database open. The database replaced (and its -wal, which may hold its
/// last transactions) is moved aside, never deleted; returns where it went.
pub fn restore(
    from: &Path,
    database: &Path,
    now: DateTime<Utc>,
) -> Result<(Summary, Option<PathBuf>), Error> {
    if !from.is_file() {
        return Err(Error::Usage(format!(
            "there is no file {}: name a backup made by `db backup`; nothing was changed",
            from.display()
        )));
    }
    let summary = verify(from).map_err(|e| {
        Error::Usage(format!(
            "{e}: not a backup to restore (name one made by `db backup`); nothing was changed"
        ))
    })?;
    if same_file(from, database) {
        return Err(Error::Usage(format!(
            "{} is the live database itself: nothing to restore",
            from.display()
        )));
    }
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    // Copy first, beside the database: the live one is touched only once the copy is whole.
    let incoming = partial_name(database);
    copy_to(from, &incoming)?;
    let moved = if database.exists() {
        let stamp = now.format("%Y-%m-%dT%H%M%SZ");
        let aside = with_suffix(database, &format!(".before-restore-{stamp}"));
        // Checkpoint the WAL into the old file so the file moved aside is complete by itself.
        if let Ok(old) = Connection::open(database) {
            let _ = old.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            let _ = old.close();
        }
        std::fs::rename(database, &aside).map_err(|e| Error::io("move aside", database, e))?;
        for sidecar in ["-wal", "-shm"] {
            let side = with_suffix(database, sidecar);
            if side.exists() {
                let target = with_suffix(&aside, sidecar);
                std::fs::rename(&side, &target).map_err(|e| Error::io("move aside", &side, e))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    durable_rename(&incoming, database)?;
    Ok((
        Summary {
            path: database.to_path_buf(),
            ..summary
        },
        moved,
    ))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn reader(email: &str) -> crate::mail::subscribers::NewSubscriber {
        crate::mail::subscribers::NewSubscriber {
            language: None,
            email: email.to_string(),
            name: String::new(),
            cadence: crate::mail::subscribers::Cadence::Daily,
            format: crate::mail::subscribers::MailFormat::Html,
            timezone: None,
            hour: None,
            urgent: None,
        }
    }

    fn database(dir: &Path, subscribers: usize) -> PathBuf {
        let path = dir.join("state").join("prayer-guide.sqlite");
        let mut store = crate::mail::store::Store::open(&path).unwrap();
        for i in 0..subscribers {
            store
                .upsert(&reader(&format!("r{i}@example.org")), false)
                .unwrap();
        }
        path
    }

    #[test]
    fn a_folder_gets_a_dated_file_and_a_file_name_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let now = at("2026-12-07T03:15:00Z");
        assert_eq!(
            destination(dir.path(), now),
            dir.path().join("prayer-guide-2026-12-07T031500Z.sqlite")
        );
        assert_eq!(
            destination(Path::new("nightly/"), now),
            Path::new("nightly/prayer-guide-2026-12-07T031500Z.sqlite")
        );
        assert_eq!(destination(Path::new("copy.db"), now), Path::new("copy.db"));
    }

    #[test]
    fn a_backup_holds_every_subscriber_and_passes_the_integrity_check() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path(), 25);
        let summary = backup(&db, &dir.path().join("b.sqlite"), Utc::now()).unwrap();
        assert_eq!(summary.subscribers, 25);
        assert!(dir.path().join("b.sqlite").is_file());
        assert!(!dir.path().join("b.sqlite-wal").exists());
        assert!(!dir.path().join(".b.sqlite.partial").exists());
        assert_eq!(
            verify(&dir.path().join("b.sqlite")).unwrap().subscribers,
            25
        );
    }

    #[test]
    fn the_live_database_is_never_its_own_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path(), 1);
        let err = backup(&db, &db, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("live database itself"), "{err}");
        assert_eq!(verify(&db).unwrap().subscribers, 1);
    }

    #[test]
    fn no_database_yet_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let err = backup(&dir.path().join("none.sqlite"), dir.path(), Utc::now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("nothing to back up"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_for_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path(), 3);
        let junk = dir.path().join("junk.sqlite");
        std::fs::write(&junk, b"this is not a database at all, just text").unwrap();
        assert!(restore(&junk, &db, Utc::now()).is_err());
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let err = restore(&other, &db, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("not prayer-guide's"), "{err}");
        assert_eq!(
            verify(&db).unwrap().subscribers,
            3,
            "the live one untouched"
        );
    }

    #[test]
    fn a_restore_moves_the_replaced_database_aside() {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path(), 4);
        let copy = dir.path().join("copy.sqlite");
        backup(&db, &copy, Utc::now()).unwrap();
        {
            let mut store = crate::mail::store::Store::open(&db).unwrap();
            store.upsert(&reader("late@example.org"), false).unwrap();
        }
        let (restored, aside) = restore(&copy, &db, at("2026-12-07T10:00:00Z")).unwrap();
        assert_eq!(restored.subscribers, 4);
        let aside = aside.unwrap();
        assert!(aside.ends_with("prayer-guide.sqlite.before-restore-2026-12-07T100000Z"));
        assert_eq!(verify(&aside).unwrap().subscribers, 5, "nothing lost");
        assert_eq!(verify(&db).unwrap().subscribers, 4);
    }

    #[test]
    fn pruning_keeps_the_newest_and_touches_no_other_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "prayer-guide-2026-12-01T031500Z.sqlite",
            "prayer-guide-2026-12-02T031500Z.sqlite",
            "prayer-guide-2026-12-03T031500Z.sqlite",
            "prayer-guide-notes.sqlite",
            "keep-me.sqlite",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let removed = prune(dir.path(), 1).unwrap();
        assert_eq!(removed.len(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "keep-me.sqlite",
                "prayer-guide-2026-12-03T031500Z.sqlite",
                "prayer-guide-notes.sqlite"
            ]
        );
    }
}
