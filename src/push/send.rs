//! A round of reminders: for each browser whose hour has come, the day's reminder, claimed in
//! the journal (durably) before it goes, encrypted for that browser (RFC 8291), signed for its
//! push service (VAPID, RFC 8292) and posted (RFC 8030); then marked by the answer. A 404 or
//! 410 means the browser is gone: its subscription is deleted. A 429 or 5xx is tried again
//! in a later round the same day.
//!
//! Never twice, never lost: a run killed between claim and answer leaves the row claimed, and
//! the next round sends it again with the same `Topic` header (the push service replaces an
//! undelivered message of the same topic) and the same notification `tag` (the page's worker
//! replaces a notification already shown), so the reader sees one reminder either way.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::content::locale::Language;
use crate::content::project::Project;
use crate::content::push_config::PushConfig;
use crate::error::Error;
use crate::post::message::{self, Block};
use crate::publish::assemble::Assembler;
use crate::push::due::{edition, owed};
use crate::push::ece::{self, MAX_PAYLOAD};
use crate::push::keys::VapidKey;
use crate::push::store::{PushState, PushStore, Subscriber};
use crate::push::subscription::audience;
use crate::rotation::Audience;

/// One push's HTTP exchange at most.
const TIMEOUT: Duration = Duration::from_secs(20);
/// Tries of one day's reminder before it is given up as failed.
const MAX_ATTEMPTS: u32 = 10;
/// The most words of the first line a notification shows.
const MAX_BODY_CHARS: usize = 240;

/// What a reminder says: the page's worker shows `title` and `body` and opens `url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payload {
    pub title: String,
    pub body: String,
    /// The day's page, relative to the site's root (the worker resolves it against its scope,
    /// so a site under a sub-path opens its own page).
    pub url: String,
    /// The notification's tag: one notification per day, however often it arrives.
    pub tag: String,
}

/// How a round went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The day's edition the round was about (empty when nothing was due).
    pub edition: String,
    pub sent: usize,
    /// Resent because a stopped run left them claimed.
    pub resent: usize,
    pub deferred: usize,
    pub failed: usize,
    /// Subscriptions the push service said are gone (404/410), now deleted.
    pub removed: usize,
}

impl Report {
    /// One line for a log or standard output; empty when the round did nothing.
    pub fn summary(&self) -> String {
        if self.sent + self.deferred + self.failed + self.removed == 0 {
            return String::new();
        }
        let mut line = format!("push {}: {} sent", self.edition, self.sent);
        if self.resent > 0 {
            line.push_str(&format!(
                " ({} sent again after a stopped run, same topic)",
                self.resent
            ));
        }
        for (n, what) in [
            (self.deferred, "deferred"),
            (self.failed, "failed"),
            (self.removed, "removed (gone)"),
        ] {
            if n > 0 {
                line.push_str(&format!(", {n} {what}"));
            }
        }
        line
    }
}

/// The answer of a push service, as the journal takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    Sent(u16),
    Gone(u16),
    Later(String),
    Refused(String),
}

fn classify(status: u16, body: &str) -> Answer {
    let detail = || {
        let text: String = body.chars().take(200).collect();
        format!("{status} {}", text.trim()).trim_end().to_string()
    };
    match status {
        200..=299 => Answer::Sent(status),
        404 | 410 => Answer::Gone(status),
        429 | 500..=599 => Answer::Later(detail()),
        _ => Answer::Refused(detail()),
    }
}

/// Everything a round needs that does not change between browsers.
struct Sender {
    key: VapidKey,
    subject: String,
    ttl_seconds: u32,
    agent: ureq::Agent,
}

impl Sender {
    fn new(project: &Project, config: &PushConfig) -> Result<Sender, Error> {
        let source = match (&config.key_env, &config.key_file) {
            (Some(var), _) => format!("the environment variable {var} (push.key_env)"),
            (None, Some(file)) => project.path(file).display().to_string(),
            (None, None) => "[push]".into(),
        };
        let pem = config.key_pem(&project.root).map_err(Error::Usage)?;
        let key = VapidKey::from_pem(&pem, &source).map_err(Error::Usage)?;
        let subject = subject(project, config)?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            // A redirect would carry the token to another place.
            .max_redirects(0)
            .user_agent(concat!("prayer-guide/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Ok(Sender {
            key,
            subject,
            ttl_seconds: config.ttl_hours * 3600,
            agent,
        })
    }

