//! From a page's blocks to a guide's parts: the opening paragraphs as the summary, a testimony
//! as the story, and the list after "Please pray" as the points.

use super::page::{Block, Kind, snippet, squeeze, words};

/// A testimony under the name the page gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub pseudonym: String,
    pub quote: String,
    pub context: String,
}

/// The parts of a guide found on a page, and notes on what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    pub summary: Vec<String>,
    pub story: Option<Story>,
    pub points: Vec<String>,
    /// The heading the points came after.
    pub prayer_heading: String,
    /// "es" when the page is in Spanish, else "en".
    pub lang: String,
    /// How the language was found, for the report.
    pub lang_how: String,
    /// Thanksgiving items.
    pub praise: Vec<String>,
    /// Text found but not used, with the reason.
    pub unused: Vec<(String, &'static str)>,
}

/// Why a page gave no guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No heading such as "Please pray".
    PrayerSection,
    /// A heading, and nothing that reads as a list after it.
    Points(String),
}

/// The summary takes at most this many paragraphs (the guide format's limit).
const SUMMARY_PARAGRAPHS: usize = 3;

const PRAYER_MARKERS: &[(&str, &str)] = &[
    ("please pray", "en"),
    ("pray for", "en"),
    ("pray that", "en"),
    ("how to pray", "en"),
    ("how you can pray", "en"),
    ("ways to pray", "en"),
    ("prayer points", "en"),
    ("prayer requests", "en"),
    ("prayer needs", "en"),
    ("pray with us", "en"),
    ("let us pray", "en"),
    ("lets pray", "en"),
    ("let s pray", "en"),
    ("oremos por", "es"),
    ("oremos", "es"),
    ("motivos de oracion", "es"),
    ("peticiones de oracion", "es"),
    ("pedidos de oracion", "es"),
    ("como orar", "es"),
    ("ore por", "es"),
    ("oren por", "es"),
    ("por favor ore", "es"),
    ("por favor oren", "es"),
];

/// Words a prayer point starts with when it has no bullet.
const POINT_STARTS: &[&str] = &[
    "pray",
    "ask",
    "thank",
    "praise",
    "that",
    "for",
    "may",
    "lord",
    "father",
    "oremos",
    "ore",
    "oren",
    "pidamos",
    "demos",
    "que",
    "por",
    "para",
    "alabemos",
    "agradezcamos",
];

/// Finds the parts of a guide in a page's blocks. `lang` is the page's own claim, if any.
pub fn parts(blocks: &[Block], lang: Option<&str>) -> Result<Content, Missing> {
    let mut content = Content::default();
    let mut used = vec![false; blocks.len()];
    // The story first, wherever it stands, so that its paragraphs stay out of the summary.
    for (i, b) in blocks.iter().enumerate() {
        if let Some(name) = story_name(b) {
            let (story, taken) = story_at(blocks, i, name);
            for u in &mut used[i..i + taken] {
                *u = true;
            }
            match story {
                Some(s) if content.story.is_none() => content.story = Some(s),
                Some(_) => content.unused.push((
                    b.text.clone(),
                    "a second testimony: a guide holds one story",
                )),
                None => content.unused.push((
                    b.text.clone(),
                    "a testimony without a quoted line or a name: no story made",
                )),
            }
            break;
        }
    }
    // The points, after every prayer heading.
    let mut first_prayer = None;
    let mut page_lang = None;
    let mut i = 0;
    while i < blocks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let Some(heading) = prayer_heading(&blocks[i]) else {
            i += 1;
            continue;
        };
        first_prayer.get_or_insert(i);
        page_lang.get_or_insert(heading.lang);
        if content.prayer_heading.is_empty() {
            content.prayer_heading = squeeze(&blocks[i].text);
        }
        used[i] = true;
        let (points, taken) = points_after(blocks, i + 1, &heading, &mut used);
        content.points.extend(points);
        i += 1 + taken;
    }
    let Some(first_prayer) = first_prayer else {
        return Err(Missing::PrayerSection);
    };
    if content.points.is_empty() {
        return Err(Missing::Points(content.prayer_heading));
    }
    content.lang = lang
        .filter(|l| *l == "es" || *l == "en")
        .or(page_lang)
        .unwrap_or("en")
        .to_string();
    // The summary: the opening paragraphs before the prayer section.
    for (i, b) in blocks.iter().enumerate() {
        if used[i] || b.kind == Kind::Heading {
            continue;
        }
        let text = squeeze(&b.text);
        if i > first_prayer {
            content
                .unused
                .push((text, "after the prayer points: not part of the summary"));
        } else if text.split_whitespace().count() < 6 {
            content
                .unused
                .push((text, "too short for a paragraph of the summary"));
        } else if content.summary.len() < SUMMARY_PARAGRAPHS {
            content.summary.push(text);
        } else {
            content.unused.push((
                text,
                "the summary has its 3 paragraphs (the guide format's limit)",
            ));
        }
    }
    Ok(content)
}

/// A heading that opens a prayer list.
struct PrayerHeading {
    lang: &'static str,
    /// The heading ends "pray for:", so items such as "the pastors" read on from it.
    lead: Option<&'static str>,
}

