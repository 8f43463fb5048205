//! The reminders' two tables, in the same SQLite file as subscribers and journals: the
//! browsers subscribed (`push_subscriptions`) and one row per reminder and day
//! (`push_deliveries`), claimed durably before the push goes and marked when the push service
//! answers. The tables are created on first use, so an existing database gains them as it is
//! opened, as the chat journal's table is.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{OptionalExtension, params};

use crate::error::Error;
use crate::mail::store::Store;
use crate::push::ece::BrowserKeys;
use crate::push::subscription::{Subscription, decode, encode};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS push_subscriptions (
    id        INTEGER PRIMARY KEY,
    endpoint  TEXT NOT NULL UNIQUE,
    p256dh    TEXT NOT NULL,
    auth      TEXT NOT NULL,
    hour      INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    language  TEXT NOT NULL,
    created   TEXT NOT NULL,
    updated   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS push_deliveries (
    subscription INTEGER NOT NULL,
    edition      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'deferred', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    detail       TEXT NOT NULL DEFAULT '',
    updated      TEXT NOT NULL,
    PRIMARY KEY (subscription, edition)
) WITHOUT ROWID;
";

/// Where one day's reminder to one browser stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    /// About to go, or gone without an answer recorded (a run stopped in between): sent again
    /// under the same `Topic`, so the push service and the page's notification tag keep one.
    Claimed,
    /// The push service took it (201).
    Sent,
    /// Not now (429, 5xx, no connection): tried again later the same day.
    Deferred,
    /// Refused for good (another 4xx), or tried too often.
    Failed,
}

impl PushState {
    fn as_str(self) -> &'static str {
        match self {
            PushState::Claimed => "claimed",
            PushState::Sent => "sent",
            PushState::Deferred => "deferred",
            PushState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> PushState {
        match text {
            "sent" => PushState::Sent,
            "deferred" => PushState::Deferred,
            "failed" => PushState::Failed,
            _ => PushState::Claimed,
        }
    }
}

/// A stored subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub endpoint: String,
    pub keys: BrowserKeys,
    pub hour: u8,
    pub language: String,
    /// When it subscribed (a row edited by hand without a readable time: long ago).
    pub created: chrono::DateTime<chrono::Utc>,
}

/// One delivery row as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub state: PushState,
    pub attempts: u32,
}

