//! Print-ready PDFs, typeset in-process by Typst: the weekly sheet, its large-print edition, the
//! half-page bulletin insert and the monthly calendar. Typst is a large dependency; it lives in
//! this module tree only, behind [`week`] and [`month`].
//!
//! Each layout is a Typst file compiled into the program (`sheet.typ`, `bulletin.typ`,
//! `calendar.typ`) that reads everything it shows from `data.json`: the guide's text arrives as
//! strings and is set as text, so `#`, `$`, `*` or `<script>` in a guide print as themselves
//! and cannot run as Typst code.
//!
//! **Always one page.** A layout is typeset at its usual size; if the compiled document has
//! more pages than allowed, it is typeset again at smaller sizes down to a readable minimum
//! (9 pt for the sheet and the bulletin), then without the lowest-priority parts in this order:
//! the days' lead sentences, then the church's notes paragraph by paragraph from the last.
//! A prayer point is never left out, and a week that does not fit even so loses nothing: all
//! goes back in, at the largest size that takes no more pages, and one warning says so. What
//! was left out is reported ([`Typeset::notices`]) by `build` and `check`.
//!
//! A document whose script no installed font has is not made ([`Rendered::failed`]); the
//! others are. A symbol (an emoji) no font has is left out of the PDF alone, with a warning.

mod fonts;
mod world;

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

use crate::content::calendar::{WeekStart, week_start};
use crate::content::locale::Locale;
use crate::content::schedule::Paper;
use crate::error::Error;
use crate::publish::assemble::{Assembler, DayGuide, WeekGuide};
use crate::publish::output::{Document, Guides, Selection, in_parallel};
use crate::rotation::Audience;

pub use world::Shared;

const SHEET: &str = include_str!("sheet.typ");
const BULLETIN: &str = include_str!("bulletin.typ");
const CALENDAR: &str = include_str!("calendar.typ");

/// The fonts every layout asks for, in order: Libertinus Serif (carried by the program), then
/// the fonts that set Arabic and Chinese, Japanese and Korean well where they are installed.
/// For anything else Typst falls back to any system font that has the character, and
/// [`fonts::missing`] makes sure one has.
const FONTS: [&str; 3] = [world::FONT, "Noto Naskh Arabic", "Noto Serif CJK SC"];

/// A layout of one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The weekly sheet: every day with its points, two columns, one page.
    Sheet,
    /// The half-page insert: each day's first point about the church, two copies on a landscape
    /// sheet.
    Bulletin,
    /// The weekly sheet at 16 to 18 pt in a sans-serif, one column, on two pages.
    Large,
}

impl Edition {
    /// The type sizes tried, largest first: the last is the readable minimum.
    fn sizes(self) -> &'static [f64] {
        match self {
            Edition::Sheet => &[11.0, 10.5, 10.0, 9.5, 9.0],
            Edition::Bulletin => &[10.5, 10.0, 9.5, 9.0],
            Edition::Large => &[18.0, 17.0, 16.0],
        }
    }

    /// How many pages the edition may take.
    pub fn pages(self) -> usize {
        match self {
            Edition::Large => 2,
            _ => 1,
        }
    }

    /// The file of the week starting on `start`, relative to the output folder.
    pub fn path(self, start: &str) -> PathBuf {
        let name = match self {
            Edition::Sheet => format!("{start}.pdf"),
            Edition::Bulletin => format!("{start}.bulletin.pdf"),
            Edition::Large => format!("{start}.large.pdf"),
        };
        PathBuf::from("weeks").join(name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Edition::Sheet => "weekly sheet",
            Edition::Bulletin => "bulletin insert",
            Edition::Large => "large-print sheet",
        }
    }
}

/// The monthly calendar's file, relative to the output folder: `months/2026-11.pdf`.
pub fn month_path(first: NaiveDate) -> PathBuf {
    PathBuf::from("months").join(format!("{}.pdf", first.format("%Y-%m")))
}

/// A typeset document and how it was fitted.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// The pages the layout may take.
    pub allowed: usize,
    /// The body size it was set at, in points.
    pub pt: f64,
    /// What was left out to make it fit, in the words `build` prints.
    pub left_out: Vec<String>,
    /// When it does not fit even with everything it may leave out left out: that last try (its
    /// size and what it left out), before everything was put back.
    pub tried: Option<(f64, Vec<String>)>,
    /// The symbols (emoji) no installed font has, left out of the document.
    pub symbols: Vec<fonts::Missing>,
    /// Other warnings about the document, without the file's name.
    pub said: Vec<String>,
    /// Other notes about the document, without the file's name.
    pub noted: Vec<String>,
}

impl Typeset {
    /// What `build` and `check` say about this document (`file` is its path): nothing when it
    /// fitted at its usual size with everything in it.
    pub fn notices(&self, file: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .symbols
            .iter()
            .map(|m| format!("warning: {file}: {}", fonts::explain_left_out(m)))
            .chain(self.said.iter().map(|s| format!("warning: {file}: {s}")))
            .chain(self.noted.iter().map(|s| format!("note: {file}: {s}")))
            .collect();
        if !self.left_out.is_empty() {
            out.push(format!(
                "note: {file}: set at {} pt and left out {} to fit on {}",
                self.pt,
                self.left_out.join(", then "),
                pages(self.allowed)
            ));
        }
        if self.pages > self.allowed {
            let tried = match &self.tried {
                Some((pt, left)) if !left.is_empty() => {
                    format!(" even at {pt} pt without {}", left.join(", "))
                }
                Some((pt, _)) => format!(" even at {pt} pt"),
                None => String::new(),
            };
            let kept = match &self.tried {
                Some((_, left)) if !left.is_empty() => ", so nothing is left out",
                _ => "",
            };
            out.push(format!(
                "warning: {file}: does not fit on {}{tried}, because no prayer point is ever \
                 dropped{kept}: it prints on {} at {} pt\n  help: lower points_per_day in \
                 schedule.toml, or shorten the week's longest points",
                pages(self.allowed),
                pages(self.pages),
                self.pt
            ));
        }
        out
    }
}

