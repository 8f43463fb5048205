//! `serve`: the web side of subscriptions.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use crate::error::Error;
use crate::web::{Options, serve};

pub fn run(
    config: &Path,
    listen: Option<SocketAddr>,
    with_scheduler: bool,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<ExitCode, Error> {
    let stop = crate::mail::signals::stop_flag()?;
    serve(
        config,
        &Options {
            listen,
            with_scheduler,
            now,
        },
        stop,
    )?;
    Ok(ExitCode::SUCCESS)
}
