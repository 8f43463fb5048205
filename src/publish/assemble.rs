//! The guide for a day or a week, assembled from the rotation's plan as a serializable view
//! model: what templates see, and what `--context` and the JSON format print.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::calendar::Weeks;
use crate::content::church_year::ChurchYear;
use crate::content::guide::{
    Catalog, Guide, Persecution, Source, WatchList, mentions_church, paragraphs,
};
use crate::content::locale::{Language, Locale};
use crate::content::multilingual::in_language;
use crate::content::schedule::{Paper, Schedule};
use crate::content::translation::{self, Translations};
use crate::error::Error;
use crate::publish::fit::{self, PrintDay, PrintFit, PrintWeek};
use crate::publish::labels::FrozenLabels;
use crate::rotation::frozen::{self, GuideShown, ScheduleShown, ThemeShown, ThemeWordsShown};
use crate::rotation::ledger::{Ledger, PointId};
use crate::rotation::{Audience, Rotation, Subject};

/// Bumped when a field is removed or changes meaning; JSON consumers can check it.
pub const SCHEMA_VERSION: u32 = 1;

/// One day's guide.
#[derive(Debug, Clone, Serialize)]
pub struct DayGuide {
    pub schema: u32,
    /// The language of the labels and dates, a BCP 47 tag (`en`, `es`, `ar`).
    pub lang: String,
    /// `ltr`, or `rtl` for a language written right to left: HTML's `dir`.
    pub dir: &'static str,
    pub title: String,
    /// `2026-11-25`
    pub date: String,
    /// `Wednesday 25 November 2026`
    pub date_long: String,
    pub weekday: String,
    /// The Sunday's name in the church year (`Advent 1`), on Sundays when `church_year` is on.
    pub sunday: Option<String>,
    /// The feast a weekday keeps (`Good Friday`, `Ascension Day`), when `church_year` is on.
    pub feast: Option<String>,
    pub audience: Audience,
    /// `country` or `theme`.
    pub kind: &'static str,
    /// The day's heading: the country's name, or the theme's title.
    pub heading: String,
    pub country: Option<CountryView>,
    pub theme: Option<ThemeView>,
    /// The day's prayer points.
    pub points: Vec<String>,
    /// The points about the persecuted church, as indexes into `points` (from 0): those that
    /// name the Christians, their churches or their leaders, by the words `check` uses, judged
    /// on the guide's own text so that a translation shows the same ones.
    pub church_points: Vec<usize>,
    /// The point a one-line listing shows (the bulletin, the month calendar), as an index into
    /// `points`: the first about the church, or the first when none is.
    pub church_point: usize,
    /// For multi-day visits: this is day `day` of `days`.
    pub day: usize,
    pub days: usize,
    /// Set when a pin gave this day to the country.
    pub pinned: bool,
    pub scripture: Option<String>,
    /// The texts shown in another language than the page's (a translation's gap, shown as
    /// written): HTML marks each with its `lang` and `dir`.
    pub lang_of: LangOf,
    /// The title in the schedule's own language, which calendar and feed ids derive from
    /// whatever language the day is shown in.
    #[serde(skip)]
    pub id_title: String,
    /// Urgent alerts showing on this day (`alerts/`), outside the rotation; left out of the
    /// JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<AlertView>,
}

/// A text's language and direction, where it is not the page's: `lang="en" dir="ltr"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLang {
    pub lang: String,
    pub dir: &'static str,
}

impl TextLang {
    /// `language`'s mark on a page written in `page`; `None` when it is the page's language.
    pub fn on_page(language: &Language, page: &Language) -> Option<TextLang> {
        (language.primary() != page.primary()).then(|| TextLang {
            lang: language.to_string(),
            dir: language.direction(),
        })
    }
}

/// Which of a day's texts are in another language than the page's, each `null` when it is in
/// the page's; lists follow `points`, `country.praise` and `country.facts`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LangOf {
    pub title: Option<TextLang>,
    /// The heading: the country's name or the theme's title.
    pub heading: Option<TextLang>,
    /// The summary (and its lead sentence), or the theme's text.
    pub text: Option<TextLang>,
    /// The story's quote and context.
    pub story: Option<TextLang>,
    pub points: Vec<Option<TextLang>>,
    pub praise: Vec<Option<TextLang>>,
    pub facts: Vec<Option<TextLang>>,
    pub scripture: Option<TextLang>,
}

/// An urgent alert as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertView {
    /// Its file's name without `.toml`, for links: `2026-12-07-ng`.
    pub id: String,
    /// `2026-12-07`
    pub date: String,
    /// `Monday 7 December 2026`
    pub date_long: String,
    pub until: String,
    /// The country's name, if it is about one.
    pub country: Option<String>,
    pub title: String,
    pub text: Vec<String>,
}

/// A country as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct CountryView {
    pub name: String,
    pub code: String,
    pub region: String,
    /// The summary, one string per paragraph.
    pub summary: Vec<String>,
    /// The summary's first sentence, for one-line listings such as the weekly sheet.
    pub lead: String,
    pub facts: Vec<Fact>,
    /// The facts the weekly sheet has room for, `label: value` joined by ` · `: the watch list
    /// place and the Christians. Empty without them.
    pub facts_brief: String,
    pub story: Option<StoryView>,
    pub praise: Vec<String>,
    pub sources: Vec<Source>,
    /// `2026-11-20`
    pub reviewed: String,
}

