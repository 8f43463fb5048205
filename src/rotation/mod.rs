//! The rotation: a pure function from (guides, schedule, ledger, date) to the day's country and
//! points.
//!
//! How it works, in the words editors read in the manual:
//! - A published day (one recorded in the ledger) shows what it showed, whatever was edited
//!   since; the rotation of the unpublished days continues from the ledger's state.
//! - Days are counted from `start`; a pinned day is taken out of the count, so a pin delays the
//!   rotation by a day rather than skipping a country.
//! - The rotation runs in cycles. A cycle visits every guide active on the cycle's first day once
//!   (or `weight` times, spread evenly, with `order = "weighted"`), each for `days_per_country`
//!   days; with 7 days a country, each country has a whole week, from `week_starts`. A new guide
//!   joins at the next cycle; a retired or withdrawn one leaves at once.
//! - No country two days running when another can take the day, pins included.
//! - Each day shows the `points_per_day` points of the guide shown least recently (never shown
//!   first, then in the guide's order), so every point comes round in turn and a new point takes
//!   the next turn without moving a published day.
//!
//! No clock, no I/O: the same inputs give the same plan for any date, past or future.

/// What an edit does to the unpublished days, and the schedule's contradictions.
pub mod effects;
/// What published days showed besides their points: snapshots of guides, themes, schedule.
pub mod frozen;
/// The ledger of published days, and its text format.
pub mod ledger;
/// The `plan` table: who is prayed for when.
pub mod plan;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::content::guide::{Catalog, Guide, Persecution};
use crate::content::schedule::{Order, PinWhen, Schedule};
use crate::error::Error;
use ledger::{Day, Ledger, PointId, Shown, THEME};

/// Who an output is for. Restricted points exist only for [`Audience::Private`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Web pages, feeds, calendars, printed sheets: anything that may be passed on.
    Public,
    /// Outputs explicitly built with `--private` for a closed circle.
    Private,
}

impl Audience {
    pub fn sees(self, restricted: bool) -> bool {
        !restricted || self == Audience::Private
    }
}

/// What a day is given to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A country (index into the catalog): day `day` of `of` consecutive days, or a pinned day.
    Country {
        guide: usize,
        day: usize,
        of: usize,
        pinned: bool,
    },
    /// A pinned theme: its pin in the schedule, unless the pin is gone since it was published.
    Theme { pin: Option<usize>, title: String },
    /// A published day whose guide was withdrawn since (`prayer-guide withdraw`).
    Withdrawn { code: String },
}

/// One of a day's points: its identity in the ledger, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPoint {
    pub id: PointId,
    pub text: String,
}

/// One day of the rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub subject: Subject,
    pub points: Vec<PlannedPoint>,
    /// Whether the ledger fixed the day.
    pub published: bool,
}

/// A day the rotation planned after the ledger's last, before texts are looked up.
#[derive(Debug, Clone)]
struct Planned {
    subject: Subject,
    points: Vec<PointId>,
}

/// When a point was last shown: the day (counted from `start`) and its place among the day's
/// points.
type LastShown = (u64, usize);

/// A country's run of consecutive days in progress.
#[derive(Debug, Clone, Copy)]
struct Block {
    guide: usize,
    day: usize,
    of: usize,
}

/// The rotation's state after the ledger, extended day by day as later days are asked for.
#[derive(Debug, Clone)]
struct Sim {
    next: NaiveDate,
    /// Days since `start`: when each point was last shown, for the least-recently-shown rule.
    seq: u64,
    last_shown: HashMap<(usize, PointId), LastShown>,
    /// The rest of the current cycle, in order (a guide once per visit).
    remaining: Vec<usize>,
    block: Option<Block>,
    /// The guide shown the day before `next`.
    prev: Option<usize>,
    /// The planned days from the first unpublished date on.
    days: Vec<Planned>,
    /// Cycles begun in `days`.
    cycles: Vec<(NaiveDate, Vec<usize>)>,
}

