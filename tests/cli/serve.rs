//! `serve`: the real binary over HTTP, with the real SMTP test server receiving what it mails.

use std::io::{BufRead, BufReader, Write as _};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;

use crate::Project;
use crate::smtp::Smtp;

/// A running `prayer-guide serve`; killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub(crate) fn start(p: &Project) -> Server {
        Server::start_with(p, &[], Stdio::inherit())
    }

    /// `serve` with more arguments, its standard error going to `stderr`.
    pub(crate) fn start_with(p: &Project, args: &[&str], stderr: Stdio) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .current_dir(p.dir.path())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("serve printed {line:?}"))
            .to_string();
        Server { child, base }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Status, body and one header of a response.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) headers: ureq::http::HeaderMap,
}

pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

pub(crate) fn get(url: &str) -> Reply {
    reply(agent().get(url).call().unwrap())
}

/// A GET from a browser set to `languages` (an `Accept-Language` header).
fn get_in(url: &str, languages: &str) -> Reply {
    reply(
        agent()
            .get(url)
            .header("accept-language", languages)
            .call()
            .unwrap(),
    )
}

pub(crate) fn post(url: &str, form: &[(&str, &str)]) -> Reply {
    reply(agent().post(url).send_form(form.iter().copied()).unwrap())
}

pub(crate) fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    Reply {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// The small fixture with [email] to the test server and [serve]; no unsubscribe_url, so the
/// digests link to the server's own page.
pub(crate) fn project(smtp_port: u16, serve_extra: &str) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\nretry_delay_ms = 20\n\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\nsecurity = \"none\"\n\n\
             [serve]\npublic_url = \"https://example.org/prayer\"\n{serve_extra}\n"
        ),
    );
    p
}

