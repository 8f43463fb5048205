//! The output language: a BCP 47 tag, the labels every template shows (Fluent), and dates and
//! numbers written the way that language writes them (glibc's locale data, through chrono).

mod dates;
mod labels;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use unic_langid::LanguageIdentifier;

use crate::content::church_year::{Feast, Sunday};
use crate::error::{Diagnostics, Error};

pub use labels::{BUILTIN, Labels};

/// The languages whose labels are compiled in. Any other tag works with a `locales/<tag>.ftl`.
pub const SHIPPED: [&str; 7] = ["en", "es", "fr", "pt", "de", "ko", "ar"];

/// Languages written right to left (by primary language subtag).
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb", "ug"];

/// A language as schedule.toml, the command line and subscribers give it: a BCP 47 tag such as
/// `es`, `pt-BR` or `ar`, checked and written in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Language(String);

impl Language {
    /// Checks a tag: `es`, `pt-BR`, `zh-Hant`; `es_ES` is read as `es-ES`.
    pub fn parse(text: &str) -> Result<Language, String> {
        let id: LanguageIdentifier = text.trim().parse().map_err(|_| {
            format!(
                "`{}` is not a language tag: write a BCP 47 tag such as `es`, `pt-BR` or `ar` \
                 (built in: {})",
                text.trim(),
                SHIPPED.join(", ")
            )
        })?;
        if id.language.is_empty() {
            return Err(format!(
                "`{}` names no language: write a tag such as `es` or `pt-BR`",
                text.trim()
            ));
        }
        Ok(Language(id.to_string()))
    }

