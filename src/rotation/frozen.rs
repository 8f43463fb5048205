//! What a published day showed besides its points: the guide's words (name, summary, story,
//! facts, sources, scripture, and each translation of them), a pinned theme's text, and the
//! schedule's title and church year. The ledger keeps each version once, as a snapshot, and
//! says from which day on a guide showed it, so a published day rebuilds from what it showed
//! however the guide, the schedule or a translation is edited later.
//!
//! In `published.txt`, one line a version and one a change:
//!
//! ```text
//! frozen AF 2026-01-05 3f2a9c1e5b0d7a44
//! frozen AF.es 2026-03-02 9e03c2f87b51aa10
//! frozen schedule 2026-01-05 0b7d44a1c3e9f201
//! shown 3f2a9c1e5b0d7a44 {"file":"guides/afghanistan.toml","name":"Afghanistan",...}
//! ```
//!
//! `frozen KEY DATE ID` says that from DATE on, published days of KEY show snapshot ID (`-`: no
//! translation). Keys: a guide's code, `CODE.LANG` for its translation, `theme.TITLE-ID` for a
//! pinned theme, `schedule`, and `labels.LANG` for a project's own label file. Snapshots hold
//! no restricted text: the base guide's points are the ledger's `text` lines, and a
//! translation keeps only the translations of public points.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::calendar::WeekStart;
use crate::content::church_year::ChurchYear;
use crate::content::guide::{Facts, Guide, Point, Source, Story};
use crate::content::multilingual::PinWords;
use crate::content::translation::{self, Translation};

/// A snapshot's identity: a 64-bit FNV-1a hash of its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SnapshotId(pub u64);

impl SnapshotId {
    pub fn of(json: &str) -> SnapshotId {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in json.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        SnapshotId(hash)
    }

    pub fn parse(word: &str) -> Option<SnapshotId> {
        (word.len() == 16)
            .then(|| u64::from_str_radix(word, 16).ok())
            .flatten()
            .map(SnapshotId)
    }
}

impl fmt::Display for SnapshotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The key of the schedule's snapshot.
pub const SCHEDULE: &str = "schedule";

/// The key of a guide's translation into `language`.
pub fn translation_key(code: &str, language: &str) -> String {
    format!("{code}.{language}")
}

/// The key of a pinned theme, by the id of its title.
pub fn theme_key(title: impl fmt::Display) -> String {
    format!("theme.{title}")
}

/// The key of a project's own labels in `language` (`locales/<tag>.ftl`).
pub fn labels_key(language: &str) -> String {
    format!("labels.{language}")
}

/// A guide's words as a published day showed them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideShown {
    /// The guide's file, relative to the project: named when the file goes missing.
    pub file: String,
    pub name: String,
    pub region: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub praise: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<Story>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceShown>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<NaiveDate>,
    /// A translation's points, by the id of the guide's own (public) point.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<String, String>,
}

/// A source as shown (the guide's own type reads dates from TOML only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceShown {
    pub title: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<NaiveDate>,
}

impl GuideShown {
    /// The words of `guide` (read from `file`), without its points.
    pub fn of(guide: &Guide, file: &str) -> GuideShown {
        GuideShown {
            file: file.to_string(),
            name: guide.name.clone(),
            region: guide.region.clone(),
            summary: guide.summary.clone(),
            praise: guide.praise.clone(),
            scripture: guide.scripture.clone(),
            facts: guide.facts.clone(),
            story: guide.story.clone(),
            sources: guide
                .sources
                .iter()
                .map(|s| SourceShown {
                    title: s.title.clone(),
                    url: s.url.clone(),
                    accessed: s.accessed,
                })
                .collect(),
            reviewed: guide.reviewed,
            points: BTreeMap::new(),
        }
    }

    /// `guide` in a translation: its words translated where the translation has them, and the
    /// translations of its public points by their ids.
    pub fn translated(guide: &Guide, t: &Translation, file: &str) -> GuideShown {
        let translated = translation::apply(guide, t);
        let mut shown = GuideShown::of(&translated, file);
        shown.points = guide
            .points
            .iter()
            .zip(&translated.points)
            .filter(|(own, _)| !own.restricted)
            .map(|(own, t)| {
                (
                    super::ledger::PointId::of(&own.text).to_string(),
                    t.text.clone(),
                )
            })
            .collect();
        shown
    }

