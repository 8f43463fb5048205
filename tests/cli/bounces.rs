//! `bounces`: delivery reports in the shapes Postfix, Exim and Gmail send (tests/fixtures/bounces),
//! filled in from messages `send` really composed, read from standard input and from a folder.

use std::io::Write as _;
use std::process::{Command, Stdio};

use mail_parser::MessageParser;

use crate::email::{add, project_with_email};
use crate::{Project, Run, fixtures};

/// What a report needs from the message that bounced.
struct Sent {
    verp: String,
    recipient: String,
    message_id: String,
    id: String,
}

/// Sends the 2026-11-23 daily edition into `out/` and returns what each message carried.
fn send_to_folder(p: &Project) -> Vec<Sent> {
    p.run(&[
        "send",
        "--date",
        "2026-11-23",
        "--cadence",
        "daily",
        "--to-dir",
        "out",
    ])
    .ok();
    let mut sent = Vec::new();
    for file in crate::files_under(&p.path("out")) {
        let raw = std::fs::read(&file).unwrap();
        let m = MessageParser::default().parse(&raw).unwrap();
        let verp = m
            .header_raw("Return-Path")
            .unwrap()
            .trim()
            .trim_matches(['<', '>'])
            .to_string();
        let message_id = m.message_id().unwrap().to_string();
        let id = message_id.split('.').nth(1).unwrap().to_string();
        sent.push(Sent {
            verp,
            recipient: m
                .to()
                .unwrap()
                .first()
                .unwrap()
                .address()
                .unwrap()
                .to_string(),
            message_id,
            id,
        });
    }
    sent
}

fn report(shape: &str, about: &Sent, unique: &str) -> String {
    std::fs::read_to_string(fixtures().join("bounces").join(shape))
        .unwrap()
        .replace("${VERP}", &about.verp)
        .replace("${RECIPIENT}", &about.recipient)
        .replace("${MESSAGE_ID}", &about.message_id)
        .replace("${ID}", &about.id)
        .replace("${REPORT}", unique)
}

/// `prayer-guide bounces` with `input` on standard input, as an MTA pipe runs it.
fn pipe(p: &Project, input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .arg("bounces")
        .current_dir(p.dir.path())
        .env_remove("ORIGINAL_RECIPIENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn with_bounces() -> (Project, Vec<Sent>) {
    let p = project_with_email(1, "bounce_address = \"bounces@example.org\"");
    add(&p, "anna@example.org", &[]);
    add(&p, "bo@example.org", &[]);
    let sent = send_to_folder(&p);
    assert_eq!(sent.len(), 2);
    (p, sent)
}

#[test]
fn every_message_has_its_own_envelope_sender_that_is_not_the_unsubscribe_token() {
    let (p, sent) = with_bounces();
    for s in &sent {
        assert!(
            s.verp.starts_with(&format!("bounces+{}-", s.id)) && s.verp.ends_with("@example.org"),
            "{}",
            s.verp
        );
        let tag = s.verp.split('-').nth(1).unwrap().split('@').next().unwrap();
        assert_eq!(tag.len(), 16);
        // The unsubscribe token (in the List-Unsubscribe header) is nowhere in it.
        let raw =
            std::fs::read_to_string(p.path("out").join(format!("daily-2026-11-23-{}.eml", s.id)))
                .unwrap();
        let token = raw.split("token=").nth(1).unwrap()[..32].to_string();
        for piece in token.as_bytes().windows(6) {
            let piece = std::str::from_utf8(piece).unwrap();
            assert!(!s.verp.contains(piece) && !s.message_id.contains(piece));
        }
    }
    assert_ne!(sent[0].verp, sent[1].verp);
}

#[test]
fn hard_bounces_stop_mail_after_the_limit_and_a_report_counts_once() {
    let (p, sent) = with_bounces();
    let anna = sent
        .iter()
        .find(|s| s.recipient == "anna@example.org")
        .unwrap();

    let first = pipe(&p, &report("postfix-hard.eml", anna, "r1"));
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stdout,
        "anna@example.org: hard bounce 5.1.1 (1 of 3): 550 5.1.1 <anna@example.org>: Recipient \
         address rejected: User unknown in virtual mailbox table\n"
    );
    let exim = report("exim-hard.eml", anna, "r2");
    assert_eq!(
        pipe(&p, &exim).stdout,
        "anna@example.org: hard bounce 5.0.0 (2 of 3): 550 5.1.1 No such user here\n"
    );
    // The MTA delivers the same report again: counted once.
    assert_eq!(
        pipe(&p, &exim).stdout,
        "anna@example.org: this report (standard input) was read before: not counted again\n"
    );
    assert!(
        p.run(&["status", "--now", "2026-11-23T12:00:00Z"])
            .stdout
            .contains(
                "bounces: 2 hard, 0 soft; 0 addresses stopped (bounce_limit = 3)\n  \
                 anna@example.org: 2 of 3 hard, 0 soft (still mailed)\n"
            )
    );

    // Gmail's report is sent to the From address (Gmail rewrites the envelope sender), so it is
    // matched by the returned Message-ID; read from a folder.
    p.write("inbox/1.eml", &report("gmail-hard.eml", anna, "r3"));
    let out = p.run(&["bounces", "inbox"]).ok();
    assert!(
        out.starts_with(
            "anna@example.org: hard bounce 5.1.1 (3 of 3): marked bounced, no more mail: 550-5.1.1 \
             The email account that you tried to reach does not exist."
        ),
        "{out}"
    );
    let status = p.run(&["status", "--now", "2026-11-23T12:00:00Z"]).stdout;
    assert!(
        status.contains("bounces: 3 hard, 0 soft; 1 address stopped (bounce_limit = 3)\n"),
        "{status}"
    );
    // The list tells a bounced address from one whose reader left.
    let list = p.run(&["subscribers", "list", "--all"]);
    let anna_row = list
        .stdout
        .lines()
        .find(|l| l.starts_with("anna@example.org"))
        .unwrap_or_else(|| panic!("{}", list.stdout));
    assert!(anna_row.contains("(bounced 20"), "{anna_row}");
    assert!(!anna_row.contains("unsubscribed"), "{anna_row}");
    assert_eq!(list.stderr, "1 active, 0 unsubscribed, 1 bounced\n");
    // Anna gets no more mail; Bo still does.
    let next = p
        .run(&[
            "send",
            "--date",
            "2026-11-24",
            "--cadence",
            "daily",
            "--dry-run",
        ])
        .ok();
    assert_eq!(
        next,
        "daily-2026-11-24: would send 1 message (0 already sent, 1 subscribers)\n  to bo@example.org\n"
    );
    // Subscribing her again by hand starts afresh.
    add(&p, "anna@example.org", &[]);
    assert!(
        p.run(&["status", "--now", "2026-11-23T12:00:00Z"])
            .stdout
            .contains("bounces: none\n")
    );
}

