//! Which countries a page is about, and the blocks about each: `--country`, a heading for each
//! country, the title (unless the body is about another country), a heading, or the opening
//! paragraphs.

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
    let in_title_codes: Vec<&'static Country> = in_title.iter().map(|m| m.country).collect();
    // Headings that each name a country split the page, whatever the title says: a country
    // named in passing elsewhere makes no draft.
    let sections = sections(all);
    if sections.len() >= 2 {
        return Ok(split(all, &sections)
            .into_iter()
            .map(|(c, heading, blocks)| {
                let how = if in_title_codes.contains(&c) {
                    "named in the title, with a section of its own".to_string()
                } else {
                    format!("a section of the page headed “{heading}”")
                };
                (c, how, blocks)
            })
            .collect());
    }
    match in_title.as_slice() {
        [one] => {
            if let Some((other, times)) = about_another(all, one.country) {
                return Err(title_against_body(one.country, other, times));
            }
            return Ok(vec![(
                one.country,
                format!("named in the title as “{}”", one.text),
                all,
            )]);
        }
        [] => {}
        [_, _, ..] => return Err(several_countries(&in_title_codes)),
    }
    if let [(_, country, heading)] = sections.as_slice() {
        return Ok(vec![(
            *country,
            format!("named in the heading “{heading}”"),
            all,
        )]);
    }
    // Not in the title nor a heading: the opening paragraphs.
    let text = opening(all);
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

/// The text of the first two paragraphs.
fn opening(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter(|b| b.kind == Kind::Paragraph)
        .take(2)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a block reads as a heading.
fn is_heading(b: &Block) -> bool {
    b.kind == Kind::Heading
        || b.kind == Kind::Paragraph && !b.text.contains('\n') && text::looks_like_heading(&b.text)
}

/// Short headings that each name one country, each country once: where each starts, its
/// country, and the heading as written.
fn sections(blocks: &[Block]) -> Vec<(usize, &'static Country, String)> {
    let mut starts: Vec<(usize, &'static Country, String)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !is_heading(b) || b.text.split_whitespace().count() > 8 {
            continue;
        }
        let named = distinct(countries::mentions(&b.text));
        if let [one] = named.as_slice()
            && !starts.iter().any(|(_, c, _)| *c == one.country)
        {
            starts.push((i, one.country, b.text.trim().to_string()));
        }
    }
    starts
}

/// The blocks under each section heading, up to the next.
fn split<'p>(
    blocks: &'p [Block],
    starts: &[(usize, &'static Country, String)],
) -> Vec<(&'static Country, String, &'p [Block])> {
    let mut out = Vec::new();
    for (k, (start, country, heading)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(blocks.len(), |(s, _, _)| *s);
        out.push((*country, heading.clone(), &blocks[start + 1..end]));
    }
    out
}

/// The one other country the page's headings and opening paragraphs name, twice or more, when
/// they never name the title's country: a title over a body about somewhere else.
fn about_another(blocks: &[Block], titled: &'static Country) -> Option<(&'static Country, usize)> {
    let mut text = opening(blocks);
    for b in blocks.iter().filter(|b| is_heading(b)) {
        text.push('\n');
        text.push_str(&b.text);
    }
    let mut counts: Vec<(&'static Country, usize)> = Vec::new();
    for m in countries::mentions(&text) {
        match counts.iter_mut().find(|(c, _)| *c == m.country) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.country, 1)),
        }
    }
    if counts.iter().any(|(c, _)| *c == titled) {
        return None;
    }
    match counts.as_slice() {
        [(other, n)] if *n >= 2 => Some((*other, *n)),
        _ => None,
    }
}

