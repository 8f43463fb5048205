//! From a saved page's bytes to its text: the encoding it names or that its bytes show, decoded by
//! `encoding_rs`, in the order the HTML standard gives (a byte order mark, then what the web
//! server said, then the page's `<meta charset>`), guessed by `chardetng` when nothing is said.
//! Bytes that are no text at all (an image, a PDF) are refused here, before any reader sees them.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::import::which::Problem;

/// A page's text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// How the encoding was chosen, for the report: `None` when the page is plain UTF-8, which
    /// needs no word.
    pub note: Option<String>,
    /// Whether some bytes were not of the encoding, and became U+FFFD.
    pub malformed: bool,
}

/// How many bytes at the start of an HTML page are searched for its `<meta charset>`. The
/// standard says 1024; a saved page's "saved from" comment and long `<head>`s push the meta
/// further, and the scan skips comments and other tags, so a little more is safe.
const PRESCAN: usize = 4096;

/// Decodes a page. `html` says whether to look for a `<meta charset>`; `charset_hint` is the
/// `charset` of an HTTP `Content-Type` header (or the whole header), for pages fetched over HTTP.
pub fn decode(bytes: &[u8], html: bool, charset_hint: Option<&str>) -> Result<Decoded, Problem> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(not_text(kind));
    }
    let decoded = choose(bytes, html, charset_hint);
    if looks_binary(&decoded.text, decoded.malformed) {
        return Err(not_text("binary data"));
    }
    Ok(decoded)
}

fn choose(bytes: &[u8], html: bool, charset_hint: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let note = (encoding != UTF_8)
            .then(|| format!("decoded as {} (from its byte order mark)", encoding.name()));
        return whole(encoding, &bytes[bom..], note);
    }
    let declared = charset_hint
        .and_then(label_of_header)
        .map(|e| (e, "the web server's Content-Type"))
        .or_else(|| {
            // A `<meta>` is ASCII, so a page that has one is not UTF-16 whatever it says (the
            // standard reads such a page as UTF-8).
            html.then(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]))
                .flatten()
                .map(|e| {
                    if e == UTF_16LE || e == UTF_16BE {
                        UTF_8
                    } else {
                        e
                    }
                })
                .map(|e| (e, "its <meta charset>"))
        });
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some((encoding, from)) = declared {
        return match (encoding == UTF_8, utf8) {
            (true, Some(_)) => whole(UTF_8, bytes, None),
            (true, None) => {
                let (encoding, _) = guessed(bytes);
                let note = format!(
                    "decoded as {}: {from} says UTF-8, but its bytes are not UTF-8 (guessed from its bytes)",
                    encoding.name()
                );
                whole(encoding, bytes, Some(note))
            }
            // A page re-saved as UTF-8 that kept its old declaration: read as the legacy
            // encoding, every accented letter would turn into two.
            (false, Some(text)) if encoding.is_ascii_compatible() && !text.is_ascii() => whole(
                UTF_8,
                bytes,
                Some(format!(
                    "decoded as UTF-8: {from} says {}, but its bytes are UTF-8",
                    encoding.name()
                )),
            ),
            (false, _) => {
                let note = format!("decoded as {} (from {from})", encoding.name());
                whole(encoding, bytes, Some(note))
            }
        };
    }
    // UTF-16 without a byte order mark comes before UTF-8: its ASCII half is valid UTF-8.
    if let Some(encoding) = utf16_by_zeros(bytes) {
        let note = format!(
            "decoded as {} (no byte order mark; by the zero bytes between its letters)",
            encoding.name()
        );
        return whole(encoding, bytes, Some(note));
    }
    if utf8.is_some() {
        return whole(UTF_8, bytes, None);
    }
    let (encoding, sure) = guessed(bytes);
    let note = format!(
        "decoded as {} (it names no encoding and is not UTF-8; guessed from its bytes{})",
        encoding.name(),
        if sure { "" } else { ", unsure" }
    );
    whole(encoding, bytes, Some(note))
}

