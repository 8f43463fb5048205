//! `serve` and its database: one-click unsubscribe whatever the body, writes that fail loudly
//! (a deleted database, a full disk), erase that asks first and leaves no byte behind, limits
//! that count accepted sign-ups, preference forms that expire. The real binary over HTTP.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::Project;
use crate::smtp::Smtp;

const DATABASE: &str = "state/prayer-guide.sqlite";

/// A running `prayer-guide serve` whose standard error goes to a file; killed when dropped.
struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(p: &Project) -> Server {
        Server::start_limited(p, None)
    }

    /// With `file_size_blocks`, under `ulimit -f` (512-byte blocks): no file of the process
    /// may grow past it, so a write that needs more space fails as on a full disk. SIGXFSZ is
    /// ignored so the write fails instead of killing the process.
    fn start_limited(p: &Project, file_size_blocks: Option<u32>) -> Server {
        let log = p.path("serve.log");
        let binary = env!("CARGO_BIN_EXE_prayer-guide");
        let mut command = match file_size_blocks {
            None => Command::new(binary),
            Some(blocks) => {
                let mut c = Command::new("sh");
                c.args([
                    "-c",
                    &format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""),
                    binary,
                ]);
                c
            }
        };
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .current_dir(p.dir.path())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                panic!(
                    "serve printed {line:?}; {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            })
            .to_string();
        Server { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

struct Reply {
    status: u16,
    body: String,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    Reply {
        status: r.status().as_u16(),
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn get(url: &str) -> Reply {
    reply(agent().get(url).call().unwrap())
}

fn post(url: &str, form: &[(&str, &str)]) -> Reply {
    reply(agent().post(url).send_form(form.iter().copied()).unwrap())
}

/// The small fixture mailing through the test server, with [serve] and `serve_extra`.
fn project(smtp_port: u16, serve_extra: &str) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\n\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\nsecurity = \"none\"\n\n\
             [serve]\npublic_url = \"https://example.org/prayer\"\n{serve_extra}\n"
        ),
    );
    p
}

fn database(p: &Project) -> rusqlite::Connection {
    rusqlite::Connection::open(p.path(DATABASE)).unwrap()
}

fn token(p: &Project, email: &str) -> String {
    database(p)
        .query_row(
            "SELECT token FROM subscribers WHERE email = ?1",
            [email],
            |r| r.get(0),
        )
        .unwrap()
}

fn active(p: &Project, email: &str) -> bool {
    database(p)
        .query_row(
            "SELECT active FROM subscribers WHERE email = ?1",
            [email],
            |r| r.get(0),
        )
        .unwrap()
}

fn hidden_field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {body}"))
        + marker.len();
    body[at..].split('"').next().unwrap().to_string()
}

fn sign_up(server: &Server, email: &str) -> Reply {
    post(
        &server.url("/subscribe"),
        &[("email", email), ("cadence", "daily"), ("format", "text")],
    )
}

/// The preferences form of `token`, saved with `changes`.
fn save_preferences(server: &Server, token: &str, changes: &[(&str, &str)]) -> Reply {
    let page = get(&server.url(&format!("/preferences?token={token}")));
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = hidden_field(&page.body, "csrf");
    let expires = hidden_field(&page.body, "expires");
    let mut form = vec![
        ("token", token),
        ("csrf", csrf.as_str()),
        ("expires", expires.as_str()),
        ("action", "save"),
    ];
    form.extend_from_slice(changes);
    post(&server.url("/preferences"), &form)
}