/// One line of facts: `Population` · `227.9 million (2025)`.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    /// Which of the guide's words the value is, when it is words rather than figures.
    #[serde(skip)]
    pub from: Option<FactFrom>,
}

/// The facts whose value is the guide's words, which a translation gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactFrom {
    MainReligion,
    Pressure,
}

/// What a guide shown in another language leaves in the guides' own.
#[derive(Debug, Clone, PartialEq)]
enum Untranslated {
    /// Shown in its own language: nothing is left over.
    Nothing,
    /// No translation: everything.
    All,
    /// These fields, by `translation::missing_fields`'s names (`points[2]`).
    Fields(Vec<String>),
}

impl Untranslated {
    /// Whether `field` is left untranslated; `points` or `pressure` ask for any of them.
    fn has(&self, field: &str) -> bool {
        match self {
            Untranslated::Nothing => false,
            Untranslated::All => true,
            Untranslated::Fields(fields) => fields
                .iter()
                .any(|f| f == field || f.strip_prefix(field).is_some_and(|r| r.starts_with('['))),
        }
    }
}

/// The fields a published translation showed as the guide wrote them, by comparing its
/// snapshot with the guide's: the names `translation::missing_fields` gives.
fn shown_as_written(base: &GuideShown, t: &GuideShown) -> Vec<String> {
    let mut same = Vec::new();
    let mut compare = |name: String, own: Option<&String>, shown: Option<&String>| {
        if own.is_some() && own == shown {
            same.push(name);
        }
    };
    compare("name".into(), Some(&base.name), Some(&t.name));
    compare("summary".into(), Some(&base.summary), Some(&t.summary));
    compare(
        "scripture".into(),
        base.scripture.as_ref(),
        t.scripture.as_ref(),
    );
    for (i, own) in base.praise.iter().enumerate() {
        compare(format!("praise[{}]", i + 1), Some(own), t.praise.get(i));
    }
    if let (Some(own), Some(shown)) = (&base.story, &t.story) {
        compare("story.quote".into(), Some(&own.quote), Some(&shown.quote));
        compare(
            "story.context".into(),
            Some(&own.context),
            Some(&shown.context),
        );
    }
    if let (Some(own), Some(shown)) = (&base.facts, &t.facts) {
        compare(
            "main_religion".into(),
            own.main_religion.as_ref(),
            shown.main_religion.as_ref(),
        );
        for (i, p) in own.pressure.iter().enumerate() {
            compare(
                format!("pressure[{}]", i + 1),
                Some(p),
                shown.pressure.get(i),
            );
        }
    }
    same
}

/// A testimony, with the wording that marks the name as a pseudonym.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    pub pseudonym: String,
    pub quote: String,
    pub context: String,
    pub composite: bool,
    /// `Esther is a pseudonym.` / `… a composite of several accounts.`
    pub note: String,
}

/// A pinned theme.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub title: String,
    pub text: Vec<String>,
}

/// The seven days of one week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekGuide {
    pub schema: u32,
    pub lang: String,
    pub dir: &'static str,
    pub title: String,
    /// The title's language where it is not the page's (see [`LangOf`]).
    pub title_lang: Option<TextLang>,
    /// The title in the schedule's own language, for ids.
    #[serde(skip)]
    pub id_title: String,
    /// The first and last day, `2026-11-23` and `2026-11-29`.
    pub start: String,
    pub end: String,
    /// `23–29 November 2026`
    pub range: String,
    /// The same days after a word: `23–29 November 2026`, `del 23 al 29 de noviembre de 2026`
    /// (`t(key="week-of", range=range, span=span)`).
    pub span: String,
    /// The name of the week's Sunday in the church year (`Lent 2`), when `church_year` is on.
    pub sunday: Option<String>,
    pub audience: Audience,
    pub paper: Paper,
    pub days: Vec<DayGuide>,
    /// The church's own notes from schedule.toml, one string per paragraph (often none).
    pub notes: Vec<String>,
    /// Where the published files are served from (`[output] base_url`), ending with `/`.
    pub base_url: Option<String>,
    /// The type sizes that fit the week on one printed page.
    pub print: PrintFit,
    /// Urgent alerts showing on any of its days; left out of the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<AlertView>,
}

/// Assembles guides from a rotation.
pub struct Assembler<'a> {
    pub catalog: &'a Catalog,
    pub schedule: &'a Schedule,
    pub rotation: Rotation<'a>,
    pub audience: Audience,
    /// The language the guides are written in: labels, dates, numbers.
    pub locale: Arc<Locale>,
    /// Translations of the guides, used when `locale` is not the guides' own language.
    pub translations: Option<&'a Translations>,
    /// The labels published days were published with, when the project's own label files
    /// are taken into account (`None`: `locale` for every day).
    pub labels: Option<Arc<FrozenLabels>>,
    /// Which days make a week: published days keep the weeks they were published in.
    pub weeks: Weeks,
    /// Urgent alerts, shown on the days they cover (none unless [`Assembler::with_alerts`]).
    pub alerts: Arc<[crate::content::alerts::Alert]>,
}

