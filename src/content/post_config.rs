//! `[[post]]`: the group chats `prayer-guide post` (and `run`) gives the day's guide to.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::locale::Language;
use crate::content::source::SourceFile;
use crate::error::Diagnostics;

/// One `[[post]]` table: a chat, how to reach it, and what it gets when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostChannel {
    /// The channel's own name: the journal and `post --channel` know it by this.
    pub name: String,
    pub network: Network,
    /// Today's guide every day, or the week's on the week's first day.
    #[serde(default)]
    pub edition: PostEdition,
    /// The hour (0-23, the schedule's time zone) `run` posts at [default: `[email] send_hour`].
    pub hour: Option<u8>,
    /// The language of the posts [default: the schedule's `language`].
    pub language: Option<Language>,
    /// Matrix: the homeserver's address, `https://matrix.example.org`.
    pub homeserver: Option<String>,
    /// Matrix: the room's ID, `!abc123:example.org` (or, from room version 12, `!` and a hash).
    pub room: Option<String>,
    /// Telegram: the chat's ID (`-1001234567890`) or a public channel's `@name`.
    #[serde(default, deserialize_with = "chat_id")]
    pub chat_id: Option<String>,
    /// Telegram: the Bot API server [default: https://api.telegram.org]; a self-hosted
    /// `telegram-bot-api` server, say.
    pub api_url: Option<String>,
    /// Matrix and Telegram: the environment variable holding the access or bot token.
    pub token_env: Option<String>,
    /// Matrix and Telegram: a file (relative to schedule.toml) whose first line is the token.
    pub token_file: Option<PathBuf>,
    /// Slack and Discord: the environment variable holding the incoming webhook's address.
    pub webhook_env: Option<String>,
    /// Slack and Discord: a file (relative to schedule.toml) whose first line is the address.
    pub webhook_file: Option<PathBuf>,
}

/// The chat network a channel is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    Matrix,
    Telegram,
    Slack,
    Discord,
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Network::Matrix => "matrix",
            Network::Telegram => "telegram",
            Network::Slack => "slack",
            Network::Discord => "discord",
        })
    }
}

/// What a channel gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostEdition {
    #[default]
    Daily,
    Weekly,
}

/// A token or webhook address: shown nowhere, not even by `{:?}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The Bot API server when a channel names none.
pub const TELEGRAM_API: &str = "https://api.telegram.org";

/// Telegram chat IDs are numbers; a TOML integer is taken as well as text.
fn chat_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(i64),
        Text(String),
    }
    Ok(Some(match Id::deserialize(d)? {
        Id::Number(n) => n.to_string(),
        Id::Text(t) => t,
    }))
}

impl PostChannel {
    /// The hour it posts at, with `[email] send_hour` as the default.
    pub fn hour_or(&self, default: u8) -> u8 {
        self.hour.unwrap_or(default)
    }

    /// The token (Matrix, Telegram) or webhook address (Slack, Discord), from the environment
    /// or the file. Errors name the variable or file and the field, never the value.
    pub fn secret(&self, root: &Path) -> Result<Secret, String> {
        let (env, file, what) = match self.network {
            Network::Matrix | Network::Telegram => (&self.token_env, &self.token_file, "token"),
            Network::Slack | Network::Discord => (&self.webhook_env, &self.webhook_file, "webhook"),
        };
        let name = &self.name;
        if let Some(var) = env {
            let value = std::env::var(var).map_err(|_| {
                format!(
                    "channel {name}: the environment variable {var} ({what}_env) is not set \
                     (or not UTF-8)"
                )
            })?;
            return non_empty(value.trim(), || {
                format!("channel {name}: the environment variable {var} ({what}_env) is empty")
            });
        }
        if let Some(file) = file {
            let path = root.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "channel {name}: could not read {} ({what}_file): {}",
                    path.display(),
                    e.kind()
                )
            })?;
            return non_empty(text.lines().next().unwrap_or("").trim(), || {
                format!(
                    "channel {name}: the first line of {} ({what}_file) is empty",
                    path.display()
                )
            });
        }
        Err(format!(
            "channel {name}: no {what}: set {what}_env or {what}_file"
        ))
    }
}

fn non_empty(value: &str, empty: impl FnOnce() -> String) -> Result<Secret, String> {
    if value.is_empty() {
        Err(empty())
    } else {
        Ok(Secret::new(value))
    }
}

/// Whether `url` is an http(s) address with a host; plain http only to this machine.
fn address_problem(url: &str) -> Option<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Some(format!("`{url}` is not an address"));
    };
    let host = parsed.host_str().unwrap_or_default();
    match parsed.scheme() {
        "https" if !host.is_empty() => None,
        "http" if crate::content::mail_config::is_loopback(host) => None,
        "http" => Some(format!(
            "`{url}` is plain http: the token would cross the network in clear; use https"
        )),
        _ => Some(format!("`{url}` is not an https address")),
    }
}