/// Waits for the test server to hold `n` messages, and returns them.
pub(crate) fn wait_for(smtp: &Smtp, n: usize) -> Vec<Vec<u8>> {
    let start = Instant::now();
    loop {
        let messages = smtp.messages();
        if messages.len() >= n || start.elapsed() > Duration::from_secs(10) {
            assert_eq!(messages.len(), n, "messages received");
            return messages;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub(crate) fn text_of(raw: &[u8]) -> String {
    let m = MessageParser::default().parse(raw).unwrap();
    m.body_text(0).unwrap().to_string()
}

pub(crate) fn link_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"));
    text[start..].split_whitespace().next().unwrap().to_string()
}

/// The value of the hidden field `name` in a page.
pub(crate) fn hidden_field(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {body}"))
        + marker.len();
    body[at..].split('"').next().unwrap().to_string()
}

pub(crate) fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_string()
}

pub(crate) fn sign_up(server: &Server, email: &str) -> Reply {
    post(
        &server.url("/subscribe"),
        &[
            ("email", email),
            ("name", "Anna"),
            ("cadence", "daily"),
            ("format", "text"),
            ("timezone", "Europe/London"),
            ("hour", "6"),
        ],
    )
}

#[test]
fn sign_up_confirm_receive_then_one_click_unsubscribe() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);

    let form = get(&server.url("/subscribe"));
    assert_eq!(form.status, 200);
    assert!(
        form.body
            .contains(r#"<form method="post" action="subscribe">"#)
    );
    assert_eq!(
        form.headers["content-security-policy"], "frame-ancestors *",
        "embeddable"
    );

    let signed = sign_up(&server, "anna@example.org");
    assert_eq!(signed.status, 200, "{}", signed.body);
    assert!(signed.body.contains("Check your inbox"));
    let mail = text_of(&wait_for(&smtp, 1)[0]);
    let link = link_in(&mail, "https://example.org/prayer/confirm?token=");
    let token = token_of(&link);

    // Not a subscriber until confirmed; an administrator sees the sign-up waiting.
    assert_eq!(p.run(&["subscribers", "list"]).ok(), "");
    assert!(
        p.run(&["subscribers", "pending"])
            .ok()
            .contains("anna@example.org")
    );
    // Opening the link (as a mail scanner does) confirms nothing.
    let page = get(&server.url(&format!("/confirm?token={token}")));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Yes, subscribe me"));
    assert_eq!(p.run(&["subscribers", "list"]).ok(), "");

    let confirmed = post(&server.url("/confirm"), &[("token", &token)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert!(confirmed.body.contains("You are subscribed"));
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("anna@example.org")
    );
    let replay = post(&server.url("/confirm"), &[("token", &token)]);
    assert_eq!(replay.status, 410, "a used link confirms nothing again");

    let sent = p.run(&["send", "--date", "2026-11-23"]).ok();
    assert!(sent.contains("1 sent"), "{sent}");
    let digest = MessageParser::default()
        .parse(&wait_for(&smtp, 2)[1])
        .unwrap()
        .into_owned();
    let header = digest
        .header_raw("List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim()
        .to_string();
    assert!(
        header.starts_with("<https://example.org/prayer/unsubscribe?token="),
        "{header}"
    );
    assert_eq!(
        digest.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe_token = token_of(header.trim_start_matches('<').split('>').next().unwrap());

    // What Gmail does when the reader presses "Unsubscribe": RFC 8058 one-click.
    let one_click = post(
        &server.url(&format!("/unsubscribe?token={unsubscribe_token}")),
        &[("List-Unsubscribe", "One-Click")],
    );
    assert_eq!(one_click.status, 200);
    assert_eq!(one_click.body, "unsubscribed\n");
    let next = p.run(&["send", "--date", "2026-11-24"]).ok();
    assert!(!next.contains("1 sent"), "{next}");
    assert_eq!(smtp.messages().len(), 2, "no digest after the unsubscribe");
    let list = p.run(&["subscribers", "list", "--all"]).ok();
    assert!(
        list.contains("(unsubscribed)"),
        "the record is kept: {list}"
    );
}

/// The `language` column of `email` in `subscribers export`.
fn language_of(p: &Project, email: &str) -> String {
    let csv = p.run(&["subscribers", "export"]).ok();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|c| *c == "language").unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with(email))
        .unwrap_or_else(|| panic!("{email} not in {csv}"));
    row.split(',').nth(column).unwrap().to_string()
}

#[test]
fn a_reader_signs_up_in_spanish_and_is_mailed_and_kept_in_spanish() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);

    // A Spanish browser gets the form in Spanish, Spanish chosen, every language offered.
    let form = get_in(&server.url("/subscribe"), "es-MX,es;q=0.9,en;q=0.5");
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains(r#"<html lang="es" dir="ltr">"#),
        "{}",
        form.body
    );
    assert!(form.body.contains("Correo electrónico"), "{}", form.body);
    assert!(
        form.body
            .contains(r#"<option value="es" lang="es" dir="ltr" selected>Español</option>"#)
    );
    for name in [
        "English",
        "Français",
        "Português",
        "Deutsch",
        "한국어",
        "العربية",
    ] {
        assert!(form.body.contains(name), "{name} is offered");
    }
    // A browser asking for a language not offered gets the schedule's.
    let other = get_in(&server.url("/subscribe"), "sw");
    assert!(other.body.contains(r#"<html lang="en" dir="ltr">"#));

    let signed = post(
        &server.url("/subscribe"),
        &[
            ("email", "ines@example.org"),
            ("name", "Inés"),
            ("cadence", "daily"),
            ("format", "text"),
            ("timezone", "Europe/Madrid"),
            ("hour", "6"),
            ("language", "es"),
        ],
    );
    assert_eq!(signed.status, 200, "{}", signed.body);
    assert!(
        signed.body.contains("Revise su bandeja de entrada"),
        "{}",
        signed.body
    );

    let raw = wait_for(&smtp, 1).remove(0);
    let mail = MessageParser::default().parse(&raw).unwrap().into_owned();
    assert_eq!(
        mail.subject(),
        Some("Confirme, por favor: Test Prayer Guide")
    );
    let text = mail.body_text(0).unwrap().to_string();
    // The name typed on the form waits for the confirmation: a stranger could have typed it.
    assert!(text.starts_with("Querido amigo, querida amiga:"), "{text}");
    assert!(!text.contains("Inés"), "{text}");
    assert!(
        text.contains("Confirme, por favor, que desea recibir") && text.contains("horas"),
        "{text}"
    );
    let token = token_of(&link_in(&text, "https://example.org/prayer/confirm?token="));
    // The administrator sees the chosen language among the sign-ups waiting.
    let pending = p.run(&["subscribers", "pending"]).ok();
    assert!(
        pending.starts_with("ines@example.org") && pending.ends_with("  language es\n"),
        "{pending}"
    );

    // The confirmation page and its answer are in Spanish too, without Accept-Language.
    let page = get(&server.url(&format!("/confirm?token={token}")));
    assert!(page.body.contains("Sí, suscribirme"), "{}", page.body);
    let confirmed = post(&server.url("/confirm"), &[("token", &token)]);
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert!(
        confirmed
            .body
            .contains("ines@example.org recibirá la guía diaria."),
        "{}",
        confirmed.body
    );
    assert_eq!(language_of(&p, "ines@example.org"), "es");
    let list = p.run(&["subscribers", "list"]).ok();
    assert!(list.contains(" Inés  language es\n"), "{list}");

    // Her digest is in Spanish.
    let sent = p.run(&["send", "--date", "2026-11-23"]).ok();
    assert!(sent.contains("1 sent"), "{sent}");
    let digest = text_of(&wait_for(&smtp, 2)[1]);
    assert!(digest.contains("Darse de baja"), "{digest}");
}

#[test]
fn the_arabic_pages_are_right_to_left_and_a_language_can_be_changed() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "languages = [\"en\", \"ar\", \"fr\"]");
    p.run(&["subscribers", "add", "omar@example.org"]).ok();
    let server = Server::start(&p);

    let arabic = get(&server.url("/subscribe?lang=ar"));
    assert_eq!(arabic.status, 200);
    assert!(
        arabic.body.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        arabic.body
    );
    assert!(arabic.body.contains("البريد الإلكتروني"), "{}", arabic.body);
    // Only the languages [serve] names are offered.
    assert!(arabic.body.contains("Français") && !arabic.body.contains("Español"));
    let from_browser = get_in(&server.url("/subscribe"), "ar-EG,ar;q=0.9");
    assert!(from_browser.body.contains(r#"dir="rtl""#));
    let refused = post(
        &server.url("/subscribe"),
        &[("email", "x@example.org"), ("language", "es")],
    );
    assert_eq!(refused.status, 400);
    assert!(
        refused
            .body
            .contains("“es” is not one of the languages offered."),
        "{}",
        refused.body
    );

    // The preferences page shows the language (the schedule's until chosen) and changes it.
    let token = preferences_token(&server, &smtp, "omar@example.org");
    let page = get(&server.url(&format!("/preferences?token={token}")));
    assert!(
        page.body
            .contains(r#"<option value="en" lang="en" dir="ltr" selected>English</option>"#)
    );
    let csrf = hidden_field(&page.body, "csrf");
    let expires = hidden_field(&page.body, "expires");
    let saved = post(
        &server.url("/preferences"),
        &[
            ("token", token.as_str()),
            ("csrf", csrf.as_str()),
            ("expires", expires.as_str()),
            ("action", "save"),
            ("cadence", "daily"),
            ("format", "html"),
            ("timezone", "Asia/Amman"),
            ("hour", "6"),
            ("language", "ar"),
        ],
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(saved.body.contains("تم الحفظ."), "{}", saved.body);
    assert_eq!(language_of(&p, "omar@example.org"), "ar");
}

#[test]
fn a_second_sign_up_reveals_nothing_and_mails_at_most_once_an_hour() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "known@example.org"]).ok();
    let server = Server::start(&p);
    let new = sign_up(&server, "new@example.org");
    let again = sign_up(&server, "new@example.org");
    let known = sign_up(&server, "known@example.org");
    let known_again = sign_up(&server, "known@example.org");
    for reply in [&again, &known, &known_again] {
        assert_eq!(reply.status, new.status);
        assert_eq!(reply.body, new.body, "the same page whatever the address");
    }
    let mails = wait_for(&smtp, 2);
    let texts: Vec<String> = mails.iter().map(|m| text_of(m)).collect();
    assert!(texts.iter().any(|t| t.contains("/confirm?token=")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("already receives") && t.contains("/preferences?token=")),
        "{texts:?}"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(smtp.messages().len(), 2, "one email per address per hour");
}

#[test]
fn unsubscribe_needs_the_secret_token_and_a_get_changes_nothing() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "bo@example.org"]).ok();
    let server = Server::start(&p);
    // An address in place of the token finds no one.
    let guess = post(
        &server.url("/unsubscribe?token=bo@example.org"),
        &[("List-Unsubscribe", "One-Click")],
    );
    assert_eq!(guess.status, 404);
    assert_eq!(get(&server.url("/unsubscribe?token=0000")).status, 404);
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("bo@example.org")
    );

    p.run(&["send", "--date", "2026-11-23"]).ok();
    let digest = MessageParser::default()
        .parse(&wait_for(&smtp, 1)[0])
        .unwrap()
        .into_owned();
    let header = digest
        .header_raw("List-Unsubscribe")
        .unwrap()
        .trim()
        .to_string();
    let token = token_of(header.trim_start_matches('<').split('>').next().unwrap());
    let page = get(&server.url(&format!("/unsubscribe?token={token}")));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Stop sending"));
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("bo@example.org")
    );
    let pressed = post(&server.url(&format!("/unsubscribe?token={token}")), &[]);
    assert_eq!(pressed.status, 200);
    assert!(pressed.body.contains("You are unsubscribed"));
    assert_eq!(p.run(&["subscribers", "list"]).ok(), "");
}

