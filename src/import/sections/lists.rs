//! Finding the lists on a page the way an editor sees them, line by line rather than block by
//! block: after a heading wherever it stands (a block of its own, a line inside a paragraph, the
//! last words of a paragraph), and without a heading when each line opens with a prayer verb.

use std::sync::LazyLock;

use super::lexicon::{Lexicon, Phrase, Words};
use crate::import::page::{Block, Kind, squeeze, words};

/// One line of a page's content.
#[derive(Debug, Clone)]
pub struct Line<'b> {
    /// The block it is part of.
    pub block: usize,
    pub kind: Kind,
    pub text: &'b str,
    /// The first line of its block.
    pub opens_block: bool,
}

/// The lines of the blocks not `skipped`: a paragraph's lines apart, an item or a heading whole.
pub fn lines_of<'b>(blocks: &'b [Block], skipped: &[bool]) -> Vec<Line<'b>> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if skipped[i] {
            continue;
        }
        let whole = matches!(b.kind, Kind::Item | Kind::Heading);
        let mut first = true;
        let pieces: Vec<&str> = if whole {
            vec![b.text.as_str()]
        } else {
            b.text.lines().collect()
        };
        for text in pieces {
            let text = text.trim_end_matches('\r');
            if text.trim().is_empty() {
                continue;
            }
            out.push(Line {
                block: i,
                kind: b.kind,
                text,
                opens_block: first,
            });
            first = false;
        }
    }
    out
}

/// What a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Prayer,
    Praise,
}

/// A heading that opens a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub sort: Sort,
    /// The language of the phrase that matched.
    pub lang: String,
    /// As the page wrote it.
    pub text: String,
    /// "Pray for" when the heading ends so, for items such as "the pastors" to read on from it.
    pub lead: Option<String>,
}

/// A list found, and the line it starts on (its heading's, or its first item's).
#[derive(Debug, Clone)]
pub struct List {
    pub heading: Option<Heading>,
    pub start: usize,
    pub points: Vec<(Sort, String)>,
}

/// Every list of a page's lines, and which lines they took.
#[derive(Debug, Default)]
pub struct Found {
    pub lists: Vec<List>,
    /// Headings found, with or without a list after them.
    pub headings: Vec<Heading>,
    pub used: Vec<bool>,
    /// For a line whose last words were a heading: the words before it, still the page's text.
    pub kept: Vec<Option<String>>,
}

/// Words that open a point when they follow a verb in a heading ("pray | for the pastors").
const LINKS: &[&str] = &[
    "for", "that", "por", "para", "que", "pour", "afin", "fur", "dass", "pelo", "pela", "pelos",
    "pelas",
];

/// Words that open a noun phrase, lower-cased after "Pray for": "The elders" → "the elders".
const ARTICLES: &[&str] = &[
    "the", "a", "an", "our", "their", "all", "those", "these", "les", "le", "la", "l", "des",
    "nos", "los", "las", "el", "nuestros", "nuestras", "die", "der", "das", "den", "unsere", "os",
    "as", "o", "nossos", "nossas",
];

/// Other words a prayer point opens with, besides the verbs: "May they…", "Lord, …".
const POINT_OPENERS: &[&str] = &[
    "may", "lord", "father", "seigneur", "pere", "senor", "padre", "herr", "vater", "senhor", "pai",
];

/// Finds the lists in `lines`.
pub fn find(lines: &[Line], lexicon: &Lexicon) -> Found {
    let mut bulleted_blocks: Vec<usize> = lines
        .iter()
        .filter(|l| unbulleted(l.text).is_some())
        .map(|l| l.block)
        .collect();
    bulleted_blocks.dedup();
    let look = Look {
        lexicon,
        bulleted_blocks,
    };
    let mut found = Found {
        used: vec![false; lines.len()],
        kept: vec![None; lines.len()],
        ..Found::default()
    };
    let mut i = 0;
    while i < lines.len() {
        if found.used[i] {
            i += 1;
            continue;
        }
        let heading = match look.heading_at(lines, i) {
            Some(h) => Some(h),
            None => look.heading_ending(lines, i).map(|(before, h)| {
                found.kept[i] = Some(before);
                h
            }),
        };
        let Some(heading) = heading else {
            i += 1;
            continue;
        };
        found.used[i] = true;
        let (raw, taken) = look.points_after(lines, i + 1, &heading, &mut found.used);
        let points: Vec<(Sort, String)> = raw
            .iter()
            .filter_map(|p| look.point(p, Some(&heading)))
            .collect();
        if !points.is_empty() {
            found.lists.push(List {
                heading: Some(heading.clone()),
                start: i,
                points,
            });
        }
        found.headings.push(heading);
        i += 1 + taken;
    }
    look.lists_without_heading(lines, &mut found);
    found.lists.sort_by_key(|l| l.start);
    found
}

