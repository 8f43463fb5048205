//! The church year: Easter by the computus, and the name of each Sunday.
//!
//! Western Sundays are named the way most Western lectionaries name them: Advent 1–4, Christmas
//! 1–2, Epiphany and the Sundays after it, Lent 1–5, Palm Sunday, Easter Day, Easter 2–7,
//! Pentecost, Trinity Sunday, the Sundays after Trinity, and Christ the King before Advent. The
//! Orthodox year has its own: the Triodion, the Sundays of Great Lent, Pascha and the Sundays
//! after it, Pentecost, All Saints, the Sundays after Pentecost and of the Nativity Fast, and the
//! Sundays around the Nativity and Theophany. A few feasts are named on weekdays too.

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

    /// The feast on `date` if it is a weekday with one and the church year is on.
    pub fn feast(self, date: NaiveDate) -> Option<Feast> {
        match self {
            ChurchYear::Off => None,
            _ => feast(date, self.reckoning()),
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

/// The name of a Sunday in the church year. The Western year names Advent 1–4 to Trinity 24
/// and Christ the King; the Orthodox year (`Orthodox*` and the saints' Sundays) has its own.
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
    /// The Sunday before Advent.
    ChristTheKing,
    /// A feast with a fixed date that names the Sunday it falls on (the Transfiguration).
    Feast(Feast),
    // The Orthodox year, from the Triodion to the Sundays after Pentecost.
    Zacchaeus,
    PublicanAndPharisee,
    ProdigalSon,
    /// Meatfare Sunday.
    LastJudgment,
    /// Cheesefare Sunday.
    Forgiveness,
    /// The first Sunday of Great Lent.
    Orthodoxy,
    GregoryPalamas,
    HolyCross,
    JohnClimacus,
    MaryOfEgypt,
    OrthodoxPalm,
    Pascha,
    Thomas,
    MyrrhBearers,
    Paralytic,
    SamaritanWoman,
    BlindMan,
    FathersOfTheFirstCouncil,
    OrthodoxPentecost,
    AllSaints,
    /// The n-th Sunday after Pentecost (All Saints is the first).
    AfterPentecost(u8),
    /// The n-th Sunday after Pentecost, in the Nativity Fast (from 15 November).
    NativityFast(u8),
    /// 11 to 17 December.
    Forefathers,
    /// 18 to 24 December.
    BeforeNativity,
    /// 26 to 31 December.
    AfterNativity,
    /// 1 to 5 January.
    BeforeTheophany,
    /// 7 to 13 January.
    AfterTheophany,
}

/// A feast of the church year, named on the day it falls (on a Sunday it names the Sunday
/// only where [`Sunday::Feast`] says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feast {
    AshWednesday,
    MaundyThursday,
    GoodFriday,
    /// Ascension Day, 39 days after Easter.
    Ascension,
    /// 6 January.
    Epiphany,
    /// 6 August, in both years.
    Transfiguration,
    /// 1 November.
    AllSaints,
    /// 25 December.
    ChristmasDay,
    // The Orthodox year.
    /// The first day of Great Lent.
    CleanMonday,
    HolyThursday,
    HolyFriday,
    OrthodoxAscension,
    /// 6 January.
    Theophany,
    /// 25 December.
    Nativity,
}

