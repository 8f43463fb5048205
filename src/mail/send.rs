//! `send`: deliver the day's (and on the week's first day, the week's) edition to every active
//! subscriber, exactly once.
//!
//! The journal is the source of truth. Before a message goes to the server its row is written
//! `sending` (durably); after the server's 250 it becomes `sent`. A run that stops at any moment
//! leaves only the messages in flight as `sending`: the next run reports them ("may have been
//! delivered") and sends them again with the same Message-ID; everything else is either `sent`
//! and skipped, or never started and sent. Journal writes from all sender threads go through one
//! writer that commits them in batches, so keeping the journal costs one disk sync per batch,
//! not per message.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};

use crate::content::calendar::week_start;
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
}

/// Which editions go to whom: `None` means every active subscriber of the cadence.
type EditionPlan = Vec<(Cadence, NaiveDate, Option<std::collections::HashSet<i64>>)>;

/// Scheduling rules from the schedule.
pub fn rules(project: &Project) -> crate::mail::due::Rules {
    crate::mail::due::Rules {
        zone: project.schedule.timezone,
        hour: project.schedule.email.send_hour,
        week_starts: project.schedule.week_starts,
        catch_up_days: project.schedule.email.catch_up_days,
        first_date: project.schedule.start,
    }
}

/// What is due at `now`, by edition; notes on editions skipped as too old. Records `now` as the
/// last look, unless dry.
fn plan_due(
    project: &Project,
    store: &Store,
    now: DateTime<Utc>,
    cadence: Option<Cadence>,
    record: bool,
) -> Result<(EditionPlan, Vec<String>), Error> {
    let rules = rules(project);
    let mut subscribers = store.all_active()?;
    if let Some(c) = cadence {
        subscribers.retain(|s| s.cadence == c);
    }
    let done = store.finished_around(now)?;
    let since = store
        .meta(LAST_LOOK)?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc));
    let (due, skipped) = crate::mail::due::due_now(&subscribers, &done, now, since, &rules);
    let mut plan: std::collections::BTreeMap<(Cadence, NaiveDate), std::collections::HashSet<i64>> =
        Default::default();
    for m in due {
        plan.entry((m.cadence, m.date))
            .or_default()
            .insert(m.subscriber);
    }
    let mut notes = Vec::new();
    let mut skipped_by: std::collections::BTreeMap<String, usize> = Default::default();
    for m in skipped {
        *skipped_by.entry(m.edition).or_default() += 1;
    }
    for (edition, n) in skipped_by {
        notes.push(format!(
            "skipped {edition} for {n} subscriber{}: it fell due while nothing was running and is older than \
             the catch-up window (catch_up_days = {})",
            if n == 1 { "" } else { "s" },
            rules.catch_up_days
        ));
    }
    if record {
        store.set_meta(
            LAST_LOOK,
            &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        )?;
    }
    Ok((
        plan.into_iter()
            .map(|((c, d), ids)| (c, d, Some(ids)))
            .collect(),
        notes,
    ))
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
        let first = week_start(date, project.schedule.week_starts);
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

/// Renders an edition once.
pub(crate) fn render_edition(
    project: &Project,
    ledger: &Ledger,
    renderer: &mut Renderer,
    cadence: Cadence,
    id: String,
    date: NaiveDate,
) -> Result<Edition, Error> {
    let schedule = &project.schedule;
    let email = &schedule.email;
    let assembler = Assembler::new(&project.catalog, schedule, ledger, Audience::Public);
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
    Ok(Edition {
        id,
        cadence,
        subject,
        html: crate::mail::inline::for_mail(&html).map_err(Error::Usage)?,
        text,
    })
}

