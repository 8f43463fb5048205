//! Subscribers: who gets which digest, validated, and moved in and out as CSV.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::content::locale::Language;
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
    /// The language of their digests, if not the schedule's `language`.
    pub language: Option<Language>,
    /// Whether urgent requests (`alert`) are mailed to them as they are issued.
    pub urgent: bool,
}

/// A subscriber to add or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscriber {
    /// The language of their digests; `None` keeps the schedule's (or, for a known
    /// subscriber, the one they had).
    pub language: Option<Language>,
    pub email: String,
    pub name: String,
    pub cadence: Cadence,
    pub format: MailFormat,
    pub timezone: Option<chrono_tz::Tz>,
    pub hour: Option<u8>,
    /// Urgent requests by email; `None` keeps what a known subscriber chose (a new one: off).
    pub urgent: Option<bool>,
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

/// A yes-or-no cell or flag value (`yes`, `no`, `true`, `false`, `1`, `0`, any case).
pub fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" | "1" | "on" => Ok(true),
        "no" | "false" | "0" | "off" => Ok(false),
        other => Err(format!("`{other}` is not yes or no")),
    }
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
    if address.domain().starts_with('[') {
        return Err(format!(
            "`{trimmed}` names a server by its IP address, which mail cannot be sent to: \
             use an address at a domain, like name@example.org"
        ));
    }
    if address.user().contains(['"', '\\']) {
        return Err(format!(
            "`{trimmed}` has a quoted name before the @, which mail servers refuse: \
             use one without quotes, like name@example.org"
        ));
    }
    let last = address.domain().rsplit('.').next().unwrap_or_default();
    if address.domain().contains(char::is_whitespace)
        || !address.domain().contains('.')
        || address.domain().split('.').any(str::is_empty)
        || last.chars().all(|c| c.is_ascii_digit())
    {
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

/// One good row of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub subscriber: NewSubscriber,
    /// Their unsubscribe token, from an export of ours: kept, so that the links already mailed
    /// to them keep working.
    pub token: Option<String>,
    /// False for a row marked unsubscribed: recorded so that no later import subscribes them.
    pub active: bool,
    /// The line the row starts on.
    pub line: usize,
}

/// How spreadsheets are told to write what `read_csv` reads.
const SAVE_AS_UTF8: &str = "save it as UTF-8: in Excel, File > Save As > \"CSV UTF-8 (Comma \
                            delimited)\"; in LibreOffice, Save As > Text CSV, character set \
                            \"Unicode (UTF-8)\"; in Numbers, Export To > CSV, encoding UTF-8";

