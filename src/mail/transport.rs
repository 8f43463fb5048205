//! How messages leave: SMTP, the local sendmail, or a folder of `.eml` files. `send` takes an
//! [`AsyncSender`] per connection, all driven from one thread; the web form's one-off mail goes
//! out through [`Transport::send_one`]. Every failure is sorted into what the run should do about
//! it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSendmailTransport, AsyncTransport as _, Message, SmtpTransport, Tokio1Executor};

use crate::content::mail_config::{EmailConfig, Security, TransportKind};
use crate::error::Error;

/// A failed attempt, sorted by what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// 421: the relay is busy or closing; the whole relay backs off.
    RelayBusy(String),
    /// Other 4xx, a dropped connection, a timeout: try this message again later.
    Transient(String),
    /// 5xx: the server refuses this message for good.
    Permanent(String),
}

impl SendError {
    pub fn detail(&self) -> &str {
        match self {
            SendError::RelayBusy(d) | SendError::Transient(d) | SendError::Permanent(d) => d,
        }
    }
}

/// The configured way out, from which each connection takes its own [`AsyncSender`].
#[derive(Clone)]
pub enum Transport {
    Smtp(SmtpSettings),
    Sendmail(Option<PathBuf>),
    Directory(PathBuf),
}

impl Transport {
    /// Builds the transport from `[email]`; `root` resolves relative paths; `to_dir` overrides
    /// the configured transport with a folder of `.eml` files.
    pub fn from_config(
        config: &EmailConfig,
        root: &std::path::Path,
        to_dir: Option<PathBuf>,
    ) -> Result<Transport, Error> {
        if let Some(dir) = to_dir {
            return Ok(Transport::Directory(dir));
        }
        Ok(match config.transport {
            TransportKind::Directory => Transport::Directory(root.join(&config.directory)),
            TransportKind::Sendmail => Transport::Sendmail(config.sendmail.clone()),
            TransportKind::Smtp => {
                let smtp = &config.smtp;
                let authorities = match &smtp.ca_file {
                    Some(file) => Some(read_authorities(&root.join(file))?),
                    None => None,
                };
                let tls = |host: &str| {
                    let mut builder = TlsParameters::builder(host.to_string());
                    if let Some(ca) = &authorities {
                        builder = builder.add_root_certificate(ca.clone());
                    }
                    builder
                        .build()
                        .map_err(|e| Error::Usage(format!("TLS setup for {host}: {e}")))
                };
                let security = match smtp.security {
                    Security::None => Tls::None,
                    Security::Starttls => Tls::Required(tls(&smtp.host)?),
                    Security::Tls => Tls::Wrapper(tls(&smtp.host)?),
                };
                let password = smtp.password(root).map_err(Error::Usage)?;
                let credentials = match (&smtp.username, password) {
                    (Some(user), Some(password)) => Some(Credentials::new(user.clone(), password)),
                    _ => None,
                };
                Transport::Smtp(SmtpSettings {
                    host: smtp.host.clone(),
                    port: smtp.port(),
                    tls: security,
                    credentials,
                    timeout: Duration::from_secs(smtp.timeout_secs),
                })
            }
        })
    }

    /// Checks that the way out works before anything is marked: the SMTP server answers, or the
    /// folder can be made.
    pub fn check(&self, config: &EmailConfig) -> Result<(), Error> {
        match self {
            Transport::Smtp(t) => match t.build().test_connection() {
                Ok(true) => Ok(()),
                Ok(false) => Err(Error::Usage(format!(
                    "the SMTP server {}:{} did not accept a connection: nothing was sent",
                    config.smtp.host,
                    config.smtp.port()
                ))),
                Err(e) => Err(Error::Usage(format!(
                    "cannot reach the SMTP server {}:{}: {e}: nothing was sent{}",
                    config.smtp.host,
                    config.smtp.port(),
                    hint(&e.to_string(), config)
                ))),
            },
            Transport::Directory(d) => {
                std::fs::create_dir_all(d).map_err(|e| Error::io("create", d, e))
            }
            Transport::Sendmail(_) => Ok(()),
        }
    }

    /// A sender for `send`'s delivery, whose connections all run on one thread (a tokio
    /// runtime of one thread): waiting for one server's reply, the thread works on the others.
    pub fn async_sender(&self) -> AsyncSender {
        match self {
            Transport::Smtp(t) => AsyncSender::Smtp {
                settings: t.clone(),
                connection: None,
            },
            Transport::Sendmail(p) => AsyncSender::Sendmail(match p {
                Some(p) => AsyncSendmailTransport::new_with_command(p),
                None => AsyncSendmailTransport::new(),
            }),
            Transport::Directory(d) => AsyncSender::Directory(DirectorySender(d.clone())),
        }
    }

