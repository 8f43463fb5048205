//! The site's archive of urgent alerts, `alerts.html`: every alert issued by the site's today,
//! newest first, each with its date and an anchor the chat posts link to.

use serde::Serialize;

use crate::error::Error;
use crate::publish::assemble::{AlertView, Assembler};
use crate::publish::output::Document;
use crate::publish::render::Renderer;
use crate::publish::site::SiteView;

/// The page template, which extends the site's layout.
pub const TEMPLATE: &str = "site-alerts.html";

#[derive(Serialize)]
struct AlertsPage<'a> {
    lang: &'a str,
    dir: &'static str,
    site: &'a SiteView,
    root: &'static str,
    alerts: Vec<AlertView>,
}

/// `alerts.html`, or nothing when no alert was issued by `today` (a site without alerts stays
/// as it was).
pub fn render(
    assembler: &Assembler,
    renderer: &Renderer,
    site: &SiteView,
    today: chrono::NaiveDate,
) -> Result<Option<Document>, Error> {
    let mut alerts = assembler.alert_views(chrono::NaiveDate::MIN, today);
    if alerts.is_empty() {
        return Ok(None);
    }
    alerts.reverse();
    let page = AlertsPage {
        lang: assembler.locale.written_in().as_str(),
        dir: assembler.locale.direction(),
        site,
        root: "",
        alerts,
    };
    Ok(Some(Document::text(
        "alerts.html",
        renderer.page(TEMPLATE, &page)?,
    )))
}