fn pages(n: usize) -> String {
    if n == 1 {
        "one page".into()
    } else {
        format!("{n} pages")
    }
}

/// What the layouts need besides the week itself.
#[derive(Debug, Clone, Copy)]
pub struct Print<'a> {
    pub locale: &'a Locale,
    /// `[output] church`, printed under the title.
    pub church: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
struct WeekData {
    /// Large print: no text smaller than the body, none in italics.
    large: bool,
    paper: &'static str,
    size: f64,
    columns: u8,
    fonts: Vec<&'static str>,
    lang: String,
    title: String,
    range: String,
    church: Option<String>,
    private: Option<String>,
    /// Urgent alerts showing this week, above the days (the sheet and large print): kept
    /// whole in every attempt to fit, so the fit counts their height.
    alerts: Vec<AlertData>,
    /// "Urgent prayer request", over each alert.
    alert_label: String,
    days: Vec<DayData>,
    notes_heading: String,
    notes: Vec<String>,
    footer: String,
    qr: Option<String>,
    /// The QR codes' width with their quiet zone, in points.
    qr_size: f64,
    /// Whether the notes box is shown (with room to write when there are no notes).
    notes_box: bool,
    /// Whether a day may break across columns (and pages): the last resort, as it leaves the
    /// columns unbalanced.
    flow: bool,
}

/// An urgent alert as the sheet shows it.
#[derive(Debug, Clone, Serialize)]
struct AlertData {
    /// The country's name, if it is about one.
    country: Option<String>,
    title: String,
    /// Paragraphs.
    text: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct DayData {
    date: String,
    /// A feast on a weekday (Good Friday), beside the date.
    feast: Option<String>,
    heading: String,
    of: Option<String>,
    /// The country's figures in one short line; dropped with the leads when space is short.
    facts: Option<String>,
    /// The country's locator map, a file of the document (`map-2026-11-25.svg`), and what it
    /// shows in words for a screen reader; dropped with the leads when space is short.
    map: Option<String>,
    map_alt: Option<String>,
    lead: Option<String>,
    points: Vec<String>,
    scripture: Option<String>,
    qr: Option<String>,
}

fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    }
}

/// How wide a printed QR code is, without its quiet zone, in millimetres: phone cameras read a
/// 15 mm code at arm's length, and printers are not exact.
const QR_MM: f64 = 16.0;

/// The width in points of the image of a QR code of `modules` modules whose code is `mm` wide,
/// with the 4-module quiet zone on each side that a reader needs to find it.
fn qr_width(mm: f64, modules: usize) -> f64 {
    let modules = modules.max(1) as f64;
    mm * (modules + 8.0) / modules * 72.0 / 25.4
}

/// The QR code of `url` as SVG with its quiet zone, its file name in the document, and its
/// width in modules (without the quiet zone).
fn qr(name: String, url: &str) -> Result<(String, Vec<u8>, usize), Error> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).map_err(
        |e| {
            Error::Usage(format!(
                "the address {url} does not fit in a QR code ({e}): shorten base_url in schedule.toml"
            ))
        },
    )?;
    let modules = code.width();
    let svg = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build();
    Ok((name, svg.into_bytes(), modules))
}

