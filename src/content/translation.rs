//! Guides in other languages: `guides/<tag>/<file>.toml` beside `guides/<file>.toml`, each field
//! optional and overriding the guide's own, points and praise matched by position. What a
//! translation lacks is shown in the guides' own language, with a warning, never left blank.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::content::guide::{Catalog, Guide};
use crate::content::locale::Language;
use crate::content::parse::{FileFormat, hint, parse};
use crate::content::source::SourceFile;
use crate::error::{Diagnostic, Diagnostics, Error};

/// The language a folder of the guides folder holds translations into, if its name is a
/// language tag (`es`, `pt-BR`); `drafts` or `images` are none.
pub fn language_folder(name: &str) -> Option<Language> {
    let plausible = name.len() <= 12
        && name.split(['-', '_']).next().is_some_and(|l| {
            (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase())
        });
    Language::parse(name).ok().filter(|_| plausible)
}

/// One guide's text in one language, as a translator writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub name: Option<String>,
    pub region: Option<String>,
    pub summary: Option<String>,
    /// The guide's points in the same order; `""` leaves one in the guide's language.
    #[serde(default)]
    pub points: Vec<String>,
    /// The guide's praise in the same order.
    #[serde(default)]
    pub praise: Vec<String>,
    pub scripture: Option<String>,
    /// `[facts] main_religion` in this language.
    pub main_religion: Option<String>,
    /// `[facts] pressure` in this language, in the guide's order.
    #[serde(default)]
    pub pressure: Vec<String>,
    pub story: Option<StoryTranslation>,
    /// The day the translation was made or last checked against the guide.
    #[serde(default, deserialize_with = "crate::content::de::opt_date")]
    pub translated: Option<NaiveDate>,
}

/// A testimony's words in another language; the pseudonym may be written in its script.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryTranslation {
    pub pseudonym: Option<String>,
    pub quote: Option<String>,
    pub context: Option<String>,
}

/// Every field of a translation file, for messages about a wrong value.
pub const TRANSLATION_FORMAT: FileFormat = FileFormat {
    name: "a guide's translation",
    documented_in: "guides/README.md, section \"Translations\"",
    fields: &[
        hint("name", "the country's name in quotes", "name = \"Nigeria\""),
        hint("region", "text in quotes", "region = \"África Occidental\""),
        hint("summary", "text in quotes", "summary = \"\"\"...\"\"\""),
        hint(
            "points",
            "a list of sentences in quotes, in the guide's order",
            "points = [\"...\", \"...\"]",
        ),
        hint(
            "praise",
            "a list of sentences in quotes, in the guide's order",
            "praise = [\"...\"]",
        ),
        hint(
            "scripture",
            "a reference in quotes",
            "scripture = \"Hebreos 13:3\"",
        ),
        hint(
            "main_religion",
            "the guide's main religion in quotes",
            "main_religion = \"islam\"",
        ),
        hint(
            "pressure",
            "the guide's sources of pressure in quotes, in the guide's order",
            "pressure = [\"opresión islámica\"]",
        ),
        hint("story", "a table", "[story]"),
        hint(
            "story.pseudonym",
            "a name in quotes",
            "pseudonym = \"Ester\"",
        ),
        hint("story.quote", "text in quotes", "quote = \"...\""),
        hint("story.context", "text in quotes", "context = \"...\""),
        hint("translated", "a date", "translated = 2026-11-25"),
    ],
};

/// A translation and its file.
#[derive(Debug, Clone)]
pub struct TranslationFile {
    pub translation: Translation,
    pub path: PathBuf,
}

/// The translations of a library: by language, then by the guide's place in the catalog.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    by_language: BTreeMap<Language, Vec<Option<TranslationFile>>>,
}

