//! Where imported text waits for an editor: `guides/drafts/`, beside the live guides and never
//! read by the rotation. A page about a country with a guide is merged into a copy of that guide
//! here (or into the copy already waiting); `import --review` shows what accepting it would
//! change, `import --accept` puts it in place with `reviewed` set, `import --discard` drops it.
//! A live guide is never touched by an import.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml_edit::{DocumentMut, Item};

use crate::content::guide::check_file;
use crate::content::source::SourceFile;
use crate::error::{Diagnostics, Error};

/// The folder of staged imports inside the guides folder.
pub const FOLDER: &str = "drafts";

/// The staged imports' folder of a guides folder, or of its translations into `lang`.
pub fn folder(guides: &Path, lang: Option<&str>) -> PathBuf {
    let base = guides.join(FOLDER);
    match lang {
        Some(l) => base.join(l),
        None => base,
    }
}

/// One staged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    /// The file in `drafts/`.
    pub path: PathBuf,
    /// Where accepting it puts it.
    pub live: PathBuf,
    /// The guide's code (`KZ`), or the translated guide's code.
    pub code: String,
    /// The translation's language, or `None` for a guide.
    pub lang: Option<String>,
}

impl Staged {
    /// How the report names it: `KZ` or `KZ.es`.
    pub fn key(&self) -> String {
        match &self.lang {
            Some(l) => format!("{}.{l}", self.code),
            None => self.code.clone(),
        }
    }
}

/// Every staged file of `guides`, guides first, then translations by language.
pub fn list(guides: &Path) -> Vec<Staged> {
    let mut out = Vec::new();
    let root = folder(guides, None);
    for path in toml_files(&root) {
        let code = code_of(&path).unwrap_or_default();
        let live = guides.join(path.file_name().unwrap_or_default());
        out.push(Staged {
            path,
            live,
            code,
            lang: None,
        });
    }
    let Ok(read) = std::fs::read_dir(&root) else {
        return out;
    };
    let mut langs: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    for dir in langs {
        let Some(lang) = dir.file_name().and_then(|n| n.to_str()).map(String::from) else {
            continue;
        };
        for path in toml_files(&dir) {
            let name = path.file_name().unwrap_or_default();
            let code = code_of(&guides.join(name))
                .or_else(|| code_of(&folder(guides, None).join(name)))
                .unwrap_or_default();
            out.push(Staged {
                live: guides.join(&lang).join(name),
                path,
                code,
                lang: Some(lang.clone()),
            });
        }
    }
    out
}

/// The staged files that `which` names: a code (`KZ`), a code and language (`KZ.es`), a file,
/// or `all`.
pub fn select(guides: &Path, which: &str) -> Result<Vec<Staged>, Error> {
    let staged = list(guides);
    if which.eq_ignore_ascii_case("all") {
        if staged.is_empty() {
            return Err(Error::Usage(format!(
                "nothing is waiting for review in {}",
                folder(guides, None).display()
            )));
        }
        return Ok(staged);
    }
    let found: Vec<Staged> = staged
        .iter()
        .filter(|s| {
            s.key().eq_ignore_ascii_case(which)
                || s.lang.is_none() && s.code.eq_ignore_ascii_case(which)
                || s.path == Path::new(which)
                || s.path.file_name().is_some_and(|n| n == which)
        })
        .cloned()
        .collect();
    if found.is_empty() {
        let waiting: Vec<String> = staged.iter().map(Staged::key).collect();
        return Err(Error::Usage(format!(
            "nothing staged for `{which}`{}",
            if waiting.is_empty() {
                format!(": {} is empty", folder(guides, None).display())
            } else {
                format!("; waiting: {}", waiting.join(", "))
            }
        )));
    }
    Ok(found)
}

/// What accepting `staged` would change, as a unified diff of the live file and the staged one,
/// then `check`'s findings on the staged file.
pub fn review(staged: &Staged) -> Result<String, Error> {
    let new = std::fs::read_to_string(&staged.path)
        .map_err(|e| Error::io("read the staged import", &staged.path, e))?;
    let old = match std::fs::read_to_string(&staged.live) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("read", &staged.live, e)),
    };
    let mut out = String::new();
    match &old {
        Some(old) => {
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(2)
                    .header(
                        &staged.live.display().to_string(),
                        &staged.path.display().to_string(),
                    )
                    .to_string(),
            );
        }
        None => {
            out.push_str(&format!(
                "new: {} (accepting it writes {})\n",
                staged.path.display(),
                staged.live.display()
            ));
            for line in new.lines() {
                out.push_str(&format!("+{line}\n"));
            }
        }
    }
    let problems = problems(staged, &new);
    if !problems.0.is_empty() {
        out.push_str(&format!("{problems}\n"));
    }
    Ok(out)
}

