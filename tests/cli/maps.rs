//! Locator maps and the facts line: on the day page, the weekly sheet (HTML and PDF), the
//! site's day and country pages and the HTML digest; never an empty facts line; the PDF sheet
//! still one page on A4 and Letter over a year of the library with its maps.

use std::path::Path;

use mail_parser::MessageParser;

use crate::pdf::text;
use crate::smtp::Smtp;
use crate::{Project, files_under};

/// The small fixture, Alphaland with a watch list place and the Christians' share: the figures
/// the weekly sheet shows. Betastan and Gamma Republic have no facts at all.
fn project() -> Project {
    let p = Project::fixture("small");
    project_facts(&p);
    p
}

/// Alphaland's day.
const DAY: &str = "2026-11-23";
const FACTS: &str = "World Watch List 2026: No. 12 (score 80, extreme)";
const MAP: &str = "role=\"img\" aria-label=\"Location map: Alphaland\"><title>Location map: \
                   Alphaland</title>";

/// The inline SVG maps of `html`, by their labels.
fn maps(html: &str) -> Vec<&str> {
    html.split("<svg ")
        .skip(1)
        .map(|svg| {
            let label = svg.split("aria-label=\"").nth(1).unwrap_or_default();
            label.split('"').next().unwrap_or_default()
        })
        .collect()
}

#[test]
fn the_day_page_the_sheet_the_site_and_the_digest_show_the_map_and_the_figures() {
    let p = project();
    let day = p
        .run(&[
            "build", "--date", DAY, "--day", "--stdout", "--format", "html",
        ])
        .ok();
    assert!(day.contains(MAP), "{day}");
    assert_eq!(maps(&day), ["Location map: Alphaland"]);
    // The day page lists every figure; the map is drawn as shapes, no text and no script.
    assert!(day.contains(&format!("<li>{FACTS}</li>")), "{day}");
    assert!(day.contains("<li>Christians: 2.5% (2025)</li>"), "{day}");
    let svg = &day[day.find("<svg").unwrap()..day.find("</svg>").unwrap()];
    assert!(!svg.contains("<script") && !svg.contains("<text"), "{svg}");
    assert!(
        svg.contains("fill=\"#7a2e2e\""),
        "the country is not highlighted: {svg}"
    );

    // The sheet: a map for each country day, and Alphaland's figures in one line.
    let week = p
        .run(&[
            "build", "--date", DAY, "--week", "--stdout", "--format", "html",
        ])
        .ok();
    let labels = maps(&week);
    assert!(labels.contains(&"Location map: Alphaland"), "{labels:?}");
    assert!(labels.contains(&"Location map: Betastan"), "{labels:?}");
    let days = week.matches("<section class=\"day\">").count();
    let themes = days - labels.len();
    assert!(themes <= 1, "{days} days, {} maps", labels.len());
    assert!(
        week.contains(&format!(
            "<p class=\"facts\">{FACTS} · Christians: 2.5% (2025)</p>"
        )),
        "{week}"
    );

    // The site's day and country pages.
    p.run(&[
        "build", "--site", "--from", DAY, "--to", DAY, "--date", DAY, "--out", "site",
    ])
    .ok();
    for page in [
        format!("site/days/{DAY}.html"),
        "site/countries/al.html".into(),
    ] {
        let html = p.read(&page);
        assert_eq!(maps(&html), ["Location map: Alphaland"], "{page}");
        assert!(html.contains(FACTS), "{page}: {html}");
    }

    // The HTML digest of the day, and of its week.
    let smtp = Smtp::start();
    let p = crate::email::project_with_email(smtp.port, "");
    project_facts(&p);
    crate::email::add(&p, "anna@example.org", &[]);
    crate::email::add(&p, "bo@example.org", &["--cadence", "weekly"]);
    let out = p.run(&["send", "--date", DAY, "--to-dir", "outbox"]).ok();
    let mut digests = 0;
    for file in files_under(&p.path("outbox")) {
        let raw = std::fs::read(&file).unwrap();
        let m = MessageParser::default().parse(&raw).unwrap();
        let html = m.body_html(0).unwrap().to_string();
        assert!(
            maps(&html).contains(&"Location map: Alphaland"),
            "{out}: {html}"
        );
        assert!(html.contains(FACTS), "{html}");
        eprintln!("{}: {} bytes", file.display(), raw.len());
        // Gmail clips a message past 102 KB.
        assert!(
            raw.len() < 60_000,
            "{}: {} bytes",
            file.display(),
            raw.len()
        );
        digests += 1;
    }
    assert_eq!(digests, 2, "{out}");
}

/// Alphaland's watch list place and Christians' share, in a copy of the small fixture.
fn project_facts(p: &Project) {
    p.replace(
        "guides/alpha.toml",
        "as_of = 2025\n",
        "as_of = 2025\nchristians_percent = 2.5\n\
         watch_list = { name = \"World Watch List\", year = 2026, rank = 12, score = 80 }\n",
    );
}

