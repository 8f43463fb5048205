//! Urgent alerts by email (issue 26): `alert` mails the subscribers who chose urgent requests,
//! once, through the digests' journal; the stop link turns them off and leaves the digest;
//! a database from before the preference upgrades. The real SMTP test server receives it all.

use std::process::{Command, Stdio};

use mail_parser::{MessageParser, MimeHeaders};

use crate::email::wait_for;
use crate::serve::{Server, get, link_in, post, token_of};
use crate::smtp::{Options, Smtp};
use crate::{Project, Run};

/// When the alerts are issued: 10:00 in London, four hours after digests were due.
const NOW: &str = "2026-12-07T10:00:00Z";

/// The small fixture mailing the test server at `port`, with `[serve]` (so alerts carry its
/// stop link) and `email_extra` under `[email]`.
fn project(port: u16, email_extra: &str) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\nretry_delay_ms = 20\n\
             {email_extra}\n\n[email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n\n\
             [serve]\npublic_url = \"https://example.org/prayer/\"\n"
        ),
    );
    p
}

fn alert(p: &Project, title: &str) -> Run {
    p.run(&[
        "alert",
        "Pastor Daniel was arrested on Sunday. Pray for his release & his family.",
        "--title",
        title,
        "--country",
        "AL",
        "--now",
        NOW,
    ])
}

/// Recipient → how many alert mails (Message-ID `alert-…`) they received.
fn alerts_per_recipient(smtp: &Smtp) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for raw in smtp.messages() {
        let m = MessageParser::default().parse(&raw).unwrap();
        if m.message_id().unwrap().starts_with("alert-") {
            let to = m.to().unwrap().first().unwrap().address().unwrap();
            *counts.entry(to.to_string()).or_default() += 1;
        }
    }
    counts
}

