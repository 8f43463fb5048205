//! A page as both readers leave it: a title, an address, and the content as a sequence of
//! blocks, with every piece of site furniture that was dropped on the way, and why.

use unicode_normalization::UnicodeNormalization;

/// What a block of the page's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    /// Running text; its lines (a `<br>`, or a line of a text file) are kept apart by `\n`.
    Paragraph,
    /// One item of an HTML list.
    Item,
    Quote,
}

/// One block of the page's main content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub text: String,
    /// The line it starts on, for text files.
    pub line: Option<usize>,
}

/// Something the readers left out, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub text: String,
    pub why: &'static str,
    pub line: Option<usize>,
}

/// A page, read.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: Option<String>,
    /// The address the page names for itself (canonical link, `og:url`, "saved from url=").
    pub url: Option<String>,
    /// The page's language, when it says (`<html lang="es">`).
    pub lang: Option<String>,
    pub blocks: Vec<Block>,
    pub ignored: Vec<Ignored>,
}

/// Why a line of a page is site furniture rather than content, or `None` when it is content.
pub fn boilerplate(line: &str) -> Option<&'static str> {
    let words = words(line);
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    let phrase = joined.as_str();
    let n = words.len();
    const NAVIGATION: &[&str] = &[
        "top of page",
        "bottom of page",
        "skip to content",
        "skip to main content",
        "main menu",
        "menu",
        "home",
        "about",
        "about us",
        "contact",
        "contact us",
        "blog",
        "log in",
        "login",
        "sign in",
        "search",
        "more",
        "all posts",
        "back to top",
        "previous post",
        "next post",
        "older posts",
        "newer posts",
        "get involved",
        "what we do",
        "who we are",
        "writer s picture",
        "author s picture",
        "follow us",
        "inicio",
        "acerca de",
        "quienes somos",
        "contacto",
        "iniciar sesion",
        "buscar",
        "todas las entradas",
    ];
    if NAVIGATION.contains(&phrase) {
        return Some("navigation");
    }
    if phrase.contains("cookie") && n <= 60
        || matches!(
            phrase,
            "accept"
                | "accept all"
                | "decline"
                | "reject all"
                | "got it"
                | "privacy policy"
                | "manage preferences"
        )
    {
        return Some("cookie banner");
    }
    const SHARE: &[&str] = &[
        "share",
        "shares",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "email",
        "print",
        "tweet",
        "pin",
        "it",
        "copy",
        "link",
        "this",
        "post",
        "on",
        "telegram",
        "instagram",
        "youtube",
        "pinterest",
        "via",
        "compartir",
    ];
    if n <= 8
        && words.iter().all(|w| SHARE.contains(&w.as_str()))
        && (words
            .iter()
            .any(|w| w != "this" && w != "post" && w != "on" && w != "it" && w != "via"))
    {
        return Some("share buttons");
    }
    const COUNTER: &[&str] = &[
        "view",
        "views",
        "comment",
        "comments",
        "like",
        "likes",
        "liked",
        "share",
        "shares",
        "prayed",
        "prayers",
        "prayer",
        "people",
        "person",
        "have",
        "has",
        "times",
        "time",
        "read",
        "reads",
        "min",
        "minute",
        "minutes",
        "post",
        "not",
        "marked",
        "as",
        "are",
        "praying",
        "for",
        "this",
        "is",
        "others",
        "and",
        "k",
        "vista",
        "vistas",
        "comentario",
        "comentarios",
        "me",
        "gusta",
        "de",
        "lectura",
        "personas",
        "oraron",
        "han",
        "orado",
        "veces",
    ];
    if n <= 12
        && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || COUNTER.contains(&w.as_str()))
    {
        return Some(if phrase.contains("read") || phrase.contains("lectura") {
            "reading time"
        } else {
            "a counter"
        });
    }
    if matches!(
        phrase,
        "post not marked as liked"
            | "write a comment"
            | "comments"
            | "leave a comment"
            | "log in to comment"
            | "like"
            | "liked"
    ) {
        return Some("comments and likes");
    }
    if n <= 10
        && (phrase.contains("i will pray")
            || phrase.contains("i ll pray")
            || phrase.starts_with("yes") && phrase.contains("pray")
            || phrase.contains("click here")
            || phrase.contains("sign up")
            || phrase.contains("subscribe")
            || phrase.starts_with("donate")
            || phrase.starts_with("donar")
            || phrase.starts_with("give now")
            || phrase.contains("read more")
            || phrase.contains("continue reading")
            || phrase.contains("learn more")
            || phrase.contains("download")
            || phrase.contains("me comprometo a orar")
            || phrase.starts_with("si oro")
            || phrase.contains("yo orare"))
    {
        return Some("a call to action");
    }
    if is_date(&words)
        || phrase.starts_with("updated ") && n <= 6
        || phrase.starts_with("posted ") && n <= 8
        || is_byline(line)
    {
        return Some("date or byline");
    }
    None
}

