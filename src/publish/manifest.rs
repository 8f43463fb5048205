//! What builds wrote into an output folder, kept in a manifest inside it
//! (`.prayer-guide-manifest.json`): every file with a hash of its content, and how the folder
//! was built. A later build removes the files an earlier one wrote and it no longer produces
//! (a withdrawn guide's country page), within what it covers, and only those: a file no build
//! wrote is never touched, and one edited since it was written is left with a warning.
//! `withdraw` reads the manifest to say how to rebuild the folder.
//!
//! ```json
//! {
//!   "manifest": 1,
//!   "builds": [
//!     { "site": false, "formats": ["html", "txt", "pdf"], "from": "2026-01-05",
//!       "to": "2026-12-13", "today": "2026-12-13", "single": true, ... }
//!   ],
//!   "files": { "days/2026-01-05.html": "9f86d081…", ... }
//! }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::content::calendar::Weeks;
use crate::content::schedule::{Format, Paper};
use crate::error::Error;
use crate::publish::build::Plan;
use crate::publish::output::{self, Document, THIS_WEEK_JSON, TODAY_JSON, year_from};
use crate::publish::{feed, ics};
use crate::rotation::Audience;

/// The manifest's name inside the output folder.
pub const FILE: &str = ".prayer-guide-manifest.json";
/// The version of the manifest's format.
const VERSION: u32 = 1;

/// Whether `relative` (a path inside an output folder) is prayer-guide's own bookkeeping, never
/// an output: the manifest, its lock, and any other hidden `.prayer-guide*` file.
pub fn is_bookkeeping(relative: &Path) -> bool {
    relative
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".prayer-guide"))
}

/// The manifest of one output folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The format's version.
    pub manifest: u32,
    /// How the folder was built: one record per kind of build, dates merged.
    pub builds: Vec<BuildRecord>,
    /// Every file written, by its path in the folder (`/` between folders), with the SHA-256
    /// of its content in hex.
    pub files: BTreeMap<String, String>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            manifest: VERSION,
            builds: Vec::new(),
            files: BTreeMap::new(),
        }
    }
}

/// What builds of one kind into a folder asked for: enough to build it all again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildRecord {
    /// A `--site` build.
    pub site: bool,
    /// The formats, for a build of files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<Format>,
    /// The first and last day of the days and weeks built (a site's range).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day the latest of these builds treated as today.
    pub today: NaiveDate,
    /// Each build was of one date (no `--from`/`--to`): its calendar ran twelve months from it.
    pub single: bool,
    /// Only the weeks (`--week`), only the days (`--day`), or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<Only>,
    pub paper: Paper,
    /// With the large-print sheet.
    pub large: bool,
    /// A `--private` build.
    pub private: bool,
    /// The language's tag.
    pub language: String,
    /// The folder is the language's own folder inside the output folder (`public/es`).
    pub language_folder: bool,
}

/// A build of only the days or only the weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Only {
    Week,
    Day,
}

impl BuildRecord {
    /// The record of `plan`, a build in `language` (`language_folder`: into the language's
    /// own folder); `None` for a plan that writes no files.
    pub fn of(
        plan: &Plan,
        audience: Audience,
        language: &str,
        language_folder: bool,
    ) -> Option<BuildRecord> {
        let private = audience == Audience::Private;
        match plan {
            Plan::Site {
                from,
                to,
                today,
                paper,
                ..
            } => Some(BuildRecord {
                site: true,
                formats: Vec::new(),
                from: *from,
                to: *to,
                today: *today,
                single: false,
                only: None,
                paper: *paper,
                large: false,
                private,
                language: language.to_string(),
                language_folder,
            }),
            Plan::Files { selection, .. } => {
                let dates = selection.days.iter().chain(&selection.weeks);
                let from = dates.clone().min().copied().unwrap_or(selection.today);
                let to = dates.max().copied().unwrap_or(selection.today);
                let only = match (selection.days.is_empty(), selection.weeks.is_empty()) {
                    (true, false) => Some(Only::Week),
                    (false, true) => Some(Only::Day),
                    _ => None,
                };
                Some(BuildRecord {
                    site: false,
                    formats: sorted(&selection.formats),
                    from,
                    to,
                    today: selection.today,
                    single: selection.calendar == (selection.today, year_from(selection.today))
                        && from == to,
                    only,
                    paper: selection.paper,
                    large: selection.large,
                    private,
                    language: language.to_string(),
                    language_folder,
                })
            }
            _ => None,
        }
    }

