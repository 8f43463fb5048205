//! `build`: render days, weeks and the site, and write them.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::outln;
use super::{BuildArgs, print_out, resolve_date};
use crate::content::calendar::{parse_date, today};
use crate::content::project::Project;
use crate::content::schedule::Format;
use crate::error::Error;
use crate::publish::assemble::Assembler;
use crate::publish::output::{self, Selection};
use crate::publish::render::{Renderer, context_json};
use crate::rotation::Audience;

pub fn run(config: &Path, args: BuildArgs) -> Result<ExitCode, Error> {
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
        let docs = crate::publish::site::render(&assembler, &renderer, from, to, date, paper)?;
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

/// Writes a build and says what it wrote: every file of a small build, a count of a large one.
fn write(out: &Path, docs: &[output::Document]) -> Result<ExitCode, Error> {
    let written = output::write(out, docs)?;
    let files = &written.files;
    if files.len() <= 12 {
        for f in files {
            outln!("wrote {}", f.display());
        }
    } else {
        let unchanged = match written.unchanged {
            0 => String::new(),
            n => format!(" ({n} already up to date)"),
        };
        outln!(
            "wrote {} files to {}{unchanged}",
            files.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
