//! Large numbers in words, as CLDR's "compact long" decimal formats write them.
//!
//! ICU4X formats these in `icu_experimental::compactdecimal`, which is experimental (no
//! stability promise) and would bring its own data; we need two magnitudes (millions and
//! billions) of one kind of figure, so the rules are written here, from CLDR 46's
//! `numbers.json`, `decimalFormats-numberSystem-latn/long/decimalFormat`:
//!
//! - Languages that group by thousands write `0 million` / `0 billion`, with a plural form
//!   chosen by CLDR's plural rules: Fluent does that from the `$count` number the messages
//!   `population-million` and `population-billion` get (fr `1,4 milliard`, `2,5 milliards`; pt
//!   `1,4 bilhão`; de `1 Milliarde`, `1,4 Milliarden`; es `1,4 mil millones`).
//! - Korean, Japanese and Chinese group by ten thousands: ko `0만` (10⁴), `0억` (10⁸);
//!   ja `0万`, `0億`; zh `0万`, `0亿`; zh-Hant `0萬`, `0億`. Those are written here with the
//!   units, as `2억 2790만`, and the message `population-myriad` adds the counter (`명`).

use crate::content::locale::Language;

/// How a language writes a number of ten thousands (10⁴) and of hundred millions (10⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Myriads {
    ten_thousand: &'static str,
    hundred_million: &'static str,
    /// Korean spaces the groups (`2억 2790만`); Japanese and Chinese do not (`2億2790万`).
    spaced: bool,
}

/// The myriad units of `language`, if it counts by ten thousands (CLDR compact long formats).
pub fn myriads(language: &Language) -> Option<Myriads> {
    let traditional = language
        .as_str()
        .split('-')
        .skip(1)
        .any(|s| matches!(s, "Hant" | "TW" | "HK" | "MO"));
    let (ten_thousand, hundred_million, spaced) = match language.primary() {
        "ko" => ("만", "억", true),
        "ja" => ("万", "億", false),
        "zh" if traditional => ("萬", "億", false),
        "zh" => ("万", "亿", false),
        _ => return None,
    };
    Some(Myriads {
        ten_thousand,
        hundred_million,
        spaced,
    })
}

impl Myriads {
    /// `n` to the precision the English figure has (a tenth of a billion from a billion up,
    /// else a tenth of a million), in hundred millions and ten thousands:
    /// 1_425_000_000 → `14억`, 227_900_000 → `2억 2790만`, 4_500_000 → `450만`.
    pub fn write(&self, n: u64) -> String {
        let step = if n >= 1_000_000_000 {
            100_000_000
        } else {
            100_000
        };
        let rounded = (n + step / 2) / step * step;
        let (high, low) = (rounded / 100_000_000, rounded % 100_000_000 / 10_000);
        let mut parts = Vec::new();
        if high > 0 {
            parts.push(format!("{high}{}", self.hundred_million));
        }
        if low > 0 || high == 0 {
            parts.push(format!("{low}{}", self.ten_thousand));
        }
        parts.join(if self.spaced { " " } else { "" })
    }
}

/// `n` in millions or billions, rounded to one decimal, and the message that names the unit:
/// 1_425_000_000 → (1.4, `population-billion`); 999_960_000 → (1.0, `population-billion`).
pub fn millions_or_billions(n: u64) -> (f64, &'static str) {
    let millions = (n as f64 / 1e5).round() / 10.0;
    if millions >= 1000.0 {
        ((n as f64 / 1e8).round() / 10.0, "population-billion")
    } else {
        (millions, "population-million")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Language {
        Language::parse(tag).unwrap()
    }

    #[test]
    fn korean_counts_in_eok_and_man() {
        let ko = myriads(&lang("ko")).unwrap();
        assert_eq!(ko.write(1_425_000_000), "14억");
        assert_eq!(ko.write(1_400_000_000), "14억");
        assert_eq!(ko.write(227_900_000), "2억 2790만");
        assert_eq!(ko.write(251_269_164), "2억 5130만");
        assert_eq!(ko.write(4_500_000), "450만");
        assert_eq!(ko.write(100_000_000), "1억");
    }

    #[test]
    fn japanese_and_chinese_write_their_own_units_unspaced() {
        assert_eq!(
            myriads(&lang("ja")).unwrap().write(227_900_000),
            "2億2790万"
        );
        assert_eq!(myriads(&lang("zh")).unwrap().write(1_425_000_000), "14亿");
        assert_eq!(myriads(&lang("zh-Hant")).unwrap().write(4_500_000), "450萬");
        assert_eq!(myriads(&lang("fr")), None);
    }

    #[test]
    fn rounds_into_the_next_unit() {
        assert_eq!(
            millions_or_billions(1_425_000_000),
            (1.4, "population-billion")
        );
        assert_eq!(
            millions_or_billions(227_900_000),
            (227.9, "population-million")
        );
        assert_eq!(
            millions_or_billions(999_960_000),
            (1.0, "population-billion")
        );
    }
}
