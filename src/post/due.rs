//! Which post a channel is owed at a given moment (pure): today's guide once the channel's
//! hour has come in the schedule's time zone, or the week's on the week's first day.

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use crate::content::calendar::Weeks;
use crate::content::post_config::{PostChannel, PostEdition};

/// One post: what a channel gets for one day or one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub edition: PostEdition,
    /// The day, or the week's first day.
    pub date: NaiveDate,
}

impl Due {
    /// The journal's name for it, as the email journal names editions: `daily-2026-12-07`.
    pub fn id(&self) -> String {
        match self.edition {
            PostEdition::Daily => format!("daily-{}", self.date),
            PostEdition::Weekly => format!("weekly-{}", self.date),
        }
    }

    /// The last day it shows.
    pub fn through(&self, weeks: &Weeks) -> NaiveDate {
        match self.edition {
            PostEdition::Daily => self.date,
            PostEdition::Weekly => weeks.end(self.date),
        }
    }
}

/// The post `channel` is owed at `now`, if its hour has come today; `date` (from `post
/// --date`) asks for that day's (or its week's) post whatever the hour.
pub fn due(
    channel: &PostChannel,
    default_hour: u8,
    zone: chrono_tz::Tz,
    weeks: &Weeks,
    now: DateTime<Utc>,
    date: Option<NaiveDate>,
) -> Option<Due> {
    if let Some(date) = date {
        return Some(match channel.edition {
            PostEdition::Daily => Due {
                edition: PostEdition::Daily,
                date,
            },
            PostEdition::Weekly => Due {
                edition: PostEdition::Weekly,
                date: weeks.start(date),
            },
        });
    }
    let local = now.with_timezone(&zone);
    let today = local.date_naive();
    if local.hour() < u32::from(channel.hour_or(default_hour)) {
        return None;
    }
    match channel.edition {
        PostEdition::Daily => Some(Due {
            edition: PostEdition::Daily,
            date: today,
        }),
        PostEdition::Weekly => (weeks.start(today) == today).then_some(Due {
            edition: PostEdition::Weekly,
            date: today,
        }),
    }
}

/// When `channel` is next owed a post after `now` (ignoring what the journal holds).
pub fn next_hour(
    channel: &PostChannel,
    default_hour: u8,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let hour = u32::from(channel.hour_or(default_hour));
    let today = now.with_timezone(&zone).date_naive();
    (0..3).find_map(|k| {
        let day = today + chrono::Days::new(k);
        let at = day
            .and_hms_opt(hour, 0, 0)?
            .and_local_timezone(zone)
            .earliest()?
            .with_timezone(&Utc);
        (at > now).then_some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::calendar::WeekStart;

    fn channel(edition: &str, hour: u8) -> PostChannel {
        toml::from_str(&format!(
            "name = \"c\"\nnetwork = \"discord\"\nwebhook_env = \"X\"\nedition = \"{edition}\"\nhour = {hour}\n"
        ))
        .unwrap()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_daily_post_is_due_from_its_hour_in_the_schedules_zone() {
        let weeks = Weeks::fixed(WeekStart::Monday);
        let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap();
        let c = channel("daily", 7);
        // 12:59 UTC is 06:59 in Chicago: not yet; 13:00 is 07:00.
        assert_eq!(
            due(&c, 6, zone, &weeks, at("2026-12-07T12:59:00Z"), None),
            None
        );
        assert_eq!(
            due(&c, 6, zone, &weeks, at("2026-12-07T13:00:00Z"), None).map(|d| d.id()),
            Some("daily-2026-12-07".into())
        );
        // 02:00 UTC on the 8th is still the 7th in Chicago.
        assert_eq!(
            due(&c, 6, zone, &weeks, at("2026-12-08T02:00:00Z"), None).map(|d| d.id()),
            Some("daily-2026-12-07".into())
        );
    }

    #[test]
    fn a_weekly_post_is_due_on_the_weeks_first_day_only() {
        let weeks = Weeks::fixed(WeekStart::Monday);
        let c = channel("weekly", 7);
        let utc = chrono_tz::UTC;
        assert_eq!(
            due(&c, 6, utc, &weeks, at("2026-12-07T08:00:00Z"), None).map(|d| d.id()),
            Some("weekly-2026-12-07".into())
        );
        assert_eq!(
            due(&c, 6, utc, &weeks, at("2026-12-08T08:00:00Z"), None),
            None
        );
        // --date on a Wednesday asks for its week.
        assert_eq!(
            due(
                &c,
                6,
                utc,
                &weeks,
                at("2026-12-01T00:00:00Z"),
                Some(date("2026-12-09"))
            )
            .map(|d| d.id()),
            Some("weekly-2026-12-07".into())
        );
    }

    #[test]
    fn the_next_hour_is_today_or_tomorrow() {
        let c = channel("daily", 7);
        let utc = chrono_tz::UTC;
        assert_eq!(
            next_hour(&c, 6, utc, at("2026-12-07T06:00:00Z")),
            Some(at("2026-12-07T07:00:00Z"))
        );
        assert_eq!(
            next_hour(&c, 6, utc, at("2026-12-07T07:00:00Z")),
            Some(at("2026-12-08T07:00:00Z"))
        );
    }
}