#[test]
fn only_those_who_chose_urgent_requests_get_the_alert_and_only_once() {
    let smtp = Smtp::start();
    // send_hour 23: no digest is due at NOW, so every message received is an alert.
    let p = project(smtp.port, "send_hour = 23");
    let added = p
        .run(&[
            "subscribers",
            "add",
            "anna@example.org",
            "--urgent",
            "yes",
            "--name",
            "Anna",
        ])
        .ok();
    assert_eq!(
        added,
        "added anna@example.org (daily, html)\nanna@example.org gets urgent requests by email too\n"
    );
    p.run(&[
        "subscribers",
        "add",
        "bo@example.org",
        "--urgent",
        "yes",
        "--format",
        "text",
    ])
    .ok();
    p.run(&["subscribers", "add", "carl@example.org"]).ok();
    p.run(&["subscribers", "add", "dora@example.org", "--urgent", "no"])
        .ok();

    let out = alert(&p, "Pastor arrested").ok();
    assert_eq!(
        out,
        "wrote alerts/2026-12-07-al.toml: on the day pages and weekly sheets from 2026-12-07 \
         through 2026-12-13 (build to show it)\n\
         no [[post]] chats in schedule.toml: posted nowhere\n\
         alert-2026-12-07-al: 2 sent, 0 already sent, 0 failed, 0 deferred (2 subscribers)\n"
    );
    let counts = alerts_per_recipient(&smtp);
    assert_eq!(counts.len(), 2, "{counts:?}");
    assert_eq!(counts.get("anna@example.org"), Some(&1));
    assert_eq!(counts.get("bo@example.org"), Some(&1));
    assert_eq!(smtp.messages().len(), 2);

    // Anna's: HTML with a plain-text part, the alert in both, the stop link and RFC 8058.
    let raw = smtp
        .received()
        .into_iter()
        .find(|m| m.to == ["anna@example.org"])
        .unwrap()
        .data;
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(m.subject(), Some("Urgent prayer: Pastor arrested"));
    let ct = m.content_type().unwrap();
    assert_eq!(
        (ct.ctype(), ct.subtype()),
        ("multipart", Some("alternative"))
    );
    let text = m.body_text(0).unwrap().replace("\r\n", "\n");
    let html = m.body_html(0).unwrap().to_string();
    assert!(
        text.starts_with("Dear Anna,\n\nURGENT PRAYER REQUEST · Alphaland\nPastor arrested\n"),
        "{text}"
    );
    // Plain text is never escaped; the HTML is.
    assert!(text.contains("his release & his family."), "{text}");
    assert!(html.contains("his release &amp; his family."), "{html}");
    let stop = link_in(&text, "https://example.org/prayer/urgent?token=");
    assert!(
        text.contains("Stop urgent requests (your guide keeps coming):\n"),
        "{text}"
    );
    assert!(html.contains(&format!("href=\"{stop}\"")), "{html}");
    assert_eq!(
        m.header_raw("List-Unsubscribe").unwrap().trim(),
        format!("<{stop}>")
    );
    assert_eq!(
        m.header_raw("List-Unsubscribe-Post").unwrap().trim(),
        "List-Unsubscribe=One-Click"
    );
    // Bo reads plain text: one part.
    let bo = smtp
        .received()
        .into_iter()
        .find(|m| m.to == ["bo@example.org"])
        .unwrap()
        .data;
    let bo = MessageParser::default().parse(&bo).unwrap();
    assert_eq!(bo.content_type().unwrap().subtype(), Some("plain"));

    // A send at the same moment owes no one anything: it says nothing of the alert and
    // mails nothing.
    let again = p.run(&["send", "--now", "2026-12-07T10:30:00Z"]).ok();
    assert!(!again.contains("alert-"), "{again}");
    assert_eq!(smtp.messages().len(), 2);
    // Someone who chooses urgent requests later gets the alert still showing, once.
    p.run(&["subscribers", "add", "carl@example.org", "--urgent", "yes"])
        .ok();
    let later = p.run(&["send", "--now", "2026-12-07T11:00:00Z"]).ok();
    assert!(
        later.contains(
            "alert-2026-12-07-al: 1 sent, 2 already sent, 0 failed, 0 deferred (3 subscribers)"
        ),
        "{later}"
    );
    assert_eq!(
        alerts_per_recipient(&smtp).get("carl@example.org"),
        Some(&1)
    );
    // status counts it.
    let status = p.run(&["status", "--now", "2026-12-07T11:00:00Z"]).stdout;
    assert!(
        status.contains(
            "urgent alerts by email (3 subscribers chose them):\n  alert-2026-12-07-al: 3 sent, 0 pending\n"
        ),
        "{status}"
    );
}

