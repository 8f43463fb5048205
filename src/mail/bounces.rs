//! Bounce reports: delivery status notifications (RFC 3464) read back, matched to the
//! subscriber whose address failed, and counted. A report is ours only if it carries proof: the
//! VERP envelope sender we gave the message (`bounces+ID-TAG@domain`), or the original
//! Message-ID (`<edition.ID.TAG@domain>`), whose TAG is derived from the subscriber's secret
//! token. Anything else is ignored, so a forged report cannot stop someone's mail.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use crate::error::Error;
use crate::mail::message::{BOUNCE_TAG, MESSAGE_ID_TAG, parse_message_id, tag};
use crate::mail::store::{BounceTally, Store};
use crate::mail::subscribers::Subscriber;

/// How a failure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// 5.x.x: the address does not work (no such user, domain gone).
    Hard,
    /// 4.x.x, or a delay: mailbox full, server down; it may work tomorrow.
    Soft,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }
}

/// One recipient the report says was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Final-Recipient (or Original-Recipient), the address alone.
    pub recipient: String,
    pub status: String,
    pub severity: Severity,
    /// Diagnostic-Code, the remote server's words, if any.
    pub diagnostic: String,
}

/// What a delivery status notification says, and what it carries that could identify us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Its own Message-ID, so the same report read twice counts once.
    pub id: String,
    pub failures: Vec<Failure>,
    /// Addresses it was delivered to (To, Delivered-To, X-Original-To, Envelope-To).
    pub addressed_to: Vec<String>,
    /// The Message-ID of the message that bounced, from the returned message or headers.
    pub original_message_id: Option<String>,
}

/// Reads a message as a delivery status notification; `Err` says why it is not one.
pub fn read(raw: &[u8]) -> Result<Report, String> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or("not a mail message")?;
    let mut fields = None;
    let mut original_message_id = None;
    for part in &message.parts {
        let Some(ct) = part.content_type() else {
            continue;
        };
        let subtype = ct.subtype().unwrap_or("").to_ascii_lowercase();
        match (ct.ctype().to_ascii_lowercase().as_str(), subtype.as_str()) {
            ("message", "delivery-status" | "global-delivery-status") if fields.is_none() => {
                fields = Some(String::from_utf8_lossy(part.contents()).into_owned());
            }
            ("message", "rfc822" | "global") => {
                if let PartType::Message(m) = &part.body {
                    original_message_id =
                        original_message_id.or(m.message_id().map(str::to_string));
                }
            }
            ("text", "rfc822-headers" | "global-headers") => {
                let headers = MessageParser::default().parse_headers(part.contents());
                original_message_id = original_message_id
                    .or(headers.and_then(|h| h.message_id().map(str::to_string)));
            }
            _ => {}
        }
    }
    let fields = fields.ok_or("not a bounce report (no message/delivery-status part)")?;
    let failures = failures(&fields);
    // Some reporters (Gmail) name the original in the per-message fields as well.
    if original_message_id.is_none() {
        let text = fields.replace("\r\n", "\n");
        let per_message = unfold(text.split("\n\n").next().unwrap_or(""));
        original_message_id = per_message
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("X-Original-Message-ID"))
            .map(|(_, v)| v.trim().trim_matches(['<', '>']).to_string());
    }
    let mut addressed_to = Vec::new();
    for (name, value) in message.headers_raw() {
        if [
            "to",
            "delivered-to",
            "x-original-to",
            "envelope-to",
            "x-envelope-to",
        ]
        .contains(&name.to_ascii_lowercase().as_str())
        {
            addressed_to.extend(addresses_in(value));
        }
    }
    let id = match message.message_id() {
        Some(id) => id.to_string(),
        None => fingerprint(raw),
    };
    Ok(Report {
        id,
        failures,
        addressed_to,
        original_message_id,
    })
}

/// The failed and delayed recipients of a delivery-status body: a block of per-message
/// fields, then one block per recipient, separated by blank lines.
fn failures(text: &str) -> Vec<Failure> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    for block in text.split("\n\n").skip(1) {
        let fields = unfold(block);
        let get = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let Some(recipient) = get("Final-Recipient").or(get("Original-Recipient")) else {
            continue;
        };
        // `rfc822; anna@example.org`
        let recipient = recipient
            .split_once(';')
            .map_or(recipient, |(_, a)| a)
            .trim()
            .trim_matches(['<', '>'])
            .to_string();
        let action = get("Action").unwrap_or("").trim().to_ascii_lowercase();
        let status = get("Status")
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        let severity = match (action.as_str(), status.chars().next()) {
            ("delivered" | "relayed" | "expanded", _) => continue,
            ("delayed", _) => Severity::Soft,
            // Mailbox full: the person exists and may make room, so providers count it soft
            // even when the server calls it permanent.
            _ if status == "5.2.2" => Severity::Soft,
            (_, Some('5')) => Severity::Hard,
            (_, Some('4')) => Severity::Soft,
            // A "failed" action without a usable status: count it, but never stop mail on it.
            ("failed", _) => Severity::Soft,
            _ => continue,
        };
        out.push(Failure {
            recipient,
            status: if status.is_empty() {
                "unknown".into()
            } else {
                status
            },
            severity,
            diagnostic: get("Diagnostic-Code")
                .map(|d| d.split_once(';').map_or(d, |(_, t)| t).trim().to_string())
                .unwrap_or_default(),
        });
    }
    out
}

