//! Writing what a page gave into `guides/`: a new draft in the guide format, or a merge into the
//! country's existing guide through `toml_edit`, which keeps the file's comments and layout.
//! Nothing is overwritten: points are appended (near-duplicates skipped), the summary is
//! replaced only when asked, and a story or source already there stays.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::page::words;
use super::sections::Story;
use crate::error::Error;

/// A country's guide as one page gives it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub code: String,
    pub name: String,
    pub region: String,
    pub summary: Vec<String>,
    pub story: Option<Story>,
    pub points: Vec<String>,
    /// Thanksgiving items ("Praise God that…"), for the guide's `praise`.
    pub praise: Vec<String>,
    /// Whether the page marked the story's name as a pseudonym (quotes, "name changed").
    pub name_marked: bool,
    pub source_title: String,
    pub source_url: String,
}

/// What the merge did to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Unchanged,
}

/// A guide file after the merge, not yet written.
#[derive(Debug, Clone)]
pub struct Merged {
    pub path: PathBuf,
    pub text: String,
    pub action: Action,
    /// What was added, kept or skipped, one line each.
    pub lines: Vec<String>,
}

/// Finds the guide of `code` in `dir` (by its `code`, whatever the file is called).
pub fn find_guide(dir: &Path, code: &str) -> Result<Option<(PathBuf, String)>, Error> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read the guides folder", dir, e)),
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
        let Ok(doc) = text.parse::<DocumentMut>() else {
            continue;
        };
        if doc.get("code").and_then(Item::as_str) == Some(code) {
            return Ok(Some((path, text)));
        }
    }
    Ok(None)
}

/// The file name of a new guide: the name in lower case with hyphens.
pub fn slug(name: &str) -> String {
    words(name).join("-")
}

/// Merges `draft` into `existing` (path and text), or makes a new file in `dir`.
pub fn merge(
    draft: &Draft,
    dir: &Path,
    existing: Option<(PathBuf, String)>,
    replace_summary: bool,
    today: NaiveDate,
) -> Result<Merged, Error> {
    match existing {
        None => Ok(new_guide(draft, dir, today)),
        Some((path, text)) => update(draft, path, &text, replace_summary, today),
    }
}

fn new_guide(d: &Draft, dir: &Path, today: NaiveDate) -> Merged {
    let mut t = String::new();
    t.push_str(&format!(
        "# A draft made by `prayer-guide import` on {today} from {}\n\
         # <{}>.\n\
         # The summary, story and points below are quoted from that page, in its words. Before\n\
         # it is published, an editor checks them against the source, rewrites them in our own\n\
         # words, removes anything that could identify a person at risk, and sets `reviewed` to\n\
         # that day (and `since`, if the rotation is already running). Until then `check`\n\
         # reports it as a draft and no output includes it.\n",
        basic(&d.source_title),
        d.source_url
    ));
    t.push_str(&format!("name = {}\n", basic(&d.name)));
    t.push_str(&format!("code = {}\n", basic(&d.code)));
    t.push_str(&format!("region = {}\n", basic(&d.region)));
    t.push_str("# reviewed = YYYY-MM-DD\n\n");
    t.push_str(&format!(
        "summary = {}\n\n",
        multiline(&d.summary.join("\n\n"))
    ));
    t.push_str(&format!(
        "points = [\n  # Quoted from {} (imported {today})\n",
        d.source_url
    ));
    let mut kept: Vec<Said> = Vec::new();
    for p in &d.points {
        let said = Said::new(p);
        if kept.iter().any(|k| k.near(&said)) {
            continue;
        }
        t.push_str(&format!("  {},\n", basic(p)));
        kept.push(said);
    }
    t.push_str("]\n");
    if !d.praise.is_empty() {
        t.push_str(&format!(
            "\npraise = [\n  # Quoted from {} (imported {today})\n",
            d.source_url
        ));
        for p in &d.praise {
            t.push_str(&format!("  {},\n", basic(p)));
        }
        t.push_str("]\n");
    }
    if let Some(s) = &d.story {
        t.push_str(&format!(
            "\n[story]\n{}pseudonym = {}\nquote = {}\ncontext = {}\n{}",
            unconfirmed_note(d),
            basic(&s.pseudonym),
            basic(&s.quote),
            basic(&s.context),
            if d.name_marked {
                ""
            } else {
                "pseudonym_unconfirmed = true\n"
            }
        ));
    }
    t.push_str(&format!(
        "\n[[sources]]\ntitle = {}\nurl = {}\naccessed = {today}\n",
        basic(&d.source_title),
        basic(&d.source_url)
    ));
    let mut lines = vec![format!(
        "a new draft: {} points, the summary ({} paragraph{}){}, 1 source",
        kept.len(),
        d.summary.len(),
        if d.summary.len() == 1 { "" } else { "s" },
        if d.story.is_some() { ", the story" } else { "" }
    )];
    if kept.len() < d.points.len() {
        lines.push(format!(
            "{} points left out as near-duplicates of others on the page",
            d.points.len() - kept.len()
        ));
    }
    Merged {
        path: dir.join(format!("{}.toml", slug(&d.name))),
        text: t,
        action: Action::Created,
        lines,
    }
}