/// `text` as a bidi isolate (U+2068…U+2069), which Typst's bidi honours.
fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Typesets `week` as `edition`.
pub fn week(week: &WeekGuide, edition: Edition, print: Print) -> Result<Typeset, Error> {
    let locale = print.locale;
    let range = match &week.sunday {
        Some(s) => format!("{} · {s}", week.range),
        None => week.range.clone(),
    };
    let mut files = Vec::new();
    let mut modules = 0;
    let base = week.base_url.as_deref();
    let days = week
        .days
        .iter()
        .map(|d| {
            let of = (d.days > 1).then(|| {
                let (day, days) = (d.day.to_string(), d.days.to_string());
                format!(
                    "({})",
                    locale.label("day-of", &[("day", &day), ("days", &days)])
                )
            });
            let lead = match (&d.country, &d.theme) {
                (Some(c), _) => Some(c.lead.clone()),
                (None, Some(t)) => t.text.first().cloned(),
                _ => None,
            }
            .filter(|l| !l.is_empty());
            let qr_file = match (base, edition) {
                (Some(base), Edition::Sheet | Edition::Large) => {
                    let name = format!("qr-{}.svg", d.date);
                    let (name, svg, n) = qr(name, &format!("{base}days/{}.html", d.date))?;
                    modules = modules.max(n);
                    files.push((name.clone(), svg));
                    Some(name)
                }
                _ => None,
            };
            // The bulletin lists one line a day: no room for a map.
            let map = d
                .country
                .as_ref()
                .filter(|_| edition != Edition::Bulletin)
                .and_then(|c| {
                    let alt = locale.label("map-of", &[("country", &c.name)]);
                    let svg = crate::publish::map::svg(&c.code, &alt)?;
                    let name = format!("map-{}.svg", d.date);
                    files.push((name.clone(), svg.into_bytes()));
                    Some((name, alt))
                });
            let (map, map_alt) = map.unzip();
            Ok(DayData {
                map,
                map_alt,
                date: d.date_long.clone(),
                feast: d.feast.clone(),
                heading: d.heading.clone(),
                of,
                facts: d
                    .country
                    .as_ref()
                    .map(|c| c.facts_brief.clone())
                    // Large print keeps every text at its body size and leaves the figures to
                    // the regular sheet: they would cost it a page.
                    .filter(|f| {
                        !f.is_empty() && !matches!(edition, Edition::Bulletin | Edition::Large)
                    }),
                lead: if edition == Edition::Bulletin {
                    None
                } else {
                    lead
                },
                points: match edition {
                    Edition::Bulletin => d.church_line().map(str::to_string).into_iter().collect(),
                    _ => d.points.clone(),
                },
                scripture: d.scripture.clone(),
                qr: qr_file,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let bulletin_qr = match (base, edition) {
        (Some(base), Edition::Bulletin) => {
            let (name, svg, n) = qr(
                "qr-week.svg".to_string(),
                &format!("{base}weeks/{}.html", week.start),
            )?;
            modules = n;
            files.push((name.clone(), svg));
            Some(name)
        }
        _ => None,
    };
    let private = week.audience == Audience::Private;
    let large = edition == Edition::Large;
    let sans = if large { large_print_font() } else { None };
    let data = WeekData {
        large,
        paper: paper_name(week.paper),
        size: edition.sizes()[0],
        columns: if edition == Edition::Sheet { 2 } else { 1 },
        fonts: sans.into_iter().chain(FONTS).collect(),
        lang: week.lang.clone(),
        title: week.title.clone(),
        range: match edition {
            Edition::Bulletin => format!("{} · {range}", locale.label("pray-this-week", &[])),
            _ => range,
        },
        church: print.church.map(str::to_string),
        private: private.then(|| {
            locale.label(
                match edition {
                    Edition::Bulletin => "private-bulletin",
                    _ => "private-sheet",
                },
                &[],
            )
        }),
        // The bulletin lists one line a day: an alert has its own page, and the chats.
        alerts: match edition {
            Edition::Bulletin => Vec::new(),
            Edition::Sheet | Edition::Large => week
                .alerts
                .iter()
                .map(|a| AlertData {
                    country: a.country.clone(),
                    title: a.title.clone(),
                    text: a.text.clone(),
                })
                .collect(),
        },
        alert_label: locale.label("alert-label", &[]),
        days,
        notes_heading: locale.label("church-notes", &[]),
        notes: week.notes.clone(),
        footer: match edition {
            Edition::Bulletin => match base {
                // The address is a left-to-right run of its own, whatever the page's direction:
                // its last `/` stays at its end.
                Some(url) => locale.label("bulletin-footer-link", &[("url", &isolate(url))]),
                None => locale.label("bulletin-footer", &[]),
            },
            _ => locale.label("sheet-footer", &[]),
        },
        qr: bulletin_qr,
        notes_box: true,
        flow: false,
        qr_size: qr_width(
            match edition {
                Edition::Sheet => QR_MM,
                Edition::Bulletin => 17.0,
                Edition::Large => 19.0,
            },
            modules,
        ),
    };
    let symbols = check_fonts(
        &week_texts(&data),
        &format!("the {} of {}", edition.name(), week.start),
    )?;
    let drop: Vec<char> = symbols.iter().map(|m| m.character).collect();
    let source = match edition {
        Edition::Bulletin => BULLETIN,
        _ => SHEET,
    };
    let notes = data.notes.len();
    // Each attempt has less in it than the one before: every size, then at the smallest
    // without the lead sentences, then without the notes' paragraphs from the last.
    let smallest = *edition.sizes().last().expect("every edition has a size");
    // Large print fills its two pages: a day may go on over the page.
    let mut attempts: Vec<Attempt> = edition
        .sizes()
        .iter()
        .map(|&pt| Attempt {
            pt,
            leads: true,
            maps: true,
            notes,
            notes_box: true,
            flow: large,
        })
        .collect();
    // First the maps alone: they cost a day more height than its figures.
    if data.days.iter().any(|d| d.map.is_some()) {
        attempts.push(Attempt {
            pt: smallest,
            leads: true,
            maps: false,
            notes,
            notes_box: true,
            flow: large,
        });
    }
    if data
        .days
        .iter()
        .any(|d| d.lead.is_some() || d.facts.is_some() || d.map.is_some())
    {
        attempts.push(Attempt {
            pt: smallest,
            leads: false,
            maps: false,
            notes,
            notes_box: true,
            flow: large,
        });
    }
    // Large print keeps the notes: it has the room of two pages for them.
    for kept in (0..notes).rev().filter(|_| !large) {
        attempts.push(Attempt {
            pt: smallest,
            leads: false,
            maps: false,
            notes: kept,
            notes_box: true,
            flow: false,
        });
    }
    if edition == Edition::Sheet {
        // Then the empty box itself, its room to write by hand; last, days may break across
        // the columns, which fills the page but leaves the columns unbalanced.
        for flow in [false, true] {
            attempts.push(Attempt {
                pt: smallest,
                leads: false,
                maps: false,
                notes: 0,
                notes_box: false,
                flow,
            });
        }
    }
    let shape = |a: &Attempt| {
        let mut d = data.clone();
        d.size = a.pt;
        if !a.leads {
            d.days.iter_mut().for_each(|day| {
                day.lead = None;
                day.facts = None;
            });
        }
        if !a.maps {
            d.days.iter_mut().for_each(|day| day.map = None);
        }
        d.notes.truncate(a.notes);
        d.notes_box = a.notes_box;
        d.flow = a.flow;
        d
    };
    let has_facts = data.days.iter().any(|d| d.facts.is_some());
    let has_maps = data.days.iter().any(|d| d.map.is_some());
    let describe = |a: &Attempt| {
        let mut out = Vec::new();
        match (a.leads, a.maps || !has_maps, has_facts) {
            (true, true, _) => {}
            (true, false, _) => out.push("the days' maps".to_string()),
            (false, true, true) => out.push("the days' lead sentences and figures".to_string()),
            (false, true, false) => out.push("the days' lead sentences".to_string()),
            (false, false, true) => {
                out.push("the days' lead sentences, figures and maps".to_string())
            }
            (false, false, false) => out.push("the days' lead sentences and maps".to_string()),
        }
        if a.notes < notes {
            out.push(format!(
                "the last {} of the notes' {notes} paragraphs",
                notes - a.notes
            ));
        }
        if !a.notes_box {
            out.push("the notes box".to_string());
        }
        out
    };
    // Everything in, largest first, for a week that spills over anyway; days break across
    // columns and pages, so the pages it takes are used fully.
    let spill: Vec<Attempt> = edition
        .sizes()
        .iter()
        .map(|&pt| Attempt {
            pt,
            leads: true,
            maps: true,
            notes,
            notes_box: true,
            flow: edition != Edition::Bulletin,
        })
        .collect();
    let ident = format!("prayer-guide {} {}", edition.name(), week.start);
    let mut set = fit(
        source,
        files,
        &attempts,
        &spill,
        edition.pages(),
        |a| json_without(&shape(a), &drop),
        |a| (a.pt, describe(a)),
        &ident,
        private,
    )?;
    set.symbols = symbols;
    if large && set.pages > set.allowed {
        // Large print is read, not handed out on one sheet: a week that needs a third page at
        // 16 pt takes it, with everything in it, which is no fault of the week's.
        set.noted.push(format!(
            "large print takes {} at {} pt this week, with everything in it (two is the aim; \
             the type is never smaller than 16 pt)",
            pages(set.pages),
            set.pt
        ));
        set.allowed = set.pages;
        set.tried = None;
    }
    if large && sans.is_none() {
        set.said.push(format!(
            "set in {} for want of a sans-serif font, which large print wants\n  help: install \
             one (Debian and Ubuntu: `apt install fonts-dejavu-core`), then build again",
            world::FONT
        ));
    }
    Ok(set)
}

/// The sans-serif families large print is set in, the first installed one first.
const SANS: [&str; 6] = [
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
    "Arimo",
    "Open Sans",
    "FreeSans",
];

/// The first of [`SANS`] that is installed.
fn large_print_font() -> Option<&'static str> {
    let fonts = Shared::get().fonts();
    SANS.into_iter()
        .find(|family| fonts.iter().any(|f| f.family == *family))
}

/// `data` as JSON, every string of it without the characters `drop`.
fn json_without(data: &impl Serialize, drop: &[char]) -> Vec<u8> {
    let mut value = serde_json::to_value(data).expect("plain data serializes");
    fn strip(value: &mut serde_json::Value, drop: &[char]) {
        match value {
            serde_json::Value::String(s) => *s = fonts::without(s, drop),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strip(v, drop)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| strip(v, drop)),
            _ => {}
        }
    }
    if !drop.is_empty() {
        strip(&mut value, drop);
    }
    serde_json::to_vec(&value).expect("plain data serializes")
}

/// One try at fitting a week.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    pt: f64,
    leads: bool,
    /// Whether the days keep their locator maps (never without their leads).
    maps: bool,
    /// How many of the notes' paragraphs are kept.
    notes: usize,
    notes_box: bool,
    flow: bool,
}

/// Compiles `attempts[i]` (each with less in it than the one before) until one fits on
/// `allowed` pages: the first, which usually fits, then by bisection. Without a fitting one,
/// the last.
#[allow(clippy::too_many_arguments)]
fn fit<A>(
    source: &str,
    files: Vec<(String, Vec<u8>)>,
    attempts: &[A],
    spill: &[A],
    allowed: usize,
    data: impl Fn(&A) -> Vec<u8>,
    describe: impl Fn(&A) -> (f64, Vec<String>),
    ident: &str,
    private: bool,
) -> Result<Typeset, Error> {
    let mut doc = world::Document::new(source, files);
    let mut compile_one = |a: &A| -> Result<PagedDocument, Error> {
        doc.set_file("data.json", data(a));
        let warned = typst::compile::<PagedDocument>(&doc);
        warned.output.map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
            Error::Usage(format!(
                "typesetting {ident} failed: {}",
                messages.join("; ")
            ))
        })
    };
    let mut compile = |i: usize| compile_one(&attempts[i]);
    let mut chosen = (0, compile(0)?);
    if chosen.1.pages().len() > allowed && attempts.len() > 1 {
        // attempts[lo] does not fit; find the first that does in lo+1..=hi.
        let (mut lo, mut hi) = (0, attempts.len() - 1);
        let last = compile(hi)?;
        if last.pages().len() > allowed {
            chosen = (hi, last);
        } else {
            chosen = (hi, last);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                let document = compile(mid)?;
                if document.pages().len() <= allowed {
                    hi = mid;
                    chosen = (mid, document);
                } else {
                    lo = mid;
                }
            }
        }
    }
    let (index, document) = chosen;
    let mut attempt = &attempts[index];
    let mut document = document;
    let mut spilled = None;
    if document.pages().len() > allowed && !spill.is_empty() {
        // Leaving things out did not make it fit, so nothing is left out: everything goes back,
        // at the largest size that takes no more pages than the least there was.
        let least = document.pages().len();
        spilled = Some(describe(attempt));
        let mut found = None;
        for a in spill {
            let full = compile_one(a)?;
            let fits = full.pages().len() <= least;
            found = Some((a, full));
            if fits {
                break;
            }
        }
        if let Some((a, full)) = found {
            attempt = a;
            document = full;
        }
    }
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        timestamp: None,
        ..Default::default()
    };
    let mut bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        Error::Usage(format!(
            "writing {ident} as PDF failed: {}",
            messages.join("; ")
        ))
    })?;
    if private {
        bytes.extend_from_slice(crate::publish::private::PDF_MARK);
    }
    let (pt, left_out) = describe(attempt);
    Ok(Typeset {
        bytes,
        pages: document.pages().len(),
        allowed,
        pt,
        left_out,
        tried: spilled,
        symbols: Vec::new(),
        said: Vec::new(),
        noted: Vec::new(),
    })
}

