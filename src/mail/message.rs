//! Composing one digest for one subscriber: the edition is rendered once, then each message gets
//! its greeting, footer and headers. Everything taken from content is cleaned before it goes in
//! a header, so a guide or a name can never add a header of its own.

use std::time::SystemTime;

use lettre::address::Envelope;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use crate::content::mail_config::EmailConfig;
use crate::error::Error;
use crate::mail::body::{Fixed, Piece};
use crate::mail::dkim::Signer;
use crate::mail::fill::{Filler, Personal};
use crate::mail::subscribers::{Cadence, MailFormat, Subscriber, clean_name};
use crate::publish::render::Renderer;

/// One edition, rendered once for all its subscribers.
#[derive(Debug, Clone)]
pub struct Edition {
    /// `daily-2026-11-25` or `weekly-2026-11-23`: the journal's key.
    pub id: String,
    pub cadence: Cadence,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// Its language's tag.
    pub lang: String,
    /// The same edition in the other languages subscribers read, by tag.
    pub languages: std::collections::BTreeMap<String, Edition>,
    /// `text` and `html` encoded for mail once, for every subscriber's message.
    prepared: Prepared,
    /// An urgent alert's view (`alert-…` editions): its message is rendered for each
    /// subscriber from the `email-alert` templates, not filled around a guide.
    alert: Option<serde_json::Value>,
}

/// The edition's parts of each message body, encoded once: the text, and the HTML around the
/// place where the greeting and the footer go.
#[derive(Debug, Clone)]
struct Prepared {
    text: Fixed,
    html: HtmlPieces,
}

/// Where the greeting and the footer go: `inside` the body element, between the document's
/// start (through `<body …>`) and its end (from `</body>`), or around a document without one.
#[derive(Debug, Clone)]
struct HtmlPieces {
    inside: Fixed,
    around: Option<(Fixed, Fixed)>,
}

impl Edition {
    /// An edition in one language; its parts of the message bodies are encoded here, once.
    pub fn new(
        id: String,
        cadence: Cadence,
        lang: String,
        subject: String,
        html: String,
        text: String,
    ) -> Edition {
        let html_pieces = match body_span(&html) {
            Some((open, close)) => HtmlPieces {
                inside: Fixed::new(&html[open..close]),
                around: Some((Fixed::new(&html[..open]), Fixed::new(&html[close..]))),
            },
            None => HtmlPieces {
                inside: Fixed::new(&html),
                around: None,
            },
        };
        Edition {
            prepared: Prepared {
                text: Fixed::new(&text),
                html: html_pieces,
            },
            id,
            cadence,
            subject,
            html,
            text,
            lang,
            languages: std::collections::BTreeMap::new(),
            alert: None,
        }
    }

    /// An urgent alert as an edition of its own (`alert-2026-12-07-ng`) in one language: the
    /// subject, and what the `email-alert` templates see besides each subscriber's part.
    pub fn alert(id: String, lang: String, subject: String, view: serde_json::Value) -> Edition {
        Edition {
            alert: Some(view),
            // Alerts go to whoever chose them, whatever their cadence; never read for one.
            ..Edition::new(
                id,
                Cadence::Daily,
                lang,
                subject,
                String::new(),
                String::new(),
            )
        }
    }

    /// Whether this is an urgent alert rather than a digest.
    pub fn is_alert(&self) -> bool {
        self.alert.is_some()
    }

    /// The edition in `language`, or in the schedule's language when it has none in that one.
    pub fn in_language(&self, language: Option<&crate::content::locale::Language>) -> &Edition {
        language
            .and_then(|l| self.languages.get(l.as_str()))
            .unwrap_or(self)
    }
}

/// What every message the program sends shares, digest or notice: the sender, the reply
/// address, the bounce envelope and the DKIM key. [`Letterhead::seal`] is the one place a
/// message gets its headers, envelope, parts and signature.
pub struct Letterhead {
    from: Mailbox,
    reply_to: Option<Mailbox>,
    domain: String,
    /// `[email] bounce_address`: each message's envelope sender becomes `user+TOKEN@domain`.
    bounce: Option<Address>,
    dkim: Option<Signer>,
}

