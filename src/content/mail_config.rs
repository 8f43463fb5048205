//! The `[email]` section of schedule.toml: who sends, how, and how fast. Secrets are named here
//! (an environment variable or a file), never written here.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::source::SourceFile;
use crate::error::Diagnostics;

/// `[email]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// The SQLite file holding subscribers and the delivery journal, relative to schedule.toml.
    #[serde(default = "default_database")]
    pub database: PathBuf,
    /// `Name <address>` the digests come from.
    pub from: Option<String>,
    pub reply_to: Option<String>,
    /// The List-Id header, e.g. `Prayer guide <prayer.example.org>` [default: from the title and
    /// the sender's domain].
    pub list_id: Option<String>,
    /// Subject templates (Tera, rendered with the guide's view).
    #[serde(default = "default_subject_daily")]
    pub subject_daily: String,
    #[serde(default = "default_subject_weekly")]
    pub subject_weekly: String,
    /// One-click unsubscribe page; `{token}` is replaced by the subscriber's token.
    pub unsubscribe_url: Option<String>,
    /// Address that takes unsubscribe requests by mail (subject `unsubscribe {token}`).
    pub unsubscribe_mailto: Option<String>,
    /// The "I will pray" page of `serve` (`[serve] public_url` + `pray`), linked from HTML
    /// digests; set from `[serve]`, not written in `[email]`.
    #[serde(skip)]
    pub pray_url: Option<String>,
    /// The page of `serve` that stops a subscriber's urgent requests (`[serve] public_url` +
    /// `urgent?token={token}`), linked from alert emails; set from `[serve]`.
    #[serde(skip)]
    pub urgent_stop_url: Option<String>,
    #[serde(default)]
    pub transport: TransportKind,
    /// For `transport = "directory"`: where `.eml` files go, relative to schedule.toml.
    #[serde(default = "default_outbox")]
    pub directory: PathBuf,
    /// For `transport = "sendmail"`: the program [default: `sendmail` on the PATH].
    pub sendmail: Option<PathBuf>,
    #[serde(default)]
    pub smtp: SmtpConfig,
    /// Concurrent SMTP connections. One sends thousands of messages a second to a local relay;
    /// providers cap how many a client may open.
    #[serde(default = "default_connections")]
    pub connections: usize,
    /// Attempts per message for temporary failures (4xx, dropped connections).
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    /// The first retry waits this long; each further retry twice as long.
    #[serde(default = "default_retry_delay")]
    pub retry_delay_ms: u64,
    /// Messages per second at most (0: no limit), for providers that cap the rate.
    #[serde(default)]
    pub max_per_second: u32,
    /// Messages per day at most (0: no limit); the rest wait for the next run.
    #[serde(default)]
    pub max_per_day: u32,
    /// The local hour (0-23) digests arrive, in the schedule's zone unless a subscriber has
    /// their own zone and hour.
    #[serde(default = "default_send_hour")]
    pub send_hour: u8,
    /// After downtime, how many days back a missed edition is still sent: 0 sends today's only
    /// (yesterday's guide arriving at noon is worse than none).
    #[serde(default)]
    pub catch_up_days: u32,
    /// Where bounces go: `bounces@example.org` makes each message's envelope sender
    /// `bounces+TOKEN@example.org` (VERP), so `prayer-guide bounces` knows whose address failed.
    /// [default: none; bounces go to `from`]
    pub bounce_address: Option<String>,
    /// Hard bounces (5.x.x) after which a subscriber is marked `bounced` and gets no more mail.
    #[serde(default = "default_bounce_limit")]
    pub bounce_limit: u32,
    /// `[email.dkim]`: sign every message, if set.
    pub dkim: Option<DkimConfig>,
    /// Days of delivery journal kept message by message; older editions are folded into one
    /// line each (how many sent, failed, expired), so the database stops growing. At least 35:
    /// scheduling decisions read a month back.
    #[serde(default = "default_keep_journal_days")]
    pub keep_journal_days: u32,
}

fn default_bounce_limit() -> u32 {
    3
}

