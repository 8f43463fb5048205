//! The schedule's own words in other languages: the title (`title = "…"`, or a table with one
//! text per language) and a pinned theme's `[pin.es]` tables. What a language lacks is shown
//! in the schedule's `language`, and the pages say so (`lang="en"`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::content::locale::{Language, SHIPPED};
use crate::content::schedule::{Pin, Schedule};
use crate::content::source::SourceFile;
use crate::content::translation::language_folder;
use crate::error::{Diagnostic, Diagnostics};

/// The schedule's title: its text in the schedule's `language`, and in others.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Title {
    /// The text in the schedule's `language` (filled from the table by `resolve`).
    pub own: String,
    /// The text in other languages, as written.
    pub translations: BTreeMap<Language, String>,
    /// Written as a table of languages rather than one text.
    table: bool,
}

impl Title {
    /// A title in the schedule's language only.
    pub fn new(own: impl Into<String>) -> Title {
        Title {
            own: own.into(),
            ..Title::default()
        }
    }

    /// Whether it was written as a table of languages.
    pub(crate) fn is_table(&self) -> bool {
        self.table
    }

    /// Takes the schedule's own language out of a table; `false` when the table lacks it.
    pub(crate) fn resolve(&mut self, own: &Language) -> bool {
        if !self.table || !self.own.is_empty() {
            return true;
        }
        match take(&mut self.translations, own) {
            Some(text) => {
                self.own = text;
                true
            }
            None => false,
        }
    }

    /// The title as a page in `language` shows it: its own there, else the schedule's.
    pub fn in_language(&self, language: &Language) -> &str {
        self.translated(language).unwrap_or(&self.own)
    }

    /// The title in `language` (or its primary language), if it has one of its own.
    pub fn translated(&self, language: &Language) -> Option<&str> {
        in_language(&self.translations, language).map(String::as_str)
    }
}

/// The value for `language` in `map`, or for its primary language (`pt` for `pt-BR`).
pub fn in_language<'m, T>(map: &'m BTreeMap<Language, T>, language: &Language) -> Option<&'m T> {
    map.get(language).or_else(|| {
        map.iter()
            .find(|(l, _)| l.as_str() == language.primary())
            .map(|(_, v)| v)
    })
}

fn take(map: &mut BTreeMap<Language, String>, language: &Language) -> Option<String> {
    let key = map
        .keys()
        .find(|l| *l == language || l.as_str() == language.primary())
        .cloned()?;
    map.remove(&key)
}

impl std::ops::Deref for Title {
    type Target = str;
    fn deref(&self) -> &str {
        &self.own
    }
}

impl fmt::Display for Title {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.own)
    }
}

impl Serialize for Title {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.own)
    }
}

