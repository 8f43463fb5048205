//! Delivery under stress: two kills in a row, addresses a relay cannot take, `status` as a health
//! check, expiry and the journal's compaction. The real binary against the in-process SMTP
//! server (tests/cli/smtp.rs).

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::email::{add, add_many, project_with_email, wait_for};
use crate::smtp::{Options, Smtp};
use crate::{Project, Run};

fn spawn_send(p: &Project) -> Child {
    Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn kill_9(mut child: Child) {
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
}

/// Addresses named in the summary's "in flight when an earlier run stopped" lines.
fn named(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.contains("in flight when an earlier run stopped"))
        .flat_map(|l| {
            l.rsplit(": ")
                .next()
                .unwrap()
                .split(", ")
                .map(|a| a.rsplit(' ').next().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn after_two_kills_in_a_row_every_message_that_may_have_gone_twice_is_named() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(10),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 4");
    add_many(&p, 300);

    let first = spawn_send(&p);
    wait_for(|| smtp.messages().len() >= 40);
    kill_9(first);
    let after_first = smtp.messages().len();

    // The re-run is killed too, before it can print (or record) its report.
    let second = spawn_send(&p);
    wait_for(|| smtp.messages().len() >= after_first + 40);
    kill_9(second);
    assert!(
        smtp.messages().len() < 300,
        "the re-run finished before it was killed"
    );

    let run = p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"]);
    let out = run.ok();
    let counts: HashMap<String, usize> = smtp.per_recipient();
    assert_eq!(counts.len(), 300, "someone got nothing:\n{out}");
    assert!(counts.values().all(|&n| n <= 3), "{counts:?}");
    let names = named(&out);
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(to, _)| to)
        .collect();
    for to in &twice {
        assert!(
            names.contains(to),
            "{to} got two copies and is not named:\n{out}"
        );
    }
    // Only what the journal could not know at each kill: per connection, the message in the
    // server's hands and at most three answered ones whose results were not yet committed.
    assert!(names.len() <= 2 * 4 * 4, "{out}");
    // Named once: a later run does not repeat them.
    let again = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(named(&again).is_empty(), "{again}");
    assert!(
        again.starts_with("daily-2026-11-23: 0 sent, 300 already sent"),
        "{again}"
    );
}

/// The count in the summary's "accepted by the server before an earlier run stopped" line.
fn accepted_before(out: &str) -> usize {
    out.lines()
        .find(|l| l.contains("accepted by the server before an earlier run stopped"))
        .map_or(0, |l| l.split_whitespace().next().unwrap().parse().unwrap())
}

#[test]
fn a_kill_with_results_waiting_for_their_group_doubles_at_most_one_message_per_connection() {
    // 8 connections at about 800 messages a second: results wait up to 50 ms for their group's
    // commit, so a kill finds dozens accepted by the server and not yet in the journal.
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(10),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 8");
    add_many(&p, 800);

    let first = spawn_send(&p);
    wait_for(|| smtp.messages().len() >= 200);
    kill_9(first);
    // A message whose last bytes were on their way at the kill may still be read by the server.
    let mut before = smtp.messages().len();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = smtp.messages().len();
        if now == before {
            break;
        }
        before = now;
    }
    assert!(before < 800, "the first run finished before it was killed");

    let out = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    let counts: HashMap<String, usize> = smtp.per_recipient();
    assert_eq!(counts.len(), 800, "someone got nothing:\n{out}");
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(to, _)| to)
        .collect();
    // The accepted ones are recorded as sent, not sent again: only the message in each
    // connection's hands at the kill can go twice.
    assert!(counts.values().all(|&n| n <= 2), "{counts:?}");
    assert!(twice.len() <= 8, "{} doubles:\n{out}", twice.len());
    let names = named(&out);
    assert!(names.len() <= 8, "{out}");
    for to in &twice {
        assert!(
            names.contains(to),
            "{to} got two copies and is not named:\n{out}"
        );
    }
    // Every message the server had before the kill is either already sent (committed, or
    // accepted and recorded from the in-flight record) or one of the doubles.
    assert!(
        out.starts_with(&format!(
            "daily-2026-11-23: {} sent, {} already sent, 0 failed, 0 deferred (800 subscribers)\n",
            800 - (before - twice.len()),
            before - twice.len()
        )),
        "{before} delivered before the kill:\n{out}"
    );
    assert!(accepted_before(&out) <= before - twice.len(), "{out}");
    let again = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(
        again.starts_with("daily-2026-11-23: 0 sent, 800 already sent"),
        "{again}"
    );
    assert!(
        named(&again).is_empty() && accepted_before(&again) == 0,
        "{again}"
    );
}

