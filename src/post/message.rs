//! What a chat post says: a day's or a week's guide as a list of blocks (title, heading,
//! text, numbered points, scripture, link) that each network then writes in its own markup.
//! The guides come assembled for the public: restricted points are never among them.

use crate::publish::assemble::{DayGuide, WeekGuide};

/// One piece of a post; a long post is split between blocks, never inside one's markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The guide's title and the date it is for, on a line of their own.
    Title { title: String, when: String },
    /// The day's country or theme (or, in a week, a day and its country), in bold.
    Heading(String),
    /// A paragraph.
    Text(String),
    /// A numbered prayer point.
    Point { number: usize, text: String },
    /// A Bible reference, in italics.
    Scripture(String),
    /// The address of the page the post comes from.
    Link(String),
}

impl Block {
    /// The block's own words (a title's title), which a split divides.
    pub fn words(&self) -> &str {
        match self {
            Block::Title { title, .. } => title,
            Block::Heading(t) | Block::Text(t) | Block::Scripture(t) | Block::Link(t) => t,
            Block::Point { text, .. } => text,
        }
    }

    /// The same kind of block holding `words` instead.
    pub fn with_words(&self, words: &str) -> Block {
        let words = words.to_string();
        match self {
            Block::Title { when, .. } => Block::Title {
                title: words,
                when: when.clone(),
            },
            Block::Heading(_) => Block::Heading(words),
            Block::Text(_) => Block::Text(words),
            Block::Scripture(_) => Block::Scripture(words),
            Block::Link(_) => Block::Link(words),
            Block::Point { number, .. } => Block::Point {
                number: *number,
                text: words,
            },
        }
    }
}

/// A day's post: what the day page says, without the page's furniture.
pub fn day(day: &DayGuide, base_url: Option<&str>) -> Vec<Block> {
    let mut when = day.date_long.clone();
    for extra in [&day.sunday, &day.feast].into_iter().flatten() {
        when.push_str(" · ");
        when.push_str(extra);
    }
    let mut blocks = vec![
        Block::Title {
            title: day.title.clone(),
            when,
        },
        Block::Heading(day.heading.clone()),
    ];
    if let Some(country) = &day.country {
        if !country.lead.trim().is_empty() {
            blocks.push(Block::Text(country.lead.trim().to_string()));
        }
    } else if let Some(theme) = &day.theme {
        blocks.extend(
            theme
                .text
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| Block::Text(p.trim().to_string())),
        );
    }
    blocks.extend(day.points.iter().enumerate().map(|(i, p)| Block::Point {
        number: i + 1,
        text: p.trim().to_string(),
    }));
    if let Some(s) = &day.scripture {
        blocks.push(Block::Scripture(s.clone()));
    }
    if let Some(base) = base_url {
        blocks.push(Block::Link(format!("{base}days/{}.html", day.date)));
    }
    blocks
}

/// A week's post: each day's country with the point a listing shows for it.
pub fn week(week: &WeekGuide, base_url: Option<&str>) -> Vec<Block> {
    let mut blocks = vec![Block::Title {
        title: week.title.clone(),
        when: week.range.clone(),
    }];
    for day in &week.days {
        blocks.push(Block::Heading(format!("{} · {}", day.weekday, day.heading)));
        if let Some(point) = day.points.get(day.church_point) {
            blocks.push(Block::Text(point.trim().to_string()));
        }
    }
    if let Some(base) = base_url {
        blocks.push(Block::Link(format!("{base}weeks/{}.html", week.start)));
    }
    blocks
}

/// An urgent alert's post: its title (with the country's name), its text, and the site's
/// archive of alerts.
pub fn alert(
    alert: &crate::content::alerts::Alert,
    country: Option<&str>,
    base_url: Option<&str>,
) -> Vec<Block> {
    let heading = match country {
        Some(name) => format!("{name}: {}", alert.title),
        None => alert.title.clone(),
    };
    let mut blocks = vec![Block::Heading(heading)];
    blocks.extend(alert.text.iter().map(|p| Block::Text(p.clone())));
    if let Some(base) = base_url {
        blocks.push(Block::Link(format!("{base}alerts.html#{}", alert.id)));
    }
    blocks
}

/// The plain words of a post, for `--dry-run` and tests.
pub fn plain(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Title { title, when } => format!("{title}\n{when}"),
            Block::Heading(t) | Block::Text(t) | Block::Scripture(t) | Block::Link(t) => t.clone(),
            Block::Point { number, text } => format!("{number}. {text}"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
