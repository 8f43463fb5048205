//! The ledger: what every published day showed, so that it shows the same whatever is edited
//! later. Pure data and its text format; reading and writing the file is `publish::ledger`.
//!
//! `published.txt` lives next to schedule.toml and is committed with the guides, like Cargo.lock.
//! One line a day, so a diff reads as "these days were published":
//!
//! ```text
//! ledger 2 start 2026-01-05
//! cycle 2026-01-05 AF DZ BD BT
//! 2026-01-05 AF : 3f2a9c1e 0b7d44a1 9e03c2f8
//! 2026-01-06 DZ day 1 of 2 : 51c0aa9d 77e1b0c4 2d9f6e13
//! 2026-11-01 theme 6a1f0c22 : 4be9d0a7 c1f3e825
//! 2026-06-20 ER pinned : 8d2e7f10 1c44b9e0 a7f0d3b2
//! withdrawn LA
//! withdrawn KZ 5e6f7a8b
//! planned 2026-11-26 LA MY MV ML
//! text AF 3f2a9c1e Pray for ...
//! ```
//!
//! A point is known by an id: a hash of its text with the spaces folded, so reformatting the TOML
//! keeps it, and any change of wording makes a new point. The texts as published are kept once
//! each (`text` lines): a published day shows the points as they were sent, whatever the guide
//! says now. Restricted points are never written here (the file is committed, often publicly).

use std::collections::{BTreeMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::Path;

use chrono::NaiveDate;

use super::frozen::SnapshotId;
use crate::error::{Diagnostic, Diagnostics, Error};

/// The file's name, next to schedule.toml.
pub const FILE: &str = "published.txt";

/// The format's version, the number after `ledger` on its first line. Version 2 added the
/// snapshots of what published days showed (`frozen` and `shown` lines, see
/// [`super::frozen`]); a version 1 ledger is read, and its days take the words the guides have
/// when it is first written again.
pub const VERSION: u32 = 2;

/// How many unpublished days the `planned` line remembers, to say what an edit moves.
pub const PLANNED_DAYS: usize = 90;

/// A point's identity: a hash of its text (spaces folded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PointId(pub u32);

impl PointId {
    /// The id of a point or title text. FNV-1a, stable across Rust versions and machines.
    pub fn of(text: &str) -> PointId {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut first = true;
        for word in text.split_whitespace() {
            if !first {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(0x0000_0100_0000_01b3);
            }
            first = false;
            for byte in word.bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        PointId((hash ^ (hash >> 32)) as u32)
    }

    fn parse(word: &str) -> Option<PointId> {
        (word.len() == 8)
            .then(|| u32::from_str_radix(word, 16).ok())
            .flatten()
            .map(PointId)
    }
}

impl fmt::Display for PointId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

/// What a published day was given to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A country: day `day` of a visit of `of` days, or a day a pin gave it.
    Country {
        code: String,
        day: usize,
        of: usize,
        pinned: bool,
    },
    /// A pinned theme, known by the id of its title.
    Theme { title: PointId },
}

/// One published day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub shown: Shown,
    /// The day's points, in order.
    pub points: Vec<PointId>,
}

/// A cycle of the rotation: the day it began and the countries it visits, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub date: NaiveDate,
    pub codes: Vec<String>,
}

/// Something taken out of the rotation and out of every page rebuilt, published or not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Withdrawal {
    Guide(String),
    Point(String, PointId),
}

/// The key of a published text: a country code (or `theme`), and the text's id.
pub type TextKey = (String, PointId);

/// The code under which theme titles and points are kept.
pub const THEME: &str = "theme";

/// The ledger of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The rotation's `start` when the ledger was begun: a ledger belongs to one schedule.
    pub start: NaiveDate,
    /// The published days, one a date from `start` on, without gaps.
    pub days: Vec<Day>,
    pub cycles: Vec<Cycle>,
    pub withdrawn: Vec<Withdrawal>,
    /// The days after the last published one as they were planned when the ledger was written.
    pub planned: Option<(NaiveDate, Vec<String>)>,
    /// Every published text.
    pub texts: BTreeMap<TextKey, String>,
    /// The version the file was read in; [`VERSION`] for a new ledger.
    pub version: u32,
    /// For each snapshot key (a guide's code, `CODE.LANG`, `theme.ID`, `schedule`,
    /// `labels.LANG`), the days from which published days showed which snapshot (`None`: none,
    /// such as a translation that did not exist yet), in order of date.
    pub frozen: BTreeMap<String, Vec<(NaiveDate, Option<SnapshotId>)>>,
    /// Every snapshot, as compact JSON.
    pub snapshots: BTreeMap<SnapshotId, String>,
}