/// `[email.dkim]`: the key that signs, and where its public half is published
/// (`SELECTOR._domainkey.DOMAIN`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DkimConfig {
    pub selector: String,
    /// The signing domain (`d=`): the `from` domain, or a parent of it, for DMARC.
    pub domain: String,
    /// The private key (PEM: RSA or Ed25519, as `openssl genpkey` writes it), relative to
    /// schedule.toml.
    pub key_file: PathBuf,
}

fn default_keep_journal_days() -> u32 {
    40
}

fn default_send_hour() -> u8 {
    6
}

/// How messages leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    #[default]
    Smtp,
    Sendmail,
    /// `.eml` files in a folder, for testing templates or handing to another system.
    Directory,
}

/// `[email.smtp]`
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    #[serde(default = "localhost")]
    pub host: String,
    /// [default: 587 for starttls, 465 for tls, 25 for none]
    pub port: Option<u16>,
    #[serde(default)]
    pub security: Security,
    pub username: Option<String>,
    /// The environment variable holding the password.
    pub password_env: Option<String>,
    /// A file holding the password (its first line), relative to schedule.toml.
    pub password_file: Option<PathBuf>,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// A PEM file of certificate authorities to trust besides the public ones, for a relay
    /// with a private CA; relative to schedule.toml.
    pub ca_file: Option<PathBuf>,
}

/// Never prints a password: there is none stored here, and the rest is harmless.
impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("ca_file", &self.ca_file)
            .finish_non_exhaustive()
    }
}

/// Transport security for SMTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); the upgrade is required.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on this machine (localhost).
    None,
}

impl SmtpConfig {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        })
    }

    /// The password from the environment or the file; `Ok(None)` when none is configured.
    /// Errors name the variable or file, never the value.
    pub fn password(&self, root: &Path) -> Result<Option<String>, String> {
        if let Some(var) = &self.password_env {
            return std::env::var(var).map(Some).map_err(|_| {
                format!("the environment variable {var} (email.smtp.password_env) is not set")
            });
        }
        if let Some(file) = &self.password_file {
            let path = root.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "could not read the password file {} (email.smtp.password_file): {e}",
                    path.display()
                )
            })?;
            return Ok(Some(text.lines().next().unwrap_or("").to_string()));
        }
        Ok(None)
    }
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: localhost(),
            port: None,
            security: Security::default(),
            username: None,
            password_env: None,
            password_file: None,
            timeout_secs: default_timeout(),
            ca_file: None,
        }
    }
}

impl Default for EmailConfig {
    fn default() -> Self {
        toml::from_str("").expect("every [email] field has a default")
    }
}

fn default_database() -> PathBuf {
    "state/prayer-guide.sqlite".into()
}
fn default_subject_daily() -> String {
    "{{ heading }}: {{ date_long }}".into()
}
fn default_subject_weekly() -> String {
    "This week: {{ range }}".into()
}
fn default_outbox() -> PathBuf {
    "outbox".into()
}
fn default_connections() -> usize {
    8
}
fn default_attempts() -> u32 {
    5
}
fn default_retry_delay() -> u64 {
    2000
}
fn localhost() -> String {
    "localhost".into()
}
fn default_timeout() -> u64 {
    30
}