#[test]
fn an_alert_run_killed_mid_send_is_finished_by_the_next_send_each_once() {
    let smtp = Smtp::with(Options {
        delay: std::time::Duration::from_secs_f64(0.01),
        ..Options::default()
    });
    let p = project(smtp.port, "send_hour = 23\nconnections = 4");
    // 150 who chose urgent requests, through an import's `urgent` column, and 10 who did not.
    let mut csv = String::from("email,name,urgent\n");
    for i in 0..150 {
        csv.push_str(&format!("reader{i:04}@example.org,Reader {i},yes\n"));
    }
    for i in 0..10 {
        csv.push_str(&format!("quiet{i:02}@example.org,Quiet {i},no\n"));
    }
    p.write("many.csv", &csv);
    p.run(&["subscribers", "import", "many.csv"]).ok();

    let started = std::time::Instant::now();
    let mut first = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args([
            "alert",
            "Pray for the church in Kaduna.",
            "--title",
            "Church attacked",
        ])
        .args(["--country", "AL", "--now", NOW])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(|| smtp.messages().len() >= 40);
    let rate = smtp.messages().len() as f64 / started.elapsed().as_secs_f64();
    first.kill().unwrap(); // SIGKILL: no chance to clean up
    first.wait().unwrap();
    let before = smtp.messages().len();
    assert!(before < 150, "the first run finished before it was killed");
    eprintln!("alert mails before the kill: {before}, about {rate:.0} a second");

    let out = p.run(&["send", "--now", "2026-12-07T10:05:00Z"]).ok();
    let counts = alerts_per_recipient(&smtp);
    assert_eq!(
        counts.len(),
        150,
        "someone who chose urgent requests got nothing"
    );
    assert!(
        counts.keys().all(|to| to.starts_with("reader")),
        "{counts:?}"
    );
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(to, _)| to)
        .collect();
    assert!(counts.values().all(|&n| n <= 2));
    // Everyone who got a second copy was named as in flight at the kill; at most, per
    // connection, the one in the server's hands and the answered ones not yet committed.
    let line = out
        .lines()
        .find(|l| l.starts_with("alert-2026-12-07-al: "))
        .unwrap_or_else(|| panic!("{out}"));
    let reported = out
        .lines()
        .find(|l| l.contains("in flight when an earlier run stopped"));
    for to in &twice {
        assert!(
            reported.is_some_and(|l| l.contains(to.as_str())),
            "{to} got two copies unreported:\n{out}"
        );
    }
    let in_flight = reported.map_or(0, |l| l.split(": ").last().unwrap().split(", ").count());
    assert!(in_flight <= 4 * 8, "{out}");
    assert!(
        line.contains(&format!("{} already sent", before - twice.len())),
        "{out}"
    );
    // A third run sends nothing more.
    let total = smtp.messages().len();
    p.run(&["send", "--now", "2026-12-07T10:10:00Z"]).ok();
    assert_eq!(smtp.messages().len(), total);
}