/// Records the days of the editions about to go out (and every day up to today) in the
/// ledger, so that what is mailed never changes; a dry run only reads it.
fn publish_editions(
    project: &Project,
    store: &Store,
    plan: &EditionPlan,
    dry_run: bool,
) -> Result<Ledger, Error> {
    use crate::publish::ledger;
    if !ledger::path(project).exists() && store.last_run()?.is_some() {
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
    if dry_run {
        return ledger::load(project, &outputs, false);
    }
    let today = crate::content::calendar::today(&project.schedule.timezone);
    let through = plan
        .iter()
        .map(|(cadence, date, _)| match cadence {
            Cadence::Daily => *date,
            Cadence::Weekly => {
                week_start(*date, project.schedule.week_starts) + chrono::Days::new(6)
            }
        })
        .fold(today, NaiveDate::max);
    ledger::publish_through(project, through, today, &outputs, false)
}

/// Runs `send`.
pub fn run(
    project: &Project,
    options: &Options,
    progress: &mut dyn Progress,
    stop: &AtomicBool,
) -> Result<Report, Error> {
    let email = &project.schedule.email;
    let database = project.path(&email.database);
    let _lock = if options.dry_run {
        None
    } else {
        Some(SendLock::acquire(&database)?)
    };
    let mut store = Store::open(&database)?;
    let mut renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
    let (plan, notes): (EditionPlan, Vec<String>) = match options.date {
        Some(date) => {
            let (due, notes) = editions_due(project, date, options.cadence);
            (
                due.into_iter().map(|(c, _)| (c, date, None)).collect(),
                notes,
            )
        }
        None => plan_due(
            project,
            &store,
            options.now.unwrap_or_else(Utc::now),
            options.cadence,
            !options.dry_run,
        )?,
    };
    let mut report = Report {
        editions: Vec::new(),
        notes,
        stopped: false,
    };
    let ledger = publish_editions(project, &store, &plan, options.dry_run)?;
    let mut editions = Vec::new();
    for (cadence, date, _) in &plan {
        let id = crate::mail::due::edition_id(*cadence, *date);
        editions.push(render_edition(
            project,
            &ledger,
            &mut renderer,
            *cadence,
            id,
            *date,
        )?);
    }
    let composer = Composer::new(email, &renderer, &project.schedule.title, &project.root)?;

    // Work out every message still owed, per edition, from the journal.
    let mut jobs: Vec<Job> = Vec::new();
    for (e, edition) in editions.iter().enumerate() {
        let mut r = EditionReport {
            edition: edition.id.clone(),
            ..Default::default()
        };
        let mut subscribers = store.active(edition.cadence)?;
        if let Some(ids) = &plan[e].2 {
            subscribers.retain(|s| ids.contains(&s.id));
        }
        if let Some(only) = &options.only {
            let only = only.trim().to_lowercase();
            subscribers.retain(|s| s.email.to_lowercase() == only);
        }
        r.subscribers = subscribers.len();
        let journal = store.journal(&edition.id)?;
        for s in subscribers {
            match journal.get(&s.id).map(|d| d.state) {
                Some(State::Sent) => r.already_sent += 1,
                Some(State::Failed) if !options.retry_failed => r.previously_failed += 1,
                state => {
                    if state == Some(State::Sending) {
                        r.in_flight_before.push(s.email.clone());
                    }
                    jobs.push(Job {
                        edition: e,
                        subscriber: s,
                    });
                }
            }
        }
        report.editions.push(r);
    }
    if options.only.is_some()
        && report.editions.iter().all(|r| r.subscribers == 0)
        && !report.editions.is_empty()
    {
        return Err(Error::Usage(format!(
            "{} is not an active subscriber of the editions due{}",
            options.only.as_deref().unwrap_or_default(),
            options.date.map(|d| format!(" on {d}")).unwrap_or_default()
        )));
    }

    if email.max_per_day > 0 {
        let midnight = chrono::Utc::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let already =
            store.sent_since(&midnight.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))?;
        let allowed = u64::from(email.max_per_day).saturating_sub(already) as usize;
        if jobs.len() > allowed {
            for job in jobs.drain(allowed..) {
                report.editions[job.edition].held_back += 1;
            }
        }
    }

    if options.dry_run {
        for job in &jobs {
            report.editions[job.edition]
                .would_send
                .push(job.subscriber.email.clone());
        }
        return Ok(report);
    }
    if jobs.is_empty() {
        return Ok(report);
    }

    let transport = Transport::from_config(email, &project.root, None)?;
    transport.check(email)?;

    let run_id = store.start_run(options.kind)?;
    let total = jobs.len();
    let outcome = Delivery {
        composer: &composer,
        editions: &editions,
        transport: &transport,
        config: email,
        stop,
    }
    .deliver(&mut store, jobs, progress)?;
    report.stopped = outcome.len() < total;
    let mut finished = vec![0usize; report.editions.len()];
    for (job, _) in &outcome {
        finished[job.edition] += 1;
    }
    for (job, result) in outcome {
        let r = &mut report.editions[job.edition];
        match result {
            Ok(()) => r.sent += 1,
            Err(Finished::Failed(d)) => r.failed.push((job.subscriber.email, d)),
            Err(Finished::Deferred(d)) => r.deferred.push((job.subscriber.email, d)),
        }
    }
    for r in &mut report.editions {
        r.failed.sort();
        r.deferred.sort();
    }
    if report.stopped {
        // Jobs are counted per edition before sending; what did not finish was never started.
        for (e, r) in report.editions.iter_mut().enumerate() {
            let owed = r.subscribers - r.already_sent - r.previously_failed - r.held_back;
            r.not_started = owed.saturating_sub(finished[e]);
        }
    }
    store.finish_run(
        run_id,
        crate::mail::progress::summary(&report, false).trim_end(),
    )?;
    Ok(report)
}

