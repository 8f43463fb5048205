//! "I will pray": anonymous commitments, one per reader per day, counted per day and country.
//!
//! **Who is not stored.** A reader is known only by a random token their browser keeps (a
//! cookie `serve` sets on the first press: no account, no address). Each day that can be prayed
//! for has a random salt of its own, and a commitment leaves the mark HMAC-SHA256(salt, token):
//! enough to see that the same browser pressed twice on one day, nothing that links one
//! reader's days together (each day's salt differs) or leads back to the token. When a day can
//! no longer be prayed for, its salt and marks are deleted and only its counts stay. No address,
//! IP or token is ever written.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use crate::error::Error;
use crate::mail::store::Store;

/// A day may be prayed for from this many days before today (a weekly digest read late)…
pub const DAYS_BACK: i64 = 7;
/// …to this many after (a reader whose day has begun before the schedule's).
pub const DAYS_AHEAD: i64 = 1;
/// Salts and marks are kept this many days after their day, more than [`DAYS_BACK`] so a
/// reader in a zone behind the schedule's is still recognised.
const KEEP_MARKS_DAYS: i64 = DAYS_BACK + 2;

/// One press of "I will pray".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub day: NaiveDate,
    /// The day's country code (`NG`), or empty on a theme day.
    pub country: String,
    /// The reader's browser token; hashed with the day's salt, never stored.
    pub reader: String,
}

/// What a press did, with the day's count after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Counted(u64),
    /// This browser had already said so for this day: not counted again.
    Already(u64),
}

impl Outcome {
    pub fn count(self) -> u64 {
        match self {
            Outcome::Counted(n) | Outcome::Already(n) => n,
        }
    }
}

/// Records `batch` in one transaction (one write to disk for many readers) and says what each
/// press did, in order.
pub fn record(store: &mut Store, batch: &[Commitment]) -> Result<Vec<Outcome>, Error> {
    let tx =
        rusqlite::Transaction::new_unchecked(store.connection(), TransactionBehavior::Immediate)
            .map_err(|e| store.error(e))?;
    // Per day of the batch: its salt's key and its count so far.
    let mut days: HashMap<NaiveDate, (ring::hmac::Key, u64)> = HashMap::new();
    let mut outcomes = Vec::with_capacity(batch.len());
    for c in batch {
        let day = c.day.to_string();
        let (key, total) = match days.entry(c.day) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(first) => {
                let salt = salt_of(&tx, c.day).map_err(|e| store.error(e))?;
                let total = day_count(&tx, &day).map_err(|e| store.error(e))?;
                let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &salt);
                first.insert((key, total))
            }
        };
        let mark = ring::hmac::sign(key, c.reader.as_bytes());
        let new = tx
            .prepare_cached("INSERT OR IGNORE INTO prayer_marks (day, mark) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![day, &mark.as_ref()[..16]]))
            .map_err(|e| store.error(e))?
            == 1;
        if new {
            tx.prepare_cached(
                "INSERT INTO prayers (day, country, count) VALUES (?1, ?2, 1)
                 ON CONFLICT (day, country) DO UPDATE SET count = count + 1",
            )
            .and_then(|mut s| s.execute(params![day, c.country]))
            .map_err(|e| store.error(e))?;
            *total += 1;
        }
        outcomes.push(if new {
            Outcome::Counted(*total)
        } else {
            Outcome::Already(*total)
        });
    }
    tx.commit().map_err(|e| store.error(e))?;
    Ok(outcomes)
}

