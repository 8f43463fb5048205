//! Country guides: the `guides/*.toml` format, loaded strictly and validated as a whole library.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::content::parse::{FileFormat, hint, parse};
use crate::content::source::SourceFile;
use crate::error::{Diagnostic, Diagnostics, Error};

/// One country's guide, as an editor writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub name: String,
    pub code: String,
    pub region: String,
    /// The day an editor last checked the guide; `None` makes it a draft (see [`Catalog`]).
    #[serde(default, deserialize_with = "crate::content::de::opt_date")]
    pub reviewed: Option<NaiveDate>,
    /// First day the guide may appear in the rotation; `None` means from the rotation's start.
    #[serde(default, deserialize_with = "crate::content::de::opt_date")]
    pub since: Option<NaiveDate>,
    /// First day the guide no longer appears.
    #[serde(default, deserialize_with = "crate::content::de::opt_date")]
    pub retired: Option<NaiveDate>,
    pub summary: String,
    pub points: Vec<Point>,
    #[serde(default)]
    pub praise: Vec<String>,
    pub scripture: Option<String>,
    pub facts: Option<Facts>,
    pub story: Option<Story>,
    pub sources: Vec<Source>,
}

/// Every field of a guide, how it is written: what `check` says about a wrong value.
pub const GUIDE_FORMAT: FileFormat = FileFormat {
    name: "a guide",
    documented_in: "guides/README.md",
    fields: &[
        hint("name", "the country's name in quotes", "name = \"Nigeria\""),
        hint(
            "code",
            "a two-letter country code in quotes",
            "code = \"NG\"",
        ),
        hint(
            "region",
            "text in quotes",
            "region = \"Sub-Saharan Africa\"",
        ),
        hint("reviewed", "a date", "reviewed = 2026-11-20"),
        hint("since", "a date", "since = 2027-01-04"),
        hint("retired", "a date", "retired = 2028-01-01"),
        hint(
            "summary",
            "text in quotes",
            "summary = \"\"\"One to three paragraphs.\"\"\"",
        ),
        hint(
            "points",
            "a list of sentences in quotes",
            "points = [\"Pray for ...\", \"Pray for ...\"]",
        ),
        hint(
            "points.text",
            "a sentence in quotes",
            "{ text = \"Pray for ...\", restricted = true }",
        ),
        hint(
            "points.restricted",
            "true or false",
            "{ text = \"Pray for ...\", restricted = true }",
        ),
        hint(
            "praise",
            "a list of sentences in quotes",
            "praise = [\"Give thanks for ...\"]",
        ),
        hint(
            "scripture",
            "a Bible reference in quotes",
            "scripture = \"Hebrews 13:3\"",
        ),
        hint("facts", "a table", "[facts]"),
        hint(
            "facts.persecution",
            "one of extreme, very-high, high",
            "persecution = \"extreme\"",
        ),
        hint(
            "facts.population",
            "a whole number",
            "population = 227_900_000",
        ),
        hint(
            "facts.christians",
            "a whole number, no larger than the population",
            "christians = 4_500_000",
        ),
        hint(
            "facts.christians_percent",
            "a number from 0 to 100",
            "christians_percent = 46.4",
        ),
        hint(
            "facts.main_religion",
            "the largest religion in quotes, as the source names it",
            "main_religion = \"Islam\"",
        ),
        hint(
            "facts.pressure",
            "a list of 1 to 3 sources of pressure in quotes, in the source's words",
            "pressure = [\"Islamic oppression\", \"Dictatorial paranoia\"]",
        ),
        hint("facts.as_of", "a year", "as_of = 2025"),
        hint(
            "facts.watch_list",
            "a table of name, year and rank (or outside_top)",
            "watch_list = { name = \"World Watch List\", year = 2026, rank = 7, score = 88 }",
        ),
        hint(
            "facts.watch_list.name",
            "text in quotes",
            "name = \"World Watch List\"",
        ),
        hint("facts.watch_list.year", "a year", "year = 2026"),
        hint("facts.watch_list.rank", "a whole number from 1", "rank = 7"),
        hint(
            "facts.watch_list.score",
            "a whole number from 0 to 100, the list's score",
            "score = 88",
        ),
        hint(
            "facts.watch_list.outside_top",
            "how many places the list ranks, for a country not among them (instead of rank)",
            "outside_top = 50",
        ),
        hint("story", "a table", "[story]"),
        hint(
            "story.pseudonym",
            "a name in quotes",
            "pseudonym = \"Esther\"",
        ),
        hint(
            "story.quote",
            "text in quotes",
            "quote = \"One or two sentences in her voice.\"",
        ),
        hint(
            "story.context",
            "text in quotes",
            "context = \"Who she is and what happened.\"",
        ),
        hint("story.composite", "true or false", "composite = true"),
        hint(
            "story.pseudonym_unconfirmed",
            "true, until an editor has made sure the name is a pseudonym (then delete the line)",
            "pseudonym_unconfirmed = true",
        ),
        hint(
            "sources",
            "[[sources]] tables with a title and a url",
            "[[sources]]",
        ),
        hint(
            "sources.title",
            "text in quotes",
            "title = \"World Watch List 2026: Nigeria\"",
        ),
        hint(
            "sources.url",
            "a web address in quotes",
            "url = \"https://example.org/nigeria\"",
        ),
        hint(
            "sources.accessed",
            "the date the source was read",
            "accessed = 2026-11-20",
        ),
    ],
};

