//! Subscribers: who gets which digest, validated, and moved in and out as CSV.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Diagnostics, Error};

/// How often a subscriber hears from us.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
pub enum Cadence {
    Daily,
    Weekly,
}

/// Which parts a subscriber's messages carry. Every message has a plain-text part; `html` adds
/// the HTML alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MailFormat {
    Html,
    Text,
}

macro_rules! text_enum {
    ($t:ty, $($v:ident => $s:literal),+) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
        impl FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim().to_lowercase().as_str() {
                    $($s => Ok(Self::$v),)+
                    other => Err(format!(
                        "`{other}` is not one of: {}",
                        [$($s),+].join(", ")
                    )),
                }
            }
        }
    };
}

text_enum!(Cadence, Daily => "daily", Weekly => "weekly");
text_enum!(MailFormat, Html => "html", Text => "text");

/// A subscriber as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub cadence: Cadence,
    pub format: MailFormat,
    pub active: bool,
    /// Secret, random: identifies the subscriber in unsubscribe links.
    #[serde(skip)]
    pub token: String,
    /// Their time zone, if not the schedule's.
    #[serde(skip)]
    pub timezone: Option<chrono_tz::Tz>,
    /// Their preferred hour (0-23), if not `send_hour`.
    pub hour: Option<u8>,
}

/// A subscriber to add or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscriber {
    pub email: String,
    pub name: String,
    pub cadence: Cadence,
    pub format: MailFormat,
    pub timezone: Option<chrono_tz::Tz>,
    pub hour: Option<u8>,
}

/// A time zone name, checked.
pub fn parse_zone(text: &str) -> Result<chrono_tz::Tz, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "`{}` is not a time zone: use an IANA name such as Europe/London",
            text.trim()
        )
    })
}

/// An hour of the day, 0 to 23.
pub fn parse_hour(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(h) if h < 24 => Ok(h),
        _ => Err(format!("`{}` is not an hour: use 0 to 23", text.trim())),
    }
}

/// Checks an address the way the mailer will use it, and normalises it: trimmed, with the
/// domain in lower case (the local part is left as written, since servers may tell case apart).
pub fn normalise_address(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let address: lettre::Address = trimmed
        .parse()
        .map_err(|_| format!("`{trimmed}` is not an email address"))?;
    if address.domain().contains(char::is_whitespace) || !address.domain().contains('.') {
        return Err(format!(
            "`{trimmed}` has no valid domain (like example.org)"
        ));
    }
    Ok(format!(
        "{}@{}",
        address.user(),
        address.domain().to_lowercase()
    ))
}