/// The salt of `day`, made the first time the day is prayed for; making one also forgets the
/// salts and marks of days that can no longer be prayed for.
fn salt_of(conn: &rusqlite::Connection, day: NaiveDate) -> rusqlite::Result<Vec<u8>> {
    let key = day.to_string();
    if let Some(salt) = conn
        .query_row(
            "SELECT salt FROM prayer_salts WHERE day = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(salt);
    }
    let mut salt = vec![0u8; 32];
    getrandom::fill(&mut salt).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(format!("no randomness for a salt: {e}").into())
    })?;
    conn.execute(
        "INSERT INTO prayer_salts (day, salt) VALUES (?1, ?2)",
        params![key, salt],
    )?;
    let cutoff = (day - chrono::Days::new(KEEP_MARKS_DAYS as u64)).to_string();
    conn.execute("DELETE FROM prayer_marks WHERE day < ?1", [&cutoff])?;
    conn.execute("DELETE FROM prayer_salts WHERE day < ?1", [&cutoff])?;
    Ok(salt)
}

fn day_count(conn: &rusqlite::Connection, day: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT coalesce(sum(count), 0) FROM prayers WHERE day = ?1",
        [day],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
}

/// How many said they would pray on `day`.
pub fn count(store: &Store, day: NaiveDate) -> Result<u64, Error> {
    day_count(store.connection(), &day.to_string()).map_err(|e| store.error(e))
}

/// The counts the editors see in `status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub today: u64,
    pub last_7_days: u64,
    pub last_30_days: u64,
    pub all: u64,
    /// The last 30 days by country code (empty: theme days), most first.
    pub by_country: Vec<(String, u64)>,
}

/// The counts up to `today`.
pub fn summary(store: &Store, today: NaiveDate) -> Result<Summary, Error> {
    let conn = store.connection();
    let since = |days: u64| (today - chrono::Days::new(days)).to_string();
    let sum = |from: &str| -> Result<u64, Error> {
        conn.query_row(
            "SELECT coalesce(sum(count), 0) FROM prayers WHERE day >= ?1 AND day <= ?2",
            params![from, today.to_string()],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n.max(0) as u64)
        .map_err(|e| store.error(e))
    };
    let mut statement = conn
        .prepare(
            "SELECT country, sum(count) AS n FROM prayers WHERE day >= ?1 AND day <= ?2
             GROUP BY country ORDER BY n DESC, country",
        )
        .map_err(|e| store.error(e))?;
    let by_country = statement
        .query_map(params![since(29), today.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })
        .and_then(Iterator::collect)
        .map_err(|e| store.error(e))?;
    Ok(Summary {
        today: sum(&today.to_string())?,
        last_7_days: sum(&since(6))?,
        last_30_days: sum(&since(29))?,
        all: sum("0000-00-00")?,
        by_country,
    })
}