/// Reads a CSV export: comma- or semicolon-separated (as spreadsheets in countries with a
/// decimal comma write it), UTF-8 with or without a byte-order mark, any line endings. Good
/// rows come back; every bad row is a diagnostic with its line number, so one bad address
/// never stops an import. A file that cannot be read safely as a whole (not UTF-8, a quote
/// that never closes) is an error and nothing is imported.
pub fn read_csv(
    path: &Path,
    default_cadence: Cadence,
    default_format: MailFormat,
) -> Result<(Vec<ImportRow>, Diagnostics), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    let text = utf8_text(path, &bytes)?;
    let delimiter = delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(invalid(
            Diagnostic::error(path, "this quote (\") is never closed, so every line after it would be read as one field")
                .at(Some((line, 1)))
                .help("close the quote, or remove it; nothing was imported"),
        ));
    }
    let lines = LineStarts::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(email_col) = find(&EMAIL_COLUMNS) else {
        return Err(invalid(
            Diagnostic::error(path, "no email column in the header line")
                .at(Some((1, 1)))
                .help(format!(
                    "name a column one of: {}",
                    EMAIL_COLUMNS.join(", ")
                )),
        ));
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
    let (status_col, token_col) = (find(&["status"]), find(&["token"]));
    let language_col = find(&["language", "lang", "locale"]);
    let urgent_col = find(&["urgent", "urgent requests"]);
    let used = [
        language_col,
        urgent_col,
        Some(email_col),
        name_col,
        first_col,
        last_col,
        cadence_col,
        format_col,
        zone_col,
        hour_col,
        status_col,
        token_col,
    ];

    let mut good: Vec<ImportRow> = Vec::new();
    let mut bad = Diagnostics::default();
    let mut tokens: std::collections::HashMap<String, usize> = Default::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.line_of(p.byte()));
                bad.push(
                    Diagnostic::error(path, format!("unreadable row: {e}"))
                        .at(line.map(|l| (l, 1))),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        let get = |col: Option<usize>| {
            from_spreadsheet(col.and_then(|c| record.get(c)).unwrap_or("").trim())
        };
        let mut row_error = |field: &str, msg: String, help: &str| {
            bad.push(
                Diagnostic::error(path, msg)
                    .at(Some((line, 1)))
                    .field(field)
                    .help(help),
            );
        };
        if let Some(col) = used
            .into_iter()
            .flatten()
            .find(|&c| get(Some(c)).contains(['\n', '\r']))
        {
            let last = line + get(Some(col)).lines().count() - 1;
            row_error(
                &headers[col],
                format!("a line break inside the field (quoted from line {line} to line {last})"),
                "put it on one line",
            );
            continue;
        }
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
        let language = match get(language_col) {
            "" => None,
            text => match Language::parse(text) {
                Ok(l) => Some(l),
                Err(msg) => {
                    row_error("language", msg, "a language tag such as es, pt-BR or ar");
                    continue;
                }
            },
        };
        let urgent = match get(urgent_col) {
            "" => None,
            text => match parse_yes_no(text) {
                Ok(u) => Some(u),
                Err(msg) => {
                    row_error("urgent", msg, "yes or no (empty means no)");
                    continue;
                }
            },
        };
        let active = match get(status_col).to_lowercase().as_str() {
            "" | "active" | "subscribed" => true,
            "unsubscribed" => false,
            other => {
                row_error(
                    "status",
                    format!("`{other}` is not one of: active, unsubscribed"),
                    "active or unsubscribed (empty means active)",
                );
                continue;
            }
        };
        let token = match get(token_col) {
            "" => None,
            text if is_token(text) => match tokens.insert(text.to_string(), line) {
                Some(first) => {
                    row_error(
                        "token",
                        format!("the same token as line {first}"),
                        "each subscriber has a token of their own; empty the column for one of them",
                    );
                    continue;
                }
                None => Some(text.to_string()),
            },
            text => {
                row_error(
                    "token",
                    format!("`{text}` is not an unsubscribe token of prayer-guide (32 hex digits)"),
                    "leave the token empty to give them a new one",
                );
                continue;
            }
        };
        good.push(ImportRow {
            subscriber: NewSubscriber {
                language,
                email,
                name: clean_name(&name),
                cadence,
                format,
                timezone,
                hour,
                urgent,
            },
            token,
            active,
            line,
        });
    }
    Ok((good, bad))
}

fn invalid(d: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![d]))
}

/// Whether `text` looks like a token we make: 128 bits as 32 lower-case hex digits.
pub fn is_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The file as UTF-8 text without a byte-order mark, or an error naming the first line that
/// is not UTF-8 (Excel's plain "CSV" writes the Windows code page; its "Unicode Text" UTF-16).
fn utf8_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, Error> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(invalid(
            Diagnostic::error(
                path,
                "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV",
            )
            .at(Some((1, 1)))
            .help(SAVE_AS_UTF8),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before
            .rsplit(|&b| b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
            + 1;
        invalid(
            Diagnostic::error(
                path,
                "not UTF-8 text here: the file was saved in another encoding (Excel's \"CSV\" \
                 uses the Windows code page, e.g. Windows-1252), so accented letters would be \
                 misread",
            )
            .at(Some((line, column)))
            .help(format!("{SAVE_AS_UTF8}; nothing was imported")),
        )
    })
}

/// The separator of the header line: `;` where spreadsheets write semicolon-separated files
/// (in countries with a decimal comma), a tab, or `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut in_quotes = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => counts[0] += 1,
            ';' if !in_quotes => counts[1] += 1,
            '\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 0)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The line of a quote that opens a field and never closes, read by the rules the csv crate
/// follows: a quote is special only at the start of a field, `""` inside quotes is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    enum At {
        FieldStart,
        Unquoted,
        Quoted(usize),
        AfterQuote,
    }
    let mut at = At::FieldStart;
    let mut line = 1;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        at = match at {
            At::Quoted(opened) => match b {
                b'"' if bytes.peek() == Some(&b'"') => {
                    bytes.next();
                    At::Quoted(opened)
                }
                b'"' => At::AfterQuote,
                _ => At::Quoted(opened),
            },
            At::FieldStart if b == b'"' => At::Quoted(line),
            _ if b == delimiter || b == b'\n' => At::FieldStart,
            At::AfterQuote if b == b'\r' => At::AfterQuote,
            _ => At::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    match at {
        At::Quoted(opened) => Some(opened),
        _ => None,
    }
}

