//! Composing one digest for one subscriber: the edition is rendered once, then each message gets
//! its greeting, footer and headers. Everything taken from content is cleaned before it goes in
//! a header, so a guide or a name can never add a header of its own.

use std::time::SystemTime;

use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use serde::Serialize;

use crate::content::mail_config::EmailConfig;
use crate::error::Error;
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
}

/// What the header and footer templates see for one subscriber.
#[derive(Debug, Serialize)]
struct Personal<'a> {
    greeting: String,
    name: &'a str,
    email: &'a str,
    title: &'a str,
    cadence: &'a str,
    token: &'a str,
    unsubscribe_url: Option<String>,
    unsubscribe_mailto: Option<&'a str>,
    unsubscribe_mailto_link: Option<String>,
}

/// Builds messages from editions; holds what is the same for every message.
pub struct Composer<'a> {
    config: &'a EmailConfig,
    renderer: &'a Renderer,
    title: String,
    from: Mailbox,
    reply_to: Option<Mailbox>,
    domain: String,
    list_id: String,
}

impl<'a> Composer<'a> {
    pub fn new(
        config: &'a EmailConfig,
        renderer: &'a Renderer,
        title: &str,
    ) -> Result<Self, Error> {
        config.require_for_sending().map_err(Error::Usage)?;
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
        let list_id = match &config.list_id {
            Some(id) => header_safe(id),
            None => format!("{} <{}.{domain}>", header_safe(title), slug(title)),
        };
        Ok(Composer {
            config,
            renderer,
            title: title.to_string(),
            from,
            reply_to,
            domain,
            list_id,
        })
    }

    /// The Message-ID of an edition for a subscriber: the same on every attempt, so a message
    /// resent after an ambiguous failure is recognisably the same message.
    pub fn message_id(&self, edition: &str, s: &Subscriber) -> String {
        format!(
            "<{edition}.{}.{}@{}>",
            s.id,
            &s.token[..s.token.len().min(8)],
            self.domain
        )
    }

    /// The subscriber's one-click unsubscribe address, if the schedule has one.
    pub fn unsubscribe_url(&self, s: &Subscriber) -> Option<String> {
        self.config
            .unsubscribe_url
            .as_ref()
            .map(|u| u.replace("{token}", &s.token))
    }

    /// The message of `edition` for `s`.
    pub fn compose(&self, edition: &Edition, s: &Subscriber) -> Result<Message, Error> {
        let url = self.unsubscribe_url(s);
        let mailto = self.config.unsubscribe_mailto.as_deref();
        let mailto_link = mailto.map(|m| format!("mailto:{m}?subject=unsubscribe%20{}", s.token));
        let name = clean_name(&s.name);
        let personal = Personal {
            greeting: if name.is_empty() {
                "Dear friend,".into()
            } else {
                format!("Dear {name},")
            },
            name: &name,
            email: &s.email,
            title: &self.title,
            cadence: edition.cadence.as_str(),
            token: &s.token,
            unsubscribe_url: url.clone(),
            unsubscribe_mailto: mailto,
            unsubscribe_mailto_link: mailto_link.clone(),
        };
        let text = format!(
            "{}{}{}",
            self.renderer.template("email-header.txt", &personal)?,
            edition.text,
            self.renderer.template("email-footer.txt", &personal)?
        );
        let to_name = if name.is_empty() {
            None
        } else {
            Some(name.clone())
        };
        let to = Mailbox::new(
            to_name,
            s.email
                .parse()
                .map_err(|_| Error::Usage(format!("stored address `{}` is invalid", s.email)))?,
        );
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(header_safe(&edition.subject))
            .date(SystemTime::now())
            .message_id(Some(self.message_id(&edition.id, s)))
            .raw_header(raw("List-Id", self.list_id.clone()));
        if let Some(r) = &self.reply_to {
            builder = builder.reply_to(r.clone());
        }
        let unsubscribe: Vec<String> = url
            .iter()
            .chain(mailto_link.iter())
            .map(|u| format!("<{u}>"))
            .collect();
        builder = builder.raw_header(raw("List-Unsubscribe", unsubscribe.join(", ")));
        if url.as_deref().is_some_and(|u| u.starts_with("https://")) {
            builder = builder.raw_header(raw(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            ));
        }
        let message = match s.format {
            MailFormat::Text => builder.singlepart(SinglePart::plain(text)),
            MailFormat::Html => {
                let html = splice(
                    &edition.html,
                    &self.renderer.template("email-header.html", &personal)?,
                    &self.renderer.template("email-footer.html", &personal)?,
                );
                builder.multipart(MultiPart::alternative_plain_html(text, html))
            }
        };
        message
            .map_err(|e| Error::Usage(format!("could not build the message for {}: {e}", s.email)))
    }
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

/// Puts `header` just inside `<body …>` and `footer` just before `</body>`; a document without
/// them gets both around it.
fn splice(html: &str, header: &str, footer: &str) -> String {
    let open = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let close = html.rfind("</body>");
    match (open, close) {
        (Some(o), Some(c)) if o <= c => format!(
            "{}{header}{}{footer}{}",
            &html[..o],
            &html[o..c],
            &html[c..]
        ),
        _ => format!("{header}{html}{footer}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_inside_the_body() {
        assert_eq!(
            splice("<html><body class=x>B</body></html>", "H", "F"),
            "<html><body class=x>HBF</body></html>"
        );
        assert_eq!(splice("B", "H", "F"), "HBF");
    }

    #[test]
    fn header_values_cannot_break_lines() {
        assert_eq!(
            header_safe("Nigeria\r\nBcc: victim@example.org"),
            "Nigeria Bcc: victim@example.org"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Praying for the Persecuted Church!"),
            "praying-for-the-persecuted-church"
        );
    }
}
