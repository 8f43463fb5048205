//! The `post` run: for each channel the post it is owed, published in the ledger, then sent a
//! message at a time under the journal (claim → posted / failed / deferred), so that each day
//! reaches each chat once, whatever stops the run.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::content::post_config::{Network, PostChannel, PostEdition};
use crate::content::project::Project;
use crate::error::Error;
use crate::post::deliver::{Destination, Outcome};
use crate::post::due::{Due, due};
use crate::post::format::{self, Rendered};
use crate::post::journal::{Journal, PartState};
use crate::post::message::{self, Block};
use crate::publish::assemble::Assembler;
use crate::rotation::Audience;
use crate::rotation::ledger::Ledger;

/// What to post.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// This day's posts (or its week's), whatever the hour; none: what is due now.
    pub date: Option<NaiveDate>,
    /// The clock, for tests and rehearsals.
    pub now: Option<DateTime<Utc>>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Say what would be posted; send and record nothing.
    pub dry_run: bool,
    /// Send again the messages a network refused before (once their channel is fixed).
    pub retry_failed: bool,
    /// Post alerts only, not the day's guide (`prayer-guide alert`).
    pub alerts_only: bool,
    /// Of the alerts, only this one (its id, the file name without `.toml`).
    pub alert: Option<String>,
    /// Wait this long between the messages of one post (networks limit a chat to about one
    /// message a second) and this long, doubled each time, between server-error attempts.
    pub pause: Option<Duration>,
}

/// How one channel's post went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelReport {
    pub channel: String,
    pub network: Network,
    pub edition: String,
    pub result: ChannelResult,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelResult {
    /// Its hour has not come (or it is not the week's first day).
    NotDue,
    /// Posted before: nothing to do.
    AlreadyPosted,
    /// Posted now, in this many messages.
    Posted(usize),
    /// `--dry-run`: these messages would go.
    WouldPost(Vec<Rendered>),
    /// Refused by the network: a person must look.
    Failed(String),
    /// Not now; the next run tries again.
    Deferred(String),
}

/// Everything a run did, channel by channel, and the messages it found in doubt.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub channels: Vec<ChannelReport>,
    /// (channel, post, part) left by a stopped run: may have been posted, not sent again.
    pub doubtful: Vec<(String, String, u32)>,
}

impl Report {
    /// Whether something needs a person or another run.
    pub fn failed(&self) -> bool {
        !self.doubtful.is_empty()
            || self.channels.iter().any(|c| {
                matches!(
                    c.result,
                    ChannelResult::Failed(_) | ChannelResult::Deferred(_)
                )
            })
    }

    /// One line per channel (the messages in full for a dry run), for standard output or a log.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for c in &self.channels {
            let name = format!("{} ({})", c.channel, c.network);
            let line = match &c.result {
                ChannelResult::NotDue => continue,
                ChannelResult::AlreadyPosted => format!("{name}: {} posted before", c.edition),
                ChannelResult::Posted(n) => format!(
                    "{name}: posted {} in {n} message{}",
                    c.edition,
                    if *n == 1 { "" } else { "s" }
                ),
                ChannelResult::WouldPost(messages) => {
                    let mut text = format!(
                        "{name}: would post {} in {} message{}",
                        c.edition,
                        messages.len(),
                        if messages.len() == 1 { "" } else { "s" }
                    );
                    for (i, m) in messages.iter().enumerate() {
                        text.push_str(&format!(
                            "\n--- message {} ({} of {} {}) ---\n{}",
                            i + 1,
                            format::length(c.network, m),
                            format::limit(c.network),
                            if c.network == Network::Matrix {
                                "bytes"
                            } else {
                                "characters"
                            },
                            m.text
                        ));
                    }
                    text
                }
                ChannelResult::Failed(why) => format!("{name}: {} failed: {why}", c.edition),
                ChannelResult::Deferred(why) => format!(
                    "{name}: {} not posted yet, the next run tries again: {why}",
                    c.edition
                ),
            };
            out.push_str(&line);
            out.push('\n');
        }
        for (channel, post, part) in &self.doubtful {
            out.push_str(&format!(
                "{channel}: message {part} of {post} may have been posted (a run stopped after \
                 sending it, before the answer was recorded): look in the chat; it is not sent again\n"
            ));
        }
        out
    }
}