/// Every text of the week's layout, each with where it is on the page.
fn week_texts(d: &WeekData) -> Vec<(String, &str)> {
    let at = |place: &str| place.to_string();
    let mut texts = vec![
        (at("the title"), d.title.as_str()),
        (at("the week's dates"), &d.range),
        (at("the notes' heading"), &d.notes_heading),
        (at("the footer"), &d.footer),
    ];
    texts.extend(d.church.as_deref().map(|t| (at("the church's name"), t)));
    texts.extend(d.private.as_deref().map(|t| (at("the private notice"), t)));
    texts.extend(d.notes.iter().map(|t| (at("the notes"), t.as_str())));
    if !d.alerts.is_empty() {
        texts.push((at("the alerts' label"), &d.alert_label));
    }
    for alert in &d.alerts {
        let of = |what: &str| format!("{what} of the alert \"{}\"", alert.title);
        texts.push((of("the title"), &alert.title));
        texts.extend(alert.country.as_deref().map(|t| (of("the country"), t)));
        texts.extend(alert.text.iter().map(|t| (of("the text"), t.as_str())));
    }
    for day in &d.days {
        let of = |what: &str| format!("{what} of {}", day.date);
        texts.push((at("a day's date"), &day.date));
        texts.extend(day.feast.as_deref().map(|t| (of("the feast"), t)));
        texts.push((of("the heading"), &day.heading));
        texts.extend(day.of.as_deref().map(|t| (of("the heading"), t)));
        texts.extend(day.facts.as_deref().map(|t| (of("the figures"), t)));
        texts.extend(day.lead.as_deref().map(|t| (of("the lead sentence"), t)));
        texts.extend(day.scripture.as_deref().map(|t| (of("the scripture"), t)));
        texts.extend(day.points.iter().map(|t| (of("the points"), t.as_str())));
    }
    texts
}

