//! What `import` reads, wherever it comes from: a saved file, a page fetched over HTTP, or the
//! letters of a ministry's feed (their full text when the feed carries it, else their pages,
//! fetched). Each becomes the bytes of one page and the address it was found at.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::feed;
use super::fetch::Fetcher;
use super::which::Problem;

/// One page to import.
#[derive(Debug, Clone)]
pub struct Input {
    /// How the report names it: the file, or the address.
    pub name: PathBuf,
    /// The page's bytes, or why there are none.
    pub bytes: Result<Vec<u8>, Problem>,
    /// The encoding the server named, for pages fetched over HTTP.
    pub charset: Option<String>,
    /// The address it came from, used when the page does not name its own.
    pub url: Option<String>,
}

/// Whether a command-line page is a web address rather than a file.
pub fn is_address(page: &Path) -> bool {
    page.to_str()
        .is_some_and(|p| p.starts_with("https://") || p.starts_with("http://"))
}

/// A saved file, or a page fetched from its address.
pub fn page(page: &Path, fetcher: &Fetcher) -> Input {
    if is_address(page) {
        let url = page.to_string_lossy().into_owned();
        return fetched(&url, fetcher);
    }
    Input {
        name: page.to_path_buf(),
        bytes: std::fs::read(page).map_err(|e| {
            (
                format!("cannot read it: {e}"),
                "check the path; pass saved .html or .txt pages, or https:// addresses".into(),
            )
        }),
        charset: None,
        url: None,
    }
}

fn fetched(url: &str, fetcher: &Fetcher) -> Input {
    match fetcher.get(url) {
        Ok(f) => Input {
            name: PathBuf::from(url),
            bytes: Ok(f.bytes),
            charset: f.charset,
            url: Some(f.url),
        },
        Err(e) => Input {
            name: PathBuf::from(url),
            bytes: Err(e.into_problem()),
            charset: None,
            url: None,
        },
    }
}

/// The letters of a feed (an address or a saved file), newest first: at most `limit`, none
/// published before `since`. Returns the pages and a line for each entry left out.
pub fn feed(
    source: &str,
    fetcher: &Fetcher,
    since: Option<NaiveDate>,
    limit: usize,
) -> Result<(Vec<Input>, Vec<String>), Problem> {
    let (bytes, feed_url) = if is_address(Path::new(source)) {
        let f = fetcher.get(source).map_err(|e| e.into_problem())?;
        (f.bytes, f.url)
    } else {
        let bytes = std::fs::read(source).map_err(|e| {
            (
                format!("cannot read the feed {source}: {e}"),
                "pass the feed's address (https://…/feed) or a saved copy of it".to_string(),
            )
        })?;
        // A saved feed's relative links resolve against nothing better than its entries' own.
        (bytes, "https://feed.invalid/".to_string())
    };
    let read = feed::entries(&bytes, &feed_url).map_err(|e| e.into_problem())?;
    let mut notes = read.skipped.clone();
    let chosen = feed::plan(&read, since, limit);
    let left = read.entries.len() - chosen.len();
    if left > 0 {
        notes.push(format!(
            "{left} older entr{} not read (--limit {limit}{})",
            if left == 1 { "y" } else { "ies" },
            since.map(|d| format!(", --since {d}")).unwrap_or_default()
        ));
    }
    let inputs = chosen
        .into_iter()
        .map(|e| match &e.html {
            Some(html) => Input {
                name: PathBuf::from(&e.url),
                bytes: Ok(document(e.title.as_deref(), &e.url, html).into_bytes()),
                charset: Some("utf-8".into()),
                url: Some(e.url.clone()),
            },
            None => fetched(&e.url, fetcher),
        })
        .collect();
    Ok((inputs, notes))
}

/// A feed entry's HTML as a page of its own, with its title and address.
fn document(title: Option<&str>, url: &str, body: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"canonical\" href=\"{}\"></head><body><article>\n{body}\n</article></body></html>\n",
        escape(title.unwrap_or("")),
        escape(url)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_entry_with_its_text_is_a_page_with_its_title_and_address() {
        let page = document(
            Some("Kazakhstan <update> & news"),
            "https://a.example/kz?x=1&y=2",
            "<p>Text</p>",
        );
        let read = crate::import::html::read(&page);
        assert_eq!(read.title.as_deref(), Some("Kazakhstan <update> & news"));
        assert_eq!(read.url.as_deref(), Some("https://a.example/kz?x=1&y=2"));
    }

    #[test]
    fn a_saved_feed_gives_its_letters_newest_first() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/feeds");
        let (inputs, _) = feed(
            dir.join("wordpress.rss").to_str().unwrap(),
            &Fetcher::new(),
            None,
            2,
        )
        .unwrap();
        assert_eq!(inputs.len(), 2);
        assert!(inputs.iter().all(|i| i.bytes.is_ok()), "{inputs:?}");
        assert!(
            inputs
                .iter()
                .all(|i| i.url.as_deref().is_some_and(|u| u.starts_with("http")))
        );
    }
}
