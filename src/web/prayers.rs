//! "I will pray" over HTTP: `GET /pray` (the page a digest links to: a button, never a count),
//! `POST /pray` (the button, from that page or a site's day page, with or without JavaScript)
//! and `GET /pray/count` (the day's count for a page's script).
//!
//! Presses are written by one thread in groups ([`Tally`]): each group is one transaction and
//! one write to disk, so a burst of readers after a service costs a few writes, not one each.
//! A press is answered only once its group is on disk. How readers are told apart without
//! being stored is in [`crate::web::commitments`].

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Instant;

use axum::Extension;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

use crate::content::locale::Locale;
use crate::content::project::Project;
use crate::error::Error;
use crate::mail::store::Store;
use crate::publish::assemble::Assembler;
use crate::rotation::{Audience, ledger::Ledger};
use crate::web::commitments::{self, Commitment, DAYS_AHEAD, DAYS_BACK, Outcome};
use crate::web::limits::{self, Hourly};
use crate::web::pages::{App, Peer};

/// The cookie that holds a reader's browser token.
const READER_COOKIE: &str = "prayer_reader";
/// A year: the token outlives any one day; a reader who clears it is counted once more.
const READER_COOKIE_SECONDS: u32 = 365 * 24 * 3600;
/// Presses written in one transaction at most.
const MAX_GROUP: usize = 512;

/// What a day offers to pray for.
#[derive(Debug, Clone)]
struct DayInfo {
    /// The country code, empty on a theme day.
    country: String,
    heading: String,
}

/// What "I will pray" keeps between requests.
pub struct Prayers {
    tally: Tally,
    per_network: Hourly<IpAddr>,
    ledger: Ledger,
    /// The days asked about lately: the rotation is worked out once a day, not once a press.
    days: Mutex<HashMap<NaiveDate, Option<DayInfo>>>,
}

impl Prayers {
    pub fn new(project: &Project, per_hour: u32) -> Result<Prayers, Error> {
        let outputs = [project.path(&project.schedule.output.dir)];
        Ok(Prayers {
            tally: Tally::start(&project.path(&project.schedule.email.database))?,
            per_network: Hourly::new(per_hour),
            ledger: crate::publish::ledger::load(project, &outputs, false)?,
            days: Mutex::new(HashMap::new()),
        })
    }

    /// Whether `date` can be prayed for now: from [`DAYS_BACK`] before the schedule's today to
    /// [`DAYS_AHEAD`] after.
    fn open(project: &Project, date: NaiveDate) -> bool {
        let schedule = &project.schedule;
        let today = chrono::Utc::now()
            .with_timezone(&schedule.timezone)
            .date_naive();
        date >= today - chrono::Days::new(DAYS_BACK as u64)
            && date <= today + chrono::Days::new(DAYS_AHEAD as u64)
            && date >= schedule.start
    }

    /// The day `date` as known already: `Some(None)` when it cannot be prayed for, `None` when
    /// the rotation must be asked ([`Prayers::day`], on a blocking thread).
    fn known_day(&self, project: &Project, date: NaiveDate) -> Option<Option<DayInfo>> {
        if !Prayers::open(project, date) {
            return Some(None);
        }
        let days = self.days.lock().unwrap_or_else(|p| p.into_inner());
        days.get(&date).cloned()
    }

    /// The day `date` if it can be prayed for now and the rotation has it.
    fn day(&self, project: &Project, date: NaiveDate) -> Option<DayInfo> {
        if let Some(known) = self.known_day(project, date) {
            return known;
        }
        let schedule = &project.schedule;
        let today = chrono::Utc::now()
            .with_timezone(&schedule.timezone)
            .date_naive();
        let assembler = Assembler::new(&project.catalog, schedule, &self.ledger, Audience::Public);
        let info = match assembler.day(date) {
            Ok(day) => Some(DayInfo {
                country: day.country.map(|c| c.code).unwrap_or_default(),
                heading: day.heading,
            }),
            Err(e) => {
                eprintln!("serve: \"I will pray\" for {date}: {e}");
                None
            }
        };
        let mut days = self.days.lock().unwrap_or_else(|p| p.into_inner());
        days.retain(|d, _| *d >= today - chrono::Days::new(DAYS_BACK as u64));
        days.insert(date, info.clone());
        info
    }
}

/// The thread that writes presses in groups.
pub struct Tally {
    jobs: mpsc::Sender<Job>,
}

struct Job {
    commitment: Commitment,
    reply: tokio::sync::oneshot::Sender<Result<Outcome, ()>>,
}

