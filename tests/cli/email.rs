//! Email: a real SMTP server (tests/cli/smtp.rs) started by each test, the real binary sending
//! to it, and the received messages parsed by a real MIME parser.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mail_parser::{MessageParser, MimeHeaders};

use crate::smtp::{Options, Smtp};
use crate::{Project, Run};

/// The small fixture with an [email] section pointing at `port`.
pub fn project_with_email(port: u16, extra: &str) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\nreply_to = \"office@example.org\"\n\
             unsubscribe_url = \"https://example.org/unsubscribe?token={{token}}\"\n\
             unsubscribe_mailto = \"unsubscribe@example.org\"\nretry_delay_ms = 20\nattempts = 4\n{extra}\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"
        ),
    );
    p
}

pub fn add(p: &Project, email: &str, args: &[&str]) {
    let mut all = vec!["subscribers", "add", email];
    all.extend(args);
    p.run(&all).ok();
}

/// Adds `n` daily subscribers through one CSV import.
pub fn add_many(p: &Project, n: usize) {
    let mut csv = String::from("email,name\n");
    for i in 0..n {
        csv.push_str(&format!("reader{i:04}@example.org,Reader {i}\n"));
    }
    p.write("many.csv", &csv);
    p.run(&["subscribers", "import", "many.csv"]).ok();
}

fn send(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["send", "--date", "2026-11-23"];
    all.extend(args);
    p.run(&all)
}

#[test]
fn a_normal_send_delivers_multipart_messages_with_list_headers() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &["--name", "Anna Berg"]);
    add(&p, "bo@example.org", &["--format", "text"]);
    add(&p, "wk@example.org", &["--cadence", "weekly"]);
    let out = send(&p, &[]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 2 sent, 0 already sent, 0 failed, 0 deferred (2 subscribers)\n\
         weekly-2026-11-23: 1 sent, 0 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    let raw = smtp.messages();
    assert_eq!(raw.len(), 3);
    let parsed: Vec<_> = raw
        .iter()
        .map(|r| MessageParser::default().parse(r).unwrap())
        .collect();
    let by_to = |addr: &str| {
        parsed
            .iter()
            .find(|m| m.to().unwrap().first().unwrap().address() == Some(addr))
            .unwrap_or_else(|| panic!("nothing for {addr}"))
    };

    let anna = by_to("anna@example.org");
    assert_eq!(anna.subject(), Some("Alphaland: Monday 23 November 2026"));
    assert_eq!(
        anna.from().unwrap().first().unwrap().address(),
        Some("prayer@example.org")
    );
    assert_eq!(
        anna.reply_to().unwrap().first().unwrap().address(),
        Some("office@example.org")
    );
    assert!(anna.date().is_some());
    let id = anna.message_id().unwrap();
    assert!(
        id.starts_with("daily-2026-11-23.") && id.ends_with("@example.org"),
        "{id}"
    );
    assert_eq!(
        anna.header_raw("List-Id").unwrap().trim(),
        "Test Prayer Guide <test-prayer-guide.example.org>"
    );
    assert_eq!(
        anna.header_raw("List-Unsubscribe-Post").unwrap().trim(),
        "List-Unsubscribe=One-Click"
    );
    let unsubscribe = anna.header_raw("List-Unsubscribe").unwrap();
    let token = unsubscribe
        .split("token=")
        .nth(1)
        .unwrap()
        .split('>')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 32);
    assert!(unsubscribe.contains(&format!(
        "mailto:unsubscribe@example.org?subject=unsubscribe%20{token}"
    )));
    // multipart/alternative, plain text first, then HTML; both personalised.
    let ct = anna.content_type().unwrap();
    assert_eq!(
        (ct.ctype(), ct.subtype()),
        ("multipart", Some("alternative"))
    );
    let text = anna.body_text(0).unwrap().replace("\r\n", "\n");
    let html = anna.body_html(0).unwrap().replace("\r\n", "\n");
    assert!(text.starts_with("Dear Anna Berg,\n"), "{text}");
    assert!(
        text.contains("Please pray\n  1. Pray for Alphaland church point two."),
        "{text}"
    );
    // The footer is a signature: after "-- " (dash dash space), wrapped at 72, the link on a
    // line of its own so no client breaks it.
    let (_, signature) = text
        .rsplit_once("\n-- \n")
        .unwrap_or_else(|| panic!("no signature separator: {text}"));
    assert_eq!(
        signature,
        format!(
            "You receive the daily guide of Test Prayer Guide at anna@example.org.\n\
             Unsubscribe with one click:\nhttps://example.org/unsubscribe?token={token}\n"
        )
    );
    assert!(text.lines().all(|l| l.chars().count() <= 72), "{text}");
    // The Message-ID carries nothing of the secret token.
    for piece in token.as_bytes().windows(6) {
        assert!(
            !id.contains(std::str::from_utf8(piece).unwrap()),
            "{id} shows part of {token}"
        );
    }
    // Styles are on the elements, with no CSS variables left for Gmail or Outlook to drop.
    assert!(!html.contains("var("), "{html}");
    let body_tag = html
        .split("<body")
        .nth(1)
        .unwrap()
        .split('>')
        .next()
        .unwrap();
    assert!(body_tag.contains("color: #1d1d1f"), "{body_tag}");
    assert!(
        html.contains("<h2 style=\"") && html.contains("color: #7a2e2e"),
        "{html}"
    );
    assert!(html.contains("Dear Anna Berg,"));
    assert!(html.contains(&format!(
        "href=\"https://example.org/unsubscribe?token={token}\""
    )));
    assert!(
        html.contains("&lt;script&gt;"),
        "content stays escaped in mail"
    );
    assert!(
        !text.contains("SECRET") && !html.contains("SECRET"),
        "restricted points are never mailed"
    );
    let parts: Vec<_> = anna
        .parts
        .iter()
        .filter_map(|p| {
            p.content_type()
                .map(|c| c.subtype().unwrap_or("").to_string())
        })
        .collect();
    assert_eq!(parts, ["alternative", "plain", "html"]);

    let bo = by_to("bo@example.org");
    let ct = bo.content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("text", Some("plain")));
    assert!(bo.body_text(0).unwrap().starts_with("Hello,\r\n"));

    let wk = by_to("wk@example.org");
    assert_eq!(wk.subject(), Some("This week: 23–29 November 2026"));
    assert!(wk.message_id().unwrap().starts_with("weekly-2026-11-23."));
}

