//! The command line. Doc comments here are the `--help` text; each command's work is one short
//! function in a file of its own.

mod bounces;
mod build;
mod check;
mod db;
mod import;
mod init;
mod plan;
mod post;
mod publish;
mod push;
mod run;
mod send;
mod serve;
mod status;
mod subscribers;
mod templates;
mod withdraw;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::content::calendar::{self, today};
use crate::content::project::{Project, SCHEDULE_FILE};
use crate::content::schedule::{Format, Paper};
use crate::error::Error;
use crate::mail::subscribers::{Cadence, MailFormat};

/// Turns a folder of country prayer guides into daily and weekly prayer guides.
///
/// Run it in a folder with a schedule.toml (or pass --config). Start with `prayer-guide check`,
/// then `prayer-guide build` writes today's guide and this week's printable sheet.
#[derive(Debug, Parser)]
#[command(name = "prayer-guide", version, max_term_width = 100)]
pub struct Cli {
    /// The project's schedule.toml [default: ./schedule.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build guides: by default today's guide and this week's sheet, in the formats of schedule.toml.
    ///
    /// Files go to a tree named by date: OUT/days/2026-11-25.html, OUT/weeks/2026-11-23.html
    /// (a week is named by its first day), the bulletin insert to
    /// OUT/weeks/2026-11-23.bulletin.html, the calendar to OUT/calendar.ics and the feed to
    /// OUT/feed.xml. PDFs go beside the HTML (OUT/weeks/2026-11-23.pdf, .bulletin.pdf,
    /// .large.pdf) and the month's calendar to OUT/months/2026-11.pdf.
    ///
    /// Examples:
    ///   prayer-guide build
    ///   prayer-guide build --date 2026-12-01 --week --format txt --stdout
    ///   prayer-guide build --week --format html,bulletin --paper letter   (print both)
    ///   prayer-guide build --format ics,atom   (a calendar of 12 months, a feed of recent days)
    ///   prayer-guide build --week --format pdf --large   (sheet, bulletin, large print, month)
    ///   prayer-guide build --from 2027-01-01 --to 2027-12-31 --out archive
    ///   prayer-guide build --site --from 2027-01-01 --to 2027-12-31 --out www
    ///   prayer-guide build --preview --date 2027-03-01   (look ahead; publishes nothing)
    ///
    /// Building into an output folder publishes: the days written, up to `ahead_days` after
    /// today ([publish] in schedule.toml, 13 by default: through the end of next week), and
    /// every day up to today, are recorded in published.txt and show the same from then on,
    /// whatever is edited. Days further ahead are written as announced: they may still change.
    /// --stdout, --context and --preview publish nothing.
    #[command(verbatim_doc_comment)]
    Build(BuildArgs),
    /// Print the rotation: which country (and which of its points) each day gets.
    Plan(PlanArgs),
    /// Validate guides, schedule.toml and templates; report every problem with file:line:column.
    ///
    /// Exits non-zero if there is any error. Also warns about guides with fewer points than a
    /// day shows and guides not reviewed for over a year.
    Check(CheckArgs),
    /// Email the day's guide to daily subscribers (and, on the week's first day, the week's guide
    /// to weekly subscribers), each exactly once.
    ///
    /// Safe to run again, from cron or by hand: the delivery journal in the database records
    /// every message, so a second run for the same date sends only what is missing. A run that was
    /// killed is finished by the next one; messages that were in flight are reported and sent
    /// again with the same Message-ID. A second send while one runs refuses.
    ///
    /// Exits non-zero if any message failed or was deferred; run it again later to retry
    /// temporary failures.
    ///
    /// Examples:
    ///   prayer-guide send
    ///   prayer-guide send --dry-run
    ///   prayer-guide send --to-dir outbox --only anna@example.org   (a test: records nothing)
    #[command(verbatim_doc_comment)]
    Send(SendArgs),
    /// Run as a service: send each subscriber's edition when it falls due, and sleep between.
    ///
    /// Uses the same journal, lock and retries as `send`, so it never sends an edition twice,
    /// and it can be stopped and started at any time: SIGTERM or Ctrl-C finishes the messages
    /// in flight and exits 0. After downtime it sends what fell due within `catch_up_days`
    /// (default: today's only) and logs what it skipped. A second instance refuses to start.
    /// Logs go to standard error, one timestamped line per event.
    Run {
        /// Act as if the clock read this instant (RFC 3339) at start, then run normally
        #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Send even though [email] names no way to unsubscribe; without it, `run` refuses
        /// to start. The digests carry no List-Unsubscribe header: large mailbox providers
        /// may file them as spam or refuse them (see `send --help`)
        #[arg(long)]
        without_unsubscribe: bool,
    },
    /// Post today's guide (or the week's) to the group chats of schedule.toml, each once.
    ///
    /// Each [[post]] table names a chat: a Matrix room, a Telegram chat, or a Slack or Discord
    /// incoming webhook, with the hour it posts at and whether it gets the day's guide or the
    /// week's (on the week's first day). Restricted points never go to a chat. A journal in the
    /// database records every message, so running it again (from cron, or `run`, which posts
    /// at each channel's hour by itself) posts only what is missing; a message a stopped run
    /// may have sent is reported, not sent twice (Matrix deduplicates it by its transaction ID).
    /// What is posted is published: its days are recorded in published.txt.
    ///
    /// Exits non-zero when a post failed, waits for another try, or may have been posted.
    ///
    /// Examples:
    ///   prayer-guide post
    ///   prayer-guide post --dry-run                 (print what would be posted)
    ///   prayer-guide post --date today --channel youth-telegram
    #[command(verbatim_doc_comment)]
    Post(PostArgs),
    /// Issue an urgent prayer alert: write it to alerts/ and post it to every chat now.
    ///
    /// The alert is a file the editors keep (alerts/2026-12-07-ng.toml: date, until, country,
    /// title, text), checked by `check`. It is outside the rotation and published.txt: it shows
    /// on top of the day pages and weekly sheets of its days (from today through --until, a
    /// week by default) when they are built, and is listed on the site's alerts page. `post`
    /// and `run` post an alert that some chat has not had yet, each once.
    ///
    /// Examples:
    ///   prayer-guide alert "Pastor Daniel was arrested in Kaduna on Sunday. Pray for his release." \
    ///       --title "Pastor arrested" --country NG --until 2026-12-20
    ///   prayer-guide alert --file alert.txt --title "Church burned in Plateau State"
    #[command(verbatim_doc_comment)]
    Alert(AlertArgs),
    /// Show the next deliveries, the last run, and messages waiting for another attempt.
    ///
    /// Exits non-zero when messages are waiting for another attempt, so a monitor can alert.
    Status {
        /// Act as if it were this instant (RFC 3339)
        #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Read bounce reports and stop mailing addresses that fail for good.
    ///
    /// Reads delivery status notifications (RFC 3464, what Postfix, Exim, Gmail and most servers
    /// send back) from standard input, one message (for an MTA pipe), or from a file or every
    /// file in a folder. A hard bounce (status 5.x.x: no such user, domain gone) counts against
    /// the subscriber; after `bounce_limit` of them (default 3) they are marked bounced and get
    /// no more mail. Soft bounces (4.x.x, delays: mailbox full, server down) are counted and
    /// never stop mail. A report counts once, however often it is read. Reports are matched by
    /// the envelope sender each message carries (`[email] bounce_address`) or by the returned
    /// Message-ID; anything else, forged reports included, is ignored. `status` shows counts.
    ///
    /// Exits 0 when every message was read, bounce or not (an MTA must not bounce a bounce);
    /// 75 (temporary failure, the MTA retries) when the database cannot be written.
    ///
    /// Examples:
    ///   prayer-guide bounces < report.eml
    ///   prayer-guide bounces /var/mail/bounces/new
    ///   | /usr/local/bin/prayer-guide --config /srv/prayer/schedule.toml bounces   (an alias)
    #[command(verbatim_doc_comment)]
    Bounces(BouncesArgs),
    /// Manage subscribers: add, remove (unsubscribe), list, import from CSV, export to CSV.
    #[command(subcommand)]
    Subscribers(SubscribersCommand),
    /// Record days in published.txt (the ledger) without building anything.
    ///
    /// `build`, `send` and `run` record every day they show, and every day up to today, by
    /// themselves: a published day shows the same from then on, whatever is edited. Use this
    /// to fix the days up to a date ahead of time, or with --adopt to start a ledger for a
    /// project that has built guides before it had one.
    Publish(PublishArgs),
    /// Take a guide, or one of its points, out of every unpublished day and off every page
    /// rebuilt, published days included (safety outranks the archive).
    ///
    /// The guide or point leaves the rotation at once, and its texts leave published.txt.
    /// The files already built still show it: `withdraw` lists every output folder the project
    /// has built into, with the command that rebuilds each, and --rebuild runs them (a
    /// rebuild also removes the pages no longer produced, such as the guide's country page).
    /// Copies made elsewhere (a folder uploaded to a server) need uploading again. To undo,
    /// delete the `withdrawn` line from published.txt.
    ///
    /// Examples:
    ///   prayer-guide withdraw LA              (the guide with code LA)
    ///   prayer-guide withdraw LA --point 3    (its third point, as the guide lists them now)
    ///   prayer-guide withdraw LA --point 5e6f7a8b   (a point by its id in published.txt)
    ///   prayer-guide withdraw LA --rebuild    (and rebuild every folder built into)
    #[command(verbatim_doc_comment)]
    Withdraw(WithdrawArgs),
    /// Serve the public side over HTTP: sign-up with confirmation by email, one-click
    /// unsubscribe, a preferences page, and the output folder (site, calendar, feed, JSON).
    ///
    /// Needs [serve] and [email] in schedule.toml. Run it behind a reverse proxy (Caddy,
    /// nginx) that serves `public_url`; the manual shows both. It shares the database with
    /// `send` and `run` (or runs the sender itself with --with-scheduler). SIGTERM or Ctrl-C
    /// finishes the requests in flight and exits 0.
    ///
    /// Examples:
    ///   prayer-guide serve
    ///   prayer-guide serve --listen 127.0.0.1:9000 --with-scheduler
    ///
    /// Pages: /subscribe (add ?embed=1 for an iframe, ?lang=es for Spanish), /confirm,
    /// /unsubscribe, /preferences, /healthz; every other path is a file of the output folder.
    /// The pages and the sign-up emails come in the reader's language: the one they chose, or
    /// their browser's if [serve] languages offers it, or the schedule's `language`.
    #[command(verbatim_doc_comment)]
    Serve {
        /// Address and port to listen on [default: [serve] listen, or 127.0.0.1:8080]
        #[arg(long, value_name = "ADDRESS")]
        listen: Option<std::net::SocketAddr>,
        /// Also send digests as they fall due, as `run` does
        #[arg(long)]
        with_scheduler: bool,
        /// The sender's clock reads this instant (RFC 3339) at start, then runs normally
        #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant, requires = "with_scheduler")]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// List the built-in templates, print one, or copy one into the project to change it.
    ///
    /// A file in the project's templates folder replaces the built-in template of the same name;
    /// the others stay built in and get the fixes of each new version, so copy only the ones
    /// you change. `check` renders every template and warns about files that replace none.
    ///
    /// Examples:
    ///   prayer-guide templates                    (the built-in ones; which ones the project replaces)
    ///   prayer-guide templates week.html          (print it)
    ///   prayer-guide templates week.html --copy   (copy it into templates/, to change it)
    #[command(verbatim_doc_comment)]
    Templates(TemplatesArgs),
    /// Turn a ministry's prayer-letter pages into guide drafts, staged for an editor's review.
    ///
    /// A PAGE is HTML saved from a browser, or the plain text of "save as text" or a copy and
    /// paste, in any common encoding (UTF-8, UTF-16, Windows-1252, Latin-1); menus, share
    /// buttons, counters, "Recent Posts" and calls to action are left out. The country comes from
    /// the title, the headings that name countries (one draft per country section), or the first
    /// paragraphs; the summary from the opening paragraphs; the story from a testimony; the
    /// points from the list after a heading such as "Please pray" (or a list whose every item
    /// begins "Pray…", "Ask God…"), in any built-in language; "Praise God…" items become praise.
    ///
    /// Nothing an import reads goes live. Its text waits in guides/drafts/: a copy of the live
    /// guide with the page's new points appended, or a new draft; a page in another language
    /// than the guides' is staged as a translation (guides/drafts/es/). The live guide, and every
    /// day already published, stay exactly as they were until an editor runs `--accept`.
    ///
    /// Each page read is remembered in imports.txt by its address and content: reading it again
    /// says "already imported" and changes nothing (--force reads it anyway).
    ///
    /// Examples:
    ///   prayer-guide import saved/kazakhstan.html                  (stage it)
    ///   prayer-guide import letter.txt --source-url https://example.org/algeria-update
    ///   prayer-guide import pages/*.html --sources addresses.txt --dry-run
    ///   prayer-guide import https://example.org/prayer/kazakhstan
    ///   prayer-guide import --feed https://example.org/prayer/feed --since 2026-11-01
    ///   prayer-guide import --review                               (what accepting would change)
    ///   prayer-guide import --accept KZ                            (after rewriting it in our words)
    ///   prayer-guide import --discard KZ.es
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// Back up the database (subscribers, sign-ups, the delivery journal) while everything
    /// runs, or put a backup back.
    ///
    /// A backup is one consistent file: the database as it stood at one instant, taken with
    /// SQLite's online backup API while `send`, `run` and `serve` go on, checked with SQLite's
    /// integrity check before it gets its name. Give a folder to get a dated file in it
    /// (prayer-guide-2026-12-07T031500Z.sqlite) and --keep to remove all but the newest N.
    ///
    /// Examples:
    ///   prayer-guide db backup backups/                (a dated file in backups/)
    ///   prayer-guide db backup backups/ --keep 14      (and only the newest 14 stay)
    ///   prayer-guide db backup /tmp/copy.sqlite
    ///   prayer-guide db restore backups/prayer-guide-2026-12-07T031500Z.sqlite
    ///
    /// A nightly backup from cron (crontab -e), at 03:15:
    ///   15 3 * * * cd /srv/prayer && prayer-guide db backup /var/backups/prayer-guide/ --keep 14
    #[command(subcommand, verbatim_doc_comment)]
    Db(DbCommand),
    /// The daily reminder by Web Push: make the VAPID key, or send the reminders due now.
    ///
    /// Readers subscribe from the site's day pages ("Remind me daily", served by `serve` with
    /// [push] in schedule.toml); `run` and `serve --with-scheduler` send each browser one
    /// reminder a day at its hour. `push send` does one round now (for cron or a test).
    ///
    /// Examples:
    ///   prayer-guide push keys --out state/vapid.pem
    ///   prayer-guide push send
    #[command(subcommand, verbatim_doc_comment)]
    Push(PushCommand),
    /// Create a small working project in DIR: schedule.toml, an example guide, and a templates
    /// folder for the templates you change (see `templates`).
    Init {
        /// The folder to create (or an empty folder to fill)
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The day to build: YYYY-MM-DD, or today, tomorrow, yesterday, next-week (its first day),
    /// next-sunday (the first Sunday after today; any weekday works), all in the schedule's time
    /// zone. With --from/--to, the day treated as today: today.json, the feed's last day, the
    /// site's front page [default: today, or the nearest day of the range]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Build only the week holding the date (the printable sheet)
    #[arg(long, conflicts_with = "day")]
    pub week: bool,
    /// Build only the day, not its week
    #[arg(long)]
    pub day: bool,
    /// Build every day and every week from this date (with --to); the same words as --date,
    /// e.g. --from next-week --to next-sunday
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// Last day of the range (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Formats, comma-separated [default: `formats` in schedule.toml, or txt with --stdout]
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<Format>,
    /// The output folder [default: `dir` in schedule.toml's [output], or `private_dir` with
    /// --private]
    #[arg(long, value_name = "DIR", conflicts_with = "stdout")]
    pub out: Option<PathBuf>,
    /// Print one guide (the day, or the week with --week) to standard output instead of files
    #[arg(long)]
    pub stdout: bool,
    /// Print the JSON that the templates receive for the day (or the week with --week), and stop
    #[arg(long)]
    pub context: bool,
    /// Build to look, not to give out: write the files (to preview/ beside schedule.toml, or
    /// --out) and publish nothing. --stdout and --context are previews too.
    #[arg(long)]
    pub preview: bool,
    /// Build as if today were this day (YYYY-MM-DD): what is published, and what date words
    /// count from. For tests and for rebuilding an archive as it stood
    #[arg(long, value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<String>,
    /// Paper for the weekly sheet and the bulletin [default: `paper` in schedule.toml]
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// With --format pdf, also the large-print sheet: 14 pt in one column, on at most two
    /// pages (weeks/DATE.large.pdf)
    #[arg(long)]
    pub large: bool,
    /// Include points marked `restricted`, for a closed circle. Writes to `private_dir` (default
    /// private/), never into the public folder; every file is marked, and a later public build
    /// removes any marked file it finds in its folder.
    #[arg(long)]
    pub private: bool,
    /// Write a small website for --from/--to instead: index.html (today and this week), a page
    /// per day, week and country, the printable sheets and bulletins, calendar.ics, feed.xml
    /// and the JSON files
    #[arg(long, requires = "from", conflicts_with_all = ["format", "stdout", "context", "week", "day"])]
    pub site: bool,
    /// Languages to build in, comma-separated BCP 47 tags (es,fr,ar). The schedule's own
    /// `language` goes to the output folder as usual, each other one to a folder of its tag
    /// inside it (public/es/...) [default: `language` in schedule.toml]
    #[arg(long, value_delimiter = ',', value_name = "TAGS")]
    pub language: Vec<crate::content::locale::Language>,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Send this date's editions to every subscriber now, whatever their hour: YYYY-MM-DD,
    /// `today` or `tomorrow` (the words of build --date). Without it, send what is due: each subscriber's edition for their local date,
    /// once their hour has come (safe to run from cron every hour).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Act as if it were this instant (RFC 3339), to test schedules
    #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Which subscribers
    #[arg(long, value_enum, default_value_t = CadenceArg::All)]
    pub cadence: CadenceArg,
    /// Say what would be sent; send nothing and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A test: write the date's editions (--date, default today) as .eml files into DIR
    /// instead of sending them. Nothing is recorded, so the real send still goes to everyone
    #[arg(long, value_name = "DIR", conflicts_with_all = ["dry_run", "retry_failed"])]
    pub to_dir: Option<PathBuf>,
    /// Send only to this subscriber (for a test, or to resend one message)
    #[arg(long, value_name = "EMAIL")]
    pub only: Option<String>,
    /// Also retry messages the server refused for good (5xx) in an earlier run
    #[arg(long)]
    pub retry_failed: bool,
    /// Send even though [email] names no way to unsubscribe (no unsubscribe_url, no
    /// unsubscribe_mailto, no [serve]); without it, `send` refuses. The digests then carry no
    /// List-Unsubscribe header and say "reply to leave": Gmail, Yahoo and others require a
    /// one-click unsubscribe from bulk senders and may file such mail as spam or refuse it.
    /// For a handful of readers who know you; has no effect when an unsubscribe is configured
    #[arg(long)]
    pub without_unsubscribe: bool,
}

#[derive(Debug, Args)]
pub struct PostArgs {
    /// Post this day's guide (or its week's, to weekly channels) now, whatever the hour:
    /// YYYY-MM-DD or a word such as today (see build --date) [default: what is due now]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Only this channel (its `name` in schedule.toml)
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
    /// Print what would be posted, message by message; send and record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Send again messages a chat refused before (after fixing the channel's settings)
    #[arg(long)]
    pub retry_failed: bool,
    /// Act as if it were this instant (RFC 3339), to test schedules
    #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Milliseconds between the messages of one post (default 1000), for tests
    #[arg(long, value_name = "MS", hide = true)]
    pub pause_ms: Option<u64>,
}

#[derive(Debug, Args)]
pub struct AlertArgs {
    /// What to pray for, a few sentences (or --file)
    #[arg(value_name = "TEXT", conflicts_with = "file")]
    pub text: Option<String>,
    /// The alert's title, a few words
    #[arg(long)]
    pub title: String,
    /// The country it is about: a guide's code
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// The last day it shows: YYYY-MM-DD or a word such as next-sunday [default: a week]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Read the text from this file (plain text, paragraphs separated by blank lines)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Write the file only; `post` or `run` posts it later
    #[arg(long)]
    pub no_post: bool,
    /// Act as if it were this instant (RFC 3339), for tests
    #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Milliseconds between the messages of one post, for tests
    #[arg(long, value_name = "MS", hide = true)]
    pub pause_ms: Option<u64>,
}

#[derive(Debug, Args)]
pub struct BouncesArgs {
    /// A message file, or a folder whose files are each one message (a Maildir's new/, saved
    /// .eml files) [default: one message on standard input]
    #[arg(value_name = "FILE|DIR")]
    pub path: Option<PathBuf>,
    /// The address the report was delivered to, if the MTA passes it (Postfix's pipe:
    /// `${original_recipient}`) [default: $ORIGINAL_RECIPIENT, else the report's headers]
    #[arg(long, value_name = "ADDRESS", env = "ORIGINAL_RECIPIENT")]
    pub recipient: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CadenceArg {
    Daily,
    Weekly,
    All,
}

#[derive(Debug, Subcommand)]
pub enum SubscribersCommand {
    /// Add a subscriber, or update one (and resubscribe them) if the address is known: options
    /// not given keep what the subscriber has.
    Add {
        email: String,
        /// The name used in the greeting
        #[arg(long, default_value = "")]
        name: String,
        /// Daily or weekly [default: daily for a new subscriber]
        #[arg(long, value_enum)]
        cadence: Option<Cadence>,
        /// html (with a plain-text part) or text only [default: html for a new subscriber]
        #[arg(long, value_enum)]
        format: Option<MailFormat>,
        /// Their time zone, e.g. America/Chicago [default: the schedule's]
        #[arg(long, value_name = "ZONE")]
        timezone: Option<String>,
        /// The hour (0-23, their time) the digest arrives [default: send_hour in schedule.toml]
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..24))]
        hour: Option<u8>,
        /// The language of their digests, a BCP 47 tag such as es or pt-BR [default:
        /// `language` in schedule.toml]
        #[arg(long, value_name = "TAG")]
        language: Option<crate::content::locale::Language>,
    },
    /// Unsubscribe by address or by token; the record is kept, marked unsubscribed
    Remove {
        /// An address, or the token from an unsubscribe link
        email_or_token: String,
    },
    /// List subscribers
    List {
        /// Include unsubscribed ones
        #[arg(long)]
        all: bool,
    },
    /// Import a CSV file: an export of a mailing-list service (columns such as "Email
    /// Address", "First Name", "Last Name") or of `subscribers export` (email, name, cadence,
    /// format, timezone, hour, status, token). Comma- or semicolon-separated, UTF-8 (Excel:
    /// "CSV UTF-8"). Bad rows are reported by line; good rows are imported. New addresses keep
    /// the file's token (so unsubscribe links already mailed keep working) and unsubscribed
    /// mark; known ones keep what they have. Nobody who unsubscribed is subscribed again.
    Import {
        file: PathBuf,
        /// Cadence for rows without a cadence column
        #[arg(long, value_enum, default_value_t = Cadence::Daily)]
        cadence: Cadence,
        /// Format for rows without a format column
        #[arg(long, value_enum, default_value_t = MailFormat::Html)]
        format: MailFormat,
    },
    /// Export every subscriber as CSV to standard output, with everything `import` needs to
    /// restore them: cadence, format, time zone, hour, status and unsubscribe token. The
    /// tokens are secrets (anyone with one can unsubscribe that person): keep the file private.
    /// A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
    /// carriage return) is written with a ' in front, which spreadsheets hide and `import`
    /// removes.
    Export,
    /// List sign-ups from the web form that are waiting for their owner to confirm
    Pending,
    /// Confirm a pending web sign-up by hand (the person asked you directly)
    Confirm {
        /// The address, as it was signed up
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// First day: YYYY-MM-DD, or a word such as tomorrow or next-week (see build --date)
    /// [default: today in the schedule's time zone]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// How many days
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PlanFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Record every day up to this one: YYYY-MM-DD, or a word such as next-sunday (see build
    /// --date) [default: today]
    #[arg(long, value_name = "DATE")]
    pub through: Option<String>,
    /// Start a ledger although the output folder holds guides built before it existed: the
    /// days are recorded as the guides show them now
    #[arg(long)]
    pub adopt: bool,
    /// Publish further ahead than `ahead_days` after today ([publish] in schedule.toml):
    /// those days can no longer take an edit
    #[arg(long)]
    pub yes: bool,
    /// Act as if today were this day (YYYY-MM-DD), for tests
    #[arg(long, value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The guide's country code, as in its `code`
    pub code: String,
    /// Only this point: its number in the guide now (1 is the first), or its id in published.txt
    #[arg(long, value_name = "NUMBER|ID")]
    pub point: Option<String>,
    /// Then rebuild every output folder the project has built into (state/output-folders.txt),
    /// PDFs included, and remove the pages no build produces any more
    #[arg(long)]
    pub rebuild: bool,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// A built-in template, e.g. day.html: print it
    pub name: Option<String>,
    /// Copy it into the project's templates folder instead (never overwrites)
    #[arg(long, requires = "name")]
    pub copy: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Saved pages (.html as a browser saves them, or text) or https:// addresses to fetch
    /// (20 s and 5 MB at most each). Nothing a page gives goes live: it is staged in
    /// guides/drafts/ for `--review` and `--accept`
    #[arg(value_name = "PAGE", required_unless_present_any = ["review", "accept", "discard", "feed"])]
    pub pages: Vec<PathBuf>,
    /// A ministry's feed (RSS, Atom or JSON Feed; an address or a saved file): its newest
    /// letters are imported, from the feed's own text or else fetched from their pages
    #[arg(long, value_name = "URL|FILE")]
    pub feed: Vec<String>,
    /// With --feed: only letters published on or after this day
    #[arg(long, value_name = "YYYY-MM-DD", requires = "feed")]
    pub since: Option<String>,
    /// With --feed: at most this many letters per feed, newest first
    #[arg(long, value_name = "N", default_value_t = crate::import::feed::DEFAULT_LIMIT, requires = "feed")]
    pub limit: usize,
    /// The address of the one page given, for [[sources]], when the page does not name its own
    /// (a saved HTML page usually does; text never does). For several pages use --sources
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
    /// A file naming each page's address, one `PAGE URL` a line (# starts a comment)
    #[arg(long, value_name = "FILE", conflicts_with = "source_url")]
    pub sources: Option<PathBuf>,
    /// The guides folder [default: `guides` of schedule.toml, or ./guides]
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// The country, by name or ISO code, when the page names several or none, or its title and
    /// text disagree
    #[arg(long, value_name = "NAME|CODE")]
    pub country: Option<String>,
    /// Replace the guide's summary with the page's opening paragraphs (the old one is kept in a
    /// comment)
    #[arg(long)]
    pub replace_summary: bool,
    /// Print the report and the files it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Read a page again although imports.txt says it was imported, unchanged, before
    #[arg(long)]
    pub force: bool,
    /// Show what accepting each staged import would change (a diff against the live guide, and
    /// what `check` finds), for one code (KZ, KZ.es) or all
    #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "all",
          conflicts_with_all = ["accept", "discard"])]
    pub review: Option<String>,
    /// Put a staged import in place, with `reviewed` set to today, once an editor has checked
    /// it and rewritten it in our words (refused while `check` finds an error in it)
    #[arg(long, value_name = "CODE|all", conflicts_with = "discard")]
    pub accept: Option<String>,
    /// Drop a staged import; the live guide stays as it is
    #[arg(long, value_name = "CODE|all")]
    pub discard: Option<String>,
    /// The day written into the drafts' notes [default: today]
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// Make a VAPID key pair (P-256) and write its private key to FILE (PKCS#8 PEM, readable
    /// by its owner only); prints the public key. Refuses to replace a file
    Keys {
        /// Where to write the private key; name it in [push] key_file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Send the reminders due now, each browser once a day (the same journal as `run`)
    Send {
        /// Act as if it were this instant (RFC 3339)
        #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the live database to FILE, or to a dated file in FOLDER; safe while send, run and
    /// serve are working
    Backup {
        /// A file to write (replaced if it exists), or a folder for a dated file
        #[arg(value_name = "FILE|FOLDER")]
        target: PathBuf,
        /// After the backup, keep only the newest N dated backups in the folder (files named
        /// prayer-guide-<time>.sqlite; no other file is touched)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        keep: Option<u16>,
    },
    /// Put a backup in place of the database. Refuses while a send or `run` is working; the
    /// database it replaces is moved aside (never deleted). Restart `serve` afterwards
    Restore {
        /// A backup made by `db backup` (checked before anything changes)
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Judge review dates as of this day (YYYY-MM-DD) instead of today: `--today 2027-06-01`
    /// shows which guides will be over a year old by then
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Treat warnings as errors: exit non-zero if anything is reported (for CI)
    #[arg(long)]
    pub strict: bool,
}

/// Runs a parsed command line, writing results to stdout and notes to stderr.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let config = cli.config.unwrap_or_else(|| PathBuf::from(SCHEDULE_FILE));
    let result = match cli.command {
        Command::Build(args) => build::run(&config, args),
        Command::Plan(args) => plan::run(&config, args),
        Command::Check(args) => check::run(&config, args),
        Command::Send(args) => send::run(&config, args),
        Command::Bounces(args) => bounces::run(&config, args),
        Command::Post(args) => post::run(&config, args),
        Command::Alert(args) => post::alert(&config, args),
        Command::Subscribers(cmd) => subscribers::run(&config, cmd),
        Command::Run {
            now,
            without_unsubscribe,
        } => run::run(&config, now, without_unsubscribe),
        Command::Status { now } => status::run(&config, now.unwrap_or_else(chrono::Utc::now)),
        Command::Publish(args) => publish::run(&config, args),
        Command::Withdraw(args) => withdraw::run(&config, args),
        Command::Templates(args) => templates::run(&config, args),
        Command::Import(args) => import::run(&config, args),
        Command::Init { dir } => init::run(&dir),
        Command::Db(command) => db::run(&config, command),
        Command::Push(command) => push::run(&config, command),
        Command::Serve {
            listen,
            with_scheduler,
            now,
        } => serve::run(&config, listen, with_scheduler, now),
    };
    match result {
        Err(Error::OutputClosed) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

/// An RFC 3339 instant such as 2026-11-23T06:00:00Z.
fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| format!("`{text}` is not a time: write it like 2026-11-23T06:00:00Z"))
}

/// A date from the command line (YYYY-MM-DD, or a word such as `tomorrow` counted from today
/// in the schedule's time zone); none is today.
fn resolve_date(text: Option<&str>, project: &Project) -> Result<NaiveDate, Error> {
    let today = today(&project.schedule.timezone);
    match text {
        None => Ok(today),
        Some(t) => {
            calendar::resolve_date(t, today, project.schedule.week_starts).map_err(Error::Usage)
        }
    }
}

/// `println!` for results: through [`write_out`], so a reader that stops early ends the command.
/// Only for functions returning `Result<_, Error>`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_out(&format!("{}\n", format_args!($($arg)*)))?
    };
}
use outln;

/// Writes results to standard output: every command's stdout goes through here. A reader that
/// stops early (`| head -1`) closes the pipe; that is [`Error::OutputClosed`], which stops the
/// command and exits 0 without a word.
pub fn write_out(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// An error writing to standard output: a closed pipe is no failure.
pub fn stdout_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::OutputClosed
    } else {
        Error::io("write", Path::new("standard output"), e)
    }
}

/// Prints a guide to standard output.
fn print_out(text: String) -> Result<ExitCode, Error> {
    write_out(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
