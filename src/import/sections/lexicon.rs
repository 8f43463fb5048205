//! The words that mark a prayer list, per language: the `import-*` messages of the Fluent label
//! files, built in or a project's own `locales/<tag>.ftl`, so that a new language brings its own.

use std::path::Path;
use std::sync::LazyLock;

use crate::content::locale::{BUILTIN, Labels, Language};
use crate::error::Error;
use crate::import::page::words;

/// The message ids, each a list of phrases separated by " | ".
pub const IDS: [&str; 4] = [
    "import-prayer-headings",
    "import-praise-headings",
    "import-prayer-verbs",
    "import-praise-verbs",
];

/// A phrase to look for, folded as [`words`] folds text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<String>,
    /// Written "…words": matched at the end of a line (Korean puts the verb last).
    pub at_end: bool,
    /// As the label file writes it, for messages.
    pub text: String,
}

/// The phrases of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub lang: String,
    pub prayer_headings: Vec<Phrase>,
    pub praise_headings: Vec<Phrase>,
    pub prayer_verbs: Vec<Phrase>,
    pub praise_verbs: Vec<Phrase>,
}

/// The phrases of every language the tool has labels for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub languages: Vec<Words>,
}

static BUILT_IN: LazyLock<Lexicon> = LazyLock::new(|| {
    let languages = BUILTIN
        .iter()
        .filter_map(|(tag, _)| {
            let language = Language::parse(tag).ok()?;
            let (labels, _) = Labels::load(&language, None).ok()?;
            Some(words_of(tag, &labels))
        })
        .collect();
    Lexicon { languages }
});

impl Lexicon {
    /// The built-in languages' phrases.
    pub fn builtin() -> &'static Lexicon {
        &BUILT_IN
    }

    /// The built-in phrases with a project's `locales/<tag>.ftl` files on top: a message there
    /// replaces the built-in list of its language, and a language that is not built in adds its
    /// own lists (where its file has them).
    pub fn with_project(dir: &Path) -> Result<Lexicon, Error> {
        let mut tags: Vec<String> = BUILTIN.iter().map(|(t, _)| t.to_string()).collect();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Lexicon::builtin().clone());
            }
            Err(e) => return Err(Error::io("read", dir, e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(tag) = name.strip_suffix(".ftl")
                && !tags.iter().any(|t| t == tag)
            {
                tags.push(tag.to_string());
            }
        }
        let mut languages = Vec::new();
        for tag in tags {
            let Ok(language) = Language::parse(&tag) else {
                continue;
            };
            let (labels, _) = Labels::load(&language, Some(dir))?;
            let words = words_of(language.primary(), &labels);
            if !words.prayer_headings.is_empty() || !words.prayer_verbs.is_empty() {
                languages.push(words);
            }
        }
        Ok(Lexicon { languages })
    }

    /// The phrases of a language (its primary subtag), if the tool has them.
    pub fn get(&self, lang: &str) -> Option<&Words> {
        self.languages.iter().find(|w| w.lang == lang)
    }

    /// Every language's phrases of one sort, with the language.
    pub fn all<'a>(
        &'a self,
        pick: fn(&Words) -> &Vec<Phrase>,
    ) -> impl Iterator<Item = (&'a str, &'a Phrase)> + 'a {
        self.languages
            .iter()
            .flat_map(move |w| pick(w).iter().map(move |p| (w.lang.as_str(), p)))
    }
}

/// A language's lists; a list its own files lack stays empty (the English one is not copied in:
/// English is matched as a language of its own).
fn words_of(tag: &str, labels: &Labels) -> Words {
    let list = |id: &str| -> Vec<Phrase> {
        if !labels.has_own(id) {
            return Vec::new();
        }
        labels
            .format(id, &[])
            .map(|text| phrases(&text))
            .unwrap_or_default()
    };
    Words {
        lang: tag.to_string(),
        prayer_headings: list(IDS[0]),
        praise_headings: list(IDS[1]),
        prayer_verbs: list(IDS[2]),
        praise_verbs: list(IDS[3]),
    }
}

/// "Pray | Ask God | …기도해 주세요" as phrases.
pub fn phrases(list: &str) -> Vec<Phrase> {
    list.split('|')
        .filter_map(|p| {
            let p = p.trim();
            let (text, at_end) = match p.strip_prefix('…') {
                Some(rest) => (rest.trim(), true),
                None => (p, false),
            };
            let words = words(text);
            (!words.is_empty()).then(|| Phrase {
                words,
                at_end,
                text: text.to_string(),
            })
        })
        .collect()
}

impl Phrase {
    /// Whether the folded words `w` begin with this phrase (or end with it, for "…" phrases).
    pub fn opens(&self, w: &[String]) -> bool {
        if self.at_end {
            w.ends_with(&self.words)
        } else {
            w.starts_with(&self.words)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_language_has_every_list() {
        let lexicon = Lexicon::builtin();
        assert_eq!(lexicon.languages.len(), BUILTIN.len());
        for w in &lexicon.languages {
            assert!(!w.prayer_headings.is_empty(), "{}", w.lang);
            assert!(!w.praise_headings.is_empty(), "{}", w.lang);
            assert!(!w.prayer_verbs.is_empty(), "{}", w.lang);
            assert!(!w.praise_verbs.is_empty(), "{}", w.lang);
        }
        let fr = lexicon.get("fr").unwrap();
        assert!(
            fr.prayer_headings
                .iter()
                .any(|p| p.text == "Sujets de prière")
        );
        assert_eq!(fr.prayer_headings[0].words, ["prions", "pour"]);
    }

    #[test]
    fn phrases_fold_and_mark_the_end() {
        let p = phrases("Let's pray | …기도해 주세요 |  ");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].words, ["let", "s", "pray"]);
        assert!(p[1].at_end);
        assert!(p[1].opens(&words("교회를 위해 기도해 주세요.")));
    }

    #[test]
    fn a_project_file_replaces_a_list_and_adds_a_language() {
        let dir = std::env::temp_dir().join(format!("pg-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("fr.ftl"), "import-prayer-verbs = Supplions\n").unwrap();
        std::fs::write(
            dir.join("sw.ftl"),
            "import-prayer-headings = Tuombe\nimport-prayer-verbs = Omba\n",
        )
        .unwrap();
        let lexicon = Lexicon::with_project(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(lexicon.get("fr").unwrap().prayer_verbs[0].text, "Supplions");
        assert!(!lexicon.get("fr").unwrap().prayer_headings.is_empty());
        let sw = lexicon.get("sw").unwrap();
        assert_eq!(sw.prayer_verbs[0].words, ["omba"]);
        assert!(sw.praise_verbs.is_empty());
    }
}