/// Puts `staged` in place as of `today`: `reviewed` (a translation's `translated`) set to
/// `today`, the staged file removed. Refused while `check` finds an error in it.
pub fn accept(staged: &Staged, today: NaiveDate) -> Result<(PathBuf, NaiveDate), Error> {
    let text = std::fs::read_to_string(&staged.path)
        .map_err(|e| Error::io("read the staged import", &staged.path, e))?;
    let problems = problems(staged, &text);
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    let key = if staged.lang.is_some() {
        "translated"
    } else {
        "reviewed"
    };
    // A review checks the text against its sources: it cannot be later than the day the newest
    // of them was read (`check` holds guides to that).
    let day = match latest_accessed(&text) {
        Some(read) if key == "reviewed" && read < today => read,
        _ => today,
    };
    let text = with_date(&text, key, day)
        .map_err(|e| Error::Usage(format!("{}: {}", staged.path.display(), e.message())))?;
    if let Some(dir) = staged.live.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create the folder", dir, e))?;
    }
    crate::atomic::write(
        &staged.live,
        text.as_bytes(),
        crate::atomic::Durability::Synced,
    )?;
    std::fs::remove_file(&staged.path)
        .map_err(|e| Error::io("remove the accepted import", &staged.path, e))?;
    remove_if_empty(staged.path.parent());
    Ok((staged.live.clone(), day))
}

/// The latest `accessed` of a guide's sources.
fn latest_accessed(text: &str) -> Option<NaiveDate> {
    let table: toml::Table = text.parse().ok()?;
    table
        .get("sources")?
        .as_array()?
        .iter()
        .filter_map(|s| s.get("accessed"))
        .filter_map(|d| NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d").ok())
        .max()
}

/// Drops a staged import: the live guide stays as it is.
pub fn discard(staged: &Staged) -> Result<(), Error> {
    std::fs::remove_file(&staged.path)
        .map_err(|e| Error::io("remove the staged import", &staged.path, e))?;
    remove_if_empty(staged.path.parent());
    Ok(())
}

/// `check`'s findings on a staged file, but for its being a draft (accepting sets `reviewed`).
fn problems(staged: &Staged, text: &str) -> Diagnostics {
    if staged.lang.is_some() {
        // A translation is checked against its guide when the project loads.
        return match text.parse::<toml::Table>() {
            Ok(_) => Diagnostics::default(),
            Err(e) => {
                let mut d = Diagnostics::default();
                d.push(crate::error::Diagnostic::error(
                    &staged.path,
                    format!("not valid TOML: {}", e.message()),
                ));
                d
            }
        };
    }
    draft_findings(&staged.path, text)
}

/// `check`'s findings on a staged guide, but for its being a draft: that warning is about
/// `reviewed`, which accepting sets.
pub fn draft_findings(path: &Path, text: &str) -> Diagnostics {
    let file = SourceFile {
        path: path.to_path_buf(),
        text: text.to_string(),
    };
    Diagnostics(
        check_file(&file)
            .0
            .into_iter()
            .filter(|d| d.is_error() || d.field.as_deref() != Some("reviewed"))
            .collect(),
    )
}

/// `text` with `key = day`: the value replaced where the key is set, else written where
/// `import` left its note about the date, else after `region` (or first), as the guides write it.
fn with_date(text: &str, key: &str, day: NaiveDate) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    let line = format!("{key} = {day}\n");
    if doc.contains_key(key) {
        let value: toml_edit::Datetime = day.to_string().parse().expect("a date is a TOML date");
        doc[key] = toml_edit::value(value);
        return Ok(drop_review_notes(&doc.to_string(), None));
    }
    let is_note = |l: &str| {
        let t = l.trim_start();
        t.starts_with(&format!("# {key} =")) && t.contains("until the import of")
            || t.trim_end() == format!("# {key} = YYYY-MM-DD")
    };
    if text.split_inclusive('\n').any(is_note) {
        return Ok(drop_review_notes(text, Some(&line)));
    }
    let mut out = String::with_capacity(text.len() + line.len());
    let mut placed = false;
    for l in text.split_inclusive('\n') {
        if !placed && l.trim_start().starts_with('[') {
            out.push_str(&line);
            placed = true;
        }
        out.push_str(l);
        if !placed && l.trim_start().starts_with("region") && l.contains('=') {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&line);
            placed = true;
        }
    }
    if !placed {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&line);
    }
    Ok(out)
}

