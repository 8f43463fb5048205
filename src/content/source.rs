//! A TOML file read from disk, kept with its text so that errors can point into it.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error};

/// The text of one file and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads `path`; the error names the file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
        })
    }

    /// Parses the file strictly; a failure becomes a diagnostic naming line, column and field.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        toml::from_str(&self.text).map_err(|e| self.toml_error(&e))
    }

    fn toml_error(&self, e: &toml::de::Error) -> Diagnostic {
        let offset = e.span().map(|s| s.start);
        let mut d = Diagnostic::error(&self.path, e.message().trim_end().to_string())
            .at(offset.map(|o| self.line_col(o)));
        // A missing field's span is the whole table, whose first key is not the one in question.
        let missing = e.message().starts_with("missing field");
        if let Some(field) = offset.filter(|_| !missing).and_then(|o| self.field_at(o)) {
            d = d.field(field);
        }
        if e.message().starts_with("unknown field") {
            d = d.help(
                "check the spelling; the fields are listed in guides/README.md and the README",
            );
        }
        d
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    /// The dotted TOML path of the key on the line holding `offset`, with its table header.
    fn field_at(&self, offset: usize) -> Option<String> {
        let offset = offset.min(self.text.len());
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        let line = &self.text[line_start..line_end];
        let key = line.split_once('=').map(|(k, _)| k.trim())?;
        if key.is_empty() || key.starts_with('#') || key.contains(['"', '{', '[']) {
            return None;
        }
        let table = self.text[..line_start]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('['))
            .map(|l| l.trim_matches(['[', ']']).trim().to_string());
        Some(match table {
            Some(t) => format!("{t}.{key}"),
            None => key.to_string(),
        })
    }

    /// Where a key is defined: `key` in the table `table` (None for top level).
    /// Used to place errors found after parsing; falls back to the table header, then nothing.
    pub fn locate(&self, table: Option<&str>, key: &str) -> Option<(usize, usize)> {
        self.locate_item(table, 0, key)
    }

    /// Like [`locate`](Self::locate), in the `index`-th (0-based) table of an array of tables
    /// such as `[[pin]]`.
    pub fn locate_item(
        &self,
        table: Option<&str>,
        index: usize,
        key: &str,
    ) -> Option<(usize, usize)> {
        let mut current: Option<String> = None;
        let mut seen = 0;
        let mut table_line = None;
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if trimmed.starts_with('[') {
                let name = trimmed
                    .trim_end()
                    .trim_start_matches('[')
                    .split(']')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let matches = table == Some(name.as_str());
                if matches {
                    seen += 1;
                }
                if matches && seen == index + 1 {
                    table_line = Some(self.line_col(offset + indent));
                }
                current = if matches && seen != index + 1 {
                    None
                } else {
                    Some(name)
                };
            } else if current.as_deref() == table
                && (table.is_none() || seen == index + 1)
                && let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return Some(self.line_col(offset + indent));
            }
            offset += line.len();
        }
        table_line
    }

    /// An error about `key` in `table`, placed where the key stands.
    pub fn error_at(
        &self,
        table: Option<&str>,
        key: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let field = match table {
            Some(t) => format!("{t}.{key}"),
            None => key.to_string(),
        };
        Diagnostic::error(&self.path, message)
            .at(self.locate(table, key))
            .field(field)
    }

    /// An error about `key` in the `index`-th table of the array `table`, such as `[[pin]]`.
    pub fn error_in_item(
        &self,
        table: &str,
        index: usize,
        key: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(&self.path, message)
            .at(self.locate_item(Some(table), index, key))
            .field(format!("{table}.{key}"))
    }

    /// A warning about `key` in `table`, placed where the key stands.
    pub fn warning_at(
        &self,
        table: Option<&str>,
        key: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: crate::error::Severity::Warning,
            ..self.error_at(table, key, message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "x.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn locates_keys_in_tables() {
        let f = file("a = 1\n[facts]\n  population = 5\n[[sources]]\ntitle = \"t\"\n");
        assert_eq!(f.locate(None, "a"), Some((1, 1)));
        assert_eq!(f.locate(Some("facts"), "population"), Some((3, 3)));
        assert_eq!(f.locate(Some("sources"), "title"), Some((5, 1)));
        assert_eq!(f.locate(Some("facts"), "missing"), Some((2, 1)));
        assert_eq!(f.locate(None, "missing"), None);
        let pins = file("[[pin]]\nrule = 1\n[[pin]]\ndate = 2\nrule = 3\n");
        assert_eq!(pins.locate_item(Some("pin"), 1, "rule"), Some((5, 1)));
        assert_eq!(pins.locate_item(Some("pin"), 0, "date"), Some((1, 1)));
    }

    #[test]
    fn names_the_field_of_a_type_error() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Facts {
            population: u64,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            facts: Facts,
        }
        let d = file("[facts]\npopulation = \"many\"\n")
            .parse::<Doc>()
            .unwrap_err();
        assert_eq!(d.field.as_deref(), Some("facts.population"));
        assert_eq!(d.location, Some((2, 14)));
    }
}
