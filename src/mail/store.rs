//! The SQLite store: subscribers and the delivery journal, in one file that survives crashes
//! the way SQLite promises (WAL, full sync, one transaction per batch of changes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::content::locale::Language;
use crate::error::Error;
use crate::mail::subscribers::{Cadence, ImportRow, MailFormat, NewSubscriber, Subscriber};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS subscribers (
    id       INTEGER PRIMARY KEY,
    email    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name     TEXT NOT NULL DEFAULT '',
    cadence  TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    format   TEXT NOT NULL CHECK (format IN ('html', 'text')),
    active   INTEGER NOT NULL DEFAULT 1,
    token    TEXT NOT NULL UNIQUE,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    edition     TEXT NOT NULL,
    subscriber  INTEGER NOT NULL REFERENCES subscribers(id),
    state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'deferred', 'expired')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    message_id  TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    updated     TEXT NOT NULL,
    doubt       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edition, subscriber)
) WITHOUT ROWID;
DROP INDEX IF EXISTS deliveries_by_state;
CREATE INDEX IF NOT EXISTS deliveries_unsent ON deliveries (state) WHERE state <> 'sent';
CREATE TABLE IF NOT EXISTS compacted (
    edition   TEXT PRIMARY KEY,
    sent      INTEGER NOT NULL,
    failed    INTEGER NOT NULL,
    expired   INTEGER NOT NULL,
    compacted TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    started   TEXT NOT NULL,
    finished  TEXT,
    summary   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
-- I will pray (src/web/commitments.rs): counts per day and country; and, while a day can
-- still be prayed for, its random salt and one keyed hash of each reader's browser token.
CREATE TABLE IF NOT EXISTS prayers (
    day      TEXT NOT NULL,
    country  TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (day, country)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS prayer_salts (
    day   TEXT PRIMARY KEY,
    salt  BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS prayer_marks (
    day   TEXT NOT NULL,
    mark  BLOB NOT NULL,
    PRIMARY KEY (day, mark)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bounces (
    subscriber  INTEGER NOT NULL REFERENCES subscribers(id),
    report      TEXT NOT NULL,
    hard        INTEGER NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    received    TEXT NOT NULL,
    PRIMARY KEY (subscriber, report)
) WITHOUT ROWID;
";

/// Columns added after the first release, with their definitions: added when missing.
const ADDED_COLUMNS: [(&str, &str, &str); 5] = [
    ("subscribers", "timezone", "TEXT"),
    // When hard bounces stopped their mail (they are inactive too); NULL otherwise.
    ("subscribers", "bounced", "TEXT"),
    (
        "subscribers",
        "hour",
        "INTEGER CHECK (hour BETWEEN 0 AND 23)",
    ),
    // The language of their digests, a BCP 47 tag; NULL: the schedule's.
    ("subscribers", "language", "TEXT"),
    // Whether they chose urgent requests (`alert`) by email too; off unless they asked.
    (
        "subscribers",
        "urgent",
        "INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1))",
    ),
];

const SUBSCRIBER_COLUMNS: &str =
    "id, email, name, cadence, format, active, token, timezone, hour, language, urgent";

/// The deliveries table before `expired` and `doubt`: rebuilt once into the current shape.
const MIGRATE_DELIVERIES: &str = "
CREATE TABLE deliveries_new (
    edition     TEXT NOT NULL,
    subscriber  INTEGER NOT NULL REFERENCES subscribers(id),
    state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'deferred', 'expired')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    message_id  TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    updated     TEXT NOT NULL,
    doubt       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edition, subscriber)
) WITHOUT ROWID;
INSERT INTO deliveries_new (edition, subscriber, state, attempts, message_id, detail, updated)
    SELECT edition, subscriber, state, attempts, message_id, detail, updated FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
";

/// The runs table's kind for a run that mailed an urgent alert (and nothing published).
pub const ALERT_RUN: &str = "alert";

/// The fewest days of journal [`Store::compact`] keeps: every scheduling decision reads
/// [`crate::mail::due::LOOK_BACK_DAYS`] back, and a day either side for time zones.
pub const MIN_KEEP_JOURNAL_DAYS: u32 = 35;

/// Where one message of one edition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Claimed before it goes to the server; no final answer recorded. Left over from a run
    /// that stopped, it may have been delivered (see `send`'s in-flight record).
    Sending,
    /// The server answered 250.
    Sent,
    /// The server refused it for good (5xx); not retried unless asked.
    Failed,
    /// Temporary failures used up this run's attempts; the next run tries again.
    Deferred,
    /// Deferred past the catch-up window: no longer sent.
    Expired,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
            State::Deferred => "deferred",
            State::Expired => "expired",
        }
    }

    fn parse(s: &str) -> State {
        match s {
            "sent" => State::Sent,
            "failed" => State::Failed,
            "deferred" => State::Deferred,
            "expired" => State::Expired,
            _ => State::Sending,
        }
    }
}

/// One change to the journal.
#[derive(Debug, Clone)]
pub struct JournalEntry {
    pub edition: String,
    pub subscriber: i64,
    pub state: State,
    pub message_id: String,
    pub detail: String,
}

/// A journal row as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub state: State,
    pub attempts: u32,
    pub detail: String,
}

/// The open database.
pub struct Store {
    conn: Connection,
    pub path: PathBuf,
    /// The device and inode of the file opened: a database deleted or replaced under a
    /// long-running process keeps accepting writes into the old, unlinked file, all lost.
    identity: Option<(u64, u64)>,
}

#[cfg(unix)]
fn file_identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    use std::os::unix::fs::MetadataExt as _;
    let m = std::fs::metadata(path)?;
    Ok(Some((m.dev(), m.ino())))
}