/// A prayer point. Restricted points never appear in a public output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub text: String,
    pub restricted: bool,
}

impl<'de> Deserialize<'de> for Point {
    /// A point is a plain string, or `{ text = "...", restricted = true }`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            text: String,
            #[serde(default)]
            restricted: bool,
        }
        struct PointVisitor;
        impl<'de> Visitor<'de> for PointVisitor {
            type Value = Point;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    r#"a sentence in quotes, or a table like { text = "...", restricted = true }"#,
                )
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Point, E> {
                Ok(Point {
                    text: text.to_string(),
                    restricted: false,
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Point, M::Error> {
                let t = Table::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Point {
                    text: t.text,
                    restricted: t.restricted,
                })
            }
        }
        d.deserialize_any(PointVisitor)
    }
}

/// How severe pressure on Christians is, in the watch lists' own bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Persecution {
    Extreme,
    VeryHigh,
    High,
}

impl Persecution {
    pub fn label(self) -> &'static str {
        match self {
            Persecution::Extreme => "Extreme",
            Persecution::VeryHigh => "Very high",
            Persecution::High => "High",
        }
    }
}

/// Optional figures, each only where a listed source states it.
///
/// The fields added later are left out of the JSON when unset, so that a snapshot of a
/// published day (see `rotation::frozen`) reads and hashes as it did before they existed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    pub persecution: Option<Persecution>,
    pub population: Option<u64>,
    /// The number of Christians, as the source states it; at most `population`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub christians: Option<u64>,
    pub christians_percent: Option<f64>,
    /// The largest religion, as the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_religion: Option<String>,
    /// The main sources of pressure on Christians (Open Doors' "persecution engines"), 1 to 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pressure: Vec<String>,
    /// The year the population and the Christians' figures refer to.
    pub as_of: Option<i32>,
    pub watch_list: Option<WatchList>,
}

/// A place on a named, dated watch list: a rank (with its score, where the source gives one),
/// or a note that the country is not in the list's top `outside_top`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WatchList {
    pub name: String,
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// Not ranked: outside the list's top this many (50 for the World Watch List).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_top: Option<u32>,
}

/// A testimony as ministries present one: under a pseudonym.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub pseudonym: String,
    pub quote: String,
    pub context: String,
    #[serde(default)]
    pub composite: bool,
    /// Set by `import` when the page did not mark the name as a pseudonym: it may be a real
    /// person's name. An error until an editor deletes it, so the name is never shown as "a
    /// pseudonym" before someone has made sure it is one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pseudonym_unconfirmed: bool,
}

/// A public source for the guide's facts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
    /// The day an editor read the source; `reviewed` may not be later than the latest of these.
    #[serde(
        default,
        deserialize_with = "crate::content::de::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub accessed: Option<NaiveDate>,
}

/// Words that make a sentence "about the church": the believers themselves, their churches and
/// their leaders. Matched as whole words, ignoring case; see [`mentions_church`].
pub const CHURCH_WORDS: &[&str] = &[
    "christian",
    "christians",
    "christianity",
    "church",
    "churches",
    "believer",
    "believers",
    "congregation",
    "congregations",
    "parish",
    "parishes",
    "pastor",
    "pastors",
    "priest",
    "priests",
    "clergy",
    "bishop",
    "bishops",
    "catechist",
    "catechists",
    "convert",
    "converts",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "orthodox",
    "evangelical",
    "evangelicals",
    "pentecostal",
    "pentecostals",
    "copt",
    "copts",
    "coptic",
];

/// Phrases that also count (matched ignoring case and spacing).
pub const CHURCH_PHRASES: &[&str] = &[
    "followers of jesus",
    "follower of jesus",
    "followers of christ",
    "follower of christ",
];

/// Whether `text` names the Christians, their churches or their leaders: one of
/// [`CHURCH_WORDS`] as a whole word, or one of [`CHURCH_PHRASES`].
pub fn mentions_church(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let spaced = format!(" {} ", words.join(" "));
    words.iter().any(|w| CHURCH_WORDS.contains(w))
        || CHURCH_PHRASES
            .iter()
            .any(|p| spaced.contains(&format!(" {p} ")))
}

