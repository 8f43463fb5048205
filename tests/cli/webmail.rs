//! The mails `serve` sends (sign-up confirmation, "already subscribed", data export), received
//! by the real SMTP server: composed as the digests are (one composer), signed, carrying nothing
//! a stranger typed, and scored by SpamAssassin as a mailbox provider would.

use std::process::Command;

use mail_auth::DkimResult;
use mail_parser::{MessageParser, MimeHeaders as _};

use crate::dkim::{rsa_record, verify};
use crate::serve::{Server, get, link_in, post, project, text_of, token_of, wait_for};
use crate::smtp::{Received, Smtp};
use crate::{Project, fixtures};

const DKIM_NAME: &str = "s2026._domainkey.example.org";

/// `serve` with a reply address, a bounce address and a DKIM key, and its SMTP server.
struct Site {
    server: Server,
    smtp: Smtp,
    p: Project,
    record: String,
}

impl Site {
    fn start() -> Site {
        let smtp = Smtp::start();
        let p = project(smtp.port, "");
        p.replace(
            "schedule.toml",
            "retry_delay_ms = 20\n",
            "retry_delay_ms = 20\nreply_to = \"office@example.org\"\n\
             bounce_address = \"bounces@example.org\"\n",
        );
        let schedule = p.read("schedule.toml");
        p.write(
            "schedule.toml",
            &format!(
                "{schedule}\n[email.dkim]\nselector = \"s2026\"\ndomain = \"example.org\"\n\
                 key_file = \"keys/dkim.pem\"\n"
            ),
        );
        let key = std::fs::read_to_string(fixtures().join("dkim/test-rsa-2048.pem")).unwrap();
        p.write("keys/dkim.pem", &key);
        Site {
            server: Server::start(&p),
            smtp,
            p,
            record: rsa_record(&key),
        }
    }

    /// Posts the sign-up form with `fields` added to the address, and returns the status.
    fn sign_up(&self, email: &str, fields: &[(&str, &str)]) -> u16 {
        let mut form = vec![("email", email)];
        form.extend_from_slice(fields);
        let reply = post(&self.server.url("/subscribe"), &form);
        assert!(reply.status == 200 || reply.status == 400, "{}", reply.body);
        reply.status
    }

    /// Waits for one more message than `before` and returns it with its envelope.
    fn next(&self, before: usize) -> Received {
        wait_for(&self.smtp, before + 1);
        self.smtp.received().pop().unwrap()
    }

    /// Signs `email` up and returns the confirmation mail.
    fn confirmation(&self, email: &str, fields: &[(&str, &str)]) -> Received {
        let before = self.smtp.messages().len();
        assert_eq!(self.sign_up(email, fields), 200);
        self.next(before)
    }

    fn confirm(&self, mail: &Received) {
        let link = link_in(
            &text_of(&mail.data),
            "https://example.org/prayer/confirm?token=",
        );
        let confirmed = post(&self.server.url("/confirm"), &[("token", &token_of(&link))]);
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    }

    /// Signs up an address that already receives the guide: the mail with its preferences link.
    fn already(&self, email: &str) -> Received {
        self.confirmation(email, &[])
    }

    /// Asks for the data of the subscriber whose "already subscribed" mail is `already`.
    fn export(&self, already: &Received) -> Received {
        let link = link_in(
            &text_of(&already.data),
            "https://example.org/prayer/preferences?token=",
        );
        let token = token_of(&link);
        let page = get(&self.server.url(&format!("/preferences?token={token}")));
        let csrf = crate::serve::hidden_field(&page.body, "csrf");
        let expires = crate::serve::hidden_field(&page.body, "expires");
        let before = self.smtp.messages().len();
        let sent = post(
            &self.server.url("/preferences"),
            &[
                ("token", &token),
                ("csrf", &csrf),
                ("expires", &expires),
                ("action", "export"),
            ],
        );
        assert_eq!(sent.status, 200, "{}", sent.body);
        self.next(before)
    }
}

