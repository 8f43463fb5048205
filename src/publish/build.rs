//! What `build` is asked for, decided in one place: which dates (words such as `tomorrow`
//! resolved against the caller's today), which days and weeks, which formats, which folder
//! (a private build never writes where public output is served), and whether to print or write.
//! [`run`] then does it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::calendar::resolve_date;
use crate::content::locale::Language;
use crate::content::project::Project;
use crate::content::schedule::{Format, Paper};
use crate::error::Error;
use crate::lock::FileLock;
use crate::publish::assemble::Assembler;
use crate::publish::fit::{Layout, fit};
use crate::publish::manifest::{self, BuildRecord, Cleanup, Scope};
use crate::publish::output::{self, Document, Selection, Written};
use crate::publish::private;
use crate::publish::render::{Renderer, context_json};
use crate::rotation::Audience;

/// A range is at most this many days (ten years): longer is surely a typing mistake.
pub const MAX_RANGE_DAYS: i64 = 3660;

/// Where `build --preview` writes unless told otherwise, beside schedule.toml.
pub const PREVIEW_DIR: &str = "preview";

/// A date given on the command line, refused when it is more than ten years from today: a
/// typing mistake (3000 for 2030) that would otherwise build or publish centuries.
pub fn within_ten_years(flag: &str, date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Error> {
    if (date - today).num_days().abs() > MAX_RANGE_DAYS {
        return Err(Error::Usage(format!(
            "--{flag} {date} is more than ten years from today ({today}): is the year right?"
        )));
    }
    Ok(date)
}

/// A build as asked for on the command line, dates still as typed.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The day to build, or with a range the day treated as today.
    pub date: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only the week(s), not the days.
    pub week: bool,
    /// Only the day(s), not the weeks.
    pub day: bool,
    /// Empty: the schedule's formats (txt when printing).
    pub formats: Vec<Format>,
    pub out: Option<PathBuf>,
    pub stdout: bool,
    pub context: bool,
    /// Write files to look at, publishing nothing (into `preview/` unless `out` says otherwise).
    pub preview: bool,
    pub paper: Option<Paper>,
    /// With the `pdf` format, the large-print sheet too.
    pub large: bool,
    pub private: bool,
    pub site: bool,
    /// The language to build in, when not the schedule's: its files go to a folder of its tag.
    pub language: Option<Language>,
}

/// What a build does, once every choice is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Print the JSON a template receives for the day, or its week.
    Context {
        date: NaiveDate,
        week: bool,
        paper: Paper,
    },
    /// Print one day, or its week, in one format.
    Print {
        date: NaiveDate,
        week: bool,
        format: Format,
        paper: Paper,
    },
    /// Print the one file of a format that makes one file per build (the calendar, the feed).
    PrintFile(Selection),
    /// Write files into `out`.
    Files { out: PathBuf, selection: Selection },
    /// Write the static site of `from`..=`to` into `out`.
    Site {
        out: PathBuf,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        paper: Paper,
    },
}

impl Request {
    pub fn audience(&self) -> Audience {
        if self.private {
            Audience::Private
        } else {
            Audience::Public
        }
    }