impl Translations {
    /// Reads every `<tag>/*.toml` under `guides_dir`, where `<tag>` is a language tag. A file
    /// that names no guide, does not parse, or has more points than its guide is an error with
    /// its file and line; other folders are left alone.
    pub fn load(
        guides_dir: &Path,
        catalog: &Catalog,
        diagnostics: &mut Diagnostics,
    ) -> Result<Translations, Error> {
        let mut by_language = BTreeMap::new();
        let Ok(read) = std::fs::read_dir(guides_dir) else {
            return Ok(Translations::default());
        };
        let mut folders: Vec<(Language, PathBuf)> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .filter_map(|p| {
                let language = language_folder(p.file_name()?.to_str()?)?;
                Some((language, p))
            })
            .collect();
        folders.sort();
        for (language, folder) in folders {
            let mut files: Vec<Option<TranslationFile>> = vec![None; catalog.entries.len()];
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
                .map_err(|e| Error::io("read the translations folder", &folder, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let file = match SourceFile::read(&path) {
                    Ok(file) => file,
                    Err(Error::Invalid(d)) => {
                        diagnostics.extend(d);
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let parsed = parse::<Translation>(&file, &TRANSLATION_FORMAT);
                let read_in_full = parsed.diagnostics.0.is_empty();
                diagnostics.extend(parsed.diagnostics);
                let Some(translation) = parsed.value.filter(|_| read_in_full) else {
                    continue;
                };
                let stem = path.file_name().unwrap_or_default();
                let Some(index) = catalog
                    .entries
                    .iter()
                    .position(|e| e.file.path.file_name() == Some(stem))
                else {
                    diagnostics.push(
                        Diagnostic::error(
                            &path,
                            format!("no guide {} to translate", guides_dir.join(stem).display()),
                        )
                        .help("a translation has the same file name as its guide, one folder down"),
                    );
                    continue;
                };
                let guide = &catalog.entries[index].guide;
                check(&translation, guide, &file, diagnostics);
                files[index] = Some(TranslationFile { translation, path });
            }
            by_language.insert(language, files);
        }
        Ok(Translations { by_language })
    }

    /// The languages that have a folder of translations.
    pub fn languages(&self) -> impl Iterator<Item = &Language> {
        self.by_language.keys()
    }

    /// The translations into `language` (or, for `pt-BR`, into `pt`), by guide.
    fn files(&self, language: &Language) -> Option<&Vec<Option<TranslationFile>>> {
        self.by_language.get(language).or_else(|| {
            self.by_language
                .iter()
                .find(|(l, _)| l.as_str() == language.primary())
                .map(|(_, f)| f)
        })
    }

    /// The translation of guide `index` into `language`, if there is one.
    pub fn get(&self, language: &Language, index: usize) -> Option<&TranslationFile> {
        self.files(language)?.get(index)?.as_ref()
    }

    /// What of the library `language` lacks: guides with no file, and fields left in the
    /// guides' language, by guide file.
    pub fn coverage(&self, language: &Language, catalog: &Catalog) -> Coverage {
        let mut coverage = Coverage {
            language: language.clone(),
            guides: catalog.entries.len(),
            ..Coverage::default()
        };
        for (i, entry) in catalog.entries.iter().enumerate() {
            match self.get(language, i) {
                None => coverage.untranslated.push(entry.file.path.clone()),
                Some(file) => {
                    coverage.translated += 1;
                    let missing = missing_fields(&file.translation, &entry.guide);
                    if !missing.is_empty() {
                        coverage.partial.push((file.path.clone(), missing));
                    }
                    if let (Some(translated), Some(reviewed)) =
                        (file.translation.translated, entry.guide.reviewed)
                        && translated < reviewed
                    {
                        coverage
                            .stale
                            .push((file.path.clone(), translated, reviewed));
                    }
                }
            }
        }
        coverage
    }
}

/// How much of a library one language has.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub language: Language,
    /// Guides in the library, and how many have a translation file.
    pub guides: usize,
    pub translated: usize,
    /// Guides without a file.
    pub untranslated: Vec<PathBuf>,
    /// Translation files that leave fields in the guides' language, and which.
    pub partial: Vec<(PathBuf, Vec<String>)>,
    /// Translations dated before their guide's last review.
    pub stale: Vec<(PathBuf, NaiveDate, NaiveDate)>,
}

impl Coverage {
    /// The warnings a build or `check` shows: one for the guides with no translation, one per
    /// file with missing fields, one per translation older than its guide.
    pub fn warnings(&self, guides_language: &Language) -> Diagnostics {
        let mut out = Diagnostics::default();
        let tag = &self.language;
        if !self.untranslated.is_empty() {
            let names: Vec<String> = self
                .untranslated
                .iter()
                .take(6)
                .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
                .collect();
            let more = match self.untranslated.len().saturating_sub(names.len()) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let folder = self
                .untranslated
                .first()
                .and_then(|p| p.parent())
                .map(|p| p.join(tag.as_str()))
                .unwrap_or_else(|| PathBuf::from(tag.as_str()));
            out.push(
                Diagnostic::warning(
                    folder,
                    format!(
                        "{} of {} guides have no `{tag}` translation and are shown in \
                         `{guides_language}`: {}{more}",
                        self.untranslated.len(),
                        self.guides,
                        names.join(", ")
                    ),
                )
                .help("add a file of the same name in this folder; guides/README.md shows how"),
            );
        }
        for (path, fields) in &self.partial {
            out.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "not translated, shown in `{guides_language}`: {}",
                        fields.join(", ")
                    ),
                )
                .help("translate these fields; points and praise follow the guide's order"),
            );
        }
        for (path, translated, reviewed) in &self.stale {
            out.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "translated {translated}, before the guide's review on {reviewed}: \
                         it may not match the guide any more"
                    ),
                )
                .field("translated")
                .help("compare it with the guide, then set `translated` to today"),
            );
        }
        out
    }

    /// `es: 3 of 60 guides translated (2 in part)`.
    pub fn summary(&self) -> String {
        let part = match self.partial.len() {
            0 => String::new(),
            n => format!(" ({n} in part)"),
        };
        format!(
            "{}: {} of {} guides translated{part}",
            self.language, self.translated, self.guides
        )
    }
}