#[test]
fn one_click_unsubscribes_whatever_the_body_and_a_get_does_not() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    for who in ["multi", "empty", "form"] {
        p.run(&["subscribers", "add", &format!("{who}@example.org")])
            .ok();
    }
    let server = Server::start(&p);
    let link = |who: &str| server.url(&format!("/unsubscribe?token={}", token(&p, who)));

    // Opening the link (a mail scanner, a preview) changes nothing.
    let page = get(&link("multi@example.org"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Stop sending"));
    assert!(active(&p, "multi@example.org"));

    // RFC 8058 §3.2: what a mail provider posts.
    let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n\
                     One-Click\r\n--XyZ--\r\n";
    let r = reply(
        agent()
            .post(&link("multi@example.org"))
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .send(multipart)
            .unwrap(),
    );
    assert_eq!((r.status, r.body.as_str()), (200, "unsubscribed\n"));
    assert!(!active(&p, "multi@example.org"));

    let r = reply(
        agent()
            .post(&link("empty@example.org"))
            .send_empty()
            .unwrap(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!active(&p, "empty@example.org"));

    let r = post(
        &link("form@example.org"),
        &[("List-Unsubscribe", "One-Click")],
    );
    assert_eq!((r.status, r.body.as_str()), (200, "unsubscribed\n"));
    assert!(!active(&p, "form@example.org"));
}

#[test]
fn a_database_deleted_under_serve_fails_every_write_aloud_and_healthz_says_so() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "dee@example.org", "--name", "Dee"])
        .ok();
    let server = Server::start(&p);
    let dee = token(&p, "dee@example.org");
    assert_eq!(get(&server.url("/healthz")).body, "ok\n");

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(p.path(&format!("{DATABASE}{suffix}")));
    }

    let health = get(&server.url("/healthz"));
    assert_eq!(health.status, 503);
    assert_eq!(
        health.body,
        "the database file was deleted or replaced since serve started\n"
    );

    let signed = sign_up(&server, "new@example.org");
    assert_eq!(signed.status, 503, "{}", signed.body);
    assert!(
        signed.body.contains(
            "Your sign-up could not be saved just now; nothing changed and no email was sent."
        ),
        "{}",
        signed.body
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        smtp.messages().is_empty(),
        "nothing mailed for a lost sign-up"
    );

    let saved = save_preferences(&server, &dee, &[("cadence", "weekly")]);
    assert_eq!(saved.status, 503, "{}", saved.body);
    assert!(
        saved
            .body
            .contains("Your changes could not be saved; nothing changed.")
    );

    let page = post(&server.url(&format!("/unsubscribe?token={dee}")), &[]);
    assert_eq!(page.status, 503);
    assert!(
        page.body
            .contains("Your unsubscribe could not be saved; nothing changed."),
        "{}",
        page.body
    );
    let one_click = post(
        &server.url(&format!("/unsubscribe?token={dee}")),
        &[("List-Unsubscribe", "One-Click")],
    );
    assert_eq!(one_click.status, 503);

    let log = server.log();
    for what in [
        "serve: could not save a sign-up: database",
        "serve: could not save a preferences change: database",
        "serve: could not save an unsubscribe: database",
        "the file was deleted or replaced after it was opened",
    ] {
        assert!(log.contains(what), "{what} in {log}");
    }
    assert!(
        !log.contains("@example.org"),
        "the log names no reader: {log}"
    );
}

