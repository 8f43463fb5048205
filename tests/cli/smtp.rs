//! The SMTP server the email tests talk to, started in this process: the `mailin` crate's SMTP
//! session (its command parser and state machine: the protocol crate behind mailin-embedded) on
//! real sockets, one thread per connection, with rustls for STARTTLS and implicit TLS under a
//! test certificate made at start.
//!
//! It keeps what it accepts in memory, and can be told to misbehave the way real relays do:
//! refuse a recipient (550), fail the first messages for a while (451), close the connection as
//! busy (421), drop the connection after the message without answering, or answer slowly.
//! Nothing to install: `cargo test` needs only the Rust toolchain.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use mail_parser::MessageParser;
use mailin::{Action, Handler, Response, SessionBuilder};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// How clients reach the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Security {
    /// Plain SMTP; STARTTLS is not offered.
    #[default]
    None,
    /// Plain SMTP that offers STARTTLS (port 587 style).
    StartTls,
    /// TLS from the first byte (port 465 style).
    Implicit,
}

/// What the server does; the defaults accept everything at once.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub security: Security,
    /// Answer 550 to these recipients (any case).
    pub reject: Vec<String>,
    /// Answer 451 to the first N messages (at DATA).
    pub tempfail: usize,
    /// Then answer 421 and close the connection for the next N messages.
    pub busy: usize,
    /// Then close the connection without a word after the next N messages' data (the message
    /// is not kept: a relay that died before it answered).
    pub drop: usize,
    /// Wait this long before accepting each message.
    pub delay: Duration,
    /// Require AUTH, over TLS only, with this username and password.
    pub auth: Option<(String, String)>,
    /// The AUTH mechanisms offered [default, with `auth`: PLAIN and LOGIN].
    pub auth_mechanisms: Vec<mailin::AuthMechanism>,
}

/// A message the server accepted (answered 250 for).
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
    /// Whether the connection was encrypted when the message came.
    pub tls: bool,
    /// How the client logged in: mechanism (`PLAIN`, `LOGIN`) and username.
    pub auth: Option<(String, String)>,
}

/// A running server on 127.0.0.1; it stops listening when dropped.
pub struct Smtp {
    pub port: u16,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
    ca_pem: String,
}

struct Shared {
    options: Options,
    /// Messages that reached DATA, for the tempfail/busy/drop counts.
    attempts: AtomicUsize,
    received: Mutex<Vec<Received>>,
}

impl Smtp {
    /// A server that accepts everything, without TLS.
    pub fn start() -> Smtp {
        Smtp::with(Options::default())
    }