/// Errors a translation can have that serde cannot see.
fn check(t: &Translation, guide: &Guide, file: &SourceFile, out: &mut Diagnostics) {
    if t.points.len() > guide.points.len() {
        out.push(
            file.error_at(
                None,
                "points",
                format!(
                    "{} points, but the guide has {}: a translation's points follow the \
                     guide's, one for one",
                    t.points.len(),
                    guide.points.len()
                ),
            )
            .help("remove the extra points, or add them to the guide first"),
        );
    }
    if t.praise.len() > guide.praise.len() {
        out.push(
            file.error_at(
                None,
                "praise",
                format!(
                    "{} lines of praise, but the guide has {}",
                    t.praise.len(),
                    guide.praise.len()
                ),
            )
            .help("remove the extra lines, or add them to the guide first"),
        );
    }
    let facts = guide.facts.as_ref();
    if t.main_religion.is_some() && facts.is_none_or(|f| f.main_religion.is_none()) {
        out.push(
            file.error_at(
                None,
                "main_religion",
                "the guide has no `main_religion` in [facts] to translate",
            )
            .help("remove main_religion, or add it to the guide's [facts] first"),
        );
    }
    let pressure = facts.map_or(0, |f| f.pressure.len());
    if t.pressure.len() > pressure {
        out.push(
            file.error_at(
                None,
                "pressure",
                format!(
                    "{} sources of pressure, but the guide's [facts] has {pressure}: a \
                     translation's follow the guide's, one for one",
                    t.pressure.len()
                ),
            )
            .help("remove the extra ones, or add them to the guide first"),
        );
    }
    if t.story.is_some() && guide.story.is_none() {
        out.push(
            file.error_at(None, "story", "the guide has no story to translate")
                .help("remove [story], or add the story to the guide first"),
        );
    }
}

/// The fields a translation leaves in the guide's language.
pub fn missing_fields(t: &Translation, guide: &Guide) -> Vec<String> {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut missing = Vec::new();
    if blank(&t.name) {
        missing.push("name".to_string());
    }
    if blank(&t.summary) {
        missing.push("summary".to_string());
    }
    for i in 0..guide.points.len() {
        if t.points.get(i).is_none_or(|p| p.trim().is_empty()) {
            missing.push(format!("points[{}]", i + 1));
        }
    }
    for i in 0..guide.praise.len() {
        if t.praise.get(i).is_none_or(|p| p.trim().is_empty()) {
            missing.push(format!("praise[{}]", i + 1));
        }
    }
    if guide.scripture.is_some() && blank(&t.scripture) {
        missing.push("scripture".to_string());
    }
    if let Some(facts) = &guide.facts {
        if facts.main_religion.is_some() && blank(&t.main_religion) {
            missing.push("main_religion".to_string());
        }
        for i in 0..facts.pressure.len() {
            if t.pressure.get(i).is_none_or(|p| p.trim().is_empty()) {
                missing.push(format!("pressure[{}]", i + 1));
            }
        }
    }
    if guide.story.is_some() {
        let story = t.story.clone().unwrap_or_default();
        if blank(&story.quote) {
            missing.push("story.quote".to_string());
        }
        if blank(&story.context) {
            missing.push("story.context".to_string());
        }
    }
    missing
}