impl<'de> Deserialize<'de> for Title {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Title, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Title;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "text in quotes, or a table of languages: [title] en = \"…\" es = \"…\"",
                )
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Title, E> {
                Ok(Title::new(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Title, A::Error> {
                let mut translations = BTreeMap::new();
                while let Some(language) = map.next_key::<Language>()? {
                    let text: String = map.next_value()?;
                    translations.insert(language, text);
                }
                Ok(Title {
                    own: String::new(),
                    translations,
                    table: true,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A pinned theme's words in one language (`[pin.es]`): each optional, the rest shown in the
/// schedule's language.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PinWords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The pin's points in the same order; `""` leaves one in the schedule's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripture: Option<String>,
}

/// A pin's own fields, for messages about a misspelt one.
const PIN_FIELDS: &[&str] = &[
    "date",
    "rule",
    "country",
    "title",
    "text",
    "points",
    "scripture",
];

/// A key of `[[pin]]`: one of its fields, or a language whose words follow.
enum PinKey {
    Date,
    Rule,
    Country,
    Title,
    Text,
    Points,
    Scripture,
    Language(Language),
}

impl<'de> Deserialize<'de> for PinKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PinKey, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PinKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pin's field or a language tag")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<PinKey, E> {
                Ok(match s {
                    "date" => PinKey::Date,
                    "rule" => PinKey::Rule,
                    "country" => PinKey::Country,
                    "title" => PinKey::Title,
                    "text" => PinKey::Text,
                    "points" => PinKey::Points,
                    "scripture" => PinKey::Scripture,
                    other => match language_folder(other) {
                        Some(language) => PinKey::Language(language),
                        None => return Err(E::unknown_field(other, PIN_FIELDS)),
                    },
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A date as `crate::content::de::opt_date` reads it.
struct PinDate(Option<chrono::NaiveDate>);

impl<'de> Deserialize<'de> for PinDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PinDate, D::Error> {
        crate::content::de::opt_date(d).map(PinDate)
    }
}

impl<'de> Deserialize<'de> for Pin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pin, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pin;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a [[pin]] table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pin, A::Error> {
                let mut pin = Pin::default();
                while let Some(key) = map.next_key::<PinKey>()? {
                    match key {
                        PinKey::Date => pin.date = map.next_value::<PinDate>()?.0,
                        PinKey::Rule => pin.rule = Some(map.next_value()?),
                        PinKey::Country => pin.country = Some(map.next_value()?),
                        PinKey::Title => pin.title = Some(map.next_value()?),
                        PinKey::Text => pin.text = Some(map.next_value()?),
                        PinKey::Points => pin.points = map.next_value()?,
                        PinKey::Scripture => pin.scripture = Some(map.next_value()?),
                        PinKey::Language(language) => {
                            let words: PinWords = map.next_value()?;
                            pin.languages.insert(language, words);
                        }
                    }
                }
                Ok(pin)
            }
        }
        d.deserialize_struct("Pin", PIN_FIELDS, V)
    }
}

/// What serde cannot see in the title's and the pins' languages: the schedule's own language
/// missing from a title table, empty texts, a country pin with words, a pin's own language
/// given twice, more points than the pin has.
pub(crate) fn validate(schedule: &mut Schedule, file: &SourceFile, out: &mut Diagnostics) {
    let own = schedule.language.clone();
    if !schedule.title.resolve(&own) {
        out.push(located(
            file,
            &["title"],
            "title".into(),
            format!("the title has no text in `{own}`, the schedule's `language`"),
            &format!("add {own} = \"...\" to the title's table, or set `language` to one it has"),
        ));
    }
    for (language, text) in &schedule.title.translations {
        if text.trim().is_empty() {
            out.push(located(
                file,
                &["title", language.as_str()],
                format!("title.{language}"),
                format!("the title in `{language}` is empty"),
                "write the title in that language, or remove the line",
            ));
        } else if *language == own {
            out.push(located(
                file,
                &["title", language.as_str()],
                format!("title.{language}"),
                format!("`{language}` is the schedule's own language: the title is given twice"),
                "keep one",
            ));
        }
    }
    for (i, pin) in schedule.pins.iter().enumerate() {
        let n = i + 1;
        let index = i.to_string();
        for (language, words) in &pin.languages {
            let tag = language.as_str();
            let at = |key: Option<&'static str>| {
                let mut path = vec!["pin", index.as_str(), tag];
                path.extend(key);
                path
            };
            let field = |key: Option<&'static str>| match key {
                Some(k) => format!("pin.{tag}.{k}"),
                None => format!("pin.{tag}"),
            };
            if pin.title.is_none() {
                out.push(located(
                    file,
                    &at(None),
                    field(None),
                    format!("pin {n} gives a country its day: its words are the guide's, translated in guides/{tag}/"),
                    "remove this table",
                ));
                continue;
            }
            if *language == own || language.primary() == own.as_str() {
                out.push(located(
                    file,
                    &at(None),
                    field(None),
                    format!("pin {n}: `{tag}` is the schedule's own language, which the pin's own fields are written in"),
                    "put these words in the pin's own fields, and remove this table",
                ));
            }
            let texts = [
                ("title", &words.title),
                ("text", &words.text),
                ("scripture", &words.scripture),
            ];
            for (key, text) in texts {
                if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    out.push(located(
                        file,
                        &at(Some(key)),
                        field(Some(key)),
                        format!("pin {n}: the {key} in `{tag}` is empty"),
                        "write it in that language, or remove the line to show the pin's own",
                    ));
                }
            }
            if words.points.len() > pin.points.len() {
                out.push(located(
                    file,
                    &at(Some("points")),
                    field(Some("points")),
                    format!(
                        "pin {n}: {} points in `{tag}`, but the pin has {}: they follow the \
                         pin's, one for one",
                        words.points.len(),
                        pin.points.len()
                    ),
                    "remove the extra points, or add them to the pin first",
                ));
            }
        }
    }
}

