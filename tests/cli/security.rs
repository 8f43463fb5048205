//! `serve` on the open internet, probed as an attacker would: the real binary over HTTP.
//! Nothing private is served, every answer carries its security headers, a forged
//! `X-Forwarded-For` is ignored, and one address cannot hold every connection.

use std::io::Read as _;
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use crate::Project;
use crate::serve::{Server, get, post, project, sign_up};
use crate::smtp::Smtp;

/// The small fixture with `[email]` and `[serve]` (plus `serve_extra`), built for one day.
fn built(smtp: &Smtp, serve_extra: &str) -> Project {
    let p = project(smtp.port, serve_extra);
    p.run(&["build", "--date", "2026-11-23"]).ok();
    p
}

#[test]
fn dotfiles_and_dot_folders_are_not_found() {
    let smtp = Smtp::start();
    let p = built(&smtp, "");
    p.write("public/.git/config", "[remote \"origin\"]\n");
    p.write("public/.env", "SMTP_PASSWORD=secret\n");
    p.write("public/days/.notes.txt", "draft\n");
    symlink(".env", p.path("public/env.txt")).unwrap();
    assert!(p.path("public/.prayer-guide-manifest.json").is_file());
    let server = Server::start(&p);
    for path in [
        "/.git/config",
        "/.git/",
        "/.git",
        "/.env",
        "/.prayer-guide-manifest.json",
        "/.prayer-guide-build.lock",
        "/days/.notes.txt",
        "/%2egit/config",
        "/%2Eenv",
        "/days/%2e%2e/.env",
        "/days/..%2f.env",
        "/env.txt",
    ] {
        let reply = get(&server.url(path));
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
        assert!(!reply.body.contains("secret") && !reply.body.contains("origin"));
    }
    assert_eq!(get(&server.url("/days/2026-11-23.html")).status, 200);
}

#[test]
fn links_that_leave_the_output_folder_are_not_served() {
    let smtp = Smtp::start();
    let p = built(&smtp, "");
    let server = Server::start(&p);
    // `serve` has opened the database by the time it listens.
    let database = p.path("state/prayer-guide.sqlite");
    assert!(database.is_file());
    symlink(&database, p.path("public/subscribers.sqlite")).unwrap();
    symlink(p.path("state"), p.path("public/state")).unwrap();
    symlink("/etc/passwd", p.path("public/passwd")).unwrap();
    symlink("../schedule.toml", p.path("public/schedule.toml")).unwrap();
    // Inside to inside is fine: a stable name for a page of the site.
    symlink("days/2026-11-23.html", p.path("public/latest.html")).unwrap();
    // Nothing but regular files: a named pipe would hang a reader.
    let fifo = std::process::Command::new("mkfifo")
        .arg(p.path("public/pipe.html"))
        .status()
        .unwrap();
    assert!(fifo.success());
    for path in [
        "/subscribers.sqlite",
        "/state/prayer-guide.sqlite",
        "/state/",
        "/passwd",
        "/schedule.toml",
        "/pipe.html",
    ] {
        let reply = get(&server.url(path));
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
        assert!(!reply.body.contains("root:") && !reply.body.contains("SQLite"));
    }
    let latest = get(&server.url("/latest.html"));
    assert_eq!(latest.status, 200);
    assert_eq!(latest.body, p.read("public/days/2026-11-23.html"));
}