/// Checks every `[[post]]` table: each problem placed at its key, all of them reported.
pub fn validate(channels: &[PostChannel], file: &SourceFile, out: &mut Diagnostics) {
    for (i, channel) in channels.iter().enumerate() {
        let mut err = |key: &str, msg: String, help: &str| {
            out.push(file.error_in_item("post", i, key, msg).help(help));
        };
        let n = i + 1;
        let name = &channel.name;
        if name.is_empty()
            || name.len() > 64
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            err(
                "name",
                format!("post {n}: `{name}` is not a channel name"),
                "use lowercase letters, digits, - and _ (at most 64), e.g. name = \"youth-telegram\"",
            );
        }
        if channels[..i].iter().any(|c| &c.name == name) {
            err(
                "name",
                format!("post {n}: a channel named `{name}` comes earlier"),
                "give each [[post]] its own name: the journal tells them apart by it",
            );
        }
        if channel.hour.is_some_and(|h| h > 23) {
            err(
                "hour",
                format!("post {n}: {} is not an hour", channel.hour.unwrap_or(0)),
                "an hour from 0 to 23, in the schedule's time zone, e.g. hour = 7",
            );
        }
        let network = channel.network;
        let mut needs = |key: &str, present: bool, example: &str| {
            if !present {
                err(
                    key,
                    format!("post {n} ({network}): `{key}` is missing"),
                    &format!("add it, e.g. {example}"),
                );
            }
        };
        match network {
            Network::Matrix => {
                needs(
                    "homeserver",
                    channel.homeserver.is_some(),
                    "homeserver = \"https://matrix.example.org\"",
                );
                needs(
                    "room",
                    channel.room.is_some(),
                    "room = \"!abc123:example.org\"",
                );
            }
            Network::Telegram => {
                needs(
                    "chat_id",
                    channel.chat_id.is_some(),
                    "chat_id = -1001234567890",
                );
            }
            Network::Slack | Network::Discord => {}
        }
        let (secret_env, secret_file, wrong_env, wrong_file, kind) = match network {
            Network::Matrix | Network::Telegram => (
                &channel.token_env,
                &channel.token_file,
                &channel.webhook_env,
                &channel.webhook_file,
                "token",
            ),
            Network::Slack | Network::Discord => (
                &channel.webhook_env,
                &channel.webhook_file,
                &channel.token_env,
                &channel.token_file,
                "webhook",
            ),
        };
        let mut err = |key: &str, msg: String, help: &str| {
            out.push(file.error_in_item("post", i, key, msg).help(help));
        };
        match (secret_env, secret_file) {
            (None, None) => err(
                "network",
                format!(
                    "post {n} ({network}): no {kind}: neither {kind}_env nor {kind}_file is set"
                ),
                &format!(
                    "name the environment variable that holds it, e.g. {kind}_env = \"{}_{}\", \
                     or a file: {kind}_file = \"secrets/{name}\" (never the value itself)",
                    name.to_uppercase().replace('-', "_"),
                    kind.to_uppercase()
                ),
            ),
            (Some(_), Some(_)) => err(
                &format!("{kind}_file"),
                format!("post {n}: both {kind}_env and {kind}_file are set"),
                "keep one",
            ),
            (Some(var), None) if !is_variable_name(var) => err(
                &format!("{kind}_env"),
                format!("post {n}: `{var}` is not the name of an environment variable"),
                "give the variable's name (letters, digits, _), never the secret itself",
            ),
            _ => {}
        }
        let other = if kind == "token" { "webhook" } else { "token" };
        if wrong_env.is_some() || wrong_file.is_some() {
            let key = if wrong_env.is_some() {
                format!("{other}_env")
            } else {
                format!("{other}_file")
            };
            err(
                &key,
                format!("post {n}: a {network} channel has no {other}"),
                &format!("use {kind}_env or {kind}_file"),
            );
        }
        let unused: [(&str, bool, &[Network]); 4] = [
            (
                "homeserver",
                channel.homeserver.is_some(),
                &[Network::Matrix],
            ),
            ("room", channel.room.is_some(), &[Network::Matrix]),
            ("chat_id", channel.chat_id.is_some(), &[Network::Telegram]),
            ("api_url", channel.api_url.is_some(), &[Network::Telegram]),
        ];
        for (key, present, networks) in unused {
            if present && !networks.contains(&network) {
                err(
                    key,
                    format!(
                        "post {n}: `{key}` is for {} channels, not {network}",
                        networks[0]
                    ),
                    "remove it, or check `network`",
                );
            }
        }
        for (key, url) in [
            ("homeserver", &channel.homeserver),
            ("api_url", &channel.api_url),
        ] {
            if let Some(problem) = url.as_deref().and_then(address_problem) {
                err(
                    key,
                    format!("post {n}: {problem}"),
                    "e.g. homeserver = \"https://matrix.example.org\"",
                );
            }
        }
        if let Some(room) = &channel.room
            // Room versions before 12 add `:server`; version 12 IDs are `!` and a hash alone.
            && !(room.len() > 1
                && room.starts_with('!')
                && !room.contains(|c: char| c.is_whitespace() || c == '/'))
        {
            err(
                "room",
                format!("post {n}: `{room}` is not a room ID"),
                "the room's internal ID, from Room settings → Advanced, e.g. \
                 room = \"!abc123:example.org\" (an alias such as #room:server will not do)",
            );
        }
        if let Some(id) = &channel.chat_id {
            let numeric = id
                .strip_prefix('-')
                .unwrap_or(id)
                .chars()
                .all(|c| c.is_ascii_digit())
                && !id.trim_start_matches('-').is_empty();
            let username = id.strip_prefix('@').is_some_and(|u| {
                u.len() >= 4 && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if !numeric && !username {
                err(
                    "chat_id",
                    format!("post {n}: `{id}` is not a Telegram chat ID"),
                    "a number such as chat_id = -1001234567890, or a public channel's \
                     chat_id = \"@name\"",
                );
            }
        }
    }
}

fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schedule::Schedule;

    fn diagnostics(posts: &str) -> Vec<String> {
        let file = SourceFile {
            path: "schedule.toml".into(),
            text: format!("title = \"T\"\nstart = 2026-01-05\n{posts}"),
        };
        let mut out = Diagnostics::default();
        Schedule::parse(&file, &mut out);
        out.0.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn accepts_one_channel_of_each_network() {
        let found = diagnostics(
            "[[post]]\nname = \"m\"\nnetwork = \"matrix\"\nhomeserver = \"https://m.example.org\"\n\
             room = \"!a:m.example.org\"\ntoken_env = \"M\"\n\
             [[post]]\nname = \"t\"\nnetwork = \"telegram\"\nchat_id = -100123\ntoken_file = \"t.txt\"\n\
             [[post]]\nname = \"s\"\nnetwork = \"slack\"\nwebhook_env = \"S\"\nedition = \"weekly\"\n\
             [[post]]\nname = \"d\"\nnetwork = \"discord\"\nwebhook_env = \"D\"\nhour = 8\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn reports_every_problem_at_its_line() {
        let found = diagnostics(
            "[[post]]\nname = \"m\"\nnetwork = \"matrix\"\nroom = \"#alias:m.org\"\n\
             token_env = \"M\"\nwebhook_env = \"W\"\n\
             [[post]]\nname = \"m\"\nnetwork = \"telegram\"\nchat_id = \"somebody\"\n\
             hour = 24\n",
        );
        let expected = [
            "error: schedule.toml:3:1: `post.homeserver`: post 1 (matrix): `homeserver` is missing",
            "error: schedule.toml:6:1: `post.room`: post 1: `#alias:m.org` is not a room ID",
            "error: schedule.toml:8:1: `post.webhook_env`: post 1: a matrix channel has no webhook",
            "error: schedule.toml:10:1: `post.name`: post 2: a channel named `m` comes earlier",
            "error: schedule.toml:11:1: `post.network`: post 2 (telegram): no token",
            "error: schedule.toml:12:1: `post.chat_id`: post 2: `somebody` is not a Telegram chat ID",
            "error: schedule.toml:13:1: `post.hour`: post 2: 24 is not an hour",
        ];
        for e in expected {
            assert!(
                found.iter().any(|f| f.starts_with(e)),
                "missing {e:?} in {found:#?}"
            );
        }
        assert_eq!(found.len(), expected.len(), "{found:#?}");
    }

    #[test]
    fn secrets_never_show() {
        let channel: PostChannel = toml::from_str(
            "name = \"d\"\nnetwork = \"discord\"\nwebhook_env = \"PG_TEST_HOOK_UNSET_1\"\n",
        )
        .unwrap();
        let err = channel.secret(Path::new(".")).unwrap_err();
        assert!(err.contains("PG_TEST_HOOK_UNSET_1"), "{err}");
        let secret = Secret::new("https://discord.com/api/webhooks/1/abc");
        assert_eq!(format!("{secret:?}"), "Secret(…)");
    }

    #[test]
    fn refuses_a_token_over_plain_http() {
        assert!(address_problem("http://matrix.example.org").is_some());
        assert!(address_problem("http://127.0.0.1:8008").is_none());
        assert!(address_problem("https://matrix.example.org").is_none());
    }
}