#[test]
fn an_internationalised_address_to_a_relay_without_smtputf8_fails_for_good() {
    // The test server offers 8BITMIME but not SMTPUTF8.
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    add(&p, "müller@example.org", &[]);
    let run = p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("daily-2026-11-23: 1 sent, 0 already sent, 1 failed, 0 deferred"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("failed müller@example.org: ")
            && run.stdout.contains("use a relay that offers SMTPUTF8"),
        "{}",
        run.stdout
    );
    assert_eq!(smtp.messages().len(), 1);
    // Not deferred: the next run does not try again.
    let again = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(again.contains("1 refused earlier, not retried"), "{again}");
}

fn status(p: &Project, now: &str) -> Run {
    p.run(&["status", "--now", now])
}

#[test]
fn status_is_healthy_during_a_send_and_after_it() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(50),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 2");
    add_many(&p, 60);
    let sending = spawn_send(&p);
    wait_for(|| smtp.messages().len() >= 5);
    let during = status(&p, "2026-11-23T06:10:00Z");
    assert_eq!(during.code, 0, "{}", during.stdout);
    assert!(
        during.stdout.contains("sending now (process "),
        "{}",
        during.stdout
    );
    assert!(
        during.stdout.contains("awaiting another attempt: 0"),
        "{}",
        during.stdout
    );
    let out = sending.wait_with_output().unwrap();
    assert!(out.status.success());
    let after = status(&p, "2026-11-23T09:00:00Z");
    assert_eq!(after.code, 0, "{}", after.stdout);
    assert!(!after.stdout.contains("problem:"), "{}", after.stdout);
}

#[test]
fn status_fails_when_digests_are_overdue_and_nothing_is_sending() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    // Due at 06:00 London (UTC in November): half an hour later is not yet overdue.
    let early = status(&p, "2026-11-23T06:30:00Z");
    assert_eq!(early.code, 0, "{}", early.stdout);
    assert!(
        early.stdout.contains("due now: 1 message"),
        "{}",
        early.stdout
    );
    let late = status(&p, "2026-11-23T08:00:00Z");
    assert_eq!(late.code, 1, "{}", late.stdout);
    assert!(
        late.stdout.contains(
            "problem: 1 message overdue (due since 2026-11-23 06:00 UTC) and nothing is sending"
        ),
        "{}",
        late.stdout
    );
    // Once sent, all is well again.
    p.run(&["send", "--now", "2026-11-23T08:01:00Z"]).ok();
    assert_eq!(status(&p, "2026-11-23T08:02:00Z").code, 0);
}