#[test]
fn a_second_run_sends_nothing() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    send(&p, &["--cadence", "daily"]).ok();
    let out = send(&p, &["--cadence", "daily"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 0 sent, 1 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    assert_eq!(smtp.messages().len(), 1);
}

#[test]
fn dry_run_sends_nothing_and_changes_nothing() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    let out = send(&p, &["--dry-run", "--cadence", "daily"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: would send 1 message (0 already sent, 1 subscribers)\n  to anna@example.org\n"
    );
    assert!(smtp.messages().is_empty());
    assert!(send(&p, &["--cadence", "daily"]).ok().contains("1 sent"));
}

#[test]
fn temporary_failures_are_retried_until_accepted() {
    let smtp = Smtp::with(Options {
        tempfail: 2,
        busy: 1,
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 2");
    for who in ["a", "b", "c"] {
        add(&p, &format!("{who}@example.org"), &[]);
    }
    let out = send(&p, &["--cadence", "daily"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 3 sent, 0 already sent, 0 failed, 0 deferred (3 subscribers)\n"
    );
    assert!(smtp.per_recipient().values().all(|&n| n == 1));
    assert_eq!(smtp.per_recipient().len(), 3);
}

#[test]
fn a_connection_dropped_before_the_answer_is_retried() {
    let smtp = Smtp::with(Options {
        drop: 2,
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    add(&p, "bo@example.org", &[]);
    let out = send(&p, &["--cadence", "daily"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 2 sent, 0 already sent, 0 failed, 0 deferred (2 subscribers)\n"
    );
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 2);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
}

#[test]
fn a_permanent_failure_for_one_recipient_does_not_stop_the_run() {
    let smtp = Smtp::with(Options {
        reject: vec!["gone@example.org".into()],
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    add(&p, "gone@example.org", &[]);
    add(&p, "zoe@example.org", &[]);
    let run = send(&p, &["--cadence", "daily"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "daily-2026-11-23: 2 sent, 0 already sent, 1 failed, 0 deferred (3 subscribers)\n  \
         failed gone@example.org: permanent error (550): 5.1.1 <gone@example.org>: mailbox unavailable\n"
    );
    assert_eq!(smtp.messages().len(), 2);
    // Not retried by the next run unless asked.
    let again = send(&p, &["--cadence", "daily"]).ok();
    assert!(
        again.contains("1 refused earlier, not retried (use --retry-failed)"),
        "{again}"
    );
}

#[test]
fn a_server_that_is_down_is_a_clear_error_and_nothing_is_marked() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let p = project_with_email(port, "");
    add(&p, "anna@example.org", &[]);
    let err = send(&p, &["--cadence", "daily"]).fails();
    assert!(
        err.starts_with(&format!(
            "error: cannot reach the SMTP server 127.0.0.1:{port}: "
        )),
        "{err}"
    );
    assert!(err.trim_end().ends_with("nothing was sent"), "{err}");
    let dry = send(&p, &["--cadence", "daily", "--dry-run"]).ok();
    assert!(dry.contains("would send 1 message"), "{dry}");
}

#[test]
fn a_second_send_refuses_while_one_runs() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_secs_f64(0.05),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 1");
    add_many(&p, 20);
    let first = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(|| !smtp.messages().is_empty());
    let err = send(&p, &["--cadence", "daily"]).fails();
    assert!(
        err.starts_with("error: another send is running (process "),
        "{err}"
    );
    assert!(err.contains("nothing was sent"));
    let out = first.wait_with_output().unwrap();
    assert!(out.status.success());
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 20);
    assert!(counts.values().all(|&n| n == 1));
}

#[test]
fn a_run_killed_mid_send_is_finished_by_the_next_and_the_in_flight_are_reported() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_secs_f64(0.01),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 4");
    add_many(&p, 150);
    let mut first = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(|| smtp.messages().len() >= 40);
    first.kill().unwrap(); // SIGKILL: no chance to clean up
    first.wait().unwrap();
    let before = smtp.messages().len();
    assert!(before < 150, "the first run finished before it was killed");

    let out = send(&p, &["--cadence", "daily"]).ok();
    let first_line = out.lines().next().unwrap();
    let counts = smtp.per_recipient();
    assert_eq!(counts.len(), 150, "someone got nothing");
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(to, _)| to)
        .collect();
    assert!(counts.values().all(|&n| n <= 2));
    // Everyone who got a second copy was reported as in flight at the kill.
    let reported = out
        .lines()
        .find(|l| l.contains("in flight when an earlier run stopped"));
    for to in &twice {
        assert!(
            reported.is_some_and(|l| l.contains(to.as_str())),
            "{to} got two copies unreported:\n{out}"
        );
    }
    // Only what the journal could not know: per connection, the message in the server's hands
    // and at most three answered ones whose results were not yet committed.
    let in_flight: usize =
        reported.map_or(0, |l| l.split(": ").last().unwrap().split(", ").count());
    assert!(in_flight <= 4 * 4, "{out}");
    assert!(first_line.starts_with("daily-2026-11-23: "), "{out}");
    assert!(
        first_line.contains(&format!("{} already sent", before - twice.len())) || before == 0,
        "{out}"
    );
}

#[test]
fn a_test_send_writes_eml_files_and_records_nothing() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "anna@example.org", &[]);
    add(&p, "bo@example.org", &[]);
    // The README's test send, twice: files each time, and the journal untouched.
    for _ in 0..2 {
        let out = send(&p, &["--to-dir", "outbox", "--only", "Anna@example.org"]).ok();
        assert_eq!(
            out,
            "wrote outbox/daily-2026-11-23-1.eml\n\
             a test: nothing was recorded, so `send` still delivers these editions to everyone\n"
        );
    }
    let files: Vec<_> = std::fs::read_dir(p.path("outbox"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, ["daily-2026-11-23-1.eml"]);
    let raw = std::fs::read(p.path("outbox/daily-2026-11-23-1.eml")).unwrap();
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        m.to().unwrap().first().unwrap().address(),
        Some("anna@example.org")
    );
    assert_eq!(m.subject(), Some("Alphaland: Monday 23 November 2026"));
    assert!(smtp.messages().is_empty());
    // Anna still gets the real one.
    let out = send(&p, &["--cadence", "daily"]).ok();
    assert_eq!(
        out,
        "daily-2026-11-23: 2 sent, 0 already sent, 0 failed, 0 deferred (2 subscribers)\n"
    );
    assert_eq!(smtp.per_recipient().get("anna@example.org"), Some(&1));
    // And the status has no run of the test in it.
    let status = p.run(&["status", "--now", "2026-11-23T12:00:00Z"]).stdout;
    assert!(status.contains("last run: send, "), "{status}");
    assert!(status.contains("  daily-2026-11-23: 2 sent"), "{status}");
}

#[test]
fn a_test_send_for_someone_who_is_not_subscribed_says_so() {
    let p = project_with_email(1, "");
    add(&p, "anna@example.org", &[]);
    let err = send(&p, &["--to-dir", "outbox", "--only", "zoe@example.org"]).fails();
    assert_eq!(
        err,
        "error: zoe@example.org is not an active subscriber of the editions of 2026-11-23 \
         (daily-2026-11-23, weekly-2026-11-23): nothing was written\n"
    );
}

#[test]
fn content_cannot_inject_headers() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title = \"Test\\r\\nBcc: victim@example.org\"",
    );
    add(
        &p,
        "anna@example.org",
        &["--name", "Anna\r\nBcc: other@example.org"],
    );
    send(&p, &["--cadence", "daily"]).ok();
    let raw = smtp.messages().remove(0);
    let m = MessageParser::default().parse(&raw).unwrap();
    assert!(m.header_raw("Bcc").is_none());
    let text = String::from_utf8_lossy(&raw);
    let headers = text.split("\r\n\r\n").next().unwrap();
    assert!(
        !headers
            .lines()
            .any(|l| l.to_lowercase().starts_with("bcc:")),
        "{headers}"
    );
    assert_eq!(
        m.to().unwrap().first().unwrap().address(),
        Some("anna@example.org")
    );
    assert_eq!(m.to().unwrap().iter().count(), 1);
}

