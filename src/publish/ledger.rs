//! `published.txt` on disk: read it, make sure it belongs to this project, and add the days a
//! build or a send publishes, under a lock and by atomic replace, so two processes at once can
//! never lose a day or leave half a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::calendar::Weeks;
use crate::content::project::Project;
use crate::content::schedule::Schedule;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::lock::FileLock;
use crate::publish::build::Plan;
use crate::rotation::Rotation;
use crate::rotation::effects::Contradiction;
use crate::rotation::frozen;
use crate::rotation::ledger::{FILE, Ledger, Shown, VERSION, Withdrawal};

/// Where the project's ledger is: next to schedule.toml.
pub fn path(project: &Project) -> PathBuf {
    project.path(Path::new(FILE))
}

/// The last day a build shows anywhere; `None` for a preview (`--context`, `--stdout`), which
/// shows the rotation and publishes nothing.
pub fn through(plan: &Plan, weeks: &Weeks) -> Option<NaiveDate> {
    match plan {
        Plan::Context { .. } | Plan::Print { .. } | Plan::PrintFile(_) => None,
        Plan::Files { selection, .. } => Some(selection.last_date(weeks)),
        Plan::Site { to, .. } => Some(weeks.end(*to)),
    }
}

/// The last day a build written today may publish: `ahead_days` after today (`[publish]` in
/// schedule.toml), to the end of that day's week, so that a printed sheet is published whole.
/// A build shows later days as announced: they can still change.
pub fn horizon(schedule: &Schedule, weeks: &Weeks, today: NaiveDate) -> NaiveDate {
    weeks.end(today + chrono::Days::new(u64::from(schedule.publish.ahead_days)))
}

/// The folders whose guides show that days were published before: the public output folder
/// and the one this build writes to.
pub fn outputs(project: &Project, plan: &Plan) -> Vec<PathBuf> {
    let mut dirs = vec![project.path(&project.schedule.output.dir)];
    if let Plan::Files { out, .. } | Plan::Site { out, .. } = plan {
        dirs.push(out.clone());
    }
    dirs
}

/// Whether `dir` holds guides built before: the trace a lost ledger leaves.
fn holds_outputs(dir: &Path) -> bool {
    ["days", "weeks"].iter().any(|name| dir.join(name).is_dir())
        || ["calendar.ics", "feed.xml", "index.html"]
            .iter()
            .any(|name| dir.join(name).is_file())
}

/// Reads the project's ledger. A missing file is an empty ledger, unless one of `outputs` holds
/// guides built before (then days were published and their record is lost: an error, never a
/// silent reshuffle). `adopt` accepts that and starts a new ledger.
pub fn load(project: &Project, outputs: &[PathBuf], adopt: bool) -> Result<Ledger, Error> {
    let file = path(project);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !adopt && let Some(dir) = outputs.iter().find(|d| holds_outputs(d)) {
                return Err(Error::Usage(format!(
                    "{} is missing, but {} holds guides built before: the record of what was \
                     published is gone, and building now could change days people have already \
                     prayed with.\n  help: if it was committed, restore it (`git checkout -- {FILE}`); \
                     if this project never had one (it is older than the ledger), run \
                     `prayer-guide publish --adopt` to record every day up to today as the guides \
                     show it now",
                    file.display(),
                    dir.display()
                )));
            }
            return Ok(Ledger::new(project.schedule.start));
        }
        Err(e) => return Err(Error::io("read", &file, e)),
    };
    let ledger = Ledger::parse(&text, &file)?;
    if ledger.start != project.schedule.start {
        return Err(Error::Invalid(Diagnostics(vec![
            Diagnostic::error(
                &file,
                format!(
                    "this ledger is for a rotation that starts on {}, but schedule.toml's `start` is {}",
                    ledger.start, project.schedule.start
                ),
            )
            .help(format!(
                "the ledger belongs to another project, or `start` was changed: put back \
                 `start = {}` (changing it would move every published day), or move {FILE} away \
                 if it came from another project",
                ledger.start
            )),
        ])));
    }
    Ok(ledger)
}

/// The lock beside the project's state (the `state/` folder, never committed).
fn lock(project: &Project) -> Result<FileLock, Error> {
    let database = project.path(&project.schedule.email.database);
    let dir = database.parent().unwrap_or(&project.root).to_path_buf();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    FileLock::acquire(&dir.join("ledger.lock"))
}

