//! Sending one message to one chat over HTTP (ureq, the client `import` fetches pages with),
//! and reading the answer: posted, refused for good (4xx), or not now (5xx, no connection, a
//! rate limit longer than we wait). A 429 is waited out as the network asks, within a bound;
//! a 5xx is tried again a few times. No error or log line carries a token or webhook address:
//! they travel only in the request.

use std::time::Duration;

use serde_json::{Value, json};

use crate::content::post_config::{Network, PostChannel, Secret, TELEGRAM_API};
use crate::post::format::Rendered;

/// The longest a rate limit is waited out within a run; a longer one defers the message.
pub const MAX_RATE_WAIT: Duration = Duration::from_secs(60);
/// Rate limits waited out for one message before it is deferred.
const MAX_RATE_WAITS: u32 = 5;
/// Attempts after a 5xx or a lost connection before the message is deferred to the next run.
const SERVER_ATTEMPTS: u32 = 3;
/// One request, connection to answer.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How sending one message ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted; the network's id for the message where it gives one.
    Posted(String),
    /// Refused for good: the channel's settings or the message need a person.
    Refused(String),
    /// Not now: tried again by the next run.
    Unavailable(String),
    /// Sent, but no answer came: it may have been posted.
    Unknown(String),
}

/// One HTTP answer, as much of it as the decision needs.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: String,
    retry_after_header: Option<f64>,
}

/// Where one channel's messages go, with its secret; reused for each message of a run.
pub struct Destination<'c> {
    pub channel: &'c PostChannel,
    secret: Secret,
    agent: ureq::Agent,
    /// How long each wait between server-error attempts starts (doubling each time).
    backoff: Duration,
}

