//! The church year: Easter by the computus, and the name of each Sunday.
//!
//! Sundays are named the way most Western lectionaries name them: Advent 1–4, Christmas 1–2,
//! Epiphany and the Sundays after it, Lent 1–5, Palm Sunday, Easter Day, Easter 2–7, Pentecost,
//! Trinity Sunday, then the Sundays after Trinity until Advent. With the Orthodox reckoning the
//! movable Sundays follow the Orthodox Easter; the rest stays.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Which Easter the movable feasts follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reckoning {
    /// The Gregorian computus, kept by Catholic and Protestant churches.
    #[default]
    Western,
    /// The Julian computus, kept by Orthodox churches, given as a Gregorian date.
    Orthodox,
}

/// `church_year` in schedule.toml: which church year names the Sundays, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChurchYear {
    /// Sundays named, movable feasts by the Western Easter.
    #[default]
    Western,
    /// Sundays named, movable feasts by the Orthodox Easter.
    Orthodox,
    /// No Sunday names; pins on movable feasts follow the Western Easter.
    Off,
}

impl ChurchYear {
    /// The Easter that movable pins follow.
    pub fn reckoning(self) -> Reckoning {
        match self {
            ChurchYear::Orthodox => Reckoning::Orthodox,
            ChurchYear::Western | ChurchYear::Off => Reckoning::Western,
        }
    }

    /// The name of `date` if it is a Sunday and Sundays are named.
    pub fn sunday(self, date: NaiveDate) -> Option<Sunday> {
        match self {
            ChurchYear::Off => None,
            _ => sunday(date, self.reckoning()),
        }
    }
}

/// Easter Day of `year` as a date of the Gregorian calendar.
///
/// Western: the anonymous Gregorian algorithm (Meeus, *Astronomical Algorithms*, ch. 8).
/// Orthodox: Meeus's Julian algorithm, moved by the days the Julian calendar lags the Gregorian.
pub fn easter(year: i32, reckoning: Reckoning) -> NaiveDate {
    match reckoning {
        Reckoning::Western => {
            let a = year % 19;
            let (b, c) = (year / 100, year % 100);
            let (d, e) = (b / 4, b % 4);
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 22 * l) / 451;
            let month = (h + l - 7 * m + 114) / 31;
            let day = (h + l - 7 * m + 114) % 31 + 1;
            date(year, month, day)
        }
        Reckoning::Orthodox => {
            let (a, b, c) = (year % 4, year % 7, year % 19);
            let d = (19 * c + 15) % 30;
            let e = (2 * a + 4 * b - d + 34) % 7;
            let month = (d + e + 114) / 31;
            let day = (d + e + 114) % 31 + 1;
            // The Julian calendar falls behind by a day in each century year not divisible by 400.
            let lag = year / 100 - year / 400 - 2;
            date(year, month, day) + Days::new(lag as u64)
        }
    }
}

fn date(year: i32, month: i32, day: i32) -> NaiveDate {
    // The algorithms only give March and April days, which exist in every year.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is in March or April")
}

/// The first Sunday of Advent: the fourth Sunday before Christmas Day (27 November to 3 December).
pub fn advent_sunday(year: i32) -> NaiveDate {
    let christmas = NaiveDate::from_ymd_opt(year, 12, 25).expect("25 December exists");
    let back = christmas.weekday().num_days_from_sunday();
    let back = if back == 0 { 7 } else { back };
    christmas - Days::new(u64::from(back) + 21)
}

/// The name of a Sunday in the church year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sunday {
    Advent(u8),
    ChristmasDay,
    Christmas(u8),
    Epiphany,
    AfterEpiphany(u8),
    Lent(u8),
    Palm,
    Easter,
    Eastertide(u8),
    Pentecost,
    Trinity,
    AfterTrinity(u8),
}

impl fmt::Display for Sunday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sunday::Advent(n) => write!(f, "Advent {n}"),
            Sunday::ChristmasDay => f.write_str("Christmas Day"),
            Sunday::Christmas(n) => write!(f, "Christmas {n}"),
            Sunday::Epiphany => f.write_str("Epiphany"),
            Sunday::AfterEpiphany(n) => write!(f, "Epiphany {n}"),
            Sunday::Lent(n) => write!(f, "Lent {n}"),
            Sunday::Palm => f.write_str("Palm Sunday"),
            Sunday::Easter => f.write_str("Easter Day"),
            Sunday::Eastertide(n) => write!(f, "Easter {n}"),
            Sunday::Pentecost => f.write_str("Pentecost"),
            Sunday::Trinity => f.write_str("Trinity Sunday"),
            Sunday::AfterTrinity(n) => write!(f, "Trinity {n}"),
        }
    }
}

