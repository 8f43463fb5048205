//! Who is owed a reminder when (pure): each browser once a day, from its hour on, in the
//! schedule's time zone, as email's daily hour works. An hour that does not exist that day
//! (clocks go forward) falls just after the gap; an hour that happens twice counts once,
//! since the journal keeps one row per day.

use chrono::{DateTime, NaiveDate, Timelike, Utc};

/// The journal's name for a day's reminders, as the email journal names editions.
pub fn edition(date: NaiveDate) -> String {
    format!("daily-{date}")
}

/// The day a browser that chose `hour` is owed a reminder for at `now`, once its hour has
/// come (only today's: a reminder for yesterday arriving late is no reminder).
pub fn due(hour: u8, zone: chrono_tz::Tz, now: DateTime<Utc>) -> Option<NaiveDate> {
    let local = now.with_timezone(&zone);
    (local.hour() >= u32::from(hour)).then(|| local.date_naive())
}

/// The day a browser is owed a reminder for at `now`: as [`due`], except that a browser that
/// subscribed today after its hour had passed waits for tomorrow's (a reminder arriving the
/// moment one subscribes in the evening is no reminder).
pub fn owed(
    hour: u8,
    subscribed: DateTime<Utc>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<NaiveDate> {
    let day = due(hour, zone, now)?;
    let joined = subscribed.with_timezone(&zone);
    let late = joined.date_naive() == day && joined.hour() >= u32::from(hour);
    (!late).then_some(day)
}

/// The first moment after `now` at which one of `hours` comes round.
pub fn next(
    hours: impl IntoIterator<Item = u8>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&zone).date_naive();
    hours
        .into_iter()
        .filter_map(|hour| {
            (0..3).find_map(|k| {
                let day = today + chrono::Days::new(k);
                let naive = day.and_hms_opt(u32::from(hour), 0, 0)?;
                // In a gap, the first moment after it.
                let at = match naive.and_local_timezone(zone).earliest() {
                    Some(at) => at,
                    None => (naive + chrono::Duration::hours(1))
                        .and_local_timezone(zone)
                        .earliest()?,
                }
                .with_timezone(&Utc);
                (at > now).then_some(at)
            })
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn is_due_from_the_hour_in_the_schedules_zone() {
        let zone = chrono_tz::America::Chicago;
        // 12:30 UTC is 06:30 in Chicago in December.
        let now = utc("2026-12-07T12:30:00Z");
        assert_eq!(due(6, zone, now), NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(due(7, zone, now), None);
        // 03:00 UTC is still the 6th in Chicago.
        assert_eq!(
            due(20, zone, utc("2026-12-07T03:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 12, 6)
        );
        assert_eq!(
            edition(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
            "daily-2026-12-07"
        );
    }

    #[test]
    fn a_browser_subscribed_after_its_hour_waits_for_tomorrow() {
        let zone = chrono_tz::UTC;
        let now = utc("2026-12-07T20:00:00Z");
        let today = NaiveDate::from_ymd_opt(2026, 12, 7);
        assert_eq!(owed(7, utc("2026-12-07T19:00:00Z"), zone, now), None);
        assert_eq!(owed(7, utc("2026-12-07T06:59:00Z"), zone, now), today);
        assert_eq!(owed(7, utc("2026-12-01T19:00:00Z"), zone, now), today);
        assert_eq!(owed(21, utc("2026-12-07T06:00:00Z"), zone, now), None);
        assert_eq!(
            owed(
                7,
                utc("2026-12-07T19:00:00Z"),
                zone,
                utc("2026-12-08T07:00:00Z")
            ),
            NaiveDate::from_ymd_opt(2026, 12, 8)
        );
    }

    #[test]
    fn an_hour_skipped_by_daylight_saving_falls_just_after_the_gap() {
        let zone = chrono_tz::Europe::London;
        // 29 March 2026: 01:00 GMT jumps to 02:00 BST; 01:xx never happens.
        let before = utc("2026-03-29T00:59:00Z");
        assert_eq!(due(1, zone, before), None);
        let after = utc("2026-03-29T01:00:00Z");
        assert_eq!(due(1, zone, after), NaiveDate::from_ymd_opt(2026, 3, 29));
        assert_eq!(next([1], zone, before), Some(after));
    }

    #[test]
    fn the_next_wake_is_the_soonest_hour_to_come() {
        let zone = chrono_tz::UTC;
        let now = utc("2026-12-07T08:30:00Z");
        assert_eq!(
            next([7, 9, 12], zone, now),
            Some(utc("2026-12-07T09:00:00Z"))
        );
        assert_eq!(next([7], zone, now), Some(utc("2026-12-08T07:00:00Z")));
        assert_eq!(next([], zone, now), None);
    }
}
