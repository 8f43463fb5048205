//! The rotation: a pure function from (guides, schedule, date) to the day's country and points.
//!
//! How it works, in the words editors read in the README:
//! - Days are counted from `start`; pinned days are taken out of the count, so a pin delays the
//!   rotation by a day rather than skipping a country.
//! - The rotation runs in cycles. A cycle visits every guide active on the cycle's first day once
//!   (or `weight` times, spread evenly, with `order = "weighted"`), each for `days_per_country`
//!   days. A guide's `since` and `retired` dates take effect at the first cycle starting on or
//!   after them, so adding or retiring a guide never changes a date already past.
//! - Each day a country is shown counts as a visit; visit `v` shows points `v*k .. v*k+k` (mod the
//!   number of points), with `k = points_per_day`, so every point comes round in turn.
//!
//! No clock, no I/O: the same inputs give the same plan for any date, past or future.

/// The `plan` table: who is prayed for when.
pub mod plan;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::content::guide::{Catalog, Guide, Persecution};
use crate::content::schedule::{Order, PinWhen, Schedule};
use crate::error::Error;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A country (index into the catalog): day `day` of `of` consecutive days, or a pinned day.
    Country {
        guide: usize,
        day: usize,
        of: usize,
        pin: Option<usize>,
    },
    /// A pinned theme (index into the schedule's pins).
    Theme { pin: usize },
}

/// One day of the rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub subject: Subject,
    /// Indices of the day's points: into the guide's `points`, or the theme's.
    pub points: Vec<usize>,
}

/// The rotation of one catalog under one schedule.
#[derive(Debug, Clone)]
pub struct Rotation<'a> {
    catalog: &'a Catalog,
    schedule: &'a Schedule,
    /// Catalog indices in rotation order, with how many times a cycle visits each.
    order: Vec<(usize, u32)>,
    pins: Vec<(usize, PinWhen)>,
}