/// Whether `host` names this machine, where an unencrypted connection never leaves it.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl EmailConfig {
    /// Checks what serde cannot; sending-only settings are checked here too, so `check` finds them.
    pub fn validate(&self, file: &SourceFile, out: &mut Diagnostics) {
        let mut err = |table: &str, key: &str, msg: String, help: &str| {
            out.push(file.error_at(Some(table), key, msg).help(help));
        };
        for (key, value) in [("from", &self.from), ("reply_to", &self.reply_to)] {
            if let Some(v) = value
                && v.parse::<lettre::message::Mailbox>().is_err()
            {
                err(
                    "email",
                    key,
                    format!("`{v}` is not an email address"),
                    "write `Name <name@example.org>` or `name@example.org`",
                );
            }
        }
        if let Some(url) = &self.unsubscribe_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            err(
                "email",
                "unsubscribe_url",
                format!("`{url}` is not a web address"),
                "e.g. \"https://example.org/unsubscribe?token={token}\"",
            );
        }
        if let Some(url) = &self.unsubscribe_url
            && !url.contains("{token}")
        {
            err(
                "email",
                "unsubscribe_url",
                "has no `{token}`, so it cannot tell subscribers apart".into(),
                "add {token} where the subscriber's token goes",
            );
        }
        if let Some(m) = &self.unsubscribe_mailto
            && m.parse::<lettre::Address>().is_err()
        {
            err(
                "email",
                "unsubscribe_mailto",
                format!("`{m}` is not an email address"),
                "e.g. \"unsubscribe@example.org\"",
            );
        }
        if self.connections == 0 || self.connections > 256 {
            err(
                "email",
                "connections",
                format!("{} connections", self.connections),
                "use 1 to 256 (8 to 32 is usual)",
            );
        }
        if self.send_hour > 23 {
            err(
                "email",
                "send_hour",
                format!("{} is not an hour", self.send_hour),
                "use 0 to 23",
            );
        }
        if self.catch_up_days > 31 {
            err(
                "email",
                "catch_up_days",
                format!("{} days", self.catch_up_days),
                "use 0 to 31",
            );
        }
        if self.keep_journal_days < 35 {
            err(
                "email",
                "keep_journal_days",
                format!("{} days", self.keep_journal_days),
                "use 35 or more: deciding what is due reads a month of the journal",
            );
        }
        if self.attempts == 0 || self.attempts > 20 {
            err(
                "email",
                "attempts",
                format!("{} attempts", self.attempts),
                "use 1 to 20",
            );
        }
        if self.smtp.security == Security::None && !is_loopback(&self.smtp.host) {
            err(
                "email.smtp",
                "security",
                format!(
                    "an unencrypted connection to {} would send passwords and mail in clear",
                    self.smtp.host
                ),
                "use \"starttls\" or \"tls\"; \"none\" is only for a relay on this machine (localhost)",
            );
        }
        if self.smtp.password_env.is_some() && self.smtp.password_file.is_some() {
            err(
                "email.smtp",
                "password_file",
                "both password_env and password_file are set".into(),
                "keep one",
            );
        }
        if (self.smtp.password_env.is_some() || self.smtp.password_file.is_some())
            && self.smtp.username.is_none()
        {
            err(
                "email.smtp",
                "username",
                "a password without a username".into(),
                "add username = \"...\"",
            );
        }
        if let Some(b) = &self.bounce_address {
            match b.parse::<lettre::Address>() {
                Err(_) => err(
                    "email",
                    "bounce_address",
                    format!("`{b}` is not an email address"),
                    "a plain address such as \"bounces@example.org\" (no name, no <>)",
                ),
                Ok(a) if a.user().contains('+') => err(
                    "email",
                    "bounce_address",
                    format!("`{b}` already has a `+` in it"),
                    "give the plain address (\"bounces@example.org\"): each message adds +TOKEN itself",
                ),
                Ok(_) => {}
            }
        }
        if self.bounce_limit == 0 || self.bounce_limit > 100 {
            err(
                "email",
                "bounce_limit",
                format!("{} hard bounces", self.bounce_limit),
                "use 1 to 100 (3 is usual: one bad day at a provider should not unsubscribe anyone)",
            );
        }
        if let Some(d) = &self.dkim {
            let label = |t: &str| {
                !t.is_empty()
                    && t.split('.').all(|part| {
                        !part.is_empty()
                            && part
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    })
            };
            if !label(&d.selector) {
                err(
                    "email.dkim",
                    "selector",
                    format!("`{}` is not a DNS label", d.selector),
                    "letters, digits and `-`, e.g. \"prayer2026\"",
                );
            }
            if !label(&d.domain) || !d.domain.contains('.') {
                err(
                    "email.dkim",
                    "domain",
                    format!("`{}` is not a domain", d.domain),
                    "the domain of `from`, e.g. \"example.org\"",
                );
            } else if let Some(from) = self
                .from
                .as_deref()
                .and_then(|f| f.parse::<lettre::message::Mailbox>().ok())
            {
                let from = from.email.domain().to_lowercase();
                let signing = d.domain.to_lowercase();
                if from != signing && !from.ends_with(&format!(".{signing}")) {
                    out.push(
                        file.warning_at(
                            Some("email.dkim"),
                            "domain",
                            format!(
                                "signing as {signing} while `from` is at {from}: DMARC at {from} will not count this signature"
                            ),
                        )
                        .help(format!("sign as {from} (or a parent domain of it)")),
                    );
                }
            }
        }
    }

    /// The settings `send` cannot do without, checked when sending (not by `check`, since a
    /// church that only prints needs no mail settings). A digest without a way to unsubscribe
    /// is refused unless `without_unsubscribe` says the sender chose that (`--without-unsubscribe`).
    pub fn require_for_sending(&self, without_unsubscribe: bool) -> Result<(), String> {
        if self.from.is_none() {
            return Err("schedule.toml has no `from` under [email]: add from = \"Name <address@example.org>\"".into());
        }
        if !self.has_unsubscribe() && !without_unsubscribe {
            return Err(
                "schedule.toml has no unsubscribe under [email]: add unsubscribe_url = \"https://.../unsubscribe?token={token}\" \
                 and/or unsubscribe_mailto = \"unsubscribe@example.org\", or add [serve] and run `prayer-guide serve` \
                 (every digest must carry a working unsubscribe). To send without one anyway, pass \
                 --without-unsubscribe (large mailbox providers may then file the digests as spam)"
                    .into(),
            );
        }
        Ok(())
    }

    /// Whether digests carry a way to unsubscribe (a link, an address, or both).
    pub fn has_unsubscribe(&self) -> bool {
        self.unsubscribe_url.is_some() || self.unsubscribe_mailto.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_loopback_hosts() {
        assert!(is_loopback("localhost"));
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("[::1]"));
        assert!(!is_loopback("smtp.example.org"));
        assert!(!is_loopback("10.0.0.1"));
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c: SmtpConfig =
            toml::from_str("username = \"u\"\npassword_env = \"SECRET_VAR\"").unwrap();
        assert!(!format!("{c:?}").contains("SECRET"));
    }

    fn diagnostics(schedule: &str) -> Vec<crate::error::Diagnostic> {
        let whole: toml::Table = toml::from_str(schedule).unwrap();
        let email: EmailConfig = whole["email"].clone().try_into().unwrap();
        let file = SourceFile {
            path: "schedule.toml".into(),
            text: schedule.into(),
        };
        let mut out = Diagnostics::default();
        email.validate(&file, &mut out);
        out.0
    }

    #[test]
    fn bounce_address_is_a_plain_address_without_a_plus() {
        let found = diagnostics("[email]\nbounce_address = \"bounces+x@example.org\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field.as_deref(), Some("email.bounce_address"));
        assert_eq!(found[0].location, Some((2, 1)));
        assert!(found[0].message.contains("already has a `+`"));
        assert!(diagnostics("[email]\nbounce_address = \"bounces@example.org\"\n").is_empty());
        let found = diagnostics("[email]\nbounce_limit = 0\n");
        assert_eq!(found[0].field.as_deref(), Some("email.bounce_limit"));
    }

    #[test]
    fn dkim_domain_out_of_line_with_from_is_a_warning() {
        let found = diagnostics(
            "[email]\nfrom = \"a@news.example.org\"\n[email.dkim]\nselector = \"s1\"\ndomain = \"example.org\"\nkey_file = \"k.pem\"\n",
        );
        assert!(found.is_empty(), "a parent domain aligns: {found:?}");
        let found = diagnostics(
            "[email]\nfrom = \"a@example.org\"\n[email.dkim]\nselector = \"s 1\"\ndomain = \"other.net\"\nkey_file = \"k.pem\"\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].is_error());
        assert_eq!(found[0].field.as_deref(), Some("email.dkim.selector"));
        assert!(!found[1].is_error());
        assert_eq!(found[1].field.as_deref(), Some("email.dkim.domain"));
        assert_eq!(found[1].location, Some((5, 1)));
    }

    #[test]
    fn refuses_an_unencrypted_remote_relay() {
        let c: EmailConfig =
            toml::from_str("[smtp]\nhost = \"smtp.example.org\"\nsecurity = \"none\"").unwrap();
        let file = SourceFile {
            path: "schedule.toml".into(),
            text: "[email.smtp]\nsecurity = \"none\"\n".into(),
        };
        let mut out = Diagnostics::default();
        c.validate(&file, &mut out);
        assert_eq!(out.0.len(), 1);
        assert_eq!(out.0[0].field.as_deref(), Some("email.smtp.security"));
        assert_eq!(out.0[0].location, Some((2, 1)));
    }
}
