//! The command line. Doc comments here are the `--help` text.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::calendar::{parse_date, today};
use crate::error::Error;
use crate::guide::Assembler;
use crate::output::{self, Selection};
use crate::project::{Project, SCHEDULE_FILE};
use crate::render::{Renderer, context_json};
use crate::rotation::Audience;
use crate::schedule::{Format, Paper};
use crate::subscribers::{Cadence, MailFormat};

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
    /// OUT/feed.xml.
    ///
    /// Examples:
    ///   prayer-guide build
    ///   prayer-guide build --date 2026-12-01 --week --format txt --stdout
    ///   prayer-guide build --week --format html,bulletin --paper letter   (print both)
    ///   prayer-guide build --format ics,atom   (a calendar of 12 months, a feed of recent days)
    ///   prayer-guide build --from 2027-01-01 --to 2027-12-31 --out archive
    ///   prayer-guide build --site --from 2027-01-01 --to 2027-12-31 --out www
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
    ///   prayer-guide send --to-dir outbox --only anna@example.org
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
    },
    /// Show the next deliveries, the last run, and messages waiting for another attempt.
    ///
    /// Exits non-zero when messages are waiting for another attempt, so a monitor can alert.
    Status {
        /// Act as if it were this instant (RFC 3339)
        #[arg(long, value_name = "TIME", hide = true, value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Manage subscribers: add, remove (unsubscribe), list, import from CSV, export to CSV.
    #[command(subcommand)]
    Subscribers(SubscribersCommand),
    /// Create a small working project in DIR: schedule.toml, an example guide and the templates.
    Init {
        /// The folder to create (or an empty folder to fill)
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The day to build: YYYY-MM-DD or `today` (in the schedule's time zone). With --from/--to,
    /// the day treated as today: today.json, the feed's last day, the site's front page
    /// [default: today, or the nearest day of the range]
    #[arg(long, value_name = "DATE|today")]
    pub date: Option<String>,
    /// Build only the week holding the date (the printable sheet)
    #[arg(long, conflicts_with = "day")]
    pub week: bool,
    /// Build only the day, not its week
    #[arg(long)]
    pub day: bool,
    /// Build every day and every week from this date (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// Last day of the range (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Formats, comma-separated [default: `formats` in schedule.toml, or txt with --stdout]
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<Format>,
    /// The output folder [default: `dir` in schedule.toml's [output]]
    #[arg(long, value_name = "DIR", conflicts_with = "stdout")]
    pub out: Option<PathBuf>,
    /// Print one guide (the day, or the week with --week) to standard output instead of files
    #[arg(long)]
    pub stdout: bool,
    /// Print the JSON that the templates receive for the day (or the week with --week), and stop
    #[arg(long)]
    pub context: bool,
    /// Paper for the weekly sheet and the bulletin [default: `paper` in schedule.toml]
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Include points marked `restricted`. Only for a closed circle: never publish the result.
    #[arg(long)]
    pub private: bool,
    /// Write a small website for --from/--to instead: index.html (today and this week), a page
    /// per day, week and country, the printable sheets and bulletins, calendar.ics, feed.xml
    /// and the JSON files
    #[arg(long, requires = "from", conflicts_with_all = ["format", "stdout", "context", "week", "day"])]
    pub site: bool,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Send this date's editions to every subscriber now, whatever their hour: YYYY-MM-DD or
    /// `today`. Without it, send what is due: each subscriber's edition for their local date,
    /// once their hour has come (safe to run from cron every hour).
    #[arg(long, value_name = "DATE|today")]
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
    /// Write each message as an .eml file into DIR instead of sending it
    #[arg(long, value_name = "DIR")]
    pub to_dir: Option<PathBuf>,
    /// Send only to this subscriber (for a test, or to resend one message)
    #[arg(long, value_name = "EMAIL")]
    pub only: Option<String>,
    /// Also retry messages the server refused for good (5xx) in an earlier run
    #[arg(long)]
    pub retry_failed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CadenceArg {
    Daily,
    Weekly,
    All,
}

#[derive(Debug, Subcommand)]
pub enum SubscribersCommand {
    /// Add a subscriber, or update one (and resubscribe them) if the address is known
    Add {
        email: String,
        /// The name used in the greeting
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, value_enum, default_value_t = Cadence::Daily)]
        cadence: Cadence,
        #[arg(long, value_enum, default_value_t = MailFormat::Html)]
        format: MailFormat,
        /// Their time zone, e.g. America/Chicago [default: the schedule's]
        #[arg(long, value_name = "ZONE")]
        timezone: Option<String>,
        /// The hour (0-23, their time) the digest arrives [default: send_hour in schedule.toml]
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..24))]
        hour: Option<u8>,
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
    /// Import a CSV export (columns such as "Email Address", "First Name", "Last Name", or
    /// email, name, cadence, format). Bad rows are reported by line; good rows are imported.
    /// Nobody who unsubscribed is subscribed again.
    Import {
        file: PathBuf,
        /// Cadence for rows without a cadence column
        #[arg(long, value_enum, default_value_t = Cadence::Daily)]
        cadence: Cadence,
        /// Format for rows without a format column
        #[arg(long, value_enum, default_value_t = MailFormat::Html)]
        format: MailFormat,
    },
    /// Export every subscriber as CSV to standard output
    Export,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// First day [default: today in the schedule's time zone]
    #[arg(long, value_name = "DATE|today")]
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
pub struct CheckArgs {
    /// Judge review dates as of this day instead of today
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// Runs a parsed command line, writing results to stdout and notes to stderr.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let config = cli.config.unwrap_or_else(|| PathBuf::from(SCHEDULE_FILE));
    match cli.command {
        Command::Build(args) => build(&config, args),
        Command::Plan(args) => plan(&config, args),
        Command::Check(args) => check(&config, args),
        Command::Send(args) => send(&config, args),
        Command::Subscribers(cmd) => subscribers(&config, cmd),
        Command::Run { now } => {
            let clock = now.map_or(
                crate::service::Clock::system(),
                crate::service::Clock::starting_at,
            );
            let stop = crate::signals::stop_flag()?;
            crate::service::serve(&config, clock, stop, &mut std::io::stderr())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { now } => status(&config, now.unwrap_or_else(chrono::Utc::now)),
        Command::Init { dir } => {
            let files = crate::init::init(&dir, today(&chrono_tz::UTC))?;
            for f in &files {
                println!("created {}", f.display());
            }
            println!(
                "\nNext: cd {} && prayer-guide check && prayer-guide build",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// An RFC 3339 instant such as 2026-11-23T06:00:00Z.
fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| format!("`{text}` is not a time: write it like 2026-11-23T06:00:00Z"))
}

/// `today`, or a date.
fn resolve_date(text: Option<&str>, project: &Project) -> Result<NaiveDate, Error> {
    match text {
        None | Some("today") => Ok(today(&project.schedule.timezone)),
        Some(t) => parse_date(t).map_err(Error::Usage),
    }
}

fn build(config: &Path, args: BuildArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let schedule = &project.schedule;
    let audience = if args.private {
        Audience::Private
    } else {
        Audience::Public
    };
    let assembler = Assembler::new(&project.catalog, schedule, audience);
    let renderer = Renderer::new(Some(&project.path(&schedule.templates)))?;
    let paper = args.paper.unwrap_or(schedule.output.paper);
    if args.private {
        eprintln!("note: --private includes restricted points; do not publish these files");
    }

    let range = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let (from, to) = (
                parse_date(from).map_err(Error::Usage)?,
                parse_date(to).map_err(Error::Usage)?,
            );
            if to < from {
                return Err(Error::Usage(format!("--to {to} is before --from {from}")));
            }
            if (to - from).num_days() > 3660 {
                return Err(Error::Usage(
                    "a range is at most ten years; build it in parts".into(),
                ));
            }
            Some((from, to))
        }
        _ => None,
    };
    let date = match (range, args.date.as_deref()) {
        (None, date) => resolve_date(date, &project)?,
        (Some((from, to)), None | Some("today")) => {
            today(&project.schedule.timezone).clamp(from, to)
        }
        (Some((from, to)), Some(date)) => {
            let date = parse_date(date).map_err(Error::Usage)?;
            if date < from || date > to {
                return Err(Error::Usage(format!(
                    "--date {date} is outside --from {from} --to {to}: with a range, --date is \
                     the day treated as today"
                )));
            }
            date
        }
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| project.path(&schedule.output.dir));
    if args.site {
        let (from, to) =
            range.ok_or_else(|| Error::Usage("--site needs --from and --to".into()))?;
        let docs = crate::site::render(&assembler, &renderer, from, to, date, paper)?;
        return write(&out, &docs);
    }
    let (days, weeks) = match range {
        Some((from, to)) => {
            let all: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
            (
                if args.week { vec![] } else { all.clone() },
                if args.day { vec![] } else { all },
            )
        }
        None => (
            if args.week { vec![] } else { vec![date] },
            if args.day { vec![] } else { vec![date] },
        ),
    };

    if args.context || args.stdout {
        if args.from.is_some() {
            return Err(Error::Usage(
                "--stdout and --context print one guide: use --date, not --from/--to".into(),
            ));
        }
        let formats = if args.format.is_empty() {
            vec![Format::Txt]
        } else {
            args.format.clone()
        };
        if formats.len() > 1 && !args.context {
            return Err(Error::Usage(
                "--stdout prints one format: pick one with --format".into(),
            ));
        }
        if !args.context && matches!(formats[0], Format::Ics | Format::Atom) {
            let selection = Selection::day_and_week(date, vec![formats[0]], paper);
            let docs = output::render(&assembler, &renderer, &selection)?;
            return print_out(docs.iter().map(|d| d.text.as_str()).collect());
        }
        let text = if args.week {
            let week = assembler.week(date, paper)?;
            if args.context {
                context_json(&week) + "\n"
            } else {
                renderer.week(&week, formats[0])?
            }
        } else {
            let day = assembler.day(date)?;
            if args.context {
                context_json(&day) + "\n"
            } else {
                renderer.day(&day, formats[0])?
            }
        };
        return print_out(text);
    }

    let formats = if args.format.is_empty() {
        schedule.output.formats.clone()
    } else {
        args.format.clone()
    };
    let selection = Selection {
        days,
        weeks,
        formats,
        paper,
        today: date,
        calendar: match range {
            Some(range) => range,
            None => (date, output::year_from(date)),
        },
    };
    let docs = output::render(&assembler, &renderer, &selection)?;
    write(&out, &docs)
}

/// Prints a guide to standard output. A reader that stops early (`| head`) is no error.
fn print_out(text: String) -> Result<ExitCode, Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("write", Path::new("standard output"), e))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Writes a build and says what it wrote: every file of a small build, a count of a large one.
fn write(out: &Path, docs: &[output::Document]) -> Result<ExitCode, Error> {
    let written = output::write(out, docs)?;
    let files = &written.files;
    if files.len() <= 12 {
        for f in files {
            println!("wrote {}", f.display());
        }
    } else {
        let unchanged = match written.unchanged {
            0 => String::new(),
            n => format!(" ({n} already up to date)"),
        };
        println!(
            "wrote {} files to {}{unchanged}",
            files.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn plan(config: &Path, args: PlanArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let from = resolve_date(args.from.as_deref(), &project)?;
    let rows = crate::plan::rows(&project.catalog, &project.schedule, from, args.days)?;
    match args.format {
        PlanFormat::Table => print!(
            "{}",
            crate::plan::table(&rows, &project.catalog, &project.schedule)
        ),
        PlanFormat::Json => println!("{}", context_json(&rows)),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(config: &Path, args: CheckArgs) -> Result<ExitCode, Error> {
    let as_of = args
        .today
        .as_deref()
        .map(parse_date)
        .transpose()
        .map_err(Error::Usage)?;
    let outcome = crate::check::check(config, as_of)?;
    let d = &outcome.diagnostics;
    if !d.0.is_empty() {
        eprintln!("{d}");
    }
    let errors = d.error_count();
    let warnings = d.warnings().count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors > 0 {
        eprintln!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "checked {}, {} and {}: no errors, {}",
        plural(outcome.guides, "guide"),
        config.display(),
        plural(outcome.templates, "template override"),
        plural(warnings, "warning"),
    );
    Ok(ExitCode::SUCCESS)
}

fn send(config: &Path, args: SendArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let date = args
        .date
        .as_deref()
        .map(|d| resolve_date(Some(d), &project))
        .transpose()?;
    let options = crate::send::Options {
        date,
        now: args.now,
        cadence: match args.cadence {
            CadenceArg::Daily => Some(Cadence::Daily),
            CadenceArg::Weekly => Some(Cadence::Weekly),
            CadenceArg::All => None,
        },
        dry_run: args.dry_run,
        to_dir: args.to_dir,
        only: args.only,
        retry_failed: args.retry_failed,
        kind: "send",
    };
    let mut progress = crate::progress::for_stderr();
    let stop = crate::signals::stop_flag()?;
    let report = crate::send::run(&project, &options, progress.as_mut(), stop)?;
    print!("{}", crate::progress::summary(&report, args.dry_run));
    Ok(if report.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn status(config: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let database = project.path(&project.schedule.email.database);
    let store = crate::store::Store::open(&database)?;
    let zone = project.schedule.timezone;
    let when = |t: chrono::DateTime<chrono::Utc>| {
        format!(
            "{} ({} {})",
            t.format("%Y-%m-%d %H:%M UTC"),
            t.with_timezone(&zone).format("%H:%M"),
            zone.name()
        )
    };
    match crate::service::RunLock::holder(&database) {
        Some(pid) => println!("service: running (process {pid})"),
        None => println!("service: not running"),
    }
    let subscribers = store.all_active()?;
    let done = store.finished_around(now)?;
    let rules = crate::send::rules(&project);
    let (due, _) = crate::due::due_now(&subscribers, &done, now, None, &rules);
    if !due.is_empty() {
        println!(
            "due now: {} message{}",
            due.len(),
            if due.len() == 1 { "" } else { "s" }
        );
    }
    println!("next deliveries:");
    let upcoming = crate::due::upcoming(&subscribers, &done, now, &rules, 5);
    if upcoming.is_empty() {
        println!("  none (no active subscribers)");
    }
    for (at, editions) in upcoming {
        let what: Vec<String> = editions
            .iter()
            .map(|(e, n)| format!("{e} to {n}"))
            .collect();
        println!("  {}: {}", when(at), what.join(", "));
    }
    match store.last_run()? {
        Some(run) => {
            let end = run.finished.map_or(
                "did not finish (stopped or still running)".to_string(),
                |f| format!("finished {f}"),
            );
            println!("last run: {}, started {}, {end}", run.kind, run.started);
            for line in run.summary.lines() {
                println!("  {line}");
            }
        }
        None => println!("last run: none yet"),
    }
    let waiting = store.awaiting_retry()?;
    println!("awaiting another attempt: {}", waiting.len());
    for (edition, email, state, detail) in &waiting {
        let why = if state == "sending" {
            "in flight when a run stopped".to_string()
        } else {
            detail.clone()
        };
        println!("  {edition} {email}: {why}");
    }
    Ok(if waiting.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn subscribers(config: &Path, cmd: SubscribersCommand) -> Result<ExitCode, Error> {
    use crate::store::{Store, Upsert};
    use crate::subscribers::{NewSubscriber, clean_name, normalise_address, parse_zone};
    let project = Project::load(config)?;
    let mut store = Store::open(&project.path(&project.schedule.email.database))?;
    match cmd {
        SubscribersCommand::Add {
            email,
            name,
            cadence,
            format,
            timezone,
            hour,
        } => {
            let email = normalise_address(&email).map_err(Error::Usage)?;
            let new = NewSubscriber {
                email: email.clone(),
                name: clean_name(&name),
                cadence,
                format,
                timezone: timezone
                    .as_deref()
                    .map(parse_zone)
                    .transpose()
                    .map_err(Error::Usage)?,
                hour,
            };
            match store.upsert(&new, true)? {
                Upsert::Added => println!("added {email} ({cadence}, {format})"),
                _ => println!("updated {email} ({cadence}, {format}); subscribed"),
            }
        }
        SubscribersCommand::Remove { email_or_token } => {
            match store.unsubscribe(&email_or_token)? {
                Some(s) => println!(
                    "unsubscribed {}; the record is kept so that imports do not add it again",
                    s.email
                ),
                None => {
                    return Err(Error::Usage(format!(
                        "no subscriber has the address or token `{email_or_token}`: nothing changed"
                    )));
                }
            }
        }
        SubscribersCommand::List { all } => {
            let list = store.list()?;
            let shown: Vec<_> = list.iter().filter(|s| all || s.active).collect();
            for s in &shown {
                let status = if s.active { "" } else { "  (unsubscribed)" };
                println!(
                    "{:<40} {:<7} {:<5} {}{status}",
                    s.email, s.cadence, s.format, s.name
                );
            }
            let active = list.iter().filter(|s| s.active).count();
            eprintln!("{active} active, {} unsubscribed", list.len() - active);
        }
        SubscribersCommand::Import {
            file,
            cadence,
            format,
        } => {
            let (rows, bad) = crate::subscribers::read_csv(&file, cadence, format)?;
            let (added, updated, kept) = store.import(&rows)?;
            if !bad.0.is_empty() {
                eprintln!("{bad}");
            }
            println!(
                "imported {}: {added} added, {updated} updated, {kept} left unsubscribed, {} bad row{}",
                file.display(),
                bad.0.len(),
                if bad.0.len() == 1 { "" } else { "s" }
            );
            if !bad.0.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        SubscribersCommand::Export => {
            let list = store.list()?;
            crate::subscribers::write_csv(std::io::stdout().lock(), &list)
                .map_err(|e| Error::Usage(format!("could not write the CSV: {e}")))?;
        }
    }
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
