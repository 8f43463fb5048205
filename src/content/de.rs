//! Serde helpers for values TOML does not map onto chrono directly.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de::Error as _};

/// A TOML date (`2026-01-05`, unquoted) or the same text quoted, as a calendar date.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let dt = toml::value::Datetime::deserialize(d)?;
    to_date(&dt).map_err(D::Error::custom)
}

/// Like [`date`], for an optional field.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    date(d).map(Some)
}

fn to_date(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(date), None, None) => {
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
                .ok_or_else(|| format!("{dt} is not a day of the calendar"))
        }
        _ => Err(format!(
            "must be a date alone, like 2026-01-05, without a time of day; here it is {dt}"
        )),
    }
}

/// An IANA time zone name such as `Europe/London`.
pub fn time_zone<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(|_| {
        D::Error::custom(format!(
            "unknown time zone `{name}`: use an IANA name such as `Europe/London`, `America/Chicago` or `UTC`"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Doc {
        #[serde(deserialize_with = "date")]
        day: NaiveDate,
    }

    #[test]
    fn reads_a_bare_toml_date() {
        let doc: Doc = toml::from_str("day = 2026-01-05").unwrap();
        assert_eq!(doc.day, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    }

    #[test]
    fn errors_on_an_impossible_date() {
        let err = toml::from_str::<Doc>("day = 2026-02-30").unwrap_err();
        assert!(err.message().contains("invalid date"), "{}", err.message());
    }

    #[test]
    fn errors_on_a_date_time() {
        let err = toml::from_str::<Doc>("day = 2026-01-05T10:00:00").unwrap_err();
        assert!(
            err.message().contains("without a time"),
            "{}",
            err.message()
        );
    }
}