/// The schedule's contradictions as diagnostics in schedule.toml.
pub fn diagnostics(project: &Project, found: &[Contradiction]) -> Diagnostics {
    let file = &project.schedule_file;
    Diagnostics(
        found
            .iter()
            .map(|c| {
                let d = file.error_in_item("pin", c.pin, c.key, c.message.clone());
                let d = if c.error {
                    d
                } else {
                    Diagnostic {
                        severity: crate::error::Severity::Warning,
                        ..d
                    }
                };
                d.help(c.help.clone())
            })
            .collect(),
    )
}

/// The ledger held under its lock while a build renders, writes and records: no other build or
/// send can publish days in between, so the days recorded are the days written.
pub struct Publishing<'p> {
    project: &'p Project,
    _lock: FileLock,
    /// The ledger as read.
    read: Ledger,
    /// The ledger with the days about to be published, written by [`Publishing::commit`].
    ledger: Ledger,
}

impl<'p> Publishing<'p> {
    /// Takes the lock (waiting for another build or send to finish) and reads the ledger.
    pub fn begin(project: &'p Project, outputs: &[PathBuf]) -> Result<Publishing<'p>, Error> {
        let lock = lock(project)?;
        let ledger = load(project, outputs, false)?;
        Ok(Publishing {
            project,
            _lock: lock,
            read: ledger.clone(),
            ledger,
        })
    }

    /// The ledger with the days to be published: what the build shows them from.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Adds every day up to `through` (and up to `today`) as the rotation shows it now, in
    /// memory: the build renders them as published, and [`Publishing::commit`] records them
    /// once their files are written.
    pub fn extend(&mut self, through: NaiveDate, today: NaiveDate) -> Result<(), Error> {
        self.ledger = extend(self.project, self.read.clone(), through, today)?;
        Ok(())
    }

    /// Writes the days added by [`Publishing::extend`] into published.txt.
    pub fn commit(&self) -> Result<(), Error> {
        if self.ledger != self.read {
            write(&path(self.project), &self.ledger.to_text())?;
        }
        Ok(())
    }
}

/// Records every day up to `through` (and up to `today`, which is published whether built or
/// not) as the rotation shows it now, and returns the ledger. Refuses a schedule whose pins
/// contradict each other. The file is only rewritten when something changed.
pub fn publish_through(
    project: &Project,
    through: NaiveDate,
    today: NaiveDate,
    outputs: &[PathBuf],
    adopt: bool,
) -> Result<Ledger, Error> {
    let _lock = lock(project)?;
    // Read again under the lock: another build may have published days since.
    let ledger = load(project, outputs, adopt)?;
    let updated = extend(project, ledger.clone(), through, today)?;
    if updated != ledger {
        write(&path(project), &updated.to_text())?;
    }
    Ok(updated)
}

/// `ledger` with the days up to `through` (at least up to `today`) added and frozen; the
/// caller holds the lock and writes it.
fn extend(
    project: &Project,
    ledger: Ledger,
    through: NaiveDate,
    today: NaiveDate,
) -> Result<Ledger, Error> {
    let rotation = Rotation::new(&project.catalog, &project.schedule, &ledger);
    let found = rotation.contradictions()?;
    if found.iter().any(|c| c.error) {
        let d = diagnostics(project, &found);
        return Err(Error::Invalid(Diagnostics(
            d.0.into_iter().filter(Diagnostic::is_error).collect(),
        )));
    }
    let through = through.max(today);
    if through < project.schedule.start {
        return Ok(ledger);
    }
    let mut updated = rotation.record_through(through)?;
    drop(rotation);
    // What the new days show besides their points; a ledger read in version 1 freezes every
    // published day as the guides show it now.
    let from = if ledger.version < VERSION {
        ledger.start
    } else {
        ledger.first_unpublished()
    };
    frozen::freeze_days(&mut updated, from, &current(project)?);
    updated.version = VERSION;
    Ok(updated)
}

/// What the project has now, for [`frozen::freeze_days`]: guides with their files relative
/// to the project, translations, the schedule and the project's own label files.
fn current(project: &Project) -> Result<frozen::Current<'_>, Error> {
    let relative = |path: &Path| {
        let path = path.strip_prefix(&project.root).unwrap_or(path);
        path.to_string_lossy().replace('\\', "/")
    };
    let files = project
        .catalog
        .entries
        .iter()
        .map(|e| relative(&e.file.path))
        .collect();
    let mut labels = std::collections::BTreeMap::new();
    let dir = project.path(&project.schedule.locales);
    if let Ok(read) = std::fs::read_dir(&dir) {
        for entry in read.filter_map(Result::ok) {
            let path = entry.path();
            let tag = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            if path.extension().is_some_and(|x| x == "ftl") && path.is_file() && !tag.is_empty() {
                let text = crate::content::source::read_text(&path)?;
                labels.insert(tag.to_string(), text);
            }
        }
    }
    Ok(frozen::Current {
        catalog: &project.catalog,
        translations: &project.translations,
        schedule: &project.schedule,
        files,
        labels,
    })
}

