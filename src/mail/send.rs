//! `send`: deliver the day's (and on the week's first day, the week's) edition to every active
//! subscriber, exactly once.
//!
//! The journal is the source of truth. Messages are claimed (`sending`) durably, a batch at a
//! time, before they go to the server; just before each one goes, its connection notes it in the
//! in-flight record ([`crate::mail::inflight`]); after the server's 250 it becomes `sent`. A run
//! that stops at any moment leaves claimed messages as `sending`: the next run sends them again
//! with the same Message-ID and names those that were in the server's hands ("may have been
//! delivered"), keeping the names (`doubt`) until a run that finishes has reported them, so a
//! second kill loses none. Results are committed in groups (at most 64, none waiting more than
//! 50 ms) without waiting for the disk (a killed process loses none of them; the run's last
//! commit makes them durable), so the journal costs one disk sync per batch of claims and one
//! transaction per group of results, not per message. A result waiting for its group is in the
//! in-flight record, marked once the server accepted the message: the next run records those as
//! sent, so only the message in each connection's hands at a kill can go twice.
//!
//! Subscribers are read a page at a time, twice: once to count what is owed, once to feed the
//! senders; memory does not grow with the list.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};

use crate::content::locale::Language;
use crate::content::project::Project;
use crate::content::schedule::Format;
use crate::error::Error;
use crate::mail::message::{Composer, Edition};
use crate::mail::progress::{EditionReport, Progress, Report};
use crate::mail::store::{JournalEntry, SendLock, State, Store};
use crate::mail::subscribers::{Cadence, Subscriber};
use crate::mail::transport::{SendError, Transport};
use crate::publish::assemble::Assembler;
use crate::publish::render::Renderer;
use crate::rotation::Audience;
use crate::rotation::ledger::Ledger;

/// What to send.
#[derive(Debug, Clone)]
pub struct Options {
    /// An edition date: send that day's editions to every subscriber of the cadence. `None`:
    /// send whatever is due at `now`, subscriber by subscriber, in their own zone and hour.
    pub date: Option<NaiveDate>,
    /// The time it is, for `date: None` [default: the clock].
    pub now: Option<DateTime<Utc>>,
    /// `None`: every cadence due on `date`.
    pub cadence: Option<Cadence>,
    pub dry_run: bool,
    /// Only this subscriber (address).
    pub only: Option<String>,
    /// Also retry messages the server refused for good (5xx) before.
    pub retry_failed: bool,
    /// Recorded in the runs table: `send` or `run`.
    pub kind: &'static str,
    /// Send even though `[email]` names no way to unsubscribe (`--without-unsubscribe`).
    pub without_unsubscribe: bool,
}

/// Scheduling rules from the schedule, with the weeks published days were published in (a
/// ledger that cannot be read gives the schedule's weeks; reading it for the send says why).
pub fn rules(project: &Project) -> crate::mail::due::Rules {
    crate::mail::due::Rules {
        zone: project.schedule.timezone,
        hour: project.schedule.email.send_hour,
        weeks: weeks(project),
        catch_up_days: project.schedule.email.catch_up_days,
        first_date: project.schedule.start,
    }
}

/// The weeks of `project`: as published, then as schedule.toml says.
fn weeks(project: &Project) -> crate::content::calendar::Weeks {
    match crate::publish::ledger::load(project, &[], true) {
        Ok(ledger) => crate::rotation::frozen::weeks(&ledger, &project.schedule),
        Err(_) => crate::content::calendar::Weeks::fixed(project.schedule.week_starts),
    }
}

/// The meta key holding when `send` or `run` last looked for due editions.
const LAST_LOOK: &str = "last_look";

/// The editions due on `date` for `cadence`, and notes on those not due.
pub(crate) fn editions_due(
    project: &Project,
    date: NaiveDate,
    cadence: Option<Cadence>,
) -> (Vec<(Cadence, String)>, Vec<String>) {
    let mut due = Vec::new();
    let mut notes = Vec::new();
    if cadence != Some(Cadence::Weekly) {
        due.push((Cadence::Daily, format!("daily-{date}")));
    }
    if cadence != Some(Cadence::Daily) {
        let first = weeks(project).start(date);
        if first == date {
            due.push((Cadence::Weekly, format!("weekly-{date}")));
        } else if cadence == Some(Cadence::Weekly) {
            notes.push(format!(
                "the weekly edition goes out on the week's first day ({}); {date} is not one: nothing to send",
                crate::content::calendar::weekday_name(chrono::Datelike::weekday(&first))
            ));
        }
    }
    (due, notes)
}

/// Renders an edition once, in the schedule's language and in each of `languages`.
pub(crate) fn render_edition(
    project: &Project,
    ledger: &Ledger,
    renderer: &mut Renderer,
    cadence: Cadence,
    id: String,
    date: NaiveDate,
    languages: &[Language],
) -> Result<Edition, Error> {
    let schedule = &project.schedule;
    let mut edition = render_in(
        project,
        ledger,
        renderer,
        cadence,
        &id,
        date,
        &schedule.language,
    )?;
    for language in languages.iter().filter(|l| **l != schedule.language) {
        let other = render_in(project, ledger, renderer, cadence, &id, date, language)?;
        edition.languages.insert(language.to_string(), other);
    }
    Ok(edition)
}

/// One edition in one language: labels and dates from its locale, guides from their
/// translations where there are some (the same days and points in every language).
fn render_in(
    project: &Project,
    ledger: &Ledger,
    renderer: &mut Renderer,
    cadence: Cadence,
    id: &str,
    date: NaiveDate,
    language: &Language,
) -> Result<Edition, Error> {
    let schedule = &project.schedule;
    let email = &schedule.email;
    let (labels, _) = crate::publish::labels::load(project, ledger, language)?;
    renderer.add_frozen_labels(labels.clone());
    let assembler = Assembler::new(&project.catalog, schedule, ledger, Audience::Public)
        .with_locale(labels.current().clone(), &project.translations)
        .with_frozen_labels(labels);
    let (subject, html, text) = match cadence {
        Cadence::Daily => {
            let day = assembler.day(date)?;
            let mut parts = renderer.day_in(&day, &[Format::Html, Format::Txt])?;
            let text = parts.pop().unwrap_or_default();
            let html = parts.pop().unwrap_or_default();
            (renderer.one_off(&email.subject_daily, &day)?, html, text)
        }
        Cadence::Weekly => {
            let week = assembler.week(date, schedule.output.paper)?;
            let mut parts = renderer.week_in(&week, &[Format::Html, Format::Txt])?;
            let text = parts.pop().unwrap_or_default();
            let html = parts.pop().unwrap_or_default();
            (renderer.one_off(&email.subject_weekly, &week)?, html, text)
        }
    };
    Ok(Edition::new(
        id.to_string(),
        cadence,
        language.to_string(),
        subject,
        crate::mail::inline::for_mail(&html).map_err(Error::Usage)?,
        text,
    ))
}