/// A message that is not an edition: the sign-up confirmation, the "already subscribed" answer
/// and the data export that `serve` mails, from the `email-signup` templates.
pub struct Notice<'a> {
    /// `confirm`, `already` or `export`: the start of its Message-ID.
    pub kind: &'a str,
    pub to: &'a str,
    /// The subscriber it is for, when the address is one: their bounce envelope. A sign-up
    /// not yet confirmed has none, and no name either (nothing a stranger typed is mailed).
    pub subscriber: Option<&'a Subscriber>,
    pub subject: &'a str,
    pub format: MailFormat,
    /// The language tag of the labels.
    pub lang: &'a str,
    /// What the templates see (`lang` is added).
    pub view: serde_json::Value,
}

/// Builds messages from editions; holds what is the same for every message.
pub struct Composer<'a> {
    config: &'a EmailConfig,
    /// For the messages rendered whole for each subscriber (alerts).
    renderer: &'a Renderer,
    /// The greeting and footer templates, filled per subscriber from pieces rendered once.
    filler: Filler<'a>,
    title: String,
    head: Letterhead,
    /// The same in every message, so encoded once.
    list_id: HeaderValue,
    one_click: HeaderValue,
}

impl Letterhead {
    /// `[email]`'s addresses and DKIM key; `root` resolves the key file.
    pub fn new(config: &EmailConfig, root: &std::path::Path) -> Result<Letterhead, Error> {
        let parse = |text: &str, key: &str| -> Result<Mailbox, Error> {
            text.parse().map_err(|_| {
                Error::Usage(format!(
                    "[email] {key} = \"{text}\" is not an email address"
                ))
            })
        };
        let from = parse(config.from.as_deref().unwrap_or_default(), "from")?;
        let reply_to = config
            .reply_to
            .as_deref()
            .map(|r| parse(r, "reply_to"))
            .transpose()?;
        let domain = from.email.domain().to_string();
        let bounce = config
            .bounce_address
            .as_deref()
            .map(|b| {
                b.parse::<Address>().map_err(|_| {
                    Error::Usage(format!(
                        "[email] bounce_address = \"{b}\" is not an email address"
                    ))
                })
            })
            .transpose()?;
        let dkim = config
            .dkim
            .as_ref()
            .map(|d| Signer::load(d, root))
            .transpose()?;
        Ok(Letterhead {
            from,
            reply_to,
            domain,
            bounce,
            dkim,
        })
    }

    /// The envelope sender for `s`: `bounces+ID-TAG@domain` with `[email] bounce_address`.
    pub fn return_path(&self, s: &Subscriber) -> Option<Address> {
        let bounce = self.bounce.as_ref()?;
        let user = format!("{}+{}-{}", bounce.user(), s.id, tag(&s.token, BOUNCE_TAG));
        Address::new(user, bounce.domain()).ok()
    }

    /// The message of a [`Notice`], rendered from `email-signup.txt` and, unless the reader
    /// asked for plain text, `email-signup.html` with its CSS inlined as a digest's is.
    pub fn notice(&self, renderer: &Renderer, notice: Notice) -> Result<Message, Error> {
        let mut view = notice.view;
        view["lang"] = serde_json::json!(notice.lang);
        view["dir"] = serde_json::json!(renderer.locale(notice.lang).direction());
        let text = renderer.template("email-signup.txt", &view)?;
        let html = match notice.format {
            MailFormat::Text => None,
            MailFormat::Html => Some(
                crate::mail::inline::for_mail(&renderer.template("email-signup.html", &view)?)
                    .map_err(Error::Usage)?,
            ),
        };
        let address: Address = notice
            .to
            .parse()
            .map_err(|_| Error::Usage(format!("`{}` is not an email address", notice.to)))?;
        let name = notice.subscriber.map(|s| clean_name(&s.name));
        let sender = notice.subscriber.and_then(|s| self.return_path(s));
        let message_id = format!(
            "<{}.{}@{}>",
            notice.kind,
            crate::mail::store::new_token()?,
            self.domain
        );
        self.seal(
            Sealed {
                to: Mailbox::new(name.filter(|n| !n.is_empty()), address),
                subject: notice.subject,
                message_id,
                sender: sender.or_else(|| self.bounce.clone()),
                headers: Vec::new(),
            },
            Body::new(text),
            html.map(Body::new),
        )
    }

