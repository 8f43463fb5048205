//! A small made-up project whose days, weeks and pages take every branch of the templates.
//!
//! `check` renders all of them with the project's templates, so that a mistake inside
//! `{% if theme %}` or `{% if audience == "private" %}` is reported by `check`, not by the build
//! of the pinned Sunday or the first private sheet. The samples are TOML, read the way a
//! project's files are, and assembled by the real assembler:
//!
//! - three guides: one with every optional part (facts, a composite story, praise, scripture, a
//!   restricted point), one with none, one with a single-account story;
//! - a theme pin with scripture and one without, and a pinned country day;
//! - visits of two days (`day 1 of 2`) besides the one-day pinned days;
//! - each public and private, each sheet on A4 and on Letter, with and without the church's notes
//!   and `base_url`, and the site with today at either end of its days.

use chrono::NaiveDate;

use crate::content::guide::{Catalog, Entry, GUIDE_FORMAT, Guide};
use crate::content::parse::parse;
use crate::content::schedule::{Format, Paper, Schedule};
use crate::content::source::SourceFile;
use crate::error::{Diagnostics, Error};
use crate::publish::assemble::Assembler;
use crate::publish::render::Renderer;
use crate::publish::site;
use crate::rotation::Audience;
use crate::rotation::ledger::Ledger;

const SCHEDULE: &str = r#"
title = "Sample prayer guide"
start = 2026-01-05
timezone = "UTC"
points_per_day = 2
days_per_country = 2

[[pin]]
date = 2026-01-07
title = "A day of prayer"
text = """
The first paragraph of the theme.

The second paragraph of the theme.
"""
points = ["Pray for all who suffer for their faith.", "Pray for our own church."]
scripture = "1 Corinthians 12:26"

[[pin]]
date = 2026-01-08
title = "A second theme"
text = "One paragraph."
points = ["Pray for the persecuted church."]

[[pin]]
date = 2026-01-09
country = "PL"

[output]
notes = """
Prayer meeting on Wednesdays.

All welcome.
"""
base_url = "https://example.org/prayer/"
"#;

const GUIDES: [(&str, &str); 3] = [
    (
        "samplestan.toml",
        r#"
name = "Samplestan"
code = "SA"
region = "Sample Region"
reviewed = 2026-01-01
summary = """
The church in Samplestan is small. Believers meet in homes.

A second paragraph about the believers.
"""
points = [
  "Pray for the church in Samplestan, point one.",
  "Pray for believers in Samplestan, point two.",
  { text = "Pray for a restricted matter of the church in Samplestan.", restricted = true },
  "Pray for Christian families in Samplestan, point four.",
]
praise = ["Give thanks for the church in Samplestan."]
scripture = "Hebrews 13:3"

[facts]
persecution = "extreme"
population = 12_345_678
christians = 185_000
christians_percent = 1.5
main_religion = "Islam"
pressure = ["Islamic oppression", "Clan oppression"]
as_of = 2025
watch_list = { name = "World Watch List", year = 2026, rank = 7, score = 88 }

[story]
pseudonym = "Miriam"
quote = "We keep meeting."
context = "A teacher who leads a house group."
composite = true

[[sources]]
title = "A sample source"
url = "https://example.org/samplestan"
accessed = 2026-01-01

[[sources]]
title = "A second source"
url = "https://example.org/samplestan-2"
"#,
    ),
    (
        "plainland.toml",
        r#"
name = "Plainland"
code = "PL"
region = "Other Region"
reviewed = 2026-01-01
summary = "The church in Plainland is under pressure."
points = ["Pray for the church in Plainland.", "Pray for believers in Plainland."]

[[sources]]
title = "A source"
url = "https://example.org/plainland"
"#,
    ),
    (
        "storyland.toml",
        r#"
name = "Storyland"
code = "ST"
region = "Sample Region"
reviewed = 2026-01-01
summary = "Christians in Storyland meet in secret."
points = ["Pray for the Christians of Storyland.", "Pray for church leaders in Storyland."]
praise = ["Give thanks for new believers in Storyland."]

[facts]
persecution = "high"
watch_list = { name = "World Watch List", year = 2026, outside_top = 50 }

[story]
pseudonym = "Daniel"
quote = "God is faithful."
context = "A pastor."

[[sources]]
title = "A source"
url = "https://example.org/storyland"
"#,
    ),
];

