//! Telling a person how a send goes: a bar on a terminal, plain lines in a log, a summary at the end.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::Instant;

/// How one edition went.
#[derive(Debug, Clone, Default)]
pub struct EditionReport {
    pub edition: String,
    pub subscribers: usize,
    pub sent: usize,
    /// Already sent by an earlier run, skipped.
    pub already_sent: usize,
    /// Left `sending` by a run that stopped: may have been delivered, sent again now.
    pub in_flight_before: Vec<String>,
    /// Refused for good (address, server's answer).
    pub failed: Vec<(String, String)>,
    /// Temporary failures that used up this run's attempts; the next run tries again.
    pub deferred: Vec<(String, String)>,
    /// Earlier permanent failures, not retried (use --retry-failed).
    pub previously_failed: usize,
    /// Held back by `max_per_day`.
    pub held_back: usize,
    /// Messages this run owes (not sent yet, not held back).
    pub owed: usize,
    /// For --dry-run: the first [`LISTED`] of those who would get it.
    pub would_send: Vec<String>,
    /// Not started because the run was asked to stop; the next run sends them.
    pub not_started: usize,
    /// Accepted by the server before an earlier run stopped, their results not yet in the
    /// journal: recorded as sent from the in-flight record, not sent again.
    pub accepted_before: usize,
}

/// How many addresses a dry run lists per edition.
pub const LISTED: usize = 20;

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub editions: Vec<EditionReport>,
    /// Why nothing was due, when nothing was; editions skipped as too old.
    pub notes: Vec<String>,
    /// The run was asked to stop (SIGTERM, Ctrl-C) and stopped after the messages in flight.
    pub stopped: bool,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.editions
            .iter()
            .any(|e| !e.failed.is_empty() || !e.deferred.is_empty())
    }
}

/// Progress of a run, for a bar on a terminal or log lines.
pub trait Progress: Send {
    fn start(&mut self, edition: &str, total: usize);
    fn advance(&mut self, done: usize, failed: usize);
    fn finish(&mut self);
}

/// No progress output.
pub struct Quiet;
impl Progress for Quiet {
    fn start(&mut self, _: &str, _: usize) {}
    fn advance(&mut self, _: usize, _: usize) {}
    fn finish(&mut self) {}
}

/// A bar when stderr is a terminal, log lines otherwise.
pub fn for_stderr() -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() {
        Box::new(Bar(None))
    } else {
        Box::new(Lines {
            total: 0,
            last: Instant::now(),
            done: 0,
            failed: 0,
            edition: String::new(),
        })
    }
}

struct Bar(Option<indicatif::ProgressBar>);

impl Progress for Bar {
    fn start(&mut self, edition: &str, total: usize) {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} {per_sec} eta {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(edition.to_string());
        self.0 = Some(bar);
    }
    fn advance(&mut self, done: usize, _failed: usize) {
        if let Some(b) = &self.0 {
            b.set_position(done as u64);
        }
    }
    fn finish(&mut self) {
        if let Some(b) = self.0.take() {
            b.finish_and_clear();
        }
    }
}

/// A line every ten seconds, so a log shows a long run is alive.
struct Lines {
    total: usize,
    last: Instant,
    done: usize,
    failed: usize,
    edition: String,
}

impl Progress for Lines {
    fn start(&mut self, edition: &str, total: usize) {
        self.total = total;
        self.edition = edition.to_string();
        eprintln!("sending {edition}: {total} messages");
    }
    fn advance(&mut self, done: usize, failed: usize) {
        self.done = done;
        self.failed = failed;
        if self.last.elapsed().as_secs() >= 10 {
            self.last = Instant::now();
            eprintln!(
                "sending {}: {done}/{} done, {failed} not delivered",
                self.edition, self.total
            );
        }
    }
    fn finish(&mut self) {}
}

/// The end-of-run summary, one block per edition.
pub fn summary(report: &Report, dry_run: bool) -> String {
    let mut out = String::new();
    for note in &report.notes {
        let _ = writeln!(out, "{note}");
    }
    for e in &report.editions {
        if dry_run {
            let _ = writeln!(
                out,
                "{}: would send {} message{} ({} already sent, {} subscribers)",
                e.edition,
                e.owed,
                if e.owed == 1 { "" } else { "s" },
                e.already_sent,
                e.subscribers
            );
            for to in e.would_send.iter().take(LISTED) {
                let _ = writeln!(out, "  to {to}");
            }
            if e.owed > e.would_send.len() {
                let _ = writeln!(out, "  ... and {} more", e.owed - e.would_send.len());
            }
            continue;
        }
        let _ = writeln!(
            out,
            "{}: {} sent, {} already sent, {} failed, {} deferred ({} subscribers)",
            e.edition,
            e.sent,
            e.already_sent,
            e.failed.len(),
            e.deferred.len(),
            e.subscribers
        );
        if !e.in_flight_before.is_empty() {
            let _ = writeln!(
                out,
                "  {} message{} in flight when an earlier run stopped may have been delivered twice (sent again with the same Message-ID): {}",
                e.in_flight_before.len(),
                if e.in_flight_before.len() == 1 {
                    ""
                } else {
                    "s"
                },
                e.in_flight_before.join(", ")
            );
        }
        if e.accepted_before > 0 {
            let _ = writeln!(
                out,
                "  {} accepted by the server before an earlier run stopped: recorded as sent, not sent again",
                e.accepted_before
            );
        }
        for (to, why) in &e.failed {
            let _ = writeln!(out, "  failed {to}: {why}");
        }
        for (to, why) in &e.deferred {
            let _ = writeln!(out, "  deferred {to}: {why} (the next run tries again)");
        }
        if e.previously_failed > 0 {
            let _ = writeln!(
                out,
                "  {} refused earlier, not retried (use --retry-failed)",
                e.previously_failed
            );
        }
        if e.not_started > 0 {
            let _ = writeln!(
                out,
                "  {} not started: the run was stopped; the next run sends them",
                e.not_started
            );
        }
        if e.held_back > 0 {
            let _ = writeln!(
                out,
                "  {} held back by max_per_day; the next run sends them",
                e.held_back
            );
        }
    }
    out
}