/// Every kind of mail the program sends, to Anna (with a name) and Bo (without), in HTML:
/// `(what, message)`.
fn every_mail(site: &Site) -> Vec<(&'static str, Received)> {
    let html = [("format", "html"), ("cadence", "daily")];
    let named = [html[0], html[1], ("name", "Anna Berg")];
    let confirm_named = site.confirmation("anna@example.org", &named);
    site.confirm(&confirm_named);
    let confirm_nameless = site.confirmation("bo@example.org", &html);
    site.confirm(&confirm_nameless);
    let already_named = site.already("anna@example.org");
    let already_nameless = site.already("bo@example.org");

    let before = site.smtp.messages().len();
    let sent = site.p.run(&["send", "--date", "2026-11-23"]).ok();
    assert!(sent.contains("2 sent"), "{sent}");
    wait_for(&site.smtp, before + 2);
    let mut digests = site.smtp.received().split_off(before);
    digests.sort_by_key(|m| !m.to.contains(&"anna@example.org".to_string()));
    let digest_nameless = digests.pop().unwrap();
    let digest_named = digests.pop().unwrap();

    let export_named = site.export(&already_named);
    let export_nameless = site.export(&already_nameless);
    vec![
        ("confirmation (name typed)", confirm_named),
        ("confirmation (no name)", confirm_nameless),
        ("already subscribed (named)", already_named),
        ("already subscribed (nameless)", already_nameless),
        ("digest (named)", digest_named),
        ("digest (nameless)", digest_nameless),
        ("data export (named)", export_named),
        ("data export (nameless)", export_nameless),
    ]
}

#[test]
fn web_mails_are_composed_as_digests_are_and_their_dkim_verifies() {
    let site = Site::start();
    for (what, mail) in every_mail(&site) {
        let m = MessageParser::default().parse(&mail.data).unwrap();
        let id = m
            .message_id()
            .unwrap_or_else(|| panic!("{what}: no Message-ID"));
        assert!(id.ends_with("@example.org"), "{what}: {id}");
        assert_eq!(
            m.header_raw("MIME-Version").map(str::trim),
            Some("1.0"),
            "{what}"
        );
        assert!(m.date().is_some(), "{what}: no Date");
        assert_eq!(
            m.reply_to()
                .and_then(|r| r.first())
                .and_then(|a| a.address()),
            Some("office@example.org"),
            "{what}"
        );
        assert_eq!(
            m.from().and_then(|r| r.first()).and_then(|a| a.address()),
            Some("prayer@example.org"),
            "{what}"
        );
        // The bounce envelope: tagged for a subscriber, plain for a sign-up not yet confirmed.
        if what.starts_with("confirmation") {
            assert_eq!(mail.from, "bounces@example.org", "{what}");
        } else {
            assert!(mail.from.starts_with("bounces+"), "{what}: {}", mail.from);
            assert!(mail.from.ends_with("@example.org"), "{what}: {}", mail.from);
        }
        assert_eq!(
            m.content_type().map(|c| (c.ctype(), c.subtype())),
            Some(("multipart", Some("alternative"))),
            "{what}"
        );
        assert_eq!((m.text_body_count(), m.html_body_count()), (1, 1), "{what}");
        let html = m.body_html(0).unwrap();
        assert!(
            html.to_lowercase().contains("<!doctype html>"),
            "{what}: {html}"
        );
        assert!(!html.contains("rem;"), "{what}: rem sizes left: {html}");
        assert_eq!(
            verify(&mail.data, DKIM_NAME, &site.record),
            [DkimResult::Pass],
            "{what}"
        );
    }
}