/// The symbols (emoji) of `texts` no installed font has, which the document leaves out; an
/// error naming the font to install when some of `texts` has a script no font covers.
fn check_fonts(texts: &[(String, &str)], what: &str) -> Result<Vec<fonts::Missing>, Error> {
    let (symbols, letters): (Vec<_>, Vec<_>) = fonts::missing(Shared::get().fonts(), texts)
        .into_iter()
        .partition(fonts::Missing::is_symbol);
    if letters.is_empty() {
        return Ok(symbols);
    }
    Err(Error::Usage(format!(
        "cannot typeset {what} as PDF: {}",
        fonts::explain(&letters)
    )))
}

#[derive(Debug, Clone, Serialize)]
struct MonthData {
    paper: &'static str,
    size: f64,
    fonts: Vec<&'static str>,
    lang: String,
    title: String,
    month: String,
    church: Option<String>,
    weekdays: Vec<String>,
    weeks: Vec<Vec<Option<Cell>>>,
    legend: String,
    footer: String,
    qr: Option<String>,
    /// The QR code's width with its quiet zone, in points.
    qr_size: f64,
}

#[derive(Debug, Clone, Serialize)]
struct Cell {
    number: u32,
    heading: Option<String>,
    point: Option<String>,
    pinned: bool,
}

/// What the calendar needs of the project.
#[derive(Debug, Clone)]
pub struct MonthSetting<'a> {
    pub title: &'a str,
    pub paper: Paper,
    pub week_starts: WeekStart,
    pub base_url: Option<&'a str>,
    /// Where the calendar's QR code leads: see [`calendar_link`].
    pub link: Option<String>,
    pub audience: Audience,
}

/// Where a printed calendar's QR code leads: the sign-up page where `serve` takes
/// subscriptions (`[serve] public_url`), so a reader can have the guide by email; else the
/// published guides (`base_url`); else nowhere.
pub fn calendar_link(base_url: Option<&str>, serve_url: Option<&str>) -> Option<String> {
    match (serve_url, base_url) {
        (Some(serve), _) => Some(format!("{serve}subscribe")),
        (None, Some(base)) => Some(base.to_string()),
        (None, None) => None,
    }
}