/// Held for the length of a post run: `run` and a `post` by hand never send at once.
struct PostLock {
    _lock: crate::lock::FileLock,
}

impl PostLock {
    fn acquire(database: &std::path::Path) -> Result<Option<PostLock>, Error> {
        let path = crate::lock::beside(database, "post.lock");
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        }
        Ok(crate::lock::FileLock::try_acquire(&path)?
            .ok()
            .map(|lock| PostLock { _lock: lock }))
    }
}

/// The transaction ID of one message: the same for every attempt, so a homeserver that saw it
/// keeps one event.
fn txn_id(channel: &str, post: &str, part: u32) -> String {
    format!("prayer-guide.{channel}.{post}.{part}")
}

/// Posts what is owed. `log` hears each retry and wait as it happens.
pub fn run(
    project: &Project,
    options: &Options,
    stop: &AtomicBool,
    log: &mut dyn FnMut(&str),
) -> Result<Report, Error> {
    let channels = select(project, options.channel.as_deref())?;
    let schedule = &project.schedule;
    let now = options.now.unwrap_or_else(Utc::now);
    let database = project.path(&schedule.email.database);
    let outputs = [project.path(&schedule.output.dir)];
    let read = crate::publish::ledger::load(project, &outputs, false)?;
    crate::publish::ledger::require_guides(project, &read)?;
    let weeks = crate::rotation::frozen::weeks(&read, schedule);
    let owed: Vec<(&PostChannel, Option<Due>)> = channels
        .iter()
        .map(|c| {
            let d = due(
                c,
                schedule.email.send_hour,
                schedule.timezone,
                &weeks,
                now,
                options.date,
            );
            (*c, d)
        })
        .collect();
    let mut report = Report::default();
    let _lock = if options.dry_run {
        None
    } else {
        match PostLock::acquire(&database)? {
            Some(lock) => Some(lock),
            None => {
                return Err(Error::Usage(
                    "another `prayer-guide post` (or `run`) is posting now: wait for it to finish"
                        .into(),
                ));
            }
        }
    };
    let journal = if options.dry_run && !database.exists() {
        None
    } else {
        Some(Journal::open(&database)?)
    };
    if let (Some(journal), false) = (&journal, options.dry_run) {
        for c in &channels {
            if c.network != Network::Matrix {
                for (post, part) in journal.doubt_claims(&c.name)? {
                    report.doubtful.push((c.name.clone(), post, part));
                }
            }
        }
    }
    // Only what is still owed is published and rendered.
    let mut todo: Vec<(&PostChannel, Due)> = Vec::new();
    for (channel, d) in owed {
        if options.alerts_only {
            continue;
        }
        let Some(d) = d else {
            report.channels.push(ChannelReport {
                channel: channel.name.clone(),
                network: channel.network,
                edition: String::new(),
                result: ChannelResult::NotDue,
            });
            continue;
        };
        match settled(journal.as_ref(), channel, &d.id(), options)? {
            Some(result) => report.channels.push(ChannelReport {
                channel: channel.name.clone(),
                network: channel.network,
                edition: d.id(),
                result,
            }),
            None => todo.push((channel, d)),
        }
    }
    let mut jobs: Vec<(&PostChannel, String, Vec<Rendered>)> = Vec::new();
    if !todo.is_empty() {
        // What is posted is published: the days are recorded in the ledger before the first
        // message goes, and shown from it (a dry run only reads it).
        let today = crate::content::calendar::today(&schedule.timezone);
        let (ledger, publishing) = if options.dry_run {
            (read, None)
        } else {
            let mut publishing = crate::publish::ledger::Publishing::begin(project, &outputs)?;
            let through = todo
                .iter()
                .map(|(_, d)| d.through(&weeks))
                .fold(today, NaiveDate::max);
            publishing.extend(through, today)?;
            (publishing.ledger().clone(), Some(publishing))
        };
        for (channel, d) in &todo {
            let blocks = blocks(project, &ledger, channel, d)?;
            jobs.push((channel, d.id(), format::messages(channel.network, &blocks)));
        }
        if let Some(publishing) = &publishing {
            publishing.commit()?;
        }
    }
    // Alerts showing today, to every chat, each once (never with --date: that asks for a day).
    if options.date.is_none() {
        let today = now.with_timezone(&schedule.timezone).date_naive();
        let alerts = crate::content::alerts::load_usable(&project.root, &project.catalog);
        for alert in alerts.iter().filter(|a| a.shows_on(today)) {
            if options.alert.as_ref().is_some_and(|id| *id != alert.id) {
                continue;
            }
            let blocks = message::alert(alert, alert_country(project, alert), base_url(project));
            for channel in &channels {
                match settled(journal.as_ref(), channel, &alert.post_id(), options)? {
                    Some(result) => report.channels.push(ChannelReport {
                        channel: channel.name.clone(),
                        network: channel.network,
                        edition: alert.post_id(),
                        result,
                    }),
                    None => jobs.push((
                        channel,
                        alert.post_id(),
                        format::messages(channel.network, &blocks),
                    )),
                }
            }
        }
    }
    for (channel, post, messages) in jobs {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let result = match &journal {
            Some(journal) if !options.dry_run => post_one(
                project, journal, channel, &post, &messages, options, stop, log,
            )?,
            _ => ChannelResult::WouldPost(messages),
        };
        report.channels.push(ChannelReport {
            channel: channel.name.clone(),
            network: channel.network,
            edition: post,
            result,
        });
    }
    Ok(report)
}

