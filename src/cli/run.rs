//! `run`: the service that sends each digest as it falls due.

use std::path::Path;
use std::process::ExitCode;

use crate::error::Error;
use crate::mail::service::{Clock, serve};

pub fn run(
    config: &Path,
    now: Option<chrono::DateTime<chrono::Utc>>,
    without_unsubscribe: bool,
) -> Result<ExitCode, Error> {
    let clock = now.map_or(Clock::system(), Clock::starting_at);
    let stop = crate::mail::signals::stop_flag()?;
    serve(
        config,
        clock,
        stop,
        without_unsubscribe,
        &mut std::io::stderr(),
    )?;
    Ok(ExitCode::SUCCESS)
}