/// Typesets the calendar of the month holding `first`; `day` gives each of its days' guides
/// (`None` before the rotation starts).
pub fn month(
    first: NaiveDate,
    days: &[(NaiveDate, Option<&DayGuide>)],
    setting: &MonthSetting,
    print: Print,
) -> Result<Typeset, Error> {
    let locale = print.locale;
    let first = first.with_day(1).unwrap_or(first);
    let last = days.last().map_or(first, |(d, _)| *d);
    let grid_start = week_start(first, setting.week_starts);
    let weekdays = grid_start
        .iter_days()
        .take(7)
        .map(|d| locale.weekday(d))
        .collect();
    let mut weeks: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut shortest: Vec<Option<String>> = Vec::new();
    let mut date = grid_start;
    while date <= last {
        let mut row = Vec::with_capacity(7);
        for _ in 0..7 {
            let found = days.iter().find(|(d, _)| *d == date);
            row.push(found.map(|(d, guide)| {
                let guide = *guide;
                shortest.push(guide.and_then(|g| g.shortest_church_line().map(str::to_string)));
                Cell {
                    number: d.day(),
                    heading: guide.map(|g| {
                        if g.days > 1 {
                            format!("{} ({}/{})", g.heading, g.day, g.days)
                        } else {
                            g.heading.clone()
                        }
                    }),
                    point: guide.and_then(|g| g.church_line().map(str::to_string)),
                    pinned: guide.is_some_and(|g| g.pinned || g.kind == "theme"),
                }
            }));
            date = date.succ_opt().unwrap_or(date);
        }
        weeks.push(row);
    }
    let qr_file = match &setting.link {
        Some(link) => Some(qr("qr-link.svg".into(), link)?),
        None => None,
    };
    let qr_size = qr_width(QR_MM, qr_file.as_ref().map_or(0, |(_, _, n)| *n));
    let qr_file = qr_file.map(|(name, svg, _)| (name, svg));
    let private = setting.audience == Audience::Private;
    let mut footer = match setting.base_url {
        Some(url) => locale.label("bulletin-footer-link", &[("url", &isolate(url))]),
        None => locale.label("bulletin-footer", &[]),
    };
    if private {
        footer = format!("{} {footer}", locale.label("calendar-private", &[]));
    }
    let data = MonthData {
        paper: paper_name(setting.paper),
        size: CALENDAR_SIZES[0],
        fonts: FONTS.to_vec(),
        lang: locale.language.to_string(),
        title: setting.title.to_string(),
        month: locale.date_range(first, last),
        church: print.church.map(str::to_string),
        weekdays,
        weeks,
        legend: locale.label("calendar-pinned", &[]),
        footer,
        qr: qr_file.as_ref().map(|(name, _)| name.clone()),
        qr_size,
    };
    let at = |place: &str| place.to_string();
    let mut texts: Vec<(String, &str)> = vec![
        (at("the title"), &data.title),
        (at("the month"), &data.month),
        (at("the legend"), &data.legend),
        (at("the footer"), &data.footer),
    ];
    texts.extend(data.church.as_deref().map(|t| (at("the church's name"), t)));
    texts.extend(
        data.weekdays
            .iter()
            .map(|t| (at("the weekdays"), t.as_str())),
    );
    for cell in data.weeks.iter().flatten().flatten() {
        let of = |what: &str| format!("{what} of day {}", cell.number);
        texts.extend(cell.heading.as_deref().map(|t| (of("the heading"), t)));
        texts.extend(cell.point.as_deref().map(|t| (of("the point"), t)));
    }
    texts.extend(
        shortest
            .iter()
            .flatten()
            .map(|t| (at("a day's shortest point"), t.as_str())),
    );
    let symbols = check_fonts(
        &texts,
        &format!("the calendar of {}", first.format("%Y-%m")),
    )?;
    let drop: Vec<char> = symbols.iter().map(|m| m.character).collect();
    // Every size, then at the smallest each day's shortest point (about the church, if one is)
    // instead of its first.
    let mut attempts: Vec<(f64, bool)> = CALENDAR_SIZES.iter().map(|&pt| (pt, false)).collect();
    attempts.push((*CALENDAR_SIZES.last().expect("sizes"), true));
    let shape = |&(pt, short): &(f64, bool)| {
        let mut d = data.clone();
        d.size = pt;
        if short {
            let mut shortest = shortest.iter();
            for cell in d.weeks.iter_mut().flatten().flatten() {
                if let Some(Some(p)) = shortest.next() {
                    cell.point = Some(p.clone());
                }
            }
        }
        json_without(&d, &drop)
    };
    let describe = |&(pt, short): &(f64, bool)| {
        let left = if short {
            vec!["each day's point, showing its shortest instead".to_string()]
        } else {
            Vec::new()
        };
        (pt, left)
    };
    let ident = format!("prayer-guide calendar {}", first.format("%Y-%m"));
    let spill: Vec<(f64, bool)> = CALENDAR_SIZES.iter().map(|&pt| (pt, false)).collect();
    let mut set = fit(
        CALENDAR,
        qr_file.into_iter().collect(),
        &attempts,
        &spill,
        1,
        shape,
        describe,
        &ident,
        private,
    )?;
    set.symbols = symbols;
    Ok(set)
}

/// Forgets everything Typst memoized, so the next document is typeset from nothing but the
/// loaded fonts: what a benchmark of a fresh build needs between its runs.
pub fn forget_memoized() {
    typst::comemo::evict(0);
}

/// One document of a build.
enum Job<'a> {
    Week(&'a WeekGuide, Edition),
    Month(NaiveDate),
}

/// The PDFs of a build.
#[derive(Debug, Default)]
pub struct Rendered {
    pub docs: Vec<Document>,
    /// What each left out to fit, or that it still does not, for `build` to say.
    pub notices: Vec<String>,
    /// The documents that could not be typeset (a script no installed font has), relative to
    /// the output folder, each with why: the others do not wait for them.
    pub failed: Vec<(PathBuf, String)>,
}

