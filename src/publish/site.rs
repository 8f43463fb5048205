//! The static site of `build --site`: a front page with today and this week, a page per day,
//! per week and per country, the printable sheets and bulletins, the calendar, the feed and the
//! JSON. Every link is relative, so the folder works at any address and straight from disk.
//!
//! ```text
//! index.html                     today and this week; countries, weeks, subscriptions
//! days/2026-11-25.html  .json    a day, with links to the day before and after
//! weeks/2026-11-23.html .json    a week, with its printable sheet and bulletin insert
//! print/2026-11-23.html          the one-page sheet; print/2026-11-23.bulletin.html the insert
//! countries/ng.html              a country and its days in the range
//! calendar.ics  feed.xml  today.json  this-week.json
//! today.html  app.js             the reader's today by their clock; the pages' script
//! manifest.webmanifest  sw.js  icons/   the installable offline app (public sites only)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::schedule::{Format, Paper};
use crate::error::Error;
use crate::publish::app::{self, AppSite, AppView};
use crate::publish::assemble::{Assembler, CountryView, DayGuide, WeekGuide};
use crate::publish::ics;
use crate::publish::output::{
    self, Document, Guides, THIS_WEEK_JSON, TODAY_JSON, feed_days, render_parallel,
};
use crate::publish::render::{Renderer, context_json};
use crate::rotation::Audience;

/// The site's layout, which the page templates extend.
pub const LAYOUT: &str = "site.html";
/// The page templates.
pub const INDEX: &str = "site-index.html";
pub const DAY: &str = "site-day.html";
pub const WEEK: &str = "site-week.html";
pub const COUNTRY: &str = "site-country.html";
pub const TODAY: &str = "site-today.html";

/// What every page knows about the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub audience: Audience,
    /// `1 January – 31 December 2027`: the days the site covers.
    pub range: String,
    /// The same days after a word: `du 1er janvier au 31 décembre 2027`.
    pub span: String,
    /// Where the site is served from, ending with `/` (`[output] base_url`), if known.
    pub base_url: Option<String>,
    /// The calendar's address for calendar apps (`webcal://…`), when `base_url` is known.
    pub webcal: Option<String>,
    /// The days a "Today" button opens, and whether the site installs as an app.
    pub app: AppView,
    /// Whether the site has `alerts.html` (an alert was issued by its today): the menu links it.
    pub alerts: bool,
}

/// A day in a list: the front page's week, a week page, a country page.
#[derive(Debug, Clone, Serialize)]
pub struct DayLink {
    pub date: String,
    pub date_long: String,
    pub weekday: String,
    /// The feast the day keeps, if any (`Good Friday`): see [`DayGuide::feast`].
    pub feast: Option<String>,
    pub heading: String,
    /// The first sentence of the country's summary, or the theme's first paragraph.
    pub lead: String,
    /// The day's page from the site's root, when the site has one.
    pub href: Option<String>,
}

/// A country in the front page's list.
#[derive(Debug, Clone, Serialize)]
pub struct CountryLink {
    pub name: String,
    pub href: String,
    /// The next day it comes round from today, else its last day in the range.
    pub next: String,
}

/// A week in the front page's list.
#[derive(Debug, Clone, Serialize)]
pub struct WeekLink {
    pub range: String,
    pub href: String,
    pub current: bool,
}

/// `index.html`: today's guide (its fields at the top level, as `day-content.html` expects them),
/// this week, and the way to everything else.
#[derive(Debug, Serialize)]
struct IndexPage<'a> {
    #[serde(flatten)]
    today: &'a DayGuide,
    site: &'a SiteView,
    root: &'static str,
    today_href: String,
    week: WeekSummary<'a>,
    countries: Vec<CountryLink>,
    weeks: Vec<WeekLink>,
}