fn update(
    d: &Draft,
    path: PathBuf,
    text: &str,
    replace_summary: bool,
    today: NaiveDate,
) -> Result<Merged, Error> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::Usage(format!(
            "{}: cannot merge into it, it is not valid TOML: {}\n  help: fix the file (`prayer-guide check` shows where), then import again",
            path.display(),
            e.message()
        ))
    })?;
    let mut lines = Vec::new();
    let mut changed = false;

    // Points: appended, each unless the guide (or an earlier new point) says nearly the same.
    let mut known: Vec<Said> = existing_points(&doc).iter().map(|p| Said::new(p)).collect();
    let mut added = Vec::new();
    for p in &d.points {
        let said = Said::new(p);
        if let Some(k) = known.iter().position(|k| k.near(&said)) {
            lines.push(format!("point already there (as point {}): {p}", k + 1));
        } else {
            known.push(said);
            added.push(p.clone());
        }
    }
    if !added.is_empty() {
        append_points(&mut doc, &added, &d.source_url, today);
        lines.push(format!("{} points appended", added.len()));
        changed = true;
    }

    // Praise: appended like points.
    let known_praise: Vec<Said> = existing_list(&doc, "praise")
        .iter()
        .map(|p| Said::new(p))
        .collect();
    let new_praise: Vec<String> = d
        .praise
        .iter()
        .filter(|p| !known_praise.iter().any(|k| k.near(&Said::new(p))))
        .cloned()
        .collect();
    if !new_praise.is_empty() {
        append_list(&mut doc, "praise", &new_praise, &d.source_url, today);
        lines.push(format!("{} praise items appended", new_praise.len()));
        changed = true;
    }

    // The summary: kept unless --replace-summary.
    let summary = d.summary.join("\n\n");
    match doc.get("summary").and_then(Item::as_str) {
        Some(old) if same_text(old, &summary) => {}
        Some(_) if !replace_summary => {
            lines.push("summary kept (--replace-summary replaces it with the page's)".into())
        }
        _ if summary.is_empty() => {}
        _ => {
            let value: Value = multiline(&summary).parse().map_err(|_| {
                Error::Usage(format!(
                    "{}: the page's summary could not be written",
                    path.display()
                ))
            })?;
            let key_existed = doc.contains_key("summary");
            let before = doc.get("summary").and_then(Item::as_str).map(String::from);
            doc["summary"] = Item::Value(value.decorated(" ", ""));
            if let (Some(before), Some(mut key)) = (before, doc.key_mut("summary")) {
                // The reviewed summary stays in the file, for the editor to go back to.
                let mut note = format!("# The summary before the import of {today}:\n");
                for line in before.trim_end().lines() {
                    note.push_str(&format!("#   {line}\n").replace("#   \n", "#\n"));
                }
                let decor = key.leaf_decor_mut();
                let prefix = decor
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                decor.set_prefix(format!("{prefix}{note}"));
            }
            lines.push(if key_existed {
                "summary replaced by the page's".into()
            } else {
                "summary added".into()
            });
            changed = true;
        }
    }

    // The story: added only where the guide has none.
    if let Some(s) = &d.story {
        match doc.get("story").and_then(Item::as_table_like) {
            Some(t) if t.get("pseudonym").and_then(Item::as_str) == Some(s.pseudonym.as_str()) => {}
            Some(_) => lines.push(format!(
                "story kept; the page's story of “{}” was not imported (a guide holds one)",
                s.pseudonym
            )),
            None => {
                let mut t = Table::new();
                t["pseudonym"] = toml_edit::value(s.pseudonym.as_str());
                t["quote"] = toml_edit::value(s.quote.as_str());
                t["context"] = toml_edit::value(s.context.as_str());
                if !d.name_marked {
                    t["pseudonym_unconfirmed"] = toml_edit::value(true);
                }
                t.decor_mut().set_prefix(format!(
                    "\n# Quoted from {} (imported {today})\n{}",
                    d.source_url,
                    unconfirmed_note(d)
                ));
                doc["story"] = Item::Table(t);
                lines.push(format!("story of “{}” added", s.pseudonym));
                changed = true;
            }
        }
    }

    // The page as a source, once.
    let has_source = doc
        .get("sources")
        .and_then(Item::as_array_of_tables)
        .is_some_and(|a| {
            a.iter()
                .any(|t| t.get("url").and_then(Item::as_str) == Some(d.source_url.as_str()))
        });
    if !has_source {
        let mut t = Table::new();
        t["title"] = toml_edit::value(d.source_title.as_str());
        t["url"] = toml_edit::value(d.source_url.as_str());
        let day: toml_edit::Datetime = today.to_string().parse().expect("a date is a TOML date");
        t["accessed"] = toml_edit::value(day);
        t.decor_mut().set_prefix("\n");
        match doc
            .get_mut("sources")
            .and_then(Item::as_array_of_tables_mut)
        {
            Some(a) => a.push(t),
            None => {
                let mut a = ArrayOfTables::new();
                a.push(t);
                doc["sources"] = Item::ArrayOfTables(a);
            }
        }
        lines.push("source added".into());
        changed = true;
    }

    // Imported text makes the guide a draft again until an editor has checked it.
    if changed && let Some(old) = doc.remove("reviewed") {
        let old = old.as_value().map(|v| v.to_string()).unwrap_or_default();
        let note = format!(
            "# reviewed ={old} until the import of {today}: check the quoted text, then set it again\n"
        );
        let key = ["since", "retired", "summary", "points"]
            .into_iter()
            .find(|k| doc.contains_key(k));
        if let Some(mut k) = key.and_then(|k| doc.key_mut(k)) {
            let decor = k.leaf_decor_mut();
            let prefix = decor
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or("")
                .to_string();
            decor.set_prefix(format!("{note}{prefix}"));
        }
        lines.push(
            "now a draft: `reviewed` removed until an editor checks the imported text".into(),
        );
    }

    let text = doc.to_string();
    Ok(Merged {
        path,
        text,
        action: if changed {
            Action::Updated
        } else {
            Action::Unchanged
        },
        lines,
    })
}