fn prayer_heading(b: &Block) -> Option<PrayerHeading> {
    if b.text.contains('\n') || b.kind == Kind::Item || b.kind == Kind::Quote {
        return None;
    }
    let text = b.text.trim();
    let w = words(text);
    let phrase = w.join(" ");
    let (_, lang) = PRAYER_MARKERS.iter().find(|(m, _)| {
        phrase == *m
            || phrase.starts_with(&format!("{m} "))
            || phrase.contains(&format!(" {m}")) && w.len() <= 8
    })?;
    let short = w.len() <= 6 && !text.ends_with(['.', '!', '?']);
    if !(b.kind == Kind::Heading && w.len() <= 12 || text.ends_with(':') || short) {
        return None;
    }
    let lead = if phrase.ends_with("pray for") {
        Some("Pray for")
    } else if phrase.ends_with("oremos por") {
        Some("Oremos por")
    } else {
        None
    };
    Some(PrayerHeading { lang, lead })
}

/// Whether a character starts a bulleted line.
pub fn is_bullet(c: char) -> bool {
    "•◦‣⁃●○▪▫■□-*–—·✓✔➢►>".contains(c)
}

/// A line without its bullet or number, if it had one.
fn unbulleted(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let first = line.chars().next()?;
    if is_bullet(first) {
        let rest = &line[first.len_utf8()..];
        // "-5 degrees" or "**bold**" are not bullets; a bullet stands apart from its text.
        return (rest.starts_with(char::is_whitespace) || first != '-' && first != '*')
            .then(|| rest.trim_start());
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let (body, open) = match line.strip_prefix('(') {
        Some(rest) => (rest, true),
        None => (line, false),
    };
    let digits = if open {
        body.chars().take_while(char::is_ascii_digit).count()
    } else {
        digits
    };
    if (1..=3).contains(&digits) {
        let rest = &body[digits..];
        let closers: &[char] = if open { &[')'] } else { &['.', ')', ':'] };
        if let Some(rest) = rest.strip_prefix(closers)
            && rest.starts_with(char::is_whitespace)
        {
            return Some(rest.trim_start());
        }
    }
    None
}

fn starts_like_a_point(line: &str) -> bool {
    let w = words(line);
    // "Thank you for praying" closes a letter; "Thank God for..." is a point.
    let thanks_to_the_reader = w.len() > 1 && w[0] == "thank" && w[1] == "you";
    w.first()
        .is_some_and(|w| POINT_STARTS.contains(&w.as_str()))
        && !thanks_to_the_reader
}

/// The points after a prayer heading at `start`, and how many blocks they took.
fn points_after(
    blocks: &[Block],
    start: usize,
    heading: &PrayerHeading,
    used: &mut [bool],
) -> (Vec<String>, usize) {
    let mut points: Vec<String> = Vec::new();
    let mut bulleted = false;
    let mut taken = 0;
    'blocks: for (i, b) in blocks.iter().enumerate().skip(start) {
        if used[i] || prayer_heading(b).is_some() || story_name(b).is_some() {
            break;
        }
        match b.kind {
            Kind::Item => {
                points.push(squeeze(&b.text));
                bulleted = true;
            }
            Kind::Heading if !starts_like_a_point(&b.text) => break,
            Kind::Heading | Kind::Paragraph | Kind::Quote => {
                let lines: Vec<&str> = b.text.lines().filter(|l| !l.trim().is_empty()).collect();
                let any_bullet = lines.iter().any(|l| unbulleted(l).is_some());
                if bulleted && !any_bullet && !starts_like_a_point(&b.text) {
                    break;
                }
                if !any_bullet
                    && !points.is_empty()
                    && !lines
                        .iter()
                        .all(|l| starts_like_a_point(l) || heading.lead.is_some())
                {
                    break;
                }
                if !any_bullet
                    && points.is_empty()
                    && lines.len() == 1
                    && b.text.split_whitespace().count() > 60
                {
                    break;
                }
                for line in lines {
                    match unbulleted(line) {
                        Some(text) => {
                            bulleted = true;
                            points.push(squeeze(text));
                        }
                        // A wrapped bullet goes on over the next line.
                        None if bulleted && any_bullet => match points.last_mut() {
                            Some(last) if !last.ends_with(['.', '!', '?']) => {
                                last.push(' ');
                                last.push_str(&squeeze(line));
                            }
                            _ => break 'blocks,
                        },
                        None => points.push(squeeze(line)),
                    }
                }
            }
        }
        used[i] = true;
        taken = i + 1 - start;
    }
    let points = points
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| as_sentence(&p, heading.lead))
        .collect();
    (points, taken)
}