/// Whether a line names a post's writer: "By Staff Writer | 3 March 2026", "Posted by Anna",
/// "Written by the team on 3 March", "Por Redacción". Never a page's title.
pub fn is_byline(line: &str) -> bool {
    let words = words(line);
    let n = words.len();
    let starts =
        |phrase: &[&str]| n > phrase.len() && words.iter().zip(phrase).all(|(w, p)| w == p);
    let separated = line.contains(['|', '·', '•', '—', '–']);
    let dated = words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && is_date(&words[n.saturating_sub(3)..]);
    if (starts(&["by"]) || starts(&["por"]))
        && n <= 12
        && (n <= 4 || separated || dated)
        && !line.trim_end().ends_with(['.', '!', '?'])
    {
        return true;
    }
    n <= 16
        && [
            &["posted", "by"][..],
            &["written", "by"],
            &["published", "by"],
            &["posted", "on"],
            &["published", "on"],
            &["author"],
            &["publicado", "por"],
            &["escrito", "por"],
        ]
        .iter()
        .any(|p| starts(p))
}

/// Lines after which the rest of a page is other posts, comments or the footer.
pub fn ends_content(line: &str) -> bool {
    let phrase = words(line).join(" ");
    matches!(
        phrase.as_str(),
        "recent posts"
            | "see all"
            | "related posts"
            | "related articles"
            | "you may also like"
            | "you might also like"
            | "more posts"
            | "more stories"
            | "read next"
            | "bottom of page"
            | "comments"
            | "write a comment"
            | "leave a comment"
            | "entradas recientes"
            | "ver todo"
            | "ver todas"
    )
}

fn is_date(words: &[String]) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "de",
    ];
    words.len() <= 5
        && words
            .iter()
            .any(|w| MONTHS.contains(&w.as_str()) && w != "de")
        && words
            .iter()
            .all(|w| MONTHS.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()))
}

/// The words of a line, folded: lower case, accents dropped, split at anything but a letter or
/// digit, and digits split from letters ("1 view0 comments" is five words).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut digits = false;
    for c in text.nfd().filter(|c| !is_combining(*c)) {
        if c.is_alphanumeric() {
            let d = c.is_ascii_digit();
            if !word.is_empty() && d != digits {
                out.push(std::mem::take(&mut word));
            }
            digits = d;
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Combining marks, dropped after decomposition so that "Kazajistán" matches "Kazajistan".
pub fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Text with its runs of white space made single spaces, trimmed.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short form of a text for the report.
pub fn snippet(text: &str) -> String {
    let text = squeeze(text);
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_calls_to_action_are_boilerplate() {
        assert_eq!(boilerplate("1 view0 comments"), Some("a counter"));
        assert_eq!(boilerplate("12 people prayed"), Some("a counter"));
        assert_eq!(boilerplate("2 min read"), Some("reading time"));
        assert_eq!(boilerplate("1 vista0 comentarios"), Some("a counter"));
        assert_eq!(boilerplate("3 min de lectura"), Some("reading time"));
        assert_eq!(boilerplate("Prayed 34 times"), Some("a counter"));
        assert_eq!(boilerplate("YES - I WILL PRAY"), Some("a call to action"));
        assert_eq!(
            boilerplate("Facebook  Twitter  LinkedIn"),
            Some("share buttons")
        );
        assert_eq!(boilerplate("top of page"), Some("navigation"));
        assert_eq!(boilerplate("Nov 20, 2025"), Some("date or byline"));
        assert_eq!(
            boilerplate("We use cookies to give you the best experience."),
            Some("cookie banner")
        );
    }

    #[test]
    fn bylines_are_known() {
        for line in [
            "By Staff Writer | 3 March 2026",
            "By Anna Smith",
            "by Hope Ministries, 3 March 2026",
            "Posted by Anna Smith on March 3, 2026 in Asia",
            "Written by the prayer team",
            "Por Redacción · 3 de marzo de 2026",
        ] {
            assert!(is_byline(line), "{line}");
            assert_eq!(boilerplate(line), Some("date or byline"), "{line}");
        }
        for line in [
            "By 2025 the church in Algeria had lost its buildings.",
            "By God's grace the believers still meet",
            "Bypassing the registration law",
            "Kazakhstan - Christians Persecuted",
        ] {
            assert!(!is_byline(line), "{line}");
        }
    }

    #[test]
    fn content_is_not_boilerplate() {
        for line in [
            "Pray for the 12 believers arrested in March.",
            "Please pray",
            "Kazakhstan - Christians Persecuted",
            "Meet “Aigerim”",
            "This post is about Algeria.",
        ] {
            assert_eq!(boilerplate(line), None, "{line}");
        }
    }

    #[test]
    fn words_fold_accents_and_split_digits() {
        assert_eq!(
            words("Kazajistán, 1 view0"),
            ["kazajistan", "1", "view", "0"]
        );
        assert_eq!(words("Côte d’Ivoire"), ["cote", "d", "ivoire"]);
    }

    #[test]
    fn recent_posts_end_the_content() {
        assert!(ends_content("Recent Posts"));
        assert!(ends_content("See All"));
        assert!(!ends_content("Recent news from Algeria"));
    }
}