/// The PDFs `selection` asks for: each week's sheet and bulletin (and large-print sheet with
/// `selection.large`), and the calendar of each month in [`Selection::months`]. One that
/// cannot be typeset is in [`Rendered::failed`], and the others are made all the same.
pub fn render(assembler: &Assembler, selection: &Selection) -> Result<Rendered, Error> {
    let schedule = assembler.schedule;
    let start = schedule.start;
    let mut firsts: Vec<NaiveDate> = selection
        .weeks
        .iter()
        .map(|&d| assembler.weeks.start(d))
        .filter(|w| assembler.weeks.end(*w) >= start)
        .collect();
    firsts.sort();
    firsts.dedup();
    let months = selection.months();
    let month_days = |first: NaiveDate| {
        first
            .iter_days()
            .take_while(move |d| d.month() == first.month())
    };
    let mut guides = Guides::new(assembler);
    guides.fill(
        firsts
            .iter()
            .flat_map(|w| w.iter_days().take(7))
            .chain(months.iter().flat_map(|&m| month_days(m)))
            .filter(|d| *d >= start),
    )?;
    let weeks = firsts
        .iter()
        .map(|&w| assembler.week_with(w, selection.paper, &mut |d| guides.get(d).cloned()))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut editions = vec![Edition::Sheet, Edition::Bulletin];
    if selection.large {
        editions.push(Edition::Large);
    }
    let mut jobs: Vec<Job> = weeks
        .iter()
        .flat_map(|w| editions.iter().map(move |&e| Job::Week(w, e)))
        .collect();
    jobs.extend(months.iter().map(|&m| Job::Month(m)));
    let print = Print {
        locale: &assembler.locale,
        church: schedule.output.church.as_deref(),
    };
    let setting = MonthSetting {
        title: &schedule.title,
        paper: selection.paper,
        week_starts: schedule.week_starts,
        base_url: schedule.output.base_url.as_deref(),
        link: calendar_link(
            schedule.output.base_url.as_deref(),
            schedule
                .serve
                .as_ref()
                .and_then(|s| s.public_url.as_deref()),
        ),
        audience: assembler.audience,
    };
    let guides = &guides;
    let parts = in_parallel(&jobs, |part| {
        part.iter()
            .map(|job| {
                // Each document in the labels its first day was published with.
                let (path, typeset): (PathBuf, Result<Typeset, Error>) = match job {
                    Job::Week(w, edition) => {
                        let first = w.start.parse().unwrap_or(schedule.start);
                        let locale = assembler.locale_on(first);
                        let print = Print {
                            locale: &locale,
                            ..print
                        };
                        (edition.path(&w.start), week(w, *edition, print))
                    }
                    Job::Month(first) => {
                        let days: Vec<(NaiveDate, Option<&DayGuide>)> =
                            month_days(*first).map(|d| (d, guides.known(d))).collect();
                        let locale = assembler.locale_on(*first);
                        let print = Print {
                            locale: &locale,
                            ..print
                        };
                        // A published month keeps its title and the weeks of its grid.
                        let title = days
                            .iter()
                            .find_map(|(_, d)| d.map(|d| d.title.as_str()))
                            .unwrap_or(setting.title);
                        let setting = MonthSetting {
                            title,
                            week_starts: assembler.weeks.setting_on(*first),
                            ..setting.clone()
                        };
                        (month_path(*first), month(*first, &days, &setting, print))
                    }
                };
                typeset
                    .map_err(|e| (path.clone(), e.to_string()))
                    .map(|set| {
                        let notices = set.notices(&path.display().to_string());
                        (Document::binary(path, set.bytes), notices)
                    })
            })
            .collect::<Vec<_>>()
    });
    // Typst memoizes across documents (that is what makes the second one cheap); drop what
    // has not been used recently so a long build's memory stays bounded.
    typst::comemo::evict(10);
    let mut rendered = Rendered::default();
    for made in parts.into_iter().flatten() {
        match made {
            Ok((doc, said)) => {
                rendered.docs.push(doc);
                rendered.notices.extend(said);
            }
            Err(failed) => rendered.failed.push(failed),
        }
    }
    Ok(rendered)
}