impl<'a> Assembler<'a> {
    /// Days come from `ledger` where it has them, and from the rotation continuing it after.
    pub fn new(
        catalog: &'a Catalog,
        schedule: &'a Schedule,
        ledger: &'a Ledger,
        audience: Audience,
    ) -> Self {
        Assembler {
            catalog,
            schedule,
            weeks: frozen::weeks(ledger, schedule),
            rotation: Rotation::new(catalog, schedule, ledger),
            audience,
            locale: Locale::english(),
            translations: None,
            labels: None,
            alerts: Arc::new([]),
        }
    }

    /// Shows `alerts` on the day pages and weeks they cover.
    pub fn with_alerts(mut self, alerts: Vec<crate::content::alerts::Alert>) -> Self {
        self.alerts = alerts.into();
        self
    }

    /// The alerts showing on any day from `first` to `last`, as templates see them.
    pub fn alert_views(&self, first: NaiveDate, last: NaiveDate) -> Vec<AlertView> {
        self.alerts
            .iter()
            .filter(|a| a.date <= last && first <= a.until)
            .map(|a| AlertView {
                id: a.id.clone(),
                date: a.date.to_string(),
                date_long: self.locale.long_date(a.date),
                until: a.until.to_string(),
                // The name in the page's language, from the guide's translation where it has one.
                country: a.country.as_ref().and_then(|code| {
                    self.catalog
                        .entries
                        .iter()
                        .position(|e| e.guide.code == *code)
                        .map(|i| self.guide(i).0.name.clone())
                }),
                title: a.title.clone(),
                text: a.text.clone(),
            })
            .collect()
    }

    /// Published days in the labels they were published with (see [`FrozenLabels`]).
    pub fn with_frozen_labels(mut self, labels: Arc<FrozenLabels>) -> Self {
        self.locale = labels.current().clone();
        self.labels = Some(labels);
        self
    }

    /// The time zone of `date`'s timestamps (the feed's): as published, or the schedule's.
    pub fn timezone_on(&self, date: NaiveDate) -> chrono_tz::Tz {
        let published = self.rotation.ledger().day(date).is_some();
        published
            .then(|| self.schedule_shown(date))
            .flatten()
            .and_then(|s| s.timezone.parse().ok())
            .unwrap_or(self.schedule.timezone)
    }

    /// The first day not yet published: days from it on are announced, and may change.
    pub fn first_unpublished(&self) -> NaiveDate {
        self.rotation.ledger().first_unpublished()
    }

    /// The labels `date` is shown in: as published, or the locale's.
    pub fn locale_on(&self, date: NaiveDate) -> Arc<Locale> {
        match &self.labels {
            Some(labels) => labels.on(date).clone(),
            None => self.locale.clone(),
        }
    }

    /// The same guides in another language: labels and dates from `locale`, and the guides'
    /// text from `translations` where they have it (the rest as written).
    pub fn with_locale(mut self, locale: Arc<Locale>, translations: &'a Translations) -> Self {
        self.locale = locale;
        self.translations = Some(translations);
        self
    }

    /// Guide `index` in the output language: translated where a translation has the field;
    /// and what it leaves in the guides' language.
    fn guide(&self, index: usize) -> (std::borrow::Cow<'a, Guide>, Untranslated) {
        let g = &self.catalog.entries[index].guide;
        let language = &self.locale.language;
        match self.translations {
            Some(t) if *language != self.schedule.guides_language => match t.get(language, index) {
                Some(file) => (
                    std::borrow::Cow::Owned(translation::apply(g, &file.translation)),
                    Untranslated::Fields(translation::missing_fields(&file.translation, g)),
                ),
                None => (std::borrow::Cow::Borrowed(g), Untranslated::All),
            },
            _ => (std::borrow::Cow::Borrowed(g), Untranslated::Nothing),
        }
    }

    /// What schedule.toml gave `date` if it is published and the ledger froze it.
    fn schedule_shown(&self, date: NaiveDate) -> Option<ScheduleShown> {
        let json = self.rotation.ledger().shown(frozen::SCHEDULE, date)??;
        serde_json::from_str(json).ok()
    }

    /// The church year of `date`: as published, or as the schedule has it now.
    fn church_year_on(&self, date: NaiveDate) -> ChurchYear {
        self.schedule_shown(date)
            .map_or(self.schedule.church_year, |s| s.church_year)
    }

    /// The title of `date` (as published, or as the schedule has it now): in the output
    /// language where the schedule gives it, else in the schedule's own; and the title in the
    /// schedule's own language, for ids.
    fn title_on(&self, date: NaiveDate, published: bool) -> (String, Option<TextLang>, String) {
        let (own, titles): (String, BTreeMap<Language, String>) =
            match published.then(|| self.schedule_shown(date)).flatten() {
                Some(s) => (
                    s.title,
                    s.titles
                        .into_iter()
                        .filter_map(|(l, t)| Some((Language::parse(&l).ok()?, t)))
                        .collect(),
                ),
                None => (
                    self.schedule.title.own.clone(),
                    self.schedule.title.translations.clone(),
                ),
            };
        let page = self.locale.written_in();
        match in_language(&titles, &self.locale.language) {
            Some(t) => (t.clone(), None, own),
            None => (
                own.clone(),
                TextLang::on_page(&self.schedule.language, page),
                own,
            ),
        }
    }

