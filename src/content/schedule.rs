//! `schedule.toml`: what rotates, how, and where the outputs go.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::calendar::{WeekStart, YearlyRule};
use crate::content::church_year::{ChurchYear, Reckoning};
use crate::content::locale::Language;
use crate::content::parse::{FileFormat, hint, parse};
use crate::content::source::SourceFile;
use crate::error::Diagnostics;

/// The whole of `schedule.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The guide's title, shown on every output: one text, or one per language.
    pub title: crate::content::multilingual::Title,
    /// Day one of the rotation.
    #[serde(deserialize_with = "crate::content::de::date")]
    pub start: NaiveDate,
    /// The zone in which "today" is decided.
    #[serde(default = "utc", deserialize_with = "crate::content::de::time_zone")]
    pub timezone: chrono_tz::Tz,
    #[serde(default)]
    pub week_starts: WeekStart,
    /// Names the Sundays (Advent 1, Lent 2, ...) and reckons Easter for movable pins.
    #[serde(default)]
    pub church_year: ChurchYear,
    /// The output language, a BCP 47 tag: every label, date and the pages' `lang` and `dir`.
    #[serde(default)]
    pub language: Language,
    /// The language the guides are written in; other languages come from `guides/<tag>/`.
    #[serde(default)]
    pub guides_language: Language,
    /// How many prayer points a day shows.
    #[serde(default = "three")]
    pub points_per_day: usize,
    /// How many consecutive days a country keeps.
    #[serde(default = "one")]
    pub days_per_country: usize,
    /// Where the guides live, relative to schedule.toml.
    #[serde(default = "guides_dir")]
    pub guides: PathBuf,
    /// Where template overrides live, relative to schedule.toml.
    #[serde(default = "templates_dir")]
    pub templates: PathBuf,
    /// Where the project's own label files (`<tag>.ftl`) live, relative to schedule.toml.
    #[serde(default = "locales_dir")]
    pub locales: PathBuf,
    #[serde(default)]
    pub rotation: RotationConfig,
    /// Pinned days, written as `[[pin]]` tables.
    #[serde(default, rename = "pin")]
    pub pins: Vec<Pin>,
    #[serde(default)]
    pub output: OutputConfig,
    /// What a build publishes: `[publish]`.
    #[serde(default)]
    pub publish: PublishConfig,
    /// Email digests: `[email]`.
    #[serde(default)]
    pub email: crate::content::mail_config::EmailConfig,
    /// The web side of subscriptions: `[serve]`.
    pub serve: Option<crate::content::serve_config::ServeConfig>,
    /// Group chats the day's guide is posted to, written as `[[post]]` tables.
    #[serde(default, rename = "post")]
    pub posts: Vec<crate::content::post_config::PostChannel>,
    /// The daily reminder by Web Push: `[push]`.
    pub push: Option<crate::content::push_config::PushConfig>,
}