#[cfg(not(unix))]
fn file_identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    std::fs::metadata(path).map(|_| None)
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Usage(format!("database {}: {e}", path.display()))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new unsubscribe token: 128 random bits, hex.
pub(crate) fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Usage(format!("no randomness for a token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, Error> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )
        .map_err(|e| db_error(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| db_error(path, e))?;
        let old_journal: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(path, e))?;
        if old_journal.is_some_and(|sql| !sql.contains("'expired'")) {
            conn.execute_batch(&format!("BEGIN IMMEDIATE; {MIGRATE_DELIVERIES} COMMIT;"))
                .map_err(|e| db_error(path, e))?;
        }
        conn.execute_batch(SCHEMA).map_err(|e| db_error(path, e))?;
        for (table, column, definition) in ADDED_COLUMNS {
            let exists = conn
                .query_row(
                    &format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = ?1"),
                    [column],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(|e| db_error(path, e))?
                > 0;
            if !exists {
                conn.execute_batch(&format!(
                    "ALTER TABLE {table} ADD COLUMN {column} {definition}"
                ))
                .map_err(|e| db_error(path, e))?;
            }
        }
        let identity = file_identity(path).map_err(|e| Error::io("read", path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            identity,
        })
    }

    /// Fails unless the file at the store's path is still the one opened: a deleted or
    /// replaced database would swallow every write in silence.
    pub fn check_file(&self) -> Result<(), Error> {
        let gone = || {
            Error::Usage(format!(
                "database {}: the file was deleted or replaced after it was opened; \
                 changes would be lost: restore it and restart",
                self.path.display()
            ))
        };
        match file_identity(&self.path) {
            Ok(now) if now == self.identity => Ok(()),
            Ok(_) => Err(gone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(gone()),
            Err(e) => Err(Error::io("read", &self.path, e)),
        }
    }

    /// Fails unless the database is the file opened and takes a write lock now (then lets
    /// it go, changing nothing): what a health check asks.
    pub fn check_writable(&self) -> Result<(), Error> {
        self.check_file()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
            .map_err(|e| self.err(e))
    }

    /// Rewrites the database without the free space that may still hold erased rows
    /// (`VACUUM`), then copies the write-ahead log into the file and empties it. `Ok(false)`:
    /// another process was reading, so the log still holds old pages; call again later.
    pub fn vacuum(&self) -> Result<bool, Error> {
        self.conn.execute_batch("VACUUM").map_err(|e| self.err(e))?;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(busy == 0)
    }

    /// Every active subscriber, by id.
    pub fn all_active(&self) -> Result<Vec<Subscriber>, Error> {
        self.query(
            &format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE active = 1 ORDER BY id"),
            [],
        )
    }

    /// (edition, subscriber) of every message finished for good (sent, or refused) among the
    /// editions dated `from` to `to`.
    pub fn finished_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<std::collections::HashSet<(String, i64)>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT edition, subscriber FROM deliveries
                 WHERE ((edition BETWEEN ?1 AND ?2) OR (edition BETWEEN ?3 AND ?4))
                   AND state IN ('sent', 'failed')",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![
                    format!("daily-{from}"),
                    format!("daily-{to}"),
                    format!("weekly-{from}"),
                    format!("weekly-{to}")
                ],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// (edition, subscriber) finished for good in the editions that scheduling decisions around
    /// `now` can touch (see [`crate::mail::due::LOOK_BACK_DAYS`]).
    pub fn finished_around(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<std::collections::HashSet<(String, i64)>, Error> {
        let today = now.date_naive();
        self.finished_between(
            today - chrono::Days::new(crate::mail::due::LOOK_BACK_DAYS + 1),
            today + chrono::Days::new(crate::mail::due::LOOK_AHEAD_DAYS + 1),
        )
    }

    /// Messages waiting for another attempt: deferred, or left in flight by a run that stopped.
    pub fn awaiting_retry(&self) -> Result<Vec<(String, String, String, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.edition, s.email, d.state, d.detail FROM deliveries d
                 JOIN subscribers s ON s.id = d.subscriber
                 WHERE d.state IN ('deferred', 'sending') ORDER BY d.edition, s.email",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// A value kept between runs, such as when the scheduler last looked.
    pub fn meta(&self, key: &str) -> Result<Option<String>, Error> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Records that a run started; returns its id for [`Store::finish_run`].
    pub fn start_run(&self, kind: &str) -> Result<i64, Error> {
        self.conn
            .execute(
                "INSERT INTO runs (kind, started) VALUES (?1, ?2)",
                [kind, &now()],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, id: i64, summary: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "UPDATE runs SET finished = ?2, summary = ?3 WHERE id = ?1",
                params![id, now(), summary],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Whether a run that mailed digests (not only an alert) was ever recorded.
    pub fn sent_digests_before(&self) -> Result<bool, Error> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM runs WHERE kind <> ?1)",
                [ALERT_RUN],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The latest run.
    pub fn last_run(&self) -> Result<Option<RunRecord>, Error> {
        self.conn
            .query_row(
                "SELECT kind, started, finished, summary FROM runs ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok(RunRecord {
                        kind: r.get(0)?,
                        started: r.get(1)?,
                        finished: r.get(2)?,
                        summary: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    /// The connection, for modules that keep tables of their own here (sign-ups).
    /// While another process holds the write lock, asks again every millisecond (for 10 s at
    /// most) instead of SQLite's waits of up to 100 ms: for a writer that many readers wait on.
    pub(crate) fn wait_in_milliseconds_when_busy(&mut self) -> Result<(), Error> {
        let path = self.path.clone();
        self.conn
            .busy_handler(Some(|attempt| {
                std::thread::sleep(std::time::Duration::from_millis(1));
                attempt < 10_000
            }))
            .map_err(|e| db_error(&path, e))
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A database error, naming the file.
    pub(crate) fn error(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    /// Adds a subscriber, or merges into the existing one with the same address (any case).
    /// `resubscribe` decides whether an unsubscribed address becomes active again: yes for an
    /// explicit `add`, no for an import (an old export must not undo an unsubscribe).
    pub fn upsert(&mut self, s: &NewSubscriber, resubscribe: bool) -> Result<Upsert, Error> {
        let row = ImportRow {
            subscriber: s.clone(),
            token: None,
            active: true,
            line: 0,
        };
        self.merge(&row, resubscribe).map(|(upsert, _)| upsert)
    }

    /// [`Store::upsert`] for a row that may carry a token and an unsubscribed mark; also says
    /// whether the row's token was already someone else's (then the subscriber got a new one).
    fn merge(&mut self, row: &ImportRow, resubscribe: bool) -> Result<(Upsert, bool), Error> {
        let s = &row.subscriber;
        let existing: Option<(i64, bool)> = self
            .conn
            .query_row(
                "SELECT id, active FROM subscribers WHERE email = ?1",
                [&s.email],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let now = now();
        match existing {
            Some((id, _)) if resubscribe => {
                // Subscribing a bounced address again starts its bounce count afresh.
                self.conn
                    .execute(
                        "DELETE FROM bounces WHERE subscriber = ?1
                         AND (SELECT bounced FROM subscribers WHERE id = ?1) IS NOT NULL",
                        [id],
                    )
                    .map_err(|e| self.err(e))?;
                self.conn
                    .execute(
                        "UPDATE subscribers SET name = CASE WHEN ?2 = '' THEN name ELSE ?2 END,
                         cadence = ?3, format = ?4, active = 1, bounced = NULL, updated = ?5,
                         timezone = coalesce(?6, timezone), hour = coalesce(?7, hour),
                         language = coalesce(?8, language), urgent = coalesce(?9, urgent)
                         WHERE id = ?1",
                        params![
                            id,
                            s.name,
                            s.cadence.as_str(),
                            s.format.as_str(),
                            now,
                            s.timezone.map(|z| z.name()),
                            s.hour,
                            s.language.as_ref().map(|l| l.as_str()),
                            s.urgent
                        ],
                    )
                    .map_err(|e| self.err(e))?;
                Ok((Upsert::Updated, false))
            }
            // An import merges into a known subscriber without overriding their choices:
            // it only fills in a missing name.
            Some((id, active)) => {
                self.conn
                    .execute(
                        "UPDATE subscribers SET name = CASE WHEN name = '' THEN ?2 ELSE name END,
                         updated = ?3 WHERE id = ?1",
                        params![id, s.name, now],
                    )
                    .map_err(|e| self.err(e))?;
                Ok((
                    if active {
                        Upsert::Updated
                    } else {
                        Upsert::StillUnsubscribed
                    },
                    false,
                ))
            }
            None => {
                let taken = match &row.token {
                    Some(t) => self.find(t)?.is_some(),
                    None => false,
                };
                let token = match &row.token {
                    Some(t) if !taken => t.clone(),
                    _ => new_token()?,
                };
                self.conn
                    .execute(
                        "INSERT INTO subscribers (email, name, cadence, format, token, created, updated, timezone, hour, active, language, urgent)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, coalesce(?11, 0))",
                        params![s.email, s.name, s.cadence.as_str(), s.format.as_str(), token, now, s.timezone.map(|z| z.name()), s.hour, row.active, s.language.as_ref().map(|l| l.as_str()), s.urgent],
                    )
                    .map_err(|e| self.err(e))?;
                Ok((
                    if row.active {
                        Upsert::Added
                    } else {
                        Upsert::StillUnsubscribed
                    },
                    taken,
                ))
            }
        }
    }

    /// Adds or merges many new subscribers in one transaction (active, each with a new token),
    /// never resubscribing anyone.
    pub fn import(&mut self, rows: &[NewSubscriber]) -> Result<ImportCounts, Error> {
        let rows: Vec<ImportRow> = rows
            .iter()
            .map(|s| ImportRow {
                subscriber: s.clone(),
                token: None,
                active: true,
                line: 0,
            })
            .collect();
        self.import_rows(&rows)
    }

    /// Adds or merges the rows of an import file in one transaction, never resubscribing
    /// anyone. A new address keeps the file's token and unsubscribed mark; a known one keeps
    /// everything it has and only gains a missing name.
    pub fn import_rows(&mut self, rows: &[ImportRow]) -> Result<ImportCounts, Error> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        let mut counts = ImportCounts::default();
        for row in rows {
            match self.merge(row, false) {
                Ok((upsert, token_taken)) => {
                    match upsert {
                        Upsert::Added => counts.added += 1,
                        Upsert::Updated => counts.updated += 1,
                        Upsert::StillUnsubscribed => counts.unsubscribed += 1,
                    }
                    if token_taken {
                        counts.new_tokens.push(row.line);
                    }
                }
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        Ok(counts)
    }

    /// Marks the subscriber with this address or token unsubscribed; the record stays.
    pub fn unsubscribe(&mut self, email_or_token: &str) -> Result<Option<Subscriber>, Error> {
        let found = self.find(email_or_token)?;
        if let Some(s) = &found {
            self.conn
                .execute(
                    "UPDATE subscribers SET active = 0, updated = ?2 WHERE id = ?1",
                    params![s.id, now()],
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(found.map(|s| Subscriber { active: false, ..s }))
    }

    /// The subscriber with this address (any case) or token.
    pub fn find(&self, email_or_token: &str) -> Result<Option<Subscriber>, Error> {
        let key = email_or_token.trim();
        self.conn
            .query_row(
                &format!(
                    "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE email = ?1 OR token = ?1"
                ),
                [key],
                row_to_subscriber,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every subscriber, by address.
    pub fn list(&self) -> Result<Vec<Subscriber>, Error> {
        self.query(
            &format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers ORDER BY email"),
            [],
        )
    }

    /// Active subscribers of one cadence, by id.
    pub fn active(&self, cadence: Cadence) -> Result<Vec<Subscriber>, Error> {
        self.query(
            &format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE active = 1 AND cadence = ?1 ORDER BY id"),
            [cadence.as_str()],
        )
    }

    fn query<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<Subscriber>, Error> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params, row_to_subscriber)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The journal of one edition: subscriber id → delivery.
    pub fn journal(&self, edition: &str) -> Result<HashMap<i64, Delivery>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT subscriber, state, attempts, detail FROM deliveries WHERE edition = ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([edition], |r| {
                let state: String = r.get(1)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    Delivery {
                        state: State::parse(&state),
                        attempts: r.get(2)?,
                        detail: r.get(3)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<HashMap<_, _>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Applies a batch of journal changes in one transaction (one sync to disk for the batch).
    /// Claiming (`Sending`) counts an attempt.
    pub fn record(&mut self, batch: &[JournalEntry]) -> Result<(), Error> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO deliveries (edition, subscriber, state, attempts, message_id, detail, updated)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (edition, subscriber) DO UPDATE SET
                       state = excluded.state,
                       attempts = deliveries.attempts + excluded.attempts,
                       message_id = excluded.message_id,
                       -- A claim keeps why the last attempt failed, for a release to restore.
                       detail = CASE WHEN excluded.state = 'sending' THEN deliveries.detail
                                     ELSE excluded.detail END,
                       updated = excluded.updated",
                )
                .map_err(|e| db_error(&path, e))?;
            // A result updates its claim in place: no insert to attempt, no key to check.
            let mut result = tx
                .prepare_cached(
                    "UPDATE deliveries SET state = ?3, detail = ?4, updated = ?5
                     WHERE edition = ?1 AND subscriber = ?2 AND message_id = ?6",
                )
                .map_err(|e| db_error(&path, e))?;
            let now = now();
            for e in batch {
                if e.state != State::Sending
                    && result
                        .execute(params![
                            e.edition,
                            e.subscriber,
                            e.state.as_str(),
                            e.detail,
                            now,
                            e.message_id
                        ])
                        .map_err(|e| db_error(&path, e))?
                        == 1
                {
                    continue;
                }
                let attempt = u32::from(e.state == State::Sending);
                stmt.execute(params![
                    e.edition,
                    e.subscriber,
                    e.state.as_str(),
                    attempt,
                    e.message_id,
                    e.detail,
                    now
                ])
                .map_err(|e| db_error(&path, e))?;
            }
        }
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Gives back claims that were never attempted (a clean stop): each message returns to
    /// where it stood before the claim (`before`: `None` for no row at all), with the claim's
    /// attempt taken off. Only rows still `sending` under this claim's Message-ID change.
    pub fn release(&mut self, claims: &[(JournalEntry, Option<State>)]) -> Result<usize, Error> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
        let mut released = 0;
        {
            let mut delete = tx
                .prepare_cached(
                    "DELETE FROM deliveries WHERE edition = ?1 AND subscriber = ?2
                     AND message_id = ?3 AND state = 'sending' AND attempts <= 1 AND doubt = 0",
                )
                .map_err(|e| db_error(&path, e))?;
            let mut restore = tx
                .prepare_cached(
                    "UPDATE deliveries SET state = ?4, attempts = max(attempts - 1, 0)
                     WHERE edition = ?1 AND subscriber = ?2 AND message_id = ?3 AND state = 'sending'",
                )
                .map_err(|e| db_error(&path, e))?;
            for (e, before) in claims {
                released += match before {
                    None => delete.execute(params![e.edition, e.subscriber, e.message_id]),
                    Some(state) => restore.execute(params![
                        e.edition,
                        e.subscriber,
                        e.message_id,
                        state.as_str()
                    ]),
                }
                .map_err(|e| db_error(&path, e))?;
            }
        }
        tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(released)
    }

    /// One page of an edition's audience, by id after `after`: active subscribers of the
    /// cadence (only `only`, if given), each with where their message stands.
    pub fn candidates(
        &self,
        edition: &str,
        cadence: Cadence,
        after: i64,
        limit: usize,
        only: Option<&str>,
    ) -> Result<Vec<(Subscriber, Option<State>, bool)>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {}, d.state, d.doubt FROM subscribers s
                 LEFT JOIN deliveries d ON d.edition = ?1 AND d.subscriber = s.id
                 WHERE s.active = 1 AND s.cadence = ?2 AND s.id > ?3 AND (?4 IS NULL OR s.email = ?4)
                 ORDER BY s.id LIMIT ?5",
                prefixed("s")
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![edition, cadence.as_str(), after, only, limit as i64],
                |r| {
                    let state: Option<String> = r.get(11)?;
                    let doubt: Option<i64> = r.get(12)?;
                    Ok((
                        row_to_subscriber(r)?,
                        state.as_deref().map(State::parse),
                        doubt == Some(1),
                    ))
                },
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One page of an alert's audience, by id after `after`: active subscribers who chose
    /// urgent requests (only `only`, if given), each with where their message stands.
    pub fn alert_candidates(
        &self,
        edition: &str,
        after: i64,
        limit: usize,
        only: Option<&str>,
    ) -> Result<Vec<(Subscriber, Option<State>)>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {}, d.state FROM subscribers s
                 LEFT JOIN deliveries d ON d.edition = ?1 AND d.subscriber = s.id
                 WHERE s.active = 1 AND s.urgent = 1 AND s.id > ?2 AND (?3 IS NULL OR s.email = ?3)
                 ORDER BY s.id LIMIT ?4",
                prefixed("s")
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![edition, after, only, limit as i64], |r| {
                let state: Option<String> = r.get(11)?;
                Ok((row_to_subscriber(r)?, state.as_deref().map(State::parse)))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Turns urgent requests on or off for the subscriber with this address or token; their
    /// digests are left as they are. `None` if there is no such subscriber.
    pub fn set_urgent(
        &mut self,
        email_or_token: &str,
        urgent: bool,
    ) -> Result<Option<Subscriber>, Error> {
        let found = self.find(email_or_token)?;
        if let Some(s) = &found {
            self.conn
                .execute(
                    "UPDATE subscribers SET urgent = ?2, updated = ?3 WHERE id = ?1",
                    params![s.id, urgent, now()],
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(found.map(|s| Subscriber { urgent, ..s }))
    }

    /// How many active subscribers chose urgent requests.
    pub fn urgent_count(&self) -> Result<usize, Error> {
        self.conn
            .query_row(
                "SELECT count(*) FROM subscribers WHERE active = 1 AND urgent = 1",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as usize)
            .map_err(|e| self.err(e))
    }

    /// Each alert mailed, by edition (`alert-…`): how many messages were sent, are waiting
    /// (claimed or deferred), and were refused for good.
    pub fn alert_sends(&self) -> Result<Vec<AlertSends>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT edition, count(*) FILTER (WHERE state = 'sent'),
                        count(*) FILTER (WHERE state IN ('sending', 'deferred')),
                        count(*) FILTER (WHERE state IN ('failed', 'expired'))
                 FROM deliveries WHERE edition >= 'alert-' AND edition < 'alert.'
                 GROUP BY edition ORDER BY edition",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(AlertSends {
                    edition: r.get(0)?,
                    sent: r.get::<_, i64>(1)?.max(0) as u64,
                    pending: r.get::<_, i64>(2)?.max(0) as u64,
                    failed: r.get::<_, i64>(3)?.max(0) as u64,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One page of active subscribers by id after `after` (of one cadence, and only `only`, if
    /// given).
    pub fn active_page(
        &self,
        after: i64,
        limit: usize,
        cadence: Option<Cadence>,
        only: Option<&str>,
    ) -> Result<Vec<Subscriber>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers
                 WHERE active = 1 AND id > ?1 AND (?2 IS NULL OR cadence = ?2) AND (?3 IS NULL OR email = ?3)
                 ORDER BY id LIMIT ?4"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![after, cadence.map(Cadence::as_str), only, limit as i64],
                row_to_subscriber,
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Journal rows of these editions for subscribers `first..=last`: (edition, subscriber,
    /// state, doubt).
    pub fn journal_for(
        &self,
        editions: &[String],
        first: i64,
        last: i64,
    ) -> Result<Vec<(String, i64, State, bool)>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT subscriber, state, doubt FROM deliveries
                 WHERE edition = ?1 AND subscriber BETWEEN ?2 AND ?3",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for edition in editions {
            let rows = stmt
                .query_map(params![edition, first, last], |r| {
                    let state: String = r.get(1)?;
                    Ok((
                        edition.clone(),
                        r.get::<_, i64>(0)?,
                        State::parse(&state),
                        r.get::<_, i64>(2)? == 1,
                    ))
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                out.push(row.map_err(|e| self.err(e))?);
            }
        }
        Ok(out)
    }

    /// Messages claimed (`sending`) by a run that did not finish them: (edition, subscriber).
    pub fn left_sending(&self) -> Result<Vec<(String, i64)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT edition, subscriber FROM deliveries WHERE state = 'sending'")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Marks messages that may have been delivered twice, durably, until a run has named them.
    pub fn mark_doubtful(&mut self, messages: &[(String, i64)]) -> Result<(), Error> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE deliveries SET doubt = 1 WHERE edition = ?1 AND subscriber = ?2 AND doubt = 0",
                )
                .map_err(|e| db_error(&path, e))?;
            for (edition, subscriber) in messages {
                stmt.execute(params![edition, subscriber])
                    .map_err(|e| db_error(&path, e))?;
            }
        }
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Records as sent the messages a stopped run left `sending` that the server had accepted
    /// (the in-flight record's marks): their results were waiting for the journal's next group.
    pub fn accepted_before_a_stop(&mut self, messages: &[(String, i64)]) -> Result<(), Error> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE deliveries SET state = 'sent', detail = '', updated = ?3
                     WHERE edition = ?1 AND subscriber = ?2 AND state = 'sending'",
                )
                .map_err(|e| db_error(&path, e))?;
            let now = now();
            for (edition, subscriber) in messages {
                stmt.execute(params![edition, subscriber, now])
                    .map_err(|e| db_error(&path, e))?;
            }
        }
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Messages that may have been delivered twice and that no finished run has named yet:
    /// (edition, address), by edition and address.
    pub fn doubtful(&self) -> Result<Vec<(String, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.edition, s.email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber
                 WHERE d.doubt = 1 ORDER BY d.edition, s.email",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Records that a finished run named every doubtful message.
    pub fn doubts_reported(&self) -> Result<(), Error> {
        self.conn
            .execute("UPDATE deliveries SET doubt = 2 WHERE doubt = 1", [])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Deferred or unfinished messages of editions dated before `cutoff`, which can no longer be
    /// sent, become `expired`; returns them (edition, address) so the run can say so once.
    pub fn expire_before(&self, cutoff: chrono::NaiveDate) -> Result<Vec<(String, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "UPDATE deliveries SET state = 'expired', updated = ?3
                 WHERE state IN ('deferred', 'sending')
                   AND ((edition >= 'daily-' AND edition < ?1) OR (edition >= 'weekly-' AND edition < ?2))
                 RETURNING edition, (SELECT email FROM subscribers WHERE id = subscriber)",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![format!("daily-{cutoff}"), format!("weekly-{cutoff}"), now()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let mut out: Vec<(String, String)> =
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        out.sort();
        Ok(out)
    }

    /// Folds the journal of editions dated before `cutoff` into one line each (how many sent,
    /// failed, expired) and deletes their rows, so the database stops growing. Returns how many
    /// editions were folded.
    pub fn compact_before(&mut self, cutoff: chrono::NaiveDate) -> Result<usize, Error> {
        let old: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT edition FROM deliveries
                     WHERE (edition >= 'daily-' AND edition < ?1) OR (edition >= 'weekly-' AND edition < ?2)",
                )
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map(
                    params![format!("daily-{cutoff}"), format!("weekly-{cutoff}")],
                    |r| r.get(0),
                )
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?
        };
        let path = self.path.clone();
        for edition in &old {
            let tx = self.conn.transaction().map_err(|e| db_error(&path, e))?;
            tx.execute(
                "INSERT INTO compacted (edition, sent, failed, expired, compacted)
                 SELECT ?1, count(*) FILTER (WHERE state = 'sent'), count(*) FILTER (WHERE state = 'failed'),
                        count(*) FILTER (WHERE state NOT IN ('sent', 'failed')), ?2
                 FROM deliveries WHERE edition = ?1
                 ON CONFLICT (edition) DO UPDATE SET sent = sent + excluded.sent,
                   failed = failed + excluded.failed, expired = expired + excluded.expired,
                   compacted = excluded.compacted",
                params![edition, now()],
            )
            .map_err(|e| db_error(&path, e))?;
            tx.execute("DELETE FROM deliveries WHERE edition = ?1", [edition])
                .map_err(|e| db_error(&path, e))?;
            tx.commit().map_err(|e| db_error(&path, e))?;
        }
        Ok(old.len())
    }

    /// The date of the newest edition in the journal.
    pub fn newest_edition(&self) -> Result<Option<chrono::NaiveDate>, Error> {
        let mut newest = None;
        for cadence in ["daily", "weekly"] {
            let edition: Option<String> = self
                .conn
                .query_row(
                    "SELECT max(edition) FROM deliveries WHERE edition > ?1 AND edition < ?2",
                    [format!("{cadence}-"), format!("{cadence}.")],
                    |r| r.get(0),
                )
                .map_err(|e| self.err(e))?;
            let date = edition.and_then(|e| crate::mail::health::edition_date(&e));
            newest = newest.max(date);
        }
        Ok(newest)
    }

    /// How many journal rows are in `state`.
    pub fn count_state(&self, state: &str) -> Result<u64, Error> {
        self.conn
            .query_row(
                "SELECT count(*) FROM deliveries WHERE state = ?1",
                [state],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.err(e))
    }

    /// Whether an edition's journal was folded away by [`Store::compact_before`].
    pub fn is_compacted(&self, edition: &str) -> Result<bool, Error> {
        self.conn
            .query_row(
                "SELECT 1 FROM compacted WHERE edition = ?1",
                [edition],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// Whether each commit waits for the disk (`true`, the default) or only reaches the
    /// operating system, which keeps it through a killed process but not a power cut.
    pub fn set_durable(&self, durable: bool) -> Result<(), Error> {
        self.conn
            .execute_batch(if durable {
                "PRAGMA synchronous = FULL"
            } else {
                "PRAGMA synchronous = NORMAL"
            })
            .map_err(|e| self.err(e))
    }

    /// How many messages the journal shows sent since `since` (RFC 3339), for daily caps.
    pub fn sent_since(&self, since: &str) -> Result<u64, Error> {
        self.conn
            .query_row(
                "SELECT count(*) FROM deliveries WHERE state = 'sent' AND updated >= ?1",
                [since],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.err(e))
    }
}

// Bounces: reports counted per subscriber; enough hard ones stop their mail.
impl Store {
    /// The subscriber with this id, active or not.
    pub fn subscriber_by_id(&self, id: i64) -> Result<Option<Subscriber>, Error> {
        self.conn
            .query_row(
                &format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = ?1"),
                [id],
                row_to_subscriber,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Counts a bounce report against a subscriber, once per report; `None` if this report
    /// was counted before. A subscriber still receiving mail whose hard bounces (since they
    /// last subscribed) reach `limit` is marked bounced and receives no more.
    pub fn record_bounce(
        &mut self,
        subscriber: i64,
        report: &str,
        hard: bool,
        detail: &str,
        limit: u32,
    ) -> Result<Option<BounceTally>, Error> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        let now = now();
        let added = tx
            .execute(
                "INSERT OR IGNORE INTO bounces (subscriber, report, hard, detail, received)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![subscriber, report, hard, detail, now],
            )
            .map_err(|e| db_error(&path, e))?;
        if added == 0 {
            return Ok(None);
        }
        let (hard_count, soft_count): (u32, u32) = tx
            .query_row(
                "SELECT coalesce(sum(hard), 0), coalesce(sum(1 - hard), 0) FROM bounces
                 WHERE subscriber = ?1",
                [subscriber],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| db_error(&path, e))?;
        let marked = hard
            && hard_count >= limit
            && tx
                .execute(
                    "UPDATE subscribers SET active = 0, bounced = ?2, updated = ?2
                     WHERE id = ?1 AND active = 1",
                    params![subscriber, now],
                )
                .map_err(|e| db_error(&path, e))?
                > 0;
        tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(Some(BounceTally {
            hard: hard_count,
            soft: soft_count,
            marked,
        }))
    }

    /// Bounce counts for `status`.
    pub fn bounce_summary(&self) -> Result<BounceSummary, Error> {
        let (hard, soft, bounced) = self
            .conn
            .query_row(
                "SELECT (SELECT coalesce(sum(hard), 0) FROM bounces),
                        (SELECT coalesce(sum(1 - hard), 0) FROM bounces),
                        (SELECT count(*) FROM subscribers WHERE bounced IS NOT NULL)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.email, sum(b.hard), sum(1 - b.hard) FROM bounces b
                 JOIN subscribers s ON s.id = b.subscriber
                 WHERE s.active = 1 GROUP BY s.id ORDER BY s.email",
            )
            .map_err(|e| self.err(e))?;
        let still_mailed = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        Ok(BounceSummary {
            hard,
            soft,
            bounced,
            still_mailed,
        })
    }

    /// Addresses marked bounced, with when.
    pub fn bounced(&self) -> Result<Vec<(String, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT email, bounced FROM subscribers WHERE bounced IS NOT NULL ORDER BY email",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// A subscriber's bounces after one more was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BounceTally {
    pub hard: u32,
    pub soft: u32,
    /// This report stopped their mail.
    pub marked: bool,
}

/// Bounces over the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BounceSummary {
    pub hard: i64,
    pub soft: i64,
    /// Subscribers marked bounced.
    pub bounced: i64,
    /// Subscribers still mailed who have bounced: address, hard, soft.
    pub still_mailed: Vec<(String, u32, u32)>,
}

/// One `send` or `run` pass, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRecord {
    pub kind: String,
    pub started: String,
    /// `None` when it is still running, or was killed.
    pub finished: Option<String>,
    pub summary: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: usize,
    /// Known and active: only a missing name filled in.
    pub updated: usize,
    /// Known and unsubscribed, or new and marked unsubscribed in the file: recorded, not
    /// subscribed.
    pub unsubscribed: usize,
    /// Lines whose token already belonged to another subscriber: theirs is new.
    pub new_tokens: Vec<usize>,
}

/// How far the mail of one alert got (see [`Store::alert_sends`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertSends {
    pub edition: String,
    pub sent: u64,
    pub pending: u64,
    pub failed: u64,
}

/// What [`Store::upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    /// Known and unsubscribed: details updated, still unsubscribed.
    StillUnsubscribed,
}

/// [`SUBSCRIBER_COLUMNS`] of the table known as `alias` in a join.
fn prefixed(alias: &str) -> String {
    SUBSCRIBER_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The languages active subscribers chose, each once.
    pub fn languages(&self) -> Result<Vec<Language>, Error> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT DISTINCT language FROM subscribers
                 WHERE active = 1 AND language IS NOT NULL ORDER BY language",
            )
            .map_err(|e| self.err(e))?;
        let tags = statement
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(tags
            .iter()
            .filter_map(|t| Language::parse(t).ok())
            .collect())
    }
}

fn row_to_subscriber(r: &rusqlite::Row) -> rusqlite::Result<Subscriber> {
    let cadence: String = r.get(3)?;
    let format: String = r.get(4)?;
    Ok(Subscriber {
        id: r.get(0)?,
        email: r.get(1)?,
        name: r.get(2)?,
        cadence: cadence.parse().unwrap_or(Cadence::Daily),
        format: format.parse().unwrap_or(MailFormat::Html),
        active: r.get(5)?,
        token: r.get(6)?,
        timezone: r.get::<_, Option<String>>(7)?.and_then(|z| z.parse().ok()),
        hour: r.get(8)?,
        language: r
            .get::<_, Option<String>>(9)?
            .and_then(|l| Language::parse(&l).ok()),
        urgent: r.get(10)?,
    })
}

/// Held while a `send` runs: a second `send` on the same database refuses instead of doubling
/// mail.
pub struct SendLock {
    _lock: crate::lock::FileLock,
}

impl SendLock {
    /// Takes the lock beside the database, or says who holds it.
    pub fn acquire(database: &Path) -> Result<SendLock, Error> {
        let path = crate::lock::beside(database, "lock");
        match crate::lock::FileLock::try_acquire(&path)? {
            Ok(lock) => Ok(SendLock { _lock: lock }),
            Err(pid) => Err(Error::Usage(format!(
                "another send is running (process {pid}, lock {}): nothing was sent. \
                 Wait for it to finish; running both would send mail twice",
                path.display()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::subscribers::MailFormat;

    fn entry(subscriber: i64, state: State, detail: &str) -> JournalEntry {
        JournalEntry {
            edition: "daily-2026-11-23".into(),
            subscriber,
            state,
            message_id: format!("<daily-2026-11-23.{subscriber}.x@example.org>"),
            detail: detail.into(),
        }
    }

    #[test]
    fn a_released_claim_leaves_the_message_as_it_was_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        for email in ["anna@example.org", "ben@example.org"] {
            store
                .upsert(
                    &NewSubscriber {
                        language: None,
                        email: email.into(),
                        name: String::new(),
                        cadence: Cadence::Daily,
                        format: MailFormat::Text,
                        timezone: None,
                        hour: None,
                        urgent: None,
                    },
                    false,
                )
                .unwrap();
        }
        let ids: Vec<i64> = store.list().unwrap().iter().map(|s| s.id).collect();
        let (anna, ben) = (ids[0], ids[1]);
        // Ben's last attempt was deferred; Anna has never been tried.
        store
            .record(&[entry(ben, State::Sending, "")])
            .and_then(|()| store.record(&[entry(ben, State::Deferred, "451 busy")]))
            .unwrap();
        let before = store.journal("daily-2026-11-23").unwrap();
        let claims = [
            entry(anna, State::Sending, ""),
            entry(ben, State::Sending, ""),
        ];
        store.record(&claims).unwrap();
        assert!(
            store
                .journal("daily-2026-11-23")
                .unwrap()
                .values()
                .all(|d| d.state == State::Sending)
        );
        let released = store
            .release(&[
                (claims[0].clone(), None),
                (claims[1].clone(), Some(State::Deferred)),
            ])
            .unwrap();
        assert_eq!(released, 2);
        assert_eq!(store.journal("daily-2026-11-23").unwrap(), before);
        assert!(store.left_sending().unwrap().is_empty());
        // A message whose result came in meanwhile is not touched.
        store.record(&[claims[0].clone()]).unwrap();
        store.record(&[entry(anna, State::Sent, "")]).unwrap();
        assert_eq!(store.release(&[(claims[0].clone(), None)]).unwrap(), 0);
        assert_eq!(
            store.journal("daily-2026-11-23").unwrap()[&anna].state,
            State::Sent
        );
    }

    fn reader(email: &str, urgent: Option<bool>) -> NewSubscriber {
        NewSubscriber {
            language: None,
            email: email.into(),
            name: String::new(),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: None,
            hour: None,
            urgent,
        }
    }

    #[test]
    fn a_database_from_before_urgent_requests_opens_with_its_subscribers_and_urgent_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        {
            // The subscribers table as releases before urgent requests made it, with a row.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE subscribers (
                    id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL DEFAULT '', cadence TEXT NOT NULL, format TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1, token TEXT NOT NULL UNIQUE,
                    created TEXT NOT NULL, updated TEXT NOT NULL, timezone TEXT, bounced TEXT,
                    hour INTEGER, language TEXT);
                 INSERT INTO subscribers (email, name, cadence, format, token, created, updated, hour)
                 VALUES ('anna@example.org', 'Anna', 'weekly', 'text',
                         '0123456789abcdef0123456789abcdef', 'x', 'x', 7);",
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        let anna = store.find("anna@example.org").unwrap().unwrap();
        assert_eq!(
            (anna.name.as_str(), anna.cadence, anna.hour, anna.urgent),
            ("Anna", Cadence::Weekly, Some(7), false)
        );
        assert_eq!(anna.token, "0123456789abcdef0123456789abcdef");
        // Opening it again adds nothing twice.
        drop(store);
        store = Store::open(&path).unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
    }

    #[test]
    fn urgent_requests_are_off_unless_chosen_and_kept_when_not_given() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        store
            .upsert(&reader("anna@example.org", None), true)
            .unwrap();
        store
            .upsert(&reader("ben@example.org", Some(true)), true)
            .unwrap();
        assert!(!store.find("anna@example.org").unwrap().unwrap().urgent);
        // Changing something else keeps Ben's choice.
        store
            .upsert(&reader("ben@example.org", None), true)
            .unwrap();
        assert!(store.find("ben@example.org").unwrap().unwrap().urgent);
        let page = store.alert_candidates("alert-x", 0, 10, None).unwrap();
        let emails: Vec<&str> = page.iter().map(|(s, _)| s.email.as_str()).collect();
        assert_eq!(emails, ["ben@example.org"]);
    }

    #[test]
    fn stopping_urgent_requests_keeps_the_digest() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        store
            .upsert(&reader("ben@example.org", Some(true)), true)
            .unwrap();
        let token = store.find("ben@example.org").unwrap().unwrap().token;
        let ben = store.set_urgent(&token, false).unwrap().unwrap();
        assert!(!ben.urgent && ben.active);
        assert!(
            store
                .alert_candidates("alert-x", 0, 10, None)
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.active(Cadence::Daily).unwrap().len(), 1);
        assert!(
            store
                .set_urgent("nobody@example.org", false)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn alert_sends_are_counted_per_alert_and_digests_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        store
            .upsert(&reader("anna@example.org", Some(true)), true)
            .unwrap();
        store
            .upsert(&reader("ben@example.org", Some(true)), true)
            .unwrap();
        let ids: Vec<i64> = store.list().unwrap().iter().map(|s| s.id).collect();
        let row = |edition: &str, subscriber: i64, state: State| JournalEntry {
            edition: edition.into(),
            subscriber,
            state,
            message_id: format!("<{edition}.{subscriber}>"),
            detail: String::new(),
        };
        store
            .record(&[
                row("alert-2026-12-07-ng", ids[0], State::Sent),
                row("alert-2026-12-07-ng", ids[1], State::Sending),
                row("daily-2026-12-07", ids[0], State::Sent),
            ])
            .unwrap();
        assert_eq!(
            store.alert_sends().unwrap(),
            [AlertSends {
                edition: "alert-2026-12-07-ng".into(),
                sent: 1,
                pending: 1,
                failed: 0
            }]
        );
    }
}
