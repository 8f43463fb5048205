//! `status`: next deliveries, the last run, what waits for a retry, and the "I will pray"
//! counts; non-zero when someone should look (see [`crate::mail::health`]).

use std::path::Path;
use std::process::ExitCode;

use super::write_out;
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let health = crate::mail::health::check(&project, now)?;
    let chats = crate::post::status::check(&project, now)?;
    let code = if health.healthy() && chats.healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    // "I will pray", summed for the editors (nothing while no one has pressed it).
    let store = crate::mail::store::Store::open(&project.path(&project.schedule.email.database))?;
    let today = now.with_timezone(&project.schedule.timezone).date_naive();
    let prayers = crate::web::commitments::summary(&store, today)?;
    let mut report = health.render(project.schedule.timezone) + &chats.text + &prayers.render();
    if project.schedule.push.is_some()
        && let Some(push) = crate::push::send::standing(&project, now)?
    {
        report.push_str(&format!(
            "Reminders by Web Push: {} subscribed; today {} sent, {} pending{}\n",
            push.subscriptions,
            push.sent,
            push.pending,
            if push.failed > 0 {
                format!(", {} failed", push.failed)
            } else {
                String::new()
            }
        ));
    }
    match write_out(&report) {
        Ok(()) | Err(Error::OutputClosed) => Ok(code),
        Err(e) => Err(e),
    }
}