/// Every field of schedule.toml, how it is written: what `check` says about a wrong value.
pub const SCHEDULE_FORMAT: FileFormat = FileFormat {
    name: "schedule.toml",
    documented_in: "the manual, docs/src/schedule.md and docs/src/email.md",
    fields: &[
        hint(
            "title",
            "text in quotes",
            "title = \"Praying for the Persecuted Church\"",
        ),
        hint("start", "a date", "start = 2026-01-05"),
        hint(
            "timezone",
            "an IANA time zone name in quotes",
            "timezone = \"Europe/London\"",
        ),
        hint(
            "week_starts",
            "one of monday, sunday",
            "week_starts = \"monday\"",
        ),
        hint(
            "church_year",
            "one of western, orthodox, off",
            "church_year = \"western\"",
        ),
        hint(
            "language",
            "a language tag in quotes, such as es, pt-BR or ar",
            "language = \"es\"",
        ),
        hint(
            "guides_language",
            "a language tag in quotes, such as en",
            "guides_language = \"en\"",
        ),
        hint(
            "points_per_day",
            "a whole number from 1 to 12",
            "points_per_day = 3",
        ),
        hint(
            "days_per_country",
            "a whole number from 1 to 7",
            "days_per_country = 1",
        ),
        hint("guides", "a folder's path in quotes", "guides = \"guides\""),
        hint(
            "templates",
            "a folder's path in quotes",
            "templates = \"templates\"",
        ),
        hint(
            "locales",
            "a folder's path in quotes",
            "locales = \"locales\"",
        ),
        hint("rotation", "a table", "[rotation]"),
        hint(
            "rotation.order",
            "one of alphabetical, listed, by-region, weighted",
            "order = \"alphabetical\"",
        ),
        hint(
            "rotation.countries",
            "a list of country codes in quotes",
            "countries = [\"NG\", \"IN\"]",
        ),
        hint(
            "rotation.regions",
            "a list of region names in quotes",
            "regions = [\"South Asia\"]",
        ),
        hint(
            "rotation.weights",
            "a table of weights from 1 to 7",
            "weights = { extreme = 2, very-high = 1, high = 1, unrated = 1 }",
        ),
        hint(
            "rotation.weights.extreme",
            "a whole number from 1 to 7",
            "extreme = 2",
        ),
        hint(
            "rotation.weights.very-high",
            "a whole number from 1 to 7",
            "very-high = 1",
        ),
        hint(
            "rotation.weights.high",
            "a whole number from 1 to 7",
            "high = 1",
        ),
        hint(
            "rotation.weights.unrated",
            "a whole number from 1 to 7",
            "unrated = 1",
        ),
        hint("pin", "[[pin]] tables", "[[pin]]"),
        hint("pin.date", "a date", "date = 2026-12-25"),
        hint(
            "pin.rule",
            "a yearly rule in quotes",
            "rule = \"first sunday of november\"",
        ),
        hint(
            "pin.country",
            "a country code in quotes",
            "country = \"NG\"",
        ),
        hint(
            "pin.title",
            "text in quotes",
            "title = \"International Day of Prayer\"",
        ),
        hint(
            "pin.text",
            "text in quotes",
            "text = \"One to three paragraphs.\"",
        ),
        hint(
            "pin.points",
            "a list of sentences in quotes",
            "points = [\"Pray for ...\"]",
        ),
        hint(
            "pin.scripture",
            "a Bible reference in quotes",
            "scripture = \"1 Corinthians 12:26\"",
        ),
        hint("output", "a table", "[output]"),
        hint(
            "output.dir",
            "a folder's path in quotes",
            "dir = \"public\"",
        ),
        hint(
            "output.private_dir",
            "a folder's path in quotes",
            "private_dir = \"private\"",
        ),
        hint(
            "output.formats",
            "a list of html, txt, json, bulletin, ics, atom, pdf",
            "formats = [\"html\", \"txt\"]",
        ),
        hint("output.paper", "one of a4, letter", "paper = \"a4\""),
        hint(
            "output.notes",
            "text in quotes",
            "notes = \"Prayer meeting on Wednesdays at 7pm.\"",
        ),
        hint(
            "output.notes_file",
            "a file's path in quotes",
            "notes_file = \"notes.md\"",
        ),
        hint(
            "output.feed_days",
            "a whole number from 1 to 366",
            "feed_days = 14",
        ),
        hint(
            "output.base_url",
            "a web address in quotes",
            "base_url = \"https://example.org/prayer/\"",
        ),
        hint(
            "output.church",
            "text in quotes",
            "church = \"St Mark's, Easton\"",
        ),
        hint(
            "output.short_name",
            "text in quotes",
            "short_name = \"Pray daily\"",
        ),
        hint("publish", "a table", "[publish]"),
        hint(
            "publish.ahead_days",
            "a whole number of days from 0 to 366",
            "ahead_days = 7",
        ),
        hint("email", "a table", "[email]"),
        hint(
            "email.database",
            "a file's path in quotes",
            "database = \"state/prayer-guide.sqlite\"",
        ),
        hint(
            "email.from",
            "an email address in quotes",
            "from = \"Prayer Team <prayer@example.org>\"",
        ),
        hint(
            "email.reply_to",
            "an email address in quotes",
            "reply_to = \"office@example.org\"",
        ),
        hint(
            "email.list_id",
            "text in quotes",
            "list_id = \"Prayer guide <prayer.example.org>\"",
        ),
        hint(
            "email.subject_daily",
            "a template in quotes",
            "subject_daily = \"{{ heading }}: {{ date_long }}\"",
        ),
        hint(
            "email.subject_weekly",
            "a template in quotes",
            "subject_weekly = \"This week: {{ range }}\"",
        ),
        hint(
            "email.unsubscribe_url",
            "a web address in quotes, with {token}",
            "unsubscribe_url = \"https://example.org/unsubscribe?token={token}\"",
        ),
        hint(
            "email.unsubscribe_mailto",
            "an email address in quotes",
            "unsubscribe_mailto = \"unsubscribe@example.org\"",
        ),
        hint(
            "email.transport",
            "one of smtp, sendmail, directory",
            "transport = \"smtp\"",
        ),
        hint(
            "email.directory",
            "a folder's path in quotes",
            "directory = \"outbox\"",
        ),
        hint(
            "email.sendmail",
            "a program's path in quotes",
            "sendmail = \"/usr/sbin/sendmail\"",
        ),
        hint("email.connections", "a whole number", "connections = 8"),
        hint("email.attempts", "a whole number", "attempts = 5"),
        hint(
            "email.retry_delay_ms",
            "a whole number of milliseconds",
            "retry_delay_ms = 2000",
        ),
        hint(
            "email.max_per_second",
            "a whole number (0: no limit)",
            "max_per_second = 0",
        ),
        hint(
            "email.max_per_day",
            "a whole number (0: no limit)",
            "max_per_day = 0",
        ),
        hint("email.send_hour", "an hour from 0 to 23", "send_hour = 6"),
        hint(
            "email.catch_up_days",
            "a whole number of days",
            "catch_up_days = 0",
        ),
        hint(
            "email.keep_journal_days",
            "a whole number of days, 35 or more",
            "keep_journal_days = 40",
        ),
        hint(
            "email.bounce_address",
            "a plain address in quotes",
            "bounce_address = \"bounces@example.org\"",
        ),
        hint(
            "email.bounce_limit",
            "a whole number of hard bounces",
            "bounce_limit = 3",
        ),
        hint("email.dkim", "a table", "[email.dkim]"),
        hint(
            "email.dkim.selector",
            "a DNS label in quotes",
            "selector = \"prayer2026\"",
        ),
        hint(
            "email.dkim.domain",
            "a domain in quotes",
            "domain = \"example.org\"",
        ),
        hint(
            "email.dkim.key_file",
            "a file path in quotes",
            "key_file = \"/etc/prayer-guide/dkim.pem\"",
        ),
        hint("email.smtp", "a table", "[email.smtp]"),
        hint(
            "email.smtp.ca_file",
            "a file path in quotes",
            "ca_file = \"/etc/prayer-guide/relay-ca.pem\"",
        ),
        hint(
            "email.smtp.host",
            "a host name in quotes",
            "host = \"smtp.example-provider.com\"",
        ),
        hint("email.smtp.port", "a port number", "port = 587"),
        hint(
            "email.smtp.security",
            "one of starttls, tls, none",
            "security = \"starttls\"",
        ),
        hint(
            "email.smtp.username",
            "text in quotes",
            "username = \"prayer@example.org\"",
        ),
        hint(
            "email.smtp.password_env",
            "an environment variable's name in quotes",
            "password_env = \"SMTP_PASSWORD\"",
        ),
        hint(
            "email.smtp.password_file",
            "a file's path in quotes",
            "password_file = \"/etc/prayer-guide/smtp-password\"",
        ),
        hint(
            "email.smtp.timeout_secs",
            "a whole number of seconds",
            "timeout_secs = 30",
        ),
        hint("post", "[[post]] tables", "[[post]]"),
        hint(
            "post.name",
            "a name in quotes: lowercase letters, digits, - and _",
            "name = \"youth-telegram\"",
        ),
        hint(
            "post.network",
            "one of matrix, telegram, slack, discord",
            "network = \"telegram\"",
        ),
        hint(
            "post.edition",
            "one of daily, weekly",
            "edition = \"daily\"",
        ),
        hint("post.hour", "an hour from 0 to 23", "hour = 7"),
        hint(
            "post.language",
            "a language tag in quotes, such as es",
            "language = \"es\"",
        ),
        hint(
            "post.homeserver",
            "an https address in quotes",
            "homeserver = \"https://matrix.example.org\"",
        ),
        hint(
            "post.room",
            "a room ID in quotes",
            "room = \"!abc123:example.org\"",
        ),
        hint(
            "post.chat_id",
            "a chat ID (a number) or \"@channel\"",
            "chat_id = -1001234567890",
        ),
        hint(
            "post.api_url",
            "an https address in quotes",
            "api_url = \"https://api.telegram.org\"",
        ),
        hint(
            "post.token_env",
            "an environment variable's name in quotes",
            "token_env = \"TELEGRAM_TOKEN\"",
        ),
        hint(
            "post.token_file",
            "a file's path in quotes",
            "token_file = \"secrets/telegram\"",
        ),
        hint(
            "post.webhook_env",
            "an environment variable's name in quotes",
            "webhook_env = \"DISCORD_WEBHOOK\"",
        ),
        hint(
            "post.webhook_file",
            "a file's path in quotes",
            "webhook_file = \"secrets/discord\"",
        ),
        hint("serve", "a table", "[serve]"),
        hint(
            "serve.public_url",
            "a web address in quotes",
            "public_url = \"https://example.org/prayer/\"",
        ),
        hint(
            "serve.listen",
            "an address and port in quotes",
            "listen = \"127.0.0.1:8080\"",
        ),
        hint(
            "serve.confirm_hours",
            "a whole number of hours from 1 to 336",
            "confirm_hours = 48",
        ),
        hint(
            "serve.signups_per_hour",
            "a whole number",
            "signups_per_hour = 60",
        ),
        hint(
            "serve.languages",
            "a list of language tags in quotes",
            "languages = [\"en\", \"es\"]",
        ),
        hint(
            "serve.header_timeout_seconds",
            "a whole number of seconds from 1 to 300",
            "header_timeout_seconds = 10",
        ),
        hint(
            "serve.embed_origins",
            "a list of origins in quotes (scheme and host)",
            "embed_origins = [\"https://church.example\"]",
        ),
        hint(
            "serve.trusted_proxies",
            "a list of addresses or CIDR ranges in quotes",
            "trusted_proxies = [\"127.0.0.1\", \"::1\"]",
        ),
        hint(
            "serve.connections_per_address",
            "a whole number from 1 to 512",
            "connections_per_address = 32",
        ),
        hint(
            "serve.proof_of_work",
            "0 (off) or a whole number of bits from 8 to 24",
            "proof_of_work = 16",
        ),
        hint(
            "serve.prayers_per_hour",
            "a whole number from 1 to 100000",
            "prayers_per_hour = 300",
        ),
        hint("push", "a table", "[push]"),
        hint(
            "push.key_file",
            "a file's path in quotes",
            "key_file = \"state/vapid.pem\"",
        ),
        hint(
            "push.key_env",
            "an environment variable's name in quotes",
            "key_env = \"VAPID_KEY\"",
        ),
        hint(
            "push.subject",
            "a mailto: or https: address in quotes",
            "subject = \"mailto:prayer@example.org\"",
        ),
        hint(
            "push.ttl_hours",
            "a whole number from 1 to 168",
            "ttl_hours = 12",
        ),
        hint("push.hour", "a whole number from 0 to 23", "hour = 7"),
        hint(
            "push.subscriptions_per_hour",
            "a whole number",
            "subscriptions_per_hour = 30",
        ),
    ],
};