/// `Name: value` fields with folded continuation lines joined.
fn unfold(block: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    fields
}

/// Addresses in a header value: `<a@b>` forms, else the bare words with an `@`.
fn addresses_in(value: &str) -> Vec<String> {
    let mut found: Vec<String> = value
        .split('<')
        .skip(1)
        .filter_map(|p| p.split_once('>').map(|(a, _)| a.trim().to_string()))
        .collect();
    if found.is_empty() {
        found = value
            .split([',', ' ', '\t', '\r', '\n'])
            .filter(|w| w.contains('@'))
            .map(|w| w.trim_matches(['"', '\'']).to_string())
            .collect();
    }
    found
}

/// A report without a Message-ID is known by its content.
fn fingerprint(raw: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, raw);
    format!(
        "sha256:{}",
        digest.as_ref()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

/// The configured bounce address, split, for recognising our VERP addresses.
#[derive(Debug, Clone)]
pub struct BounceAddress {
    user: String,
    domain: String,
}

impl BounceAddress {
    pub fn parse(address: &str) -> Option<BounceAddress> {
        let (user, domain) = address.trim().rsplit_once('@')?;
        Some(BounceAddress {
            user: user.to_string(),
            domain: domain.to_ascii_lowercase(),
        })
    }

    /// Subscriber id and tag from `user+ID-TAG@domain`.
    fn token<'a>(&self, address: &'a str) -> Option<(i64, &'a str)> {
        let (local, domain) = address.trim().rsplit_once('@')?;
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return None;
        }
        let (user, extension) = local.split_once('+')?;
        if !user.eq_ignore_ascii_case(&self.user) {
            return None;
        }
        let (id, tag) = extension.split_once('-')?;
        Some((id.parse().ok()?, tag))
    }
}

/// What reading one report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Not a bounce report, or not about a subscriber of ours; nothing changed.
    Ignored(String),
    /// Counted against a subscriber.
    Counted {
        email: String,
        failure: Failure,
        tally: BounceTally,
        limit: u32,
    },
    /// This report was read before; not counted again.
    Repeat { email: String },
}

impl Verdict {
    /// One line for the person or the log reading `bounces`' output.
    pub fn describe(&self, source: &str) -> String {
        match self {
            Verdict::Ignored(why) => format!("{source}: {why}: ignored"),
            Verdict::Repeat { email } => {
                format!("{email}: this report ({source}) was read before: not counted again")
            }
            Verdict::Counted {
                email,
                failure,
                tally,
                limit,
            } => {
                let why = if failure.diagnostic.is_empty() {
                    String::new()
                } else {
                    format!(": {}", failure.diagnostic)
                };
                let count = match failure.severity {
                    Severity::Hard if tally.marked => format!(
                        "hard bounce {} ({} of {limit}): marked bounced, no more mail",
                        failure.status, tally.hard
                    ),
                    Severity::Hard => {
                        format!("hard bounce {} ({} of {limit})", failure.status, tally.hard)
                    }
                    Severity::Soft => format!(
                        "soft bounce {} ({} so far; soft bounces never stop mail)",
                        failure.status, tally.soft
                    ),
                };
                format!("{email}: {count}{why}")
            }
        }
    }
}

/// Reads one report and counts it against the subscriber it proves to be about.
/// `recipient` is the address the report was delivered to, when the MTA says so
/// (`--recipient`, or Postfix's `ORIGINAL_RECIPIENT`).
pub fn handle(
    store: &mut Store,
    raw: &[u8],
    bounce_address: Option<&BounceAddress>,
    recipient: Option<&str>,
    limit: u32,
) -> Result<Verdict, Error> {
    let report = match read(raw) {
        Ok(r) => r,
        Err(why) => return Ok(Verdict::Ignored(why)),
    };
    if report.failures.is_empty() {
        return Ok(Verdict::Ignored(
            "a delivery report with no failed or delayed recipient".into(),
        ));
    }
    let Some(subscriber) = identify(store, &report, bounce_address, recipient)? else {
        let who: Vec<&str> = report
            .failures
            .iter()
            .map(|f| f.recipient.as_str())
            .collect();
        return Ok(Verdict::Ignored(format!(
            "a bounce for {} that carries no address or Message-ID of ours{}",
            who.join(", "),
            if bounce_address.is_none() {
                " (set [email] bounce_address so every message carries one)"
            } else {
                ""
            }
        )));
    };
    // With VERP each message has one recipient; a report listing several names theirs first.
    let failure = report
        .failures
        .iter()
        .find(|f| f.recipient.eq_ignore_ascii_case(&subscriber.email))
        .unwrap_or(&report.failures[0])
        .clone();
    let detail = format!("{} {}", failure.status, failure.diagnostic);
    match store.record_bounce(
        subscriber.id,
        &report.id,
        failure.severity == Severity::Hard,
        detail.trim(),
        limit,
    )? {
        None => Ok(Verdict::Repeat {
            email: subscriber.email,
        }),
        Some(tally) => Ok(Verdict::Counted {
            email: subscriber.email,
            failure,
            tally,
            limit,
        }),
    }
}

