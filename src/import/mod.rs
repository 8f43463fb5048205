//! `import`: a ministry's saved prayer-letter pages into guide drafts. A page is read (HTML
//! through a real parser, or text), its country found, its parts taken, and the result merged
//! into the country's guide; every step says what it found and what it left out.
//!
//! page (html.rs | text.rs) ──▶ country (countries.rs) ──▶ parts (sections.rs) ──▶ merge.rs

/// The list of countries, their names and demonyms, and matching them in text.
pub mod countries;
/// Reading a saved HTML page and finding its main content.
pub mod html;
/// Writing a draft, or merging into an existing guide without losing anything.
pub mod merge;
/// The page as blocks, and the rules for site furniture both readers share.
pub mod page;
/// Summary, story and prayer points from a page's blocks.
pub mod sections;
/// Reading a page saved as plain text.
pub mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use countries::{Country, Mention, Naming};
use merge::{Action, Draft, Merged};
use page::{Block, Kind, Page, snippet};
use sections::Missing;

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The guides folder to write into.
    pub into: PathBuf,
    /// The page's address, when the page does not name it.
    pub source_url: Option<String>,
    /// The country, when the page names several or none.
    pub country: Option<String>,
    pub replace_summary: bool,
    /// The day written into the drafts' notes.
    pub today: NaiveDate,
}

/// What became of one page.
#[derive(Debug, Clone, Default)]
pub struct PageReport {
    pub path: PathBuf,
    /// What was found and what was ignored, one line each.
    pub lines: Vec<String>,
    /// The guides the page gives, not yet written.
    pub guides: Vec<Merged>,
    /// Why the page gave no guide, and what would help.
    pub error: Option<(String, String)>,
}

/// Reads one page and works out the guide files it gives. Nothing is written.
pub fn import_page(path: &Path, options: &Options) -> PageReport {
    let mut report = PageReport {
        path: path.to_path_buf(),
        ..PageReport::default()
    };
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            report.error = Some((
                format!("cannot read it: {e}"),
                "check the path; pass saved .html or .txt pages".into(),
            ));
            return report;
        }
    };
    let page = read_page(path, &source);
    let lines = &mut report.lines;
    lines.push(format!(
        "read as {}",
        if is_html(path, &source) {
            "HTML"
        } else {
            "text"
        }
    ));
    match &page.title {
        Some(t) => lines.push(format!("title: “{t}”")),
        None => lines.push("title: none found".into()),
    }
    for i in &page.ignored {
        let place = i.line.map(|n| format!(" (line {n})")).unwrap_or_default();
        lines.push(format!("ignored{place}: “{}”: {}", snippet(&i.text), i.why));
    }
    let url = match options.source_url.clone().or_else(|| page.url.clone()) {
        Some(u) => u,
        None => {
            report.error = Some((
                "the page does not say where it was published, and a guide needs its source".into(),
                format!(
                    "pass its address: prayer-guide import {} --source-url https://...",
                    path.display()
                ),
            ));
            return report;
        }
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        report.error = Some((
            format!("`{url}` is not a web address"),
            "pass the page's full address, starting with https://".into(),
        ));
        return report;
    }
    report.lines.push(format!("source: {url}"));
    let parts = match countries_of(&page, options.country.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            report.error = Some(e);
            return report;
        }
    };
    let title = page.title.clone().unwrap_or_else(|| url.clone());
    for (country, how, blocks) in parts {
        report.lines.push(format!(
            "country: {} ({}), {how}",
            country.name, country.code
        ));
        match guide_of(country, blocks, &page, &title, &url, options) {
            Ok((merged, lines)) => {
                report.lines.extend(lines);
                report.guides.push(merged);
            }
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        }
    }
    report
}

fn is_html(path: &Path, source: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => true,
        Some("txt" | "text" | "md") => false,
        _ => {
            let head = source
                .trim_start()
                .get(..200.min(source.trim_start().len()))
                .unwrap_or("")
                .to_ascii_lowercase();
            head.starts_with("<!doctype")
                || head.starts_with("<html")
                || head.starts_with("<!--") && head.contains("<html")
        }
    }
}

fn read_page(path: &Path, source: &str) -> Page {
    if is_html(path, source) {
        html::read(source)
    } else {
        text::read(source)
    }
}

type Problem = (String, String);

/// A country a page is about, how it was found, and the blocks about it.
type Part<'p> = (&'static Country, String, &'p [Block]);

/// The countries a page is about, how each was found, and the blocks about each.
fn countries_of<'p>(page: &'p Page, asked: Option<&str>) -> Result<Vec<Part<'p>>, Problem> {
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

