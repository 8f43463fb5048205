//! Stable identifiers. The same title and date give the same id on every build, so a calendar
//! app or feed reader that fetches again updates what it has instead of adding copies.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::content::locale::Locale;

/// The name ids are derived from: the title alone in English (as it always was), the title and
/// the language tag otherwise, so that a calendar or feed in another language is one of its own.
pub fn in_language(title: &str, locale: &Locale) -> String {
    match locale.language.as_str() {
        "en" => title.to_string(),
        tag => format!("{title} [{tag}]"),
    }
}

/// The project's own namespace, derived from its title (name-based UUID, version 5).
pub fn project(title: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("urn:prayer-guide:{title}").as_bytes(),
    )
}

/// The id of one day of the project: its calendar event's UID and its feed entry's id.
pub fn day(title: &str, date: NaiveDate) -> Uuid {
    Uuid::new_v5(&project(title), date.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_title_and_date_only() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(day("A", date), day("A", date));
        assert_ne!(day("A", date), day("B", date));
        assert_ne!(day("A", date), day("A", date.succ_opt().unwrap()));
        // Fixed forever: changing it would duplicate every subscriber's events.
        assert_eq!(
            day("Praying for the Persecuted Church", date).to_string(),
            "acad984c-e3b6-5692-ab08-826c33f28149"
        );
    }
}