    /// Decides the build. `today` is today in the schedule's time zone: date words count from
    /// it, and without `--date` it is the day built (or, with a range, the range's nearest day).
    pub fn plan(&self, project: &Project, today: NaiveDate) -> Result<Plan, Error> {
        let schedule = &project.schedule;
        let date_of = |flag: &str, text: &str| {
            let date = resolve_date(text, today, schedule.week_starts)
                .map_err(|e| Error::Usage(format!("--{flag}: {e}")))?;
            within_ten_years(flag, date, today)
        };
        let paper = self.paper.unwrap_or(schedule.output.paper);
        let range = match (&self.from, &self.to) {
            (Some(from), Some(to)) => {
                let (from, to) = (date_of("from", from)?, date_of("to", to)?);
                if to < from {
                    return Err(Error::Usage(format!("--to {to} is before --from {from}")));
                }
                if (to - from).num_days() > MAX_RANGE_DAYS {
                    return Err(Error::Usage(
                        "a range is at most ten years; build it in parts".into(),
                    ));
                }
                Some((from, to))
            }
            (None, None) => None,
            _ => return Err(Error::Usage("--from and --to go together".into())),
        };
        let date = match (self.date.as_deref().map(|d| date_of("date", d)), range) {
            (None, None) => today,
            (None, Some((from, to))) => today.clamp(from, to),
            (Some(date), None) => date?,
            (Some(date), Some((from, to))) => {
                let date = date?;
                if date < from || date > to {
                    return Err(Error::Usage(format!(
                        "--date {date} is outside --from {from} --to {to}: with a range, \
                         --date is the day treated as today"
                    )));
                }
                date
            }
        };

        if self.site {
            let (from, to) =
                range.ok_or_else(|| Error::Usage("--site needs --from and --to".into()))?;
            return Ok(Plan::Site {
                out: self.folder(project)?,
                from,
                to,
                today: date,
                paper,
            });
        }
        if self.context || self.stdout {
            if range.is_some() {
                return Err(Error::Usage(
                    "--stdout and --context print one guide: use --date, not --from/--to".into(),
                ));
            }
            if self.context {
                return Ok(Plan::Context {
                    date,
                    week: self.week,
                    paper,
                });
            }
            let format = match self.formats.as_slice() {
                [] => Format::Txt,
                [one] => *one,
                _ => {
                    return Err(Error::Usage(
                        "--stdout prints one format: pick one with --format".into(),
                    ));
                }
            };
            if format == Format::Pdf {
                return Err(Error::Usage(
                    "a PDF is written to a file, not printed: drop --stdout (the PDFs go to \
                     the output folder's weeks/ and months/)"
                        .into(),
                ));
            }
            if !format.per_day() && !format.per_week() {
                return Ok(Plan::PrintFile(Selection::day_and_week(
                    date,
                    vec![format],
                    paper,
                )));
            }
            return Ok(Plan::Print {
                date,
                week: self.week,
                format,
                paper,
            });
        }

        let formats = if self.formats.is_empty() {
            schedule.output.formats.clone()
        } else {
            self.formats.clone()
        };
        if !cfg!(feature = "pdf") && formats.contains(&Format::Pdf) {
            return Err(Error::Usage(crate::publish::NO_PDF_ENGINE.into()));
        }
        if self.large && !formats.contains(&Format::Pdf) {
            return Err(Error::Usage(
                "--large is an edition of the PDF sheet: add --format pdf (or \"pdf\" to \
                 `formats` in schedule.toml)"
                    .into(),
            ));
        }
        let (dates, calendar) = match range {
            Some((from, to)) => (
                from.iter_days().take_while(|d| *d <= to).collect(),
                (from, to),
            ),
            None => (vec![date], (date, output::year_from(date))),
        };
        let selection = Selection {
            days: if self.week { vec![] } else { dates.clone() },
            weeks: if self.day { vec![] } else { dates },
            formats,
            paper,
            large: self.large,
            today: date,
            calendar,
        };
        Ok(Plan::Files {
            out: self.folder(project)?,
            selection,
        })
    }