/// The token of `email`'s preferences link, from the "already subscribed" email.
fn preferences_token(server: &Server, smtp: &Smtp, email: &str) -> String {
    sign_up(server, email);
    let mails = wait_for(smtp, smtp.messages().len().max(1));
    token_of(&link_in(
        &text_of(mails.last().unwrap()),
        "https://example.org/prayer/preferences?token=",
    ))
}

#[test]
fn preferences_change_with_the_form_and_refuse_a_forged_post() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&["subscribers", "add", "cy@example.org", "--name", "Cy"])
        .ok();
    let server = Server::start(&p);
    let token = preferences_token(&server, &smtp, "cy@example.org");
    let page = get(&server.url(&format!("/preferences?token={token}")));
    assert_eq!(page.status, 200);
    let csrf = hidden_field(&page.body, "csrf");
    assert_eq!(csrf.len(), 64, "{csrf}");
    let expires = hidden_field(&page.body, "expires");

    let fields = |csrf: &str, action: &str| -> Vec<(String, String)> {
        [
            ("token", token.as_str()),
            ("csrf", csrf),
            ("expires", expires.as_str()),
            ("action", action),
            ("name", "Cy"),
            ("cadence", "weekly"),
            ("format", "text"),
            ("timezone", "America/Chicago"),
            ("hour", "7"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let post_fields = |fields: Vec<(String, String)>| {
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        post(&server.url("/preferences"), &pairs)
    };
    let refused = post_fields(fields(&"0".repeat(64), "save"));
    assert_eq!(refused.status, 403);
    assert!(p.run(&["subscribers", "list"]).ok().contains("daily"));

    let saved = post_fields(fields(&csrf, "save"));
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains("Saved."));
    let list = p.run(&["subscribers", "list"]).ok();
    assert!(list.contains("weekly") && list.contains("text"), "{list}");

    let before = smtp.messages().len();
    let export = post_fields(fields(&csrf, "export"));
    assert!(export.body.contains("On its way"), "{}", export.body);
    let data = text_of(wait_for(&smtp, before + 1).last().unwrap());
    assert!(
        data.contains("Address: cy@example.org")
            && data.contains("How often: Once a week")
            && data.contains("Language: English"),
        "{data}"
    );

    // Erasing asks first; the button carries its own signature.
    let asked = post_fields(fields(&csrf, "erase"));
    assert!(asked.body.contains("Erase your data?"), "{}", asked.body);
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("cy@example.org")
    );
    let erased = post(
        &server.url("/preferences"),
        &[
            ("token", token.as_str()),
            ("csrf", hidden_field(&asked.body, "csrf").as_str()),
            ("expires", hidden_field(&asked.body, "expires").as_str()),
            ("action", "erase-confirmed"),
        ],
    );
    assert!(
        erased.body.contains("Your data is erased"),
        "{}",
        erased.body
    );
    let all = p.run(&["subscribers", "list", "--all"]).ok();
    assert!(!all.contains("cy@example.org"), "{all}");
}