impl Summary {
    /// The lines `status` prints; nothing while no one has pressed the button.
    pub fn render(&self) -> String {
        if self.all == 0 {
            return String::new();
        }
        let countries: Vec<String> = self
            .by_country
            .iter()
            .map(|(code, n)| {
                let name = if code.is_empty() { "theme days" } else { code };
                format!("{name} {n}")
            })
            .collect();
        format!(
            "\"I will pray\": today {}, last 7 days {}, last 30 days {}, in all {}\n\
             \"I will pray\" by country, last 30 days: {}\n",
            self.today,
            self.last_7_days,
            self.last_30_days,
            self.all,
            countries.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn press(d: u32, country: &str, reader: &str) -> Commitment {
        Commitment {
            day: day(d),
            country: country.into(),
            reader: reader.into(),
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_reader_counts_once_a_day_and_again_the_next_day() {
        let (_dir, mut store) = store();
        let outcomes = record(
            &mut store,
            &[
                press(1, "NG", "reader-a"),
                press(1, "NG", "reader-a"),
                press(1, "NG", "reader-b"),
            ],
        )
        .unwrap();
        assert_eq!(
            outcomes,
            [
                Outcome::Counted(1),
                Outcome::Already(1),
                Outcome::Counted(2)
            ]
        );
        // A later batch, and the next day.
        assert_eq!(
            record(&mut store, &[press(1, "NG", "reader-b")]).unwrap(),
            [Outcome::Already(2)]
        );
        assert_eq!(
            record(&mut store, &[press(2, "IN", "reader-a")]).unwrap(),
            [Outcome::Counted(1)]
        );
        assert_eq!(count(&store, day(1)).unwrap(), 2);
        assert_eq!(count(&store, day(2)).unwrap(), 1);
        assert_eq!(count(&store, day(3)).unwrap(), 0);
    }

    #[test]
    fn a_database_made_before_the_counts_gets_their_tables_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let old = Store::open(&path).unwrap();
        old.connection()
            .execute_batch("DROP TABLE prayers; DROP TABLE prayer_salts; DROP TABLE prayer_marks;")
            .unwrap();
        drop(old);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            record(&mut store, &[press(1, "NG", "a")]).unwrap(),
            [Outcome::Counted(1)]
        );
    }

    #[test]
    fn the_database_holds_no_token_and_days_marks_cannot_be_linked() {
        let (_dir, mut store) = store();
        record(
            &mut store,
            &[
                press(1, "NG", "secret-token"),
                press(2, "IN", "secret-token"),
            ],
        )
        .unwrap();
        let conn = store.connection();
        let marks: Vec<Vec<u8>> = conn
            .prepare("SELECT mark FROM prayer_marks ORDER BY day")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(marks.len(), 2);
        assert_ne!(
            marks[0], marks[1],
            "the same reader leaves a different mark each day"
        );
        let dump: String = conn
            .prepare("SELECT quote(day) || quote(mark) FROM prayer_marks UNION ALL SELECT quote(day) || country || count FROM prayers")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .join("\n");
        assert!(!dump.contains("secret-token"), "{dump}");
        assert!(
            !dump.to_lowercase().contains(&hex("secret-token")),
            "{dump}"
        );
    }

    fn hex(text: &str) -> String {
        text.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_days_salt_and_marks_go_once_it_can_no_longer_be_prayed_for() {
        let (_dir, mut store) = store();
        record(&mut store, &[press(1, "NG", "a")]).unwrap();
        let remaining = |store: &Store| -> (i64, i64) {
            let c = store.connection();
            (
                c.query_row(
                    "SELECT count(*) FROM prayer_salts WHERE day = '2027-03-01'",
                    [],
                    |r| r.get(0),
                )
                .unwrap(),
                c.query_row(
                    "SELECT count(*) FROM prayer_marks WHERE day = '2027-03-01'",
                    [],
                    |r| r.get(0),
                )
                .unwrap(),
            )
        };
        record(&mut store, &[press(10, "IN", "a")]).unwrap();
        assert_eq!(remaining(&store), (1, 1), "nine days on, still kept");
        record(&mut store, &[press(11, "IN", "a")]).unwrap();
        assert_eq!(remaining(&store), (0, 0));
        assert_eq!(count(&store, day(1)).unwrap(), 1, "the count stays");
    }

    #[test]
    fn the_summary_sums_by_period_and_country() {
        let (_dir, mut store) = store();
        record(
            &mut store,
            &[
                press(1, "NG", "a"),
                press(20, "IN", "a"),
                press(25, "NG", "a"),
                press(25, "NG", "b"),
                press(28, "", "a"),
            ],
        )
        .unwrap();
        let s = summary(&store, day(28)).unwrap();
        assert_eq!(
            s,
            Summary {
                today: 1,
                last_7_days: 3,
                last_30_days: 5,
                all: 5,
                by_country: vec![("NG".into(), 3), ("".into(), 1), ("IN".into(), 1)],
            }
        );
        assert_eq!(
            s.render(),
            "\"I will pray\": today 1, last 7 days 3, last 30 days 5, in all 5\n\
             \"I will pray\" by country, last 30 days: NG 3, theme days 1, IN 1\n"
        );
        let (_dir, empty) = self::store();
        assert_eq!(summary(&empty, day(28)).unwrap().render(), "");
    }
}