/// `text` without the comments `import` wrote about a removed or missing date, which accepting
/// answers; the first of them replaced by `instead`, when given.
fn drop_review_notes(text: &str, mut instead: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let note = t.starts_with("# ") && t.contains(" = ") && t.contains("until the import of")
            || t.trim_end() == "# reviewed = YYYY-MM-DD"
            || t.trim_end() == "# translated = YYYY-MM-DD";
        if note {
            if let Some(i) = instead.take() {
                out.push_str(i);
            }
            continue;
        }
        out.push_str(line);
    }
    out
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn code_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let doc = text.parse::<DocumentMut>().ok()?;
    doc.get("code").and_then(Item::as_str).map(String::from)
}

fn remove_if_empty(dir: Option<&Path>) {
    if let Some(dir) = dir {
        // Fails, harmlessly, when anything is left in it.
        let _ = std::fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    const LIVE: &str = "name = \"Kazakhstan\"\ncode = \"KZ\"\nregion = \"Central Asia\"\nreviewed = 2026-11-01\nsummary = \"Believers in Kazakhstan meet in homes and churches are fined.\"\npoints = [\"Pray for the church in Kazakhstan and its pastors.\"]\n\n[[sources]]\ntitle = \"A\"\nurl = \"https://a.example\"\naccessed = 2026-10-01\n";

    #[test]
    fn accepting_puts_the_staged_guide_in_place_with_reviewed_set() {
        let dir = tempfile::tempdir().unwrap();
        let guides = dir.path();
        std::fs::write(guides.join("kazakhstan.toml"), LIVE).unwrap();
        std::fs::create_dir_all(folder(guides, None)).unwrap();
        let staged_text = LIVE.replace(
            "reviewed = 2026-11-01\n",
            "# reviewed = 2026-11-01 until the import of 2026-12-07: check the quoted text, then set it again\n",
        ).replace("pastors.\"]", "pastors.\", \"Pray for the churches fined this year.\"]");
        std::fs::write(folder(guides, None).join("kazakhstan.toml"), &staged_text).unwrap();
        let staged = select(guides, "kz").unwrap();
        assert_eq!(staged.len(), 1);
        let diff = review(&staged[0]).unwrap();
        assert!(diff.contains("-reviewed = 2026-11-01"), "{diff}");
        assert!(diff.contains("+points = ["), "{diff}");
        let (live, reviewed) = accept(&staged[0], day()).unwrap();
        assert_eq!(
            reviewed.to_string(),
            "2026-10-01",
            "the day its source was read"
        );
        let text = std::fs::read_to_string(live).unwrap();
        assert!(text.contains("reviewed = 2026-10-01\n"), "{text}");
        assert!(!text.contains("until the import"), "{text}");
        assert!(text.contains("fined this year"), "{text}");
        assert!(!folder(guides, None).exists());
        assert!(select(guides, "all").is_err());
    }

    #[test]
    fn a_staged_guide_with_an_error_is_not_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let guides = dir.path();
        std::fs::create_dir_all(folder(guides, None)).unwrap();
        let text = format!(
            "{LIVE}\n[story]\npseudonym = \"Samuel\"\nquote = \"We keep meeting.\"\ncontext = \"A pastor.\"\npseudonym_unconfirmed = true\n"
        )
        .replace("reviewed = 2026-11-01\n", "");
        std::fs::write(folder(guides, None).join("kazakhstan.toml"), &text).unwrap();
        let staged = select(guides, "all").unwrap();
        let err = accept(&staged[0], day()).unwrap_err().to_string();
        assert!(err.contains("pseudonym_unconfirmed"), "{err}");
        assert!(!guides.join("kazakhstan.toml").exists());
        // Once the editor deletes the line, it goes in.
        std::fs::write(
            folder(guides, None).join("kazakhstan.toml"),
            text.replace("pseudonym_unconfirmed = true\n", ""),
        )
        .unwrap();
        accept(&staged[0], day()).unwrap();
        let live = std::fs::read_to_string(guides.join("kazakhstan.toml")).unwrap();
        let parsed: toml::Table = live.parse().unwrap();
        assert_eq!(parsed["reviewed"].to_string(), "2026-10-01");
    }
}
