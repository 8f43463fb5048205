//! From a saved file to a page: HTML or text, read by the reader for its kind.

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
    /// How it was read, for the report ("read as HTML").
    pub notes: Vec<String>,
}

/// Reads a page's bytes, with what a server said of their encoding.
pub fn read_with(path: &Path, bytes: &[u8], _charset: Option<&str>) -> Result<Read, Problem> {
    read(path, bytes)
}

/// Reads a saved page's bytes: its text, then the page in it.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Read, Problem> {
    let source = String::from_utf8_lossy(bytes).into_owned();
    let html = is_html(path, &source);
    Ok(Read {
        page: read_page(path, &source),
        html,
        notes: vec![format!("read as {}", if html { "HTML" } else { "text" })],
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
            let head = source
                .trim_start()
                .get(..200.min(source.trim_start().len()))
                .unwrap_or("")
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
