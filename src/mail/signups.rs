//! Sign-ups waiting for confirmation (double opt-in), kept in the same database as the
//! subscribers: only an address whose owner followed the confirmation link receives digests.
//!
//! Nothing here says whether an address is known: `request` answers the same way for a new
//! address, a pending one and a subscriber, and mails each address at most once an hour.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use crate::content::locale::Language;
use crate::error::Error;
use crate::mail::store::{Store, Upsert};
use crate::mail::subscribers::{Cadence, MailFormat, NewSubscriber, Subscriber};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS signups (
    email     TEXT PRIMARY KEY COLLATE NOCASE,
    name      TEXT NOT NULL DEFAULT '',
    cadence   TEXT NOT NULL,
    format    TEXT NOT NULL,
    timezone  TEXT,
    hour      INTEGER,
    language  TEXT,
    token     TEXT NOT NULL UNIQUE,
    created   TEXT NOT NULL,
    mailed    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notices (
    email   TEXT PRIMARY KEY COLLATE NOCASE,
    mailed  TEXT NOT NULL
);
";

/// At most one email an hour to any one address, whatever is asked.
pub const MAIL_INTERVAL: Duration = Duration::hours(1);

/// What a sign-up request calls for. The web page shows the same answer for every one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Mail this confirmation token to the address.
    Confirm(String),
    /// The address already receives the guide: mail them their preferences link instead.
    AlreadySubscribed(Subscriber),
    /// The address was mailed within the hour: send nothing.
    Quiet,
}

/// A sign-up not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub email: String,
    pub name: String,
    pub cadence: Cadence,
    pub format: MailFormat,
    pub created: DateTime<Utc>,
    /// The language chosen on the form, if any (the schedule's otherwise).
    pub language: Option<String>,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn parse_stamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).map_or(DateTime::<Utc>::MIN_UTC, |t| t.to_utc())
}

/// Columns added to `signups` after it was first made: added to an older table when missing.
const ADDED_COLUMNS: [(&str, &str); 2] = [
    ("language", "TEXT"),
    // Urgent requests by email, ticked on the form.
    ("urgent", "INTEGER NOT NULL DEFAULT 0"),
];

/// Creates the tables if needed, and adds the later columns to a table made before them.
pub fn prepare(store: &Store) -> Result<(), Error> {
    let conn = store.connection();
    conn.execute_batch(SCHEMA).map_err(|e| store.error(e))?;
    for (column, definition) in ADDED_COLUMNS {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('signups') WHERE name = ?1",
                [column],
                |r| r.get(0),
            )
            .map_err(|e| store.error(e))?;
        if exists == 0 {
            conn.execute_batch(&format!(
                "ALTER TABLE signups ADD COLUMN {column} {definition}"
            ))
            .map_err(|e| store.error(e))?;
        }
    }
    Ok(())
}

/// Records a sign-up for `new` and says what to mail.
pub fn request(
    store: &mut Store,
    new: &NewSubscriber,
    now: DateTime<Utc>,
) -> Result<Request, Error> {
    prepare(store)?;
    let recent = stamp(now - MAIL_INTERVAL);
    if let Some(subscriber) = store.find(&new.email)?.filter(|s| s.active) {
        let conn = store.connection();
        let mailed: Option<String> = conn
            .query_row(
                "SELECT mailed FROM notices WHERE email = ?1",
                [&new.email],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| store.error(e))?;
        if mailed.is_some_and(|m| m > recent) {
            return Ok(Request::Quiet);
        }
        conn.execute(
            "INSERT INTO notices (email, mailed) VALUES (?1, ?2)
             ON CONFLICT (email) DO UPDATE SET mailed = ?2",
            params![new.email, stamp(now)],
        )
        .map_err(|e| store.error(e))?;
        return Ok(Request::AlreadySubscribed(subscriber));
    }
    let conn = store.connection();
    let existing: Option<(String, String)> = conn
        .query_row(
            "SELECT token, mailed FROM signups WHERE email = ?1",
            [&new.email],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| store.error(e))?;
    let zone = new.timezone.map(|z| z.name());
    let language = new.language.as_ref().map(Language::as_str);
    match existing {
        // The first choices stay: anyone can post any address, so a later post must not
        // rewrite what the owner chose (they change it under preferences once confirmed). It
        // only mails the same link again, at most once an hour, valid from now.
        Some((token, mailed)) => {
            if mailed > recent {
                return Ok(Request::Quiet);
            }
            conn.execute(
                "UPDATE signups SET created = ?2, mailed = ?2 WHERE email = ?1",
                params![new.email, stamp(now)],
            )
            .map_err(|e| store.error(e))?;
            Ok(Request::Confirm(token))
        }
        None => {
            let token = crate::mail::store::new_token()?;
            conn.execute(
                "INSERT INTO signups (email, name, cadence, format, timezone, hour, token, created, mailed, language, urgent)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)",
                params![
                    new.email,
                    new.name,
                    new.cadence.as_str(),
                    new.format.as_str(),
                    zone,
                    new.hour,
                    token,
                    stamp(now),
                    language,
                    new.urgent.unwrap_or(false)
                ],
            )
            .map_err(|e| store.error(e))?;
            Ok(Request::Confirm(token))
        }
    }
}

