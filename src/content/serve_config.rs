//! `[serve]`: the web side of subscriptions (`prayer-guide serve`).

use std::net::IpAddr;

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
    /// The sites that may show the sign-up form in an `<iframe>`, as origins
    /// (`https://church.example`). Default: any site; an empty list: none.
    pub embed_origins: Option<Vec<String>>,
    /// The reverse proxies whose `X-Forwarded-For` is believed, as addresses or CIDR ranges.
    /// Default: none, so a reader's address is always the connection's.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// Connections one address (an IPv6 /64) may hold open at once; more are closed at once.
    /// A trusted proxy is not limited.
    #[serde(default = "default_connections_per_address")]
    pub connections_per_address: u32,
    /// A proof of work the sign-up form asks of the reader's browser: the number of leading
    /// zero bits its SHA-256 must find (8 to 24; 16 takes a browser well under a second).
    /// 0, the default, asks none.
    #[serde(default)]
    pub proof_of_work: u32,
    /// "I will pray" posts one network (an IPv4 address, an IPv6 /64) may make in an hour.
    #[serde(default = "default_prayers_per_hour")]
    pub prayers_per_hour: u32,
}

fn default_prayers_per_hour() -> u32 {
    300
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
fn default_connections_per_address() -> u32 {
    32
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
            embed_origins: None,
            trusted_proxies: Vec::new(),
            connections_per_address: default_connections_per_address(),
            proof_of_work: 0,
            prayers_per_hour: default_prayers_per_hour(),
        }
    }
}

impl ServeConfig {
    /// `trusted_proxies` parsed; entries that do not parse (refused when the schedule is
    /// loaded) are left out.
    pub fn trusted_networks(&self) -> Vec<Network> {
        self.trusted_proxies
            .iter()
            .filter_map(|entry| entry.parse().ok())
            .collect()
    }

    /// The `frame-ancestors` directive of the sign-up form: who may show it in a frame.
    pub fn form_frame_ancestors(&self) -> String {
        match self.embed_origins.as_deref() {
            None => "frame-ancestors *".into(),
            Some([]) => "frame-ancestors 'none'".into(),
            Some(origins) => format!("frame-ancestors {}", origins.join(" ")),
        }
    }
}

/// An address, or a CIDR range of them (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    /// Whether `ip` lies in the range; an IPv4 address written as IPv6 (`::ffff:10.0.0.1`)
    /// counts as the IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip.to_canonical()) {
            (IpAddr::V4(base), IpAddr::V4(ip)) => {
                prefix_bits(u128::from(u32::from(base)) << 96, self.prefix)
                    == prefix_bits(u128::from(u32::from(ip)) << 96, self.prefix)
            }
            (IpAddr::V6(base), IpAddr::V6(ip)) => {
                prefix_bits(u128::from(base), self.prefix)
                    == prefix_bits(u128::from(ip), self.prefix)
            }
            _ => false,
        }
    }
}

/// The first `prefix` bits of `bits`, the rest zero.
fn prefix_bits(bits: u128, prefix: u8) -> u128 {
    match prefix {
        0 => 0,
        128.. => bits,
        p => bits & (u128::MAX << (128 - u32::from(p))),
    }
}

impl std::str::FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = address
            .parse()
            .map_err(|_| format!("`{text}` is not an address or a CIDR range"))?;
        let base = base.to_canonical();
        let most = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => most,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= most)
                .ok_or_else(|| format!("`{text}`: the range's length must be 0 to {most}"))?,
        };
        Ok(Network { base, prefix })
    }
}

/// Why `origin` cannot stand in `embed_origins`, if it cannot: it must be a scheme and a host
/// (`https://church.example`, `https://*.church.example`, a port allowed), nothing more, so it
/// cannot add a directive to the header it goes into.
pub fn origin_problem(origin: &str) -> Option<String> {
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return Some(format!(
            "`{origin}` does not begin with https:// or http://"
        ));
    };
    let host = rest.strip_prefix("*.").unwrap_or(rest);
    let (host, port) = match host.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
    (!host_ok || !port_ok)
        .then(|| format!("`{origin}` is not an origin: a scheme and a host only, no path"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> Network {
        text.parse().unwrap()
    }

    #[test]
    fn a_range_holds_the_addresses_under_its_prefix() {
        let ip = |t: &str| t.parse::<IpAddr>().unwrap();
        assert!(net("10.0.0.0/8").contains(ip("10.200.3.4")));
        assert!(!net("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(net("127.0.0.1").contains(ip("127.0.0.1")));
        assert!(!net("127.0.0.1").contains(ip("127.0.0.2")));
        assert!(net("127.0.0.1").contains(ip("::ffff:127.0.0.1")));
        assert!(net("0.0.0.0/0").contains(ip("203.0.113.9")));
        assert!(!net("0.0.0.0/0").contains(ip("2001:db8::1")));
        assert!(net("2001:db8::/32").contains(ip("2001:db8:ff::1")));
        assert!(!net("2001:db8::/32").contains(ip("2001:db9::1")));
        assert!(net("::1").contains(ip("::1")));
    }

    #[test]
    fn refuses_what_is_not_a_range() {
        for bad in [
            "localhost",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "1.2.3.4/x",
        ] {
            assert!(bad.parse::<Network>().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_origin_is_a_scheme_and_a_host_only() {
        for good in [
            "https://church.example",
            "http://localhost:8000",
            "https://*.church.example",
        ] {
            assert_eq!(origin_problem(good), None, "{good}");
        }
        for bad in [
            "church.example",
            "https://church.example/page",
            "https://a.example; script-src *",
            "https://",
            "https://a.example:99999",
        ] {
            assert!(origin_problem(bad).is_some(), "{bad}");
        }
    }
}