/// The days of the editions about to go out (and every day up to today), added to the ledger
/// under its lock, so that what is mailed never changes; [`ledger::Publishing::commit`] records
/// them once the mail server answers. A dry run only reads the ledger.
fn publish_editions<'p>(
    project: &'p Project,
    store: &Store,
    plan: &[(Cadence, NaiveDate, String)],
    dry_run: bool,
) -> Result<(Ledger, Option<crate::publish::ledger::Publishing<'p>>), Error> {
    use crate::publish::ledger;
    if !ledger::path(project).exists() && store.sent_digests_before()? {
        return Err(Error::Usage(format!(
            "{} is missing, but the delivery journal shows digests sent before: the record of \
             what was published is gone, and sending now could change days people have already \
             prayed with.\n  help: if it was committed, restore it (`git checkout -- {}`); if this \
             project never had one (it is older than the ledger), run `prayer-guide publish \
             --adopt` to record every day up to today as the guides show it now",
            ledger::path(project).display(),
            crate::rotation::ledger::FILE,
        )));
    }
    let outputs = [project.path(&project.schedule.output.dir)];
    let read = ledger::load(project, &outputs, false)?;
    ledger::require_guides(project, &read)?;
    if dry_run {
        return Ok((read, None));
    }
    let today = crate::content::calendar::today(&project.schedule.timezone);
    let mut publishing = ledger::Publishing::begin(project, &outputs)?;
    // The weeks of the ledger as read under the lock, once for every edition.
    let weeks = crate::rotation::frozen::weeks(publishing.ledger(), &project.schedule);
    let through = plan
        .iter()
        .map(|(cadence, date, _)| match cadence {
            Cadence::Daily => *date,
            Cadence::Weekly => weeks.end(*date),
        })
        .fold(today, NaiveDate::max);
    publishing.extend(through, today)?;
    Ok((publishing.ledger().clone(), Some(publishing)))
}

/// Subscribers read from the database at a time: memory stays flat however long the list.
const PAGE: usize = 512;
/// Results committed to the journal together, at most: one transaction for the group.
const RESULT_GROUP: usize = 64;
/// How long a result waits for its group at most, so a slow or paced run still commits soon.
/// A result waiting is named in the in-flight record, marked accepted once the server's 250
/// came: a kill meanwhile loses nothing and doubles nothing (see [`crate::mail::inflight`]).
const RESULT_GROUP_WAIT: Duration = Duration::from_millis(50);
/// How often the journal looks for results: it is never woken per result (a wake-up per
/// result cost more than the look).
const RESULT_LOOK: Duration = Duration::from_millis(1);
/// How long the journal waits at most between looks when no results came (a paced or
/// retrying run).
const IDLE_RESULT_LOOK: Duration = Duration::from_millis(16);
/// Slots per connection in the in-flight record: a connection sends its next messages while
/// the results of its last ones wait for their group, and for the commit of the group before.
fn slots_per_connection(connections: usize) -> usize {
    (2 * RESULT_GROUP).div_ceil(connections.max(1)) + 4
}
/// Messages claimed in the journal together, with one disk sync. Claims run ahead of the
/// senders by at most three batches, enough to cover a slow sync (tens of milliseconds on a busy
/// disk) at thousands of messages a second; only a power cut makes them count as in flight.
const CLAIM_BATCH: usize = 256;

/// The editions of this run, found as the subscribers are read.
#[derive(Default, Clone)]
struct Editions {
    list: Vec<(Cadence, NaiveDate, String)>,
    index: HashMap<String, usize>,
}