/// The rotation of one catalog under one schedule, continuing one ledger.
#[derive(Debug)]
pub struct Rotation<'a> {
    catalog: &'a Catalog,
    schedule: &'a Schedule,
    ledger: &'a Ledger,
    codes: HashMap<&'a str, usize>,
    /// Catalog indices in rotation order, with how many times a cycle visits each.
    order: Vec<(usize, u32)>,
    in_order: Vec<bool>,
    pins: Vec<(usize, PinWhen)>,
    /// The id of every point of every guide.
    ids: Vec<Vec<PointId>>,
    withdrawn_guides: Vec<bool>,
    withdrawn_points: HashSet<(usize, PointId)>,
    sim: Mutex<Sim>,
}

impl<'a> Rotation<'a> {
    pub fn new(catalog: &'a Catalog, schedule: &'a Schedule, ledger: &'a Ledger) -> Self {
        let order = base_order(catalog, schedule);
        let mut in_order = vec![false; catalog.len()];
        for &(g, _) in &order {
            in_order[g] = true;
        }
        let pins = schedule
            .pins
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.when(schedule.church_year.reckoning()).map(|w| (i, w)))
            .collect();
        let codes: HashMap<&str, usize> = catalog
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.guide.code.as_str(), i))
            .collect();
        let withdrawn_guides = catalog
            .guides()
            .map(|g| ledger.is_guide_withdrawn(&g.code))
            .collect();
        let withdrawn_points = ledger
            .withdrawn_points()
            .into_iter()
            .filter_map(|(code, id)| codes.get(code).map(|&g| (g, id)))
            .collect();
        let ids = catalog
            .guides()
            .map(|g| g.points.iter().map(|p| PointId::of(&p.text)).collect())
            .collect();
        let mut rotation = Rotation {
            catalog,
            schedule,
            ledger,
            codes,
            order,
            in_order,
            pins,
            ids,
            withdrawn_guides,
            withdrawn_points,
            sim: Mutex::new(Sim {
                next: ledger.first_unpublished(),
                seq: 0,
                last_shown: HashMap::new(),
                remaining: Vec::new(),
                block: None,
                prev: None,
                days: Vec::new(),
                cycles: Vec::new(),
            }),
        };
        let sim = rotation.resume();
        rotation.sim = Mutex::new(sim);
        rotation
    }

    /// The ledger this rotation continues.
    pub fn ledger(&self) -> &Ledger {
        self.ledger
    }

    /// The plan for `date`, for `audience`.
    pub fn day(&self, date: NaiveDate, audience: Audience) -> Result<DayPlan, Error> {
        let start = self.schedule.start;
        if date < start {
            return Err(Error::Usage(format!(
                "{date} is before the rotation starts ({start}, `start` in schedule.toml)"
            )));
        }
        if self.ledger.start != start {
            return Err(Error::Usage(format!(
                "published.txt begins on {} but schedule.toml's `start` is {start}: the ledger \
                 belongs to another project, or `start` was changed",
                self.ledger.start
            )));
        }
        if let Some(day) = self.ledger.day(date) {
            return self.published(date, day, audience);
        }
        let planned = self.planned(date)?;
        let points = self.texts(&planned.subject, &planned.points, audience);
        Ok(DayPlan {
            date,
            subject: planned.subject,
            points,
            published: false,
        })
    }

    /// The plan of an unpublished date, as ids.
    fn planned(&self, date: NaiveDate) -> Result<Planned, Error> {
        let mut sim = self.sim.lock().unwrap_or_else(|e| e.into_inner());
        while sim.next <= date {
            self.step(&mut sim)?;
        }
        let i = (date - self.ledger.first_unpublished()).num_days() as usize;
        Ok(sim.days[i].clone())
    }

    /// The guides a cycle starting on `date` visits, in order, each as often as its weight.
    pub fn cycle_at(&self, date: NaiveDate) -> Vec<usize> {
        spread_by_weight(&self.visits_per_cycle(date))
    }

    /// Days one full cycle takes, not counting pins, for a cycle starting on `date`.
    pub fn cycle_days(&self, date: NaiveDate) -> usize {
        self.cycle_at(date).len() * self.schedule.days_per_country
    }

    /// How many times a cycle starting on `date` visits each guide (catalog index → visits).
    pub fn visits_per_cycle(&self, date: NaiveDate) -> Vec<(usize, u32)> {
        self.order
            .iter()
            .copied()
            .filter(|&(g, _)| self.in_rotation(g, date))
            .collect()
    }

    /// A copy of the ledger with every day up to `through` recorded as planned now, and the
    /// next days' plan remembered (to tell later what an edit moves).
    pub fn record_through(&self, through: NaiveDate) -> Result<Ledger, Error> {
        let mut out = self.ledger.clone();
        let first = out.first_unpublished();
        let horizon = through.max(first.pred_opt().unwrap_or(first))
            + chrono::Days::new(ledger::PLANNED_DAYS as u64);
        self.planned(horizon)?;
        let sim = self.sim.lock().unwrap_or_else(|e| e.into_inner());
        let mut date = first;
        let mut planned = Vec::new();
        for day in &sim.days {
            if date <= through {
                let recorded = self.to_ledger(day, &mut out);
                out.days.push(recorded);
            } else if planned.len() < ledger::PLANNED_DAYS {
                planned.push(match &day.subject {
                    Subject::Country { guide, .. } => {
                        self.catalog.entries[*guide].guide.code.clone()
                    }
                    _ => THEME.to_string(),
                });
            }
            date = date + chrono::Days::new(1);
        }
        for (date, cycle) in &sim.cycles {
            if *date <= through {
                out.cycles.push(ledger::Cycle {
                    date: *date,
                    codes: cycle
                        .iter()
                        .map(|&g| self.catalog.entries[g].guide.code.clone())
                        .collect(),
                });
            }
        }
        out.planned = Some((out.first_unpublished(), planned));
        Ok(out)
    }

    /// A planned day as the ledger records it, adding its texts to `out`.
    fn to_ledger(&self, day: &Planned, out: &mut Ledger) -> Day {
        let shown = match &day.subject {
            Subject::Country {
                guide,
                day: n,
                of,
                pinned,
            } => {
                let g = &self.catalog.entries[*guide].guide;
                for id in &day.points {
                    if let Some(i) = self.ids[*guide].iter().position(|x| x == id) {
                        out.texts
                            .entry((g.code.clone(), *id))
                            .or_insert_with(|| g.points[i].text.clone());
                    }
                }
                Shown::Country {
                    code: g.code.clone(),
                    day: *n,
                    of: *of,
                    pinned: *pinned,
                }
            }
            Subject::Theme { pin, title } => {
                let title_id = PointId::of(title);
                out.texts
                    .entry((THEME.into(), title_id))
                    .or_insert_with(|| title.clone());
                if let Some(pin) = pin {
                    for text in &self.schedule.pins[*pin].points {
                        let id = PointId::of(text);
                        if day.points.contains(&id) {
                            out.texts
                                .entry((THEME.into(), id))
                                .or_insert_with(|| text.clone());
                        }
                    }
                }
                Shown::Theme { title: title_id }
            }
            Subject::Withdrawn { code } => Shown::Country {
                code: code.clone(),
                day: 1,
                of: 1,
                pinned: false,
            },
        };
        Day {
            shown,
            points: day.points.clone(),
        }
    }

    /// A published day, resolved against the guides as they are now.
    fn published(&self, date: NaiveDate, day: &Day, audience: Audience) -> Result<DayPlan, Error> {
        let (subject, code) = match &day.shown {
            Shown::Country {
                code,
                day: n,
                of,
                pinned,
            } => {
                let guide = *self.codes.get(code.as_str()).ok_or_else(|| {
                    Error::Usage(format!(
                        "published.txt: {date} showed `{code}`, but no guide has that code now. A \
                         published guide stays in the guides folder: put its file back (to take it \
                         out of the rotation, set `retired`; to take it off published pages too, \
                         `prayer-guide withdraw {code}`)"
                    ))
                })?;
                let subject = if self.withdrawn_guides[guide] {
                    Subject::Withdrawn { code: code.clone() }
                } else {
                    Subject::Country {
                        guide,
                        day: *n,
                        of: *of,
                        pinned: *pinned,
                    }
                };
                (subject, code.as_str())
            }
            Shown::Theme { title } => {
                let pin = self.pins.iter().find_map(|&(p, when)| {
                    let falls = match when {
                        PinWhen::Date(d) => d == date,
                        PinWhen::Yearly(rule) => rule.in_year(date.year()) == Some(date),
                    };
                    (falls
                        && self.schedule.pins[p].title.as_deref().map(PointId::of) == Some(*title))
                    .then_some(p)
                });
                let text = self
                    .ledger
                    .texts
                    .get(&(THEME.to_string(), *title))
                    .cloned()
                    .or_else(|| pin.and_then(|p| self.schedule.pins[p].title.clone()))
                    .unwrap_or_default();
                (Subject::Theme { pin, title: text }, THEME)
            }
        };
        let mut points = Vec::new();
        if !matches!(subject, Subject::Withdrawn { .. }) {
            let guide = self.codes.get(code).copied();
            let withdrawn = |id: &PointId| {
                guide.is_some_and(|g| self.withdrawn_points.contains(&(g, *id)))
                    || self
                        .ledger
                        .withdrawn
                        .contains(&ledger::Withdrawal::Point(code.to_string(), *id))
            };
            // A point restricted since it was published leaves public pages: safety first.
            let restricted_now = |id: &PointId| {
                guide.is_some_and(|g| {
                    let ids = &self.ids[g];
                    self.catalog.entries[g]
                        .guide
                        .points
                        .iter()
                        .zip(ids)
                        .any(|(p, x)| x == id && p.restricted)
                }) && code != THEME
            };
            for id in &day.points {
                if withdrawn(id) || (audience == Audience::Public && restricted_now(id)) {
                    continue;
                }
                if let Some(text) = self.ledger.texts.get(&(code.to_string(), *id)) {
                    points.push(PlannedPoint {
                        id: *id,
                        text: text.clone(),
                    });
                }
            }
            if let (Subject::Country { guide, .. }, Audience::Private) = (&subject, audience) {
                self.add_restricted(*guide, &mut points);
            }
        }
        Ok(DayPlan {
            date,
            subject,
            points,
            published: true,
        })
    }

    /// The texts of a planned day's points, for `audience`.
    fn texts(&self, subject: &Subject, ids: &[PointId], audience: Audience) -> Vec<PlannedPoint> {
        let mut points: Vec<PlannedPoint> = match subject {
            Subject::Country { guide, .. } => ids
                .iter()
                .filter_map(|id| {
                    let i = self.ids[*guide].iter().position(|x| x == id)?;
                    Some(PlannedPoint {
                        id: *id,
                        text: self.catalog.entries[*guide].guide.points[i].text.clone(),
                    })
                })
                .collect(),
            Subject::Theme { pin: Some(pin), .. } => self.schedule.pins[*pin]
                .points
                .iter()
                .map(|text| PlannedPoint {
                    id: PointId::of(text),
                    text: text.clone(),
                })
                .filter(|p| ids.contains(&p.id))
                .collect(),
            _ => Vec::new(),
        };
        if let (Subject::Country { guide, .. }, Audience::Private) = (subject, audience) {
            self.add_restricted(*guide, &mut points);
        }
        points
    }

    /// A private day shows the guide's restricted points after its public ones.
    fn add_restricted(&self, guide: usize, points: &mut Vec<PlannedPoint>) {
        let g = &self.catalog.entries[guide].guide;
        for (p, id) in g.points.iter().zip(&self.ids[guide]) {
            if p.restricted
                && !self.withdrawn_points.contains(&(guide, *id))
                && !points.iter().any(|x| x.id == *id)
            {
                points.push(PlannedPoint {
                    id: *id,
                    text: p.text.clone(),
                });
            }
        }
    }

    /// Whether `guide` may be visited on `date`: in the order, active, not withdrawn.
    fn in_rotation(&self, guide: usize, date: NaiveDate) -> bool {
        self.in_order[guide]
            && !self.withdrawn_guides[guide]
            && self.catalog.entries[guide].guide.active_on(date)
    }

    fn pin_guide(&self, pin: usize) -> Option<usize> {
        self.schedule.pins[pin]
            .country
            .as_deref()
            .and_then(|c| self.codes.get(c).copied())
    }

    /// The pin that takes `date`, if one does (the first listed wins; `check` refuses two).
    pub fn pin_on(&self, date: NaiveDate) -> Option<usize> {
        self.pins.iter().find_map(|&(pin, when)| {
            let hit = match when {
                PinWhen::Date(d) => d == date,
                PinWhen::Yearly(rule) => rule.in_year(date.year()) == Some(date),
            };
            hit.then_some(pin)
        })
    }

    /// The country a pin gives `date` to, if a pin gives it to a country.
    fn pinned_country(&self, date: NaiveDate) -> Option<usize> {
        self.pin_on(date).and_then(|p| self.pin_guide(p))
    }

    /// The rotation's state after the last published day, from the ledger.
    fn resume(&self) -> Sim {
        let l = self.ledger;
        let guide_of = |shown: &Shown| match shown {
            Shown::Country { code, .. } => self.codes.get(code.as_str()).copied(),
            Shown::Theme { .. } => None,
        };
        let mut last_shown = HashMap::new();
        for (i, day) in l.days.iter().enumerate() {
            if let Some(g) = guide_of(&day.shown) {
                for (rank, id) in day.points.iter().enumerate() {
                    last_shown.insert((g, *id), (i as u64, rank));
                }
            }
        }
        let prev = l.days.last().and_then(|d| guide_of(&d.shown));
        let is_rotation_day = |d: &Day| matches!(d.shown, Shown::Country { pinned: false, .. });
        let block = l
            .days
            .iter()
            .rev()
            .find(|d| is_rotation_day(d))
            .and_then(|d| match (&d.shown, guide_of(&d.shown)) {
                (Shown::Country { day, of, .. }, Some(guide)) if day < of => Some(Block {
                    guide,
                    day: *day,
                    of: *of,
                }),
                _ => None,
            });
        let mut remaining = Vec::new();
        if let Some(cycle) = l.cycles.last() {
            let recorded: Vec<usize> = cycle
                .codes
                .iter()
                .filter_map(|c| self.codes.get(c.as_str()).copied())
                .collect();
            remaining = recorded.clone();
            let from = (cycle.date - l.start).num_days().max(0) as usize;
            for d in l.days.iter().skip(from) {
                if let (
                    Shown::Country {
                        day: 1,
                        pinned: false,
                        ..
                    },
                    Some(g),
                ) = (&d.shown, guide_of(&d.shown))
                    && let Some(i) = remaining.iter().position(|&x| x == g)
                {
                    remaining.remove(i);
                }
            }
            // A changed order or weights apply from the first unpublished day: the rest of the
            // cycle is arranged as the settings now say.
            let mut members: Vec<usize> = recorded.clone();
            members.sort_unstable();
            members.dedup();
            let now: Vec<(usize, u32)> = self
                .order
                .iter()
                .filter(|(g, _)| members.contains(g))
                .copied()
                .collect();
            if spread_by_weight(&now) != recorded {
                let counts: Vec<(usize, u32)> = self
                    .order
                    .iter()
                    .map(|&(g, _)| (g, remaining.iter().filter(|&&x| x == g).count() as u32))
                    .filter(|&(_, n)| n > 0)
                    .collect();
                remaining = spread_by_weight(&counts);
            }
        }
        Sim {
            next: l.first_unpublished(),
            seq: l.days.len() as u64,
            last_shown,
            remaining,
            block,
            prev,
            days: Vec::new(),
            cycles: Vec::new(),
        }
    }

    /// Plans the day `sim.next`.
    fn step(&self, sim: &mut Sim) -> Result<(), Error> {
        let date = sim.next;
        let pin = self.pin_on(date);
        let planned = match pin.map(|p| (p, self.pin_guide(p))) {
            Some((pin, None)) => {
                let p = &self.schedule.pins[pin];
                sim.prev = None;
                Planned {
                    subject: Subject::Theme {
                        pin: Some(pin),
                        title: p.title.clone().unwrap_or_default(),
                    },
                    points: p.points.iter().map(|t| PointId::of(t)).collect(),
                }
            }
            Some((_, Some(guide))) if !self.withdrawn_guides[guide] => {
                let points = self.choose_points(sim, guide);
                sim.prev = Some(guide);
                Planned {
                    subject: Subject::Country {
                        guide,
                        day: 1,
                        of: 1,
                        pinned: true,
                    },
                    points,
                }
            }
            _ => self.rotation_day(sim, date)?,
        };
        sim.days.push(planned);
        sim.seq += 1;
        sim.next = date + chrono::Days::new(1);
        Ok(())
    }

    /// An unpinned day: the current country's next day, or the next country of the cycle.
    fn rotation_day(&self, sim: &mut Sim, date: NaiveDate) -> Result<Planned, Error> {
        let dpc = self.schedule.days_per_country;
        let week_begins = date.weekday() == self.schedule.week_starts.weekday();
        let continuing = sim.block.filter(|b| {
            b.day < b.of && self.in_rotation(b.guide, date) && !(dpc == 7 && week_begins)
        });
        let block = match continuing {
            Some(b) => Block {
                day: b.day + 1,
                ..b
            },
            None => {
                sim.remaining.retain(|&g| self.in_rotation(g, date));
                if sim.remaining.is_empty() {
                    sim.remaining = self.cycle_at(date);
                    if sim.remaining.is_empty() {
                        return Err(Error::Usage(format!(
                            "no guide is in the rotation on {date}: check the `since` and \
                             `retired` dates, and `prayer-guide withdraw`"
                        )));
                    }
                    sim.cycles.push((date, sim.remaining.clone()));
                }
                let of = if dpc == 7 {
                    self.days_left_in_week(date)
                } else {
                    dpc
                };
                let after = self.pinned_country(self.day_after_block(date, of));
                let prev = sim.prev;
                let i = sim
                    .remaining
                    .iter()
                    .position(|&g| Some(g) != prev && Some(g) != after)
                    .or_else(|| sim.remaining.iter().position(|&g| Some(g) != prev))
                    .unwrap_or(0);
                let guide = sim.remaining.remove(i);
                Block { guide, day: 1, of }
            }
        };
        sim.block = (block.day < block.of).then_some(block);
        let points = self.choose_points(sim, block.guide);
        sim.prev = Some(block.guide);
        Ok(Planned {
            subject: Subject::Country {
                guide: block.guide,
                day: block.day,
                of: block.of,
                pinned: false,
            },
            points,
        })
    }

    /// With a country a week: the unpinned days from `date` to the week's end (at least 1).
    fn days_left_in_week(&self, date: NaiveDate) -> usize {
        let mut n = 0;
        let mut d = date;
        loop {
            if self.pin_on(d).is_none() {
                n += 1;
            }
            d = d + chrono::Days::new(1);
            if d.weekday() == self.schedule.week_starts.weekday() {
                return n.max(1);
            }
        }
    }

    /// The day after a visit of `of` unpinned days that begins on `date`.
    fn day_after_block(&self, date: NaiveDate, of: usize) -> NaiveDate {
        let mut counted = 0;
        let mut d = date;
        loop {
            if self.pin_on(d).is_none() {
                counted += 1;
                if counted >= of {
                    return d + chrono::Days::new(1);
                }
            }
            d = d + chrono::Days::new(1);
        }
    }

    /// The points of `guide` shown least recently (never shown first, in the guide's order;
    /// points shown the same day in the order they were shown), `points_per_day` of them; marks
    /// them shown today. With the points unchanged this is the points in turn, round and round.
    fn choose_points(&self, sim: &mut Sim, guide: usize) -> Vec<PointId> {
        let g = &self.catalog.entries[guide].guide;
        let mut candidates: Vec<(Option<LastShown>, usize, PointId)> = g
            .points
            .iter()
            .zip(&self.ids[guide])
            .enumerate()
            .filter(|(_, (p, id))| !p.restricted && !self.withdrawn_points.contains(&(guide, **id)))
            .map(|(i, (_, id))| (sim.last_shown.get(&(guide, *id)).copied(), i, *id))
            .collect();
        candidates.sort_unstable();
        let chosen: Vec<PointId> = candidates
            .iter()
            .take(self.schedule.points_per_day)
            .map(|&(_, _, id)| id)
            .collect();
        for (rank, id) in chosen.iter().enumerate() {
            sim.last_shown.insert((guide, *id), (sim.seq, rank));
        }
        chosen
    }
}