    /// The message: headers, envelope, a plain-text part (and an HTML alternative), signed
    /// when `[email.dkim]` is set. Every message the program sends is finished here.
    fn seal(&self, m: Sealed, text: Body, html: Option<Body>) -> Result<Message, Error> {
        let recipient = m.to.email.clone();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(m.to)
            .subject(header_safe(m.subject))
            .date(SystemTime::now())
            .message_id(Some(m.message_id));
        if let Some(r) = &self.reply_to {
            builder = builder.reply_to(r.clone());
        }
        // Given, the envelope is not found again by parsing the headers just written.
        let sender = m.sender.unwrap_or_else(|| self.from.email.clone());
        let envelope = Envelope::new(Some(sender), vec![recipient.clone()]).map_err(|e| {
            Error::Usage(format!("could not address the message to {recipient}: {e}"))
        })?;
        builder = builder.envelope(envelope);
        for header in m.headers {
            builder = builder.raw_header(header);
        }
        let message = match html {
            None => builder.singlepart(SinglePart::plain(text)),
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(text, html)),
        };
        let mut message = message.map_err(|e| {
            Error::Usage(format!("could not build the message for {recipient}: {e}"))
        })?;
        if let Some(signer) = &self.dkim {
            signer.sign(&mut message);
        }
        Ok(message)
    }
}

/// What differs between two messages' headers and envelopes.
struct Sealed<'s> {
    to: Mailbox,
    subject: &'s str,
    message_id: String,
    /// The envelope sender; `from` when `None`.
    sender: Option<Address>,
    /// List-Id and the unsubscribe headers of a digest.
    headers: Vec<HeaderValue>,
}