/// The text up to and including the first full stop that ends a sentence.
pub fn first_sentence(text: &str) -> String {
    let end = text
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .find(|&i| text[i..].starts_with(' ') || i == text.len());
    text[..end.unwrap_or(text.len())].to_string()
}

impl Guide {
    /// The summary split into paragraphs at blank lines, each joined onto one line.
    pub fn paragraphs(&self) -> Vec<String> {
        paragraphs(&self.summary)
    }

    /// The summary's first sentence: the line the weekly sheet, the bulletin and the digest show.
    pub fn lead(&self) -> String {
        first_sentence(self.paragraphs().first().map_or("", String::as_str))
    }

    /// The latest day any source was read, if any source records one.
    pub fn last_accessed(&self) -> Option<NaiveDate> {
        self.sources.iter().filter_map(|s| s.accessed).max()
    }

    /// Whether the guide is in the rotation on `date`.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= date) && self.retired.is_none_or(|r| date < r)
    }
}

/// Splits text into paragraphs at blank lines, folding each paragraph's lines into one. Lines
/// may end in LF or CRLF (a notes file saved on Windows), and a line of spaces is blank too.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !words.is_empty() {
                out.push(words.join(" "));
                words.clear();
            }
        } else {
            words.extend(line.split_whitespace());
        }
    }
    if !words.is_empty() {
        out.push(words.join(" "));
    }
    out
}

/// A guide together with the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub guide: Guide,
    pub file: SourceFile,
}

/// Every guide of a library, sorted by file name.
///
/// A guide without `reviewed` is a draft (what `prayer-guide import` writes): it is checked like
/// any guide, but kept apart in `drafts`, so no rotation or output sees it until an editor has
/// checked it and set `reviewed`.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    pub drafts: Vec<Entry>,
}

impl Catalog {
    /// Loads and validates every `*.toml` in `dir`, pushing every problem found into `diagnostics`
    /// (not only the first). Only a directory that cannot be read is an `Err`.
    pub fn load(dir: &Path, diagnostics: &mut Diagnostics) -> Result<Catalog, Error> {
        let mut entries = Vec::new();
        for path in toml_files(dir)? {
            let file = match SourceFile::read(&path) {
                Ok(file) => file,
                // One unreadable file does not stop the check of the others.
                Err(Error::Invalid(d)) => {
                    diagnostics.extend(d);
                    continue;
                }
                Err(e) => {
                    diagnostics.push(Diagnostic::error(&path, e.to_string()));
                    continue;
                }
            };
            let mut parsed = parse::<Guide>(&file, &GUIDE_FORMAT);
            // A guide read in full joins the catalog even with problems of content, so that
            // the library-wide checks (codes, the schedule's references) still see it.
            let read_in_full = parsed.diagnostics.0.is_empty();
            let later = parsed.value.as_ref().map(|guide| {
                let mut out = Diagnostics::default();
                validate_guide(guide, &file, &mut out);
                out
            });
            parsed.add_checks(later.unwrap_or_default());
            diagnostics.extend(parsed.diagnostics);
            if let (true, Some(guide)) = (read_in_full, parsed.value) {
                entries.push(Entry { guide, file });
            }
        }
        let (entries, drafts): (Vec<Entry>, Vec<Entry>) = entries
            .into_iter()
            .partition(|e| e.guide.reviewed.is_some());
        if entries.is_empty() && !diagnostics.has_errors() {
            let message = if drafts.is_empty() {
                "no guides found"
            } else {
                "no reviewed guides: every guide is a draft"
            };
            diagnostics.push(
                Diagnostic::error(dir, message).help(
                    "add a file such as guides/nigeria.toml, or set `reviewed` in a checked draft; guides/README.md shows the format",
                ),
            );
        }
        let mut codes: HashMap<&str, &Path> = HashMap::new();
        for e in entries.iter().chain(&drafts) {
            if let Some(first) = codes.insert(&e.guide.code, &e.file.path) {
                diagnostics.push(
                    e.file
                        .error_at(
                            None,
                            "code",
                            format!("`{}` is already used by {}", e.guide.code, first.display()),
                        )
                        .help("each country has one guide: merge the two files or fix the code"),
                );
            }
        }
        Ok(Catalog { entries, drafts })
    }