/// The configured order of the catalog, with weights.
fn base_order(catalog: &Catalog, schedule: &Schedule) -> Vec<(usize, u32)> {
    let config = &schedule.rotation;
    let by_name = |a: &usize, b: &usize| {
        let (ga, gb) = (&catalog.entries[*a].guide, &catalog.entries[*b].guide);
        ga.name.cmp(&gb.name).then(ga.code.cmp(&gb.code))
    };
    let mut all: Vec<usize> = (0..catalog.len()).collect();
    all.sort_by(by_name);
    let weight = |g: &Guide| match (config.order, g.facts.as_ref().and_then(|f| f.persecution)) {
        (Order::Weighted, Some(Persecution::Extreme)) => config.weights.extreme,
        (Order::Weighted, Some(Persecution::VeryHigh)) => config.weights.very_high,
        (Order::Weighted, Some(Persecution::High)) => config.weights.high,
        (Order::Weighted, None) => config.weights.unrated,
        _ => 1,
    };
    let ordered: Vec<usize> = match config.order {
        Order::Alphabetical | Order::Weighted => all,
        Order::Listed => config
            .countries
            .iter()
            .filter_map(|c| catalog.by_code(c))
            .collect(),
        Order::ByRegion => {
            let rank = |g: usize| {
                let region = &catalog.entries[g].guide.region;
                config
                    .regions
                    .iter()
                    .position(|r| r == region)
                    .unwrap_or(config.regions.len())
            };
            let mut v = all;
            v.sort_by(|a, b| {
                rank(*a)
                    .cmp(&rank(*b))
                    .then_with(|| {
                        catalog.entries[*a]
                            .guide
                            .region
                            .cmp(&catalog.entries[*b].guide.region)
                    })
                    .then_with(|| by_name(a, b))
            });
            v
        }
    };
    ordered
        .into_iter()
        .map(|g| (g, weight(&catalog.entries[g].guide)))
        .collect()
}

/// Spreads each member over the cycle `weight` times, evenly (stride scheduling): copy `j` of
/// member `i` of `n` sits at `(j + (i + ½) / n) / weight` of the way through the cycle. With all
/// weights 1 this is the order itself; copies of one member are a whole stride apart, across
/// the cycle boundary too.
fn spread_by_weight(members: &[(usize, u32)]) -> Vec<usize> {
    let n = members.len() as u64;
    // Key as the fraction num/den, compared exactly by cross-multiplication.
    let mut copies: Vec<(u64, u64, usize)> = Vec::new();
    for (i, &(guide, weight)) in members.iter().enumerate() {
        for j in 0..u64::from(weight) {
            copies.push((2 * (j * n + i as u64) + 1, 2 * n * u64::from(weight), guide));
        }
    }
    copies.sort_by(|a, b| (a.0 * b.1).cmp(&(b.0 * a.1)));
    copies.into_iter().map(|(_, _, guide)| guide).collect()
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
