//! Which countries a page is about, and the blocks about each: `--country`, the title, a
//! heading for each country, or the opening paragraphs.

use super::countries::{self, Country, Mention, Naming};
use super::page::{Block, Kind, Page};
use super::text;

pub type Problem = (String, String);

/// A country a page is about, how it was found, and the blocks about it.
type Part<'p> = (&'static Country, String, &'p [Block]);

/// The countries a page is about, how each was found, and the blocks about each.
pub fn countries_of<'p>(page: &'p Page, asked: Option<&str>) -> Result<Vec<Part<'p>>, Problem> {
    let all = page.blocks.as_slice();
    if let Some(asked) = asked {
        return match countries::lookup(asked) {
            Some(c) => Ok(vec![(c, "as --country says".into(), all)]),
            None => Err(unknown(
                asked,
                &format!("`{asked}` is not a country in the list"),
            )),
        };
    }
    let title = page.title.as_deref().unwrap_or("");
    let in_title = distinct(countries::mentions(title));
    match in_title.as_slice() {
        [one] => {
            return Ok(vec![(
                one.country,
                format!("named in the title as “{}”", one.text),
                all,
            )]);
        }
        [] => {}
        several => {
            let found: Vec<&'static Country> = several.iter().map(|m| m.country).collect();
            if let Some(split) = split_by_country(all, &found) {
                return Ok(split
                    .into_iter()
                    .map(|(c, blocks)| {
                        (
                            c,
                            "named in the title, with a section of its own".to_string(),
                            blocks,
                        )
                    })
                    .collect());
            }
            return Err(several_countries(&found));
        }
    }
    // Not in the title: the opening paragraphs.
    let opening: Vec<&Block> = all
        .iter()
        .filter(|b| b.kind == Kind::Paragraph)
        .take(2)
        .collect();
    let text = opening
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let found = distinct(countries::mentions(&text));
    match found.as_slice() {
        [one] => Ok(vec![(
            one.country,
            format!("named in the first paragraph as “{}”", one.text),
            all,
        )]),
        [] => Err(unknown(
            &format!("{title}\n{text}"),
            "no country is named in the title or the first paragraphs",
        )),
        several => Err(several_countries(
            &several.iter().map(|m| m.country).collect::<Vec<_>>(),
        )),
    }
}

/// Each country once, names preferred: demonyms count only where no country is named.
fn distinct(mentions: Vec<Mention>) -> Vec<Mention> {
    let names = mentions.iter().any(|m| m.naming == Naming::Name);
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        if (m.naming == Naming::Name || !names) && !out.iter().any(|o| o.country == m.country) {
            out.push(m);
        }
    }
    out
}

/// A page about several countries with a heading for each: the blocks under each heading.
fn split_by_country<'p>(
    blocks: &'p [Block],
    countries: &[&'static Country],
) -> Option<Vec<(&'static Country, &'p [Block])>> {
    let mut starts: Vec<(usize, &'static Country)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let heading =
            b.kind == Kind::Heading || !b.text.contains('\n') && text::looks_like_heading(&b.text);
        if !heading {
            continue;
        }
        let named = distinct(countries::mentions(&b.text));
        if let [one] = named.as_slice()
            && countries.contains(&one.country)
            && !starts.iter().any(|(_, c)| *c == one.country)
        {
            starts.push((i, one.country));
        }
    }
    if starts.len() != countries.len() {
        return None;
    }
    let mut out = Vec::new();
    for (k, (start, country)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(blocks.len(), |(s, _)| *s);
        out.push((*country, &blocks[start + 1..end]));
    }
    Some(out)
}

fn several_countries(found: &[&'static Country]) -> Problem {
    let names: Vec<String> = found
        .iter()
        .map(|c| format!("{} ({})", c.name, c.code))
        .collect();
    (
        format!(
            "the page is about {} countries, {}, without a section for each",
            found.len(),
            names.join(", ")
        ),
        format!(
            "say which one this page is for: --country {} (or split the page, with a heading naming each country above its part)",
            found[0].code
        ),
    )
}

fn unknown(text: &str, message: &str) -> Problem {
    let near = countries::near(text);
    let help = if near.is_empty() {
        "name the country with --country NAME or --country CODE (ISO 3166-1, e.g. KZ)".to_string()
    } else {
        let list: Vec<String> = near
            .iter()
            .map(|c| format!("{} ({})", c.name, c.code))
            .collect();
        format!(
            "near matches: {}; if one is right, pass --country {}",
            list.join(", "),
            near[0].code
        )
    };
    (message.to_string(), help)
}