    /// A theme's words in the output language, when it is not the schedule's: as published,
    /// or as the pin has them now.
    fn theme_words(
        &self,
        pin: Option<&crate::content::schedule::Pin>,
        shown: Option<&ThemeShown>,
    ) -> Option<ThemeWordsShown> {
        let language = &self.locale.language;
        if language.primary() == self.schedule.language.primary() {
            return None;
        }
        match shown {
            Some(shown) => {
                let by_language: BTreeMap<Language, &ThemeWordsShown> = shown
                    .languages
                    .iter()
                    .filter_map(|(l, w)| Some((Language::parse(l).ok()?, w)))
                    .collect();
                in_language(&by_language, language).map(|w| (*w).clone())
            }
            None => {
                let pin = pin?;
                in_language(&pin.languages, language).map(|w| ThemeWordsShown::of(pin, w))
            }
        }
    }

    /// A published day's guide `guide` as it showed it, in the output language, with its
    /// translated points by id: `None` when the ledger did not freeze it (then the guide as it
    /// is now is shown).
    fn guide_shown(
        &self,
        guide: usize,
        date: NaiveDate,
    ) -> Option<(Guide, BTreeMap<String, String>, Untranslated)> {
        let ledger = self.rotation.ledger();
        let code = &self.catalog.entries[guide].guide.code;
        let base: GuideShown = serde_json::from_str(ledger.shown(code, date)??).ok()?;
        let language = &self.locale.language;
        if self.translations.is_some() && *language != self.schedule.guides_language {
            let key = frozen::translation_key(code, language.as_str());
            if let Some(Some(json)) = ledger.shown(&key, date)
                && let Ok(t) = serde_json::from_str::<GuideShown>(json)
            {
                let missing = Untranslated::Fields(shown_as_written(&base, &t));
                return Some((t.to_guide(code), t.points, missing));
            }
            return Some((base.to_guide(code), BTreeMap::new(), Untranslated::All));
        }
        Some((base.to_guide(code), BTreeMap::new(), Untranslated::Nothing))
    }

