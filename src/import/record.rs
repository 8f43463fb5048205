//! `imports.txt`: the pages `import` has read, each known by its address and the SHA-256 of its
//! bytes, so that reading a page again after an editor has reviewed what it gave changes nothing.
//!
//! One line a page read, appended, tab-separated: the day, the hash, the address, and the files
//! it was staged into. Lines that do not parse are kept and skipped (a hand edit never loses the
//! rest); the file is written whole and atomically.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;

/// The record's name, beside `schedule.toml`.
pub const FILE: &str = "imports.txt";

const HEADER: &str = "\
# The pages `prayer-guide import` has read: the day, the SHA-256 of the page, its address and
# what it was staged into. Reading a page listed here again changes nothing (`--force` reads it
# anyway). Keep this file with the guides; deleting a line forgets that page.
";

/// One page read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub day: NaiveDate,
    pub hash: String,
    pub url: String,
    pub files: Vec<String>,
}

/// The record, as read.
#[derive(Debug, Clone, Default)]
pub struct Record {
    path: PathBuf,
    /// The file's lines as they were, so writing keeps anything it does not understand.
    lines: Vec<String>,
    pub entries: Vec<Entry>,
}

/// What the record knows of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<'r> {
    /// Never read.
    New,
    /// Read before, with these very bytes.
    Same(&'r Entry),
    /// Read before from this address, and it has changed since.
    Changed(&'r Entry),
}

impl Record {
    /// Reads the record at `path`; a missing file is an empty record.
    pub fn read(path: &Path) -> Result<Record, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io("read the import record", path, e)),
        };
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let entries = lines.iter().filter_map(|l| parse(l)).collect();
        Ok(Record {
            path: path.to_path_buf(),
            lines,
            entries,
        })
    }

    /// What the record knows of the page at `url` whose bytes hash to `hash`: the latest entry.
    pub fn known(&self, url: &str, hash: &str) -> Known<'_> {
        if let Some(e) = self
            .entries
            .iter()
            .rev()
            .find(|e| e.hash == hash && e.url == url)
        {
            return Known::Same(e);
        }
        match self.entries.iter().rev().find(|e| e.url == url) {
            Some(e) => Known::Changed(e),
            None => Known::New,
        }
    }

    /// Adds an entry, in memory.
    pub fn add(&mut self, entry: Entry) {
        self.lines.push(format_entry(&entry));
        self.entries.push(entry);
    }

    /// Writes the record whole, atomically.
    pub fn write(&self) -> Result<(), Error> {
        let mut text = String::new();
        if !self.lines.first().is_some_and(|l| l.starts_with('#')) {
            text.push_str(HEADER);
        }
        for l in &self.lines {
            text.push_str(l);
            text.push('\n');
        }
        crate::atomic::write(
            &self.path,
            text.as_bytes(),
            crate::atomic::Durability::Synced,
        )
    }
}

/// The SHA-256 of a page's bytes, in hex.
pub fn hash(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn parse(line: &str) -> Option<Entry> {
    if line.starts_with('#') {
        return None;
    }
    let mut fields = line.split('\t');
    let day = NaiveDate::parse_from_str(fields.next()?.trim(), "%Y-%m-%d").ok()?;
    let hash = fields.next()?.trim().to_string();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let url = fields.next()?.trim().to_string();
    let files = fields
        .next()
        .unwrap_or("")
        .split(", ")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(String::from)
        .collect();
    Some(Entry {
        day,
        hash,
        url,
        files,
    })
}

fn format_entry(e: &Entry) -> String {
    // Tabs and line breaks cannot reach the record from an address or a path.
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    format!(
        "{}\t{}\t{}\t{}",
        e.day,
        e.hash,
        clean(&e.url),
        e.files
            .iter()
            .map(|f| clean(f))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn a_page_is_known_by_its_address_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let mut r = Record::read(&path).unwrap();
        let h = hash(b"<p>page</p>");
        assert_eq!(r.known("https://a.example/kz", &h), Known::New);
        r.add(Entry {
            day: day(),
            hash: h.clone(),
            url: "https://a.example/kz".into(),
            files: vec!["guides/drafts/kazakhstan.toml".into()],
        });
        r.write().unwrap();
        let r = Record::read(&path).unwrap();
        assert!(matches!(r.known("https://a.example/kz", &h), Known::Same(e) if e.day == day()));
        let other = hash(b"<p>page, edited</p>");
        assert!(matches!(
            r.known("https://a.example/kz", &other),
            Known::Changed(_)
        ));
        assert_eq!(r.known("https://b.example/kz", &other), Known::New);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# The pages"), "{text}");
    }

    #[test]
    fn a_line_edited_by_hand_is_kept_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, "# mine\nnot a record line\r\n").unwrap();
        let mut r = Record::read(&path).unwrap();
        assert!(r.entries.is_empty());
        r.add(Entry {
            day: day(),
            hash: hash(b"x"),
            url: "https://a.example/\tx".into(),
            files: vec![],
        });
        r.write().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\nnot a record line\n2026-12-07\t"),
            "{text}"
        );
        assert_eq!(Record::read(&path).unwrap().entries.len(), 1);
    }
}
