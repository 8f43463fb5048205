//! Which messages the journal cannot yet account for: slots in a small file beside the
//! database, each written (not synced) just before its message goes to the server, and free to
//! name another message once the server's answer is committed to the journal. A slot is not
//! wiped when it is freed: it then names a message the journal shows as sent, failed or
//! deferred, and only messages still `sending` are ever counted from the record.
//!
//! Why a file and not the journal: the journal claims messages durably in batches, ahead of
//! sending, so that a disk sync is paid once per batch rather than once per message. A claimed
//! message may not have reached the server yet. Plain writes to this file survive a killed
//! process (they are in the operating system's cache), so after `kill -9` the next run knows
//! exactly which claimed messages were in the server's hands. After a power cut or a crash of
//! the machine those writes may be gone: the file names the boot it was written in, and a run
//! on a later boot counts every claimed message as possibly delivered.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Bytes per slot: an edition id, a subscriber id, padding, a newline.
const SLOT: usize = 64;
/// Bytes of the first line: `boot <id>`, padded.
const HEADER: usize = 64;

/// The open record of one run.
pub struct InFlight {
    file: File,
    path: PathBuf,
}

/// The file beside `database`.
pub fn path(database: &Path) -> PathBuf {
    crate::lock::beside(database, "inflight")
}

/// This boot of the machine, where the system says (Linux); `None` elsewhere.
pub fn boot_id() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.len() < HEADER - 6)
}

fn padded(text: &str, width: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes()[..text.len().min(width - 1)].to_vec();
    bytes.resize(width - 1, b' ');
    bytes.push(b'\n');
    bytes
}

impl InFlight {
    /// Starts a fresh record with `slots` empty slots.
    pub fn create(database: &Path, slots: usize) -> Result<InFlight, Error> {
        let path = path(database);
        let boot = boot_id().unwrap_or_else(|| "unknown".into());
        let mut bytes = padded(&format!("boot {boot}"), HEADER);
        for _ in 0..slots {
            bytes.extend(padded("", SLOT));
        }
        std::fs::write(&path, &bytes).map_err(|e| Error::io("write", &path, e))?;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("open", &path, e))?;
        Ok(InFlight { file, path })
    }

    /// Notes that `slot`'s connection is handing this message to the server: one positional
    /// write, so connections never wait for each other here.
    pub fn set(&self, slot: usize, edition: &str, subscriber: i64) -> Result<(), Error> {
        let text = padded(&format!("{edition} {subscriber}"), SLOT);
        write_at(&self.file, &text, (HEADER + slot * SLOT) as u64)
            .map_err(|e| Error::io("write", &self.path, e))
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

/// The messages a stopped run had in the server's hands, if its record can be trusted: it
/// exists and was written in this boot. `None` means "unknown": count every claimed message.
pub fn handed(database: &Path) -> Option<HashSet<(String, i64)>> {
    let text = std::fs::read_to_string(path(database)).ok()?;
    let mut lines = text.lines();
    let boot = lines.next()?.trim().strip_prefix("boot ")?.to_string();
    if Some(boot) != boot_id() {
        return None;
    }
    Some(
        lines
            .filter_map(|l| {
                let (edition, subscriber) = l.trim().split_once(' ')?;
                Some((edition.to_string(), subscriber.parse().ok()?))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_what_is_in_flight_now() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let record = InFlight::create(&db, 3).unwrap();
        record.set(0, "daily-2026-11-23", 7).unwrap();
        record.set(2, "weekly-2026-11-23", 12345).unwrap();
        record.set(1, "daily-2026-11-23", 8).unwrap();
        // Slot 1 freed and reused: it names its latest message only.
        record.set(1, "daily-2026-11-23", 9).unwrap();
        let handed = handed(&db);
        if boot_id().is_some() {
            let expected: HashSet<(String, i64)> = [
                ("daily-2026-11-23".to_string(), 7),
                ("weekly-2026-11-23".to_string(), 12345),
                ("daily-2026-11-23".to_string(), 9),
            ]
            .into_iter()
            .collect();
            assert_eq!(handed, Some(expected));
        } else {
            assert_eq!(
                handed, None,
                "without a boot id the record cannot be trusted"
            );
        }
    }

    #[test]
    fn a_record_from_another_boot_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        std::fs::write(
            path(&db),
            "boot 00000000-0000-0000-0000-000000000000\ndaily-2026-11-23 7\n",
        )
        .unwrap();
        assert_eq!(handed(&db), None);
        assert_eq!(handed(&dir.path().join("missing.sqlite")), None);
    }
}