/// Confirms the sign-up with `token` if it is younger than `expiry`: the address becomes an
/// active subscriber. A token used once, expired or unknown confirms nothing.
pub fn confirm(
    store: &mut Store,
    token: &str,
    now: DateTime<Utc>,
    expiry: Duration,
) -> Result<Option<Subscriber>, Error> {
    prepare(store)?;
    let row = store
        .connection()
        .query_row(
            "SELECT email, name, cadence, format, timezone, hour, created, language, urgent
             FROM signups WHERE token = ?1",
            [token.trim()],
            |r| {
                Ok((
                    NewSubscriber {
                        language: r
                            .get::<_, Option<String>>(7)?
                            .and_then(|l| Language::parse(&l).ok()),
                        email: r.get(0)?,
                        name: r.get(1)?,
                        cadence: r.get::<_, String>(2)?.parse().unwrap_or(Cadence::Daily),
                        format: r.get::<_, String>(3)?.parse().unwrap_or(MailFormat::Html),
                        timezone: r.get::<_, Option<String>>(4)?.and_then(|z| z.parse().ok()),
                        hour: r.get(5)?,
                        urgent: Some(r.get(8)?),
                    },
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()
        .map_err(|e| store.error(e))?;
    let Some((new, created)) = row else {
        return Ok(None);
    };
    if parse_stamp(&created) + expiry < now {
        return Ok(None);
    }
    // Confirming is the owner's own request, so it subscribes again an address that had left.
    let _: Upsert = store.upsert(&new, true)?;
    store
        .connection()
        .execute("DELETE FROM signups WHERE token = ?1", [token.trim()])
        .map_err(|e| store.error(e))?;
    store.find(&new.email)
}

/// The language a pending sign-up chose, to show its confirmation page in: `None` for an
/// unknown token or a sign-up that chose none.
pub fn language_of(store: &Store, token: &str) -> Result<Option<Language>, Error> {
    prepare(store)?;
    let language: Option<Option<String>> = store
        .connection()
        .query_row(
            "SELECT language FROM signups WHERE token = ?1",
            [token.trim()],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| store.error(e))?;
    Ok(language.flatten().and_then(|l| Language::parse(&l).ok()))
}

/// Lets the next request mail `email` again at once: the last email could not be sent.
pub fn forget_mailing(store: &Store, email: &str) -> Result<(), Error> {
    let conn = store.connection();
    conn.execute("UPDATE signups SET mailed = '' WHERE email = ?1", [email])
        .map_err(|e| store.error(e))?;
    conn.execute("DELETE FROM notices WHERE email = ?1", [email])
        .map_err(|e| store.error(e))?;
    Ok(())
}

/// The editions mailed to subscriber `id`, newest first, with their state: for a person who
/// asks what is held about them.
pub fn history(store: &Store, id: i64) -> Result<Vec<(String, String, String)>, Error> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT edition, state, updated FROM deliveries WHERE subscriber = ?1
             ORDER BY updated DESC",
        )
        .map_err(|e| store.error(e))?;
    let rows = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(|e| store.error(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.error(e))
}

/// Sign-ups not yet confirmed, oldest first.
pub fn pending(store: &Store) -> Result<Vec<Pending>, Error> {
    prepare(store)?;
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT email, name, cadence, format, created, language FROM signups ORDER BY created",
        )
        .map_err(|e| store.error(e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Pending {
                email: r.get(0)?,
                name: r.get(1)?,
                cadence: r.get::<_, String>(2)?.parse().unwrap_or(Cadence::Daily),
                format: r.get::<_, String>(3)?.parse().unwrap_or(MailFormat::Html),
                created: parse_stamp(&r.get::<_, String>(4)?),
                language: r.get(5)?,
            })
        })
        .map_err(|e| store.error(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.error(e))
}

/// The confirmation token of a pending address, for an administrator who confirms by hand.
pub fn token_of(store: &Store, email: &str) -> Result<Option<String>, Error> {
    prepare(store)?;
    store
        .connection()
        .query_row(
            "SELECT token FROM signups WHERE email = ?1",
            [email.trim()],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| store.error(e))
}

/// Deletes sign-ups older than `expiry` and notices older than an hour; returns how many
/// sign-ups went.
pub fn expire(store: &Store, now: DateTime<Utc>, expiry: Duration) -> Result<usize, Error> {
    prepare(store)?;
    let conn = store.connection();
    let gone = conn
        .execute(
            "DELETE FROM signups WHERE created < ?1",
            [stamp(now - expiry)],
        )
        .map_err(|e| store.error(e))?;
    conn.execute(
        "DELETE FROM notices WHERE mailed < ?1",
        [stamp(now - MAIL_INTERVAL)],
    )
    .map_err(|e| store.error(e))?;
    Ok(gone)
}

/// Erases what identifies the subscriber with `token`, in one transaction: the address and
/// name are replaced, the token changes, their choices, bounce reports and the mail servers'
/// answers to their deliveries go, any sign-up or notice for the address goes, and any other
/// text in any table that still quotes the address has it replaced by `[erased]`. Delivery
/// history stays, keyed by a number that now points at no one. The old bytes stay in the
/// file's free pages until [`Store::vacuum`].
pub fn erase(store: &mut Store, token: &str) -> Result<bool, Error> {
    prepare(store)?;
    let Some(subscriber) = store.find(token)?.filter(|s| s.token == token.trim()) else {
        return Ok(false);
    };
    let conn = store.connection();
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(|e| store.error(e))?;
    match scrub(store, &subscriber) {
        Ok(()) => conn.execute_batch("COMMIT").map_err(|e| store.error(e))?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(true)
}

fn scrub(store: &Store, subscriber: &Subscriber) -> Result<(), Error> {
    let conn = store.connection();
    let run = |sql: &str, params: &[&dyn rusqlite::ToSql]| {
        conn.execute(sql, params)
            .map(|_| ())
            .map_err(|e| store.error(e))
    };
    run(
        "UPDATE subscribers SET email = ?2, name = '', active = 0, token = ?3, timezone = NULL,
         hour = NULL, language = NULL, bounced = NULL, updated = ?4 WHERE id = ?1",
        params![
            subscriber.id,
            format!("erased-{}@erased.invalid", subscriber.id),
            crate::mail::store::new_token()?,
            stamp(Utc::now())
        ],
    )?;
    // A refusal quotes the address ("550 <anna@example.org>: no such user"), a bounce report
    // the address and often the name.
    run(
        "UPDATE deliveries SET detail = '' WHERE subscriber = ?1",
        params![subscriber.id],
    )?;
    run(
        "DELETE FROM bounces WHERE subscriber = ?1",
        params![subscriber.id],
    )?;
    for table in ["signups", "notices"] {
        run(
            &format!("DELETE FROM {table} WHERE email = ?1"),
            params![subscriber.email],
        )?;
    }
    // Whatever else quotes the address, in any case, in any table (a run's summary, a table
    // added later): replace each spelling found until none is left.
    let columns: Vec<(String, String)> = {
        let mut stmt = conn
            .prepare(
                "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            )
            .map_err(|e| store.error(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| store.error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| store.error(e))?
    };
    for (table, column) in columns {
        let sql = format!(
            "UPDATE \"{table}\" SET \"{column}\" = replace(\"{column}\",
                 substr(\"{column}\", instr(lower(\"{column}\"), lower(?1)), length(?1)), '[erased]')
             WHERE typeof(\"{column}\") = 'text' AND instr(lower(\"{column}\"), lower(?1)) > 0"
        );
        // Each pass replaces one spelling of the address per row; a row rarely holds two.
        for _ in 0..8 {
            let changed = conn
                .execute(&sql, [&subscriber.email])
                .map_err(|e| store.error(e))?;
            if changed == 0 {
                break;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).unwrap();
        (dir, store)
    }

    fn anna() -> NewSubscriber {
        NewSubscriber {
            language: None,
            email: "anna@example.org".into(),
            name: "Anna".into(),
            cadence: Cadence::Weekly,
            format: MailFormat::Text,
            timezone: Some(chrono_tz::America::Chicago),
            hour: Some(7),
            urgent: None,
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn only_a_confirmed_address_becomes_a_subscriber() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let Request::Confirm(token) = request(&mut store, &anna(), now).unwrap() else {
            panic!("a new address is mailed a confirmation")
        };
        assert!(store.find("anna@example.org").unwrap().is_none());
        assert_eq!(pending(&store).unwrap().len(), 1);
        let s = confirm(&mut store, &token, now, Duration::hours(48))
            .unwrap()
            .unwrap();
        assert!(s.active);
        assert_eq!(
            (s.cadence, s.format, s.hour),
            (Cadence::Weekly, MailFormat::Text, Some(7))
        );
        assert_eq!(s.timezone, Some(chrono_tz::America::Chicago));
        assert!(pending(&store).unwrap().is_empty());
        // A replayed link confirms nothing.
        assert_eq!(
            confirm(&mut store, &token, now, Duration::hours(48)).unwrap(),
            None
        );
    }

    #[test]
    fn the_chosen_language_is_kept_until_confirmed() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let es = Language::parse("es").unwrap();
        let new = NewSubscriber {
            language: Some(es.clone()),
            ..anna()
        };
        let Request::Confirm(token) = request(&mut store, &new, now).unwrap() else {
            panic!("a new address is mailed a confirmation")
        };
        assert_eq!(language_of(&store, &token).unwrap(), Some(es.clone()));
        assert_eq!(language_of(&store, "no-such-token").unwrap(), None);
        let s = confirm(&mut store, &token, now, Duration::hours(48))
            .unwrap()
            .unwrap();
        assert_eq!(s.language, Some(es));
    }

    #[test]
    fn urgent_requests_ticked_on_the_form_are_kept_until_confirmed() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        for (email, urgent) in [("anna@example.org", Some(true)), ("ben@example.org", None)] {
            let new = NewSubscriber {
                email: email.into(),
                urgent,
                ..anna()
            };
            let Request::Confirm(token) = request(&mut store, &new, now).unwrap() else {
                panic!("a new address is mailed a confirmation")
            };
            let s = confirm(&mut store, &token, now, Duration::hours(48))
                .unwrap()
                .unwrap();
            assert_eq!(s.urgent, urgent == Some(true), "{email}");
        }
    }

    #[test]
    fn a_signups_table_from_before_languages_gains_the_column() {
        let (_dir, store) = store();
        store
            .connection()
            .execute_batch(
                "CREATE TABLE signups (email TEXT PRIMARY KEY COLLATE NOCASE, name TEXT NOT NULL DEFAULT '',
                 cadence TEXT NOT NULL, format TEXT NOT NULL, timezone TEXT, hour INTEGER,
                 token TEXT NOT NULL UNIQUE, created TEXT NOT NULL, mailed TEXT NOT NULL)",
            )
            .unwrap();
        prepare(&store).unwrap();
        prepare(&store).unwrap();
        assert_eq!(language_of(&store, "none").unwrap(), None);
    }

    #[test]
    fn mails_an_address_at_most_once_an_hour_and_says_nothing_of_it() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let first = request(&mut store, &anna(), now).unwrap();
        assert!(matches!(first, Request::Confirm(_)));
        for minutes in [1, 30, 59] {
            let later = now + Duration::minutes(minutes);
            assert_eq!(request(&mut store, &anna(), later).unwrap(), Request::Quiet);
        }
        let Request::Confirm(token) =
            request(&mut store, &anna(), now + Duration::minutes(61)).unwrap()
        else {
            panic!("mailed again after an hour")
        };
        assert_eq!(Request::Confirm(token.clone()), first, "the same link");
        confirm(&mut store, &token, now, Duration::hours(48))
            .unwrap()
            .unwrap();
        let again = now + Duration::hours(3);
        assert!(matches!(
            request(&mut store, &anna(), again).unwrap(),
            Request::AlreadySubscribed(_)
        ));
        assert_eq!(request(&mut store, &anna(), again).unwrap(), Request::Quiet);
    }

    #[test]
    fn a_later_post_of_a_pending_address_changes_none_of_its_choices() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let Request::Confirm(token) = request(&mut store, &anna(), now).unwrap() else {
            panic!("a new address is mailed a confirmation")
        };
        let other = NewSubscriber {
            language: Some(Language::parse("fr").unwrap()),
            name: "<a href=https://spam.example>win</a>".into(),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: Some(chrono_tz::Asia::Tokyo),
            hour: Some(23),
            ..anna()
        };
        assert_eq!(request(&mut store, &other, now).unwrap(), Request::Quiet);
        let later = now + Duration::minutes(61);
        assert_eq!(
            request(&mut store, &other, later).unwrap(),
            Request::Confirm(token.clone()),
            "the same link again"
        );
        let s = confirm(&mut store, &token, later, Duration::hours(48))
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                s.name.as_str(),
                s.cadence,
                s.format,
                s.hour,
                s.timezone,
                s.language
            ),
            (
                "Anna",
                Cadence::Weekly,
                MailFormat::Text,
                Some(7),
                Some(chrono_tz::America::Chicago),
                None
            )
        );
    }

    #[test]
    fn an_expired_link_confirms_nothing_and_is_cleaned_up() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let Request::Confirm(token) = request(&mut store, &anna(), now).unwrap() else {
            panic!()
        };
        let late = now + Duration::hours(49);
        assert_eq!(
            confirm(&mut store, &token, late, Duration::hours(48)).unwrap(),
            None
        );
        assert_eq!(expire(&store, late, Duration::hours(48)).unwrap(), 1);
        assert!(pending(&store).unwrap().is_empty());
    }

    #[test]
    fn erasing_removes_the_address_and_keeps_no_way_back() {
        let (_dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let Request::Confirm(token) = request(&mut store, &anna(), now).unwrap() else {
            panic!()
        };
        let s = confirm(&mut store, &token, now, Duration::hours(48))
            .unwrap()
            .unwrap();
        assert!(!erase(&mut store, "not-a-token").unwrap());
        assert!(erase(&mut store, &s.token).unwrap());
        assert!(store.find("anna@example.org").unwrap().is_none());
        assert!(store.find(&s.token).unwrap().is_none());
        let list = store.list().unwrap();
        assert_eq!(list.len(), 1);
        assert!(!list[0].active && list[0].name.is_empty());
        assert!(list[0].email.ends_with("@erased.invalid"));
    }

    #[test]
    fn erasing_leaves_the_address_and_name_nowhere_in_the_file() {
        let (dir, mut store) = store();
        let now = at("2026-11-25T10:00:00Z");
        let new = NewSubscriber {
            name: "Zebulon Quigley".into(),
            ..anna()
        };
        let Request::Confirm(token) = request(&mut store, &new, now).unwrap() else {
            panic!()
        };
        let s = confirm(&mut store, &token, now, Duration::hours(48))
            .unwrap()
            .unwrap();
        store
            .record(&[crate::mail::store::JournalEntry {
                edition: "daily-2026-11-25".into(),
                subscriber: s.id,
                state: crate::mail::store::State::Failed,
                message_id: "<x@example.org>".into(),
                detail: "550 5.1.1 <Anna@Example.org>: no such user".into(),
            }])
            .unwrap();
        store
            .record_bounce(
                s.id,
                "report-1",
                true,
                "Zebulon Quigley <anna@example.org>",
                3,
            )
            .unwrap();
        let run = store.start_run("send").unwrap();
        store
            .finish_run(run, "refused: ANNA@EXAMPLE.ORG and anna@example.org")
            .unwrap();

        assert!(erase(&mut store, &s.token).unwrap());
        assert!(
            store.vacuum().unwrap(),
            "no other reader: the log is emptied"
        );
        let summary: String = store
            .connection()
            .query_row("SELECT summary FROM runs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(summary, "refused: [erased] and [erased]");
        for file in ["db.sqlite", "db.sqlite-wal"] {
            let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            assert!(
                !text.contains("anna@example.org"),
                "{file} holds the address"
            );
            assert!(!text.contains("quigley"), "{file} holds the name");
        }
    }
}