fn existing_points(doc: &DocumentMut) -> Vec<String> {
    existing_list(doc, "points")
}

fn existing_list(doc: &DocumentMut, key: &str) -> Vec<String> {
    doc.get(key)
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.value().clone()),
                    Value::InlineTable(t) => {
                        t.get("text").and_then(Value::as_str).map(String::from)
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Appends points in the layout the array already has, the first under a comment naming the
/// source.
fn append_points(doc: &mut DocumentMut, points: &[String], url: &str, today: NaiveDate) {
    append_list(doc, "points", points, url, today)
}

/// Appends items to the list `key` in the layout it already has.
fn append_list(doc: &mut DocumentMut, key: &str, points: &[String], url: &str, today: NaiveDate) {
    if doc.get(key).and_then(Item::as_array).is_none() {
        doc[key] = Item::Value(Value::Array(Array::new()));
    }
    let Some(array) = doc.get_mut(key).and_then(Item::as_array_mut) else {
        return;
    };
    let indent = array
        .iter()
        .last()
        .and_then(|v| {
            v.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .map(String::from)
        })
        .and_then(|p| p.rsplit_once('\n').map(|(_, i)| i.to_string()))
        .unwrap_or_else(|| "  ".to_string());
    // An array on one line becomes one point a line, as the guides write it.
    for v in array.iter_mut() {
        let prefix = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
        if !prefix.contains('\n') {
            let prefix = format!("\n{indent}{}", prefix.trim_start());
            v.decor_mut().set_prefix(prefix);
        }
    }
    // A comment after the last point ("...",  # why) stays on that point's line.
    let trailing = array.trailing().as_str().unwrap_or("").to_string();
    let kept = trailing
        .rsplit_once('\n')
        .map_or(String::new(), |(before, _)| before.to_string());
    for (i, p) in points.iter().enumerate() {
        let prefix = if i == 0 {
            format!("{kept}\n{indent}# Quoted from {url} (imported {today})\n{indent}")
        } else {
            format!("\n{indent}")
        };
        array.push_formatted(Value::from(p.as_str()).decorated(prefix, ""));
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
}

/// The comment above a story whose name the page did not mark as a pseudonym.
fn unconfirmed_note(d: &Draft) -> String {
    match &d.story {
        Some(s) if !d.name_marked => format!(
            "# The page does not say “{}” is a pseudonym: it may be a real person's name. Give\n\
             # the person a pseudonym (or make sure this is one), then delete `pseudonym_unconfirmed`.\n",
            s.pseudonym.replace('\n', " ")
        ),
        _ => String::new(),
    }
}

/// Whether two points say nearly the same: the same words once "Pray for" and punctuation are
/// set aside, or four fifths of their words in common.
pub fn near_duplicate(a: &str, b: &str) -> bool {
    Said::new(a).near(&Said::new(b))
}

/// A point's words, folded once for comparing it with many others.
struct Said {
    words: std::collections::HashSet<String>,
    joined: String,
}

impl Said {
    fn new(text: &str) -> Said {
        let words = core_words(text);
        Said {
            joined: words.join(" "),
            words: words.into_iter().collect(),
        }
    }

    fn near(&self, other: &Said) -> bool {
        if self.joined.is_empty() || other.joined.is_empty() || self.joined == other.joined {
            return self.joined == other.joined;
        }
        let common = self.words.intersection(&other.words).count() as f64;
        let jaccard = common / self.words.union(&other.words).count() as f64;
        // An edit distance within a tenth needs lengths within a tenth.
        let (a, b) = (self.joined.len(), other.joined.len());
        jaccard >= 0.8
            || a * 10 <= b * 11
                && b * 10 <= a * 11
                && strsim::normalized_levenshtein(&self.joined, &other.joined) >= 0.9
    }
}

fn core_words(text: &str) -> Vec<String> {
    let mut w = words(text);
    for lead in [
        ["pray", "for"],
        ["pray", "that"],
        ["oremos", "por"],
        ["ore", "por"],
    ] {
        if w.len() > 2 && w[0] == lead[0] && w[1] == lead[1] {
            w.drain(..2);
            break;
        }
    }
    w
}

fn same_text(a: &str, b: &str) -> bool {
    words(a) == words(b)
}

/// A TOML basic string: "...".
pub(super) fn basic(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, one paragraph after another, as the guides write summaries.
pub(super) fn multiline(text: &str) -> String {
    let mut body = String::new();
    for c in text.chars() {
        match c {
            '\\' => body.push_str("\\\\"),
            '"' => body.push_str("\\\""),
            '\n' | '\t' => body.push(c),
            c if c.is_control() => body.push_str(&format!("\\u{:04X}", c as u32)),
            c => body.push(c),
        }
    }
    format!("\"\"\"\n{body}\n\"\"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            code: "KZ".into(),
            name: "Kazakhstan".into(),
            region: "Central Asia".into(),
            summary: vec!["First \"quoted\" paragraph.".into(), "Second.".into()],
            story: None,
            points: vec![
                "Pray for the fined churches.".into(),
                "Pray for Kazakh converts.".into(),
            ],
            praise: vec![],
            name_marked: true,
            source_title: "Kazakhstan - Christians Persecuted".into(),
            source_url: "https://example.org/kz".into(),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_new_draft_parses_and_has_no_reviewed_date() {
        let m = merge(&draft(), Path::new("guides"), None, false, day()).unwrap();
        assert_eq!(m.path, Path::new("guides/kazakhstan.toml"));
        let doc: toml::Table = toml::from_str(&m.text).unwrap();
        assert!(!doc.contains_key("reviewed"));
        assert_eq!(
            doc["summary"].as_str().unwrap(),
            "First \"quoted\" paragraph.\n\nSecond.\n"
        );
        assert_eq!(doc["points"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn merging_keeps_comments_and_appends_only_new_points() {
        let existing = "# Our guide\nname = \"Kazakhstan\"\ncode = \"KZ\"\nregion = \"Central Asia\"\n\
            reviewed = 2026-11-01\nsummary = \"Ours.\"\npoints = [\n  \"Pray for the fined churches!\",  # kept\n]\n\n\
            [[sources]]\ntitle = \"A\"\nurl = \"https://a.example\"\n";
        let m = update(&draft(), "g.toml".into(), existing, false, day()).unwrap();
        assert_eq!(m.action, Action::Updated);
        assert!(m.text.starts_with("# Our guide\n"), "{}", m.text);
        assert!(m.text.contains("# kept"));
        assert!(m.text.contains("summary = \"Ours.\""));
        let doc: toml::Table = toml::from_str(&m.text).unwrap();
        assert_eq!(doc["points"].as_array().unwrap().len(), 2, "{}", m.text);
        assert!(!doc.contains_key("reviewed"));
        assert!(
            m.text
                .contains("# reviewed = 2026-11-01 until the import of 2026-11-25"),
            "{}",
            m.text
        );
        assert_eq!(doc["sources"].as_array().unwrap().len(), 2);
        // Again: nothing to do.
        let again = update(&draft(), "g.toml".into(), &m.text, false, day()).unwrap();
        assert_eq!(again.action, Action::Unchanged);
        assert_eq!(again.text, m.text);
    }

    #[test]
    fn near_duplicates_ignore_lead_and_punctuation() {
        assert!(near_duplicate(
            "Pray for the fined churches.",
            "the fined churches"
        ));
        assert!(near_duplicate(
            "Pray for Kazakh believers who are told they abandoned their people.",
            "Pray for Kazakh believers who are told they have abandoned their people."
        ));
        assert!(!near_duplicate(
            "Pray for the pastors.",
            "Pray for the pastors' wives and children."
        ));
    }
}