fn title_against_body(titled: &Country, named: &Country, times: usize) -> Problem {
    (
        format!(
            "the title names {} ({}), but the page's headings and opening paragraphs name only {} ({}), {times} times",
            titled.name, titled.code, named.name, named.code
        ),
        format!(
            "say which country the page is for: --country {} or --country {}",
            titled.code, named.code
        ),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: Option<&str>, blocks: &[(Kind, &str)]) -> Page {
        Page {
            title: title.map(str::to_string),
            blocks: blocks
                .iter()
                .map(|(kind, text)| Block {
                    kind: *kind,
                    text: text.to_string(),
                    line: None,
                })
                .collect(),
            ..Page::default()
        }
    }

    fn found(p: &Page) -> Result<Vec<(&'static str, usize)>, Problem> {
        countries_of(p, None).map(|parts| {
            parts
                .into_iter()
                .map(|(c, _, blocks)| (c.code, blocks.len()))
                .collect()
        })
    }

    use Kind::{Heading as H, Item as I, Paragraph as P};

    const SECTIONS: [(Kind, &str); 7] = [
        (
            P,
            "Believers across North Africa face pressure; even in Egypt churches wait for permits.",
        ),
        (H, "Algeria"),
        (P, "Churches sealed since 2018."),
        (I, "Pray for the pastors."),
        (H, "Morocco"),
        (P, "Converts meet in homes."),
        (I, "Pray for the converts."),
    ];

    #[test]
    fn country_headings_split_the_page_whatever_the_title_says() {
        for title in [
            None,
            Some("Prayer letter, March"),
            Some("Algeria"),
            Some("Algeria and Morocco"),
            Some("Algeria, Morocco and Tunisia"),
        ] {
            let p = page(title, &SECTIONS);
            assert_eq!(found(&p).unwrap(), [("DZ", 2), ("MA", 2)], "{title:?}");
        }
        let p = page(Some("Algeria and Morocco"), &SECTIONS);
        let parts = countries_of(&p, None).unwrap();
        assert_eq!(parts[0].1, "named in the title, with a section of its own");
        let p = page(None, &SECTIONS);
        assert_eq!(
            countries_of(&p, None).unwrap()[1].1,
            "a section of the page headed “Morocco”"
        );
    }

    #[test]
    fn headings_in_french_german_and_portuguese_and_lines_that_look_like_headings() {
        let p = page(
            Some("Lettre de prière"),
            &[
                (P, "Prions pour l'Égypte cette semaine aussi."),
                (P, "Algérie"),
                (P, "Les églises sont fermées."),
                (P, "Maroc"),
                (P, "Les convertis se réunissent en secret."),
            ],
        );
        assert_eq!(found(&p).unwrap(), [("DZ", 1), ("MA", 1)]);
        let p = page(
            None,
            &[
                (H, "Nordkorea"),
                (P, "Christen treffen sich heimlich."),
                (H, "Äthiopien"),
                (P, "Gemeinden wachsen."),
            ],
        );
        assert_eq!(found(&p).unwrap(), [("KP", 1), ("ET", 1)]);
        let p = page(
            Some("Orem pela Coreia do Norte"),
            &[(P, "Os cristãos da Coreia do Norte se reúnem em segredo.")],
        );
        assert_eq!(found(&p).unwrap(), [("KP", 1)]);
    }

    #[test]
    fn a_country_in_passing_makes_no_draft_beside_a_section() {
        // The first paragraph names Egypt in passing; the one heading names Algeria.
        let p = page(
            None,
            &[
                (P, "Like Egypt before it, the country has closed churches."),
                (H, "Pray for Algeria"),
                (I, "Pray for the pastors."),
            ],
        );
        let parts = countries_of(&p, None).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].0.code, "DZ");
        // Items are points, not sections, even when short.
        let p = page(
            None,
            &[
                (P, "Christians in Algeria meet in homes."),
                (H, "Please pray"),
                (I, "Pray for Morocco too"),
                (I, "Pray for Tunisia"),
            ],
        );
        assert_eq!(found(&p).unwrap(), [("DZ", 4)]);
        assert_eq!(parts[0].1, "named in the heading “Pray for Algeria”");
    }

    #[test]
    fn a_title_over_a_body_about_another_country_asks() {
        let p = page(
            Some("Pray for Nigeria"),
            &[
                (P, "Christians in Niger face new laws."),
                (P, "Niger's government has closed two churches this year."),
                (H, "How to pray"),
                (I, "Pray for the pastors."),
            ],
        );
        let (message, help) = found(&p).unwrap_err();
        assert_eq!(
            message,
            "the title names Nigeria (NG), but the page's headings and opening paragraphs name only Niger (NE), 2 times"
        );
        assert_eq!(
            help,
            "say which country the page is for: --country NG or --country NE"
        );
        // Named once in passing, or beside the title's country: the title holds.
        let p = page(
            Some("Pray for Nigeria"),
            &[(P, "Unlike Niger, the north has seen attacks on villages.")],
        );
        assert_eq!(found(&p).unwrap(), [("NG", 1)]);
        let p = page(
            Some("Pray for Nigeria"),
            &[
                (P, "Niger and Niger again: refugees cross into Nigeria."),
                (P, "More text."),
            ],
        );
        assert_eq!(found(&p).unwrap(), [("NG", 2)]);
    }

    #[test]
    fn several_in_the_title_without_sections_asks() {
        let p = page(
            Some("Prayer Shields, Malaysia, India"),
            &[(P, "One text about both of them together.")],
        );
        let (message, _) = found(&p).unwrap_err();
        assert!(message.contains("Malaysia (MY), India (IN)"), "{message}");
    }
}