/// The words of `pin` in `language` that it lacks and shows in the schedule's language.
pub fn missing_words(pin: &Pin, words: &PinWords) -> Vec<String> {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut missing = Vec::new();
    if blank(&words.title) {
        missing.push("title".to_string());
    }
    if pin.text.is_some() && blank(&words.text) {
        missing.push("text".to_string());
    }
    for i in 0..pin.points.len() {
        if words.points.get(i).is_none_or(|p| p.trim().is_empty()) {
            missing.push(format!("points[{}]", i + 1));
        }
    }
    if pin.scripture.is_some() && blank(&words.scripture) {
        missing.push("scripture".to_string());
    }
    missing
}

/// The languages of the title's and the pins' words that no page is written in, because they
/// have no labels (built in, or `locales/<tag>.ftl`).
pub fn language_checks(
    schedule: &Schedule,
    file: &SourceFile,
    locales: &Path,
    out: &mut Diagnostics,
) {
    let has_labels = |language: &Language| has_labels(language, locales);
    let unbuilt = |language: &Language| {
        format!(
            "no page is written in `{language}`: it has no labels (built in: {}; or add {})",
            SHIPPED.join(", "),
            locales.join(format!("{language}.ftl")).display()
        )
    };
    for language in schedule.title.translations.keys() {
        if !has_labels(language) {
            out.push(located(
                file,
                &["title", language.as_str()],
                format!("title.{language}"),
                unbuilt(language),
                "check the language tag",
            ));
        }
    }
    for (i, pin) in schedule.pins.iter().enumerate() {
        let index = i.to_string();
        for language in pin.languages.keys() {
            let tag = language.as_str();
            if !has_labels(language) {
                out.push(located(
                    file,
                    &["pin", &index, tag],
                    format!("pin.{tag}"),
                    unbuilt(language),
                    "check the language tag",
                ));
                continue;
            }
        }
    }
}

/// Warnings for the words each pin's language tables leave in the schedule's language.
/// A language no page is written in (see [`language_checks`]) has its error instead.
pub fn untranslated_words(schedule: &Schedule, file: &SourceFile, locales: &Path) -> Diagnostics {
    let mut out = Diagnostics::default();
    for (i, pin) in schedule.pins.iter().enumerate() {
        let index = i.to_string();
        for (language, words) in &pin.languages {
            if !has_labels(language, locales) {
                continue;
            }
            let tag = language.as_str();
            let missing = missing_words(pin, words);
            if pin.title.is_some() && !missing.is_empty() {
                let mut d = Diagnostic::warning(
                    &file.path,
                    format!(
                        "pin {}: not translated, shown in `{}`: {}",
                        i + 1,
                        schedule.language,
                        missing.join(", ")
                    ),
                )
                .field(format!("pin.{tag}"))
                .help("translate these fields; points follow the pin's order");
                d.location = file.locate_path(&["pin", &index, tag]);
                out.push(d);
            }
        }
    }
    out
}

/// Whether pages are written in `language`: it has built-in labels or a `locales/<tag>.ftl`.
fn has_labels(language: &Language, locales: &Path) -> bool {
    language
        .lookup_chain()
        .iter()
        .any(|tag| SHIPPED.contains(&tag.as_str()) || locales.join(format!("{tag}.ftl")).is_file())
}

