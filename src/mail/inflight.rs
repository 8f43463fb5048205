//! Which messages the journal cannot yet account for: slots in a small file beside the
//! database, each written (not synced) just before its message goes to the server, marked when
//! the server accepts it, and free to name another message once its result is committed to the
//! journal. A slot is not wiped when it is freed: it then names a message the journal shows as
//! sent, failed or deferred, and only messages still `sending` are ever counted from the record.
//!
//! Why a file and not the journal: the journal claims messages durably in batches, ahead of
//! sending, and commits results in groups, so that it costs a fraction of each message's time
//! rather than a transaction per message. A claimed message may not have reached the server yet;
//! an accepted one may not have its result committed yet. Plain writes to this file survive a
//! killed process (they are in the operating system's cache), so after `kill -9` the next run
//! knows exactly which claimed messages the server accepted (`D`, delivered: recorded as sent,
//! never sent again) and which were in its hands without an answer (`H`, handed: they may have
//! been delivered, and are sent again and named). Only the second kind can reach a reader twice,
//! and a connection has one message in the server's hands at a time, so a kill doubles at most
//! one message per connection however many results were waiting for their group's commit.
//! After a power cut or a crash of the machine those writes may be gone: the file names the boot
//! it was written in, and a run on a later boot counts every claimed message as possibly
//! delivered.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Bytes per slot: a mark, an edition id, a subscriber id, padding, a newline.
const SLOT: usize = 64;
/// The mark of a message handed to the server, not yet accepted.
const HANDED: u8 = b'H';
/// The mark of a message the server accepted (its 250 came).
const DELIVERED: u8 = b'D';
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
        let text = padded(&format!("{} {edition} {subscriber}", HANDED as char), SLOT);
        write_at(&self.file, &text, Self::offset(slot))
            .map_err(|e| Error::io("write", &self.path, e))
    }

    /// Notes that the server accepted the message `slot` names: one byte, written before the
    /// result goes to the journal's next group.
    pub fn delivered(&self, slot: usize) -> Result<(), Error> {
        write_at(&self.file, &[DELIVERED], Self::offset(slot))
            .map_err(|e| Error::io("write", &self.path, e))
    }

    fn offset(slot: usize) -> u64 {
        (HEADER + slot * SLOT) as u64
    }
}

/// What a stopped run's record says about the messages it named.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Named {
    /// In the server's hands without an answer: they may have been delivered.
    pub handed: HashSet<(String, i64)>,
    /// Accepted by the server: delivered, whatever the journal shows.
    pub delivered: HashSet<(String, i64)>,
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

/// The messages a stopped run had named, if its record can be trusted: it exists and was
/// written in this boot. `None` means "unknown": count every claimed message as possibly
/// delivered. (A slot without a mark, from a record an older version wrote, counts as handed.)
pub fn named(database: &Path) -> Option<Named> {
    let text = std::fs::read_to_string(path(database)).ok()?;
    let mut lines = text.lines();
    let boot = lines.next()?.trim().strip_prefix("boot ")?.to_string();
    if Some(boot) != boot_id() {
        return None;
    }
    let mut named = Named::default();
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (mark, edition, subscriber) = match words[..] {
            [mark, edition, subscriber] if mark.len() == 1 => {
                (mark.as_bytes()[0], edition, subscriber)
            }
            [edition, subscriber] => (HANDED, edition, subscriber),
            _ => continue,
        };
        let Ok(subscriber) = subscriber.parse::<i64>() else {
            continue;
        };
        let message = (edition.to_string(), subscriber);
        if mark == DELIVERED {
            named.delivered.insert(message);
        } else {
            named.handed.insert(message);
        }
    }
    Some(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(messages: &[(&str, i64)]) -> HashSet<(String, i64)> {
        messages.iter().map(|(e, s)| (e.to_string(), *s)).collect()
    }

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
        let named = named(&db);
        if boot_id().is_some() {
            let expected = Named {
                handed: set(&[
                    ("daily-2026-11-23", 7),
                    ("weekly-2026-11-23", 12345),
                    ("daily-2026-11-23", 9),
                ]),
                delivered: HashSet::new(),
            };
            assert_eq!(named, Some(expected));
        } else {
            assert_eq!(
                named, None,
                "without a boot id the record cannot be trusted"
            );
        }
    }

    #[test]
    fn a_message_the_server_accepted_reads_back_as_delivered_until_its_slot_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let record = InFlight::create(&db, 2).unwrap();
        record.set(0, "daily-2026-11-23", 7).unwrap();
        record.delivered(0).unwrap();
        record.set(1, "daily-2026-11-23", 8).unwrap();
        let Some(before) = named(&db) else {
            assert!(boot_id().is_none(), "a record of this boot is trusted");
            return;
        };
        assert_eq!(before.delivered, set(&[("daily-2026-11-23", 7)]));
        assert_eq!(before.handed, set(&[("daily-2026-11-23", 8)]));
        // Its result committed, slot 0 names the next message, handed again.
        record.set(0, "daily-2026-11-23", 10).unwrap();
        let after = named(&db).unwrap();
        assert!(after.delivered.is_empty(), "{after:?}");
        assert_eq!(
            after.handed,
            set(&[("daily-2026-11-23", 10), ("daily-2026-11-23", 8)])
        );
    }

    #[test]
    fn a_record_without_marks_counts_every_message_as_handed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let Some(boot) = boot_id() else { return };
        std::fs::write(
            path(&db),
            format!("boot {boot}\ndaily-2026-11-23 7\n{:63}\n", ""),
        )
        .unwrap();
        assert_eq!(
            named(&db),
            Some(Named {
                handed: set(&[("daily-2026-11-23", 7)]),
                delivered: HashSet::new(),
            })
        );
    }

    #[test]
    fn a_record_from_another_boot_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        std::fs::write(
            path(&db),
            "boot 00000000-0000-0000-0000-000000000000\nD daily-2026-11-23 7\n",
        )
        .unwrap();
        assert_eq!(named(&db), None);
        assert_eq!(named(&dir.path().join("missing.sqlite")), None);
    }
}
