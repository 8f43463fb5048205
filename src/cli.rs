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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
