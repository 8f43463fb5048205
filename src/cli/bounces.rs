//! `bounces`: bounce reports in, bounce counts and stopped addresses out.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::BouncesArgs;
use crate::content::project::Project;
use crate::error::Error;
use crate::mail::bounces::{BounceAddress, Verdict, handle};
use crate::mail::store::Store;

/// sysexits' EX_TEMPFAIL: an MTA keeps the message and tries the pipe again later.
const TEMPORARY_FAILURE: u8 = 75;

pub fn run(config: &Path, args: BouncesArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let email = &project.schedule.email;
    let bounce_address = email
        .bounce_address
        .as_deref()
        .and_then(BounceAddress::parse);
    let database = project.path(&email.database);
    let mut messages: Vec<(String, Vec<u8>)> = Vec::new();
    match &args.path {
        None => {
            let mut raw = Vec::new();
            std::io::stdin()
                .read_to_end(&mut raw)
                .map_err(|e| Error::io("read", Path::new("standard input"), e))?;
            messages.push(("standard input".into(), raw));
        }
        Some(path) if path.is_dir() => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io("read", path, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            files.sort();
            for file in files {
                let raw = std::fs::read(&file).map_err(|e| Error::io("read", &file, e))?;
                messages.push((file.display().to_string(), raw));
            }
        }
        Some(file) => {
            let raw = std::fs::read(file).map_err(|e| Error::io("read", file, e))?;
            messages.push((file.display().to_string(), raw));
        }
    }
    let mut store = match Store::open(&database) {
        Ok(s) => s,
        Err(e) => return temporary(e, args.path.is_none()),
    };
    let (mut hard, mut soft, mut marked, mut ignored) = (0, 0, 0, 0);
    for (source, raw) in &messages {
        let verdict = match handle(
            &mut store,
            raw,
            bounce_address.as_ref(),
            args.recipient.as_deref(),
            email.bounce_limit,
        ) {
            Ok(v) => v,
            Err(e) => return temporary(e, args.path.is_none()),
        };
        match &verdict {
            Verdict::Counted { failure, tally, .. } => {
                match failure.severity {
                    crate::mail::bounces::Severity::Hard => hard += 1,
                    crate::mail::bounces::Severity::Soft => soft += 1,
                }
                marked += usize::from(tally.marked);
            }
            Verdict::Ignored(_) | Verdict::Repeat { .. } => ignored += 1,
        }
        println!("{}", verdict.describe(source));
    }
    if args.path.as_ref().is_some_and(|p| p.is_dir()) {
        println!(
            "read {} message{}: {hard} hard bounce{}, {soft} soft, {marked} address{} stopped, {ignored} ignored",
            messages.len(),
            if messages.len() == 1 { "" } else { "s" },
            if hard == 1 { "" } else { "s" },
            if marked == 1 { "" } else { "es" },
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A database error: from an MTA pipe, ask for a retry; by hand, a plain error.
fn temporary(e: Error, from_stdin: bool) -> Result<ExitCode, Error> {
    if from_stdin {
        eprintln!("error: {e}: the report was not counted; the mail server will deliver it again");
        Ok(ExitCode::from(TEMPORARY_FAILURE))
    } else {
        Err(e)
    }
}