/// The name of `date` if it is a Sunday, else `None`.
///
/// In the Western year, Christmas 1 falls on 26 December to 1 January, Christmas 2 on 2 to 5 January; a Sunday on
/// 6 January is the Epiphany, and later Sundays count from it ("Epiphany 1" is the first Sunday
/// after 6 January) until Lent. The Sunday before Advent is Christ the King; a Sunday on 6 August
/// is the Transfiguration, on 1 November All Saints.
pub fn sunday(date: NaiveDate, reckoning: Reckoning) -> Option<Sunday> {
    if date.weekday() != Weekday::Sun {
        return None;
    }
    if reckoning == Reckoning::Orthodox {
        return Some(orthodox_sunday(date));
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
    if date + Days::new(7) == advent {
        return Some(Sunday::ChristTheKing);
    }
    let (month, day) = (date.month(), date.day());
    if month == 1 && day <= 6 {
        return Some(match day {
            1 => Sunday::Christmas(1),
            2..=5 => Sunday::Christmas(2),
            _ => Sunday::Epiphany,
        });
    }
    match (month, day) {
        (8, 6) => return Some(Sunday::Feast(Feast::Transfiguration)),
        (11, 1) => return Some(Sunday::Feast(Feast::AllSaints)),
        _ => {}
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

/// A Sunday of the Orthodox year. The fixed feasts keep their civil dates (as the Orthodox
/// Church in America keeps them); the Triodion, Great Lent, Pascha and the Sundays after it
/// follow the Orthodox Pascha; the other Sundays count from Pentecost, as the Sundays of the
/// Nativity Fast from 15 November.
fn orthodox_sunday(date: NaiveDate) -> Sunday {
    match (date.month(), date.day()) {
        (12, 11..=17) => return Sunday::Forefathers,
        (12, 18..=24) => return Sunday::BeforeNativity,
        (12, 25) => return Sunday::Feast(Feast::Nativity),
        (12, 26..=31) => return Sunday::AfterNativity,
        (1, 1..=5) => return Sunday::BeforeTheophany,
        (1, 6) => return Sunday::Feast(Feast::Theophany),
        (1, 7..=13) => return Sunday::AfterTheophany,
        (8, 6) => return Sunday::Feast(Feast::Transfiguration),
        _ => {}
    }
    let year = date.year();
    let pascha = easter(year, Reckoning::Orthodox);
    let after_pentecost = |pascha: NaiveDate| (((date - pascha).num_days() - 49) / 7) as u8;
    match (date - pascha).num_days() {
        -77 => Sunday::Zacchaeus,
        -70 => Sunday::PublicanAndPharisee,
        -63 => Sunday::ProdigalSon,
        -56 => Sunday::LastJudgment,
        -49 => Sunday::Forgiveness,
        -42 => Sunday::Orthodoxy,
        -35 => Sunday::GregoryPalamas,
        -28 => Sunday::HolyCross,
        -21 => Sunday::JohnClimacus,
        -14 => Sunday::MaryOfEgypt,
        -7 => Sunday::OrthodoxPalm,
        0 => Sunday::Pascha,
        7 => Sunday::Thomas,
        14 => Sunday::MyrrhBearers,
        21 => Sunday::Paralytic,
        28 => Sunday::SamaritanWoman,
        35 => Sunday::BlindMan,
        42 => Sunday::FathersOfTheFirstCouncil,
        49 => Sunday::OrthodoxPentecost,
        56 => Sunday::AllSaints,
        // January and February: the weeks after last year's Pentecost.
        ..-77 => Sunday::AfterPentecost(after_pentecost(easter(year - 1, Reckoning::Orthodox))),
        _ if (date.month(), date.day()) >= (11, 15) => {
            Sunday::NativityFast(after_pentecost(pascha))
        }
        _ => Sunday::AfterPentecost(after_pentecost(pascha)),
    }
}

/// The feast on `date` if it is a weekday: Ash Wednesday, Maundy Thursday, Good Friday, Ascension
/// Day, the Epiphany, the Transfiguration, All Saints and Christmas Day; in the Orthodox year,
/// Clean Monday, Great and Holy Thursday and Friday, the Ascension, Theophany, the
/// Transfiguration and the Nativity. On a Sunday, `None`: [`sunday`] names it.
pub fn feast(date: NaiveDate, reckoning: Reckoning) -> Option<Feast> {
    if date.weekday() == Weekday::Sun {
        return None;
    }
    let orthodox = reckoning == Reckoning::Orthodox;
    let fixed = match (date.month(), date.day()) {
        (1, 6) if orthodox => Some(Feast::Theophany),
        (1, 6) => Some(Feast::Epiphany),
        (8, 6) => Some(Feast::Transfiguration),
        (11, 1) if !orthodox => Some(Feast::AllSaints),
        (12, 25) if orthodox => Some(Feast::Nativity),
        (12, 25) => Some(Feast::ChristmasDay),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let offset = (date - easter(date.year(), reckoning)).num_days();
    match (offset, orthodox) {
        (-48, true) => Some(Feast::CleanMonday),
        (-46, false) => Some(Feast::AshWednesday),
        (-3, true) => Some(Feast::HolyThursday),
        (-3, false) => Some(Feast::MaundyThursday),
        (-2, true) => Some(Feast::HolyFriday),
        (-2, false) => Some(Feast::GoodFriday),
        (39, true) => Some(Feast::OrthodoxAscension),
        (39, false) => Some(Feast::Ascension),
        _ => None,
    }
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

/// Named feasts users write in pins, and where they fall; the error of a rule that is none of
/// them lists them (aliases, such as `easter day`, are left out of the list).
const NAMED: [(&str, Movable); 13] = [
    ("easter", Movable::Easter(0)),
    ("easter day", Movable::Easter(0)),
    ("pascha", Movable::Easter(0)),
    ("ash wednesday", Movable::Easter(-46)),
    ("palm sunday", Movable::Easter(-7)),
    ("maundy thursday", Movable::Easter(-3)),
    ("good friday", Movable::Easter(-2)),
    ("ascension", Movable::Easter(39)),
    ("ascension day", Movable::Easter(39)),
    ("pentecost", Movable::Easter(49)),
    ("trinity sunday", Movable::Easter(56)),
    ("christ the king", Movable::Advent(-7)),
    ("first sunday of advent", Movable::Advent(0)),
];

/// Other spellings of a feast in [`NAMED`], left out of the list an error shows.
const ALIASES: [&str; 2] = ["easter day", "ascension day"];

/// The named feasts a pin can follow, quoted and joined for an error message:
/// `` `easter`, `pascha`, `ash wednesday`, … ``.
pub fn named_feasts() -> String {
    let names: Vec<String> = NAMED
        .iter()
        .filter(|(name, _)| !ALIASES.contains(name))
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    names.join(", ")
}

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

    /// The English names of the Sundays from `first`, a year of them.
    fn year_of_sundays(first: &str, reckoning: Reckoning) -> Vec<String> {
        let en = crate::content::locale::Locale::english();
        day(first)
            .iter_weeks()
            .take(53)
            .map(|d| en.sunday(sunday(d, reckoning).unwrap()))
            .collect()
    }

    #[test]
    fn names_the_sundays_of_a_year_in_order() {
        // 2026-27: Advent 1 on 29 November 2026, Easter on 28 March 2027.
        let names = year_of_sundays("2026-11-29", Reckoning::Western);
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
        assert_eq!(
            names[names.len() - 2],
            "Christ the King",
            "21 November 2027"
        );
        assert_eq!(names[names.len() - 3], "Trinity 25", "14 November 2027");
        // 6 August 2028 and 1 November 2026 are Sundays.
        assert_eq!(
            sunday(day("2028-08-06"), Reckoning::Western),
            Some(Sunday::Feast(Feast::Transfiguration))
        );
        assert_eq!(
            sunday(day("2026-11-01"), Reckoning::Western),
            Some(Sunday::Feast(Feast::AllSaints))
        );
    }

    #[test]
    fn names_the_orthodox_sundays_of_2027() {
        // Pascha 2027 is 2 May (the Julian computus, tested above against the table).
        assert_eq!(easter(2027, Reckoning::Orthodox), day("2027-05-02"));
        let names = year_of_sundays("2026-11-29", Reckoning::Orthodox);
        let dated =
            |date: &str| names[((day(date) - day("2026-11-29")).num_days() / 7) as usize].as_str();
        assert!(names.iter().all(|n| !n.starts_with("Advent")), "{names:?}");
        assert_eq!(
            dated("2026-11-29"),
            "26th Sunday after Pentecost (Nativity Fast)"
        );
        assert_eq!(dated("2026-12-13"), "Sunday of the Forefathers");
        assert_eq!(dated("2026-12-20"), "Sunday before the Nativity");
        assert_eq!(dated("2026-12-27"), "Sunday after the Nativity");
        assert_eq!(dated("2027-01-03"), "Sunday before Theophany");
        assert_eq!(dated("2027-01-10"), "Sunday after Theophany");
        assert_eq!(dated("2027-01-17"), "33rd Sunday after Pentecost");
        let expect = [
            ("2027-02-14", "Sunday of Zacchaeus"),
            ("2027-02-21", "Sunday of the Publican and the Pharisee"),
            ("2027-02-28", "Sunday of the Prodigal Son"),
            ("2027-03-07", "Sunday of the Last Judgment (Meatfare)"),
            ("2027-03-14", "Forgiveness Sunday (Cheesefare)"),
            ("2027-03-21", "Sunday of Orthodoxy"),
            ("2027-03-28", "Sunday of St Gregory Palamas"),
            ("2027-04-04", "Sunday of the Holy Cross"),
            ("2027-04-11", "Sunday of St John Climacus"),
            ("2027-04-18", "Sunday of St Mary of Egypt"),
            ("2027-04-25", "Palm Sunday"),
            ("2027-05-02", "Pascha"),
            ("2027-05-09", "Thomas Sunday"),
            ("2027-05-16", "Sunday of the Myrrh-bearing Women"),
            ("2027-05-23", "Sunday of the Paralytic"),
            ("2027-05-30", "Sunday of the Samaritan Woman"),
            ("2027-06-06", "Sunday of the Blind Man"),
            ("2027-06-13", "Sunday of the Fathers of the First Council"),
            ("2027-06-20", "Pentecost"),
            ("2027-06-27", "Sunday of All Saints"),
            ("2027-07-04", "2nd Sunday after Pentecost"),
            ("2027-07-11", "3rd Sunday after Pentecost"),
            ("2027-11-14", "21st Sunday after Pentecost"),
            ("2027-11-21", "22nd Sunday after Pentecost (Nativity Fast)"),
        ];
        for (date, name) in expect {
            assert_eq!(dated(date), name, "{date}");
        }
        // The Triodion runs on without a gap to Pascha.
        let from = names
            .iter()
            .position(|n| n == "Sunday of Zacchaeus")
            .unwrap();
        let to = names.iter().position(|n| n == "Pascha").unwrap();
        assert_eq!(to - from, 11);
        assert_eq!(
            sunday(day("2027-08-08"), Reckoning::Orthodox),
            Some(Sunday::AfterPentecost(7))
        );
        assert_eq!(
            sunday(day("2027-01-06"), Reckoning::Orthodox),
            None,
            "a Wednesday"
        );
        assert_eq!(
            sunday(day("2030-01-06"), Reckoning::Orthodox),
            Some(Sunday::Feast(Feast::Theophany))
        );
    }

    #[test]
    fn names_weekday_feasts_in_both_years() {
        // Western Easter 2027: 28 March; Orthodox Pascha: 2 May.
        let western = [
            ("2027-02-10", Feast::AshWednesday),
            ("2027-03-25", Feast::MaundyThursday),
            ("2027-03-26", Feast::GoodFriday),
            ("2027-05-06", Feast::Ascension),
            ("2027-01-06", Feast::Epiphany),
            ("2027-08-06", Feast::Transfiguration),
            ("2027-11-01", Feast::AllSaints),
            ("2026-12-25", Feast::ChristmasDay),
        ];
        for (date, feast) in western {
            assert_eq!(
                super::feast(day(date), Reckoning::Western),
                Some(feast),
                "{date}"
            );
        }
        let orthodox = [
            ("2027-03-15", Feast::CleanMonday),
            ("2027-04-29", Feast::HolyThursday),
            ("2027-04-30", Feast::HolyFriday),
            ("2027-06-10", Feast::OrthodoxAscension),
            ("2027-01-06", Feast::Theophany),
            ("2027-08-06", Feast::Transfiguration),
            ("2026-12-25", Feast::Nativity),
        ];
        for (date, feast) in orthodox {
            assert_eq!(
                super::feast(day(date), Reckoning::Orthodox),
                Some(feast),
                "{date}"
            );
        }
        assert_eq!(super::feast(day("2027-03-24"), Reckoning::Western), None);
        assert_eq!(
            super::feast(day("2027-03-28"), Reckoning::Western),
            None,
            "a Sunday"
        );
        assert_eq!(ChurchYear::Off.feast(day("2027-03-26")), None);
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
    fn orthodox_reckoning_names_its_own_year() {
        // 2027: Western Easter 28 March, Orthodox 2 May.
        assert_eq!(
            sunday(day("2027-05-02"), Reckoning::Orthodox),
            Some(Sunday::Pascha)
        );
        assert_eq!(
            sunday(day("2027-05-02"), Reckoning::Western),
            Some(Sunday::Eastertide(6))
        );
        assert_eq!(
            sunday(day("2026-11-29"), Reckoning::Orthodox),
            Some(Sunday::NativityFast(26))
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
        assert_eq!(
            Movable::parse("christ the king")
                .unwrap()
                .unwrap()
                .in_year(2027, Reckoning::Western),
            Some(day("2027-11-21"))
        );
        assert_eq!(
            Movable::parse("pascha")
                .unwrap()
                .unwrap()
                .in_year(2027, Reckoning::Orthodox),
            Some(day("2027-05-02"))
        );
    }

    #[test]
    fn the_list_of_named_feasts_has_every_feast_once() {
        let list = named_feasts();
        for name in [
            "`ash wednesday`",
            "`palm sunday`",
            "`ascension`",
            "`trinity sunday`",
        ] {
            assert!(list.contains(name), "{list}");
        }
        assert!(!list.contains("easter day"), "{list}");
        assert_eq!(list.matches('`').count(), 2 * (NAMED.len() - ALIASES.len()));
    }
}