/// A display name safe to put in a header: no control characters, trimmed.
pub fn clean_name(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Column names, lower-cased, accepted for each field: ours and those of common mailing-list
/// exports (Mailchimp, listmonk, Google Contacts, generic).
const EMAIL_COLUMNS: [&str; 5] = [
    "email",
    "email address",
    "e-mail",
    "e-mail address",
    "email_address",
];
const NAME_COLUMNS: [&str; 4] = ["name", "full name", "display name", "fullname"];
const FIRST_COLUMNS: [&str; 3] = ["first name", "first_name", "given name"];
const LAST_COLUMNS: [&str; 3] = ["last name", "last_name", "family name"];

/// Reads a CSV export. Good rows come back; every bad row is a diagnostic with its line number,
/// so one bad address never stops an import.
pub fn read_csv(
    path: &Path,
    default_cadence: Cadence,
    default_format: MailFormat,
) -> Result<(Vec<NewSubscriber>, Diagnostics), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(email_col) = find(&EMAIL_COLUMNS) else {
        return Err(Error::Invalid(Diagnostics(vec![
            Diagnostic::error(path, "no email column in the header line")
                .at(Some((1, 1)))
                .help(format!(
                    "name a column one of: {}",
                    EMAIL_COLUMNS.join(", ")
                )),
        ])));
    };
    let (name_col, first_col, last_col) = (
        find(&NAME_COLUMNS),
        find(&FIRST_COLUMNS),
        find(&LAST_COLUMNS),
    );
    let (cadence_col, format_col) = (find(&["cadence"]), find(&["format"]));
    let (zone_col, hour_col) = (
        find(&["timezone", "time zone", "tz"]),
        find(&["hour", "send hour"]),
    );

    let mut good = Vec::new();
    let mut bad = Diagnostics::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                bad.push(
                    Diagnostic::error(path, format!("unreadable row: {e}"))
                        .at(line.map(|l| (l, 1))),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("").trim();
        let mut row_error = |field: &str, msg: String, help: &str| {
            bad.push(
                Diagnostic::error(path, msg)
                    .at(Some((line, 1)))
                    .field(field)
                    .help(help),
            );
        };
        let email = match normalise_address(get(Some(email_col))) {
            Ok(e) => e,
            Err(msg) => {
                row_error(
                    &headers[email_col],
                    msg,
                    "fix the address, or delete the row",
                );
                continue;
            }
        };
        let name = match (get(name_col), get(first_col), get(last_col)) {
            (n, _, _) if !n.is_empty() => n.to_string(),
            (_, f, l) => format!("{f} {l}"),
        };
        let cadence = match get(cadence_col) {
            "" => default_cadence,
            text => match text.parse() {
                Ok(c) => c,
                Err(msg) => {
                    row_error("cadence", msg, "daily or weekly");
                    continue;
                }
            },
        };
        let format = match get(format_col) {
            "" => default_format,
            text => match text.parse() {
                Ok(f) => f,
                Err(msg) => {
                    row_error("format", msg, "html or text");
                    continue;
                }
            },
        };
        let timezone = match get(zone_col) {
            "" => None,
            text => match parse_zone(text) {
                Ok(z) => Some(z),
                Err(msg) => {
                    row_error("timezone", msg, "e.g. Europe/London, America/Chicago");
                    continue;
                }
            },
        };
        let hour = match get(hour_col) {
            "" => None,
            text => match parse_hour(text) {
                Ok(h) => Some(h),
                Err(msg) => {
                    row_error("hour", msg, "0 to 23");
                    continue;
                }
            },
        };
        good.push(NewSubscriber {
            email,
            name: clean_name(&name),
            cadence,
            format,
            timezone,
            hour,
        });
    }
    Ok((good, bad))
}

/// Writes subscribers as CSV with a header line, in the columns `read_csv` reads back.
pub fn write_csv<W: std::io::Write>(out: W, subscribers: &[Subscriber]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["email", "name", "cadence", "format", "status"])
        .map_err(std::io::Error::from)?;
    for s in subscribers {
        let status = if s.active { "active" } else { "unsubscribed" };
        w.write_record([
            s.email.as_str(),
            &s.name,
            s.cadence.as_str(),
            s.format.as_str(),
            status,
        ])
        .map_err(std::io::Error::from)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_addresses() {
        assert_eq!(
            normalise_address("  Anna@Example.ORG ").unwrap(),
            "Anna@example.org"
        );
        assert!(normalise_address("anna").is_err());
        assert!(normalise_address("anna@localhost").is_err());
        assert!(normalise_address("a b@example.org").is_err());
        assert!(normalise_address("anna@example.org\r\nBcc: x@y.z").is_err());
    }

    #[test]
    fn cleans_names_for_headers() {
        assert_eq!(
            clean_name(" Anna\r\nBcc: evil@example.org "),
            "Anna Bcc: evil@example.org"
        );
    }

    #[test]
    fn reads_a_mailchimp_export_and_reports_bad_rows_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(
            &path,
            "\u{feff}Email Address,First Name,Last Name,MEMBER_RATING\n\
             anna@example.org,Anna,Berg,2\n\
             not-an-address,Bo,,1\n\
             carl@example.org,,,3\n",
        )
        .unwrap();
        let (good, bad) = read_csv(&path, Cadence::Weekly, MailFormat::Html).unwrap();
        assert_eq!(good.len(), 2);
        assert_eq!(good[0].name, "Anna Berg");
        assert_eq!(good[1].name, "");
        assert_eq!(good[0].cadence, Cadence::Weekly);
        assert_eq!(bad.0.len(), 1);
        assert_eq!(bad.0[0].location, Some((3, 1)));
        assert_eq!(bad.0[0].field.as_deref(), Some("email address"));
    }
}