#[test]
fn bad_input_gets_a_clear_answer_and_the_server_stays_up() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "signups_per_hour = 4");
    let server = Server::start(&p);
    let injected = post(
        &server.url("/subscribe"),
        &[
            ("email", "eve@example.org"),
            ("name", "Eve\r\nBcc: all@example.org"),
        ],
    );
    assert_eq!(injected.status, 400);
    assert!(injected.body.contains("The name must be on one line."));
    let bad = post(&server.url("/subscribe"), &[("email", "not an address")]);
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("is not an email address"));
    let big = "x".repeat(100_000);
    let oversized = post(&server.url("/subscribe"), &[("email", big.as_str())]);
    assert_eq!(oversized.status, 413);
    let bot = post(
        &server.url("/subscribe"),
        &[("email", "bot@example.org"), ("website", "http://spam")],
    );
    assert_eq!(bot.status, 200, "a bot is told nothing");
    // Bad posts, the oversized one and the bot count for nothing: four sign-ups this hour.
    for n in 1..=4 {
        assert_eq!(sign_up(&server, &format!("a{n}@example.org")).status, 200);
    }
    let limited = sign_up(&server, "a5@example.org");
    assert_eq!(limited.status, 429, "{}", limited.body);
    wait_for(&smtp, 4);

    // Idle connections that never send a request do not block anyone else (as many as one
    // address may hold; security.rs shows what happens to more).
    let idle: Vec<TcpStream> = (0..30)
        .map(|_| {
            let mut s = TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            s
        })
        .collect();
    let health = get(&server.url("/healthz"));
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    drop(idle);
}