#[test]
fn the_stop_link_shows_a_button_on_get_and_stops_urgent_requests_on_post_only() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    for who in ["anna@example.org", "ben@example.org"] {
        p.run(&[
            "subscribers",
            "add",
            who,
            "--urgent",
            "yes",
            "--format",
            "text",
        ])
        .ok();
    }
    alert(&p, "Pastor arrested").ok();
    let server = Server::start(&p);
    let anna = smtp
        .received()
        .into_iter()
        .find(|m| m.to == ["anna@example.org"])
        .unwrap()
        .data;
    let text = crate::serve::text_of(&anna);
    let stop = link_in(&text, "https://example.org/prayer/urgent?token=");
    let token = token_of(&stop);
    let here = server.url(&format!("/urgent?token={token}"));

    // A GET (a person, or a mail scanner) changes nothing: it shows a button.
    let page = get(&here);
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Stop emailing urgent prayer requests to anna@example.org?"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("action=\"urgent?token={token}\"")),
        "{}",
        page.body
    );
    let list = p.run(&["subscribers", "list"]).stdout;
    assert!(
        list.lines()
            .any(|l| l.starts_with("anna@example.org") && l.contains("urgent")),
        "{list}"
    );

    // The button's POST stops them; the subscription stays.
    let done = post(&here, &[]);
    assert_eq!(done.status, 200);
    assert!(
        done.body.contains("Urgent requests stopped"),
        "{}",
        done.body
    );
    let list = p.run(&["subscribers", "list"]).stdout;
    let anna_line = list
        .lines()
        .find(|l| l.starts_with("anna@example.org"))
        .unwrap();
    assert!(
        !anna_line.contains("urgent") && !anna_line.contains("unsubscribed"),
        "{list}"
    );
    // Ben's mail client uses the header's one-click POST.
    let ben = smtp
        .received()
        .into_iter()
        .find(|m| m.to == ["ben@example.org"])
        .unwrap()
        .data;
    let ben_token = token_of(&link_in(
        &crate::serve::text_of(&ben),
        "https://example.org/prayer/urgent?token=",
    ));
    let other = crate::serve::reply(
        crate::serve::agent()
            .post(server.url(&format!("/urgent?token={ben_token}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .send("List-Unsubscribe=One-Click")
            .unwrap(),
    );
    assert_eq!(
        (other.status, other.body.as_str()),
        (200, "urgent requests stopped\n")
    );
    // A made-up token finds no one.
    assert_eq!(
        get(&server.url("/urgent?token=0123456789abcdef0123456789abcdef")).status,
        404
    );
    drop(server);

    // The next alert skips them; their digests go on.
    let before = smtp.messages().len();
    let out = p
        .run(&[
            "alert",
            "Pray for the families.",
            "--title",
            "Homes burned",
            "--now",
            NOW,
        ])
        .ok();
    assert!(
        out.ends_with("no subscriber chose urgent requests: mailed no one\n"),
        "{out}"
    );
    assert_eq!(smtp.messages().len(), before);
    let digest = p
        .run(&["send", "--date", "2026-12-07", "--cadence", "daily"])
        .ok();
    assert_eq!(
        digest,
        "daily-2026-12-07: 2 sent, 0 already sent, 0 failed, 0 deferred (2 subscribers)\n"
    );
}

#[test]
fn a_database_from_before_urgent_requests_upgrades_and_keeps_its_subscribers() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "send_hour = 23");
    std::fs::create_dir_all(p.path("state")).unwrap();
    {
        // The tables as the release before this change made them, with a subscriber and the
        // journal of a digest already sent.
        let db = rusqlite::Connection::open(p.path("state/prayer-guide.sqlite")).unwrap();
        db.execute_batch(
            "CREATE TABLE subscribers (
                id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL DEFAULT '',
                cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
                format TEXT NOT NULL CHECK (format IN ('html', 'text')),
                active INTEGER NOT NULL DEFAULT 1, token TEXT NOT NULL UNIQUE,
                created TEXT NOT NULL, updated TEXT NOT NULL, timezone TEXT, bounced TEXT,
                hour INTEGER CHECK (hour BETWEEN 0 AND 23), language TEXT);
             CREATE TABLE deliveries (
                edition TEXT NOT NULL, subscriber INTEGER NOT NULL REFERENCES subscribers(id),
                state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'deferred', 'expired')),
                attempts INTEGER NOT NULL DEFAULT 0, message_id TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL,
                doubt INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (edition, subscriber)) WITHOUT ROWID;
             CREATE TABLE signups (
                email TEXT PRIMARY KEY COLLATE NOCASE, name TEXT NOT NULL DEFAULT '',
                cadence TEXT NOT NULL, format TEXT NOT NULL, timezone TEXT, hour INTEGER,
                language TEXT, token TEXT NOT NULL UNIQUE, created TEXT NOT NULL,
                mailed TEXT NOT NULL);
             INSERT INTO subscribers (email, name, cadence, format, token, created, updated, hour, language)
                VALUES ('anna@example.org', 'Anna', 'weekly', 'text',
                        '0123456789abcdef0123456789abcdef', '2026-01-01T00:00:00Z',
                        '2026-01-01T00:00:00Z', 7, 'es');
             INSERT INTO deliveries (edition, subscriber, state, attempts, message_id, updated)
                VALUES ('weekly-2026-11-30', 1, 'sent', 1, '<weekly-2026-11-30.1.x@example.org>',
                        '2026-11-30T07:00:00Z');",
        )
        .unwrap();
    }
    let export = p.run(&["subscribers", "export"]).ok();
    assert_eq!(
        export,
        "email,name,cadence,format,timezone,hour,language,status,token,urgent\n\
         anna@example.org,Anna,weekly,text,,7,es,active,0123456789abcdef0123456789abcdef,no\n"
    );
    // Nothing is mailed to someone who never chose it.
    let out = alert(&p, "Pastor arrested").ok();
    assert!(
        out.ends_with("no subscriber chose urgent requests: mailed no one\n"),
        "{out}"
    );
    assert!(smtp.messages().is_empty());
    // The journal survived: the week already sent is not sent again.
    let again = p
        .run(&["send", "--date", "2026-11-30", "--cadence", "weekly"])
        .ok();
    assert_eq!(
        again,
        "weekly-2026-11-30: 0 sent, 1 already sent, 0 failed, 0 deferred (1 subscribers)\n"
    );
    // Choosing it now works on the upgraded database.
    p.run(&["subscribers", "add", "anna@example.org", "--urgent", "yes"])
        .ok();
    p.run(&["send", "--now", "2026-12-07T10:30:00Z"]).ok();
    assert_eq!(
        alerts_per_recipient(&smtp).get("anna@example.org"),
        Some(&1)
    );
}