/// The name of `date` if it is a Sunday, else `None`.
///
/// Christmas 1 falls on 26 December to 1 January, Christmas 2 on 2 to 5 January; a Sunday on
/// 6 January is the Epiphany, and later Sundays count from it ("Epiphany 1" is the first Sunday
/// after 6 January) until Lent.
pub fn sunday(date: NaiveDate, reckoning: Reckoning) -> Option<Sunday> {
    if date.weekday() != Weekday::Sun {
        return None;
    }
    let year = date.year();
    let weeks_from = |from: NaiveDate| ((date - from).num_days() / 7) as u8;
    let advent = advent_sunday(year);
    if date >= advent {
        let christmas = NaiveDate::from_ymd_opt(year, 12, 25)?;
        return Some(match date.cmp(&christmas) {
            std::cmp::Ordering::Less => Sunday::Advent(weeks_from(advent) + 1),
            std::cmp::Ordering::Equal => Sunday::ChristmasDay,
            std::cmp::Ordering::Greater => Sunday::Christmas(1),
        });
    }
    let (month, day) = (date.month(), date.day());
    if month == 1 && day <= 6 {
        return Some(match day {
            1 => Sunday::Christmas(1),
            2..=5 => Sunday::Christmas(2),
            _ => Sunday::Epiphany,
        });
    }
    let easter = easter(year, reckoning);
    let offset = (date - easter).num_days();
    Some(match offset {
        ..-42 => {
            let epiphany = NaiveDate::from_ymd_opt(year, 1, 6)?;
            Sunday::AfterEpiphany(((date - epiphany).num_days() + 6) as u8 / 7)
        }
        -42..=-14 => Sunday::Lent(((offset + 49) / 7) as u8),
        -7 => Sunday::Palm,
        0 => Sunday::Easter,
        7..=42 => Sunday::Eastertide((offset / 7 + 1) as u8),
        49 => Sunday::Pentecost,
        56 => Sunday::Trinity,
        _ => Sunday::AfterTrinity(((offset - 56) / 7) as u8),
    })
}

/// The Sunday of the week that holds `date` (`week_start` its first day), if that week has one.
pub fn sunday_of_week(week_start: NaiveDate, reckoning: Reckoning) -> Option<(NaiveDate, Sunday)> {
    week_start
        .iter_days()
        .take(7)
        .find_map(|d| sunday(d, reckoning).map(|s| (d, s)))
}

/// A feast that moves with Easter or Advent, for yearly pins: `easter`, `easter - 2`,
/// `pentecost`, `first sunday of advent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movable {
    /// Days from Easter Day (negative before it).
    Easter(i32),
    /// Days from the first Sunday of Advent.
    Advent(i32),
}

/// Named feasts users write in pins, and where they fall.
const NAMED: [(&str, Movable); 10] = [
    ("easter", Movable::Easter(0)),
    ("easter day", Movable::Easter(0)),
    ("ash wednesday", Movable::Easter(-46)),
    ("palm sunday", Movable::Easter(-7)),
    ("good friday", Movable::Easter(-2)),
    ("ascension", Movable::Easter(39)),
    ("ascension day", Movable::Easter(39)),
    ("pentecost", Movable::Easter(49)),
    ("trinity sunday", Movable::Easter(56)),
    ("first sunday of advent", Movable::Advent(0)),
];

impl Movable {
    /// Parses `easter`, `good friday`, `easter - 2`, `pentecost + 7`, `first sunday of advent`
    /// (lower case, single spaces); `None` if the text is none of these.
    pub fn parse(text: &str) -> Option<Result<Movable, String>> {
        let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let (base, offset) = match compact.find(['+', '-']) {
            Some(at) => (compact[..at].trim(), Some(compact[at..].replace(' ', ""))),
            None => (compact.as_str(), None),
        };
        let (_, movable) = NAMED.iter().find(|(name, _)| *name == base)?;
        let Some(offset) = offset else {
            return Some(Ok(*movable));
        };
        Some(match offset.parse::<i32>() {
            Ok(days) if days.abs() <= 200 => Ok(movable.shifted(days)),
            _ => Err(format!(
                "`{text}`: write the days from the feast as a whole number, like `easter - 2` \
                 (Good Friday) or `pentecost + 7`"
            )),
        })
    }

    fn shifted(self, days: i32) -> Movable {
        match self {
            Movable::Easter(d) => Movable::Easter(d + days),
            Movable::Advent(d) => Movable::Advent(d + days),
        }
    }

    /// The date in `year` (the feast's own year: Advent of `year`, Easter of `year`).
    pub fn in_year(self, year: i32, reckoning: Reckoning) -> Option<NaiveDate> {
        let (base, days) = match self {
            Movable::Easter(d) => (easter(year, reckoning), d),
            Movable::Advent(d) => (advent_sunday(year), d),
        };
        let moved = if days >= 0 {
            base.checked_add_days(Days::new(days as u64))
        } else {
            base.checked_sub_days(Days::new(days.unsigned_abs().into()))
        };
        moved.filter(|d| d.year() == year)
    }
}