#[test]
fn an_output_folder_holding_the_project_is_refused_by_check_build_and_serve() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    p.replace("schedule.toml", "[output]\n", "[output]\ndir = \".\"\n");
    let error = "error: schedule.toml:14:1: `output.dir`: the output folder `.` holds the project \
                 folder, `schedule.toml`, the state folder `state`, the database \
                 `state/prayer-guide.sqlite` and `private_dir` `private`; everything in an \
                 output folder is given out (`serve` answers for any file in it)\n  help: \
                 publish into a folder of its own that holds nothing else, e.g. dir = \"public\"\n";
    assert_eq!(
        p.run(&["check"]).fails(),
        format!("{error}1 error, 0 warnings\n")
    );
    let found = format!("{error}1 error found\n");
    assert_eq!(p.run(&["build", "--date", "2026-11-23"]).fails(), found);
    assert_eq!(p.run(&["serve", "--listen", "127.0.0.1:0"]).fails(), found);
    assert!(!p.path("days").exists(), "nothing written");

    // Through a link, and a folder that only holds the database, are seen for what they are.
    symlink(".", p.path("site")).unwrap();
    p.replace("schedule.toml", "dir = \".\"", "dir = \"site\"");
    assert!(
        p.run(&["check"])
            .fails()
            .contains("the output folder `site` holds the project folder")
    );
    p.replace("schedule.toml", "dir = \"site\"", "dir = \"state\"");
    let stderr = p.run(&["check"]).fails();
    assert!(
        stderr
            .contains("the output folder `state` holds the state folder `state` and the database"),
        "{stderr}"
    );

    // A folder of its own passes; `--out` is held to the same rule.
    p.replace("schedule.toml", "dir = \"state\"", "dir = \"public\"");
    p.run(&["check"]).ok();
    let stderr = p
        .run(&["build", "--date", "2026-11-23", "--out", "."])
        .fails();
    assert!(
        stderr.starts_with("error: --out: the output folder `.` holds the project folder"),
        "{stderr}"
    );
    // A private build belongs in `private_dir`, and nowhere that holds the project.
    let private = ["build", "--date", "2026-11-23", "--private"];
    let stderr = p.run(&[&private[..], &["--out", "."]].concat()).fails();
    assert!(stderr.starts_with("error: --out: the output folder `.` holds the project folder"));
    p.run(&[&private[..], &["--out", "private"]].concat()).ok();
}

#[test]
fn every_answer_carries_the_security_headers_and_only_the_form_may_be_framed() {
    let smtp = Smtp::start();
    let p = built(&smtp, "");
    let server = Server::start(&p);
    for path in [
        "/days/2026-11-23.html",
        "/healthz",
        "/no-such-file",
        "/.env",
        "/unsubscribe?token=nothing",
        "/preferences?token=nothing",
        "/confirm?token=nothing",
    ] {
        let reply = get(&server.url(path));
        let h = &reply.headers;
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(
            h["content-security-policy"], "frame-ancestors 'none'",
            "{path}"
        );
    }
    // By default any church's page may show the form, and the answer to posting it.
    let form = get(&server.url("/subscribe?embed=1"));
    assert_eq!(form.headers["content-security-policy"], "frame-ancestors *");
    assert_eq!(form.headers["x-content-type-options"], "nosniff");
    assert_eq!(form.headers["referrer-policy"], "no-referrer");
    let answer = sign_up(&server, "anna@example.org");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.headers["content-security-policy"],
        "frame-ancestors *"
    );
    drop(server);

    p.replace(
        "schedule.toml",
        "[serve]\n",
        "[serve]\nembed_origins = [\"https://church.example\", \"https://*.church.example\"]\n",
    );
    let server = Server::start(&p);
    let framed = "frame-ancestors https://church.example https://*.church.example";
    let form = get(&server.url("/subscribe?embed=1"));
    assert_eq!(form.headers["content-security-policy"], framed);
    let bad = post(&server.url("/subscribe"), &[("email", "not an address")]);
    assert_eq!(bad.status, 400);
    assert_eq!(bad.headers["content-security-policy"], framed);
    let day = get(&server.url("/days/2026-11-23.html"));
    assert_eq!(
        day.headers["content-security-policy"],
        "frame-ancestors 'none'"
    );
    drop(server);

    p.replace(
        "schedule.toml",
        "embed_origins = [\"https://church.example\", \"https://*.church.example\"]",
        "embed_origins = []",
    );
    let server = Server::start(&p);
    let form = get(&server.url("/subscribe"));
    assert_eq!(
        form.headers["content-security-policy"],
        "frame-ancestors 'none'"
    );
}

#[test]
fn bad_serve_settings_are_named_with_their_fix() {
    let smtp = Smtp::start();
    let p = project(
        smtp.port,
        "embed_origins = [\"church.example\"]\ntrusted_proxies = [\"localhost\", \"10.0.0.0/33\"]\n\
         connections_per_address = 0\nproof_of_work = 40\n",
    );
    let stderr = p.run(&["check"]).fails();
    for line in [
        "`serve.embed_origins`: `church.example` does not begin with https:// or http://",
        "`serve.trusted_proxies`: `localhost` is not an address or a CIDR range",
        "`serve.trusted_proxies`: `10.0.0.0/33`: the range's length must be 0 to 32",
        "`serve.connections_per_address`: 0 connections\n  help: use 1 to 512 (32 is usual)",
        "`serve.proof_of_work`: 40 bits\n  help: use 0 (off) or 8 to 24 bits",
    ] {
        assert!(stderr.contains(line), "{line}\nin:\n{stderr}");
    }
    assert!(stderr.ends_with("5 errors, 0 warnings\n"), "{stderr}");
}