fn whole(encoding: &'static Encoding, bytes: &[u8], note: Option<String>) -> Decoded {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        note,
        malformed,
    }
}

/// The encoding the bytes look like, and whether chardetng is confident.
fn guessed(bytes: &[u8]) -> (&'static Encoding, bool) {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess_assess(None, false)
}

/// The encoding of a label, as a `<meta>` or a header gives it. The "replacement" encoding
/// (labels of encodings the web dropped, such as ISO-2022-KR) would turn the page into one
/// replacement character: better to guess.
fn label(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label_no_replacement(label)?;
    // x-user-defined is windows-1252 for a document, as the standard says.
    Some(if encoding == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        encoding
    })
}

/// The charset of `text/html; charset=windows-1252`, or a bare label.
fn label_of_header(header: &str) -> Option<&'static Encoding> {
    match charset_in(header.as_bytes()) {
        Some(value) => label(value),
        None => label(header.trim().as_bytes()),
    }
}

/// The value after "charset=" in a `Content-Type`, as the standard's "extracting a character
/// encoding from a meta element" reads it.
fn charset_in(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let at = from + find(&lower[from..], b"charset")? + "charset".len();
        let rest = &content[at..];
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let Some(rest) = rest[skip..].strip_prefix(b"=") else {
            from = at;
            continue;
        };
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = &rest[skip..];
        return match rest.first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = rest[1..].iter().position(|&b| b == q)?;
                Some(&rest[1..1 + end])
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
            None => None,
        };
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The encoding a page's `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` names: the standard's prescan, a little simplified. Comments and
/// other tags are stepped over, so a "charset" inside them is not taken.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |end| end + 3);
        } else if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/')
        {
            let (attributes, end) = attributes(&rest[5..]);
            at += 5 + end;
            if let Some(found) = meta_encoding(&attributes) {
                return Some(found);
            }
        } else if rest.len() > 1 && rest[0] == b'<' && rest[1].is_ascii_alphabetic()
            || rest.len() > 2 && rest.starts_with(b"</") && rest[2].is_ascii_alphabetic()
        {
            let name = rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .unwrap_or(rest.len());
            let (_, end) = attributes(&rest[name..]);
            at += name + end;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += rest
                .iter()
                .position(|&b| b == b'>')
                .map_or(rest.len(), |p| p + 1);
        } else {
            at += 1;
        }
    }
    None
}

/// What one `<meta>`'s attributes say: `charset`, or `http-equiv="content-type"` with a
/// `content` that has a charset.
fn meta_encoding(attributes: &Attributes) -> Option<&'static Encoding> {
    let get = |name: &[u8]| {
        attributes
            .iter()
            .find(|(n, _)| n.as_slice() == name)
            .map(|(_, v)| v.as_slice())
    };
    if let Some(charset) = get(b"charset") {
        return label(charset);
    }
    let pragma = get(b"http-equiv").is_some_and(|v| v.eq_ignore_ascii_case(b"content-type"));
    if pragma {
        return get(b"content").and_then(charset_in).and_then(label);
    }
    None
}

/// A tag's attributes: each name, lower-cased, with its value.
type Attributes = Vec<(Vec<u8>, Vec<u8>)>;

