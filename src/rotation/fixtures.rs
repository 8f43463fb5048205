//! Test guides and catalogs for the rotation's tests and the ledger's property test: the
//! smallest valid guide, with numbered points, and a catalog of guides held in memory.

use chrono::NaiveDate;

use crate::content::guide::{Catalog, Entry, Guide, Point, Source};
use crate::content::source::SourceFile;

/// A guide named "Country CODE" with `points` public points "CODE point N", reviewed
/// 2026-11-01, in "Region".
pub fn guide(code: &str, points: usize) -> Guide {
    Guide {
        name: format!("Country {code}"),
        code: code.into(),
        region: "Region".into(),
        reviewed: NaiveDate::from_ymd_opt(2026, 11, 1),
        since: None,
        retired: None,
        summary: "S.".into(),
        points: (0..points)
            .map(|i| Point {
                text: format!("{code} point {i}"),
                restricted: false,
            })
            .collect(),
        praise: vec![],
        scripture: None,
        facts: None,
        story: None,
        sources: vec![Source {
            title: "t".into(),
            url: "https://example.org".into(),
            accessed: None,
        }],
    }
}

/// The guides as a catalog, each as if read from `guides/CODE.toml`.
pub fn catalog<'a>(guides: impl IntoIterator<Item = &'a Guide>) -> Catalog {
    Catalog {
        entries: guides
            .into_iter()
            .map(|g| Entry {
                file: SourceFile {
                    path: format!("guides/{}.toml", g.code).into(),
                    text: String::new(),
                },
                guide: g.clone(),
            })
            .collect(),
        drafts: Vec::new(),
    }
}
