//! Writing built guides to disk in a predictable tree named by date:
//! `days/YYYY-MM-DD.EXT` and `weeks/YYYY-MM-DD.EXT` (the week's first day).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::week_start;
use crate::error::Error;
use crate::guide::{Assembler, DayGuide, WeekGuide};
use crate::render::Renderer;
use crate::schedule::{Format, Paper};

/// What to build: days and weeks (by any date in them), in which formats.
#[derive(Debug, Clone)]
pub struct Selection {
    pub days: Vec<NaiveDate>,
    pub weeks: Vec<NaiveDate>,
    pub formats: Vec<Format>,
    pub paper: Paper,
}

/// One rendered document, not yet written.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the output folder.
    pub path: PathBuf,
    pub text: String,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub days: usize,
    pub weeks: usize,
    pub files: Vec<PathBuf>,
}

/// Renders everything `selection` asks for. Each day is assembled once, even when a week
/// uses it; rendering is spread over the machine's cores, and the result is in a fixed order.
pub fn render(
    assembler: &Assembler,
    renderer: &Renderer,
    selection: &Selection,
) -> Result<Vec<Document>, Error> {
    let mut days: Vec<NaiveDate> = selection.days.clone();
    days.sort();
    days.dedup();
    let mut weeks: Vec<NaiveDate> = selection
        .weeks
        .iter()
        .map(|&d| week_start(d, assembler.schedule.week_starts))
        .collect();
    weeks.sort();
    weeks.dedup();

    let mut guides: BTreeMap<NaiveDate, DayGuide> = BTreeMap::new();
    let start = assembler.schedule.start;
    let needed = days.iter().copied().chain(
        weeks
            .iter()
            .flat_map(|w| w.iter_days().take(7))
            .filter(|d| *d >= start),
    );
    for date in needed {
        if let std::collections::btree_map::Entry::Vacant(slot) = guides.entry(date) {
            slot.insert(assembler.day(date)?);
        }
    }
    let mut take = |date: NaiveDate| -> Result<DayGuide, Error> {
        match guides.get(&date) {
            Some(d) => Ok(d.clone()),
            None => assembler.day(date),
        }
    };
    let mut jobs: Vec<Job> = Vec::with_capacity(days.len() + weeks.len());
    for &date in &days {
        jobs.push(Job::Day(Box::new(take(date)?)));
    }
    for &first in &weeks {
        jobs.push(Job::Week(assembler.week_with(
            first,
            selection.paper,
            &mut take,
        )?));
    }

    let formats = &selection.formats;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = jobs.len().div_ceil(threads).max(1);
    let rendered: Vec<Result<Vec<Document>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| scope.spawn(move || render_jobs(part, renderer, formats)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a render thread panicked"))
            .collect()
    });
    let mut docs = Vec::new();
    for part in rendered {
        docs.extend(part?);
    }
    Ok(docs)
}

enum Job {
    Day(Box<DayGuide>),
    Week(WeekGuide),
}

fn render_jobs(
    jobs: &[Job],
    renderer: &Renderer,
    formats: &[Format],
) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::with_capacity(jobs.len() * formats.len());
    for job in jobs {
        let (folder, name, texts) = match job {
            Job::Day(d) => ("days", &d.date, renderer.day_in(d, formats)?),
            Job::Week(w) => ("weeks", &w.start, renderer.week_in(w, formats)?),
        };
        for (format, text) in formats.iter().zip(texts) {
            docs.push(Document {
                path: Path::new(folder).join(format!("{name}.{}", format.extension())),
                text,
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
/// modification time too, which keeps web servers and sync tools calm); a changed one goes
/// through a temporary file renamed into place, so readers never see a half-written guide.
pub fn write(out: &Path, docs: &[Document]) -> Result<Written, Error> {
    let mut written = Written::default();
    let mut made: Vec<PathBuf> = Vec::new();
    for doc in docs {
        let path = out.join(&doc.path);
        if let Some(parent) = path.parent()
            && !made.iter().any(|m| m == parent)
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
            made.push(parent.to_path_buf());
        }
        match std::fs::read(&path) {
            Ok(old) if old == doc.text.as_bytes() => written.unchanged += 1,
            // A new file is written in place: nobody reads it yet, and a build that stops
            // half-way leaves a file that differs, so the next build replaces it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::write(&path, &doc.text).map_err(|e| Error::io("write", &path, e))?;
            }
            _ => {
                let tmp = path.with_extension("part");
                std::fs::write(&tmp, &doc.text).map_err(|e| Error::io("write", &tmp, e))?;
                std::fs::rename(&tmp, &path).map_err(|e| Error::io("write", &path, e))?;
            }
        }
        written.files.push(path);
    }
    Ok(written)
}