/// A tag's attributes from just after its name, and where the tag ends.
fn attributes(tag: &[u8]) -> (Attributes, usize) {
    let mut found = Vec::new();
    let mut at = 0;
    loop {
        while at < tag.len() && (tag[at].is_ascii_whitespace() || tag[at] == b'/') {
            at += 1;
        }
        if at >= tag.len() {
            return (found, at);
        }
        if tag[at] == b'>' {
            return (found, at + 1);
        }
        let start = at;
        while at < tag.len()
            && !matches!(tag[at], b'=' | b'>' | b'/')
            && !tag[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = tag[start..at].to_ascii_lowercase();
        while at < tag.len() && tag[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = Vec::new();
        if at < tag.len() && tag[at] == b'=' {
            at += 1;
            while at < tag.len() && tag[at].is_ascii_whitespace() {
                at += 1;
            }
            match tag.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[at + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(tag.len(), |p| at + 1 + p);
                    value = tag[(at + 1).min(end)..end].to_vec();
                    at = (end + 1).min(tag.len());
                }
                _ => {
                    let start = at;
                    while at < tag.len() && tag[at] != b'>' && !tag[at].is_ascii_whitespace() {
                        at += 1;
                    }
                    value = tag[start..at].to_vec();
                }
            }
        }
        found.push((name, value));
    }
}

/// UTF-16 without a byte order mark: text that is mostly ASCII has a zero byte beside nearly
/// every letter, on the same side (after it in little-endian, before it in big-endian).
fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Three quarters of the pairs zero on one side and almost none on the other.
    if odd * 4 >= pairs * 3 && even * 20 <= pairs {
        Some(UTF_16LE)
    } else if even * 4 >= pairs * 3 && odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// What a file is by its first bytes, when it is a kind that is never text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"%PDF-", "a PDF document"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (
            b"PK\x03\x04",
            "a ZIP archive (or a Word or OpenDocument file)",
        ),
        (b"\x1f\x8b", "gzip-compressed data"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "an old Word or Office file",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x7fELF", "a program"),
    ];
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some("a WebP image");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Decoded text that is mostly control characters or undecodable bytes is no page. (A
/// U+FFFD the page itself holds is text like any other.)
fn looks_binary(text: &str, malformed: bool) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if malformed && c == '\u{fffd}'
            || c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')
        {
            odd += 1;
        }
    }
    total > 0 && odd * 10 > total
}