impl Ledger {
    /// An empty ledger for a rotation starting on `start`: nothing published yet.
    pub fn new(start: NaiveDate) -> Ledger {
        Ledger {
            start,
            days: Vec::new(),
            cycles: Vec::new(),
            withdrawn: Vec::new(),
            planned: None,
            texts: BTreeMap::new(),
            version: VERSION,
            frozen: BTreeMap::new(),
            snapshots: BTreeMap::new(),
        }
    }

    /// The JSON of what published day `date` showed under `key`, if the ledger froze the key:
    /// the latest snapshot of `key` from `date` or before. `Some(None)` when it showed none (no
    /// translation, no label file of the project's own, or the key's first version is later).
    /// `None` when the key was never frozen: the day shows what the project has now.
    pub fn shown(&self, key: &str, date: NaiveDate) -> Option<Option<&str>> {
        let versions = self.frozen.get(key)?;
        let i = versions.partition_point(|(d, _)| *d <= date);
        // Before a key's first version it showed nothing (a translation made later).
        let Some(i) = i.checked_sub(1) else {
            return Some(None);
        };
        Some(
            versions[i]
                .1
                .map(|id| self.snapshots.get(&id).map_or("", String::as_str)),
        )
    }

    /// Freezes `json` as what `key` shows from `date` on, unless that is what it shows already.
    /// Dates are frozen in order: `date` is never before the key's last change.
    pub fn freeze(&mut self, key: &str, date: NaiveDate, json: Option<String>) {
        let id = json.as_deref().map(SnapshotId::of);
        let versions = self.frozen.entry(key.to_string()).or_default();
        if versions.last().is_some_and(|(_, last)| *last == id) {
            return;
        }
        if let (Some(id), Some(json)) = (id, json) {
            self.snapshots.entry(id).or_insert(json);
        }
        versions.push((date, id));
    }

    /// Drops the snapshots no key refers to any more.
    fn drop_unused_snapshots(&mut self) {
        let used: HashSet<SnapshotId> = self
            .frozen
            .values()
            .flatten()
            .filter_map(|(_, id)| *id)
            .collect();
        self.snapshots.retain(|id, _| used.contains(id));
    }

    /// The file a published guide was read from, as its latest snapshot names it.
    pub fn guide_file(&self, code: &str) -> Option<String> {
        let (_, id) = self.frozen.get(code)?.last()?;
        let json = self.snapshots.get(&(*id)?)?;
        serde_json::from_str::<super::frozen::GuideShown>(json)
            .ok()
            .map(|g| g.file)
    }

    /// The first date not yet published.
    pub fn first_unpublished(&self) -> NaiveDate {
        self.start + chrono::Days::new(self.days.len() as u64)
    }

    /// The last published date, if any.
    pub fn last(&self) -> Option<NaiveDate> {
        self.first_unpublished()
            .pred_opt()
            .filter(|_| !self.days.is_empty())
    }

    /// What `date` showed, if it is published.
    pub fn day(&self, date: NaiveDate) -> Option<&Day> {
        let i = (date - self.start).num_days();
        usize::try_from(i).ok().and_then(|i| self.days.get(i))
    }

    pub fn is_guide_withdrawn(&self, code: &str) -> bool {
        self.withdrawn
            .iter()
            .any(|w| matches!(w, Withdrawal::Guide(c) if c == code))
    }

    /// The withdrawn points, by code and id.
    pub fn withdrawn_points(&self) -> HashSet<(&str, PointId)> {
        self.withdrawn
            .iter()
            .filter_map(|w| match w {
                Withdrawal::Point(c, id) => Some((c.as_str(), *id)),
                Withdrawal::Guide(_) => None,
            })
            .collect()
    }