    /// The folder to write into. A public build goes to `--out` or `[output] dir`; a private
    /// one to `--out` or `[output] private_dir`, and never into the public folder or below it.
    fn folder(&self, project: &Project) -> Result<PathBuf, Error> {
        let output = &project.schedule.output;
        let public = project.path(&output.dir);
        if self.preview {
            let out = self
                .out
                .clone()
                .unwrap_or_else(|| project.path(Path::new(PREVIEW_DIR)));
            if is_within(&out, &public) {
                return Err(Error::Usage(format!(
                    "--preview would write into {}, inside the public output folder {} (`dir` \
                     in schedule.toml), where what is written is given out: give a folder of \
                     its own with --out, or leave --out off to use {PREVIEW_DIR}/",
                    out.display(),
                    public.display(),
                )));
            }
            return Ok(match &self.language {
                Some(l) if *l != project.schedule.language => out.join(l.as_str()),
                _ => out,
            });
        }
        // What a build writes is given out; a folder named on the command line is held to the
        // same rule as `[output] dir`, which the project's load has checked.
        if let Some(out) = &self.out
            && let Some(problem) = project.unsafe_output(out, self.private)
        {
            return Err(Error::Usage(format!(
                "--out: {problem}\n  help: build into a folder of its own that holds nothing else"
            )));
        }
        // Another language than the schedule's gets a folder of its own: public/es/.
        let in_language = |folder: PathBuf| match &self.language {
            Some(l) if *l != project.schedule.language => folder.join(l.as_str()),
            _ => folder,
        };
        if !self.private {
            return Ok(in_language(self.out.clone().unwrap_or(public)));
        }
        let out = self
            .out
            .clone()
            .unwrap_or_else(|| project.path(&output.private_dir));
        let out = in_language(out);
        if is_within(&out, &public) {
            return Err(Error::Usage(format!(
                "--private would write into {}, which is inside the public output folder {} \
                 (`dir` in schedule.toml), where the public guides are served: give a folder \
                 of its own with --out, or leave --out off to use {} (`private_dir`)",
                out.display(),
                public.display(),
                project.path(&output.private_dir).display()
            )));
        }
        Ok(out)
    }
}

/// Whether `path` is `folder` or lies inside it, judged on the absolute paths with `.` and `..`
/// taken away (the paths need not exist yet).
pub fn is_within(path: &Path, folder: &Path) -> bool {
    let clean = crate::publish::folders::normalized;
    clean(path).starts_with(clean(folder))
}

/// A warning for every printed layout of `plan` (weekly sheet, bulletin insert) that would not
/// fit on one page even at its smallest type, naming the file and saying why. The estimate is
/// [`fit`]'s, so it needs no browser.
pub fn print_warnings(plan: &Plan, assembler: &Assembler) -> Result<Vec<String>, Error> {
    let week_start = |d: NaiveDate| assembler.weeks.start(d);
    let (mut weeks, layouts, folder, paper): (Vec<NaiveDate>, Vec<Layout>, &str, Paper) = match plan
    {
        Plan::Files { selection, .. } => {
            let layouts = [
                (Format::Html, Layout::Sheet),
                (Format::Bulletin, Layout::Bulletin),
            ]
            .into_iter()
            .filter(|(f, _)| selection.formats.contains(f))
            .map(|(_, l)| l)
            .collect();
            let weeks = selection.weeks.iter().map(|&d| week_start(d)).collect();
            (weeks, layouts, "weeks", selection.paper)
        }
        Plan::Site {
            from, to, paper, ..
        } => (
            from.iter_days()
                .take_while(|d| d <= to)
                .map(week_start)
                .collect(),
            vec![Layout::Sheet, Layout::Bulletin],
            "print",
            *paper,
        ),
        Plan::Print {
            date,
            week: true,
            format,
            paper,
        } => {
            let layout = match format {
                Format::Html => vec![Layout::Sheet],
                Format::Bulletin => vec![Layout::Bulletin],
                _ => vec![],
            };
            (vec![week_start(*date)], layout, "weeks", *paper)
        }
        _ => return Ok(Vec::new()),
    };
    if layouts.is_empty() {
        return Ok(Vec::new());
    }
    weeks.sort();
    weeks.dedup();
    let mut warnings = Vec::new();
    for first in weeks
        .into_iter()
        .filter(|w| *w + chrono::Days::new(6) >= assembler.schedule.start)
    {
        let week = assembler.week(first, paper)?;
        let view = week.print_view(&assembler.locale_on(first));
        for &layout in &layouts {
            let outcome = fit(&view, layout);
            if layout == Layout::Sheet && !outcome.maps && view.days.iter().any(|d| d.map) {
                warnings.push(format!(
                    "note: {folder}/{first}.html: the sheet leaves out the days' maps to fit on \
                     one page at {} pt",
                    outcome.pt
                ));
            }
            if let Some(why) = outcome.overflow(&view) {
                let file = match layout {
                    Layout::Sheet => format!("{folder}/{first}.html"),
                    Layout::Bulletin => format!("{folder}/{first}.bulletin.html"),
                };
                warnings.push(format!(
                    "warning: {file}: will print on two pages: {why}\n  help: shorten the \
                     notes or the week's longest points, or lower points_per_day in schedule.toml"
                ));
            }
        }
    }
    Ok(warnings)
}