    /// The guide for `date`.
    pub fn day(&self, date: NaiveDate) -> Result<DayGuide, Error> {
        let plan = self.rotation.day(date, self.audience)?;
        let church_year = if plan.published {
            self.church_year_on(date)
        } else {
            self.schedule.church_year
        };
        let (title, title_lang, id_title) = self.title_on(date, plan.published);
        let locale = self.locale_on(date);
        let page = self.locale.written_in().clone();
        let mut day = DayGuide {
            schema: SCHEMA_VERSION,
            lang: self.locale.written_in().to_string(),
            dir: self.locale.direction(),
            title,
            date: date.to_string(),
            date_long: locale.long_date(date),
            weekday: locale.weekday(date),
            sunday: church_year.sunday(date).map(|s| locale.sunday(s)),
            feast: church_year.feast(date).map(|f| locale.feast(f)),
            audience: self.audience,
            kind: "country",
            heading: String::new(),
            country: None,
            theme: None,
            points: Vec::new(),
            church_points: Vec::new(),
            church_point: 0,
            day: 1,
            days: 1,
            pinned: false,
            scripture: None,
            lang_of: LangOf {
                title: title_lang,
                ..LangOf::default()
            },
            id_title,
            alerts: self.alert_views(date, date),
        };
        // By the texts the rotation chose (the guide's own language), not their translations.
        day.church_points = church_points(plan.points.iter().map(|p| p.text.as_str()));
        match plan.subject {
            Subject::Country {
                guide,
                day: n,
                of,
                pinned,
            } => {
                let base = &self.catalog.entries[guide].guide;
                let shown = plan
                    .published
                    .then(|| self.guide_shown(guide, date))
                    .flatten();
                let (g, translated, untranslated) = match shown {
                    Some((g, points, missing)) => {
                        (std::borrow::Cow::Owned(g), Some(points), missing)
                    }
                    None => {
                        let (g, missing) = self.guide(guide);
                        (g, None, missing)
                    }
                };
                let written = TextLang::on_page(&self.schedule.guides_language, &page);
                let mark = |field: &str| written.clone().filter(|_| untranslated.has(field));
                day.heading = g.name.clone();
                // The rotation chose the points by the guide's own text (the ledger's ids):
                // the same points in every language, each in its translation where there is one
                // (for a published day, the translation it was published with).
                day.points = plan
                    .points
                    .iter()
                    .map(|p| match &translated {
                        Some(points) => points
                            .get(&p.id.to_string())
                            .cloned()
                            .unwrap_or_else(|| p.text.clone()),
                        None => base
                            .points
                            .iter()
                            .position(|b| PointId::of(&b.text) == p.id)
                            .map_or_else(|| p.text.clone(), |i| g.points[i].text.clone()),
                    })
                    .collect();
                day.lang_of.points = plan
                    .points
                    .iter()
                    .map(|p| match &translated {
                        Some(points) if points.contains_key(&p.id.to_string()) => None,
                        Some(_) => mark("points"),
                        None => base
                            .points
                            .iter()
                            .position(|b| PointId::of(&b.text) == p.id)
                            .map_or(written.clone(), |i| mark(&format!("points[{}]", i + 1))),
                    })
                    .collect();
                let country = country_view(&g, &locale);
                day.lang_of.heading = mark("name");
                day.lang_of.text = mark("summary");
                day.lang_of.story = mark("story.quote").or_else(|| mark("story.context"));
                day.lang_of.scripture = mark("scripture");
                day.lang_of.praise = (1..=country.praise.len())
                    .map(|i| mark(&format!("praise[{i}]")))
                    .collect();
                day.lang_of.facts = country
                    .facts
                    .iter()
                    .map(|f| match f.from {
                        Some(FactFrom::MainReligion) => mark("main_religion"),
                        Some(FactFrom::Pressure) => mark("pressure"),
                        None => None,
                    })
                    .collect();
                day.country = Some(country);
                day.day = n;
                day.days = of;
                day.pinned = pinned;
                day.scripture = g.scripture.clone();
            }
            Subject::Theme { pin, title } => {
                let p = pin.map(|p| &self.schedule.pins[p]);
                let shown: Option<ThemeShown> = plan
                    .published
                    .then(|| {
                        let key = frozen::theme_key(PointId::of(&title));
                        serde_json::from_str(self.rotation.ledger().shown(&key, date)??).ok()
                    })
                    .flatten();
                let words = self.theme_words(p, shown.as_ref());
                let (text, scripture) = match shown {
                    Some(t) => (t.text, t.scripture),
                    None => (
                        p.and_then(|p| p.text.clone()),
                        p.and_then(|p| p.scripture.clone()),
                    ),
                };
                // Without words in the output language, the theme is shown as the schedule
                // writes it, and marked so.
                let own = TextLang::on_page(&self.schedule.language, &page);
                let words = words.unwrap_or_default();
                let pick = |translated: &Option<String>, own_text: Option<String>| match translated
                {
                    Some(t) => (Some(t.clone()), None),
                    None => (own_text, own.clone()),
                };
                let (title, title_lang) = pick(&words.title, Some(title));
                let (text, text_lang) = pick(&words.text, text);
                let (scripture, scripture_lang) = pick(&words.scripture, scripture);
                let title = title.unwrap_or_default();
                day.kind = "theme";
                day.heading = title.clone();
                day.theme = Some(ThemeView {
                    title,
                    text: paragraphs(text.as_deref().unwrap_or_default()),
                });
                day.points = plan
                    .points
                    .iter()
                    .map(|p| {
                        words
                            .points
                            .get(&p.id.to_string())
                            .cloned()
                            .unwrap_or_else(|| p.text.clone())
                    })
                    .collect();
                day.lang_of.points = plan
                    .points
                    .iter()
                    .map(|p| match words.points.contains_key(&p.id.to_string()) {
                        true => None,
                        false => own.clone(),
                    })
                    .collect();
                day.lang_of.heading = title_lang;
                day.lang_of.text = text_lang.filter(|_| text.is_some());
                day.lang_of.scripture = scripture_lang.filter(|_| scripture.is_some());
                day.scripture = scripture;
            }
            Subject::Withdrawn { .. } => {
                // Safety outranks the archive: a withdrawn guide leaves even published days.
                day.kind = "theme";
                day.heading = locale.label("withdrawn", &[]);
                day.theme = Some(ThemeView {
                    title: day.heading.clone(),
                    text: vec![locale.label("withdrawn-text", &[])],
                });
            }
        }
        // A withdrawn day shows no points, whatever the plan held.
        day.church_points.retain(|&i| i < day.points.len());
        day.church_point = day.church_points.first().copied().unwrap_or(0);
        Ok(day)
    }

    /// The guide for the week holding `date`.
    pub fn week(&self, date: NaiveDate, paper: Paper) -> Result<WeekGuide, Error> {
        self.week_with(date, paper, &mut |d| self.day(d))
    }

    /// The week holding `date`, taking each day from `day` (so a caller can reuse days it has).
    pub fn week_with(
        &self,
        date: NaiveDate,
        paper: Paper,
        day: &mut dyn FnMut(NaiveDate) -> Result<DayGuide, Error>,
    ) -> Result<WeekGuide, Error> {
        let (first, last) = self.weeks.range(date);
        let days = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| *d >= self.schedule.start)
            .map(day)
            .collect::<Result<Vec<_>, _>>()?;
        if days.is_empty() {
            return Err(Error::Usage(format!(
                "the week of {date} ends before the rotation starts ({})",
                self.schedule.start
            )));
        }
        // A week shows the title its first day was published with, and each Sunday's name as
        // it was published.
        let published = |d: NaiveDate| self.rotation.ledger().day(d).is_some();
        let title = days[0].title.clone();
        let title_lang = days[0].lang_of.title.clone();
        let id_title = days[0].id_title.clone();
        let locale = self.locale_on(first);
        let mut week = WeekGuide {
            schema: SCHEMA_VERSION,
            lang: self.locale.written_in().to_string(),
            dir: self.locale.direction(),
            title,
            title_lang,
            id_title,
            start: first.to_string(),
            end: last.to_string(),
            range: locale.date_range(first, last),
            span: locale.date_span(first, last),
            sunday: first
                .iter_days()
                .take_while(|d| *d <= last)
                .find_map(|d| {
                    let year = if published(d) {
                        self.church_year_on(d)
                    } else {
                        self.schedule.church_year
                    };
                    year.sunday(d)
                })
                .map(|s| locale.sunday(s)),
            audience: self.audience,
            paper,
            days,
            notes: paragraphs(self.schedule.output.notes.as_deref().unwrap_or_default()),
            base_url: self.schedule.output.base_url.clone(),
            // Set below, from the finished week.
            print: PrintFit {
                sheet_pt: 0.0,
                sheet_maps: true,
                bulletin_pt: 0.0,
            },
            alerts: self.alert_views(first, last),
        };
        week.print = fit::print_fit(&week.print_view(&locale));
        Ok(week)
    }
}