    pub fn with(options: Options) -> Smtp {
        let (ca_pem, tls) = test_certificate();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            options,
            attempts: AtomicUsize::new(0),
            received: Mutex::new(Vec::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (shared, stop) = (shared.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (shared, tls) = (shared.clone(), tls.clone());
                    std::thread::spawn(move || serve(stream, &shared, &tls));
                }
            })
        };
        Smtp {
            port,
            shared,
            stop,
            acceptor: Some(acceptor),
            ca_pem,
        }
    }

    /// The PEM certificate of the authority that signed the server's certificate (for
    /// `localhost` and 127.0.0.1): what a client must trust to talk TLS to it.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Every accepted message with its envelope, in the order they were accepted.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Every accepted message as it came over the wire, in the order they were accepted.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        self.received().into_iter().map(|m| m.data).collect()
    }

    /// Recipient (the `To` header's address) → how many messages it received.
    pub fn per_recipient(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for raw in self.messages() {
            let m = MessageParser::default().parse(&raw).unwrap();
            let to = m.to().unwrap().first().unwrap().address().unwrap();
            *counts.entry(to.to_string()).or_default() += 1;
        }
        counts
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor so that it sees the flag; open sessions end with their clients.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// A fresh authority and a certificate it signed for localhost, as the CA's PEM and a rustls
/// server configuration (ring, the provider lettre uses).
fn test_certificate() -> (String, Arc<rustls::ServerConfig>) {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "prayer-guide test CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().unwrap())
        .unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let params =
        rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    let cert = params.signed_by(&key, &ca).unwrap();
    let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone(), ca.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    (ca.pem(), Arc::new(config))
}

/// What the loop and the handler of one connection both see.
#[derive(Default)]
struct Connection {
    tls: AtomicBool,
    /// Set by the handler: close the connection now, without answering.
    drop_now: AtomicBool,
}

/// One SMTP session, from greeting to close.
fn serve(tcp: TcpStream, shared: &Shared, tls: &Arc<rustls::ServerConfig>) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(60)));
    let remote = tcp
        .peer_addr()
        .map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip());
    let security = shared.options.security;
    let mut builder = SessionBuilder::new("smtp.test.invalid");
    if security == Security::StartTls {
        builder.enable_start_tls();
    }
    if shared.options.auth.is_some() {
        let mechanisms = &shared.options.auth_mechanisms;
        if mechanisms.is_empty() {
            builder.enable_auth(mailin::AuthMechanism::Plain);
            builder.enable_auth(mailin::AuthMechanism::Login);
        }
        for m in mechanisms {
            builder.enable_auth(m.clone());
        }
    }
    let connection = Arc::new(Connection::default());
    let handler = Session {
        shared,
        connection: connection.clone(),
        from: String::new(),
        to: Vec::new(),
        data: Vec::new(),
        dropping: false,
        auth: None,
    };
    let mut session = builder.build(remote, handler);
    if security == Security::Implicit {
        session.tls_active(); // so that AUTH is offered: the whole session is encrypted
        connection.tls.store(true, Ordering::SeqCst);
        let mut stream = encrypt(tcp, tls);
        if greet(&session, &mut stream) {
            talk(&mut session, &connection, stream);
        }
        return;
    }
    let mut tcp = tcp;
    if !greet(&session, &mut tcp) {
        return;
    }
    if let Some(tcp) = talk(&mut session, &connection, tcp) {
        // STARTTLS: the client waits for our 220 before its handshake, so nothing was buffered.
        session.tls_active();
        connection.tls.store(true, Ordering::SeqCst);
        talk(&mut session, &connection, encrypt(tcp, tls));
    }
}

fn greet<S: Write>(session: &mailin::Session<Session>, stream: &mut S) -> bool {
    session.greeting().write_to(stream).is_ok() && stream.flush().is_ok()
}

/// Reads commands and answers them until the connection ends (`None`) or the client asked for
/// STARTTLS (the stream back, to encrypt).
fn talk<S: Read + Write>(
    session: &mut mailin::Session<Session>,
    connection: &Connection,
    stream: S,
) -> Option<S> {
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let response = session.process(&line);
        if connection.drop_now.load(Ordering::SeqCst) {
            return None; // closes without an answer
        }
        let out = reader.get_mut();
        if response.write_to(out).and_then(|()| out.flush()).is_err() {
            return None;
        }
        match response.action {
            Action::Close => return None,
            Action::UpgradeTls => return Some(reader.into_inner()),
            Action::Reply | Action::NoReply => {}
        }
    }
}

fn encrypt(
    tcp: TcpStream,
    tls: &Arc<rustls::ServerConfig>,
) -> rustls::StreamOwned<rustls::ServerConnection, TcpStream> {
    rustls::StreamOwned::new(rustls::ServerConnection::new(tls.clone()).unwrap(), tcp)
}

/// The decisions of one connection: mailin asks, this answers.
struct Session<'a> {
    shared: &'a Shared,
    connection: Arc<Connection>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    dropping: bool,
    auth: Option<(String, String)>,
}

impl Session<'_> {
    fn login(&mut self, mechanism: &str, user: &str, password: &str) -> Response {
        match &self.shared.options.auth {
            Some((u, p)) if u == user && p == password => {
                self.auth = Some((mechanism.to_string(), user.to_string()));
                mailin::response::AUTH_OK
            }
            _ => mailin::response::INVALID_CREDENTIALS,
        }
    }
}