/// Every guide a published day showed must still be in the guides folder (a published day
/// rebuilds from it, and `check` must see it): a guide whose file is gone is an error for
/// every command that reads the project, naming the code, its file and what to do. A
/// withdrawn guide may go.
pub fn require_guides(project: &Project, ledger: &Ledger) -> Result<(), Error> {
    let mut missing: Vec<(String, chrono::NaiveDate, chrono::NaiveDate, usize)> = Vec::new();
    for (i, day) in ledger.days.iter().enumerate() {
        let Shown::Country { code, .. } = &day.shown else {
            continue;
        };
        if project.catalog.by_code(code).is_some() || ledger.is_guide_withdrawn(code) {
            continue;
        }
        let date = ledger.start + chrono::Days::new(i as u64);
        match missing.iter_mut().find(|(c, ..)| c == code) {
            Some((_, _, last, n)) => {
                *last = date;
                *n += 1;
            }
            None => missing.push((code.clone(), date, date, 1)),
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let file = path(project);
    let diagnostics = missing
        .into_iter()
        .map(|(code, first, last, n)| {
            let was = ledger.guide_file(&code);
            let draft = project.catalog.drafts.iter().find(|e| e.guide.code == code);
            let (message, help) = match (draft, &was) {
                (Some(draft), _) => (
                    format!(
                        "{code} was published on {n} days ({first} to {last}), but its guide \
                         {} is a draft now (it has no `reviewed` date)",
                        draft.file.path.display()
                    ),
                    format!(
                        "a published guide stays in the rotation: once its text is checked, set \
                         `reviewed` again in {}; to take it out, set `retired`; to take it off \
                         published pages too, `prayer-guide withdraw {code}`",
                        draft.file.path.display()
                    ),
                ),
                (None, Some(was)) if dangling(&project.path(Path::new(was))).is_some() => {
                    let target = dangling(&project.path(Path::new(was))).unwrap_or_default();
                    (
                        format!(
                            "{code} was published on {n} days ({first} to {last}) from {was}, \
                             which is a link to {target}, which does not exist"
                        ),
                        format!(
                            "point the link at the guide's file again, or put the file in its \
                             place; to take the guide out of the rotation, set `retired` in it; \
                             to take it off published pages too, `prayer-guide withdraw {code}`"
                        ),
                    )
                }
                (None, Some(was)) if project.path(Path::new(was)).is_file() => (
                    format!(
                        "{code} was published on {n} days ({first} to {last}) from {was}, which \
                         no longer has `code = \"{code}\"`"
                    ),
                    format!(
                        "put back `code = \"{code}\"` in {was}: a country's code names it in \
                         published.txt; to take the guide out of the rotation, set `retired` in \
                         it; to take it off published pages too, `prayer-guide withdraw {code}`"
                    ),
                ),
                (None, Some(was)) => (
                    format!(
                        "{code} was published on {n} days ({first} to {last}) from {was}, which \
                         is gone"
                    ),
                    format!(
                        "put the file back (`git checkout -- {was}`, or restore it from a copy) \
                         or its `code`; to take the guide out of the rotation, set `retired` in \
                         it; to take it off published pages too, `prayer-guide withdraw {code}`"
                    ),
                ),
                (None, None) => (
                    format!(
                        "{code} was published on {n} days ({first} to {last}), but no guide in \
                         {} has `code = \"{code}\"`",
                        project.path(&project.schedule.guides).display()
                    ),
                    format!(
                        "put its file back (or its `code`), set `retired` in it to take it out of \
                         the rotation, or `prayer-guide withdraw {code}` to take it off \
                         published pages too"
                    ),
                ),
            };
            Diagnostic::error(&file, message).help(help)
        })
        .collect();
    Err(Error::Invalid(Diagnostics(diagnostics)))
}

/// Where `path` leads, when it is a symbolic link to nothing.
fn dangling(path: &Path) -> Option<String> {
    let target = std::fs::read_link(path).ok()?;
    (!path.exists()).then(|| target.display().to_string())
}

/// Takes a guide or a point out of the rotation and off every page rebuilt, and its texts out
/// of the ledger. Returns false when it was withdrawn already.
pub fn withdraw(project: &Project, what: Withdrawal) -> Result<bool, Error> {
    let _lock = lock(project)?;
    let mut ledger = load(project, &[], true)?;
    let new = ledger.withdraw(what);
    write(&path(project), &ledger.to_text())?;
    Ok(new)
}

/// Replaces `path` with `text` atomically, on disk before it counts: the ledger cannot be rebuilt.
fn write(path: &Path, text: &str) -> Result<(), Error> {
    crate::atomic::write(path, text.as_bytes(), crate::atomic::Durability::Synced)
}

#[cfg(test)]
mod tests {
    //! The promise as a property: whatever sequence of edits an editor makes (points, guides'
    //! words, the schedule's keys, pins, the project's labels, withdrawals), each followed by a
    //! build or a preview at a later date, every published day's and week's view, text and HTML
    //! stay exactly as they were published (unless withdrawn), a preview never moves the ledger,
    //! and the rotation of the days not yet published stays fair.

    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use proptest::prelude::*;

    use crate::content::guide::{Catalog, Guide, Point};
    use crate::content::schedule::{Order, Pin, Schedule};
    use crate::publish::assemble::Assembler;
    use crate::publish::render::context_json;
    use crate::rotation::ledger::{Ledger, PointId, Shown, Withdrawal};
    use crate::rotation::{Audience, Rotation};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn guide(code: &str, points: usize, region: &str) -> Guide {
        Guide {
            region: region.into(),
            ..crate::rotation::fixtures::guide(code, points)
        }
    }

    /// One edit an editor might make.
    #[derive(Debug, Clone)]
    enum Edit {
        AddPoint {
            guide: usize,
            at: usize,
        },
        RemovePoint {
            guide: usize,
            at: usize,
        },
        RewordPoint {
            guide: usize,
            at: usize,
        },
        MovePoint {
            guide: usize,
            from: usize,
            to: usize,
        },
        AddGuide {
            since: Option<u8>,
        },
        RemoveGuide {
            guide: usize,
        },
        Retire {
            guide: usize,
            after: u8,
        },
        PointsPerDay(usize),
        DaysPerCountry(usize),
        Order {
            kind: u8,
            shift: usize,
        },
        PinTheme {
            after: u8,
        },
        PinCountry {
            guide: usize,
            after: u8,
        },
        WithdrawGuide {
            guide: usize,
        },
        WithdrawPoint {
            guide: usize,
            at: usize,
        },
        /// The guide's summary, name and region.
        Words {
            guide: usize,
        },
        /// The guide's story, scripture, praise and facts.
        Story {
            guide: usize,
        },
        Title,
        ChurchYear(u8),
        WeekStarts,
        TimeZone,
        ThemeText,
        /// The project's own label file (`locales/en.ftl`).
        Labels,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let g = 0..8usize;
        prop_oneof![
            (g.clone(), 0..9usize).prop_map(|(guide, at)| Edit::AddPoint { guide, at }),
            (g.clone(), 0..9usize).prop_map(|(guide, at)| Edit::RemovePoint { guide, at }),
            (g.clone(), 0..9usize).prop_map(|(guide, at)| Edit::RewordPoint { guide, at }),
            (g.clone(), 0..9usize, 0..9usize).prop_map(|(guide, from, to)| Edit::MovePoint {
                guide,
                from,
                to
            }),
            proptest::option::of(0..30u8).prop_map(|since| Edit::AddGuide { since }),
            g.clone().prop_map(|guide| Edit::RemoveGuide { guide }),
            (g.clone(), 0..20u8).prop_map(|(guide, after)| Edit::Retire { guide, after }),
            (1..5usize).prop_map(Edit::PointsPerDay),
            prop_oneof![Just(1usize), Just(2), Just(3), Just(7)].prop_map(Edit::DaysPerCountry),
            (0..4u8, 0..8usize).prop_map(|(kind, shift)| Edit::Order { kind, shift }),
            (0..40u8).prop_map(|after| Edit::PinTheme { after }),
            (g.clone(), 0..40u8).prop_map(|(guide, after)| Edit::PinCountry { guide, after }),
            g.clone().prop_map(|guide| Edit::WithdrawGuide { guide }),
            (g.clone(), 0..9usize).prop_map(|(guide, at)| Edit::WithdrawPoint { guide, at }),
            g.clone().prop_map(|guide| Edit::Words { guide }),
            g.prop_map(|guide| Edit::Story { guide }),
            Just(Edit::Title),
            (0..3u8).prop_map(Edit::ChurchYear),
            Just(Edit::WeekStarts),
            Just(Edit::TimeZone),
            Just(Edit::ThemeText),
            Just(Edit::Labels),
        ]
    }

    /// A project in memory, its ledger, and every published day's output as it was built.
    struct World {
        guides: Vec<Guide>,
        schedule: Schedule,
        ledger: Ledger,
        today: NaiveDate,
        /// Every published day's and fully published week's output, as first built.
        built: BTreeMap<(NaiveDate, bool), String>,
        /// What withdrawn texts and codes look like in a view: outputs that showed one may
        /// change (they lose it).
        withdrawn: Vec<String>,
        next_code: u8,
        next_text: usize,
        /// The project's own label files.
        locales: tempfile::TempDir,
    }

    fn catalog(guides: &[Guide]) -> Catalog {
        crate::rotation::fixtures::catalog(guides)
    }

    impl World {
        fn new(guides: usize, points_per_day: usize) -> World {
            let regions = ["North", "South"];
            World {
                guides: (0..guides)
                    .map(|i| {
                        let code = format!("{}{}", (b'A' + i as u8) as char, 'A');
                        guide(&code, 3 + i % 4, regions[i % 2])
                    })
                    .collect(),
                schedule: toml::from_str(&format!(
                    "title = \"T\"\nstart = 2026-01-05\npoints_per_day = {points_per_day}\n"
                ))
                .unwrap(),
                ledger: Ledger::new(d("2026-01-05")),
                today: d("2026-01-07"),
                built: BTreeMap::new(),
                withdrawn: Vec::new(),
                next_code: 0,
                next_text: 0,
                locales: tempfile::tempdir().unwrap(),
            }
        }

        fn shown_codes(&self) -> Vec<String> {
            self.ledger
                .days
                .iter()
                .filter_map(|d| match &d.shown {
                    Shown::Country { code, .. } => Some(code.clone()),
                    Shown::Theme { .. } => None,
                })
                .chain(self.ledger.cycles.iter().flat_map(|c| c.codes.clone()))
                .collect()
        }

        fn apply(&mut self, edit: &Edit) {
            let n = self.guides.len();
            let after = |days: u8| self.today + chrono::Days::new(u64::from(days) + 1);
            match *edit {
                Edit::AddPoint { guide, at } => {
                    let g = &mut self.guides[guide % n];
                    self.next_text += 1;
                    let text = format!("{} added point {}", g.code, self.next_text);
                    let at = at % (g.points.len() + 1);
                    g.points.insert(
                        at,
                        Point {
                            text,
                            restricted: false,
                        },
                    );
                }
                Edit::RemovePoint { guide, at } => {
                    let g = &mut self.guides[guide % n];
                    if g.points.len() > 1 {
                        let at = at % g.points.len();
                        g.points.remove(at);
                    }
                }
                Edit::RewordPoint { guide, at } => {
                    let g = &mut self.guides[guide % n];
                    let at = at % g.points.len();
                    self.next_text += 1;
                    g.points[at].text = format!("{} reworded {}", g.code, self.next_text);
                }
                Edit::MovePoint { guide, from, to } => {
                    let g = &mut self.guides[guide % n];
                    let p = g.points.remove(from % g.points.len());
                    let to = to % (g.points.len() + 1);
                    g.points.insert(to, p);
                }
                Edit::AddGuide { since } => {
                    self.next_code += 1;
                    let code = format!("N{}", (b'A' + self.next_code % 26) as char);
                    if self.guides.iter().any(|g| g.code == code) {
                        return;
                    }
                    let mut g = guide(&code, 4, "North");
                    g.since = since.map(after);
                    self.guides.push(g);
                }
                Edit::RemoveGuide { guide } => {
                    let code = self.guides[guide % n].code.clone();
                    let active = self.guides.iter().filter(|g| g.retired.is_none()).count();
                    if active > 2 && !self.shown_codes().contains(&code) {
                        self.guides.remove(guide % n);
                    }
                }
                Edit::Retire { guide, after: days } => {
                    let active = self.guides.iter().filter(|g| g.retired.is_none()).count();
                    let date = after(days);
                    let g = &mut self.guides[guide % n];
                    if active > 2 && g.retired.is_none() {
                        g.retired = Some(date);
                    }
                }
                Edit::PointsPerDay(k) => self.schedule.points_per_day = k,
                Edit::DaysPerCountry(k) => self.schedule.days_per_country = k,
                Edit::Order { kind, shift } => {
                    let rotation = &mut self.schedule.rotation;
                    rotation.countries.clear();
                    rotation.order = match kind {
                        0 => Order::Alphabetical,
                        1 => {
                            let mut codes: Vec<String> =
                                self.guides.iter().map(|g| g.code.clone()).collect();
                            codes.reverse();
                            let s = shift % codes.len();
                            codes.rotate_left(s);
                            rotation.countries = codes;
                            Order::Listed
                        }
                        2 => {
                            rotation.regions = vec!["South".into(), "North".into()];
                            Order::ByRegion
                        }
                        _ => Order::Weighted,
                    };
                }
                Edit::PinTheme { after: days } => {
                    self.next_text += 1;
                    self.schedule.pins.push(Pin {
                        date: Some(after(days)),
                        rule: None,
                        country: None,
                        title: Some(format!("Theme {}", self.next_text)),
                        text: Some("Text.".into()),
                        points: vec![format!("Theme point {}", self.next_text)],
                        scripture: None,
                        languages: Default::default(),
                    });
                }
                Edit::PinCountry { guide, after: days } => {
                    self.schedule.pins.push(Pin {
                        date: Some(after(days)),
                        rule: None,
                        country: Some(self.guides[guide % n].code.clone()),
                        title: None,
                        text: None,
                        points: vec![],
                        scripture: None,
                        languages: Default::default(),
                    });
                }
                Edit::WithdrawGuide { guide } => {
                    let active = self
                        .guides
                        .iter()
                        .filter(|g| g.retired.is_none() && !self.ledger.is_guide_withdrawn(&g.code))
                        .count();
                    let g = &self.guides[guide % n];
                    if active > 2 {
                        self.withdrawn.push(format!("\"code\": \"{}\"", g.code));
                        self.ledger.withdraw(Withdrawal::Guide(g.code.clone()));
                    }
                }
                Edit::WithdrawPoint { guide, at } => {
                    let g = &self.guides[guide % n];
                    let p = &g.points[at % g.points.len()];
                    self.withdrawn.push(format!("\"{}\"", p.text));
                    self.ledger
                        .withdraw(Withdrawal::Point(g.code.clone(), PointId::of(&p.text)));
                }
                Edit::Words { guide } => {
                    self.next_text += 1;
                    let g = &mut self.guides[guide % n];
                    g.summary = format!("The church of {} grows, {}.", g.code, self.next_text);
                    g.name = format!("Country {} {}", g.code, self.next_text);
                    g.region = format!("Region {}", self.next_text);
                }
                Edit::Story { guide } => {
                    self.next_text += 1;
                    let k = self.next_text;
                    let g = &mut self.guides[guide % n];
                    g.story = Some(crate::content::guide::Story {
                        pseudonym: format!("Name{k}"),
                        quote: format!("Quote {k}."),
                        context: format!("Context {k}."),
                        composite: k.is_multiple_of(2),
                        pseudonym_unconfirmed: false,
                    });
                    g.scripture = Some(format!("Psalm {k}"));
                    g.praise = vec![format!("Thanks {k}.")];
                    g.facts = Some(crate::content::guide::Facts {
                        population: Some(1_000_000 + k as u64),
                        christians: Some(1_000 + k as u64),
                        main_religion: Some(format!("Religion {k}")),
                        pressure: vec![format!("Pressure {k}")],
                        as_of: Some(2025),
                        watch_list: Some(crate::content::guide::WatchList {
                            name: "World Watch List".into(),
                            year: 2026,
                            rank: k.is_multiple_of(2).then_some(k as u32 % 50 + 1),
                            score: k.is_multiple_of(2).then_some(60 + k as u32 % 40),
                            outside_top: (!k.is_multiple_of(2)).then_some(50),
                        }),
                        ..Default::default()
                    });
                }
                Edit::Title => {
                    self.next_text += 1;
                    self.schedule.title = crate::content::multilingual::Title::new(format!(
                        "Title {}",
                        self.next_text
                    ));
                }
                Edit::ChurchYear(k) => {
                    use crate::content::church_year::ChurchYear;
                    self.schedule.church_year =
                        [ChurchYear::Western, ChurchYear::Orthodox, ChurchYear::Off]
                            [k as usize % 3];
                }
                Edit::WeekStarts => {
                    use crate::content::calendar::WeekStart;
                    self.schedule.week_starts = match self.schedule.week_starts {
                        WeekStart::Monday => WeekStart::Sunday,
                        WeekStart::Sunday => WeekStart::Monday,
                    };
                }
                Edit::TimeZone => {
                    self.schedule.timezone = if self.schedule.timezone == chrono_tz::UTC {
                        chrono_tz::America::Chicago
                    } else {
                        chrono_tz::UTC
                    };
                }
                Edit::ThemeText => {
                    self.next_text += 1;
                    for pin in &mut self.schedule.pins {
                        if pin.title.is_some() {
                            pin.text = Some(format!("Theme text {}.", self.next_text));
                            pin.scripture = Some(format!("John {}", self.next_text));
                        }
                    }
                }
                Edit::Labels => {
                    self.next_text += 1;
                    let k = self.next_text;
                    std::fs::write(
                        self.locales.path().join("en.ftl"),
                        format!(
                            "please-pray = Pray {k}\ngive-thanks = Thanks {k}\n\
                             date-long = {{ $weekday }}, {{ $day }} {{ $month }} {{ $year }} ({k})\n\
                             fact-population = People {k}\n"
                        ),
                    )
                    .unwrap();
                }
            }
        }

        /// A build: the days up to `through` are published, as `build` extends the ledger
        /// (their words frozen); every published day, and every week whose days are all
        /// published, is rendered: its view, its text and its HTML. With `preview`, nothing is
        /// recorded. `Err` when the build refuses (clashing pins), as `build` does.
        fn build(
            &mut self,
            through: NaiveDate,
            preview: bool,
        ) -> Result<BTreeMap<(NaiveDate, bool), String>, String> {
            use crate::content::locale::{Language, Locale};
            use crate::content::schedule::{Format, Paper};
            use crate::content::translation::Translations;
            use crate::publish::labels::FrozenLabels;
            use crate::publish::render::Renderer;
            use crate::rotation::frozen;
            use std::sync::Arc;

            let catalog = catalog(&self.guides);
            let rotation = Rotation::new(&catalog, &self.schedule, &self.ledger);
            let found = rotation.contradictions().unwrap();
            if found.iter().any(|c| c.error) {
                return Err(format!("clashing pins: {found:?}"));
            }
            let mut ledger = if preview {
                self.ledger.clone()
            } else {
                rotation
                    .record_through(through)
                    .map_err(|e| e.to_string())?
            };
            drop(rotation);
            let translations = Translations::default();
            let dir = self.locales.path();
            if !preview {
                let labels = std::fs::read_to_string(dir.join("en.ftl"))
                    .map(|text| BTreeMap::from([("en".to_string(), text)]))
                    .unwrap_or_default();
                let current = frozen::Current {
                    catalog: &catalog,
                    translations: &translations,
                    schedule: &self.schedule,
                    files: self
                        .guides
                        .iter()
                        .map(|g| format!("guides/{}.toml", g.code))
                        .collect(),
                    labels,
                };
                frozen::freeze_days(&mut ledger, self.ledger.first_unpublished(), &current);
            }
            let en = Language::english();
            let (locale, _) = Locale::load(&en, Some(dir)).map_err(|e| e.to_string())?;
            let labels = Arc::new(
                FrozenLabels::new(&ledger, &en, dir, Arc::new(locale))
                    .map_err(|e| e.to_string())?,
            );
            let assembler = Assembler::new(&catalog, &self.schedule, &ledger, Audience::Public)
                .with_locale(labels.current().clone(), &translations)
                .with_frozen_labels(labels.clone());
            let mut renderer = Renderer::new(None).map_err(|e| e.to_string())?;
            renderer.add_frozen_labels(labels);
            let formats = [Format::Txt, Format::Html];
            let mut out = BTreeMap::new();
            let last = ledger.last();
            for date in ledger.start.iter_days().take(ledger.days.len()) {
                let day = assembler.day(date).map_err(|e| e.to_string())?;
                let files = renderer.day_in(&day, &formats).map_err(|e| e.to_string())?;
                out.insert((date, false), context_json(&day) + &files.concat());
                let (first, end) = assembler.weeks.range(date);
                if first == date && first >= ledger.start && Some(end) <= last {
                    let week = assembler
                        .week(date, Paper::Letter)
                        .map_err(|e| e.to_string())?;
                    let files = renderer
                        .week_in(&week, &formats)
                        .map_err(|e| e.to_string())?;
                    out.insert((date, true), context_json(&week) + &files.concat());
                }
            }
            if !preview {
                self.ledger = ledger;
            }
            Ok(out)
        }
    }

    /// The unpublished rotation after the ledger: every complete cycle visits each of its
    /// members that stay in the rotation throughout exactly once, and no country follows
    /// itself from one visit to the next.
    fn assert_fair(world: &World) {
        let catalog = catalog(&world.guides);
        let rotation = Rotation::new(&catalog, &world.schedule, &world.ledger);
        let first = world.ledger.first_unpublished();
        let ahead = 3 * rotation.cycle_days(first).max(1) * 2 + 14;
        let through = first + chrono::Days::new(ahead as u64);
        let Ok(future) = rotation.record_through(through) else {
            return;
        };
        let from = world.ledger.days.len();
        let starts: Vec<(NaiveDate, &str, usize)> = future.days[from..]
            .iter()
            .enumerate()
            .filter_map(|(i, day)| match &day.shown {
                Shown::Country {
                    code,
                    day: n,
                    pinned: false,
                    ..
                } => Some((first + chrono::Days::new(i as u64), code.as_str(), *n)),
                _ => None,
            })
            .collect();
        let stays = |code: &str, from: NaiveDate, to: NaiveDate| {
            catalog.by_code(code).is_some_and(|g| {
                let g = &catalog.entries[g].guide;
                g.active_on(from) && g.active_on(to) && !future.is_guide_withdrawn(code)
            })
        };
        let cycles: Vec<_> = future.cycles.iter().filter(|c| c.date >= first).collect();
        for pair in cycles.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let mut expected: Vec<&str> = a
                .codes
                .iter()
                .map(String::as_str)
                .filter(|c| stays(c, a.date, b.date))
                .collect();
            let mut visited: Vec<&str> = starts
                .iter()
                .filter(|(date, code, n)| {
                    *n == 1 && *date >= a.date && *date < b.date && stays(code, a.date, b.date)
                })
                .map(|(_, code, _)| *code)
                .collect();
            expected.sort_unstable();
            visited.sort_unstable();
            assert_eq!(visited, expected, "the cycle of {}", a.date);
        }
        if world.schedule.rotation.order != Order::Weighted {
            for pair in starts.windows(2) {
                let ((d1, c1, _), (d2, c2, n2)) = (pair[0], pair[1]);
                let consecutive = d2 == d1 + chrono::Days::new(1);
                let members = cycles.iter().map(|c| c.codes.len()).min().unwrap_or(2);
                if consecutive && n2 == 1 && members > 1 {
                    assert_ne!(c1, c2, "{d1} and {d2}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn what_was_published_never_changes(
            guides in 3..7usize,
            points_per_day in 1..4usize,
            steps in proptest::collection::vec((edit(), 0..12u8, 0..10u8, proptest::bool::weighted(0.25)), 1..14),
        ) {
            let mut world = World::new(guides, points_per_day);
            world.built = world.build(world.today, false).unwrap();
            for (edit, advance, ahead, preview) in steps {
                let saved = (
                    world.guides.clone(),
                    world.schedule.clone(),
                    world.ledger.clone(),
                    world.withdrawn.clone(),
                );
                world.apply(&edit);
                world.today = world.today + chrono::Days::new(u64::from(advance));
                let through = world.today + chrono::Days::new(u64::from(ahead));
                let before = world.ledger.clone();
                let built = match world.build(through, preview) {
                    Ok(built) => built,
                    Err(_) => {
                        // Refused, as `build` refuses: the editor moves the pin.
                        (world.guides, world.schedule, world.ledger, world.withdrawn) = saved;
                        world.build(through, preview).unwrap()
                    }
                };
                if preview {
                    prop_assert_eq!(&world.ledger, &before, "a preview moved the ledger");
                } else {
                    // Every day up to today is published by any build.
                    let days = (world.today - world.ledger.start).num_days() as usize;
                    prop_assert!(world.ledger.days.len() > days);
                }
                for (key, before) in &world.built {
                    let now = &built[key];
                    let touched = world.withdrawn.iter().any(|w| before.contains(w.as_str()));
                    if touched {
                        for w in world.withdrawn.iter().filter(|w| w.starts_with("\"code")) {
                            prop_assert!(!now.contains(w.as_str()) || now.contains("Withdrawn"), "{:?} still shows {}", key, w);
                        }
                        for w in world.withdrawn.iter().filter(|w| !w.starts_with("\"code")) {
                            prop_assert!(!now.contains(w.as_str()), "{:?} still shows {}", key, w);
                        }
                    } else {
                        prop_assert_eq!(now, before, "{:?} changed after {:?}", key, edit);
                    }
                }
                for (key, text) in built {
                    world.built.entry(key).or_insert(text);
                }
            }
            assert_fair(&world);
        }
    }
}
