//! `check`: every problem of a project in one run, and warnings about content going stale.

use std::path::Path;

use chrono::NaiveDate;

use crate::content::project::Project;
use crate::content::schedule::Format;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::publish::assemble::Assembler;
use crate::publish::render::Renderer;
use crate::rotation::Audience;

/// What `check` found, and what it looked at.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub guides: usize,
    pub templates: usize,
}

/// Checks the project at `config` as of `today` (for review dates).
pub fn check(config: &Path, today: Option<NaiveDate>) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let project = match Project::load(config) {
        Ok(p) => Some(p),
        Err(Error::Invalid(d)) => {
            outcome.diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    let templates_dir = match &project {
        Some(p) => p.path(&p.schedule.templates),
        None => config.parent().unwrap_or(Path::new("")).join("templates"),
    };
    outcome.templates = count_templates(&templates_dir);
    let renderer = match Renderer::new(Some(&templates_dir)) {
        Ok(r) => Some(r),
        Err(Error::Invalid(d)) => {
            outcome.diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    if let Some(project) = &project {
        outcome.guides = project.catalog.len();
        let today =
            today.unwrap_or_else(|| crate::content::calendar::today(&project.schedule.timezone));
        content_warnings(project, today, &mut outcome.diagnostics);
        if let Some(renderer) = &renderer {
            render_sample(project, renderer, &templates_dir, &mut outcome.diagnostics);
        }
    }
    outcome.diagnostics = std::mem::take(&mut outcome.diagnostics).sorted();
    Ok(outcome)
}

fn count_templates(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |r| {
        r.filter_map(Result::ok)
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "txt")
            })
            .count()
    })
}

/// Guides with too few points for a visit, and reviews more than a year old.
fn content_warnings(project: &Project, today: NaiveDate, out: &mut Diagnostics) {
    let per_day = project.schedule.points_per_day;
    for entry in &project.catalog.entries {
        let g = &entry.guide;
        let public = g.points.iter().filter(|p| !p.restricted).count();
        if public < per_day {
            out.push(
                entry
                    .file
                    .warning_at(None, "points", format!("{public} public points, fewer than a day shows ({per_day})"))
                    .help("add points, or lower points_per_day in schedule.toml; days will show fewer points"),
            );
        }
        if (today - g.reviewed).num_days() > 365 {
            out.push(
                entry
                    .file
                    .warning_at(
                        None,
                        "reviewed",
                        format!("last reviewed {}, over a year ago", g.reviewed),
                    )
                    .help(
                        "check the facts and links against current sources, then update `reviewed`",
                    ),
            );
        }
    }
}

/// Renders a day and a week in every format, the bulletin and a one-day site, so that a
/// template using an unknown variable is caught by `check` rather than by the first build.
fn render_sample(project: &Project, renderer: &Renderer, dir: &Path, out: &mut Diagnostics) {
    let schedule = &project.schedule;
    let assembler = Assembler::new(&project.catalog, schedule, Audience::Public);
    let date = schedule.start;
    let sample = assembler
        .day(date)
        .and_then(|day| Ok((day, assembler.week(date, schedule.output.paper)?)));
    let (day, week) = match sample {
        Ok(s) => s,
        Err(e) => {
            out.push(Diagnostic::error(
                &project.schedule_file.path,
                e.to_string(),
            ));
            return;
        }
    };
    let mut results = Vec::new();
    for format in [Format::Html, Format::Txt] {
        results.push(renderer.day(&day, format));
        results.push(renderer.week(&week, format));
    }
    results.push(renderer.week(&week, Format::Bulletin));
    // A one-day site renders every site template and the day's HTML fragment of the feed.
    let site = crate::publish::site::render(&assembler, renderer, date, date, date, week.paper);
    results.push(site.map(|_| String::new()));
    for result in results {
        match result {
            Err(Error::Invalid(d)) => out.extend(d),
            Err(e) => out.push(Diagnostic::error(dir, e.to_string())),
            Ok(_) => {}
        }
    }
}
