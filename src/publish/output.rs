//! Rendering a build and writing it to disk in a predictable tree: `days/YYYY-MM-DD.EXT` and
//! `weeks/YYYY-MM-DD.EXT` (named by the week's first day), and one file per build for the
//! calendar (`calendar.ics`), the feed (`feed.xml`) and the build day's JSON (`today.json`,
//! `this-week.json`).

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::atomic::{self, Durability};
use crate::content::schedule::{Format, Paper};
use crate::error::Error;
use crate::publish::assemble::{Assembler, DayGuide, WeekGuide};
use crate::publish::feed::{self, FeedDay};
use crate::publish::ics;
use crate::publish::render::{DAY_CONTENT, Renderer};

/// What to build: days and weeks (by any date in them), in which formats.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub days: Vec<NaiveDate>,
    pub weeks: Vec<NaiveDate>,
    pub formats: Vec<Format>,
    pub paper: Paper,
    /// With the `pdf` format, the large-print sheet too.
    pub large: bool,
    /// The day the build is about: `today.json` and `this-week.json` hold it and its week, and
    /// the feed ends on it.
    pub today: NaiveDate,
    /// The first and last day of the calendar (the `ics` format).
    pub calendar: (NaiveDate, NaiveDate),
}

impl Selection {
    /// `formats` for `date` and its week, with the feed ending on it and the calendar running
    /// for the twelve months from it.
    pub fn day_and_week(date: NaiveDate, formats: Vec<Format>, paper: Paper) -> Selection {
        Selection {
            days: vec![date],
            weeks: vec![date],
            formats,
            paper,
            large: false,
            today: date,
            calendar: (date, year_from(date)),
        }
    }
}

impl Selection {
    /// The last day the build shows anywhere: a day, the end of a week, the calendar's end.
    /// Every day up to it is published by the build.
    pub fn last_date(&self, weeks: &crate::content::calendar::Weeks) -> NaiveDate {
        let formats = &self.formats;
        let mut last = self.today;
        if formats.iter().any(|f| f.per_day()) {
            last = self.days.iter().copied().fold(last, NaiveDate::max);
        }
        if formats.iter().any(|f| f.per_week()) {
            for &d in &self.weeks {
                last = last.max(weeks.end(d));
            }
        }
        if formats.contains(&Format::Ics) {
            last = last.max(self.calendar.1);
        }
        if formats.contains(&Format::Pdf) {
            // Each week's sheets, and the whole month of every calendar.
            for &d in &self.weeks {
                last = last.max(weeks.end(d));
            }
            if let Some(month) = self.months().last() {
                last = last.max(month_end(*month));
            }
        }
        last
    }

    /// The first days of the months whose calendars a `pdf` build makes: every month holding a
    /// day or week asked for (a week by the date given, not by all its days).
    pub fn months(&self) -> Vec<NaiveDate> {
        use chrono::Datelike;
        let mut months: Vec<NaiveDate> = self
            .days
            .iter()
            .chain(&self.weeks)
            .filter_map(|d| d.with_day(1))
            .collect();
        months.sort();
        months.dedup();
        months
    }
}

/// The last day of the month starting on `first`.
pub fn month_end(first: NaiveDate) -> NaiveDate {
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    next.pred_opt().unwrap_or(next)
}

/// The last day of the twelve months starting on `date`.
pub fn year_from(date: NaiveDate) -> NaiveDate {
    let next = date
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(date);
    next.pred_opt().unwrap_or(next)
}

/// The convenience copies of the build day's files, for widgets that fetch a fixed address.
pub const TODAY_JSON: &str = "today.json";
pub const THIS_WEEK_JSON: &str = "this-week.json";

/// One rendered document, not yet written.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the output folder.
    pub path: PathBuf,
    pub text: String,
    /// A binary file's content (a PDF), written instead of `text`.
    pub bytes: Option<Vec<u8>>,
}

impl Document {
    /// A text file.
    pub fn text(path: impl Into<PathBuf>, text: String) -> Document {
        Document {
            path: path.into(),
            text,
            bytes: None,
        }
    }

