//! The chat journal: one row per message of a post (channel, edition, part), in the same
//! SQLite file as the email journal. A part is claimed (committed to disk) before it goes to
//! the network and marked posted when the network answers, so a post is never sent twice and
//! never lost: a claim left by a killed run is resent under the same Matrix transaction ID
//! (which the homeserver deduplicates) or, where a network has no such ID, reported as
//! "may have been posted" and not sent again.

use rusqlite::{OptionalExtension, params};

use crate::error::Error;
use crate::mail::store::Store;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS chat_posts (
    channel   TEXT NOT NULL,
    edition   TEXT NOT NULL,
    part      INTEGER NOT NULL,
    parts     INTEGER NOT NULL,
    state     TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'deferred', 'doubtful')),
    attempts  INTEGER NOT NULL DEFAULT 0,
    txn       TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    updated   TEXT NOT NULL,
    PRIMARY KEY (channel, edition, part)
) WITHOUT ROWID;
";

/// Where one message of a post stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartState {
    /// About to go, or gone without an answer recorded (a run stopped in between).
    Claimed,
    /// The network accepted it.
    Posted,
    /// The network refused it (4xx other than 429): not tried again by itself.
    Failed,
    /// The network was unavailable (5xx, no connection, a long rate limit): tried next run.
    Deferred,
    /// Left claimed by a run that stopped, on a network without transaction IDs: it may have
    /// been posted; not sent again, reported instead.
    Doubtful,
}

impl PartState {
    fn as_str(self) -> &'static str {
        match self {
            PartState::Claimed => "claimed",
            PartState::Posted => "posted",
            PartState::Failed => "failed",
            PartState::Deferred => "deferred",
            PartState::Doubtful => "doubtful",
        }
    }

    fn parse(text: &str) -> PartState {
        match text {
            "posted" => PartState::Posted,
            "failed" => PartState::Failed,
            "deferred" => PartState::Deferred,
            "doubtful" => PartState::Doubtful,
            _ => PartState::Claimed,
        }
    }
}

/// One row as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRecord {
    pub part: u32,
    pub state: PartState,
    pub attempts: u32,
    pub detail: String,
}