    /// Whether `other` is a build of the same kind, so that the two merge into one record.
    fn same_kind(&self, other: &BuildRecord) -> bool {
        self.site == other.site
            && self.formats == other.formats
            && self.single == other.single
            && self.only == other.only
            && self.private == other.private
            && self.language == other.language
            && self.language_folder == other.language_folder
    }

    /// Takes in a later build of the same kind: the dates widen, the rest is the later one's.
    fn merge(&mut self, later: &BuildRecord) {
        self.from = self.from.min(later.from);
        self.to = self.to.max(later.to);
        self.today = later.today;
        self.paper = later.paper;
        self.large |= later.large;
    }

    /// The `build` commands (arguments after the program's name) that make these files again
    /// into `out` (the folder as the command line should name it). `schedule_language` is the
    /// project's own language; `today` the real today.
    pub fn commands(
        &self,
        out: &str,
        schedule_language: &str,
        today: NaiveDate,
    ) -> Vec<Vec<String>> {
        let mut common: Vec<String> = Vec::new();
        if self.private {
            common.push("--private".into());
        }
        let out = if self.language_folder {
            Path::new(out)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| ".".into())
        } else {
            out.to_string()
        };
        common.extend(["--out".into(), out]);
        if self.language_folder || self.language != schedule_language {
            common.extend(["--language".into(), self.language.clone()]);
        }
        let range = |from: NaiveDate, to: NaiveDate| -> Vec<String> {
            let mut args = vec![
                "--from".to_string(),
                from.to_string(),
                "--to".into(),
                to.to_string(),
            ];
            // With a range, today is the range's nearest day unless --date says otherwise.
            if self.today != today.clamp(from, to) {
                args.extend(["--date".into(), self.today.to_string()]);
            }
            args
        };
        let formats = |formats: &[Format]| -> Vec<String> {
            let names: Vec<String> = formats.iter().map(Format::to_string).collect();
            vec!["--format".into(), names.join(",")]
        };
        let only: Vec<String> = match self.only {
            Some(Only::Week) => vec!["--week".into()],
            Some(Only::Day) => vec!["--day".into()],
            None => Vec::new(),
        };
        // The paper only where it changes a file (the site's and the printed layouts), and
        // large print only with the PDFs, which it is an edition of.
        let paper = |formats: &[Format]| -> Vec<String> {
            let printed = [Format::Html, Format::Json, Format::Bulletin, Format::Pdf];
            let mut args = Vec::new();
            if self.site || formats.iter().any(|f| printed.contains(f)) {
                args.extend(["--paper".into(), paper_name(self.paper).into()]);
            }
            if self.large && formats.contains(&Format::Pdf) {
                args.push("--large".into());
            }
            args
        };
        let build = |parts: Vec<Vec<String>>| -> Vec<String> {
            let mut args = vec!["build".to_string()];
            for part in parts {
                args.extend(part);
            }
            args.extend(common.iter().cloned());
            args
        };
        if self.site {
            return vec![build(vec![
                vec!["--site".into()],
                range(self.from, self.to),
                paper(&[]),
            ])];
        }
        if !self.single || self.from == self.to {
            let dates = if self.single {
                vec!["--date".into(), self.today.to_string()]
            } else {
                range(self.from, self.to)
            };
            return vec![build(vec![
                dates,
                formats(&self.formats),
                only,
                paper(&self.formats),
            ])];
        }
        // Builds of one date each (a daily cron): the days and weeks over their whole range,
        // and the calendar and feed as the latest one made them (twelve months from its day,
        // the days up to it), which a range would shorten.
        let (once, dated): (Vec<Format>, Vec<Format>) = self
            .formats
            .iter()
            .partition(|f| matches!(f, Format::Ics | Format::Atom));
        let mut commands = Vec::new();
        if !dated.is_empty() {
            commands.push(build(vec![
                range(self.from, self.to),
                formats(&dated),
                only.clone(),
                paper(&dated),
            ]));
        }
        if !once.is_empty() {
            commands.push(build(vec![
                vec!["--date".into(), self.today.to_string()],
                formats(&once),
                paper(&once),
            ]));
        }
        commands
    }
}

fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "letter",
    }
}

/// `formats` without repeats, in the order `--help` lists them.
fn sorted(formats: &[Format]) -> Vec<Format> {
    const ORDER: [Format; 7] = [
        Format::Html,
        Format::Txt,
        Format::Json,
        Format::Bulletin,
        Format::Ics,
        Format::Atom,
        Format::Pdf,
    ];
    ORDER.into_iter().filter(|f| formats.contains(f)).collect()
}

/// What a build covers in its folder: the files it would write whatever was withdrawn. A file
/// an earlier build wrote inside this, which this build no longer writes, is stale.
#[derive(Debug, Clone)]
pub enum Scope {
    /// A site covers every page of a site: the front page, the countries, the calendar, the
    /// feed, the JSON copies, and the days, weeks and printable sheets of its range.
    Site {
        from: NaiveDate,
        to: NaiveDate,
        weeks: Weeks,
    },
    /// A build of files covers the files of its days, weeks and months in its formats; the
    /// files of one per build (calendar, feed, today.json) it always writes again.
    Files {
        days: BTreeSet<NaiveDate>,
        weeks: BTreeSet<NaiveDate>,
        months: BTreeSet<(i32, u32)>,
        formats: Vec<Format>,
        large: bool,
    },
}

impl Scope {
    /// What `plan` covers; `None` for a plan that writes no files.
    pub fn of(plan: &Plan, weeks: &Weeks) -> Option<Scope> {
        match plan {
            Plan::Site { from, to, .. } => Some(Scope::Site {
                from: *from,
                to: *to,
                weeks: weeks.clone(),
            }),
            Plan::Files { selection, .. } => {
                let formats = &selection.formats;
                let per_day = formats.iter().any(|f| f.per_day());
                let per_week = formats.iter().any(|f| f.per_week() || *f == Format::Pdf);
                Some(Scope::Files {
                    days: if per_day {
                        selection.days.iter().copied().collect()
                    } else {
                        BTreeSet::new()
                    },
                    weeks: if per_week {
                        selection.weeks.iter().map(|&d| weeks.start(d)).collect()
                    } else {
                        BTreeSet::new()
                    },
                    months: if formats.contains(&Format::Pdf) {
                        selection
                            .months()
                            .iter()
                            .map(|m| (m.year(), m.month()))
                            .collect()
                    } else {
                        BTreeSet::new()
                    },
                    formats: formats.clone(),
                    large: selection.large,
                })
            }
            _ => None,
        }
    }

    /// Whether `path` (as the manifest writes it) is a file this build would write.
    pub fn covers(&self, path: &str) -> bool {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let dated = |name: &str| -> Option<(NaiveDate, String)> {
            let date = NaiveDate::parse_from_str(name.get(..10)?, "%Y-%m-%d").ok()?;
            Some((date, name[10..].to_string()))
        };
        match self {
            Scope::Site { from, to, weeks } => {
                let in_range = |d: NaiveDate| d >= *from && d <= *to;
                let week_in_range =
                    |w: NaiveDate| w == weeks.start(w) && weeks.end(w) >= *from && w <= *to;
                match folder {
                    "" => [
                        "index.html",
                        ics::FILE,
                        feed::FILE,
                        TODAY_JSON,
                        THIS_WEEK_JSON,
                    ]
                    .contains(&name),
                    "countries" => name.ends_with(".html"),
                    "days" => dated(name).is_some_and(|(d, rest)| {
                        in_range(d) && [".html", ".json"].contains(&rest.as_str())
                    }),
                    "weeks" => dated(name).is_some_and(|(w, rest)| {
                        week_in_range(w) && [".html", ".json"].contains(&rest.as_str())
                    }),
                    "print" => dated(name).is_some_and(|(w, rest)| {
                        week_in_range(w) && [".html", ".bulletin.html"].contains(&rest.as_str())
                    }),
                    _ => false,
                }
            }
            Scope::Files {
                days,
                weeks,
                months,
                formats,
                large,
            } => {
                let endings = |per: fn(Format) -> bool| -> Vec<String> {
                    formats
                        .iter()
                        .filter(|f| per(**f))
                        .map(|f| format!(".{}", f.extension()))
                        .collect()
                };
                match folder {
                    "days" => dated(name).is_some_and(|(d, rest)| {
                        days.contains(&d) && endings(Format::per_day).contains(&rest)
                    }),
                    "weeks" => dated(name).is_some_and(|(w, rest)| {
                        if !weeks.contains(&w) {
                            return false;
                        }
                        let pdf = formats.contains(&Format::Pdf);
                        endings(Format::per_week).contains(&rest)
                            || (pdf && (rest == ".pdf" || rest == ".bulletin.pdf"))
                            || (pdf && *large && rest == ".large.pdf")
                    }),
                    "months" => {
                        let month = name.strip_suffix(".pdf").and_then(|m| {
                            NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok()
                        });
                        month.is_some_and(|m| months.contains(&(m.year(), m.month())))
                    }
                    _ => false,
                }
            }
        }
    }
}

