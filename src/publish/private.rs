//! Keeping private output apart from public output. Every file of a `--private` build carries a
//! marker that templates cannot drop (it is added after rendering), and a public build removes
//! any marked file it finds in its folder, so a private calendar or page never stays where the
//! public guides are served.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::publish::output::Document;

/// The line added to private `.html`, `.xml` and `.txt` files, and the calendar's property.
pub const HTML_MARK: &str =
    "<!-- prayer-guide-private: includes restricted points; never publish this file -->\n";
const TEXT_MARK: &str = "\n(prayer-guide-private: includes restricted points; do not publish)\n";
const ICS_MARK: &str = "X-PRAYER-GUIDE-PRIVATE:includes restricted points\\; never publish\r\n";
const JSON_MARK: &str = "\"audience\": \"private\"";
/// A comment after a private PDF's end: readers ignore it, and it needs no PDF parser to find.
pub const PDF_MARK: &[u8] =
    b"%prayer-guide-private: includes restricted points; never publish this file\n";

/// The extensions of the files a build writes.
const EXTENSIONS: [&str; 5] = ["html", "txt", "json", "ics", "xml"];

/// Marks one document of a private build.
pub fn mark(doc: &mut Document) {
    match extension(&doc.path) {
        "html" | "xml" => {
            if !doc.text.ends_with('\n') {
                doc.text.push('\n');
            }
            doc.text.push_str(HTML_MARK);
        }
        "txt" => doc.text.push_str(TEXT_MARK),
        "ics" => {
            // Right after the calendar's first line: a property of the calendar itself.
            if let Some(end) = doc.text.find("\r\n") {
                doc.text.insert_str(end + 2, ICS_MARK);
            }
        }
        // The JSON says `"audience": "private"` already, and nothing else may be added to it.
        _ => {}
    }
}

/// Whether `text`, the content of the file at `path`, comes from a private build.
pub fn is_marked(path: &Path, text: &str) -> bool {
    match extension(path) {
        "json" => text.contains(JSON_MARK),
        "ics" => text.contains("\r\nX-PRAYER-GUIDE-PRIVATE:"),
        "txt" => text.ends_with(TEXT_MARK),
        _ => text.contains(HTML_MARK.trim_end()),
    }
}

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// Removes every private file under `out` (a public build's folder) and returns them, sorted.
/// Files of other kinds are never opened.
pub fn sweep(out: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut removed = Vec::new();
    if out.is_dir() {
        sweep_into(out, &mut removed)?;
    }
    removed.sort();
    Ok(removed)
}

fn sweep_into(dir: &Path, removed: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read the folder", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("read the folder", dir, e))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| Error::io("read the folder", dir, e))?;
        if crate::publish::manifest::is_bookkeeping(Path::new(&entry.file_name())) {
            // The manifest and its lock are no output, private or public.
            continue;
        } else if kind.is_dir() {
            sweep_into(&path, removed)?;
        } else if kind.is_file() && extension(&path) == "pdf" {
            let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            if bytes.ends_with(PDF_MARK) {
                std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
                removed.push(path);
            }
        } else if kind.is_file() && EXTENSIONS.contains(&extension(&path)) {
            // A file that is not text is no output of ours: leave it.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if is_marked(&path, &text) {
                std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
                removed.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        Document {
            path: path.into(),
            text: text.into(),
            bytes: None,
        }
    }

    #[test]
    fn every_kind_of_file_is_marked_and_recognised() {
        for (path, text) in [
            ("days/2026-11-25.html", "<!doctype html>\n<p>Private</p>\n"),
            ("weeks/2026-11-23.bulletin.html", "<html></html>"),
            ("days/2026-11-25.txt", "Pray\n"),
            ("feed.xml", "<?xml version=\"1.0\"?>\n<feed></feed>"),
            (
                "calendar.ics",
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            ),
        ] {
            let mut d = doc(path, text);
            assert!(!is_marked(&d.path, &d.text), "{path}");
            mark(&mut d);
            assert!(is_marked(&d.path, &d.text), "{path}: {}", d.text);
        }
        let json = "{\n  \"schema\": 1,\n  \"audience\": \"private\"\n}\n";
        assert!(is_marked(Path::new("today.json"), json));
        assert!(!is_marked(
            Path::new("today.json"),
            &json.replace("private", "public")
        ));
    }

    #[test]
    fn the_calendar_mark_is_a_property_of_the_calendar() {
        let mut d = doc(
            "calendar.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        );
        mark(&mut d);
        assert_eq!(
            d.text,
            "BEGIN:VCALENDAR\r\nX-PRAYER-GUIDE-PRIVATE:includes restricted points\\; never \
             publish\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
        );
    }

    #[test]
    fn sweep_removes_only_marked_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut private = doc("days/a.html", "<p>secret</p>\n");
        mark(&mut private);
        std::fs::create_dir(dir.path().join("days")).unwrap();
        std::fs::write(dir.path().join("days/a.html"), &private.text).unwrap();
        std::fs::write(dir.path().join("days/b.html"), "<p>public</p>\n").unwrap();
        std::fs::write(dir.path().join("notes.md"), HTML_MARK).unwrap();
        let removed = sweep(dir.path()).unwrap();
        assert_eq!(removed, [dir.path().join("days/a.html")]);
        assert!(dir.path().join("days/b.html").exists());
        assert!(dir.path().join("notes.md").exists());
        assert_eq!(
            sweep(&dir.path().join("none")).unwrap(),
            Vec::<PathBuf>::new()
        );
    }
}