impl Editions {
    fn register(&mut self, cadence: Cadence, date: NaiveDate) -> usize {
        let id = crate::mail::due::edition_id(cadence, date);
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        self.list.push((cadence, date, id.clone()));
        self.index.insert(id, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// Whom this run looks at.
enum Scope {
    /// One urgent alert (the only edition), to every active subscriber who chose urgent
    /// requests, whatever their cadence and hour.
    Alert,
    /// These editions, to every active subscriber of their cadence.
    Editions,
    /// Whatever is due at `now`, subscriber by subscriber.
    Due {
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
        rules: crate::mail::due::Rules,
        cadence: Option<Cadence>,
    },
}

/// Reads every message in scope, a page of subscribers at a time and always in the same order,
/// calling `visit` with the edition, the subscriber and where the message stands (`false` from
/// `visit` stops the walk). Due mode registers the editions it meets and returns how many
/// messages per edition fell out of the catch-up window.
fn walk(
    store: &Store,
    scope: &Scope,
    editions: &mut Editions,
    register: bool,
    only: Option<&str>,
    visit: &mut dyn FnMut(usize, Subscriber, Option<State>) -> Result<bool, Error>,
) -> Result<std::collections::BTreeMap<String, usize>, Error> {
    let mut skipped = std::collections::BTreeMap::new();
    match scope {
        Scope::Alert => {
            for (e, (_, _, id)) in editions.list.clone().into_iter().enumerate() {
                let mut after = 0;
                loop {
                    let page = store.alert_candidates(&id, after, PAGE, only)?;
                    let Some(last) = page.last() else { break };
                    after = last.0.id;
                    for (s, state) in page {
                        if !visit(e, s, state)? {
                            return Ok(skipped);
                        }
                    }
                }
            }
        }
        Scope::Editions => {
            for (e, (cadence, _, id)) in editions.list.clone().into_iter().enumerate() {
                let mut after = 0;
                loop {
                    let page = store.candidates(&id, cadence, after, PAGE, only)?;
                    let Some(last) = page.last() else { break };
                    after = last.0.id;
                    for (s, state, _) in page {
                        if !visit(e, s, state)? {
                            return Ok(skipped);
                        }
                    }
                }
            }
        }
        Scope::Due {
            now,
            since,
            rules,
            cadence,
        } => {
            // Every edition a decision can touch, for the journal lookups.
            let today = now.date_naive();
            let mut window = Vec::new();
            let first = today - chrono::Days::new(crate::mail::due::LOOK_BACK_DAYS + 1);
            let mut date = first;
            while date <= today + chrono::Days::new(1) {
                window.push(crate::mail::due::edition_id(Cadence::Daily, date));
                if rules.weeks.start(date) == date {
                    window.push(crate::mail::due::edition_id(Cadence::Weekly, date));
                }
                date = date + chrono::Days::new(1);
            }
            let mut after = 0;
            loop {
                let page = store.active_page(after, PAGE, *cadence, only)?;
                let (Some(first), Some(last)) = (page.first(), page.last()) else {
                    break;
                };
                after = last.id;
                let mut done = std::collections::HashSet::new();
                let mut states = HashMap::new();
                for (edition, subscriber, state, _) in
                    store.journal_for(&window, first.id, last.id)?
                {
                    if matches!(state, State::Sent | State::Failed | State::Expired) {
                        done.insert((edition, subscriber));
                    } else {
                        states.insert((edition, subscriber), state);
                    }
                }
                let (due, late) = crate::mail::due::due_now(&page, &done, *now, *since, rules);
                for m in late {
                    *skipped.entry(m.edition).or_default() += 1;
                }
                let by_id: HashMap<i64, &Subscriber> = page.iter().map(|s| (s.id, s)).collect();
                for m in due {
                    let e = if register {
                        editions.register(m.cadence, m.date)
                    } else {
                        match editions.index.get(&m.edition) {
                            Some(&e) => e,
                            // Fell due after this run counted: the next run sends it.
                            None => continue,
                        }
                    };
                    let Some(s) = by_id.get(&m.subscriber) else {
                        continue;
                    };
                    let state = states.get(&(m.edition.clone(), m.subscriber)).copied();
                    if !visit(e, (*s).clone(), state)? {
                        return Ok(skipped);
                    }
                }
            }
        }
    }
    Ok(skipped)
}

/// What to do with a message that is in scope.
fn is_owed(state: Option<State>, retry_failed: bool) -> bool {
    match state {
        Some(State::Sent) => false,
        Some(State::Failed) => retry_failed,
        _ => true,
    }
}

/// What a run of `send` (digests or an alert) holds from its start: the database, locked
/// against another run unless this one is dry, the templates, and what a stopped run before it
/// had delivered (see [`settle_a_stopped_run`]).
struct Opened {
    database: std::path::PathBuf,
    _lock: Option<SendLock>,
    store: Store,
    renderer: Renderer,
    accepted: Vec<(String, i64)>,
}

/// Opens a run: checks `[email]` first (a dry run too: it should fail where the real send
/// would), then takes the lock, the store and the templates, and settles a stopped run.
fn open(project: &Project, options: &Options) -> Result<Opened, Error> {
    let email = &project.schedule.email;
    email
        .require_for_sending(options.without_unsubscribe)
        .map_err(Error::Usage)?;
    let database = project.path(&email.database);
    let lock = if options.dry_run {
        None
    } else {
        Some(SendLock::acquire(&database)?)
    };
    let mut store = Store::open(&database)?;
    let renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
    let accepted = if options.dry_run {
        Vec::new()
    } else {
        settle_a_stopped_run(&mut store, &database)?
    };
    Ok(Opened {
        database,
        _lock: lock,
        store,
        renderer,
        accepted,
    })
}

/// Runs `send`.
pub fn run(
    project: &Project,
    options: &Options,
    progress: &mut dyn Progress,
    stop: &AtomicBool,
) -> Result<Report, Error> {
    let email = &project.schedule.email;
    let Opened {
        database,
        _lock,
        mut store,
        mut renderer,
        accepted,
    } = open(project, options)?;
    let mut report = Report::default();
    let only = options.only.as_deref().map(|o| o.trim().to_lowercase());
    let only = only.as_deref();

    let mut editions = Editions::default();
    let scope = plan_scope(project, options, &store, &mut editions, &mut report)?;

    // Count what is owed, per edition, without holding it: the same walk feeds the senders.
    let allowed = allowed_today(email, &store, options.dry_run)?;
    let (mut counts, owed, skipped) =
        count_owed(&store, &scope, &mut editions, only, options, allowed)?;
    counts.resize(editions.list.len(), EditionReport::default());
    for (r, (_, _, id)) in counts.iter_mut().zip(&editions.list) {
        r.edition = id.clone();
    }
    if let Scope::Due { now, .. } = &scope {
        let catch_up = project.schedule.email.catch_up_days;
        for (edition, n) in skipped {
            report.notes.push(format!(
                "skipped {edition} for {n} subscriber{}: it fell due while nothing was running and is older than \
                 the catch-up window (catch_up_days = {catch_up})",
                if n == 1 { "" } else { "s" },
            ));
        }
        if !options.dry_run {
            store.set_meta(
                LAST_LOOK,
                &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            )?;
        }
        // Due mode reports only the editions someone is due.
        counts.retain(|r| r.subscribers > 0);
    }
    // Due mode meets editions in no particular order; a report reads better by edition.
    counts.sort_by(|a, b| a.edition.cmp(&b.edition));
    report.editions = counts;
    count_accepted(&mut report, &accepted);

    if options.only.is_some()
        && !report.editions.is_empty()
        && report.editions.iter().all(|r| r.subscribers == 0)
    {
        return Err(Error::Usage(format!(
            "{} is not an active subscriber of the editions due{}",
            options.only.as_deref().unwrap_or_default(),
            options.date.map(|d| format!(" on {d}")).unwrap_or_default()
        )));
    }
    // What is mailed is published: the editions' days are rendered as published, and recorded
    // in the ledger once the mail server answers (a dry run only reads it).
    let (ledger, publishing) = publish_editions(project, &store, &editions.list, options.dry_run)?;
    if options.dry_run {
        return Ok(report);
    }
    let doubtful = store.doubtful()?;
    if owed == 0 {
        name_doubtful(&mut report, &doubtful);
        if !doubtful.is_empty() {
            store.doubts_reported()?;
        }
        compact(project, &mut store, options.now)?;
        return Ok(report);
    }

    let rendered = render_owed(project, &ledger, &mut renderer, &store, &editions, &report)?;
    let composer = Composer::new(
        email,
        &renderer,
        &project.schedule.title,
        &project.root,
        options.without_unsubscribe,
    )?;
    let transport = Transport::from_config(email, &project.root, None)?;
    transport.check(email)?;
    // The server answers: from here mail may be accepted, so the days are given out. Recorded
    // before the first message, a kill in the middle cannot leave mail whose days are not.
    if let Some(publishing) = &publishing {
        publishing.commit()?;
    }

    Delivery {
        composer: &composer,
        editions: &rendered,
        transport: &transport,
        config: email,
        stop,
        database: &database,
        scope: &scope,
        walk_editions: &editions,
        only,
        retry_failed: options.retry_failed,
        allowed,
    }
    .run(
        options.kind,
        &mut store,
        &mut report,
        owed,
        &doubtful,
        progress,
    )?;
    compact(project, &mut store, options.now)?;
    Ok(report)
}

/// How many messages the daily cap (`max_per_day`) still allows today.
fn allowed_today(
    email: &crate::content::mail_config::EmailConfig,
    store: &Store,
    dry_run: bool,
) -> Result<usize, Error> {
    if email.max_per_day == 0 || dry_run {
        return Ok(usize::MAX);
    }
    let midnight = Utc::now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let already =
        store.sent_since(&midnight.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))?;
    Ok(u64::from(email.max_per_day).saturating_sub(already) as usize)
}

/// Per edition, where each message in scope stands, and how many are owed in all (at most
/// `allowed`); due mode also says how many fell out of the catch-up window.
type Counted = (
    Vec<EditionReport>,
    usize,
    std::collections::BTreeMap<String, usize>,
);

fn count_owed(
    store: &Store,
    scope: &Scope,
    editions: &mut Editions,
    only: Option<&str>,
    options: &Options,
    allowed: usize,
) -> Result<Counted, Error> {
    let mut counts: Vec<EditionReport> = Vec::new();
    let mut owed = 0usize;
    let skipped = walk(store, scope, editions, true, only, &mut |e, s, state| {
        while counts.len() <= e {
            counts.push(EditionReport::default());
        }
        let r = &mut counts[e];
        r.subscribers += 1;
        match state {
            Some(State::Sent) => r.already_sent += 1,
            Some(State::Failed) if !options.retry_failed => r.previously_failed += 1,
            _ if owed >= allowed => r.held_back += 1,
            _ => {
                owed += 1;
                r.owed += 1;
                if options.dry_run && r.would_send.len() < crate::mail::progress::LISTED {
                    r.would_send.push(s.email);
                }
            }
        }
        Ok(true)
    })?;
    Ok((counts, owed, skipped))
}

/// Mails one urgent alert now to every active subscriber who chose urgent requests and has
/// not had it: the digests' journal (claimed, sent, recorded; never twice, never lost), lock,
/// connections, retries, rate limits and DKIM, with the alert as an edition of its own
/// (`alert-2026-12-07-ng`). Nothing is published: an alert is outside the rotation.
pub fn run_alert(
    project: &Project,
    alert: &crate::content::alerts::Alert,
    options: &Options,
    progress: &mut dyn Progress,
    stop: &AtomicBool,
) -> Result<Report, Error> {
    let email = &project.schedule.email;
    let Opened {
        database,
        _lock,
        mut store,
        mut renderer,
        accepted,
    } = open(project, options)?;
    let mut report = Report::default();
    let only = options.only.as_deref().map(|o| o.trim().to_lowercase());
    let only = only.as_deref();
    let mut editions = Editions::default();
    let id = alert.post_id();
    editions.list.push((Cadence::Daily, alert.date, id.clone()));
    editions.index.insert(id.clone(), 0);
    let scope = Scope::Alert;
    let allowed = allowed_today(email, &store, options.dry_run)?;
    let (mut counts, owed, _) = count_owed(&store, &scope, &mut editions, only, options, allowed)?;
    counts.resize(1, EditionReport::default());
    counts[0].edition = id;
    report.editions = counts;
    count_accepted(&mut report, &accepted);
    if options.dry_run {
        return Ok(report);
    }
    let doubtful = store.doubtful()?;
    if owed == 0 {
        name_doubtful(&mut report, &doubtful);
        if !doubtful.is_empty() {
            store.doubts_reported()?;
        }
        return Ok(report);
    }
    let rendered = vec![Some(crate::mail::alert::render(
        project,
        &mut renderer,
        alert,
        &store.languages()?,
    )?)];
    let composer = Composer::new(
        email,
        &renderer,
        &project.schedule.title,
        &project.root,
        options.without_unsubscribe,
    )?;
    let transport = Transport::from_config(email, &project.root, None)?;
    transport.check(email)?;
    // Its own kind: an alert publishes no day, so it says nothing of the ledger's record.
    Delivery {
        composer: &composer,
        editions: &rendered,
        transport: &transport,
        config: email,
        stop,
        database: &database,
        scope: &scope,
        walk_editions: &editions,
        only,
        retry_failed: options.retry_failed,
        allowed,
    }
    .run(
        crate::mail::store::ALERT_RUN,
        &mut store,
        &mut report,
        owed,
        &doubtful,
        progress,
    )?;
    Ok(report)
}

/// Mails every alert showing at `now` (or only `alert`, an id) to whoever chose urgent
/// requests and has not had it: what `send` and `run` do after the digests, and `alert` at
/// once. One report per alert; none when no one chose urgent requests.
pub fn run_alerts(
    project: &Project,
    options: &Options,
    alert: Option<&str>,
    progress: &mut dyn Progress,
    stop: &AtomicBool,
) -> Result<Vec<Report>, Error> {
    let now = options.now.unwrap_or_else(Utc::now);
    let mut reports = Vec::new();
    for alert in crate::mail::alert::showing(project, now, alert) {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let report = run_alert(project, &alert, options, progress, stop)?;
        if report.editions.iter().any(|r| r.subscribers > 0) || !report.notes.is_empty() {
            reports.push(report);
        }
    }
    Ok(reports)
}

/// Whom this run looks at: `--date`'s editions (registered in `editions`), or whatever is
/// due now (deferred messages past the catch-up window expire first); notes go to `report`.
fn plan_scope(
    project: &Project,
    options: &Options,
    store: &Store,
    editions: &mut Editions,
    report: &mut Report,
) -> Result<Scope, Error> {
    let email = &project.schedule.email;
    let scope = match options.date {
        Some(date) => {
            let (due, notes) = editions_due(project, date, options.cadence);
            report.notes.extend(notes);
            for (cadence, id) in due {
                if store.is_compacted(&id)? {
                    report.notes.push(format!(
                        "{id} is older than the journal keeps (keep_journal_days = {}): whom it reached is \
                         no longer known message by message, so it is not sent again",
                        email.keep_journal_days
                    ));
                } else {
                    editions.register(cadence, date);
                }
            }
            Scope::Editions
        }
        None => {
            let now = options.now.unwrap_or_else(Utc::now);
            let rules = rules(project);
            if !options.dry_run {
                let cutoff =
                    now.date_naive() - chrono::Days::new(u64::from(rules.catch_up_days) + 1);
                let expired = store.expire_before(cutoff)?;
                if !expired.is_empty() {
                    let names: Vec<String> =
                        expired.iter().map(|(e, to)| format!("{e} {to}")).collect();
                    report.notes.push(format!(
                        "expired: {} deferred message{} fell out of the catch-up window (catch_up_days = {}) \
                         and will not be sent: {}",
                        expired.len(),
                        if expired.len() == 1 { "" } else { "s" },
                        rules.catch_up_days,
                        names.join(", ")
                    ));
                }
            }
            let since = store
                .meta(LAST_LOOK)?
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc));
            Scope::Due {
                now,
                since,
                rules,
                cadence: options.cadence,
            }
        }
    };
    Ok(scope)
}