impl<'c> Destination<'c> {
    pub fn new(channel: &'c PostChannel, secret: Secret) -> Destination<'c> {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            // A redirect would carry the token or the webhook's address to another place.
            .max_redirects(0)
            .user_agent(concat!("prayer-guide/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Destination {
            channel,
            secret,
            agent,
            backoff: Duration::from_secs(2),
        }
    }

    /// The same destination waiting less between server errors (for tests).
    pub fn with_backoff(mut self, backoff: Duration) -> Self {
        self.backoff = backoff;
        self
    }

    /// Sends `message`, honouring rate limits and retrying server errors. `txn` names the
    /// message for Matrix, whose homeserver keeps one event per transaction ID.
    pub fn send(&self, message: &Rendered, txn: &str, log: &mut dyn FnMut(&str)) -> Outcome {
        let mut rate_waits = 0;
        let mut server_errors = 0;
        loop {
            let answer = match self.request(message, txn) {
                Ok(answer) => answer,
                Err(Sent::Not(why)) => {
                    server_errors += 1;
                    if server_errors >= SERVER_ATTEMPTS {
                        return Outcome::Unavailable(why);
                    }
                    log(&format!("{why}; trying again"));
                    std::thread::sleep(self.backoff * 2u32.pow(server_errors - 1));
                    continue;
                }
                Err(Sent::Perhaps(why)) => {
                    // Matrix deduplicates a resend under the same transaction ID.
                    if self.channel.network == Network::Matrix
                        && server_errors + 1 < SERVER_ATTEMPTS
                    {
                        server_errors += 1;
                        log(&format!(
                            "{why}; sending again under the same transaction ID"
                        ));
                        std::thread::sleep(self.backoff * 2u32.pow(server_errors - 1));
                        continue;
                    }
                    return Outcome::Unknown(why);
                }
            };
            let detail = self.scrub(&describe(self.channel.network, &answer));
            match answer.status {
                200..=299 => return Outcome::Posted(message_id(self.channel.network, &answer)),
                429 => {
                    let wait = retry_after(self.channel.network, &answer);
                    rate_waits += 1;
                    match wait {
                        Some(w) if w <= MAX_RATE_WAIT && rate_waits <= MAX_RATE_WAITS => {
                            log(&format!(
                                "rate limited: waiting {:.1} s as the server asks",
                                w.as_secs_f64()
                            ));
                            std::thread::sleep(w);
                        }
                        Some(w) => {
                            return Outcome::Unavailable(format!(
                                "rate limited for {:.0} s, longer than a run waits ({} s): {detail}",
                                w.as_secs_f64(),
                                MAX_RATE_WAIT.as_secs()
                            ));
                        }
                        None if rate_waits <= MAX_RATE_WAITS => {
                            log("rate limited without a time to wait: waiting 5 s");
                            std::thread::sleep(Duration::from_secs(5).min(MAX_RATE_WAIT));
                        }
                        None => return Outcome::Unavailable(format!("rate limited: {detail}")),
                    }
                }
                500..=599 => {
                    server_errors += 1;
                    if server_errors >= SERVER_ATTEMPTS {
                        return Outcome::Unavailable(format!(
                            "the server answered {} {} times: {detail}",
                            answer.status, SERVER_ATTEMPTS
                        ));
                    }
                    log(&format!(
                        "the server answered {}: trying again",
                        answer.status
                    ));
                    std::thread::sleep(self.backoff * 2u32.pow(server_errors - 1));
                }
                status => {
                    return Outcome::Refused(format!(
                        "{status}: {detail}{}",
                        advice(self.channel.network, status, &answer)
                    ));
                }
            }
        }
    }

    /// One request; the error says whether it can have reached the network.
    fn request(&self, message: &Rendered, txn: &str) -> Result<Answer, Sent> {
        let channel = self.channel;
        let secret = self.secret.expose();
        let (method_put, url, body, bearer) = match channel.network {
            Network::Matrix => {
                let base = channel.homeserver.as_deref().unwrap_or_default();
                let room = channel.room.as_deref().unwrap_or_default();
                let url = format!(
                    "{}/_matrix/client/v3/rooms/{}/send/m.room.message/{}",
                    base.trim_end_matches('/'),
                    encode(room),
                    encode(txn)
                );
                let body = json!({
                    "msgtype": "m.text",
                    "body": message.text,
                    "format": "org.matrix.custom.html",
                    "formatted_body": message.html.as_deref().unwrap_or_default(),
                });
                (true, url, body, true)
            }
            Network::Telegram => {
                let base = channel.api_url.as_deref().unwrap_or(TELEGRAM_API);
                let url = format!("{}/bot{secret}/sendMessage", base.trim_end_matches('/'));
                let body = json!({
                    "chat_id": chat_id_value(channel.chat_id.as_deref().unwrap_or_default()),
                    "text": message.text,
                    "parse_mode": "HTML",
                    "link_preview_options": { "is_disabled": true },
                });
                (false, url, body, false)
            }
            Network::Slack => (
                false,
                secret.to_string(),
                json!({ "text": message.text, "mrkdwn": true }),
                false,
            ),
            Network::Discord => {
                // wait=true: Discord answers with the message (and its id) once it is stored.
                let sep = if secret.contains('?') { '&' } else { '?' };
                (
                    false,
                    format!("{secret}{sep}wait=true"),
                    json!({ "content": message.text, "allowed_mentions": { "parse": [] } }),
                    false,
                )
            }
        };
        let bytes = body.to_string();
        let request = if method_put {
            self.agent.put(&url)
        } else {
            self.agent.post(&url)
        };
        let mut request = request.header("Content-Type", "application/json");
        if bearer {
            request = request.header("Authorization", format!("Bearer {secret}"));
        }
        let mut response = request
            .send(bytes.as_bytes())
            .map_err(|e| self.classify(e))?;
        let retry_after_header = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok());
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Ok(Answer {
            status,
            body,
            retry_after_header,
        })
    }

    /// A transport error in words without the address (which may hold the secret): whether
    /// the request cannot have left (no connection) or may have arrived (a timeout, a cut).
    fn classify(&self, error: ureq::Error) -> Sent {
        let host = self.host();
        match error {
            ureq::Error::HostNotFound => Sent::Not(format!("{host}: no such host")),
            ureq::Error::ConnectionFailed => Sent::Not(format!("{host}: could not connect")),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                Sent::Not(format!("{host}: connection refused"))
            }
            ureq::Error::Timeout(_) => {
                Sent::Perhaps(format!("{host}: no answer within {} s", TIMEOUT.as_secs()))
            }
            ureq::Error::Io(e) => {
                Sent::Perhaps(format!("{host}: the connection broke ({})", e.kind()))
            }
            ureq::Error::BadUri(_) => Sent::Not(
                "the channel's address is not a valid URL (check the token or webhook)".into(),
            ),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => {
                Sent::Not(format!("{host}: the secure connection failed"))
            }
            _ => Sent::Perhaps(format!("{host}: the request failed")),
        }
    }

    /// The host a channel posts to: safe to show (a webhook's secret is in its path).
    pub fn host(&self) -> String {
        let url = match self.channel.network {
            Network::Matrix => self.channel.homeserver.clone().unwrap_or_default(),
            Network::Telegram => self
                .channel
                .api_url
                .clone()
                .unwrap_or_else(|| TELEGRAM_API.into()),
            Network::Slack | Network::Discord => self.secret.expose().to_string(),
        };
        url::Url::parse(&url)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| u.port().map_or(h.to_string(), |p| format!("{h}:{p}")))
            })
            .unwrap_or_else(|| "the channel's server".into())
    }

    /// A server's words with the secret taken out, should it ever echo it.
    fn scrub(&self, text: &str) -> String {
        text.replace(self.secret.expose(), "…")
    }
}

enum Sent {
    /// The request cannot have reached the server.
    Not(String),
    /// It may have.
    Perhaps(String),
}