    pub fn guides(&self) -> impl Iterator<Item = &Guide> {
        self.entries.iter().map(|e| &e.guide)
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.guide.code == code)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The warning `check` gives for a draft: a guide without `reviewed`.
pub fn draft_warning(file: &SourceFile) -> Diagnostic {
    Diagnostic::warning(
        &file.path,
        "a draft: `reviewed` is not set, so no guide, sheet, feed or email includes it yet",
    )
    .field("reviewed")
    .help(
        "check its text against its [[sources]], rewrite quoted text in our own words, then add \
         `reviewed = <today>` (and `since = <the day it joins>` if the rotation is running)",
    )
}

/// Checks one guide file on its own: its format, its content, and whether it is a draft.
pub fn check_file(file: &SourceFile) -> Diagnostics {
    let mut out = Diagnostics::default();
    match file.parse::<Guide>() {
        Ok(guide) => {
            validate_guide(&guide, file, &mut out);
            if guide.reviewed.is_none() {
                out.push(draft_warning(file));
            }
        }
        Err(d) => out.push(d),
    }
    out
}

/// The `*.toml` files of a directory in name order; README and other files are ignored.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let read =
        std::fs::read_dir(dir).map_err(|e| Error::io("read the guides directory", dir, e))?;
    let mut files = Vec::new();
    for entry in read {
        let path = entry
            .map_err(|e| Error::io("read the guides directory", dir, e))?
            .path();
        if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Why a file in the guides folder that looks like a guide is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unread {
    /// A folder with guides in it: only the guides folder itself is read.
    Subfolder,
    /// `x.TOML`, `x.toml.txt`, `x.toml.bak`: only names ending in `.toml` are read.
    Name,
}

impl Unread {
    pub fn message(self) -> &'static str {
        match self {
            Unread::Subfolder => {
                "holds guides that are not read: guides in subfolders are left out"
            }
            Unread::Name => "is not read: only files whose names end in `.toml` are guides",
        }
    }

    /// What to do about `path`.
    pub fn help(self, path: &Path) -> String {
        match self {
            Unread::Subfolder => "move the guides into the guides folder itself (only a folder \
                                  named by a language tag, such as es, is read: as translations)"
                .to_string(),
            Unread::Name => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let lower = name.to_lowercase();
                let stem = &name[..lower.find(".toml").unwrap_or(name.len())];
                format!(
                    "rename it {stem}.toml to include it (some systems hide a second ending such as .txt)"
                )
            }
        }
    }
}

/// Files and folders of `dir` that look like guides but are not read, by name.
pub fn unread_files(dir: &Path) -> Vec<(PathBuf, Unread)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Unread)> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            if name.starts_with('.') {
                return None;
            }
            if path.is_dir() {
                // `guides/es/` holds translations, read by `translation`; `guides/drafts/`
                // imports waiting for review (`import --review`).
                if crate::content::translation::language_folder(&name).is_some()
                    || name == crate::import::staging::FOLDER
                {
                    return None;
                }
                let holds_guides = std::fs::read_dir(&path)
                    .ok()?
                    .filter_map(Result::ok)
                    .any(|e| {
                        e.path()
                            .extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                    });
                return holds_guides.then_some((path, Unread::Subfolder));
            }
            let lower = name.to_lowercase();
            (lower.contains(".toml") && !name.ends_with(".toml")).then_some((path, Unread::Name))
        })
        .collect();
    found.sort();
    found
}

