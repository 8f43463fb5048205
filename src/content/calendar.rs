//! Calendar arithmetic: today in a time zone, weeks, and yearly rules such as
//! "first Sunday of November". Nothing here reads a clock except [`today`].

use std::fmt;
use std::str::FromStr;

use crate::content::church_year::{self, Movable, Reckoning};
use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// The day a week starts on, as churches count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
        }
    }
}

/// The first day of the week holding `date`. Counts days, never ISO week numbers.
pub fn week_start(date: NaiveDate, start: WeekStart) -> NaiveDate {
    let back =
        (7 + date.weekday().num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    date - chrono::Days::new(back.into())
}

/// Which days make a week, through time: the day weeks start on, which can change from a given
/// day on. A week never mixes two settings: where the setting changes, the week before ends
/// the day before, and the first week of the new setting runs from that day to the day before
/// its first whole week (a short week of one to six days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weeks {
    /// From each date on, the day weeks start on; the first applies before its date too.
    settings: Vec<(NaiveDate, WeekStart)>,
}

impl Weeks {
    /// Weeks that always start on `start`.
    pub fn fixed(start: WeekStart) -> Weeks {
        Weeks {
            settings: vec![(NaiveDate::MIN, start)],
        }
    }

    /// Weeks starting on each setting from its date on (in order of date; the first setting
    /// also applies before its date).
    pub fn changing(settings: Vec<(NaiveDate, WeekStart)>) -> Weeks {
        let mut out: Vec<(NaiveDate, WeekStart)> = Vec::new();
        for (date, start) in settings {
            if out.last().is_none_or(|(_, last)| *last != start) {
                out.push((date, start));
            }
        }
        match out.first_mut() {
            Some(first) => first.0 = NaiveDate::MIN,
            None => out.push((NaiveDate::MIN, WeekStart::default())),
        }
        Weeks { settings: out }
    }

    /// The day weeks start on at `date`.
    pub fn setting_on(&self, date: NaiveDate) -> WeekStart {
        let i = self.settings.partition_point(|(d, _)| *d <= date);
        self.settings[i.saturating_sub(1)].1
    }

    /// The first and last day of the week holding `date`.
    pub fn range(&self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let i = self
            .settings
            .partition_point(|(d, _)| *d <= date)
            .saturating_sub(1);
        let (from, start) = self.settings[i];
        let first = week_start(date, start);
        let mut last = first + chrono::Days::new(6);
        if let Some(&(next, _)) = self.settings.get(i + 1) {
            last = last.min(next.pred_opt().unwrap_or(next));
        }
        (first.max(from), last)
    }

    /// The first day of the week holding `date`.
    pub fn start(&self, date: NaiveDate) -> NaiveDate {
        self.range(date).0
    }

    /// The last day of the week holding `date`.
    pub fn end(&self, date: NaiveDate) -> NaiveDate {
        self.range(date).1
    }
}

/// The local calendar date at instant `now` in `tz`.
pub fn local_date<Tz: TimeZone>(tz: &Tz, now: chrono::DateTime<Utc>) -> NaiveDate {
    now.with_timezone(tz).date_naive()
}

/// Today's date in `tz`, read from the system clock.
pub fn today<Tz: TimeZone>(tz: &Tz) -> NaiveDate {
    local_date(tz, Utc::now())
}

