//! Labels in Fluent: one `.ftl` file per language compiled in, and a project's own
//! `locales/<tag>.ftl` overriding them message by message, without recompiling.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::content::locale::Language;
use crate::error::{Diagnostic, Diagnostics, Error};

/// The built-in label files: the same as the repository's `locales/` folder.
pub const BUILTIN: [(&str, &str); 7] = [
    ("en", include_str!("../../../locales/en.ftl")),
    ("es", include_str!("../../../locales/es.ftl")),
    ("fr", include_str!("../../../locales/fr.ftl")),
    ("pt", include_str!("../../../locales/pt.ftl")),
    ("de", include_str!("../../../locales/de.ftl")),
    ("ko", include_str!("../../../locales/ko.ftl")),
    ("ar", include_str!("../../../locales/ar.ftl")),
];

/// The messages of one language, with English behind them for any message it lacks.
pub struct Labels {
    /// Whether the language has any label file of its own (built in or the project's).
    own: bool,
    bundle: FluentBundle<FluentResource>,
    /// English, for messages the language's files do not have; `None` for English itself.
    fallback: Option<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Labels")
            .field("locales", &self.bundle.locales)
            .finish_non_exhaustive()
    }
}

/// One `.ftl` text and where it came from.
struct Source {
    path: PathBuf,
    text: String,
}

impl Labels {
    /// Loads `language`'s labels: the built-in file of the language (or of its primary
    /// subtag), then the project's files in `project_locales` (`pt.ftl`, then `pt-BR.ftl`),
    /// each message replacing the one of the same id. Messages still missing come from English,
    /// listed in a warning. A file that does not parse is an error naming its line and column.
    pub fn load(
        language: &Language,
        project_locales: Option<&Path>,
    ) -> Result<(Labels, Diagnostics), Error> {
        Labels::load_with(language, project_locales, &|_| None)
    }

    /// Like [`Labels::load`], with the project's files as `frozen` gives them where it gives
    /// them (`Some(None)`: no file): the texts a published day was published with.
    pub fn load_with(
        language: &Language,
        project_locales: Option<&Path>,
        frozen: &dyn Fn(&str) -> Option<Option<String>>,
    ) -> Result<(Labels, Diagnostics), Error> {
        let mut sources = Vec::new();
        let chain = language.lookup_chain();
        if let Some((tag, text)) = chain
            .iter()
            .rev()
            .find_map(|tag| BUILTIN.iter().find(|(t, _)| t == tag))
        {
            sources.push(Source {
                path: builtin_path(tag),
                text: (*text).to_string(),
            });
        }
        let dir = project_locales.unwrap_or(Path::new("locales"));
        for tag in chain.iter().rev() {
            let path = dir.join(format!("{tag}.ftl"));
            match frozen(tag) {
                Some(Some(text)) => {
                    sources.push(Source { path, text });
                    continue;
                }
                Some(None) => continue,
                None if project_locales.is_none() => continue,
                None => {}
            }
            {
                match std::fs::read_to_string(&path) {
                    Ok(text) => sources.push(Source { path, text }),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io("read", &path, e)),
                }
            }
        }
        let mut warnings = Diagnostics::default();
        let english = language.primary() != "en";
        let own = !sources.is_empty();
        if sources.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    project_locales.map_or_else(
                        || PathBuf::from(format!("locales/{language}.ftl")),
                        |d| d.join(format!("{language}.ftl")),
                    ),
                    format!(
                        "no labels for `{language}`: pages are written in English, labels and \
                         dates, and say so (lang=\"en\") (built in: {})",
                        super::SHIPPED.join(", ")
                    ),
                )
                .help("copy locales/en.ftl from the repository to this name and translate it"),
            );
        }
        let mut bundle = new_bundle(language);
        let mut errors = Diagnostics::default();
        let mut ids = BTreeSet::new();
        for source in sources {
            match parse(source, &mut errors) {
                Some(resource) => {
                    ids.extend(message_ids(&resource));
                    bundle.add_resource_overriding(resource);
                }
                None => continue,
            }
        }
        if errors.has_errors() {
            return Err(Error::Invalid(errors));
        }
        let fallback = if english {
            let en = builtin_english();
            let missing: Vec<String> = message_ids(&en)
                .into_iter()
                .filter(|id| !ids.contains(id))
                .collect();
            if !missing.is_empty() && !warnings.0.iter().any(|w| w.message.contains("no labels")) {
                let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
                let more = if missing.len() > shown.len() {
                    format!(" and {} more", missing.len() - shown.len())
                } else {
                    String::new()
                };
                warnings.push(
                    Diagnostic::warning(
                        project_locales.map_or_else(
                            || builtin_path(language.as_str()),
                            |d| d.join(format!("{language}.ftl")),
                        ),
                        format!(
                            "{} label(s) not translated into `{language}`, shown in English: \
                             {}{more}",
                            missing.len(),
                            shown.join(", ")
                        ),
                    )
                    .help("add these message ids, translated, to the file (locales/en.ftl has them all)"),
                );
            }
            let mut fallback = new_bundle(&Language::english());
            fallback.add_resource_overriding(en);
            Some(fallback)
        } else {
            None
        };
        Ok((
            Labels {
                own,
                bundle,
                fallback,
            },
            warnings,
        ))
    }

    /// Whether the language has label files of its own; without, every label is English.
    pub fn has_any_own(&self) -> bool {
        self.own
    }

    /// Whether this language's own files have `id` (not only the English behind them).
    pub fn has_own(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with `args` filled in. An id that no file has is an error; so is a
    /// message that uses a variable it was not given.
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> Result<String, String> {
        self.format_with(id, args, &[])
    }

    /// Like [`Labels::format`], with `numbers` given to the message as numbers, so that it can
    /// choose a plural form for a fraction (`1,4 milliard`, `2,5 milliards`): Fluent applies
    /// the language's CLDR plural rules to them.
    pub fn format_with(
        &self,
        id: &str,
        args: &[(&str, &str)],
        numbers: &[(&str, f64)],
    ) -> Result<String, String> {
        let bundle = if self.bundle.has_message(id) {
            &self.bundle
        } else {
            match &self.fallback {
                Some(en) if en.has_message(id) => en,
                _ => {
                    return Err(format!(
                        "no label `{id}`: the message ids are listed in locales/en.ftl"
                    ));
                }
            }
        };
        let message = bundle.get_message(id).expect("checked above");
        let pattern = message
            .value()
            .ok_or_else(|| format!("the label `{id}` has no text, only attributes"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Small whole numbers go in as numbers, so that messages can choose a plural form
            // or an ordinal (`[1] 1er`); Fluent writes them back unchanged.
            let number = (value.len() <= 6 && value.bytes().all(|b| b.is_ascii_digit()))
                .then(|| value.parse::<u32>().ok())
                .flatten();
            match number {
                Some(n) if !value.starts_with('0') || *value == "0" => {
                    fluent_args.set(*name, FluentValue::from(n))
                }
                _ => fluent_args.set(*name, FluentValue::from(*value)),
            }
        }
        for (name, value) in numbers {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(e) => Err(format!("the label `{id}`: {e}")),
        }
    }
}

fn new_bundle(language: &Language) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![language.identifier()]);
    // Isolation marks (U+2068, U+2069) around every value would end up in plain text, email
    // subjects and calendars; the HTML pages set `dir` for the whole document instead.
    bundle.set_use_isolating(false);
    bundle
}