    /// Sends one message on a connection of its own, and closes it.
    pub async fn send_one(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        let mut sender = self.async_sender();
        let sent = sender.send(message, file_stem).await;
        sender.close().await;
        sent
    }

    /// [`Transport::send_one`] from blocking code: on a blocking thread of a tokio runtime
    /// (`serve`'s workers hand their SQLite and SMTP work to one), on that runtime; elsewhere on
    /// a runtime of its own.
    pub fn send_one_blocking(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        let work = self.send_one(message, file_stem);
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => runtime.block_on(work),
            Err(_) => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| SendError::Transient(format!("could not start sending: {e}")))?
                .block_on(work),
        }
    }
}

/// What it takes to open SMTP connections. The password lives here, in memory only, and is
/// never printed (no Debug).
#[derive(Clone)]
pub struct SmtpSettings {
    host: String,
    port: u16,
    tls: Tls,
    credentials: Option<Credentials>,
    timeout: Duration,
}

impl SmtpSettings {
    /// A transport with a pool of its own holding at most one connection: one per thread.
    /// (Cloning an `SmtpTransport` would share its pool between threads.)
    fn build(&self) -> SmtpTransport {
        let mut builder = SmtpTransport::builder_dangerous(self.host.clone())
            .port(self.port)
            .tls(self.tls.clone())
            .timeout(Some(self.timeout))
            .pool_config(PoolConfig::new().max_size(1).min_idle(0));
        if let Some(c) = &self.credentials {
            builder = builder.credentials(c.clone());
        }
        builder.build()
    }
}

/// The certificate authorities in a PEM file (`[email.smtp] ca_file`).
fn read_authorities(path: &std::path::Path) -> Result<Certificate, Error> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::Usage(format!(
            "could not read the certificate authority file {} (email.smtp.ca_file): {e}",
            path.display()
        ))
    })?;
    if !pem
        .windows(b"-----BEGIN CERTIFICATE-----".len())
        .any(|w| w == b"-----BEGIN CERTIFICATE-----")
    {
        return Err(Error::Usage(format!(
            "{} (email.smtp.ca_file) holds no PEM certificate (-----BEGIN CERTIFICATE-----): \
             give the relay's CA certificate, not its key or a DER file",
            path.display()
        )));
    }
    Certificate::from_pem(&pem).map_err(|e| {
        Error::Usage(format!(
            "{} (email.smtp.ca_file) could not be read as PEM certificates: {e}",
            path.display()
        ))
    })
}

/// What to do about a failure to connect, in words: TLS (from rustls' reason) or login.
fn hint(error: &str, config: &EmailConfig) -> String {
    let host = &config.smtp.host;
    let lower = error.to_ascii_lowercase();
    if lower.contains("(535)") || lower.contains("(534)") || lower.contains("authentication") {
        let source = match (&config.smtp.password_env, &config.smtp.password_file) {
            (Some(var), _) => format!("the environment variable {var}"),
            (_, Some(file)) => format!("the file {}", file.display()),
            _ => "no password setting".to_string(),
        };
        format!(
            ". The server refused the login: check [email.smtp] username = \"{}\" and the password in {source}",
            config.smtp.username.as_deref().unwrap_or_default()
        )
    } else if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        format!(
            ". The server's certificate is not signed by an authority this machine trusts: if {host} \
             uses a private certificate authority, set [email.smtp] ca_file to its CA certificate (PEM)"
        )
    } else if lower.contains("notvalidforname") || lower.contains("not valid for name") {
        format!(
            ". The server's certificate is not for the name {host}: set [email.smtp] host to the name \
             on the certificate"
        )
    } else if lower.contains("expired") {
        ". The server's certificate has expired: its administrator must renew it".to_string()
    } else if lower.contains("invalid peer certificate") || lower.contains("certificate") {
        ". The server's TLS certificate was refused".to_string()
    } else if lower.contains("corrupt message") || lower.contains("invalidcontenttype") {
        ". The server did not answer in TLS: use security = \"starttls\" for port 587 and \"tls\" for port 465"
            .to_string()
    } else {
        String::new()
    }
}

/// Idle longer than this, a connection is checked (NOOP) before the next message.
const IDLE_CHECK: Duration = Duration::from_secs(10);

impl SmtpSettings {
    /// Opens a connection the way lettre's `SmtpTransport` does: TLS, then authentication.
    async fn connect(&self) -> Result<AsyncSmtpConnection, lettre::transport::smtp::Error> {
        let hello = ClientId::default();
        let wrapper = match &self.tls {
            Tls::Wrapper(p) => Some(p.clone()),
            _ => None,
        };
        let mut connection = AsyncSmtpConnection::connect_tokio1(
            (self.host.as_str(), self.port),
            Some(self.timeout),
            &hello,
            wrapper,
            None,
        )
        .await?;
        match &self.tls {
            Tls::Required(p) => connection.starttls(p.clone(), &hello).await?,
            Tls::Opportunistic(p) if connection.can_starttls() => {
                connection.starttls(p.clone(), &hello).await?;
            }
            _ => {}
        }
        if let Some(c) = &self.credentials {
            connection.auth(DEFAULT_MECHANISMS, c).await?;
        }
        Ok(connection)
    }
}