impl WeekGuide {
    /// What the print layouts show of the week, in the labels of `locale`, for [`fit`].
    pub fn print_view(&self, locale: &Locale) -> PrintWeek<'_> {
        let days = self
            .days
            .iter()
            .map(|d| {
                let mut heading = format!("{} · {}", d.weekday, d.heading);
                if d.days > 1 {
                    let (day, days) = (d.day.to_string(), d.days.to_string());
                    let of = locale.label("day-of", &[("day", &day), ("days", &days)]);
                    heading.push_str(&format!(" ({of})"));
                }
                let lead = match (&d.country, &d.theme) {
                    (Some(c), _) => c.lead.as_str(),
                    (None, Some(t)) => t.text.first().map_or("", String::as_str),
                    _ => "",
                };
                let facts = d.country.as_ref().map_or("", |c| c.facts_brief.as_str());
                PrintDay {
                    heading,
                    facts,
                    map: d
                        .country
                        .as_ref()
                        .is_some_and(|c| crate::publish::map::has(&c.code)),
                    lead,
                    points: &d.points,
                    line: d.church_line(),
                }
            })
            .collect();
        let range = match &self.sunday {
            Some(s) => format!("{} · {s}", self.range),
            None => self.range.clone(),
        };
        PrintWeek {
            title: &self.title,
            bulletin_range: format!("{} · {range}", locale.label("pray-this-week", &[])),
            range,
            days,
            notes: &self.notes,
            sheet_footer: locale.label("sheet-footer", &[]),
            bulletin_footer: match &self.base_url {
                Some(url) => locale.label("bulletin-footer-link", &[("url", url)]),
                None => locale.label("bulletin-footer", &[]),
            },
            private: (self.audience == Audience::Private)
                .then(|| locale.label("private-sheet", &[])),
            paper: self.paper,
        }
    }
}

impl DayGuide {
    /// The point a one-line listing shows: the first about the church, else the first; `None`
    /// on a day without points.
    pub fn church_line(&self) -> Option<&str> {
        self.points.get(self.church_point).map(String::as_str)
    }

    /// The shortest point about the church, else the shortest point: what a listing short of
    /// room shows instead of [`church_line`](Self::church_line).
    pub fn shortest_church_line(&self) -> Option<&str> {
        let about: Vec<&String> = self
            .church_points
            .iter()
            .filter_map(|&i| self.points.get(i))
            .collect();
        let candidates = if about.is_empty() {
            self.points.iter().collect()
        } else {
            about
        };
        candidates
            .into_iter()
            .min_by_key(|p| p.chars().count())
            .map(String::as_str)
    }
}

/// The indexes of `texts` that mention the church, by [`mentions_church`].
fn church_points<'t>(texts: impl Iterator<Item = &'t str>) -> Vec<usize> {
    texts
        .enumerate()
        .filter(|(_, t)| mentions_church(t))
        .map(|(i, _)| i)
        .collect()
}