    /// Back into a guide with code `code`, for the assembler; it has no points (a published
    /// day's points come from the ledger).
    pub fn to_guide(&self, code: &str) -> Guide {
        Guide {
            name: self.name.clone(),
            code: code.to_string(),
            region: self.region.clone(),
            reviewed: self.reviewed,
            since: None,
            retired: None,
            summary: self.summary.clone(),
            points: Vec::<Point>::new(),
            praise: self.praise.clone(),
            scripture: self.scripture.clone(),
            facts: self.facts.clone(),
            story: self.story.clone(),
            sources: self
                .sources
                .iter()
                .map(|s| Source {
                    title: s.title.clone(),
                    url: s.url.clone(),
                    accessed: s.accessed,
                })
                .collect(),
        }
    }
}

/// A pinned theme's words beyond its title and points (which the ledger keeps as texts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeShown {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripture: Option<String>,
    /// Its words in other languages (`[pin.es]`), by tag; none in snapshots before them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, ThemeWordsShown>,
}

/// A pinned theme's words in one language, its points by the id of the pin's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeWordsShown {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripture: Option<String>,
}

impl ThemeWordsShown {
    /// The words `pin` gives in one language, blanks left out.
    pub fn of(pin: &crate::content::schedule::Pin, words: &PinWords) -> ThemeWordsShown {
        let text = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        ThemeWordsShown {
            title: text(&words.title),
            text: text(&words.text),
            points: pin
                .points
                .iter()
                .zip(&words.points)
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(own, t)| (super::ledger::PointId::of(own).to_string(), t.clone()))
                .collect(),
            scripture: text(&words.scripture),
        }
    }
}

impl ThemeShown {
    /// What `pin` shows: its text and scripture, and its words in each other language.
    pub fn of(pin: &crate::content::schedule::Pin) -> ThemeShown {
        ThemeShown {
            text: pin.text.clone(),
            scripture: pin.scripture.clone(),
            languages: pin
                .languages
                .iter()
                .map(|(l, w)| (l.to_string(), ThemeWordsShown::of(pin, w)))
                .collect(),
        }
    }
}

/// What schedule.toml gave every published day: the title, how Sundays are named, which day
/// a week starts on, and the time zone of its timestamps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleShown {
    pub title: String,
    /// The title in other languages, by tag; none in snapshots before them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    pub church_year: ChurchYear,
    pub week_starts: WeekStart,
    pub timezone: String,
}

/// A project's own label file for one language, as published days showed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelsShown {
    /// The text of `locales/<tag>.ftl`.
    pub ftl: String,
}

/// The JSON of a snapshot: compact, fields in a fixed order, so the same words always give the
/// same id.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("snapshots serialize to JSON")
}

/// What the project has now, to freeze for the days being published.
pub struct Current<'a> {
    pub catalog: &'a crate::content::guide::Catalog,
    pub translations: &'a crate::content::translation::Translations,
    pub schedule: &'a crate::content::schedule::Schedule,
    /// Each guide's file, relative to the project, by catalog index.
    pub files: Vec<String>,
    /// The project's own label files (`locales/<tag>.ftl`), by tag.
    pub labels: BTreeMap<String, String>,
}

