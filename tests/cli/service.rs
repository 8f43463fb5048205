//! The unattended scheduler: `send` on a schedule, and the long-running `run` service, against a
//! real SMTP server, with a clock that starts where the test says.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::Project;
use crate::email::{add, add_many, project_with_email, wait_for};
use crate::smtp::{Options, Smtp};

#[test]
fn send_without_a_date_sends_what_is_due_at_each_subscribers_hour() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "london@example.org", &[]); // the schedule's zone (Europe/London) and hour (06:00)
    add(&p, "weekly@example.org", &["--cadence", "weekly"]);
    // Monday 23 November, 05:00 UTC: nothing due yet.
    assert_eq!(p.run(&["send", "--now", "2026-11-23T05:00:00Z"]).ok(), "");
    // It is past midnight in Chicago at 06:00 UTC, and 07:00 there is 13:00 UTC.
    add(
        &p,
        "chicago@example.org",
        &["--timezone", "America/Chicago", "--hour", "7"],
    );
    // 06:30 UTC: London's daily and the weekly (Monday is the week's first day).
    let out = p.run(&["send", "--now", "2026-11-23T06:30:00Z"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 1 sent, 0 already sent, 0 failed, 0 deferred (1 subscribers)\n\
         weekly-2026-11-23: 1 sent, 0 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    // 13:00 UTC is 07:00 in Chicago; London's is not sent again.
    let out = p.run(&["send", "--now", "2026-11-23T13:00:00Z"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 1 sent, 0 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 3);
    assert!(counts.values().all(|&n| n == 1));
    // Status shows the next ones.
    let status = p.run(&["status", "--now", "2026-11-23T13:05:00Z"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("service: not running"),
        "{}",
        status.stdout
    );
    assert!(
        status
            .stdout
            .contains("  2026-11-24 06:00 UTC (06:00 Europe/London): daily-2026-11-24 to 1"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("awaiting another attempt: 0"),
        "{}",
        status.stdout
    );
}

#[test]
fn after_downtime_only_todays_edition_is_sent_and_the_skipped_are_reported() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    p.run(&["send", "--now", "2026-11-20T06:10:00Z"]).ok(); // Friday's goes out
    // Nothing ran over the weekend; Monday at noon:
    let out = p
        .run(&[
            "send",
            "--now",
            "2026-11-23T12:00:00Z",
            "--cadence",
            "daily",
        ])
        .ok();
    assert_eq!(
        out,
        "skipped daily-2026-11-21 for 1 subscriber: it fell due while nothing was running and is older than the catch-up window (catch_up_days = 0)\n\
         skipped daily-2026-11-22 for 1 subscriber: it fell due while nothing was running and is older than the catch-up window (catch_up_days = 0)\n\
         daily-2026-11-23: 1 sent, 0 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    assert_eq!(smtp.messages().len(), 2);
}

fn spawn_run(p: &Project, now: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["run", "--now", now])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn terminate(child: Child) -> (i32, String) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took too long to stop"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_service_sends_when_due_stops_cleanly_on_sigterm_and_finishes_after_a_restart() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_secs_f64(0.05),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 2");
    add_many(&p, 60);

    // Two seconds before 06:00 on Monday 23 November (London is on UTC in November).
    let first = spawn_run(&p, "2026-11-23T05:59:58Z");
    wait_for(|| smtp.messages().len() >= 10);
    // A second instance refuses to start.
    let second = p.run(&["run", "--now", "2026-11-23T06:00:00Z"]);
    assert_eq!(second.code, 1);
    assert!(
        second
            .stderr
            .starts_with("error: prayer-guide run is already running (process "),
        "{}",
        second.stderr
    );
    // SIGTERM mid-send: the messages in flight finish, the journal stays consistent, exit 0.
    let (code, log) = terminate(first);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("Z started (process "), "{log}");
    assert!(
        log.contains("stopping: finishing the messages in flight"),
        "{log}"
    );
    assert!(
        log.contains("not started: the run was stopped; the next run sends them"),
        "{log}"
    );
    assert!(log.trim_end().ends_with("stopped cleanly"), "{log}");
    let after_stop = smtp.messages().len();
    assert!(after_stop < 60, "everything went out before the stop");

    // Restarted later the same morning: sends the rest, once.
    let again = spawn_run(&p, "2026-11-23T06:20:00Z");
    wait_for(|| smtp.per_recipient().len() == 60);
    std::thread::sleep(Duration::from_millis(300));
    let (code, log) = terminate(again);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains(&format!("daily-2026-11-23: {} sent, ", 60 - after_stop)),
        "{log}"
    );
    assert!(
        log.contains("next delivery due 2026-11-24T06:00:00Z"),
        "{log}"
    );
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 60);
    assert!(
        counts.values().all(|&n| n == 1),
        "someone got two: {counts:?}"
    );
}

#[test]
fn run_without_unsubscribe_sends_when_told_and_says_so_in_its_log() {
    let smtp = Smtp::start();
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\nretry_delay_ms = 20\n\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n",
            smtp.port
        ),
    );
    add(&p, "max@example.org", &[]);
    let child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args([
            "run",
            "--now",
            "2026-11-23T06:00:30Z",
            "--without-unsubscribe",
        ])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(|| smtp.messages().len() == 1);
    let (code, log) = terminate(child);
    assert_eq!(code, 0, "{log}");
    assert!(
        log.contains(
            "warning: digests go out without a way to unsubscribe (--without-unsubscribe)"
        ),
        "{log}"
    );
    assert!(log.contains("daily-2026-11-23: 1 sent"), "{log}");
}