impl Tally {
    /// Opens its own connection to `database` and starts the writer.
    pub fn start(database: &Path) -> Result<Tally, Error> {
        let mut store = Store::open(database)?;
        // While `send` holds the write lock, SQLite's own wait sleeps up to 100 ms at a time,
        // and every press of the group waits with it: ask again each millisecond instead
        // (for the same 10 s at most).
        store.wait_in_milliseconds_when_busy()?;
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("prayer-tally".into())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut group = vec![first];
                    while group.len() < MAX_GROUP {
                        match queue.try_recv() {
                            Ok(job) => group.push(job),
                            Err(_) => break,
                        }
                    }
                    write_group(&mut store, group);
                }
            })
            .map_err(|e| Error::Usage(format!("could not start the prayer counter: {e}")))?;
        Ok(Tally { jobs })
    }

    /// Records one press once it is on disk; `Err` when it could not be saved.
    pub async fn record(&self, commitment: Commitment) -> Result<Outcome, ()> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        if self.jobs.send(Job { commitment, reply }).is_err() {
            return Err(());
        }
        answer.await.unwrap_or(Err(()))
    }
}

fn write_group(store: &mut Store, group: Vec<Job>) {
    let batch: Vec<Commitment> = group.iter().map(|j| j.commitment.clone()).collect();
    let written = store
        .check_file()
        .and_then(|()| commitments::record(store, &batch));
    match written {
        Ok(outcomes) => {
            for (job, outcome) in group.into_iter().zip(outcomes) {
                let _ = job.reply.send(Ok(outcome));
            }
        }
        Err(e) => {
            eprintln!("serve: could not save {} \"I will pray\": {e}", group.len());
            for job in group {
                let _ = job.reply.send(Err(()));
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrayQuery {
    date: String,
    lang: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrayForm {
    date: String,
    lang: String,
}

/// The day asked for: `date`, or the schedule's today when none is given (a weekly digest's
/// link).
fn asked_date(app: &App, date: &str) -> Option<NaiveDate> {
    if date.trim().is_empty() {
        return Some(
            chrono::Utc::now()
                .with_timezone(&app.project().schedule.timezone)
                .date_naive(),
        );
    }
    NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()
}

fn language(app: &App, lang: Option<&str>, headers: &HeaderMap) -> Arc<Locale> {
    match lang.filter(|l| !l.is_empty()) {
        Some(tag) => app.locale(Some(tag)),
        None => app.negotiate(headers),
    }
}

/// `GET /pray?date=…`: the day and a button. A mail scanner that opens the link counts nothing.
pub async fn pray_page(
    State(app): State<Arc<App>>,
    Query(q): Query<PrayQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = language(&app, q.lang.as_deref(), &headers);
    let Some(date) = asked_date(&app, &q.date) else {
        return unknown_day(&app, &locale);
    };
    let worker = app.clone();
    let found = tokio::task::spawn_blocking(move || {
        let day = worker.prayers().day(worker.project(), date)?;
        let count = commitments::count(&worker.store(), date).ok()?;
        Some((day, count))
    })
    .await
    .ok()
    .flatten();
    let Some((day, count)) = found else {
        return unknown_day(&app, &locale);
    };
    app.page(
        StatusCode::OK,
        "web-pray.html",
        &locale,
        json!({
            "date": date.to_string(),
            "date_long": locale.long_date(date),
            "heading": day.heading,
            "count": count,
            "count_text": locale.people_prayed(count),
        }),
    )
}

/// `GET /pray/count?date=…`: `{"count": 12, "text": "12 people prayed."}` for a page's script.
pub async fn pray_count(
    State(app): State<Arc<App>>,
    Query(q): Query<PrayQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = language(&app, q.lang.as_deref(), &headers);
    let Some(date) = asked_date(&app, &q.date) else {
        return (
            StatusCode::NOT_FOUND,
            as_json(json!({ "error": "no such day" })),
        )
            .into_response();
    };
    let worker = app.clone();
    let count = tokio::task::spawn_blocking(move || commitments::count(&worker.store(), date))
        .await
        .ok()
        .and_then(Result::ok);
    match count {
        Some(n) => as_json(json!({ "count": n, "text": locale.people_prayed(n) })).into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            as_json(json!({ "error": "the count could not be read" })),
        )
            .into_response(),
    }
}

/// `POST /pray`: one press. Answers JSON to a script (`Accept: application/json`), else a page.
pub async fn pray(
    State(app): State<Arc<App>>,
    Extension(Peer(peer)): Extension<Peer>,
    headers: HeaderMap,
    Form(form): Form<PrayForm>,
) -> Response {
    let locale = language(&app, Some(&form.lang), &headers);
    let answer = Answer {
        json: headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json")),
        locale: locale.clone(),
    };
    let network = limits::network(peer);
    let now = Instant::now();
    if app.prayers().per_network.full(&network, now) {
        return answer.say(
            &app,
            StatusCode::TOO_MANY_REQUESTS,
            "web-try-later",
            "pray-too-many",
            None,
        );
    }
    app.prayers().per_network.count(network, now);
    let Some(date) = asked_date(&app, &form.date) else {
        return answer.say(
            &app,
            StatusCode::NOT_FOUND,
            "pray-button",
            "pray-unknown-day",
            None,
        );
    };
    // Known days (all but the first press of a day) are answered without a thread hop.
    let day = match app.prayers().known_day(app.project(), date) {
        Some(known) => known,
        None => {
            let worker = app.clone();
            tokio::task::spawn_blocking(move || worker.prayers().day(worker.project(), date))
                .await
                .ok()
                .flatten()
        }
    };
    let Some(day) = day else {
        return answer.say(
            &app,
            StatusCode::NOT_FOUND,
            "pray-button",
            "pray-unknown-day",
            None,
        );
    };
    let (reader, new_cookie) = match reader_token(&headers) {
        Some(token) => (token, None),
        None => match crate::mail::store::new_token() {
            Ok(token) => (token.clone(), Some(token)),
            Err(_) => {
                return answer.say(
                    &app,
                    StatusCode::SERVICE_UNAVAILABLE,
                    "web-try-later",
                    "pray-not-saved",
                    None,
                );
            }
        },
    };
    let recorded = app
        .prayers()
        .tally
        .record(Commitment {
            day: date,
            country: day.country,
            reader,
        })
        .await;
    let mut response = match recorded {
        Ok(outcome @ Outcome::Counted(_)) => answer.say(
            &app,
            StatusCode::OK,
            "pray-thanks",
            "pray-counted",
            Some(outcome),
        ),
        Ok(outcome @ Outcome::Already(_)) => answer.say(
            &app,
            StatusCode::OK,
            "pray-thanks",
            "pray-already",
            Some(outcome),
        ),
        Err(()) => answer.say(
            &app,
            StatusCode::SERVICE_UNAVAILABLE,
            "web-try-later",
            "pray-not-saved",
            None,
        ),
    };
    if let Some(token) = new_cookie
        && let Ok(value) = HeaderValue::try_from(format!(
            "{READER_COOKIE}={token}; Max-Age={READER_COOKIE_SECONDS}; HttpOnly; SameSite=Lax"
        ))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// How to answer a press: JSON for a script, a page for a form.
struct Answer {
    json: bool,
    locale: Arc<Locale>,
}

impl Answer {
    fn say(
        &self,
        app: &App,
        status: StatusCode,
        heading: &str,
        text: &str,
        outcome: Option<Outcome>,
    ) -> Response {
        let locale = &self.locale;
        let mut said = locale.label(text, &[]);
        if let Some(outcome) = outcome {
            said = format!("{said} {}", locale.people_prayed(outcome.count()));
        }
        if self.json {
            let body = json!({
                "counted": matches!(outcome, Some(Outcome::Counted(_))),
                "count": outcome.map(Outcome::count),
                "text": said,
            });
            return (status, as_json(body)).into_response();
        }
        app.page(
            status,
            "web-message.html",
            locale,
            json!({ "heading": locale.label(heading, &[]), "text": said }),
        )
    }
}

/// The reader's browser token from the `Cookie` header, if it is one this server could have set.
fn reader_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == READER_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A JSON answer (axum's `Json` would need its `json` feature for this one use).
fn as_json(value: serde_json::Value) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
}

fn unknown_day(app: &App, locale: &Locale) -> Response {
    app.message(
        StatusCode::NOT_FOUND,
        locale,
        "pray-button",
        "pray-unknown-day",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_token_is_read_only_from_its_own_well_formed_cookie() {
        let mut headers = HeaderMap::new();
        assert_eq!(reader_token(&headers), None);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; prayer_reader=0123456789abcdef0123456789abcdef; c=d"),
        );
        assert_eq!(
            reader_token(&headers).as_deref(),
            Some("0123456789abcdef0123456789abcdef")
        );
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("prayer_reader=x' OR 1"),
        );
        assert_eq!(reader_token(&headers), None);
    }
}