/// Checks what serde cannot express. Pushes every problem found.
fn validate_guide(g: &Guide, file: &SourceFile, out: &mut Diagnostics) {
    let mut err = |key: &str, table: Option<&str>, msg: String, help: &str| {
        out.push(file.error_at(table, key, msg).help(help));
    };
    if g.name.trim().is_empty() {
        err(
            "name",
            None,
            "the country name is empty".into(),
            "write the name readers know, e.g. \"Nigeria\"",
        );
    }
    if !(g.code.len() == 2 && g.code.chars().all(|c| c.is_ascii_uppercase())) {
        err(
            "code",
            None,
            format!("`{}` is not an ISO 3166-1 alpha-2 code", g.code),
            "use two upper-case letters, e.g. \"NG\" for Nigeria",
        );
    }
    if g.region.trim().is_empty() {
        err(
            "region",
            None,
            "the region is empty".into(),
            "e.g. \"Sub-Saharan Africa\"",
        );
    }
    let paragraphs = g.paragraphs();
    if paragraphs.is_empty() || paragraphs.len() > 3 {
        err(
            "summary",
            None,
            format!("the summary has {} paragraphs", paragraphs.len()),
            "write 1 to 3 short paragraphs separated by a blank line",
        );
    }
    if g.points.is_empty() {
        err(
            "points",
            None,
            "there are no prayer points".into(),
            "add at least one point; 3 to 8 is usual",
        );
    }
    for (i, p) in g.points.iter().enumerate() {
        if p.text.trim().is_empty() {
            err(
                "points",
                None,
                format!("point {} is empty", i + 1),
                "write one short sentence, or remove it",
            );
        }
    }
    if g.points.iter().all(|p| p.restricted) && !g.points.is_empty() {
        err(
            "points",
            None,
            "every point is restricted, so public outputs would show none".into(),
            "leave at least one point public",
        );
    }
    if let Some(text) = g.praise.iter().find(|p| p.trim().is_empty()) {
        err(
            "praise",
            None,
            format!("an item is empty: {text:?}"),
            "remove the empty item",
        );
    }
    if let (Some(since), Some(retired)) = (g.since, g.retired)
        && retired <= since
    {
        err(
            "retired",
            None,
            format!("{retired} is not after `since` ({since})"),
            "a guide retires after it joins",
        );
    }
    if let Some(f) = &g.facts {
        if let Some(p) = f.christians_percent
            && !(0.0..=100.0).contains(&p)
        {
            err(
                "christians_percent",
                Some("facts"),
                format!("{p} is not a percentage"),
                "a number from 0 to 100",
            );
        }
        if let (Some(c), Some(p)) = (f.christians, f.population)
            && c > p
        {
            err(
                "christians",
                Some("facts"),
                format!("{c} Christians is more than the population ({p})"),
                "check both figures against the source: `christians` counts people, not a share",
            );
        }
        let figures = f.population.is_some() || f.christians.is_some();
        if (figures || f.christians_percent.is_some()) && f.as_of.is_none() {
            err(
                "as_of",
                Some("facts"),
                "figures without the year they refer to".into(),
                "add `as_of = 2025` (the year of the source's estimate)",
            );
        }
        if let Some(religion) = &f.main_religion
            && religion.trim().is_empty()
        {
            err(
                "main_religion",
                Some("facts"),
                "is empty".into(),
                "name the largest religion as the source does, e.g. \"Islam\", or remove the line",
            );
        }
        if f.pressure.len() > 3 {
            err(
                "pressure",
                Some("facts"),
                format!("{} sources of pressure, more than 3", f.pressure.len()),
                "keep the main 1 to 3, in the order the source gives them",
            );
        }
        if let Some(i) = f.pressure.iter().position(|p| p.trim().is_empty()) {
            err(
                "pressure",
                Some("facts"),
                format!("item {} is empty", i + 1),
                "remove the empty item",
            );
        }
    }
    if let Some(s) = &g.story {
        for (key, value) in [
            ("pseudonym", &s.pseudonym),
            ("quote", &s.quote),
            ("context", &s.context),
        ] {
            if value.trim().is_empty() {
                err(
                    key,
                    Some("story"),
                    "is empty".into(),
                    "a story needs a pseudonym, a quote and a line of context",
                );
            }
        }
        if s.pseudonym_unconfirmed {
            err(
                "pseudonym_unconfirmed",
                Some("story"),
                format!(
                    "the page this story came from did not say “{}” is a pseudonym: it may be a real person's name",
                    s.pseudonym
                ),
                "give the person a pseudonym (or make sure the page's name is one), then delete this line",
            );
        }
    }
    if g.sources.is_empty() {
        err(
            "sources",
            None,
            "there are no sources".into(),
            "add a [[sources]] table with title and url",
        );
    }
    if let (Some(reviewed), Some(read)) = (g.reviewed, g.last_accessed())
        && reviewed > read
    {
        err(
            "reviewed",
            None,
            format!(
                "reviewed {reviewed} is later than the day any source was read (latest `accessed` is {read})"
            ),
            "a review means checking the facts against the sources: read them again and set their \
             `accessed` to that day, or set `reviewed` back to when they were read",
        );
    }
    for s in &g.sources {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            err(
                "url",
                Some("sources"),
                format!("`{}` is not a web address", s.url),
                "write the full address, starting with https://",
            );
        }
    }
    if let Some(w) = g.facts.as_ref().and_then(|f| f.watch_list.as_ref()) {
        validate_watch_list(w, file, out);
    }
    let points: Vec<&str> = g.points.iter().map(|p| p.text.as_str()).collect();
    check_repeats(file, "points", "point", &points, out);
    let praise: Vec<&str> = g.praise.iter().map(String::as_str).collect();
    check_repeats(file, "praise", "item", &praise, out);
}

/// A watch list place: a rank (and a score out of 100) or `outside_top`, never both.
fn validate_watch_list(w: &WatchList, file: &SourceFile, out: &mut Diagnostics) {
    let mut err = |key: &str, msg: String, help: &str| {
        out.push(
            file.error_at(Some("facts"), "watch_list", msg)
                .field(format!("facts.watch_list.{key}"))
                .help(help),
        );
    };
    if w.name.trim().is_empty() {
        err(
            "name",
            "is empty".into(),
            "name the list, e.g. \"World Watch List\"",
        );
    }
    match (w.rank, w.outside_top) {
        (Some(_), Some(_)) => err(
            "outside_top",
            "a rank and `outside_top` together".into(),
            "keep `rank` for a country on the list, or `outside_top` for one not ranked, not both",
        ),
        (None, None) => err(
            "rank",
            "neither a rank nor `outside_top`".into(),
            "add `rank = 7` for a country on the list, or `outside_top = 50` for one not in its top 50",
        ),
        _ => {}
    }
    if w.rank == Some(0) {
        err("rank", "rank 0 does not exist".into(), "ranks start at 1");
    }
    if w.outside_top == Some(0) {
        err(
            "outside_top",
            "outside the top 0 says nothing".into(),
            "write how many places the list ranks: `outside_top = 50` for the World Watch List",
        );
    }
    if let Some(score) = w.score {
        if score > 100 {
            err(
                "score",
                format!("{score} is not a score: the list scores out of 100"),
                "copy the score as the list gives it, a whole number from 0 to 100",
            );
        }
        if w.rank.is_none() {
            err(
                "score",
                "a score without a rank".into(),
                "the list publishes scores for ranked countries: add the rank, or remove the score",
            );
        }
    }
}