    /// Records a withdrawal and removes the texts it covers from the ledger. Returns false
    /// when it was recorded already.
    pub fn withdraw(&mut self, what: Withdrawal) -> bool {
        match &what {
            Withdrawal::Guide(code) => {
                self.texts.retain(|(c, _), _| c != code);
                // Its words and every translation of them leave with it.
                let prefix = format!("{code}.");
                self.frozen
                    .retain(|key, _| key != code && !key.starts_with(&prefix));
            }
            Withdrawal::Point(code, id) => {
                self.texts.remove(&(code.clone(), *id));
                self.forget_translated_point(code, *id);
            }
        }
        self.drop_unused_snapshots();
        if self.withdrawn.contains(&what) {
            return false;
        }
        self.withdrawn.push(what);
        self.withdrawn.sort();
        true
    }

    /// Takes point `id` of `code` out of every snapshot of the guide's translations.
    fn forget_translated_point(&mut self, code: &str, id: PointId) {
        let prefix = format!("{code}.");
        let word = id.to_string();
        let mut renamed: BTreeMap<SnapshotId, Option<(SnapshotId, String)>> = BTreeMap::new();
        for (key, versions) in &mut self.frozen {
            if !key.starts_with(&prefix) {
                continue;
            }
            for (_, version) in versions.iter_mut() {
                let Some(old) = *version else { continue };
                let new = renamed.entry(old).or_insert_with(|| {
                    let json = self.snapshots.get(&old)?;
                    let mut shown: super::frozen::GuideShown = serde_json::from_str(json).ok()?;
                    shown.points.remove(&word)?;
                    let json = super::frozen::to_json(&shown);
                    Some((SnapshotId::of(&json), json))
                });
                if let Some((id, json)) = new {
                    self.snapshots.entry(*id).or_insert_with(|| json.clone());
                    *version = Some(*id);
                }
            }
        }
    }

