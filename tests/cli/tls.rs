//! TLS as users configure it: the real binary against the test SMTP server speaking STARTTLS
//! (port 587 style) and implicit TLS (465 style) under a certificate authority made by the test,
//! trusted through `[email.smtp] ca_file`; AUTH PLAIN and LOGIN with the password from the
//! environment or a file, never printed; a certificate nobody vouches for stops the run with
//! the host and the reason, before anything is marked.

use mail_parser::MessageParser;

use crate::email::add;
use crate::smtp::{Options, Received, Security, Smtp};
use crate::{Project, Run};

const PASSWORD: &str = "correct horse battery staple";

/// The small fixture sending to `smtp` with `smtp_settings` under [email.smtp].
fn project(smtp: &Smtp, smtp_settings: &str) -> Project {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml");
    p.write("relay-ca.pem", smtp.ca_pem());
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\n\
             unsubscribe_url = \"https://example.org/unsubscribe?token={{token}}\"\n\
             bounce_address = \"bounces@example.org\"\nretry_delay_ms = 20\nattempts = 2\n\
             [email.smtp]\nhost = \"localhost\"\nport = {}\ntimeout_secs = 10\n{smtp_settings}\n",
            smtp.port
        ),
    );
    add(&p, "anna@example.org", &[]);
    p
}

/// `send` for the test date, with these environment variables.
fn send(p: &Project, env: &[(&str, &str)]) -> Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"));
    command
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .env("NO_COLOR", "1")
        .env_remove("PG_TEST_SMTP_PASSWORD");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD),
        "the password was printed:\n{}{}",
        run.stdout,
        run.stderr
    );
    run
}

fn only_message(smtp: &Smtp) -> Received {
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    received.into_iter().next().unwrap()
}

fn auth_server(security: Security, mechanisms: Vec<mailin::AuthMechanism>) -> Smtp {
    Smtp::with(Options {
        security,
        auth: Some(("prayer@example.org".into(), PASSWORD.into())),
        auth_mechanisms: mechanisms,
        ..Options::default()
    })
}

#[test]
fn starttls_on_587_with_a_private_ca_and_auth_plain_from_the_environment() {
    let smtp = auth_server(Security::StartTls, vec![mailin::AuthMechanism::Plain]);
    let p = project(
        &smtp,
        "security = \"starttls\"\nca_file = \"relay-ca.pem\"\nusername = \"prayer@example.org\"\n\
         password_env = \"PG_TEST_SMTP_PASSWORD\"",
    );
    let run = send(&p, &[("PG_TEST_SMTP_PASSWORD", PASSWORD)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("daily-2026-11-23: 1 sent"),
        "{}",
        run.stdout
    );
    let m = only_message(&smtp);
    assert!(m.tls, "the message went in clear");
    assert_eq!(
        m.auth,
        Some(("PLAIN".to_string(), "prayer@example.org".to_string()))
    );
    // The envelope sender is the subscriber's own bounce address (VERP).
    assert!(
        m.from.starts_with("bounces+1-") && m.from.ends_with("@example.org"),
        "{}",
        m.from
    );
    assert_eq!(m.to, ["anna@example.org"]);
    let parsed = MessageParser::default().parse(&m.data).unwrap();
    assert_eq!(parsed.subject(), Some("Alphaland: Monday 23 November 2026"));
}

#[test]
fn implicit_tls_on_465_with_auth_login_and_the_password_from_a_file() {
    let smtp = auth_server(Security::Implicit, vec![mailin::AuthMechanism::Login]);
    let p = project(
        &smtp,
        "security = \"tls\"\nca_file = \"relay-ca.pem\"\nusername = \"prayer@example.org\"\n\
         password_file = \"secrets/smtp-password\"",
    );
    p.write("secrets/smtp-password", &format!("{PASSWORD}\n"));
    let run = send(&p, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = only_message(&smtp);
    assert!(m.tls);
    assert_eq!(
        m.auth,
        Some(("LOGIN".to_string(), "prayer@example.org".to_string()))
    );
}

#[test]
fn a_certificate_from_an_unknown_authority_stops_the_run_before_anything_is_marked() {
    for (security, setting) in [
        (Security::StartTls, "starttls"),
        (Security::Implicit, "tls"),
    ] {
        let smtp = Smtp::with(Options {
            security,
            ..Options::default()
        });
        // No ca_file: the test CA is trusted by nobody.
        let p = project(&smtp, &format!("security = \"{setting}\""));
        let run = send(&p, &[]);
        assert_eq!(run.code, 1, "{setting}: {}", run.stdout);
        assert_eq!(run.stdout, "");
        let err = run.stderr;
        assert!(
            err.starts_with(&format!(
                "error: cannot reach the SMTP server localhost:{}: ",
                smtp.port
            )),
            "{err}"
        );
        assert!(err.contains("UnknownIssuer"), "{err}");
        assert!(
            err.contains(
                "nothing was sent. The server's certificate is not signed by an authority this \
                 machine trusts: if localhost uses a private certificate authority, set \
                 [email.smtp] ca_file to its CA certificate (PEM)"
            ),
            "{err}"
        );
        assert!(smtp.received().is_empty());
        // Nothing was marked: trusting the authority, the same run sends the message.
        p.replace(
            "schedule.toml",
            &format!("security = \"{setting}\""),
            &format!("security = \"{setting}\"\nca_file = \"relay-ca.pem\""),
        );
        let again = send(&p, &[]);
        assert!(
            again
                .stdout
                .starts_with("daily-2026-11-23: 1 sent, 0 already sent"),
            "{}",
            again.stdout
        );
        assert_eq!(smtp.received().len(), 1);
    }
}

#[test]
fn a_wrong_password_or_a_wrong_port_is_a_clear_error_and_nothing_is_sent() {
    let smtp = auth_server(Security::StartTls, Vec::new());
    let p = project(
        &smtp,
        "security = \"starttls\"\nca_file = \"relay-ca.pem\"\nusername = \"prayer@example.org\"\n\
         password_env = \"PG_TEST_SMTP_PASSWORD\"",
    );
    let run = send(&p, &[("PG_TEST_SMTP_PASSWORD", "not the password")]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "nothing was sent. The server refused the login: check [email.smtp] username = \
             \"prayer@example.org\" and the password in the environment variable PG_TEST_SMTP_PASSWORD"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not the password"));
    let unset = send(&p, &[]);
    assert_eq!(
        unset.stderr,
        "error: the environment variable PG_TEST_SMTP_PASSWORD (email.smtp.password_env) is not set\n"
    );
    assert!(smtp.received().is_empty());

    // security = "tls" against a port that expects STARTTLS first.
    p.replace(
        "schedule.toml",
        "security = \"starttls\"",
        "security = \"tls\"",
    );
    let run = send(&p, &[("PG_TEST_SMTP_PASSWORD", PASSWORD)]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "The server did not answer in TLS: use security = \"starttls\" for port 587 and \"tls\" for port 465"
        ),
        "{}",
        run.stderr
    );
    assert!(smtp.received().is_empty());
}

#[test]
fn starttls_is_required_never_skipped() {
    // A server that does not offer STARTTLS (or a man in the middle that strips it).
    let smtp = Smtp::start();
    let p = project(&smtp, "security = \"starttls\"\nca_file = \"relay-ca.pem\"");
    let run = send(&p, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("STARTTLS"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    assert!(smtp.received().is_empty());
}