/// What the journal already says of `post` to `channel`: refused, or done; `None` when it is
/// owed. `--retry-failed` first makes refused messages owed again.
fn settled(
    journal: Option<&Journal>,
    channel: &PostChannel,
    post: &str,
    options: &Options,
) -> Result<Option<ChannelResult>, Error> {
    let Some(journal) = journal else {
        return Ok(None);
    };
    if options.retry_failed && !options.dry_run {
        journal.retry_failed(&channel.name, post)?;
    }
    let refused = journal
        .parts(&channel.name, post)?
        .into_iter()
        .find(|r| r.state == PartState::Failed);
    Ok(if let Some(r) = refused {
        Some(ChannelResult::Failed(format!(
            "message {} was refused: {} (after fixing it, `prayer-guide post --retry-failed`)",
            r.part, r.detail
        )))
    } else if journal.is_done(&channel.name, post)? {
        Some(ChannelResult::AlreadyPosted)
    } else {
        None
    })
}

/// The name of the country an alert is about, from its guide.
fn alert_country<'p>(
    project: &'p Project,
    alert: &crate::content::alerts::Alert,
) -> Option<&'p str> {
    let code = alert.country.as_deref()?;
    project
        .catalog
        .entries
        .iter()
        .find(|e| e.guide.code == code)
        .map(|e| e.guide.name.as_str())
}

fn base_url(project: &Project) -> Option<&str> {
    project.schedule.output.base_url.as_deref()
}

/// The channels to look at: all, or the one asked for.
fn select<'p>(project: &'p Project, only: Option<&str>) -> Result<Vec<&'p PostChannel>, Error> {
    let all = &project.schedule.posts;
    if all.is_empty() {
        return Err(Error::Usage(format!(
            "{} has no [[post]] tables: nothing to post to (the manual's chapter \"Posting to group \
             chats\", docs/src/chats.md, shows how to add a chat)",
            project.schedule_file.path.display()
        )));
    }
    match only {
        None => Ok(all.iter().collect()),
        Some(name) => all
            .iter()
            .find(|c| c.name == name)
            .map(|c| vec![c])
            .ok_or_else(|| {
                let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
                let hint = crate::error::did_you_mean(name, &names)
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                Error::Usage(format!(
                    "no [[post]] channel is named `{name}`{hint}; the channels are: {}",
                    names.join(", ")
                ))
            }),
    }
}