#[test]
fn a_deferred_message_past_the_catch_up_window_is_reported_once_as_expired() {
    let smtp = Smtp::with(Options {
        tempfail: 1,
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "");
    p.replace("schedule.toml", "attempts = 4", "attempts = 1");
    add(&p, "anna@example.org", &[]);
    let first = p.run(&["send", "--now", "2026-11-23T06:05:00Z"]);
    assert_eq!(first.code, 1);
    assert!(first.stdout.contains("1 deferred"), "{}", first.stdout);
    let waiting = status(&p, "2026-11-23T06:30:00Z");
    assert_eq!(waiting.code, 1, "{}", waiting.stdout);
    assert!(
        waiting.stdout.contains("awaiting another attempt: 1"),
        "{}",
        waiting.stdout
    );

    // Three days later (catch_up_days = 0) the message can no longer go: not red, not retried.
    let later = status(&p, "2026-11-26T05:00:00Z");
    assert_eq!(later.code, 0, "{}", later.stdout);
    assert!(later.stdout.contains("no longer sent"), "{}", later.stdout);
    let run = p.run(&["send", "--now", "2026-11-26T06:05:00Z"]).ok();
    assert!(
        run.contains(
            "expired: 1 deferred message fell out of the catch-up window (catch_up_days = 0) and will not be sent: \
             daily-2026-11-23 anna@example.org"
        ),
        "{run}"
    );
    assert!(run.contains("daily-2026-11-26: 1 sent"), "{run}");
    let once = p.run(&["send", "--now", "2026-11-26T07:05:00Z"]).ok();
    assert!(!once.contains("expired"), "{once}");
    let after = status(&p, "2026-11-26T07:10:00Z");
    assert_eq!(after.code, 0, "{}", after.stdout);
    assert!(
        after
            .stdout
            .contains("expired earlier (reported by the run that found them): 1"),
        "{}",
        after.stdout
    );
    let to_anna = smtp.per_recipient()["anna@example.org"];
    assert_eq!(to_anna, 1, "only the 26th's edition arrived");
}

#[test]
fn editions_older_than_the_journal_keeps_are_folded_and_never_sent_again() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "keep_journal_days = 35");
    add(&p, "anna@example.org", &[]);
    p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    p.run(&["send", "--date", "2026-10-01", "--cadence", "daily"])
        .ok();
    assert_eq!(smtp.messages().len(), 2);
    // 2026-10-01 is more than 35 days before the newest edition: folded after that run.
    let again = p
        .run(&["send", "--date", "2026-10-01", "--cadence", "daily"])
        .ok();
    assert_eq!(
        again,
        "daily-2026-10-01 is older than the journal keeps (keep_journal_days = 35): whom it reached is \
         no longer known message by message, so it is not sent again\n"
    );
    assert_eq!(smtp.messages().len(), 2);
    // The recent edition is still known message by message.
    let recent = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(recent.contains("1 already sent"), "{recent}");

    let short = project_with_email(smtp.port, "keep_journal_days = 10");
    let err = short.run(&["check"]);
    assert_eq!(err.code, 1);
    assert!(
        err.stderr.contains("keep_journal_days") && err.stderr.contains("use 35 or more"),
        "{}",
        err.stderr
    );
}

/// Rows of the journal in `state`.
fn rows_in(p: &Project, state: &str) -> i64 {
    rusqlite::Connection::open(p.path("state/prayer-guide.sqlite"))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM deliveries WHERE state = ?1",
            [state],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_clean_stop_gives_back_every_claim_it_never_tried_and_the_next_run_sends_each_once() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(20),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 2");
    add_many(&p, 300);
    let child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Claims run ahead of the connections by whole batches: by now hundreds are claimed.
    wait_for(|| smtp.messages().len() >= 10);
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let delivered = smtp.messages().len();
    assert!(delivered < 300, "everything went out before the stop");
    // Nothing is left claimed: every message is sent, or as it was before the run.
    assert_eq!(rows_in(&p, "sending"), 0);
    assert_eq!(rows_in(&p, "sent"), delivered as i64, "{stdout}");
    assert!(
        stdout.contains(&format!("{} not started", 300 - delivered)),
        "{stdout}"
    );
    let status = p.run(&["status", "--now", "2026-11-23T12:00:00Z"]);
    assert!(
        !status.stdout.contains("in flight when a run stopped"),
        "{}",
        status.stdout
    );

    let second = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(
        second.starts_with(&format!(
            "daily-2026-11-23: {} sent, {delivered} already sent, 0 failed, 0 deferred (300 subscribers)\n",
            300 - delivered
        )),
        "{second}"
    );
    assert!(named(&second).is_empty(), "{second}");
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 300);
    assert!(counts.values().all(|&n| n == 1), "someone got two");
}