/// A sign-up posted with an `X-Forwarded-For` header.
fn sign_up_from(server: &Server, email: &str, forwarded: &str) -> u16 {
    let reply = crate::serve::agent()
        .post(server.url("/subscribe"))
        .header("x-forwarded-for", forwarded)
        .send_form([
            ("email", email),
            ("cadence", "daily"),
            ("format", "text"),
            ("timezone", "Europe/London"),
            ("hour", "6"),
        ])
        .unwrap();
    reply.status().as_u16()
}

#[test]
fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
    let smtp = Smtp::start();
    // One sign-up an hour for each reader, so the limit shows whom the server counts.
    let p = project(smtp.port, "signups_per_hour = 1");
    let server = Server::start(&p);
    // Nobody is trusted by default: a forged header does not make a second reader of one peer.
    assert_eq!(sign_up_from(&server, "a@example.org", "203.0.113.1"), 200);
    assert_eq!(sign_up_from(&server, "b@example.org", "203.0.113.2"), 429);
    drop(server);

    p.replace(
        "schedule.toml",
        "signups_per_hour = 1",
        "signups_per_hour = 1\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]",
    );
    let server = Server::start(&p);
    assert_eq!(sign_up_from(&server, "c@example.org", "203.0.113.1"), 200);
    assert_eq!(
        sign_up_from(&server, "d@example.org", "203.0.113.2"),
        200,
        "another reader"
    );
    assert_eq!(
        sign_up_from(&server, "e@example.org", "203.0.113.1"),
        429,
        "the first again"
    );
    // The client wrote the left-most hop; a proxy (trusted, 10.x) added the right-most ones.
    assert_eq!(
        sign_up_from(
            &server,
            "f@example.org",
            "198.51.100.9, 203.0.113.1, 10.0.0.5"
        ),
        429,
        "the right-most untrusted hop is the reader"
    );
    assert_eq!(
        sign_up_from(&server, "g@example.org", "203.0.113.1, 198.51.100.9"),
        200,
        "a reader cannot borrow another's address by writing it on the left"
    );
}

/// `n` TCP connections to `address` from `source` (another loopback address), sending nothing.
fn connect_from(source: &str, address: std::net::SocketAddr, n: usize) -> Vec<TcpStream> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut streams = Vec::new();
        for _ in 0..n {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
            let stream = socket.connect(address).await.unwrap().into_std().unwrap();
            streams.push(stream);
        }
        streams
    })
}

/// Whether the server has closed `stream` (it reads end of file or a reset) rather than
/// keeping it open and waiting.
fn closed_by_server(mut stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => false,
        Err(_) => true,
    }
}

#[test]
fn one_address_cannot_hold_every_connection() {
    let smtp = Smtp::start();
    let p = built(&smtp, "");
    let server = Server::start(&p);
    let address: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    // The probe: 520 silent connections, more than the server's 512 slots, here from
    // 127.0.0.2, so that the ordinary requests below come from another address (127.0.0.1).
    let started = Instant::now();
    let silent = connect_from("127.0.0.2", address, 520);
    let opened = started.elapsed();

    // Every page stays prompt for everyone else (it waited ~10 s, the header timeout, before).
    let asked = Instant::now();
    let day = get(&server.url("/days/2026-11-23.html"));
    let health = get(&server.url("/healthz"));
    let answered = asked.elapsed();
    assert_eq!((day.status, health.status), (200, 200));
    assert!(
        answered < Duration::from_secs(2),
        "two pages took {answered:?}"
    );

    // The server closed all but 32 (`connections_per_address`) at once; those 32 are still open,
    // waiting for their headers until the 10 s header timeout.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut closed = 0;
    while Instant::now() < deadline {
        closed = silent.iter().filter(|s| closed_by_server(s)).count();
        if closed >= 520 - 32 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let closed_after = started.elapsed();
    assert_eq!(closed, 520 - 32, "closed at once");
    assert!(closed_after < Duration::from_secs(5));
    eprintln!(
        "520 silent connections opened in {opened:?}; 488 closed within {closed_after:?}; \
         two pages from another address answered in {answered:?}"
    );

    // Once they are gone, the address is let in again.
    drop(silent);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let again = connect_from("127.0.0.2", address, 1).remove(0);
        std::thread::sleep(Duration::from_millis(100));
        if !closed_by_server(&again) {
            break;
        }
        assert!(Instant::now() < deadline, "127.0.0.2 never let in again");
    }
}
