//! `[serve] proof_of_work`: the sign-up form asks the reader's browser for a proof of work;
//! the server takes a sign-up only with a fresh, signed, solved challenge, once.

use crate::serve::{Reply, Server, get, hidden_field, post, project};
use crate::smtp::Smtp;

const BITS: u32 = 12;

/// Whether SHA-256(`challenge` ":" `counter`) starts with `bits` zero bits.
fn holds(challenge: &str, counter: &str, bits: u32) -> bool {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("{challenge}:{counter}").as_bytes(),
    );
    let mut zeros = 0;
    for byte in digest.as_ref() {
        zeros += byte.leading_zeros();
        if *byte != 0 {
            break;
        }
    }
    zeros >= bits
}

/// A counter that solves `challenge`, found as the page's script finds it.
fn solve(challenge: &str, bits: u32) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| holds(challenge, n, bits))
        .unwrap()
}

/// The challenge fields of a fresh form: challenge, expires, signature.
fn challenge(server: &Server) -> (String, String, String) {
    let form = get(&server.url("/subscribe")).body;
    (
        hidden_field(&form, "pow_challenge"),
        hidden_field(&form, "pow_expires"),
        hidden_field(&form, "pow_signature"),
    )
}

fn sign_up_with(server: &Server, email: &str, proof: [&str; 4]) -> Reply {
    post(
        &server.url("/subscribe"),
        &[
            ("email", email),
            ("cadence", "daily"),
            ("format", "text"),
            ("timezone", "Europe/London"),
            ("hour", "6"),
            ("pow_challenge", proof[0]),
            ("pow_expires", proof[1]),
            ("pow_signature", proof[2]),
            ("pow_counter", proof[3]),
        ],
    )
}

const REFUSED: &str = "check against automated sign-ups was missing, expired or already used";

fn assert_refused(reply: &Reply, what: &str) {
    assert_eq!(reply.status, 400, "{what}: {}", reply.body);
    assert!(reply.body.contains(REFUSED), "{what}: {}", reply.body);
    // The form again, with a fresh challenge to solve.
    assert!(reply.body.contains("name=\"pow_challenge\""), "{what}");
}

fn pending(p: &crate::Project) -> String {
    p.run(&["subscribers", "pending"]).ok()
}

#[test]
fn the_form_carries_a_challenge_and_says_it_needs_javascript() {
    let smtp = Smtp::start();
    let p = project(smtp.port, &format!("proof_of_work = {BITS}"));
    let server = Server::start(&p);
    let form = get(&server.url("/subscribe")).body;
    assert!(form.contains(&format!("data-pow=\"{BITS}\"")), "{form}");
    assert!(
        form.contains("has turned on a check against automated sign-ups that needs JavaScript"),
        "{form}"
    );
    assert!(form.contains("crypto.subtle.digest"), "{form}");
    // Off by default: no challenge, no script.
    let smtp_off = Smtp::start();
    let off = project(smtp_off.port, "");
    let server_off = Server::start(&off);
    let plain = get(&server_off.url("/subscribe")).body;
    assert!(!plain.contains("pow_challenge"), "{plain}");
    assert!(!plain.contains("crypto.subtle"), "{plain}");
}

#[test]
fn a_sign_up_needs_a_solved_signed_fresh_challenge_once() {
    let smtp = Smtp::start();
    let p = project(smtp.port, &format!("proof_of_work = {BITS}"));
    let server = Server::start(&p);

    // Without a proof: refused, nothing pending, nothing mailed.
    let bare = crate::serve::sign_up(&server, "bare@example.org");
    assert_refused(&bare, "no proof");
    assert_eq!(pending(&p), "");

    // A wrong counter.
    let (c, e, s) = challenge(&server);
    let wrong = (0u64..)
        .map(|n| n.to_string())
        .find(|n| !holds(&c, n, BITS))
        .unwrap();
    let unsolved = sign_up_with(&server, "wrong@example.org", [&c, &e, &s, &wrong]);
    assert_refused(&unsolved, "unsolved");

    // Solved: accepted.
    let (c, e, s) = challenge(&server);
    let counter = solve(&c, BITS);
    let ok = sign_up_with(&server, "solved@example.org", [&c, &e, &s, &counter]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("Check your inbox"), "{}", ok.body);
    assert!(pending(&p).contains("solved@example.org"));

    // The same proof again: refused.
    let again = sign_up_with(&server, "replay@example.org", [&c, &e, &s, &counter]);
    assert_refused(&again, "replayed");
    assert!(!pending(&p).contains("replay@example.org"));

    // A forged challenge: solved, but not signed by this server.
    let forged = "0123456789abcdef";
    let forged_counter = solve(forged, BITS);
    let reply = sign_up_with(
        &server,
        "forged@example.org",
        [forged, &e, &s, &forged_counter],
    );
    assert_refused(&reply, "forged");
    // A challenge whose expiry was moved.
    let (c, e, s) = challenge(&server);
    let later = (e.parse::<i64>().unwrap() + 3600).to_string();
    let reply = sign_up_with(
        &server,
        "later@example.org",
        [&c, &later, &s, &solve(&c, BITS)],
    );
    assert_refused(&reply, "expiry moved");

    // An expired challenge, signed with the server's own key.
    let secret: String = rusqlite::Connection::open(p.path("state/prayer-guide.sqlite"))
        .unwrap()
        .query_row(
            "SELECT value FROM meta WHERE key = 'web-form-secret'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let old = "fedcba9876543210";
    let past = (chrono::Utc::now().timestamp() - 60).to_string();
    let signature: String =
        ring::hmac::sign(&key, format!("proof-of-work:{old}:{past}").as_bytes())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
    let reply = sign_up_with(
        &server,
        "late@example.org",
        [old, &past, &signature, &solve(old, BITS)],
    );
    assert_refused(&reply, "expired");
    // The same, not expired, is taken: the refusal was the expiry's.
    let future = (chrono::Utc::now().timestamp() + 600).to_string();
    let signature: String =
        ring::hmac::sign(&key, format!("proof-of-work:{old}:{future}").as_bytes())
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
    let reply = sign_up_with(
        &server,
        "late@example.org",
        [old, &future, &signature, &solve(old, BITS)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);

    let waiting = pending(&p);
    for refused in ["bare@", "wrong@", "replay@", "forged@", "later@"] {
        assert!(!waiting.contains(refused), "{refused} in {waiting}");
    }
}