/// A week as pages show it: its range, link, sheets and days.
#[derive(Debug, Clone, Serialize)]
struct WeekSummary<'a> {
    start: &'a str,
    range: &'a str,
    span: &'a str,
    href: String,
    sheet: String,
    bulletin: String,
    days: Vec<DayLink>,
}

/// `days/DATE.html`: the day's fields at the top level, and where to go next.
#[derive(Debug, Serialize)]
struct DayPage<'a> {
    #[serde(flatten)]
    day: &'a DayGuide,
    site: &'a SiteView,
    root: &'static str,
    prev: Option<String>,
    next: Option<String>,
    week_href: String,
    week_range: String,
    week_span: String,
    country_href: Option<String>,
}

/// `weeks/DATE.html`.
#[derive(Debug, Serialize)]
struct WeekPage<'a> {
    lang: &'a str,
    dir: &'static str,
    site: &'a SiteView,
    root: &'static str,
    week: WeekSummary<'a>,
    notes: &'a [String],
    prev: Option<String>,
    next: Option<String>,
}

/// `countries/CODE.html`.
#[derive(Debug, Serialize)]
struct CountryPage<'a> {
    lang: &'a str,
    dir: &'static str,
    site: &'a SiteView,
    root: &'static str,
    country: &'a CountryView,
    upcoming: Vec<DayLink>,
    earlier: Vec<DayLink>,
}

/// `today.html`: where the app opens; its script goes on to the reader's own today.
#[derive(Debug, Serialize)]
struct TodayPage<'a> {
    lang: &'a str,
    dir: &'static str,
    site: &'a SiteView,
    root: &'static str,
    /// `today`: the layout marks the page for the script.
    page: &'static str,
}