#[test]
fn soft_bounces_are_counted_and_never_stop_mail() {
    let p = project_with_email(
        1,
        "bounce_address = \"bounces@example.org\"\nbounce_limit = 2",
    );
    add(&p, "bo@example.org", &[]);
    let sent = send_to_folder(&p);
    let bo = &sent[0];
    for (i, shape) in [
        "postfix-delayed.eml",
        "exim-mailbox-full.eml",
        "postfix-delayed.eml",
    ]
    .iter()
    .enumerate()
    {
        p.write(
            &format!("inbox/{i}.eml"),
            &report(shape, bo, &format!("s{i}")),
        );
    }
    let out = p.run(&["bounces", "inbox"]).ok();
    assert_eq!(
        out,
        "bo@example.org: soft bounce 4.4.1 (1 so far; soft bounces never stop mail): connect to \
         mx.example.net[203.0.113.25]:25: Connection timed out\n\
         bo@example.org: soft bounce 5.2.2 (2 so far; soft bounces never stop mail): 552 5.2.2 \
         Mailbox full: quota exceeded\n\
         bo@example.org: soft bounce 4.4.1 (3 so far; soft bounces never stop mail): connect to \
         mx.example.net[203.0.113.25]:25: Connection timed out\n\
         read 3 messages: 0 hard bounces, 3 soft, 0 addresses stopped, 0 ignored\n"
    );
    let status = p.run(&["status", "--now", "2026-11-23T12:00:00Z"]).stdout;
    assert!(
        status.contains(
            "bounces: 0 hard, 3 soft; 0 addresses stopped (bounce_limit = 2)\n  \
             bo@example.org: 0 of 2 hard, 3 soft (still mailed)\n"
        ),
        "{status}"
    );
}

#[test]
fn forged_reports_and_other_mail_change_nothing() {
    let (p, sent) = with_bounces();
    let anna = sent
        .iter()
        .find(|s| s.recipient == "anna@example.org")
        .unwrap();
    for i in 0..4 {
        p.write(
            &format!("inbox/forged-{i}.eml"),
            &report("forged.eml", anna, &format!("f{i}")),
        );
    }
    p.write("inbox/ooo.eml", &report("out-of-office.eml", anna, "o1"));
    let out = p.run(&["bounces", "inbox"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    for line in &lines[..4] {
        assert!(
            line.ends_with(
                ": a bounce for anna@example.org that carries no address or Message-ID of ours: ignored"
            ),
            "{line}"
        );
    }
    assert!(
        lines[4]
            .ends_with("ooo.eml: not a bounce report (no message/delivery-status part): ignored"),
        "{out}"
    );
    assert_eq!(
        lines[5],
        "read 5 messages: 0 hard bounces, 0 soft, 0 addresses stopped, 5 ignored"
    );
    assert!(
        p.run(&["status", "--now", "2026-11-23T12:00:00Z"])
            .stdout
            .contains("bounces: none\n")
    );
    // An empty folder (a mailbox with nothing new) is no error either.
    std::fs::create_dir(p.path("empty")).unwrap();
    assert_eq!(
        p.run(&["bounces", "empty"]).ok(),
        "read 0 messages: 0 hard bounces, 0 soft, 0 addresses stopped, 0 ignored\n"
    );
    // From a pipe, something that is no report is no error: the MTA must not bounce it back.
    let run = pipe(&p, "From: someone@example.net\nSubject: hello\n\nHi!\n");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "standard input: not a bounce report (no message/delivery-status part): ignored\n"
    );
}

#[test]
fn without_a_bounce_address_reports_are_matched_by_message_id() {
    let p = project_with_email(1, "");
    add(&p, "anna@example.org", &[]);
    let sent = send_to_folder(&p);
    // No VERP: the envelope sender is the From address.
    assert_eq!(sent[0].verp, "prayer@example.org");
    let out = pipe(&p, &report("postfix-hard.eml", &sent[0], "m1"));
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with("anna@example.org: hard bounce 5.1.1 (1 of 3): "),
        "{}",
        out.stdout
    );
}