/// What a stopped run left claimed: the messages its in-flight record marks as accepted by
/// the server are recorded as sent; those it shows in the server's hands without an answer (all
/// of them, if the record cannot be trusted) may have been delivered, and are marked so until
/// a finished run names them. Returns the accepted ones.
fn settle_a_stopped_run(
    store: &mut Store,
    database: &std::path::Path,
) -> Result<Vec<(String, i64)>, Error> {
    let left = store.left_sending()?;
    if left.is_empty() {
        return Ok(Vec::new());
    }
    let (accepted, doubtful): (Vec<_>, Vec<_>) = match crate::mail::inflight::named(database) {
        Some(named) => {
            let (accepted, rest): (Vec<_>, Vec<_>) =
                left.into_iter().partition(|m| named.delivered.contains(m));
            (
                accepted,
                rest.into_iter()
                    .filter(|m| named.handed.contains(m))
                    .collect(),
            )
        }
        None => (Vec::new(), left),
    };
    store.accepted_before_a_stop(&accepted)?;
    store.mark_doubtful(&doubtful)?;
    Ok(accepted)
}

/// Counts the messages a stopped run had delivered, found by [`settle_a_stopped_run`], under
/// their editions, or in a note.
fn count_accepted(report: &mut Report, accepted: &[(String, i64)]) {
    let mut elsewhere = 0;
    for (edition, _) in accepted {
        match report.editions.iter_mut().find(|r| &r.edition == edition) {
            Some(r) => r.accepted_before += 1,
            None => elsewhere += 1,
        }
    }
    if elsewhere > 0 {
        report.notes.push(format!(
            "{elsewhere} message{} of other editions accepted by the server before an earlier run \
             stopped: recorded as sent, not sent again",
            if elsewhere == 1 { "" } else { "s" }
        ));
    }
}

/// Each edition someone is owed, rendered once in each language subscribers read (`None` for
/// the editions no one is owed).
fn render_owed(
    project: &Project,
    ledger: &Ledger,
    renderer: &mut Renderer,
    store: &Store,
    editions: &Editions,
    report: &Report,
) -> Result<Vec<Option<Edition>>, Error> {
    let languages = store.languages()?;
    let mut rendered = Vec::with_capacity(editions.list.len());
    for (cadence, date, id) in &editions.list {
        let wanted = report
            .editions
            .iter()
            .any(|r| &r.edition == id && r.owed > 0);
        rendered.push(if wanted {
            Some(render_edition(
                project,
                ledger,
                renderer,
                *cadence,
                id.clone(),
                *date,
                &languages,
            )?)
        } else {
            None
        });
    }
    Ok(rendered)
}

