//! What an edit does to the days not yet published ("Sri Lanka joins on 2027-02-02", "this
//! change moves 14 unpublished days"), and the contradictions in a schedule that `check`, `plan`
//! and `build` refuse.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::content::schedule::PinWhen;
use crate::error::Error;
use crate::rotation::ledger::{Shown, THEME};
use crate::rotation::{Audience, Rotation, Subject};

/// How far ahead `check` and `plan` look for pins that clash.
pub const YEARS_AHEAD: i32 = 10;

/// A guide that has not been shown yet, and the day it first comes round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joining {
    pub guide: usize,
    /// `None` when it does not come round within the days looked at.
    pub date: Option<NaiveDate>,
}

/// How the plan of the unpublished days differs from the plan when the ledger was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Days that now show another country or theme.
    pub days: usize,
    /// Of how many compared.
    pub of: usize,
    /// The first such day, with what it was to show and what it shows now.
    pub first: Option<(NaiveDate, String, String)>,
}

/// A problem in the schedule's pins, located at a pin's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// Index into the schedule's pins.
    pub pin: usize,
    /// `date` or `rule`.
    pub key: &'static str,
    pub message: String,
    pub help: String,
    /// Errors are refused; the others only warn.
    pub error: bool,
}

impl Rotation<'_> {
    /// What `check` and `plan` say about the ledger and the edits since it was last written:
    /// which days are fixed, when new guides join, how many planned days an edit moves.
    pub fn notes(&self) -> Result<Vec<String>, Error> {
        let mut notes = Vec::new();
        let ledger = self.ledger();
        if let Some(last) = ledger.last() {
            notes.push(format!(
                "days up to {last} are published ({}): they keep what they showed, whatever is edited",
                super::ledger::FILE
            ));
        }
        let first = ledger.first_unpublished();
        let look = (2 * self.cycle_days(first) + 60).min(1500) as u64;
        for j in self.joining(look)? {
            let g = &self.catalog.entries[j.guide];
            notes.push(match j.date {
                Some(date) => format!(
                    "{} joins on {date} ({}), at the next cycle",
                    g.guide.name,
                    g.file.path.display()
                ),
                None => format!(
                    "{} ({}) does not come round in the {look} days after {}: check its `since`",
                    g.guide.name,
                    g.file.path.display(),
                    ledger.last().unwrap_or(first)
                ),
            });
        }
        if let Some(moved) = self.moved()?
            && moved.days > 0
        {
            let (date, was, now) = moved.first.clone().unwrap_or_default();
            notes.push(format!(
                "this change moves {} of the next {} unpublished days, from {date} ({was} → {now}), \
                 compared with the plan when {} was last written",
                moved.days,
                moved.of,
                super::ledger::FILE
            ));
        }
        Ok(notes)
    }

    /// The code shown on `date` (`theme` for a theme), as the ledger and the plan say.
    pub fn code_on(&self, date: NaiveDate) -> Result<String, Error> {
        Ok(match self.day(date, Audience::Public)?.subject {
            Subject::Country { guide, .. } => self.catalog.entries[guide].guide.code.clone(),
            Subject::Withdrawn { code } => code,
            Subject::Theme { .. } => THEME.to_string(),
        })
    }

    /// Guides new to the ledger (never shown, in no cycle), and when each first comes round, looking `days`
    /// days past the last published one. Empty before anything is published.
    pub fn joining(&self, days: u64) -> Result<Vec<Joining>, Error> {
        let ledger = self.ledger();
        if ledger.days.is_empty() {
            return Ok(Vec::new());
        }
        // Known: shown on a published day, or a member of a cycle under way.
        let shown: HashSet<&str> = ledger
            .days
            .iter()
            .filter_map(|d| match &d.shown {
                Shown::Country { code, .. } => Some(code.as_str()),
                Shown::Theme { .. } => None,
            })
            .chain(
                ledger
                    .cycles
                    .iter()
                    .flat_map(|c| c.codes.iter().map(String::as_str)),
            )
            .collect();
        let mut waiting: Vec<usize> = (0..self.catalog.len())
            .filter(|&g| {
                self.in_order[g]
                    && !self.withdrawn_guides[g]
                    && !shown.contains(self.catalog.entries[g].guide.code.as_str())
            })
            .collect();
        let mut out = Vec::new();
        let first = ledger.first_unpublished();
        for date in first.iter_days().take(days as usize) {
            if waiting.is_empty() {
                break;
            }
            if let Subject::Country { guide, .. } = self.day(date, Audience::Public)?.subject
                && let Some(i) = waiting.iter().position(|&g| g == guide)
            {
                waiting.remove(i);
                out.push(Joining {
                    guide,
                    date: Some(date),
                });
            }
        }
        out.extend(
            waiting
                .into_iter()
                .map(|guide| Joining { guide, date: None }),
        );
        Ok(out)
    }

    /// Compares the plan now with the one remembered when the ledger was last written.
    pub fn moved(&self) -> Result<Option<Moved>, Error> {
        let ledger = self.ledger();
        let Some((from, codes)) = &ledger.planned else {
            return Ok(None);
        };
        let mut moved = Moved {
            days: 0,
            of: 0,
            first: None,
        };
        for (i, was) in codes.iter().enumerate() {
            let date = *from + chrono::Days::new(i as u64);
            if date < ledger.first_unpublished() {
                continue;
            }
            moved.of += 1;
            let now = self.code_on(date)?;
            if &now != was {
                moved.days += 1;
                moved.first.get_or_insert((date, was.clone(), now));
            }
        }
        Ok(Some(moved))
    }

    /// Pins that clash: two on one day, a yearly rule that never falls in the next ten years, a
    /// country pinned next to its own day; and (warnings) pins on days already published.
    pub fn contradictions(&self) -> Result<Vec<Contradiction>, Error> {
        let from = self.ledger().first_unpublished().max(self.schedule.start);
        let until = NaiveDate::from_ymd_opt(from.year() + YEARS_AHEAD, 12, 31).unwrap_or(from);
        let mut out = Vec::new();
        let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        for &(pin, when) in &self.pins {
            let n = pin + 1;
            match when {
                PinWhen::Date(d) => {
                    if d >= from {
                        by_date.entry(d).or_default().push(pin);
                    } else if d >= self.schedule.start && self.ledger().day(d).is_some() {
                        out.push(Contradiction {
                            pin,
                            key: "date",
                            message: format!(
                                "pin {n} falls on {d}, which is published: that day keeps what it showed"
                            ),
                            help: "a published day never changes; give the pin a later date".into(),
                            error: false,
                        });
                    }
                }
                PinWhen::Yearly(rule) => {
                    let dates: Vec<NaiveDate> = (from.year()..=until.year())
                        .filter_map(|y| rule.in_year(y))
                        .filter(|d| *d >= from)
                        .collect();
                    if dates.is_empty() {
                        out.push(Contradiction {
                            pin,
                            key: "rule",
                            message: format!(
                                "pin {n}: `{rule}` does not fall on any day from {from} to {until}"
                            ),
                            help: "such a day exists only in some years; check the rule, or give \
                                   the pin a `date`"
                                .into(),
                            error: true,
                        });
                    }
                    for d in dates {
                        by_date.entry(d).or_default().push(pin);
                    }
                }
            }
        }
        let mut reported = HashSet::new();
        for (date, pins) in &by_date {
            if pins.len() > 1 && reported.insert((pins[0], pins[1])) {
                out.push(Contradiction {
                    pin: pins[1],
                    key: if self.schedule.pins[pins[1]].rule.is_some() {
                        "rule"
                    } else {
                        "date"
                    },
                    message: format!(
                        "pins {} and {} both fall on {date}{}",
                        pins[0] + 1,
                        pins[1] + 1,
                        if self.schedule.pins[pins[1]].rule.is_some()
                            || self.schedule.pins[pins[0]].rule.is_some()
                        {
                            " (and maybe other years)"
                        } else {
                            ""
                        }
                    ),
                    help: "a day has one subject: move one of the pins".into(),
                    error: true,
                });
            }
        }
        // A country pinned the day before or after its own day, within the next year.
        let horizon = from + chrono::Days::new(366);
        for (date, pins) in by_date.range(from..horizon) {
            let Some(guide) = self.pin_guide(pins[0]) else {
                continue;
            };
            for (neighbour, word) in [(date.pred_opt(), "before"), (date.succ_opt(), "after")] {
                let Some(neighbour) = neighbour.filter(|d| *d >= self.schedule.start) else {
                    continue;
                };
                let plan = self.day(neighbour, Audience::Public)?;
                if let Subject::Country {
                    guide: g,
                    pinned: false,
                    of: 1,
                    ..
                } = plan.subject
                    && g == guide
                {
                    let name = &self.catalog.entries[guide].guide.name;
                    out.push(Contradiction {
                        pin: pins[0],
                        key: if self.schedule.pins[pins[0]].rule.is_some() {
                            "rule"
                        } else {
                            "date"
                        },
                        message: format!(
                            "pin {} gives {date} to {name}, whose own day is the day {word} ({neighbour})",
                            pins[0] + 1
                        ),
                        help: if plan.published {
                            format!("{neighbour} is published and keeps {name}: move the pin")
                        } else {
                            "no other country can take that day: move the pin".to_string()
                        },
                        error: true,
                    });
                }
            }
        }
        Ok(out)
    }
}