    /// A binary file.
    pub fn binary(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Document {
        Document {
            path: path.into(),
            text: String::new(),
            bytes: Some(bytes),
        }
    }

    /// What is written to disk.
    pub fn content(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or(self.text.as_bytes())
    }
}

/// Renders everything `selection` asks for. Each day is assembled once, even when a week, the
/// calendar or the feed uses it too; rendering is spread over the machine's cores, and the
/// result is in a fixed order.
pub fn render(
    assembler: &Assembler,
    renderer: &Renderer,
    selection: &Selection,
) -> Result<Vec<Document>, Error> {
    let formats = &selection.formats;
    let day_formats: Vec<Format> = formats.iter().copied().filter(|f| f.per_day()).collect();
    let week_formats: Vec<Format> = formats.iter().copied().filter(|f| f.per_week()).collect();
    let schedule = assembler.schedule;
    let start = schedule.start;

    let mut days: Vec<NaiveDate> = if day_formats.is_empty() {
        Vec::new()
    } else {
        selection.days.clone()
    };
    days.sort();
    days.dedup();
    let mut weeks: Vec<NaiveDate> = if week_formats.is_empty() {
        Vec::new()
    } else {
        selection
            .weeks
            .iter()
            .map(|&d| assembler.weeks.start(d))
            .collect()
    };
    weeks.sort();
    weeks.dedup();
    let calendar: Vec<NaiveDate> = if formats.contains(&Format::Ics) {
        let (first, last) = selection.calendar;
        first
            .max(start)
            .iter_days()
            .take_while(|d| *d <= last)
            .collect()
    } else {
        Vec::new()
    };
    let feed: Vec<NaiveDate> = if formats.contains(&Format::Atom) {
        feed_days(selection.today, schedule.output.feed_days, start)
    } else {
        Vec::new()
    };

    let mut guides = Guides::new(assembler);
    // Days asked for by name first, so that one before the rotation starts is an error.
    guides.fill(days.iter().copied())?;
    let in_weeks = weeks.iter().flat_map(|w| {
        let last = assembler.weeks.end(*w);
        w.iter_days().take_while(move |d| *d <= last)
    });
    guides.fill(
        calendar
            .iter()
            .chain(&feed)
            .copied()
            .chain(in_weeks)
            .filter(|d| *d >= start),
    )?;

    let mut jobs: Vec<Job> = Vec::with_capacity(days.len() + weeks.len());
    for &date in &days {
        jobs.push(Job::Day(Box::new(guides.get(date)?.clone())));
    }
    for &first in &weeks {
        jobs.push(Job::Week(Box::new(assembler.week_with(
            first,
            selection.paper,
            &mut |d| guides.get(d).cloned(),
        )?)));
    }
    let mut docs = render_parallel(&jobs, |part| {
        render_jobs(part, renderer, &day_formats, &week_formats)
    })?;

    if formats.contains(&Format::Json) {
        let today = selection.today;
        let copies = [
            (Path::new("days").join(format!("{today}.json")), TODAY_JSON),
            (
                Path::new("weeks").join(format!("{}.json", assembler.weeks.start(today))),
                THIS_WEEK_JSON,
            ),
        ];
        for (source, copy) in copies {
            if let Some(doc) = docs.iter().find(|d| d.path == source) {
                let text = doc.text.clone();
                docs.push(Document {
                    path: copy.into(),
                    text,
                    bytes: None,
                });
            }
        }
    }
    if formats.contains(&Format::Ics) {
        let days: Vec<DayGuide> = calendar
            .iter()
            .map(|&d| guides.get(d).cloned())
            .collect::<Result<_, _>>()?;
        // The calendar is named as its first day was published.
        let title = days
            .first()
            .map_or(schedule.title.to_string(), |d| d.title.clone());
        docs.push(Document {
            path: ics::FILE.into(),
            text: ics::calendar(
                &title,
                schedule.output.base_url.as_deref(),
                &days,
                assembler,
            ),
            bytes: None,
        });
    }
    if formats.contains(&Format::Atom) {
        docs.push(Document {
            path: feed::FILE.into(),
            text: atom_feed(assembler, renderer, &mut guides, &feed)?,
            bytes: None,
        });
    }
    Ok(docs)
}

/// The days of a feed of `count` days ending on `last`, none before the rotation's `start`.
pub fn feed_days(last: NaiveDate, count: usize, start: NaiveDate) -> Vec<NaiveDate> {
    let first = last - chrono::Days::new(count.saturating_sub(1) as u64);
    first
        .max(start)
        .iter_days()
        .take_while(|d| *d <= last)
        .collect()
}

/// The Atom feed of `dates`, each entry rendered through the day's HTML fragment.
pub fn atom_feed(
    assembler: &Assembler,
    renderer: &Renderer,
    guides: &mut Guides,
    dates: &[NaiveDate],
) -> Result<String, Error> {
    guides.fill(dates.iter().copied())?;
    let days = dates
        .iter()
        .map(|date| {
            let day = guides.known(*date).expect("assembled above");
            Ok(FeedDay {
                day,
                html: renderer.page(DAY_CONTENT, day)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let schedule = assembler.schedule;
    // The feed is named as its latest day was published.
    let latest = days.iter().max_by(|a, b| a.day.date.cmp(&b.day.date));
    let title = latest.map_or(schedule.title.to_string(), |d| d.day.title.clone());
    let id_title = latest.map_or(schedule.title.to_string(), |d| d.day.id_title.clone());
    Ok(feed::feed(
        &title,
        &id_title,
        schedule.output.base_url.as_deref(),
        days,
        assembler,
    ))
}

/// Day guides assembled once each, on first use.
pub struct Guides<'a> {
    assembler: &'a Assembler<'a>,
    days: BTreeMap<NaiveDate, DayGuide>,
}

impl<'a> Guides<'a> {
    pub fn new(assembler: &'a Assembler<'a>) -> Self {
        Guides {
            assembler,
            days: BTreeMap::new(),
        }
    }

    /// The guide for `date`, assembled now if it was not before.
    pub fn get(&mut self, date: NaiveDate) -> Result<&DayGuide, Error> {
        match self.days.entry(date) {
            Entry::Occupied(slot) => Ok(slot.into_mut()),
            Entry::Vacant(slot) => Ok(slot.insert(self.assembler.day(date)?)),
        }
    }

    /// Assembles every one of `dates` not yet assembled, spread over the cores.
    pub fn fill(&mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Result<(), Error> {
        let mut missing: Vec<NaiveDate> = dates
            .into_iter()
            .filter(|d| !self.days.contains_key(d))
            .collect();
        missing.sort();
        missing.dedup();
        let assembler = self.assembler;
        let parts = in_parallel(&missing, |part| {
            part.iter()
                .map(|&d| Ok((d, assembler.day(d)?)))
                .collect::<Result<Vec<_>, Error>>()
        });
        for part in parts {
            self.days.extend(part?);
        }
        Ok(())
    }

    /// The guide for `date` if it was assembled.
    pub fn known(&self, date: NaiveDate) -> Option<&DayGuide> {
        self.days.get(&date)
    }
}

/// Runs `work` on parts of `items` on the machine's cores (at most 8) and joins the documents
/// in order.
pub fn render_parallel<T: Sync, F>(items: &[T], work: F) -> Result<Vec<Document>, Error>
where
    F: Fn(&[T]) -> Result<Vec<Document>, Error> + Sync,
{
    let mut docs = Vec::new();
    for part in in_parallel(items, work) {
        docs.extend(part?);
    }
    Ok(docs)
}

/// Splits `items` into one part per core (at most 8), runs `work` on each part on a thread of
/// its own, and returns the results in the order of the parts.
pub fn in_parallel<T: Sync, R: Send, F>(items: &[T], work: F) -> Vec<R>
where
    F: Fn(&[T]) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}

enum Job {
    Day(Box<DayGuide>),
    Week(Box<WeekGuide>),
}

fn render_jobs(
    jobs: &[Job],
    renderer: &Renderer,
    day_formats: &[Format],
    week_formats: &[Format],
) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::with_capacity(jobs.len() * day_formats.len().max(week_formats.len()));
    for job in jobs {
        let (folder, name, formats, texts) = match job {
            Job::Day(d) => (
                "days",
                &d.date,
                day_formats,
                renderer.day_in(d, day_formats)?,
            ),
            Job::Week(w) => (
                "weeks",
                &w.start,
                week_formats,
                renderer.week_in(w, week_formats)?,
            ),
        };
        for (format, text) in formats.iter().zip(texts) {
            docs.push(Document {
                path: Path::new(folder).join(format!("{name}.{}", format.extension())),
                text,
                bytes: None,
            });
        }
    }
    Ok(docs)
}

/// What [`write`] did.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Every file of the build, written or already up to date.
    pub files: Vec<PathBuf>,
    /// How many already held exactly this content and were left alone.
    pub unchanged: usize,
}

/// Writes documents under `out`. A file that already holds the same text is left alone (its
/// modification time too, which keeps web servers and sync tools calm); any other goes through
/// a temporary file renamed into place, so no reader and no failed build ever leaves a
/// half-written guide. Every document is tried even after one fails; then the error says which
/// files were written (complete) and which were not, and why.
pub fn write(out: &Path, docs: &[Document]) -> Result<Written, Error> {
    let mut folders: Vec<(&Path, Option<String>)> = Vec::new();
    for doc in docs {
        if let Some(parent) = doc.path.parent()
            && !folders.iter().any(|(p, _)| *p == parent)
        {
            let folder = out.join(parent);
            let problem = std::fs::create_dir_all(&folder)
                .err()
                .map(|e| format!("could not create the folder {}: {e}", folder.display()));
            folders.push((parent, problem));
        }
    }
    // Creating files is mostly the kernel's work, which runs on every core.
    let parts = in_parallel(docs, |part| {
        let mut done = (Written::default(), Vec::new());
        for doc in part {
            let path = out.join(&doc.path);
            let folder_problem = doc
                .path
                .parent()
                .and_then(|p| folders.iter().find(|(f, _)| *f == p))
                .and_then(|(_, problem)| problem.clone());
            let result = match folder_problem {
                Some(problem) => Err(problem),
                None => write_one(&path, doc.content()).map_err(|e| e.to_string()),
            };
            match result {
                Ok(unchanged) => {
                    done.0.unchanged += usize::from(unchanged);
                    done.0.files.push(path);
                }
                Err(problem) => done.1.push((path, problem)),
            }
        }
        done
    });
    let mut written = Written::default();
    let mut failed = Vec::new();
    for (part, part_failed) in parts {
        written.files.extend(part.files);
        written.unchanged += part.unchanged;
        failed.extend(part_failed);
    }
    if failed.is_empty() {
        Ok(written)
    } else {
        Err(Error::Unfinished {
            written: written.files,
            failed,
        })
    }
}

/// Writes one file unless it already holds `text`; says whether it was already up to date.
fn write_one(path: &Path, text: &[u8]) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == text) {
        return Ok(true);
    }
    atomic::write(path, text, Durability::Renamed).map(|()| false)
}