/// The delivery's results in the report, per edition; `owed` tells a stopped run.
fn report_delivered(report: &mut Report, editions: &Editions, delivered: &Outcomes, owed: usize) {
    let mut finished_total = 0;
    for r in &mut report.editions {
        let Some(&e) = editions.index.get(&r.edition) else {
            continue;
        };
        let d = &delivered.editions[e];
        r.sent = d.sent;
        r.failed = d.failed.clone();
        r.deferred = d.deferred.clone();
        r.failed.sort();
        r.deferred.sort();
        finished_total += d.finished;
        r.not_started = r.owed.saturating_sub(d.finished);
    }
    report.stopped = finished_total < owed;
    if !report.stopped {
        for r in &mut report.editions {
            r.not_started = 0;
        }
    }
}

/// Puts each message that may have gone twice under its edition, or in a note.
fn name_doubtful(report: &mut Report, doubtful: &[(String, String)]) {
    let mut elsewhere: Vec<String> = Vec::new();
    for (edition, to) in doubtful {
        match report.editions.iter_mut().find(|r| &r.edition == edition) {
            Some(r) => r.in_flight_before.push(to.clone()),
            None => elsewhere.push(format!("{edition} {to}")),
        }
    }
    if !elsewhere.is_empty() {
        report.notes.push(format!(
            "{} message{} in flight when an earlier run stopped may have been delivered twice: {}",
            elsewhere.len(),
            if elsewhere.len() == 1 { "" } else { "s" },
            elsewhere.join(", ")
        ));
    }
}

/// Folds the journal of editions older than `keep_journal_days`, counted back from today or
/// from the newest edition sent, whichever is earlier (so a clock set wrong, or a rehearsal
/// with old dates, folds nothing that scheduling still reads).
fn compact(project: &Project, store: &mut Store, now: Option<DateTime<Utc>>) -> Result<(), Error> {
    let keep = project
        .schedule
        .email
        .keep_journal_days
        .max(crate::mail::store::MIN_KEEP_JOURNAL_DAYS);
    let today = now.unwrap_or_else(Utc::now).date_naive();
    let Some(newest) = store.newest_edition()? else {
        return Ok(());
    };
    let cutoff = today.min(newest) - chrono::Days::new(u64::from(keep));
    store.compact_before(cutoff).map(|_| ())
}

struct Job {
    edition: usize,
    subscriber: Subscriber,
    /// Its Message-ID, derived once for the claim, the message and the result.
    message_id: String,
    /// Where the message stood before this run claimed it: what a release restores.
    before: Option<State>,
}

/// A claimed message, composed (or why it could not be).
type Composed = (Job, Result<lettre::Message, String>);

/// How one message ended: sent, or why not.
type Outcome = Result<(), Finished>;

enum Finished {
    Failed(String),
    Deferred(String),
}

/// A sender's result for the journal.
struct Done {
    edition: usize,
    /// The in-flight record's slot that names this message until its result is committed.
    slot: Option<usize>,
    to: String,
    /// `None` only for an edition the run does not have (never, in practice).
    entry: Option<JournalEntry>,
    outcome: Outcome,
}

/// What a delivery did, per edition.
#[derive(Default, Clone)]
struct Delivered {
    sent: usize,
    failed: Vec<(String, String)>,
    deferred: Vec<(String, String)>,
    finished: usize,
}

/// Paces senders: a shared pause after a 421, and an optional rate limit.
struct Pace {
    paused_until: Mutex<Option<Instant>>,
    next_slot: Mutex<Instant>,
    interval: Option<Duration>,
}

impl Pace {
    async fn wait(&self) {
        loop {
            let until = *self.paused_until.lock().expect("pace lock");
            match until {
                Some(t) if t > Instant::now() => tokio::time::sleep(t - Instant::now()).await,
                _ => break,
            }
        }
        if let Some(interval) = self.interval {
            let slot = {
                let mut next = self.next_slot.lock().expect("pace lock");
                let slot = (*next).max(Instant::now());
                *next = slot + interval;
                slot
            };
            if slot > Instant::now() {
                tokio::time::sleep(slot - Instant::now()).await;
            }
        }
    }

    fn pause(&self, delay: Duration) {
        let mut until = self.paused_until.lock().expect("pace lock");
        let t = Instant::now() + delay;
        if until.is_none_or(|u| u < t) {
            *until = Some(t);
        }
    }
}

/// Sleeps for `delay`, waking early if asked to stop; returns false if it was.
async fn sleep_unless_stopped(delay: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + delay;
    while Instant::now() < end {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        tokio::time::sleep((end - Instant::now()).min(Duration::from_millis(100))).await;
    }
    true
}

/// Everything a delivery needs besides the journal.
struct Delivery<'a> {
    composer: &'a Composer<'a>,
    editions: &'a [Option<Edition>],
    transport: &'a Transport,
    config: &'a crate::content::mail_config::EmailConfig,
    stop: &'a AtomicBool,
    database: &'a std::path::Path,
    scope: &'a Scope,
    walk_editions: &'a Editions,
    only: Option<&'a str>,
    retry_failed: bool,
    allowed: usize,
}

impl Delivery<'_> {
    /// One recorded run of `kind`: delivers what is owed, reports it and the messages a
    /// stopped run may have delivered twice, and finishes the run with a commit that waits for
    /// the disk, and with it every result recorded during the run.
    fn run(
        &self,
        kind: &str,
        store: &mut Store,
        report: &mut Report,
        owed: usize,
        doubtful: &[(String, String)],
        progress: &mut dyn Progress,
    ) -> Result<(), Error> {
        let run_id = store.start_run(kind)?;
        let delivered = self.deliver(store, owed, progress)?;
        report_delivered(report, self.walk_editions, &delivered, owed);
        name_doubtful(report, doubtful);
        store.set_durable(true)?;
        store.finish_run(
            run_id,
            crate::mail::progress::summary(report, false).trim_end(),
        )?;
        if !doubtful.is_empty() {
            store.doubts_reported()?;
        }
        Ok(())
    }
}

/// The results of a delivery, per edition.
struct Outcomes {
    editions: Vec<Delivered>,
}