/// What the manifest made of a build: the stale files it removed, and those it left because
/// they were edited since a build wrote them.
#[derive(Debug, Clone, Default)]
pub struct Cleanup {
    /// Removed: an earlier build wrote them, this one covers them and no longer writes them.
    pub removed: Vec<PathBuf>,
    /// Left in place: stale, but changed since they were written.
    pub edited: Vec<PathBuf>,
    /// Anything else worth saying (a manifest that could not be read).
    pub warnings: Vec<String>,
}

/// The SHA-256 of `bytes`, in hex.
fn hash(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// A path inside the folder as the manifest writes it, or `None` for a path that leaves the
/// folder (`..`, an absolute path), which the manifest never lists.
fn key(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for part in relative.components() {
        match part {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads the manifest of `out`. A missing one is empty; one that cannot be read is empty too,
/// with a warning (the next build starts it afresh, and its files are left alone).
pub fn read(out: &Path) -> (Manifest, Option<String>) {
    let path = out.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Manifest::default(), None),
        Err(e) => return (Manifest::default(), Some(unreadable(&path, &e.to_string()))),
    };
    match serde_json::from_str::<Manifest>(&text) {
        Ok(m) if m.manifest == VERSION => {
            // A path that leaves the folder was not written by a build: never act on it.
            let files = m
                .files
                .into_iter()
                .filter(|(p, _)| key(Path::new(p)).as_deref() == Some(p.as_str()))
                .collect();
            (Manifest { files, ..m }, None)
        }
        Ok(m) => (
            Manifest::default(),
            Some(unreadable(
                &path,
                &format!(
                    "it is of version {}, from a newer prayer-guide; update prayer-guide",
                    m.manifest
                ),
            )),
        ),
        Err(e) => (Manifest::default(), Some(unreadable(&path, &e.to_string()))),
    }
}

fn unreadable(path: &Path, why: &str) -> String {
    format!(
        "warning: {}: cannot read the record of what earlier builds wrote here ({why}); it is \
         started afresh, and files earlier builds wrote and no longer write stay in place\n  \
         help: look through the folder for pages that should have gone (a withdrawn guide's), \
         or empty it and build again",
        path.display()
    )
}

/// After a build wrote `docs` into `out`: removes the files an earlier build wrote there that
/// `scope` covers and this build no longer writes (unless edited since), then records the
/// build's files and `record` in the manifest. With `scope` `None` (a build that stopped
/// part-way), nothing is removed and only the files written are recorded. The caller holds the
/// folder's build lock ([`crate::publish::build::lock_folder`]).
pub fn update(
    out: &Path,
    docs: &[&Document],
    scope: Option<&Scope>,
    record: Option<BuildRecord>,
) -> Result<Cleanup, Error> {
    let (mut manifest, warning) = read(out);
    let mut cleanup = Cleanup {
        warnings: warning.into_iter().collect(),
        ..Cleanup::default()
    };
    let written: BTreeMap<String, String> = docs
        .iter()
        .filter_map(|d| Some((key(&d.path)?, hash(d.content()))))
        .collect();
    // Files gone since (removed by hand, or as private files) are forgotten.
    manifest.files.retain(|p, _| out.join(p).is_file());
    if let Some(scope) = scope {
        let stale: Vec<String> = manifest
            .files
            .keys()
            .filter(|p| !written.contains_key(*p) && scope.covers(p))
            .cloned()
            .collect();
        for p in stale {
            let path = out.join(&p);
            let recorded = manifest.files.remove(&p).unwrap_or_default();
            let now = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            if hash(&now) == recorded {
                std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
                cleanup.removed.push(path);
            } else {
                // Someone's own work now: never removed, and no longer counted as a build's.
                cleanup.edited.push(path);
            }
        }
    }
    manifest.files.extend(written);
    if let Some(record) = record {
        match manifest.builds.iter_mut().find(|b| b.same_kind(&record)) {
            Some(known) => known.merge(&record),
            None => manifest.builds.push(record),
        }
    }
    let text = serde_json::to_string_pretty(&manifest).expect("a manifest serializes") + "\n";
    output::write(out, &[Document::text(FILE, text)])?;
    Ok(cleanup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn doc(path: &str, text: &str) -> Document {
        Document::text(path, text.to_string())
    }

    fn daily(formats: &[Format]) -> BuildRecord {
        BuildRecord {
            site: false,
            formats: formats.to_vec(),
            from: d("2027-03-01"),
            to: d("2027-03-01"),
            today: d("2027-03-01"),
            single: true,
            only: None,
            paper: Paper::A4,
            large: false,
            private: false,
            language: "en".into(),
            language_folder: false,
        }
    }

    fn line(args: &[String]) -> String {
        args.join(" ")
    }

    #[test]
    fn a_site_covers_its_pages_and_not_the_churchs_files() {
        let site = Scope::Site {
            from: d("2027-03-03"),
            to: d("2027-03-10"),
            weeks: Weeks::fixed(crate::content::calendar::WeekStart::Monday),
        };
        for covered in [
            "index.html",
            "calendar.ics",
            "feed.xml",
            "today.json",
            "countries/er.html",
            "days/2027-03-03.html",
            "days/2027-03-10.json",
            "weeks/2027-03-01.html",
            "print/2027-03-08.bulletin.html",
        ] {
            assert!(site.covers(covered), "{covered}");
        }
        for not in [
            "about.html",
            "logo.png",
            "countries/logo.png",
            "es/countries/er.html",
            "days/2027-03-02.html",
            "days/2027-03-03.txt",
            "weeks/2027-03-02.html",
            "weeks/2027-03-01.pdf",
            "months/2027-03.pdf",
            FILE,
        ] {
            assert!(!site.covers(not), "{not}");
        }
    }

    #[test]
    fn a_build_of_files_covers_its_dates_in_its_formats() {
        let files = Scope::Files {
            days: [d("2027-03-02")].into(),
            weeks: [d("2027-03-01")].into(),
            months: [(2027, 3)].into(),
            formats: vec![Format::Html, Format::Pdf],
            large: false,
        };
        for covered in [
            "days/2027-03-02.html",
            "weeks/2027-03-01.html",
            "weeks/2027-03-01.pdf",
            "weeks/2027-03-01.bulletin.pdf",
            "months/2027-03.pdf",
        ] {
            assert!(files.covers(covered), "{covered}");
        }
        // Yesterday's page, another format, large print not asked for, the one-per-build files.
        for not in [
            "days/2027-03-01.html",
            "days/2027-03-02.txt",
            "weeks/2027-03-01.bulletin.html",
            "weeks/2027-03-01.large.pdf",
            "months/2027-04.pdf",
            "calendar.ics",
            "today.json",
            "countries/er.html",
        ] {
            assert!(!files.covers(not), "{not}");
        }
    }

    #[test]
    fn update_removes_only_stale_files_a_build_wrote_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let site = Scope::Site {
            from: d("2027-03-01"),
            to: d("2027-03-07"),
            weeks: Weeks::fixed(crate::content::calendar::WeekStart::Monday),
        };
        let first = [
            doc("index.html", "index"),
            doc("countries/er.html", "Eritrea"),
            doc("countries/ng.html", "Nigeria"),
        ];
        output::write(out, &first).unwrap();
        let cleanup = update(out, &first.iter().collect::<Vec<_>>(), Some(&site), None).unwrap();
        assert!(cleanup.removed.is_empty() && cleanup.edited.is_empty());
        std::fs::write(out.join("countries/ng.html"), "Nigeria, edited").unwrap();
        std::fs::write(out.join("countries/mine.html"), "the church's own").unwrap();
        let second = [doc("index.html", "index, again")];
        let cleanup = update(out, &second.iter().collect::<Vec<_>>(), Some(&site), None).unwrap();
        assert_eq!(cleanup.removed, [out.join("countries/er.html")]);
        assert_eq!(cleanup.edited, [out.join("countries/ng.html")]);
        assert!(!out.join("countries/er.html").exists());
        assert!(out.join("countries/ng.html").exists());
        assert!(out.join("countries/mine.html").exists());
        let (manifest, warning) = read(out);
        assert_eq!(warning, None);
        assert_eq!(
            manifest.files.keys().collect::<Vec<_>>(),
            ["index.html"],
            "an edited file is no longer a build's"
        );
        assert_eq!(manifest.files["index.html"], hash(b"index, again"));
    }

    #[test]
    fn a_manifest_never_reaches_outside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(dir.path().join("secret.html"), "x").unwrap();
        let text = format!(
            "{{\"manifest\": 1, \"builds\": [], \"files\": {{\"../secret.html\": \"{}\", \
             \"/etc/hostname\": \"{}\"}}}}",
            hash(b"x"),
            hash(b"x")
        );
        std::fs::write(out.join(FILE), text).unwrap();
        let (manifest, _) = read(&out);
        assert!(manifest.files.is_empty(), "{manifest:?}");
        assert_eq!(
            key(Path::new("./days/a.html")).as_deref(),
            Some("days/a.html")
        );
        assert_eq!(key(Path::new("../a.html")), None);
    }

    #[test]
    fn an_unreadable_manifest_is_a_warning_and_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{ not json").unwrap();
        let (manifest, warning) = read(dir.path());
        assert_eq!(manifest, Manifest::default());
        let warning = warning.unwrap();
        assert!(warning.starts_with("warning: "), "{warning}");
        assert!(warning.contains(FILE), "{warning}");
        std::fs::write(
            dir.path().join(FILE),
            "{\"manifest\": 2, \"builds\": [], \"files\": {}}",
        )
        .unwrap();
        assert!(read(dir.path()).1.unwrap().contains("newer prayer-guide"));
    }

    #[test]
    fn daily_builds_merge_and_rebuild_their_days_and_their_last_calendar() {
        let today = d("2027-03-08");
        let mut record = daily(&[Format::Html, Format::Ics, Format::Pdf]);
        let one = record.commands("public", "en", today);
        assert_eq!(
            one.iter().map(|c| line(c)).collect::<Vec<_>>(),
            ["build --date 2027-03-01 --format html,ics,pdf --paper a4 --out public"]
        );
        let mut later = daily(&[Format::Html, Format::Ics, Format::Pdf]);
        later.from = d("2027-03-08");
        later.to = d("2027-03-08");
        later.today = d("2027-03-08");
        later.large = true;
        assert!(record.same_kind(&later));
        record.merge(&later);
        let commands: Vec<String> = record
            .commands("public", "en", today)
            .iter()
            .map(|c| line(c))
            .collect();
        assert_eq!(
            commands,
            [
                "build --from 2027-03-01 --to 2027-03-08 --format html,pdf --paper a4 --large \
                 --out public",
                "build --date 2027-03-08 --format ics --out public",
            ]
        );
    }

    #[test]
    fn a_site_in_another_language_and_private_rebuilds_into_its_folder() {
        let record = BuildRecord {
            site: true,
            formats: Vec::new(),
            from: d("2027-01-01"),
            to: d("2027-12-31"),
            today: d("2027-03-03"),
            single: false,
            only: None,
            paper: Paper::Letter,
            large: false,
            private: true,
            language: "es".into(),
            language_folder: true,
        };
        let commands = record.commands("closed/es", "en", d("2027-06-01"));
        assert_eq!(
            line(&commands[0]),
            "build --site --from 2027-01-01 --to 2027-12-31 --date 2027-03-03 --paper letter \
             --private --out closed --language es"
        );
    }
}