impl fmt::Display for Movable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, days) = match *self {
            Movable::Easter(d) => ("easter", d),
            Movable::Advent(d) => ("first sunday of advent", d),
        };
        match days {
            0 => f.write_str(name),
            d if d > 0 => write!(f, "{name} + {d}"),
            d => write!(f, "{name} - {}", -d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Vec<Vec<&str>> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_matches_the_published_table_1900_to_2100() {
        let rows = table(include_str!(
            "../../tests/fixtures/church-year/easter-1900-2100.csv"
        ));
        assert_eq!(rows.len(), 201);
        for row in rows {
            let year: i32 = row[0].parse().unwrap();
            assert_eq!(easter(year, Reckoning::Western), day(row[1]), "{year}");
            assert_eq!(easter(year, Reckoning::Orthodox), day(row[2]), "{year}");
        }
    }

    #[test]
    fn advent_and_pentecost_match_the_table_for_50_years() {
        let rows = table(include_str!(
            "../../tests/fixtures/church-year/advent-pentecost-2000-2049.csv"
        ));
        assert_eq!(rows.len(), 50);
        for row in rows {
            let year: i32 = row[0].parse().unwrap();
            assert_eq!(advent_sunday(year), day(row[1]), "{year}");
            let pentecost = Movable::parse("pentecost").unwrap().unwrap();
            assert_eq!(
                pentecost.in_year(year, Reckoning::Western),
                Some(day(row[2])),
                "{year}"
            );
            assert_eq!(
                sunday(day(row[1]), Reckoning::Western),
                Some(Sunday::Advent(1))
            );
            assert_eq!(
                sunday(day(row[2]), Reckoning::Western),
                Some(Sunday::Pentecost)
            );
        }
    }

    #[test]
    fn names_the_sundays_of_a_year_in_order() {
        // 2026-27: Advent 1 on 29 November 2026, Easter on 28 March 2027.
        let names: Vec<String> = day("2026-11-29")
            .iter_weeks()
            .take(53)
            .map(|d| sunday(d, Reckoning::Western).unwrap().to_string())
            .collect();
        let expect_start = [
            "Advent 1",
            "Advent 2",
            "Advent 3",
            "Advent 4",
            "Christmas 1",
            "Christmas 2",
            "Epiphany 1",
        ];
        assert_eq!(names[..7], expect_start);
        let easter_at = names.iter().position(|n| n == "Easter Day").unwrap();
        assert_eq!(
            names[easter_at - 6..easter_at],
            [
                "Lent 1",
                "Lent 2",
                "Lent 3",
                "Lent 4",
                "Lent 5",
                "Palm Sunday"
            ]
        );
        assert_eq!(names[easter_at + 1], "Easter 2");
        assert_eq!(names[easter_at + 6], "Easter 7");
        assert_eq!(names[easter_at + 7], "Pentecost");
        assert_eq!(names[easter_at + 8], "Trinity Sunday");
        assert_eq!(names[easter_at + 9], "Trinity 1");
        assert_eq!(names.last().unwrap(), "Advent 1", "28 November 2027");
        assert_eq!(names[names.len() - 2], "Trinity 26", "21 November 2027");
    }

    #[test]
    fn epiphany_on_a_sunday_and_the_weeks_after() {
        assert_eq!(
            sunday(day("2030-01-06"), Reckoning::Western),
            Some(Sunday::Epiphany)
        );
        assert_eq!(
            sunday(day("2030-01-13"), Reckoning::Western),
            Some(Sunday::AfterEpiphany(1))
        );
        assert_eq!(
            sunday(day("2028-01-02"), Reckoning::Western),
            Some(Sunday::Christmas(2))
        );
        assert_eq!(sunday(day("2026-11-25"), Reckoning::Western), None);
    }

    #[test]
    fn orthodox_reckoning_moves_only_the_easter_cycle() {
        // 2027: Western Easter 28 March, Orthodox 2 May.
        assert_eq!(
            sunday(day("2027-05-02"), Reckoning::Orthodox),
            Some(Sunday::Easter)
        );
        assert_eq!(
            sunday(day("2027-05-02"), Reckoning::Western),
            Some(Sunday::Eastertide(6))
        );
        assert_eq!(
            sunday(day("2026-11-29"), Reckoning::Orthodox),
            Some(Sunday::Advent(1))
        );
    }

    #[test]
    fn parses_movable_feasts() {
        let good_friday = Movable::parse("easter - 2").unwrap().unwrap();
        assert_eq!(good_friday, Movable::Easter(-2));
        assert_eq!(
            good_friday.in_year(2027, Reckoning::Western),
            Some(day("2027-03-26"))
        );
        assert_eq!(Movable::parse("good friday").unwrap().unwrap(), good_friday);
        assert_eq!(good_friday.to_string(), "easter - 2");
        assert_eq!(
            Movable::parse("pentecost+7").unwrap().unwrap(),
            Movable::Easter(56)
        );
        assert_eq!(
            Movable::parse("first sunday of advent")
                .unwrap()
                .unwrap()
                .in_year(2026, Reckoning::Western),
            Some(day("2026-11-29"))
        );
        assert!(Movable::parse("easter - two").unwrap().is_err());
        assert!(Movable::parse("first sunday of november").is_none());
    }
}
