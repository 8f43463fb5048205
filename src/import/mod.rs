//! `import`: a ministry's saved prayer-letter pages into guide drafts. A page is read (HTML
//! through a real parser, or text), its country found, its parts taken, and the result merged
//! into the country's guide; every step says what it found and what it left out.
//!
//! page (html.rs | text.rs) ──▶ country (countries.rs) ──▶ parts (sections.rs) ──▶ merge.rs

/// The list of countries, their names and demonyms, and matching them in text.
pub mod countries;
/// A ministry's feed as the letters it links to, and which of them to import.
pub mod feed;
/// Fetching a page or a feed over HTTP, with a timeout and a size cap.
pub mod fetch;
/// Reading a saved HTML page and finding its main content.
pub mod html;
/// Pages from files, addresses and feeds.
pub mod inputs;
/// Writing a draft, or merging into an existing guide without losing anything.
pub mod merge;
/// Whether a page marks a name as a pseudonym.
pub mod names;
/// The page as blocks, and the rules for site furniture both readers share.
pub mod page;
/// From a saved file to a page.
pub mod read;
/// The pages read before, by address and content.
pub mod record;
/// Summary, story and prayer points from a page's blocks.
pub mod sections;
/// Where imports wait for review: `guides/drafts/`.
pub mod staging;
/// Reading a page saved as plain text.
pub mod text;
/// A page in another language, as a translation.
pub mod translate;
/// Which countries a page is about.
pub mod which;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use countries::Country;
use merge::{Action, Draft, Merged};
use page::{Block, Page, snippet};

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The guides folder: live guides are read from it, imports staged in its `drafts/`.
    pub into: PathBuf,
    /// The page's address, used when the page does not name its own.
    pub source_url: Option<String>,
    /// The country, when the page names several or none.
    pub country: Option<String>,
    pub replace_summary: bool,
    /// The day written into the drafts' notes and sources' `accessed`.
    pub today: NaiveDate,
    /// The language the guides are written in (`guides_language`); a page in another one is
    /// staged as a translation.
    pub guides_language: String,
    /// Read a page again even though the record has it.
    pub force: bool,
    /// The headings and verbs to look for, with the project's own; `None` for the built-in.
    pub lexicon: Option<std::sync::Arc<sections::Lexicon>>,
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
    /// The page's address and the SHA-256 of its bytes, once known.
    pub url: Option<String>,
    pub hash: String,
    /// The day the record says these very bytes were imported, when they were.
    pub already: Option<record::Entry>,
}

/// Reads one saved page and works out the guide files it gives. Nothing is written.
pub fn import_page(path: &Path, options: &Options, record: &record::Record) -> PageReport {
    match std::fs::read(path) {
        Ok(bytes) => import_bytes(path, &bytes, None, options, record),
        Err(e) => PageReport {
            path: path.to_path_buf(),
            error: Some((
                format!("cannot read it: {e}"),
                "check the path; pass saved .html or .txt pages".into(),
            )),
            ..PageReport::default()
        },
    }
}