impl Handler for Session<'_> {
    fn auth_plain(&mut self, _authorization: &str, user: &str, password: &str) -> Response {
        self.login("PLAIN", user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.login("LOGIN", user, password)
    }

    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_string();
        self.to.clear();
        mailin::response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let options = &self.shared.options;
        if options.reject.iter().any(|r| r.eq_ignore_ascii_case(to)) {
            return Response::custom(550, format!("5.1.1 <{to}>: mailbox unavailable"));
        }
        self.to.push(to.to_string());
        mailin::response::OK
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _8bit: bool, _to: &[String]) -> Response {
        let options = &self.shared.options;
        let n = self.shared.attempts.fetch_add(1, Ordering::SeqCst) + 1;
        self.data.clear();
        if n <= options.tempfail {
            return Response::custom(451, "4.3.0 temporary failure, try again later".into());
        }
        if n <= options.tempfail + options.busy {
            return Response::custom(421, "4.3.2 service busy, closing connection".into());
        }
        if n <= options.tempfail + options.busy + options.drop {
            self.dropping = true; // take the message, then vanish before answering
        }
        mailin::response::START_DATA
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if self.dropping {
            self.connection.drop_now.store(true, Ordering::SeqCst);
            return mailin::response::OK;
        }
        std::thread::sleep(self.shared.options.delay);
        self.shared.received.lock().unwrap().push(Received {
            from: std::mem::take(&mut self.from),
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
            tls: self.connection.tls.load(Ordering::SeqCst),
            auth: self.auth.clone(),
        });
        mailin::response::OK
    }
}

/// The harness itself, with lettre as the client: what the TLS tests stand on.
#[cfg(test)]
mod tests {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    use lettre::{Message, SmtpTransport, Transport};

    use super::{Options, Security, Smtp};

    fn client(smtp: &Smtp, security: Security) -> SmtpTransport {
        let parameters = TlsParameters::builder("localhost".into())
            .add_root_certificate(Certificate::from_pem(smtp.ca_pem().as_bytes()).unwrap())
            .build_rustls()
            .unwrap();
        let tls = match security {
            Security::None => Tls::None,
            Security::StartTls => Tls::Required(parameters),
            Security::Implicit => Tls::Wrapper(parameters),
        };
        SmtpTransport::builder_dangerous("localhost")
            .port(smtp.port)
            .tls(tls)
            .build()
    }

    fn message(to: &str) -> Message {
        Message::builder()
            .from("Sender <sender@example.org>".parse().unwrap())
            .to(to.parse().unwrap())
            .subject("hello")
            .body(".starts with a dot\r\nand ends\r\n".to_string())
            .unwrap()
    }

    #[test]
    fn accepts_plain_starttls_and_implicit_tls() {
        for security in [Security::None, Security::StartTls, Security::Implicit] {
            let smtp = Smtp::with(Options {
                security,
                ..Options::default()
            });
            client(&smtp, security)
                .send(&message("anna@example.org"))
                .unwrap();
            let received = smtp.received();
            assert_eq!(received.len(), 1, "{security:?}");
            assert_eq!(received[0].from, "sender@example.org");
            assert_eq!(received[0].to, ["anna@example.org"]);
            assert_eq!(received[0].tls, security != Security::None);
            let text = String::from_utf8(received[0].data.clone()).unwrap();
            assert!(
                text.contains("\r\n\r\n.starts with a dot\r\nand ends\r\n"),
                "{text}"
            );
        }
    }

    #[test]
    fn starttls_is_refused_by_a_plain_server_and_a_client_that_needs_it_fails() {
        let smtp = Smtp::start();
        let err = client(&smtp, Security::StartTls)
            .send(&message("anna@example.org"))
            .unwrap_err();
        assert!(err.to_string().contains("STARTTLS"), "{err}");
        assert!(smtp.received().is_empty());
    }

    #[test]
    fn fails_then_accepts_as_told() {
        let smtp = Smtp::with(Options {
            reject: vec!["Gone@example.org".into()],
            tempfail: 1,
            busy: 1,
            drop: 1,
            ..Options::default()
        });
        let plain = || client(&smtp, Security::None);
        let err = plain().send(&message("gone@example.org")).unwrap_err();
        assert!(err.is_permanent(), "{err}");
        assert!(err.to_string().contains("mailbox unavailable"), "{err}");
        let err = plain().send(&message("anna@example.org")).unwrap_err();
        assert_eq!(
            err.status().map(|c| c.to_string()),
            Some("451".into()),
            "{err}"
        );
        let err = plain().send(&message("anna@example.org")).unwrap_err();
        assert_eq!(
            err.status().map(|c| c.to_string()),
            Some("421".into()),
            "{err}"
        );
        let err = plain().send(&message("anna@example.org")).unwrap_err();
        assert_eq!(
            err.status(),
            None,
            "a dropped connection has no reply: {err}"
        );
        assert!(smtp.received().is_empty());
        plain().send(&message("anna@example.org")).unwrap();
        assert_eq!(smtp.per_recipient().get("anna@example.org"), Some(&1));
    }

