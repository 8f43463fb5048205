//! Weekday and month names and number notation from glibc's locale data (chrono's
//! `unstable-locales`, which embeds `pure-rust-locales`): no hand-written tables.

use chrono::NaiveDate;
use pure_rust_locales::{Locale as Data, locale_match};

use crate::content::locale::Language;
use crate::error::Diagnostic;

/// Where a language's dates and numbers come from.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    data: Data,
    /// Portuguese: glibc's pt_BR writes `segunda`…`sexta`, CLDR's pt and pt-PT (`days/format/
    /// wide`) and Brazilian dates write `segunda-feira`…`sexta-feira`.
    feira: bool,
}

/// The region whose conventions a bare language tag takes, where it is not the language's own
/// code in capitals (`de` → `de_DE`).
const DEFAULT_REGION: [(&str, &str); 12] = [
    ("en", "en_GB"),
    ("ar", "ar_EG"),
    ("ko", "ko_KR"),
    ("pt", "pt_BR"),
    ("zh", "zh_CN"),
    ("ja", "ja_JP"),
    ("sw", "sw_KE"),
    ("fa", "fa_IR"),
    ("he", "he_IL"),
    ("ur", "ur_PK"),
    ("hi", "hi_IN"),
    ("vi", "vi_VN"),
];

impl Dates {
    /// The locale data for `language`: its own region if it names one (`pt-PT`), else the
    /// language's usual one. A language the data does not know writes dates in English, with a
    /// warning saying so.
    pub fn new(language: &Language) -> (Dates, Option<Diagnostic>) {
        let primary = language.primary();
        let mut candidates = Vec::new();
        let parts: Vec<&str> = language.as_str().split('-').collect();
        if let [_, .., region] = parts.as_slice()
            && region.len() == 2
        {
            candidates.push(format!("{primary}_{region}"));
        }
        if let Some((_, name)) = DEFAULT_REGION.iter().find(|(l, _)| *l == primary) {
            candidates.push(name.to_string());
        }
        candidates.push(format!("{primary}_{}", primary.to_uppercase()));
        candidates.push(primary.to_string());
        for name in &candidates {
            if let Ok(data) = Data::try_from(name.as_str()) {
                let feira = primary == "pt";
                return (Dates { data, feira }, None);
            }
        }
        let warning = Diagnostic::warning(
            "(locale data)",
            format!(
                "the locale data has no dates for `{language}`: weekday and month names are \
                 written in English"
            ),
        )
        .help("use a language tag with a region the data knows, such as `es-MX` or `pt-PT`");
        let dates = Dates {
            data: Data::en_GB,
            feira: false,
        };
        (dates, Some(warning))
    }

    /// `Wednesday`, `miércoles`, `수요일`.
    pub fn weekday(&self, date: NaiveDate) -> String {
        let name = date.format_localized("%A", self.data).to_string();
        let weekday = chrono::Datelike::weekday(&date).num_days_from_monday();
        if self.feira && weekday < 5 && !name.ends_with("-feira") {
            format!("{name}-feira")
        } else {
            name
        }
    }

    /// The month's name as it stands in a date: `November`, `noviembre`, `11월`.
    pub fn month(&self, date: NaiveDate) -> String {
        date.format_localized("%B", self.data).to_string()
    }

    fn decimal_point(&self) -> &'static str {
        match locale_match!(self.data => LC_NUMERIC::DECIMAL_POINT) {
            "" => ".",
            point => point,
        }
    }

    fn thousands_separator(&self) -> &'static str {
        locale_match!(self.data => LC_NUMERIC::THOUSANDS_SEP)
    }

    /// One decimal at most, none when whole.
    pub fn decimal(&self, x: f64) -> String {
        let s = format!("{x:.1}");
        let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
        s.replace('.', self.decimal_point())
    }

    /// Digits grouped in threes with the locale's separator.
    pub fn integer(&self, n: u64) -> String {
        let digits = n.to_string();
        let separator = self.thousands_separator();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }
}