/// The guide file for one country of a page: the parts found, merged with the guide there.
fn guide_of(
    country: &'static Country,
    blocks: &[Block],
    page: &Page,
    title: &str,
    url: &str,
    options: &Options,
) -> Result<(Merged, Vec<String>), Problem> {
    let mut lines = Vec::new();
    let content = sections::parts(blocks, page.lang.as_deref()).map_err(|m| match m {
        Missing::PrayerSection => (
            format!("no prayer points for {}: no heading such as “Please pray”, “Pray for”, “How to pray” or “Prayer points” (or “Oremos por”, “Motivos de oración”)", country.name),
            "a guide needs prayer points: import a page that has them, or write them by hand".into(),
        ),
        Missing::Points(heading) => (
            format!("no prayer points for {}: nothing after “{heading}” reads as a list", country.name),
            "put each point on a line of its own, or after a bullet (•, -, *, 1.)".into(),
        ),
    })?;
    if content.summary.is_empty() {
        lines.push("summary: no opening paragraphs found".into());
    } else {
        lines.push(format!(
            "summary: {} paragraph{}, from “{}”",
            content.summary.len(),
            if content.summary.len() == 1 { "" } else { "s" },
            snippet(&content.summary[0])
        ));
    }
    if let Some(s) = &content.story {
        lines.push(format!("story: “{}”: “{}”", s.pseudonym, snippet(&s.quote)));
    }
    lines.push(format!("prayer points after “{}”:", content.prayer_heading));
    for p in &content.points {
        lines.push(format!("  point: {p}"));
    }
    for (text, why) in &content.unused {
        lines.push(format!(
            "not used: {}",
            sections::describe_unused(text, why)
        ));
    }
    let existing = merge::find_guide(&options.into, country.code).map_err(|e| {
        (
            e.to_string(),
            "check that --into names the guides folder".to_string(),
        )
    })?;
    if existing.is_none() && content.summary.is_empty() {
        return Err((
            format!("no opening paragraphs for a new guide for {}", country.name),
            "a new guide needs a summary: import a page with a few paragraphs before its prayer points".into(),
        ));
    }
    let draft = Draft {
        code: country.code.to_string(),
        name: country.name_in(&content.lang).to_string(),
        region: country.region.to_string(),
        summary: content.summary,
        story: content.story,
        points: content.points,
        source_title: title.to_string(),
        source_url: url.to_string(),
    };
    if existing.is_none() {
        let path = options
            .into
            .join(format!("{}.toml", merge::slug(&draft.name)));
        if path.exists() {
            return Err((
                format!(
                    "{} exists and is not the guide for {} (its `code` differs or it does not parse)",
                    path.display(),
                    draft.code
                ),
                "fix that file's `code`, or move it, then import again".into(),
            ));
        }
    }
    let merged = merge::merge(
        &draft,
        &options.into,
        existing,
        options.replace_summary,
        options.today,
    )
    .map_err(|e| {
        (
            e.to_string(),
            "fix the guide file, then import again".to_string(),
        )
    })?;
    Ok((merged, lines))
}