/// A slow-loris client: sends a request's headers one byte a second and never finishes them.
/// Returns how long the server let it go on before closing the connection (`None`: it was
/// still open after `limit`).
fn drip_headers(address: &str, limit: Duration) -> Option<Duration> {
    use std::io::Read as _;
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let header = b"GET /healthz HTTP/1.1\r\nHost: example.org\r\nX-Padding: ".iter();
    let start = Instant::now();
    let mut buffer = [0u8; 512];
    for byte in header.chain(std::iter::repeat(&b'a')) {
        if start.elapsed() > limit {
            return None;
        }
        if stream.write_all(&[*byte]).is_err() {
            return Some(start.elapsed());
        }
        // A second between bytes, watching for the server closing the connection.
        let sent = Instant::now();
        while sent.elapsed() < Duration::from_secs(1) {
            match stream.read(&mut buffer) {
                // Closed, perhaps after a 408 answer: either way the headers were not read.
                Ok(0) => return Some(start.elapsed()),
                Ok(_) => continue,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return Some(start.elapsed()),
            }
        }
    }
    unreachable!("the bytes never run out")
}

#[test]
fn slow_loris_clients_are_cut_off_while_others_are_answered_promptly() {
    let smtp = Smtp::start();
    // The timeout is longer than the time ordinary requests are tried below, so every one of
    // them is asked while all twenty slow clients still hold their connections.
    let p = project(smtp.port, "header_timeout_seconds = 5");
    let server = Server::start(&p);
    let address = server.base.trim_start_matches("http://").to_string();
    let slow: Vec<_> = (0..20)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || drip_headers(&address, Duration::from_secs(12)))
        })
        .collect();

    // While they drip, ordinary requests keep getting answered at once.
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut answered = 0;
    while start.elapsed() < Duration::from_secs(3) {
        let asked = Instant::now();
        let health = get(&server.url("/healthz"));
        assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
        let form = get(&server.url("/subscribe"));
        assert_eq!(form.status, 200);
        slowest = slowest.max(asked.elapsed());
        answered += 2;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(answered >= 10, "{answered} requests answered");
    // Generous for a loaded 2-core machine, and well below the 5 s a server tied up by the slow
    // clients would keep an ordinary request waiting.
    assert!(
        slowest < Duration::from_secs(2),
        "two requests took {slowest:?}"
    );

    for client in slow {
        let cut = client
            .join()
            .unwrap()
            .expect("a slow client was never cut off");
        // Cut off by the 5 s header timeout, not by the 20 s request timeout.
        assert!(
            cut >= Duration::from_millis(4500) && cut < Duration::from_secs(9),
            "cut off after {cut:?}"
        );
    }
    let health = get(&server.url("/healthz"));
    assert_eq!(health.status, 200, "still up");
}