fn utc() -> chrono_tz::Tz {
    chrono_tz::UTC
}
fn three() -> usize {
    3
}
fn one() -> usize {
    1
}
fn guides_dir() -> PathBuf {
    "guides".into()
}
fn templates_dir() -> PathBuf {
    "templates".into()
}
fn locales_dir() -> PathBuf {
    "locales".into()
}

/// The order countries come round in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Every guide, by country name.
    #[default]
    Alphabetical,
    /// The codes in `countries`, in that order; guides not listed do not rotate.
    Listed,
    /// Grouped by region (in `regions` order, then any others by name), by name within a region.
    ByRegion,
    /// By name, with countries under the most severe pressure coming round more often.
    Weighted,
}

/// `[rotation]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotationConfig {
    #[serde(default)]
    pub order: Order,
    /// Country codes, for `order = "listed"`.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Region names, for `order = "by-region"`.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub weights: Weights,
}

/// How many times a cycle visits a country of each persecution level (`order = "weighted"`).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Weights {
    #[serde(default = "two")]
    pub extreme: u32,
    #[serde(default = "one_u32")]
    pub very_high: u32,
    #[serde(default = "one_u32")]
    pub high: u32,
    /// For guides that state no level.
    #[serde(default = "one_u32")]
    pub unrated: u32,
}