fn not_text(kind: &str) -> Problem {
    (
        format!("it is not a text or HTML page (it looks like {kind})"),
        "pass the page as the browser saves it: File → Save Page As…, as HTML (.html) or as text (.txt)"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], html: bool) -> (String, &'static str, Option<String>) {
        let d = decode(bytes, html, None).unwrap();
        (d.text, d.encoding.name(), d.note)
    }

    #[test]
    fn plain_utf8_needs_no_note() {
        let (text, encoding, note) = decoded("Kazajistán".as_bytes(), false);
        assert_eq!(
            (text.as_str(), encoding, note),
            ("Kazajistán", "UTF-8", None)
        );
    }

    #[test]
    fn a_byte_order_mark_wins_over_the_meta() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "<meta charset=\"windows-1252\"><p>Kazajistán".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, encoding, note) = decoded(&bytes, true);
        assert_eq!(text, "<meta charset=\"windows-1252\"><p>Kazajistán");
        assert_eq!(encoding, "UTF-16LE");
        assert_eq!(
            note.as_deref(),
            Some("decoded as UTF-16LE (from its byte order mark)")
        );
        let bom8 = [b"\xef\xbb\xbf".as_slice(), "é".as_bytes()].concat();
        assert_eq!(decoded(&bom8, true).0, "é");
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_known_by_its_zeros() {
        let text = "<html><p>Pray for Kazakhstan, Łódź</p></html>";
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decoded(&be, true).0, text);
        assert_eq!(decoded(&be, true).1, "UTF-16BE");
        assert_eq!(decoded(&le, true).0, text);
        assert_eq!(decoded(&le, true).1, "UTF-16LE");
    }

    #[test]
    fn the_meta_charset_names_the_encoding() {
        let page = b"<!-- saved from url=(0020)https://x.example/ -->\n<html><head>\
            <meta name=description content=\"charset=utf-8 in a comment\">\
            <META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>\
            </head><p>Kazajist\xe1n \x93pray\x94</p>";
        let (text, encoding, note) = decoded(page, true);
        assert!(text.contains("Kazajistán “pray”"), "{text}");
        assert_eq!(encoding, "windows-1252");
        assert_eq!(
            note.as_deref(),
            Some("decoded as windows-1252 (from its <meta charset>)")
        );
        let short = b"<meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2";
        assert_eq!(
            decoded(short, true).0,
            "<meta charset=windows-1251><p>Привет"
        );
    }

    #[test]
    fn a_charset_in_a_comment_or_a_text_page_is_not_taken() {
        let page = b"<!-- <meta charset=\"koi8-r\"> --><p>caf\xc3\xa9</p>";
        assert_eq!(
            decoded(page, true).0,
            "<!-- <meta charset=\"koi8-r\"> --><p>café</p>"
        );
        let text = b"<meta charset=koi8-r>\ncaf\xc3\xa9";
        assert_eq!(decoded(text, false).1, "UTF-8");
    }

    #[test]
    fn a_meta_that_says_utf8_of_other_bytes_is_overruled() {
        let page = "<meta charset=\"utf-8\"><p>Les chrétiens de l'Algérie prient ensemble, et leurs églises sont fermées.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let (text, encoding, note) = decoded(&bytes, true);
        assert_eq!(text, page);
        assert_eq!(encoding, "windows-1252");
        assert_eq!(
            note.as_deref(),
            Some(
                "decoded as windows-1252: its <meta charset> says UTF-8, but its bytes are not UTF-8 (guessed from its bytes)"
            )
        );
    }

    #[test]
    fn a_page_resaved_as_utf8_is_read_as_utf8() {
        let page = "<meta charset=\"windows-1252\"><p>Kazajistán</p>";
        let (text, encoding, note) = decoded(page.as_bytes(), true);
        assert_eq!((text.as_str(), encoding), (page, "UTF-8"));
        assert_eq!(
            note.as_deref(),
            Some("decoded as UTF-8: its <meta charset> says windows-1252, but its bytes are UTF-8")
        );
    }

    #[test]
    fn the_web_servers_charset_comes_before_the_meta() {
        let page = b"<meta charset=utf-8><p>Kazajist\xe1n";
        let d = decode(page, true, Some("text/html; charset=\"iso-8859-15\"")).unwrap();
        assert_eq!(d.text, "<meta charset=utf-8><p>Kazajistán");
        assert_eq!(
            d.note.as_deref(),
            Some("decoded as ISO-8859-15 (from the web server's Content-Type)")
        );
        assert_eq!(
            decode(b"caf\xe9", false, Some("latin1")).unwrap().text,
            "café"
        );
    }

    #[test]
    fn undeclared_legacy_bytes_are_guessed() {
        let page = "Les chrétiens d'Algérie prient ensemble ; leurs églises sont fermées depuis des années.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let (text, encoding, note) = decoded(&bytes, false);
        assert_eq!((text.as_str(), encoding), (page, "windows-1252"));
        assert!(
            note.unwrap()
                .starts_with("decoded as windows-1252 (it names no encoding")
        );
    }

    #[test]
    fn images_documents_and_control_bytes_are_not_pages() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let (message, help) = decode(png, false, None).unwrap_err();
        assert_eq!(
            message,
            "it is not a text or HTML page (it looks like a PNG image)"
        );
        assert!(help.contains("Save Page As"), "{help}");
        assert!(
            decode(b"%PDF-1.7\n%\xe2\xe3", true, None)
                .unwrap_err()
                .0
                .contains("a PDF document")
        );
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(
            decode(&noise, false, None)
                .unwrap_err()
                .0
                .contains("binary data")
        );
        assert_eq!(decoded(b"", false).0, "");
    }

    proptest::proptest! {
        /// Text without control characters comes back as it was, from UTF-8 and from UTF-16
        /// with its byte order mark.
        #[test]
        fn text_round_trips(text in "\\PC*") {
            let utf8 = decode(text.as_bytes(), true, None).unwrap();
            proptest::prop_assert_eq!(&utf8.text, &text);
            let mut le = vec![0xff, 0xfe];
            le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            proptest::prop_assert_eq!(&decode(&le, false, None).unwrap().text, &text);
            let mut be = vec![0xfe, 0xff];
            be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            proptest::prop_assert_eq!(&decode(&be, false, None).unwrap().text, &text);
        }
    }
}