#[test]
fn serves_the_output_folder_with_types_and_caching() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.run(&[
        "build",
        "--date",
        "2026-11-23",
        "--format",
        "html,ics,atom,json",
    ])
    .ok();
    let server = Server::start(&p);
    let day = get(&server.url("/days/2026-11-23.html"));
    assert_eq!(day.status, 200);
    assert!(
        day.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(day.headers["cache-control"], "public, max-age=300");
    let calendar = get(&server.url("/calendar.ics"));
    assert_eq!(calendar.status, 200);
    assert!(
        calendar.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(calendar.body.starts_with("BEGIN:VCALENDAR"));
    let json = get(&server.url("/today.json"));
    assert!(
        json.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(get(&server.url("/no-such-file")).status, 404);
    // The build's lock file is the program's own, never served.
    assert!(p.path("public/.prayer-guide-build.lock").is_file());
    assert_eq!(get(&server.url("/.prayer-guide-build.lock")).status, 404);
    assert_eq!(get(&server.url("/%2Eprayer-guide-build.lock")).status, 404);
    let page = get(&server.url("/subscribe"));
    assert_eq!(
        page.headers["cache-control"], "no-store",
        "forms are never cached"
    );
}

/// Stops `server` with SIGTERM as a service manager does; its exit code and standard error.
fn terminate(mut server: Server) -> (i32, String) {
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut log = String::new();
    if let Some(mut err) = server.child.stderr.take() {
        std::io::Read::read_to_string(&mut err, &mut log).unwrap();
    }
    let code = server.child.wait().unwrap().code().unwrap_or(-1);
    (code, log)
}

#[test]
fn with_the_scheduler_a_due_digest_goes_out_while_the_pages_answer() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    // Two readers at the schedule's hour, 06:00 London (UTC in November).
    p.run(&["subscribers", "add", "gil@example.org"]).ok();
    p.run(&[
        "subscribers",
        "add",
        "hana@example.org",
        "--cadence",
        "weekly",
    ])
    .ok();
    // Three seconds before Monday 23 November, 06:00.
    let server = Server::start_with(
        &p,
        &["--with-scheduler", "--now", "2026-11-23T05:59:57Z"],
        Stdio::piped(),
    );
    // Nothing is due yet, and the web side answers.
    let form = get(&server.url("/subscribe"));
    assert_eq!(form.status, 200);
    assert!(smtp.messages().is_empty(), "nothing before 06:00");

    // While the sender waits for 06:00 and sends, every request is answered promptly.
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    while smtp.messages().len() < 2 && start.elapsed() < Duration::from_secs(15) {
        let asked = Instant::now();
        let health = get(&server.url("/healthz"));
        assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
        slowest = slowest.max(asked.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        slowest < Duration::from_secs(2),
        "a request took {slowest:?}"
    );
    wait_for(&smtp, 2);
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "sent at 06:00, not at once"
    );
    let per = smtp.per_recipient();
    assert_eq!(
        (per.get("gil@example.org"), per.get("hana@example.org")),
        (Some(&1), Some(&1)),
        "{per:?}"
    );
    // A sign-up still works after the send.
    assert_eq!(sign_up(&server, "ivy@example.org").status, 200);
    wait_for(&smtp, 3);

    // The journal knows both: a `send` for the same morning sends nothing again.
    let again = p.run(&["send", "--now", "2026-11-23T06:05:00Z"]).ok();
    assert!(!again.contains("1 sent"), "{again}");
    assert_eq!(smtp.messages().len(), 3);

    let (code, log) = terminate(server);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("daily-2026-11-23: 1 sent"), "{log}");
    assert!(log.contains("weekly-2026-11-23: 1 sent"), "{log}");
    assert!(log.contains("stopped cleanly"), "{log}");
}

#[test]
fn with_the_scheduler_a_second_sender_stops_serve_with_a_clear_error() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let first = Server::start_with(&p, &["--with-scheduler"], Stdio::null());
    let start = Instant::now();
    while !p.run(&["status"]).stdout.contains("service: running") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the sender never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let second = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["serve", "--listen", "127.0.0.1:0", "--with-scheduler"])
        .current_dir(p.dir.path())
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("already running"), "{err}");
    drop(first);
}

#[test]
fn an_administrator_sees_and_confirms_pending_sign_ups() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);
    sign_up(&server, "dee@example.org");
    wait_for(&smtp, 1);
    let pending = p.run(&["subscribers", "pending"]);
    assert!(pending.stdout.contains("dee@example.org"), "{pending:?}");
    assert_eq!(pending.stderr, "1 waiting for confirmation\n");
    let err = p
        .run(&["subscribers", "confirm", "nobody@example.org"])
        .fails();
    assert!(err.contains("has no sign-up waiting"), "{err}");
    let ok = p.run(&["subscribers", "confirm", "DEE@example.org"]).ok();
    assert_eq!(ok, "confirmed dee@example.org (daily, text)\n");
    assert!(
        p.run(&["subscribers", "list"])
            .ok()
            .contains("dee@example.org")
    );
    assert_eq!(p.run(&["subscribers", "pending"]).ok(), "");
}

fn json_of(r: &mut ureq::http::Response<ureq::Body>) -> serde_json::Value {
    serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
}

