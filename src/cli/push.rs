//! `push`: the VAPID key, and one round of Web Push reminders.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::{PushCommand, outln};
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, command: PushCommand) -> Result<ExitCode, Error> {
    match command {
        PushCommand::Keys { out } => keys(&out),
        PushCommand::Send { now } => {
            let project = Project::load(config)?;
            let stop = crate::mail::signals::stop_flag()?;
            let now = now.unwrap_or_else(chrono::Utc::now);
            let report = crate::push::send::run(&project, now, stop, &mut |note| {
                eprintln!("{note}");
            })?;
            let line = report.summary();
            if line.is_empty() {
                outln!("push: nothing due");
            } else {
                outln!("{line}");
            }
            Ok(if report.failed + report.deferred > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Writes a new key to `out`, created with mode 0600 so no one else can read it even for a
/// moment, never over an existing file.
fn keys(out: &Path) -> Result<ExitCode, Error> {
    let pem = crate::push::keys::generate_pem().map_err(Error::Usage)?;
    let key = crate::push::keys::VapidKey::from_pem(&pem, "the new key").map_err(Error::Usage)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!(
                "{} exists: a new key would stop every browser's subscription; remove it first \
                 if that is what you want",
                out.display()
            ))
        } else {
            Error::io("create", out, e)
        }
    })?;
    file.write_all(pem.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("write", out, e))?;
    outln!(
        "wrote the private key to {} (readable by you only)",
        out.display()
    );
    outln!(
        "public key (the pages' applicationServerKey): {}",
        key.public_base64()
    );
    Ok(ExitCode::SUCCESS)
}
