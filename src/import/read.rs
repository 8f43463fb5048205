//! From a saved file to a page: its bytes decoded, then read as HTML or text by the reader for
//! its kind, and whatever the page holds made safe to print.

mod decode;
pub mod printable;

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
    /// The encoding it was decoded from ("UTF-8", "windows-1252").
    pub encoding: &'static str,
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
    let source = &decoded.text;
    let html = is_html(path, source);
    let mut notes = vec![format!("read as {}", if html { "HTML" } else { "text" })];
    notes.extend(decoded.note);
    Ok(Read {
        page: printable::page(read_page(path, source)),
        html,
        encoding: decoded.encoding.name(),
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
        html::read(&csi_references_as_escapes(source))
    } else {
        text::read(source)
    }
}

/// The C1 control sequence introducer written as a character reference (`&#x9B;`, `&#155;`)
/// becomes ESC `[`, so that the sequence after it is taken out whole (the HTML standard would
/// read it as Windows-1252's "›" and leave "›31m" in the text).
fn csi_references_as_escapes(source: &str) -> std::borrow::Cow<'_, str> {
    let lower = source.to_ascii_lowercase();
    if !(lower.contains("&#x9b;") || lower.contains("&#155;")) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let reference = ["&#x9b;", "&#155;"]
            .into_iter()
            .find(|r| tail.len() >= r.len() && tail[..r.len()].eq_ignore_ascii_case(r));
        match reference {
            Some(r) => {
                out.push_str("\u{1b}[");
                rest = &tail[r.len()..];
            }
            None => {
                out.push_str("&#");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csi_written_as_a_reference_goes_with_its_sequence() {
        let read = read(
            Path::new("p.html"),
            "<p>Pray for the workers.&#x9B;31m Now&#155;0m. &#8250; stays</p>".as_bytes(),
        )
        .unwrap();
        assert_eq!(
            read.page.blocks[0].text,
            "Pray for the workers. Now. › stays"
        );
    }

    #[test]
    fn a_utf16_page_is_read_and_says_so() {
        let page = "<!DOCTYPE html><html><head><title>Kazajistán | Esperanza</title></head>\
                    <body><p>Oremos por Kazajistán.</p></body></html>";
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(page.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let read = read(Path::new("page"), &bytes).unwrap();
        assert!(read.html);
        assert_eq!(read.encoding, "UTF-16LE");
        assert_eq!(
            read.notes,
            [
                "read as HTML",
                "decoded as UTF-16LE (from its byte order mark)"
            ]
        );
        assert_eq!(read.page.title.as_deref(), Some("Kazajistán"));
    }

    #[test]
    fn a_windows_1252_text_page_keeps_its_accents() {
        let text = "Kazajistán: creyentes multados\n\n¿Por qué? Las iglesias que se reúnen en casas reciben multas, \
                    señala el año pasado la organización en España.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let read = read(Path::new("page.txt"), &bytes).unwrap();
        assert_eq!(read.encoding, "windows-1252");
        assert_eq!(
            read.page.title.as_deref(),
            Some("Kazajistán: creyentes multados")
        );
        assert!(read.page.blocks[0].text.contains("reúnen"));
    }

    #[test]
    fn escapes_in_a_page_never_reach_the_report() {
        let page = "<!-- saved from url=(0030)https://x.example/&#27;[2J -->\
            <title>Alg&#27;]0;pwned&#7;eria&#x202E; | Hope</title>\
            <p>Pray\u{0}&#x1b;[31m for \u{9b}1mthe churches.</p>";
        let read = read(Path::new("page.html"), page.as_bytes()).unwrap();
        let page = read.page;
        assert_eq!(page.title.as_deref(), Some("Algeria"));
        let texts: Vec<_> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Pray for the churches."]);
        let all = format!("{page:?}");
        assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all}");
    }

    #[test]
    fn a_page_too_large_is_refused_before_parsing() {
        let bytes = vec![b'a'; MAX_BYTES + 1];
        let (message, help) = read(Path::new("huge.html"), &bytes).unwrap_err();
        assert_eq!(message, "it is 20.0 MB, and pages over 20 MB are not read");
        assert!(help.contains("Save Page As"), "{help}");
    }
}