impl<'a> Rotation<'a> {
    pub fn new(catalog: &'a Catalog, schedule: &'a Schedule) -> Self {
        let order = base_order(catalog, schedule);
        let pins = schedule
            .pins
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.when(schedule.church_year.reckoning()).map(|w| (i, w)))
            .collect();
        Rotation {
            catalog,
            schedule,
            order,
            pins,
        }
    }

    /// The plan for `date`, for `audience`.
    pub fn day(&self, date: NaiveDate, audience: Audience) -> Result<DayPlan, Error> {
        let start = self.schedule.start;
        if date < start {
            return Err(Error::Usage(format!(
                "{date} is before the rotation starts ({start}, `start` in schedule.toml)"
            )));
        }
        let pinned = self.pinned_days(start, date.succ_opt().unwrap_or(date));
        if let Some(&pin) = pinned.get(&date) {
            let p = &self.schedule.pins[pin];
            return Ok(
                match p.country.as_deref().and_then(|c| self.catalog.by_code(c)) {
                    Some(guide) => DayPlan {
                        date,
                        subject: Subject::Country {
                            guide,
                            day: 1,
                            of: 1,
                            pin: Some(pin),
                        },
                        points: self.points_for(
                            guide,
                            self.visits_before(guide, date, &pinned)?,
                            audience,
                        ),
                    },
                    None => DayPlan {
                        date,
                        subject: Subject::Theme { pin },
                        points: (0..p.points.len()).collect(),
                    },
                },
            );
        }
        let slot = (date - start).num_days() as usize - pinned.len();
        let found = self.locate(slot)?;
        let pinned_visits = pinned
            .range(..date)
            .filter(|&(_, &pin)| self.pin_guide(pin) == Some(found.guide))
            .count();
        Ok(DayPlan {
            date,
            subject: Subject::Country {
                guide: found.guide,
                day: found.day + 1,
                of: self.schedule.days_per_country,
                pin: None,
            },
            points: self.points_for(found.guide, found.visits + pinned_visits, audience),
        })
    }

    /// The guides a cycle starting on `date` visits, in order, each as often as its weight.
    pub fn cycle_at(&self, date: NaiveDate) -> Vec<usize> {
        let members: Vec<(usize, u32)> = self
            .order
            .iter()
            .copied()
            .filter(|&(g, _)| self.catalog.entries[g].guide.active_on(date))
            .collect();
        spread_by_weight(&members)
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
            .filter(|&(g, _)| self.catalog.entries[g].guide.active_on(date))
            .collect()
    }

    fn pin_guide(&self, pin: usize) -> Option<usize> {
        self.schedule.pins[pin]
            .country
            .as_deref()
            .and_then(|c| self.catalog.by_code(c))
    }

    /// Days in `[from, to)` that a pin takes, with the pin that takes each (the first listed wins).
    fn pinned_days(&self, from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, usize> {
        let mut days = BTreeMap::new();
        for &(pin, when) in &self.pins {
            match when {
                PinWhen::Date(d) => {
                    if from <= d && d < to {
                        days.entry(d).or_insert(pin);
                    }
                }
                PinWhen::Yearly(rule) => {
                    for year in from.year()..=to.year() {
                        if let Some(d) = rule.in_year(year)
                            && from <= d
                            && d < to
                        {
                            days.entry(d).or_insert(pin);
                        }
                    }
                }
            }
        }
        // A pin on the same day as an earlier-listed one loses; re-inserting above kept the first.
        days
    }

    /// The date of rotation slot `slot` (0 = the first unpinned day from `start`).
    fn date_of_slot(&self, slot: usize) -> NaiveDate {
        let start = self.schedule.start;
        let mut candidate = start + chrono::Days::new(slot as u64);
        loop {
            let pinned = self.pinned_days(start, candidate.succ_opt().unwrap_or(candidate));
            let before = pinned.range(..candidate).count();
            let wanted = start + chrono::Days::new((slot + before) as u64);
            if wanted == candidate && !pinned.contains_key(&candidate) {
                return candidate;
            }
            candidate = if wanted == candidate {
                candidate + chrono::Days::new(1)
            } else {
                wanted
            };
        }
    }

    /// Finds the guide of rotation slot `slot` by walking the cycles from the start.
    fn locate(&self, slot: usize) -> Result<Found, Error> {
        let dpc = self.schedule.days_per_country;
        let block = slot / dpc;
        let mut first_block = 0;
        let mut visits = vec![0usize; self.catalog.len()];
        loop {
            let date = self.date_of_slot(first_block * dpc);
            let cycle = self.cycle_at(date);
            if cycle.is_empty() {
                return Err(Error::Usage(format!(
                    "no guide is in the rotation on {date}: check the `since` and `retired` dates"
                )));
            }
            if block < first_block + cycle.len() {
                let pos = block - first_block;
                let guide = cycle[pos];
                let earlier = cycle[..pos].iter().filter(|&&g| g == guide).count();
                return Ok(Found {
                    guide,
                    day: slot % dpc,
                    visits: (visits[guide] + earlier) * dpc + slot % dpc,
                });
            }
            for &g in &cycle {
                visits[g] += 1;
            }
            first_block += cycle.len();
        }
    }

    /// How many days `guide` was shown before `date`, rotation and pins together.
    fn visits_before(
        &self,
        guide: usize,
        date: NaiveDate,
        pinned: &BTreeMap<NaiveDate, usize>,
    ) -> Result<usize, Error> {
        let start = self.schedule.start;
        let slots_before = (date - start).num_days() as usize - pinned.range(..date).count();
        let dpc = self.schedule.days_per_country;
        let mut count = 0;
        let mut first_block = 0;
        while first_block * dpc < slots_before {
            let cycle = self.cycle_at(self.date_of_slot(first_block * dpc));
            if cycle.is_empty() {
                break;
            }
            for (i, &g) in cycle.iter().enumerate() {
                let begin = (first_block + i) * dpc;
                if g == guide && begin < slots_before {
                    count += dpc.min(slots_before - begin);
                }
            }
            first_block += cycle.len();
        }
        let pinned_visits = pinned
            .range(..date)
            .filter(|&(_, &pin)| self.pin_guide(pin) == Some(guide))
            .count();
        Ok(count + pinned_visits)
    }

    /// The points of visit `visit` to `guide`, as indices into its `points`.
    fn points_for(&self, guide: usize, visit: usize, audience: Audience) -> Vec<usize> {
        let visible: Vec<usize> = self.catalog.entries[guide]
            .guide
            .points
            .iter()
            .enumerate()
            .filter(|(_, p)| audience.sees(p.restricted))
            .map(|(i, _)| i)
            .collect();
        let n = visible.len();
        let k = self.schedule.points_per_day.min(n);
        (0..k).map(|i| visible[(visit * k + i) % n]).collect()
    }
}

struct Found {
    guide: usize,
    day: usize,
    visits: usize,
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
mod tests;