    /// The ledger as the text of `published.txt`.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(64 * self.days.len() + 160 * self.texts.len());
        out.push_str(HEADER);
        let _ = writeln!(out, "ledger {VERSION} start {}", self.start);
        let mut cycles = self.cycles.iter().peekable();
        for (i, day) in self.days.iter().enumerate() {
            let date = self.start + chrono::Days::new(i as u64);
            while let Some(c) = cycles.next_if(|c| c.date <= date) {
                let _ = writeln!(out, "cycle {} {}", c.date, c.codes.join(" "));
            }
            let _ = write!(out, "{date} ");
            match &day.shown {
                Shown::Country {
                    code,
                    day,
                    of,
                    pinned,
                } => {
                    out.push_str(code);
                    if *of > 1 {
                        let _ = write!(out, " day {day} of {of}");
                    }
                    if *pinned {
                        out.push_str(" pinned");
                    }
                }
                Shown::Theme { title } => {
                    let _ = write!(out, "{THEME} {title}");
                }
            }
            out.push_str(" :");
            for p in &day.points {
                let _ = write!(out, " {p}");
            }
            out.push('\n');
        }
        for c in cycles {
            let _ = writeln!(out, "cycle {} {}", c.date, c.codes.join(" "));
        }
        for w in &self.withdrawn {
            match w {
                Withdrawal::Guide(code) => {
                    let _ = writeln!(out, "withdrawn {code}");
                }
                Withdrawal::Point(code, id) => {
                    let _ = writeln!(out, "withdrawn {code} {id}");
                }
            }
        }
        if let Some((date, codes)) = &self.planned {
            let _ = writeln!(out, "planned {date} {}", codes.join(" "));
        }
        for ((code, id), text) in &self.texts {
            let _ = writeln!(out, "text {code} {id} {}", fold(text));
        }
        for (key, versions) in &self.frozen {
            for (date, id) in versions {
                match id {
                    Some(id) => writeln!(out, "frozen {key} {date} {id}"),
                    None => writeln!(out, "frozen {key} {date} -"),
                }
                .expect("writing to a String");
            }
        }
        for (id, json) in &self.snapshots {
            let _ = writeln!(out, "shown {id} {json}");
        }
        out
    }

    /// Reads `published.txt`. `path` only names the file in errors; every problem found is
    /// reported, each with its line.
    pub fn parse(text: &str, path: &Path) -> Result<Ledger, Error> {
        let mut out = Diagnostics::default();
        let mut ledger: Option<Ledger> = None;
        let damaged = "the ledger is written by prayer-guide: restore it from version control \
                       (`git checkout -- published.txt`) rather than editing it";
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let mut bad = |column: usize, message: String, help: &str| {
                out.push(
                    Diagnostic::error(path, message)
                        .at(Some((n, column)))
                        .help(help),
                );
            };
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
                .iter()
                .any(|m| trimmed.starts_with(m))
            {
                bad(
                    1,
                    "a merge left conflict markers in the ledger".into(),
                    "two copies published days at the same time: keep the side that was published \
                     (sent or printed) first, take the other side's guides and schedule, then run \
                     `prayer-guide check`",
                );
                continue;
            }
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            let Some(ledger) = ledger.as_mut() else {
                match words.as_slice() {
                    ["ledger", version, "start", date] => {
                        let version: u32 = version.parse().unwrap_or(u32::MAX);
                        if version > VERSION {
                            bad(
                                8,
                                format!(
                                    "ledger version {version}; this prayer-guide reads version {VERSION}"
                                ),
                                "it was written by a newer prayer-guide: upgrade prayer-guide",
                            );
                            return Err(Error::Invalid(out));
                        }
                        match date.parse::<NaiveDate>() {
                            Ok(start) => {
                                ledger = Some(Ledger {
                                    version,
                                    ..Ledger::new(start)
                                })
                            }
                            Err(_) => bad(1, format!("`{date}` is not a date"), damaged),
                        }
                    }
                    _ => bad(
                        1,
                        "this is not a prayer-guide ledger: the first line should be \
                         `ledger 2 start YYYY-MM-DD`"
                            .into(),
                        "published.txt is prayer-guide's record of published days; if this file \
                         is something else, move it away",
                    ),
                }
                if ledger.is_none() {
                    return Err(Error::Invalid(out));
                }
                continue;
            };
            match words[0] {
                "cycle" => match words.get(1).and_then(|d| d.parse::<NaiveDate>().ok()) {
                    Some(date) => ledger.cycles.push(Cycle {
                        date,
                        codes: words[2..].iter().map(|s| s.to_string()).collect(),
                    }),
                    None => bad(7, "a cycle without a date".into(), damaged),
                },
                "withdrawn" => match words.as_slice() {
                    [_, code] => ledger.withdrawn.push(Withdrawal::Guide(code.to_string())),
                    [_, code, id] => match PointId::parse(id) {
                        Some(id) => ledger
                            .withdrawn
                            .push(Withdrawal::Point(code.to_string(), id)),
                        None => bad(11, format!("`{id}` is not a point id"), damaged),
                    },
                    _ => bad(
                        1,
                        "`withdrawn` takes a code and maybe a point id".into(),
                        damaged,
                    ),
                },
                "planned" => match words.get(1).and_then(|d| d.parse::<NaiveDate>().ok()) {
                    Some(date) => {
                        ledger.planned =
                            Some((date, words[2..].iter().map(|s| s.to_string()).collect()))
                    }
                    None => bad(9, "`planned` without a date".into(), damaged),
                },
                "frozen" => match words.as_slice() {
                    [_, key, date, id] => {
                        let date = date.parse::<NaiveDate>();
                        let id = match *id {
                            "-" => Some(None),
                            id => SnapshotId::parse(id).map(Some),
                        };
                        match (date, id) {
                            (Ok(date), Some(id)) => {
                                let versions = ledger.frozen.entry(key.to_string()).or_default();
                                if versions.last().is_some_and(|(last, _)| *last >= date) {
                                    bad(1, format!("`frozen {key}` dates out of order"), damaged);
                                }
                                versions.push((date, id));
                            }
                            _ => bad(
                                1,
                                "a `frozen` line needs a date and a snapshot id".into(),
                                damaged,
                            ),
                        }
                    }
                    _ => bad(1, "a `frozen` line is `frozen KEY DATE ID`".into(), damaged),
                },
                "shown" => {
                    let mut parts = trimmed.splitn(3, ' ');
                    let (_, id, json) = (parts.next(), parts.next(), parts.next());
                    match (id.and_then(SnapshotId::parse), json) {
                        (Some(id), Some(json)) if SnapshotId::of(json) == id => {
                            ledger.snapshots.insert(id, json.to_string());
                        }
                        (Some(_), Some(_)) => bad(
                            1,
                            "a `shown` line whose text does not match its id: it was edited".into(),
                            damaged,
                        ),
                        _ => bad(
                            1,
                            "a `shown` line needs an id and the snapshot".into(),
                            damaged,
                        ),
                    }
                }
                "text" => {
                    let mut parts = trimmed.splitn(4, ' ');
                    let (_, code, id, text) =
                        (parts.next(), parts.next(), parts.next(), parts.next());
                    match (code, id.and_then(PointId::parse), text) {
                        (Some(code), Some(id), Some(text)) => {
                            ledger
                                .texts
                                .insert((code.to_string(), id), text.to_string());
                        }
                        _ => bad(
                            1,
                            "a `text` line needs a code, an id and the text".into(),
                            damaged,
                        ),
                    }
                }
                first => match first.parse::<NaiveDate>() {
                    Ok(date) => {
                        let expected = ledger.first_unpublished();
                        if date != expected {
                            bad(
                                1,
                                format!(
                                    "{date} where the ledger's next day is {expected}: days are missing or repeated"
                                ),
                                damaged,
                            );
                            return Err(Error::Invalid(out));
                        }
                        match parse_day(&words[1..]) {
                            Ok(day) => ledger.days.push(day),
                            Err(message) => {
                                bad(12, message, damaged);
                                return Err(Error::Invalid(out));
                            }
                        }
                    }
                    Err(_) => bad(
                        1,
                        format!("`{first}` starts no line the ledger knows"),
                        damaged,
                    ),
                },
            }
        }
        let Some(ledger) = ledger else {
            out.push(
                Diagnostic::error(path, "the ledger is empty: it has no `ledger 2 start` line")
                    .help(damaged),
            );
            return Err(Error::Invalid(out));
        };
        for (key, versions) in &ledger.frozen {
            if let Some(id) = versions
                .iter()
                .filter_map(|(_, id)| *id)
                .find(|id| !ledger.snapshots.contains_key(id))
            {
                out.push(
                    Diagnostic::error(
                        path,
                        format!("`frozen {key}` names snapshot {id}, which has no `shown` line"),
                    )
                    .help(damaged),
                );
            }
        }
        for (i, day) in ledger.days.iter().enumerate() {
            let code = match &day.shown {
                Shown::Country { code, .. } => code.as_str(),
                Shown::Theme { .. } => THEME,
            };
            let scrubbed = ledger.withdrawn.iter().any(|w| match w {
                Withdrawal::Guide(c) => c == code,
                Withdrawal::Point(c, id) => c == code && day.points.contains(id),
            });
            for id in &day.points {
                if !scrubbed && !ledger.texts.contains_key(&(code.to_string(), *id)) {
                    let date = ledger.start + chrono::Days::new(i as u64);
                    out.push(
                        Diagnostic::error(
                            path,
                            format!("{date} shows point {id}, whose text is missing"),
                        )
                        .help(damaged),
                    );
                    return Err(Error::Invalid(out));
                }
            }
        }
        if out.has_errors() {
            Err(Error::Invalid(out))
        } else {
            Ok(ledger)
        }
    }
}