struct Job {
    edition: usize,
    subscriber: Subscriber,
}

/// How one message ended: sent, or why not.
type Outcome = Result<(), Finished>;

enum Finished {
    Failed(String),
    Deferred(String),
}

enum Event {
    /// Mark `sending`; the sender waits for the answer before it talks to the server.
    Claim(JournalEntry, mpsc::SyncSender<bool>),
    Done(usize, JournalEntry, Outcome),
}

/// Paces senders: a shared pause after a 421, and an optional rate limit.
struct Pace {
    paused_until: Mutex<Option<Instant>>,
    next_slot: Mutex<Instant>,
    interval: Option<Duration>,
}

impl Pace {
    fn wait(&self) {
        loop {
            let until = *self.paused_until.lock().expect("pace lock");
            match until {
                Some(t) if t > Instant::now() => std::thread::sleep(t - Instant::now()),
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
                std::thread::sleep(slot - Instant::now());
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
fn sleep_unless_stopped(delay: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + delay;
    while Instant::now() < end {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(100)));
    }
    true
}

/// Sends every job over `connections` threads; the calling thread keeps the journal.
/// Everything a delivery needs besides the journal and the jobs.
struct Delivery<'a> {
    composer: &'a Composer<'a>,
    editions: &'a [Edition],
    transport: &'a Transport,
    config: &'a crate::content::mail_config::EmailConfig,
    stop: &'a AtomicBool,
}

impl Delivery<'_> {
    fn deliver(
        &self,
        store: &mut Store,
        jobs: Vec<Job>,
        progress: &mut dyn Progress,
    ) -> Result<Vec<(Job, Outcome)>, Error> {
        let Delivery {
            composer,
            editions,
            transport,
            config,
            stop,
        } = *self;
        let total = jobs.len();
        let threads = config.connections.min(total).max(1);
        let next = AtomicUsize::new(0);
        let abort = AtomicBool::new(false);
        let pace = Pace {
            paused_until: Mutex::new(None),
            next_slot: Mutex::new(Instant::now()),
            interval: (config.max_per_second > 0)
                .then(|| Duration::from_secs_f64(1.0 / f64::from(config.max_per_second))),
        };
        let base_delay = Duration::from_millis(config.retry_delay_ms);
        let attempts = config.attempts;
        let label: Vec<&str> = editions.iter().map(|e| e.id.as_str()).collect();
        progress.start(&label.join(" + "), total);

        let (tx, rx) = mpsc::channel::<Event>();
        let mut results: HashMap<usize, Outcome> = HashMap::with_capacity(total);
        let mut journal_error: Option<Error> = None;
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let tx = tx.clone();
                let (jobs, next, abort, pace) = (&jobs, &next, &abort, &pace);
                scope.spawn(move || {
                    let mut sender = transport.sender();
                    loop {
                        if abort.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        let edition = &editions[job.edition];
                        let entry = |state, detail: String| JournalEntry {
                            edition: edition.id.clone(),
                            subscriber: job.subscriber.id,
                            state,
                            message_id: composer.message_id(&edition.id, &job.subscriber),
                            detail,
                        };
                        let message = match composer.compose(edition, &job.subscriber) {
                            Ok(m) => m,
                            Err(e) => {
                                let d = e.to_string();
                                let _ = tx.send(Event::Done(
                                    i,
                                    entry(State::Failed, d.clone()),
                                    Err(Finished::Failed(d)),
                                ));
                                continue;
                            }
                        };
                        let (ack, acked) = mpsc::sync_channel(1);
                        if tx
                            .send(Event::Claim(entry(State::Sending, String::new()), ack))
                            .is_err()
                            || acked.recv() != Ok(true)
                        {
                            break;
                        }
                        let stem = format!("{}-{}", edition.id, job.subscriber.id);
                        let mut result = Err(Finished::Deferred(String::new()));
                        for attempt in 1..=attempts {
                            pace.wait();
                            match sender.send(&message, &stem) {
                                Ok(()) => {
                                    result = Ok(());
                                    break;
                                }
                                Err(SendError::Permanent(d)) => {
                                    result = Err(Finished::Failed(d));
                                    break;
                                }
                                Err(e) => {
                                    let delay = base_delay
                                        .saturating_mul(1 << (attempt - 1).min(8))
                                        .min(Duration::from_secs(300));
                                    if matches!(e, SendError::RelayBusy(_)) {
                                        pace.pause(delay);
                                    }
                                    result = Err(Finished::Deferred(e.detail().to_string()));
                                    if attempt < attempts && !sleep_unless_stopped(delay, stop) {
                                        break;
                                    }
                                }
                            }
                        }
                        let journal = match &result {
                            Ok(()) => entry(State::Sent, String::new()),
                            Err(Finished::Failed(d)) => entry(State::Failed, d.clone()),
                            Err(Finished::Deferred(d)) => entry(State::Deferred, d.clone()),
                        };
                        if tx.send(Event::Done(i, journal, result)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);

            // The journal writer: take every event waiting, commit them together, then let the
            // claimed messages go.
            let mut failed = 0;
            while let Ok(first) = rx.recv() {
                let mut batch = vec![first];
                while let Ok(more) = rx.try_recv() {
                    batch.push(more);
                }
                let entries: Vec<JournalEntry> = batch
                    .iter()
                    .map(|e| match e {
                        Event::Claim(entry, _) | Event::Done(_, entry, _) => entry.clone(),
                    })
                    .collect();
                let ok = match store.record(&entries) {
                    Ok(()) => true,
                    Err(e) => {
                        abort.store(true, Ordering::Relaxed);
                        journal_error.get_or_insert(e);
                        false
                    }
                };
                for event in batch {
                    match event {
                        Event::Claim(_, ack) => {
                            let _ = ack.send(ok);
                        }
                        Event::Done(i, _, result) => {
                            if result.is_err() {
                                failed += 1;
                            }
                            results.insert(i, result);
                        }
                    }
                }
                progress.advance(results.len(), failed);
            }
        });
        progress.finish();
        if let Some(e) = journal_error {
            return Err(e);
        }
        let mut out = Vec::with_capacity(total);
        for (i, job) in jobs.into_iter().enumerate() {
            if let Some(result) = results.remove(&i) {
                out.push((job, result));
            }
        }
        Ok(out)
    }
}