    /// Encrypts and posts one reminder.
    fn push(&self, to: &Subscriber, payload: &[u8], topic: &str) -> Answer {
        let body = match ece::encrypt(payload, &to.keys) {
            Ok(body) => body,
            Err(why) => return Answer::Refused(why),
        };
        let authorization = audience(&to.endpoint).and_then(|aud| {
            // RFC 8292: at most 24 hours ahead; 12 is what services expect.
            let expires = Utc::now().timestamp() + 12 * 3600;
            self.key.authorization(&aud, expires, &self.subject)
        });
        let authorization = match authorization {
            Ok(a) => a,
            Err(why) => return Answer::Refused(why),
        };
        let sent = self
            .agent
            .post(&to.endpoint)
            .header("Authorization", authorization)
            .header("TTL", self.ttl_seconds.to_string())
            .header("Urgency", "normal")
            .header("Topic", topic)
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .send(&body[..]);
        match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let text = response
                    .body_mut()
                    .with_config()
                    .limit(16 * 1024)
                    .read_to_string()
                    .unwrap_or_default();
                classify(status, &text)
            }
            Err(e) => Answer::Later(format!("{}: {}", host(&to.endpoint), transport_error(&e))),
        }
    }
}

/// The push service's host: safe to log (the endpoint's path identifies the browser).
fn host(endpoint: &str) -> String {
    url::Url::parse(endpoint)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "the push service".into())
}

fn transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", TIMEOUT.as_secs()),
        ureq::Error::ConnectionFailed => "could not connect".into(),
        ureq::Error::HostNotFound => "no such host".into(),
        ureq::Error::Io(io) => format!("the connection failed ({})", io.kind()),
        _ => "the request failed".into(),
    }
}

/// The VAPID `sub`: `[push] subject`, or `mailto:` and the `[email] from` address.
fn subject(project: &Project, config: &PushConfig) -> Result<String, Error> {
    if let Some(s) = &config.subject {
        return Ok(s.clone());
    }
    let from = project.schedule.email.from.as_deref().ok_or_else(|| {
        Error::Usage(
            "[push] needs a contact for push services: add subject = \"mailto:you@example.org\" \
             under [push] (or from under [email])"
                .into(),
        )
    })?;
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => &from[a + 1..b],
        _ => from,
    };
    Ok(format!("mailto:{}", address.trim()))
}

/// The database the reminders live in.
pub fn database(project: &Project) -> PathBuf {
    project.path(&project.schedule.email.database)
}

/// A round's payloads, one per language, assembled from the public guide (restricted points
/// are never in it) and published in the ledger first, as every other delivery is.
fn payloads(
    project: &Project,
    date: NaiveDate,
    languages: &[String],
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let schedule = &project.schedule;
    let outputs = [project.path(&schedule.output.dir)];
    let mut publishing = crate::publish::ledger::Publishing::begin(project, &outputs)?;
    publishing.extend(date, date)?;
    let ledger = publishing.ledger().clone();
    let mut out = Vec::new();
    for tag in languages {
        let language = Language::parse(tag).unwrap_or_else(|_| schedule.language.clone());
        let (labels, _) = crate::publish::labels::load(project, &ledger, &language)?;
        let assembler = Assembler::new(&project.catalog, schedule, &ledger, Audience::Public)
            .with_locale(labels.current().clone(), &project.translations)
            .with_frozen_labels(labels);
        let day = assembler.day(date)?;
        let folder = if language == schedule.language {
            String::new()
        } else {
            format!("{language}/")
        };
        let payload = payload(&message::day(&day, None), date, &folder);
        out.push((tag.clone(), payload));
    }
    publishing.commit()?;
    Ok(out)
}