/// Whether a block is a prayer or praise heading standing alone.
pub fn opens_a_list(b: &Block, lexicon: &Lexicon) -> bool {
    if b.text.contains('\n') {
        return false;
    }
    let line = Line {
        block: 0,
        kind: b.kind,
        text: &b.text,
        opens_block: true,
    };
    let look = Look {
        lexicon,
        bulleted_blocks: Vec::new(),
    };
    look.heading_at(&[line], 0).is_some()
}

/// The lexicon, and the questions asked of it.
struct Look<'l> {
    lexicon: &'l Lexicon,
    /// The blocks with a bulleted line, in order.
    bulleted_blocks: Vec<usize>,
}

impl Look<'_> {
    /// A heading standing as a line of its own at `i`.
    fn heading_at(&self, lines: &[Line], i: usize) -> Option<Heading> {
        let line = &lines[i];
        if matches!(line.kind, Kind::Item | Kind::Quote) || unbulleted(line.text).is_some() {
            return None;
        }
        let text = line.text.trim();
        let w = words(text);
        let (sort, lang) = self
            .heading_phrase(&w)
            .or_else(|| self.bare_verb(&w).map(|(s, l, _)| (s, l)))?;
        let colon = text.ends_with(':');
        // "Praise God for healing" is a point, unless a list follows it as its heading.
        let reads_as_a_point = self.opening_verb(text).is_some() && self.bare_verb(&w).is_none();
        let list_follows = lines
            .get(i + 1)
            .is_some_and(|n| n.kind == Kind::Item || unbulleted(n.text).is_some());
        let short =
            w.len() <= 6 && !text.ends_with(['.', '!', '?']) && (!reads_as_a_point || list_follows);
        let accepted = line.kind == Kind::Heading && w.len() <= 12 || colon || short;
        // "Pray for the elders" over "Pray for the families": a list of unpunctuated points.
        let first_of_a_list = !colon
            && line.kind != Kind::Heading
            && lines.get(i + 1).is_some_and(|next| {
                let n = words(unbulleted(next.text).unwrap_or(next.text));
                !n.is_empty() && n.first() == w.first()
            });
        if !accepted || first_of_a_list {
            return None;
        }
        Some(Heading {
            sort,
            lang: lang.to_string(),
            text: squeeze(text),
            lead: self.lead(text),
        })
    }

    /// A heading as the last words of a line after a sentence ("…meets as before. Pray"), with
    /// a list right after it: the words before it, and the heading.
    fn heading_ending(&self, lines: &[Line], i: usize) -> Option<(String, Heading)> {
        let line = &lines[i];
        if line.kind != Kind::Paragraph && line.kind != Kind::Quote {
            return None;
        }
        let text = line.text.trim();
        let body = text.trim_end_matches([':', ' ']);
        let cut = body.rfind(['.', '!', '?', ';'])?;
        let (before, tail) = body.split_at(cut + 1);
        let tail = tail.trim();
        let w = words(tail);
        if w.is_empty() || w.len() > 5 {
            return None;
        }
        let (sort, lang) = self
            .bare_verb(&w)
            .map(|(s, l, _)| (s, l))
            .or_else(|| self.heading_phrase(&w).filter(|_| w.len() <= 4))?;
        let next = lines.get(i + 1)?;
        let listed = next.kind == Kind::Item
            || unbulleted(next.text).is_some()
            || next.text.trim().starts_with(char::is_lowercase);
        if !listed {
            return None;
        }
        Some((
            before.trim().to_string(),
            Heading {
                sort,
                lang: lang.to_string(),
                text: tail.to_string(),
                lead: self.lead(tail),
            },
        ))
    }

    /// A heading phrase in folded words: at the start, or anywhere in a short line.
    fn heading_phrase(&self, w: &[String]) -> Option<(Sort, &str)> {
        let mut best: Option<(bool, usize, Sort, &str)> = None;
        for (sort, pick) in [
            (
                Sort::Prayer,
                (|w: &Words| &w.prayer_headings) as fn(&Words) -> &Vec<Phrase>,
            ),
            (Sort::Praise, |w: &Words| &w.praise_headings),
        ] {
            for (lang, p) in self.lexicon.all(pick) {
                let at_start = p.opens(w);
                let inside = !at_start && w.len() <= 8 && contains(w, &p.words);
                if !(at_start || inside) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((s, n, _, _)) => (at_start, p.words.len()) > (s, n),
                };
                if better {
                    best = Some((at_start, p.words.len(), sort, lang));
                }
            }
        }
        best.map(|(_, _, sort, lang)| (sort, lang))
    }

    /// Folded words that are a verb alone, perhaps with "for" or "that": "Pray", "Prions pour".
    fn bare_verb(&self, w: &[String]) -> Option<(Sort, &str, usize)> {
        let verb = |p: &Phrase| {
            !p.at_end
                && (w == p.words.as_slice()
                    || w.len() == p.words.len() + 1
                        && w.starts_with(&p.words)
                        && LINKS.contains(&w[p.words.len()].as_str()))
        };
        self.verb(verb)
    }

    /// The first verb phrase (prayer before praise) that `is` accepts, with its length.
    fn verb(&self, is: impl Fn(&Phrase) -> bool) -> Option<(Sort, &str, usize)> {
        let mut best: Option<(Sort, &str, usize)> = None;
        for (sort, pick) in [
            (
                Sort::Prayer,
                (|w: &Words| &w.prayer_verbs) as fn(&Words) -> &Vec<Phrase>,
            ),
            (Sort::Praise, |w: &Words| &w.praise_verbs),
        ] {
            for (lang, p) in self.lexicon.all(pick) {
                if is(p) && best.is_none_or(|(_, _, n)| p.words.len() > n) {
                    best = Some((sort, lang, p.words.len()));
                }
            }
        }
        best
    }

    /// The verb a point opens with, if any ("Praise God for…" → Praise).
    fn opening_verb(&self, text: &str) -> Option<Sort> {
        let w = words(text);
        // "Thank you for praying" closes a letter; "Thank God for…" is a point.
        if w.len() > 1 && w[0] == "thank" && w[1] == "you" {
            return None;
        }
        self.verb(|p| p.opens(&w)).map(|(sort, _, _)| sort)
    }

    fn starts_like_a_point(&self, text: &str) -> bool {
        let text = without_day(text);
        let w = words(text);
        let thanks_to_the_reader = w.len() > 1 && w[0] == "thank" && w[1] == "you";
        !thanks_to_the_reader
            && (w.first().is_some_and(|f| {
                LINKS.contains(&f.as_str()) || POINT_OPENERS.contains(&f.as_str())
            }) || self.opening_verb(text).is_some())
    }

    /// "Pray for" of "Please pray for:", as the page wrote it: the last verb of the heading and
    /// what follows it.
    fn lead(&self, heading: &str) -> Option<String> {
        let body = heading.trim().trim_end_matches([':', ' ', '.', '…']);
        let w = words(body);
        for k in (0..w.len()).rev() {
            if self.bare_verb(&w[k..]).is_some() {
                return Some(upper_first(tail_words(body, w.len() - k)));
            }
        }
        None
    }

    /// The points after a heading at `start`, as written, and how many lines they took.
    fn points_after(
        &self,
        lines: &[Line],
        start: usize,
        heading: &Heading,
        used: &mut [bool],
    ) -> (Vec<String>, usize) {
        let mut points: Vec<String> = Vec::new();
        let mut bulleted = false;
        let mut first_block = None;
        let mut taken = 0;
        for (i, line) in lines.iter().enumerate().skip(start) {
            if used[i] || self.heading_at(lines, i).is_some() || closing(line.text) {
                break;
            }
            let block_has_bullet = self.bulleted_blocks.binary_search(&line.block).is_ok();
            match (line.kind, unbulleted(line.text)) {
                (Kind::Item, _) => {
                    points.push(squeeze(line.text));
                    bulleted = true;
                }
                (Kind::Heading, _) if !self.starts_like_a_point(line.text) => break,
                (_, Some(text)) => {
                    points.push(squeeze(text));
                    bulleted = true;
                }
                (_, None) if block_has_bullet && bulleted => {
                    // A wrapped bullet goes on over the next line; a line opening with a verb
                    // ("Rendons grâce pour…") is a point of its own.
                    let verb = self.opening_verb(line.text).is_some();
                    match points.last_mut() {
                        _ if verb => points.push(squeeze(line.text)),
                        Some(last) if !line.opens_block && !last.ends_with(['.', '!', '?']) => {
                            last.push(' ');
                            last.push_str(&squeeze(line.text));
                        }
                        _ => break,
                    }
                }
                (_, None) => {
                    let like_a_point = self.starts_like_a_point(line.text)
                        || heading.lead.is_some()
                            && line.text.trim().starts_with(char::is_lowercase);
                    let same_block = first_block == Some(line.block) && !block_has_bullet;
                    if !points.is_empty() && !like_a_point && !same_block {
                        break;
                    }
                    let alone =
                        line.opens_block && lines.get(i + 1).is_none_or(|n| n.block != line.block);
                    // A lone sentence after "Please pray" is news, unless the heading calls for it.
                    let called_for = like_a_point || heading.text.ends_with(':');
                    if points.is_empty()
                        && alone
                        && (!called_for || line.text.split_whitespace().count() > 60)
                    {
                        break;
                    }
                    points.push(squeeze(line.text));
                }
            }
            first_block.get_or_insert(line.block);
            used[i] = true;
            taken = i + 1 - start;
        }
        (points, taken)
    }

    /// A point as the guide says it: its day label off, read on from the heading, a sentence.
    fn point(&self, raw: &str, heading: Option<&Heading>) -> Option<(Sort, String)> {
        let text = without_day(raw.trim());
        if text.is_empty() {
            return None;
        }
        let sort = match heading {
            Some(h) if h.sort == Sort::Praise => Sort::Praise,
            _ => self.opening_verb(text).unwrap_or(Sort::Prayer),
        };
        let lead = heading.and_then(|h| h.lead.as_deref());
        let english_prayer = heading.is_none_or(|h| h.sort == Sort::Prayer);
        let verb = self.opening_verb(text).is_some();
        Some((sort, as_sentence(text, lead, english_prayer, verb)))
    }

    /// Runs of two lines or more, not yet used, each opening with a prayer or praise verb:
    /// a list without a heading, or a calendar ("Monday: Pray for…").
    fn lists_without_heading(&self, lines: &[Line], found: &mut Found) {
        let mut i = 0;
        while i < lines.len() {
            let mut end = i;
            while end < lines.len() && !found.used[end] && self.list_line(&lines[end]) {
                end += 1;
            }
            if end - i >= 2 {
                let points = (i..end)
                    .filter_map(|k| {
                        found.used[k] = true;
                        let text = unbulleted(lines[k].text).unwrap_or(lines[k].text);
                        self.point(&squeeze(text), None)
                    })
                    .collect();
                found.lists.push(List {
                    heading: None,
                    start: i,
                    points,
                });
            }
            i = end.max(i + 1);
        }
    }

    fn list_line(&self, line: &Line) -> bool {
        let text = unbulleted(line.text).unwrap_or(line.text);
        line.kind != Kind::Heading
            && text.split_whitespace().count() <= 80
            && self.opening_verb(without_day(text)).is_some()
    }
}