/// Freezes, for every published day from `from` on, what the day shows besides its points, as
/// `current` has it: each day's guide and its translations (or pinned theme), the schedule,
/// and the project's label files.
pub fn freeze_days(ledger: &mut super::ledger::Ledger, from: NaiveDate, current: &Current) {
    use super::ledger::{PointId, Shown};
    let Some(last) = ledger.last() else { return };
    if from > last {
        return;
    }
    let schedule = current.schedule;
    // Each day keeps the weeks it falls in now: a week begun under the old `week_starts` ends
    // under it.
    let weeks = weeks_until(ledger, from, schedule);
    let schedule_json = |week_starts: WeekStart| {
        to_json(&ScheduleShown {
            title: schedule.title.own.clone(),
            titles: schedule
                .title
                .translations
                .iter()
                .map(|(l, t)| (l.to_string(), t.clone()))
                .collect(),
            church_year: schedule.church_year,
            week_starts,
            timezone: schedule.timezone.name().to_string(),
        })
    };
    // Label files: those there now, and "none" for a language whose file is gone.
    let mut labels: BTreeMap<String, Option<String>> = ledger
        .frozen
        .keys()
        .filter_map(|k| k.strip_prefix("labels."))
        .map(|tag| (tag.to_string(), None))
        .collect();
    for (tag, ftl) in &current.labels {
        labels.insert(
            tag.clone(),
            Some(to_json(&LabelsShown { ftl: ftl.clone() })),
        );
    }
    for (tag, json) in labels {
        ledger.freeze(&labels_key(&tag), from, json);
    }
    let withdrawn: Vec<String> = ledger
        .withdrawn
        .iter()
        .filter_map(|w| match w {
            super::ledger::Withdrawal::Guide(code) => Some(code.clone()),
            super::ledger::Withdrawal::Point(..) => None,
        })
        .collect();
    let first = (from - ledger.start).num_days().max(0) as usize;
    let days: Vec<(NaiveDate, Shown)> = ledger.days[first..]
        .iter()
        .enumerate()
        .map(|(i, d)| (from + chrono::Days::new(i as u64), d.shown.clone()))
        .collect();
    for (date, shown) in days {
        ledger.freeze(SCHEDULE, date, Some(schedule_json(weeks.setting_on(date))));
        match shown {
            Shown::Country { code, .. } => {
                if withdrawn.contains(&code) {
                    continue;
                }
                let Some(index) = current.catalog.by_code(&code) else {
                    continue;
                };
                let entry = &current.catalog.entries[index];
                let file = current.files[index].as_str();
                ledger.freeze(
                    &code,
                    date,
                    Some(to_json(&GuideShown::of(&entry.guide, file))),
                );
                for language in current.translations.languages() {
                    let key = translation_key(&code, language.as_str());
                    let json = current.translations.get(language, index).map(|t| {
                        let file = t.path.to_string_lossy();
                        to_json(&GuideShown::translated(&entry.guide, &t.translation, &file))
                    });
                    if json.is_some() || ledger.frozen.contains_key(&key) {
                        ledger.freeze(&key, date, json);
                    }
                }
            }
            Shown::Theme { title } => {
                let pin = schedule
                    .pins
                    .iter()
                    .find(|p| p.title.as_deref().is_some_and(|t| PointId::of(t) == title));
                if let Some(pin) = pin {
                    let json = to_json(&ThemeShown::of(pin));
                    ledger.freeze(&theme_key(title), date, Some(json));
                }
            }
        }
    }
}

/// The weeks of `ledger`'s days: each published day in the weeks it was published in, the
/// days after as schedule.toml's `week_starts` says now. A week already begun when the setting
/// changed ends as it began; the new setting starts the day after it.
pub fn weeks(
    ledger: &super::ledger::Ledger,
    schedule: &crate::content::schedule::Schedule,
) -> crate::content::calendar::Weeks {
    weeks_until(ledger, ledger.first_unpublished(), schedule)
}

/// [`weeks`], with the days from `first_unpublished` on taken as not published.
fn weeks_until(
    ledger: &super::ledger::Ledger,
    first_unpublished: NaiveDate,
    schedule: &crate::content::schedule::Schedule,
) -> crate::content::calendar::Weeks {
    use crate::content::calendar::Weeks;
    let frozen: Vec<(NaiveDate, WeekStart)> = ledger
        .frozen
        .get(SCHEDULE)
        .into_iter()
        .flatten()
        .filter(|(date, _)| *date < first_unpublished)
        .filter_map(|(date, id)| {
            let json = ledger.snapshots.get(&(*id)?)?;
            let shown: ScheduleShown = serde_json::from_str(json).ok()?;
            Some((*date, shown.week_starts))
        })
        .collect();
    let Some(last) = first_unpublished.pred_opt().filter(|_| !frozen.is_empty()) else {
        return Weeks::fixed(schedule.week_starts);
    };
    let published = Weeks::changing(frozen.clone());
    let end = published.end(last);
    let mut settings = frozen;
    settings.push((end.succ_opt().unwrap_or(end), schedule.week_starts));
    Weeks::changing(settings)
}