/// What a build did.
#[derive(Debug)]
pub enum Outcome {
    /// Text for standard output.
    Printed(String),
    /// Files written into `out`; `removed` are private files an earlier `--private` build had
    /// left there, taken out by this public build; `cleanup` what the folder's manifest made
    /// of the build (stale files removed, edited ones left).
    Wrote {
        out: PathBuf,
        written: Written,
        removed: Vec<PathBuf>,
        cleanup: Cleanup,
        /// What the PDFs left out to fit their page, or that they did not fit.
        notices: Vec<String>,
        /// The files that could not be made (a PDF whose script no installed font has), each
        /// with why; everything else was written.
        failed: Vec<(PathBuf, String)>,
    },
}

/// The lock file a build holds in its output folder while it writes there: a second build into
/// the same folder waits for the first. Hidden, and no output format ends in `.lock`, so it is
/// never taken for output (nor swept).
pub const LOCK_FILE: &str = ".prayer-guide-build.lock";

/// Takes the output folder `out`'s lock (creating the folder), calling `waiting` with the
/// holder's process id first when another build holds it.
pub fn lock_folder(out: &Path, waiting: &dyn Fn(&Path, &str)) -> Result<FileLock, Error> {
    let nothing_written = |e: Error| {
        Error::Usage(format!(
            "{e}: nothing was written; make {} writable, or pick another folder with --out",
            out.display()
        ))
    };
    std::fs::create_dir_all(out)
        .map_err(|e| nothing_written(Error::io("create the folder", out, e)))?;
    FileLock::acquire_or_wait(&out.join(LOCK_FILE), |holder| waiting(out, holder))
        .map_err(nothing_written)
}

