//! Writing built guides to disk in a predictable tree named by date:
//! `days/YYYY-MM-DD.EXT` and `weeks/YYYY-MM-DD.EXT` (the week's first day).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::calendar::week_start;
use crate::error::Error;
use crate::guide::{Assembler, DayGuide};
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

/// Renders everything `selection` asks for. Each day is assembled once, even when a week uses it.
pub fn render(
    assembler: &Assembler,
    renderer: &Renderer,
    selection: &Selection,
) -> Result<Vec<Document>, Error> {
    let mut cache: BTreeMap<NaiveDate, DayGuide> = BTreeMap::new();
    let mut day = |date: NaiveDate| -> Result<DayGuide, Error> {
        if let Some(d) = cache.get(&date) {
            return Ok(d.clone());
        }
        let d = assembler.day(date)?;
        cache.insert(date, d.clone());
        Ok(d)
    };
    let mut docs = Vec::new();
    let mut days: Vec<NaiveDate> = selection.days.clone();
    days.sort();
    days.dedup();
    for date in days {
        let guide = day(date)?;
        for &format in &selection.formats {
            docs.push(Document {
                path: Path::new("days").join(format!("{date}.{}", format.extension())),
                text: renderer.day(&guide, format)?,
            });
        }
    }
    let mut weeks: Vec<NaiveDate> = selection
        .weeks
        .iter()
        .map(|&d| week_start(d, assembler.schedule.week_starts))
        .collect();
    weeks.sort();
    weeks.dedup();
    for first in weeks {
        let week = assembler.week_with(first, selection.paper, &mut day)?;
        for &format in &selection.formats {
            docs.push(Document {
                path: Path::new("weeks").join(format!("{first}.{}", format.extension())),
                text: renderer.week(&week, format)?,
            });
        }
    }
    Ok(docs)
}

/// Writes documents under `out`, each through a temporary file renamed into place, so an
/// interrupted build never leaves a half-written guide.
pub fn write(out: &Path, docs: &[Document]) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::with_capacity(docs.len());
    for doc in docs {
        let path = out.join(&doc.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        let tmp = path.with_extension("part");
        std::fs::write(&tmp, &doc.text).map_err(|e| Error::io("write", &tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io("write", &path, e))?;
        written.push(path);
    }
    Ok(written)
}
