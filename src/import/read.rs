//! From a saved file to a page: its bytes decoded, then read as HTML or text by the reader for
//! its kind, and whatever the page holds made safe to print.

mod decode;
mod printable;

use std::path::Path;

use super::page::Page;
use super::which::Problem;
use super::{html, text};

/// A file, read.
#[derive(Debug, Clone)]
pub struct Read {
    pub page: Page,
    /// Whether it was read as HTML (else as text).
    pub html: bool,
    /// How it was read, for the report ("read as HTML", "decoded as windows-1252 (…)").
    pub notes: Vec<String>,
}

/// The largest page read. Saved articles are well under a megabyte with their markup; a page
/// far beyond that is something else, and parsing it would only take long.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Reads a saved page's bytes: its text, then the page in it.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Read, Problem> {
    read_with(path, bytes, None)
}

/// Reads a page's bytes, with the charset a web server sent for it (`Content-Type: text/html;
/// charset=…`, whole or only the label) when it was fetched over HTTP. `path` is its file name
/// or address; its extension says HTML or text when the content does not.
pub fn read_with(path: &Path, bytes: &[u8], charset_hint: Option<&str>) -> Result<Read, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err((
            format!(
                "it is {:.1} MB, and pages over {} MB are not read",
                bytes.len() as f64 / (1024.0 * 1024.0),
                MAX_BYTES / (1024 * 1024)
            ),
            "save only the article's page (File → Save Page As…, \"Web Page, HTML only\"), or \
             copy its text into a .txt file"
                .into(),
        ));
    }
    // Whether to look for a `<meta charset>`: by the extension, or by the start of the bytes,
    // which name their encoding in ASCII when they have one to name.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let decoded = decode::decode(bytes, is_html(path, &head), charset_hint)?;
    let source = decoded.text;
    let html = is_html(path, &source);
    let mut notes = vec![format!("read as {}", if html { "HTML" } else { "text" })];
    notes.extend(decoded.note);
    Ok(Read {
        page: printable::page(read_page(path, &source)),
        html,
        notes,
    })
}

pub fn is_html(path: &Path, source: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => true,
        Some("txt" | "text" | "md") => false,
        _ => {
            let start = source.trim_start_matches('\u{feff}').trim_start();
            let head = start
                .chars()
                .take(200)
                .collect::<String>()
                .to_ascii_lowercase();
            head.starts_with("<!doctype")
                || head.starts_with("<html")
                || head.starts_with("<!--") && head.contains("<html")
        }
    }
}

pub fn read_page(path: &Path, source: &str) -> Page {
    if is_html(path, source) {
        html::read(source)
    } else {
        text::read(source)
    }
}