impl<'a> Composer<'a> {
    /// `root` resolves the DKIM key file.
    pub fn new(
        config: &'a EmailConfig,
        renderer: &'a Renderer,
        title: &str,
        root: &std::path::Path,
        without_unsubscribe: bool,
    ) -> Result<Self, Error> {
        config
            .require_for_sending(without_unsubscribe)
            .map_err(Error::Usage)?;
        let head = Letterhead::new(config, root)?;
        let list_id = match &config.list_id {
            Some(id) => header_safe(id),
            None => format!("{} <{}.{}>", header_safe(title), slug(title), head.domain),
        };
        Ok(Composer {
            config,
            renderer,
            filler: Filler::new(renderer),
            title: title.to_string(),
            head,
            list_id: raw("List-Id", list_id),
            one_click: raw("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
        })
    }

    /// The Message-ID of an edition for a subscriber: the same on every attempt, so a message
    /// resent after an ambiguous failure is recognisably the same message. It names the
    /// subscriber by id and a tag derived from their secret token (see [`tag`]), never by the
    /// token itself: Message-IDs are quoted in replies, forwards and bounce reports.
    pub fn message_id(&self, edition: &str, s: &Subscriber) -> String {
        format!(
            "<{edition}.{}.{}@{}>",
            s.id,
            tag(&s.token, MESSAGE_ID_TAG),
            self.head.domain
        )
    }

    /// The envelope sender for `s`: `bounces+ID-TAG@domain` with `[email] bounce_address`.
    pub fn return_path(&self, s: &Subscriber) -> Option<Address> {
        self.head.return_path(s)
    }

    /// The subscriber's one-click unsubscribe address, if the schedule has one.
    pub fn unsubscribe_url(&self, s: &Subscriber) -> Option<String> {
        self.config
            .unsubscribe_url
            .as_ref()
            .map(|u| u.replace("{token}", &s.token))
    }

    /// The link of a digest's "I will pray" button: the day of a daily edition
    /// (`daily-2027-03-01`); a weekly one's opens on the day it is pressed.
    fn pray_url(&self, edition: &str) -> Option<String> {
        let page = self.config.pray_url.as_ref()?;
        Some(match edition.strip_prefix("daily-") {
            Some(date) => format!("{page}?date={date}"),
            None => page.clone(),
        })
    }

    /// The message of `edition` for `s`.
    pub fn compose(&self, edition: &Edition, s: &Subscriber) -> Result<Message, Error> {
        self.compose_with_id(edition, s, self.message_id(&edition.id, s))
    }

    /// The message of `edition` for `s`, whose [`Composer::message_id`] the caller has.
    pub fn compose_with_id(
        &self,
        edition: &Edition,
        s: &Subscriber,
        message_id: String,
    ) -> Result<Message, Error> {
        let localized = edition.in_language(s.language.as_ref());
        if let Some(alert) = &localized.alert {
            return self.compose_alert(localized, alert, s, message_id);
        }
        let url = self.unsubscribe_url(s);
        let mailto = self.config.unsubscribe_mailto.as_deref();
        let mailto_link = mailto.map(|m| format!("mailto:{m}?subject=unsubscribe%20{}", s.token));
        let edition = edition.in_language(s.language.as_ref());
        let name = clean_name(&s.name);
        let personal = Personal {
            lang: &edition.lang,
            greeting: self.filler.greeting(&edition.lang, &name),
            name: &name,
            email: &s.email,
            title: &self.title,
            cadence: edition.cadence.as_str(),
            token: &s.token,
            unsubscribe_url: url.clone(),
            unsubscribe_mailto: mailto,
            unsubscribe_mailto_link: mailto_link.clone(),
            pray_url: self.pray_url(&edition.id),
        };
        // Filled from pieces rendered once per form; no Tera call for most subscribers.
        let mut parts = self.filler.render(
            match s.format {
                MailFormat::Text => &["email-header.txt", "email-footer.txt"][..],
                MailFormat::Html => &[
                    "email-header.txt",
                    "email-footer.txt",
                    "email-header.html",
                    "email-footer.html",
                ],
            },
            &personal,
        )?;
        let html_parts = parts.split_off(2.min(parts.len()));
        let (text_header, text_footer) = (&parts[0], &parts[1]);
        let text = crate::mail::body::join(&[
            Piece::Own(text_header),
            Piece::Fixed(&edition.prepared.text),
            Piece::Own(text_footer),
        ]);
        let to_name = if name.is_empty() {
            None
        } else {
            Some(name.clone())
        };
        let address: Address = s
            .email
            .parse()
            .map_err(|_| Error::Usage(format!("stored address `{}` is invalid", s.email)))?;
        let mut headers = vec![self.list_id.clone()];
        let unsubscribe: Vec<String> = url
            .iter()
            .chain(mailto_link.iter())
            .map(|u| format!("<{u}>"))
            .collect();
        // No header at all rather than an empty one, when sent --without-unsubscribe.
        if !unsubscribe.is_empty() {
            headers.push(raw("List-Unsubscribe", unsubscribe.join(", ")));
        }
        if url.as_deref().is_some_and(|u| u.starts_with("https://")) {
            headers.push(self.one_click.clone());
        }
        let html = match s.format {
            MailFormat::Text => None,
            MailFormat::Html => {
                let (header, footer) = (Piece::Own(&html_parts[0]), Piece::Own(&html_parts[1]));
                let pieces = &edition.prepared.html;
                let inside = Piece::Fixed(&pieces.inside);
                Some(crate::mail::body::join(&match &pieces.around {
                    Some((before, after)) => vec![
                        Piece::Fixed(before),
                        header,
                        inside,
                        footer,
                        Piece::Fixed(after),
                    ],
                    None => vec![header, inside, footer],
                }))
            }
        };
        self.head.seal(
            Sealed {
                to: Mailbox::new(to_name, address),
                subject: &edition.subject,
                message_id,
                sender: self.return_path(s),
                headers,
            },
            text,
            html,
        )
    }
}

impl Composer<'_> {
    /// The page that stops `s`'s urgent requests and nothing else, if `[serve]` answers it.
    pub fn urgent_stop_url(&self, s: &Subscriber) -> Option<String> {
        self.config
            .urgent_stop_url
            .as_ref()
            .map(|u| u.replace("{token}", &s.token))
    }