    /// English, the language the program's own labels are written in.
    pub fn english() -> Language {
        Language("en".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `pt` of `pt-BR`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// `rtl` for languages written right to left, else `ltr`: HTML's `dir`.
    pub fn direction(&self) -> &'static str {
        if RIGHT_TO_LEFT.contains(&self.primary()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The tags to look for labels under, most specific first: `pt-BR`, then `pt`.
    pub fn lookup_chain(&self) -> Vec<String> {
        let mut chain = vec![self.0.clone()];
        if self.primary() != self.0 {
            chain.push(self.primary().to_string());
        }
        chain
    }

    fn identifier(&self) -> LanguageIdentifier {
        self.0.parse().unwrap_or_default()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Language::parse(s)
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Language::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::english()
    }
}

/// Everything needed to write in one language: its labels and its dates and numbers.
#[derive(Debug)]
pub struct Locale {
    pub language: Language,
    labels: Labels,
    dates: dates::Dates,
}

impl Locale {
    /// The labels of `language`: the built-in file (if the language ships), the project's
    /// `locales/<tag>.ftl` on top (each message there replaces the one of the same id), and
    /// English for any message still missing. Missing messages and languages that the locale
    /// data does not know come back as warnings; a malformed file is an error naming its line.
    pub fn load(
        language: &Language,
        project_locales: Option<&Path>,
    ) -> Result<(Locale, Diagnostics), Error> {
        Locale::load_with(language, project_locales, &|_| None)
    }

    /// Like [`Locale::load`], with the project's label files as `frozen` gives them where it
    /// gives them: what a published day was published with (see `Labels::load_with`).
    pub fn load_with(
        language: &Language,
        project_locales: Option<&Path>,
        frozen: &dyn Fn(&str) -> Option<Option<String>>,
    ) -> Result<(Locale, Diagnostics), Error> {
        let (labels, mut warnings) = Labels::load_with(language, project_locales, frozen)?;
        let (dates, date_warning) = dates::Dates::new(language);
        if let Some(w) = date_warning {
            warnings.push(w);
        }
        Ok((
            Locale {
                language: language.clone(),
                labels,
                dates,
            },
            warnings,
        ))
    }

    /// The built-in English locale, without any project's overrides.
    pub fn english() -> Arc<Locale> {
        static ENGLISH: OnceLock<Arc<Locale>> = OnceLock::new();
        ENGLISH
            .get_or_init(|| {
                let (locale, _) = Locale::load(&Language::english(), None)
                    .expect("the built-in English labels parse (tested)");
                Arc::new(locale)
            })
            .clone()
    }

    /// `ltr` or `rtl`.
    pub fn direction(&self) -> &'static str {
        self.language.direction()
    }

    /// The message `id` with `args` filled in; an unknown id or a missing argument is an error
    /// that names the message.
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> Result<String, String> {
        self.labels.format(id, args)
    }

    /// Like [`Locale::text`], for messages the program itself uses, which every built-in file
    /// has (a test checks); a broken override shows the message id rather than failing a send.
    pub fn label(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.text(id, args).unwrap_or_else(|_| id.to_string())
    }

    /// The language's name in itself (`Español`, `العربية`) for a language chooser: its
    /// `language-name` label, or the tag when its files have none (English's would mislead).
    pub fn own_name(&self) -> String {
        if self.labels.has_own("language-name") {
            self.label("language-name", &[])
        } else {
            self.language.to_string()
        }
    }

    /// The labels, for templates' `t()`.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// `Wednesday 25 November 2026` in this language's words and order.
    pub fn long_date(&self, date: NaiveDate) -> String {
        let (weekday, month) = (self.dates.weekday(date), self.dates.month(date));
        let (day, year) = (date_day(date), date_year(date));
        self.label(
            "date-long",
            &[
                ("weekday", &weekday),
                ("day", &day),
                ("month", &month),
                ("year", &year),
            ],
        )
    }

    /// The weekday's name: `Wednesday`, `miércoles`.
    pub fn weekday(&self, date: NaiveDate) -> String {
        self.dates.weekday(date)
    }

    /// `23–29 November 2026`, `30 November – 6 December 2026`, `28 December 2026 – 3 January 2027`.
    pub fn date_range(&self, first: NaiveDate, last: NaiveDate) -> String {
        use chrono::Datelike;
        let (a, b) = (date_day(first), date_day(last));
        let (am, bm) = (self.dates.month(first), self.dates.month(last));
        let (ay, by) = (date_year(first), date_year(last));
        if first.year() != last.year() {
            self.label(
                "date-range-years",
                &[
                    ("first", &a),
                    ("first-month", &am),
                    ("first-year", &ay),
                    ("last", &b),
                    ("last-month", &bm),
                    ("last-year", &by),
                ],
            )
        } else if first.month() != last.month() {
            self.label(
                "date-range-months",
                &[
                    ("first", &a),
                    ("first-month", &am),
                    ("last", &b),
                    ("last-month", &bm),
                    ("year", &by),
                ],
            )
        } else {
            self.label(
                "date-range-days",
                &[("first", &a), ("last", &b), ("month", &bm), ("year", &by)],
            )
        }
    }

    /// A Sunday's name in the church year: `Advent 1`, `1.er domingo de Adviento`, `Pascha`.
    pub fn sunday(&self, sunday: Sunday) -> String {
        let (id, n) = match sunday {
            Sunday::Advent(n) => ("sunday-advent", Some(n)),
            Sunday::ChristmasDay => ("sunday-christmas-day", None),
            Sunday::Christmas(n) => ("sunday-christmas", Some(n)),
            Sunday::Epiphany => ("sunday-epiphany", None),
            Sunday::AfterEpiphany(n) => ("sunday-after-epiphany", Some(n)),
            Sunday::Lent(n) => ("sunday-lent", Some(n)),
            Sunday::Palm => ("sunday-palm", None),
            Sunday::Easter => ("sunday-easter", None),
            Sunday::Eastertide(n) => ("sunday-eastertide", Some(n)),
            Sunday::Pentecost => ("sunday-pentecost", None),
            Sunday::Trinity => ("sunday-trinity", None),
            Sunday::AfterTrinity(n) => ("sunday-after-trinity", Some(n)),
            Sunday::ChristTheKing => ("sunday-christ-the-king", None),
            Sunday::Feast(feast) => return self.feast(feast),
            Sunday::Zacchaeus => ("orthodox-zacchaeus", None),
            Sunday::PublicanAndPharisee => ("orthodox-publican-pharisee", None),
            Sunday::ProdigalSon => ("orthodox-prodigal-son", None),
            Sunday::LastJudgment => ("orthodox-last-judgment", None),
            Sunday::Forgiveness => ("orthodox-forgiveness", None),
            Sunday::Orthodoxy => ("orthodox-orthodoxy", None),
            Sunday::GregoryPalamas => ("orthodox-gregory-palamas", None),
            Sunday::HolyCross => ("orthodox-holy-cross", None),
            Sunday::JohnClimacus => ("orthodox-john-climacus", None),
            Sunday::MaryOfEgypt => ("orthodox-mary-of-egypt", None),
            Sunday::OrthodoxPalm => ("orthodox-palm", None),
            Sunday::Pascha => ("orthodox-pascha", None),
            Sunday::Thomas => ("orthodox-thomas", None),
            Sunday::MyrrhBearers => ("orthodox-myrrh-bearers", None),
            Sunday::Paralytic => ("orthodox-paralytic", None),
            Sunday::SamaritanWoman => ("orthodox-samaritan-woman", None),
            Sunday::BlindMan => ("orthodox-blind-man", None),
            Sunday::FathersOfTheFirstCouncil => ("orthodox-first-council", None),
            Sunday::OrthodoxPentecost => ("orthodox-pentecost", None),
            Sunday::AllSaints => ("orthodox-all-saints", None),
            Sunday::AfterPentecost(n) => ("orthodox-after-pentecost", Some(n)),
            Sunday::NativityFast(n) => ("orthodox-nativity-fast", Some(n)),
            Sunday::Forefathers => ("orthodox-forefathers", None),
            Sunday::BeforeNativity => ("orthodox-before-nativity", None),
            Sunday::AfterNativity => ("orthodox-after-nativity", None),
            Sunday::BeforeTheophany => ("orthodox-before-theophany", None),
            Sunday::AfterTheophany => ("orthodox-after-theophany", None),
        };
        let n = n.map(|n| n.to_string()).unwrap_or_default();
        self.label(id, &[("n", &n)])
    }

    /// A feast's name: `Good Friday`, `Viernes Santo`, `Theophany`.
    pub fn feast(&self, feast: Feast) -> String {
        let id = match feast {
            Feast::AshWednesday => "feast-ash-wednesday",
            Feast::MaundyThursday => "feast-maundy-thursday",
            Feast::GoodFriday => "feast-good-friday",
            Feast::Ascension => "feast-ascension",
            Feast::Epiphany => "sunday-epiphany",
            Feast::Transfiguration => "feast-transfiguration",
            Feast::AllSaints => "feast-all-saints",
            Feast::ChristmasDay => "sunday-christmas-day",
            Feast::CleanMonday => "orthodox-clean-monday",
            Feast::HolyThursday => "orthodox-holy-thursday",
            Feast::HolyFriday => "orthodox-holy-friday",
            Feast::OrthodoxAscension => "orthodox-ascension",
            Feast::Theophany => "orthodox-theophany",
            Feast::Nativity => "orthodox-nativity",
        };
        self.label(id, &[])
    }

    /// A number with at most one decimal, none when whole, in this language's notation:
    /// 227.9 → `227.9` (en), `227,9` (es).
    pub fn decimal(&self, x: f64) -> String {
        self.dates.decimal(x)
    }

    /// A whole number with this language's thousands separator: `540,000`, `540.000`.
    pub fn integer(&self, n: u64) -> String {
        self.dates.integer(n)
    }
}

fn date_day(date: NaiveDate) -> String {
    chrono::Datelike::day(&date).to_string()
}

fn date_year(date: NaiveDate) -> String {
    chrono::Datelike::year(&date).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn locale(tag: &str) -> Locale {
        let (locale, warnings) = Locale::load(&Language::parse(tag).unwrap(), None).unwrap();
        assert!(warnings.0.is_empty(), "{tag}: {warnings:?}");
        locale
    }

    #[test]
    fn reads_and_normalises_language_tags() {
        assert_eq!(Language::parse("pt-br").unwrap().as_str(), "pt-BR");
        assert_eq!(Language::parse("es_ES").unwrap().as_str(), "es-ES");
        assert_eq!(Language::parse("ar").unwrap().direction(), "rtl");
        assert_eq!(Language::parse("fa-IR").unwrap().direction(), "rtl");
        assert_eq!(Language::parse("ko").unwrap().direction(), "ltr");
        assert!(Language::parse("not a tag").is_err());
        assert!(Language::parse("").is_err());
    }

    #[test]
    fn english_dates_are_as_before() {
        let en = locale("en");
        assert_eq!(en.long_date(d(2026, 11, 25)), "Wednesday 25 November 2026");
        assert_eq!(
            en.date_range(d(2026, 11, 23), d(2026, 11, 29)),
            "23–29 November 2026"
        );
        assert_eq!(
            en.date_range(d(2026, 11, 30), d(2026, 12, 6)),
            "30 November – 6 December 2026"
        );
        assert_eq!(
            en.date_range(d(2026, 12, 28), d(2027, 1, 3)),
            "28 December 2026 – 3 January 2027"
        );
        assert_eq!(en.sunday(Sunday::Advent(1)), "Advent 1");
        assert_eq!(en.decimal(227.9), "227.9");
        assert_eq!(en.integer(540_000), "540,000");
    }

    #[test]
    fn dates_in_each_shipped_language() {
        let day = d(2026, 11, 25);
        let expect = [
            ("en", "Wednesday 25 November 2026"),
            ("es", "miércoles, 25 de noviembre de 2026"),
            ("fr", "mercredi 25 novembre 2026"),
            ("pt", "quarta, 25 de novembro de 2026"),
            ("de", "Mittwoch, 25. November 2026"),
            ("ko", "2026년 11월 25일 수요일"),
            ("ar", "الأربعاء، 25 نوفمبر 2026"),
        ];
        for (tag, long) in expect {
            assert_eq!(locale(tag).long_date(day), long, "{tag}");
        }
        assert_eq!(locale("de").decimal(227.9), "227,9");
        assert_eq!(locale("de").integer(540_000), "540.000");
    }

    #[test]
    fn each_language_names_pascha_and_good_friday() {
        let expect = [
            ("en", "Pascha", "Sunday of Orthodoxy", "Good Friday"),
            (
                "es",
                "Santa Pascua",
                "Domingo de la Ortodoxia",
                "Viernes Santo",
            ),
            (
                "fr",
                "Sainte Pâque",
                "Dimanche de l’Orthodoxie",
                "Vendredi saint",
            ),
            ("de", "Pascha", "Sonntag der Orthodoxie", "Karfreitag"),
            (
                "pt",
                "Santa Páscoa",
                "Domingo da Ortodoxia",
                "Sexta-feira Santa",
            ),
            ("ko", "파스카", "정교 주일", "성금요일"),
            ("ar", "الفصح المجيد", "أحد الأرثوذكسية", "الجمعة العظيمة"),
        ];
        for (tag, pascha, orthodoxy, good_friday) in expect {
            let l = locale(tag);
            assert_eq!(l.sunday(Sunday::Pascha), pascha, "{tag}");
            assert_eq!(l.sunday(Sunday::Orthodoxy), orthodoxy, "{tag}");
            assert_eq!(l.feast(Feast::GoodFriday), good_friday, "{tag}");
        }
        let en = locale("en");
        assert_eq!(
            en.sunday(Sunday::AfterPentecost(22)),
            "22nd Sunday after Pentecost"
        );
        assert_eq!(
            locale("fr").sunday(Sunday::AfterPentecost(2)),
            "2e dimanche après la Pentecôte"
        );
        assert_eq!(
            en.sunday(Sunday::Feast(Feast::Transfiguration)),
            "The Transfiguration"
        );
    }

    #[test]
    fn every_shipped_language_has_every_english_message() {
        for tag in SHIPPED {
            // `locale` asserts there are no warnings, which lists any missing message.
            let l = locale(tag);
            assert_eq!(l.direction(), if tag == "ar" { "rtl" } else { "ltr" });
        }
    }
}