/// The subscriber a report is about, by our VERP address, else by the original Message-ID;
/// in both the tag must match the one derived from the subscriber's token.
fn identify(
    store: &Store,
    report: &Report,
    bounce_address: Option<&BounceAddress>,
    recipient: Option<&str>,
) -> Result<Option<Subscriber>, Error> {
    let proven = |found: Option<Subscriber>, t: &str, purpose: &str| {
        found.filter(|s| tag(&s.token, purpose).eq_ignore_ascii_case(t))
    };
    if let Some(bounce) = bounce_address {
        for address in recipient
            .into_iter()
            .chain(report.addressed_to.iter().map(String::as_str))
        {
            if let Some((id, t)) = bounce.token(address)
                && let Some(s) = proven(store.subscriber_by_id(id)?, t, BOUNCE_TAG)
            {
                return Ok(Some(s));
            }
        }
    }
    if let Some((id, t)) = report
        .original_message_id
        .as_deref()
        .and_then(parse_message_id)
        && let Some(s) = proven(store.subscriber_by_id(id)?, t, MESSAGE_ID_TAG)
    {
        return Ok(Some(s));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSTFIX_STATUS: &str = "Reporting-MTA: dns; mail.example.org\r\n\
        X-Postfix-Queue-ID: 4ABC1234\r\n\
        Arrival-Date: Mon, 23 Nov 2026 06:00:01 +0000 (UTC)\r\n\
        \r\n\
        Final-Recipient: rfc822; gone@example.net\r\n\
        Original-Recipient: rfc822;gone@example.net\r\n\
        Action: failed\r\n\
        Status: 5.1.1\r\n\
        Remote-MTA: dns; mx.example.net\r\n\
        Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address\r\n \
        rejected: User unknown in virtual mailbox table\r\n";

    #[test]
    fn reads_recipient_fields_with_folded_lines() {
        let f = failures(POSTFIX_STATUS);
        assert_eq!(
            f,
            [Failure {
                recipient: "gone@example.net".into(),
                status: "5.1.1".into(),
                severity: Severity::Hard,
                diagnostic: "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in virtual mailbox table".into(),
            }]
        );
    }

    #[test]
    fn delays_and_4xx_are_soft_and_deliveries_are_no_failure() {
        let text = "Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@x.org\nAction: delayed\nStatus: 4.4.1\n\n\
                    Final-Recipient: rfc822; b@x.org\nAction: failed\nStatus: 4.2.2\n\n\
                    Final-Recipient: rfc822; c@x.org\nAction: delivered\nStatus: 2.0.0\n";
        let f = failures(text);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.severity == Severity::Soft));
        assert_eq!(f[1].status, "4.2.2");
        let full =
            failures("R: x\n\nFinal-Recipient: rfc822; a@x.org\nAction: failed\nStatus: 5.2.2\n");
        assert_eq!(full[0].severity, Severity::Soft, "mailbox full is soft");
    }

    #[test]
    fn verp_addresses_are_recognised_only_at_the_bounce_domain() {
        let b = BounceAddress::parse("bounces@Example.org").unwrap();
        assert_eq!(b.token("bounces+17-00ff@example.org"), Some((17, "00ff")));
        assert_eq!(b.token("Bounces+17-00ff@EXAMPLE.org"), Some((17, "00ff")));
        assert_eq!(b.token("bounces+17-00ff@example.net"), None);
        assert_eq!(b.token("other+17-00ff@example.org"), None);
        assert_eq!(b.token("bounces@example.org"), None);
    }

    #[test]
    fn a_plain_message_is_not_a_report() {
        let raw = b"From: a@b.org\r\nTo: c@d.org\r\nSubject: hi\r\n\r\nHello\r\n";
        assert_eq!(
            read(raw).err().as_deref(),
            Some("not a bounce report (no message/delivery-status part)")
        );
    }

    #[test]
    fn finds_the_original_message_id_in_returned_headers() {
        let raw = format!(
            "From: MAILER-DAEMON@mail.example.org\r\nTo: bounces+3-abc@example.org\r\n\
             Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n\
             --B\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n\
             --B\r\nContent-Type: message/delivery-status\r\n\r\n{POSTFIX_STATUS}\r\n\
             --B\r\nContent-Type: text/rfc822-headers\r\n\r\n\
             From: Prayer <prayer@example.org>\r\nMessage-ID: <daily-2026-11-23.3.0011223344556677@example.org>\r\n\r\n\
             --B--\r\n"
        );
        let report = read(raw.as_bytes()).unwrap();
        assert_eq!(
            report.original_message_id.as_deref(),
            Some("daily-2026-11-23.3.0011223344556677@example.org")
        );
        assert_eq!(report.addressed_to, ["bounces+3-abc@example.org"]);
        assert_eq!(report.failures.len(), 1);
        assert!(report.id.starts_with("sha256:"));
    }
}