/// `AF : ids`, `DZ day 1 of 2 pinned : ids`, `theme 6a1f0c22 : ids`.
fn parse_day(words: &[&str]) -> Result<Day, String> {
    let colon = words
        .iter()
        .position(|w| *w == ":")
        .ok_or("a day line needs ` : ` before its points")?;
    let points = words[colon + 1..]
        .iter()
        .map(|w| PointId::parse(w).ok_or_else(|| format!("`{w}` is not a point id")))
        .collect::<Result<Vec<_>, _>>()?;
    let shown = match &words[..colon] {
        [THEME, id] => Shown::Theme {
            title: PointId::parse(id).ok_or_else(|| format!("`{id}` is not a title id"))?,
        },
        [code, rest @ ..] => {
            let (mut day, mut of, mut pinned) = (1, 1, false);
            match rest {
                [] => {}
                ["pinned"] => pinned = true,
                ["day", n, "of", m] | ["day", n, "of", m, "pinned"] => {
                    day = n.parse().map_err(|_| format!("`{n}` is not a number"))?;
                    of = m.parse().map_err(|_| format!("`{m}` is not a number"))?;
                    pinned = rest.len() == 5;
                }
                _ => return Err(format!("`{}` is not a day", words[..colon].join(" "))),
            }
            Shown::Country {
                code: code.to_string(),
                day,
                of,
                pinned,
            }
        }
        [] => return Err("a day line needs a country code or `theme`".into()),
    };
    Ok(Day { shown, points })
}