/// Words that open the lines closing a letter, not its points: thanks, a call to subscribe or
/// give, a sign-off (folded, as [`words`] folds).
const CLOSINGS: &[&[&str]] = &[
    &["thank", "you"],
    &["thanks", "for"],
    &["many", "thanks"],
    &["to", "receive"],
    &["to", "subscribe"],
    &["subscribe"],
    &["unsubscribe"],
    &["reply", "with"],
    &["sign", "up"],
    &["donate"],
    &["give", "now"],
    &["in", "christ"],
    &["blessings"],
    &["with", "love"],
    &["yours", "in"],
    &["grace", "and", "peace"],
    &["read", "more"],
    &["share", "this"],
    &["merci", "de"],
    &["merci", "pour"],
    &["gracias", "por"],
    &["muchas", "gracias"],
    &["danke", "fur"],
    &["vielen", "dank"],
    &["obrigado"],
    &["obrigada"],
];

/// Whether a line closes the letter ("Thank you for praying.", "Reply with SUBSCRIBE").
fn closing(text: &str) -> bool {
    let w = words(unbulleted(text).unwrap_or(text));
    CLOSINGS
        .iter()
        .any(|c| w.len() >= c.len() && w.iter().zip(c.iter()).all(|(a, b)| a == b))
}

/// Whether `part` stands in `w` as a run of whole words.
fn contains(w: &[String], part: &[String]) -> bool {
    !part.is_empty() && w.windows(part.len()).any(|x| x == part)
}