/// Writes a merged guide unless it is unchanged; returns whether it wrote.
pub fn write(merged: &Merged) -> Result<bool, crate::error::Error> {
    if merged.action == Action::Unchanged {
        return Ok(false);
    }
    if let Some(dir) = merged.path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::error::Error::io("create the folder", dir, e))?;
    }
    // Atomically: an editor's guide is never left half-written.
    crate::atomic::write(
        &merged.path,
        merged.text.as_bytes(),
        crate::atomic::Durability::Synced,
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

    /// Pieces of the pages the importer meets, to build pages that reach deep into it.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<ul><li>",
        "</li>",
        "</ul>",
        "<ol><li>",
        "<h2>",
        "</h2>",
        "<h1>",
        "</h1>",
        "<br>",
        "<article>",
        "</article>",
        "<main>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<blockquote>",
        "</blockquote>",
        "<div class=\"share\">",
        "</div>",
        "<!DOCTYPE html>",
        "<!-- saved from url=(0022)https://x.example/p -->",
        "<html lang=\"es\">",
        "<title>",
        "</title>",
        "Please pray",
        "Pray for:",
        "How to pray",
        "Prayer points",
        "Oremos por",
        "Motivos de oración",
        "Meet “John”",
        "John's story",
        "Testimony",
        "“",
        "”",
        "\"",
        "• ",
        "- ",
        "* ",
        "◦ ",
        "1. ",
        "2) ",
        "(3) ",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        ":",
        ".",
        "Kazakhstan",
        "Kazakh",
        "the DPRK",
        "Malaysia, India",
        "#15 in Christian Persecution, ",
        "Algeria",
        "Turkmenstan",
        "Recent Posts",
        "See All",
        "1 view0 comments",
        "YES - I WILL PRAY",
        "top of page",
        "Home",
        "Believers meet in homes and are fined for it every year.",
        "for the pastors",
        "That the courts would be fair",
        "\\",
        "\"\"\"",
        "'''",
        "\u{0}",
        "\u{7}",
        "\t",
        "https://x.example/a",
        "é",
        "\u{301}",
        "Ü",
        "&amp;",
        "<",
        ">",
    ];

    fn pages() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// No page makes the importer panic or run long, and every draft it makes passes
        /// `check` (but for being a draft) and is unchanged by importing the page again.
        #[test]
        fn no_page_panics_hangs_or_makes_a_bad_draft(source in pages()) {
            let start = Instant::now();
            let options = Options {
                into: PathBuf::from("target/no-such-folder"),
                source_url: Some("https://x.example/p".into()),
                country: None,
                replace_summary: false,
                today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            };
            for page in [html::read(&source), text::read(&source)] {
                let Ok(found) = countries_of(&page, None) else { continue };
                for (country, _, blocks) in found {
                    let Ok((merged, _)) =
                        guide_of(country, blocks, &page, "A page", "https://x.example/p", &options)
                    else {
                        continue;
                    };
                    let file = crate::content::source::SourceFile {
                        path: merged.path.clone(),
                        text: merged.text.clone(),
                    };
                    let diagnostics = crate::content::guide::check_file(&file);
                    prop_assert!(!diagnostics.has_errors(), "{}\n{}", diagnostics, merged.text);
                    let content = sections::parts(blocks, page.lang.as_deref()).unwrap();
                    let draft = Draft {
                        code: country.code.into(),
                        name: country.name_in(&content.lang).into(),
                        region: country.region.into(),
                        summary: content.summary,
                        story: content.story,
                        points: content.points,
                        source_title: "A page".into(),
                        source_url: "https://x.example/p".into(),
                    };
                    let existing = Some((merged.path.clone(), merged.text.clone()));
                    let again = merge::merge(&draft, &options.into, existing, false, options.today)
                        .unwrap();
                    prop_assert_eq!(again.action, Action::Unchanged, "{}", again.lines.join("; "));
                }
            }
            prop_assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
        }
    }

    fn page(title: &str, paragraphs: &[&str]) -> Page {
        Page {
            title: Some(title.into()),
            blocks: paragraphs
                .iter()
                .map(|p| Block {
                    kind: if p.len() < 20 {
                        Kind::Heading
                    } else {
                        Kind::Paragraph
                    },
                    text: p.to_string(),
                    line: None,
                })
                .collect(),
            ..Page::default()
        }
    }

    fn codes(p: &Page) -> Result<Vec<&'static str>, Problem> {
        countries_of(p, None).map(|v| v.iter().map(|(c, _, _)| c.code).collect())
    }

    #[test]
    fn finds_the_country_in_each_title_shape() {
        assert_eq!(
            codes(&page("Kazakhstan - Christians Persecuted", &[])).unwrap(),
            ["KZ"]
        );
        assert_eq!(
            codes(&page("#15 in Christian Persecution, Algeria", &[])).unwrap(),
            ["DZ"]
        );
        assert_eq!(
            codes(&page(
                "Standing firm",
                &["Believers in the DPRK risk prison for a Bible."]
            ))
            .unwrap(),
            ["KP"]
        );
        assert_eq!(codes(&page("Kazakh believers fined", &[])).unwrap(), ["KZ"]);
    }

    #[test]
    fn several_countries_split_by_heading_or_ask() {
        let p = page(
            "Prayer Shields, Malaysia, India",
            &[
                "Malaysia",
                "Text about the church there.",
                "India",
                "Text about the church there.",
            ],
        );
        assert_eq!(codes(&p).unwrap(), ["MY", "IN"]);
        let p = page(
            "Prayer Shields, Malaysia, India",
            &["One text about both of them together."],
        );
        let (message, help) = codes(&p).unwrap_err();
        assert!(message.contains("Malaysia (MY), India (IN)"), "{message}");
        assert!(help.contains("--country MY"), "{help}");
    }

    #[test]
    fn an_unknown_country_lists_near_matches() {
        let p = page(
            "News from Turkmenstan",
            &["The church there meets in homes every week."],
        );
        let (message, help) = codes(&p).unwrap_err();
        assert!(message.contains("no country is named"), "{message}");
        assert!(help.contains("Turkmenistan (TM)"), "{help}");
    }
}