/// An error for every item of the list `key` that repeats an earlier one, placed on the repeat.
/// Spacing and capitals do not count: the ledger knows a point by its text with the spaces
/// folded, so two such points would be one point shown twice on a day.
fn check_repeats(file: &SourceFile, key: &str, item: &str, texts: &[&str], out: &mut Diagnostics) {
    let folded = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, text) in texts.iter().enumerate() {
        let key_text = folded(text).to_lowercase();
        // An empty item is reported as empty already.
        if key_text.is_empty() {
            continue;
        }
        let Some(&first) = seen.get(&key_text) else {
            seen.insert(key_text, i);
            continue;
        };
        let how = if folded(texts[first]) == folded(text) {
            ""
        } else {
            " apart from capitals or spacing"
        };
        let place = |n: usize| match file.locate_array_item(key, n) {
            Some((line, _)) => format!("{item} {} is on line {line}", n + 1),
            None => format!("{item} {}", n + 1),
        };
        out.push(
            Diagnostic::error(
                &file.path,
                format!(
                    "{key} {} and {} are the same text{how}: {}",
                    first + 1,
                    i + 1,
                    quote_start(text)
                ),
            )
            .at(file
                .locate_array_item(key, i)
                .or_else(|| file.locate(None, key)))
            .field(key)
            .help(format!(
                "delete one of them ({}, {}): the same {item} twice prints twice on a day",
                place(first),
                place(i)
            )),
        );
    }
}