fn two() -> u32 {
    2
}
fn one_u32() -> u32 {
    1
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            extreme: 2,
            very_high: 1,
            high: 1,
            unrated: 1,
        }
    }
}

/// A pinned day: a fixed date or a yearly rule, given to a country or to a theme. Read by
/// `content::multilingual`, which takes its `[pin.es]` tables.
#[derive(Debug, Clone, Default)]
pub struct Pin {
    pub date: Option<NaiveDate>,
    /// A yearly rule such as "first sunday of november".
    pub rule: Option<String>,
    /// A country code: the day goes to that country.
    pub country: Option<String>,
    /// A theme's title: the day goes to the theme.
    pub title: Option<String>,
    /// The theme's text, 1 to 3 paragraphs.
    pub text: Option<String>,
    pub points: Vec<String>,
    pub scripture: Option<String>,
    /// A theme's words in other languages (`[pin.es]`).
    pub languages: std::collections::BTreeMap<Language, crate::content::multilingual::PinWords>,
}

/// Paper for printed sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// An output format of `build`. The doc comments are the `--format` help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A web page per day and per week; the week's is the sheet that prints on one page
    Html,
    /// Plain text per day and per week, wrapped at 72 columns for email and chats
    Txt,
    /// The data per day and per week (the manual documents it), plus today.json and
    /// this-week.json
    Json,
    /// Per week, the half-page bulletin insert: two copies on one landscape sheet, cut in half
    Bulletin,
    /// One calendar, calendar.ics: an all-day event per day for 12 months (or --from/--to)
    Ics,
    /// One Atom feed, feed.xml: the most recent days (`feed_days` in schedule.toml)
    Atom,
    /// Print-ready PDFs per week (the sheet, the bulletin insert; with --large the 14 pt
    /// sheet) and per month (the calendar), each fitted to its page
    Pdf,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use clap::ValueEnum as _;
        let value = self.to_possible_value().expect("no format is hidden");
        f.write_str(value.get_name())
    }
}