/// The chat journal, in the store's database.
pub struct Journal {
    store: Store,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Journal {
    /// Opens the database and creates the table if this is its first post.
    pub fn open(path: &std::path::Path) -> Result<Journal, Error> {
        let store = Store::open(path)?;
        store
            .connection()
            .execute_batch(SCHEMA)
            .map_err(|e| store.error(e))?;
        Ok(Journal { store })
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        self.store.error(e)
    }

    /// Every recorded part of one post, in order.
    pub fn parts(&self, channel: &str, edition: &str) -> Result<Vec<PartRecord>, Error> {
        let mut stmt = self
            .store
            .connection()
            .prepare(
                "SELECT part, state, attempts, detail FROM chat_posts
                 WHERE channel = ?1 AND edition = ?2 ORDER BY part",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([channel, edition], |r| {
                Ok(PartRecord {
                    part: r.get(0)?,
                    state: PartState::parse(&r.get::<_, String>(1)?),
                    attempts: r.get(2)?,
                    detail: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Claims a part before it is sent, durably (the database syncs each commit). Refuses
    /// (`Ok(false)`) a part already posted, refused or in doubt.
    pub fn claim(
        &self,
        channel: &str,
        edition: &str,
        (part, parts): (u32, u32),
        txn: &str,
    ) -> Result<bool, Error> {
        self.store.check_file()?;
        let changed = self
            .store
            .connection()
            .execute(
                "INSERT INTO chat_posts (channel, edition, part, parts, state, attempts, txn, updated)
                 VALUES (?1, ?2, ?3, ?4, 'claimed', 1, ?5, ?6)
                 ON CONFLICT (channel, edition, part) DO UPDATE
                 SET state = 'claimed', attempts = attempts + 1, updated = excluded.updated
                 WHERE state IN ('claimed', 'deferred')",
                params![channel, edition, part, parts, txn, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(changed == 1)
    }

    /// Records how a claimed part went.
    pub fn record(
        &self,
        channel: &str,
        edition: &str,
        part: u32,
        state: PartState,
        detail: &str,
    ) -> Result<(), Error> {
        self.store
            .connection()
            .execute(
                "UPDATE chat_posts SET state = ?4, detail = ?5, updated = ?6
                 WHERE channel = ?1 AND edition = ?2 AND part = ?3",
                params![channel, edition, part, state.as_str(), detail, now()],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Makes the refused parts of a post sendable again (`post --retry-failed`).
    pub fn retry_failed(&self, channel: &str, edition: &str) -> Result<(), Error> {
        self.store
            .connection()
            .execute(
                "UPDATE chat_posts SET state = 'deferred', updated = ?3
                 WHERE channel = ?1 AND edition = ?2 AND state = 'failed'",
                params![channel, edition, now()],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Sets parts a stopped run left claimed to doubtful, for networks that cannot be asked
    /// again safely; returns them as (edition, part).
    pub fn doubt_claims(&self, channel: &str) -> Result<Vec<(String, u32)>, Error> {
        let conn = self.store.connection();
        let mut stmt = conn
            .prepare(
                "UPDATE chat_posts SET state = 'doubtful', updated = ?2,
                    detail = 'a run stopped after sending it and before the answer was recorded'
                 WHERE channel = ?1 AND state = 'claimed' RETURNING edition, part",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![channel, now()], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Whether `channel` is owed nothing more of `edition`: every part posted (or in doubt),
    /// or one refused (the rest wait for a person). False before the first claim.
    pub fn is_done(&self, channel: &str, edition: &str) -> Result<bool, Error> {
        let (settled, failed, parts): (u32, u32, Option<u32>) = self
            .store
            .connection()
            .query_row(
                "SELECT count(*) FILTER (WHERE state IN ('posted', 'doubtful')),
                        count(*) FILTER (WHERE state = 'failed'), max(parts)
                 FROM chat_posts WHERE channel = ?1 AND edition = ?2",
                [channel, edition],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok(parts.is_some_and(|parts| failed > 0 || settled >= parts))
    }

    /// Whether anything of `edition` was ever recorded for `channel`.
    pub fn started(&self, channel: &str, edition: &str) -> Result<bool, Error> {
        self.store
            .connection()
            .query_row(
                "SELECT 1 FROM chat_posts WHERE channel = ?1 AND edition = ?2 LIMIT 1",
                [channel, edition],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// Parts that need a person (refused, possibly posted, waiting for another try) changed
    /// since `since`: (channel, edition, part, state, detail), oldest first.
    #[allow(clippy::type_complexity)]
    pub fn needing_attention(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(String, String, u32, PartState, String)>, Error> {
        let mut stmt = self
            .store
            .connection()
            .prepare(
                "SELECT channel, edition, part, state, detail FROM chat_posts
                 WHERE state IN ('failed', 'doubtful', 'deferred') AND updated >= ?1
                 ORDER BY updated",
            )
            .map_err(|e| self.err(e))?;
        let since = since.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let rows = stmt
            .query_map([since], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    PartState::parse(&r.get::<_, String>(3)?),
                    r.get(4)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_claimed_once_and_posted_once() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("db.sqlite")).unwrap();
        assert!(!j.is_done("tg", "daily-2026-12-07").unwrap());
        assert!(j.claim("tg", "daily-2026-12-07", (1, 2), "t1").unwrap());
        j.record("tg", "daily-2026-12-07", 1, PartState::Posted, "")
            .unwrap();
        assert!(!j.claim("tg", "daily-2026-12-07", (1, 2), "t1").unwrap());
        assert!(
            !j.is_done("tg", "daily-2026-12-07").unwrap(),
            "part 2 is owed"
        );
        assert!(j.claim("tg", "daily-2026-12-07", (2, 2), "t2").unwrap());
        j.record("tg", "daily-2026-12-07", 2, PartState::Posted, "")
            .unwrap();
        assert!(j.is_done("tg", "daily-2026-12-07").unwrap());
    }

    #[test]
    fn a_claim_left_by_a_stopped_run_becomes_doubtful_and_is_not_claimed_again() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("db.sqlite")).unwrap();
        assert!(j.claim("hook", "daily-2026-12-07", (1, 1), "t").unwrap());
        assert_eq!(
            j.doubt_claims("hook").unwrap(),
            [("daily-2026-12-07".to_string(), 1)]
        );
        assert!(!j.claim("hook", "daily-2026-12-07", (1, 1), "t").unwrap());
        let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
        assert_eq!(j.needing_attention(week_ago).unwrap().len(), 1);
    }

    #[test]
    fn deferred_parts_are_claimed_again() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("db.sqlite")).unwrap();
        assert!(j.claim("m", "weekly-2026-12-07", (2, 2), "t").unwrap());
        j.record("m", "weekly-2026-12-07", 2, PartState::Deferred, "503")
            .unwrap();
        assert!(j.claim("m", "weekly-2026-12-07", (2, 2), "t").unwrap());
        assert_eq!(j.parts("m", "weekly-2026-12-07").unwrap()[0].attempts, 2);
    }

    #[test]
    fn adds_its_table_to_a_database_made_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(Store::open(&path).unwrap());
        let j = Journal::open(&path).unwrap();
        assert!(!j.started("m", "daily-2026-12-07").unwrap());
    }
}