fn country_view(g: &Guide, locale: &Locale) -> CountryView {
    let summary = g.paragraphs();
    let (facts, brief) = facts(g, locale);
    let facts_brief = brief
        .iter()
        .map(|f| locale.label("label-value", &[("label", &f.label), ("value", &f.value)]))
        .collect::<Vec<_>>()
        .join(" · ");
    CountryView {
        name: g.name.clone(),
        code: g.code.clone(),
        region: g.region.clone(),
        lead: g.lead(),
        summary,
        facts,
        facts_brief,
        story: g.story.as_ref().map(|s| StoryView {
            pseudonym: s.pseudonym.clone(),
            quote: s.quote.clone(),
            context: s.context.clone(),
            composite: s.composite,
            note: locale.label(
                if s.composite {
                    "story-composite"
                } else {
                    "story-pseudonym"
                },
                &[("pseudonym", &isolated(&s.pseudonym, locale))],
            ),
        }),
        praise: g.praise.clone(),
        sources: g.sources.clone(),
        reviewed: g.reviewed.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// `text` as a run of its own direction (U+2068…U+2069) when its script runs the other way
/// from `locale`'s: a Latin pseudonym in an Arabic sentence, or an Arabic one in English.
fn isolated(text: &str, locale: &Locale) -> String {
    let rtl = text.chars().any(crate::content::locale::is_right_to_left);
    if rtl == (locale.direction() == "rtl") {
        text.to_string()
    } else {
        format!("\u{2068}{text}\u{2069}")
    }
}

/// The figures of a guide, in the order a reader wants them: the watch list place (with its
/// level), population, the Christians, the main religion, the sources of pressure. Then the
/// weekly sheet's few: the place and the Christians' share (or number).
fn facts(g: &Guide, locale: &Locale) -> (Vec<Fact>, Vec<Fact>) {
    let Some(f) = &g.facts else {
        return (Vec::new(), Vec::new());
    };
    let as_of = |value: String| match f.as_of {
        Some(year) => locale.label("as-of", &[("value", &value), ("year", &year.to_string())]),
        None => value,
    };
    let fact = |label: String, value: String| Fact {
        label,
        value,
        from: None,
    };
    let mut out = Vec::new();
    let mut brief = Vec::new();
    let level = f.persecution.map(|level| match level {
        Persecution::Extreme => "extreme",
        Persecution::VeryHigh => "very-high",
        Persecution::High => "high",
    });
    if let Some(w) = &f.watch_list {
        let place = fact(
            watch_list_label(w, locale),
            watch_list_place(w, level, locale),
        );
        brief.push(place.clone());
        out.push(place);
    }
    // A rank carries the level in its parentheses; without one, the level stands alone.
    let ranked = f.watch_list.as_ref().is_some_and(|w| w.rank.is_some());
    if let (Some(level), false) = (level, ranked) {
        out.push(fact(
            locale.label("fact-persecution", &[]),
            locale.label(&format!("persecution-{level}"), &[]),
        ));
    }
    if let Some(p) = f.population {
        out.push(fact(
            locale.label("fact-population", &[]),
            as_of(locale.population(p)),
        ));
    }
    let percent = f
        .christians_percent
        .map(|c| locale.label("percent", &[("number", &locale.decimal(c))]));
    let number = f.christians.map(|c| locale.population(c));
    let christians = match (&percent, &number) {
        (Some(percent), Some(number)) => Some(locale.label(
            "christians-share-and-number",
            &[("percent", percent), ("number", number)],
        )),
        _ => percent.clone().or(number.clone()),
    };
    if let Some(christians) = christians {
        let label = locale.label("fact-christians", &[]);
        // The sheet has room for one figure: the share, which says more than a number.
        if let Some(short) = percent.or(number) {
            brief.push(fact(label.clone(), as_of(short)));
        }
        out.push(fact(label, as_of(christians)));
    }
    if let Some(religion) = &f.main_religion {
        out.push(Fact {
            from: Some(FactFrom::MainReligion),
            ..fact(locale.label("fact-main-religion", &[]), religion.clone())
        });
    }
    if !f.pressure.is_empty() {
        let list = f.pressure.join(&locale.label("list-separator", &[]));
        out.push(Fact {
            from: Some(FactFrom::Pressure),
            ..fact(locale.label("fact-pressure", &[]), list)
        });
    }
    (out, brief)
}

/// "World Watch List 2026", with the list's name in the reader's language when it is the
/// World Watch List (a guide names it in English).
fn watch_list_label(w: &WatchList, locale: &Locale) -> String {
    let name = if w.name == "World Watch List" {
        locale.label("world-watch-list", &[])
    } else {
        w.name.clone()
    };
    locale.label(
        "watch-list",
        &[("list", &name), ("year", &w.year.to_string())],
    )
}

/// "No. 8 (score 87, extreme)", or "not in the top 50".
fn watch_list_place(w: &WatchList, level: Option<&str>, locale: &Locale) -> String {
    let Some(rank) = w.rank else {
        let top = w.outside_top.unwrap_or_default().to_string();
        return locale.label("watch-list-outside", &[("top", &top)]);
    };
    let rank = rank.to_string();
    let score = w.score.map(|s| s.to_string());
    let level = level.map(|l| locale.label(&format!("level-{l}"), &[]));
    let mut args = vec![("rank", rank.as_str())];
    let id = match (&score, &level) {
        (Some(score), Some(level)) => {
            args.extend([("score", score.as_str()), ("level", level.as_str())]);
            "watch-list-rank-score-level"
        }
        (Some(score), None) => {
            args.push(("score", score.as_str()));
            "watch-list-rank-score"
        }
        (None, Some(level)) => {
            args.push(("level", level.as_str()));
            "watch-list-rank-level"
        }
        (None, None) => "watch-list-rank",
    };
    locale.label(id, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(facts: &str) -> Guide {
        let text = format!(
            "name = \"Testland\"\ncode = \"TL\"\nregion = \"R\"\nsummary = \"The church.\"\n\
             points = [\"Pray for the church.\"]\n[facts]\n{facts}\n[[sources]]\n\
             title = \"S\"\nurl = \"https://example.org\"\n"
        );
        toml::from_str(&text).unwrap()
    }

    fn line(g: &Guide, tag: &str) -> (String, String) {
        let language = crate::content::locale::Language::parse(tag).unwrap();
        let (locale, warnings) = Locale::load(&language, None).unwrap();
        assert!(warnings.0.is_empty(), "{tag}: {warnings:?}");
        let view = country_view(g, &locale);
        let line = view
            .facts
            .iter()
            .map(|f| locale.label("label-value", &[("label", &f.label), ("value", &f.value)]))
            .collect::<Vec<_>>()
            .join(" · ");
        (line, view.facts_brief)
    }

    const PAKISTAN: &str = "persecution = \"extreme\"\npopulation = 251_269_164\n\
        christians_percent = 1.8\nmain_religion = \"Islam\"\n\
        pressure = [\"Islamic oppression\", \"Clan oppression\"]\nas_of = 2026\n\
        watch_list = { name = \"World Watch List\", year = 2026, rank = 8, score = 87 }";

    #[test]
    fn the_facts_line_shows_the_place_score_level_and_figures() {
        let g = guide(PAKISTAN);
        assert_eq!(
            line(&g, "en"),
            (
                "World Watch List 2026: No. 8 (score 87, extreme) · Population: 251.3 million \
                 (2026) · Christians: 1.8% (2026) · Main religion: Islam · Pressure: Islamic \
                 oppression, Clan oppression"
                    .to_string(),
                "World Watch List 2026: No. 8 (score 87, extreme) · Christians: 1.8% (2026)"
                    .to_string()
            )
        );
        assert_eq!(
            line(&g, "es").0,
            "Lista Mundial de la Persecución 2026: N.º 8 (puntuación 87, extrema) · Población: \
             251,3 millones (2026) · Cristianos: 1,8 % (2026) · Religión mayoritaria: Islam · \
             Presión: Islamic oppression, Clan oppression"
        );
    }

    #[test]
    fn the_world_watch_list_has_its_own_name_in_every_language() {
        let g = guide(PAKISTAN);
        let expect = [
            ("es", "Lista Mundial de la Persecución 2026: N.º 8"),
            ("fr", "Index mondial de persécution 2026\u{202F}: No 8"),
            ("de", "Weltverfolgungsindex 2026: Platz 8"),
            ("pt", "Lista Mundial da Perseguição 2026: N.º 8"),
            ("ko", "2026 월드와치리스트: 8위"),
            ("ar", "قائمة المراقبة العالمية 2026: رقم 8"),
        ];
        for (tag, start) in expect {
            let (line, brief) = line(&g, tag);
            assert!(line.starts_with(start), "{tag}: {line}");
            assert!(brief.starts_with(start), "{tag}: {brief}");
            assert!(!line.contains("World Watch List"), "{tag}: {line}");
        }
    }

    #[test]
    fn no_label_puts_an_article_before_a_list_name() {
        // A list's name comes from the guide (any list, in its own language): a label that put
        // an article or a contraction before it ("de l'", "auf dem") would be wrong for most.
        for (tag, text) in crate::content::locale::BUILTIN {
            for line in text.lines().filter(|l| l.contains("{ $list }")) {
                // Only other placeables (Korean's `{ $year }`) may come first, no words.
                let before = line.split("{ $list }").next().unwrap_or_default();
                let words: String = before
                    .split_once('=')
                    .map_or(before, |(_, v)| v)
                    .split(['{', '}'])
                    .step_by(2)
                    .collect();
                assert!(words.trim().is_empty(), "{tag}: {line}");
            }
        }
    }

    #[test]
    fn a_country_outside_the_list_keeps_its_level_apart() {
        let g = guide(
            "persecution = \"high\"\npopulation = 4_500_000\nchristians = 60_000\n\
             christians_percent = 1.3\nas_of = 2025\n\
             watch_list = { name = \"World Watch List\", year = 2026, outside_top = 50 }",
        );
        assert_eq!(
            line(&g, "en"),
            (
                "World Watch List 2026: not in the top 50 · Persecution: High · Population: \
                 4.5 million (2025) · Christians: 1.3%, 60,000 (2025)"
                    .to_string(),
                "World Watch List 2026: not in the top 50 · Christians: 1.3% (2025)".to_string()
            )
        );
        assert_eq!(
            line(&g, "de").0,
            "Weltverfolgungsindex 2026: nicht unter den ersten 50 · Verfolgung: Hoch · \
             Bevölkerung: 4,5 Millionen (2025) · Christen: 1,3 %, 60.000 (2025)"
        );
    }

    #[test]
    fn every_shipped_language_names_the_place() {
        let g = guide(PAKISTAN);
        let expect = [
            (
                "fr",
                "Index mondial de persécution 2026\u{202F}: No 8 (score 87, extrême)",
            ),
            (
                "de",
                "Weltverfolgungsindex 2026: Platz 8 (Punktzahl 87, extrem)",
            ),
            (
                "pt",
                "Lista Mundial da Perseguição 2026: N.º 8 (pontuação 87, extrema)",
            ),
            ("ko", "2026 월드와치리스트: 8위 (87점, 극심)"),
            (
                "ar",
                "قائمة المراقبة العالمية 2026: رقم 8 (الدرجة 87، شديد جدًا)",
            ),
        ];
        for (tag, place) in expect {
            let (line, _) = line(&g, tag);
            assert!(line.starts_with(place), "{tag}: {line}");
        }
    }

    #[test]
    fn finds_the_points_about_the_church_for_the_listings() {
        let texts = [
            "Pray for rain.",
            "Pray for the pastors.",
            "Pray for converts.",
        ];
        assert_eq!(church_points(texts.into_iter()), [1, 2]);
        assert!(church_points(["Pray for rain."].into_iter()).is_empty());
    }
}