    /// The dot-stuffing lettre did a byte at a time before vendor/README's change 2, on the
    /// whole message: a `.` opening a line (after CRLF, or first) gets another.
    fn stuffed(message: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, &b) in message.iter().enumerate() {
            if b == b'.' && (i == 0 || (i >= 2 && &message[i - 2..i] == b"\r\n")) {
                out.push(b'.');
            }
            out.push(b);
        }
        out.extend_from_slice(b"\r\n.\r\n");
        out
    }

    #[test]
    fn the_message_on_the_wire_is_stuffed_as_rfc_5321_says_however_it_is_cut() {
        use std::io::{BufRead as _, BufReader, Write as _};
        use std::time::Duration;

        use lettre::transport::smtp::client::SmtpConnection;
        use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
        use lettre::transport::smtp::extension::ClientId;

        // Messages over the bytes that matter, each cut into up to four parts, from a fixed
        // pseudo-random sequence (the same every run).
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let messages: Vec<Vec<Vec<u8>>> = (0..400)
            .map(|_| {
                let text: Vec<u8> = (0..next(48))
                    .map(|_| b"\r\n.ab"[next(5) as usize])
                    .collect();
                let mut cuts: Vec<usize> = (0..next(4))
                    .map(|_| next(text.len() as u64 + 1) as usize)
                    .collect();
                cuts.sort();
                let mut parts = Vec::new();
                let mut from = 0;
                for cut in cuts.into_iter().chain([text.len()]) {
                    parts.push(text[from..cut].to_vec());
                    from = cut;
                }
                parts
            })
            .collect();

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        // A server that answers everything and keeps each DATA as it arrived, stuffing and all.
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut writer = stream;
            writer.write_all(b"220 test\r\n").unwrap();
            let mut received = Vec::new();
            loop {
                let mut line = Vec::new();
                if reader.read_until(b'\n', &mut line).unwrap() == 0 {
                    break;
                }
                let command = String::from_utf8_lossy(&line).to_ascii_uppercase();
                let answer: &[u8] = if command.starts_with("EHLO") {
                    b"250-test\r\n250 8BITMIME\r\n"
                } else if command.starts_with("DATA") {
                    writer.write_all(b"354 go on\r\n").unwrap();
                    let mut data = Vec::new();
                    while !data.ends_with(b"\r\n.\r\n") {
                        assert_ne!(reader.read_until(b'\n', &mut data).unwrap(), 0);
                    }
                    received.push(data);
                    b"250 kept\r\n"
                } else if command.starts_with("QUIT") {
                    writer.write_all(b"221 bye\r\n").unwrap();
                    break;
                } else {
                    b"250 ok\r\n"
                };
                writer.write_all(answer).unwrap();
            }
            received
        });
        let mut client = SmtpConnection::connect(
            ("127.0.0.1", port),
            Some(Duration::from_secs(10)),
            &ClientId::Domain("localhost".into()),
            None,
            None,
        )
        .unwrap();
        for parts in &messages {
            client
                .command(Mail::new(Some("a@example.org".parse().unwrap()), vec![]))
                .unwrap();
            client
                .command(Rcpt::new("b@example.org".parse().unwrap(), vec![]))
                .unwrap();
            client.command(Data).unwrap();
            client.message_iter(parts.iter()).unwrap();
        }
        client.quit().unwrap();
        let received = server.join().unwrap();
        assert_eq!(received.len(), messages.len());
        for (parts, got) in messages.iter().zip(&received) {
            assert_eq!(
                String::from_utf8_lossy(got),
                String::from_utf8_lossy(&stuffed(&parts.concat())),
                "{parts:?}"
            );
        }
    }
}
