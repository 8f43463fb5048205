//! `status`: next deliveries, the last run, what waits for a retry; non-zero when someone
//! should look (see [`crate::mail::health`]).

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
    let text = health.render(project.schedule.timezone) + &chats.text;
    match write_out(&text) {
        Ok(()) | Err(Error::OutputClosed) => Ok(code),
        Err(e) => Err(e),
    }
}
