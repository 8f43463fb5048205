//! Reading plain text: what a browser's "save as text" or a copy and paste gives, with the
//! site's menu above the post and other posts below it.

use super::countries;
use super::page::{Block, Ignored, Kind, Page, boilerplate, ends_content, snippet, squeeze};

/// Front matter, e-mail quoting and a text browser's link marks.
mod shapes;

/// Reads a page saved as text.
pub fn read(source: &str) -> Page {
    let mut page = Page::default();
    let unshaped = shapes::unshape(source);
    let lines: Vec<(usize, String)> = unshaped
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, squeeze(l)))
        .collect();
    page.url = unshaped.url.clone();
    // The content: every line up to the end of the post, furniture dropped.
    let mut content: Vec<(usize, String)> = Vec::new();
    let mut end = lines.len();
    for (i, (n, line)) in lines.iter().enumerate() {
        if line.is_empty() || line.chars().all(|c| "-–—_=*•·~".contains(c)) {
            content.push((*n, String::new()));
            continue;
        }
        if ends_content(line) {
            page.ignored.push(Ignored {
                text: line.clone(),
                why: "the end of the post: what follows is other posts, comments or the footer",
                line: Some(*n),
            });
            end = i + 1;
            break;
        }
        if is_address(line) {
            page.url.get_or_insert_with(|| line.clone());
            page.ignored.push(Ignored {
                text: line.clone(),
                why: "the page's address",
                line: Some(*n),
            });
            continue;
        }
        match boilerplate(line) {
            Some(why) => page.ignored.push(Ignored {
                text: line.clone(),
                why,
                line: Some(*n),
            }),
            None => content.push((*n, line.clone())),
        }
    }
    let after = lines[end..].iter().filter(|(_, l)| !l.is_empty()).count();
    if after > 0 {
        page.ignored.push(Ignored {
            text: format!("{after} lines, from “{}”", snippet(&lines[end].1)),
            why: "after the end of the post",
            line: Some(lines[end].0),
        });
    }
    // The title: the first line that names a country or has a few words; short lines above it
    // are the site's menu.
    // Above the first sentence of running text, a line naming a country is the title rather than
    // the site's name ("Crossroads Africa Prayer" over "Central African Republic: …").
    let running = content
        .iter()
        .position(|(_, l)| l.split_whitespace().count() > 12)
        .unwrap_or(content.len());
    let names_country = |l: &str| {
        !l.is_empty() && l.split_whitespace().count() <= 16 && !countries::mentions(l).is_empty()
    };
    let title_at = content[..running]
        .iter()
        .position(|(_, l)| names_country(l))
        .or_else(|| {
            content.iter().position(|(_, l)| {
                !l.is_empty()
                    && (l.split_whitespace().count() >= 3
                        || l.contains('#')
                        || !countries::mentions(l).is_empty())
            })
        });
    let mut rest = content.as_slice();
    if let Some(t) = title_at {
        for (n, line) in &content[..t] {
            if !line.is_empty() {
                page.ignored.push(Ignored {
                    text: line.clone(),
                    why: "the site's menu, above the title",
                    line: Some(*n),
                });
            }
        }
        page.title = Some(content[t].1.clone());
        rest = &content[t + 1..];
    }
    // A Markdown export names its title in its front matter, and repeats it as "# Title".
    if let Some(title) = unshaped.title {
        if let Some(t) = title_at
            && content[t].1.trim_start_matches('#').trim() != title
        {
            rest = &content[t..];
        }
        page.title = Some(title);
    }
    page.ignored.sort_by_key(|i| i.line);
    // Paragraphs at blank lines; a paragraph of one short line without a full stop is a heading.
    for group in rest.split(|(_, l)| l.is_empty()) {
        let Some((first, first_line)) = group.first() else {
            continue;
        };
        // "Please pray" straight above its list is a heading all the same.
        let group = if group.len() > 1
            && looks_like_heading(first_line)
            && (first_line.split_whitespace().count() <= 6 || first_line.ends_with(':'))
        {
            page.blocks.push(Block {
                kind: Kind::Heading,
                text: first_line.clone(),
                line: Some(*first),
            });
            &group[1..]
        } else {
            group
        };
        let first = group[0].0;
        let text = group
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let kind = if group.len() == 1 && looks_like_heading(&text) {
            Kind::Heading
        } else {
            Kind::Paragraph
        };
        page.blocks.push(Block {
            kind,
            text,
            line: Some(first),
        });
    }
    page
}

/// A line that stands alone as a heading: short, and not ending like a sentence.
pub fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let first = line.chars().next().unwrap_or(' ');
    (1..=10).contains(&words)
        && !line.ends_with(['.', '!', '?', ',', ';', '"', '”'])
        && !super::sections::is_bullet(first)
        && !first.is_ascii_digit()
}

fn is_address(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://")) && !line.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_menu_above_the_title_and_the_posts_below() {
        let page = read(
            "top of page\nHome\nPrayer Calendar\nBlog\n\nAlgeria: Churches Closed\n\nNov 20, 2025\n2 min read\n\n\
             Believers in Algeria meet in homes.\nMany churches were sealed.\n\nPlease pray\n\n\
             • for the churches\n\n1 view0 comments\nRecent Posts\nSee All\nAnother post\n",
        );
        assert_eq!(page.title.as_deref(), Some("Algeria: Churches Closed"));
        let blocks: Vec<_> = page
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line))
            .collect();
        assert_eq!(
            blocks,
            [
                (
                    Kind::Paragraph,
                    "Believers in Algeria meet in homes.\nMany churches were sealed.",
                    Some(11)
                ),
                (Kind::Heading, "Please pray", Some(14)),
                (Kind::Paragraph, "• for the churches", Some(16)),
            ]
        );
        let ignored: Vec<_> = page.ignored.iter().map(|i| (i.line, i.why)).collect();
        assert!(
            ignored.contains(&(Some(3), "the site's menu, above the title")),
            "{ignored:?}"
        );
        assert!(ignored.contains(&(Some(18), "a counter")), "{ignored:?}");
        assert!(
            ignored.contains(&(Some(20), "after the end of the post")),
            "{ignored:?}"
        );
    }

    #[test]
    fn a_byline_first_is_not_the_title() {
        let page = read(
            "By Staff Writer | 3 March 2026\nPosted by Anna Smith\n\nAlgeria: Churches Closed\n\n\
             Believers in Algeria meet in homes.\n",
        );
        assert_eq!(page.title.as_deref(), Some("Algeria: Churches Closed"));
        let ignored: Vec<_> = page.ignored.iter().map(|i| (i.line, i.why)).collect();
        assert_eq!(
            ignored,
            [(Some(1), "date or byline"), (Some(2), "date or byline")]
        );
    }
}