/// One of `send`'s connections (see [`Transport::async_sender`]).
pub enum AsyncSender {
    /// The connection is kept open between messages, checked (NOOP) only after it sat idle.
    Smtp {
        settings: SmtpSettings,
        connection: Option<Box<(AsyncSmtpConnection, Instant)>>,
    },
    Sendmail(AsyncSendmailTransport<Tokio1Executor>),
    Directory(DirectorySender),
}

impl AsyncSender {
    pub async fn send(&mut self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            AsyncSender::Smtp {
                settings,
                connection,
            } => {
                // lettre's async client times out connecting only; a server that stops
                // answering mid-message is cut off here, after the configured timeout.
                let timeout = settings.timeout;
                let timed_out = || {
                    SendError::Transient(format!(
                        "the SMTP server did not answer within {} s",
                        timeout.as_secs()
                    ))
                };
                if let Some(open) = connection
                    && let (c, last) = &mut **open
                    && (c.has_broken()
                        || (last.elapsed() > IDLE_CHECK
                            && !tokio::time::timeout(timeout, c.test_connected())
                                .await
                                .unwrap_or(false)))
                {
                    *connection = None;
                }
                let (c, last) = &mut **match connection {
                    Some(c) => c,
                    None => {
                        let opened = tokio::time::timeout(timeout, settings.connect())
                            .await
                            .map_err(|_| timed_out())?
                            .map_err(|e| match classify(&e) {
                                // Trouble opening the connection is never this message's fault.
                                SendError::Permanent(d) if e.is_client() => SendError::Transient(d),
                                other => other,
                            })?;
                        connection.insert(Box::new((opened, Instant::now())))
                    }
                };
                let sent =
                    tokio::time::timeout(timeout, c.send(message.envelope(), &message.formatted()))
                        .await;
                *last = Instant::now();
                match sent {
                    Ok(result) => {
                        if result.is_err() && c.has_broken() {
                            *connection = None;
                        }
                        result.map(|_| ()).map_err(|e| classify(&e))
                    }
                    // Cut off mid-transaction: the connection is in an unknown state.
                    Err(_) => {
                        *connection = None;
                        Err(timed_out())
                    }
                }
            }
            AsyncSender::Sendmail(t) => t
                .send_raw(message.envelope(), &message.formatted())
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
            AsyncSender::Directory(d) => d.send(message, file_stem),
        }
    }

    /// Says goodbye (QUIT) on an open SMTP connection.
    pub async fn close(&mut self) {
        if let AsyncSender::Smtp { connection, .. } = self
            && let Some(mut open) = connection.take()
        {
            let _ = tokio::time::timeout(Duration::from_secs(5), open.0.quit()).await;
        }
    }
}

/// Sorts an SMTP error: 421 backs off the relay, other 4xx and connection trouble are temporary,
/// 5xx is final. lettre's own refusals before anything is sent are final too: an
/// internationalised address to a relay without SMTPUTF8 will never go through that relay.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    let text = e.to_string();
    match e.status() {
        Some(code) if code.to_string() == "421" => SendError::RelayBusy(text),
        Some(_) if e.is_permanent() => SendError::Permanent(text),
        None if e.is_client() && text.contains("SMTPUTF8") => SendError::Permanent(format!(
            "{text}: this relay cannot take an internationalised address; use a relay that offers SMTPUTF8"
        )),
        None if e.is_client() => SendError::Permanent(text),
        _ => SendError::Transient(text),
    }
}

/// Writes messages as `.eml` files into a folder.
pub struct DirectorySender(PathBuf);

impl DirectorySender {
    pub fn new(dir: PathBuf) -> DirectorySender {
        DirectorySender(dir)
    }

    /// Writes `message` as `file_stem.eml`, atomically (a reader never sees half of one).
    pub fn send(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        let path = self.0.join(format!("{file_stem}.eml"));
        // The envelope sender goes where a delivering server puts it, so the file shows it.
        let mut text = match message.envelope().from() {
            Some(sender) => format!("Return-Path: <{sender}>\r\n").into_bytes(),
            None => Vec::new(),
        };
        text.extend(message.formatted());
        crate::atomic::write(&path, &text, crate::atomic::Durability::Renamed)
            .map_err(|e| SendError::Transient(e.to_string()))
    }
}
