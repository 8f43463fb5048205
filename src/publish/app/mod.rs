//! The site as an installable app that reads offline: a web app manifest, its icons, a service
//! worker and the page script. Only public sites get the manifest, icons and worker: a private
//! site's restricted points are never put into a browser's long-lived storage (see
//! [`documents`]); its pages get the script for the "Today" and "I will pray" buttons.
//!
//! Everything is written from the site's own files, so a rebuild of the same days writes the
//! same bytes: the worker's cache version is a hash of every other file of the site.

mod icons;

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use crate::error::Error;
use crate::publish::output::Document;

/// The manifest, the worker, the page script and the page the app opens on.
pub const MANIFEST: &str = "manifest.webmanifest";
pub const WORKER: &str = "sw.js";
pub const SCRIPT: &str = "app.js";
pub const TODAY: &str = "today.html";

/// How many days ahead the worker keeps for reading offline.
pub const OFFLINE_DAYS: u32 = 30;

const WORKER_JS: &str = include_str!("worker.js");
const PAGE_JS: &str = include_str!("page.js");

/// What pages know of the app (`site.app`): the days a "Today" button can open.
#[derive(Debug, Clone, Serialize)]
pub struct AppView {
    pub from: String,
    pub to: String,
    /// The manifest, icons and worker are there (public sites).
    pub installable: bool,
    /// The manifest's theme colour, for `<meta name="theme-color">`.
    pub theme_color: String,
}

/// The manifest's words and the days the worker keeps.
pub struct AppSite<'a> {
    pub title: &'a str,
    /// The name under the icon: `[output] short_name`, else one made from the title.
    pub short_name: Option<&'a str>,
    pub lang: &'a str,
    pub dir: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    /// The first day of every week of the site, in order.
    pub weeks: Vec<String>,
}

