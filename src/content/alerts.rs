//! Urgent prayer alerts: one TOML file each in `alerts/` beside schedule.toml, kept by the
//! editors (`prayer-guide alert` writes them). An alert is outside the rotation and the ledger:
//! it is posted to the chats at once, and shown on top of the day pages and weekly sheets of
//! its days, from `date` through `until`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::guide::Catalog;
use crate::content::parse::{FileFormat, hint, parse};
use crate::content::source::SourceFile;
use crate::error::{Diagnostic, Diagnostics, Error};

/// The folder of alert files, beside schedule.toml.
pub const DIR: &str = "alerts";
/// Days an alert shows when it names no `until`: a week, its first day included.
pub const DEFAULT_DAYS: u64 = 7;
/// The longest an alert may show: an urgent request that lasts longer belongs in a guide.
pub const MAX_DAYS: i64 = 31;
/// The most an alert's text may hold: it must fit one Discord message with its title.
pub const MAX_TEXT: usize = 1500;

/// One alert file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlertFile {
    #[serde(deserialize_with = "crate::content::de::date")]
    date: NaiveDate,
    #[serde(default, deserialize_with = "crate::content::de::opt_date")]
    until: Option<NaiveDate>,
    country: Option<String>,
    title: String,
    text: String,
}

/// Every field of an alert file, how it is written.
const FORMAT: FileFormat = FileFormat {
    name: "an alert file",
    documented_in: "the manual, docs/src/alerts.md",
    fields: &[
        hint("date", "a date", "date = 2026-12-07"),
        hint("until", "a date", "until = 2026-12-14"),
        hint("country", "a country code in quotes", "country = \"NG\""),
        hint(
            "title",
            "text in quotes",
            "title = \"Pastor arrested in Kaduna\"",
        ),
        hint("text", "text in quotes", "text = \"Pray for ...\""),
    ],
};

/// An alert, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// The file's name without `.toml`: `2026-12-07-ng`. The journal knows it by this.
    pub id: String,
    #[serde(skip)]
    pub file: PathBuf,
    pub date: NaiveDate,
    /// The last day it shows.
    pub until: NaiveDate,
    /// The country's code, if it is about one.
    pub country: Option<String>,
    pub title: String,
    /// Paragraphs.
    pub text: Vec<String>,
}

impl Alert {
    /// Whether it shows on `date`.
    pub fn shows_on(&self, date: NaiveDate) -> bool {
        self.date <= date && date <= self.until
    }

    /// The journal's name for its post: `alert-2026-12-07-ng`.
    pub fn post_id(&self) -> String {
        format!("alert-{}", self.id)
    }
}

/// Every alert of the project, oldest first, and every problem in them (`check` reports them;
/// the other commands leave a bad file out and say so).
pub fn load(root: &Path, catalog: &Catalog) -> (Vec<Alert>, Diagnostics) {
    let dir = root.join(DIR);
    let mut alerts = Vec::new();
    let mut out = Diagnostics::default();
    let Ok(read) = std::fs::read_dir(&dir) else {
        return (alerts, out);
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(file) => {
                if let Some(alert) = read_one(&file, catalog, &mut out) {
                    alerts.push(alert);
                }
            }
            Err(e) => out.push(Diagnostic::error(&path, e.to_string())),
        }
    }
    alerts.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    (alerts, out)
}

/// The alerts that load without error (for build, post and run), with each problem on standard
/// error: a broken alert file never stops the day's guide.
pub fn load_usable(root: &Path, catalog: &Catalog) -> Vec<Alert> {
    let (alerts, problems) = load(root, catalog);
    for d in problems.0.iter().filter(|d| d.is_error()) {
        eprintln!("{d}\n  note: this alert is left out until `prayer-guide check` passes");
    }
    alerts
}

/// One file, checked; `None` when it has an error.
pub fn read_one(file: &SourceFile, catalog: &Catalog, out: &mut Diagnostics) -> Option<Alert> {
    let parsed = parse::<AlertFile>(file, &FORMAT);
    let errors_before = out.error_count();
    out.extend(parsed.diagnostics);
    let raw = parsed.value?;
    let mut err = |key: &str, msg: String, help: &str| {
        out.push(file.error_at(None, key, msg).help(help));
    };
    let id = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if id.is_empty()
        || id.len() > 80
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        err(
            "date",
            format!("`{id}` is not an alert file's name"),
            "name it by its date and a word or two, in lowercase letters, digits and -: \
             alerts/2026-12-07-ng.toml",
        );
    }
    let until = raw
        .until
        .unwrap_or(raw.date + chrono::Days::new(DEFAULT_DAYS - 1));
    if until < raw.date {
        err(
            "until",
            format!("the alert ends ({until}) before it begins ({})", raw.date),
            "`until` is the last day it shows, on or after `date`",
        );
    } else if (until - raw.date).num_days() >= MAX_DAYS {
        err(
            "until",
            format!(
                "the alert shows for {} days; an alert shows for {MAX_DAYS} at most",
                (until - raw.date).num_days() + 1
            ),
            "a request that lasts longer belongs in the country's guide",
        );
    }
    if raw.title.trim().is_empty() {
        err(
            "title",
            "the title is empty".into(),
            "say what happened in a few words: title = \"Pastor arrested in Kaduna\"",
        );
    }
    let length = raw.text.trim().chars().count() + raw.title.trim().chars().count();
    if raw.text.trim().is_empty() {
        err(
            "text",
            "the text is empty".into(),
            "say what to pray for, in a few sentences",
        );
    } else if length > MAX_TEXT {
        err(
            "text",
            format!("the title and text are {length} characters; an alert holds {MAX_TEXT}"),
            "keep it short enough to read in a chat: link to a longer report",
        );
    }
    let country = raw.country.map(|c| c.trim().to_uppercase());
    if let Some(code) = &country
        && !catalog.entries.iter().any(|e| e.guide.code == *code)
    {
        err(
            "country",
            format!("no guide has the code `{code}`"),
            "use the `code` of a guide in the guides folder, or leave `country` out",
        );
    }
    if out.error_count() > errors_before {
        return None;
    }
    Some(Alert {
        id,
        file: file.path.clone(),
        date: raw.date,
        until,
        country,
        title: raw.title.trim().to_string(),
        text: raw
            .text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect(),
    })
}