/// The reminders' tables in the project's database.
pub struct PushStore {
    store: Store,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl PushStore {
    /// Opens the database, creating the tables if this is its first reminder.
    pub fn open(path: &Path) -> Result<PushStore, Error> {
        let store = Store::open(path)?;
        store
            .connection()
            .execute_batch(SCHEMA)
            .map_err(|e| store.error(e))?;
        Ok(PushStore { store })
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        self.store.error(e)
    }

    /// Adds a browser, or changes the hour, language and keys of one already known by its
    /// endpoint (its journal stays, so a day already reminded is not reminded again).
    pub fn subscribe(&self, s: &Subscription, hour: u8, language: &str) -> Result<i64, Error> {
        self.store.check_file()?;
        let at = now();
        self.store
            .connection()
            .query_row(
                "INSERT INTO push_subscriptions (endpoint, p256dh, auth, hour, language, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh,
                    auth = excluded.auth, hour = excluded.hour, language = excluded.language,
                    updated = excluded.updated
                 RETURNING id",
                params![
                    s.endpoint,
                    encode(&s.keys.p256dh),
                    encode(&s.keys.auth),
                    hour,
                    language,
                    at
                ],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Removes the browser with this endpoint and auth secret (both from the page, so a
    /// leaked endpoint alone cannot unsubscribe anyone); whether there was one.
    pub fn unsubscribe(&self, s: &Subscription) -> Result<bool, Error> {
        self.store.check_file()?;
        let id: Option<i64> = self
            .store
            .connection()
            .query_row(
                "SELECT id FROM push_subscriptions WHERE endpoint = ?1 AND auth = ?2",
                params![s.endpoint, encode(&s.keys.auth)],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        match id {
            Some(id) => self.remove(id).map(|()| true),
            None => Ok(false),
        }
    }

    /// Removes a subscription and its journal (the push service said it is gone).
    pub fn remove(&self, id: i64) -> Result<(), Error> {
        self.store.check_file()?;
        let conn = self.store.connection();
        conn.execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        let done = conn
            .execute("DELETE FROM push_deliveries WHERE subscription = ?1", [id])
            .and_then(|_| conn.execute("DELETE FROM push_subscriptions WHERE id = ?1", [id]));
        match done {
            Ok(_) => conn.execute_batch("COMMIT").map_err(|e| self.err(e)),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(self.err(e))
            }
        }
    }

    /// Every subscription, oldest first. Rows whose keys do not decode (edited by hand) are
    /// left out.
    pub fn subscribers(&self) -> Result<Vec<Subscriber>, Error> {
        let mut stmt = self
            .store
            .connection()
            .prepare(
                "SELECT id, endpoint, p256dh, auth, hour, language, created FROM push_subscriptions
                 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u8>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, endpoint, p256dh, auth, hour, language, created) =
                row.map_err(|e| self.err(e))?;
            let created = chrono::DateTime::parse_from_rfc3339(&created)
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or(chrono::DateTime::UNIX_EPOCH);
            if let (Some(p256dh), Some(auth)) = (decode(&p256dh), decode(&auth)) {
                out.push(Subscriber {
                    id,
                    endpoint,
                    keys: BrowserKeys { p256dh, auth },
                    hour,
                    language,
                    created,
                });
            }
        }
        Ok(out)
    }

    /// How many browsers are subscribed.
    pub fn count(&self) -> Result<i64, Error> {
        self.store
            .connection()
            .query_row("SELECT count(*) FROM push_subscriptions", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The journal of one edition, by subscription.
    pub fn journal(&self, edition: &str) -> Result<HashMap<i64, Delivery>, Error> {
        let mut stmt = self
            .store
            .connection()
            .prepare("SELECT subscription, state, attempts FROM push_deliveries WHERE edition = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([edition], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Delivery {
                        state: PushState::parse(&r.get::<_, String>(1)?),
                        attempts: r.get(2)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Claims one reminder before it goes, durably (each commit is synced). Refuses
    /// (`Ok(false)`) one already sent or refused.
    pub fn claim(&self, subscription: i64, edition: &str) -> Result<bool, Error> {
        self.store.check_file()?;
        let changed = self
            .store
            .connection()
            .execute(
                "INSERT INTO push_deliveries (subscription, edition, state, attempts, updated)
                 VALUES (?1, ?2, 'claimed', 1, ?3)
                 ON CONFLICT (subscription, edition) DO UPDATE
                 SET state = 'claimed', attempts = attempts + 1, updated = excluded.updated
                 WHERE state IN ('claimed', 'deferred')",
                params![subscription, edition, now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(changed == 1)
    }

    /// Records how a claimed reminder went.
    pub fn record(
        &self,
        subscription: i64,
        edition: &str,
        state: PushState,
        detail: &str,
    ) -> Result<(), Error> {
        self.store
            .connection()
            .execute(
                "UPDATE push_deliveries SET state = ?3, detail = ?4, updated = ?5
                 WHERE subscription = ?1 AND edition = ?2",
                params![subscription, edition, state.as_str(), detail, now()],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Deletes the journal of editions before `edition` (names sort by date).
    pub fn forget_before(&self, edition: &str) -> Result<usize, Error> {
        self.store
            .connection()
            .execute("DELETE FROM push_deliveries WHERE edition < ?1", [edition])
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subscription(n: u8) -> Subscription {
        let mut p256dh = vec![4; 65];
        p256dh[1] = n;
        Subscription {
            endpoint: format!("https://push.example.net/{n}"),
            keys: BrowserKeys {
                p256dh,
                auth: vec![n; 16],
            },
        }
    }

    #[test]
    fn an_existing_database_gains_the_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(Store::open(&path).unwrap());
        let store = PushStore::open(&path).unwrap();
        assert_eq!(store.count().unwrap(), 0);
        // And opening again keeps what is there.
        store.subscribe(&subscription(1), 7, "en").unwrap();
        drop(store);
        assert_eq!(PushStore::open(&path).unwrap().count().unwrap(), 1);
    }

    #[test]
    fn subscribing_again_changes_the_hour_and_keeps_one_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = PushStore::open(&dir.path().join("db.sqlite")).unwrap();
        let a = store.subscribe(&subscription(1), 7, "en").unwrap();
        let b = store.subscribe(&subscription(1), 9, "es").unwrap();
        assert_eq!(a, b);
        let all = store.subscribers().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].hour, all[0].language.as_str()), (9, "es"));
    }

    #[test]
    fn unsubscribing_needs_the_auth_secret_and_takes_the_journal_along() {
        let dir = tempfile::tempdir().unwrap();
        let store = PushStore::open(&dir.path().join("db.sqlite")).unwrap();
        let id = store.subscribe(&subscription(1), 7, "en").unwrap();
        assert!(store.claim(id, "daily-2026-12-07").unwrap());
        let mut stranger = subscription(1);
        stranger.keys.auth = vec![9; 16];
        assert!(!store.unsubscribe(&stranger).unwrap());
        assert!(store.unsubscribe(&subscription(1)).unwrap());
        assert_eq!(store.count().unwrap(), 0);
        assert!(store.journal("daily-2026-12-07").unwrap().is_empty());
    }

    #[test]
    fn a_claim_is_taken_again_only_while_unanswered_or_deferred() {
        let dir = tempfile::tempdir().unwrap();
        let store = PushStore::open(&dir.path().join("db.sqlite")).unwrap();
        let id = store.subscribe(&subscription(1), 7, "en").unwrap();
        let day = "daily-2026-12-07";
        assert!(store.claim(id, day).unwrap());
        // A run killed here left it claimed: the next run may send it again.
        assert!(store.claim(id, day).unwrap());
        store.record(id, day, PushState::Deferred, "503").unwrap();
        assert!(store.claim(id, day).unwrap());
        store.record(id, day, PushState::Sent, "201").unwrap();
        assert!(!store.claim(id, day).unwrap());
        let row = &store.journal(day).unwrap()[&id];
        assert_eq!((row.state, row.attempts), (PushState::Sent, 3));
        assert!(store.claim(id, "daily-2026-12-08").unwrap());
        assert_eq!(store.forget_before("daily-2026-12-08").unwrap(), 1);
    }
}