#[test]
fn a_guide_without_facts_prints_no_facts_line_but_still_its_map() {
    let p = project();
    // Betastan's day: no facts in its guide.
    let day = p
        .run(&[
            "build",
            "--date",
            "2026-11-24",
            "--day",
            "--stdout",
            "--format",
            "html",
        ])
        .ok();
    assert!(day.contains("<h1>Betastan</h1>"), "{day}");
    assert!(!day.contains("class=\"facts\""), "{day}");
    assert_eq!(maps(&day), ["Location map: Betastan"]);
    let plain = p
        .run(&[
            "build",
            "--date",
            "2026-11-24",
            "--day",
            "--stdout",
            "--format",
            "txt",
        ])
        .ok();
    assert!(
        !plain.contains("World Watch List") && !plain.contains("Population"),
        "{plain}"
    );
    // On the sheet only Alphaland's days have a facts line, and none is empty.
    let week = p
        .run(&[
            "build", "--date", DAY, "--week", "--stdout", "--format", "html",
        ])
        .ok();
    let alpha = maps(&week)
        .iter()
        .filter(|l| **l == "Location map: Alphaland")
        .count();
    assert!((1..7).contains(&alpha), "{alpha}");
    let lines: Vec<&str> = week.split("<p class=\"facts\">").skip(1).collect();
    assert_eq!(lines.len(), alpha, "{week}");
    assert!(lines.iter().all(|l| l.starts_with(FACTS)), "{lines:?}");
    // Nor in the PDF: Alphaland's figures once a day of Alphaland.
    p.run(&[
        "build", "--date", DAY, "--week", "--format", "pdf", "--out", "pdf",
    ])
    .ok();
    let path = p.path(&format!("pdf/weeks/{DAY}.pdf"));
    let sheet = text(&path);
    assert_eq!(
        sheet.matches("WorldWatchList2026").count(),
        alpha,
        "{sheet}"
    );
    assert_eq!(sheet.matches("Christians:").count(), alpha, "{sheet}");
}

/// The texts of the PDF's alternative descriptions (`/Alt`): what a screen reader says for
/// each image.
fn alt_texts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|alt| alt.as_str().ok())
        .map(text_string)
        .collect();
    alts.sort();
    alts
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after its mark (PDF 2.0), else
/// PDFDocEncoding, which agrees with Latin-1 on letters.
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

#[test]
fn the_pdf_sheet_carries_the_maps_and_figures() {
    let p = project();
    p.run(&[
        "build", "--date", DAY, "--week", "--format", "pdf", "--large", "--out", "pdf",
    ])
    .ok();
    let sheet = p.path(&format!("pdf/weeks/{DAY}.pdf"));
    let alts = alt_texts(&sheet);
    assert!(
        alts.iter().any(|a| a == "Location map: Alphaland"),
        "{alts:?}"
    );
    assert!(
        alts.iter().any(|a| a == "Location map: Betastan"),
        "{alts:?}"
    );
    let text = text(&sheet);
    assert!(
        text.contains("WorldWatchList2026:No.12(score80,extreme)·Christians:2.5%(2025)"),
        "{text}"
    );
    // Large print too; the bulletin lists a line a day, without maps.
    let large = alt_texts(&p.path(&format!("pdf/weeks/{DAY}.large.pdf")));
    assert!(
        large.iter().any(|a| a == "Location map: Alphaland"),
        "{large:?}"
    );
    let bulletin = alt_texts(&p.path(&format!("pdf/weeks/{DAY}.bulletin.pdf")));
    assert!(
        !bulletin.iter().any(|a| a.starts_with("Location map")),
        "{bulletin:?}"
    );
}

/// Asserts that every weekly sheet under `out` is one page with its maps, or that `build`
/// (whose `stderr` this is) said which left them out; at most two weeks may.
pub fn assert_sheets_keep_their_maps(out: &Path, stderr: &str, paper: &str) {
    let (mut sheets, mut maps, mut without) = (0, 0, Vec::new());
    for file in files_under(&out.join("weeks")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let Some(start) = name.strip_suffix(".pdf") else {
            continue;
        };
        if start.contains('.') {
            continue;
        }
        let doc = lopdf::Document::load(&file).unwrap();
        assert_eq!(doc.get_pages().len(), 1, "{paper}: {name}");
        sheets += 1;
        let n = alt_texts(&file)
            .iter()
            .filter(|a| a.starts_with("Location map: "))
            .count();
        // A week drops its maps only with its leads and figures, and says so.
        if n == 0 {
            assert!(
                stderr.contains(&format!("weeks/{start}.pdf")) && stderr.contains("maps"),
                "{paper}: {name} has no maps and build said nothing: {stderr}"
            );
            without.push(name);
        }
        maps += n;
    }
    eprintln!("{paper}: {sheets} sheets, {maps} maps; without maps: {without:?}");
    assert!(sheets >= 52, "{paper}: {sheets} sheets");
    assert!(without.len() <= 2, "{paper}: {without:?}");
}

#[test]
fn the_sheet_keeps_one_page_with_its_maps_over_a_year_on_letter() {
    let p = Project::repository();
    let run = p.run(&[
        "build",
        "--from",
        "2027-01-04",
        "--to",
        "2028-01-02",
        "--week",
        "--format",
        "pdf",
        "--paper",
        "letter",
        "--out",
        "year",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_sheets_keep_their_maps(&p.path("year"), &run.stderr, "letter");
}