#[test]
fn subscribers_add_merge_remove_list_and_export() {
    let p = Project::fixture("small");
    assert_eq!(
        p.run(&["subscribers", "add", "Anna@Example.ORG", "--name", "Anna"])
            .ok(),
        "added Anna@example.org (daily, html)\n"
    );
    assert_eq!(
        p.run(&[
            "subscribers",
            "add",
            "anna@example.org",
            "--cadence",
            "weekly"
        ])
        .ok(),
        "updated anna@example.org (weekly, html); subscribed\n"
    );
    let err = p.run(&["subscribers", "add", "not-an-address"]).fails();
    assert_eq!(err, "error: `not-an-address` is not an email address\n");
    assert_eq!(
        p.run(&["subscribers", "remove", "ANNA@example.org"]).ok(),
        "unsubscribed Anna@example.org; the record is kept so that imports do not add it again\n"
    );
    let list = p.run(&["subscribers", "list", "--all"]);
    assert_eq!(
        list.stdout,
        "Anna@example.org                         weekly  html  Anna  (unsubscribed)\n"
    );
    assert_eq!(list.stderr, "0 active, 1 unsubscribed, 0 bounced\n");
    // An import never resubscribes someone who left.
    p.write(
        "list.csv",
        "Email Address,First Name,Last Name\nanna@example.org,Anna,B\nbo@example.org,Bo,\n",
    );
    assert_eq!(
        p.run(&["subscribers", "import", "list.csv"]).ok(),
        "imported list.csv: 1 added, 0 updated, 1 left unsubscribed, 0 bad rows\n"
    );
    let export = p.run(&["subscribers", "export"]).ok();
    let rows: Vec<Vec<&str>> = export.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "email", "name", "cadence", "format", "timezone", "hour", "language", "status",
            "token", "urgent"
        ]
    );
    assert_eq!(
        rows[1][..8],
        [
            "Anna@example.org",
            "Anna",
            "weekly",
            "html",
            "",
            "",
            "",
            "unsubscribed"
        ]
    );
    assert_eq!(
        rows[2][..8],
        [
            "bo@example.org",
            "Bo",
            "daily",
            "html",
            "",
            "",
            "",
            "active"
        ]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r.len() == 10 && r[8].len() == 32 && r[9] == "no")
    );
}