impl Format {
    /// How a day's or week's file name ends: `html`, `bulletin.html`; for the formats of one
    /// file per build, the ending of that file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Json => "json",
            Format::Bulletin => "bulletin.html",
            Format::Ics => "ics",
            Format::Atom => "xml",
            Format::Pdf => "pdf",
        }
    }

    /// Whether the format writes a file for each day.
    pub fn per_day(self) -> bool {
        matches!(self, Format::Html | Format::Txt | Format::Json)
    }

    /// Whether the format writes a file for each week.
    pub fn per_week(self) -> bool {
        matches!(
            self,
            Format::Html | Format::Txt | Format::Json | Format::Bulletin
        )
    }
}

/// `[output]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// Relative to schedule.toml.
    #[serde(default = "public_dir")]
    pub dir: PathBuf,
    /// Where `build --private` writes, relative to schedule.toml: never inside `dir`.
    #[serde(default = "private_dir")]
    pub private_dir: PathBuf,
    #[serde(default = "default_formats")]
    pub formats: Vec<Format>,
    #[serde(default)]
    pub paper: Paper,
    /// The church's own text for the weekly sheet's notes box: plain text, paragraphs
    /// separated by blank lines. Once the project is loaded, this also holds `notes_file`'s text.
    pub notes: Option<String>,
    /// A file holding the notes instead of `notes`, relative to schedule.toml.
    pub notes_file: Option<PathBuf>,
    /// How many days the Atom feed holds, ending at the day built.
    #[serde(default = "fourteen")]
    pub feed_days: usize,
    /// Where the published files are served from (`https://example.org/prayer/`), for absolute
    /// links in the feed, the calendar and the site. Always ends with `/` once parsed.
    pub base_url: Option<String>,
    /// The church's name, printed under the title of the PDF sheet, bulletin and calendar.
    pub church: Option<String>,
    /// The site's name under its icon once installed as an app (about 12 characters fit).
    /// Default: the title if it fits, else its first words or its initials.
    pub short_name: Option<String>,
}

/// `[publish]`: how far ahead of today a build fixes the days it writes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// Days after today that a build into an output folder publishes (records in the ledger,
    /// never to change), to the end of that day's week. Days a build shows further ahead are
    /// announced, not published.
    #[serde(default = "seven")]
    pub ahead_days: u32,
}

/// A week ahead, to the end of that week: through the end of next week, whatever day of the
/// week today is, so next week's printed sheet is published as soon as it is built.
pub const DEFAULT_AHEAD_DAYS: u32 = 7;

fn seven() -> u32 {
    DEFAULT_AHEAD_DAYS
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig {
            ahead_days: DEFAULT_AHEAD_DAYS,
        }
    }
}

/// The notes box of the weekly sheet holds this many characters; the print test fills it.
pub const MAX_NOTES_CHARS: usize = 500;

fn public_dir() -> PathBuf {
    "public".into()
}
fn private_dir() -> PathBuf {
    "private".into()
}
fn default_formats() -> Vec<Format> {
    vec![Format::Html, Format::Txt]
}
fn fourteen() -> usize {
    14
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            dir: public_dir(),
            private_dir: private_dir(),
            formats: default_formats(),
            paper: Paper::default(),
            notes: None,
            notes_file: None,
            feed_days: fourteen(),
            base_url: None,
            church: None,
            short_name: None,
        }
    }
}

/// Why `notes` cannot go on the sheet, if it cannot: `None` when it fits.
pub fn notes_problem(notes: &str) -> Option<String> {
    let n = notes.trim().chars().count();
    (n > MAX_NOTES_CHARS).then(|| {
        format!("the notes are {n} characters; the weekly sheet has room for {MAX_NOTES_CHARS}")
    })
}