    /// An alert's message for `s`, rendered whole from `email-alert.txt` (and, unless they
    /// read plain text, `email-alert.html`, whose styles are written on its elements). Its stop
    /// link, and its `List-Unsubscribe` header with RFC 8058's one-click POST, turn urgent
    /// requests off and leave the digest alone; without `[serve]` to answer that, the digest's
    /// own unsubscribe stands in.
    fn compose_alert(
        &self,
        edition: &Edition,
        alert: &serde_json::Value,
        s: &Subscriber,
        message_id: String,
    ) -> Result<Message, Error> {
        let name = clean_name(&s.name);
        let stop_url = self.urgent_stop_url(s);
        let url = self.unsubscribe_url(s);
        let mailto = self.config.unsubscribe_mailto.as_deref();
        let mailto_link = mailto.map(|m| format!("mailto:{m}?subject=unsubscribe%20{}", s.token));
        let view = serde_json::json!({
            "lang": edition.lang,
            "dir": self.renderer.locale(&edition.lang).direction(),
            "alert": alert,
            "greeting": self.filler.greeting(&edition.lang, &name),
            "name": name,
            "email": s.email,
            "title": self.title,
            "token": s.token,
            "stop_url": stop_url,
            "unsubscribe_url": url,
            "unsubscribe_mailto": mailto,
            "unsubscribe_mailto_link": mailto_link,
        });
        let text = self.renderer.template("email-alert.txt", &view)?;
        let html = match s.format {
            MailFormat::Text => None,
            MailFormat::Html => Some(self.renderer.template("email-alert.html", &view)?),
        };
        let address: Address = s
            .email
            .parse()
            .map_err(|_| Error::Usage(format!("stored address `{}` is invalid", s.email)))?;
        let mut headers = vec![self.list_id.clone()];
        let links: Vec<String> = match &stop_url {
            Some(stop) => vec![stop.clone()],
            None => url.iter().chain(mailto_link.iter()).cloned().collect(),
        };
        if !links.is_empty() {
            let listed: Vec<String> = links.iter().map(|u| format!("<{u}>")).collect();
            headers.push(raw("List-Unsubscribe", listed.join(", ")));
        }
        if stop_url
            .as_deref()
            .or(url.as_deref())
            .is_some_and(|u| u.starts_with("https://"))
        {
            headers.push(self.one_click.clone());
        }
        self.head.seal(
            Sealed {
                to: Mailbox::new((!name.is_empty()).then_some(name), address),
                subject: &edition.subject,
                message_id,
                sender: self.return_path(s),
                headers,
            },
            Body::new(text),
            html.map(Body::new),
        )
    }
}

/// The purposes a subscriber's tag is derived for; each gives an unrelated value.
pub const BOUNCE_TAG: &str = "bounce";
pub const MESSAGE_ID_TAG: &str = "message-id";

/// A short public tag for a subscriber: HMAC-SHA256 keyed by their secret token over
/// `purpose`, 16 hex digits. It proves a bounce address or Message-ID was made by us for this
/// subscriber, and reveals nothing of the token that unsubscribes them.
pub fn tag(token: &str, purpose: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, token.as_bytes());
    let message = format!("prayer-guide {purpose}");
    ring::hmac::sign(&key, message.as_bytes()).as_ref()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Subscriber id and tag from one of our Message-IDs (`<daily-2026-11-23.17.TAG@domain>`).
pub fn parse_message_id(id: &str) -> Option<(i64, &str)> {
    let local = id.trim().trim_start_matches('<').split('@').next()?;
    let mut parts = local.rsplitn(3, '.');
    let tag = parts.next()?;
    let subscriber = parts.next()?.parse().ok()?;
    let edition = parts.next()?;
    (edition.starts_with("daily-")
        || edition.starts_with("weekly-")
        || edition.starts_with("alert-"))
    .then_some((subscriber, tag))
}