#[test]
fn a_bad_csv_reports_every_bad_row_and_imports_the_good_ones() {
    let p = Project::fixture("small");
    p.write(
        "list.csv",
        "email,name,cadence\nanna@example.org,Anna,daily\nnot-an-address,Bo,daily\ncarl@example.org,Carl,hourly\ndora@example.org,Dora,\n",
    );
    let run = p.run(&["subscribers", "import", "list.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: list.csv:3:1: `email`: `not-an-address` is not an email address\n  help: fix the address, or delete the row\n\
         error: list.csv:4:1: `cadence`: `hourly` is not one of: daily, weekly\n  help: daily or weekly\n"
    );
    assert_eq!(
        run.stdout,
        "imported list.csv: 2 added, 0 updated, 0 left unsubscribed, 2 bad rows\n"
    );
    assert_eq!(p.run(&["subscribers", "list"]).stdout.lines().count(), 2);
}

#[test]
fn send_needs_a_sender_and_an_unsubscribe() {
    let p = Project::fixture("small");
    p.run(&["subscribers", "add", "anna@example.org"]).ok();
    assert_eq!(
        p.run(&["send", "--date", "2026-11-23"]).fails(),
        "error: schedule.toml has no `from` under [email]: add from = \"Name <address@example.org>\"\n"
    );
}

pub fn wait_for(condition: impl Fn() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn check_renders_the_subject_lines_and_places_a_mistake_on_its_line() {
    let p = project_with_email(
        25,
        "subject_daily = \"{{ heading }} on {{ the_day }}\"\nsubject_weekly = \"Week: {{ range }}\"",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let line = p
        .read("schedule.toml")
        .lines()
        .position(|l| l.starts_with("subject_daily"))
        .unwrap()
        + 1;
    let all = format!("{}{}", out.stdout, out.stderr);
    let error = all
        .lines()
        .find(|l| l.contains("`email.subject_daily`"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(
        error.starts_with(&format!("error: schedule.toml:{line}:")),
        "{error}"
    );
    assert!(error.contains("the_day"), "{error}");
    // The weekly subject is fine and is not reported.
    assert!(!all.contains("subject_weekly"), "{all}");

    // Corrected, check passes.
    let fixed = p
        .read("schedule.toml")
        .replace("{{ the_day }}", "{{ date_long }}");
    p.write("schedule.toml", &fixed);
    p.run(&["check"]).ok();
}

/// The small fixture with [email] to `port` but no way to unsubscribe at all.
fn project_without_unsubscribe(port: u16) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\nretry_delay_ms = 20\n\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"
        ),
    );
    p
}

#[test]
fn send_refuses_a_digest_with_no_way_to_unsubscribe_unless_told_to_go_without() {
    let smtp = Smtp::start();
    let p = project_without_unsubscribe(smtp.port);
    add(&p, "kai@example.org", &["--format", "text"]);

    // Refused, the dry run too, and `run` will not start: nothing is sent or recorded.
    for args in [
        &["send", "--date", "2026-11-23"][..],
        &["send", "--date", "2026-11-23", "--dry-run"],
        &["run", "--now", "2026-11-23T06:00:00Z"],
    ] {
        let refused = p.run(args);
        assert_eq!(refused.code, 1, "{args:?}: {refused:?}");
        assert!(
            refused
                .stderr
                .starts_with("error: schedule.toml has no unsubscribe under [email]")
                && refused.stderr.contains("pass --without-unsubscribe"),
            "{}",
            refused.stderr
        );
    }
    assert!(smtp.messages().is_empty());

    // Told explicitly: sent, with a warning, no List-Unsubscribe header and a "reply" footer.
    let sent = p.run(&["send", "--date", "2026-11-23", "--without-unsubscribe"]);
    assert_eq!(sent.code, 0, "{sent:?}");
    assert!(sent.stdout.contains("1 sent"), "{}", sent.stdout);
    assert!(
        sent.stderr
            .contains("warning: sending without a way to unsubscribe (--without-unsubscribe)"),
        "{}",
        sent.stderr
    );
    let raw = smtp.messages().remove(0);
    let message = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(message.header_raw("List-Unsubscribe"), None);
    assert_eq!(message.header_raw("List-Unsubscribe-Post"), None);
    let text = message.body_text(0).unwrap();
    assert!(
        text.contains("To stop receiving these emails, reply to this one and say so."),
        "{text}"
    );
    assert!(!text.contains("unsubscribe"), "{text}");
}

#[test]
fn going_without_an_unsubscribe_changes_nothing_when_one_is_configured() {
    let smtp = Smtp::start();
    let p = project_with_email(smtp.port, "");
    add(&p, "lea@example.org", &[]);
    let sent = p.run(&["send", "--date", "2026-11-23", "--without-unsubscribe"]);
    assert_eq!(sent.code, 0, "{sent:?}");
    assert!(!sent.stderr.contains("warning"), "{}", sent.stderr);
    let raw = smtp.messages().remove(0);
    let message = MessageParser::default().parse(&raw).unwrap();
    let header = message.header_raw("List-Unsubscribe").unwrap();
    assert!(
        header.contains("https://example.org/unsubscribe?token=")
            && header.contains("mailto:unsubscribe@example.org"),
        "{header}"
    );
}

/// A server that takes a message and then says nothing is cut off after `timeout_secs`: the
/// message is deferred with the reason, nothing is marked sent, and the run does not hang.
#[test]
fn a_server_that_stops_answering_is_cut_off_after_the_timeout() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_secs(4),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "");
    p.replace("schedule.toml", "attempts = 4", "attempts = 1");
    p.replace(
        "schedule.toml",
        "security = \"none\"",
        "security = \"none\"\ntimeout_secs = 1",
    );
    add(&p, "anna@example.org", &[]);
    let start = Instant::now();
    let run = p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"]);
    let took = start.elapsed();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "daily-2026-11-23: 0 sent, 0 already sent, 0 failed, 1 deferred (1 subscribers)"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("anna@example.org: the SMTP server did not answer within 1 s"),
        "{}",
        run.stdout
    );
    assert!(took < Duration::from_secs(4), "took {took:?}");
    // Nothing is marked sent: the next run sends it again.
    let again = p.run(&[
        "send",
        "--date",
        "2026-11-23",
        "--cadence",
        "daily",
        "--dry-run",
    ]);
    assert!(
        again.stdout.contains("would send 1 message"),
        "{}",
        again.stdout
    );
}

