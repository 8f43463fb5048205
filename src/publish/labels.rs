//! The labels a published day was published with. A project's own label files
//! (`locales/<tag>.ftl`) are words like a guide's, so the ledger freezes them (`labels.<tag>`
//! snapshots) and a published day keeps its "Please pray", its date format and its fact
//! labels whatever the file says later. The built-in labels are the program's, like its
//! templates: an upgrade may change them on every day.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::content::locale::{Language, Locale};
use crate::error::Error;
use crate::rotation::frozen::labels_key;
use crate::rotation::ledger::Ledger;

/// One language's labels through time: for published days as each was published, after the
/// last published day as the project's files are now.
#[derive(Debug)]
pub struct FrozenLabels {
    current: Arc<Locale>,
    /// From each date on, up to the next, the labels published days of that time showed.
    changes: Vec<(NaiveDate, Arc<Locale>)>,
    last_published: Option<NaiveDate>,
}

impl FrozenLabels {
    /// The labels of `language` for `ledger`'s published days; `current` is the locale as the
    /// project's folder `dir` has it now. A ledger that froze nothing yet (version 1) shows
    /// every day in `current`.
    pub fn new(
        ledger: &Ledger,
        language: &Language,
        dir: &Path,
        current: Arc<Locale>,
    ) -> Result<FrozenLabels, Error> {
        let mut changes = Vec::new();
        if !ledger.frozen.is_empty() {
            let chain = language.lookup_chain();
            let mut dates: BTreeSet<NaiveDate> = chain
                .iter()
                .filter_map(|tag| ledger.frozen.get(&labels_key(tag)))
                .flatten()
                .map(|(date, _)| *date)
                .collect();
            dates.insert(ledger.start);
            for date in dates {
                // Once a ledger freezes, a language whose file it never froze had none.
                let frozen = |tag: &str| {
                    Some(
                        ledger
                            .shown(&labels_key(tag), date)
                            .flatten()
                            .and_then(|json| {
                                serde_json::from_str::<crate::rotation::frozen::LabelsShown>(json)
                                    .ok()
                            })
                            .map(|l| l.ftl),
                    )
                };
                let (locale, _) = Locale::load_with(language, Some(dir), &frozen)?;
                changes.push((date, Arc::new(locale)));
            }
        }
        Ok(FrozenLabels {
            current,
            changes,
            last_published: ledger.last(),
        })
    }

    /// The labels `date` shows: as published, or as they are now for a day not published.
    pub fn on(&self, date: NaiveDate) -> &Arc<Locale> {
        if self.last_published.is_none_or(|last| date > last) {
            return &self.current;
        }
        let i = self.changes.partition_point(|(d, _)| *d <= date);
        match i.checked_sub(1) {
            Some(i) => &self.changes[i].1,
            None => &self.current,
        }
    }

    /// The labels as the project has them now.
    pub fn current(&self) -> &Arc<Locale> {
        &self.current
    }
}

/// The labels of `language` in `project`: as they are now (with the warnings of loading
/// them), and as each of `ledger`'s published days was published with them.
pub fn load(
    project: &crate::content::project::Project,
    ledger: &Ledger,
    language: &Language,
) -> Result<(Arc<FrozenLabels>, crate::error::Diagnostics), Error> {
    let (locale, warnings) = project.locale(language)?;
    let dir = project.path(&project.schedule.locales);
    let labels = FrozenLabels::new(ledger, language, &dir, locale)?;
    Ok((Arc::new(labels), warnings))
}