/// Carries out `plan`. A build that writes files first takes its folder's lock (see
/// [`lock_folder`]); `waiting` is told when it has to wait for another build.
pub fn run(
    plan: &Plan,
    assembler: &Assembler,
    renderer: &Renderer,
    waiting: &dyn Fn(&Path, &str),
) -> Result<Outcome, Error> {
    let audience = assembler.audience;
    #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
    let mut notices: Vec<String> = Vec::new();
    #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
    let mut unmade: Vec<(PathBuf, String)> = Vec::new();
    let (out, mut docs) = match plan {
        Plan::Context { date, week, paper } => {
            let json = if *week {
                context_json(&assembler.week(*date, *paper)?)
            } else {
                context_json(&assembler.day(*date)?)
            };
            return Ok(Outcome::Printed(json + "\n"));
        }
        Plan::Print {
            date,
            week,
            format,
            paper,
        } => {
            let text = if *week {
                renderer.week(&assembler.week(*date, *paper)?, *format)?
            } else {
                renderer.day(&assembler.day(*date)?, *format)?
            };
            // Marked like a file, as the printout is often saved as one (`> sheet.html`).
            let mut doc = Document::text(format!("printed.{}", format.extension()), text);
            if audience == Audience::Private {
                private::mark(&mut doc);
            }
            return Ok(Outcome::Printed(doc.text));
        }
        Plan::PrintFile(selection) => {
            let mut docs = output::render(assembler, renderer, selection)?;
            if audience == Audience::Private {
                docs.iter_mut().for_each(private::mark);
            }
            return Ok(Outcome::Printed(
                docs.iter().map(|d| d.text.as_str()).collect(),
            ));
        }
        Plan::Files { out, selection } => {
            #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
            let mut docs = output::render(assembler, renderer, selection)?;
            // Without the PDF engine the plan refused `pdf` before anything was rendered.
            #[cfg(feature = "pdf")]
            if selection.formats.contains(&Format::Pdf) {
                let pdfs = crate::publish::pdf::render(assembler, selection)?;
                docs.extend(pdfs.docs);
                notices = pdfs.notices;
                unmade = pdfs.failed;
            }
            (out, docs)
        }
        Plan::Site {
            out,
            from,
            to,
            today,
            paper,
        } => (
            out,
            crate::publish::site::render(assembler, renderer, *from, *to, *today, *paper)?,
        ),
    };
    // Rendering went on beside any other build; writing and sweeping take turns.
    let _lock = lock_folder(out, waiting)?;
    let removed = match audience {
        Audience::Private => {
            docs.iter_mut().for_each(private::mark);
            Vec::new()
        }
        Audience::Public => private::sweep(out)?,
    };
    let language = &assembler.locale.language;
    let record = BuildRecord::of(
        plan,
        audience,
        language.as_str(),
        *language != assembler.schedule.language,
    );
    let unmade: Vec<(PathBuf, String)> = unmade
        .into_iter()
        .map(|(path, why)| (out.join(path), why))
        .collect();
    let written = match output::write(out, &docs) {
        Ok(written) => written,
        Err(Error::Unfinished {
            written,
            mut failed,
        }) => {
            failed.extend(unmade);
            // Record what was written, so a later build can still take it away; remove nothing.
            let done: Vec<&output::Document> = docs
                .iter()
                .filter(|d| written.contains(&out.join(&d.path)))
                .collect();
            // The build's own error says what went wrong; a manifest that cannot be written
            // either (the same full disk) would only hide it.
            let _ = manifest::update(out, &done, None, record);
            return Err(Error::Unfinished { written, failed });
        }
        Err(e) => return Err(e),
    };
    let all: Vec<&output::Document> = docs.iter().collect();
    // A file this build could not make is not stale: the one an earlier build wrote stays.
    let scope = match unmade.is_empty() {
        true => Scope::of(plan, &assembler.weeks),
        false => None,
    };
    let cleanup = manifest::update(out, &all, scope.as_ref(), record)?;
    Ok(Outcome::Wrote {
        out: out.clone(),
        written,
        removed,
        cleanup,
        notices,
        failed: unmade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        Project::load(&root.join("schedule.toml")).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Wednesday 25 November 2026.
    fn today() -> NaiveDate {
        d(2026, 11, 25)
    }

    fn request(f: impl FnOnce(&mut Request)) -> Request {
        let mut r = Request::default();
        f(&mut r);
        r
    }

    #[test]
    fn by_default_today_and_its_week_in_the_schedules_formats() {
        let p = project();
        let Plan::Files { out, selection } = Request::default().plan(&p, today()).unwrap() else {
            panic!("not a file build");
        };
        assert_eq!(out, p.path(Path::new("public")));
        assert_eq!(selection.days, [today()]);
        assert_eq!(selection.weeks, [today()]);
        assert_eq!(selection.formats, [Format::Html, Format::Txt]);
        assert_eq!(selection.paper, Paper::Letter);
        assert_eq!(selection.calendar, (today(), d(2027, 11, 24)));
    }

    #[test]
    fn date_words_count_from_today() {
        let p = project();
        let plan = request(|r| {
            r.from = Some("tomorrow".into());
            r.to = Some("next-sunday".into());
            r.week = true;
        })
        .plan(&p, today())
        .unwrap();
        let Plan::Files { selection, .. } = plan else {
            panic!("not a file build")
        };
        assert!(selection.days.is_empty());
        let days: Vec<NaiveDate> = (26..=29).map(|n| d(2026, 11, n)).collect();
        assert_eq!(selection.weeks, days);
        assert_eq!(selection.calendar, (d(2026, 11, 26), d(2026, 11, 29)));
        // The range's nearest day stands in for today when today is outside it.
        assert_eq!(selection.today, d(2026, 11, 26));
        let plan = request(|r| {
            r.date = Some("next-week".into());
            r.context = true;
            r.week = true;
        })
        .plan(&p, today())
        .unwrap();
        assert_eq!(
            plan,
            Plan::Context {
                date: d(2026, 11, 30),
                week: true,
                paper: Paper::Letter
            }
        );
        let plan = request(|r| {
            r.date = Some("tomorrow".into());
            r.stdout = true;
        })
        .plan(&p, today())
        .unwrap();
        assert_eq!(
            plan,
            Plan::Print {
                date: d(2026, 11, 26),
                week: false,
                format: Format::Txt,
                paper: Paper::Letter
            }
        );
    }

    #[test]
    fn bad_dates_and_ranges_say_which_flag() {
        let p = project();
        let err = |f: fn(&mut Request)| request(f).plan(&p, today()).unwrap_err().to_string();
        assert_eq!(
            err(|r| r.date = Some("2027-02-29".into())),
            "--date: `2027-02-29` is not a date: 2027 is not a leap year: February has 28 days"
        );
        assert_eq!(
            err(|r| {
                r.from = Some("2027-01-10".into());
                r.to = Some("2027-01-01".into());
            }),
            "--to 2027-01-01 is before --from 2027-01-10"
        );
        assert!(
            err(|r| {
                r.from = Some("2027-01-01".into());
                r.to = Some("2027-01-10".into());
                r.date = Some("2027-02-01".into());
            })
            .contains("outside")
        );
        assert!(
            err(|r| {
                r.from = Some("2020-01-01".into());
                r.to = Some("2031-01-01".into());
            })
            .contains("ten years")
        );
        assert!(
            err(|r| {
                r.stdout = true;
                r.formats = vec![Format::Html, Format::Txt];
            })
            .contains("one format")
        );
        assert!(
            err(|r| {
                r.stdout = true;
                r.from = Some("today".into());
                r.to = Some("tomorrow".into());
            })
            .contains("--stdout and --context print one guide")
        );
        assert!(err(|r| r.site = true).contains("--site needs --from and --to"));
    }

    #[test]
    fn calendar_and_feed_print_as_one_file() {
        let plan = request(|r| {
            r.stdout = true;
            r.formats = vec![Format::Ics];
        })
        .plan(&project(), today())
        .unwrap();
        assert_eq!(
            plan,
            Plan::PrintFile(Selection::day_and_week(
                today(),
                vec![Format::Ics],
                Paper::Letter
            ))
        );
    }

    #[test]
    fn a_private_build_never_writes_into_the_public_folder() {
        let p = project();
        let Plan::Files { out, .. } = request(|r| r.private = true).plan(&p, today()).unwrap()
        else {
            panic!("not a file build")
        };
        assert_eq!(out, p.path(Path::new("private")));
        for inside in ["public", "public/closed", "./public/../public/x"] {
            let err = request(|r| {
                r.private = true;
                r.out = Some(p.path(Path::new(inside)));
            })
            .plan(&p, today())
            .unwrap_err()
            .to_string();
            assert!(
                err.contains("inside the public output folder"),
                "{inside}: {err}"
            );
        }
        let Plan::Files { out, .. } = request(|r| {
            r.private = true;
            r.out = Some(p.path(Path::new("public-closed")));
        })
        .plan(&p, today())
        .unwrap() else {
            panic!("not a file build")
        };
        assert_eq!(out, p.path(Path::new("public-closed")));
    }
}