/// `transport = "sendmail"`: every digest is piped to the program once, with its recipient, and
/// a second run sends nothing. (A script stands in for sendmail and keeps what it is given.)
#[test]
fn the_sendmail_transport_hands_each_digest_to_the_program_once() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::fixture("small");
    let out = p.path("piped");
    std::fs::create_dir(&out).unwrap();
    let script = p.path("fake-sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {out}/$$.args\ncat > {out}/$$.eml\n",
            out = out.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\n\
             unsubscribe_url = \"https://example.org/unsubscribe?token={{token}}\"\n\
             transport = \"sendmail\"\nsendmail = \"{}\"\nconnections = 2\n",
            script.display()
        ),
    );
    for who in ["anna@example.org", "ben@example.org", "chidi@example.org"] {
        add(&p, who, &[]);
    }
    let first = send(&p, &["--cadence", "daily"]).ok();
    assert_eq!(
        first,
        "daily-2026-11-23: 3 sent, 0 already sent, 0 failed, 0 deferred (3 subscribers)\n"
    );
    let mut recipients: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "args") {
            continue;
        }
        let args = std::fs::read_to_string(&path).unwrap();
        let to = args.split_whitespace().last().unwrap().to_string();
        let eml = std::fs::read(path.with_extension("eml")).unwrap();
        let message = MessageParser::default().parse(&eml).unwrap();
        assert_eq!(
            message.to().unwrap().first().unwrap().address(),
            Some(to.as_str())
        );
        assert!(message.subject().is_some_and(|s| !s.is_empty()));
        recipients.push(to);
    }
    recipients.sort();
    assert_eq!(
        recipients,
        ["anna@example.org", "ben@example.org", "chidi@example.org"]
    );
    let second = send(&p, &["--cadence", "daily"]).ok();
    assert!(second.contains("0 sent, 3 already sent"), "{second}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 6);
}