impl Delivery<'_> {
    /// Sends everything owed, in four named stages on three threads: [`Claim`] reads the
    /// subscribers again and claims their messages in the journal a batch at a time (one disk
    /// sync per batch); [`Connections`] drive all `connections` connections from one thread
    /// (lettre's async client on a one-thread tokio runtime), each [`Connection`] taking the
    /// next claimed message, composing it, noting it in the in-flight record and sending it,
    /// composing its next message while the server answers; [`Record`], on the calling thread,
    /// commits the results in groups (at most RESULT_GROUP, waiting at most RESULT_GROUP_WAIT).
    /// Claims no connection tried are then given back.
    fn deliver(
        &self,
        store: &mut Store,
        total: usize,
        progress: &mut dyn Progress,
    ) -> Result<Outcomes, Error> {
        let connections = self.config.connections.min(total).max(1);
        let label: Vec<&str> = self
            .editions
            .iter()
            .flatten()
            .map(|e| e.id.as_str())
            .collect();
        progress.start(&label.join(" + "), total);
        let shared = Shared::new(self, connections)?;
        // Results are written without waiting for the disk: a killed process loses none of
        // them, and the run's last commit makes them all durable.
        store.set_durable(false)?;
        // Claimed batches travel whole (the reader wakes once a batch, not once a message);
        // connections take the next message from the batch at the front.
        let (ready_tx, ready_rx) = tokio::sync::mpsc::channel::<Vec<Job>>(2);
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let (recorded, connected, claimed) = std::thread::scope(|scope| {
            let shared = &shared;
            let claim = scope.spawn(move || {
                Claim {
                    shared,
                    ready: ready_tx,
                    total,
                }
                .run()
            });
            let connected = scope.spawn(move || {
                Connections {
                    shared,
                    count: connections,
                    ready: ready_rx,
                    done: done_tx,
                }
                .run()
            });
            let recorded = Record {
                shared,
                store: &mut *store,
                results: done_rx,
                progress: &mut *progress,
            }
            .run();
            (recorded, connected.join(), claim.join())
        });
        let (outcomes, mut error) = recorded;
        if let Ok(Err(e)) = connected {
            error.get_or_insert(e);
        }
        // Every connection and the reader have ended: what is left claimed was never tried.
        if let Err(e) = shared.release(store) {
            error.get_or_insert(e);
        }
        progress.finish();
        if let Some(e) = error {
            return Err(e);
        }
        match claimed {
            Ok(Ok(())) => Ok(outcomes),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::Usage(
                "reading the subscribers stopped unexpectedly: run send again".into(),
            )),
        }
    }
}

/// What the stages of a delivery share: its settings, and what they hand each other.
struct Shared<'a> {
    delivery: &'a Delivery<'a>,
    /// Set when a stage fails: the others stop.
    abort: AtomicBool,
    pace: Pace,
    /// Each connection has `slots_per_connection` slots in the in-flight record. A slot names a
    /// message from just before it goes to the server until its result is committed ([`Record`]
    /// frees it), and marks it accepted when the server's 250 comes, so a kill at any moment
    /// finds every message whose fate the journal does not know, and which of them were
    /// delivered.
    record: crate::mail::inflight::InFlight,
    slots_per_connection: usize,
    busy: Vec<AtomicBool>,
    /// Woken when [`Record`] frees slots.
    freed: tokio::sync::Notify,
    /// Claims no connection attempted (a stop, or the end of the connections).
    unattempted: Mutex<Vec<Job>>,
}

impl<'a> Shared<'a> {
    fn new(delivery: &'a Delivery<'a>, connections: usize) -> Result<Shared<'a>, Error> {
        let config = delivery.config;
        let slots_per_connection = slots_per_connection(connections);
        let slots = connections * slots_per_connection;
        Ok(Shared {
            delivery,
            abort: AtomicBool::new(false),
            pace: Pace {
                paused_until: Mutex::new(None),
                next_slot: Mutex::new(Instant::now()),
                interval: (config.max_per_second > 0)
                    .then(|| Duration::from_secs_f64(1.0 / f64::from(config.max_per_second))),
            },
            record: crate::mail::inflight::InFlight::create(delivery.database, slots)?,
            slots_per_connection,
            busy: (0..slots).map(|_| AtomicBool::new(false)).collect(),
            freed: tokio::sync::Notify::new(),
            unattempted: Mutex::new(Vec::new()),
        })
    }

    /// Whether the stages should stop taking new work.
    fn stopping(&self) -> bool {
        self.abort.load(Ordering::Relaxed) || self.delivery.stop.load(Ordering::Relaxed)
    }

    fn edition(&self, job: &Job) -> Option<&'a Edition> {
        self.delivery.editions[job.edition].as_ref()
    }

    /// The journal's entry for `job` in `state`.
    fn entry(&self, job: &Job, state: State, detail: String) -> Option<JournalEntry> {
        Some(JournalEntry {
            edition: self.edition(job)?.id.clone(),
            subscriber: job.subscriber.id,
            state,
            message_id: job.message_id.clone(),
            detail,
        })
    }

    fn give_back(&self, jobs: impl IntoIterator<Item = Job>) {
        self.unattempted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(jobs);
    }

    /// Returns the claims no connection tried to where they stood before the run.
    fn release(&self, store: &mut Store) -> Result<(), Error> {
        let left = std::mem::take(
            &mut *self
                .unattempted
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let claims: Vec<(JournalEntry, Option<State>)> = left
            .into_iter()
            .filter_map(|job| {
                let before = job.before;
                Some((self.entry(&job, State::Sending, String::new())?, before))
            })
            .collect();
        if !claims.is_empty() {
            store.release(&claims)?;
        }
        Ok(())
    }
}

/// The first stage: reads the subscribers owed a message, in the order the count read them,
/// and claims their messages in the journal a batch at a time, on connections of its own (the
/// reads are short statements, never a transaction held open across the run).
struct Claim<'s, 'a> {
    shared: &'s Shared<'a>,
    ready: tokio::sync::mpsc::Sender<Vec<Job>>,
    /// At most this many messages.
    total: usize,
}

impl Claim<'_, '_> {
    fn run(self) -> Result<(), Error> {
        let result = self.claim();
        if result.is_err() {
            self.shared.abort.store(true, Ordering::Relaxed);
        }
        result
    }

    fn claim(&self) -> Result<(), Error> {
        let delivery = self.shared.delivery;
        let reader = Store::open(delivery.database)?;
        let mut writer = Store::open(delivery.database)?;
        let mut batch: Vec<Job> = Vec::with_capacity(CLAIM_BATCH);
        let (mut emitted, mut owed_seen, mut open) = (0usize, 0usize, true);
        let mut known = delivery.walk_editions.clone();
        walk(
            &reader,
            delivery.scope,
            &mut known,
            false,
            delivery.only,
            &mut |e, s, state| {
                if self.shared.stopping() {
                    return Ok(false);
                }
                if !is_owed(state, delivery.retry_failed) {
                    return Ok(true);
                }
                owed_seen += 1;
                if owed_seen > delivery.allowed || emitted >= self.total {
                    return Ok(false);
                }
                let Some(edition) = delivery.editions[e].as_ref() else {
                    return Ok(true);
                };
                emitted += 1;
                batch.push(Job {
                    edition: e,
                    message_id: delivery.composer.message_id(&edition.id, &s),
                    subscriber: s,
                    before: state,
                });
                if batch.len() >= CLAIM_BATCH {
                    open = self.flush(&mut batch, &mut writer)?;
                }
                Ok(open)
            },
        )?;
        // Asked to stop: what is not yet claimed stays unclaimed.
        if open && !batch.is_empty() && !delivery.stop.load(Ordering::Relaxed) {
            self.flush(&mut batch, &mut writer)?;
        }
        Ok(())
    }

    /// Claims `batch` durably and hands it to the connections; false once they have ended
    /// (the batch is then given back).
    fn flush(&self, batch: &mut Vec<Job>, writer: &mut Store) -> Result<bool, Error> {
        let entries: Vec<JournalEntry> = batch
            .iter()
            .filter_map(|j| self.shared.entry(j, State::Sending, String::new()))
            .collect();
        writer.record(&entries)?;
        let claimed = std::mem::replace(batch, Vec::with_capacity(CLAIM_BATCH));
        match self.ready.blocking_send(claimed) {
            Ok(()) => Ok(true),
            Err(returned) => {
                self.shared.give_back(returned.0);
                Ok(false)
            }
        }
    }
}