/// "the pastors" after "Please pray for:" becomes "Pray for the pastors."
fn as_sentence(point: &str, lead: Option<&str>) -> String {
    let mut text = point.trim().to_string();
    let lower = text.to_lowercase();
    if let Some(lead) = lead
        && text.chars().next().is_some_and(char::is_lowercase)
    {
        text = format!("{lead} {text}");
    } else if lead.is_none() && (lower.starts_with("for ") || lower.starts_with("that ")) {
        // "For the pastors" under "Please pray" reads as "Pray for the pastors".
        text = format!("Pray {lower_first}", lower_first = lower_first(&text));
    }
    if !text.ends_with(['.', '!', '?', '”', '"', ')']) {
        text.push('.');
    }
    text
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The name in a testimony heading: "Meet “John”", "John's story", "La historia de Juan";
/// `Some("")` for a heading such as "Testimony" that names nobody.
fn story_name(b: &Block) -> Option<String> {
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
    name.trim()
        .trim_matches(|c: char| "\"“”'‘’«»".contains(c) || c.is_whitespace())
        .to_string()
}

/// The story under the testimony heading at `at`, and how many blocks it took.
fn story_at(blocks: &[Block], at: usize, name: String) -> (Option<Story>, usize) {
    let mut quote = None;
    let mut context = None;
    let mut taken = 1;
    for b in blocks.iter().skip(at + 1) {
        if b.kind == Kind::Heading
            || prayer_heading(b).is_some()
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

/// One line for the report about a text not used.
pub fn describe_unused(text: &str, why: &str) -> String {
    format!("“{}”: {why}", snippet(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: Kind, text: &str) -> Block {
        Block {
            kind,
            text: text.into(),
            line: None,
        }
    }

    fn para(text: &str) -> Block {
        block(Kind::Paragraph, text)
    }

    fn head(text: &str) -> Block {
        block(Kind::Heading, text)
    }

    #[test]
    fn messy_bullets_become_one_point_each() {
        let blocks = [
            para("Believers in Algeria have seen many churches sealed by the authorities."),
            head("Please pray"),
            para(
                "• for the pastors\n- that the churches reopen\n* for new believers who\nface their families\n◦ for the courts\n1. for the youth\n2) for wisdom",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the pastors.",
                "Pray that the churches reopen.",
                "Pray for new believers who face their families.",
                "Pray for the courts.",
                "Pray for the youth.",
                "Pray for wisdom."
            ]
        );
        assert_eq!(c.summary.len(), 1);
    }

    #[test]
    fn items_after_pray_for_read_on_from_it() {
        let blocks = [
            para("Christians in Laos are often pushed out of their villages."),
            head("Pray for:"),
            block(Kind::Item, "the village elders"),
            block(Kind::Item, "Pray that families stay together"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(
            c.points,
            [
                "Pray for the village elders.",
                "Pray that families stay together."
            ]
        );
    }

    #[test]
    fn one_point_per_line_without_bullets() {
        let blocks = [
            para("Christians in Laos are often pushed out of their villages."),
            para("Prayer points:"),
            para("Pray for the elders.\nPray for the families.\nThank God for the new church."),
            para(
                "Thank you for standing with them, and for everything you do for the church there.",
            ),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.points.len(), 3, "{:?}", c.points);
        assert_eq!(c.unused.len(), 1);
    }

    #[test]
    fn a_testimony_before_the_summary_becomes_the_story() {
        let blocks = [
            head("Meet “Yusuf”"),
            para("“When my father found my Bible, he told me to leave.”"),
            para("Yusuf is a young believer from a Muslim family. He now lives with a pastor."),
            para("Algeria's Protestant churches have been closed one by one since 2018."),
            head("How to pray"),
            block(Kind::Item, "Pray for Yusuf and his father."),
        ];
        let c = parts(&blocks, None).unwrap();
        let story = c.story.unwrap();
        assert_eq!(story.pseudonym, "Yusuf");
        assert_eq!(
            story.quote,
            "When my father found my Bible, he told me to leave."
        );
        assert!(story.context.starts_with("Yusuf is a young believer"));
        assert_eq!(
            c.summary,
            ["Algeria's Protestant churches have been closed one by one since 2018."]
        );
    }

    #[test]
    fn no_prayer_heading_is_an_error() {
        let blocks = [para(
            "Just some news about the church in Algeria this year.",
        )];
        assert_eq!(parts(&blocks, None), Err(Missing::PrayerSection));
        let blocks = [
            para("News about the church in Algeria this year."),
            head("Please pray"),
        ];
        assert_eq!(
            parts(&blocks, None),
            Err(Missing::Points("Please pray".into()))
        );
    }

    #[test]
    fn spanish_headings_are_understood() {
        let blocks = [
            para("Los creyentes en Kazajistán enfrentan multas por reunirse sin registro."),
            head("Motivos de oración"),
            para("• Oremos por las iglesias multadas\n• Que los jóvenes crezcan en la fe"),
        ];
        let c = parts(&blocks, None).unwrap();
        assert_eq!(c.lang, "es");
        assert_eq!(c.points.len(), 2);
        let story = [
            head("Conoce a “Ana”"),
            para("“Dios me sostuvo en la cárcel y nunca me dejó.”"),
            para("Ana es una creyente de Almaty."),
        ];
        let (s, _) = story_at(&story, 0, story_name(&story[0]).unwrap());
        assert_eq!(s.unwrap().pseudonym, "Ana");
    }
}
