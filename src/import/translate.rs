//! A page in another language than the guides' is a translation, not more of the guide: its
//! name, summary and story go into a translation file (`guides/es/kazakhstan.toml`, staged in
//! `guides/drafts/es/`), and its points, which a translation must give in the guide's order,
//! are listed in comments for the translator to place.

use std::path::PathBuf;

use chrono::NaiveDate;
use toml_edit::{DocumentMut, Item, Table};

use super::merge::{Action, Draft, Merged, basic, multiline};
use crate::error::Error;

/// Merges `draft` into the translation `existing` (path and text), or makes a new one at `path`.
pub fn merge(
    draft: &Draft,
    lang: &str,
    guide_file: &str,
    path: PathBuf,
    existing: Option<String>,
    today: NaiveDate,
) -> Result<Merged, Error> {
    match existing {
        None => Ok(new_translation(draft, lang, guide_file, path, today)),
        Some(text) => update(draft, path, &text, today),
    }
}

fn new_translation(
    d: &Draft,
    lang: &str,
    guide_file: &str,
    path: PathBuf,
    today: NaiveDate,
) -> Merged {
    let mut t = format!(
        "# A translation draft made by `prayer-guide import` on {today} from {}\n\
         # <{}>, a page in `{lang}`: it translates {guide_file}. The text below is quoted\n\
         # from the page; an editor checks it against the guide, rewrites it in our own words,\n\
         # and accepts it (`prayer-guide import --accept {}.{lang}`), which sets `translated`.\n\
         # translated = YYYY-MM-DD\n",
        basic(&d.source_title),
        d.source_url,
        d.code,
    );
    t.push_str(&format!("name = {}\n", basic(&d.name)));
    if !d.summary.is_empty() {
        t.push_str(&format!(
            "summary = {}\n",
            multiline(&d.summary.join("\n\n"))
        ));
    }
    t.push_str(&points_note(d, today));
    if let Some(s) = &d.story {
        t.push_str(&format!(
            "\n[story]\npseudonym = {}\nquote = {}\ncontext = {}\n",
            basic(&s.pseudonym),
            basic(&s.quote),
            basic(&s.context)
        ));
    }
    let mut lines = vec![format!(
        "a new translation into `{lang}`: the name, {}{}; {} points listed for the translator",
        if d.summary.is_empty() {
            "no summary"
        } else {
            "the summary"
        },
        if d.story.is_some() { ", the story" } else { "" },
        d.points.len()
    )];
    if d.story.is_some() && !d.name_marked {
        lines.push(format!(
            "the page does not say “{}” is a pseudonym: check the guide's story uses one",
            d.story.as_ref().map(|s| s.pseudonym.as_str()).unwrap_or("")
        ));
    }
    Merged {
        path,
        text: t,
        action: Action::Created,
        lines,
    }
}

fn update(d: &Draft, path: PathBuf, text: &str, today: NaiveDate) -> Result<Merged, Error> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::Usage(format!(
            "{}: cannot merge into it, it is not valid TOML: {}",
            path.display(),
            e.message()
        ))
    })?;
    let mut lines = Vec::new();
    let mut changed = false;
    if !doc.contains_key("summary") && !d.summary.is_empty() {
        if let Ok(value) = multiline(&d.summary.join("\n\n")).parse::<toml_edit::Value>() {
            doc["summary"] = Item::Value(value.decorated(" ", ""));
            lines.push("summary added".into());
            changed = true;
        }
    } else if !d.summary.is_empty() {
        lines.push("summary kept: the translation has one".into());
    }
    if let Some(s) = &d.story
        && !doc.contains_key("story")
    {
        let mut t = Table::new();
        t["pseudonym"] = toml_edit::value(s.pseudonym.as_str());
        t["quote"] = toml_edit::value(s.quote.as_str());
        t["context"] = toml_edit::value(s.context.as_str());
        t.decor_mut().set_prefix("\n");
        doc["story"] = Item::Table(t);
        lines.push("story added".into());
        changed = true;
    }
    let mut out = doc.to_string();
    let marker = format!("# Points on {}", d.source_url);
    if !d.points.is_empty() && !out.contains(&marker) {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&points_note(d, today));
        lines.push(format!(
            "{} points listed for the translator",
            d.points.len()
        ));
        changed = true;
    }
    Ok(Merged {
        path,
        text: out,
        action: if changed {
            Action::Updated
        } else {
            Action::Unchanged
        },
        lines,
    })
}

/// The page's points as comments: a translation's points follow the guide's order, which only
/// the translator can match.
fn points_note(d: &Draft, today: NaiveDate) -> String {
    if d.points.is_empty() {
        return String::new();
    }
    let mut t = format!(
        "\n# Points on {} (imported {today}): a translation gives the guide's points in the\n\
         # guide's order (`points = [...]`); use these where they say the same.\n",
        d.source_url
    );
    for p in &d.points {
        t.push_str(&format!("#   - {}\n", p.replace(['\n', '\r'], " ")));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            code: "KZ".into(),
            name: "Kazajistán".into(),
            region: "Asia Central".into(),
            summary: vec!["Los creyentes se reúnen en casas.".into()],
            story: None,
            points: vec!["Oremos por las iglesias multadas.".into()],
            praise: vec![],
            name_marked: true,
            source_title: "Kazajistán".into(),
            source_url: "https://example.org/es/kz".into(),
        }
    }

    #[test]
    fn a_translation_parses_lists_the_points_and_is_unchanged_the_second_time() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let m = merge(
            &draft(),
            "es",
            "guides/kazakhstan.toml",
            "guides/drafts/es/kazakhstan.toml".into(),
            None,
            day,
        )
        .unwrap();
        let parsed: toml::Table = m.text.parse().unwrap();
        assert_eq!(parsed["name"].as_str(), Some("Kazajistán"));
        assert!(!parsed.contains_key("points"));
        assert!(m.text.contains("#   - Oremos por las iglesias multadas."));
        let again = merge(
            &draft(),
            "es",
            "guides/kazakhstan.toml",
            m.path.clone(),
            Some(m.text.clone()),
            day,
        )
        .unwrap();
        assert_eq!(again.action, Action::Unchanged, "{:?}", again.lines);
    }
}
