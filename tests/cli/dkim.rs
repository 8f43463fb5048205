//! DKIM: messages signed by `send`, received by the real SMTP server, and verified by an
//! independent verifier (Stalwart's mail-auth) with the DNS record supplied by the test.

use std::collections::HashMap;
use std::sync::Mutex;

use mail_auth::common::parse::TxtRecordParser as _;
use mail_auth::common::verify::DomainKey;
use mail_auth::hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use mail_auth::{AuthenticatedMessage, DkimResult, MessageAuthenticator, Parameters, Txt};

use crate::email::{add, project_with_email};
use crate::smtp::Smtp;
use crate::{Project, fixtures};

/// The DNS the verifier sees: TXT records the test publishes.
struct Records(Mutex<HashMap<Box<str>, Txt>>);

impl mail_auth::ResolverCache<Box<str>, Txt> for Records {
    fn get<Q>(&self, name: &Q) -> Option<Txt>
    where
        Box<str>: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.0.lock().unwrap().get(name).cloned()
    }

    fn remove<Q>(&self, name: &Q) -> Option<Txt>
    where
        Box<str>: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.0.lock().unwrap().remove(name)
    }

    fn insert(&self, key: Box<str>, value: Txt, _: std::time::Instant) {
        self.0.lock().unwrap().insert(key, value);
    }
}

/// Verifies every DKIM signature of `raw` with `record` published at `name`.
pub(crate) fn verify(raw: &[u8], name: &str, record: &str) -> Vec<DkimResult> {
    let records = Records(Mutex::new(HashMap::from([(
        format!("{name}.").into_boxed_str(),
        Txt::from(DomainKey::parse(record.as_bytes()).unwrap()),
    )])));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // The records above answer every lookup; the resolver points at this machine only,
        // so nothing could leave it even if one were missed.
        let resolver = MessageAuthenticator::new(
            ResolverConfig::from_name_servers(vec![NameServerConfig::udp_and_tcp(
                std::net::Ipv4Addr::LOCALHOST.into(),
            )]),
            ResolverOpts::default(),
        )
        .unwrap();
        let message = AuthenticatedMessage::parse(raw).unwrap();
        resolver
            .verify_dkim(Parameters::new(&message).with_txt_cache(&records))
            .await
            .iter()
            .map(|o| o.result().clone())
            .collect()
    })
}

/// The DNS record publishing the public half of the PKCS#8 RSA key `key`.
pub(crate) fn rsa_record(key: &str) -> String {
    use rsa::pkcs8::{DecodePrivateKey as _, EncodePublicKey as _};
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(key).unwrap();
    let public = rsa::RsaPublicKey::from(&private)
        .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
        .unwrap();
    format!("v=DKIM1; k=rsa; p={}", pem_body(&public))
}

/// The base64 inside a PEM file.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// Sends the daily edition to Anna (HTML and text) and Bo (text only), signed with `key` as
/// selector `s2026` of example.org, and returns what the server received for each.
fn send_signed(key: &str) -> (Project, Vec<u8>, Vec<u8>) {
    let smtp = Smtp::start();
    let p = project_with_email(
        smtp.port,
        "[email.dkim]\nselector = \"s2026\"\ndomain = \"example.org\"\nkey_file = \"keys/dkim.pem\"\n",
    );
    p.write("keys/dkim.pem", key);
    add(&p, "anna@example.org", &["--name", "Anna Berg"]);
    add(&p, "bo@example.org", &["--format", "text"]);
    p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    let mut received = smtp.messages();
    received.sort_by_key(|raw| !String::from_utf8_lossy(raw).contains("To: \"Anna Berg\""));
    // Bo's plain-text message (a single part) verifies too.
    let text_only = received.pop().unwrap();
    (p, received.remove(0), text_only)
}

fn signature(raw: &[u8]) -> String {
    let m = mail_parser::MessageParser::default().parse(raw).unwrap();
    m.header_raw("DKIM-Signature").unwrap().to_string()
}