/// The sample library and its schedule, in two variants: with the church's notes, `base_url`
/// and visits of two days, and without them.
pub struct Samples {
    catalog: Catalog,
    schedules: [Schedule; 2],
}

impl Default for Samples {
    fn default() -> Self {
        Samples::new()
    }
}

impl Samples {
    pub fn new() -> Samples {
        let entries = GUIDES
            .iter()
            .map(|(name, text)| {
                let file = SourceFile {
                    path: format!("(sample) {name}").into(),
                    text: text.to_string(),
                };
                let guide = parse::<Guide>(&file, &GUIDE_FORMAT)
                    .value
                    .expect("the sample guides are valid");
                Entry { guide, file }
            })
            .collect();
        let file = SourceFile {
            path: "(sample) schedule.toml".into(),
            text: SCHEDULE.to_string(),
        };
        let full = Schedule::parse(&file, &mut Diagnostics::default())
            .expect("the sample schedule is valid");
        let mut bare = full.clone();
        bare.output.notes = None;
        bare.output.base_url = None;
        bare.days_per_country = 1;
        Samples {
            catalog: Catalog {
                entries,
                ..Catalog::default()
            },
            schedules: [full, bare],
        }
    }

    /// Renders every sample day, week, bulletin and site page with `renderer`; every failure.
    pub fn render_all(&self, renderer: &Renderer) -> Vec<Error> {
        let mut errors = Vec::new();
        let mut keep = |result: Result<(), Error>| {
            if let Err(e) = result {
                errors.push(e);
            }
        };
        for schedule in &self.schedules {
            let start = schedule.start;
            // Two weeks: every kind of day is in the first; the second ends the rotation's
            // cycle, so the site's pages have days before and after.
            let days: Vec<NaiveDate> = start.iter_days().take(14).collect();
            let ledger = Ledger::new(start);
            for audience in [Audience::Public, Audience::Private] {
                let assembler = Assembler::new(&self.catalog, schedule, &ledger, audience);
                for &date in &days {
                    keep(assembler.day(date).and_then(|day| {
                        renderer.day_in(&day, &[Format::Html, Format::Txt, Format::Json])?;
                        Ok(())
                    }));
                }
                for paper in [Paper::A4, Paper::Letter] {
                    for &first in [days[0], days[7]].iter() {
                        keep(assembler.week(first, paper).and_then(|week| {
                            let formats = [Format::Html, Format::Txt, Format::Bulletin];
                            renderer.week_in(&week, &formats)?;
                            Ok(())
                        }));
                    }
                }
                // The site from a Tuesday to the Tuesday after: weeks that begin before it and
                // end after it, and countries with days both before and after today.
                let (from, to) = (days[1], days[8]);
                for today in [from, to] {
                    keep(
                        site::render(&assembler, renderer, from, to, today, Paper::A4).map(|_| ()),
                    );
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_render_every_sample() {
        let renderer = Renderer::new(None).unwrap();
        let errors = Samples::new().render_all(&renderer);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn the_samples_hold_every_kind_of_day() {
        let samples = Samples::new();
        let ledger = Ledger::new(samples.schedules[0].start);
        let assembler = Assembler::new(
            &samples.catalog,
            &samples.schedules[0],
            &ledger,
            Audience::Private,
        );
        let days: Vec<_> = samples.schedules[0]
            .start
            .iter_days()
            .take(7)
            .map(|d| assembler.day(d).unwrap())
            .collect();
        let has = |f: &dyn Fn(&crate::publish::assemble::DayGuide) -> bool| days.iter().any(f);
        assert!(has(&|d| d.theme.is_some() && d.scripture.is_some()));
        assert!(has(&|d| d.theme.is_some() && d.scripture.is_none()));
        assert!(has(&|d| d.pinned));
        assert!(has(&|d| d.days > 1));
        let country = |d: &crate::publish::assemble::DayGuide| d.country.clone();
        assert!(has(&|d| country(d).is_some_and(|c| c
            .story
            .is_some_and(|s| s.composite)
            && !c.facts.is_empty()
            && !c.praise.is_empty())));
        assert!(has(&|d| country(d).is_some_and(|c| c.story.is_none()
            && c.facts.is_empty()
            && c.praise.is_empty())
            && d.scripture.is_none()));
        assert!(
            has(&|d| d.points.iter().any(|p| p.contains("restricted"))),
            "a private day shows a restricted point"
        );
    }
}
