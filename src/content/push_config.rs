//! `[push]`: the daily reminder by Web Push (RFC 8030), its VAPID key and its defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// `[push]` in schedule.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushConfig {
    /// The environment variable that holds the VAPID private key (PKCS#8 PEM, as
    /// `prayer-guide push keys` or `openssl genpkey -algorithm EC` writes it).
    pub key_env: Option<String>,
    /// Or the file that holds it, relative to schedule.toml.
    pub key_file: Option<PathBuf>,
    /// Who push services may contact about the reminders (RFC 8292 `sub`): a `mailto:` or
    /// `https:` address. Default: `mailto:` and the `[email] from` address.
    pub subject: Option<String>,
    /// Hours a push service keeps a reminder for a browser that is offline (`TTL`).
    #[serde(default = "default_ttl_hours")]
    pub ttl_hours: u32,
    /// The hour offered first on the page (the schedule's zone). Default: `[email] send_hour`.
    pub hour: Option<u8>,
    /// Subscribe and unsubscribe requests one network (an IPv4 address, an IPv6 /64) may
    /// make in an hour.
    #[serde(default = "default_per_hour")]
    pub subscriptions_per_hour: u32,
}

fn default_ttl_hours() -> u32 {
    12
}

fn default_per_hour() -> u32 {
    30
}

impl PushConfig {
    /// The VAPID private key's PEM text, from the environment or the file. Errors name the
    /// variable or file, never the value.
    pub fn key_pem(&self, root: &Path) -> Result<String, String> {
        if let Some(var) = &self.key_env {
            let value = std::env::var(var).map_err(|_| {
                format!("the environment variable {var} (push.key_env) is not set (or not UTF-8)")
            })?;
            if value.trim().is_empty() {
                return Err(format!(
                    "the environment variable {var} (push.key_env) is empty"
                ));
            }
            return Ok(value);
        }
        if let Some(file) = &self.key_file {
            let path = root.join(file);
            return std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "could not read the VAPID key file {} (push.key_file): {}; make one with \
                     `prayer-guide push keys --out {}`",
                    path.display(),
                    e.kind(),
                    file.display()
                )
            });
        }
        Err(
            "[push] names no key: set key_file (or key_env); make a key with \
             `prayer-guide push keys --out state/vapid.pem`"
                .into(),
        )
    }

    /// The problems serde cannot see, as (field, message, help).
    pub fn problems(&self) -> Vec<(&'static str, String, &'static str)> {
        let mut out = Vec::new();
        match (&self.key_env, &self.key_file) {
            (Some(_), Some(_)) => out.push((
                "key_file",
                "both key_env and key_file are set".into(),
                "keep one of them",
            )),
            (None, None) => out.push((
                "key_file",
                "[push] names no VAPID key".into(),
                "make one with `prayer-guide push keys --out state/vapid.pem` and add key_file = \"state/vapid.pem\"",
            )),
            _ => {}
        }
        if let Some(subject) = &self.subject
            && !(subject.starts_with("mailto:") || subject.starts_with("https://"))
        {
            out.push((
                "subject",
                format!("`{subject}` is neither a mailto: nor an https: address"),
                "e.g. subject = \"mailto:prayer@example.org\"",
            ));
        }
        if self.ttl_hours == 0 || self.ttl_hours > 24 * 7 {
            out.push((
                "ttl_hours",
                format!("{} hours is not between 1 and 168", self.ttl_hours),
                "e.g. ttl_hours = 12",
            ));
        }
        if self.hour.is_some_and(|h| h > 23) {
            out.push((
                "hour",
                "the hour is not between 0 and 23".into(),
                "e.g. hour = 7",
            ));
        }
        if self.subscriptions_per_hour == 0 {
            out.push((
                "subscriptions_per_hour",
                "0 would refuse every reader".into(),
                "e.g. subscriptions_per_hour = 30",
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> PushConfig {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn errors_on_unknown_field() {
        assert!(toml::from_str::<PushConfig>("key_file = \"k\"\nkey = \"x\"").is_err());
    }

    #[test]
    fn wants_exactly_one_key_source_and_a_usable_subject() {
        let fields = |c: PushConfig| c.problems().into_iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(fields(parse("key_file = \"k\"")), Vec::<&str>::new());
        assert_eq!(fields(parse("")), ["key_file"]);
        assert_eq!(
            fields(parse("key_file = \"k\"\nkey_env = \"K\"")),
            ["key_file"]
        );
        assert_eq!(
            fields(parse(
                "key_file = \"k\"\nsubject = \"prayer@example.org\"\nhour = 24"
            )),
            ["subject", "hour"]
        );
    }

    #[test]
    fn a_missing_key_is_named_without_its_value() {
        let config = parse("key_env = \"PRAYER_GUIDE_TEST_NO_SUCH_VAR\"");
        let why = config.key_pem(Path::new(".")).unwrap_err();
        assert!(
            why.contains("PRAYER_GUIDE_TEST_NO_SUCH_VAR (push.key_env) is not set"),
            "{why}"
        );
    }
}