/// One unit of rendering work.
enum Job<'a> {
    Today(TodayPage<'a>),
    Index(Box<IndexPage<'a>>),
    Day(DayPage<'a>),
    Week(WeekPage<'a>, &'a WeekGuide),
    Country(CountryPage<'a>),
}

/// Renders the site for the days `from` to `to`, with `today` (within them) on the front page.
pub fn render(
    assembler: &Assembler,
    renderer: &Renderer,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    paper: Paper,
) -> Result<Vec<Document>, Error> {
    if today < from || today > to {
        return Err(Error::Usage(format!(
            "the site's today, {today}, is outside its days {from} to {to}"
        )));
    }
    let schedule = assembler.schedule;
    let dates: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let mut guides = Guides::new(assembler);
    guides.fill(dates.iter().copied())?;
    let in_weeks = assembler
        .weeks
        .start(from)
        .iter_days()
        .take_while(|d| *d <= assembler.weeks.end(to))
        .filter(|d| *d >= schedule.start);
    guides.fill(in_weeks)?;
    let mut weeks: Vec<WeekGuide> = Vec::new();
    let mut first = assembler.weeks.start(from);
    while first <= to {
        weeks.push(assembler.week_with(first, paper, &mut |d| guides.get(d).cloned())?);
        let last = assembler.weeks.end(first);
        first = last.succ_opt().unwrap_or(last);
    }
    let feed_dates = feed_days(today, schedule.output.feed_days, schedule.start);
    let feed = output::atom_feed(assembler, renderer, &mut guides, &feed_dates)?;

    let base_url = schedule.output.base_url.clone();
    let site = SiteView {
        // The site is named as its today was published.
        title: guides.get(today)?.title.clone(),
        audience: assembler.audience,
        range: assembler.locale.date_range(from, to),
        span: assembler.locale.date_span(from, to),
        app: AppView {
            from: from.to_string(),
            to: to.to_string(),
            installable: assembler.audience == Audience::Public,
            theme_color: app::theme_color(),
        },
        webcal: base_url.as_deref().map(|b| {
            let host_and_path = b.split_once("://").map_or(b, |(_, rest)| rest);
            format!("webcal://{host_and_path}{}", ics::FILE)
        }),
        base_url,
        alerts: !assembler
            .alert_views(chrono::NaiveDate::MIN, today)
            .is_empty(),
    };
    let in_range = |d: NaiveDate| d >= from && d <= to;
    let day_href = |d: NaiveDate| in_range(d).then(|| format!("days/{d}.html"));
    let day = |d: NaiveDate| {
        guides
            .known(d)
            .expect("every day of the range is assembled")
    };
    let link = |g: &DayGuide| -> DayLink {
        let date = NaiveDate::parse_from_str(&g.date, "%Y-%m-%d").expect("dates are ISO");
        DayLink {
            date: g.date.clone(),
            date_long: g.date_long.clone(),
            weekday: g.weekday.clone(),
            feast: g.feast.clone(),
            heading: g.heading.clone(),
            lead: match (&g.country, &g.theme) {
                (Some(c), _) => c.lead.clone(),
                (None, Some(t)) => t.text.first().cloned().unwrap_or_default(),
                _ => String::new(),
            },
            href: day_href(date),
        }
    };
    let week_summary = |w| summary(w, &link);

    // Each country's days in the range, by name.
    let mut by_country: BTreeMap<String, (&CountryView, Vec<NaiveDate>)> = BTreeMap::new();
    for &d in &dates {
        if let Some(c) = &day(d).country {
            by_country
                .entry(c.name.clone())
                .or_insert((c, Vec::new()))
                .1
                .push(d);
        }
    }
    let country_href = |c: &CountryView| format!("countries/{}.html", c.code.to_lowercase());

    let mut jobs: Vec<Job> = Vec::new();
    let this_week = assembler.weeks.start(today);
    let current = weeks
        .iter()
        .find(|w| w.start == this_week.to_string())
        .expect("today is in the range, so its week is built");
    jobs.push(Job::Index(Box::new(IndexPage {
        today: day(today),
        site: &site,
        root: "",
        today_href: format!("days/{today}.html"),
        week: week_summary(current),
        countries: by_country
            .values()
            .map(|(c, days)| {
                let next = days.iter().find(|d| **d >= today).or(days.last());
                CountryLink {
                    name: c.name.clone(),
                    href: country_href(c),
                    next: next.map(|d| day(*d).date_long.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        weeks: weeks
            .iter()
            .map(|w| WeekLink {
                range: w.range.clone(),
                href: format!("weeks/{}.html", w.start),
                current: w.start == current.start,
            })
            .collect(),
    })));
    jobs.push(Job::Today(TodayPage {
        lang: assembler.locale.written_in().as_str(),
        dir: assembler.locale.direction(),
        site: &site,
        root: "",
        page: "today",
    }));
    for (i, &d) in dates.iter().enumerate() {
        let g = day(d);
        let week = assembler.weeks.start(d);
        jobs.push(Job::Day(DayPage {
            day: g,
            site: &site,
            root: "../",
            prev: i.checked_sub(1).map(|p| dates[p].to_string()),
            next: dates.get(i + 1).map(|n| n.to_string()),
            week_href: format!("weeks/{week}.html"),
            week_range: assembler
                .locale
                .date_range(week, week + chrono::Days::new(6)),
            week_span: assembler
                .locale
                .date_span(week, week + chrono::Days::new(6)),
            country_href: g.country.as_ref().map(country_href),
        }));
    }
    for (i, w) in weeks.iter().enumerate() {
        jobs.push(Job::Week(
            WeekPage {
                lang: assembler.locale.written_in().as_str(),
                dir: assembler.locale.direction(),
                site: &site,
                root: "../",
                week: week_summary(w),
                notes: &w.notes,
                prev: i.checked_sub(1).map(|p| weeks[p].start.clone()),
                next: weeks.get(i + 1).map(|n| n.start.clone()),
            },
            w,
        ));
    }
    for (c, days) in by_country.values() {
        let (upcoming, earlier): (Vec<NaiveDate>, Vec<NaiveDate>) =
            days.iter().partition(|d| **d >= today);
        jobs.push(Job::Country(CountryPage {
            lang: assembler.locale.written_in().as_str(),
            dir: assembler.locale.direction(),
            site: &site,
            root: "../",
            country: c,
            upcoming: upcoming.iter().map(|d| link(day(*d))).collect(),
            earlier: earlier.iter().rev().map(|d| link(day(*d))).collect(),
        }));
    }

    let mut docs = render_parallel(&jobs, |part| render_jobs(part, renderer))?;
    let range_days: Vec<DayGuide> = dates.iter().map(|d| day(*d).clone()).collect();
    docs.push(Document {
        path: ics::FILE.into(),
        text: ics::calendar(
            &site.title,
            site.base_url.as_deref(),
            &range_days,
            assembler,
        ),
        bytes: None,
    });
    docs.push(Document {
        path: crate::publish::feed::FILE.into(),
        text: feed,
        bytes: None,
    });
    docs.push(Document {
        path: TODAY_JSON.into(),
        text: context_json(day(today)) + "\n",
        bytes: None,
    });
    docs.push(Document {
        path: THIS_WEEK_JSON.into(),
        text: context_json(current) + "\n",
        bytes: None,
    });
    docs.extend(crate::publish::alerts_page::render(
        assembler, renderer, &site, today,
    )?);
    docs.push(app::script());
    // A private site's restricted points stay out of a browser's long-lived storage: no
    // worker to keep them, nothing to install.
    if site.app.installable {
        let made = app::documents(
            &AppSite {
                title: &site.title,
                short_name: schedule.output.short_name.as_deref(),
                lang: assembler.locale.written_in().as_str(),
                dir: assembler.locale.direction(),
                from: &site.app.from,
                to: &site.app.to,
                weeks: weeks.iter().map(|w| w.start.clone()).collect(),
            },
            &docs,
        )?;
        docs.extend(made);
    }
    Ok(docs)
}

fn summary<'w>(w: &'w WeekGuide, link: &dyn Fn(&DayGuide) -> DayLink) -> WeekSummary<'w> {
    WeekSummary {
        start: &w.start,
        range: &w.range,
        span: &w.span,
        href: format!("weeks/{}.html", w.start),
        sheet: format!("print/{}.html", w.start),
        bulletin: format!("print/{}.bulletin.html", w.start),
        days: w.days.iter().map(link).collect(),
    }
}

fn render_jobs(jobs: &[Job], renderer: &Renderer) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::new();
    let mut push = |path: PathBuf, text: String| docs.push(Document::text(path, text));
    for job in jobs {
        match job {
            Job::Today(page) => push(app::TODAY.into(), renderer.page(TODAY, page)?),
            Job::Index(page) => push("index.html".into(), renderer.page(INDEX, page)?),
            Job::Day(page) => {
                let folder = Path::new("days");
                push(
                    folder.join(format!("{}.html", page.day.date)),
                    renderer.page(DAY, page)?,
                );
                push(
                    folder.join(format!("{}.json", page.day.date)),
                    context_json(page.day) + "\n",
                );
            }
            Job::Week(page, week) => {
                let start = &week.start;
                push(
                    Path::new("weeks").join(format!("{start}.html")),
                    renderer.page(WEEK, page)?,
                );
                push(
                    Path::new("weeks").join(format!("{start}.json")),
                    context_json(week) + "\n",
                );
                let mut sheets = renderer.week_in(week, &[Format::Html, Format::Bulletin])?;
                let bulletin = sheets.pop().expect("two formats, two texts");
                let sheet = sheets.pop().expect("two formats, two texts");
                push(Path::new("print").join(format!("{start}.html")), sheet);
                push(
                    Path::new("print").join(format!("{start}.bulletin.html")),
                    bulletin,
                );
            }
            Job::Country(page) => push(
                Path::new("countries").join(format!("{}.html", page.country.code.to_lowercase())),
                renderer.page(COUNTRY, page)?,
            ),
        }
    }
    Ok(docs)
}