/// Parses `YYYY-MM-DD`. A date of the right shape that does not exist says why
/// (`2027 is not a leap year: February has 28 days`), not only that it is wrong.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01");
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(bad());
    };
    let (Some(year), Some(month), Some(day)) = (
        number(year, 4..=4),
        number(month, 1..=2),
        number(day, 1..=2),
    ) else {
        return Err(bad());
    };
    let year = year as i32;
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` is not a date: there is no month {month} (months are 01 to 12)"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        let name = month_name(month);
        if month == 2 && day == 29 {
            format!("`{text}` is not a date: {year} is not a leap year: February has 28 days")
        } else {
            format!("`{text}` is not a date: {name} {year} has {days} days")
        }
    })
}

/// How many days `month` of `year` has.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

/// The words a date on the command line can be instead of `YYYY-MM-DD`, for `--help` and errors.
pub const DATE_WORDS: &str =
    "today, tomorrow, yesterday, next-week (its first day), next-sunday (or another weekday)";

/// A date as the command line takes it: `YYYY-MM-DD`, or a word counted from `today` (the
/// caller's today, in the schedule's time zone): `today`, `tomorrow`, `yesterday`, `this-week`
/// and `next-week` (the first day of that week), `next-sunday` and the other weekdays (the first
/// such day after today, so on a Sunday `next-sunday` is a week away).
pub fn resolve_date(text: &str, today: NaiveDate, week: WeekStart) -> Result<NaiveDate, String> {
    let word = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
    let day = chrono::Days::new(1);
    match word.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + day),
        "yesterday" => return Ok(today - day),
        "this-week" => return Ok(week_start(today, week)),
        "next-week" => return Ok(week_start(today, week) + chrono::Days::new(7)),
        _ => {}
    }
    if let Some(name) = word.strip_prefix("next-") {
        let weekday: Weekday = name.parse().map_err(|_| {
            format!("`{text}` is not a date: after `next-` write a weekday, e.g. next-sunday")
        })?;
        let ahead =
            (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return Ok(today + chrono::Days::new(ahead.into()));
    }
    if text.trim().starts_with(|c: char| c.is_ascii_digit()) {
        parse_date(text)
    } else {
        Err(format!(
            "`{text}` is not a date: write it as YYYY-MM-DD (e.g. 2026-11-01) or as one of \
             {DATE_WORDS}"
        ))
    }
}

/// A day that comes back every year: a fixed month and day, the n-th (or last) weekday of a month,
/// or a feast that moves with Easter or Advent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearlyRule {
    /// `december 25`
    Fixed { month: u32, day: u32 },
    /// `first sunday of november`; `nth` is 1..=5, or 0 for "last".
    NthWeekday {
        nth: u8,
        weekday: Weekday,
        month: u32,
    },
    /// `easter`, `easter - 2`, `pentecost`, `first sunday of advent`, by the given reckoning.
    Movable(Movable, Reckoning),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const ORDINALS: [&str; 6] = ["last", "first", "second", "third", "fourth", "fifth"];

fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

impl FromStr for YearlyRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let lower = text.trim().to_lowercase();
        if let Some(movable) = Movable::parse(&lower) {
            return movable.map(|m| YearlyRule::Movable(m, Reckoning::default()));
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        let bad = || {
            format!(
                "`{text}` is not a yearly rule: write `first sunday of november`, `last friday of march`, \
                 `december 25`, or a feast that moves with Easter or Advent: {}, or one of \
                 these with days added or taken away (`easter - 2`, `pentecost + 7`)",
                church_year::named_feasts()
            )
        };
        match words.as_slice() {
            [ordinal, weekday, "of", month] => {
                let nth = ORDINALS.iter().position(|o| o == ordinal).ok_or_else(bad)? as u8;
                let weekday = weekday.parse::<Weekday>().map_err(|_| bad())?;
                let month = month_number(month).ok_or_else(bad)?;
                Ok(YearlyRule::NthWeekday {
                    nth,
                    weekday,
                    month,
                })
            }
            [month, day] | [day, month] if month_number(month).is_some() => {
                let month = month_number(month).ok_or_else(bad)?;
                let day: u32 = day.parse().map_err(|_| bad())?;
                // 2024 is a leap year: February 29 is a valid rule that simply skips other years.
                NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
                Ok(YearlyRule::Fixed { month, day })
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for YearlyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            YearlyRule::Fixed { month, day } => write!(f, "{} {day}", MONTHS[month as usize - 1]),
            YearlyRule::NthWeekday {
                nth,
                weekday,
                month,
            } => write!(
                f,
                "{} {} of {}",
                ORDINALS[nth as usize],
                weekday_name(weekday).to_lowercase(),
                MONTHS[month as usize - 1]
            ),
            YearlyRule::Movable(movable, _) => movable.fmt(f),
        }
    }
}

impl YearlyRule {
    /// The same rule with movable feasts reckoned by `reckoning`.
    pub fn reckoned(self, reckoning: Reckoning) -> YearlyRule {
        match self {
            YearlyRule::Movable(movable, _) => YearlyRule::Movable(movable, reckoning),
            other => other,
        }
    }

    /// The date the rule gives in `year`, if that year has one (no February 29, no fifth Monday).
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        match *self {
            YearlyRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            YearlyRule::NthWeekday {
                nth: 0,
                weekday,
                month,
            } => {
                let next_month = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                let last = next_month.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                Some(last - chrono::Days::new(back.into()))
            }
            YearlyRule::NthWeekday {
                nth,
                weekday,
                month,
            } => NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth),
            YearlyRule::Movable(movable, reckoning) => movable.in_year(year, reckoning),
        }
    }
}

/// The English weekday name, e.g. "Wednesday", for the command line's own messages (outputs
/// use the output language's, from [`crate::content::locale`]).
pub fn weekday_name(day: Weekday) -> &'static str {
    pure_rust_locales::POSIX::LC_TIME::DAY[day.num_days_from_sunday() as usize]
}

/// The English month name, e.g. "November", for the command line's own messages.
pub fn month_name(month: u32) -> &'static str {
    pure_rust_locales::POSIX::LC_TIME::MON[(month as usize + 11) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn week_starts_on_the_configured_day() {
        // 2026-11-25 is a Wednesday.
        assert_eq!(
            week_start(d(2026, 11, 25), WeekStart::Monday),
            d(2026, 11, 23)
        );
        assert_eq!(
            week_start(d(2026, 11, 25), WeekStart::Sunday),
            d(2026, 11, 22)
        );
        assert_eq!(
            week_start(d(2026, 11, 22), WeekStart::Sunday),
            d(2026, 11, 22)
        );
        assert_eq!(
            week_start(d(2026, 11, 22), WeekStart::Monday),
            d(2026, 11, 16)
        );
    }

    #[test]
    fn week_crosses_the_year_in_a_53_week_year() {
        // 2026 has 53 ISO weeks; its last week runs Monday 28 December to Sunday 3 January 2027.
        assert_eq!(
            week_start(d(2027, 1, 3), WeekStart::Monday),
            d(2026, 12, 28)
        );
        assert_eq!(
            week_start(d(2026, 12, 31), WeekStart::Monday),
            d(2026, 12, 28)
        );
        assert_eq!(week_start(d(2027, 1, 4), WeekStart::Monday), d(2027, 1, 4));
    }

    #[test]
    fn local_date_follows_the_zone_across_a_dst_change() {
        let tz: chrono_tz::Tz = "America/New_York".parse().unwrap();
        // 2026-03-08 07:30 UTC is 03:30 EDT on the day clocks spring forward.
        let spring = Utc.with_ymd_and_hms(2026, 3, 8, 7, 30, 0).unwrap();
        assert_eq!(local_date(&tz, spring), d(2026, 3, 8));
        // 2026-11-01 04:30 UTC is 00:30 EDT; 05:30 UTC is 01:30 EDT; 06:30 UTC is 01:30 EST again.
        for hour in [4, 5, 6] {
            let t = Utc.with_ymd_and_hms(2026, 11, 1, hour, 30, 0).unwrap();
            assert_eq!(local_date(&tz, t), d(2026, 11, 1));
        }
        // 03:59 UTC on 1 November is still 31 October in New York.
        let before = Utc.with_ymd_and_hms(2026, 11, 1, 3, 59, 0).unwrap();
        assert_eq!(local_date(&tz, before), d(2026, 10, 31));
    }

    #[test]
    fn parses_yearly_rules() {
        let idop: YearlyRule = "first Sunday of November".parse().unwrap();
        assert_eq!(idop.in_year(2026), Some(d(2026, 11, 1)));
        assert_eq!(idop.in_year(2027), Some(d(2027, 11, 7)));
        let last: YearlyRule = "last friday of march".parse().unwrap();
        assert_eq!(last.in_year(2026), Some(d(2026, 3, 27)));
        let xmas: YearlyRule = "December 25".parse().unwrap();
        assert_eq!(xmas.in_year(2026), Some(d(2026, 12, 25)));
        assert_eq!(xmas.to_string(), "december 25");
        assert_eq!(idop.to_string(), "first sunday of november");
    }

    #[test]
    fn february_29_rule_skips_common_years() {
        let leap: YearlyRule = "29 february".parse().unwrap();
        assert_eq!(leap.in_year(2028), Some(d(2028, 2, 29)));
        assert_eq!(leap.in_year(2027), None);
    }

    #[test]
    fn errors_on_a_bad_rule() {
        let err = "first sundy of november".parse::<YearlyRule>().unwrap_err();
        assert!(err.contains("first sunday of november"), "{err}");
        assert!("february 30".parse::<YearlyRule>().is_err());
    }

    #[test]
    fn a_date_that_does_not_exist_says_why() {
        assert_eq!(
            parse_date("2027-02-29").unwrap_err(),
            "`2027-02-29` is not a date: 2027 is not a leap year: February has 28 days"
        );
        assert_eq!(parse_date("2028-02-29"), Ok(d(2028, 2, 29)));
        assert_eq!(
            parse_date("2026-04-31").unwrap_err(),
            "`2026-04-31` is not a date: April 2026 has 30 days"
        );
        assert_eq!(
            parse_date("2026-13-01").unwrap_err(),
            "`2026-13-01` is not a date: there is no month 13 (months are 01 to 12)"
        );
        assert!(parse_date("01-11-2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse_date("2026-11-01x")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert_eq!(parse_date(" 2026-1-5 "), Ok(d(2026, 1, 5)));
    }

    #[test]
    fn resolves_words_relative_to_today() {
        // 2026-11-25 is a Wednesday.
        let today = d(2026, 11, 25);
        let r = |w: &str| resolve_date(w, today, WeekStart::Monday);
        assert_eq!(r("today"), Ok(today));
        assert_eq!(r("Tomorrow"), Ok(d(2026, 11, 26)));
        assert_eq!(r("yesterday"), Ok(d(2026, 11, 24)));
        assert_eq!(r("this-week"), Ok(d(2026, 11, 23)));
        assert_eq!(r("next-week"), Ok(d(2026, 11, 30)));
        assert_eq!(
            resolve_date("next-week", today, WeekStart::Sunday),
            Ok(d(2026, 11, 29))
        );
        assert_eq!(r("next-sunday"), Ok(d(2026, 11, 29)));
        assert_eq!(r("next-thursday"), Ok(d(2026, 11, 26)));
        // On a Wednesday, next Wednesday is a week away, never today.
        assert_eq!(r("next-wednesday"), Ok(d(2026, 12, 2)));
        assert_eq!(r("next sunday"), Ok(d(2026, 11, 29)));
        assert_eq!(r("2027-01-03"), Ok(d(2027, 1, 3)));
        // Across the year's end.
        assert_eq!(
            resolve_date("tomorrow", d(2026, 12, 31), WeekStart::Monday),
            Ok(d(2027, 1, 1))
        );
        assert!(r("next-sundy").unwrap_err().contains("next-sunday"));
        assert!(r("tomorow").unwrap_err().contains("tomorrow"));
        assert!(r("2027-02-29").unwrap_err().contains("not a leap year"));
    }

    #[test]
    fn english_names_for_messages() {
        assert_eq!(weekday_name(Weekday::Wed), "Wednesday");
        assert_eq!(weekday_name(Weekday::Sun), "Sunday");
        assert_eq!(month_name(2), "February");
        assert_eq!(month_name(12), "December");
    }
}