/// `guide` with the fields `t` translates replaced; everything else as it was.
pub fn apply(guide: &Guide, t: &Translation) -> Guide {
    let mut out = guide.clone();
    let text = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    if let Some(name) = text(&t.name) {
        out.name = name;
    }
    if let Some(region) = text(&t.region) {
        out.region = region;
    }
    if let Some(summary) = text(&t.summary) {
        out.summary = summary;
    }
    for (point, translated) in out.points.iter_mut().zip(&t.points) {
        if !translated.trim().is_empty() {
            point.text = translated.clone();
        }
    }
    for (praise, translated) in out.praise.iter_mut().zip(&t.praise) {
        if !translated.trim().is_empty() {
            *praise = translated.clone();
        }
    }
    if let Some(scripture) = text(&t.scripture) {
        out.scripture = Some(scripture);
    }
    if let Some(facts) = &mut out.facts {
        if let (Some(religion), Some(translated)) =
            (&mut facts.main_religion, text(&t.main_religion))
        {
            *religion = translated;
        }
        for (pressure, translated) in facts.pressure.iter_mut().zip(&t.pressure) {
            if !translated.trim().is_empty() {
                *pressure = translated.clone();
            }
        }
    }
    if let (Some(story), Some(ts)) = (&mut out.story, &t.story) {
        if let Some(p) = text(&ts.pseudonym) {
            story.pseudonym = p;
        }
        if let Some(q) = text(&ts.quote) {
            story.quote = q;
        }
        if let Some(c) = text(&ts.context) {
            story.context = c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_hint() {
        let probe = "zz = 1\n[story]\nzz = 1\n";
        let mut named = crate::content::parse::fields_named::<Translation>(probe);
        let mut hinted: Vec<&str> = TRANSLATION_FORMAT.fields.iter().map(|h| h.path).collect();
        named.sort();
        hinted.sort();
        assert_eq!(named, hinted);
    }

    fn guide() -> Guide {
        toml::from_str(
            "name = \"Testland\"\ncode = \"TL\"\nregion = \"R\"\nsummary = \"The church.\"\n\
             points = [\"Pray for the church.\"]\n[facts]\nmain_religion = \"Islam\"\n\
             pressure = [\"Islamic oppression\", \"Clan oppression\"]\n\
             [[sources]]\ntitle = \"S\"\nurl = \"https://example.org\"\n",
        )
        .unwrap()
    }

    fn translation(text: &str) -> (Translation, SourceFile) {
        let file = SourceFile {
            path: PathBuf::from("guides/es/testland.toml"),
            text: text.to_string(),
        };
        (toml::from_str(text).unwrap(), file)
    }

    #[test]
    fn main_religion_and_pressure_are_translated_by_position() {
        let (t, _) =
            translation("main_religion = \"Islam\"\npressure = [\"Opresión islámica\", \"\"]\n");
        let facts = apply(&guide(), &t).facts.unwrap();
        assert_eq!(facts.main_religion.as_deref(), Some("Islam"));
        assert_eq!(facts.pressure, ["Opresión islámica", "Clan oppression"]);
        assert_eq!(
            missing_fields(&t, &guide()),
            ["name", "summary", "points[1]", "pressure[2]"]
        );
    }

    #[test]
    fn a_translation_lacking_the_facts_words_says_which() {
        let (t, _) = translation("name = \"Testlandia\"\npoints = [\"Oremos.\"]\n");
        assert_eq!(
            missing_fields(&t, &guide()),
            ["summary", "main_religion", "pressure[1]", "pressure[2]"]
        );
    }

    #[test]
    fn facts_words_the_guide_lacks_are_errors_with_their_line() {
        let mut bare = guide();
        bare.facts.as_mut().unwrap().main_religion = None;
        bare.facts.as_mut().unwrap().pressure.truncate(1);
        let (t, file) =
            translation("name = \"T\"\nmain_religion = \"Islam\"\npressure = [\"a\", \"b\"]\n");
        let mut out = Diagnostics::default();
        check(&t, &bare, &file, &mut out);
        let lines: Vec<String> = out.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with(
                "error: guides/es/testland.toml:2:1: `main_religion`: the guide has no"
            ),
            "{}",
            lines[0]
        );
        assert!(
            lines[1]
                .contains(":3:1: `pressure`: 2 sources of pressure, but the guide's [facts] has 1"),
            "{}",
            lines[1]
        );
    }
}