/// Byte offset → line number, for the csv crate's record positions, which on CRLF files point
/// at the `\n` ending the line before (its own line count is then one short).
struct LineStarts<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> LineStarts<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts {
            text: text.as_bytes(),
            starts,
        }
    }

    /// The line of the first character at or after `byte` that is not a line ending.
    fn line_of(&self, byte: u64) -> usize {
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        self.starts.partition_point(|&start| start <= byte)
    }
}

/// Writes subscribers as CSV with a header line, in the columns `read_csv` reads back: with
/// their own time zone and hour (empty: the schedule's), whether they are active, and their
/// unsubscribe token, so that export then import loses nothing and mailed links keep working.
pub fn write_csv<W: std::io::Write>(out: W, subscribers: &[Subscriber]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EXPORT_COLUMNS)
        .map_err(std::io::Error::from)?;
    for s in subscribers {
        let status = if s.active { "active" } else { "unsubscribed" };
        let hour = s.hour.map(|h| h.to_string()).unwrap_or_default();
        w.write_record([
            &*spreadsheet_safe(&s.email),
            &*spreadsheet_safe(&s.name),
            s.cadence.as_str(),
            s.format.as_str(),
            s.timezone.map_or("", |z| z.name()),
            &hour,
            s.language.as_ref().map_or("", |l| l.as_str()),
            status,
            &s.token,
            if s.urgent { "yes" } else { "no" },
        ])
        .map_err(std::io::Error::from)?;
    }
    w.flush()
}

/// What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list), and the
/// quote that marks a cell as text.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell a spreadsheet shows as text: one that would start a formula (`=HYPERLINK(…)` in a
/// name typed on the web form) gets a `'` in front, which spreadsheets hide; a cell starting
/// with `'` gets one too, so [`from_spreadsheet`] gives every cell back exactly.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as [`spreadsheet_safe`] wrote it: the `'` in front of a formula character removed.
pub fn from_spreadsheet(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The columns of `subscribers export`.
/// `urgent` came last, after `token`: a file read by position before it still lines up.
pub const EXPORT_COLUMNS: [&str; 10] = [
    "email", "name", "cadence", "format", "timezone", "hour", "language", "status", "token",
    "urgent",
];

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
    fn formula_cells_are_written_as_text_and_read_back_exactly() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"https://x.example\")",
                "'=HYPERLINK(\"https://x.example\")",
            ),
            ("+1 555", "'+1 555"),
            ("-anna@example.org", "'-anna@example.org"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("'=x", "''=x"),
            ("'Ahmed", "''Ahmed"),
            ("Anna", "Anna"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), written);
            assert_eq!(from_spreadsheet(&spreadsheet_safe(cell)), cell);
        }
    }

    #[test]
    fn refuses_addresses_that_parse_but_cannot_be_mailed() {
        for unmailable in [
            "a@[127.0.0.1]",
            "a@[IPv6:::1]",
            "a@127.0.0.1",
            "\"a b\"@example.org",
            "\"anna\"@example.org",
            "a@example..org",
        ] {
            assert!(normalise_address(unmailable).is_err(), "{unmailable}");
        }
        assert_eq!(
            normalise_address("anna.o'brien+prayer@mail.example.org").unwrap(),
            "anna.o'brien+prayer@mail.example.org"
        );
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
        assert_eq!(good[0].subscriber.name, "Anna Berg");
        assert_eq!(good[1].subscriber.name, "");
        assert_eq!(good[0].subscriber.cadence, Cadence::Weekly);
        assert_eq!(bad.0.len(), 1);
        assert_eq!(bad.0[0].location, Some((3, 1)));
        assert_eq!(bad.0[0].field.as_deref(), Some("email address"));
    }

    #[test]
    fn finds_only_quotes_that_open_a_field_and_never_close() {
        let q = |text: &str| unclosed_quote(text, b',');
        assert_eq!(q("a,b\nc,\"d\ne,f\n"), Some(2));
        assert_eq!(q("a,b\r\nc,\"d \"\"x\"\" y\"\r\ne,f\r\n"), None);
        // A quote inside an unquoted field is a character, as the csv crate reads it.
        assert_eq!(q("a,O\"Neil\nb,c\n"), None);
        assert_eq!(q("a,\"two\nlines\"\n"), None);
        assert_eq!(q("\"a\"\"\n"), Some(1));
        assert_eq!(unclosed_quote("a;\"b;c\n", b';'), Some(1));
    }

    #[test]
    fn takes_the_separator_from_the_header_line() {
        assert_eq!(delimiter("email,name\n"), b',');
        assert_eq!(delimiter("Email;Name;\"Last, first\"\r\n"), b';');
        assert_eq!(delimiter("email\tname\n"), b'\t');
        assert_eq!(delimiter("email\n"), b',');
    }
}