/// Works out the guide files a page's bytes give (`name` names the page in the report: its file
/// or its address; `charset` is what an HTTP server said of its encoding). Nothing is written.
pub fn import_bytes(
    name: &Path,
    bytes: &[u8],
    charset: Option<&str>,
    options: &Options,
    record: &record::Record,
) -> PageReport {
    let mut report = PageReport {
        path: name.to_path_buf(),
        hash: record::hash(bytes),
        ..PageReport::default()
    };
    let read = match read::read_with(name, bytes, charset) {
        Ok(r) => r,
        Err(e) => {
            report.error = Some(e);
            return report;
        }
    };
    report.lines.extend(read.notes);
    let page = read.page;
    let lines = &mut report.lines;
    match &page.title {
        Some(t) => lines.push(format!("title: “{t}”")),
        None => lines.push("title: none found".into()),
    }
    for i in &page.ignored {
        let place = i.line.map(|n| format!(" (line {n})")).unwrap_or_default();
        lines.push(format!("ignored{place}: “{}”: {}", snippet(&i.text), i.why));
    }
    // The page's own address wins: a default given for a batch must not rename a page that
    // says where it lives.
    let url = match (page.url.clone(), options.source_url.clone()) {
        (Some(own), Some(given)) if own != given => {
            report.lines.push(format!(
                "source: the page names its own address; --source-url {given} not used"
            ));
            own
        }
        (Some(own), _) => own,
        (None, Some(given)) => given,
        (None, None) => {
            report.error = Some((
                "the page does not say where it was published, and a guide needs its source".into(),
                format!(
                    "pass its address: prayer-guide import {} --source-url https://... (or --sources FILE for many pages)",
                    name.display()
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
    report.url = Some(url.clone());
    match record.known(&url, &report.hash) {
        record::Known::Same(entry) if !options.force => {
            report.already = Some(entry.clone());
            return report;
        }
        record::Known::Same(entry) => report.lines.push(format!(
            "imported before on {}; read again (--force)",
            entry.day
        )),
        record::Known::Changed(entry) => report.lines.push(format!(
            "imported before on {}; the page has changed since, so it is read again",
            entry.day
        )),
        record::Known::New => {}
    }
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

pub(crate) use which::{Problem, countries_of};

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
    let lexicon = options
        .lexicon
        .as_deref()
        .unwrap_or(sections::Lexicon::builtin());
    let content = sections::parts_with(blocks, page.lang.as_deref(), lexicon)
        .map_err(|m| m.explain(country.name, blocks, page.lang.as_deref()))?;
    lines.push(format!(
        "language: {}{}",
        content.lang,
        if content.lang_how.is_empty() {
            String::new()
        } else {
            format!(" ({})", content.lang_how)
        }
    ));
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
    if content.prayer_heading.is_empty() {
        lines.push("prayer points (a list without a heading):".into());
    } else {
        lines.push(format!("prayer points after “{}”:", content.prayer_heading));
    }
    for p in &content.points {
        lines.push(format!("  point: {p}"));
    }
    for p in &content.praise {
        lines.push(format!("  praise: {p}"));
    }
    for (text, why) in &content.unused {
        lines.push(format!(
            "not used: {}",
            sections::describe_unused(text, why)
        ));
    }
    let folder_error = |e: crate::error::Error| {
        (
            e.to_string(),
            "check that --into names the guides folder".to_string(),
        )
    };
    let live = merge::find_guide(&options.into, country.code).map_err(folder_error)?;
    let staged = merge::find_guide(&staging::folder(&options.into, None), country.code)
        .map_err(folder_error)?;
    let lang = content.lang.clone();
    let draft = Draft {
        code: country.code.to_string(),
        name: country.name_in(&content.lang).to_string(),
        region: country.region.to_string(),
        name_marked: content
            .story
            .as_ref()
            .is_some_and(|s| names::marked(&s.pseudonym, blocks)),
        summary: content.summary,
        story: content.story,
        points: content.points,
        praise: content.praise,
        source_title: title.to_string(),
        source_url: url.to_string(),
    };
    if let Some(s) = &draft.story
        && !draft.name_marked
    {
        lines.push(format!(
            "the page does not say “{}” is a pseudonym: marked `pseudonym_unconfirmed` for an editor to check",
            s.pseudonym
        ));
    }
    // A page in another language than the guides' translates the guide it is about.
    let translation = lang != options.guides_language
        && crate::content::translation::language_folder(&lang).is_some();
    let base_file = staged.as_ref().or(live.as_ref()).map(|(p, _)| p.clone());
    if translation && let Some(base) = base_file {
        let file_name = base.file_name().unwrap_or_default().to_owned();
        let staged_path = staging::folder(&options.into, Some(&lang)).join(&file_name);
        let live_path = options.into.join(&lang).join(&file_name);
        let existing = read_if_there(&staged_path)
            .or_else(|| read_if_there(&live_path))
            .map(|text| text.replace("\r\n", "\n"));
        let merged = translate::merge(
            &draft,
            &lang,
            &options.into.join(&file_name).display().to_string(),
            staged_path,
            existing,
            options.today,
        )
        .map_err(|e| {
            (
                e.to_string(),
                "fix the translation file, then import again".into(),
            )
        })?;
        lines.push(format!(
            "the page is in `{lang}` ({}), the guides in `{}`: staged as a translation",
            content.lang_how, options.guides_language
        ));
        return Ok((merged, lines));
    }
    if translation {
        lines.push(format!(
            "the page is in `{lang}` ({}), the guides in `{}`, and there is no guide for {} yet: the draft is in `{lang}`; write it in `{}` before accepting it",
            content.lang_how, options.guides_language, country.code, options.guides_language
        ));
    }
    if staged.is_none() && live.is_none() && draft.summary.is_empty() {
        return Err((
            format!("no opening paragraphs for a new guide for {}", country.name),
            "a new guide needs a summary: import a page with a few paragraphs before its prayer points".into(),
        ));
    }
    // Staged beside the live guide: the copy already waiting, else a copy of the live guide,
    // else a new draft. The live guide itself is never written.
    let drafts = staging::folder(&options.into, None);
    let (existing, staged_path) = match (staged, live) {
        (Some((path, text)), _) => (Some((path.clone(), text)), path),
        (None, Some((path, text))) => {
            let copy = drafts.join(path.file_name().unwrap_or_default());
            if copy.exists() {
                return Err((
                    format!(
                        "{} exists and is not the staged import for {} (its `code` differs or it does not parse)",
                        copy.display(),
                        draft.code
                    ),
                    "fix that file's `code`, or move it, then import again".into(),
                ));
            }
            (Some((copy.clone(), text)), copy)
        }
        (None, None) => {
            let file = format!("{}.toml", merge::slug(&draft.name));
            for taken in [options.into.join(&file), drafts.join(&file)] {
                if taken.exists() {
                    return Err((
                        format!(
                            "{} exists and is not the guide for {} (its `code` differs or it does not parse)",
                            taken.display(),
                            draft.code
                        ),
                        "fix that file's `code`, or move it, then import again".into(),
                    ));
                }
            }
            (None, drafts.join(file))
        }
    };
    let mut merged = merge::merge(
        &draft,
        &drafts,
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
    merged.path = staged_path;
    Ok((merged, lines))
}

fn read_if_there(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
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
    use page::Kind;
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
                guides_language: "en".into(),
                force: false,
                lexicon: None,
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
                        praise: content.praise,
                        name_marked: true,
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

    /// Deep pages: an article inside thousands of nested elements of one kind.
    fn deep_pages() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec![
                "div", "span", "b", "ul", "li", "table", "blockquote", "section", "p", "font",
            ]),
            0..40_000usize,
        )
            .prop_map(|(tag, depth)| {
                let mut page = String::with_capacity(depth * 12 + 400);
                page.push_str("<!DOCTYPE html><title>Kazakhstan</title><body>");
                for _ in 0..depth {
                    page.push_str(&format!("<{tag}>"));
                }
                page.push_str(
                    "<p>Believers in Kazakhstan are fined for meeting in homes.</p>\
                     <h2>Please pray</h2><ul><li>for the churches</li><li>for the pastors</li></ul>",
                );
                for _ in 0..depth {
                    page.push_str(&format!("</{tag}>"));
                }
                page
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// However deep a page nests, reading it never overflows the stack, ends in bounded
        /// time, and gives no more text than the page holds (memory in proportion to the page).
        #[test]
        fn a_deep_page_is_read_in_bounded_time_and_memory(source in deep_pages()) {
            let start = Instant::now();
            let read = read::read(Path::new("deep.html"), source.as_bytes()).unwrap();
            let text: usize = read.page.blocks.iter().map(|b| b.text.len()).sum::<usize>()
                + read.page.ignored.iter().map(|i| i.text.len()).sum::<usize>();
            // In proportion to the page: on a small page the report of what was left out, in
            // its own words ("2 blocks, from “…”"), may run a few bytes past it; by a constant.
            prop_assert!(
                text <= source.len() + 256,
                "{text} bytes of text from a page of {}",
                source.len()
            );
            prop_assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
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