/// The last `n` words of a text, as written.
fn tail_words(text: &str, n: usize) -> &str {
    let mut count = 0;
    let mut in_word = false;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        if c.is_alphanumeric() {
            in_word = true;
            start = i;
        } else if in_word {
            in_word = false;
            count += 1;
            if count == n {
                return &text[start..];
            }
        }
    }
    &text[start.min(text.len())..]
}

/// Whether a character starts a bulleted line.
pub fn is_bullet(c: char) -> bool {
    "•◦‣⁃●○▪▫■□-*–—·✓✔➢►>".contains(c)
}

/// Whether a character is a symbol that social posts and newsletters use as a bullet: the
/// pictographs and emoji, dingbats, arrows and geometric shapes.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2700..=0x27BF | 0x2190..=0x21FF | 0x25A0..=0x25FF | 0x2600..=0x26FF | 0x2B00..=0x2BFF)
}

/// A line without its bullet or number, if it had one.
pub fn unbulleted(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let first = line.chars().next()?;
    if is_pictograph(first) {
        // "🔹 Pray…", "🙏 Pray…", "➤ Pray…": a symbol (and its variation selector) before a space.
        let rest = line[first.len_utf8()..].trim_start_matches(['\u{fe0f}', '\u{200d}']);
        if rest.starts_with(char::is_whitespace) {
            return Some(rest.trim_start());
        }
    }
    if is_bullet(first) {
        let rest = &line[first.len_utf8()..];
        // "-5 degrees" or "**bold**" are not bullets; a bullet stands apart from its text.
        return (rest.starts_with(char::is_whitespace) || first != '-' && first != '*')
            .then(|| rest.trim_start());
    }
    let (body, open) = match line.strip_prefix('(') {
        Some(rest) => (rest, true),
        None => (line, false),
    };
    let digits = body.chars().take_while(char::is_ascii_digit).count();
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

/// Words that name a day of a prayer calendar, folded.
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "day",
    "week",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "dia",
    "semana",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "jour",
    "semaine",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "tag",
    "woche",
    "segunda",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "월요일",
    "화요일",
    "수요일",
    "목요일",
    "금요일",
    "토요일",
    "일요일",
    "일",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الاحد",
    "اليوم",
];