#[test]
fn an_rsa_signature_verifies_and_covers_the_one_click_unsubscribe_headers() {
    let key = std::fs::read_to_string(fixtures().join("dkim/test-rsa-2048.pem")).unwrap();
    let (_p, raw, text_only) = send_signed(&key);
    let record = rsa_record(&key);
    assert_eq!(
        verify(&raw, "s2026._domainkey.example.org", &record),
        [DkimResult::Pass]
    );
    assert_eq!(
        verify(&text_only, "s2026._domainkey.example.org", &record),
        [DkimResult::Pass]
    );
    let sig = signature(&raw).replace(['\r', '\n', ' ', '\t'], "");
    assert!(sig.contains("a=rsa-sha256;"), "{sig}");
    assert!(
        sig.contains("d=example.org;") && sig.contains("s=s2026;"),
        "{sig}"
    );
    let signed: Vec<&str> = sig
        .split("h=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split(':')
        .collect();
    for header in [
        "list-unsubscribe",
        "list-unsubscribe-post",
        "from",
        "list-id",
    ] {
        assert!(signed.contains(&header), "{header} unsigned: {signed:?}");
    }
    // A changed List-Unsubscribe (someone pointing the one-click link elsewhere) fails.
    let text = String::from_utf8(raw.clone()).unwrap();
    let tampered = text.replacen(
        "<https://example.org/unsubscribe?token=",
        "<https://evil.example.net/unsubscribe?token=",
        1,
    );
    assert_ne!(tampered, text);
    assert!(matches!(
        verify(tampered.as_bytes(), "s2026._domainkey.example.org", &record)[..],
        [DkimResult::Fail(_)]
    ));
    // And a record with another key does not verify it.
    let other = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvzwKQIIWzQXv0nihasFTT3+JO23hXCgEs2bcdiXaTHHXgPH6MN04NHBcc5vkdqV1BbY1Q2XJWkOHSvgnvJWSBO3KbiRp4q8o4GRtLDTIHrIr76U+HdQaJW6BUGGQtpaaSkDwrhTxNtxnNjgWAFQJWZeYDiD/AQoqpjS/9PORgoZBwjrXsCb/1AKYOsN9POl7VxzVJxmKbdjYkuR3Kh6f8ufSGwK8L/wDk8GIybOkCGa/3yN7s+3ZAmLbxqBpfiAlaWnB00pe7FBgKHGAy38wmbY9f7njvsn87MXA85HklTDdBh5WQw/zoJm3A+pFQLVSRl4uw7SxWffefK2jZtt8QIDAQAB";
    assert!(matches!(
        verify(&raw, "s2026._domainkey.example.org", other)[..],
        [DkimResult::Fail(_)]
    ));
}

#[test]
fn an_ed25519_key_as_openssl_writes_it_signs_too() {
    use ed25519_dalek::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let pem = key
        .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .unwrap();
    let (_p, raw, _) = send_signed(&pem);
    // RFC 8463: p= is the raw 32-byte key. Its SubjectPublicKeyInfo is a 12-byte prefix and
    // the key, and 12 bytes are 16 base64 characters, so the key's base64 is what follows them.
    let spki = key
        .verifying_key()
        .to_public_key_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .unwrap();
    let record = format!("v=DKIM1; k=ed25519; p={}", &pem_body(&spki)[16..]);
    assert_eq!(
        verify(&raw, "s2026._domainkey.example.org", &record),
        [DkimResult::Pass]
    );
    assert!(signature(&raw).contains("a=ed25519-sha256;"));
}

#[test]
fn a_missing_or_wrong_key_stops_the_send_before_anything_is_marked() {
    let smtp = Smtp::start();
    let p = project_with_email(
        smtp.port,
        "[email.dkim]\nselector = \"s2026\"\ndomain = \"example.org\"\nkey_file = \"keys/dkim.pem\"\n",
    );
    add(&p, "anna@example.org", &[]);
    let send = ["send", "--date", "2026-11-23", "--cadence", "daily"];
    let err = p.run(&send).fails();
    assert!(
        err.starts_with("error: could not read the DKIM key ")
            && err.contains("keys/dkim.pem (email.dkim.key_file): "),
        "{err}"
    );
    p.write("keys/dkim.pem", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n");
    let err = p.run(&send).fails();
    assert!(
        err.contains("(email.dkim.key_file) holds a public key; the private key is needed to sign: make one with `openssl genpkey"),
        "{err}"
    );
    assert!(smtp.received().is_empty());
    // Nothing was marked: with the key fixed, Anna's message goes out.
    p.write(
        "keys/dkim.pem",
        &std::fs::read_to_string(fixtures().join("dkim/test-rsa-2048.pem")).unwrap(),
    );
    let out = p.run(&send).ok();
    assert!(
        out.starts_with("daily-2026-11-23: 1 sent, 0 already sent"),
        "{out}"
    );
    assert_eq!(smtp.received().len(), 1);
}

/// Whether Python's dkimpy (Debian's python3-dkim), a verifier we did not write, passes every
/// message of `messages` with `record` published at `name` (answered by the test, not DNS).
fn dkimpy_verifies(raw: &[u8], name: &str, record: &str) -> bool {
    use std::io::Write as _;
    const SCRIPT: &str = r#"
import sys, dkim
name, record = sys.argv[1].encode(), sys.argv[2].encode()
def txt(query, timeout=5):
    return record if query.rstrip(b".") == name else None
sys.exit(0 if dkim.verify(sys.stdin.buffer.read(), dnsfunc=txt) else 1)
"#;
    let mut child = std::process::Command::new("/usr/bin/python3")
        .args(["-c", SCRIPT, name, record])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with dkimpy (apt install python3-dkim)");
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let status = child.wait().unwrap();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "dkimpy failed: {status}"
    );
    status.success()
}

#[test]
#[ignore = "needs Debian's python3-dkim (dkimpy); .ci/run installs it"]
fn dkimpy_verifies_what_send_signs_and_refuses_it_tampered() {
    let name = "s2026._domainkey.example.org";
    let key = std::fs::read_to_string(fixtures().join("dkim/test-rsa-2048.pem")).unwrap();
    let (_p, raw, text_only) = send_signed(&key);
    let record = rsa_record(&key);
    assert!(dkimpy_verifies(&raw, name, &record));
    assert!(dkimpy_verifies(&text_only, name, &record));
    let text = String::from_utf8(raw).unwrap();
    let tampered = text.replacen("token=", "token=0", 1);
    assert_ne!(tampered, text);
    assert!(!dkimpy_verifies(tampered.as_bytes(), name, &record));
}
