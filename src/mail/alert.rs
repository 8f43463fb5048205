//! Urgent alerts by email: an alert is an edition of its own (`alert-2026-12-07-ng`), mailed at
//! once to the active subscribers who chose urgent requests, through the digests' journal,
//! connections, limits and signature ([`crate::mail::send::run_alert`]). This module decides
//! which alerts are owed and renders one for the `email-alert` templates.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::content::alerts::Alert;
use crate::content::locale::Language;
use crate::content::project::Project;
use crate::error::Error;
use crate::mail::message::Edition;
use crate::publish::render::Renderer;

/// What the `email-alert` templates see as `alert` (each subscriber's part is added).
#[derive(Debug, Clone, Serialize)]
pub struct AlertView<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub until: NaiveDate,
    pub title: &'a str,
    /// Paragraphs.
    pub text: &'a [String],
    /// The guide's code, if it is about one country.
    pub country: Option<&'a str>,
    /// That guide's country name.
    pub country_name: Option<&'a str>,
    /// The site's archive of alerts at this one, when `[output] base_url` is set.
    pub alerts_url: Option<String>,
}

impl<'a> AlertView<'a> {
    pub fn new(project: &'a Project, alert: &'a Alert) -> AlertView<'a> {
        let country_name = alert.country.as_deref().and_then(|code| {
            project
                .catalog
                .entries
                .iter()
                .find(|e| e.guide.code == code)
                .map(|e| e.guide.name.as_str())
        });
        AlertView {
            id: &alert.id,
            date: alert.date,
            until: alert.until,
            title: &alert.title,
            text: &alert.text,
            country: alert.country.as_deref(),
            country_name,
            alerts_url: project
                .schedule
                .output
                .base_url
                .as_deref()
                .map(|base| format!("{base}alerts.html#{}", alert.id)),
        }
    }
}

/// The alerts a send at `now` owes mail for: every usable alert showing today in the
/// schedule's zone, or only `only` (an alert's id) of them.
pub fn showing(project: &Project, now: DateTime<Utc>, only: Option<&str>) -> Vec<Alert> {
    let today = now.with_timezone(&project.schedule.timezone).date_naive();
    crate::content::alerts::load_usable(&project.root, &project.catalog)
        .into_iter()
        .filter(|a| a.shows_on(today) && only.is_none_or(|id| id == a.id))
        .collect()
}

/// The alert as an edition, in the schedule's language and in each of `languages`: the
/// subject from the `email-alert-subject` label, the labels of the templates loaded into
/// `renderer`.
pub fn render(
    project: &Project,
    renderer: &mut Renderer,
    alert: &Alert,
    languages: &[Language],
) -> Result<Edition, Error> {
    let view = serde_json::to_value(AlertView::new(project, alert))
        .map_err(|e| Error::Usage(format!("alert {}: {e}", alert.id)))?;
    let schedule_language = &project.schedule.language;
    let mut in_language = |language: &Language| -> Result<Edition, Error> {
        let (locale, _) = project.locale(language)?;
        renderer.add_locale(locale.clone());
        let subject = locale.label("email-alert-subject", &[("alert", &alert.title)]);
        Ok(Edition::alert(
            alert.post_id(),
            language.to_string(),
            subject,
            view.clone(),
        ))
    };
    let mut edition = in_language(schedule_language)?;
    for language in languages.iter().filter(|l| *l != schedule_language) {
        let other = in_language(language)?;
        edition.languages.insert(language.to_string(), other);
    }
    Ok(edition)
}

/// One alert's mail for `status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertStatus {
    pub edition: String,
    pub sent: u64,
    /// Claimed or deferred, or owed to someone who chose urgent requests (an alert showing).
    pub pending: u64,
    pub failed: u64,
}

/// Every alert mailed, and every alert showing at `now`, with how many messages were sent and
/// how many are still to go.
pub fn status(
    project: &Project,
    store: &crate::mail::store::Store,
    now: DateTime<Utc>,
) -> Result<Vec<AlertStatus>, Error> {
    let mut out: Vec<AlertStatus> = store
        .alert_sends()?
        .into_iter()
        .map(|a| AlertStatus {
            edition: a.edition,
            sent: a.sent,
            pending: a.pending,
            failed: a.failed,
        })
        .collect();
    for alert in showing(project, now, None) {
        let edition = alert.post_id();
        // Opted in since it went out, or never reached: owed, with no journal row yet.
        let mut owed = 0u64;
        let mut after = 0;
        loop {
            let page = store.alert_candidates(&edition, after, 512, None)?;
            let Some(last) = page.last() else { break };
            after = last.0.id;
            owed += page.iter().filter(|(_, state)| state.is_none()).count() as u64;
        }
        match out.iter_mut().find(|a| a.edition == edition) {
            Some(a) => a.pending += owed,
            None if owed > 0 => out.push(AlertStatus {
                edition,
                sent: 0,
                pending: owed,
                failed: 0,
            }),
            None => {}
        }
    }
    out.sort_by(|a, b| a.edition.cmp(&b.edition));
    Ok(out)
}

/// The lines `status` prints about alerts: nothing when no alert was ever mailed or is owed.
pub fn render_status(alerts: &[AlertStatus], chose: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if alerts.is_empty() && chose == 0 {
        return out;
    }
    let _ = writeln!(
        out,
        "urgent alerts by email ({chose} subscriber{} chose them):",
        if chose == 1 { "" } else { "s" }
    );
    if alerts.is_empty() {
        let _ = writeln!(out, "  none mailed yet");
    }
    for a in alerts {
        let _ = write!(
            out,
            "  {}: {} sent, {} pending",
            a.edition, a.sent, a.pending
        );
        if a.failed > 0 {
            let _ = write!(out, ", {} failed", a.failed);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_edition_is_keyed_by_the_alert_and_keeps_its_view() {
        let view = serde_json::json!({ "title": "Pastor arrested" });
        let edition = Edition::alert(
            "alert-2026-12-07-ng".into(),
            "en".into(),
            "Urgent prayer: Pastor arrested".into(),
            view,
        );
        assert_eq!(edition.id, "alert-2026-12-07-ng");
        assert_eq!(edition.subject, "Urgent prayer: Pastor arrested");
        assert!(edition.is_alert());
    }

    #[test]
    fn status_lists_each_alert_with_sent_and_pending_and_is_silent_without_any() {
        assert_eq!(render_status(&[], 0), "");
        let alerts = [AlertStatus {
            edition: "alert-2026-12-07-ng".into(),
            sent: 3,
            pending: 1,
            failed: 0,
        }];
        assert_eq!(
            render_status(&alerts, 4),
            "urgent alerts by email (4 subscribers chose them):\n  alert-2026-12-07-ng: 3 sent, 1 pending\n"
        );
        assert_eq!(
            render_status(&[], 1),
            "urgent alerts by email (1 subscriber chose them):\n  none mailed yet\n"
        );
    }
}
