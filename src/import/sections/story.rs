//! A testimony on a page: the name its heading gives ("Meet “Yusuf”"), a quoted line, and a
//! sentence or two about the person.

use super::lists;
use crate::import::page::{Block, Kind, squeeze};

/// A testimony under the name the page gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub pseudonym: String,
    pub quote: String,
    pub context: String,
}

/// The name in a testimony heading: "Meet “John”", "John's story", "La historia de Juan";
/// `Some("")` for a heading such as "Testimony" that names nobody.
pub(super) fn story_name(b: &Block) -> Option<String> {
    if b.text.contains('\n') || !matches!(b.kind, Kind::Heading | Kind::Paragraph) {
        return None;
    }
    let text = squeeze(&b.text);
    let text = text.trim_end_matches([':', '.']);
    if text.split_whitespace().count() > 8 || text.ends_with(['!', '?']) {
        return None;
    }
    let lower = text.to_lowercase();
    for prefix in [
        "meet ",
        "conoce a ",
        "conozca a ",
        "conozcan a ",
        "la historia de ",
        "historia de ",
        "the story of ",
        "story of ",
    ] {
        if lower.starts_with(prefix) {
            return Some(clean_name(&text[prefix.len()..]));
        }
    }
    for suffix in ["'s story", "’s story", "'s testimony", "’s testimony"] {
        if lower.ends_with(suffix) {
            return Some(clean_name(&text[..text.len() - suffix.len()]));
        }
    }
    matches!(
        lower.as_str(),
        "testimony"
            | "a testimony"
            | "her story"
            | "his story"
            | "their story"
            | "testimonio"
            | "un testimonio"
            | "su historia"
    )
    .then(String::new)
}

fn clean_name(name: &str) -> String {
    // “Daniel”* (the asterisk of a "name changed" note), "Pastor Samuel" (a title is not a name).
    let bare = name
        .trim()
        .trim_matches(|c: char| "\"“”'‘’«»„*†".contains(c) || c.is_whitespace());
    let lower = bare.to_lowercase();
    for title in TITLES {
        if let Some(rest) = lower.strip_prefix(title)
            && rest.starts_with(' ')
            && rest.trim().chars().next().is_some()
        {
            return clean_name(&bare[title.len()..]);
        }
    }
    bare.to_string()
}

/// Titles before a name, in the languages `import` reads (lower case).
const TITLES: &[&str] = &[
    "pastor",
    "pastora",
    "pasteur",
    "brother",
    "sister",
    "father",
    "mother",
    "mama",
    "papa",
    "mr",
    "mrs",
    "ms",
    "mr.",
    "mrs.",
    "ms.",
    "dr",
    "dr.",
    "evangelist",
    "deacon",
    "elder",
    "bishop",
    "hermano",
    "hermana",
    "padre",
    "frère",
    "frere",
    "sœur",
    "soeur",
    "bruder",
    "schwester",
    "irmão",
    "irmao",
    "irmã",
    "irma",
    "pastorin",
    "père",
    "pere",
];

/// The story under the testimony heading at `at`, and how many blocks it took.
pub(super) fn story_at(blocks: &[Block], at: usize, name: String) -> (Option<Story>, usize) {
    let mut quote = None;
    let mut context = None;
    let mut taken = 1;
    for b in blocks.iter().skip(at + 1) {
        if b.kind == Kind::Heading
            || lists::opens_a_list(b, super::Lexicon::builtin())
            || quote.is_some() && context.is_some()
        {
            break;
        }
        let text = squeeze(&b.text);
        if quote.is_none() && (b.kind == Kind::Quote || starts_quoted(&text)) {
            quote = Some(unquoted(&text));
        } else if context.is_none() {
            if quote.is_none()
                && let Some(q) = quoted_span(&text)
            {
                quote = Some(q);
            }
            context = Some(first_sentences(&text, 2));
        } else {
            break;
        }
        taken += 1;
    }
    let pseudonym = if name.is_empty() {
        context.as_deref().and_then(quoted_name).unwrap_or_default()
    } else {
        name
    };
    let story = match (quote, context) {
        (Some(quote), Some(context)) if !pseudonym.is_empty() => Some(Story {
            pseudonym,
            quote,
            context,
        }),
        _ => None,
    };
    (story, taken)
}

fn starts_quoted(text: &str) -> bool {
    text.starts_with(['“', '"', '«', '„'])
}

/// A quotation without its outer quotation marks.
fn unquoted(text: &str) -> String {
    let t = text.trim();
    let inner = t.trim_start_matches(['“', '"', '«', '„']);
    match inner.rfind(['”', '"', '»', '“']) {
        // Whatever follows the closing mark ("she says.") is attribution, not the quote.
        Some(end) if end > 0 => inner[..end].trim().to_string(),
        _ => inner.trim().to_string(),
    }
}

/// The first quotation of five words or more inside a paragraph.
fn quoted_span(text: &str) -> Option<String> {
    let start = text.find('“')?;
    let rest = &text[start + '“'.len_utf8()..];
    let end = rest.find('”')?;
    let q = rest[..end].trim();
    (q.split_whitespace().count() >= 5).then(|| q.to_string())
}

/// A name in quotation marks, as pages mark a pseudonym: “Mariam”.
fn quoted_name(text: &str) -> Option<String> {
    let start = text.find('“')?;
    let rest = &text[start + '“'.len_utf8()..];
    let end = rest.find('”')?;
    let name = rest[..end].trim();
    (!name.is_empty()
        && name.split_whitespace().count() <= 2
        && name.chars().next()?.is_uppercase())
    .then(|| name.to_string())
}

fn first_sentences(text: &str, n: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for piece in text.split_inclusive(['.', '!', '?']) {
        out.push_str(piece);
        // "Mr." and initials do not end a sentence; a following capital does.
        if piece.trim_end().len() > 3 {
            count += 1;
        }
        if count == n {
            break;
        }
    }
    squeeze(&out)
}
