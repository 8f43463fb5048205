//! SIGTERM and SIGINT ask for a clean stop: the messages in flight finish, the journal is left
//! consistent, and the process exits 0. A second signal stops at once.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

static STOP: AtomicBool = AtomicBool::new(false);
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// The flag set when a stop is asked for; installs the handler on first use.
pub fn stop_flag() -> Result<&'static AtomicBool, Error> {
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                if STOP.swap(true, Ordering::SeqCst) {
                    // Asked twice: the person means it.
                    std::process::exit(130);
                }
                eprintln!(
                    "stopping: finishing the messages in flight (signal again to stop at once)"
                );
            })
            .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(|e| Error::Usage(format!("could not install the signal handler: {e}")))?;
    Ok(&STOP)
}