/// A text on one line, as the ledger keeps it.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const HEADER: &str = "\
# prayer-guide's ledger: what every published day showed. A published day (any day built
# into an output folder or emailed, and every day up to today) shows exactly this, whatever
# is edited later. Commit it with guides/ and schedule.toml, as Cargo.lock is committed.
# prayer-guide writes it (`build`, `send`, `run`, `publish`, `withdraw`): do not edit it.
# A day: DATE CODE [day N of M] [pinned] : POINT-IDS (or `theme TITLE-ID`); `cycle` lines
# list the countries a cycle visits; `text` lines hold the points as they were published;
# `frozen` lines say from which day a guide, translation, theme, the schedule or a label file
# showed which `shown` snapshot of its words.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn sample() -> Ledger {
        let mut l = Ledger::new(d("2026-01-05"));
        l.cycles.push(Cycle {
            date: d("2026-01-05"),
            codes: vec!["AF".into(), "DZ".into()],
        });
        let (a, b) = (PointId::of("Pray a."), PointId::of("Pray b."));
        l.days.push(Day {
            shown: Shown::Country {
                code: "AF".into(),
                day: 1,
                of: 1,
                pinned: false,
            },
            points: vec![a, b],
        });
        l.days.push(Day {
            shown: Shown::Country {
                code: "DZ".into(),
                day: 2,
                of: 3,
                pinned: true,
            },
            points: vec![a],
        });
        let t = PointId::of("Theme");
        l.days.push(Day {
            shown: Shown::Theme { title: t },
            points: vec![b],
        });
        l.texts.insert(("AF".into(), a), "Pray a.".into());
        l.texts.insert(("AF".into(), b), "Pray b.".into());
        l.texts.insert(("DZ".into(), a), "Pray a.".into());
        l.texts.insert((THEME.into(), b), "Pray b.".into());
        l.texts.insert((THEME.into(), t), "Theme".into());
        l.planned = Some((d("2026-01-08"), vec!["AF".into(), "DZ".into()]));
        l.withdrawn.push(Withdrawal::Point("DZ".into(), PointId(7)));
        l
    }

    #[test]
    fn reads_back_what_it_writes() {
        let l = sample();
        let text = l.to_text();
        assert_eq!(Ledger::parse(&text, Path::new("published.txt")).unwrap(), l);
        assert!(
            text.contains("2026-01-06 DZ day 2 of 3 pinned : "),
            "{text}"
        );
    }

    #[test]
    fn point_ids_ignore_reflowed_spaces_but_not_words() {
        assert_eq!(
            PointId::of("Pray  for\n the church."),
            PointId::of("Pray for the church.")
        );
        assert_ne!(
            PointId::of("Pray for the church."),
            PointId::of("Pray for the churches.")
        );
        assert_eq!(PointId::of("x").to_string().len(), 8);
    }

    #[test]
    fn a_gap_in_the_days_is_damage() {
        let text = sample().to_text().replace("2026-01-06 DZ", "2026-01-09 DZ");
        let err = Ledger::parse(&text, Path::new("published.txt")).unwrap_err();
        assert!(
            err.to_string().contains("days are missing or repeated"),
            "{err}"
        );
        assert!(
            err.to_string().contains("git checkout -- published.txt"),
            "{err}"
        );
    }

    #[test]
    fn conflict_markers_say_how_to_merge() {
        let text = sample().to_text() + "<<<<<<< HEAD\n";
        let err = Ledger::parse(&text, Path::new("published.txt")).unwrap_err();
        assert!(err.to_string().contains("conflict markers"), "{err}");
    }

    #[test]
    fn another_file_is_not_a_ledger() {
        let err = Ledger::parse("title = \"x\"\n", Path::new("published.txt")).unwrap_err();
        assert!(
            err.to_string().contains("not a prayer-guide ledger"),
            "{err}"
        );
    }

    #[test]
    fn withdrawing_removes_the_text() {
        let mut l = sample();
        assert!(l.withdraw(Withdrawal::Guide("AF".into())));
        assert!(!l.texts.keys().any(|(c, _)| c == "AF"));
        assert!(!l.withdraw(Withdrawal::Guide("AF".into())));
        let text = l.to_text();
        assert!(!text.contains("text AF"), "{text}");
        assert_eq!(Ledger::parse(&text, Path::new("p")).unwrap(), l);
    }
}