/// Writes a new alert file for `alert` command's words and returns its path: named by its date
/// and country (`2026-12-07-ng.toml`), with `-2`, `-3`… when that name is taken. Never
/// overwrites.
pub fn write_new(
    root: &Path,
    date: NaiveDate,
    until: Option<NaiveDate>,
    country: Option<&str>,
    title: &str,
    text: &str,
) -> Result<PathBuf, Error> {
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let stem = match country {
        Some(c) => format!("{date}-{}", c.trim().to_lowercase()),
        None => format!("{date}-alert"),
    };
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut body = format!("date = {date}\n");
    if let Some(until) = until {
        body.push_str(&format!("until = {until}\n"));
    }
    if let Some(c) = country {
        body.push_str(&format!("country = {}\n", quote(&c.trim().to_uppercase())));
    }
    body.push_str(&format!(
        "title = {}\ntext = {}\n",
        quote(title),
        quote(text)
    ));
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.toml")
        } else {
            format!("{stem}-{n}.toml")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write as _;
                f.write_all(body.as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(|e| Error::io("write", &path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("create", &path, e)),
        }
    }
    unreachable!("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> (Option<Alert>, Vec<String>) {
        let file = SourceFile {
            path: format!("alerts/{name}").into(),
            text: text.into(),
        };
        let mut out = Diagnostics::default();
        let alert = read_one(&file, &Catalog::default(), &mut out);
        (alert, out.0.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn shows_for_a_week_by_default() {
        let (alert, problems) = read(
            "2026-12-07-arrest.toml",
            "date = 2026-12-07\ntitle = \"Arrest\"\ntext = \"Pray.\\n\\nAnd more.\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let alert = alert.unwrap();
        assert_eq!(alert.until.to_string(), "2026-12-13");
        assert_eq!(alert.text, ["Pray.", "And more."]);
        assert!(alert.shows_on("2026-12-13".parse().unwrap()));
        assert!(!alert.shows_on("2026-12-14".parse().unwrap()));
        assert_eq!(alert.post_id(), "alert-2026-12-07-arrest");
    }

    #[test]
    fn reports_every_problem_at_its_line() {
        let (alert, problems) = read(
            "Bad Name.toml",
            "date = 2026-12-07\nuntil = 2026-12-01\ncountry = \"ZZ\"\ntitle = \"\"\ntext = \"x\"\n",
        );
        assert!(alert.is_none());
        let expected = [
            "error: alerts/Bad Name.toml:1:1: `date`: `Bad Name` is not an alert file's name",
            "error: alerts/Bad Name.toml:2:1: `until`: the alert ends (2026-12-01) before it begins (2026-12-07)",
            "error: alerts/Bad Name.toml:4:1: `title`: the title is empty",
            "error: alerts/Bad Name.toml:3:1: `country`: no guide has the code `ZZ`",
        ];
        for e in expected {
            assert!(
                problems.iter().any(|p| p.starts_with(e)),
                "{e}\n{problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn writes_a_new_file_beside_one_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let date: NaiveDate = "2026-12-07".parse().unwrap();
        let first = write_new(
            dir.path(),
            date,
            None,
            Some("ng"),
            "A \"quoted\" title",
            "Text",
        )
        .unwrap();
        let second = write_new(dir.path(), date, None, Some("ng"), "Again", "Text").unwrap();
        assert!(first.ends_with("alerts/2026-12-07-ng.toml"));
        assert!(second.ends_with("alerts/2026-12-07-ng-2.toml"));
        let file = SourceFile::read(&first).unwrap();
        let table: toml::Table = toml::from_str(&file.text).unwrap();
        assert_eq!(table["title"].as_str(), Some("A \"quoted\" title"));
        assert_eq!(table["country"].as_str(), Some("NG"));
        let mut out = Diagnostics::default();
        // NG is no guide of an empty catalog: the file reads, the code is refused.
        assert!(read_one(&file, &Catalog::default(), &mut out).is_none());
        assert_eq!(out.0.len(), 1, "{out}");
    }
}