#[test]
fn the_confirmation_mail_carries_nothing_a_stranger_typed() {
    let site = Site::start();
    let typed = "<a href=\"https://spam.example/win\">Cheap pills</a> call now";
    let mail = site.confirmation("eve@example.org", &[("name", typed), ("format", "html")]);
    let raw = String::from_utf8_lossy(&mail.data).to_string();
    let m = MessageParser::default().parse(&mail.data).unwrap();
    let decoded = format!(
        "{}{}{:?}",
        m.body_text(0).unwrap(),
        m.body_html(0).unwrap(),
        m.to()
    );
    for piece in ["spam.example", "Cheap", "pills", "call now"] {
        assert!(!raw.contains(piece), "{piece} in {raw}");
        assert!(!decoded.contains(piece), "{piece} in {decoded}");
    }
    assert!(m.body_text(0).unwrap().starts_with("Hello,"));
    // The name is kept, and used once the owner of the address has confirmed.
    site.confirm(&mail);
    assert!(
        site.p
            .run(&["subscribers", "list"])
            .ok()
            .contains("Cheap pills")
    );
}

#[test]
fn a_second_post_of_a_pending_address_changes_none_of_its_choices() {
    let site = Site::start();
    let first = site.confirmation(
        "dee@example.org",
        &[
            ("name", "Dee"),
            ("cadence", "weekly"),
            ("format", "text"),
            ("timezone", "America/Chicago"),
            ("hour", "7"),
            ("language", "fr"),
        ],
    );
    let again = post(
        &site.server.url("/subscribe"),
        &[
            ("email", "DEE@example.org"),
            ("name", "Mallory"),
            ("cadence", "daily"),
            ("format", "html"),
            ("timezone", "Asia/Tokyo"),
            ("hour", "23"),
            ("language", "es"),
        ],
    );
    // The same answer as for any sign-up, and no second mail within the hour.
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(
        again.body.contains("Revise su bandeja de entrada"),
        "{}",
        again.body
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(site.smtp.messages().len(), 1);
    site.confirm(&first);
    let export = site.p.run(&["subscribers", "export"]).ok();
    let row = export.lines().find(|l| l.starts_with("dee@")).unwrap();
    assert!(
        row.starts_with("dee@example.org,Dee,weekly,text,America/Chicago,7,fr,active,"),
        "{row}"
    );
}

#[test]
fn addresses_that_cannot_be_mailed_are_refused_at_the_form() {
    let site = Site::start();
    for address in ["a@[127.0.0.1]", "\"a b\"@example.org"] {
        let reply = post(&site.server.url("/subscribe"), &[("email", address)]);
        assert_eq!(reply.status, 400, "{address}: {}", reply.body);
        assert!(
            reply.body.contains("Mail cannot be sent to"),
            "{address}: {}",
            reply.body
        );
    }
    assert_eq!(site.smtp.messages().len(), 0);
    assert_eq!(site.p.run(&["subscribers", "pending"]).ok(), "");
}

/// SpamAssassin's score of `raw`, offline (`-L`: local tests only, the shipped rules), and the
/// rules that fired.
fn spamassassin(raw: &[u8]) -> (f64, String) {
    use std::io::Write as _;
    let mut child = Command::new("spamassassin")
        .args(["-L", "-t"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spamassassin (Debian: apt-get install spamassassin)");
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let out = String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).to_string();
    let status = out
        .lines()
        .find(|l| l.starts_with("X-Spam-Status:"))
        .unwrap_or_else(|| panic!("no X-Spam-Status in {out}"));
    let score = status
        .split("score=")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no score in {status}"));
    // The report's table: " 2.7 DEAR_FRIEND  BODY: Dear Friend? …", after its heading.
    let rules = out
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("pts rule name"))
        .skip(2)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| {
            l.trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == '-')
        })
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ");
    (score, rules)
}

#[test]
#[ignore = "needs SpamAssassin"]
fn spamassassin_scores_every_mail_well_below_spam() {
    let site = Site::start();
    let mut scores = Vec::new();
    for (what, mail) in every_mail(&site) {
        let (score, rules) = spamassassin(&mail.data);
        eprintln!("{score:5.1}  {what}: {rules}");
        scores.push((what, score, rules));
    }
    for (what, score, rules) in scores {
        assert!(score < 2.0, "{what} scores {score}: {rules}");
    }
}