#[test]
fn on_a_full_disk_every_write_is_refused_aloud() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "fay@example.org", "--name", "Fay"])
        .ok();
    // A first run makes every table and the form key, so the limited one writes nothing
    // before its first request.
    drop(Server::start(&p));
    {
        // 64 KiB pages: the first page written to the log passes the 40 KiB limit below,
        // while the 32 KiB shared-memory index (needed to read at all) fits under it.
        let db = database(&p);
        db.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA page_size = 65536; VACUUM; \
             PRAGMA journal_mode = WAL;",
        )
        .unwrap();
    }
    let fay = token(&p, "fay@example.org");
    let server = Server::start_limited(&p, Some(80));

    let one_click = post(
        &server.url(&format!("/unsubscribe?token={fay}")),
        &[("List-Unsubscribe", "One-Click")],
    );
    assert_eq!(one_click.status, 503, "{}", one_click.body);
    assert_eq!(
        one_click.body,
        "the unsubscribe could not be saved; nothing changed; try again in a few minutes\n"
    );
    let saved = save_preferences(&server, &fay, &[("cadence", "weekly")]);
    assert_eq!(saved.status, 503, "{}", saved.body);
    assert!(saved.body.contains("Your changes could not be saved"));
    let signed = sign_up(&server, "gus@example.org");
    assert_eq!(signed.status, 503);
    assert!(signed.body.contains("Your sign-up could not be saved"));
    assert!(!signed.body.contains("email could not be sent"));

    drop(server);
    assert!(
        active(&p, "fay@example.org"),
        "nothing changed, as the page said"
    );
    let log = std::fs::read_to_string(p.path("serve.log")).unwrap();
    for what in [
        "serve: could not save an unsubscribe: database",
        "serve: could not save a preferences change: database",
        "serve: could not save a sign-up: database",
    ] {
        assert!(log.contains(what), "{what} in {log}");
    }
    assert!(
        !log.contains("@example.org"),
        "the log names no reader: {log}"
    );
}

#[test]
fn erase_asks_first_then_leaves_no_byte_of_the_address_or_name() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&[
        "subscribers",
        "add",
        "zeb@example.org",
        "--name",
        "Zebulon Quigley",
    ])
    .ok();
    p.run(&["subscribers", "add", "kept@example.org"]).ok();
    let server = Server::start(&p);
    let zeb = token(&p, "zeb@example.org");
    {
        // What a refused delivery and a bounce report leave behind.
        let db = database(&p);
        let id: i64 = db
            .query_row("SELECT id FROM subscribers WHERE token = ?1", [&zeb], |r| {
                r.get(0)
            })
            .unwrap();
        db.execute(
            "INSERT INTO deliveries (edition, subscriber, state, message_id, detail, updated)
             VALUES ('daily-2026-11-23', ?1, 'failed', '<m@example.org>',
                     '550 5.1.1 <ZEB@example.org>: no such user', '2026-11-23T06:00:00Z')",
            [id],
        )
        .unwrap();
        db.execute(
            "INSERT INTO bounces (subscriber, report, hard, detail, received)
             VALUES (?1, 'r1', 1, 'Zebulon Quigley <zeb@example.org>', '2026-11-23T07:00:00Z')",
            [id],
        )
        .unwrap();
    }

    let page = get(&server.url(&format!("/preferences?token={zeb}")));
    let form = |csrf: &str, expires: &str, action: &str| {
        post(
            &server.url("/preferences"),
            &[
                ("token", zeb.as_str()),
                ("csrf", csrf),
                ("expires", expires),
                ("action", action),
            ],
        )
    };
    let (csrf, expires) = (
        hidden_field(&page.body, "csrf"),
        hidden_field(&page.body, "expires"),
    );
    // The preferences form's own signature does not erase: only the confirmation's does.
    let skipped = form(&csrf, &expires, "erase-confirmed");
    assert_eq!(skipped.status, 403);
    let asked = form(&csrf, &expires, "erase");
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains("Erase your data?"), "{}", asked.body);
    assert!(asked.body.contains("It cannot be undone."));
    assert!(active(&p, "zeb@example.org"), "asking erased nothing");

    let erased = form(
        &hidden_field(&asked.body, "csrf"),
        &hidden_field(&asked.body, "expires"),
        "erase-confirmed",
    );
    assert_eq!(erased.status, 200, "{}", erased.body);
    assert!(
        erased.body.contains("Your data is erased"),
        "{}",
        erased.body
    );
    assert!(
        erased
            .body
            .contains("Your address and name are deleted; the guide will not be sent"),
        "the file was compacted at once: {}",
        erased.body
    );

    // With serve still running: the file and its log.
    for suffix in ["", "-wal"] {
        let file = p.path(&format!("{DATABASE}{suffix}"));
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(
            !text.contains("zeb@example.org"),
            "{} holds the address",
            file.display()
        );
        assert!(
            !text.contains("quigley"),
            "{} holds the name",
            file.display()
        );
        assert!(
            !text.contains("zebulon"),
            "{} holds the name",
            file.display()
        );
    }
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("kept@example.org"),
        "the others stay"
    );
    drop(server);
    let log = std::fs::read_to_string(p.path("serve.log")).unwrap();
    assert!(!log.contains("zeb@"), "{log}");
}