/// Renders the greeting and footer templates as two made-up subscribers would get them (one with
/// a name and an unsubscribe link, one without a name and with an unsubscribe address), so that
/// `check` takes both branches of each; every failure.
pub fn render_samples(renderer: &Renderer) -> Vec<Error> {
    let link = Personal {
        lang: "en",
        greeting: "Dear Anna,".into(),
        name: "Anna",
        email: "anna@example.org",
        title: "Sample prayer guide",
        cadence: "daily",
        token: "sampletoken",
        unsubscribe_url: Some("https://example.org/unsubscribe?token=sampletoken".into()),
        unsubscribe_mailto: None,
        unsubscribe_mailto_link: None,
        pray_url: Some("https://example.org/pray?date=2027-03-01".into()),
    };
    let mailto = Personal {
        greeting: "Hello,".into(),
        name: "",
        cadence: "weekly",
        unsubscribe_url: None,
        unsubscribe_mailto: Some("unsubscribe@example.org"),
        unsubscribe_mailto_link: Some(
            "mailto:unsubscribe@example.org?subject=unsubscribe%20sampletoken".into(),
        ),
        pray_url: None,
        ..link
    };
    let mut errors = Vec::new();
    for personal in [&mailto, &link] {
        for name in [
            "email-header.txt",
            "email-header.html",
            "email-footer.txt",
            "email-footer.html",
        ] {
            if let Err(e) = renderer.template(name, personal) {
                errors.push(e);
            }
        }
    }
    // An alert's message, with a stop link and without one.
    let alert = serde_json::json!({
        "id": "2026-12-07-ng", "date": "2026-12-07", "until": "2026-12-13",
        "title": "Pastor arrested", "text": ["Pray for his release."],
        "country": "NG", "country_name": "Nigeria",
        "alerts_url": "https://example.org/alerts.html#2026-12-07-ng",
    });
    for stop in [Some("https://example.org/urgent?token=sampletoken"), None] {
        let view = serde_json::json!({
            "lang": "en", "dir": "ltr", "alert": alert, "greeting": "Hello,", "name": "",
            "email": "reader@example.org", "title": "Prayer guide", "token": "sampletoken",
            "stop_url": stop, "unsubscribe_url": link.unsubscribe_url,
            "unsubscribe_mailto": mailto.unsubscribe_mailto,
            "unsubscribe_mailto_link": mailto.unsubscribe_mailto_link,
        });
        for name in ["email-alert.txt", "email-alert.html"] {
            if let Err(e) = renderer.template(name, &view) {
                errors.push(e);
            }
        }
    }
    errors
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), header_safe(&value))
}

/// Header values from content: line breaks and other control characters become spaces.
pub fn header_safe(text: &str) -> String {
    clean_name(text)
}

/// `Pray for the Church` → `pray-for-the-church`
fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Where the greeting and the footer go: just inside `<body …>` and just before `</body>`.
fn body_span(html: &str) -> Option<(usize, usize)> {
    let open = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))?;
    let close = html.rfind("</body>")?;
    (open <= close).then_some((open, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_hmac_sha256_as_python_computes_them() {
        // Expected value from Python's hmac module, an implementation that is not ours.
        assert_eq!(tag("abc123", BOUNCE_TAG), "f39bfa079087f7ec");
    }

    #[test]
    fn greeting_and_footer_go_inside_the_body() {
        let html = "<html><body class=x>B</body></html>";
        let (open, close) = body_span(html).unwrap();
        assert_eq!(
            (&html[..open], &html[open..close]),
            ("<html><body class=x>", "B")
        );
        assert_eq!(body_span("B"), None);
        assert_eq!(body_span("</body><body>"), None);
    }

    #[test]
    fn header_values_cannot_break_lines() {
        assert_eq!(
            header_safe("Nigeria\r\nBcc: victim@example.org"),
            "Nigeria Bcc: victim@example.org"
        );
    }

    #[test]
    fn tags_are_stable_distinct_per_purpose_and_hide_the_token() {
        let token = "0123456789abcdef0123456789abcdef";
        let bounce = tag(token, BOUNCE_TAG);
        assert_eq!(bounce, tag(token, BOUNCE_TAG));
        assert_eq!(bounce.len(), 16);
        assert_ne!(bounce, tag(token, MESSAGE_ID_TAG));
        assert_ne!(bounce, tag("another token", BOUNCE_TAG));
        // No run of 6 characters of the token shows in the tag.
        for piece in token.as_bytes().windows(6) {
            assert!(!bounce.contains(std::str::from_utf8(piece).unwrap()));
        }
    }

    #[test]
    fn reads_our_message_ids_back() {
        assert_eq!(
            parse_message_id("<daily-2026-11-23.17.0a1b2c3d4e5f6a7b@example.org>"),
            Some((17, "0a1b2c3d4e5f6a7b"))
        );
        assert_eq!(
            parse_message_id("weekly-2026-11-23.3.ff@example.org"),
            Some((3, "ff"))
        );
        assert_eq!(parse_message_id("<CAF=abc.def@mail.gmail.com>"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Praying for the Persecuted Church!"),
            "praying-for-the-persecuted-church"
        );
    }
}