/// The start of `text` in quotes, enough to recognise it in the file.
fn quote_start(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        format!("\"{}\"", words.join(" "))
    } else {
        format!("\"{} ...\"", words[..8].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_with_any_line_ending() {
        let expected = ["One two.", "Three.", "Four five."];
        assert_eq!(paragraphs("One\ntwo.\n\nThree.\n\nFour five.\n"), expected);
        assert_eq!(
            paragraphs("One\r\ntwo.\r\n\r\nThree.\r\n\r\nFour five.\r\n"),
            expected
        );
        assert_eq!(
            paragraphs("One two.\n  \nThree.\n\n\n\nFour five."),
            expected
        );
        assert!(paragraphs(" \r\n\r\n").is_empty());
    }

    const GOOD: &str = r#"
name = "Testland"
code = "TL"
region = "Nowhere"
reviewed = 2026-11-01
summary = """
One.

Two.
"""
points = ["Pray for a.", { text = "Pray for b.", restricted = true }]

[[sources]]
title = "A source"
url = "https://example.org"
"#;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "guides/testland.toml".into(),
            text: text.into(),
        }
    }

    /// A guide that must read without a diagnostic.
    fn guide(f: &SourceFile) -> Guide {
        let parsed = parse::<Guide>(f, &GUIDE_FORMAT);
        assert!(parsed.diagnostics.0.is_empty(), "{}", parsed.diagnostics);
        parsed.value.unwrap()
    }

    #[test]
    fn reads_plain_and_restricted_points() {
        let g = guide(&file(GOOD));
        assert_eq!(
            g.points[0],
            Point {
                text: "Pray for a.".into(),
                restricted: false
            }
        );
        assert!(g.points[1].restricted);
        assert_eq!(g.paragraphs(), vec!["One.", "Two."]);
    }

    #[test]
    fn errors_on_unknown_field_in_a_point() {
        let text = GOOD.replace("restricted = true", "restrict = true");
        let parsed = parse::<Guide>(&file(&text), &GUIDE_FORMAT);
        let d = &parsed.diagnostics.0[0];
        assert_eq!(parsed.diagnostics.0.len(), 1, "{}", parsed.diagnostics);
        assert!(d.message.contains("unknown field `restrict`"), "{d}");
        assert_eq!(
            d.help.as_deref(),
            Some("did you mean `restricted`? the fields are listed in guides/README.md")
        );
        assert_eq!(d.location.map(|l| l.0), Some(11));
    }

    #[test]
    fn four_mistakes_give_four_diagnostics() {
        let text = GOOD
            .replace("code = \"TL\"\n", "")
            .replace("reviewed = 2026-11-01", "reviewed = \"2026-11-01\"")
            .replace(
                "[[sources]]",
                "[facts]\npopulation = \"many\"\n\n[[sources]]",
            )
            .replace("url =", "adress = \"x\"\nurl =");
        let parsed = parse::<Guide>(&file(&text), &GUIDE_FORMAT);
        let found: Vec<String> = parsed
            .diagnostics
            .sorted()
            .0
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "error: guides/testland.toml:1:1: `code`: is missing; a guide needs it\n  \
                 help: add it, like `code = \"NG\"`",
                "error: guides/testland.toml:4:12: `reviewed`: must be a date, like \
                 `reviewed = 2026-11-20`\n  help: write the date as 2026-11-01, without quotes",
                "error: guides/testland.toml:13:14: `facts.population`: must be a whole number, \
                 like `population = 227_900_000`\n  help: here it is the text \"many\"",
                "error: guides/testland.toml:17:1: `sources.adress`: unknown field `adress`, \
                 expected one of `title`, `url`, `accessed`\n  help: check the spelling; the fields are listed in \
                 guides/README.md",
            ]
        );
    }

    #[test]
    fn every_field_has_a_hint() {
        let probe = GOOD
            .replace("restricted = true }", "restricted = true, zz = 1 }")
            .replace("name = \"Testland\"", "zz = 1\nname = \"Testland\"")
            .replace(
                "[[sources]]",
                "[facts]\nzz = 1\nwatch_list = { zz = 1 }\n[story]\nzz = 1\n[[sources]]\nzz = 1",
            );
        let mut named = crate::content::parse::fields_named::<Guide>(&probe);
        let mut hinted: Vec<&str> = GUIDE_FORMAT.fields.iter().map(|h| h.path).collect();
        named.sort();
        hinted.sort();
        assert_eq!(named, hinted);
    }

    #[test]
    fn validation_reports_every_problem() {
        let text = GOOD
            .replace("\"TL\"", "\"tl\"")
            .replace("https://example.org", "example.org");
        let f = file(&text);
        let g = guide(&f);
        let mut out = Diagnostics::default();
        validate_guide(&g, &f, &mut out);
        let fields: Vec<_> = out.0.iter().map(|d| d.field.clone().unwrap()).collect();
        assert_eq!(fields, vec!["code", "sources.url"]);
        assert_eq!(out.0[0].location, Some((3, 1)));
    }

    #[test]
    fn errors_on_a_point_or_praise_written_twice() {
        let text = GOOD.replace(
            "points = [\"Pray for a.\", { text = \"Pray for b.\", restricted = true }]",
            "points = [\n  \"Pray for a.\",\n  \"Pray for b.\",\n  { text = \"pray  for A.\", \
             restricted = true },\n  \"Pray for b.\",\n]\npraise = [\"Thanks.\", \"Thanks.\"]",
        );
        let f = file(&text);
        let mut out = Diagnostics::default();
        validate_guide(&guide(&f), &f, &mut out);
        let found: Vec<String> = out.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            found,
            [
                "error: guides/testland.toml:14:3: `points`: points 1 and 3 are the same text \
                 apart from capitals or spacing: \"pray for A.\"\n  help: delete one of them \
                 (point 1 is on line 12, point 3 is on line 14): the same point twice prints \
                 twice on a day",
                "error: guides/testland.toml:15:3: `points`: points 2 and 4 are the same text: \
                 \"Pray for b.\"\n  help: delete one of them (point 2 is on line 13, point 4 is \
                 on line 15): the same point twice prints twice on a day",
                "error: guides/testland.toml:17:22: `praise`: praise 1 and 2 are the same text: \
                 \"Thanks.\"\n  help: delete one of them (item 1 is on line 17, item 2 is on \
                 line 17): the same item twice prints twice on a day",
            ]
        );
    }

    /// The diagnostics of GOOD with `facts` as its `[facts]` table, as `field: message`.
    fn facts_problems(facts: &str) -> Vec<String> {
        let f = file(&GOOD.replace("[[sources]]", &format!("[facts]\n{facts}\n\n[[sources]]")));
        let mut out = Diagnostics::default();
        validate_guide(&guide(&f), &f, &mut out);
        out.0
            .iter()
            .map(|d| {
                let line = d.location.map_or(0, |l| l.0);
                format!("{line} {}: {}", d.field.as_deref().unwrap_or(""), d.message)
            })
            .collect()
    }

    #[test]
    fn reads_the_new_facts_and_a_place_outside_the_list() {
        let f = file(&GOOD.replace(
            "[[sources]]",
            "[facts]\npopulation = 251_269_164\nchristians = 4_500_000\nmain_religion = \"Islam\"\n\
             pressure = [\"Islamic oppression\"]\nas_of = 2026\n\
             watch_list = { name = \"World Watch List\", year = 2026, outside_top = 50 }\n\n[[sources]]",
        ));
        let g = guide(&f);
        let facts = g.facts.as_ref().unwrap();
        assert_eq!(facts.christians, Some(4_500_000));
        assert_eq!(facts.pressure, ["Islamic oppression"]);
        let w = facts.watch_list.as_ref().unwrap();
        assert_eq!((w.rank, w.score, w.outside_top), (None, None, Some(50)));
        let mut out = Diagnostics::default();
        validate_guide(&g, &f, &mut out);
        assert!(out.0.is_empty(), "{out}");
    }

    #[test]
    fn errors_on_impossible_facts_with_their_line_and_field() {
        assert_eq!(
            facts_problems(
                "population = 1_000\nchristians = 2_000\nchristians_percent = 101.0\n\
                 main_religion = \" \"\npressure = [\"a\", \"\", \"c\", \"d\"]\n\
                 watch_list = { name = \"World Watch List\", year = 2026, rank = 3, outside_top = 50 }"
            ),
            [
                "16 facts.christians_percent: 101 is not a percentage",
                "15 facts.christians: 2000 Christians is more than the population (1000)",
                "13 facts.as_of: figures without the year they refer to",
                "17 facts.main_religion: is empty",
                "18 facts.pressure: 4 sources of pressure, more than 3",
                "18 facts.pressure: item 2 is empty",
                "19 facts.watch_list.outside_top: a rank and `outside_top` together",
            ]
        );
        assert_eq!(
            facts_problems("watch_list = { name = \"\", year = 2026, score = 101 }"),
            [
                "14 facts.watch_list.name: is empty",
                "14 facts.watch_list.rank: neither a rank nor `outside_top`",
                "14 facts.watch_list.score: 101 is not a score: the list scores out of 100",
                "14 facts.watch_list.score: a score without a rank",
            ]
        );
        assert_eq!(
            facts_problems("watch_list = { name = \"W\", year = 2026, rank = 0 }"),
            ["14 facts.watch_list.rank: rank 0 does not exist"]
        );
    }

    #[test]
    fn an_old_snapshot_of_facts_reads_and_writes_the_same() {
        // What a ledger written before `christians`, `main_religion`, `pressure`, `score` and
        // `outside_top` holds: it must read, and write back byte for byte (its hash is its id).
        let old = r#"{"persecution":"extreme","population":1234567,"christians_percent":1.5,"as_of":2025,"watch_list":{"name":"World Watch List","year":2026,"rank":7}}"#;
        let facts: Facts = serde_json::from_str(old).unwrap();
        assert_eq!(serde_json::to_string(&facts).unwrap(), old);
    }

    #[test]
    fn takes_the_first_sentence() {
        assert_eq!(first_sentence("One a.b. Two."), "One a.b.");
        assert_eq!(first_sentence("No stop"), "No stop");
    }

    #[test]
    fn the_lead_is_the_first_sentence_of_the_summary() {
        let g: Guide = file(&GOOD.replace("One.", "The church meets. Then more."))
            .parse()
            .unwrap();
        assert_eq!(g.lead(), "The church meets.");
    }

    #[test]
    fn church_words_count_as_whole_words_only() {
        assert!(mentions_church("Pray for Nigerian pastors."));
        assert!(mentions_church("Pray for CHRISTIAN families."));
        assert!(mentions_church("Pray for the Coptic families of Minya."));
        assert!(mentions_church("Pray for followers  of\nJesus in hiding."));
        assert!(!mentions_church(
            "Pray for the churchyard keepers and the conversation."
        ));
        assert!(!mentions_church("Pray for the country's leaders."));
    }

    #[test]
    fn errors_when_reviewed_is_later_than_any_source_was_read() {
        let text = GOOD.replace(
            "url = \"https://example.org\"",
            "url = \"https://example.org\"\naccessed = 2026-10-01",
        );
        let f = file(&text);
        let g: Guide = f.parse().unwrap();
        assert_eq!(g.last_accessed(), NaiveDate::from_ymd_opt(2026, 10, 1));
        let mut out = Diagnostics::default();
        validate_guide(&g, &f, &mut out);
        assert_eq!(out.0.len(), 1, "{out}");
        assert_eq!(out.0[0].field.as_deref(), Some("reviewed"));
        assert!(
            out.0[0].message.contains("latest `accessed` is 2026-10-01"),
            "{out}"
        );

        let f = file(&text.replace("2026-10-01", "2026-11-01"));
        let mut out = Diagnostics::default();
        validate_guide(&f.parse().unwrap(), &f, &mut out);
        assert!(out.0.is_empty(), "{out}");
    }

    #[test]
    fn activity_follows_since_and_retired() {
        let mut g = guide(&file(GOOD));
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        g.since = Some(d("2026-02-01"));
        g.retired = Some(d("2026-03-01"));
        assert!(!g.active_on(d("2026-01-31")));
        assert!(g.active_on(d("2026-02-01")));
        assert!(!g.active_on(d("2026-03-01")));
    }
}