/// Claimed messages waiting for a connection: the batch at the front, then the channel.
struct Ready {
    inner: tokio::sync::Mutex<(
        std::collections::VecDeque<Job>,
        tokio::sync::mpsc::Receiver<Vec<Job>>,
    )>,
}

impl Ready {
    /// The next claimed message, waiting for the next batch; `None` once the reader is done.
    async fn next(&self) -> Option<Job> {
        let mut ready = self.inner.lock().await;
        let (queue, rx) = &mut *ready;
        if queue.is_empty()
            && let Some(batch) = rx.recv().await
        {
            queue.extend(batch);
        }
        queue.pop_front()
    }

    /// A claimed message if one is waiting, without waiting for one.
    fn waiting(&self) -> Option<Job> {
        let mut ready = self.inner.try_lock().ok()?;
        let (queue, rx) = &mut *ready;
        if queue.is_empty()
            && let Ok(batch) = rx.try_recv()
        {
            queue.extend(batch);
        }
        queue.pop_front()
    }

    /// What is left once the connections have ended; the reader's next batch finds no one.
    fn left(self) -> Vec<Job> {
        let (queue, mut rx) = self.inner.into_inner();
        rx.close();
        let mut left: Vec<Job> = queue.into();
        while let Ok(batch) = rx.try_recv() {
            left.extend(batch);
        }
        left
    }
}

/// The second and third stages, for every connection: one thread drives them all, as
/// Postfix's smtp-source drives its sessions. Waiting for one server's reply, it composes and
/// sends on the others, where a thread blocked per connection cost a sleep and a wake-up per
/// reply.
struct Connections<'s, 'a> {
    shared: &'s Shared<'a>,
    count: usize,
    ready: tokio::sync::mpsc::Receiver<Vec<Job>>,
    done: mpsc::Sender<Done>,
}

impl Connections<'_, '_> {
    fn run(self) -> Result<(), Error> {
        let ready = Ready {
            inner: tokio::sync::Mutex::new((std::collections::VecDeque::new(), self.ready)),
        };
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => {
                self.shared.abort.store(true, Ordering::Relaxed);
                self.shared.give_back(ready.left());
                return Err(Error::Usage(format!(
                    "could not start the connections' thread: {e}"
                )));
            }
        };
        let (shared, done, ready_ref) = (self.shared, &self.done, &ready);
        runtime.block_on(futures_util::future::join_all((0..self.count).map(
            |number| {
                Connection {
                    shared,
                    slots: number * shared.slots_per_connection
                        ..(number + 1) * shared.slots_per_connection,
                    sender: shared.delivery.transport.async_sender(),
                    ready: ready_ref,
                    done: done.clone(),
                    upcoming: None,
                }
                .run()
            },
        )));
        self.shared.give_back(ready.left());
        Ok(())
    }
}

/// One connection: compose, deliver, hand the result to [`Record`].
struct Connection<'r, 's, 'a> {
    shared: &'s Shared<'a>,
    /// Its slots in the in-flight record.
    slots: std::ops::Range<usize>,
    sender: crate::mail::transport::AsyncSender,
    ready: &'r Ready,
    done: mpsc::Sender<Done>,
    /// The next message, composed while this one's first reply is awaited.
    upcoming: Option<Composed>,
}

impl Connection<'_, '_, '_> {
    async fn run(mut self) {
        while !self.shared.stopping() {
            let composed = match self.upcoming.take() {
                Some(composed) => Some(composed),
                None => match self.ready.next().await {
                    Some(job) => compose(self.shared, job),
                    None => break,
                },
            };
            let Some((job, message)) = composed else {
                continue;
            };
            let message = match message {
                Ok(message) => message,
                Err(why) => {
                    let result = self.result(&job, None, Err(Finished::Failed(why)));
                    if self.done.send(result).is_err() {
                        break;
                    }
                    continue;
                }
            };
            let Some(edition) = self.shared.edition(&job) else {
                continue;
            };
            let Some(slot) = self.slot().await else {
                self.shared.give_back([job]);
                break;
            };
            self.shared.busy[slot].store(true, Ordering::Release);
            if self
                .shared
                .record
                .set(slot, &edition.id, job.subscriber.id)
                .is_err()
            {
                self.shared.abort.store(true, Ordering::Relaxed);
                break;
            }
            let stem = format!("{}-{}", edition.id, job.subscriber.id);
            let outcome = self.deliver(&message, &stem).await;
            // Accepted: the mark goes down before the result joins the journal's group. (If it
            // cannot, the result is still recorded; the run stops.)
            let unmarked = outcome.is_ok() && self.shared.record.delivered(slot).is_err();
            if unmarked {
                self.shared.abort.store(true, Ordering::Relaxed);
            }
            if self
                .done
                .send(self.result(&job, Some(slot), outcome))
                .is_err()
                || unmarked
            {
                break;
            }
        }
        if let Some((job, _)) = self.upcoming.take() {
            self.shared.give_back([job]);
        }
        self.sender.close().await;
    }

    /// A free slot of this connection's; [`Record`] frees them as it commits, and wakes
    /// connections waiting for one. `None` if the delivery aborts meanwhile.
    async fn slot(&self) -> Option<usize> {
        let busy = &self.shared.busy;
        loop {
            let notified = self.shared.freed.notified();
            let mut notified = std::pin::pin!(notified);
            notified.as_mut().enable();
            if let Some(slot) = self
                .slots
                .clone()
                .find(|&i| !busy[i].load(Ordering::Acquire))
            {
                return Some(slot);
            }
            if self.shared.abort.load(Ordering::Relaxed) {
                return None;
            }
            let _ = tokio::time::timeout(Duration::from_millis(50), notified).await;
        }
    }

    /// The third stage: the message to the server, retried with backoff as configured.
    async fn deliver(&mut self, message: &lettre::Message, stem: &str) -> Outcome {
        let config = self.shared.delivery.config;
        let base_delay = Duration::from_millis(config.retry_delay_ms);
        let mut outcome = Err(Finished::Deferred(String::new()));
        for attempt in 1..=config.attempts {
            self.shared.pace.wait().await;
            let sent = if self.upcoming.is_none() {
                // The send goes first: its first command is on the wire before the next
                // message is composed.
                let (shared, ready) = (self.shared, self.ready);
                let (sent, next) = tokio::join!(self.sender.send(message, stem), async {
                    ready.waiting().and_then(|job| compose(shared, job))
                });
                self.upcoming = next;
                sent
            } else {
                self.sender.send(message, stem).await
            };
            match sent {
                Ok(()) => return Ok(()),
                Err(SendError::Permanent(why)) => return Err(Finished::Failed(why)),
                Err(e) => {
                    let delay = base_delay
                        .saturating_mul(1 << (attempt - 1).min(8))
                        .min(Duration::from_secs(300));
                    if matches!(e, SendError::RelayBusy(_)) {
                        self.shared.pace.pause(delay);
                    }
                    outcome = Err(Finished::Deferred(e.detail().to_string()));
                    if attempt < config.attempts
                        && !sleep_unless_stopped(delay, self.shared.delivery.stop).await
                    {
                        break;
                    }
                }
            }
        }
        outcome
    }

    /// What [`Record`] writes for `job` and reports.
    fn result(&self, job: &Job, slot: Option<usize>, outcome: Outcome) -> Done {
        let (state, detail) = match &outcome {
            Ok(()) => (State::Sent, String::new()),
            Err(Finished::Failed(why)) => (State::Failed, why.clone()),
            Err(Finished::Deferred(why)) => (State::Deferred, why.clone()),
        };
        Done {
            edition: job.edition,
            slot,
            to: job.subscriber.email.clone(),
            entry: self.shared.entry(job, state, detail),
            outcome,
        }
    }
}