/// Checks a `base_url` and returns it ending with `/`, or says what is wrong.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an http(s) address"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") {
        return Err(format!("`{url}` has no host name"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>'))
    {
        return Err(format!(
            "`{url}` contains {c:?}; give the folder's address only"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// When a pin applies, once its rule is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinWhen {
    Date(NaiveDate),
    Yearly(YearlyRule),
}

impl Pin {
    /// The pin's date or rule, movable feasts reckoned by `reckoning`; `None` only for a pin
    /// that failed validation.
    pub fn when(&self, reckoning: Reckoning) -> Option<PinWhen> {
        match (&self.date, &self.rule) {
            (Some(d), None) => Some(PinWhen::Date(*d)),
            (None, Some(r)) => r
                .parse::<YearlyRule>()
                .ok()
                .map(|rule| PinWhen::Yearly(rule.reckoned(reckoning))),
            _ => None,
        }
    }
}

impl Schedule {
    /// Parses `schedule.toml` and checks what serde cannot. Country codes are checked later,
    /// against the catalog.
    /// Every problem goes into `out`; `None` only when the file cannot be read through at all.
    pub fn parse(file: &SourceFile, out: &mut Diagnostics) -> Option<Schedule> {
        let mut parsed = parse::<Schedule>(file, &SCHEDULE_FORMAT);
        let later = parsed.value.as_mut().map(|schedule| {
            let mut later = Diagnostics::default();
            schedule.validate(file, &mut later);
            later
        });
        parsed.add_checks(later.unwrap_or_default());
        out.extend(parsed.diagnostics);
        parsed.value
    }

    /// Checks what serde cannot, and completes `base_url` with its `/`.
    fn validate(&mut self, file: &SourceFile, out: &mut Diagnostics) {
        let schedule = self;
        crate::content::multilingual::validate(schedule, file, out);
        let mut err = |table: Option<&str>, key: &str, msg: String, help: &str| {
            out.push(file.error_at(table, key, msg).help(help));
        };
        if schedule.title.trim().is_empty() && !schedule.title.is_table() {
            err(
                None,
                "title",
                "the title is empty".into(),
                "e.g. title = \"Praying for the persecuted church\"",
            );
        }
        if schedule.points_per_day == 0 || schedule.points_per_day > 12 {
            err(
                None,
                "points_per_day",
                format!("{} points a day", schedule.points_per_day),
                "use 1 to 12 (3 is usual)",
            );
        }
        if schedule.days_per_country == 0 || schedule.days_per_country > 7 {
            err(
                None,
                "days_per_country",
                format!("{} days a country", schedule.days_per_country),
                "use 1 to 7",
            );
        }
        if schedule.rotation.order == Order::Listed && schedule.rotation.countries.is_empty() {
            err(
                Some("rotation"),
                "order",
                "`listed` needs a list of countries".into(),
                "add countries = [\"NG\", \"IN\", ...] under [rotation]",
            );
        }
        if schedule.rotation.order != Order::Listed && !schedule.rotation.countries.is_empty() {
            err(
                Some("rotation"),
                "countries",
                "`countries` only applies to order = \"listed\"".into(),
                "set order = \"listed\" or remove `countries`",
            );
        }
        let w = schedule.rotation.weights;
        if [w.extreme, w.very_high, w.high, w.unrated]
            .iter()
            .any(|&x| x == 0 || x > 7)
        {
            err(
                Some("rotation"),
                "weights",
                "a weight is out of range".into(),
                "each weight is 1 to 7",
            );
        }
        if schedule.output.formats.is_empty() {
            err(
                Some("output"),
                "formats",
                "no formats".into(),
                "e.g. formats = [\"html\", \"txt\"]",
            );
        }
        let output = &schedule.output;
        if output.notes.is_some() && output.notes_file.is_some() {
            err(
                Some("output"),
                "notes_file",
                "both `notes` and `notes_file` are set".into(),
                "keep one: the text in `notes`, or a file named by `notes_file`",
            );
        }
        if let Some(problem) = output.notes.as_deref().and_then(notes_problem) {
            err(
                Some("output"),
                "notes",
                problem,
                "shorten the notes; longer news belongs in a notice of its own",
            );
        }
        if schedule.publish.ahead_days > 366 {
            err(
                Some("publish"),
                "ahead_days",
                format!("{} days ahead", schedule.publish.ahead_days),
                "use 0 to 366 (7, through the end of next week, is usual)",
            );
        }
        if output.feed_days == 0 || output.feed_days > 366 {
            err(
                Some("output"),
                "feed_days",
                format!("{} days in the feed", output.feed_days),
                "use 1 to 366 (14 is usual)",
            );
        }
        let base_url = output.base_url.as_deref().map(normalize_base_url);
        match base_url {
            Some(Err(problem)) => err(
                Some("output"),
                "base_url",
                problem,
                "the address the output folder is served from, e.g. \"https://example.org/prayer/\"",
            ),
            Some(Ok(url)) => schedule.output.base_url = Some(url),
            None => {}
        }
        if let Some(serve) = &mut schedule.serve {
            match serve.public_url.as_deref().map(normalize_base_url) {
                Some(Err(problem)) => err(
                    Some("serve"),
                    "public_url",
                    problem,
                    "the address readers reach `prayer-guide serve` at, e.g. \"https://example.org/prayer/\"",
                ),
                Some(Ok(url)) => serve.public_url = Some(url),
                None => serve.public_url = schedule.output.base_url.clone(),
            }
            if serve.public_url.is_none() {
                err(
                    None,
                    "serve",
                    "[serve] needs an address for the links it mails".into(),
                    "add public_url = \"https://example.org/prayer/\" under [serve], or base_url under [output]",
                );
            }
            if serve.listen.parse::<std::net::SocketAddr>().is_err() {
                err(
                    Some("serve"),
                    "listen",
                    format!("`{}` is not an address to listen on", serve.listen),
                    "an IP address and port, e.g. \"127.0.0.1:8080\"",
                );
            }
            if serve.confirm_hours == 0 || serve.confirm_hours > 24 * 14 {
                err(
                    Some("serve"),
                    "confirm_hours",
                    format!("{} hours", serve.confirm_hours),
                    "use 1 to 336 hours (48 is usual)",
                );
            }
            if serve.header_timeout_seconds == 0 || serve.header_timeout_seconds > 300 {
                err(
                    Some("serve"),
                    "header_timeout_seconds",
                    format!("{} seconds", serve.header_timeout_seconds),
                    "use 1 to 300 seconds (10 is usual)",
                );
            }
            for origin in serve.embed_origins.iter().flatten() {
                if let Some(problem) = crate::content::serve_config::origin_problem(origin) {
                    err(
                        Some("serve"),
                        "embed_origins",
                        problem,
                        "list the sites that may show the form in a frame, e.g. \
                         [\"https://church.example\"]; leave embed_origins out to allow any",
                    );
                }
            }
            for proxy in &serve.trusted_proxies {
                if let Err(problem) = proxy.parse::<crate::content::serve_config::Network>() {
                    err(
                        Some("serve"),
                        "trusted_proxies",
                        problem,
                        "addresses or ranges of the proxies in front, e.g. [\"127.0.0.1\", \"10.0.0.0/8\"]",
                    );
                }
            }
            if serve.connections_per_address == 0 || serve.connections_per_address > 512 {
                err(
                    Some("serve"),
                    "connections_per_address",
                    format!("{} connections", serve.connections_per_address),
                    "use 1 to 512 (32 is usual)",
                );
            }
            if serve.proof_of_work != 0 && !(8..=24).contains(&serve.proof_of_work) {
                err(
                    Some("serve"),
                    "proof_of_work",
                    format!("{} bits", serve.proof_of_work),
                    "use 0 (off) or 8 to 24 bits (16 takes a browser about a second at most)",
                );
            }
            if !(1..=100_000).contains(&serve.prayers_per_hour) {
                err(
                    Some("serve"),
                    "prayers_per_hour",
                    format!("{} an hour", serve.prayers_per_hour),
                    "use 1 to 100000 (300 is usual: a church of a few hundred on one network)",
                );
            }
            // Digests carry a link to this server's unsubscribe page unless [email] names another.
            if schedule.email.unsubscribe_url.is_none()
                && let Some(url) = &serve.public_url
            {
                schedule.email.unsubscribe_url = Some(format!("{url}unsubscribe?token={{token}}"));
            }
            // And an "I will pray" link to its page.
            if let Some(url) = &serve.public_url {
                schedule.email.pray_url = Some(format!("{url}pray"));
            }
        }
        if let Some(push) = &schedule.push {
            for (field, problem, help) in push.problems() {
                err(Some("push"), field, problem, help);
            }
        }
        let mut pin_err = |i: usize, key: &str, msg: String, help: &str| {
            out.push(file.error_in_item("pin", i, key, msg).help(help));
        };
        for (i, pin) in schedule.pins.iter().enumerate() {
            let n = i + 1;
            match (&pin.date, &pin.rule) {
                (Some(_), Some(_)) | (None, None) => pin_err(
                    i,
                    "date",
                    format!("pin {n} needs either `date` or `rule`, not both or neither"),
                    "date = 2026-12-25, or rule = \"first sunday of november\"",
                ),
                (None, Some(rule)) => {
                    if let Err(msg) = rule.parse::<YearlyRule>() {
                        pin_err(
                            i,
                            "rule",
                            format!("pin {n}: {msg}"),
                            "see the manual, docs/src/schedule.md",
                        );
                    }
                }
                (Some(_), None) => {}
            }
            match (&pin.country, &pin.title) {
                (Some(_), Some(_)) | (None, None) => pin_err(
                    i,
                    "country",
                    format!(
                        "pin {n} needs either `country` (a code) or `title` (a theme), not both or neither"
                    ),
                    "country = \"NG\", or title = \"...\" with text and points",
                ),
                (None, Some(_)) => {
                    if pin.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                        pin_err(
                            i,
                            "title",
                            format!("pin {n}: a theme needs `text`"),
                            "add text = \"...\"",
                        );
                    }
                    if pin.points.is_empty() {
                        pin_err(
                            i,
                            "title",
                            format!("pin {n}: a theme needs `points`"),
                            "add points = [\"...\"]",
                        );
                    }
                }
                (Some(_), None) => {
                    if pin.text.is_some() || !pin.points.is_empty() {
                        pin_err(
                            i,
                            "country",
                            format!(
                                "pin {n}: a country pin takes its text and points from the guide"
                            ),
                            "remove `text` and `points`, or use `title` for a theme",
                        );
                    }
                }
            }
        }
        schedule.email.validate(file, out);
        crate::content::post_config::validate(&schedule.posts, file, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Schedule>, Diagnostics) {
        let file = SourceFile {
            path: "schedule.toml".into(),
            text: text.into(),
        };
        let mut out = Diagnostics::default();
        (Schedule::parse(&file, &mut out), out)
    }

    #[test]
    fn fills_defaults() {
        let (s, out) = parse("title = \"T\"\nstart = 2026-01-05\n");
        let s = s.unwrap();
        assert!(out.0.is_empty());
        assert_eq!(s.points_per_day, 3);
        assert_eq!(s.days_per_country, 1);
        assert_eq!(s.week_starts, WeekStart::Monday);
        assert_eq!(s.output.formats, vec![Format::Html, Format::Txt]);
        assert_eq!(s.timezone, chrono_tz::UTC);
    }

    #[test]
    fn errors_on_unknown_key() {
        let (s, out) =
            parse("title = \"T\"\nstart = 2026-01-05\n[output]\npaper = \"a4\"\nformat = []\n");
        assert!(s.is_some(), "the rest is still read, to find more problems");
        assert_eq!(out.0.len(), 1, "{out}");
        assert_eq!(out.0[0].location, Some((5, 1)));
        assert_eq!(out.0[0].field.as_deref(), Some("output.format"));
        assert_eq!(
            out.0[0].help.as_deref(),
            Some(
                "did you mean `formats`? the fields are listed in the manual, docs/src/schedule.md \
                 and docs/src/email.md"
            )
        );
    }

    #[test]
    fn wrong_types_are_told_in_plain_words() {
        let (_, out) = parse(
            "title = \"T\"\nstart = \"2026-01-05\"\npoints_per_day = \"three\"\n\
             [output]\npaper = \"A5\"\n",
        );
        let found: Vec<String> = out.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            found,
            [
                "error: schedule.toml:5:9: `output.paper`: must be one of a4, letter, like \
                 `paper = \"a4\"`\n  help: did you mean \"a4\"?",
                "error: schedule.toml:3:18: `points_per_day`: must be a whole number from 1 to 12, \
                 like `points_per_day = 3`\n  help: here it is the text \"three\"",
                "error: schedule.toml:2:9: `start`: must be a date, like `start = 2026-01-05`\n  \
                 help: write the date as 2026-01-05, without quotes",
            ]
        );
    }

    #[test]
    fn every_field_has_a_hint() {
        let probe = "zz = 1\ntitle = \"T\"\nstart = 2026-01-05\n[rotation]\nzz = 1\n\
                     weights = { zz = 1 }\n[[pin]]\nzzzz = 1\n[output]\nzz = 1\n[email]\nzz = 1\n\
                     [email.smtp]\nzz = 1\n[email.dkim]\nzz = 1\n[serve]\nzz = 1\n\
                     [publish]\nzz = 1\n[push]\nzz = 1\n[[post]]\nname = \"a\"\nnetwork = \"slack\"\nzz = 1\n";
        let mut named = crate::content::parse::fields_named::<Schedule>(probe);
        let mut hinted: Vec<&str> = SCHEDULE_FORMAT.fields.iter().map(|h| h.path).collect();
        named.sort();
        hinted.sort();
        assert_eq!(named, hinted);
    }

    #[test]
    fn reports_every_bad_pin() {
        let (_, out) = parse(
            "title = \"T\"\nstart = 2026-01-05\n[[pin]]\nrule = \"first sundae of may\"\ncountry = \"NG\"\n\
             [[pin]]\ndate = 2026-05-01\ntitle = \"Theme\"\n",
        );
        let messages: Vec<_> = out.0.iter().map(|d| d.message.clone()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("pin 1"));
        assert!(messages[1].contains("pin 2: a theme needs `text`"));
    }

    #[test]
    fn errors_on_unknown_time_zone() {
        let (_, out) = parse("title = \"T\"\nstart = 2026-01-05\ntimezone = \"Europe/Londn\"\n");
        assert!(out.0[0].message.contains("Europe/London"), "{}", out.0[0]);
        assert_eq!(out.0[0].field.as_deref(), Some("timezone"));
    }
}