/// The post's blocks in the channel's language, from the public guide: restricted points are
/// not in it.
fn blocks(
    project: &Project,
    ledger: &Ledger,
    channel: &PostChannel,
    d: &Due,
) -> Result<Vec<Block>, Error> {
    let schedule = &project.schedule;
    let language = channel.language.as_ref().unwrap_or(&schedule.language);
    let (labels, _) = crate::publish::labels::load(project, ledger, language)?;
    let assembler = Assembler::new(&project.catalog, schedule, ledger, Audience::Public)
        .with_locale(labels.current().clone(), &project.translations)
        .with_frozen_labels(labels);
    let base = page_base(project, language);
    Ok(match d.edition {
        PostEdition::Daily => message::day(&assembler.day(d.date)?, base.as_deref()),
        PostEdition::Weekly => message::week(
            &assembler.week(d.date, schedule.output.paper)?,
            base.as_deref(),
        ),
    })
}

/// Where the pages in `language` are served: `base_url`, or its folder of the language's tag
/// for a language other than the schedule's (as `build --language` lays them out).
fn page_base(project: &Project, language: &crate::content::locale::Language) -> Option<String> {
    let base = project.schedule.output.base_url.as_deref()?;
    Some(if *language == project.schedule.language {
        base.to_string()
    } else {
        format!("{base}{language}/")
    })
}

/// Sends one channel's post, the messages in order, each claimed before it goes.
#[allow(clippy::too_many_arguments)]
fn post_one(
    project: &Project,
    journal: &Journal,
    channel: &PostChannel,
    post: &str,
    messages: &[Rendered],
    options: &Options,
    stop: &AtomicBool,
    log: &mut dyn FnMut(&str),
) -> Result<ChannelResult, Error> {
    let secret = match channel.secret(&project.root) {
        Ok(secret) => secret,
        Err(why) => return Ok(ChannelResult::Deferred(why)),
    };
    let pause = options.pause.unwrap_or(Duration::from_secs(1));
    let destination =
        Destination::new(channel, secret).with_backoff(pause.max(Duration::from_millis(10)) * 2);
    let done: std::collections::HashMap<u32, PartState> = journal
        .parts(&channel.name, post)?
        .into_iter()
        .map(|r| (r.part, r.state))
        .collect();
    let parts = u32::try_from(messages.len()).unwrap_or(u32::MAX);
    let mut sent = 0;
    for (i, message) in messages.iter().enumerate() {
        let part = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(PartState::Posted | PartState::Doubtful) = done.get(&part) {
            continue;
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(ChannelResult::Deferred("stopped before the end".into()));
        }
        if sent > 0 {
            std::thread::sleep(pause);
        }
        let txn = txn_id(&channel.name, post, part);
        if !journal.claim(&channel.name, post, (part, parts), &txn)? {
            continue;
        }
        let mut note =
            |text: &str| log(&format!("{}: {post} message {part}: {text}", channel.name));
        match destination.send(message, &txn, &mut note) {
            Outcome::Posted(id) => {
                journal.record(&channel.name, post, part, PartState::Posted, &id)?;
                sent += 1;
            }
            Outcome::Refused(why) => {
                journal.record(&channel.name, post, part, PartState::Failed, &why)?;
                return Ok(ChannelResult::Failed(why));
            }
            Outcome::Unavailable(why) => {
                journal.record(&channel.name, post, part, PartState::Deferred, &why)?;
                return Ok(ChannelResult::Deferred(why));
            }
            Outcome::Unknown(why) if channel.network == Network::Matrix => {
                // Left claimed: the next run sends it again under the same transaction ID.
                journal.record(&channel.name, post, part, PartState::Claimed, &why)?;
                return Ok(ChannelResult::Deferred(why));
            }
            Outcome::Unknown(why) => {
                journal.record(&channel.name, post, part, PartState::Doubtful, &why)?;
                return Ok(ChannelResult::Failed(format!(
                    "message {part} may have been posted ({why}): look in the chat; it is not sent again"
                )));
            }
        }
    }
    Ok(if sent == 0 {
        ChannelResult::AlreadyPosted
    } else {
        ChannelResult::Posted(sent)
    })
}

/// The database path a project's posts are journaled in.
pub fn database(project: &Project) -> PathBuf {
    project.path(&project.schedule.email.database)
}
