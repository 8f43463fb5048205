//! `[serve]`: the web side of subscriptions (`prayer-guide serve`).

use serde::Deserialize;

use crate::content::locale::Language;

/// `[serve]` in schedule.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    /// Where readers reach this server, ending with `/`: the links in confirmation emails, and
    /// the unsubscribe link of every digest when `[email]` names none. Default: `[output] base_url`.
    pub public_url: Option<String>,
    /// The address to listen on; a reverse proxy in front serves the public address.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Hours a confirmation link stays valid; unconfirmed sign-ups are deleted after that.
    #[serde(default = "default_confirm_hours")]
    pub confirm_hours: u32,
    /// Accepted sign-ups one network (an IPv4 address, an IPv6 /64) may make in an hour.
    #[serde(default = "default_signups_per_hour")]
    pub signups_per_hour: u32,
    /// The languages a reader may choose on the sign-up form. Default: every built-in language
    /// and every `locales/<tag>.ftl` of the project, the schedule's `language` first.
    pub languages: Option<Vec<Language>>,
    /// Seconds a client may take to send a request's headers before it is cut off.
    #[serde(default = "default_header_timeout")]
    pub header_timeout_seconds: u32,
}

fn default_listen() -> String {
    "127.0.0.1:8080".into()
}
fn default_confirm_hours() -> u32 {
    48
}
fn default_signups_per_hour() -> u32 {
    60
}
fn default_header_timeout() -> u32 {
    10
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            public_url: None,
            listen: default_listen(),
            confirm_hours: default_confirm_hours(),
            signups_per_hour: default_signups_per_hour(),
            languages: None,
            header_timeout_seconds: default_header_timeout(),
        }
    }
}