/// A WebDriver session with headless Chromium (through chromedriver, plain JSON over HTTP).
pub(crate) struct Browser {
    _driver: Killed,
    session: String,
}

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Browser {
    pub(crate) fn start() -> Browser {
        for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            assert!(
                std::path::Path::new(program).exists(),
                "{program} is missing: install Debian's chromium and chromium-driver (.ci/run does)"
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Killed(
            Command::new("/usr/bin/chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let profile = tempfile::tempdir().unwrap().keep();
        let capabilities = serde_json::json!({ "capabilities": { "alwaysMatch": {
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        let created = loop {
            match agent()
                .post(&format!("{base}/session"))
                .header("content-type", "application/json")
                .send(capabilities.to_string())
            {
                Ok(mut r) if r.status() == 200 => {
                    break json_of(&mut r);
                }
                _ if start.elapsed() < Duration::from_secs(20) => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => panic!(
                    "chromedriver gave no session: {:?}",
                    other.map(|r| r.status())
                ),
            }
        };
        let id = created["value"]["sessionId"].as_str().unwrap();
        Browser {
            _driver: driver,
            session: format!("{base}/session/{id}"),
        }
    }

    pub(crate) fn call(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let mut r = agent()
            .post(&format!("{}{path}", self.session))
            .header("content-type", "application/json")
            .send(body.to_string())
            .unwrap();
        let value = json_of(&mut r);
        assert_eq!(r.status(), 200, "{path}: {value}");
        value["value"].clone()
    }

    pub(crate) fn open(&self, url: &str) {
        self.call("/url", serde_json::json!({ "url": url }));
    }

    pub(crate) fn element(&self, css: &str) -> String {
        let found = self.call(
            "/element",
            serde_json::json!({ "using": "css selector", "value": css }),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap()
            .to_string()
    }

    pub(crate) fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call(&format!("/element/{e}/clear"), serde_json::json!({}));
        self.call(
            &format!("/element/{e}/value"),
            serde_json::json!({ "text": text }),
        );
    }

    pub(crate) fn click(&self, css: &str) {
        let e = self.element(css);
        self.call(&format!("/element/{e}/click"), serde_json::json!({}));
    }

    /// The page's visible text once it shows `needle` (a click returns before the next page
    /// has loaded), or after 10 s whatever it shows.
    pub(crate) fn text_with(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.contains(needle) || start.elapsed() > Duration::from_secs(10) {
                return text;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The value of a JavaScript expression in the page.
    pub(crate) fn eval(&self, expression: &str) -> serde_json::Value {
        self.call(
            "/execute/sync",
            serde_json::json!({ "script": format!("return {expression};"), "args": [] }),
        )
    }

    /// The value of a JavaScript expression that may be a promise, once it settles (a rejected
    /// one gives `"error: …"`).
    pub(crate) fn eval_async(&self, expression: &str) -> serde_json::Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             Promise.resolve().then(() => ({expression})).then(done, (e) => done('error: ' + e));"
        );
        self.call(
            "/execute/async",
            serde_json::json!({ "script": script, "args": [] }),
        )
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    pub(crate) fn cdp(&self, command: &str, params: serde_json::Value) -> serde_json::Value {
        self.call(
            "/goog/cdp/execute",
            serde_json::json!({ "cmd": command, "params": params }),
        )
    }

    /// The page's visible text.
    pub(crate) fn text(&self) -> String {
        self.try_text().unwrap_or_default()
    }

    /// The page's visible text, or `None` while the browser is between two pages (after a
    /// click the old body may be gone before the new one is there).
    pub(crate) fn try_text(&self) -> Option<String> {
        let mut r = agent()
            .post(&format!("{}/element", self.session))
            .header("content-type", "application/json")
            .send(serde_json::json!({ "using": "css selector", "value": "body" }).to_string())
            .ok()?;
        if r.status() != 200 {
            return None;
        }
        let found = json_of(&mut r);
        let body = found["value"]
            .as_object()?
            .values()
            .next()?
            .as_str()?
            .to_string();
        let mut r = agent()
            .get(&format!("{}/element/{body}/text", self.session))
            .call()
            .ok()?;
        if r.status() != 200 {
            return None;
        }
        let value = json_of(&mut r);
        Some(value["value"].as_str().unwrap_or_default().to_string())
    }
}

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn a_reader_signs_up_in_a_real_browser() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);
    let browser = Browser::start();
    browser.open(&server.url("/subscribe"));
    browser.type_into("#email", "fay@example.org");
    browser.type_into("#name", "Fay");
    browser.click("input[name=cadence][value=weekly]");
    browser.click("button[type=submit]");
    assert!(
        browser
            .text_with("Check your inbox")
            .contains("Check your inbox"),
        "{}",
        browser.text()
    );

    let mail = text_of(&wait_for(&smtp, 1)[0]);
    let link = link_in(&mail, "https://example.org/prayer/confirm?token=");
    // The public address is the proxy's; the browser talks to the server directly.
    browser.open(&link.replace("https://example.org/prayer", &server.base));
    assert!(
        browser
            .text_with("Confirm your subscription")
            .contains("Confirm your subscription")
    );
    browser.click("button[type=submit]");
    assert!(
        browser
            .text_with("You are subscribed")
            .contains("You are subscribed"),
        "{}",
        browser.text()
    );
    let list = p.run(&["subscribers", "list"]).ok();
    assert!(
        list.contains("fay@example.org") && list.contains("weekly"),
        "{list}"
    );
    // The zone came from the browser (headless Chromium reports the machine's, often UTC).
    assert_eq!(p.run(&["subscribers", "pending"]).ok(), "");
}

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn a_reader_chooses_a_language_in_a_real_browser() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let server = Server::start(&p);
    let browser = Browser::start();

    // The Arabic form is laid out right to left.
    browser.open(&server.url("/subscribe?lang=ar"));
    assert_eq!(
        browser.eval("getComputedStyle(document.body).direction"),
        "rtl"
    );
    let email = browser.eval("document.getElementById('email').getBoundingClientRect().right");
    let width = browser.eval("document.documentElement.clientWidth");
    assert!(
        email.as_f64().unwrap() > width.as_f64().unwrap() / 2.0,
        "the field starts at the right: {email} of {width}"
    );

    // An English page; the reader picks Español for the guide.
    browser.open(&server.url("/subscribe?lang=en"));
    assert_eq!(
        browser.eval("getComputedStyle(document.body).direction"),
        "ltr"
    );
    browser.type_into("#email", "jon@example.org");
    browser.click("#language option[value=es]");
    browser.click("button[type=submit]");
    assert!(
        browser
            .text_with("Revise su bandeja de entrada")
            .contains("Revise su bandeja de entrada"),
        "{}",
        browser.text()
    );
    let mail = text_of(&wait_for(&smtp, 1)[0]);
    assert!(
        mail.contains("Confirme, por favor, que desea recibir"),
        "{mail}"
    );
    let link = link_in(&mail, "https://example.org/prayer/confirm?token=");
    browser.open(&link.replace("https://example.org/prayer", &server.base));
    browser.click("button[type=submit]");
    assert!(
        browser
            .text_with("recibirá la guía diaria")
            .contains("jon@example.org recibirá la guía diaria."),
        "{}",
        browser.text()
    );
    assert_eq!(language_of(&p, "jon@example.org"), "es");
}

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn the_proof_of_work_is_solved_and_sent_by_a_real_browser() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "proof_of_work = 16");
    let server = Server::start(&p);
    let browser = Browser::start();
    let start = Instant::now();
    browser.open(&server.url("/subscribe"));
    // The page's script has Web Crypto (a secure context: localhost) and hides its notice.
    assert_eq!(
        browser.eval("document.getElementById('pow-note').hidden"),
        serde_json::json!(true)
    );
    browser.type_into("#email", "gus@example.org");
    browser.click("button[type=submit]");
    let text = browser.text_with("Check your inbox");
    assert!(text.contains("Check your inbox"), "{text}");
    eprintln!(
        "16 bits: page opened, solved and sent in {:?}",
        start.elapsed()
    );
    assert!(
        p.run(&["subscribers", "pending"])
            .ok()
            .contains("gus@example.org")
    );
    // What 16 bits cost this browser, the page's way (batches of Web Crypto digests), averaged
    // over 20 challenges.
    let measured = browser.call(
        "/execute/async",
        serde_json::json!({ "args": [], "script": r#"
            var done = arguments[0], encoder = new TextEncoder(), runs = 20, total = 0;
            function zeros(buffer) { var b = new Uint8Array(buffer), n = 0;
              for (var i = 0; i < b.length; i++) { n += Math.clz32(b[i]) - 24; if (b[i]) break; } return n; }
            function batch(c, start) { var tries = [];
              for (var i = start; i < start + 512; i++) tries.push(crypto.subtle.digest("SHA-256", encoder.encode(c + ":" + i)));
              return Promise.all(tries).then(function (h) {
                for (var j = 0; j < h.length; j++) if (zeros(h[j]) >= 16) return start + j + 1;
                return batch(c, start + 512); }); }
            var hashes = 0, t0 = performance.now();
            (function next(k) {
              if (k == runs) { done({ ms: (performance.now() - t0) / runs, hashes: hashes / runs }); return; }
              batch("challenge" + Math.random(), 0).then(function (n) { hashes += n; next(k + 1); });
            })(0);
        "# }),
    );
    eprintln!("16 bits in Chromium, mean of 20: {measured}");
}