/// The calendar's type sizes: cells are small, so smaller than the sheet's.
const CALENDAR_SIZES: [f64; 5] = [8.5, 8.0, 7.5, 7.0, 6.5];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::project::Project;
    use crate::rotation::ledger::Ledger;

    fn project() -> Project {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        Project::load(&root.join("schedule.toml")).unwrap()
    }

    /// The week of 2026-11-23 from the small fixture, on A4.
    fn a_week(project: &Project) -> WeekGuide {
        let ledger = Ledger::new(project.schedule.start);
        let assembler = Assembler::new(
            &project.catalog,
            &project.schedule,
            &ledger,
            Audience::Public,
        );
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assembler.week(date, Paper::A4).unwrap()
    }

    fn print(locale: &Locale) -> Print<'_> {
        Print {
            locale,
            church: Some("St Mark's"),
        }
    }

    fn text_of(bytes: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// A point of about 230 characters.
    const LONG_POINT: &str = "Pray for the believers who meet in secret in this country, that \
        they find courage and wisdom when they are questioned, that their families are kept \
        safe, and that the churches that help them have enough for everyone who asks.";

    #[test]
    fn an_ordinary_week_fits_at_the_usual_size() {
        let p = project();
        let week = a_week(&p);
        let locale = Locale::english();
        for edition in [Edition::Sheet, Edition::Bulletin, Edition::Large] {
            let set = week_pdf(&week, edition, print(&locale));
            assert!(set.pages <= edition.pages(), "{edition:?}: {}", set.pages);
            assert_eq!(set.pt, edition.sizes()[0], "{edition:?}");
            assert!(set.left_out.is_empty(), "{edition:?}: {:?}", set.left_out);
            assert_eq!(set.notices("x.pdf"), Vec::<String>::new());
        }
    }

    fn alert(title: &str) -> crate::publish::assemble::AlertView {
        crate::publish::assemble::AlertView {
            id: "2026-11-23-ng".into(),
            date: "2026-11-23".into(),
            date_long: "Monday 23 November 2026".into(),
            until: "2026-11-29".into(),
            country: Some("Alphaland".into()),
            title: title.into(),
            text: vec![LONG_POINT.into(), LONG_POINT.into()],
        }
    }

    #[test]
    fn an_alert_is_on_the_sheet_and_a_full_week_still_fits_one_page() {
        let p = project();
        let locale = Locale::english();
        let mut week = a_week(&p);
        week.alerts = vec![alert("Pastor arrested in Kaduna")];
        for edition in [Edition::Sheet, Edition::Large] {
            let set = week_pdf(&week, edition, print(&locale));
            assert!(set.pages <= edition.pages(), "{edition:?}: {}", set.pages);
            let text = text_of(&set.bytes);
            assert!(text.contains("URGENTPRAYERREQUEST"), "{edition:?}: {text}");
            assert!(
                text.contains("Alphaland:Pastorarrested"),
                "{edition:?}: {text}"
            );
        }
        // A week already full: the alert's height is counted, so something else gives way
        // and the sheet stays one page with the alert whole on it.
        week.alerts[0].text.truncate(1);
        for (i, day) in week.days.iter_mut().enumerate() {
            day.points = (1..=5)
                .map(|n| format!("Day {i} point {n}. {}", &LONG_POINT[..125]))
                .collect();
        }
        week.notes = (1..=12)
            .map(|n| format!("Notice {n}: {}", &LONG_POINT[..125]))
            .collect();
        let full = week_pdf(&week, Edition::Sheet, print(&locale));
        assert_eq!(full.pages, 1, "{:?}", full.left_out);
        assert!(!full.left_out.is_empty());
        assert!(text_of(&full.bytes).contains(&LONG_POINT.replace(' ', "")));
    }

    fn week_pdf(week: &WeekGuide, edition: Edition, print: Print) -> Typeset {
        super::week(week, edition, print).unwrap()
    }

    #[test]
    fn a_full_week_shrinks_then_drops_leads_then_notes_but_never_a_point() {
        let p = project();
        let mut week = a_week(&p);
        for (i, day) in week.days.iter_mut().enumerate() {
            day.points = (1..=6)
                .map(|n| format!("Day {i} point {n}. {}", &LONG_POINT[..125]))
                .collect();
        }
        week.notes = (1..=12)
            .map(|n| format!("Notice {n}: {}", &LONG_POINT[..125]))
            .collect();
        let locale = Locale::english();
        let set = week_pdf(&week, Edition::Sheet, print(&locale));
        assert_eq!((set.pages, set.pt), (1, 9.0), "{:?}", set.left_out);
        assert_eq!(set.left_out[0], "the days' lead sentences and maps");
        assert!(
            set.left_out[1].starts_with("the last "),
            "{:?}",
            set.left_out
        );
        assert!(set.left_out[1].ends_with(" of the notes' 12 paragraphs"));
        let text = text_of(&set.bytes);
        for day in &week.days {
            for point in &day.points {
                let point: String = point.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(text.contains(&point), "missing: {point}");
            }
        }
        let notices = set.notices("weeks/2026-11-23.pdf");
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].starts_with(
                "note: weeks/2026-11-23.pdf: set at 9 pt and left out the days' lead \
                 sentences and maps, then the last "
            ),
            "{notices:?}"
        );
    }

    #[test]
    fn a_week_too_long_for_any_page_keeps_everything_and_says_so_once() {
        let p = project();
        let mut week = a_week(&p);
        for day in week.days.iter_mut() {
            day.points = (1..=12).map(|n| format!("{n}. {LONG_POINT}")).collect();
        }
        week.notes = (1..=3)
            .map(|n| format!("Notice {n}: choir at seven."))
            .collect();
        let locale = Locale::english();
        let set = week_pdf(&week, Edition::Sheet, print(&locale));
        assert!(set.pages >= 2, "{}", set.pages);
        // Nothing left out: it spills over anyway, so the leads and notes are printed.
        assert!(set.left_out.is_empty(), "{:?}", set.left_out);
        let notices = set.notices("weeks/2026-11-23.pdf");
        assert_eq!(notices.len(), 1, "{notices:?}");
        let warning = format!(
            "warning: weeks/2026-11-23.pdf: does not fit on one page even at 9 pt without the \
             days' lead sentences and maps, the last 3 of the notes' 3 paragraphs, the notes box, \
             because no prayer point is ever dropped, so nothing is left out: it prints on {} \
             pages at {} pt",
            set.pages, set.pt
        );
        assert!(notices[0].starts_with(&warning), "{notices:?}");
        let text = text_of(&set.bytes);
        for point in &week.days[6].points {
            let point: String = point.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&point), "missing: {point}");
        }
        for note in &week.notes {
            let note: String = note.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&note), "missing: {note}");
        }
        let lead = week.days[0]
            .country
            .as_ref()
            .map(|c| c.lead.clone())
            .unwrap_or_default();
        let lead: String = lead.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&lead), "missing the lead {lead}");
        // The pages are used: the last holds more than a line or two.
        let doc = lopdf::Document::load_mem(&set.bytes).unwrap();
        let last = *doc.get_pages().keys().max().unwrap();
        let on_last: String = doc.extract_text(&[last]).unwrap();
        assert!(on_last.len() > 400, "the last page holds only {on_last:?}");
    }

    #[test]
    fn the_calendar_leads_to_the_sign_up_page_where_there_is_one() {
        let base = Some("https://example.org/prayer/");
        let serve = Some("https://pray.example.org/");
        assert_eq!(
            calendar_link(base, serve).as_deref(),
            Some("https://pray.example.org/subscribe")
        );
        assert_eq!(calendar_link(base, None).as_deref(), base);
        assert_eq!(calendar_link(None, None), None);
    }

    #[test]
    fn the_calendar_fits_a_month_on_one_page() {
        let p = project();
        let ledger = Ledger::new(p.schedule.start);
        let assembler = Assembler::new(&p.catalog, &p.schedule, &ledger, Audience::Public);
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let guides: Vec<DayGuide> = first
            .iter_days()
            .take(30)
            .map(|d| assembler.day(d).unwrap())
            .collect();
        let days: Vec<(NaiveDate, Option<&DayGuide>)> = first
            .iter_days()
            .zip(&guides)
            .map(|(d, g)| (d, Some(g)))
            .collect();
        let setting = MonthSetting {
            title: "Test",
            paper: Paper::Letter,
            week_starts: p.schedule.week_starts,
            base_url: Some("https://example.org/prayer/"),
            link: Some("https://example.org/prayer/".into()),
            audience: Audience::Public,
        };
        let locale = Locale::english();
        let set = month(first, &days, &setting, print(&locale)).unwrap();
        assert_eq!(set.pages, 1);
        let text = text_of(&set.bytes);
        // The first Sunday of November is pinned to the Day of Prayer.
        assert!(text.contains("DayofPrayer"), "{text}");
        assert!(text.contains("1–30November2026"), "{text}");
    }
}
