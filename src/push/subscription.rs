//! What a page posts to `POST /push/subscribe`: the browser's `PushSubscription` (its
//! `toJSON()`), the hour and the language, checked strictly before anything is stored.

use std::net::IpAddr;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use crate::push::ece::BrowserKeys;

/// Endpoints longer than this are refused (real ones are under 600 characters).
const MAX_ENDPOINT: usize = 1024;

/// The JSON a page posts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub subscription: SubscriptionJson,
    /// The hour of the day the reader wants the reminder, in the schedule's time zone.
    #[serde(default)]
    pub hour: Option<u8>,
    /// The language of the reminder's words.
    #[serde(default)]
    pub language: Option<String>,
}

/// `PushSubscription.toJSON()`.
#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionJson {
    pub endpoint: String,
    /// `null` in Chrome, a time in milliseconds in some browsers; not used.
    #[serde(default, rename = "expirationTime")]
    pub _expiration_time: Option<serde_json::Value>,
    pub keys: KeysJson,
}

/// `PushSubscription.toJSON().keys`.
#[derive(Debug, Clone, Deserialize)]
pub struct KeysJson {
    pub p256dh: String,
    pub auth: String,
}

/// A subscription that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub endpoint: String,
    pub keys: BrowserKeys,
}

/// Decodes unpadded base64url of exactly `len` bytes.
fn key(text: &str, len: usize, name: &str) -> Result<Vec<u8>, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| format!("keys.{name} is not base64url"))?;
    if bytes.len() != len {
        return Err(format!("keys.{name} is {} bytes, not {len}", bytes.len()));
    }
    Ok(bytes)
}

/// Whether `host` (as a URL gives it) is a loopback address or `localhost`.
fn loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

impl SubscriptionJson {
    /// The subscription, or what is wrong with it. The endpoint must be https (http only on
    /// a loopback address, for tests and a push service on the same machine), without
    /// credentials or a fragment; `p256dh` must be a 65-byte uncompressed point and `auth` 16
    /// bytes, both in base64url.
    pub fn validate(&self) -> Result<Subscription, String> {
        if self.endpoint.len() > MAX_ENDPOINT {
            return Err(format!(
                "the endpoint is longer than {MAX_ENDPOINT} characters"
            ));
        }
        let url = url::Url::parse(&self.endpoint).map_err(|_| "the endpoint is not a URL")?;
        let host = url.host().ok_or("the endpoint has no host")?;
        match url.scheme() {
            "https" => {}
            "http" if loopback(&host) => {}
            _ => return Err("the endpoint is not an https address".into()),
        }
        if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
            return Err("the endpoint carries credentials or a fragment".into());
        }
        let p256dh = key(&self.keys.p256dh, 65, "p256dh")?;
        if p256dh[0] != 4 {
            return Err("keys.p256dh is not an uncompressed P-256 point".into());
        }
        let auth = key(&self.keys.auth, 16, "auth")?;
        Ok(Subscription {
            endpoint: url.to_string(),
            keys: BrowserKeys { p256dh, auth },
        })
    }
}

/// The origin a VAPID token names as its audience: scheme, host and port of the endpoint.
pub fn audience(endpoint: &str) -> Result<String, String> {
    let url = url::Url::parse(endpoint).map_err(|_| "the endpoint is not a URL".to_string())?;
    Ok(url.origin().ascii_serialization())
}

/// The key in base64url, as it is stored.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A stored key back to bytes.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const P256DH: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";

    fn sub(endpoint: &str, p256dh: &str, auth: &str) -> SubscriptionJson {
        SubscriptionJson {
            endpoint: endpoint.into(),
            _expiration_time: None,
            keys: KeysJson {
                p256dh: p256dh.into(),
                auth: auth.into(),
            },
        }
    }

    #[test]
    fn takes_a_browsers_subscription_json() {
        let request: Request = serde_json::from_str(&format!(
            r#"{{"subscription":{{"endpoint":"https://fcm.googleapis.com/fcm/send/abc:def",
                "expirationTime":null,"keys":{{"p256dh":"{P256DH}","auth":"{AUTH}"}}}},
                "hour":7,"language":"es"}}"#
        ))
        .unwrap();
        let s = request.subscription.validate().unwrap();
        assert_eq!(s.endpoint, "https://fcm.googleapis.com/fcm/send/abc:def");
        assert_eq!(s.keys.p256dh.len(), 65);
        assert_eq!(s.keys.auth.len(), 16);
        assert_eq!(request.hour, Some(7));
    }

    #[test]
    fn refuses_plain_http_except_on_loopback() {
        let why = |e: &str| sub(e, P256DH, AUTH).validate().err();
        assert_eq!(
            why("http://push.example.net/x").as_deref(),
            Some("the endpoint is not an https address")
        );
        assert_eq!(why("http://127.0.0.1:9/x"), None);
        assert_eq!(why("http://[::1]:9/x"), None);
        assert_eq!(why("http://localhost:9/x"), None);
        assert!(why("ftp://push.example.net/x").is_some());
        assert!(why("javascript:alert(1)").is_some());
        assert!(why("https://user:pw@push.example.net/x").is_some());
        assert!(why(&format!("https://push.example.net/{}", "a".repeat(1100))).is_some());
    }

    #[test]
    fn refuses_keys_of_the_wrong_length_or_alphabet() {
        let why = |p: &str, a: &str| sub("https://p.example/x", p, a).validate().unwrap_err();
        assert_eq!(why(&P256DH[..80], AUTH), "keys.p256dh is 60 bytes, not 65");
        assert_eq!(why(P256DH, "AAAA"), "keys.auth is 3 bytes, not 16");
        assert_eq!(
            why(P256DH, "BTBZMqHH6r4Tts7J+aSIgg"),
            "keys.auth is not base64url"
        );
        let compressed = encode(&[[3u8].as_slice(), &[1; 64]].concat());
        assert_eq!(
            why(&compressed, AUTH),
            "keys.p256dh is not an uncompressed P-256 point"
        );
    }

    #[test]
    fn the_audience_is_the_endpoints_origin() {
        assert_eq!(
            audience("https://updates.push.services.mozilla.com/wpush/v2/abc").unwrap(),
            "https://updates.push.services.mozilla.com"
        );
        assert_eq!(
            audience("http://127.0.0.1:8123/push/1").unwrap(),
            "http://127.0.0.1:8123"
        );
    }
}