/// [`DAYS`] folded as [`words`] folds text (Hangul comes apart into its letters).
static FOLDED_DAYS: LazyLock<Vec<String>> =
    LazyLock::new(|| DAYS.iter().map(|d| words(d).concat()).collect());

/// A calendar's line without its day ("Monday: Pray…", "Day 2 – Ask God…" → the prayer).
pub fn without_day(text: &str) -> &str {
    for sep in [":", " – ", " — ", " - ", ".  "] {
        let Some(at) = text.find(sep) else {
            continue;
        };
        let (label, rest) = (&text[..at], text[at + sep.len()..].trim_start());
        let w = words(label);
        let a_day = !w.is_empty()
            && w.len() <= 4
            && w.iter()
                .any(|x| FOLDED_DAYS.contains(x) || x.chars().all(|c| c.is_ascii_digit()));
        if a_day && !rest.is_empty() {
            return rest;
        }
    }
    text
}

/// "the pastors" after "Please pray for:" becomes "Pray for the pastors."
/// `verb`: the point opens with a verb of its own ("Pray that…").
fn as_sentence(point: &str, lead: Option<&str>, english_prayer: bool, verb: bool) -> String {
    let mut text = point.trim().to_string();
    let w = words(&text);
    let first = w.first().cloned().unwrap_or_default();
    let lead_links =
        lead.is_some_and(|l| words(l).last().is_some_and(|w| LINKS.contains(&w.as_str())));
    // "The village elders" or "Pastor Youssef" under "Pray for:": a name, not a sentence.
    let a_name = !verb
        && w.len() <= 15
        && !LINKS.contains(&first.as_str())
        && !text.ends_with(['.', '!', '?']);
    match lead {
        Some(lead) if text.starts_with(char::is_lowercase) => text = format!("{lead} {text}"),
        Some(lead) if lead_links && a_name => {
            let name = if ARTICLES.contains(&first.as_str()) {
                lower_first(&text)
            } else {
                text.clone()
            };
            text = format!("{lead} {name}");
        }
        // "For the pastors" under "Please pray"; not "Que…" ("Oremos para que…" is meant).
        Some(lead) if !lead_links && LINKS.contains(&first.as_str()) && first != "que" => {
            text = format!("{lead} {}", lower_first(&text));
        }
        None if english_prayer && (first == "for" || first == "that") => {
            // "For the pastors" under "Prayer points" reads as "Pray for the pastors".
            text = format!("Pray {}", lower_first(&text));
        }
        _ => {}
    }
    if !text.ends_with(['.', '!', '?', '”', '"', ')', '»']) {
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

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_bullets_come_off() {
        assert_eq!(
            unbulleted("🔹 Pray for the pastors"),
            Some("Pray for the pastors")
        );
        assert_eq!(unbulleted("🙌 Praise God"), Some("Praise God"));
        assert_eq!(unbulleted("➤ Pray"), Some("Pray"));
        assert_eq!(unbulleted("🙏Pray"), None);
    }

    #[test]
    fn closing_lines_end_a_list() {
        assert!(closing("Thank you for praying. Reply with SUBSCRIBE."));
        assert!(closing("Merci de prier avec nous"));
        assert!(!closing("Thank God for the new church"));
    }

    #[test]
    fn bullets_and_numbers_come_off() {
        assert_eq!(unbulleted("• for the pastors"), Some("for the pastors"));
        assert_eq!(unbulleted("(3) for wisdom"), Some("for wisdom"));
        assert_eq!(unbulleted("12. for the youth"), Some("for the youth"));
        assert_eq!(unbulleted("-5 degrees at night"), None);
        assert_eq!(unbulleted("**Pray** for them"), None);
    }

    #[test]
    fn day_labels_come_off() {
        for (line, want) in [
            ("Monday: Pray for the pastors.", "Pray for the pastors."),
            ("Day 2 – Ask God for wisdom.", "Ask God for wisdom."),
            (
                "Lunes: Oremos por los pastores.",
                "Oremos por los pastores.",
            ),
            (
                "Día 3 — Pidamos a Dios sabiduría.",
                "Pidamos a Dios sabiduría.",
            ),
            (
                "Jour 4 : Prions pour les familles.",
                "Prions pour les familles.",
            ),
            ("Segunda-feira: Ore pelas igrejas.", "Ore pelas igrejas."),
            (
                "월요일: 교회를 위해 기도해 주세요.",
                "교회를 위해 기도해 주세요.",
            ),
            ("Pray for: the pastors.", "Pray for: the pastors."),
            ("Note: the church meets.", "Note: the church meets."),
        ] {
            assert_eq!(without_day(line), want, "{line}");
        }
    }

    #[test]
    fn leads_come_from_the_last_verb_of_a_heading() {
        let look = Look {
            lexicon: Lexicon::builtin(),
            bulleted_blocks: Vec::new(),
        };
        for (heading, lead) in [
            ("Please pray for:", Some("Pray for")),
            ("Please pray", Some("Pray")),
            ("How to pray", Some("Pray")),
            ("Prayer points", None),
            ("Oremos por:", Some("Oremos por")),
            ("Bitte beten Sie für:", Some("Beten Sie für")),
            ("Thank God for:", Some("Thank God for")),
        ] {
            assert_eq!(look.lead(heading).as_deref(), lead, "{heading}");
        }
    }
}