#[test]
fn the_site_menu_links_the_alerts_page_only_when_there_is_one() {
    let p = Project::fixture("small");
    let build = |out: &str| {
        p.run(&[
            "build",
            "--site",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
            "--date",
            "2026-12-08",
            "--out",
            out,
        ])
        .ok();
        std::fs::read_to_string(p.path(out).join("index.html")).unwrap()
    };
    let link = "<a href=\"alerts.html\">Urgent prayer alerts</a>";
    assert!(!build("without").contains(link));
    std::fs::create_dir_all(p.path("alerts")).unwrap();
    p.write(
        "alerts/2026-12-07-al.toml",
        "date = 2026-12-07\ncountry = \"AL\"\ntitle = \"Pastor arrested\"\ntext = \"Pray for him.\"\n",
    );
    let index = build("with");
    assert!(index.contains(link), "{index}");
    assert!(p.path("with/alerts.html").exists());
}

#[test]
fn serve_with_the_scheduler_posts_to_the_chats_as_run_does() {
    let chats = crate::post::Chats::start();
    let p = crate::post::project_with_chats(&chats);
    let smtp = Smtp::start();
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\n\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n\n\
             [serve]\npublic_url = \"https://example.org/prayer/\"\n",
            smtp.port
        ),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["serve", "--listen", "127.0.0.1:0", "--with-scheduler"])
        .args(["--now", "2026-12-07T08:00:00Z"])
        .current_dir(p.dir.path())
        .env("PG_TEST_TELEGRAM", crate::post::TELEGRAM_TOKEN)
        .env(
            "PG_TEST_DISCORD",
            format!(
                "http://{}/discord/{}",
                chats.addr,
                crate::post::DISCORD_SECRET
            ),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The day's post is due at 07:00 in London: the chats get it while the pages answer.
    let start = std::time::Instant::now();
    while chats.texts("slack").is_empty() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    let slack = chats.texts("slack");
    assert!(!slack.is_empty(), "serve --with-scheduler posted nothing");
}

#[test]
fn the_sign_up_form_offers_urgent_requests_unticked_and_keeps_the_choice() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);
    let form = get(&server.url("/subscribe"));
    assert!(
        form.body.contains(
            "<input type=\"checkbox\" name=\"urgent\" value=\"yes\"> Email me urgent prayer requests too"
        ),
        "{}",
        form.body
    );
    let spanish = get(&server.url("/subscribe?lang=es"));
    assert!(
        spanish
            .body
            .contains("Enviarme también peticiones urgentes de oración"),
        "{}",
        spanish.body
    );
    let signed = post(
        &server.url("/subscribe"),
        &[
            ("email", "anna@example.org"),
            ("cadence", "daily"),
            ("format", "text"),
            ("urgent", "yes"),
        ],
    );
    assert_eq!(signed.status, 200, "{}", signed.body);
    let mail = crate::serve::text_of(&crate::serve::wait_for(&smtp, 1)[0]);
    let token = token_of(&link_in(&mail, "https://example.org/prayer/confirm?token="));
    let confirmed = post(&server.url("/confirm"), &[("token", &token)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let list = p.run(&["subscribers", "list"]).stdout;
    assert!(
        list.lines()
            .any(|l| l.starts_with("anna@example.org") && l.contains("urgent")),
        "{list}"
    );
}