/// The reminder for a day's blocks: the heading as title, the first line as body.
pub fn payload(blocks: &[Block], date: NaiveDate, folder: &str) -> Vec<u8> {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(h) => Some(h.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let first = blocks
        .iter()
        .find_map(|b| match b {
            Block::Text(t) | Block::Point { text: t, .. } => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut body: String = first.lines().next().unwrap_or("").to_string();
    if body.chars().count() > MAX_BODY_CHARS {
        body = body.chars().take(MAX_BODY_CHARS - 1).collect::<String>() + "…";
    }
    let mut payload = Payload {
        title,
        body,
        url: format!("{folder}days/{date}.html"),
        tag: edition(date),
    };
    loop {
        let bytes = serde_json::to_vec(&payload).unwrap_or_default();
        // Headings and first lines are short; a long one is cut until it fits.
        if bytes.len() <= MAX_PAYLOAD || payload.body.is_empty() {
            return bytes;
        }
        let keep = payload.body.chars().count() / 2;
        payload.body = payload.body.chars().take(keep).collect();
    }
}

/// The browsers owed today's reminder at `now`: their hour has come and the journal has not
/// settled it (sent or failed); a claim left by a stopped run is owed again.
pub fn owed_now<'s>(
    subscribers: &'s [Subscriber],
    journal: &std::collections::HashMap<i64, crate::push::store::Delivery>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Vec<&'s Subscriber> {
    let today = now.with_timezone(&zone).date_naive();
    subscribers
        .iter()
        .filter(|s| owed(s.hour, s.created, zone, now) == Some(today))
        .filter(|s| {
            journal
                .get(&s.id)
                .is_none_or(|d| matches!(d.state, PushState::Claimed | PushState::Deferred))
        })
        .collect()
}

/// Holds the reminders' lock: one round at a time, whether from `run`, `serve
/// --with-scheduler` or `push send`.
struct PushLock {
    _lock: crate::lock::FileLock,
}

fn lock(database: &std::path::Path) -> Result<Option<PushLock>, Error> {
    let path = crate::lock::beside(database, "push.lock");
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    Ok(crate::lock::FileLock::try_acquire(&path)?
        .ok()
        .map(|lock| PushLock { _lock: lock }))
}

/// Sends the reminders due at `now`. `log` hears about each one that did not go.
pub fn run(
    project: &Project,
    now: DateTime<Utc>,
    stop: &AtomicBool,
    log: &mut dyn FnMut(&str),
) -> Result<Report, Error> {
    let config = project.schedule.push.as_ref().ok_or_else(|| {
        Error::Usage(format!(
            "{} has no [push] table: the manual's docs/src/site.md, \"Daily reminder by Web Push\", shows how to add one",
            project.schedule_file.path.display()
        ))
    })?;
    let zone = project.schedule.timezone;
    let database = database(project);
    let Some(_lock) = lock(&database)? else {
        return Err(Error::Usage(
            "another round of reminders is sending now (`run`, `serve --with-scheduler` or \
             `push send`): wait for it to finish"
                .into(),
        ));
    };
    let store = PushStore::open(&database)?;
    let mut report = Report::default();
    let subscribers = store.subscribers()?;
    let today = now.with_timezone(&zone).date_naive();
    let day = edition(today);
    report.edition = day.clone();
    let journal = store.journal(&day)?;
    let owed = owed_now(&subscribers, &journal, zone, now);
    if owed.is_empty() {
        return Ok(report);
    }
    let sender = Sender::new(project, config)?;
    let mut languages: Vec<String> = owed.iter().map(|s| s.language.clone()).collect();
    languages.sort();
    languages.dedup();
    let payloads = payloads(project, today, &languages)?;
    for to in owed {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let Some((_, payload)) = payloads.iter().find(|(l, _)| *l == to.language) else {
            continue;
        };
        let before = journal.get(&to.id);
        if !store.claim(to.id, &day)? {
            continue;
        }
        let attempts = before.map_or(1, |d| d.attempts + 1);
        match sender.push(to, payload, &day) {
            Answer::Sent(status) => {
                store.record(to.id, &day, PushState::Sent, &status.to_string())?;
                report.sent += 1;
                if before.is_some_and(|d| d.state == PushState::Claimed) {
                    report.resent += 1;
                }
            }
            Answer::Gone(status) => {
                store.remove(to.id)?;
                log(&format!(
                    "push: {} answered {status}: the browser unsubscribed; removed",
                    host(&to.endpoint)
                ));
                report.removed += 1;
            }
            Answer::Later(why) if attempts < MAX_ATTEMPTS => {
                store.record(to.id, &day, PushState::Deferred, &why)?;
                log(&format!("push: deferred: {why}"));
                report.deferred += 1;
            }
            Answer::Later(why) | Answer::Refused(why) => {
                store.record(to.id, &day, PushState::Failed, &why)?;
                log(&format!(
                    "push: {} refused a reminder: {why}",
                    host(&to.endpoint)
                ));
                report.failed += 1;
            }
        }
    }
    // Days before yesterday are done with: the journal stays small.
    store.forget_before(&edition(today - chrono::Days::new(1)))?;
    Ok(report)
}

/// The subscriptions and how today's reminders stand, for `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub subscriptions: usize,
    pub sent: usize,
    /// Owed today and not yet sent (their hour has come, or is still to come).
    pub pending: usize,
    pub failed: usize,
}

/// How the reminders stand at `now`; `None` when the database has no reminders yet.
pub fn standing(project: &Project, now: DateTime<Utc>) -> Result<Option<Standing>, Error> {
    let database = database(project);
    if !database.exists() {
        return Ok(None);
    }
    let store = PushStore::open(&database)?;
    let today = now.with_timezone(&project.schedule.timezone).date_naive();
    let journal = store.journal(&edition(today))?;
    let subscribers = store.subscribers()?;
    let mut standing = Standing {
        subscriptions: subscribers.len(),
        sent: 0,
        pending: 0,
        failed: 0,
    };
    for s in &subscribers {
        match journal.get(&s.id).map(|d| d.state) {
            Some(PushState::Sent) => standing.sent += 1,
            Some(PushState::Failed) => standing.failed += 1,
            _ => standing.pending += 1,
        }
    }
    Ok(Some(standing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_sort_into_sent_gone_later_and_refused() {
        assert_eq!(classify(201, ""), Answer::Sent(201));
        assert_eq!(classify(404, ""), Answer::Gone(404));
        assert_eq!(classify(410, ""), Answer::Gone(410));
        assert_eq!(
            classify(429, "slow down"),
            Answer::Later("429 slow down".into())
        );
        assert_eq!(classify(503, ""), Answer::Later("503".into()));
        assert_eq!(classify(400, "bad"), Answer::Refused("400 bad".into()));
        assert_eq!(classify(413, ""), Answer::Refused("413".into()));
    }

    #[test]
    fn the_payload_is_the_heading_the_first_line_and_the_days_page() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let blocks = vec![
            Block::Title {
                title: "Pray".into(),
                when: "Monday".into(),
            },
            Block::Heading("Nigeria".into()),
            Block::Text("Believers in the north face attacks.\nMore.".into()),
            Block::Point {
                number: 1,
                text: "Pray for safety.".into(),
            },
        ];
        let payload: serde_json::Value =
            serde_json::from_slice(&payload(&blocks, date, "es/")).unwrap();
        assert_eq!(
            payload,
            serde_json::json!({
                "title": "Nigeria",
                "body": "Believers in the north face attacks.",
                "url": "es/days/2026-12-07.html",
                "tag": "daily-2026-12-07",
            })
        );
    }

    #[test]
    fn a_long_first_line_is_cut_to_fit_a_notification() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let blocks = vec![
            Block::Heading("X".into()),
            Block::Text("word ".repeat(2000)),
        ];
        let bytes = payload(&blocks, date, "");
        assert!(bytes.len() <= MAX_PAYLOAD);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            value["body"].as_str().unwrap().chars().count(),
            MAX_BODY_CHARS
        );
    }

    use proptest::prelude::*;

    /// What a push service did with one push in the simulation.
    #[derive(Debug, Clone, Copy)]
    enum Fate {
        Taken,
        Busy,
        /// Delivered, then the sender was killed before recording the answer.
        Killed,
    }

    fn fate() -> impl Strategy<Value = Fate> {
        prop_oneof![Just(Fate::Taken), Just(Fate::Busy), Just(Fate::Killed)]
    }

    proptest! {
        // Each case writes a real database with synced commits: 32 cases take a few seconds.
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Every browser gets each day's reminder: acknowledged exactly once, and more than
        /// once only when a round was killed with it in flight, then always under the same
        /// topic (which the push service and the notification tag fold into one).
        #[test]
        fn every_browser_once_a_day_whatever_stops_the_rounds(
            hours in proptest::collection::vec(0u8..24, 1..5),
            rounds in proptest::collection::vec((0u32..48 * 60, proptest::collection::vec(fate(), 8)), 1..30),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let store = PushStore::open(&dir.path().join("db.sqlite")).unwrap();
            for (i, hour) in hours.iter().enumerate() {
                let mut p256dh = vec![4; 65];
                p256dh[1] = i as u8;
                let s = crate::push::subscription::Subscription {
                    endpoint: format!("https://push.example.net/{i}"),
                    keys: crate::push::ece::BrowserKeys { p256dh, auth: vec![1; 16] },
                };
                store.subscribe(&s, *hour, "en").unwrap();
            }
            let zone = chrono_tz::UTC;
            // Years after the subscriptions were made (now, by the real clock).
            let start: DateTime<Utc> = "2036-12-08T00:00:00Z".parse().unwrap();
            let mut minutes: Vec<(u32, Vec<Fate>)> = rounds;
            minutes.sort_by_key(|(m, _)| *m);
            // Each day ends with a round where every push is taken.
            minutes.push((24 * 60 - 1, vec![Fate::Taken; 8]));
            minutes.push((48 * 60 - 1, vec![Fate::Taken; 8]));
            minutes.sort_by_key(|(m, _)| *m);
            // (browser, topic) -> deliveries, and acknowledged ones.
            let mut delivered: std::collections::HashMap<(i64, String), (u32, u32)> =
                std::collections::HashMap::new();
            for (minute, fates) in &minutes {
                let now = start + chrono::Duration::minutes(i64::from(*minute));
                let day = edition(now.date_naive());
                let subscribers = store.subscribers().unwrap();
                let journal = store.journal(&day).unwrap();
                let mut fates = fates.iter();
                for to in owed_now(&subscribers, &journal, zone, now) {
                    prop_assert!(store.claim(to.id, &day).unwrap());
                    let entry = delivered.entry((to.id, day.clone())).or_default();
                    match fates.next().copied().unwrap_or(Fate::Taken) {
                        Fate::Taken => {
                            entry.0 += 1;
                            entry.1 += 1;
                            store.record(to.id, &day, PushState::Sent, "201").unwrap();
                        }
                        Fate::Busy => store.record(to.id, &day, PushState::Deferred, "503").unwrap(),
                        Fate::Killed => {
                            entry.0 += 1;
                            break;
                        }
                    }
                }
            }
            for s in store.subscribers().unwrap() {
                for day in ["daily-2036-12-08", "daily-2036-12-09"] {
                    let (pushes, acknowledged) =
                        delivered.get(&(s.id, day.to_string())).copied().unwrap_or_default();
                    prop_assert_eq!(acknowledged, 1, "browser {} on {}", s.id, day);
                    prop_assert!(pushes >= 1);
                }
            }
        }
    }

    #[test]
    fn the_summary_names_what_did_not_go() {
        let report = Report {
            edition: "daily-2026-12-07".into(),
            sent: 3,
            resent: 1,
            removed: 1,
            ..Report::default()
        };
        assert_eq!(
            report.summary(),
            "push daily-2026-12-07: 3 sent (1 sent again after a stopped run, same topic), 1 removed (gone)"
        );
        assert_eq!(Report::default().summary(), "");
    }
}