fn located(
    file: &SourceFile,
    path: &[&str],
    field: String,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::error(&file.path, message)
        .at(file.locate_path(path))
        .field(field)
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Schedule>, Vec<String>) {
        let file = SourceFile {
            path: "schedule.toml".into(),
            text: text.to_string(),
        };
        let mut out = Diagnostics::default();
        let schedule = Schedule::parse(&file, &mut out);
        if let Some(s) = &schedule {
            language_checks(s, &file, Path::new("locales"), &mut out);
            out.extend(untranslated_words(s, &file, Path::new("locales")));
        }
        (schedule, out.0.iter().map(|d| d.to_string()).collect())
    }

    const PIN: &str = "[[pin]]\nrule = \"first sunday of november\"\ntitle = \"Day of Prayer\"\n\
                       text = \"A day.\"\npoints = [\"Pray.\", \"Give.\"]\n";

    #[test]
    fn a_title_and_a_pin_in_several_languages() {
        let (s, out) = parse(&format!(
            "start = 2026-01-05\n[title]\nen = \"Praying\"\nes = \"Orando\"\n{PIN}\
             [pin.es]\ntitle = \"Día de oración\"\ntext = \"Un día.\"\npoints = [\"Oremos.\", \"Demos.\"]\n"
        ));
        assert_eq!(out, Vec::<String>::new());
        let s = s.unwrap();
        let es = Language::parse("es").unwrap();
        assert_eq!(&*s.title, "Praying");
        assert_eq!(s.title.translated(&es), Some("Orando"));
        assert_eq!(
            s.title.translated(&Language::parse("es-MX").unwrap()),
            Some("Orando")
        );
        let words = &s.pins[0].languages[&es];
        assert_eq!(words.title.as_deref(), Some("Día de oración"));
        assert_eq!(words.points, ["Oremos.", "Demos."]);
    }

    #[test]
    fn a_plain_title_still_reads() {
        let (s, out) = parse("title = \"Praying\"\nstart = 2026-01-05\n");
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(&*s.unwrap().title, "Praying");
    }

    #[test]
    fn mistakes_in_the_languages_have_their_line_and_field() {
        let (_, out) = parse(&format!(
            "start = 2026-01-05\n[title]\nes = \"Orando\"\nnl = \"\"\n{PIN}\
             [pin.es]\ntitle = \"\"\npoints = [\"a\", \"b\", \"c\"]\n[pin.xx]\ntitle = \"X\"\n\
             [[pin]]\ndate = 2026-06-01\ncountry = \"NG\"\n[pin.pt]\ntitle = \"P\"\n"
        ));
        assert_eq!(
            out,
            [
                "error: schedule.toml:2:2: `title`: the title has no text in `en`, the schedule's `language`\n  \
                 help: add en = \"...\" to the title's table, or set `language` to one it has",
                "error: schedule.toml:4:1: `title.nl`: the title in `nl` is empty\n  \
                 help: write the title in that language, or remove the line",
                "error: schedule.toml:11:1: `pin.es.title`: pin 1: the title in `es` is empty\n  \
                 help: write it in that language, or remove the line to show the pin's own",
                "error: schedule.toml:12:1: `pin.es.points`: pin 1: 3 points in `es`, but the pin has 2: they follow the pin's, one for one\n  \
                 help: remove the extra points, or add them to the pin first",
                "error: schedule.toml:18:6: `pin.pt`: pin 2 gives a country its day: its words are the guide's, translated in guides/pt/\n  \
                 help: remove this table",
                "error: schedule.toml:4:1: `title.nl`: no page is written in `nl`: it has no labels (built in: en, es, fr, pt, de, ko, ar; or add locales/nl.ftl)\n  \
                 help: check the language tag",
                "error: schedule.toml:13:6: `pin.xx`: no page is written in `xx`: it has no labels (built in: en, es, fr, pt, de, ko, ar; or add locales/xx.ftl)\n  \
                 help: check the language tag",
                "warning: schedule.toml:10:6: `pin.es`: pin 1: not translated, shown in `en`: title, text\n  \
                 help: translate these fields; points follow the pin's order",
            ]
        );
    }

    #[test]
    fn a_misspelt_pin_field_is_still_named() {
        let (_, out) = parse(
            "title = \"T\"\nstart = 2026-01-05\n[[pin]]\ndate = 2026-06-01\ntitle = \"T\"\n\
             text = \"x\"\npoints = [\"p\"]\nscriptures = \"John 1\"\n",
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].contains("schedule.toml:8:1"), "{}", out[0]);
        assert!(out[0].contains("scripture"), "{}", out[0]);
    }
}