fn builtin_path(tag: &str) -> PathBuf {
    PathBuf::from(format!("(built-in) locales/{tag}.ftl"))
}

fn builtin_english() -> FluentResource {
    FluentResource::try_new(BUILTIN[0].1.to_string()).unwrap_or_else(|(r, _)| r)
}

/// Parses one file; each syntax error becomes a diagnostic with its line and column.
fn parse(source: Source, errors: &mut Diagnostics) -> Option<FluentResource> {
    match FluentResource::try_new(source.text.clone()) {
        Ok(resource) => Some(resource),
        Err((_, problems)) => {
            for problem in problems {
                // Where the parser noticed can be lines after the mistake (an unclosed `{`
                // runs on): then the broken message's own first line says more.
                let (mut line, mut column) = line_column(&source.text, problem.pos.start);
                if let Some(slice) = &problem.slice {
                    let start = line_column(&source.text, slice.start);
                    if start.0 < line {
                        (line, column) = start;
                    }
                }
                errors.push(
                    Diagnostic::error(&source.path, format!("not valid Fluent: {}", problem.kind))
                        .at(Some((line, column)))
                        .help(
                            "a message is `id = text` on one line (indent continuation lines); \
                             variables are written { $name }; see locales/README.md",
                        ),
                );
            }
            None
        }
    }
}

/// The ids of the messages (not terms) of a file.
fn message_ids(resource: &FluentResource) -> BTreeSet<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn es() -> Language {
        Language::parse("es").unwrap()
    }

    #[test]
    fn a_project_file_overrides_by_message_id() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("es.ftl"), "please-pray = Oremos\n").unwrap();
        let (labels, warnings) = Labels::load(&es(), Some(dir.path())).unwrap();
        assert!(warnings.0.is_empty(), "{warnings:?}");
        assert_eq!(labels.format("please-pray", &[]).unwrap(), "Oremos");
        assert_eq!(labels.format("give-thanks", &[]).unwrap(), "Demos gracias");
    }

    #[test]
    fn a_language_without_labels_falls_back_to_english_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sw.ftl"), "please-pray = Tafadhali omba\n").unwrap();
        let sw = Language::parse("sw").unwrap();
        let (labels, warnings) = Labels::load(&sw, Some(dir.path())).unwrap();
        assert_eq!(labels.format("please-pray", &[]).unwrap(), "Tafadhali omba");
        assert_eq!(labels.format("give-thanks", &[]).unwrap(), "Give thanks");
        assert_eq!(warnings.0.len(), 1);
        assert!(
            warnings.0[0].message.contains("not translated into `sw`"),
            "{}",
            warnings.0[0]
        );
    }

    #[test]
    fn a_malformed_file_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("es.ftl"),
            "please-pray = Oremos\ngive-thanks = { $unclosed\n",
        )
        .unwrap();
        let Err(Error::Invalid(d)) = Labels::load(&es(), Some(dir.path())) else {
            panic!("a broken file loaded");
        };
        assert_eq!(d.0.len(), 1);
        assert_eq!(d.0[0].path, dir.path().join("es.ftl"));
        assert_eq!(d.0[0].location.map(|(l, _)| l), Some(2));
    }

    #[test]
    fn an_unknown_id_is_an_error_naming_it() {
        let (labels, _) = Labels::load(&Language::english(), None).unwrap();
        assert!(
            labels
                .format("plese-pray", &[])
                .unwrap_err()
                .contains("`plese-pray`")
        );
    }

    #[test]
    fn every_builtin_file_parses() {
        for (tag, text) in BUILTIN {
            assert!(FluentResource::try_new(text.to_string()).is_ok(), "{tag}");
        }
    }
}