/// A path segment, percent-encoded (room IDs hold `!` and `:`).
fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Telegram takes a numeric chat ID as a number, an `@name` as text.
fn chat_id_value(id: &str) -> Value {
    id.parse::<i64>().map_or_else(|_| json!(id), |n| json!(n))
}

/// How long the server asks us to wait, from where each network says it.
fn retry_after(network: Network, answer: &Answer) -> Option<Duration> {
    let body: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    let seconds = match network {
        Network::Telegram => body["parameters"]["retry_after"].as_f64(),
        Network::Discord => body["retry_after"].as_f64(),
        Network::Matrix => body["retry_after_ms"].as_f64().map(|ms| ms / 1000.0),
        Network::Slack => None,
    }
    .or(answer.retry_after_header)?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// The message's id in the answer, for the journal.
fn message_id(network: Network, answer: &Answer) -> String {
    let body: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    match network {
        Network::Matrix => body["event_id"].as_str().unwrap_or_default().to_string(),
        Network::Telegram => body["result"]["message_id"]
            .as_i64()
            .map(|n| n.to_string())
            .unwrap_or_default(),
        Network::Discord => body["id"].as_str().unwrap_or_default().to_string(),
        Network::Slack => String::new(),
    }
}

/// What the server said, in its own words, short.
fn describe(network: Network, answer: &Answer) -> String {
    let body: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    let said = match network {
        Network::Telegram => body["description"].as_str().map(str::to_string),
        Network::Matrix => body["errcode"].as_str().map(|code| {
            format!("{code} {}", body["error"].as_str().unwrap_or_default())
                .trim()
                .to_string()
        }),
        Network::Discord => body["message"].as_str().map(str::to_string),
        Network::Slack => None,
    }
    .unwrap_or_else(|| answer.body.trim().to_string());
    let mut said: String = said.chars().take(200).collect();
    if said.is_empty() {
        said = "(no explanation)".into();
    }
    said
}

/// What to do about a refusal, where the answer says.
fn advice(network: Network, status: u16, answer: &Answer) -> String {
    let body: Value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    if let Some(id) = body["parameters"]["migrate_to_chat_id"].as_i64() {
        return format!("\n  help: the group became a supergroup: set chat_id = {id}");
    }
    let help = match (network, status) {
        (Network::Matrix | Network::Telegram, 401) => {
            "the token was refused: check token_env or token_file"
        }
        (Network::Matrix, 403) => "the account may not post there: invite it to the room",
        (Network::Telegram, 403) => "the bot may not post there: add it to the chat",
        (Network::Slack | Network::Discord, 404 | 401 | 403 | 410) => {
            "the webhook is gone or wrong: make a new one and update webhook_env or webhook_file"
        }
        _ => return String::new(),
    };
    format!("\n  help: {help}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str, header: Option<f64>) -> Answer {
        Answer {
            status,
            body: body.into(),
            retry_after_header: header,
        }
    }

    #[test]
    fn reads_each_networks_retry_after() {
        let cases = [
            (
                Network::Telegram,
                r#"{"ok":false,"error_code":429,"parameters":{"retry_after":3}}"#,
                None,
                3.0,
            ),
            (
                Network::Discord,
                r#"{"message":"rate","retry_after":0.25,"global":false}"#,
                None,
                0.25,
            ),
            (
                Network::Matrix,
                r#"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":1500}"#,
                None,
                1.5,
            ),
            (Network::Slack, "rate_limited", Some(2.0), 2.0),
        ];
        for (network, body, header, seconds) in cases {
            assert_eq!(
                retry_after(network, &answer(429, body, header)),
                Some(Duration::from_secs_f64(seconds)),
                "{network}"
            );
        }
    }

    #[test]
    fn tells_a_moved_telegram_group() {
        let a = answer(
            400,
            r#"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009876}}"#,
            None,
        );
        assert!(advice(Network::Telegram, 400, &a).contains("chat_id = -1009876"));
        assert!(describe(Network::Telegram, &a).starts_with("Bad Request: group chat"));
    }

    #[test]
    fn room_ids_are_encoded_as_one_segment() {
        assert_eq!(encode("!abc:example.org"), "%21abc%3Aexample.org");
    }

    #[test]
    fn never_names_a_webhooks_address() {
        let channel: PostChannel =
            toml::from_str("name = \"d\"\nnetwork = \"discord\"\nwebhook_env = \"X\"\n").unwrap();
        let d = Destination::new(
            &channel,
            Secret::new("https://discord.example/api/webhooks/1/SECRETPART"),
        );
        assert_eq!(d.host(), "discord.example");
        assert_eq!(
            d.scrub("echo https://discord.example/api/webhooks/1/SECRETPART"),
            "echo …"
        );
    }
}
