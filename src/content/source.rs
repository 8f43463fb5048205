//! A TOML file read from disk, kept with its text so that errors can point into it.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Error};

/// Reads a text file an editor wrote: UTF-8, with or without a byte-order mark, with Unix or
/// Windows line endings (turned into `\n`, so that paragraphs and positions come out the same).
/// A file in another encoding is an [`Error::Invalid`] placed at its first byte that is not
/// UTF-8; other failures are [`Error::Io`] naming the file.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    decode(path, &bytes).map_err(|d| Error::Invalid(Diagnostics(vec![d])))
}

/// The text of `bytes`, as [`read_text`] describes.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid up to here");
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        let line = valid.matches('\n').count() + 1;
        let column = valid[line_start..].chars().count() + 1;
        let byte = bytes[e.valid_up_to()];
        let guess = match windows_1252(byte) {
            Some(c) => format!(" (`{c}` in Latin-1 or Windows-1252, which this file seems to use)"),
            None => String::new(),
        };
        Diagnostic::error(
            path,
            format!("the file is not UTF-8 text: byte 0x{byte:02X} here{guess} is not UTF-8"),
        )
        .at(Some((line, column)))
        .help("save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)")
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    })
}

/// The character a byte stands for in Windows-1252 (Latin-1 with typographic quotes and dashes
/// in 0x80-0x9F), the encoding older editors save in.
fn windows_1252(byte: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => Some(HIGH[usize::from(byte - 0x80)]).filter(|&c| c != '\0'),
        0xA0..=0xFF => Some(char::from(byte)),
        _ => None,
    }
}

/// The text of one file and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads `path` as [`read_text`] does; the error names the file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        Ok(SourceFile {
            path: path.to_path_buf(),
            text: read_text(path)?,
        })
    }

    /// Reads the file as a `T` when it has no mistake; else the first. `content::parse::parse`
    /// reports them all, in the words of the file's format.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let format = crate::content::parse::FileFormat {
            name: "the file",
            documented_in: "the manual (docs/)",
            fields: &[],
        };
        let parsed = crate::content::parse::parse::<T>(self, &format);
        match (parsed.value, parsed.diagnostics.0.into_iter().next()) {
            (Some(value), None) => Ok(value),
            (_, Some(first)) => Err(first),
            (None, None) => Err(Diagnostic::error(&self.path, "could not be read")),
        }
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
    pub(crate) fn field_at(&self, offset: usize) -> Option<String> {
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

    /// Where the `index`-th (0-based) item of the top-level array `key` starts, such as one of a
    /// guide's `points`; `None` when the file does not read as TOML or has no such item.
    pub fn locate_array_item(&self, key: &str, index: usize) -> Option<(usize, usize)> {
        let doc = toml::de::DeTable::parse(&self.text).ok()?;
        match doc.get_ref().get(key)?.get_ref() {
            toml::de::DeValue::Array(items) => Some(self.line_col(items.get(index)?.span().start)),
            _ => None,
        }
    }

    /// Where the key at the end of `path` stands, an array's item given by its index
    /// (`["pin", "0", "es", "title"]`); `None` when the file does not read as TOML or has none.
    pub fn locate_path(&self, path: &[&str]) -> Option<(usize, usize)> {
        use toml::de::DeValue;
        let doc = toml::de::DeTable::parse(&self.text).ok()?;
        let (last, steps) = path.split_last()?;
        let mut table = doc.get_ref();
        let mut value: Option<&DeValue> = None;
        for step in steps {
            let next = match value {
                Some(DeValue::Array(items)) => items.get(step.parse::<usize>().ok()?)?.get_ref(),
                Some(DeValue::Table(t)) => t.get(*step)?.get_ref(),
                Some(_) => return None,
                None => table.get(*step)?.get_ref(),
            };
            value = Some(next);
        }
        if let Some(v) = value {
            match v {
                DeValue::Table(t) => table = t,
                DeValue::Array(items) => {
                    let item = items.get(last.parse::<usize>().ok()?)?;
                    return Some(self.line_col(item.span().start));
                }
                _ => return None,
            }
        }
        let (key, _) = table.get_key_value(*last)?;
        Some(self.line_col(key.span().start))
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
    fn decodes_a_byte_order_mark_and_windows_line_endings() {
        let text = decode(
            Path::new("x.toml"),
            b"\xEF\xBB\xBFa = 1\r\nb = \"\"\"\r\n\r\n\"\"\"\r\n",
        );
        assert_eq!(text.unwrap(), "a = 1\nb = \"\"\"\n\n\"\"\"\n");
    }

    #[test]
    fn places_the_first_byte_that_is_not_utf8() {
        let d = decode(Path::new("x.toml"), b"a = 1\r\nname = \"C\xF4te\"\n").unwrap_err();
        assert_eq!(d.location, Some((2, 10)));
        assert!(d.message.contains("0xF4 here (`\u{f4}` in Latin-1"), "{d}");
        assert!(d.help.unwrap().starts_with("save the file as UTF-8"));
        let d = decode(Path::new("x.toml"), b"quote = \x93Hi\x94").unwrap_err();
        assert!(d.message.contains("`\u{201c}`"), "{}", d.message);
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
    fn locates_items_of_an_array() {
        let f = file("a = 1\npoints = [\n  \"one\",\n  { text = \"two\" },\n]\n");
        assert_eq!(f.locate_array_item("points", 0), Some((3, 3)));
        assert_eq!(f.locate_array_item("points", 1), Some((4, 3)));
        assert_eq!(f.locate_array_item("points", 2), None);
        assert_eq!(f.locate_array_item("a", 0), None);
        assert_eq!(file("a = [").locate_array_item("a", 0), None);
    }
}