/// The second stage: the message of a claimed job, or why it cannot be made.
fn compose(shared: &Shared, job: Job) -> Option<Composed> {
    let edition = shared.edition(&job)?;
    let message = shared
        .delivery
        .composer
        .compose_with_id(edition, &job.subscriber, job.message_id.clone())
        .map_err(|e| e.to_string());
    Some((job, message))
}

/// The fourth stage: gathers the results and commits them in groups of at most RESULT_GROUP,
/// none waiting longer than RESULT_GROUP_WAIT (and at once when the run is asked to stop or the
/// connections end), frees their slots, and counts them. It looks every RESULT_LOOK rather than
/// waiting on the channel: the connections' thread never has to wake it (a wake-up per result
/// cost more than the look). Idle, it looks less often.
struct Record<'s, 'a, 'x> {
    shared: &'s Shared<'a>,
    store: &'x mut Store,
    results: mpsc::Receiver<Done>,
    progress: &'x mut dyn Progress,
}

/// Where the results stand in [`Record`].
struct Tally {
    outcomes: Outcomes,
    finished: usize,
    failed: usize,
    error: Option<Error>,
}

impl Record<'_, '_, '_> {
    fn run(mut self) -> (Outcomes, Option<Error>) {
        let mut tally = Tally {
            outcomes: Outcomes {
                editions: vec![Delivered::default(); self.shared.delivery.editions.len()],
            },
            finished: 0,
            failed: 0,
            error: None,
        };
        let mut group: Vec<Done> = Vec::with_capacity(RESULT_GROUP);
        // When the oldest result of the group came.
        let mut since = Instant::now();
        let mut pause = RESULT_LOOK;
        loop {
            std::thread::sleep(pause);
            let ended = loop {
                if group.len() >= RESULT_GROUP {
                    break false;
                }
                match self.results.try_recv() {
                    Ok(done) => {
                        if group.is_empty() {
                            since = Instant::now();
                        }
                        group.push(done);
                    }
                    Err(mpsc::TryRecvError::Empty) => break false,
                    Err(mpsc::TryRecvError::Disconnected) => break true,
                }
            };
            pause = if group.is_empty() {
                (pause * 2).min(IDLE_RESULT_LOOK)
            } else {
                RESULT_LOOK
            };
            let full = group.len() >= RESULT_GROUP;
            if !group.is_empty()
                && (full || ended || since.elapsed() >= RESULT_GROUP_WAIT || self.shared.stopping())
            {
                self.commit(&mut group, &mut tally);
                if full {
                    // More may be waiting: look again at once.
                    pause = Duration::ZERO;
                }
            }
            if ended && group.is_empty() {
                break;
            }
        }
        (tally.outcomes, tally.error)
    }

    /// Commits a group in one transaction, frees its slots and counts its results.
    fn commit(&mut self, group: &mut Vec<Done>, tally: &mut Tally) {
        let shared = self.shared;
        let entries: Vec<JournalEntry> = group.iter().filter_map(|d| d.entry.clone()).collect();
        if let Err(e) = self.store.record(&entries) {
            // The slots stay taken: the connections stop, and the in-flight record keeps
            // naming these messages for the next run.
            shared.abort.store(true, Ordering::Relaxed);
            tally.error.get_or_insert(e);
            group.clear();
            return;
        }
        for d in group.iter() {
            // Committed: the slot may name another message. (It is not wiped: a message the
            // journal no longer shows as `sending` is never counted.)
            if let Some(slot) = d.slot {
                shared.busy[slot].store(false, Ordering::Release);
            }
        }
        shared.freed.notify_waiters();
        for d in group.drain(..) {
            let out = &mut tally.outcomes.editions[d.edition];
            out.finished += 1;
            tally.finished += 1;
            match d.outcome {
                Ok(()) => out.sent += 1,
                Err(Finished::Failed(why)) => {
                    tally.failed += 1;
                    out.failed.push((d.to, why));
                }
                Err(Finished::Deferred(why)) => {
                    tally.failed += 1;
                    out.deferred.push((d.to, why));
                }
            }
        }
        self.progress.advance(tally.finished, tally.failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::subscribers::{MailFormat, NewSubscriber};

    #[test]
    fn a_stopped_runs_accepted_results_are_recorded_sent_and_only_the_unanswered_are_doubtful() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let mut store = Store::open(&db).unwrap();
        for i in 0..4 {
            let new = NewSubscriber {
                language: None,
                email: format!("reader{i}@example.org"),
                name: String::new(),
                cadence: Cadence::Daily,
                format: MailFormat::Text,
                timezone: None,
                hour: None,
                urgent: None,
            };
            store.upsert(&new, false).unwrap();
        }
        let ids: Vec<i64> = store.list().unwrap().iter().map(|s| s.id).collect();
        let edition = "daily-2026-11-23";
        let claims: Vec<JournalEntry> = ids
            .iter()
            .map(|&subscriber| JournalEntry {
                edition: edition.into(),
                subscriber,
                state: State::Sending,
                message_id: format!("<{edition}.{subscriber}.x@example.org>"),
                detail: String::new(),
            })
            .collect();
        store.record(&claims).unwrap();
        // The run, killed: the first message's result committed; the second accepted, its
        // result waiting for its group; the third in the server's hands; the fourth claimed only.
        let record = crate::mail::inflight::InFlight::create(&db, 4).unwrap();
        record.set(0, edition, ids[0]).unwrap();
        record.delivered(0).unwrap();
        store
            .record(&[JournalEntry {
                state: State::Sent,
                ..claims[0].clone()
            }])
            .unwrap();
        record.set(1, edition, ids[1]).unwrap();
        record.delivered(1).unwrap();
        record.set(2, edition, ids[2]).unwrap();
        drop(record);

        let accepted = settle_a_stopped_run(&mut store, &db).unwrap();
        let journal = store.journal(edition).unwrap();
        let doubtful = store.doubtful().unwrap();
        if crate::mail::inflight::boot_id().is_none() {
            // A record that cannot be trusted: every claimed message may have gone.
            assert!(accepted.is_empty());
            assert_eq!(doubtful.len(), 3);
            return;
        }
        assert_eq!(accepted, vec![(edition.to_string(), ids[1])]);
        assert_eq!(journal[&ids[0]].state, State::Sent);
        assert_eq!(journal[&ids[1]].state, State::Sent);
        assert_eq!(journal[&ids[2]].state, State::Sending);
        assert_eq!(journal[&ids[3]].state, State::Sending);
        assert_eq!(
            doubtful,
            vec![(edition.to_string(), "reader2@example.org".to_string())]
        );
    }
}