#[test]
fn limits_count_accepted_sign_ups_per_network_and_per_address() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "signups_per_hour = 30");
    let server = Server::start(&p);
    // 21 people on one church's Wi-Fi; every third mistypes their address first.
    for n in 1..=21 {
        if n % 3 == 0 {
            let typo = sign_up(&server, &format!("person{n}example.org"));
            assert_eq!(typo.status, 400, "{}", typo.body);
        }
        let r = sign_up(&server, &format!("person{n}@example.org"));
        assert_eq!(r.status, 200, "person {n}: {}", r.body);
    }
    // One address posted over and over: three an hour.
    for _ in 0..3 {
        assert_eq!(sign_up(&server, "again@example.org").status, 200);
    }
    let again = sign_up(&server, "AGAIN@example.org");
    assert_eq!(again.status, 429);
    assert!(
        again.body.contains("signed up several times"),
        "{}",
        again.body
    );
    // A flood of accepted ones from the same network stops at the limit: 24 so far.
    for n in 1..=6 {
        assert_eq!(
            sign_up(&server, &format!("flood{n}@example.org")).status,
            200
        );
    }
    let flood = sign_up(&server, "flood7@example.org");
    assert_eq!(flood.status, 429);
    assert!(flood.body.contains("many sign-ups from your network"));
    // 21 people, `again` once (an address is mailed at most once an hour), 6 of the flood.
    let start = Instant::now();
    while smtp.messages().len() < 28 && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(smtp.messages().len(), 28);
}

/// The form key `serve` keeps in the database, as `App::sign` uses it.
fn sign(p: &Project, message: &str) -> String {
    let secret: String = database(p)
        .query_row(
            "SELECT value FROM meta WHERE key = 'web-form-secret'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    ring::hmac::sign(&key, message.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn an_expired_preferences_form_is_refused_with_a_page_that_says_so() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "old@example.org"]).ok();
    let server = Server::start(&p);
    let old = token(&p, "old@example.org");
    let page = get(&server.url(&format!("/preferences?token={old}")));
    let expires: i64 = hidden_field(&page.body, "expires").parse().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!(
        (now + 24 * 3600 - 60..=now + 24 * 3600 + 60).contains(&expires),
        "a day's life: {expires}"
    );

    // A form signed by the server two days ago, its day over.
    let then = (now - 24 * 3600).to_string();
    let csrf = sign(&p, &format!("preferences:{old}:{then}"));
    let post_with = |csrf: &str, expires: &str| {
        post(
            &server.url("/preferences"),
            &[
                ("token", old.as_str()),
                ("csrf", csrf),
                ("expires", expires),
                ("action", "save"),
                ("cadence", "weekly"),
            ],
        )
    };
    let expired = post_with(&csrf, &then);
    assert_eq!(expired.status, 403);
    assert!(expired.body.contains("This form has expired"));
    assert!(
        expired
            .body
            .contains("It was opened more than a day ago. Open your preferences again"),
        "{}",
        expired.body
    );
    assert!(
        expired
            .body
            .contains(&format!(r#"<a href="preferences?token={old}">"#)),
        "{}",
        expired.body
    );
    // Its time moved forward, the signature no longer matches: refused as forged.
    let moved = post_with(&csrf, &(now + 3600).to_string());
    assert_eq!(moved.status, 403);
    assert!(
        moved
            .body
            .contains("Open the preferences link in your most recent email")
    );
    assert!(
        p.run(&["subscribers", "list"]).ok().contains("daily"),
        "nothing saved"
    );
}