/// The theme colour: the site's accent.
pub fn theme_color() -> String {
    let (r, g, b) = icons::ACCENT;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The page script, which every site carries.
pub fn script() -> Document {
    Document::text(SCRIPT, PAGE_JS.to_string())
}

/// The manifest, icons and worker of a public site whose other files are `site`.
pub fn documents(app: &AppSite, site: &[Document]) -> Result<Vec<Document>, Error> {
    let mut out = Vec::new();
    for icon in &icons::ICONS {
        out.push(Document {
            path: icon.path.into(),
            text: String::new(),
            bytes: Some(icons::png(icon).map_err(Error::Usage)?),
        });
    }
    out.push(Document::text(MANIFEST, manifest(app)));
    let version = version(site.iter().chain(&out));
    let mut shell: Vec<&str> = vec!["", "index.html", TODAY, SCRIPT, MANIFEST];
    shell.extend(icons::ICONS.iter().map(|i| i.path));
    let config = json!({
        "version": version,
        "from": app.from,
        "to": app.to,
        "weeks": app.weeks,
        "days": OFFLINE_DAYS,
        "shell": shell,
        "privateMark": crate::publish::private::HTML_MARK.trim_end(),
    });
    out.push(Document::text(
        WORKER,
        format!("const CONFIG = {config};\n{WORKER_JS}"),
    ));
    Ok(out)
}

/// The web app manifest: every address relative to it, so the site installs from any path.
fn manifest(app: &AppSite) -> String {
    let icons: Vec<_> = icons::ICONS
        .iter()
        .map(|i| {
            json!({
                "src": i.path,
                "sizes": format!("{0}x{0}", i.size),
                "type": "image/png",
                "purpose": if i.maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    let manifest = json!({
        "name": app.title,
        "short_name": app.short_name.map_or_else(|| short_name(app.title), str::to_string),
        "id": "./",
        "start_url": TODAY,
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color(),
        "lang": app.lang,
        "dir": app.dir,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// A name short enough for a phone's home screen (about 12 characters): the title if it
/// fits, else its first words that fit, else its initials.
pub fn short_name(title: &str) -> String {
    const FITS: usize = 12;
    let title = title.trim();
    if title.chars().count() <= FITS {
        return title.to_string();
    }
    let mut words = String::new();
    for word in title.split_whitespace() {
        let longer = if words.is_empty() {
            word.to_string()
        } else {
            format!("{words} {word}")
        };
        if longer.chars().count() > FITS {
            break;
        }
        words = longer;
    }
    // Nor does a name end on a little word ("Praying for").
    let mut kept: Vec<&str> = words.split_whitespace().collect();
    while kept.len() > 1 && kept.last().is_some_and(|w| w.chars().count() <= 3) {
        kept.pop();
    }
    let words = kept.join(" ");
    // One word is not a name when the title has many ("Praying"): its initials say more.
    if words.split_whitespace().count() >= 2 {
        return words;
    }
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .take(FITS)
        .collect();
    if initials.chars().count() >= 2 {
        initials
    } else {
        title.chars().take(FITS).collect()
    }
}

/// A hash of files' paths and contents, in path order: the worker's cache version.
fn version<'a>(docs: impl Iterator<Item = &'a Document>) -> String {
    let mut docs: Vec<&Document> = docs.collect();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hash = ring::digest::Context::new(&ring::digest::SHA256);
    for doc in docs {
        hash.update(path_bytes(&doc.path));
        hash.update(b"\0");
        hash.update(doc.bytes.as_deref().unwrap_or(doc.text.as_bytes()));
        hash.update(b"\0");
    }
    hash.finish().as_ref()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> AppSite<'static> {
        AppSite {
            title: "Praying for the Persecuted Church",
            short_name: None,
            lang: "en",
            dir: "ltr",
            from: "2027-01-01",
            to: "2027-01-31",
            weeks: vec!["2026-12-28".into(), "2027-01-04".into()],
        }
    }

    fn file<'d>(docs: &'d [Document], path: &str) -> &'d Document {
        docs.iter().find(|d| d.path == Path::new(path)).unwrap()
    }

    #[test]
    fn the_manifest_names_the_app_and_its_icons_relative_to_itself() {
        let docs = documents(&site(), &[]).unwrap();
        let m: serde_json::Value = serde_json::from_str(&file(&docs, MANIFEST).text).unwrap();
        assert_eq!(m["name"], "Praying for the Persecuted Church");
        assert_eq!(m["short_name"], "PFTPC");
        assert_eq!(m["start_url"], "today.html");
        assert_eq!(m["scope"], "./");
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["theme_color"], "#7a2e2e");
        let sizes: Vec<(&str, &str)> = m["icons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["sizes"].as_str().unwrap(), i["purpose"].as_str().unwrap()))
            .collect();
        assert_eq!(
            sizes,
            [
                ("192x192", "any"),
                ("512x512", "any"),
                ("512x512", "maskable")
            ]
        );
        for icon in m["icons"].as_array().unwrap() {
            let path = icon["src"].as_str().unwrap();
            assert!(file(&docs, path).bytes.is_some(), "{path}");
        }
    }

    #[test]
    fn the_worker_version_follows_the_sites_content_and_nothing_else() {
        let page = |text: &str| vec![Document::text("days/2027-01-01.html", text.to_string())];
        let worker = |docs: &[Document]| {
            file(&documents(&site(), docs).unwrap(), WORKER)
                .text
                .clone()
        };
        let first = worker(&page("<p>one</p>"));
        assert_eq!(first, worker(&page("<p>one</p>")));
        assert_ne!(first, worker(&page("<p>two</p>")));
        assert!(first.starts_with("const CONFIG = {"), "{first}");
        assert!(first.contains("\"days\":30"), "{first}");
        assert!(first.contains("prayer-guide-private"), "{first}");
    }

    #[test]
    fn a_short_name_fits_under_an_icon() {
        assert_eq!(short_name("Pray Daily"), "Pray Daily");
        assert_eq!(short_name("Praying for the Persecuted Church"), "PFTPC");
        assert_eq!(short_name("Open Doors prayer calendar"), "Open Doors");
        assert_eq!(short_name("Gebetskalenderfürdieverfolgten"), "Gebetskalend");
    }
}
