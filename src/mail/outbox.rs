//! A test send: a date's editions composed for chosen subscribers exactly as `send` composes
//! them, written as `.eml` files. The journal is neither read nor written, nor is the ledger
//! of published days extended, so a test never stands in for the real delivery and can be
//! repeated at will.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::project::Project;
use crate::error::Error;
use crate::mail::message::Composer;
use crate::mail::send::{editions_due, render_edition};
use crate::mail::store::Store;
use crate::mail::subscribers::Cadence;
use crate::mail::transport::DirectorySender;
use crate::publish::render::Renderer;

/// What a test send wrote, and notes on editions not due that day.
#[derive(Debug, Default)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub notes: Vec<String>,
}

/// Writes the editions of `date` (of `cadence`, or every cadence due that day) for every
/// active subscriber, or only for `only`, into `dir`.
pub fn write(
    project: &Project,
    date: NaiveDate,
    cadence: Option<Cadence>,
    only: Option<&str>,
    dir: &Path,
    without_unsubscribe: bool,
) -> Result<Written, Error> {
    let email = &project.schedule.email;
    let store = Store::open(&project.path(&email.database))?;
    let mut renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
    // Read, not extended: a test publishes nothing.
    let outputs = [project.path(&project.schedule.output.dir)];
    let ledger = crate::publish::ledger::load(project, &outputs, false)?;
    crate::publish::ledger::require_guides(project, &ledger)?;
    let (due, notes) = editions_due(project, date, cadence);
    let languages = store.languages()?;
    let editions = due
        .into_iter()
        .map(|(cadence, id)| {
            render_edition(
                project,
                &ledger,
                &mut renderer,
                cadence,
                id,
                date,
                &languages,
            )
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let composer = Composer::new(
        email,
        &renderer,
        &project.schedule.title,
        &project.root,
        without_unsubscribe,
    )?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let files = DirectorySender::new(dir.to_path_buf());
    let only = only.map(|o| o.trim().to_lowercase());
    let mut written = Written {
        files: Vec::new(),
        notes,
    };
    for edition in &editions {
        let mut subscribers = store.active(edition.cadence)?;
        if let Some(only) = &only {
            subscribers.retain(|s| s.email.to_lowercase() == *only);
        }
        for s in subscribers {
            let message = composer.compose(edition, &s)?;
            let stem = format!("{}-{}", edition.id, s.id);
            files
                .send(&message, &stem)
                .map_err(|e| Error::Usage(e.detail().to_string()))?;
            written.files.push(dir.join(format!("{stem}.eml")));
        }
    }
    if let Some(only) = &only
        && written.files.is_empty()
        && !editions.is_empty()
    {
        return Err(Error::Usage(format!(
            "{only} is not an active subscriber of the editions of {date} ({}): nothing was written",
            editions
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(written)
}
